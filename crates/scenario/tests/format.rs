//! The scenario format: built-ins load, and every kind of bad input gets a clear error that names
//! the file, line, column, field and valid range.

use reykjavik_scenario::{ScenarioError, builtin, parse};

mod common;
use common::{MINIMAL, error_of};

#[test]
fn minimal_scenario_is_valid() {
    let scenario = parse(MINIMAL, "test.toml").unwrap();
    assert_eq!(scenario.sides.len(), 2);
    assert_eq!(scenario.sides[0].forces[0].launchers, 100);
    assert!(
        scenario.sides[0].forces[0].prompt,
        "ballistic missiles default to prompt"
    );
    assert!(
        scenario.sides[0].forces[0].can_launch_under_attack,
        "silo ICBMs default to launch under attack"
    );
    assert!(!scenario.sides[1].forces[0].can_launch_under_attack);
    assert_eq!(
        scenario.options.max_warheads_per_aimpoint, 2,
        "documented default"
    );
}

#[test]
fn every_builtin_parses_and_has_a_description() {
    for b in builtin::BUILTINS {
        let scenario = parse(b.toml, b.name).unwrap_or_else(|e| panic!("{}: {e}", b.name));
        assert_eq!(scenario.name, b.name);
        assert!(!b.description.is_empty());
    }
}

#[test]
fn kent_thaler_notional_matches_its_definition() {
    let s = reykjavik_scenario::load("kent-thaler-notional").unwrap();
    let a = &s.sides[0];
    let b = &s.sides[1];
    assert_eq!(
        (a.forces[0].launchers, a.forces[0].warheads_per_launcher),
        (400, 1)
    );
    assert_eq!(
        (a.forces[1].launchers, a.forces[1].warheads_per_launcher),
        (70, 16)
    );
    assert_eq!(a.forces[1].untargetable_share.day_to_day, 0.6);
    assert_eq!(
        (b.forces[0].launchers, b.forces[0].warheads_per_launcher),
        (150, 6)
    );
    assert_eq!(
        (b.forces[1].launchers, b.forces[1].warheads_per_launcher),
        (40, 16)
    );
    assert_eq!(b.forces[1].untargetable_share.day_to_day, 0.4);
    for force in a.forces.iter().chain(&b.forces) {
        assert_eq!(force.reliability, 1.0);
        for basing in reykjavik_engine::model::Basing::ALL {
            assert_eq!(force.kill_probability.get(basing), Some(0.8));
        }
    }
    assert_eq!(a.value.w80, 900.0);
    assert_eq!(s.options.max_warheads_per_aimpoint, 2);
}

#[test]
fn us_russia_2021_totals_match_the_public_record() {
    let s = reykjavik_scenario::load("us-russia-2021").unwrap();
    let us = s.sides[0].nuclear_warheads();
    let ru = s.sides[1].nuclear_warheads();
    // NN-US21: ~1,800 deployed of which ~100 in Europe: ~1,700 strategic.
    assert!((1_600..=1_800).contains(&us), "US {us}");
    // NN-RU21: ~1,600 deployed strategic.
    assert!((1_550..=1_700).contains(&ru), "Russia {ru}");
    // Every element names a source.
    for b in builtin::BUILTINS {
        let raw: toml::Table = toml::from_str(b.toml).unwrap();
        for side in raw["side"].as_array().unwrap() {
            for force in side["force"].as_array().unwrap() {
                assert!(
                    force.get("source").is_some(),
                    "{}: {} has no source",
                    b.name,
                    force["name"]
                );
            }
        }
    }
}

#[test]
fn unknown_field_names_the_field_and_line() {
    let text = MINIMAL.replacen("reliability = 0.9", "reliabilty = 0.9", 1);
    let error = error_of(&text);
    assert!(error.starts_with("test.toml:17:1:"), "{error}");
    assert!(error.contains("side[0].force[0].reliabilty"), "{error}");
    assert!(error.contains("unknown field `reliabilty`"), "{error}");
}

#[test]
fn negative_launcher_count_names_the_range() {
    let error = error_of(&MINIMAL.replacen("launchers = 100", "launchers = -5", 1));
    assert!(error.starts_with("test.toml:13:13:"), "{error}");
    assert!(error.contains("side[0].force[0].launchers = -5"), "{error}");
    assert!(error.contains("valid: an integer 0 to 100000"), "{error}");
}

#[test]
fn probability_above_one_names_the_range() {
    let error = error_of(&MINIMAL.replacen("reliability = 0.8", "reliability = 1.5", 1));
    assert!(error.contains("test.toml:33:15:"), "{error}");
    assert!(
        error.contains("side[1].force[0].reliability = 1.5"),
        "{error}"
    );
    assert!(error.contains("valid: 0 to 1"), "{error}");
}

#[test]
fn share_inside_an_inline_table_is_located() {
    let error = error_of(&MINIMAL.replacen("generated = 0.9", "generated = 1.9", 1));
    assert!(error.contains("test.toml:34:54:"), "{error}");
    assert!(
        error.contains("side[1].force[0].untargetable_share.generated = 1.9"),
        "{error}"
    );
}

#[test]
fn zero_yield_names_the_range() {
    let error = error_of(&MINIMAL.replacen("yield_kt = 300", "yield_kt = 0", 1));
    assert!(error.starts_with("test.toml:15:12:"), "{error}");
    assert!(error.contains("side[0].force[0].yield_kt = 0"), "{error}");
    assert!(error.contains("valid: > 0"), "{error}");
}

#[test]
fn side_without_forces_is_an_error() {
    let end = MINIMAL.rfind("[[side.force]]").unwrap();
    let error = error_of(&MINIMAL[..end]);
    assert!(error.contains("test.toml:21:1:"), "{error}");
    assert!(error.contains("side[1].force"), "{error}");
    assert!(error.contains("has no forces"), "{error}");
}

#[test]
fn malformed_toml_names_the_position() {
    let error = error_of(&MINIMAL.replacen("launchers = 100", "launchers = [100", 1));
    // The parser notices the missing `]` where the next line starts.
    assert!(error.contains("test.toml:14:1:"), "{error}");
    assert!(error.contains("malformed TOML"), "{error}");
}

#[test]
fn empty_file_is_an_error() {
    let error = error_of("  \n");
    assert!(error.contains("test.toml:1:1:"), "{error}");
    assert!(error.contains("empty"), "{error}");
}

#[test]
fn missing_file_is_not_found() {
    match reykjavik_scenario::load("/nonexistent/scenario.toml") {
        Err(ScenarioError::NotFound { name }) => assert_eq!(name, "/nonexistent/scenario.toml"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn wrong_type_and_unknown_variant_are_located() {
    let error = error_of(&MINIMAL.replacen("basing = \"silo\"", "basing = \"bunker\"", 1));
    assert!(error.contains("test.toml:12:"), "{error}");
    assert!(error.contains("side[0].force[0].basing"), "{error}");
    assert!(
        error.contains("silo"),
        "the valid variants are listed: {error}"
    );
    let error = error_of(&MINIMAL.replacen("launchers = 100", "launchers = \"many\"", 1));
    assert!(error.contains("side[0].force[0].launchers"), "{error}");
}

#[test]
fn several_errors_are_all_reported() {
    let text = MINIMAL
        .replacen("yield_kt = 300", "yield_kt = -1", 1)
        .replacen("cep_m = 150", "cep_m = 0", 1);
    let error = error_of(&text);
    assert!(
        error.contains("side[0].force[0].yield_kt") && error.contains("side[1].force[0].cep_m"),
        "{error}"
    );
}

#[test]
fn conventional_element_needs_a_kill_probability_and_no_yield() {
    let conventional = MINIMAL.replacen(
        "name = \"sub\"",
        "name = \"sub\"\npayload = \"conventional\"",
        1,
    );
    let error = error_of(&conventional);
    assert!(
        error.contains("side[1].force[0].kill_probability"),
        "{error}"
    );
    assert!(error.contains("side[1].force[0].yield_kt"), "{error}");
}

#[test]
fn schema_lists_the_fields() {
    let schema = reykjavik_scenario::json_schema().to_string();
    for field in [
        "untargetable_share",
        "aimpoint_hardness_psi",
        "interceptor_sspk",
        "lethal_radius_model",
    ] {
        assert!(schema.contains(field), "{field} missing from the schema");
    }
}

mod no_panic {
    use proptest::prelude::*;
    use reykjavik_engine::stability::{AnalysisOptions, analyze};

    const BASE: &str = include_str!("../builtin/kent-thaler-notional.toml");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any edit of a valid file gives a scenario or an error, never a panic, and the error
        /// renders; a scenario that parses also analyses without panicking.
        #[test]
        fn edited_files_never_panic(start in 0usize..BASE.len(), len in 0usize..40, insert in "[ -~\n]{0,12}") {
            let start = (0..=start).rev().find(|&i| BASE.is_char_boundary(i)).unwrap_or(0);
            let end = (start + len).min(BASE.len());
            let end = (end..=BASE.len()).find(|&i| BASE.is_char_boundary(i)).unwrap_or(BASE.len());
            let edited = format!("{}{}{}", &BASE[..start], insert, &BASE[end..]);
            match reykjavik_scenario::parse(&edited, "edited.toml") {
                Ok(scenario) => {
                    let _ = analyze(&scenario, AnalysisOptions::default());
                }
                Err(error) => prop_assert!(!error.to_string().is_empty()),
            }
        }

        /// Any number in place of a valid one: a range error or a scenario, never a panic or NaN.
        #[test]
        fn any_number_anywhere(line in 0usize..120, value in prop_oneof![any::<f64>().prop_map(|v| format!("{v:e}")), any::<i64>().prop_map(|v| v.to_string()), Just("nan".to_string()), Just("inf".to_string()), Just("-inf".to_string())]) {
            let lines: Vec<&str> = BASE.lines().collect();
            let k = line % lines.len();
            let Some((key, _)) = lines[k].split_once(" = ") else { return Ok(()) };
            let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            edited[k] = format!("{key} = {value}");
            let parsed = reykjavik_scenario::parse(&edited.join("\n"), "number.toml");
            if let Ok(Ok(report)) = parsed.map(|s| analyze(&s, AnalysisOptions::default())) {
                prop_assert!(report.index.is_finite() && report.index > 0.0 && report.index <= 1.0);
            }
        }
    }
}
