//! Every kept fuzz finding (fuzz/regressions/TARGET/*) and sweep seed, run through the fuzz
//! harness itself on stable: a finding that panics again fails here, without a nightly
//! toolchain. See README "Fuzzing".

#[path = "../../../fuzz/src/harness.rs"]
mod harness;

use std::path::Path;

/// The files of `fuzz/DIR`, sorted; each must exist (a renamed folder fails loudly).
fn inputs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn scenario_findings_no_longer_panic() {
    let mut cases = inputs("regressions/scenario");
    // The built-ins are the target's seeds: the harness must run them end to end.
    cases.extend(
        reykjavik_scenario::builtin::BUILTINS
            .iter()
            .map(|b| (b.name.to_string(), b.toml.as_bytes().to_vec())),
    );
    for (name, data) in cases {
        eprintln!("scenario: {name}");
        harness::scenario(&data);
    }
}

#[test]
fn sweep_cli_findings_and_seeds_no_longer_panic() {
    let mut cases = inputs("regressions/sweep_cli");
    cases.extend(inputs("seeds/sweep_cli"));
    assert!(cases.len() >= 4, "the seeds are there");
    for (name, data) in cases {
        eprintln!("sweep_cli: {name}");
        harness::sweep_cli(&data);
    }
}
