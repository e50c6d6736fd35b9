//! `reykjavik calc`: single-engagement calculators for analysts.

use clap::{Args, Subcommand, ValueEnum};
use reykjavik_engine::EngineError;
use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::limits::{self, Limit};
use reykjavik_engine::physics::{self, LethalRadiusModel};
use reykjavik_report as report;

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

fn check(name: &str, value: f64, limit: &Limit) -> Result<(), Failure> {
    if limit.contains(value) {
        Ok(())
    } else {
        Err(Failure::Input(format!(
            "--{name} = {} is out of range (valid: {})",
            limits::show(value),
            limit.describe()
        )))
    }
}

fn engine_failure(error: EngineError) -> Failure {
    match error {
        EngineError::InvalidInput { .. } => Failure::Input(error.to_string()),
        _ => Failure::Computation(error.to_string()),
    }
}

/// The lethal radius of a blast, its inputs checked.
fn lethal_radius(blast: &Blast) -> Result<report::calc::LethalRadius, Failure> {
    check("yield-kt", blast.yield_kt, &limits::YIELD_KT)?;
    // The model's own range: brown-1976 is refused outside its fit.
    check(
        "hardness-psi",
        blast.hardness_psi,
        &limits::hardness_psi(blast.model.into()),
    )?;
    let radius_m = physics::lethal_radius_m(blast.yield_kt, blast.hardness_psi, blast.model.into())
        .map_err(engine_failure)?;
    Ok(report::calc::LethalRadius {
        model: blast.model.into(),
        yield_kt: blast.yield_kt,
        hardness_psi: blast.hardness_psi,
        radius_m,
    })
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
            let result = lethal_radius(&blast)?;
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
            check("cep-m", cep_m, &limits::CEP_M)?;
            check("bias-m", bias_m, &limits::BIAS_M)?;
            check("reliability", reliability, &limits::PROBABILITY)?;
            check(
                "warheads",
                warheads.into(),
                &Limit {
                    min: 1.0,
                    ..limits::LAUNCHERS
                },
            )?;
            check(
                "max-per-aimpoint",
                max_per_aimpoint.into(),
                &limits::MAX_WARHEADS_PER_AIMPOINT,
            )?;
            let blast = lethal_radius(&blast)?;
            let sspk = physics::sspk(blast.radius_m, cep_m, bias_m).map_err(engine_failure)?;
            let tkp = physics::terminal_kill_probability(reliability, sspk, 1.0);
            let salvo = vec![tkp; warheads as usize];
            let result = report::calc::Sspk {
                blast,
                cep_m,
                bias_m,
                reliability,
                warheads,
                max_per_aimpoint,
                sspk,
                terminal_kill_probability: tkp,
                kill_probability: physics::salvo_kill_probability(
                    &salvo,
                    max_per_aimpoint as usize,
                ),
            };
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
            check(
                "interceptors-per-rv",
                interceptors_per_rv.into(),
                &limits::INTERCEPTORS_PER_RV,
            )?;
            check("interceptor-sspk", interceptor_sspk, &limits::PROBABILITY)?;
            check("discrimination", discrimination, &limits::PROBABILITY)?;
            check("rvs", rvs as f64, &limits::LAUNCHERS)?;
            let inventory = match interceptors {
                Some(n) => {
                    check("interceptors", n.into(), &limits::INTERCEPTORS)?;
                    n
                }
                None => u32::try_from(rvs * u64::from(interceptors_per_rv)).unwrap_or(u32::MAX),
            };
            let layer = MissileDefenseLayer {
                name: "calculator".into(),
                interceptors: inventory,
                interceptor_sspk,
                doctrine: FiringDoctrine::Salvo {
                    shots: interceptors_per_rv,
                },
                discrimination,
                covers: Coverage::Value,
            };
            let result = report::calc::Defense {
                interceptors_per_rv,
                interceptor_sspk,
                discrimination,
                rvs,
                interceptors: inventory,
                intercept_probability_per_rv: layer.intercept_probability(),
                probability_zero_leakers: layer.probability_of_zero_leakers(rvs),
                expected_leakers: layer.expected_leakers(rvs as f64),
            };
            emit(json, result.json(), result.text())
        }
    })
}
