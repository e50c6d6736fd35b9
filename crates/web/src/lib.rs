//! `reykjavik-web`: the web face of Reykjavik. An axum server (routes and limits) over the
//! report layer, and the page it serves, embedded in the binary (docs/web.md).
//!
//! Thin by design: requests name built-ins or carry TOML text (never a file path), the engine
//! computes on a blocking thread under a deadline and a cap on concurrent heavy requests, and
//! every JSON document is the one `reykjavik-report` builds for the CLI.

mod api;
mod assets;
mod breakout_grid;
mod compute;
mod error;
mod fields;
mod input;
mod n_side_race;
mod nsides;
mod reaction;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::ApiError;

/// The server's limits.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest request body in bytes (413 above it).
    pub max_body_bytes: usize,
    /// Longest computation of one request (503 after it).
    pub deadline: Duration,
    /// Heavy requests (analyses, sweeps, searches) computing at once; more wait their turn.
    pub heavy_at_once: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            max_body_bytes: 1 << 20,
            deadline: Duration::from_secs(30),
            heavy_at_once: 2,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct State {
    pub config: Config,
    pub heavy: Arc<tokio::sync::Semaphore>,
}

/// Content-Security-Policy: only this origin's scripts, styles and requests; no inline script,
/// no frames, no forms posting elsewhere. `blob:` and `data:` images are the PNG export.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The whole application: the page, its assets and the API, with the limits of `config`.
pub fn router(config: Config) -> Router {
    let state = State {
        heavy: Arc::new(tokio::sync::Semaphore::new(config.heavy_at_once.max(1))),
        config: config.clone(),
    };
    let api = Router::new()
        .route("/api/version", get(api::version))
        .route("/api/scenarios", get(api::scenarios))
        .route("/api/scenarios/{name}", get(api::scenario_text))
        .route("/api/catalog", get(api::catalog))
        .route("/api/fields", post(api::fields))
        .route("/api/analyze", post(api::analyze))
        .route("/api/analyze-stream", post(api::analyze_stream))
        .route("/api/sweep", post(api::sweep))
        .route("/api/compare", post(api::compare))
        .route("/api/treaty", post(api::treaty))
        .route("/api/optimize", post(api::optimize))
        .route("/api/breakout", post(api::breakout))
        .route("/api/breakout-grid", post(breakout_grid::grid))
        .route("/api/race", post(reaction::race))
        .route("/api/reciprocity", post(reaction::reciprocity))
        .route("/api/richardson", post(reaction::richardson))
        .with_state(state);
    Router::new()
        .merge(api)
        .merge(assets::routes())
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("no-referrer"),
        ))
}

/// Binds `addr` (port 0: a free port), calls `ready` with the address bound, then serves until
/// the process ends. Runs its own multi-threaded runtime, so callers need no async.
pub fn serve(
    addr: SocketAddr,
    config: Config,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let app = router(config);
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        axum::serve(listener, app).await
    })
}
