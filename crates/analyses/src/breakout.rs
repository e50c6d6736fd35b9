//! `breakout`: months to weapons-grade material for a case at its central values, with Monte
//! Carlo over its uncertain inputs and the solver for one field (docs/breakout.md); the
//! documents are `reykjavik_report::breakout`.

use reykjavik_fissile::FissileError;
use reykjavik_fissile::case::Case;
use reykjavik_fissile::plutonium::{self, PlutoniumResult};
use reykjavik_fissile::{breakout, montecarlo, solve};
use reykjavik_report::breakout::{MonteCarlo, Report};
use serde_json::Value;

use crate::Error;

/// Most Monte Carlo trials of one run.
pub const MAX_TRIALS: u64 = 10_000_000;

/// Monte Carlo over every uncertain input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trials {
    pub trials: u64,
    pub seed: u64,
}

/// The solver: the value of `field` (a path such as `plant[0].machines`) that gives a breakout
/// in `target_months`.
#[derive(Debug, Clone, PartialEq)]
pub struct Solve {
    pub field: String,
    pub target_months: f64,
}

/// A breakout to compute: the case loaded, `label` naming where it came from.
#[derive(Debug, Clone)]
pub struct Request {
    pub case: Case,
    pub label: String,
    pub monte_carlo: Option<Trials>,
    pub solve: Option<Solve>,
}

/// The computed breakout, ready to render.
pub struct Computed<'a> {
    report: Report<'a>,
}

impl Computed<'_> {
    /// The document of `breakout --format json`.
    pub fn json(&self) -> Value {
        reykjavik_report::breakout::json(&self.report)
    }

    /// The text report.
    pub fn text(&self) -> String {
        reykjavik_report::breakout::text(&self.report)
    }
}

/// Computes the breakout at the central values, then the Monte Carlo run and the solver if
/// asked.
pub fn run(request: &Request) -> Result<Computed<'_>, Error> {
    let case = &request.case;
    let inputs = case.central();
    let report = Report {
        breakout: breakout::compute(case, &inputs),
        plutonium: inputs.plutonium.as_ref().map(plutonium::compute),
        monte_carlo: request
            .monte_carlo
            .map(|t| monte_carlo(case, t))
            .transpose()?,
        solution: request
            .solve
            .as_ref()
            .map(|s| solution(case, s))
            .transpose()?,
        case,
        label: request.label.clone(),
    };
    Ok(Computed { report })
}

fn monte_carlo(case: &Case, Trials { trials, seed }: Trials) -> Result<MonteCarlo, Error> {
    if !(1..=MAX_TRIALS).contains(&trials) {
        return Err(Error::Input(format!(
            "--trials {trials} is out of range (valid: 1 to {MAX_TRIALS})"
        )));
    }
    let results = montecarlo::run(case, trials, seed);
    let months: Vec<f64> = results.iter().filter_map(|t| t.months_to_first).collect();
    let pu: Vec<&PlutoniumResult> = results
        .iter()
        .filter_map(|t| t.plutonium.as_ref())
        .collect();
    let weapons: Vec<f64> = pu.iter().map(|p| f64::from(p.weapons_at_horizon)).collect();
    let kg_per_year: Vec<f64> = pu.iter().map(|p| p.produced_kg_per_year).collect();
    Ok(MonteCarlo {
        trials,
        seed,
        never: results.len() - months.len(),
        months: montecarlo::summarize(&months),
        plutonium_weapons: montecarlo::summarize(&weapons),
        plutonium_kg_per_year: montecarlo::summarize(&kg_per_year),
    })
}

fn solution(case: &Case, s: &Solve) -> Result<(String, f64, solve::Solution), Error> {
    let found = solve::solve(case, &s.field, s.target_months).map_err(fissile)?;
    Ok((s.field.clone(), s.target_months, found))
}

/// A fissile error: no solution is a result that does not exist; anything else (a wrong
/// field) is bad input.
pub fn fissile(e: FissileError) -> Error {
    match e {
        FissileError::NoSolution(m) => Error::Computation(m),
        other => Error::Input(other.to_string()),
    }
}
