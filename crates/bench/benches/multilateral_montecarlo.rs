//! N-side Monte Carlo with random outcomes (issue 10): trials per second on us-russia-china-2025
//! as shipped, with fixed planning (one N-side plan on the written values, executed with each
//! trial's draws) and informed planning (each trial plans every pair again), on 1 thread (the
//! cost of a trial) and on the default pool. Run with
//! `cargo bench -p reykjavik-bench --bench multilateral_montecarlo`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::{MultiOptions, outcomes};

fn n_side_monte_carlo(c: &mut Criterion) {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let mut group = c.benchmark_group("n-side monte carlo us-russia-china-2025");
    group.sample_size(10);
    for (planning, trials) in [(Planning::Fixed, 2_000u64), (Planning::Informed, 200)] {
        group.throughput(Throughput::Elements(trials));
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let label = format!("{} planning, {threads} thread(s)", planning.name());
            group.bench_function(label, |b| {
                b.iter(|| {
                    pool.install(|| {
                        outcomes::run(black_box(&ms), &options, planning, trials, 1, &|_| {})
                            .unwrap()
                    })
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, n_side_monte_carlo);
criterion_main!(benches);
