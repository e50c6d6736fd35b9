//! `compare` on N sides: a base and its proposals under the N-side analysis at the four
//! standard regimes. A proposal changes the truth only; each side's beliefs stay as written
//! (a belief is an override of a field, so it still wins in its holder's view).

use super::montecarlo as nmc;
use super::{MultiOptions, MultiReport, MultiScenario, analyze};
use crate::arms_control::compare::{PairedChange, paired_change};
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

/// Most paired trials for a base and one changed scenario: the N-side Monte Carlo's cap
/// ([`nmc::max_trials`], of the larger of the two) shared among the 8 runs (4 regimes, 2
/// scenarios).
pub fn max_paired_trials(base: &MultiScenario, changed: &MultiScenario) -> u64 {
    (nmc::max_trials(base).min(nmc::max_trials(changed)) / 8).max(1)
}

/// Paired Monte Carlo over the inputs: under each standard regime, trial t of the base and of
/// the changed scenario draw from the same stream (seed, t) (the N-side Monte Carlo: inputs
/// drawn, planners knowing the draw, no random outcomes), so the draws of inputs both share
/// cancel in the change of the N-side index as far as the two input lists agree.
pub fn paired_monte_carlo(
    base: &MultiScenario,
    changed: &MultiScenario,
    trials: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<PairedChange>, EngineError> {
    if trials == 0 {
        return Err(EngineError::rule("trials", "at least 1 trial"));
    }
    let n = base.scenario.sides.len();
    STANDARD_REGIMES
        .iter()
        .enumerate()
        .map(|(k, &(alert, lua))| {
            let options = MultiOptions::uniform(n, alert, lua);
            let offset = 2 * k as u64 * trials;
            let before = nmc::run(base, &options, trials, seed, &|d| progress(offset + d))?;
            let after = nmc::run(changed, &options, trials, seed, &|d| {
                progress(offset + trials + d)
            })?;
            let changes = after
                .iter()
                .zip(&before)
                .map(|(a, b)| a.index - b.index)
                .collect();
            paired_change(alert, lua, changes)
        })
        .collect()
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
    fn paired_trials_of_a_scenario_against_itself_change_nothing() {
        let mut base = three();
        base.scenario.uncertain.push(crate::params::UncertainInput {
            paths: vec!["side[2].force[0].launchers".into()],
            distribution: crate::params::Distribution::Uniform {
                low: 0.0,
                high: 50.0,
            },
        });
        let paired = paired_monte_carlo(&base, &base, 8, 3, &|_| {}).unwrap();
        assert_eq!(paired.len(), 4);
        for p in &paired {
            assert!(p.changes.iter().all(|&c| c == 0.0));
            assert_eq!((p.p_improves, p.p_worsens), (0.0, 0.0));
        }
    }

    #[test]
    fn paired_changes_are_the_differences_of_the_two_runs() {
        let base = three();
        let mut changed = base.clone();
        changed.scenario.sides[0].forces[0].launchers = 40;
        let paired = paired_monte_carlo(&base, &changed, 2, 1, &|_| {}).unwrap();
        // No uncertain input: every trial is the central analysis.
        let before = regimes(&base).unwrap();
        let after = regimes(&changed).unwrap();
        for ((p, b), a) in paired.iter().zip(&before).zip(&after) {
            let change = a.report.index - b.report.index;
            assert_eq!(p.changes, [change, change]);
        }
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
