//! `calc`: single-engagement calculators (a lethal radius, one aimpoint's kill probability, a
//! missile-defense layer against a raid), each input checked against its range in `limits`.
//! Results are `reykjavik_report::calc`'s, which render their JSON and text.

use reykjavik_engine::EngineError;
use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::limits::{self, Limit};
use reykjavik_engine::physics::{self, LethalRadiusModel};
use reykjavik_report::calc::{Defense, LethalRadius, Sspk};

/// Why a calculator has no result.
#[derive(Debug)]
pub enum CalcError {
    /// An input out of its range: the input's name (`yield-kt`, `cep-m`, ...; each face words
    /// it as its own option), the value and the valid range described.
    OutOfRange {
        input: &'static str,
        value: f64,
        valid: String,
    },
    /// The engine refused an input (bad input) or could not compute.
    Engine(EngineError),
}

impl CalcError {
    /// Bad input, as opposed to an undefined result.
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            Self::OutOfRange { .. } | Self::Engine(EngineError::InvalidInput { .. })
        )
    }
}

fn check(input: &'static str, value: f64, limit: &Limit) -> Result<(), CalcError> {
    if limit.contains(value) {
        Ok(())
    } else {
        Err(CalcError::OutOfRange {
            input,
            value,
            valid: limit.describe(),
        })
    }
}

/// A burst against a target of given hardness.
#[derive(Debug, Clone, Copy)]
pub struct Blast {
    pub yield_kt: f64,
    pub hardness_psi: f64,
    pub model: LethalRadiusModel,
}

/// The lethal radius of a blast (hardness within the model's own range: brown-1976 is refused
/// outside its fit).
pub fn lethal_radius(blast: &Blast) -> Result<LethalRadius, CalcError> {
    check("yield-kt", blast.yield_kt, &limits::YIELD_KT)?;
    let hardness = limits::hardness_psi(blast.model);
    check("hardness-psi", blast.hardness_psi, &hardness)?;
    let radius_m = physics::lethal_radius_m(blast.yield_kt, blast.hardness_psi, blast.model)
        .map_err(CalcError::Engine)?;
    Ok(LethalRadius {
        model: blast.model,
        yield_kt: blast.yield_kt,
        hardness_psi: blast.hardness_psi,
        radius_m,
    })
}

/// Warheads, each from a different launcher, against one hard aimpoint.
#[derive(Debug, Clone, Copy)]
pub struct SspkRequest {
    pub blast: Blast,
    pub cep_m: f64,
    pub bias_m: f64,
    pub reliability: f64,
    pub warheads: u32,
    pub max_per_aimpoint: u32,
}

/// Single-shot, terminal and salvo kill probability (the fratricide cap applied).
pub fn sspk(r: &SspkRequest) -> Result<Sspk, CalcError> {
    check_sspk(r)?;
    let blast = lethal_radius(&r.blast)?;
    let sspk = physics::sspk(blast.radius_m, r.cep_m, r.bias_m).map_err(CalcError::Engine)?;
    let tkp = physics::terminal_kill_probability(r.reliability, sspk, 1.0);
    let salvo = vec![tkp; r.warheads as usize];
    Ok(Sspk {
        blast,
        cep_m: r.cep_m,
        bias_m: r.bias_m,
        reliability: r.reliability,
        warheads: r.warheads,
        max_per_aimpoint: r.max_per_aimpoint,
        sspk,
        terminal_kill_probability: tkp,
        kill_probability: physics::salvo_kill_probability(&salvo, r.max_per_aimpoint as usize),
    })
}

fn check_sspk(r: &SspkRequest) -> Result<(), CalcError> {
    check("cep-m", r.cep_m, &limits::CEP_M)?;
    check("bias-m", r.bias_m, &limits::BIAS_M)?;
    check("reliability", r.reliability, &limits::PROBABILITY)?;
    let at_least_one = Limit {
        min: 1.0,
        ..limits::LAUNCHERS
    };
    check("warheads", r.warheads.into(), &at_least_one)?;
    let cap = &limits::MAX_WARHEADS_PER_AIMPOINT;
    check("max-per-aimpoint", r.max_per_aimpoint.into(), cap)
}

/// One salvo-firing defense layer against a raid of RVs.
#[derive(Debug, Clone, Copy)]
pub struct DefenseRequest {
    pub interceptors_per_rv: u32,
    pub interceptor_sspk: f64,
    pub discrimination: f64,
    pub rvs: u64,
    /// The inventory; `None`: enough for every RV.
    pub interceptors: Option<u32>,
}

/// Per-RV intercept probability, the chance of no leaker and the expected leakers.
pub fn defense(r: &DefenseRequest) -> Result<Defense, CalcError> {
    let inventory = check_defense(r)?;
    let layer = MissileDefenseLayer {
        name: "calculator".into(),
        interceptors: inventory,
        interceptor_sspk: r.interceptor_sspk,
        doctrine: FiringDoctrine::Salvo {
            shots: r.interceptors_per_rv,
        },
        discrimination: r.discrimination,
        covers: Coverage::Value,
    };
    Ok(Defense {
        interceptors_per_rv: r.interceptors_per_rv,
        interceptor_sspk: r.interceptor_sspk,
        discrimination: r.discrimination,
        rvs: r.rvs,
        interceptors: inventory,
        intercept_probability_per_rv: layer.intercept_probability(),
        probability_zero_leakers: layer.probability_of_zero_leakers(r.rvs),
        expected_leakers: layer.expected_leakers(r.rvs as f64),
    })
}

/// The inputs checked; the inventory given or enough for every RV.
fn check_defense(r: &DefenseRequest) -> Result<u32, CalcError> {
    let per_rv = r.interceptors_per_rv;
    check(
        "interceptors-per-rv",
        per_rv.into(),
        &limits::INTERCEPTORS_PER_RV,
    )?;
    check("interceptor-sspk", r.interceptor_sspk, &limits::PROBABILITY)?;
    check("discrimination", r.discrimination, &limits::PROBABILITY)?;
    check("rvs", r.rvs as f64, &limits::LAUNCHERS)?;
    match r.interceptors {
        Some(n) => check("interceptors", n.into(), &limits::INTERCEPTORS).map(|()| n),
        None => Ok(u32::try_from(r.rvs * u64::from(per_rv)).unwrap_or(u32::MAX)),
    }
}
