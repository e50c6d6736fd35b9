//! The breakout grid (`breakout CASE --vary`, `/api/breakout-grid`, `reykjavik.breakout_grid`):
//! the docs' machines-by-stock grid (310 points) and the web's cap (2,500 points) through
//! `reykjavik_analyses::breakout::grid`, with its CSV and JSON. Run with
//! `cargo bench -p reykjavik-bench --bench breakout_grid -- --quick`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reykjavik_analyses::breakout::{GridAxis, GridRequest, grid};

fn request(machines: usize, stock: usize) -> GridRequest {
    let (text, label) = reykjavik_scenario::breakout::source_text("iran-jcpoa").unwrap();
    let axis = |path: &str, start: f64, stop: f64, steps: usize| GridAxis {
        path: path.into(),
        start,
        stop,
        steps,
    };
    GridRequest {
        case: reykjavik_scenario::breakout::parse(&text, &label).unwrap(),
        label,
        axes: vec![
            axis("plant[0].machines", 1000.0, 10000.0, machines),
            axis("stock[0].mass_kg", 0.0, 3000.0, stock),
        ],
        max_points: None,
    }
}

fn grids(c: &mut Criterion) {
    let mut group = c.benchmark_group("breakout grid iran-jcpoa");
    for (machines, stock) in [(10, 31), (50, 50)] {
        let r = request(machines, stock);
        group.throughput(Throughput::Elements(r.points() as u64));
        group.bench_function(format!("{machines} x {stock} points, rows"), |b| {
            b.iter(|| grid(black_box(&r)).unwrap().rows().len())
        });
        group.bench_function(format!("{machines} x {stock} points, rows and CSV"), |b| {
            b.iter(|| grid(black_box(&r)).unwrap().csv().len())
        });
        group.bench_function(format!("{machines} x {stock} points, rows and JSON"), |b| {
            b.iter(|| grid(black_box(&r)).unwrap().json())
        });
    }
    group.finish();
}

criterion_group!(benches, grids);
criterion_main!(benches);
