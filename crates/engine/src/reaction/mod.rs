//! Action and reaction (issue 11): how one side answers the other's change of forces.
//!
//! `best_response`: the cheapest combination of options from a side's response menu that
//! restores a named position (its cost when struck first, its ratio, or its surviving
//! retaliation). `race`: best responses alternated round by round and classified.
//! `arms_race`: the response each side needs per unit of the other's most provocative move, and
//! Richardson reaction coefficients estimated from the best-response function.
//!
//! What they know: a menu as data (field paths, steps, caps and a cost per step in one unit).
//! What they do not: budgets, politics, production lead times beyond the caps a menu states.
//!
//! `n_side_race`: the race on N sides (actors answer round robin, each defending its N-side
//! position).
//!
//! `reciprocity`: the iterated prisoner's dilemma under noise; `events`: recorded tit-for-tat
//! event series and their reciprocity ratios; `richardson`: the linear arms-race model.

pub mod arms_race;
pub mod best_response;
pub mod events;
pub mod n_side_arms_race;
pub mod n_side_race;
pub mod race;
pub mod reciprocity;
pub mod richardson;
pub mod richardson_n;
