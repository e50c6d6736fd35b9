//! End-to-end tests of every `reykjavik` subcommand, including bad input and exit codes.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn reykjavik() -> Command {
    Command::cargo_bin("reykjavik").unwrap()
}

/// Writes `text` to a file in the test scratch directory.
fn scratch(name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `reykjavik ARGS`, expecting the bad-input exit code 2 and `message` on stderr.
fn rejects(args: &[&str], message: &str) {
    reykjavik()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains(message));
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let output = reykjavik().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const VALID: &str = include_str!("../../scenario/builtin/kent-thaler-notional.toml");

/// `calc sspk` for a W88 (455 kt, CEP 90 m) against a 3,000 psi silo, with extra arguments.
fn w88_sspk(extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut args = vec![
        "calc",
        "sspk",
        "--yield-kt",
        "455",
        "--cep-m",
        "90",
        "--hardness-psi",
        "3000",
    ];
    args.extend_from_slice(extra);
    reykjavik().args(args).assert()
}

#[test]
fn sspk_calculator_prints_the_w88_value() {
    w88_sspk(&[])
        .success()
        .stdout(contains("single-shot kill probability (SSPK): 0.9968"));
    w88_sspk(&["--model", "brown-1976"])
        .success()
        .stdout(contains("0.9946"));
    w88_sspk(&["--reliability", "0.8", "--warheads", "2"])
        .success()
        .stdout(contains("0.7974").and(contains("0.9590")));
}

#[test]
fn sspk_json_is_machine_readable() {
    let v = json_of(&[
        "calc",
        "sspk",
        "--yield-kt",
        "100",
        "--cep-m",
        "90",
        "--hardness-psi",
        "3000",
        "--json",
    ]);
    assert!((v["sspk"].as_f64().unwrap() - 0.876).abs() < 5e-4);
    assert_eq!(v["model"], "davis-schilling");
}

#[test]
fn lethal_radius_calculator() {
    reykjavik()
        .args([
            "calc",
            "lethal-radius",
            "--yield-kt",
            "1000",
            "--hardness-psi",
            "1000",
        ])
        .assert()
        .success()
        .stdout(contains("485.2 m").and(contains("0.2620 nmi")));
    let v = json_of(&[
        "calc",
        "lethal-radius",
        "--yield-kt",
        "1000",
        "--hardness-psi",
        "100",
        "--model",
        "brown-1976",
        "--json",
    ]);
    assert!((v["lethal_radius_nmi"].as_f64().unwrap() - 0.5974).abs() < 5e-5);
}

#[test]
fn defense_calculator() {
    reykjavik()
        .args([
            "calc",
            "defense",
            "--interceptors-per-rv",
            "2",
            "--interceptor-sspk",
            "0.8",
            "--rvs",
            "10",
        ])
        .assert()
        .success()
        .stdout(
            contains("per-RV intercept probability: 0.9600")
                .and(contains("zero leakers against 10 RVs: 0.6648")),
        );
    let v = json_of(&[
        "calc",
        "defense",
        "--interceptors-per-rv",
        "2",
        "--interceptor-sspk",
        "0.8",
        "--rvs",
        "10",
        "--interceptors",
        "10",
        "--json",
    ]);
    assert_eq!(
        v["probability_zero_leakers"], 0.0,
        "10 interceptors cannot engage 10 RVs with 2 each"
    );
    assert!((v["expected_leakers"].as_f64().unwrap() - 5.2).abs() < 1e-9);
}

#[test]
fn calculators_reject_out_of_range_arguments() {
    rejects(
        &[
            "calc",
            "sspk",
            "--yield-kt",
            "0",
            "--cep-m",
            "90",
            "--hardness-psi",
            "3000",
        ],
        "--yield-kt = 0 is out of range",
    );
    reykjavik()
        .args([
            "calc",
            "defense",
            "--interceptors-per-rv",
            "2",
            "--interceptor-sspk",
            "1.5",
            "--rvs",
            "10",
        ])
        .assert()
        .code(2)
        .stderr(contains("--interceptor-sspk = 1.5").and(contains("0 to 1")));
    reykjavik()
        .args(["calc", "sspk", "--yield-kt", "abc"])
        .assert()
        .code(2);
}

#[test]
fn scenarios_list_and_show_round_trip() {
    reykjavik()
        .arg("scenarios")
        .assert()
        .success()
        .stdout(contains("us-russia-2021").and(contains("kent-thaler-notional")));
    let shown = reykjavik()
        .args(["scenarios", "show", "us-russia-2021"])
        .output()
        .unwrap();
    assert!(shown.status.success());
    let path = scratch("shown.toml", &String::from_utf8(shown.stdout).unwrap());
    reykjavik()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("valid scenario `us-russia-2021`"));
    rejects(&["scenarios", "show", "nowhere"], "available");
}

#[test]
fn check_summarises_by_leg() {
    reykjavik()
        .args(["check", "us-russia-2021"])
        .assert()
        .success()
        .stdout(
            contains("ICBM")
                .and(contains("SLBM"))
                .and(contains("bomber"))
                .and(contains("A-135")),
        );
}

#[test]
fn schema_is_json() {
    let v = json_of(&["schema"]);
    assert!(v["properties"]["side"].is_object());
}

/// Each bad input: exit code 2 and a message naming the file, line and field.
#[test]
fn bad_scenarios_exit_2_with_file_line_and_field() {
    let cases: [(&str, String, &[&str]); 6] = [
        (
            "unknown.toml",
            VALID.replacen("reliability = 1.0", "reliabilit = 1.0", 1),
            &[
                "unknown.toml:",
                "side[0].force[0].reliabilit",
                "unknown field",
            ],
        ),
        (
            "negative.toml",
            VALID.replacen("launchers = 400", "launchers = -400", 1),
            &[
                "negative.toml:",
                "side[0].force[0].launchers = -400",
                "an integer 0 to 100000",
            ],
        ),
        (
            "probability.toml",
            VALID.replacen("day_to_day = 0.6", "day_to_day = 1.6", 1),
            &[
                "probability.toml:",
                "untargetable_share.day_to_day = 1.6",
                "0 to 1",
            ],
        ),
        (
            "zero-yield.toml",
            VALID.replacen("yield_kt = 300", "yield_kt = 0", 1),
            &["zero-yield.toml:", "yield_kt = 0", "> 0"],
        ),
        (
            "no-forces.toml",
            VALID[..VALID.rfind("[[side.force]]\nname = \"Six").unwrap()].to_string(),
            &["no-forces.toml:", "side[1].force", "has no forces"],
        ),
        (
            "malformed.toml",
            VALID.replacen("w80 = 900", "w80 = = 900", 1),
            &["malformed.toml:", "malformed TOML"],
        ),
    ];
    for (name, text, expected) in cases {
        let path = scratch(name, &text);
        let mut assert = reykjavik().arg("check").arg(&path).assert().code(2);
        for needle in expected {
            assert = assert.stderr(contains(*needle));
        }
        // A line:column position follows the file name.
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        let position = stderr.split(name).nth(1).unwrap_or_default();
        assert!(
            position.starts_with(':') && position[1..].starts_with(|c: char| c.is_ascii_digit()),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn empty_and_missing_files_exit_2() {
    let empty = scratch("empty.toml", "");
    reykjavik()
        .arg("check")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(contains("empty.toml:1:1").and(contains("empty")));
    rejects(
        &["check", "does-not-exist.toml"],
        "does-not-exist.toml: no such file",
    );
    reykjavik()
        .args(["analyze", "does-not-exist.toml"])
        .assert()
        .code(2);
}

#[test]
fn analyze_default_is_us_russia_day_to_day() {
    reykjavik().arg("analyze").assert().success().stdout(
        contains("us-russia-2021")
            .and(contains("United States day-to-day; Russia day-to-day"))
            .and(contains("First-strike stability index:"))
            .and(contains("Reading:")),
    );
}

#[test]
fn analyze_json_has_the_documented_fields() {
    let v = json_of(&[
        "analyze",
        "kent-thaler-notional",
        "--format",
        "json",
        "--certify",
    ]);
    let index = v["first_strike_stability"]["index"].as_f64().unwrap();
    assert!(index > 0.0 && index <= 1.0);
    for side in v["sides"].as_array().unwrap() {
        for field in ["name", "cost_striking_first", "cost_struck_first", "ratio"] {
            assert!(!side[field].is_null(), "sides[].{field}");
        }
    }
    let product: f64 = v["sides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ratio"].as_f64().unwrap())
        .product();
    assert!((product - index).abs() < 1e-12);
    for x in v["exchanges"].as_array().unwrap() {
        for field in [
            "striker",
            "victim",
            "counterforce_warheads_spent",
            "victim_warheads_destroyed",
            "victim_surviving_warheads",
            "damage_to_striker",
            "damage_to_victim",
            "draw_down_curve",
            "optimality",
        ] {
            assert!(!x[field].is_null(), "exchanges[].{field}");
        }
        let curve = x["draw_down_curve"].as_array().unwrap();
        let stop = &curve[x["stop_index"].as_u64().unwrap() as usize];
        assert_eq!(stop["cost_to_striker"], x["cost_to_striker"]);
    }
}

#[test]
fn analyze_options_change_the_result() {
    let index = |args: &[&str]| {
        let mut all = vec!["analyze", "kent-thaler-notional", "--format", "json"];
        all.extend_from_slice(args);
        json_of(&all)["first_strike_stability"]["index"]
            .as_f64()
            .unwrap()
    };
    let base = index(&[]);
    assert!(index(&["--alert", "generated"]) > base);
    assert!(index(&["--launch-under-attack"]) > base);
    let one_side = json_of(&[
        "analyze",
        "kent-thaler-notional",
        "--format",
        "json",
        "--alert",
        "Side B=generated",
        "--launch-under-attack",
        "2",
    ]);
    assert_eq!(one_side["sides"][0]["alert"], "day-to-day");
    assert_eq!(one_side["sides"][1]["alert"], "generated");
    assert_eq!(one_side["sides"][1]["launches_under_attack"], true);
    assert_eq!(one_side["sides"][0]["launches_under_attack"], false);
}

#[test]
fn analyze_rejects_bad_options() {
    rejects(&["analyze", "--alert", "red"], "unknown posture `red`");
    rejects(&["analyze", "--alert", "Mars=generated"], "no side `Mars`");
}

#[test]
fn help_documents_exit_codes() {
    reykjavik()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("EXIT CODES").and(contains("2  bad input")));
}

#[test]
fn output_into_a_closed_pipe_does_not_panic() {
    // `reykjavik scenarios show ... | head -1`: stdout closed early.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("reykjavik"))
        .args(["scenarios", "show", "us-russia-2021"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn monte_carlo_json_is_identical_on_one_and_two_threads() {
    let run = |threads: &str| {
        reykjavik()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "analyze",
                "us-china-2010-wu",
                "--trials",
                "3000",
                "--seed",
                "1",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(one.stdout, two.stdout, "same seed, same bytes");
    assert!(
        one.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    let mc = &v["monte_carlo"];
    assert_eq!(mc["trials"], 3000);
    let p = &mc["exchanges"][0]["p_at_least"];
    for k in ["1", "5", "10", "50", "100"] {
        let share = p[k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share), "p_at_least[{k}] = {share}");
    }
    assert!(mc["index"]["quantiles"]["0.5"].is_number());
}

#[test]
fn monte_carlo_text_and_extra_threshold() {
    reykjavik()
        .args([
            "analyze",
            "kent-thaler-notional",
            "--trials",
            "200",
            "--at-least",
            "300",
        ])
        .assert()
        .success()
        .stdout(contains("Monte Carlo: 200 trials").and(contains(">= 300:")));
    rejects(&["analyze", "--trials", "0"], "--trials 0 is out of range");
}

#[test]
fn sweep_writes_csv_and_svg() {
    let svg = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sweep.svg");
    let output = reykjavik()
        .args([
            "sweep",
            "kent-thaler-notional",
            "--vary",
            "side[0].force[1].untargetable_share.day_to_day=0:1:5",
            "--vary",
            "side[Side B].force[0].launchers=50:150:3",
            "--plot",
        ])
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 5 * 3, "header and one row per grid point");
    assert!(lines[0].starts_with(
        "side[0].force[1].untargetable_share.day_to_day,side[Side B].force[0].launchers,index,"
    ));
    assert!(
        lines[1].starts_with("0,50,"),
        "first axis slowest: {}",
        lines[1]
    );
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.starts_with("<svg")
            && drawn.contains("untargetable_share.day_to_day (share)")
            && drawn.contains("launchers (count)")
    );
}

#[test]
fn sweep_rejects_bad_axes() {
    for (axis, message) in [
        ("side[0].force[0].colour=1:2:3", "not a numeric field"),
        ("side[0].force[0].reliability=0:2:3", "out of range"),
        ("side[0].force[0].reliability=0:1", "START:STOP:STEPS"),
        ("side[Mars].force[0].cep_m=1:2:2", "no side `Mars`"),
    ] {
        reykjavik()
            .args(["sweep", "kent-thaler-notional", "--vary", axis])
            .assert()
            .code(2)
            .stderr(contains(message));
    }
}

/// Parquet output: only in builds with the `parquet` feature (the README's test command enables
/// all features, so CI runs this).
#[cfg(feature = "parquet")]
#[test]
fn sweep_writes_parquet() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sweep.parquet");
    reykjavik()
        .args([
            "sweep",
            "kent-thaler-notional",
            "--vary",
            "side[0].force[1].untargetable_share.day_to_day=0:1:4",
            "--output",
        ])
        .arg(&path)
        .assert()
        .success();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 4);
    let schema = meta.file_metadata().schema_descr();
    assert_eq!(
        schema.column(0).name(),
        "side[0].force[1].untargetable_share.day_to_day"
    );
    assert_eq!(schema.column(1).name(), "index");
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_needs_the_feature() {
    reykjavik()
        .args([
            "sweep",
            "kent-thaler-notional",
            "--vary",
            "side[0].force[1].untargetable_share.day_to_day=0:1:2",
            "--output",
            "x.parquet",
        ])
        .assert()
        .code(2)
        .stderr(contains("without Parquet support"));
}

#[test]
fn planning_option_is_reported() {
    let v = json_of(&[
        "analyze",
        "us-russia-2021",
        "--trials",
        "50",
        "--planning",
        "fixed",
        "--format",
        "json",
    ]);
    assert_eq!(v["monte_carlo"]["planning"], "fixed");
    assert!(
        v["monte_carlo"]["uncertain_inputs"]
            .as_array()
            .unwrap()
            .len()
            >= 20,
        "the [U] ranges are drawn"
    );
    reykjavik()
        .args(["analyze", "--trials", "5", "--planning", "psychic"])
        .assert()
        .code(2);
}

/// On a terminal, a long run shows a progress bar (on stderr; `script` gives the program a
/// pseudo-terminal), unless `--quiet`. Off a terminal it is silent: see the thread-count test.
#[test]
fn progress_bar_on_a_terminal() {
    let on_terminal = |extra: &str| {
        let command = format!(
            "{} analyze kent-thaler-notional --trials 3000 --format json {extra} > /dev/null",
            assert_cmd::cargo::cargo_bin("reykjavik").display()
        );
        let output = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .expect("`script` (util-linux) runs the program on a pseudo-terminal");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let screen = on_terminal("");
    assert!(
        screen.contains("trials") && screen.contains("/3000"),
        "{screen}"
    );
    assert!(!on_terminal("--quiet").contains("/3000"));
}

/// Every report opens with the index under the four standard regimes (issue 7); the JSON
/// carries them too, and they agree with the analyses asked for one by one; `--certify` gives
/// a cost certificate no greater than the plan's cost.
#[test]
fn analyze_reports_the_standard_regimes_and_a_cost_certificate() {
    reykjavik()
        .args(["analyze", "kent-thaler-notional"])
        .assert()
        .success()
        .stdout(
            contains("Index under the standard regimes")
                .and(contains("launch under attack"))
                .and(contains("withheld")),
        );
    let v = json_of(&[
        "analyze",
        "kent-thaler-notional",
        "--format",
        "json",
        "--certify",
    ]);
    let regimes = v["standard_regimes"].as_array().unwrap();
    assert_eq!(regimes.len(), 4);
    for r in regimes {
        let alert = r["alert"].as_str().unwrap();
        let mut args = vec![
            "analyze",
            "kent-thaler-notional",
            "--format",
            "json",
            "--alert",
            alert,
        ];
        if r["launch_under_attack"].as_bool().unwrap() {
            args.push("--launch-under-attack");
        }
        let single = json_of(&args);
        assert_eq!(
            r["index"].as_f64().unwrap(),
            single["first_strike_stability"]["index"].as_f64().unwrap(),
            "{alert}"
        );
    }
    for x in v["exchanges"].as_array().unwrap() {
        let o = &x["optimality"];
        let bound = o["cost_lower_bound"].as_f64().unwrap();
        let cost = o["cost_to_striker"].as_f64().unwrap();
        assert!(bound <= cost + 1e-12 && bound >= 0.0);
        assert!((o["cost_gap"].as_f64().unwrap() - (cost - bound)).abs() < 1e-12);
    }
}
