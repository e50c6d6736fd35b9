//! Parameter sweeps: the expected-value analysis over a 1-D or 2-D grid of any numeric inputs,
//! addressed by their scenario paths (see [`crate::params`]). Points are independent and run in
//! parallel; results come back in grid order (first axis slowest), whatever the thread count.

use rayon::prelude::*;

use crate::error::EngineError;
use crate::exchange::Workspace;
use crate::limits;
use crate::model::Scenario;
use crate::params;
use crate::stability::{self, AnalysisOptions, IndexReport};

/// One swept input and its grid values.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<f64>,
}

impl Axis {
    /// `steps` evenly spaced values from `start` to `stop` inclusive (one value when steps is 1).
    pub fn linear(path: &str, start: f64, stop: f64, steps: usize) -> Self {
        let values = match steps {
            0 => Vec::new(),
            1 => vec![start],
            n => (0..n)
                .map(|k| start + (stop - start) * k as f64 / (n - 1) as f64)
                .collect(),
        };
        Self {
            path: path.to_string(),
            values,
        }
    }
}

/// The outputs recorded at each grid point.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub index: f64,
    pub ratio: [f64; 2],
    pub cost_striking_first: [f64; 2],
    pub cost_struck_first: [f64; 2],
    /// Per exchange (side 0 first, side 1 first).
    pub counterforce_warheads_spent: [f64; 2],
    pub victim_surviving_warheads: [f64; 2],
    pub damage_to_striker: [f64; 2],
    pub damage_to_victim: [f64; 2],
}

impl From<&IndexReport> for Metrics {
    fn from(r: &IndexReport) -> Self {
        let per_side = |f: &dyn Fn(usize) -> f64| [f(0), f(1)];
        Self {
            index: r.index,
            ratio: per_side(&|s| r.sides[s].ratio),
            cost_striking_first: per_side(&|s| r.sides[s].cost_striking_first),
            cost_struck_first: per_side(&|s| r.sides[s].cost_struck_first),
            counterforce_warheads_spent: per_side(&|e| r.stops[e].warheads_spent),
            victim_surviving_warheads: per_side(&|e| r.stops[e].victim_warheads_surviving),
            damage_to_striker: per_side(&|e| r.stops[e].damage_to_striker),
            damage_to_victim: per_side(&|e| r.stops[e].damage_to_victim),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SweepPoint {
    /// The value of each axis at this point.
    pub coordinates: Vec<f64>,
    pub metrics: Metrics,
}

/// Number of grid points.
pub fn size(axes: &[Axis]) -> usize {
    axes.iter().map(|a| a.values.len()).product()
}

/// Checks every axis path and value before any work: a bad path or an out-of-range value is an
/// error naming it.
/// Grid values on a count field must be whole: the point is computed at that value and labelled
/// with it. The same field may not be varied twice.
pub fn check_axes(scenario: &Scenario, axes: &[Axis]) -> Result<(), EngineError> {
    let mut probe = scenario.clone();
    let mut seen = Vec::new();
    for axis in axes {
        let canonical = params::canonical_path(scenario, &axis.path)?;
        if seen.contains(&canonical) {
            return Err(EngineError::rule(
                &axis.path,
                "this field is varied twice: give each --vary a different field",
            ));
        }
        seen.push(canonical);
        for &v in &axis.values {
            let limit = params::set_field(&mut probe, &axis.path, v)?;
            if limit.integer && v.fract() != 0.0 {
                return Err(EngineError::rule(
                    &axis.path,
                    format!(
                        "grid value {} is not a whole number, and this field is a count: choose START:STOP:STEPS with whole steps (e.g. 10:20:11)",
                        crate::limits::show(v)
                    ),
                ));
            }
        }
    }
    check_corners(scenario, axes)
}

/// The size caps at every corner of the grid: warheads grow with each count, so the largest
/// point is a corner (axis values are monotone from the first to the last).
fn check_corners(scenario: &Scenario, axes: &[Axis]) -> Result<(), EngineError> {
    for corner in 0..1usize << axes.len() {
        let mut probe = scenario.clone();
        for (k, axis) in axes.iter().enumerate() {
            let end = if corner >> k & 1 == 0 {
                axis.values.first()
            } else {
                axis.values.last()
            };
            if let Some(&v) = end {
                params::set_field(&mut probe, &axis.path, v)?;
            }
        }
        if let Some(error) = limits::check_size(&probe).into_iter().next() {
            return Err(error);
        }
    }
    Ok(())
}

/// Runs the analysis at every grid point. `progress` is called with points finished so far.
pub fn run(
    scenario: &Scenario,
    axes: &[Axis],
    options: AnalysisOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<SweepPoint>, EngineError> {
    check_axes(scenario, axes)?;
    let total = size(axes);
    let done = std::sync::atomic::AtomicU64::new(0);
    // One planner workspace per rayon job: consecutive points differ in one or two inputs, so
    // the workspace's memos keyed on unchanged inputs (kill-table cells, value units, weapon
    // order) serve most of each point. A reused workspace plans as a fresh one, bit for bit.
    (0..total)
        .into_par_iter()
        .map_init(Workspace::default, |workspace, k| {
            let point = point_with(scenario, axes, options, k, workspace)?;
            let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(finished);
            Ok(point)
        })
        .collect()
}

/// The grid point of index `k` (mixed radix, the last axis fastest), computed alone: the
/// point `run` puts at position `k`. Expects axes that passed `check_axes` and `k < size(axes)`.
pub fn point(
    scenario: &Scenario,
    axes: &[Axis],
    options: AnalysisOptions,
    k: usize,
) -> Result<SweepPoint, EngineError> {
    point_with(scenario, axes, options, k, &mut Workspace::default())
}

/// [`point`] planned in `workspace` (reused from point to point, the same bits).
fn point_with(
    scenario: &Scenario,
    axes: &[Axis],
    options: AnalysisOptions,
    k: usize,
    workspace: &mut Workspace,
) -> Result<SweepPoint, EngineError> {
    let mut rest = k;
    let mut coordinates = vec![0.0; axes.len()];
    for (axis, slot) in axes.iter().zip(coordinates.iter_mut()).rev() {
        *slot = axis.values[rest % axis.values.len()];
        rest /= axis.values.len();
    }
    let mut point = scenario.clone();
    for (axis, &value) in axes.iter().zip(&coordinates) {
        params::set_field(&mut point, &axis.path, value)?;
    }
    let report = stability::analyze_index_with(&point, options, workspace)?;
    Ok(SweepPoint {
        coordinates,
        metrics: Metrics::from(&report),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_axis_includes_both_ends() {
        assert_eq!(Axis::linear("x", 0.0, 1.0, 3).values, vec![0.0, 0.5, 1.0]);
        assert_eq!(Axis::linear("x", 5.0, 9.0, 1).values, vec![5.0]);
    }

    #[test]
    fn a_grid_past_the_warhead_cap_is_refused_before_any_work() {
        use crate::model::{Basing, ForceElement, ModelOptions, Side, ValueModel, ValueUnit};
        let side = |name: &str| Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 100.0,
            },
            forces: vec![ForceElement::ballistic(
                "silo",
                Basing::Silo,
                100,
                1,
                300.0,
                100.0,
            )],
            missile_defenses: Vec::new(),
            air_defenses: Vec::new(),
            warhead_storage: Vec::new(),
        };
        let scenario = Scenario {
            name: "grid".into(),
            description: String::new(),
            sides: vec![side("A"), side("B")],
            options: ModelOptions::default(),
            uncertain: Vec::new(),
        };
        // Each axis alone stays under 100,000 warheads; their far corner does not.
        let axes = [
            Axis::linear("side[0].force[0].launchers", 100_000.0, 1.0, 2),
            Axis::linear("side[0].force[0].warheads_per_launcher", 1.0, 2.0, 2),
        ];
        let error = check_axes(&scenario, &axes).unwrap_err();
        assert_eq!(error.field(), Some("side[0].force[0].launchers"));
        assert!(check_axes(&scenario, &axes[..1]).is_ok());
    }
}
