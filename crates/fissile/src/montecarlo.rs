//! Monte Carlo over every uncertain input of a case: machine output, efficiencies, stocks, setup
//! delays and the plutonium inputs. Trial t draws from ChaCha8 seeded with the master seed on
//! stream t (as the engine's Monte Carlo does), so results do not depend on the thread count.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::breakout;
use crate::case::Case;
use crate::plutonium::{self, PlutoniumResult};

/// What one trial gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trial {
    /// Months to the first significant quantity; `None` when it can never be made.
    pub months_to_first: Option<f64>,
    pub plutonium: Option<PlutoniumResult>,
}

/// Runs `trials` trials in parallel, returned in trial order.
pub fn run(case: &Case, trials: u64, seed: u64) -> Vec<Trial> {
    (0..trials)
        .into_par_iter()
        .map(|t| run_trial(case, seed, t))
        .collect()
}

/// One trial, reproducible from (seed, t) alone.
pub fn run_trial(case: &Case, seed: u64, t: u64) -> Trial {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(t);
    let mut uniform01 = || (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
    let inputs = case.resolve(&mut |u| u.sample(&mut uniform01));
    Trial {
        months_to_first: breakout::compute(case, &inputs).months_to_first(),
        plutonium: inputs.plutonium.as_ref().map(plutonium::compute),
    }
}

/// Mean and quantiles of a sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub mean: f64,
    pub min: f64,
    pub p05: f64,
    pub median: f64,
    pub p95: f64,
    pub max: f64,
}

/// The summary of `values`, or `None` for an empty sample.
pub fn summarize(values: &[f64]) -> Option<Summary> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(Summary {
        count: sorted.len(),
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
        min: sorted[0],
        p05: quantile(&sorted, 0.05),
        median: quantile(&sorted, 0.5),
        p95: quantile(&sorted, 0.95),
        max: sorted[sorted.len() - 1],
    })
}

/// Linear interpolation between order statistics (type 7, as R and NumPy default).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let weight = position - below as f64;
    sorted[below] * (1.0 - weight) + sorted[above] * weight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_of_a_known_sample() {
        let values: Vec<f64> = (0..=100).map(f64::from).collect();
        let s = summarize(&values).unwrap();
        assert_eq!((s.p05, s.median, s.p95, s.mean), (5.0, 50.0, 95.0, 50.0));
        assert!(summarize(&[]).is_none());
    }
}
