//! Reykjavik engine: pure computation for strategic-stability analysis.
//!
//! No files, no terminal, no network. Inputs are validated engine types ([`model::Scenario`]);
//! outputs are plain result structs. See ARCHITECTURE.md at the repository root.

pub mod allocation;
pub mod arms_control;
pub mod defense;
pub mod error;
pub mod exchange;
pub mod limits;
pub mod model;
pub mod montecarlo;
pub mod params;
pub mod physics;
pub mod reaction;
pub mod stability;
pub mod stats;
pub mod sweep;

pub use error::EngineError;

/// Three and more sides, alliances and beliefs (issue 10), on top of `exchange`.
pub mod multilateral;
pub mod work_units;
