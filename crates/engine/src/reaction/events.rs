//! Recorded tit-for-tat: a series of measures one side took against the other (expulsions,
//! closures), each possibly answering an earlier one, and the reciprocity ratio of each
//! response: response size over provocation size, measure kind by measure kind.
//!
//! The data (with a source per event) is a file the scenario layer reads; this module only
//! checks it and computes.

use crate::error::EngineError;

/// One kind of measure and its size (people for expulsions and staff cuts, sites for closures).
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Measures are compared kind with kind (`personnel`, `facilities`).
    pub kind: String,
    pub size: f64,
    /// What was counted, when it is not obvious.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    /// ISO date, YYYY-MM-DD.
    pub date: String,
    pub actor: String,
    pub target: String,
    pub summary: String,
    /// The id of the earlier event this one answers.
    pub responds_to: Option<String>,
    pub measures: Vec<Measure>,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventSeries {
    pub name: String,
    pub title: String,
    pub events: Vec<Event>,
}

/// Largest size of one measure: far above any expulsion on record (hundreds).
pub const MAX_MEASURE: f64 = 1e6;

/// One kind of measure in a response and in what it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratio {
    pub kind: String,
    pub response: f64,
    pub provocation: f64,
    /// response / provocation; absent when the provocation had none of this kind.
    pub ratio: Option<f64>,
}

/// A response: indices of the event and of the one it answers, and the ratio by kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub event: usize,
    pub provocation: usize,
    pub ratios: Vec<Ratio>,
}

impl EventSeries {
    /// Checks ids, dates, sources, sizes and links, naming the field (`event[2].responds_to`).
    pub fn validate(&self) -> Result<(), EngineError> {
        if self.events.is_empty() {
            return Err(EngineError::rule(
                "event",
                "a series needs at least one event",
            ));
        }
        for (i, event) in self.events.iter().enumerate() {
            self.check_event(i, event)?;
        }
        Ok(())
    }

    fn check_event(&self, i: usize, event: &Event) -> Result<(), EngineError> {
        let at = |field: &str| format!("event[{i}].{field}");
        if self.events[..i].iter().any(|e| e.id == event.id) {
            return Err(EngineError::rule(
                at("id"),
                format!("the id `{}` is used twice", event.id),
            ));
        }
        if !is_iso_date(&event.date) {
            return Err(EngineError::rule(
                at("date"),
                "expected an ISO date, YYYY-MM-DD",
            ));
        }
        if i > 0 && event.date < self.events[i - 1].date {
            return Err(EngineError::rule(
                at("date"),
                "events must be in date order",
            ));
        }
        if event.sources.iter().all(|s| s.trim().is_empty()) {
            return Err(EngineError::rule(
                at("sources"),
                "every event needs a source",
            ));
        }
        if let Some(target) = &event.responds_to
            && !self.events[..i].iter().any(|e| &e.id == target)
        {
            return Err(EngineError::rule(
                at("responds_to"),
                format!("no earlier event has the id `{target}`"),
            ));
        }
        check_measures(i, &event.measures)
    }

    /// The reciprocity ratio of every event that answers another, in file order.
    pub fn responses(&self) -> Vec<Response> {
        self.events
            .iter()
            .enumerate()
            .filter_map(|(i, event)| {
                let target = event.responds_to.as_ref()?;
                let provocation = self.events.iter().position(|e| &e.id == target)?;
                Some(Response {
                    event: i,
                    provocation,
                    ratios: ratios(&self.events[provocation].measures, &event.measures),
                })
            })
            .collect()
    }
}

fn check_measures(i: usize, measures: &[Measure]) -> Result<(), EngineError> {
    for (j, m) in measures.iter().enumerate() {
        let at = format!("event[{i}].measure[{j}]");
        if !(m.size.is_finite() && (0.0..=MAX_MEASURE).contains(&m.size)) {
            return Err(EngineError::invalid(
                format!("{at}.size"),
                m.size,
                "0 to 1e6",
            ));
        }
        if measures[..j].iter().any(|other| other.kind == m.kind) {
            return Err(EngineError::rule(
                format!("{at}.kind"),
                format!(
                    "the kind `{}` appears twice in one event: add the sizes",
                    m.kind
                ),
            ));
        }
    }
    Ok(())
}

/// Kinds of the provocation first, then kinds only the response has.
fn ratios(provocation: &[Measure], response: &[Measure]) -> Vec<Ratio> {
    let size =
        |ms: &[Measure], kind: &str| ms.iter().find(|m| m.kind == kind).map_or(0.0, |m| m.size);
    let mut kinds: Vec<&str> = provocation.iter().map(|m| m.kind.as_str()).collect();
    for m in response {
        if !kinds.contains(&m.kind.as_str()) {
            kinds.push(&m.kind);
        }
    }
    kinds
        .into_iter()
        .map(|kind| {
            let (r, p) = (size(response, kind), size(provocation, kind));
            Ratio {
                kind: kind.to_string(),
                response: r,
                provocation: p,
                ratio: (p > 0.0).then(|| r / p),
            }
        })
        .collect()
}

/// YYYY-MM-DD with a month 01-12 and a day 01-31 (the day is not checked against the month).
fn is_iso_date(date: &str) -> bool {
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let number = |s: &str, len: usize| {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse::<u32>().ok()
        } else {
            None
        }
    };
    number(y, 4).is_some()
        && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
        && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(kind: &str, size: f64) -> Measure {
        Measure {
            kind: kind.into(),
            size,
            note: String::new(),
        }
    }

    fn event(id: &str, date: &str, responds_to: Option<&str>, measures: Vec<Measure>) -> Event {
        Event {
            id: id.into(),
            date: date.into(),
            actor: "A".into(),
            target: "B".into(),
            summary: String::new(),
            responds_to: responds_to.map(str::to_string),
            measures,
            sources: vec!["a source".into()],
        }
    }

    fn series(events: Vec<Event>) -> EventSeries {
        EventSeries {
            name: "test".into(),
            title: "test".into(),
            events,
        }
    }

    #[test]
    fn one_for_one_is_ratio_one_and_extra_kinds_have_none() {
        let s = series(vec![
            event(
                "us",
                "2018-03-26",
                None,
                vec![measure("personnel", 60.0), measure("facilities", 1.0)],
            ),
            event(
                "ru",
                "2018-03-29",
                Some("us"),
                vec![measure("personnel", 60.0), measure("facilities", 1.0)],
            ),
            event(
                "x",
                "2018-04-01",
                Some("ru"),
                vec![measure("sanctions", 3.0)],
            ),
        ]);
        s.validate().unwrap();
        let r = s.responses();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].event, r[0].provocation), (1, 0));
        assert!(r[0].ratios.iter().all(|x| x.ratio == Some(1.0)));
        // An answer of another kind: the provocation's kinds get 0, the new kind no ratio.
        assert_eq!(r[1].ratios[0].ratio, Some(0.0));
        assert_eq!(r[1].ratios[2].kind, "sanctions");
        assert_eq!(r[1].ratios[2].ratio, None);
    }

    #[test]
    fn bad_series_name_the_field() {
        let bad_link = series(vec![event("a", "2017-01-01", Some("b"), vec![])]);
        assert_eq!(
            bad_link.validate().unwrap_err().field(),
            Some("event[0].responds_to")
        );
        let bad_date = series(vec![event("a", "2017-13-01", None, vec![])]);
        assert_eq!(
            bad_date.validate().unwrap_err().field(),
            Some("event[0].date")
        );
        let order = series(vec![
            event("a", "2017-02-01", None, vec![]),
            event("b", "2017-01-01", None, vec![]),
        ]);
        assert_eq!(order.validate().unwrap_err().field(), Some("event[1].date"));
        let size = series(vec![event(
            "a",
            "2017-01-01",
            None,
            vec![measure("p", -1.0)],
        )]);
        assert_eq!(
            size.validate().unwrap_err().field(),
            Some("event[0].measure[0].size")
        );
        let mut unsourced = event("a", "2017-01-01", None, vec![]);
        unsourced.sources.clear();
        assert_eq!(
            series(vec![unsourced]).validate().unwrap_err().field(),
            Some("event[0].sources")
        );
        assert!(series(vec![]).validate().is_err());
    }
}
