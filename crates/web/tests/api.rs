//! The web API end to end, in process (tower's `oneshot`): status codes and bodies of good and
//! bad requests, the caps, the asset table and the security headers.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use reykjavik_web::{Config, router};
use serde_json::{Value, json};
use tower::ServiceExt;

async fn send(config: Config, request: Request<Body>) -> (StatusCode, Value, String) {
    let response = router(config).oneshot(request).await.unwrap();
    let status = response.status();
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value, csp)
}

fn post(path: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn a_good_analysis_gives_the_engine_index_and_the_text() {
    let (status, value, csp) = send(
        Config::default(),
        post("/api/analyze", &json!({ "builtin": "us-russia-2021" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let report = reykjavik_engine::stability::analyze(&scenario, Default::default()).unwrap();
    assert_eq!(
        value["document"]["first_strike_stability"]["index"].as_f64(),
        Some(report.index)
    );
    assert_eq!(
        value["document"]["standard_regimes"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert!(
        value["text"]
            .as_str()
            .unwrap()
            .contains("not a probability of war")
    );
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
}

#[tokio::test]
async fn posture_and_overrides_change_the_analysis() {
    let request = json!({
        "builtin": "us-russia-2021",
        "alert": ["generated", "generated"],
        "launch_under_attack": [true, true],
    });
    let (status, value, _) = send(Config::default(), post("/api/analyze", &request)).await;
    assert_eq!(status, StatusCode::OK);
    let sides = value["document"]["sides"].as_array().unwrap();
    assert!(
        sides
            .iter()
            .all(|s| s["alert"] == "generated" && s["launches_under_attack"] == true)
    );
    let bad = json!({ "builtin": "us-russia-2021", "set": { "side[0].force[0].cep_m": -1.0 } });
    let (status, value, _) = send(Config::default(), post("/api/analyze", &bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(value["field"], "side[0].force[0].cep_m");
    assert_eq!(value["valid"], "> 0 and <= 100000");
}

#[tokio::test]
async fn a_bad_toml_gives_400_with_line_column_and_field() {
    let text = reykjavik_scenario::builtin::find("us-russia-2021")
        .unwrap()
        .toml;
    let (line, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("cep_m = "))
        .unwrap();
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(k, l)| {
            if k == line {
                "cep_m = -5".into()
            } else {
                l.to_string()
            }
        })
        .collect();
    let (status, value, _) = send(
        Config::default(),
        post("/api/analyze", &json!({ "toml": broken.join("\n") })),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let d = &value["diagnostics"][0];
    assert_eq!(d["line"], line + 1);
    assert_eq!(d["column"], 9);
    assert_eq!(d["field"], "side[0].force[0].cep_m");
    assert!(d["message"].as_str().unwrap().contains("valid: > 0"));
}

#[tokio::test]
async fn an_oversize_body_gives_413() {
    let big = json!({ "toml": "#".repeat(2 << 20) });
    let (status, _, _) = send(Config::default(), post("/api/analyze", &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn too_many_trials_give_400_with_the_cap() {
    let request = json!({ "builtin": "us-russia-2021", "trials": 10_000_000u64 });
    let (status, value, _) = send(Config::default(), post("/api/analyze", &request)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let cap = value["max"].as_u64().unwrap();
    assert!((1..=100_000).contains(&cap));
    assert!(
        value["error"]
            .as_str()
            .unwrap()
            .contains(&format!("1 to {cap}"))
    );
}

#[tokio::test]
async fn too_large_a_sweep_gives_400_with_the_cap() {
    let axis = json!({ "path": "side[0].force[0].cep_m", "start": 100, "stop": 200, "steps": 100 });
    let request = json!({ "builtin": "us-russia-2021", "axes": [axis, axis] });
    let (status, value, _) = send(Config::default(), post("/api/sweep", &request)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(value["max"], 2500);
}

#[tokio::test]
async fn a_2d_sweep_gives_a_row_per_grid_point() {
    let request = json!({ "builtin": "kent-thaler-notional", "axes": [
        { "path": "side[0].value.w80", "start": 100, "stop": 300, "steps": 3 },
        { "path": "side[1].value.w80", "start": 100, "stop": 300, "steps": 2 },
    ] });
    let (status, value, _) = send(Config::default(), post("/api/sweep", &request)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value["rows"].as_array().unwrap().len(), 6);
    assert_eq!(value["columns"][2], "index");
    assert_eq!(value["csv"].as_str().unwrap().lines().count(), 7);
}

#[tokio::test]
async fn path_traversal_and_unknown_assets_give_404() {
    for path in [
        "/assets/../Cargo.toml",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/%2e%2e/src/lib.rs",
        "/assets//etc/passwd",
        "/assets/views/../../Cargo.toml",
        "/etc/passwd",
        "/api/nothing",
    ] {
        let (status, _, _) = send(Config::default(), get(path)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _, csp) = send(Config::default(), get("/assets/app.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csp.starts_with("default-src 'none'"));
}

#[tokio::test]
async fn names_are_built_ins_only_never_paths() {
    let (status, _, _) = send(
        Config::default(),
        post("/api/analyze", &json!({ "builtin": "/etc/passwd" })),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, value, _) = send(
        Config::default(),
        post(
            "/api/treaty",
            &json!({ "builtin": "us-russia-2021", "treaty": "Cargo.toml" }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        value["error"]
            .as_str()
            .unwrap()
            .contains("no built-in treaty")
    );
    let (status, _, _) = send(Config::default(), get("/api/scenarios/..%2FCargo.toml")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_computation_past_the_deadline_gives_503() {
    let config = Config {
        deadline: Duration::from_millis(1),
        ..Config::default()
    };
    let request = json!({ "builtin": "us-russia-2021", "trials": 2_000 });
    let (status, value, _) = send(config, post("/api/analyze", &request)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(value["error"].as_str().unwrap().contains("deadline"));
}

#[tokio::test]
async fn the_other_views_answer() {
    let base = json!({ "builtin": "us-russia-2021" });
    let mut compare = base.clone();
    compare["proposals"] = json!(["de-mirv-icbms"]);
    let (status, value, _) = send(Config::default(), post("/api/compare", &compare)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value["document"]["entries"].as_array().unwrap().len(), 2);
    let (status, value, _) = send(Config::default(), post("/api/treaty", &base)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value["document"]["treaty"], "new-start");
    let (status, value, _) = send(
        Config::default(),
        post("/api/breakout", &json!({ "case": "iran-jcpoa" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(value["document"]["months_to_first"].as_f64().unwrap() > 0.0);
    let mut optimize = base.clone();
    optimize["side"] = json!(1);
    optimize["grid_budget"] = json!(20);
    optimize["starts"] = json!(1);
    let (status, value, _) = send(Config::default(), post("/api/optimize", &optimize)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(value["document"]["side"], "Russia");
    let (status, value, _) = send(Config::default(), post("/api/fields", &base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        value["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "side[0].force[0].cep_m" && f["unit"] == "m")
    );
}

#[tokio::test]
async fn the_analysis_stream_reports_progress_then_the_same_document() {
    let request = json!({ "builtin": "kent-thaler-notional", "trials": 400, "seed": 3 });
    let response = router(Config::default())
        .oneshot(post("/api/analyze-stream", &request))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let lines: Vec<Value> = std::str::from_utf8(&bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (last, progress) = lines.split_last().unwrap();
    assert!(!progress.is_empty() && progress.len() <= 100);
    let done: Vec<u64> = progress
        .iter()
        .map(|p| p["progress"].as_u64().unwrap())
        .collect();
    assert!(done.windows(2).all(|w| w[0] < w[1]), "{done:?}");
    assert!(progress.iter().all(|p| p["total"] == 400));
    let (_, plain, _) = send(Config::default(), post("/api/analyze", &request)).await;
    assert_eq!(last["result"], plain);
    let bad = json!({ "builtin": "kent-thaler-notional", "trials": 0 });
    let (status, value, _) = send(Config::default(), post("/api/analyze-stream", &bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(value["field"], "trials");
}
