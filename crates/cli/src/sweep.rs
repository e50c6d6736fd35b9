//! `reykjavik sweep`: the analysis over a 1-D or 2-D grid of inputs, to CSV, with an optional
//! SVG chart (a line chart for one axis, a heat map for two).

use std::path::{Path, PathBuf};

use clap::Args;
use reykjavik_analyses::sweep as analyses;
use reykjavik_engine::limits::size;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::sweep::{self, Axis};

use crate::analyze::AnalysisArgs;
use crate::sweep_chart::{self, Table};
use reykjavik_report as report;

use crate::{Failure, commands, montecarlo};

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// A scenario TOML file or a built-in name.
    scenario: String,
    /// An input to vary: PATH=START:STOP:STEPS, PATH as in docs/scenario-format.md, with a side
    /// or element given by index or name, e.g. `side[1].force[0].cep_m=100:300:21` or
    /// `side[Russia].force[SS-18 M6 Satan (RS-20V)].aimpoint_hardness_psi=3000:10000:8`.
    /// Once for a line, twice for a grid.
    #[arg(long, value_name = "PATH=START:STOP:STEPS", required = true)]
    vary: Vec<String>,
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// Write the table here instead of standard output: CSV, or Parquet for a `.parquet` name
    /// (in builds with the `parquet` feature).
    #[arg(long, short, value_name = "FILE.csv|FILE.parquet")]
    output: Option<PathBuf>,
    /// Draw an SVG chart: a line per side's ratio and the index for one axis, a heat map of the
    /// chosen metric for two.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    /// The column to plot (any CSV column; see the CSV header). Default `index`; needs --plot.
    #[arg(long)]
    metric: Option<String>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    n_side: crate::multilateral::NSideArgs,
}

/// Longest --vary argument: two names of at most 200 characters and the field, with room.
const MAX_AXIS_CHARS: usize = 1000;

fn parse_axis(text: &str) -> Result<Axis, Failure> {
    let bad = |why: &str| {
        Failure::Input(format!(
            "--vary {text}: {why} (expected PATH=START:STOP:STEPS, e.g. side[0].force[0].cep_m=100:300:11)"
        ))
    };
    if text.chars().count() > MAX_AXIS_CHARS {
        return Err(Failure::Input(format!(
            "--vary: {} characters is too long for a field path (at most {MAX_AXIS_CHARS})",
            text.chars().count()
        )));
    }
    let (path, range) = text.rsplit_once('=').ok_or_else(|| bad("no `=`"))?;
    let parts: Vec<&str> = range.split(':').collect();
    let [start, stop, steps] = parts.as_slice() else {
        return Err(bad("give START:STOP:STEPS"));
    };
    let number = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| bad(&format!("`{s}` is not a number")))
    };
    let steps: usize = steps
        .trim()
        .parse()
        .ok()
        .filter(|&n| (1..=size::SWEEP_STEPS).contains(&n))
        .ok_or_else(|| {
            bad(&format!(
                "STEPS must be a whole number from 1 to {}",
                size::SWEEP_STEPS
            ))
        })?;
    Ok(Axis::linear(
        path.trim(),
        number(start)?,
        number(stop)?,
        steps,
    ))
}

pub fn run(args: SweepArgs) -> Result<String, Failure> {
    if crate::multilateral::wanted(&args.scenario, &args.n_side) {
        return run_n_side(&args);
    }
    let scenario = match commands::load(&args.scenario) {
        Ok(scenario) => scenario,
        Err(not_a_scenario) => {
            // A breakout case sweeps as `reykjavik breakout CASE --vary` does.
            return match reykjavik_scenario::breakout::load(&args.scenario) {
                Ok(case) => sweep_breakout(&args, &case),
                Err(_) => Err(not_a_scenario),
            };
        }
    };
    if args.vary.len() > 2 {
        return Err(Failure::Input(
            "--vary: give one axis (a line) or two (a grid)".into(),
        ));
    }
    let axes: Vec<Axis> = args
        .vary
        .iter()
        .map(|v| parse_axis(v))
        .collect::<Result<_, _>>()?;
    let options = args.analysis.options(&scenario)?;
    let points = sweep::size(&axes);
    let (most, why) = analyses::max_points(&scenario);
    if points > most {
        return Err(Failure::Input(format!(
            "--vary: {points} grid points is too many for this scenario (at most {most}; {why}); use fewer STEPS"
        )));
    }
    sweep::check_axes(&scenario, &axes).map_err(|e| Failure::Input(format!("--vary: {e}")))?;
    let metric = checked_metric(&args, &scenario, &axes)?;
    let created = open_outputs(&args)?;
    let request = analyses::Request {
        scenario,
        axes,
        options,
        range: None,
    };
    let bar = montecarlo::progress_bar(request.steps(), args.quiet, "points");
    let swept = analyses::run(request, &|done| bar.set_position(done));
    bar.finish_and_clear();
    let swept = swept.map_err(|e| {
        // Leave no empty file behind for a result that does not exist.
        for path in created {
            std::fs::remove_file(path).ok();
        }
        Failure::from(e)
    })?;
    let table = write_table(&args, &swept);
    let chart = match &args.plot {
        Some(path) => {
            let (columns, rows) = (swept.columns(), swept.rows());
            let (scenario, axes) = (&swept.request.scenario, &swept.request.axes);
            sweep_chart::plot(
                path,
                &Table {
                    rows: &rows,
                    ..chart_table(scenario, axes, &columns)
                },
                metric,
            )
        }
        None => Ok(()),
    };
    // Whatever could be written is written, then the first failure is reported.
    match (table, chart) {
        (Ok(stdout), Ok(())) => Ok(stdout),
        (Ok(stdout), Err(failure)) => Err(Failure::Partial(stdout, Box::new(failure))),
        (Err(failure), _) => Err(failure),
    }
}

/// An N-side scenario (issue 10): the table of the N-side index and ratios (CSV or Parquet), and
/// its chart.
fn run_n_side(args: &SweepArgs) -> Result<String, Failure> {
    if args.vary.len() > 2 {
        return Err(Failure::Input(
            "--vary: give one axis (a line) or two (a grid)".into(),
        ));
    }
    let axes: Vec<Axis> = args
        .vary
        .iter()
        .map(|v| parse_axis(v))
        .collect::<Result<_, _>>()?;
    let outputs = crate::multilateral::SweepOutputs {
        table: args.output.as_deref(),
        plot: args.plot.as_deref(),
        metric: args.metric.as_deref(),
    };
    crate::multilateral::sweep(
        &args.scenario,
        &args.n_side,
        &axes,
        args.analysis.raw(),
        &outputs,
        args.quiet,
    )
}

/// The metric to plot: refused without --plot (it would be ignored) and checked before any work.
fn checked_metric<'a>(
    args: &'a SweepArgs,
    scenario: &Scenario,
    axes: &[Axis],
) -> Result<&'a str, Failure> {
    let metric = args.metric.as_deref().unwrap_or("index");
    if args.plot.is_none() && args.metric.is_some() {
        return Err(Failure::Input(format!(
            "--metric {metric} chooses what --plot draws: add --plot FILE.svg, or drop --metric (the CSV has every column)"
        )));
    }
    let columns = two_side_columns(scenario, axes);
    sweep_chart::metric_column(&chart_table(scenario, axes, &columns), metric)?;
    Ok(metric)
}

/// The two-side table's column names (as the CSV header).
fn two_side_columns(scenario: &Scenario, axes: &[Axis]) -> Vec<String> {
    report::sweep::columns(scenario, axes, None)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The chart's view of a two-side table (rows empty: fill them in); the index is drawn with
/// each side's ratio.
fn chart_table<'a>(scenario: &'a Scenario, axes: &'a [Axis], columns: &'a [String]) -> Table<'a> {
    Table {
        name: &scenario.name,
        axes,
        columns,
        rows: &[],
        companions: scenario
            .sides
            .iter()
            .map(|s| format!("ratio[{}]", s.name))
            .collect(),
    }
}

/// Creates every output file before the work, so a bad path fails in a second, not after the
/// whole grid. Returns the files that did not exist before.
fn open_outputs(args: &SweepArgs) -> Result<Vec<&Path>, Failure> {
    if cfg!(not(feature = "parquet")) && args.output.as_deref().is_some_and(is_parquet) {
        write_parquet(args.output.as_deref().unwrap_or(Path::new("")), None)?;
    }
    let mut created = Vec::new();
    for (option, path) in [("--output", &args.output), ("--plot", &args.plot)] {
        if let Some(path) = path {
            let existed = path.exists();
            std::fs::File::create(path).map_err(|e| {
                Failure::Input(format!(
                    "{option} {}: cannot create the file: {e}",
                    path.display()
                ))
            })?;
            if !existed {
                created.push(path.as_path());
            }
        }
    }
    Ok(created)
}

fn is_parquet(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "parquet")
}

/// Writes the table to its file and returns nothing to print, or returns the CSV for standard
/// output.
fn write_table(args: &SweepArgs, swept: &analyses::Swept) -> Result<String, Failure> {
    match &args.output {
        Some(path) if is_parquet(path) => {
            write_parquet(path, Some((&swept.columns(), &swept.rows())))?;
            Ok(String::new())
        }
        Some(path) => {
            std::fs::write(path, swept.csv())
                .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
            Ok(String::new())
        }
        None => Ok(swept.csv()),
    }
}

/// The same table as the CSV (column names, a row per point), as one Parquet row group of
/// float64 columns. Without a table: only checks that this build writes Parquet.
#[cfg(feature = "parquet")]
pub(crate) fn write_parquet(
    path: &Path,
    table: Option<(&[String], &[Vec<f64>])>,
) -> Result<(), Failure> {
    let Some((header, rows)) = table else {
        return Ok(());
    };
    use std::sync::Arc;

    use arrow::array::{ArrayRef, Float64Array};
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;

    let schema = Arc::new(Schema::new(
        header
            .iter()
            .map(|name| Field::new(name, DataType::Float64, false))
            .collect::<Vec<_>>(),
    ));
    let arrays: Vec<ArrayRef> = (0..header.len())
        .map(|c| {
            Arc::new(Float64Array::from(
                rows.iter().map(|r| r[c]).collect::<Vec<_>>(),
            )) as ArrayRef
        })
        .collect();
    let failed = |e: &dyn std::fmt::Display| {
        Failure::Input(format!("{}: cannot write Parquet: {e}", path.display()))
    };
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| failed(&e))?;
    let file = std::fs::File::create(path).map_err(|e| failed(&e))?;
    let mut writer = ArrowWriter::try_new(file, schema, None).map_err(|e| failed(&e))?;
    writer.write(&batch).map_err(|e| failed(&e))?;
    writer.close().map_err(|e| failed(&e))?;
    Ok(())
}

#[cfg(not(feature = "parquet"))]
pub(crate) fn write_parquet(
    path: &Path,
    _: Option<(&[String], &[Vec<f64>])>,
) -> Result<(), Failure> {
    Err(Failure::Input(format!(
        "{}: this reykjavik was built without Parquet support; rebuild with `cargo install --path crates/cli --features parquet`, or write CSV",
        path.display()
    )))
}

/// A sweep over a breakout case: the months to each significant quantity at every grid point,
/// as CSV (docs/breakout.md). Options of the stability analysis do not apply and are refused.
fn sweep_breakout(
    args: &SweepArgs,
    case: &reykjavik_fissile::case::Case,
) -> Result<String, Failure> {
    let mut given = args.analysis.given();
    if args.plot.is_some() {
        given.push("--plot");
    }
    if args.metric.is_some() {
        given.push("--metric");
    }
    if !given.is_empty() {
        let verb = if given.len() == 1 { "applies" } else { "apply" };
        return Err(Failure::Input(format!(
            "{}: a breakout case; {} {verb} only to scenarios (a breakout sweep writes CSV)",
            args.scenario,
            given.join(", ")
        )));
    }
    let table = crate::breakout::grid(
        case.clone(),
        args.scenario.clone(),
        &args.vary,
        crate::Format::Text,
    )?;
    match &args.output {
        None => Ok(table),
        Some(path) => {
            std::fs::write(path, &table)
                .map_err(|e| Failure::Input(format!("-o {}: cannot write: {e}", path.display())))?;
            Ok(String::new())
        }
    }
}
