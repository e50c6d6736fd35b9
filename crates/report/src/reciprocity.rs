//! The output of `reykjavik reciprocity`: the JSON documents (docs/output-format.md) and the
//! text reports, for a game and for an event series. Self-contained (engine types in, strings
//! and JSON values out) shared by every face.

use reykjavik_engine::limits::show;
use reykjavik_engine::reaction::events::EventSeries;
use reykjavik_engine::reaction::reciprocity::{
    self, Echo, Estimate, Game, LongRun, Payoffs, Simulation, Strategy,
};
use serde_json::{Value, json};

use crate::say;

/// Version of the reciprocity JSON output; raised only when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything one game run reports.
pub struct GameReport {
    pub game: Game,
    /// The forgiveness given to generous tit-for-tat (shown even if neither plays it).
    pub forgiveness: f64,
    /// Nowak & Sigmund's largest stable forgiveness for the payoffs.
    pub max_forgiveness: f64,
    pub long_run: LongRun,
    /// [A errs, B errs] with no further noise, then with the game's noise.
    pub echo_clean: [Echo; 2],
    pub echo_noisy: [Echo; 2],
    pub simulation: Option<Simulation>,
}

pub fn reciprocity_json(r: &GameReport) -> Value {
    let g = &r.game;
    json!({
        "schema_version": SCHEMA_VERSION,
        "command": "reciprocity",
        "payoffs": { "t": g.payoffs.t, "r": g.payoffs.r, "p": g.payoffs.p, "s": g.payoffs.s },
        "noise": g.noise,
        "forgiveness": r.forgiveness,
        "generous_max_forgiveness": r.max_forgiveness,
        "a": strategy_json(&g.a),
        "b": strategy_json(&g.b),
        "long_run": long_run_json(g, &r.long_run),
        "echo": {
            "without_noise": { "a_errs": echo_json(r.echo_clean[0]), "b_errs": echo_json(r.echo_clean[1]) },
            "with_noise": { "a_errs": echo_json(r.echo_noisy[0]), "b_errs": echo_json(r.echo_noisy[1]) },
        },
        "simulation": r.simulation.as_ref().map(simulation_json),
    })
}

fn strategy_json(s: &Strategy) -> Value {
    json!({ "strategy": s.short_name(), "name": s.long_name() })
}

fn long_run_json(g: &Game, run: &LongRun) -> Value {
    let classes: Vec<Value> = run
        .classes
        .iter()
        .map(|c| {
            let states: Vec<Value> = c
                .states
                .iter()
                .map(|&(sa, sb)| json!([g.a.state_name(sa), g.b.state_name(sb)]))
                .collect();
            json!({ "states": states, "probability": c.probability, "payoff": c.payoff })
        })
        .collect();
    let [cc, cd, dc, dd] = run.outcomes;
    json!({
        "payoff": run.payoff,
        "cooperation": run.cooperation,
        "outcomes": { "cc": cc, "cd": cd, "dc": dc, "dd": dd },
        "closed_classes": classes,
    })
}

fn echo_json(e: Echo) -> Value {
    match e {
        Echo::Rounds(r) => json!({ "status": "rounds", "rounds": r }),
        Echo::Never => json!({ "status": "never" }),
        Echo::NotApplicable => json!({ "status": "not-applicable" }),
    }
}

fn simulation_json(s: &Simulation) -> Value {
    let est = |e: &Estimate| json!({ "mean": e.mean, "standard_error": e.standard_error });
    json!({
        "rounds": s.rounds, "warm_up": reciprocity::warm_up(s.rounds), "games": s.games, "seed": s.seed,
        "payoff": [est(&s.payoff[0]), est(&s.payoff[1])],
        "cooperation": [est(&s.cooperation[0]), est(&s.cooperation[1])],
    })
}

pub fn reciprocity_text(r: &GameReport) -> String {
    let mut out = String::new();
    header_text(&mut out, r);
    long_run_text(&mut out, &r.game, &r.long_run);
    echo_text(&mut out, r);
    if let Some(s) = &r.simulation {
        simulation_text(&mut out, s, &r.long_run);
    }
    out
}

fn header_text(out: &mut String, r: &GameReport) {
    let g = &r.game;
    let p = &g.payoffs;
    say!(
        out,
        "Reciprocity under noise: {} (A) against {} (B)",
        g.a.long_name(),
        g.b.long_name()
    );
    say!(
        out,
        "Payoffs T, R, P, S = {}, {}, {}, {}; noise {} (each intended move flipped with this probability)",
        show(p.t),
        show(p.r),
        show(p.p),
        show(p.s),
        show(g.noise)
    );
    if matches!(g.a, Strategy::Generous { .. }) || matches!(g.b, Strategy::Generous { .. }) {
        say!(
            out,
            "Generous tit-for-tat forgives with q = {:.4} (largest stable for these payoffs: {:.4}, Nowak & Sigmund 1992)",
            r.forgiveness,
            r.max_forgiveness
        );
    }
    say!(out, "");
}

fn long_run_text(out: &mut String, g: &Game, run: &LongRun) {
    say!(
        out,
        "Long run (exact: the Markov chain of the joint state, from both strategies' opening moves)"
    );
    say!(out, "  {:<20} {:>9} {:>9}", "", "A", "B");
    say!(
        out,
        "  {:<20} {:>9.4} {:>9.4}",
        "payoff per round",
        run.payoff[0],
        run.payoff[1]
    );
    say!(
        out,
        "  {:<20} {:>9.4} {:>9.4}",
        "cooperation rate",
        run.cooperation[0],
        run.cooperation[1]
    );
    let [cc, cd, dc, dd] = run.outcomes;
    say!(
        out,
        "  rounds (A, B): CC {cc:.4}  CD {cd:.4}  DC {dc:.4}  DD {dd:.4}"
    );
    for c in &run.classes {
        if c.states.len() > 2 {
            say!(
                out,
                "  ends with probability {:.4} in a closed class of {} joint states (payoffs {:.4}, {:.4})",
                c.probability,
                c.states.len(),
                c.payoff[0],
                c.payoff[1]
            );
            continue;
        }
        let states: Vec<String> = c
            .states
            .iter()
            .map(|&(sa, sb)| format!("({}, {})", g.a.state_name(sa), g.b.state_name(sb)))
            .collect();
        say!(
            out,
            "  ends with probability {:.4} in the closed class {} (payoffs {:.4}, {:.4})",
            c.probability,
            states.join(" "),
            c.payoff[0],
            c.payoff[1]
        );
    }
    say!(out, "");
}

fn echo_text(out: &mut String, r: &GameReport) {
    say!(
        out,
        "Echo of one unintended defection during mutual cooperation: expected rounds with a defection"
    );
    say!(out, "before the first round of mutual cooperation");
    say!(out, "  {:<22} {:>16} {:>16}", "", "A errs", "B errs");
    let echo = |e: Echo| match e {
        Echo::Rounds(n) if n < 1e9 => format!("{n:.3} rounds"),
        Echo::Rounds(n) => format!("{n:.3e} rounds"),
        Echo::Never => "never ends".to_string(),
        Echo::NotApplicable => "n/a".to_string(),
    };
    say!(
        out,
        "  {:<22} {:>16} {:>16}",
        "no further mistakes",
        echo(r.echo_clean[0]),
        echo(r.echo_clean[1])
    );
    say!(
        out,
        "  {:<22} {:>16} {:>16}",
        format!("with noise {}", show(r.game.noise)),
        echo(r.echo_noisy[0]),
        echo(r.echo_noisy[1])
    );
    if r.echo_clean.contains(&Echo::NotApplicable) {
        say!(
            out,
            "  n/a: a side does not cooperate for sure after mutual cooperation, so there is nothing to fall from"
        );
    }
    say!(out, "");
}

fn simulation_text(out: &mut String, s: &Simulation, exact: &LongRun) {
    say!(
        out,
        "Simulation: {} games of {} rounds after {} warm-up rounds, seed {} (mean ± standard error over games)",
        s.games,
        s.rounds,
        reciprocity::warm_up(s.rounds),
        s.seed
    );
    let row = |label: &str, est: &[Estimate; 2], exact: &[f64; 2]| {
        let z = |i: usize| deviation(est[i], exact[i]);
        format!(
            "  {label:<20} {:>9.4} ± {:.4} ({}) {:>9.4} ± {:.4} ({})",
            est[0].mean,
            est[0].standard_error,
            z(0),
            est[1].mean,
            est[1].standard_error,
            z(1)
        )
    };
    say!(out, "{}", row("payoff per round", &s.payoff, &exact.payoff));
    say!(
        out,
        "{}",
        row("cooperation rate", &s.cooperation, &exact.cooperation)
    );
    say!(
        out,
        "  (in brackets: simulated minus exact, in standard errors)"
    );
}

/// Simulated minus exact in standard errors, or the plain difference if the error is zero.
fn deviation(est: Estimate, exact: f64) -> String {
    let diff = est.mean - exact;
    if est.standard_error > 0.0 {
        format!("{:+.1} se", diff / est.standard_error)
    } else {
        format!("{diff:+.2e}")
    }
}

/// The round-robin table of `reykjavik reciprocity --table`.
pub struct TableReport {
    pub strategies: Vec<Strategy>,
    pub noise: f64,
    pub forgiveness: f64,
    pub payoffs: Payoffs,
    /// payoff[i][j]: long-run payoff of strategy i against strategy j.
    pub payoff: Vec<Vec<f64>>,
}

/// Each strategy's mean payoff over all opponents, itself included.
fn row_means(t: &TableReport) -> Vec<f64> {
    t.payoff
        .iter()
        .map(|row| row.iter().sum::<f64>() / row.len() as f64)
        .collect()
}

pub fn table_json(t: &TableReport) -> Value {
    let names: Vec<&str> = t.strategies.iter().map(Strategy::short_name).collect();
    let p = &t.payoffs;
    json!({
        "schema_version": SCHEMA_VERSION,
        "command": "reciprocity-table",
        "payoffs": { "t": p.t, "r": p.r, "p": p.p, "s": p.s },
        "noise": t.noise,
        "forgiveness": t.forgiveness,
        "strategies": names,
        "payoff": t.payoff,
        "mean": row_means(t),
    })
}

pub fn table_text(t: &TableReport) -> String {
    let mut out = String::new();
    let p = &t.payoffs;
    say!(
        out,
        "Long-run payoff per round of the row strategy against the column (exact), noise {}",
        show(t.noise)
    );
    say!(
        out,
        "Payoffs T, R, P, S = {}, {}, {}, {}; generous tit-for-tat forgives with q = {:.4}",
        show(p.t),
        show(p.r),
        show(p.p),
        show(p.s),
        t.forgiveness
    );
    say!(out, "");
    let mut header = format!("  {:<6}", "");
    for s in &t.strategies {
        header.push_str(&format!(" {:>7}", s.short_name()));
    }
    say!(out, "{header} {:>7}", "mean");
    for ((s, row), mean) in t.strategies.iter().zip(&t.payoff).zip(row_means(t)) {
        let mut line = format!("  {:<6}", s.short_name());
        for v in row {
            line.push_str(&format!(" {v:>7.3}"));
        }
        say!(out, "{line} {mean:>7.3}");
    }
    out
}

pub fn events_json(s: &EventSeries) -> Value {
    let events: Vec<Value> = s
        .events
        .iter()
        .map(|e| {
            let measures: Vec<Value> = e
                .measures
                .iter()
                .map(|m| json!({ "kind": m.kind, "size": m.size, "note": m.note }))
                .collect();
            json!({
                "id": e.id, "date": e.date, "actor": e.actor, "target": e.target,
                "summary": e.summary, "responds_to": e.responds_to,
                "measures": measures, "sources": e.sources,
            })
        })
        .collect();
    let responses: Vec<Value> = s
        .responses()
        .iter()
        .map(|r| {
            let ratios: Vec<Value> = r
                .ratios
                .iter()
                .map(|x| json!({ "kind": x.kind, "response": x.response, "provocation": x.provocation, "ratio": x.ratio }))
                .collect();
            json!({ "event": s.events[r.event].id, "responds_to": s.events[r.provocation].id, "ratios": ratios })
        })
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "command": "reciprocity-events",
        "series": { "name": s.name, "title": s.title },
        "events": events,
        "responses": responses,
    })
}

pub fn events_text(s: &EventSeries) -> String {
    let mut out = String::new();
    say!(out, "{} ({})", s.title, s.name);
    say!(out, "");
    say!(
        out,
        "  {:<11} {:<14} {:<30} {:<11} reciprocity ratio (response / provocation)",
        "date",
        "actor",
        "measures",
        "answers"
    );
    let responses = s.responses();
    for (i, e) in s.events.iter().enumerate() {
        let measures: Vec<String> = e
            .measures
            .iter()
            .map(|m| format!("{} {}", m.kind, m.size))
            .collect();
        let response = responses.iter().find(|r| r.event == i);
        let answers = response.map_or("-", |r| s.events[r.provocation].date.as_str());
        let ratios = response.map_or(String::new(), |r| {
            let parts: Vec<String> = r
                .ratios
                .iter()
                .map(|x| match x.ratio {
                    Some(v) => format!("{} {v:.2}", x.kind),
                    None => format!("{} (none to answer)", x.kind),
                })
                .collect();
            parts.join(", ")
        });
        say!(
            out,
            "  {:<11} {:<14} {:<30} {:<11} {}",
            e.date,
            e.actor,
            measures.join(", "),
            answers,
            ratios
        );
    }
    say!(out, "");
    event_details_text(&mut out, s);
    out
}

fn event_details_text(out: &mut String, s: &EventSeries) {
    for e in &s.events {
        say!(out, "{} {} -> {}: {}", e.date, e.actor, e.target, e.summary);
        for m in e.measures.iter().filter(|m| !m.note.is_empty()) {
            say!(out, "  {} {}: {}", m.kind, m.size, m.note);
        }
        for source in &e.sources {
            say!(out, "  source: {source}");
        }
    }
}
