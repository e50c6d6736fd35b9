//! Plutonium: production in reactors, separation by reprocessing, weapons' worth by a date.
//!
//! Production = thermal power x capacity factor x 365.25 days x grams per megawatt-day.
//! Separated plutonium by month t = stock + min(production, reprocessing) x max(0, t - delay)
//! / 12. Weapons' worth counts whole weapons only (the floor of kg / kg per weapon).

use crate::FissileError;
use crate::case::{check_range, check_uncertain};
use crate::uncertain::Uncertain;

/// Grams of plutonium per megawatt-day (thermal) in a low-burnup natural-uranium production
/// reactor: the rule of thumb of about 1 g/MWd, taken as 0.9 (Albright, Berkhout & Walker,
/// "Plutonium and Highly Enriched Uranium 1996", SIPRI/OUP 1997; quoted from secondary sources,
/// check before relying on it). With 25 MWt at a 0.7 capacity factor it gives 5.8 kg a year,
/// Hecker's "about 6 kg" for Yongbyon.
pub const DEFAULT_GRAMS_PER_MWD: f64 = 0.9;

/// A production reactor.
#[derive(Debug, Clone, PartialEq)]
pub struct Reactor {
    pub name: String,
    pub thermal_mw: Uncertain,
    pub capacity_factor: Uncertain,
    pub grams_per_mwd: Uncertain,
}

/// Reactors, reprocessing and the weapon design's plutonium need.
#[derive(Debug, Clone, PartialEq)]
pub struct PlutoniumProgram {
    pub reactors: Vec<Reactor>,
    /// Kilograms of plutonium reprocessing can separate a year; `None` for no limit.
    pub reprocessing_kg_per_year: Option<Uncertain>,
    /// Months from irradiation to separated metal (cooling, reprocessing, conversion).
    pub delay_months: Uncertain,
    /// Plutonium already separated at the start.
    pub separated_kg: Uncertain,
    pub kg_per_weapon: Uncertain,
    /// The date (months from now) for the weapons' worth figure.
    pub horizon_months: f64,
}

/// The programme's inputs resolved to numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlutoniumInputs {
    pub produced_kg_per_year: f64,
    pub reprocessing_kg_per_year: f64,
    pub delay_months: f64,
    pub separated_kg: f64,
    pub kg_per_weapon: f64,
    pub horizon_months: f64,
}

/// What the programme yields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlutoniumResult {
    pub produced_kg_per_year: f64,
    /// Production limited by reprocessing.
    pub separated_kg_per_year: f64,
    /// `None` when the stock is short and nothing is separated.
    pub months_to_first_weapon: Option<f64>,
    pub kg_at_horizon: f64,
    pub weapons_at_horizon: u32,
}

impl PlutoniumProgram {
    pub fn validate(&self) -> Vec<FissileError> {
        let mut errors = Vec::new();
        let mut check = |r: Result<(), FissileError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        for (i, r) in self.reactors.iter().enumerate() {
            let field = |name: &str| format!("plutonium.reactor[{i}].{name}");
            check(check_uncertain(
                &field("thermal_mw"),
                &r.thermal_mw,
                (0.0, 1.0e5),
            ));
            check(check_uncertain(
                &field("capacity_factor"),
                &r.capacity_factor,
                (0.0, 1.0),
            ));
            check(check_uncertain(
                &field("grams_per_mwd"),
                &r.grams_per_mwd,
                (0.0, 10.0),
            ));
        }
        if let Some(cap) = &self.reprocessing_kg_per_year {
            check(check_uncertain(
                "plutonium.reprocessing_kg_per_year",
                cap,
                (0.0, 1.0e5),
            ));
        }
        check(check_uncertain(
            "plutonium.delay_months",
            &self.delay_months,
            (0.0, 240.0),
        ));
        check(check_uncertain(
            "plutonium.separated_kg",
            &self.separated_kg,
            (0.0, 1.0e6),
        ));
        check(check_uncertain(
            "plutonium.kg_per_weapon",
            &self.kg_per_weapon,
            (0.5, 100.0),
        ));
        check(check_range(
            "plutonium.horizon_months",
            self.horizon_months,
            (0.0, 1200.0),
        ));
        errors
    }

    pub fn resolve(&self, pick: &mut impl FnMut(&Uncertain) -> f64) -> PlutoniumInputs {
        let produced_kg_per_year = self
            .reactors
            .iter()
            .map(|r| {
                let megawatt_days = pick(&r.thermal_mw) * pick(&r.capacity_factor) * 365.25;
                megawatt_days * pick(&r.grams_per_mwd) / 1000.0
            })
            .sum();
        PlutoniumInputs {
            produced_kg_per_year,
            reprocessing_kg_per_year: self
                .reprocessing_kg_per_year
                .as_ref()
                .map_or(f64::INFINITY, &mut *pick),
            delay_months: pick(&self.delay_months),
            separated_kg: pick(&self.separated_kg),
            kg_per_weapon: pick(&self.kg_per_weapon),
            horizon_months: self.horizon_months,
        }
    }
}

/// Production, separation, the first weapon's worth and the weapons' worth at the horizon.
pub fn compute(inputs: &PlutoniumInputs) -> PlutoniumResult {
    let rate = inputs
        .produced_kg_per_year
        .min(inputs.reprocessing_kg_per_year);
    let separated_by =
        |months: f64| inputs.separated_kg + rate * (months - inputs.delay_months).max(0.0) / 12.0;
    let months_to_first_weapon = if inputs.separated_kg >= inputs.kg_per_weapon {
        Some(0.0)
    } else if rate > 0.0 {
        Some(inputs.delay_months + 12.0 * (inputs.kg_per_weapon - inputs.separated_kg) / rate)
    } else {
        None
    };
    let kg_at_horizon = separated_by(inputs.horizon_months);
    PlutoniumResult {
        produced_kg_per_year: inputs.produced_kg_per_year,
        separated_kg_per_year: rate,
        months_to_first_weapon,
        kg_at_horizon,
        weapons_at_horizon: (kg_at_horizon / inputs.kg_per_weapon).floor() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yongbyon() -> PlutoniumInputs {
        let program = PlutoniumProgram {
            reactors: vec![Reactor {
                name: "5 MWe".into(),
                thermal_mw: Uncertain::Fixed(25.0),
                capacity_factor: Uncertain::Fixed(0.7),
                grams_per_mwd: Uncertain::Fixed(DEFAULT_GRAMS_PER_MWD),
            }],
            reprocessing_kg_per_year: None,
            delay_months: Uncertain::Fixed(6.0),
            separated_kg: Uncertain::Fixed(0.0),
            kg_per_weapon: Uncertain::Fixed(5.0),
            horizon_months: 30.0,
        };
        program.resolve(&mut |u| u.central())
    }

    #[test]
    fn yongbyon_makes_about_six_kilograms_a_year() {
        // Hecker 2005: about 6 kg a year (5 to 7). 25 x 0.7 x 365.25 x 0.9 g = 5.75 kg.
        let result = compute(&yongbyon());
        assert!((result.produced_kg_per_year - 5.753).abs() < 0.001);
        assert!((5.0..=7.0).contains(&result.produced_kg_per_year));
    }

    #[test]
    fn weapons_worth_counts_whole_weapons_after_the_delay() {
        let result = compute(&yongbyon());
        // 24 months of separation at 5.753 kg/yr = 11.5 kg: 2 weapons at 5 kg.
        assert!((result.kg_at_horizon - 11.506).abs() < 0.001);
        assert_eq!(result.weapons_at_horizon, 2);
        // 6 + 12 x 5 / 5.753 = 16.43 months.
        assert!((result.months_to_first_weapon.unwrap() - 16.43).abs() < 0.01);
    }

    #[test]
    fn reprocessing_caps_separation_and_nothing_separated_means_no_weapon() {
        let mut inputs = yongbyon();
        inputs.reprocessing_kg_per_year = 2.0;
        assert_eq!(compute(&inputs).separated_kg_per_year, 2.0);
        inputs.reprocessing_kg_per_year = 0.0;
        let result = compute(&inputs);
        assert_eq!(result.months_to_first_weapon, None);
        assert_eq!(result.weapons_at_horizon, 0);
    }

    #[test]
    fn carnegie_2005_weapons_from_the_separated_stock() {
        // Carnegie, 11 May 2005 (ISIS): 43 to 57 kg separated; at 4 kg a weapon 14 (from 57 kg,
        // whole weapons: floor(57 / 4) = 14); at 5 kg 8 to 11; at 8 kg 5 to 7.
        let mut inputs = yongbyon();
        inputs.produced_kg_per_year = 0.0;
        for (kg, per_weapon, weapons) in [
            (57.0, 4.0, 14),
            (43.0, 5.0, 8),
            (57.0, 5.0, 11),
            (43.0, 8.0, 5),
            (57.0, 8.0, 7),
        ] {
            inputs.separated_kg = kg;
            inputs.kg_per_weapon = per_weapon;
            assert_eq!(compute(&inputs).weapons_at_horizon, weapons);
        }
    }
}
