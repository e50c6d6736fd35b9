//! Scenario subcommands: list, show, check, schema.

use reykjavik_engine::model::Scenario;
use reykjavik_report::check;
use reykjavik_scenario::{ScenarioError, builtin};

use crate::{Failure, Format, say};

pub fn list_scenarios() -> Result<String, Failure> {
    let mut out = String::new();
    let all = builtin::BUILTINS.iter().chain(builtin::MULTILATERAL);
    let width = all.clone().map(|b| b.name.len()).max().unwrap_or(0);
    for b in builtin::BUILTINS {
        say!(out, "{:width$}  {}", b.name, b.description);
    }
    // N-side built-ins (issue 10): more than two sides, alliances, beliefs or reserves.
    for b in builtin::MULTILATERAL {
        say!(out, "{:width$}  {} [N sides]", b.name, b.description);
    }
    say!(
        out,
        "\nPrint one with `reykjavik scenarios show NAME`; save it, edit it, then `reykjavik check FILE`."
    );
    Ok(out)
}

pub fn show_scenario(name: &str) -> Result<String, Failure> {
    match builtin::find(name) {
        Some(b) => Ok(b.toml.to_string()),
        None => Err(Failure::Input(format!(
            "no built-in scenario named `{name}` (available: {})",
            builtin::names()
        ))),
    }
}

/// Loads a scenario by file path or built-in name; any problem is bad input (exit code 2).
pub fn load(name_or_path: &str) -> Result<Scenario, Failure> {
    reykjavik_scenario::load(name_or_path).map_err(|e| Failure::Input(e.to_string()))
}

/// `check`: a valid scenario summarised by leg, or every problem located. With JSON, an invalid
/// scenario's problems are printed as a document and the command still exits with code 2.
pub fn check(name_or_path: &str, format: Format) -> Result<String, Failure> {
    let loaded = if reykjavik_scenario::multilateral::is_n_side(name_or_path) {
        reykjavik_scenario::multilateral::load(name_or_path).map(|ms| {
            let extras = check::NSideExtras {
                alliances: ms.alliances.len(),
                beliefs: ms.beliefs.len(),
            };
            (ms.scenario, Some(extras))
        })
    } else {
        reykjavik_scenario::load(name_or_path).map(|s| (s, None))
    };
    match (loaded, format) {
        (Ok((scenario, extras)), Format::Text) => Ok(check::text(name_or_path, &scenario, extras)),
        (Ok((scenario, extras)), Format::Json) => Ok(format!(
            "{:#}\n",
            check::json(name_or_path, &scenario, extras)
        )),
        (Err(e), Format::Text) => Err(Failure::Input(e.to_string())),
        (Err(e), Format::Json) => {
            let doc = check::problems_json(name_or_path, &problems(name_or_path, &e));
            Err(Failure::Partial(
                format!("{doc:#}\n"),
                Box::new(Failure::Input(e.to_string())),
            ))
        }
    }
}

/// The scenario reader's errors as located problems (an unreadable or missing file has no
/// line: 0).
fn problems(name_or_path: &str, error: &ScenarioError) -> Vec<check::Problem> {
    match error {
        ScenarioError::Invalid(diagnostics) => diagnostics
            .iter()
            .map(|d| check::Problem {
                file: d.file.clone(),
                line: d.line,
                column: d.column,
                field: d.field.clone(),
                message: d.message.clone(),
            })
            .collect(),
        other => vec![check::Problem {
            file: name_or_path.to_string(),
            line: 0,
            column: 0,
            field: None,
            message: other.to_string(),
        }],
    }
}

pub fn schema() -> Result<String, Failure> {
    let schema = reykjavik_scenario::json_schema();
    Ok(serde_json::to_string_pretty(&schema).expect("JSON values serialise") + "\n")
}
