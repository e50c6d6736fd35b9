//! `optimize`: the most stable posture of one side within a treaty's limits (grid, repair,
//! local search; docs/arms-control.md). Two sides: `reykjavik_report::optimize`; N sides (each
//! posture scored by the N-side analysis): `reykjavik_report::multilateral_optimize`. The best
//! posture as a scenario file is written into the scenario's own text (`best_toml`).

use std::ops::RangeInclusive;

use reykjavik_engine::arms_control::optimize::{self, Objective, SearchOptions, SearchResult};
use reykjavik_engine::arms_control::treaty::Treaty;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::multilateral::compare::RegimeReport;
use serde_json::Value;

use crate::{Error, Sides, computation};

/// Local searches a request may ask for.
pub const STARTS: RangeInclusive<u64> = 1..=64;
/// Coarse-grid points a request may ask for.
pub const GRID_BUDGET: RangeInclusive<u64> = 1..=100_000;
/// The multiple of its launchers an element may grow to.
pub const MAX_GROWTH: RangeInclusive<f64> = 1.0..=10.0;

/// A search to run: the scenario, the treaty, the engine's search options (side by index).
#[derive(Debug, Clone)]
pub struct Request {
    pub base: Sides,
    pub treaty: Treaty,
    pub options: SearchOptions,
}

/// The search's result with what its documents need.
pub enum Optimized {
    Two {
        request: Request,
        result: SearchResult,
    },
    N {
        request: Request,
        result: SearchResult<Vec<RegimeReport>>,
    },
}

/// Progress of the search: the stage and the postures evaluated so far.
pub type SearchProgress<'a> = &'a (dyn Fn(&str, usize) + Sync);

/// Runs the search (the N-side analysis scores every posture on N sides).
pub fn run(request: Request, progress: SearchProgress) -> Result<Optimized, Error> {
    let (treaty, options) = (&request.treaty, request.options);
    Ok(match &request.base {
        Sides::Two(s) => {
            let result = optimize::search(s, treaty, options, progress).map_err(computation)?;
            Optimized::Two { request, result }
        }
        Sides::N(ms) => {
            let result =
                reykjavik_engine::multilateral::optimize::search(ms, treaty, options, progress)
                    .map_err(computation)?;
            Optimized::N { request, result }
        }
    })
}

impl Optimized {
    /// The document of `optimize --format json`, without `scenario_toml` (see
    /// [`Optimized::json_with_toml`]).
    pub fn json(&self) -> Value {
        match self {
            Self::Two { request, result } => {
                reykjavik_report::optimize::json(&two_side_report(request, result))
            }
            Self::N { request, result } => {
                reykjavik_report::multilateral_optimize::json(&n_side_report(request, result))
            }
        }
    }

    /// The document with the best posture's scenario file as `scenario_toml`.
    pub fn json_with_toml(&self, toml: &str) -> Value {
        let mut value = self.json();
        value["scenario_toml"] = Value::String(toml.to_string());
        value
    }

    /// The text report.
    pub fn text(&self) -> String {
        match self {
            Self::Two { request, result } => {
                reykjavik_report::optimize::text(&two_side_report(request, result))
            }
            Self::N { request, result } => {
                reykjavik_report::multilateral_optimize::text(&n_side_report(request, result))
            }
        }
    }

    /// The scenario's own text (`source`, named `label` in messages) with the best launchers and
    /// loadings written in, under a comment naming the side.
    pub fn best_toml(&self, source: &str, label: &str) -> Result<String, Error> {
        match self {
            Self::Two { request, result } => best_toml(source, label, request, result),
            Self::N { request, result } => best_toml(source, label, request, result),
        }
    }
}

fn two_side_report<'a>(
    request: &'a Request,
    result: &'a SearchResult,
) -> reykjavik_report::optimize::Report<'a> {
    reykjavik_report::optimize::Report {
        scenario: request.base.scenario(),
        treaty: &request.treaty,
        side: request.options.side,
        objective: request.options.objective,
        seed: request.options.seed,
        max_growth: request.options.max_growth,
        result,
    }
}

fn n_side_report<'a>(
    request: &'a Request,
    result: &'a SearchResult<Vec<RegimeReport>>,
) -> reykjavik_report::multilateral_optimize::NSideReport<'a> {
    let Sides::N(ms) = &request.base else {
        unreachable!("an N-side result comes from an N-side request")
    };
    reykjavik_report::multilateral_optimize::NSideReport {
        ms,
        treaty: &request.treaty,
        side: request.options.side,
        objective: request.options.objective,
        seed: request.options.seed,
        max_growth: request.options.max_growth,
        result,
    }
}

fn best_toml<R>(
    source: &str,
    label: &str,
    request: &Request,
    result: &SearchResult<R>,
) -> Result<String, Error> {
    let scenario = request.base.scenario();
    let side = request.options.side;
    let mut edits = vec![(
        "scenario.name".to_string(),
        format!("\"{}-optimized\"", scenario.name),
    )];
    for (v, (launchers, warheads)) in result.variables.iter().zip(&result.best.posture) {
        let at = format!("side[{side}].force[{}]", v.element);
        edits.push((format!("{at}.launchers"), launchers.to_string()));
        edits.push((format!("{at}.warheads_per_launcher"), warheads.to_string()));
    }
    let text = reykjavik_scenario::rewrite_fields(source, label, &edits)
        .map_err(|e| Error::Computation(format!("cannot write the best posture: {e}")))?;
    Ok(format!(
        "# The posture of side `{}` found by `reykjavik optimize` (every other number as in {}).\n{text}",
        scenario.sides[side].name, scenario.name
    ))
}

/// The side searched, by name or index from 0; on N sides an alliance is refused (the search
/// varies one side's posture).
pub fn side_index(base: &Sides, given: &str) -> Result<usize, Error> {
    if let Sides::N(ms) = base {
        refuse_alliance(ms, given)?;
    }
    let scenario = base.scenario();
    given
        .parse::<usize>()
        .ok()
        .filter(|&i| i < scenario.sides.len())
        .or_else(|| scenario.sides.iter().position(|s| s.name == given))
        .ok_or_else(|| {
            Error::Input(format!(
                "--side {given}: no such side (sides: {})",
                side_names(scenario)
            ))
        })
}

fn side_names(scenario: &Scenario) -> String {
    let names: Vec<&str> = scenario.sides.iter().map(|s| s.name.as_str()).collect();
    names.join(", ")
}

fn refuse_alliance(ms: &MultiScenario, given: &str) -> Result<(), Error> {
    let Some(alliance) = ms.alliances.iter().find(|a| a.name == given) else {
        return Ok(());
    };
    let members: Vec<&str> = alliance
        .members
        .iter()
        .map(|&m| ms.scenario.sides[m].name.as_str())
        .collect();
    Err(Error::Input(format!(
        "--side {given}: `optimize` varies the posture of one side, not of an alliance (the alliance plans as one actor, but each member's forces are its own); name a member: {}",
        members.join(", ")
    )))
}

/// An objective by its word: `index`, `ratio` or `struck-cost`.
pub fn objective(word: &str) -> Result<Objective, Error> {
    match word {
        "index" => Ok(Objective::Index),
        "ratio" => Ok(Objective::Ratio),
        "struck-cost" => Ok(Objective::StruckCost),
        other => Err(Error::Input(format!(
            "objective `{other}`: unknown (valid: index, ratio, struck-cost)"
        ))),
    }
}

/// The search settings a face was given, checked against [`STARTS`], [`GRID_BUDGET`] and
/// [`MAX_GROWTH`].
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub side: usize,
    pub objective: Objective,
    pub seed: u64,
    pub starts: u64,
    pub grid_budget: u64,
    pub max_growth: f64,
    pub min_warheads: Option<u64>,
}

impl Settings {
    /// The engine's options, or the first setting out of range.
    pub fn options(self) -> Result<SearchOptions, Error> {
        let out_of = |name: &str, value: String, valid: String| {
            Error::Input(format!("--{name} {value}: out of range (valid: {valid})"))
        };
        if !(self.max_growth.is_finite() && MAX_GROWTH.contains(&self.max_growth)) {
            let valid = format!("{} to {}", MAX_GROWTH.start(), MAX_GROWTH.end());
            return Err(out_of("max-growth", self.max_growth.to_string(), valid));
        }
        for (name, value, range) in [
            ("starts", self.starts, &STARTS),
            ("grid-budget", self.grid_budget, &GRID_BUDGET),
        ] {
            if !range.contains(&value) {
                let valid = format!("{} to {}", range.start(), range.end());
                return Err(out_of(name, value.to_string(), valid));
            }
        }
        Ok(SearchOptions {
            side: self.side,
            objective: self.objective,
            seed: self.seed,
            starts: self.starts as usize,
            grid_budget: self.grid_budget as usize,
            max_growth: self.max_growth,
            min_warheads: self.min_warheads,
        })
    }
}
