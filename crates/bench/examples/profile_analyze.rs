//! Runs the us-russia-2021 analysis in a loop, for a profiler (`valgrind --tool=callgrind`):
//! `profile_analyze RUNS [stop-only]`.
use reykjavik_engine::stability::{AnalysisOptions, analyze, analyze_stop_only};

fn main() {
    let text = reykjavik_scenario::builtin::find("us-russia-2021")
        .unwrap()
        .toml;
    let scenario = reykjavik_scenario::parse(text, "us-russia-2021").unwrap();
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    // A second argument `stop-only` profiles the stop-only analysis (Monte Carlo, sweeps).
    let stop_only = std::env::args().nth(2).is_some_and(|a| a == "stop-only");
    let mut total = 0.0;
    for _ in 0..runs {
        let report = if stop_only {
            analyze_stop_only(&scenario, AnalysisOptions::default())
        } else {
            analyze(&scenario, AnalysisOptions::default())
        };
        total += report.unwrap().index;
    }
    println!("{total}");
}
