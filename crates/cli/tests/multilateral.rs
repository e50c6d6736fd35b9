//! `reykjavik analyze` and `sweep` on N-side scenarios (issue 10), end to end: the three-power
//! built-ins, beliefs, located errors with exit code 2, and the commands that refuse N sides.

mod common;

use common::{json_of, rejects, reykjavik};

/// A scratch file unique to this test binary's process.
fn scratch(name: &str, text: &str) -> String {
    let name = format!("multilateral-{}-{name}", std::process::id());
    common::scratch(&name, text).display().to_string()
}

/// kent-thaler-notional with a copy of its second side as a third, "Side C".
fn three_sides() -> String {
    let text = reykjavik_scenario::builtin::find("kent-thaler-notional")
        .unwrap()
        .toml;
    let second = text.match_indices("[[side]]").nth(1).unwrap().0;
    let side_c = text[second..].replacen("name = \"Side B\"", "name = \"Side C\"", 1);
    format!("{text}\n{side_c}")
}

fn no_nan_or_infinity(text: &str) {
    for bad in ["NaN", "inf", "null,\n      \"ratio"] {
        assert!(!text.contains(bad), "found {bad}");
    }
}

#[test]
fn three_powers_give_every_pair_and_the_index() {
    let doc = json_of(&["analyze", "us-russia-china-2025", "--format", "json"]);
    assert_eq!(doc["kind"], "n-side");
    assert_eq!(doc["sides"].as_array().unwrap().len(), 3);
    let actual = &doc["actual"];
    assert_eq!(actual["pairs"].as_array().unwrap().len(), 6);
    assert_eq!(actual["ratios"].as_array().unwrap().len(), 6);
    assert_eq!(actual["pair_indices"].as_array().unwrap().len(), 3);
    let index = actual["index"].as_f64().unwrap();
    assert!(index > 0.0 && index <= 1.0);
    let product: f64 = actual["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["overall_ratio"].as_f64().unwrap())
        .product();
    assert!((product - index).abs() < 1e-12);
    assert_eq!(doc["standard_regimes"].as_array().unwrap().len(), 4);
    let text = reykjavik()
        .args(["analyze", "us-russia-china-2025"])
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("United States -> China") && text.contains("N-side index"));
    no_nan_or_infinity(&text);
}

#[test]
fn reserves_and_third_parties_are_options() {
    for (reserve, third) in [
        ("fixed-share=0.2", "join-victim"),
        ("deter-third-parties", "join-against-weaker"),
        ("none", "stay-out"),
    ] {
        let doc = json_of(&[
            "analyze",
            "us-russia-china-2025",
            "--alert",
            "generated",
            "--reserve",
            reserve,
            "--third-parties",
            third,
            "--format",
            "json",
        ]);
        assert_eq!(doc["options"]["third_parties"], third);
        assert_eq!(doc["options"]["alert"]["China"], "generated");
        no_nan_or_infinity(&doc.to_string());
    }
    let doc = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--reserve",
        "fixed-share=0.25",
        "--format",
        "json",
    ]);
    for pair in doc["actual"]["pairs"].as_array().unwrap() {
        assert_eq!(pair["reserve_share"].as_f64(), Some(0.25));
    }
    rejects(
        &[
            "analyze",
            "us-russia-china-2025",
            "--reserve",
            "fixed-share=1.5",
        ],
        "out of range (valid: 0 to 1)",
    );
    rejects(
        &[
            "analyze",
            "us-russia-china-2025",
            "--third-parties",
            "joins",
        ],
        "expected `stay-out`",
    );
}

#[test]
fn the_beliefs_example_reports_perceived_and_actual() {
    let doc = json_of(&[
        "analyze",
        "us-russia-china-2025-beliefs",
        "--format",
        "json",
    ]);
    let beliefs = doc["beliefs"].as_array().unwrap();
    assert_eq!(beliefs.len(), 1);
    assert_eq!(beliefs[0]["holder"], "China");
    let perceived = beliefs[0]["perceived"]["index"].as_f64().unwrap();
    let actual = doc["actual"]["index"].as_f64().unwrap();
    // China believes US silo-killing to be better than it is: it sees a less stable world.
    assert!(perceived < actual, "perceived {perceived}, actual {actual}");
    // Without beliefs, the same forces give the actual figures of the beliefs example.
    let plain = json_of(&["analyze", "us-russia-china-2025", "--format", "json"]);
    assert_eq!(plain["actual"]["index"], doc["actual"]["index"]);
}

#[test]
fn bad_n_side_input_is_located_with_exit_code_2() {
    let base = three_sides();
    let cases = [
        (
            "belief-side.toml",
            "[[side.belief]]\nfield = \"side[Side Z].value.w80\"\nvalue = 100\n",
            "side[2].belief[0].field: `side[Side Z].value.w80`: no side `Side Z`",
        ),
        (
            "belief-field.toml",
            "[[side.belief]]\nfield = \"side[Side A].force[0].cep_mm\"\nvalue = 100\n",
            "side[2].belief[0].field",
        ),
        (
            "belief-value.toml",
            "[[side.belief]]\nfield = \"side[Side A].force[0].reliability\"\nvalue = 1.5\n",
            "side[2].belief[0].value = 1.5 is out of range (valid: 0 to 1)",
        ),
        (
            "share.toml",
            "[multilateral]\nreserve = \"fixed-share\"\nreserve_share = 1.5\n",
            "multilateral.reserve_share = 1.5 is out of range (valid: 0 to 1)",
        ),
        (
            "twice.toml",
            "[[alliance]]\nname = \"AB\"\nmembers = [\"Side A\", \"Side A\"]\n",
            "alliance[0].members[1]: side `Side A` is named twice",
        ),
        (
            "two-alliances.toml",
            "[[alliance]]\nname = \"AB\"\nmembers = [\"Side A\", \"Side B\"]\n\n[[alliance]]\nname = \"BC\"\nmembers = [\"Side B\", \"Side C\"]\n",
            "alliance[1].members[0]: side `Side B` is already in alliance `AB`",
        ),
        (
            "no-member.toml",
            "[[alliance]]\nname = \"AZ\"\nmembers = [\"Side A\", \"Side Z\"]\n",
            "alliance[0].members[1]: no side `Side Z`",
        ),
    ];
    let side_share = base.replacen(
        "name = \"Side C\"",
        "name = \"Side C\"\nreserve_share = -0.5",
        1,
    );
    let side_share =
        format!("{side_share}\n[multilateral]\nreserve = \"fixed-share\"\nreserve_share = 0.1\n");
    let cases = cases
        .into_iter()
        .map(|(name, tail, message)| (name, format!("{base}\n{tail}"), message));
    let side_case = (
        "side-share.toml",
        side_share,
        "side[2].reserve_share = -0.5 is out of range (valid: 0 to 1)",
    );
    for (name, text, message) in cases.chain([side_case]) {
        let path = scratch(name, &text);
        let output = reykjavik().args(["analyze", &path]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{name}: {stderr}");
        // Located: file:line:column.
        assert!(stderr.contains(&format!("{path}:")), "{name}: {stderr}");
    }
}

#[test]
fn commands_that_compare_two_sides_refuse_n_sides_by_name() {
    // `treaty`, `compare` (tests/multilateral_commands.rs) and `optimize`
    // (tests/multilateral_optimize.rs) read N sides.
    // `analyze --curve` / `--certify` take N sides (tests/multilateral_options.rs).
    // `analyze --arms-race` takes N sides (tests/n_side_arms_race.rs).
    // `race` takes N sides (tests/n_side_race.rs); its Richardson option does not.
    rejects(
        &[
            "race",
            "us-russia-china-2025",
            "--move",
            "us-homeland-defense",
            "--richardson",
        ],
        "--richardson takes two sides",
    );
}

#[test]
fn sweep_writes_the_n_side_index_over_a_grid() {
    let output = reykjavik()
        .args([
            "sweep",
            "us-russia-china-2025",
            "--vary",
            "side[China].force[Hami field (DF-31 class)].launchers=0:110:3",
            "--quiet",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].contains("index") && lines[0].contains("overall_ratio[China]"));
    assert!(lines[0].contains("ratio[United States->Russia]"));
    no_nan_or_infinity(&csv);
    rejects(
        &[
            "sweep",
            "us-russia-china-2025",
            "--vary",
            "side[0].force[0].cep_m=100:200:10000",
            "--vary",
            "side[1].force[0].cep_m=100:300:100",
        ],
        "grid points is too many for this N-side scenario",
    );
}

#[test]
fn two_side_builtins_keep_the_two_side_document() {
    for name in ["us-russia-2021", "kent-thaler-notional", "us-china-2010-wu"] {
        let doc = json_of(&["analyze", name, "--format", "json"]);
        assert!(doc.get("kind").is_none(), "{name}");
        assert!(doc.get("first_strike_stability").is_some(), "{name}");
    }
}

#[test]
fn monte_carlo_draws_every_pairs_outcomes_with_fixed_planning_by_default() {
    let args = [
        "analyze",
        "us-russia-china-2025",
        "--trials",
        "40",
        "--seed",
        "7",
        "--at-least",
        "300",
        "--quiet",
        "--format",
        "json",
    ];
    let doc = json_of(&args);
    let mc = &doc["monte_carlo"];
    assert_eq!(mc["trials"], 40);
    assert_eq!(mc["planning"], "fixed");
    assert_eq!(mc["outcomes"], "drawn");
    let index = &mc["index"];
    let (low, high) = (
        index["min"].as_f64().unwrap(),
        index["max"].as_f64().unwrap(),
    );
    assert!(0.0 < low && low <= index["mean"].as_f64().unwrap() && high <= 1.0);
    // The silo-field loading and the outcomes are drawn: the index varies between trials.
    assert!(high > low);
    assert_eq!(mc["overall_ratio"].as_object().unwrap().len(), 3);
    assert_eq!(mc["ratios"].as_array().unwrap().len(), 6);
    let exchanges = mc["exchanges"].as_array().unwrap();
    assert_eq!(exchanges.len(), 6);
    for x in exchanges {
        let p = x["p_at_least"].as_object().unwrap();
        // The defaults of the two-side report and the asked-for threshold.
        for k in ["1", "5", "10", "50", "100", "300"] {
            let share = p[k].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&share), "{k}: {share}");
        }
        assert!(p["1"].as_f64() >= p["300"].as_f64());
    }
    // Same seed, same numbers.
    assert_eq!(json_of(&args)["monte_carlo"], doc["monte_carlo"]);
    let mut informed = args.to_vec();
    informed.extend(["--planning", "informed"]);
    let other = json_of(&informed);
    assert_eq!(other["monte_carlo"]["planning"], "informed");
    assert_ne!(other["monte_carlo"]["index"], mc["index"]);
}

#[test]
fn n_side_monte_carlo_gives_the_same_bytes_on_one_and_two_threads() {
    for planning in ["fixed", "informed"] {
        for format in ["json", "text"] {
            let run = |threads: &str| {
                reykjavik()
                    .env("RAYON_NUM_THREADS", threads)
                    .args([
                        "analyze",
                        "us-russia-china-2025",
                        "--trials",
                        "64",
                        "--seed",
                        "3",
                        "--planning",
                        planning,
                        "--format",
                        format,
                        "--quiet",
                    ])
                    .output()
                    .unwrap()
            };
            let one = run("1");
            assert!(one.status.success());
            assert_eq!(one.stdout, run("2").stdout, "{planning} {format}");
            // No NaN or infinity as a word ("informed" contains "inf").
            let text = String::from_utf8_lossy(&one.stdout);
            let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
            for bad in ["NaN", "inf", "infinity"] {
                assert!(!words.contains(&bad), "{planning} {format}: {bad}");
            }
        }
    }
}

mod invariants {
    //! The N-side report on random three- and four-side scenarios, in-process: every ratio and
    //! damage in [0, 1], the index in (0, 1] and equal to the product of the overall ratios, no
    //! NaN or infinity in the text or the JSON.
    use super::scratch;
    use proptest::prelude::*;

    fn side(name: &str, silos: u32, mirv: u32, subs: u32, w80: f64, share: Option<f64>) -> String {
        let share = share.map_or(String::new(), |s| format!("reserve_share = {s}\n"));
        format!(
            "[[side]]\nname = \"{name}\"\n{share}[side.value]\nunit = \"warheads\"\nw80 = {w80}\n\n\
             [[side.force]]\nname = \"silo\"\ndelivery = \"ballistic-missile\"\nbasing = \"silo\"\n\
             launchers = {silos}\nwarheads_per_launcher = {mirv}\nyield_kt = 300\ncep_m = 150\nreliability = 0.8\n\
             untargetable_share = {{ day_to_day = 0.0, generated = 0.0 }}\naimpoint_hardness_psi = 2000\n\n\
             [[side.force]]\nname = \"sub\"\ndelivery = \"ballistic-missile\"\nbasing = \"submarine\"\n\
             launchers = {subs}\nwarheads_per_launcher = 4\nyield_kt = 100\ncep_m = 150\nreliability = 0.8\n\
             untargetable_share = {{ day_to_day = 0.6, generated = 0.9 }}\nlaunchers_per_aimpoint = 16\n\
             aimpoint_hardness_psi = 300\n\n"
        )
    }

    fn run(args: &[&str]) -> String {
        let mut argv = vec!["reykjavik"];
        argv.extend_from_slice(args);
        let cli = <reykjavik::Cli as clap::Parser>::try_parse_from(&argv).unwrap();
        reykjavik::run(cli).unwrap_or_else(|f| panic!("{f:?}"))
    }

    fn in_unit(v: &serde_json::Value) -> bool {
        v.as_f64().is_some_and(|x| (0.0..=1.0).contains(&x))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn n_side_reports_keep_their_invariants(
            forces in prop::collection::vec((0u32..120, 1u32..6, 0u32..30, 50.0f64..1500.0), 3..5),
            reserve in 0usize..3, share in 0.0f64..=1.0, third in 0usize..3, allied in any::<bool>(),
            generated in any::<bool>(), case in 0u32..1_000_000,
        ) {
            let mut text = String::from("[scenario]\nname = \"random\"\ndescription = \"random\"\n\n");
            for (k, (silos, mirv, subs, w80)) in forces.iter().enumerate() {
                let own = (k == 1).then_some(share);
                text += &side(&format!("S{k}"), *silos, *mirv, *subs, *w80, own);
            }
            let rule = ["none", "fixed-share", "deter-third-parties"][reserve];
            let behaviour = ["stay-out", "join-victim", "join-against-weaker"][third];
            text += &format!("[multilateral]\nreserve = \"{rule}\"\nthird_parties = \"{behaviour}\"\n");
            if rule == "fixed-share" {
                text += &format!("reserve_share = {share}\n");
            }
            if allied && forces.len() == 4 {
                text += "\n[[alliance]]\nname = \"S2+S3\"\nmembers = [\"S2\", \"S3\"]\n";
            }
            let file = scratch(&format!("random-{case}.toml"), &text);
            let alert = if generated { "generated" } else { "day-to-day" };
            let json = run(&["analyze", &file, "--alert", alert, "--format", "json"]);
            let plain = run(&["analyze", &file, "--alert", alert]);
            std::fs::remove_file(&file).ok();
            for out in [&json, &plain] {
                prop_assert!(!out.contains("NaN") && !out.contains("inf"), "{}", out);
            }
            let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
            let actual = &doc["actual"];
            let index = actual["index"].as_f64().unwrap();
            prop_assert!(index > 0.0 && index <= 1.0);
            let mut product = 1.0;
            for actor in actual["actors"].as_array().unwrap() {
                prop_assert!(in_unit(&actor["overall_ratio"]));
                if actor["armed"].as_bool().unwrap() {
                    product *= actor["overall_ratio"].as_f64().unwrap();
                }
            }
            prop_assert!((product - index).abs() < 1e-12);
            for pair in actual["pairs"].as_array().unwrap() {
                for key in ["reserve_share", "damage_to_striker", "damage_to_victim"] {
                    prop_assert!(in_unit(&pair[key]), "{key}: {}", pair[key]);
                }
            }
            for r in actual["ratios"].as_array().unwrap() {
                prop_assert!(in_unit(&r["ratio"]));
            }
        }
    }
}
