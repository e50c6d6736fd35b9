//! Breakout benchmarks: one breakout computation (target under 10 us) and the Monte Carlo
//! rate. Run with `cargo bench -p reykjavik-bench --bench breakout`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reykjavik_fissile::{breakout, montecarlo};

fn one_breakout(c: &mut Criterion) {
    for name in ["iran-jcpoa", "iran-2013"] {
        let case = reykjavik_scenario::breakout::load(name).unwrap();
        let inputs = case.central();
        c.bench_function(
            &format!("breakout {name} (central values, all routes)"),
            |b| b.iter(|| breakout::compute(black_box(&case), black_box(&inputs))),
        );
    }
}

fn monte_carlo(c: &mut Criterion) {
    let case = reykjavik_scenario::breakout::load("iran-jcpoa").unwrap();
    let trials = 100_000u64;
    let mut group = c.benchmark_group("breakout monte carlo iran-jcpoa");
    group.sample_size(10);
    group.throughput(Throughput::Elements(trials));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| pool.install(|| montecarlo::run(black_box(&case), trials, 1)))
        });
    }
    group.finish();
}

criterion_group!(benches, one_breakout, monte_carlo);
criterion_main!(benches);
