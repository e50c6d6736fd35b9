//! N-side scenarios (issue 10): the three-power built-ins load, beliefs apply, and bad N-side
//! input gives located errors.

use reykjavik_scenario::{builtin, multilateral};

#[test]
fn multilateral_builtins_load_with_three_sides() {
    for b in builtin::MULTILATERAL {
        let ms = multilateral::parse(b.toml, b.name).unwrap_or_else(|e| panic!("{}: {e}", b.name));
        assert_eq!(ms.scenario.sides.len(), 3, "{}", b.name);
        assert_eq!(ms.scenario.name, b.name);
    }
}

/// kent-thaler-notional with one more table appended.
fn notional_with(tail: &str) -> String {
    let text = builtin::find("kent-thaler-notional").unwrap().toml;
    format!("{text}\n{tail}")
}

#[test]
fn two_side_reading_refuses_n_side_content_at_its_line() {
    let text = notional_with("[[side.belief]]\nfield = \"side[0].value.w80\"\nvalue = 300\n");
    let error = reykjavik_scenario::parse(&text, "two.toml")
        .unwrap_err()
        .to_string();
    assert!(error.contains("side[1].belief[0]"), "{error}");
    assert!(
        error.contains("is read by `analyze`, `sweep`, `treaty` and `compare`"),
        "{error}"
    );
    let line = text.lines().position(|l| l == "[[side.belief]]").unwrap() + 1;
    assert!(error.contains(&format!("two.toml:{line}:")), "{error}");
    // The N-side reader takes it: a two-side scenario with a belief.
    let ms = multilateral::parse(&text, "two.toml").unwrap();
    assert_eq!(ms.beliefs.len(), 1);
    assert_eq!(ms.beliefs[0].holder, 1);
    assert!(!ms.is_two_sided());
}

#[test]
fn fixed_share_needs_its_share() {
    let text = notional_with("[multilateral]\nreserve = \"fixed-share\"\n");
    let error = multilateral::parse(&text, "m.toml")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("multilateral.reserve: `fixed-share` needs `reserve_share`"),
        "{error}"
    );
    let text = notional_with("[multilateral]\nreserve_share = 0.2\n");
    let error = multilateral::parse(&text, "m.toml")
        .unwrap_err()
        .to_string();
    assert!(error.contains("needs reserve = \"fixed-share\""), "{error}");
}

#[test]
fn n_side_built_ins_are_refused_by_the_two_side_reader() {
    let error = reykjavik_scenario::load("us-russia-china-2025")
        .unwrap_err()
        .to_string();
    assert!(error.contains("side[2]"), "{error}");
    assert!(multilateral::is_n_side("us-russia-china-2025"));
    assert!(!multilateral::is_n_side("us-russia-2021"));
}

/// us-russia-china-2021 copies us-russia-2021's sides: they must stay identical. Its China is
/// us-russia-china-2025's with the silo fields empty.
#[test]
fn the_2021_three_powers_carry_us_russia_2021_and_chinas_2021_forces() {
    let three = multilateral::load("us-russia-china-2021").unwrap().scenario;
    let two = reykjavik_scenario::load("us-russia-2021").unwrap();
    assert_eq!(three.sides[..2], two.sides[..]);
    let mut china_2025 = multilateral::load("us-russia-china-2025")
        .unwrap()
        .scenario
        .sides[2]
        .clone();
    for force in china_2025
        .forces
        .iter_mut()
        .filter(|f| f.name.contains("field"))
    {
        force.launchers = 0;
    }
    assert_eq!(three.sides[2], china_2025);
}
