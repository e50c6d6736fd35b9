//! `race` through the analyses layer: the move's side found by what it changes, the typed
//! mover and menu errors naming the valid choices, and a one-round race whose move is the
//! proposal's (US GMD from 44 to 104 interceptors, from its description).

use reykjavik_analyses::Error;
use reykjavik_analyses::race::{
    MenuError, Move, MoverError, NSideRequest, Request, SideGiven, apply_move, apply_n_side_move,
    menu, mover, n_side_menu, n_side_mover, run, run_n_side,
};
use reykjavik_engine::model::{Alert, Scenario};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::best_response::{Position, Search};
use reykjavik_engine::reaction::n_side_race::NSideRaceSettings;
use reykjavik_engine::reaction::race::{DEFAULT_BOUND, RaceSettings};
use reykjavik_engine::stability::AnalysisOptions;

const MOVE: &str = "us-homeland-defense";

fn two_sides(name: &str) -> Scenario {
    reykjavik_scenario::load(name).unwrap()
}

fn n_sides() -> (MultiScenario, MultiOptions) {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let options = MultiOptions::uniform(ms.scenario.sides.len(), Alert::DayToDay, false);
    (ms, options)
}

fn settings(rounds: u32) -> RaceSettings {
    RaceSettings {
        search: Search::new(Position::Retaliation, AnalysisOptions::default()),
        rounds,
        bound: DEFAULT_BOUND,
    }
}

fn proposal() -> reykjavik_scenario::proposal::LoadedProposal {
    reykjavik_scenario::proposal::load(MOVE).unwrap()
}

#[test]
fn the_mover_is_the_side_the_move_changes_or_a_named_one() {
    let base = two_sides("us-russia-2021");
    let start = apply_move(&base, &proposal()).unwrap();
    assert_eq!(mover(&base, &start, None), Ok(0));
    let russia = SideGiven::Named("russia".into());
    assert_eq!(mover(&base, &start, Some(&russia)), Ok(1));
    assert_eq!(mover(&base, &start, Some(&SideGiven::Index(1))), Ok(1));
}

#[test]
fn an_unknown_mover_names_the_sides() {
    let base = two_sides("us-russia-2021");
    let start = apply_move(&base, &proposal()).unwrap();
    let nobody = SideGiven::Named("Nobody".into());
    assert_eq!(
        mover(&base, &start, Some(&nobody)),
        Err(MoverError::NoSuchSide {
            given: nobody,
            sides: vec!["United States".into(), "Russia".into()],
        })
    );
    assert!(matches!(
        mover(&base, &start, Some(&SideGiven::Index(2))),
        Err(MoverError::NoSuchSide { .. })
    ));
    let unchanged = Move {
        moved: base.clone(),
        ..start
    };
    assert_eq!(mover(&base, &unchanged, None), Err(MoverError::Unchanged));
}

#[test]
fn n_side_mover_by_change_and_by_index() {
    let (ms, options) = n_sides();
    let start = apply_n_side_move(&ms, &proposal()).unwrap();
    assert_eq!(n_side_mover(&ms, &options, &start, None), Ok(0));
    let err = n_side_mover(&ms, &options, &start, Some(&SideGiven::Index(3))).unwrap_err();
    let MoverError::NoSuchSide { sides, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(sides, ["United States", "Russia", "China"]);
}

#[test]
fn a_missing_or_unfit_menu_is_a_typed_error() {
    let wu = two_sides("us-china-2010-wu");
    match menu(&wu, None, true) {
        Err(Error::Menu(MenuError::NoDefault { scenario })) => {
            assert_eq!(scenario, "us-china-2010-wu")
        }
        other => panic!("{other:?}"),
    }
    let (ms, options) = n_sides();
    let kent = reykjavik_scenario::response::load("kent-thaler-notional").unwrap();
    match n_side_menu(&ms, &options, Some(kent)) {
        Err(Error::Menu(MenuError::Invalid(m))) => assert!(m.contains("Side A"), "{m}"),
        other => panic!("{other:?}"),
    }
}

/// A race on us-russia-2021 whose move is the proposal's, by the United States.
fn us_russia_request(rounds: u32) -> Request {
    let base = two_sides("us-russia-2021");
    let start = apply_move(&base, &proposal()).unwrap();
    Request {
        menu: menu(&base, None, true).unwrap(),
        mover: 0,
        start,
        base,
        settings: settings(rounds),
        richardson: false,
    }
}

#[test]
fn the_first_round_is_the_move() {
    let raced = run(us_russia_request(1)).unwrap();
    let doc = raced.json();
    assert_eq!(doc["move"]["by"], "United States");
    assert_eq!(doc["start"]["sides"][0]["interceptors"], 44);
    assert_eq!(doc["rounds"][0]["kind"], "move");
    assert_eq!(doc["rounds"][0]["sides"][0]["interceptors"], 104);
    assert!(raced.text().contains(MOVE));
}

#[test]
fn out_of_range_settings_are_refused_by_the_run() {
    let request = us_russia_request(0);
    match run(request) {
        Err(Error::Engine(e)) => assert_eq!(e.field(), Some("rounds")),
        other => panic!("{:?}", other.map(|r| r.race)),
    }
}

#[test]
fn n_side_race_starts_with_the_movers_turn() {
    let (ms, options) = n_sides();
    let start = apply_n_side_move(&ms, &proposal()).unwrap();
    let menu = n_side_menu(&ms, &options, None).unwrap();
    let request = NSideRequest {
        base: ms,
        start,
        mover: 0,
        menu,
        settings: NSideRaceSettings {
            race: settings(1),
            options,
        },
    };
    let raced = run_n_side(request).unwrap();
    let doc = raced.json();
    assert_eq!(doc["move"]["by"], "United States", "{doc:#}");
    assert!(raced.text().contains(MOVE));
}

/// The command line's wording, which the CLI and the Python package share: the flag, the
/// sides and the numbers a user can give, on two and on N sides.
#[test]
fn command_line_messages_name_the_flag_and_the_valid_choices() {
    let sides = vec!["United States".to_string(), "Russia".to_string()];
    let unknown = MoverError::NoSuchSide {
        given: SideGiven::Named("Nobody".into()),
        sides,
    };
    assert_eq!(
        unknown.clone().command_line_message(false),
        "--by Nobody: no such side (sides: United States, Russia, or 1 and 2)"
    );
    assert!(unknown.command_line_message(true).ends_with("or 1 to 2)"));
    assert_eq!(
        MoverError::Unchanged.command_line_message(false),
        "the move changes neither side's forces: give --by SIDE to say who moves"
    );
    let none = MenuError::NoDefault {
        scenario: "custom".into(),
    };
    assert!(none.command_line_message(true).contains(
        "give --menu FILE (start from `reykjavik race --show-menu us-russia-china-2025`)"
    ));
}
