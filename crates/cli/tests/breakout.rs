//! End-to-end tests of `reykjavik breakout`: built-ins, JSON, Monte Carlo, the solver, the sweep
//! and bad input with exit codes.

mod common;
use common::{json_of, reykjavik, scratch};

use predicates::str::contains;

const JCPOA: &str = include_str!("../../scenario/builtin/breakout/iran-jcpoa.toml");

#[test]
fn list_and_show_the_builtin_cases() {
    reykjavik()
        .args(["breakout", "--list"])
        .assert()
        .success()
        .stdout(contains("iran-jcpoa"))
        .stdout(contains("north-korea"));
    reykjavik()
        .args(["breakout", "--show", "iran-jcpoa"])
        .assert()
        .success()
        .stdout(JCPOA);
    reykjavik()
        .args(["breakout", "--show", "iran-1979"])
        .assert()
        .code(2)
        .stderr(contains("no built-in breakout case named `iran-1979`"));
}

#[test]
fn text_report_of_the_jcpoa_case() {
    reykjavik()
        .args(["breakout", "iran-jcpoa"])
        .assert()
        .success()
        .stdout(contains(
            "  1     9.20      3879  202.8 kg LEU 3.67 % (ran out) + 3793.3 kg natural uranium",
        ))
        .stdout(contains("All 3 significant quantities reachable."));
}

#[test]
fn json_report_has_the_documented_fields() {
    let v = json_of(&["breakout", "iran-jcpoa", "--format", "json"]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["significant_quantity"]["product_kg"], 25.0);
    let months = v["months_to_first"].as_f64().unwrap();
    assert!((months - 9.2).abs() < 0.01, "{months}");
    let feed = &v["quantities"][0]["feed"];
    assert_eq!(feed[0]["source"], "LEU 3.67 %");
    assert_eq!(feed[0]["exhausted"], true);
    assert_eq!(feed[1]["source"], "natural uranium");
    assert_eq!(v["stop"]["kind"], "complete");
    assert!(v["plutonium"].is_null() && v["monte_carlo"].is_null());
}

#[test]
fn monte_carlo_is_reproducible_and_brackets_the_central_value() {
    let args = [
        "breakout",
        "iran-jcpoa",
        "--trials",
        "2000",
        "--seed",
        "7",
        "--format",
        "json",
    ];
    let a = json_of(&args);
    assert_eq!(a, json_of(&args));
    let mc = &a["monte_carlo"]["months_to_first"];
    assert_eq!(mc["count"], 2000);
    let (p05, p95) = (mc["p05"].as_f64().unwrap(), mc["p95"].as_f64().unwrap());
    assert!(p05 < p95 && p05 > 8.0 && p95 < 16.0, "{p05} {p95}");
}

#[test]
fn plutonium_weapons_worth_for_north_korea() {
    let v = json_of(&[
        "breakout",
        "north-korea",
        "--format",
        "json",
        "--trials",
        "500",
    ]);
    let kg = v["plutonium"]["produced_kg_per_year"].as_f64().unwrap();
    assert!((5.0..=7.0).contains(&kg), "{kg}");
    assert!(
        v["monte_carlo"]["plutonium_weapons_at_horizon"]["median"]
            .as_f64()
            .unwrap()
            >= 4.0
    );
}

#[test]
fn solve_the_machine_count_for_a_twelve_month_breakout() {
    let v = json_of(&[
        "breakout",
        "iran-jcpoa",
        "--solve",
        "plant[Natanz FEP].machines",
        "--target-months",
        "12",
        "--format",
        "json",
    ]);
    // 3,879 SWU in 12 months at 1 SWU per machine-year: 3,879 machines.
    assert_eq!(v["solve"]["value"], 3879.0);
    assert!(v["solve"]["months"].as_f64().unwrap() >= 12.0);
}

#[test]
fn solve_without_an_answer_is_a_clear_error() {
    reykjavik()
        .args([
            "breakout",
            "iran-jcpoa",
            "--solve",
            "stock[0].mass_kg",
            "--target-months",
            "12",
        ])
        .assert()
        .code(1)
        .stderr(contains("no value of `stock[0].mass_kg` in its range"))
        .stderr(contains("11.44 months at 0"));
    reykjavik()
        .args([
            "breakout",
            "iran-jcpoa",
            "--solve",
            "plant[0].colour",
            "--target-months",
            "12",
        ])
        .assert()
        .code(2)
        .stderr(contains("no field `plant[0].colour`"));
}

#[test]
fn vary_writes_csv() {
    let output = reykjavik()
        .args([
            "breakout",
            "iran-jcpoa",
            "--vary",
            "plant[0].machines=0:10000:3",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "plant[0].machines,months_to_first,months_to_last,quantities_made,route"
    );
    assert_eq!(lines[1], "0,,,0,\"direct\"");
    assert!(lines[2].starts_with("5000,9.31"), "{}", lines[2]);
    assert_eq!(lines.len(), 4);
    reykjavik()
        .args([
            "breakout",
            "iran-jcpoa",
            "--vary",
            "plant[0].machines=-10:10:3",
        ])
        .assert()
        .code(2)
        .stderr(contains("plant[0].machines = -10 is out of range"));
}

#[test]
fn two_vary_axes_make_a_grid_first_axis_slowest() {
    let output = reykjavik()
        .args([
            "breakout",
            "iran-jcpoa",
            "--vary",
            "plant[0].machines=2000:6000:3",
            "--vary",
            "stock[0].mass_kg=0:600:2",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "plant[0].machines,stock[0].mass_kg,months_to_first,months_to_last,quantities_made,route"
    );
    assert_eq!(lines.len(), 7);
    assert!(
        lines[1].starts_with("2000,0,28.94") && lines[2].starts_with("2000,600,17.61"),
        "{text}"
    );
    assert!(lines[6].starts_with("6000,600,5.87"), "{text}");
}

/// `--vary ... --format json`: the grid's document, the same rows as the CSV.
#[test]
fn vary_grid_as_json_has_the_csv_rows() {
    let args = [
        "breakout",
        "iran-jcpoa",
        "--vary",
        "plant[0].machines=2000:6000:3",
        "--vary",
        "stock[0].mass_kg=0:600:2",
    ];
    let csv = String::from_utf8(reykjavik().args(args).output().unwrap().stdout).unwrap();
    let doc = json_of(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(doc["kind"], "breakout-grid");
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    for (row, line) in rows.iter().zip(csv.lines().skip(1)) {
        let cells: Vec<&str> = line.split(',').collect();
        let values = row["values"].as_array().unwrap();
        assert_eq!(values[0].as_f64().unwrap().to_string(), cells[0]);
        assert_eq!(values[1].as_f64().unwrap().to_string(), cells[1]);
        assert_eq!(
            row["months_to_first"].as_f64().unwrap().to_string(),
            cells[2]
        );
        assert_eq!(row["quantities_made"].to_string(), cells[4]);
    }
}

#[test]
fn bad_case_files_give_located_errors_and_exit_2() {
    for (from, to, message) in [
        ("tails_assay = 0.003", "tails_assay = 0.05", "tails_assay"),
        (
            "machines = 5060",
            "machines = -1",
            "plant[0].machines = -1 is out of range",
        ),
        (
            "mass_kg = 300",
            "mass_kg = -300",
            "stock[0].mass_kg = -300 is out of range",
        ),
        (
            "efficiency = { triangular = [0.75, 1.0, 1.0] }",
            "efficiency = 1.5",
            "(0, 1]",
        ),
        (
            "\"25kg-90pct\"",
            "\"a bomb\"",
            "unknown significant quantity `a bomb`",
        ),
    ] {
        assert!(JCPOA.contains(from), "{from}");
        let path = scratch("bad-breakout.toml", &JCPOA.replace(from, to));
        let path = path.to_str().unwrap();
        reykjavik()
            .args(["breakout", path])
            .assert()
            .code(2)
            .stderr(contains(format!("{path}:")))
            .stderr(contains(message));
    }
}

#[test]
fn no_capacity_is_a_clear_result() {
    let path = scratch(
        "no-capacity.toml",
        &JCPOA.replace("machines = 5060", "machines = 0"),
    );
    let output = reykjavik()
        .args(["breakout", path.to_str().unwrap(), "--trials", "100"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("No enrichment capacity"), "{text}");
    assert!(text.contains("never reached in 100 trials"), "{text}");
    assert!(
        !text.to_lowercase().contains("nan") && !text.contains("inf"),
        "{text}"
    );
}

#[test]
fn missing_case_and_unknown_case() {
    reykjavik().args(["breakout"]).assert().code(2);
    reykjavik()
        .args(["breakout", "nowhere"])
        .assert()
        .code(2)
        .stderr(contains("no built-in breakout case of that name"));
}

/// Issue 12: `sweep` works on breakout cases: the same CSV as `breakout --vary`, and the
/// stability-analysis options are refused with a clear message.
#[test]
fn sweep_works_on_breakout_cases() {
    let axis = "plant[0].machines=1000:6000:6";
    let via_sweep = reykjavik()
        .args(["sweep", "iran-jcpoa", "--vary", axis])
        .output()
        .unwrap();
    assert!(via_sweep.status.success());
    let via_breakout = reykjavik()
        .args(["breakout", "iran-jcpoa", "--vary", axis])
        .output()
        .unwrap();
    assert_eq!(via_sweep.stdout, via_breakout.stdout);
    assert!(String::from_utf8_lossy(&via_sweep.stdout).starts_with("plant[0].machines,"));
    reykjavik()
        .args([
            "sweep",
            "iran-jcpoa",
            "--vary",
            axis,
            "--alert",
            "generated",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--alert applies only to scenarios",
        ));
}
