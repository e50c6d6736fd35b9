//! The N-side analysis over a grid of field values: the same axes as [`crate::sweep`], each
//! point one [`super::analyze`], in parallel, in grid order.

use rayon::prelude::*;

use super::{MultiOptions, MultiScenario, analyze_with};
use crate::error::EngineError;
use crate::exchange::Workspace;
use crate::limits;
use crate::params;
use crate::sweep::Axis;

/// What one grid point records: the N-side index, each actor's overall ratio and every ordered
/// pair's ratio (actor-major, as [`super::MultiReport::ratios`]), actual outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiPoint {
    pub coordinates: Vec<f64>,
    pub index: f64,
    pub overall: Vec<f64>,
    pub pair_ratios: Vec<f64>,
}

/// The most grid points for this scenario: the two-side work cap shared among the
/// N (N - 1) / 2 pairs (each point is one N-side analysis), and at most `SWEEP_POINTS`.
pub fn max_points(ms: &MultiScenario) -> usize {
    let n = ms.scenario.sides.len() as u64;
    let pairs = (n * n.saturating_sub(1) / 2).max(1);
    let per_point = limits::work_units(&ms.scenario).saturating_mul(pairs);
    usize::try_from(limits::size::SWEEP_WORK / per_point)
        .unwrap_or(usize::MAX)
        .clamp(1, limits::size::SWEEP_POINTS)
}

/// Checks every axis (path, range, whole counts, no field twice, size caps at the corners)
/// before any work.
pub fn check_axes(ms: &MultiScenario, axes: &[Axis]) -> Result<(), EngineError> {
    let mut seen = Vec::new();
    for axis in axes {
        let canonical = params::canonical_path(&ms.scenario, &axis.path)?;
        if seen.contains(&canonical) {
            return Err(EngineError::rule(
                &axis.path,
                "this field is varied twice: give each --vary a different field",
            ));
        }
        seen.push(canonical);
        let mut probe = ms.scenario.clone();
        for &v in &axis.values {
            let limit = params::set_field(&mut probe, &axis.path, v)?;
            if limit.integer && v.fract() != 0.0 {
                return Err(EngineError::rule(
                    &axis.path,
                    format!(
                        "grid value {} is not a whole number, and this field is a count",
                        limits::show(v)
                    ),
                ));
            }
            if let Some(e) = limits::check_size_sides(&probe, limits::size::MULTILATERAL_SIDES)
                .into_iter()
                .next()
            {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The scenario at one grid point: the truth changed (beliefs stay as written).
fn at_point(
    ms: &MultiScenario,
    axes: &[Axis],
    coordinates: &[f64],
) -> Result<MultiScenario, EngineError> {
    let mut point = ms.clone();
    for (axis, &v) in axes.iter().zip(coordinates) {
        params::set_field(&mut point.scenario, &axis.path, v)?;
    }
    Ok(point)
}

fn coordinates(axes: &[Axis], k: usize) -> Vec<f64> {
    let mut rest = k;
    let mut out = vec![0.0; axes.len()];
    for (slot, axis) in out.iter_mut().zip(axes).rev() {
        let n = axis.values.len().max(1);
        *slot = axis.values[rest % n];
        rest /= n;
    }
    out
}

/// Runs the N-side analysis at every grid point (first axis slowest). `progress` is called with
/// points finished so far.
pub fn run(
    ms: &MultiScenario,
    axes: &[Axis],
    options: &MultiOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<MultiPoint>, EngineError> {
    run_points(ms, axes, options, 0..crate::sweep::size(axes), progress)
}

/// Grid points `points` only (one work unit of a distributed sweep; within the grid), in grid
/// order: the same numbers as those points of [`run`].
pub fn run_points(
    ms: &MultiScenario,
    axes: &[Axis],
    options: &MultiOptions,
    points: std::ops::Range<usize>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<MultiPoint>, EngineError> {
    check_axes(ms, axes)?;
    let done = std::sync::atomic::AtomicU64::new(0);
    points
        .into_par_iter()
        // One planner workspace per rayon job (a reused workspace plans as a fresh one).
        .map_init(Workspace::default, |workspace, k| {
            let coordinates = coordinates(axes, k);
            let analysis = analyze_with(&at_point(ms, axes, &coordinates)?, options, workspace)?;
            let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(finished);
            let r = analysis.actual;
            Ok(MultiPoint {
                coordinates,
                index: r.index,
                overall: r.overall,
                pair_ratios: r.ratios.iter().map(|p| p.ratio).collect(),
            })
        })
        .collect()
}
