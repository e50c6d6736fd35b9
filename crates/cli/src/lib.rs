//! `reykjavik`: the command-line face of the engine. Parsing arguments, files, terminals,
//! progress bars and exit codes live here; all computation is in `reykjavik-engine`, all
//! file-format knowledge in `reykjavik-scenario`, the JSON documents and text reports in
//! `reykjavik-report`. A library so that the fuzz targets and tests can run a command line
//! in-process ([`run`]); `main.rs` only parses the arguments and exits.

pub mod analyze;
mod breakout;
mod calc;
pub mod commands;
mod compare;
pub mod montecarlo;
/// N-side scenarios (issue 10): routing and options; the report is `reykjavik_report::multilateral`.
pub mod multilateral;
/// `treaty` on N-side scenarios (issue 10 item 4).
mod n_side_arms_race;
mod n_side_race;
mod n_side_richardson;
mod optimize;
mod race;
mod race_chart;
mod serve;
pub mod sweep;
mod sweep_chart;
mod treaty;
// Issue 11, part A: reciprocity under noise and the Richardson model.
mod reciprocity;
mod richardson;
pub mod richardson_chart;

use std::io::Write;
use std::process::ExitCode;

/// Appends a formatted line to a `String` report.
#[macro_export]
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

use clap::{Parser, Subcommand};

/// The exit-code table shown after every command's help.
macro_rules! exit_codes {
    () => {
        "EXIT CODES:
  0  success
  1  the computation failed (a result is undefined for these inputs)
  2  bad input: a wrong scenario file or argument (the message names file, line, field and range)"
    };
}

const EXIT_CODES: &str = exit_codes!();

const ANALYZE_EXAMPLES: &str = concat!(
    "EXAMPLES:
  reykjavik analyze                                   US-Russia 2021, day-to-day alert
  reykjavik analyze --alert generated --curve         both sides generated; draw-down curves
  reykjavik analyze --alert Russia=generated --launch-under-attack Russia
  reykjavik analyze my.toml --format json --certify   machine-readable, with gap certificates
  reykjavik analyze us-china-2010-wu --trials 20000 --seed 1 --alert China=generated
                                                      Wu 2020: P(at least 1 warhead retaliates)

",
    exit_codes!()
);

const BREAKOUT_EXAMPLES: &str = concat!(
    "EXAMPLES:
  reykjavik breakout --list                           the built-in cases
  reykjavik breakout --show iran-jcpoa > my.toml      a case to edit
  reykjavik breakout iran-jcpoa --trials 10000        distribution of the breakout time
  reykjavik breakout iran-jcpoa --solve 'plant[0].machines' --target-months 12
                                                      the machine cap for a 12-month breakout
  reykjavik breakout iran-jcpoa --solve 'stock[0].mass_kg' --target-months 11
                                                      the stock cap (kg of UF6) for 11 months
  reykjavik breakout iran-jcpoa --vary 'plant[0].machines=1000:10000:10'   CSV (or --format json)

",
    exit_codes!()
);

/// Strategic-stability analysis: does either side gain by striking first?
///
/// Reykjavik reads a scenario (forces, postures, defenses and value for each side), computes
/// engagement physics, missile defense and counterforce allocation, and the Kent & Thaler
/// first-strike stability calculus: for each side, its cost striking first and being struck
/// first. Every assumption is in the scenario file: print a built-in one with
/// `reykjavik scenarios show NAME`, edit it, and check it with `reykjavik check FILE`.
//  (The parsed command line: `Cli::parse()`, or `Cli::try_parse_from` in tests and fuzzing.
//  A plain comment, not a doc comment, so that it stays out of `--help`.)
#[derive(Debug, Parser)]
#[command(name = "reykjavik", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the built-in scenarios, or print one as TOML ready to edit.
    Scenarios {
        #[command(subcommand)]
        action: Option<ScenariosAction>,
    },
    /// Validate a scenario file (or built-in name) and summarise its forces by leg.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// A scenario TOML file, or the name of a built-in scenario.
        scenario: String,
        /// `json`: the summary, or every problem located (file, line, column, field), as JSON
        /// on standard output; an invalid scenario still exits with code 2.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the JSON Schema of the scenario format (for editors and validators).
    Schema,
    /// First-strike stability of a scenario (Kent & Thaler): both first strikes, costs, the index.
    ///
    /// With no argument, analyses the built-in us-russia-2021 at day-to-day alert.
    #[command(after_help = ANALYZE_EXAMPLES)]
    Analyze(analyze::AnalyzeArgs),
    /// The analysis over a 1-D or 2-D grid of inputs: CSV, and an SVG chart with --plot.
    ///
    /// Example: reykjavik sweep us-russia-2021 --vary 'side[1].force[0].cep_m=150:450:13'
    /// --vary 'side[1].force[8].untargetable_share.day_to_day=0:1:11' --plot map.svg -o map.csv
    #[command(after_help = EXIT_CODES)]
    Sweep(sweep::SweepArgs),
    /// Calculators for single engagements: lethal radius, kill probability, missile defense.
    Calc {
        #[command(subcommand)]
        calculator: calc::Calculator,
    },
    /// Breakout: months to weapons-grade material from declared stocks, machines and reactors.
    ///
    /// Example: reykjavik breakout iran-jcpoa --trials 10000; reykjavik breakout --list
    #[command(after_help = BREAKOUT_EXAMPLES)]
    Breakout(breakout::BreakoutArgs),
    /// A scenario counted under a treaty (New START built in): each class, limit, headroom.
    ///
    /// Example: reykjavik treaty us-russia-2021 --count-disputed; reykjavik treaty --list
    #[command(after_help = EXIT_CODES)]
    Treaty(treaty::TreatyArgs),
    /// A scenario against proposals: the index, C1, C2, treaty counts, paired Monte Carlo.
    ///
    /// Example: reykjavik compare us-russia-2021 de-mirv-icbms follow-on-1000 --trials 2000
    #[command(after_help = EXIT_CODES)]
    Compare(compare::CompareArgs),
    /// The most stable posture of one side within a treaty's limits (grid, then local search).
    ///
    /// Example: reykjavik optimize us-russia-2021 --side Russia --treaty new-start -o best.toml
    #[command(after_help = EXIT_CODES)]
    Optimize(optimize::OptimizeArgs),
    /// Tit-for-tat under noise: two strategies in the iterated prisoner's dilemma, exact.
    ///
    /// Example: reykjavik reciprocity tft ctft --noise 0.05; reykjavik reciprocity --events
    /// us-russia-2016-2018
    #[command(after_help = EXIT_CODES)]
    Reciprocity(reciprocity::ReciprocityArgs),
    /// Richardson's arms-race model: equilibrium, stability, a trajectory (text, JSON, SVG).
    ///
    /// Example: reykjavik richardson --k 0.4 --l 0.3 --a 0.5 --b 0.6 --g 10 --h 5 --years 30
    #[command(after_help = EXIT_CODES)]
    Richardson(richardson::RichardsonArgs),
    /// Action and reaction: after one side's move, best responses round by round, classified.
    ///
    /// Example: reykjavik race us-russia-2021 --move us-homeland-defense --rounds 10 --svg race.svg
    #[command(after_help = EXIT_CODES)]
    Race(race::RaceArgs),
    /// The web explorer: a local page for every analysis (http://127.0.0.1:8765/ by default).
    ///
    /// Example: reykjavik serve --port 0 --open
    #[command(after_help = EXIT_CODES)]
    Serve(serve::ServeArgs),
}

#[derive(Debug, Subcommand)]
enum ScenariosAction {
    /// List the built-in scenarios with a one-line description (the default).
    List,
    /// Print a built-in scenario's TOML, with the source of every number.
    Show {
        /// Name from `reykjavik scenarios`.
        name: String,
    },
}

/// Text for people, or JSON for other programs (documented in docs/output-format.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// A failure that ends the program, with its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad user input (exit code 2).
    Input(String),
    /// The computation has no defined result (exit code 1).
    Computation(String),
    /// Some output was produced (printed first), then another failed.
    Partial(String, Box<Failure>),
}

impl From<reykjavik_analyses::Error> for Failure {
    fn from(e: reykjavik_analyses::Error) -> Self {
        match e {
            reykjavik_analyses::Error::Input(m) => Self::Input(m),
            reykjavik_analyses::Error::Computation(m) => Self::Computation(m),
            reykjavik_analyses::Error::Engine(e) => Self::Computation(e.to_string()),
            // The race's faces word these with their flags (race::failure); this is a fallback.
            e @ (reykjavik_analyses::Error::Mover(_) | reykjavik_analyses::Error::Menu(_)) => {
                Self::Input(e.to_string())
            }
        }
    }
}

/// Runs a parsed command: its whole output, or the failure that ends it.
pub fn run(cli: Cli) -> Result<String, Failure> {
    match cli.command {
        Command::Scenarios { action } => match action {
            None | Some(ScenariosAction::List) => commands::list_scenarios(),
            Some(ScenariosAction::Show { name }) => commands::show_scenario(&name),
        },
        Command::Check { scenario, format } => commands::check(&scenario, format),
        Command::Schema => commands::schema(),
        Command::Calc { calculator } => calc::run(calculator),
        Command::Analyze(args) => analyze::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Breakout(args) => breakout::run(args),
        Command::Treaty(args) => treaty::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Optimize(args) => optimize::run(args),
        Command::Reciprocity(args) => reciprocity::run(args),
        Command::Richardson(args) => richardson::run(args),
        Command::Race(args) => race::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// Writes a command's output (or its error) and returns the exit code.
pub fn finish(result: Result<String, Failure>) -> ExitCode {
    match result {
        Ok(report) => write_report(&report),
        Err(failure) => fail(failure),
    }
}

/// Writes the report to standard output; a closed pipe (`reykjavik ... | head`) is not an error
/// worth a message.
fn write_report(report: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(report.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn fail(failure: Failure) -> ExitCode {
    match failure {
        Failure::Input(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Failure::Computation(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
        Failure::Partial(report, failure) => {
            write_report(&report);
            fail(*failure)
        }
    }
}
