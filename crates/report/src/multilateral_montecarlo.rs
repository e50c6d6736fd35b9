//! The N-side Monte Carlo section (`analyze SCENARIO --trials N` on N sides): its JSON
//! (`monte_carlo` of the N-side document, docs/output-format.md, "N-side analysis") and its text.
//! Per ordered pair it mirrors the two-side `monte_carlo.exchanges` (summaries, P(at least k
//! victim warheads arrive on the striker)); the index, the overall ratios and every pairwise
//! ratio get summaries.

use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::multilateral::analysis::MultiReport;
use reykjavik_engine::multilateral::outcomes::{OutcomeTrial, PairSample};
use reykjavik_engine::stats::{self, Summary};
use serde_json::{Map, Value, json};

use crate::montecarlo::DEFAULT_AT_LEAST;
use crate::say;

/// An N-side Monte Carlo run as reported.
pub struct NSideMonteCarlo {
    pub seed: u64,
    pub planning: Planning,
    /// Thresholds k of P(at least k arrive) asked for besides [`DEFAULT_AT_LEAST`].
    pub at_least: Vec<u32>,
    pub trials: Vec<OutcomeTrial>,
}

/// What a trial draws, for the reader.
pub const OUTCOMES_NOTE: &str = "random outcomes of every pair's committed exchange; third parties join and strike as planned, in expectation";

fn summary(values: impl Iterator<Item = f64>) -> Option<Summary> {
    let mut values: Vec<f64> = values.collect();
    stats::summarize(&mut values)
}

/// A summary in the N-side document's shape (quantiles as a list of `{q, value}`).
pub fn summary_json(s: Option<&Summary>) -> Value {
    match s {
        None => Value::Null,
        Some(s) => json!({
            "mean": s.mean,
            "sd": s.sd,
            "standard_error": s.standard_error,
            "min": s.min,
            "max": s.max,
            "quantiles": s.quantiles.iter().map(|(q, v)| json!({ "q": q, "value": v })).collect::<Vec<_>>(),
        }),
    }
}

fn thresholds(mc: &NSideMonteCarlo) -> Vec<u32> {
    let mut k: Vec<u32> = DEFAULT_AT_LEAST
        .iter()
        .chain(&mc.at_least)
        .copied()
        .collect();
    k.sort_unstable();
    k.dedup();
    k
}

/// The drawn strikes of `striker` on `victim` over the trials where both were armed.
fn samples(mc: &NSideMonteCarlo, striker: usize, victim: usize) -> Vec<&PairSample> {
    mc.trials
        .iter()
        .filter_map(|t| t.pair(striker, victim))
        .collect()
}

fn exchange_json(report: &MultiReport, mc: &NSideMonteCarlo, a: usize, b: usize) -> Value {
    let name = |x: usize| report.actors[x].name.clone();
    let drawn = samples(mc, a, b);
    let of =
        |f: &dyn Fn(&PairSample) -> f64| summary_json(summary(drawn.iter().map(|s| f(s))).as_ref());
    let arriving: Vec<u32> = drawn
        .iter()
        .map(|s| s.exchange.victim_arriving_total())
        .collect();
    json!({
        "striker": name(a),
        "victim": name(b),
        "trials": drawn.len(),
        "counterforce_warheads_spent": of(&|s| f64::from(s.exchange.counterforce_warheads_spent)),
        "victim_surviving_warheads": of(&|s| f64::from(s.exchange.victim_surviving_total())),
        "victim_arriving_warheads": of(&|s| f64::from(s.exchange.victim_arriving_total())),
        "striker_arriving_warheads": of(&|s| f64::from(s.exchange.striker_arriving)),
        "damage_to_striker": of(&|s| s.damage_to_striker),
        "damage_to_victim": of(&|s| s.damage_to_victim),
        "cost_to_striker": of(&|s| s.cost_to_striker),
        "cost_to_victim": of(&|s| s.cost_to_victim),
        "p_at_least": stats::share_at_least(&arriving, &thresholds(mc)).into_iter()
            .map(|(k, p)| (k.to_string(), json!(p))).collect::<Map<_, _>>(),
    })
}

/// The `monte_carlo` value of the N-side document. `report`: the expected-value analysis of
/// the truth (actor names, the pairs).
pub fn json(ms: &MultiScenario, report: &MultiReport, mc: &NSideMonteCarlo) -> Value {
    let trials = &mc.trials;
    let overall: Map<String, Value> = report
        .actors
        .iter()
        .enumerate()
        .map(|(a, actor)| {
            let s = summary(trials.iter().map(|t| t.overall[a]));
            (actor.name.clone(), summary_json(s.as_ref()))
        })
        .collect();
    let index: Vec<f64> = trials.iter().map(|t| t.index).collect();
    let name = |x: usize| report.actors[x].name.clone();
    json!({
        "trials": trials.len(),
        "seed": mc.seed,
        "planning": mc.planning.name(),
        "outcomes": "drawn",
        "outcomes_note": OUTCOMES_NOTE,
        "uncertain_inputs": ms.scenario.uncertain.iter().flat_map(|u| u.paths.clone()).collect::<Vec<_>>(),
        "index": summary_json(summary(index.iter().copied()).as_ref()),
        "index_histogram": { "low": 0.0, "high": 1.0, "counts": stats::histogram(&index, 0.0, 1.0, 20) },
        "overall_ratio": overall,
        "ratios": report.ratios.iter().map(|r| json!({
            "side": name(r.actor),
            "opponent": name(r.opponent),
            "ratio": summary_json(summary(trials.iter().filter_map(|t| t.ratio(r.actor, r.opponent))).as_ref()),
        })).collect::<Vec<_>>(),
        "exchanges": report.strikes.iter().map(|s| exchange_json(report, mc, s.striker, s.victim)).collect::<Vec<_>>(),
    })
}

/// The Monte Carlo section of the N-side text report (built from the JSON value, so both agree).
pub fn text(ms: &MultiScenario, report: &MultiReport, mc: &NSideMonteCarlo) -> String {
    let v = json(ms, report, mc);
    let mut out = String::new();
    say!(out, "");
    say!(
        out,
        "Monte Carlo: {} trials, seed {}; {} uncertain inputs, {} planning; {OUTCOMES_NOTE}",
        mc.trials.len(),
        mc.seed,
        ms.scenario.uncertain.len(),
        mc.planning.name()
    );
    say!(
        out,
        "  {:<44} {:>9} {:>9} {:>9} {:>9}",
        "",
        "mean",
        "5 %",
        "median",
        "95 %"
    );
    row(&mut out, "N-side index", &v["index"]);
    for (name, s) in v["overall_ratio"].as_object().into_iter().flatten() {
        row(&mut out, &format!("overall ratio, {name}"), s);
    }
    for r in v["ratios"].as_array().into_iter().flatten() {
        let label = format!(
            "ratio, {} vs {}",
            text_of(&r["side"]),
            text_of(&r["opponent"])
        );
        row(&mut out, &label, &r["ratio"]);
    }
    for x in v["exchanges"].as_array().into_iter().flatten() {
        exchange_text(&mut out, x);
    }
    out
}

fn text_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// One summary row: mean and quantiles (a summary over no trials is left out).
fn row(out: &mut String, name: &str, s: &Value) {
    let Some(mean) = s["mean"].as_f64() else {
        return;
    };
    let q = |level: f64| {
        s["quantiles"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|x| x["q"].as_f64().is_some_and(|l| (l - level).abs() < 1e-9))
            .and_then(|x| x["value"].as_f64())
            .unwrap_or(mean)
    };
    say!(
        out,
        "  {:<44} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
        name,
        mean,
        q(0.05),
        q(0.5),
        q(0.95)
    );
}

fn exchange_text(out: &mut String, x: &Value) {
    let (striker, victim) = (text_of(&x["striker"]), text_of(&x["victim"]));
    say!(out, "  {striker} strikes {victim} first:");
    row(
        out,
        &format!("  {victim} warheads surviving"),
        &x["victim_surviving_warheads"],
    );
    row(
        out,
        &format!("  {victim} warheads arriving on {striker}"),
        &x["victim_arriving_warheads"],
    );
    row(
        out,
        &format!("  damage to {striker}"),
        &x["damage_to_striker"],
    );
    row(
        out,
        &format!("  damage to {victim}"),
        &x["damage_to_victim"],
    );
    crate::montecarlo::at_least_line(out, victim, &x["p_at_least"]);
}
