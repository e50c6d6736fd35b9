//! `richardson`: Richardson's arms-race model (docs/action-reaction.md). On two sides, given or
//! estimated k and l, the equilibrium, stability, classification and a trajectory
//! (`reykjavik_report::richardson`); on N sides, K estimated from the N-side best-response
//! function with each actor's fatigue and grievance, the equilibrium and the eigenvalues
//! (`reykjavik_report::n_side_richardson`).
//!
//! The model's errors are the engine's ([`Error::Engine`], its field named): a face words them
//! with its own names for the coefficients.

use reykjavik_engine::model::{Alert, Scenario};
use reykjavik_engine::multilateral::{MultiOptions, MultiScenario};
use reykjavik_engine::reaction::arms_race::{self, ReactionCoefficients};
use reykjavik_engine::reaction::best_response::{Position, ResponseMenu, Search};
use reykjavik_engine::reaction::n_side_race::{self, NSideRaceSettings, ReactionMatrix};
use reykjavik_engine::reaction::race::{DEFAULT_BOUND, RaceSettings};
use reykjavik_engine::reaction::richardson::RichardsonModel;
use reykjavik_engine::reaction::richardson_n::{NAnalysis, NRichardson};
use reykjavik_engine::stability::AnalysisOptions;
use reykjavik_report::n_side_richardson::NSideRichardson;
use reykjavik_report::richardson::{Estimate, RichardsonReport};
use serde_json::Value;

use crate::{Error, computation};

/// The two-side model to follow: coefficients, the starting levels (x0, y0), the years and the
/// trajectory's equal steps; `estimated_from` says where k and l came from.
#[derive(Debug, Clone)]
pub struct Request {
    pub model: RichardsonModel,
    pub start: (f64, f64),
    pub years: f64,
    pub steps: usize,
    pub estimated_from: Option<Estimate>,
}

/// The model analysed and followed.
pub struct Outcome {
    pub report: RichardsonReport,
}

/// Checks the model (every coefficient in range) and follows it.
pub fn run(request: Request) -> Result<Outcome, Error> {
    let model = request.model;
    model.validate().map_err(computation)?;
    let trajectory = model
        .trajectory(request.start, request.years, request.steps)
        .map_err(computation)?;
    Ok(Outcome {
        report: RichardsonReport {
            analysis: model.analyse(),
            model,
            start: request.start,
            years: request.years,
            trajectory,
            estimated_from: request.estimated_from,
        },
    })
}

impl Outcome {
    /// The document of `richardson --format json`.
    pub fn json(&self) -> Value {
        reykjavik_report::richardson::richardson_json(&self.report)
    }

    /// The text report.
    pub fn text(&self) -> String {
        reykjavik_report::richardson::richardson_text(&self.report)
    }
}

/// k and l around a two-side scenario at its default regime (day-to-day, riding out),
/// positions as surviving retaliation, on a menu with an option for each side; with where
/// they came from for the report.
pub fn estimate(
    base: &Scenario,
    menu: &ResponseMenu,
) -> Result<(ReactionCoefficients, Estimate), Error> {
    let search = Search::new(Position::Retaliation, AnalysisOptions::default());
    let c = arms_race::reaction_coefficients(base, menu, &search).map_err(computation)?;
    let estimate = Estimate {
        scenario: base.name.clone(),
        sides: [base.sides[0].name.clone(), base.sides[1].name.clone()],
        menu: menu.name.clone(),
        cost_unit: menu.cost_unit.clone(),
        restored: c.restored,
    };
    Ok((c, estimate))
}

/// The regime K is estimated at on N sides: every side day-to-day, riding out (as on two).
pub fn n_side_regime(base: &MultiScenario) -> MultiOptions {
    MultiOptions::uniform(base.scenario.sides.len(), Alert::DayToDay, false)
}

/// K: each actor's cheapest response per unit of each other actor's one-step build, at
/// [`n_side_regime`], on the menu (from `race::n_side_menu` at that regime).
pub fn n_side_reactions(
    base: &MultiScenario,
    menu: &ResponseMenu,
) -> Result<ReactionMatrix, Error> {
    let settings = NSideRaceSettings {
        race: RaceSettings {
            search: Search::new(Position::Retaliation, AnalysisOptions::default()),
            rounds: 1,
            bound: DEFAULT_BOUND,
        },
        options: n_side_regime(base),
    };
    n_side_race::reaction_matrix(base, menu, &settings).map_err(computation)
}

/// The N-side model: the scenario's and menu's names, the estimated K, and per actor (in the
/// matrix's actor order) the fatigue and the grievance.
#[derive(Debug, Clone)]
pub struct NSideRequest {
    pub scenario: String,
    pub menu: String,
    pub cost_unit: String,
    pub reactions: ReactionMatrix,
    pub fatigue: Vec<f64>,
    pub grievance: Vec<f64>,
}

/// The N-side model analysed.
pub struct NSideOutcome {
    pub request: NSideRequest,
    pub model: NRichardson,
    pub analysis: NAnalysis,
}

/// Checks the model (an engine error names `a[i]`, `g[i]` or `k[i][j]`) and analyses it.
pub fn run_n_side(request: NSideRequest) -> Result<NSideOutcome, Error> {
    let model = NRichardson {
        k: request.reactions.k.clone(),
        a: request.fatigue.clone(),
        g: request.grievance.clone(),
    };
    model.validate().map_err(computation)?;
    Ok(NSideOutcome {
        analysis: model.analyse(),
        model,
        request,
    })
}

impl NSideOutcome {
    fn view(&self) -> NSideRichardson<'_> {
        NSideRichardson {
            scenario: &self.request.scenario,
            menu: &self.request.menu,
            cost_unit: &self.request.cost_unit,
            reactions: &self.request.reactions,
            model: &self.model,
            analysis: &self.analysis,
        }
    }

    /// The document of `richardson --estimate N-SIDE-SCENARIO --format json`.
    pub fn json(&self) -> Value {
        reykjavik_report::n_side_richardson::n_side_richardson_json(&self.view())
    }

    /// The text report.
    pub fn text(&self) -> String {
        reykjavik_report::n_side_richardson::n_side_richardson_text(&self.view())
    }
}
