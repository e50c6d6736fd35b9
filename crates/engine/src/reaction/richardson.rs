//! Richardson's arms-race model (Richardson 1951, 1960):
//!
//! dx/dt = k y - a x + g,   dy/dt = l x - b y + h
//!
//! x, y are the two sides' armament levels; k, l their reaction coefficients (how strongly each
//! builds in answer to the other), a, b fatigue or expense coefficients, g, h grievances (builds
//! that do not depend on the other side). The system is linear, so its equilibrium, stability
//! and trajectories have closed forms: with A = [[-a, k], [l, -b]] and c = (g, h), the
//! equilibrium is z* = -A⁻¹c and z(t) = z* + e^{At}(z0 - z*). Stable iff trace A < 0 and
//! det A = a b - k l > 0 (for a, b > 0 the condition is a b > k l).
//!
//! Part B estimates k and l from the engine's best-response function and feeds them in through
//! the plain [`RichardsonModel`].

use crate::error::EngineError;

/// The six coefficients, in units of the armament measure per year (k, l, a, b per year; g, h
/// armament units per year).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RichardsonModel {
    pub k: f64,
    pub l: f64,
    pub a: f64,
    pub b: f64,
    pub g: f64,
    pub h: f64,
}

/// Largest |k|, |l|, |a|, |b| (per year): a rate of 100 per year already doubles a level in days.
pub const MAX_RATE: f64 = 100.0;
/// Smallest nonzero |k|, |l|, |a|, |b| (per year).
pub const MIN_RATE: f64 = 1e-9;
/// Largest |g|, |h| and |x0|, |y0|: far above any arsenal count or budget in any unit used.
pub const MAX_LEVEL: f64 = 1e12;
/// Longest horizon, in years.
pub const MAX_YEARS: f64 = 1000.0;
/// Largest number of points of a trajectory.
pub const MAX_POINTS: usize = 100_000;
/// A trajectory stops when a level passes this size: it has run away (and would overflow).
pub const RUNAWAY_LEVEL: f64 = 1e15;

/// What the equilibrium is, from the eigenvalues of A.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    /// Real negative eigenvalues: levels settle without oscillating.
    StableNode,
    /// Complex eigenvalues with negative real part: levels settle, oscillating.
    StableSpiral,
    /// Real eigenvalues of opposite sign: a runaway race or mutual disarmament, by the start.
    Saddle,
    /// Real positive eigenvalues: every start away from equilibrium runs away.
    UnstableNode,
    /// Complex eigenvalues with positive real part: oscillations that grow.
    SpiralOutward,
    /// Purely imaginary eigenvalues: closed orbits around the equilibrium.
    Center,
    /// det A = 0: no single equilibrium (a line of them, or none).
    Degenerate,
}

impl Classification {
    pub fn name(self) -> &'static str {
        match self {
            Self::StableNode => "stable node",
            Self::StableSpiral => "stable spiral",
            Self::Saddle => "saddle (unstable)",
            Self::UnstableNode => "unstable node",
            Self::SpiralOutward => "spiral outward (unstable)",
            Self::Center => "center (neutral)",
            Self::Degenerate => "degenerate (no single equilibrium)",
        }
    }

    /// Every start converges to the equilibrium.
    pub fn is_stable(self) -> bool {
        matches!(self, Self::StableNode | Self::StableSpiral)
    }
}

/// Equilibrium, stability and the eigenvalues of the linear system.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Analysis {
    /// (x*, y*), absent when det A = 0.
    pub equilibrium: Option<(f64, f64)>,
    /// a b - k l: positive is Richardson's stability condition (with a + b > 0).
    pub determinant: f64,
    /// -(a + b).
    pub trace: f64,
    /// The eigenvalues as (real, imaginary) parts; conjugates when complex.
    pub eigenvalues: [(f64, f64); 2],
    pub classification: Classification,
}

/// One point of a trajectory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub t: f64,
    pub x: f64,
    pub y: f64,
}

/// A trajectory from a start, sampled at equal steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    pub points: Vec<Point>,
    /// The year a level passed [`RUNAWAY_LEVEL`] (the trajectory stops there).
    pub runaway_at: Option<f64>,
}

impl RichardsonModel {
    /// Checks every coefficient against its range, naming the coefficient.
    pub fn validate(&self) -> Result<(), EngineError> {
        let rates = [("k", self.k), ("l", self.l), ("a", self.a), ("b", self.b)];
        for (name, value) in rates {
            check(name, value, MAX_RATE)?;
            check_rate_not_tiny(name, value)?;
        }
        check("g", self.g, MAX_LEVEL)?;
        check("h", self.h, MAX_LEVEL)
    }

    fn determinant(&self) -> f64 {
        self.a * self.b - self.k * self.l
    }

    /// det A is zero to rounding: no single equilibrium.
    fn is_singular(&self) -> bool {
        let scale = (self.a * self.b).abs() + (self.k * self.l).abs();
        self.determinant().abs() <= 1e-12 * scale
    }

    /// Equilibrium, eigenvalues and classification.
    pub fn analyse(&self) -> Analysis {
        let determinant = self.determinant();
        let trace = -(self.a + self.b);
        let singular = self.is_singular();
        Analysis {
            equilibrium: (!singular).then(|| self.equilibrium_point(determinant)),
            determinant,
            trace,
            eigenvalues: eigenvalues(trace, determinant),
            classification: classify(trace, determinant, self.discriminant(), singular),
        }
    }

    /// x* = (b g + k h) / (a b - k l), y* = (l g + a h) / (a b - k l).
    fn equilibrium_point(&self, determinant: f64) -> (f64, f64) {
        (
            (self.b * self.g + self.k * self.h) / determinant,
            (self.l * self.g + self.a * self.h) / determinant,
        )
    }

    /// trace² - 4 det = (a - b)² + 4 k l, computed in the form without cancellation.
    fn discriminant(&self) -> f64 {
        (self.a - self.b).powi(2) + 4.0 * self.k * self.l
    }

    /// The rates of change at (x, y).
    pub fn derivative(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.k * y - self.a * x + self.g,
            self.l * x - self.b * y + self.h,
        )
    }

    /// The trajectory from `start` over `years`, at `steps` equal steps (steps + 1 points): the
    /// closed form when there is an equilibrium, the fixed-step integrator otherwise.
    pub fn trajectory(
        &self,
        start: (f64, f64),
        years: f64,
        steps: usize,
    ) -> Result<Trajectory, EngineError> {
        check_run(start, years, steps)?;
        self.validate()?;
        let dt = years / steps as f64;
        let analysis = self.analyse();
        let mut state = start;
        let mut points = vec![Point {
            t: 0.0,
            x: start.0,
            y: start.1,
        }];
        for i in 1..=steps {
            let t = i as f64 * dt;
            state = match analysis.equilibrium {
                Some(eq) => self.closed_form(start, eq, t),
                None => self.rk4_step(state, dt),
            };
            if runaway(state) {
                return Ok(Trajectory {
                    points,
                    runaway_at: Some(t),
                });
            }
            points.push(Point {
                t,
                x: state.0,
                y: state.1,
            });
        }
        Ok(Trajectory {
            points,
            runaway_at: None,
        })
    }

    /// z(t) = z* + e^{At} (z0 - z*), computed as z0 + (e^{At} - I)(z0 - z*): when the
    /// equilibrium is far from the start (small fatigue), the first form loses the digits of
    /// the motion to the size of z*; the second does not.
    pub fn closed_form(&self, start: (f64, f64), equilibrium: (f64, f64), t: f64) -> (f64, f64) {
        let d = self.exp_at_minus_identity(t);
        let (dx, dy) = (start.0 - equilibrium.0, start.1 - equilibrium.1);
        (
            start.0 + d[0][0] * dx + d[0][1] * dy,
            start.1 + d[1][0] * dx + d[1][1] * dy,
        )
    }

    /// e^{At} - I for the 2×2 A: with m = trace/2 and N = A - m I, N² = (disc/4) I, so
    /// e^{At} = e^{mt} (c I + s N) with c, s from cosh/sinh, cos/sin or 1/t by the sign of disc;
    /// e^{mt} c - 1 = expm1(mt) c + (c - 1), with c - 1 = ±2 sinh²/sin²(x/2), keeps the small
    /// differences exact.
    fn exp_at_minus_identity(&self, t: f64) -> [[f64; 2]; 2] {
        let m = -(self.a + self.b) / 2.0;
        let quarter_disc = self.discriminant() / 4.0;
        let (c, c_minus_1, s, x) = if quarter_disc > 0.0 {
            let w = quarter_disc.sqrt();
            let x = w * t;
            (x.cosh(), 2.0 * (x / 2.0).sinh().powi(2), x.sinh() / w, x)
        } else if quarter_disc < 0.0 {
            let w = (-quarter_disc).sqrt();
            let x = w * t;
            (x.cos(), -2.0 * (x / 2.0).sin().powi(2), x.sin() / w, x)
        } else {
            (1.0, 0.0, t, 0.0)
        };
        let scale = (m * t).exp();
        // The split form only while both exponents are small: for large ones expm1(mt) c and
        // c - 1 are huge and cancel, and e^{mt} c - 1 is then accurate as it stands.
        let diagonal = if (m * t).abs() < 1.0 && x.abs() < 1.0 {
            (m * t).exp_m1() * c + c_minus_1
        } else {
            scale * c - 1.0
        };
        let n = [[-self.a - m, self.k], [self.l, -self.b - m]];
        [
            [diagonal + scale * s * n[0][0], scale * s * n[0][1]],
            [scale * s * n[1][0], diagonal + scale * s * n[1][1]],
        ]
    }

    /// One classical Runge-Kutta step of length dt.
    pub fn rk4_step(&self, (x, y): (f64, f64), dt: f64) -> (f64, f64) {
        let k1 = self.derivative(x, y);
        let k2 = self.derivative(x + dt / 2.0 * k1.0, y + dt / 2.0 * k1.1);
        let k3 = self.derivative(x + dt / 2.0 * k2.0, y + dt / 2.0 * k2.1);
        let k4 = self.derivative(x + dt * k3.0, y + dt * k3.1);
        (
            x + dt / 6.0 * (k1.0 + 2.0 * k2.0 + 2.0 * k3.0 + k4.0),
            y + dt / 6.0 * (k1.1 + 2.0 * k2.1 + 2.0 * k3.1 + k4.1),
        )
    }
}

fn runaway((x, y): (f64, f64)) -> bool {
    !(x.abs() <= RUNAWAY_LEVEL && y.abs() <= RUNAWAY_LEVEL)
}

fn check(name: &str, value: f64, max: f64) -> Result<(), EngineError> {
    if value.is_finite() && value.abs() <= max {
        Ok(())
    } else {
        let range = format!(
            "-{} to {}",
            crate::limits::show(max),
            crate::limits::show(max)
        );
        Err(EngineError::invalid(name, value, &range))
    }
}

/// A rate below 1e-9 per year (a billion-year time scale) is zero to this model; refusing the
/// tiny ones keeps every equilibrium finite (|x*| stays below about 1e44).
fn check_rate_not_tiny(name: &str, value: f64) -> Result<(), EngineError> {
    if value == 0.0 || value.abs() >= MIN_RATE {
        Ok(())
    } else {
        Err(EngineError::invalid(
            name,
            value,
            "0, or 1e-9 to 100 in magnitude (a smaller rate is 0 to this model)",
        ))
    }
}

fn check_run(start: (f64, f64), years: f64, steps: usize) -> Result<(), EngineError> {
    check("x0", start.0, MAX_LEVEL)?;
    check("y0", start.1, MAX_LEVEL)?;
    if !(years.is_finite() && years > 0.0 && years <= MAX_YEARS) {
        return Err(EngineError::invalid(
            "years",
            years,
            "greater than 0, at most 1000",
        ));
    }
    if steps == 0 || steps > MAX_POINTS {
        return Err(EngineError::invalid("steps", steps as f64, "1 to 100000"));
    }
    Ok(())
}

/// Eigenvalues of a 2×2 matrix from its trace and determinant.
fn eigenvalues(trace: f64, determinant: f64) -> [(f64, f64); 2] {
    let half = trace / 2.0;
    let quarter_disc = half * half - determinant;
    if quarter_disc >= 0.0 {
        let root = quarter_disc.sqrt();
        [(half + root, 0.0), (half - root, 0.0)]
    } else {
        let root = (-quarter_disc).sqrt();
        [(half, root), (half, -root)]
    }
}

/// The phase portrait's type from trace, determinant and discriminant.
fn classify(trace: f64, determinant: f64, discriminant: f64, singular: bool) -> Classification {
    if singular {
        Classification::Degenerate
    } else if determinant < 0.0 {
        Classification::Saddle
    } else if discriminant < 0.0 {
        match trace.partial_cmp(&0.0) {
            Some(std::cmp::Ordering::Less) => Classification::StableSpiral,
            Some(std::cmp::Ordering::Greater) => Classification::SpiralOutward,
            _ => Classification::Center,
        }
    } else if trace < 0.0 {
        Classification::StableNode
    } else {
        Classification::UnstableNode
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(k: f64, l: f64, a: f64, b: f64, g: f64, h: f64) -> RichardsonModel {
        RichardsonModel { k, l, a, b, g, h }
    }

    #[test]
    fn equilibrium_by_hand() {
        // a b - k l = 4 - 1 = 3; x* = (2·1 + 1·2)/3 = 4/3; y* = (1·1 + 2·2)/3 = 5/3.
        let m = model(1.0, 1.0, 2.0, 2.0, 1.0, 2.0);
        let an = m.analyse();
        let (x, y) = an.equilibrium.unwrap();
        assert!((x - 4.0 / 3.0).abs() < 1e-15 && (y - 5.0 / 3.0).abs() < 1e-15);
        assert_eq!(an.determinant, 3.0);
        // Eigenvalues -2 ± 1 (disc = 0 + 4 = 4, half-root 1).
        assert_eq!(an.eigenvalues, [(-1.0, 0.0), (-3.0, 0.0)]);
        assert_eq!(an.classification, Classification::StableNode);
        let (dx, dy) = m.derivative(x, y);
        assert!(dx.abs() < 1e-15 && dy.abs() < 1e-15);
    }

    #[test]
    fn stability_condition_is_ab_greater_than_kl() {
        // a b = 1 < k l = 4: a saddle (runaway or disarmament).
        let race = model(2.0, 2.0, 1.0, 1.0, 1.0, 1.0).analyse();
        assert_eq!(race.classification, Classification::Saddle);
        assert!(!race.classification.is_stable());
        // Equilibrium x* = (1 + 2)/(1 - 4) = -1: below zero, as Richardson's runaway case.
        assert_eq!(race.equilibrium, Some((-1.0, -1.0)));
        let settled = model(0.5, 0.5, 1.0, 1.0, 1.0, 1.0).analyse();
        assert!(settled.classification.is_stable());
        let singular = model(1.0, 1.0, 1.0, 1.0, 1.0, 1.0).analyse();
        assert_eq!(singular.classification, Classification::Degenerate);
        assert_eq!(singular.equilibrium, None);
    }

    #[test]
    fn spirals_need_opposite_reactions() {
        // k l < 0 and (a - b)² + 4 k l < 0: complex eigenvalues -1 ± 1i.
        let s = model(1.0, -1.0, 1.0, 1.0, 0.0, 0.0).analyse();
        assert_eq!(s.classification, Classification::StableSpiral);
        assert_eq!(s.eigenvalues, [(-1.0, 1.0), (-1.0, -1.0)]);
        let out = model(1.0, -1.0, -0.5, -0.5, 0.0, 0.0).analyse();
        assert_eq!(out.classification, Classification::SpiralOutward);
        let center = model(1.0, -1.0, 0.0, 0.0, 0.0, 0.0).analyse();
        assert_eq!(center.classification, Classification::Center);
        let node = model(0.1, 0.1, -1.0, -1.0, 0.0, 0.0).analyse();
        assert_eq!(node.classification, Classification::UnstableNode);
    }

    #[test]
    fn closed_form_by_hand() {
        // k = l = 0, a = b = 1, g = h = 1: x(t) = 1 + (x0 - 1) e^{-t}.
        let m = model(0.0, 0.0, 1.0, 1.0, 1.0, 1.0);
        let (x, y) = m.closed_form((3.0, 0.0), (1.0, 1.0), 2.0);
        assert!((x - (1.0 + 2.0 * (-2.0f64).exp())).abs() < 1e-14);
        assert!((y - (1.0 - (-2.0f64).exp())).abs() < 1e-14);
    }

    #[test]
    fn closed_form_keeps_digits_when_the_equilibrium_is_far() {
        // a = b = 1e-9, g = 1e12: x* = 1e21, x(1) = g (1 - e^{-a})/a, just under 1e12.
        let m = model(0.0, 0.0, 1e-9, 1e-9, 1e12, 0.0);
        let eq = m.analyse().equilibrium.unwrap();
        let (x, _) = m.closed_form((0.0, 0.0), eq, 1.0);
        let exact = 1e12 * -(-1e-9f64).exp_m1() / 1e-9;
        assert!((x - exact).abs() < 1e-12 * exact, "{x} vs {exact}");
    }

    #[test]
    fn integrator_matches_the_closed_form() {
        for m in [
            model(0.3, 0.5, 0.6, 0.4, 2.0, 1.0),
            model(1.0, -1.0, 1.0, 1.0, 3.0, 0.0),
            model(2.0, 2.0, 1.0, 1.0, 1.0, 1.0),
        ] {
            let eq = m.analyse().equilibrium.unwrap();
            let mut z = (1.0, 2.0);
            let dt = 0.01;
            for _ in 0..500 {
                z = m.rk4_step(z, dt);
            }
            let exact = m.closed_form((1.0, 2.0), eq, 5.0);
            let scale = 1.0 + exact.0.abs().max(exact.1.abs());
            assert!(
                (z.0 - exact.0).abs() < 1e-8 * scale,
                "{m:?}: {z:?} {exact:?}"
            );
            assert!(
                (z.1 - exact.1).abs() < 1e-8 * scale,
                "{m:?}: {z:?} {exact:?}"
            );
        }
    }

    #[test]
    fn stable_converges_unstable_diverges() {
        let stable = model(0.4, 0.3, 0.5, 0.6, 10.0, 5.0);
        let eq = stable.analyse().equilibrium.unwrap();
        let end = *stable
            .trajectory((0.0, 0.0), 200.0, 200)
            .unwrap()
            .points
            .last()
            .unwrap();
        assert!((end.x - eq.0).abs() < 1e-6 && (end.y - eq.1).abs() < 1e-6);
        let race = model(0.8, 0.9, 0.5, 0.6, 10.0, 5.0);
        assert!(!race.analyse().classification.is_stable());
        let run = race.trajectory((0.0, 0.0), 200.0, 200).unwrap();
        assert!(run.runaway_at.is_some());
        assert!(run.points.windows(2).all(|w| w[1].x > w[0].x));
    }

    #[test]
    fn degenerate_trajectory_uses_the_integrator() {
        // a b = k l: x' = y - x + 1, y' = x - y + 1: x + y grows at 2 per year.
        let m = model(1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        let end = *m
            .trajectory((0.0, 0.0), 10.0, 100)
            .unwrap()
            .points
            .last()
            .unwrap();
        assert!((end.x + end.y - 20.0).abs() < 1e-9);
    }

    #[test]
    fn bad_input_names_the_coefficient() {
        let err = model(f64::NAN, 0.0, 1.0, 1.0, 0.0, 0.0)
            .validate()
            .unwrap_err();
        assert_eq!(err.field(), Some("k"));
        let tiny = model(0.0, 0.0, 1e-300, 1e-10, 1e12, 0.0).validate();
        assert_eq!(tiny.unwrap_err().field(), Some("a"));
        let m = model(0.1, 0.1, 1.0, 1.0, 0.0, 0.0);
        assert_eq!(
            m.trajectory((0.0, 0.0), 0.0, 10).unwrap_err().field(),
            Some("years")
        );
        assert_eq!(
            m.trajectory((0.0, 0.0), 1.0, 0).unwrap_err().field(),
            Some("steps")
        );
    }
}
