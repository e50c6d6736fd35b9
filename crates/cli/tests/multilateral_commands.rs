//! `treaty` and `compare` on N-side scenarios (issue 10 item 4), end to end: counts checked by
//! hand against the built-in us-russia-china-2025, proposals applied to the truth, beliefs kept,
//! refusals by name and two-side documents without the N-side additions.

mod common;

use common::{json_of, rejects, reykjavik};

/// A scratch file unique to this test binary's process.
fn scratch(name: &str, text: &str) -> String {
    let name = format!("multilateral-commands-{}-{name}", std::process::id());
    common::scratch(&name, text).display().to_string()
}

/// Each side's counts under the limits, in treaty order, from a `treaty` JSON `sides` array.
fn counted(sides: &serde_json::Value, side: &str) -> Vec<u64> {
    let side = sides
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["side"] == side)
        .unwrap();
    side["limits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["counted"].as_u64().unwrap())
        .collect()
}

#[test]
fn n_side_treaty_counts_every_side_against_the_same_limits_by_hand() {
    let doc = json_of(&["treaty", "us-russia-china-2025", "--format", "json"]);
    assert_eq!(doc["kind"], "n-side");
    assert_eq!(doc["same_limits_for_every_side"], true);
    assert!(doc["note"].as_str().unwrap().contains("not a breach"));
    let sides = &doc["sides"];
    assert_eq!(sides.as_array().unwrap().len(), 3);
    // New START limits: deployed launchers, deployed warheads, all launchers.
    // United States: ICBMs 200 + 200, SLBMs 180 + 40, bombers 36 + 12 (each one warhead);
    // warheads 400 + 180 x 4 + 40 x 6 + 48 = 1,408.
    assert_eq!(counted(sides, "United States"), [668, 1408, 668]);
    // Russia: ICBMs 42 + 4 + 60 + 18 + 162 + 20 = 306 with 420 + 4 + 60 + 18 + 324 + 40 = 866
    // warheads; SLBMs 80 + 112 = 192 with 320 + 336; bombers 40 + 10: 1,572, over 1,550.
    assert_eq!(counted(sides, "Russia"), [548, 1572, 548]);
    // China (silo fields at their central 10 loaded silos each): ICBMs 10 x 5 + 66 + 18 = 134
    // with 10 + 10 + 10 + 10 + 50 + 66 + 54 = 210 warheads; 72 SLBMs; 20 bombers.
    assert_eq!(counted(sides, "China"), [226, 302, 226]);
    assert_eq!(sides[1]["complies"], false);
    assert_eq!(sides[2]["complies"], true);
}

#[test]
fn n_side_treaty_text_says_every_side_is_counted_against_the_same_limits() {
    let out = reykjavik()
        .args(["treaty", "us-russia-china-2025-beliefs"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\nChina\n"));
    assert!(text.contains("Each of the 3 sides is counted against the same limits of new-start"));
    assert!(text.contains("Counts are of the truth"));
}

#[test]
fn two_side_treaty_and_compare_documents_have_no_n_side_additions() {
    let treaty = json_of(&["treaty", "us-russia-2021", "--format", "json"]);
    assert!(treaty.get("kind").is_none() && treaty.get("note").is_none());
    let compare = json_of(&[
        "compare",
        "us-russia-2021",
        "de-mirv-icbms",
        "--format",
        "json",
    ]);
    assert!(compare.get("kind").is_none());
    assert!(compare["entries"][0]["regimes"][0]["sides"].is_array());
}

fn regime(entry: &serde_json::Value, k: usize) -> &serde_json::Value {
    &entry["regimes"][k]
}

fn ratio(regime: &serde_json::Value, side: &str, opponent: &str) -> f64 {
    regime["ratios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["side"] == side && r["opponent"] == opponent)
        .unwrap()["ratio"]
        .as_f64()
        .unwrap()
}

#[test]
fn n_side_compare_applies_a_builtin_proposal_to_the_truth() {
    let doc = json_of(&[
        "compare",
        "us-russia-china-2025",
        "de-mirv-icbms",
        "--format",
        "json",
    ]);
    assert_eq!(doc["kind"], "n-side");
    assert_eq!(doc["sides"].as_array().unwrap().len(), 3);
    assert_eq!(doc["beliefs"], "none");
    let (base, proposal) = (&doc["entries"][0], &doc["entries"][1]);
    assert_eq!(proposal["name"], "de-mirv-icbms");
    // The base equals `analyze` at each standard regime, bit for bit.
    let analyze = json_of(&["analyze", "us-russia-china-2025", "--format", "json"]);
    for k in 0..4 {
        let line = &analyze["standard_regimes"][k];
        assert_eq!(regime(base, k)["alert"], line["alert"]);
        assert_eq!(regime(base, k)["index"], line["index"]);
        assert_eq!(regime(base, k)["change"], 0.0);
        let change = regime(proposal, k)["index"].as_f64().unwrap()
            - regime(base, k)["index"].as_f64().unwrap();
        assert_eq!(regime(proposal, k)["change"].as_f64().unwrap(), change);
        assert_eq!(regime(proposal, k)["actors"].as_array().unwrap().len(), 3);
        assert_eq!(regime(proposal, k)["ratios"].as_array().unwrap().len(), 6);
        // Only Russia's missiles change, third parties stay out and no reserve is held: the
        // United States-China pair is untouched.
        for (a, b) in [("United States", "China"), ("China", "United States")] {
            assert_eq!(
                ratio(regime(base, k), a, b),
                ratio(regime(proposal, k), a, b)
            );
        }
    }
    // Russia's ICBM warheads by hand: SS-18 42 x 10 -> 42, Yars 20 x 2 -> 20 and 162 x 2 -> 162:
    // 1,572 - 378 - 20 - 162 = 1,012; the others' counts unchanged.
    assert_eq!(counted(&proposal["treaty"], "Russia"), [548, 1012, 548]);
    assert_eq!(counted(&proposal["treaty"], "China"), [226, 302, 226]);
    assert_eq!(counted(&base["treaty"], "Russia"), [548, 1572, 548]);
}

#[test]
fn n_side_compare_keeps_the_beliefs_and_says_so() {
    let doc = json_of(&[
        "compare",
        "us-russia-china-2025-beliefs",
        "follow-on-1000",
        "--format",
        "json",
    ]);
    assert!(doc["beliefs"].as_str().unwrap().contains("stay as written"));
    // follow-on-1000 caps every side, China included, at 1,000 warheads: China's 302 stay.
    let proposal = &doc["entries"][1];
    assert!(counted(&proposal["treaty"], "United States")[1] <= 1000);
    assert!(counted(&proposal["treaty"], "Russia")[1] <= 1000);
    assert_eq!(counted(&proposal["treaty"], "China")[1], 302);
    let text = String::from_utf8(
        reykjavik()
            .args(["compare", "us-russia-china-2025-beliefs", "follow-on-1000"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("each side's beliefs stay as written"));
    assert!(text.contains("N-side index under the four standard regimes"));
    for bad in ["NaN", "inf"] {
        assert!(!text.contains(bad), "found {bad}");
    }
}

#[test]
fn a_proposal_that_breaks_a_belief_is_bad_input() {
    let proposal = scratch(
        "remove-w78.toml",
        r#"[proposal]
name = "remove-w78"
description = "t"
expected = "none stated"

[[change]]
remove_force = "Minuteman III Mk12A (W78)"
side = "United States"
"#,
    );
    rejects(
        &["compare", "us-russia-china-2025-beliefs", &proposal],
        "the scenario with `remove-w78` applied is not valid",
    );
    // Without beliefs the same proposal applies.
    let doc = json_of(&[
        "compare",
        "us-russia-china-2025",
        &proposal,
        "--format",
        "json",
    ]);
    assert_eq!(
        counted(&doc["entries"][1]["treaty"], "United States")[0],
        468
    );
}

#[test]
fn n_side_compare_refuses_too_many_trials() {
    rejects(
        &[
            "compare",
            "us-russia-china-2025",
            "de-mirv-icbms",
            "--trials",
            "1000000",
        ],
        "--trials 1000000 is out of range (valid for this N-side comparison: 1 to",
    );
}

#[test]
fn n_side_paired_trials_of_a_proposal_that_changes_nothing_are_all_zero() {
    // Setting a field to its own value: every paired trial draws the same inputs (the silo
    // fields' loading) for base and proposal, so every change is exactly 0.
    let proposal = scratch(
        "same.toml",
        r#"[proposal]
name = "same"
description = "t"
expected = "none stated"

[[change]]
set = "side[Russia].force[0].launchers"
value = 42
"#,
    );
    let doc = json_of(&[
        "compare",
        "us-russia-china-2025",
        &proposal,
        "de-mirv-icbms",
        "--trials",
        "20",
        "--seed",
        "7",
        "--quiet",
        "--format",
        "json",
    ]);
    assert_eq!(doc["trials"], 20);
    assert_eq!(doc["seed"], 7);
    assert!(doc["entries"][0]["monte_carlo"].is_null());
    let same = doc["entries"][1]["monte_carlo"].as_array().unwrap();
    assert_eq!(same.len(), 4);
    for regime in same {
        assert_eq!(regime["mean_change"], 0.0);
        assert_eq!(regime["p_improves"], 0.0);
        assert_eq!(regime["p_worsens"], 0.0);
    }
    // De-MIRVing changes the index in some trial under the day-to-day regime.
    let de_mirv = &doc["entries"][2]["monte_carlo"][0];
    assert!(de_mirv["p_improves"].as_f64().unwrap() + de_mirv["p_worsens"].as_f64().unwrap() > 0.0);
}
