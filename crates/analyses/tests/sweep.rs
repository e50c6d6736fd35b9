//! `sweep` through the analyses layer, two and N sides: the table is the report layer's for the
//! engine's points, a work unit is the same rows as the whole grid's, progress counts the
//! points, and a grid or range out of bounds is refused as bad input before any work.

use std::sync::atomic::{AtomicU64, Ordering};

use reykjavik_analyses::Error;
use reykjavik_analyses::sweep::{
    NSideRequest, Request, actor_names, max_points, n_side_max_points, run, run_n_side,
};
use reykjavik_engine::model::Alert;
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_engine::sweep::{self, Axis};

const CEP: &str = "side[1].force[0].cep_m";

fn line(steps: usize) -> Vec<Axis> {
    vec![Axis::linear(CEP, 100.0, 300.0, steps)]
}

fn request(axes: Vec<Axis>) -> Request {
    Request {
        scenario: reykjavik_scenario::load("kent-thaler-notional").unwrap(),
        axes,
        options: AnalysisOptions::default(),
        range: None,
    }
}

fn n_side_base() -> MultiScenario {
    reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap()
}

fn n_side_request(axes: Vec<Axis>) -> NSideRequest {
    let base = n_side_base();
    let options = MultiOptions::uniform(base.scenario.sides.len(), Alert::DayToDay, false);
    NSideRequest {
        base,
        axes,
        options,
        range: None,
    }
}

#[test]
fn table_is_the_report_layers_for_the_engines_points() {
    let r = request(line(5));
    let points = sweep::run(&r.scenario, &r.axes, r.options, &|_| {}).unwrap();
    let expected = reykjavik_report::sweep::csv(&r.scenario, &r.axes, &points);
    let swept = run(r, &|_| {}).unwrap();
    assert_eq!(swept.csv(), expected);
    let doc = swept.json();
    assert_eq!(
        doc["columns"],
        serde_json::json!(swept.columns()),
        "{doc:#}"
    );
    assert_eq!(doc["rows"], serde_json::json!(swept.rows()), "{doc:#}");
    assert_eq!(swept.rows().len(), 5);
    assert!(
        swept
            .rows()
            .iter()
            .all(|row| row.len() == swept.columns().len())
    );
}

#[test]
fn a_grid_runs_every_point_with_progress() {
    let mut axes = line(3);
    axes.push(Axis::linear(
        "side[1].force[0].aimpoint_hardness_psi",
        1000.0,
        3000.0,
        2,
    ));
    let r = request(axes);
    assert_eq!(r.steps(), 6);
    let done = AtomicU64::new(0);
    let swept = run(r, &|n| {
        done.fetch_max(n, Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(swept.points.len(), 6);
    assert_eq!(done.load(Ordering::Relaxed), 6);
}

#[test]
fn a_work_unit_is_the_whole_grids_rows() {
    let whole = run(request(line(5)), &|_| {}).unwrap().rows();
    let mut unit = request(line(5));
    unit.range = Some(2..4);
    assert_eq!(unit.steps(), 2);
    assert_eq!(run(unit, &|_| {}).unwrap().rows(), whole[2..4].to_vec());
}

#[test]
fn out_of_bounds_is_refused_before_any_work() {
    let r = request(line(5));
    let (most, _) = max_points(&r.scenario);
    let too_many = vec![
        Axis::linear(CEP, 100.0, 300.0, most),
        Axis::linear("side[1].force[0].aimpoint_hardness_psi", 1e3, 3e3, 2),
    ];
    let mut past_the_grid = request(line(5));
    past_the_grid.range = Some(3..6);
    for r in [request(too_many), past_the_grid] {
        let called = AtomicU64::new(0);
        let result = run(r, &|_| {
            called.fetch_add(1, Ordering::Relaxed);
        });
        assert!(matches!(result, Err(Error::Input(_))));
        assert_eq!(called.load(Ordering::Relaxed), 0);
    }
}

#[test]
fn n_side_table_has_a_row_per_point_and_every_actor() {
    let r = n_side_request(line(3));
    let names = actor_names(&r.base, &r.options);
    assert_eq!(names.len(), 3, "{names:?}");
    let swept = run_n_side(r, &|_| {}).unwrap();
    assert_eq!(swept.names, names);
    assert_eq!(swept.table.rows.len(), 3);
    let csv = swept.csv();
    assert_eq!(csv.lines().count(), 4, "{csv}");
    // The axis, the index, each actor's overall ratio, then every ordered pair's ratio.
    assert_eq!(swept.table.columns.len(), 1 + 1 + 3 + 6, "{csv}");
    assert_eq!(swept.table.columns[1], "index");
    for name in &names {
        let overall = reykjavik_report::multilateral_sweep::overall_column(name);
        assert!(swept.table.columns.contains(&overall), "{overall} in {csv}");
    }
    assert_eq!(swept.json()["kind"], "n-side");
}

#[test]
fn n_side_work_unit_is_the_whole_grids_rows() {
    let whole = run_n_side(n_side_request(line(3)), &|_| {}).unwrap().table;
    let mut unit = n_side_request(line(3));
    unit.range = Some(1..3);
    let part = run_n_side(unit, &|_| {}).unwrap().table;
    assert_eq!(part.columns, whole.columns);
    assert_eq!(part.rows, whole.rows[1..3].to_vec());
}

#[test]
fn n_side_grid_past_its_cap_is_refused() {
    let base = n_side_base();
    let most = n_side_max_points(&base);
    let mut r = n_side_request(vec![
        Axis::linear(CEP, 100.0, 300.0, most),
        Axis::linear(CEP, 100.0, 300.0, 2),
    ]);
    r.range = None;
    assert!(matches!(run_n_side(r, &|_| {}), Err(Error::Input(_))));
}
