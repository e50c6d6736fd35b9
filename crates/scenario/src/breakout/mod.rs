//! Breakout cases (docs/breakout.md): the TOML format, conversion to
//! `reykjavik_fissile::case::Case` with located errors, and the built-in cases.

mod convert;
pub mod format;

use std::fmt;
use std::path::Path;

use reykjavik_fissile::case::Case;

use crate::diagnostic::{self, Diagnostic};

/// A breakout case that ships with Reykjavik.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub description: &'static str,
    pub toml: &'static str,
}

pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "iran-2013",
        description: "Iran before the interim deal (November 2013): about 9,000 enriching IR-1, LEU and 20 % stocks",
        toml: include_str!("../../builtin/breakout/iran-2013.toml"),
    },
    Builtin {
        name: "iran-jcpoa",
        description: "Iran under the JCPOA: 5,060 IR-1 at Natanz, 300 kg of UF6 at 3.67 %",
        toml: include_str!("../../builtin/breakout/iran-jcpoa.toml"),
    },
    Builtin {
        name: "iran-2021",
        description: "Iran in November 2021: stocks at 20 % and 60 % (IAEA), installed capacity as a range",
        toml: include_str!("../../builtin/breakout/iran-2021.toml"),
    },
    Builtin {
        name: "north-korea",
        description: "North Korea: Yongbyon 5 MWe plutonium (about 6 kg a year, Hecker) and enrichment as a range",
        toml: include_str!("../../builtin/breakout/north-korea.toml"),
    },
];

pub fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// Why a breakout case could not be loaded.
#[derive(Debug)]
#[non_exhaustive]
pub enum BreakoutError {
    /// The file could not be read.
    Io { path: String, reason: String },
    /// Neither a file nor a built-in case of that name exists.
    NotFound { name: String },
    /// The file was read but is not a valid case: one diagnostic per problem.
    Invalid(Vec<Diagnostic>),
}

impl fmt::Display for BreakoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, reason } => {
                write!(f, "{path}: cannot read the breakout case: {reason}")
            }
            Self::NotFound { name } => {
                let names: Vec<_> = BUILTINS.iter().map(|b| b.name).collect();
                write!(
                    f,
                    "{name}: no such file, and no built-in breakout case of that name (built-in: {})",
                    names.join(", ")
                )
            }
            Self::Invalid(diagnostics) => {
                let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
        }
    }
}

impl std::error::Error for BreakoutError {}

/// Parses and validates case text. `file` names it in diagnostics.
pub fn parse(source: &str, file: &str) -> Result<Case, BreakoutError> {
    let invalid = |span, field, message| {
        BreakoutError::Invalid(vec![Diagnostic::at(file, source, span, field, message)])
    };
    if source.trim().is_empty() {
        return Err(invalid(0..0, None, "the file is empty: see `reykjavik breakout --show iran-jcpoa` for a case to start from".into()));
    }
    let document = toml::de::DeTable::parse(source).map_err(|e| {
        invalid(
            e.span().unwrap_or(0..0),
            None,
            format!("malformed TOML: {}", e.message().trim_end()),
        )
    })?;
    let raw: format::CaseFile = toml::from_str(source).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let field = diagnostic::path_at_offset(&document, span.start);
        invalid(span, field, e.message().trim_end().to_string())
    })?;
    convert::to_case(&raw).map_err(|problems| {
        BreakoutError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| {
                    let span = field
                        .as_deref()
                        .map_or(0..0, |f| diagnostic::span_of_path(&document, f));
                    Diagnostic::at(file, source, span, field, message)
                })
                .collect(),
        )
    })
}

/// The TOML text of a file or built-in case, with the label diagnostics use.
pub fn source_text(name_or_path: &str) -> Result<(String, String), BreakoutError> {
    let path = Path::new(name_or_path);
    if path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| BreakoutError::Io {
            path: name_or_path.to_string(),
            reason: e.to_string(),
        })?;
        return Ok((text, name_or_path.to_string()));
    }
    match find(name_or_path) {
        Some(b) => Ok((b.toml.to_string(), format!("<built-in {}>", b.name))),
        None => Err(BreakoutError::NotFound {
            name: name_or_path.to_string(),
        }),
    }
}

/// Loads a case from a file path or, if no such file exists, the built-in of that name.
pub fn load(name_or_path: &str) -> Result<Case, BreakoutError> {
    let (text, label) = source_text(name_or_path)?;
    parse(&text, &label)
}

/// JSON Schema of the breakout case format.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(format::CaseFile)).expect("a schema is plain JSON")
}
