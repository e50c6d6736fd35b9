//! Three and more powers (issue 10; docs/model.md, "N sides"): every ordered pair of planning
//! actors (sides, or alliances planning as one) is a pairwise first strike of
//! [`crate::exchange::first_strike`], with the striker holding a reserve against the third
//! parties and the third parties free to join. Each side may hold beliefs (overrides of any field)
//! with which it plans; outcomes use the truth.
//!
//! Built on the public API of `exchange` and `params` only: the two-side model is not changed, and
//! a scenario of two sides with no reserve, alliance or belief gives the two-side numbers bit for
//! bit (a third party without warheads changes nothing either: property-tested).
//!
//! Stages: [`actors`] (alliances merged into planning actors), [`views`] (a striker with a reserve
//! withheld, a side weakened to part of its force), [`pair`] (one ordered pair: the reserve, the
//! exchange, the third parties' choices, both costs), [`analysis`] (every pair, ratios, the N-side
//! index, each side's view), [`sweep`] (the analysis over a grid), [`montecarlo`] (the analysis
//! over drawn inputs), [`outcomes`] (Monte Carlo with random outcomes of every pair's
//! exchange), [`compare`] (a base and its proposals at the four standard regimes),
//! [`optimize`] (one side's posture searched under a treaty, scored by the N-side analysis).

pub mod actors;
pub mod analysis;
pub mod compare;
pub mod detail;
pub mod montecarlo;
pub mod optimize;
pub mod outcomes;
pub mod pair;
pub mod sweep;
pub mod views;
pub mod words;

use crate::error::EngineError;
use crate::limits;
use crate::model::{self, Alert, Scenario};
use crate::params;

pub use analysis::{MultiAnalysis, MultiReport, analyze, analyze_with};

/// How much of its force a striker withholds against the third parties (docs/model.md).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Reserve {
    /// Everything the striker has available goes into the strike (default).
    #[default]
    None,
    /// A fixed share of every element's available launchers is withheld (a per-side share may
    /// override it: [`MultiScenario::reserve_shares`]).
    FixedShare(f64),
    /// The smallest share (to 1/256) for which every armed third party's cost of striking the
    /// weakened striker is at least its cost of restraint (none against a third party that even
    /// the whole force does not deter).
    DeterThirdParties,
}

impl Reserve {
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::FixedShare(_) => "fixed-share",
            Self::DeterThirdParties => "deter-third-parties",
        }
    }
}

/// What a third party does while two others exchange (docs/model.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThirdParties {
    /// Never fires (default).
    #[default]
    StayOut,
    /// Strikes the weakened striker (its reserve) when that costs it less than restraint.
    JoinVictim,
    /// Strikes whichever of the two had fewer nuclear warheads before the exchange (the weakened
    /// striker, or the victim after its retaliation has fired) when that costs it less than
    /// restraint.
    JoinAgainstWeaker,
}

impl ThirdParties {
    pub fn name(self) -> &'static str {
        match self {
            Self::StayOut => "stay-out",
            Self::JoinVictim => "join-victim",
            Self::JoinAgainstWeaker => "join-against-weaker",
        }
    }
}

/// Sides that plan as one striker and one victim.
#[derive(Debug, Clone, PartialEq)]
pub struct Alliance {
    pub name: String,
    /// Side indices, at least two, each in one alliance at most.
    pub members: Vec<usize>,
}

/// One side's belief: the value it takes a field (of any side) to have.
#[derive(Debug, Clone, PartialEq)]
pub struct Belief {
    /// The side holding the belief.
    pub holder: usize,
    /// A field path of [`crate::params`] (`side[Russia].force[0].cep_m`).
    pub path: String,
    pub value: f64,
}

/// A scenario of 2 to [`limits::size::MULTILATERAL_SIDES`] sides with its alliances, beliefs and
/// the reserve and third-party options.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiScenario {
    /// The truth: every side as it is.
    pub scenario: Scenario,
    pub alliances: Vec<Alliance>,
    pub beliefs: Vec<Belief>,
    pub reserve: Reserve,
    /// Per side: a fixed reserve share replacing the scenario's (with any reserve rule but
    /// `DeterThirdParties`). Empty or `None`: the scenario's.
    pub reserve_shares: Vec<Option<f64>>,
    pub third_parties: ThirdParties,
}

impl MultiScenario {
    /// A plain scenario: no alliance, belief or reserve; third parties stay out.
    pub fn plain(scenario: Scenario) -> Self {
        Self {
            scenario,
            alliances: Vec::new(),
            beliefs: Vec::new(),
            reserve: Reserve::None,
            reserve_shares: Vec::new(),
            third_parties: ThirdParties::StayOut,
        }
    }

    /// Whether the two-side analysis (`stability`) computes exactly this: two sides and nothing
    /// the N-side analysis adds.
    pub fn is_two_sided(&self) -> bool {
        self.scenario.sides.len() == 2
            && self.alliances.is_empty()
            && self.beliefs.is_empty()
            && self.reserve_shares.iter().all(Option::is_none)
    }

    /// The world as `holder` believes it: the truth with the holder's beliefs applied.
    pub fn believed_by(&self, holder: usize) -> Result<Scenario, EngineError> {
        let mut world = self.scenario.clone();
        for (k, belief) in self.beliefs_of(holder) {
            params::set_field(&mut world, &belief.path, belief.value)
                .map_err(|e| belief_error(self, k, e))?;
        }
        Ok(world)
    }

    /// The beliefs `holder` holds, with their index in [`Self::beliefs`].
    pub fn beliefs_of(&self, holder: usize) -> impl Iterator<Item = (usize, &Belief)> {
        self.beliefs
            .iter()
            .enumerate()
            .filter(move |(_, b)| b.holder == holder)
    }

    /// The reserve share fixed for side `s`, if any.
    pub fn fixed_share(&self, s: usize) -> Option<f64> {
        let own = self.reserve_shares.get(s).copied().flatten();
        match self.reserve {
            Reserve::DeterThirdParties => None,
            Reserve::FixedShare(share) => Some(own.unwrap_or(share)),
            Reserve::None => own,
        }
    }
}

/// Each side's alert posture and whether it launches under attack when struck, by side index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiOptions {
    pub alert: Vec<Alert>,
    pub launch_under_attack: Vec<bool>,
}

impl MultiOptions {
    /// Every one of `sides` sides at one posture.
    pub fn uniform(sides: usize, alert: Alert, launch_under_attack: bool) -> Self {
        Self {
            alert: vec![alert; sides],
            launch_under_attack: vec![launch_under_attack; sides],
        }
    }
}

/// The index of belief `k`'s position in the scenario file: `side[H].belief[j]`.
pub fn belief_path(ms: &MultiScenario, k: usize) -> String {
    let holder = ms.beliefs[k].holder;
    let j = ms.beliefs[..k]
        .iter()
        .filter(|b| b.holder == holder)
        .count();
    format!("side[{holder}].belief[{j}]")
}

/// A belief that cannot be applied, pointed at the belief's field (no such field) or value (out
/// of range).
fn belief_error(ms: &MultiScenario, k: usize, error: EngineError) -> EngineError {
    let at = belief_path(ms, k);
    match error {
        EngineError::InvalidInput {
            value, expected, ..
        } => EngineError::InvalidInput {
            field: format!("{at}.value"),
            value,
            expected,
        },
        EngineError::Rule { message, .. } => EngineError::rule(
            format!("{at}.field"),
            format!("`{}`: {message}", ms.beliefs[k].path),
        ),
        other => EngineError::rule(format!("{at}.field"), other.to_string()),
    }
}

/// Checks the truth (2 to 8 sides), the alliances, every reserve share and every belief (its
/// field exists, its value is in range, and the believed world is valid). Every problem names
/// its field path.
pub fn validate(ms: &MultiScenario) -> Result<(), Vec<EngineError>> {
    model::validate_sides(&ms.scenario, limits::size::MULTILATERAL_SIDES)?;
    let mut errors = Vec::new();
    errors.extend(check_alliances(ms));
    errors.extend(check_shares(ms));
    errors.extend(check_beliefs(ms));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_shares(ms: &MultiScenario) -> Vec<EngineError> {
    let mut errors = Vec::new();
    let mut check = |path: String, share: f64| {
        if !limits::PROBABILITY.contains(share) {
            errors.push(EngineError::invalid(
                path,
                share,
                &limits::PROBABILITY.describe(),
            ));
        }
    };
    if let Reserve::FixedShare(share) = ms.reserve {
        check("multilateral.reserve_share".into(), share);
    }
    for (s, share) in ms.reserve_shares.iter().enumerate() {
        if let Some(share) = *share {
            check(format!("side[{s}].reserve_share"), share);
        }
    }
    errors
}

fn check_alliances(ms: &MultiScenario) -> Vec<EngineError> {
    let sides = &ms.scenario.sides;
    let mut errors = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; sides.len()];
    for (a, alliance) in ms.alliances.iter().enumerate() {
        if alliance.members.len() < 2 {
            errors.push(EngineError::rule(
                format!("alliance[{a}].members"),
                "an alliance needs at least 2 member sides",
            ));
        }
        for (m, &side) in alliance.members.iter().enumerate() {
            let at = format!("alliance[{a}].members[{m}]");
            let Some(name) = sides.get(side).map(|s| &s.name) else {
                errors.push(EngineError::rule(at, "no such side"));
                continue;
            };
            if alliance.members[..m].contains(&side) {
                errors.push(EngineError::rule(
                    at,
                    format!("side `{name}` is named twice in this alliance"),
                ));
            } else if let Some(other) = owner[side] {
                errors.push(EngineError::rule(
                    at,
                    format!(
                        "side `{name}` is already in alliance `{}`: a side belongs to one alliance at most",
                        ms.alliances[other].name
                    ),
                ));
            } else {
                owner[side] = Some(a);
            }
        }
        if let Some(error) = actors::value_units_differ(ms, a) {
            errors.push(error);
        }
    }
    errors
}

fn check_beliefs(ms: &MultiScenario) -> Vec<EngineError> {
    let holders: Vec<usize> = {
        let mut h: Vec<usize> = ms.beliefs.iter().map(|b| b.holder).collect();
        h.sort_unstable();
        h.dedup();
        h
    };
    let mut errors = Vec::new();
    for holder in holders {
        if holder >= ms.scenario.sides.len() {
            errors.push(EngineError::rule(
                format!("side[{holder}].belief"),
                "no such side holds this belief",
            ));
            continue;
        }
        match ms.believed_by(holder) {
            Err(error) => errors.push(error),
            Ok(world) => {
                if let Err(problems) =
                    model::validate_sides(&world, limits::size::MULTILATERAL_SIDES)
                {
                    errors.extend(problems.into_iter().map(|p| {
                        EngineError::rule(
                            format!("side[{holder}].belief"),
                            format!(
                                "the world side `{}` believes in is invalid: {p}",
                                ms.scenario.sides[holder].name
                            ),
                        )
                    }));
                }
            }
        }
    }
    errors
}
