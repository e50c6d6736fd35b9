//! N-side `compare` (issue 10 item 4): the base and one proposal of us-russia-china-2025 under
//! the four standard regimes, applying the proposal included, and 100 paired trials over the
//! inputs. Run with `cargo bench -p reykjavik-bench --bench multilateral_compare`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::limits::size::MULTILATERAL_SIDES;
use reykjavik_engine::multilateral::compare::{paired_monte_carlo, regimes, with_truth};

fn n_side_compare(c: &mut Criterion) {
    let base = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let proposal = reykjavik_scenario::proposal::load("de-mirv-icbms").unwrap();
    c.bench_function(
        "n-side compare us-russia-china-2025 + de-mirv-icbms (4 regimes)",
        |b| {
            b.iter(|| {
                let truth = reykjavik_scenario::proposal::apply_sides(
                    black_box(&base.scenario),
                    &proposal,
                    MULTILATERAL_SIDES,
                )
                .unwrap();
                let changed = with_truth(&base, truth);
                (regimes(&base).unwrap(), regimes(&changed).unwrap())
            })
        },
    );
    let truth =
        reykjavik_scenario::proposal::apply_sides(&base.scenario, &proposal, MULTILATERAL_SIDES)
            .unwrap();
    let changed = with_truth(&base, truth);
    let mut group = c.benchmark_group("n-side paired trials");
    group.sample_size(10);
    group.bench_function("100 paired trials, 4 regimes", |b| {
        b.iter(|| paired_monte_carlo(black_box(&base), &changed, 100, 1, &|_| {}).unwrap())
    });
    group.finish();
}

criterion_group!(benches, n_side_compare);
criterion_main!(benches);
