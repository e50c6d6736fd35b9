//! `optimize` on N sides (issue 10): a third side without launchers gives the two-side search
//! exactly; a small case whose feasible postures can be listed by hand; the objectives as the
//! module defines them.

use proptest::prelude::*;
use reykjavik_engine::arms_control::optimize::{self, Objective, SearchOptions};
use reykjavik_engine::arms_control::treaty::{
    Quantity, SystemClass, Treaty, TreatyLimit, WarheadRule,
};
use reykjavik_engine::model::{
    Basing, Delivery, ForceElement, ModelOptions, Payload, Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::multilateral::compare::regimes;
use reykjavik_engine::multilateral::optimize::{self as noptimize, objective_value};
use reykjavik_engine::multilateral::{Alliance, MultiScenario};

fn element(name: &str, basing: Basing, launchers: u32, warheads: u32, most: u32) -> ForceElement {
    let mut e = ForceElement::ballistic(name, basing, launchers, warheads, 300.0, 200.0);
    e.accountability.max_warheads_per_launcher = Some(most);
    e
}

fn side(name: &str, (silos, mirv, subs): (u32, u32, u32)) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 400.0,
        },
        forces: vec![
            element("silo", Basing::Silo, silos, mirv, 4),
            element("sub", Basing::Submarine, subs, 4, 8),
        ],
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

fn scenario(sides: Vec<Side>) -> Scenario {
    Scenario {
        name: "random".into(),
        description: String::new(),
        sides,
        options: ModelOptions::default(),
        uncertain: vec![],
    }
}

/// Deployed missile warheads at most `max` (counted as loaded).
fn warhead_cap(max: u64) -> Treaty {
    Treaty {
        name: "cap".into(),
        description: String::new(),
        sources: vec![],
        classes: vec![SystemClass {
            name: "missiles".into(),
            deliveries: vec![Delivery::BallisticMissile],
            basings: vec![Basing::Silo, Basing::Submarine],
            payloads: vec![Payload::Nuclear],
            warheads: WarheadRule::AsLoaded,
        }],
        limits: vec![TreatyLimit {
            name: "warheads".into(),
            quantity: Quantity::DeployedWarheads,
            classes: vec![0],
            max,
        }],
    }
}

fn small_search(side: usize, objective: Objective, seed: u64) -> SearchOptions {
    SearchOptions {
        side,
        objective,
        seed,
        starts: 2,
        grid_budget: 12,
        max_growth: 1.25,
        min_warheads: None,
    }
}

fn objectives() -> impl Strategy<Value = Objective> {
    prop_oneof![
        Just(Objective::Index),
        Just(Objective::Ratio),
        Just(Objective::StruckCost)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// An N-side search whose third side has 0 launchers is the two-side search: the same
    /// postures scored the same bit for bit, so the same best posture, objective, regime figures
    /// for the pair and evidence.
    #[test]
    fn a_third_side_without_launchers_gives_the_two_side_search(
        a in (4u32..40, 1u32..4, 0u32..6), b in (4u32..40, 1u32..4, 0u32..6),
        c in (1u32..40, 1u32..4, 1u32..6), searched in 0usize..2, objective in objectives(),
        seed in 0u64..1_000, headroom in 0u64..60,
    ) {
        let two = scenario(vec![side("A", a), side("B", b)]);
        let mut empty = side("C", c);
        for force in &mut empty.forces {
            force.launchers = 0;
        }
        let three = MultiScenario::plain(scenario(vec![side("A", a), side("B", b), empty]));
        let cap = two.sides[searched].nuclear_warheads() + headroom;
        let options = small_search(searched, objective, seed);
        let t = optimize::search(&two, &warhead_cap(cap), options, &|_, _| {}).unwrap();
        let n = noptimize::search(&three, &warhead_cap(cap), options, &|_, _| {}).unwrap();
        prop_assert_eq!(&t.best.posture, &n.best.posture);
        prop_assert_eq!(t.best.score.to_bits(), n.best.score.to_bits());
        prop_assert_eq!(t.base.score.to_bits(), n.base.score.to_bits());
        prop_assert_eq!(&t.local_optima, &n.local_optima);
        prop_assert_eq!((t.grid_points, t.grid_feasible, t.evaluations), (n.grid_points, n.grid_feasible, n.evaluations));
        for (two_side, n_side) in t.best.regimes.iter().zip(&n.best.regimes) {
            prop_assert!(!n_side.report.armed[2]);
            prop_assert_eq!(two_side.index.to_bits(), n_side.report.index.to_bits());
            prop_assert_eq!(two_side.sides[searched].ratio.to_bits(), n_side.report.overall[searched].to_bits());
        }
    }
}

/// Side A: 10 single-warhead silos that may carry 2 each, nothing else; the floor and the cap
/// are both 10 warheads and launchers may not grow, so the only postures within the limits are
/// 10 x 1 and 5 x 2. The search must return the better of the two by the N-side index, and
/// its objective must be that posture's mean index over the regimes.
#[test]
fn a_small_case_picks_the_better_of_the_two_feasible_postures() {
    let mut a = side("A", (10, 1, 0));
    a.forces.truncate(1);
    a.forces[0].accountability.max_warheads_per_launcher = Some(2);
    let base = MultiScenario::plain(scenario(vec![
        a,
        side("B", (20, 3, 2)),
        side("C", (8, 2, 1)),
    ]));
    let options = SearchOptions {
        max_growth: 1.0,
        ..small_search(0, Objective::Index, 1)
    };
    let result = noptimize::search(&base, &warhead_cap(10), options, &|_, _| {}).unwrap();
    let mean_index = |launchers: u32, warheads: u32| {
        let mut ms = base.clone();
        ms.scenario.sides[0].forces[0].launchers = launchers;
        ms.scenario.sides[0].forces[0].warheads_per_launcher = warheads;
        let r = regimes(&ms).unwrap();
        r.iter().map(|x| x.report.index).sum::<f64>() / r.len() as f64
    };
    let (single, double) = (mean_index(10, 1), mean_index(5, 2));
    assert_ne!(single, double, "the case must discriminate");
    let expected = if single > double { (10, 1) } else { (5, 2) };
    assert_eq!(result.best.posture, [expected]);
    assert_eq!(result.best.score, single.max(double));
    assert_eq!(result.base.score, single);
    // Every local search ends on one of the two feasible postures.
    for s in &result.local_optima {
        assert!(*s == single || *s == double, "{s}");
    }
}

/// `ratio` is the overall ratio of the side's actor: with A and C allied, A's objective is the
/// alliance's overall ratio; `struck-cost` is minus the actor's worst cost when struck first.
#[test]
fn objectives_read_the_actor_the_side_plans_in() {
    let mut ms = MultiScenario::plain(scenario(vec![
        side("A", (30, 2, 3)),
        side("B", (40, 3, 4)),
        side("C", (10, 2, 2)),
    ]));
    ms.alliances.push(Alliance {
        name: "AC".into(),
        members: vec![0, 2],
    });
    let report = &regimes(&ms).unwrap()[0].report;
    assert_eq!(noptimize::actor_of(report, 0), Some(0));
    assert_eq!(noptimize::actor_of(report, 2), Some(0));
    assert_eq!(noptimize::actor_of(report, 1), Some(1));
    assert_eq!(
        objective_value(report, 2, Objective::Ratio),
        report.overall[0]
    );
    assert_eq!(objective_value(report, 1, Objective::Index), report.index);
    let against_b = report.ratio(0, 1).unwrap().cost_struck_first;
    assert!(against_b > 0.0);
    assert_eq!(
        objective_value(report, 0, Objective::StruckCost),
        -against_b
    );
}

/// The side must exist; the scenario must be a valid N-side scenario.
#[test]
fn bad_input_is_an_error_not_a_panic() {
    let ms = MultiScenario::plain(scenario(vec![
        side("A", (10, 1, 1)),
        side("B", (10, 1, 1)),
        side("C", (10, 1, 1)),
    ]));
    let options = small_search(3, Objective::Index, 1);
    assert!(noptimize::search(&ms, &warhead_cap(100), options, &|_, _| {}).is_err());
    let mut bad = ms.clone();
    bad.alliances.push(Alliance {
        name: "twice".into(),
        members: vec![0, 0],
    });
    let err = noptimize::search(
        &bad,
        &warhead_cap(100),
        small_search(0, Objective::Index, 1),
        &|_, _| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("alliance[0].members[1]"), "{err}");
}
