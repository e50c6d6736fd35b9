//! Separative work and mass balance of one enrichment step (Whitley, Rev. Mod. Phys. 56:41,
//! 1984, appendix A): with feed, product and tails assays x_f, x_p, x_t (U-235 mass fractions),
//!
//! F = P (x_p - x_t) / (x_f - x_t),  T = F - P,
//! SWU = P V(x_p) + T V(x_t) - F V(x_f),  V(x) = (1 - 2x) ln((1 - x) / x).

use crate::FissileError;

/// U-235 share of natural uranium.
pub const NATURAL_ASSAY: f64 = 0.00711;

/// Kilograms of uranium in a kilogram of UF6 (238.03 / 352.02, rounded as the IAEA and ISIS
/// quote it: 300 kg of UF6 is 202.8 kg of uranium).
pub const UF6_TO_U: f64 = 0.676;

/// The value function V(x) of an assay x in (0, 1).
pub fn value(x: f64) -> f64 {
    (1.0 - 2.0 * x) * ((1.0 - x) / x).ln()
}

/// The assays of one enrichment step, checked: 0 < tails < feed < product < 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assays {
    pub feed: f64,
    pub product: f64,
    pub tails: f64,
}

impl Assays {
    /// Checks the order of the assays; `field` names the step in errors.
    pub fn new(feed: f64, product: f64, tails: f64, field: &str) -> Result<Self, FissileError> {
        let ordered = 0.0 < tails && tails < feed && feed < product && product < 1.0;
        if !ordered {
            return Err(FissileError::rule(
                field,
                format!(
                    "assays out of order: need 0 < tails ({tails}) < feed ({feed}) < product ({product}) < 1"
                ),
            ));
        }
        Ok(Self {
            feed,
            product,
            tails,
        })
    }

    /// Kilograms of feed per kilogram of product.
    pub fn feed_per_product(&self) -> f64 {
        (self.product - self.tails) / (self.feed - self.tails)
    }

    /// Separative work (kg-SWU) per kilogram of product.
    pub fn swu_per_product(&self) -> f64 {
        let feed = self.feed_per_product();
        value(self.product) + (feed - 1.0) * value(self.tails) - feed * value(self.feed)
    }

    /// The step that makes `product_kg` of product.
    pub fn step(&self, product_kg: f64) -> Step {
        let feed_kg = product_kg * self.feed_per_product();
        Step {
            assays: *self,
            feed_kg,
            product_kg,
            tails_kg: feed_kg - product_kg,
            swu: product_kg * self.swu_per_product(),
        }
    }
}

/// One enrichment step with its masses and separative work.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub assays: Assays,
    pub feed_kg: f64,
    pub product_kg: f64,
    pub tails_kg: f64,
    pub swu: f64,
}

impl Step {
    /// The larger of the uranium and the U-235 imbalance, in kilograms (zero up to rounding).
    pub fn mass_balance_error(&self) -> f64 {
        let uranium = self.feed_kg - self.product_kg - self.tails_kg;
        let u235 = self.feed_kg * self.assays.feed
            - self.product_kg * self.assays.product
            - self.tails_kg * self.assays.tails;
        uranium.abs().max(u235.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn natural_to(product: f64, tails: f64) -> Assays {
        Assays::new(NATURAL_ASSAY, product, tails, "step").unwrap()
    }

    #[test]
    fn value_function_matches_the_reference_values() {
        // validation-next.md section 1 [C].
        for (x, v) in [
            (0.9, 1.7578),
            (0.00711, 4.8689),
            (0.003, 5.7713),
            (0.6, 0.0811),
            (0.2, 0.8318),
        ] {
            assert!((value(x) - v).abs() < 5e-5, "V({x}) = {}", value(x));
        }
    }

    #[test]
    fn one_kg_of_3_5_percent_product_from_natural_uranium() {
        // The textbook example (validation-next.md F1).
        let at_025 = natural_to(0.035, 0.0025).step(1.0);
        assert!((at_025.swu - 4.81).abs() < 0.005, "{}", at_025.swu);
        assert!((at_025.feed_kg - 7.05).abs() < 0.005, "{}", at_025.feed_kg);
        let at_030 = natural_to(0.035, 0.003).step(1.0);
        assert!((at_030.swu - 4.34).abs() < 0.005, "{}", at_030.swu);
        assert!((at_030.feed_kg - 7.79).abs() < 0.005, "{}", at_030.feed_kg);
    }

    #[test]
    fn one_significant_quantity_of_90_percent_from_natural_uranium() {
        // F2: 25 kg at 90 %, 0.3 % tails: about 4,823 SWU and 5,456 kg of feed; 27 kg: 5,209 SWU.
        let step = natural_to(0.9, 0.003).step(25.0);
        assert!((step.swu - 4823.0).abs() < 1.0, "{}", step.swu);
        assert!((step.feed_kg - 5456.0).abs() < 1.0, "{}", step.feed_kg);
        assert!((natural_to(0.9, 0.003).step(27.0).swu - 5209.0).abs() < 1.0);
    }

    #[test]
    fn from_20_and_60_percent_feed() {
        // F3: 389 SWU and 116 kg from 20 % (0.711 % tails); 67.1 SWU, 40.0 kg from 60 % (10 %).
        let from_20 = Assays::new(0.2, 0.9, 0.00711, "s").unwrap().step(25.0);
        assert!((from_20.swu - 389.0).abs() < 0.5, "{}", from_20.swu);
        assert!((from_20.feed_kg - 116.0).abs() < 0.5, "{}", from_20.feed_kg);
        let from_60 = Assays::new(0.6, 0.9, 0.1, "s").unwrap().step(25.0);
        assert!((from_60.swu - 67.1).abs() < 0.05, "{}", from_60.swu);
        assert!((from_60.feed_kg - 40.0).abs() < 0.05, "{}", from_60.feed_kg);
    }

    #[test]
    fn uf6_conversion_matches_the_jcpoa_figure() {
        assert!((300.0 * UF6_TO_U - 202.8).abs() < 1e-9);
    }

    #[test]
    fn assays_out_of_order_are_rejected() {
        assert!(Assays::new(0.00711, 0.9, 0.00711, "s").is_err()); // tails = feed
        assert!(Assays::new(0.00711, 0.9, 0.01, "s").is_err()); // tails > feed
        assert!(Assays::new(0.2, 0.2, 0.003, "s").is_err()); // product = feed
        assert!(Assays::new(0.2, 0.1, 0.003, "s").is_err()); // product < feed
        assert!(Assays::new(0.2, 1.0, 0.003, "s").is_err());
        assert!(Assays::new(0.2, 0.9, 0.0, "s").is_err());
    }
}
