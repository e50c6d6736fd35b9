//! The output of `reykjavik optimize` on an N-side scenario (docs/arms-control.md, "N sides"):
//! the posture search scored by the N-side analysis, as text or JSON (schema in
//! docs/output-format.md). The two-side document is `crate::optimize`, unchanged.

use reykjavik_engine::arms_control::optimize::{Objective, SearchResult};
use reykjavik_engine::arms_control::treaty::{self, Counting, Treaty};
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::multilateral::compare::RegimeReport;
use reykjavik_engine::multilateral::optimize::{actor_of, objective_value};
use serde_json::{Value, json};

use crate::compare::signed;
use crate::multilateral::report_json;
use crate::optimize::{elements_json, elements_text, evidence, evidence_json, treaty_counts_text};
use crate::say;
use crate::treaty::side_json;

/// An N-side posture search as reported: its inputs and its result.
#[derive(Debug, Clone, Copy)]
pub struct NSideReport<'a> {
    /// The scenario searched (its truth is the base).
    pub ms: &'a MultiScenario,
    pub treaty: &'a Treaty,
    /// The side whose posture is searched (a side of the truth, not an alliance).
    pub side: usize,
    pub objective: Objective,
    pub seed: u64,
    pub max_growth: f64,
    pub result: &'a SearchResult<Vec<RegimeReport>>,
}

/// What each objective maximises on N sides (the text and the JSON give it).
pub fn objective_definition(objective: Objective) -> &'static str {
    match objective {
        Objective::Index => "the N-side index (the product of the armed actors' overall ratios)",
        Objective::Ratio => {
            "the overall ratio of the side's actor (the side, or its alliance): its lowest pairwise ratio"
        }
        Objective::StruckCost => {
            "minus the largest cost the side's actor (the side, or its alliance) bears when struck first, over its armed opponents"
        }
    }
}

/// What the search holds fixed.
pub const HELD_NOTE: &str = "Only this side's posture varies; every other side, every belief (a belief about this side still overrides its field in its holder's view), alliance and reserve option is held as written.";

fn regime_label(r: &RegimeReport) -> String {
    let lua = if r.launch_under_attack { " LUA" } else { "" };
    format!("{}{lua}", r.alert.name())
}

/// The name of the actor `side` plans in, in the first regime's report.
fn actor_name(r: &NSideReport) -> String {
    let report = r.result.base.regimes.first().map(|x| &x.report);
    report
        .and_then(|rep| actor_of(rep, r.side).map(|a| rep.actors[a].name.clone()))
        .unwrap_or_else(|| r.ms.scenario.sides[r.side].name.clone())
}

/// The text report: base and best posture, the index and ratios before and after, treaty
/// counts and the evidence.
pub fn text(r: &NSideReport) -> String {
    let mut out = String::new();
    let res = r.result;
    let sides = &r.ms.scenario.sides;
    let names: Vec<&str> = sides.iter().map(|s| s.name.as_str()).collect();
    let side = &sides[r.side];
    say!(
        out,
        "{} (N sides: {}): posture of {} under {}, objective {} (mean over the four standard regimes), seed {}",
        r.ms.scenario.name,
        names.join(", "),
        side.name,
        r.treaty.name,
        r.objective.name(),
        r.seed
    );
    say!(
        out,
        "  objective on N sides: {}",
        objective_definition(r.objective)
    );
    let actor = actor_name(r);
    if actor != side.name {
        say!(
            out,
            "  {} plans in alliance {}: the ratios and costs are the alliance's",
            side.name,
            actor
        );
    }
    say!(
        out,
        "  reserve {}, third parties {}. {HELD_NOTE}",
        r.ms.reserve.name(),
        r.ms.third_parties.name()
    );
    elements_text(&mut out, side, res, r.max_growth);
    index_table(&mut out, r, &actor);
    overall_ratios(&mut out, res);
    pair_ratios(&mut out, res);
    treaty_counts_text(&mut out, r.treaty, &res.scenario.sides[r.side]);
    evidence(&mut out, res);
    out
}

fn index_table(out: &mut String, r: &NSideReport, actor: &str) {
    let res = r.result;
    let own = |x: &RegimeReport| objective_value(&x.report, r.side, Objective::Ratio);
    say!(
        out,
        "\n  {:<16} {:>14} {:>14} {:>24} {:>18}",
        "regime",
        "N-side index",
        "(best)",
        format!("{actor} overall"),
        "(best)"
    );
    for (b, x) in res.base.regimes.iter().zip(&res.best.regimes) {
        say!(
            out,
            "  {:<16} {:>14.3} {:>14.3} {:>24.3} {:>18.3}",
            regime_label(b),
            b.report.index,
            x.report.index,
            own(b),
            own(x)
        );
    }
    say!(
        out,
        "  objective: base {:.4}, best {:.4} ({})",
        res.base.score,
        res.best.score,
        signed(res.best.score - res.base.score)
    );
}

fn overall_ratios(out: &mut String, res: &SearchResult<Vec<RegimeReport>>) {
    say!(
        out,
        "\nEach side's (or alliance's) overall ratio (its lowest pairwise ratio), base -> best"
    );
    for (b, x) in res.base.regimes.iter().zip(&res.best.regimes) {
        let cells: Vec<String> = b
            .report
            .actors
            .iter()
            .zip(b.report.overall.iter().zip(&x.report.overall))
            .map(|(actor, (before, after))| format!("{} {before:.3} -> {after:.3}", actor.name))
            .collect();
        say!(out, "  {:<16} {}", regime_label(b), cells.join("   "));
    }
}

fn pair_ratios(out: &mut String, res: &SearchResult<Vec<RegimeReport>>) {
    say!(
        out,
        "\nPairwise ratios (side vs opponent: min(1, C1 / C2)), base -> best"
    );
    for (b, x) in res.base.regimes.iter().zip(&res.best.regimes) {
        say!(out, "  {}", regime_label(b));
        let name = |a: usize| b.report.actors[a].name.as_str();
        for p in &b.report.ratios {
            let after = x
                .report
                .ratio(p.actor, p.opponent)
                .map_or("unarmed".to_string(), |q| format!("{:.3}", q.ratio));
            say!(
                out,
                "    {} vs {} {:.3} -> {after}",
                name(p.actor),
                name(p.opponent),
                p.ratio
            );
        }
        // A pair armed only in the best posture (the side had no warheads at this alert).
        for q in &x.report.ratios {
            if b.report.ratio(q.actor, q.opponent).is_none() {
                let name = |a: usize| x.report.actors[a].name.as_str();
                say!(
                    out,
                    "    {} vs {} unarmed -> {:.3}",
                    name(q.actor),
                    name(q.opponent),
                    q.ratio
                );
            }
        }
    }
}

/// The JSON document (schema in docs/output-format.md), without `scenario_toml`, which the
/// face adds from the scenario's source text.
pub fn json(r: &NSideReport) -> Value {
    let res = r.result;
    let sides = &r.ms.scenario.sides;
    let side = &sides[r.side];
    let regimes = |e: &[RegimeReport]| -> Vec<Value> { e.iter().map(regime_json).collect() };
    json!({
        "scenario": r.ms.scenario.name,
        "sides": sides.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "side": side.name,
        "actor": actor_name(r),
        "treaty": r.treaty.name,
        "objective": r.objective.name(),
        "objective_definition": objective_definition(r.objective),
        "held": HELD_NOTE,
        "reserve": r.ms.reserve.name(),
        "third_parties": r.ms.third_parties.name(),
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

/// One regime: its posture, then the N-side report of `analyze` (index, actors with their
/// overall ratios, pairs, pairwise ratios, pair indices).
fn regime_json(r: &RegimeReport) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("alert".into(), json!(r.alert.name()));
    map.insert("launch_under_attack".into(), json!(r.launch_under_attack));
    if let Value::Object(report) = report_json(&r.report) {
        map.extend(report);
    }
    Value::Object(map)
}
