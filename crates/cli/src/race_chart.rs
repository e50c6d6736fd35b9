//! The SVG chart of `reykjavik race`, two-side and N-side alike: each actor's forces (nuclear
//! warheads, and interceptors where it has any) and the index by round or turn (plotters; the
//! JSON and text are in `reykjavik_report::race` and `reykjavik_report::n_side_race`).

use plotters::prelude::*;
use reykjavik_engine::reaction::n_side_race::NSideRace;
use reykjavik_engine::reaction::race::Race;
use reykjavik_report::n_side_race::NSideRaceContext;
use reykjavik_report::race::RaceContext;

/// Forces and the index by round of a two-side race.
pub fn race_svg(c: &RaceContext, race: &Race) -> Result<String, String> {
    let forces = |s: &[reykjavik_engine::reaction::race::SideState; 2]| {
        s.iter().map(|x| (x.warheads, x.interceptors)).collect()
    };
    let points = std::iter::once((-1.0, forces(&race.start), race.start_index))
        .chain(
            race.rounds
                .iter()
                .map(|r| (f64::from(r.round), forces(&r.sides), r.index)),
        )
        .collect();
    svg(&Frame {
        title: format!("{} after {}: forces by round", c.base.name, c.move_name),
        step: "round",
        index_label: "index",
        size: (760, 480),
        forces_height: 300,
        names: c
            .base
            .sides
            .iter()
            .take(2)
            .map(|s| s.name.clone())
            .collect(),
        points,
    })
}

/// Forces and the N-side index by turn of an N-side race.
pub fn n_side_race_svg(c: &NSideRaceContext, race: &NSideRace) -> Result<String, String> {
    let forces = |s: &[reykjavik_engine::reaction::n_side_race::ActorState]| {
        s.iter().map(|x| (x.warheads, x.interceptors)).collect()
    };
    let points = std::iter::once((-1.0, forces(&race.start), race.start_index))
        .chain(
            race.turns
                .iter()
                .map(|t| (f64::from(t.turn), forces(&t.actors), t.index)),
        )
        .collect();
    svg(&Frame {
        title: format!(
            "{} after {}: forces by turn",
            c.base.scenario.name, c.move_name
        ),
        step: "turn",
        index_label: "N-side index",
        size: (760, 520),
        forces_height: 340,
        names: race.actor_names.clone(),
        points,
    })
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

/// One x (-1 the start, 0 the move, k the k-th response): each actor's (nuclear warheads,
/// interceptors), and the index.
type Point = (f64, Vec<(u64, u64)>, f64);

/// What the chart shows.
struct Frame {
    title: String,
    step: &'static str,
    index_label: &'static str,
    size: (u32, u32),
    forces_height: u32,
    names: Vec<String>,
    points: Vec<Point>,
}

fn svg(frame: &Frame) -> Result<String, String> {
    let mut svg = String::new();
    draw(frame, &mut svg).map_err(|e| format!("cannot draw the chart: {e}"))?;
    Ok(svg)
}

fn draw(f: &Frame, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let last = f.points.last().map_or(1.0, |p| p.0.max(1.0));
    let most = f
        .points
        .iter()
        .flat_map(|(_, s, _)| s.iter().map(|&(w, i)| w.max(i) as f64))
        .fold(1.0, f64::max)
        * 1.1;
    let root = SVGBackend::with_string(svg, f.size).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(f.forces_height);
    let mut forces = ChartBuilder::on(&top)
        .caption(&f.title, ("sans-serif", 15))
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(-1.0..last, 0.0..most)?;
    let labels = (last as usize + 2).min(21);
    let whole = |x: &f64| format!("{x:.0}");
    let x_desc = format!("{} (-1: before the move; 0: the move)", f.step);
    forces
        .configure_mesh()
        .x_labels(labels)
        .x_label_formatter(&whole)
        .y_label_formatter(&whole)
        .x_desc(x_desc)
        .y_desc("count")
        .draw()?;
    for (a, name) in f.names.iter().enumerate() {
        let colour = COLOURS[a % COLOURS.len()];
        let series = |pick: fn(&(u64, u64)) -> u64| {
            f.points
                .iter()
                .map(move |(x, s, _)| (*x, pick(&s[a]) as f64))
        };
        forces
            .draw_series(LineSeries::new(series(|s| s.0), colour.stroke_width(2)))?
            .label(format!("{name} nuclear warheads"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2))
            });
        // A flat line at zero would only crowd the legend.
        if f.points.iter().any(|(_, s, _)| s[a].1 > 0) {
            forces
                .draw_series(LineSeries::new(
                    series(|s| s.1),
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
        .y_desc(f.index_label)
        .draw()?;
    index.draw_series(LineSeries::new(
        f.points.iter().map(|(x, _, i)| (*x, *i)),
        BLACK.stroke_width(2),
    ))?;
    index.draw_series(
        f.points
            .iter()
            .map(|(x, _, i)| Circle::new((*x, *i), 3, BLACK.filled())),
    )?;
    root.present()?;
    Ok(())
}
