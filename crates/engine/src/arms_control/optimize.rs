//! Posture search under a treaty: for one side, the deployed launchers and warheads per launcher
//! of each element that maximise an objective averaged over the four standard regimes, subject
//! to the treaty's limits.
//!
//! Method: a coarse grid over every element (exhaustive when small enough, else a seeded sample
//! of it), each point scaled up to the warhead floor, then coordinate search (single moves and
//! warhead transfers between elements, the best improving move of the first chunk of 16 that
//! has one) from the best grid points and from seeded
//! random feasible starts, with shrinking launcher steps. The spread of the local optima is the
//! evidence of quality: a heuristic, not a proof of global optimality.
//!
//! Constraints: the treaty's limits (declared counting) and a floor on the side's nuclear
//! warheads (default: the base's), so that the search changes the mix of forces and does not
//! disarm the side (no weapons is trivially "stable").
//!
//! Decision variables: elements whose launchers are the same at both alert postures (an element
//! whose launchers move to another at generated alert, as bombers to dispersal fields, is held
//! as it is). Launchers from 0 to `max_growth` times the current number (rounded down); warheads
//! per launcher from 1 to the element's `max_warheads_per_launcher` (default: as loaded).

use std::collections::HashMap;
use std::sync::Mutex;

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::arms_control::compare::{self, RegimeTerms};
use crate::arms_control::treaty::{self, Counting, Treaty};
use crate::error::EngineError;
use crate::model::Scenario;

/// What the search maximises, averaged over the four standard regimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Objective {
    /// The stability index r_A x r_B.
    #[default]
    Index,
    /// The side's own ratio C1 / C2 (its incentive not to strike first).
    Ratio,
    /// Minus the side's cost when struck first (C2): the least damage from the other's first
    /// strike.
    StruckCost,
}

impl Objective {
    pub fn name(self) -> &'static str {
        match self {
            Self::Index => "index",
            Self::Ratio => "ratio",
            Self::StruckCost => "struck-cost",
        }
    }
}

/// How the search is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    pub side: usize,
    pub objective: Objective,
    pub seed: u64,
    /// Local searches: from the best grid points and from random feasible postures.
    pub starts: usize,
    /// Most grid points evaluated; a larger grid is sampled.
    pub grid_budget: usize,
    /// Launchers of an element may grow to this multiple of the current number (>= 1).
    pub max_growth: f64,
    /// The side keeps at least this many nuclear warheads (as loaded, day-to-day alert), so the
    /// search changes the mix rather than disarming (a side with no weapons is trivially
    /// "stable"). `None`: the base's number.
    pub min_warheads: Option<u64>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            side: 0,
            objective: Objective::Index,
            seed: 1,
            starts: 6,
            grid_budget: 400,
            max_growth: 1.5,
            min_warheads: None,
        }
    }
}

/// One decision element: its index in the side and its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable {
    pub element: usize,
    pub max_launchers: u32,
    pub max_warheads: u32,
}

/// Launchers and warheads per launcher of each variable, in `variables` order.
pub type Posture = Vec<(u32, u32)>;

/// How a candidate scenario is scored: its results under the four standard regimes, and the
/// objective (larger is better) read off them. The search itself knows nothing of the model.
pub trait Scorer: Sync {
    /// The results under the four standard regimes.
    type Regimes: Clone + Send;
    fn regimes(&self, scenario: &Scenario) -> Result<Self::Regimes, EngineError>;
    fn score(&self, regimes: &Self::Regimes) -> f64;
}

/// The two-side scorer: [`compare::regimes`] and the objective as [`Objective`] defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TwoSide {
    pub side: usize,
    pub objective: Objective,
}

impl Scorer for TwoSide {
    type Regimes = Vec<RegimeTerms>;

    fn regimes(&self, scenario: &Scenario) -> Result<Vec<RegimeTerms>, EngineError> {
        compare::regimes(scenario)
    }

    fn score(&self, regimes: &Vec<RegimeTerms>) -> f64 {
        let s = self.side;
        let value = |r: &RegimeTerms| match self.objective {
            Objective::Index => r.index,
            Objective::Ratio => r.sides[s].ratio,
            Objective::StruckCost => -r.sides[s].cost_struck_first,
        };
        regimes.iter().map(value).sum::<f64>() / regimes.len() as f64
    }
}

/// A posture with its objective and regime results.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated<R = Vec<RegimeTerms>> {
    pub posture: Posture,
    pub score: f64,
    pub regimes: R,
}

/// The result and the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult<R = Vec<RegimeTerms>> {
    pub variables: Vec<Variable>,
    /// The floor on the side's nuclear warheads that the search kept.
    pub min_warheads: u64,
    pub base: Evaluated<R>,
    pub best: Evaluated<R>,
    /// The scenario with the best posture.
    pub scenario: Scenario,
    pub grid_points: usize,
    /// Whether the grid was searched exhaustively (else a seeded sample of `grid_points`).
    pub grid_exhaustive: bool,
    pub grid_feasible: usize,
    /// The best objective on the grid (`None`: no grid point met the limits and the floor).
    pub grid_best: Option<f64>,
    /// The objective at the local optimum reached from each start, in start order.
    pub local_optima: Vec<f64>,
    pub evaluations: usize,
}

/// The decision variables of a side.
pub fn variables(scenario: &Scenario, side: usize, max_growth: f64) -> Vec<Variable> {
    scenario.sides[side]
        .forces
        .iter()
        .enumerate()
        .filter(|(_, f)| f.generated_launchers.is_none() && f.launchers > 0)
        .map(|(k, f)| Variable {
            element: k,
            max_launchers: (f64::from(f.launchers) * max_growth).floor() as u32,
            max_warheads: f
                .accountability
                .max_warheads_per_launcher
                .unwrap_or(f.warheads_per_launcher)
                .max(f.warheads_per_launcher),
        })
        .collect()
}

struct Search<'a, S: Scorer> {
    scenario: &'a Scenario,
    treaty: &'a Treaty,
    scorer: &'a S,
    options: SearchOptions,
    min_warheads: u64,
    variables: Vec<Variable>,
    cache: Mutex<HashMap<Posture, Option<f64>>>,
}

impl<S: Scorer> Search<'_, S> {
    fn with_posture(&self, posture: &Posture) -> Scenario {
        let mut s = self.scenario.clone();
        let side = &mut s.sides[self.options.side];
        for (v, &(launchers, warheads)) in self.variables.iter().zip(posture) {
            side.forces[v.element].launchers = launchers;
            side.forces[v.element].warheads_per_launcher = warheads;
        }
        s
    }

    fn feasible(&self, scenario: &Scenario) -> bool {
        let side = &scenario.sides[self.options.side];
        side.nuclear_warheads() >= self.min_warheads
            && treaty::count(self.treaty, side, Counting::Declared).complies()
    }

    /// The objective, or `None` for an infeasible posture or one without a defined result.
    fn evaluate(&self, posture: &Posture) -> Option<f64> {
        if let Some(known) = self.cache.lock().ok()?.get(posture) {
            return *known;
        }
        let scenario = self.with_posture(posture);
        let score = if self.feasible(&scenario) {
            let scorer = self.scorer;
            scorer.regimes(&scenario).ok().map(|r| scorer.score(&r))
        } else {
            None
        };
        self.cache.lock().ok()?.insert(posture.clone(), score);
        score
    }

    fn evaluate_all(&self, postures: &[Posture]) -> Vec<Option<f64>> {
        postures.par_iter().map(|p| self.evaluate(p)).collect()
    }

    /// Levels per variable: launchers 0, half, all (of the cap); warheads 1 and the most.
    fn grid_levels(&self, v: &Variable) -> Vec<(u32, u32)> {
        let mut launchers = vec![0, v.max_launchers / 2, v.max_launchers];
        launchers.dedup();
        let mut warheads = vec![1, v.max_warheads];
        warheads.dedup();
        launchers
            .iter()
            .flat_map(|&l| warheads.iter().map(move |&w| (l, w)))
            .collect()
    }

    /// The whole grid if it fits the budget, else a seeded sample of it.
    fn grid(&self, rng: &mut ChaCha8Rng) -> (Vec<Posture>, bool) {
        let levels: Vec<Vec<(u32, u32)>> =
            self.variables.iter().map(|v| self.grid_levels(v)).collect();
        let size = levels
            .iter()
            .try_fold(1usize, |n, l| n.checked_mul(l.len()))
            .unwrap_or(usize::MAX);
        if size <= self.options.grid_budget {
            let mut all: Vec<Posture> = vec![vec![]];
            for level in &levels {
                all = all
                    .iter()
                    .flat_map(|p| {
                        level.iter().map(move |&x| {
                            let mut q = p.clone();
                            q.push(x);
                            q
                        })
                    })
                    .collect();
            }
            return (all, true);
        }
        let sample = (0..self.options.grid_budget)
            .map(|_| {
                levels
                    .iter()
                    .map(|l| l[below(rng, l.len() as u64) as usize])
                    .collect()
            })
            .collect();
        (sample, false)
    }

    fn random_posture(&self, rng: &mut ChaCha8Rng) -> Posture {
        self.variables
            .iter()
            .map(|v| {
                (
                    below(rng, u64::from(v.max_launchers) + 1) as u32,
                    1 + below(rng, u64::from(v.max_warheads)) as u32,
                )
            })
            .collect()
    }

    fn neighbours(&self, posture: &Posture, step: u32) -> Vec<Posture> {
        let mut out = Vec::new();
        for (i, v) in self.variables.iter().enumerate() {
            let (l, w) = posture[i];
            let mut push = |l: u32, w: u32| {
                let mut q = posture.clone();
                q[i] = (l, w);
                out.push(q);
            };
            if l >= step {
                push(l - step, w);
            }
            if l + step <= v.max_launchers {
                push(l + step, w);
            }
            if w > 1 {
                push(l, w - 1);
            }
            if w < v.max_warheads {
                push(l, w + 1);
            }
        }
        self.transfers(posture, step, &mut out);
        out
    }

    /// Warheads moved between elements at a constant total: `step` launchers fewer on one
    /// element, as many more on another as carry their warheads. Single moves alone stall when
    /// the floor and the treaty's warhead limit leave a narrow band.
    fn transfers(&self, posture: &Posture, step: u32, out: &mut Vec<Posture>) {
        for (i, from) in posture.iter().enumerate() {
            if from.0 < step {
                continue;
            }
            for (j, to) in posture.iter().enumerate() {
                let added = (step * from.1).div_ceil(to.1);
                if i == j || to.0 + added > self.variables[j].max_launchers {
                    continue;
                }
                let mut q = posture.clone();
                q[i].0 -= step;
                q[j].0 += added;
                out.push(q);
            }
        }
    }

    /// The posture with every launcher count scaled by one factor (rounded up, within the caps)
    /// so that the side has at least the floor of warheads; `None` if the caps do not allow it.
    fn repair(&self, posture: Posture) -> Option<Posture> {
        let side = &self.scenario.sides[self.options.side];
        let held: u64 = side
            .forces
            .iter()
            .enumerate()
            .filter(|(k, f)| f.is_nuclear() && !self.variables.iter().any(|v| v.element == *k))
            .map(|(_, f)| f.warheads())
            .sum();
        let decided = self.decided_warheads(&posture);
        let need = self.min_warheads.saturating_sub(held);
        if decided >= need {
            return Some(posture);
        }
        if decided == 0 {
            return None;
        }
        let factor = need as f64 / decided as f64;
        let mut repaired: Posture = self
            .variables
            .iter()
            .zip(posture)
            .map(|(v, (l, w))| {
                let scaled = (f64::from(l) * factor).ceil() as u32;
                (scaled.min(v.max_launchers), w)
            })
            .collect();
        // Rounding up overshoots; give back whole launchers while the floor still holds, so
        // the point is not pushed over a treaty's warhead limit by rounding alone.
        let mut surplus = self.decided_warheads(&repaired).saturating_sub(need);
        for (l, w) in repaired.iter_mut() {
            let back = (surplus / u64::from(*w)).min(u64::from(*l)) as u32;
            *l -= back;
            surplus -= u64::from(back) * u64::from(*w);
        }
        Some(repaired)
    }

    /// Nuclear warheads on the decision elements of a posture.
    fn decided_warheads(&self, posture: &Posture) -> u64 {
        let side = &self.scenario.sides[self.options.side];
        self.variables
            .iter()
            .zip(posture)
            .filter(|(v, _)| side.forces[v.element].is_nuclear())
            .map(|(_, &(l, w))| u64::from(l) * u64::from(w))
            .sum()
    }

    /// Coordinate search from `start`; the launcher step halves when no move improves.
    fn local_search(&self, start: Posture, start_score: f64) -> (Posture, f64) {
        let largest = self.variables.iter().map(|v| v.max_launchers).max();
        let mut step = (largest.unwrap_or(1) / 4).max(1);
        let (mut best, mut score) = (start, start_score);
        loop {
            let candidates = self.neighbours(&best, step);
            // The best of the first chunk (in a fixed order) that improves: far fewer
            // evaluations than the whole neighbourhood, and the same result on any thread count.
            let improving = candidates.chunks(CHUNK).find_map(|chunk| {
                let scores = self.evaluate_all(chunk);
                chunk
                    .iter()
                    .zip(scores)
                    .filter_map(|(p, s)| s.map(|s| (p, s)))
                    .filter(|(_, s)| *s > score + 1e-12)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(p, s)| (p.clone(), s))
            });
            match improving {
                Some((p, s)) => (best, score) = (p, s),
                None if step > 1 => step /= 2,
                None => return (best, score),
            }
        }
    }
}

/// Neighbours evaluated together in the local search.
const CHUNK: usize = 16;

/// A draw in 0..n (n > 0); the modulo bias is below 2^-40 for these small n.
fn below(rng: &mut ChaCha8Rng, n: u64) -> u64 {
    rng.next_u64() % n
}

/// Searches the side's posture, scored by the two-side regimes. `progress` gets a short stage
/// name and the evaluations so far.
pub fn search(
    scenario: &Scenario,
    treaty: &Treaty,
    options: SearchOptions,
    progress: &(dyn Fn(&str, usize) + Sync),
) -> Result<SearchResult, EngineError> {
    let scorer = TwoSide {
        side: options.side,
        objective: options.objective,
    };
    search_with(scenario, treaty, options, &scorer, progress)
}

/// Searches the side's posture of `scenario` (the other sides held as they are), each candidate
/// scored by `scorer`; `options.objective` is read by the scorer only.
pub fn search_with<S: Scorer>(
    scenario: &Scenario,
    treaty: &Treaty,
    options: SearchOptions,
    scorer: &S,
    progress: &(dyn Fn(&str, usize) + Sync),
) -> Result<SearchResult<S::Regimes>, EngineError> {
    check(scenario, &options)?;
    let variables = variables(scenario, options.side, options.max_growth);
    if variables.is_empty() {
        return Err(EngineError::rule(
            format!("side[{}]", options.side),
            "no element to optimise: every element has 0 launchers or moves launchers between alert postures",
        ));
    }
    let search = Search {
        scenario,
        treaty,
        scorer,
        options,
        min_warheads: options
            .min_warheads
            .unwrap_or_else(|| scenario.sides[options.side].nuclear_warheads()),
        variables,
        cache: Mutex::new(HashMap::new()),
    };
    let base_posture: Posture = search
        .variables
        .iter()
        .map(|v| {
            let f = &scenario.sides[options.side].forces[v.element];
            (f.launchers, f.warheads_per_launcher)
        })
        .collect();
    let base_regimes = scorer.regimes(scenario)?;
    let base_score = scorer.score(&base_regimes);
    let base_feasible = search.feasible(scenario);
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let (grid, exhaustive) = search.grid(&mut rng);
    // Each grid point scaled up to the warhead floor where the caps allow (duplicates are
    // evaluated once: the cache).
    let grid: Vec<Posture> = grid.into_iter().filter_map(|p| search.repair(p)).collect();
    progress("grid", 0);
    let grid_scores = search.evaluate_all(&grid);
    let mut ranked: Vec<(Posture, f64)> = grid
        .iter()
        .cloned()
        .zip(grid_scores)
        .filter_map(|(p, s)| s.map(|s| (p, s)))
        .collect();
    let grid_feasible = ranked.len();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let grid_best = ranked.first().map(|r| r.1);
    let starts = starting_points(
        &search,
        &ranked,
        &mut rng,
        base_feasible.then(|| (base_posture.clone(), base_score)),
    );
    let mut local_optima = Vec::new();
    let mut best: Option<(Posture, f64)> = None;
    for (k, (start, score)) in starts.into_iter().enumerate() {
        let cached = search.cache.lock().map(|c| c.len()).unwrap_or(0);
        progress(&format!("local search {}", k + 1), cached);
        let (p, s) = search.local_search(start, score);
        local_optima.push(s);
        if best.as_ref().is_none_or(|b| s > b.1) {
            best = Some((p, s));
        }
    }
    let (best_posture, _) = best.ok_or_else(|| {
        EngineError::Undefined("no posture of this side meets every treaty limit".into())
    })?;
    let best_scenario = search.with_posture(&best_posture);
    let best_regimes = scorer.regimes(&best_scenario)?;
    let evaluations = search.cache.lock().map(|c| c.len()).unwrap_or(0);
    Ok(SearchResult {
        variables: search.variables.clone(),
        min_warheads: search.min_warheads,
        base: Evaluated {
            posture: base_posture,
            score: base_score,
            regimes: base_regimes,
        },
        best: Evaluated {
            posture: best_posture,
            score: scorer.score(&best_regimes),
            regimes: best_regimes,
        },
        scenario: best_scenario,
        grid_points: grid.len(),
        grid_exhaustive: exhaustive,
        grid_feasible,
        grid_best,
        local_optima,
        evaluations,
    })
}

fn check(scenario: &Scenario, options: &SearchOptions) -> Result<(), EngineError> {
    if options.side >= scenario.sides.len() {
        return Err(EngineError::rule("side", "no such side"));
    }
    if !(options.max_growth.is_finite() && (1.0..=10.0).contains(&options.max_growth)) {
        return Err(EngineError::invalid(
            "max_growth",
            options.max_growth,
            "1 to 10",
        ));
    }
    if options.starts == 0 || options.grid_budget == 0 {
        return Err(EngineError::rule(
            "starts",
            "at least one start and one grid point",
        ));
    }
    Ok(())
}

/// The base (if it meets the limits), the best distinct grid points, then seeded random
/// feasible postures, up to `starts` in all.
fn starting_points<S: Scorer>(
    search: &Search<'_, S>,
    ranked: &[(Posture, f64)],
    rng: &mut ChaCha8Rng,
    base: Option<(Posture, f64)>,
) -> Vec<(Posture, f64)> {
    let n = search.options.starts;
    let mut starts: Vec<(Posture, f64)> = base.into_iter().collect();
    let from_grid = n.div_ceil(2);
    starts.extend(ranked.iter().take(from_grid).cloned());
    let mut tries = 0;
    while starts.len() < n && tries < 50 * n {
        tries += 1;
        let Some(p) = search.repair(search.random_posture(rng)) else {
            continue;
        };
        if let Some(s) = search.evaluate(&p) {
            starts.push((p, s));
        }
    }
    starts.truncate(n.max(1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_stay_within_bounds() {
        let treaty = Treaty {
            name: String::new(),
            description: String::new(),
            sources: vec![],
            classes: vec![],
            limits: vec![],
        };
        let scenario = Scenario {
            name: String::new(),
            description: String::new(),
            sides: vec![],
            options: Default::default(),
            uncertain: vec![],
        };
        let search = Search {
            scenario: &scenario,
            treaty: &treaty,
            scorer: &TwoSide {
                side: 0,
                objective: Objective::Index,
            },
            options: SearchOptions::default(),
            min_warheads: 0,
            variables: vec![Variable {
                element: 0,
                max_launchers: 10,
                max_warheads: 3,
            }],
            cache: Mutex::new(HashMap::new()),
        };
        // From (0, 1): only up-moves; from (10, 3): only down-moves.
        assert_eq!(
            search.neighbours(&vec![(0, 1)], 4),
            [vec![(4, 1)], vec![(0, 2)]]
        );
        assert_eq!(
            search.neighbours(&vec![(10, 3)], 4),
            [vec![(6, 3)], vec![(10, 2)]]
        );
        // Grid levels: launchers 0, 5, 10 by warheads 1 and 3.
        assert_eq!(search.grid_levels(&search.variables[0]).len(), 6);
    }
}
