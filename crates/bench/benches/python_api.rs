//! Issue 14: what one `reykjavik.analyze("us-russia-2021")` call does in Rust, stage by stage, to
//! set against the Python call's wall clock (crates/py/bench/overhead.py): parsing the built-in,
//! the engine alone (the analysis and the four standard regimes) and the engine plus the
//! `analyze` JSON document. The difference to the Python call is the Python layer's overhead.
//! Run with `cargo bench -p reykjavik-bench --bench python_api`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::stability::{self, AnalysisOptions};

fn python_analyze_stages(c: &mut Criterion) {
    let text = reykjavik_scenario::builtin::find("us-russia-2021")
        .unwrap()
        .toml;
    let scenario = reykjavik_scenario::parse(text, "us-russia-2021").unwrap();
    c.bench_function("python stage: parse us-russia-2021", |b| {
        b.iter(|| reykjavik_scenario::parse(black_box(text), "us-russia-2021").unwrap())
    });
    let engine = |s: &reykjavik_engine::model::Scenario| {
        let report = stability::analyze_with(s, AnalysisOptions::default(), false).unwrap();
        let regimes = stability::standard_regimes(s).unwrap();
        (report, regimes)
    };
    c.bench_function(
        "python stage: engine alone (analysis + 4 standard regimes)",
        |b| b.iter(|| engine(black_box(&scenario))),
    );
    c.bench_function("python stage: engine + analyze JSON document", |b| {
        b.iter(|| {
            let (report, regimes) = engine(black_box(&scenario));
            let analysis = reykjavik_report::analyze::Analysis {
                scenario: &scenario,
                report: &report,
                regimes: &regimes,
                monte_carlo: None,
                arms_race: None,
            };
            reykjavik_report::analyze::json(&analysis, &Default::default())
        })
    });
}

criterion_group!(benches, python_analyze_stages);
criterion_main!(benches);
