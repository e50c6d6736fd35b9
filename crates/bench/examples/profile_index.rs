//! One stop-only index of a built-in in a loop, for callgrind: `profile_index NAME RUNS`.
use reykjavik_engine::stability::{AnalysisOptions, analyze_stop_only};

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "kent-thaler-notional".into());
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let scenario = reykjavik_scenario::load(&name).unwrap();
    let mut total = 0.0;
    for _ in 0..runs {
        total += analyze_stop_only(&scenario, AnalysisOptions::default())
            .unwrap()
            .index;
    }
    println!("{total}");
}
