//! The report layer on real engine results: the JSON documents carry the engine's numbers
//! unchanged, the text states them, and nothing renders NaN or infinity.

use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::stability::{self, AnalysisOptions};
use reykjavik_report::analyze::{self, Analysis, Options};
use reykjavik_report::montecarlo::MonteCarlo;
use serde_json::Value;

fn us_russia() -> reykjavik_engine::model::Scenario {
    reykjavik_scenario::load("us-russia-2021").expect("the built-in loads")
}

#[test]
fn analyze_json_carries_the_engine_index_and_curves() {
    let scenario = us_russia();
    let report = stability::analyze_with(&scenario, AnalysisOptions::default(), true).unwrap();
    let regimes = stability::standard_regimes(&scenario).unwrap();
    let analysis = Analysis {
        scenario: &scenario,
        report: &report,
        regimes: &regimes,
        monte_carlo: None,
        arms_race: None,
    };
    let options = Options {
        certify: true,
        curve: false,
    };
    let text = analyze::json(&analysis, &options);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["first_strike_stability"]["index"].as_f64(),
        Some(report.index)
    );
    assert_eq!(
        value["schema_version"],
        reykjavik_report::OUTPUT_SCHEMA_VERSION
    );
    assert_eq!(value["standard_regimes"].as_array().unwrap().len(), 4);
    for (k, x) in report.exchanges.iter().enumerate() {
        let curve = value["exchanges"][k]["draw_down_curve"].as_array().unwrap();
        assert_eq!(curve.len(), x.curve.len());
        assert!(value["exchanges"][k]["optimality"].is_object());
    }
    // The tree keeps placeholders; the streamed string has the points.
    let tree = analyze::document(&analysis, &options);
    assert!(tree["exchanges"][0]["draw_down_curve"].is_null());
}

#[test]
fn analyze_text_states_the_index_and_the_caveat() {
    let scenario = us_russia();
    let report = stability::analyze(&scenario, AnalysisOptions::default()).unwrap();
    let regimes = stability::standard_regimes(&scenario).unwrap();
    let analysis = Analysis {
        scenario: &scenario,
        report: &report,
        regimes: &regimes,
        monte_carlo: None,
        arms_race: None,
    };
    let text = analyze::text(&analysis, &Options::default());
    // us-russia-2021 has uncertain inputs: the headline figures carry 2 significant digits.
    assert!(text.contains(&format!(
        "First-strike stability index: {:.2}",
        report.index
    )));
    assert!(text.contains("it is not a probability of war"));
    assert!(!text.contains("Draw-down curve"));
    let with_curve = analyze::text(
        &analysis,
        &Options {
            curve: true,
            ..Options::default()
        },
    );
    assert!(with_curve.contains("<- stop"));
    let not_finite = ["NaN", "inf", "-inf"];
    assert!(
        text.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .all(|word| !not_finite.contains(&word))
    );
}

#[test]
fn monte_carlo_json_counts_its_trials_and_reports_asked_thresholds() {
    let scenario = us_russia();
    let options = AnalysisOptions::default();
    let trials = montecarlo::run(&scenario, options, Planning::Fixed, 20, 7, &|_| {}).unwrap();
    let mc = MonteCarlo {
        trials: &trials,
        seed: 7,
        planning: Planning::Fixed,
        at_least: &[3],
    };
    let value = reykjavik_report::montecarlo::json(&scenario, &mc);
    assert_eq!(value["trials"], 20);
    assert_eq!(value["seed"], 7);
    let p = value["exchanges"][0]["p_at_least"].as_object().unwrap();
    let keys: Vec<&str> = p.keys().map(String::as_str).collect();
    assert_eq!(keys, ["1", "3", "5", "10", "50", "100"]);
    let histogram: u64 = value["index_histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .sum();
    assert_eq!(histogram, 20);
}

#[test]
fn sweep_csv_has_a_header_and_a_row_per_point() {
    use reykjavik_engine::sweep;
    let scenario = us_russia();
    let axes = vec![sweep::Axis::linear(
        "side[1].force[0].cep_m",
        150.0,
        450.0,
        3,
    )];
    let points = sweep::run(&scenario, &axes, AnalysisOptions::default(), &|_| {}).unwrap();
    let csv = reykjavik_report::sweep::csv(&scenario, &axes, &points);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("side[1].force[0].cep_m,index,ratio[United States]"));
    assert!(lines[1].starts_with("150,"));
    assert_eq!(
        reykjavik_report::sweep::unit_of("side[1].force[0].cep_m"),
        "m"
    );
    assert_eq!(
        reykjavik_report::sweep::label("side[0].value.w80"),
        "side[0].value.w80 (weapons)"
    );
}
