//! Scenario subcommands: list, show, check, schema.

use std::collections::BTreeMap;

use reykjavik_engine::model::{Leg, Scenario};
use reykjavik_scenario::builtin;

use crate::{Failure, say};

pub fn list_scenarios() -> Result<String, Failure> {
    let mut out = String::new();
    let width = builtin::BUILTINS
        .iter()
        .map(|b| b.name.len())
        .max()
        .unwrap_or(0);
    for b in builtin::BUILTINS {
        say!(out, "{:width$}  {}", b.name, b.description);
    }
    // N-side built-ins (issue 10): read by `analyze`, `sweep`, `treaty` and `compare`.
    for b in builtin::MULTILATERAL {
        say!(
            out,
            "{}  {} [N sides: analyze, sweep]",
            b.name,
            b.description
        );
    }
    say!(
        out,
        "\nPrint one with `reykjavik scenarios show NAME`; save it, edit it, then `reykjavik check FILE`."
    );
    Ok(out)
}

pub fn show_scenario(name: &str) -> Result<String, Failure> {
    match builtin::find(name) {
        Some(b) => Ok(b.toml.to_string()),
        None => {
            let names: Vec<_> = builtin::BUILTINS.iter().map(|b| b.name).collect();
            Err(Failure::Input(format!(
                "no built-in scenario named `{name}` (available: {})",
                names.join(", ")
            )))
        }
    }
}

/// Loads a scenario by file path or built-in name; any problem is bad input (exit code 2).
pub fn load(name_or_path: &str) -> Result<Scenario, Failure> {
    reykjavik_scenario::load(name_or_path).map_err(|e| Failure::Input(e.to_string()))
}

pub fn check(name_or_path: &str) -> Result<String, Failure> {
    if reykjavik_scenario::multilateral::is_n_side(name_or_path) {
        return check_n_side(name_or_path);
    }
    let scenario = load(name_or_path)?;
    let mut out = String::new();
    say!(
        out,
        "{name_or_path}: valid scenario `{}` with {} sides",
        scenario.name,
        scenario.sides.len()
    );
    if !scenario.uncertain.is_empty() {
        say!(
            out,
            "{} inputs are distributions: the expected-value analysis uses their central values; `analyze --trials N` draws them",
            scenario.uncertain.len()
        );
    }
    for side in &scenario.sides {
        say!(out, "\n{}", side.name);
        say!(out, "  {:<14} {:>9} {:>9}", "leg", "launchers", "warheads");
        let mut legs: BTreeMap<Leg, (u64, u64)> = BTreeMap::new();
        for force in &side.forces {
            let entry = legs.entry(force.leg()).or_default();
            entry.0 += u64::from(force.launchers);
            entry.1 += force.warheads();
        }
        for (leg, (launchers, warheads)) in &legs {
            say!(out, "  {:<14} {launchers:>9} {warheads:>9}", leg.name());
        }
        let (launchers, warheads) = legs
            .iter()
            .filter(|(leg, _)| **leg != Leg::Conventional)
            .fold((0, 0), |(l, w), (_, (a, b))| (l + a, w + b));
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
    Ok(out)
}

pub fn schema() -> Result<String, Failure> {
    let schema = reykjavik_scenario::json_schema();
    Ok(serde_json::to_string_pretty(&schema).expect("JSON values serialise") + "\n")
}

/// `check` on an N-side scenario (issue 10): valid or every located problem.
fn check_n_side(name_or_path: &str) -> Result<String, Failure> {
    let ms = reykjavik_scenario::multilateral::load(name_or_path)
        .map_err(|e| Failure::Input(e.to_string()))?;
    let mut out = String::new();
    say!(
        out,
        "{name_or_path}: valid N-side scenario `{}` with {} sides, {} alliances and {} beliefs (read by `analyze`, `sweep`, `treaty` and `compare`)",
        ms.scenario.name,
        ms.scenario.sides.len(),
        ms.alliances.len(),
        ms.beliefs.len()
    );
    Ok(out)
}
