//! Runs the us-russia-2021 analysis in a loop, for a profiler (`valgrind --tool=callgrind`).
use reykjavik_engine::stability::{AnalysisOptions, analyze};

fn main() {
    let text = reykjavik_scenario::builtin::find("us-russia-2021")
        .unwrap()
        .toml;
    let scenario = reykjavik_scenario::parse(text, "us-russia-2021").unwrap();
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let mut total = 0.0;
    for _ in 0..runs {
        total += analyze(&scenario, AnalysisOptions::default())
            .unwrap()
            .index;
    }
    println!("{total}");
}
