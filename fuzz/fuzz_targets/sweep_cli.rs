#![no_main]
//! Any command line of `reykjavik sweep` over a built-in scenario (README "Fuzzing").

libfuzzer_sys::fuzz_target!(|data: &[u8]| reykjavik_fuzz::harness::sweep_cli(data));
