//! Arms-race stability of a posture and Richardson reaction coefficients, both from the
//! best-response function (docs/action-reaction.md).
//!
//! Arms-race stability: for each side, every one-step move on the other side's menu is tried
//! and the side's best response to it costed; the response per unit of move cost, at the most
//! provocative move, says how hard the posture pushes the side to build.
//!
//! Richardson coefficients: dx/dt = k y - a x + g, dy/dt = l x - b y + h. Here k is side 0's
//! response (in menu cost units) per unit of side 1's build, l the reverse, by a forward
//! difference: the build is one step of every option of the builder's menu that has room, and
//! the response is the best response to it (0 with no build). One point of a step function, not
//! a derivative: the published fits of the US-Soviet race find the Richardson form weak.

use crate::error::EngineError;
use crate::model::Scenario;
use crate::reaction::best_response::{self, BestResponse, ResponseMenu, Search};

/// One move of the other side and the response it draws.
#[derive(Debug, Clone, PartialEq)]
pub struct Provocation {
    /// The mover's option (index into the menu): one step of it is the move.
    pub option: usize,
    pub move_cost: f64,
    pub response: BestResponse,
    /// Response cost per unit of move cost.
    pub per_unit: f64,
}

/// One side's exposure to the other's moves.
#[derive(Debug, Clone, PartialEq)]
pub struct SideExposure {
    /// The responding side.
    pub side: usize,
    /// One per option of the other side with room for a step, in menu order.
    pub provocations: Vec<Provocation>,
    /// Index into `provocations`: a move the side cannot answer first, else the largest
    /// response per unit (ties: the first). `None` when the other side has no move.
    pub most_provocative: Option<usize>,
}

impl SideExposure {
    pub fn worst(&self) -> Option<&Provocation> {
        self.most_provocative.map(|i| &self.provocations[i])
    }
}

/// Arms-race stability of `scenario`: each side's exposure to one-step moves of the other.
pub fn arms_race_stability(
    scenario: &Scenario,
    menu: &ResponseMenu,
    search: &Search,
) -> Result<[SideExposure; 2], EngineError> {
    best_response::check_two_sides(scenario)?;
    Ok([
        exposure(scenario, menu, 0, search)?,
        exposure(scenario, menu, 1, search)?,
    ])
}

fn exposure(
    scenario: &Scenario,
    menu: &ResponseMenu,
    side: usize,
    search: &Search,
) -> Result<SideExposure, EngineError> {
    let target = best_response::position_of(scenario, side, search)?;
    let moves = menu.of_side(1 - side);
    let room = best_response::room(scenario, menu, &moves)?;
    let mut provocations = Vec::new();
    for (&option, _) in moves.iter().zip(&room).filter(|&(_, &r)| r > 0) {
        let moved = best_response::apply_steps(scenario, menu, &[option], &[1])?;
        let response = best_response::best_response(&moved, menu, side, target, search)?;
        let move_cost = menu.options[option].cost;
        provocations.push(Provocation {
            option,
            move_cost,
            per_unit: response.cost / move_cost,
            response,
        });
    }
    let most_provocative = most_provocative(&provocations, |p| p);
    Ok(SideExposure {
        side,
        provocations,
        most_provocative,
    })
}

/// The index of the most provocative of `items` (each read as a provocation by `of`): an
/// unanswerable move first, then the largest response per unit; ties keep the first. Shared
/// with the N-side arms race.
pub(crate) fn most_provocative<T>(items: &[T], of: impl Fn(&T) -> &Provocation) -> Option<usize> {
    let rank = |i: usize| {
        let p = of(&items[i]);
        (u8::from(!p.response.restored()), p.per_unit)
    };
    (0..items.len()).reduce(|best, i| {
        let (a, b) = (rank(i), rank(best));
        if a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).is_gt() {
            i
        } else {
            best
        }
    })
}

/// Richardson reaction coefficients estimated around a scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReactionCoefficients {
    /// Side 0's response per unit of side 1's build.
    pub k: f64,
    /// Side 1's response per unit of side 0's build.
    pub l: f64,
    /// Cost of each side's build (one step of every option with room).
    pub build_cost: [f64; 2],
    /// Cost of each side's response to the other's build.
    pub response_cost: [f64; 2],
    /// Whether each response restored the side's position (else it is the whole menu and the
    /// coefficient a lower bound).
    pub restored: [bool; 2],
}

/// k and l by a forward difference of the best-response function (module docs).
pub fn reaction_coefficients(
    scenario: &Scenario,
    menu: &ResponseMenu,
    search: &Search,
) -> Result<ReactionCoefficients, EngineError> {
    best_response::check_two_sides(scenario)?;
    let mut build_cost = [0.0; 2];
    let mut response_cost = [0.0; 2];
    let mut restored = [true; 2];
    for responder in 0..2 {
        let builder = 1 - responder;
        let (moved, cost) = one_step_of_everything(scenario, menu, builder)?;
        let target = best_response::position_of(scenario, responder, search)?;
        let response = best_response::best_response(&moved, menu, responder, target, search)?;
        build_cost[builder] = cost;
        response_cost[responder] = response.cost;
        restored[responder] = response.restored();
    }
    Ok(ReactionCoefficients {
        k: response_cost[0] / build_cost[1],
        l: response_cost[1] / build_cost[0],
        build_cost,
        response_cost,
        restored,
    })
}

/// `scenario` after `builder` takes one step of every option with room, and its cost.
fn one_step_of_everything(
    scenario: &Scenario,
    menu: &ResponseMenu,
    builder: usize,
) -> Result<(Scenario, f64), EngineError> {
    let options = menu.of_side(builder);
    let room = best_response::room(scenario, menu, &options)?;
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
                "side `{}` has no response option with room below its cap, so its build (and k or l) is undefined",
                scenario.sides[builder].name
            ),
        ));
    }
    Ok((
        best_response::apply_steps(scenario, menu, &options, &steps)?,
        cost,
    ))
}
