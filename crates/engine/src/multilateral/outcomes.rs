//! N-side Monte Carlo with random outcomes (issue 10; docs/model.md, "N sides", Monte Carlo).
//! Each trial draws the uncertain inputs, then the outcome of every ordered pair's committed
//! exchange with the two-side draw of one planned exchange
//! ([`crate::montecarlo::sample_planned_exchange`]): launchers, aimpoints found, interceptors, kills,
//! retaliation and the attack on value.
//!
//! The plans: with [`Planning::Fixed`] (the default, as on two sides) the N-side analysis of
//! the scenario as written (reserves, commitments planned with beliefs, third parties' choices)
//! is made once and executed on every trial's drawn inputs; with [`Planning::Informed`] it is
//! made again on each trial's draw. Third parties are not drawn: whether each joins, whom it
//! strikes and the damage it does are the plan's expected values; that damage combines with
//! the drawn damage of the committed exchange, 1 - (1 - d)(1 - j), and both costs come from the
//! combined damages. Trial t draws from ChaCha8 seeded with the master seed on stream t (inputs
//! first, then the pairs in striker-major order), so the thread count changes no number, and a
//! scenario whose third sides are unarmed draws exactly the two-side trial.

use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

use super::actors;
use super::analysis::{self, MultiReport};
use super::pair::{Strike, combined};
use super::{MultiOptions, MultiScenario, views};
use crate::error::EngineError;
use crate::exchange::Workspace;
use crate::limits::{self, size};
use crate::model::Scenario;
use crate::montecarlo::{
    Draw, Drawn, ExchangeSample, PairScratch, Planning, sample_planned_exchange,
};
use crate::params;

/// One ordered pair's drawn first strike.
#[derive(Debug, Clone, PartialEq)]
pub struct PairSample {
    pub striker: usize,
    pub victim: usize,
    /// The committed exchange's random outcomes (damage and costs of the pair alone).
    pub exchange: ExchangeSample,
    /// Damage from every side that fires (the drawn exchange and the planned joiners).
    pub damage_to_striker: f64,
    pub damage_to_victim: f64,
    pub cost_to_striker: f64,
    pub cost_to_victim: f64,
}

/// One actor's drawn ratio against one opponent: min(1, C1 / C2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioSample {
    pub actor: usize,
    pub opponent: usize,
    pub ratio: f64,
}

/// One trial's actual figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeTrial {
    /// The product of the armed actors' overall ratios.
    pub index: f64,
    /// Each actor's overall ratio: its lowest pairwise ratio (1 with no armed opponent).
    pub overall: Vec<f64>,
    /// Every ordered pair of armed actors, actor-major.
    pub ratios: Vec<RatioSample>,
    /// Every ordered pair of armed actors, striker-major.
    pub pairs: Vec<PairSample>,
}

impl OutcomeTrial {
    /// The drawn strike of `striker` on `victim`, if both were armed.
    pub fn pair(&self, striker: usize, victim: usize) -> Option<&PairSample> {
        self.pairs
            .iter()
            .find(|p| p.striker == striker && p.victim == victim)
    }

    /// `actor`'s drawn ratio against `opponent`, if both were armed.
    pub fn ratio(&self, actor: usize, opponent: usize) -> Option<f64> {
        self.ratios
            .iter()
            .find(|r| r.actor == actor && r.opponent == opponent)
            .map(|r| r.ratio)
    }
}

/// The most trials for this scenario and planning: a trial draws (and informed trials plan)
/// N (N - 1) exchanges, as many as N (N - 1) / 2 two-side trials, whose work caps are shared
/// among them; it keeps each victim's per-element counts N - 1 times.
pub fn max_trials(ms: &MultiScenario, planning: Planning) -> u64 {
    let n = ms.scenario.sides.len() as u64;
    let pairs = (n * n.saturating_sub(1) / 2).max(1);
    let work = match planning {
        Planning::Fixed => size::TRIAL_WORK,
        Planning::Informed => size::INFORMED_TRIAL_WORK,
    };
    let per_trial = limits::work_units(&ms.scenario).saturating_mul(pairs);
    let elements: u64 = ms
        .scenario
        .sides
        .iter()
        .map(|s| s.forces.len() as u64)
        .sum();
    let kept = elements.saturating_mul(n.saturating_sub(1)).max(1);
    (work / per_trial)
        .min(size::TRIAL_ELEMENTS / kept)
        .clamp(1, size::TRIALS)
}

/// What every trial shares: the plan and the world it is executed in, when they are the same
/// in every trial, the uncertain inputs with their fields resolved once, and what they draw in
/// the world a pair is drawn in (the scenario's own sides, without alliances; else everything
/// counts as drawn).
struct Shared<'a> {
    report: Option<MultiReport>,
    world: Option<Scenario>,
    inputs: Vec<(&'a params::Distribution, Vec<params::PreparedField>)>,
    drawn: Drawn,
}

/// What one rayon job keeps from one trial to the next, so that a trial allocates little: the
/// copy of the scenario the draws are written into (made on first use), the planner's workspace
/// (informed planning) and each pair's draw buffers. Reusing it changes no trial: every trial
/// writes every uncertain field, a reused workspace plans as a fresh one, and each pair's
/// buffers are refilled (see [`PairScratch`]).
#[derive(Debug, Default)]
struct Job {
    drawn: Option<MultiScenario>,
    workspace: Workspace,
    /// Per strike of the plan, in its order.
    pairs: Vec<PairScratch>,
}

/// Runs `trials` trials in parallel; `progress` gets the number finished so far.
pub fn run(
    ms: &MultiScenario,
    options: &MultiOptions,
    planning: Planning,
    trials: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<OutcomeTrial>, EngineError> {
    run_range(ms, options, planning, seed, 0..trials, progress)
}

/// Trials `range` of a run (a work unit: the trials of `run` with these numbers, identical).
pub fn run_range(
    ms: &MultiScenario,
    options: &MultiOptions,
    planning: Planning,
    seed: u64,
    range: std::ops::Range<u64>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<OutcomeTrial>, EngineError> {
    let shared = shared(ms, options, planning)?;
    let done = AtomicU64::new(0);
    let total = range.end.saturating_sub(range.start);
    range
        .into_par_iter()
        .map_init(Job::default, |job, t| {
            let trial = trial_with(ms, options, &shared, job, seed, t);
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if finished.is_multiple_of(16) || finished == total {
                progress(finished);
            }
            trial
        })
        .collect()
}

/// One trial, reproducible from (seed, t) alone.
pub fn run_trial(
    ms: &MultiScenario,
    options: &MultiOptions,
    planning: Planning,
    seed: u64,
    t: u64,
) -> Result<OutcomeTrial, EngineError> {
    let shared = shared(ms, options, planning)?;
    trial_with(ms, options, &shared, &mut Job::default(), seed, t)
}

/// [`Shared`]: the plan with fixed planning or fixed inputs, the world too with fixed inputs.
fn shared<'a>(
    ms: &'a MultiScenario,
    options: &MultiOptions,
    planning: Planning,
) -> Result<Shared<'a>, EngineError> {
    let fixed_inputs = ms.scenario.uncertain.is_empty();
    let report = if fixed_inputs || planning == Planning::Fixed {
        Some(super::analyze(ms, options)?.actual)
    } else {
        None
    };
    let world = fixed_inputs.then(|| actors::plan(ms, &ms.scenario, options).scenario);
    let inputs: Vec<(_, Vec<_>)> = ms
        .scenario
        .uncertain
        .iter()
        .map(|input| {
            let fields = input
                .paths
                .iter()
                .map(|p| params::PreparedField::new(&ms.scenario, p))
                .collect();
            (&input.distribution, fields)
        })
        .collect();
    let drawn = if ms.alliances.is_empty() {
        Drawn::new(&ms.scenario, inputs.iter().flat_map(|(_, fields)| fields))
    } else {
        Drawn::everything()
    };
    Ok(Shared {
        report,
        world,
        inputs,
        drawn,
    })
}

fn trial_with(
    ms: &MultiScenario,
    options: &MultiOptions,
    shared: &Shared,
    job: &mut Job,
    seed: u64,
    t: u64,
) -> Result<OutcomeTrial, EngineError> {
    let mut draw = Draw::new(seed, t);
    let Job {
        drawn,
        workspace,
        pairs,
    } = job;
    let drawn = draw_inputs(ms, &shared.inputs, drawn, &mut draw)?;
    let planned;
    let report = match &shared.report {
        Some(report) => report,
        None => {
            planned = super::analyze_with(drawn, options, workspace)?.actual;
            &planned
        }
    };
    let executed;
    let world = match &shared.world {
        Some(world) => world,
        // Without alliances the actors' world is the drawn truth itself.
        None if ms.alliances.is_empty() => &drawn.scenario,
        None => {
            executed = actors::plan(drawn, &drawn.scenario, options).scenario;
            &executed
        }
    };
    let same_plans = shared.report.is_some();
    if pairs.len() < report.strikes.len() {
        pairs.resize_with(report.strikes.len(), PairScratch::default);
    }
    let pairs = report
        .strikes
        .iter()
        .zip(pairs.iter_mut())
        .map(|(strike, pair)| {
            sample_pair(world, strike, same_plans, &shared.drawn, pair, &mut draw)
        })
        .collect::<Result<Vec<_>, _>>()?;
    finish(report, pairs)
}

/// The truth with the trial's draws of the uncertain inputs (one uniform each, in file order,
/// as the two-side trial draws them), written into the job's copy of the scenario.
fn draw_inputs<'a>(
    ms: &'a MultiScenario,
    inputs: &[(&params::Distribution, Vec<params::PreparedField>)],
    copy: &'a mut Option<MultiScenario>,
    draw: &mut Draw,
) -> Result<&'a MultiScenario, EngineError> {
    if inputs.is_empty() {
        return Ok(ms);
    }
    let trial = copy.get_or_insert_with(|| ms.clone());
    for (distribution, fields) in inputs {
        let value = distribution.sample(&mut || draw.uniform());
        for field in fields {
            field.set(&mut trial.scenario, value)?;
        }
    }
    Ok(trial)
}

/// The planned strike executed in `world` (the actors of the trial's truth): its committed
/// exchange drawn, the planned joiners' damage added.
fn sample_pair(
    world: &Scenario,
    strike: &Strike,
    same_plan: bool,
    drawn: &Drawn,
    pair: &mut PairScratch,
    draw: &mut Draw,
) -> Result<PairSample, EngineError> {
    let (a, b) = (strike.striker, strike.victim);
    let exchange = if strike.reserve_share == 0.0 {
        sample_planned_exchange(world, &strike.exchange, same_plan, drawn, pair, draw)?
    } else {
        // As planned: the striker withholding its reserve, in a two-side duel (sides 0 and 1).
        let duel = Scenario {
            name: String::new(),
            description: String::new(),
            sides: vec![
                views::withholding(&world.sides[a], strike.reserve_share, &world.options),
                world.sides[b].clone(),
            ],
            options: world.options,
            uncertain: Vec::new(),
        };
        // The duel's sides are not the scenario's: everything counts as drawn.
        let everything = Drawn::everything();
        sample_planned_exchange(&duel, &strike.exchange, same_plan, &everything, pair, draw)?
    };
    let (mut on_a, mut on_b) = (exchange.damage_to_striker, exchange.damage_to_victim);
    let (mut cost_a, mut cost_b) = (exchange.cost_to_striker, exchange.cost_to_victim);
    if !strike.joiners.is_empty() {
        for j in &strike.joiners {
            let hit = if j.target == a { &mut on_a } else { &mut on_b };
            *hit = combined(*hit, j.damage_to_target);
        }
        (cost_a, cost_b) = world.options.costs(on_a, on_b);
    }
    Ok(PairSample {
        striker: a,
        victim: b,
        exchange,
        damage_to_striker: on_a,
        damage_to_victim: on_b,
        cost_to_striker: cost_a,
        cost_to_victim: cost_b,
    })
}

/// Ratios, overall ratios and index from the drawn costs, as the expected-value analysis
/// forms them from its own.
fn finish(report: &MultiReport, pairs: Vec<PairSample>) -> Result<OutcomeTrial, EngineError> {
    let find = |a: usize, b: usize| pairs.iter().find(|p| p.striker == a && p.victim == b);
    let ratios: Vec<RatioSample> = report
        .ratios
        .iter()
        .filter_map(|r| {
            let first = find(r.actor, r.opponent)?;
            let second = find(r.opponent, r.actor)?;
            Some(RatioSample {
                actor: r.actor,
                opponent: r.opponent,
                ratio: analysis::ratio(first.cost_to_striker, second.cost_to_victim),
            })
        })
        .collect();
    let n = report.actors.len();
    let overall: Vec<f64> = (0..n)
        .map(|a| {
            ratios
                .iter()
                .filter(|r| r.actor == a)
                .map(|r| r.ratio)
                .fold(1.0, f64::min)
        })
        .collect();
    let index = (0..n)
        .filter(|&a| report.armed[a])
        .map(|a| overall[a])
        .product::<f64>();
    if !index.is_finite() {
        return Err(EngineError::Undefined(
            "the N-side index of a trial is not a finite number for these inputs".into(),
        ));
    }
    Ok(OutcomeTrial {
        index,
        overall,
        ratios,
        pairs,
    })
}
