//! The output of `reykjavik breakout` (docs/breakout.md): time to weapons-grade material, as
//! text or JSON (schema in docs/output-format.md), and a breakout grid (`--vary`) as CSV or JSON.

use reykjavik_fissile::breakout::{Breakout, Draw, Source, Stop};
use reykjavik_fissile::case::Case;
use reykjavik_fissile::montecarlo::Summary;
use reykjavik_fissile::plutonium::PlutoniumResult;
use reykjavik_fissile::solve::{Field, Solution};
use serde_json::{Value, json};

use crate::say;

/// Version of the breakout JSON output; raised only when a field changes meaning or disappears.
const SCHEMA_VERSION: u32 = 1;

/// Everything one breakout run reports.
#[derive(Debug)]
pub struct Report<'a> {
    /// The case computed.
    pub case: &'a Case,
    /// Where the case came from (a file path or `built-in NAME`).
    pub label: String,
    /// The breakout at the central values.
    pub breakout: Breakout,
    /// The plutonium route at the central values, when the case has one.
    pub plutonium: Option<PlutoniumResult>,
    /// The Monte Carlo summary, when one was asked for.
    pub monte_carlo: Option<MonteCarlo>,
    /// `(field path, target months, solution)` of `--solve`, when asked for.
    pub solution: Option<(String, f64, Solution)>,
}

/// The summary of a breakout Monte Carlo run.
#[derive(Debug)]
pub struct MonteCarlo {
    /// Trials drawn.
    pub trials: u64,
    /// The master seed.
    pub seed: u64,
    /// Months to the first significant quantity, over the trials that reach it.
    pub months: Option<Summary>,
    /// Trials that never reach it.
    pub never: usize,
    /// Weapons' worth of plutonium at the horizon.
    pub plutonium_weapons: Option<Summary>,
    /// Plutonium produced, kg a year.
    pub plutonium_kg_per_year: Option<Summary>,
}

/// Name of a feed source.
fn source_name(case: &Case, source: Source) -> String {
    match source {
        Source::Stock(i) => case.stocks[i].name.clone(),
        Source::NaturalUranium => "natural uranium".into(),
    }
}

/// Name of an enrichment route (a scheme, or direct).
pub fn route_name(case: &Case, scheme: Option<usize>) -> String {
    scheme.map_or("direct".into(), |i| case.schemes[i].name.clone())
}

fn months_text(months: Option<f64>) -> String {
    months.map_or("never".into(), |m| format!("{m:.2} months"))
}

/// The text report: the route, the schedule of significant quantities, plutonium, Monte Carlo
/// and the solution of `--solve`.
pub fn text(r: &Report) -> String {
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

/// The JSON document (schema in docs/output-format.md).
pub fn json(r: &Report) -> Value {
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

/// Version of the breakout grid's JSON document; raised only when a field changes meaning or
/// disappears.
const GRID_SCHEMA_VERSION: u32 = 1;

/// One axis of a breakout grid, as its document states it.
#[derive(Debug, Clone, Copy)]
pub struct GridAxis<'a> {
    pub path: &'a str,
    pub start: f64,
    pub stop: f64,
    pub steps: usize,
    pub values: &'a [f64],
}

/// One point of a breakout grid: its values (first axis first) and the figures of its row.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub values: Vec<f64>,
    /// Months to the first significant quantity; `None` when none is ever made.
    pub months_to_first: Option<f64>,
    /// Months to the last quantity made.
    pub months_to_last: Option<f64>,
    pub quantities_made: usize,
    /// The fastest route's name.
    pub route: String,
}

impl GridRow {
    /// The row of the breakout `result` at `values` (`case` names the route).
    pub fn new(case: &Case, values: Vec<f64>, result: &Breakout) -> Self {
        let q = &result.schedule.quantities;
        Self {
            values,
            months_to_first: q.first().map(|q| q.months),
            months_to_last: q.last().map(|q| q.months),
            quantities_made: q.len(),
            route: route_name(case, result.schedule.scheme),
        }
    }
}

/// The columns of a breakout grid: the axes' paths, then the figures.
fn grid_columns(paths: &[&str]) -> Vec<String> {
    let figures = [
        "months_to_first",
        "months_to_last",
        "quantities_made",
        "route",
    ];
    paths
        .iter()
        .copied()
        .chain(figures)
        .map(String::from)
        .collect()
}

/// The CSV of `reykjavik breakout CASE --vary ...`: a header, then a row per point; an empty
/// cell where a quantity is never made.
pub fn grid_csv(paths: &[&str], rows: &[GridRow]) -> String {
    let mut out = grid_columns(paths).join(",") + "\n";
    let cell = |m: Option<f64>| m.map_or(String::new(), |m| format!("{m}"));
    for row in rows {
        let values: Vec<String> = row.values.iter().map(ToString::to_string).collect();
        out.push_str(&format!(
            "{},{},{},{},\"{}\"\n",
            values.join(","),
            cell(row.months_to_first),
            cell(row.months_to_last),
            row.quantities_made,
            row.route.replace('"', "\"\"")
        ));
    }
    out
}

/// The breakout grid's JSON document (schema in docs/output-format.md).
pub fn grid_json(case: &Case, label: &str, axes: &[GridAxis], rows: &[GridRow]) -> Value {
    let paths: Vec<&str> = axes.iter().map(|a| a.path).collect();
    let months = |m: Option<f64>| m.map_or(Value::Null, number);
    json!({
        "schema_version": GRID_SCHEMA_VERSION,
        "kind": "breakout-grid",
        "case": case.name,
        "source": label,
        "quantities": case.quantities,
        "axes": axes.iter().map(|a| json!({
            "path": a.path,
            "start": a.start,
            "stop": a.stop,
            "steps": a.steps,
            "values": a.values,
        })).collect::<Vec<_>>(),
        "columns": grid_columns(&paths),
        "rows": rows.iter().map(|r| json!({
            "values": r.values,
            "months_to_first": months(r.months_to_first),
            "months_to_last": months(r.months_to_last),
            "quantities_made": r.quantities_made,
            "route": r.route,
        })).collect::<Vec<_>>(),
    })
}
