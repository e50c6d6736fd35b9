//! A numeric input: a number, or a distribution over it (model.md section 6).
//!
//! ```toml
//! cep_m = 120                                   # a number
//! cep_m = { uniform = [100, 200] }              # uniform on [a, b]
//! cep_m = { triangular = [100, 120, 200] }      # [a, mode, b]
//! cep_m = { normal = { mean = 120, sd = 20 } }  # truncated to the field's valid range
//! ```

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A number or a distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Fixed(f64),
    Uniform([f64; 2]),
    Triangular([f64; 3]),
    Normal { mean: f64, sd: f64 },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DistributionFile {
    // Vectors, not arrays, so that a wrong count of numbers is an error, not silently cut.
    uniform: Option<Vec<f64>>,
    triangular: Option<Vec<f64>>,
    normal: Option<NormalFile>,
}

/// `{ mean = m, sd = s }` only: an array `[m, s]` would be easy to misread as bounds.
struct NormalFile {
    mean: f64,
    sd: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NormalFields {
    mean: f64,
    sd: f64,
}

impl<'de> Deserialize<'de> for NormalFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NormalVisitor;
        impl<'de> Visitor<'de> for NormalVisitor {
            type Value = NormalFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table: write { normal = { mean = M, sd = S } } (the array form [M, S] is not accepted)")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NormalFile, A::Error> {
                let n = NormalFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(NormalFile {
                    mean: n.mean,
                    sd: n.sd,
                })
            }
        }
        deserializer.deserialize_map(NormalVisitor)
    }
}

/// Exactly `N` numbers, or an error that says how many were given.
fn exactly<const N: usize, E: de::Error>(
    name: &str,
    form: &str,
    numbers: Vec<f64>,
) -> Result<[f64; N], E> {
    let found = numbers.len();
    numbers.try_into().map_err(|_| {
        E::custom(format!(
            "{name} takes exactly {N} numbers {form}, found {found}"
        ))
    })
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumVisitor;
        impl<'de> Visitor<'de> for NumVisitor {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a distribution such as { uniform = [a, b] }, { triangular = [a, mode, b] } or { normal = { mean = m, sd = s } }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num::Fixed(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num::Fixed(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Num, A::Error> {
                let d = DistributionFile::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (d.uniform, d.triangular, d.normal) {
                    (Some(u), None, None) => {
                        Ok(Num::Uniform(exactly("uniform", "[low, high]", u)?))
                    }
                    (None, Some(t), None) => Ok(Num::Triangular(exactly(
                        "triangular",
                        "[low, mode, high]",
                        t,
                    )?)),
                    (None, None, Some(n)) => Ok(Num::Normal {
                        mean: n.mean,
                        sd: n.sd,
                    }),
                    _ => Err(de::Error::custom(
                        "give exactly one of uniform, triangular or normal",
                    )),
                }
            }
        }
        deserializer.deserialize_any(NumVisitor)
    }
}

impl JsonSchema for Num {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, or a distribution truncated to the field's valid range.",
            "oneOf": [
                { "type": "number" },
                { "type": "object", "additionalProperties": false, "required": ["uniform"],
                  "properties": { "uniform": { "type": "array", "items": { "type": "number" }, "minItems": 2, "maxItems": 2 } } },
                { "type": "object", "additionalProperties": false, "required": ["triangular"],
                  "properties": { "triangular": { "type": "array", "items": { "type": "number" }, "minItems": 3, "maxItems": 3 } } },
                { "type": "object", "additionalProperties": false, "required": ["normal"],
                  "properties": { "normal": { "type": "object", "additionalProperties": false, "required": ["mean", "sd"],
                    "properties": { "mean": { "type": "number" }, "sd": { "type": "number", "exclusiveMinimum": 0 } } } } }
            ]
        })
    }
}
