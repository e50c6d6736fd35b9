//! N-side scenarios (issue 10): more than two sides, `[[alliance]]`, `[[side.belief]]`,
//! `[multilateral]` and `side.reserve_share`, converted to
//! [`reykjavik_engine::multilateral::MultiScenario`] with located errors. Read by `analyze`,
//! `sweep`, `treaty` and `compare`; every other command refuses them ([`two_side_refusals`]).

use reykjavik_engine::EngineError;
use reykjavik_engine::limits;
use reykjavik_engine::multilateral::{
    self, Alliance, Belief, MultiScenario, Reserve, ThirdParties,
};

use crate::format::{ReserveName, ScenarioFile, ThirdPartiesName};
use crate::{ScenarioError, convert};

/// What only the N-side analysis reads, pointed at, for commands that compare two sides.
pub fn two_side_refusals(file: &ScenarioFile) -> Vec<EngineError> {
    const WHY: &str = "is read by `analyze`, `sweep`, `treaty` and `compare` (the N-side commands) only; this command compares two sides: remove it or use `analyze`";
    let mut found = Vec::new();
    if file.multilateral.is_some() {
        found.push(EngineError::rule(
            "multilateral",
            format!("[multilateral] {WHY}"),
        ));
    }
    if !file.alliance.is_empty() {
        found.push(EngineError::rule(
            "alliance[0]",
            format!("[[alliance]] {WHY}"),
        ));
    }
    for (s, side) in file.side.iter().enumerate() {
        if side.reserve_share.is_some() {
            found.push(EngineError::rule(
                format!("side[{s}].reserve_share"),
                format!("reserve_share {WHY}"),
            ));
        }
        if !side.belief.is_empty() {
            found.push(EngineError::rule(
                format!("side[{s}].belief[0]"),
                format!("[[side.belief]] {WHY}"),
            ));
        }
    }
    found
}

/// Converts and validates an N-side scenario: 2 to 8 sides, alliances by side name, beliefs
/// (field and value checked), reserve and third-party options.
pub fn to_multi(file: &ScenarioFile) -> Result<MultiScenario, Vec<EngineError>> {
    let scenario = convert::to_engine_sides(file, limits::size::MULTILATERAL_SIDES)?;
    let names: Vec<&str> = file.side.iter().map(|s| s.name.as_str()).collect();
    let mut errors = Vec::new();
    let alliances = alliances(file, &names, &mut errors);
    let options = file.multilateral.clone().unwrap_or_default();
    let reserve = match (options.reserve, options.reserve_share) {
        (Some(ReserveName::FixedShare), Some(share)) => Reserve::FixedShare(share),
        (Some(ReserveName::FixedShare), None) => {
            errors.push(EngineError::rule(
                "multilateral.reserve",
                "`fixed-share` needs `reserve_share` (0 to 1) in [multilateral]",
            ));
            Reserve::None
        }
        (Some(ReserveName::DeterThirdParties), _) => Reserve::DeterThirdParties,
        (None | Some(ReserveName::None), Some(share)) => {
            errors.push(EngineError::rule(
                "multilateral.reserve_share",
                format!("reserve_share = {share} needs reserve = \"fixed-share\""),
            ));
            Reserve::None
        }
        (None | Some(ReserveName::None), None) => Reserve::None,
    };
    let third_parties = match options.third_parties {
        None | Some(ThirdPartiesName::StayOut) => ThirdParties::StayOut,
        Some(ThirdPartiesName::JoinVictim) => ThirdParties::JoinVictim,
        Some(ThirdPartiesName::JoinAgainstWeaker) => ThirdParties::JoinAgainstWeaker,
    };
    let beliefs = file
        .side
        .iter()
        .enumerate()
        .flat_map(|(s, side)| {
            side.belief.iter().map(move |b| Belief {
                holder: s,
                path: b.field.clone(),
                value: b.value,
            })
        })
        .collect();
    let ms = MultiScenario {
        scenario,
        alliances,
        beliefs,
        reserve,
        reserve_shares: file.side.iter().map(|s| s.reserve_share).collect(),
        third_parties,
    };
    if errors.is_empty() {
        multilateral::validate(&ms)?;
        Ok(ms)
    } else {
        Err(errors)
    }
}

/// Alliances with their members as side indices; a name that is no side is an error at it.
fn alliances(file: &ScenarioFile, names: &[&str], errors: &mut Vec<EngineError>) -> Vec<Alliance> {
    file.alliance
        .iter()
        .enumerate()
        .map(|(a, alliance)| Alliance {
            name: alliance.name.clone(),
            members: alliance
                .members
                .iter()
                .enumerate()
                .filter_map(|(m, member)| {
                    let found = names.iter().position(|n| n == member);
                    if found.is_none() {
                        errors.push(EngineError::rule(
                            format!("alliance[{a}].members[{m}]"),
                            format!("no side `{member}` (sides: {})", names.join(", ")),
                        ));
                    }
                    found
                })
                .collect(),
        })
        .collect()
}

/// Parses and validates N-side scenario text. `file` names it in diagnostics.
pub fn parse(source: &str, file: &str) -> Result<MultiScenario, ScenarioError> {
    crate::parse_with(source, file, to_multi)
}

/// Loads an N-side scenario from a file path or a built-in name.
pub fn load(name_or_path: &str) -> Result<MultiScenario, ScenarioError> {
    let (text, label) = crate::source_text(name_or_path)?;
    parse(&text, &label)
}

/// Whether a file or built-in is an N-side scenario (more than two sides, or alliances,
/// beliefs or reserves), so the CLI routes it to the N-side analysis. Unreadable text is not:
/// the two-side reader reports it as before.
pub fn is_n_side(name_or_path: &str) -> bool {
    let Ok((text, _)) = crate::source_text(name_or_path) else {
        return false;
    };
    toml::from_str::<ScenarioFile>(&text)
        .is_ok_and(|raw| raw.side.len() > 2 || !two_side_refusals(&raw).is_empty())
}
