//! `reykjavik treaty`: a scenario counted under a treaty (docs/arms-control.md; the count is
//! `reykjavik_analyses::treaty`, two and N sides), and the built-in treaties (`--list`,
//! `--show`). JSON schema in docs/output-format.md.

use clap::Args;
use reykjavik_analyses::Sides;
use reykjavik_analyses::treaty as analyses;
use reykjavik_engine::arms_control::treaty::{Counting, Treaty};

use crate::Format;
use crate::{Failure, say};

#[derive(Debug, Args)]
pub struct TreatyArgs {
    /// A scenario TOML file or a built-in name (N sides: every side against the same limits).
    #[arg(required_unless_present_any = ["list", "show"])]
    scenario: Option<String>,
    /// List the built-in treaties.
    #[arg(long, conflicts_with_all = ["scenario", "show"])]
    list: bool,
    /// Print a built-in treaty's TOML, with its sources.
    #[arg(long, value_name = "NAME", conflicts_with = "scenario")]
    show: Option<String>,
    /// A treaty TOML file or a built-in name.
    #[arg(long, default_value = reykjavik_scenario::treaty::DEFAULT)]
    treaty: String,
    /// Count launchers the owner removed from accountability (converted SLBM tubes and bombers,
    /// training silos) as the other party does: Russia's position of March 2022.
    #[arg(long)]
    count_disputed: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: TreatyArgs) -> Result<String, Failure> {
    if args.list {
        return Ok(list());
    }
    if let Some(name) = &args.show {
        return reykjavik_scenario::treaty::builtin_text(name)
            .map(str::to_string)
            .ok_or_else(|| {
                Failure::Input(format!("no built-in treaty named `{name}` ({})", names()))
            });
    }
    let request = request(&args)?;
    let counted = analyses::run(request);
    Ok(match args.format {
        Format::Text => counted.text(),
        Format::Json => format!("{:#}\n", counted.json()),
    })
}

/// The analyses layer's request, read in the command line's order: on N sides the treaty
/// first, on two sides the scenario first.
fn request(args: &TreatyArgs) -> Result<analyses::Request, Failure> {
    let name = args.scenario.as_deref().unwrap_or_default();
    let (sides, treaty) = if reykjavik_scenario::multilateral::is_n_side(name) {
        let treaty = load_treaty(&args.treaty)?;
        let ms = reykjavik_scenario::multilateral::load(name)
            .map_err(|e| Failure::Input(e.to_string()))?;
        (Sides::N(Box::new(ms)), treaty)
    } else {
        let scenario = crate::multilateral::load_two_sided(name)?;
        (Sides::Two(Box::new(scenario)), load_treaty(&args.treaty)?)
    };
    Ok(analyses::Request {
        sides,
        treaty,
        counting: counting(args.count_disputed),
    })
}

pub fn counting(disputed: bool) -> Counting {
    analyses::counting(disputed)
}

/// Loads a treaty; any problem is bad input (exit code 2).
pub fn load_treaty(name_or_path: &str) -> Result<Treaty, Failure> {
    reykjavik_scenario::treaty::load(name_or_path).map_err(|e| Failure::Input(e.to_string()))
}

fn names() -> String {
    let names: Vec<&str> = reykjavik_scenario::treaty::BUILTINS
        .iter()
        .map(|(n, _)| *n)
        .collect();
    format!("built-in: {}", names.join(", "))
}

fn list() -> String {
    let mut out = String::new();
    for (name, _) in reykjavik_scenario::treaty::BUILTINS {
        let description = reykjavik_scenario::treaty::load(name)
            .map(|t| t.description)
            .unwrap_or_default();
        say!(out, "{name}  {description}");
    }
    say!(
        out,
        "\nPrint one with `reykjavik treaty --show NAME`; count a scenario with `reykjavik treaty SCENARIO --treaty NAME`."
    );
    out
}
