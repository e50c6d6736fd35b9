//! `analyze --arms-race` on an N-side scenario (issue 10): argument handling only; the engine
//! computes `reaction::n_side_arms_race`, the output is `reykjavik_report::n_side_arms_race`.

use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::{Position, Search};
use reykjavik_engine::reaction::n_side_arms_race::{NSideArmsRace, n_side_arms_race};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::n_side_arms_race::{self as report, NSideArmsRaceContext};
use serde_json::Value;

use crate::Failure;
use crate::race::{ArmsRaceArgs, PositionArg, computation};

/// The computed section: the menu, the position and the engine's result.
pub struct Section {
    menu: reykjavik_engine::reaction::best_response::ResponseMenu,
    position: Position,
    race: NSideArmsRace,
}

impl Section {
    fn context(&self) -> NSideArmsRaceContext<'_> {
        NSideArmsRaceContext {
            menu: &self.menu,
            position: self.position,
        }
    }

    pub fn add_json(&self, doc: &mut Value) {
        report::add_json(doc, &self.context(), &self.race);
    }

    pub fn text(&self) -> String {
        report::n_side_arms_race_text(&self.context(), &self.race)
    }
}

/// The section, or `None` without --arms-race. The menu is the N-side race's (an armed actor
/// without an option is refused, located at the menu).
pub fn section(
    args: &ArmsRaceArgs,
    base: &MultiScenario,
    options: &MultiOptions,
) -> Result<Option<Section>, Failure> {
    if !args.wanted() {
        return Ok(None);
    }
    let menu = crate::n_side_race::menu_for(base, options, args.menu.as_deref())?;
    let position: Position = args.position.unwrap_or(PositionArg::Retaliation).into();
    let search = Search::new(position, AnalysisOptions::default());
    let race = n_side_arms_race(base, &menu, &search, options).map_err(computation)?;
    Ok(Some(Section {
        menu,
        position,
        race,
    }))
}
