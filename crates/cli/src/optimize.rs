//! `reykjavik optimize SCENARIO --side NAME --treaty new-start`: the posture search under a
//! treaty (docs/arms-control.md; JSON schema in docs/output-format.md). An N-side scenario is
//! searched with the N-side analysis as the scorer.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reykjavik_engine::arms_control::optimize::{self, Objective, SearchOptions, SearchResult};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::multilateral::MultiScenario;
use serde_json::Value;

use reykjavik_report as report;

use crate::Format;
use crate::treaty::load_treaty;
use crate::{Failure, say};

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// A scenario TOML file or a built-in name.
    scenario: String,
    /// The side whose posture is searched (name or index).
    #[arg(long)]
    side: String,
    /// The treaty whose limits constrain the search (a file or a built-in name).
    #[arg(long, default_value = reykjavik_scenario::treaty::DEFAULT)]
    treaty: String,
    /// What is maximised, averaged over the four standard regimes.
    #[arg(long, value_enum, default_value_t = ObjectiveArg::Index)]
    objective: ObjectiveArg,
    /// Seed of the sampled grid and the random starts (same seed, same result).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Local searches (from the base, the best grid points and random feasible postures).
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u64).range(1..=64))]
    starts: u64,
    /// Most coarse-grid points evaluated (a larger grid is sampled).
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    grid_budget: u64,
    /// Launchers of an element may grow to this multiple of the current number (1 to 10; 1:
    /// no element grows).
    #[arg(long, default_value_t = 1.5)]
    max_growth: f64,
    /// The side keeps at least N nuclear warheads (as loaded); default: as many as it has, so
    /// the search changes the mix and does not disarm.
    #[arg(long, value_name = "N")]
    min_warheads: Option<u64>,
    /// Write the best posture as a scenario TOML file (default: printed after the report).
    #[arg(long, short, value_name = "FILE.toml")]
    output: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ObjectiveArg {
    Index,
    Ratio,
    StruckCost,
}

pub fn run(args: OptimizeArgs) -> Result<String, Failure> {
    if reykjavik_scenario::multilateral::is_n_side(&args.scenario) {
        return n_side(args);
    }
    let scenario = crate::multilateral::load_two_sided(&args.scenario)?;
    let treaty = load_treaty(&args.treaty)?;
    let side = side_index(&scenario, &args.side)?;
    let options = search_options(&args, side)?;
    let bar = spinner(args.quiet);
    let progress = |stage: &str, evaluations: usize| {
        bar.set_message(format!("{stage} ({evaluations} postures evaluated)"));
    };
    let result = optimize::search(&scenario, &treaty, options, &progress)
        .map_err(|e| Failure::Computation(e.to_string()))?;
    bar.finish_and_clear();
    let toml = best_toml(&args.scenario, &scenario, &result, side)?;
    let report = report::optimize::Report {
        scenario: &scenario,
        treaty: &treaty,
        side,
        objective: options.objective,
        seed: args.seed,
        max_growth: args.max_growth,
        result: &result,
    };
    let text = || report::optimize::text(&report);
    let json = || report::optimize::json(&report);
    output(&args, &toml, text, json)
}

/// `optimize` on an N-side scenario: the same search, each posture scored by the N-side
/// analysis at the standard regimes (docs/arms-control.md, "N sides").
fn n_side(args: OptimizeArgs) -> Result<String, Failure> {
    let ms = reykjavik_scenario::multilateral::load(&args.scenario)
        .map_err(|e| Failure::Input(e.to_string()))?;
    let treaty = load_treaty(&args.treaty)?;
    let side = n_side_index(&ms, &args.side)?;
    let options = search_options(&args, side)?;
    let bar = spinner(args.quiet);
    let progress = |stage: &str, evaluations: usize| {
        bar.set_message(format!("{stage} ({evaluations} postures evaluated)"));
    };
    let result = reykjavik_engine::multilateral::optimize::search(&ms, &treaty, options, &progress)
        .map_err(|e| Failure::Computation(e.to_string()))?;
    bar.finish_and_clear();
    let toml = best_toml(&args.scenario, &ms.scenario, &result, side)?;
    let report = report::multilateral_optimize::NSideReport {
        ms: &ms,
        treaty: &treaty,
        side,
        objective: options.objective,
        seed: args.seed,
        max_growth: args.max_growth,
        result: &result,
    };
    let text = || report::multilateral_optimize::text(&report);
    let json = || report::multilateral_optimize::json(&report);
    output(&args, &toml, text, json)
}

/// A side of an N-side scenario; an alliance is refused: the search varies one side's posture.
fn n_side_index(ms: &MultiScenario, given: &str) -> Result<usize, Failure> {
    if let Some(alliance) = ms.alliances.iter().find(|a| a.name == given) {
        let members: Vec<&str> = alliance
            .members
            .iter()
            .map(|&m| ms.scenario.sides[m].name.as_str())
            .collect();
        return Err(Failure::Input(format!(
            "--side {given}: `optimize` varies the posture of one side, not of an alliance (the alliance plans as one actor, but each member's forces are its own); name a member: {}",
            members.join(", ")
        )));
    }
    side_index(&ms.scenario, given)
}

fn search_options(args: &OptimizeArgs, side: usize) -> Result<SearchOptions, Failure> {
    if !(args.max_growth.is_finite() && (1.0..=10.0).contains(&args.max_growth)) {
        return Err(Failure::Input(format!(
            "--max-growth {}: out of range (valid: 1 to 10)",
            args.max_growth
        )));
    }
    Ok(SearchOptions {
        side,
        objective: match args.objective {
            ObjectiveArg::Index => Objective::Index,
            ObjectiveArg::Ratio => Objective::Ratio,
            ObjectiveArg::StruckCost => Objective::StruckCost,
        },
        seed: args.seed,
        starts: args.starts as usize,
        grid_budget: args.grid_budget as usize,
        max_growth: args.max_growth,
        min_warheads: args.min_warheads,
    })
}

/// Writes the best posture's file if asked, then the report in the chosen format (the TOML
/// after the text, or as `scenario_toml` in the JSON).
fn output(
    args: &OptimizeArgs,
    toml: &str,
    text: impl FnOnce() -> String,
    json: impl FnOnce() -> Value,
) -> Result<String, Failure> {
    if let Some(path) = &args.output {
        std::fs::write(path, toml)
            .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(match args.format {
        Format::Text => {
            let mut out = text();
            match &args.output {
                Some(path) => say!(out, "\nBest posture written to {}", path.display()),
                None => {
                    say!(out, "\n# ---- best posture as a scenario file ----");
                    out.push_str(toml);
                }
            }
            out
        }
        Format::Json => {
            let mut value = json();
            value["scenario_toml"] = Value::String(toml.to_string());
            format!("{value:#}\n")
        }
    })
}

fn spinner(quiet: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template("{spinner} optimize: {msg} [{elapsed}]") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

fn side_index(scenario: &Scenario, side: &str) -> Result<usize, Failure> {
    side.parse::<usize>()
        .ok()
        .filter(|&i| i < scenario.sides.len())
        .or_else(|| scenario.sides.iter().position(|s| s.name == side))
        .ok_or_else(|| {
            let names: Vec<&str> = scenario.sides.iter().map(|s| s.name.as_str()).collect();
            Failure::Input(format!(
                "--side {side}: no such side (sides: {})",
                names.join(", ")
            ))
        })
}

/// The scenario's own text with the best launchers and loadings written in.
fn best_toml<R>(
    name: &str,
    scenario: &Scenario,
    result: &SearchResult<R>,
    side: usize,
) -> Result<String, Failure> {
    let (source, label) =
        reykjavik_scenario::source_text(name).map_err(|e| Failure::Input(e.to_string()))?;
    let mut edits = vec![(
        "scenario.name".to_string(),
        format!("\"{}-optimized\"", scenario.name),
    )];
    for (v, (launchers, warheads)) in result.variables.iter().zip(&result.best.posture) {
        let at = format!("side[{side}].force[{}]", v.element);
        edits.push((format!("{at}.launchers"), launchers.to_string()));
        edits.push((format!("{at}.warheads_per_launcher"), warheads.to_string()));
    }
    let text = reykjavik_scenario::rewrite_fields(&source, &label, &edits)
        .map_err(|e| Failure::Computation(format!("cannot write the best posture: {e}")))?;
    Ok(format!(
        "# The posture of side `{}` found by `reykjavik optimize` (every other number as in {}).\n{text}",
        scenario.sides[side].name, scenario.name
    ))
}
