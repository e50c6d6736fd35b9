//! Runs us-russia-2021 Monte Carlo trials as shipped (uncertain inputs), for a profiler.
use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::stability::AnalysisOptions;

fn main() {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let trials: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    // Second argument `fixed` profiles fixed planning (plans made once).
    let planning = match std::env::args().nth(2).as_deref() {
        Some("fixed") => Planning::Fixed,
        _ => Planning::Informed,
    };
    let out = montecarlo::run(
        &scenario,
        AnalysisOptions::default(),
        planning,
        trials,
        1,
        &|_| {},
    )
    .unwrap();
    println!("{}", out.iter().map(|t| t.index).sum::<f64>());
}
