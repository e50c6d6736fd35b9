//! `reykjavik race` on an N-side scenario (issue 10; docs/action-reaction.md, "The race on N
//! sides"). Argument handling and the chart only: the race is
//! `reykjavik_analyses::race::run_n_side`.

use reykjavik_analyses::race as analyses;
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::ResponseMenu;
use reykjavik_engine::reaction::n_side_race::NSideRaceSettings;
use reykjavik_engine::reaction::race::RaceSettings;
use reykjavik_engine::stability::AnalysisOptions;

use crate::Failure;
use crate::Format;
use crate::race::{RaceArgs, by, failure, load_menu, load_move, mover_failure, search, setting};

pub fn run(args: &RaceArgs) -> Result<String, Failure> {
    if args.richardson {
        return Err(Failure::Input(
            "--richardson takes two sides (k and l couple two arsenals); on N sides run `reykjavik richardson --estimate` on a two-side scenario, or the race alone".into(),
        ));
    }
    let raced = analyses::run_n_side(request(args)?).map_err(|e| failure(e, true))?;
    if let Some(path) = &args.svg {
        let svg = crate::race_chart::n_side_race_svg(&raced.context(), &raced.race)
            .map_err(Failure::Computation)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(match args.format {
        Format::Text => raced.text(),
        Format::Json => format!("{:#}\n", raced.json()),
    })
}

/// The N-side race of a command line, its inputs checked in the command's order.
fn request(args: &RaceArgs) -> Result<analyses::NSideRequest, Failure> {
    let scenario = args.scenario.as_deref().unwrap_or_default();
    let base = crate::multilateral::load(scenario, &args.n_side)?;
    let start = analyses::apply_n_side_move(&base, &load_move(args)?)?;
    let (alert, lua) = args.analysis.raw();
    let options = crate::multilateral::options(&base, alert, lua)?;
    let settings = NSideRaceSettings {
        race: RaceSettings {
            search: search(&args.menu, AnalysisOptions::default()),
            rounds: args.rounds,
            bound: args.bound,
        },
        options,
    };
    analyses::check_settings(&settings.race).map_err(setting)?;
    let mover = analyses::n_side_mover(&base, &settings.options, &start, by(args).as_ref())
        .map_err(|e| mover_failure(e, true))?;
    let menu = menu_for(&base, &settings.options, args.menu.menu.as_deref())?;
    Ok(analyses::NSideRequest {
        base,
        start,
        mover,
        menu,
        settings,
    })
}

/// The menu given, or the built-in one for the scenario; an armed actor without an option is
/// refused, located at the menu (it could not answer). Unarmed actors without options sit out.
pub(crate) fn menu_for(
    base: &MultiScenario,
    options: &MultiOptions,
    given: Option<&str>,
) -> Result<ResponseMenu, Failure> {
    analyses::n_side_menu(base, options, load_menu(given)?).map_err(|e| failure(e, true))
}
