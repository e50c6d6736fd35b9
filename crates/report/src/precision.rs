//! The precision of the `analyze` text report's headline figures (index, costs, damages,
//! ratios): as many significant digits as the scenario's inputs support (issue 7, "The report
//! states its regime"). When any input is given as a distribution (every [U] number of the
//! built-ins ships as a triangular range), 2 significant digits; with every input fixed, 3.
//! JSON keeps full precision.

use reykjavik_engine::model::Scenario;

/// Significant digits for the headline figures of one scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Precision {
    pub digits: usize,
    /// Inputs given as distributions (the reason for fewer digits).
    pub uncertain_inputs: usize,
}

impl Precision {
    pub fn of(scenario: &Scenario) -> Self {
        let uncertain_inputs = scenario.uncertain.len();
        Self {
            digits: if uncertain_inputs > 0 { 2 } else { 3 },
            uncertain_inputs,
        }
    }

    /// `x` to this many significant digits (a figure in [0, 1] or a little above).
    pub fn show(&self, x: f64) -> String {
        significant(x, self.digits)
    }

    /// The line that says why the figures have this many digits.
    pub fn note(&self) -> String {
        if self.uncertain_inputs > 0 {
            format!(
                "Index, costs, damages and ratios to {} significant digits: {} inputs are uncertain (ranges or distributions). JSON keeps full precision.",
                self.digits, self.uncertain_inputs
            )
        } else {
            format!(
                "Index, costs, damages and ratios to {} significant digits (every input fixed). JSON keeps full precision.",
                self.digits
            )
        }
    }
}

/// `x` rounded to `digits` significant digits, in plain decimal notation (0 as `0.0`, `0.00`,
/// ...; never NaN: the engine returns none, and a non-finite value would show as `n/a`).
pub fn significant(x: f64, digits: usize) -> String {
    let digits = digits.max(1);
    if !x.is_finite() {
        return "n/a".into();
    }
    if x == 0.0 {
        return format!("{:.*}", digits - 1, 0.0);
    }
    let decimals = |v: f64| (digits as i32 - 1 - v.abs().log10().floor() as i32).max(0) as usize;
    let first = decimals(x);
    // Rounding can add a digit before the point (0.996 -> 1.00 at 2): count again.
    let rounded: f64 = format!("{x:.first$}").parse().unwrap_or(x);
    let places = if rounded == 0.0 {
        first
    } else {
        decimals(rounded)
    };
    format!("{x:.places$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_the_significant_digits_asked() {
        assert_eq!(significant(0.3368, 3), "0.337");
        assert_eq!(significant(0.3368, 2), "0.34");
        assert_eq!(significant(0.04567, 2), "0.046");
        assert_eq!(significant(0.9996, 3), "1.00");
        assert_eq!(significant(0.996, 2), "1.0");
        assert_eq!(significant(1.0, 2), "1.0");
        assert_eq!(significant(0.0, 2), "0.0");
        assert_eq!(significant(f64::NAN, 3), "n/a");
    }
}
