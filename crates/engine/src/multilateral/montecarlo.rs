//! N-side Monte Carlo over the inputs (issue 10): each trial draws every uncertain input of the
//! truth (a [U] range such as the loading of China's silo fields) and runs the expected-value
//! N-side analysis on it, planners knowing the draw (the two-side `Planning::Informed`, without
//! random launcher and warhead outcomes). Beliefs stay as written. Used by `compare`'s paired
//! trials; `analyze --trials` draws the outcomes too ([`super::outcomes`]). Trial t draws from ChaCha8
//! seeded with the master seed on stream t, and trials are collected in index order: the thread
//! count never changes a number.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use super::{MultiOptions, MultiScenario, analyze_with};
use crate::error::EngineError;
use crate::exchange::Workspace;
use crate::limits::{self, size};
use crate::params;

/// One trial's actual figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiTrial {
    pub index: f64,
    /// Each actor's overall ratio.
    pub overall: Vec<f64>,
}

/// The most trials for this scenario: each runs every ordered pair's exchange, so the informed
/// two-side work cap is shared among the N (N - 1) / 2 pairs.
pub fn max_trials(ms: &MultiScenario) -> u64 {
    let n = ms.scenario.sides.len() as u64;
    let pairs = (n * n.saturating_sub(1) / 2).max(1);
    let per_trial = limits::work_units(&ms.scenario).saturating_mul(pairs);
    (size::INFORMED_TRIAL_WORK / per_trial).clamp(1, size::TRIALS)
}

/// The truth with trial `t`'s draws.
fn drawn(ms: &MultiScenario, seed: u64, t: u64) -> Result<MultiScenario, EngineError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(t);
    let mut uniform = || (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
    let mut trial = ms.clone();
    for input in &ms.scenario.uncertain {
        let value = input.distribution.sample(&mut uniform);
        for path in &input.paths {
            params::set_field(&mut trial.scenario, path, value)?;
        }
    }
    Ok(trial)
}

/// Runs `trials` trials in parallel; `progress` gets the number finished so far.
pub fn run(
    ms: &MultiScenario,
    options: &MultiOptions,
    trials: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<MultiTrial>, EngineError> {
    let done = std::sync::atomic::AtomicU64::new(0);
    (0..trials)
        .into_par_iter()
        // One planner workspace per rayon job (a reused workspace plans as a fresh one).
        .map_init(Workspace::default, |workspace, t| {
            let report = analyze_with(&drawn(ms, seed, t)?, options, workspace)?.actual;
            let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if finished.is_multiple_of(16) || finished == trials {
                progress(finished);
            }
            Ok(MultiTrial {
                index: report.index,
                overall: report.overall,
            })
        })
        .collect()
}
