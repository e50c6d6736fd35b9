//! One `Workspace` carried through strikes on different random scenarios in sequence gives each
//! strike the same exchange, bit for bit, as a fresh workspace: the set-up vectors, kill table
//! rows and allocators it keeps are refilled, never read stale, whatever the shapes before.
//! Kill probabilities come from the physics here (yield, CEP, bias, hardness), with targets that
//! often share a hardness, so the kill table's shared rows are exercised too.

use proptest::prelude::*;
use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::exchange::{self, CurveDetail, ExchangePosture, Workspace};
use reykjavik_engine::model::{
    Alert, Basing, Delivery, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
    WarheadStorage,
};

/// An element: (basing, launchers, MIRVs, yield kt, CEP m, hardness choice, slow bomber).
type Element = (usize, u32, u32, f64, f64, usize, bool);

fn element(
    (basing, launchers, mirv, yield_kt, cep, hardness, slow): Element,
    i: usize,
) -> ForceElement {
    let basings = [
        Basing::Silo,
        Basing::RoadMobile,
        Basing::Submarine,
        Basing::AirBase,
    ];
    let mut e = ForceElement::ballistic(
        &format!("e{i}"),
        basings[basing],
        launchers,
        mirv,
        yield_kt,
        cep,
    );
    // A few shared hardnesses, as real forces have.
    e.aimpoint_hardness_psi = [5.0, 30.0, 315.0, 2000.0][hardness];
    e.reliability = 0.85;
    if slow {
        e.delivery = Delivery::Aircraft;
        e.prompt = false;
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
                f.warhead_storage = storage.then_some(0);
                f
            })
            .collect(),
        missile_defenses: defense
            .map(|(interceptors, covers)| {
                vec![MissileDefenseLayer {
                    name: "layer".into(),
                    interceptors,
                    interceptor_sspk: 0.6,
                    doctrine: FiringDoctrine::Salvo { shots: 1 },
                    discrimination: 0.9,
                    covers,
                }]
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
        0usize..4,
        1u32..30,
        1u32..4,
        50.0f64..1000.0,
        80.0f64..400.0,
        0usize..4,
        any::<bool>(),
    )
}

type ScenarioParts = (Vec<Element>, Vec<Element>, Option<(u32, Coverage)>, bool);

fn random_scenario() -> impl Strategy<Value = ScenarioParts> {
    (
        prop::collection::vec(random_element(), 1..6),
        prop::collection::vec(random_element(), 1..6),
        prop::option::of((
            1u32..30,
            prop_oneof![Just(Coverage::Forces), Just(Coverage::Value)],
        )),
        any::<bool>(),
    )
}

fn scenario((a, b, defense, storage): &ScenarioParts) -> Scenario {
    Scenario {
        name: "random".into(),
        description: String::new(),
        options: ModelOptions::default(),
        sides: vec![side("A", a, None, false), side("B", b, *defense, *storage)],
        uncertain: vec![],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_reused_workspace_plans_a_sequence_of_scenarios_as_fresh_ones(
        sequence in prop::collection::vec(random_scenario(), 2..5),
        lua in any::<bool>(),
    ) {
        let mut workspace = Workspace::default();
        let posture = ExchangePosture {
            striker_alert: Alert::DayToDay,
            victim_alert: Alert::DayToDay,
            victim_launches_under_attack: lua,
        };
        for parts in &sequence {
            let scenario = scenario(parts);
            for (striker, victim) in [(0, 1), (1, 0)] {
                for detail in [CurveDetail::StopOnly, CurveDetail::Full] {
                    let fresh =
                        exchange::first_strike(&scenario, striker, victim, posture, false, detail)
                            .unwrap();
                    let reused = exchange::first_strike_with(
                        &mut workspace, &scenario, striker, victim, posture, false, detail,
                    )
                    .unwrap();
                    prop_assert_eq!(reused, fresh, "{}->{} {:?}", striker, victim, detail);
                }
            }
        }
    }
}

/// One field of one element changed by a factor (side, element modulo its count, field), or
/// none (field 3: the next analysis of the same scenario).
type Change = (usize, usize, usize, f64);

fn changed(mut s: Scenario, (side, element, field, factor): Change) -> Scenario {
    let forces = &mut s.sides[side].forces;
    let n = forces.len();
    let f = &mut forces[element % n];
    match field {
        0 => f.yield_kt = f.yield_kt.map(|y| y * factor),
        1 => f.cep_m = f.cep_m.map(|c| c * factor),
        2 => f.aimpoint_hardness_psi = [5.0, 30.0, 315.0, 2000.0][(factor * 10.0) as usize % 4],
        _ => {}
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Variants of one scenario in sequence, value in warheads or EMT: what a workspace keeps
    /// between strikes keyed on its inputs (blast physics, weapon orders, value units) is
    /// reused where they are unchanged and recomputed where one changed.
    #[test]
    fn a_reused_workspace_plans_variants_of_one_scenario_as_fresh_ones(
        parts in random_scenario(),
        emt in any::<bool>(),
        changes in prop::collection::vec((0usize..2, 0usize..6, 0usize..4, 0.5f64..1.5), 1..6),
    ) {
        let mut s = scenario(&parts);
        if emt {
            for side in &mut s.sides {
                side.value.unit = ValueUnit::EquivalentMegatons;
            }
        }
        let mut workspace = Workspace::default();
        let posture = ExchangePosture {
            striker_alert: Alert::DayToDay,
            victim_alert: Alert::DayToDay,
            victim_launches_under_attack: false,
        };
        for change in changes {
            for (striker, victim) in [(0, 1), (1, 0)] {
                let fresh = exchange::first_strike(
                    &s, striker, victim, posture, false, CurveDetail::StopOnly,
                )
                .unwrap();
                let reused = exchange::first_strike_with(
                    &mut workspace, &s, striker, victim, posture, false, CurveDetail::StopOnly,
                )
                .unwrap();
                prop_assert_eq!(&reused, &fresh, "{}->{}", striker, victim);
                let stop = exchange::stop_point_with(&mut workspace, &s, striker, victim, posture)
                    .unwrap();
                prop_assert_eq!(stop, fresh.stop_point, "{}->{} index path", striker, victim);
            }
            s = changed(s, change);
        }
    }
}
