//! The numeric fields of a scenario an analyst moves most, with their value, valid range, unit
//! and a note: the quick controls and the sweep's list of paths on the page.

use reykjavik_engine::model::Scenario;
use reykjavik_engine::params;
use serde_json::{Value, json};

/// Fields of each force element offered, with a note on what they stand for.
const FORCE_FIELDS: &[(&str, &str)] = &[
    (
        "untargetable_share.day_to_day",
        "alert share: beyond targeting at day-to-day alert (SSBNs at sea, mobiles dispersed)",
    ),
    (
        "untargetable_share.generated",
        "alert share: beyond targeting at generated alert",
    ),
    ("cep_m", "accuracy: circular error probable"),
    (
        "warheads_per_launcher",
        "loading: warheads on each launcher",
    ),
    ("launchers", "launchers deployed (day-to-day)"),
    ("yield_kt", "yield of each warhead"),
    ("reliability", "launch and delivery reliability"),
    ("aimpoint_hardness_psi", "hardness of each aimpoint"),
];

/// Fields of each missile-defense layer offered.
const DEFENSE_FIELDS: &[(&str, &str)] = &[
    ("interceptors", "interceptors in the layer"),
    (
        "interceptor_sspk",
        "single-shot kill probability of an interceptor",
    ),
];

/// Every offered field the scenario sets, in file order: path, label, value, range, unit, note.
pub fn list(scenario: &Scenario) -> Vec<Value> {
    let mut out = Vec::new();
    for (s, side) in scenario.sides.iter().enumerate() {
        let at = format!("side[{s}]");
        push(
            &mut out,
            scenario,
            &format!("{at}.value.w80"),
            &format!("{}: value (w80)", side.name),
            "weapons arriving that destroy 80 % of the side's value",
        );
        for (f, force) in side.forces.iter().enumerate() {
            for (field, note) in FORCE_FIELDS {
                push(
                    &mut out,
                    scenario,
                    &format!("{at}.force[{f}].{field}"),
                    &format!("{}: {} {field}", side.name, force.name),
                    note,
                );
            }
        }
        for (l, layer) in side.missile_defenses.iter().enumerate() {
            for (field, note) in DEFENSE_FIELDS {
                push(
                    &mut out,
                    scenario,
                    &format!("{at}.missile_defense[{l}].{field}"),
                    &format!("{}: {} {field}", side.name, layer.name),
                    note,
                );
            }
        }
    }
    for field in [
        "cost_exponent",
        "cost_surcharge",
        "launch_under_attack_share",
        "striker_availability_survivable",
    ] {
        push(
            &mut out,
            scenario,
            &format!("options.{field}"),
            &format!("options: {field}"),
            "model option (docs/model.md)",
        );
    }
    out
}

fn push(out: &mut Vec<Value>, scenario: &Scenario, path: &str, label: &str, note: &str) {
    let Ok((value, limit)) = params::get_field(scenario, path) else {
        return;
    };
    out.push(json!({
        "path": path,
        "label": label,
        "value": value,
        "min": limit.min,
        "max": limit.max,
        "integer": limit.integer,
        "unit": reykjavik_report::sweep::unit_of(path),
        "note": note,
    }));
}
