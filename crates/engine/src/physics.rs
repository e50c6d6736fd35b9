//! Engagement physics: one weapon against one aimpoint (model.md section 1).
//!
//! Units are in the names: `_kt` kilotons, `_m` metres, `_psi` pounds per square inch.
//! Every function returns a probability in [0, 1] or a typed error, never NaN.

use crate::error::EngineError;

/// Metres in one nautical mile (exact, by definition).
pub const METRES_PER_NMI: f64 = 1852.0;

/// CEP / sigma for a circular normal miss distance: sqrt(2 ln 2) = 1.17741.
pub const CEP_PER_SIGMA: f64 = 1.177_410_022_515_474_6;

/// The published cookie-cutter lethal-radius forms. The engine offers both by name because the
/// literature uses both and they differ by 3-6 % in radius.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LethalRadiusModel {
    /// LR[nmi] = 2.62 Y[Mt]^(1/3) / H[psi]^(1/3).
    /// Davis & Schilling, J. Conflict Resolution 17:2 (1973) p. 213; Lieber & Press,
    /// International Security 30:4 (2006) p. 41.
    #[default]
    DavisSchilling,
    /// LR[nmi] = (Y[Mt] / (0.068 h - 0.23 sqrt(h) + 0.191))^(1/3).
    /// T. Brown, Survival 18:2 (1976), as given by Richelson, AJPS 24:4 (1980) p. 786 n. 8.
    /// Fitted for hardened targets: valid from 100 psi (`limits::BROWN_1976_HARDNESS_PSI`); below
    /// about 61.5 psi it departs from Davis & Schilling by more than 10 % and at 2.1-3.7 psi its
    /// denominator is not positive.
    Brown1976,
}

impl LethalRadiusModel {
    /// The name used in scenario files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::DavisSchilling => "davis-schilling",
            Self::Brown1976 => "brown-1976",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "davis-schilling" => Some(Self::DavisSchilling),
            "brown-1976" => Some(Self::Brown1976),
            _ => None,
        }
    }

    pub const NAMES: [&'static str; 2] = ["davis-schilling", "brown-1976"];
}

/// Cookie-cutter lethal radius in metres of a `yield_kt` burst against a target of `hardness_psi`.
///
/// ```
/// use reykjavik_engine::physics::{lethal_radius_m, LethalRadiusModel};
/// let lr = lethal_radius_m(1000.0, 1000.0, LethalRadiusModel::DavisSchilling).unwrap();
/// assert!((lr - 0.262 * 1852.0).abs() < 1e-9);
/// ```
pub fn lethal_radius_m(
    yield_kt: f64,
    hardness_psi: f64,
    model: LethalRadiusModel,
) -> Result<f64, EngineError> {
    check_yield_and_hardness(yield_kt, hardness_psi, model)?;
    Ok(lethal_radius_m_of_checked(yield_kt, hardness_psi, model))
}

fn check_yield_and_hardness(
    yield_kt: f64,
    hardness_psi: f64,
    model: LethalRadiusModel,
) -> Result<(), EngineError> {
    if !(yield_kt > 0.0 && yield_kt.is_finite()) {
        return Err(EngineError::invalid("yield_kt", yield_kt, "> 0"));
    }
    let valid = crate::limits::hardness_psi(model);
    if !valid.contains(hardness_psi) {
        return Err(EngineError::invalid(
            "hardness_psi",
            hardness_psi,
            &valid.describe(),
        ));
    }
    Ok(())
}

/// [`lethal_radius_m`] of arguments known to pass its checks (a validated scenario's, or drawn
/// within the limits that validation applies): the same formula and bits, without the checks'
/// cost in Monte Carlo's kill memo, which computes a hundred radii per trial.
pub(crate) fn lethal_radius_m_of_checked(
    yield_kt: f64,
    hardness_psi: f64,
    model: LethalRadiusModel,
) -> f64 {
    debug_assert!(check_yield_and_hardness(yield_kt, hardness_psi, model).is_ok());
    let yield_mt = yield_kt / 1000.0;
    let radius_nmi = match model {
        LethalRadiusModel::DavisSchilling => 2.62 * (yield_mt / hardness_psi).cbrt(),
        LethalRadiusModel::Brown1976 => {
            // Positive over the model's valid range (>= 100 psi), which `lethal_radius_m` checks.
            let denominator = 0.068 * hardness_psi - 0.23 * hardness_psi.sqrt() + 0.191;
            (yield_mt / denominator).cbrt()
        }
    };
    radius_nmi * METRES_PER_NMI
}

/// Single-shot kill probability of a cookie cutter of radius `lethal_radius_m` against a circular
/// normal miss distance with no bias: 1 - 0.5^((LR/CEP)^2).
pub fn sspk_unbiased(lethal_radius_m: f64, cep_m: f64) -> Result<f64, EngineError> {
    check_radius_and_cep(lethal_radius_m, cep_m)?;
    Ok(unbiased_of_checked(lethal_radius_m, cep_m))
}

fn check_radius_and_cep(lethal_radius_m: f64, cep_m: f64) -> Result<(), EngineError> {
    check_cep(cep_m)?;
    if !(lethal_radius_m >= 0.0 && lethal_radius_m.is_finite()) {
        return Err(EngineError::invalid(
            "lethal_radius_m",
            lethal_radius_m,
            ">= 0",
        ));
    }
    Ok(())
}

fn unbiased_of_checked(lethal_radius_m: f64, cep_m: f64) -> f64 {
    let ratio = lethal_radius_m / cep_m;
    // -expm1 keeps precision when the kill probability is tiny.
    -(-(ratio * ratio) * std::f64::consts::LN_2).exp_m1()
}

/// Single-shot kill probability with a systematic aim-point offset `bias_m`: the Rice-distribution
/// integral 1 - Q1(b/sigma, LR/sigma) (Marcum Q), sigma = CEP / 1.1774. Equal to
/// [`sspk_unbiased`] when the bias is zero.
pub fn sspk(lethal_radius_m: f64, cep_m: f64, bias_m: f64) -> Result<f64, EngineError> {
    if !(bias_m >= 0.0 && bias_m.is_finite()) {
        return Err(EngineError::invalid("bias_m", bias_m, ">= 0"));
    }
    check_radius_and_cep(lethal_radius_m, cep_m)?;
    Ok(sspk_of_checked(lethal_radius_m, cep_m, bias_m))
}

/// [`sspk`] of arguments known to pass its checks (as [`lethal_radius_m_of_checked`]'s).
pub(crate) fn sspk_of_checked(lethal_radius_m: f64, cep_m: f64, bias_m: f64) -> f64 {
    debug_assert!(bias_m >= 0.0 && check_radius_and_cep(lethal_radius_m, cep_m).is_ok());
    if bias_m == 0.0 {
        return unbiased_of_checked(lethal_radius_m, cep_m);
    }
    let sigma = cep_m / CEP_PER_SIGMA;
    rice_cdf(lethal_radius_m / sigma, bias_m / sigma)
}

/// P(|X| <= r) for a 2-D normal vector of unit variance per axis whose mean lies at distance `a`
/// from the origin, by composite Gauss-Legendre quadrature of the Rice density.
fn rice_cdf(r: f64, a: f64) -> f64 {
    // Beyond a + 40 sigma the density is zero in double precision.
    let upper = r.min(a + 40.0);
    let lower = (a - 40.0).max(0.0);
    if upper <= lower {
        return if r >= a { 1.0 } else { 0.0 };
    }
    const PANELS: usize = 200;
    // 5-point Gauss-Legendre nodes and weights on [-1, 1].
    const NODES: [f64; 5] = [
        0.0,
        -0.538_469_310_105_683,
        0.538_469_310_105_683,
        -0.906_179_845_938_664,
        0.906_179_845_938_664,
    ];
    const WEIGHTS: [f64; 5] = [
        0.568_888_888_888_889,
        0.478_628_670_499_366,
        0.478_628_670_499_366,
        0.236_926_885_056_189,
        0.236_926_885_056_189,
    ];
    let width = (upper - lower) / PANELS as f64;
    let mut total = 0.0;
    for panel in 0..PANELS {
        let mid = lower + (panel as f64 + 0.5) * width;
        for (node, weight) in NODES.iter().zip(WEIGHTS) {
            let x = mid + 0.5 * width * node;
            // density r exp(-(r^2 + a^2)/2) I0(r a), written with the scaled Bessel function
            // exp(-z) I0(z) so nothing overflows for large offsets.
            let density = x * (-(x - a) * (x - a) / 2.0).exp() * bessel_i0_scaled(x * a);
            total += weight * density;
        }
    }
    (total * 0.5 * width).clamp(0.0, 1.0)
}

/// exp(-x) I0(x) for x >= 0, Abramowitz & Stegun 9.8.1 and 9.8.2 (relative error < 2e-7).
fn bessel_i0_scaled(x: f64) -> f64 {
    if x < 3.75 {
        let t = (x / 3.75).powi(2);
        let i0 = 1.0
            + t * (3.515_622_9
                + t * (3.089_942_4
                    + t * (1.206_749_2 + t * (0.265_973_2 + t * (0.036_076_8 + t * 0.004_581_3)))));
        i0 * (-x).exp()
    } else {
        let t = 3.75 / x;
        let poly = 0.398_942_28
            + t * (0.013_285_92
                + t * (0.002_253_19
                    + t * (-0.001_575_65
                        + t * (0.009_162_81
                            + t * (-0.020_577_06
                                + t * (0.026_355_37 + t * (-0.016_476_33 + t * 0.003_923_77)))))));
        poly / x.sqrt()
    }
}

fn check_cep(cep_m: f64) -> Result<(), EngineError> {
    if cep_m > 0.0 && cep_m.is_finite() {
        Ok(())
    } else {
        Err(EngineError::invalid("cep_m", cep_m, "> 0"))
    }
}

/// Terminal kill probability of one warhead: reliability x SSPK x penetration.
pub fn terminal_kill_probability(reliability: f64, sspk: f64, penetration: f64) -> f64 {
    reliability * sspk * penetration
}

/// Kill probability of several independent warheads on one aimpoint, of which at most
/// `max_useful` arrive usefully (fratricide, Richelson 1980 pp. 788-789): warheads beyond the cap
/// add nothing. P = 1 - prod over the first `max_useful` of (1 - TKP_j).
pub fn salvo_kill_probability(terminal_kill_probabilities: &[f64], max_useful: usize) -> f64 {
    let survival: f64 = terminal_kill_probabilities
        .iter()
        .take(max_useful)
        .map(|p| 1.0 - p)
        .product();
    1.0 - survival
}

/// Kill probability when warheads from one launcher share its reliability (common-mode failure):
/// P = R x [1 - prod(1 - SSPK_j x penetration_j)].
pub fn same_launcher_kill_probability(reliability: f64, conditional_kill: &[f64]) -> f64 {
    reliability * salvo_kill_probability(conditional_kill, usize::MAX)
}

/// Richelson's lethality (counter-military potential) of one warhead: K = Y[Mt]^(2/3) / CEP[nmi]^2.
pub fn lethality_k(yield_kt: f64, cep_m: f64) -> Result<f64, EngineError> {
    if !(yield_kt > 0.0 && yield_kt.is_finite()) {
        return Err(EngineError::invalid("yield_kt", yield_kt, "> 0"));
    }
    check_cep(cep_m)?;
    let cep_nmi = cep_m / METRES_PER_NMI;
    Ok((yield_kt / 1000.0).powf(2.0 / 3.0) / (cep_nmi * cep_nmi))
}

/// Equivalent megatons of one warhead: Y^(2/3) for Y <= 1 Mt, Y^(1/2) above
/// (Suh, J. Peace Research 60:2 (2023); Richelson 1980).
pub fn equivalent_megatons(yield_kt: f64) -> f64 {
    let yield_mt = yield_kt / 1000.0;
    if yield_mt <= 1.0 {
        yield_mt.powf(2.0 / 3.0)
    } else {
        yield_mt.sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LethalRadiusModel::*;

    fn close(actual: f64, expected: f64, tolerance: f64) {
        assert!(
            (actual - expected).abs() <= tolerance,
            "expected {expected} +/- {tolerance}, got {actual}"
        );
    }

    // model.md section 7: "LR davis-schilling" and "LR brown-1976" rows.
    #[test]
    fn lethal_radius_validation_cases() {
        let nmi = |kt, psi, model| lethal_radius_m(kt, psi, model).unwrap() / METRES_PER_NMI;
        close(nmi(1000.0, 1000.0, DavisSchilling), 0.2620, 5e-5);
        close(
            lethal_radius_m(1000.0, 1000.0, DavisSchilling).unwrap(),
            485.0,
            0.5,
        );
        close(
            lethal_radius_m(455.0, 3000.0, DavisSchilling).unwrap(),
            259.0,
            0.5,
        );
        close(
            lethal_radius_m(100.0, 3000.0, DavisSchilling).unwrap(),
            156.0,
            0.5,
        );
        close(nmi(1000.0, 1000.0, Brown1976), 0.2541, 5e-5);
        close(nmi(1000.0, 100.0, Brown1976), 0.5974, 5e-5);
    }

    // model.md section 7: SSPK rows (W88 and W76 against 3000 psi).
    #[test]
    fn sspk_validation_cases() {
        let p =
            |kt, model| sspk_unbiased(lethal_radius_m(kt, 3000.0, model).unwrap(), 90.0).unwrap();
        close(p(455.0, DavisSchilling), 0.99675, 5e-6);
        close(p(455.0, Brown1976), 0.99462, 5e-6);
        close(p(100.0, DavisSchilling), 0.876, 5e-4);
        close(p(100.0, Brown1976), 0.851, 5e-4);
        let tkp = terminal_kill_probability(0.8, p(455.0, DavisSchilling), 1.0);
        close(tkp, 0.7974, 5e-5);
        close(salvo_kill_probability(&[tkp, tkp], 2), 0.9590, 5e-5);
    }

    // model.md section 7: 2 W88 on each of 85 silos at 3000 psi, R 0.8: 3.49 expected survivors.
    #[test]
    fn eighty_five_silos_leave_three_and_a_half_survivors() {
        let sspk = sspk_unbiased(
            lethal_radius_m(455.0, 3000.0, DavisSchilling).unwrap(),
            90.0,
        )
        .unwrap();
        let tkp = terminal_kill_probability(0.8, sspk, 1.0);
        let survivors = 85.0 * (1.0 - salvo_kill_probability(&[tkp, tkp], 2));
        close(survivors, 3.49, 5e-3);
    }

    #[test]
    fn fratricide_cap_ignores_extra_warheads() {
        close(salvo_kill_probability(&[0.5, 0.5, 0.5], 2), 0.75, 1e-12);
        close(salvo_kill_probability(&[0.5, 0.5, 0.5], 3), 0.875, 1e-12);
    }

    #[test]
    fn shared_launcher_failure_is_worse_than_independent() {
        // Two warheads with SSPK 0.9 from one missile of reliability 0.8: 0.8 x 0.99 = 0.792,
        // against 1 - 0.28^2 = 0.9216 from two missiles.
        close(
            same_launcher_kill_probability(0.8, &[0.9, 0.9]),
            0.792,
            1e-12,
        );
        close(salvo_kill_probability(&[0.72, 0.72], 2), 0.9216, 1e-12);
    }

    // Richelson 1980 pp. 786-787 and Suh 2023: model.md section 7 rows "lethality K" and "EMT".
    #[test]
    fn lethality_and_emt_validation_cases() {
        close(lethality_k(1000.0, METRES_PER_NMI).unwrap(), 1.0, 1e-12);
        close(lethality_k(8000.0, METRES_PER_NMI).unwrap(), 4.0, 1e-12);
        close(
            lethality_k(1000.0, METRES_PER_NMI / 8.0).unwrap(),
            64.0,
            1e-9,
        );
        close(10.0 * equivalent_megatons(40.0), 1.17, 5e-3);
        close(equivalent_megatons(25_000.0), 5.0, 1e-12);
        close(100.0 * equivalent_megatons(3000.0), 173.205, 5e-4);
    }

    /// The Rice CDF as a Poisson mixture of central chi-square CDFs: an independent formula.
    fn rice_cdf_by_series(r: f64, a: f64) -> f64 {
        let lambda_half = a * a / 2.0;
        let x_half = r * r / 2.0;
        let mut total = 0.0;
        let mut poisson = (-lambda_half).exp();
        for j in 0..400 {
            if j > 0 {
                poisson *= lambda_half / j as f64;
            }
            // P(chi2 with 2(j+1) dof <= r^2) = 1 - exp(-x/2) sum_{i<=j} (x/2)^i / i!
            let mut term = 1.0;
            let mut partial = 1.0;
            for i in 1..=j {
                term *= x_half / i as f64;
                partial += term;
            }
            total += poisson * (1.0 - (-x_half).exp() * partial);
        }
        total
    }

    #[test]
    fn biased_sspk_matches_an_independent_series() {
        for (lr, cep, bias) in [
            (259.0, 90.0, 50.0),
            (156.0, 90.0, 120.0),
            (300.0, 200.0, 400.0),
        ] {
            let sigma = cep / CEP_PER_SIGMA;
            let expected = rice_cdf_by_series(lr / sigma, bias / sigma);
            close(sspk(lr, cep, bias).unwrap(), expected, 1e-6);
        }
        // A bias can only lower the kill probability of a centred cookie cutter.
        assert!(sspk(259.0, 90.0, 100.0).unwrap() < sspk(259.0, 90.0, 0.0).unwrap());
    }

    #[test]
    fn tiny_bias_matches_unbiased_form() {
        let unbiased = sspk_unbiased(200.0, 150.0).unwrap();
        close(sspk(200.0, 150.0, 1e-6).unwrap(), unbiased, 1e-6);
    }

    #[test]
    fn bad_physical_inputs_are_errors_not_nan() {
        assert!(lethal_radius_m(0.0, 1000.0, DavisSchilling).is_err());
        assert!(lethal_radius_m(100.0, -1.0, DavisSchilling).is_err());
        assert!(lethal_radius_m(100.0, f64::NAN, DavisSchilling).is_err());
        assert!(lethal_radius_m(100.0, 3.0, Brown1976).is_err());
        // Outside its fit (issue 7 item 7: 12.8 km against 3.1 km at 4 psi) brown-1976 refuses.
        assert!(lethal_radius_m(1000.0, 4.0, Brown1976).is_err());
        assert!(lethal_radius_m(1000.0, 99.0, Brown1976).is_err());
        // Below the softest target the blast model represents, the radius would overflow.
        assert!(lethal_radius_m(1000.0, 1e-309, DavisSchilling).is_err());
        let softest = lethal_radius_m(100_000.0, 0.5, DavisSchilling).unwrap();
        assert!(softest.is_finite() && softest < 300_000.0);
        assert!(sspk_unbiased(100.0, 0.0).is_err());
        assert!(sspk(100.0, 50.0, -1.0).is_err());
        assert!(lethality_k(100.0, 0.0).is_err());
    }
}
