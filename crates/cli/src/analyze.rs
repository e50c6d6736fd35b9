//! `reykjavik analyze`: the first-strike stability report, as text or JSON
//! (schema in docs/output-format.md).

use clap::{Args, ValueEnum};
use reykjavik_analyses::analyze as analyses;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::stability::AnalysisOptions;

use crate::Format;
use crate::{Failure, commands, montecarlo};

/// Version of the JSON output (kept here for callers of the CLI library).
pub use reykjavik_report::OUTPUT_SCHEMA_VERSION;

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// A scenario TOML file or a built-in name (see `reykjavik scenarios`).
    #[arg(default_value = reykjavik_scenario::builtin::DEFAULT)]
    scenario: String,
    #[command(flatten)]
    analysis: AnalysisArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Print the whole draw-down curve in the text report.
    #[arg(long)]
    curve: bool,
    /// Certify each greedy counterforce plan against an upper bound (Ahuja et al. 2007).
    #[arg(long)]
    certify: bool,
    /// Monte Carlo: run N trials, drawing uncertain inputs and every launcher, warhead and
    /// interceptor outcome, and report distributions (mean, quantiles, P(at least k arrive)).
    #[arg(long, value_name = "N")]
    trials: Option<u64>,
    /// Master seed of the Monte Carlo streams (same seed, same numbers, on any thread count).
    /// Default 1; needs --trials.
    #[arg(long)]
    seed: Option<u64>,
    /// Also report P(at least K victim warheads arrive) for this K (repeatable; 1, 5, 10, 50
    /// and 100 are always reported). Needs --trials.
    #[arg(long = "at-least", value_name = "K")]
    at_least: Vec<u32>,
    /// Monte Carlo planning: `fixed` plans both strikes once on the central values and executes
    /// that plan with each trial's drawn inputs (planners share the analyst's uncertainty, as in
    /// Wu 2020); `informed` plans again on each trial's draws (planners know the true values; a
    /// randomised sensitivity study, several times slower).
    /// Default `fixed`; needs --trials.
    #[arg(long, value_enum)]
    planning: Option<PlanningArg>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    n_side: crate::multilateral::NSideArgs,
    #[command(flatten)]
    arms_race: crate::race::ArmsRaceArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PlanningArg {
    Fixed,
    Informed,
}

impl From<PlanningArg> for reykjavik_engine::montecarlo::Planning {
    fn from(p: PlanningArg) -> Self {
        match p {
            PlanningArg::Informed => Self::Informed,
            PlanningArg::Fixed => Self::Fixed,
        }
    }
}

/// How the analysis is posed; shared by `analyze` and `sweep`.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Alert posture: `day-to-day` or `generated` for both sides, or `SIDE=POSTURE` for one side
    /// (SIDE is its name or its number, 1 or 2; 1 to N on an N-side scenario). Repeatable.
    #[arg(long, value_name = "[SIDE=]POSTURE")]
    alert: Vec<String>,
    /// The victim launches under attack: a share (options.launch_under_attack_share, default 0.9)
    /// of its targeted silo and garrison missiles escapes. Without a value: both sides; or name one.
    #[arg(long, value_name = "SIDE", num_args = 0..=1, default_missing_value = "both")]
    launch_under_attack: Vec<String>,
}

impl AnalysisArgs {
    /// `--alert` and `--launch-under-attack` as written (the N-side analysis reads them).
    pub fn raw(&self) -> (&[String], &[String]) {
        (&self.alert, &self.launch_under_attack)
    }

    /// The options given, as they were written (for commands where they do not apply).
    pub fn given(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        if !self.alert.is_empty() {
            given.push("--alert");
        }
        if !self.launch_under_attack.is_empty() {
            given.push("--launch-under-attack");
        }
        given
    }
}

impl AnalysisArgs {
    /// The two-side options of the words given (`reykjavik_analyses::posture`).
    pub fn options(&self, scenario: &Scenario) -> Result<AnalysisOptions, Failure> {
        Ok(reykjavik_analyses::posture::two_side(
            scenario,
            &self.alert,
            &self.launch_under_attack,
        )?)
    }
}

/// Monte Carlo options without --trials would be silently ignored: refuse them.
fn check_monte_carlo_options(args: &AnalyzeArgs) -> Result<(), Failure> {
    if args.trials.is_some() {
        return Ok(());
    }
    let given: Vec<&str> = [
        (!args.at_least.is_empty(), "--at-least"),
        (args.planning.is_some(), "--planning"),
        (args.seed.is_some(), "--seed"),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect();
    if given.is_empty() {
        Ok(())
    } else {
        let verb = if given.len() == 1 { "applies" } else { "apply" };
        Err(Failure::Input(format!(
            "{} {verb} only to Monte Carlo: add --trials N (e.g. --trials 10000)",
            given.join(", ")
        )))
    }
}

pub fn run(args: AnalyzeArgs) -> Result<String, Failure> {
    check_monte_carlo_options(&args)?;
    if crate::multilateral::wanted(&args.scenario, &args.n_side) {
        return run_n_side(&args);
    }
    let request = request(&args)?;
    let steps = request.steps();
    let bar = montecarlo::progress_bar(steps, args.quiet || steps == 0, "trials");
    let analysed = analyses::run(request, &|done| bar.set_position(done));
    bar.finish_and_clear();
    let analysed = analysed?;
    Ok(match args.format {
        Format::Json => analysed.json(),
        Format::Text => analysed.text(),
    })
}

/// The analyses layer's request, checked in the command line's order and words: the scenario,
/// two sides, the posture, `--trials`, then the arms race's menu.
fn request(args: &AnalyzeArgs) -> Result<analyses::Request, Failure> {
    let scenario = commands::load(&args.scenario)?;
    analyses::two_sides(&scenario, &args.scenario)?;
    let options = args.analysis.options(&scenario)?;
    let monte_carlo = match args.trials {
        Some(trials) => Some(monte_carlo(args, &scenario, trials)?),
        None => None,
    };
    let arms_race = crate::race::arms_race_section(&args.arms_race, &scenario)?;
    Ok(analyses::Request {
        scenario,
        options,
        certify: args.certify,
        curve: args.curve,
        monte_carlo,
        arms_race,
    })
}

fn monte_carlo(
    args: &AnalyzeArgs,
    scenario: &Scenario,
    trials: u64,
) -> Result<analyses::MonteCarlo, Failure> {
    let planning = args.planning.unwrap_or(PlanningArg::Fixed).into();
    check_trials(scenario, trials, planning)?;
    Ok(analyses::MonteCarlo {
        trials,
        seed: args.seed.unwrap_or(1),
        planning,
        at_least: args.at_least.clone(),
    })
}

/// An N-side scenario (issue 10): the N-side report.
fn run_n_side(args: &AnalyzeArgs) -> Result<String, Failure> {
    let (alert, launch_under_attack) = args.analysis.raw();
    crate::multilateral::analyze(
        &args.scenario,
        &args.n_side,
        alert,
        launch_under_attack,
        matches!(args.format, Format::Json),
        crate::multilateral::Extras {
            trials: args.trials,
            seed: args.seed,
            planning: args.planning.unwrap_or(PlanningArg::Fixed).into(),
            at_least: &args.at_least,
            curve: args.curve,
            certify: args.certify,
            arms_race: &args.arms_race,
            quiet: args.quiet,
            scenario: &args.scenario,
        },
    )
}

/// `--trials` within the caps of `limits::size`, which depend on the scenario's size.
fn check_trials(
    scenario: &Scenario,
    trials: u64,
    planning: reykjavik_engine::montecarlo::Planning,
) -> Result<(), Failure> {
    let (most, why) = analyses::max_trials(scenario, planning);
    if (1..=most).contains(&trials) {
        Ok(())
    } else {
        Err(Failure::Input(format!(
            "--trials {trials} is out of range (valid for this scenario: 1 to {most}; {why})"
        )))
    }
}
