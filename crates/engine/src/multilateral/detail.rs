//! Each ordered pair's committed exchange in full (issue 10: `analyze --curve` and `--certify`
//! on N sides): the whole draw-down curve and the cost certificate of the two-side exchange the
//! pair's strike is (the striker's committed force on the victim, in the actors' scenario), at
//! the stop of the actual strike.
//!
//! The analysis keeps stop points only; this recomputes the exchange of each pair with every
//! curve point and the certificate, then stops it where the actual strike stopped (the
//! exchange's own stop, or a believing striker's commitment read off the true curve).

use super::actors::{self, Actors};
use super::analysis::MultiReport;
use super::pair::Strike;
use super::{MultiOptions, MultiScenario, views};
use crate::error::EngineError;
use crate::exchange::{self, CurveDetail, Exchange, ExchangePosture};
use crate::model::Scenario;

/// One ordered pair's exchange with its curve and certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct PairExchange {
    /// Actor indices (the exchange's own `striker` and `victim` index its two-side scenario).
    pub striker: usize,
    pub victim: usize,
    /// Share of the striker's available launchers withheld against the third parties.
    pub reserve_share: f64,
    /// Every curve point, the stop at the actual strike's, and the cost certificate.
    pub exchange: Exchange,
}

/// Curve points within this many warheads are the same commitment (as the belief rule).
const SLACK: f64 = 1e-9;

/// Every strike of `report` (the actual outcome of [`super::analyze`] on `ms` and `options`)
/// with its whole curve and certificate, in the report's order.
pub fn pair_exchanges(
    ms: &MultiScenario,
    options: &MultiOptions,
    report: &MultiReport,
) -> Result<Vec<PairExchange>, EngineError> {
    let plan = actors::plan(ms, &ms.scenario, options);
    report
        .strikes
        .iter()
        .map(|strike| pair_exchange(&plan, strike))
        .collect()
}

fn pair_exchange(plan: &Actors, strike: &Strike) -> Result<PairExchange, EngineError> {
    let (a, b) = (strike.striker, strike.victim);
    let full = full_exchange(plan, a, b, strike.reserve_share)?;
    Ok(PairExchange {
        striker: a,
        victim: b,
        reserve_share: strike.reserve_share,
        exchange: stopped_as(full, &strike.exchange),
    })
}

fn posture(plan: &Actors, a: usize, b: usize) -> ExchangePosture {
    let (s, v) = (&plan.actors[a], &plan.actors[b]);
    ExchangePosture {
        striker_alert: s.alert,
        victim_alert: v.alert,
        victim_launches_under_attack: v.launch_under_attack,
    }
}

/// The pair's exchange as the analysis computes it (the actors' scenario itself without a
/// reserve; the withholding striker against the victim as two sides with one), in full.
fn full_exchange(plan: &Actors, a: usize, b: usize, share: f64) -> Result<Exchange, EngineError> {
    let posture = posture(plan, a, b);
    if share == 0.0 {
        return exchange::first_strike(&plan.scenario, a, b, posture, true, CurveDetail::Full);
    }
    let sides = &plan.scenario.sides;
    let duel = Scenario {
        name: String::new(),
        description: String::new(),
        sides: vec![
            views::withholding(&sides[a], share, &plan.scenario.options),
            sides[b].clone(),
        ],
        options: plan.scenario.options,
        uncertain: Vec::new(),
    };
    exchange::first_strike(&duel, 0, 1, posture, true, CurveDetail::Full)
}

/// `full` stopped where `actual` stopped: unchanged when its own stop commits the same
/// warheads; else (a believing striker's commitment) the last point committing no more.
fn stopped_as(mut full: Exchange, actual: &Exchange) -> Exchange {
    let want = actual.at_stop();
    let same = |p: &exchange::CurvePoint| {
        (p.warheads_spent - want.warheads_spent).abs() <= SLACK
            && (p.conventional_spent - want.conventional_spent).abs() <= SLACK
    };
    if same(full.at_stop()) {
        return full;
    }
    let last = full
        .curve
        .iter()
        .rposition(|p| {
            p.warheads_spent <= want.warheads_spent + SLACK
                && p.conventional_spent <= want.conventional_spent + SLACK
        })
        .unwrap_or(0);
    if let Some(point) = full.curve.get(last) {
        full.stop = last;
        full.stop_point = *point;
    }
    full
}
