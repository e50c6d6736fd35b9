//! One ordered pair of actors (A strikes B) among N: the reserve A withholds, the pairwise
//! exchange with the rest, the third parties' choices, and both costs counting damage from
//! every side that fires (docs/model.md, "N sides").

use super::actors::Actors;
use super::views;
use super::{Reserve, ThirdParties};
use crate::error::EngineError;
use std::cell::RefCell;

use crate::exchange::{self, CurveDetail, Exchange, ExchangePosture, Workspace};
use crate::model::{Scenario, Side};

/// Two costs within this distance are equal (as in the exchange's stop rule).
const COST_TIE: f64 = 1e-12;

/// Bisection steps of the deterring reserve: a share to 1/256.
const DETER_STEPS: usize = 8;

/// A third party that fires.
#[derive(Debug, Clone, PartialEq)]
pub struct Joiner {
    /// Actor index of the third party.
    pub actor: usize,
    /// Actor it strikes: the striker (its reserve) or the victim (after its retaliation).
    pub target: usize,
    /// Share of the target's value it destroys.
    pub damage_to_target: f64,
    /// The third party's own cost of that strike (below its cost of restraint).
    pub cost: f64,
}

/// One ordered pair's first strike among N actors.
#[derive(Debug, Clone, PartialEq)]
pub struct Strike {
    pub striker: usize,
    pub victim: usize,
    /// Share of the striker's available launchers withheld against the third parties.
    pub reserve_share: f64,
    /// The pairwise exchange of the committed force on the victim (its stop point, or the true
    /// outcome of a commitment planned with beliefs).
    pub exchange: Exchange,
    pub joiners: Vec<Joiner>,
    /// Damage from every side that fires.
    pub damage_to_striker: f64,
    pub damage_to_victim: f64,
    /// The striker's cost (C1 of this pair) and the victim's (its C2 against this striker).
    pub cost_to_striker: f64,
    pub cost_to_victim: f64,
}

/// A striker's plan made with its beliefs: the reserve it holds and the warheads it commits to
/// counterforce. Executed on the truth, it gives the actual outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Commitment {
    pub reserve_share: f64,
    pub warheads_spent: f64,
    pub conventional_spent: f64,
}

/// What every pair of one analysis shares.
pub struct Context<'a> {
    pub actors: &'a Actors,
    pub reserve: Reserve,
    pub third_parties: ThirdParties,
    pub detail: CurveDetail,
    /// `deterring[a][t]`: the share actor `a` withholds to deter actor `t` (with
    /// `Reserve::DeterThirdParties`; empty otherwise).
    pub deterring: Vec<Vec<f64>>,
    /// The planner's buffers and memos, reused by every exchange of the analysis (a reused
    /// workspace plans as a fresh one, bit for bit).
    pub workspace: RefCell<Workspace>,
}

impl Context<'_> {
    fn side(&self, a: usize) -> &Side {
        &self.actors.scenario.sides[a]
    }

    pub fn armed(&self, a: usize) -> bool {
        views::armed(self.side(a), self.actors.actors[a].alert)
    }

    fn posture(&self, striker: usize, victim: usize) -> ExchangePosture {
        let (s, v) = (&self.actors.actors[striker], &self.actors.actors[victim]);
        ExchangePosture {
            striker_alert: s.alert,
            victim_alert: v.alert,
            victim_launches_under_attack: v.launch_under_attack,
        }
    }

    /// Armed actors other than `a` and `b`: the ones a reserve is held against.
    fn third_parties_of(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.actors.actors.len()).filter(move |&t| t != a && t != b && self.armed(t))
    }

    /// The exchange of `striker` (a view) on `victim` (a view) as a two-side scenario.
    fn duel(
        &self,
        striker: Side,
        victim: Side,
        posture: ExchangePosture,
        detail: CurveDetail,
    ) -> Result<Exchange, EngineError> {
        let scenario = Scenario {
            name: String::new(),
            description: String::new(),
            sides: vec![striker, victim],
            options: self.actors.scenario.options,
            uncertain: Vec::new(),
        };
        self.first_strike(&scenario, (0, 1), posture, detail)
    }

    /// [`exchange::first_strike`] (no certificate) in the analysis's workspace.
    fn first_strike(
        &self,
        scenario: &Scenario,
        (striker, victim): (usize, usize),
        posture: ExchangePosture,
        detail: CurveDetail,
    ) -> Result<Exchange, EngineError> {
        let workspace = &mut self.workspace.borrow_mut();
        exchange::first_strike_with(workspace, scenario, striker, victim, posture, false, detail)
    }

    /// Third party `t`'s strike on `target` reduced to `share` of its launchers, if it costs `t`
    /// less than restraint (nobody fires: cost = the surcharge s of C = D^e + s (1 - D_other^e)).
    fn tempting_strike(
        &self,
        t: usize,
        target: usize,
        share: f64,
    ) -> Result<Option<Exchange>, EngineError> {
        let view = views::reduced_to(self.side(target), share);
        let strike = self.duel(
            self.side(t).clone(),
            view,
            self.posture(t, target),
            CurveDetail::StopOnly,
        )?;
        let restraint = self.actors.scenario.options.cost_surcharge;
        Ok((strike.at_stop().cost_to_striker < restraint - COST_TIE).then_some(strike))
    }

    /// The smallest share (to 1/256) of its force `a` keeps so that `t` is not tempted to
    /// strike it; 0 when `t` is not tempted by `a` disarmed, and 0 too when even the whole force
    /// does not deter `t` (a reserve that cannot deter is not held: the striker would only
    /// weaken its own strike).
    pub fn deterring_share(&self, a: usize, t: usize) -> Result<f64, EngineError> {
        if self.tempting_strike(t, a, 0.0)?.is_none() || self.tempting_strike(t, a, 1.0)?.is_some()
        {
            return Ok(0.0);
        }
        let (mut tempted, mut deterred) = (0.0, 1.0);
        for _ in 0..DETER_STEPS {
            let mid = 0.5 * (tempted + deterred);
            if self.tempting_strike(t, a, mid)?.is_some() {
                tempted = mid;
            } else {
                deterred = mid;
            }
        }
        Ok(deterred)
    }

    /// The share striker `a` withholds when it strikes `b`: none without an armed third party.
    pub fn reserve_share(&self, a: usize, b: usize) -> f64 {
        let mut thirds = self.third_parties_of(a, b).peekable();
        if thirds.peek().is_none() {
            return 0.0;
        }
        match (self.reserve, self.actors.actors[a].fixed_share) {
            (Reserve::DeterThirdParties, _) => thirds
                .map(|t| {
                    self.deterring
                        .get(a)
                        .and_then(|d| d.get(t))
                        .copied()
                        .unwrap_or(0.0)
                })
                .fold(0.0, f64::max),
            (_, Some(share)) => share,
            (_, None) => 0.0,
        }
    }

    /// The pairwise exchange of `a`'s committed force on `b`. With no reserve it is the
    /// exchange of the actors' scenario itself (the two-side exchange, bit for bit).
    fn committed_exchange(
        &self,
        a: usize,
        b: usize,
        share: f64,
        detail: CurveDetail,
    ) -> Result<Exchange, EngineError> {
        let posture = self.posture(a, b);
        if share == 0.0 {
            return self.first_strike(&self.actors.scenario, (a, b), posture, detail);
        }
        let options = &self.actors.scenario.options;
        let striker = views::withholding(self.side(a), share, options);
        self.duel(striker, self.side(b).clone(), posture, detail)
    }

    /// A strikes B: with `commitment` (planned with beliefs), its reserve and counterforce are
    /// given and the outcome is read off the true draw-down curve; without, A plans on this
    /// context's world.
    pub fn strike(
        &self,
        a: usize,
        b: usize,
        commitment: Option<Commitment>,
    ) -> Result<Strike, EngineError> {
        let share = commitment.map_or_else(|| self.reserve_share(a, b), |c| c.reserve_share);
        let exchange = match commitment {
            None => self.committed_exchange(a, b, share, self.detail)?,
            Some(c) => at_commitment(self.committed_exchange(a, b, share, CurveDetail::Full)?, c),
        };
        let joiners = self.joiners(a, b, share)?;
        Ok(self.account(a, b, share, exchange, joiners))
    }

    /// The third parties that fire, with the option's rule for whom they strike.
    fn joiners(&self, a: usize, b: usize, share: f64) -> Result<Vec<Joiner>, EngineError> {
        let thirds: Vec<usize> = match self.third_parties {
            ThirdParties::StayOut => return Ok(Vec::new()),
            _ => self.third_parties_of(a, b).collect(),
        };
        let (target, left) = match self.third_parties {
            ThirdParties::JoinAgainstWeaker if self.warheads(b) < self.warheads(a) => (b, 0.0),
            _ => (a, share),
        };
        let mut joiners = Vec::new();
        for t in thirds {
            if let Some(x) = self.tempting_strike(t, target, left)? {
                joiners.push(Joiner {
                    actor: t,
                    target,
                    damage_to_target: x.at_stop().damage_to_victim,
                    cost: x.at_stop().cost_to_striker,
                });
            }
        }
        Ok(joiners)
    }

    fn warheads(&self, a: usize) -> u64 {
        self.side(a)
            .nuclear_warheads_at(self.actors.actors[a].alert)
    }

    /// Both costs from the damage of every side that fires. Without joiners they are the
    /// exchange's own (bit for bit).
    fn account(
        &self,
        a: usize,
        b: usize,
        share: f64,
        exchange: Exchange,
        joiners: Vec<Joiner>,
    ) -> Strike {
        let stop = *exchange.at_stop();
        let (mut on_a, mut on_b) = (stop.damage_to_striker, stop.damage_to_victim);
        let (mut cost_a, mut cost_b) = (stop.cost_to_striker, stop.cost_to_victim);
        if !joiners.is_empty() {
            for j in &joiners {
                let hit = if j.target == a { &mut on_a } else { &mut on_b };
                *hit = combined(*hit, j.damage_to_target);
            }
            (cost_a, cost_b) = self.actors.scenario.options.costs(on_a, on_b);
        }
        Strike {
            striker: a,
            victim: b,
            reserve_share: share,
            exchange,
            joiners,
            damage_to_striker: on_a,
            damage_to_victim: on_b,
            cost_to_striker: cost_a,
            cost_to_victim: cost_b,
        }
    }
}

/// Damage from two independent attacks on one value: 1 - (1 - a)(1 - b), exact for
/// D(w) = 1 - 0.2^(w / w80) (the arriving weapons add).
pub fn combined(a: f64, b: f64) -> f64 {
    1.0 - (1.0 - a) * (1.0 - b)
}

/// The true exchange stopped where the striker's plan (made with its beliefs) stops: the last
/// point of the true curve that commits no more than the plan did.
fn at_commitment(mut exchange: Exchange, c: Commitment) -> Exchange {
    const SLACK: f64 = 1e-9;
    let last = exchange
        .curve
        .iter()
        .rposition(|p| {
            p.warheads_spent <= c.warheads_spent + SLACK
                && p.conventional_spent <= c.conventional_spent + SLACK
        })
        .unwrap_or(0);
    if let Some(point) = exchange.curve.get(last) {
        exchange.stop = last;
        exchange.stop_point = *point;
    }
    exchange
}
