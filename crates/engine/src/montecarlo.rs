//! Monte Carlo (model.md section 6): per trial, draw the uncertain inputs, plan both first
//! strikes on the drawn scenario (the expected-value allocation and stop rule), then execute
//! each plan with random outcomes: which aimpoints are found, which launchers launch under
//! attack, which launchers and warheads work, which interceptors hit, which warheads kill.
//!
//! Reproducible: trial t draws from ChaCha8 seeded with the master seed on stream t, so results
//! do not depend on the number of threads or the order trials run in.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::allocation::Batch;
use crate::defense::{FiringDoctrine, MissileDefenseLayer};
use crate::error::EngineError;
use crate::exchange::{self, Exchange, Target};
use crate::model::{Delivery, Scenario, Side};
use crate::params;
use crate::stability::{self, AnalysisOptions, StabilityReport};

/// Random outcomes of one first strike.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeSample {
    /// Nuclear warheads the striker spent on counterforce (those aimed at aimpoints it found).
    pub counterforce_warheads_spent: u32,
    /// Victim warheads left usable after the strike, per victim element.
    pub victim_surviving: Vec<u32>,
    /// Victim warheads that arrive on the striker's value, per victim element.
    pub victim_arriving: Vec<u32>,
    /// Striker warheads that arrive on the victim's value.
    pub striker_arriving: u32,
    pub damage_to_striker: f64,
    pub damage_to_victim: f64,
    pub cost_to_striker: f64,
    pub cost_to_victim: f64,
}

impl ExchangeSample {
    pub fn victim_arriving_total(&self) -> u32 {
        self.victim_arriving.iter().sum()
    }
    pub fn victim_surviving_total(&self) -> u32 {
        self.victim_surviving.iter().sum()
    }
}

/// One trial: both first strikes and the index from their random costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    pub index: f64,
    pub ratios: [f64; 2],
    /// `exchanges[0]`: side 0 strikes first; `exchanges[1]`: side 1 strikes first.
    pub exchanges: [ExchangeSample; 2],
}

/// A source of uniform numbers in [0, 1) and Bernoulli draws.
struct Draw(ChaCha8Rng);

impl Draw {
    fn new(seed: u64, trial: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(trial);
        Self(rng)
    }
    fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn bernoulli(&mut self, p: f64) -> bool {
        p >= 1.0 || (p > 0.0 && self.uniform() < p)
    }
    fn binomial(&mut self, n: u32, p: f64) -> u32 {
        (0..n).filter(|_| self.bernoulli(p)).count() as u32
    }
    /// A whole number whose expectation is `x` (>= 0): floor(x), plus 1 with probability
    /// x - floor(x). Keeps Monte Carlo means equal to the expected-value analysis where that
    /// analysis holds fractions (targetable launchers, available warheads).
    fn whole(&mut self, x: f64) -> u32 {
        let floor = x.max(0.0).floor();
        floor as u32 + u32::from(self.bernoulli(x - floor))
    }
}

/// Who knows the drawn inputs when the strikes are planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Planning {
    /// Both strikes are planned once on the central values and executed in every trial with the
    /// drawn ones: the planners decide under the same uncertainty as the analyst, with the same
    /// best estimates (as in Wu 2020 and Tecott & Halterman 2021, whose attack plans do not
    /// change with the draws). The default.
    #[default]
    Fixed,
    /// Each trial plans both strikes on its drawn inputs: the uncertainty is the analyst's only;
    /// the planners know the true values (allocation and stop point adapt to them). A randomised
    /// sensitivity study; it plans again in every trial, so it is several times slower.
    Informed,
}

impl Planning {
    pub fn name(self) -> &'static str {
        match self {
            Self::Informed => "informed",
            Self::Fixed => "fixed",
        }
    }
}

/// Runs `trials` trials in parallel. `progress` is called with the number of trials finished so
/// far (from any thread); pass `&|_| {}` for none.
pub fn run(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    trials: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Trial>, EngineError> {
    // With every input fixed, or with fixed planning, the plans are the same in every trial:
    // make them once.
    let fixed_plan = if scenario.uncertain.is_empty() || planning == Planning::Fixed {
        Some(stability::analyze(scenario, options)?)
    } else {
        None
    };
    let done = std::sync::atomic::AtomicU64::new(0);
    (0..trials)
        .into_par_iter()
        .map(|t| {
            let trial = run_trial(scenario, fixed_plan.as_ref(), options, seed, t);
            let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if finished.is_multiple_of(256) || finished == trials {
                progress(finished);
            }
            trial
        })
        .collect()
}

/// One trial, reproducible from (seed, t) alone. With `fixed_plan`, the strikes follow it;
/// otherwise they are planned on the drawn inputs.
pub fn run_trial(
    scenario: &Scenario,
    fixed_plan: Option<&StabilityReport>,
    options: AnalysisOptions,
    seed: u64,
    t: u64,
) -> Result<Trial, EngineError> {
    let mut draw = Draw::new(seed, t);
    let drawn = if scenario.uncertain.is_empty() {
        None
    } else {
        let mut copy = scenario.clone();
        for input in &scenario.uncertain {
            let value = input.distribution.sample(&mut || draw.uniform());
            for path in &input.paths {
                params::set_field(&mut copy, path, value)?;
            }
        }
        Some(copy)
    };
    let scenario = drawn.as_ref().unwrap_or(scenario);
    let planned;
    let report = match fixed_plan {
        Some(report) => report,
        None => {
            planned = stability::analyze_stop_only(scenario, options)?;
            &planned
        }
    };
    let a = sample_exchange(scenario, &report.exchanges[0], &mut draw)?;
    let b = sample_exchange(scenario, &report.exchanges[1], &mut draw)?;
    let ratio = |c1: f64, c2: f64| if c2 <= 0.0 { 1.0 } else { (c1 / c2).min(1.0) };
    let ratios = [
        ratio(a.cost_to_striker, b.cost_to_victim),
        ratio(b.cost_to_striker, a.cost_to_victim),
    ];
    Ok(Trial {
        index: ratios[0] * ratios[1],
        ratios,
        exchanges: [a, b],
    })
}

/// Whether one RV is intercepted by `layer`, drawing on its remaining `inventory`.
/// Discrimination is drawn once per RV; shoot-look-shoot fires the second salvo only at an RV
/// that survived the first.
fn engage(layer: &MissileDefenseLayer, inventory: &mut u32, draw: &mut Draw) -> bool {
    let (first, second) = match layer.doctrine {
        FiringDoctrine::Salvo { shots } => (shots, 0),
        FiringDoctrine::ShootLookShoot { first, second } => (first, second),
    };
    if *inventory < first.max(1) {
        return false;
    }
    let discriminated = draw.bernoulli(layer.discrimination);
    let salvo = |shots: u32, inventory: &mut u32, draw: &mut Draw| {
        *inventory -= shots;
        let mut hit = false;
        for _ in 0..shots {
            hit |= draw.bernoulli(layer.interceptor_sspk);
        }
        discriminated && hit
    };
    if salvo(first, inventory, draw) {
        return true;
    }
    second > 0 && *inventory >= second && salvo(second, inventory, draw)
}

/// Warheads launched at a side's value: counts arriving warheads and value units through the
/// defender's air defense and the BMD layers covering value (with their remaining inventory).
struct ValueStrike<'a> {
    defender: &'a Side,
    inventory: Vec<u32>,
    arriving_units: f64,
}

impl ValueStrike<'_> {
    /// `launchers` launchers of `element` (of `warheads_per_launcher` each, the last possibly
    /// partial: `warheads` in all) attack value; `launch_survival` applies when retaliating.
    /// Returns warheads that arrive.
    fn attack(
        &mut self,
        element: &crate::model::ForceElement,
        warheads: u32,
        launch_survival: f64,
        draw: &mut Draw,
    ) -> u32 {
        if !element.is_nuclear() || warheads == 0 {
            return 0;
        }
        let units = exchange::value_units(element, self.defender.value.unit);
        let per_launcher = element.warheads_per_launcher.max(1);
        let mut arriving = 0;
        let mut left = warheads;
        while left > 0 {
            let on_launcher = left.min(per_launcher);
            left -= on_launcher;
            if !draw.bernoulli(element.reliability * launch_survival) {
                continue;
            }
            let through = match element.delivery {
                Delivery::Aircraft => {
                    if draw.bernoulli(exchange::air_penetration(
                        self.defender,
                        Delivery::Aircraft,
                        true,
                    )) {
                        on_launcher
                    } else {
                        0
                    }
                }
                Delivery::CruiseMissile => {
                    let p = exchange::air_penetration(self.defender, Delivery::CruiseMissile, true);
                    draw.binomial(on_launcher, p)
                }
                Delivery::GlideVehicle => on_launcher,
                Delivery::BallisticMissile => {
                    let mut leaked = 0;
                    for _ in 0..on_launcher {
                        let mut intercepted = false;
                        for (layer, inventory) in self
                            .defender
                            .missile_defenses
                            .iter()
                            .zip(self.inventory.iter_mut())
                        {
                            if layer.covers.covers_value() && !intercepted {
                                intercepted = engage(layer, inventory, draw);
                            }
                        }
                        leaked += u32::from(!intercepted);
                    }
                    leaked
                }
            };
            arriving += through;
            self.arriving_units += f64::from(through) * units;
        }
        arriving
    }
}

/// Executes an exchange's plan with random outcomes.
fn sample_exchange(
    scenario: &Scenario,
    x: &Exchange,
    draw: &mut Draw,
) -> Result<ExchangeSample, EngineError> {
    let options = &scenario.options;
    let attacker = &scenario.sides[x.striker];
    let defender = &scenario.sides[x.victim];
    let posture = x.posture;
    let n = defender.forces.len();
    let aimpoints = x.aimpoints();

    // Victim launchers: untargetable, escaped under attack, and on aimpoints (whole launchers).
    let mut surviving_launchers = vec![0u32; n];
    let mut on_aimpoint = vec![0u32; aimpoints.len()];
    let mut exists = vec![false; aimpoints.len()];
    // The plan's aimpoints of each element, in plan order (one pass: elements x aimpoints
    // would be quadratic in the size of a large scenario).
    let mut planned_aimpoints: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, a) in aimpoints.iter().enumerate() {
        if let Target::Element(j) = a.target {
            planned_aimpoints[j].push(k);
        }
    }
    for (j, element) in defender.forces.iter().enumerate() {
        let launchers = element.launchers_at(posture.victim_alert);
        let targetable = draw
            .whole(
                f64::from(launchers) * (1.0 - element.untargetable_share.at(posture.victim_alert)),
            )
            .min(launchers);
        surviving_launchers[j] = launchers - targetable.min(launchers);
        let stay = exchange::stay_share(element, &posture, options);
        let mut planned = planned_aimpoints[j].iter().copied();
        let mut left = targetable;
        while left > 0 {
            let here = left.min(element.launchers_per_aimpoint);
            left -= here;
            let staying = if stay < 1.0 {
                draw.binomial(here, stay)
            } else {
                here
            };
            surviving_launchers[j] += here - staying; // launched under attack
            match planned.next() {
                Some(k) => {
                    on_aimpoint[k] = staying;
                    exists[k] = true;
                }
                None => surviving_launchers[j] += staying, // an aimpoint the plan did not expect
            }
        }
    }
    let mut storage_alive = vec![true; defender.warhead_storage.len()];
    for (k, a) in aimpoints.iter().enumerate() {
        if let Target::Storage(_) = a.target {
            exists[k] = true;
        }
    }
    // Detection from this trial's scenario (the plan may have been made on central values).
    let found: Vec<bool> = aimpoints
        .iter()
        .zip(&exists)
        .map(|(a, &e)| {
            let detection = match a.target {
                Target::Element(j) => defender.forces[j].detection_probability,
                Target::Storage(w) => defender.warhead_storage[w].detection_probability,
            };
            e && draw.bernoulli(detection)
        })
        .collect();

    // Counterforce, in plan order.
    // Conditional kill probabilities, computed once per (target group, weapon).
    let groups = n + defender.warhead_storage.len();
    let mut kill_cache: Vec<Option<f64>> = vec![None; groups * attacker.forces.len()];
    let mut alive = vec![true; aimpoints.len()];
    let mut spent = vec![0u32; attacker.forces.len()];
    let mut inventory: Vec<u32> = defender
        .missile_defenses
        .iter()
        .map(|l| l.interceptors)
        .collect();
    let mut launcher_works = vec![false; attacker.forces.len()];
    // Warheads of each kind (nuclear, conventional) committed to each aimpoint so far.
    let mut committed = vec![[0usize; 2]; aimpoints.len()];
    let executed = x.executed();
    for a in executed.iter().flat_map(Batch::assignments) {
        if !found[a.aimpoint] {
            continue;
        }
        let weapon = &attacker.forces[a.weapon];
        spent[a.weapon] += 1;
        let kind = usize::from(!weapon.is_nuclear());
        let fratricide = options.fratricide.factor(committed[a.aimpoint][kind]);
        committed[a.aimpoint][kind] += 1;
        // Reliability belongs to the launcher: the element's warheads fly in plan order,
        // `warheads_per_launcher` to a missile, and share its one draw.
        if (spent[a.weapon] - 1).is_multiple_of(weapon.warheads_per_launcher.max(1)) {
            launcher_works[a.weapon] = draw.bernoulli(weapon.reliability);
        }
        if !launcher_works[a.weapon] {
            continue;
        }
        match weapon.delivery {
            Delivery::BallisticMissile => {
                let mut intercepted = false;
                for (layer, inv) in defender.missile_defenses.iter().zip(inventory.iter_mut()) {
                    if layer.covers.covers_forces() && !intercepted {
                        intercepted = engage(layer, inv, draw);
                    }
                }
                if intercepted {
                    continue;
                }
            }
            Delivery::Aircraft | Delivery::CruiseMissile => {
                if !draw.bernoulli(exchange::air_penetration(defender, weapon.delivery, false)) {
                    continue;
                }
            }
            Delivery::GlideVehicle => {}
        }
        let group = match aimpoints[a.aimpoint].target {
            Target::Element(j) => j,
            Target::Storage(w) => n + w,
        };
        let slot = group * attacker.forces.len() + a.weapon;
        let p = match kill_cache[slot] {
            Some(p) => p,
            None => {
                let (class, hardness) =
                    exchange::target_class(defender, aimpoints[a.aimpoint].target);
                let p = exchange::conditional_kill_probability(weapon, class, hardness, options)?;
                kill_cache[slot] = Some(p);
                p
            }
        };
        if draw.bernoulli(p * fratricide) {
            alive[a.aimpoint] = false;
        }
    }
    for (k, a) in aimpoints.iter().enumerate() {
        match a.target {
            Target::Element(j) if alive[k] => surviving_launchers[j] += on_aimpoint[k],
            Target::Storage(w) => storage_alive[w] = alive[k],
            Target::Element(_) => {}
        }
    }

    // Retaliation on the striker's value.
    let victim_surviving: Vec<u32> = defender
        .forces
        .iter()
        .zip(&surviving_launchers)
        .map(|(f, &l)| {
            let usable = f.is_nuclear() && f.warhead_storage.is_none_or(|w| storage_alive[w]);
            if usable {
                l * f.warheads_per_launcher
            } else {
                0
            }
        })
        .collect();
    let mut on_striker = ValueStrike {
        defender: attacker,
        inventory: attacker
            .missile_defenses
            .iter()
            .map(|l| l.interceptors)
            .collect(),
        arriving_units: 0.0,
    };
    let victim_arriving: Vec<u32> = defender
        .forces
        .iter()
        .zip(&victim_surviving)
        .map(|(f, &w)| on_striker.attack(f, w, f.launch_survival, draw))
        .collect();

    // The striker's remaining weapons on the victim's value.
    let stock = exchange::striker_stock(attacker, posture.striker_alert, options);
    let mut on_victim = ValueStrike {
        defender,
        inventory,
        arriving_units: 0.0,
    };
    let mut striker_arriving = 0;
    for ((element, &available), &used) in attacker.forces.iter().zip(&stock).zip(&spent) {
        let left = draw.whole(available).saturating_sub(used);
        striker_arriving += on_victim.attack(element, left, 1.0, draw);
    }

    let damage_to_striker = attacker.value.damage(on_striker.arriving_units);
    let damage_to_victim = defender.value.damage(on_victim.arriving_units);
    Ok(ExchangeSample {
        counterforce_warheads_spent: attacker
            .forces
            .iter()
            .zip(&spent)
            .filter(|(f, _)| f.is_nuclear())
            .map(|(_, s)| s)
            .sum(),
        victim_surviving,
        victim_arriving,
        striker_arriving,
        damage_to_striker,
        damage_to_victim,
        cost_to_striker: options.cost(damage_to_striker, damage_to_victim),
        cost_to_victim: options.cost(damage_to_victim, damage_to_striker),
    })
}
