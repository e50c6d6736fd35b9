//! The API: one handler per analysis. Each reads its request, checks it against the caps,
//! computes with the engine on a blocking thread (`compute::heavy`) and answers with the
//! report layer's JSON document, the same as `reykjavik ... --format json`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State as Shared};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use reykjavik_analyses as analyses;
use reykjavik_engine::arms_control::optimize::SearchOptions;
use reykjavik_engine::arms_control::treaty::{Counting, Treaty};
use reykjavik_engine::limits::{self, size};
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::sweep::{self, Axis};
use reykjavik_scenario::builtin;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::State;
use crate::compute::heavy;
use crate::error::ApiError;
use crate::input::{ScenarioInput, body, two_sides};

/// Most Monte Carlo trials a web request may ask for (the scenario's own cap may be lower).
pub const MAX_TRIALS: u64 = 100_000;
/// Most grid points of a web sweep (the scenario's own cap may be lower).
pub const MAX_SWEEP_POINTS: usize = 2_500;
/// Most paired trials of a comparison, per proposal.
pub const MAX_PAIRED_TRIALS: u64 = 5_000;
/// Most proposals compared at once.
pub const MAX_PROPOSALS: usize = 6;
/// Most coarse-grid points and local searches of a posture search.
pub const MAX_GRID_BUDGET: usize = 2_000;
pub const MAX_STARTS: usize = 20;
/// Most breakout Monte Carlo trials.
pub const MAX_BREAKOUT_TRIALS: u64 = 100_000;
/// Most grid points of a breakout grid (`/api/breakout-grid`).
pub const MAX_BREAKOUT_GRID_POINTS: usize = 2_500;

type Answer = Result<Response, ApiError>;

fn json_text(text: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

fn engine(e: reykjavik_engine::EngineError) -> ApiError {
    ApiError::engine(e)
}

/// Anything not routed: a JSON error under `/api/`, plain text elsewhere (404 both).
pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found("no such API route (see docs/web.md)").into_response()
    } else {
        (axum::http::StatusCode::NOT_FOUND, "not found\n").into_response()
    }
}

pub async fn version() -> Json<Value> {
    Json(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "schema_version": reykjavik_report::OUTPUT_SCHEMA_VERSION,
    }))
}

/// The built-in scenarios: name, description and whether it has N sides (read by the
/// Analysis, Sweep, Optimize and Race views).
pub async fn scenarios() -> Json<Value> {
    Json(json!(
        builtin::BUILTINS
            .iter()
            .map(|b| json!({ "name": b.name, "description": b.description, "n_side": false }))
            .chain(
                builtin::MULTILATERAL.iter().map(
                    |b| json!({ "name": b.name, "description": b.description, "n_side": true })
                )
            )
            .collect::<Vec<_>>()
    ))
}

/// A built-in scenario's TOML (only built-in names: nothing else is read).
pub async fn scenario_text(Path(name): Path<String>) -> Answer {
    let b = builtin::find(&name)
        .ok_or_else(|| ApiError::not_found(format!("no built-in scenario named `{name}`")))?;
    Ok(Json(json!({ "name": b.name, "toml": b.toml })).into_response())
}

/// The built-in treaties, proposals and breakout cases, for the views' pickers.
pub async fn catalog() -> Json<Value> {
    let proposals: Vec<Value> = reykjavik_scenario::proposal::BUILTINS
        .iter()
        .map(|(name, text)| {
            let description = reykjavik_scenario::proposal::parse(text, name)
                .map(|p| p.description)
                .unwrap_or_default();
            json!({ "name": name, "description": description })
        })
        .collect();
    let treaties: Vec<&str> = reykjavik_scenario::treaty::BUILTINS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    let cases: Vec<Value> = reykjavik_scenario::breakout::BUILTINS
        .iter()
        .map(|b| json!({ "name": b.name, "description": b.description }))
        .collect();
    Json(json!({ "proposals": proposals, "treaties": treaties, "breakout_cases": cases }))
}

/// The fields offered to quick controls and sweeps, for the scenario given.
pub async fn fields(given: Result<Json<ScenarioInput>, JsonRejection>) -> Answer {
    let input = body(given)?;
    let n_side = crate::nsides::scenario(&input)?;
    let scenario = match &n_side {
        Some(ms) => ms.scenario.clone(),
        None => input.scenario()?,
    };
    let sides: Vec<&str> = scenario.sides.iter().map(|s| s.name.as_str()).collect();
    Ok(Json(json!({
        "scenario": scenario.name,
        "sides": sides,
        "fields": crate::fields::list(&scenario),
        "n_side": n_side.is_some(),
    }))
    .into_response())
}

#[derive(Debug, Deserialize)]
pub struct AnalyzeRequest {
    #[serde(flatten)]
    scenario: ScenarioInput,
    /// Monte Carlo trials (none: the expected-value analysis only).
    #[serde(default)]
    trials: Option<u64>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    at_least: Vec<u32>,
    /// `fixed` (default) or `informed`.
    #[serde(default)]
    planning: Option<String>,
    #[serde(default)]
    certify: bool,
    /// Also the arms-race stability section (`analyze --arms-race`, the default menu).
    #[serde(default)]
    arms_race: bool,
    /// N-side scenarios: reserve and third-party options.
    #[serde(flatten)]
    n_side: crate::nsides::NSideRequest,
}

/// `POST /api/analyze`: `{ "document": <analyze JSON, as the CLI's>, "text": <the text report> }`.
pub async fn analyze(
    Shared(state): Shared<State>,
    given: Result<Json<AnalyzeRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    if let Some(mut ms) = crate::nsides::scenario(&request.scenario)? {
        return analyze_n_sides(&state, &request, &mut ms).await;
    }
    let prepared = prepare_analysis(request)?;
    let text = heavy(&state, move || prepared.compute(&|_| {})).await?;
    Ok(json_text(text))
}

/// `POST /api/analyze` on an N-side scenario: the CLI's N-side document, with its Monte Carlo
/// when `trials` is given (no progress stream).
async fn analyze_n_sides(
    state: &State,
    request: &AnalyzeRequest,
    ms: &mut reykjavik_engine::multilateral::MultiScenario,
) -> Answer {
    if request.certify {
        return Err(ApiError::bad(
            "N-side scenarios: certify is not offered on the web (run `reykjavik analyze --certify`)",
        ));
    }
    crate::nsides::apply_options(ms, &request.n_side)?;
    let options = crate::nsides::options(ms, &request.scenario)?;
    let monte_carlo = crate::nsides::monte_carlo_request(
        ms,
        (request.trials, request.seed),
        request.planning.as_deref(),
        &request.at_least,
    )?;
    let ms = ms.clone();
    let arms_race = request.arms_race;
    let value = heavy(state, move || {
        crate::nsides::analyze(&ms, &options, monte_carlo.as_ref(), arms_race)
    })
    .await?;
    Ok(Json(value).into_response())
}

/// `POST /api/analyze-stream`: the same analysis as newline-delimited JSON, so that the page can
/// show real progress: `{"progress":DONE,"total":TRIALS}` lines (at most one per percent), then
/// one `{"result":{document, text}}` or `{"error":{...},"status":CODE}` line. Bad input is
/// refused before the stream starts, with the status `/api/analyze` gives.
pub async fn analyze_stream(
    Shared(state): Shared<State>,
    given: Result<Json<AnalyzeRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    let prepared = prepare_analysis(request)?;
    let total = prepared.request.trials.unwrap_or(0);
    let (lines, receiver) = tokio::sync::mpsc::unbounded_channel::<String>();
    let progress_lines = lines.clone();
    tokio::spawn(async move {
        let result = heavy(&state, move || {
            let last = std::sync::atomic::AtomicU64::new(0);
            let progress = |done: u64| {
                let percent = done * 100 / total.max(1);
                if percent > last.fetch_max(percent, std::sync::atomic::Ordering::Relaxed) {
                    let _ =
                        progress_lines.send(format!("{{\"progress\":{done},\"total\":{total}}}\n"));
                }
            };
            prepared.compute(&progress)
        })
        .await;
        let last = match result {
            // One line: a JSON string never holds a raw line break, so the pretty-printed
            // document's line breaks are all layout.
            Ok(text) => format!("{{\"result\":{}}}\n", text.replace('\n', "")),
            Err(e) => format!(
                "{}\n",
                json!({ "error": e.body, "status": e.status.as_u16() })
            ),
        };
        let _ = lines.send(last);
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver
            .recv()
            .await
            .map(|line| (Ok::<_, std::convert::Infallible>(line), receiver))
    });
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}

/// An analysis request checked and ready to compute.
struct PreparedAnalysis {
    request: AnalyzeRequest,
    scenario: Scenario,
    options: reykjavik_engine::stability::AnalysisOptions,
    planning: Planning,
}

/// Reads the scenario and checks the request against the caps (before any computation).
fn prepare_analysis(request: AnalyzeRequest) -> Result<PreparedAnalysis, ApiError> {
    let scenario = request.scenario.scenario()?;
    two_sides(&scenario)?;
    let options = request.scenario.options(&scenario)?;
    let planning = match request.planning.as_deref() {
        None | Some("fixed") => Planning::Fixed,
        Some("informed") => Planning::Informed,
        Some(other) => {
            return Err(ApiError::bad(format!(
                "planning `{other}`: unknown (valid: fixed, informed)"
            )));
        }
    };
    if let Some(n) = request.trials {
        check_trials(&scenario, n, planning)?;
    }
    if request.at_least.len() > 20 {
        return Err(ApiError::bad("at_least: at most 20 thresholds"));
    }
    Ok(PreparedAnalysis {
        request,
        scenario,
        options,
        planning,
    })
}

impl PreparedAnalysis {
    /// The answer `{"text":...,"document":...}`, the document as the CLI's JSON.
    fn compute(&self, progress: &(dyn Fn(u64) + Sync)) -> Result<String, ApiError> {
        let analysed = analyses::analyze::run(self.analyses_request()?, progress)?;
        Ok(format!(
            "{{\"text\":{},\"document\":{}}}",
            Value::String(analysed.text()),
            analysed.json().trim_end()
        ))
    }

    /// The analyses layer's request: the page's options (no whole curve in the text; the
    /// arms race on the scenario's built-in menu, position retaliation).
    fn analyses_request(&self) -> Result<analyses::analyze::Request, ApiError> {
        let request = &self.request;
        let arms_race = request
            .arms_race
            .then(|| crate::reaction::arms_race_section(&self.scenario))
            .transpose()?;
        Ok(analyses::analyze::Request {
            scenario: self.scenario.clone(),
            options: self.options,
            certify: request.certify,
            curve: false,
            monte_carlo: request.trials.map(|trials| analyses::analyze::MonteCarlo {
                trials,
                seed: request.seed.unwrap_or(1),
                planning: self.planning,
                at_least: request.at_least.clone(),
            }),
            arms_race,
        })
    }
}

fn check_trials(scenario: &Scenario, trials: u64, planning: Planning) -> Result<(), ApiError> {
    let (engine_most, why) = limits::max_trials(scenario, planning);
    let most = engine_most.min(MAX_TRIALS);
    if (1..=most).contains(&trials) {
        return Ok(());
    }
    let why = if most < engine_most {
        "the web server's cap per request".to_string()
    } else {
        why.to_string()
    };
    Err(ApiError {
        status: axum::http::StatusCode::BAD_REQUEST,
        body: json!({
            "error": format!("trials {trials} is out of range (valid for this scenario: 1 to {most}; {why})"),
            "field": "trials",
            "max": most,
        }),
    })
}

#[derive(Debug, Deserialize)]
pub struct AxisRequest {
    pub(crate) path: String,
    pub(crate) start: f64,
    pub(crate) stop: f64,
    pub(crate) steps: usize,
}

#[derive(Debug, Deserialize)]
pub struct SweepRequest {
    #[serde(flatten)]
    scenario: ScenarioInput,
    axes: Vec<AxisRequest>,
    /// N-side scenarios: reserve and third-party options.
    #[serde(flatten)]
    n_side: crate::nsides::NSideRequest,
}

/// `POST /api/sweep`: the report layer's sweep document (axes, columns, rows) and its CSV.
pub async fn sweep(
    Shared(state): Shared<State>,
    given: Result<Json<SweepRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    if let Some(mut ms) = crate::nsides::scenario(&request.scenario)? {
        crate::nsides::apply_options(&mut ms, &request.n_side)?;
        let options = crate::nsides::options(&ms, &request.scenario)?;
        let axes = crate::nsides::sweep_axes(&ms, linear_axes(&request.axes)?)?;
        let value = heavy(&state, move || crate::nsides::sweep(&ms, &options, &axes)).await?;
        return Ok(Json(value).into_response());
    }
    let scenario = request.scenario.scenario()?;
    two_sides(&scenario)?;
    let options = request.scenario.options(&scenario)?;
    let axes = sweep_axes(&scenario, &request.axes)?;
    let request = analyses::sweep::Request {
        scenario,
        axes,
        options,
        range: None,
    };
    let value = heavy(&state, move || {
        let swept = analyses::sweep::run(request, &|_| {})?;
        let mut value = swept.json();
        value["csv"] = Value::String(swept.csv());
        Ok::<_, ApiError>(value)
    })
    .await?;
    Ok(Json(value).into_response())
}

fn sweep_axes(scenario: &Scenario, given: &[AxisRequest]) -> Result<Vec<Axis>, ApiError> {
    let axes = linear_axes(given)?;
    let points = sweep::size(&axes);
    let (engine_most, why) = limits::max_sweep_points(scenario);
    let most = engine_most.min(MAX_SWEEP_POINTS);
    if points > most {
        let why = if most < engine_most {
            "the web server's cap per request"
        } else {
            why
        };
        return Err(too_many_points(points, most, why));
    }
    sweep::check_axes(scenario, &axes).map_err(engine)?;
    Ok(axes)
}

/// A sweep over more points than allowed: 400 with the cap.
pub(crate) fn too_many_points(points: usize, most: usize, why: &str) -> ApiError {
    ApiError {
        status: axum::http::StatusCode::BAD_REQUEST,
        body: json!({
            "error": format!("{points} grid points is too many (at most {most}; {why}); use fewer steps"),
            "field": "axes",
            "max": most,
        }),
    }
}

/// One or two axes with their steps and ranges checked.
fn linear_axes(given: &[AxisRequest]) -> Result<Vec<Axis>, ApiError> {
    if given.is_empty() || given.len() > 2 {
        return Err(ApiError::bad(
            "axes: give one axis (a line) or two (a grid)",
        ));
    }
    let mut axes = Vec::new();
    for (k, a) in given.iter().enumerate() {
        if !(1..=size::SWEEP_STEPS).contains(&a.steps) {
            return Err(ApiError::bad(format!(
                "axes[{k}].steps = {} is out of range (valid: 1 to {})",
                a.steps,
                size::SWEEP_STEPS
            )));
        }
        if !(a.start.is_finite() && a.stop.is_finite()) {
            return Err(ApiError::bad(format!(
                "axes[{k}]: start and stop must be numbers"
            )));
        }
        axes.push(Axis::linear(a.path.trim(), a.start, a.stop, a.steps));
    }
    Ok(axes)
}

/// A built-in treaty by name (nothing is read from a path).
fn builtin_treaty(name: &str) -> Result<Treaty, ApiError> {
    let text = reykjavik_scenario::treaty::builtin_text(name)
        .ok_or_else(|| ApiError::bad(format!("no built-in treaty named `{name}`")))?;
    reykjavik_scenario::treaty::parse(text, &format!("<built-in treaty {name}>"))
        .map_err(|e| ApiError::bad(e.to_string()))
}

fn counting(disputed: bool) -> Counting {
    reykjavik_analyses::treaty::counting(disputed)
}

fn default_treaty() -> String {
    reykjavik_scenario::treaty::DEFAULT.to_string()
}

#[derive(Debug, Deserialize)]
pub struct TreatyRequest {
    #[serde(flatten)]
    scenario: ScenarioInput,
    #[serde(default = "default_treaty")]
    treaty: String,
    #[serde(default)]
    count_disputed: bool,
}

/// `POST /api/treaty`: `{ "document": <treaty JSON>, "text": <the text report> }`.
pub async fn treaty(given: Result<Json<TreatyRequest>, JsonRejection>) -> Answer {
    let request = body(given)?;
    let scenario = request.scenario.scenario()?;
    let treaty = builtin_treaty(&request.treaty)?;
    let counted = analyses::treaty::run(analyses::treaty::Request {
        sides: analyses::Sides::Two(Box::new(scenario)),
        treaty,
        counting: counting(request.count_disputed),
    });
    Ok(Json(json!({
        "document": counted.json(),
        "text": counted.text(),
    }))
    .into_response())
}

#[derive(Debug, Deserialize)]
pub struct CompareRequest {
    #[serde(flatten)]
    scenario: ScenarioInput,
    proposals: Vec<String>,
    #[serde(default = "default_treaty")]
    treaty: String,
    #[serde(default)]
    count_disputed: bool,
    #[serde(default)]
    trials: Option<u64>,
    #[serde(default)]
    seed: Option<u64>,
}

/// `POST /api/compare`: built-in proposals against the scenario.
pub async fn compare(
    Shared(state): Shared<State>,
    given: Result<Json<CompareRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    let base = request.scenario.scenario()?;
    two_sides(&base)?;
    let treaty = builtin_treaty(&request.treaty)?;
    if request.proposals.is_empty() || request.proposals.len() > MAX_PROPOSALS {
        return Err(ApiError::bad(format!(
            "proposals: give 1 to {MAX_PROPOSALS} built-in proposal names"
        )));
    }
    if let Some(n) = request
        .trials
        .filter(|n| !(1..=MAX_PAIRED_TRIALS).contains(n))
    {
        return Err(ApiError {
            status: axum::http::StatusCode::BAD_REQUEST,
            body: json!({
                "error": format!("trials {n} is out of range (valid: 1 to {MAX_PAIRED_TRIALS}, the web server's cap per request)"),
                "field": "trials",
                "max": MAX_PAIRED_TRIALS,
            }),
        });
    }
    let mut proposals = Vec::new();
    for name in &request.proposals {
        let text = reykjavik_scenario::proposal::builtin_text(name)
            .ok_or_else(|| ApiError::bad(format!("no built-in proposal named `{name}`")))?;
        proposals.push(
            reykjavik_scenario::proposal::from_text(text, &format!("<built-in proposal {name}>"))
                .map_err(|e| ApiError::bad(e.to_string()))?,
        );
    }
    let compare_request = analyses::compare::Request {
        base: analyses::Sides::Two(Box::new(base)),
        proposals,
        treaty,
        counting: counting(request.count_disputed),
        paired: request.trials.map(|trials| analyses::compare::Paired {
            trials,
            seed: request.seed.unwrap_or(1),
        }),
    };
    let value = heavy(&state, move || {
        let comparison = analyses::compare::run(&compare_request, &|_| {})?;
        Ok(json!({
            "document": comparison.json(),
            "text": comparison.text(),
        }))
    })
    .await?;
    Ok(Json(value).into_response())
}

#[derive(Debug, Deserialize)]
pub struct OptimizeRequest {
    #[serde(flatten)]
    scenario: ScenarioInput,
    /// The side searched: 0 or 1 (0 to N - 1 on N sides).
    side: usize,
    #[serde(default = "default_treaty")]
    treaty: String,
    /// `index` (default), `ratio` or `struck-cost`.
    #[serde(default)]
    objective: Option<String>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    starts: Option<usize>,
    #[serde(default)]
    grid_budget: Option<usize>,
    #[serde(default)]
    max_growth: Option<f64>,
}

/// `POST /api/optimize`: the posture search of one side under a built-in treaty; on N sides,
/// the same search scored by the N-side analysis (the document is the CLI's `optimize --format
/// json` without `scenario_toml`).
pub async fn optimize(
    Shared(state): Shared<State>,
    given: Result<Json<OptimizeRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    let base = match crate::nsides::scenario(&request.scenario)? {
        Some(ms) => analyses::Sides::N(Box::new(ms)),
        None => {
            let scenario = request.scenario.scenario()?;
            two_sides(&scenario)?;
            analyses::Sides::Two(Box::new(scenario))
        }
    };
    let treaty = builtin_treaty(&request.treaty)?;
    let sides = base.scenario().sides.len();
    if request.side >= sides {
        return Err(ApiError::bad(if sides == 2 {
            "side: 0 or 1".to_string()
        } else {
            format!("side: 0 to {}", sides - 1)
        }));
    }
    let search = analyses::optimize::Request {
        base,
        treaty,
        options: optimize_options(&request)?,
    };
    let value = heavy(&state, move || {
        let optimized = analyses::optimize::run(search, &|_, _| {})?;
        Ok(json!({
            "document": optimized.json(),
            "text": optimized.text(),
        }))
    })
    .await?;
    Ok(Json(value).into_response())
}

/// The search settings of a request, checked against the web server's caps.
fn optimize_options(request: &OptimizeRequest) -> Result<SearchOptions, ApiError> {
    let objective = analyses::optimize::objective(request.objective.as_deref().unwrap_or("index"))?;
    let starts = request.starts.unwrap_or(6);
    let grid_budget = request.grid_budget.unwrap_or(400);
    let max_growth = request.max_growth.unwrap_or(1.5);
    if !(1..=MAX_STARTS).contains(&starts) || !(1..=MAX_GRID_BUDGET).contains(&grid_budget) {
        return Err(ApiError::bad(format!(
            "starts (1 to {MAX_STARTS}) or grid_budget (1 to {MAX_GRID_BUDGET}) is out of range"
        )));
    }
    if !(max_growth.is_finite() && analyses::optimize::MAX_GROWTH.contains(&max_growth)) {
        return Err(ApiError::bad("max_growth: out of range (valid: 1 to 10)"));
    }
    Ok(SearchOptions {
        side: request.side,
        objective,
        seed: request.seed.unwrap_or(1),
        starts,
        grid_budget,
        max_growth,
        min_warheads: None,
    })
}

#[derive(Debug, Deserialize)]
pub struct BreakoutRequest {
    /// A built-in case name.
    #[serde(default)]
    case: Option<String>,
    /// Case TOML text; wins over `case`.
    #[serde(default)]
    toml: Option<String>,
    #[serde(default)]
    trials: Option<u64>,
    #[serde(default)]
    seed: Option<u64>,
}

/// A breakout case from its TOML text (which wins) or a built-in name, and its label.
pub(crate) fn breakout_case(
    name: Option<&str>,
    toml: Option<&str>,
) -> Result<(reykjavik_fissile::case::Case, String), ApiError> {
    use reykjavik_scenario::breakout as cases;
    let (text, label) = match (toml, name) {
        (Some(text), _) => (text.to_string(), "case.toml".to_string()),
        (None, Some(name)) => cases::find(name)
            .map(|b| (b.toml.to_string(), format!("<built-in {}>", b.name)))
            .ok_or_else(|| ApiError::bad(format!("no built-in breakout case named `{name}`")))?,
        (None, None) => return Err(ApiError::bad("give a built-in `case` or its `toml`")),
    };
    let case = cases::parse(&text, &label).map_err(|e| match &e {
        cases::BreakoutError::Invalid(d) => ApiError::diagnostics(e.to_string(), d),
        _ => ApiError::bad(e.to_string()),
    })?;
    Ok((case, label))
}

/// `POST /api/breakout`: months to weapons-grade material for a built-in case or TOML text.
pub async fn breakout(
    Shared(state): Shared<State>,
    given: Result<Json<BreakoutRequest>, JsonRejection>,
) -> Answer {
    let request = body(given)?;
    let (case, label) = breakout_case(request.case.as_deref(), request.toml.as_deref())?;
    if let Some(n) = request
        .trials
        .filter(|n| !(1..=MAX_BREAKOUT_TRIALS).contains(n))
    {
        return Err(ApiError::bad(format!(
            "trials {n} is out of range (valid: 1 to {MAX_BREAKOUT_TRIALS})"
        )));
    }
    let breakout = analyses::breakout::Request {
        case,
        label,
        monte_carlo: request.trials.map(|trials| analyses::breakout::Trials {
            trials,
            seed: request.seed.unwrap_or(1),
        }),
        solve: None,
    };
    let value = heavy(&state, move || {
        let computed = analyses::breakout::run(&breakout)?;
        Ok(json!({
            "document": computed.json(),
            "text": computed.text(),
        }))
    })
    .await?;
    Ok(Json(value).into_response())
}
