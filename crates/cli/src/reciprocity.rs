//! `reykjavik reciprocity`: the iterated prisoner's dilemma under noise between two strategies
//! (exact chain, echo, optional simulation), or a recorded event series with its reciprocity
//! ratios (docs/action-reaction.md). Output in `reykjavik_report::reciprocity`.

use clap::Args;
use reykjavik_engine::EngineError;
use reykjavik_engine::reaction::reciprocity::{self, Game, Payoffs, Strategy};

use crate::Failure;
use crate::Format;
use reykjavik_report::reciprocity::{self as output, GameReport};

#[derive(Debug, Args)]
pub struct ReciprocityArgs {
    /// Strategy of side A: tft, gtft (generous), ctft (contrite), wsls (Pavlov), alld, allc, grim.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(Strategy::NAMES),
          required_unless_present_any = ["events", "table"])]
    a: Option<String>,
    /// Strategy of side B (same names).
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(Strategy::NAMES),
          required_unless_present_any = ["events", "table"])]
    b: Option<String>,
    /// Probability that an intended move is flipped, 0 to 1.
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    noise: f64,
    /// Generous tit-for-tat's probability of cooperating after a defection, 0 to 1 (default:
    /// the largest stable value for the payoffs, Nowak & Sigmund 1992).
    #[arg(long, value_name = "Q", allow_negative_numbers = true)]
    forgiveness: Option<f64>,
    /// Payoffs T,R,P,S: a prisoner's dilemma needs T > R > P > S and 2R > T + S.
    #[arg(
        long,
        value_name = "T,R,P,S",
        default_value = "5,3,1,0",
        allow_hyphen_values = true
    )]
    payoffs: String,
    /// Also simulate: this many rounds per game (checks the exact chain).
    #[arg(long, value_name = "ROUNDS")]
    simulate: Option<u64>,
    /// Independent games of the simulation (at least 2, for a standard error).
    #[arg(long, default_value_t = 100, requires = "simulate")]
    games: u64,
    /// Master seed of the simulation (game g uses stream g: same seed, same numbers).
    #[arg(long, default_value_t = 1, requires = "simulate")]
    seed: u64,
    /// Every strategy against every other instead: the long-run payoff table (exact).
    #[arg(long, conflicts_with_all = ["a", "b", "simulate", "events"])]
    table: bool,
    /// Show an event series instead (a file or the built-in us-russia-2016-2018).
    #[arg(long, value_name = "NAME|FILE", conflicts_with_all = ["a", "b", "simulate"])]
    events: Option<String>,
    /// Output format (JSON schema in docs/output-format.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: ReciprocityArgs) -> Result<String, Failure> {
    if let Some(name) = &args.events {
        let series =
            reykjavik_scenario::events::load(name).map_err(|e| Failure::Input(e.to_string()))?;
        return Ok(render(
            args.format,
            || output::events_text(&series),
            || output::events_json(&series),
        ));
    }
    if args.table {
        let report = table_report(&args)?;
        return Ok(render(
            args.format,
            || output::table_text(&report),
            || output::table_json(&report),
        ));
    }
    let report = game_report(&args)?;
    Ok(render(
        args.format,
        || output::reciprocity_text(&report),
        || output::reciprocity_json(&report),
    ))
}

fn render(
    format: Format,
    text: impl FnOnce() -> String,
    json: impl FnOnce() -> serde_json::Value,
) -> String {
    match format {
        Format::Text => text(),
        Format::Json => {
            serde_json::to_string_pretty(&json()).expect("JSON values serialise") + "\n"
        }
    }
}

fn game_report(args: &ReciprocityArgs) -> Result<GameReport, Failure> {
    let payoffs = parse_payoffs(&args.payoffs)?;
    payoffs.validate().map_err(bad_input)?;
    let max_forgiveness = reciprocity::generous_max_forgiveness(&payoffs);
    let forgiveness = reciprocity::forgiveness(&payoffs, args.forgiveness).map_err(bad_input)?;
    let strategy = |name: &Option<String>| {
        Strategy::from_name(name.as_deref().expect("clap requires it"), forgiveness)
            .expect("clap checks the names")
    };
    let game = Game {
        a: strategy(&args.a),
        b: strategy(&args.b),
        noise: args.noise,
        payoffs,
    };
    let long_run = game.long_run().map_err(bad_input)?;
    let echo = |side, noise| game.echo(side, noise).map_err(bad_input);
    Ok(GameReport {
        echo_clean: [echo(0, 0.0)?, echo(1, 0.0)?],
        echo_noisy: [echo(0, game.noise)?, echo(1, game.noise)?],
        simulation: args
            .simulate
            .map(|rounds| game.simulate(rounds, args.games, args.seed))
            .transpose()
            .map_err(bad_input)?,
        game,
        forgiveness,
        max_forgiveness,
        long_run,
    })
}

fn table_report(args: &ReciprocityArgs) -> Result<output::TableReport, Failure> {
    let payoffs = parse_payoffs(&args.payoffs)?;
    payoffs.validate().map_err(bad_input)?;
    let forgiveness = reciprocity::forgiveness(&payoffs, args.forgiveness).map_err(bad_input)?;
    let strategies: Vec<Strategy> = Strategy::NAMES
        .iter()
        .map(|n| Strategy::from_name(n, forgiveness).expect("a listed name"))
        .collect();
    let payoff = reciprocity::round_robin(&strategies, args.noise, payoffs).map_err(bad_input)?;
    Ok(output::TableReport {
        strategies,
        noise: args.noise,
        forgiveness,
        payoffs,
        payoff,
    })
}

fn parse_payoffs(text: &str) -> Result<Payoffs, Failure> {
    let values: Result<Vec<f64>, _> = text.split(',').map(|v| v.trim().parse::<f64>()).collect();
    match values.as_deref() {
        Ok(&[t, r, p, s]) => Ok(Payoffs { t, r, p, s }),
        _ => Err(Failure::Input(format!(
            "--payoffs `{text}`: expected four numbers T,R,P,S, for example 5,3,1,0"
        ))),
    }
}

/// Names the command-line option an engine error is about.
fn bad_input(e: EngineError) -> Failure {
    let option = match e.field() {
        Some("noise") => "--noise",
        Some(f) if f.ends_with("forgiveness") => "--forgiveness",
        Some("rounds") => "--simulate",
        Some("games") => "--games",
        Some("payoffs") => return Failure::Input(format!("--{e}")),
        _ => "--payoffs",
    };
    Failure::Input(format!("{option}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payoffs_parse_or_fail() {
        assert_eq!(parse_payoffs("5, 3,1,0").unwrap(), Payoffs::default());
        assert!(parse_payoffs("5,3,1").is_err());
        assert!(parse_payoffs("5,3,1,x").is_err());
    }
}
