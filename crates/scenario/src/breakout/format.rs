//! The breakout case format: serde types that mirror the TOML one to one. Unknown fields are
//! errors; every number is checked against its range in `convert`. Documented in docs/breakout.md.

use schemars::JsonSchema;
use serde::Deserialize;

pub use crate::number::Num;

/// A breakout case: stocks, enrichment plants, optional batch schemes and plutonium.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub name: String,
    /// One line shown by `reykjavik breakout --list`.
    pub description: String,
    /// Where the numbers come from (free text).
    #[serde(default)]
    pub sources: Vec<String>,
    /// U-235 fraction of the product (0.9 for weapon-grade).
    pub target_assay: f64,
    /// Tails assay of natural feed and of stocks without their own.
    pub tails_assay: f64,
    /// A named definition (`iaea`, `25kg-90pct`, `27kg`) or `{ product_kg = X }`.
    pub significant_quantity: SignificantQuantityFile,
    /// How many significant quantities to schedule (default 1).
    #[serde(default)]
    pub quantities: Option<u32>,
    /// Months before production starts (default 0).
    #[serde(default)]
    pub setup_months: Option<Num>,
    /// Top-up from natural uranium when the stocks run out (default: unlimited natural uranium).
    #[serde(default)]
    pub natural_uranium: Option<NaturalUraniumFile>,
    #[serde(default)]
    pub stock: Vec<StockFile>,
    #[serde(default)]
    pub plant: Vec<PlantFile>,
    #[serde(default)]
    pub batch_scheme: Vec<BatchSchemeFile>,
    #[serde(default)]
    pub plutonium: Option<PlutoniumFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SignificantQuantityFile {
    Name(String),
    Custom(CustomQuantityFile),
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomQuantityFile {
    pub product_kg: f64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NaturalUraniumFile {
    /// Whether natural uranium can top up the stocks (default true).
    #[serde(default)]
    pub available: Option<bool>,
    /// Kilograms of natural uranium available (default unlimited).
    #[serde(default)]
    pub limit_kg: Option<f64>,
}

/// The chemical form a stock's mass is given in.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema, PartialEq, Eq)]
pub enum Form {
    /// Kilograms of uranium (the default).
    #[default]
    U,
    /// Kilograms of UF6, converted at 0.676 kg of uranium per kg.
    UF6,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StockFile {
    pub name: String,
    /// U-235 fraction.
    pub assay: f64,
    /// Kilograms, in `form`.
    pub mass_kg: Num,
    #[serde(default)]
    pub form: Form,
    /// Tails assay when this stock is the feed (default: the case's).
    #[serde(default)]
    pub tails_assay: Option<f64>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlantFile {
    pub name: String,
    pub machine: String,
    /// A whole number of machines.
    pub machines: f64,
    pub swu_per_machine_year: Num,
    /// Cascade efficiency in (0, 1] (default 1: ideal cascades).
    #[serde(default)]
    pub efficiency: Option<Num>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchSchemeFile {
    pub name: String,
    /// Intermediate assays, ascending.
    pub levels: Vec<f64>,
    /// Tails of the pass fed at each level.
    pub tails: Vec<f64>,
    /// Cascade efficiency of the scheme (default 1).
    #[serde(default)]
    pub efficiency: Option<Num>,
    /// Setup months of the scheme (default: the case's).
    #[serde(default)]
    pub setup_months: Option<Num>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlutoniumFile {
    #[serde(default)]
    pub reactor: Vec<ReactorFile>,
    /// Kilograms a year reprocessing can separate (default: no limit).
    #[serde(default)]
    pub reprocessing_kg_per_year: Option<Num>,
    /// Months from irradiation to separated plutonium (default 0).
    #[serde(default)]
    pub delay_months: Option<Num>,
    /// Plutonium already separated (default 0).
    #[serde(default)]
    pub separated_kg: Option<Num>,
    pub kg_per_weapon: Num,
    /// Months from now for the weapons' worth figure (default 12).
    #[serde(default)]
    pub horizon_months: Option<f64>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReactorFile {
    pub name: String,
    pub thermal_mw: Num,
    pub capacity_factor: Num,
    /// Grams of plutonium per megawatt-day (default 0.9).
    #[serde(default)]
    pub grams_per_mwd: Option<Num>,
    #[serde(default)]
    pub source: Option<String>,
}
