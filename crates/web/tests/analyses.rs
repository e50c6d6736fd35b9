//! The web API of the N-side, race, reciprocity and Richardson analyses (issue 13 views): each
//! answers the document the report layer builds for the CLI's `--format json`, and bad input is a
//! 400 with the engine's message.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use reykjavik_web::{Config, router};
use serde_json::{Value, json};
use tower::ServiceExt;

async fn send(path: &str, body: Value) -> (StatusCode, Value) {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router(Config::default()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn error(value: &Value) -> &str {
    value["error"].as_str().unwrap_or_default()
}

/// The N-side document as the CLI builds it, for a built-in and reserve/third-party words.
fn cli_n_side(name: &str, reserve: &str, third: &str) -> Value {
    use reykjavik_engine::multilateral::{self, MultiOptions, words};
    let mut ms = reykjavik_scenario::multilateral::load(name).unwrap();
    ms.reserve = words::parse_reserve(reserve).unwrap();
    ms.third_parties = words::parse_third_parties(third).unwrap();
    let n = ms.scenario.sides.len();
    let options = MultiOptions::uniform(n, reykjavik_engine::model::Alert::DayToDay, false);
    let analysis = multilateral::analysis::analyze(&ms, &options).unwrap();
    let regimes = reykjavik_report::multilateral::standard_regimes(&ms).unwrap();
    reykjavik_report::multilateral::n_side_json(&reykjavik_report::multilateral::NSideOutput {
        ms: &ms,
        options: &options,
        analysis: &analysis,
        regimes: &regimes,
        trials: None,
    })
}

#[tokio::test]
async fn an_n_side_analysis_is_the_cli_document() {
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "reserve": "fixed-share", "reserve_share": 0.2, "third_parties": "join-victim" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["kind"], "n-side");
    let expected = cli_n_side("us-russia-china-2025", "fixed-share=0.2", "join-victim");
    // Through text as the answer went, so that both sides read the same decimal digits.
    let expected: Value = serde_json::from_str(&expected.to_string()).unwrap();
    assert_eq!(value["document"], expected);
    assert_eq!(value["document"]["sides"].as_array().unwrap().len(), 3);
    assert_eq!(value["document"]["options"]["reserve_share"], 0.2);
    assert!(value["text"].as_str().unwrap().contains("N-side"));
}

#[tokio::test]
async fn n_side_beliefs_give_perceived_figures() {
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025-beliefs" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert!(!value["document"]["beliefs"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn n_side_fields_say_so_and_two_side_views_refuse_by_name() {
    let (status, value) = send("/api/fields", json!({ "builtin": "us-russia-china-2021" })).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["n_side"], true);
    assert_eq!(value["sides"].as_array().unwrap().len(), 3);
    let (status, value) = send("/api/treaty", json!({ "builtin": "us-russia-china-2025" })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        error(&value).contains("does not read N-side scenarios"),
        "{value}"
    );
}

#[tokio::test]
async fn bad_n_side_options_are_400_naming_the_valid_words() {
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "reserve": "fixed-share", "reserve_share": 1.5 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("0 to 1"), "{value}");
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "third_parties": "bandwagon" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("join-against-weaker"), "{value}");
}

#[tokio::test]
async fn a_race_is_the_cli_document_and_refuses_bad_rounds() {
    let (status, value) = send(
        "/api/race",
        json!({ "builtin": "us-russia-2021", "move": "us-homeland-defense", "rounds": 3, "richardson": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let doc = &value["document"];
    assert!(doc["rounds"].as_array().unwrap().len() <= 4, "{doc}");
    assert_eq!(doc["outcome"]["class"], "settles", "{doc}");
    assert!(doc["richardson"]["k"].as_f64().unwrap() >= 0.0);
    let (status, value) = send(
        "/api/race",
        json!({ "builtin": "us-russia-2021", "move": "us-homeland-defense", "rounds": 0 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("rounds"), "{value}");
    let (status, value) = send(
        "/api/race",
        json!({ "builtin": "us-russia-2021", "move": "/etc/passwd" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("no built-in proposal"), "{value}");
}

/// The race's mover and menu errors in the web's words (its fields `by` and `menu`), as the
/// endpoint answered before the race moved into the analyses layer.
#[tokio::test]
async fn race_mover_and_menu_errors_name_the_fields() {
    let cases = [
        (
            "us-russia-2021",
            json!({ "by": 2 }),
            "by: 0 or 1 (the side that moves)",
        ),
        (
            "us-russia-china-2025",
            json!({ "by": 7 }),
            "by: a side number, 0 to 2",
        ),
        (
            "us-russia-2021",
            json!({ "menu": "nope" }),
            "no built-in response menu named `nope` (built-in: us-russia-2021, kent-thaler-notional, us-russia-china-2025)",
        ),
        (
            "us-russia-china-2025",
            json!({ "menu": "nope" }),
            "no built-in response menu named `nope` (built-in: us-russia-2021, kent-thaler-notional, us-russia-china-2025)",
        ),
    ];
    for (scenario, extra, expected) in cases {
        let mut body = json!({ "builtin": scenario, "move": "us-homeland-defense", "rounds": 1 });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, value) = send("/api/race", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{value}");
        assert_eq!(error(&value), expected, "{scenario}");
    }
}

#[tokio::test]
async fn analyze_with_the_arms_race_section() {
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-2021", "arms_race": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert!(value["document"]["arms_race"].is_object(), "{value}");
}

#[tokio::test]
async fn reciprocity_game_table_and_events() {
    let (status, value) = send(
        "/api/reciprocity",
        json!({ "a": "tft", "b": "tft", "noise": 0.01 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let doc = &value["document"];
    assert!(doc["long_run"].is_object(), "{doc}");
    let (status, value) = send("/api/reciprocity", json!({ "mode": "table" })).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["document"]["strategies"].as_array().unwrap().len(), 7);
    let (status, value) = send("/api/reciprocity", json!({ "mode": "events" })).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["document"]["events"].as_array().unwrap().len(), 6);
    let (status, value) = send(
        "/api/reciprocity",
        json!({ "a": "tft", "b": "tft", "noise": 1.5 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("noise"), "{value}");
    let (status, value) = send("/api/reciprocity", json!({ "payoffs": [3, 5, 1, 0] })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{value}");
}

#[tokio::test]
async fn richardson_gives_the_equilibrium_and_refuses_bad_rates() {
    // dx/dt = 0.5 y - 1 x + 1, dy/dt = 0.5 x - 1 y + 1: equilibrium x = y = 1 / (1 - 0.5) = 2.
    let (status, value) = send(
        "/api/richardson",
        json!({ "k": 0.5, "l": 0.5, "a": 1, "b": 1, "g": 1, "h": 1, "years": 10, "steps": 50 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let doc = &value["document"];
    for axis in ["x", "y"] {
        let at = doc["equilibrium"][axis].as_f64().unwrap();
        assert!((at - 2.0).abs() < 1e-12, "{doc}");
    }
    assert_eq!(doc["classification"], "stable node");
    assert_eq!(doc["trajectory"]["points"].as_array().unwrap().len(), 51);
    let (status, value) = send(
        "/api/richardson",
        json!({ "k": 500, "l": 0.5, "a": 1, "b": 1 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains('k'), "{value}");
}

#[tokio::test]
async fn richardson_estimate_from_a_scenario() {
    let (status, value) = send(
        "/api/richardson",
        json!({ "a": 1, "b": 1, "estimate": { "builtin": "us-russia-2021" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(
        value["document"]["estimated_from"]["scenario"],
        "us-russia-2021"
    );
}

#[tokio::test]
async fn quick_controls_set_fields_of_an_n_side_scenario() {
    let base = json!({ "builtin": "us-russia-china-2025" });
    let (_, fields) = send("/api/fields", base.clone()).await;
    let cep = fields["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "side[1].force[0].cep_m")
        .expect("a CEP of Russia's first force")
        .clone();
    let (_, before) = send("/api/analyze", base).await;
    let moved = cep["max"]
        .as_f64()
        .unwrap()
        .min(cep["value"].as_f64().unwrap() * 3.0);
    let (status, after) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "set": { "side[1].force[0].cep_m": moved } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_ne!(
        before["document"]["actual"]["index"],
        after["document"]["actual"]["index"]
    );
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "set": { "side[1].force[0].cep_m": -1.0 } }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(value["field"], "side[1].force[0].cep_m", "{value}");
}

/// The N-side race document as the CLI builds it (us-russia-china-2025 after
/// us-homeland-defense, 2 rounds, retaliation, day-to-day).
fn cli_n_side_race() -> Value {
    use reykjavik_engine::multilateral::MultiOptions;
    use reykjavik_engine::reaction::best_response::{Position, Search};
    use reykjavik_engine::reaction::n_side_race::{self, NSideRaceSettings};
    use reykjavik_engine::reaction::race::{DEFAULT_BOUND, RaceSettings};
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let loaded = reykjavik_scenario::proposal::load("us-homeland-defense").unwrap();
    let moved = reykjavik_scenario::proposal::apply_sides(&ms.scenario, &loaded, 8).unwrap();
    let menu = reykjavik_scenario::response::load("us-russia-china-2025")
        .unwrap()
        .resolve(&ms.scenario)
        .unwrap();
    let settings = NSideRaceSettings {
        race: RaceSettings {
            search: Search::new(Position::Retaliation, Default::default()),
            rounds: 2,
            bound: DEFAULT_BOUND,
        },
        options: MultiOptions::uniform(3, reykjavik_engine::model::Alert::DayToDay, false),
    };
    let race = n_side_race::race(&ms, &moved, 0, &menu, &settings).unwrap();
    let context = reykjavik_report::n_side_race::NSideRaceContext {
        base: &ms,
        move_name: &loaded.proposal.name,
        move_description: &loaded.proposal.description,
        menu: &menu,
    };
    reykjavik_report::n_side_race::n_side_race_json(&context, &race)
}

#[tokio::test]
async fn an_n_side_race_is_the_cli_document() {
    let (status, value) = send(
        "/api/race",
        json!({ "builtin": "us-russia-china-2025", "move": "us-homeland-defense", "rounds": 2 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let expected: Value = serde_json::from_str(&cli_n_side_race().to_string()).unwrap();
    assert_eq!(value["document"], expected);
    assert_eq!(value["document"]["order"][0], "Russia");
    assert!(value["text"].as_str().unwrap().contains("race on 3 sides"));
    let (status, value) = send(
        "/api/race",
        json!({ "builtin": "us-russia-china-2025", "move": "us-homeland-defense", "richardson": true }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("couple two sides"), "{value}");
    let (status, value) = send(
        "/api/race",
        json!({ "builtin": "us-russia-china-2025", "move": "us-homeland-defense", "by": 7 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("by: a side number"), "{value}");
}

#[tokio::test]
async fn an_n_side_sweep_is_the_cli_table() {
    let axis = |path: &str, start: f64, stop: f64, steps: usize| json!({ "path": path, "start": start, "stop": stop, "steps": steps });
    let hami = "side[China].force[Hami field (DF-31 class)].launchers";
    let (status, value) = send(
        "/api/sweep",
        json!({ "builtin": "us-russia-china-2025", "axes": [axis(hami, 0.0, 110.0, 3)] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["kind"], "n-side");
    assert_eq!(value["columns"][1], "index");
    assert_eq!(value["columns"][4], "overall_ratio[China]");
    assert_eq!(value["rows"].as_array().unwrap().len(), 3);
    // The table of `reykjavik sweep` on N sides, number for number.
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = reykjavik_engine::multilateral::MultiOptions::uniform(
        3,
        reykjavik_engine::model::Alert::DayToDay,
        false,
    );
    let axes = [reykjavik_engine::sweep::Axis::linear(hami, 0.0, 110.0, 3)];
    let points = reykjavik_engine::multilateral::sweep::run(&ms, &axes, &options, &|_| {}).unwrap();
    let names: Vec<String> = ms.scenario.sides.iter().map(|s| s.name.clone()).collect();
    let table = reykjavik_report::multilateral_sweep::table(&names, &axes, &points);
    assert_eq!(
        value["csv"].as_str().unwrap(),
        reykjavik_report::multilateral_sweep::csv(&table)
    );
    // The N-side cap, and located axis errors, are 400s.
    let (status, value) = send(
        "/api/sweep",
        json!({ "builtin": "us-russia-china-2025", "axes": [axis(hami, 0.0, 110.0, 4)] }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("not a whole number"), "{value}");
}

/// `POST /api/optimize` on an N-side scenario answers the CLI's N-side document (without
/// `scenario_toml`); a side past the last is a 400.
#[tokio::test]
async fn an_n_side_optimize_is_the_cli_document() {
    use reykjavik_engine::arms_control::optimize::{Objective, SearchOptions};
    use reykjavik_report::multilateral_optimize::{NSideReport, json};
    let request = json!({ "builtin": "us-russia-china-2025", "side": 2, "starts": 1, "grid_budget": 6, "max_growth": 1.2 });
    let (status, value) = send("/api/optimize", request).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let treaty = reykjavik_scenario::treaty::load("new-start").unwrap();
    let options = SearchOptions {
        side: 2,
        objective: Objective::Index,
        seed: 1,
        starts: 1,
        grid_budget: 6,
        max_growth: 1.2,
        min_warheads: None,
    };
    let result =
        reykjavik_engine::multilateral::optimize::search(&ms, &treaty, options, &|_, _| {})
            .unwrap();
    let expected = json(&NSideReport {
        ms: &ms,
        treaty: &treaty,
        side: 2,
        objective: Objective::Index,
        seed: 1,
        max_growth: 1.2,
        result: &result,
    });
    // Through text as the answer went, so that both sides read the same decimal digits.
    let expected: Value = serde_json::from_str(&expected.to_string()).unwrap();
    assert_eq!(value["document"], expected);
    assert!(value["text"].as_str().unwrap().contains("N-side index"));
    let (status, value) = send(
        "/api/optimize",
        json!({ "builtin": "us-russia-china-2025", "side": 3 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error(&value), "side: 0 to 2");
}

/// N-side Monte Carlo on the web (issue 10): the CLI's `monte_carlo` object (every pair's
/// outcomes drawn), reproducible from the seed; the caps and unknown words are 400s.
#[tokio::test]
async fn n_side_monte_carlo_is_the_cli_monte_carlo() {
    use reykjavik_engine::montecarlo::Planning;
    use reykjavik_engine::multilateral::{MultiOptions, outcomes};
    use reykjavik_report::multilateral_montecarlo::{self as nmc, NSideMonteCarlo};
    let request = json!({ "builtin": "us-russia-china-2025", "trials": 20, "seed": 3, "planning": "informed" });
    let (status, value) = send("/api/analyze", request.clone()).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let mc = &value["document"]["monte_carlo"];
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = MultiOptions::uniform(3, reykjavik_engine::model::Alert::DayToDay, false);
    let run = NSideMonteCarlo {
        seed: 3,
        planning: Planning::Informed,
        at_least: vec![],
        trials: outcomes::run(&ms, &options, Planning::Informed, 20, 3, &|_| {}).unwrap(),
    };
    let report = reykjavik_engine::multilateral::analyze(&ms, &options)
        .unwrap()
        .actual;
    let expected: Value = serde_json::from_str(&nmc::json(&ms, &report, &run).to_string()).unwrap();
    assert_eq!(mc, &expected);
    assert_eq!(mc["exchanges"].as_array().unwrap().len(), 6);
    assert!(
        value["text"]
            .as_str()
            .unwrap()
            .contains("Monte Carlo: 20 trials")
    );
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "trials": 100_000_000u64 }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(value["field"], "trials");
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "trials": 5, "planning": "clairvoyant" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error(&value).contains("valid: fixed, informed"), "{value}");
}
