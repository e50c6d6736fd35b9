//! `sweep`: the analysis over a 1-D or 2-D grid of inputs, on two sides (each side's ratios and
//! costs and the index per point) or on N sides (the N-side index, each actor's overall ratio,
//! every ordered pair's ratio). The whole grid or one work unit of it (a range of grid
//! indices). Tables and documents from `reykjavik_report::{sweep, multilateral_sweep}`; a face
//! writes the table (CSV, Parquet) and draws the chart itself.

use std::ops::Range;

use reykjavik_engine::limits;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::multilateral::sweep::{self as nsweep, MultiPoint};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario, actors};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_engine::sweep::{self, Axis, SweepPoint};
use reykjavik_engine::work_units;
use reykjavik_report::multilateral_sweep::{self as n_side_report, NSideTable};
use serde_json::Value;

use crate::{Error, Progress, computation};

/// A two-side sweep: the scenario, one or two axes, the posture, and the grid points to run
/// (`None`: all of them).
#[derive(Debug, Clone)]
pub struct Request {
    pub scenario: Scenario,
    pub axes: Vec<Axis>,
    pub options: AnalysisOptions,
    pub range: Option<Range<usize>>,
}

impl Request {
    /// Steps of the progress callback: the grid points run.
    pub fn steps(&self) -> u64 {
        points_run(&self.axes, &self.range) as u64
    }
}

/// The most grid points of a sweep on this scenario, and why (each face words its refusal).
pub fn max_points(scenario: &Scenario) -> (usize, &'static str) {
    limits::max_sweep_points(scenario)
}

fn points_run(axes: &[Axis], range: &Option<Range<usize>>) -> usize {
    range.as_ref().map_or(sweep::size(axes), |r| r.len())
}

/// The grid within `most` points and the range within the grid; a face checks both first, in
/// its own words, so this is the layer's own guard.
fn check_grid(axes: &[Axis], most: usize, range: &Option<Range<usize>>) -> Result<(), Error> {
    let total = sweep::size(axes);
    if total > most {
        return Err(Error::Input(format!(
            "{total} grid points is too many for this scenario (at most {most})"
        )));
    }
    match range {
        Some(r) if r.start > r.end || r.end > total => Err(Error::Input(format!(
            "grid index range {}..{} is not within this grid of {total} points",
            r.start, r.end
        ))),
        _ => Ok(()),
    }
}

/// The two-side sweep run.
pub struct Swept {
    pub request: Request,
    pub points: Vec<SweepPoint>,
}

/// Runs the grid points asked (progress in points; none for a work unit).
pub fn run(request: Request, progress: Progress) -> Result<Swept, Error> {
    let (scenario, axes) = (&request.scenario, &request.axes);
    check_grid(axes, max_points(scenario).0, &request.range)?;
    let points = match &request.range {
        None => sweep::run(scenario, axes, request.options, progress),
        Some(r) => work_units::sweep_points(scenario, axes, request.options, r.clone()),
    }
    .map_err(computation)?;
    Ok(Swept { request, points })
}

impl Swept {
    /// The table's column names (as in the CSV header).
    pub fn columns(&self) -> Vec<String> {
        reykjavik_report::sweep::columns(&self.request.scenario, &self.request.axes, None)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }

    /// The table's rows, one per point, in the order of [`Swept::columns`].
    pub fn rows(&self) -> Vec<Vec<f64>> {
        let (scenario, axes) = (&self.request.scenario, &self.request.axes);
        self.points
            .iter()
            .map(|p| {
                reykjavik_report::sweep::columns(scenario, axes, Some(p))
                    .into_iter()
                    .map(|(_, v)| v)
                    .collect()
            })
            .collect()
    }

    /// The table as `reykjavik sweep` prints it.
    pub fn csv(&self) -> String {
        reykjavik_report::sweep::csv(&self.request.scenario, &self.request.axes, &self.points)
    }

    /// The sweep document (axes, columns, rows).
    pub fn json(&self) -> Value {
        reykjavik_report::sweep::json(&self.request.scenario, &self.request.axes, &self.points)
    }
}

/// An N-side sweep: the scenario (its reserve and third parties as asked), one or two axes,
/// each side's posture, and the grid points to run (`None`: all of them).
#[derive(Debug, Clone)]
pub struct NSideRequest {
    pub base: MultiScenario,
    pub axes: Vec<Axis>,
    pub options: MultiOptions,
    pub range: Option<Range<usize>>,
}

impl NSideRequest {
    /// Steps of the progress callback: the grid points run.
    pub fn steps(&self) -> u64 {
        points_run(&self.axes, &self.range) as u64
    }
}

/// The most grid points of a sweep on this N-side scenario (grid points x warheads x elements
/// x pairs bounds the time).
pub fn n_side_max_points(ms: &MultiScenario) -> usize {
    nsweep::max_points(ms)
}

/// The actors of the N-side analysis at this posture, by name: the table's sides.
pub fn actor_names(ms: &MultiScenario, options: &MultiOptions) -> Vec<String> {
    actors::plan(ms, &ms.scenario, options)
        .actors
        .into_iter()
        .map(|a| a.name)
        .collect()
}

/// The N-side sweep run: its table (names of the actors, columns, a row per point).
pub struct NSideSwept {
    pub request: NSideRequest,
    pub names: Vec<String>,
    pub table: NSideTable,
}

/// Runs the grid points asked on N sides (progress in points).
pub fn run_n_side(request: NSideRequest, progress: Progress) -> Result<NSideSwept, Error> {
    let (ms, axes, options) = (&request.base, &request.axes, &request.options);
    check_grid(axes, n_side_max_points(ms), &request.range)?;
    let range = request.range.clone().unwrap_or(0..sweep::size(axes));
    let points: Vec<MultiPoint> =
        nsweep::run_points(ms, axes, options, range, progress).map_err(computation)?;
    let names = actor_names(ms, options);
    let table = n_side_report::table(&names, axes, &points);
    Ok(NSideSwept {
        request,
        names,
        table,
    })
}

impl NSideSwept {
    /// The table as `reykjavik sweep` prints it on N sides.
    pub fn csv(&self) -> String {
        n_side_report::csv(&self.table)
    }

    /// The N-side sweep document (`kind: "n-side"`, axes, columns, rows).
    pub fn json(&self) -> Value {
        let name = &self.request.base.scenario.name;
        n_side_report::json(name, &self.request.axes, &self.table)
    }
}
