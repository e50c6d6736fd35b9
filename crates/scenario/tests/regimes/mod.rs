//! The built-ins under the four standard regimes, shared by the tests that sweep them.

use reykjavik_engine::exchange::ExchangePosture;
use reykjavik_engine::model::{Alert, Scenario};
use reykjavik_engine::stability::STANDARD_REGIMES;

/// Calls `check` with each named built-in under each standard regime (both sides at `alert`,
/// launching under attack or not).
pub fn each_regime(names: &[&str], mut check: impl FnMut(&str, &Scenario, Alert, bool)) {
    for &name in names {
        let scenario = reykjavik_scenario::load(name).unwrap();
        for (alert, lua) in STANDARD_REGIMES {
            check(name, &scenario, alert, lua);
        }
    }
}

/// A strike's posture under one regime.
pub fn posture(alert: Alert, lua: bool) -> ExchangePosture {
    ExchangePosture {
        striker_alert: alert,
        victim_alert: alert,
        victim_launches_under_attack: lua,
    }
}
