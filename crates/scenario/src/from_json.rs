//! A scenario given as JSON (a Python dict, for example) written out as TOML text, so that it
//! is parsed, validated and located like a file.

/// TOML text of a JSON object; the message says what has no TOML form (null, a top level that is
/// not an object) or why the text is not JSON.
pub fn json_to_toml(json: &str) -> Result<String, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    if !value.is_object() {
        return Err("a scenario is a table (a dict) at the top level".into());
    }
    if let Some(path) = first_null(&value, String::new()) {
        return Err(format!(
            "`{path}` is null (None), which TOML cannot hold: leave the key out instead"
        ));
    }
    let table: toml::Table = serde_json::from_value(value).map_err(|e| e.to_string())?;
    toml::to_string(&table).map_err(|e| e.to_string())
}

fn first_null(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Null => Some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_null(v, format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let joined = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            first_null(v, joined)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_builtin_survives_toml_to_json_to_toml() {
        let builtin = crate::builtin::find("us-russia-2021").unwrap();
        let table: toml::Table = toml::from_str(builtin.toml).unwrap();
        let json = serde_json::to_string(&table).unwrap();
        let text = json_to_toml(&json).unwrap();
        let again = crate::parse(&text, "<dict>").unwrap();
        let original = crate::parse(builtin.toml, "<built-in>").unwrap();
        assert_eq!(again, original);
    }

    #[test]
    fn null_and_non_tables_are_refused_by_path() {
        let e = json_to_toml(r#"{"scenario": {"name": null}}"#).unwrap_err();
        assert!(e.contains("`scenario.name` is null"), "{e}");
        let e = json_to_toml(r#"{"side": [{}, {"value": null}]}"#).unwrap_err();
        assert!(e.contains("`side[1].value`"), "{e}");
        assert!(json_to_toml("[1, 2]").unwrap_err().contains("top level"));
        assert!(json_to_toml("{").unwrap_err().contains("not valid JSON"));
    }
}
