//! Issue 7's speed targets as a loop runs them (Monte Carlo with re-planning, sweeps): one
//! stop-only index per iteration with the planning workspace kept across iterations, so the
//! set-up's vectors, the kill table rows and the allocators are refilled, not allocated.
//! Run with `cargo bench -p reykjavik-bench --bench setup_greedy -- --quick`; for repeatable
//! numbers count instructions with callgrind on `examples/profile_index NAME RUNS reuse`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::exchange::Workspace;
use reykjavik_engine::stability::{AnalysisOptions, analyze_stop_only_with};

fn reused_workspace(c: &mut Criterion) {
    for name in ["us-russia-2021", "kent-thaler-notional"] {
        let scenario = reykjavik_scenario::load(name).unwrap();
        let mut workspace = Workspace::default();
        c.bench_function(&format!("index {name} stop-only, reused workspace"), |b| {
            b.iter(|| {
                analyze_stop_only_with(
                    black_box(&scenario),
                    AnalysisOptions::default(),
                    &mut workspace,
                )
                .unwrap()
            })
        });
    }
}

criterion_group!(benches, reused_workspace);
criterion_main!(benches);
