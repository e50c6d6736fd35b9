//! Action and reaction (issue 11): how one side's moves draw the other's, as dynamics.
//! Pure like the rest of the engine. Part A: `reciprocity` (the iterated prisoner's dilemma
//! under noise, and recorded tit-for-tat event series) and `richardson` (the linear arms-race
//! model). Part B adds its own modules beside these.

pub mod events;
pub mod reciprocity;
pub mod richardson;
