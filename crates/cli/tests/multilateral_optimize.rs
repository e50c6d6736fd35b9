//! `reykjavik optimize` on N-side scenarios (issue 10), end to end: the document, a third side
//! without launchers giving the two-side result, the best posture's file, and bad input.

mod common;

use common::{json_of, rejects, reykjavik};
use predicates::str::contains;

/// A scratch file unique to this test binary's process.
fn scratch(name: &str, text: &str) -> String {
    let name = format!("multilateral-optimize-{}-{name}", std::process::id());
    common::scratch(&name, text).display().to_string()
}

/// Few evaluations: the tests run unoptimised.
const QUICK: [&str; 6] = [
    "--starts",
    "1",
    "--grid-budget",
    "6",
    "--quiet",
    "--max-growth",
];

fn quick(args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    all.extend(QUICK.iter().map(|s| s.to_string()));
    all.push("1.2".into());
    all
}

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// us-russia-2021 with a copy of Russia, every launcher removed, as a third side.
fn with_unarmed_third() -> String {
    let text = reykjavik_scenario::builtin::find("us-russia-2021")
        .unwrap()
        .toml;
    let second = text.match_indices("[[side]]").nth(1).unwrap().0;
    let third: String = text[second..]
        .replacen("name = \"Russia\"", "name = \"Third\"", 1)
        .lines()
        .map(|line| {
            let key = line.split('=').next().unwrap_or("").trim();
            if key == "launchers" || key == "generated_launchers" {
                "launchers = 0\n".replacen("launchers", key, 1)
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    format!("{text}\n{third}")
}

#[test]
fn the_n_side_document_has_every_side_pair_and_the_evidence() {
    let args = quick(&[
        "optimize",
        "us-russia-china-2025",
        "--side",
        "China",
        "--format",
        "json",
    ]);
    let doc = json_of(&as_strs(&args));
    assert_eq!(doc["sides"].as_array().unwrap().len(), 3);
    assert_eq!(doc["side"], "China");
    assert_eq!(doc["actor"], "China");
    assert_eq!(doc["objective"], "index");
    assert!(
        doc["objective_definition"]
            .as_str()
            .unwrap()
            .contains("N-side index")
    );
    for at in ["base", "best"] {
        let regimes = doc[at]["regimes"].as_array().unwrap();
        assert_eq!(regimes.len(), 4);
        for r in regimes {
            assert_eq!(r["actors"].as_array().unwrap().len(), 3);
            assert_eq!(r["ratios"].as_array().unwrap().len(), 6);
            let index = r["index"].as_f64().unwrap();
            assert!(index > 0.0 && index <= 1.0, "{index}");
        }
        let mean: f64 = regimes
            .iter()
            .map(|r| r["index"].as_f64().unwrap())
            .sum::<f64>()
            / 4.0;
        assert!((mean - doc[at]["objective"].as_f64().unwrap()).abs() < 1e-12);
    }
    // The base is a start, so the best is no worse.
    assert!(doc["best"]["objective"].as_f64() >= doc["base"]["objective"].as_f64());
    assert!(doc["evidence"]["evaluations"].as_u64().unwrap() > 0);
    assert!(doc["scenario_toml"].as_str().unwrap().contains("[[side]]"));
    assert_eq!(doc["treaty_counts"]["complies"], true);
}

/// The best posture's file is an N-side scenario whose analysis gives the reported index.
#[test]
fn the_best_posture_file_analyses_to_the_reported_index() {
    let out = scratch("best.toml", "");
    let mut args = quick(&[
        "optimize",
        "us-russia-china-2025",
        "--side",
        "United States",
        "--format",
        "json",
    ]);
    args.extend(["--output".to_string(), out.clone()]);
    let doc = json_of(&as_strs(&args));
    let analysis = json_of(&["analyze", &out, "--format", "json"]);
    assert_eq!(analysis["kind"], "n-side");
    // `analyze` defaults to day-to-day without launch under attack: the first standard regime.
    let first = &doc["best"]["regimes"][0];
    assert_eq!(
        (
            first["alert"].as_str(),
            first["launch_under_attack"].as_bool()
        ),
        (Some("day-to-day"), Some(false))
    );
    assert_eq!(analysis["actual"]["index"], first["index"]);
}

/// A third side without launchers: the same best posture, objective and pair index as the
/// two-side search, and the two-side text's best posture in the scenario file.
#[test]
fn a_third_side_without_launchers_gives_the_two_side_optimize() {
    let three = scratch("unarmed-third.toml", &with_unarmed_third());
    let run = |scenario: &str| {
        let args = quick(&[
            "optimize",
            scenario,
            "--side",
            "Russia",
            "--objective",
            "ratio",
            "--format",
            "json",
        ]);
        json_of(&as_strs(&args))
    };
    let two = run("us-russia-2021");
    let n = run(&three);
    assert_eq!(n["sides"].as_array().unwrap().len(), 3);
    assert_eq!(two["elements"], n["elements"]);
    assert_eq!(two["best"]["objective"], n["best"]["objective"]);
    assert_eq!(two["evidence"], n["evidence"]);
    for (t, r) in two["best"]["regimes"]
        .as_array()
        .unwrap()
        .iter()
        .zip(n["best"]["regimes"].as_array().unwrap())
    {
        assert_eq!(t["index"], r["index"]);
        assert_eq!(t["own_ratio"], r["actors"][1]["overall_ratio"]);
        assert_eq!(r["actors"][2]["armed"], false);
    }
}

#[test]
fn beliefs_are_held_and_said() {
    reykjavik()
        .args(as_strs(&quick(&[
            "optimize",
            "us-russia-china-2025-beliefs",
            "--side",
            "United States",
        ])))
        .assert()
        .success()
        .stdout(contains("every belief"))
        .stdout(contains("N-side index"));
}

#[test]
fn bad_input_is_refused_by_name_with_exit_2() {
    rejects(
        &["optimize", "us-russia-china-2025", "--side", "Atlantis"],
        "--side Atlantis: no such side (sides: United States, Russia, China)",
    );
    rejects(
        &[
            "optimize",
            "us-russia-china-2025",
            "--side",
            "China",
            "--max-growth",
            "20",
        ],
        "--max-growth 20: out of range (valid: 1 to 10)",
    );
    let text = format!(
        "{}\n[[alliance]]\nname = \"West\"\nmembers = [\"United States\", \"China\"]\n",
        reykjavik_scenario::builtin::find("us-russia-china-2025")
            .unwrap()
            .toml
    );
    let allied = scratch("allied.toml", &text);
    rejects(
        &["optimize", &allied, "--side", "West"],
        "--side West: `optimize` varies the posture of one side, not of an alliance",
    );
    rejects(
        &["optimize", &allied, "--side", "West"],
        "name a member: United States, China",
    );
}

/// A member of an alliance is optimised as one side; the ratios are the alliance's.
#[test]
fn an_alliance_member_is_searched_as_one_side() {
    let text = format!(
        "{}\n[[alliance]]\nname = \"West\"\nmembers = [\"United States\", \"China\"]\n",
        reykjavik_scenario::builtin::find("us-russia-china-2025")
            .unwrap()
            .toml
    );
    let allied = scratch("allied-member.toml", &text);
    let args = quick(&[
        "optimize",
        &allied,
        "--side",
        "China",
        "--objective",
        "ratio",
        "--format",
        "json",
    ]);
    let doc = json_of(&as_strs(&args));
    assert_eq!(doc["side"], "China");
    assert_eq!(doc["actor"], "West");
    for r in doc["best"]["regimes"].as_array().unwrap() {
        assert_eq!(r["actors"].as_array().unwrap().len(), 2);
    }
}
