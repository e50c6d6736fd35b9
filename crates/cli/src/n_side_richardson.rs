//! `reykjavik richardson --estimate` on an N-side scenario (issue 10; docs/action-reaction.md,
//! "Richardson on N sides"): K from the N-side best-response function, fatigue and grievance
//! as lists. Argument handling only; the model runs in `reykjavik_analyses::richardson`.

use reykjavik_analyses::richardson as analyses;

use crate::Failure;
use crate::Format;
use crate::richardson::RichardsonArgs;
use reykjavik_engine::EngineError;

pub fn run(args: &RichardsonArgs, scenario: &str) -> Result<String, Failure> {
    refuse_two_side_options(args)?;
    let base = crate::multilateral::load(scenario, &Default::default())?;
    let options = analyses::n_side_regime(&base);
    let menu = crate::n_side_race::menu_for(&base, &options, args.menu.as_deref())?;
    let reactions = analyses::n_side_reactions(&base, &menu)?;
    let n = reactions.actor_names.len();
    let request = analyses::NSideRequest {
        scenario: base.scenario.name.clone(),
        menu: menu.name.clone(),
        cost_unit: menu.cost_unit.clone(),
        fatigue: list("--fatigue", args.fatigue.as_deref().unwrap_or_default(), n)?,
        grievance: list("--grievance", args.grievance.as_deref().unwrap_or("0"), n)?,
        reactions,
    };
    let outcome = analyses::run_n_side(request).map_err(|e| match e {
        reykjavik_analyses::Error::Engine(e) => bad_model(e),
        other => other.into(),
    })?;
    Ok(match args.format {
        Format::Text => outcome.text(),
        Format::Json => format!("{:#}\n", outcome.json()),
    })
}
/// --a, --b and the chart are the two-side model's; on N sides the lists replace them.
fn refuse_two_side_options(args: &RichardsonArgs) -> Result<(), Failure> {
    if args.a.is_some() || args.b.is_some() {
        return Err(Failure::Input(
            "--a and --b are the two-side model's fatigue terms: on an N-side scenario give --fatigue A (every actor) or A1,A2,... (one per actor)".into(),
        ));
    }
    if args.fatigue.is_none() {
        return Err(Failure::Input(
            "--fatigue A1,A2,...: the fatigue of each actor (or one number for every actor) is needed on an N-side scenario".into(),
        ));
    }
    if args.svg.is_some() {
        return Err(Failure::Input(
            "--svg draws the two-side trajectory; on N sides the report gives the equilibrium and the eigenvalues".into(),
        ));
    }
    Ok(())
}

/// One number for every actor, or one per actor.
fn list(option: &str, text: &str, n: usize) -> Result<Vec<f64>, Failure> {
    let values: Result<Vec<f64>, _> = text.split(',').map(|v| v.trim().parse::<f64>()).collect();
    match values {
        Ok(v) if v.len() == 1 => Ok(vec![v[0]; n]),
        Ok(v) if v.len() == n => Ok(v),
        _ => Err(Failure::Input(format!(
            "{option} `{text}`: expected one number, or {n} (one per actor, in actor order)"
        ))),
    }
}

/// Names the option a coefficient came from; an estimated k out of range is no input's fault.
fn bad_model(e: EngineError) -> Failure {
    match e.field().and_then(|f| f.chars().next()) {
        Some('a') => Failure::Input(format!("--fatigue: {e}")),
        Some('g') => Failure::Input(format!("--grievance: {e}")),
        _ => Failure::Computation(format!("the estimated K: {e}")),
    }
}
