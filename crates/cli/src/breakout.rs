//! `reykjavik breakout`: time to weapons-grade material (docs/breakout.md), as text or JSON
//! (schema in docs/output-format.md), with Monte Carlo, the solver and a grid over one or two
//! fields (`--vary`, CSV or JSON). Arguments, the case's file and the built-in list; the
//! breakout, Monte Carlo, solver and grid run in `reykjavik_analyses::breakout`.

use clap::Args;
use reykjavik_analyses::breakout as analyses;
use reykjavik_fissile::case::Case;
use reykjavik_scenario::breakout as cases;

use crate::Format;
use crate::{Failure, say};

#[derive(Debug, Args)]
pub struct BreakoutArgs {
    /// A breakout case TOML file or a built-in name (see `reykjavik breakout --list`).
    #[arg(required_unless_present_any = ["list", "show"])]
    case: Option<String>,
    /// List the built-in breakout cases.
    #[arg(long, conflicts_with_all = ["case", "show"])]
    list: bool,
    /// Print a built-in case's TOML, with the source of every number.
    #[arg(long, value_name = "NAME", conflicts_with = "case")]
    show: Option<String>,
    /// Monte Carlo: draw every uncertain input N times and report the distribution of the time
    /// to the first significant quantity (and of the plutonium figures).
    #[arg(long, value_name = "N")]
    trials: Option<u64>,
    /// Master seed of the Monte Carlo streams (same seed, same numbers, on any thread count).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Solve for the value of one field that gives --target-months, e.g. `plant[0].machines`
    /// or `stock[0].mass_kg` (other inputs at their central values).
    #[arg(long, value_name = "FIELD", requires = "target_months")]
    solve: Option<String>,
    /// The breakout time, in months, that --solve aims for.
    #[arg(long, value_name = "M", requires = "solve")]
    target_months: Option<f64>,
    /// Sweep a field: PATH=START:STOP:STEPS, CSV of the breakout at each value; give it twice
    /// for a grid.
    #[arg(long, value_name = "PATH=A:B:N", conflicts_with_all = ["trials", "solve"])]
    vary: Vec<String>,
    /// Output format (with --vary: CSV for text, or the grid's JSON document).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: BreakoutArgs) -> Result<String, Failure> {
    if args.list {
        return Ok(list());
    }
    if let Some(name) = &args.show {
        return show(name);
    }
    let name = args.case.as_deref().expect("clap requires a case");
    let (text, label) = cases::source_text(name).map_err(|e| Failure::Input(e.to_string()))?;
    let case = cases::parse(&text, &label).map_err(|e| Failure::Input(e.to_string()))?;
    if !args.vary.is_empty() {
        return grid(case, label, &args.vary, args.format);
    }
    let request = analyses::Request {
        case,
        label,
        monte_carlo: args.trials.map(|trials| analyses::Trials {
            trials,
            seed: args.seed,
        }),
        solve: args
            .solve
            .clone()
            .zip(args.target_months)
            .map(|(field, target_months)| analyses::Solve {
                field,
                target_months,
            }),
    };
    let computed = analyses::run(&request)?;
    Ok(match args.format {
        Format::Text => computed.text(),
        Format::Json => {
            serde_json::to_string_pretty(&computed.json()).expect("JSON values serialise") + "\n"
        }
    })
}

fn list() -> String {
    let mut out = String::new();
    let width = cases::BUILTINS
        .iter()
        .map(|b| b.name.len())
        .max()
        .unwrap_or(0);
    for b in cases::BUILTINS {
        say!(out, "{:width$}  {}", b.name, b.description);
    }
    say!(
        out,
        "\nPrint one with `reykjavik breakout --show NAME`; save it, edit it, then `reykjavik breakout FILE`."
    );
    out
}

fn show(name: &str) -> Result<String, Failure> {
    cases::find(name)
        .map(|b| b.toml.to_string())
        .ok_or_else(|| {
            let names: Vec<_> = cases::BUILTINS.iter().map(|b| b.name).collect();
            Failure::Input(format!(
                "no built-in breakout case named `{name}` (available: {})",
                names.join(", ")
            ))
        })
}

/// `--vary PATH=A:B:N` (once or twice): the breakout at every grid point, the first axis
/// slowest, as CSV (text) or the grid's JSON document; the grid is `reykjavik_analyses::breakout::grid`.
pub(crate) fn grid(
    case: Case,
    label: String,
    vary: &[String],
    format: Format,
) -> Result<String, Failure> {
    if vary.len() > 2 {
        return Err(grid_failure(analyses::GridError::Axes(vary.len())));
    }
    let axes = vary
        .iter()
        .map(|v| analyses::GridAxis::parse(&case, v))
        .collect::<Result<Vec<_>, _>>()
        .map_err(grid_failure)?;
    let request = analyses::GridRequest {
        case,
        label,
        axes,
        max_points: None,
    };
    let grid = analyses::grid(&request).map_err(grid_failure)?;
    Ok(match format {
        Format::Text => grid.csv(),
        Format::Json => {
            serde_json::to_string_pretty(&grid.json()).expect("JSON values serialise") + "\n"
        }
    })
}

/// A grid's error in the command line's words (a wrong field's exit code as the solver's).
fn grid_failure(e: analyses::GridError) -> Failure {
    reykjavik_analyses::Error::from(e).into()
}
