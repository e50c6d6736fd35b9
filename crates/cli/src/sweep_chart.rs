//! The SVG chart of `reykjavik sweep --plot`, two-side or N-side alike: drawn from the sweep's
//! table (column names and rows, the axes first), a line chart for one axis and a heat map for
//! two.

use std::path::Path;

use plotters::prelude::*;
use reykjavik_engine::sweep::Axis;
use reykjavik_report::sweep::label;

use crate::Failure;

/// A sweep's table as the chart reads it.
pub struct Table<'a> {
    /// The scenario's name, for the title.
    pub name: &'a str,
    pub axes: &'a [Axis],
    pub columns: &'a [String],
    /// A row per grid point, in the order of `columns` (the axes' values first).
    pub rows: &'a [Vec<f64>],
    /// Columns drawn with the index on a line chart (each side's ratio), where present.
    pub companions: Vec<String>,
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

/// The column of `metric`, or an error listing the columns.
pub fn metric_column(table: &Table, metric: &str) -> Result<usize, Failure> {
    let header = table.columns;
    header.iter().position(|n| n == metric).ok_or_else(|| {
        let names: Vec<&str> = header
            .iter()
            .skip(table.axes.len())
            .map(String::as_str)
            .collect();
        Failure::Input(format!(
            "--metric {metric}: no such column (columns: {})",
            names.join(", ")
        ))
    })
}

/// Draws the chart of `table`'s `metric` to `path`: lines against the first axis for one axis
/// (the index with its companions), a heat map for two.
pub fn plot(path: &Path, table: &Table, metric: &str) -> Result<(), Failure> {
    let column = metric_column(table, metric)?;
    let root = SVGBackend::new(path, (900, 640)).into_drawing_area();
    root.fill(&WHITE).map_err(plot_error)?;
    let chart = Chart {
        title: format!("{}: {metric}", table.name),
        table,
        metric,
        column,
        x: span(&table.axes[0].values),
    };
    if table.axes.len() == 1 {
        chart.lines(&root)?;
    } else {
        chart.heat_map(&root)?;
    }
    root.present().map_err(plot_error)?;
    Ok(())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// What both chart kinds draw from: the table, the metric's column, the first axis's span.
struct Chart<'a> {
    title: String,
    table: &'a Table<'a>,
    metric: &'a str,
    column: usize,
    x: (f64, f64),
}

/// The lowest and highest of an axis's first and last values.
fn span(values: &[f64]) -> (f64, f64) {
    let (first, last) = (values[0], values[values.len() - 1]);
    (first.min(last), first.max(last))
}

/// The line colours, in series order.
const PALETTE: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

impl Chart<'_> {
    /// The series a line chart draws: the index with its companions, or the one metric.
    fn series(&self) -> Vec<(String, usize)> {
        let mut series = vec![(self.metric.to_string(), self.column)];
        if self.metric == "index" {
            for name in &self.table.companions {
                if let Some(c) = self.table.columns.iter().position(|n| n == name) {
                    series.push((name.clone(), c));
                }
            }
        }
        series
    }

    /// One axis: a line per series against the axis, with a legend.
    fn lines(&self, root: &Area) -> Result<(), Failure> {
        let (points, x_axis) = (self.table.rows, &self.table.axes[0]);
        let series = self.series();
        let y_high = points
            .iter()
            .flat_map(|row| series.iter().map(move |(_, c)| row[*c]))
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let y_high = if y_high <= 1.0 { 1.0 } else { y_high * 1.05 };
        let (x_low, x_high) = self.x;
        let x_pad = if x_high > x_low { 0.0 } else { 0.5 };
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", 22))
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
            .y_desc(if self.metric == "index" {
                "index and ratios (0 to 1)".to_string()
            } else {
                self.metric.to_string()
            })
            .draw()
            .map_err(plot_error)?;
        for (k, (name, c)) in series.iter().enumerate() {
            let color = PALETTE[k % PALETTE.len()];
            let line: Vec<(f64, f64)> = points.iter().map(|p| (p[0], p[*c])).collect();
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
        Ok(())
    }

    /// Two axes: a cell per grid point coloured by the metric, with a colour bar.
    fn heat_map(&self, root: &Area) -> Result<(), Failure> {
        let (points, axes) = (self.table.rows, self.table.axes);
        let (x_axis, y_axis) = (&axes[0], &axes[1]);
        let half = |values: &[f64]| {
            if values.len() > 1 {
                (values[1] - values[0]).abs() / 2.0
            } else {
                0.5
            }
        };
        let (hx, hy) = (half(&x_axis.values), half(&y_axis.values));
        let ((x_low, x_high), (y_low, y_high)) = (self.x, span(&y_axis.values));
        let values: Vec<f64> = points.iter().map(|p| p[self.column]).collect();
        let (v_low, v_high) = values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                (l.min(v), h.max(v))
            });
        let range = if v_high > v_low { v_high - v_low } else { 1.0 };
        let (plot_area, legend_area) = root.split_horizontally(780);
        let mut chart = ChartBuilder::on(&plot_area)
            .caption(&self.title, ("sans-serif", 22))
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
                let (x, y) = (p[0], p[1]);
                Rectangle::new(
                    [(x - hx, y - hy), (x + hx, y + hy)],
                    viridis((v - v_low) / range).filled(),
                )
            }))
            .map_err(plot_error)?;
        self.colour_bar(&legend_area, v_low, range)
    }

    /// The heat map's colour bar, with its scale from `low` over `range`.
    fn colour_bar(&self, area: &Area, low: f64, range: f64) -> Result<(), Failure> {
        let mut bar = ChartBuilder::on(area)
            .margin_top(60)
            .margin_bottom(70)
            .margin_right(10)
            .y_label_area_size(55)
            .build_cartesian_2d(0.0..1.0, low..low + range)
            .map_err(plot_error)?;
        bar.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_labels(8)
            .y_label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .y_desc(self.metric)
            .draw()
            .map_err(plot_error)?;
        let steps = 100;
        bar.draw_series((0..steps).map(|k| {
            let a = low + range * k as f64 / steps as f64;
            let b = low + range * (k + 1) as f64 / steps as f64;
            Rectangle::new(
                [(0.0, a), (1.0, b)],
                viridis(k as f64 / (steps - 1) as f64).filled(),
            )
        }))
        .map_err(plot_error)?;
        Ok(())
    }
}
