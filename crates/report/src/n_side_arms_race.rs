//! The arms-race section of `analyze --arms-race` on an N-side scenario (issue 10): the
//! `arms_race` object added to the N-side analyze document (docs/output-format.md) and its text
//! section. The two-side section stays in `race` (`arms_race_json`, `arms_race_text`).

use reykjavik_engine::reaction::best_response::{Position, ResponseMenu};
use reykjavik_engine::reaction::n_side_arms_race::{ActorExposure, NSideArmsRace};
use serde_json::{Value, json};

use crate::race::{number, position_words, response_json};
use crate::say;

/// The document key.
pub const KEY: &str = "arms_race";

/// What the section shows besides the engine's result.
#[derive(Debug, Clone, Copy)]
pub struct NSideArmsRaceContext<'a> {
    pub menu: &'a ResponseMenu,
    pub position: Position,
}

/// Adds the `arms_race` object to an N-side analyze document.
pub fn add_json(doc: &mut Value, c: &NSideArmsRaceContext, race: &NSideArmsRace) {
    doc[KEY] = n_side_arms_race_json(c, race);
}

pub fn n_side_arms_race_json(c: &NSideArmsRaceContext, race: &NSideArmsRace) -> Value {
    json!({
        "menu": { "name": c.menu.name, "cost_unit": c.menu.cost_unit },
        "position": c.position.name(),
        "actors": race.exposures.iter().map(|e| actor_json(c, race, e)).collect::<Vec<_>>(),
    })
}

fn actor_json(c: &NSideArmsRaceContext, race: &NSideArmsRace, e: &ActorExposure) -> Value {
    let menu = c.menu;
    let name = |a: usize| race.actor_names[a].as_str();
    json!({
        "actor": name(e.actor),
        "position": e.position,
        "most_provocative": e.worst().map(|w| {
            let p = &w.provocation;
            json!({
                "by": name(w.mover),
                "move": menu.options[p.option].name,
                "move_cost": p.move_cost,
                "response_cost": p.response.cost,
                "response_per_unit": p.per_unit,
                "restored": p.response.restored(),
            })
        }),
        "moves": e.provocations.iter().map(|w| {
            let p = &w.provocation;
            json!({
                "by": name(w.mover),
                "move": menu.options[p.option].name,
                "path": menu.options[p.option].path,
                "move_cost": p.move_cost,
                "response_per_unit": p.per_unit,
                "response": response_json(menu, &p.response),
            })
        }).collect::<Vec<_>>(),
    })
}

pub fn n_side_arms_race_text(c: &NSideArmsRaceContext, race: &NSideArmsRace) -> String {
    let mut out = String::new();
    say!(
        out,
        "\nArms-race stability on {} actors (menu {}; costs in {})",
        race.actor_names.len(),
        c.menu.name,
        c.menu.cost_unit
    );
    say!(
        out,
        "Each actor's cheapest response restoring {} (on N sides the worst over its armed opponents; the ratio: its overall ratio), to one step of each option of every other actor:",
        position_words(c.position)
    );
    for e in &race.exposures {
        actor_text(&mut out, c, race, e);
    }
    let silent: Vec<&str> = (0..race.actor_names.len())
        .filter(|&a| race.exposures.iter().all(|e| e.actor != a))
        .map(|a| race.actor_names[a].as_str())
        .collect();
    if !silent.is_empty() {
        say!(
            out,
            "  {} (no menu option, unarmed) cannot answer: not shown",
            silent.join(", ")
        );
    }
    out
}

fn actor_text(out: &mut String, c: &NSideArmsRaceContext, race: &NSideArmsRace, e: &ActorExposure) {
    let name = |a: usize| race.actor_names[a].as_str();
    say!(
        out,
        "  {}, position {}, against the others' moves:",
        name(e.actor),
        number(e.position)
    );
    say!(
        out,
        "    {:<14} {:<42} {:>8} {:>9} {:>9}",
        "by",
        "move",
        "cost",
        "response",
        "per unit"
    );
    for w in &e.provocations {
        let p = &w.provocation;
        let flag = if p.response.restored() {
            ""
        } else {
            "  (cannot restore)"
        };
        say!(
            out,
            "    {:<14} {:<42} {:>8} {:>9} {:>9}{flag}",
            short(name(w.mover), 14),
            short(&c.menu.options[p.option].name, 42),
            number(p.move_cost),
            number(p.response.cost),
            number(p.per_unit)
        );
    }
    match e.worst() {
        Some(w) => say!(
            out,
            "    most provocative: {}'s {} ({} per unit of its cost)",
            name(w.mover),
            c.menu.options[w.provocation.option].name,
            number(w.provocation.per_unit)
        ),
        None => say!(out, "    no other actor has a move left under its caps"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use reykjavik_engine::model::Scenario;
    use reykjavik_engine::reaction::arms_race::Provocation;
    use reykjavik_engine::reaction::best_response::{BestResponse, Method, ResponseOption};
    use reykjavik_engine::reaction::n_side_arms_race::NSideProvocation;

    fn menu() -> ResponseMenu {
        let option = |side: usize, name: &str, cost: f64| ResponseOption {
            name: name.into(),
            side,
            path: format!("side[{side}].force[0].launchers"),
            step: 1.0,
            cap: 10.0,
            cost,
        };
        ResponseMenu {
            name: "m".into(),
            cost_unit: "units".into(),
            options: vec![option(0, "A boats", 2.0), option(1, "B boats", 4.0)],
        }
    }

    fn provocation(mover: usize, option: usize, move_cost: f64, cost: f64) -> NSideProvocation {
        let response = BestResponse {
            side: 1 - mover,
            scenario: Scenario {
                name: "s".into(),
                description: String::new(),
                sides: vec![],
                options: Default::default(),
                uncertain: vec![],
            },
            steps: vec![(1 - option, 1)],
            cost,
            target: 10.0,
            before: 8.0,
            after: 10.0,
            method: Method::Exact,
            evaluations: 3,
        };
        NSideProvocation {
            mover,
            provocation: Provocation {
                option,
                move_cost,
                per_unit: cost / move_cost,
                response,
            },
        }
    }

    fn race() -> NSideArmsRace {
        NSideArmsRace {
            actor_names: vec!["A".into(), "B".into(), "C".into()],
            members: vec![vec![0], vec![1], vec![2]],
            exposures: vec![
                ActorExposure {
                    actor: 0,
                    position: 10.0,
                    provocations: vec![provocation(1, 1, 4.0, 2.0)],
                    most_provocative: Some(0),
                },
                ActorExposure {
                    actor: 1,
                    position: 10.0,
                    provocations: vec![provocation(0, 0, 2.0, 4.0)],
                    most_provocative: Some(0),
                },
            ],
        }
    }

    #[test]
    fn the_json_names_movers_moves_and_the_most_provocative() {
        let m = menu();
        let c = NSideArmsRaceContext {
            menu: &m,
            position: Position::Retaliation,
        };
        let mut doc = json!({ "scenario": "s" });
        add_json(&mut doc, &c, &race());
        let a = &doc["arms_race"];
        assert_eq!(a["position"], "retaliation");
        assert_eq!(a["actors"][0]["actor"], "A");
        assert_eq!(a["actors"][0]["most_provocative"]["by"], "B");
        assert_eq!(a["actors"][0]["most_provocative"]["response_per_unit"], 0.5);
        assert_eq!(a["actors"][1]["moves"][0]["move"], "A boats");
        assert_eq!(a["actors"][1]["moves"][0]["response"]["cost"], 4.0);
        assert_eq!(a["actors"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn the_text_has_each_actor_and_names_the_one_that_cannot_answer() {
        let m = menu();
        let c = NSideArmsRaceContext {
            menu: &m,
            position: Position::Retaliation,
        };
        let text = n_side_arms_race_text(&c, &race());
        assert!(text.contains("Arms-race stability on 3 actors"), "{text}");
        assert!(
            text.contains("most provocative: B's B boats (0.5 per unit"),
            "{text}"
        );
        assert!(
            text.contains("most provocative: A's A boats (2 per unit"),
            "{text}"
        );
        assert!(text.contains("C (no menu option"), "{text}");
    }
}
