//! `treaty` and `compare` on N-side scenarios (issue 10): loading, applying proposals to the
//! truth and running the engine (with the paired Monte Carlo over the inputs); the documents are `reykjavik_report::multilateral_treaty` and
//! `multilateral_compare`.

use reykjavik_engine::arms_control::compare::PairedChange;
use reykjavik_engine::arms_control::treaty::{Counting, SideCount, Treaty};
use reykjavik_engine::limits::size::MULTILATERAL_SIDES;
use reykjavik_engine::multilateral::compare::{self as ncompare, RegimeReport};
use reykjavik_engine::multilateral::{self, MultiScenario};
use reykjavik_report::multilateral_compare::{NSideComparison, NSideEntry};
use reykjavik_report::{multilateral_compare as compare_report, multilateral_treaty};

use crate::Failure;
use crate::treaty::count_sides;

fn load(name_or_path: &str) -> Result<MultiScenario, Failure> {
    reykjavik_scenario::multilateral::load(name_or_path).map_err(|e| Failure::Input(e.to_string()))
}

/// `treaty` on an N-side scenario: every side of the truth against the same limits.
pub fn treaty(
    scenario: &str,
    treaty: &Treaty,
    counting: Counting,
    json: bool,
) -> Result<String, Failure> {
    let ms = load(scenario)?;
    let counts = count_sides(treaty, &ms.scenario, counting);
    let has_beliefs = !ms.beliefs.is_empty();
    Ok(if json {
        let doc = multilateral_treaty::json(treaty, &ms.scenario, &counts, counting, has_beliefs);
        format!("{doc:#}\n")
    } else {
        multilateral_treaty::text(treaty, &ms.scenario, &counts, counting, has_beliefs)
    })
}

/// `compare` options beyond the proposals: the paired Monte Carlo.
pub struct CompareExtras {
    pub trials: Option<u64>,
    pub seed: u64,
    pub quiet: bool,
}

/// Paired trials of one proposal against the base, after checking the count.
fn paired(
    base: &MultiScenario,
    changed: &MultiScenario,
    (trials, seed): (u64, u64),
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<PairedChange>, Failure> {
    let most = ncompare::max_paired_trials(base, changed);
    if !(1..=most).contains(&trials) {
        return Err(Failure::Input(format!(
            "--trials {trials} is out of range (valid for this N-side comparison: 1 to {most}; 8 N-side Monte Carlo runs per proposal share the cap of `analyze --trials`)"
        )));
    }
    ncompare::paired_monte_carlo(base, changed, trials, seed, progress)
        .map_err(|e| Failure::Computation(e.to_string()))
}

/// `compare` on an N-side scenario: the base and each proposal (applied to the truth) under
/// the N-side analysis at the four standard regimes, with every side's treaty counts.
pub fn compare(
    scenario: &str,
    proposals: &[String],
    (treaty, counting): (Treaty, Counting),
    extras: &CompareExtras,
) -> Result<NSideComparison, Failure> {
    let base = load(scenario)?;
    let mut entries = vec![entry(&base, "base".into(), None, (&treaty, counting))?];
    let trials = extras.trials.map(|t| (t, extras.seed));
    let total = extras.trials.unwrap_or(0) * 8 * proposals.len() as u64;
    let bar = crate::montecarlo::progress_bar(total, extras.quiet, "paired trials");
    for (k, name) in proposals.iter().enumerate() {
        let loaded =
            reykjavik_scenario::proposal::load(name).map_err(|e| Failure::Input(e.to_string()))?;
        let truth =
            reykjavik_scenario::proposal::apply_sides(&base.scenario, &loaded, MULTILATERAL_SIDES)
                .map_err(|e| Failure::Input(e.to_string()))?;
        let changed = ncompare::with_truth(&base, truth);
        let proposal = loaded.proposal;
        let mut e = entry(
            &changed,
            proposal.name.clone(),
            Some(proposal),
            (&treaty, counting),
        )?;
        if let Some(t) = trials {
            let offset = k as u64 * t.0 * 8;
            e.paired = Some(paired(&base, &changed, t, &|done| {
                bar.set_position(offset + done)
            })?);
        }
        entries.push(e);
    }
    bar.finish_and_clear();
    Ok(NSideComparison {
        scenario: base.scenario.name.clone(),
        sides: base.scenario.sides.iter().map(|s| s.name.clone()).collect(),
        has_beliefs: !base.beliefs.is_empty(),
        treaty,
        counting,
        trials,
        entries,
    })
}

fn entry(
    ms: &MultiScenario,
    name: String,
    proposal: Option<reykjavik_engine::arms_control::proposal::Proposal>,
    (treaty, counting): (&Treaty, Counting),
) -> Result<NSideEntry, Failure> {
    // A proposal can break a belief (a removed element it names): bad input, located.
    multilateral::validate(ms).map_err(|errors| {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Failure::Input(format!(
            "{}: the scenario with `{name}` applied is not valid: {}",
            ms.scenario.name,
            problems.join("; ")
        ))
    })?;
    let regimes: Vec<RegimeReport> =
        ncompare::regimes(ms).map_err(|e| Failure::Computation(e.to_string()))?;
    let counts: Vec<SideCount> = count_sides(treaty, &ms.scenario, counting);
    Ok(NSideEntry {
        name,
        proposal,
        regimes,
        counts,
        paired: None,
    })
}

/// The text or JSON of an N-side comparison.
pub fn compare_output(c: &NSideComparison, json: bool) -> String {
    if json {
        format!("{:#}\n", compare_report::json(c))
    } else {
        compare_report::text(c)
    }
}

/// The HTML brief of an N-side comparison (the base scenario gives the model options and the
/// reserve and third-party rules it states).
pub fn brief(scenario: &str, c: &NSideComparison, chart_svg: &str) -> Result<String, Failure> {
    let base = load(scenario)?;
    Ok(reykjavik_report::multilateral_brief::html(
        c, &base, chart_svg,
    ))
}
