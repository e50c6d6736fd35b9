//! `reykjavik compare SCENARIO PROPOSAL...`: the base and each proposal under the four standard
//! regimes, treaty counts, paired Monte Carlo, an SVG chart and an HTML brief
//! (docs/arms-control.md; JSON schema in docs/output-format.md). Arguments, loading, the
//! progress bar and the files written (chart, brief); the comparison is
//! `reykjavik_analyses::compare`, two sides or N.

use std::path::PathBuf;

use clap::Args;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use reykjavik_analyses::Sides;
use reykjavik_analyses::compare as analyses;
use reykjavik_report::compare::{Comparison, regime_name};

use crate::Format;
use crate::treaty::{counting, load_treaty};
use crate::{Failure, say};

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// A scenario TOML file or a built-in name (N sides: the N-side index, each side's overall
    /// and pairwise ratios; proposals change the truth, beliefs stay as written).
    #[arg(required_unless_present_any = ["list", "show"])]
    scenario: Option<String>,
    /// Proposal TOML files or built-in names (see --list).
    #[arg(required_unless_present_any = ["list", "show"])]
    proposals: Vec<String>,
    /// List the built-in proposals.
    #[arg(long, conflicts_with_all = ["scenario", "show"])]
    list: bool,
    /// Print a built-in proposal's TOML, with its sources and expected direction.
    #[arg(long, value_name = "NAME", conflicts_with = "scenario")]
    show: Option<String>,
    /// The treaty the counts are under (a file or a built-in name).
    #[arg(long, default_value = reykjavik_scenario::treaty::DEFAULT)]
    treaty: String,
    /// Count converted launchers as the other party does (see `reykjavik treaty --help`).
    #[arg(long)]
    count_disputed: bool,
    /// Paired Monte Carlo: N trials of base and proposal on the same random streams (on N sides:
    /// the inputs drawn, no random outcomes).
    #[arg(long, value_name = "N")]
    trials: Option<u64>,
    /// Master seed of the Monte Carlo streams.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write an SVG chart of the change in the index by regime.
    #[arg(long, value_name = "FILE.svg")]
    plot: Option<PathBuf>,
    /// Write a self-contained HTML brief for decision makers.
    #[arg(long, value_name = "FILE.html")]
    brief: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: CompareArgs) -> Result<String, Failure> {
    if args.list {
        return Ok(list());
    }
    if let Some(name) = &args.show {
        return reykjavik_scenario::proposal::builtin_text(name)
            .map(str::to_string)
            .ok_or_else(|| {
                Failure::Input(format!("no built-in proposal named `{name}` ({})", names()))
            });
    }
    let request = request(&args)?;
    let bar = crate::montecarlo::progress_bar(request.steps(), args.quiet, "paired trials");
    let comparison = analyses::run(&request, &|done| bar.set_position(done))?;
    bar.finish_and_clear();
    if args.plot.is_some() || args.brief.is_some() {
        let chart = match &comparison {
            analyses::Comparison::Two(c) => chart_svg(c)?,
            analyses::Comparison::N { comparison, .. } => n_side_chart_svg(comparison)?,
        };
        if let Some(path) = &args.plot {
            write_file(path, &chart)?;
        }
        if let Some(path) = &args.brief {
            write_file(path, &comparison.brief(&chart))?;
        }
    }
    Ok(match args.format {
        Format::Text => comparison.text(),
        Format::Json => format!("{:#}\n", comparison.json()),
    })
}

/// The request of a command line: the scenario (two or N sides), the treaty, the proposals.
fn request(args: &CompareArgs) -> Result<analyses::Request, Failure> {
    let name = args.scenario.as_deref().unwrap_or_default();
    let (base, treaty) = if reykjavik_scenario::multilateral::is_n_side(name) {
        let treaty = load_treaty(&args.treaty)?;
        let ms = reykjavik_scenario::multilateral::load(name)
            .map_err(|e| Failure::Input(e.to_string()))?;
        (Sides::N(Box::new(ms)), treaty)
    } else {
        let base = crate::multilateral::load_two_sided(name)?;
        (Sides::Two(Box::new(base)), load_treaty(&args.treaty)?)
    };
    let proposals = args
        .proposals
        .iter()
        .map(|name| {
            reykjavik_scenario::proposal::load(name).map_err(|e| Failure::Input(e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    Ok(analyses::Request {
        base,
        proposals,
        treaty,
        counting: counting(args.count_disputed),
        paired: args.trials.map(|trials| analyses::Paired {
            trials,
            seed: args.seed,
        }),
    })
}

fn write_file(path: &PathBuf, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))
}

fn names() -> String {
    let names: Vec<&str> = reykjavik_scenario::proposal::BUILTINS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    format!("built-in: {}", names.join(", "))
}

fn list() -> String {
    let mut out = String::new();
    for (name, _) in reykjavik_scenario::proposal::BUILTINS {
        let description = reykjavik_scenario::proposal::load(name)
            .map(|p| p.proposal.description)
            .unwrap_or_default();
        say!(out, "{name:<16} {description}");
    }
    say!(
        out,
        "\nPrint one with `reykjavik compare --show NAME`; compare with `reykjavik compare us-russia-2021 NAME...`."
    );
    out
}

/// Bars of the change in the index from the base, grouped by regime, one bar per proposal.
pub fn chart_svg(c: &Comparison) -> Result<String, Failure> {
    let base = &c.entries[0];
    bars_svg(&Bars {
        title: format!("{}: change in the stability index by regime", c.base.name),
        regimes: base.regimes.iter().map(regime_name).collect(),
        proposals: c.entries[1..]
            .iter()
            .map(|e| {
                let changes = e
                    .regimes
                    .iter()
                    .zip(&base.regimes)
                    .map(|(r, b)| r.index - b.index)
                    .collect();
                (e.name.clone(), changes)
            })
            .collect(),
    })
}

/// The N-side chart (issue 10): bars of the change in the N-side index from the base, grouped
/// by regime, one bar per proposal.
pub fn n_side_chart_svg(
    c: &reykjavik_report::multilateral_compare::NSideComparison,
) -> Result<String, Failure> {
    let base = &c.entries[0];
    bars_svg(&Bars {
        title: format!("{}: change in the N-side index by regime", c.scenario),
        regimes: base
            .regimes
            .iter()
            .map(reykjavik_report::multilateral_compare::regime_label)
            .collect(),
        proposals: c.entries[1..]
            .iter()
            .map(|e| {
                let changes = e
                    .regimes
                    .iter()
                    .zip(&base.regimes)
                    .map(|(r, b)| r.report.index - b.report.index)
                    .collect();
                (e.name.clone(), changes)
            })
            .collect(),
    })
}

/// What the comparison chart draws: per proposal, the change in an index under each regime.
struct Bars {
    title: String,
    regimes: Vec<String>,
    proposals: Vec<(String, Vec<f64>)>,
}

fn bars_svg(bars: &Bars) -> Result<String, Failure> {
    let mut svg = String::new();
    draw_chart(bars, &mut svg)
        .map_err(|e| Failure::Computation(format!("cannot draw the chart: {e}")))?;
    Ok(svg)
}

const COLOURS: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
];

fn draw_chart(bars: &Bars, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let proposals = &bars.proposals;
    let extent = proposals
        .iter()
        .flat_map(|(_, changes)| changes)
        .fold(0.01_f64, |m, x| m.max(x.abs()))
        * 1.15;
    let root = SVGBackend::with_string(svg, (760, 225)).into_drawing_area();
    root.fill(&WHITE)?;
    // Four regime groups on 0..4; the space to the right holds the legend.
    let mut chart = ChartBuilder::on(&root)
        .caption(&bars.title, ("sans-serif", 15))
        .margin(10)
        .x_label_area_size(8)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..5.4, -extent..extent)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .x_label_formatter(&|_: &f64| String::new())
        .y_desc("index change")
        .draw()?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (4.0, 0.0)],
        BLACK,
    )))?;
    let label_style = ("sans-serif", 13)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    chart.draw_series(
        bars.regimes
            .iter()
            .enumerate()
            .map(|(g, r)| Text::new(r.clone(), (g as f64 + 0.5, -extent), label_style.clone())),
    )?;
    let width = 0.8 / proposals.len().max(1) as f64;
    for (k, (name, values)) in proposals.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        chart
            .draw_series(values.iter().enumerate().map(|(g, v)| {
                let x0 = g as f64 + 0.1 + k as f64 * width;
                Rectangle::new([(x0, 0.0), (x0 + width * 0.9, *v)], colour.filled())
            }))?
            .label(name.clone())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .position(SeriesLabelPosition::UpperRight)
        .draw()?;
    root.present()?;
    Ok(())
}
