//! One first strike and the retaliation it leaves (model.md section 4, Kent & Thaler R-3765).
//!
//! The striker spends warheads on the victim's targetable aimpoints, cheapest kills first, and so
//! traces the draw-down curve; at every point the striker's remaining weapons fall on the victim's
//! value and the victim's surviving weapons on the striker's. The striker stops where its own cost
//! is lowest (ties: where the victim's cost is highest). All quantities are expected values; the
//! Monte Carlo layer executes the same plan with random outcomes.

use crate::allocation::{self, Assignment, Batch, ClassProblem, Problem, TierGreedy};
use crate::defense::MissileDefenseLayer;
use crate::error::EngineError;
use crate::model::{
    Alert, Basing, Delivery, ForceElement, Fratricide, ModelOptions, Payload, Scenario, Side,
    SlowWeaponTiming, ValueUnit,
};
use crate::physics;
use kill_table::{KillScratch, kill_table};

mod kill_table;
mod reference;
#[cfg(test)]
mod setup_tests;
mod stop_search;

/// Two costs within this distance are equal for the stop rule.
const COST_TIE: f64 = 1e-12;

/// Margin for floating-point noise in the running sums when a bound rules points out.
const BOUND_SLACK: f64 = 1e-9;

/// Points between exact evaluations when only the stop point is wanted.
const SAMPLE_EVERY: usize = 16;

/// How much of the draw-down curve to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveDetail {
    /// Every point, for reports and plots.
    Full,
    /// Only the stop point, for Monte Carlo and sweeps. Exact: points are skipped only where a
    /// bound proves they cannot be within the tie tolerance of the lowest striker cost, using that
    /// the damage to the striker never rises and the damage to the victim never rises along the
    /// curve (true unless a victim missile-defense layer covers both forces and value, in which
    /// case every point is evaluated).
    StopOnly,
}

/// A curve point before its damages and costs are computed.
#[derive(Debug, Clone, Copy)]
struct RawPoint {
    totals: Totals,
    /// Arriving weapons on the striker's and on the victim's value, in their value units.
    on_striker: f64,
    on_victim: f64,
}

/// The postures of one exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangePosture {
    pub striker_alert: Alert,
    pub victim_alert: Alert,
    pub victim_launches_under_attack: bool,
}

/// One point of the draw-down curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Nuclear warheads the striker has spent on counterforce (expected).
    pub warheads_spent: f64,
    /// Conventional weapons the striker has spent on counterforce (expected).
    pub conventional_spent: f64,
    /// Striker nuclear warheads left for the victim's value.
    pub striker_warheads_left: f64,
    /// Victim nuclear warheads that survive (expected), including those launched under attack.
    pub victim_warheads_surviving: f64,
    /// The victim's retaliation arriving on the striker's value, in the striker's value unit
    /// (after launch, air and missile defense).
    pub arriving_on_striker: f64,
    /// The striker's weapons arriving on the victim's value, in the victim's value unit.
    pub arriving_on_victim: f64,
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
    /// On aimpoints the striker could attack (and finds).
    pub exposed: f64,
    /// Destroyed on their launchers, or lost with their storage site.
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
    /// Warheads spent on each victim element, in victim element order, then on each warhead
    /// storage site.
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

/// What an aimpoint holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Launchers of the victim's force element with this index.
    Element(usize),
    /// The victim's warhead storage site with this index.
    Storage(usize),
}

/// One victim aimpoint of the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aimpoint {
    pub target: Target,
    /// Launchers on it when it is there (fractional in the expected-value analysis; 0 for a
    /// storage site).
    pub launchers: f64,
    /// Probability that it is there (a remainder of less than one launcher is there with that
    /// probability) and the striker finds it; warheads committed to it are spent only then.
    pub detection: f64,
}

/// Identical victim aimpoints: `count` aimpoints numbered `first..first + count`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AimpointClass {
    pub target: Target,
    /// Launchers on each aimpoint.
    pub launchers: f64,
    pub detection: f64,
    pub count: usize,
    pub first: usize,
}

impl AimpointClass {
    fn aimpoint(&self) -> Aimpoint {
        Aimpoint {
            target: self.target,
            launchers: self.launchers,
            detection: self.detection,
        }
    }
}

/// A completed first strike.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub striker: usize,
    pub victim: usize,
    pub posture: ExchangePosture,
    /// Every point of the draw-down curve ([`CurveDetail::Full`]), or none
    /// ([`CurveDetail::StopOnly`]: only `stop_point` is computed).
    pub curve: Vec<CurvePoint>,
    /// Index of the stop point (warheads committed); the first `stop` entries of `plan` are
    /// executed.
    pub stop: usize,
    pub stop_point: CurvePoint,
    /// The victim's aimpoints, class by class.
    pub classes: Vec<AimpointClass>,
    /// The plan in batches (one weapon type on consecutive aimpoints of one class), in order.
    pub plan: Vec<Batch>,
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
    /// destroy (Ahuja et al. 2007); infinite when not asked for.
    pub destroyed_upper_bound: f64,
    /// The greedy plan's objective at the stop point (victim warheads destroyed, as the
    /// allocator counts them: a storage site counts the warheads that depend on it).
    pub plan_value: f64,
    /// Victim nuclear warheads destroyed at the stop point (expected).
    pub destroyed: f64,
    /// Cost certificate (with `certify`): a lower bound on the striker's cost over every plan
    /// the model allows ([`cost_lower_bound`]).
    pub cost_lower_bound: Option<f64>,
}

impl Exchange {
    pub fn at_stop(&self) -> &CurvePoint {
        &self.stop_point
    }
    /// Relative gap between the greedy plan and the bound: 0 = provably optimal.
    pub fn optimality_gap(&self) -> f64 {
        if self.destroyed_upper_bound.is_finite() && self.destroyed_upper_bound > 0.0 {
            ((self.destroyed_upper_bound - self.plan_value) / self.destroyed_upper_bound).max(0.0)
        } else {
            0.0
        }
    }
    /// The batches of the first `stop` warheads (the last one cut at the stop).
    pub fn executed(&self) -> Vec<Batch> {
        let mut left = self.stop;
        let mut out = Vec::new();
        for b in &self.plan {
            if left == 0 {
                break;
            }
            out.push(b.take(left));
            left -= out.last().map_or(0, |b| b.count);
        }
        out
    }
    /// The whole plan, one assignment per warhead.
    pub fn assignments(&self) -> Vec<Assignment> {
        self.plan.iter().flat_map(Batch::assignments).collect()
    }
    /// Every aimpoint, in order.
    pub fn aimpoints(&self) -> Vec<Aimpoint> {
        self.classes
            .iter()
            .flat_map(|c| std::iter::repeat_n(c.aimpoint(), c.count))
            .collect()
    }
    /// How far the plan's cost to the striker may lie above the best plan's: the stop point's
    /// cost minus the certified lower bound (absolute, cost units). `None` without `certify`.
    pub fn cost_gap(&self) -> Option<f64> {
        self.cost_lower_bound
            .map(|bound| (self.stop_point.cost_to_striker - bound).max(0.0))
    }
}

/// What the cost certificate needs from one exchange's set-up.
struct BoundInputs<'a> {
    attacker: &'a Side,
    defender: &'a Side,
    options: &'a ModelOptions,
    on_victim: &'a ValueAttack,
    on_striker: &'a ValueAttack,
    striker_capacity: &'a [f64],
    stock: &'a [f64],
    victim_total: &'a [f64],
    aimpoints: &'a [Aimpoint],
    /// Kill probabilities per (group, weapon) before any missile defense of forces.
    base_kill: &'a [Vec<f64>],
    posture: &'a ExchangePosture,
}

/// A lower bound on the striker's cost C = f(R) + g(V) over every plan: R, the retaliation
/// arriving on the striker, and V, the striker's weapons arriving on the victim's value, both
/// in value units; f rises with R, g falls with V. A plan that commits b nuclear warheads
///   - removes at most the Ahuja et al. (2007) bound on retaliation units b warheads (and every
///     conventional weapon) can destroy, each warhead given the best kill probability of any
///     weapon against each target, without missile defense of forces, so
///     R >= R_all - removable(b) - what the striker's value layers can stop at most;
///   - gives up at least the b cheapest warheads' value units (times the lowest detection
///     probability, the least a committed warhead is spent), so V <= V_all - given_up(b), as
///     missile defense of value only lowers V.
///
/// The bound is the least f(R_low(b)) + g(V_high(b)) over b: a fractional relaxation of the
/// plan, valid whatever the ranking.
fn cost_lower_bound(x: &BoundInputs) -> f64 {
    let options = x.options;
    let retaliation = x.on_striker.undefended_weights();
    let attack = x.on_victim.undefended_weights();
    let r_all: f64 = x
        .victim_total
        .iter()
        .zip(&retaliation)
        .map(|(w, u)| w * u)
        .sum();
    let r_stopped = x.on_striker.most_intercepted_units(x.striker_capacity);
    let is_nuclear = |i: usize| x.attacker.forces[i].is_nuclear();
    let free_stock: f64 = (0..x.stock.len())
        .filter(|&i| !is_nuclear(i))
        .map(|i| x.stock[i].floor())
        .sum();
    let removable = removable_retaliation(x, &retaliation);
    let at_most = |k: f64| removable[(k as usize).min(removable.len() - 1)];
    // Nuclear warheads, cheapest first, and their running value.
    let mut cheapest: Vec<(f64, f64)> = (0..x.stock.len())
        .filter(|&i| is_nuclear(i))
        .map(|i| (attack[i], x.stock[i].floor()))
        .collect();
    cheapest.sort_by(|a, b| a.0.total_cmp(&b.0));
    let least_spend = x.aimpoints.iter().map(|a| a.detection).fold(1.0, f64::min);
    let v_all: f64 = (0..x.stock.len())
        .filter(|&i| is_nuclear(i))
        .map(|i| x.stock[i] * attack[i])
        .sum();
    // Spend of the nuclear slots (cap per aimpoint), least first: b commitments spend at least
    // the b smallest, each spent warhead giving up at least the cheapest warhead's units.
    let cap = options.max_warheads_per_aimpoint as usize;
    let mut slots: Vec<f64> = x.aimpoints.iter().map(|a| a.detection).collect();
    slots.sort_by(f64::total_cmp);
    let mut slot_spends = slots.into_iter().flat_map(|s| std::iter::repeat_n(s, cap));
    let cheapest_units = cheapest.first().map_or(0.0, |c| c.0);
    let cost_at = |b: f64, given_up: f64| {
        let r = (r_all - at_most(b + free_stock) - r_stopped).max(0.0);
        let v = (v_all - given_up).max(0.0);
        options
            .costs(x.attacker.value.damage(r), x.defender.value.damage(v))
            .0
    };
    let mut best = cost_at(0.0, 0.0);
    let (mut b, mut units_of_cheapest, mut least_spent) = (0.0, 0.0, 0.0);
    for (units, count) in cheapest {
        for _ in 0..count as u64 {
            b += 1.0;
            units_of_cheapest += units;
            least_spent += slot_spends.next().unwrap_or(1.0);
            // Two lower bounds on the units given up; either holds, so the larger does.
            let given_up = (units_of_cheapest * least_spend).max(least_spent * cheapest_units);
            best = best.min(cost_at(b, given_up));
        }
    }
    best
}

/// removable[k]: the Ahuja et al. bound on the retaliation units k warheads of any kind can
/// destroy, for every k at once (the relaxed problem has one weapon type, so its greedy is exact
/// at every budget). Kill probabilities are taken before missile defense of forces.
fn removable_retaliation(x: &BoundInputs, retaliation: &[f64]) -> Vec<f64> {
    let options = x.options;
    // Retaliation units on each aimpoint that a plan could destroy.
    let values: Vec<f64> = x
        .aimpoints
        .iter()
        .map(|a| match a.target {
            Target::Element(j) => {
                let f = &x.defender.forces[j];
                if !f.is_nuclear() {
                    return 0.0;
                }
                a.launchers
                    * f64::from(f.warheads_per_launcher)
                    * stay_share(f, x.posture, options)
                    * a.detection
                    * retaliation[j]
            }
            Target::Storage(w) => {
                let dependent: f64 = x
                    .defender
                    .forces
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.warhead_storage == Some(w))
                    .map(|(j, _)| x.victim_total[j] * retaliation[j])
                    .sum();
                dependent * a.detection
            }
        })
        .collect();
    let groups = x
        .aimpoints
        .iter()
        .map(|a| match a.target {
            Target::Element(j) => j,
            Target::Storage(w) => x.defender.forces.len() + w,
        })
        .collect();
    let is_nuclear = |i: usize| x.attacker.forces[i].is_nuclear();
    let relaxed = Problem {
        values,
        groups,
        kill: x.base_kill.to_vec(),
        cost: (0..x.stock.len())
            .map(|i| if is_nuclear(i) { 1.0 } else { 0.0 })
            .collect(),
        stock: x.stock.to_vec(),
        cap: options.max_warheads_per_aimpoint as usize,
        spend: vec![1.0; x.aimpoints.len()],
        fratricide_per_burst: 0.0,
    };
    crate::allocation::upper_bound_by_budget(&relaxed)
}

/// The value-weapon cost of one warhead of `element` against a side counting value in `unit`.
pub(crate) fn value_units(element: &ForceElement, unit: ValueUnit) -> f64 {
    match (element.payload, unit) {
        (Payload::Conventional, _) => 0.0,
        (Payload::Nuclear, ValueUnit::Warheads) => 1.0,
        (Payload::Nuclear, ValueUnit::EquivalentMegatons) => {
            element.yield_kt.map_or(0.0, physics::equivalent_megatons)
        }
    }
}

/// [`value_units`], taken from `memo` when its inputs are the same (bit for bit); only
/// equivalent megatons take a power, so only they are kept.
fn value_units_memo(
    element: &ForceElement,
    unit: ValueUnit,
    memo: &mut Option<(UnitsInputs, f64)>,
) -> f64 {
    if unit != ValueUnit::EquivalentMegatons {
        return value_units(element, unit);
    }
    let inputs = (element.payload, unit, element.yield_kt.map(f64::to_bits));
    match memo {
        Some((last, units)) if *last == inputs => *units,
        _ => {
            let units = value_units(element, unit);
            *memo = Some((inputs, units));
            units
        }
    }
}

/// Probability that an air-breathing weapon of `delivery` gets through the defender's air
/// defenses that cover value (`for_value`) or forces.
pub(crate) fn air_penetration(defender: &Side, delivery: Delivery, for_value: bool) -> f64 {
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

/// Expected weapons on their way to a side's value, before its missile defense.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Flow {
    ballistic_rvs: f64,
    ballistic_units: f64,
    other_units: f64,
    air_shot_down: f64,
}

impl Flow {
    fn plus(self, other: Flow, sign: f64) -> Flow {
        Flow {
            ballistic_rvs: self.ballistic_rvs + sign * other.ballistic_rvs,
            ballistic_units: self.ballistic_units + sign * other.ballistic_units,
            other_units: self.other_units + sign * other.other_units,
            air_shot_down: self.air_shot_down + sign * other.air_shot_down,
        }
    }
}

/// How one side's weapons reach the other's value: per attacking element, the chance a warhead
/// flies and then gets past air defense, and what it counts for; and the defender's BMD layers
/// covering value. Built once per exchange so the draw-down curve costs O(1) per point.
#[derive(Debug, Clone, Default)]
pub(crate) struct ValueAttack {
    elements: Vec<ElementFactor>,
    /// Defender BMD layers covering value: (index, intercept probability per engaged RV).
    layers: Vec<(usize, f64)>,
    /// Per attacking element, its last [`value_units`] and what they were computed from: a
    /// refill for an unchanged element (the next analysis) skips the power.
    units_memo: Vec<Option<(UnitsInputs, f64)>>,
}

/// What [`value_units`] reads: payload, the defender's value unit, the yield (bits).
type UnitsInputs = (Payload, ValueUnit, Option<u64>);

#[derive(Debug, Clone, Copy)]
struct ElementFactor {
    nuclear: bool,
    ballistic: bool,
    flies: f64,
    passes: f64,
    units: f64,
}

impl ValueAttack {
    /// `retaliating`: the attacker is the victim firing back, so launch survival applies.
    pub(crate) fn new(attacker: &Side, defender: &Side, retaliating: bool) -> Self {
        let mut attack = Self::default();
        attack.refill(attacker, defender, retaliating, None);
        attack
    }

    /// As [`ValueAttack::new`], into this one's vectors (a workspace's set-up reuses them);
    /// element `i`'s units are `known[i]` when given.
    fn refill(
        &mut self,
        attacker: &Side,
        defender: &Side,
        retaliating: bool,
        known: Option<&[f64]>,
    ) {
        let unit = defender.value.unit;
        self.units_memo.resize(attacker.forces.len(), None);
        self.elements.clear();
        let units_memo = &mut self.units_memo;
        self.elements
            .extend(
                attacker
                    .forces
                    .iter()
                    .zip(units_memo)
                    .enumerate()
                    .map(|(i, (e, memo))| {
                        let ballistic = e.delivery == Delivery::BallisticMissile;
                        ElementFactor {
                            nuclear: e.is_nuclear(),
                            ballistic,
                            flies: e.reliability
                                * if retaliating { e.launch_survival } else { 1.0 },
                            passes: if ballistic {
                                1.0
                            } else {
                                air_penetration(defender, e.delivery, true)
                            },
                            units: match known {
                                Some(units) => units[i],
                                None => value_units_memo(e, unit, memo),
                            },
                        }
                    }),
            );
        self.layers.clear();
        self.layers.extend(
            defender
                .missile_defenses
                .iter()
                .enumerate()
                .filter(|(_, l)| l.covers.covers_value())
                .map(|(i, l)| (i, l.intercept_probability())),
        );
    }

    /// The flow of `warheads` of attacking element `element`.
    fn flow(&self, element: usize, warheads: f64) -> Flow {
        let e = self.elements[element];
        if !e.nuclear || warheads <= 0.0 {
            return Flow::default();
        }
        let flown = warheads * e.flies;
        let arriving = flown * e.passes;
        if e.ballistic {
            Flow {
                ballistic_rvs: arriving,
                ballistic_units: arriving * e.units,
                ..Flow::default()
            }
        } else {
            Flow {
                other_units: arriving * e.units,
                air_shot_down: flown - arriving,
                ..Flow::default()
            }
        }
    }

    /// Value units one more warhead of each attacking element delivers when `warheads` per
    /// element are in flight: launch, launch survival, air defense and unit, times the share of
    /// ballistic RVs that leak through the defender's value BMD at that flow. The exchange rate
    /// by which the counterforce plan ranks its kills and its cost.
    pub(crate) fn unit_weights(&self, warheads: &[f64], capacity: &[f64]) -> Vec<f64> {
        let mut weights = Vec::new();
        self.unit_weights_into(warheads, capacity, &mut weights);
        weights
    }

    /// [`ValueAttack::unit_weights`] into `weights`, reusing its buffer.
    fn unit_weights_into(&self, warheads: &[f64], capacity: &[f64], weights: &mut Vec<f64>) {
        let flow = self.total(warheads.iter().copied());
        let leak = if flow.ballistic_rvs > 0.0 {
            self.leaking_rvs(flow.ballistic_rvs, capacity) / flow.ballistic_rvs
        } else {
            self.leaking_rvs(1.0, capacity)
        };
        refill_from(
            weights,
            self.elements.iter().map(|e| {
                if e.nuclear {
                    e.flies * e.passes * e.units * if e.ballistic { leak } else { 1.0 }
                } else {
                    0.0
                }
            }),
        );
    }

    /// Value units one warhead of each attacking element delivers before missile defense:
    /// launch, launch survival, air defense and unit (0 for conventional weapons).
    pub(crate) fn undefended_weights(&self) -> Vec<f64> {
        self.elements
            .iter()
            .map(|e| {
                if e.nuclear {
                    e.flies * e.passes * e.units
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// The most value units the defender's value layers can stop: every engagement kills the
    /// heaviest ballistic RV.
    fn most_intercepted_units(&self, capacity: &[f64]) -> f64 {
        let heaviest = self
            .elements
            .iter()
            .filter(|e| e.ballistic && e.nuclear)
            .map(|e| e.units)
            .fold(0.0, f64::max);
        self.layers
            .iter()
            .map(|&(layer, p)| capacity[layer] * p * heaviest)
            .sum()
    }

    /// Ballistic RVs that leak through the value layers, in order, each engaging what the layer
    /// before let through, up to its remaining engagements.
    fn leaking_rvs(&self, rvs: f64, capacity: &[f64]) -> f64 {
        self.layers.iter().fold(rvs.max(0.0), |rvs, &(layer, p)| {
            rvs - rvs.min(capacity[layer]) * p
        })
    }

    fn total(&self, warheads: impl Iterator<Item = f64>) -> Flow {
        warheads.enumerate().fold(Flow::default(), |sum, (i, w)| {
            sum.plus(self.flow(i, w), 1.0)
        })
    }

    /// Expected arriving weapons in the defender's value unit, given each defender BMD layer's
    /// remaining engagements (indexed like `missile_defenses`).
    fn resolve(&self, flow: Flow, capacity: &[f64]) -> (f64, DefenseEffect) {
        let mut rvs = flow.ballistic_rvs.max(0.0);
        let mut units = flow.ballistic_units.max(0.0);
        let mut effect = DefenseEffect {
            ballistic_intercepted: 0.0,
            air_breathing_shot_down: flow.air_shot_down.max(0.0),
        };
        for &(layer, p_intercept) in &self.layers {
            if rvs <= 0.0 {
                break;
            }
            let intercepted = rvs.min(capacity[layer]) * p_intercept;
            let surviving_share = 1.0 - intercepted / rvs;
            effect.ballistic_intercepted += intercepted;
            rvs *= surviving_share;
            units *= surviving_share;
        }
        (units + flow.other_units.max(0.0), effect)
    }

    /// Expected arriving weapons from `warheads` per attacking element.
    pub(crate) fn arriving(
        &self,
        warheads: impl Iterator<Item = f64>,
        capacity: &[f64],
    ) -> (f64, DefenseEffect) {
        self.resolve(self.total(warheads), capacity)
    }
}

/// Running totals along the draw-down curve.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    nuclear_spent: f64,
    conventional_spent: f64,
    striker_left: f64,
    victim_surviving: f64,
}

impl Totals {
    /// `self + t * slope`.
    fn along(self, slope: Totals, t: f64) -> Totals {
        Totals {
            nuclear_spent: self.nuclear_spent + t * slope.nuclear_spent,
            conventional_spent: self.conventional_spent + t * slope.conventional_spent,
            striker_left: self.striker_left + t * slope.striker_left,
            victim_surviving: self.victim_surviving + t * slope.victim_surviving,
        }
    }
}

/// Kill probability of one arriving warhead of `weapon` against a target of class `class`: the
/// direct kill probability, or the SSPK from the physics (0 for a conventional weapon without one).
pub(crate) fn conditional_kill_probability(
    weapon: &ForceElement,
    class: Basing,
    hardness_psi: f64,
    options: &ModelOptions,
) -> Result<f64, EngineError> {
    let model = options.lethal_radius_model;
    conditional_kill_probability_with_sspk(weapon, class, |yield_kt, cep_m| {
        let radius = physics::lethal_radius_m(yield_kt, hardness_psi, model)?;
        physics::sspk(radius, cep_m, weapon.bias_m)
    })
}

/// [`conditional_kill_probability`] with the SSPK from `sspk` (given the weapon's yield and CEP)
/// instead of [`physics::sspk`] of [`physics::lethal_radius_m`]: the same value and errors when
/// `sspk` returns what those functions return for the target's hardness and the scenario's
/// model.
pub(crate) fn conditional_kill_probability_with_sspk(
    weapon: &ForceElement,
    class: Basing,
    sspk: impl FnOnce(f64, f64) -> Result<f64, EngineError>,
) -> Result<f64, EngineError> {
    match (weapon.kill_probability.get(class), weapon.payload) {
        (Some(p), _) => Ok(p),
        (None, Payload::Conventional) => Ok(0.0),
        (None, Payload::Nuclear) => {
            let missing = |field| {
                EngineError::rule(
                    format!("force `{}`", weapon.name),
                    format!(
                        "needs {field} to compute a kill probability against {}",
                        class.name()
                    ),
                )
            };
            let yield_kt = weapon.yield_kt.ok_or_else(|| missing("yield_kt"))?;
            let cep_m = weapon.cep_m.ok_or_else(|| missing("cep_m"))?;
            sspk(yield_kt, cep_m)
        }
    }
}

/// Kill probability of one committed warhead before missile defense:
/// reliability x conditional kill probability x air penetration.
fn base_kill_probability(
    weapon: &ForceElement,
    class: Basing,
    hardness_psi: f64,
    victim: &Side,
    options: &ModelOptions,
) -> Result<f64, EngineError> {
    let conditional = conditional_kill_probability(weapon, class, hardness_psi, options)?;
    Ok(kill_given_conditional(weapon, victim, conditional))
}

/// [`base_kill_probability`] from the conditional kill probability.
fn kill_given_conditional(weapon: &ForceElement, victim: &Side, conditional: f64) -> f64 {
    weapon.reliability * conditional * air_penetration(victim, weapon.delivery, false)
}

/// The class and hardness of an aimpoint.
pub(crate) fn target_class(defender: &Side, target: Target) -> (Basing, f64) {
    match target {
        Target::Element(j) => (
            defender.forces[j].basing,
            defender.forces[j].aimpoint_hardness_psi,
        ),
        Target::Storage(w) => (
            Basing::WarheadStorage,
            defender.warhead_storage[w].aimpoint_hardness_psi,
        ),
    }
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

/// Warheads the striker has for this strike, per element (after availability).
pub(crate) fn striker_stock(attacker: &Side, alert: Alert, options: &ModelOptions) -> Vec<f64> {
    striker_stocks(attacker, alert, options).collect()
}

/// [`striker_stock`], element by element.
fn striker_stocks<'a>(
    attacker: &'a Side,
    alert: Alert,
    options: &'a ModelOptions,
) -> impl Iterator<Item = f64> + 'a {
    attacker.forces.iter().map(move |f| {
        f64::from(f.launchers_at(alert))
            * f.striker_share(alert, options)
            * f64::from(f.warheads_per_launcher)
    })
}

/// Whether the launchers of a victim element that survive the prompt wave have fired before a
/// slow weapon (bomber, cruise missile) could arrive, so that it cannot count against them
/// (`SlowWeaponTiming`). Independent of the launch-under-attack share, so the index stays
/// continuous in it.
pub(crate) fn fires_before_slow_weapons(target: &ForceElement, options: &ModelOptions) -> bool {
    options.slow_weapons == SlowWeaponTiming::AfterRetaliation
        && target.can_launch_under_attack
        && target.is_nuclear()
}

/// Smallest value cost given to a nuclear weapon whose warheads add nothing to the attack on
/// the victim's value (no reliability, no unit): it stays a paid weapon under the nuclear
/// fratricide cap.
const LEAST_NUCLEAR_COST: f64 = 1e-12;

/// Share of a victim element's targetable launchers that stay in place (do not launch under
/// attack).
pub(crate) fn stay_share(
    element: &ForceElement,
    posture: &ExchangePosture,
    options: &ModelOptions,
) -> f64 {
    if posture.victim_launches_under_attack
        && element.can_launch_under_attack
        && element.is_nuclear()
    {
        1.0 - options.launch_under_attack_share
    } else {
        1.0
    }
}

/// How the plan prices a nuclear warhead when it ranks kills: the value attack it gives up
/// raised to these powers. 1 ranks by retaliation removed per value unit given up (cheapest kills
/// first); 0 by retaliation removed per warhead (the most lethal weapon first, which uses the
/// fratricide-capped slots of each aimpoint best). Neither ranking dominates: the ratio can fill
/// the capped slots with cheap, weak warheads (a trap where a less accurate weapon ranks lower
/// and so improves its owner's plan), the per-warhead ranking spends value-heavy warheads on
/// kills cheaper ones could make. The exchange plans with each and keeps the stop point that
/// costs the striker least.
pub const RANKINGS: [f64; 2] = [1.0, 0.0];

/// Runs one first strike of `striker` on `victim`: plans with every ranking of [`RANKINGS`] and
/// keeps the one whose stop point costs the striker least (ties: costs the victim most). With
/// `certify`, also bounds the plan's optimality gap (costs about as much again as the
/// allocation).
pub fn first_strike(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
) -> Result<Exchange, EngineError> {
    let mut workspace = Workspace::default();
    first_strike_with(
        &mut workspace,
        scenario,
        striker,
        victim,
        posture,
        certify,
        detail,
    )
}

/// As [`first_strike`], planning in `workspace`'s buffers: a caller that runs many strikes
/// (both strikes of an analysis, Monte Carlo trials, sweeps) keeps one workspace and planning
/// stops allocating after the first. Results are the same bits as without it.
pub fn first_strike_with(
    workspace: &mut Workspace,
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
) -> Result<Exchange, EngineError> {
    // One set-up (aimpoint classes, kill probabilities) serves every ranking.
    let spare = workspace.setup_buffers(&scenario.sides[striker], &scenario.sides[victim]);
    let setup = set_up_in(scenario, striker, victim, posture, spare, None)?;
    // Outcomes are accounted for the kept ranking only: the choice needs only stop points.
    // A certificate reads the allocator as planning left it: every ranking plans in full.
    let traced = best_traced(&setup, detail, workspace, !certify);
    let (exchange, greedy) = account_outcomes(&setup, traced, (striker, victim), certify);
    workspace.greedies.push(greedy);
    workspace.setups.push(setup.into_buffers());
    Ok(exchange)
}

/// The stop point of [`first_strike_with`] (stop-only), without the exchange's outcomes by
/// element, defenses' effects or plan: the same bits as its `stop_point`, for callers that only
/// need costs (the index, ratios, positions).
pub fn stop_point_with(
    workspace: &mut Workspace,
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
) -> Result<CurvePoint, EngineError> {
    let spare = workspace.setup_buffers(&scenario.sides[striker], &scenario.sides[victim]);
    let setup = set_up_in(scenario, striker, victim, posture, spare, None)?;
    let traced = best_traced(&setup, CurveDetail::StopOnly, workspace, true);
    let stop_point = traced.stop_point;
    workspace.recycle(traced);
    workspace.setups.push(setup.into_buffers());
    Ok(stop_point)
}

/// Plans and traces with every ranking that can differ and keeps the one whose stop point costs
/// the striker least ([`stops_better`]); the others' buffers go back to `workspace`. With
/// `prune_rankings`, a later ranking searches only for points that could beat the best stop so
/// far (its plan may then end sooner; the stop kept is the same).
fn best_traced(
    setup: &Setup,
    detail: CurveDetail,
    workspace: &mut Workspace,
    prune_rankings: bool,
) -> Traced {
    let mut best: Option<Traced> = None;
    // The curve's start is the same under every ranking: computed once.
    let mut start = None;
    for &power in rankings(setup) {
        let to_beat = match &best {
            Some(b) if prune_rankings => b.stop_point.cost_to_striker,
            _ => f64::INFINITY,
        };
        let traced = plan_and_trace(setup, detail, power, workspace, &mut start, to_beat);
        match &best {
            Some(b) if !stops_better(&traced.stop_point, &b.stop_point) => {
                workspace.recycle(traced);
            }
            _ => {
                if let Some(beaten) = best.replace(traced) {
                    workspace.recycle(beaten);
                }
            }
        }
    }
    best.expect("RANKINGS is not empty")
}

/// Spare allocators a workspace keeps: one per ranking of each strike of an analysis.
const SPARE_GREEDIES: usize = 2 * RANKINGS.len();

/// Spare set-ups a workspace keeps: one per strike of an analysis.
const SPARE_SETUPS: usize = 2;

/// Buffers that planning reuses from one ranking and strike to the next: allocators (with
/// their problems), the running trace, the stop search's scratch, and plans not kept.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Boxed on purpose: planning moves an allocator out and back several times per strike,
    /// and moving a pointer beats copying the allocator's many buffers' headers.
    #[allow(clippy::vec_box)]
    greedies: Vec<Box<TierGreedy>>,
    trace: Option<Trace>,
    pieces: Vec<(Piece, [stop_search::Halves; 2])>,
    parts: stop_search::Scratch,
    near: Vec<(usize, CurvePoint)>,
    plans: Vec<Vec<Batch>>,
    /// Set-up vectors of past strikes, refilled by the next strike of the same shape.
    #[allow(clippy::vec_box)] // moved by pointer, as `greedies`
    setups: Vec<Box<SetupBuffers>>,
}

impl Workspace {
    /// An allocator for one ranking's plan, reusing a spare one.
    fn greedy(&mut self, s: &Setup, cost_power: f64) -> Box<TierGreedy> {
        // A spare last used on as many victim groups refills its rows without reallocating
        // (the two strikes of an analysis alternate between two shapes); one last used with
        // the same costs as well may keep its weapon order (`TierGreedy::rebuild`).
        let groups = s.base_kill.len();
        let shaped = |g: &TierGreedy| g.problem().kill.len() == groups;
        let same_shape = self
            .greedies
            .iter()
            .position(|g| shaped(g) && s.costs_are(cost_power, &g.problem().cost))
            .or_else(|| self.greedies.iter().position(|g| shaped(g)));
        let mut greedy = match same_shape {
            Some(k) => self.greedies.swap_remove(k),
            None if self.greedies.len() >= SPARE_GREEDIES => {
                self.greedies.pop().unwrap_or_default()
            }
            None => Box::default(),
        };
        s.fill_class_problem(cost_power, greedy.problem_mut());
        greedy.restart();
        greedy
    }

    /// Set-up vectors last used for a strike of this shape (the two strikes of an analysis
    /// alternate between two), or others.
    fn setup_buffers(&mut self, attacker: &Side, defender: &Side) -> Box<SetupBuffers> {
        let groups = defender.forces.len() + defender.warhead_storage.len();
        let weapons = attacker.forces.len();
        let same_shape = self
            .setups
            .iter()
            .position(|b| b.base_kill.len() == groups && b.stock.len() == weapons);
        match same_shape {
            Some(k) => self.setups.swap_remove(k),
            None if self.setups.len() >= SPARE_SETUPS => self.setups.pop().unwrap_or_default(),
            None => Box::default(),
        }
    }

    /// The running trace at the curve's start.
    fn trace(&mut self, s: &Setup) -> Trace {
        let mut trace = self.trace.take().unwrap_or_default();
        trace.restart(s);
        trace
    }

    /// An empty plan, reusing a spare one.
    fn plan(&mut self, s: &Setup) -> Vec<Batch> {
        let mut plan = self.plans.pop().unwrap_or_default();
        plan.clear();
        // Room for a few batches per class, to avoid regrowing from empty.
        plan.reserve(2 * s.classes.len() + 2);
        plan
    }

    /// Takes back the buffers of a ranking that was not kept.
    fn recycle(&mut self, traced: Traced) {
        self.greedies.push(traced.greedy);
        self.plans.push(traced.plan);
    }
}

/// The rankings that can differ: with one value cost for every nuclear warhead they coincide.
fn rankings(setup: &Setup) -> &'static [f64] {
    if setup.nuclear_costs_differ {
        &RANKINGS[..]
    } else {
        &RANKINGS[..1]
    }
}

/// Of one strike planned with each ranking, the one whose stop point costs the striker least
/// (ties: costs the victim most; then the first).
fn cheapest_for_striker(
    candidates: impl Iterator<Item = Result<Exchange, EngineError>>,
) -> Result<Exchange, EngineError> {
    let mut best: Option<Exchange> = None;
    for candidate in candidates {
        let candidate = candidate?;
        if best.as_ref().is_none_or(|b| better(&candidate, b)) {
            best = Some(candidate);
        }
    }
    Ok(best.expect("RANKINGS is not empty"))
}

/// Whether `candidate`'s stop point costs the striker less than `best`'s (ties: costs the
/// victim more).
fn better(candidate: &Exchange, best: &Exchange) -> bool {
    stops_better(&candidate.stop_point, &best.stop_point)
}

/// [`better`] on two stop points.
fn stops_better(c: &CurvePoint, o: &CurvePoint) -> bool {
    c.cost_to_striker < o.cost_to_striker - COST_TIE
        || (c.cost_to_striker <= o.cost_to_striker + COST_TIE
            && c.cost_to_victim > o.cost_to_victim)
}

/// [`first_strike`] planned one warhead and one aimpoint at a time, as before aimpoint classes:
/// the reference the tests hold the class and tier planner to. Its plan has batches of one
/// warhead and its classes one aimpoint each.
#[doc(hidden)]
pub fn first_strike_reference(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
) -> Result<Exchange, EngineError> {
    best_ranking(
        scenario,
        striker,
        victim,
        posture,
        certify,
        detail,
        reference::first_strike_ranked,
    )
}

pub use reference::{mismatch_with_reference, stop_costs_agree, strike_mismatch};

/// One ranking's strike (a power of [`RANKINGS`]), by the class planner or (`reference`) the
/// per-aimpoint one: the tests compare the two ranking by ranking, since where two rankings
/// tie, rounding picks between them.
#[doc(hidden)]
#[allow(clippy::too_many_arguments)]
pub fn first_strike_one_ranking(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
    cost_power: f64,
    reference: bool,
) -> Result<Exchange, EngineError> {
    let ranked: Ranked = if reference {
        reference::first_strike_ranked
    } else {
        first_strike_ranked
    };
    ranked(
        scenario, striker, victim, posture, certify, detail, cost_power,
    )
}

/// One strike planned with one ranking (the power nuclear warhead prices are raised to).
type Ranked = fn(
    &Scenario,
    usize,
    usize,
    ExchangePosture,
    bool,
    CurveDetail,
    f64,
) -> Result<Exchange, EngineError>;

/// Plans with every ranking of [`RANKINGS`] that can differ and keeps the stop point that costs
/// the striker least (ties: costs the victim most).
fn best_ranking(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
    ranked: Ranked,
) -> Result<Exchange, EngineError> {
    let setup = set_up(scenario, striker, victim, posture)?;
    cheapest_for_striker(
        rankings(&setup)
            .iter()
            .map(|&power| ranked(scenario, striker, victim, posture, certify, detail, power)),
    )
}

/// Everything one planned strike needs before its first warhead: stocks, value exchange rates,
/// aimpoint classes and kill probabilities. Its vectors are [`SetupBuffers`], boxed (a
/// workspace hands them from strike to strike by pointer) and read through `Deref`
/// (`s.stock`).
struct Setup<'a> {
    options: &'a ModelOptions,
    attacker: &'a Side,
    defender: &'a Side,
    posture: ExchangePosture,
    /// Whether the nuclear warheads in stock give up different value (else one ranking).
    nuclear_costs_differ: bool,
    buffers: Box<SetupBuffers>,
}

impl std::ops::Deref for Setup<'_> {
    type Target = SetupBuffers;
    fn deref(&self) -> &SetupBuffers {
        &self.buffers
    }
}

/// One first strike, planned with nuclear warheads priced at (value given up)^`cost_power`:
/// find aimpoint classes, plan and trace the curve, stop, account outcomes.
fn first_strike_ranked(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
    cost_power: f64,
) -> Result<Exchange, EngineError> {
    let setup = set_up(scenario, striker, victim, posture)?;
    let traced = plan_and_trace(
        &setup,
        detail,
        cost_power,
        &mut Workspace::default(),
        &mut None,
        f64::INFINITY,
    );
    Ok(account_outcomes(&setup, traced, (striker, victim), certify).0)
}

/// Stocks, exchange rates, aimpoint classes and kill probabilities of one strike.
fn set_up<'a>(
    scenario: &'a Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
) -> Result<Setup<'a>, EngineError> {
    set_up_in(scenario, striker, victim, posture, Box::default(), None)
}

/// [`set_up`] into the vectors of `spare` (a workspace's), refilled in place: once they have
/// grown, setting up allocates only the two value attacks and their weights.
fn set_up_in<'a>(
    scenario: &'a Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    spare: Box<SetupBuffers>,
    known: Option<Known>,
) -> Result<Setup<'a>, EngineError> {
    let options = &scenario.options;
    let attacker = &scenario.sides[striker];
    let defender = &scenario.sides[victim];
    let (kills, units) = known.unzip();
    let mut b = spare;
    b.refill_stocks_and_rates(attacker, defender, posture, options, units);
    let nuclear_costs_differ = b.refill_value_costs(attacker);
    aimpoint_classes(
        defender,
        &posture,
        options,
        (&b.victim_total, &b.scratch.retaliation_weight),
        (&mut b.classes, &mut b.plan_classes, &mut b.victim_elements),
    );
    kill_table(
        attacker,
        defender,
        &b.stock,
        options,
        &mut b.base_kill,
        &mut b.scratch.kill,
        kills,
    )?;
    b.refill_element_flags(attacker, defender);
    Ok(Setup {
        options,
        attacker,
        defender,
        posture,
        nuclear_costs_differ,
        buffers: b,
    })
}

impl SetupBuffers {
    /// Stocks, the victim's warheads, both value exchange rates and both sides' defenses.
    fn refill_stocks_and_rates(
        &mut self,
        attacker: &Side,
        defender: &Side,
        posture: ExchangePosture,
        options: &ModelOptions,
        units: Option<StrikeUnits>,
    ) {
        refill_from(
            &mut self.stock,
            striker_stocks(attacker, posture.striker_alert, options),
        );
        refill_from(
            &mut self.victim_total,
            defender
                .forces
                .iter()
                .map(|f| f.warheads_at(posture.victim_alert) as f64),
        );
        let [on_victim, on_striker] = units.map_or([None, None], |[a, b]| [Some(a), Some(b)]);
        self.on_victim.refill(attacker, defender, false, on_victim);
        self.on_striker.refill(defender, attacker, true, on_striker);
        fn capacities(side: &Side) -> impl Iterator<Item = f64> + '_ {
            side.missile_defenses
                .iter()
                .map(MissileDefenseLayer::engagement_capacity)
        }
        refill_from(&mut self.striker_capacity, capacities(attacker));
        refill_from(&mut self.initial_capacity, capacities(defender));
    }

    /// The unit weights (in the scratch) and each warhead's value cost; returns whether the
    /// nuclear warheads in stock give up different value (else one ranking serves).
    fn refill_value_costs(&mut self, attacker: &Side) -> bool {
        // Cheapest kills first, in what the striker's cost depends on: victim retaliation
        // removed (striker's value units) per unit of value attack given up (victim's units).
        let scratch = &mut self.scratch;
        self.on_striker.unit_weights_into(
            &self.victim_total,
            &self.striker_capacity,
            &mut scratch.retaliation_weight,
        );
        self.on_victim
            .unit_weights_into(&self.stock, &self.initial_capacity, &mut scratch.weights);
        let weights = &scratch.weights;
        // On the weights before the least nuclear cost.
        let mut in_stock = weights
            .iter()
            .zip(&attacker.forces)
            .zip(&self.stock)
            .filter(|((_, f), s)| f.is_nuclear() && **s >= 1.0)
            .map(|((w, _), _)| *w);
        let first_in_stock = in_stock.next();
        let nuclear_costs_differ = in_stock.any(|c| Some(c) != first_in_stock);
        refill_from(
            &mut self.value_cost,
            weights.iter().zip(&attacker.forces).map(|(&w, f)| {
                if f.is_nuclear() {
                    w.max(LEAST_NUCLEAR_COST)
                } else {
                    0.0
                }
            }),
        );
        nuclear_costs_differ
    }

    /// Per element: victim warheads per unit of plan value, ballistic weapons, nuclear targets.
    fn refill_element_flags(&mut self, attacker: &Side, defender: &Side) {
        refill_from(
            &mut self.warheads_per_unit,
            self.scratch
                .retaliation_weight
                .iter()
                .map(|&u| if u > 0.0 { 1.0 / u } else { 0.0 }),
        );
        refill_from(
            &mut self.is_ballistic,
            attacker
                .forces
                .iter()
                .map(|f| f.delivery == Delivery::BallisticMissile),
        );
        refill_from(
            &mut self.victim_nuclear,
            defender.forces.iter().map(ForceElement::is_nuclear),
        );
    }
}

/// `v` holding exactly `items`, in its own buffer.
fn refill_from<T>(v: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    v.clear();
    v.extend(items);
}

/// The vectors of a [`Setup`], kept between strikes (see [`set_up_in`]).
#[derive(Debug, Default)]
struct SetupBuffers {
    stock: Vec<f64>,
    victim_total: Vec<f64>,
    striker_capacity: Vec<f64>,
    initial_capacity: Vec<f64>,
    /// Value attack one warhead gives up (0: conventional), which a ranking raises to a power.
    value_cost: Vec<f64>,
    classes: Vec<AimpointClass>,
    /// The allocator's view of the classes (value per aimpoint, kill group, spend).
    plan_classes: Vec<allocation::AimpointClass>,
    victim_elements: Vec<Exposure>,
    /// Kill probabilities before missile defense of forces, per (group, weapon).
    base_kill: Vec<Vec<f64>>,
    /// Victim warheads per unit of plan value, per element.
    warheads_per_unit: Vec<f64>,
    is_ballistic: Vec<bool>,
    victim_nuclear: Vec<bool>,
    on_victim: ValueAttack,
    on_striker: ValueAttack,
    /// Set-up scratch, kept only to be reused by the next strike.
    scratch: SetupScratch,
}

/// Vectors only the set-up itself uses, kept between strikes like [`SetupBuffers`].
#[derive(Debug, Default)]
struct SetupScratch {
    retaliation_weight: Vec<f64>,
    weights: Vec<f64>,
    kill: KillScratch,
}

impl Setup<'_> {
    /// Gives the vectors back for the next strike's set-up.
    fn into_buffers(self) -> Box<SetupBuffers> {
        self.buffers
    }
}

/// How a victim element's warheads stand before the strike: the numbers of its
/// [`VictimElementOutcome`] that do not depend on the plan.
#[derive(Debug, Clone, Copy)]
struct Exposure {
    warheads: f64,
    untargetable: f64,
    launched_under_attack: f64,
    exposed: f64,
}

/// Identical aimpoints of one element form a class: full aimpoints of `launchers_per_aimpoint`,
/// then at most one holding the remainder; a storage site is a class of one. Launch-under-
/// attack-capable launchers mostly escape; conventional launchers hold no value.
fn aimpoint_classes(
    defender: &Side,
    posture: &ExchangePosture,
    options: &ModelOptions,
    (victim_total, retaliation_weight): (&[f64], &[f64]),
    (classes, plan_classes, victim_elements): (
        &mut Vec<AimpointClass>,
        &mut Vec<allocation::AimpointClass>,
        &mut Vec<Exposure>,
    ),
) {
    let n_elements = defender.forces.len();
    // At most two classes per element (full aimpoints, a remainder) and one per storage site.
    let most_classes = 2 * n_elements + defender.warhead_storage.len();
    classes.clear();
    plan_classes.clear();
    victim_elements.clear();
    classes.reserve(most_classes);
    plan_classes.reserve(most_classes);
    victim_elements.reserve(n_elements);
    let mut first = 0;
    let mut push = |target, launchers, detection, count, value| {
        if count == 0 {
            return;
        }
        let group = match target {
            Target::Element(j) => j,
            Target::Storage(w) => n_elements + w,
        };
        classes.push(AimpointClass {
            target,
            launchers,
            detection,
            count,
            first,
        });
        plan_classes.push(allocation::AimpointClass {
            value,
            group,
            spend: detection,
            count,
        });
        first += count;
    };
    for (j, target) in defender.forces.iter().enumerate() {
        let per_launcher = f64::from(target.warheads_per_launcher);
        let launchers = f64::from(target.launchers_at(posture.victim_alert));
        let targetable = launchers * (1.0 - target.untargetable_share.at(posture.victim_alert));
        let stay = stay_share(target, posture, options);
        let d = target.detection_probability;
        let value = |here: f64| {
            if target.is_nuclear() {
                here * per_launcher * stay * d * retaliation_weight[j]
            } else {
                0.0
            }
        };
        let (full, remainder) = split_launchers(targetable, target.launchers_per_aimpoint);
        let per_aimpoint = f64::from(target.launchers_per_aimpoint);
        push(
            Target::Element(j),
            per_aimpoint,
            d,
            full,
            value(per_aimpoint),
        );
        if remainder > 1e-9 {
            // A remainder of less than one launcher is an aimpoint that is there with that
            // probability (as Monte Carlo draws whole launchers): a warhead committed to it is
            // spent only then, like one on an aimpoint that is not found.
            let presence = remainder.min(1.0);
            push(
                Target::Element(j),
                remainder / presence,
                d * presence,
                1,
                value(remainder),
            );
        }
        victim_elements.push(Exposure {
            warheads: victim_total[j],
            untargetable: victim_total[j] - targetable * per_launcher
                + targetable * per_launcher * stay * (1.0 - d),
            launched_under_attack: targetable * per_launcher * (1.0 - stay),
            exposed: targetable * per_launcher * stay * d,
        });
    }
    for (w, site) in defender.warhead_storage.iter().enumerate() {
        // A storage site is worth the warheads that depend on it.
        let dependent: f64 = defender
            .forces
            .iter()
            .zip(victim_total)
            .zip(retaliation_weight)
            .filter(|((f, _), _)| f.warhead_storage == Some(w))
            .map(|((_, t), u)| t * u)
            .sum();
        let d = site.detection_probability;
        push(Target::Storage(w), 0.0, d, 1, dependent * d);
    }
}

/// Full aimpoints of `per_aimpoint` launchers in `targetable`, and the remainder, exactly as
/// subtracting one aimpoint at a time would leave it (integer subtraction below 2^53 is exact).
fn split_launchers(targetable: f64, per_aimpoint: u32) -> (usize, f64) {
    let size = f64::from(per_aimpoint.max(1));
    if targetable <= 1e-9 {
        return (0, 0.0);
    }
    let mut full = (targetable / size).floor().max(0.0);
    while (full + 1.0) * size <= targetable {
        full += 1.0;
    }
    while full > 0.0 && full * size > targetable {
        full -= 1.0;
    }
    (full as usize, targetable - full * size)
}

/// `c^power`, skipping `powf` for the powers of [`RANKINGS`] (both exact: x^1 = x, x^0 = 1).
fn raised(c: f64, power: f64) -> f64 {
    if power == 1.0 {
        c
    } else if power == 0.0 {
        1.0
    } else {
        c.powf(power)
    }
}

impl Setup<'_> {
    /// Kill probabilities with the victim's forces defense at `capacity`.
    fn kill_with_defense(&self, capacity: &[f64]) -> Vec<Vec<f64>> {
        let mut kill = Vec::new();
        self.fill_kill_with_defense(capacity, &mut kill);
        kill
    }

    /// [`Setup::kill_with_defense`] into `kill`'s rows, reusing them.
    fn fill_kill_with_defense(&self, capacity: &[f64], kill: &mut Vec<Vec<f64>>) {
        let leak = forces_leak(&self.defender.missile_defenses, capacity);
        if leak == 1.0 {
            // No forces layer engages (none, or all spent): p x 1 is p, bit for bit (kill
            // probabilities are never NaN), so the rows are copied. Each strike plans once per
            // ranking, and most victims have no forces defense.
            kill.clone_from(&self.base_kill);
            return;
        }
        kill.resize_with(self.base_kill.len(), Vec::new);
        for (out, row) in kill.iter_mut().zip(&self.base_kill) {
            out.clear();
            out.extend(
                row.iter()
                    .zip(&self.is_ballistic)
                    .map(|(p, &b)| if b { p * leak } else { *p }),
            );
        }
    }

    /// The allocation problem with nuclear warheads priced at (value given up)^`cost_power`,
    /// written into `problem`'s buffers.
    fn fill_class_problem(&self, cost_power: f64, problem: &mut ClassProblem) {
        problem.classes.clone_from(&self.plan_classes);
        self.fill_kill_with_defense(&self.initial_capacity, &mut problem.kill);
        problem.cost.clear();
        problem.cost.extend(self.costs(cost_power));
        problem.stock.clone_from(&self.stock);
        problem.cap = self.options.max_warheads_per_aimpoint as usize;
        problem.fratricide_per_burst = match self.options.fratricide {
            Fratricide::Cap => 0.0,
            Fratricide::Degradation { per_burst } => per_burst,
        };
    }

    /// Each weapon's cost in the allocation problem: nuclear warheads priced at (value given
    /// up)^`cost_power`, conventional ones free.
    fn costs(&self, cost_power: f64) -> impl Iterator<Item = f64> + '_ {
        self.value_cost
            .iter()
            .zip(&self.attacker.forces)
            .map(move |(&c, f)| {
                if f.is_nuclear() {
                    raised(c, cost_power)
                } else {
                    0.0
                }
            })
    }

    /// Whether `cost` holds, bit for bit, [`Setup::costs`] at `cost_power`.
    fn costs_are(&self, cost_power: f64, cost: &[f64]) -> bool {
        cost.len() == self.value_cost.len()
            && cost
                .iter()
                .zip(self.costs(cost_power))
                .all(|(a, b)| a.to_bits() == b.to_bits())
    }

    /// Storage site of each victim element, if it depends on one.
    fn storage_of(&self, j: usize) -> Option<usize> {
        self.defender.forces[j].warhead_storage
    }

    /// Survival of a storage site: missed (1 - d) or found and survives every warhead.
    fn storage_survival(&self, site: usize, survival_if_found: f64) -> f64 {
        let d = self.defender.warhead_storage[site].detection_probability;
        1.0 - d + d * survival_if_found
    }

    /// Whether a victim layer covering forces still has interceptors.
    fn forces_defended(&self, capacity: &[f64]) -> bool {
        self.defender
            .missile_defenses
            .iter()
            .zip(capacity)
            .any(|(l, c)| l.covers.covers_forces() && *c >= 1.0)
    }

    /// Warheads of the batch's weapon that can fly before one of the victim's layers covering
    /// forces runs out: the batch ends there, since kill probabilities then rise.
    fn warheads_before_exhaustion(
        &self,
        capacity: &[f64],
        weapon: usize,
        detection: f64,
        most: usize,
    ) -> usize {
        let active = |(l, c): (&MissileDefenseLayer, &f64)| l.covers.covers_forces() && *c >= 1.0;
        if !self.is_ballistic[weapon]
            || !self
                .defender
                .missile_defenses
                .iter()
                .zip(capacity)
                .any(active)
        {
            return most;
        }
        let mut capacity = capacity.to_vec();
        for step in 1..=most {
            let exhausted = self.draw_interceptors(&mut capacity, weapon, detection, &mut 0.0);
            if exhausted {
                return step;
            }
        }
        most
    }

    /// One committed RV of `weapon` draws interceptors from each layer covering forces, each
    /// engaging what the layer before let through; adds the RVs intercepted to `intercepted` and
    /// says whether a layer ran out.
    fn draw_interceptors(
        &self,
        capacity: &mut [f64],
        weapon: usize,
        detection: f64,
        intercepted_so_far: &mut f64,
    ) -> bool {
        let mut flying = self.attacker.forces[weapon].reliability * detection;
        let mut exhausted = false;
        for (layer, capacity) in self
            .defender
            .missile_defenses
            .iter()
            .zip(capacity.iter_mut())
        {
            if layer.covers.covers_forces() && *capacity >= 1.0 {
                let intercepted = flying * layer.intercept_probability();
                *intercepted_so_far += intercepted;
                *capacity -= flying;
                flying -= intercepted;
                exhausted |= *capacity < 1.0;
            }
        }
        exhausted
    }
}

/// The running state along the draw-down curve. Running flows keep each point O(1): only the
/// striker element that fired and the victim elements that lost warheads change. Advancing it
/// over a plan again gives the same numbers, bit for bit.
#[derive(Debug, Clone, Default)]
struct Trace {
    spent: Vec<f64>,
    destroyed_on_launchers: Vec<f64>,
    surviving: Vec<f64>,
    /// Per storage site, the probability it survives the warheads so far if found.
    storage_if_found: Vec<f64>,
    striker_flow: Flow,
    victim_flow: Flow,
    totals: Totals,
    capacity: Vec<f64>,
    intercepted: f64,
    /// Warheads committed so far.
    steps: usize,
}

/// `v` as `n` copies of `x`, in its own buffer.
fn refill(v: &mut Vec<f64>, n: usize, x: f64) {
    v.clear();
    v.resize(n, x);
}

impl Trace {
    fn start(s: &Setup) -> Self {
        let mut trace = Self::default();
        trace.restart(s);
        trace
    }

    /// Back to the curve's start, keeping the buffers.
    fn restart(&mut self, s: &Setup) {
        let totals = Totals {
            nuclear_spent: 0.0,
            conventional_spent: 0.0,
            striker_left: s
                .attacker
                .forces
                .iter()
                .zip(&s.stock)
                .filter(|(f, _)| f.is_nuclear())
                .map(|(_, s)| s)
                .sum(),
            victim_surviving: s
                .victim_total
                .iter()
                .zip(&s.victim_nuclear)
                .filter(|(_, n)| **n)
                .map(|(t, _)| t)
                .sum(),
        };
        refill(&mut self.spent, s.attacker.forces.len(), 0.0);
        refill(
            &mut self.destroyed_on_launchers,
            s.defender.forces.len(),
            0.0,
        );
        self.surviving.clone_from(&s.victim_total);
        refill(
            &mut self.storage_if_found,
            s.defender.warhead_storage.len(),
            1.0,
        );
        self.striker_flow = s.on_victim.total(s.stock.iter().copied());
        self.victim_flow = s.on_striker.total(s.victim_total.iter().copied());
        self.totals = totals;
        self.capacity.clone_from(&s.initial_capacity);
        self.intercepted = 0.0;
        self.steps = 0;
    }

    /// The curve point here, before damages and costs.
    fn raw(&self, s: &Setup) -> RawPoint {
        RawPoint {
            totals: self.totals,
            on_striker: s
                .on_striker
                .resolve(self.victim_flow, &s.striker_capacity)
                .0,
            on_victim: s.on_victim.resolve(self.striker_flow, &self.capacity).0,
        }
    }

    /// Commits one warhead of `batch`; returns whether a forces defense layer ran out.
    fn advance(&mut self, s: &Setup, batch: &Batch) -> bool {
        let class = &s.classes[batch.class];
        let d = class.detection;
        let i = batch.weapon;
        let before = s.stock[i] - self.spent[i];
        self.spent[i] += d;
        self.striker_flow = self
            .striker_flow
            .plus(s.on_victim.flow(i, s.stock[i] - self.spent[i]), 1.0)
            .plus(s.on_victim.flow(i, before), -1.0);
        if s.attacker.forces[i].is_nuclear() {
            self.totals.nuclear_spent += d;
            self.totals.striker_left -= d;
        } else {
            self.totals.conventional_spent += d;
        }
        match class.target {
            Target::Element(j) => {
                self.destroyed_on_launchers[j] += batch.gain * s.warheads_per_unit[j];
                self.update(s, j);
            }
            Target::Storage(w) => {
                self.storage_if_found[w] *= 1.0 - batch.kill;
                for j in (0..s.defender.forces.len()).filter(|&j| s.storage_of(j) == Some(w)) {
                    self.update(s, j);
                }
            }
        }
        self.steps += 1;
        if !s.is_ballistic[i] {
            return false;
        }
        s.draw_interceptors(&mut self.capacity, i, d, &mut self.intercepted)
    }

    /// Expected survivors of element `j`: on their launchers, times their storage site's survival.
    fn update(&mut self, s: &Setup, j: usize) {
        let storage = s
            .storage_of(j)
            .map_or(1.0, |w| s.storage_survival(w, self.storage_if_found[w]));
        let now = (s.victim_total[j] - self.destroyed_on_launchers[j]) * storage;
        self.victim_flow = self
            .victim_flow
            .plus(s.on_striker.flow(j, now), 1.0)
            .plus(s.on_striker.flow(j, self.surviving[j]), -1.0);
        if s.victim_nuclear[j] {
            self.totals.victim_surviving += now - self.surviving[j];
        }
        self.surviving[j] = now;
    }

    /// Advances over the executed batches in closed form (for the defenses' state at the stop).
    fn replay(s: &Setup, executed: &[Batch]) -> Self {
        let mut trace = Trace::start(s);
        for batch in executed {
            trace.advance_batch(s, batch);
        }
        trace
    }

    /// The curve along a batch of warheads on one element's aimpoints: every running quantity
    /// moves by the same amount per warhead. `None` for a storage site (a batch of one, traced
    /// exactly by [`Trace::advance`]).
    fn slope(&self, s: &Setup, batch: &Batch) -> Option<Piece> {
        let Target::Element(j) = s.classes[batch.class].target else {
            return None;
        };
        let i = batch.weapon;
        let d = s.classes[batch.class].detection;
        let storage = s
            .storage_of(j)
            .map_or(1.0, |w| s.storage_survival(w, self.storage_if_found[w]));
        // Victim warheads each warhead removes from retaliation (negative).
        let surviving = -(batch.gain * s.warheads_per_unit[j]) * storage;
        let nuclear = s.attacker.forces[i].is_nuclear();
        let per_warhead = Totals {
            nuclear_spent: if nuclear { d } else { 0.0 },
            conventional_spent: if nuclear { 0.0 } else { d },
            striker_left: if nuclear { -d } else { 0.0 },
            victim_surviving: if s.victim_nuclear[j] { surviving } else { 0.0 },
        };
        Some(Piece {
            first: self.steps,
            count: batch.count,
            totals: self.totals,
            striker_flow: self.striker_flow,
            victim_flow: self.victim_flow,
            per_warhead,
            striker_flow_per_warhead: Flow::default().plus(s.on_victim.flow(i, 1.0), -d),
            victim_flow_per_warhead: Flow::default().plus(s.on_striker.flow(j, 1.0), surviving),
        })
    }

    /// Commits a whole batch: in closed form on an element, exactly on a storage site; the
    /// forces defense draws one RV at a time (bounded by its interceptors). Returns the piece
    /// of curve it traced and whether a forces defense layer ran out.
    fn advance_batch(&mut self, s: &Setup, batch: &Batch) -> (Option<Piece>, bool) {
        let Some(piece) = self.slope(s, batch) else {
            return (None, self.advance(s, batch));
        };
        let Target::Element(j) = s.classes[batch.class].target else {
            unreachable!("slope is Some only for an element")
        };
        let n = batch.count as f64;
        let d = s.classes[batch.class].detection;
        self.spent[batch.weapon] += n * d;
        self.destroyed_on_launchers[j] += n * (batch.gain * s.warheads_per_unit[j]);
        let storage = s
            .storage_of(j)
            .map_or(1.0, |w| s.storage_survival(w, self.storage_if_found[w]));
        self.surviving[j] = (s.victim_total[j] - self.destroyed_on_launchers[j]) * storage;
        // Only the totals: the caller evaluates the end point itself.
        self.totals = piece.totals.along(piece.per_warhead, n);
        self.striker_flow = piece.striker_flow.plus(piece.striker_flow_per_warhead, n);
        self.victim_flow = piece.victim_flow.plus(piece.victim_flow_per_warhead, n);
        self.steps += batch.count;
        let mut exhausted = false;
        if s.is_ballistic[batch.weapon] && s.forces_defended(&self.capacity) {
            for _ in 0..batch.count {
                exhausted =
                    s.draw_interceptors(&mut self.capacity, batch.weapon, d, &mut self.intercepted);
            }
        }
        (Some(piece), exhausted)
    }
}

/// The draw-down curve along one batch on an element's aimpoints: linear in the warheads
/// committed, from the point before the batch.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Curve index of the point before the batch.
    first: usize,
    count: usize,
    totals: Totals,
    striker_flow: Flow,
    victim_flow: Flow,
    per_warhead: Totals,
    striker_flow_per_warhead: Flow,
    victim_flow_per_warhead: Flow,
}

impl Piece {
    /// The point after `t` warheads of the batch (value defenses are not drawn by
    /// counterforce on this path, so their capacity is the initial one).
    fn at(&self, s: &Setup, t: usize) -> RawPoint {
        let x = t as f64;
        let striker_flow = self.striker_flow.plus(self.striker_flow_per_warhead, x);
        let victim_flow = self.victim_flow.plus(self.victim_flow_per_warhead, x);
        RawPoint {
            totals: self.totals.along(self.per_warhead, x),
            on_striker: s.on_striker.resolve(victim_flow, &s.striker_capacity).0,
            on_victim: s.on_victim.resolve(striker_flow, &s.initial_capacity).0,
        }
    }
}

/// An exactly evaluated curve point: index, point, and its cost split f + g, where
/// f = D_striker^e never rises along the curve and g = s (1 - D_victim^e) never falls; and
/// D_victim^e.
type Evaluated = (usize, CurvePoint, f64, f64, f64);

/// Damages and costs of a raw point.
fn evaluate(s: &Setup, k: usize, r: &RawPoint) -> Evaluated {
    let options = s.options;
    let damage_to_striker = s.attacker.value.damage(r.on_striker);
    let damage_to_victim = s.defender.value.damage(r.on_victim);
    // As `ModelOptions::costs`, keeping its two powers for the bound's split.
    let f = options.cost_power(damage_to_striker);
    let to_victim = options.cost_power(damage_to_victim);
    let g = options.cost_surcharge * (1.0 - to_victim);
    let (cost_to_striker, cost_to_victim) = (f + g, to_victim + options.cost_surcharge * (1.0 - f));
    let point = CurvePoint {
        warheads_spent: r.totals.nuclear_spent,
        conventional_spent: r.totals.conventional_spent,
        striker_warheads_left: r.totals.striker_left,
        victim_warheads_surviving: r.totals.victim_surviving,
        arriving_on_striker: r.on_striker,
        arriving_on_victim: r.on_victim,
        damage_to_striker,
        damage_to_victim,
        cost_to_striker,
        cost_to_victim,
    };
    (k, point, f, g, to_victim)
}

/// The stop rule (R-3765 p. 22) as points arrive: the lowest striker cost; among the points
/// within the tie tolerance of it, the highest victim cost, then the fewest warheads.
#[derive(Debug, Default)]
struct StopRule {
    lowest: f64,
    /// Points within the tie tolerance of the lowest cost so far.
    near: Vec<(usize, CurvePoint)>,
}

impl StopRule {
    /// A rule keeping its near points in `near` (a workspace's buffer).
    fn with_buffer(mut near: Vec<(usize, CurvePoint)>) -> Self {
        near.clear();
        // Ties are rare: a few slots avoid regrowing from empty.
        near.reserve(4);
        Self {
            lowest: f64::INFINITY,
            near,
        }
    }
    fn offer(&mut self, k: usize, p: &CurvePoint) {
        if p.cost_to_striker < self.lowest {
            self.lowest = p.cost_to_striker;
            let lowest = self.lowest;
            self.near
                .retain(|(_, q)| q.cost_to_striker <= lowest + COST_TIE);
        }
        if p.cost_to_striker <= self.lowest + COST_TIE {
            self.near.push((k, *p));
        }
    }
    fn decide(&self) -> (usize, CurvePoint) {
        self.near
            .iter()
            .fold(None::<(usize, CurvePoint)>, |best, &(k, p)| match best {
                Some((bk, bp))
                    if bp.cost_to_victim > p.cost_to_victim
                        || (bp.cost_to_victim == p.cost_to_victim && bk < k) =>
                {
                    Some((bk, bp))
                }
                _ => Some((k, p)),
            })
            .expect("the curve has its starting point")
    }
}

/// The plan in batches, its stop point, and (Full) every curve point.
struct Traced {
    plan: Vec<Batch>,
    stop: usize,
    stop_point: CurvePoint,
    curve: Vec<CurvePoint>,
    /// The allocator as planning left it (kill probabilities raised where defenses ran out);
    /// boxed, since planning hands it from the workspace and back several times per strike.
    greedy: Box<TierGreedy>,
}

/// Plans batch by batch and traces the draw-down curve; finds the stop point.
fn plan_and_trace(
    s: &Setup,
    detail: CurveDetail,
    cost_power: f64,
    workspace: &mut Workspace,
    start: &mut Option<CurveStart>,
    to_beat: f64,
) -> Traced {
    let monotone = !s
        .defender
        .missile_defenses
        .iter()
        .any(|l| l.covers == crate::defense::Coverage::Both);
    if monotone {
        trace_pieces(s, detail, cost_power, workspace, start, to_beat)
    } else {
        trace_every_point(s, detail, cost_power, workspace)
    }
}

/// Lets the planner see the kill probabilities raised by a forces defense layer that ran out.
fn raise_kills(s: &Setup, greedy: &mut TierGreedy, capacity: &[f64]) {
    for (j, row) in s.kill_with_defense(capacity).iter().enumerate() {
        for (w, &p) in row.iter().enumerate() {
            greedy.set_kill(j, w, p);
        }
    }
    greedy.rebuild();
}

/// The next batch of the plan, cut where a forces defense layer runs out; advances the trace
/// over it (calling `each` after every warhead, which may end the batch early by returning
/// false) and lets the planner see raised kill probabilities.
fn next_batch(
    s: &Setup,
    greedy: &mut TierGreedy,
    trace: &mut Trace,
    mut each: impl FnMut(&Trace) -> bool,
) -> Option<(Batch, bool)> {
    let mut batch = greedy.step(|proposal| {
        let detection = s.classes[proposal.class].detection;
        s.warheads_before_exhaustion(&trace.capacity, proposal.weapon, detection, proposal.count)
    })?;
    let mut exhausted = false;
    let mut go_on = true;
    for k in 0..batch.count {
        exhausted = trace.advance(s, &batch);
        go_on = each(trace);
        if !go_on || exhausted {
            batch.count = k + 1;
            break;
        }
    }
    if exhausted {
        raise_kills(s, greedy, &trace.capacity);
    }
    Some((batch, go_on))
}

/// Every point of the curve exactly (for reports, or when a victim layer covering forces and
/// value makes the curve non-monotone).
fn trace_every_point(
    s: &Setup,
    detail: CurveDetail,
    cost_power: f64,
    workspace: &mut Workspace,
) -> Traced {
    let mut greedy = workspace.greedy(s, cost_power);
    let mut trace = workspace.trace(s);
    let mut rule = StopRule::with_buffer(std::mem::take(&mut workspace.near));
    let mut curve = Vec::new();
    let mut offer = |t: &Trace| {
        let (k, point, ..) = evaluate(s, t.steps, &t.raw(s));
        rule.offer(k, &point);
        if detail == CurveDetail::Full {
            curve.push(point);
        }
        true
    };
    offer(&trace);
    let mut plan = workspace.plan(s);
    while let Some((batch, _)) = next_batch(s, &mut greedy, &mut trace, &mut offer) {
        plan.push(batch);
    }
    let (stop, stop_point) = rule.decide();
    workspace.near = rule.near;
    workspace.trace = Some(trace);
    Traced {
        plan,
        stop,
        stop_point,
        curve,
        greedy,
    }
}

/// The least f = D_striker^e any plan can reach: the victim keeps only what no plan can reach.
fn least_striker_damage_term(s: &Setup) -> f64 {
    let floor = (0..s.defender.forces.len()).map(|j| {
        if s.storage_of(j).is_some() {
            return 0.0;
        }
        let reachable: f64 = s
            .classes
            .iter()
            .zip(&s.plan_classes)
            .filter(|(c, _)| c.target == Target::Element(j))
            .map(|(c, p)| p.value * c.count as f64 * s.warheads_per_unit[j])
            .sum();
        (s.victim_total[j] - reachable * (1.0 + BOUND_SLACK)).max(0.0)
    });
    let arriving = s
        .on_striker
        .resolve(s.on_striker.total(floor), &s.striker_capacity)
        .0;
    s.options.cost_power(s.attacker.value.damage(arriving))
}

/// What became of each side's elements at the stop point, the defenses' effect, and (with
/// `certify`) the certificates.
fn account_outcomes(
    s: &Setup,
    traced: Traced,
    (striker, victim): (usize, usize),
    certify: bool,
) -> (Exchange, Box<TierGreedy>) {
    let Traced {
        plan,
        stop,
        stop_point,
        curve,
        greedy,
    } = traced;
    let executed = cut_at(&plan, stop);
    let tally = tally_executed(s, &executed);
    let (victim_elements, destroyed_by_conventional) = victim_outcomes(s, &tally);
    let striker_elements = striker_outcomes(s, tally.spent_on);
    let (capacity, intercepted) = forces_defense_at(s, &executed);
    let (_, victim_defense_against_value_attack) = s
        .on_victim
        .arriving(striker_elements.iter().map(|e| e.left_for_value), &capacity);
    let (_, striker_defense_against_retaliation) = s.on_striker.arriving(
        victim_elements.iter().map(|v| v.surviving),
        &s.striker_capacity,
    );
    let destroyed: f64 = victim_elements
        .iter()
        .zip(&s.defender.forces)
        .filter(|(_, f)| f.is_nuclear())
        .map(|(v, _)| v.destroyed)
        .sum();
    let (cost_lower_bound, destroyed_upper_bound) = if certify {
        certificates(s, greedy.problem(), stop, tally.plan_value)
    } else {
        (None, f64::INFINITY)
    };
    let exchange = Exchange {
        striker,
        victim,
        posture: s.posture,
        curve,
        stop,
        stop_point,
        classes: s.classes.clone(),
        plan,
        striker_elements,
        victim_elements,
        destroyed_by_conventional,
        victim_defense_against_counterforce: DefenseEffect {
            ballistic_intercepted: intercepted,
            air_breathing_shot_down: tally.air_shot_down,
        },
        victim_defense_against_value_attack,
        striker_defense_against_retaliation,
        destroyed_upper_bound,
        plan_value: tally.plan_value,
        destroyed,
        cost_lower_bound,
    };
    (exchange, greedy)
}

/// The batches of the first `stop` warheads of a plan.
fn cut_at(plan: &[Batch], stop: usize) -> Vec<Batch> {
    let mut left = stop;
    plan.iter()
        .map_while(|b| {
            let taken = b.take(left);
            left -= taken.count;
            (taken.count > 0).then_some(taken)
        })
        .collect()
}

/// What the executed batches did, summed.
struct Tally {
    /// Per striker element, warheads spent on each victim element, then each storage site.
    spent_on: Vec<Vec<f64>>,
    /// Per victim element, warheads destroyed on their launchers (by any weapon, by conventional).
    destroyed_on: Vec<f64>,
    by_conventional: Vec<f64>,
    /// Per storage site, the probability it survives if found.
    storage_if_found: Vec<f64>,
    air_shot_down: f64,
    plan_value: f64,
}

/// Sums the executed batches (a batch of n counts n times).
fn tally_executed(s: &Setup, executed: &[Batch]) -> Tally {
    let n_elements = s.defender.forces.len();
    let n_groups = n_elements + s.defender.warhead_storage.len();
    let mut t = Tally {
        spent_on: vec![vec![0.0; n_groups]; s.attacker.forces.len()],
        destroyed_on: vec![0.0; n_elements],
        by_conventional: vec![0.0; n_elements],
        storage_if_found: vec![1.0; s.defender.warhead_storage.len()],
        air_shot_down: 0.0,
        plan_value: 0.0,
    };
    for batch in executed {
        let class = &s.classes[batch.class];
        let weapon = &s.attacker.forces[batch.weapon];
        let air_lost =
            weapon.reliability * (1.0 - air_penetration(s.defender, weapon.delivery, false));
        let n = batch.count as f64;
        let group = match class.target {
            Target::Element(j) => {
                let destroyed = n * (batch.gain * s.warheads_per_unit[j]);
                t.destroyed_on[j] += destroyed;
                if !weapon.is_nuclear() {
                    t.by_conventional[j] += destroyed;
                }
                j
            }
            Target::Storage(w) => {
                t.storage_if_found[w] *= (1.0 - batch.kill).powi(batch.count as i32);
                n_elements + w
            }
        };
        t.spent_on[batch.weapon][group] += n * class.detection;
        t.air_shot_down += n * class.detection * air_lost;
        t.plan_value += n * batch.gain;
    }
    t
}

/// Each victim element's surviving and destroyed warheads; and those destroyed by
/// conventional weapons.
fn victim_outcomes(s: &Setup, t: &Tally) -> (Vec<VictimElementOutcome>, f64) {
    let mut by_conventional = 0.0;
    let victim_elements = s
        .victim_elements
        .iter()
        .zip(&s.defender.forces)
        .enumerate()
        .map(|(j, (e, f))| {
            let storage = s
                .storage_of(j)
                .map_or(1.0, |w| s.storage_survival(w, t.storage_if_found[w]));
            by_conventional += t.by_conventional[j] * storage;
            let surviving = (e.warheads - t.destroyed_on[j]) * storage;
            VictimElementOutcome {
                name: f.name.clone(),
                warheads: e.warheads,
                untargetable: e.untargetable,
                launched_under_attack: e.launched_under_attack,
                exposed: e.exposed,
                destroyed: e.warheads - surviving,
                surviving,
            }
        })
        .collect();
    (victim_elements, by_conventional)
}

/// Each striker element's warheads available, spent and left for value.
fn striker_outcomes(s: &Setup, spent_on: Vec<Vec<f64>>) -> Vec<StrikerElementOutcome> {
    s.attacker
        .forces
        .iter()
        .zip(&s.stock)
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
        .collect()
}

/// The victim's missile-defense capacity and the RVs it intercepted, after the executed
/// batches (only layers covering forces are drawn by counterforce).
fn forces_defense_at(s: &Setup, executed: &[Batch]) -> (Vec<f64>, f64) {
    let layers = &s.defender.missile_defenses;
    if layers.iter().any(|l| l.covers.covers_forces()) {
        let trace = Trace::replay(s, executed);
        (trace.capacity, trace.intercepted)
    } else {
        (s.initial_capacity.clone(), 0.0)
    }
}

/// The cost certificate ([`cost_lower_bound`]) and the Ahuja bound on what a plan of `stop`
/// warheads could destroy (on the allocation as planning left it).
fn certificates(
    s: &Setup,
    problem: &ClassProblem,
    stop: usize,
    plan_value: f64,
) -> (Option<f64>, f64) {
    let aimpoints: Vec<Aimpoint> = s
        .classes
        .iter()
        .flat_map(|c| std::iter::repeat_n(c.aimpoint(), c.count))
        .collect();
    let bound = cost_lower_bound(&BoundInputs {
        attacker: s.attacker,
        defender: s.defender,
        options: s.options,
        on_victim: &s.on_victim,
        on_striker: &s.on_striker,
        striker_capacity: &s.striker_capacity,
        stock: &s.stock,
        victim_total: &s.victim_total,
        aimpoints: &aimpoints,
        base_kill: &s.base_kill,
        posture: &s.posture,
    });
    let upper = allocation::upper_bound(&problem.expand(), stop).max(plan_value);
    (Some(bound), upper)
}

/// The curve in pieces, one per batch, each linear in the warheads committed: Full expands
/// every point; StopOnly evaluates each piece's ends and searches inside a piece only where
/// a lower bound could reach the lowest cost (`stop_search`: branch and bound, exact), so the
/// work and memory follow the batches, not the aimpoints. Planning ends once no later point
/// can be the stop (f never rises, so f_floor + g bounds every later point).
fn trace_pieces(
    s: &Setup,
    detail: CurveDetail,
    cost_power: f64,
    workspace: &mut Workspace,
    memo: &mut Option<CurveStart>,
    to_beat: f64,
) -> Traced {
    let full = detail == CurveDetail::Full;
    let mut greedy = workspace.greedy(s, cost_power);
    let mut trace = workspace.trace(s);
    let CurveStart { start, f_floor } = *memo.get_or_insert_with(|| curve_start(s, full, &trace));
    let mut rule = StopRule::with_buffer(std::mem::take(&mut workspace.near));
    let mut curve = Vec::new();
    rule.offer(0, &start.1);
    if full {
        curve.push(start.1);
    }
    // A point costing more than `to_beat` (another ranking's stop) plus the tie tolerance
    // cannot be kept, so the bounds prune against it from the start.
    let mut best = start.1.cost_to_striker.min(to_beat);
    // The pieces the stop search may have to enter, with their ends' cost halves.
    let mut pieces = std::mem::take(&mut workspace.pieces);
    pieces.clear();
    let mut before = stop_search::halves(&start.1, start.2, start.3, start.4);
    let mut plan = workspace.plan(s);
    while let Some(batch) = greedy.step(|proposal| {
        let detection = s.classes[proposal.class].detection;
        s.warheads_before_exhaustion(&trace.capacity, proposal.weapon, detection, proposal.count)
    }) {
        let (piece, exhausted) = trace.advance_batch(s, &batch);
        if let (true, Some(piece)) = (full, &piece) {
            expand_inside(s, piece, &mut rule, &mut curve);
        }
        // The trace's running state is the piece's end, bit for bit (its value layers are not
        // drawn on this path).
        let end = evaluate(s, trace.steps, &trace.raw(s));
        rule.offer(end.0, &end.1);
        if full {
            curve.push(end.1);
        }
        best = best.min(end.1.cost_to_striker);
        let after = stop_search::halves(&end.1, end.2, end.3, end.4);
        if let (false, Some(kept)) = (full, worth_searching(piece, [before, after], best)) {
            pieces.push(kept);
        }
        before = after;
        plan.push(batch);
        if exhausted {
            raise_kills(s, &mut greedy, &trace.capacity);
        }
        if !full && f_floor + end.3 > best + COST_TIE + BOUND_SLACK {
            break;
        }
    }
    if !full {
        for (piece, ends) in &pieces {
            stop_search::search_piece(s, piece, ends, &mut best, &mut rule, &mut workspace.parts);
        }
    }
    let (stop, stop_point) = rule.decide();
    workspace.near = rule.near;
    workspace.pieces = pieces;
    workspace.trace = Some(trace);
    Traced {
        plan,
        stop,
        stop_point,
        curve,
        greedy,
    }
}

/// A traced piece with its ends' cost halves, unless the stop search would leave it at once:
/// `best` (the lowest cost so far) only falls, so a piece ruled out now is ruled out when
/// searched.
fn worth_searching(
    piece: Option<Piece>,
    ends: [stop_search::Halves; 2],
    best: f64,
) -> Option<(Piece, [stop_search::Halves; 2])> {
    piece
        .filter(|p| !stop_search::ruled_out(p, &ends, best))
        .map(|p| (p, ends))
}

/// The curve's first point (nothing committed) and, stop-only, the least f any plan can reach:
/// the same under every ranking.
#[derive(Debug, Clone, Copy)]
struct CurveStart {
    start: Evaluated,
    f_floor: f64,
}

/// [`CurveStart`] from a trace at the curve's start.
fn curve_start(s: &Setup, full: bool, trace: &Trace) -> CurveStart {
    CurveStart {
        start: evaluate(s, 0, &trace.raw(s)),
        f_floor: if full {
            0.0
        } else {
            least_striker_damage_term(s)
        },
    }
}

/// Evaluates and offers every point strictly inside a piece (Full curve).
fn expand_inside(s: &Setup, piece: &Piece, rule: &mut StopRule, curve: &mut Vec<CurvePoint>) {
    for t in 1..piece.count {
        let (k, point, ..) = evaluate(s, piece.first + t, &piece.at(s, t));
        rule.offer(k, &point);
        curve.push(point);
    }
}

/// What executing a first strike needs of it: who strikes whom, in which posture, the victim's
/// aimpoint classes, the plan and its stop. Monte Carlo executes this, made from an
/// [`Exchange`] or planned lean by [`planned_strike_with`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlannedStrike {
    pub striker: usize,
    pub victim: usize,
    pub posture: ExchangePosture,
    pub stop: usize,
    pub stop_point: CurvePoint,
    pub classes: Vec<AimpointClass>,
    pub plan: Vec<Batch>,
}

impl PlannedStrike {
    pub(crate) fn new(x: &Exchange) -> Self {
        Self {
            striker: x.striker,
            victim: x.victim,
            posture: x.posture,
            stop: x.stop,
            stop_point: x.stop_point,
            classes: x.classes.clone(),
            plan: x.plan.clone(),
        }
    }

    /// Refills this strike's buffers from `x`.
    pub(crate) fn refill_from(&mut self, x: &Exchange) {
        self.striker = x.striker;
        self.victim = x.victim;
        self.posture = x.posture;
        self.stop = x.stop;
        self.stop_point = x.stop_point;
        self.classes.clone_from(&x.classes);
        self.plan.clone_from(&x.plan);
    }
}

/// The strike of [`first_strike_with`] (stop-only, no certificate) into `into`'s buffers,
/// without accounting outcomes: the same plan, stop and classes, bit for bit. With `known`,
/// the set-up takes the values the caller already has (see [`set_up_in`]).
pub(crate) fn planned_strike_with(
    workspace: &mut Workspace,
    scenario: &Scenario,
    (striker, victim): (usize, usize),
    posture: ExchangePosture,
    into: &mut PlannedStrike,
    known: Option<Known>,
) -> Result<(), EngineError> {
    let spare = workspace.setup_buffers(&scenario.sides[striker], &scenario.sides[victim]);
    let setup = set_up_in(scenario, striker, victim, posture, spare, known)?;
    let traced = best_traced(&setup, CurveDetail::StopOnly, workspace, true);
    into.striker = striker;
    into.victim = victim;
    into.posture = posture;
    into.stop = traced.stop;
    into.stop_point = traced.stop_point;
    into.classes.clone_from(&setup.classes);
    into.plan.clone_from(&traced.plan);
    workspace.recycle(traced);
    workspace.setups.push(setup.into_buffers());
    Ok(())
}

/// [`striker_stock`] into `into` (refilled; no allocation once it has grown): Monte Carlo
/// reads it in every exchange of every trial.
pub(crate) fn striker_stock_into(
    attacker: &Side,
    alert: Alert,
    options: &ModelOptions,
    into: &mut Vec<f64>,
) {
    into.clear();
    into.extend(striker_stocks(attacker, alert, options));
}

/// A source of conditional kill probabilities ([`conditional_kill_probability`]) of the
/// striker's weapon `weapon` against a victim group (Monte Carlo's per-job memo).
pub(crate) type ConditionalKills<'a> = dyn FnMut(usize, Target) -> Result<f64, EngineError> + 'a;

/// Value units per element ([`value_units`]) of the striker's elements on the victim's value,
/// and of the victim's on the striker's.
pub(crate) type StrikeUnits<'a> = [&'a [f64]; 2];

/// What a caller already holds for one strike, which its set-up takes instead of recomputing
/// (Monte Carlo's per-job memo, which the trial's outcomes read too): each conditional kill
/// probability of a striker weapon against a victim group, and both value attacks' units.
/// The same plan, bit for bit, when they are [`conditional_kill_probability`]'s and
/// [`value_units`]' values for the scenario.
pub(crate) type Known<'k, 'f> = (&'k mut ConditionalKills<'f>, StrikeUnits<'k>);
