//! Best response, the race and arms-race stability (engine `reaction`): hand-computed cases,
//! the search against brute force, and the property that a move which leaves the other side's
//! position unchanged draws no response.

use proptest::prelude::*;
use reykjavik_engine::model::{Basing, ByAlert, ForceElement, Scenario, Side};
use reykjavik_engine::model::{ValueModel, ValueUnit};
use reykjavik_engine::reaction::arms_race;
use reykjavik_engine::reaction::best_response::{
    self, Method, Position, ResponseMenu, ResponseOption, Search,
};
use reykjavik_engine::reaction::race::{self, Outcome, RaceSettings, SpiralCause};
use reykjavik_engine::stability::AnalysisOptions;

/// Side 0: ten boats, one warhead each, always at sea (untargetable): its retaliation is its
/// warheads times their reliability, whatever side 1 does. Side 1: fifty single-warhead silos.
/// Value is counted in warheads on both sides.
fn hand_scenario() -> Scenario {
    let mut boats = ForceElement::ballistic("boats", Basing::Submarine, 10, 1, 100.0, 100.0);
    boats.untargetable_share = ByAlert {
        day_to_day: 1.0,
        generated: 1.0,
    };
    let silos = ForceElement::ballistic("silos", Basing::Silo, 50, 1, 300.0, 150.0);
    let side = |name: &str, force: ForceElement| Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 100.0,
        },
        forces: vec![force],
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    };
    Scenario {
        name: "hand".into(),
        description: String::new(),
        sides: vec![side("A", boats), side("B", silos)],
        options: Default::default(),
        uncertain: vec![],
    }
}

fn option(side: usize, path: &str, step: f64, cap: f64, cost: f64) -> ResponseOption {
    ResponseOption {
        name: path.into(),
        side,
        path: path.into(),
        step,
        cap,
        cost,
    }
}

/// Side 0 can add boat launchers (1 each) or upload one warhead on every boat (8 a step).
fn menu(launcher_cap: f64, warhead_cap: f64) -> ResponseMenu {
    ResponseMenu {
        name: "m".into(),
        cost_unit: "units".into(),
        options: vec![
            option(0, "side[0].force[0].launchers", 1.0, launcher_cap, 1.0),
            option(
                0,
                "side[0].force[0].warheads_per_launcher",
                1.0,
                warhead_cap,
                8.0,
            ),
            option(1, "side[1].force[0].launchers", 10.0, 100.0, 5.0),
        ],
    }
}

fn search() -> Search {
    Search::new(Position::Retaliation, AnalysisOptions::default())
}

/// The hand scenario after a "move" that halves side 0's reliability: its retaliation falls
/// from 10 to 5 arriving warheads.
fn halved() -> Scenario {
    let mut s = hand_scenario();
    s.sides[0].forces[0].reliability = 0.5;
    s
}

#[test]
fn retaliation_of_untargetable_boats_is_warheads_times_reliability() {
    let before = best_response::position_of(&hand_scenario(), 0, &search()).unwrap();
    let after = best_response::position_of(&halved(), 0, &search()).unwrap();
    assert!((before - 10.0).abs() < 1e-9, "{before}");
    assert!((after - 5.0).abs() < 1e-9, "{after}");
}

/// Restoring 10 from 5: 10 more launchers (cost 10, 20 x 0.5) or one more warhead on each of the
/// 10 boats (cost 8, 10 x 2 x 0.5). Nothing cheaper reaches 10 (7 launchers give 8.5).
#[test]
fn the_cheapest_restoring_combination_is_found_exactly() {
    let r = best_response::best_response(&halved(), &menu(30.0, 4.0), 0, 10.0, &search()).unwrap();
    assert_eq!(r.method, Method::Exact);
    assert_eq!(r.steps, vec![(0, 0), (1, 1)]);
    assert_eq!(r.cost, 8.0);
    assert!((r.after - 10.0).abs() < 1e-9);
    assert!((r.before - 5.0).abs() < 1e-9);
    assert_eq!(r.scenario.sides[0].forces[0].warheads_per_launcher, 2);
    // No response, 7 launcher-only combinations, then the upload.
    assert_eq!(r.evaluations, 9);
}

/// With a budget of 4 evaluations the cost-ordered search stops before cost 4: the greedy
/// search finds the upload (gain 5 for 8 beats 0.5 for 1), and 4 is the proven lower bound.
#[test]
fn a_search_cut_short_reports_its_gap() {
    let search = Search {
        max_evaluations: 4,
        ..search()
    };
    let r = best_response::best_response(&halved(), &menu(30.0, 4.0), 0, 10.0, &search).unwrap();
    assert_eq!(r.method, Method::Search { lower_bound: 4.0 });
    assert_eq!(r.cost, 8.0);
    assert_eq!(r.gap(), 4.0);
    assert!(r.restored());
}

/// Caps of 12 launchers and 1 warhead: at most 12 x 0.5 = 6 < 10. The response is the whole
/// remaining menu (2 launchers) and is flagged; with a budget too small to try everything the
/// greedy search ends at the caps too, not proven.
#[test]
fn a_menu_that_cannot_restore_builds_to_its_caps() {
    let r = best_response::best_response(&halved(), &menu(12.0, 1.0), 0, 10.0, &search()).unwrap();
    assert_eq!(r.method, Method::CannotRestore { exhaustive: true });
    let small = Search {
        max_evaluations: 2,
        ..search()
    };
    let cut = best_response::best_response(&halved(), &menu(12.0, 1.0), 0, 10.0, &small).unwrap();
    assert_eq!(cut.method, Method::CannotRestore { exhaustive: false });
    assert_eq!(cut.steps, vec![(0, 2), (1, 0)]);
    assert!(!r.restored());
    assert_eq!(r.steps, vec![(0, 2), (1, 0)]);
    assert!((r.after - 6.0).abs() < 1e-9);
}

#[test]
fn a_side_without_options_is_an_error_naming_it() {
    let mut m = menu(30.0, 4.0);
    m.options.truncate(2);
    let e = best_response::best_response(&hand_scenario(), &m, 1, 0.0, &search()).unwrap_err();
    assert_eq!(e.field(), Some("option"));
    assert!(e.to_string().contains("no option for side `B`"), "{e}");
}

#[test]
fn positions_point_the_right_way() {
    assert!(Position::StruckCost.holds(0.5, 0.6, 0.0));
    assert!(!Position::StruckCost.holds(0.7, 0.6, 0.0));
    assert!(Position::Retaliation.holds(10.0, 10.0, 0.0));
    assert!(!Position::Ratio.holds(0.5, 0.6, 0.0));
    // 0.1 % of 10 is 0.01.
    assert!(Position::Retaliation.holds(9.995, 10.0, 1e-3));
    assert!(!Position::Retaliation.holds(9.98, 10.0, 1e-3));
}

fn settings(rounds: u32, bound: f64) -> RaceSettings {
    RaceSettings {
        search: search(),
        rounds,
        bound,
    }
}

/// Side 1 "moves" (side 0's reliability halves); side 0 uploads (10 -> 20 warheads). With a
/// bound of 1.5 that is past the bound in round 1.
#[test]
fn a_response_past_the_bound_is_a_spiral() {
    let r = race::race(
        &hand_scenario(),
        &halved(),
        1,
        &menu(30.0, 4.0),
        &settings(5, 1.5),
    )
    .unwrap();
    assert_eq!(
        r.outcome,
        Outcome::Spiral {
            round: 1,
            side: 0,
            cause: SpiralCause::PastBound
        }
    );
    assert_eq!(r.rounds.len(), 2);
    assert_eq!(r.rounds[1].sides[0].warheads, 20);
    assert_eq!(r.start[0].warheads, 10);
}

#[test]
fn a_response_short_of_its_target_is_a_spiral_at_the_caps() {
    let r = race::race(
        &hand_scenario(),
        &halved(),
        1,
        &menu(12.0, 1.0),
        &settings(5, 50.0),
    )
    .unwrap();
    let caps = Outcome::Spiral {
        round: 1,
        side: 0,
        cause: SpiralCause::Caps,
    };
    assert_eq!(r.outcome, caps);
}

/// With a wide bound the race goes on: side 1 answers the upload (its silos face twice the
/// warheads) unless its retaliation held; it ends settled or bounded, and every response on
/// the way restored its target.
#[test]
fn responses_on_the_way_restore_their_targets() {
    let r = race::race(
        &hand_scenario(),
        &halved(),
        1,
        &menu(30.0, 4.0),
        &settings(6, 50.0),
    )
    .unwrap();
    for round in &r.rounds[1..] {
        let b = round.response.as_ref().unwrap();
        assert!(b.restored());
        assert!(
            search()
                .position
                .holds(b.after, b.target, search().tolerance)
        );
        assert_eq!(round.sides[round.actor].position, b.after);
    }
    match r.outcome {
        Outcome::Settles { round } => {
            assert!(
                r.rounds[round as usize]
                    .response
                    .as_ref()
                    .unwrap()
                    .is_none()
            );
            assert_eq!(r.rounds.len(), round as usize + 1);
        }
        Outcome::Bounded => assert_eq!(r.rounds.len(), 7),
        Outcome::Spiral { .. } => panic!("{:?}", r.outcome),
    }
}

#[test]
fn one_round_with_a_response_within_the_bound_is_bounded() {
    let r = race::race(
        &hand_scenario(),
        &halved(),
        1,
        &menu(30.0, 4.0),
        &settings(1, 50.0),
    )
    .unwrap();
    assert_eq!(r.outcome, Outcome::Bounded);
    assert_eq!(r.rounds.len(), 2);
}

#[test]
fn race_settings_out_of_range_are_refused_by_name() {
    for (rounds, bound, tolerance, field) in [
        (0, 1.5, 1e-3, "rounds"),
        (101, 1.5, 1e-3, "rounds"),
        (5, 1.0, 1e-3, "bound"),
        (5, f64::NAN, 1e-3, "bound"),
        (5, 1.5, 0.6, "tolerance"),
        (5, 1.5, -0.1, "tolerance"),
    ] {
        let mut s = settings(rounds, bound);
        s.search.tolerance = tolerance;
        let e = race::check_settings(&s).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
}

/// A build that does not touch the exchange (non-deployed launchers count only for treaties)
/// draws no response: k = 0. Side 1's build of 10 silos does threaten side 0's... nothing
/// (its boats are untargetable), so l is about side 1's answer to side 0's uploads only.
#[test]
fn a_build_that_threatens_nothing_gives_a_zero_coefficient() {
    let m = ResponseMenu {
        name: "m".into(),
        cost_unit: "units".into(),
        options: vec![
            option(0, "side[0].force[0].launchers", 1.0, 30.0, 1.0),
            option(1, "side[1].force[0].non_deployed_launchers", 5.0, 50.0, 2.0),
        ],
    };
    let r = arms_race::reaction_coefficients(&hand_scenario(), &m, &search()).unwrap();
    assert_eq!(r.k, 0.0);
    assert_eq!(r.build_cost, [1.0, 2.0]);
    assert_eq!(r.l, r.response_cost[1] / 1.0);
    let exposure = arms_race::arms_race_stability(&hand_scenario(), &m, &search()).unwrap();
    assert_eq!(exposure[0].provocations.len(), 1);
    assert_eq!(exposure[0].worst().unwrap().per_unit, 0.0);
}

/// The most provocative move has the largest response per unit.
#[test]
fn the_most_provocative_move_draws_the_largest_response_per_unit() {
    let exposure =
        arms_race::arms_race_stability(&hand_scenario(), &menu(30.0, 4.0), &search()).unwrap();
    for e in &exposure {
        if let Some(worst) = e.worst() {
            assert!(e.provocations.iter().all(|p| p.per_unit <= worst.per_unit));
        }
    }
}

/// A small random scenario: side 0 with silos and boats, side 1 with silos and boats.
fn random_scenario() -> impl Strategy<Value = Scenario> {
    (
        (5u32..60, 1u32..4, 0.0f64..0.9),
        (5u32..60, 1u32..4, 0.0f64..0.9),
        (0.5f64..1.0, 0.5f64..1.0),
    )
        .prop_map(|(a, b, (ra, rb))| {
            let mut s = hand_scenario();
            for (side, (silos, warheads, sea), reliability) in [(0, a, ra), (1, b, rb)] {
                let mut boats = ForceElement::ballistic(
                    "boats",
                    Basing::Submarine,
                    silos / 2 + 1,
                    warheads,
                    100.0,
                    100.0,
                );
                boats.untargetable_share = ByAlert {
                    day_to_day: sea,
                    generated: sea,
                };
                boats.reliability = reliability;
                let mut silo =
                    ForceElement::ballistic("silos", Basing::Silo, silos, warheads, 300.0, 150.0);
                silo.reliability = reliability;
                s.sides[side].forces = vec![silo, boats];
            }
            s
        })
}

/// Moves by side 0: half leave the exchange alone (non-deployed launchers), half add silos.
fn random_move() -> impl Strategy<Value = (bool, u32)> {
    (any::<bool>(), 1u32..40)
}

fn responder_menu() -> ResponseMenu {
    ResponseMenu {
        name: "m".into(),
        cost_unit: "units".into(),
        options: vec![
            option(1, "side[1].force[0].launchers", 5.0, 200.0, 3.0),
            option(
                1,
                "side[1].force[1].untargetable_share.day_to_day",
                0.1,
                1.0,
                2.0,
            ),
        ],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A move that leaves the other side's position unchanged draws no response (and one that
    /// worsens it draws one, or is flagged as beyond the menu).
    #[test]
    fn an_unchanged_position_draws_no_response(
        base in random_scenario(),
        (neutral, n) in random_move(),
        position in prop::sample::select(Position::ALL.to_vec()),
    ) {
        let mut moved = base.clone();
        if neutral {
            moved.sides[0].forces[0].accountability.non_deployed_launchers = n;
        } else {
            moved.sides[0].forces[0].launchers += n;
        }
        let search = Search::new(position, AnalysisOptions::default());
        let target = best_response::position_of(&base, 1, &search).unwrap();
        let now = best_response::position_of(&moved, 1, &search).unwrap();
        let r = best_response::best_response(&moved, &responder_menu(), 1, target, &search).unwrap();
        if neutral {
            prop_assert_eq!(now, target);
        }
        if position.holds(now, target, search.tolerance) {
            prop_assert!(r.is_none());
            prop_assert_eq!(r.cost, 0.0);
            prop_assert_eq!(r.evaluations, 1);
            prop_assert_eq!(&r.scenario, &moved);
        } else {
            prop_assert!(!r.is_none() || !r.restored());
            prop_assert!(r.cost > 0.0 || !r.restored());
        }
    }

    /// Where the search finishes it is exact: no cheaper combination restores the position
    /// (brute force over every combination).
    #[test]
    fn the_exact_search_matches_brute_force(
        reliability in 0.3f64..0.95,
        launcher_cost in 1.0f64..10.0,
        upload_cost in 1.0f64..40.0,
    ) {
        let mut moved = hand_scenario();
        moved.sides[0].forces[0].reliability = reliability;
        let mut m = menu(16.0, 3.0);
        m.options[0].cost = launcher_cost;
        m.options[1].cost = upload_cost;
        let r = best_response::best_response(&moved, &m, 0, 10.0, &search()).unwrap();
        let mut cheapest = f64::INFINITY;
        for launchers in 0..=6u32 {
            for uploads in 0..=2u32 {
                let s = best_response::apply_steps(&moved, &m, &[0, 1], &[launchers, uploads]).unwrap();
                let v = best_response::position_of(&s, 0, &search()).unwrap();
                if search().position.holds(v, 10.0, search().tolerance) {
                    cheapest = cheapest.min(f64::from(launchers) * launcher_cost + f64::from(uploads) * upload_cost);
                }
            }
        }
        if r.restored() {
            prop_assert_eq!(r.method, Method::Exact);
            prop_assert!((r.cost - cheapest).abs() < 1e-9, "{} vs {}", r.cost, cheapest);
        } else {
            prop_assert!(cheapest.is_infinite());
        }
    }
}
