//! The output of `reykjavik richardson`: the JSON document (docs/output-format.md), the text
//! report (the SVG chart is drawn by the CLI, `richardson_chart`). Self-contained (engine types in, strings and JSON out).

use reykjavik_engine::limits::show;
use reykjavik_engine::reaction::richardson::{Analysis, RichardsonModel, Trajectory};
use serde_json::{Value, json};

use crate::say;

/// Version of the richardson JSON output; raised only when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// Rows of the text table of a trajectory.
const TEXT_ROWS: usize = 10;

/// The published verdict on the form, printed with every result.
pub const WARNING: &str = "Caution: fits of the Richardson equations to the US-Soviet arms race found the form weak: \
reaction coefficients small, insignificant or of the wrong sign, and each side's build better explained by its own \
past levels and internal momentum (Majeski & Jones 1981; Ward 1984; Intriligator & Brito 1984). The coefficients \
here are assumptions, not estimates of any real race.";

pub struct RichardsonReport {
    pub model: RichardsonModel,
    pub analysis: Analysis,
    pub start: (f64, f64),
    pub years: f64,
    pub trajectory: Trajectory,
    /// Where k and l came from when the engine estimated them (`richardson --estimate`).
    pub estimated_from: Option<Estimate>,
}

/// k and l estimated from the best-response function around a scenario.
#[derive(Debug, Clone)]
pub struct Estimate {
    pub scenario: String,
    /// x, then y.
    pub sides: [String; 2],
    pub menu: String,
    pub cost_unit: String,
    /// Whether each side's response restored its position (else the coefficient is a lower
    /// bound: the whole menu was not enough).
    pub restored: [bool; 2],
}

fn estimate_json(e: &Estimate) -> Value {
    json!({
        "scenario": e.scenario, "x": e.sides[0], "y": e.sides[1],
        "menu": e.menu, "cost_unit": e.cost_unit,
        "position": "retaliation", "restored": e.restored,
    })
}

pub fn richardson_json(r: &RichardsonReport) -> Value {
    let m = &r.model;
    let a = &r.analysis;
    let points: Vec<Value> = r
        .trajectory
        .points
        .iter()
        .map(|p| json!({ "t": p.t, "x": p.x, "y": p.y }))
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "command": "richardson",
        "model": { "k": m.k, "l": m.l, "a": m.a, "b": m.b, "g": m.g, "h": m.h },
        "equilibrium": a.equilibrium.map(|(x, y)| json!({ "x": x, "y": y })),
        "determinant": a.determinant,
        "trace": a.trace,
        "stable": a.classification.is_stable(),
        "classification": a.classification.name(),
        "eigenvalues": a.eigenvalues.map(|(re, im)| json!({ "re": re, "im": im })),
        "trajectory": {
            "from": { "x": r.start.0, "y": r.start.1 },
            "years": r.years,
            "runaway_at": r.trajectory.runaway_at,
            "points": points,
        },
        "estimated_from": r.estimated_from.as_ref().map(estimate_json),
        "warning": WARNING,
    })
}

pub fn richardson_text(r: &RichardsonReport) -> String {
    let mut out = String::new();
    let m = &r.model;
    say!(
        out,
        "Richardson arms-race model: dx/dt = k y - a x + g, dy/dt = l x - b y + h"
    );
    say!(
        out,
        "  k = {}, l = {}, a = {}, b = {}, g = {}, h = {}",
        show(m.k),
        show(m.l),
        show(m.a),
        show(m.b),
        show(m.g),
        show(m.h)
    );
    if let Some(e) = &r.estimated_from {
        estimate_text(&mut out, e);
    }
    analysis_text(&mut out, m, &r.analysis);
    trajectory_text(&mut out, r);
    say!(out, "");
    say!(out, "{WARNING}");
    out
}

fn estimate_text(out: &mut String, e: &Estimate) {
    say!(
        out,
        "  k and l estimated from {}'s best-response function (menu {}, costs in {}): x = {}, y = {};\n  \
         each is the cheapest response restoring surviving retaliation per unit of the other's one-step\n  \
         build, one round taken as one year; a and b are yours to state",
        e.scenario,
        e.menu,
        e.cost_unit,
        e.sides[0],
        e.sides[1]
    );
    for (side, restored) in e.sides.iter().zip(e.restored) {
        if !restored {
            say!(
                out,
                "  {side}'s whole menu did not restore its position: its coefficient is a lower bound"
            );
        }
    }
}

fn analysis_text(out: &mut String, m: &RichardsonModel, a: &Analysis) {
    match a.equilibrium {
        Some((x, y)) => say!(out, "Equilibrium: x* = {}, y* = {}", num(x), num(y)),
        None => say!(
            out,
            "Equilibrium: none single (a b = k l: a line of equilibria or none)"
        ),
    }
    let verdict = if a.classification.is_stable() {
        "stable"
    } else {
        "not stable"
    };
    say!(
        out,
        "Stability: a b = {}, k l = {}: {verdict} (Richardson: stable iff a b > k l, with a + b > 0)",
        num(m.a * m.b),
        num(m.k * m.l)
    );
    let eig: Vec<String> = a
        .eigenvalues
        .iter()
        .map(|&(re, im)| {
            if im == 0.0 {
                num(re)
            } else {
                format!(
                    "{} {} {}i",
                    num(re),
                    if im < 0.0 { '-' } else { '+' },
                    num(im.abs())
                )
            }
        })
        .collect();
    say!(
        out,
        "Eigenvalues: {} per year; classification: {}",
        eig.join(", "),
        a.classification.name()
    );
}

fn trajectory_text(out: &mut String, r: &RichardsonReport) {
    say!(out, "");
    say!(
        out,
        "Trajectory from ({}, {}) over {} years:",
        show(r.start.0),
        show(r.start.1),
        show(r.years)
    );
    say!(out, "  {:>10} {:>14} {:>14}", "year", "x", "y");
    let points = &r.trajectory.points;
    let stride = (points.len() - 1).div_ceil(TEXT_ROWS).max(1);
    let mut rows: Vec<usize> = (0..points.len()).step_by(stride).collect();
    if rows.last() != Some(&(points.len() - 1)) {
        rows.push(points.len() - 1);
    }
    for i in rows {
        let p = points[i];
        say!(out, "  {:>10.2} {:>14} {:>14}", p.t, num(p.x), num(p.y));
    }
    if let Some(t) = r.trajectory.runaway_at {
        say!(
            out,
            "  runaway: a level passed 1e15 at year {t:.2}; the trajectory stops there"
        );
    }
}

/// Four decimals, or four significant digits in exponent form for large or tiny values.
fn num(v: f64) -> String {
    if v == 0.0 || (1e-4..1e9).contains(&v.abs()) {
        format!("{v:.4}")
    } else {
        format!("{v:.4e}")
    }
}
