//! Planning in a reused `Workspace` gives the same results, bit for bit, as planning afresh:
//! the built-ins in an order that grows and shrinks every buffer, under the four regimes.

use reykjavik_engine::exchange::{self, CurveDetail, Workspace};
use reykjavik_engine::model::Alert;
use reykjavik_engine::stability::{
    AnalysisOptions, analyze_index_with, analyze_stop_only, analyze_stop_only_with,
};

mod regimes;
use regimes::{each_regime, posture};

/// Large, small, large again, and one with warhead storage (us-china-2010-wu).
const ORDER: [&str; 5] = [
    "us-russia-2021",
    "kent-thaler-notional",
    "us-china-2010-wu",
    "us-russia-2021",
    "kent-thaler-notional",
];

/// Both sides' analysis options under one regime.
fn options(alert: Alert, lua: bool) -> AnalysisOptions {
    AnalysisOptions {
        alert: [alert; 2],
        launch_under_attack: [lua; 2],
    }
}

#[test]
fn stop_only_analyses_in_one_workspace_equal_fresh_ones() {
    let mut workspace = Workspace::default();
    each_regime(&ORDER, |name, scenario, alert, lua| {
        let options = options(alert, lua);
        let fresh = analyze_stop_only(scenario, options).unwrap();
        let reused = analyze_stop_only_with(scenario, options, &mut workspace).unwrap();
        assert_eq!(reused, fresh, "{name} {alert:?} lua {lua}");
        assert_eq!(reused.index.to_bits(), fresh.index.to_bits());
    });
}

/// The index-only analysis (one workspace for all) gives the stop-only analysis's index, sides
/// and stop points, bit for bit, on every built-in under the four regimes.
#[test]
fn index_only_analyses_equal_stop_only_ones() {
    let mut workspace = Workspace::default();
    each_regime(&ORDER, |name, scenario, alert, lua| {
        let options = options(alert, lua);
        let full = analyze_stop_only(scenario, options).unwrap();
        let lean = analyze_index_with(scenario, options, &mut workspace).unwrap();
        assert_eq!(lean.index.to_bits(), full.index.to_bits(), "{name}");
        assert_eq!(lean.sides, full.sides, "{name} {alert:?} lua {lua}");
        let stops = full.exchanges.map(|e| e.stop_point);
        assert_eq!(lean.stops, stops, "{name} {alert:?} lua {lua}");
    });
}

/// Full curves and certificates go through the same buffers.
#[test]
fn full_curve_strikes_in_one_workspace_equal_fresh_ones() {
    let mut workspace = Workspace::default();
    each_regime(&ORDER, |name, scenario, alert, lua| {
        let posture = posture(alert, lua);
        for (striker, victim) in [(0, 1), (1, 0)] {
            let fresh =
                exchange::first_strike(scenario, striker, victim, posture, true, CurveDetail::Full)
                    .unwrap();
            let reused = exchange::first_strike_with(
                &mut workspace,
                scenario,
                striker,
                victim,
                posture,
                true,
                CurveDetail::Full,
            )
            .unwrap();
            assert_eq!(
                reused, fresh,
                "{name} {alert:?} lua {lua} {striker}->{victim}"
            );
        }
    });
}

/// The stop-only search (exchange/stop_search.rs) stops where the full curve stops, with the
/// same point to the bit, on every built-in, both strikes, the four regimes.
#[test]
fn stop_only_strikes_stop_where_full_curves_stop() {
    let names = ["us-russia-2021", "kent-thaler-notional", "us-china-2010-wu"];
    each_regime(&names, |name, scenario, alert, lua| {
        let posture = posture(alert, lua);
        for (striker, victim) in [(0, 1), (1, 0)] {
            let strike = |detail| {
                exchange::first_strike(scenario, striker, victim, posture, false, detail).unwrap()
            };
            let (every, searched) = (strike(CurveDetail::Full), strike(CurveDetail::StopOnly));
            let at = format!("{name} {alert:?} lua {lua} {striker}->{victim}");
            assert_eq!(searched.stop, every.stop, "{at}");
            assert_eq!(searched.stop_point, every.stop_point, "{at}");
            let bits = |e: &exchange::Exchange| e.stop_point.cost_to_striker.to_bits();
            assert_eq!(bits(&searched), bits(&every), "{at}");
        }
    });
}
