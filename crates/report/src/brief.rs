//! The HTML brief of `compare --brief FILE.html`: one self-contained page for decision makers (no external
//! assets): the bottom line, the proposals side by side, the change in each side's incentive
//! under the four regimes, the Monte Carlo spread, treaty compliance, the chart as inline SVG,
//! and the assumptions that decide the result. Printable on two A4 pages.

use std::fmt::Write;

use reykjavik_engine::arms_control::compare::{PairedChange, RegimeTerms};
use reykjavik_engine::arms_control::proposal::Proposal;
use reykjavik_engine::arms_control::treaty::{SideCount, Treaty};

use crate::compare::{Comparison, Entry, quantile, regime_name, signed};
use crate::treaty::counting_name;

pub(crate) const STYLE: &str = "
@page { size: A4; margin: 11mm 11mm; }
body { font: 8.6pt/1.25 Georgia, 'Times New Roman', serif; color: #111; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 3mm 0 1mm; border-bottom: 1px solid #999; }
p, li { margin: 1mm 0; }
ul { padding-left: 5mm; margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; font: 7.6pt/1.15 Helvetica, Arial, sans-serif; margin: 1mm 0 2mm; }
th, td { border-bottom: 1px solid #ddd; padding: 0.6mm 1.2mm; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f0f0f0; }
.up { color: #116611; } .down { color: #aa1111; } .over { color: #aa1111; font-weight: bold; }
.small { font-size: 8.5pt; color: #444; }
.chart svg { width: 100%; height: auto; }
h2 { break-after: avoid; } tr { break-inside: avoid; }
";

/// The whole page.
pub fn html(c: &Comparison, chart_svg: &str) -> String {
    let mut out = String::new();
    let title = format!("Arms-control proposals for {}", c.base.name);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"small\">{} &mdash; treaty counts under {} ({} counting). Computed by Reykjavik (<code>reykjavik compare</code>).</p>",
        escape(&c.base.description),
        escape(&c.treaty.name),
        counting_name(c.counting)
    );
    bottom_line(&mut out, c);
    index_table(&mut out, c);
    let _ = writeln!(out, "<div class=\"chart\">{chart_svg}</div>");
    incentives(&mut out, c);
    monte_carlo(&mut out, c);
    compliance(&mut out, c);
    assumptions(&mut out, c);
    sources(&mut out, c);
    out.push_str("</body></html>\n");
    out
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) fn class_of(change: f64) -> &'static str {
    if change > 0.0005 {
        "up"
    } else if change < -0.0005 {
        "down"
    } else {
        ""
    }
}

fn changes(e: &Entry, base: &Entry) -> Vec<f64> {
    e.regimes
        .iter()
        .zip(&base.regimes)
        .map(|(r, b)| r.index - b.index)
        .collect()
}

/// One plain sentence per proposal: where the index rises or falls, and compliance.
fn bottom_line(out: &mut String, c: &Comparison) {
    let base = &c.entries[0];
    out.push_str("<h2>Bottom line</h2>\n<ul>\n");
    for e in &c.entries[1..] {
        let d = changes(e, base);
        let up = d.iter().filter(|x| **x > 0.0005).count();
        let down = d.iter().filter(|x| **x < -0.0005).count();
        let (k, largest) = d
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            .map_or((0, 0.0), |(k, x)| (k, *x));
        let effect = if up + down == 0 {
            "leaves the stability index unchanged in all four regimes".to_string()
        } else {
            format!(
                "raises the stability index in {up} and lowers it in {down} of the four regimes (largest change {} at {})",
                signed(largest),
                regime_name(&base.regimes[k])
            )
        };
        let within = format!("both sides within {}", c.treaty.name);
        let treaty = treaty_clause(&e.counts, &c.treaty.name, within);
        let _ = writeln!(
            out,
            "<li><b>{}</b> ({}): {effect}; {treaty}. <i>Literature: {}</i></li>",
            escape(&e.name),
            escape(e.proposal.as_ref().map_or("", |p| p.description.as_str())),
            escape(e.proposal.as_ref().map_or("", |p| p.expected.as_str()))
        );
    }
    out.push_str("</ul>\n<p class=\"small\">The index (Kent &amp; Thaler 1989) is 1 when neither side gains by striking first and falls toward 0 as a first strike becomes cheaper than being struck first. It ranks postures; it is not a probability of war.</p>\n");
}

fn header(out: &mut String, first: &str, regimes: &[RegimeTerms]) {
    let _ = write!(out, "<table><tr><th>{first}</th>");
    for r in regimes {
        let _ = write!(out, "<th>{}</th>", escape(&regime_name(r)));
    }
    out.push_str("</tr>\n");
}

fn index_table(out: &mut String, c: &Comparison) {
    let base = &c.entries[0];
    out.push_str("<h2>Stability index under the four standard regimes</h2>\n");
    header(out, "", &base.regimes);
    for e in &c.entries {
        let _ = write!(out, "<tr><td>{}</td>", escape(&e.name));
        for (r, d) in e.regimes.iter().zip(changes(e, base)) {
            if e.proposal.is_none() {
                let _ = write!(out, "<td>{:.3}</td>", r.index);
            } else {
                let _ = write!(
                    out,
                    "<td>{:.3} <span class=\"{}\">({})</span></td>",
                    r.index,
                    class_of(d),
                    signed(d)
                );
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<p class=\"small\">Regimes: both sides at day-to-day or generated alert, each riding out an attack or launching under attack (LUA).</p>\n");
}

/// Each side's ratio C1/C2: below 1, striking first costs it less than being struck first.
fn incentives(out: &mut String, c: &Comparison) {
    let base = &c.entries[0];
    out.push_str("<h2>Each side's incentive: change in its ratio C1/C2</h2>\n");
    out.push_str("<p class=\"small\">C1 is a side's cost if it strikes first, C2 its cost if struck first; the ratio C1/C2 (at most 1) falls when striking first becomes more attractive. A rise is good.</p>\n");
    header(out, "proposal, side", &base.regimes);
    for e in &c.entries[1..] {
        for (s, side) in c.base.sides.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><td>{}, {}</td>",
                escape(&e.name),
                escape(&side.name)
            );
            for (r, b) in e.regimes.iter().zip(&base.regimes) {
                let d = r.sides[s].ratio - b.sides[s].ratio;
                let _ = write!(
                    out,
                    "<td>{:.3} <span class=\"{}\">({})</span></td>",
                    r.sides[s].ratio,
                    class_of(d),
                    signed(d)
                );
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n");
}

fn monte_carlo(out: &mut String, c: &Comparison) {
    out.push_str("<h2>Uncertainty (paired Monte Carlo)</h2>\n");
    let Some((trials, seed)) = c.trials else {
        out.push_str("<p>Not run: add <code>--trials N</code> for the spread of each change under the uncertain inputs and random outcomes.</p>\n");
        return;
    };
    let _ = writeln!(
        out,
        "<p class=\"small\">{trials} trials (seed {seed}); in each, the base and the proposal use the same random stream. Mean change in the index [5th, 95th percentile] and the share of trials in which the index improves.</p>"
    );
    header(out, "proposal", &c.entries[0].regimes);
    paired_rows(out, c.entries[1..].iter().map(|e| (&e.name, &e.paired)));
}

/// The bottom line's treaty clause: `within` when every side complies, else the sides over a
/// limit of `treaty` in red. Shared with the N-side brief.
pub(crate) fn treaty_clause(counts: &[SideCount], treaty: &str, within: String) -> String {
    let over: Vec<&str> = counts
        .iter()
        .filter(|s| !s.complies())
        .map(|s| s.side.as_str())
        .collect();
    if over.is_empty() {
        within
    } else {
        format!(
            "<span class=\"over\">over a {treaty} limit: {}</span>",
            escape(&over.join(", "))
        )
    }
}

/// One row per proposal with paired trials: the mean change [5th, 95th percentile] and
/// P(better) per regime; closes the table. Shared with the N-side brief.
pub(crate) fn paired_rows<'a>(
    out: &mut String,
    entries: impl Iterator<Item = (&'a String, &'a Option<Vec<PairedChange>>)>,
) {
    for (name, paired) in entries {
        let Some(paired) = paired else { continue };
        let _ = write!(out, "<tr><td>{}</td>", escape(name));
        for p in paired {
            let _ = write!(
                out,
                "<td>{} [{}, {}]<br>P(better) {:.0} %</td>",
                signed(p.summary.mean),
                signed(quantile(p, 0.05)),
                signed(quantile(p, 0.95)),
                100.0 * p.p_improves
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn compliance(out: &mut String, c: &Comparison) {
    let sides: Vec<&str> = c.base.sides.iter().map(|s| s.name.as_str()).collect();
    let rows = c.entries.iter().map(|e| (&e.name, &e.counts[..]));
    compliance_table(out, &c.treaty, "", &sides, rows);
}

/// The treaty-compliance table: every entry's counts per side against each limit, in red over
/// a limit; `note` follows the counted limits. Shared with the N-side brief.
pub(crate) fn compliance_table<'a>(
    out: &mut String,
    treaty: &Treaty,
    note: &str,
    sides: &[&str],
    rows: impl Iterator<Item = (&'a String, &'a [SideCount])>,
) {
    let limits: Vec<String> = treaty.limits.iter().map(|l| escape(&l.name)).collect();
    let maxima: Vec<String> = treaty.limits.iter().map(|l| l.max.to_string()).collect();
    let _ = writeln!(
        out,
        "<h2>Treaty compliance ({})</h2>\n<p class=\"small\">Counted: {} (limits {}); in red, over a limit.{note}</p>",
        escape(&treaty.name),
        limits.join(" / "),
        maxima.join(" / ")
    );
    out.push_str("<table><tr><th></th>");
    for side in sides {
        let _ = write!(out, "<th>{}</th>", escape(side));
    }
    out.push_str("</tr>\n");
    for (name, counts) in rows {
        let _ = write!(out, "<tr><td>{}</td>", escape(name));
        for count in counts {
            let cells: Vec<String> = count
                .limits
                .iter()
                .map(|l| {
                    let class = if l.complies() { "" } else { "over" };
                    format!("<span class=\"{class}\">{}</span>", l.counted)
                })
                .collect();
            let _ = write!(out, "<td>{}</td>", cells.join(" / "));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn assumptions(out: &mut String, c: &Comparison) {
    let o = &c.base.options;
    out.push_str("<h2>Assumptions that decide the result</h2>\n<ul>\n");
    let _ = writeln!(
        out,
        "<li>A side's cost of an exchange is its own damage to the power {}, plus {} times the damage it fails to inflict (Kent &amp; Thaler's cost function): how much each side cares about hurting the other moves every number here.</li>",
        o.cost_exponent, o.cost_surcharge
    );
    let _ = writeln!(
        out,
        "<li>A striker uses {:.0} % of its silo forces and {:.0} % of its other forces; launch under attack saves {:.0} % of the targeted launchers able to do it.</li>",
        100.0 * o.striker_availability_fixed,
        100.0 * o.striker_availability_survivable,
        100.0 * o.launch_under_attack_share
    );
    let _ = writeln!(
        out,
        "<li>{} inputs of the scenario are uncertain ranges: the tables use their central values; the Monte Carlo draws them. Attack plans are made once on the central values.</li>",
        c.base.uncertain.len()
    );
    let _ = writeln!(
        out,
        "<li>Treaty counts follow {}'s rules as data: deployed launchers are those on day-to-day alert; non-deployed and converted launchers are as the scenario states them{}.</li>",
        escape(&c.treaty.name),
        match c.counting {
            reykjavik_engine::arms_control::treaty::Counting::Declared =>
                "; converted launchers are out of accountability (the owner's view)",
            reykjavik_engine::arms_control::treaty::Counting::Disputed =>
                "; converted launchers still count (the other party's view)",
        }
    );
    out.push_str("<li>Proposals are applied as written: proportional cuts round down per force element; nothing else in the forces adapts.</li>\n");
    out.push_str("</ul>\n");
}

fn sources(out: &mut String, c: &Comparison) {
    let proposals = c.entries[1..].iter().filter_map(|e| e.proposal.as_ref());
    sources_list(out, proposals, &c.treaty, &c.base.name);
}

/// The sources: each proposal's, the treaty's, and where the scenario's numbers are sourced.
/// Shared with the N-side brief.
pub(crate) fn sources_list<'a>(
    out: &mut String,
    proposals: impl Iterator<Item = &'a Proposal>,
    treaty: &Treaty,
    scenario: &str,
) {
    out.push_str("<h2>Sources</h2>\n<ul class=\"small\">\n");
    for p in proposals {
        let _ = writeln!(
            out,
            "<li><b>{}</b>: {}</li>",
            escape(&p.name),
            escape(&p.sources.join("; "))
        );
    }
    let _ = writeln!(
        out,
        "<li><b>{}</b>: {}</li>",
        escape(&treaty.name),
        escape(&treaty.sources.join("; "))
    );
    let _ = writeln!(
        out,
        "<li><b>{}</b>: every number and its source in <code>reykjavik scenarios show {}</code>.</li>",
        escape(scenario),
        escape(scenario)
    );
    out.push_str("</ul>\n");
}
