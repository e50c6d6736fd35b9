//! Benchmark fixtures. The benchmarks themselves are in `benches/`.

use reykjavik_engine::allocation::Problem;

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
