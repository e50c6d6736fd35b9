//! Arms-control benchmarks: treaty counting, applying a proposal with the four standard regimes,
//! and one posture search on us-russia-2021 under New START (target: under 10 s on a 2-core
//! machine). Run with `cargo bench -p reykjavik-bench --bench arms_control`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::arms_control::treaty::{self, Counting};
use reykjavik_engine::arms_control::{compare, optimize};

fn counting_and_compare(c: &mut Criterion) {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let new_start = reykjavik_scenario::treaty::load("new-start").unwrap();
    c.bench_function("treaty count us-russia-2021 (both sides)", |b| {
        b.iter(|| {
            for side in &scenario.sides {
                black_box(treaty::count(
                    &new_start,
                    black_box(side),
                    Counting::Disputed,
                ));
            }
        })
    });
    let proposal = reykjavik_scenario::proposal::load("de-mirv-icbms").unwrap();
    c.bench_function("compare us-russia-2021 + de-mirv-icbms (4 regimes)", |b| {
        b.iter(|| {
            let changed = reykjavik_scenario::proposal::apply(&scenario, &proposal).unwrap();
            compare::regimes(black_box(&changed)).unwrap()
        })
    });
}

fn one_optimize_run(c: &mut Criterion) {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let new_start = reykjavik_scenario::treaty::load("new-start").unwrap();
    let mut group = c.benchmark_group("optimize us-russia-2021 new-start (defaults)");
    group.sample_size(10);
    for (name, side) in [("United States", 0), ("Russia", 1)] {
        let options = optimize::SearchOptions {
            side,
            ..optimize::SearchOptions::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| optimize::search(black_box(&scenario), &new_start, options, &|_, _| {}))
        });
    }
    group.finish();
}

criterion_group!(benches, counting_and_compare, one_optimize_run);
criterion_main!(benches);
