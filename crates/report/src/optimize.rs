//! The output of `reykjavik optimize SCENARIO --side NAME --treaty new-start`
//! (docs/arms-control.md): the posture search under a treaty, as text or JSON (schema in
//! docs/output-format.md).

use reykjavik_engine::arms_control::compare::RegimeTerms;
use reykjavik_engine::arms_control::optimize::{Objective, SearchResult};
use reykjavik_engine::arms_control::treaty::{self, Counting, Treaty};
use reykjavik_engine::model::{Scenario, Side};
use serde_json::{Value, json};

use crate::compare::{regime_name, signed};
use crate::say;
use crate::treaty::side_json;

/// A posture search as reported: its inputs and its result.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The scenario searched.
    pub scenario: &'a Scenario,
    /// The treaty whose limits bound the search.
    pub treaty: &'a Treaty,
    /// The side whose posture is searched (0 or 1).
    pub side: usize,
    /// What was maximised.
    pub objective: Objective,
    /// The seed of the sampled grid and random starts.
    pub seed: u64,
    /// The most an element's launchers may grow, as a multiple of the base.
    pub max_growth: f64,
    /// The engine's search result.
    pub result: &'a SearchResult,
}

/// The text report: base and best posture, the regimes, treaty counts and the evidence.
pub fn text(r: &Report) -> String {
    let mut out = String::new();
    let res = r.result;
    let side = &r.scenario.sides[r.side];
    say!(
        out,
        "{}: posture of {} under {}, objective {} (mean over the four standard regimes), seed {}",
        r.scenario.name,
        side.name,
        r.treaty.name,
        r.objective.name(),
        r.seed
    );
    elements_text(&mut out, side, res, r.max_growth);
    regimes(&mut out, r);
    treaty_counts_text(&mut out, r.treaty, &res.scenario.sides[r.side]);
    evidence(&mut out, res);
    out
}

/// The elements table: base and best launchers x warheads of each decision element.
pub(crate) fn elements_text<R>(out: &mut String, side: &Side, res: &SearchResult<R>, growth: f64) {
    say!(out, "\n  {:<40} {:>18} {:>18}", "element", "base", "best");
    for (v, (b, x)) in res
        .variables
        .iter()
        .zip(res.base.posture.iter().zip(&res.best.posture))
    {
        say!(
            out,
            "  {:<40} {:>18} {:>18}",
            side.forces[v.element].name,
            format!("{} x {}", b.0, b.1),
            format!("{} x {}", x.0, x.1)
        );
    }
    say!(
        out,
        "  (launchers x warheads; launchers 0 to {}x the base, warheads 1 to the element's maximum; at least {} nuclear warheads; elements not listed are held)",
        growth,
        res.min_warheads
    );
}

/// The best posture's counts under the treaty's limits.
pub(crate) fn treaty_counts_text(out: &mut String, treaty: &Treaty, best: &Side) {
    let count = treaty::count(treaty, best, Counting::Declared);
    let limits: Vec<String> = count
        .limits
        .iter()
        .map(|l| format!("{} {} of {}", l.name, l.counted, l.max))
        .collect();
    say!(
        out,
        "\nTreaty counts of the best posture: {}",
        limits.join("; ")
    );
}

fn regimes(out: &mut String, r: &Report) {
    let res = r.result;
    say!(
        out,
        "\n  {:<16} {:>14} {:>14} {:>16} {:>16}",
        "regime",
        "index base",
        "index best",
        "own ratio base",
        "own ratio best"
    );
    let row = |b: &RegimeTerms, x: &RegimeTerms| {
        format!(
            "  {:<16} {:>14.3} {:>14.3} {:>16.3} {:>16.3}",
            regime_name(b),
            b.index,
            x.index,
            b.sides[r.side].ratio,
            x.sides[r.side].ratio
        )
    };
    for (b, x) in res.base.regimes.iter().zip(&res.best.regimes) {
        say!(out, "{}", row(b, x));
    }
    say!(
        out,
        "  objective: base {:.4}, best {:.4} ({})",
        res.base.score,
        res.best.score,
        signed(res.best.score - res.base.score)
    );
}

/// The search statistics: the grid, the local optima and the evaluations.
pub(crate) fn evidence<R>(out: &mut String, res: &SearchResult<R>) {
    let mut optima = res.local_optima.clone();
    optima.sort_by(f64::total_cmp);
    let reached = optima
        .iter()
        .filter(|&&s| (res.best.score - s).abs() < 1e-4)
        .count();
    let grid_best = res
        .grid_best
        .map_or("none".to_string(), |b| format!("{b:.4}"));
    say!(
        out,
        "\nEvidence: coarse grid of {} postures ({}), {} within the limits and the floor, best {grid_best};",
        res.grid_points,
        if res.grid_exhaustive {
            "exhaustive"
        } else {
            "seeded sample"
        },
        res.grid_feasible,
    );
    say!(
        out,
        "  {} local searches: optima from {:.4} to {:.4} (median {:.4}); {} of {} reach the best within 1e-4; {} postures evaluated",
        optima.len(),
        optima.first().copied().unwrap_or(0.0),
        optima.last().copied().unwrap_or(0.0),
        optima.get(optima.len() / 2).copied().unwrap_or(0.0),
        reached,
        optima.len(),
        res.evaluations
    );
}

/// The JSON document (schema in docs/output-format.md), without `scenario_toml`, which the
/// face adds from the scenario's source text.
pub fn json(r: &Report) -> Value {
    let res = r.result;
    let side = &r.scenario.sides[r.side];
    let regimes = |e: &[RegimeTerms]| -> Vec<Value> {
        e.iter()
            .map(|x| {
                json!({
                    "alert": x.alert.name(),
                    "launch_under_attack": x.launch_under_attack,
                    "index": x.index,
                    "own_ratio": x.sides[r.side].ratio,
                    "own_cost_struck_first": x.sides[r.side].cost_struck_first,
                })
            })
            .collect()
    };
    json!({
        "scenario": r.scenario.name,
        "side": side.name,
        "treaty": r.treaty.name,
        "objective": r.objective.name(),
        "seed": r.seed,
        "max_growth": r.max_growth,
        "min_warheads": res.min_warheads,
        "elements": elements_json(side, res),
        "base": {"objective": res.base.score, "regimes": regimes(&res.base.regimes)},
        "best": {"objective": res.best.score, "regimes": regimes(&res.best.regimes)},
        "treaty_counts": side_json(r.treaty, &treaty::count(r.treaty, &res.scenario.sides[r.side], Counting::Declared)),
        "evidence": evidence_json(res),
    })
}

/// Each decision element's bounds, base and best.
pub(crate) fn elements_json<R>(side: &Side, res: &SearchResult<R>) -> Vec<Value> {
    res.variables
        .iter()
        .zip(res.base.posture.iter().zip(&res.best.posture))
        .map(|(v, (b, x))| {
            json!({
                "name": side.forces[v.element].name,
                "max_launchers": v.max_launchers,
                "max_warheads_per_launcher": v.max_warheads,
                "base": {"launchers": b.0, "warheads_per_launcher": b.1},
                "best": {"launchers": x.0, "warheads_per_launcher": x.1},
            })
        })
        .collect()
}

/// The search statistics.
pub(crate) fn evidence_json<R>(res: &SearchResult<R>) -> Value {
    json!({
        "grid_points": res.grid_points,
        "grid_exhaustive": res.grid_exhaustive,
        "grid_feasible": res.grid_feasible,
        "grid_best": res.grid_best,
        "local_optima": res.local_optima,
        "evaluations": res.evaluations,
    })
}
