//! `optimize` on N sides: the posture search of [`crate::arms_control::optimize`] with each
//! candidate scored by the N-side analysis at the four standard regimes (every side at one
//! posture). One side's posture varies; every other side, every belief, alliance and reserve
//! option is held as written (a belief is an override of a field, so a belief about the
//! optimised side still wins in its holder's view).
//!
//! The objectives on N sides (docs/arms-control.md), each averaged over the regimes:
//! - `index`: the N-side index (the product of the armed actors' overall ratios);
//! - `ratio`: the overall ratio of the actor the side plans in (the side itself, or its
//!   alliance): its lowest pairwise ratio against any armed opponent;
//! - `struck-cost`: minus that actor's largest cost when struck first, over its armed opponents
//!   (0 with none): the least damage from the worst first strike it can suffer.
//!
//! With two sides, or a third side without warheads, these are the two-side objectives bit for
//! bit (the N-side analysis gives the two-side numbers there: property-tested).

use super::compare::{self as ncompare, RegimeReport};
use super::{MultiReport, MultiScenario};
use crate::arms_control::optimize::{self, Objective, Scorer, SearchOptions, SearchResult};
use crate::arms_control::treaty::Treaty;
use crate::error::EngineError;
use crate::model::Scenario;

/// The N-side scorer: the base's alliances, beliefs and reserve options around each candidate
/// truth.
#[derive(Debug, Clone, PartialEq)]
pub struct NSide<'a> {
    pub base: &'a MultiScenario,
    /// The side whose posture is searched (a side of the truth, not an actor).
    pub side: usize,
    pub objective: Objective,
}

impl Scorer for NSide<'_> {
    type Regimes = Vec<RegimeReport>;

    fn regimes(&self, scenario: &Scenario) -> Result<Vec<RegimeReport>, EngineError> {
        // The base's options around the candidate truth (not `with_truth`: it clones the base's
        // truth too, once per candidate).
        let candidate = MultiScenario {
            scenario: scenario.clone(),
            alliances: self.base.alliances.clone(),
            beliefs: self.base.beliefs.clone(),
            reserve: self.base.reserve,
            reserve_shares: self.base.reserve_shares.clone(),
            third_parties: self.base.third_parties,
        };
        ncompare::regimes(&candidate)
    }

    fn score(&self, regimes: &Vec<RegimeReport>) -> f64 {
        let value = |r: &RegimeReport| objective_value(&r.report, self.side, self.objective);
        regimes.iter().map(value).sum::<f64>() / regimes.len() as f64
    }
}

/// The actor `side` plans in: itself, or its alliance.
pub fn actor_of(report: &MultiReport, side: usize) -> Option<usize> {
    report.actors.iter().position(|a| a.members.contains(&side))
}

/// The objective in one report (module documentation).
pub fn objective_value(report: &MultiReport, side: usize, objective: Objective) -> f64 {
    // Every side of the scenario is in one actor; a side outside it scores the worst.
    let Some(actor) = actor_of(report, side) else {
        return f64::MIN;
    };
    match objective {
        Objective::Index => report.index,
        Objective::Ratio => report.overall[actor],
        Objective::StruckCost => {
            let worst = report
                .ratios
                .iter()
                .filter(|r| r.actor == actor)
                .map(|r| r.cost_struck_first)
                .fold(0.0, f64::max);
            -worst
        }
    }
}

/// Searches `options.side`'s posture in the truth of `base` under `treaty`, scored by the N-side
/// analysis. Errors as [`optimize::search`], and for an invalid N-side scenario.
pub fn search(
    base: &MultiScenario,
    treaty: &Treaty,
    options: SearchOptions,
    progress: &(dyn Fn(&str, usize) + Sync),
) -> Result<SearchResult<Vec<RegimeReport>>, EngineError> {
    super::validate(base).map_err(|mut errors| errors.swap_remove(0))?;
    let scorer = NSide {
        base,
        side: options.side,
        objective: options.objective,
    };
    optimize::search_with(&base.scenario, treaty, options, &scorer, progress)
}
