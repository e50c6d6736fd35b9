//! What a Monte Carlo trial costs with and without the state a rayon job keeps from trial to
//! trial (scenario copy, planner workspace, buffers, memos), on one thread: `montecarlo::run`
//! (one job state reused) against `montecarlo::run_trial` called trial by trial (a fresh state
//! each time, as work units and paired comparisons draw). us-russia-2021 as shipped.
//! Run with `cargo bench -p reykjavik-bench --bench montecarlo_job -- --quick`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::stability::{self, AnalysisOptions};

fn one_thread<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(work)
}

fn trials(c: &mut Criterion) {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let options = AnalysisOptions::default();
    let plan = stability::analyze(&scenario, options).unwrap();
    let mut group = c.benchmark_group("monte carlo job state us-russia-2021");
    group.sample_size(10);
    for (planning, trials) in [(Planning::Fixed, 5_000u64), (Planning::Informed, 300)] {
        let fixed_plan = (planning == Planning::Fixed).then_some(&plan);
        group.throughput(Throughput::Elements(trials));
        group.bench_function(
            format!("{}: run (job state reused)", planning.name()),
            |b| {
                b.iter(|| {
                    one_thread(|| montecarlo::run(&scenario, options, planning, trials, 1, &|_| {}))
                        .unwrap()
                })
            },
        );
        group.bench_function(
            format!("{}: run_trial (fresh state)", planning.name()),
            |b| {
                b.iter(|| {
                    (0..trials)
                        .map(|t| {
                            montecarlo::run_trial(&scenario, fixed_plan, options, 1, t).unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, trials);
criterion_main!(benches);
