//! The N-side analysis: every ordered pair of armed actors, the pairwise ratios, each actor's
//! overall ratio, the N-side index, and each believing actor's view (docs/model.md, "N sides").

use super::actors::{self, Actor};
use super::pair::{Commitment, Context, Strike};
use super::{MultiOptions, MultiScenario, Reserve};
use crate::error::EngineError;
use crate::exchange::{CurveDetail, Workspace};
use crate::model::Scenario;
use std::cell::RefCell;

/// One actor's ratio against one opponent: r = min(1, C1 / C2), C1 its cost striking the
/// opponent first, C2 its cost when the opponent strikes it first (third parties included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairRatio {
    pub actor: usize,
    pub opponent: usize,
    pub cost_striking_first: f64,
    pub cost_struck_first: f64,
    pub ratio: f64,
}

/// The analysis of one world (the truth, or an actor's beliefs).
#[derive(Debug, Clone, PartialEq)]
pub struct MultiReport {
    pub actors: Vec<Actor>,
    /// Whether each actor has nuclear warheads at its alert: an unarmed actor is in no pair.
    pub armed: Vec<bool>,
    /// Every ordered pair of armed actors, striker-major.
    pub strikes: Vec<Strike>,
    /// Every ordered pair of armed actors, actor-major (as `strikes`).
    pub ratios: Vec<PairRatio>,
    /// Each actor's overall ratio: its lowest pairwise ratio (1 with no armed opponent).
    pub overall: Vec<f64>,
    /// The N-side index: the product of the armed actors' overall ratios, in (0, 1]. With two
    /// actors it is Kent & Thaler's r_A x r_B.
    pub index: f64,
}

impl MultiReport {
    /// The strike of `striker` on `victim`, if both are armed.
    pub fn strike(&self, striker: usize, victim: usize) -> Option<&Strike> {
        self.strikes
            .iter()
            .find(|s| s.striker == striker && s.victim == victim)
    }

    /// `actor`'s ratio against `opponent`, if both are armed.
    pub fn ratio(&self, actor: usize, opponent: usize) -> Option<&PairRatio> {
        self.ratios
            .iter()
            .find(|r| r.actor == actor && r.opponent == opponent)
    }
}

/// An actor's view: the whole analysis in the world its members believe in.
#[derive(Debug, Clone, PartialEq)]
pub struct BeliefView {
    pub actor: usize,
    pub report: MultiReport,
}

/// The N-side analysis: the actual outcome (each believing striker's reserve and counterforce
/// planned with its beliefs, executed on the truth) and each believing actor's perceived one.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiAnalysis {
    pub actual: MultiReport,
    pub perceived: Vec<BeliefView>,
}

/// Validates and analyses. Stop points only (the costs are the full curve's, exactly), except
/// where a believing striker's commitment is read off the true curve.
pub fn analyze(ms: &MultiScenario, options: &MultiOptions) -> Result<MultiAnalysis, EngineError> {
    analyze_with(ms, options, &mut Workspace::default())
}

/// [`analyze`], planning every exchange in `workspace`'s buffers (a loop of analyses keeps one:
/// a reused workspace plans as a fresh one, bit for bit).
pub fn analyze_with(
    ms: &MultiScenario,
    options: &MultiOptions,
    workspace: &mut Workspace,
) -> Result<MultiAnalysis, EngineError> {
    super::validate(ms).map_err(|mut errors| errors.swap_remove(0))?;
    let plan = actors::plan(ms, &ms.scenario, options);
    let mut perceived = Vec::new();
    let mut commitments = vec![None; plan.actors.len()];
    for (a, actor) in plan.actors.iter().enumerate() {
        let Some(world) = believed_world(ms, &actor.members)? else {
            continue;
        };
        let report = report_of(ms, &world, options, None, workspace)?;
        // Beliefs that match the truth plan exactly as the truth does: keep its numbers.
        if world != ms.scenario {
            commitments[a] = Some(commitments_of(&report, a));
        }
        perceived.push(BeliefView { actor: a, report });
    }
    let actual = report_of(ms, &ms.scenario, options, Some(&commitments), workspace)?;
    Ok(MultiAnalysis { actual, perceived })
}

/// The truth with the beliefs of every member applied, or `None` when they hold none.
fn believed_world(ms: &MultiScenario, members: &[usize]) -> Result<Option<Scenario>, EngineError> {
    if !members.iter().any(|&m| ms.beliefs_of(m).next().is_some()) {
        return Ok(None);
    }
    let mut world = ms.scenario.clone();
    for &m in members {
        let view = MultiScenario {
            scenario: world,
            ..ms.clone()
        };
        world = view.believed_by(m)?;
    }
    Ok(Some(world))
}

/// `commitments[a][b]`: what actor `a` planned when striking `b` in its believed world.
type Commitments = Vec<Option<Vec<Option<Commitment>>>>;

fn commitments_of(report: &MultiReport, a: usize) -> Vec<Option<Commitment>> {
    (0..report.actors.len())
        .map(|b| {
            report.strike(a, b).map(|s| Commitment {
                reserve_share: s.reserve_share,
                warheads_spent: s.exchange.at_stop().warheads_spent,
                conventional_spent: s.exchange.at_stop().conventional_spent,
            })
        })
        .collect()
}

/// The analysis of one world: strikes, ratios, overall ratios, index. `commitments` replace the
/// plans of believing strikers (the actual outcome).
fn report_of(
    ms: &MultiScenario,
    world: &Scenario,
    options: &MultiOptions,
    commitments: Option<&Commitments>,
    workspace: &mut Workspace,
) -> Result<MultiReport, EngineError> {
    let plan = actors::plan(ms, world, options);
    let mut context = Context {
        actors: &plan,
        reserve: ms.reserve,
        third_parties: ms.third_parties,
        detail: CurveDetail::StopOnly,
        deterring: Vec::new(),
        workspace: RefCell::new(std::mem::take(workspace)),
    };
    let strikes = strikes_of(&mut context, commitments);
    *workspace = context.workspace.into_inner();
    let (armed, strikes) = strikes?;
    finish(plan.actors, armed, strikes)
}

/// Which actors are armed, and every armed actor's strike on every other one, in `context`.
fn strikes_of(
    context: &mut Context,
    commitments: Option<&Commitments>,
) -> Result<(Vec<bool>, Vec<Strike>), EngineError> {
    let plan = context.actors;
    let n = plan.actors.len();
    let armed: Vec<bool> = (0..n).map(|a| context.armed(a)).collect();
    context.deterring = deterring_table(context, &armed)?;
    let mut strikes = Vec::new();
    for a in (0..n).filter(|&a| armed[a]) {
        for b in (0..n).filter(|&b| b != a && armed[b]) {
            let given = commitments
                .and_then(|c| c[a].as_ref())
                .and_then(|row| row[b]);
            strikes.push(context.strike(a, b, given)?);
        }
    }
    Ok((armed, strikes))
}

/// With `Reserve::DeterThirdParties` and three or more armed actors: the share each actor keeps
/// to deter each other one.
fn deterring_table(context: &Context, armed: &[bool]) -> Result<Vec<Vec<f64>>, EngineError> {
    let n = armed.len();
    if context.reserve != Reserve::DeterThirdParties || armed.iter().filter(|&&x| x).count() < 3 {
        return Ok(Vec::new());
    }
    let mut table = vec![vec![0.0; n]; n];
    for a in (0..n).filter(|&a| armed[a]) {
        for t in (0..n).filter(|&t| t != a && armed[t]) {
            table[a][t] = context.deterring_share(a, t)?;
        }
    }
    Ok(table)
}

/// r = min(1, C1 / C2); 1 when C2 is 0 (as `stability`).
pub(super) fn ratio(striking_first: f64, struck_first: f64) -> f64 {
    if struck_first <= 0.0 {
        1.0
    } else {
        (striking_first / struck_first).min(1.0)
    }
}

fn finish(
    actors: Vec<Actor>,
    armed: Vec<bool>,
    strikes: Vec<Strike>,
) -> Result<MultiReport, EngineError> {
    let find = |a: usize, b: usize| strikes.iter().find(|s| s.striker == a && s.victim == b);
    let mut ratios = Vec::new();
    for first in &strikes {
        let (a, b) = (first.striker, first.victim);
        let Some(second) = find(b, a) else { continue };
        ratios.push(PairRatio {
            actor: a,
            opponent: b,
            cost_striking_first: first.cost_to_striker,
            cost_struck_first: second.cost_to_victim,
            ratio: ratio(first.cost_to_striker, second.cost_to_victim),
        });
    }
    let overall: Vec<f64> = (0..actors.len())
        .map(|a| {
            ratios
                .iter()
                .filter(|r| r.actor == a)
                .map(|r| r.ratio)
                .fold(1.0, f64::min)
        })
        .collect();
    let index = (0..actors.len())
        .filter(|&a| armed[a])
        .map(|a| overall[a])
        .fold(1.0, |product, r| product * r);
    if !index.is_finite() {
        return Err(EngineError::Undefined(
            "the N-side index is not a finite number for these inputs".into(),
        ));
    }
    Ok(MultiReport {
        actors,
        armed,
        strikes,
        ratios,
        overall,
        index,
    })
}
