//! Monte Carlo output of `reykjavik analyze --trials N` (JSON schema in docs/output-format.md,
//! key `monte_carlo`).

use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{Planning, Trial};
use reykjavik_engine::stats::{self, Summary};
use serde_json::{Map, Value, json};

use crate::say;

/// Thresholds of P(at least k victim warheads arrive) always reported.
pub const DEFAULT_AT_LEAST: [u32; 5] = [1, 5, 10, 50, 100];

/// A Monte Carlo run as reported: its trials and how they were drawn.
#[derive(Debug, Clone, Copy)]
pub struct MonteCarlo<'a> {
    /// The trials, in order.
    pub trials: &'a [Trial],
    /// The master seed of the random streams.
    pub seed: u64,
    /// Whether the plans were fixed on the central values or made again on each trial's draws.
    pub planning: Planning,
    /// Thresholds k of P(at least k arrive) asked for besides [`DEFAULT_AT_LEAST`].
    pub at_least: &'a [u32],
}

fn summary_json(mut values: Vec<f64>) -> Value {
    match stats::summarize(&mut values) {
        None => Value::Null,
        Some(Summary {
            mean,
            sd,
            standard_error,
            min,
            max,
            quantiles,
        }) => json!({
            "mean": mean, "sd": sd, "standard_error": standard_error, "min": min, "max": max,
            "quantiles": quantiles.iter().map(|(q, v)| (format!("{q}"), json!(v))).collect::<Map<_, _>>(),
        }),
    }
}

/// Histogram of integer counts in bins of equal width (at most 50 bins).
fn count_histogram(counts: &[u32]) -> Value {
    let max = counts.iter().copied().max().unwrap_or(0);
    let width = (max / 50 + 1).max(1);
    let bins = (max / width + 1) as usize;
    let mut histogram = vec![0u64; bins];
    for &c in counts {
        histogram[(c / width) as usize] += 1;
    }
    json!({ "bin_width": width, "first_bin_starts_at": 0, "counts": histogram })
}

/// The `monte_carlo` JSON document: summaries, histograms and P(at least k arrive).
pub fn json(scenario: &Scenario, mc: &MonteCarlo) -> Value {
    let MonteCarlo {
        trials,
        seed,
        planning,
        at_least,
    } = *mc;
    let mut thresholds: Vec<u32> = DEFAULT_AT_LEAST.iter().chain(at_least).copied().collect();
    thresholds.sort_unstable();
    thresholds.dedup();
    let index: Vec<f64> = trials.iter().map(|t| t.index).collect();
    let exchanges: Vec<Value> = (0..2)
        .map(|e| {
            let samples: Vec<_> = trials.iter().map(|t| &t.exchanges[e]).collect();
            let striker = &scenario.sides[e];
            let victim = &scenario.sides[1 - e];
            let arriving: Vec<u32> = samples.iter().map(|s| s.victim_arriving_total()).collect();
            let floats = |f: &dyn Fn(&reykjavik_engine::montecarlo::ExchangeSample) -> f64| samples.iter().map(|s| f(s)).collect::<Vec<f64>>();
            json!({
                "striker": striker.name,
                "victim": victim.name,
                "counterforce_warheads_spent": summary_json(floats(&|s| f64::from(s.counterforce_warheads_spent))),
                "victim_surviving_warheads": summary_json(floats(&|s| f64::from(s.victim_surviving_total()))),
                "victim_arriving_warheads": summary_json(arriving.iter().map(|&a| f64::from(a)).collect()),
                "striker_arriving_warheads": summary_json(floats(&|s| f64::from(s.striker_arriving))),
                "damage_to_striker": summary_json(floats(&|s| s.damage_to_striker)),
                "damage_to_victim": summary_json(floats(&|s| s.damage_to_victim)),
                "cost_to_striker": summary_json(floats(&|s| s.cost_to_striker)),
                "cost_to_victim": summary_json(floats(&|s| s.cost_to_victim)),
                "p_at_least": stats::share_at_least(&arriving, &thresholds).into_iter()
                    .map(|(k, p)| (k.to_string(), json!(p))).collect::<Map<_, _>>(),
                "victim_arriving_histogram": count_histogram(&arriving),
                "victim_elements": victim.forces.iter().enumerate().map(|(j, f)| json!({
                    "name": f.name,
                    "surviving_warheads": summary_json(floats(&|s| f64::from(s.victim_surviving[j]))),
                    "arriving_warheads": summary_json(floats(&|s| f64::from(s.victim_arriving[j]))),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "trials": trials.len(),
        "seed": seed,
        "planning": planning.name(),
        "uncertain_inputs": scenario.uncertain.iter().flat_map(|u| u.paths.clone()).collect::<Vec<_>>(),
        "index": summary_json(index.clone()),
        "index_histogram": { "low": 0.0, "high": 1.0, "counts": stats::histogram(&index, 0.0, 1.0, 20) },
        "sides": scenario.sides.iter().enumerate().map(|(s, side)| json!({
            "name": side.name,
            "ratio": summary_json(trials.iter().map(|t| t.ratios[s]).collect()),
        })).collect::<Vec<_>>(),
        "exchanges": exchanges,
    })
}

/// The Monte Carlo section of the text report (built from the JSON document, so both agree).
pub fn text(scenario: &Scenario, mc: &MonteCarlo) -> String {
    let MonteCarlo {
        trials,
        seed,
        planning,
        ..
    } = *mc;
    let v = json(scenario, mc);
    let mut out = String::new();
    let q = |s: &Value, level: &str| s["quantiles"][level].as_f64().unwrap_or(f64::NAN);
    say!(out, "");
    say!(
        out,
        "Monte Carlo: {} trials, seed {seed}; {} uncertain inputs, {} planning",
        trials.len(),
        scenario.uncertain.len(),
        planning.name()
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
    let row = |out: &mut String, name: &str, s: &Value| {
        say!(
            out,
            "  {:<44} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            name,
            s["mean"].as_f64().unwrap_or(f64::NAN),
            q(s, "0.05"),
            q(s, "0.5"),
            q(s, "0.95")
        );
    };
    row(&mut out, "first-strike stability index", &v["index"]);
    for side in v["sides"].as_array().into_iter().flatten() {
        row(
            &mut out,
            &format!("ratio, {}", side["name"].as_str().unwrap_or("")),
            &side["ratio"],
        );
    }
    for x in v["exchanges"].as_array().into_iter().flatten() {
        let (striker, victim) = (
            x["striker"].as_str().unwrap_or(""),
            x["victim"].as_str().unwrap_or(""),
        );
        say!(out, "  {striker} strikes first:");
        row(
            &mut out,
            &format!("  {victim} warheads surviving"),
            &x["victim_surviving_warheads"],
        );
        row(
            &mut out,
            &format!("  {victim} warheads arriving on {striker}"),
            &x["victim_arriving_warheads"],
        );
        row(
            &mut out,
            &format!("  damage to {striker}"),
            &x["damage_to_striker"],
        );
        row(
            &mut out,
            &format!("  damage to {victim}"),
            &x["damage_to_victim"],
        );
        at_least_line(&mut out, victim, &x["p_at_least"]);
    }
    out
}

/// "P(victim warheads arriving >= 1: 99.0 %, ...)", thresholds in increasing order. Shared with
/// the N-side Monte Carlo text.
pub(crate) fn at_least_line(out: &mut String, victim: &str, p_at_least: &Value) {
    let shares: Vec<String> = p_at_least
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, p)| (k.parse::<u32>().unwrap_or(0), p.as_f64().unwrap_or(0.0)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .map(|(k, p)| format!(">= {k}: {:.1} %", 100.0 * p))
        .collect();
    say!(
        out,
        "    P({victim} warheads arriving {})",
        shares.join(", ")
    );
}
