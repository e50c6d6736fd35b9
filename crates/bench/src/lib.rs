//! Benchmark fixtures. The benchmarks themselves are in `benches/`.

use reykjavik_engine::allocation::Problem;
use reykjavik_engine::model::{
    Basing, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};

/// A reproducible heterogeneous WTA instance: `aimpoints` aimpoints in 10 groups, 8 weapon
/// types sharing `warheads` warheads, cap 2. Values and kill probabilities come from a fixed
/// linear congruential sequence, so every run sees the same instance.
pub fn wta_instance(aimpoints: usize, warheads: usize) -> Problem {
    let mut state: u64 = 0x2021_0516;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let weapons = 8;
    let groups = 10;
    Problem {
        values: (0..aimpoints)
            .map(|_| 1.0 + (9.0 * next()).floor())
            .collect(),
        groups: (0..aimpoints).map(|i| i % groups).collect(),
        kill: (0..groups)
            .map(|_| (0..weapons).map(|_| 0.3 + 0.65 * next()).collect())
            .collect(),
        cost: (0..weapons).map(|_| 0.2 + next()).collect(),
        stock: vec![(warheads / weapons) as f64; weapons],
        cap: 2,
        spend: vec![1.0; aimpoints],
        fratricide_per_burst: 0.0,
    }
}

/// The scale fixture of issue 7: side B has `silos` identical single-warhead silos (one to an
/// aimpoint); side A has `striker_warheads` warheads on ten-warhead silos (rounded down to a
/// whole launcher), both valuing at w80 = 1,000,000 warheads (so that the cost curve is not
/// flat: with a small w80 every point ties and the stop rule must look at each). Each side's launchers are split into equal elements of at most 100,000
/// (the scenario limit per element). Direct kill probabilities keep the physics out.
pub fn scale_scenario(silos: u32, striker_warheads: u32) -> Scenario {
    let element = |name: &str, launchers: u32, warheads: u32| {
        let mut e = ForceElement::ballistic(name, Basing::Silo, launchers, warheads, 300.0, 150.0);
        for class in Basing::ALL {
            e.kill_probability.set(class, 0.8);
        }
        e
    };
    const MOST: u32 = 100_000;
    let elements = |name: &str, launchers: u32, warheads: u32| -> Vec<ForceElement> {
        let parts = launchers.div_ceil(MOST).max(1);
        (0..parts)
            .map(|k| {
                let share = launchers / parts + u32::from(k < launchers % parts);
                element(&format!("{name} {k}"), share, warheads)
            })
            .collect()
    };
    let side = |name: &str, forces: Vec<ForceElement>| Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 1_000_000.0,
        },
        forces,
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    };
    Scenario {
        name: "scale".into(),
        description: format!("{silos} identical silos against {striker_warheads} warheads"),
        options: ModelOptions::default(),
        sides: vec![
            side("A", elements("MIRV silos", striker_warheads / 10, 10)),
            side("B", elements("single silos", silos, 1)),
        ],
        uncertain: vec![],
    }
}
