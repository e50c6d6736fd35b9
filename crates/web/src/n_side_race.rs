//! `POST /api/race` on an N-side scenario (issue 10): the race among the actors, answering
//! `{ document, text }` with the CLI's N-side race document (`reykjavik_report::n_side_race`).
//! Built-in moves and menus only, as on two sides.

use axum::Json;
use axum::response::{IntoResponse, Response};
use reykjavik_engine::limits;
use reykjavik_engine::multilateral::{self, MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::{DEFAULT_TOLERANCE, ResponseMenu, Search};
use reykjavik_engine::reaction::n_side_race::{self, NSideRaceSettings};
use reykjavik_engine::reaction::race::{self, RaceSettings};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::n_side_race::{NSideRaceContext, n_side_race_json, n_side_race_text};
use reykjavik_scenario::proposal;
use serde_json::json;

use crate::State;
use crate::compute::heavy;
use crate::error::ApiError;
use crate::reaction::{RaceRequest, menu, position};

pub async fn race(
    state: &State,
    request: RaceRequest,
    base: MultiScenario,
) -> Result<Response, ApiError> {
    if request.richardson {
        return Err(ApiError::bad(
            "richardson: the reaction coefficients k and l couple two sides; on N sides run the race alone",
        ));
    }
    if proposal::builtin_text(&request.move_).is_none() {
        return Err(ApiError::bad(format!(
            "move: no built-in proposal named `{}`",
            request.move_
        )));
    }
    let loaded = proposal::load(&request.move_).map_err(|e| ApiError::bad(e.to_string()))?;
    let moved = proposal::apply_sides(&base.scenario, &loaded, limits::size::MULTILATERAL_SIDES)
        .map_err(|e| ApiError::bad(e.to_string()))?;
    let options = crate::nsides::options(&base, &request.scenario)?;
    let settings = NSideRaceSettings {
        race: RaceSettings {
            search: Search {
                tolerance: request.tolerance.unwrap_or(DEFAULT_TOLERANCE),
                ..Search::new(
                    position(request.position.as_deref())?,
                    AnalysisOptions::default(),
                )
            },
            rounds: request.rounds.unwrap_or(10),
            bound: request.bound.unwrap_or(race::DEFAULT_BOUND),
        },
        options,
    };
    race::check_settings(&settings.race).map_err(ApiError::engine)?;
    let mover = mover(&base, &settings.options, &moved, request.by)?;
    let menu = menu(&base.scenario, request.menu.as_deref(), false)?;
    every_armed_actor_answers(&base, &settings.options, &menu)?;
    let value = heavy(state, move || {
        let result =
            n_side_race::race(&base, &moved, mover, &menu, &settings).map_err(ApiError::engine)?;
        let context = NSideRaceContext {
            base: &base,
            move_name: &loaded.proposal.name,
            move_description: &loaded.proposal.description,
            menu: &menu,
        };
        Ok(json!({
            "document": n_side_race_json(&context, &result),
            "text": n_side_race_text(&context, &result),
        }))
    })
    .await?;
    Ok(Json(value).into_response())
}

/// The actor holding side `by`, or the one actor whose sides the move changed.
fn mover(
    base: &MultiScenario,
    options: &MultiOptions,
    moved: &reykjavik_engine::model::Scenario,
    by: Option<usize>,
) -> Result<usize, ApiError> {
    let (_, members) = n_side_race::actors_of(base, options);
    let actor_of = |s: usize| members.iter().position(|m| m.contains(&s));
    let n = base.scenario.sides.len();
    if let Some(side) = by {
        return actor_of(side)
            .ok_or_else(|| ApiError::bad(format!("by: a side number, 0 to {}", n - 1)));
    }
    let mut changed: Vec<usize> = (0..n)
        .filter(|&s| base.scenario.sides[s] != moved.sides[s])
        .filter_map(actor_of)
        .collect();
    changed.dedup();
    match changed.as_slice() {
        [one] => Ok(*one),
        [] => Err(ApiError::bad(
            "the move changes no side's forces: give `by` to say who moves",
        )),
        _ => Err(ApiError::bad(
            "the move changes more than one actor: give `by` to say who moves",
        )),
    }
}

/// An armed actor without a menu option could not answer: refused, naming it.
fn every_armed_actor_answers(
    base: &MultiScenario,
    options: &MultiOptions,
    menu: &ResponseMenu,
) -> Result<(), ApiError> {
    let report = multilateral::analyze(base, options).map_err(ApiError::engine)?;
    let (names, members) = n_side_race::actors_of(base, options);
    let missing = (0..names.len())
        .find(|&a| report.actual.armed[a] && n_side_race::options_of(menu, &members[a]).is_empty());
    match missing {
        None => Ok(()),
        Some(a) => Err(ApiError::bad(format!(
            "menu {}: no option for `{}`, which has nuclear warheads: each armed actor needs one to answer in the race",
            menu.name, names[a]
        ))),
    }
}
