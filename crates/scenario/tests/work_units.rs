//! Work units (issue 14): trial ranges and grid-index ranges, computed alone and concatenated in
//! order, give exactly the whole run, whatever the split.

use proptest::prelude::*;
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_engine::sweep::{self, Axis};
use reykjavik_engine::work_units;
use reykjavik_scenario::load;

fn generated() -> AnalysisOptions {
    AnalysisOptions {
        alert: [Alert::Generated, Alert::DayToDay],
        ..Default::default()
    }
}

fn trials_by_units(
    name: &str,
    planning: Planning,
    total: u64,
    unit: u64,
) -> (Vec<montecarlo::Trial>, Vec<montecarlo::Trial>) {
    let scenario = load(name).unwrap();
    let whole = montecarlo::run(&scenario, generated(), planning, total, 7, &|_| {}).unwrap();
    let pieces = work_units::split(total, unit)
        .into_iter()
        .flat_map(|r| work_units::trials(&scenario, generated(), planning, 7, r).unwrap())
        .collect();
    (whole, pieces)
}

#[test]
fn trial_ranges_give_the_whole_run_with_drawn_inputs_and_both_plannings() {
    // us-russia-2021 has distributions, so the informed planning plans again per trial.
    for planning in [Planning::Fixed, Planning::Informed] {
        let (whole, pieces) = trials_by_units("us-russia-2021", planning, 12, 5);
        assert_eq!(whole, pieces, "{planning:?}");
    }
}

#[test]
fn trial_ranges_give_the_whole_run_without_drawn_inputs() {
    let (whole, pieces) = trials_by_units("us-china-2010-wu", Planning::Informed, 40, 7);
    assert_eq!(whole, pieces);
}

#[test]
fn a_later_trial_range_does_not_depend_on_the_earlier_trials() {
    let scenario = load("us-china-2010-wu").unwrap();
    let whole = montecarlo::run(&scenario, generated(), Planning::Fixed, 30, 3, &|_| {}).unwrap();
    let tail = work_units::trials(&scenario, generated(), Planning::Fixed, 3, 25..30).unwrap();
    assert_eq!(&whole[25..], &tail[..]);
    let other_seed =
        work_units::trials(&scenario, generated(), Planning::Fixed, 4, 25..30).unwrap();
    assert_ne!(tail, other_seed, "the seed must matter");
}

fn grid() -> Vec<Axis> {
    vec![
        Axis::linear("side[0].force[0].cep_m", 60.0, 300.0, 3),
        Axis::linear("side[1].force[0].launchers", 20.0, 40.0, 3),
    ]
}

#[test]
fn grid_index_ranges_give_the_whole_sweep_in_grid_order() {
    let scenario = load("kent-thaler-notional").unwrap();
    let whole = sweep::run(&scenario, &grid(), generated(), &|_| {}).unwrap();
    assert_eq!(whole.len(), 9);
    let pieces: Vec<_> = work_units::split(9, 4)
        .into_iter()
        .flat_map(|r| {
            let r = r.start as usize..r.end as usize;
            work_units::sweep_points(&scenario, &grid(), generated(), r).unwrap()
        })
        .collect();
    assert_eq!(whole, pieces);
    // The last axis runs fastest.
    assert_eq!(pieces[1].coordinates, vec![60.0, 30.0]);
    assert_eq!(pieces[3].coordinates, vec![180.0, 20.0]);
}

#[test]
fn a_range_past_the_grid_or_a_bad_axis_is_refused() {
    let scenario = load("kent-thaler-notional").unwrap();
    let past = work_units::sweep_points(&scenario, &grid(), generated(), 5..10).unwrap_err();
    assert!(
        past.to_string().contains("not within this grid of 9"),
        "{past}"
    );
    let bad = vec![Axis::linear("side[0].force[0].cep_m", -5.0, 10.0, 2)];
    assert!(work_units::sweep_points(&scenario, &bad, generated(), 0..1).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]
    /// Any cut of the grid into two units gives the whole sweep.
    #[test]
    fn any_two_units_give_the_whole_sweep(cut in 0usize..=9) {
        let scenario = load("kent-thaler-notional").unwrap();
        let whole = sweep::run(&scenario, &grid(), generated(), &|_| {}).unwrap();
        let mut pieces = work_units::sweep_points(&scenario, &grid(), generated(), 0..cut).unwrap();
        pieces.extend(work_units::sweep_points(&scenario, &grid(), generated(), cut..9).unwrap());
        prop_assert_eq!(whole, pieces);
    }
}

/// A sweep reuses one planner workspace per job, whose memos are keyed on unchanged inputs
/// (kill-table cells, value units, weapon order): every point must be the point computed alone
/// in a fresh workspace, on axes that change the blast physics (CEP, hardness) and the value
/// units (yield, counted in equivalent megatons in us-russia-2021).
#[test]
fn a_sweep_with_reused_workspaces_gives_each_point_computed_alone() {
    let scenario = load("us-russia-2021").unwrap();
    let axes = vec![
        Axis::linear("side[1].force[0].cep_m", 150.0, 400.0, 3),
        Axis::linear("side[0].force[0].aimpoint_hardness_psi", 1e3, 3e3, 2),
        Axis::linear("side[0].force[2].yield_kt", 100.0, 475.0, 2),
    ];
    let whole = sweep::run(&scenario, &axes, generated(), &|_| {}).unwrap();
    assert_eq!(whole.len(), 12);
    for (k, point) in whole.iter().enumerate() {
        let alone = sweep::point(&scenario, &axes, generated(), k).unwrap();
        assert_eq!(point, &alone, "grid point {k}");
    }
    // The axes matter: the points are not all one.
    assert!(whole.iter().any(|p| p.metrics != whole[0].metrics));
}
