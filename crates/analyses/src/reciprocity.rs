//! `reciprocity`: the iterated prisoner's dilemma under noise between two strategies (exact
//! chain, echo, optional simulation), every strategy against every other, or a recorded event
//! series (docs/action-reaction.md); the documents are `reykjavik_report::reciprocity`.

use reykjavik_engine::EngineError;
use reykjavik_engine::reaction::events::EventSeries;
use reykjavik_engine::reaction::reciprocity::{self, Game, Payoffs, Strategy};
use reykjavik_report::reciprocity::{self as output, GameReport, TableReport};
use serde_json::Value;

use crate::{Error, computation};

/// What every game is played under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// The probability that an intended move is flipped.
    pub noise: f64,
    /// Generous tit-for-tat's forgiveness; `None`: the largest stable one for the payoffs.
    pub forgiveness: Option<f64>,
    pub payoffs: Payoffs,
}

/// A simulation beside the exact chain: games of `rounds` rounds, game g on stream g of `seed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Simulation {
    pub rounds: u64,
    pub games: u64,
    pub seed: u64,
}

/// A reciprocity analysis to run.
#[derive(Debug, Clone)]
pub enum Request {
    /// Strategy `a` against `b`, by their names (`Strategy::NAMES`).
    Game {
        a: String,
        b: String,
        settings: Settings,
        simulate: Option<Simulation>,
    },
    /// Every strategy against every other.
    Table { settings: Settings },
    /// A recorded event series (loaded) and its reciprocity ratios.
    Events(EventSeries),
}

/// The result, ready to render.
pub enum Outcome {
    Game(Box<GameReport>),
    Table(TableReport),
    Events(EventSeries),
}

impl Outcome {
    /// The document of `reciprocity --format json`.
    pub fn json(&self) -> Value {
        match self {
            Self::Game(r) => output::reciprocity_json(r),
            Self::Table(r) => output::table_json(r),
            Self::Events(s) => output::events_json(s),
        }
    }

    /// The text report.
    pub fn text(&self) -> String {
        match self {
            Self::Game(r) => output::reciprocity_text(r),
            Self::Table(r) => output::table_text(r),
            Self::Events(s) => output::events_text(s),
        }
    }
}

/// Runs the analysis. The engine's refusals (noise, payoffs, forgiveness, rounds, games out of
/// range) come as [`Error::Engine`]; [`option_error`] names the CLI option they are about.
pub fn run(request: Request) -> Result<Outcome, Error> {
    match request {
        Request::Game {
            a,
            b,
            settings,
            simulate,
        } => game(&a, &b, settings, simulate).map(|r| Outcome::Game(Box::new(r))),
        Request::Table { settings } => table(settings).map(Outcome::Table),
        Request::Events(series) => Ok(Outcome::Events(series)),
    }
}

/// The payoffs checked, then the forgiveness given (checked) or the largest stable one.
fn forgiveness(settings: &Settings) -> Result<f64, Error> {
    settings.payoffs.validate().map_err(computation)?;
    reciprocity::forgiveness(&settings.payoffs, settings.forgiveness).map_err(computation)
}

fn strategy(side: &str, name: &str, forgiveness: f64) -> Result<Strategy, Error> {
    Strategy::from_name(name, forgiveness).ok_or_else(|| {
        Error::Input(format!(
            "{side}: unknown strategy `{name}` (valid: {})",
            Strategy::NAMES.join(", ")
        ))
    })
}

fn game(
    a: &str,
    b: &str,
    settings: Settings,
    simulate: Option<Simulation>,
) -> Result<GameReport, Error> {
    let forgiveness = forgiveness(&settings)?;
    let game = Game {
        a: strategy("a", a, forgiveness)?,
        b: strategy("b", b, forgiveness)?,
        noise: settings.noise,
        payoffs: settings.payoffs,
    };
    let long_run = game.long_run().map_err(computation)?;
    let echo = |side, noise| game.echo(side, noise).map_err(computation);
    Ok(GameReport {
        echo_clean: [echo(0, 0.0)?, echo(1, 0.0)?],
        echo_noisy: [echo(0, game.noise)?, echo(1, game.noise)?],
        simulation: simulate
            .map(|s| game.simulate(s.rounds, s.games, s.seed))
            .transpose()
            .map_err(computation)?,
        max_forgiveness: reciprocity::generous_max_forgiveness(&settings.payoffs),
        game,
        forgiveness,
        long_run,
    })
}

fn table(settings: Settings) -> Result<TableReport, Error> {
    let forgiveness = forgiveness(&settings)?;
    let strategies = Strategy::NAMES
        .iter()
        .map(|n| strategy("table", n, forgiveness))
        .collect::<Result<Vec<_>, _>>()?;
    let payoff = reciprocity::round_robin(&strategies, settings.noise, settings.payoffs)
        .map_err(computation)?;
    Ok(TableReport {
        strategies,
        noise: settings.noise,
        forgiveness,
        payoffs: settings.payoffs,
        payoff,
    })
}

/// An analysis error as the CLI words it: an engine refusal is bad input naming the option it
/// is about (`--noise`, `--forgiveness`, `--simulate`, `--games`, `--payoffs`).
pub fn option_error(e: Error) -> Error {
    match e {
        Error::Engine(e) => Error::Input(option_message(&e)),
        other => other,
    }
}

fn option_message(e: &EngineError) -> String {
    let option = match e.field() {
        Some("noise") => "--noise",
        Some(f) if f.ends_with("forgiveness") => "--forgiveness",
        Some("rounds") => "--simulate",
        Some("games") => "--games",
        Some("payoffs") => return format!("--{e}"),
        _ => "--payoffs",
    };
    format!("{option}: {e}")
}
