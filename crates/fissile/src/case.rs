//! A breakout case: stocks, enrichment plants, batch schemes and a plutonium programme, with
//! [`Case::validate`] and the resolution of uncertain inputs into plain numbers ([`Inputs`]).

use crate::FissileError;
use crate::enrichment::NATURAL_ASSAY;
use crate::plutonium::PlutoniumProgram;
use crate::uncertain::Uncertain;

/// How much product makes one weapon's worth: a named definition, since they differ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SignificantQuantity {
    /// IAEA: 25 kg of U-235 contained in HEU (27.8 kg of product at 90 %).
    Iaea,
    /// ISIS convention: 25 kg of 90 % uranium, that is 22.5 kg of U-235.
    WeaponGrade25,
    /// Heinonen 2015: about 27 kg of product at the target assay.
    Heinonen27,
    /// A stated mass of product at the target assay.
    ProductKg(f64),
}

impl SignificantQuantity {
    /// The names a case file may use, with what they mean.
    pub const NAMES: &[(&str, &str)] = &[
        ("iaea", "25 kg of U-235 in HEU (IAEA)"),
        (
            "25kg-90pct",
            "25 kg of 90 % uranium, 22.5 kg of U-235 (ISIS)",
        ),
        (
            "27kg",
            "27 kg of product at the target assay (Heinonen 2015)",
        ),
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "iaea" => Some(Self::Iaea),
            "25kg-90pct" => Some(Self::WeaponGrade25),
            "27kg" => Some(Self::Heinonen27),
            _ => None,
        }
    }

    pub fn name(&self) -> String {
        match self {
            Self::Iaea => "iaea".into(),
            Self::WeaponGrade25 => "25kg-90pct".into(),
            Self::Heinonen27 => "27kg".into(),
            Self::ProductKg(kg) => format!("{kg} kg of product"),
        }
    }

    /// Kilograms of product at `target_assay` that make one significant quantity.
    pub fn product_kg(&self, target_assay: f64) -> f64 {
        match *self {
            Self::Iaea => 25.0 / target_assay,
            Self::WeaponGrade25 => 22.5 / target_assay,
            Self::Heinonen27 => 27.0,
            Self::ProductKg(kg) => kg,
        }
    }
}

/// A declared stock of enriched uranium.
#[derive(Debug, Clone, PartialEq)]
pub struct Stock {
    pub name: String,
    pub assay: f64,
    /// The declared mass, in the file's form (kg of U or kg of UF6).
    pub mass_kg: Uncertain,
    /// Kilograms of uranium per kilogram of `mass_kg` (1, or [`crate::enrichment::UF6_TO_U`]).
    pub uranium_per_kg: f64,
    /// Tails assay when this stock is the feed; the case's tails assay when `None`.
    pub tails_assay: Option<f64>,
}

/// An enrichment plant: machines of one type.
#[derive(Debug, Clone, PartialEq)]
pub struct Plant {
    pub name: String,
    pub machine: String,
    pub machines: f64,
    pub swu_per_machine_year: Uncertain,
    /// Cascade efficiency in (0, 1]: the share of the machines' rated separative work the
    /// breakout cascades deliver.
    pub efficiency: Uncertain,
}

/// Natural uranium to top up with when the stocks run out.
#[derive(Debug, Clone, PartialEq)]
pub struct NaturalFeed {
    /// Kilograms available; `None` for unlimited.
    pub limit_kg: Option<f64>,
}

/// A batch scheme: the product is enriched in passes through intermediate levels (for example
/// 3.5 % to 20 % to 60 % to the target) in the installed cascades, each pass with its own tails.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchScheme {
    pub name: String,
    /// Intermediate assays, ascending, below the target.
    pub levels: Vec<f64>,
    /// Tails of the pass fed at each level (same length as `levels`).
    pub tails: Vec<f64>,
    /// Cascade efficiency of the scheme, replacing the plants' (the cascades run as built).
    pub efficiency: Uncertain,
    /// The scheme's own setup delay; the case's (the same draw) when `None`.
    pub setup_months: Option<Uncertain>,
}

/// A validated breakout case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub name: String,
    pub target_assay: f64,
    /// Tails assay of natural feed and of stocks without their own.
    pub tails_assay: f64,
    pub significant_quantity: SignificantQuantity,
    /// How many significant quantities to schedule.
    pub quantities: u32,
    /// Months before production starts (reconfiguring cascades, diverting stocks).
    pub setup_months: Uncertain,
    pub stocks: Vec<Stock>,
    pub natural: Option<NaturalFeed>,
    pub plants: Vec<Plant>,
    pub schemes: Vec<BatchScheme>,
    pub plutonium: Option<PlutoniumProgram>,
}

/// The valid range of the main inputs, used by validation and the solver.
pub mod limits {
    pub const MACHINES: (f64, f64) = (0.0, 1.0e6);
    /// Up to 100,000 so that one aggregate "machine" can stand for a whole plant.
    pub const SWU_PER_MACHINE_YEAR: (f64, f64) = (0.0, 1.0e5);
    pub const URANIUM_KG: (f64, f64) = (0.0, 1.0e8);
    pub const SETUP_MONTHS: (f64, f64) = (0.0, 240.0);
    pub const QUANTITIES: (u32, u32) = (1, 1000);
}

pub(crate) fn check_range(
    field: &str,
    value: f64,
    (low, high): (f64, f64),
) -> Result<(), FissileError> {
    if value.is_finite() && (low..=high).contains(&value) {
        Ok(())
    } else {
        Err(FissileError::out_of_range(
            field,
            value,
            &format!("{low} to {high}"),
        ))
    }
}

pub(crate) fn check_uncertain(
    field: &str,
    value: &Uncertain,
    range: (f64, f64),
) -> Result<(), FissileError> {
    let (low, high) = value.bounds();
    check_range(field, low, range)?;
    check_range(field, high, range)?;
    check_range(field, value.central(), (low, high))
}

pub(crate) fn check_efficiency(field: &str, value: &Uncertain) -> Result<(), FissileError> {
    let (low, high) = value.bounds();
    for v in [low, high, value.central()] {
        if !(v > 0.0 && v <= 1.0) {
            return Err(FissileError::out_of_range(field, v, "(0, 1]"));
        }
    }
    Ok(())
}

fn check_assay(field: &str, value: f64) -> Result<(), FissileError> {
    if value > 0.0 && value < 1.0 {
        Ok(())
    } else {
        Err(FissileError::out_of_range(field, value, "(0, 1)"))
    }
}

impl Case {
    /// Every value against its range and the rules that tie fields together; all problems.
    pub fn validate(&self) -> Result<(), Vec<FissileError>> {
        let mut errors: Vec<FissileError> = Vec::new();
        let mut check = |r: Result<(), FissileError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        check(self.check_assays());
        check(self.check_quantity());
        check(check_uncertain(
            "setup_months",
            &self.setup_months,
            limits::SETUP_MONTHS,
        ));
        for (i, stock) in self.stocks.iter().enumerate() {
            check(self.check_stock(i, stock));
        }
        if let Some(natural) = &self.natural
            && let Some(limit) = natural.limit_kg
        {
            check(check_range(
                "natural_uranium.limit_kg",
                limit,
                limits::URANIUM_KG,
            ));
        }
        for (i, plant) in self.plants.iter().enumerate() {
            check(check_plant(i, plant));
        }
        for (i, scheme) in self.schemes.iter().enumerate() {
            check(self.check_scheme(i, scheme));
        }
        if let Some(pu) = &self.plutonium {
            errors.extend(pu.validate());
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn check_assays(&self) -> Result<(), FissileError> {
        check_assay("target_assay", self.target_assay)?;
        check_assay("tails_assay", self.tails_assay)?;
        if self.tails_assay >= NATURAL_ASSAY && self.natural.is_some() {
            return Err(FissileError::rule(
                "tails_assay",
                format!(
                    "assays out of order: the tails ({}) must be below natural uranium ({NATURAL_ASSAY}) to top up from it",
                    self.tails_assay
                ),
            ));
        }
        if self.target_assay <= NATURAL_ASSAY {
            return Err(FissileError::rule(
                "target_assay",
                format!(
                    "assays out of order: the target ({}) must be above natural uranium ({NATURAL_ASSAY})",
                    self.target_assay
                ),
            ));
        }
        Ok(())
    }

    fn check_quantity(&self) -> Result<(), FissileError> {
        let (low, high) = limits::QUANTITIES;
        if !(low..=high).contains(&self.quantities) {
            return Err(FissileError::out_of_range(
                "quantities",
                f64::from(self.quantities),
                &format!("{low} to {high}"),
            ));
        }
        if let SignificantQuantity::ProductKg(kg) = self.significant_quantity {
            check_range("significant_quantity.product_kg", kg, (0.001, 1.0e4))?;
        }
        Ok(())
    }

    fn check_stock(&self, i: usize, stock: &Stock) -> Result<(), FissileError> {
        let field = |name: &str| format!("stock[{i}].{name}");
        check_assay(&field("assay"), stock.assay)?;
        check_uncertain(&field("mass_kg"), &stock.mass_kg, limits::URANIUM_KG)?;
        let tails = stock.tails_assay.unwrap_or(self.tails_assay);
        let tails_field = if stock.tails_assay.is_some() {
            field("tails_assay")
        } else {
            "tails_assay".to_string()
        };
        check_assay(&tails_field, tails)?;
        if !(tails < stock.assay && stock.assay < self.target_assay) {
            return Err(FissileError::rule(
                field("assay"),
                format!(
                    "assays out of order: need tails ({tails}) < stock assay ({}) < target ({})",
                    stock.assay, self.target_assay
                ),
            ));
        }
        Ok(())
    }

    fn check_scheme(&self, i: usize, scheme: &BatchScheme) -> Result<(), FissileError> {
        let field = |name: &str| format!("batch_scheme[{i}].{name}");
        check_efficiency(&field("efficiency"), &scheme.efficiency)?;
        if let Some(setup) = &scheme.setup_months {
            check_uncertain(&field("setup_months"), setup, limits::SETUP_MONTHS)?;
        }
        if scheme.levels.is_empty() || scheme.tails.len() != scheme.levels.len() {
            return Err(FissileError::rule(
                field("tails"),
                "give one tails assay per intermediate level (and at least one level)",
            ));
        }
        let mut previous = 0.0;
        for (level, tails) in scheme.levels.iter().zip(&scheme.tails) {
            if !(previous < *level && *level < self.target_assay && 0.0 < *tails && tails < level) {
                return Err(FissileError::rule(
                    field("levels"),
                    format!(
                        "assays out of order: levels must ascend below the target ({}), each above its pass's tails (level {level}, tails {tails})",
                        self.target_assay
                    ),
                ));
            }
            previous = *level;
        }
        Ok(())
    }

    /// The inputs at their central values.
    pub fn central(&self) -> Inputs {
        self.resolve(&mut |u| u.central())
    }

    /// Plain numbers for every input, each uncertain one taken from `pick`, in file order.
    pub fn resolve(&self, pick: &mut impl FnMut(&Uncertain) -> f64) -> Inputs {
        let stocks = self
            .stocks
            .iter()
            .map(|s| StockInput {
                assay: s.assay,
                uranium_kg: pick(&s.mass_kg) * s.uranium_per_kg,
                tails_assay: s.tails_assay.unwrap_or(self.tails_assay),
            })
            .collect();
        let plants = self
            .plants
            .iter()
            .map(|p| {
                let rated = p.machines * pick(&p.swu_per_machine_year);
                (rated, rated * pick(&p.efficiency))
            })
            .collect::<Vec<_>>();
        let setup_months = pick(&self.setup_months);
        let schemes = self
            .schemes
            .iter()
            .map(|s| SchemeInput {
                efficiency: pick(&s.efficiency),
                setup_months: s.setup_months.as_ref().map_or(setup_months, &mut *pick),
            })
            .collect();
        Inputs {
            setup_months,
            stocks,
            rated_swu_per_year: plants.iter().map(|p| p.0).sum(),
            effective_swu_per_year: plants.iter().map(|p| p.1).sum(),
            schemes,
            plutonium: self.plutonium.as_ref().map(|p| p.resolve(pick)),
        }
    }

    /// Kilograms of product per significant quantity.
    pub fn quantity_kg(&self) -> f64 {
        self.significant_quantity.product_kg(self.target_assay)
    }
}

fn check_plant(i: usize, plant: &Plant) -> Result<(), FissileError> {
    let field = |name: &str| format!("plant[{i}].{name}");
    check_range(&field("machines"), plant.machines, limits::MACHINES)?;
    check_uncertain(
        &field("swu_per_machine_year"),
        &plant.swu_per_machine_year,
        limits::SWU_PER_MACHINE_YEAR,
    )?;
    check_efficiency(&field("efficiency"), &plant.efficiency)
}

/// One stock resolved to numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StockInput {
    pub assay: f64,
    pub uranium_kg: f64,
    pub tails_assay: f64,
}

/// One batch scheme's uncertain inputs resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SchemeInput {
    pub efficiency: f64,
    pub setup_months: f64,
}

/// Every uncertain input of a case as a number: one point estimate or one Monte Carlo draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub setup_months: f64,
    pub stocks: Vec<StockInput>,
    /// Machines times their rated output, summed over plants.
    pub rated_swu_per_year: f64,
    /// The same with each plant's cascade efficiency: the direct route's capacity.
    pub effective_swu_per_year: f64,
    pub schemes: Vec<SchemeInput>,
    pub plutonium: Option<crate::plutonium::PlutoniumInputs>,
}
