//! `compare` on N sides: a base and its proposals under the N-side analysis at the four
//! standard regimes. A proposal changes the truth only; each side's beliefs stay as written
//! (a belief is an override of a field, so it still wins in its holder's view).

use super::{MultiOptions, MultiReport, MultiScenario, analyze};
use crate::error::EngineError;
use crate::model::{Alert, Scenario};
use crate::stability::STANDARD_REGIMES;

/// The actual N-side outcome under one standard regime (every side at one posture).
#[derive(Debug, Clone, PartialEq)]
pub struct RegimeReport {
    pub alert: Alert,
    pub launch_under_attack: bool,
    pub report: MultiReport,
}

/// The N-side analysis under each of `stability::STANDARD_REGIMES`, in that order.
pub fn regimes(ms: &MultiScenario) -> Result<Vec<RegimeReport>, EngineError> {
    let n = ms.scenario.sides.len();
    STANDARD_REGIMES
        .iter()
        .map(|&(alert, launch_under_attack)| {
            let options = MultiOptions::uniform(n, alert, launch_under_attack);
            Ok(RegimeReport {
                alert,
                launch_under_attack,
                report: analyze(ms, &options)?.actual,
            })
        })
        .collect()
}

/// The base with its truth replaced by `changed` (a proposal applied to the base's truth);
/// alliances, beliefs and reserve options kept.
pub fn with_truth(base: &MultiScenario, changed: Scenario) -> MultiScenario {
    MultiScenario {
        scenario: changed,
        ..base.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basing, ForceElement, ModelOptions, Side, ValueModel, ValueUnit};

    fn side(name: &str, silos: u32) -> Side {
        Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 200.0,
            },
            forces: vec![ForceElement::ballistic(
                "silo",
                Basing::Silo,
                silos,
                3,
                300.0,
                200.0,
            )],
            missile_defenses: vec![],
            air_defenses: vec![],
            warhead_storage: vec![],
        }
    }

    fn three() -> MultiScenario {
        MultiScenario::plain(Scenario {
            name: "t".into(),
            description: String::new(),
            sides: vec![side("A", 100), side("B", 80), side("C", 50)],
            options: ModelOptions::default(),
            uncertain: vec![],
        })
    }

    #[test]
    fn one_report_per_standard_regime_in_order() {
        let reports = regimes(&three()).unwrap();
        let order: Vec<(Alert, bool)> = reports
            .iter()
            .map(|r| (r.alert, r.launch_under_attack))
            .collect();
        assert_eq!(order, STANDARD_REGIMES);
        let uniform = MultiOptions::uniform(3, Alert::Generated, true);
        assert_eq!(
            reports[3].report,
            analyze(&three(), &uniform).unwrap().actual
        );
    }

    #[test]
    fn a_new_truth_keeps_the_beliefs_and_options() {
        let mut base = three();
        base.beliefs.push(super::super::Belief {
            holder: 2,
            path: "side[0].force[0].cep_m".into(),
            value: 90.0,
        });
        let mut changed = base.scenario.clone();
        changed.sides[0].forces[0].launchers = 10;
        let out = with_truth(&base, changed);
        assert_eq!(out.beliefs, base.beliefs);
        assert_eq!(out.scenario.sides[0].forces[0].launchers, 10);
        // The belief still overrides the changed truth in its holder's world.
        let believed = out.believed_by(2).unwrap();
        assert_eq!(believed.sides[0].forces[0].cep_m, Some(90.0));
        assert_eq!(believed.sides[0].forces[0].launchers, 10);
    }
}
