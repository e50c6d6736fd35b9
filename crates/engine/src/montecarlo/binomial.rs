//! Exact binomial draws in O(1) expected time for large means: Hörmann's transformed
//! rejection with decomposition, BTRD (W. Hörmann, "The generation of binomial random
//! variates", J. Statist. Comput. Simul. 46 (1993) 101-110). Written from the paper's
//! description; the constants below are the paper's.
//!
//! A hat built from the transformed uniform `(2a / (0.5 - |u|) + b) u + c` covers the
//! binomial probabilities; most draws are accepted at once from its centre (no logarithm),
//! the rest by the ratio f(k) / f(m) to the mode m, evaluated by recursion near the mode and
//! through Stirling's series (with its tabled correction) far from it.

/// At or above this mean n p (p <= 1/2), [`Btrd`] draws; below, inversion is cheaper. The
/// paper's hat is built for n p >= 10.
pub(super) const BTRD_LEAST_MEAN: f64 = 10.0;

/// Per-(n, p) constants of the hat (p <= 1/2, n p >= [`BTRD_LEAST_MEAN`]).
pub(super) struct Btrd {
    n: u32,
    /// Mode, floor((n + 1) p).
    m: f64,
    /// p / q, and (n + 1) p / q.
    r: f64,
    nr: f64,
    npq: f64,
    a: f64,
    b: f64,
    c: f64,
    alpha: f64,
    vr: f64,
    urvr: f64,
}

impl Btrd {
    pub(super) fn new(n: u32, p: f64) -> Self {
        debug_assert!(p <= 0.5 && f64::from(n) * p >= BTRD_LEAST_MEAN);
        let nf = f64::from(n);
        let q = 1.0 - p;
        let npq = nf * p * q;
        let spq = npq.sqrt();
        let b = 1.15 + 2.53 * spq;
        let r = p / q;
        let vr = 0.92 - 4.2 / b;
        Self {
            n,
            m: ((nf + 1.0) * p).floor(),
            r,
            nr: (nf + 1.0) * r,
            npq,
            a: -0.0873 + 0.0248 * b + 0.01 * p,
            b,
            c: nf * p + 0.5,
            alpha: (2.83 + 5.1 / b) * spq,
            vr,
            urvr: 0.86 * vr,
        }
    }

    /// One draw, from a source of uniform numbers in [0, 1).
    pub(super) fn sample(&self, uniform: &mut impl FnMut() -> f64) -> u32 {
        loop {
            let v = uniform();
            if v <= self.urvr {
                // The hat's centre lies under the probabilities: accept at once.
                let u = v / self.vr - 0.43;
                return self.transformed(u, 0.5 - u.abs()) as u32;
            }
            let (u, v) = if v >= self.vr {
                (uniform() - 0.5, v)
            } else {
                let u = v / self.vr - 0.93;
                (0.5f64.copysign(u) - u, uniform() * self.vr)
            };
            if let Some(k) = self.accepted(u, v) {
                return k;
            }
        }
    }

    /// The hat's candidate for a transformed uniform `u` (with `us` = 0.5 - |u|).
    fn transformed(&self, u: f64, us: f64) -> f64 {
        ((2.0 * self.a / us + self.b) * u + self.c).floor()
    }

    /// The candidate of (u, v) if the binomial probabilities accept it.
    fn accepted(&self, u: f64, v: f64) -> Option<u32> {
        let us = 0.5 - u.abs();
        let k = self.transformed(u, us);
        if k < 0.0 || k > f64::from(self.n) {
            return None;
        }
        let v = v * self.alpha / (self.a / (us * us) + self.b);
        let km = (k - self.m).abs();
        let accept = if km <= 15.0 {
            self.accept_near_mode(k, v)
        } else {
            self.accept_far(k, km, v.ln())
        };
        accept.then_some(k as u32)
    }

    /// v <= f(k) / f(m), the ratio built by the recursion f(i) / f(i - 1) = (nr / i - r).
    fn accept_near_mode(&self, k: f64, mut v: f64) -> bool {
        let mut f = 1.0;
        let (low, high) = if self.m < k { (self.m, k) } else { (k, self.m) };
        let mut i = low + 1.0;
        while i <= high {
            let step = self.nr / i - self.r;
            if self.m < k {
                f *= step;
            } else {
                v *= step;
            }
            i += 1.0;
        }
        v <= f
    }

    /// ln v <= ln(f(k) / f(m)) far from the mode: a normal-tail squeeze first, then the exact
    /// ratio through Stirling's formula with its correction.
    fn accept_far(&self, k: f64, km: f64, log_v: f64) -> bool {
        let npq = self.npq;
        let rho = (km / npq) * (((km / 3.0 + 0.625) * km + 1.0 / 6.0) / npq + 0.5);
        let t = -km * km / (2.0 * npq);
        if log_v < t - rho {
            return true;
        }
        if log_v > t + rho {
            return false;
        }
        let (n, m, r) = (f64::from(self.n), self.m, self.r);
        let nm = n - m + 1.0;
        let h = (m + 0.5) * ((m + 1.0) / (r * nm)).ln() + stirling_tail(m) + stirling_tail(n - m);
        let nk = n - k + 1.0;
        log_v
            <= h + (n + 1.0) * (nm / nk).ln() + (k + 0.5) * (nk * r / (k + 1.0)).ln()
                - stirling_tail(k)
                - stirling_tail(n - k)
    }
}

/// ln k! - [(k + 1/2) ln(k + 1) - (k + 1) + ln sqrt(2 pi)]: tabled below 10 (values from
/// that formula, checked in a test), from Stirling's series above.
fn stirling_tail(k: f64) -> f64 {
    const TABLE: [f64; 10] = [
        0.081_061_466_795_327_26,
        0.041_340_695_955_409_29,
        0.027_677_925_684_998_34,
        0.020_790_672_103_765_09,
        0.016_644_691_189_821_19,
        0.013_876_128_823_070_75,
        0.011_896_709_945_891_77,
        0.010_411_265_261_972_09,
        0.009_255_462_182_712_733,
        0.008_330_563_433_362_87,
    ];
    if k < 10.0 {
        return TABLE[k as usize];
    }
    let inverse = 1.0 / (k + 1.0);
    let inverse2 = inverse * inverse;
    (1.0 / 12.0 - (1.0 / 360.0 - inverse2 / 1260.0) * inverse2) * inverse
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table against its definition, with ln k! summed directly.
    #[test]
    fn stirling_table_matches_its_definition() {
        let half_log_tau = 0.5 * std::f64::consts::TAU.ln();
        let mut log_factorial = 0.0;
        for k in 0..40u32 {
            if k > 0 {
                log_factorial += f64::from(k).ln();
            }
            let kf = f64::from(k);
            let exact = log_factorial - (kf + 0.5) * (kf + 1.0).ln() + (kf + 1.0) - half_log_tau;
            let got = stirling_tail(kf);
            // The series' first omitted term is below 3e-11 at k = 10.
            assert!((got - exact).abs() < 1e-10, "k {k}: {got} vs {exact}");
        }
    }
}
