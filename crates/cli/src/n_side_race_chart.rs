//! The SVG chart of `reykjavik race` on N sides: each actor's forces and the N-side index by
//! turn (as `race_chart` on two sides; the JSON and text are in `reykjavik_report::n_side_race`).

use plotters::prelude::*;
use reykjavik_engine::reaction::n_side_race::{ActorState, NSideRace};
use reykjavik_report::n_side_race::NSideRaceContext;

/// Forces (nuclear warheads and interceptors of each actor) and the N-side index by turn.
pub fn n_side_race_svg(c: &NSideRaceContext, race: &NSideRace) -> Result<String, String> {
    let mut svg = String::new();
    draw(c, race, &mut svg).map_err(|e| format!("cannot draw the chart: {e}"))?;
    Ok(svg)
}

/// Eight colours: the N-side analysis takes at most eight sides.
const COLOURS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

type Point<'a> = (f64, &'a [ActorState], f64);

fn draw(
    c: &NSideRaceContext,
    race: &NSideRace,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    // x = -1 is the start, 0 the move, k the k-th response.
    let points: Vec<Point> = std::iter::once((-1.0, race.start.as_slice(), race.start_index))
        .chain(
            race.turns
                .iter()
                .map(|t| (f64::from(t.turn), t.actors.as_slice(), t.index)),
        )
        .collect();
    let last = points.last().map_or(1.0, |p| p.0.max(1.0));
    let most = points
        .iter()
        .flat_map(|(_, s, _)| s.iter().map(|x| x.warheads.max(x.interceptors) as f64))
        .fold(1.0, f64::max)
        * 1.1;
    let root = SVGBackend::with_string(svg, (760, 520)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(340);
    let title = format!(
        "{} after {}: forces by turn",
        c.base.scenario.name, c.move_name
    );
    let mut forces = ChartBuilder::on(&top)
        .caption(title, ("sans-serif", 15))
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
        .x_desc("turn (-1: before the move; 0: the move)")
        .y_desc("count")
        .draw()?;
    for (a, name) in race.actor_names.iter().enumerate() {
        let colour = COLOURS[a % COLOURS.len()];
        let line = |f: fn(&ActorState) -> u64| {
            LineSeries::new(
                points.iter().map(move |(x, s, _)| (*x, f(&s[a]) as f64)),
                colour.stroke_width(2),
            )
        };
        forces
            .draw_series(line(|s| s.warheads))?
            .label(format!("{name} nuclear warheads"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
            });
        if points.iter().any(|(_, s, _)| s[a].interceptors > 0) {
            forces
                .draw_series(LineSeries::new(
                    points
                        .iter()
                        .map(|(x, s, _)| (*x, s[a].interceptors as f64)),
                    colour.mix(0.5).stroke_width(1),
                ))?
                .label(format!("{name} interceptors"))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.mix(0.5)));
        }
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
        .y_desc("N-side index")
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
