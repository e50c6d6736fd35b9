//! Monte Carlo and sweeps for Python: the whole run, or one work unit of it (a trial range or a
//! grid-index range, `reykjavik_engine::work_units`), with the CLI's checks and caps first.

use crate::errors::Failure;
use reykjavik_analyses::sweep as sweep_analysis;
use reykjavik_engine::limits::{self, size};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{self, Planning, Trial};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_engine::sweep::{self, Axis};
use reykjavik_engine::work_units;

use crate::tables::{self, Columns};

fn computation(e: reykjavik_engine::EngineError) -> Failure {
    Failure::Computation(e.to_string())
}

pub fn planning(name: &str) -> Result<Planning, Failure> {
    match name {
        "fixed" => Ok(Planning::Fixed),
        "informed" => Ok(Planning::Informed),
        other => Err(Failure::Input(format!(
            "planning `{other}` is not known (valid: fixed, informed)"
        ))),
    }
}

/// The CLI's cap on trials for this scenario and planning.
pub fn check_trials(scenario: &Scenario, trials: u64, planning: Planning) -> Result<(), Failure> {
    let (most, why) = limits::max_trials(scenario, planning);
    if (1..=most).contains(&trials) {
        Ok(())
    } else {
        Err(Failure::Input(format!(
            "trials = {trials} is out of range (valid for this scenario: 1 to {most}; {why})"
        )))
    }
}

/// A Monte Carlo run as the CLI makes it: every trial of `0..trials`.
pub fn monte_carlo(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    trials: u64,
    seed: u64,
) -> Result<Vec<Trial>, Failure> {
    check_trials(scenario, trials, planning)?;
    montecarlo::run(scenario, options, planning, trials, seed, &|_| {}).map_err(computation)
}

/// Trials `start..stop` of a run of `total` trials, as a trial table.
pub fn trial_unit(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    seed: u64,
    (total, start, stop): (u64, u64, u64),
) -> Result<Columns, Failure> {
    check_trials(scenario, total, planning)?;
    if start > stop || stop > total {
        return Err(Failure::Input(format!(
            "trial range {start}..{stop} is not within the run of {total} trials (valid: start <= stop <= {total})"
        )));
    }
    let trials =
        work_units::trials(scenario, options, planning, seed, start..stop).map_err(computation)?;
    Ok(tables::trials_table(scenario, &trials, start))
}

/// An axis as Python gives it.
pub enum AxisSpec {
    /// `PATH=START:STOP:STEPS`, the CLI's `--vary`.
    Text(String),
    Linear(String, f64, f64, usize),
    Values(String, Vec<f64>),
}

impl AxisSpec {
    pub fn axis(self) -> Result<Axis, Failure> {
        match self {
            Self::Text(text) => parse_axis(&text),
            Self::Linear(path, start, stop, steps) => linear(&path, start, stop, steps),
            Self::Values(path, values) => {
                if values.is_empty() || values.len() > size::SWEEP_STEPS {
                    return Err(Failure::Input(format!(
                        "axis {path}: {} values (valid: 1 to {})",
                        values.len(),
                        size::SWEEP_STEPS
                    )));
                }
                Ok(Axis { path, values })
            }
        }
    }
}

fn linear(path: &str, start: f64, stop: f64, steps: usize) -> Result<Axis, Failure> {
    if !(start.is_finite() && stop.is_finite()) {
        return Err(Failure::Input(format!(
            "axis {path}: START and STOP must be finite numbers"
        )));
    }
    if !(1..=size::SWEEP_STEPS).contains(&steps) {
        return Err(Failure::Input(format!(
            "axis {path}: STEPS = {steps} is out of range (valid: 1 to {})",
            size::SWEEP_STEPS
        )));
    }
    Ok(Axis::linear(path.trim(), start, stop, steps))
}

/// `PATH=START:STOP:STEPS` as `reykjavik sweep --vary` reads it.
fn parse_axis(text: &str) -> Result<Axis, Failure> {
    let bad = || {
        Failure::Input(format!(
            "axis {text}: expected PATH=START:STOP:STEPS, e.g. side[0].force[0].cep_m=100:300:11"
        ))
    };
    let (path, range) = text.rsplit_once('=').ok_or_else(bad)?;
    let parts: Vec<&str> = range.split(':').map(str::trim).collect();
    let [start, stop, steps] = parts.as_slice() else {
        return Err(bad());
    };
    let (Ok(start), Ok(stop), Ok(steps)) = (start.parse(), stop.parse(), steps.parse()) else {
        return Err(bad());
    };
    linear(path, start, stop, steps)
}

/// The grid's size after the CLI's checks: its cap for this scenario, paths and values.
pub fn check_sweep(scenario: &Scenario, axes: &[Axis]) -> Result<usize, Failure> {
    let points = sweep::size(axes);
    let (most, why) = limits::max_sweep_points(scenario);
    if points > most {
        return Err(Failure::Input(format!(
            "{points} grid points is too many for this scenario (valid: 1 to {most}; {why}); use fewer steps"
        )));
    }
    sweep::check_axes(scenario, axes).map_err(|e| Failure::Input(format!("axis: {e}")))?;
    Ok(points)
}

/// The whole grid (`range` None) or grid points `start..stop`, as the CLI's sweep table
/// (`reykjavik_analyses::sweep`).
pub fn sweep(
    scenario: &Scenario,
    axes: &[Axis],
    options: AnalysisOptions,
    range: Option<(usize, usize)>,
) -> Result<Columns, Failure> {
    let total = check_sweep(scenario, axes)?;
    if let Some((start, stop)) = range
        && !(start <= stop && stop <= total)
    {
        return Err(Failure::Input(format!(
            "grid index range {start}..{stop} is not within this grid of {total} points (valid: start <= stop <= {total})"
        )));
    }
    let request = sweep_analysis::Request {
        scenario: scenario.clone(),
        axes: axes.to_vec(),
        options,
        range: range.map(|(start, stop)| start..stop),
    };
    let swept = sweep_analysis::run(request, &|_| {})?;
    Ok(tables::sweep_table(scenario, axes, &swept.points))
}
