//! N-side Monte Carlo trials of us-russia-china-2025 as shipped, for a profiler:
//! `profile_n_side_montecarlo TRIALS [fixed|informed]` (on the default pool; run with
//! RAYON_NUM_THREADS=1 under callgrind).
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::{MultiOptions, outcomes};

fn main() {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let trials: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let planning = match std::env::args().nth(2).as_deref() {
        Some("informed") => Planning::Informed,
        _ => Planning::Fixed,
    };
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let out = outcomes::run(&ms, &options, planning, trials, 1, &|_| {}).unwrap();
    println!("{}", out.len());
}
