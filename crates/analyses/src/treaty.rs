//! `treaty`: a scenario's forces counted under a treaty's rules, side by side against its
//! limits; on N sides every side of the truth against the same limits (a bilateral treaty binds
//! no third party: its count shows where it would stand). Documents from
//! `reykjavik_report::{treaty, multilateral_treaty}`.

use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_report::{multilateral_treaty, treaty as report};
use serde_json::Value;

use crate::Sides;
use crate::compare::count_sides;

/// The count to make: the scenario (two or N sides), the treaty and how disputed launchers
/// count.
#[derive(Debug, Clone)]
pub struct Request {
    pub sides: Sides,
    pub treaty: Treaty,
    pub counting: Counting,
}

/// How disputed launchers count: as the other party does (`Disputed`) or as declared.
pub fn counting(count_disputed: bool) -> Counting {
    if count_disputed {
        Counting::Disputed
    } else {
        Counting::Declared
    }
}

/// Each side's count under the treaty.
pub struct Counted {
    pub request: Request,
    pub counts: Vec<SideCount>,
}

/// Counts every side (a count always exists: no error).
pub fn run(request: Request) -> Counted {
    let counts = count_sides(&request.treaty, request.sides.scenario(), request.counting);
    Counted { request, counts }
}

impl Counted {
    /// On N sides, whether the scenario holds beliefs (the report says they do not count).
    fn n_side_beliefs(&self) -> Option<bool> {
        match &self.request.sides {
            Sides::Two(_) => None,
            Sides::N(ms) => Some(!ms.beliefs.is_empty()),
        }
    }

    /// The document of `treaty --format json`.
    pub fn json(&self) -> Value {
        let (treaty, counting) = (&self.request.treaty, self.request.counting);
        let scenario = self.request.sides.scenario();
        match self.n_side_beliefs() {
            None => report::json(treaty, scenario, &self.counts, counting),
            Some(beliefs) => {
                multilateral_treaty::json(treaty, scenario, &self.counts, counting, beliefs)
            }
        }
    }

    /// The text report.
    pub fn text(&self) -> String {
        let (treaty, counting) = (&self.request.treaty, self.request.counting);
        let scenario = self.request.sides.scenario();
        match self.n_side_beliefs() {
            None => report::text(treaty, scenario, &self.counts, counting),
            Some(beliefs) => {
                multilateral_treaty::text(treaty, scenario, &self.counts, counting, beliefs)
            }
        }
    }
}
