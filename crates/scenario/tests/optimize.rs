//! The posture search under New START (`reykjavik_engine::arms_control::optimize`): the best
//! posture is at least as stable as the base, respects every limit and the warhead floor, and
//! moves warheads off MIRVed silos (Kent & Thaler, RAND R-3765-AF, 1989).

use reykjavik_engine::arms_control::optimize::{self, SearchOptions, SearchResult};
use reykjavik_engine::arms_control::treaty::{self, Counting, Treaty};
use reykjavik_engine::model::{Basing, Scenario};

fn new_start() -> Treaty {
    reykjavik_scenario::treaty::load("new-start").unwrap()
}

fn search(scenario: &Scenario, side: usize, options: SearchOptions) -> SearchResult {
    optimize::search(
        scenario,
        &new_start(),
        SearchOptions { side, ..options },
        &|_, _| {},
    )
    .unwrap()
}

/// Warheads on silo elements that carry more than one warhead per launcher in the base.
fn warheads_on_mirved_silos(base: &Scenario, scenario: &Scenario, side: usize) -> u64 {
    base.sides[side]
        .forces
        .iter()
        .zip(&scenario.sides[side].forces)
        .filter(|(b, _)| b.basing == Basing::Silo && b.warheads_per_launcher > 1)
        .map(|(_, f)| f.warheads())
        .sum()
}

fn check_result(base: &Scenario, result: &SearchResult, side: usize) {
    assert!(
        result.best.score >= result.base.score,
        "best {} below base {}",
        result.best.score,
        result.base.score
    );
    let best_side = &result.scenario.sides[side];
    assert!(treaty::count(&new_start(), best_side, Counting::Declared).complies());
    assert!(best_side.nuclear_warheads() >= base.sides[side].nuclear_warheads());
    for (v, (launchers, warheads)) in result.variables.iter().zip(&result.best.posture) {
        assert!(*launchers <= v.max_launchers && (1..=v.max_warheads).contains(warheads));
    }
    // The other side is untouched.
    assert_eq!(result.scenario.sides[1 - side], base.sides[1 - side]);
}

#[test]
fn kent_thaler_side_b_moves_warheads_off_its_mirved_silos() {
    let base = reykjavik_scenario::load("kent-thaler-notional").unwrap();
    let result = search(&base, 1, SearchOptions::default());
    check_result(&base, &result, 1);
    assert!(result.best.score > result.base.score);
    let before = warheads_on_mirved_silos(&base, &base, 1);
    let after = warheads_on_mirved_silos(&base, &result.scenario, 1);
    assert!(
        after < before,
        "{before} -> {after} warheads on MIRVed silos"
    );
    // Reproducible for a seed.
    assert_eq!(search(&base, 1, SearchOptions::default()).best, result.best);
}

#[test]
fn us_russia_2021_russia_moves_warheads_off_its_mirved_silos() {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let options = SearchOptions {
        starts: 2,
        grid_budget: 60,
        ..SearchOptions::default()
    };
    let result = search(&base, 1, options);
    check_result(&base, &result, 1);
    let before = warheads_on_mirved_silos(&base, &base, 1);
    let after = warheads_on_mirved_silos(&base, &result.scenario, 1);
    assert!(
        after < before,
        "{before} -> {after} warheads on MIRVed silos"
    );
}

/// The US has no MIRVed silos in 2021; the search keeps every limit and does not lower the
/// index. (It loads a second warhead on some Minuteman III: see docs/arms-control.md.)
#[test]
fn us_russia_2021_united_states_keeps_every_limit() {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let options = SearchOptions {
        starts: 2,
        grid_budget: 60,
        ..SearchOptions::default()
    };
    let result = search(&base, 0, options);
    check_result(&base, &result, 0);
}

/// The best posture written back into the scenario text parses and gives the same objective.
#[test]
fn the_best_posture_rewrites_into_a_valid_scenario() {
    let base = reykjavik_scenario::load("kent-thaler-notional").unwrap();
    let result = search(&base, 1, SearchOptions::default());
    let (source, label) = reykjavik_scenario::source_text("kent-thaler-notional").unwrap();
    let mut edits = vec![];
    for (v, (l, w)) in result.variables.iter().zip(&result.best.posture) {
        let at = format!("side[1].force[{}]", v.element);
        edits.push((format!("{at}.launchers"), l.to_string()));
        edits.push((format!("{at}.warheads_per_launcher"), w.to_string()));
    }
    let text = reykjavik_scenario::rewrite_fields(&source, &label, &edits).unwrap();
    let reread = reykjavik_scenario::parse(&text, "best.toml").unwrap();
    assert_eq!(reread.sides, result.scenario.sides);
    let missing = reykjavik_scenario::rewrite_fields(
        &source,
        &label,
        &[("side[1].force[0].bias_m".into(), "3".into())],
    );
    assert!(missing.is_err());
}

/// The other objectives: the side's own ratio does not fall, its cost when struck first does
/// not rise (means over the four regimes).
#[test]
fn the_ratio_and_struck_cost_objectives_improve_their_own_measure() {
    use reykjavik_engine::arms_control::optimize::Objective;
    let base = reykjavik_scenario::load("kent-thaler-notional").unwrap();
    let mean =
        |r: &SearchResult,
         f: &dyn Fn(&reykjavik_engine::arms_control::compare::RegimeTerms) -> f64| {
            (
                r.base.regimes.iter().map(f).sum::<f64>() / 4.0,
                r.best.regimes.iter().map(f).sum::<f64>() / 4.0,
            )
        };
    let ratio = search(
        &base,
        1,
        SearchOptions {
            objective: Objective::Ratio,
            ..SearchOptions::default()
        },
    );
    check_result(&base, &ratio, 1);
    let (before, after) = mean(&ratio, &|r| r.sides[1].ratio);
    assert!(after >= before, "{before} -> {after}");
    let cost = search(
        &base,
        1,
        SearchOptions {
            objective: Objective::StruckCost,
            ..SearchOptions::default()
        },
    );
    check_result(&base, &cost, 1);
    let (before, after) = mean(&cost, &|r| r.sides[1].cost_struck_first);
    assert!(after <= before, "{before} -> {after}");
}
