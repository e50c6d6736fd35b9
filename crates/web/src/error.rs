//! Errors of the API as JSON: the status code and a body with a message and, for a scenario,
//! where in the TOML it is (line, column, field).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use reykjavik_engine::EngineError;
use reykjavik_scenario::diagnostic::Diagnostic;
use serde_json::{Value, json};

/// A failed request: its status and JSON body (`error`, and `diagnostics` or `field`/`valid`).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Value,
}

impl ApiError {
    /// Bad input (400) with a message.
    pub fn bad(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "error": message.into() }),
        }
    }

    /// Nothing here (404).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            body: json!({ "error": message.into() }),
        }
    }

    /// The computation has no defined result (422).
    pub fn undefined(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({ "error": message.into() }),
        }
    }

    /// The server is busy or the deadline passed (503).
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::SERVICE_UNAVAILABLE,
            body: json!({ "error": message.into() }),
        }
    }

    /// A scenario (or other document) that does not parse or validate: 400 with every
    /// diagnostic located at its line and column.
    pub fn diagnostics(message: String, diagnostics: &[Diagnostic]) -> Self {
        let list: Vec<Value> = diagnostics
            .iter()
            .map(|d| {
                json!({
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "field": d.field,
                    "message": d.message,
                })
            })
            .collect();
        Self {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "error": message, "diagnostics": list }),
        }
    }

    /// An engine error: a bad value is 400 with its field and valid range, an undefined result
    /// 422.
    pub fn engine(error: EngineError) -> Self {
        match &error {
            EngineError::InvalidInput {
                field, expected, ..
            } => Self {
                status: StatusCode::BAD_REQUEST,
                body: json!({ "error": error.to_string(), "field": field, "valid": expected }),
            },
            EngineError::Rule { field, .. } => Self {
                status: StatusCode::BAD_REQUEST,
                body: json!({ "error": error.to_string(), "field": field }),
            },
            _ => Self::undefined(error.to_string()),
        }
    }
}

/// An analysis's error: bad input 400, an undefined result 422, an engine error as [`ApiError::engine`].
impl From<reykjavik_analyses::Error> for ApiError {
    fn from(e: reykjavik_analyses::Error) -> Self {
        match e {
            reykjavik_analyses::Error::Input(m) => Self::bad(m),
            reykjavik_analyses::Error::Computation(m) => Self::undefined(m),
            reykjavik_analyses::Error::Engine(e) => Self::engine(e),
            // The race words these with its fields (reaction::race_error_of); a fallback.
            e @ (reykjavik_analyses::Error::Mover(_) | reykjavik_analyses::Error::Menu(_)) => {
                Self::bad(e.to_string())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}
