//! `reykjavik._core`: the Python extension module (pyo3, abi3 for CPython 3.10+). Thin: each
//! function turns plain Python data into a source and options, computes with the GIL released
//! (`py.detach`) and returns a JSON string (the CLI's document, parsed into a dict by the
//! Python package) or a column-major table. The public API, its docstrings and stubs are in
//! `python/reykjavik/`; see docs/python.md.

mod documents;
mod errors;
mod n_side;
mod nsweep;
mod runs;
mod source;
mod tables;

use crate::errors::Failure;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use reykjavik_engine::model::Scenario;

use documents::{CompareSpec, OptimizeSpec, Posing};
use errors::{ComputationError, ScenarioError};
use runs::AxisSpec;
use source::{CliFile, Source};
use tables::Columns;

/// `(kind, value, label)`: kind `name_or_path` or `toml`.
type SourceArg = (String, String, String);
/// `(alert, launch_under_attack)`: the CLI's `--alert` and `--launch-under-attack` values.
type PosingArg = (Vec<String>, Vec<String>);

/// What can go wrong before the result, carried out of the GIL-free closure.
enum Problem {
    Load(reykjavik_scenario::ScenarioError),
    Failure(Failure, Option<(String, String)>),
    Io(std::io::Error),
}

impl From<Failure> for Problem {
    fn from(f: Failure) -> Self {
        Self::Failure(f, None)
    }
}

impl Problem {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Self::Load(e) => errors::load_error(py, &e),
            Self::Failure(f, rename) => {
                let rename = rename.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
                errors::failure(py, f, rename)
            }
            Self::Io(e) => PyErr::from(e),
        }
    }
}

fn source_of((kind, value, label): SourceArg) -> PyResult<Source> {
    Source::new(&kind, value, label).map_err(PyValueError::new_err)
}

fn posing_of((alert, launch_under_attack): PosingArg) -> Posing {
    Posing {
        alert,
        launch_under_attack,
    }
}

fn load(source: &Source) -> Result<Scenario, Problem> {
    source.load().map_err(Problem::Load)
}

/// Runs a CLI document on the source's file, relabelling a temporary file in messages.
fn with_file(
    source: &Source,
    run: impl FnOnce(&CliFile) -> Result<String, Failure>,
) -> Result<String, Problem> {
    let file = source.cli_file().map_err(Problem::Io)?;
    on_file(&file, run)
}

fn on_file(
    file: &CliFile,
    run: impl FnOnce(&CliFile) -> Result<String, Failure>,
) -> Result<String, Problem> {
    run(file).map_err(|f| {
        let rename = file.rename().map(|(a, b)| (a.to_string(), b.to_string()));
        Problem::Failure(f, rename)
    })
}

/// Computes without the GIL; errors become Python exceptions.
fn compute<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> Result<T, Problem> + Send,
) -> PyResult<T> {
    py.detach(work).map_err(|p| p.into_py(py))
}

/// Built-in scenarios: (name, description).
#[pyfunction]
fn builtins() -> Vec<(String, String)> {
    reykjavik_scenario::builtin::BUILTINS
        .iter()
        .map(|b| (b.name.to_string(), b.description.to_string()))
        .collect()
}

/// A built-in scenario's TOML text (with its sources), or None.
#[pyfunction]
fn builtin_toml(name: &str) -> Option<String> {
    reykjavik_scenario::builtin::find(name).map(|b| b.toml.to_string())
}

/// TOML text of a scenario given as JSON (a Python dict, dumped).
#[pyfunction]
fn toml_from_json(py: Python<'_>, json: &str) -> PyResult<String> {
    reykjavik_scenario::json_to_toml(json)
        .map_err(|message| errors::scenario_error(py, &format!("<dict>: {message}"), &[]))
}

/// Loads and validates a scenario; returns its name and side names.
#[pyfunction]
fn check(py: Python<'_>, source: SourceArg) -> PyResult<(String, Vec<String>)> {
    let source = source_of(source)?;
    compute(py, || {
        let s = load(&source)?;
        Ok((
            s.name.clone(),
            s.sides.iter().map(|x| x.name.clone()).collect(),
        ))
    })
}

#[pyfunction]
fn analyze(
    py: Python<'_>,
    source: SourceArg,
    posing: PosingArg,
    certify: bool,
) -> PyResult<String> {
    let (source, posing) = (source_of(source)?, posing_of(posing));
    compute(py, || {
        // An N-side scenario (issue 10) gets the CLI's N-side document, as `analyze` routes it.
        if source.is_n_side() {
            let file = source.cli_file().map_err(Problem::Io)?;
            return on_file(&file, |f| documents::analyze_n_side(f, &posing));
        }
        let scenario = load(&source)?;
        Ok(documents::analyze(
            &scenario,
            source.label(),
            &posing,
            certify,
        )?)
    })
}

#[pyfunction]
fn monte_carlo(
    py: Python<'_>,
    source: SourceArg,
    posing: PosingArg,
    trials: u64,
    seed: u64,
    planning: &str,
    at_least: Vec<u32>,
) -> PyResult<String> {
    let (source, posing) = (source_of(source)?, posing_of(posing));
    compute(py, || {
        let planning = runs::planning(planning)?;
        // N sides (issue 10): the N-side Monte Carlo, read and capped as the CLI does.
        if source.is_n_side() {
            let file = source.cli_file().map_err(Problem::Io)?;
            return on_file(&file, |f| {
                n_side::monte_carlo(f, &posing, (trials, seed, planning), &at_least)
            });
        }
        let scenario = load(&source)?;
        let options = posing.options(&scenario)?;
        let trials = runs::monte_carlo(&scenario, options, planning, trials, seed)?;
        Ok(documents::monte_carlo(
            &scenario, &trials, seed, planning, &at_least,
        ))
    })
}

/// One work unit: trials `start..stop` of a run of `total` trials, as a trial table.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn monte_carlo_trials(
    py: Python<'_>,
    source: SourceArg,
    posing: PosingArg,
    total: u64,
    seed: u64,
    planning: &str,
    start: u64,
    stop: u64,
) -> PyResult<Columns> {
    let (source, posing) = (source_of(source)?, posing_of(posing));
    compute(py, || {
        let planning = runs::planning(planning)?;
        if source.is_n_side() {
            let file = source.cli_file().map_err(Problem::Io)?;
            let table =
                n_side::trials_table(&file, &posing, (total, seed, planning), (start, stop));
            let rename = file.rename().map(|(a, b)| (a.to_string(), b.to_string()));
            return table.map_err(|f| Problem::Failure(f, rename));
        }
        let scenario = load(&source)?;
        let options = posing.options(&scenario)?;
        Ok(runs::trial_unit(
            &scenario,
            options,
            planning,
            seed,
            (total, start, stop),
        )?)
    })
}

/// The `monte_carlo` document of trials given as a trial table (gathered work units).
#[pyfunction]
fn monte_carlo_summary(
    py: Python<'_>,
    source: SourceArg,
    seed: u64,
    planning: &str,
    at_least: Vec<u32>,
    table: Columns,
) -> PyResult<String> {
    let source = source_of(source)?;
    compute(py, || {
        if source.is_n_side() {
            return Err(Failure::Input(
                "monte_carlo_summary reads two-side trial tables only: an N-side table is not summarised yet (use monte_carlo, which runs every trial in-process)".into(),
            )
            .into());
        }
        let scenario = load(&source)?;
        let planning = runs::planning(planning)?;
        let trials = tables::trials_from_columns(&scenario, &table).map_err(Failure::Input)?;
        if trials.is_empty() {
            return Err(
                Failure::Input("the trial table has no rows (valid: at least 1)".into()).into(),
            );
        }
        Ok(documents::monte_carlo(
            &scenario, &trials, seed, planning, &at_least,
        ))
    })
}

/// An axis from Python: a `PATH=START:STOP:STEPS` string, `(path, start, stop, steps)` or
/// `(path, [values])`.
#[derive(FromPyObject)]
enum PyAxis {
    Text(String),
    Linear(String, f64, f64, usize),
    Values(String, Vec<f64>),
}

fn axes_of(axes: Vec<PyAxis>) -> Result<Vec<reykjavik_engine::sweep::Axis>, Failure> {
    axes.into_iter()
        .map(|a| match a {
            PyAxis::Text(t) => AxisSpec::Text(t),
            PyAxis::Linear(p, a, b, n) => AxisSpec::Linear(p, a, b, n),
            PyAxis::Values(p, v) => AxisSpec::Values(p, v),
        })
        .map(AxisSpec::axis)
        .collect()
}

/// The number of grid points, after the CLI's checks of the axes.
#[pyfunction]
fn sweep_size(py: Python<'_>, source: SourceArg, axes: Vec<PyAxis>) -> PyResult<usize> {
    let source = source_of(source)?;
    compute(py, || {
        if source.is_n_side() {
            let file = source.cli_file().map_err(Problem::Io)?;
            return on_file_table(&file, |f| nsweep::size(f, &axes_of(axes)?));
        }
        let scenario = load(&source)?;
        Ok(runs::check_sweep(&scenario, &axes_of(axes)?)?)
    })
}

/// As [`on_file`], for a result other than a document.
fn on_file_table<T>(
    file: &CliFile,
    run: impl FnOnce(&CliFile) -> Result<T, Failure>,
) -> Result<T, Problem> {
    run(file).map_err(|f| {
        let rename = file.rename().map(|(a, b)| (a.to_string(), b.to_string()));
        Problem::Failure(f, rename)
    })
}

/// The sweep table: the whole grid, or grid points `start..stop` (one work unit).
#[pyfunction]
#[pyo3(signature = (source, posing, axes, start=None, stop=None))]
fn sweep(
    py: Python<'_>,
    source: SourceArg,
    posing: PosingArg,
    axes: Vec<PyAxis>,
    start: Option<usize>,
    stop: Option<usize>,
) -> PyResult<Columns> {
    let (source, posing) = (source_of(source)?, posing_of(posing));
    compute(py, || {
        // An N-side scenario (issue 10): the table of `reykjavik sweep` on N sides.
        if source.is_n_side() {
            let file = source.cli_file().map_err(Problem::Io)?;
            let axes = axes_of(axes)?;
            return on_file_table(&file, |f| {
                let range = match (start, stop) {
                    (None, None) => None,
                    (start, stop) => Some((
                        start.unwrap_or(0),
                        stop.map_or_else(|| nsweep::size(f, &axes), Ok)?,
                    )),
                };
                nsweep::table(f, &posing, &axes, range)
            });
        }
        let scenario = load(&source)?;
        let options = posing.options(&scenario)?;
        let axes = axes_of(axes)?;
        let total = runs::check_sweep(&scenario, &axes)?;
        let range = match (start, stop) {
            (None, None) => None,
            (start, stop) => Some((start.unwrap_or(0), stop.unwrap_or(total))),
        };
        Ok(runs::sweep(&scenario, &axes, options, range)?)
    })
}

#[pyfunction]
#[pyo3(signature = (source, proposals, treaty, count_disputed, trials, seed))]
fn compare(
    py: Python<'_>,
    source: SourceArg,
    proposals: Vec<String>,
    treaty: Option<String>,
    count_disputed: bool,
    trials: Option<u64>,
    seed: u64,
) -> PyResult<String> {
    let source = source_of(source)?;
    let spec = CompareSpec {
        proposals,
        treaty,
        count_disputed,
        trials,
        seed,
    };
    compute(py, || {
        let scenario = load(&source)?;
        Ok(documents::compare(scenario, &spec)?)
    })
}

#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (source, side, treaty, objective, seed, starts, grid_budget, max_growth, min_warheads))]
fn optimize(
    py: Python<'_>,
    source: SourceArg,
    side: String,
    treaty: Option<String>,
    objective: String,
    seed: u64,
    starts: u64,
    grid_budget: u64,
    max_growth: f64,
    min_warheads: Option<u64>,
) -> PyResult<String> {
    let source = source_of(source)?;
    let spec = OptimizeSpec {
        side,
        treaty,
        objective,
        seed,
        starts,
        grid_budget,
        max_growth,
        min_warheads,
    };
    compute(py, || {
        // An N-side scenario (issue 10) is read by the N-side reader and searched with the
        // N-side analysis as the scorer.
        let base = source.load_sides().map_err(Problem::Load)?;
        Ok(documents::optimize(base, &source, &spec)?)
    })
}

#[pyfunction]
#[pyo3(signature = (source, treaty, count_disputed))]
fn treaty(
    py: Python<'_>,
    source: SourceArg,
    treaty: Option<String>,
    count_disputed: bool,
) -> PyResult<String> {
    let source = source_of(source)?;
    compute(py, || {
        let scenario = load(&source)?;
        Ok(documents::treaty(&scenario, &treaty, count_disputed)?)
    })
}

/// A breakout case (not a scenario): its errors come located in the message.
#[pyfunction]
#[pyo3(signature = (source, trials, seed, solve))]
fn breakout(
    py: Python<'_>,
    source: SourceArg,
    trials: Option<u64>,
    seed: u64,
    solve: Option<(String, f64)>,
) -> PyResult<String> {
    let source = source_of(source)?;
    compute(py, || {
        Ok(documents::breakout(&source, trials, seed, solve)?)
    })
}

/// `reykjavik breakout CASE --vary ... --format json`: the breakout grid's document.
#[pyfunction]
fn breakout_grid(py: Python<'_>, source: SourceArg, axes: Vec<PyAxis>) -> PyResult<String> {
    let source = source_of(source)?;
    let axes: Vec<documents::GridAxisSpec> = axes
        .into_iter()
        .map(|a| match a {
            PyAxis::Text(t) => documents::GridAxisSpec::Text(t),
            PyAxis::Linear(p, a, b, n) => documents::GridAxisSpec::Linear(p, a, b, n),
            PyAxis::Values(p, _) => documents::GridAxisSpec::Values(p),
        })
        .collect();
    compute(py, || Ok(documents::breakout_grid(&source, axes)?))
}

/// `reykjavik race SCENARIO --move MOVE ...` (issue 11; N sides: issue 10); the JSON document.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (source, posing, move_, by, rounds, menu, position, tolerance, bound, richardson))]
fn race(
    py: Python<'_>,
    source: SourceArg,
    posing: PosingArg,
    move_: String,
    by: Option<String>,
    rounds: i64,
    menu: Option<String>,
    position: String,
    tolerance: Option<f64>,
    bound: Option<f64>,
    richardson: bool,
) -> PyResult<String> {
    let (source, posing) = (source_of(source)?, posing_of(posing));
    let spec = documents::RaceSpec {
        move_,
        by,
        rounds: count(py, "--rounds", rounds, "an integer 1 to 100")?,
        menu,
        position,
        tolerance,
        bound,
        richardson,
    };
    compute(py, || {
        // A two-side scenario is loaded first for its located errors; an N-side one is read
        // by the N-side race.
        if !source.is_n_side() {
            load(&source)?;
        }
        with_file(&source, |file| documents::race(file, &posing, &spec))
    })
}

/// A count Python gives as any integer, refused as the CLI refuses a negative one.
fn count<T: TryFrom<i64>>(py: Python<'_>, option: &str, value: i64, valid: &str) -> PyResult<T> {
    T::try_from(value).map_err(|_| {
        let message = format!("{option} = {value} is out of range (valid: {valid})");
        errors::failure(py, errors::Failure::Input(message), None)
    })
}

/// `reykjavik richardson --k K --l L --a A --b B ...`: the JSON document.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (k, l, a, b, g, h, start, years, steps))]
fn richardson(
    py: Python<'_>,
    k: f64,
    l: f64,
    a: f64,
    b: f64,
    g: f64,
    h: f64,
    start: (f64, f64),
    years: f64,
    steps: i64,
) -> PyResult<String> {
    let steps = count(py, "--steps", steps, "an integer 1 to 100000")?;
    let model = reykjavik_engine::reaction::richardson::RichardsonModel { k, l, a, b, g, h };
    compute(py, || {
        Ok(documents::richardson(model, start, years, steps)?)
    })
}

/// `reykjavik reciprocity ... --format json`: a game of `a` against `b`, the table (`table`) or
/// an event series (`events`).
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (a, b, noise, forgiveness, payoffs, simulate, games, seed, table, events))]
fn reciprocity(
    py: Python<'_>,
    a: String,
    b: String,
    noise: f64,
    forgiveness: Option<f64>,
    payoffs: [f64; 4],
    simulate: Option<u64>,
    games: u64,
    seed: u64,
    table: bool,
    events: Option<String>,
) -> PyResult<String> {
    let spec = documents::ReciprocitySpec {
        a,
        b,
        noise,
        forgiveness,
        payoffs,
        simulate: simulate.map(|rounds| (rounds, games, seed)),
        table,
        events,
    };
    compute(py, || Ok(documents::reciprocity(&spec)?))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ScenarioError", py.get_type::<ScenarioError>())?;
    m.add("ComputationError", py.get_type::<ComputationError>())?;
    m.add_function(wrap_pyfunction!(builtins, m)?)?;
    m.add_function(wrap_pyfunction!(builtin_toml, m)?)?;
    m.add_function(wrap_pyfunction!(toml_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(monte_carlo, m)?)?;
    m.add_function(wrap_pyfunction!(monte_carlo_trials, m)?)?;
    m.add_function(wrap_pyfunction!(monte_carlo_summary, m)?)?;
    m.add_function(wrap_pyfunction!(sweep_size, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(optimize, m)?)?;
    m.add_function(wrap_pyfunction!(treaty, m)?)?;
    m.add_function(wrap_pyfunction!(breakout, m)?)?;
    m.add_function(wrap_pyfunction!(breakout_grid, m)?)?;
    m.add_function(wrap_pyfunction!(richardson, m)?)?;
    m.add_function(wrap_pyfunction!(reciprocity, m)?)?;
    m.add_function(wrap_pyfunction!(race, m)?)?;
    Ok(())
}
