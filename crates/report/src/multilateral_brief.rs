//! The HTML brief of `compare --brief FILE.html` on an N-side scenario (issue 10): the two-side
//! brief's page (`brief`) with the N-side figures: the bottom line names the change in the
//! N-side index and in each side's (or alliance's) overall ratio, then the index table, the
//! chart, the overall ratios by regime, the paired Monte Carlo, treaty compliance, the
//! assumptions (the reserve and third-party rules among them) and the sources.

use std::fmt::Write;

use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::multilateral::compare::RegimeReport;

use crate::brief::{
    STYLE, class_of, compliance_table, escape, paired_rows, sources_list, treaty_clause,
};
use crate::compare::signed;
use crate::multilateral_compare::{
    BELIEFS_NOTE, NSideComparison, NSideEntry, TRIALS_NOTE, regime_label,
};
use crate::treaty::counting_name;

/// Changes smaller than this print as 0.000 and count as no change.
const NO_CHANGE: f64 = 0.0005;

/// The whole page; `base` is the scenario compared (its options and rules).
pub fn html(c: &NSideComparison, base: &MultiScenario, chart_svg: &str) -> String {
    let mut out = String::new();
    let title = format!(
        "Arms-control proposals for {} ({} sides)",
        c.scenario,
        c.sides.len()
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(&title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        out,
        "<p class=\"small\">{} &mdash; sides: {}; treaty counts under {} ({} counting). Computed by Reykjavik (<code>reykjavik compare</code>).</p>",
        escape(&base.scenario.description),
        escape(&c.sides.join(", ")),
        escape(&c.treaty.name),
        counting_name(c.counting)
    );
    if c.has_beliefs {
        let _ = writeln!(out, "<p class=\"small\">{}</p>", escape(BELIEFS_NOTE));
    }
    bottom_line(&mut out, c);
    index_table(&mut out, c);
    let _ = writeln!(out, "<div class=\"chart\">{chart_svg}</div>");
    overall_table(&mut out, c);
    monte_carlo(&mut out, c);
    compliance(&mut out, c);
    assumptions(&mut out, base);
    sources(&mut out, c);
    out.push_str("</body></html>\n");
    out
}

fn index_changes(e: &NSideEntry, base: &NSideEntry) -> Vec<f64> {
    e.regimes
        .iter()
        .zip(&base.regimes)
        .map(|(r, b)| r.report.index - b.report.index)
        .collect()
}

/// Actor `a`'s overall ratio change under each regime.
fn overall_changes(e: &NSideEntry, base: &NSideEntry, a: usize) -> Vec<f64> {
    e.regimes
        .iter()
        .zip(&base.regimes)
        .map(|(r, b)| r.report.overall[a] - b.report.overall[a])
        .collect()
}

/// The largest change (by size) and the regime where it is, or `None` when nothing changes.
fn largest(changes: &[f64], regimes: &[RegimeReport]) -> Option<(f64, String)> {
    changes
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .filter(|(_, x)| x.abs() >= NO_CHANGE)
        .map(|(k, x)| (*x, regime_label(&regimes[k])))
}

/// "United States +0.050 (at generated), Russia unchanged, ...": each actor's overall ratio.
fn overall_sentence(e: &NSideEntry, base: &NSideEntry) -> String {
    let regimes = &base.regimes[..];
    let Some(first) = regimes.first() else {
        return String::new();
    };
    let parts: Vec<String> = first
        .report
        .actors
        .iter()
        .enumerate()
        .map(
            |(a, actor)| match largest(&overall_changes(e, base, a), regimes) {
                Some((x, at)) => {
                    format!("{} {} (largest, at {at})", escape(&actor.name), signed(x))
                }
                None => format!("{} unchanged", escape(&actor.name)),
            },
        )
        .collect();
    parts.join(", ")
}

/// One sentence per proposal: the index, each side's overall ratio, and compliance.
fn bottom_line(out: &mut String, c: &NSideComparison) {
    let base = &c.entries[0];
    out.push_str("<h2>Bottom line</h2>\n<ul>\n");
    for e in &c.entries[1..] {
        let d = index_changes(e, base);
        let up = d.iter().filter(|x| **x >= NO_CHANGE).count();
        let down = d.iter().filter(|x| **x <= -NO_CHANGE).count();
        let effect = match largest(&d, &base.regimes) {
            None => "leaves the N-side index unchanged in all four regimes".to_string(),
            Some((x, at)) => format!(
                "raises the N-side index in {up} and lowers it in {down} of the four regimes (largest change {} at {at})",
                signed(x)
            ),
        };
        let within = format!("every side within {}'s limits", c.treaty.name);
        let treaty = treaty_clause(&e.counts, &c.treaty.name, within);
        let _ = writeln!(
            out,
            "<li><b>{}</b> ({}): {effect}; overall ratios: {}; {treaty}. <i>Literature (two-side): {}</i></li>",
            escape(&e.name),
            escape(e.proposal.as_ref().map_or("", |p| p.description.as_str())),
            overall_sentence(e, base),
            escape(e.proposal.as_ref().map_or("", |p| p.expected.as_str()))
        );
    }
    out.push_str("</ul>\n<p class=\"small\">Each side's overall ratio is its lowest ratio C1/C2 against any armed side (C1 its cost striking that side first, C2 its cost struck first by it); the N-side index is the product of the overall ratios: 1 when no side gains by going first. A rise is good. It ranks postures; it is not a probability of war.</p>\n");
}

fn header(out: &mut String, first: &str, regimes: &[RegimeReport]) {
    let _ = write!(out, "<table><tr><th>{first}</th>");
    for r in regimes {
        let _ = write!(out, "<th>{}</th>", escape(&regime_label(r)));
    }
    out.push_str("</tr>\n");
}

/// A value with its change from the base, coloured.
fn cell(value: f64, change: Option<f64>) -> String {
    match change {
        None => format!("<td>{value:.3}</td>"),
        Some(d) => format!(
            "<td>{value:.3} <span class=\"{}\">({})</span></td>",
            class_of(d),
            signed(d)
        ),
    }
}

fn index_table(out: &mut String, c: &NSideComparison) {
    let base = &c.entries[0];
    out.push_str("<h2>N-side index under the four standard regimes</h2>\n");
    header(out, "", &base.regimes);
    for e in &c.entries {
        let _ = write!(out, "<tr><td>{}</td>", escape(&e.name));
        for (r, d) in e.regimes.iter().zip(index_changes(e, base)) {
            out.push_str(&cell(r.report.index, e.proposal.as_ref().map(|_| d)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n<p class=\"small\">Regimes: every side at day-to-day or generated alert, each riding out an attack or launching under attack (LUA).</p>\n");
}

fn overall_table(out: &mut String, c: &NSideComparison) {
    let base = &c.entries[0];
    out.push_str(
        "<h2>Each side's incentive: its overall ratio (lowest C1/C2 against any side)</h2>\n",
    );
    header(out, "entry, side", &base.regimes);
    let Some(first) = base.regimes.first() else {
        out.push_str("</table>\n");
        return;
    };
    for e in &c.entries {
        for (a, actor) in first.report.actors.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><td>{}, {}</td>",
                escape(&e.name),
                escape(&actor.name)
            );
            for (r, d) in e.regimes.iter().zip(overall_changes(e, base, a)) {
                out.push_str(&cell(r.report.overall[a], e.proposal.as_ref().map(|_| d)));
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str("</table>\n");
}

fn monte_carlo(out: &mut String, c: &NSideComparison) {
    out.push_str("<h2>Uncertainty (paired Monte Carlo)</h2>\n");
    let Some((trials, seed)) = c.trials else {
        out.push_str("<p>Not run: add <code>--trials N</code> for the spread of each change in the N-side index under the uncertain inputs.</p>\n");
        return;
    };
    let _ = writeln!(
        out,
        "<p class=\"small\">{trials} trials (seed {seed}; {TRIALS_NOTE}); in each, the base and the proposal use the same draws. Mean change in the N-side index [5th, 95th percentile] and the share of trials in which it improves.</p>"
    );
    header(out, "proposal", &c.entries[0].regimes);
    paired_rows(out, c.entries[1..].iter().map(|e| (&e.name, &e.paired)));
}

fn compliance(out: &mut String, c: &NSideComparison) {
    let sides: Vec<&str> = c.sides.iter().map(String::as_str).collect();
    let rows = c.entries.iter().map(|e| (&e.name, &e.counts[..]));
    let note = " Every side is counted against the same limits: a bilateral treaty sets no limit on a third party, so its count is where it would stand, not a breach.";
    compliance_table(out, &c.treaty, note, &sides, rows);
}

fn reserve_words(base: &MultiScenario) -> String {
    use reykjavik_engine::multilateral::Reserve;
    match base.reserve {
        Reserve::None => "withholds no reserve against third parties".into(),
        Reserve::FixedShare(share) => format!(
            "withholds {:.0} % of its available launchers against third parties",
            100.0 * share
        ),
        Reserve::DeterThirdParties => "withholds the smallest reserve that keeps each third party's cost of striking it above its cost of restraint".into(),
    }
}

fn assumptions(out: &mut String, base: &MultiScenario) {
    let o = &base.scenario.options;
    out.push_str("<h2>Assumptions that decide the result</h2>\n<ul>\n");
    let _ = writeln!(
        out,
        "<li>Every ordered pair of sides is a first strike of one on the other (alliances plan as one). A side's cost is its own damage to the power {}, plus {} times the damage it fails to inflict, counting damage from every side that fires.</li>",
        o.cost_exponent, o.cost_surcharge
    );
    let _ = writeln!(
        out,
        "<li>As the scenario states: a striker {}; third parties {} (<code>{}</code>).</li>",
        reserve_words(base),
        match base.third_parties {
            reykjavik_engine::multilateral::ThirdParties::StayOut => "never fire",
            reykjavik_engine::multilateral::ThirdParties::JoinVictim =>
                "strike the weakened striker when that costs them less than restraint",
            reykjavik_engine::multilateral::ThirdParties::JoinAgainstWeaker =>
                "strike the weaker of the two when that costs them less than restraint",
        },
        base.third_parties.name()
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
        "<li>{} inputs of the scenario are uncertain ranges: the tables use their central values; the Monte Carlo draws them ({TRIALS_NOTE}).</li>",
        base.scenario.uncertain.len()
    );
    out.push_str("<li>Proposals change the truth and are applied as written to every side they name: proportional cuts round down per force element; nothing else in the forces adapts.</li>\n");
    out.push_str("</ul>\n");
}

fn sources(out: &mut String, c: &NSideComparison) {
    let proposals = c.entries[1..].iter().filter_map(|e| e.proposal.as_ref());
    sources_list(out, proposals, &c.treaty, &c.scenario);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_change_is_named_unchanged_and_a_change_names_its_regime() {
        use reykjavik_engine::model::Alert;
        use reykjavik_engine::multilateral::MultiReport;
        let report = MultiReport {
            actors: Vec::new(),
            armed: Vec::new(),
            strikes: Vec::new(),
            ratios: Vec::new(),
            overall: Vec::new(),
            index: 1.0,
        };
        let regimes: Vec<RegimeReport> = [(Alert::DayToDay, false), (Alert::Generated, true)]
            .into_iter()
            .map(|(alert, launch_under_attack)| RegimeReport {
                alert,
                launch_under_attack,
                report: report.clone(),
            })
            .collect();
        assert_eq!(largest(&[0.0001, -0.0004], &regimes), None);
        assert_eq!(
            largest(&[0.01, -0.02], &regimes),
            Some((-0.02, "generated LUA".to_string()))
        );
    }
}
