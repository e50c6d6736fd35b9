//! Shared loading for the smaller formats (treaties, proposals): a file or a built-in name, TOML
//! parsing with located errors, and one error type.

use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::{self, Diagnostic};

/// A problem found after parsing: the field path (if known) and the message.
pub type Problem = (Option<String>, String);

/// Why a treaty or proposal could not be loaded.
#[derive(Debug)]
#[non_exhaustive]
pub enum DocumentError {
    /// The file could not be read.
    Io { path: String, reason: String },
    /// Neither a file nor a built-in of that name exists.
    NotFound {
        kind: &'static str,
        name: String,
        builtins: Vec<&'static str>,
    },
    /// The file was read but is not valid: one diagnostic per problem.
    Invalid(Vec<Diagnostic>),
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, reason } => write!(f, "{path}: cannot read the file: {reason}"),
            Self::NotFound {
                kind,
                name,
                builtins,
            } => write!(
                f,
                "{}: no such file, and no built-in {kind} of that name (built-in: {})",
                diagnostic::excerpt(name),
                builtins.join(", ")
            ),
            Self::Invalid(diagnostics) => {
                let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
        }
    }
}

impl std::error::Error for DocumentError {}

/// The text of a file, or of the built-in `(name, toml)` of that name, with its label.
pub fn source_text(
    name_or_path: &str,
    kind: &'static str,
    builtins: &[(&'static str, &'static str)],
) -> Result<(String, String), DocumentError> {
    let path = Path::new(name_or_path);
    if path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| DocumentError::Io {
            path: name_or_path.to_string(),
            reason: e.to_string(),
        })?;
        return Ok((text, name_or_path.to_string()));
    }
    match builtins.iter().find(|(name, _)| *name == name_or_path) {
        Some((name, toml)) => Ok((toml.to_string(), format!("<built-in {kind} {name}>"))),
        None => Err(DocumentError::NotFound {
            kind,
            name: name_or_path.to_string(),
            builtins: builtins.iter().map(|(name, _)| *name).collect(),
        }),
    }
}

/// Parses `source` into the serde type `T`, then runs `convert` on it; every error points at the
/// file, line and field.
pub fn parse<T: DeserializeOwned, U>(
    source: &str,
    file: &str,
    empty_hint: &str,
    convert: impl FnOnce(&T) -> Result<U, Vec<Problem>>,
) -> Result<U, DocumentError> {
    let invalid = |span, field, message| {
        DocumentError::Invalid(vec![Diagnostic::at(file, source, span, field, message)])
    };
    if source.trim().is_empty() {
        return Err(invalid(
            0..0,
            None,
            format!("the file is empty: {empty_hint}"),
        ));
    }
    let document = DeTable::parse(source).map_err(|e| {
        let message = format!("malformed TOML: {}", e.message().trim_end());
        invalid(e.span().unwrap_or(0..0), None, message)
    })?;
    let raw: T = toml::from_str(source).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let field = diagnostic::path_at_offset(&document, span.start);
        invalid(span, field, e.message().trim_end().to_string())
    })?;
    convert(&raw)
        .map_err(|problems| DocumentError::Invalid(locate(file, source, &document, problems)))
}

/// Problems found later (applying a proposal to a scenario), located in the text that was
/// parsed before.
pub fn located(source: &str, file: &str, problems: Vec<Problem>) -> DocumentError {
    match DeTable::parse(source) {
        Ok(document) => DocumentError::Invalid(locate(file, source, &document, problems)),
        Err(_) => DocumentError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| Diagnostic::at(file, source, 0..0, field, message))
                .collect(),
        ),
    }
}

fn locate(
    file: &str,
    source: &str,
    document: &Spanned<DeTable<'_>>,
    problems: Vec<Problem>,
) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|(field, message)| {
            let span = field
                .as_deref()
                .map_or(0..0, |f| diagnostic::span_of_path(document, f));
            Diagnostic::at(file, source, span, field, message)
        })
        .collect()
}
