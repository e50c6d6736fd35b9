//! `reykjavik race SCENARIO --move PROPOSAL`: the action-reaction race (docs/action-reaction.md),
//! and the arguments `analyze --arms-race` shares. Argument handling, the chart (`race_chart`)
//! and the command line's words for the mover's and the menu's errors; the race is
//! `reykjavik_analyses::race`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use reykjavik_analyses::race::{self as analyses, MoverError, SideGiven};
use reykjavik_engine::EngineError;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::reaction::best_response::{
    DEFAULT_TOLERANCE, Position, ResponseMenu, Search,
};
use reykjavik_engine::reaction::{arms_race, race};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_scenario::proposal::LoadedProposal;
use reykjavik_scenario::response::{self, LoadedMenu};

use crate::Failure;
use crate::Format;
use crate::analyze::AnalysisArgs;
use crate::race_chart::race_svg;
use reykjavik_report::richardson as report_richardson;

#[derive(Debug, Args)]
pub struct RaceArgs {
    /// A scenario TOML file or a built-in name.
    #[arg(required_unless_present = "show_menu")]
    pub(crate) scenario: Option<String>,
    /// The move that starts the race: a proposal file or built-in name (`reykjavik compare --list`).
    #[arg(
        long = "move",
        value_name = "PROPOSAL",
        required_unless_present = "show_menu"
    )]
    pub(crate) move_: Option<String>,
    /// The side that moves (its name, or 1 or 2; 1 to N on an N-side scenario). Default: the one
    /// side the move changes.
    #[arg(long, value_name = "SIDE")]
    pub(crate) by: Option<String>,
    /// Best responses after the move (1 to 100); on an N-side scenario, full rounds (every
    /// actor with a menu option answers once a round).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub(crate) rounds: u32,
    #[command(flatten)]
    pub(crate) menu: MenuArgs,
    #[command(flatten)]
    pub(crate) analysis: AnalysisArgs,
    #[command(flatten)]
    pub(crate) n_side: crate::multilateral::NSideArgs,
    /// A spiral: a side's nuclear warheads and interceptors above this multiple of their
    /// number before the move (above 1, at most 100).
    #[arg(long, default_value_t = race::DEFAULT_BOUND)]
    pub(crate) bound: f64,
    /// Also estimate the Richardson reaction coefficients k and l around the scenario.
    #[arg(long)]
    pub(crate) richardson: bool,
    /// Write an SVG chart of forces and the index by round.
    #[arg(long, value_name = "FILE.svg")]
    pub(crate) svg: Option<PathBuf>,
    /// Print a built-in response menu's TOML (with the source of its caps and costs).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["scenario", "move_"])]
    pub(crate) show_menu: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

/// The menu and how a response is judged (shared with `analyze --arms-race`).
#[derive(Debug, Args)]
pub struct MenuArgs {
    /// A response-menu file or built-in name. Default: the built-in menu named after the
    /// scenario (us-russia-2021, kent-thaler-notional).
    #[arg(long, value_name = "MENU")]
    pub(crate) menu: Option<String>,
    /// The position a side restores: its cost when struck first (C2), its ratio, or its
    /// surviving retaliation in the other's value units.
    #[arg(long, value_enum, default_value_t = PositionArg::Retaliation)]
    pub(crate) position: PositionArg,
    /// A share of the target a position may fall short by and still count as restored (0 to 0.5).
    #[arg(long, default_value_t = DEFAULT_TOLERANCE)]
    pub(crate) tolerance: f64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PositionArg {
    StruckCost,
    Ratio,
    Retaliation,
}

impl From<PositionArg> for Position {
    fn from(p: PositionArg) -> Self {
        match p {
            PositionArg::StruckCost => Self::StruckCost,
            PositionArg::Ratio => Self::Ratio,
            PositionArg::Retaliation => Self::Retaliation,
        }
    }
}

/// `analyze --arms-race`: the flag and its menu options.
#[derive(Debug, Args)]
pub struct ArmsRaceArgs {
    /// Also report arms-race stability: each side's cheapest response per unit of the other's
    /// most provocative one-step move on its response menu (on N sides: each actor's, against
    /// every other actor's moves).
    #[arg(long)]
    arms_race: bool,
    /// With --arms-race: a response-menu file or built-in name (default: named after the scenario).
    #[arg(long = "menu", value_name = "MENU", requires = "arms_race")]
    pub(crate) menu: Option<String>,
    /// With --arms-race: the position a side restores.
    #[arg(long, value_enum, requires = "arms_race")]
    pub(crate) position: Option<PositionArg>,
}

impl ArmsRaceArgs {
    /// `--arms-race` was given.
    pub fn wanted(&self) -> bool {
        self.arms_race
    }
}

pub fn run(args: RaceArgs) -> Result<String, Failure> {
    if let Some(name) = &args.show_menu {
        return show_menu(name);
    }
    let scenario = args.scenario.as_deref().unwrap_or_default();
    if crate::multilateral::wanted(scenario, &args.n_side) {
        return crate::n_side_race::run(&args);
    }
    let raced = analyses::run(request(&args, scenario)?).map_err(|e| failure(e, false))?;
    if let Some(path) = &args.svg {
        let svg = race_svg(&raced.context(), &raced.race).map_err(Failure::Computation)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(match args.format {
        Format::Text => raced.text(),
        Format::Json => format!("{:#}\n", raced.json()),
    })
}

/// The two-side race of a command line, its inputs checked in the command's order.
fn request(args: &RaceArgs, scenario: &str) -> Result<analyses::Request, Failure> {
    let base = crate::multilateral::load_two_sided(scenario)?;
    if base.sides.len() != 2 {
        return Err(Failure::Input(format!(
            "`race` is between exactly 2 sides; this scenario has {}",
            base.sides.len()
        )));
    }
    let start = analyses::apply_move(&base, &load_move(args)?)?;
    let mover =
        analyses::mover(&base, &start, by(args).as_ref()).map_err(|e| mover_failure(e, false))?;
    let options = args.analysis.options(&base)?;
    let menu = menu_for(&base, args.menu.menu.as_deref(), true)?;
    let settings = race::RaceSettings {
        search: search(&args.menu, options),
        rounds: args.rounds,
        bound: args.bound,
    };
    analyses::check_settings(&settings).map_err(setting)?;
    Ok(analyses::Request {
        base,
        start,
        mover,
        menu,
        settings,
        richardson: args.richardson,
    })
}

pub(crate) fn load_move(args: &RaceArgs) -> Result<LoadedProposal, Failure> {
    reykjavik_scenario::proposal::load(args.move_.as_deref().unwrap_or_default()).map_err(input)
}

pub(crate) fn by(args: &RaceArgs) -> Option<SideGiven> {
    args.by.clone().map(SideGiven::Named)
}

/// `richardson --estimate`: k and l around a scenario at its default regime (day-to-day, riding
/// out), positions as surviving retaliation, on its menu.
pub fn estimate_coefficients(
    scenario: &str,
    menu: Option<&str>,
) -> Result<(arms_race::ReactionCoefficients, report_richardson::Estimate), Failure> {
    let base = crate::multilateral::load_two_sided(scenario)?;
    let menu = menu_for(&base, menu, true)?;
    Ok(reykjavik_analyses::richardson::estimate(&base, &menu)?)
}

pub(crate) fn search(args: &MenuArgs, analysis: AnalysisOptions) -> Search {
    Search {
        tolerance: args.tolerance,
        ..Search::new(args.position.into(), analysis)
    }
}

fn show_menu(name: &str) -> Result<String, Failure> {
    response::builtin_text(name)
        .map(str::to_string)
        .ok_or_else(|| {
            let names: Vec<&str> = response::BUILTINS.iter().map(|(n, _)| *n).collect();
            Failure::Input(format!(
                "no built-in response menu named `{name}` (built-in: {})",
                names.join(", ")
            ))
        })
}

/// The menu given (a file or built-in name), or the built-in one named after the scenario;
/// every side must have an option when `every_side`.
fn menu_for(
    scenario: &Scenario,
    given: Option<&str>,
    every_side: bool,
) -> Result<ResponseMenu, Failure> {
    analyses::menu(scenario, load_menu(given)?, every_side).map_err(|e| failure(e, false))
}

/// The menu file or built-in named, if one is.
pub(crate) fn load_menu(given: Option<&str>) -> Result<Option<LoadedMenu>, Failure> {
    given.map(response::load).transpose().map_err(input)
}

/// An analyses error in the command line's words: the mover's and the menu's name `--by` and
/// `--menu`; `n_side` picks the menu to start from.
/// The mover's error in the command line's words.
pub(crate) fn mover_failure(e: MoverError, n_side: bool) -> Failure {
    Failure::Input(e.command_line_message(n_side))
}

pub(crate) fn failure(e: reykjavik_analyses::Error, n_side: bool) -> Failure {
    match e {
        reykjavik_analyses::Error::Mover(e) => mover_failure(e, n_side),
        reykjavik_analyses::Error::Menu(e) => Failure::Input(e.command_line_message(n_side)),
        other => other.into(),
    }
}

/// `analyze --arms-race`: the menu and position of the section asked, or `None` without the
/// flag (the analyses layer computes it).
pub fn arms_race_section(
    args: &ArmsRaceArgs,
    scenario: &Scenario,
) -> Result<Option<reykjavik_analyses::analyze::ArmsRace>, Failure> {
    if !args.arms_race {
        return Ok(None);
    }
    let menu = menu_for(scenario, args.menu.as_deref(), false)?;
    let position: Position = args.position.unwrap_or(PositionArg::Retaliation).into();
    Ok(Some(reykjavik_analyses::analyze::ArmsRace {
        menu,
        position,
    }))
}

pub(crate) fn input(e: impl std::fmt::Display) -> Failure {
    Failure::Input(e.to_string())
}

pub(crate) fn setting(e: EngineError) -> Failure {
    Failure::Input(format!("--{e}"))
}
