//! The CLI's JSON documents for the Python functions, built by the same code so that they are
//! the same documents, key for key. The Monte Carlo summary computes with the engine and
//! renders with the shared output crate (`reykjavik-report`), as the CLI does; `analyze` (two
//! and N sides), `treaty`, `compare`, `optimize`, `breakout`, `reciprocity`, `race` and
//! `richardson` build a request of the analyses layer (`reykjavik-analyses`) from plain arguments
//! and run it, as the CLI and the web server do. Errors are worded as the CLI words them (the
//! Python functions' messages name the CLI's options, e.g. `--by`, `--k`).

use reykjavik_analyses::race::{self as race_analysis, SideGiven};
use reykjavik_analyses::{analyze as analyze_analysis, n_side, richardson as richardson_analysis};
use reykjavik_engine::EngineError;
use reykjavik_engine::arms_control::treaty::{Counting, Treaty};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{Planning, Trial};
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::reaction::best_response::{DEFAULT_TOLERANCE, Position, Search};
use reykjavik_engine::reaction::n_side_race::NSideRaceSettings;
use reykjavik_engine::reaction::race::RaceSettings;
use reykjavik_engine::reaction::richardson::RichardsonModel;
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::{self as report, montecarlo::MonteCarlo};

use crate::errors::Failure;
use crate::source::{CliFile, Source};

/// How the analysis is posed: the CLI's `--alert` and `--launch-under-attack` values.
#[derive(Debug, Clone, Default)]
pub struct Posing {
    pub alert: Vec<String>,
    pub launch_under_attack: Vec<String>,
}

impl Posing {
    /// The two-side options, read as the CLI reads its words (same checks, same messages).
    pub fn options(&self, scenario: &Scenario) -> Result<AnalysisOptions, Failure> {
        Ok(reykjavik_analyses::posture::two_side(
            scenario,
            &self.alert,
            &self.launch_under_attack,
        )?)
    }

    /// The N-side options, read as the CLI reads its words.
    fn n_side_options(
        &self,
        ms: &MultiScenario,
    ) -> Result<reykjavik_engine::multilateral::MultiOptions, Failure> {
        Ok(reykjavik_analyses::posture::n_side(
            ms,
            &self.alert,
            &self.launch_under_attack,
        )?)
    }
}

/// `reykjavik analyze SCENARIO --format json [--certify]` with the posing, through the analyses
/// layer; `label` names the scenario in messages.
pub fn analyze(
    scenario: &Scenario,
    label: &str,
    posing: &Posing,
    certify: bool,
) -> Result<String, Failure> {
    analyze_analysis::two_sides(scenario, label)?;
    let request = analyze_analysis::Request {
        options: posing.options(scenario)?,
        scenario: scenario.clone(),
        certify,
        curve: false,
        monte_carlo: None,
        arms_race: None,
    };
    Ok(analyze_analysis::run(request, &|_| {})?.json())
}

/// `reykjavik analyze FILE --format json` on an N-side scenario (issue 10): the N-side document,
/// through the analyses layer.
pub fn analyze_n_side(file: &CliFile, posing: &Posing) -> Result<String, Failure> {
    let ms = load_n_side(file)?;
    let request = n_side::Request {
        options: posing.n_side_options(&ms)?,
        base: ms,
        monte_carlo: None,
        curve: false,
        certify: false,
        arms_race: None,
    };
    Ok(n_side::run(request, &|_| {})?.json_text())
}

fn load_n_side(file: &CliFile) -> Result<MultiScenario, Failure> {
    reykjavik_scenario::multilateral::load(&file.arg).map_err(|e| Failure::Input(e.to_string()))
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
    let request = reykjavik_analyses::treaty::Request {
        sides: reykjavik_analyses::Sides::Two(Box::new(scenario.clone())),
        treaty: load_treaty(treaty)?,
        counting: counting(count_disputed),
    };
    Ok(reykjavik_analyses::treaty::run(request).json().to_string())
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
    reykjavik_analyses::treaty::counting(disputed)
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

/// The options of `reykjavik race` that Python passes (the posture apart).
#[derive(Debug, Clone)]
pub struct RaceSpec {
    pub move_: String,
    pub by: Option<String>,
    pub rounds: u32,
    pub menu: Option<String>,
    pub position: String,
    pub tolerance: Option<f64>,
    pub bound: Option<f64>,
    pub richardson: bool,
}

/// `reykjavik race SCENARIO --move PROPOSAL --format json` (issue 11; N sides: issue 10),
/// checked in the CLI's order with its messages.
pub fn race(file: &CliFile, posing: &Posing, spec: &RaceSpec) -> Result<String, Failure> {
    if reykjavik_scenario::multilateral::is_n_side(&file.arg) {
        return n_side_race(file, posing, spec);
    }
    let base = reykjavik_scenario::load(&file.arg).map_err(input)?;
    if base.sides.len() != 2 {
        return Err(Failure::Input(format!(
            "`race` is between exactly 2 sides; this scenario has {}",
            base.sides.len()
        )));
    }
    let start = race_analysis::apply_move(&base, &load_move(spec)?)?;
    let by = spec.by.clone().map(SideGiven::Named);
    let mover = race_analysis::mover(&base, &start, by.as_ref())
        .map_err(|e| Failure::Input(e.command_line_message(false)))?;
    let options = posing.options(&base)?;
    let menu =
        race_analysis::menu(&base, load_menu(spec)?, true).map_err(|e| race_failure(e, false))?;
    let settings = race_settings(spec, options)?;
    race_analysis::check_settings(&settings).map_err(setting)?;
    let request = race_analysis::Request {
        base,
        start,
        mover,
        menu,
        settings,
        richardson: spec.richardson,
    };
    let raced = race_analysis::run(request).map_err(|e| race_failure(e, false))?;
    Ok(format!("{:#}\n", raced.json()))
}

fn n_side_race(file: &CliFile, posing: &Posing, spec: &RaceSpec) -> Result<String, Failure> {
    if spec.richardson {
        return Err(Failure::Input(
            "--richardson takes two sides (k and l couple two arsenals); on N sides run `reykjavik richardson --estimate` on a two-side scenario, or the race alone".into(),
        ));
    }
    let base = load_n_side(file)?;
    let start = race_analysis::apply_n_side_move(&base, &load_move(spec)?)?;
    let options = posing.n_side_options(&base)?;
    let settings = NSideRaceSettings {
        race: race_settings(spec, AnalysisOptions::default())?,
        options,
    };
    race_analysis::check_settings(&settings.race).map_err(setting)?;
    let by = spec.by.clone().map(SideGiven::Named);
    let mover = race_analysis::n_side_mover(&base, &settings.options, &start, by.as_ref())
        .map_err(|e| Failure::Input(e.command_line_message(true)))?;
    let menu = race_analysis::n_side_menu(&base, &settings.options, load_menu(spec)?)
        .map_err(|e| race_failure(e, true))?;
    let request = race_analysis::NSideRequest {
        base,
        start,
        mover,
        menu,
        settings,
    };
    let raced = race_analysis::run_n_side(request).map_err(|e| race_failure(e, true))?;
    Ok(format!("{:#}\n", raced.json()))
}

fn load_move(spec: &RaceSpec) -> Result<reykjavik_scenario::proposal::LoadedProposal, Failure> {
    reykjavik_scenario::proposal::load(&spec.move_).map_err(input)
}

fn load_menu(spec: &RaceSpec) -> Result<Option<reykjavik_scenario::response::LoadedMenu>, Failure> {
    spec.menu
        .as_deref()
        .map(reykjavik_scenario::response::load)
        .transpose()
        .map_err(input)
}

/// The search and the limits of a race (the CLI's defaults where Python gives none).
fn race_settings(spec: &RaceSpec, analysis: AnalysisOptions) -> Result<RaceSettings, Failure> {
    let position = Position::ALL
        .into_iter()
        .find(|p| p.name() == spec.position)
        .ok_or_else(|| {
            Failure::Input(format!(
                "--position {}: unknown (valid: struck-cost, ratio, retaliation)",
                spec.position
            ))
        })?;
    let search = Search::new(position, analysis);
    Ok(RaceSettings {
        search: Search {
            tolerance: spec.tolerance.unwrap_or(DEFAULT_TOLERANCE),
            ..search
        },
        rounds: spec.rounds,
        bound: spec
            .bound
            .unwrap_or(reykjavik_engine::reaction::race::DEFAULT_BOUND),
    })
}

/// A setting out of range, named as the CLI's option (`--rounds`, `--tolerance`, `--bound`).
fn setting(e: EngineError) -> Failure {
    Failure::Input(format!("--{e}"))
}

/// A race's error as the CLI words it (`--by`, `--menu`).
fn race_failure(e: reykjavik_analyses::Error, n_side: bool) -> Failure {
    match e {
        reykjavik_analyses::Error::Mover(e) => Failure::Input(e.command_line_message(n_side)),
        reykjavik_analyses::Error::Menu(e) => Failure::Input(e.command_line_message(n_side)),
        other => other.into(),
    }
}

/// Richardson's two-side model with given coefficients: the document of `reykjavik
/// richardson --format json`; a coefficient out of range named as the CLI's option.
pub fn richardson(
    model: RichardsonModel,
    start: (f64, f64),
    years: f64,
    steps: usize,
) -> Result<String, Failure> {
    let request = richardson_analysis::Request {
        model,
        start,
        years,
        steps,
        estimated_from: None,
    };
    let outcome = richardson_analysis::run(request).map_err(|e| match e {
        reykjavik_analyses::Error::Engine(e) => {
            let option = match e.field() {
                Some("x0" | "y0") => "--from".to_string(),
                Some(f) => format!("--{f}"),
                None => "input".to_string(),
            };
            Failure::Input(format!("{option}: {e}"))
        }
        other => other.into(),
    })?;
    Ok(serde_json::to_string_pretty(&outcome.json()).expect("JSON values serialise") + "\n")
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
    let (text, label) = breakout_text(source)?;
    let case = reykjavik_scenario::breakout::parse(&text, &label).map_err(input)?;
    let request = analyses::Request {
        case,
        label,
        monte_carlo: trials.map(|trials| analyses::Trials { trials, seed }),
        solve: solve.map(|(field, target_months)| analyses::Solve {
            field,
            target_months,
        }),
    };
    Ok(format!("{:#}\n", analyses::run(&request)?.json()))
}

/// A breakout case's text and label, read as the CLI reads it (a file or built-in name, or text).
fn breakout_text(source: &Source) -> Result<(String, String), Failure> {
    Ok(match source {
        Source::NameOrPath(name) => {
            reykjavik_scenario::breakout::source_text(name).map_err(input)?
        }
        Source::Text { toml, label } => (toml.clone(), label.clone()),
    })
}

/// An axis of a breakout grid as Python gives it.
pub enum GridAxisSpec {
    /// `PATH=START:STOP:STEPS`, the CLI's `--vary`.
    Text(String),
    Linear(String, f64, f64, usize),
    /// A list of values: refused (a breakout grid's values are evenly spaced).
    Values(String),
}

/// `reykjavik breakout CASE --vary ... --format json` through the analyses layer, errors in
/// the CLI's words.
pub fn breakout_grid(source: &Source, axes: Vec<GridAxisSpec>) -> Result<String, Failure> {
    use reykjavik_analyses::breakout::{self as analyses, GridAxis, GridError};
    let grid_failure = |e: GridError| Failure::from(reykjavik_analyses::Error::from(e));
    let (text, label) = breakout_text(source)?;
    let case = reykjavik_scenario::breakout::parse(&text, &label).map_err(input)?;
    if axes.len() > 2 {
        return Err(grid_failure(GridError::Axes(axes.len())));
    }
    let axes = axes
        .into_iter()
        .map(|a| match a {
            GridAxisSpec::Text(text) => GridAxis::parse(&case, &text),
            GridAxisSpec::Linear(path, start, stop, steps) => Ok(GridAxis {
                path,
                start,
                stop,
                steps,
            }),
            GridAxisSpec::Values(path) => Err(GridError::Syntax {
                text: path,
                why: "give (path, start, stop, steps): a breakout grid's values are evenly spaced"
                    .into(),
            }),
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(grid_failure)?;
    let request = analyses::GridRequest {
        case,
        label,
        axes,
        max_points: None,
    };
    let grid = analyses::grid(&request).map_err(grid_failure)?;
    Ok(format!("{:#}\n", grid.json()))
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
