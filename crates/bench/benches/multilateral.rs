//! N-side benchmarks (issue 10): the three-side analysis of us-russia-china-2025 (target: under
//! 0.5 ms once the exchange is sped up, issue 7), with and without reserves and joiners, the
//! beliefs example, and the two-side us-russia-2021 analysis for scale. Run with
//! `cargo bench -p reykjavik-bench --bench multilateral`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::model::Alert;
use reykjavik_engine::multilateral::{self, MultiOptions, Reserve, ThirdParties};
use reykjavik_engine::stability::{self, AnalysisOptions};

fn three_sides(c: &mut Criterion) {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    c.bench_function("n-side us-russia-china-2025 (no reserve, stay out)", |b| {
        b.iter(|| multilateral::analyze(black_box(&ms), &options).unwrap())
    });
    let fixed = multilateral::MultiScenario {
        reserve: Reserve::FixedShare(0.2),
        third_parties: ThirdParties::JoinVictim,
        ..ms.clone()
    };
    c.bench_function(
        "n-side us-russia-china-2025 (fixed-share 0.2, join-victim)",
        |b| b.iter(|| multilateral::analyze(black_box(&fixed), &options).unwrap()),
    );
    let deter = multilateral::MultiScenario {
        reserve: Reserve::DeterThirdParties,
        ..ms.clone()
    };
    c.bench_function("n-side us-russia-china-2025 (deter-third-parties)", |b| {
        b.iter(|| multilateral::analyze(black_box(&deter), &options).unwrap())
    });
    let beliefs = reykjavik_scenario::multilateral::load("us-russia-china-2025-beliefs").unwrap();
    c.bench_function("n-side us-russia-china-2025-beliefs", |b| {
        b.iter(|| multilateral::analyze(black_box(&beliefs), &options).unwrap())
    });
    let two = reykjavik_scenario::load("us-russia-2021").unwrap();
    c.bench_function("two-side us-russia-2021 stop only (for scale)", |b| {
        b.iter(|| {
            stability::analyze_stop_only(black_box(&two), AnalysisOptions::default()).unwrap()
        })
    });
}

criterion_group!(benches, three_sides);
criterion_main!(benches);
