//! `reykjavik richardson --estimate` on an N-side scenario (issue 10; docs/action-reaction.md,
//! "Richardson on N sides"): K from the N-side best-response function, fatigue and grievance
//! as lists. Argument handling only; output in `reykjavik_report::n_side_richardson`.

use reykjavik_engine::model::Alert;
use reykjavik_engine::multilateral::MultiOptions;
use reykjavik_engine::reaction::best_response::{Position, Search};
use reykjavik_engine::reaction::n_side_race::{self, NSideRaceSettings};
use reykjavik_engine::reaction::race::{DEFAULT_BOUND, RaceSettings};
use reykjavik_engine::reaction::richardson_n::NRichardson;
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::n_side_richardson::{
    NSideRichardson, n_side_richardson_json, n_side_richardson_text,
};

use crate::Failure;
use crate::Format;
use crate::race::computation;
use crate::richardson::RichardsonArgs;
use reykjavik_engine::EngineError;

pub fn run(args: &RichardsonArgs, scenario: &str) -> Result<String, Failure> {
    refuse_two_side_options(args)?;
    let base = crate::multilateral::load(scenario, &Default::default())?;
    // The two-side estimate's regime: every side day-to-day, riding out.
    let options = MultiOptions::uniform(base.scenario.sides.len(), Alert::DayToDay, false);
    let menu = crate::n_side_race::menu_for(&base, &options, args.menu.as_deref())?;
    let settings = NSideRaceSettings {
        race: RaceSettings {
            search: Search::new(Position::Retaliation, AnalysisOptions::default()),
            rounds: 1,
            bound: DEFAULT_BOUND,
        },
        options,
    };
    let reactions = n_side_race::reaction_matrix(&base, &menu, &settings).map_err(computation)?;
    let n = reactions.actor_names.len();
    let model = NRichardson {
        k: reactions.k.clone(),
        a: list("--fatigue", args.fatigue.as_deref().unwrap_or_default(), n)?,
        g: list("--grievance", args.grievance.as_deref().unwrap_or("0"), n)?,
    };
    model.validate().map_err(bad_model)?;
    let analysis = model.analyse();
    let report = NSideRichardson {
        scenario: &base.scenario.name,
        menu: &menu.name,
        cost_unit: &menu.cost_unit,
        reactions: &reactions,
        model: &model,
        analysis: &analysis,
    };
    Ok(match args.format {
        Format::Text => n_side_richardson_text(&report),
        Format::Json => format!("{:#}\n", n_side_richardson_json(&report)),
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
