//! First-strike stability (Kent & Thaler, RAND R-3765-AF, 1989, pp. 26, 29): each side's cost
//! striking first and struck first, their ratio, and the index r_A x r_B.

use crate::error::EngineError;
use crate::exchange::{self, CurveDetail, CurvePoint, Exchange, ExchangePosture, Workspace};
use crate::model::{self, Alert, Scenario};

/// How the analysis is posed: each side's alert posture and whether it launches under attack when
/// struck. Indexed by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisOptions {
    pub alert: [Alert; 2],
    pub launch_under_attack: [bool; 2],
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        Self {
            alert: [Alert::DayToDay; 2],
            launch_under_attack: [false; 2],
        }
    }
}

/// One side's stability terms.
#[derive(Debug, Clone, PartialEq)]
pub struct SideStability {
    pub name: String,
    /// C1: the side's cost when it strikes first.
    pub cost_striking_first: f64,
    /// C2: the side's cost when the other strikes first.
    pub cost_struck_first: f64,
    /// r = min(1, C1 / C2); 1 when C2 is 0 (being struck first costs nothing, so striking
    /// first cannot be cheaper).
    pub ratio: f64,
}

/// The whole analysis: both exchanges and the index.
#[derive(Debug, Clone, PartialEq)]
pub struct StabilityReport {
    pub options: AnalysisOptions,
    pub sides: [SideStability; 2],
    /// `exchanges[0]`: side 0 strikes side 1; `exchanges[1]`: side 1 strikes side 0.
    pub exchanges: [Exchange; 2],
    /// r_0 x r_1 in (0, 1]; 1 = neither side gains by going first. Ranks postures; not a
    /// probability of war.
    pub index: f64,
}

fn ratio(striking_first: f64, struck_first: f64) -> f64 {
    if struck_first <= 0.0 {
        1.0
    } else {
        (striking_first / struck_first).min(1.0)
    }
}

/// Validates the scenario, runs both first strikes and computes the index.
pub fn analyze(
    scenario: &Scenario,
    options: AnalysisOptions,
) -> Result<StabilityReport, EngineError> {
    analyze_with(scenario, options, false)
}

/// As [`analyze`]; with `certify`, each exchange also carries its allocation gap certificate.
pub fn analyze_with(
    scenario: &Scenario,
    options: AnalysisOptions,
    certify: bool,
) -> Result<StabilityReport, EngineError> {
    analyze_detail(scenario, options, certify, CurveDetail::Full)
}

/// As [`analyze`], computing only the stop points (no draw-down curves): the same costs, ratios
/// and index, faster. For Monte Carlo and sweeps.
pub fn analyze_stop_only(
    scenario: &Scenario,
    options: AnalysisOptions,
) -> Result<StabilityReport, EngineError> {
    analyze_detail(scenario, options, false, CurveDetail::StopOnly)
}

/// As [`analyze_stop_only`], planning in `workspace`'s buffers: a loop over many analyses
/// (Monte Carlo, sweeps, searches) keeps one workspace per thread. Validates as every analysis.
pub fn analyze_stop_only_with(
    scenario: &Scenario,
    options: AnalysisOptions,
    workspace: &mut Workspace,
) -> Result<StabilityReport, EngineError> {
    analyze_in(scenario, options, false, CurveDetail::StopOnly, workspace)
}

fn analyze_detail(
    scenario: &Scenario,
    options: AnalysisOptions,
    certify: bool,
    detail: CurveDetail,
) -> Result<StabilityReport, EngineError> {
    // One workspace serves both strikes and their rankings.
    analyze_in(
        scenario,
        options,
        certify,
        detail,
        &mut Workspace::default(),
    )
}

fn analyze_in(
    scenario: &Scenario,
    options: AnalysisOptions,
    certify: bool,
    detail: CurveDetail,
    workspace: &mut Workspace,
) -> Result<StabilityReport, EngineError> {
    check_scenario(scenario)?;
    analyze_validated(scenario, options, certify, detail, workspace)
}

/// [`analyze_in`] after validation.
fn analyze_validated(
    scenario: &Scenario,
    options: AnalysisOptions,
    certify: bool,
    detail: CurveDetail,
    workspace: &mut Workspace,
) -> Result<StabilityReport, EngineError> {
    let mut strike = |striker: usize, victim: usize| {
        exchange::first_strike_with(
            workspace,
            scenario,
            striker,
            victim,
            posture(options, victim),
            certify,
            detail,
        )
    };
    let a_strikes = strike(0, 1)?;
    let b_strikes = strike(1, 0)?;
    let (sides, index) = index_of(scenario, [a_strikes.at_stop(), b_strikes.at_stop()])?;
    Ok(StabilityReport {
        options,
        sides,
        exchanges: [a_strikes, b_strikes],
        index,
    })
}

/// The index and each side's terms without the exchanges: what [`analyze_index_with`] returns.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexReport {
    pub options: AnalysisOptions,
    pub sides: [SideStability; 2],
    /// Each exchange's stop point: `stops[0]` side 0 strikes side 1, `stops[1]` the reverse.
    pub stops: [CurvePoint; 2],
    pub index: f64,
}

/// The index, ratios and costs of [`analyze_stop_only`] (the same bits), without accounting
/// the exchanges' outcomes by element: for loops that only read the index, ratios, costs or
/// stop points (standard regimes, sweeps, searches). Plans in `workspace`'s buffers.
pub fn analyze_index_with(
    scenario: &Scenario,
    options: AnalysisOptions,
    workspace: &mut Workspace,
) -> Result<IndexReport, EngineError> {
    check_scenario(scenario)?;
    let mut stop = |striker: usize, victim: usize| {
        exchange::stop_point_with(
            workspace,
            scenario,
            striker,
            victim,
            posture(options, victim),
        )
    };
    let stops = [stop(0, 1)?, stop(1, 0)?];
    let (sides, index) = index_of(scenario, [&stops[0], &stops[1]])?;
    Ok(IndexReport {
        options,
        sides,
        stops,
        index,
    })
}

/// [`analyze_index_with`] in a workspace of its own.
pub fn analyze_index(
    scenario: &Scenario,
    options: AnalysisOptions,
) -> Result<IndexReport, EngineError> {
    analyze_index_with(scenario, options, &mut Workspace::default())
}

/// Two sides, and every value in range.
fn check_scenario(scenario: &Scenario) -> Result<(), EngineError> {
    if scenario.sides.len() != 2 {
        return Err(EngineError::rule(
            "side",
            format!(
                "first-strike stability compares exactly 2 sides; this scenario has {}",
                scenario.sides.len()
            ),
        ));
    }
    model::validate(scenario).map_err(|mut errors| errors.swap_remove(0))
}

/// The postures of the strike on `victim`.
fn posture(options: AnalysisOptions, victim: usize) -> ExchangePosture {
    ExchangePosture {
        striker_alert: options.alert[1 - victim],
        victim_alert: options.alert[victim],
        victim_launches_under_attack: options.launch_under_attack[victim],
    }
}

/// Each side's C1, C2 and ratio, and the index, from the two stop points (`stops[0]`: side 0
/// strikes first).
fn index_of(
    scenario: &Scenario,
    stops: [&CurvePoint; 2],
) -> Result<([SideStability; 2], f64), EngineError> {
    let side = |s: usize| {
        let c1 = stops[s].cost_to_striker;
        let c2 = stops[1 - s].cost_to_victim;
        SideStability {
            name: scenario.sides[s].name.clone(),
            cost_striking_first: c1,
            cost_struck_first: c2,
            ratio: ratio(c1, c2),
        }
    };
    let sides = [side(0), side(1)];
    let index = sides[0].ratio * sides[1].ratio;
    if !index.is_finite() {
        return Err(EngineError::Undefined(
            "the stability index is not a finite number for these inputs".into(),
        ));
    }
    Ok((sides, index))
}

/// One of the four standard regimes: both sides at one alert posture, both riding out the attack
/// or both launching under attack.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegimeResult {
    pub alert: Alert,
    pub launch_under_attack: bool,
    pub index: f64,
    /// Each side's ratio C1 / C2 (capped at 1).
    pub ratios: [f64; 2],
}

/// The regimes a report opens with, in reading order: day-to-day and generated alert, each
/// riding out and launching under attack.
pub const STANDARD_REGIMES: [(Alert, bool); 4] = [
    (Alert::DayToDay, false),
    (Alert::DayToDay, true),
    (Alert::Generated, false),
    (Alert::Generated, true),
];

/// The index and ratios under the four standard regimes ([`analyze_index_with`], one
/// workspace for the four).
pub fn standard_regimes(scenario: &Scenario) -> Result<Vec<RegimeResult>, EngineError> {
    let mut workspace = Workspace::default();
    STANDARD_REGIMES
        .iter()
        .map(|&(alert, launch_under_attack)| {
            let options = AnalysisOptions {
                alert: [alert; 2],
                launch_under_attack: [launch_under_attack; 2],
            };
            let report = analyze_index_with(scenario, options, &mut workspace)?;
            Ok(RegimeResult {
                alert,
                launch_under_attack,
                index: report.index,
                ratios: [report.sides[0].ratio, report.sides[1].ratio],
            })
        })
        .collect()
}

/// The two strikes of [`analyze_stop_only_with`], for a scenario already validated (two sides,
/// every rule), planned into `strikes` (`strikes[0]`: side 0 strikes first) without accounting
/// their outcomes, failing where it fails (the index of their stop points must be finite):
/// Monte Carlo's informed planning executes the plans itself, and validates a job's first
/// drawn scenario only, then writes only fields whose one rule is their range.
///
/// With `known`, side `s`'s strike takes its conditional kill probabilities from `known.0[s]`
/// (called with the striker's weapon and the victim group) and the value units of side `s`'s
/// elements on the other side's value from `known.1[s]`: Monte Carlo's per-job memo, which the
/// trial's outcomes read too. The same strikes, bit for bit.
pub(crate) fn plan_strikes_validated(
    scenario: &Scenario,
    options: AnalysisOptions,
    workspace: &mut Workspace,
    strikes: &mut [exchange::PlannedStrike; 2],
    known: Option<KnownToBoth>,
) -> Result<(), EngineError> {
    let (mut kills, units) = known.unzip();
    for (striker, into) in strikes.iter_mut().enumerate() {
        let victim = 1 - striker;
        let posture = posture(options, victim);
        let known = kills
            .as_mut()
            .zip(units)
            .map(|(kills, units)| (&mut *kills[striker], [units[striker], units[victim]]));
        let pair = (striker, victim);
        exchange::planned_strike_with(workspace, scenario, pair, posture, into, known)?;
    }
    let [a, b] = &*strikes;
    index_of(scenario, [&a.stop_point, &b.stop_point])?;
    Ok(())
}

/// What Monte Carlo already holds for both strikes of a trial (see [`plan_strikes_validated`]).
pub(crate) type KnownToBoth<'k, 'f> = ([&'k mut exchange::ConditionalKills<'f>; 2], [&'k [f64]; 2]);
