//! Planning actors: each side outside an alliance, and each alliance merged into one side that
//! strikes and is struck as one (docs/model.md, "Alliances").

use super::{MultiOptions, MultiScenario};
use crate::error::EngineError;
use crate::model::{Alert, Scenario, Side, ValueModel};

/// Who plans: one side or an alliance.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub name: String,
    /// Side indices of the truth, in order.
    pub members: Vec<usize>,
    pub alert: Alert,
    pub launch_under_attack: bool,
    /// The fixed reserve share, if the rule gives one (an alliance: its first member's).
    pub fixed_share: Option<f64>,
}

/// The actors and a scenario whose side `k` is actor `k` (merged for an alliance).
#[derive(Debug, Clone, PartialEq)]
pub struct Actors {
    pub actors: Vec<Actor>,
    pub scenario: Scenario,
}

/// The actors of `world` (the truth or a side's beliefs): sides in file order, an alliance at
/// the place of its first member. Without alliances the scenario is `world` itself, so every
/// exchange is the two-side one bit for bit.
pub fn plan(ms: &MultiScenario, world: &Scenario, options: &MultiOptions) -> Actors {
    let mut actors = Vec::new();
    let mut sides = Vec::new();
    for s in 0..world.sides.len() {
        let alliance = ms.alliances.iter().find(|a| a.members.contains(&s));
        let members = match alliance {
            Some(a) if a.members.first() != Some(&s) => continue,
            Some(a) => a.members.clone(),
            None => vec![s],
        };
        let lead = members[0];
        let name = alliance.map_or_else(|| world.sides[s].name.clone(), |a| a.name.clone());
        sides.push(match alliance {
            Some(_) => merge(&name, &members, world),
            None => world.sides[s].clone(),
        });
        actors.push(Actor {
            name,
            alert: options.alert.get(lead).copied().unwrap_or(Alert::DayToDay),
            launch_under_attack: options
                .launch_under_attack
                .get(lead)
                .copied()
                .unwrap_or(false),
            fixed_share: ms.fixed_share(lead),
            members,
        });
    }
    let scenario = Scenario {
        sides,
        ..world.clone()
    };
    Actors { actors, scenario }
}

/// One side made of several: forces, storage and defenses side by side (names prefixed with the
/// member's, so they stay unique), value summed. Summing w80 is exact when attacks spread over
/// the members in proportion to their w80: 0.2^(w1/w80_1) holds for every member when
/// w_k / w80_k is the same for all.
fn merge(name: &str, members: &[usize], world: &Scenario) -> Side {
    let first = &world.sides[members[0]];
    let mut side = Side {
        name: name.to_string(),
        value: ValueModel {
            unit: first.value.unit,
            w80: members.iter().map(|&m| world.sides[m].value.w80).sum(),
        },
        forces: Vec::new(),
        missile_defenses: Vec::new(),
        air_defenses: Vec::new(),
        warhead_storage: Vec::new(),
    };
    for &m in members {
        let member = &world.sides[m];
        let prefix = |n: &str| format!("{}/{n}", member.name);
        let storage_offset = side.warhead_storage.len();
        side.forces.extend(member.forces.iter().map(|f| {
            let mut f = f.clone();
            f.name = prefix(&f.name);
            f.warhead_storage = f.warhead_storage.map(|w| w + storage_offset);
            f
        }));
        side.warhead_storage
            .extend(member.warhead_storage.iter().map(|w| {
                let mut w = w.clone();
                w.name = prefix(&w.name);
                w
            }));
        side.missile_defenses
            .extend(member.missile_defenses.iter().map(|d| {
                let mut d = d.clone();
                d.name = prefix(&d.name);
                d
            }));
        side.air_defenses
            .extend(member.air_defenses.iter().map(|d| {
                let mut d = d.clone();
                d.name = prefix(&d.name);
                d
            }));
    }
    side
}

/// Members of alliance `a` count value in different units: their values cannot be summed.
pub(super) fn value_units_differ(ms: &MultiScenario, a: usize) -> Option<EngineError> {
    let sides = &ms.scenario.sides;
    let members = &ms.alliances[a].members;
    let first = sides.get(*members.first()?)?;
    let (m, other) = members
        .iter()
        .enumerate()
        .filter_map(|(m, &s)| sides.get(s).map(|side| (m, side)))
        .find(|(_, side)| side.value.unit != first.value.unit)?;
    Some(EngineError::rule(
        format!("alliance[{a}].members[{m}]"),
        format!(
            "side `{}` counts value in {} but `{}` in {}: an alliance sums its members' value, so they need one unit",
            other.name,
            other.value.unit.name(),
            first.name,
            first.value.unit.name()
        ),
    ))
}
