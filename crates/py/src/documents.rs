//! The CLI's JSON documents for the Python functions, built by the same code so that they are
//! the same documents, key for key. `analyze`, the Monte Carlo summary and `treaty` compute with
//! the engine and render with the shared output crate (`reykjavik-report`), as the CLI does;
//! `compare`, `optimize`, `breakout` and `reciprocity` build a request of the analyses layer
//! (`reykjavik-analyses`) from plain arguments and run it, as the CLI and the web server do.
//! `race`, `richardson` and the N-side `analyze` still keep their orchestration
//! (menus and the mover, the models' options, the N-side routing) in the CLI, so they run
//! in-process through the CLI library (`reykjavik::run` on a command line, which renders with
//! `reykjavik-report` too) until they move into the analyses layer.

use clap::Parser;
use reykjavik::Failure;
use reykjavik::analyze::AnalysisArgs;
use reykjavik_engine::arms_control::treaty::{Counting, Treaty};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{Planning, Trial};
use reykjavik_engine::stability::{self, AnalysisOptions};
use reykjavik_report::{self as report, montecarlo::MonteCarlo};

use crate::source::{CliFile, Source};

/// How the analysis is posed: the CLI's `--alert` and `--launch-under-attack` values.
#[derive(Debug, Clone, Default)]
pub struct Posing {
    pub alert: Vec<String>,
    pub launch_under_attack: Vec<String>,
}

/// Parses the posing exactly as the CLI does (same checks, same messages).
#[derive(Parser)]
struct PosingArgs {
    #[command(flatten)]
    analysis: AnalysisArgs,
}

impl Posing {
    pub(crate) fn args(&self) -> Vec<String> {
        let alert = self.alert.iter().map(|a| format!("--alert={a}"));
        let lua = self
            .launch_under_attack
            .iter()
            .map(|s| format!("--launch-under-attack={s}"));
        alert.chain(lua).collect()
    }

    pub fn options(&self, scenario: &Scenario) -> Result<AnalysisOptions, Failure> {
        let argv = std::iter::once("reykjavik".to_string()).chain(self.args());
        let parsed = PosingArgs::try_parse_from(argv).map_err(clap_failure)?;
        parsed.analysis.options(scenario)
    }
}

fn clap_failure(e: clap::Error) -> Failure {
    Failure::Input(e.to_string().trim_end().to_string())
}

/// Runs one command line in-process; its standard output.
fn run_cli(args: Vec<String>) -> Result<String, Failure> {
    let argv = std::iter::once("reykjavik".to_string()).chain(args);
    let cli = reykjavik::Cli::try_parse_from(argv).map_err(clap_failure)?;
    reykjavik::run(cli)
}

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn computation(e: reykjavik_engine::EngineError) -> Failure {
    Failure::Computation(e.to_string())
}

/// `reykjavik analyze SCENARIO --format json [--certify]` with the posing; `label` names the
/// scenario in messages.
pub fn analyze(
    scenario: &Scenario,
    label: &str,
    posing: &Posing,
    certify: bool,
) -> Result<String, Failure> {
    if scenario.sides.len() != 2 {
        return Err(Failure::Input(format!(
            "{label}: `analyze` compares exactly 2 sides; this scenario has {}",
            scenario.sides.len()
        )));
    }
    let options = posing.options(scenario)?;
    let report = stability::analyze_with(scenario, options, certify).map_err(computation)?;
    let regimes = stability::standard_regimes(scenario).map_err(computation)?;
    let analysis = report::analyze::Analysis {
        scenario,
        report: &report,
        regimes: &regimes,
        monte_carlo: None,
        arms_race: None,
    };
    let output = report::analyze::Options {
        certify,
        curve: false,
    };
    Ok(report::analyze::json(&analysis, &output))
}

/// `reykjavik analyze FILE --format json` on an N-side scenario (issue 10): the N-side document,
/// through the CLI library, which routes it.
pub fn analyze_n_side(file: &CliFile, posing: &Posing) -> Result<String, Failure> {
    let mut args = words(&["analyze", "--format", "json", "--quiet"]);
    args.extend(posing.args());
    args.extend(["--".to_string(), file.arg.clone()]);
    run_cli(args)
}

/// The `monte_carlo` object of `reykjavik analyze --trials N --format json`.
pub fn monte_carlo(
    scenario: &Scenario,
    trials: &[Trial],
    seed: u64,
    planning: Planning,
    at_least: &[u32],
) -> String {
    let mc = MonteCarlo {
        trials,
        seed,
        planning,
        at_least,
    };
    report::montecarlo::json(scenario, &mc).to_string()
}

/// `reykjavik treaty SCENARIO --format json [--treaty T] [--count-disputed]`.
pub fn treaty(
    scenario: &Scenario,
    treaty: &Option<String>,
    count_disputed: bool,
) -> Result<String, Failure> {
    let treaty = load_treaty(treaty)?;
    let counting = counting(count_disputed);
    let counts = reykjavik_analyses::compare::count_sides(&treaty, scenario, counting);
    Ok(report::treaty::json(&treaty, scenario, &counts, counting).to_string())
}

/// `reykjavik compare SCENARIO PROPOSAL... --format json` (two sides), through the analyses
/// layer.
pub struct CompareSpec {
    pub proposals: Vec<String>,
    pub treaty: Option<String>,
    pub count_disputed: bool,
    pub trials: Option<u64>,
    pub seed: u64,
}

pub fn compare(scenario: Scenario, spec: &CompareSpec) -> Result<String, Failure> {
    let request = reykjavik_analyses::compare::Request {
        base: reykjavik_analyses::Sides::Two(Box::new(scenario)),
        treaty: load_treaty(&spec.treaty)?,
        proposals: spec
            .proposals
            .iter()
            .map(|name| reykjavik_scenario::proposal::load(name).map_err(input))
            .collect::<Result<_, _>>()?,
        counting: counting(spec.count_disputed),
        paired: spec
            .trials
            .map(|trials| reykjavik_analyses::compare::Paired {
                trials,
                seed: spec.seed,
            }),
    };
    let comparison = reykjavik_analyses::compare::run(&request, &|_| {})?;
    Ok(format!("{:#}\n", comparison.json()))
}

fn input(e: impl ToString) -> Failure {
    Failure::Input(e.to_string())
}

/// A treaty file or built-in name (default: the CLI's default treaty).
fn load_treaty(name: &Option<String>) -> Result<Treaty, Failure> {
    let name = name
        .as_deref()
        .unwrap_or(reykjavik_scenario::treaty::DEFAULT);
    reykjavik_scenario::treaty::load(name).map_err(input)
}

fn counting(disputed: bool) -> Counting {
    if disputed {
        Counting::Disputed
    } else {
        Counting::Declared
    }
}

/// `reykjavik optimize SCENARIO --side S --format json` and its search settings.
pub struct OptimizeSpec {
    pub side: String,
    pub treaty: Option<String>,
    pub objective: String,
    pub seed: u64,
    pub starts: u64,
    pub grid_budget: u64,
    pub max_growth: f64,
    pub min_warheads: Option<u64>,
}

/// The search through the analyses layer (two or N sides); `source` gives the text the best
/// posture is written into (`scenario_toml`).
pub fn optimize(
    base: reykjavik_analyses::Sides,
    source: &Source,
    spec: &OptimizeSpec,
) -> Result<String, Failure> {
    use reykjavik_analyses::optimize as analyses;
    let treaty = load_treaty(&spec.treaty)?;
    let settings = analyses::Settings {
        side: analyses::side_index(&base, &spec.side)?,
        objective: analyses::objective(&spec.objective)?,
        seed: spec.seed,
        starts: spec.starts,
        grid_budget: spec.grid_budget,
        max_growth: spec.max_growth,
        min_warheads: spec.min_warheads,
    };
    let request = analyses::Request {
        base,
        treaty,
        options: settings.options()?,
    };
    let optimized = analyses::run(request, &|_, _| {})?;
    let (text, label) = source.text().map_err(input)?;
    let toml = optimized.best_toml(&text, &label)?;
    Ok(format!("{:#}\n", optimized.json_with_toml(&toml)))
}

/// `reykjavik race SCENARIO --move PROPOSAL --format json` (issue 11): `options` are the CLI's
/// own words for the rest (`--by`, `--rounds`, `--menu`, `--position`, `--tolerance`,
/// `--bound`, `--richardson`), built by the Python wrapper.
pub fn race(file: &CliFile, posing: &Posing, options: &[String]) -> Result<String, Failure> {
    if options
        .iter()
        .any(|w| !w.starts_with("--") || w.starts_with("--svg") || w.starts_with("--format"))
    {
        return Err(Failure::Input(
            "race options are `--NAME=VALUE` words; --svg and --format are not options here".into(),
        ));
    }
    let mut args = words(&["race", "--format", "json"]);
    args.extend(posing.args());
    args.extend(options.iter().cloned());
    args.extend(["--".to_string(), file.arg.clone()]);
    run_cli(args)
}

/// Commands without a scenario whose options Python passes as CLI words (issue 11's Richardson
/// model; reciprocity runs through the analyses layer, [`reciprocity`]).
const WORD_COMMANDS: [&str; 1] = ["richardson"];

/// `reykjavik COMMAND WORDS... --format json` for a command of [`WORD_COMMANDS`]; options that
/// write files (`--svg`) are refused (a document is the only output here).
pub fn command(words: Vec<String>) -> Result<String, Failure> {
    let known = words
        .first()
        .is_some_and(|c| WORD_COMMANDS.contains(&c.as_str()));
    if !known {
        return Err(Failure::Input(format!(
            "command {:?} is not one of {}",
            words.first(),
            WORD_COMMANDS.join(", ")
        )));
    }
    if words
        .iter()
        .any(|w| w.starts_with("--svg") || w.starts_with("--format"))
    {
        return Err(Failure::Input(
            "--svg and --format are not options here: the document is returned".into(),
        ));
    }
    let mut args = words;
    args.extend(["--format".to_string(), "json".to_string()]);
    run_cli(args)
}

/// `reykjavik breakout CASE --format json` with Monte Carlo or the solver, through the
/// analyses layer; the case is read as the CLI reads it (a file or built-in name, or text).
pub fn breakout(
    source: &Source,
    trials: Option<u64>,
    seed: u64,
    solve: Option<(String, f64)>,
) -> Result<String, Failure> {
    use reykjavik_analyses::breakout as analyses;
    use reykjavik_scenario::breakout as cases;
    let (text, label) = match source {
        Source::NameOrPath(name) => cases::source_text(name).map_err(input)?,
        Source::Text { toml, label } => (toml.clone(), label.clone()),
    };
    let request = analyses::Request {
        case: cases::parse(&text, &label).map_err(input)?,
        label,
        monte_carlo: trials.map(|trials| analyses::Trials { trials, seed }),
        solve: solve.map(|(field, target_months)| analyses::Solve {
            field,
            target_months,
        }),
    };
    Ok(format!("{:#}\n", analyses::run(&request)?.json()))
}

/// What `reykjavik reciprocity` is asked for: a game, the table or an event series.
pub struct ReciprocitySpec {
    pub a: String,
    pub b: String,
    pub noise: f64,
    pub forgiveness: Option<f64>,
    pub payoffs: [f64; 4],
    /// `(rounds, games, seed)` of a simulation beside the exact chain.
    pub simulate: Option<(u64, u64, u64)>,
    pub table: bool,
    /// An event series: a file or a built-in name.
    pub events: Option<String>,
}

/// `reykjavik reciprocity ... --format json` through the analyses layer; engine refusals name
/// the CLI's option, as the CLI's messages do.
pub fn reciprocity(spec: &ReciprocitySpec) -> Result<String, Failure> {
    use reykjavik_analyses::reciprocity as analyses;
    if spec.simulate.is_some() && (spec.table || spec.events.is_some()) {
        return Err(Failure::Input(
            "simulate: only with a game between two strategies (not with table or events)".into(),
        ));
    }
    let [t, r, p, s] = spec.payoffs;
    let settings = analyses::Settings {
        noise: spec.noise,
        forgiveness: spec.forgiveness,
        payoffs: reykjavik_engine::reaction::reciprocity::Payoffs { t, r, p, s },
    };
    let request = match (&spec.events, spec.table) {
        (_, true) => analyses::Request::Table { settings },
        (Some(name), false) => {
            analyses::Request::Events(reykjavik_scenario::events::load(name).map_err(input)?)
        }
        (None, false) => analyses::Request::Game {
            a: spec.a.clone(),
            b: spec.b.clone(),
            settings,
            simulate: spec
                .simulate
                .map(|(rounds, games, seed)| analyses::Simulation {
                    rounds,
                    games,
                    seed,
                }),
        },
    };
    let outcome = analyses::run(request).map_err(analyses::option_error)?;
    Ok(format!("{:#}\n", outcome.json()))
}
