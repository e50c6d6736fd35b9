//! N-side scenarios on the command line (issue 10): routing, the N-side options of `analyze`
//! and `sweep`, and the refusal of every command that compares two sides only (`treaty` and
//! `compare` on N sides run through `reykjavik_analyses::{treaty, compare}`).

use clap::Args;
use reykjavik_analyses::n_side;
use reykjavik_analyses::sweep as sweep_analysis;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::sweep as nsweep;
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario, Reserve, ThirdParties, words};
use reykjavik_engine::sweep::Axis;

use crate::{Failure, montecarlo};
use reykjavik_report::multilateral_sweep::{self as sweep_report, NSideTable};
use std::path::Path;

/// Options of the N-side analysis; they replace the scenario's `[multilateral]` table.
#[derive(Debug, Args, Default)]
pub struct NSideArgs {
    /// N sides: the reserve a striker withholds against third parties: `none`,
    /// `fixed-share=S` (S from 0 to 1) or `deter-third-parties`. Replaces the scenario's.
    #[arg(long, value_name = "RULE")]
    reserve: Option<String>,
    /// N sides: what third parties do: `stay-out`, `join-victim` or `join-against-weaker`.
    /// Replaces the scenario's.
    #[arg(long, value_name = "BEHAVIOUR")]
    third_parties: Option<String>,
}

impl NSideArgs {
    fn given(&self) -> bool {
        self.reserve.is_some() || self.third_parties.is_some()
    }
}

/// Whether a command line goes to the N-side analysis: an N-side scenario, or N-side options.
pub fn wanted(scenario: &str, args: &NSideArgs) -> bool {
    args.given() || reykjavik_scenario::multilateral::is_n_side(scenario)
}

/// Loads a two-side scenario for a command that has already routed N-side scenarios to its
/// N-side version: every command does, so an N-side file never reaches this reader.
pub fn load_two_sided(name_or_path: &str) -> Result<reykjavik_engine::model::Scenario, Failure> {
    reykjavik_scenario::load(name_or_path).map_err(|e| Failure::Input(e.to_string()))
}

pub(crate) fn load(name_or_path: &str, args: &NSideArgs) -> Result<MultiScenario, Failure> {
    let mut ms = reykjavik_scenario::multilateral::load(name_or_path)
        .map_err(|e| Failure::Input(e.to_string()))?;
    if let Some(text) = &args.reserve {
        ms.reserve = parse_reserve(text)?;
    }
    if let Some(text) = &args.third_parties {
        ms.third_parties = parse_third_parties(text)?;
    }
    Ok(ms)
}

fn parse_reserve(text: &str) -> Result<Reserve, Failure> {
    words::parse_reserve(text).map_err(|e| Failure::Input(format!("--reserve {text}: {e}")))
}

fn parse_third_parties(text: &str) -> Result<ThirdParties, Failure> {
    words::parse_third_parties(text)
        .map_err(|e| Failure::Input(format!("--third-parties {text}: {e}")))
}

/// `--alert` and `--launch-under-attack` for N sides (`reykjavik_analyses::posture`).
pub fn options(
    ms: &MultiScenario,
    alert: &[String],
    launch_under_attack: &[String],
) -> Result<MultiOptions, Failure> {
    Ok(reykjavik_analyses::posture::n_side(
        ms,
        alert,
        launch_under_attack,
    )?)
}

/// `analyze` options beyond the posture: Monte Carlo, pair details, the arms race.
pub struct Extras<'a> {
    pub trials: Option<u64>,
    pub seed: Option<u64>,
    /// `--planning`: `fixed` (the default, as on two sides) or `informed`.
    pub planning: Planning,
    /// `--at-least K`: P(at least K victim warheads arrive on the striker), per ordered pair.
    pub at_least: &'a [u32],
    pub curve: bool,
    pub certify: bool,
    /// `--arms-race` and its menu and position.
    pub arms_race: &'a crate::race::ArmsRaceArgs,
    pub quiet: bool,
    pub scenario: &'a str,
}

/// `analyze` on an N-side scenario: text or JSON, with Monte Carlo over the inputs for
/// `--trials`; the analysis is `reykjavik_analyses::n_side`.
pub fn analyze(
    scenario: &str,
    args: &NSideArgs,
    alert: &[String],
    launch_under_attack: &[String],
    json: bool,
    extras: Extras,
) -> Result<String, Failure> {
    let ms = load(scenario, args)?;
    let options = options(&ms, alert, launch_under_attack)?;
    let arms_race = crate::n_side_arms_race::section(extras.arms_race, &ms, &options)?;
    let monte_carlo = match extras.trials {
        Some(n) => Some(monte_carlo(&ms, n, &extras)?),
        None => None,
    };
    let request = n_side::Request {
        base: ms,
        options,
        monte_carlo,
        curve: extras.curve,
        certify: extras.certify,
        arms_race,
    };
    let total = request.monte_carlo.as_ref().map_or(0, |mc| mc.trials);
    let bar = montecarlo::progress_bar(total, extras.quiet || total == 0, "trials");
    let analysed = n_side::run(request, &|done| bar.set_position(done));
    bar.finish_and_clear();
    let analysed = analysed?;
    Ok(if json {
        analysed.json_text()
    } else {
        analysed.text()
    })
}

/// `--trials N` on N sides, checked against the scenario's cap: the inputs drawn, then every
/// ordered pair's committed exchange with random outcomes.
fn monte_carlo(
    ms: &MultiScenario,
    trials: u64,
    extras: &Extras,
) -> Result<n_side::MonteCarlo, Failure> {
    let most = n_side::max_trials(ms, extras.planning);
    if !(1..=most).contains(&trials) {
        return Err(Failure::Input(format!(
            "--trials {trials} is out of range (valid for this N-side scenario with {} planning: 1 to {most}; trials x warheads x elements x pairs bounds the time)",
            extras.planning.name()
        )));
    }
    Ok(n_side::MonteCarlo {
        trials,
        seed: extras.seed.unwrap_or(1),
        planning: extras.planning,
        at_least: extras.at_least.to_vec(),
    })
}

/// Where `sweep` on N sides writes: the table (standard output, CSV or Parquet by the
/// extension) and the chart with its metric.
pub struct SweepOutputs<'a> {
    pub table: Option<&'a Path>,
    pub plot: Option<&'a Path>,
    pub metric: Option<&'a str>,
}

/// `sweep` on an N-side scenario: the table (the index, each actor's overall ratio, every
/// ordered pair's ratio) to standard output, a `.csv` or a `.parquet` file, and the chart with
/// `--plot`.
pub fn sweep(
    scenario: &str,
    args: &NSideArgs,
    axes: &[Axis],
    (alert, launch_under_attack): (&[String], &[String]),
    outputs: &SweepOutputs,
    quiet: bool,
) -> Result<String, Failure> {
    let ms = load(scenario, args)?;
    let options = options(&ms, alert, launch_under_attack)?;
    nsweep::check_axes(&ms, axes).map_err(|e| Failure::Input(format!("--vary: {e}")))?;
    let total = reykjavik_engine::sweep::size(axes);
    let most = sweep_analysis::n_side_max_points(&ms);
    if total > most {
        return Err(Failure::Input(format!(
            "--vary: {total} grid points is too many for this N-side scenario (at most {most}; grid points x warheads x elements x pairs bounds the time); use fewer STEPS"
        )));
    }
    let names = sweep_analysis::actor_names(&ms, &options);
    let metric = sweep_metric(&ms, &names, axes, outputs)?;
    if let Some(path) = outputs.table.filter(|p| is_parquet(p)) {
        crate::sweep::write_parquet(path, None)?;
    }
    let created = create_outputs(outputs)?;
    let request = sweep_analysis::NSideRequest {
        base: ms,
        axes: axes.to_vec(),
        options,
        range: None,
    };
    let bar = montecarlo::progress_bar(request.steps(), quiet, "points");
    let swept = sweep_analysis::run_n_side(request, &|done| bar.set_position(done));
    bar.finish_and_clear();
    let swept = swept.map_err(|e| {
        // Leave no empty file behind for a result that does not exist.
        for path in created {
            std::fs::remove_file(path).ok();
        }
        Failure::from(e)
    })?;
    let written = write_sweep_table(outputs.table, &swept);
    let chart = match outputs.plot {
        Some(path) => {
            let table = chart_table(&swept.request.base, axes, &swept.names, &swept.table);
            crate::sweep_chart::plot(path, &table, metric)
        }
        None => Ok(()),
    };
    // Whatever could be written is written, then the first failure is reported.
    match (written, chart) {
        (Ok(stdout), Ok(())) => Ok(stdout),
        (Ok(stdout), Err(failure)) => Err(Failure::Partial(stdout, Box::new(failure))),
        (Err(failure), _) => Err(failure),
    }
}

/// Creates the output files before the work, as the two-side sweep does, so that a bad path
/// fails at once; returns those that did not exist before.
fn create_outputs<'a>(outputs: &SweepOutputs<'a>) -> Result<Vec<&'a Path>, Failure> {
    let mut created = Vec::new();
    for (option, path) in [("--output", outputs.table), ("--plot", outputs.plot)] {
        if let Some(path) = path {
            let existed = path.exists();
            std::fs::File::create(path).map_err(|e| {
                Failure::Input(format!(
                    "{option} {}: cannot create the file: {e}",
                    path.display()
                ))
            })?;
            if !existed {
                created.push(path);
            }
        }
    }
    Ok(created)
}

fn is_parquet(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "parquet")
}

/// The metric to plot, checked before any work: any column but the pair ratios' (present only
/// when every point has every pair) by name; refused without --plot.
fn sweep_metric<'a>(
    ms: &MultiScenario,
    names: &[String],
    axes: &[Axis],
    outputs: &SweepOutputs<'a>,
) -> Result<&'a str, Failure> {
    let metric = outputs.metric.unwrap_or("index");
    if outputs.plot.is_none() {
        if outputs.metric.is_some() {
            return Err(Failure::Input(format!(
                "--metric {metric} chooses what --plot draws: add --plot FILE.svg, or drop --metric (the CSV has every column)"
            )));
        }
        return Ok(metric);
    }
    // A table of one point with every pair: the columns the chart can draw.
    let n = names.len();
    let every_pair = nsweep::MultiPoint {
        coordinates: vec![0.0; axes.len()],
        index: 0.0,
        overall: vec![0.0; n],
        pair_ratios: vec![0.0; n * n.saturating_sub(1)],
    };
    let probe = sweep_report::table(names, axes, &[every_pair]);
    crate::sweep_chart::metric_column(&chart_table(ms, axes, names, &probe), metric)?;
    Ok(metric)
}

/// The chart's view of the N-side table: the index drawn with each actor's overall ratio.
fn chart_table<'a>(
    ms: &'a MultiScenario,
    axes: &'a [Axis],
    names: &[String],
    table: &'a NSideTable,
) -> crate::sweep_chart::Table<'a> {
    crate::sweep_chart::Table {
        name: &ms.scenario.name,
        axes,
        columns: &table.columns,
        rows: &table.rows,
        companions: names
            .iter()
            .map(|n| sweep_report::overall_column(n))
            .collect(),
    }
}

/// The table to its file (CSV, or Parquet by the extension), or the CSV for standard output.
fn write_sweep_table(
    path: Option<&Path>,
    swept: &sweep_analysis::NSideSwept,
) -> Result<String, Failure> {
    match path {
        Some(path) if is_parquet(path) => {
            let table = &swept.table;
            crate::sweep::write_parquet(path, Some((&table.columns, &table.rows)))?;
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
