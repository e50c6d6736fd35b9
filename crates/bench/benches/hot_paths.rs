//! Wall-clock benchmarks of the hot paths: the whole analysis and the allocator.
//! Run with `cargo bench -p reykjavik-bench`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::allocation::{self, Greedy};
use reykjavik_engine::model::Alert;
use reykjavik_engine::stability::{AnalysisOptions, analyze};

fn analysis(c: &mut Criterion) {
    let text = reykjavik_scenario::builtin::find("us-russia-2021")
        .unwrap()
        .toml;
    let scenario = reykjavik_scenario::parse(text, "us-russia-2021").unwrap();
    c.bench_function("analyze us-russia-2021 (both strikes, index)", |b| {
        b.iter(|| analyze(black_box(&scenario), AnalysisOptions::default()).unwrap())
    });
    let generated = AnalysisOptions {
        alert: [Alert::Generated; 2],
        launch_under_attack: [true; 2],
    };
    c.bench_function("analyze us-russia-2021 generated + LUA", |b| {
        b.iter(|| analyze(black_box(&scenario), generated).unwrap())
    });
    c.bench_function("parse + analyze us-russia-2021 (whole pipeline)", |b| {
        b.iter(|| {
            let scenario = reykjavik_scenario::parse(black_box(text), "us-russia-2021").unwrap();
            analyze(&scenario, AnalysisOptions::default()).unwrap()
        })
    });
}

fn allocator(c: &mut Criterion) {
    let problem = reykjavik_bench::wta_instance(1_000, 2_000);
    c.bench_function("greedy WTA 1000 aimpoints x 2000 warheads", |b| {
        b.iter(|| Greedy::new(black_box(problem.clone())).run(usize::MAX))
    });
    c.bench_function("upper bound 1000 aimpoints x 2000 warheads", |b| {
        b.iter(|| allocation::upper_bound(black_box(&problem), 2_000))
    });
}

criterion_group!(benches, analysis, allocator);
criterion_main!(benches);
