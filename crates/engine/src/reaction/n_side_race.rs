//! The action-reaction race on N sides (issue 10 item 4; docs/action-reaction.md, "The race on N
//! sides"): after one actor's move, the actors (sides, or alliances planning as one) answer in a
//! fixed order with best responses, each defending its N-side position, and the sequence is
//! classified as on two sides ([`crate::reaction::race`]).
//!
//! Order: round robin in actor order, starting with the actor after the mover and wrapping, so
//! the mover answers last in every round; a round is every responding actor once. An actor with
//! no menu option sits out; the caller must refuse an armed one (its position could fall with
//! no way to answer). Positions per actor, read off the N-side analysis of the truth:
//! `struck-cost` the worst (highest) C2 over the armed opponents, `ratio` the overall ratio (its
//! lowest pairwise ratio), `retaliation` the worst (lowest) retaliation after absorbing an armed
//! opponent's first strike, in that opponent's value units; 0 with no armed opponent (nothing to
//! restore). Moves and responses change the truth; beliefs stay as written.
//!
//! Settles: every responding actor in turn since the last change needed nothing (a full round
//! without a response; the actor that changed things holds its own target by construction).
//! On two actors this is the two-side rule, turn for turn (tested).

use crate::error::EngineError;
use crate::model::{Alert, Scenario};
use crate::multilateral::{self, MultiOptions, MultiReport, MultiScenario};
use crate::reaction::best_response::{
    self, BestResponse, Position, Responder, ResponseMenu, Search,
};
use crate::reaction::race::{Outcome, RaceSettings, SpiralCause};

/// How the N-side race is run: the two-side settings (their `search.analysis` is not read) and
/// each side's alert posture and launch under attack. `settings.rounds` counts full rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct NSideRaceSettings {
    pub race: RaceSettings,
    pub options: MultiOptions,
}

/// An actor's forces and stability terms after a turn.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorState {
    /// Nuclear warheads at day-to-day alert, summed over the actor's member sides.
    pub warheads: u64,
    pub launchers: u64,
    pub interceptors: u64,
    /// Its overall ratio: the lowest pairwise ratio (1 with no armed opponent).
    pub overall: f64,
    /// The opponent of its lowest pairwise ratio (ties: the first), if any is armed.
    pub binding_opponent: Option<usize>,
    /// C1 and C2 against the binding opponent (0 without one).
    pub cost_striking_first: f64,
    pub cost_struck_first: f64,
    /// The position the race is about.
    pub position: f64,
}

impl ActorState {
    /// What the spiral bound counts.
    pub fn weapons(&self) -> u64 {
        self.warheads + self.interceptors
    }
}

/// The state after one turn: turn 0 is the move, turn k the k-th response.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub turn: u32,
    /// 0 for the move, else the full round the turn belongs to (1, 2, ...).
    pub round: u32,
    pub actor: usize,
    /// `None` for the move.
    pub response: Option<BestResponse>,
    pub actors: Vec<ActorState>,
    /// The N-side index: the product of the armed actors' overall ratios.
    pub index: f64,
}

/// The whole N-side race.
#[derive(Debug, Clone, PartialEq)]
pub struct NSideRace {
    /// Actor names (sides, or alliances), in actor order.
    pub actor_names: Vec<String>,
    /// Each actor's member sides.
    pub members: Vec<Vec<usize>>,
    pub mover: usize,
    /// The responding actors in the order they answer each round.
    pub order: Vec<usize>,
    pub settings: NSideRaceSettings,
    pub start: Vec<ActorState>,
    pub start_index: f64,
    /// The move (turn 0) and every response.
    pub turns: Vec<Turn>,
    /// `Settles { round }` and `Spiral { round, .. }` give the turn; `side` is an actor.
    pub outcome: Outcome,
}

/// The actors of `ms` (sides outside alliances, and alliances), with their member sides.
pub fn actors_of(ms: &MultiScenario, options: &MultiOptions) -> (Vec<String>, Vec<Vec<usize>>) {
    let plan = multilateral::actors::plan(ms, &ms.scenario, options);
    plan.actors.into_iter().map(|a| (a.name, a.members)).unzip()
}

/// The menu options of an actor's member sides, in menu order.
pub fn options_of(menu: &ResponseMenu, members: &[usize]) -> Vec<usize> {
    (0..menu.options.len())
        .filter(|&k| members.contains(&menu.options[k].side))
        .collect()
}

/// Runs the race from `base` after `mover` (an actor) moved the truth to `moved`.
pub fn race(
    base: &MultiScenario,
    moved: &Scenario,
    mover: usize,
    menu: &ResponseMenu,
    settings: &NSideRaceSettings,
) -> Result<NSideRace, EngineError> {
    crate::reaction::race::check_settings(&settings.race)?;
    let (actor_names, members) = actors_of(base, &settings.options);
    if mover >= members.len() {
        return Err(EngineError::rule("mover", "no such actor"));
    }
    let order = response_order(menu, &members, mover);
    if order.is_empty() {
        return Err(EngineError::rule(
            "option",
            "the response menu has no option for any actor: a race needs at least one",
        ));
    }
    let mut runner = Runner {
        base,
        menu,
        settings,
        members: &members,
        search: settings.race.search,
    };
    let (start, start_index) = runner.measure(&base.scenario)?;
    let (turns, outcome) = runner.run(moved, mover, &order, &start)?;
    Ok(NSideRace {
        actor_names,
        members,
        mover,
        order,
        settings: settings.clone(),
        start,
        start_index,
        turns,
        outcome,
    })
}

/// Actors with a menu option, starting after the mover and wrapping (the mover last).
fn response_order(menu: &ResponseMenu, members: &[Vec<usize>], mover: usize) -> Vec<usize> {
    let n = members.len();
    (1..=n)
        .map(|k| (mover + k) % n)
        .filter(|&a| !options_of(menu, &members[a]).is_empty())
        .collect()
}

/// One race in progress (also the N-side arms race's evaluator).
pub(crate) struct Runner<'a> {
    pub(crate) base: &'a MultiScenario,
    pub(crate) menu: &'a ResponseMenu,
    pub(crate) settings: &'a NSideRaceSettings,
    pub(crate) members: &'a [Vec<usize>],
    pub(crate) search: Search,
}

impl Runner<'_> {
    fn run(
        &mut self,
        moved: &Scenario,
        mover: usize,
        order: &[usize],
        start: &[ActorState],
    ) -> Result<(Vec<Turn>, Outcome), EngineError> {
        let (after_move, move_index) = self.measure(moved)?;
        // What each actor defends: its position after its own last action.
        let mut targets: Vec<f64> = start.iter().map(|s| s.position).collect();
        targets[mover] = after_move[mover].position;
        let mut turns = vec![Turn {
            turn: 0,
            round: 0,
            actor: mover,
            response: None,
            actors: after_move,
            index: move_index,
        }];
        let mut current = moved.clone();
        let mut last_changer = mover;
        let mut quiet = 0;
        let total = self.settings.race.rounds * order.len() as u32;
        for turn in 1..=total {
            let responder = order[(turn as usize - 1) % order.len()];
            let response = self.respond(&current, responder, targets[responder])?;
            let (actors, index) = self.measure(&response.scenario)?;
            targets[responder] = actors[responder].position;
            let verdict = if response.is_none() && response.restored() {
                quiet += 1;
                let needed = order.len() - usize::from(order.contains(&last_changer));
                (quiet >= needed).then_some(Outcome::Settles { round: turn })
            } else {
                quiet = 0;
                last_changer = responder;
                self.spiral(turn, responder, &response, &actors, start)
            };
            current = response.scenario.clone();
            turns.push(Turn {
                turn,
                round: (turn - 1) / order.len() as u32 + 1,
                actor: responder,
                response: Some(response),
                actors,
                index,
            });
            if let Some(done) = verdict {
                return Ok((turns, done));
            }
        }
        Ok((turns, Outcome::Bounded))
    }

    /// `responder`'s cheapest answer restoring `target` in `current`.
    pub(crate) fn respond(
        &self,
        current: &Scenario,
        responder: usize,
        target: f64,
    ) -> Result<BestResponse, EngineError> {
        let who = Responder {
            index: responder,
            options: options_of(self.menu, &self.members[responder]),
        };
        let position = |s: &Scenario| {
            let report = self.analyze(s)?;
            Ok(position_in(&report, responder, self.search.position))
        };
        best_response::best_response_by(current, self.menu, &who, target, &self.search, &position)
    }

    /// A spiral this turn: the responder's menu could not restore, or an actor passed the bound.
    fn spiral(
        &self,
        turn: u32,
        responder: usize,
        response: &BestResponse,
        actors: &[ActorState],
        start: &[ActorState],
    ) -> Option<Outcome> {
        if !response.restored() {
            return Some(Outcome::Spiral {
                round: turn,
                side: responder,
                cause: SpiralCause::Caps,
            });
        }
        let bound = self.settings.race.bound;
        let past = (0..actors.len())
            .find(|&a| actors[a].weapons() as f64 > bound * start[a].weapons().max(1) as f64);
        past.map(|side| Outcome::Spiral {
            round: turn,
            side,
            cause: SpiralCause::PastBound,
        })
    }

    pub(crate) fn analyze(&self, truth: &Scenario) -> Result<MultiReport, EngineError> {
        let ms = MultiScenario {
            scenario: truth.clone(),
            ..self.base.clone()
        };
        Ok(multilateral::analyze(&ms, &self.settings.options)?.actual)
    }

    /// Every actor's forces and terms in `truth`, and the N-side index.
    pub(crate) fn measure(&self, truth: &Scenario) -> Result<(Vec<ActorState>, f64), EngineError> {
        let report = self.analyze(truth)?;
        let states = (0..self.members.len())
            .map(|a| state_of(truth, &report, &self.members[a], a, self.search.position))
            .collect();
        Ok((states, report.index))
    }
}

/// Actor `a`'s position in an N-side report (module docs).
pub fn position_in(report: &MultiReport, a: usize, position: Position) -> f64 {
    let opponents = || (0..report.actors.len()).filter(move |&o| o != a && report.armed[o]);
    match position {
        Position::Ratio => report.overall[a],
        Position::StruckCost => opponents()
            .filter_map(|o| report.ratio(a, o))
            .map(|r| r.cost_struck_first)
            .fold(0.0, f64::max),
        Position::Retaliation => opponents()
            .filter_map(|o| report.strike(o, a))
            .map(|s| s.exchange.at_stop().arriving_on_striker)
            .reduce(f64::min)
            .unwrap_or(0.0),
    }
}

fn state_of(
    truth: &Scenario,
    report: &MultiReport,
    members: &[usize],
    a: usize,
    position: Position,
) -> ActorState {
    let sides = || members.iter().map(|&s| &truth.sides[s]);
    let binding = report
        .ratios
        .iter()
        .filter(|r| r.actor == a)
        .reduce(|best, r| if r.ratio < best.ratio { r } else { best });
    ActorState {
        warheads: sides().map(|s| s.nuclear_warheads()).sum(),
        launchers: sides()
            .flat_map(|s| &s.forces)
            .map(|f| u64::from(f.launchers_at(Alert::DayToDay)))
            .sum(),
        interceptors: sides()
            .flat_map(|s| &s.missile_defenses)
            .map(|d| u64::from(d.interceptors))
            .sum(),
        overall: report.overall[a],
        binding_opponent: binding.map(|r| r.opponent),
        cost_striking_first: binding.map_or(0.0, |r| r.cost_striking_first),
        cost_struck_first: binding.map_or(0.0, |r| r.cost_struck_first),
        position: position_in(report, a, position),
    }
}

/// Richardson reaction coefficients among N actors (docs/action-reaction.md, "Richardson on N
/// sides"): `k[i][j]` is actor i's best-response cost per unit of actor j's build, the build
/// being one step of every option of j's with room (as on two sides,
/// [`crate::reaction::arms_race::reaction_coefficients`]); the diagonal is 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ReactionMatrix {
    pub actor_names: Vec<String>,
    pub k: Vec<Vec<f64>>,
    /// Each actor's build cost.
    pub build_cost: Vec<f64>,
    /// `response_cost[i][j]`: actor i's response to j's build.
    pub response_cost: Vec<Vec<f64>>,
    /// Whether that response restored i's position (else k[i][j] is a lower bound).
    pub restored: Vec<Vec<bool>>,
}

/// K around `base` by a forward difference of the N-side best-response function. Every actor
/// needs an option with room (its build would be undefined).
pub fn reaction_matrix(
    base: &MultiScenario,
    menu: &ResponseMenu,
    settings: &NSideRaceSettings,
) -> Result<ReactionMatrix, EngineError> {
    let (actor_names, members) = actors_of(base, &settings.options);
    let runner = Runner {
        base,
        menu,
        settings,
        members: &members,
        search: settings.race.search,
    };
    let (start, _) = runner.measure(&base.scenario)?;
    let n = members.len();
    let mut m = ReactionMatrix {
        k: vec![vec![0.0; n]; n],
        build_cost: vec![0.0; n],
        response_cost: vec![vec![0.0; n]; n],
        restored: vec![vec![true; n]; n],
        actor_names,
    };
    for (j, builder) in members.iter().enumerate() {
        let (moved, cost) = one_step_of_everything(base, menu, builder, &m.actor_names[j])?;
        m.build_cost[j] = cost;
        for i in (0..n).filter(|&i| i != j) {
            let response = runner.respond(&moved, i, start[i].position)?;
            m.response_cost[i][j] = response.cost;
            m.restored[i][j] = response.restored();
            m.k[i][j] = response.cost / cost;
        }
    }
    Ok(m)
}

/// The truth after one step of every option of an actor's with room, and its cost.
fn one_step_of_everything(
    base: &MultiScenario,
    menu: &ResponseMenu,
    members: &[usize],
    name: &str,
) -> Result<(Scenario, f64), EngineError> {
    let options = options_of(menu, members);
    let room = best_response::room(&base.scenario, menu, &options)?;
    let steps: Vec<u32> = room.iter().map(|&r| r.min(1)).collect();
    let cost: f64 = options
        .iter()
        .zip(&steps)
        .map(|(&k, &n)| menu.options[k].cost * f64::from(n))
        .sum();
    if cost <= 0.0 {
        return Err(EngineError::rule(
            "option",
            format!(
                "`{name}` has no response option with room below its cap, so its build (and its column of K) is undefined"
            ),
        ));
    }
    let moved = best_response::apply_steps(&base.scenario, menu, &options, &steps)?;
    Ok((moved, cost))
}
