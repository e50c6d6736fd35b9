//! End-to-end tests of `reykjavik treaty`, `compare` and `optimize`: text, JSON, files written,
//! and bad input with exit codes.

mod common;
use common::{json_of, reykjavik, scratch};

use std::path::PathBuf;

use predicates::str::contains;

#[test]
fn treaty_lists_shows_and_counts() {
    reykjavik()
        .args(["treaty", "--list"])
        .assert()
        .success()
        .stdout(contains("new-start"));
    reykjavik()
        .args(["treaty", "--show", "new-start"])
        .assert()
        .success()
        .stdout(contains("max = 1550"));
    reykjavik()
        .args(["treaty", "us-russia-2021"])
        .assert()
        .success()
        .stdout(contains("deployed warheads"))
        .stdout(contains("1408"));
}

#[test]
fn treaty_json_with_disputed_counting_is_101_over() {
    let json = json_of(&[
        "treaty",
        "us-russia-2021",
        "--count-disputed",
        "--format",
        "json",
    ]);
    assert_eq!(json["counting"], "disputed");
    let us = &json["sides"][0];
    assert_eq!(us["complies"], false);
    let all = us["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["counts"] == "all-launchers")
        .unwrap();
    assert_eq!(all["counted"], 901);
    assert_eq!(all["headroom"], -101);
}

#[test]
fn an_unknown_treaty_is_exit_2() {
    reykjavik()
        .args(["treaty", "us-russia-2021", "--treaty", "salt-3"])
        .assert()
        .code(2)
        .stderr(contains("no built-in treaty"));
}

#[test]
fn compare_reports_every_regime_and_the_expected_direction() {
    reykjavik()
        .args([
            "compare",
            "us-russia-2021",
            "de-mirv-icbms",
            "interceptor-cap",
        ])
        .assert()
        .success()
        .stdout(contains("generated LUA"))
        .stdout(contains("de-mirv-icbms"))
        .stdout(contains("Kent & Thaler"));
}

#[test]
fn compare_json_with_paired_monte_carlo_and_chart() {
    let svg = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compare.svg");
    let json = json_of(&[
        "compare",
        "kent-thaler-notional",
        &scratch("demirv-b.toml", DEMIRV_B).to_string_lossy(),
        "--trials",
        "64",
        "--seed",
        "5",
        "--format",
        "json",
        "--plot",
        &svg.to_string_lossy(),
    ]);
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["regimes"].as_array().unwrap().len(), 4);
    let mc = entries[1]["monte_carlo"].as_array().unwrap();
    assert_eq!(mc.len(), 4);
    let p = mc[0]["p_improves"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("de-mirv-b"));
    // Same seed, same numbers.
    let again = json_of(&[
        "compare",
        "kent-thaler-notional",
        &scratch("demirv-b2.toml", DEMIRV_B).to_string_lossy(),
        "--trials",
        "64",
        "--seed",
        "5",
        "--format",
        "json",
    ]);
    assert_eq!(
        again["entries"][1]["monte_carlo"],
        entries[1]["monte_carlo"]
    );
}

const DEMIRV_B: &str = r#"
[proposal]
name = "de-mirv-b"
description = "Side B's silo missiles carry one warhead"
expected = "rise (Kent & Thaler 1989)"

[[change]]
set = "side[Side B].force[0].warheads_per_launcher"
value = 1
"#;

#[test]
fn a_bad_proposal_is_exit_2_with_its_location() {
    let bad = scratch(
        "bad-proposal.toml",
        "[proposal]\nname = \"x\"\ndescription = \"d\"\nexpected = \"none\"\n\n[[change]]\nscale = \"side[0].force[0].launchers\"\nfactor = -2\n",
    );
    reykjavik()
        .args(["compare", "us-russia-2021", &bad.to_string_lossy()])
        .assert()
        .code(2)
        .stderr(contains("bad-proposal.toml:8:"))
        .stderr(contains("change[0].factor"));
    let unknown = scratch(
        "unknown-path.toml",
        "[proposal]\nname = \"x\"\ndescription = \"d\"\nexpected = \"none\"\n\n[[change]]\nset = \"side[0].force[0].colour\"\nvalue = 2\n",
    );
    reykjavik()
        .args(["compare", "us-russia-2021", &unknown.to_string_lossy()])
        .assert()
        .code(2)
        .stderr(contains("unknown-path.toml:7:"))
        .stderr(contains("not a numeric field"));
    reykjavik()
        .args(["compare", "us-russia-2021", "no-such-proposal"])
        .assert()
        .code(2)
        .stderr(contains("no built-in proposal"));
}

#[test]
fn optimize_writes_a_scenario_ready_for_analyze() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("best.toml");
    reykjavik()
        .args([
            "optimize",
            "kent-thaler-notional",
            "--side",
            "Side B",
            "--output",
            &out.to_string_lossy(),
        ])
        .assert()
        .success()
        .stdout(contains("Evidence: coarse grid"))
        .stdout(contains("Best posture written to"));
    reykjavik()
        .args(["analyze", &out.to_string_lossy()])
        .assert()
        .success();
    reykjavik()
        .args(["optimize", "kent-thaler-notional", "--side", "Side C"])
        .assert()
        .code(2)
        .stderr(contains("no such side"));
    reykjavik()
        .args([
            "optimize",
            "kent-thaler-notional",
            "--side",
            "0",
            "--max-growth",
            "0.5",
        ])
        .assert()
        .code(2)
        .stderr(contains("valid: 1 to 10"));
}

#[test]
fn the_brief_is_one_self_contained_page() {
    let html = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("brief.html");
    reykjavik()
        .args([
            "compare",
            "us-russia-2021",
            "de-mirv-icbms",
            "ssbn-patrols",
            "--brief",
            &html.to_string_lossy(),
        ])
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<svg") && page.contains("Bottom line"));
    assert!(page.contains("Treaty compliance") && page.contains("Assumptions"));
    // No external assets: no links, scripts or images fetched from elsewhere.
    for external in ["src=\"http", "href=\"http", "<script", "<link", "@import"] {
        assert!(!page.contains(external), "{external}");
    }
}
