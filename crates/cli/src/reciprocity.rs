//! `reykjavik reciprocity`: the iterated prisoner's dilemma under noise between two strategies
//! (exact chain, echo, optional simulation), or a recorded event series with its reciprocity
//! ratios (docs/action-reaction.md). Arguments and the event file; the analysis is
//! `reykjavik_analyses::reciprocity`, the output `reykjavik_report::reciprocity`.

use clap::Args;
use reykjavik_analyses::reciprocity as analyses;
use reykjavik_engine::reaction::reciprocity::{Payoffs, Strategy};

use crate::Failure;
use crate::Format;

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
    let outcome = analyses::run(request(&args)?).map_err(analyses::option_error)?;
    Ok(match args.format {
        Format::Text => outcome.text(),
        Format::Json => {
            serde_json::to_string_pretty(&outcome.json()).expect("JSON values serialise") + "\n"
        }
    })
}

/// The request of a command line: an event series (loaded), the table, or a game.
fn request(args: &ReciprocityArgs) -> Result<analyses::Request, Failure> {
    if let Some(name) = &args.events {
        let series =
            reykjavik_scenario::events::load(name).map_err(|e| Failure::Input(e.to_string()))?;
        return Ok(analyses::Request::Events(series));
    }
    let settings = analyses::Settings {
        noise: args.noise,
        forgiveness: args.forgiveness,
        payoffs: parse_payoffs(&args.payoffs)?,
    };
    if args.table {
        return Ok(analyses::Request::Table { settings });
    }
    let name = |given: &Option<String>| given.clone().expect("clap requires it");
    Ok(analyses::Request::Game {
        a: name(&args.a),
        b: name(&args.b),
        settings,
        simulate: args.simulate.map(|rounds| analyses::Simulation {
            rounds,
            games: args.games,
            seed: args.seed,
        }),
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
