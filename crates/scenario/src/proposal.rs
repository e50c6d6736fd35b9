//! Proposal files (docs/arms-control.md): the TOML format, conversion to
//! `reykjavik_engine::arms_control::proposal::Proposal`, the built-ins, and applying a proposal
//! to a scenario with errors located in the proposal file.

use reykjavik_engine::arms_control::proposal::{self, Change, Proposal, Sides};
use reykjavik_engine::model::Scenario;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::document::{self, DocumentError, Problem};
use crate::format::ForceFile;

/// Built-in proposals: (name, TOML). Each file states its source and expected direction.
pub const BUILTINS: &[(&str, &str)] = &[
    (
        "follow-on-1000",
        include_str!("../builtin/proposal/follow-on-1000.toml"),
    ),
    (
        "de-mirv-icbms",
        include_str!("../builtin/proposal/de-mirv-icbms.toml"),
    ),
    (
        "interceptor-cap",
        include_str!("../builtin/proposal/interceptor-cap.toml"),
    ),
    (
        "cps-counted",
        include_str!("../builtin/proposal/cps-counted.toml"),
    ),
    (
        "ssbn-patrols",
        include_str!("../builtin/proposal/ssbn-patrols.toml"),
    ),
    (
        "de-alert-icbms",
        include_str!("../builtin/proposal/de-alert-icbms.toml"),
    ),
    (
        "us-homeland-defense",
        include_str!("../builtin/proposal/us-homeland-defense.toml"),
    ),
];

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalFile {
    pub proposal: ProposalMetadata,
    /// The changes, applied in order.
    pub change: Vec<ChangeFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalMetadata {
    pub name: String,
    pub description: String,
    /// Where the proposal comes from, or its rationale.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The direction the literature expects for the index, with its source ("none stated" if
    /// there is none).
    pub expected: String,
}

/// One change: exactly one of `set`, `scale`, `add_force`, `remove_force`,
/// `launch_under_attack`, `cap_deployed_warheads`, `cap_interceptors`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeFile {
    /// A field path (as for `reykjavik sweep --vary`) to set to `value`.
    pub set: Option<String>,
    pub value: Option<f64>,
    /// A field path to multiply by `factor` (0 or more).
    pub scale: Option<String>,
    pub factor: Option<f64>,
    /// A force element (as `[[side.force]]` in a scenario) added to `side`.
    pub add_force: Option<Box<ForceFile>>,
    /// The name (or index) of a force element of `side` to remove.
    pub remove_force: Option<String>,
    /// Whether `force` (or every launch-ready element of `side`) launches under attack.
    pub launch_under_attack: Option<bool>,
    pub force: Option<String>,
    /// At most this many deployed warheads on `side` (every side if absent), cut in proportion
    /// across the nuclear elements; counted as `treaty` counts them if given.
    pub cap_deployed_warheads: Option<i64>,
    pub treaty: Option<String>,
    /// At most this many missile-defense interceptors on `side` (every side if absent).
    pub cap_interceptors: Option<i64>,
    /// A side's name or index.
    pub side: Option<String>,
    /// Why this change (free text).
    pub why: Option<String>,
}

/// Largest cap a proposal may state.
const MAX_CAP: i64 = 1_000_000;

/// A parsed proposal with its text, so that errors applying it can point into the file.
#[derive(Debug, Clone)]
pub struct LoadedProposal {
    pub proposal: Proposal,
    source: String,
    label: String,
}

/// Loads a proposal from a file or a built-in name.
pub fn load(name_or_path: &str) -> Result<LoadedProposal, DocumentError> {
    let (source, label) = document::source_text(name_or_path, "proposal", BUILTINS)?;
    from_text(&source, &label)
}

/// A proposal from text in hand (a built-in's, or text a server was given), as [`load`] does
/// after reading it; `label` names it in messages.
pub fn from_text(source: &str, label: &str) -> Result<LoadedProposal, DocumentError> {
    Ok(LoadedProposal {
        proposal: parse(source, label)?,
        source: source.to_string(),
        label: label.to_string(),
    })
}

/// Parses and checks proposal text (paths are checked when it is applied).
pub fn parse(source: &str, file: &str) -> Result<Proposal, DocumentError> {
    document::parse(
        source,
        file,
        "see `reykjavik compare --show de-mirv-icbms` for a proposal to start from",
        to_proposal,
    )
}

/// The TOML text of a built-in proposal.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Applies a loaded proposal; a bad path or value is located at its change in the file.
pub fn apply(scenario: &Scenario, loaded: &LoadedProposal) -> Result<Scenario, DocumentError> {
    apply_sides(scenario, loaded, reykjavik_engine::limits::size::SIDES)
}

/// As [`apply`] on a scenario of 2 to `max_sides` sides (the N-side `compare`).
pub fn apply_sides(
    scenario: &Scenario,
    loaded: &LoadedProposal,
    max_sides: usize,
) -> Result<Scenario, DocumentError> {
    proposal::apply_sides(scenario, &loaded.proposal, max_sides).map_err(|e| {
        let field = format!(
            "change[{}].{}",
            e.change,
            action_key(&loaded.proposal.changes[e.change])
        );
        document::located(
            &loaded.source,
            &loaded.label,
            vec![(Some(field), e.error.to_string())],
        )
    })
}

fn action_key(change: &Change) -> &'static str {
    match change {
        Change::Set { .. } => "set",
        Change::Scale { .. } => "scale",
        Change::AddForce { .. } => "add_force",
        Change::RemoveForce { .. } => "remove_force",
        Change::LaunchUnderAttack { .. } => "launch_under_attack",
        Change::CapWarheads { .. } => "cap_deployed_warheads",
        Change::CapInterceptors { .. } => "cap_interceptors",
    }
}

fn to_proposal(file: &ProposalFile) -> Result<Proposal, Vec<Problem>> {
    let mut problems = Vec::new();
    if file.change.is_empty() {
        problems.push((None, "a proposal needs at least one [[change]]".into()));
    }
    let changes: Vec<Change> = file
        .change
        .iter()
        .enumerate()
        .filter_map(|(i, c)| change(i, c).map_err(|p| problems.extend(p)).ok())
        .collect();
    if problems.is_empty() {
        Ok(Proposal {
            name: file.proposal.name.clone(),
            description: file.proposal.description.clone(),
            sources: file.proposal.sources.clone(),
            expected: file.proposal.expected.clone(),
            changes,
        })
    } else {
        Err(problems)
    }
}

const ACTIONS: [&str; 7] = [
    "set",
    "scale",
    "add_force",
    "remove_force",
    "launch_under_attack",
    "cap_deployed_warheads",
    "cap_interceptors",
];

fn change(i: usize, c: &ChangeFile) -> Result<Change, Vec<Problem>> {
    let at = |field: &str| Some(format!("change[{i}].{field}"));
    let given = [
        c.set.is_some(),
        c.scale.is_some(),
        c.add_force.is_some(),
        c.remove_force.is_some(),
        c.launch_under_attack.is_some(),
        c.cap_deployed_warheads.is_some(),
        c.cap_interceptors.is_some(),
    ];
    let named: Vec<&str> = ACTIONS
        .iter()
        .zip(given)
        .filter_map(|(a, g)| g.then_some(*a))
        .collect();
    if named.len() != 1 {
        let found = if named.is_empty() {
            "none".to_string()
        } else {
            named.join(", ")
        };
        let message = format!("give exactly one of {} (found {found})", ACTIONS.join(", "));
        return Err(vec![(Some(format!("change[{i}]")), message)]);
    }
    let need = |value: Option<f64>, key: &str, action: &str| {
        value.ok_or_else(|| vec![(at(action), format!("`{action}` needs `{key}`"))])
    };
    let sides = || c.side.clone().map_or(Sides::All, Sides::One);
    let side = |action: &str| {
        c.side
            .clone()
            .ok_or_else(|| vec![(at(action), format!("`{action}` needs `side`"))])
    };
    if let Some(path) = &c.set {
        let value = need(c.value, "value", "set")?;
        return Ok(Change::Set {
            path: path.clone(),
            value,
        });
    }
    if let Some(path) = &c.scale {
        let factor = need(c.factor, "factor", "scale")?;
        if !(factor.is_finite() && factor >= 0.0) {
            let message = format!("{factor} is out of range (valid: a factor 0 or more)");
            return Err(vec![(at("factor"), message)]);
        }
        return Ok(Change::Scale {
            path: path.clone(),
            factor,
        });
    }
    if let Some(force) = &c.add_force {
        let side = side("add_force")?;
        let (force, uncertain) = crate::convert::force_alone(force).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    let field = e.field().map(|f| format!("change[{i}].add_{f}"));
                    (field, e.to_string())
                })
                .collect::<Vec<_>>()
        })?;
        return Ok(Change::AddForce {
            side,
            force: Box::new(force),
            uncertain,
        });
    }
    if let Some(force) = &c.remove_force {
        return Ok(Change::RemoveForce {
            side: side("remove_force")?,
            force: force.clone(),
        });
    }
    if let Some(enabled) = c.launch_under_attack {
        return Ok(Change::LaunchUnderAttack {
            sides: sides(),
            force: c.force.clone(),
            enabled,
        });
    }
    if let Some(max) = c.cap_deployed_warheads {
        let treaty = match &c.treaty {
            None => None,
            Some(name) => Some(Box::new(
                crate::treaty::load(name).map_err(|e| vec![(at("treaty"), e.to_string())])?,
            )),
        };
        return Ok(Change::CapWarheads {
            sides: sides(),
            max: cap(max, &at("cap_deployed_warheads"))?,
            treaty,
        });
    }
    let max = c.cap_interceptors.unwrap_or_default();
    Ok(Change::CapInterceptors {
        sides: sides(),
        max: cap(max, &at("cap_interceptors"))?,
    })
}

fn cap(max: i64, at: &Option<String>) -> Result<u64, Vec<Problem>> {
    if (0..=MAX_CAP).contains(&max) {
        Ok(max as u64)
    } else {
        let message = format!("{max} is out of range (valid: an integer 0 to {MAX_CAP})");
        Err(vec![(at.clone(), message)])
    }
}
