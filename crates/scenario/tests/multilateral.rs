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
