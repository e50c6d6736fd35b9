//! `race`: the action-reaction race after a move (docs/action-reaction.md), on two sides
//! (`reykjavik_report::race`) or among the actors of an N-side scenario
//! (`reykjavik_report::n_side_race`). Also the stages a face runs in its own order before the
//! race: the move applied, the side that moves, the response menu (shared with
//! `analyze --arms-race` and `richardson --estimate`).
//!
//! The mover's and the menu's errors are typed ([`MoverError`], [`MenuError`]): each face words
//! them with its own names for the inputs (`--by` on the command line, `by` on the web).

use reykjavik_engine::EngineError;
use reykjavik_engine::limits;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::multilateral::{self, MultiOptions, MultiScenario};
use reykjavik_engine::reaction::arms_race::{self, ReactionCoefficients};
use reykjavik_engine::reaction::best_response::ResponseMenu;
use reykjavik_engine::reaction::n_side_race::{self, NSideRace, NSideRaceSettings};
use reykjavik_engine::reaction::race::{self, Race, RaceSettings};
use reykjavik_report::n_side_race::NSideRaceContext;
use reykjavik_report::race::RaceContext;
use reykjavik_scenario::proposal::{self, LoadedProposal};
use reykjavik_scenario::response::{self, LoadedMenu};
use serde_json::Value;

use crate::{Error, computation, input};

/// The move that starts a race: the proposal's name and description and the scenario after it.
#[derive(Debug, Clone)]
pub struct Move {
    pub name: String,
    pub description: String,
    pub moved: Scenario,
}

/// The proposal applied to a two-side scenario.
pub fn apply_move(base: &Scenario, loaded: &LoadedProposal) -> Result<Move, Error> {
    let moved = proposal::apply(base, loaded).map_err(input)?;
    Ok(move_of(loaded, moved))
}

/// The proposal applied to an N-side scenario (any of its sides).
pub fn apply_n_side_move(base: &MultiScenario, loaded: &LoadedProposal) -> Result<Move, Error> {
    let moved = proposal::apply_sides(&base.scenario, loaded, limits::size::MULTILATERAL_SIDES)
        .map_err(input)?;
    Ok(move_of(loaded, moved))
}

fn move_of(loaded: &LoadedProposal, moved: Scenario) -> Move {
    Move {
        name: loaded.proposal.name.clone(),
        description: loaded.proposal.description.clone(),
        moved,
    }
}

/// The side a face was told moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideGiven {
    /// A name (any case) or a number from 1 (the command line's `--by`).
    Named(String),
    /// An index from 0 (the web's `by`).
    Index(usize),
}

impl std::fmt::Display for SideGiven {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Named(name) => f.write_str(name),
            Self::Index(i) => write!(f, "{i}"),
        }
    }
}

/// Why the side that moves is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoverError {
    /// No side is called that (or has that number); the scenario's sides in order.
    NoSuchSide {
        given: SideGiven,
        sides: Vec<String>,
    },
    /// The side exists but no actor holds it (N sides); the scenario's sides in order.
    NoActor {
        given: SideGiven,
        sides: Vec<String>,
    },
    /// None was given and the move changes no side's forces.
    Unchanged,
    /// None was given and the move changes several actors (their names; on two sides, both).
    Several { actors: Vec<String> },
}

impl std::fmt::Display for MoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchSide { given, sides } => {
                write!(f, "no side `{given}` (sides: {})", sides.join(", "))
            }
            Self::NoActor { given, .. } => write!(f, "side `{given}`: no actor holds it"),
            Self::Unchanged => f.write_str("the move changes no side's forces: say who moves"),
            Self::Several { actors } => write!(
                f,
                "the move changes {}: say who moves",
                actors.join(" and ")
            ),
        }
    }
}

/// Why a race has no response menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuError {
    /// None was given and no built-in menu is named after the scenario.
    NoDefault { scenario: String },
    /// The menu does not fit the scenario (the located message of the menu's reader).
    Invalid(String),
    /// On N sides, armed actors without an option could not answer: the menu's name, the
    /// actors, and the problem located in the menu's file.
    ArmedWithoutOption {
        menu: String,
        actors: Vec<String>,
        located: String,
    },
}

impl std::fmt::Display for MenuError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoDefault { scenario } => write!(
                f,
                "no built-in response menu for scenario `{scenario}` (built-in: {})",
                menu_names().join(", ")
            ),
            Self::Invalid(m) => f.write_str(m),
            Self::ArmedWithoutOption { located, .. } => f.write_str(located),
        }
    }
}

impl MoverError {
    /// The message in the command line's words (`--by`), which the CLI and the Python package
    /// share word for word; `n_side`: the scenario has more than two sides.
    pub fn command_line_message(self, n_side: bool) -> String {
        let say_who = "give --by SIDE to say who moves";
        match self {
            Self::NoSuchSide { given, sides } => {
                let numbers = if n_side {
                    format!("1 to {}", sides.len())
                } else {
                    "1 and 2".to_string()
                };
                format!(
                    "--by {given}: no such side (sides: {}, or {numbers})",
                    sides.join(", ")
                )
            }
            Self::NoActor { given, .. } => format!("--by {given}: no actor"),
            Self::Unchanged if n_side => format!("the move changes no side's forces: {say_who}"),
            Self::Unchanged => format!("the move changes neither side's forces: {say_who}"),
            Self::Several { actors } if n_side => {
                format!("the move changes {}: {say_who}", actors.join(" and "))
            }
            Self::Several { .. } => format!("the move changes both sides: {say_who}"),
        }
    }
}

impl MenuError {
    /// The message in the command line's words (`--menu`), shared as [`MoverError`]'s is.
    pub fn command_line_message(self, n_side: bool) -> String {
        match self {
            Self::NoDefault { scenario } => {
                let example = if n_side {
                    "us-russia-china-2025"
                } else {
                    "us-russia-2021"
                };
                format!(
                    "no built-in response menu for scenario `{scenario}`: give --menu FILE (start from `reykjavik race --show-menu {example}`)"
                )
            }
            Self::Invalid(m) => m,
            Self::ArmedWithoutOption { located, .. } => located,
        }
    }
}

/// The built-in response menus' names.
pub fn menu_names() -> Vec<&'static str> {
    response::BUILTINS.iter().map(|(n, _)| *n).collect()
}

/// On two sides: the side given, or the one side whose forces the move changed.
pub fn mover(base: &Scenario, moved: &Move, by: Option<&SideGiven>) -> Result<usize, MoverError> {
    if let Some(given) = by {
        return side_index(base, given);
    }
    let sides = base.sides.len().min(moved.moved.sides.len());
    let changed: Vec<usize> = (0..sides)
        .filter(|&s| base.sides[s] != moved.moved.sides[s])
        .collect();
    match changed.as_slice() {
        [one] => Ok(*one),
        [] => Err(MoverError::Unchanged),
        several => Err(MoverError::Several {
            actors: several
                .iter()
                .map(|&s| base.sides[s].name.clone())
                .collect(),
        }),
    }
}

/// On N sides: the actor holding the side given, or the one actor whose sides the move changed.
pub fn n_side_mover(
    base: &MultiScenario,
    options: &MultiOptions,
    moved: &Move,
    by: Option<&SideGiven>,
) -> Result<usize, MoverError> {
    let (names, members) = n_side_race::actors_of(base, options);
    let actor_of = |s: usize| members.iter().position(|m| m.contains(&s));
    if let Some(given) = by {
        let side = side_index(&base.scenario, given)?;
        return actor_of(side).ok_or_else(|| MoverError::NoActor {
            given: given.clone(),
            sides: side_names(&base.scenario),
        });
    }
    let sides = &base.scenario.sides;
    let mut changed: Vec<usize> = (0..sides.len())
        .filter(|&s| sides[s] != moved.moved.sides[s])
        .filter_map(actor_of)
        .collect();
    changed.dedup();
    match changed.as_slice() {
        [one] => Ok(*one),
        [] => Err(MoverError::Unchanged),
        several => Err(MoverError::Several {
            actors: several.iter().map(|&a| names[a].clone()).collect(),
        }),
    }
}

fn side_index(scenario: &Scenario, given: &SideGiven) -> Result<usize, MoverError> {
    let found = match given {
        SideGiven::Named(name) => scenario.side_named(name),
        SideGiven::Index(i) => (*i < scenario.sides.len()).then_some(*i),
    };
    found.ok_or_else(|| MoverError::NoSuchSide {
        given: given.clone(),
        sides: side_names(scenario),
    })
}

fn side_names(scenario: &Scenario) -> Vec<String> {
    scenario.sides.iter().map(|s| s.name.clone()).collect()
}

/// The menu given (loaded by the face), or the built-in one named after the scenario, resolved
/// against it; every side must have an option when `every_side`.
pub fn menu(
    scenario: &Scenario,
    given: Option<LoadedMenu>,
    every_side: bool,
) -> Result<ResponseMenu, Error> {
    let loaded = given_or_default(scenario, given)?;
    let menu = loaded.resolve(scenario).map_err(invalid)?;
    if every_side {
        loaded
            .require_every_side(scenario, &menu)
            .map_err(invalid)?;
    }
    Ok(menu)
}

/// As [`menu`] on N sides: an armed actor without an option is refused (it could not answer);
/// unarmed actors without options sit out.
pub fn n_side_menu(
    base: &MultiScenario,
    options: &MultiOptions,
    given: Option<LoadedMenu>,
) -> Result<ResponseMenu, Error> {
    let loaded = given_or_default(&base.scenario, given)?;
    let menu = loaded.resolve(&base.scenario).map_err(invalid)?;
    let report = multilateral::analyze(base, options).map_err(computation)?;
    let (names, members) = n_side_race::actors_of(base, options);
    let missing: Vec<usize> = (0..names.len())
        .filter(|&a| report.actual.armed[a])
        .filter(|&a| n_side_race::options_of(&menu, &members[a]).is_empty())
        .collect();
    if missing.is_empty() {
        return Ok(menu);
    }
    let problems = missing.iter().map(|&a| {
        let message = format!(
            "the response menu has no [[option]] for `{}`, which has nuclear warheads: each armed actor needs at least one to answer in the race",
            names[a]
        );
        (Some("menu".to_string()), message)
    });
    Err(Error::Menu(MenuError::ArmedWithoutOption {
        menu: menu.name.clone(),
        actors: missing.iter().map(|&a| names[a].clone()).collect(),
        located: loaded.located(problems.collect()).to_string(),
    }))
}

fn given_or_default(scenario: &Scenario, given: Option<LoadedMenu>) -> Result<LoadedMenu, Error> {
    match given {
        Some(loaded) => Ok(loaded),
        None => response::default_for(&scenario.name).ok_or_else(|| {
            Error::Menu(MenuError::NoDefault {
                scenario: scenario.name.clone(),
            })
        }),
    }
}

fn invalid(e: impl ToString) -> Error {
    Error::Menu(MenuError::Invalid(e.to_string()))
}

/// A race on two sides: the scenario, the move, the side that moves (0 or 1), the resolved menu
/// and the engine's settings; `richardson` also estimates the reaction coefficients k and l.
#[derive(Debug, Clone)]
pub struct Request {
    pub base: Scenario,
    pub start: Move,
    pub mover: usize,
    pub menu: ResponseMenu,
    pub settings: RaceSettings,
    pub richardson: bool,
}

/// A race among the actors of an N-side scenario (the mover is an actor).
#[derive(Debug, Clone)]
pub struct NSideRequest {
    pub base: MultiScenario,
    pub start: Move,
    pub mover: usize,
    pub menu: ResponseMenu,
    pub settings: NSideRaceSettings,
}

/// The engine's checks of a race's settings (rounds, tolerance, bound); a face calls it where
/// its own order of checks puts it, [`run`] again.
pub fn check_settings(settings: &RaceSettings) -> Result<(), EngineError> {
    race::check_settings(settings)
}

/// A two-side race run, with what its documents need.
pub struct Raced {
    pub request: Request,
    pub race: Race,
    pub richardson: Option<ReactionCoefficients>,
}

/// Runs the race (and the Richardson estimate if asked).
pub fn run(request: Request) -> Result<Raced, Error> {
    check_settings(&request.settings).map_err(computation)?;
    let (base, settings) = (&request.base, &request.settings);
    let race = race::race(
        base,
        &request.start.moved,
        request.mover,
        &request.menu,
        settings,
    )
    .map_err(computation)?;
    let richardson = request
        .richardson
        .then(|| arms_race::reaction_coefficients(base, &request.menu, &settings.search))
        .transpose()
        .map_err(computation)?;
    Ok(Raced {
        request,
        race,
        richardson,
    })
}

impl Raced {
    /// What the report and the chart read besides the race.
    pub fn context(&self) -> RaceContext<'_> {
        RaceContext {
            base: &self.request.base,
            move_name: &self.request.start.name,
            move_description: &self.request.start.description,
            menu: &self.request.menu,
        }
    }

    /// The document of `race --format json`.
    pub fn json(&self) -> Value {
        reykjavik_report::race::race_json(&self.context(), &self.race, self.richardson.as_ref())
    }

    /// The text report.
    pub fn text(&self) -> String {
        reykjavik_report::race::race_text(&self.context(), &self.race, self.richardson.as_ref())
    }
}

/// An N-side race run.
pub struct NSideRaced {
    pub request: NSideRequest,
    pub race: NSideRace,
}

/// Runs the race among the actors.
pub fn run_n_side(request: NSideRequest) -> Result<NSideRaced, Error> {
    check_settings(&request.settings.race).map_err(computation)?;
    let race = n_side_race::race(
        &request.base,
        &request.start.moved,
        request.mover,
        &request.menu,
        &request.settings,
    )
    .map_err(computation)?;
    Ok(NSideRaced { request, race })
}

impl NSideRaced {
    /// What the report and the chart read besides the race.
    pub fn context(&self) -> NSideRaceContext<'_> {
        NSideRaceContext {
            base: &self.request.base,
            move_name: &self.request.start.name,
            move_description: &self.request.start.description,
            menu: &self.request.menu,
        }
    }

    /// The document of `race --format json` on an N-side scenario.
    pub fn json(&self) -> Value {
        reykjavik_report::n_side_race::n_side_race_json(&self.context(), &self.race)
    }

    /// The text report.
    pub fn text(&self) -> String {
        reykjavik_report::n_side_race::n_side_race_text(&self.context(), &self.race)
    }
}
