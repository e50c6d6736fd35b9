//! Arms control: treaty counting (`treaty`), proposals (`proposal`), a base against changed
//! scenarios (`compare`) and the posture search under a treaty (`optimize`).
//!
//! What it knows: a treaty as data (classes of systems matched by delivery, basing and payload;
//! how each class's warheads are counted; limits on sums of deployed launchers, deployed warheads
//! or all launchers), each force element's accountability (non-deployed launchers, launchers the
//! owner removed from accountability), and a proposal as a list of changes to a scenario.
//!
//! What it does not know: the text of any treaty (the rules are the ones the data states, nothing
//! about inspections, conversion procedures or the timing of reductions), the file format, and
//! whether a proposal is negotiable. Counting is of the scenario as given: deployed launchers are
//! those at day-to-day alert (`launchers`).

pub mod compare;
pub mod optimize;
pub mod proposal;
pub mod treaty;
