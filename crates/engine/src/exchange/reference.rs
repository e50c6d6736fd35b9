//! The per-aimpoint reference: the first strike planned one warhead and one aimpoint at a time,
//! every curve point kept. The class and tier planner ([`super::first_strike_ranked`]) is tested
//! against it: same plan warhead by warhead, same stop index, the same curve and outcomes to
//! rounding ([`mismatch_with_reference`]).
//!
//! Its shape, stage by stage:
//! 1. [`Strike::new`]: the two sides as the strike sees them (stocks, value attacks, defense
//!    capacities, the retaliation each victim warhead carries) and [`warhead_costs`], the
//!    ranking's price of each striker warhead;
//! 2. [`Targets::new`]: the victim's aimpoints, one by one, with what each is worth to the
//!    greedy, and the victim's outcomes before the strike;
//! 3. [`allocator`]: a [`Greedy`] over those aimpoints that hands out one warhead per step;
//! 4. [`trace`]: the draw-down curve, one point per warhead ([`DrawDown::fire`] moves the
//!    running flows, the survivors and the forces defense), sampled for the stop-only search;
//! 5. [`scored_points`]: damages and costs of the points the stop rule needs, and
//!    [`stop_rule`]: the stop point;
//! 6. [`outcomes_at_stop`]: the plan replayed to the stop point; [`certificates`] when asked.
//!
//! It is deliberately simple, so that it is easy to believe: one aimpoint and one warhead per
//! step of [`Greedy`] (no classes of identical aimpoints, no tiers of equal gains, no closed-form
//! segments, no workspace), and no bound that skips work but the stop-only search's own, checked
//! every [`SAMPLE_EVERY`] warheads. Where that check ends planning differs from the planner's,
//! so with [`CurveDetail::StopOnly`] the tests compare only the executed part of the plan.

use super::*;
use crate::allocation::{Batch, Greedy, Problem};

/// [`super::first_strike_ranked`] one warhead and one aimpoint at a time: the implementation the
/// class and tier planner must match, kept for the tests.
pub(super) fn first_strike_ranked(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
    cost_power: f64,
) -> Result<Exchange, EngineError> {
    let strike = Strike::new(scenario, striker, victim, posture);
    let targets = Targets::new(&strike, &posture);
    let base_kill = direct_kill_table(
        strike.attacker,
        strike.defender,
        &strike.stock,
        strike.options,
    )?;
    let mut greedy = allocator(&strike, &targets, &base_kill, cost_power);
    let lean = detail == CurveDetail::StopOnly && victim_damage_never_rises(strike.defender);
    let floor = lean.then(|| least_striker_damage(&strike, &targets, greedy.problem()));
    let mut trace = trace(&strike, &targets, &base_kill, &mut greedy, floor);
    let curve = scored_points(&strike, &mut trace, lean, detail);
    let (stop, stop_point) = stop_rule(&trace.scored);
    let outcomes = outcomes_at_stop(&strike, &targets, &trace, stop);
    let plan_value: f64 = trace.plan[..stop].iter().map(|a| a.gain).sum();
    let certificates = certify.then(|| {
        let problem = greedy.problem();
        certificates(
            &strike, &targets, &base_kill, problem, &posture, stop, plan_value,
        )
    });
    Ok(Exchange {
        striker,
        victim,
        posture,
        curve,
        stop,
        stop_point,
        classes: one_aimpoint_classes(&targets.aimpoints),
        plan: one_warhead_batches(&trace.plan),
        striker_elements: outcomes.striker_elements,
        victim_elements: outcomes.victim_elements,
        destroyed_by_conventional: outcomes.destroyed_by_conventional,
        victim_defense_against_counterforce: outcomes.victim_defense_against_counterforce,
        victim_defense_against_value_attack: outcomes.victim_defense_against_value_attack,
        striker_defense_against_retaliation: outcomes.striker_defense_against_retaliation,
        destroyed_upper_bound: certificates.map_or(f64::INFINITY, |(upper, _)| upper),
        plan_value,
        destroyed: outcomes.destroyed,
        cost_lower_bound: certificates.map(|(_, lower)| lower),
    })
}

/// The two sides as the strike sees them: what does not change while the greedy plans.
struct Strike<'a> {
    options: &'a ModelOptions,
    attacker: &'a Side,
    defender: &'a Side,
    /// Striker warheads available, per element.
    stock: Vec<f64>,
    /// Victim warheads, per element.
    victim_total: Vec<f64>,
    on_victim: ValueAttack,
    on_striker: ValueAttack,
    /// Engagement capacity of the striker's and (before the strike) the victim's BMD layers.
    striker_capacity: Vec<f64>,
    initial_capacity: Vec<f64>,
    /// Victim retaliation on the striker's value per victim warhead, per element, and its
    /// inverse (0 where a warhead carries none): the plan counts retaliation units.
    retaliation_weight: Vec<f64>,
    warheads_per_unit: Vec<f64>,
    is_ballistic: Vec<bool>,
    victim_nuclear: Vec<bool>,
}

impl<'a> Strike<'a> {
    fn new(
        scenario: &'a Scenario,
        striker: usize,
        victim: usize,
        posture: ExchangePosture,
    ) -> Self {
        let options = &scenario.options;
        let attacker = &scenario.sides[striker];
        let defender = &scenario.sides[victim];
        let victim_total: Vec<f64> = defender
            .forces
            .iter()
            .map(|f| f.warheads_at(posture.victim_alert) as f64)
            .collect();
        let on_striker = ValueAttack::new(defender, attacker, true);
        let striker_capacity = engagement_capacities(attacker);
        let retaliation_weight = on_striker.unit_weights(&victim_total, &striker_capacity);
        let warheads_per_unit = retaliation_weight
            .iter()
            .map(|&u| if u > 0.0 { 1.0 / u } else { 0.0 })
            .collect();
        Strike {
            options,
            attacker,
            defender,
            stock: striker_stock(attacker, posture.striker_alert, options),
            victim_total,
            on_victim: ValueAttack::new(attacker, defender, false),
            on_striker,
            striker_capacity,
            initial_capacity: engagement_capacities(defender),
            retaliation_weight,
            warheads_per_unit,
            is_ballistic: attacker
                .forces
                .iter()
                .map(|f| f.delivery == Delivery::BallisticMissile)
                .collect(),
            victim_nuclear: defender
                .forces
                .iter()
                .map(ForceElement::is_nuclear)
                .collect(),
        }
    }

    /// The exact point, and its cost split as f + g: f = D_striker^e never rises along the
    /// curve, g = s (1 - D_victim^e) never falls (see CurveDetail::StopOnly).
    fn score(&self, index: usize, r: &RawPoint) -> Scored {
        let options = self.options;
        let damage_to_striker = self.attacker.value.damage(r.on_striker);
        let damage_to_victim = self.defender.value.damage(r.on_victim);
        let f = options.cost_power(damage_to_striker);
        let g = options.cost_surcharge * (1.0 - options.cost_power(damage_to_victim));
        let (cost_to_striker, cost_to_victim) = options.costs(damage_to_striker, damage_to_victim);
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
        Scored { index, point, f, g }
    }
}

fn engagement_capacities(side: &Side) -> Vec<f64> {
    side.missile_defenses
        .iter()
        .map(MissileDefenseLayer::engagement_capacity)
        .collect()
}

/// Cheapest kills first, in what the striker's cost depends on: victim retaliation removed,
/// in the striker's value units (after launch, air and missile defense), per unit of value
/// attack given up, in the victim's value units. Conventional weapons give up nothing, so
/// they go first. (Counting every warhead as 1 on both sides let a less accurate weapon lower
/// the striker's cost when value is counted in equivalent megatons.)
fn warhead_costs(strike: &Strike, cost_power: f64) -> Vec<f64> {
    strike
        .on_victim
        .unit_weights(&strike.stock, &strike.initial_capacity)
        .into_iter()
        .zip(&strike.attacker.forces)
        .map(|(w, f)| {
            if f.is_nuclear() {
                w.max(LEAST_NUCLEAR_COST).powf(cost_power)
            } else {
                0.0
            }
        })
        .collect()
}

/// The victim's aimpoints, one by one, as the greedy sees them.
struct Targets {
    aimpoints: Vec<Aimpoint>,
    /// Retaliation units at stake on each aimpoint (the greedy's values).
    values: Vec<f64>,
    /// Warheads spent per warhead committed to each aimpoint (it is found, or not).
    spend: Vec<f64>,
    /// Per victim element: the aimpoint of the storage site its warheads depend on.
    storage_of: Vec<Option<usize>>,
    /// The victim's outcomes before the strike (nothing destroyed yet).
    victim_elements: Vec<VictimElementOutcome>,
}

impl Targets {
    fn new(strike: &Strike, posture: &ExchangePosture) -> Self {
        let mut targets = Targets {
            aimpoints: Vec::new(),
            values: Vec::new(),
            spend: Vec::new(),
            storage_of: Vec::new(),
            victim_elements: Vec::with_capacity(strike.defender.forces.len()),
        };
        for j in 0..strike.defender.forces.len() {
            targets.add_launchers(strike, posture, j);
        }
        let storage_aimpoint: Vec<usize> = (0..strike.defender.warhead_storage.len())
            .map(|w| targets.add_storage(strike, w))
            .collect();
        targets.storage_of = strike
            .defender
            .forces
            .iter()
            .map(|f| f.warhead_storage.map(|w| storage_aimpoint[w]))
            .collect();
        targets
    }

    /// Element `j`'s aimpoints: launchers sit `launchers_per_aimpoint` to an aimpoint (the last
    /// holds the remainder); launch-under-attack-capable launchers mostly escape.
    fn add_launchers(&mut self, strike: &Strike, posture: &ExchangePosture, j: usize) {
        let target = &strike.defender.forces[j];
        let per_launcher = f64::from(target.warheads_per_launcher);
        let launchers = f64::from(target.launchers_at(posture.victim_alert));
        let targetable = launchers * (1.0 - target.untargetable_share.at(posture.victim_alert));
        let stay = stay_share(target, posture, strike.options);
        let d = target.detection_probability;
        let mut left = targetable;
        while left > 1e-9 {
            let here = left.min(f64::from(target.launchers_per_aimpoint));
            // A remainder of less than one launcher is there with that probability.
            let presence = here.min(1.0);
            self.aimpoints.push(Aimpoint {
                target: Target::Element(j),
                launchers: here / presence,
                detection: d * presence,
            });
            // Conventional launchers cannot retaliate on value: destroying them gains nothing
            // in this model, so the striker never spends warheads on them.
            let at_stake = if target.is_nuclear() {
                here * per_launcher * stay * d * strike.retaliation_weight[j]
            } else {
                0.0
            };
            self.values.push(at_stake);
            self.spend.push(d * presence);
            left -= here;
        }
        let total = strike.victim_total[j];
        self.victim_elements.push(VictimElementOutcome {
            name: target.name.clone(),
            warheads: total,
            untargetable: total - targetable * per_launcher
                + targetable * per_launcher * stay * (1.0 - d),
            launched_under_attack: targetable * per_launcher * (1.0 - stay),
            exposed: targetable * per_launcher * stay * d,
            destroyed: 0.0,
            surviving: total,
        });
    }

    /// Storage site `w`'s aimpoint, valued by the warheads that depend on it; returns its index.
    fn add_storage(&mut self, strike: &Strike, w: usize) -> usize {
        let site = &strike.defender.warhead_storage[w];
        let dependent: f64 = strike
            .defender
            .forces
            .iter()
            .zip(&strike.victim_total)
            .zip(&strike.retaliation_weight)
            .filter(|((f, _), _)| f.warhead_storage == Some(w))
            .map(|((_, t), u)| t * u)
            .sum();
        self.aimpoints.push(Aimpoint {
            target: Target::Storage(w),
            launchers: 0.0,
            detection: site.detection_probability,
        });
        self.values.push(dependent * site.detection_probability);
        self.spend.push(site.detection_probability);
        self.aimpoints.len() - 1
    }

    /// Share of element `j`'s warheads that survives with its storage site: the site is missed
    /// (1 - d), or found and survives every warhead (`survival_if_found`, per aimpoint).
    fn storage_share(&self, j: usize, survival_if_found: &[f64]) -> f64 {
        self.storage_of[j].map_or(1.0, |k| {
            let d = self.aimpoints[k].detection;
            1.0 - d + d * survival_if_found[k]
        })
    }
}

/// The greedy over the aimpoints, with kill probabilities as the victim's full forces defense
/// leaves them.
fn allocator(
    strike: &Strike,
    targets: &Targets,
    base_kill: &[Vec<f64>],
    cost_power: f64,
) -> Greedy {
    let n_elements = strike.defender.forces.len();
    let groups = targets
        .aimpoints
        .iter()
        .map(|a| match a.target {
            Target::Element(j) => j,
            Target::Storage(w) => n_elements + w,
        })
        .collect();
    Greedy::new(Problem {
        values: targets.values.clone(),
        groups,
        kill: kill_with_defense(strike, base_kill, &strike.initial_capacity),
        cost: warhead_costs(strike, cost_power),
        stock: strike.stock.clone(),
        cap: strike.options.max_warheads_per_aimpoint as usize,
        spend: targets.spend.clone(),
        fratricide_per_burst: match strike.options.fratricide {
            Fratricide::Cap => 0.0,
            Fratricide::Degradation { per_burst } => per_burst,
        },
    })
}

/// Kill probabilities per (victim group, striker weapon) with the victim's forces defense at
/// `capacity`: ballistic RVs leak through it.
fn kill_with_defense(strike: &Strike, base_kill: &[Vec<f64>], capacity: &[f64]) -> Vec<Vec<f64>> {
    let leak = forces_leak(&strike.defender.missile_defenses, capacity);
    base_kill
        .iter()
        .map(|row| {
            row.iter()
                .zip(&strike.is_ballistic)
                .map(|(p, &b)| if b { p * leak } else { *p })
                .collect()
        })
        .collect()
}

/// Whether the damage to the victim never rises along the curve, so the stop-only search may
/// skip points: not when a victim BMD layer covers both forces and value.
fn victim_damage_never_rises(defender: &Side) -> bool {
    !defender
        .missile_defenses
        .iter()
        .any(|l| l.covers == crate::defense::Coverage::Both)
}

/// The least f (damage to the striker, raised to the cost exponent) any point can have: the
/// victim keeps only what no plan can reach.
fn least_striker_damage(strike: &Strike, targets: &Targets, problem: &Problem) -> f64 {
    let floor: Vec<f64> = (0..strike.defender.forces.len())
        .map(|j| {
            if targets.storage_of[j].is_some() {
                return 0.0;
            }
            let reachable: f64 = targets
                .aimpoints
                .iter()
                .zip(&problem.values)
                .filter(|(a, _)| a.target == Target::Element(j))
                .map(|(_, v)| v * strike.warheads_per_unit[j])
                .sum();
            (strike.victim_total[j] - reachable).max(0.0)
        })
        .collect();
    let arriving = strike
        .on_striker
        .resolve(
            strike.on_striker.total(floor.into_iter()),
            &strike.striker_capacity,
        )
        .0;
    strike
        .options
        .cost_power(strike.attacker.value.damage(arriving))
}

/// A curve point with its damages and costs: its index (warheads committed), the point, and
/// its striker cost split as f + g (see [`Strike::score`]).
#[derive(Clone, Copy)]
struct Scored {
    index: usize,
    point: CurvePoint,
    f: f64,
    g: f64,
}

/// The draw-down as the greedy plans it, step by step, and the points scored on the way.
struct Trace {
    plan: Vec<Assignment>,
    /// The kill probability each assignment was made with (defenses of forces can change it).
    kill_used: Vec<f64>,
    /// One raw point per warhead committed, the start included.
    raws: Vec<RawPoint>,
    /// Capacity of the victim's BMD after each step, logged only when it changes.
    capacity_log: Vec<(usize, Vec<f64>)>,
    /// Ballistic RVs intercepted by the victim's forces defense, after each step.
    counterforce_intercepts: Vec<f64>,
    /// Exactly evaluated points (stop-only: the sampled ones so far).
    scored: Vec<Scored>,
}

/// Traces the draw-down curve, one point per warhead the greedy assigns. With `floor` (the
/// stop-only search), every [`SAMPLE_EVERY`]th point is scored, and planning ends once no later
/// point can cost the striker less than `floor + g`.
fn trace(
    strike: &Strike,
    targets: &Targets,
    base_kill: &[Vec<f64>],
    greedy: &mut Greedy,
    floor: Option<f64>,
) -> Trace {
    let most_steps = greedy.problem().values.len() * 2 * greedy.problem().cap + 1;
    let mut down = DrawDown::new(strike);
    let mut trace = Trace {
        plan: Vec::with_capacity(most_steps),
        kill_used: Vec::with_capacity(most_steps),
        raws: Vec::with_capacity(most_steps),
        capacity_log: vec![(0, down.bmd_capacity.clone())],
        counterforce_intercepts: Vec::with_capacity(most_steps),
        scored: Vec::new(),
    };
    trace.counterforce_intercepts.push(0.0);
    trace.raws.push(down.raw(strike));
    let mut best_cost = f64::INFINITY;
    while let Some(assignment) = greedy.step() {
        trace.kill_used.push(assignment.kill);
        let drawn = down.fire(strike, targets, base_kill, greedy, &assignment);
        trace.record(strike, &down, assignment, drawn);
        let Some(floor) = floor else { continue };
        if trace.plan.len().is_multiple_of(SAMPLE_EVERY)
            && trace.sample_passes_minimum(strike, floor, &mut best_cost)
        {
            break;
        }
    }
    trace
}

impl Trace {
    /// The point after `assignment`, and the forces defense's capacity when it `drawn` on.
    fn record(&mut self, strike: &Strike, down: &DrawDown, assignment: Assignment, drawn: bool) {
        if drawn {
            self.capacity_log
                .push((self.plan.len() + 1, down.bmd_capacity.clone()));
        }
        self.plan.push(assignment);
        self.raws.push(down.raw(strike));
        self.counterforce_intercepts.push(down.intercepted_so_far);
    }

    /// Scores the latest point (the stop-only search's sample) and lowers `best_cost` to it;
    /// whether no later point can cost the striker less than `floor + g(k)`: planning may stop.
    fn sample_passes_minimum(&mut self, strike: &Strike, floor: f64, best_cost: &mut f64) -> bool {
        let k = self.plan.len();
        let scored = strike.score(k, &self.raws[k]);
        *best_cost = best_cost.min(scored.point.cost_to_striker);
        self.scored.push(scored);
        floor + scored.g > *best_cost + COST_TIE + BOUND_SLACK
    }
}

/// Running flows and totals of the draw-down, so each point is O(1): only the striker
/// element that fired and the victim elements that lost warheads change.
struct DrawDown {
    /// Striker warheads spent, per element.
    spent: Vec<f64>,
    /// Victim warheads destroyed on their launchers, and surviving, per element.
    destroyed_on_launchers: Vec<f64>,
    surviving: Vec<f64>,
    striker_flow: Flow,
    victim_flow: Flow,
    totals: Totals,
    bmd_capacity: Vec<f64>,
    intercepted_so_far: f64,
}

impl DrawDown {
    fn new(strike: &Strike) -> Self {
        let surviving = strike.victim_total.clone();
        let totals = Totals {
            nuclear_spent: 0.0,
            conventional_spent: 0.0,
            striker_left: strike
                .attacker
                .forces
                .iter()
                .zip(&strike.stock)
                .filter(|(f, _)| f.is_nuclear())
                .map(|(_, s)| s)
                .sum(),
            victim_surviving: strike
                .victim_total
                .iter()
                .zip(&strike.victim_nuclear)
                .filter(|(_, n)| **n)
                .map(|(t, _)| t)
                .sum(),
        };
        DrawDown {
            spent: vec![0.0; strike.attacker.forces.len()],
            destroyed_on_launchers: vec![0.0; strike.defender.forces.len()],
            striker_flow: strike.on_victim.total(strike.stock.iter().copied()),
            victim_flow: strike.on_striker.total(surviving.iter().copied()),
            surviving,
            totals,
            bmd_capacity: strike.initial_capacity.clone(),
            intercepted_so_far: 0.0,
        }
    }

    /// The current point, before its damages and costs.
    fn raw(&self, strike: &Strike) -> RawPoint {
        RawPoint {
            totals: self.totals,
            on_striker: strike
                .on_striker
                .resolve(self.victim_flow, &strike.striker_capacity)
                .0,
            on_victim: strike
                .on_victim
                .resolve(self.striker_flow, &self.bmd_capacity)
                .0,
        }
    }

    /// One warhead fired as `assignment` says: the striker spends it, the victim loses what it
    /// kills, and a ballistic RV draws on the forces defense. Whether it drew interceptors.
    fn fire(
        &mut self,
        strike: &Strike,
        targets: &Targets,
        base_kill: &[Vec<f64>],
        greedy: &mut Greedy,
        assignment: &Assignment,
    ) -> bool {
        let aimpoint = targets.aimpoints[assignment.aimpoint];
        let i = assignment.weapon;
        self.spend(strike, i, aimpoint.detection);
        match aimpoint.target {
            Target::Element(j) => {
                self.destroyed_on_launchers[j] += assignment.gain * strike.warheads_per_unit[j];
                self.update_survivors(strike, targets, j, greedy.survival());
            }
            Target::Storage(w) => {
                for j in (0..strike.defender.forces.len())
                    .filter(|&j| strike.defender.forces[j].warhead_storage == Some(w))
                {
                    self.update_survivors(strike, targets, j, greedy.survival());
                }
            }
        }
        strike.is_ballistic[i] && self.draw_interceptors(strike, base_kill, greedy, i, aimpoint)
    }

    /// Striker element `i` spends `warheads`.
    fn spend(&mut self, strike: &Strike, i: usize, warheads: f64) {
        let before = strike.stock[i] - self.spent[i];
        self.spent[i] += warheads;
        self.striker_flow = self
            .striker_flow
            .plus(
                strike.on_victim.flow(i, strike.stock[i] - self.spent[i]),
                1.0,
            )
            .plus(strike.on_victim.flow(i, before), -1.0);
        if strike.attacker.forces[i].is_nuclear() {
            self.totals.nuclear_spent += warheads;
            self.totals.striker_left -= warheads;
        } else {
            self.totals.conventional_spent += warheads;
        }
    }

    /// Victim element `j`'s expected survivors: on their launchers, times their storage
    /// site's survival.
    fn update_survivors(&mut self, strike: &Strike, targets: &Targets, j: usize, survival: &[f64]) {
        let storage = targets.storage_share(j, survival);
        let now = (strike.victim_total[j] - self.destroyed_on_launchers[j]) * storage;
        self.victim_flow = self
            .victim_flow
            .plus(strike.on_striker.flow(j, now), 1.0)
            .plus(strike.on_striker.flow(j, self.surviving[j]), -1.0);
        if strike.victim_nuclear[j] {
            self.totals.victim_surviving += now - self.surviving[j];
        }
        self.surviving[j] = now;
    }

    /// The RV of weapon `i`, if it flies, draws interceptors from the layers covering forces,
    /// each layer engaging what the layer before let through. A layer that runs out lets later
    /// RVs leak: the greedy's kill probabilities rise. Whether any layer engaged.
    fn draw_interceptors(
        &mut self,
        strike: &Strike,
        base_kill: &[Vec<f64>],
        greedy: &mut Greedy,
        i: usize,
        aimpoint: Aimpoint,
    ) -> bool {
        let mut flying = strike.attacker.forces[i].reliability * aimpoint.detection;
        let mut exhausted = false;
        let mut drawn = false;
        for (layer, capacity) in strike
            .defender
            .missile_defenses
            .iter()
            .zip(self.bmd_capacity.iter_mut())
        {
            if layer.covers.covers_forces() && *capacity >= 1.0 {
                let intercepted = flying * layer.intercept_probability();
                self.intercepted_so_far += intercepted;
                *capacity -= flying;
                flying -= intercepted;
                drawn = true;
                exhausted |= *capacity < 1.0;
            }
        }
        if exhausted {
            raise_kill(strike, base_kill, &self.bmd_capacity, greedy);
        }
        drawn
    }
}

/// Later RVs leak through a spent forces layer: the greedy plans on with the kill
/// probabilities at the layers' `capacity`.
fn raise_kill(strike: &Strike, base_kill: &[Vec<f64>], capacity: &[f64], greedy: &mut Greedy) {
    for (j, row) in kill_with_defense(strike, base_kill, capacity)
        .iter()
        .enumerate()
    {
        for (w, &p) in row.iter().enumerate() {
            greedy.set_kill(j, w, p);
        }
    }
    greedy.rebuild();
}

/// Scores the points the stop rule needs: all of them, or (stop-only search, `lean`) the
/// sampled ones, the two ends, and every point of a block whose bound f(end) + g(start) could
/// reach the minimum. Returns the full curve when `detail` asks for it (never when lean).
fn scored_points(
    strike: &Strike,
    trace: &mut Trace,
    lean: bool,
    detail: CurveDetail,
) -> Vec<CurvePoint> {
    if lean {
        score_open_blocks(strike, trace);
        return Vec::new();
    }
    trace.scored = trace
        .raws
        .iter()
        .enumerate()
        .map(|(k, r)| strike.score(k, r))
        .collect();
    if detail == CurveDetail::Full {
        trace.scored.iter().map(|s| s.point).collect()
    } else {
        Vec::new()
    }
}

/// The stop-only search after planning: the ends scored, then every block between two scored
/// points whose bound f(end) + g(start) could reach the least cost so far.
fn score_open_blocks(strike: &Strike, trace: &mut Trace) {
    let last = trace.raws.len() - 1;
    for k in [0, last] {
        if !trace.scored.iter().any(|s| s.index == k) {
            trace.scored.push(strike.score(k, &trace.raws[k]));
        }
    }
    trace.scored.sort_by_key(|s| s.index);
    let mut best_cost = trace
        .scored
        .iter()
        .map(|s| s.point.cost_to_striker)
        .fold(f64::INFINITY, f64::min);
    let ends: Vec<(usize, f64, f64)> = trace.scored.iter().map(|s| (s.index, s.f, s.g)).collect();
    for pair in ends.windows(2) {
        let ((a, _, g_a), (b, f_b, _)) = (pair[0], pair[1]);
        if f_b + g_a > best_cost + COST_TIE + BOUND_SLACK {
            continue;
        }
        for (k, r) in trace.raws.iter().enumerate().take(b).skip(a + 1) {
            let scored = strike.score(k, r);
            best_cost = best_cost.min(scored.point.cost_to_striker);
            trace.scored.push(scored);
        }
    }
}

/// Stop rule (R-3765 p. 22): the lowest striker cost; among the points within the tie
/// tolerance of it, the highest victim cost (then the fewest warheads).
fn stop_rule(scored: &[Scored]) -> (usize, CurvePoint) {
    let lowest = scored
        .iter()
        .map(|s| s.point.cost_to_striker)
        .fold(f64::INFINITY, f64::min);
    scored
        .iter()
        .filter(|s| s.point.cost_to_striker <= lowest + COST_TIE)
        .fold(None::<(usize, CurvePoint)>, |best, s| match best {
            Some((bk, bp))
                if bp.cost_to_victim > s.point.cost_to_victim
                    || (bp.cost_to_victim == s.point.cost_to_victim && bk < s.index) =>
            {
                Some((bk, bp))
            }
            _ => Some((s.index, s.point)),
        })
        .expect("the curve has its starting point")
}

/// What the strike has done at the stop point.
struct Outcomes {
    striker_elements: Vec<StrikerElementOutcome>,
    victim_elements: Vec<VictimElementOutcome>,
    destroyed_by_conventional: f64,
    victim_defense_against_counterforce: DefenseEffect,
    victim_defense_against_value_attack: DefenseEffect,
    striker_defense_against_retaliation: DefenseEffect,
    /// Victim nuclear warheads destroyed.
    destroyed: f64,
}

/// Outcomes at the stop point: the first `stop` assignments replayed.
fn outcomes_at_stop(strike: &Strike, targets: &Targets, trace: &Trace, stop: usize) -> Outcomes {
    let replay = replay(strike, targets, trace, stop);
    let (victim_elements, destroyed_by_conventional) = victim_outcomes(targets, &replay);
    let striker_elements = striker_outcomes(strike, replay.spent_on);
    let capacity_at_stop = &trace
        .capacity_log
        .iter()
        .rev()
        .find(|(step, _)| *step <= stop)
        .expect("step 0 is logged")
        .1;
    let (_, victim_defense_against_value_attack) = strike.on_victim.arriving(
        striker_elements.iter().map(|s| s.left_for_value),
        capacity_at_stop,
    );
    let (_, striker_defense_against_retaliation) = strike.on_striker.arriving(
        victim_elements.iter().map(|v| v.surviving),
        &strike.striker_capacity,
    );
    let destroyed = victim_elements
        .iter()
        .zip(&strike.defender.forces)
        .filter(|(_, f)| f.is_nuclear())
        .map(|(v, _)| v.destroyed)
        .sum();
    Outcomes {
        striker_elements,
        victim_elements,
        destroyed_by_conventional,
        victim_defense_against_counterforce: DefenseEffect {
            ballistic_intercepted: trace.counterforce_intercepts[stop],
            air_breathing_shot_down: replay.air_shot_down,
        },
        victim_defense_against_value_attack,
        striker_defense_against_retaliation,
        destroyed,
    }
}

/// What the first `stop` assignments did, summed warhead by warhead.
struct Replay {
    /// Striker warheads spent, per (striker element, victim group).
    spent_on: Vec<Vec<f64>>,
    /// Victim warheads destroyed on their launchers, in all and by conventional weapons, per
    /// victim element.
    destroyed_on: Vec<f64>,
    by_conventional: Vec<f64>,
    /// Per aimpoint: the chance a storage site, if found, survives every warhead on it.
    survival_if_found: Vec<f64>,
    /// Striker air-breathing weapons shot down on their way to the victim's forces.
    air_shot_down: f64,
}

fn replay(strike: &Strike, targets: &Targets, trace: &Trace, stop: usize) -> Replay {
    let (attacker, defender) = (strike.attacker, strike.defender);
    let n_elements = defender.forces.len();
    let n_groups = n_elements + defender.warhead_storage.len();
    let mut r = Replay {
        spent_on: vec![vec![0.0; n_groups]; attacker.forces.len()],
        destroyed_on: vec![0.0; n_elements],
        by_conventional: vec![0.0; n_elements],
        survival_if_found: vec![1.0; targets.aimpoints.len()],
        air_shot_down: 0.0,
    };
    for (a, &p) in trace.plan[..stop].iter().zip(&trace.kill_used) {
        let aimpoint = targets.aimpoints[a.aimpoint];
        let weapon = &attacker.forces[a.weapon];
        let group = match aimpoint.target {
            Target::Element(j) => {
                r.destroyed_on[j] += a.gain * strike.warheads_per_unit[j];
                if !weapon.is_nuclear() {
                    r.by_conventional[j] += a.gain * strike.warheads_per_unit[j];
                }
                j
            }
            Target::Storage(w) => {
                r.survival_if_found[a.aimpoint] *= 1.0 - p;
                n_elements + w
            }
        };
        r.spent_on[a.weapon][group] += aimpoint.detection;
        r.air_shot_down += aimpoint.detection
            * weapon.reliability
            * (1.0 - air_penetration(defender, weapon.delivery, false));
    }
    r
}

/// The victim's elements after the replay: survivors on their launchers, times their storage
/// site's survival; and the warheads destroyed by conventional weapons.
fn victim_outcomes(targets: &Targets, replay: &Replay) -> (Vec<VictimElementOutcome>, f64) {
    let mut victim_elements = targets.victim_elements.clone();
    let mut destroyed_by_conventional = 0.0;
    for (j, outcome) in victim_elements.iter_mut().enumerate() {
        let storage = targets.storage_share(j, &replay.survival_if_found);
        outcome.surviving = (outcome.warheads - replay.destroyed_on[j]) * storage;
        outcome.destroyed = outcome.warheads - outcome.surviving;
        destroyed_by_conventional += replay.by_conventional[j] * storage;
    }
    (victim_elements, destroyed_by_conventional)
}

/// The striker's elements at the stop point: what each spent on each victim group, and the
/// nuclear warheads left for the value attack.
fn striker_outcomes(strike: &Strike, spent_on: Vec<Vec<f64>>) -> Vec<StrikerElementOutcome> {
    strike
        .attacker
        .forces
        .iter()
        .zip(&strike.stock)
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

/// The certificates (with `certify`): an upper bound on the victim warheads a plan of `stop`
/// warheads could destroy (with the kill probabilities as planning left them), and a lower
/// bound on the striker's cost over every plan.
fn certificates(
    strike: &Strike,
    targets: &Targets,
    base_kill: &[Vec<f64>],
    problem: &Problem,
    posture: &ExchangePosture,
    stop: usize,
    plan_value: f64,
) -> (f64, f64) {
    let upper = crate::allocation::upper_bound(problem, stop).max(plan_value);
    let lower = cost_lower_bound(&BoundInputs {
        attacker: strike.attacker,
        defender: strike.defender,
        options: strike.options,
        on_victim: &strike.on_victim,
        on_striker: &strike.on_striker,
        striker_capacity: &strike.striker_capacity,
        stock: &strike.stock,
        victim_total: &strike.victim_total,
        aimpoints: &targets.aimpoints,
        base_kill,
        posture,
    });
    (upper, lower)
}

/// The aimpoints in the planner's shape: every aimpoint a class of its own.
fn one_aimpoint_classes(aimpoints: &[Aimpoint]) -> Vec<AimpointClass> {
    aimpoints
        .iter()
        .enumerate()
        .map(|(k, a)| AimpointClass {
            target: a.target,
            launchers: a.launchers,
            detection: a.detection,
            count: 1,
            first: k,
        })
        .collect()
}

/// The plan in the planner's shape: every warhead a batch of its own.
fn one_warhead_batches(plan: &[Assignment]) -> Vec<Batch> {
    plan.iter()
        .map(|a| Batch {
            weapon: a.weapon,
            class: a.aimpoint,
            first: a.aimpoint,
            count: 1,
            gain: a.gain,
            kill: a.kill,
        })
        .collect()
}

/// Tolerance of the comparison with the reference. The class planner sums a batch in one
/// product where the reference adds warhead by warhead, and the reference's running sums carry
/// rounding of order (warheads added) x 1e-16 x (the exchange's scale: the warheads and value
/// arriving at the start of the curve). So amounts (warheads, arriving value) agree to 1e-12 of
/// that scale, and damages and costs, which pass small differences in the amounts on, to 1e-12
/// of it too; where an amount that should cancel to 0 is left as rounding noise of either sum
/// and a damage function steep near 0 magnifies it, costs agree to 1e-9.
const CLOSE: f64 = 1e-12;
const NEAR_ZERO_DAMAGE: f64 = 1e-12;
const STEEP: f64 = 1e-9;

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= CLOSE * a.abs().max(b.abs()).max(1.0)
}

/// Whether two stop points cost each side the same, to the tolerances above, at the scale of
/// the striker's warheads, the victim's warheads and the weapons arriving either way.
#[doc(hidden)]
pub fn stop_costs_agree(a: &Exchange, b: &Exchange) -> bool {
    let (p, q) = (&a.stop_point, &b.stop_point);
    let victim_warheads: f64 = a.victim_elements.iter().map(|v| v.warheads).sum();
    let scale = (p.warheads_spent + p.striker_warheads_left)
        .max(victim_warheads)
        .max(p.arriving_on_striker)
        .max(p.arriving_on_victim)
        .max(1.0);
    costs_agree(p, q, scale)
}

fn costs_agree(a: &CurvePoint, b: &CurvePoint, scale: f64) -> bool {
    let steep = [
        a.damage_to_striker,
        a.damage_to_victim,
        b.damage_to_striker,
        b.damage_to_victim,
    ]
    .iter()
    .any(|&d| d < NEAR_ZERO_DAMAGE);
    let tolerance = (CLOSE * scale).max(if steep { STEEP } else { 0.0 });
    [
        (a.damage_to_striker, b.damage_to_striker),
        (a.damage_to_victim, b.damage_to_victim),
        (a.cost_to_striker, b.cost_to_striker),
        (a.cost_to_victim, b.cost_to_victim),
    ]
    .iter()
    .all(|&(x, y)| (x - y).abs() <= tolerance)
}

fn close_point(a: &CurvePoint, b: &CurvePoint, scale: f64) -> bool {
    let amounts = [
        (a.warheads_spent, b.warheads_spent),
        (a.conventional_spent, b.conventional_spent),
        (a.striker_warheads_left, b.striker_warheads_left),
        (a.victim_warheads_surviving, b.victim_warheads_surviving),
        (a.arriving_on_striker, b.arriving_on_striker),
        (a.arriving_on_victim, b.arriving_on_victim),
    ];
    amounts.iter().all(|&(x, y)| (x - y).abs() <= CLOSE * scale) && costs_agree(a, b, scale)
}

/// Where `new` (the class planner) and `reference` ([`super::first_strike_reference`]) differ:
/// the plan warhead by warhead (all of it, or only the executed part when planning may end
/// early), the stop index, and, within a relative 1e-12, the curve, the stop point, the
/// outcomes, the defenses' effects and the certificates. `None` when they agree.
#[doc(hidden)]
pub fn mismatch_with_reference(
    new: &Exchange,
    reference: &Exchange,
    whole_plan: bool,
) -> Option<String> {
    let scale = exchange_scale(reference);
    let (n, r) = (new, reference);
    let found: Vec<String> = [
        plans_differ(n, r, whole_plan).then(|| "plan".to_string()),
        (n.aimpoints() != r.aimpoints()).then(|| "aimpoints".into()),
        (n.stop != r.stop).then(|| format!("stop {} vs {}", n.stop, r.stop)),
        (!close_point(&n.stop_point, &r.stop_point, scale))
            .then(|| format!("stop point {:?} vs {:?}", n.stop_point, r.stop_point)),
        (n.curve.len() != r.curve.len())
            .then(|| format!("curve of {} vs {} points", n.curve.len(), r.curve.len())),
        curve_point_mismatch(n, r, scale),
        (!victims_agree(n, r)).then(|| {
            format!(
                "victim elements {:?} vs {:?}",
                n.victim_elements, r.victim_elements
            )
        }),
        (!strikers_agree(n, r)).then(|| "striker elements".into()),
        effects_mismatch(n, r),
        totals_mismatch(n, r, whole_plan),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!found.is_empty()).then(|| found.join("; "))
}

/// Where the class planner and the reference differ on one strike: ranking by ranking, as
/// [`mismatch_with_reference`] finds it (the whole plan with the full curve, the executed part
/// otherwise), then whether the chosen strikes' stop points cost each side the same (where two
/// rankings tie to rounding, either may be chosen, so only their costs are compared). `None`
/// when they agree.
#[doc(hidden)]
pub fn strike_mismatch(
    scenario: &Scenario,
    striker: usize,
    victim: usize,
    posture: ExchangePosture,
    certify: bool,
    detail: CurveDetail,
) -> Result<Option<String>, EngineError> {
    for power in RANKINGS {
        let run = |reference| {
            first_strike_one_ranking(
                scenario, striker, victim, posture, certify, detail, power, reference,
            )
        };
        let whole_plan = detail == CurveDetail::Full;
        if let Some(m) = mismatch_with_reference(&run(false)?, &run(true)?, whole_plan) {
            return Ok(Some(format!("ranking {power}: {m}")));
        }
    }
    let new = first_strike(scenario, striker, victim, posture, certify, detail)?;
    let reference = first_strike_reference(scenario, striker, victim, posture, certify, detail)?;
    Ok((!stop_costs_agree(&new, &reference)).then(|| {
        format!(
            "chosen strike's stop point {:?} vs {:?}",
            new.stop_point, reference.stop_point
        )
    }))
}

/// The exchange's scale: the striker's warheads, the victim's, and the value arriving at the
/// start of the curve (when it is kept).
fn exchange_scale(reference: &Exchange) -> f64 {
    let stop = &reference.stop_point;
    let victim_warheads: f64 = reference.victim_elements.iter().map(|v| v.warheads).sum();
    let start = reference.curve.first().unwrap_or(stop);
    [
        stop.warheads_spent + stop.striker_warheads_left,
        victim_warheads,
        start.arriving_on_striker,
        start.arriving_on_victim,
        1.0,
    ]
    .into_iter()
    .fold(0.0, f64::max)
}

/// Whether the plans differ warhead by warhead: all of them, or only their executed parts.
fn plans_differ(new: &Exchange, reference: &Exchange, whole_plan: bool) -> bool {
    let expand = |x: &Exchange| -> Vec<Assignment> {
        if whole_plan {
            x.assignments()
        } else {
            x.executed().iter().flat_map(Batch::assignments).collect()
        }
    };
    expand(new) != expand(reference)
}

/// The first curve point (of those both curves have) that differs.
fn curve_point_mismatch(new: &Exchange, reference: &Exchange, scale: f64) -> Option<String> {
    let mut differs = new.curve.iter().zip(&reference.curve).enumerate();
    differs
        .find(|(_, (a, b))| !close_point(a, b, scale))
        .map(|(k, (a, b))| format!("curve point {k}: {a:?} vs {b:?}"))
}

/// Whether the victim's outcomes agree. They are differences of sums (warheads less those
/// destroyed), so they are compared at the scale of the element's warheads.
fn victims_agree(new: &Exchange, reference: &Exchange) -> bool {
    new.victim_elements.len() == reference.victim_elements.len()
        && new
            .victim_elements
            .iter()
            .zip(&reference.victim_elements)
            .all(|(a, b)| {
                let scale = a.warheads.max(1.0);
                a.name == b.name
                    && [
                        (a.warheads, b.warheads),
                        (a.untargetable, b.untargetable),
                        (a.launched_under_attack, b.launched_under_attack),
                        (a.exposed, b.exposed),
                        (a.destroyed, b.destroyed),
                        (a.surviving, b.surviving),
                    ]
                    .iter()
                    .all(|&(x, y)| (x - y).abs() <= CLOSE * scale)
            })
}

/// Whether the striker's outcomes agree, at the scale of the element's warheads.
fn strikers_agree(new: &Exchange, reference: &Exchange) -> bool {
    new.striker_elements.len() == reference.striker_elements.len()
        && new
            .striker_elements
            .iter()
            .zip(&reference.striker_elements)
            .all(|(a, b)| {
                let near = |x: f64, y: f64| (x - y).abs() <= CLOSE * a.available.max(1.0);
                a.name == b.name
                    && near(a.available, b.available)
                    && near(a.left_for_value, b.left_for_value)
                    && a.spent_on
                        .iter()
                        .zip(&b.spent_on)
                        .all(|(x, y)| near(*x, *y))
            })
}

/// The defenses' effects, when any differs: the victim's against counterforce and against the
/// value attack, the striker's against retaliation.
fn effects_mismatch(new: &Exchange, reference: &Exchange) -> Option<String> {
    let effects = [
        (
            new.victim_defense_against_counterforce,
            reference.victim_defense_against_counterforce,
        ),
        (
            new.victim_defense_against_value_attack,
            reference.victim_defense_against_value_attack,
        ),
        (
            new.striker_defense_against_retaliation,
            reference.striker_defense_against_retaliation,
        ),
    ];
    let agree = effects.iter().all(|(a, b)| {
        close(a.ballistic_intercepted, b.ballistic_intercepted)
            && close(a.air_breathing_shot_down, b.air_breathing_shot_down)
    });
    (!agree).then(|| format!("defense effects {effects:?}"))
}

/// The totals and certificates, when any differs.
fn totals_mismatch(new: &Exchange, reference: &Exchange, whole_plan: bool) -> Option<String> {
    let scalars = [
        (new.destroyed, reference.destroyed),
        (
            new.destroyed_by_conventional,
            reference.destroyed_by_conventional,
        ),
        (new.plan_value, reference.plan_value),
        // The WTA bound takes the kill probabilities as planning left them (raised where a
        // forces defense ran out), and stop-only planning ends at a point that depends on where
        // each implementation checks its bound: compare it only for whole plans.
        if whole_plan {
            (new.destroyed_upper_bound, reference.destroyed_upper_bound)
        } else {
            (0.0, 0.0)
        },
        (
            new.cost_lower_bound.unwrap_or(-1.0),
            reference.cost_lower_bound.unwrap_or(-1.0),
        ),
    ];
    let agree = scalars.iter().all(|&(a, b)| close(a, b));
    (!agree).then(|| format!("totals and certificates {scalars:?}"))
}

/// Kill probabilities before missile defense, per (victim group, striker weapon), every pair
/// computed directly: what `kill_table` must equal, target groups shared or not.
pub(super) fn direct_kill_table(
    attacker: &Side,
    defender: &Side,
    stock: &[f64],
    options: &ModelOptions,
) -> Result<Vec<Vec<f64>>, EngineError> {
    let n_elements = defender.forces.len();
    let n_groups = n_elements + defender.warhead_storage.len();
    let mut base_kill = vec![vec![0.0; attacker.forces.len()]; n_groups];
    for (i, weapon) in attacker.forces.iter().enumerate() {
        if stock[i] < 1.0 {
            continue;
        }
        for (j, target) in defender.forces.iter().enumerate() {
            if !weapon.prompt && fires_before_slow_weapons(target, options) {
                continue;
            }
            base_kill[j][i] = base_kill_probability(
                weapon,
                target.basing,
                target.aimpoint_hardness_psi,
                defender,
                options,
            )?;
        }
        for (w, site) in defender.warhead_storage.iter().enumerate() {
            base_kill[n_elements + w][i] = base_kill_probability(
                weapon,
                Basing::WarheadStorage,
                site.aimpoint_hardness_psi,
                defender,
                options,
            )?;
        }
    }
    Ok(base_kill)
}
