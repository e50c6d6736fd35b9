//! Valid ranges of every numeric input, defined once: the engine validates against them and the
//! scenario layer reports them (and, later, truncates distributions to them).

/// A closed or half-open interval, optionally integer-valued.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub min: f64,
    pub max: f64,
    /// The lower bound itself is not allowed (yield, CEP, w80 must be > 0).
    pub min_exclusive: bool,
    pub integer: bool,
}

impl Limit {
    const fn real(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
            integer: false,
        }
    }
    const fn positive(max: f64) -> Self {
        Self {
            min: 0.0,
            max,
            min_exclusive: true,
            integer: false,
        }
    }
    const fn count(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
            integer: true,
        }
    }

    pub fn contains(&self, value: f64) -> bool {
        value.is_finite()
            && (if self.min_exclusive {
                value > self.min
            } else {
                value >= self.min
            })
            && value <= self.max
            && (!self.integer || value.fract() == 0.0)
    }

    /// The range in words, for error messages: "0 to 1", "> 0 and <= 100000", "an integer 0 to 50000".
    pub fn describe(&self) -> String {
        let fmt = |v: f64| {
            if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{}", v as i64)
            } else {
                format!("{v}")
            }
        };
        let range = if self.min_exclusive {
            format!("> {} and <= {}", fmt(self.min), fmt(self.max))
        } else {
            format!("{} to {}", fmt(self.min), fmt(self.max))
        };
        if self.integer {
            format!("an integer {range}")
        } else {
            range
        }
    }
}

pub const PROBABILITY: Limit = Limit::real(0.0, 1.0);
/// Largest arsenals ever fielded were ~70,000 warheads in all; per element far fewer.
pub const LAUNCHERS: Limit = Limit::count(0.0, 100_000.0);
/// Largest MIRV loads discussed publicly are 10-15 (SS-18, Sarmat claims); bombers carry up to 20 ALCMs.
pub const WARHEADS_PER_LAUNCHER: Limit = Limit::count(1.0, 64.0);
/// Tsar Bomba was ~50 Mt.
pub const YIELD_KT: Limit = Limit::positive(100_000.0);
pub const CEP_M: Limit = Limit::positive(100_000.0);
pub const BIAS_M: Limit = Limit::real(0.0, 100_000.0);
/// 0.5 psi breaks windows; the hardest claimed silos are ~25,000 psi.
pub const HARDNESS_PSI: Limit = Limit::positive(100_000.0);
pub const LAUNCHERS_PER_AIMPOINT: Limit = Limit::count(1.0, 10_000.0);
pub const W80: Limit = Limit::positive(1_000_000.0);
pub const MAX_WARHEADS_PER_AIMPOINT: Limit = Limit::count(1.0, 16.0);
pub const COST_EXPONENT: Limit = Limit::positive(10.0);
pub const COST_SURCHARGE: Limit = Limit::real(0.0, 10.0);
pub const INTERCEPTORS: Limit = Limit::count(0.0, 1_000_000.0);
pub const INTERCEPTORS_PER_RV: Limit = Limit::count(1.0, 64.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_reject_what_they_should() {
        assert!(PROBABILITY.contains(0.0) && PROBABILITY.contains(1.0));
        assert!(!PROBABILITY.contains(1.0001) && !PROBABILITY.contains(f64::NAN));
        assert!(!YIELD_KT.contains(0.0) && YIELD_KT.contains(0.001));
        assert!(!LAUNCHERS.contains(-1.0) && !LAUNCHERS.contains(2.5) && LAUNCHERS.contains(400.0));
        assert_eq!(LAUNCHERS.describe(), "an integer 0 to 100000");
        assert_eq!(YIELD_KT.describe(), "> 0 and <= 100000");
    }
}
