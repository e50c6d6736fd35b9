//! `reykjavik breakout`: time to weapons-grade material (docs/breakout.md), as text or JSON
//! (schema in docs/output-format.md), with Monte Carlo, the solver and a one-field sweep (CSV).
//! Arguments, the case's file, the built-in list and the sweep; the breakout, Monte Carlo and
//! solver run in `reykjavik_analyses::breakout`.

use clap::Args;
use reykjavik_analyses::breakout as analyses;
use reykjavik_fissile::breakout;
use reykjavik_fissile::case::Case;
use reykjavik_fissile::solve::Field;
use reykjavik_scenario::breakout as cases;

use reykjavik_report as report;

use crate::Format;
use crate::{Failure, say};

const MAX_STEPS: usize = 10_000;

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
    /// Output format (the sweep is always CSV).
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
        return sweep(&case, &args.vary);
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

/// A fissile error's exit code (see `reykjavik_analyses::breakout::fissile`).
fn failure(e: reykjavik_fissile::FissileError) -> Failure {
    analyses::fissile(e).into()
}

/// One swept field and its values.
struct Axis {
    path: String,
    field: Field,
    values: Vec<f64>,
}

fn parse_axis(case: &Case, vary: &str) -> Result<Axis, Failure> {
    let bad = |why: &str| {
        Failure::Input(format!(
            "--vary {vary}: {why} (expected PATH=START:STOP:STEPS, e.g. plant[0].machines=1000:10000:10)"
        ))
    };
    let (path, range) = vary.rsplit_once('=').ok_or_else(|| bad("no `=`"))?;
    let field = Field::parse(case, path.trim()).map_err(failure)?;
    let parts: Vec<&str> = range.split(':').collect();
    let [start, stop, steps] = parts.as_slice() else {
        return Err(bad("give START:STOP:STEPS"));
    };
    let value = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| bad(&format!("`{s}` is not a number")))
    };
    let (start, stop) = (value(start)?, value(stop)?);
    let steps: usize = steps
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=MAX_STEPS).contains(n))
        .ok_or_else(|| {
            bad(&format!(
                "STEPS must be a whole number from 1 to {MAX_STEPS}"
            ))
        })?;
    let values = (0..steps)
        .map(|i| match steps {
            1 => start,
            _ => start + (stop - start) * i as f64 / (steps - 1) as f64,
        })
        .collect();
    Ok(Axis {
        path: path.trim().to_string(),
        field,
        values,
    })
}

/// `--vary PATH=A:B:N` (once or twice): the breakout at every grid point, as CSV, the first
/// axis slowest.
pub(crate) fn sweep(case: &Case, vary: &[String]) -> Result<String, Failure> {
    if vary.len() > 2 {
        return Err(Failure::Input(
            "--vary: give one or two axes (a line or a grid)".into(),
        ));
    }
    let axes = vary
        .iter()
        .map(|v| parse_axis(case, v))
        .collect::<Result<Vec<_>, _>>()?;
    let paths: Vec<&str> = axes.iter().map(|a| a.path.as_str()).collect();
    let mut out = report::breakout::sweep_header(&paths);
    let inner = axes
        .get(1)
        .map_or(vec![None], |a| a.values.iter().map(Some).collect());
    for &v in &axes[0].values {
        for w in &inner {
            let mut point = vec![(axes[0].field, v)];
            if let (Some(w), Some(axis)) = (w, axes.get(1)) {
                point.push((axis.field, **w));
            }
            out.push_str(&sweep_row(case, &point)?);
        }
    }
    Ok(out)
}

fn sweep_row(case: &Case, point: &[(Field, f64)]) -> Result<String, Failure> {
    let mut copy = case.clone();
    for &(field, v) in point {
        field.set(&mut copy, v);
    }
    let values: Vec<String> = point.iter().map(|(_, v)| v.to_string()).collect();
    copy.validate().map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Failure::Input(format!(
            "--vary: at {}: {}",
            values.join(", "),
            messages.join("; ")
        ))
    })?;
    let result = breakout::compute(&copy, &copy.central());
    Ok(report::breakout::sweep_row(&copy, &values, &result))
}
