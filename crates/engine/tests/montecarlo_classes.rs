//! Monte Carlo draws counterforce outcomes per segment of identical aimpoints (binomial and
//! hypergeometric counts, reliability per launcher): on a scenario of many identical aimpoints,
//! with MIRVed launchers whose warheads span segments, a second warhead on aimpoints already
//! struck, fratricide, detection, a forces defense and garrisons of several launchers, the
//! means still converge to the expected-value analysis.

use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::model::{
    Alert, Basing, ForceElement, Fratricide, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::montecarlo::{self, Planning};
use reykjavik_engine::stability::{AnalysisOptions, analyze};
use reykjavik_engine::stats;

fn element(name: &str, basing: Basing, launchers: u32, warheads: u32, kill: f64) -> ForceElement {
    let mut e = ForceElement::ballistic(name, basing, launchers, warheads, 300.0, 200.0);
    for class in Basing::ALL {
        e.kill_probability.set(class, kill);
    }
    e
}

fn side(name: &str, w80: f64, forces: Vec<ForceElement>) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80,
        },
        forces,
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

/// 300 silos and 30 garrisons of 3 two-warhead launchers (found with probability 0.8), under a
/// forces defense with more interceptors than RVs (so its expected value is exact), struck by
/// ten-warhead and single-warhead missiles of reliability 0.85 and 0.9.
fn class_heavy() -> Scenario {
    let mut mirv = element("MIRV", Basing::Silo, 60, 10, 0.75);
    mirv.reliability = 0.85;
    let mut single = element("single", Basing::Silo, 200, 1, 0.6);
    single.reliability = 0.9;
    let mut garrison = element("garrison", Basing::RoadMobile, 90, 2, 0.0);
    garrison.launchers_per_aimpoint = 3;
    garrison.detection_probability = 0.8;
    garrison.untargetable_share.day_to_day = 0.0;
    let mut victim = side(
        "B",
        3_000.0,
        vec![element("silos", Basing::Silo, 300, 1, 0.0), garrison],
    );
    victim.missile_defenses.push(MissileDefenseLayer {
        name: "forces".into(),
        interceptors: 5_000,
        interceptor_sspk: 0.3,
        doctrine: FiringDoctrine::Salvo { shots: 1 },
        discrimination: 1.0,
        covers: Coverage::Forces,
    });
    Scenario {
        name: "class-heavy".into(),
        description: String::new(),
        options: ModelOptions {
            fratricide: Fratricide::Degradation { per_burst: 0.2 },
            ..ModelOptions::default()
        },
        sides: vec![side("A", 300.0, vec![mirv, single]), victim],
        uncertain: vec![],
    }
}

#[test]
fn class_draws_converge_to_the_expected_values() {
    let scenario = class_heavy();
    let options = AnalysisOptions {
        alert: [Alert::DayToDay; 2],
        launch_under_attack: [false, false],
    };
    let expected = analyze(&scenario, options).unwrap();
    let x = &expected.exchanges[0];
    // The case is class-heavy: more warheads than aimpoints, so second warheads fall on
    // aimpoints already struck, on segments of found, partly destroyed aimpoints.
    assert!(
        x.at_stop().warheads_spent > 400.0,
        "{}",
        x.at_stop().warheads_spent
    );
    let trials = montecarlo::run(&scenario, options, Planning::Fixed, 4_000, 11, &|_| {}).unwrap();
    let check = |name: &str, ev: f64, mut values: Vec<f64>| {
        let s = stats::summarize(&mut values).unwrap();
        assert!(
            (s.mean - ev).abs() <= 4.0 * s.standard_error + 1e-9,
            "{name}: Monte Carlo {:.3} +/- {:.3}, expected value {ev:.3}",
            s.mean,
            s.standard_error
        );
    };
    check(
        "warheads spent",
        x.at_stop().warheads_spent,
        trials
            .iter()
            .map(|t| f64::from(t.exchanges[0].counterforce_warheads_spent))
            .collect(),
    );
    for (j, outcome) in x.victim_elements.iter().enumerate() {
        check(
            &outcome.name,
            outcome.surviving,
            trials
                .iter()
                .map(|t| f64::from(t.exchanges[0].victim_surviving[j]))
                .collect(),
        );
    }
}
