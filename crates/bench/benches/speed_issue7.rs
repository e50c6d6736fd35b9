//! Issue 7's remaining speed work: the scale case through the exchange itself (the scenario
//! size caps refuse 3 million warheads in `analyze`, so the `hot_paths` scale benchmark cannot
//! run it), and setting uncertain fields by a path parsed once (as Monte Carlo trials do)
//! against parsing it every time. Run with `cargo bench -p reykjavik-bench --bench speed_issue7`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::exchange::{CurveDetail, ExchangePosture, first_strike};
use reykjavik_engine::model::Alert;
use reykjavik_engine::params::{self, ParsedPath};

fn scale(c: &mut Criterion) {
    let scenario = reykjavik_bench::scale_scenario(500_000, 3_000_000);
    let posture = ExchangePosture {
        striker_alert: Alert::DayToDay,
        victim_alert: Alert::DayToDay,
        victim_launches_under_attack: false,
    };
    c.bench_function("first strike 500k silos x 3M warheads stop-only", |b| {
        b.iter(|| {
            first_strike(
                black_box(&scenario),
                0,
                1,
                posture,
                false,
                CurveDetail::StopOnly,
            )
            .unwrap()
        })
    });
}

fn field_paths(c: &mut Criterion) {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let paths: Vec<(String, f64)> = scenario
        .uncertain
        .iter()
        .flat_map(|u| {
            u.paths
                .iter()
                .map(|p| (p.clone(), u.distribution.central()))
        })
        .collect();
    let parsed: Vec<(ParsedPath, f64)> = paths
        .iter()
        .map(|(p, v)| {
            let canonical = params::canonical_path(&scenario, p).unwrap();
            (ParsedPath::shown_as(&canonical, p), *v)
        })
        .collect();
    let mut copy = scenario.clone();
    c.bench_function("set us-russia-2021's uncertain fields by path text", |b| {
        b.iter(|| {
            for (path, value) in &paths {
                params::set_field(&mut copy, path, *value).unwrap();
            }
        })
    });
    c.bench_function(
        "set us-russia-2021's uncertain fields by parsed path",
        |b| {
            b.iter(|| {
                for (path, value) in &parsed {
                    path.set(&mut copy, *value).unwrap();
                }
            })
        },
    );
}

criterion_group!(benches, scale, field_paths);
criterion_main!(benches);
