//! Valid ranges of every numeric input, defined once: the engine validates against them, the
//! scenario layer reports them and truncates distributions to them. Every range is one the engine
//! computes over without overflow (tested at both ends of every range).

use crate::physics::LethalRadiusModel;

/// A closed or half-open interval, optionally integer-valued.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub min: f64,
    pub max: f64,
    /// The lower bound itself is not allowed (yield, CEP, w80 must be > 0).
    pub min_exclusive: bool,
    pub integer: bool,
    /// Why the range stops where it does, when that is not obvious (shown in error messages).
    pub reason: &'static str,
}

impl Limit {
    const fn real(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
            integer: false,
            reason: "",
        }
    }
    const fn positive(max: f64) -> Self {
        Self {
            min: 0.0,
            max,
            min_exclusive: true,
            integer: false,
            reason: "",
        }
    }
    const fn count(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
            integer: true,
            reason: "",
        }
    }
    const fn because(self, reason: &'static str) -> Self {
        Self { reason, ..self }
    }

    /// The smallest valid value: the next number above an exclusive lower bound, so that a
    /// distribution truncated to [lowest, max] never yields the excluded bound itself.
    pub fn lowest(&self) -> f64 {
        if self.min_exclusive {
            self.min.next_up()
        } else {
            self.min
        }
    }

    /// Whether `value` lies in the range, whole or not (a distribution's bounds on a count field
    /// need not be whole: its draws are rounded).
    pub fn in_range(&self, value: f64) -> bool {
        value.is_finite() && value >= self.lowest() && value <= self.max
    }

    pub fn contains(&self, value: f64) -> bool {
        self.in_range(value) && (!self.integer || value.fract() == 0.0)
    }

    /// The range in words, for error messages: "0 to 1", "> 0 and <= 100000", "an integer 0 to 50000".
    pub fn describe(&self) -> String {
        let range = if self.min_exclusive {
            format!("> {} and <= {}", show(self.min), show(self.max))
        } else {
            format!("{} to {}", show(self.min), show(self.max))
        };
        let range = if self.integer {
            format!("an integer {range}")
        } else {
            range
        };
        if self.reason.is_empty() {
            range
        } else {
            format!("{range}: {}", self.reason)
        }
    }
}

/// A number as a person reads it in a message: plain between 1e-6 and 1e15, else short
/// scientific (`1e308`, not 309 digits).
pub fn show(value: f64) -> String {
    let magnitude = value.abs();
    if value == 0.0 || (1e-6..1e15).contains(&magnitude) || !value.is_finite() {
        format!("{value}")
    } else {
        format!("{value:e}")
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
/// 0.5 psi breaks windows; the hardest claimed silos are ~25,000 psi. Below 0.5 psi a burst
/// destroys nothing a target list holds, and the cube-root radius grows without bound (at
/// 1e-309 psi it overflows), so the range stops there.
pub const HARDNESS_PSI: Limit = Limit::real(0.5, 100_000.0)
    .because("0.5 psi, the overpressure that breaks windows, is the softest target the blast model represents");
/// The `brown-1976` fit (T. Brown 1976) is for hardened targets: its denominator
/// 0.068 h - 0.23 sqrt(h) + 0.191 is not positive from 2.1 to 3.7 psi, and below about 61.5 psi its
/// radius exceeds Davis & Schilling's by more than 10 % (1.57 x at 10 psi, 4.2 x at 4 psi). From
/// 100 psi up the two agree within 6 %.
pub const BROWN_1976_HARDNESS_PSI: Limit = Limit::real(100.0, 100_000.0).because(
    "the brown-1976 fit is for hardened targets; below 100 psi it departs from davis-schilling (1.57 x at 10 psi, 4.2 x at 4 psi; undefined at 2.1-3.7 psi): use davis-schilling for softer targets",
);

/// The valid hardness range under a lethal-radius model.
pub fn hardness_psi(model: LethalRadiusModel) -> Limit {
    match model {
        LethalRadiusModel::DavisSchilling => HARDNESS_PSI,
        LethalRadiusModel::Brown1976 => BROWN_1976_HARDNESS_PSI,
    }
}
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

    #[test]
    fn exclusive_bounds_have_a_lowest_valid_value() {
        assert!(CEP_M.lowest() > 0.0 && CEP_M.contains(CEP_M.lowest()));
        assert_eq!(PROBABILITY.lowest(), 0.0);
        assert!(LAUNCHERS.in_range(2.5) && !LAUNCHERS.contains(2.5));
        assert!(!CEP_M.in_range(0.0));
    }

    #[test]
    fn numbers_in_messages_are_short() {
        assert_eq!(show(1e308), "1e308");
        assert_eq!(show(1e-320), "1e-320");
        assert_eq!(show(2000.0), "2000");
        assert_eq!(show(0.25), "0.25");
    }

    // The brown-1976 range starts where the fit agrees with davis-schilling within 10 %.
    #[test]
    fn brown_range_starts_where_the_fit_agrees() {
        use crate::physics::lethal_radius_m;
        let ratio = |h: f64| {
            lethal_radius_m(1000.0, h, LethalRadiusModel::Brown1976).unwrap()
                / lethal_radius_m(1000.0, h, LethalRadiusModel::DavisSchilling).unwrap()
        };
        let lowest = BROWN_1976_HARDNESS_PSI.min;
        assert!((ratio(lowest) - 1.0).abs() < 0.06, "{}", ratio(lowest));
        for h in [lowest, 300.0, 1000.0, 10_000.0, 100_000.0] {
            assert!((ratio(h) - 1.0).abs() <= 0.1, "{h} psi: {}", ratio(h));
        }
        assert!(!hardness_psi(LethalRadiusModel::Brown1976).contains(10.0));
        assert!(hardness_psi(LethalRadiusModel::DavisSchilling).contains(10.0));
    }
}
