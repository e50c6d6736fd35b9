//! What a request may give: a built-in name or TOML text (never a path: nothing is read from the
//! file system on a request's behalf), quick-control overrides and the posture.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use reykjavik_engine::model::{Alert, Scenario};
use reykjavik_engine::params;
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_scenario::{ScenarioError, builtin};
use serde::Deserialize;
use serde_json::json;

use crate::error::ApiError;

/// The scenario of a request and how it is posed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ScenarioInput {
    /// A built-in scenario name (`GET /api/scenarios`).
    pub builtin: Option<String>,
    /// Scenario TOML text; wins over `builtin` when both are given.
    pub toml: Option<String>,
    /// Fields to set after loading (quick controls): path -> value, checked against its range.
    pub set: BTreeMap<String, f64>,
    /// Each side's alert posture, `day-to-day` or `generated` (default day-to-day).
    pub alert: Vec<String>,
    /// Whether each side launches under attack.
    pub launch_under_attack: Vec<bool>,
}

/// The request body, or the extractor's own error with its status (413 for an oversize body,
/// 400 or 422 for JSON that does not parse or fit) as a JSON error.
pub fn body<T>(given: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    given
        .map(|Json(value)| value)
        .map_err(|rejection| ApiError {
            status: rejection.status(),
            body: json!({ "error": rejection.body_text() }),
        })
}

impl ScenarioInput {
    /// The scenario with the overrides applied.
    pub fn scenario(&self) -> Result<Scenario, ApiError> {
        let mut scenario = self.parsed()?;
        for (path, value) in &self.set {
            params::set_field(&mut scenario, path, *value).map_err(ApiError::engine)?;
        }
        Ok(scenario)
    }

    /// The TOML text and its label (as the CLI labels a built-in).
    pub fn source(&self) -> Result<(String, String), ApiError> {
        match (&self.toml, &self.builtin) {
            (Some(text), _) => Ok((text.clone(), "scenario.toml".to_string())),
            (None, Some(name)) => builtin::find(name)
                .map(|b| (b.toml.to_string(), format!("<built-in {}>", b.name)))
                .ok_or_else(|| ApiError::not_found(no_builtin(name))),
            (None, None) => Ok((
                builtin::find(builtin::DEFAULT)
                    .map(|b| b.toml.to_string())
                    .unwrap_or_default(),
                format!("<built-in {}>", builtin::DEFAULT),
            )),
        }
    }

    fn parsed(&self) -> Result<Scenario, ApiError> {
        let (text, label) = self.source()?;
        reykjavik_scenario::parse(&text, &label).map_err(scenario_error)
    }

    /// The posture asked for, for a scenario of two sides.
    pub fn options(&self, scenario: &Scenario) -> Result<AnalysisOptions, ApiError> {
        let mut options = AnalysisOptions::default();
        if self.alert.len() > 2 || self.launch_under_attack.len() > 2 {
            return Err(ApiError::bad(
                "alert and launch_under_attack take one entry per side (2)",
            ));
        }
        for (s, given) in self.alert.iter().enumerate() {
            options.alert[s] = match given.as_str() {
                "day-to-day" => Alert::DayToDay,
                "generated" => Alert::Generated,
                other => {
                    return Err(ApiError::bad(format!(
                        "alert[{s}] = `{other}`: unknown posture (valid: day-to-day, generated) for {}",
                        scenario.sides.get(s).map_or("", |x| x.name.as_str())
                    )));
                }
            };
        }
        for (s, lua) in self.launch_under_attack.iter().enumerate() {
            options.launch_under_attack[s] = *lua;
        }
        Ok(options)
    }
}

/// A scenario error as a located 400 (or 404 for an unknown built-in).
pub fn scenario_error(error: ScenarioError) -> ApiError {
    match &error {
        ScenarioError::Invalid(diagnostics) => {
            ApiError::diagnostics(error.to_string(), diagnostics)
        }
        _ => ApiError::bad(error.to_string()),
    }
}

fn no_builtin(name: &str) -> String {
    let names: Vec<&str> = builtin::BUILTINS.iter().map(|b| b.name).collect();
    format!(
        "no built-in scenario named `{}` (built-in: {})",
        name.chars().take(100).collect::<String>(),
        names.join(", ")
    )
}

/// A scenario of exactly two sides, as the pairwise analyses need.
pub fn two_sides(scenario: &Scenario) -> Result<(), ApiError> {
    if scenario.sides.len() == 2 {
        Ok(())
    } else {
        Err(ApiError::bad(format!(
            "this analysis compares exactly 2 sides; the scenario has {}",
            scenario.sides.len()
        )))
    }
}
