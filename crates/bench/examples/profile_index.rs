//! One stop-only index of a built-in in a loop, for callgrind: `profile_index NAME RUNS [reuse]`.
//! With `reuse`, every analysis plans in one workspace, as a Monte Carlo or sweep loop does.
use reykjavik_engine::exchange::Workspace;
use reykjavik_engine::stability::{AnalysisOptions, analyze_stop_only, analyze_stop_only_with};

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "kent-thaler-notional".into());
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let reuse = std::env::args().nth(3).is_some_and(|a| a == "reuse");
    let scenario = reykjavik_scenario::load(&name).unwrap();
    let mut workspace = Workspace::default();
    let mut total = 0.0;
    for _ in 0..runs {
        let report = if reuse {
            analyze_stop_only_with(&scenario, AnalysisOptions::default(), &mut workspace)
        } else {
            analyze_stop_only(&scenario, AnalysisOptions::default())
        };
        total += report.unwrap().index;
    }
    println!("{total}");
}
