//! The output of `reykjavik compare SCENARIO PROPOSAL...` (docs/arms-control.md): the base and
//! each proposal under the four standard regimes, treaty counts and the paired Monte Carlo, as
//! text or JSON (schema in docs/output-format.md). The HTML brief is in [`crate::brief`].

use reykjavik_engine::arms_control::compare::{PairedChange, RegimeTerms};
use reykjavik_engine::arms_control::proposal::Proposal;
use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_engine::model::Scenario;
use serde_json::{Value, json};

use crate::say;
use crate::treaty::{counting_name, side_json};

/// One column of the comparison: the base or a proposal applied to it.
pub struct Entry {
    pub name: String,
    pub proposal: Option<Proposal>,
    pub regimes: Vec<RegimeTerms>,
    pub counts: Vec<SideCount>,
    /// Paired Monte Carlo against the base (proposals only, with --trials).
    pub paired: Option<Vec<PairedChange>>,
}

/// Everything a comparison reports.
pub struct Comparison {
    pub base: Scenario,
    pub treaty: Treaty,
    pub counting: Counting,
    pub trials: Option<(u64, u64)>,
    pub entries: Vec<Entry>,
}

/// Short regime names, in `STANDARD_REGIMES` order.
pub fn regime_name(r: &RegimeTerms) -> String {
    regime_label(r.alert.name(), r.launch_under_attack)
}

fn regime_label(alert: &str, launch_under_attack: bool) -> String {
    format!("{alert}{}", if launch_under_attack { " LUA" } else { "" })
}

/// A signed change, short.
pub fn signed(x: f64) -> String {
    if x.abs() < 0.0005 {
        "0.000".into()
    } else {
        format!("{x:+.3}")
    }
}

/// The text report: the index by regime, each side's terms, treaty counts, the paired Monte
/// Carlo and each proposal's expected direction.
pub fn text(c: &Comparison) -> String {
    let mut out = String::new();
    let base = &c.entries[0];
    say!(
        out,
        "{}: {} proposal(s); treaty {} ({} counting)",
        c.base.name,
        c.entries.len() - 1,
        c.treaty.name,
        counting_name(c.counting)
    );
    say!(
        out,
        "\nIndex under the four standard regimes (change from base)"
    );
    let header: Vec<String> = base.regimes.iter().map(regime_name).collect();
    say!(out, "  {:<18} {}", "", row(&header, 20));
    for e in &c.entries {
        let cells: Vec<String> = e
            .regimes
            .iter()
            .zip(&base.regimes)
            .map(|(r, b)| {
                if e.proposal.is_none() {
                    format!("{:.3}", r.index)
                } else {
                    format!("{:.3} ({})", r.index, signed(r.index - b.index))
                }
            })
            .collect();
        say!(out, "  {:<18} {}", e.name, row(&cells, 20));
    }
    side_terms(&mut out, c);
    treaty_counts(&mut out, c);
    monte_carlo(&mut out, c);
    expectations(&mut out, c);
    out
}

pub(crate) fn row(cells: &[String], width: usize) -> String {
    cells
        .iter()
        .map(|s| format!("{s:>width$}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn side_terms(out: &mut String, c: &Comparison) {
    say!(
        out,
        "\nEach side's C1 (striking first) / C2 (struck first) = ratio"
    );
    for e in &c.entries {
        say!(out, "  {}", e.name);
        for r in &e.regimes {
            let sides: Vec<String> = c
                .base
                .sides
                .iter()
                .zip(&r.sides)
                .map(|(side, t)| {
                    format!(
                        "{} {:.3} / {:.3} = {:.3}",
                        side.name, t.cost_striking_first, t.cost_struck_first, t.ratio
                    )
                })
                .collect();
            say!(out, "    {:<16} {}", regime_name(r), sides.join("   "));
        }
    }
}

fn treaty_counts(out: &mut String, c: &Comparison) {
    let limits: Vec<String> = c.treaty.limits.iter().map(|l| l.max.to_string()).collect();
    say!(
        out,
        "\nTreaty counts under {} (limits {}; * = over a limit)",
        c.treaty.name,
        limits.join(" / ")
    );
    for e in &c.entries {
        say!(out, "  {:<18} {}", e.name, counts_line(&e.counts));
    }
}

/// Each side's counts under every limit on one line, `*` marking a count over its limit.
pub(crate) fn counts_line(counts: &[SideCount]) -> String {
    let sides: Vec<String> = counts
        .iter()
        .map(|count| {
            let numbers: Vec<String> = count
                .limits
                .iter()
                .map(|l| format!("{}{}", l.counted, if l.complies() { "" } else { "*" }))
                .collect();
            format!("{} {}", count.side, numbers.join(" / "))
        })
        .collect();
    sides.join("   ")
}

fn monte_carlo(out: &mut String, c: &Comparison) {
    let Some((trials, seed)) = c.trials else {
        return;
    };
    say!(
        out,
        "\nPaired Monte Carlo ({trials} trials, seed {seed}): change in the index, mean [5 %, 95 %], P(improves) / P(worsens)"
    );
    for e in &c.entries {
        if let Some(paired) = &e.paired {
            paired_lines(out, &e.name, paired);
        }
    }
}

/// One entry's paired changes, a line per regime: mean [5 %, 95 %], P(improves) / P(worsens).
pub(crate) fn paired_lines(out: &mut String, name: &str, paired: &[PairedChange]) {
    say!(out, "  {name}");
    for p in paired {
        say!(
            out,
            "    {:<16} {} [{}, {}]   {:.2} / {:.2}",
            regime_label(p.alert.name(), p.launch_under_attack),
            signed(p.summary.mean),
            signed(quantile(p, 0.05)),
            signed(quantile(p, 0.95)),
            p.p_improves,
            p.p_worsens
        );
    }
}

/// The quantile of a paired change at `level` (the mean when it was not computed).
pub fn quantile(p: &PairedChange, level: f64) -> f64 {
    p.summary
        .quantiles
        .iter()
        .find(|(q, _)| (q - level).abs() < 1e-9)
        .map_or(p.summary.mean, |(_, v)| *v)
}

fn expectations(out: &mut String, c: &Comparison) {
    say!(out, "\nExpected direction (from each proposal's sources)");
    for e in &c.entries {
        if let Some(p) = &e.proposal {
            say!(out, "  {:<18} {}", e.name, p.expected);
        }
    }
}

/// The JSON document (schema in docs/output-format.md).
pub fn json(c: &Comparison) -> Value {
    let base = &c.entries[0];
    json!({
        "scenario": c.base.name,
        "treaty": c.treaty.name,
        "counting": counting_name(c.counting),
        "trials": c.trials.map(|t| t.0),
        "seed": c.trials.map(|t| t.1),
        "entries": c.entries.iter().map(|e| entry_json(c, e, base)).collect::<Vec<_>>(),
    })
}

fn entry_json(c: &Comparison, e: &Entry, base: &Entry) -> Value {
    json!({
        "name": e.name,
        "description": e.proposal.as_ref().map(|p| p.description.clone()),
        "sources": e.proposal.as_ref().map(|p| p.sources.clone()),
        "expected": e.proposal.as_ref().map(|p| p.expected.clone()),
        "regimes": e.regimes.iter().zip(&base.regimes).map(|(r, b)| json!({
            "alert": r.alert.name(),
            "launch_under_attack": r.launch_under_attack,
            "index": r.index,
            "change": r.index - b.index,
            "sides": c.base.sides.iter().zip(&r.sides).map(|(side, t)| json!({
                "side": side.name,
                "cost_striking_first": t.cost_striking_first,
                "cost_struck_first": t.cost_struck_first,
                "ratio": t.ratio,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "treaty": e.counts.iter().map(|count| side_json(&c.treaty, count)).collect::<Vec<_>>(),
        "monte_carlo": e.paired.as_ref().map(|paired| paired.iter().map(paired_json).collect::<Vec<_>>()),
    })
}

/// One regime's paired change as JSON (shared with the N-side compare).
pub fn paired_json(p: &PairedChange) -> Value {
    json!({
        "alert": p.alert.name(),
        "launch_under_attack": p.launch_under_attack,
        "mean_change": p.summary.mean,
        "sd": p.summary.sd,
        "standard_error": p.summary.standard_error,
        "quantiles": p.summary.quantiles.iter().map(|(q, v)| json!({"level": q, "value": v})).collect::<Vec<_>>(),
        "p_improves": p.p_improves,
        "p_worsens": p.p_worsens,
    })
}
