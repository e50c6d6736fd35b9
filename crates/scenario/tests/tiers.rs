//! Every built-in under the four standard regimes: the class and tier planner gives the
//! per-aimpoint reference's plan, curve, stop point and outcomes exactly (issue 7).

use reykjavik_engine::EngineError;
use reykjavik_engine::allocation::Assignment;
use reykjavik_engine::exchange::{
    CurveDetail, Exchange, ExchangePosture, first_strike, first_strike_reference,
};
use reykjavik_engine::model::{Alert, Scenario};

type Strike = fn(
    &Scenario,
    usize,
    usize,
    ExchangePosture,
    bool,
    CurveDetail,
) -> Result<Exchange, EngineError>;

/// The executed plan, one assignment per warhead.
fn expanded(x: &Exchange) -> Vec<Assignment> {
    x.executed()
        .iter()
        .flat_map(|b| b.assignments().collect::<Vec<_>>())
        .collect()
}

fn assert_same(new: &Exchange, reference: &Exchange, label: &str) {
    assert_eq!(new.assignments(), reference.assignments(), "{label}: plan");
    assert_eq!(new.stop, reference.stop, "{label}: stop index");
    assert_eq!(new.stop_point, reference.stop_point, "{label}: stop point");
    assert_eq!(new.curve, reference.curve, "{label}: curve");
    assert_eq!(
        new.victim_elements, reference.victim_elements,
        "{label}: victim"
    );
    assert_eq!(
        new.striker_elements, reference.striker_elements,
        "{label}: striker"
    );
    assert_eq!(
        (new.cost_lower_bound, new.destroyed_upper_bound),
        (reference.cost_lower_bound, reference.destroyed_upper_bound),
        "{label}: certificates"
    );
}

#[test]
fn builtins_plan_as_the_per_aimpoint_reference_in_every_regime() {
    for builtin in reykjavik_scenario::builtin::BUILTINS {
        let scenario = reykjavik_scenario::parse(builtin.toml, builtin.name).unwrap();
        for alert in [Alert::DayToDay, Alert::Generated] {
            for lua in [false, true] {
                let posture = ExchangePosture {
                    striker_alert: alert,
                    victim_alert: alert,
                    victim_launches_under_attack: lua,
                };
                for (striker, victim) in [(0, 1), (1, 0)] {
                    for (detail, certify) in
                        [(CurveDetail::Full, true), (CurveDetail::StopOnly, false)]
                    {
                        let label = format!(
                            "{} {alert:?} LUA {lua} {striker}->{victim} {detail:?}",
                            builtin.name
                        );
                        let run = |f: Strike| {
                            f(&scenario, striker, victim, posture, certify, detail).unwrap()
                        };
                        let new: Exchange = run(first_strike);
                        let reference: Exchange = run(first_strike_reference);
                        if detail == CurveDetail::Full {
                            assert_same(&new, &reference, &label);
                        } else {
                            assert_eq!(expanded(&new), expanded(&reference), "{label}: executed");
                            assert_eq!(new.stop, reference.stop, "{label}: stop index");
                            assert_eq!(new.stop_point, reference.stop_point, "{label}: stop point");
                            assert_eq!(
                                new.victim_elements, reference.victim_elements,
                                "{label}: victim"
                            );
                        }
                    }
                }
            }
        }
    }
}
