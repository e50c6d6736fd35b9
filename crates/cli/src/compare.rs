//! `reykjavik compare SCENARIO PROPOSAL...`: the base and each proposal under the four standard
//! regimes, treaty counts, paired Monte Carlo, an SVG chart and an HTML brief
//! (docs/arms-control.md; JSON schema in docs/output-format.md).

use std::path::PathBuf;

use clap::Args;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use reykjavik_engine::arms_control::compare::{self, PairedChange, RegimeTerms};
use reykjavik_engine::arms_control::proposal::Proposal;
use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_engine::model::Scenario;
use serde_json::{Value, json};

use crate::treaty::{Format, count_sides, counting, counting_name, load_treaty, side_json};
use crate::{Failure, say};

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// A scenario TOML file or a built-in name.
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
    /// Paired Monte Carlo: N trials of base and proposal on the same random streams.
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

/// One column of the comparison: the base or a proposal applied to it.
pub struct Entry {
    pub name: String,
    pub proposal: Option<Proposal>,
    pub regimes: Vec<RegimeTerms>,
    pub counts: Vec<SideCount>,
    /// Paired Monte Carlo against the base (proposals only, with --trials).
    pub paired: Option<Vec<PairedChange>>,
}

/// Everything a comparison reports.
pub struct Comparison {
    pub base: Scenario,
    pub treaty: Treaty,
    pub counting: Counting,
    pub trials: Option<(u64, u64)>,
    pub entries: Vec<Entry>,
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
    let comparison = build(&args)?;
    if let Some(path) = &args.plot {
        let svg = chart_svg(&comparison)?;
        write_file(path, &svg)?;
    }
    if let Some(path) = &args.brief {
        let chart = chart_svg(&comparison)?;
        write_file(path, &crate::brief::html(&comparison, &chart))?;
    }
    Ok(match args.format {
        Format::Text => text(&comparison),
        Format::Json => format!("{:#}\n", json(&comparison)),
    })
}

fn build(args: &CompareArgs) -> Result<Comparison, Failure> {
    let base = crate::multilateral::load_two_sided(
        "compare",
        args.scenario.as_deref().unwrap_or_default(),
    )?;
    let treaty = load_treaty(&args.treaty)?;
    let counting = counting(args.count_disputed);
    let mut entries = vec![entry(&base, "base".into(), None, &treaty, counting)?];
    let total = args.trials.unwrap_or(0) * 4 * args.proposals.len() as u64;
    let bar = crate::montecarlo::progress_bar(total, args.quiet, "paired trials");
    for (k, name) in args.proposals.iter().enumerate() {
        let loaded =
            reykjavik_scenario::proposal::load(name).map_err(|e| Failure::Input(e.to_string()))?;
        let changed = reykjavik_scenario::proposal::apply(&base, &loaded)
            .map_err(|e| Failure::Input(e.to_string()))?;
        let proposal = loaded.proposal;
        let mut e = entry(
            &changed,
            proposal.name.clone(),
            Some(proposal),
            &treaty,
            counting,
        )?;
        if let Some(trials) = args.trials {
            let offset = k as u64 * trials * 4;
            let progress = |done: u64| bar.set_position(offset + done);
            e.paired = Some(
                compare::paired_monte_carlo(&base, &changed, trials, args.seed, &progress)
                    .map_err(computation)?,
            );
        }
        entries.push(e);
    }
    bar.finish_and_clear();
    Ok(Comparison {
        base,
        treaty,
        counting,
        trials: args.trials.map(|t| (t, args.seed)),
        entries,
    })
}

fn entry(
    scenario: &Scenario,
    name: String,
    proposal: Option<Proposal>,
    treaty: &Treaty,
    counting: Counting,
) -> Result<Entry, Failure> {
    Ok(Entry {
        name,
        proposal,
        regimes: compare::regimes(scenario).map_err(computation)?,
        counts: count_sides(treaty, scenario, counting),
        paired: None,
    })
}

fn computation(e: reykjavik_engine::EngineError) -> Failure {
    Failure::Computation(e.to_string())
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

/// Short regime names, in `STANDARD_REGIMES` order.
pub fn regime_name(r: &RegimeTerms) -> String {
    regime_label(r.alert.name(), r.launch_under_attack)
}

fn regime_label(alert: &str, launch_under_attack: bool) -> String {
    format!("{alert}{}", if launch_under_attack { " LUA" } else { "" })
}

/// A signed change, short.
pub fn signed(x: f64) -> String {
    if x.abs() < 0.0005 {
        "0.000".into()
    } else {
        format!("{x:+.3}")
    }
}

fn text(c: &Comparison) -> String {
    let mut out = String::new();
    let base = &c.entries[0];
    say!(
        out,
        "{}: {} proposal(s); treaty {} ({} counting)",
        c.base.name,
        c.entries.len() - 1,
        c.treaty.name,
        counting_name(c.counting)
    );
    say!(
        out,
        "\nIndex under the four standard regimes (change from base)"
    );
    let header: Vec<String> = base.regimes.iter().map(regime_name).collect();
    say!(out, "  {:<18} {}", "", row(&header, 20));
    for e in &c.entries {
        let cells: Vec<String> = e
            .regimes
            .iter()
            .zip(&base.regimes)
            .map(|(r, b)| {
                if e.proposal.is_none() {
                    format!("{:.3}", r.index)
                } else {
                    format!("{:.3} ({})", r.index, signed(r.index - b.index))
                }
            })
            .collect();
        say!(out, "  {:<18} {}", e.name, row(&cells, 20));
    }
    side_terms(&mut out, c);
    treaty_counts(&mut out, c);
    monte_carlo(&mut out, c);
    expectations(&mut out, c);
    out
}

fn row(cells: &[String], width: usize) -> String {
    cells
        .iter()
        .map(|s| format!("{s:>width$}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn side_terms(out: &mut String, c: &Comparison) {
    say!(
        out,
        "\nEach side's C1 (striking first) / C2 (struck first) = ratio"
    );
    for e in &c.entries {
        say!(out, "  {}", e.name);
        for r in &e.regimes {
            let sides: Vec<String> = c
                .base
                .sides
                .iter()
                .zip(&r.sides)
                .map(|(side, t)| {
                    format!(
                        "{} {:.3} / {:.3} = {:.3}",
                        side.name, t.cost_striking_first, t.cost_struck_first, t.ratio
                    )
                })
                .collect();
            say!(out, "    {:<16} {}", regime_name(r), sides.join("   "));
        }
    }
}

fn treaty_counts(out: &mut String, c: &Comparison) {
    let limits: Vec<String> = c.treaty.limits.iter().map(|l| l.max.to_string()).collect();
    say!(
        out,
        "\nTreaty counts under {} (limits {}; * = over a limit)",
        c.treaty.name,
        limits.join(" / ")
    );
    for e in &c.entries {
        let sides: Vec<String> = e
            .counts
            .iter()
            .map(|count| {
                let numbers: Vec<String> = count
                    .limits
                    .iter()
                    .map(|l| format!("{}{}", l.counted, if l.complies() { "" } else { "*" }))
                    .collect();
                format!("{} {}", count.side, numbers.join(" / "))
            })
            .collect();
        say!(out, "  {:<18} {}", e.name, sides.join("   "));
    }
}

fn monte_carlo(out: &mut String, c: &Comparison) {
    let Some((trials, seed)) = c.trials else {
        return;
    };
    say!(
        out,
        "\nPaired Monte Carlo ({trials} trials, seed {seed}): change in the index, mean [5 %, 95 %], P(improves) / P(worsens)"
    );
    for e in &c.entries {
        let Some(paired) = &e.paired else { continue };
        say!(out, "  {}", e.name);
        for p in paired {
            say!(
                out,
                "    {:<16} {} [{}, {}]   {:.2} / {:.2}",
                regime_label(p.alert.name(), p.launch_under_attack),
                signed(p.summary.mean),
                signed(quantile(p, 0.05)),
                signed(quantile(p, 0.95)),
                p.p_improves,
                p.p_worsens
            );
        }
    }
}

pub fn quantile(p: &PairedChange, level: f64) -> f64 {
    p.summary
        .quantiles
        .iter()
        .find(|(q, _)| (q - level).abs() < 1e-9)
        .map_or(p.summary.mean, |(_, v)| *v)
}

fn expectations(out: &mut String, c: &Comparison) {
    say!(out, "\nExpected direction (from each proposal's sources)");
    for e in &c.entries {
        if let Some(p) = &e.proposal {
            say!(out, "  {:<18} {}", e.name, p.expected);
        }
    }
}

fn json(c: &Comparison) -> Value {
    let base = &c.entries[0];
    json!({
        "scenario": c.base.name,
        "treaty": c.treaty.name,
        "counting": counting_name(c.counting),
        "trials": c.trials.map(|t| t.0),
        "seed": c.trials.map(|t| t.1),
        "entries": c.entries.iter().map(|e| entry_json(c, e, base)).collect::<Vec<_>>(),
    })
}

fn entry_json(c: &Comparison, e: &Entry, base: &Entry) -> Value {
    json!({
        "name": e.name,
        "description": e.proposal.as_ref().map(|p| p.description.clone()),
        "sources": e.proposal.as_ref().map(|p| p.sources.clone()),
        "expected": e.proposal.as_ref().map(|p| p.expected.clone()),
        "regimes": e.regimes.iter().zip(&base.regimes).map(|(r, b)| json!({
            "alert": r.alert.name(),
            "launch_under_attack": r.launch_under_attack,
            "index": r.index,
            "change": r.index - b.index,
            "sides": c.base.sides.iter().zip(&r.sides).map(|(side, t)| json!({
                "side": side.name,
                "cost_striking_first": t.cost_striking_first,
                "cost_struck_first": t.cost_struck_first,
                "ratio": t.ratio,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "treaty": e.counts.iter().map(|count| side_json(&c.treaty, count)).collect::<Vec<_>>(),
        "monte_carlo": e.paired.as_ref().map(|paired| paired.iter().map(|p| json!({
            "alert": p.alert.name(),
            "launch_under_attack": p.launch_under_attack,
            "mean_change": p.summary.mean,
            "sd": p.summary.sd,
            "standard_error": p.summary.standard_error,
            "quantiles": p.summary.quantiles.iter().map(|(q, v)| json!({"level": q, "value": v})).collect::<Vec<_>>(),
            "p_improves": p.p_improves,
            "p_worsens": p.p_worsens,
        })).collect::<Vec<_>>()),
    })
}

/// Bars of the change in the index from the base, grouped by regime, one bar per proposal.
pub fn chart_svg(c: &Comparison) -> Result<String, Failure> {
    let mut svg = String::new();
    draw_chart(c, &mut svg)
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

fn draw_chart(c: &Comparison, svg: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let base = &c.entries[0];
    let proposals = &c.entries[1..];
    let changes: Vec<Vec<f64>> = proposals
        .iter()
        .map(|e| {
            e.regimes
                .iter()
                .zip(&base.regimes)
                .map(|(r, b)| r.index - b.index)
                .collect()
        })
        .collect();
    let extent = changes
        .iter()
        .flatten()
        .fold(0.01_f64, |m, x| m.max(x.abs()))
        * 1.15;
    let root = SVGBackend::with_string(svg, (760, 225)).into_drawing_area();
    root.fill(&WHITE)?;
    // Four regime groups on 0..4; the space to the right holds the legend.
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("{}: change in the stability index by regime", c.base.name),
            ("sans-serif", 15),
        )
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
    chart.draw_series(base.regimes.iter().enumerate().map(|(g, r)| {
        Text::new(
            regime_name(r),
            (g as f64 + 0.5, -extent),
            label_style.clone(),
        )
    }))?;
    let width = 0.8 / proposals.len().max(1) as f64;
    for (k, (e, values)) in proposals.iter().zip(&changes).enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        chart
            .draw_series(values.iter().enumerate().map(|(g, v)| {
                let x0 = g as f64 + 0.1 + k as f64 * width;
                Rectangle::new([(x0, 0.0), (x0 + width * 0.9, *v)], colour.filled())
            }))?
            .label(e.name.clone())
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
