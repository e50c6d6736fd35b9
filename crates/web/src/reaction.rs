//! Action and reaction on the web (issue 11): `POST /api/race`, `/api/reciprocity` and
//! `/api/richardson`, each answering `{ document, text }` with the CLI's `--format json`
//! document and text report (`reykjavik_report::{race, reciprocity, richardson}`). Inputs are
//! checked with the engine's own checks; menus, moves and event series are built-ins only.
//! The race runs through `reykjavik_analyses::race` (this module words its mover's and menu's
//! errors with the request's field names), reciprocity and Richardson's model through
//! `reykjavik_analyses::{reciprocity, richardson}`.

use axum::Json;
use axum::extract::State as Shared;
use axum::extract::rejection::JsonRejection;
use axum::response::{IntoResponse, Response};
use reykjavik_analyses::race::{self as race_analysis, MenuError, MoverError, SideGiven};
use reykjavik_analyses::reciprocity as analyses;
use reykjavik_analyses::richardson as richardson_analysis;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::reaction::best_response::{
    DEFAULT_TOLERANCE, Position, ResponseMenu, Search,
};
use reykjavik_engine::reaction::race;
use reykjavik_engine::reaction::reciprocity::Payoffs;
use reykjavik_engine::reaction::richardson::RichardsonModel;
use reykjavik_scenario::proposal::{self, LoadedProposal};
use reykjavik_scenario::response::{self, LoadedMenu};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::State;
use crate::compute::heavy;
use crate::error::ApiError;
use crate::input::{ScenarioInput, body, two_sides};

type Answer = Result<Response, ApiError>;

fn answer(document: Value, text: String) -> Response {
    Json(json!({ "document": document, "text": text })).into_response()
}

fn bad(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad(e.to_string())
}

/// A position by its CLI name (`struck-cost`, `ratio`, `retaliation`).
pub fn position(given: Option<&str>) -> Result<Position, ApiError> {
    let given = given.unwrap_or("retaliation");
    Position::ALL
        .into_iter()
        .find(|p| p.name() == given)
        .ok_or_else(|| {
            ApiError::bad(format!(
                "position `{given}`: unknown (valid: struck-cost, ratio, retaliation)"
            ))
        })
}

/// A built-in response menu by name, or the one named after the scenario (no path is read).
pub fn menu(
    scenario: &Scenario,
    given: Option<&str>,
    every_side: bool,
) -> Result<ResponseMenu, ApiError> {
    race_analysis::menu(scenario, builtin_menu(given)?, every_side).map_err(race_error)
}

/// The built-in menu named, if one is; a name that is not built in is refused.
pub fn builtin_menu(given: Option<&str>) -> Result<Option<LoadedMenu>, ApiError> {
    match given {
        Some(name) if response::builtin_text(name).is_some() => {
            response::load(name).map(Some).map_err(bad)
        }
        Some(name) => Err(ApiError::bad(format!(
            "no built-in response menu named `{name}` (built-in: {})",
            race_analysis::menu_names().join(", ")
        ))),
        None => Ok(None),
    }
}

/// A race's error in the web's words: the mover and the menu by their JSON fields (`by`,
/// `menu`); `n_side` picks the N-side wording of the mover's.
pub fn race_error_of(e: reykjavik_analyses::Error, n_side: bool) -> ApiError {
    match e {
        reykjavik_analyses::Error::Mover(e) => mover_error(e, n_side),
        reykjavik_analyses::Error::Menu(e) => menu_error(e),
        other => other.into(),
    }
}

fn race_error(e: reykjavik_analyses::Error) -> ApiError {
    race_error_of(e, false)
}

pub fn mover_error(e: MoverError, n_side: bool) -> ApiError {
    let say_who = "give `by` to say who moves";
    ApiError::bad(match e {
        MoverError::NoSuchSide { sides, .. } | MoverError::NoActor { sides, .. } if n_side => {
            format!("by: a side number, 0 to {}", sides.len() - 1)
        }
        MoverError::NoSuchSide { .. } | MoverError::NoActor { .. } => {
            "by: 0 or 1 (the side that moves)".to_string()
        }
        MoverError::Unchanged if n_side => format!("the move changes no side's forces: {say_who}"),
        MoverError::Unchanged => format!("the move changes neither side's forces: {say_who}"),
        MoverError::Several { .. } if n_side => {
            format!("the move changes more than one actor: {say_who}")
        }
        MoverError::Several { .. } => format!("the move changes both sides: {say_who}"),
    })
}

fn menu_error(e: MenuError) -> ApiError {
    ApiError::bad(match e {
        MenuError::NoDefault { scenario } => format!(
            "no built-in response menu for scenario `{scenario}` (built-in menus: us-russia-2021, kent-thaler-notional)"
        ),
        MenuError::Invalid(m) => m,
        MenuError::ArmedWithoutOption { menu, actors, .. } => format!(
            "menu {menu}: no option for `{}`, which has nuclear warheads: each armed actor needs one to answer in the race",
            actors.first().map_or("", String::as_str)
        ),
    })
}

/// The arms-race section of `analyze` (`analyze --arms-race`: the default menu, retaliation),
/// computed by the analyses layer.
pub fn arms_race_section(
    scenario: &Scenario,
) -> Result<reykjavik_analyses::analyze::ArmsRace, ApiError> {
    Ok(reykjavik_analyses::analyze::ArmsRace {
        menu: menu(scenario, None, false)?,
        position: Position::Retaliation,
    })
}

#[derive(Debug, Deserialize)]
pub struct RaceRequest {
    #[serde(flatten)]
    pub(crate) scenario: ScenarioInput,
    /// A built-in proposal: the move that starts the race.
    #[serde(rename = "move")]
    pub(crate) move_: String,
    /// The side that moves (0 or 1); default the one side the move changes.
    #[serde(default)]
    pub(crate) by: Option<usize>,
    #[serde(default)]
    pub(crate) rounds: Option<u32>,
    #[serde(default)]
    pub(crate) position: Option<String>,
    #[serde(default)]
    pub(crate) tolerance: Option<f64>,
    #[serde(default)]
    pub(crate) bound: Option<f64>,
    #[serde(default)]
    pub(crate) menu: Option<String>,
    /// Also estimate the Richardson reaction coefficients.
    #[serde(default)]
    pub(crate) richardson: bool,
}

/// `POST /api/race`: best responses round by round after a built-in move.
pub async fn race(
    Shared(state): Shared<State>,
    given: Result<Json<RaceRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    if let Some(ms) = crate::nsides::scenario(&request.scenario)? {
        return crate::n_side_race::race(&state, request, ms).await;
    }
    let race = race_request(request)?;
    let value = heavy(&state, move || {
        let raced = race_analysis::run(race).map_err(race_error)?;
        Ok(json!({ "document": raced.json(), "text": raced.text() }))
    })
    .await?;
    Ok(Json(value).into_response())
}

/// The two-side race of a request, its fields checked in the endpoint's order.
fn race_request(request: RaceRequest) -> Result<race_analysis::Request, ApiError> {
    let base = request.scenario.scenario()?;
    two_sides(&base)?;
    let start = race_analysis::apply_move(&base, &builtin_move(&request.move_)?)?;
    let by = request.by.map(SideGiven::Index);
    let mover =
        race_analysis::mover(&base, &start, by.as_ref()).map_err(|e| mover_error(e, false))?;
    let menu = menu(&base, request.menu.as_deref(), true)?;
    let settings = race::RaceSettings {
        search: Search {
            tolerance: request.tolerance.unwrap_or(DEFAULT_TOLERANCE),
            ..Search::new(
                position(request.position.as_deref())?,
                request.scenario.options(&base)?,
            )
        },
        rounds: request.rounds.unwrap_or(10),
        bound: request.bound.unwrap_or(race::DEFAULT_BOUND),
    };
    race_analysis::check_settings(&settings).map_err(ApiError::engine)?;
    Ok(race_analysis::Request {
        base,
        start,
        mover,
        menu,
        settings,
        richardson: request.richardson,
    })
}

/// A built-in proposal by name (no path is read).
pub fn builtin_move(name: &str) -> Result<LoadedProposal, ApiError> {
    if proposal::builtin_text(name).is_none() {
        return Err(ApiError::bad(format!(
            "move: no built-in proposal named `{name}`"
        )));
    }
    proposal::load(name).map_err(bad)
}

#[derive(Debug, Deserialize)]
pub struct ReciprocityRequest {
    /// `game` (default), `table` or `events`.
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    a: Option<String>,
    #[serde(default)]
    b: Option<String>,
    #[serde(default)]
    noise: Option<f64>,
    #[serde(default)]
    forgiveness: Option<f64>,
    /// T, R, P, S.
    #[serde(default)]
    payoffs: Option<[f64; 4]>,
    /// A built-in event series (for `events`).
    #[serde(default)]
    events: Option<String>,
}

/// `POST /api/reciprocity`: a game between two strategies, the round-robin table, or a
/// built-in event series.
pub async fn reciprocity(given: Result<Json<ReciprocityRequest>, JsonRejection>) -> Answer {
    let request = body(given)?;
    match request.mode.as_deref().unwrap_or("game") {
        "events" => events(request.events.as_deref().unwrap_or("us-russia-2016-2018")),
        "table" => table(&request),
        "game" => game(&request),
        other => Err(ApiError::bad(format!(
            "mode `{other}`: unknown (valid: game, table, events)"
        ))),
    }
}

fn events(name: &str) -> Answer {
    let events = reykjavik_scenario::events::BUILTINS;
    if !events.iter().any(|(n, _)| *n == name) {
        return Err(ApiError::bad(format!(
            "events: no built-in event series named `{name}`"
        )));
    }
    let series = reykjavik_scenario::events::load(name).map_err(bad)?;
    outcome(analyses::Request::Events(series))
}

/// The request's noise, forgiveness and payoffs (T, R, P, S; default 5, 3, 1, 0).
fn settings(request: &ReciprocityRequest) -> analyses::Settings {
    analyses::Settings {
        noise: request.noise.unwrap_or(0.01),
        forgiveness: request.forgiveness,
        payoffs: match request.payoffs {
            Some([t, r, p, s]) => Payoffs { t, r, p, s },
            None => Payoffs::default(),
        },
    }
}

fn game(request: &ReciprocityRequest) -> Answer {
    outcome(analyses::Request::Game {
        a: request.a.clone().unwrap_or_else(|| "tft".into()),
        b: request.b.clone().unwrap_or_else(|| "tft".into()),
        settings: settings(request),
        simulate: None,
    })
}

fn table(request: &ReciprocityRequest) -> Answer {
    outcome(analyses::Request::Table {
        settings: settings(request),
    })
}

fn outcome(request: analyses::Request) -> Answer {
    let outcome = analyses::run(request)?;
    Ok(answer(outcome.json(), outcome.text()))
}

#[derive(Debug, Deserialize)]
pub struct RichardsonRequest {
    #[serde(default)]
    k: Option<f64>,
    #[serde(default)]
    l: Option<f64>,
    a: f64,
    b: f64,
    #[serde(default)]
    g: f64,
    #[serde(default)]
    h: f64,
    /// x0, y0.
    #[serde(default)]
    from: Option<[f64; 2]>,
    #[serde(default)]
    years: Option<f64>,
    #[serde(default)]
    steps: Option<usize>,
    /// Estimate k and l around this scenario (built-in or TOML) instead of taking them.
    #[serde(default)]
    estimate: Option<ScenarioInput>,
}

/// `POST /api/richardson`: equilibrium, stability, classification and the trajectory.
pub async fn richardson(
    Shared(state): Shared<State>,
    given: Result<Json<RichardsonRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    let estimate = match &request.estimate {
        Some(input) => {
            let base = input.scenario()?;
            two_sides(&base)?;
            let menu = menu(&base, None, true)?;
            Some(
                heavy(&state, move || {
                    Ok(richardson_analysis::estimate(&base, &menu)?)
                })
                .await?,
            )
        }
        None => None,
    };
    let (k, l) = match &estimate {
        Some((c, _)) => (c.k, c.l),
        None => match (request.k, request.l) {
            (Some(k), Some(l)) => (k, l),
            _ => return Err(ApiError::bad("give k and l, or `estimate` with a scenario")),
        },
    };
    let model = RichardsonModel {
        k,
        l,
        a: request.a,
        b: request.b,
        g: request.g,
        h: request.h,
    };
    let outcome = richardson_analysis::run(richardson_analysis::Request {
        model,
        start: request.from.map_or((0.0, 0.0), |[x, y]| (x, y)),
        years: request.years.unwrap_or(20.0),
        steps: request.steps.unwrap_or(200),
        estimated_from: estimate.map(|(_, e)| e),
    })?;
    Ok(answer(outcome.json(), outcome.text()))
}
