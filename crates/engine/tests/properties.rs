//! Invariants of the engine, checked on random inputs (proptest) and on small hand-computed cases.

use proptest::prelude::*;
use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::model::{
    Alert, Basing, ByAlert, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::physics::{self, LethalRadiusModel};
use reykjavik_engine::stability::{self, AnalysisOptions};

fn models() -> impl Strategy<Value = LethalRadiusModel> {
    prop_oneof![
        Just(LethalRadiusModel::DavisSchilling),
        Just(LethalRadiusModel::Brown1976)
    ]
}

proptest! {
    #[test]
    fn kill_probability_stays_in_unit_interval(
        yield_kt in 0.1f64..20_000.0, hardness in 5.0f64..20_000.0, cep in 1.0f64..5_000.0,
        bias in 0.0f64..2_000.0, model in models(),
    ) {
        // Each model over its own valid range (brown-1976 from 100 psi).
        let hardness = hardness.max(reykjavik_engine::limits::hardness_psi(model).min);
        let radius = physics::lethal_radius_m(yield_kt, hardness, model).unwrap();
        let p = physics::sspk(radius, cep, bias).unwrap();
        prop_assert!((0.0..=1.0).contains(&p), "SSPK {}", p);
    }

    #[test]
    fn harder_target_never_raises_kill_probability(
        yield_kt in 1.0f64..5_000.0, hardness in 5.0f64..10_000.0, extra in 0.0f64..10_000.0,
        cep in 10.0f64..2_000.0, model in models(),
    ) {
        let hardness = hardness.max(reykjavik_engine::limits::hardness_psi(model).min);
        let p = |h| physics::sspk_unbiased(physics::lethal_radius_m(yield_kt, h, model).unwrap(), cep).unwrap();
        prop_assert!(p(hardness + extra) <= p(hardness) + 1e-12);
    }

    #[test]
    fn bigger_yield_or_better_accuracy_never_lowers_kill_probability(
        yield_kt in 1.0f64..5_000.0, more in 0.0f64..5_000.0, cep in 10.0f64..2_000.0, better in 0.0f64..1.0,
    ) {
        let lr = |y| physics::lethal_radius_m(y, 2_000.0, LethalRadiusModel::DavisSchilling).unwrap();
        let p = physics::sspk_unbiased(lr(yield_kt), cep).unwrap();
        prop_assert!(physics::sspk_unbiased(lr(yield_kt + more), cep).unwrap() >= p - 1e-12);
        prop_assert!(physics::sspk_unbiased(lr(yield_kt), cep * (1.0 - 0.9 * better)).unwrap() >= p - 1e-12);
    }

    #[test]
    fn more_warheads_never_lower_kill_or_damage(
        tkps in prop::collection::vec(0.0f64..1.0, 1..6), extra in 0.0f64..1.0, cap in 1usize..8,
        arriving in 0.0f64..5_000.0, more in 0.0f64..5_000.0, w80 in 1.0f64..2_000.0,
    ) {
        let before = physics::salvo_kill_probability(&tkps, cap);
        let mut more_tkps = tkps.clone();
        more_tkps.push(extra);
        prop_assert!(physics::salvo_kill_probability(&more_tkps, cap) >= before - 1e-12);
        prop_assert!((0.0..=1.0).contains(&before));
        let value = ValueModel { unit: ValueUnit::Warheads, w80 };
        prop_assert!(value.damage(arriving + more) >= value.damage(arriving));
        prop_assert!((0.0..=1.0).contains(&value.damage(arriving)));
    }

    #[test]
    fn defense_probabilities_stay_in_unit_interval(
        p in 0.0f64..=1.0, shots in 1u32..6, k in 0.0f64..=1.0, rvs in 0u64..200, inventory in 0u32..500,
    ) {
        let layer = MissileDefenseLayer {
            name: "t".into(), interceptors: inventory, interceptor_sspk: p,
            doctrine: FiringDoctrine::Salvo { shots }, discrimination: k, covers: Coverage::Value,
        };
        let pi = layer.intercept_probability();
        prop_assert!((0.0..=1.0).contains(&pi));
        let p0 = layer.probability_of_zero_leakers(rvs);
        prop_assert!((0.0..=1.0).contains(&p0));
        let leakers = layer.expected_leakers(rvs as f64);
        prop_assert!(leakers >= -1e-9 && leakers <= rvs as f64 + 1e-9);
    }

    /// Computing only the stop points gives exactly the analysis that evaluates every point.
    #[test]
    fn stop_only_analysis_equals_the_full_one(
        silos_a in 1u32..300, mirv_a in 1u32..10, subs_a in 0u32..50, hidden_a in 0.0f64..1.0,
        silos_b in 1u32..300, mirv_b in 1u32..10, subs_b in 0u32..50, hidden_b in 0.0f64..1.0,
        kill_a in 0.05f64..1.0, kill_b in 0.05f64..1.0, w80 in 50.0f64..2_000.0, cap in 1u32..4,
        lua in any::<bool>(), defended in any::<bool>(),
    ) {
        let side = |name: &str, silos, mirv, subs, hidden, kill| Side {
            name: name.into(),
            value: ValueModel { unit: ValueUnit::Warheads, w80 },
            forces: vec![direct("silo", Basing::Silo, silos, mirv, 0.0, kill), direct("sub", Basing::Submarine, subs, 8, hidden, kill)],
            missile_defenses: if defended {
                vec![MissileDefenseLayer {
                    name: "d".into(), interceptors: 200, interceptor_sspk: 0.7,
                    doctrine: FiringDoctrine::Salvo { shots: 2 }, discrimination: 0.9, covers: Coverage::Value,
                }]
            } else {
                vec![]
            },
            air_defenses: vec![],
            warhead_storage: vec![],
        };
        let scenario = Scenario {
            name: "random".into(), description: String::new(), uncertain: vec![],
            options: ModelOptions { max_warheads_per_aimpoint: cap, ..Default::default() },
            sides: vec![side("A", silos_a, mirv_a, subs_a, hidden_a, kill_a), side("B", silos_b, mirv_b, subs_b, hidden_b, kill_b)],
        };
        let options = AnalysisOptions { launch_under_attack: [lua, false], ..Default::default() };
        let full = stability::analyze(&scenario, options).unwrap();
        let lean = stability::analyze_stop_only(&scenario, options).unwrap();
        prop_assert_eq!(full.index, lean.index);
        for (f, l) in full.exchanges.iter().zip(&lean.exchanges) {
            prop_assert_eq!(f.stop, l.stop);
            prop_assert_eq!(f.at_stop(), l.at_stop());
            prop_assert_eq!(f.executed(), l.executed());
            prop_assert_eq!(&f.victim_elements, &l.victim_elements);
        }
    }

    #[test]
    fn stability_index_is_in_unit_interval(
        silos_a in 1u32..300, mirv_a in 1u32..10, subs_a in 0u32..50, hidden_a in 0.0f64..1.0,
        silos_b in 1u32..300, mirv_b in 1u32..10, subs_b in 0u32..50, hidden_b in 0.0f64..1.0,
        kill in 0.0f64..1.0, w80 in 50.0f64..2_000.0,
    ) {
        let side = |name: &str, silos, mirv, subs, hidden| Side {
            name: name.into(),
            value: ValueModel { unit: ValueUnit::Warheads, w80 },
            forces: vec![direct("silo", Basing::Silo, silos, mirv, 0.0, kill), direct("sub", Basing::Submarine, subs, 8, hidden, kill)],
            missile_defenses: vec![],
            air_defenses: vec![],
        warhead_storage: vec![],
        };
        let scenario = Scenario {
            name: "random".into(), description: String::new(), options: ModelOptions::default(), uncertain: vec![],
            sides: vec![side("A", silos_a, mirv_a, subs_a, hidden_a), side("B", silos_b, mirv_b, subs_b, hidden_b)],
        };
        let report = stability::analyze(&scenario, AnalysisOptions::default()).unwrap();
        prop_assert!(report.index > 0.0 && report.index <= 1.0, "index {}", report.index);
        for x in &report.exchanges {
            for p in &x.curve {
                for v in [p.damage_to_striker, p.damage_to_victim] {
                    prop_assert!((0.0..=1.0).contains(&v));
                }
                for c in [p.cost_to_striker, p.cost_to_victim] {
                    prop_assert!((0.0..=1.3 + 1e-12).contains(&c));
                }
            }
        }
    }
}

/// An element with a direct kill probability against every target class.
fn direct(
    name: &str,
    basing: Basing,
    launchers: u32,
    warheads: u32,
    hidden: f64,
    kill: f64,
) -> ForceElement {
    let mut element = ForceElement::ballistic(name, basing, launchers, warheads, 300.0, 200.0);
    for target in Basing::ALL {
        element.kill_probability.set(target, kill);
    }
    element.untargetable_share = ByAlert {
        day_to_day: hidden,
        generated: hidden,
    };
    element
}

/// R-3765 App. C p. 61: cost 0 = untouched and enemy destroyed; 1.3 = destroyed, enemy untouched.
#[test]
fn cost_scale_ends() {
    let options = ModelOptions::default();
    assert_eq!(options.cost(0.0, 1.0), 0.0);
    assert!((options.cost(1.0, 0.0) - 1.3).abs() < 1e-12);
    // D = 0.5 both ways: 0.5^0.75 + 0.3 (1 - 0.5^0.75) = 0.5946 + 0.3 x 0.4054 = 0.7162.
    assert!((options.cost(0.5, 0.5) - 0.716_22).abs() < 1e-5);
}

#[test]
fn value_damage_at_w80_is_eighty_percent() {
    let value = ValueModel {
        unit: ValueUnit::Warheads,
        w80: 900.0,
    };
    assert!((value.damage(900.0) - 0.8).abs() < 1e-12);
    assert!((value.damage(1800.0) - 0.96).abs() < 1e-12);
    assert_eq!(value.damage(0.0), 0.0);
}

/// A hand-computed exchange. A: 10 single-warhead silos, kill 1.0. B: 5 single-warhead silos,
/// kill 1.0. w80 = 10 warheads. Cap 1.
/// A striking first: after k warheads on B's silos, A has 10 - k left, B has 5 - k.
/// k = 5: A's 5 warheads on B (D_B = 1 - 0.2^0.5 = 0.5528), B has none (D_A = 0):
/// C_A = 0 + 0.3 (1 - 0.5528^0.75) = 0.1097, the minimum along the curve.
#[test]
fn hand_computed_exchange() {
    let side = |name: &str, silos| Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 10.0,
        },
        forces: vec![direct("silo", Basing::Silo, silos, 1, 0.0, 1.0)],
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    };
    let options = ModelOptions {
        max_warheads_per_aimpoint: 1,
        ..Default::default()
    };
    let scenario = Scenario {
        name: "hand".into(),
        description: String::new(),
        options,
        sides: vec![side("A", 10), side("B", 5)],
        uncertain: vec![],
    };
    let report = stability::analyze(&scenario, AnalysisOptions::default()).unwrap();
    let a_first = &report.exchanges[0];
    assert_eq!(a_first.curve.len(), 6, "points for 0..=5 warheads spent");
    let stop = a_first.at_stop();
    assert_eq!(stop.warheads_spent, 5.0);
    assert_eq!(stop.victim_warheads_surviving, 0.0);
    let d_b = 1.0 - 0.2f64.powf(0.5);
    assert!((stop.damage_to_victim - d_b).abs() < 1e-12);
    assert!((stop.cost_to_striker - 0.3 * (1.0 - d_b.powf(0.75))).abs() < 1e-12);
    // B striking first: after k of its 5 warheads on A's silos, A keeps 10 - k and B has 5 - k
    // for value: C_B(k) = D_B(10 - k)^0.75 + 0.3 (1 - D_A(5 - k)^0.75), with D(w) = 1 - 0.2^(w/10).
    // k:    0       1       2       3       4       5
    // C_B:  0.9536  0.9465  0.9389  0.9314  0.9263  0.9411   -> B stops at k = 4.
    let damage = |w: f64| 1.0 - 0.2f64.powf(w / 10.0);
    let cost_b = |k: f64| damage(10.0 - k).powf(0.75) + 0.3 * (1.0 - damage(5.0 - k).powf(0.75));
    let b_curve = &report.exchanges[1].curve;
    for (k, point) in b_curve.iter().enumerate() {
        assert!(
            (point.cost_to_striker - cost_b(k as f64)).abs() < 1e-12,
            "k = {k}"
        );
    }
    assert!((cost_b(4.0) - 0.9263).abs() < 5e-5);
    let b_first = report.exchanges[1].at_stop();
    assert_eq!(b_first.warheads_spent, 4.0);
    // Ratios: A: C1 = 0.1097, C2 = A's cost when B stops at 5.
    let c2_a = report.exchanges[1].at_stop().cost_to_victim;
    assert!((report.sides[0].ratio - (0.3 * (1.0 - d_b.powf(0.75)) / c2_a)).abs() < 1e-12);
    assert!((report.index - report.sides[0].ratio * report.sides[1].ratio).abs() < 1e-15);
}

#[test]
fn generated_alert_hides_survivable_launchers() {
    let mut sub = direct("sub", Basing::Submarine, 10, 16, 0.0, 0.8);
    sub.untargetable_share = ByAlert {
        day_to_day: 0.5,
        generated: 1.0,
    };
    let side = |name: &str, forces: Vec<ForceElement>| Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 300.0,
        },
        forces,
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    };
    let scenario = Scenario {
        name: "t".into(),
        description: String::new(),
        options: ModelOptions::default(),
        uncertain: vec![],
        sides: vec![side("A", vec![sub.clone()]), side("B", vec![sub])],
    };
    let generated = AnalysisOptions {
        alert: [Alert::Generated; 2],
        ..Default::default()
    };
    let report = stability::analyze(&scenario, generated).unwrap();
    assert_eq!(
        report.exchanges[0].at_stop().warheads_spent,
        0.0,
        "nothing to target"
    );
    assert_eq!(report.index, 1.0);
    let day = stability::analyze(&scenario, AnalysisOptions::default()).unwrap();
    assert!(day.index < 1.0);
}
