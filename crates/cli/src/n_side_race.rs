//! `reykjavik race` on an N-side scenario (issue 10; docs/action-reaction.md, "The race on N
//! sides"). Argument handling only: the engine runs `reaction::n_side_race`, the output is
//! `reykjavik_report::n_side_race`.

use reykjavik_engine::limits;
use reykjavik_engine::multilateral::{self, MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::ResponseMenu;
use reykjavik_engine::reaction::n_side_race::{self, NSideRaceSettings};
use reykjavik_engine::reaction::race::{self, RaceSettings};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::n_side_race::{NSideRaceContext, n_side_race_json, n_side_race_text};
use reykjavik_scenario::response;

use crate::Failure;
use crate::Format;
use crate::race::{RaceArgs, computation, input, search, setting};

pub fn run(args: &RaceArgs) -> Result<String, Failure> {
    if args.richardson {
        return Err(Failure::Input(
            "--richardson takes two sides (k and l couple two arsenals); on N sides run `reykjavik richardson --estimate` on a two-side scenario, or the race alone".into(),
        ));
    }
    let scenario = args.scenario.as_deref().unwrap_or_default();
    let base = crate::multilateral::load(scenario, &args.n_side)?;
    let loaded = reykjavik_scenario::proposal::load(args.move_.as_deref().unwrap_or_default())
        .map_err(input)?;
    let moved = reykjavik_scenario::proposal::apply_sides(
        &base.scenario,
        &loaded,
        limits::size::MULTILATERAL_SIDES,
    )
    .map_err(input)?;
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
    race::check_settings(&settings.race).map_err(setting)?;
    let mover = mover(&base, &settings.options, &moved, args.by.as_deref())?;
    let menu = menu_for(&base, &settings.options, args.menu.menu.as_deref())?;
    let result = n_side_race::race(&base, &moved, mover, &menu, &settings).map_err(computation)?;
    let context = NSideRaceContext {
        base: &base,
        move_name: &loaded.proposal.name,
        move_description: &loaded.proposal.description,
        menu: &menu,
    };
    if let Some(path) = &args.svg {
        let svg =
            crate::race_chart::n_side_race_svg(&context, &result).map_err(Failure::Computation)?;
        std::fs::write(path, svg)
            .map_err(|e| Failure::Input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(match args.format {
        Format::Text => n_side_race_text(&context, &result),
        Format::Json => format!("{:#}\n", n_side_race_json(&context, &result)),
    })
}

/// The actor that moves: the one holding the side given by --by, or the one actor whose sides
/// the move changed.
fn mover(
    base: &MultiScenario,
    options: &MultiOptions,
    moved: &reykjavik_engine::model::Scenario,
    by: Option<&str>,
) -> Result<usize, Failure> {
    let (names, members) = n_side_race::actors_of(base, options);
    let actor_of = |s: usize| members.iter().position(|m| m.contains(&s));
    if let Some(given) = by {
        let side = base.scenario.side_named(given).ok_or_else(|| {
            Failure::Input(format!(
                "--by {given}: no such side (sides: {}, or 1 to {})",
                base.scenario.side_names(),
                base.scenario.sides.len()
            ))
        })?;
        return actor_of(side).ok_or_else(|| Failure::Input(format!("--by {given}: no actor")));
    }
    let sides = &base.scenario.sides;
    let mut changed: Vec<usize> = (0..sides.len())
        .filter(|&s| sides[s] != moved.sides[s])
        .filter_map(actor_of)
        .collect();
    changed.dedup();
    match changed.as_slice() {
        [one] => Ok(*one),
        [] => Err(Failure::Input(
            "the move changes no side's forces: give --by SIDE to say who moves".into(),
        )),
        several => {
            let who: Vec<&str> = several.iter().map(|&a| names[a].as_str()).collect();
            Err(Failure::Input(format!(
                "the move changes {}: give --by SIDE to say who moves",
                who.join(" and ")
            )))
        }
    }
}

/// The menu given, or the built-in one for the scenario; an armed actor without an option is
/// refused, located at the menu (it could not answer). Unarmed actors without options sit out.
pub(crate) fn menu_for(
    base: &MultiScenario,
    options: &MultiOptions,
    given: Option<&str>,
) -> Result<ResponseMenu, Failure> {
    let loaded = match given {
        Some(name) => response::load(name).map_err(input)?,
        None => response::default_for(&base.scenario.name).ok_or_else(|| {
            Failure::Input(format!(
                "no built-in response menu for scenario `{}`: give --menu FILE (start from `reykjavik race --show-menu us-russia-china-2025`)",
                base.scenario.name
            ))
        })?,
    };
    let menu = loaded.resolve(&base.scenario).map_err(input)?;
    let report = multilateral::analyze(base, options).map_err(computation)?;
    let (names, members) = n_side_race::actors_of(base, options);
    let missing: Vec<_> = (0..names.len())
        .filter(|&a| report.actual.armed[a])
        .filter(|&a| n_side_race::options_of(&menu, &members[a]).is_empty())
        .map(|a| {
            let message = format!(
                "the response menu has no [[option]] for `{}`, which has nuclear warheads: each armed actor needs at least one to answer in the race",
                names[a]
            );
            (Some("menu".to_string()), message)
        })
        .collect();
    if missing.is_empty() {
        Ok(menu)
    } else {
        Err(Failure::Input(loaded.located(missing).to_string()))
    }
}
