//! The seeded simulation: independent games on their own ChaCha8 streams, in parallel, as a
//! check of the exact chain (and for strategies without a small chain).

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use super::Game;
use crate::error::EngineError;

/// Largest simulation: games × rounds.
pub const MAX_SIMULATED_ROUNDS: u64 = 1_000_000_000;

impl Game {
    /// Plays `games` independent games of `rounds` recorded rounds after a warm-up of a tenth as
    /// many (game g on ChaCha8 stream g of `seed`), in parallel; the result does not depend on
    /// the thread count.
    pub fn simulate(&self, rounds: u64, games: u64, seed: u64) -> Result<Simulation, EngineError> {
        self.validate()?;
        check_simulation_size(rounds, games)?;
        let per_game: Vec<[f64; 4]> = (0..games)
            .into_par_iter()
            .map(|g| self.play(rounds, seed, g))
            .collect();
        let estimate = |k: usize| Estimate::of(per_game.iter().map(|v| v[k]), games);
        Ok(Simulation {
            rounds,
            games,
            seed,
            payoff: [estimate(0), estimate(1)],
            cooperation: [estimate(2), estimate(3)],
        })
    }

    /// One game: average payoffs of A and B and cooperation rates of A and B over `rounds`
    /// recorded rounds after the warm-up.
    fn play(&self, rounds: u64, seed: u64, game: u64) -> [f64; 4] {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(game);
        let mut uniform = || (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let mut state = self.opening();
        let mut sums = [0.0; 4];
        for round in 0..warm_up(rounds) + rounds {
            let ma = uniform() < Self::noisy(self.a.intent(state.0), self.noise).0;
            let mb = uniform() < Self::noisy(self.b.intent(state.1), self.noise).0;
            if round >= warm_up(rounds) {
                sums[0] += self.payoffs.of(ma, mb);
                sums[1] += self.payoffs.of(mb, ma);
                sums[2] += f64::from(u8::from(ma));
                sums[3] += f64::from(u8::from(mb));
            }
            state = self.next_state(state, (ma, mb));
        }
        sums.map(|s| s / rounds as f64)
    }
}

/// Rounds played before the recorded ones, a tenth of them: the exact result is a long-run
/// average, and the opening transient (grim trigger's cooperative start, say) would otherwise
/// bias every game the same way, by about (transient length / rounds).
pub fn warm_up(rounds: u64) -> u64 {
    rounds / 10
}

fn check_simulation_size(rounds: u64, games: u64) -> Result<(), EngineError> {
    if rounds == 0 || rounds > MAX_SIMULATED_ROUNDS {
        return Err(EngineError::invalid("rounds", rounds as f64, "1 to 1e9"));
    }
    if games < 2 || games.saturating_mul(rounds) > MAX_SIMULATED_ROUNDS {
        return Err(EngineError::invalid(
            "games",
            games as f64,
            "at least 2 (for a standard error), games × rounds at most 1e9",
        ));
    }
    Ok(())
}

/// The results of a simulation: means over games with their standard errors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulation {
    /// Recorded rounds per game, after [`warm_up`] unrecorded ones.
    pub rounds: u64,
    pub games: u64,
    pub seed: u64,
    pub payoff: [Estimate; 2],
    pub cooperation: [Estimate; 2],
}

/// A mean over independent games and its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    pub standard_error: f64,
}

impl Estimate {
    fn of(values: impl Iterator<Item = f64> + Clone, n: u64) -> Self {
        let n = n as f64;
        let mean = values.clone().sum::<f64>() / n;
        let variance = values.map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
        Self {
            mean,
            standard_error: (variance / n).sqrt(),
        }
    }
}
