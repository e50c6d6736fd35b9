//! The output of `reykjavik sweep`: the table of a 1-D or 2-D grid of analyses (CSV; the
//! Parquet writer and the SVG chart stay in the CLI), and axis labels with units.

use reykjavik_engine::model::Scenario;
use reykjavik_engine::sweep::{Axis, SweepPoint};

/// Column names and values of one point, in CSV order.
pub fn columns(
    scenario: &Scenario,
    axes: &[Axis],
    point: Option<&SweepPoint>,
) -> Vec<(String, f64)> {
    let names = [
        scenario.sides[0].name.as_str(),
        scenario.sides[1].name.as_str(),
    ];
    let mut out: Vec<(String, f64)> = axes
        .iter()
        .enumerate()
        .map(|(k, a)| (a.path.clone(), point.map_or(0.0, |p| p.coordinates[k])))
        .collect();
    let m = point.map(|p| &p.metrics);
    out.push(("index".into(), m.map_or(0.0, |m| m.index)));
    for (s, name) in names.iter().enumerate() {
        out.push((format!("ratio[{name}]"), m.map_or(0.0, |m| m.ratio[s])));
        out.push((
            format!("cost_striking_first[{name}]"),
            m.map_or(0.0, |m| m.cost_striking_first[s]),
        ));
        out.push((
            format!("cost_struck_first[{name}]"),
            m.map_or(0.0, |m| m.cost_struck_first[s]),
        ));
    }
    for (e, name) in names.iter().enumerate() {
        let first = format!("{name} first");
        out.push((
            format!("counterforce_warheads_spent[{first}]"),
            m.map_or(0.0, |m| m.counterforce_warheads_spent[e]),
        ));
        out.push((
            format!("victim_surviving_warheads[{first}]"),
            m.map_or(0.0, |m| m.victim_surviving_warheads[e]),
        ));
        out.push((
            format!("damage_to_striker[{first}]"),
            m.map_or(0.0, |m| m.damage_to_striker[e]),
        ));
        out.push((
            format!("damage_to_victim[{first}]"),
            m.map_or(0.0, |m| m.damage_to_victim[e]),
        ));
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The sweep as CSV: a header of column names, then a row per grid point.
pub fn csv(scenario: &Scenario, axes: &[Axis], points: &[SweepPoint]) -> String {
    let header: Vec<String> = columns(scenario, axes, None)
        .into_iter()
        .map(|(n, _)| csv_field(&n))
        .collect();
    let mut out = header.join(",") + "\n";
    for p in points {
        let row: Vec<String> = columns(scenario, axes, Some(p))
            .into_iter()
            .map(|(_, v)| format!("{v}"))
            .collect();
        out += &(row.join(",") + "\n");
    }
    out
}

/// The unit of a path, from its name, for axis labels.
pub fn unit_of(path: &str) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or(path);
    match last {
        l if l.ends_with("_m") => "m",
        l if l.ends_with("_psi") => "psi",
        l if l.ends_with("_kt") => "kt",
        "w80" => "weapons",
        "launchers"
        | "launchers_per_aimpoint"
        | "interceptors"
        | "warheads_per_launcher"
        | "generated_launchers" => "count",
        "day_to_day" | "generated" | "launch_under_attack_share" => "share",
        _ if path.contains("availability") => "share",
        "cost_exponent" | "cost_surcharge" => "",
        _ => "probability",
    }
}

/// An axis label: the path and its unit.
pub fn label(path: &str) -> String {
    match unit_of(path) {
        "" => path.to_string(),
        unit => format!("{path} ({unit})"),
    }
}

/// The sweep as a JSON document: each axis (path, unit, values), the column names (as in the
/// CSV) and a row of numbers per grid point, the first axis slowest.
pub fn json(scenario: &Scenario, axes: &[Axis], points: &[SweepPoint]) -> serde_json::Value {
    let names: Vec<String> = columns(scenario, axes, None)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let rows: Vec<Vec<f64>> = points
        .iter()
        .map(|p| {
            columns(scenario, axes, Some(p))
                .into_iter()
                .map(|(_, v)| v)
                .collect()
        })
        .collect();
    serde_json::json!({
        "scenario": scenario.name,
        "axes": axes.iter().map(|a| serde_json::json!({
            "path": a.path,
            "unit": unit_of(&a.path),
            "label": label(&a.path),
            "values": a.values,
        })).collect::<Vec<_>>(),
        "columns": names,
        "rows": rows,
    })
}
