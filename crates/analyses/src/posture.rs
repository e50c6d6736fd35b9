//! The posture words shared by the command line and the Python package: `[SIDE=]POSTURE` for
//! the alert (`day-to-day` or `generated`; SIDE a name or a number from 1) and a side, `both`
//! (or `all` on N sides) for launch under attack. The messages name the command line's options
//! (`--alert`, `--launch-under-attack`), which are the words both faces take; the web reads
//! one posture per side from JSON instead.

use reykjavik_engine::model::{Alert, Scenario};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::stability::AnalysisOptions;

use crate::Error;

fn parse_alert(text: &str) -> Option<Alert> {
    match text {
        "day-to-day" => Some(Alert::DayToDay),
        "generated" => Some(Alert::Generated),
        _ => None,
    }
}

/// Resolves a side given by name (case-insensitive) or number (1-based).
fn side_index(scenario: &Scenario, given: &str) -> Result<usize, Error> {
    scenario.side_named(given).ok_or_else(|| {
        Error::Input(format!(
            "no side `{given}` in this scenario (sides: {}, or 1 and 2)",
            scenario.side_names()
        ))
    })
}

/// The two-side analysis options of the alert and launch-under-attack words.
pub fn two_side(
    scenario: &Scenario,
    alert: &[String],
    launch_under_attack: &[String],
) -> Result<AnalysisOptions, Error> {
    let mut options = AnalysisOptions::default();
    // The posture each side was given, and by which --alert, to refuse a contradiction.
    let mut given_for: [Option<(Alert, &str)>; 2] = [None, None];
    for given in alert {
        let (side, posture) = match given.rsplit_once('=') {
            Some((side, posture)) => (Some(side_index(scenario, side)?), posture),
            None => (None, given.as_str()),
        };
        let alert = parse_alert(posture).ok_or_else(|| {
            Error::Input(format!(
                "--alert {given}: unknown posture `{posture}` (valid: day-to-day, generated)"
            ))
        })?;
        let sides = match side {
            Some(s) => s..s + 1,
            None => 0..2,
        };
        for s in sides {
            if let Some((earlier, text)) = given_for[s].filter(|(a, _)| *a != alert) {
                return Err(Error::Input(format!(
                    "--alert {given} contradicts --alert {text}: {} is given both {} and {}; give each side one posture",
                    scenario.sides[s].name,
                    earlier.name(),
                    alert.name()
                )));
            }
            given_for[s] = Some((alert, given));
            options.alert[s] = alert;
        }
    }
    for given in launch_under_attack {
        if given == "both" {
            options.launch_under_attack = [true; 2];
        } else {
            options.launch_under_attack[side_index(scenario, given)?] = true;
        }
    }
    Ok(options)
}

/// A side of an N-side scenario by name (case-insensitive) or number (1 to N).
fn n_side_index(ms: &MultiScenario, given: &str) -> Result<usize, Error> {
    ms.scenario.side_named(given).ok_or_else(|| {
        Error::Input(format!(
            "no side `{given}` in this scenario (sides: {}, or 1 to {})",
            ms.scenario.side_names(),
            ms.scenario.sides.len()
        ))
    })
}

/// The N-side options of the alert and launch-under-attack words (`both`, as for two sides,
/// means every side).
pub fn n_side(
    ms: &MultiScenario,
    alert: &[String],
    launch_under_attack: &[String],
) -> Result<MultiOptions, Error> {
    let n = ms.scenario.sides.len();
    let mut options = MultiOptions::uniform(n, Alert::DayToDay, false);
    let mut given_for: Vec<Option<(Alert, &str)>> = vec![None; n];
    for given in alert {
        let (sides, posture) = match given.rsplit_once('=') {
            Some((side, posture)) => {
                let s = n_side_index(ms, side)?;
                (s..s + 1, posture)
            }
            None => (0..n, given.as_str()),
        };
        let posture = parse_alert(posture).ok_or_else(|| {
            Error::Input(format!(
                "--alert {given}: unknown posture `{posture}` (valid: day-to-day, generated)"
            ))
        })?;
        for s in sides {
            if let Some((earlier, text)) = given_for[s].filter(|(a, _)| *a != posture) {
                return Err(Error::Input(format!(
                    "--alert {given} contradicts --alert {text}: {} is given both {} and {}",
                    ms.scenario.sides[s].name,
                    earlier.name(),
                    posture.name()
                )));
            }
            given_for[s] = Some((posture, given));
            options.alert[s] = posture;
        }
    }
    for given in launch_under_attack {
        if given == "both" || given == "all" {
            options.launch_under_attack = vec![true; n];
        } else {
            options.launch_under_attack[n_side_index(ms, given)?] = true;
        }
    }
    Ok(options)
}
