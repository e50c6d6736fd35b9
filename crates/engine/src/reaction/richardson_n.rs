//! Richardson's model on N actors (issue 10 item 4; docs/action-reaction.md, "Richardson on N
//! sides"): dx/dt = K x - A x + g, with K the reaction coefficients (k_ij: actor i's build per
//! unit of actor j's, k_ii = 0), A = diag(a_i) the fatigue terms and g the grievances.
//!
//! Linear, so: the equilibrium solves (K - A) x* = -g (none when K - A is singular), and every
//! start converges to it iff every eigenvalue of K - A has a negative real part. On two actors
//! this is the two-side model ([`super::richardson`]) with k = k_01, l = k_10 (tested).
//!
//! Eigenvalues: the characteristic polynomial by Faddeev-LeVerrier, its roots by the
//! Durand-Kerner iteration (at most 8 actors, so both are small and exact enough; a repeated
//! root comes out to about the square root of the rounding error, which is why stability needs
//! a real part below -1e-6 of the matrix's scale).

use crate::error::EngineError;
use crate::reaction::richardson::{MAX_LEVEL, MAX_RATE};

/// Most actors (the N-side analysis takes up to 8 sides).
pub const MAX_ACTORS: usize = 8;

/// The model's coefficients, per year (g in armament units per year).
#[derive(Debug, Clone, PartialEq)]
pub struct NRichardson {
    /// k[i][j]: actor i's reaction to actor j; the diagonal is not read.
    pub k: Vec<Vec<f64>>,
    pub a: Vec<f64>,
    pub g: Vec<f64>,
}

/// Equilibrium and stability of the N-actor system.
#[derive(Debug, Clone, PartialEq)]
pub struct NAnalysis {
    /// x*, absent when K - A is singular.
    pub equilibrium: Option<Vec<f64>>,
    /// Eigenvalues of K - A as (real, imaginary), largest real part first.
    pub eigenvalues: Vec<(f64, f64)>,
    /// Every eigenvalue's real part below zero (beyond the root-finding's precision).
    pub stable: bool,
}

impl NRichardson {
    /// Checks sizes and ranges, naming the coefficient (`k[0][2]`, `a[1]`, `g[2]`).
    pub fn validate(&self) -> Result<(), EngineError> {
        let n = self.a.len();
        if !(2..=MAX_ACTORS).contains(&n) {
            return Err(EngineError::invalid(
                "a",
                n as f64,
                &format!("2 to {MAX_ACTORS} actors"),
            ));
        }
        if self.g.len() != n || self.k.len() != n || self.k.iter().any(|row| row.len() != n) {
            return Err(EngineError::rule(
                "k",
                format!("K must be {n} x {n} and g of length {n}, as a"),
            ));
        }
        for i in 0..n {
            within(&format!("a[{i}]"), self.a[i], MAX_RATE)?;
            within(&format!("g[{i}]"), self.g[i], MAX_LEVEL)?;
            for j in (0..n).filter(|&j| j != i) {
                within(&format!("k[{i}][{j}]"), self.k[i][j], MAX_RATE)?;
            }
        }
        Ok(())
    }

    /// K - A.
    pub fn matrix(&self) -> Vec<Vec<f64>> {
        let n = self.a.len();
        (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| if i == j { -self.a[i] } else { self.k[i][j] })
                    .collect()
            })
            .collect()
    }

    pub fn analyse(&self) -> NAnalysis {
        let m = self.matrix();
        let rhs: Vec<f64> = self.g.iter().map(|g| -g).collect();
        let mut eigenvalues = roots(&characteristic(&m));
        pair_conjugates(&mut eigenvalues);
        eigenvalues.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1)));
        let margin = 1e-6 * scale(&m).max(f64::MIN_POSITIVE);
        let stable = eigenvalues.iter().all(|&(re, _)| re < -margin);
        NAnalysis {
            equilibrium: solve(&m, &rhs),
            eigenvalues,
            stable,
        }
    }
}

fn within(name: &str, value: f64, limit: f64) -> Result<(), EngineError> {
    if value.is_finite() && value.abs() <= limit {
        return Ok(());
    }
    let expected = format!("-{limit} to {limit}");
    Err(EngineError::invalid(name, value, &expected))
}

/// The largest absolute entry.
fn scale(m: &[Vec<f64>]) -> f64 {
    m.iter().flatten().fold(0.0, |s, x| s.max(x.abs()))
}

/// x with m x = rhs (Gaussian elimination with partial pivoting), or `None` when m is singular
/// to rounding.
pub fn solve(m: &[Vec<f64>], rhs: &[f64]) -> Option<Vec<f64>> {
    let n = rhs.len();
    let tiny = 1e-12 * scale(m).max(f64::MIN_POSITIVE);
    let mut rows: Vec<Vec<f64>> = m
        .iter()
        .zip(rhs)
        .map(|(row, &b)| row.iter().copied().chain([b]).collect())
        .collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| rows[x][col].abs().total_cmp(&rows[y][col].abs()))?;
        if rows[pivot][col].abs() <= tiny {
            return None;
        }
        rows.swap(col, pivot);
        let lead = rows[col].clone();
        for (_, row) in rows.iter_mut().enumerate().filter(|(r, _)| *r != col) {
            let factor = row[col] / lead[col];
            for (x, l) in row.iter_mut().zip(&lead).skip(col) {
                *x -= factor * l;
            }
        }
    }
    let x: Vec<f64> = (0..n).map(|i| rows[i][n] / rows[i][i]).collect();
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Coefficients c[0..=n] of det(lambda I - m) = sum c[p] lambda^p (c[n] = 1), by
/// Faddeev-LeVerrier: M_1 = I, c[n-k] = -tr(m M_k) / k, M_{k+1} = m M_k + c[n-k] I.
pub fn characteristic(m: &[Vec<f64>]) -> Vec<f64> {
    let n = m.len();
    let mut c = vec![0.0; n + 1];
    c[n] = 1.0;
    let identity = |i: usize, j: usize| f64::from(u8::from(i == j));
    let mut mk: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| identity(i, j)).collect())
        .collect();
    for k in 1..=n {
        let product = multiply(m, &mk);
        let trace: f64 = (0..n).map(|i| product[i][i]).sum();
        c[n - k] = -trace / k as f64;
        mk = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| product[i][j] + c[n - k] * identity(i, j))
                    .collect()
            })
            .collect();
    }
    c
}

fn multiply(x: &[Vec<f64>], y: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = x.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| (0..n).map(|k| x[i][k] * y[k][j]).sum())
                .collect()
        })
        .collect()
}

/// A complex number for the root finder.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Complex(f64, f64);

impl Complex {
    fn add(self, o: Self) -> Self {
        Self(self.0 + o.0, self.1 + o.1)
    }
    fn sub(self, o: Self) -> Self {
        Self(self.0 - o.0, self.1 - o.1)
    }
    fn mul(self, o: Self) -> Self {
        Self(self.0 * o.0 - self.1 * o.1, self.0 * o.1 + self.1 * o.0)
    }
    fn div(self, o: Self) -> Self {
        let d = o.0 * o.0 + o.1 * o.1;
        Self(
            (self.0 * o.0 + self.1 * o.1) / d,
            (self.1 * o.0 - self.0 * o.1) / d,
        )
    }
    fn norm(self) -> f64 {
        self.0.hypot(self.1)
    }
}

/// Roots of the monic polynomial sum c[p] z^p by the Durand-Kerner (Weierstrass) iteration from
/// the customary starting points (0.4 + 0.9i)^k scaled to the roots' bound.
pub fn roots(c: &[f64]) -> Vec<(f64, f64)> {
    let n = c.len() - 1;
    let bound = 1.0 + c[..n].iter().fold(0.0, |s: f64, x| s.max(x.abs()));
    let seed = Complex(0.4, 0.9);
    let mut z: Vec<Complex> = (0..n)
        .scan(Complex(bound, 0.0), |power, _| {
            *power = power.mul(seed);
            Some(*power)
        })
        .collect();
    let value = |x: Complex| {
        c.iter()
            .rev()
            .fold(Complex(0.0, 0.0), |s, &p| s.mul(x).add(Complex(p, 0.0)))
    };
    for _ in 0..2000 {
        let mut moved = 0.0_f64;
        for i in 0..n {
            let denominator = (0..n)
                .filter(|&j| j != i)
                .fold(Complex(1.0, 0.0), |d, j| d.mul(z[i].sub(z[j])));
            if denominator.norm() == 0.0 {
                continue;
            }
            let step = value(z[i]).div(denominator);
            z[i] = z[i].sub(step);
            moved = moved.max(step.norm());
        }
        if moved <= 1e-15 * bound {
            break;
        }
    }
    // Real polynomials have conjugate pairs: an imaginary part at rounding level is 0.
    z.iter()
        .map(|r| {
            let im = if r.1.abs() <= 1e-9 * bound { 0.0 } else { r.1 };
            (r.0, im)
        })
        .collect()
}

/// The roots of a real polynomial come in conjugate pairs, but an iterative root finder returns
/// each pair with real parts a few ulps apart, which would let the order of the pair flip.
/// Each complex root is paired with its nearest conjugate and both are set to their mean.
fn pair_conjugates(roots: &mut [(f64, f64)]) {
    let mut paired = vec![false; roots.len()];
    for i in 0..roots.len() {
        if paired[i] || roots[i].1 <= 0.0 {
            continue;
        }
        let distance = |j: usize| (roots[i].0 - roots[j].0).abs() + (roots[i].1 + roots[j].1).abs();
        let partner = (0..roots.len())
            .filter(|&j| !paired[j] && j != i && roots[j].1 < 0.0)
            .min_by(|&x, &y| distance(x).total_cmp(&distance(y)));
        if let Some(j) = partner {
            let re = 0.5 * (roots[i].0 + roots[j].0);
            let im = 0.5 * (roots[i].1 - roots[j].1);
            roots[i] = (re, im);
            roots[j] = (re, -im);
            paired[i] = true;
            paired[j] = true;
        }
    }
}
