//! Response-menu files (docs/action-reaction.md, "Response menus"): the options each side can
//! take in answer to the other's move, with caps and a cost per step. Two stages: `parse` checks
//! the file on its own (ranges, at least one option); `resolve` checks it against a scenario
//! (sides, field paths, caps within the field's range and not below its value) and gives the
//! engine's `ResponseMenu`. Every error is located in the menu file.

use reykjavik_engine::model::Scenario;
use reykjavik_engine::params;
use reykjavik_engine::reaction::best_response::{ResponseMenu, ResponseOption};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::document::{self, DocumentError, Problem};

/// Built-in menus, named after the built-in scenario they answer for: (name, TOML).
pub const BUILTINS: &[(&str, &str)] = &[
    (
        "us-russia-2021",
        include_str!("../builtin/response/us-russia-2021.toml"),
    ),
    (
        "kent-thaler-notional",
        include_str!("../builtin/response/kent-thaler-notional.toml"),
    ),
    (
        "us-russia-china-2025",
        include_str!("../builtin/response/us-russia-china-2025.toml"),
    ),
];

/// Built-in scenarios that share another's menu: (scenario, menu).
const SHARED_MENUS: &[(&str, &str)] = &[("us-russia-china-2025-beliefs", "us-russia-china-2025")];

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuFile {
    pub menu: MenuMetadata,
    /// The options, both sides' together.
    #[serde(default)]
    pub option: Vec<OptionFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MenuMetadata {
    pub name: String,
    pub description: String,
    /// The unit of every `cost` (for example "billion US$ (2021) over five years").
    pub cost_unit: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One option: add `step` to the number at `path` (a sweep path), at most up to `cap`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    /// The side that can take it: its name or index.
    pub side: String,
    pub name: String,
    pub path: String,
    /// Added per step (above 0; a whole number on a count field).
    pub step: f64,
    /// The highest value the field may reach (within its valid range, not below its value).
    pub cap: f64,
    /// Cost of one step in the menu's `cost_unit` (above 0, at most 1,000,000).
    pub cost: f64,
    /// Where the cap and cost come from (free text).
    pub why: Option<String>,
}

/// Largest cost of one step.
pub const MAX_COST: f64 = 1e6;
/// Most options in one menu (the search enumerates combinations of a side's options).
pub const MAX_OPTIONS: usize = 32;

/// A parsed menu with its text, so that errors resolving it can point into the file.
#[derive(Debug, Clone)]
pub struct LoadedMenu {
    pub file: MenuFile,
    source: String,
    label: String,
}

/// Loads a menu from a file or a built-in name.
pub fn load(name_or_path: &str) -> Result<LoadedMenu, DocumentError> {
    let (source, label) = document::source_text(name_or_path, "response menu", BUILTINS)?;
    parse(source, label)
}

/// The built-in menu for a built-in scenario of that name, if there is one.
pub fn default_for(scenario_name: &str) -> Option<LoadedMenu> {
    let menu_name = SHARED_MENUS
        .iter()
        .find(|(s, _)| *s == scenario_name)
        .map_or(scenario_name, |(_, m)| *m);
    let (name, text) = BUILTINS.iter().find(|(n, _)| *n == menu_name)?;
    parse(text.to_string(), format!("<built-in response menu {name}>")).ok()
}

/// The TOML text of a built-in menu.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Parses menu text and checks what can be checked without a scenario.
pub fn parse(source: String, label: String) -> Result<LoadedMenu, DocumentError> {
    let file = document::parse(
        &source,
        &label,
        "see `reykjavik race --show-menu us-russia-2021` for a menu to start from",
        |file: &MenuFile| check(file).map(|()| file.clone()),
    )?;
    Ok(LoadedMenu {
        file,
        source,
        label,
    })
}

fn check(file: &MenuFile) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    if file.option.is_empty() {
        problems.push((
            Some("menu".into()),
            "the response menu is empty: it needs at least one [[option]]".into(),
        ));
    }
    if file.option.len() > MAX_OPTIONS {
        let message = format!(
            "{} options: at most {MAX_OPTIONS} in one menu",
            file.option.len()
        );
        problems.push((Some("option".into()), message));
    }
    for (i, option) in file.option.iter().enumerate() {
        let at = |field: &str| Some(format!("option[{i}].{field}"));
        if !(option.step.is_finite() && option.step > 0.0) {
            problems.push((at("step"), out_of_range(option.step, "a number above 0")));
        }
        if !(option.cost.is_finite() && option.cost > 0.0 && option.cost <= MAX_COST) {
            let valid = format!("above 0 and at most {}", MAX_COST as u64);
            problems.push((at("cost"), out_of_range(option.cost, &valid)));
        }
        if !option.cap.is_finite() {
            problems.push((at("cap"), out_of_range(option.cap, "a finite number")));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn out_of_range(value: f64, valid: &str) -> String {
    format!(
        "{} is out of range (valid: {valid})",
        reykjavik_engine::limits::show(value)
    )
}

impl LoadedMenu {
    /// The engine's menu for `scenario`: sides and paths resolved, steps and caps checked
    /// against each field's range and value.
    pub fn resolve(&self, scenario: &Scenario) -> Result<ResponseMenu, DocumentError> {
        let mut problems = Vec::new();
        let options: Vec<ResponseOption> = (self.file.option.iter().enumerate())
            .filter_map(|(i, o)| {
                resolve_option(scenario, i, o)
                    .map_err(|p| problems.push(p))
                    .ok()
            })
            .collect();
        if !problems.is_empty() {
            return Err(self.located(problems));
        }
        Ok(ResponseMenu {
            name: self.file.menu.name.clone(),
            cost_unit: self.file.menu.cost_unit.clone(),
            options,
        })
    }

    /// A problem found later, located in this menu's text.
    pub fn located(&self, problems: Vec<Problem>) -> DocumentError {
        document::located(&self.source, &self.label, problems)
    }

    /// An error unless every side of `scenario` has an option (a race needs both to answer).
    pub fn require_every_side(
        &self,
        scenario: &Scenario,
        menu: &ResponseMenu,
    ) -> Result<(), DocumentError> {
        let missing: Vec<Problem> = (0..scenario.sides.len())
            .filter(|&s| menu.of_side(s).is_empty())
            .map(|s| {
                let message = format!(
                    "the response menu has no [[option]] for side `{}`: each side needs at least one",
                    scenario.sides[s].name
                );
                (Some("menu".into()), message)
            })
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(self.located(missing))
        }
    }
}

fn resolve_option(
    scenario: &Scenario,
    i: usize,
    option: &OptionFile,
) -> Result<ResponseOption, Problem> {
    let at = |field: &str| Some(format!("option[{i}].{field}"));
    let side = side_index(scenario, &option.side).ok_or_else(|| {
        let names: Vec<&str> = scenario.sides.iter().map(|s| s.name.as_str()).collect();
        let message = format!("no side `{}` (sides: {})", option.side, names.join(", "));
        (at("side"), message)
    })?;
    let path =
        params::canonical_path(scenario, &option.path).map_err(|e| (at("path"), e.to_string()))?;
    if !path.starts_with(&format!("side[{side}].")) {
        let message = format!(
            "the path must be a field of side `{}`'s own forces or defenses",
            scenario.sides[side].name
        );
        return Err((at("path"), message));
    }
    let (value, limit) =
        params::get_field(scenario, &path).map_err(|e| (at("path"), e.to_string()))?;
    if limit.integer && option.step.fract() != 0.0 {
        return Err((
            at("step"),
            out_of_range(option.step, "a whole number: the field is a count"),
        ));
    }
    if !limit.contains(option.cap) {
        return Err((at("cap"), out_of_range(option.cap, &limit.describe())));
    }
    if option.cap < value {
        let message = format!(
            "{} is below the field's value in the scenario ({}): a cap is the highest value the side may reach",
            reykjavik_engine::limits::show(option.cap),
            reykjavik_engine::limits::show(value)
        );
        return Err((at("cap"), message));
    }
    Ok(ResponseOption {
        name: option.name.clone(),
        side,
        path,
        step: option.step,
        cap: option.cap,
        cost: option.cost,
    })
}

fn side_index(scenario: &Scenario, side: &str) -> Option<usize> {
    side.parse::<usize>()
        .ok()
        .filter(|&i| i < scenario.sides.len())
        .or_else(|| scenario.sides.iter().position(|s| s.name == side))
}
