//! The SVG chart of `reykjavik race`: forces and the index by round (plotters; the JSON and
//! text are in `reykjavik_report::race`).

use plotters::prelude::*;
use reykjavik_engine::reaction::race::{Race, SideState};
use reykjavik_report::race::RaceContext;

/// Forces (nuclear warheads and interceptors of each side) and the index by round.
pub fn race_svg(c: &RaceContext, race: &Race) -> Result<String, String> {
    let mut svg = String::new();
    draw(c, race, &mut svg).map_err(|e| format!("cannot draw the chart: {e}"))?;
    Ok(svg)
}

const COLOURS: [RGBColor; 2] = [RGBColor(31, 119, 180), RGBColor(214, 39, 40)];

fn draw(c: &RaceContext, race: &Race, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    // x = -1 is the start, 0 the move, k the k-th response.
    let points: Vec<(f64, &[SideState; 2], f64)> =
        std::iter::once((-1.0, &race.start, race.start_index))
            .chain(
                race.rounds
                    .iter()
                    .map(|r| (f64::from(r.round), &r.sides, r.index)),
            )
            .collect();
    let last = points.last().map_or(1.0, |p| p.0.max(1.0));
    let most = points
        .iter()
        .flat_map(|(_, s, _)| s.iter().map(|x| x.warheads.max(x.interceptors) as f64))
        .fold(1.0, f64::max)
        * 1.1;
    let root = SVGBackend::with_string(svg, (760, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(300);
    let mut forces = ChartBuilder::on(&top)
        .caption(
            format!("{} after {}: forces by round", c.base.name, c.move_name),
            ("sans-serif", 15),
        )
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(-1.0..last, 0.0..most)?;
    let labels = (last as usize + 2).min(21);
    let whole = |x: &f64| format!("{x:.0}");
    forces
        .configure_mesh()
        .x_labels(labels)
        .x_label_formatter(&whole)
        .y_label_formatter(&whole)
        .x_desc("round (-1: before the move; 0: the move)")
        .y_desc("count")
        .draw()?;
    for s in 0..2 {
        let colour = COLOURS[s];
        let name = c.base.sides[s].name.clone();
        forces
            .draw_series(LineSeries::new(
                points
                    .iter()
                    .map(|(x, sides, _)| (*x, sides[s].warheads as f64)),
                colour.stroke_width(2),
            ))?
            .label(format!("{name} nuclear warheads"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
            });
        forces
            .draw_series(LineSeries::new(
                points
                    .iter()
                    .map(|(x, sides, _)| (*x, sides[s].interceptors as f64)),
                colour.mix(0.5).stroke_width(1),
            ))?
            .label(format!("{name} interceptors"))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.mix(0.5)));
    }
    forces
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .position(SeriesLabelPosition::LowerRight)
        .draw()?;
    let mut index = ChartBuilder::on(&bottom)
        .margin(10)
        .x_label_area_size(24)
        .y_label_area_size(52)
        .build_cartesian_2d(-1.0..last, 0.0..1.0)?;
    index
        .configure_mesh()
        .x_labels(labels)
        .x_label_formatter(&whole)
        .y_desc("index")
        .draw()?;
    index.draw_series(LineSeries::new(
        points.iter().map(|(x, _, i)| (*x, *i)),
        BLACK.stroke_width(2),
    ))?;
    index.draw_series(
        points
            .iter()
            .map(|(x, _, i)| Circle::new((*x, *i), 3, BLACK.filled())),
    )?;
    root.present()?;
    Ok(())
}
