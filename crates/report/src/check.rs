//! `reykjavik check`: a valid scenario summarised by leg (text and JSON), or every located
//! problem of an invalid one (JSON; the text is the diagnostics themselves).

use std::collections::BTreeMap;

use reykjavik_engine::model::{Leg, Scenario, Side};
use serde_json::{Value, json};

use crate::say;

/// What `check` adds for an N-side scenario (issue 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NSideExtras {
    pub alliances: usize,
    pub beliefs: usize,
}

/// One problem of an invalid scenario, as the scenario reader located it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the problem has no place in a file (unreadable or missing file).
    pub line: usize,
    pub column: usize,
    pub field: Option<String>,
    pub message: String,
}

/// Launchers and warheads per leg, legs in their natural order.
fn legs(side: &Side) -> BTreeMap<Leg, (u64, u64)> {
    let mut legs: BTreeMap<Leg, (u64, u64)> = BTreeMap::new();
    for force in &side.forces {
        let entry = legs.entry(force.leg()).or_default();
        entry.0 += u64::from(force.launchers);
        entry.1 += force.warheads();
    }
    legs
}

/// Launchers and warheads of every leg but the conventional one.
fn nuclear_total(legs: &BTreeMap<Leg, (u64, u64)>) -> (u64, u64) {
    legs.iter()
        .filter(|(leg, _)| **leg != Leg::Conventional)
        .fold((0, 0), |(l, w), (_, (a, b))| (l + a, w + b))
}

/// The text summary of a valid scenario read from `label`.
pub fn text(label: &str, scenario: &Scenario, n_side: Option<NSideExtras>) -> String {
    let mut out = String::new();
    match n_side {
        None => say!(
            out,
            "{label}: valid scenario `{}` with {} sides",
            scenario.name,
            scenario.sides.len()
        ),
        Some(x) => say!(
            out,
            "{label}: valid N-side scenario `{}` with {} sides, {} alliances and {} beliefs (read by `analyze`, `sweep`, `treaty`, `compare`, `optimize` and `race`)",
            scenario.name,
            scenario.sides.len(),
            x.alliances,
            x.beliefs
        ),
    }
    if !scenario.uncertain.is_empty() {
        say!(
            out,
            "{} inputs are distributions: the expected-value analysis uses their central values; `analyze --trials N` draws them",
            scenario.uncertain.len()
        );
    }
    for side in &scenario.sides {
        side_text(&mut out, side);
    }
    out
}

fn side_text(out: &mut String, side: &Side) {
    say!(out, "\n{}", side.name);
    say!(out, "  {:<14} {:>9} {:>9}", "leg", "launchers", "warheads");
    let legs = legs(side);
    for (leg, (launchers, warheads)) in &legs {
        say!(out, "  {:<14} {launchers:>9} {warheads:>9}", leg.name());
    }
    let (launchers, warheads) = nuclear_total(&legs);
    say!(
        out,
        "  {:<14} {launchers:>9} {warheads:>9}",
        "nuclear total"
    );
    for layer in &side.missile_defenses {
        say!(
            out,
            "  missile defense: {} ({} interceptors, {:.3} intercept probability per engaged RV, covers {})",
            layer.name,
            layer.interceptors,
            layer.intercept_probability(),
            layer.covers.name()
        );
    }
    for air in &side.air_defenses {
        say!(
            out,
            "  air defense: {} (bombers shot down {:.2}, cruise missiles {:.2}, covers {})",
            air.name,
            air.bomber_shootdown,
            air.cruise_missile_shootdown,
            air.covers.name()
        );
    }
    say!(
        out,
        "  value: 80 % destroyed by {} arriving {}",
        side.value.w80,
        side.value.unit.name()
    );
}

/// The JSON document of a valid scenario (docs/output-format.md, `check`).
pub fn json(label: &str, scenario: &Scenario, n_side: Option<NSideExtras>) -> Value {
    let sides: Vec<Value> = scenario.sides.iter().map(side_json).collect();
    let mut doc = json!({
        "schema_version": 1,
        "valid": true,
        "source": label,
        "scenario": scenario.name,
        "n_side": n_side.is_some(),
        "uncertain_inputs": scenario.uncertain.len(),
        "sides": sides,
    });
    if let Some(x) = n_side {
        doc["alliances"] = json!(x.alliances);
        doc["beliefs"] = json!(x.beliefs);
    }
    doc
}

fn side_json(side: &Side) -> Value {
    let legs = legs(side);
    let (launchers, warheads) = nuclear_total(&legs);
    let leg_rows: Vec<Value> = legs
        .iter()
        .map(|(leg, (l, w))| json!({ "leg": leg.name(), "launchers": l, "warheads": w }))
        .collect();
    let missile_defenses: Vec<Value> = side
        .missile_defenses
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "interceptors": m.interceptors,
                "intercept_probability": m.intercept_probability(),
                "covers": m.covers.name(),
            })
        })
        .collect();
    let air_defenses: Vec<Value> = side
        .air_defenses
        .iter()
        .map(|a| {
            json!({
                "name": a.name,
                "bomber_shootdown": a.bomber_shootdown,
                "cruise_missile_shootdown": a.cruise_missile_shootdown,
                "covers": a.covers.name(),
            })
        })
        .collect();
    json!({
        "name": side.name,
        "legs": leg_rows,
        "nuclear_total": { "launchers": launchers, "warheads": warheads },
        "missile_defenses": missile_defenses,
        "air_defenses": air_defenses,
        "value": { "w80": side.value.w80, "unit": side.value.unit.name() },
    })
}

/// The JSON document of a scenario that is not valid: every problem, located.
pub fn problems_json(label: &str, problems: &[Problem]) -> Value {
    let rows: Vec<Value> = problems
        .iter()
        .map(|p| {
            json!({
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "field": p.field,
                "message": p.message,
            })
        })
        .collect();
    json!({
        "schema_version": 1,
        "valid": false,
        "source": label,
        "problems": rows,
    })
}
