//! The N-side report (issue 10): its JSON document (`n_side_json`, docs/output-format.md,
//! "N-side analysis") and its text (`n_side_text`), shared by every face.

use reykjavik_engine::multilateral::analysis::{MultiAnalysis, MultiReport};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use serde_json::{Value, json};
use std::fmt::Write;

use crate::multilateral_montecarlo::{self as montecarlo, NSideMonteCarlo};

/// The N-side index under one standard regime.
pub struct RegimeLine {
    pub alert: &'static str,
    pub launch_under_attack: bool,
    pub report: MultiReport,
}

/// Everything the report shows.
pub struct NSideOutput<'a> {
    pub ms: &'a MultiScenario,
    pub options: &'a MultiOptions,
    pub analysis: &'a MultiAnalysis,
    pub regimes: &'a [RegimeLine],
    /// Monte Carlo with random outcomes (`--trials`).
    pub trials: Option<&'a NSideMonteCarlo>,
}

fn actor_name(report: &MultiReport, a: usize) -> &str {
    &report.actors[a].name
}

fn options_json(out: &NSideOutput) -> Value {
    let sides = &out.ms.scenario.sides;
    let by_side = |f: &dyn Fn(usize) -> Value| -> serde_json::Map<String, Value> {
        sides
            .iter()
            .enumerate()
            .map(|(s, side)| (side.name.clone(), f(s)))
            .collect()
    };
    let reserve_share = match out.ms.reserve {
        reykjavik_engine::multilateral::Reserve::FixedShare(share) => json!(share),
        _ => Value::Null,
    };
    json!({
        "alert": by_side(&|s| json!(out.options.alert[s].name())),
        "launch_under_attack": by_side(&|s| json!(out.options.launch_under_attack[s])),
        "reserve": out.ms.reserve.name(),
        "reserve_share": reserve_share,
        "reserve_share_by_side": by_side(&|s| json!(out.ms.reserve_shares.get(s).copied().flatten())),
        "third_parties": out.ms.third_parties.name(),
    })
}

/// One world's figures: actors, index, pairs, ratios, pair indices.
pub fn report_json(report: &MultiReport) -> Value {
    let name = |a: usize| actor_name(report, a).to_string();
    let actors: Vec<Value> = report
        .actors
        .iter()
        .enumerate()
        .map(|(a, actor)| {
            json!({
                "name": actor.name,
                "members": actor.members,
                "armed": report.armed[a],
                "overall_ratio": report.overall[a],
            })
        })
        .collect();
    let pairs: Vec<Value> = report
        .strikes
        .iter()
        .map(|s| {
            let stop = s.exchange.at_stop();
            json!({
                "striker": name(s.striker),
                "victim": name(s.victim),
                "reserve_share": s.reserve_share,
                "counterforce_warheads_spent": stop.warheads_spent,
                "victim_warheads_surviving": stop.victim_warheads_surviving,
                "damage_to_striker": s.damage_to_striker,
                "damage_to_victim": s.damage_to_victim,
                "cost_to_striker": s.cost_to_striker,
                "cost_to_victim": s.cost_to_victim,
                "joiners": s.joiners.iter().map(|j| json!({
                    "side": name(j.actor),
                    "strikes": name(j.target),
                    "damage_to_target": j.damage_to_target,
                    "cost": j.cost,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let ratios: Vec<Value> = report
        .ratios
        .iter()
        .map(|r| {
            json!({
                "side": name(r.actor),
                "opponent": name(r.opponent),
                "cost_striking_first": r.cost_striking_first,
                "cost_struck_first": r.cost_struck_first,
                "ratio": r.ratio,
            })
        })
        .collect();
    json!({
        "index": report.index,
        "actors": actors,
        "pairs": pairs,
        "ratios": ratios,
        "pair_indices": pair_indices(report).iter().map(|(a, b, index)| json!({
            "sides": [name(*a), name(*b)],
            "index": index,
        })).collect::<Vec<_>>(),
    })
}

/// r_AB x r_BA for every unordered pair of armed actors: the two-side index of that pair
/// within the N-side world.
pub fn pair_indices(report: &MultiReport) -> Vec<(usize, usize, f64)> {
    report
        .ratios
        .iter()
        .filter(|r| r.actor < r.opponent)
        .filter_map(|r| {
            let back = report.ratio(r.opponent, r.actor)?;
            Some((r.actor, r.opponent, r.ratio * back.ratio))
        })
        .collect()
}

/// The whole JSON document.
pub fn n_side_json(out: &NSideOutput) -> Value {
    let scenario = &out.ms.scenario;
    let mut doc = json!({
        "schema_version": crate::OUTPUT_SCHEMA_VERSION,
        "kind": "n-side",
        "scenario": scenario.name,
        "description": scenario.description,
        "sides": scenario.sides.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "alliances": out.ms.alliances.iter().map(|a| json!({
            "name": a.name,
            "members": a.members.iter().map(|&m| scenario.sides[m].name.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "options": options_json(out),
        "actual": report_json(&out.analysis.actual),
    });
    doc["beliefs"] = out
        .analysis
        .perceived
        .iter()
        .map(|view| {
            let holder = actor_name(&view.report, view.actor);
            json!({
                "holder": holder,
                "beliefs": out.ms.beliefs.iter().filter(|b| view.report.actors[view.actor].members.contains(&b.holder)).map(|b| json!({
                    "field": b.path,
                    "value": b.value,
                })).collect::<Vec<_>>(),
                "perceived": report_json(&view.report),
            })
        })
        .collect();
    doc["standard_regimes"] = out
        .regimes
        .iter()
        .map(|r| {
            json!({
                "alert": r.alert,
                "launch_under_attack": r.launch_under_attack,
                "index": r.report.index,
                "overall_ratio": r.report.actors.iter().enumerate().map(|(a, actor)| {
                    (actor.name.clone(), json!(r.report.overall[a]))
                }).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    if let Some(t) = out.trials {
        doc["monte_carlo"] = montecarlo::json(out.ms, &out.analysis.actual, t);
    }
    doc
}

fn options_line(out: &NSideOutput) -> String {
    let sides = &out.ms.scenario.sides;
    let postures: Vec<String> = sides
        .iter()
        .enumerate()
        .map(|(s, side)| {
            let lua = if out.options.launch_under_attack[s] {
                ", launches under attack"
            } else {
                ""
            };
            format!("{} {}{lua}", side.name, out.options.alert[s].name())
        })
        .collect();
    let reserve = match out.ms.reserve {
        reykjavik_engine::multilateral::Reserve::FixedShare(share) => {
            format!("fixed-share {share:.3}")
        }
        other => other.name().to_string(),
    };
    format!(
        "Posture: {}.\nReserve against third parties: {reserve}; third parties: {}.",
        postures.join("; "),
        out.ms.third_parties.name()
    )
}

/// One world's tables.
fn report_text(text: &mut String, report: &MultiReport) {
    let name = |a: usize| actor_name(report, a);
    let _ = writeln!(
        text,
        "  {:<28} {:>8} {:>8} {:>8} {:>8}  joiners",
        "striker -> victim", "reserve", "C1", "C2", "ratio"
    );
    for s in &report.strikes {
        let r = report.ratio(s.striker, s.victim);
        let joiners: Vec<String> = s
            .joiners
            .iter()
            .map(|j| format!("{} on {}", name(j.actor), name(j.target)))
            .collect();
        let _ = writeln!(
            text,
            "  {:<28} {:>8.3} {:>8.3} {:>8.3} {:>8.3}  {}",
            format!("{} -> {}", name(s.striker), name(s.victim)),
            s.reserve_share,
            r.map_or(0.0, |r| r.cost_striking_first),
            r.map_or(0.0, |r| r.cost_struck_first),
            r.map_or(1.0, |r| r.ratio),
            if joiners.is_empty() {
                "-".to_string()
            } else {
                joiners.join(", ")
            }
        );
    }
    for (a, actor) in report.actors.iter().enumerate() {
        let note = if report.armed[a] {
            ""
        } else {
            " (no nuclear warheads: in no pair)"
        };
        let _ = writeln!(
            text,
            "  overall ratio of {}: {:.3}{note}",
            actor.name, report.overall[a]
        );
    }
    for (a, b, index) in pair_indices(report) {
        let _ = writeln!(text, "  pair index {} / {}: {index:.3}", name(a), name(b));
    }
    let _ = writeln!(text, "  N-side index: {:.3}", report.index);
}

/// The text report.
pub fn n_side_text(out: &NSideOutput) -> String {
    let scenario = &out.ms.scenario;
    let mut text = String::new();
    let _ = writeln!(text, "{}: {}", scenario.name, scenario.description);
    let _ = writeln!(text, "{}", options_line(out));
    for alliance in &out.ms.alliances {
        let members: Vec<&str> = alliance
            .members
            .iter()
            .map(|&m| scenario.sides[m].name.as_str())
            .collect();
        let _ = writeln!(
            text,
            "Alliance {}: {} (plan as one)",
            alliance.name,
            members.join(", ")
        );
    }
    let _ = writeln!(
        text,
        "\nEvery ordered pair (C1: the striker's cost striking first; C2: its cost when that victim strikes it first; ratio = min(1, C1/C2)):"
    );
    report_text(&mut text, &out.analysis.actual);
    for view in &out.analysis.perceived {
        let holder = actor_name(&view.report, view.actor);
        let _ = writeln!(
            text,
            "\nAs {holder} sees it (its beliefs; the figures above are the actual outcome, its plans executed on the truth):"
        );
        report_text(&mut text, &view.report);
    }
    if !out.regimes.is_empty() {
        let _ = writeln!(text, "\nN-side index under the standard regimes:");
        for r in out.regimes {
            let overall: Vec<String> = r
                .report
                .actors
                .iter()
                .enumerate()
                .map(|(a, actor)| format!("{} {:.3}", actor.name, r.report.overall[a]))
                .collect();
            let lua = if r.launch_under_attack {
                "launch under attack"
            } else {
                "ride out"
            };
            let _ = writeln!(
                text,
                "  {:<11} {:<19} index {:.3}  ({})",
                r.alert,
                lua,
                r.report.index,
                overall.join(", ")
            );
        }
    }
    if let Some(t) = out.trials {
        text += &montecarlo::text(out.ms, &out.analysis.actual, t);
    }
    let _ = writeln!(
        text,
        "\nThe N-side index is the product of each side's overall ratio (its lowest against any armed side): 1 = no side gains by going first. It ranks postures; it is not a probability of war."
    );
    text
}

/// The N-side index under the four standard regimes (every side at the same posture), as
/// every face shows it.
pub fn standard_regimes(
    ms: &MultiScenario,
) -> Result<Vec<RegimeLine>, reykjavik_engine::EngineError> {
    reykjavik_engine::stability::STANDARD_REGIMES
        .iter()
        .map(|&(alert, lua)| {
            let uniform = MultiOptions::uniform(ms.scenario.sides.len(), alert, lua);
            Ok(RegimeLine {
                alert: alert.name(),
                launch_under_attack: lua,
                report: reykjavik_engine::multilateral::analysis::analyze(ms, &uniform)?.actual,
            })
        })
        .collect()
}
