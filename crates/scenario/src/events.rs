//! Event-series files (docs/action-reaction.md): recorded measures between two sides, each with
//! its sources; conversion to `reykjavik_engine::reaction::events::EventSeries` with located
//! errors, and the built-in series.

use reykjavik_engine::reaction::events::{Event, EventSeries, Measure};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::document::{self, DocumentError, Problem};

/// Built-in event series: (name, TOML).
pub const BUILTINS: &[(&str, &str)] = &[(
    "us-russia-2016-2018",
    include_str!("../builtin/events/us-russia-2016-2018.toml"),
)];

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesFile {
    pub series: SeriesMetadata,
    #[serde(default)]
    pub event: Vec<EventFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesMetadata {
    pub name: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    /// Unique within the file; `responds_to` names it.
    pub id: String,
    /// ISO date, YYYY-MM-DD (a string: TOML dates are not accepted).
    pub date: String,
    pub actor: String,
    pub target: String,
    pub summary: String,
    /// The id of the earlier event this one answers.
    #[serde(default)]
    pub responds_to: Option<String>,
    /// Press releases or major news reports, at least one.
    pub sources: Vec<String>,
    #[serde(default)]
    pub measure: Vec<MeasureFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureFile {
    /// Measures are compared kind with kind: `personnel` (people made to leave) and
    /// `facilities` (sites closed or seized) in the built-in series.
    pub kind: String,
    /// 0 to 1000000.
    pub size: f64,
    #[serde(default)]
    pub note: String,
}

/// Loads a series from a file or a built-in name.
pub fn load(name_or_path: &str) -> Result<EventSeries, DocumentError> {
    let (text, label) = document::source_text(name_or_path, "event series", BUILTINS)?;
    parse(&text, &label)
}

/// Parses and validates series text. `file` names it in diagnostics.
pub fn parse(source: &str, file: &str) -> Result<EventSeries, DocumentError> {
    document::parse(
        source,
        file,
        "an event series needs a [series] table and [[event]] tables (see docs/action-reaction.md)",
        convert,
    )
}

fn convert(raw: &SeriesFile) -> Result<EventSeries, Vec<Problem>> {
    let series = EventSeries {
        name: raw.series.name.clone(),
        title: raw.series.title.clone(),
        events: raw.event.iter().map(event).collect(),
    };
    series
        .validate()
        .map_err(|e| vec![(e.field().map(str::to_string), e.to_string())])?;
    Ok(series)
}

fn event(raw: &EventFile) -> Event {
    Event {
        id: raw.id.clone(),
        date: raw.date.clone(),
        actor: raw.actor.clone(),
        target: raw.target.clone(),
        summary: raw.summary.clone(),
        responds_to: raw.responds_to.clone(),
        measures: raw
            .measure
            .iter()
            .map(|m| Measure {
                kind: m.kind.clone(),
                size: m.size,
                note: m.note.clone(),
            })
            .collect(),
        sources: raw.sources.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_with_one_for_one_in_2018() {
        let s = load("us-russia-2016-2018").unwrap();
        assert_eq!(s.events.len(), 6);
        let responses = s.responses();
        let last = responses.last().unwrap();
        assert_eq!(s.events[last.event].date, "2018-03-29");
        assert!(last.ratios.iter().all(|r| r.ratio == Some(1.0)));
        assert!(s.events.iter().all(|e| !e.sources.is_empty()));
    }

    #[test]
    fn errors_point_at_the_line() {
        let text = "[series]\nname = \"x\"\ntitle = \"x\"\n\n[[event]]\nid = \"a\"\ndate = \"2017-01-01\"\nactor = \"A\"\ntarget = \"B\"\nsummary = \"\"\nsources = [\"s\"]\n\n[[event.measure]]\nkind = \"personnel\"\nsize = -3\n";
        let err = parse(text, "t.toml").unwrap_err().to_string();
        assert!(err.contains("t.toml:15"), "{err}");
        assert!(err.contains("event[0].measure[0].size"), "{err}");
        assert!(err.contains("0 to 1e6"), "{err}");
    }
}
