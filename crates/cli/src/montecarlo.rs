//! Monte Carlo runs for `reykjavik analyze --trials N`, with a progress bar (the output is in
//! `reykjavik_report::montecarlo`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{self, Planning, Trial};
use reykjavik_engine::stability::AnalysisOptions;

use crate::Failure;

/// A progress bar on stderr when it is a terminal (and not `--quiet`), nothing otherwise.
pub fn progress_bar(total: u64, quiet: bool, what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{what} {{bar:40}} {{pos}}/{{len}} ({{per_sec}}, {{eta}} left)"
        ))
        .expect("a valid template"),
    );
    bar
}

pub fn run(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    trials: u64,
    seed: u64,
    quiet: bool,
) -> Result<Vec<Trial>, Failure> {
    let bar = progress_bar(trials, quiet, "trials");
    let result = montecarlo::run(scenario, options, planning, trials, seed, &|done| {
        bar.set_position(done)
    });
    bar.finish_and_clear();
    result.map_err(|e| Failure::Computation(e.to_string()))
}
