//! Action-reaction benchmarks on us-russia-2021 after the us-homeland-defense move (targets on a
//! 2-core machine: one best response under 0.5 s, a 10-round race under 5 s), and the
//! three-power race and arms-race stability on us-russia-china-2025 (no target set; reported).
//! Run with `cargo bench -p reykjavik-bench --bench reaction -- --quick`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reykjavik_engine::model::{Alert, Scenario};
use reykjavik_engine::multilateral::MultiOptions;
use reykjavik_engine::reaction::best_response::{self, Position, ResponseMenu, Search};
use reykjavik_engine::reaction::n_side_arms_race;
use reykjavik_engine::reaction::n_side_race::{self, NSideRaceSettings};
use reykjavik_engine::reaction::race::{self, RaceSettings};
use reykjavik_engine::stability::AnalysisOptions;

/// The base, the base after the move, and the built-in menu.
fn fixture() -> (Scenario, Scenario, ResponseMenu) {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let proposal = reykjavik_scenario::proposal::load("us-homeland-defense").unwrap();
    let moved = reykjavik_scenario::proposal::apply(&base, &proposal).unwrap();
    let menu = reykjavik_scenario::response::load("us-russia-2021")
        .unwrap()
        .resolve(&base)
        .unwrap();
    (base, moved, menu)
}

fn best_responses(c: &mut Criterion) {
    let (base, moved, menu) = fixture();
    let search = Search::new(Position::Retaliation, AnalysisOptions::default());
    let target = best_response::position_of(&base, 1, &search).unwrap();
    let mut group = c.benchmark_group("best response us-russia-2021");
    group.sample_size(10);
    group.bench_function("Russia to us-homeland-defense", |b| {
        b.iter(|| {
            best_response::best_response(black_box(&moved), &menu, 1, target, &search).unwrap()
        })
    });
    // A hard target: 99.9 % of Russia's retaliation with every option at its cap, far above
    // what cheap combinations give, so the cost-ordered search spends much of its budget.
    let russia = menu.of_side(1);
    let room = best_response::room(&moved, &menu, &russia).unwrap();
    let everything = best_response::apply_steps(&moved, &menu, &russia, &room).unwrap();
    let hard = best_response::position_of(&everything, 1, &search).unwrap() * 0.999;
    group.bench_function("Russia, 99.9 % of its whole-menu retaliation", |b| {
        b.iter(|| best_response::best_response(black_box(&moved), &menu, 1, hard, &search).unwrap())
    });
    group.finish();
}

fn races(c: &mut Criterion) {
    let (base, moved, menu) = fixture();
    let mut group = c.benchmark_group("race us-russia-2021 us-homeland-defense");
    group.sample_size(10);
    for position in Position::ALL {
        let settings = RaceSettings {
            search: Search::new(position, AnalysisOptions::default()),
            rounds: 10,
            bound: race::DEFAULT_BOUND,
        };
        group.bench_function(format!("10 rounds requested, {}", position.name()), |b| {
            b.iter(|| race::race(black_box(&base), &moved, 0, &menu, &settings).unwrap())
        });
    }
    group.finish();
}

/// The three-power race (issue 10): us-russia-china-2025 after us-homeland-defense, 10 full
/// rounds requested, on its built-in menu.
fn n_side_races(c: &mut Criterion) {
    let base = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let proposal = reykjavik_scenario::proposal::load("us-homeland-defense").unwrap();
    let moved = reykjavik_scenario::proposal::apply_sides(
        &base.scenario,
        &proposal,
        reykjavik_engine::limits::size::MULTILATERAL_SIDES,
    )
    .unwrap();
    let menu = reykjavik_scenario::response::load("us-russia-china-2025")
        .unwrap()
        .resolve(&base.scenario)
        .unwrap();
    let mut group = c.benchmark_group("race us-russia-china-2025 us-homeland-defense");
    group.sample_size(10);
    for position in Position::ALL {
        let settings = NSideRaceSettings {
            race: RaceSettings {
                search: Search::new(position, AnalysisOptions::default()),
                rounds: 10,
                bound: race::DEFAULT_BOUND,
            },
            options: MultiOptions::uniform(3, Alert::DayToDay, false),
        };
        group.bench_function(format!("10 rounds requested, {}", position.name()), |b| {
            b.iter(|| n_side_race::race(black_box(&base), &moved, 0, &menu, &settings).unwrap())
        });
    }
    group.finish();
}

/// Arms-race stability among the three powers (issue 10): every actor's best response to each
/// one-step move of the others on the built-in menu.
fn n_side_arms_races(c: &mut Criterion) {
    let base = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let menu = reykjavik_scenario::response::load("us-russia-china-2025")
        .unwrap()
        .resolve(&base.scenario)
        .unwrap();
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let mut group = c.benchmark_group("arms race us-russia-china-2025");
    group.sample_size(10);
    for position in Position::ALL {
        let search = Search::new(position, AnalysisOptions::default());
        group.bench_function(position.name(), |b| {
            b.iter(|| {
                n_side_arms_race::n_side_arms_race(black_box(&base), &menu, &search, &options)
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    best_responses,
    races,
    n_side_races,
    n_side_arms_races
);
criterion_main!(benches);
