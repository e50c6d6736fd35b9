//! `reykjavik calc`: single-engagement calculators for analysts (arguments and the command
//! line's words; the calculators are `reykjavik_analyses::calc`).

use clap::{Args, Subcommand, ValueEnum};
use reykjavik_analyses::calc::{self, CalcError};
use reykjavik_engine::limits;
use reykjavik_engine::physics::LethalRadiusModel;

use crate::Failure;

#[derive(Debug, Subcommand)]
pub enum Calculator {
    /// Cookie-cutter lethal radius of a burst against a target of given hardness.
    LethalRadius {
        #[command(flatten)]
        blast: Blast,
        #[arg(long)]
        json: bool,
    },
    /// Single-shot and terminal kill probability of warheads against one hard aimpoint.
    ///
    /// Example (W88 against a 3,000 psi silo): reykjavik calc sspk --yield-kt 455 --cep-m 90
    /// --hardness-psi 3000
    Sspk {
        #[command(flatten)]
        blast: Blast,
        /// Circular error probable in metres.
        #[arg(long)]
        cep_m: f64,
        /// Systematic aim-point offset in metres (Rice-distribution kill probability).
        #[arg(long, default_value_t = 0.0)]
        bias_m: f64,
        /// Launcher reliability (probability it launches and delivers).
        #[arg(long, default_value_t = 1.0)]
        reliability: f64,
        /// Warheads aimed at the aimpoint, each from a different launcher.
        #[arg(long, default_value_t = 1)]
        warheads: u32,
        /// Fratricide cap: warheads beyond it add nothing (Richelson 1980).
        #[arg(long, default_value_t = 2)]
        max_per_aimpoint: u32,
        #[arg(long)]
        json: bool,
    },
    /// Ballistic-missile defense against a raid: per-RV intercept probability and leakers.
    Defense {
        /// Interceptors fired at each RV in one salvo.
        #[arg(long)]
        interceptors_per_rv: u32,
        /// Single-shot kill probability of one interceptor.
        #[arg(long)]
        interceptor_sspk: f64,
        /// Probability an RV is detected, tracked and discriminated (K).
        #[arg(long, default_value_t = 1.0)]
        discrimination: f64,
        /// Attacking re-entry vehicles.
        #[arg(long)]
        rvs: u64,
        /// Interceptor inventory (default: enough for every RV).
        #[arg(long)]
        interceptors: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct Blast {
    /// Warhead yield in kilotons.
    #[arg(long)]
    yield_kt: f64,
    /// Target hardness in psi of blast overpressure.
    #[arg(long)]
    hardness_psi: f64,
    /// Lethal-radius model.
    #[arg(long, value_enum, default_value_t = ModelArg::DavisSchilling)]
    model: ModelArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModelArg {
    /// 2.62 Y^(1/3) / H^(1/3) nmi (Davis & Schilling 1973; Lieber & Press 2006)
    DavisSchilling,
    /// (Y / (0.068 h - 0.23 sqrt(h) + 0.191))^(1/3) nmi (Brown 1976, in Richelson 1980)
    #[value(name = "brown-1976")]
    Brown1976,
}

impl From<ModelArg> for LethalRadiusModel {
    fn from(arg: ModelArg) -> Self {
        match arg {
            ModelArg::DavisSchilling => Self::DavisSchilling,
            ModelArg::Brown1976 => Self::Brown1976,
        }
    }
}

/// The calculators' errors in the command line's words: an input out of range names its
/// option.
fn failure(error: CalcError) -> Failure {
    let input = error.is_input();
    let message = match error {
        CalcError::OutOfRange {
            input,
            value,
            valid,
        } => format!(
            "--{input} = {} is out of range (valid: {valid})",
            limits::show(value)
        ),
        CalcError::Engine(e) => e.to_string(),
    };
    if input {
        Failure::Input(message)
    } else {
        Failure::Computation(message)
    }
}

impl Blast {
    fn request(&self) -> calc::Blast {
        calc::Blast {
            yield_kt: self.yield_kt,
            hardness_psi: self.hardness_psi,
            model: self.model.into(),
        }
    }
}

fn emit(json: bool, value: serde_json::Value, text: String) -> String {
    if json {
        serde_json::to_string_pretty(&value).expect("JSON values serialise") + "\n"
    } else {
        text
    }
}

pub fn run(calculator: Calculator) -> Result<String, Failure> {
    Ok(match calculator {
        Calculator::LethalRadius { blast, json } => {
            let result = calc::lethal_radius(&blast.request()).map_err(failure)?;
            emit(json, result.json(), result.text())
        }
        Calculator::Sspk {
            blast,
            cep_m,
            bias_m,
            reliability,
            warheads,
            max_per_aimpoint,
            json,
        } => {
            let request = calc::SspkRequest {
                blast: blast.request(),
                cep_m,
                bias_m,
                reliability,
                warheads,
                max_per_aimpoint,
            };
            let result = calc::sspk(&request).map_err(failure)?;
            emit(json, result.json(), result.text())
        }
        Calculator::Defense {
            interceptors_per_rv,
            interceptor_sspk,
            discrimination,
            rvs,
            interceptors,
            json,
        } => {
            let request = calc::DefenseRequest {
                interceptors_per_rv,
                interceptor_sspk,
                discrimination,
                rvs,
                interceptors,
            };
            let result = calc::defense(&request).map_err(failure)?;
            emit(json, result.json(), result.text())
        }
    })
}
