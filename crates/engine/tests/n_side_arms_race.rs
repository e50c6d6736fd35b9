//! Arms-race stability on N sides (engine `reaction::n_side_arms_race`): a third side without
//! warheads or menu gives the two-side figures, untouchable boats draw no response, bad input.

mod common;
use common::{boat_menu, boats, option, scenario, side, with_unarmed_third};

use reykjavik_engine::model::{Alert, Basing, ForceElement, Scenario};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::arms_race;
use reykjavik_engine::reaction::best_response::{Position, ResponseMenu, Search};
use reykjavik_engine::reaction::n_side_arms_race::{NSideArmsRace, n_side_arms_race};
use reykjavik_engine::stability::AnalysisOptions;

/// A: ten boats, `sea` of them always at sea; B: fifty single-warhead silos.
fn two_sides(sea: f64) -> Scenario {
    let silos = ForceElement::ballistic("silos", Basing::Silo, 50, 1, 300.0, 150.0);
    scenario(vec![
        side("A", vec![boats(10, sea)]),
        side("B", vec![silos]),
    ])
}

/// Side 0 as `boat_menu`; side 1 adds ten silos for 5, or more reliable silos.
fn two_side_menu() -> ResponseMenu {
    let mut m = boat_menu(&[0]);
    m.options
        .push(option(1, "side[1].force[0].launchers", 10.0, 100.0, 5.0));
    m.options
        .push(option(1, "side[1].force[0].reliability", 0.1, 1.0, 3.0));
    m
}

fn search(position: Position) -> Search {
    Search::new(position, AnalysisOptions::default())
}

fn n_side(ms: &MultiScenario, menu: &ResponseMenu, position: Position) -> NSideArmsRace {
    let options = MultiOptions::uniform(ms.scenario.sides.len(), Alert::DayToDay, false);
    n_side_arms_race(ms, menu, &search(position), &options).unwrap()
}

#[test]
fn an_unarmed_third_side_without_a_menu_gives_the_two_side_figures() {
    let mut compared = 0;
    let mut answered = 0;
    for sea in [0.2, 0.6, 1.0] {
        let two = two_sides(sea);
        let menu = two_side_menu();
        for position in Position::ALL {
            let pair = arms_race::arms_race_stability(&two, &menu, &search(position)).unwrap();
            let ms = MultiScenario::plain(with_unarmed_third(&two));
            let n = n_side(&ms, &menu, position);
            assert_eq!(n.actor_names, vec!["A", "B", "C"]);
            // C has no option: no exposure.
            assert_eq!(n.exposures.len(), 2);
            for (e, x) in pair.iter().zip(&n.exposures) {
                assert_eq!(e.side, x.actor);
                assert_eq!(e.provocations.len(), x.provocations.len());
                for (p, q) in e.provocations.iter().zip(&x.provocations) {
                    assert_eq!(q.mover, 1 - e.side);
                    let q = &q.provocation;
                    assert_eq!((p.option, p.move_cost), (q.option, q.move_cost));
                    assert_eq!(p.per_unit, q.per_unit, "{position:?} sea {sea}");
                    assert_eq!(p.response.steps, q.response.steps);
                    assert_eq!(p.response.restored(), q.response.restored());
                    compared += 1;
                    answered += usize::from(p.per_unit > 0.0);
                }
                assert_eq!(e.most_provocative, x.most_provocative);
                let w = (e.worst(), x.worst().map(|w| &w.provocation));
                assert_eq!(
                    w.0.map(|p| (p.option, p.per_unit, p.response.restored())),
                    w.1.map(|p| (p.option, p.per_unit, p.response.restored()))
                );
            }
        }
    }
    // Not all empty nor all zero: some move drew a response.
    assert!(compared >= 18, "{compared}");
    assert!(answered >= 1, "{answered}");
}

/// Three sides of ten single-warhead boats always at sea: each one's retaliation is its own
/// warheads x reliability (10), whatever anyone builds, so no move draws a response: every
/// per unit is 0, every response restored, and the most provocative is the first (ties).
#[test]
fn moves_that_leave_a_position_unchanged_draw_no_response() {
    let three = scenario(vec![
        side("A", vec![boats(10, 1.0)]),
        side("B", vec![boats(10, 1.0)]),
        side("C", vec![boats(10, 1.0)]),
    ]);
    let n = n_side(
        &MultiScenario::plain(three),
        &boat_menu(&[0, 1, 2]),
        Position::Retaliation,
    );
    assert_eq!(n.exposures.len(), 3);
    for e in &n.exposures {
        assert_eq!(e.position, 10.0);
        // Two movers x two options each, movers in actor order.
        let movers: Vec<usize> = e.provocations.iter().map(|p| p.mover).collect();
        let others: Vec<usize> = (0..3).filter(|&a| a != e.actor).collect();
        assert_eq!(movers, vec![others[0], others[0], others[1], others[1]]);
        let costs: Vec<f64> = e
            .provocations
            .iter()
            .map(|p| p.provocation.move_cost)
            .collect();
        assert_eq!(costs, vec![1.0, 8.0, 1.0, 8.0]);
        for p in &e.provocations {
            assert_eq!(p.provocation.per_unit, 0.0);
            assert!(p.provocation.response.is_none());
            assert!(p.provocation.response.restored());
        }
        assert_eq!(e.most_provocative, Some(0));
    }
}

/// An option at its cap is no move; nobody else with room leaves no most provocative.
#[test]
fn options_at_their_caps_are_no_moves() {
    let three = scenario(vec![
        side("A", vec![boats(10, 1.0)]),
        side("B", vec![boats(10, 1.0)]),
    ]);
    let mut menu = boat_menu(&[0, 1]);
    for o in menu.options.iter_mut().filter(|o| o.side == 1) {
        o.cap = if o.path.ends_with("launchers") {
            10.0
        } else {
            1.0
        };
    }
    let n = n_side(&MultiScenario::plain(three), &menu, Position::Retaliation);
    assert!(n.exposures[0].provocations.is_empty());
    assert_eq!(n.exposures[0].most_provocative, None);
    assert_eq!(n.exposures[1].provocations.len(), 2);
}

#[test]
fn an_armed_actor_without_an_option_is_refused_by_name() {
    let three = scenario(vec![
        side("A", vec![boats(10, 1.0)]),
        side("B", vec![boats(10, 1.0)]),
        side("C", vec![boats(10, 1.0)]),
    ]);
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let e = n_side_arms_race(
        &MultiScenario::plain(three),
        &boat_menu(&[0, 2]),
        &search(Position::Retaliation),
        &options,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("option"));
    assert!(e.to_string().contains("`B`"), "{e}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn random_two_sides() -> impl Strategy<Value = Scenario> {
        (
            (5u32..40, 1u32..4, 0.0f64..1.0),
            (5u32..60, 0.5f64..1.0, 0.5f64..0.9),
        )
            .prop_map(|((a, wa, sea), (b, ra, rb))| {
                let mut s = two_sides(sea);
                s.sides[0].forces[0].launchers = a;
                s.sides[0].forces[0].warheads_per_launcher = wa;
                s.sides[0].forces[0].reliability = ra;
                s.sides[1].forces[0].launchers = b;
                s.sides[1].forces[0].reliability = rb;
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// The invariant of issue 10: a third side with no warheads and no menu option changes
        /// no side's exposure (per unit, response, most provocative), whatever the position.
        #[test]
        fn a_third_side_with_no_launchers_changes_no_exposure(
            two in random_two_sides(),
            p in 0usize..3,
        ) {
            let position = Position::ALL[p];
            let menu = two_side_menu();
            let pair = arms_race::arms_race_stability(&two, &menu, &search(position)).unwrap();
            let n = n_side(&MultiScenario::plain(with_unarmed_third(&two)), &menu, position);
            prop_assert_eq!(n.exposures.len(), 2);
            for (e, x) in pair.iter().zip(&n.exposures) {
                let a: Vec<f64> = e.provocations.iter().map(|p| p.per_unit).collect();
                let b: Vec<f64> = x.provocations.iter().map(|p| p.provocation.per_unit).collect();
                prop_assert_eq!(a, b);
                for (p, q) in e.provocations.iter().zip(&x.provocations) {
                    prop_assert_eq!(&p.response.steps, &q.provocation.response.steps);
                }
                prop_assert_eq!(e.most_provocative, x.most_provocative);
            }
        }
    }
}
