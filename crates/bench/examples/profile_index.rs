//! One stop-only index of a built-in in a loop, for callgrind:
//! `profile_index NAME RUNS [reuse|index]`. With `reuse`, every analysis plans in one workspace,
//! as a Monte Carlo or sweep loop does; with `index`, the index-only analysis
//! (`analyze_index_with`, no outcomes by element) in one workspace.
use reykjavik_engine::exchange::Workspace;
use reykjavik_engine::stability::{
    AnalysisOptions, analyze_index_with, analyze_stop_only, analyze_stop_only_with,
};

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "kent-thaler-notional".into());
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let mode = std::env::args().nth(3).unwrap_or_default();
    let scenario = reykjavik_scenario::load(&name).unwrap();
    let mut workspace = Workspace::default();
    let mut total = 0.0;
    for _ in 0..runs {
        let options = AnalysisOptions::default();
        total += match mode.as_str() {
            "reuse" => analyze_stop_only_with(&scenario, options, &mut workspace).map(|r| r.index),
            "index" => analyze_index_with(&scenario, options, &mut workspace).map(|r| r.index),
            _ => analyze_stop_only(&scenario, options).map(|r| r.index),
        }
        .unwrap();
    }
    println!("{total}");
}
