//! Issue 8: every input the format accepts is analysed as written, and every mistake gets an error
//! that points at it (file, line, field, range). One test per defect, each failing before the fix.

use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::params::{self, Distribution};
use reykjavik_engine::stability::{AnalysisOptions, analyze};
use reykjavik_scenario::parse;

mod common;
use common::{MINIMAL, error_of};

/// The error for `MINIMAL` with its first `from` replaced by `to`.
fn error_with(from: &str, to: &str) -> String {
    assert!(MINIMAL.contains(from), "{from}");
    error_of(&MINIMAL.replacen(from, to, 1))
}

fn assert_has(error: &str, parts: &[&str]) {
    for part in parts {
        assert!(error.contains(part), "`{part}` missing from:\n{error}");
    }
}

// Defect 1: a 65,536-character name panicked in the text report; names are now limited.
#[test]
fn very_long_names_are_refused_where_they_are() {
    let long = "x".repeat(65_536);
    let error = error_with("name = \"silo ICBM\"", &format!("name = \"{long}\""));
    assert_has(
        &error,
        &["test.toml:10:", "side[0].force[0].name", "at most 200"],
    );
    assert!(error.len() < 1_000, "the message quotes the whole name");
    let error = error_with("name = \"B\"", &format!("name = \"{}\"", "y".repeat(201)));
    assert_has(&error, &["side[1].name", "201 characters"]);
    assert!(
        parse(
            &MINIMAL.replacen("\"sub\"", &format!("\"{}\"", "s".repeat(200)), 1),
            "t"
        )
        .is_ok()
    );
}

// Defect 2: 1e-309 psi was "valid" and then overflowed the lethal radius without a location.
#[test]
fn hardness_below_the_softest_target_is_refused_with_its_reason() {
    let error = error_with(
        "aimpoint_hardness_psi = 2000",
        "aimpoint_hardness_psi = 1e-309",
    );
    assert_has(
        &error,
        &[
            "test.toml:19:",
            "side[0].force[0].aimpoint_hardness_psi = 1e-309",
            "0.5 to 100000",
            "breaks windows",
        ],
    );
}

/// Every numeric field of MINIMAL set to each end of its valid range still analyses to a finite
/// index in (0, 1]: every documented range is one the engine computes over.
#[test]
fn every_range_extreme_analyses() {
    let extra = r#"bias_m = 10
warheads_stored_at = "depot"

[[side.warhead_storage]]
name = "depot"
aimpoint_hardness_psi = 300
detection_probability = 0.5

[[side.missile_defense]]
name = "gbi"
interceptors = 40
interceptor_sspk = 0.7
interceptors_per_rv = 2
covers = "both"

[[side.air_defense]]
name = "sam"
bomber_shootdown = 0.2
cruise_missile_shootdown = 0.1
covers = "both"
"#;
    let text = MINIMAL.replacen(
        "aimpoint_hardness_psi = 300",
        &format!("aimpoint_hardness_psi = 300\n{extra}"),
        1,
    );
    let base = parse(&text, "t").unwrap();
    let force_fields = [
        "launchers",
        "warheads_per_launcher",
        "yield_kt",
        "cep_m",
        "bias_m",
        "reliability",
        "launch_survival",
        "untargetable_share.day_to_day",
        "untargetable_share.generated",
        "launchers_per_aimpoint",
        "aimpoint_hardness_psi",
        "detection_probability",
    ];
    let mut paths: Vec<String> = [
        "max_warheads_per_aimpoint",
        "cost_exponent",
        "cost_surcharge",
        "striker_availability_fixed",
        "striker_availability_survivable",
        "launch_under_attack_share",
    ]
    .iter()
    .map(|f| format!("options.{f}"))
    .collect();
    for field in [
        "warhead_storage[0].aimpoint_hardness_psi",
        "warhead_storage[0].detection_probability",
        "missile_defense[0].interceptors",
        "missile_defense[0].interceptor_sspk",
        "missile_defense[0].interceptors_per_rv",
        "missile_defense[0].discrimination",
        "air_defense[0].bomber_shootdown",
        "air_defense[0].cruise_missile_shootdown",
    ] {
        paths.push(format!("side[1].{field}"));
    }
    for s in 0..2 {
        paths.push(format!("side[{s}].value.w80"));
        paths.extend(
            force_fields
                .iter()
                .map(|f| format!("side[{s}].force[0].{f}")),
        );
    }
    for path in &paths {
        let limit = params::set_field(&mut base.clone(), path, base_value(&base, path)).unwrap();
        let lowest = if limit.min_exclusive {
            limit.min.next_up()
        } else {
            limit.min
        };
        for value in [lowest, limit.max] {
            let value = if limit.integer { value.ceil() } else { value };
            let mut scenario = base.clone();
            params::set_field(&mut scenario, path, value).unwrap();
            if !reykjavik_engine::limits::check_size(&scenario).is_empty() {
                // The cap on warheads per side ties launchers to loadings: take the extreme
                // with one warhead per launcher.
                let element = path.rsplit_once('.').unwrap().0;
                let loading = format!("{element}.warheads_per_launcher");
                params::set_field(&mut scenario, &loading, 1.0).unwrap();
                assert!(
                    reykjavik_engine::limits::check_size(&scenario).is_empty(),
                    "{path} = {value:e}"
                );
            }
            for options in [AnalysisOptions::default(), generated_lua()] {
                let report = analyze(&scenario, options)
                    .unwrap_or_else(|e| panic!("{path} = {value:e}: {e}"));
                assert!(
                    report.index > 0.0 && report.index <= 1.0,
                    "{path} = {value:e}: index {}",
                    report.index
                );
                // Monte Carlo executes the same inputs with random outcomes.
                montecarlo::run(&scenario, options, Planning::Fixed, 3, 1, &|_| {})
                    .unwrap_or_else(|e| panic!("Monte Carlo, {path} = {value:e}: {e}"));
            }
        }
    }
}

// `..default()` keeps this compiling if the options gain fields.
#[allow(clippy::needless_update)]
fn generated_lua() -> AnalysisOptions {
    AnalysisOptions {
        alert: [reykjavik_engine::model::Alert::Generated; 2],
        launch_under_attack: [true; 2],
        ..AnalysisOptions::default()
    }
}

/// Any valid value, to learn a field's range from `set_field`.
fn base_value(_: &reykjavik_engine::model::Scenario, path: &str) -> f64 {
    if path.ends_with("max_warheads_per_aimpoint")
        || path.ends_with("warheads_per_launcher")
        || path.ends_with("launchers_per_aimpoint")
        || path.ends_with("w80")
        || path.ends_with("cost_exponent")
        || path.ends_with("interceptors_per_rv")
    {
        1.0
    } else if path.ends_with("aimpoint_hardness_psi") || path.ends_with("interceptors") {
        1000.0
    } else if path.ends_with("yield_kt") || path.ends_with("cep_m") {
        100.0
    } else {
        0.5
    }
}

// Defect 3: three sides passed `check`; now the file is refused at the third [[side]].
#[test]
fn a_third_side_is_refused_at_its_table() {
    let third = MINIMAL
        .split("[[side]]")
        .nth(2)
        .unwrap()
        .replacen("\"B\"", "\"C\"", 1);
    let error = error_of(&format!("{MINIMAL}\n[[side]]{third}"));
    assert_has(
        &error,
        &["test.toml:38:1:", "side[2]", "exactly 2 sides", "`C`"],
    );
}

fn brown(text: &str) -> String {
    text.replacen(
        "[[side]]",
        "[options]\nlethal_radius_model = \"brown-1976\"\n\n[[side]]",
        1,
    )
}

// Defect 3 / issue 7 item 7: brown-1976 outside its fit was accepted by `check`.
#[test]
fn brown_1976_is_refused_outside_its_fit() {
    let text = brown(&MINIMAL.replacen(
        "aimpoint_hardness_psi = 300",
        "aimpoint_hardness_psi = 30",
        1,
    ));
    let error = error_of(&text);
    assert_has(
        &error,
        &[
            "side[1].force[0].aimpoint_hardness_psi = 30",
            "100 to 100000",
            "brown-1976",
        ],
    );
    // A distribution whose support crosses the bound is refused too.
    let text = brown(&MINIMAL.replacen(
        "aimpoint_hardness_psi = 300",
        "aimpoint_hardness_psi = { triangular = [50, 300, 500] }",
        1,
    ));
    assert_has(
        &error_of(&text),
        &["side[1].force[0].aimpoint_hardness_psi", "brown-1976"],
    );
    // Inside the fit it is accepted; a normal is truncated to the fit's range.
    let text = brown(&MINIMAL.replacen(
        "aimpoint_hardness_psi = 300",
        "aimpoint_hardness_psi = { normal = { mean = 300, sd = 1000 } }",
        1,
    ));
    let scenario = parse(&text, "t").unwrap();
    match scenario.uncertain[0].distribution {
        Distribution::Normal { low, .. } => assert_eq!(low, 100.0),
        other => panic!("{other:?}"),
    }
}

// Defect 3: a normal with a huge sd drew cep_m = 0, which Monte Carlo then refused.
#[test]
fn a_normal_on_an_open_range_never_draws_its_bound() {
    let text = MINIMAL.replacen(
        "cep_m = 120",
        "cep_m = { normal = { mean = 120, sd = 1e6 } }",
        1,
    );
    let scenario = parse(&text, "t").unwrap();
    let Distribution::Normal { low, .. } = scenario.uncertain[0].distribution else {
        panic!()
    };
    assert!(low > 0.0, "truncated to the valid values (> 0)");
}

// Defect 5: silently accepted mistakes.
#[test]
fn different_sides_may_share_element_names() {
    assert!(parse(&MINIMAL.replacen("\"sub\"", "\"silo ICBM\"", 1), "t").is_ok());
}

#[test]
fn duplicate_element_and_side_names_are_errors() {
    let second = MINIMAL
        .split("[[side.force]]")
        .nth(1)
        .unwrap()
        .split("[[side]]")
        .next()
        .unwrap();
    let text = MINIMAL.replacen(
        "[[side]]\nname = \"B\"",
        &format!("[[side.force]]{second}[[side]]\nname = \"B\""),
        1,
    );
    assert_has(
        &error_of(&text),
        &["side[0].force[1].name", "duplicate", "`silo ICBM`"],
    );
    assert_has(
        &error_with("name = \"B\"", "name = \"A\""),
        &["test.toml:22:", "side[1].name", "duplicate side name `A`"],
    );
}

#[test]
fn distribution_forms_are_exact() {
    assert_has(
        &error_with("cep_m = 120", "cep_m = { uniform = [100, 120, 200] }"),
        &[
            "test.toml:16:",
            "side[0].force[0].cep_m",
            "exactly 2 numbers",
            "found 3",
        ],
    );
    assert_has(
        &error_with("cep_m = 120", "cep_m = { triangular = [100, 120] }"),
        &["exactly 3 numbers", "found 2"],
    );
    assert_has(
        &error_with("cep_m = 120", "cep_m = { normal = [120, 20] }"),
        &[
            "test.toml:16:",
            "side[0].force[0].cep_m",
            "mean = M, sd = S",
        ],
    );
    assert_has(
        &error_with("cep_m = 120", "cep_m = { uniform = [0, 200] }"),
        &["side[0].force[0].cep_m", "> 0"],
    );
    assert_has(
        &error_with(
            "yield_kt = 300",
            "yield_kt = { triangular = [0, 300, 400] }",
        ),
        &["side[0].force[0].yield_kt", "> 0"],
    );
}

// Defect 8: messages.
#[test]
fn a_datetime_is_named_as_such() {
    let error = error_with("launchers = 100", "launchers = 1979-05-27");
    assert_has(
        &error,
        &["test.toml:13:", "side[0].force[0].launchers", "date-time"],
    );
    assert!(!error.contains("$__toml"), "{error}");
    let error = error_with("name = \"sub\"", "name = 1979-05-27T07:32:00Z");
    assert_has(&error, &["date-time", "expected a string"]);
    assert!(
        !error.contains("$__toml") && !error.contains("map"),
        "{error}"
    );
}

#[test]
fn a_duplicate_key_is_named() {
    let error = error_with("launchers = 100", "launchers = 100\nlaunchers = 200");
    assert_has(&error, &["test.toml:14:", "duplicate key `launchers`"]);
}

#[test]
fn invalid_utf8_gives_line_and_byte_offset() {
    let path = std::env::temp_dir().join(format!("reykjavik-utf8-{}.toml", std::process::id()));
    let mut bytes = b"[scenario]\nname = \"a".to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice(b"\"\n");
    std::fs::write(&path, &bytes).unwrap();
    let error = reykjavik_scenario::load(path.to_str().unwrap())
        .unwrap_err()
        .to_string();
    std::fs::remove_file(&path).ok();
    assert_has(&error, &[":2:10:", "not valid UTF-8", "byte offset 20"]);
}

#[test]
fn a_huge_string_is_quoted_short() {
    let huge = "z".repeat(1_000_000);
    let error = error_with("basing = \"silo\"", &format!("basing = \"{huge}\""));
    assert_has(
        &error,
        &["side[0].force[0].basing", "unknown variant", "..."],
    );
    assert!(error.len() < 1_000, "{} bytes", error.len());
}

#[test]
fn huge_numbers_are_printed_short() {
    let error = error_with("cep_m = 120", "cep_m = 1e308");
    assert_has(&error, &["side[0].force[0].cep_m = 1e308 is out of range"]);
    let error = error_with("cep_m = 120", "cep_m = { uniform = [1, 1e308] }");
    assert_has(&error, &["uniform = [1, 1e308]"]);
}
