//! `reykjavik race` on N sides (issue 10 item 4) end to end: the three-power race, a third side
//! without warheads or menu giving the two-side race figure for figure, the chart, and bad input.

mod common;

use common::{json_of, rejects, reykjavik, scratch};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

const RACE: [&str; 4] = [
    "race",
    "us-russia-china-2025",
    "--move",
    "us-homeland-defense",
];

/// A file name unique to this test and process.
fn unique(test: &str, ext: &str) -> String {
    format!("n-side-race-{test}-{}.{ext}", std::process::id())
}

#[test]
fn the_three_power_race_answers_in_order_and_settles() {
    let mut args = RACE.to_vec();
    args.extend(["--format", "json"]);
    let v = json_of(&args);
    assert_eq!(v["move"]["by"], "United States");
    assert_eq!(v["menu"]["name"], "us-russia-china-2025");
    let order: Vec<&str> = v["order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(order, ["Russia", "China", "United States"]);
    assert_eq!(v["turns"][0]["kind"], "move");
    let first = &v["turns"][1];
    assert_eq!(
        (first["actor"].as_str(), first["round"].as_u64()),
        (Some("Russia"), Some(1))
    );
    assert_eq!(first["response"]["method"], "exact");
    assert_eq!(first["response"]["restored"], true);
    assert_eq!(v["outcome"]["class"], "settles");
    for turn in v["turns"].as_array().unwrap() {
        let index = turn["index"].as_f64().unwrap();
        let product: f64 = turn["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["overall_ratio"].as_f64().unwrap())
            .product();
        assert!((index - product).abs() < 1e-12, "{index} vs {product}");
        assert_eq!(turn["actors"].as_array().unwrap().len(), 3);
    }
}

#[test]
fn the_three_power_text_and_chart() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(unique("chart", "svg"));
    let mut args = RACE.to_vec();
    args.extend(["--svg", path.to_str().unwrap()]);
    reykjavik()
        .args(&args)
        .assert()
        .success()
        .stdout(contains("Action-reaction race on 3 sides"))
        .stdout(contains("Order each round: Russia, China, United States"))
        .stdout(contains("turn 1 (round 1): Russia: cost"))
        .stdout(contains("Outcome: settles"))
        .stdout(contains("NaN").not())
        .stdout(contains("inf").not());
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("China nuclear warheads"));
    std::fs::remove_file(path).unwrap();
}

/// us-russia-2021 with a third side whose one element has 0 launchers (no menu option).
fn with_unarmed_third() -> String {
    let two = include_str!("../../scenario/builtin/us-russia-2021.toml");
    format!(
        "{two}\n[[side]]\nname = \"Nobody\"\n[side.value]\nunit = \"equivalent-megatons\"\nw80 = 500\n\n[[side.force]]\nname = \"none\"\ndelivery = \"ballistic-missile\"\nbasing = \"silo\"\nlaunchers = 0\nwarheads_per_launcher = 1\nyield_kt = 300\ncep_m = 300\nreliability = 0.8\nuntargetable_share = {{ day_to_day = 0.0, generated = 0.0 }}\naimpoint_hardness_psi = 1000\n"
    )
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

/// Turn for turn against the two-side race of twice as many rounds: actors, responses, forces,
/// C1, C2, ratios, positions, the index and the outcome.
#[test]
fn an_unarmed_third_side_gives_the_two_side_race_figure_for_figure() {
    let file = scratch(&unique("third", "toml"), &with_unarmed_third());
    for position in ["retaliation", "struck-cost", "ratio"] {
        let two = json_of(&[
            "race",
            "us-russia-2021",
            "--move",
            "us-homeland-defense",
            "--position",
            position,
            "--rounds",
            "6",
            "--format",
            "json",
        ]);
        let n = json_of(&[
            "race",
            file.to_str().unwrap(),
            "--move",
            "us-homeland-defense",
            "--position",
            position,
            "--rounds",
            "3",
            "--format",
            "json",
        ]);
        let (rounds, turns) = (
            two["rounds"].as_array().unwrap(),
            n["turns"].as_array().unwrap(),
        );
        assert_eq!(rounds.len(), turns.len(), "{position}");
        assert!(rounds.len() >= 3, "{position}: a race with responses");
        assert_eq!(n["order"], serde_json::json!(["Russia", "United States"]));
        for (r, t) in rounds.iter().zip(turns) {
            assert_eq!(r["round"], t["turn"]);
            assert_eq!(r["actor"], t["actor"]);
            assert_eq!(
                f(&r["index"]),
                f(&t["index"]),
                "{position} turn {}",
                t["turn"]
            );
            assert_eq!(r["response"], t["response"]);
            for s in 0..2 {
                let (a, b) = (&r["sides"][s], &t["actors"][s]);
                for key in ["warheads", "interceptors", "launchers"] {
                    assert_eq!(a[key], b[key]);
                }
                for key in ["cost_striking_first", "cost_struck_first", "position"] {
                    assert_eq!(f(&a[key]), f(&b[key]), "{position} {key}");
                }
                assert_eq!(f(&a["ratio"]), f(&b["overall_ratio"]));
            }
            assert_eq!(t["actors"][2]["warheads"], 0);
        }
        assert_eq!(two["outcome"]["class"], n["outcome"]["class"]);
        assert_eq!(two["outcome"]["round"], n["outcome"]["turn"]);
    }
    std::fs::remove_file(file).unwrap();
}

#[test]
fn an_armed_actor_without_a_menu_option_is_refused_at_the_menu() {
    let menu = reykjavik()
        .args(["race", "--show-menu", "us-russia-china-2025"])
        .output()
        .unwrap();
    let text = String::from_utf8(menu.stdout).unwrap();
    // Drop China's options: every [[option]] block naming side "China".
    let kept: Vec<&str> = text
        .split("\n[[option]]")
        .filter(|block| !block.contains("side = \"China\""))
        .collect();
    let path = scratch(&unique("no-china", "toml"), &kept.join("\n[[option]]"));
    let mut args = RACE.to_vec();
    args.extend(["--menu", path.to_str().unwrap()]);
    rejects(
        &args,
        "has no [[option]] for `China`, which has nuclear warheads",
    );
    rejects(&args, "no-china");
    std::fs::remove_file(path).unwrap();
}

#[test]
fn bad_n_side_race_input_exits_2() {
    let mut by = RACE.to_vec();
    by.extend(["--by", "France"]);
    rejects(&by, "--by France: no such side");
    let mut bound = RACE.to_vec();
    bound.extend(["--bound", "0.5"]);
    rejects(&bound, "bound");
    let mut rounds = RACE.to_vec();
    rounds.extend(["--rounds", "0"]);
    reykjavik().args(&rounds).assert().code(2);
    rejects(
        &[
            "race",
            "us-russia-china-2021",
            "--move",
            "us-homeland-defense",
        ],
        "no built-in response menu for scenario `us-russia-china-2021`",
    );
    rejects(
        &["race", "us-russia-china-2025", "--move", "interceptor-cap"],
        "give --by SIDE",
    );
}

#[test]
fn richardson_estimates_k_among_three_powers() {
    let v = json_of(&[
        "richardson",
        "--estimate",
        "us-russia-china-2025",
        "--fatigue",
        "0.5",
        "--grievance",
        "1,1,2",
        "--format",
        "json",
    ]);
    assert_eq!(v["kind"], "n-side");
    assert_eq!(
        v["actors"],
        serde_json::json!(["United States", "Russia", "China"])
    );
    let k = v["model"]["k"].as_array().unwrap();
    assert_eq!(k.len(), 3);
    for (i, row) in k.iter().enumerate() {
        assert_eq!(f(&row[i]), 0.0);
        for x in row.as_array().unwrap() {
            assert!(f(x) >= 0.0);
        }
    }
    // The United States answers Russia's build and Russia the United States' (as on two sides).
    assert!(f(&k[0][1]) > 0.0 && f(&k[1][0]) > 0.0);
    assert_eq!(v["model"]["a"], serde_json::json!([0.5, 0.5, 0.5]));
    assert_eq!(v["eigenvalues"].as_array().unwrap().len(), 3);
    // Small k against a = 0.5: stable, and the equilibrium solves (K - A) x = -g.
    assert_eq!(v["stable"], true);
    let x: Vec<f64> = v["equilibrium"].as_array().unwrap().iter().map(f).collect();
    let g = [1.0, 1.0, 2.0];
    for i in 0..3 {
        let row: f64 = (0..3)
            .map(|j| {
                if i == j {
                    -0.5 * x[j]
                } else {
                    f(&k[i][j]) * x[j]
                }
            })
            .sum();
        assert!((row + g[i]).abs() < 1e-9, "row {i}: {row}");
    }
    reykjavik()
        .args([
            "richardson",
            "--estimate",
            "us-russia-china-2025",
            "--fatigue",
            "0.5",
        ])
        .assert()
        .success()
        .stdout(contains("Richardson arms-race model on 3 actors"))
        .stdout(contains("Stability: stable"))
        .stdout(contains("Caution"));
}

#[test]
fn bad_n_side_richardson_input_exits_2() {
    let est = ["richardson", "--estimate", "us-russia-china-2025"];
    let with = |extra: &[&'static str]| {
        let mut args = est.to_vec();
        args.extend(extra);
        args
    };
    rejects(
        &with(&["--fatigue", "0.5,0.5"]),
        "expected one number, or 3",
    );
    rejects(&with(&["--fatigue", "x"]), "--fatigue `x`");
    rejects(&with(&["--fatigue", "500"]), "--fatigue");
    rejects(&with(&["--a", "1", "--b", "1"]), "give --fatigue");
    rejects(
        &with(&["--fatigue", "0.5", "--svg", "x.svg"]),
        "--svg draws the two-side",
    );
    rejects(
        &[
            "richardson",
            "--estimate",
            "us-russia-2021",
            "--fatigue",
            "0.5",
        ],
        "--a and --b",
    );
}

/// Russia and China allied: two actors; the alliance answers with its members' options.
#[test]
fn an_alliance_answers_as_one_actor() {
    let text = format!(
        "{}\n{}\n[[alliance]]\nname = \"Russia-China\"\nmembers = [\"Russia\", \"China\"]\n",
        include_str!("../../scenario/builtin/multilateral/us-russia-china-2025.forces.toml"),
        include_str!("../../scenario/builtin/multilateral/us-russia-china-2025.scenario.toml"),
    );
    let file = scratch(&unique("alliance", "toml"), &text);
    let v = json_of(&[
        "race",
        file.to_str().unwrap(),
        "--move",
        "us-homeland-defense",
        "--format",
        "json",
    ]);
    assert_eq!(
        v["order"],
        serde_json::json!(["Russia-China", "United States"])
    );
    assert_eq!(
        v["actors"][1]["members"],
        serde_json::json!(["Russia", "China"])
    );
    let first = &v["turns"][1];
    assert_eq!(first["actor"], "Russia-China");
    let path = first["response"]["options"][0]["path"].as_str().unwrap();
    assert!(
        path.starts_with("side[1]") || path.starts_with("side[2]"),
        "{path}"
    );
    std::fs::remove_file(file).unwrap();
}
