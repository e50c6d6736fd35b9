//! A base scenario against changed ones: each side's C1, C2 and ratio and the index under the
//! four standard regimes, and paired Monte Carlo of the change in the index.

use rayon::prelude::*;

use crate::error::EngineError;
use crate::model::{Alert, Scenario};
use crate::montecarlo::{Job, Trial, Trials};
use crate::stability::{self, AnalysisOptions, IndexReport, STANDARD_REGIMES};
use crate::stats::{self, Summary};

/// One side's terms under one regime.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideTerms {
    /// C1: the side's cost when it strikes first.
    pub cost_striking_first: f64,
    /// C2: its cost when struck first.
    pub cost_struck_first: f64,
    pub ratio: f64,
}

/// The index and both sides' terms under one standard regime.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegimeTerms {
    pub alert: Alert,
    pub launch_under_attack: bool,
    pub index: f64,
    pub sides: [SideTerms; 2],
}

fn options(alert: Alert, launch_under_attack: bool) -> AnalysisOptions {
    AnalysisOptions {
        alert: [alert; 2],
        launch_under_attack: [launch_under_attack; 2],
    }
}

/// The four standard regimes (`stability::STANDARD_REGIMES`) with each side's C1 and C2.
pub fn regimes(scenario: &Scenario) -> Result<Vec<RegimeTerms>, EngineError> {
    let mut workspace = crate::exchange::Workspace::default();
    STANDARD_REGIMES
        .iter()
        .map(|&(alert, lua)| {
            let report =
                stability::analyze_index_with(scenario, options(alert, lua), &mut workspace)?;
            Ok(terms(alert, lua, &report))
        })
        .collect()
}

fn terms(alert: Alert, launch_under_attack: bool, report: &IndexReport) -> RegimeTerms {
    let side = |s: usize| SideTerms {
        cost_striking_first: report.sides[s].cost_striking_first,
        cost_struck_first: report.sides[s].cost_struck_first,
        ratio: report.sides[s].ratio,
    };
    RegimeTerms {
        alert,
        launch_under_attack,
        index: report.index,
        sides: [side(0), side(1)],
    }
}

/// The change in the index over paired trials under one regime.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedChange {
    pub alert: Alert,
    pub launch_under_attack: bool,
    /// Index with the proposal minus index of the base, per trial (in trial order).
    pub changes: Vec<f64>,
    pub summary: Summary,
    /// Share of trials in which the proposal's index is higher than the base's.
    pub p_improves: f64,
    /// Share of trials in which it is lower.
    pub p_worsens: f64,
}

/// Paired Monte Carlo: trial t of the base and of the changed scenario use the same random
/// stream (seed, t), so input draws of fields both share and outcome draws cancel as far as the
/// two scenarios allow. Plans are made once on central values (`Planning::Fixed`).
pub fn paired_monte_carlo(
    base: &Scenario,
    changed: &Scenario,
    trials: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<PairedChange>, EngineError> {
    if trials == 0 {
        return Err(EngineError::rule("trials", "at least 1 trial"));
    }
    let done = std::sync::atomic::AtomicU64::new(0);
    STANDARD_REGIMES
        .iter()
        .map(|&(alert, lua)| {
            let options = options(alert, lua);
            let plans = [
                stability::analyze(base, options)?,
                stability::analyze(changed, options)?,
            ];
            let runs = [
                Trials::new(base, Some(&plans[0]), options, seed),
                Trials::new(changed, Some(&plans[1]), options, seed),
            ];
            let changes = (0..trials)
                .into_par_iter()
                // One job state per run and rayon job, reused by its trials.
                .map_init(<[Job; 2]>::default, |jobs, t| {
                    let [base_job, changed_job] = jobs;
                    let index = |run: &Trials, job: &mut Job| -> Result<f64, EngineError> {
                        run.trial(job, t).map(|trial: Trial| trial.index)
                    };
                    let change = index(&runs[1], changed_job)? - index(&runs[0], base_job)?;
                    let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    if finished.is_multiple_of(256) {
                        progress(finished);
                    }
                    Ok(change)
                })
                .collect::<Result<Vec<f64>, EngineError>>()?;
            paired_change(alert, lua, changes)
        })
        .collect()
}

/// The summary of per-trial changes (also used by the N-side paired Monte Carlo).
pub(crate) fn paired_change(
    alert: Alert,
    launch_under_attack: bool,
    changes: Vec<f64>,
) -> Result<PairedChange, EngineError> {
    let n = changes.len() as f64;
    let share = |keep: fn(f64) -> bool| changes.iter().filter(|&&c| keep(c)).count() as f64 / n;
    let p_improves = share(|c| c > 0.0);
    let p_worsens = share(|c| c < 0.0);
    let summary = stats::summarize(&mut changes.clone())
        .ok_or_else(|| EngineError::Undefined("no trials".into()))?;
    Ok(PairedChange {
        alert,
        launch_under_attack,
        changes,
        summary,
        p_improves,
        p_worsens,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_improving_and_worsening_trials_by_hand() {
        let change = paired_change(Alert::DayToDay, false, vec![0.1, -0.2, 0.0, 0.3]).unwrap();
        assert_eq!(change.p_improves, 0.5);
        assert_eq!(change.p_worsens, 0.25);
        assert!((change.summary.mean - 0.05).abs() < 1e-12);
    }
}
