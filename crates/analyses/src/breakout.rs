//! `breakout`: months to weapons-grade material for a case at its central values, with Monte
//! Carlo over its uncertain inputs and the solver for one field (docs/breakout.md); the
//! documents are `reykjavik_report::breakout`.

use reykjavik_fissile::FissileError;
use reykjavik_fissile::case::Case;
use reykjavik_fissile::plutonium::{self, PlutoniumResult};
use reykjavik_fissile::{breakout, montecarlo, solve};
use reykjavik_report::breakout::{self as report, GridRow, MonteCarlo, Report};
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

/// Most values of one axis of a breakout grid.
pub const MAX_STEPS: usize = 10_000;

/// Most points of one grid on any face (a face may allow fewer): about a second of computing
/// and 100 MB of CSV, so that no input can ask for unbounded time or memory.
pub const MAX_POINTS: usize = 1_000_000;

/// What the command line says after a malformed `--vary`.
const VARY_FORM: &str = "expected PATH=START:STOP:STEPS, e.g. plant[0].machines=1000:10000:10";

/// One axis of a breakout grid: `steps` evenly spaced values of the field at `path` (such as
/// `plant[0].machines`) from `start` to `stop`.
#[derive(Debug, Clone, PartialEq)]
pub struct GridAxis {
    pub path: String,
    pub start: f64,
    pub stop: f64,
    pub steps: usize,
}

impl GridAxis {
    /// The axis's values, `start` first (one step: `start` alone).
    pub fn values(&self) -> Vec<f64> {
        let (start, stop, steps) = (self.start, self.stop, self.steps);
        (0..steps)
            .map(|i| match steps {
                1 => start,
                _ => start + (stop - start) * i as f64 / (steps - 1) as f64,
            })
            .collect()
    }

    /// The command line's `PATH=START:STOP:STEPS`, checked in the order the CLI always has:
    /// the `=`, the field (against `case`), the three parts, the numbers, the steps.
    pub fn parse(case: &Case, text: &str) -> Result<Self, GridError> {
        let syntax = |why: &str| GridError::Syntax {
            text: text.to_string(),
            why: why.to_string(),
        };
        let (path, range) = text.rsplit_once('=').ok_or_else(|| syntax("no `=`"))?;
        solve::Field::parse(case, path.trim()).map_err(GridError::Field)?;
        let parts: Vec<&str> = range.split(':').collect();
        let [start, stop, steps] = parts.as_slice() else {
            return Err(syntax("give START:STOP:STEPS"));
        };
        let number = |s: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| syntax(&format!("`{s}` is not a number")))
        };
        let (start, stop) = (number(start)?, number(stop)?);
        let steps = steps
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=MAX_STEPS).contains(n))
            .ok_or_else(|| syntax(&steps_rule()))?;
        Ok(Self {
            path: path.trim().to_string(),
            start,
            stop,
            steps,
        })
    }

    /// The axis as the command line writes it.
    fn text(&self) -> String {
        format!("{}={}:{}:{}", self.path, self.start, self.stop, self.steps)
    }
}

fn steps_rule() -> String {
    format!("STEPS must be a whole number from 1 to {MAX_STEPS}")
}

/// A breakout grid to compute: the case loaded (`label` naming where it came from), one or two
/// axes, and the most grid points the face allows (`None`: [`MAX_POINTS`]; never more).
#[derive(Debug, Clone)]
pub struct GridRequest {
    pub case: Case,
    pub label: String,
    pub axes: Vec<GridAxis>,
    pub max_points: Option<usize>,
}

impl GridRequest {
    /// The number of grid points (saturating: a face compares it with its cap).
    pub fn points(&self) -> usize {
        self.axes
            .iter()
            .fold(1usize, |n, a| n.saturating_mul(a.steps))
    }
}

/// Why a breakout grid has no rows. Each face words it; [`GridError::command_line_message`]
/// has the CLI's words (shared with the Python package).
#[derive(Debug, Clone, PartialEq)]
pub enum GridError {
    /// No axis, or more than two (the number given).
    Axes(usize),
    /// An axis that is not `PATH=START:STOP:STEPS` with finite numbers and 1 to
    /// [`MAX_STEPS`] steps: the axis as written and why.
    Syntax { text: String, why: String },
    /// A path that is not a field of the case.
    Field(FissileError),
    /// More grid points than the face allows.
    TooManyPoints { points: usize, most: usize },
    /// A grid point at which the case is not valid: the point's values (first axis first) and
    /// the case's messages.
    Point {
        values: Vec<f64>,
        messages: Vec<String>,
    },
}

impl GridError {
    /// The words of `reykjavik breakout CASE --vary ...`.
    pub fn command_line_message(&self) -> String {
        match self {
            Self::Axes(_) => "--vary: give one or two axes (a line or a grid)".into(),
            Self::Syntax { text, why } => format!("--vary {text}: {why} ({VARY_FORM})"),
            Self::Field(e) => e.to_string(),
            Self::TooManyPoints { points, most } => {
                format!("--vary: {points} grid points is too many (at most {most})")
            }
            Self::Point { values, messages } => format!(
                "--vary: at {}: {}",
                point_text(values).join(", "),
                messages.join("; ")
            ),
        }
    }
}

impl From<GridError> for Error {
    /// A wrong field as [`fissile`] has it; the rest is bad input, in the CLI's words.
    fn from(e: GridError) -> Self {
        match e {
            GridError::Field(e) => fissile(e),
            other => Error::Input(other.command_line_message()),
        }
    }
}

/// A grid point's values as the CSV writes them.
fn point_text(values: &[f64]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

/// The breakout at every grid point, the first axis slowest.
pub struct Grid<'a> {
    request: &'a GridRequest,
    values: Vec<Vec<f64>>,
    rows: Vec<GridRow>,
}

/// Checks the axes and the cap, then computes the breakout at every point (an invalid point
/// stops the grid with its values).
pub fn grid(request: &GridRequest) -> Result<Grid<'_>, GridError> {
    let fields = check_axes(request)?;
    let values: Vec<Vec<f64>> = request.axes.iter().map(GridAxis::values).collect();
    let rows = (0..request.points())
        .map(|k| grid_row(&request.case, &fields, point(&values, k)))
        .collect::<Result<_, _>>()?;
    Ok(Grid {
        request,
        values,
        rows,
    })
}

fn check_axes(request: &GridRequest) -> Result<Vec<solve::Field>, GridError> {
    let axes = &request.axes;
    if axes.is_empty() || axes.len() > 2 {
        return Err(GridError::Axes(axes.len()));
    }
    let mut fields = Vec::new();
    for axis in axes {
        let field = solve::Field::parse(&request.case, axis.path.trim());
        fields.push(field.map_err(GridError::Field)?);
        let syntax = |why: String| GridError::Syntax {
            text: axis.text(),
            why,
        };
        if let Some(v) = [axis.start, axis.stop].into_iter().find(|v| !v.is_finite()) {
            return Err(syntax(format!("`{v}` is not a number")));
        }
        if !(1..=MAX_STEPS).contains(&axis.steps) {
            return Err(syntax(steps_rule()));
        }
    }
    let most = request.max_points.map_or(MAX_POINTS, |m| m.min(MAX_POINTS));
    if request.points() > most {
        return Err(GridError::TooManyPoints {
            points: request.points(),
            most,
        });
    }
    Ok(fields)
}

/// The `k`-th grid point, the first axis slowest (the last axis fastest).
fn point(values: &[Vec<f64>], mut k: usize) -> Vec<f64> {
    let mut out = vec![0.0; values.len()];
    for (slot, axis) in out.iter_mut().zip(values).rev() {
        *slot = axis[k % axis.len()];
        k /= axis.len();
    }
    out
}

fn grid_row(case: &Case, fields: &[solve::Field], values: Vec<f64>) -> Result<GridRow, GridError> {
    let mut copy = case.clone();
    for (&field, &v) in fields.iter().zip(&values) {
        field.set(&mut copy, v);
    }
    if let Err(errors) = copy.validate() {
        return Err(GridError::Point {
            messages: errors.iter().map(ToString::to_string).collect(),
            values,
        });
    }
    let result = breakout::compute(&copy, &copy.central());
    Ok(GridRow::new(&copy, values, &result))
}

impl Grid<'_> {
    /// The rows, in grid order: each point's values and the figures there.
    pub fn rows(&self) -> &[GridRow] {
        &self.rows
    }

    /// The CSV of `reykjavik breakout CASE --vary ...`.
    pub fn csv(&self) -> String {
        let paths: Vec<&str> = self.request.axes.iter().map(|a| a.path.as_str()).collect();
        reykjavik_report::breakout::grid_csv(&paths, &self.rows)
    }

    /// The grid document (docs/output-format.md).
    pub fn json(&self) -> Value {
        let r = self.request;
        let axes: Vec<report::GridAxis> = r
            .axes
            .iter()
            .zip(&self.values)
            .map(|(a, values)| report::GridAxis {
                path: &a.path,
                start: a.start,
                stop: a.stop,
                steps: a.steps,
                values,
            })
            .collect();
        report::grid_json(&r.case, &r.label, &axes, &self.rows)
    }
}
