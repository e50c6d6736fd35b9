//! `compare` on N sides (issue 10): a third side without launchers leaves the two-side compare
//! unchanged, for the base, the proposal and the change between them.

use proptest::prelude::*;
use reykjavik_engine::arms_control::compare;
use reykjavik_engine::arms_control::proposal::{self, Change, Proposal, Sides};
use reykjavik_engine::limits::size::MULTILATERAL_SIDES;
use reykjavik_engine::model::{
    Basing, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::multilateral::compare::{regimes, with_truth};

fn side(name: &str, (silos, mirv, subs, kill): (u32, u32, u32, f64)) -> Side {
    let element = |name: &str, basing, launchers, warheads| {
        let mut e = ForceElement::ballistic(name, basing, launchers, warheads, 300.0, 200.0);
        for target in Basing::ALL {
            e.kill_probability.set(target, kill);
        }
        e
    };
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 400.0,
        },
        forces: vec![
            element("silo", Basing::Silo, silos, mirv),
            element("sub", Basing::Submarine, subs, 8),
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

fn forces() -> impl Strategy<Value = (u32, u32, u32, f64)> {
    (1u32..200, 1u32..8, 0u32..40, 0.05f64..1.0)
}

/// A warhead cap on every side (the third one too) and a change to side A's silos.
fn proposal(cap: u64, factor: f64) -> Proposal {
    Proposal {
        name: "p".into(),
        description: String::new(),
        sources: vec![],
        expected: String::new(),
        changes: vec![
            Change::CapWarheads {
                sides: Sides::All,
                max: cap,
                treaty: None,
            },
            Change::Scale {
                path: "side[0].force[0].launchers".into(),
                factor,
            },
        ],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// An N-side compare whose third side has 0 launchers gives the two-side compare's index
    /// for the pair, base and proposal, bit for bit, under every standard regime.
    #[test]
    fn a_third_side_without_launchers_gives_the_two_side_compare(
        a in forces(), b in forces(), c in forces(), cap in 1u64..2_000, factor in 0.2f64..1.5,
    ) {
        let two = scenario(vec![side("A", a), side("B", b)]);
        let mut empty = side("C", c);
        for force in &mut empty.forces {
            force.launchers = 0;
        }
        let three = MultiScenario::plain(scenario(vec![side("A", a), side("B", b), empty]));
        let p = proposal(cap, factor);
        let two_changed = proposal::apply(&two, &p).unwrap();
        let three_changed = with_truth(&three, proposal::apply_sides(&three.scenario, &p, MULTILATERAL_SIDES).unwrap());
        let pairs = [
            (compare::regimes(&two).unwrap(), regimes(&three).unwrap()),
            (compare::regimes(&two_changed).unwrap(), regimes(&three_changed).unwrap()),
        ];
        for (two_side, n_side) in &pairs {
            prop_assert_eq!(two_side.len(), n_side.len());
            for (t, n) in two_side.iter().zip(n_side) {
                prop_assert_eq!((t.alert, t.launch_under_attack), (n.alert, n.launch_under_attack));
                prop_assert!(!n.report.armed[2]);
                prop_assert_eq!(t.index.to_bits(), n.report.index.to_bits());
                for s in 0..2 {
                    prop_assert_eq!(t.sides[s].ratio.to_bits(), n.report.overall[s].to_bits());
                }
            }
        }
    }
}
