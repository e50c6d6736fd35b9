//! The action-reaction race: after one side's move, the sides answer each other with best
//! responses, round by round, and the sequence is classified (docs/action-reaction.md).
//!
//! Each side defends the position it held after its own last action (the side that did not
//! move: its position before the move). Menus only add forces, so forces never fall and a
//! cycle of postures cannot happen: the race settles (a side needs no response, a fixed point),
//! spirals (a side's weapons pass the bound, or its menu can no longer restore its position), or
//! goes on within the bound for the rounds run (`Bounded`).

use crate::error::EngineError;
use crate::model::{Alert, Scenario, Side};
use crate::reaction::best_response::{self, BestResponse, ResponseMenu, Search};
use crate::stability;

/// How the race is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RaceSettings {
    pub search: Search,
    /// Responses after the move.
    pub rounds: u32,
    /// A spiral: a side's weapons (nuclear warheads and interceptors) above `bound` times
    /// their number before the move.
    pub bound: f64,
}

/// Most rounds a race runs.
pub const MAX_ROUNDS: u32 = 100;
pub const DEFAULT_BOUND: f64 = 1.5;

/// A side's forces and stability terms after a round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SideState {
    /// Nuclear warheads at day-to-day alert.
    pub warheads: u64,
    /// Launchers at day-to-day alert.
    pub launchers: u64,
    /// Missile-defense interceptors.
    pub interceptors: u64,
    pub cost_striking_first: f64,
    pub cost_struck_first: f64,
    pub ratio: f64,
    /// The position the race is about.
    pub position: f64,
}

impl SideState {
    /// What the spiral bound counts.
    pub fn weapons(&self) -> u64 {
        self.warheads + self.interceptors
    }
}

/// The state after one round: round 0 is the move, round k the k-th response.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub round: u32,
    /// The side that acted (moved or responded).
    pub actor: usize,
    /// `None` for the move.
    pub response: Option<BestResponse>,
    pub sides: [SideState; 2],
    pub index: f64,
}

/// Why a race counts as a spiral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpiralCause {
    /// The side's weapons passed the bound.
    PastBound,
    /// The side's whole menu did not restore its position.
    Caps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// In `round` the responder needed nothing: a fixed point.
    Settles { round: u32 },
    /// A response every round until `round`, where `side` passed the bound or its caps.
    Spiral {
        round: u32,
        side: usize,
        cause: SpiralCause,
    },
    /// A response every round, every side within the bound and its caps.
    Bounded,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Self::Settles { .. } => "settles",
            Self::Spiral { .. } => "spiral",
            Self::Bounded => "bounded",
        }
    }
}

/// The whole race.
#[derive(Debug, Clone, PartialEq)]
pub struct Race {
    pub mover: usize,
    pub settings: RaceSettings,
    /// Before the move.
    pub start: [SideState; 2],
    pub start_index: f64,
    /// The move (round 0) and every response.
    pub rounds: Vec<Round>,
    pub outcome: Outcome,
}

/// Checks the settings before any work.
pub fn check_settings(settings: &RaceSettings) -> Result<(), EngineError> {
    if !(1..=MAX_ROUNDS).contains(&settings.rounds) {
        let expected = format!("an integer 1 to {MAX_ROUNDS}");
        return Err(EngineError::invalid(
            "rounds",
            f64::from(settings.rounds),
            &expected,
        ));
    }
    if !(settings.bound.is_finite() && settings.bound > 1.0 && settings.bound <= 100.0) {
        return Err(EngineError::invalid(
            "bound",
            settings.bound,
            "above 1 and at most 100 (a multiple of the weapons before the move)",
        ));
    }
    let tolerance = settings.search.tolerance;
    if !(0.0..=0.5).contains(&tolerance) {
        return Err(EngineError::invalid("tolerance", tolerance, "0 to 0.5"));
    }
    Ok(())
}

/// Runs the race from `base` after `mover`'s move gave `moved`.
pub fn race(
    base: &Scenario,
    moved: &Scenario,
    mover: usize,
    menu: &ResponseMenu,
    settings: &RaceSettings,
) -> Result<Race, EngineError> {
    check_settings(settings)?;
    best_response::check_two_sides(base)?;
    let search = &settings.search;
    let (start, start_index) = measure(base, search)?;
    let (after_move, move_index) = measure(moved, search)?;
    // What each side defends: the position after its own last action.
    let mut targets = [start[0].position, start[1].position];
    targets[mover] = after_move[mover].position;
    let mut rounds = vec![Round {
        round: 0,
        actor: mover,
        response: None,
        sides: after_move,
        index: move_index,
    }];
    let mut current = moved.clone();
    let mut actor = mover;
    let mut outcome = Outcome::Bounded;
    for round in 1..=settings.rounds {
        let responder = 1 - actor;
        let response =
            best_response::best_response(&current, menu, responder, targets[responder], search)?;
        let (sides, index) = measure(&response.scenario, search)?;
        current = response.scenario.clone();
        targets[responder] = sides[responder].position;
        let verdict = classify_round(round, responder, &response, &sides, &start, settings);
        rounds.push(Round {
            round,
            actor: responder,
            response: Some(response),
            sides,
            index,
        });
        if let Some(done) = verdict {
            outcome = done;
            break;
        }
        actor = responder;
    }
    Ok(Race {
        mover,
        settings: *settings,
        start,
        start_index,
        rounds,
        outcome,
    })
}

/// The outcome this round decides, if any.
fn classify_round(
    round: u32,
    responder: usize,
    response: &BestResponse,
    sides: &[SideState; 2],
    start: &[SideState; 2],
    settings: &RaceSettings,
) -> Option<Outcome> {
    if response.is_none() && response.restored() {
        return Some(Outcome::Settles { round });
    }
    if !response.restored() {
        return Some(Outcome::Spiral {
            round,
            side: responder,
            cause: SpiralCause::Caps,
        });
    }
    let past = (0..2)
        .find(|&s| sides[s].weapons() as f64 > settings.bound * start[s].weapons().max(1) as f64);
    past.map(|side| Outcome::Spiral {
        round,
        side,
        cause: SpiralCause::PastBound,
    })
}

/// Both sides' forces and stability terms in `scenario`, and the index.
pub fn measure(scenario: &Scenario, search: &Search) -> Result<([SideState; 2], f64), EngineError> {
    let report = stability::analyze_index(scenario, search.analysis)?;
    let state = |s: usize| {
        let side = &scenario.sides[s];
        let terms = &report.sides[s];
        SideState {
            warheads: side.nuclear_warheads(),
            launchers: launchers(side),
            interceptors: side
                .missile_defenses
                .iter()
                .map(|d| u64::from(d.interceptors))
                .sum(),
            cost_striking_first: terms.cost_striking_first,
            cost_struck_first: terms.cost_struck_first,
            ratio: terms.ratio,
            position: search.position.in_report(&report, s),
        }
    };
    Ok(([state(0), state(1)], report.index))
}

fn launchers(side: &Side) -> u64 {
    side.forces
        .iter()
        .map(|f| u64::from(f.launchers_at(Alert::DayToDay)))
        .sum()
}
