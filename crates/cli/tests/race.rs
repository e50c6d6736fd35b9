//! `reykjavik race` and `analyze --arms-race` end to end: reports, JSON fields, the chart, and
//! bad input (exit code 2).

mod common;

use common::{json_of, rejects, reykjavik, scratch};
use predicates::str::contains;

const RACE: [&str; 4] = ["race", "us-russia-2021", "--move", "us-homeland-defense"];

/// A file name unique to this test and process.
fn unique(test: &str, ext: &str) -> String {
    format!("race-{test}-{}.{ext}", std::process::id())
}

#[test]
fn the_race_report_names_the_rounds_and_the_outcome() {
    reykjavik()
        .args(RACE)
        .assert()
        .success()
        .stdout(contains("round 1: Russia: cost 0.15 (exact"))
        .stdout(contains("Upload Bulava by one RV"))
        .stdout(contains("Outcome: settles"));
}

#[test]
fn the_race_json_has_every_round_and_the_outcome() {
    let mut args = RACE.to_vec();
    args.extend(["--format", "json", "--rounds", "4", "--richardson"]);
    let v = json_of(&args);
    assert_eq!(v["move"]["by"], "United States");
    assert_eq!(v["position"], "retaliation");
    assert_eq!(v["rounds"][0]["kind"], "move");
    let first = &v["rounds"][1];
    assert_eq!(first["actor"], "Russia");
    assert_eq!(first["response"]["method"], "exact");
    assert_eq!(first["response"]["restored"], true);
    assert_eq!(first["response"]["options"][0]["steps"], 1);
    assert!(
        first["sides"][1]["warheads"].as_u64().unwrap()
            > v["start"]["sides"][1]["warheads"].as_u64().unwrap()
    );
    assert_eq!(v["outcome"]["class"], "settles");
    for key in ["index", "sides"] {
        assert!(!first[key].is_null(), "{key}");
    }
    assert!(v["richardson"]["k"].as_f64().unwrap() >= 0.0);
    assert!(v["richardson"]["l"].as_f64().unwrap() >= 0.0);
}

#[test]
fn the_race_chart_is_written() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("chart", "svg"));
    let mut args = RACE.to_vec();
    args.extend(["--svg", path.to_str().unwrap()]);
    reykjavik().args(&args).assert().success();
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Russia nuclear warheads"));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn the_built_in_menu_can_be_shown() {
    reykjavik()
        .args(["race", "--show-menu", "us-russia-2021"])
        .assert()
        .success()
        .stdout(contains("[[option]]"));
    rejects(
        ["race", "--show-menu", "nope"].as_slice(),
        "no built-in response menu named `nope`",
    );
}

#[test]
fn zero_rounds_are_refused() {
    let mut args = RACE.to_vec();
    args.extend(["--rounds", "0"]);
    rejects(&args, "0 is not in 1..=100");
}

#[test]
fn an_empty_menu_is_refused_with_its_location() {
    let path = scratch(
        &unique("empty", "toml"),
        "[menu]\nname = \"e\"\ndescription = \"d\"\ncost_unit = \"u\"\n",
    );
    let mut args = RACE.to_vec();
    args.extend(["--menu", path.to_str().unwrap()]);
    rejects(&args, ":1:1: field `menu`: the response menu is empty");
}

#[test]
fn a_cost_out_of_range_is_refused_with_its_location() {
    let text = "[menu]\nname = \"e\"\ndescription = \"d\"\ncost_unit = \"u\"\n\n[[option]]\nside = \"Russia\"\nname = \"o\"\npath = \"side[1].force[5].launchers\"\nstep = 9\ncap = 198\ncost = -1\n";
    let path = scratch(&unique("cost", "toml"), text);
    let mut args = RACE.to_vec();
    args.extend(["--menu", path.to_str().unwrap()]);
    rejects(&args, ":12:8: field `option[0].cost`: -1 is out of range");
}

#[test]
fn a_bound_out_of_range_is_refused() {
    let mut args = RACE.to_vec();
    args.extend(["--bound", "1"]);
    rejects(&args, "--bound = 1 is out of range");
}

#[test]
fn a_scenario_without_a_menu_asks_for_one() {
    rejects(
        [
            "race",
            "us-china-2010-wu",
            "--move",
            "interceptor-cap",
            "--by",
            "1",
        ]
        .as_slice(),
        "no built-in response menu for scenario `us-china-2010-wu`",
    );
}

#[test]
fn a_move_that_changes_nothing_needs_a_mover() {
    rejects(
        ["race", "us-russia-2021", "--move", "interceptor-cap"].as_slice(),
        "give --by SIDE",
    );
}

#[test]
fn analyze_reports_arms_race_stability_only_when_asked() {
    let plain = reykjavik().args(["analyze"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("Arms-race"));
    reykjavik()
        .args(["analyze", "--arms-race"])
        .assert()
        .success()
        .stdout(contains("Arms-race stability (menu us-russia-2021"))
        .stdout(contains("most provocative: "));
    let v = json_of(&["analyze", "--arms-race", "--format", "json"]);
    let sides = v["arms_race"]["sides"].as_array().unwrap();
    assert_eq!(sides.len(), 2);
    assert!(
        sides[1]["most_provocative"]["response_per_unit"]
            .as_f64()
            .is_some()
    );
    let plain = json_of(&["analyze", "--format", "json"]);
    assert!(plain.get("arms_race").is_none());
}

#[test]
fn menu_options_of_analyze_need_the_arms_race_flag() {
    let output = reykjavik()
        .args(["analyze", "--menu", "us-russia-2021"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// Every position gives finite numbers in text and JSON; the struck-cost race ends at Russia's
/// caps, and its last response says the search was not exhaustive.
#[test]
fn every_position_reports_finite_numbers() {
    for position in ["retaliation", "struck-cost", "ratio"] {
        for format in ["text", "json"] {
            let mut args = RACE.to_vec();
            args.extend(["--position", position, "--format", format, "--richardson"]);
            let output = reykjavik().args(&args).output().unwrap();
            assert!(output.status.success(), "{position} {format}");
            let text = String::from_utf8_lossy(&output.stdout).to_lowercase();
            for bad in ["nan", "inf"] {
                assert!(!text.contains(bad), "{position} {format}: `{bad}`");
            }
        }
    }
    let mut args = RACE.to_vec();
    args.extend(["--position", "struck-cost", "--format", "json"]);
    let v = json_of(&args);
    assert_eq!(v["outcome"]["class"], "spiral");
    assert_eq!(v["outcome"]["cause"], "caps");
    let last = v["rounds"].as_array().unwrap().last().unwrap();
    assert_eq!(last["response"]["method"], "cannot-restore");
    assert_eq!(last["response"]["exhaustive"], false);
}
