//! The kill table of one strike: the kill probability before missile defense of one warhead of
//! each striker weapon against each victim group (elements, then storage sites).

use super::{base_kill_probability, fires_before_slow_weapons};
use crate::error::EngineError;
use crate::model::{Basing, ModelOptions, Side};

/// Kill probabilities before missile defense, per (victim group, striker weapon); slow weapons
/// get none against launchers that fire before they arrive. Groups that look alike to a weapon
/// (same [`TargetKey`]) share one computed row: the physics runs once per distinct target, not
/// once per group, with the same bits.
pub(super) fn kill_table(
    attacker: &Side,
    defender: &Side,
    stock: &[f64],
    options: &ModelOptions,
    table: &mut Vec<Vec<f64>>,
    keys: &mut Vec<TargetKey>,
) -> Result<(), EngineError> {
    target_keys(defender, options, keys);
    // Rows are refilled in place: a workspace's table keeps its rows from strike to strike.
    table.resize_with(keys.len(), Vec::new);
    for (g, key) in keys.iter().enumerate() {
        let (before, rest) = table.split_at_mut(g);
        let row = &mut rest[0];
        match keys[..g].iter().position(|k| k == key) {
            Some(same) => row.clone_from(&before[same]),
            None => fill_kill_row(attacker, defender, stock, options, key, row)?,
        }
    }
    Ok(())
}

/// All a row of the kill table depends on about its target group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct TargetKey {
    class: Basing,
    /// Compared bit for bit: equal keys give equal rows exactly.
    hardness_bits: u64,
    /// Launchers that fire before slow weapons arrive (slow weapons get no kill).
    fires_first: bool,
}

/// The key of every victim group: elements, then storage sites, into `keys`.
fn target_keys(defender: &Side, options: &ModelOptions, keys: &mut Vec<TargetKey>) {
    let elements = defender.forces.iter().map(|target| TargetKey {
        class: target.basing,
        hardness_bits: target.aimpoint_hardness_psi.to_bits(),
        fires_first: fires_before_slow_weapons(target, options),
    });
    let sites = defender.warhead_storage.iter().map(|site| TargetKey {
        class: Basing::WarheadStorage,
        hardness_bits: site.aimpoint_hardness_psi.to_bits(),
        fires_first: false,
    });
    keys.clear();
    keys.extend(elements.chain(sites));
}

/// Kill probabilities of every striker weapon in stock against one target group, into `row`.
fn fill_kill_row(
    attacker: &Side,
    defender: &Side,
    stock: &[f64],
    options: &ModelOptions,
    key: &TargetKey,
    row: &mut Vec<f64>,
) -> Result<(), EngineError> {
    let hardness_psi = f64::from_bits(key.hardness_bits);
    row.clear();
    row.resize(attacker.forces.len(), 0.0);
    for (i, weapon) in attacker.forces.iter().enumerate() {
        if stock[i] < 1.0 || (!weapon.prompt && key.fires_first) {
            continue;
        }
        row[i] = base_kill_probability(weapon, key.class, hardness_psi, defender, options)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WarheadStorage;
    use crate::model::{Delivery, ForceElement, Payload, SlowWeaponTiming, ValueModel, ValueUnit};
    use proptest::prelude::*;

    /// The table as computed before targets were grouped: every (weapon, group) pair directly
    /// (the per-aimpoint reference's table).
    fn direct(
        attacker: &Side,
        defender: &Side,
        stock: &[f64],
        options: &ModelOptions,
    ) -> Vec<Vec<f64>> {
        super::super::reference::direct_kill_table(attacker, defender, stock, options).unwrap()
    }

    fn side(forces: Vec<ForceElement>, storage_psi: f64) -> Side {
        Side {
            name: "s".into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 150.0,
            },
            forces,
            missile_defenses: Vec::new(),
            air_defenses: Vec::new(),
            warhead_storage: vec![WarheadStorage {
                name: "depot".into(),
                detection_probability: 1.0,
                aimpoint_hardness_psi: storage_psi,
            }],
        }
    }

    /// A weapon: (yield kt, CEP m, bias m, reliability, slow bomber, direct kill vs silos).
    type Weapon = (f64, f64, f64, f64, bool, Option<f64>);
    /// A target: (basing index, hardness index into a few shared values, or its own hardness).
    type Target = (usize, usize, f64);

    fn weapon((yield_kt, cep, bias, reliability, slow, direct): Weapon, i: usize) -> ForceElement {
        let mut w = ForceElement::ballistic(&format!("w{i}"), Basing::Silo, 10, 1, yield_kt, cep);
        w.bias_m = bias;
        w.reliability = reliability;
        if slow {
            w.delivery = Delivery::Aircraft;
            w.prompt = false;
        }
        if let Some(p) = direct {
            w.kill_probability.set(Basing::Silo, p);
        }
        w
    }

    fn target((basing, shared, own): Target, j: usize) -> ForceElement {
        let basings = [
            Basing::Silo,
            Basing::RoadMobile,
            Basing::Submarine,
            Basing::AirBase,
        ];
        let mut t =
            ForceElement::ballistic(&format!("t{j}"), basings[basing % 4], 10, 1, 300.0, 200.0);
        // Most targets share one of a few hardnesses, as real forces do; some have their own.
        t.aimpoint_hardness_psi = [5.0, 30.0, 315.0, 2000.0, 5000.0]
            .get(shared)
            .copied()
            .unwrap_or(own);
        if basing % 5 == 4 {
            t.payload = Payload::Conventional;
        }
        t
    }

    proptest! {
        #[test]
        fn grouped_kill_table_is_the_direct_one_bit_for_bit(
            weapons in prop::collection::vec(
                (1.0f64..5000.0, 30.0f64..1000.0, prop_oneof![Just(0.0), 0.0f64..300.0],
                 0.5f64..1.0, any::<bool>(), prop::option::of(0.0f64..1.0)),
                1..5),
            targets in prop::collection::vec((0usize..5, 0usize..7, 10.0f64..9000.0), 1..9),
            stock in prop::collection::vec(prop_oneof![Just(0.5), 1.0f64..100.0], 5),
            storage_psi in 10.0f64..3000.0,
            after_retaliation in any::<bool>(),
        ) {
            let attacker = side(weapons.iter().enumerate().map(|(i, &w)| weapon(w, i)).collect(), 100.0);
            let defender = side(targets.iter().enumerate().map(|(j, &t)| target(t, j)).collect(), storage_psi);
            let options = ModelOptions {
                slow_weapons: if after_retaliation {
                    SlowWeaponTiming::AfterRetaliation
                } else {
                    SlowWeaponTiming::WithPromptWave
                },
                ..ModelOptions::default()
            };
            let stock = &stock[..weapons.len()];
            // A table left from another strike is refilled, not appended to.
            let mut grouped = vec![vec![0.25; 7]; 11];
            kill_table(&attacker, &defender, stock, &options, &mut grouped, &mut Vec::new()).unwrap();
            let direct = direct(&attacker, &defender, stock, &options);
            let bits = |t: &Vec<Vec<f64>>| -> Vec<Vec<u64>> {
                t.iter().map(|r| r.iter().map(|p| p.to_bits()).collect()).collect()
            };
            prop_assert_eq!(bits(&grouped), bits(&direct));
        }
    }
}
