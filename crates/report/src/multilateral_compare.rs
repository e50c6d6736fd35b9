//! `reykjavik compare` on an N-side scenario (issue 10): the base and each proposal under the
//! N-side analysis at the four standard regimes (the N-side index, each actor's overall ratio,
//! every pairwise ratio), each side's treaty counts and the paired Monte Carlo over the inputs,
//! as text or JSON (docs/output-format.md, "N-side compare"). Proposals change the truth;
//! beliefs stay as written.

use reykjavik_engine::arms_control::compare::PairedChange;
use reykjavik_engine::arms_control::proposal::Proposal;
use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_engine::multilateral::MultiReport;
use reykjavik_engine::multilateral::compare::RegimeReport;
use serde_json::{Value, json};

use crate::compare::{paired_json, paired_lines, row, signed};
use crate::multilateral::report_json;
use crate::say;
use crate::treaty::{counting_name, side_json};

/// One column: the base or a proposal applied to its truth.
pub struct NSideEntry {
    pub name: String,
    pub proposal: Option<Proposal>,
    /// In `STANDARD_REGIMES` order.
    pub regimes: Vec<RegimeReport>,
    /// Every side of the truth, against the same limits.
    pub counts: Vec<SideCount>,
    /// Paired Monte Carlo against the base (proposals only, with --trials).
    pub paired: Option<Vec<PairedChange>>,
}

/// Everything an N-side comparison reports.
pub struct NSideComparison {
    pub scenario: String,
    pub sides: Vec<String>,
    pub has_beliefs: bool,
    pub treaty: Treaty,
    pub counting: Counting,
    /// Trials and seed of the paired Monte Carlo, if run.
    pub trials: Option<(u64, u64)>,
    /// The base first.
    pub entries: Vec<NSideEntry>,
}

/// How proposals meet beliefs (the text and the JSON say it when a side holds beliefs).
pub const BELIEFS_NOTE: &str = "Proposals change the truth; each side's beliefs stay as written (a belief overrides its field in its holder's view, whatever the proposal sets).";

/// A regime's short name ("generated LUA"), as the two-side `compare::regime_name`.
pub fn regime_label(r: &RegimeReport) -> String {
    let lua = if r.launch_under_attack { " LUA" } else { "" };
    format!("{}{lua}", r.alert.name())
}

fn actor_name(report: &MultiReport, a: usize) -> &str {
    report.actors.get(a).map_or("?", |x| x.name.as_str())
}

/// The text report.
pub fn text(c: &NSideComparison) -> String {
    let mut out = String::new();
    say!(
        out,
        "{} (N sides: {}): {} proposal(s); treaty {} ({} counting)",
        c.scenario,
        c.sides.join(", "),
        c.entries.len() - 1,
        c.treaty.name,
        counting_name(c.counting)
    );
    if c.has_beliefs {
        say!(out, "{BELIEFS_NOTE}");
    }
    index_table(&mut out, c);
    overall_ratios(&mut out, c);
    pair_ratios(&mut out, c);
    treaty_counts(&mut out, c);
    monte_carlo(&mut out, c);
    expectations(&mut out, c);
    out
}

fn index_table(out: &mut String, c: &NSideComparison) {
    let base = &c.entries[0];
    say!(
        out,
        "\nN-side index under the four standard regimes (change from base)"
    );
    let header: Vec<String> = base.regimes.iter().map(regime_label).collect();
    say!(out, "  {:<18} {}", "", row(&header, 20));
    for e in &c.entries {
        let cells: Vec<String> = e
            .regimes
            .iter()
            .zip(&base.regimes)
            .map(|(r, b)| {
                let index = r.report.index;
                if e.proposal.is_none() {
                    format!("{index:.3}")
                } else {
                    format!("{index:.3} ({})", signed(index - b.report.index))
                }
            })
            .collect();
        say!(out, "  {:<18} {}", e.name, row(&cells, 20));
    }
}

fn overall_ratios(out: &mut String, c: &NSideComparison) {
    say!(
        out,
        "\nEach side's (or alliance's) overall ratio (its lowest pairwise ratio)"
    );
    for e in &c.entries {
        say!(out, "  {}", e.name);
        for r in &e.regimes {
            let cells: Vec<String> = r
                .report
                .actors
                .iter()
                .zip(&r.report.overall)
                .map(|(actor, overall)| format!("{} {overall:.3}", actor.name))
                .collect();
            say!(out, "    {:<16} {}", regime_label(r), cells.join("   "));
        }
    }
}

fn pair_ratios(out: &mut String, c: &NSideComparison) {
    say!(
        out,
        "\nPairwise ratios: side vs opponent, C1 (striking first) / C2 (struck first) = ratio"
    );
    for e in &c.entries {
        say!(out, "  {}", e.name);
        for r in &e.regimes {
            let report = &r.report;
            let cells: Vec<String> = report
                .ratios
                .iter()
                .map(|p| {
                    format!(
                        "{} vs {} {:.3} / {:.3} = {:.3}",
                        actor_name(report, p.actor),
                        actor_name(report, p.opponent),
                        p.cost_striking_first,
                        p.cost_struck_first,
                        p.ratio
                    )
                })
                .collect();
            say!(out, "    {}", regime_label(r));
            for cell in cells {
                say!(out, "      {cell}");
            }
        }
    }
}

fn treaty_counts(out: &mut String, c: &NSideComparison) {
    let limits: Vec<String> = c.treaty.limits.iter().map(|l| l.max.to_string()).collect();
    say!(
        out,
        "\nTreaty counts under {} (limits {}; * = over a limit), every side against the same limits",
        c.treaty.name,
        limits.join(" / ")
    );
    for e in &c.entries {
        say!(
            out,
            "  {:<18} {}",
            e.name,
            crate::compare::counts_line(&e.counts)
        );
    }
    say!(
        out,
        "  A bilateral treaty (New START binds the United States and Russia only) sets no limit on a third party: its count is where it would stand, not a breach."
    );
}

/// What the N-side trials draw (the two-side trials also draw outcomes).
pub const TRIALS_NOTE: &str = "inputs drawn, each trial planned on its draw, no random outcomes";

fn monte_carlo(out: &mut String, c: &NSideComparison) {
    let Some((trials, seed)) = c.trials else {
        return;
    };
    say!(
        out,
        "\nPaired Monte Carlo ({trials} trials, seed {seed}; {TRIALS_NOTE}): change in the N-side index, mean [5 %, 95 %], P(improves) / P(worsens)"
    );
    for e in &c.entries {
        if let Some(paired) = &e.paired {
            paired_lines(out, &e.name, paired);
        }
    }
}

fn expectations(out: &mut String, c: &NSideComparison) {
    say!(
        out,
        "\nExpected direction (from each proposal's sources, for the two-side case)"
    );
    for e in &c.entries {
        if let Some(p) = &e.proposal {
            say!(out, "  {:<18} {}", e.name, p.expected);
        }
    }
}

/// The JSON document (schema in docs/output-format.md, "N-side compare").
pub fn json(c: &NSideComparison) -> Value {
    let base = &c.entries[0];
    json!({
        "kind": "n-side",
        "scenario": c.scenario,
        "sides": c.sides,
        "treaty": c.treaty.name,
        "counting": counting_name(c.counting),
        "trials": c.trials.map(|t| t.0),
        "seed": c.trials.map(|t| t.1),
        "monte_carlo_draws": c.trials.map(|_| TRIALS_NOTE),
        "beliefs": if c.has_beliefs { BELIEFS_NOTE } else { "none" },
        "entries": c.entries.iter().map(|e| entry_json(c, e, base)).collect::<Vec<_>>(),
    })
}

fn entry_json(c: &NSideComparison, e: &NSideEntry, base: &NSideEntry) -> Value {
    json!({
        "name": e.name,
        "description": e.proposal.as_ref().map(|p| p.description.clone()),
        "sources": e.proposal.as_ref().map(|p| p.sources.clone()),
        "expected": e.proposal.as_ref().map(|p| p.expected.clone()),
        "regimes": e.regimes.iter().zip(&base.regimes).map(|(r, b)| regime_json(r, b)).collect::<Vec<_>>(),
        "treaty": e.counts.iter().map(|count| side_json(&c.treaty, count)).collect::<Vec<_>>(),
        "monte_carlo": e.paired.as_ref().map(|paired| paired.iter().map(paired_json).collect::<Vec<_>>()),
    })
}

/// One regime: its posture, then the N-side report of `analyze` with the change in the index
/// from the base after `index`.
fn regime_json(r: &RegimeReport, base: &RegimeReport) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("alert".into(), json!(r.alert.name()));
    map.insert("launch_under_attack".into(), json!(r.launch_under_attack));
    if let Value::Object(report) = report_json(&r.report) {
        for (key, value) in report {
            let after_index = key == "index";
            map.insert(key, value);
            if after_index {
                map.insert("change".into(), json!(r.report.index - base.report.index));
            }
        }
    }
    Value::Object(map)
}
