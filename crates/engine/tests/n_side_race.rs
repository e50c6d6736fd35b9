//! The race on N sides (engine `reaction::n_side_race`): a third side without warheads or menu
//! gives the two-side race turn for turn, a hand-checked three-side race, and bad input.

mod common;
use common::{boat_menu, boats, option, scenario, side, with_unarmed_third};

use proptest::prelude::*;
use reykjavik_engine::model::{Alert, Basing, ByAlert, ForceElement, Scenario};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::{Method, Position, ResponseMenu, Search};
use reykjavik_engine::reaction::n_side_race::{self, NSideRace, NSideRaceSettings};
use reykjavik_engine::reaction::race::{self, Outcome, Race, RaceSettings, SpiralCause};
use reykjavik_engine::stability::AnalysisOptions;

/// A: ten boats always at sea; B: fifty single-warhead silos (as the two-side race tests).
fn two_sides() -> Scenario {
    let silos = ForceElement::ballistic("silos", Basing::Silo, 50, 1, 300.0, 150.0);
    scenario(vec![
        side("A", vec![boats(10, 1.0)]),
        side("B", vec![silos]),
    ])
}

/// The two-side tests' menu: side 0 as `boat_menu`, side 1 adds ten silos for 5.
fn two_side_menu() -> ResponseMenu {
    let mut m = boat_menu(&[0]);
    m.options
        .push(option(1, "side[1].force[0].launchers", 10.0, 100.0, 5.0));
    m
}

fn settings(position: Position, rounds: u32, bound: f64) -> RaceSettings {
    RaceSettings {
        search: Search::new(position, AnalysisOptions::default()),
        rounds,
        bound,
    }
}

fn n_side(sides: usize, race: RaceSettings) -> NSideRaceSettings {
    NSideRaceSettings {
        race,
        options: MultiOptions::uniform(sides, Alert::DayToDay, false),
    }
}

/// Halves side 0's reliability: its retaliation falls by half.
fn halve_reliability(s: &Scenario) -> Scenario {
    let mut out = s.clone();
    out.sides[0].forces[0].reliability = 0.5;
    out
}

/// Turn by turn: the same responses, forces, C1, C2, ratios, positions, index and outcome.
fn assert_same_race(two: &Race, n: &NSideRace) {
    assert_eq!(two.rounds.len(), n.turns.len());
    assert_eq!(two.start_index, n.start_index);
    assert_eq!(n.order, vec![1 - two.mover, two.mover]);
    for (r, t) in two.rounds.iter().zip(&n.turns) {
        assert_eq!((r.round, r.actor), (t.turn, t.actor));
        assert_eq!(r.index, t.index, "turn {}", t.turn);
        let (a, b) = (r.response.as_ref(), t.response.as_ref());
        assert_eq!(a.map(|x| &x.steps), b.map(|x| &x.steps));
        assert_eq!(a.map(|x| x.cost), b.map(|x| x.cost));
        assert_eq!(a.map(|x| x.method), b.map(|x| x.method));
        assert_eq!(
            a.map(|x| (x.target, x.before, x.after)),
            b.map(|x| (x.target, x.before, x.after))
        );
        for s in 0..2 {
            let (two_side, actor) = (&r.sides[s], &t.actors[s]);
            assert_eq!(two_side.warheads, actor.warheads);
            assert_eq!(two_side.launchers, actor.launchers);
            assert_eq!(two_side.interceptors, actor.interceptors);
            assert_eq!(two_side.cost_striking_first, actor.cost_striking_first);
            assert_eq!(two_side.cost_struck_first, actor.cost_struck_first);
            assert_eq!(two_side.ratio, actor.overall);
            assert_eq!(
                two_side.position, actor.position,
                "turn {} side {s}",
                t.turn
            );
        }
    }
    assert_eq!(two.outcome, n.outcome);
}

/// Runs both races: the two-side one for `2 rounds` turns, the N-side one for `rounds` rounds.
fn both_races(
    two: &Scenario,
    moved: &Scenario,
    mover: usize,
    race: RaceSettings,
) -> (Race, NSideRace) {
    let two_side_settings = RaceSettings {
        rounds: 2 * race.rounds,
        ..race
    };
    let two_side = race::race(two, moved, mover, &two_side_menu(), &two_side_settings).unwrap();
    let base = MultiScenario::plain(with_unarmed_third(two));
    let n = n_side_race::race(
        &base,
        &with_unarmed_third(moved),
        mover,
        &two_side_menu(),
        &n_side(3, race),
    )
    .unwrap();
    (two_side, n)
}

#[test]
fn an_unarmed_third_side_without_a_menu_gives_the_two_side_race() {
    let mut responses = 0;
    for position in Position::ALL {
        for (rounds, bound) in [(3, 50.0), (3, 1.5), (1, 50.0)] {
            let two = two_sides();
            let (a, b) = both_races(
                &two,
                &halve_reliability(&two),
                1,
                settings(position, rounds, bound),
            );
            assert_same_race(&a, &b);
            responses += a
                .rounds
                .iter()
                .filter(|r| r.response.as_ref().is_some_and(|x| !x.is_none()))
                .count();
        }
    }
    // The races compared are not all empty: some side answered.
    assert!(responses >= 3, "{responses}");
}

fn random_two_sides() -> impl Strategy<Value = Scenario> {
    (
        (5u32..60, 1u32..4, 0.0f64..0.9),
        (5u32..60, 0.5f64..1.0, 0.5f64..1.0),
    )
        .prop_map(|((a, wa, sea), (b, ra, rb))| {
            let mut s = two_sides();
            s.sides[0].forces[0].launchers = a;
            s.sides[0].forces[0].warheads_per_launcher = wa;
            s.sides[0].forces[0].untargetable_share = ByAlert {
                day_to_day: sea,
                generated: sea,
            };
            s.sides[0].forces[0].reliability = ra;
            s.sides[1].forces[0].launchers = b;
            s.sides[1].forces[0].reliability = rb;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// The invariant of issue 10 for the race: a third side with no warheads and no menu option
    /// changes nothing, whoever moves and whatever the position.
    #[test]
    fn a_third_side_with_no_launchers_changes_no_race(
        two in random_two_sides(),
        mover in 0usize..2,
        p in 0usize..3,
    ) {
        let mut moved = two.clone();
        let f = &mut moved.sides[1 - mover].forces[0];
        f.reliability *= 0.6;
        let race = settings(Position::ALL[p], 2, 50.0);
        let (a, b) = both_races(&two, &moved, mover, race);
        assert_same_race(&a, &b);
    }
}

/// Three sides, each with ten single-warhead boats always at sea (their retaliation is
/// warheads x reliability, whatever anyone else does). C "moves": A's and B's reliability
/// halves, so each retaliation falls from 10 to 5. In order after C: A restores 10 with one
/// more warhead per boat (cost 8; ten more boats would cost 10), B the same, C needs nothing
/// (10 held), A and B hold what they restored: after B's change, C and A pass: settles in
/// turn 4 (round 2).
fn three_boats() -> Scenario {
    scenario(vec![
        side("A", vec![boats(10, 1.0)]),
        side("B", vec![boats(10, 1.0)]),
        side("C", vec![boats(10, 1.0)]),
    ])
}

fn halve_a_and_b(s: &Scenario) -> Scenario {
    let mut out = s.clone();
    out.sides[0].forces[0].reliability = 0.5;
    out.sides[1].forces[0].reliability = 0.5;
    out
}

fn three_side_race(bound: f64) -> NSideRace {
    let base = three_boats();
    n_side_race::race(
        &MultiScenario::plain(base.clone()),
        &halve_a_and_b(&base),
        2,
        &boat_menu(&[0, 1, 2]),
        &n_side(3, settings(Position::Retaliation, 5, bound)),
    )
    .unwrap()
}

#[test]
fn a_three_side_race_by_hand() {
    let r = three_side_race(50.0);
    assert_eq!(r.order, vec![0, 1, 2]);
    assert_eq!(r.outcome, Outcome::Settles { round: 4 });
    let actors: Vec<usize> = r.turns.iter().map(|t| t.actor).collect();
    assert_eq!(actors, vec![2, 0, 1, 2, 0]);
    let rounds: Vec<u32> = r.turns.iter().map(|t| t.round).collect();
    assert_eq!(rounds, vec![0, 1, 1, 1, 2]);
    assert!(r.start.iter().all(|a| (a.position - 10.0).abs() < 1e-9));
    for (turn, actor) in [(1, 0), (2, 1)] {
        let b = r.turns[turn].response.as_ref().unwrap();
        assert_eq!(b.method, Method::Exact);
        assert_eq!(b.cost, 8.0);
        assert!((b.before - 5.0).abs() < 1e-9 && (b.after - 10.0).abs() < 1e-9);
        assert_eq!(r.turns[turn].actors[actor].warheads, 20);
    }
    for turn in [3, 4] {
        assert!(r.turns[turn].response.as_ref().unwrap().is_none());
    }
    let last = &r.turns[4].actors;
    assert_eq!(
        last.iter().map(|a| a.warheads).collect::<Vec<_>>(),
        [20, 20, 10]
    );
}

/// With a bound of 1.5, A's upload (10 -> 20 warheads) is past it in turn 1.
#[test]
fn a_three_side_response_past_the_bound_is_a_spiral() {
    let r = three_side_race(1.5);
    let spiral = Outcome::Spiral {
        round: 1,
        side: 0,
        cause: SpiralCause::PastBound,
    };
    assert_eq!(r.outcome, spiral);
    assert_eq!(r.turns.len(), 2);
}

/// The positions on N sides: struck-cost the worst C2, ratio the overall ratio, retaliation the
/// worst over the strikers; all finite and the index the product of the overall ratios.
#[test]
fn n_side_positions_are_the_worst_over_the_opponents() {
    let base = three_boats();
    for position in Position::ALL {
        let r = n_side_race::race(
            &MultiScenario::plain(base.clone()),
            &halve_a_and_b(&base),
            2,
            &boat_menu(&[0, 1, 2]),
            &n_side(3, settings(position, 1, 50.0)),
        )
        .unwrap();
        for t in &r.turns {
            let product: f64 = t.actors.iter().map(|a| a.overall).product();
            assert!((t.index - product).abs() < 1e-12);
            for a in &t.actors {
                assert!(a.position.is_finite());
                if position == Position::Ratio {
                    assert_eq!(a.position, a.overall);
                }
                if position == Position::StruckCost {
                    assert!(a.position >= a.cost_struck_first);
                }
            }
        }
    }
}

#[test]
fn bad_n_side_race_input_is_refused_by_name() {
    let base = three_boats();
    let ms = MultiScenario::plain(base.clone());
    let moved = halve_a_and_b(&base);
    let good = n_side(3, settings(Position::Retaliation, 2, 50.0));
    let run = |mover: usize, menu: &ResponseMenu, s: &NSideRaceSettings| {
        n_side_race::race(&ms, &moved, mover, menu, s).unwrap_err()
    };
    let e = run(3, &boat_menu(&[0, 1, 2]), &good);
    assert_eq!(e.field(), Some("mover"));
    let e = run(
        0,
        &ResponseMenu {
            options: vec![],
            ..boat_menu(&[])
        },
        &good,
    );
    assert_eq!(e.field(), Some("option"));
    for (rounds, bound, field) in [(0, 50.0, "rounds"), (2, 0.5, "bound")] {
        let bad = n_side(3, settings(Position::Retaliation, rounds, bound));
        let e = run(0, &boat_menu(&[0, 1, 2]), &bad);
        assert_eq!(e.field(), Some(field), "{e}");
    }
}

/// K on the three-boat scenario: a build of A (one boat for 1 and one warhead per boat for 8,
/// cost 9) leaves B's and C's retaliation (their own boats at sea) unchanged, so nobody answers:
/// K = 0 and K - A = -a I is stable for any a > 0.
#[test]
fn reaction_coefficients_among_untouchable_boats_are_zero() {
    let base = three_boats();
    let m = n_side_race::reaction_matrix(
        &MultiScenario::plain(base),
        &boat_menu(&[0, 1, 2]),
        &n_side(3, settings(Position::Retaliation, 1, 50.0)),
    )
    .unwrap();
    assert_eq!(m.build_cost, vec![9.0; 3]);
    assert!(m.k.iter().flatten().all(|&k| k == 0.0), "{:?}", m.k);
    assert!(m.restored.iter().flatten().all(|&r| r));
    let model = reykjavik_engine::reaction::richardson_n::NRichardson {
        k: m.k,
        a: vec![0.5; 3],
        g: vec![0.0; 3],
    };
    assert!(model.analyse().stable);
}

/// An actor whose options are all at their caps has no build: refused by name.
#[test]
fn an_actor_without_room_has_no_column_of_k() {
    let mut menu = boat_menu(&[0, 1, 2]);
    for o in menu.options.iter_mut().filter(|o| o.side == 1) {
        o.cap = if o.path.ends_with("launchers") {
            10.0
        } else {
            1.0
        };
    }
    let e = n_side_race::reaction_matrix(
        &MultiScenario::plain(three_boats()),
        &menu,
        &n_side(3, settings(Position::Retaliation, 1, 50.0)),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("option"));
    assert!(e.to_string().contains("`B`"), "{e}");
}
