//! The stop-only search finds exactly the stop point of an exhaustive evaluation of every curve
//! point (the full curve), bit for bit, on random postures with long pieces, value defenses in
//! either regime (saturated or not), value counted in warheads or EMT, and cost exponents on
//! both sides of 1 (the convex bound holds only for e <= 1); and the index-only analysis gives
//! the same bits as the stop-only one.

use proptest::prelude::*;
use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::exchange::{
    CurveDetail, ExchangePosture, RANKINGS, Workspace, first_strike_one_ranking,
};
use reykjavik_engine::model::{
    Alert, Basing, ByAlert, Delivery, ForceElement, ModelOptions, Scenario, Side, ValueModel,
    ValueUnit,
};
use reykjavik_engine::stability::{AnalysisOptions, analyze_index_with, analyze_stop_only};

/// Silos (launchers, MIRVs, yield kt, CEP m), a partly hidden sea leg, and optionally bombers.
type Posture = (u32, u32, f64, f64, u32, f64, bool);

fn forces((silos, mirv, yield_kt, cep, boats, boat_yield, bombers): Posture) -> Vec<ForceElement> {
    let mut silo = ForceElement::ballistic("silos", Basing::Silo, silos, mirv, yield_kt, cep);
    silo.reliability = 0.85;
    let mut sea = ForceElement::ballistic("boats", Basing::Submarine, boats, 4, boat_yield, 300.0);
    sea.untargetable_share = ByAlert {
        day_to_day: 0.7,
        generated: 0.9,
    };
    let mut out = vec![silo, sea];
    if bombers {
        let mut b = ForceElement::ballistic("bombers", Basing::AirBase, 20, 8, 150.0, 100.0);
        b.delivery = Delivery::Aircraft;
        b.prompt = false;
        b.can_launch_under_attack = false;
        b.aimpoint_hardness_psi = 10.0;
        b.launchers_per_aimpoint = 5;
        out.push(b);
    }
    out
}

fn side(name: &str, posture: Posture, w80: f64, emt: bool, layer: Option<(u32, f64)>) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: if emt {
                ValueUnit::EquivalentMegatons
            } else {
                ValueUnit::Warheads
            },
            w80,
        },
        forces: forces(posture),
        missile_defenses: layer
            .map(|(interceptors, sspk)| MissileDefenseLayer {
                name: "value".into(),
                interceptors,
                interceptor_sspk: sspk,
                doctrine: FiringDoctrine::Salvo { shots: 2 },
                discrimination: 0.9,
                covers: Coverage::Value,
            })
            .into_iter()
            .collect(),
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

fn posture() -> impl Strategy<Value = Posture> {
    (
        20u32..900,
        1u32..4,
        100.0f64..1000.0,
        100.0f64..400.0,
        0u32..40,
        100.0f64..500.0,
        any::<bool>(),
    )
}

fn layer() -> impl Strategy<Value = Option<(u32, f64)>> {
    prop::option::of((0u32..2000, 0.3f64..0.9))
}

prop_compose! {
    fn scenario()(
        a in posture(), b in posture(),
        w80 in (20.0f64..2000.0, 20.0f64..2000.0),
        emt in (any::<bool>(), any::<bool>()),
        layers in (layer(), layer()),
        exponent in prop_oneof![Just(0.75), Just(1.0), 0.3f64..1.0, 1.0f64..3.0],
        surcharge in prop_oneof![Just(0.3), 0.0f64..2.0],
        cap in 1u32..3,
    ) -> Scenario {
        Scenario {
            name: "random".into(),
            description: String::new(),
            options: ModelOptions {
                cost_exponent: exponent,
                cost_surcharge: surcharge,
                max_warheads_per_aimpoint: cap,
                ..Default::default()
            },
            sides: vec![
                side("A", a, w80.0, emt.0, layers.0),
                side("B", b, w80.1, emt.1, layers.1),
            ],
            uncertain: vec![],
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every ranking, both directions, with and without launch under attack: the stop-only
    /// search stops where the full curve stops, with the same point to the bit.
    #[test]
    fn stop_only_search_equals_every_point_evaluated(
        scenario in scenario(), lua in any::<bool>(), generated in any::<bool>(),
    ) {
        let alert = if generated { Alert::Generated } else { Alert::DayToDay };
        let posture = ExchangePosture { striker_alert: alert, victim_alert: alert, victim_launches_under_attack: lua };
        for (striker, victim) in [(0, 1), (1, 0)] {
            for power in RANKINGS {
                let run = |detail| first_strike_one_ranking(&scenario, striker, victim, posture, false, detail, power, false).unwrap();
                let (every, searched) = (run(CurveDetail::Full), run(CurveDetail::StopOnly));
                prop_assert_eq!(searched.stop, every.stop, "{} -> {} ranking {}", striker, victim, power);
                let bits = |p: &reykjavik_engine::exchange::CurvePoint| [p.cost_to_striker.to_bits(), p.cost_to_victim.to_bits(), p.warheads_spent.to_bits(), p.arriving_on_striker.to_bits(), p.arriving_on_victim.to_bits()];
                prop_assert_eq!(bits(&searched.stop_point), bits(&every.stop_point));
            }
        }
    }

    /// The index-only analysis gives the stop-only analysis's index, ratios, costs and stop
    /// points, bit for bit.
    #[test]
    fn index_only_equals_stop_only(scenario in scenario(), lua in any::<bool>(), generated in any::<bool>()) {
        let alert = if generated { Alert::Generated } else { Alert::DayToDay };
        let options = AnalysisOptions { alert: [alert; 2], launch_under_attack: [lua; 2] };
        let full = analyze_stop_only(&scenario, options).unwrap();
        let lean = analyze_index_with(&scenario, options, &mut Workspace::default()).unwrap();
        prop_assert_eq!(lean.index.to_bits(), full.index.to_bits());
        prop_assert_eq!(&lean.sides, &full.sides);
        prop_assert_eq!(lean.stops, [full.exchanges[0].stop_point, full.exchanges[1].stop_point]);
    }
}
