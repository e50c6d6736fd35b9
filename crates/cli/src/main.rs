//! The `reykjavik` binary: parses the command line and runs it (see the library, `lib.rs`).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    reykjavik::finish(reykjavik::run(reykjavik::Cli::parse()))
}
