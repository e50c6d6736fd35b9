//! The scale case of issue 7, for `/usr/bin/time -v` (peak memory) and wall time:
//! `scale_analyze SILOS WARHEADS [stop-only]` analyses a victim with SILOS identical silos
//! against WARHEADS striker warheads (defaults 500,000 and 3,000,000). `exchange` instead of
//! `stop-only` runs one stop-only first strike without the scenario's validation (whose size
//! caps refuse 3 million warheads).
use std::time::Instant;

use reykjavik_engine::stability::{AnalysisOptions, analyze, analyze_stop_only};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let number =
        |i: usize, default: u32| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let scenario = reykjavik_bench::scale_scenario(number(1, 500_000), number(2, 3_000_000));
    let stop_only = args.get(3).is_some_and(|a| a == "stop-only");
    if args.get(3).is_some_and(|a| a == "exchange") {
        // The size caps refuse this many warheads in `analyze`: time the exchange itself.
        return exchange_only(&scenario);
    }
    let start = Instant::now();
    let report = if stop_only {
        analyze_stop_only(&scenario, AnalysisOptions::default())
    } else {
        analyze(&scenario, AnalysisOptions::default())
    }
    .unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let points: usize = report.exchanges.iter().map(|x| x.curve.len()).sum();
    println!(
        "index {:.6}  stops {} / {}  batches {} / {}  curve points {points}  {seconds:.4} s",
        report.index,
        report.exchanges[0].stop,
        report.exchanges[1].stop,
        report.exchanges[0].plan.len(),
        report.exchanges[1].plan.len(),
    );
}

fn exchange_only(scenario: &reykjavik_engine::model::Scenario) {
    use reykjavik_engine::exchange::{CurveDetail, ExchangePosture, first_strike};
    let posture = ExchangePosture {
        striker_alert: reykjavik_engine::model::Alert::DayToDay,
        victim_alert: reykjavik_engine::model::Alert::DayToDay,
        victim_launches_under_attack: false,
    };
    let start = Instant::now();
    let x = first_strike(scenario, 0, 1, posture, false, CurveDetail::StopOnly).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "stop {}  batches {}  cost {:.6}  {seconds:.6} s",
        x.stop,
        x.plan.len(),
        x.stop_point.cost_to_striker
    );
}
