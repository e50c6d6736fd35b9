//! Ballistic RVs against missile-defense layers, drawn layer by layer as counts.
//!
//! Each layer's state (its interceptors left) depends only on the RVs it has engaged, and every
//! engagement's outcome is independent of the others, so sending the RVs through the layers one
//! RV at a time and sending all of them through the first layer, then the leakers through the
//! second, and so on, give the same law. A salvo layer spends a fixed number of interceptors per
//! RV, so it engages min(RVs, interceptors / shots) RVs and intercepts a binomial count of them
//! with the per-RV probability discrimination x (1 - (1 - SSPK)^shots). A shoot-look-shoot layer
//! spends interceptors depending on outcomes, so it is drawn one RV at a time.

use super::{Draw, engage};
use crate::defense::{FiringDoctrine, MissileDefenseLayer};

/// RVs intercepted of `rvs` RVs sent through the `layers` that `covers` selects, in order, each
/// drawing on its remaining `inventory`.
pub(super) fn intercepted(
    layers: &[MissileDefenseLayer],
    inventory: &mut [u32],
    covers: impl Fn(&MissileDefenseLayer) -> bool,
    rvs: u32,
    draw: &mut Draw,
) -> u32 {
    let mut left = rvs;
    for (layer, inventory) in layers.iter().zip(inventory.iter_mut()) {
        if left == 0 {
            break;
        }
        if covers(layer) {
            left -= match layer.doctrine {
                FiringDoctrine::Salvo { shots } => salvo_layer(layer, shots, inventory, left, draw),
                FiringDoctrine::ShootLookShoot { .. } => {
                    (0..left).filter(|_| engage(layer, inventory, draw)).count() as u32
                }
            };
        }
    }
    rvs - left
}

/// RVs a salvo layer of `shots` interceptors per RV intercepts of `rvs`.
fn salvo_layer(
    layer: &MissileDefenseLayer,
    shots: u32,
    inventory: &mut u32,
    rvs: u32,
    draw: &mut Draw,
) -> u32 {
    if shots == 0 {
        // Fires nothing, intercepts nothing (as one RV at a time would).
        return 0;
    }
    let engaged = rvs.min(*inventory / shots);
    *inventory -= engaged * shots;
    draw.binomial(engaged, layer.intercept_probability())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defense::Coverage;

    fn layer(
        interceptors: u32,
        sspk: f64,
        doctrine: FiringDoctrine,
        discrimination: f64,
    ) -> MissileDefenseLayer {
        MissileDefenseLayer {
            name: "test".into(),
            interceptors,
            interceptor_sspk: sspk,
            doctrine,
            discrimination,
            covers: Coverage::Both,
        }
    }

    /// The reference: one RV at a time through every layer that can still fire.
    fn one_rv_at_a_time(
        layers: &[MissileDefenseLayer],
        inventory: &mut [u32],
        rvs: u32,
        draw: &mut Draw,
    ) -> u32 {
        let mut intercepted = 0;
        for _ in 0..rvs {
            let mut hit = false;
            for (layer, left) in layers.iter().zip(inventory.iter_mut()) {
                if !hit {
                    hit = engage(layer, left, draw);
                }
            }
            intercepted += u32::from(hit);
        }
        intercepted
    }

    fn binomial_pmf(n: u32, p: f64) -> Vec<f64> {
        let mut pmf = vec![0.0; n as usize + 1];
        let mut choose = 1.0;
        for k in 0..=n {
            pmf[k as usize] = choose * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32);
            choose *= f64::from(n - k) / f64::from(k + 1);
        }
        pmf
    }

    /// Two salvo layers, the second with room for some of the first's leakers: the count
    /// intercepted follows the exact law sum over x1 of Bin(5, p1)(x1) Bin(min(8 - x1, 6), p2),
    /// convolved (chi-square, 5 sd), and the interceptors spent are the ones engaged.
    #[test]
    fn salvo_layers_intercept_by_the_exact_law() {
        let layers = [
            layer(10, 0.5, FiringDoctrine::Salvo { shots: 2 }, 0.8),
            layer(6, 0.9, FiringDoctrine::Salvo { shots: 1 }, 1.0),
        ];
        let (p1, p2) = (
            layers[0].intercept_probability(),
            layers[1].intercept_probability(),
        );
        assert!((p1 - 0.6).abs() < 1e-12 && (p2 - 0.9).abs() < 1e-12);
        let mut law = [0.0; 9];
        for (x1, q1) in binomial_pmf(5, p1).iter().enumerate() {
            let engaged = (8 - x1 as u32).min(6);
            for (x2, q2) in binomial_pmf(engaged, p2).iter().enumerate() {
                law[x1 + x2] += q1 * q2;
            }
        }
        let n = 40_000;
        let mut counts = [0u32; 9];
        let mut draw = Draw::new(5, 1);
        for _ in 0..n {
            let mut inventory = [10, 6];
            counts[intercepted(&layers, &mut inventory, |_| true, 8, &mut draw) as usize] += 1;
            assert_eq!(inventory[0], 0);
        }
        let (mut statistic, mut cells) = (0.0, 0);
        for (&seen, &p) in counts.iter().zip(&law) {
            let expected = p * f64::from(n);
            if expected >= 5.0 {
                statistic += (f64::from(seen) - expected).powi(2) / expected;
                cells += 1;
            }
        }
        let dof = f64::from(cells - 1);
        assert!(
            statistic < dof + 5.0 * (2.0 * dof).sqrt(),
            "chi-square {statistic:.1} on {dof}"
        );
    }

    /// A shoot-look-shoot layer then a salvo layer, more RVs than interceptors: layer by layer
    /// gives the mean intercepted and mean interceptors left of one RV at a time (within 5
    /// standard errors of the difference).
    #[test]
    fn mixed_layers_match_one_rv_at_a_time() {
        let layers = [
            layer(
                9,
                0.6,
                FiringDoctrine::ShootLookShoot {
                    first: 1,
                    second: 2,
                },
                0.7,
            ),
            layer(5, 0.5, FiringDoctrine::Salvo { shots: 2 }, 0.9),
        ];
        let n = 40_000;
        // Per quantity (intercepted, left in each layer) and method: sum and sum of squares.
        let mut sums = [[[0.0f64; 2]; 2]; 3];
        let mut draw = Draw::new(9, 2);
        for trial in 0..2 * n {
            let mut inventory = [9, 5];
            let layered = trial % 2 == 0;
            let got = if layered {
                intercepted(&layers, &mut inventory, |_| true, 12, &mut draw)
            } else {
                one_rv_at_a_time(&layers, &mut inventory, 12, &mut draw)
            };
            let method = usize::from(!layered);
            let values = [got, inventory[0], inventory[1]].map(f64::from);
            for (sum, x) in sums.iter_mut().zip(values) {
                sum[method][0] += x;
                sum[method][1] += x * x;
            }
        }
        let nf = f64::from(n);
        for [layered, reference] in sums {
            let mean = |s: [f64; 2]| s[0] / nf;
            let variance = |s: [f64; 2]| (s[1] / nf - mean(s).powi(2)) / nf;
            let se = (variance(layered) + variance(reference)).sqrt();
            let (a, b) = (mean(layered), mean(reference));
            // A quantity constant under both methods (se 0) must be the same constant.
            assert!((a - b).abs() <= 5.0 * se, "{a} vs {b} (se {se})");
        }
    }
}
