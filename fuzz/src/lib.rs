//! The fuzz harnesses, in a file of their own so that the regression tests of the main suite
//! (`crates/cli/tests/fuzz_regressions.rs`) run every kept finding through the same code.

#[path = "harness.rs"]
pub mod harness;
