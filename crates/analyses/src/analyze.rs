//! `analyze` on a two-side scenario: the first-strike stability report at the posture asked, the
//! standard regimes, and as asked each strike's cost certificate (`certify`), the whole
//! draw-down curve in the text (`curve`), Monte Carlo over the uncertain inputs and outcomes and
//! the arms-race stability section. Documents from `reykjavik_report::analyze`.

use reykjavik_engine::limits;
use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{self, Planning, Trial};
use reykjavik_engine::reaction::arms_race::{SideExposure, arms_race_stability};
use reykjavik_engine::reaction::best_response::{Position, ResponseMenu, Search};
use reykjavik_engine::stability::{self, AnalysisOptions, RegimeResult, StabilityReport};
use reykjavik_report::analyze::{self as report, Analysis, Options};
use reykjavik_report::montecarlo::MonteCarlo as MonteCarloOutput;
use reykjavik_report::race::ArmsRace as ArmsRaceOutput;
use serde_json::Value;

use crate::{Error, Progress, computation};

/// Monte Carlo: trials (1 to [`max_trials`]), the master seed, how strikers plan, and the
/// thresholds k of P(at least k arrive) asked for besides the defaults.
#[derive(Debug, Clone)]
pub struct MonteCarlo {
    pub trials: u64,
    pub seed: u64,
    pub planning: Planning,
    pub at_least: Vec<u32>,
}

/// The most trials of a Monte Carlo on this scenario with this planning, and why (each face
/// words its own refusal; the web caps it further).
pub fn max_trials(scenario: &Scenario, planning: Planning) -> (u64, &'static str) {
    limits::max_trials(scenario, planning)
}

/// The arms-race section asked: the menu (resolved by the face, which words a missing or
/// unfitting one) and the position each side restores.
#[derive(Debug, Clone)]
pub struct ArmsRace {
    pub menu: ResponseMenu,
    pub position: Position,
}

/// The analysis to run.
#[derive(Debug, Clone)]
pub struct Request {
    pub scenario: Scenario,
    pub options: AnalysisOptions,
    /// Each greedy counterforce plan certified against an upper bound.
    pub certify: bool,
    /// The whole draw-down curve in the text report.
    pub curve: bool,
    pub monte_carlo: Option<MonteCarlo>,
    pub arms_race: Option<ArmsRace>,
}

impl Request {
    /// Steps of the progress callback: the trials (nothing else reports progress).
    pub fn steps(&self) -> u64 {
        self.monte_carlo.as_ref().map_or(0, |mc| mc.trials)
    }
}

/// `analyze` compares exactly two sides; `label` names the scenario in the message.
pub fn two_sides(scenario: &Scenario, label: &str) -> Result<(), Error> {
    match scenario.sides.len() {
        2 => Ok(()),
        n => Err(Error::Input(format!(
            "{label}: `analyze` compares exactly 2 sides; this scenario has {n}"
        ))),
    }
}

/// The analysis run, with what its documents need.
pub struct Analysed {
    pub request: Request,
    pub report: StabilityReport,
    pub regimes: Vec<RegimeResult>,
    pub trials: Option<Vec<Trial>>,
    /// Each side's exposure in the arms race, when asked.
    pub exposure: Option<[SideExposure; 2]>,
}

/// Runs the analysis, the standard regimes, the Monte Carlo (if asked; progress in trials) and
/// the arms race (if asked), in that order.
pub fn run(request: Request, progress: Progress) -> Result<Analysed, Error> {
    two_sides(&request.scenario, &request.scenario.name)?;
    if let Some(mc) = &request.monte_carlo {
        check_trials(&request.scenario, mc)?;
    }
    let (scenario, options) = (&request.scenario, request.options);
    let report =
        stability::analyze_with(scenario, options, request.certify).map_err(computation)?;
    let regimes = stability::standard_regimes(scenario).map_err(computation)?;
    let trials = match &request.monte_carlo {
        Some(mc) => Some(
            montecarlo::run(scenario, options, mc.planning, mc.trials, mc.seed, progress)
                .map_err(computation)?,
        ),
        None => None,
    };
    let exposure = match &request.arms_race {
        Some(section) => Some(exposure(scenario, &report, section)?),
        None => None,
    };
    Ok(Analysed {
        request,
        report,
        regimes,
        trials,
        exposure,
    })
}

/// A face checks the trial count first, in its own words; this is the layer's own guard.
fn check_trials(scenario: &Scenario, mc: &MonteCarlo) -> Result<(), Error> {
    let (most, why) = max_trials(scenario, mc.planning);
    if (1..=most).contains(&mc.trials) {
        Ok(())
    } else {
        Err(Error::Input(format!(
            "trials {}: out of range (valid for this scenario with {} planning: 1 to {most}; {why})",
            mc.trials,
            mc.planning.name()
        )))
    }
}

/// Each side's cheapest response per unit of the other's most provocative move on the menu,
/// searched at the analysis's posture.
fn exposure(
    scenario: &Scenario,
    report: &StabilityReport,
    section: &ArmsRace,
) -> Result<[SideExposure; 2], Error> {
    let search = Search::new(section.position, report.options);
    arms_race_stability(scenario, &section.menu, &search).map_err(computation)
}

impl Analysed {
    fn analysis(&self) -> Analysis<'_> {
        Analysis {
            scenario: &self.request.scenario,
            report: &self.report,
            regimes: &self.regimes,
            monte_carlo: self.monte_carlo(),
            arms_race: self.arms_race(),
        }
    }

    fn monte_carlo(&self) -> Option<MonteCarloOutput<'_>> {
        let (mc, trials) = (self.request.monte_carlo.as_ref()?, self.trials.as_ref()?);
        Some(MonteCarloOutput {
            trials,
            seed: mc.seed,
            planning: mc.planning,
            at_least: &mc.at_least,
        })
    }

    fn arms_race(&self) -> Option<ArmsRaceOutput<'_>> {
        let (section, exposure) = (self.request.arms_race.as_ref()?, self.exposure.as_ref()?);
        Some(ArmsRaceOutput {
            menu: &section.menu,
            position: section.position,
            exposure,
        })
    }

    fn options(&self) -> Options {
        Options {
            certify: self.request.certify,
            curve: self.request.curve,
        }
    }

    /// The document of `analyze --format json` as a tree, each `draw_down_curve` a `null`
    /// placeholder (see [`Analysed::json`]).
    pub fn document(&self) -> Value {
        report::document(&self.analysis(), &self.options())
    }

    /// The document as `analyze --format json` prints it (the curve written straight from the
    /// engine's points).
    pub fn json(&self) -> String {
        report::json(&self.analysis(), &self.options())
    }

    /// The text report.
    pub fn text(&self) -> String {
        report::text(&self.analysis(), &self.options())
    }
}
