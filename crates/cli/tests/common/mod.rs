//! Helpers shared by the end-to-end tests of the `reykjavik` binary. Each test binary uses some
//! of them.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::str::contains;

pub fn reykjavik() -> Command {
    Command::cargo_bin("reykjavik").unwrap()
}

/// Writes `text` to a file in the test scratch directory.
pub fn scratch(name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `reykjavik ARGS`, expecting the bad-input exit code 2 and `message` on stderr.
pub fn rejects(args: &[&str], message: &str) {
    reykjavik()
        .args(args)
        .assert()
        .code(2)
        .stderr(contains(message));
}

/// Runs `reykjavik ARGS`, expecting success, and parses its standard output as JSON.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    let output = reykjavik().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
