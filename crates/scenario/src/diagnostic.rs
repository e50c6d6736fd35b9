//! Errors that point into the scenario file: file, line, column, field path, value and range.
//! Only this layer knows spans; the engine names fields by path.

use std::fmt;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One problem in a scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line and column of the offending text (0 when the file is empty).
    pub line: usize,
    pub column: usize,
    /// Field path such as `side[0].force[2].launchers`, when known.
    pub field: Option<String>,
    pub message: String,
    /// The source line (or the part of a long line from the error on), the column of the
    /// underline in it, and the width of the underlined text.
    pub excerpt: Option<(String, usize, usize)>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        match &self.field {
            Some(field) if !self.message.starts_with(field.as_str()) => {
                write!(f, "field `{field}`: {}", self.message)?
            }
            _ => write!(f, "{}", self.message)?,
        }
        if let Some((text, column, width)) = &self.excerpt {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            write!(
                f,
                "\n{pad} |\n{number} | {text}\n{pad} | {}{}",
                " ".repeat(column.saturating_sub(1)),
                "^".repeat((*width).max(1))
            )?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// Builds a diagnostic for the byte range `span` of `source`.
    pub fn at(
        file: &str,
        source: &str,
        span: Range<usize>,
        field: Option<String>,
        message: String,
    ) -> Self {
        let start = span.start.min(source.len());
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let text = source[line_start..line_end].trim_end_matches('\r');
        let width = source[start..span.end.clamp(start, line_end)]
            .chars()
            .count();
        let excerpt = (!source.is_empty()).then(|| window(text, column, width));
        Self {
            file: file.to_string(),
            line,
            column,
            field,
            message: shorten_quotes(&message),
            excerpt,
        }
    }
}

/// Longest quoted text (`...`) a message repeats, in characters.
const MAX_QUOTE_CHARS: usize = 80;
/// Longest source line an excerpt shows, in characters.
const MAX_EXCERPT_CHARS: usize = 120;

/// Quotes in a message cut to their first characters: a 1 MB value gives a short message.
fn shorten_quotes(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(k, part)| {
            if k % 2 == 1 {
                excerpt(part)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// The first characters of a text that may be huge, with "..." when cut.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTE_CHARS) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

/// The excerpt of a long line: the part from the error's column on, with the underline cut to
/// fit. The column in the file position stays the real one.
fn window(text: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars = text.chars().count();
    if chars <= MAX_EXCERPT_CHARS {
        return (text.to_string(), column, width);
    }
    let from = column.saturating_sub(1).min(chars);
    let shown: String = text.chars().skip(from).take(MAX_EXCERPT_CHARS).collect();
    let (prefix, shown_column) = if from > 0 { ("...", 4) } else { ("", 1) };
    let more = if from + MAX_EXCERPT_CHARS < chars {
        "..."
    } else {
        ""
    };
    (
        format!("{prefix}{shown}{more}"),
        shown_column,
        width.min(MAX_EXCERPT_CHARS),
    )
}

/// Whether the value at byte `offset` is a TOML date-time.
pub fn is_datetime_at(root: &Spanned<DeTable<'_>>, offset: usize) -> bool {
    fn search(value: &Spanned<DeValue<'_>>, offset: usize) -> bool {
        match value.get_ref() {
            DeValue::Datetime(_) => value.span().contains(&offset),
            DeValue::Table(t) => t.iter().any(|(_, v)| search(v, offset)),
            DeValue::Array(a) => a.iter().any(|v| search(v, offset)),
            _ => false,
        }
    }
    root.get_ref().iter().any(|(_, v)| search(v, offset))
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn parse_path(path: &str) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        segments.push(Segment::Key(key));
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                segments.push(Segment::Index(i));
            }
        }
    }
    segments
}

/// The span of the value at `path`, or of the deepest existing table on the way (for a missing
/// field), in a parsed document.
pub fn span_of_path(root: &Spanned<DeTable<'_>>, path: &str) -> Range<usize> {
    let mut span = root.span();
    let mut table: Option<&DeTable> = Some(root.get_ref());
    let mut array: Option<&toml::de::DeArray> = None;
    for segment in parse_path(path) {
        let next = match (segment, table, array) {
            (Segment::Key(key), Some(t), _) => t.get(key),
            (Segment::Index(i), _, Some(a)) => a.get(i),
            _ => None,
        };
        let Some(value) = next else { break };
        span = value.span();
        table = None;
        array = None;
        match value.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(a),
            _ => {}
        }
    }
    span
}

/// The field path of the innermost key or value that contains byte `offset`. The whole tree is
/// searched: the span of an array-of-tables element covers only its `[[header]]`, not its body.
pub fn path_at_offset(root: &Spanned<DeTable<'_>>, offset: usize) -> Option<String> {
    fn search(table: &DeTable, offset: usize, prefix: &str, best: &mut Option<String>) {
        for (key, item) in table.iter() {
            let path = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            if key.span().contains(&offset) || item.span().contains(&offset) {
                *best = Some(path.clone());
            }
            match item.get_ref() {
                DeValue::Table(inner) => search(inner, offset, &path, best),
                DeValue::Array(items) => {
                    for (i, element) in items.iter().enumerate() {
                        let indexed = format!("{path}[{i}]");
                        if element.span().contains(&offset) {
                            *best = Some(indexed.clone());
                        }
                        if let DeValue::Table(inner) = element.get_ref() {
                            search(inner, offset, &indexed, best);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut best = None;
    search(root.get_ref(), offset, "", &mut best);
    best
}
