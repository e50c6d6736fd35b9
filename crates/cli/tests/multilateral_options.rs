//! The N-side options of issue 10's last part, end to end: `analyze --curve` / `--certify`
//! (each pair's exchange), `sweep --plot` and Parquet, `compare --plot` / `--brief`.

mod common;

use common::{json_of, reykjavik};

/// A scratch path unique to this test binary's process.
fn scratch_path(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "multilateral-options-{}-{name}",
        std::process::id()
    ))
}

fn stdout_of(args: &[&str]) -> String {
    let output = reykjavik().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn curve_and_certify_give_every_pair_its_exchange() {
    let doc = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--curve",
        "--certify",
        "--format",
        "json",
    ]);
    let pairs = doc["pair_exchanges"].as_array().unwrap();
    let strikes = doc["actual"]["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 6);
    for (p, s) in pairs.iter().zip(strikes) {
        assert_eq!(p["striker"], s["striker"]);
        assert_eq!(p["victim"], s["victim"]);
        let curve = p["draw_down_curve"].as_array().unwrap();
        assert_eq!(curve.len() as u64, p["curve_points"].as_u64().unwrap());
        let stop = &curve[p["stop_index"].as_u64().unwrap() as usize];
        assert_eq!(
            stop["cost_to_striker"], p["exchange_cost_to_striker"],
            "the stop is a point of the curve"
        );
        let o = &p["optimality"];
        let bound = o["cost_lower_bound"].as_f64().unwrap();
        assert!(bound <= o["cost_to_striker"].as_f64().unwrap() + 1e-12);
        // With third parties staying out, the pair's cost is the strike's C1.
        assert_eq!(p["exchange_cost_to_striker"], s["cost_to_striker"]);
    }
    // The N-side document itself is unchanged by the options.
    let plain = json_of(&["analyze", "us-russia-china-2025", "--format", "json"]);
    let mut without = doc.clone();
    without.as_object_mut().unwrap().remove("pair_exchanges");
    assert_eq!(without, plain);
}

#[test]
fn certify_alone_has_no_curve_and_curve_alone_no_certificate() {
    let certified = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--certify",
        "--format",
        "json",
    ]);
    let first = &certified["pair_exchanges"][0];
    assert!(first.get("optimality").is_some() && first.get("draw_down_curve").is_none());
    let curved = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--curve",
        "--format",
        "json",
    ]);
    let first = &curved["pair_exchanges"][0];
    assert!(first.get("optimality").is_none() && first.get("draw_down_curve").is_some());
}

#[test]
fn curve_text_shows_each_pair_with_its_stop_and_certificate() {
    let text = stdout_of(&[
        "analyze",
        "us-russia-china-2025",
        "--reserve",
        "fixed-share=0.2",
        "--curve",
        "--certify",
    ]);
    assert!(text.contains("Each pair's exchange"));
    for pair in [
        "United States -> Russia (reserve 0.200)",
        "China -> Russia (reserve 0.200)",
    ] {
        assert!(text.contains(pair), "{pair}");
    }
    assert_eq!(text.matches("Plan quality: no plan can cost").count(), 6);
    assert_eq!(text.matches("<- stop").count(), 6);
    assert_eq!(text.matches("Draw-down curve (").count(), 6);
    for bad in ["NaN", "inf"] {
        assert!(!text.contains(bad), "found {bad}");
    }
}
