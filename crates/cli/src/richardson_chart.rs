//! The SVG trajectory chart of `reykjavik richardson` (plotters; the JSON and text are in
//! `reykjavik_report::richardson`).

use plotters::prelude::*;
use reykjavik_report::richardson::RichardsonReport;

/// Both levels against time, with a stable equilibrium as dashed lines.
pub fn trajectory_svg(r: &RichardsonReport) -> Result<String, String> {
    let mut svg = String::new();
    draw(r, &mut svg).map_err(|e| format!("cannot draw the chart: {e}"))?;
    Ok(svg)
}

fn draw(r: &RichardsonReport, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let points = &r.trajectory.points;
    let t_end = points.last().map_or(r.years, |p| p.t).max(1e-9);
    let (mut low, mut high) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.x).min(p.y), hi.max(p.x).max(p.y))
    });
    // A stable equilibrium is where the lines go: keep it in view.
    let equilibrium = r
        .analysis
        .equilibrium
        .filter(|_| r.analysis.classification.is_stable());
    if let Some((x, y)) = equilibrium {
        (low, high) = (low.min(x).min(y), high.max(x).max(y));
    }
    let pad = ((high - low) * 0.05).max(1e-9);
    let root = SVGBackend::with_string(svg, (760, 420)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!(
                "Richardson trajectory: {}",
                r.analysis.classification.name()
            ),
            ("sans-serif", 16),
        )
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..t_end, (low - pad)..(high + pad))?;
    chart
        .configure_mesh()
        .x_desc("years")
        .y_desc("armament level")
        .draw()?;
    let blue = RGBColor(31, 119, 180);
    let orange = RGBColor(255, 127, 14);
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|p| (p.t, p.x)),
            blue.stroke_width(2),
        ))?
        .label("x")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], blue));
    chart
        .draw_series(LineSeries::new(
            points.iter().map(|p| (p.t, p.y)),
            orange.stroke_width(2),
        ))?
        .label("y")
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], orange));
    if let Some((x, y)) = equilibrium {
        for (level, colour) in [(x, blue), (y, orange)] {
            chart.draw_series(DashedLineSeries::new(
                [(0.0, level), (t_end, level)],
                6,
                4,
                colour.mix(0.6).stroke_width(1),
            ))?;
        }
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
