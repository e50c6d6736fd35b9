//! The N-side options of issue 10's last part, end to end: `analyze --curve` / `--certify`
//! (each pair's exchange), `sweep --plot` and Parquet, `compare --plot` / `--brief`.

mod common;

use common::{json_of, reykjavik};

/// A scratch path unique to this test binary's process.
fn scratch_path(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "multilateral-options-{}-{name}",
        std::process::id()
    ))
}

fn stdout_of(args: &[&str]) -> String {
    let output = reykjavik().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn curve_and_certify_give_every_pair_its_exchange() {
    let doc = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--curve",
        "--certify",
        "--format",
        "json",
    ]);
    let pairs = doc["pair_exchanges"].as_array().unwrap();
    let strikes = doc["actual"]["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 6);
    for (p, s) in pairs.iter().zip(strikes) {
        assert_eq!(p["striker"], s["striker"]);
        assert_eq!(p["victim"], s["victim"]);
        let curve = p["draw_down_curve"].as_array().unwrap();
        assert_eq!(curve.len() as u64, p["curve_points"].as_u64().unwrap());
        let stop = &curve[p["stop_index"].as_u64().unwrap() as usize];
        assert_eq!(
            stop["cost_to_striker"], p["exchange_cost_to_striker"],
            "the stop is a point of the curve"
        );
        let o = &p["optimality"];
        let bound = o["cost_lower_bound"].as_f64().unwrap();
        assert!(bound <= o["cost_to_striker"].as_f64().unwrap() + 1e-12);
        // With third parties staying out, the pair's cost is the strike's C1.
        assert_eq!(p["exchange_cost_to_striker"], s["cost_to_striker"]);
    }
    // The N-side document itself is unchanged by the options.
    let plain = json_of(&["analyze", "us-russia-china-2025", "--format", "json"]);
    let mut without = doc.clone();
    without.as_object_mut().unwrap().remove("pair_exchanges");
    assert_eq!(without, plain);
}

#[test]
fn certify_alone_has_no_curve_and_curve_alone_no_certificate() {
    let certified = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--certify",
        "--format",
        "json",
    ]);
    let first = &certified["pair_exchanges"][0];
    assert!(first.get("optimality").is_some() && first.get("draw_down_curve").is_none());
    let curved = json_of(&[
        "analyze",
        "us-russia-china-2025",
        "--curve",
        "--format",
        "json",
    ]);
    let first = &curved["pair_exchanges"][0];
    assert!(first.get("optimality").is_none() && first.get("draw_down_curve").is_some());
}

#[test]
fn curve_text_shows_each_pair_with_its_stop_and_certificate() {
    let text = stdout_of(&[
        "analyze",
        "us-russia-china-2025",
        "--reserve",
        "fixed-share=0.2",
        "--curve",
        "--certify",
    ]);
    assert!(text.contains("Each pair's exchange"));
    for pair in [
        "United States -> Russia (reserve 0.200)",
        "China -> Russia (reserve 0.200)",
    ] {
        assert!(text.contains(pair), "{pair}");
    }
    assert_eq!(text.matches("Plan quality: no plan can cost").count(), 6);
    assert_eq!(text.matches("<- stop").count(), 6);
    assert_eq!(text.matches("Draw-down curve (").count(), 6);
    for bad in ["NaN", "inf"] {
        assert!(!text.contains(bad), "found {bad}");
    }
}

const HAMI: &str = "side[China].force[Hami field (DF-31 class)].launchers=0:110:3";

#[test]
fn n_side_sweep_plots_the_index_with_each_overall_ratio() {
    let svg = scratch_path("line.svg");
    let csv = stdout_of(&[
        "sweep",
        "us-russia-china-2025",
        "--vary",
        HAMI,
        "--quiet",
        "--plot",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(
        csv.lines().count(),
        4,
        "the CSV still goes to standard output"
    );
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.starts_with("<svg"));
    for series in [
        "index",
        "overall_ratio[United States]",
        "overall_ratio[Russia]",
        "overall_ratio[China]",
    ] {
        assert!(
            chart.contains(&format!("\n{series}\n")),
            "legend has {series}"
        );
    }
    // A heat map of one pair's ratio over two axes.
    let heat = scratch_path("heat.svg");
    stdout_of(&[
        "sweep",
        "us-russia-china-2025",
        "--vary",
        HAMI,
        "--vary",
        "side[0].force[0].cep_m=100:300:2",
        "--quiet",
        "--plot",
        heat.to_str().unwrap(),
        "--metric",
        "ratio[China->Russia]",
    ]);
    let chart = std::fs::read_to_string(&heat).unwrap();
    assert!(
        chart.contains("us-russia-china-2025: ratio[China-"),
        "the title names the metric"
    );
    assert!(chart.matches("<rect").count() >= 6, "a cell per grid point");
}

#[test]
fn n_side_sweep_checks_the_metric_before_any_work() {
    common::rejects(
        &[
            "sweep",
            "us-russia-china-2025",
            "--vary",
            HAMI,
            "--plot",
            "never-written.svg",
            "--metric",
            "ratio[China]",
        ],
        "--metric ratio[China]: no such column (columns: index, overall_ratio[United States]",
    );
    common::rejects(
        &[
            "sweep",
            "us-russia-china-2025",
            "--vary",
            HAMI,
            "--metric",
            "index",
        ],
        "--metric index chooses what --plot draws",
    );
    assert!(!std::path::Path::new("never-written.svg").exists());
    // A path that cannot be created fails before the grid is computed.
    common::rejects(
        &[
            "sweep",
            "us-russia-china-2025",
            "--vary",
            HAMI,
            "--plot",
            "/nonexistent-dir-reykjavik/x.svg",
        ],
        "--plot /nonexistent-dir-reykjavik/x.svg: cannot create the file",
    );
}

/// Parquet: the columns of the N-side CSV, a row per point.
#[cfg(feature = "parquet")]
#[test]
fn n_side_sweep_writes_parquet_with_the_csv_columns() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let path = scratch_path("n-side.parquet");
    let args = ["sweep", "us-russia-china-2025", "--vary", HAMI, "--quiet"];
    let csv = stdout_of(&args);
    let header: Vec<String> = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(|c| c.trim_matches('"').to_string())
        .collect();
    reykjavik()
        .args(args)
        .arg("--output")
        .arg(&path)
        .assert()
        .success();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 3);
    let schema = meta.file_metadata().schema_descr();
    let names: Vec<String> = (0..schema.num_columns())
        .map(|c| schema.column(c).name().to_string())
        .collect();
    // No name in this scenario holds a comma: the CSV header splits on commas.
    assert_eq!(names, header);
    assert_eq!(names.len(), 11);
    assert_eq!(names[4], "overall_ratio[China]");
}

#[cfg(not(feature = "parquet"))]
#[test]
fn n_side_parquet_needs_the_feature() {
    common::rejects(
        &[
            "sweep",
            "us-russia-china-2025",
            "--vary",
            HAMI,
            "--output",
            "x.parquet",
        ],
        "without Parquet support",
    );
}

#[test]
fn n_side_compare_draws_the_chart_and_writes_the_brief() {
    let (svg, html) = (scratch_path("compare.svg"), scratch_path("brief.html"));
    let text = stdout_of(&[
        "compare",
        "us-russia-china-2025",
        "follow-on-1000",
        "de-mirv-icbms",
        "--plot",
        svg.to_str().unwrap(),
        "--brief",
        html.to_str().unwrap(),
    ]);
    assert!(text.contains("N-side index under the four standard regimes"));
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.contains("us-russia-china-2025: change in the N-side index by regime"));
    for label in ["follow-on-1000", "de-mirv-icbms", "generated LUA"] {
        assert!(chart.contains(label), "chart has {label}");
    }
    let brief = std::fs::read_to_string(&html).unwrap();
    assert!(brief.starts_with("<!DOCTYPE html>") && brief.ends_with("</html>\n"));
    assert!(brief.contains(&chart), "the chart is inline");
    // The bottom line names each side's overall ratio change, per proposal.
    let line = brief
        .lines()
        .find(|l| l.starts_with("<li><b>de-mirv-icbms</b>"))
        .unwrap();
    for side in ["United States", "Russia", "China"] {
        assert!(line.contains(side), "{side} in {line}");
    }
    assert!(line.contains("overall ratios:") && line.contains("N-side index"));
    // Each side's overall ratio and its change, from the JSON, is in the table.
    let doc = json_of(&[
        "compare",
        "us-russia-china-2025",
        "follow-on-1000",
        "de-mirv-icbms",
        "--format",
        "json",
    ]);
    let overall = |entry: usize, side: &str| {
        doc["entries"][entry]["regimes"][0]["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == side)
            .unwrap()["overall_ratio"]
            .as_f64()
            .unwrap()
    };
    let (base, changed) = (overall(0, "Russia"), overall(2, "Russia"));
    let row = format!(
        "<tr><td>de-mirv-icbms, Russia</td><td>{changed:.3} <span class=\"down\">({:+.3})</span></td>",
        changed - base
    );
    assert!(
        changed < base - 0.01,
        "de-MIRVing lowers Russia's ratio here"
    );
    assert!(brief.contains(&row), "{row}");
    for bad in ["NaN", "inf<", "null"] {
        assert!(!brief.contains(bad), "found {bad}");
    }
}
