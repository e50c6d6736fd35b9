//! The kill table of one strike: the kill probability before missile defense of one warhead of
//! each striker weapon against each victim group (elements, then storage sites).

use super::{
    ConditionalKills, conditional_kill_probability, fires_before_slow_weapons,
    kill_given_conditional,
};
use crate::error::EngineError;
use crate::model::{Basing, ForceElement, ModelOptions, Payload, Side};
use crate::physics::LethalRadiusModel;

/// What [`kill_table`] keeps from one strike to the next: the groups' keys and, per (group,
/// weapon), the last blast physics computed there with its inputs.
#[derive(Debug, Default)]
pub(super) struct KillScratch {
    keys: Vec<TargetKey>,
    /// Row-major by group, one entry per striker weapon.
    physics: Vec<Option<(PhysicsInputs, f64)>>,
}

/// Kill probabilities before missile defense, per (victim group, striker weapon); slow weapons
/// get none against launchers that fire before they arrive. Groups that look alike to a weapon
/// (same [`TargetKey`]) share one computed row: the physics runs once per distinct target, not
/// once per group, with the same bits; and a cell whose physics inputs are the last strike's
/// (the next analysis of an unchanged scenario) takes the last result, also the same bits.
/// With `known`, each conditional kill probability comes from there instead of the physics.
pub(super) fn kill_table(
    attacker: &Side,
    defender: &Side,
    stock: &[f64],
    options: &ModelOptions,
    table: &mut Vec<Vec<f64>>,
    scratch: &mut KillScratch,
    mut known: Option<&mut ConditionalKills>,
) -> Result<(), EngineError> {
    let KillScratch { keys, physics } = scratch;
    target_keys(defender, options, keys);
    let weapons = attacker.forces.len();
    if physics.len() != keys.len() * weapons {
        physics.clear();
        physics.resize(keys.len() * weapons, None);
    }
    // Rows are refilled in place: a workspace's table keeps its rows from strike to strike.
    table.resize_with(keys.len(), Vec::new);
    for (g, key) in keys.iter().enumerate() {
        let (before, rest) = table.split_at_mut(g);
        let row = &mut rest[0];
        match keys[..g].iter().position(|k| k == key) {
            Some(same) => row.clone_from(&before[same]),
            None => {
                let memo = &mut physics[g * weapons..(g + 1) * weapons];
                let target = Target {
                    defender,
                    key,
                    group: g,
                };
                let known = known.as_deref_mut();
                fill_kill_row(attacker, target, stock, options, row, memo, known)?
            }
        }
    }
    Ok(())
}

/// The inputs of the blast physics of one weapon against one target, compared bit for bit: the
/// lethal radius and SSPK are functions of these alone.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PhysicsInputs {
    /// Yield, CEP, bias and target hardness.
    bits: [u64; 4],
    model: LethalRadiusModel,
}

/// The group a row is for: its side, key and index (elements, then storage sites).
#[derive(Clone, Copy)]
struct Target<'a> {
    defender: &'a Side,
    key: &'a TargetKey,
    group: usize,
}

impl Target<'_> {
    /// The victim's element or storage site this group is.
    fn aimed_at(&self) -> super::Target {
        let elements = self.defender.forces.len();
        match self.group.checked_sub(elements) {
            None => super::Target::Element(self.group),
            Some(site) => super::Target::Storage(site),
        }
    }
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

/// Kill probabilities of every striker weapon in stock against one target group, into `row`;
/// `memo` is the group's physics from the last strike, one entry per weapon; `known` the
/// caller's conditional kill probabilities, if any.
fn fill_kill_row(
    attacker: &Side,
    target: Target,
    stock: &[f64],
    options: &ModelOptions,
    row: &mut Vec<f64>,
    memo: &mut [Option<(PhysicsInputs, f64)>],
    mut known: Option<&mut ConditionalKills>,
) -> Result<(), EngineError> {
    let key = target.key;
    row.clear();
    row.resize(attacker.forces.len(), 0.0);
    for (i, weapon) in attacker.forces.iter().enumerate() {
        if stock[i] < 1.0 || (!weapon.prompt && key.fires_first) {
            continue;
        }
        let conditional = match known.as_deref_mut() {
            Some(known) => known(i, target.aimed_at())?,
            None => conditional_kill(weapon, key, options, &mut memo[i])?,
        };
        row[i] = kill_given_conditional(weapon, target.defender, conditional);
    }
    Ok(())
}

/// [`conditional_kill_probability`] of `weapon` against `key`'s targets, taken from `memo`
/// when the physics inputs are the same bits (errors are never kept: they are recomputed).
fn conditional_kill(
    weapon: &ForceElement,
    key: &TargetKey,
    options: &ModelOptions,
    memo: &mut Option<(PhysicsInputs, f64)>,
) -> Result<f64, EngineError> {
    let hardness_psi = f64::from_bits(key.hardness_bits);
    let Some(inputs) = physics_inputs(weapon, key, options) else {
        return conditional_kill_probability(weapon, key.class, hardness_psi, options);
    };
    if let Some((last, p)) = memo
        && *last == inputs
    {
        return Ok(*p);
    }
    let p = conditional_kill_probability(weapon, key.class, hardness_psi, options)?;
    *memo = Some((inputs, p));
    Ok(p)
}

/// The blast physics' inputs where [`conditional_kill_probability`] runs it (a nuclear weapon
/// without a direct kill probability against the class, with a yield and a CEP).
fn physics_inputs(
    weapon: &ForceElement,
    key: &TargetKey,
    options: &ModelOptions,
) -> Option<PhysicsInputs> {
    if weapon.payload != Payload::Nuclear || weapon.kill_probability.get(key.class).is_some() {
        return None;
    }
    let (yield_kt, cep_m) = weapon.yield_kt.zip(weapon.cep_m)?;
    Some(PhysicsInputs {
        bits: [
            yield_kt,
            cep_m,
            weapon.bias_m,
            f64::from_bits(key.hardness_bits),
        ]
        .map(f64::to_bits),
        model: options.lethal_radius_model,
    })
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
        fn grouped_kill_table_is_the_direct_one_bit_for_bit_after_any_strike(
            weapons in prop::collection::vec(
                (1.0f64..5000.0, 30.0f64..1000.0, prop_oneof![Just(0.0), 0.0f64..300.0],
                 0.5f64..1.0, any::<bool>(), prop::option::of(0.0f64..1.0)),
                1..5),
            targets in prop::collection::vec((0usize..5, 0usize..7, 10.0f64..9000.0), 1..9),
            stock in prop::collection::vec(prop_oneof![Just(0.5), 1.0f64..100.0], 5),
            storage_psi in 10.0f64..3000.0,
            after_retaliation in any::<bool>(),
            last in prop::option::of(prop_oneof![Just(1.0), 1.1f64..3.0]),
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
            let mut scratch = KillScratch::default();
            // The physics kept from the last strike is reused only where its inputs are the
            // same: a strike with other yields, CEPs and hardnesses first, then this one.
            if let Some(last) = last {
                let mut other = attacker.clone();
                for (k, w) in other.forces.iter_mut().enumerate() {
                    if k % 2 == 0 {
                        w.yield_kt = w.yield_kt.map(|y| y * last);
                        w.cep_m = w.cep_m.map(|c| c / last);
                    }
                }
                let mut softer = defender.clone();
                softer.forces.iter_mut().step_by(2).for_each(|t| t.aimpoint_hardness_psi *= 0.5);
                kill_table(&other, &softer, stock, &options, &mut grouped, &mut scratch, None).unwrap();
                kill_table(&attacker, &softer, stock, &options, &mut grouped, &mut scratch, None).unwrap();
            }
            kill_table(&attacker, &defender, stock, &options, &mut grouped, &mut scratch, None).unwrap();
            let direct = direct(&attacker, &defender, stock, &options);
            let bits = |t: &Vec<Vec<f64>>| -> Vec<Vec<u64>> {
                t.iter().map(|r| r.iter().map(|p| p.to_bits()).collect()).collect()
            };
            prop_assert_eq!(bits(&grouped), bits(&direct));
        }
    }
}
