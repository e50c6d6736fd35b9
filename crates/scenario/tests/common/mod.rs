//! Fixtures shared by the scenario-format tests.

use reykjavik_scenario::{ScenarioError, parse};

/// Two sides, one element each: the smallest valid scenario, to break one field at a time.
pub const MINIMAL: &str = r#"[scenario]
name = "minimal"
description = "two sides, one silo element each"

[[side]]
name = "A"
value = { unit = "warheads", w80 = 900 }

[[side.force]]
name = "silo ICBM"
delivery = "ballistic-missile"
basing = "silo"
launchers = 100
warheads_per_launcher = 1
yield_kt = 300
cep_m = 120
reliability = 0.9
untargetable_share = { day_to_day = 0.0, generated = 0.0 }
aimpoint_hardness_psi = 2000

[[side]]
name = "B"
value = { unit = "warheads", w80 = 900 }

[[side.force]]
name = "sub"
delivery = "ballistic-missile"
basing = "submarine"
launchers = 16
warheads_per_launcher = 4
yield_kt = 100
cep_m = 150
reliability = 0.8
untargetable_share = { day_to_day = 0.5, generated = 0.9 }
launchers_per_aimpoint = 16
aimpoint_hardness_psi = 300
"#;

/// Parses `text` and returns the single rendered error, asserting it is an `Invalid` error.
pub fn error_of(text: &str) -> String {
    match parse(text, "test.toml") {
        Err(ScenarioError::Invalid(diagnostics)) => diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        Err(other) => panic!("expected an invalid-scenario error, got {other}"),
        Ok(_) => panic!("expected an error for:\n{text}"),
    }
}
