//! `optimize` through the analyses layer: the side by name or index, the settings' ranges, and
//! a small search with its best posture written into the scenario's text.

use reykjavik_analyses::optimize::{Settings, objective, run, side_index};
use reykjavik_analyses::{Error, Sides};
use reykjavik_engine::arms_control::optimize::Objective;

fn two(name: &str) -> Sides {
    Sides::Two(Box::new(reykjavik_scenario::load(name).unwrap()))
}

fn settings(side: usize) -> Settings {
    Settings {
        side,
        objective: Objective::Index,
        seed: 1,
        starts: 1,
        grid_budget: 10,
        max_growth: 1.5,
        min_warheads: None,
    }
}

fn input_message<T>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Input(m)) => m,
        Err(other) => panic!("expected bad input, got {other}"),
        Ok(_) => panic!("expected bad input, got a result"),
    }
}

#[test]
fn side_by_name_or_index_from_zero() {
    let base = two("us-russia-2021");
    assert_eq!(side_index(&base, "Russia").unwrap(), 1);
    assert_eq!(side_index(&base, "0").unwrap(), 0);
    let m = input_message(side_index(&base, "Nobody"));
    assert_eq!(
        m,
        "--side Nobody: no such side (sides: United States, Russia)"
    );
    // An index past the sides is no side either.
    input_message(side_index(&base, "2"));
}

#[test]
fn objectives_by_word() {
    assert_eq!(objective("index").unwrap(), Objective::Index);
    assert_eq!(objective("ratio").unwrap(), Objective::Ratio);
    assert_eq!(objective("struck-cost").unwrap(), Objective::StruckCost);
    assert!(input_message(objective("best")).contains("valid: index, ratio, struck-cost"));
}

#[test]
fn settings_out_of_range_name_their_range() {
    let m = input_message(
        Settings {
            max_growth: 0.5,
            ..settings(1)
        }
        .options(),
    );
    assert_eq!(m, "--max-growth 0.5: out of range (valid: 1 to 10)");
    let m = input_message(
        Settings {
            starts: 65,
            ..settings(1)
        }
        .options(),
    );
    assert_eq!(m, "--starts 65: out of range (valid: 1 to 64)");
    let m = input_message(
        Settings {
            grid_budget: 0,
            ..settings(1)
        }
        .options(),
    );
    assert_eq!(m, "--grid-budget 0: out of range (valid: 1 to 100000)");
    let nan = Settings {
        max_growth: f64::NAN,
        ..settings(1)
    };
    input_message(nan.options());
}

#[test]
fn small_search_documents_and_best_posture() {
    let name = "kent-thaler-notional";
    let request = reykjavik_analyses::optimize::Request {
        base: two(name),
        treaty: reykjavik_scenario::treaty::load("new-start").unwrap(),
        options: settings(1).options().unwrap(),
    };
    let optimized = run(request, &|_, _| {}).unwrap();
    let (source, label) = reykjavik_scenario::source_text(name).unwrap();
    let toml = optimized.best_toml(&source, &label).unwrap();
    // The best posture is a scenario that loads, under its new name.
    let best = reykjavik_scenario::parse(&toml, "best.toml").unwrap();
    assert!(best.name.ends_with("-optimized"), "{}", best.name);
    let doc = optimized.json_with_toml(&toml);
    assert_eq!(doc["scenario_toml"].as_str(), Some(toml.as_str()));
    assert_eq!(optimized.json()["scenario_toml"], serde_json::Value::Null);
    assert!(!optimized.text().is_empty());
}
