//! The analyses layer: what every face (the CLI, the web server, the Python package) runs
//! between reading its inputs and printing a document. Per analysis, a plain `Request` (the
//! scenario, treaty, proposals or case already loaded; options as engine types or small enums)
//! and a function from the request to a result whose JSON document and text report come from
//! `reykjavik-report`.
//!
//! Deliberately absent: argument parsing (no clap), files (nothing is read or written: a face
//! loads its inputs and writes its outputs), terminals and progress bars (progress is a
//! callback), HTTP. Errors are [`Error`]: bad input or an undefined result, each face mapping
//! them to its own exit code, exception or status.

pub mod analyze;
pub mod breakout;
pub mod calc;
pub mod compare;
pub mod n_side;
pub mod optimize;
pub mod posture;
pub mod race;
pub mod reciprocity;
pub mod richardson;
pub mod sweep;
pub mod treaty;

use reykjavik_engine::EngineError;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::multilateral::MultiScenario;

/// Why an analysis has no result.
#[derive(Debug)]
pub enum Error {
    /// Bad input: a value out of range, a proposal that does not apply (the CLI's exit code 2).
    Input(String),
    /// The result is undefined for these inputs (the CLI's exit code 1).
    Computation(String),
    /// The engine refused or could not compute: the CLI's exit code 1 as [`Error::Computation`];
    /// the web reads its field and valid range.
    Engine(EngineError),
    /// The side that moves in a race is not known (each face words it with its input's name).
    Mover(race::MoverError),
    /// A race's response menu is missing or does not fit (each face words it).
    Menu(race::MenuError),
}

impl From<race::MoverError> for Error {
    fn from(e: race::MoverError) -> Self {
        Self::Mover(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Input(m) | Self::Computation(m) => f.write_str(m),
            Self::Engine(e) => e.fmt(f),
            Self::Mover(e) => e.fmt(f),
            Self::Menu(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

pub(crate) fn computation(e: EngineError) -> Error {
    Error::Engine(e)
}

pub(crate) fn input(e: impl ToString) -> Error {
    Error::Input(e.to_string())
}

/// A loaded scenario: two sides, or N sides with alliances, beliefs and reserves. The face
/// decides which reader to use (`reykjavik_scenario::multilateral::is_n_side`).
#[derive(Debug, Clone)]
pub enum Sides {
    Two(Box<Scenario>),
    N(Box<MultiScenario>),
}

impl Sides {
    /// The scenario itself (on N sides, the truth).
    pub fn scenario(&self) -> &Scenario {
        match self {
            Self::Two(s) => s,
            Self::N(ms) => &ms.scenario,
        }
    }
}

/// Progress of a long run: steps done so far (out of the request's `steps()`).
pub type Progress<'a> = &'a (dyn Fn(u64) + Sync);
