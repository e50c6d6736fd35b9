//! Every built-in under the four standard regimes: the class and tier planner gives the
//! per-aimpoint reference's plan and stop index, and its curve, stop point and outcomes to 1e-12
//! of the exchange's scale (issue 7).

use reykjavik_engine::EngineError;
use reykjavik_engine::exchange::{
    CurveDetail, Exchange, ExchangePosture, RANKINGS, first_strike, first_strike_one_ranking,
    first_strike_ranked_frozen, first_strike_reference, mismatch_with_reference, stop_costs_agree,
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
                        let whole = detail == CurveDetail::Full;
                        for power in RANKINGS {
                            let run = |reference| {
                                first_strike_one_ranking(
                                    &scenario, striker, victim, posture, certify, detail, power,
                                    reference,
                                )
                                .unwrap()
                            };
                            if let Some(m) = mismatch_with_reference(&run(false), &run(true), whole)
                            {
                                panic!("{label} ranking {power}: {m}");
                            }
                        }
                        let run = |f: Strike| {
                            f(&scenario, striker, victim, posture, certify, detail).unwrap()
                        };
                        let new: Exchange = run(first_strike);
                        let reference: Exchange = run(first_strike_reference);
                        assert!(
                            stop_costs_agree(&new, &reference),
                            "{label}: {:?} vs {:?}",
                            new.stop_point,
                            reference.stop_point
                        );
                    }
                }
            }
        }
    }
}

/// TEMPORARY guard (removed with the frozen copy): on every built-in, both directions, the four
/// regimes, both curve details, certified or not and every ranking, the staged reference gives
/// today's reference's exchange bit for bit (`{:?}` prints every f64 exactly).
#[test]
fn builtins_staged_reference_is_the_frozen_reference_bit_for_bit() {
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
                    for detail in [CurveDetail::Full, CurveDetail::StopOnly] {
                        for certify in [false, true] {
                            for power in RANKINGS {
                                let staged = first_strike_one_ranking(
                                    &scenario, striker, victim, posture, certify, detail, power,
                                    true,
                                );
                                let frozen = first_strike_ranked_frozen(
                                    &scenario, striker, victim, posture, certify, detail, power,
                                );
                                assert_eq!(
                                    format!("{staged:?}"),
                                    format!("{frozen:?}"),
                                    "{} {alert:?} LUA {lua} {striker}->{victim} {detail:?} certify {certify} ranking {power}",
                                    builtin.name
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
