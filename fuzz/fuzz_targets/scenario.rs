#![no_main]
//! Any text as a scenario file: parse, check, analyze (README "Fuzzing").

libfuzzer_sys::fuzz_target!(|data: &[u8]| reykjavik_fuzz::harness::scenario(data));
