//! `compare`: a base scenario and proposals applied to it, under the four standard regimes,
//! with treaty counts and, if asked, paired Monte Carlo (docs/arms-control.md). Two sides:
//! `reykjavik_report::compare`; N sides (proposals change the truth, beliefs stay):
//! `reykjavik_report::multilateral_compare`.

use reykjavik_engine::arms_control::compare::{self, PairedChange};
use reykjavik_engine::arms_control::proposal::Proposal;
use reykjavik_engine::arms_control::treaty::{self, Counting, SideCount, Treaty};
use reykjavik_engine::limits::size::MULTILATERAL_SIDES;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::multilateral::compare as ncompare;
use reykjavik_engine::multilateral::{self, MultiScenario};
use reykjavik_report::compare::{Comparison as TwoSide, Entry};
use reykjavik_report::multilateral_compare::{NSideComparison, NSideEntry};
use reykjavik_scenario::proposal::LoadedProposal;
use serde_json::Value;

use crate::{Error, Progress, Sides, computation, input};

/// Paired Monte Carlo: base and proposal on the same random streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paired {
    pub trials: u64,
    pub seed: u64,
}

/// A comparison to run: everything loaded.
#[derive(Debug, Clone)]
pub struct Request {
    pub base: Sides,
    pub proposals: Vec<LoadedProposal>,
    pub treaty: Treaty,
    pub counting: Counting,
    pub paired: Option<Paired>,
}

impl Request {
    /// Progress steps of the run: each proposal's paired trials, 4 regimes (8 runs on N sides).
    pub fn steps(&self) -> u64 {
        let runs = match self.base {
            Sides::Two(_) => 4,
            Sides::N(_) => 8,
        };
        self.paired.map_or(0, |p| p.trials) * runs * self.proposals.len() as u64
    }
}

/// The result: two-side or N-side, with what its documents need.
pub enum Comparison {
    Two(TwoSide),
    N {
        comparison: NSideComparison,
        /// The base: its model options and rules are stated in the brief.
        base: Box<MultiScenario>,
    },
}

impl Comparison {
    /// The document of `compare --format json`.
    pub fn json(&self) -> Value {
        match self {
            Self::Two(c) => reykjavik_report::compare::json(c),
            Self::N { comparison, .. } => reykjavik_report::multilateral_compare::json(comparison),
        }
    }

    /// The text report.
    pub fn text(&self) -> String {
        match self {
            Self::Two(c) => reykjavik_report::compare::text(c),
            Self::N { comparison, .. } => reykjavik_report::multilateral_compare::text(comparison),
        }
    }

    /// The HTML brief for decision makers, around the chart's SVG.
    pub fn brief(&self, chart_svg: &str) -> String {
        match self {
            Self::Two(c) => reykjavik_report::brief::html(c, chart_svg),
            Self::N { comparison, base } => {
                reykjavik_report::multilateral_brief::html(comparison, base, chart_svg)
            }
        }
    }
}

/// Runs the comparison; `progress` counts paired trials over every proposal (`steps()`).
pub fn run(request: &Request, progress: Progress) -> Result<Comparison, Error> {
    match &request.base {
        Sides::Two(base) => two_sides(request, base, progress).map(Comparison::Two),
        Sides::N(base) => Ok(Comparison::N {
            comparison: n_sides(request, base, progress)?,
            base: base.clone(),
        }),
    }
}

/// Every side of a scenario counted under a treaty.
pub fn count_sides(treaty: &Treaty, scenario: &Scenario, counting: Counting) -> Vec<SideCount> {
    scenario
        .sides
        .iter()
        .map(|side| treaty::count(treaty, side, counting))
        .collect()
}

fn two_sides(request: &Request, base: &Scenario, progress: Progress) -> Result<TwoSide, Error> {
    let mut entries = vec![two_side_entry(base, "base".into(), None, request)?];
    for (k, loaded) in request.proposals.iter().enumerate() {
        let changed = reykjavik_scenario::proposal::apply(base, loaded).map_err(input)?;
        let proposal = loaded.proposal.clone();
        let mut e = two_side_entry(&changed, proposal.name.clone(), Some(proposal), request)?;
        if let Some(p) = request.paired {
            let offset = k as u64 * p.trials * 4;
            let progress = |done: u64| progress(offset + done);
            e.paired = Some(
                compare::paired_monte_carlo(base, &changed, p.trials, p.seed, &progress)
                    .map_err(computation)?,
            );
        }
        entries.push(e);
    }
    Ok(TwoSide {
        base: base.clone(),
        treaty: request.treaty.clone(),
        counting: request.counting,
        trials: request.paired.map(|p| (p.trials, p.seed)),
        entries,
    })
}

fn two_side_entry(
    scenario: &Scenario,
    name: String,
    proposal: Option<Proposal>,
    request: &Request,
) -> Result<Entry, Error> {
    Ok(Entry {
        name,
        proposal,
        regimes: compare::regimes(scenario).map_err(computation)?,
        counts: count_sides(&request.treaty, scenario, request.counting),
        paired: None,
    })
}

/// The N-side comparison: each proposal applied to the truth, beliefs kept.
fn n_sides(
    request: &Request,
    base: &MultiScenario,
    progress: Progress,
) -> Result<NSideComparison, Error> {
    let mut entries = vec![n_side_entry(base, "base".into(), None, request)?];
    for (k, loaded) in request.proposals.iter().enumerate() {
        let truth =
            reykjavik_scenario::proposal::apply_sides(&base.scenario, loaded, MULTILATERAL_SIDES)
                .map_err(input)?;
        let changed = ncompare::with_truth(base, truth);
        let proposal = loaded.proposal.clone();
        let mut e = n_side_entry(&changed, proposal.name.clone(), Some(proposal), request)?;
        if let Some(p) = request.paired {
            let offset = k as u64 * p.trials * 8;
            e.paired = Some(n_side_paired(base, &changed, p, &|done| {
                progress(offset + done)
            })?);
        }
        entries.push(e);
    }
    Ok(NSideComparison {
        scenario: base.scenario.name.clone(),
        sides: base.scenario.sides.iter().map(|s| s.name.clone()).collect(),
        has_beliefs: !base.beliefs.is_empty(),
        treaty: request.treaty.clone(),
        counting: request.counting,
        trials: request.paired.map(|p| (p.trials, p.seed)),
        entries,
    })
}

fn n_side_entry(
    ms: &MultiScenario,
    name: String,
    proposal: Option<Proposal>,
    request: &Request,
) -> Result<NSideEntry, Error> {
    // A proposal can break a belief (a removed element it names): bad input, located.
    multilateral::validate(ms).map_err(|errors| {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Error::Input(format!(
            "{}: the scenario with `{name}` applied is not valid: {}",
            ms.scenario.name,
            problems.join("; ")
        ))
    })?;
    Ok(NSideEntry {
        name,
        proposal,
        regimes: ncompare::regimes(ms).map_err(computation)?,
        counts: count_sides(&request.treaty, &ms.scenario, request.counting),
        paired: None,
    })
}

/// Paired trials of one proposal against the base, after checking the count.
fn n_side_paired(
    base: &MultiScenario,
    changed: &MultiScenario,
    p: Paired,
    progress: Progress,
) -> Result<Vec<PairedChange>, Error> {
    let most = ncompare::max_paired_trials(base, changed);
    if !(1..=most).contains(&p.trials) {
        return Err(Error::Input(format!(
            "--trials {} is out of range (valid for this N-side comparison: 1 to {most}; 8 N-side Monte Carlo runs per proposal share the cap of `analyze --trials`)",
            p.trials
        )));
    }
    ncompare::paired_monte_carlo(base, changed, p.trials, p.seed, progress).map_err(computation)
}
