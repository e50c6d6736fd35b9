//! `analyze` on an N-side scenario (issue 10): the N-side analysis at the posture asked, the
//! standard regimes, and as asked Monte Carlo with random outcomes, each pair's exchange
//! (`--curve`, `--certify`) and the arms race among the actors (`--arms-race`). Documents from
//! `reykjavik_report::{multilateral, multilateral_detail, multilateral_montecarlo,
//! n_side_arms_race}`.

use reykjavik_engine::montecarlo::Planning;
use reykjavik_engine::multilateral::detail::{self, PairExchange};
use reykjavik_engine::multilateral::{self, MultiAnalysis, MultiOptions, MultiScenario, outcomes};
use reykjavik_engine::reaction::best_response::{Position, ResponseMenu, Search};
use reykjavik_engine::reaction::n_side_arms_race::{NSideArmsRace, n_side_arms_race};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::multilateral::{NSideOutput, RegimeLine, n_side_json, n_side_text};
use reykjavik_report::multilateral_detail::{self as pair_detail, PairDetails};
use reykjavik_report::multilateral_montecarlo::NSideMonteCarlo;
use reykjavik_report::n_side_arms_race::{self as arms_race_report, NSideArmsRaceContext};
use serde_json::Value;

use crate::{Error, Progress, computation};

/// Monte Carlo with random outcomes, asked for as on two sides (trials from 1 to this module's
/// [`max_trials`]).
pub use crate::analyze::MonteCarlo;

/// The most trials of a Monte Carlo on this scenario with this planning.
pub fn max_trials(ms: &MultiScenario, planning: Planning) -> u64 {
    outcomes::max_trials(ms, planning)
}

/// The analysis to run: the scenario (its reserve and third parties as asked), each side's
/// posture, and the optional parts.
#[derive(Debug, Clone)]
pub struct Request {
    pub base: MultiScenario,
    pub options: MultiOptions,
    pub monte_carlo: Option<MonteCarlo>,
    /// Each pair's whole draw-down curve in the text.
    pub curve: bool,
    /// Each pair's cost certificate.
    pub certify: bool,
    /// The arms-race section, computed by [`arms_race`] where the face's order of checks puts it.
    pub arms_race: Option<ArmsRace>,
}

/// The arms race among the actors: the menu, the position restored and the engine's result.
#[derive(Debug, Clone)]
pub struct ArmsRace {
    pub menu: ResponseMenu,
    pub position: Position,
    pub race: NSideArmsRace,
}

impl ArmsRace {
    fn context(&self) -> NSideArmsRaceContext<'_> {
        NSideArmsRaceContext {
            menu: &self.menu,
            position: self.position,
        }
    }
}

/// Each actor's cheapest response per unit of every other actor's most provocative one-step
/// move on the menu (from `race::n_side_menu`, or `race::menu` where the engine is left to
/// refuse an armed actor without an option).
pub fn arms_race(
    base: &MultiScenario,
    options: &MultiOptions,
    menu: ResponseMenu,
    position: Position,
) -> Result<ArmsRace, Error> {
    let search = Search::new(position, AnalysisOptions::default());
    let race = n_side_arms_race(base, &menu, &search, options).map_err(computation)?;
    Ok(ArmsRace {
        menu,
        position,
        race,
    })
}

/// The analysis run, with what its documents need.
pub struct Analysed {
    pub request: Request,
    pub analysis: MultiAnalysis,
    pub regimes: Vec<RegimeLine>,
    pub trials: Option<NSideMonteCarlo>,
    /// Each pair's exchange, with `curve` or `certify` (else empty).
    pub pairs: Vec<PairExchange>,
}

/// Runs the Monte Carlo (if asked; progress in trials), the analysis, the standard regimes and
/// the pair details (if asked).
pub fn run(request: Request, progress: Progress) -> Result<Analysed, Error> {
    let trials = match &request.monte_carlo {
        Some(mc) => Some(monte_carlo(&request, mc, progress)?),
        None => None,
    };
    let (ms, options) = (&request.base, &request.options);
    let analysis = multilateral::analyze(ms, options).map_err(computation)?;
    let regimes = reykjavik_report::multilateral::standard_regimes(ms).map_err(computation)?;
    let pairs = if request.curve || request.certify {
        detail::pair_exchanges(ms, options, &analysis.actual).map_err(computation)?
    } else {
        Vec::new()
    };
    Ok(Analysed {
        request,
        analysis,
        regimes,
        trials,
        pairs,
    })
}

fn monte_carlo(
    request: &Request,
    mc: &MonteCarlo,
    progress: Progress,
) -> Result<NSideMonteCarlo, Error> {
    let most = max_trials(&request.base, mc.planning);
    if !(1..=most).contains(&mc.trials) {
        return Err(Error::Input(format!(
            "trials {}: out of range (valid for this scenario with {} planning: 1 to {most})",
            mc.trials,
            mc.planning.name()
        )));
    }
    let (ms, options) = (&request.base, &request.options);
    let trials = outcomes::run(ms, options, mc.planning, mc.trials, mc.seed, progress)
        .map_err(computation)?;
    Ok(NSideMonteCarlo {
        seed: mc.seed,
        planning: mc.planning,
        at_least: mc.at_least.clone(),
        trials,
    })
}

impl Analysed {
    fn output(&self) -> NSideOutput<'_> {
        NSideOutput {
            ms: &self.request.base,
            options: &self.request.options,
            analysis: &self.analysis,
            regimes: &self.regimes,
            trials: self.trials.as_ref(),
        }
    }

    fn details(&self) -> PairDetails<'_> {
        PairDetails {
            pairs: &self.pairs,
            curve: self.request.curve,
            certify: self.request.certify,
        }
    }

    fn detailed(&self) -> bool {
        self.request.curve || self.request.certify
    }

    /// The document of `analyze --format json` on an N-side scenario.
    pub fn json(&self) -> Value {
        let mut doc = n_side_json(&self.output());
        if self.detailed() {
            pair_detail::add_json(&mut doc, &self.analysis.actual, &self.details());
        }
        if let Some(section) = &self.request.arms_race {
            arms_race_report::add_json(&mut doc, &section.context(), &section.race);
        }
        doc
    }

    /// The document as `analyze --format json` prints it (pretty, a final newline; each pair's
    /// curve written straight from the engine's points).
    pub fn json_text(&self) -> String {
        let doc = self.json();
        if self.detailed() {
            pair_detail::to_string_pretty(&doc, &self.details())
        } else {
            format!("{doc:#}\n")
        }
    }

    /// The text report.
    pub fn text(&self) -> String {
        let mut out = n_side_text(&self.output());
        if self.detailed() {
            out += &pair_detail::text(&self.analysis.actual, &self.details());
        }
        if let Some(section) = &self.request.arms_race {
            out += &arms_race_report::n_side_arms_race_text(&section.context(), &section.race);
        }
        out
    }
}
