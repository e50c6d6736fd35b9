//! `analyze --curve` / `--certify` on N sides (issue 10): each ordered pair's committed exchange
//! (a two-side exchange: the striker's committed force on the victim) with its draw-down curve
//! and its cost certificate, built with the two-side builders (`analyze::curve_text`,
//! `analyze::optimality_json`, `curve_json`). JSON: the array `pair_exchanges`
//! (docs/output-format.md, "N-side analysis").

use reykjavik_engine::multilateral::MultiReport;
use reykjavik_engine::multilateral::detail::PairExchange;
use serde_json::{Value, json};

use crate::analyze::{curve_text, optimality_json, plan_quality};
use crate::{curve_json, say};

/// The pairs and what to show of them.
#[derive(Debug, Clone, Copy)]
pub struct PairDetails<'a> {
    /// In the order of the actual report's strikes.
    pub pairs: &'a [PairExchange],
    /// The whole draw-down curve of each pair.
    pub curve: bool,
    /// The cost certificate of each pair.
    pub certify: bool,
}

/// The JSON key of the pairs' array.
pub const KEY: &str = "pair_exchanges";

fn name(report: &MultiReport, a: usize) -> &str {
    report.actors.get(a).map_or("?", |x| x.name.as_str())
}

/// One pair: names, reserve, the stop of the exchange, and the certificate and curve when asked
/// (the curve a placeholder that [`to_string_pretty`] fills).
fn pair_json(report: &MultiReport, p: &PairExchange, d: &PairDetails) -> Value {
    let x = &p.exchange;
    let stop = x.at_stop();
    let mut value = json!({
        "striker": name(report, p.striker),
        "victim": name(report, p.victim),
        "reserve_share": p.reserve_share,
        "stop_index": x.stop,
        "curve_points": x.curve.len(),
        "counterforce_warheads_spent": stop.warheads_spent,
        "conventional_weapons_spent": stop.conventional_spent,
        "victim_surviving_warheads": stop.victim_warheads_surviving,
        "exchange_cost_to_striker": stop.cost_to_striker,
        "exchange_cost_to_victim": stop.cost_to_victim,
    });
    if d.certify {
        value["optimality"] = optimality_json(x);
    }
    if d.curve {
        value[curve_json::CURVE_KEY] = Value::Null;
    }
    value
}

/// Adds `pair_exchanges` to the N-side document `doc`.
pub fn add_json(doc: &mut Value, report: &MultiReport, d: &PairDetails) {
    doc[KEY] = d.pairs.iter().map(|p| pair_json(report, p, d)).collect();
}

/// The document pretty-printed with a final newline, each pair's curve written straight from
/// the engine's points (as the two-side `analyze` JSON).
pub fn to_string_pretty(doc: &Value, d: &PairDetails) -> String {
    let curves: Vec<_> = d.pairs.iter().map(|p| &p.exchange.curve[..]).collect();
    curve_json::to_string_pretty_at(doc, KEY, &curves)
}

/// The text: per pair, one line for the stop, the certificate in one line, the curve table.
pub fn text(report: &MultiReport, d: &PairDetails) -> String {
    let mut out = String::new();
    say!(out, "");
    say!(
        out,
        "Each pair's exchange (the two-side exchange of the striker's committed force on the victim; its costs are before any third party joins):"
    );
    for p in d.pairs {
        let (striker, victim) = (name(report, p.striker), name(report, p.victim));
        let x = &p.exchange;
        let stop = x.at_stop();
        say!(
            out,
            "{striker} -> {victim} (reserve {:.3}): stop at point {} of {}, {:.0} warheads on counterforce, {:.0} of the victim's survive; cost to {striker} {:.3}, to {victim} {:.3}.",
            p.reserve_share,
            x.stop,
            x.curve.len(),
            stop.warheads_spent + stop.conventional_spent,
            stop.victim_warheads_surviving,
            stop.cost_to_striker,
            stop.cost_to_victim
        );
        if d.certify {
            match plan_quality(striker, x) {
                Some(line) => say!(out, "  {line}"),
                None => say!(out, "  Plan quality: no certificate for this exchange."),
            }
        }
        if d.curve {
            out += &curve_text(x);
        }
    }
    out
}
