//! `POST /api/breakout-grid` end to end, in process: the grid's document and CSV, a point
//! against `/api/breakout` on the same case (same bits), the grid order, the cap and the errors.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use reykjavik_web::{Config, router};
use serde_json::{Value, json};
use tower::ServiceExt;

async fn post(path: &str, body: &Value) -> (StatusCode, Value) {
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

fn axis(path: &str, start: f64, stop: f64, steps: usize) -> Value {
    json!({ "path": path, "start": start, "stop": stop, "steps": steps })
}

async fn refused(axes: Value) -> String {
    let (status, value) = post(
        "/api/breakout-grid",
        &json!({ "case": "iran-jcpoa", "axes": axes }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{value}");
    value["error"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_point_is_the_single_case_breakout_bit_for_bit() {
    let body =
        json!({ "case": "iran-jcpoa", "axes": [axis("plant[0].machines", 1000.0, 5000.0, 3)] });
    let (status, value) = post("/api/breakout-grid", &body).await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let row = &value["document"]["rows"][1];
    assert_eq!(row["values"], json!([3000.0]));
    let toml = reykjavik_scenario::breakout::find("iran-jcpoa")
        .unwrap()
        .toml;
    assert!(toml.contains("machines = 5060"));
    let single = json!({ "toml": toml.replace("machines = 5060", "machines = 3000") });
    let (status, one) = post("/api/breakout", &single).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    let months = one["document"]["months_to_first"].as_f64().unwrap();
    assert_eq!(
        row["months_to_first"].as_f64().unwrap().to_bits(),
        months.to_bits()
    );
}

#[tokio::test]
async fn two_axes_first_axis_slowest_with_the_cli_csv() {
    let axes = json!([
        axis("plant[0].machines", 2000.0, 6000.0, 3),
        axis("stock[0].mass_kg", 0.0, 600.0, 2)
    ]);
    let (status, value) = post(
        "/api/breakout-grid",
        &json!({ "case": "iran-jcpoa", "axes": axes }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{value}");
    let doc = &value["document"];
    assert_eq!(doc["kind"], "breakout-grid");
    let points: Vec<Value> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["values"].clone())
        .collect();
    let expected: Vec<Value> = [2000.0, 4000.0, 6000.0]
        .iter()
        .flat_map(|v| [json!([v, 0.0]), json!([v, 600.0])])
        .collect();
    assert_eq!(points, expected);
    let csv = value["csv"].as_str().unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "plant[0].machines,stock[0].mass_kg,months_to_first,months_to_last,quantities_made,route"
    );
    // The same first row as `reykjavik breakout iran-jcpoa --vary ... --vary ...` (CLI tests).
    assert!(lines[1].starts_with("2000,0,28.94"), "{csv}");
    assert!(lines[2].starts_with("2000,600,17.61"), "{csv}");
}

#[tokio::test]
async fn caps_and_errors() {
    let (status, value) = post(
        "/api/breakout-grid",
        &json!({ "case": "iran-jcpoa", "axes": [
            axis("plant[0].machines", 1000.0, 5000.0, 51),
            axis("stock[0].mass_kg", 0.0, 300.0, 50)
        ] }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(value["max"], 2500);
    assert_eq!(value["field"], "axes");
    assert!(
        value["error"]
            .as_str()
            .unwrap()
            .starts_with("2550 grid points is too many")
    );
    assert_eq!(
        refused(json!([])).await,
        "axes: give one axis (a line) or two (a grid)"
    );
    let three = Value::Array(vec![axis("setup_months", 0.0, 1.0, 2); 3]);
    assert_eq!(
        refused(three).await,
        "axes: give one axis (a line) or two (a grid)"
    );
    assert_eq!(
        refused(json!([axis("setup_months", 0.0, 1.0, 0)])).await,
        "axes[0].steps = 0 is out of range (valid: 1 to 10000)"
    );
    assert!(
        refused(json!([axis("plant[9].nope", 0.0, 1.0, 2)]))
            .await
            .starts_with("axes: no field `plant[9].nope`")
    );
    assert_eq!(
        refused(json!([axis("plant[0].efficiency", 1.0, 0.0, 3)])).await,
        "axes: at 0: plant[0].efficiency = 0 is out of range (valid: (0, 1])"
    );
    let (status, value) = post(
        "/api/breakout-grid",
        &json!({ "case": "no-such-case", "axes": [axis("setup_months", 0.0, 1.0, 2)] }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        value["error"],
        "no built-in breakout case named `no-such-case`"
    );
}
