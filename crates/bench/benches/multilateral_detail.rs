//! N-side `analyze --curve` / `--certify` (issue 10): every ordered pair's exchange in full (all
//! curve points and the certificate) for us-russia-china-2025, with and without a reserve, and
//! the N-side sweep table of a 3-point sweep for the chart and Parquet. Run with
//! `cargo bench -p reykjavik-bench --bench multilateral_detail -- --quick`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::model::Alert;
use reykjavik_engine::multilateral::{self, MultiOptions, Reserve, detail};
use reykjavik_engine::sweep::Axis;

fn pair_exchanges(c: &mut Criterion) {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let report = multilateral::analyze(&ms, &options).unwrap().actual;
    c.bench_function("n-side pair exchanges in full (6 pairs, no reserve)", |b| {
        b.iter(|| detail::pair_exchanges(black_box(&ms), &options, &report).unwrap())
    });
    let reserved = multilateral::MultiScenario {
        reserve: Reserve::FixedShare(0.2),
        ..ms.clone()
    };
    let report = multilateral::analyze(&reserved, &options).unwrap().actual;
    c.bench_function(
        "n-side pair exchanges in full (6 pairs, fixed-share 0.2)",
        |b| b.iter(|| detail::pair_exchanges(black_box(&reserved), &options, &report).unwrap()),
    );
    let axes = [Axis::linear(
        "side[China].force[Hami field (DF-31 class)].launchers",
        0.0,
        110.0,
        3,
    )];
    let points = multilateral::sweep::run(&ms, &axes, &options, &|_| {}).unwrap();
    let names: Vec<String> = ms.scenario.sides.iter().map(|s| s.name.clone()).collect();
    c.bench_function("n-side sweep table and CSV (3 points)", |b| {
        b.iter(|| {
            let table =
                reykjavik_report::multilateral_sweep::table(black_box(&names), &axes, &points);
            reykjavik_report::multilateral_sweep::csv(&table)
        })
    });
}

criterion_group!(benches, pair_exchanges);
criterion_main!(benches);
