//! End to end: `reykjavik reciprocity` and `reykjavik richardson` (issue 11, part A).

mod common;

use common::{json_of, rejects, reykjavik, scratch};
use predicates::str::contains;

#[test]
fn reciprocity_json_has_molander_value_and_echo() {
    let v = json_of(&[
        "reciprocity",
        "tft",
        "tft",
        "--noise",
        "0.2",
        "--format",
        "json",
    ]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["command"], "reciprocity");
    let pay = v["long_run"]["payoff"][0].as_f64().unwrap();
    assert!((pay - 2.25).abs() < 1e-12, "{pay}");
    assert_eq!(v["echo"]["without_noise"]["a_errs"]["status"], "never");
    assert_eq!(v["echo"]["with_noise"]["a_errs"]["status"], "rounds");
    assert!((v["generous_max_forgiveness"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert!(v["simulation"].is_null());
}

#[test]
fn reciprocity_simulation_agrees_with_the_chain() {
    let v = json_of(&[
        "reciprocity",
        "wsls",
        "ctft",
        "--noise",
        "0.05",
        "--simulate",
        "5000",
        "--games",
        "40",
        "--format",
        "json",
    ]);
    for side in 0..2 {
        let exact = v["long_run"]["payoff"][side].as_f64().unwrap();
        let sim = &v["simulation"]["payoff"][side];
        let (mean, se) = (
            sim["mean"].as_f64().unwrap(),
            sim["standard_error"].as_f64().unwrap(),
        );
        assert!(
            (mean - exact).abs() < 4.0 * se + 1e-9,
            "{mean} ± {se} vs {exact}"
        );
    }
}

#[test]
fn reciprocity_text_never_prints_nan() {
    for (a, b, noise) in [
        ("alld", "alld", "0"),
        ("grim", "allc", "1"),
        ("gtft", "wsls", "0.5"),
    ] {
        let out = reykjavik()
            .args([
                "reciprocity",
                a,
                b,
                "--noise",
                noise,
                "--simulate",
                "100",
                "--games",
                "2",
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    }
}

#[test]
fn reciprocity_bad_input_exits_2() {
    rejects(
        &["reciprocity", "tft", "tft", "--noise", "1.5"],
        "--noise: noise = 1.5 is out of range (valid: 0 to 1)",
    );
    rejects(&["reciprocity", "tft", "tft", "--noise", "-0.1"], "--noise");
    rejects(
        &["reciprocity", "gtft", "tft", "--forgiveness", "1.2"],
        "--forgiveness: forgiveness = 1.2 is out of range (valid: 0 to 1)",
    );
    rejects(
        &["reciprocity", "tft", "tft", "--payoffs", "3,5,1,0"],
        "T > R > P > S",
    );
    rejects(
        &["reciprocity", "tft", "tft", "--payoffs", "5,2,1,0"],
        "2R > T + S",
    );
    rejects(
        &["reciprocity", "tft", "tft", "--payoffs", "5,3,1"],
        "four numbers",
    );
    rejects(&["reciprocity", "tft", "nice"], "invalid value");
    rejects(
        &["reciprocity", "tft", "tft", "--simulate", "0"],
        "--simulate",
    );
    rejects(
        &["reciprocity", "--events", "no-such-series"],
        "us-russia-2016-2018",
    );
}

#[test]
fn events_show_one_for_one_in_2018() {
    let v = json_of(&[
        "reciprocity",
        "--events",
        "us-russia-2016-2018",
        "--format",
        "json",
    ]);
    let responses = v["responses"].as_array().unwrap();
    let last = responses.last().unwrap();
    assert_eq!(last["event"], "ru-2018-03");
    assert_eq!(last["ratios"][0]["ratio"], 1.0);
    assert!(
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["sources"].as_array().unwrap().is_empty())
    );
    reykjavik()
        .args(["reciprocity", "--events", "us-russia-2016-2018"])
        .assert()
        .success()
        .stdout(contains("personnel 1.00, facilities 1.00"));
}

#[test]
fn events_file_errors_are_located() {
    let path = scratch(
        &format!("events-bad-{}.toml", std::process::id()),
        "[series]\nname = \"x\"\ntitle = \"x\"\n\n[[event]]\nid = \"a\"\ndate = \"2017-01-01\"\nactor = \"A\"\ntarget = \"B\"\nsummary = \"\"\nsources = [\"s\"]\nresponds_to = \"zz\"\n",
    );
    rejects(&["reciprocity", "--events", path.to_str().unwrap()], ":12");
    std::fs::remove_file(path).unwrap();
}

#[test]
fn richardson_json_and_svg() {
    let svg = scratch(&format!("richardson-{}.svg", std::process::id()), "");
    let v = json_of(&[
        "richardson",
        "--k",
        "1",
        "--l",
        "1",
        "--a",
        "2",
        "--b",
        "2",
        "--g",
        "1",
        "--h",
        "2",
        "--years",
        "30",
        "--svg",
        svg.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!((v["equilibrium"]["x"].as_f64().unwrap() - 4.0 / 3.0).abs() < 1e-12);
    assert!((v["equilibrium"]["y"].as_f64().unwrap() - 5.0 / 3.0).abs() < 1e-12);
    assert_eq!(v["stable"], true);
    assert_eq!(v["classification"], "stable node");
    let points = v["trajectory"]["points"].as_array().unwrap();
    assert_eq!(points.len(), 201);
    let last = points.last().unwrap();
    assert!((last["x"].as_f64().unwrap() - 4.0 / 3.0).abs() < 1e-6);
    assert!(
        v["warning"]
            .as_str()
            .unwrap()
            .contains("Majeski & Jones 1981")
    );
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg") && chart.contains("polyline"));
    std::fs::remove_file(svg).unwrap();
}

#[test]
fn richardson_runaway_is_reported_not_overflowed() {
    let out = reykjavik()
        .args([
            "richardson",
            "--k",
            "5",
            "--l",
            "5",
            "--a",
            "0.1",
            "--b",
            "0.1",
            "--g",
            "1",
            "--years",
            "1000",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("saddle") && text.contains("runaway"),
        "{text}"
    );
    assert!(!text.contains("NaN") && !text.contains("inf"));
}

#[test]
fn richardson_bad_input_exits_2() {
    rejects(
        &[
            "richardson",
            "--k",
            "nan",
            "--l",
            "1",
            "--a",
            "1",
            "--b",
            "1",
        ],
        "--k: k = NaN is out of range",
    );
    rejects(
        &[
            "richardson",
            "--k",
            "1",
            "--l",
            "1e9",
            "--a",
            "1",
            "--b",
            "1",
        ],
        "--l",
    );
    rejects(
        &[
            "richardson",
            "--k",
            "1",
            "--l",
            "1",
            "--a",
            "1",
            "--b",
            "1",
            "--years",
            "0",
        ],
        "--years",
    );
    rejects(
        &[
            "richardson",
            "--k",
            "1",
            "--l",
            "1",
            "--a",
            "1",
            "--b",
            "1",
            "--from",
            "1",
        ],
        "--from",
    );
    rejects(
        &[
            "richardson",
            "--k",
            "1",
            "--l",
            "1",
            "--a",
            "1",
            "--b",
            "1",
            "--steps",
            "0",
        ],
        "--steps",
    );
}

#[test]
fn round_robin_table_has_every_pair() {
    let v = json_of(&[
        "reciprocity",
        "--table",
        "--noise",
        "0.05",
        "--format",
        "json",
    ]);
    assert_eq!(v["command"], "reciprocity-table");
    assert_eq!(v["strategies"].as_array().unwrap().len(), 7);
    let tft_tft = v["payoff"][0][0].as_f64().unwrap();
    assert!((tft_tft - 2.25).abs() < 1e-12);
    // Contrite tit-for-tat does best against itself of the reciprocators (Wu & Axelrod 1995).
    let self_play = |i: usize| v["payoff"][i][i].as_f64().unwrap();
    assert!(
        self_play(2) > self_play(1) && self_play(2) > self_play(0) && self_play(2) > self_play(3)
    );
    rejects(&["reciprocity", "--table", "tft"], "cannot be used with");
}

#[test]
fn richardson_estimates_k_and_l_from_the_best_response_function() {
    // The same forward difference `race --richardson` reports, fed into the model.
    let race = json_of(&[
        "race",
        "us-russia-2021",
        "--move",
        "us-homeland-defense",
        "--richardson",
        "--format",
        "json",
    ]);
    let model = json_of(&[
        "richardson",
        "--estimate",
        "us-russia-2021",
        "--a",
        "0.5",
        "--b",
        "0.5",
        "--format",
        "json",
    ]);
    assert_eq!(model["model"]["k"], race["richardson"]["k"]);
    assert_eq!(model["model"]["l"], race["richardson"]["l"]);
    assert!(model["model"]["k"].as_f64().unwrap() > 0.0);
    assert_eq!(model["estimated_from"]["x"], "United States");
    // With small reactions and a = b = 0.5 the model is stable (a b > k l).
    assert_eq!(model["stable"], true);
    rejects(
        &[
            "richardson",
            "--estimate",
            "us-russia-2021",
            "--k",
            "1",
            "--a",
            "1",
            "--b",
            "1",
        ],
        "cannot be used with",
    );
    rejects(
        &[
            "richardson",
            "--estimate",
            "us-russia-china-2025",
            "--a",
            "1",
            "--b",
            "1",
        ],
        // On N sides the estimate takes --fatigue (tests/n_side_race.rs).
        "give --fatigue",
    );
}
