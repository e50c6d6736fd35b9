//! N-side scenarios on the command line (issue 10): routing, the N-side options of `analyze`
//! and `sweep`, and the refusal of every command that compares two sides only (`treaty` and
//! `compare` on N sides: [`crate::multilateral_commands`]).

use clap::Args;
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::outcomes;
use reykjavik_engine::multilateral::sweep::{self as nsweep, MultiPoint};
use reykjavik_engine::multilateral::{
    self, MultiOptions, MultiScenario, Reserve, ThirdParties, words,
};
use reykjavik_engine::sweep::Axis;

use crate::{Failure, montecarlo};
use reykjavik_report::multilateral::{NSideOutput, n_side_json, n_side_text, standard_regimes};
use reykjavik_report::multilateral_montecarlo::NSideMonteCarlo;

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

/// Why a two-side command cannot take N sides (the refusal says it).
fn two_side_reason(command: &str) -> &'static str {
    match command {
        "race" | "richardson --estimate" => {
            "best responses alternate between two actors: each move answers the one other side's last move, and the Richardson model couples two arsenals; with three or more there is no single opponent to answer, and the order of the moves would decide the outcome"
        }
        "optimize" => {
            "its search scores every posture by the two-side regimes (r_A x r_B and each side's C1 / C2 of one pairwise exchange) and takes no other objective, so it cannot maximise the N-side index or a side's overall ratio"
        }
        _ => "it compares two sides",
    }
}

/// Loads for a command that compares two sides: an N-side scenario is refused naming the
/// command and why, with the located reason.
pub fn load_two_sided(
    command: &str,
    name_or_path: &str,
) -> Result<reykjavik_engine::model::Scenario, Failure> {
    reykjavik_scenario::load(name_or_path).map_err(|e| {
        if reykjavik_scenario::multilateral::is_n_side(name_or_path) {
            Failure::Input(format!(
                "`{command}` compares two sides and does not read N-side scenarios (more than two sides, alliances, beliefs, reserves): {}. `analyze`, `sweep`, `treaty` and `compare` do:\n{e}",
                two_side_reason(command)
            ))
        } else {
            Failure::Input(e.to_string())
        }
    })
}

fn load(name_or_path: &str, args: &NSideArgs) -> Result<MultiScenario, Failure> {
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

/// A side by name (case-insensitive) or number (1 to N).
fn side_index(ms: &MultiScenario, given: &str) -> Result<usize, Failure> {
    ms.scenario.side_named(given).ok_or_else(|| {
        Failure::Input(format!(
            "no side `{given}` in this scenario (sides: {}, or 1 to {})",
            ms.scenario.side_names(),
            ms.scenario.sides.len()
        ))
    })
}

/// `--alert` and `--launch-under-attack` for N sides (`both`, as for two sides, means every side).
pub fn options(
    ms: &MultiScenario,
    alert: &[String],
    launch_under_attack: &[String],
) -> Result<MultiOptions, Failure> {
    let n = ms.scenario.sides.len();
    let mut options = MultiOptions::uniform(n, Alert::DayToDay, false);
    let mut given_for: Vec<Option<(Alert, &str)>> = vec![None; n];
    for given in alert {
        let (sides, posture) = match given.rsplit_once('=') {
            Some((side, posture)) => {
                let s = side_index(ms, side)?;
                (s..s + 1, posture)
            }
            None => (0..n, given.as_str()),
        };
        let posture = match posture {
            "day-to-day" => Alert::DayToDay,
            "generated" => Alert::Generated,
            _ => {
                return Err(Failure::Input(format!(
                    "--alert {given}: unknown posture `{posture}` (valid: day-to-day, generated)"
                )));
            }
        };
        for s in sides {
            if let Some((earlier, text)) = given_for[s].filter(|(a, _)| *a != posture) {
                return Err(Failure::Input(format!(
                    "--alert {given} contradicts --alert {text}: {} is given both {} and {}",
                    ms.scenario.sides[s].name,
                    earlier.name(),
                    posture.name()
                )));
            }
            given_for[s] = Some((posture, given));
            options.alert[s] = posture;
        }
    }
    for given in launch_under_attack {
        if given == "both" || given == "all" {
            options.launch_under_attack = vec![true; n];
        } else {
            options.launch_under_attack[side_index(ms, given)?] = true;
        }
    }
    Ok(options)
}

/// `analyze` options beyond the posture: Monte Carlo, and what N sides cannot do yet.
pub struct Extras<'a> {
    pub trials: Option<u64>,
    pub seed: Option<u64>,
    /// `--planning`: `fixed` (the default, as on two sides) or `informed`.
    pub planning: Planning,
    /// `--at-least K`: P(at least K victim warheads arrive on the striker), per ordered pair.
    pub at_least: &'a [u32],
    pub curve: bool,
    pub certify: bool,
    pub arms_race: bool,
    pub quiet: bool,
    pub scenario: &'a str,
}

/// Why each option N sides refuse cannot work there.
fn refuse_unsupported(u: &Extras) -> Result<(), Failure> {
    let given: Vec<(&str, &str)> = [
        (
            u.curve,
            "--curve",
            "a draw-down curve belongs to one pairwise exchange of two sides",
        ),
        (
            u.certify,
            "--certify",
            "gap certificates are made for the two-side plans only",
        ),
        (
            u.arms_race,
            "--arms-race",
            "the arms-race menu ranks additions by the two-side index",
        ),
    ]
    .into_iter()
    .filter_map(|(set, name, why)| set.then_some((name, why)))
    .collect();
    if given.is_empty() {
        Ok(())
    } else {
        let reasons: Vec<String> = given
            .iter()
            .map(|(name, why)| format!("{name} ({why})"))
            .collect();
        Err(Failure::Input(format!(
            "{}: `analyze` does not handle {} on N-side scenarios (more than two sides, alliances, beliefs or reserves) yet: {}; run it without, or on a two-side scenario",
            u.scenario,
            given.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
            reasons.join("; ")
        )))
    }
}

/// `analyze` on an N-side scenario: text or JSON, with Monte Carlo over the inputs for
/// `--trials`.
pub fn analyze(
    scenario: &str,
    args: &NSideArgs,
    alert: &[String],
    launch_under_attack: &[String],
    json: bool,
    extras: Extras,
) -> Result<String, Failure> {
    refuse_unsupported(&extras)?;
    let ms = load(scenario, args)?;
    let options = options(&ms, alert, launch_under_attack)?;
    let computation = |e: reykjavik_engine::EngineError| Failure::Computation(e.to_string());
    let trials = match extras.trials {
        Some(n) => Some(monte_carlo(&ms, &options, n, &extras)?),
        None => None,
    };
    let analysis = multilateral::analyze(&ms, &options).map_err(computation)?;
    let regimes = standard_regimes(&ms).map_err(computation)?;
    let out = NSideOutput {
        ms: &ms,
        options: &options,
        analysis: &analysis,
        regimes: &regimes,
        trials: trials.as_ref(),
    };
    Ok(if json {
        let mut text = serde_json::to_string_pretty(&n_side_json(&out))
            .map_err(|e| Failure::Computation(e.to_string()))?;
        text.push('\n');
        text
    } else {
        n_side_text(&out)
    })
}

/// `--trials N` on N sides: the inputs drawn, then every ordered pair's committed exchange with
/// random outcomes (engine `multilateral::outcomes`).
fn monte_carlo(
    ms: &MultiScenario,
    options: &MultiOptions,
    trials: u64,
    extras: &Extras,
) -> Result<NSideMonteCarlo, Failure> {
    let most = outcomes::max_trials(ms, extras.planning);
    if !(1..=most).contains(&trials) {
        return Err(Failure::Input(format!(
            "--trials {trials} is out of range (valid for this N-side scenario with {} planning: 1 to {most}; trials x warheads x elements x pairs bounds the time)",
            extras.planning.name()
        )));
    }
    let seed = extras.seed.unwrap_or(1);
    let bar = montecarlo::progress_bar(trials, extras.quiet, "trials");
    let run = outcomes::run(ms, options, extras.planning, trials, seed, &|done| {
        bar.set_position(done)
    });
    bar.finish_and_clear();
    let run = run.map_err(|e| Failure::Computation(e.to_string()))?;
    Ok(NSideMonteCarlo {
        seed,
        planning: extras.planning,
        at_least: extras.at_least.to_vec(),
        trials: run,
    })
}

/// `sweep` on an N-side scenario: CSV (the index, each actor's overall ratio, every ordered
/// pair's ratio) to standard output or a `.csv` file.
pub fn sweep(
    scenario: &str,
    args: &NSideArgs,
    axes: &[Axis],
    (alert, launch_under_attack): (&[String], &[String]),
    output: Option<&std::path::Path>,
    plot: bool,
    quiet: bool,
) -> Result<String, Failure> {
    if plot || output.is_some_and(|p| p.extension().is_some_and(|e| e != "csv")) {
        return Err(Failure::Input(format!(
            "{scenario}: `sweep` on N-side scenarios writes CSV only (no --plot, no Parquet yet)"
        )));
    }
    let ms = load(scenario, args)?;
    let options = options(&ms, alert, launch_under_attack)?;
    nsweep::check_axes(&ms, axes).map_err(|e| Failure::Input(format!("--vary: {e}")))?;
    let total = reykjavik_engine::sweep::size(axes);
    let most = nsweep::max_points(&ms);
    if total > most {
        return Err(Failure::Input(format!(
            "--vary: {total} grid points is too many for this N-side scenario (at most {most}; grid points x warheads x elements x pairs bounds the time); use fewer STEPS"
        )));
    }
    let bar = montecarlo::progress_bar(total as u64, quiet, "points");
    let points = nsweep::run(&ms, axes, &options, &|done| bar.set_position(done));
    bar.finish_and_clear();
    let points = points.map_err(|e| Failure::Computation(e.to_string()))?;
    let csv = sweep_csv(&ms, &options, axes, &points);
    match output {
        Some(path) => {
            std::fs::write(path, csv)
                .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
            Ok(String::new())
        }
        None => Ok(csv),
    }
}

fn sweep_csv(
    ms: &MultiScenario,
    options: &MultiOptions,
    axes: &[Axis],
    points: &[MultiPoint],
) -> String {
    let plan = reykjavik_engine::multilateral::actors::plan(ms, &ms.scenario, options);
    let names: Vec<&str> = plan.actors.iter().map(|a| a.name.as_str()).collect();
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut header: Vec<String> = axes.iter().map(|a| quote(&a.path)).collect();
    header.push("index".into());
    header.extend(names.iter().map(|n| quote(&format!("overall_ratio[{n}]"))));
    let pairs: Vec<String> = (0..names.len())
        .flat_map(|a| {
            (0..names.len())
                .filter(move |&b| b != a)
                .map(move |b| (a, b))
        })
        .map(|(a, b)| quote(&format!("ratio[{}->{}]", names[a], names[b])))
        .collect();
    let mut csv = header.join(",");
    let with_pairs = points.iter().all(|p| p.pair_ratios.len() == pairs.len());
    if with_pairs {
        csv += ",";
        csv += &pairs.join(",");
    }
    csv.push('\n');
    for p in points {
        let mut row: Vec<String> = p.coordinates.iter().map(|v| v.to_string()).collect();
        row.push(p.index.to_string());
        row.extend(p.overall.iter().map(|v| v.to_string()));
        if with_pairs {
            row.extend(p.pair_ratios.iter().map(|v| v.to_string()));
        }
        csv += &row.join(",");
        csv.push('\n');
    }
    csv
}
