//! Action and reaction on the web (issue 11): `POST /api/race`, `/api/reciprocity` and
//! `/api/richardson`, each answering `{ document, text }` with the CLI's `--format json`
//! document and text report (`reykjavik_report::{race, reciprocity, richardson}`). Inputs are
//! checked with the engine's own checks; menus, moves and event series are built-ins only.
//! Reciprocity runs through `reykjavik_analyses::reciprocity`.

use axum::Json;
use axum::extract::State as Shared;
use axum::extract::rejection::JsonRejection;
use axum::response::{IntoResponse, Response};
use reykjavik_analyses::reciprocity as analyses;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::reaction::arms_race;
use reykjavik_engine::reaction::best_response::{
    DEFAULT_TOLERANCE, Position, ResponseMenu, Search,
};
use reykjavik_engine::reaction::race;
use reykjavik_engine::reaction::reciprocity::Payoffs;
use reykjavik_engine::reaction::richardson::RichardsonModel;
use reykjavik_report::race::RaceContext;
use reykjavik_report::richardson::{Estimate, RichardsonReport};
use reykjavik_scenario::{proposal, response};
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
    let loaded = match given {
        Some(name) if response::builtin_text(name).is_some() => response::load(name).map_err(bad)?,
        Some(name) => {
            let names: Vec<&str> = response::BUILTINS.iter().map(|(n, _)| *n).collect();
            return Err(ApiError::bad(format!(
                "no built-in response menu named `{name}` (built-in: {})",
                names.join(", ")
            )));
        }
        None => response::default_for(&scenario.name).ok_or_else(|| {
            ApiError::bad(format!(
                "no built-in response menu for scenario `{}` (built-in menus: us-russia-2021, kent-thaler-notional)",
                scenario.name
            ))
        })?,
    };
    let menu = loaded.resolve(scenario).map_err(bad)?;
    if every_side {
        loaded.require_every_side(scenario, &menu).map_err(bad)?;
    }
    Ok(menu)
}

/// The arms-race section of `analyze` (`analyze --arms-race`: the default menu, retaliation).
pub fn arms_race_section(
    scenario: &Scenario,
    analysis: reykjavik_engine::stability::AnalysisOptions,
) -> Result<(ResponseMenu, [arms_race::SideExposure; 2]), ApiError> {
    let menu = menu(scenario, None, false)?;
    let search = Search::new(Position::Retaliation, analysis);
    let exposure =
        arms_race::arms_race_stability(scenario, &menu, &search).map_err(ApiError::engine)?;
    Ok((menu, exposure))
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
    let base = request.scenario.scenario()?;
    two_sides(&base)?;
    if proposal::builtin_text(&request.move_).is_none() {
        return Err(ApiError::bad(format!(
            "move: no built-in proposal named `{}`",
            request.move_
        )));
    }
    let loaded = proposal::load(&request.move_).map_err(bad)?;
    let moved = proposal::apply(&base, &loaded).map_err(bad)?;
    let mover = mover(&base, &moved, request.by)?;
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
    race::check_settings(&settings).map_err(ApiError::engine)?;
    let value = heavy(&state, move || {
        let result =
            race::race(&base, &moved, mover, &menu, &settings).map_err(ApiError::engine)?;
        let richardson = request
            .richardson
            .then(|| arms_race::reaction_coefficients(&base, &menu, &settings.search))
            .transpose()
            .map_err(ApiError::engine)?;
        let context = RaceContext {
            base: &base,
            move_name: &loaded.proposal.name,
            move_description: &loaded.proposal.description,
            menu: &menu,
        };
        Ok(json!({
            "document": reykjavik_report::race::race_json(&context, &result, richardson.as_ref()),
            "text": reykjavik_report::race::race_text(&context, &result, richardson.as_ref()),
        }))
    })
    .await?;
    Ok(Json(value).into_response())
}

/// The side given, or the one side whose forces the move changed.
fn mover(base: &Scenario, moved: &Scenario, by: Option<usize>) -> Result<usize, ApiError> {
    if let Some(side) = by {
        return (side < 2)
            .then_some(side)
            .ok_or_else(|| ApiError::bad("by: 0 or 1 (the side that moves)"));
    }
    let changed: Vec<usize> = (0..2)
        .filter(|&s| base.sides[s] != moved.sides[s])
        .collect();
    match changed.as_slice() {
        [one] => Ok(*one),
        [] => Err(ApiError::bad(
            "the move changes neither side's forces: give `by` to say who moves",
        )),
        _ => Err(ApiError::bad(
            "the move changes both sides: give `by` to say who moves",
        )),
    }
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
                    let search = Search::new(Position::Retaliation, Default::default());
                    let c = arms_race::reaction_coefficients(&base, &menu, &search)
                        .map_err(ApiError::engine)?;
                    let estimate = Estimate {
                        scenario: base.name.clone(),
                        sides: [base.sides[0].name.clone(), base.sides[1].name.clone()],
                        menu: menu.name.clone(),
                        cost_unit: menu.cost_unit.clone(),
                        restored: c.restored,
                    };
                    Ok((c.k, c.l, estimate))
                })
                .await?,
            )
        }
        None => None,
    };
    let (k, l) = match &estimate {
        Some((k, l, _)) => (*k, *l),
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
    model.validate().map_err(ApiError::engine)?;
    let start = request.from.map_or((0.0, 0.0), |[x, y]| (x, y));
    let years = request.years.unwrap_or(20.0);
    let trajectory = model
        .trajectory(start, years, request.steps.unwrap_or(200))
        .map_err(ApiError::engine)?;
    let report = RichardsonReport {
        analysis: model.analyse(),
        model,
        start,
        years,
        trajectory,
        estimated_from: estimate.map(|(_, _, e)| e),
    };
    Ok(answer(
        reykjavik_report::richardson::richardson_json(&report),
        reykjavik_report::richardson::richardson_text(&report),
    ))
}
