//! `reykjavik breakout`: time to weapons-grade material (docs/breakout.md), as text or JSON
//! (schema in docs/output-format.md), with Monte Carlo, the solver and a one-field sweep (CSV).

use clap::{Args, ValueEnum};
use reykjavik_fissile::FissileError;
use reykjavik_fissile::breakout::{self, Breakout, Draw, Source, Stop};
use reykjavik_fissile::case::Case;
use reykjavik_fissile::montecarlo::{self, Summary};
use reykjavik_fissile::plutonium::{self, PlutoniumResult};
use reykjavik_fissile::solve::{self, Field, Solution};
use reykjavik_scenario::breakout as cases;
use serde_json::{Value, json};

use crate::{Failure, say};

/// Version of the breakout JSON output; raised only when a field changes meaning or disappears.
const SCHEMA_VERSION: u32 = 1;
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Everything one run reports.
struct Report<'a> {
    case: &'a Case,
    label: String,
    breakout: Breakout,
    plutonium: Option<PlutoniumResult>,
    monte_carlo: Option<MonteCarlo>,
    solution: Option<(String, f64, Solution)>,
}

struct MonteCarlo {
    trials: u64,
    seed: u64,
    months: Option<Summary>,
    never: usize,
    plutonium_weapons: Option<Summary>,
    plutonium_kg_per_year: Option<Summary>,
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
        Format::Text => text_report(&report),
        Format::Json => {
            serde_json::to_string_pretty(&json_report(&report)).expect("JSON values serialise")
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

/// Name of a feed source.
fn source_name(case: &Case, source: Source) -> String {
    match source {
        Source::Stock(i) => case.stocks[i].name.clone(),
        Source::NaturalUranium => "natural uranium".into(),
    }
}

fn route_name(case: &Case, scheme: Option<usize>) -> String {
    scheme.map_or("direct".into(), |i| case.schemes[i].name.clone())
}

fn months_text(months: Option<f64>) -> String {
    months.map_or("never".into(), |m| format!("{m:.2} months"))
}

fn text_report(r: &Report) -> String {
    let mut out = String::new();
    let case = r.case;
    let schedule = &r.breakout.schedule;
    say!(out, "Breakout: {} ({})", case.name, r.label);
    say!(
        out,
        "Significant quantity: {} = {:.1} kg of product at {:.1} %; tails {:.2} %",
        case.significant_quantity.name(),
        r.breakout.quantity_kg,
        100.0 * case.target_assay,
        100.0 * case.tails_assay
    );
    say!(
        out,
        "Route: {} at {:.0} SWU/yr after {:.1} months of setup",
        route_name(case, schedule.scheme),
        schedule.swu_per_year,
        schedule.setup_months
    );
    if r.breakout.routes.len() > 1 {
        for (scheme, months) in &r.breakout.routes {
            say!(
                out,
                "  {}: first quantity in {}",
                route_name(case, *scheme),
                months_text(*months)
            );
        }
    }
    say!(out, "\n{:>3} {:>8} {:>9}  feed", "SQ", "months", "SWU");
    for q in &schedule.quantities {
        let feeds: Vec<String> = q.draws.iter().map(|d| draw_text(case, d)).collect();
        say!(
            out,
            "{:>3} {:>8.2} {:>9.0}  {}",
            q.number,
            q.months,
            q.swu,
            feeds.join(" + ")
        );
    }
    say!(out, "{}", stop_text(schedule.stop, case.quantities));
    if let Some(pu) = &r.plutonium {
        plutonium_text(&mut out, case, pu);
    }
    if let Some(mc) = &r.monte_carlo {
        monte_carlo_text(&mut out, case, mc);
    }
    if let Some((path, target, s)) = &r.solution {
        say!(
            out,
            "\nSolve: {path} = {} gives a breakout of {} (target {target} months; other inputs at their central values)",
            format_value(s.field, s.value),
            months_text(s.months)
        );
    }
    out
}

fn draw_text(case: &Case, d: &Draw) -> String {
    let ran_out = if d.exhausted { " (ran out)" } else { "" };
    format!(
        "{:.1} kg {}{ran_out}",
        d.feed_kg,
        source_name(case, d.source)
    )
}

fn stop_text(stop: Stop, requested: u32) -> String {
    match stop {
        Stop::Complete => format!("All {requested} significant quantities reachable."),
        Stop::NoCapacity => {
            "No enrichment capacity: no significant quantity can ever be made.".into()
        }
        Stop::FeedExhausted { made, short_kg } => format!(
            "Feed exhausted after {made} of {requested} significant quantities ({short_kg:.1} kg of product short of the next); no natural uranium to top up."
        ),
    }
}

fn plutonium_text(out: &mut String, case: &Case, pu: &PlutoniumResult) {
    let horizon = case.plutonium.as_ref().map_or(0.0, |p| p.horizon_months);
    say!(
        out,
        "\nPlutonium: {:.2} kg/yr produced, {:.2} kg/yr separated; first weapon's worth in {}; by month {horizon}: {:.1} kg, {} weapons' worth (whole weapons)",
        pu.produced_kg_per_year,
        pu.separated_kg_per_year,
        months_text(pu.months_to_first_weapon),
        pu.kg_at_horizon,
        pu.weapons_at_horizon
    );
}

fn summary_text(s: &Summary, digits: usize) -> String {
    format!(
        "mean {:.d$}, 5 % {:.d$}, median {:.d$}, 95 % {:.d$} (min {:.d$}, max {:.d$})",
        s.mean,
        s.p05,
        s.median,
        s.p95,
        s.min,
        s.max,
        d = digits
    )
}

fn monte_carlo_text(out: &mut String, case: &Case, mc: &MonteCarlo) {
    say!(out, "\nMonte Carlo: {} trials, seed {}", mc.trials, mc.seed);
    match &mc.months {
        Some(s) => say!(
            out,
            "  months to the first significant quantity: {}",
            summary_text(s, 2)
        ),
        None => say!(out, "  the first significant quantity is never reached"),
    }
    if mc.never > 0 {
        say!(out, "  never reached in {} trials", mc.never);
    }
    if let (Some(kg), Some(w)) = (&mc.plutonium_kg_per_year, &mc.plutonium_weapons) {
        let horizon = case.plutonium.as_ref().map_or(0.0, |p| p.horizon_months);
        say!(out, "  plutonium produced, kg/yr: {}", summary_text(kg, 2));
        say!(
            out,
            "  weapons' worth of plutonium by month {horizon}: {}",
            summary_text(w, 1)
        );
    }
}

fn format_value(field: Field, value: f64) -> String {
    if field.is_count() {
        format!("{value:.0}")
    } else {
        format!("{value:.4}")
    }
}

/// A finite number, or null.
fn number(v: f64) -> Value {
    if v.is_finite() { json!(v) } else { Value::Null }
}

fn json_report(r: &Report) -> Value {
    let case = r.case;
    let schedule = &r.breakout.schedule;
    json!({
        "schema_version": SCHEMA_VERSION,
        "case": case.name,
        "source": r.label,
        "significant_quantity": {
            "name": case.significant_quantity.name(),
            "product_kg": number(r.breakout.quantity_kg),
            "target_assay": case.target_assay,
        },
        "route": {
            "name": route_name(case, schedule.scheme),
            "swu_per_year": number(schedule.swu_per_year),
            "setup_months": number(schedule.setup_months),
        },
        "routes": r.breakout.routes.iter().map(|(scheme, months)| json!({
            "name": route_name(case, *scheme),
            "months_to_first": months.map_or(Value::Null, number),
        })).collect::<Vec<_>>(),
        "months_to_first": schedule.months_to_first().map_or(Value::Null, number),
        "quantities": schedule.quantities.iter().map(|q| json!({
            "number": q.number,
            "months": number(q.months),
            "swu": number(q.swu),
            "feed": q.draws.iter().map(|d| draw_json(case, d)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "stop": stop_json(schedule.stop),
        "plutonium": r.plutonium.as_ref().map(|pu| plutonium_json(case, pu)),
        "monte_carlo": r.monte_carlo.as_ref().map(monte_carlo_json),
        "solve": r.solution.as_ref().map(|(path, target, s)| json!({
            "field": path,
            "target_months": target,
            "value": number(s.value),
            "months": s.months.map_or(Value::Null, number),
        })),
    })
}

fn draw_json(case: &Case, d: &Draw) -> Value {
    json!({
        "source": source_name(case, d.source),
        "feed_kg": number(d.feed_kg),
        "product_kg": number(d.product_kg),
        "swu": number(d.swu),
        "exhausted": d.exhausted,
        "steps": d.steps.iter().map(|s| json!({
            "feed_assay": s.assays.feed,
            "product_assay": s.assays.product,
            "tails_assay": s.assays.tails,
            "feed_kg": number(s.feed_kg),
            "product_kg": number(s.product_kg),
            "tails_kg": number(s.tails_kg),
            "swu": number(s.swu),
        })).collect::<Vec<_>>(),
    })
}

fn stop_json(stop: Stop) -> Value {
    match stop {
        Stop::Complete => json!({ "kind": "complete" }),
        Stop::NoCapacity => json!({ "kind": "no-capacity" }),
        Stop::FeedExhausted { made, short_kg } => {
            json!({ "kind": "feed-exhausted", "made": made, "short_kg": number(short_kg) })
        }
    }
}

fn plutonium_json(case: &Case, pu: &PlutoniumResult) -> Value {
    json!({
        "produced_kg_per_year": number(pu.produced_kg_per_year),
        "separated_kg_per_year": number(pu.separated_kg_per_year),
        "months_to_first_weapon": pu.months_to_first_weapon.map_or(Value::Null, number),
        "horizon_months": case.plutonium.as_ref().map(|p| p.horizon_months),
        "kg_at_horizon": number(pu.kg_at_horizon),
        "weapons_at_horizon": pu.weapons_at_horizon,
    })
}

fn summary_json(s: &Option<Summary>) -> Value {
    s.as_ref().map_or(Value::Null, |s| {
        json!({
            "count": s.count,
            "mean": number(s.mean),
            "min": number(s.min),
            "p05": number(s.p05),
            "median": number(s.median),
            "p95": number(s.p95),
            "max": number(s.max),
        })
    })
}

fn monte_carlo_json(mc: &MonteCarlo) -> Value {
    json!({
        "trials": mc.trials,
        "seed": mc.seed,
        "months_to_first": summary_json(&mc.months),
        "never_reached": mc.never,
        "plutonium_kg_per_year": summary_json(&mc.plutonium_kg_per_year),
        "plutonium_weapons_at_horizon": summary_json(&mc.plutonium_weapons),
    })
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
    let mut out = format!(
        "{},months_to_first,months_to_last,quantities_made,route\n",
        paths.join(",")
    );
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
    let q = &result.schedule.quantities;
    let cell = |m: Option<f64>| m.map_or(String::new(), |m| format!("{m}"));
    Ok(format!(
        "{},{},{},{},\"{}\"\n",
        values.join(","),
        cell(q.first().map(|q| q.months)),
        cell(q.last().map(|q| q.months)),
        q.len(),
        route_name(&copy, result.schedule.scheme).replace('"', "\"\"")
    ))
}
