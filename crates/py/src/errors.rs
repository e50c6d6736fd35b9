//! Python exceptions: `ScenarioError` (bad input, the CLI's exit code 2) carries where the
//! problem is; `ComputationError` (exit code 1) says why a result is undefined.

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use reykjavik_scenario::{Diagnostic, ScenarioError as LoadError};

pyo3::create_exception!(
    reykjavik,
    ScenarioError,
    PyValueError,
    "Bad input: a scenario, case, treaty or proposal that does not load, or a bad argument. \
     Attributes: file, line, column, field, range (each None when unknown), and diagnostics \
     (one dict per problem found)."
);
pyo3::create_exception!(
    reykjavik,
    ComputationError,
    PyRuntimeError,
    "The computation has no defined result for these inputs (the message says why)."
);

/// Where an input problem is, as far as it is known.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Location {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    pub range: Option<String>,
}

impl Location {
    fn of_diagnostic(d: &Diagnostic) -> Self {
        Self {
            file: Some(d.file.clone()),
            line: Some(d.line),
            column: Some(d.column),
            field: d.field.clone(),
            range: valid_range(&d.message),
        }
    }

    /// Reads `FILE:LINE:COLUMN: ... field `F`: ... (valid: RANGE)` out of a message.
    pub fn of_message(message: &str) -> Self {
        let first = message.lines().next().unwrap_or("");
        let (file, line, column) = match file_line_column(first) {
            Some((file, line, column)) => (Some(file), Some(line), Some(column)),
            None => (None, None, None),
        };
        Self {
            file,
            line,
            column,
            field: between(first, "field `", "`"),
            range: valid_range(first),
        }
    }
}

/// The `FILE:LINE:COLUMN: ` prefix of a located message.
fn file_line_column(text: &str) -> Option<(String, usize, usize)> {
    text.match_indices(':').find_map(|(i, _)| {
        let mut parts = text[i + 1..].splitn(3, ':');
        let line = parts.next()?.parse().ok()?;
        let column = parts.next()?.parse().ok()?;
        parts
            .next()?
            .starts_with(' ')
            .then(|| (text[..i].to_string(), line, column))
    })
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(text[start..end].to_string())
}

/// The valid range named in a message: the text of `(valid: ...)` or `(valid for ...: ...)`.
fn valid_range(text: &str) -> Option<String> {
    let open = text.find("(valid")?;
    let body = &text[open + 1..];
    let start = body.find(": ")? + 2;
    let mut depth = 0;
    for (i, c) in body.char_indices().skip(start) {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(body[start..i].to_string()),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A `ScenarioError` with its location attributes set.
pub fn scenario_error(py: Python<'_>, message: &str, at: &[Location]) -> PyErr {
    let error = PyErr::new::<ScenarioError, _>(message.to_string());
    let first = at.first().cloned().unwrap_or_default();
    let value = error.value(py);
    let set = || -> PyResult<()> {
        value.setattr("file", first.file.clone())?;
        value.setattr("line", first.line)?;
        value.setattr("column", first.column)?;
        value.setattr("field", first.field.clone())?;
        value.setattr("range", first.range.clone())?;
        let all: Vec<_> = at.iter().map(location_dict).collect();
        value.setattr("diagnostics", all)
    };
    match set() {
        Ok(()) => error,
        Err(other) => other,
    }
}

fn location_dict(at: &Location) -> std::collections::BTreeMap<&'static str, Option<String>> {
    [
        ("file", at.file.clone()),
        ("line", at.line.map(|n| n.to_string())),
        ("column", at.column.map(|n| n.to_string())),
        ("field", at.field.clone()),
        ("range", at.range.clone()),
    ]
    .into_iter()
    .collect()
}

/// A scenario that does not load, from the scenario crate's diagnostics.
pub fn load_error(py: Python<'_>, error: &LoadError) -> PyErr {
    let at = match error {
        LoadError::Invalid(diagnostics) => {
            diagnostics.iter().map(Location::of_diagnostic).collect()
        }
        _ => Vec::new(),
    };
    scenario_error(py, &error.to_string(), &at)
}

/// Why a function has no result, before it becomes a Python exception: bad input (a
/// `ScenarioError`, located where the message says) or an undefined result (a
/// `ComputationError`).
#[derive(Debug)]
pub enum Failure {
    Input(String),
    Computation(String),
}

/// An analysis's error: bad input, or no result (the engine's errors included). The race's
/// mover and menu errors are worded by `documents::race` first; this is a fallback.
impl From<reykjavik_analyses::Error> for Failure {
    fn from(e: reykjavik_analyses::Error) -> Self {
        use reykjavik_analyses::Error;
        match e {
            Error::Input(m) => Self::Input(m),
            Error::Computation(m) => Self::Computation(m),
            Error::Engine(e) => Self::Computation(e.to_string()),
            e @ (Error::Mover(_) | Error::Menu(_)) => Self::Input(e.to_string()),
        }
    }
}

/// A failure as a Python exception; `rename` puts the caller's label back where a temporary
/// file's path was.
pub fn failure(py: Python<'_>, failure: Failure, rename: Option<(&str, &str)>) -> PyErr {
    let relabel = |text: String| match rename {
        Some((path, label)) => text.replace(path, label),
        None => text,
    };
    match failure {
        Failure::Input(message) => {
            let message = relabel(message);
            let at = Location::of_message(&message);
            scenario_error(py, &message, &[at])
        }
        Failure::Computation(message) => ComputationError::new_err(relabel(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_message_gives_file_line_column_field_and_range() {
        let at = Location::of_message(
            "my.toml:12:9: field `side[0].force[1].cep_m`: side[0].force[1].cep_m = -3 is out of range (valid: 1 to 20000 m (a CEP))\n  |",
        );
        assert_eq!(at.file.as_deref(), Some("my.toml"));
        assert_eq!((at.line, at.column), (Some(12), Some(9)));
        assert_eq!(at.field.as_deref(), Some("side[0].force[1].cep_m"));
        assert_eq!(at.range.as_deref(), Some("1 to 20000 m (a CEP)"));
    }

    #[test]
    fn a_message_without_a_place_gives_only_what_it_says() {
        let at = Location::of_message(
            "--trials 0 is out of range (valid for this scenario: 1 to 500; memory)",
        );
        assert_eq!(at.file, None);
        assert_eq!(at.line, None);
        assert_eq!(at.range.as_deref(), Some("1 to 500; memory"));
    }

    #[test]
    fn a_windows_like_path_with_a_colon_still_parses() {
        let at = Location::of_message("C:/x/my.toml:3:1: malformed TOML");
        assert_eq!(at.file.as_deref(), Some("C:/x/my.toml"));
        assert_eq!(at.line, Some(3));
    }
}
