//! Wall-clock benchmarks of the hot paths: the whole analysis and the allocator.
//! Run with `cargo bench -p reykjavik-bench`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reykjavik_engine::allocation::{self, Greedy, TierGreedy};
use reykjavik_engine::exchange::Workspace;
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::stability::{
    AnalysisOptions, analyze, analyze_index_with, analyze_stop_only,
};
use reykjavik_engine::sweep::{self, Axis};

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
    c.bench_function(
        "analyze us-russia-2021 stop-only (both strikes, index)",
        |b| b.iter(|| analyze_stop_only(black_box(&scenario), AnalysisOptions::default()).unwrap()),
    );
    let notional = reykjavik_scenario::load("kent-thaler-notional").unwrap();
    c.bench_function("index kent-thaler-notional stop-only", |b| {
        b.iter(|| analyze_stop_only(black_box(&notional), AnalysisOptions::default()).unwrap())
    });
    let mut workspace = Workspace::default();
    c.bench_function("index kent-thaler-notional index-only", |b| {
        b.iter(|| {
            analyze_index_with(
                black_box(&notional),
                AnalysisOptions::default(),
                &mut workspace,
            )
            .unwrap()
        })
    });
    c.bench_function(
        "analyze us-russia-2021 index-only (both strikes, index)",
        |b| {
            b.iter(|| {
                analyze_index_with(
                    black_box(&scenario),
                    AnalysisOptions::default(),
                    &mut workspace,
                )
                .unwrap()
            })
        },
    );
    c.bench_function("index kent-thaler-notional full curve", |b| {
        b.iter(|| analyze(black_box(&notional), AnalysisOptions::default()).unwrap())
    });
    c.bench_function("parse + analyze us-russia-2021 (whole pipeline)", |b| {
        b.iter(|| {
            let scenario = reykjavik_scenario::parse(black_box(text), "us-russia-2021").unwrap();
            analyze(&scenario, AnalysisOptions::default()).unwrap()
        })
    });
}

// Issue 7's scale case (500,000 identical silos against 3 million warheads) is above the
// scenario size caps that `analyze` enforces, so it is measured through the exchange itself in
// `benches/speed_issue7.rs`.

fn allocator(c: &mut Criterion) {
    let problem = reykjavik_bench::wta_instance(1_000, 2_000);
    c.bench_function("greedy WTA 1000 aimpoints x 2000 warheads", |b| {
        b.iter(|| Greedy::new(black_box(problem.clone())).run(usize::MAX))
    });
    let classes = reykjavik_engine::allocation::ClassProblem {
        classes: vec![reykjavik_engine::allocation::AimpointClass {
            value: 1.0,
            group: 0,
            spend: 1.0,
            count: 100_000,
        }],
        kill: vec![vec![0.8, 0.6]],
        cost: vec![1.0, 0.5],
        stock: vec![150_000.0, 100_000.0],
        cap: 2,
        fratricide_per_burst: 0.0,
    };
    c.bench_function(
        "tier greedy 100000 identical aimpoints x 250000 warheads",
        |b| {
            b.iter(|| {
                let mut greedy = TierGreedy::new(black_box(classes.clone()));
                let mut batches = 0;
                while greedy.step(|b| b.count).is_some() {
                    batches += 1;
                }
                batches
            })
        },
    );
    c.bench_function("upper bound 1000 aimpoints x 2000 warheads", |b| {
        b.iter(|| allocation::upper_bound(black_box(&problem), 2_000))
    });
}

fn in_pool<T: Send>(threads: usize, work: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(work)
}

/// Monte Carlo trials per second on 1 and 2 threads: with every input fixed (one plan, random
/// outcomes); as shipped (22 uncertain inputs) with fixed planning (one plan on the central
/// values, executed with each trial's draws) and with informed planning (each trial plans again).
fn monte_carlo(c: &mut Criterion) {
    let as_shipped = reykjavik_scenario::load("us-russia-2021").unwrap();
    let mut fixed = as_shipped.clone();
    fixed.uncertain.clear();
    let mut group = c.benchmark_group("monte carlo us-russia-2021");
    group.sample_size(10);
    let cases = [
        ("fixed inputs", &fixed, Planning::Informed, 20_000u64),
        (
            "uncertain inputs, fixed planning",
            &as_shipped,
            Planning::Fixed,
            20_000,
        ),
        (
            "uncertain inputs, informed planning",
            &as_shipped,
            Planning::Informed,
            1_000,
        ),
    ];
    for (label, scenario, planning, trials) in cases {
        group.throughput(Throughput::Elements(trials));
        for threads in [1, 2] {
            group.bench_function(format!("{label}, {threads} thread(s)"), |b| {
                b.iter(|| {
                    in_pool(threads, || {
                        montecarlo::run(
                            scenario,
                            AnalysisOptions::default(),
                            planning,
                            trials,
                            1,
                            &|_| {},
                        )
                        .unwrap()
                    })
                })
            });
        }
    }
    group.finish();
}

/// Sweep points per second: an 11 x 11 grid on us-russia-2021.
fn sweeps(c: &mut Criterion) {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let axes = [
        Axis::linear("side[0].force[2].cep_m", 80.0, 200.0, 11),
        Axis::linear(
            "side[1].force[8].untargetable_share.day_to_day",
            0.0,
            1.0,
            11,
        ),
    ];
    let mut group = c.benchmark_group("sweep us-russia-2021 11x11");
    group.sample_size(10);
    group.throughput(Throughput::Elements(sweep::size(&axes) as u64));
    for threads in [1, 2] {
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| {
                in_pool(threads, || {
                    sweep::run(&scenario, &axes, AnalysisOptions::default(), &|_| {}).unwrap()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, analysis, allocator, monte_carlo, sweeps);
criterion_main!(benches);
