//! Best response: the cheapest combination of a side's response options that restores its
//! position after the other side's move (docs/action-reaction.md, "Best response and the race").
//!
//! The search is exact by construction where it finishes: combinations are tried in order of
//! cost, so the first one that restores the position is the cheapest (no assumption about how
//! the position changes with forces). When the evaluation budget runs out first, a greedy search
//! gives a restoring combination, and the cost of the first untried combination is a lower
//! bound on the optimum: the reported gap is the difference.

use crate::error::EngineError;
use crate::exchange::{self, CurveDetail, ExchangePosture};
use crate::limits;
use crate::model::{self, Scenario};
use crate::params;
use crate::stability::{self, AnalysisOptions, IndexReport};

/// What a side holds on to when the other moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// C2: its cost when the other strikes first (lower is better).
    StruckCost,
    /// Its ratio C1 / C2, capped at 1 (higher is better).
    Ratio,
    /// Its retaliation after absorbing the other's first strike: weapons arriving on the other's
    /// value, in the other's value unit (higher is better).
    Retaliation,
}

impl Position {
    pub const ALL: [Position; 3] = [Self::StruckCost, Self::Ratio, Self::Retaliation];

    pub fn name(self) -> &'static str {
        match self {
            Self::StruckCost => "struck-cost",
            Self::Ratio => "ratio",
            Self::Retaliation => "retaliation",
        }
    }

    pub fn higher_is_better(self) -> bool {
        self != Self::StruckCost
    }

    /// How much better `value` is than `reference` (negative: worse).
    pub fn gain(self, value: f64, reference: f64) -> f64 {
        if self.higher_is_better() {
            value - reference
        } else {
            reference - value
        }
    }

    /// Whether `value` is at least as good as `target`, allowing a share `tolerance` of the
    /// target's size (rounding in the exchange must not draw a response).
    pub fn holds(self, value: f64, target: f64, tolerance: f64) -> bool {
        self.gain(value, target) >= -(tolerance * target.abs() + 1e-12)
    }

    /// The side's position in a finished analysis.
    pub fn in_report(self, report: &IndexReport, side: usize) -> f64 {
        match self {
            Self::StruckCost => report.sides[side].cost_struck_first,
            Self::Ratio => report.sides[side].ratio,
            Self::Retaliation => report.stops[1 - side].arriving_on_striker,
        }
    }
}

/// One option of a response menu: add `step` to the number at `path`, up to `cap`, at `cost`
/// (in the menu's unit) per step.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseOption {
    pub name: String,
    /// The side that can take it (index).
    pub side: usize,
    /// A field path of [`crate::params`].
    pub path: String,
    pub step: f64,
    /// The highest value the field may reach.
    pub cap: f64,
    pub cost: f64,
}

/// Both sides' response options, with one cost unit.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseMenu {
    pub name: String,
    pub cost_unit: String,
    pub options: Vec<ResponseOption>,
}

impl ResponseMenu {
    /// Indices (into `options`) of a side's options, in menu order.
    pub fn of_side(&self, side: usize) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&k| self.options[k].side == side)
            .collect()
    }
}

/// How a response is judged and how long the search may run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Search {
    pub position: Position,
    pub analysis: AnalysisOptions,
    /// A share of the target a position may fall short by and still count as restored.
    pub tolerance: f64,
    /// Positions evaluated in cost order before the greedy search takes over.
    pub max_evaluations: usize,
}

impl Search {
    pub fn new(position: Position, analysis: AnalysisOptions) -> Self {
        Self {
            position,
            analysis,
            tolerance: DEFAULT_TOLERANCE,
            max_evaluations: DEFAULT_EVALUATIONS,
        }
    }
}

/// 0.1 %: below the precision of any input, above rounding in the exchange.
pub const DEFAULT_TOLERANCE: f64 = 1e-3;
/// About 0.2 s on us-russia-2021 (one exchange per evaluation).
pub const DEFAULT_EVALUATIONS: usize = 400;
/// Menus with more combinations than this are searched greedily from the start.
pub const ENUMERATION_LIMIT: usize = 200_000;

/// How the response was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Method {
    /// The cheapest restoring combination (every cheaper one was evaluated).
    Exact,
    /// A greedy search; the optimum costs at least `lower_bound`.
    Search { lower_bound: f64 },
    /// No combination found restores the position: the response is the whole remaining menu.
    /// `exhaustive`: every combination was evaluated (proven); else the searches found none.
    CannotRestore { exhaustive: bool },
}

/// A side's best response to the scenario it faces.
#[derive(Debug, Clone, PartialEq)]
pub struct BestResponse {
    pub side: usize,
    /// The position to restore.
    pub target: f64,
    /// The position before responding.
    pub before: f64,
    /// The position after responding.
    pub after: f64,
    /// (option index into the menu, steps taken), for every option of the side.
    pub steps: Vec<(usize, u32)>,
    pub cost: f64,
    pub method: Method,
    /// Positions evaluated.
    pub evaluations: usize,
    /// The scenario with the response applied.
    pub scenario: Scenario,
}

impl BestResponse {
    /// No option taken: the position held.
    pub fn is_none(&self) -> bool {
        self.steps.iter().all(|&(_, n)| n == 0)
    }

    pub fn restored(&self) -> bool {
        !matches!(self.method, Method::CannotRestore { .. })
    }

    /// Cost above the proven lower bound (0 when exact).
    pub fn gap(&self) -> f64 {
        match self.method {
            Method::Search { lower_bound } => (self.cost - lower_bound).max(0.0),
            _ => 0.0,
        }
    }
}

/// The position of `side` in `scenario` (one exchange for C2 and retaliation, both for the ratio).
pub fn position_of(scenario: &Scenario, side: usize, search: &Search) -> Result<f64, EngineError> {
    check_two_sides(scenario)?;
    let analysis = search.analysis;
    if search.position == Position::Ratio {
        let report = stability::analyze_index(scenario, analysis)?;
        return Ok(report.sides[side].ratio);
    }
    let other = 1 - side;
    let posture = ExchangePosture {
        striker_alert: analysis.alert[other],
        victim_alert: analysis.alert[side],
        victim_launches_under_attack: analysis.launch_under_attack[side],
    };
    let strike =
        exchange::first_strike(scenario, other, side, posture, false, CurveDetail::StopOnly)?;
    let stop = strike.at_stop();
    Ok(match search.position {
        Position::StruckCost => stop.cost_to_victim,
        _ => stop.arriving_on_striker,
    })
}

pub(crate) fn check_two_sides(scenario: &Scenario) -> Result<(), EngineError> {
    if scenario.sides.len() == 2 {
        return Ok(());
    }
    Err(EngineError::rule(
        "side",
        format!(
            "a best response is between exactly 2 sides; this scenario has {}",
            scenario.sides.len()
        ),
    ))
}

/// `scenario` with `steps[i]` steps of option `chosen[i]` added, validated.
pub fn apply_steps(
    scenario: &Scenario,
    menu: &ResponseMenu,
    chosen: &[usize],
    steps: &[u32],
) -> Result<Scenario, EngineError> {
    let mut out = scenario.clone();
    for (&k, &n) in chosen.iter().zip(steps).filter(|&(_, &n)| n > 0) {
        let option = &menu.options[k];
        let (value, _) = params::get_field(&out, &option.path)?;
        let raised = (value + f64::from(n) * option.step).min(option.cap);
        params::set_field(&mut out, &option.path, raised)?;
    }
    validate_any_sides(&out)?;
    Ok(out)
}

/// The two-side checks on two sides, the N-side ones (up to their side limit) on more.
fn validate_any_sides(scenario: &Scenario) -> Result<(), EngineError> {
    let checked = if scenario.sides.len() == 2 {
        model::validate(scenario)
    } else {
        model::validate_sides(scenario, limits::size::MULTILATERAL_SIDES)
    };
    checked.map_err(|mut errors| errors.swap_remove(0))
}

/// Steps of each option that fit under its cap in `scenario`.
pub fn room(
    scenario: &Scenario,
    menu: &ResponseMenu,
    chosen: &[usize],
) -> Result<Vec<u32>, EngineError> {
    chosen
        .iter()
        .map(|&k| {
            let option = &menu.options[k];
            let (value, _) = params::get_field(scenario, &option.path)?;
            let steps = ((option.cap - value) / option.step + 1e-9).floor();
            Ok(steps.clamp(0.0, f64::from(u32::MAX)) as u32)
        })
        .collect()
}

/// The cheapest response of `side` to `scenario` that brings its position back to `target`.
pub fn best_response(
    scenario: &Scenario,
    menu: &ResponseMenu,
    side: usize,
    target: f64,
    search: &Search,
) -> Result<BestResponse, EngineError> {
    check_two_sides(scenario)?;
    let chosen = menu.of_side(side);
    if chosen.is_empty() {
        return Err(EngineError::rule(
            "option",
            format!(
                "the response menu has no option for side `{}`: a best response needs at least one",
                scenario.sides[side].name
            ),
        ));
    }
    let position = |s: &Scenario| position_of(s, side, search);
    let responder = Responder {
        index: side,
        options: chosen,
    };
    best_response_by(scenario, menu, &responder, target, search, &position)
}

/// Who responds: an index to report (a side, or an N-side actor) and the menu options it may
/// take (indices into the menu, in menu order).
#[derive(Debug, Clone, PartialEq)]
pub struct Responder {
    pub index: usize,
    pub options: Vec<usize>,
}

/// A responder's position in a scenario (higher or lower is better as `Search::position` says).
pub type PositionFn<'a> = dyn Fn(&Scenario) -> Result<f64, EngineError> + 'a;

/// The cheapest combination of `responder`'s options that brings `position` back to `target`:
/// the search of [`best_response`] over any position function (the N-side race passes one that
/// reads an actor's position off the N-side analysis). `search.analysis` is not read here.
pub fn best_response_by(
    scenario: &Scenario,
    menu: &ResponseMenu,
    responder: &Responder,
    target: f64,
    search: &Search,
    position: &PositionFn,
) -> Result<BestResponse, EngineError> {
    let chosen = responder.options.clone();
    let mut solver = Solver {
        scenario,
        menu,
        side: responder.index,
        position,
        target,
        search,
        room: room(scenario, menu, &chosen)?,
        chosen,
        evaluations: 0,
    };
    solver.solve()
}

/// How the search in cost order ended.
enum Ordered {
    /// The cheapest restoring combination and its position.
    Found(Vec<u32>, f64),
    /// Every combination was evaluated; none restores.
    NoneRestores,
    /// The budget ran out; every combination cheaper than `lower_bound` falls short.
    OutOfBudget { lower_bound: f64 },
}

/// One best-response problem and its evaluation count.
struct Solver<'a> {
    scenario: &'a Scenario,
    menu: &'a ResponseMenu,
    side: usize,
    position: &'a PositionFn<'a>,
    target: f64,
    search: &'a Search,
    chosen: Vec<usize>,
    room: Vec<u32>,
    evaluations: usize,
}

impl Solver<'_> {
    fn solve(&mut self) -> Result<BestResponse, EngineError> {
        let none = vec![0; self.chosen.len()];
        let before = self.evaluate(&none)?;
        if self.holds(before) {
            return self.answer(none, before, before, Method::Exact);
        }
        match self.in_cost_order()? {
            Ordered::Found(steps, after) => self.answer(steps, before, after, Method::Exact),
            Ordered::NoneRestores => {
                let most = self.room.clone();
                let after = self.evaluate(&most)?;
                let method = Method::CannotRestore { exhaustive: true };
                self.answer(most, before, after, method)
            }
            Ordered::OutOfBudget { lower_bound } => {
                let (steps, after) = self.greedy(before)?;
                let method = if self.holds(after) {
                    Method::Search { lower_bound }
                } else {
                    Method::CannotRestore { exhaustive: false }
                };
                self.answer(steps, before, after, method)
            }
        }
    }

    fn holds(&self, value: f64) -> bool {
        self.search
            .position
            .holds(value, self.target, self.search.tolerance)
    }

    fn evaluate(&mut self, steps: &[u32]) -> Result<f64, EngineError> {
        self.evaluations += 1;
        let changed = apply_steps(self.scenario, self.menu, &self.chosen, steps)?;
        (self.position)(&changed)
    }

    fn cost(&self, steps: &[u32]) -> f64 {
        self.chosen
            .iter()
            .zip(steps)
            .map(|(&k, &n)| self.menu.options[k].cost * f64::from(n))
            .sum()
    }

    /// Combinations in cost order until one restores or the budget runs out.
    fn in_cost_order(&mut self) -> Result<Ordered, EngineError> {
        let Some(combinations) = self.combinations() else {
            let lower_bound = self.cheapest_step();
            return Ok(Ordered::OutOfBudget { lower_bound });
        };
        // The first (no response) was evaluated already.
        for steps in combinations.iter().skip(1) {
            if self.evaluations >= self.search.max_evaluations {
                let lower_bound = self.cost(steps);
                return Ok(Ordered::OutOfBudget { lower_bound });
            }
            let value = self.evaluate(steps)?;
            if self.holds(value) {
                return Ok(Ordered::Found(steps.clone(), value));
            }
        }
        Ok(Ordered::NoneRestores)
    }

    /// Every combination, cheapest first (ties: fewer steps of earlier options), or `None`
    /// when there are more than [`ENUMERATION_LIMIT`].
    fn combinations(&self) -> Option<Vec<Vec<u32>>> {
        let count = self.room.iter().try_fold(1usize, |n, &r| {
            n.checked_mul(r as usize + 1)
                .filter(|&n| n <= ENUMERATION_LIMIT)
        })?;
        let mut all = Vec::with_capacity(count);
        let mut steps = vec![0u32; self.room.len()];
        loop {
            all.push(steps.clone());
            let Some(i) = (0..steps.len()).find(|&i| steps[i] < self.room[i]) else {
                break;
            };
            steps[i] += 1;
            steps[..i].iter_mut().for_each(|s| *s = 0);
        }
        let mut keyed: Vec<(f64, Vec<u32>)> = all.into_iter().map(|s| (self.cost(&s), s)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        Some(keyed.into_iter().map(|(_, s)| s).collect())
    }

    fn cheapest_step(&self) -> f64 {
        self.chosen
            .iter()
            .zip(&self.room)
            .filter(|&(_, &r)| r > 0)
            .map(|(&k, _)| self.menu.options[k].cost)
            .fold(f64::INFINITY, f64::min)
    }

    /// Adds the step with the largest gain per cost until the position holds, then drops steps
    /// that are not needed (most expensive first). Ends at every cap if nothing restores.
    fn greedy(&mut self, before: f64) -> Result<(Vec<u32>, f64), EngineError> {
        let mut steps = vec![0; self.chosen.len()];
        let mut value = before;
        while !self.holds(value) {
            let Some((i, next)) = self.best_step(&steps, value)? else {
                break;
            };
            steps[i] += 1;
            value = next;
        }
        if !self.holds(value) {
            steps = self.room.clone();
            value = self.evaluate(&steps)?;
        }
        self.trim(steps, value)
    }

    /// The option whose next step gains most per cost (or, if none gains, the cheapest), with
    /// the position it gives.
    fn best_step(
        &mut self,
        steps: &[u32],
        value: f64,
    ) -> Result<Option<(usize, f64)>, EngineError> {
        let mut best: Option<(usize, f64, f64)> = None;
        let open: Vec<usize> = (0..steps.len())
            .filter(|&i| steps[i] < self.room[i])
            .collect();
        for i in open {
            let mut trial = steps.to_vec();
            trial[i] += 1;
            let next = self.evaluate(&trial)?;
            let cost = self.menu.options[self.chosen[i]].cost;
            let score = self.search.position.gain(next, value) / cost - 1e-12 * cost;
            if best.is_none_or(|(_, _, s)| score > s) {
                best = Some((i, next, score));
            }
        }
        Ok(best.map(|(i, next, _)| (i, next)))
    }

    fn trim(
        &mut self,
        mut steps: Vec<u32>,
        mut value: f64,
    ) -> Result<(Vec<u32>, f64), EngineError> {
        let mut order: Vec<usize> = (0..steps.len()).collect();
        order.sort_by(|&a, &b| {
            let cost = |i: usize| self.menu.options[self.chosen[i]].cost;
            cost(b).total_cmp(&cost(a))
        });
        for i in order {
            while steps[i] > 0 {
                let mut fewer = steps.clone();
                fewer[i] -= 1;
                let v = self.evaluate(&fewer)?;
                if !self.holds(v) {
                    break;
                }
                (steps, value) = (fewer, v);
            }
        }
        Ok((steps, value))
    }

    fn answer(
        &self,
        steps: Vec<u32>,
        before: f64,
        after: f64,
        method: Method,
    ) -> Result<BestResponse, EngineError> {
        Ok(BestResponse {
            side: self.side,
            target: self.target,
            before,
            after,
            cost: self.cost(&steps),
            scenario: apply_steps(self.scenario, self.menu, &self.chosen, &steps)?,
            steps: self.chosen.iter().copied().zip(steps).collect(),
            method,
            evaluations: self.evaluations,
        })
    }
}
