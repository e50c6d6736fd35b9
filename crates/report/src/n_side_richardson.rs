//! Output of `reykjavik richardson --estimate` on an N-side scenario (issue 10): the JSON
//! document (an addition, docs/output-format.md "richardson on N sides") and the text report.
//! The two-side document (`richardson`) is unchanged.

use reykjavik_engine::reaction::n_side_race::ReactionMatrix;
use reykjavik_engine::reaction::richardson_n::{NAnalysis, NRichardson};
use serde_json::{Value, json};

use crate::richardson::{SCHEMA_VERSION, WARNING};
use crate::say;

/// What the report names besides the engine's results.
pub struct NSideRichardson<'a> {
    pub scenario: &'a str,
    pub menu: &'a str,
    pub cost_unit: &'a str,
    pub reactions: &'a ReactionMatrix,
    pub model: &'a NRichardson,
    pub analysis: &'a NAnalysis,
}

pub fn n_side_richardson_json(r: &NSideRichardson) -> Value {
    json!({
        "schema_version": SCHEMA_VERSION,
        "command": "richardson",
        "kind": "n-side",
        "form": "dx_i/dt = sum_j k_ij x_j - a_i x_i + g_i",
        "actors": r.reactions.actor_names,
        "model": { "k": r.model.k, "a": r.model.a, "g": r.model.g },
        "equilibrium": r.analysis.equilibrium,
        "stable": r.analysis.stable,
        "eigenvalues": r.analysis.eigenvalues.iter()
            .map(|&(re, im)| json!({ "re": re, "im": im }))
            .collect::<Vec<_>>(),
        "estimated_from": {
            "scenario": r.scenario,
            "menu": r.menu,
            "cost_unit": r.cost_unit,
            "position": "retaliation",
            "build_cost": r.reactions.build_cost,
            "response_cost": r.reactions.response_cost,
            "restored": r.reactions.restored,
        },
        "warning": WARNING,
    })
}

pub fn n_side_richardson_text(r: &NSideRichardson) -> String {
    let mut out = String::new();
    let names = &r.reactions.actor_names;
    say!(
        out,
        "Richardson arms-race model on {} actors: dx_i/dt = sum_j k_ij x_j - a_i x_i + g_i",
        names.len()
    );
    say!(
        out,
        "  K estimated from {}'s best-response function (menu {}, costs in {}): k_ij is actor i's",
        r.scenario,
        r.menu,
        r.cost_unit
    );
    say!(
        out,
        "  cheapest response restoring its surviving retaliation (worst over its opponents) per unit of"
    );
    say!(
        out,
        "  actor j's one-step build; one round taken as one year; a_i and g_i are yours to state"
    );
    matrix(&mut out, r);
    let g: Vec<String> = r.model.g.iter().map(|x| format!("{x:.4}")).collect();
    let a: Vec<String> = r.model.a.iter().map(|x| format!("{x:.4}")).collect();
    say!(out, "  a = ({}), g = ({})", a.join(", "), g.join(", "));
    match &r.analysis.equilibrium {
        Some(x) => {
            let parts: Vec<String> = names
                .iter()
                .zip(x)
                .map(|(n, v)| format!("{n} {v:.4}"))
                .collect();
            say!(out, "Equilibrium: {}", parts.join(", "));
        }
        None => say!(out, "Equilibrium: none single (K - A is singular)"),
    }
    let eigen: Vec<String> = r
        .analysis
        .eigenvalues
        .iter()
        .map(|&(re, im)| {
            if im == 0.0 {
                format!("{re:.4}")
            } else {
                let sign = if im < 0.0 { '-' } else { '+' };
                format!("{re:.4} {sign} {:.4}i", im.abs())
            }
        })
        .collect();
    say!(out, "Eigenvalues of K - A: {} per year", eigen.join(", "));
    say!(
        out,
        "Stability: {} (every start converges iff every eigenvalue of K - A has a negative real part)",
        if r.analysis.stable {
            "stable"
        } else {
            "not stable"
        }
    );
    out.push('\n');
    say!(out, "{WARNING}");
    out
}

fn matrix(out: &mut String, r: &NSideRichardson) {
    let names = &r.reactions.actor_names;
    let mut head = format!("  {:<16}", "k_ij (i answers j)");
    for n in names {
        head += &format!(" {:>14}", short(n, 14));
    }
    say!(out, "{head}");
    for (i, n) in names.iter().enumerate() {
        let mut line = format!("  {:<16}", short(n, 16));
        for j in 0..names.len() {
            let cell = if i == j {
                "-".to_string()
            } else {
                let bound = if r.reactions.restored[i][j] { "" } else { ">=" };
                format!("{bound}{:.4}", r.model.k[i][j])
            };
            line += &format!(" {cell:>14}");
        }
        say!(out, "{line}");
    }
    if r.reactions.restored.iter().flatten().any(|&x| !x) {
        say!(
            out,
            "  >=: the whole menu did not restore the position, so the coefficient is a lower bound"
        );
    }
}

fn short(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
