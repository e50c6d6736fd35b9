//! `POST /api/race` on an N-side scenario (issue 10): the race among the actors, answering
//! `{ document, text }` with the CLI's N-side race document, through
//! `reykjavik_analyses::race::run_n_side`. Built-in moves and menus only, as on two sides.

use axum::Json;
use axum::response::{IntoResponse, Response};
use reykjavik_analyses::race::{self as analyses, SideGiven};
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::reaction::best_response::{DEFAULT_TOLERANCE, Search};
use reykjavik_engine::reaction::n_side_race::NSideRaceSettings;
use reykjavik_engine::reaction::race::{self, RaceSettings};
use reykjavik_engine::stability::AnalysisOptions;
use serde_json::json;

use crate::State;
use crate::compute::heavy;
use crate::error::ApiError;
use crate::reaction::{
    RaceRequest, builtin_menu, builtin_move, mover_error, position, race_error_of,
};

pub async fn race(
    state: &State,
    request: RaceRequest,
    base: MultiScenario,
) -> Result<Response, ApiError> {
    let race = race_request(request, base)?;
    let value = heavy(state, move || {
        let raced = analyses::run_n_side(race).map_err(|e| race_error_of(e, true))?;
        Ok(json!({ "document": raced.json(), "text": raced.text() }))
    })
    .await?;
    Ok(Json(value).into_response())
}

/// The N-side race of a request, its fields checked in the endpoint's order.
fn race_request(
    request: RaceRequest,
    base: MultiScenario,
) -> Result<analyses::NSideRequest, ApiError> {
    if request.richardson {
        return Err(ApiError::bad(
            "richardson: the reaction coefficients k and l couple two sides; on N sides run the race alone",
        ));
    }
    let start = analyses::apply_n_side_move(&base, &builtin_move(&request.move_)?)?;
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
    analyses::check_settings(&settings.race).map_err(ApiError::engine)?;
    let by = request.by.map(SideGiven::Index);
    let mover = analyses::n_side_mover(&base, &settings.options, &start, by.as_ref())
        .map_err(|e| mover_error(e, true))?;
    let menu = analyses::n_side_menu(
        &base,
        &settings.options,
        builtin_menu(request.menu.as_deref())?,
    )
    .map_err(|e| race_error_of(e, true))?;
    Ok(analyses::NSideRequest {
        base,
        start,
        mover,
        menu,
        settings,
    })
}
