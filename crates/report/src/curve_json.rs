//! Serialises the `analyze` JSON with each exchange's draw-down curve written straight from the
//! engine's points. A curve can have 100,000 points; as a `serde_json::Value` tree it would take
//! about ten times the memory of its text, so the tree holds a `null` placeholder instead and the
//! points are written once, into the output string.

use reykjavik_engine::exchange::CurvePoint;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// The key of the placeholder in each exchange object.
pub const CURVE_KEY: &str = "draw_down_curve";

/// Pretty JSON of `report` (an object with an `exchanges` array), with `curves[i]` in place of
/// the placeholder of exchange i. The text is identical to that of the full tree.
pub fn to_string_pretty(report: &Value, curves: &[&[CurvePoint]]) -> String {
    to_string_pretty_at(report, "exchanges", curves)
}

/// As [`to_string_pretty`], with the exchanges in the top-level array `key` (the N-side
/// `pair_exchanges`).
pub fn to_string_pretty_at(report: &Value, key: &str, curves: &[&[CurvePoint]]) -> String {
    let mut text = serde_json::to_string_pretty(&Report {
        report,
        key,
        curves,
    })
    .expect("JSON values serialise");
    text.push('\n');
    text
}

struct Report<'a> {
    report: &'a Value,
    key: &'a str,
    curves: &'a [&'a [CurvePoint]],
}

struct Exchanges<'a>(&'a [Value], &'a [&'a [CurvePoint]]);

struct Exchange<'a>(&'a Value, &'a [CurvePoint]);

struct Curve<'a>(&'a [CurvePoint]);

struct Point<'a>(&'a CurvePoint);

/// An object's entries, with `special(key)` serialised in place of the value where it returns one.
fn object<S: Serializer>(
    serializer: S,
    value: &Value,
    special: impl Fn(&str, &mut S::SerializeMap) -> Option<Result<(), S::Error>>,
) -> Result<S::Ok, S::Error> {
    let Value::Object(entries) = value else {
        return value.serialize(serializer);
    };
    let mut map = serializer.serialize_map(Some(entries.len()))?;
    for (key, item) in entries {
        match special(key, &mut map) {
            Some(done) => done?,
            None => map.serialize_entry(key, item)?,
        }
    }
    map.end()
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, self.report, |key, map| {
            match self.report.get(key) {
                Some(Value::Array(items)) if key == self.key => {
                    Some(map.serialize_entry(key, &Exchanges(items, self.curves)))
                }
                _ => None,
            }
        })
    }
}

impl Serialize for Exchanges<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for (k, item) in self.0.iter().enumerate() {
            seq.serialize_element(&Exchange(item, self.1.get(k).copied().unwrap_or(&[])))?;
        }
        seq.end()
    }
}

impl Serialize for Exchange<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        object(serializer, self.0, |key, map| {
            (key == CURVE_KEY).then(|| map.serialize_entry(key, &Curve(self.1)))
        })
    }
}

impl Serialize for Curve<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Point))
    }
}

impl Serialize for Point<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("warheads_spent", &p.warheads_spent)?;
        map.serialize_entry("conventional_spent", &p.conventional_spent)?;
        map.serialize_entry("striker_warheads_left", &p.striker_warheads_left)?;
        map.serialize_entry("victim_warheads_surviving", &p.victim_warheads_surviving)?;
        map.serialize_entry("damage_to_striker", &p.damage_to_striker)?;
        map.serialize_entry("damage_to_victim", &p.damage_to_victim)?;
        map.serialize_entry("cost_to_striker", &p.cost_to_striker)?;
        map.serialize_entry("cost_to_victim", &p.cost_to_victim)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn point(k: f64) -> CurvePoint {
        CurvePoint {
            warheads_spent: k,
            conventional_spent: 0.0,
            striker_warheads_left: 100.0 - k,
            victim_warheads_surviving: 50.5 - k / 3.0,
            arriving_on_striker: 3.0,
            arriving_on_victim: 40.0 - k,
            damage_to_striker: 0.125,
            damage_to_victim: 0.8,
            cost_to_striker: 0.5,
            cost_to_victim: f64::NAN,
        }
    }

    fn tree(p: &CurvePoint) -> Value {
        json!({
            "warheads_spent": p.warheads_spent,
            "conventional_spent": p.conventional_spent,
            "striker_warheads_left": p.striker_warheads_left,
            "victim_warheads_surviving": p.victim_warheads_surviving,
            "damage_to_striker": p.damage_to_striker,
            "damage_to_victim": p.damage_to_victim,
            "cost_to_striker": p.cost_to_striker,
            "cost_to_victim": p.cost_to_victim,
        })
    }

    #[test]
    fn streamed_text_equals_the_full_tree() {
        let curves: Vec<Vec<CurvePoint>> = vec![(0..3).map(f64::from).map(point).collect(), vec![]];
        let with = |curve: Value| json!({ "striker": "A", CURVE_KEY: curve, "after": 1 });
        let report = |first: Value, second: Value| json!({ "schema_version": 1, "exchanges": [with(first), with(second)], "tail": [1.5] });
        let full = report(
            Value::Array(curves[0].iter().map(tree).collect()),
            json!([]),
        );
        let placeholder = report(Value::Null, Value::Null);
        let slices: Vec<&[CurvePoint]> = curves.iter().map(Vec::as_slice).collect();
        assert_eq!(
            to_string_pretty(&placeholder, &slices),
            serde_json::to_string_pretty(&full).unwrap() + "\n"
        );
    }
}
