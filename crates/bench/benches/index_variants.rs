//! The index as a sweep or Monte Carlo loop with re-planning runs it: the workspace kept across
//! iterations while one input changes every iteration (the CEP of one element of each side,
//! alternating between two values), so what the workspace keeps keyed on its inputs (the kill
//! table's physics, allocators' weapon orders, value units) is recomputed for the changed
//! element only. Set against `setup_greedy` (the same scenario every iteration).
//! Run with `cargo bench -p reykjavik-bench --bench index_variants -- --quick`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::exchange::Workspace;
use reykjavik_engine::stability::{AnalysisOptions, analyze_index_with};

fn one_cep_changes(c: &mut Criterion) {
    let mut scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let cep = |s: &reykjavik_engine::model::Scenario, side: usize| {
        s.sides[side].forces[0]
            .cep_m
            .expect("a CEP on the first element")
    };
    let base = [cep(&scenario, 0), cep(&scenario, 1)];
    let mut workspace = Workspace::default();
    let mut wider = false;
    c.bench_function(
        "index us-russia-2021, one CEP per side changed each iteration",
        |b| {
            b.iter(|| {
                wider = !wider;
                for (side, &cep) in base.iter().enumerate() {
                    scenario.sides[side].forces[0].cep_m =
                        Some(if wider { cep * 1.1 } else { cep });
                }
                analyze_index_with(
                    black_box(&scenario),
                    AnalysisOptions::default(),
                    &mut workspace,
                )
                .unwrap()
                .index
            })
        },
    );
}

criterion_group!(benches, one_cep_changes);
criterion_main!(benches);
