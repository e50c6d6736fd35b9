//! The two-side `analyze` through the analyses layer: the document is the report layer's for the
//! engine's results, its optional parts are present exactly when asked, the Monte Carlo runs
//! the trials asked with progress, and bad requests are refused as bad input before any work.

use std::sync::atomic::{AtomicU64, Ordering};

use reykjavik_analyses::Error;
use reykjavik_analyses::analyze::{ArmsRace, MonteCarlo, Request, max_trials, run, two_sides};
use reykjavik_analyses::race::menu;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::reaction::best_response::Position;
use reykjavik_engine::stability::{self, AnalysisOptions};

fn scenario(name: &str) -> Scenario {
    reykjavik_scenario::load(name).unwrap()
}

fn request(name: &str) -> Request {
    Request {
        scenario: scenario(name),
        options: AnalysisOptions::default(),
        certify: false,
        curve: false,
        monte_carlo: None,
        arms_race: None,
    }
}

fn monte_carlo(trials: u64) -> Option<MonteCarlo> {
    Some(MonteCarlo {
        trials,
        seed: 7,
        planning: Planning::Fixed,
        at_least: vec![3],
    })
}

#[test]
fn document_is_the_report_layers_for_the_engines_results() {
    let s = scenario("kent-thaler-notional");
    let report = stability::analyze_with(&s, AnalysisOptions::default(), false).unwrap();
    let regimes = stability::standard_regimes(&s).unwrap();
    let direct = reykjavik_report::analyze::Analysis {
        scenario: &s,
        report: &report,
        regimes: &regimes,
        monte_carlo: None,
        arms_race: None,
    };
    let options = reykjavik_report::analyze::Options::default();
    let analysed = run(request("kent-thaler-notional"), &|_| {}).unwrap();
    assert_eq!(
        analysed.json(),
        reykjavik_report::analyze::json(&direct, &options)
    );
    assert_eq!(
        analysed.text(),
        reykjavik_report::analyze::text(&direct, &options)
    );
}

#[test]
fn plain_analysis_has_no_optional_parts() {
    let analysed = run(request("us-russia-2021"), &|_| {}).unwrap();
    let doc = analysed.document();
    assert_eq!(
        doc["exchanges"].as_array().map(Vec::len),
        Some(2),
        "{doc:#}"
    );
    assert!(doc["standard_regimes"].is_array(), "{doc:#}");
    for key in ["monte_carlo", "arms_race"] {
        assert!(doc.get(key).is_none(), "{key} in {doc:#}");
    }
    assert!(doc["exchanges"][0].get("optimality").is_none());
    assert!(analysed.trials.is_none() && analysed.exposure.is_none());
}

#[test]
fn certify_adds_each_strikes_certificate_and_curve_lengthens_the_text() {
    let mut asked = request("kent-thaler-notional");
    asked.certify = true;
    asked.curve = true;
    let plain = run(request("kent-thaler-notional"), &|_| {}).unwrap();
    let analysed = run(asked, &|_| {}).unwrap();
    let doc = analysed.document();
    for x in doc["exchanges"].as_array().unwrap() {
        assert!(x["optimality"].is_object(), "{x:#}");
    }
    assert!(analysed.text().lines().count() > plain.text().lines().count() + 10);
}

#[test]
fn monte_carlo_runs_the_trials_asked_and_reports_progress() {
    let mut r = request("kent-thaler-notional");
    r.monte_carlo = monte_carlo(12);
    assert_eq!(r.steps(), 12);
    let done = AtomicU64::new(0);
    let analysed = run(r, &|n| {
        done.fetch_max(n, Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(analysed.trials.as_ref().map(Vec::len), Some(12));
    assert_eq!(done.load(Ordering::Relaxed), 12);
    let doc = analysed.document();
    assert_eq!(doc["monte_carlo"]["trials"], 12, "{doc:#}");
    assert_eq!(doc["monte_carlo"]["seed"], 7, "{doc:#}");
}

#[test]
fn trials_out_of_range_are_refused_before_any_work() {
    let s = scenario("kent-thaler-notional");
    let (most, _) = max_trials(&s, Planning::Fixed);
    for trials in [0, most + 1] {
        let mut r = request("kent-thaler-notional");
        r.monte_carlo = monte_carlo(trials);
        let called = AtomicU64::new(0);
        let result = run(r, &|_| {
            called.fetch_add(1, Ordering::Relaxed);
        });
        match result {
            Err(Error::Input(m)) => assert!(m.contains(&format!("1 to {most}")), "{m}"),
            Err(e) => panic!("trials {trials}: not bad input: {e}"),
            Ok(_) => panic!("trials {trials} accepted"),
        }
        assert_eq!(called.load(Ordering::Relaxed), 0);
    }
}

#[test]
fn arms_race_section_is_present_when_asked() {
    let mut r = request("us-russia-2021");
    let menu = menu(&r.scenario, None, false).unwrap();
    r.arms_race = Some(ArmsRace {
        menu,
        position: Position::Ratio,
    });
    let analysed = run(r, &|_| {}).unwrap();
    let doc = analysed.document();
    assert_eq!(doc["arms_race"]["sides"].as_array().map(Vec::len), Some(2));
    assert_eq!(doc["arms_race"]["position"], "ratio", "{doc:#}");
    let text = analysed.text();
    assert!(
        text.contains("Arms-race stability (menu us-russia-2021"),
        "{text}"
    );
}

#[test]
fn more_than_two_sides_are_refused_with_the_label() {
    let three = reykjavik_scenario::multilateral::load("us-russia-china-2025")
        .unwrap()
        .scenario;
    match two_sides(&three, "three.toml") {
        Err(Error::Input(m)) => assert_eq!(
            m,
            "three.toml: `analyze` compares exactly 2 sides; this scenario has 3"
        ),
        other => panic!("{other:?}"),
    }
    let mut r = request("us-russia-2021");
    r.scenario = three;
    assert!(matches!(run(r, &|_| {}), Err(Error::Input(_))));
    assert!(two_sides(&scenario("us-russia-2021"), "x").is_ok());
}
