//! Monte Carlo on N-side scenarios for Python (issue 10): the summary is the CLI's own
//! (`reykjavik analyze FILE --trials N --format json`, in-process, its `monte_carlo` object); the
//! trial table is one row per trial of `reykjavik_engine::multilateral::outcomes`, with the
//! CLI's N-side loading, posing and trial cap.

use reykjavik::Failure;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::{self, outcomes};

use crate::documents::{self, Posing};
use crate::source::CliFile;
use crate::tables::Columns;

/// The `monte_carlo` object of `reykjavik analyze FILE --trials N --format json` on N sides.
pub fn monte_carlo(
    file: &CliFile,
    posing: &Posing,
    (trials, seed, planning): (u64, u64, Planning),
    at_least: &[u32],
) -> Result<String, Failure> {
    let mut args: Vec<String> = ["analyze", "--format", "json", "--quiet", "--trials"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend([trials.to_string(), "--seed".into(), seed.to_string()]);
    args.extend(["--planning".into(), planning.name().into()]);
    args.extend(at_least.iter().map(|k| format!("--at-least={k}")));
    args.extend(posing.args());
    args.extend(["--".to_string(), file.arg.clone()]);
    let document: serde_json::Value = serde_json::from_str(&documents::run_cli(args)?)
        .map_err(|e| Failure::Computation(e.to_string()))?;
    Ok(document["monte_carlo"].to_string())
}

/// Trials `start..stop` of a run of `total` N-side trials: `trial`, `index`,
/// `overall_ratio[ACTOR]`, `ratio[A->B]` and, per ordered pair (`[A->B]`, A striking first),
/// warheads spent and arriving, damage and cost. A pair whose sides a draw left unarmed is NaN
/// in that row (informed planning only).
pub fn trials_table(
    file: &CliFile,
    posing: &Posing,
    (total, seed, planning): (u64, u64, Planning),
    (start, stop): (u64, u64),
) -> Result<Columns, Failure> {
    let ms = reykjavik_scenario::multilateral::load(&file.arg)
        .map_err(|e| Failure::Input(e.to_string()))?;
    let options =
        reykjavik::multilateral::options(&ms, &posing.alert, &posing.launch_under_attack)?;
    let most = outcomes::max_trials(&ms, planning);
    if !(1..=most).contains(&total) || start > stop || stop > total {
        return Err(Failure::Input(format!(
            "trials = {total}, range {start}..{stop}: valid for this N-side scenario with {} planning: 1 to {most} trials, start <= stop <= trials",
            planning.name()
        )));
    }
    let computation = |e: reykjavik_engine::EngineError| Failure::Computation(e.to_string());
    let report = multilateral::analyze(&ms, &options)
        .map_err(computation)?
        .actual;
    let trials = (start..stop)
        .map(|t| outcomes::run_trial(&ms, &options, planning, seed, t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(computation)?;
    Ok(table(&report, &trials, start))
}

type Getter<'a> = Box<dyn Fn(&outcomes::OutcomeTrial) -> f64 + 'a>;

fn table(
    report: &multilateral::MultiReport,
    trials: &[outcomes::OutcomeTrial],
    first: u64,
) -> Columns {
    let name = |a: usize| report.actors[a].name.clone();
    let mut columns: Vec<(String, Getter)> = vec![("index".into(), Box::new(|t| t.index))];
    for a in 0..report.actors.len() {
        columns.push((
            format!("overall_ratio[{}]", name(a)),
            Box::new(move |t| t.overall[a]),
        ));
    }
    for r in &report.ratios {
        let (a, b) = (r.actor, r.opponent);
        columns.push((
            format!("ratio[{}->{}]", name(a), name(b)),
            Box::new(move |t| t.ratio(a, b).unwrap_or(f64::NAN)),
        ));
    }
    type Field = fn(&outcomes::PairSample) -> f64;
    let fields: [(&str, Field); 7] = [
        ("counterforce_warheads_spent", |p| {
            f64::from(p.exchange.counterforce_warheads_spent)
        }),
        ("victim_arriving_warheads", |p| {
            f64::from(p.exchange.victim_arriving_total())
        }),
        ("striker_arriving_warheads", |p| {
            f64::from(p.exchange.striker_arriving)
        }),
        ("damage_to_striker", |p| p.damage_to_striker),
        ("damage_to_victim", |p| p.damage_to_victim),
        ("cost_to_striker", |p| p.cost_to_striker),
        ("cost_to_victim", |p| p.cost_to_victim),
    ];
    for s in &report.strikes {
        let (a, b) = (s.striker, s.victim);
        for (field, get) in fields {
            columns.push((
                format!("{field}[{}->{}]", name(a), name(b)),
                Box::new(move |t| t.pair(a, b).map_or(f64::NAN, get)),
            ));
        }
    }
    let mut names = vec!["trial".to_string()];
    let mut values = vec![
        (0..trials.len() as u64)
            .map(|k| (first + k) as f64)
            .collect(),
    ];
    for (column, get) in &columns {
        names.push(column.clone());
        values.push(trials.iter().map(get).collect());
    }
    (names, values)
}
