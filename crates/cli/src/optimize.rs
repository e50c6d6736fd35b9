//! `reykjavik optimize SCENARIO --side NAME --treaty new-start`: the posture search under a
//! treaty (docs/arms-control.md; JSON schema in docs/output-format.md). An N-side scenario is
//! searched with the N-side analysis as the scorer. Arguments, loading, the spinner and the best
//! posture's file; the search is `reykjavik_analyses::optimize`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reykjavik_analyses::Sides;
use reykjavik_analyses::optimize as analyses;
use reykjavik_engine::arms_control::optimize::Objective;

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
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u64).range(*analyses::STARTS.start()..=*analyses::STARTS.end()))]
    starts: u64,
    /// Most coarse-grid points evaluated (a larger grid is sampled).
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(*analyses::GRID_BUDGET.start()..=*analyses::GRID_BUDGET.end()))]
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
    let request = request(&args)?;
    let bar = spinner(args.quiet);
    let progress = |stage: &str, evaluations: usize| {
        bar.set_message(format!("{stage} ({evaluations} postures evaluated)"));
    };
    let optimized = analyses::run(request, &progress)?;
    bar.finish_and_clear();
    let (source, label) = reykjavik_scenario::source_text(&args.scenario)
        .map_err(|e| Failure::Input(e.to_string()))?;
    let toml = optimized.best_toml(&source, &label)?;
    output(&args, &toml, &optimized)
}

/// The request of a command line: the scenario (two or N sides), the treaty, the settings.
fn request(args: &OptimizeArgs) -> Result<analyses::Request, Failure> {
    let base = if reykjavik_scenario::multilateral::is_n_side(&args.scenario) {
        let ms = reykjavik_scenario::multilateral::load(&args.scenario)
            .map_err(|e| Failure::Input(e.to_string()))?;
        Sides::N(Box::new(ms))
    } else {
        Sides::Two(Box::new(crate::multilateral::load_two_sided(
            &args.scenario,
        )?))
    };
    let treaty = load_treaty(&args.treaty)?;
    let settings = analyses::Settings {
        side: analyses::side_index(&base, &args.side)?,
        objective: match args.objective {
            ObjectiveArg::Index => Objective::Index,
            ObjectiveArg::Ratio => Objective::Ratio,
            ObjectiveArg::StruckCost => Objective::StruckCost,
        },
        seed: args.seed,
        starts: args.starts,
        grid_budget: args.grid_budget,
        max_growth: args.max_growth,
        min_warheads: args.min_warheads,
    };
    Ok(analyses::Request {
        base,
        treaty,
        options: settings.options()?,
    })
}

/// Writes the best posture's file if asked, then the report in the chosen format (the TOML
/// after the text, or as `scenario_toml` in the JSON).
fn output(
    args: &OptimizeArgs,
    toml: &str,
    optimized: &analyses::Optimized,
) -> Result<String, Failure> {
    if let Some(path) = &args.output {
        std::fs::write(path, toml)
            .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(match args.format {
        Format::Text => {
            let mut out = optimized.text();
            match &args.output {
                Some(path) => say!(out, "\nBest posture written to {}", path.display()),
                None => {
                    say!(out, "\n# ---- best posture as a scenario file ----");
                    out.push_str(toml);
                }
            }
            out
        }
        Format::Json => format!("{:#}\n", optimized.json_with_toml(toml)),
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
