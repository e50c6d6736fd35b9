//! The output of `reykjavik calc`: single-engagement calculators (lethal radius, kill
//! probability, missile defense), each a result struct with a JSON document and a text line or
//! two. The face validates the inputs and computes with the engine's physics.

use reykjavik_engine::limits;
use reykjavik_engine::physics::{LethalRadiusModel, METRES_PER_NMI};
use serde_json::{Value, json};

/// The lethal radius of one burst against a target of given hardness.
#[derive(Debug, Clone, Copy)]
pub struct LethalRadius {
    pub model: LethalRadiusModel,
    pub yield_kt: f64,
    pub hardness_psi: f64,
    pub radius_m: f64,
}

impl LethalRadius {
    /// The JSON document.
    pub fn json(&self) -> Value {
        json!({ "model": self.model.name(), "yield_kt": self.yield_kt, "hardness_psi": self.hardness_psi,
                "lethal_radius_m": self.radius_m, "lethal_radius_nmi": self.radius_m / METRES_PER_NMI })
    }

    /// The text report (one line).
    pub fn text(&self) -> String {
        format!(
            "lethal radius ({}): {:.1} m ({:.4} nmi) for {} kt against {} psi\n",
            self.model.name(),
            self.radius_m,
            self.radius_m / METRES_PER_NMI,
            limits::show(self.yield_kt),
            limits::show(self.hardness_psi)
        )
    }
}

/// Kill probabilities of warheads against one hard aimpoint.
#[derive(Debug, Clone, Copy)]
pub struct Sspk {
    pub blast: LethalRadius,
    pub cep_m: f64,
    pub bias_m: f64,
    pub reliability: f64,
    /// Warheads aimed at the aimpoint, each from a different launcher.
    pub warheads: u32,
    /// The fratricide cap.
    pub max_per_aimpoint: u32,
    /// Single-shot kill probability.
    pub sspk: f64,
    /// Terminal kill probability (reliability times SSPK).
    pub terminal_kill_probability: f64,
    /// Kill probability of the whole salvo.
    pub kill_probability: f64,
}

impl Sspk {
    /// The JSON document.
    pub fn json(&self) -> Value {
        let b = &self.blast;
        json!({ "model": b.model.name(), "yield_kt": b.yield_kt, "hardness_psi": b.hardness_psi,
                "cep_m": self.cep_m, "bias_m": self.bias_m, "reliability": self.reliability, "warheads": self.warheads,
                "max_per_aimpoint": self.max_per_aimpoint, "lethal_radius_m": b.radius_m, "sspk": self.sspk,
                "terminal_kill_probability": self.terminal_kill_probability, "kill_probability": self.kill_probability })
    }

    /// The text report: the radius, SSPK, and the terminal and salvo kill probabilities where
    /// they differ from it.
    pub fn text(&self) -> String {
        let (radius_m, sspk, tkp) = (
            self.blast.radius_m,
            self.sspk,
            self.terminal_kill_probability,
        );
        let (reliability, warheads, kill) =
            (self.reliability, self.warheads, self.kill_probability);
        let mut text = format!(
            "lethal radius ({}): {radius_m:.1} m\nsingle-shot kill probability (SSPK): {sspk:.4}\n",
            self.blast.model.name()
        );
        if reliability < 1.0 {
            text += &format!("terminal kill probability (reliability {reliability}): {tkp:.4}\n");
        }
        if warheads > 1 {
            let useful = warheads.min(self.max_per_aimpoint);
            text += &format!(
                "kill probability with {warheads} warheads from different launchers: {kill:.4}{}\n",
                if useful < warheads {
                    format!(" (only {useful} arrive usefully: fratricide cap)")
                } else {
                    String::new()
                }
            );
        }
        text
    }
}

/// A ballistic-missile defense layer against a raid.
#[derive(Debug, Clone, Copy)]
pub struct Defense {
    pub interceptors_per_rv: u32,
    pub interceptor_sspk: f64,
    pub discrimination: f64,
    pub rvs: u64,
    /// The interceptor inventory.
    pub interceptors: u32,
    pub intercept_probability_per_rv: f64,
    pub probability_zero_leakers: f64,
    pub expected_leakers: f64,
}

impl Defense {
    /// The JSON document.
    pub fn json(&self) -> Value {
        json!({ "interceptors_per_rv": self.interceptors_per_rv, "interceptor_sspk": self.interceptor_sspk,
                "discrimination": self.discrimination, "rvs": self.rvs, "interceptors": self.interceptors,
                "intercept_probability_per_rv": self.intercept_probability_per_rv,
                "probability_zero_leakers": self.probability_zero_leakers,
                "probability_at_least_one_leaker": 1.0 - self.probability_zero_leakers,
                "expected_leakers": self.expected_leakers })
    }

    /// The text report (four lines).
    pub fn text(&self) -> String {
        let (per_rv, zero, rvs) = (
            self.intercept_probability_per_rv,
            self.probability_zero_leakers,
            self.rvs,
        );
        let (leakers, inventory) = (self.expected_leakers, self.interceptors);
        format!(
            "per-RV intercept probability: {per_rv:.4}\n\
             probability of zero leakers against {rvs} RVs: {zero:.4}\n\
             probability of at least one leaker: {:.4}\n\
             expected leakers: {leakers:.2} ({inventory} interceptors)\n",
            1.0 - zero
        )
    }
}
