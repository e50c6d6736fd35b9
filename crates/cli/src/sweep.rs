//! `reykjavik sweep`: the analysis over a 1-D or 2-D grid of inputs, to CSV, with an optional
//! SVG chart (a line chart for one axis, a heat map for two).

use std::path::{Path, PathBuf};

use clap::Args;
use plotters::prelude::*;
use reykjavik_engine::limits::{self, size};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::sweep::{self, Axis, SweepPoint};

use crate::analyze::AnalysisArgs;
use reykjavik_report as report;
use reykjavik_report::sweep::label;

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

/// A perceptually ordered colour scale (viridis anchors), for t in [0, 1].
fn viridis(t: f64) -> RGBColor {
    const ANCHORS: [(u8, u8, u8); 5] = [
        (68, 1, 84),
        (59, 82, 139),
        (33, 145, 140),
        (94, 201, 98),
        (253, 231, 37),
    ];
    let t = t.clamp(0.0, 1.0) * (ANCHORS.len() - 1) as f64;
    let k = (t.floor() as usize).min(ANCHORS.len() - 2);
    let f = t - k as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (ANCHORS[k], ANCHORS[k + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn plot_error(e: impl std::fmt::Display) -> Failure {
    Failure::Computation(format!("cannot draw the chart: {e}"))
}

/// The CSV column of `metric`, or an error listing the columns.
fn metric_column(scenario: &Scenario, axes: &[Axis], metric: &str) -> Result<usize, Failure> {
    let header = report::sweep::columns(scenario, axes, None);
    header.iter().position(|(n, _)| n == metric).ok_or_else(|| {
        let names: Vec<&str> = header
            .iter()
            .skip(axes.len())
            .map(|(n, _)| n.as_str())
            .collect();
        Failure::Input(format!(
            "--metric {metric}: no such column (columns: {})",
            names.join(", ")
        ))
    })
}

fn plot(
    path: &PathBuf,
    scenario: &Scenario,
    axes: &[Axis],
    points: &[SweepPoint],
    metric: &str,
) -> Result<(), Failure> {
    let header = report::sweep::columns(scenario, axes, None);
    let column = metric_column(scenario, axes, metric)?;
    let value = |p: &SweepPoint| report::sweep::columns(scenario, axes, Some(p))[column].1;
    let root = SVGBackend::new(path, (900, 640)).into_drawing_area();
    root.fill(&WHITE).map_err(plot_error)?;
    let title = format!("{}: {metric}", scenario.name);
    let x_axis = &axes[0];
    let (x_low, x_high) = (
        x_axis.values[0].min(*x_axis.values.last().unwrap()),
        x_axis.values[0].max(*x_axis.values.last().unwrap()),
    );
    let x_pad = if x_high > x_low { 0.0 } else { 0.5 };
    if axes.len() == 1 {
        let series: Vec<(String, usize)> = if metric == "index" {
            let names: Vec<String> = header.iter().map(|(n, _)| n.clone()).collect();
            let mut s = vec![("index".to_string(), column)];
            for side in &scenario.sides {
                let name = format!("ratio[{}]", side.name);
                if let Some(c) = names.iter().position(|n| *n == name) {
                    s.push((name, c));
                }
            }
            s
        } else {
            vec![(metric.to_string(), column)]
        };
        let all: Vec<f64> = points
            .iter()
            .flat_map(|p| {
                let row = report::sweep::columns(scenario, axes, Some(p));
                series
                    .iter()
                    .map(move |(_, c)| row[*c].1)
                    .collect::<Vec<_>>()
            })
            .collect();
        let y_high = all.iter().copied().fold(0.0f64, f64::max).max(1e-9);
        let y_high = if y_high <= 1.0 { 1.0 } else { y_high * 1.05 };
        let mut chart = ChartBuilder::on(&root)
            .caption(&title, ("sans-serif", 22))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(x_low - x_pad..x_high + x_pad, 0.0..y_high)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .x_desc(label(&x_axis.path))
            .y_desc(if metric == "index" {
                "index and ratios (0 to 1)".to_string()
            } else {
                metric.to_string()
            })
            .draw()
            .map_err(plot_error)?;
        let palette = [
            RGBColor(31, 119, 180),
            RGBColor(214, 39, 40),
            RGBColor(44, 160, 44),
            RGBColor(148, 103, 189),
        ];
        for (k, (name, c)) in series.iter().enumerate() {
            let color = palette[k % palette.len()];
            let line: Vec<(f64, f64)> = points
                .iter()
                .map(|p| {
                    (
                        p.coordinates[0],
                        report::sweep::columns(scenario, axes, Some(p))[*c].1,
                    )
                })
                .collect();
            chart
                .draw_series(LineSeries::new(line.clone(), color.stroke_width(2)))
                .map_err(plot_error)?
                .label(name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                });
            chart
                .draw_series(
                    line.into_iter()
                        .map(|xy| Circle::new(xy, 3, color.filled())),
                )
                .map_err(plot_error)?;
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .map_err(plot_error)?;
    } else {
        let y_axis = &axes[1];
        let ny = y_axis.values.len();
        let half = |values: &[f64]| {
            if values.len() > 1 {
                (values[1] - values[0]).abs() / 2.0
            } else {
                0.5
            }
        };
        let (hx, hy) = (half(&x_axis.values), half(&y_axis.values));
        let (y_low, y_high) = (
            y_axis.values[0].min(y_axis.values[ny - 1]),
            y_axis.values[0].max(y_axis.values[ny - 1]),
        );
        let values: Vec<f64> = points.iter().map(value).collect();
        let (v_low, v_high) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                (l.min(v), h.max(v))
            });
        let span = if v_high > v_low { v_high - v_low } else { 1.0 };
        let (plot_area, legend_area) = root.split_horizontally(780);
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(&title, ("sans-serif", 22))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(x_low - hx..x_high + hx, y_low - hy..y_high + hy)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .x_desc(label(&x_axis.path))
            .y_desc(label(&y_axis.path))
            .draw()
            .map_err(plot_error)?;
        chart
            .draw_series(points.iter().zip(&values).map(|(p, &v)| {
                let (x, y) = (p.coordinates[0], p.coordinates[1]);
                Rectangle::new(
                    [(x - hx, y - hy), (x + hx, y + hy)],
                    viridis((v - v_low) / span).filled(),
                )
            }))
            .map_err(plot_error)?;
        // Colour bar with its scale.
        let mut bar = ChartBuilder::on(&legend_area)
            .margin_top(60)
            .margin_bottom(70)
            .margin_right(10)
            .y_label_area_size(55)
            .build_cartesian_2d(0.0..1.0, v_low..v_low + span)
            .map_err(plot_error)?;
        bar.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_labels(8)
            .y_label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .y_desc(metric)
            .draw()
            .map_err(plot_error)?;
        let steps = 100;
        bar.draw_series((0..steps).map(|k| {
            let a = v_low + span * k as f64 / steps as f64;
            let b = v_low + span * (k + 1) as f64 / steps as f64;
            Rectangle::new(
                [(0.0, a), (1.0, b)],
                viridis(k as f64 / (steps - 1) as f64).filled(),
            )
        }))
        .map_err(plot_error)?;
    }
    root.present().map_err(plot_error)?;
    Ok(())
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
    let (most, why) = limits::max_sweep_points(&scenario);
    if points > most {
        return Err(Failure::Input(format!(
            "--vary: {points} grid points is too many for this scenario (at most {most}; {why}); use fewer STEPS"
        )));
    }
    sweep::check_axes(&scenario, &axes).map_err(|e| Failure::Input(format!("--vary: {e}")))?;
    let metric = checked_metric(&args, &scenario, &axes)?;
    let created = open_outputs(&args)?;
    let bar = montecarlo::progress_bar(sweep::size(&axes) as u64, args.quiet, "points");
    let points = sweep::run(&scenario, &axes, options, &|done| bar.set_position(done));
    bar.finish_and_clear();
    let points = points.map_err(|e| {
        // Leave no empty file behind for a result that does not exist.
        for path in created {
            std::fs::remove_file(path).ok();
        }
        Failure::Computation(e.to_string())
    })?;
    let table = write_table(&args, &scenario, &axes, &points);
    let chart = match &args.plot {
        Some(path) => plot(path, &scenario, &axes, &points, metric),
        None => Ok(()),
    };
    // Whatever could be written is written, then the first failure is reported.
    match (table, chart) {
        (Ok(stdout), Ok(())) => Ok(stdout),
        (Ok(stdout), Err(failure)) => Err(Failure::Partial(stdout, Box::new(failure))),
        (Err(failure), _) => Err(failure),
    }
}

/// An N-side scenario (issue 10): CSV of the N-side index and ratios.
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
    crate::multilateral::sweep(
        &args.scenario,
        &args.n_side,
        &axes,
        args.analysis.raw(),
        args.output.as_deref(),
        args.plot.is_some() || args.metric.is_some(),
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
    metric_column(scenario, axes, metric)?;
    Ok(metric)
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
fn write_table(
    args: &SweepArgs,
    scenario: &Scenario,
    axes: &[Axis],
    points: &[SweepPoint],
) -> Result<String, Failure> {
    match &args.output {
        Some(path) if is_parquet(path) => {
            write_parquet(path, Some((scenario, axes, points)))?;
            Ok(String::new())
        }
        Some(path) => {
            std::fs::write(path, report::sweep::csv(scenario, axes, points))
                .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
            Ok(String::new())
        }
        None => Ok(report::sweep::csv(scenario, axes, points)),
    }
}

/// The same table as the CSV, as one Parquet row group of float64 columns.
#[cfg(feature = "parquet")]
fn write_parquet(
    path: &Path,
    table: Option<(&Scenario, &[Axis], &[SweepPoint])>,
) -> Result<(), Failure> {
    let Some((scenario, axes, points)) = table else {
        return Ok(());
    };
    use std::sync::Arc;

    use arrow::array::{ArrayRef, Float64Array};
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;

    let header = report::sweep::columns(scenario, axes, None);
    let rows: Vec<Vec<(String, f64)>> = points
        .iter()
        .map(|p| report::sweep::columns(scenario, axes, Some(p)))
        .collect();
    let schema = Arc::new(Schema::new(
        header
            .iter()
            .map(|(name, _)| Field::new(name, DataType::Float64, false))
            .collect::<Vec<_>>(),
    ));
    let arrays: Vec<ArrayRef> = (0..header.len())
        .map(|c| {
            Arc::new(Float64Array::from(
                rows.iter().map(|r| r[c].1).collect::<Vec<_>>(),
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
fn write_parquet(
    path: &Path,
    _: Option<(&Scenario, &[Axis], &[SweepPoint])>,
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
    let table = crate::breakout::sweep(case, &args.vary)?;
    match &args.output {
        None => Ok(table),
        Some(path) => {
            std::fs::write(path, &table)
                .map_err(|e| Failure::Input(format!("-o {}: cannot write: {e}", path.display())))?;
            Ok(String::new())
        }
    }
}
