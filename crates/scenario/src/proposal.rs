//! Proposals (placeholder until written).
