//! `reykjavik richardson`: Richardson's arms-race model with given coefficients: equilibrium,
//! stability, classification and a trajectory (docs/action-reaction.md). Arguments, the
//! chart (`richardson_chart`) and the options' names in the model's errors; the model runs in
//! `reykjavik_analyses::richardson`.

use std::path::PathBuf;

use clap::Args;
use reykjavik_engine::EngineError;
use reykjavik_engine::reaction::richardson::RichardsonModel;

use crate::Failure;
use crate::Format;
use crate::richardson_chart::trajectory_svg;
use reykjavik_analyses::richardson as analyses;

#[derive(Debug, Args)]
pub struct RichardsonArgs {
    /// Reaction of x to y, per year (dx/dt = k y - a x + g), -100 to 100.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "estimate"
    )]
    k: Option<f64>,
    /// Reaction of y to x, per year (dy/dt = l x - b y + h), -100 to 100.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "estimate"
    )]
    l: Option<f64>,
    /// Estimate k and l from the engine's best-response function around this scenario (a file
    /// or built-in name): each side's cheapest response per unit of the other's one-step build
    /// on the response menu (x = side 1, y = side 2; one round taken as one year).
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["k", "l"])]
    pub(crate) estimate: Option<String>,
    /// With --estimate: a response-menu file or built-in name (default: named after the
    /// scenario).
    #[arg(long, value_name = "MENU", requires = "estimate")]
    pub(crate) menu: Option<String>,
    /// Fatigue (expense) of x, per year, -100 to 100.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "fatigue"
    )]
    pub(crate) a: Option<f64>,
    /// Fatigue (expense) of y, per year, -100 to 100.
    #[arg(
        long,
        allow_negative_numbers = true,
        required_unless_present = "fatigue"
    )]
    pub(crate) b: Option<f64>,
    /// N sides, with --estimate: each actor's fatigue a_i per year, -100 to 100: one number for
    /// every actor, or one per actor in actor order (A1,A2,...).
    #[arg(
        long,
        value_name = "A1,A2,...",
        requires = "estimate",
        allow_hyphen_values = true
    )]
    pub(crate) fatigue: Option<String>,
    /// N sides, with --fatigue: each actor's grievance g_i (one number, or one per actor).
    /// Default 0.
    #[arg(
        long,
        value_name = "G1,G2,...",
        requires = "fatigue",
        allow_hyphen_values = true
    )]
    pub(crate) grievance: Option<String>,
    /// Grievance of x: build per year whatever y does.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0)]
    g: f64,
    /// Grievance of y.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0)]
    h: f64,
    /// Starting levels x0,y0.
    #[arg(
        long,
        value_name = "X0,Y0",
        default_value = "0,0",
        allow_hyphen_values = true
    )]
    from: String,
    /// Years to follow, more than 0 and at most 1000.
    #[arg(long, default_value_t = 20.0)]
    years: f64,
    /// Equal steps of the trajectory (points = steps + 1), 1 to 100000.
    #[arg(long, default_value_t = 200)]
    steps: usize,
    /// Write an SVG chart of both levels against time.
    #[arg(long, value_name = "FILE.svg")]
    pub(crate) svg: Option<PathBuf>,
    /// Output format (JSON schema in docs/output-format.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

pub fn run(args: RichardsonArgs) -> Result<String, Failure> {
    if let Some(scenario) = &args.estimate
        && reykjavik_scenario::multilateral::is_n_side(scenario)
    {
        return crate::n_side_richardson::run(&args, scenario);
    }
    let (Some(a), Some(b)) = (args.a, args.b) else {
        return Err(Failure::Input(
            "--a and --b: the fatigue of x and y (--fatigue is for N-side scenarios)".into(),
        ));
    };
    let (k, l, estimated_from) = match &args.estimate {
        Some(scenario) => {
            let (c, estimate) = crate::race::estimate_coefficients(scenario, args.menu.as_deref())?;
            (c.k, c.l, Some(estimate))
        }
        None => (args.k.unwrap_or_default(), args.l.unwrap_or_default(), None),
    };
    let model = RichardsonModel {
        k,
        l,
        a,
        b,
        g: args.g,
        h: args.h,
    };
    // The coefficients are checked before --from is read (the run checks them again).
    model.validate().map_err(bad_input)?;
    let request = analyses::Request {
        model,
        start: parse_start(&args.from)?,
        years: args.years,
        steps: args.steps,
        estimated_from,
    };
    let outcome = analyses::run(request).map_err(|e| match e {
        reykjavik_analyses::Error::Engine(e) => bad_input(e),
        other => other.into(),
    })?;
    if let Some(path) = &args.svg {
        let svg = trajectory_svg(&outcome.report).map_err(Failure::Computation)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(match args.format {
        Format::Text => outcome.text(),
        Format::Json => {
            serde_json::to_string_pretty(&outcome.json()).expect("JSON values serialise") + "\n"
        }
    })
}

fn parse_start(text: &str) -> Result<(f64, f64), Failure> {
    let values: Result<Vec<f64>, _> = text.split(',').map(|v| v.trim().parse::<f64>()).collect();
    match values.as_deref() {
        Ok(&[x, y]) => Ok((x, y)),
        _ => Err(Failure::Input(format!(
            "--from `{text}`: expected two numbers X0,Y0, for example 100,80"
        ))),
    }
}

/// Names the option an engine error is about (`--k`, `--from`, `--years`).
fn bad_input(e: EngineError) -> Failure {
    let option = match e.field() {
        Some("x0" | "y0") => "--from".to_string(),
        Some(f) => format!("--{f}"),
        None => "input".to_string(),
    };
    Failure::Input(format!("{option}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_parses_or_fails() {
        assert_eq!(parse_start("-1, 2.5").unwrap(), (-1.0, 2.5));
        assert!(parse_start("1").is_err());
        assert!(parse_start("1,2,3").is_err());
    }
}
