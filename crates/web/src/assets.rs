//! The page and its assets, embedded at build time (no Node, no build step). Only the files
//! listed here are served: a request path is looked up in this table, never joined to a
//! directory, so `..` and absolute paths find nothing (404).

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Embeds `static/NAME` under `/assets/NAME` with its content type.
macro_rules! assets {
    ($(($name:literal, $type:literal)),* $(,)?) => {
        &[$(($name, $type, include_str!(concat!("../static/", $name)))),*]
    };
}

/// Every asset: name, content type, text.
pub const ASSETS: &[(&str, &str, &str)] = assets![
    ("index.html", "text/html; charset=utf-8"),
    ("help.html", "text/html; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("app.js", "text/javascript; charset=utf-8"),
    ("api.js", "text/javascript; charset=utf-8"),
    ("dom.js", "text/javascript; charset=utf-8"),
    ("state.js", "text/javascript; charset=utf-8"),
    ("charts.js", "text/javascript; charset=utf-8"),
    ("export.js", "text/javascript; charset=utf-8"),
    ("views/index.js", "text/javascript; charset=utf-8"),
    ("views/analyze.js", "text/javascript; charset=utf-8"),
    ("views/montecarlo.js", "text/javascript; charset=utf-8"),
    ("views/sweep.js", "text/javascript; charset=utf-8"),
    ("views/compare.js", "text/javascript; charset=utf-8"),
    ("views/treaty.js", "text/javascript; charset=utf-8"),
    ("views/optimize.js", "text/javascript; charset=utf-8"),
    ("views/breakout.js", "text/javascript; charset=utf-8"),
];

pub fn routes() -> Router {
    Router::new()
        .route("/", get(|| async { asset("index.html") }))
        .route("/help", get(|| async { asset("help.html") }))
        .route(
            "/assets/{*name}",
            get(|Path(name): Path<String>| async move { asset(&name) }),
        )
}

fn asset(name: &str) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, text)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *text,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}
