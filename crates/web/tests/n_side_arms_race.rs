//! `POST /api/analyze` with `arms_race` on an N-side scenario (issue 10): the CLI's `arms_race`
//! object (the report layer's, on the scenario's menu, position retaliation) and its text.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use reykjavik_engine::model::Alert;
use reykjavik_engine::multilateral::MultiOptions;
use reykjavik_engine::reaction::best_response::{Position, Search};
use reykjavik_engine::reaction::n_side_arms_race::n_side_arms_race;
use reykjavik_report::n_side_arms_race::{NSideArmsRaceContext, n_side_arms_race_json};
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

/// The section as the CLI builds it for `analyze us-russia-china-2025 --arms-race`.
fn cli_section() -> Value {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let menu = reykjavik_scenario::response::load("us-russia-china-2025")
        .unwrap()
        .resolve(&ms.scenario)
        .unwrap();
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let search = Search::new(Position::Retaliation, Default::default());
    let race = n_side_arms_race(&ms, &menu, &search, &options).unwrap();
    let context = NSideArmsRaceContext {
        menu: &menu,
        position: Position::Retaliation,
    };
    n_side_arms_race_json(&context, &race)
}

#[tokio::test]
async fn an_n_side_analysis_carries_the_arms_race_section() {
    let (status, value) = send(
        "/api/analyze",
        json!({ "builtin": "us-russia-china-2025", "arms_race": true }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert_eq!(value["kind"], "n-side");
    let expected: Value = serde_json::from_str(&cli_section().to_string()).unwrap();
    assert_eq!(value["document"]["arms_race"], expected);
    assert_eq!(
        value["document"]["arms_race"]["actors"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let text = value["text"].as_str().unwrap();
    assert!(text.contains("Arms-race stability on 3 actors"), "{text}");
}

#[tokio::test]
async fn without_the_flag_there_is_no_section() {
    let (status, value) = send("/api/analyze", json!({ "builtin": "us-russia-china-2025" })).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    assert!(value["document"].get("arms_race").is_none());
}
