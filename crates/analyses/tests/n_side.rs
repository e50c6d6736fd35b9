//! The N-side `analyze` through the analyses layer: the parts of the document present exactly
//! when asked, the Monte Carlo's trial count and progress, and a trial count out of range
//! refused as bad input before any work.

use std::sync::atomic::{AtomicU64, Ordering};

use reykjavik_analyses::Error;
use reykjavik_analyses::n_side::{MonteCarlo, Request, arms_race, max_trials, run};
use reykjavik_analyses::race::n_side_menu;
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::MultiOptions;
use reykjavik_engine::reaction::best_response::Position;

fn request() -> Request {
    let base = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = MultiOptions::uniform(base.scenario.sides.len(), Alert::DayToDay, false);
    Request {
        base,
        options,
        monte_carlo: None,
        curve: false,
        certify: false,
        arms_race: None,
    }
}

fn monte_carlo(trials: u64) -> Option<MonteCarlo> {
    Some(MonteCarlo {
        trials,
        seed: 1,
        planning: Planning::Fixed,
        at_least: vec![],
    })
}

#[test]
fn plain_analysis_has_no_optional_parts() {
    let analysed = run(request(), &|_| {}).unwrap();
    let doc = analysed.json();
    assert_eq!(doc["kind"], "n-side");
    assert_eq!(doc["sides"].as_array().map(Vec::len), Some(3), "{doc:#}");
    for key in ["monte_carlo", "pair_exchanges", "arms_race"] {
        assert!(doc.get(key).is_none(), "{key} in {doc:#}");
    }
    assert!(analysed.pairs.is_empty());
    assert_eq!(analysed.json_text(), format!("{doc:#}\n"));
}

#[test]
fn monte_carlo_runs_the_trials_asked_and_reports_progress() {
    let mut r = request();
    r.monte_carlo = monte_carlo(20);
    let done = AtomicU64::new(0);
    let analysed = run(r, &|n| {
        done.fetch_max(n, Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(analysed.trials.as_ref().map(|t| t.trials.len()), Some(20));
    assert_eq!(done.load(Ordering::Relaxed), 20);
    assert_eq!(analysed.json()["monte_carlo"]["trials"], 20);
}

#[test]
fn trials_out_of_range_are_bad_input() {
    for trials in [0, max_trials(&request().base, Planning::Fixed) + 1] {
        let mut r = request();
        r.monte_carlo = monte_carlo(trials);
        match run(r, &|_| panic!("no trial may run")) {
            Err(Error::Input(m)) => assert!(m.contains(&format!("trials {trials}")), "{m}"),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("{trials} trials accepted"),
        }
    }
}

#[test]
fn pair_details_and_arms_race_when_asked() {
    let mut r = request();
    r.certify = true;
    let menu = n_side_menu(&r.base, &r.options, None).unwrap();
    r.arms_race = Some(arms_race(&r.base, &r.options, menu, Position::Retaliation).unwrap());
    let analysed = run(r, &|_| {}).unwrap();
    let doc = analysed.json();
    let pairs = doc["pair_exchanges"].as_array().unwrap();
    assert_eq!(pairs.len(), analysed.pairs.len());
    assert!(!pairs.is_empty());
    assert!(doc["arms_race"].is_object(), "{doc:#}");
    let text = analysed.text();
    assert!(text.contains("Each pair's exchange"), "{text}");
}
