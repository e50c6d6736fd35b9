//! Every built-in under the four standard regimes: the class and tier planner gives the
//! per-aimpoint reference's plan and stop index, and its curve, stop point and outcomes to 1e-12
//! of the exchange's scale (issue 7).

use reykjavik_engine::exchange::{
    CurveDetail, RANKINGS, first_strike_one_ranking, first_strike_ranked_frozen, strike_mismatch,
};
use reykjavik_scenario::builtin::BUILTINS;

mod regimes;
use regimes::{each_regime, posture};

fn builtin_names() -> Vec<&'static str> {
    BUILTINS.iter().map(|b| b.name).collect()
}

#[test]
fn builtins_plan_as_the_per_aimpoint_reference_in_every_regime() {
    each_regime(&builtin_names(), |name, scenario, alert, lua| {
        for (striker, victim) in [(0, 1), (1, 0)] {
            for (detail, certify) in [(CurveDetail::Full, true), (CurveDetail::StopOnly, false)] {
                let posture = posture(alert, lua);
                if let Some(m) =
                    strike_mismatch(scenario, striker, victim, posture, certify, detail).unwrap()
                {
                    panic!("{name} {alert:?} LUA {lua} {striker}->{victim} {detail:?} {m}");
                }
            }
        }
    });
}

/// TEMPORARY guard (removed with the frozen copy): on every built-in, both directions, the four
/// regimes, both curve details, certified or not and every ranking, the staged reference gives
/// today's reference's exchange bit for bit (`{:?}` prints every f64 exactly).
#[test]
fn builtins_staged_reference_is_the_frozen_reference_bit_for_bit() {
    each_regime(&builtin_names(), |name, scenario, alert, lua| {
        let posture = posture(alert, lua);
        for (striker, victim) in [(0, 1), (1, 0)] {
            for detail in [CurveDetail::Full, CurveDetail::StopOnly] {
                for certify in [false, true] {
                    for power in RANKINGS {
                        let staged = first_strike_one_ranking(
                            scenario, striker, victim, posture, certify, detail, power, true,
                        );
                        let frozen = first_strike_ranked_frozen(
                            scenario, striker, victim, posture, certify, detail, power,
                        );
                        assert_eq!(
                            format!("{staged:?}"),
                            format!("{frozen:?}"),
                            "{name} {alert:?} LUA {lua} {striker}->{victim} {detail:?} certify {certify} ranking {power}",
                        );
                    }
                }
            }
        }
    });
}
