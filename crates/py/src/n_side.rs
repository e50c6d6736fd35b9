//! Monte Carlo on N-side scenarios for Python (issue 10), with the CLI's N-side loading, posing
//! and trial cap: the summary is the `monte_carlo` object of `reykjavik analyze FILE --trials N
//! --format json` (the same engine run and report builder), the trial table one row per trial of
//! `reykjavik_engine::multilateral::outcomes`.

use crate::errors::Failure;
use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::{self, MultiOptions, MultiScenario, outcomes};
use reykjavik_report::multilateral_montecarlo::{self, NSideMonteCarlo};

use crate::documents::Posing;
use crate::source::CliFile;
use crate::tables::Columns;

/// The `monte_carlo` object of `reykjavik analyze FILE --trials N --format json` on N sides,
/// built by the same engine run and report code (not parsed back from the CLI's text, which
/// would round some floats by one unit in the last place).
pub fn monte_carlo(
    file: &CliFile,
    posing: &Posing,
    (trials, seed, planning): (u64, u64, Planning),
    at_least: &[u32],
) -> Result<String, Failure> {
    let (ms, options) = load(file, posing)?;
    check_trials(&ms, trials, planning)?;
    let report = multilateral::analyze(&ms, &options)
        .map_err(computation)?
        .actual;
    let run = NSideMonteCarlo {
        seed,
        planning,
        at_least: at_least.to_vec(),
        trials: outcomes::run(&ms, &options, planning, trials, seed, &|_| {})
            .map_err(computation)?,
    };
    Ok(multilateral_montecarlo::json(&ms, &report, &run).to_string())
}

fn computation(e: reykjavik_engine::EngineError) -> Failure {
    Failure::Computation(e.to_string())
}

/// The N-side scenario of a file and its posing, read as the CLI reads them.
fn load(file: &CliFile, posing: &Posing) -> Result<(MultiScenario, MultiOptions), Failure> {
    let ms = reykjavik_scenario::multilateral::load(&file.arg)
        .map_err(|e| Failure::Input(e.to_string()))?;
    let options =
        reykjavik_analyses::posture::n_side(&ms, &posing.alert, &posing.launch_under_attack)?;
    Ok((ms, options))
}

/// The CLI's N-side trial cap.
fn check_trials(ms: &MultiScenario, trials: u64, planning: Planning) -> Result<(), Failure> {
    let most = outcomes::max_trials(ms, planning);
    if (1..=most).contains(&trials) {
        Ok(())
    } else {
        Err(Failure::Input(format!(
            "trials = {trials} is out of range (valid for this N-side scenario with {} planning: 1 to {most})",
            planning.name()
        )))
    }
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
    let (ms, options) = load(file, posing)?;
    check_trials(&ms, total, planning)?;
    if start > stop || stop > total {
        return Err(Failure::Input(format!(
            "trial range {start}..{stop} is not within the run of {total} trials (valid: start <= stop <= {total})"
        )));
    }
    let report = multilateral::analyze(&ms, &options)
        .map_err(computation)?
        .actual;
    let trials = outcomes::run_range(&ms, &options, planning, seed, start..stop, &|_| {})
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
