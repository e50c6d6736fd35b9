//! Arms-race stability on N sides (issue 10 item 4; docs/action-reaction.md, "Arms-race
//! stability on N sides"): for each actor, every one-step move on every other actor's menu is
//! tried and the actor's N-side best response to it costed, against its position before the
//! move (positions as in [`crate::reaction::n_side_race`]). The most provocative move is chosen
//! as on two sides ([`crate::reaction::arms_race`]). An actor with no menu option cannot answer
//! and gets no exposure; an armed one is refused (its position could fall with no answer).
//! On two armed actors and an unarmed third without options it is the two-side figure (tested).

use crate::error::EngineError;
use crate::multilateral::{MultiOptions, MultiScenario};
use crate::reaction::arms_race::{Provocation, most_provocative};
use crate::reaction::best_response::{self, ResponseMenu, Search};
use crate::reaction::n_side_race::{NSideRaceSettings, Runner, actors_of, options_of};
use crate::reaction::race::{DEFAULT_BOUND, RaceSettings};

/// One move of another actor and the response it draws.
#[derive(Debug, Clone, PartialEq)]
pub struct NSideProvocation {
    /// The actor that moves.
    pub mover: usize,
    /// The move (one step of `provocation.option`) and the response.
    pub provocation: Provocation,
}

/// One actor's exposure to every other actor's moves.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorExposure {
    /// The responding actor.
    pub actor: usize,
    /// Its position before any move (the target of every response).
    pub position: f64,
    /// One per option with room of every other actor: movers in actor order, options in menu
    /// order.
    pub provocations: Vec<NSideProvocation>,
    /// Index into `provocations` (as on two sides); `None` when nobody else can move.
    pub most_provocative: Option<usize>,
}

impl ActorExposure {
    pub fn worst(&self) -> Option<&NSideProvocation> {
        self.most_provocative.map(|i| &self.provocations[i])
    }
}

/// The N-side arms race: the actors and the exposure of each actor with a menu option.
#[derive(Debug, Clone, PartialEq)]
pub struct NSideArmsRace {
    /// Actor names (sides, or alliances), in actor order.
    pub actor_names: Vec<String>,
    /// Each actor's member sides.
    pub members: Vec<Vec<usize>>,
    /// In actor order; actors without a menu option are left out.
    pub exposures: Vec<ActorExposure>,
}

/// Arms-race stability of `base` on N sides (module docs). `search.analysis` is not read: the
/// N-side analysis takes `options`.
pub fn n_side_arms_race(
    base: &MultiScenario,
    menu: &ResponseMenu,
    search: &Search,
    options: &MultiOptions,
) -> Result<NSideArmsRace, EngineError> {
    let settings = NSideRaceSettings {
        race: RaceSettings {
            search: *search,
            rounds: 1,
            bound: DEFAULT_BOUND,
        },
        options: options.clone(),
    };
    let (actor_names, members) = actors_of(base, options);
    let runner = Runner {
        base,
        menu,
        settings: &settings,
        members: &members,
        search: *search,
    };
    check_armed_have_options(&runner, &actor_names)?;
    let (start, _) = runner.measure(&base.scenario)?;
    let mut exposures = Vec::new();
    for actor in (0..members.len()).filter(|&a| !options_of(menu, &members[a]).is_empty()) {
        exposures.push(exposure(&runner, actor, start[actor].position)?);
    }
    Ok(NSideArmsRace {
        actor_names,
        members,
        exposures,
    })
}

/// An armed actor without an option could not answer: refused by name.
fn check_armed_have_options(runner: &Runner, names: &[String]) -> Result<(), EngineError> {
    let report = runner.analyze(&runner.base.scenario)?;
    let silent = (0..names.len())
        .find(|&a| report.armed[a] && options_of(runner.menu, &runner.members[a]).is_empty());
    match silent {
        Some(a) => Err(EngineError::rule(
            "option",
            format!(
                "the response menu has no option for `{}`, which has nuclear warheads: each armed actor needs one to answer",
                names[a]
            ),
        )),
        None => Ok(()),
    }
}

/// `actor`'s best response to each one-step move of every other actor, against `target`.
fn exposure(runner: &Runner, actor: usize, target: f64) -> Result<ActorExposure, EngineError> {
    let (base, menu) = (&runner.base.scenario, runner.menu);
    let mut provocations = Vec::new();
    for mover in (0..runner.members.len()).filter(|&m| m != actor) {
        let moves = options_of(menu, &runner.members[mover]);
        let room = best_response::room(base, menu, &moves)?;
        for (&option, _) in moves.iter().zip(&room).filter(|&(_, &r)| r > 0) {
            let moved = best_response::apply_steps(base, menu, &[option], &[1])?;
            let response = runner.respond(&moved, actor, target)?;
            let move_cost = menu.options[option].cost;
            let provocation = Provocation {
                option,
                move_cost,
                per_unit: response.cost / move_cost,
                response,
            };
            provocations.push(NSideProvocation { mover, provocation });
        }
    }
    let most_provocative = most_provocative(&provocations, |p| &p.provocation);
    Ok(ActorExposure {
        actor,
        position: target,
        provocations,
        most_provocative,
    })
}
