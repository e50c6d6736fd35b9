//! `analyze --arms-race` on an N-side scenario (issue 10): argument handling only; the section
//! is `reykjavik_analyses::n_side::arms_race`, its output `reykjavik_report::n_side_arms_race`.

use reykjavik_analyses::n_side::{self, ArmsRace};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::Position;

use crate::Failure;
use crate::race::{ArmsRaceArgs, PositionArg};

/// The section, or `None` without --arms-race. The menu is the N-side race's (an armed actor
/// without an option is refused, located at the menu).
pub fn section(
    args: &ArmsRaceArgs,
    base: &MultiScenario,
    options: &MultiOptions,
) -> Result<Option<ArmsRace>, Failure> {
    if !args.wanted() {
        return Ok(None);
    }
    let menu = crate::n_side_race::menu_for(base, options, args.menu.as_deref())?;
    let position: Position = args.position.unwrap_or(PositionArg::Retaliation).into();
    Ok(Some(n_side::arms_race(base, options, menu, position)?))
}
