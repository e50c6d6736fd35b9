//! N-side `optimize` (issue 10): one posture search of China and of the United States in
//! us-russia-china-2025 under New START at the default settings, each posture scored by the
//! three-side analysis under the four standard regimes. Run with
//! `cargo bench -p reykjavik-bench --bench multilateral_optimize`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::arms_control::optimize::SearchOptions;
use reykjavik_engine::multilateral::optimize;

fn one_n_side_optimize_run(c: &mut Criterion) {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let new_start = reykjavik_scenario::treaty::load("new-start").unwrap();
    let mut group = c.benchmark_group("optimize us-russia-china-2025 new-start (defaults)");
    group.sample_size(10);
    for (name, side) in [("China", 2), ("United States", 0)] {
        let options = SearchOptions {
            side,
            ..SearchOptions::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| optimize::search(black_box(&ms), &new_start, options, &|_, _| {}).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, one_n_side_optimize_run);
criterion_main!(benches);
