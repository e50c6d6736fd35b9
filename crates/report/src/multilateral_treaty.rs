//! `reykjavik treaty` on an N-side scenario (issue 10): every side of the truth counted against
//! the same limits. The tables and the JSON are the two-side ones ([`crate::treaty`]) with an
//! added note and `kind` (docs/output-format.md, "N-side treaty").

use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_engine::model::Scenario;
use serde_json::{Value, json};

use crate::treaty;

/// What N-side counts mean: the same limits for every side, whoever the treaty's parties are.
pub fn note(treaty: &Treaty, sides: usize) -> String {
    format!(
        "Each of the {sides} sides is counted against the same limits of {}. A bilateral treaty (New START binds the United States and Russia only) sets no limit on a third party: its count shows where it would stand under the treaty, not a breach.",
        treaty.name
    )
}

/// Why beliefs do not enter the counts.
pub const BELIEFS_NOTE: &str =
    "Counts are of the truth: each side's beliefs about the others are not counted.";

/// The JSON document: the two-side document plus `kind`, `same_limits_for_every_side` and `note`.
pub fn json(
    treaty_: &Treaty,
    scenario: &Scenario,
    counts: &[SideCount],
    counting: Counting,
    has_beliefs: bool,
) -> Value {
    let mut doc = treaty::json(treaty_, scenario, counts, counting);
    if let Value::Object(map) = &mut doc {
        map.insert("kind".into(), json!("n-side"));
        map.insert("same_limits_for_every_side".into(), json!(true));
        map.insert(
            "note".into(),
            json!(note_text(treaty_, counts.len(), has_beliefs)),
        );
    }
    doc
}

/// The text report: the two-side tables, then the note.
pub fn text(
    treaty_: &Treaty,
    scenario: &Scenario,
    counts: &[SideCount],
    counting: Counting,
    has_beliefs: bool,
) -> String {
    let mut out = treaty::text(treaty_, scenario, counts, counting);
    out.push('\n');
    out.push_str(&note_text(treaty_, counts.len(), has_beliefs));
    out.push('\n');
    out
}

fn note_text(treaty_: &Treaty, sides: usize, has_beliefs: bool) -> String {
    let mut text = note(treaty_, sides);
    if has_beliefs {
        text.push(' ');
        text.push_str(BELIEFS_NOTE);
    }
    text
}
