//! Hand-built worlds shared by the N-side race and arms-race tests: boats that may be at sea,
//! silos, an unarmed third side, and menus of boat launchers and loadings.
#![allow(dead_code)]

use reykjavik_engine::model::{Basing, ByAlert, ForceElement, Scenario, Side};
use reykjavik_engine::model::{ValueModel, ValueUnit};
use reykjavik_engine::reaction::best_response::{ResponseMenu, ResponseOption};

pub fn boats(launchers: u32, sea: f64) -> ForceElement {
    let mut f = ForceElement::ballistic("boats", Basing::Submarine, launchers, 1, 100.0, 100.0);
    f.untargetable_share = ByAlert {
        day_to_day: sea,
        generated: sea,
    };
    f
}

pub fn side(name: &str, forces: Vec<ForceElement>) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 100.0,
        },
        forces,
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

pub fn scenario(sides: Vec<Side>) -> Scenario {
    Scenario {
        name: "hand".into(),
        description: String::new(),
        sides,
        options: Default::default(),
        uncertain: vec![],
    }
}

/// The same with a side C whose only element has 0 launchers.
pub fn with_unarmed_third(two: &Scenario) -> Scenario {
    let mut s = two.clone();
    s.sides.push(side("C", vec![boats(0, 1.0)]));
    s
}

pub fn option(side: usize, path: &str, step: f64, cap: f64, cost: f64) -> ResponseOption {
    ResponseOption {
        name: path.into(),
        side,
        path: path.into(),
        step,
        cap,
        cost,
    }
}

/// Per side in `sides`: one boat launcher for 1, or one more warhead on every boat for 8.
pub fn boat_menu(sides: &[usize]) -> ResponseMenu {
    let mut options = Vec::new();
    for &s in sides {
        options.push(option(
            s,
            &format!("side[{s}].force[0].launchers"),
            1.0,
            30.0,
            1.0,
        ));
        let path = format!("side[{s}].force[0].warheads_per_launcher");
        options.push(option(s, &path, 1.0, 4.0, 8.0));
    }
    ResponseMenu {
        name: "m".into(),
        cost_unit: "units".into(),
        options,
    }
}
