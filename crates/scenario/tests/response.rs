//! Response menus (docs/action-reaction.md): the built-ins, located errors for bad menus, and
//! the race after a US missile-defense expansion on us-russia-2021.

use reykjavik_engine::model::Scenario;
use reykjavik_engine::reaction::best_response::{self, Position, Search};
use reykjavik_engine::reaction::race::{self, Outcome, RaceSettings};
use reykjavik_engine::stability::{self, AnalysisOptions};
use reykjavik_scenario::{proposal, response};

fn us_russia() -> Scenario {
    reykjavik_scenario::load("us-russia-2021").unwrap()
}

#[test]
fn every_builtin_menu_resolves_and_gives_its_reasons() {
    for (name, _) in response::BUILTINS {
        let scenario = if reykjavik_scenario::multilateral::is_n_side(name) {
            reykjavik_scenario::multilateral::load(name)
                .unwrap()
                .scenario
        } else {
            reykjavik_scenario::load(name).unwrap()
        };
        let loaded = response::load(name).unwrap();
        let menu = loaded.resolve(&scenario).unwrap();
        loaded.require_every_side(&scenario, &menu).unwrap();
        assert!(!loaded.file.menu.cost_unit.is_empty(), "{name}");
        assert!(!loaded.file.menu.sources.is_empty(), "{name}");
        for option in &loaded.file.option {
            let why = option.why.as_deref().unwrap_or_default();
            assert!(why.len() > 20, "{name}: {} gives no reason", option.name);
        }
        assert!(response::default_for(name).is_some());
    }
    assert!(response::default_for("us-china-2010-wu").is_none());
    // The beliefs variant shares the three-power menu.
    let shared = response::default_for("us-russia-china-2025-beliefs").unwrap();
    assert_eq!(shared.file.menu.name, "us-russia-china-2025");
}

const HEAD: &str = r#"[menu]
name = "test"
description = "one option"
cost_unit = "units"
"#;

fn option(side: &str, path: &str, step: &str, cap: &str, cost: &str) -> String {
    format!(
        "\n[[option]]\nside = \"{side}\"\nname = \"o\"\npath = \"{path}\"\nstep = {step}\ncap = {cap}\ncost = {cost}\n"
    )
}

const YARS: &str = "side[Russia].force[SS-27 Mod 2 Yars (road-mobile)].launchers";

/// The error text of a menu that should not load or resolve against us-russia-2021.
fn error_of(text: &str) -> String {
    let loaded = match response::parse(text.to_string(), "menu.toml".into()) {
        Ok(loaded) => loaded,
        Err(e) => return e.to_string(),
    };
    let scenario = us_russia();
    match loaded.resolve(&scenario) {
        Ok(menu) => loaded
            .require_every_side(&scenario, &menu)
            .map(|()| panic!("the menu was accepted"))
            .unwrap_err()
            .to_string(),
        Err(e) => e.to_string(),
    }
}

fn assert_error(text: &str, parts: &[&str]) {
    let message = error_of(text);
    for part in parts {
        assert!(message.contains(part), "`{part}` not in:\n{message}");
    }
}

#[test]
fn an_empty_menu_is_refused() {
    assert_error(HEAD, &["menu.toml:1:", "the response menu is empty"]);
}

#[test]
fn costs_and_steps_out_of_range_are_located() {
    let text = format!("{HEAD}{}", option("Russia", YARS, "9", "198", "0"));
    assert_error(
        &text,
        &[
            "menu.toml:12:",
            "option[0].cost",
            "0 is out of range (valid: above 0 and at most 1000000)",
        ],
    );
    let text = format!("{HEAD}{}", option("Russia", YARS, "-9", "198", "1e7"));
    assert_error(
        &text,
        &["menu.toml:10:", "option[0].step", "menu.toml:12:", "1e7"],
    );
    let text = format!("{HEAD}{}", option("Russia", YARS, "4.5", "198", "1"));
    assert_error(&text, &["option[0].step", "a whole number"]);
}

#[test]
fn caps_out_of_range_are_located() {
    let share = "side[Russia].force[SS-N-32 Bulava (Borei)].untargetable_share.day_to_day";
    let text = format!("{HEAD}{}", option("Russia", share, "0.1", "1.5", "1"));
    assert_error(
        &text,
        &[
            "menu.toml:11:",
            "option[0].cap",
            "1.5 is out of range (valid: 0 to 1",
        ],
    );
    let text = format!("{HEAD}{}", option("Russia", YARS, "9", "100", "1"));
    assert_error(
        &text,
        &[
            "option[0].cap",
            "below the field's value in the scenario (144)",
        ],
    );
    let text = format!("{HEAD}{}", option("Russia", YARS, "9", "nan", "1"));
    assert_error(&text, &["option[0].cap", "a finite number"]);
}

#[test]
fn sides_and_paths_that_do_not_fit_the_scenario_are_located() {
    let text = format!("{HEAD}{}", option("Ruritania", YARS, "9", "198", "1"));
    assert_error(&text, &["menu.toml:7:", "no side `Ruritania`"]);
    let text = format!(
        "{HEAD}{}",
        option(
            "Russia",
            "side[Russia].force[Yars].launchers",
            "9",
            "198",
            "1"
        )
    );
    assert_error(&text, &["menu.toml:9:", "option[0].path"]);
    let us = "side[United States].force[0].launchers";
    let text = format!("{HEAD}{}", option("Russia", us, "9", "300", "1"));
    assert_error(&text, &["option[0].path", "side `Russia`'s own"]);
}

#[test]
fn a_side_without_options_is_located_at_the_menu() {
    let text = format!("{HEAD}{}", option("Russia", YARS, "9", "198", "1"));
    assert_error(
        &text,
        &["menu.toml:1:", "no [[option]] for side `United States`"],
    );
}

/// The ABM Treaty's rationale and Kent & Thaler (1989): a defense of value lowers first-strike
/// stability; here it also cuts Russia's retaliation after a US first strike.
#[test]
fn the_homeland_defense_move_lowers_the_index_and_russian_retaliation() {
    let base = us_russia();
    let moved = proposal::apply(&base, &proposal::load("us-homeland-defense").unwrap()).unwrap();
    let options = AnalysisOptions::default();
    let before = stability::analyze_stop_only(&base, options).unwrap();
    let after = stability::analyze_stop_only(&moved, options).unwrap();
    assert!(
        after.index < before.index,
        "{} -> {}",
        before.index,
        after.index
    );
    let search = Search::new(Position::Retaliation, options);
    let r0 = best_response::position_of(&base, 1, &search).unwrap();
    let r1 = best_response::position_of(&moved, 1, &search).unwrap();
    assert!(r1 < 0.99 * r0, "{r0} -> {r1}");
}

/// The must-show race (docs/action-reaction.md): Russia restores its retaliation with its
/// cheapest option, a one-RV Bulava upload; the race settles within ten rounds and every
/// response restores its side's position.
#[test]
fn the_homeland_defense_race_settles() {
    let base = us_russia();
    let moved = proposal::apply(&base, &proposal::load("us-homeland-defense").unwrap()).unwrap();
    let loaded = response::load("us-russia-2021").unwrap();
    let menu = loaded.resolve(&base).unwrap();
    let settings = RaceSettings {
        search: Search::new(Position::Retaliation, AnalysisOptions::default()),
        rounds: 10,
        bound: race::DEFAULT_BOUND,
    };
    let r = race::race(&base, &moved, 0, &menu, &settings).unwrap();
    let first = r.rounds[1].response.as_ref().unwrap();
    assert_eq!(r.rounds[1].actor, 1);
    let taken: Vec<&str> = first
        .steps
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(k, _)| menu.options[k].name.as_str())
        .collect();
    assert_eq!(taken, ["Upload Bulava by one RV (64 warheads)"]);
    assert!(first.after >= first.target && first.before < first.target);
    assert!(
        matches!(r.outcome, Outcome::Settles { .. }),
        "{:?}",
        r.outcome
    );
    for round in &r.rounds[1..] {
        assert!(round.response.as_ref().unwrap().restored());
    }
}
