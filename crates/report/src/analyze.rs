//! The first-strike stability report of `reykjavik analyze`, as text or JSON (schema in
//! docs/output-format.md).

use crate::precision::Precision;
use reykjavik_engine::exchange::Exchange;
use reykjavik_engine::model::{Alert, Payload, Scenario};
use reykjavik_engine::stability::{AnalysisOptions, RegimeResult, StabilityReport};
use serde_json::{Value, json};

use crate::montecarlo::{self, MonteCarlo};
use crate::{curve_json, say};

/// Everything an analysis reports: the engine's results for one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Analysis<'a> {
    /// The scenario analysed.
    pub scenario: &'a Scenario,
    /// Both first strikes, costs and the index under the posture asked for.
    pub report: &'a StabilityReport,
    /// The index under the four standard regimes (`stability::standard_regimes`).
    pub regimes: &'a [RegimeResult],
    /// A Monte Carlo run, when one was asked for.
    pub monte_carlo: Option<MonteCarlo<'a>>,
    /// The arms-race stability section (`analyze --arms-race`), when asked for.
    pub arms_race: Option<crate::race::ArmsRace<'a>>,
}

/// What the output includes besides the essentials.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// JSON: the plan-quality certificate of each strike (`optimality`); the report must have
    /// been computed with certificates.
    pub certify: bool,
    /// Text: the whole draw-down curve of each strike (JSON always has it).
    pub curve: bool,
}

/// The JSON document as a tree, each exchange's `draw_down_curve` a `null` placeholder (a curve
/// can be long; [`json`] writes it straight from the engine's points).
pub fn document(analysis: &Analysis, options: &Options) -> Value {
    let mut value = report_json(analysis.scenario, analysis.report, options.certify);
    value["standard_regimes"] = regimes_json(analysis.regimes);
    if let Some(mc) = &analysis.monte_carlo {
        value["monte_carlo"] = montecarlo::json(analysis.scenario, mc);
    }
    if let Some(a) = &analysis.arms_race {
        value["arms_race"] =
            crate::race::arms_race_json(analysis.scenario, a.menu, a.position, a.exposure);
    }
    value
}

/// The JSON document, pretty-printed with a final newline, curves included.
pub fn json(analysis: &Analysis, options: &Options) -> String {
    let value = document(analysis, options);
    let curves: Vec<_> = analysis
        .report
        .exchanges
        .iter()
        .map(|x| &x.curve[..])
        .collect();
    curve_json::to_string_pretty(&value, &curves)
}

/// Names of what a striker spends warheads on, in the order of `spent_on`: the victim's force
/// elements, then its warhead storage sites (names are unique across both).
fn target_names(victim: &reykjavik_engine::model::Side) -> impl Iterator<Item = &str> {
    victim
        .forces
        .iter()
        .map(|f| f.name.as_str())
        .chain(victim.warhead_storage.iter().map(|w| w.name.as_str()))
}

fn exchange_json(scenario: &Scenario, x: &Exchange, certify: bool) -> Value {
    let striker = &scenario.sides[x.striker];
    let victim = &scenario.sides[x.victim];
    let stop = x.at_stop();
    let mut value = json!({
        "striker": striker.name,
        "victim": victim.name,
        "victim_alert": x.posture.victim_alert.name(),
        "victim_launches_under_attack": x.posture.victim_launches_under_attack,
        "counterforce_warheads_spent": stop.warheads_spent,
        "conventional_weapons_spent": stop.conventional_spent,
        "striker_warheads_left": stop.striker_warheads_left,
        "victim_warheads_destroyed": x.destroyed,
        "victim_warheads_destroyed_by_conventional": x.destroyed_by_conventional,
        "victim_surviving_warheads": stop.victim_warheads_surviving,
        "damage_to_striker": stop.damage_to_striker,
        "damage_to_victim": stop.damage_to_victim,
        "cost_to_striker": stop.cost_to_striker,
        "cost_to_victim": stop.cost_to_victim,
        "arriving_on_striker_value": stop.arriving_on_striker,
        "arriving_on_victim_value": stop.arriving_on_victim,
        "defenses": {
            "victim_intercepts_counterforce_rvs": x.victim_defense_against_counterforce.ballistic_intercepted,
            "victim_shoots_down_counterforce_air_weapons": x.victim_defense_against_counterforce.air_breathing_shot_down,
            "victim_intercepts_value_attack_rvs": x.victim_defense_against_value_attack.ballistic_intercepted,
            "victim_shoots_down_value_attack_air_weapons": x.victim_defense_against_value_attack.air_breathing_shot_down,
            "striker_intercepts_retaliation_rvs": x.striker_defense_against_retaliation.ballistic_intercepted,
            "striker_shoots_down_retaliation_air_weapons": x.striker_defense_against_retaliation.air_breathing_shot_down,
        },
        "striker_elements": x.striker_elements.iter().map(|s| json!({
            "name": s.name,
            "payload": if s.payload == reykjavik_engine::model::Payload::Nuclear { "nuclear" } else { "conventional" },
            "available": s.available,
            "counterforce_spent": s.spent(),
            "spent_on": target_names(victim).zip(&s.spent_on).filter(|(_, n)| **n > 0.0)
                .map(|(name, n)| (name.to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "left_for_value": s.left_for_value,
        })).collect::<Vec<_>>(),
        "victim_elements": x.victim_elements.iter().map(|v| json!({
            "name": v.name,
            "warheads": v.warheads,
            "beyond_reach": v.untargetable,
            "launched_under_attack": v.launched_under_attack,
            "exposed": v.exposed,
            "destroyed": v.destroyed,
            "surviving": v.surviving,
        })).collect::<Vec<_>>(),
        "stop_index": x.stop,
        // Written by curve_json straight from the engine's points.
        curve_json::CURVE_KEY: Value::Null,
    });
    if certify {
        value["optimality"] = optimality_json(x);
    }
    value
}

/// The plan-quality certificate of one exchange computed with `certify` (`optimality`).
pub fn optimality_json(x: &Exchange) -> Value {
    json!({
        "cost_to_striker": x.stop_point.cost_to_striker,
        "cost_lower_bound": x.cost_lower_bound,
        "cost_gap": x.cost_gap(),
        "greedy_destroyed": x.plan_value,
        "upper_bound_destroyed": x.destroyed_upper_bound,
        "relative_gap": x.optimality_gap(),
    })
}

/// The JSON document without the Monte Carlo section and regimes; curves are placeholders.
fn report_json(scenario: &Scenario, report: &StabilityReport, certify: bool) -> Value {
    let o = &scenario.options;
    json!({
        "schema_version": crate::OUTPUT_SCHEMA_VERSION,
        "scenario": scenario.name,
        "model_options": {
            "lethal_radius_model": o.lethal_radius_model.name(),
            "max_warheads_per_aimpoint": o.max_warheads_per_aimpoint,
            "cost_exponent": o.cost_exponent,
            "cost_surcharge": o.cost_surcharge,
            "striker_availability_fixed": o.striker_availability_fixed,
            "striker_availability_survivable": o.striker_availability_survivable,
            "launch_under_attack_share": o.launch_under_attack_share,
        },
        "first_strike_stability": { "index": report.index },
        "sides": report.sides.iter().enumerate().map(|(s, side)| json!({
            "name": side.name,
            "alert": report.options.alert[s].name(),
            "launches_under_attack": report.options.launch_under_attack[s],
            "cost_striking_first": side.cost_striking_first,
            "cost_struck_first": side.cost_struck_first,
            "ratio": side.ratio,
        })).collect::<Vec<_>>(),
        "exchanges": report.exchanges.iter().map(|x| exchange_json(scenario, x, certify)).collect::<Vec<_>>(),
    })
}

/// "Russia's", "United States'".
fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A short plain-language reading of the result.
fn reading(report: &StabilityReport, precision: Precision) -> String {
    let mut out = String::new();
    for x in &report.exchanges {
        let striker = &report.sides[x.striker].name;
        let victim = &report.sides[x.victim].name;
        let total: f64 = x.victim_elements.iter().map(|v| v.warheads).sum();
        let surviving = x.at_stop().victim_warheads_surviving;
        if let Some(worst) = x
            .victim_elements
            .iter()
            .max_by(|a, b| a.destroyed.total_cmp(&b.destroyed))
            .filter(|v| v.destroyed > 0.5)
        {
            say!(
                out,
                "- If {striker} strikes first, {victim} keeps {surviving:.0} of {total:.0} warheads ({:.0} %); the largest loss is {} ({:.0} of {:.0}).",
                100.0 * surviving / total.max(1.0),
                worst.name,
                worst.destroyed,
                worst.warheads
            );
        }
    }
    for side in &report.sides {
        if side.ratio >= 0.95 {
            say!(
                out,
                "- {} gains little or nothing by striking first (ratio {}).",
                side.name,
                precision.show(side.ratio)
            );
        } else {
            say!(
                out,
                "- {} would cut its expected cost from {} to {} ({:.0} %) by striking first rather than being struck.",
                side.name,
                precision.show(side.cost_struck_first),
                precision.show(side.cost_striking_first),
                100.0 * (1.0 - side.ratio)
            );
        }
    }
    let band = match report.index {
        i if i >= 0.75 => "above 0.75: robust",
        i if i >= 0.45 => "between 0.45 and 0.75: intermediate",
        _ => "below 0.45: fragile",
    };
    say!(
        out,
        "- The index is {band} (bands of a public Kent-Thaler reimplementation, not of R-3765). It ranks postures; it is not a probability of war."
    );
    out
}

fn regimes_json(regimes: &[RegimeResult]) -> Value {
    json!(
        regimes
            .iter()
            .map(|r| json!({
                "alert": r.alert.name(),
                "launch_under_attack": r.launch_under_attack,
                "index": r.index,
                "ratios": r.ratios,
            }))
            .collect::<Vec<_>>()
    )
}

/// The small table a report opens with: the index under the four standard regimes, the one
/// asked for marked.
fn regimes_text(regimes: &[RegimeResult], asked: &AnalysisOptions, precision: Precision) -> String {
    let mut out = String::new();
    let marked = |alert: Alert, lua: bool| {
        let r = regimes
            .iter()
            .find(|r| r.alert == alert && r.launch_under_attack == lua)
            .expect("every standard regime is computed");
        let this = asked.alert == [alert; 2] && asked.launch_under_attack == [lua; 2];
        format!(
            "{}{}",
            precision.show(r.index),
            if this { " *" } else { "  " }
        )
    };
    say!(
        out,
        "Index under the standard regimes (both sides alike; * the one detailed below):"
    );
    say!(
        out,
        "  {:<12} {:>10} {:>22}",
        "alert",
        "ride out",
        "launch under attack"
    );
    for alert in [Alert::DayToDay, Alert::Generated] {
        say!(
            out,
            "  {:<12} {:>10} {:>22}",
            alert.name(),
            marked(alert, false),
            marked(alert, true)
        );
    }
    out
}

/// The text of one first strike: the counterforce plan, the victim's forces after it, defenses,
/// what is launched and arrives, damage, cost and the plan's certificate.
fn exchange_text(scenario: &Scenario, x: &Exchange, precision: Precision) -> String {
    let mut out = String::new();
    let names = [
        scenario.sides[0].name.as_str(),
        scenario.sides[1].name.as_str(),
    ];
    let total = |s: usize| scenario.sides[s].nuclear_warheads();
    let striker = names[x.striker];
    let victim = names[x.victim];
    let (striker_s, victim_s) = (possessive(striker), possessive(victim));
    let stop = x.at_stop();
    say!(out, "");
    say!(out, "{striker} strikes first");
    say!(
        out,
        "  Counterforce: {:.0} nuclear warheads{} on {victim_s} forces, destroying {:.0} of its {} warheads{}.",
        stop.warheads_spent,
        if stop.conventional_spent > 0.0 {
            format!(" and {:.0} conventional weapons", stop.conventional_spent)
        } else {
            String::new()
        },
        x.destroyed,
        total(x.victim),
        if x.destroyed_by_conventional > 0.0 {
            format!(
                " ({:.0} by conventional weapons)",
                x.destroyed_by_conventional
            )
        } else {
            String::new()
        },
    );
    for s in x.striker_elements.iter().filter(|s| s.spent() > 0.0) {
        let targets: Vec<String> = target_names(&scenario.sides[x.victim])
            .zip(&s.spent_on)
            .filter(|(_, n)| **n > 0.0)
            .map(|(name, n)| format!("{n:.0} on {name}"))
            .collect();
        say!(out, "    {}: {}", s.name, targets.join(", "));
    }
    out += &victim_table(x, &victim_s);
    let d = &x.victim_defense_against_counterforce;
    if d.ballistic_intercepted > 0.0 || d.air_breathing_shot_down > 0.0 {
        say!(
            out,
            "  {victim_s} defenses stopped {:.1} counterforce RVs and {:.1} air-breathing weapons.",
            d.ballistic_intercepted,
            d.air_breathing_shot_down
        );
    }
    let v = &x.victim_defense_against_value_attack;
    let r = &x.striker_defense_against_retaliation;
    if v.ballistic_intercepted
        + v.air_breathing_shot_down
        + r.ballistic_intercepted
        + r.air_breathing_shot_down
        > 0.0
    {
        say!(
            out,
            "  Defenses of value: {victim} stops {:.1} of {striker_s} weapons; {striker} stops {:.1} of the retaliation.",
            v.ballistic_intercepted + v.air_breathing_shot_down,
            r.ballistic_intercepted + r.air_breathing_shot_down
        );
    }
    out += &value_attack_text(scenario, x);
    say!(
        out,
        "  Damage to value: {striker} {}, {victim} {}. Cost: {striker} {}, {victim} {}.",
        precision.show(stop.damage_to_striker),
        precision.show(stop.damage_to_victim),
        precision.show(stop.cost_to_striker),
        precision.show(stop.cost_to_victim)
    );
    if let Some(line) = plan_quality(striker, x) {
        say!(out, "  {line}");
    }
    out
}

/// The certificate of a plan in words, when the exchange was computed with `certify`.
pub fn plan_quality(striker: &str, x: &Exchange) -> Option<String> {
    let (bound, gap) = (x.cost_lower_bound?, x.cost_gap()?);
    let stop = x.at_stop();
    Some(format!(
        "Plan quality: no plan can cost {striker} less than {bound:.3} (this plan: {:.3}, gap at most {gap:.3}); of the retaliation it could destroy with {:.0} weapons, this plan destroys at least {:.1} %.",
        stop.cost_to_striker,
        stop.warheads_spent + stop.conventional_spent,
        100.0 * (1.0 - x.optimality_gap())
    ))
}

/// The victim's forces after the strike, an element a line (expected warheads).
fn victim_table(x: &Exchange, victim_s: &str) -> String {
    let mut out = String::new();
    say!(
        out,
        "  {victim_s} forces after the strike (expected warheads):"
    );
    let w = x
        .victim_elements
        .iter()
        .map(|v| v.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    say!(
        out,
        "    {:<w$} {:>7} {:>9} {:>9} {:>8} {:>9} {:>9}",
        "element",
        "total",
        "unreached",
        "launched",
        "exposed",
        "destroyed",
        "surviving"
    );
    for v in &x.victim_elements {
        say!(
            out,
            "    {:<w$} {:>7.0} {:>9.1} {:>9.1} {:>8.1} {:>9.1} {:>9.1}",
            v.name,
            v.warheads,
            v.untargetable,
            v.launched_under_attack,
            v.exposed,
            v.destroyed,
            v.surviving
        );
    }
    out
}

/// What the striker has ready, launches and lands on value, and what the victim's surviving
/// warheads land in return, in each side's value unit.
fn value_attack_text(scenario: &Scenario, x: &Exchange) -> String {
    let mut out = String::new();
    let striker = scenario.sides[x.striker].name.as_str();
    let victim = scenario.sides[x.victim].name.as_str();
    let (striker_s, victim_s) = (possessive(striker), possessive(victim));
    let stop = x.at_stop();
    let ready: f64 = x
        .striker_elements
        .iter()
        .filter(|s| s.payload == Payload::Nuclear)
        .map(|s| s.available)
        .sum();
    let in_force = scenario.sides[x.striker].nuclear_warheads_at(x.posture.striker_alert) as f64;
    say!(
        out,
        "  Ready to launch at {} alert: {:.0} of {striker_s} {:.0} nuclear warheads ({:.0} withheld).",
        x.posture.striker_alert.name(),
        ready,
        in_force,
        in_force - ready
    );
    let unit = |s: usize| scenario.sides[s].value.unit.name();
    say!(
        out,
        "  Then {striker} launches {:.0} warheads at {victim_s} value ({:.1} {} arrive) and {:.0} surviving {victim} warheads retaliate ({:.1} {} arrive).",
        stop.striker_warheads_left,
        stop.arriving_on_victim,
        unit(x.victim),
        stop.victim_warheads_surviving,
        stop.arriving_on_striker,
        unit(x.striker)
    );
    out
}

/// The draw-down curve of one strike, a line per point, the stop marked.
pub fn curve_text(x: &Exchange) -> String {
    let mut out = String::new();
    say!(
        out,
        "  Draw-down curve ({} points, stop at {}):",
        x.curve.len(),
        x.stop
    );
    say!(
        out,
        "    {:>6} {:>6} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8}",
        "spent",
        "conv",
        "left",
        "surviving",
        "D_strkr",
        "D_victim",
        "C_strkr",
        "C_victim"
    );
    for (k, p) in x.curve.iter().enumerate() {
        say!(
            out,
            "    {:>6.0} {:>6.0} {:>8.1} {:>9.1} {:>8.3} {:>8.3} {:>8.3} {:>8.3}{}",
            p.warheads_spent,
            p.conventional_spent,
            p.striker_warheads_left,
            p.victim_warheads_surviving,
            p.damage_to_striker,
            p.damage_to_victim,
            p.cost_to_striker,
            p.cost_to_victim,
            if k == x.stop { "  <- stop" } else { "" }
        );
    }
    out
}

/// The text report: the regime table, the posture, both first strikes, costs, the index and
/// the reading, then the Monte Carlo section when there is one.
pub fn text(analysis: &Analysis, options: &Options) -> String {
    let Analysis {
        scenario,
        report,
        regimes,
        monte_carlo,
        arms_race,
    } = *analysis;
    let mut out = String::new();
    let names = [
        scenario.sides[0].name.as_str(),
        scenario.sides[1].name.as_str(),
    ];
    say!(
        out,
        "First-strike stability: {} ({})",
        scenario.name,
        scenario.description
    );
    let postures: Vec<String> = (0..2)
        .map(|s| {
            let lua = if report.options.launch_under_attack[s] {
                ", launches under attack"
            } else {
                ""
            };
            format!("{} {}{lua}", names[s], report.options.alert[s].name())
        })
        .collect();
    say!(out, "");
    let precision = Precision::of(scenario);
    out += &regimes_text(regimes, &report.options, precision);
    say!(out, "");
    say!(out, "Posture: {}", postures.join("; "));
    say!(out, "");
    say!(
        out,
        "{:<34} {:>14} {:>14}",
        "Nuclear warheads",
        names[0],
        names[1]
    );
    let total = |s: usize| scenario.sides[s].nuclear_warheads();
    say!(
        out,
        "{:<34} {:>14} {:>14}",
        "  in the force",
        total(0),
        total(1)
    );

    for x in &report.exchanges {
        out += &exchange_text(scenario, x, precision);
        if options.curve {
            out += &curve_text(x);
        }
    }
    say!(out, "");
    say!(
        out,
        "{:<20} {:>20} {:>18} {:>7}",
        "Stability",
        "cost striking first",
        "cost struck first",
        "ratio"
    );
    for side in &report.sides {
        say!(
            out,
            "{:<20} {:>20} {:>18} {:>7}",
            side.name,
            precision.show(side.cost_striking_first),
            precision.show(side.cost_struck_first),
            precision.show(side.ratio)
        );
    }
    say!(
        out,
        "First-strike stability index: {}",
        precision.show(report.index)
    );
    say!(out, "{}", precision.note());
    say!(out, "");
    say!(out, "Reading:");
    out.push_str(&reading(report, precision));
    if let Some(mc) = &monte_carlo {
        out += &montecarlo::text(scenario, mc);
    }
    if let Some(a) = &arms_race {
        out += &crate::race::arms_race_text(scenario, a.menu, a.position, a.exposure);
    }
    out
}
