//! Views of a side for the pairwise exchange: a striker that withholds a reserve, and a side
//! reduced to part of its launchers (the striker's reserve after its strike, a victim whose
//! survivors have fired).

use crate::model::{Alert, ByAlert, ModelOptions, Side};

/// The striker with `share` of every element's available launchers withheld: the exchange
/// commits only the rest, to counterforce and value alike. `share` 0 is the side itself.
pub fn withholding(side: &Side, share: f64, options: &ModelOptions) -> Side {
    let mut view = side.clone();
    for force in &mut view.forces {
        let keep = |alert| force.striker_share(alert, options) * (1.0 - share);
        force.striker_availability = Some(ByAlert {
            day_to_day: keep(Alert::DayToDay),
            generated: keep(Alert::Generated),
        });
    }
    view
}

/// The side with each element's launchers cut to `share` of them (rounded to whole launchers).
pub fn reduced_to(side: &Side, share: f64) -> Side {
    let cut = |n: u32| (f64::from(n) * share).round() as u32;
    let mut view = side.clone();
    for force in &mut view.forces {
        force.launchers = cut(force.launchers);
        force.generated_launchers = force.generated_launchers.map(cut);
    }
    view
}

/// Nuclear warheads of a side at its alert: a side without any is no one's threat.
pub fn armed(side: &Side, alert: Alert) -> bool {
    side.nuclear_warheads_at(alert) > 0
}
