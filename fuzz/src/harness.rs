//! What one fuzz execution does. A panic anywhere is a finding; an error is a correct answer.
//! Shared by the fuzz targets and by `crates/cli/tests/fuzz_regressions.rs`.

use clap::Parser;
use reykjavik_engine::limits;

/// Scenarios larger than this (in `limits::work_units`) are parsed and checked but not
/// analysed, so that each execution stays in milliseconds (the built-ins are under 100,000).
const MAX_ANALYSED_UNITS: u64 = 400_000;

/// Sweep STEPS above this are skipped: each execution runs at most 4 x 4 analyses.
const MAX_FUZZ_STEPS: usize = 4;

/// Runs one command line in-process; panics only where the program would.
fn run(args: &[&str]) -> Option<String> {
    match reykjavik::Cli::try_parse_from(args) {
        Ok(cli) => match reykjavik::run(cli) {
            Ok(out) => Some(out),
            Err(failure) => {
                let _ = format!("{failure:?}");
                None
            }
        },
        Err(e) => {
            let _ = e.to_string();
            None
        }
    }
}

/// A private file for this process, holding the scenario text for the CLI to load.
fn scratch_file(text: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("reykjavik-fuzz-{}.toml", std::process::id()));
    std::fs::write(&path, text).expect("the temporary directory is writable");
    path
}

/// Target `scenario`: parse any text; on success `check` it and `analyze` it (text with the
/// curve and certificates, JSON, and a few Monte Carlo trials), as a user would.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scenario = match reykjavik_scenario::parse(text, "fuzz.toml") {
        Ok(s) => s,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let path = scratch_file(text);
    let file = path.to_str().expect("a UTF-8 temporary path");
    run(&["reykjavik", "check", file]);
    if limits::work_units(&scenario) <= MAX_ANALYSED_UNITS {
        run(&["reykjavik", "analyze", file, "--curve", "--certify"]);
        run(&[
            "reykjavik",
            "analyze",
            file,
            "--format",
            "json",
            "--alert",
            "generated",
        ]);
        run(&["reykjavik", "analyze", file, "--trials", "3", "--quiet"]);
        run(&[
            "reykjavik",
            "analyze",
            file,
            "--trials",
            "2",
            "--planning",
            "informed",
            "--quiet",
        ]);
    }
    let _ = std::fs::remove_file(&path);
}

/// Whether an argument would make `sweep` write a file (`--output`, `-o`, `--plot`): the fuzzer
/// must not write where it likes.
fn writes_a_file(arg: &str) -> bool {
    arg.starts_with("--o")
        || arg.starts_with("--p")
        || (arg.starts_with('-') && !arg.starts_with("--") && arg.contains('o'))
}

/// Whether an argument asks for more STEPS than a fuzz execution runs.
fn too_many_steps(arg: &str) -> bool {
    arg.rsplit(':')
        .next()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .is_some_and(|steps| steps > MAX_FUZZ_STEPS as u64)
}

/// Target `sweep_cli`: the first line names a built-in scenario (else kent-thaler-notional),
/// every further line is one argument of `reykjavik sweep`.
pub fn sweep_cli(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("");
    let scenario =
        reykjavik_scenario::builtin::find(first.trim()).map_or("kent-thaler-notional", |b| b.name);
    let args: Vec<&str> = lines.collect();
    if args.len() > 12 || args.iter().any(|a| writes_a_file(a) || too_many_steps(a)) {
        return;
    }
    let mut argv = vec!["reykjavik", "sweep", scenario, "--quiet"];
    argv.extend(args);
    run(&argv);
}
