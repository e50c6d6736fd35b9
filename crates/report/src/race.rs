//! Output of `reykjavik race` and `analyze --arms-race`: JSON documents, text reports (schema in
//! docs/output-format.md); the SVG chart is drawn by the CLI (`race_chart`).

use reykjavik_engine::model::Scenario;
use reykjavik_engine::reaction::arms_race::{ReactionCoefficients, SideExposure};
use reykjavik_engine::reaction::best_response::{BestResponse, Method, Position, ResponseMenu};
use reykjavik_engine::reaction::race::{Outcome, Race, Round, SideState, SpiralCause};
use serde_json::{Value, json};

use crate::say;

/// The arms-race stability section of `analyze --arms-race`.
#[derive(Debug, Clone, Copy)]
pub struct ArmsRace<'a> {
    pub menu: &'a ResponseMenu,
    pub position: Position,
    pub exposure: &'a [SideExposure; 2],
}

/// What a race report names besides the engine's result.
pub struct RaceContext<'a> {
    /// The scenario before the move.
    pub base: &'a Scenario,
    pub move_name: &'a str,
    pub move_description: &'a str,
    pub menu: &'a ResponseMenu,
}

pub fn position_words(position: Position) -> &'static str {
    match position {
        Position::StruckCost => "C2, its cost when struck first (lower is better)",
        Position::Ratio => "its ratio C1 / C2 (higher is better)",
        Position::Retaliation => {
            "its retaliation after being struck first, arriving on the other's value (higher is better)"
        }
    }
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Exact => "exact",
        Method::Search { .. } => "search",
        Method::CannotRestore { .. } => "cannot-restore",
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

pub fn race_json(c: &RaceContext, race: &Race, richardson: Option<&ReactionCoefficients>) -> Value {
    let settings = &race.settings;
    let analysis = settings.search.analysis;
    let mut value = json!({
        "scenario": c.base.name,
        "move": {
            "name": c.move_name,
            "description": c.move_description,
            "by": c.base.sides[race.mover].name,
        },
        "menu": { "name": c.menu.name, "cost_unit": c.menu.cost_unit },
        "position": settings.search.position.name(),
        "alert": analysis.alert.iter().map(|a| a.name()).collect::<Vec<_>>(),
        "launch_under_attack": analysis.launch_under_attack,
        "rounds_requested": settings.rounds,
        "bound": settings.bound,
        "tolerance": settings.search.tolerance,
        "start": { "index": race.start_index, "sides": sides_json(c.base, &race.start) },
        "rounds": race.rounds.iter().map(|r| round_json(c, r)).collect::<Vec<_>>(),
        "outcome": outcome_json(c.base, race),
    });
    if let Some(r) = richardson {
        value["richardson"] = richardson_json(c.base, r);
    }
    value
}

fn sides_json(scenario: &Scenario, sides: &[SideState; 2]) -> Value {
    json!(
        sides
            .iter()
            .zip(&scenario.sides)
            .map(|(s, side)| json!({
                "side": side.name,
                "warheads": s.warheads,
                "launchers": s.launchers,
                "interceptors": s.interceptors,
                "cost_striking_first": s.cost_striking_first,
                "cost_struck_first": s.cost_struck_first,
                "ratio": s.ratio,
                "position": s.position,
            }))
            .collect::<Vec<_>>()
    )
}

fn round_json(c: &RaceContext, r: &Round) -> Value {
    json!({
        "round": r.round,
        "actor": c.base.sides[r.actor].name,
        "kind": if r.response.is_some() { "response" } else { "move" },
        "index": r.index,
        "sides": sides_json(c.base, &r.sides),
        "response": r.response.as_ref().map(|b| response_json(c.menu, b)),
    })
}

/// One best response (shared by the race and the arms-race report).
pub fn response_json(menu: &ResponseMenu, b: &BestResponse) -> Value {
    let lower_bound = match b.method {
        Method::Search { lower_bound } => Some(lower_bound),
        _ => None,
    };
    json!({
        "target": b.target,
        "before": b.before,
        "after": b.after,
        "cost": b.cost,
        "restored": b.restored(),
        "method": method_name(b.method),
        "lower_bound": lower_bound,
        "exhaustive": match b.method {
            Method::CannotRestore { exhaustive } => Some(exhaustive),
            _ => None,
        },
        "gap": b.gap(),
        "evaluations": b.evaluations,
        "options": b.steps.iter().filter(|(_, n)| *n > 0).map(|&(k, n)| {
            let option = &menu.options[k];
            json!({
                "name": option.name,
                "path": option.path,
                "steps": n,
                "added": option.step * f64::from(n),
                "cost": option.cost * f64::from(n),
            })
        }).collect::<Vec<_>>(),
    })
}

fn outcome_json(scenario: &Scenario, race: &Race) -> Value {
    let (round, side, cause) = match race.outcome {
        Outcome::Settles { round } => (Some(round), None, None),
        Outcome::Spiral { round, side, cause } => (
            Some(round),
            Some(scenario.sides[side].name.clone()),
            Some(match cause {
                SpiralCause::PastBound => "past-bound",
                SpiralCause::Caps => "caps",
            }),
        ),
        Outcome::Bounded => (None, None, None),
    };
    json!({
        "class": race.outcome.name(),
        "round": round,
        "side": side,
        "cause": cause,
        "summary": outcome_sentence(scenario, race),
    })
}

pub fn richardson_json(scenario: &Scenario, r: &ReactionCoefficients) -> Value {
    json!({
        "k": r.k,
        "l": r.l,
        "x": scenario.sides[0].name,
        "y": scenario.sides[1].name,
        "build_cost": r.build_cost,
        "response_cost": r.response_cost,
        "restored": r.restored,
        "warning": RICHARDSON_WARNING,
    })
}

pub const RICHARDSON_WARNING: &str = "one finite difference of a step function; published fits of the US-Soviet race find the Richardson form weak";

pub fn arms_race_json(
    scenario: &Scenario,
    menu: &ResponseMenu,
    position: Position,
    exposure: &[SideExposure; 2],
) -> Value {
    json!({
        "menu": { "name": menu.name, "cost_unit": menu.cost_unit },
        "position": position.name(),
        "sides": exposure.iter().map(|e| json!({
            "side": scenario.sides[e.side].name,
            "most_provocative": e.worst().map(|p| json!({
                "move": menu.options[p.option].name,
                "move_cost": p.move_cost,
                "response_cost": p.response.cost,
                "response_per_unit": p.per_unit,
                "restored": p.response.restored(),
            })),
            "moves": e.provocations.iter().map(|p| json!({
                "move": menu.options[p.option].name,
                "path": menu.options[p.option].path,
                "move_cost": p.move_cost,
                "response_per_unit": p.per_unit,
                "response": response_json(menu, &p.response),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------------------------------------
// Text

pub fn race_text(
    c: &RaceContext,
    race: &Race,
    richardson: Option<&ReactionCoefficients>,
) -> String {
    let mut out = String::new();
    let search = &race.settings.search;
    let names = [&c.base.sides[0].name, &c.base.sides[1].name];
    say!(
        out,
        "Action-reaction race: {} after `{}` by {}",
        c.base.name,
        c.move_name,
        names[race.mover]
    );
    say!(out, "  {}", c.move_description);
    say!(
        out,
        "Each side restores {} as it stood after its own last action (the other side: before the move).",
        position_words(search.position)
    );
    let alerts: Vec<String> = (0..2)
        .map(|s| {
            let lua = if search.analysis.launch_under_attack[s] {
                ", launches under attack"
            } else {
                ""
            };
            format!("{} {}{lua}", names[s], search.analysis.alert[s].name())
        })
        .collect();
    say!(out, "Posture: {}", alerts.join("; "));
    say!(out, "Menu: {} (costs in {})", c.menu.name, c.menu.cost_unit);
    forces_table(&mut out, c, race);
    responses(&mut out, c, race);
    say!(out, "\nOutcome: {}", outcome_sentence(c.base, race));
    if let Some(r) = richardson {
        out += &richardson_text(c.base, r, &c.menu.cost_unit);
    }
    out
}

fn forces_table(out: &mut String, c: &RaceContext, race: &Race) {
    let names = [&c.base.sides[0].name, &c.base.sides[1].name];
    say!(
        out,
        "\nBy round: nuclear warheads / interceptors, C1 (striking first), C2 (struck first), and the index"
    );
    say!(
        out,
        "  {:<6} {:<16} {:>6}   {:<34} {:<34}",
        "round",
        "actor",
        "index",
        short(names[0], 34),
        short(names[1], 34)
    );
    let row = |out: &mut String, label: &str, actor: &str, index: f64, sides: &[SideState; 2]| {
        let cell = |s: &SideState| {
            format!(
                "{:>5} / {:<4} C1 {:.3} C2 {:.3}",
                s.warheads, s.interceptors, s.cost_striking_first, s.cost_struck_first
            )
        };
        say!(
            out,
            "  {label:<6} {:<16} {index:>6.3}   {:<34} {:<34}",
            short(actor, 16),
            cell(&sides[0]),
            cell(&sides[1])
        );
    };
    row(out, "start", "", race.start_index, &race.start);
    for r in &race.rounds {
        row(out, &r.round.to_string(), names[r.actor], r.index, &r.sides);
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

fn responses(out: &mut String, c: &RaceContext, race: &Race) {
    say!(out, "\nResponses (position: target -> before -> after)");
    for r in &race.rounds {
        let actor = &c.base.sides[r.actor].name;
        let Some(b) = &r.response else {
            say!(out, "  round 0: {actor} moves: {}", c.move_name);
            continue;
        };
        say!(
            out,
            "  round {}: {actor}: {}; {:.4} -> {:.4} -> {:.4}",
            r.round,
            response_summary(b),
            b.target,
            b.before,
            b.after
        );
        response_steps(out, b, c.menu);
    }
}

/// One line per menu option a response takes: steps, the added amount at its field, the cost.
/// Shared with the N-side race.
pub(crate) fn response_steps(out: &mut String, b: &BestResponse, menu: &ResponseMenu) {
    for &(k, n) in b.steps.iter().filter(|(_, n)| *n > 0) {
        let option = &menu.options[k];
        say!(
            out,
            "      {n} x {} (+{} at {}; cost {})",
            option.name,
            number(option.step * f64::from(n)),
            option.path,
            number(option.cost * f64::from(n))
        );
    }
}

/// "no response needed" / "cost 1.2 (exact, 37 positions evaluated)".
pub fn response_summary(b: &BestResponse) -> String {
    if b.is_none() && b.restored() {
        return format!("no response needed ({} position evaluated)", b.evaluations);
    }
    let how = match b.method {
        Method::Exact => "exact".to_string(),
        Method::Search { lower_bound } => format!(
            "search: optimum at least {}, gap at most {}",
            number(lower_bound),
            number(b.gap())
        ),
        Method::CannotRestore { exhaustive: true } => {
            "cannot restore: no combination does (all evaluated); the whole remaining menu".into()
        }
        Method::CannotRestore { exhaustive: false } => {
            "cannot restore: the searches found no combination; the whole remaining menu".into()
        }
    };
    format!(
        "cost {} ({how}; {} positions evaluated)",
        number(b.cost),
        b.evaluations
    )
}

/// A number short: up to 3 decimals, no trailing zeros.
pub fn number(x: f64) -> String {
    let text = format!("{x:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

pub fn outcome_sentence(scenario: &Scenario, race: &Race) -> String {
    let name = |s: usize| &scenario.sides[s].name;
    let bound = number(race.settings.bound);
    match race.outcome {
        Outcome::Settles { round } => format!(
            "settles: in round {round} {} needs no response (a fixed point)",
            name(race.rounds[round as usize].actor)
        ),
        Outcome::Spiral {
            round,
            side,
            cause: SpiralCause::PastBound,
        } => format!(
            "spiral: a response every round, and in round {round} {}'s weapons (warheads and interceptors) pass {bound} times their number before the move",
            name(side)
        ),
        Outcome::Spiral {
            round,
            side,
            cause: SpiralCause::Caps,
        } => format!(
            "spiral: in round {round} {}'s whole menu up to its caps cannot restore its position",
            name(side)
        ),
        Outcome::Bounded => format!(
            "bounded: a response every round for {} rounds, each side's weapons within {bound} times their number before the move (menus only add forces, so this is the model's bounded cycle: reactions that go on without passing the bound)",
            race.settings.rounds
        ),
    }
}

pub fn richardson_text(scenario: &Scenario, r: &ReactionCoefficients, unit: &str) -> String {
    let mut out = String::new();
    let x = &scenario.sides[0].name;
    let y = &scenario.sides[1].name;
    say!(
        out,
        "\nRichardson reaction coefficients (dx/dt = k y - a x + g, dy/dt = l x - b y + h; x = {x}, y = {y}; units: {unit})"
    );
    say!(
        out,
        "  k = {:.4}: {x}'s response {} per unit of {y}'s build {}{}",
        r.k,
        number(r.response_cost[0]),
        number(r.build_cost[1]),
        if r.restored[0] {
            ""
        } else {
            " (not restored: a lower bound)"
        }
    );
    say!(
        out,
        "  l = {:.4}: {y}'s response {} per unit of {x}'s build {}{}",
        r.l,
        number(r.response_cost[1]),
        number(r.build_cost[0]),
        if r.restored[1] {
            ""
        } else {
            " (not restored: a lower bound)"
        }
    );
    say!(out, "  Caution: {RICHARDSON_WARNING}.");
    out
}

pub fn arms_race_text(
    scenario: &Scenario,
    menu: &ResponseMenu,
    position: Position,
    exposure: &[SideExposure; 2],
) -> String {
    let mut out = String::new();
    say!(
        out,
        "\nArms-race stability (menu {}; costs in {})",
        menu.name,
        menu.cost_unit
    );
    say!(
        out,
        "Each side's cheapest response restoring {}, to one step of each of the other's options:",
        position_words(position)
    );
    for e in exposure {
        let side = &scenario.sides[e.side].name;
        let other = &scenario.sides[1 - e.side].name;
        say!(out, "  {side}, against {other}'s moves:");
        say!(
            out,
            "    {:<52} {:>8} {:>9} {:>9}",
            "move",
            "cost",
            "response",
            "per unit"
        );
        for p in &e.provocations {
            let flag = if p.response.restored() {
                ""
            } else {
                "  (cannot restore)"
            };
            say!(
                out,
                "    {:<52} {:>8} {:>9} {:>9}{flag}",
                short(&menu.options[p.option].name, 52),
                number(p.move_cost),
                number(p.response.cost),
                number(p.per_unit)
            );
        }
        match e.worst() {
            Some(p) => say!(
                out,
                "    most provocative: {} ({} per unit of its cost)",
                menu.options[p.option].name,
                number(p.per_unit)
            ),
            None => say!(out, "    {other} has no move left under its caps"),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// SVG
