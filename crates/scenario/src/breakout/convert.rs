//! File types to a validated `reykjavik_fissile::case::Case`. Problems are collected as
//! (field path, message) so that `mod.rs` can point at them in the file.

use reykjavik_fissile::case::{BatchScheme, Case, NaturalFeed, Plant, SignificantQuantity, Stock};
use reykjavik_fissile::enrichment::UF6_TO_U;
use reykjavik_fissile::plutonium::{DEFAULT_GRAMS_PER_MWD, PlutoniumProgram, Reactor};
use reykjavik_fissile::uncertain::Uncertain;

use super::format::{
    BatchSchemeFile, CaseFile, Form, Num, PlantFile, PlutoniumFile, SignificantQuantityFile,
    StockFile,
};

/// A problem with one field: (path, message).
pub type Problem = (Option<String>, String);

/// Converts and validates; every problem found.
pub fn to_case(file: &CaseFile) -> Result<Case, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut num = |field: String, value: &Num| uncertain(field, value, &mut problems);
    let setup_months = num(
        "setup_months".into(),
        &file.setup_months.unwrap_or(Num::Fixed(0.0)),
    );
    let stocks = file
        .stock
        .iter()
        .enumerate()
        .map(|(i, s)| stock(i, s, &mut num))
        .collect();
    let plants = file
        .plant
        .iter()
        .enumerate()
        .map(|(i, p)| plant(i, p, &mut num))
        .collect();
    let schemes = file
        .batch_scheme
        .iter()
        .enumerate()
        .map(|(i, s)| scheme(i, s, &mut num))
        .collect();
    let plutonium = file.plutonium.as_ref().map(|p| plutonium(p, &mut num));
    let significant_quantity = quantity(&file.significant_quantity, &mut problems);
    for (i, p) in file.plant.iter().enumerate() {
        if p.machines.fract() != 0.0 {
            problems.push((
                Some(format!("plant[{i}].machines")),
                format!("a whole number of machines, not {}", p.machines),
            ));
        }
    }
    let case = Case {
        name: file.name.clone(),
        target_assay: file.target_assay,
        tails_assay: file.tails_assay,
        significant_quantity,
        quantities: file.quantities.unwrap_or(1),
        setup_months,
        stocks,
        natural: natural(file),
        plants,
        schemes,
        plutonium,
    };
    if let Err(errors) = case.validate() {
        problems.extend(
            errors
                .into_iter()
                .map(|e| (e.field().map(str::to_string), e.to_string())),
        );
    }
    if problems.is_empty() {
        Ok(case)
    } else {
        Err(problems)
    }
}

/// A `Num` as an `Uncertain`; a normal distribution is not offered for breakout inputs.
fn uncertain(field: String, value: &Num, problems: &mut Vec<Problem>) -> Uncertain {
    match *value {
        Num::Fixed(v) => Uncertain::Fixed(v),
        Num::Uniform([low, high]) => {
            if low > high {
                problems.push((
                    Some(field),
                    format!("uniform bounds out of order: {low} > {high}"),
                ));
            }
            Uncertain::Uniform { low, high }
        }
        Num::Triangular([low, mode, high]) => {
            if !(low <= mode && mode <= high) {
                problems.push((
                    Some(field),
                    format!("triangular needs low <= mode <= high, got [{low}, {mode}, {high}]"),
                ));
            }
            Uncertain::Triangular { low, mode, high }
        }
        Num::Normal { mean, .. } => {
            problems.push((
                Some(field),
                "breakout inputs take a number, { uniform = [a, b] } or { triangular = [a, mode, b] }, not a normal distribution".into(),
            ));
            Uncertain::Fixed(mean)
        }
    }
}

fn quantity(file: &SignificantQuantityFile, problems: &mut Vec<Problem>) -> SignificantQuantity {
    match file {
        SignificantQuantityFile::Custom(c) => SignificantQuantity::ProductKg(c.product_kg),
        SignificantQuantityFile::Name(name) => SignificantQuantity::from_name(name)
            .unwrap_or_else(|| {
                let known: Vec<String> = SignificantQuantity::NAMES
                    .iter()
                    .map(|(n, meaning)| format!("`{n}` ({meaning})"))
                    .collect();
                problems.push((
                    Some("significant_quantity".into()),
                    format!(
                        "unknown significant quantity `{name}`: use one of {}, or {{ product_kg = X }}",
                        known.join(", ")
                    ),
                ));
                SignificantQuantity::Iaea
            }),
    }
}

fn natural(file: &CaseFile) -> Option<NaturalFeed> {
    match &file.natural_uranium {
        None => Some(NaturalFeed { limit_kg: None }),
        Some(n) if n.available == Some(false) => None,
        Some(n) => Some(NaturalFeed {
            limit_kg: n.limit_kg,
        }),
    }
}

fn stock(i: usize, file: &StockFile, num: &mut impl FnMut(String, &Num) -> Uncertain) -> Stock {
    Stock {
        name: file.name.clone(),
        assay: file.assay,
        mass_kg: num(format!("stock[{i}].mass_kg"), &file.mass_kg),
        uranium_per_kg: if file.form == Form::UF6 {
            UF6_TO_U
        } else {
            1.0
        },
        tails_assay: file.tails_assay,
    }
}

fn plant(i: usize, file: &PlantFile, num: &mut impl FnMut(String, &Num) -> Uncertain) -> Plant {
    Plant {
        name: file.name.clone(),
        machine: file.machine.clone(),
        machines: file.machines,
        swu_per_machine_year: num(
            format!("plant[{i}].swu_per_machine_year"),
            &file.swu_per_machine_year,
        ),
        efficiency: num(
            format!("plant[{i}].efficiency"),
            &file.efficiency.unwrap_or(Num::Fixed(1.0)),
        ),
    }
}

fn scheme(
    i: usize,
    file: &BatchSchemeFile,
    num: &mut impl FnMut(String, &Num) -> Uncertain,
) -> BatchScheme {
    BatchScheme {
        name: file.name.clone(),
        levels: file.levels.clone(),
        tails: file.tails.clone(),
        efficiency: num(
            format!("batch_scheme[{i}].efficiency"),
            &file.efficiency.unwrap_or(Num::Fixed(1.0)),
        ),
        setup_months: file
            .setup_months
            .as_ref()
            .map(|n| num(format!("batch_scheme[{i}].setup_months"), n)),
    }
}

fn plutonium(
    file: &PlutoniumFile,
    num: &mut impl FnMut(String, &Num) -> Uncertain,
) -> PlutoniumProgram {
    let mut optional = |field: &str, value: &Option<Num>, default: f64| {
        num(
            format!("plutonium.{field}"),
            &value.unwrap_or(Num::Fixed(default)),
        )
    };
    let delay_months = optional("delay_months", &file.delay_months, 0.0);
    let separated_kg = optional("separated_kg", &file.separated_kg, 0.0);
    let reprocessing_kg_per_year = file
        .reprocessing_kg_per_year
        .map(|n| num("plutonium.reprocessing_kg_per_year".into(), &n));
    let reactors = file
        .reactor
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let field = |name: &str| format!("plutonium.reactor[{i}].{name}");
            Reactor {
                name: r.name.clone(),
                thermal_mw: num(field("thermal_mw"), &r.thermal_mw),
                capacity_factor: num(field("capacity_factor"), &r.capacity_factor),
                grams_per_mwd: num(
                    field("grams_per_mwd"),
                    &r.grams_per_mwd.unwrap_or(Num::Fixed(DEFAULT_GRAMS_PER_MWD)),
                ),
            }
        })
        .collect();
    PlutoniumProgram {
        reactors,
        reprocessing_kg_per_year,
        delay_months,
        separated_kg,
        kg_per_weapon: num("plutonium.kg_per_weapon".into(), &file.kg_per_weapon),
        horizon_months: file.horizon_months.unwrap_or(12.0),
    }
}
