//! `reykjavik breakout`: time to weapons-grade material (docs/breakout.md), as text or JSON
//! (schema in docs/output-format.md), with Monte Carlo, the solver and a one-field sweep (CSV).

use clap::Args;
use reykjavik_fissile::FissileError;
use reykjavik_fissile::breakout::{self};
use reykjavik_fissile::case::Case;
use reykjavik_fissile::montecarlo::{self};
use reykjavik_fissile::plutonium::{self, PlutoniumResult};
use reykjavik_fissile::solve::{self, Field, Solution};
use reykjavik_scenario::breakout as cases;

use reykjavik_report as report;
use reykjavik_report::breakout::{MonteCarlo, Report};

use crate::Format;
use crate::{Failure, say};

const MAX_TRIALS: u64 = 10_000_000;
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
    let inputs = case.central();
    let report = Report {
        breakout: breakout::compute(&case, &inputs),
        plutonium: inputs.plutonium.as_ref().map(plutonium::compute),
        monte_carlo: args
            .trials
            .map(|n| monte_carlo(&case, n, args.seed))
            .transpose()?,
        solution: solution(&case, &args)?,
        case: &case,
        label,
    };
    Ok(match args.format {
        Format::Text => report::breakout::text(&report),
        Format::Json => {
            serde_json::to_string_pretty(&report::breakout::json(&report))
                .expect("JSON values serialise")
                + "\n"
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

fn monte_carlo(case: &Case, trials: u64, seed: u64) -> Result<MonteCarlo, Failure> {
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(Failure::Input(format!(
            "--trials {trials} is out of range (valid: 1 to {MAX_TRIALS})"
        )));
    }
    let results = montecarlo::run(case, trials, seed);
    let months: Vec<f64> = results.iter().filter_map(|t| t.months_to_first).collect();
    let pu: Vec<&PlutoniumResult> = results
        .iter()
        .filter_map(|t| t.plutonium.as_ref())
        .collect();
    let weapons: Vec<f64> = pu.iter().map(|p| f64::from(p.weapons_at_horizon)).collect();
    let kg_per_year: Vec<f64> = pu.iter().map(|p| p.produced_kg_per_year).collect();
    Ok(MonteCarlo {
        trials,
        seed,
        never: results.len() - months.len(),
        months: montecarlo::summarize(&months),
        plutonium_weapons: montecarlo::summarize(&weapons),
        plutonium_kg_per_year: montecarlo::summarize(&kg_per_year),
    })
}

/// Maps a fissile error to an exit code: a wrong field is bad input, no solution is a result
/// that does not exist.
fn failure(e: FissileError) -> Failure {
    match e {
        FissileError::NoSolution(m) => Failure::Computation(m),
        other => Failure::Input(other.to_string()),
    }
}

fn solution(case: &Case, args: &BreakoutArgs) -> Result<Option<(String, f64, Solution)>, Failure> {
    let (Some(path), Some(target)) = (&args.solve, args.target_months) else {
        return Ok(None);
    };
    let found = solve::solve(case, path, target).map_err(failure)?;
    Ok(Some((path.clone(), target, found)))
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
