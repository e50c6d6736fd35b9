//! The class and tier planner against the per-aimpoint reference (issue 7, "Fast: closed-form
//! segments"): on random scenarios the plan, expanded to warheads, and the stop index are the
//! reference's, and the draw-down curve, the stop point and the outcomes agree to 1e-12 of the
//! exchange's scale (a batch is summed in one product, the reference warhead by warhead; see
//! `mismatch_with_reference`), in both curve details.

use proptest::prelude::*;
use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::exchange::{CurveDetail, ExchangePosture, strike_mismatch};
use reykjavik_engine::model::{
    Alert, Basing, ByAlert, ForceElement, Fratricide, ModelOptions, Payload, Scenario, Side,
    ValueModel, ValueUnit, WarheadStorage,
};

/// A random force element: (kind, launchers, MIRVs, launchers per aimpoint, kill, detection,
/// untargetable share, storage).
type Element = (u8, u32, u32, u32, f64, f64, f64, bool);

fn element(
    (kind, launchers, mirv, per_aimpoint, kill, detection, hidden, stored): Element,
    i: usize,
) -> ForceElement {
    let basing = if kind % 3 == 2 {
        Basing::AirBase
    } else {
        Basing::Silo
    };
    let mut e = ForceElement::ballistic(&format!("e{i}"), basing, launchers, mirv, 300.0, 200.0);
    for class in Basing::ALL {
        e.kill_probability.set(class, kill);
    }
    e.launchers_per_aimpoint = per_aimpoint;
    e.detection_probability = detection;
    e.untargetable_share = ByAlert {
        day_to_day: hidden,
        generated: hidden,
    };
    e.reliability = 0.8 + 0.2 * kill;
    if kind % 3 == 1 {
        e.can_launch_under_attack = false;
    }
    if kind == 5 {
        // A conventional weapon: free for the plan, with a cap of its own.
        e.payload = Payload::Conventional;
        e.yield_kt = None;
    }
    if stored {
        e.warhead_storage = Some(0);
    }
    e
}

fn side(name: &str, elements: &[Element], defense: Option<(u32, Coverage)>, storage: bool) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 150.0,
        },
        forces: elements
            .iter()
            .enumerate()
            .map(|(i, &e)| {
                let mut f = element(e, i);
                f.warhead_storage = f.warhead_storage.filter(|_| storage);
                f
            })
            .collect(),
        missile_defenses: defense
            .map(|(interceptors, covers)| {
                vec![
                    MissileDefenseLayer {
                        name: "outer".into(),
                        interceptors,
                        interceptor_sspk: 0.6,
                        doctrine: FiringDoctrine::Salvo { shots: 1 },
                        discrimination: 0.9,
                        covers,
                    },
                    MissileDefenseLayer {
                        name: "inner".into(),
                        interceptors: interceptors / 2 + 1,
                        interceptor_sspk: 0.5,
                        doctrine: FiringDoctrine::Salvo { shots: 1 },
                        discrimination: 1.0,
                        covers: Coverage::Forces,
                    },
                ]
            })
            .unwrap_or_default(),
        air_defenses: vec![],
        warhead_storage: if storage {
            vec![WarheadStorage {
                name: "depot".into(),
                detection_probability: 0.9,
                aimpoint_hardness_psi: 300.0,
            }]
        } else {
            vec![]
        },
    }
}

fn random_element() -> impl Strategy<Value = Element> {
    (
        0u8..6,
        1u32..40,
        1u32..5,
        1u32..5,
        0.05f64..1.0,
        prop_oneof![Just(1.0), 0.5f64..1.0],
        prop_oneof![Just(0.0), 0.0f64..0.6],
        any::<bool>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn class_planner_matches_the_per_aimpoint_reference(
        a in prop::collection::vec(random_element(), 1..4),
        b in prop::collection::vec(random_element(), 1..4),
        defense in prop::option::of((1u32..40, prop_oneof![Just(Coverage::Forces), Just(Coverage::Both), Just(Coverage::Value)])),
        storage in any::<bool>(),
        lua in any::<bool>(),
        cap in 1u32..4,
        degradation in prop::option::of(0.05f64..0.5),
        generated in any::<bool>(),
        certify in any::<bool>(),
    ) {
        let options = ModelOptions {
            max_warheads_per_aimpoint: cap,
            fratricide: degradation.map_or(Fratricide::Cap, |per_burst| Fratricide::Degradation { per_burst }),
            ..Default::default()
        };
        let scenario = Scenario {
            name: "random".into(),
            description: String::new(),
            options,
            sides: vec![side("A", &a, None, false), side("B", &b, defense, storage)],
            uncertain: vec![],
        };
        let alert = if generated { Alert::Generated } else { Alert::DayToDay };
        let posture = ExchangePosture { striker_alert: alert, victim_alert: alert, victim_launches_under_attack: lua };
        // Ranking by ranking: the same plan and stop, the same curve to 1e-12; and the chosen
        // strikes' stop points cost the same.
        for detail in [CurveDetail::Full, CurveDetail::StopOnly] {
            let mismatch = strike_mismatch(&scenario, 0, 1, posture, certify, detail).unwrap();
            prop_assert!(mismatch.is_none(), "{:?} {}", detail, mismatch.unwrap_or_default());
        }
    }

    /// Long pieces (hundreds of identical aimpoints): the stop-only search inside a piece
    /// finds the reference's stop.
    #[test]
    fn long_pieces_stop_where_the_reference_stops(
        silos in 100u32..1500, mirv in 1u32..4, kill in 0.2f64..0.95,
        striker in 50u32..600, striker_mirv in 1u32..6, w80 in 20.0f64..3000.0,
        lua in any::<bool>(), cap in 1u32..3,
    ) {
        let mut a = side("A", &[(0, striker, striker_mirv, 1, kill, 1.0, 0.0, false)], None, false);
        let mut b = side("B", &[(0, silos, mirv, 1, kill, 1.0, 0.0, false), (4, 20, 4, 1, kill, 1.0, 0.9, false)], None, false);
        a.value.w80 = w80;
        b.value.w80 = w80;
        let scenario = Scenario {
            name: "long".into(),
            description: String::new(),
            options: ModelOptions { max_warheads_per_aimpoint: cap, ..Default::default() },
            sides: vec![a, b],
            uncertain: vec![],
        };
        let posture = ExchangePosture { striker_alert: Alert::DayToDay, victim_alert: Alert::DayToDay, victim_launches_under_attack: lua };
        for (striker, victim) in [(0, 1), (1, 0)] {
            let mismatch = strike_mismatch(&scenario, striker, victim, posture, false, CurveDetail::StopOnly).unwrap();
            prop_assert!(mismatch.is_none(), "{} -> {} {}", striker, victim, mismatch.unwrap_or_default());
        }
    }
}
