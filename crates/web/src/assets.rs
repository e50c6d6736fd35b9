//! The page and its assets, embedded at build time (no Node, no build step). Only the files
//! in this table are served: a request path is looked up in this table, never joined to a
//! directory, so `..` and absolute paths find nothing (404).

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Every asset under `static/`: name, content type, text (the table is written by build.rs).
pub const ASSETS: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

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
