//! Breakout: how long a state needs to make the fissile material for one weapon (then for n)
//! from its declared stocks, machines and reactors.
//!
//! Pure computation like `reykjavik-engine`, and independent of it: breakout shares nothing with
//! the exchange. No IO, no file format (the TOML lives in `reykjavik-scenario`), no NaN in any
//! result: a case that can never reach its target says so in [`breakout::Stop`].
//!
//! - [`enrichment`]: the value function, mass balance and separative work (Whitley 1984).
//! - [`case`]: a validated breakout case (stocks, plants, batch schemes, plutonium).
//! - [`breakout`]: the schedule through the stocks that minimises time.
//! - [`plutonium`]: reactor production, reprocessing, weapons' worth by a date.
//! - [`montecarlo`]: trials over every uncertain input, one ChaCha8 stream per trial.
//! - [`solve`]: the value of one field that gives a target breakout time.

pub mod breakout;
pub mod case;
pub mod enrichment;
mod error;
pub mod montecarlo;
pub mod plutonium;
pub mod solve;
pub mod uncertain;

pub use error::FissileError;
