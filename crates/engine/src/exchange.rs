//! One first strike and the retaliation it leaves (model.md section 4, Kent & Thaler R-3765).
//!
//! The striker spends warheads on the victim's targetable aimpoints, cheapest kills first, and so
//! traces the draw-down curve; at every point the striker's remaining weapons fall on the victim's
//! value and the victim's surviving weapons on the striker's. The striker stops where its own cost
//! is lowest (ties: where the victim's cost is highest).

use crate::allocation::{Assignment, Greedy, Problem};
use crate::defense::MissileDefenseLayer;
use crate::error::EngineError;
use crate::model::{
    Alert, Delivery, ForceElement, ModelOptions, Payload, Scenario, Side, ValueUnit,
};
use crate::physics;

/// Two costs within this distance are equal for the stop rule.
const COST_TIE: f64 = 1e-12;

/// The posture of the victim during one exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VictimPosture {
    pub alert: Alert,
    pub launches_under_attack: bool,
}

/// One point of the draw-down curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Nuclear warheads the striker has spent on counterforce.
    pub warheads_spent: f64,
    /// Conventional weapons the striker has spent on counterforce.
    pub conventional_spent: f64,
    /// Striker nuclear warheads left for the victim's value.
    pub striker_warheads_left: f64,
    /// Victim nuclear warheads that survive (expected), including those launched under attack.
    pub victim_warheads_surviving: f64,
    pub damage_to_striker: f64,
    pub damage_to_victim: f64,
    pub cost_to_striker: f64,
    pub cost_to_victim: f64,
}

/// What became of one victim force element at the stop point (expected warheads).
#[derive(Debug, Clone, PartialEq)]
pub struct VictimElementOutcome {
    pub name: String,
    pub warheads: f64,
    /// Beyond targeting at this alert posture (at sea, dispersed, on strip alert) or not found.
    pub untargetable: f64,
    /// Launched under attack before the weapons arrived.
    pub launched_under_attack: f64,
    /// On aimpoints the striker could attack.
    pub exposed: f64,
    pub destroyed: f64,
    pub surviving: f64,
}

/// What one striker force element did at the stop point.
#[derive(Debug, Clone, PartialEq)]
pub struct StrikerElementOutcome {
    pub name: String,
    pub payload: Payload,
    /// Warheads the striker has for this strike (after availability).
    pub available: f64,
    /// Warheads spent on each victim element, in victim element order.
    pub spent_on: Vec<f64>,
    /// Warheads left for the victim's value (0 for conventional weapons).
    pub left_for_value: f64,
}

impl StrikerElementOutcome {
    pub fn spent(&self) -> f64 {
        self.spent_on.iter().sum()
    }
}

/// Re-entry vehicles and aircraft stopped by defenses in one phase (expected).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DefenseEffect {
    pub ballistic_intercepted: f64,
    pub air_breathing_shot_down: f64,
}

/// A completed first-strike exchange.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub striker: usize,
    pub victim: usize,
    pub victim_posture: VictimPosture,
    pub curve: Vec<CurvePoint>,
    /// Index of the stop point in `curve`.
    pub stop: usize,
    pub striker_elements: Vec<StrikerElementOutcome>,
    pub victim_elements: Vec<VictimElementOutcome>,
    /// Victim warheads destroyed by conventional weapons at the stop point.
    pub destroyed_by_conventional: f64,
    /// Victim defenses during the counterforce strike.
    pub victim_defense_against_counterforce: DefenseEffect,
    /// Victim defenses against the striker's weapons on value.
    pub victim_defense_against_value_attack: DefenseEffect,
    /// Striker defenses against the victim's retaliation.
    pub striker_defense_against_retaliation: DefenseEffect,
    /// Gap certificate: an upper bound on the victim warheads any plan of the same size could
    /// destroy (Ahuja et al. 2007), and the greedy plan's value.
    pub destroyed_upper_bound: f64,
    pub destroyed: f64,
}

impl Exchange {
    pub fn at_stop(&self) -> &CurvePoint {
        &self.curve[self.stop]
    }
    /// Relative gap between the greedy plan and the bound: 0 = provably optimal.
    pub fn optimality_gap(&self) -> f64 {
        if self.destroyed_upper_bound > 0.0 {
            ((self.destroyed_upper_bound - self.destroyed) / self.destroyed_upper_bound).max(0.0)
        } else {
            0.0
        }
    }
}

/// The value-weapon cost of one warhead of `element` against a side counting value in `unit`.
fn value_units(element: &ForceElement, unit: ValueUnit) -> f64 {
    match (element.payload, unit) {
        (Payload::Conventional, _) => 0.0,
        (Payload::Nuclear, ValueUnit::Warheads) => 1.0,
        (Payload::Nuclear, ValueUnit::EquivalentMegatons) => {
            element.yield_kt.map_or(0.0, physics::equivalent_megatons)
        }
    }
}

/// Probability that an air-breathing weapon of `delivery` gets through the defender's air
/// defenses that cover value (`for_value`) or forces.
fn air_penetration(defender: &Side, delivery: Delivery, for_value: bool) -> f64 {
    defender
        .air_defenses
        .iter()
        .filter(|a| {
            if for_value {
                a.covers.covers_value()
            } else {
                a.covers.covers_forces()
            }
        })
        .map(|a| match delivery {
            Delivery::Aircraft => 1.0 - a.bomber_shootdown,
            Delivery::CruiseMissile => 1.0 - a.cruise_missile_shootdown,
            Delivery::BallisticMissile | Delivery::GlideVehicle => 1.0,
        })
        .product()
}

/// Expected weapons of an attacking side that arrive on the defender's value, in the defender's
/// value unit, given how many engagements each defender BMD layer has left.
fn arriving_on_value(
    attacker: &Side,
    warheads_by_element: impl Iterator<Item = f64>,
    defender: &Side,
    bmd_capacity: &[f64],
) -> (f64, DefenseEffect) {
    let unit = defender.value.unit;
    let mut ballistic_rvs = 0.0;
    let mut ballistic_units = 0.0;
    let mut other_units = 0.0;
    let mut effect = DefenseEffect::default();
    for (element, warheads) in attacker.forces.iter().zip(warheads_by_element) {
        if !element.is_nuclear() || warheads <= 0.0 {
            continue;
        }
        let launched = warheads * element.reliability;
        let units = value_units(element, unit);
        match element.delivery {
            Delivery::BallisticMissile => {
                ballistic_rvs += launched;
                ballistic_units += launched * units;
            }
            Delivery::GlideVehicle => other_units += launched * units,
            Delivery::Aircraft | Delivery::CruiseMissile => {
                let through = launched * air_penetration(defender, element.delivery, true);
                effect.air_breathing_shot_down += launched - through;
                other_units += through * units;
            }
        }
    }
    for (layer, &capacity) in defender.missile_defenses.iter().zip(bmd_capacity) {
        if !layer.covers.covers_value() || ballistic_rvs <= 0.0 {
            continue;
        }
        let intercepted = ballistic_rvs.min(capacity) * layer.intercept_probability();
        let surviving_share = 1.0 - intercepted / ballistic_rvs;
        effect.ballistic_intercepted += intercepted;
        ballistic_rvs *= surviving_share;
        ballistic_units *= surviving_share;
    }
    (ballistic_units + other_units, effect)
}

/// Kill probability of one arriving-or-not warhead of `weapon` against a launcher of `target`,
/// before missile defense: reliability x (direct kill probability or SSPK) x air penetration.
fn base_kill_probability(
    weapon: &ForceElement,
    target: &ForceElement,
    victim: &Side,
    options: &ModelOptions,
) -> Result<f64, EngineError> {
    let conditional = match (weapon.kill_probability.get(target.basing), weapon.payload) {
        (Some(p), _) => p,
        (None, Payload::Conventional) => 0.0,
        (None, Payload::Nuclear) => {
            let missing = |field| {
                EngineError::rule(
                    format!("force `{}`", weapon.name),
                    format!(
                        "needs {field} to compute a kill probability against {}",
                        target.basing.name()
                    ),
                )
            };
            let yield_kt = weapon.yield_kt.ok_or_else(|| missing("yield_kt"))?;
            let cep_m = weapon.cep_m.ok_or_else(|| missing("cep_m"))?;
            let radius = physics::lethal_radius_m(
                yield_kt,
                target.aimpoint_hardness_psi,
                options.lethal_radius_model,
            )?;
            physics::sspk(radius, cep_m, weapon.bias_m)?
        }
    };
    Ok(weapon.reliability * conditional * air_penetration(victim, weapon.delivery, false))
}

/// Probability that a ballistic RV attacking forces leaks through the layers that still have
/// interceptors.
fn forces_leak(layers: &[MissileDefenseLayer], capacity: &[f64]) -> f64 {
    layers
        .iter()
        .zip(capacity)
        .filter(|(layer, c)| layer.covers.covers_forces() && **c >= 1.0)
        .map(|(layer, _)| 1.0 - layer.intercept_probability())
        .product()
}

/// Runs one first strike of `striker` on `victim`.
pub fn first_strike(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: VictimPosture,
) -> Result<Exchange, EngineError> {
    let options = &scenario.options;
    let attacker = &scenario.sides[striker];
    let defender = &scenario.sides[victim];

    // Weapons: one type per striker element.
    let stock: Vec<f64> = attacker
        .forces
        .iter()
        .map(|f| {
            f64::from(f.launchers)
                * options.striker_availability(f.basing)
                * f64::from(f.warheads_per_launcher)
        })
        .collect();
    let cost: Vec<f64> = attacker
        .forces
        .iter()
        .map(|f| value_units(f, defender.value.unit))
        .collect();

    // Aimpoints: one group per victim element; LUA-capable launchers mostly escape.
    let mut values = Vec::new();
    let mut groups = Vec::new();
    let mut victim_elements = Vec::new();
    let mut lua_groups = Vec::new();
    for (j, target) in defender.forces.iter().enumerate() {
        let warheads = target.warheads() as f64;
        let per_launcher = f64::from(target.warheads_per_launcher);
        let targetable =
            f64::from(target.launchers) * (1.0 - target.untargetable_share.at(posture.alert));
        let found = targetable * target.detection_probability;
        let launches =
            posture.launches_under_attack && target.can_launch_under_attack && target.is_nuclear();
        let stay_share = if launches {
            1.0 - options.launch_under_attack_share
        } else {
            1.0
        };
        lua_groups.push(launches);
        // Aimpoints hold `launchers_per_aimpoint` launchers; the last one holds the remainder.
        let per_aimpoint = f64::from(target.launchers_per_aimpoint);
        let mut left = found;
        while left > 1e-9 {
            let here = left.min(per_aimpoint);
            values.push(here * per_launcher * stay_share);
            groups.push(j);
            left -= here;
        }
        let launched = if launches {
            targetable * options.launch_under_attack_share * per_launcher
        } else {
            0.0
        };
        victim_elements.push(VictimElementOutcome {
            name: target.name.clone(),
            warheads,
            untargetable: warheads - targetable * per_launcher
                + (targetable - found) * per_launcher * stay_share,
            launched_under_attack: launched,
            exposed: found * per_launcher * stay_share,
            destroyed: 0.0,
            surviving: warheads,
        });
    }

    // Kill probabilities before missile defense, per (victim group, striker weapon).
    let mut base_kill = vec![vec![0.0; attacker.forces.len()]; defender.forces.len()];
    for (j, target) in defender.forces.iter().enumerate() {
        for (i, weapon) in attacker.forces.iter().enumerate() {
            // Slow weapons cannot catch launchers that launch under attack.
            if lua_groups[j] && !weapon.prompt {
                continue;
            }
            if stock[i] >= 1.0 {
                base_kill[j][i] = base_kill_probability(weapon, target, defender, options)?;
            }
        }
    }
    let mut bmd_capacity: Vec<f64> = defender
        .missile_defenses
        .iter()
        .map(MissileDefenseLayer::engagement_capacity)
        .collect();
    let is_ballistic: Vec<bool> = attacker
        .forces
        .iter()
        .map(|f| f.delivery == Delivery::BallisticMissile)
        .collect();
    let kill_with_defense = |capacity: &[f64]| -> Vec<Vec<f64>> {
        let leak = forces_leak(&defender.missile_defenses, capacity);
        base_kill
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&is_ballistic)
                    .map(|(p, &b)| if b { p * leak } else { *p })
                    .collect()
            })
            .collect()
    };
    let problem = Problem {
        values,
        groups,
        kill: kill_with_defense(&bmd_capacity),
        cost,
        stock: stock.clone(),
        cap: options.max_warheads_per_aimpoint as usize,
    };
    let mut greedy = Greedy::new(problem);

    // Trace the draw-down curve.
    let victim_total: Vec<f64> = defender
        .forces
        .iter()
        .map(|f| f.warheads() as f64)
        .collect();
    let victim_nuclear: Vec<bool> = defender
        .forces
        .iter()
        .map(ForceElement::is_nuclear)
        .collect();
    let mut destroyed_by_group = vec![0.0; defender.forces.len()];
    let mut spent = vec![0.0; attacker.forces.len()];
    let mut plan: Vec<Assignment> = Vec::new();
    let mut capacity_after: Vec<Vec<f64>> = Vec::new();
    let mut counterforce_intercepts = Vec::new();
    let mut intercepted_so_far = 0.0;
    let point = |spent: &[f64], destroyed: &[f64], capacity: &[f64]| -> CurvePoint {
        let striker_left = stock.iter().zip(spent).map(|(s, x)| s - x);
        let (on_victim, _) = arriving_on_value(attacker, striker_left, defender, capacity);
        let surviving = victim_total.iter().zip(destroyed).map(|(t, d)| t - d);
        let striker_capacity: Vec<f64> = attacker
            .missile_defenses
            .iter()
            .map(MissileDefenseLayer::engagement_capacity)
            .collect();
        let (on_striker, _) = arriving_on_value(defender, surviving, attacker, &striker_capacity);
        let damage_to_striker = attacker.value.damage(on_striker);
        let damage_to_victim = defender.value.damage(on_victim);
        let nuclear_spent = |nuclear: bool| -> f64 {
            attacker
                .forces
                .iter()
                .zip(spent)
                .filter(|(f, _)| f.is_nuclear() == nuclear)
                .map(|(_, s)| s)
                .sum()
        };
        CurvePoint {
            warheads_spent: nuclear_spent(true),
            conventional_spent: nuclear_spent(false),
            striker_warheads_left: attacker
                .forces
                .iter()
                .zip(&stock)
                .zip(spent)
                .filter(|((f, _), _)| f.is_nuclear())
                .map(|((_, s), x)| s - x)
                .sum(),
            victim_warheads_surviving: victim_total
                .iter()
                .zip(destroyed)
                .zip(&victim_nuclear)
                .filter(|(_, n)| **n)
                .map(|((t, d), _)| t - d)
                .sum(),
            damage_to_striker,
            damage_to_victim,
            cost_to_striker: options.cost(damage_to_striker, damage_to_victim),
            cost_to_victim: options.cost(damage_to_victim, damage_to_striker),
        }
    };
    let mut curve = vec![point(&spent, &destroyed_by_group, &bmd_capacity)];
    capacity_after.push(bmd_capacity.clone());
    counterforce_intercepts.push(0.0);
    while let Some(assignment) = greedy.step() {
        let group = greedy.problem().groups[assignment.aimpoint];
        destroyed_by_group[group] += assignment.gain;
        spent[assignment.weapon] += 1.0;
        if is_ballistic[assignment.weapon] {
            // The RV, if it flies, draws interceptors from layers covering forces.
            let flying = attacker.forces[assignment.weapon].reliability;
            let mut exhausted = false;
            for (layer, capacity) in defender
                .missile_defenses
                .iter()
                .zip(bmd_capacity.iter_mut())
            {
                if layer.covers.covers_forces() && *capacity >= 1.0 {
                    intercepted_so_far += flying * layer.intercept_probability();
                    *capacity -= flying;
                    exhausted |= *capacity < 1.0;
                }
            }
            if exhausted {
                // Later RVs leak through the spent layer: kill probabilities rise.
                let kill = kill_with_defense(&bmd_capacity);
                for (j, row) in kill.iter().enumerate() {
                    for (i, &p) in row.iter().enumerate() {
                        greedy.set_kill(j, i, p);
                    }
                }
                greedy.rebuild();
            }
        }
        plan.push(assignment);
        curve.push(point(&spent, &destroyed_by_group, &bmd_capacity));
        capacity_after.push(bmd_capacity.clone());
        counterforce_intercepts.push(intercepted_so_far);
    }

    // Stop rule (R-3765 p. 22): lowest striker cost; ties go to the highest victim cost.
    let mut stop = 0;
    for (k, p) in curve.iter().enumerate() {
        let best = &curve[stop];
        if p.cost_to_striker < best.cost_to_striker - COST_TIE
            || (p.cost_to_striker <= best.cost_to_striker + COST_TIE
                && p.cost_to_victim > best.cost_to_victim + COST_TIE)
        {
            stop = k;
        }
    }

    // Outcomes at the stop point: replay the first `stop` assignments.
    let executed = &plan[..stop];
    let mut spent_on = vec![vec![0.0; defender.forces.len()]; attacker.forces.len()];
    let mut destroyed = vec![0.0; defender.forces.len()];
    let mut destroyed_by_conventional = 0.0;
    let mut air_shot_down_in_counterforce = 0.0;
    for a in executed {
        let group = greedy.problem().groups[a.aimpoint];
        let weapon = &attacker.forces[a.weapon];
        spent_on[a.weapon][group] += 1.0;
        air_shot_down_in_counterforce +=
            weapon.reliability * (1.0 - air_penetration(defender, weapon.delivery, false));
        destroyed[group] += a.gain;
        if !attacker.forces[a.weapon].is_nuclear() {
            destroyed_by_conventional += a.gain;
        }
    }
    for (outcome, d) in victim_elements.iter_mut().zip(&destroyed) {
        outcome.destroyed = *d;
        outcome.surviving = outcome.warheads - d;
    }
    let striker_elements: Vec<StrikerElementOutcome> = attacker
        .forces
        .iter()
        .zip(&stock)
        .zip(spent_on)
        .map(|((f, &available), spent_on)| {
            let used: f64 = spent_on.iter().sum();
            StrikerElementOutcome {
                name: f.name.clone(),
                payload: f.payload,
                available,
                left_for_value: if f.is_nuclear() {
                    available - used
                } else {
                    0.0
                },
                spent_on,
            }
        })
        .collect();
    let (_, victim_defense_against_value_attack) = arriving_on_value(
        attacker,
        striker_elements.iter().map(|s| s.left_for_value),
        defender,
        &capacity_after[stop],
    );
    let striker_capacity: Vec<f64> = attacker
        .missile_defenses
        .iter()
        .map(MissileDefenseLayer::engagement_capacity)
        .collect();
    let (_, striker_defense_against_retaliation) = arriving_on_value(
        defender,
        victim_elements.iter().map(|v| v.surviving),
        attacker,
        &striker_capacity,
    );
    let destroyed_total: f64 = destroyed.iter().sum();
    Ok(Exchange {
        striker,
        victim,
        victim_posture: posture,
        stop,
        destroyed_upper_bound: crate::allocation::upper_bound(greedy.problem(), stop)
            .max(destroyed_total),
        destroyed: destroyed_total,
        curve,
        striker_elements,
        victim_elements,
        destroyed_by_conventional,
        victim_defense_against_counterforce: DefenseEffect {
            ballistic_intercepted: counterforce_intercepts[stop],
            air_breathing_shot_down: air_shot_down_in_counterforce,
        },
        victim_defense_against_value_attack,
        striker_defense_against_retaliation,
    })
}
