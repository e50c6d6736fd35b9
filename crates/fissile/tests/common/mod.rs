//! Case builders shared by the integration tests.

use reykjavik_fissile::case::{Case, NaturalFeed, Plant, SignificantQuantity, Stock};
use reykjavik_fissile::uncertain::Uncertain;

/// `machines` machines at `swu` SWU a year, efficiency `efficiency`, natural top-up, no stocks.
pub fn plant_case(machines: f64, swu: f64, efficiency: f64, quantity: SignificantQuantity) -> Case {
    Case {
        name: "test".into(),
        target_assay: 0.9,
        tails_assay: 0.003,
        significant_quantity: quantity,
        quantities: 1,
        setup_months: Uncertain::Fixed(0.0),
        stocks: Vec::new(),
        natural: Some(NaturalFeed { limit_kg: None }),
        plants: vec![Plant {
            name: "plant".into(),
            machine: "IR-1".into(),
            machines,
            swu_per_machine_year: Uncertain::Fixed(swu),
            efficiency: Uncertain::Fixed(efficiency),
        }],
        schemes: Vec::new(),
        plutonium: None,
    }
}

pub fn stock(name: &str, assay: f64, uranium_kg: f64) -> Stock {
    Stock {
        name: name.into(),
        assay,
        mass_kg: Uncertain::Fixed(uranium_kg),
        uranium_per_kg: 1.0,
        tails_assay: None,
    }
}
