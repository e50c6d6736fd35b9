//! `treaty` on N-side scenarios (issue 10): every side of the truth against the same limits;
//! the document is `reykjavik_report::multilateral_treaty`. (`compare` on N sides is
//! `reykjavik_analyses::compare`.)

use reykjavik_analyses::compare::count_sides;
use reykjavik_engine::arms_control::treaty::{Counting, Treaty};
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_report::multilateral_treaty;

use crate::Failure;

fn load(name_or_path: &str) -> Result<MultiScenario, Failure> {
    reykjavik_scenario::multilateral::load(name_or_path).map_err(|e| Failure::Input(e.to_string()))
}

/// `treaty` on an N-side scenario: every side of the truth against the same limits.
pub fn treaty(
    scenario: &str,
    treaty: &Treaty,
    counting: Counting,
    json: bool,
) -> Result<String, Failure> {
    let ms = load(scenario)?;
    let counts = count_sides(treaty, &ms.scenario, counting);
    let has_beliefs = !ms.beliefs.is_empty();
    Ok(if json {
        let doc = multilateral_treaty::json(treaty, &ms.scenario, &counts, counting, has_beliefs);
        format!("{doc:#}\n")
    } else {
        multilateral_treaty::text(treaty, &ms.scenario, &counts, counting, has_beliefs)
    })
}
