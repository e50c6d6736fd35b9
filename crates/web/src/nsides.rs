//! N-side scenarios on the web (issue 10): detection, the N-side analysis behind
//! `POST /api/analyze`, and the fields of an N-side scenario. The document is the CLI's
//! `analyze --format json` on an N-side scenario (`reykjavik_analyses::n_side`).

use reykjavik_analyses::n_side;
use reykjavik_engine::model::Alert;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::outcomes;
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario, words};
use reykjavik_engine::params;
use reykjavik_engine::reaction::best_response::Position;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::input::{ScenarioInput, scenario_error};

/// The N-side options of a request (they replace the scenario's `[multilateral]` table).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NSideRequest {
    /// `none`, `fixed-share` (with `reserve_share`) or `deter-third-parties`.
    pub reserve: Option<String>,
    pub reserve_share: Option<f64>,
    /// `stay-out`, `join-victim` or `join-against-weaker`.
    pub third_parties: Option<String>,
}

/// The refusal of a view that compares two sides, naming the view that reads N sides.
pub fn refusal() -> ApiError {
    ApiError::bad(
        "this view compares two sides and does not read N-side scenarios (more than two sides, alliances, beliefs or reserves); the Analysis view does",
    )
}

/// The N-side scenario of a request with its quick-control overrides, or `None` for a
/// scenario of two sides.
pub fn scenario(input: &ScenarioInput) -> Result<Option<MultiScenario>, ApiError> {
    let (text, label) = input.source()?;
    if !reykjavik_scenario::multilateral::is_n_side_text(&text) {
        return Ok(None);
    }
    let mut ms = reykjavik_scenario::multilateral::parse(&text, &label).map_err(scenario_error)?;
    for (path, value) in &input.set {
        params::set_field(&mut ms.scenario, path, *value).map_err(ApiError::engine)?;
    }
    Ok(Some(ms))
}

/// Applies the request's reserve and third-party options (checked with the CLI's words).
pub fn apply_options(ms: &mut MultiScenario, given: &NSideRequest) -> Result<(), ApiError> {
    if let Some(rule) = &given.reserve {
        let words_given = match (rule.as_str(), given.reserve_share) {
            ("fixed-share", Some(share)) => format!("fixed-share={share}"),
            ("fixed-share", None) => "fixed-share=".to_string(),
            (other, _) => other.to_string(),
        };
        ms.reserve = words::parse_reserve(&words_given).map_err(|e| field("reserve", &e))?;
    }
    if let Some(behaviour) = &given.third_parties {
        ms.third_parties =
            words::parse_third_parties(behaviour).map_err(|e| field("third_parties", &e))?;
    }
    Ok(())
}

fn field(name: &str, message: &str) -> ApiError {
    ApiError {
        status: axum::http::StatusCode::BAD_REQUEST,
        body: json!({ "error": format!("{name}: {message}"), "field": name }),
    }
}

/// Each side's posture: `alert[s]` and `launch_under_attack[s]`, missing entries day-to-day
/// and riding out.
pub fn options(ms: &MultiScenario, input: &ScenarioInput) -> Result<MultiOptions, ApiError> {
    let n = ms.scenario.sides.len();
    if input.alert.len() > n || input.launch_under_attack.len() > n {
        return Err(ApiError::bad(format!(
            "alert and launch_under_attack take one entry per side ({n})"
        )));
    }
    let mut options = MultiOptions::uniform(n, Alert::DayToDay, false);
    for (s, given) in input.alert.iter().enumerate() {
        options.alert[s] = match given.as_str() {
            "day-to-day" => Alert::DayToDay,
            "generated" => Alert::Generated,
            other => {
                return Err(ApiError::bad(format!(
                    "alert[{s}] = `{other}`: unknown posture (valid: day-to-day, generated) for {}",
                    ms.scenario.sides[s].name
                )));
            }
        };
    }
    for (s, lua) in input.launch_under_attack.iter().enumerate() {
        options.launch_under_attack[s] = *lua;
    }
    Ok(options)
}

/// The answer `{"kind":"n-side","document":...,"text":...}` (Monte Carlo is the CLI's), through
/// `reykjavik_analyses::n_side`.
pub fn analyze(
    ms: &MultiScenario,
    options: &MultiOptions,
    monte_carlo: Option<&MonteCarloRequest>,
    arms_race: bool,
) -> Result<Value, ApiError> {
    let request = n_side::Request {
        base: ms.clone(),
        options: options.clone(),
        monte_carlo: monte_carlo.map(|mc| n_side::MonteCarlo {
            trials: mc.trials,
            seed: mc.seed,
            planning: mc.planning,
            at_least: mc.at_least.clone(),
        }),
        curve: false,
        certify: false,
        arms_race: None,
    };
    let mut analysed = n_side::run(request, &|_| {})?;
    if arms_race {
        analysed.request.arms_race = Some(arms_race_section(ms, options)?);
    }
    Ok(json!({ "kind": "n-side", "document": analysed.json(), "text": analysed.text() }))
}

/// `analyze --arms-race` on N sides: the scenario's built-in menu, position retaliation (as the
/// two-side section on the web). An armed actor without an option is refused by the engine.
fn arms_race_section(
    ms: &MultiScenario,
    options: &MultiOptions,
) -> Result<n_side::ArmsRace, ApiError> {
    let menu = crate::reaction::menu(&ms.scenario, None, false)?;
    Ok(n_side::arms_race(ms, options, menu, Position::Retaliation)?)
}

/// The N-side sweep's axes within its caps (the scenario's N-side cap and the server's).
pub fn sweep_axes(
    ms: &MultiScenario,
    axes: Vec<reykjavik_engine::sweep::Axis>,
) -> Result<Vec<reykjavik_engine::sweep::Axis>, ApiError> {
    use reykjavik_engine::multilateral::sweep as nsweep;
    let points = reykjavik_engine::sweep::size(&axes);
    let engine_most = nsweep::max_points(ms);
    let most = engine_most.min(crate::api::MAX_SWEEP_POINTS);
    if points > most {
        let why = if most < engine_most {
            "the web server's cap per request"
        } else {
            "grid points x warheads x elements x pairs bounds the time"
        };
        return Err(crate::api::too_many_points(points, most, why));
    }
    nsweep::check_axes(ms, &axes).map_err(ApiError::engine)?;
    Ok(axes)
}

/// `POST /api/sweep` on an N-side scenario: the N-side sweep table (`kind: "n-side"`, axes,
/// columns, rows) and its CSV, as `reykjavik sweep` writes it (`reykjavik_analyses::sweep`).
pub fn sweep(
    ms: &MultiScenario,
    options: &MultiOptions,
    axes: &[reykjavik_engine::sweep::Axis],
) -> Result<Value, ApiError> {
    let request = reykjavik_analyses::sweep::NSideRequest {
        base: ms.clone(),
        axes: axes.to_vec(),
        options: options.clone(),
        range: None,
    };
    let swept = reykjavik_analyses::sweep::run_n_side(request, &|_| {})?;
    let mut value = swept.json();
    value["csv"] = Value::String(swept.csv());
    Ok(value)
}

/// A checked N-side Monte Carlo request.
pub struct MonteCarloRequest {
    trials: u64,
    seed: u64,
    planning: Planning,
    at_least: Vec<u32>,
}

/// The Monte Carlo of an N-side request, checked against the scenario's trial cap and the web
/// server's (`api::MAX_TRIALS`); `None` without `trials`.
pub fn monte_carlo_request(
    ms: &MultiScenario,
    (trials, seed): (Option<u64>, Option<u64>),
    planning: Option<&str>,
    at_least: &[u32],
) -> Result<Option<MonteCarloRequest>, ApiError> {
    let Some(trials) = trials else {
        return Ok(None);
    };
    let planning = match planning {
        None | Some("fixed") => Planning::Fixed,
        Some("informed") => Planning::Informed,
        Some(other) => {
            return Err(field(
                "planning",
                &format!("`{other}` is unknown (valid: fixed, informed)"),
            ));
        }
    };
    let most = outcomes::max_trials(ms, planning).min(crate::api::MAX_TRIALS);
    if !(1..=most).contains(&trials) {
        return Err(field(
            "trials",
            &format!(
                "{trials} is out of range (valid for this N-side scenario with {} planning: 1 to {most})",
                planning.name()
            ),
        ));
    }
    if at_least.len() > 20 {
        return Err(ApiError::bad("at_least: at most 20 thresholds"));
    }
    Ok(Some(MonteCarloRequest {
        trials,
        seed: seed.unwrap_or(1),
        planning,
        at_least: at_least.to_vec(),
    }))
}
