//! The Reykjavik scenario format (TOML): parsing, validation with file positions, the JSON Schema
//! and the built-in scenarios. The only crate that knows the file format.

pub mod breakout;
pub mod builtin;
mod convert;
pub mod diagnostic;
pub mod document;
pub mod events;
pub mod format;
pub mod from_json;
/// N sides, alliances, beliefs and reserves (issue 10).
pub mod multilateral;
mod number;
pub mod proposal;
pub mod response;
pub mod treaty;

use std::fmt;
use std::path::Path;

pub use diagnostic::Diagnostic;
pub use from_json::json_to_toml;
use reykjavik_engine::model::Scenario;

/// Why a scenario could not be loaded.
#[derive(Debug)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file could not be read.
    Io { path: String, reason: String },
    /// Neither a file nor a built-in scenario of that name exists.
    NotFound { name: String },
    /// The file was read but is not a valid scenario: one diagnostic per problem.
    Invalid(Vec<Diagnostic>),
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, reason } => {
                write!(f, "{path}: cannot read the scenario file: {reason}")
            }
            Self::NotFound { name } => {
                write!(
                    f,
                    "{}: no such file, and no built-in scenario of that name (built-in: {})",
                    diagnostic::excerpt(name),
                    builtin::names()
                )
            }
            Self::Invalid(diagnostics) => {
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ScenarioError {}

/// Parses and validates scenario text. `file` names it in diagnostics.
pub fn parse(source: &str, file: &str) -> Result<Scenario, ScenarioError> {
    parse_with(source, file, convert::to_engine)
}

/// Parses scenario text and converts it with `convert`, locating its errors in the file.
fn parse_with<T>(
    source: &str,
    file: &str,
    convert: impl Fn(&format::ScenarioFile) -> Result<T, Vec<reykjavik_engine::EngineError>>,
) -> Result<T, ScenarioError> {
    let invalid = |span, field, message| {
        ScenarioError::Invalid(vec![Diagnostic::at(file, source, span, field, message)])
    };
    if source.trim().is_empty() {
        return Err(invalid(0..0, None, "the file is empty: a scenario needs a [scenario] table and at least two [[side]] tables (see `reykjavik scenarios show kent-thaler-notional`)".into()));
    }
    let document = toml::de::DeTable::parse(source).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = name_duplicate_key(e.message().trim_end(), source, &span);
        invalid(span, None, format!("malformed TOML: {message}"))
    })?;
    let raw: format::ScenarioFile = toml::from_str(source).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let field = diagnostic::path_at_offset(&document, span.start);
        let message = e.message().trim_end();
        let message = if diagnostic::is_datetime_at(&document, span.start) {
            datetime_message(message)
        } else {
            message.to_string()
        };
        invalid(span, field, message)
    })?;
    convert(&raw).map_err(|errors| {
        ScenarioError::Invalid(
            errors
                .into_iter()
                .map(|error| {
                    let field = error.field().map(str::to_string);
                    let span = field
                        .as_deref()
                        .map_or(0..0, |f| diagnostic::span_of_path(&document, f));
                    Diagnostic::at(file, source, span, field, error.to_string())
                })
                .collect(),
        )
    })
}

/// "duplicate key" names the key it found twice.
fn name_duplicate_key(message: &str, source: &str, span: &std::ops::Range<usize>) -> String {
    let key = source.get(span.clone()).unwrap_or("").trim();
    if message == "duplicate key" && !key.is_empty() {
        format!("duplicate key `{key}`: each key may appear once in a table")
    } else {
        message.to_string()
    }
}

/// The TOML library reads a date-time as a table with an internal key; say what was found.
fn datetime_message(message: &str) -> String {
    let expected = match message.split_once("invalid type: map, expected ") {
        Some((_, expected)) => expected,
        None if message.contains("`uniform`") => "a number or a distribution",
        None => "a value of the type docs/scenario-format.md gives for this field",
    };
    format!("a date-time is not valid here: expected {expected}")
}

/// Loads a scenario from a file path or, if no such file exists, the built-in of that name.
pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioError> {
    let (text, label) = source_text(name_or_path)?;
    parse(&text, &label)
}

/// The TOML text of a file or built-in scenario, with the label diagnostics use.
pub fn source_text(name_or_path: &str) -> Result<(String, String), ScenarioError> {
    let path = Path::new(name_or_path);
    if path.exists() {
        let bytes = read_bounded(path).map_err(|reason| ScenarioError::Io {
            path: name_or_path.to_string(),
            reason,
        })?;
        return utf8(bytes, name_or_path).map(|text| (text, name_or_path.to_string()));
    }
    match builtin::find(name_or_path) {
        Some(b) => Ok((b.toml.to_string(), format!("<built-in {}>", b.name))),
        None => Err(ScenarioError::NotFound {
            name: name_or_path.to_string(),
        }),
    }
}

/// The largest scenario file read: 1 MiB, 64 times the largest built-in. The whole text is
/// parsed in memory, so this bounds the memory of parsing (and the size caps of
/// `reykjavik_engine::limits::size` bound the rest).
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// Reads a regular file of at most [`MAX_FILE_BYTES`]. A FIFO or device is refused before it is
/// opened (opening a FIFO blocks until a writer comes; `/dev/zero` never ends).
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err(
            "not a regular file (a directory, FIFO or device): give a scenario file or a built-in name"
                .into(),
        );
    }
    let too_big =
        || format!("larger than {MAX_FILE_BYTES} bytes (1 MiB), the limit for a scenario file");
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The file's text, or an error at the line and byte offset of the first byte that is not UTF-8.
fn utf8(bytes: Vec<u8>, file: &str) -> Result<String, ScenarioError> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        ScenarioError::Invalid(vec![Diagnostic::at(
            file,
            valid,
            offset..offset,
            None,
            format!("the file is not valid UTF-8 at byte offset {offset}: save it as UTF-8 text"),
        )])
    })
}

/// JSON Schema of the scenario format, for editors and the web form.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(format::ScenarioFile))
        .expect("a schema is plain JSON")
}

/// Scenario text with numbers replaced at field paths (`side[0].force[2].launchers`), keeping
/// every comment and the layout: how a computed posture becomes a file ready for `analyze`.
/// Fails (naming the path) if a field is not in the text; the result is checked by parsing it.
pub fn rewrite_fields(
    source: &str,
    file: &str,
    edits: &[(String, String)],
) -> Result<String, ScenarioError> {
    let document = toml::de::DeTable::parse(source).map_err(|e| {
        ScenarioError::Invalid(vec![Diagnostic::at(
            file,
            source,
            e.span().unwrap_or(0..0),
            None,
            format!("malformed TOML: {}", e.message().trim_end()),
        )])
    })?;
    let mut spans = Vec::new();
    for (path, text) in edits {
        let span = diagnostic::span_of_path(&document, path);
        let found = source.get(span.clone()).unwrap_or("");
        if found.trim_start().starts_with('[') || span == document.span() {
            return Err(ScenarioError::Invalid(vec![Diagnostic::at(
                file,
                source,
                span,
                Some(path.clone()),
                "no such field in the file to rewrite".into(),
            )]));
        }
        spans.push((span, text));
    }
    spans.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut out = source.to_string();
    for (span, text) in spans {
        out.replace_range(span, text);
    }
    // The rewritten text must still load, as the kind of scenario it is.
    if multilateral::is_n_side_text(&out) {
        multilateral::parse(&out, file)?;
    } else {
        parse(&out, file)?;
    }
    Ok(out)
}
