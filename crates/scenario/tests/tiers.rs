//! Every built-in under the four standard regimes: the class and tier planner gives the
//! per-aimpoint reference's plan and stop index, and its curve, stop point and outcomes to 1e-12
//! of the exchange's scale (issue 7).

use reykjavik_engine::exchange::{CurveDetail, strike_mismatch};
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
