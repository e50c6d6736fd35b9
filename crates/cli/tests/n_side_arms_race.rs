//! `analyze --arms-race` on N sides (issue 10 item 4) end to end: the three-power section in
//! JSON and text, a third side without warheads or menu giving the two-side figures, bad input.

mod common;

use common::{json_of, rejects, reykjavik, scratch};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;

const ANALYZE: [&str; 3] = ["analyze", "us-russia-china-2025", "--arms-race"];

/// A file name unique to this test and process.
fn unique(test: &str, ext: &str) -> String {
    format!("n-side-arms-race-{test}-{}.{ext}", std::process::id())
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn the_three_power_json_has_every_actors_exposure() {
    let mut args = ANALYZE.to_vec();
    args.extend(["--format", "json"]);
    let doc = json_of(&args);
    // The N-side document is still there, the section added.
    assert_eq!(doc["kind"], "n-side");
    let a = &doc["arms_race"];
    assert_eq!(a["position"], "retaliation");
    assert_eq!(a["menu"]["name"], "us-russia-china-2025");
    let actors = a["actors"].as_array().unwrap();
    let names: Vec<&str> = actors
        .iter()
        .map(|x| x["actor"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["United States", "Russia", "China"]);
    for x in actors {
        let moves = x["moves"].as_array().unwrap();
        assert!(!moves.is_empty());
        // Nobody answers its own moves; each per unit is the response over the move's cost.
        for m in moves {
            assert_ne!(m["by"], x["actor"]);
            let per_unit = f(&m["response"]["cost"]) / f(&m["move_cost"]);
            assert!((f(&m["response_per_unit"]) - per_unit).abs() < 1e-12);
        }
        // The most provocative is one of the moves with the largest per unit (all restored).
        let most = f(&x["most_provocative"]["response_per_unit"]);
        let largest = moves
            .iter()
            .map(|m| f(&m["response_per_unit"]))
            .fold(0.0, f64::max);
        assert!(moves.iter().all(|m| m["response"]["restored"] == true));
        assert_eq!(most, largest, "{}", x["actor"]);
    }
    // Some move draws a response somewhere.
    assert!(
        actors
            .iter()
            .any(|x| f(&x["most_provocative"]["response_per_unit"]) > 0.0)
    );
}

#[test]
fn the_three_power_text_has_the_section() {
    reykjavik()
        .args(ANALYZE)
        .assert()
        .success()
        .stdout(contains("Arms-race stability on 3 actors"))
        .stdout(contains("United States, position"))
        .stdout(contains("China, position"))
        .stdout(contains("most provocative:"))
        .stdout(contains("NaN").not());
}

/// us-russia-2021 with a third side whose one element has 0 launchers (no menu option).
fn with_unarmed_third() -> String {
    let two = include_str!("../../scenario/builtin/us-russia-2021.toml");
    format!(
        "{two}\n[[side]]\nname = \"Nobody\"\n[side.value]\nunit = \"equivalent-megatons\"\nw80 = 500\n\n[[side.force]]\nname = \"none\"\ndelivery = \"ballistic-missile\"\nbasing = \"silo\"\nlaunchers = 0\nwarheads_per_launcher = 1\nyield_kt = 300\ncep_m = 300\nreliability = 0.8\nuntargetable_share = {{ day_to_day = 0.0, generated = 0.0 }}\naimpoint_hardness_psi = 1000\n"
    )
}

/// Move for move against `analyze us-russia-2021 --arms-race` (the built-in menu of the
/// scenario's name): per unit, responses and the most provocative, for every position.
#[test]
fn an_unarmed_third_side_gives_the_two_side_figures() {
    let file = scratch(&unique("third", "toml"), &with_unarmed_third());
    let menu = "us-russia-2021";
    for position in ["retaliation", "struck-cost", "ratio"] {
        let run = |scenario: &str| {
            json_of(&[
                "analyze",
                scenario,
                "--arms-race",
                "--menu",
                menu,
                "--position",
                position,
                "--format",
                "json",
            ])
        };
        let two = run("us-russia-2021");
        let n = run(file.to_str().unwrap());
        let (sides, actors) = (
            two["arms_race"]["sides"].as_array().unwrap(),
            n["arms_race"]["actors"].as_array().unwrap(),
        );
        // The unarmed third has no option: it is not an answering actor.
        assert_eq!(actors.len(), 2, "{position}");
        for (s, a) in sides.iter().zip(actors) {
            assert_eq!(s["side"], a["actor"]);
            let (sm, am) = (
                s["moves"].as_array().unwrap(),
                a["moves"].as_array().unwrap(),
            );
            assert_eq!(sm.len(), am.len());
            for (x, y) in sm.iter().zip(am) {
                assert_eq!(x["move"], y["move"]);
                assert_eq!(x["response"], y["response"], "{position}");
                assert_eq!(f(&x["response_per_unit"]), f(&y["response_per_unit"]));
            }
            let (x, y) = (&s["most_provocative"], &a["most_provocative"]);
            for key in [
                "move",
                "move_cost",
                "response_cost",
                "response_per_unit",
                "restored",
            ] {
                assert_eq!(x[key], y[key], "{position} {key}");
            }
        }
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
    let kept: Vec<&str> = text
        .split("\n[[option]]")
        .filter(|block| !block.contains("side = \"China\""))
        .collect();
    let path = scratch(&unique("no-china", "toml"), &kept.join("\n[[option]]"));
    let mut args = ANALYZE.to_vec();
    args.extend(["--menu", path.to_str().unwrap()]);
    rejects(
        &args,
        "has no [[option]] for `China`, which has nuclear warheads",
    );
    rejects(&args, &unique("no-china", "toml"));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn arms_race_options_need_the_flag() {
    rejects(
        &["analyze", "us-russia-china-2025", "--position", "ratio"],
        "--arms-race",
    );
}

/// Russia and China allied: two actors; the United States faces every option of both members
/// as moves of the alliance, and the alliance faces the US moves.
#[test]
fn an_alliance_is_one_actor() {
    let text = format!(
        "{}\n{}\n[[alliance]]\nname = \"Russia-China\"\nmembers = [\"Russia\", \"China\"]\n",
        include_str!("../../scenario/builtin/multilateral/us-russia-china-2025.forces.toml"),
        include_str!("../../scenario/builtin/multilateral/us-russia-china-2025.scenario.toml"),
    );
    let file = scratch(&unique("alliance", "toml"), &text);
    let doc = json_of(&[
        "analyze",
        file.to_str().unwrap(),
        "--arms-race",
        "--format",
        "json",
    ]);
    let three = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--arms-race",
        "--format",
        "json",
    ]);
    let actors = doc["arms_race"]["actors"].as_array().unwrap();
    let names: Vec<&str> = actors
        .iter()
        .map(|x| x["actor"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["United States", "Russia-China"]);
    let us_moves = actors[0]["moves"].as_array().unwrap();
    assert!(us_moves.iter().all(|m| m["by"] == "Russia-China"));
    // As many moves as Russia's and China's options with room in the three-actor run.
    let faced = three["arms_race"]["actors"][0]["moves"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(us_moves.len(), faced);
    assert!(
        actors[1]["moves"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["by"] == "United States")
    );
    std::fs::remove_file(file).unwrap();
}
