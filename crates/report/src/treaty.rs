//! A scenario counted under a treaty (`reykjavik treaty`; docs/arms-control.md): each class,
//! limit and headroom, as text or JSON (schema in docs/output-format.md).

use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_engine::model::Scenario;
use serde_json::{Value, json};

use crate::say;

/// The name of a counting rule as the output writes it.
pub fn counting_name(counting: Counting) -> &'static str {
    match counting {
        Counting::Declared => "declared",
        Counting::Disputed => "disputed",
    }
}

/// The JSON document of a scenario's counts (one entry of `counts` per side).
pub fn json(
    treaty: &Treaty,
    scenario: &Scenario,
    counts: &[SideCount],
    counting: Counting,
) -> Value {
    json!({
        "scenario": scenario.name,
        "treaty": treaty.name,
        "counting": counting_name(counting),
        "sides": counts.iter().map(|c| side_json(treaty, c)).collect::<Vec<_>>(),
    })
}

/// The text report of a scenario's counts: a table of classes and one of limits per side.
pub fn text(
    treaty: &Treaty,
    scenario: &Scenario,
    counts: &[SideCount],
    counting: Counting,
) -> String {
    let mut out = String::new();
    say!(
        out,
        "{} under {} ({} counting)",
        scenario.name,
        treaty.name,
        counting_name(counting)
    );
    for count in counts {
        say!(out, "\n{}", count.side);
        say!(
            out,
            "  {:<16} {:>9} {:>9} {:>13} {:>9}",
            "class",
            "deployed",
            "warheads",
            "non-deployed",
            "converted"
        );
        for (class, c) in treaty.classes.iter().zip(&count.classes) {
            say!(
                out,
                "  {:<16} {:>9} {:>9} {:>13} {:>9}",
                class.name,
                c.deployed_launchers,
                c.deployed_warheads,
                c.non_deployed_launchers,
                c.converted_launchers
            );
        }
        say!(
            out,
            "  {:<42} {:>7} {:>7} {:>9}  {}",
            "limit",
            "counted",
            "limit",
            "headroom",
            "complies"
        );
        for limit in &count.limits {
            say!(
                out,
                "  {:<42} {:>7} {:>7} {:>9}  {}",
                limit.name,
                limit.counted,
                limit.max,
                limit.headroom(),
                if limit.complies() { "yes" } else { "NO" }
            );
        }
    }
    if counting == Counting::Declared {
        say!(
            out,
            "\nConverted launchers are out of accountability; --count-disputed counts them among all launchers."
        );
    }
    out
}

/// One side's counts as JSON: its classes and its limits with headroom.
pub fn side_json(treaty: &Treaty, count: &SideCount) -> Value {
    json!({
        "side": count.side,
        "complies": count.complies(),
        "classes": treaty.classes.iter().zip(&count.classes).map(|(class, c)| json!({
            "name": class.name,
            "deployed_launchers": c.deployed_launchers,
            "deployed_warheads": c.deployed_warheads,
            "non_deployed_launchers": c.non_deployed_launchers,
            "converted_launchers": c.converted_launchers,
        })).collect::<Vec<_>>(),
        "limits": count.limits.iter().map(|l| json!({
            "name": l.name,
            "counts": l.quantity.name(),
            "counted": l.counted,
            "max": l.max,
            "headroom": l.headroom(),
            "complies": l.complies(),
        })).collect::<Vec<_>>(),
    })
}
