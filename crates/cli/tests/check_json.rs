//! `reykjavik check --format json`: the summary of a valid scenario by leg, or every problem of
//! an invalid one located (file, line, column, field) with exit code 2.

mod common;
use common::{json_of, reykjavik, scratch};

#[test]
fn a_valid_scenario_is_summarised_by_leg() {
    let doc = json_of(&["check", "kent-thaler-notional", "--format", "json"]);
    assert_eq!(doc["valid"], true);
    assert_eq!(doc["n_side"], false);
    let a = &doc["sides"][0];
    assert_eq!(a["name"], "Side A");
    // By hand from the file: 400 single-warhead silos; 70 launchers x 16 warheads.
    let legs = a["legs"].as_array().unwrap();
    let icbm = legs.iter().find(|l| l["leg"] == "ICBM").unwrap();
    assert_eq!(
        (icbm["launchers"].as_u64(), icbm["warheads"].as_u64()),
        (Some(400), Some(400))
    );
    assert_eq!(a["nuclear_total"]["launchers"], 470);
    assert_eq!(a["nuclear_total"]["warheads"], 400 + 70 * 16);
}

#[test]
fn the_text_and_json_summaries_agree() {
    let doc = json_of(&["check", "us-russia-2021", "--format", "json"]);
    let text = reykjavik()
        .args(["check", "us-russia-2021"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for side in doc["sides"].as_array().unwrap() {
        let total = &side["nuclear_total"];
        let line = format!(
            "{:<14} {:>9} {:>9}",
            "nuclear total",
            total["launchers"].as_u64().unwrap(),
            total["warheads"].as_u64().unwrap()
        );
        assert!(text.contains(&line), "{line} not in\n{text}");
    }
    assert!(doc["uncertain_inputs"].as_u64().unwrap() > 0);
}

#[test]
fn an_n_side_scenario_says_so_with_its_beliefs() {
    let doc = json_of(&["check", "us-russia-china-2025-beliefs", "--format", "json"]);
    assert_eq!(doc["n_side"], true);
    assert_eq!(doc["sides"].as_array().unwrap().len(), 3);
    assert!(doc["beliefs"].as_u64().unwrap() >= 1);
    assert_eq!(doc["alliances"], 0);
}

#[test]
fn an_invalid_scenario_prints_every_problem_located_and_exits_2() {
    let text = reykjavik_scenario::builtin::find("kent-thaler-notional")
        .unwrap()
        .toml
        .replacen("launchers = 400", "launchers = -3", 1)
        .replacen(
            "warheads_per_launcher = 16",
            "warheads_per_launcher = 9999",
            1,
        );
    let path = scratch(&format!("check-json-{}.toml", std::process::id()), &text);
    let path = path.to_str().unwrap();
    let output = reykjavik()
        .args(["check", path, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["valid"], false);
    let problems = doc["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{doc:#}");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(problems[0]["field"], "side[0].force[0].launchers");
    assert_eq!(problems[0]["line"], line_of("launchers = -3"));
    assert_eq!(
        problems[1]["field"],
        "side[0].force[1].warheads_per_launcher"
    );
    assert_eq!(problems[1]["line"], line_of("warheads_per_launcher = 9999"));
    assert!(problems.iter().all(|p| p["file"] == path));
    // The people-readable diagnostics still go to standard error.
    assert!(String::from_utf8_lossy(&output.stderr).contains("is out of range"));
}

#[test]
fn a_missing_file_is_one_problem_without_a_line() {
    let output = reykjavik()
        .args(["check", "no-such-scenario-file.toml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["problems"][0]["line"], 0);
    assert!(
        doc["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("us-russia-china-2025")
    );
}

#[test]
fn a_default_kill_probability_out_of_range_is_one_problem_at_its_value() {
    // The default fills every class not named: one error for the one value written, not one
    // per class it fills (there were five, each naming a field the file does not have).
    let text = reykjavik_scenario::builtin::find("kent-thaler-notional")
        .unwrap()
        .toml
        .replacen(
            "kill_probability = { default = 0.8 }",
            "kill_probability = { default = 1.5, silo = 0.5 }",
            1,
        );
    let path = scratch(&format!("check-default-{}.toml", std::process::id()), &text);
    let output = reykjavik()
        .args(["check", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let problems = doc["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{doc:#}");
    assert_eq!(
        problems[0]["field"],
        "side[0].force[0].kill_probability.default"
    );
    let line = text
        .lines()
        .position(|l| l.contains("default = 1.5"))
        .unwrap()
        + 1;
    assert_eq!(problems[0]["line"], line);
    assert_eq!(problems[0]["column"], 32);
}
