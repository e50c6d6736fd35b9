//! Output of `reykjavik race` on an N-side scenario (issue 10): the JSON document (an addition,
//! docs/output-format.md "race on N sides") and the text report. The two-side race keeps its
//! own document (`race`), unchanged.

use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::reaction::best_response::ResponseMenu;
use reykjavik_engine::reaction::n_side_race::{ActorState, NSideRace, Turn};
use reykjavik_engine::reaction::race::{Outcome, SpiralCause};
use serde_json::{Value, json};

use crate::race::{number, position_words, response_json, response_summary};
use crate::say;

/// What an N-side race report names besides the engine's result.
pub struct NSideRaceContext<'a> {
    /// The scenario before the move, with its alliances, beliefs and reserve rule.
    pub base: &'a MultiScenario,
    pub move_name: &'a str,
    pub move_description: &'a str,
    pub menu: &'a ResponseMenu,
}

// ---------------------------------------------------------------------------------------------
// JSON

pub fn n_side_race_json(c: &NSideRaceContext, race: &NSideRace) -> Value {
    let settings = &race.settings;
    let sides = &c.base.scenario.sides;
    let name = |a: usize| race.actor_names[a].as_str();
    json!({
        "scenario": c.base.scenario.name,
        "sides": sides.iter().map(|s| &s.name).collect::<Vec<_>>(),
        "actors": (0..race.actor_names.len()).map(|a| json!({
            "name": name(a),
            "members": race.members[a].iter().map(|&s| &sides[s].name).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "move": {
            "name": c.move_name,
            "description": c.move_description,
            "by": name(race.mover),
        },
        "menu": { "name": c.menu.name, "cost_unit": c.menu.cost_unit },
        "position": settings.race.search.position.name(),
        "alert": settings.options.alert.iter().map(|a| a.name()).collect::<Vec<_>>(),
        "launch_under_attack": settings.options.launch_under_attack,
        "reserve": c.base.reserve.name(),
        "third_parties": c.base.third_parties.name(),
        "order": race.order.iter().map(|&a| name(a)).collect::<Vec<_>>(),
        "rounds_requested": settings.race.rounds,
        "bound": settings.race.bound,
        "tolerance": settings.race.search.tolerance,
        "start": { "index": race.start_index, "actors": actors_json(race, &race.start) },
        "turns": race.turns.iter().map(|t| turn_json(c, race, t)).collect::<Vec<_>>(),
        "outcome": outcome_json(race),
    })
}

fn actors_json(race: &NSideRace, states: &[ActorState]) -> Value {
    json!(
        states
            .iter()
            .enumerate()
            .map(|(a, s)| json!({
                "actor": race.actor_names[a],
                "warheads": s.warheads,
                "launchers": s.launchers,
                "interceptors": s.interceptors,
                "overall_ratio": s.overall,
                "binding_opponent": s.binding_opponent.map(|o| &race.actor_names[o]),
                "cost_striking_first": s.cost_striking_first,
                "cost_struck_first": s.cost_struck_first,
                "position": s.position,
            }))
            .collect::<Vec<_>>()
    )
}

fn turn_json(c: &NSideRaceContext, race: &NSideRace, t: &Turn) -> Value {
    json!({
        "turn": t.turn,
        "round": t.round,
        "actor": race.actor_names[t.actor],
        "kind": if t.response.is_some() { "response" } else { "move" },
        "index": t.index,
        "actors": actors_json(race, &t.actors),
        "response": t.response.as_ref().map(|b| response_json(c.menu, b)),
    })
}

fn outcome_json(race: &NSideRace) -> Value {
    let (turn, actor, cause) = match race.outcome {
        Outcome::Settles { round } => (Some(round), None, None),
        Outcome::Spiral { round, side, cause } => (
            Some(round),
            Some(race.actor_names[side].clone()),
            Some(match cause {
                SpiralCause::PastBound => "past-bound",
                SpiralCause::Caps => "caps",
            }),
        ),
        Outcome::Bounded => (None, None, None),
    };
    json!({
        "class": race.outcome.name(),
        "turn": turn,
        "round": turn.map(|k| race.turns[k as usize].round),
        "actor": actor,
        "cause": cause,
        "summary": outcome_sentence(race),
    })
}

// ---------------------------------------------------------------------------------------------
// Text

pub fn n_side_race_text(c: &NSideRaceContext, race: &NSideRace) -> String {
    let mut out = String::new();
    let settings = &race.settings;
    say!(
        out,
        "Action-reaction race on {} sides: {} after `{}` by {}",
        c.base.scenario.sides.len(),
        c.base.scenario.name,
        c.move_name,
        race.actor_names[race.mover]
    );
    say!(out, "  {}", c.move_description);
    say!(
        out,
        "Each actor restores {} as it stood after its own last action (the others: before the move); on N sides the worst over its armed opponents (the ratio: its overall ratio, the lowest pairwise one).",
        position_words(settings.race.search.position)
    );
    let order: Vec<&str> = race
        .order
        .iter()
        .map(|&a| race.actor_names[a].as_str())
        .collect();
    say!(
        out,
        "Order each round: {} (round robin from the actor after the mover; an actor without menu options sits out)",
        order.join(", ")
    );
    say!(out, "Posture: {}", posture_words(c, race));
    say!(
        out,
        "Reserve against third parties: {}; third parties: {}",
        c.base.reserve.name(),
        c.base.third_parties.name()
    );
    say!(out, "Menu: {} (costs in {})", c.menu.name, c.menu.cost_unit);
    forces_table(&mut out, race);
    responses(&mut out, c, race);
    say!(out, "\nOutcome: {}", outcome_sentence(race));
    out
}

fn posture_words(c: &NSideRaceContext, race: &NSideRace) -> String {
    let options = &race.settings.options;
    (0..c.base.scenario.sides.len())
        .map(|s| {
            let lua = if options.launch_under_attack[s] {
                ", launches under attack"
            } else {
                ""
            };
            let name = &c.base.scenario.sides[s].name;
            format!("{name} {}{lua}", options.alert[s].name())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn forces_table(out: &mut String, race: &NSideRace) {
    say!(
        out,
        "\nBy turn: each actor's nuclear warheads / interceptors and overall ratio, and the N-side index (the product of the overall ratios)"
    );
    let mut head = format!(
        "  {:<5} {:<5} {:<16} {:>6}",
        "turn", "round", "actor", "index"
    );
    for name in &race.actor_names {
        head += &format!("   {:<24}", short(name, 24));
    }
    say!(out, "{}", head.trim_end());
    let row = |out: &mut String, turn: &str, round: &str, actor: &str, index: f64, s: &[_]| {
        let mut line = format!(
            "  {turn:<5} {round:<5} {:<16} {index:>6.3}",
            short(actor, 16)
        );
        for state in s {
            let state: &ActorState = state;
            let cell = format!(
                "{:>5} / {:<4} r {:.3}",
                state.warheads, state.interceptors, state.overall
            );
            line += &format!("   {cell:<24}");
        }
        say!(out, "{}", line.trim_end());
    };
    row(out, "start", "", "", race.start_index, &race.start);
    for t in &race.turns {
        let actor = &race.actor_names[t.actor];
        let round = t.round.to_string();
        row(out, &t.turn.to_string(), &round, actor, t.index, &t.actors);
    }
}

fn short(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn responses(out: &mut String, c: &NSideRaceContext, race: &NSideRace) {
    say!(out, "\nResponses (position: target -> before -> after)");
    for t in &race.turns {
        let actor = &race.actor_names[t.actor];
        let Some(b) = &t.response else {
            say!(out, "  turn 0: {actor} moves: {}", c.move_name);
            continue;
        };
        say!(
            out,
            "  turn {} (round {}): {actor}: {}; {:.4} -> {:.4} -> {:.4}",
            t.turn,
            t.round,
            response_summary(b),
            b.target,
            b.before,
            b.after
        );
        crate::race::response_steps(out, b, c.menu);
    }
}

pub fn outcome_sentence(race: &NSideRace) -> String {
    let name = |a: usize| &race.actor_names[a];
    let bound = number(race.settings.race.bound);
    let round_of = |turn: u32| race.turns[turn as usize].round;
    match race.outcome {
        Outcome::Settles { round: turn } => format!(
            "settles: after the last response every actor in turn needed none (a full round without a response, ending at turn {turn}, round {}): a fixed point",
            round_of(turn)
        ),
        Outcome::Spiral {
            round: turn,
            side,
            cause: SpiralCause::PastBound,
        } => format!(
            "spiral: at turn {turn} (round {}) {}'s weapons (warheads and interceptors) pass {bound} times their number before the move",
            round_of(turn),
            name(side)
        ),
        Outcome::Spiral {
            round: turn,
            side,
            cause: SpiralCause::Caps,
        } => format!(
            "spiral: at turn {turn} (round {}) {}'s whole menu up to its caps cannot restore its position",
            round_of(turn),
            name(side)
        ),
        Outcome::Bounded => format!(
            "bounded: responses went on for {} rounds ({} turns), every actor's weapons within {bound} times their number before the move",
            race.settings.race.rounds,
            race.turns.len() - 1
        ),
    }
}
