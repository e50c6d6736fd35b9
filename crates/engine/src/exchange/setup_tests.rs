//! The set-up's exact shortcuts against their plain forms (issue 7, speed).

use super::{ExchangePosture, set_up};
use crate::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use crate::model::{
    Alert, Basing, Delivery, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};
use proptest::prelude::*;

fn side(name: &str, forces: Vec<ForceElement>, layers: Vec<MissileDefenseLayer>) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 150.0,
        },
        forces,
        missile_defenses: layers,
        air_defenses: Vec::new(),
        warhead_storage: Vec::new(),
    }
}

/// A weapon or target: (basing index, launchers, hardness, an aircraft instead of a missile).
type Element = (usize, u32, f64, bool);

fn element((basing, launchers, hardness, aircraft): Element, i: usize) -> ForceElement {
    let basings = [Basing::Silo, Basing::RoadMobile, Basing::Submarine];
    let mut e = ForceElement::ballistic(
        &format!("e{i}"),
        basings[basing % 3],
        launchers,
        1,
        300.0,
        150.0,
    );
    e.aimpoint_hardness_psi = hardness;
    if aircraft {
        e.delivery = Delivery::Aircraft;
    }
    e
}

/// A forces or value layer: (interceptors, SSPK, covers forces, covers value).
type Layer = (u32, f64, bool, bool);

fn layer((interceptors, sspk, forces, value): Layer, k: usize) -> MissileDefenseLayer {
    MissileDefenseLayer {
        name: format!("l{k}"),
        interceptors,
        interceptor_sspk: sspk,
        doctrine: FiringDoctrine::Salvo { shots: 2 },
        discrimination: 0.9,
        covers: match (forces, value) {
            (true, true) => Coverage::Both,
            (true, false) => Coverage::Forces,
            _ => Coverage::Value,
        },
    }
}

/// [`super::Setup::fill_kill_with_defense`] as written before its copy for a leak of 1: every
/// ballistic weapon's kill times the forces layers' leak.
fn plain_kill_with_defense(base: &[Vec<f64>], ballistic: &[bool], leak: f64) -> Vec<Vec<f64>> {
    base.iter()
        .map(|row| {
            row.iter()
                .zip(ballistic)
                .map(|(p, &b)| if b { p * leak } else { *p })
                .collect()
        })
        .collect()
}

fn bits(table: &[Vec<f64>]) -> Vec<Vec<u64>> {
    table
        .iter()
        .map(|r| r.iter().map(|p| p.to_bits()).collect())
        .collect()
}

proptest! {
    /// The kill table with the victim's forces defense is the plain product, bit for bit, with
    /// no layer, value layers only, spent or idle forces layers, and rows left from a strike of
    /// another shape.
    #[test]
    fn kill_with_defense_is_the_plain_product(
        weapons in prop::collection::vec((0usize..3, 1u32..40, 10.0f64..3000.0, any::<bool>()), 1..5),
        targets in prop::collection::vec((0usize..3, 1u32..40, 10.0f64..3000.0, any::<bool>()), 1..6),
        layers in prop::collection::vec((0u32..5, 0.0f64..1.0, any::<bool>(), any::<bool>()), 0..3),
        spent in any::<bool>(),
        left_rows in 0usize..8,
    ) {
        let attacker = side("A", weapons.iter().enumerate().map(|(i, &w)| element(w, i)).collect(), Vec::new());
        let defender = side(
            "B",
            targets.iter().enumerate().map(|(j, &t)| element(t, j)).collect(),
            layers.iter().enumerate().map(|(k, &l)| layer(l, k)).collect(),
        );
        let scenario = Scenario {
            name: "defended kills".into(),
            description: String::new(),
            options: ModelOptions::default(),
            sides: vec![attacker, defender],
            uncertain: Vec::new(),
        };
        let posture = ExchangePosture {
            striker_alert: Alert::Generated,
            victim_alert: Alert::Generated,
            victim_launches_under_attack: false,
        };
        let setup = set_up(&scenario, 0, 1, posture).unwrap();
        let capacity: Vec<f64> = if spent {
            vec![0.0; setup.initial_capacity.len()]
        } else {
            setup.initial_capacity.clone()
        };
        let leak = super::forces_leak(&scenario.sides[1].missile_defenses, &capacity);
        let mut kill = vec![vec![0.25; 3]; left_rows];
        setup.fill_kill_with_defense(&capacity, &mut kill);
        let plain = plain_kill_with_defense(&setup.base_kill, &setup.is_ballistic, leak);
        prop_assert_eq!(bits(&kill), bits(&plain));
    }
}
