//! The exact shortcuts the hot path takes (issue 7, speed): each must give the same bits, or the
//! same error, as the plain computation it replaces.

use proptest::prelude::*;
use reykjavik_engine::model::{
    self, Basing, ByAlert, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};

fn options_with_exponent(cost_exponent: f64) -> ModelOptions {
    ModelOptions {
        cost_exponent,
        ..Default::default()
    }
}

proptest! {
    /// At exponent 1 the cost skips `powf`: the result must be `powf`'s, bit for bit.
    #[test]
    fn cost_power_at_exponent_one_is_powf_bit_for_bit(damage in 0.0f64..=1.0) {
        let options = options_with_exponent(1.0);
        prop_assert_eq!(options.cost_power(damage).to_bits(), damage.powf(1.0).to_bits());
    }

    /// At any other exponent it is `powf` itself.
    #[test]
    fn cost_power_elsewhere_is_powf(damage in 0.0f64..=1.0, exponent in 0.05f64..10.0) {
        let options = options_with_exponent(exponent);
        prop_assert_eq!(options.cost_power(damage).to_bits(), damage.powf(exponent).to_bits());
    }

    /// Both costs through the shortcut equal the formula with `powf` (R-3765 App. C p. 61).
    #[test]
    fn costs_at_exponent_one_equal_the_powf_formula(a in 0.0f64..=1.0, b in 0.0f64..=1.0) {
        let options = options_with_exponent(1.0);
        let (first, second) = options.costs(a, b);
        let s = options.cost_surcharge;
        prop_assert_eq!(first.to_bits(), (a.powf(1.0) + s * (1.0 - b.powf(1.0))).to_bits());
        prop_assert_eq!(second.to_bits(), (b.powf(1.0) + s * (1.0 - a.powf(1.0))).to_bits());
    }
}

/// The ends of the unit interval and the smallest damages, where a shortcut would show first.
#[test]
fn cost_power_at_exponent_one_keeps_edge_values() {
    let options = options_with_exponent(1.0);
    for damage in [
        0.0,
        1.0,
        f64::MIN_POSITIVE,
        5e-324,
        1e-300,
        0.5,
        1.0 - f64::EPSILON,
    ] {
        assert_eq!(
            options.cost_power(damage).to_bits(),
            damage.powf(1.0).to_bits()
        );
    }
}

fn side(kill: f64) -> Side {
    let mut silo = ForceElement::ballistic("silo", Basing::Silo, 10, 1, 300.0, 200.0);
    silo.kill_probability.set(Basing::Silo, kill);
    silo.kill_probability.set(Basing::Submarine, 0.5);
    silo.untargetable_share = ByAlert {
        day_to_day: 0.0,
        generated: 0.0,
    };
    Side {
        name: "A".into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 10.0,
        },
        forces: vec![silo],
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

fn scenario(kill: f64) -> Scenario {
    let mut b = side(0.8);
    b.name = "B".into();
    Scenario {
        name: "kill paths".into(),
        description: String::new(),
        options: ModelOptions::default(),
        sides: vec![side(kill), b],
        uncertain: vec![],
    }
}

/// The kill-probability path is built only for a failing value: it must still name the field.
#[test]
fn failing_kill_probability_names_its_field() {
    assert!(model::validate(&scenario(0.8)).is_ok());
    let errors = model::validate(&scenario(1.5)).unwrap_err();
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field()).collect();
    assert_eq!(fields, ["side[0].force[0].kill_probability.silo"]);
}
