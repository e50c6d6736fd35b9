//! Work units for scale-out: a slice of a Monte Carlo run (a range of trial numbers) or of a
//! sweep (a range of grid indices) that any executor can compute alone (another thread, process
//! or machine) and that gives exactly the trials or points the whole run puts at those
//! positions. Trial t depends only on (seed, t) (`montecarlo`), and grid point k only on the
//! axes and k (`sweep::point`), so concatenating the slices in order is the whole run, bit for bit.

use std::ops::Range;

use rayon::prelude::*;

use crate::error::EngineError;
use crate::model::Scenario;
use crate::montecarlo::{self, Planning, Trial};
use crate::stability::AnalysisOptions;
use crate::sweep::{self, Axis, SweepPoint};

/// Trials `range.start .. range.end` of the run `montecarlo::run(scenario, options, planning,
/// N, seed, ..)` for any N >= `range.end`.
pub fn trials(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    seed: u64,
    range: Range<u64>,
) -> Result<Vec<Trial>, EngineError> {
    // The run's own slice, with its plans and per-job state (the tests hold the slices to the
    // same trials as the whole run).
    montecarlo::run_range(scenario, options, planning, seed, range, &|_| {})
}

/// Grid points `range.start .. range.end` of `sweep::run(scenario, axes, options, ..)`, in grid
/// order. The axes are checked as `sweep::run` checks them; a range past the grid is an error.
pub fn sweep_points(
    scenario: &Scenario,
    axes: &[Axis],
    options: AnalysisOptions,
    range: Range<usize>,
) -> Result<Vec<SweepPoint>, EngineError> {
    sweep::check_axes(scenario, axes)?;
    let total = sweep::size(axes);
    if range.start > range.end || range.end > total {
        return Err(EngineError::rule(
            "grid index range",
            format!(
                "{}..{} is not within this grid of {total} points (valid: start <= stop <= {total})",
                range.start, range.end
            ),
        ));
    }
    range
        .into_par_iter()
        .map(|k| sweep::point(scenario, axes, options, k))
        .collect()
}

/// Splits `0..total` into consecutive ranges of at most `size` (at least 1) items: the work
/// units of a run, in order.
pub fn split(total: u64, size: u64) -> Vec<Range<u64>> {
    let size = size.max(1);
    (0..total.div_ceil(size))
        .map(|u| u * size..((u + 1) * size).min(total))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_covers_the_run_in_order_without_overlap() {
        assert_eq!(split(10, 4), vec![0..4, 4..8, 8..10]);
        assert_eq!(split(8, 4), vec![0..4, 4..8]);
        assert_eq!(split(3, 0), vec![0..1, 1..2, 2..3]);
        assert!(split(0, 5).is_empty());
    }
}
