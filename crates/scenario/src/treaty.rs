//! Treaty files (docs/arms-control.md): the TOML format, conversion to
//! `reykjavik_engine::arms_control::treaty::Treaty` with located errors, and the built-ins.

use reykjavik_engine::arms_control::treaty::{
    Quantity, SystemClass, Treaty, TreatyLimit, WarheadRule,
};
use reykjavik_engine::model::{Basing, Delivery, Payload};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::document::{self, DocumentError, Problem};
use crate::format::{BasingName, DeliveryName, PayloadName};

/// Built-in treaties: (name, TOML).
pub const BUILTINS: &[(&str, &str)] = &[(
    "new-start",
    include_str!("../builtin/treaty/new-start.toml"),
)];

/// The treaty `treaty` commands use when none is named.
pub const DEFAULT: &str = "new-start";

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatyFile {
    pub treaty: TreatyMetadata,
    /// Classes of systems; an element is counted in the first class it matches.
    #[serde(default)]
    pub class: Vec<ClassFile>,
    #[serde(default)]
    pub limit: Vec<LimitFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatyMetadata {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Force elements whose delivery, basing and payload are each among the listed ones.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassFile {
    pub name: String,
    pub delivery: Vec<DeliveryName>,
    pub basing: Vec<BasingName>,
    pub payload: Vec<PayloadName>,
    /// Warheads counted per deployed launcher whatever it carries (New START bombers: 1).
    /// Absent: the warheads as loaded.
    #[serde(default)]
    pub counted_warheads_per_launcher: Option<i64>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityName {
    DeployedLaunchers,
    DeployedWarheads,
    AllLaunchers,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LimitFile {
    pub name: String,
    /// What is summed: `deployed-launchers`, `deployed-warheads` or `all-launchers`.
    pub counts: QuantityName,
    /// Names of the classes summed.
    pub classes: Vec<String>,
    /// The most allowed: an integer 0 to 1000000.
    pub max: i64,
}

/// Largest limit or per-launcher count a treaty file may state.
const MAX_COUNT: i64 = 1_000_000;

/// Loads a treaty from a file or a built-in name.
pub fn load(name_or_path: &str) -> Result<Treaty, DocumentError> {
    let (text, label) = document::source_text(name_or_path, "treaty", BUILTINS)?;
    parse(&text, &label)
}

/// Parses and validates treaty text; `file` names it in diagnostics.
pub fn parse(source: &str, file: &str) -> Result<Treaty, DocumentError> {
    document::parse(
        source,
        file,
        "see `reykjavik treaty --show new-start` for a treaty to start from",
        to_treaty,
    )
}

/// The TOML text of a built-in treaty.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

fn to_treaty(file: &TreatyFile) -> Result<Treaty, Vec<Problem>> {
    let mut problems = Vec::new();
    let classes = file
        .class
        .iter()
        .enumerate()
        .map(|(i, c)| class(i, c, &mut problems))
        .collect();
    let limits = file
        .limit
        .iter()
        .enumerate()
        .map(|(i, l)| limit(i, l, file, &mut problems))
        .collect();
    if file.limit.is_empty() {
        problems.push((None, "a treaty needs at least one [[limit]]".into()));
    }
    if problems.is_empty() {
        Ok(Treaty {
            name: file.treaty.name.clone(),
            description: file.treaty.description.clone(),
            sources: file.treaty.sources.clone(),
            classes,
            limits,
        })
    } else {
        Err(problems)
    }
}

fn class(i: usize, file: &ClassFile, problems: &mut Vec<Problem>) -> SystemClass {
    let warheads = match file.counted_warheads_per_launcher {
        None => WarheadRule::AsLoaded,
        Some(n) if (0..=64).contains(&n) => WarheadRule::PerLauncher(n as u32),
        Some(n) => {
            problems.push((
                Some(format!("class[{i}].counted_warheads_per_launcher")),
                format!("{n} is out of range (valid: an integer 0 to 64)"),
            ));
            WarheadRule::AsLoaded
        }
    };
    SystemClass {
        name: file.name.clone(),
        deliveries: file.delivery.iter().map(|d| delivery(*d)).collect(),
        basings: file.basing.iter().map(|b| basing(*b)).collect(),
        payloads: file.payload.iter().map(|p| payload(*p)).collect(),
        warheads,
    }
}

fn limit(i: usize, l: &LimitFile, file: &TreatyFile, problems: &mut Vec<Problem>) -> TreatyLimit {
    let at = |field: &str| Some(format!("limit[{i}].{field}"));
    if !(0..=MAX_COUNT).contains(&l.max) {
        problems.push((
            at("max"),
            format!(
                "{} is out of range (valid: an integer 0 to {MAX_COUNT})",
                l.max
            ),
        ));
    }
    let classes = l
        .classes
        .iter()
        .filter_map(|name| {
            let found = file.class.iter().position(|c| &c.name == name);
            if found.is_none() {
                let names: Vec<&str> = file.class.iter().map(|c| c.name.as_str()).collect();
                problems.push((
                    at("classes"),
                    format!("no class named `{name}` (classes: {})", names.join(", ")),
                ));
            }
            found
        })
        .collect();
    TreatyLimit {
        name: l.name.clone(),
        quantity: match l.counts {
            QuantityName::DeployedLaunchers => Quantity::DeployedLaunchers,
            QuantityName::DeployedWarheads => Quantity::DeployedWarheads,
            QuantityName::AllLaunchers => Quantity::AllLaunchers,
        },
        classes,
        max: l.max.clamp(0, MAX_COUNT) as u64,
    }
}

pub(crate) fn delivery(name: DeliveryName) -> Delivery {
    match name {
        DeliveryName::BallisticMissile => Delivery::BallisticMissile,
        DeliveryName::CruiseMissile => Delivery::CruiseMissile,
        DeliveryName::Aircraft => Delivery::Aircraft,
        DeliveryName::GlideVehicle => Delivery::GlideVehicle,
    }
}

pub(crate) fn basing(name: BasingName) -> Basing {
    match name {
        BasingName::Silo => Basing::Silo,
        BasingName::RoadMobile => Basing::RoadMobile,
        BasingName::Submarine => Basing::Submarine,
        BasingName::AirBase => Basing::AirBase,
        BasingName::SurfaceShip => Basing::SurfaceShip,
    }
}

fn payload(name: PayloadName) -> Payload {
    match name {
        PayloadName::Nuclear => Payload::Nuclear,
        PayloadName::Conventional => Payload::Conventional,
    }
}
