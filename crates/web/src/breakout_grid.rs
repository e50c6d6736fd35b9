//! `POST /api/breakout-grid`: the breakout of a case over one or two fields
//! (`reykjavik breakout CASE --vary ...`), the grid computed by `reykjavik_analyses::breakout::grid`
//! and capped at [`MAX_BREAKOUT_GRID_POINTS`]; errors in the request's own words (its `axes`).

use axum::Json;
use axum::extract::State as Shared;
use axum::extract::rejection::JsonRejection;
use axum::response::{IntoResponse, Response};
use reykjavik_analyses::breakout::{self as analyses, GridAxis, GridError, GridRequest, MAX_STEPS};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::State;
use crate::api::{AxisRequest, MAX_BREAKOUT_GRID_POINTS, breakout_case, too_many_points};
use crate::compute::heavy;
use crate::error::ApiError;
use crate::input::body;

#[derive(Debug, Deserialize)]
pub struct BreakoutGridRequest {
    /// A built-in case name.
    #[serde(default)]
    case: Option<String>,
    /// Case TOML text; wins over `case`.
    #[serde(default)]
    toml: Option<String>,
    /// One or two axes: `{ path, start, stop, steps }`.
    axes: Vec<AxisRequest>,
}

/// Answers `{ "document", "csv" }`: the grid's JSON document and the CLI's CSV.
pub async fn grid(
    Shared(state): Shared<State>,
    given: Result<Json<BreakoutGridRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let request = body(given)?;
    let (case, label) = breakout_case(request.case.as_deref(), request.toml.as_deref())?;
    let grid = GridRequest {
        case,
        label,
        axes: axes(&request.axes)?,
        max_points: Some(MAX_BREAKOUT_GRID_POINTS),
    };
    let points = grid.points();
    if points > MAX_BREAKOUT_GRID_POINTS {
        let why = "the web server's cap per request";
        return Err(too_many_points(points, MAX_BREAKOUT_GRID_POINTS, why));
    }
    let value = heavy(&state, move || {
        let computed = analyses::grid(&grid).map_err(grid_error)?;
        Ok::<_, ApiError>(json!({ "document": computed.json(), "csv": computed.csv() }))
    })
    .await?;
    Ok(Json::<Value>(value).into_response())
}

/// One or two axes with their steps and ranges checked, in the words of the request.
fn axes(given: &[AxisRequest]) -> Result<Vec<GridAxis>, ApiError> {
    if given.is_empty() || given.len() > 2 {
        return Err(ApiError::bad(
            "axes: give one axis (a line) or two (a grid)",
        ));
    }
    let mut axes = Vec::new();
    for (k, a) in given.iter().enumerate() {
        if !(1..=MAX_STEPS).contains(&a.steps) {
            return Err(ApiError::bad(format!(
                "axes[{k}].steps = {} is out of range (valid: 1 to {MAX_STEPS})",
                a.steps
            )));
        }
        if !(a.start.is_finite() && a.stop.is_finite()) {
            return Err(ApiError::bad(format!(
                "axes[{k}]: start and stop must be numbers"
            )));
        }
        axes.push(GridAxis {
            path: a.path.trim().to_string(),
            start: a.start,
            stop: a.stop,
            steps: a.steps,
        });
    }
    Ok(axes)
}

/// What is left after [`axes`]: a wrong field (400 with the valid paths), a point at which the
/// case is not valid (400 naming the point), and the layer's own guards.
fn grid_error(e: GridError) -> ApiError {
    match e {
        GridError::Point { values, messages } => {
            let values: Vec<String> = values.iter().map(ToString::to_string).collect();
            ApiError::bad(format!(
                "axes: at {}: {}",
                values.join(", "),
                messages.join("; ")
            ))
        }
        GridError::TooManyPoints { points, most } => {
            too_many_points(points, most, "the web server's cap per request")
        }
        GridError::Field(e) => ApiError::bad(format!("axes: {e}")),
        other => ApiError::bad(other.command_line_message()),
    }
}
