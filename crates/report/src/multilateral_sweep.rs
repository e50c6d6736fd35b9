//! The table of `reykjavik sweep` on an N-side scenario (issue 10): a column per axis, the
//! N-side index, each actor's overall ratio and every ordered pair's ratio, a row per grid point.
//! One table for the CSV, the Parquet file, the chart, the web and Python
//! (docs/output-format.md, "N-side sweep").

use reykjavik_engine::multilateral::sweep::MultiPoint;
use reykjavik_engine::sweep::Axis;
use serde_json::{Value, json};

use crate::sweep::{label, unit_of};

/// Column names and a row of numbers per grid point (the first axis slowest).
#[derive(Debug, Clone, PartialEq)]
pub struct NSideTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<f64>>,
}

/// The column of actor `name`'s overall ratio (the chart draws these with the index).
pub fn overall_column(name: &str) -> String {
    format!("overall_ratio[{name}]")
}

/// The table of `points` for actors named `names` (in actor order). Pair columns appear only
/// when every point has every ordered pair (an actor without warheads at some point is in no
/// pair there).
pub fn table(names: &[String], axes: &[Axis], points: &[MultiPoint]) -> NSideTable {
    let pairs: Vec<String> = (0..names.len())
        .flat_map(|a| {
            (0..names.len())
                .filter(move |&b| b != a)
                .map(move |b| (a, b))
        })
        .map(|(a, b)| format!("ratio[{}->{}]", names[a], names[b]))
        .collect();
    let with_pairs = points.iter().all(|p| p.pair_ratios.len() == pairs.len());
    let mut columns: Vec<String> = axes.iter().map(|a| a.path.clone()).collect();
    columns.push("index".into());
    columns.extend(names.iter().map(|n| overall_column(n)));
    if with_pairs {
        columns.extend(pairs);
    }
    let rows = points
        .iter()
        .map(|p| {
            let mut row = p.coordinates.clone();
            row.push(p.index);
            row.extend(&p.overall);
            if with_pairs {
                row.extend(&p.pair_ratios);
            }
            row
        })
        .collect();
    NSideTable { columns, rows }
}

/// The table as CSV: every column name quoted, numbers as Rust prints them.
pub fn csv(table: &NSideTable) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    // The index is a plain word (as the first N-side CSV wrote it).
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|c| if c == "index" { c.clone() } else { quote(c) })
        .collect();
    let mut out = header.join(",") + "\n";
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|v| v.to_string()).collect();
        out += &(cells.join(",") + "\n");
    }
    out
}

/// The table as a JSON document, in the shape of the two-side sweep document (axes, columns,
/// rows) with `kind: "n-side"`.
pub fn json(scenario: &str, axes: &[Axis], table: &NSideTable) -> Value {
    json!({
        "kind": "n-side",
        "scenario": scenario,
        "axes": axes.iter().map(|a| json!({
            "path": a.path,
            "unit": unit_of(&a.path),
            "label": label(&a.path),
            "values": a.values,
        })).collect::<Vec<_>>(),
        "columns": table.columns,
        "rows": table.rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, pairs: usize) -> MultiPoint {
        MultiPoint {
            coordinates: vec![x],
            index: 0.25,
            overall: vec![0.5, 0.5, 1.0],
            pair_ratios: vec![0.75; pairs],
        }
    }

    fn names() -> Vec<String> {
        ["A", "B", "C, Inc."].map(String::from).to_vec()
    }

    #[test]
    fn columns_are_axes_index_overall_ratios_then_pairs() {
        let axes = [Axis::linear("side[0].force[0].cep_m", 100.0, 200.0, 2)];
        let t = table(&names(), &axes, &[point(100.0, 6), point(200.0, 6)]);
        assert_eq!(t.columns.len(), 1 + 1 + 3 + 6);
        assert_eq!(t.columns[2], "overall_ratio[A]");
        assert_eq!(t.columns[5], "ratio[A->B]");
        assert_eq!(t.columns[10], "ratio[C, Inc.->B]");
        assert_eq!(t.rows[1][..3], [200.0, 0.25, 0.5]);
        let csv = csv(&t);
        assert!(csv.starts_with("\"side[0].force[0].cep_m\",index,\"overall_ratio[A]\""));
        assert!(csv.contains(",\"ratio[C, Inc.->B]\"\n"));
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "100,0.25,0.5,0.5,1,0.75,0.75,0.75,0.75,0.75,0.75"
        );
    }

    #[test]
    fn pair_columns_are_left_out_when_a_point_lacks_a_pair() {
        let axes = [Axis::linear("side[2].force[0].launchers", 0.0, 10.0, 2)];
        let t = table(&names(), &axes, &[point(0.0, 2), point(10.0, 6)]);
        assert_eq!(t.columns.len(), 5);
        assert!(t.rows.iter().all(|r| r.len() == 5));
    }
}
