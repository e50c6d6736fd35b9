//! Proposals: a named, sourced list of changes to a scenario (placeholder).
