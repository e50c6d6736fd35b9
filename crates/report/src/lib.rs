//! `reykjavik-report`: the output layer every face of Reykjavik shares (the CLI, the web server,
//! the Python package), so that each shows the same numbers under the same JSON schema
//! (docs/output-format.md) and the same text.
//!
//! One module per analysis, each with a JSON document builder (`json`, returning a
//! `serde_json::Value`, or a `String` where a document is streamed) and a text renderer
//! (`text`), taking engine values and small options structs. This crate knows no IO (no files,
//! terminals, network or progress bars) and no argument parsing (no clap): a face computes with
//! the engine, then hands the results here.

pub mod analyze;
pub mod breakout;
pub mod brief;
pub mod calc;
pub mod check;
pub mod compare;
mod curve_json;
pub mod montecarlo;
pub mod multilateral;
pub mod multilateral_brief;
pub mod multilateral_compare;
pub mod multilateral_detail;
pub mod multilateral_montecarlo;
pub mod multilateral_optimize;
pub mod multilateral_sweep;
pub mod multilateral_treaty;
pub mod n_side_arms_race;
pub mod n_side_race;
pub mod n_side_richardson;
pub mod optimize;
pub mod precision;
pub mod race;
pub mod reciprocity;
pub mod richardson;
pub mod sweep;
pub mod treaty;

/// Appends a formatted line to a `String` report.
#[macro_export]
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// Version of the `analyze` JSON output; raised only when a field changes meaning or disappears.
pub const OUTPUT_SCHEMA_VERSION: u32 = 1;
