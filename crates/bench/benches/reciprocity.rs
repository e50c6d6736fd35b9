//! Action-reaction benchmarks (issue 11, part A): the exact reciprocity chain (the largest pair,
//! contrite tit-for-tat against Pavlov: 16 joint states), the echo, a simulation, and a
//! Richardson trajectory. Run with `cargo bench -p reykjavik-bench --bench reciprocity`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reykjavik_engine::reaction::reciprocity::{Game, Payoffs, Strategy};
use reykjavik_engine::reaction::richardson::RichardsonModel;

fn game() -> Game {
    Game {
        a: Strategy::Contrite,
        b: Strategy::Pavlov,
        noise: 0.01,
        payoffs: Payoffs::default(),
    }
}

fn exact_chain(c: &mut Criterion) {
    let g = game();
    c.bench_function("reciprocity long run ctft vs wsls (exact chain)", |b| {
        b.iter(|| black_box(&g).long_run().unwrap())
    });
    c.bench_function("reciprocity echo ctft vs wsls (noise 0.01)", |b| {
        b.iter(|| black_box(&g).echo(0, 0.01).unwrap())
    });
}

fn simulation(c: &mut Criterion) {
    let g = game();
    let (rounds, games) = (10_000u64, 100u64);
    let mut group = c.benchmark_group("reciprocity simulation ctft vs wsls");
    group.sample_size(10);
    group.throughput(Throughput::Elements(rounds * games));
    group.bench_function("100 games x 10000 rounds", |b| {
        b.iter(|| black_box(&g).simulate(rounds, games, 1).unwrap())
    });
    group.finish();
}

fn richardson(c: &mut Criterion) {
    let m = RichardsonModel {
        k: 0.4,
        l: 0.3,
        a: 0.5,
        b: 0.6,
        g: 10.0,
        h: 5.0,
    };
    c.bench_function(
        "richardson trajectory 30 years, 200 steps (closed form)",
        |b| b.iter(|| black_box(&m).trajectory((0.0, 0.0), 30.0, 200).unwrap()),
    );
    let singular = RichardsonModel {
        k: 0.5,
        l: 0.5,
        a: 0.5,
        b: 0.5,
        g: 1.0,
        h: 1.0,
    };
    c.bench_function(
        "richardson trajectory 30 years, 200 steps (RK4, a b = k l)",
        |b| {
            b.iter(|| {
                black_box(&singular)
                    .trajectory((0.0, 0.0), 30.0, 200)
                    .unwrap()
            })
        },
    );
}

criterion_group!(benches, exact_chain, simulation, richardson);
criterion_main!(benches);
