//! Reciprocity under noise: the iterated prisoner's dilemma between two strategies whose intended
//! moves are each flipped with probability `noise` (implementation error; both players see the
//! moves actually made).
//!
//! Every strategy here is a small automaton: a state, the probability of intending to cooperate
//! in that state, and a deterministic next state from the two moves made. The pair's joint state
//! is then a Markov chain of at most 16 states, and long-run payoffs and cooperation rates are
//! exact: the chain's limiting average distribution from the strategies' opening states (the
//! Cesàro limit), computed as the stationary distribution of each closed class (GTH elimination,
//! Grassmann, Taksar & Heyman 1985) weighted by the probability of entering it. Most pairs have
//! one reachable closed class; when there are several, the result lists each with its weight.
//!
//! Contrite tit-for-tat keeps a standing for each player (Sugden 1986; Boyd 1989; Wu & Axelrod
//! 1995): a player is in good standing after cooperating, or after defecting while in good
//! standing against a player in bad standing; otherwise in bad standing. It cooperates unless it
//! is in good standing and the other is not, so it accepts one round of punishment for its own
//! mistake instead of echoing.

use crate::error::EngineError;
use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

/// Payoffs per round: temptation, reward, punishment, sucker's payoff.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payoffs {
    pub t: f64,
    pub r: f64,
    pub p: f64,
    pub s: f64,
}

/// Largest |payoff| accepted: keeps every sum finite and shown in plain digits.
pub const MAX_PAYOFF: f64 = 1e9;
/// Largest simulation: games × rounds.
pub const MAX_SIMULATED_ROUNDS: u64 = 1_000_000_000;

impl Default for Payoffs {
    /// Axelrod's tournament payoffs (5, 3, 1, 0).
    fn default() -> Self {
        Self {
            t: 5.0,
            r: 3.0,
            p: 1.0,
            s: 0.0,
        }
    }
}

impl Payoffs {
    /// A prisoner's dilemma: T > R > P > S, and 2R > T + S (taking turns exploiting each other
    /// pays less than mutual cooperation).
    pub fn validate(&self) -> Result<(), EngineError> {
        for (name, value) in [("T", self.t), ("R", self.r), ("P", self.p), ("S", self.s)] {
            if !(value.is_finite() && value.abs() <= MAX_PAYOFF) {
                return Err(EngineError::invalid(name, value, "-1e9 to 1e9"));
            }
        }
        let order = self.t > self.r && self.r > self.p && self.p > self.s;
        if !order {
            return Err(EngineError::rule(
                "payoffs",
                format!(
                    "T = {}, R = {}, P = {}, S = {} is not a prisoner's dilemma: it needs T > R > P > S",
                    self.t, self.r, self.p, self.s
                ),
            ));
        }
        if 2.0 * self.r <= self.t + self.s {
            return Err(EngineError::rule(
                "payoffs",
                format!(
                    "2R = {} is not above T + S = {}: a prisoner's dilemma needs 2R > T + S",
                    2.0 * self.r,
                    self.t + self.s
                ),
            ));
        }
        Ok(())
    }

    /// The row player's payoff for (its move, the other's move), `true` = cooperate.
    pub fn of(&self, own: bool, other: bool) -> f64 {
        match (own, other) {
            (true, true) => self.r,
            (true, false) => self.s,
            (false, true) => self.t,
            (false, false) => self.p,
        }
    }
}

/// The largest forgiveness q for which generous tit-for-tat is stable (Nowak & Sigmund 1992):
/// min(1 - (T - R)/(R - S), (R - P)/(T - P)). 1/3 for (5, 3, 1, 0).
pub fn generous_max_forgiveness(p: &Payoffs) -> f64 {
    let exploitation = 1.0 - (p.t - p.r) / (p.r - p.s);
    let invasion = (p.r - p.p) / (p.t - p.p);
    exploitation.min(invasion).max(0.0)
}

/// The strategies of the reciprocity command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strategy {
    TitForTat,
    /// Tit-for-tat that cooperates after a defection with probability `forgiveness`.
    Generous {
        forgiveness: f64,
    },
    /// Tit-for-tat with standing (see the module comment).
    Contrite,
    /// Win-stay, lose-shift: cooperate iff both made the same move last round.
    Pavlov,
    AlwaysDefect,
    AlwaysCooperate,
    /// Cooperates until the other defects once, then defects for ever.
    Grim,
}

/// The outcome of a round seen by side A: (A cooperated, B cooperated).
pub const OUTCOMES: [(bool, bool); 4] =
    [(true, true), (true, false), (false, true), (false, false)];

impl Strategy {
    /// The command-line names, in the order of the docs.
    pub const NAMES: [&'static str; 7] = ["tft", "gtft", "ctft", "wsls", "alld", "allc", "grim"];

    /// A strategy by name; generous tit-for-tat takes `forgiveness`.
    pub fn from_name(name: &str, forgiveness: f64) -> Option<Self> {
        Some(match name {
            "tft" => Self::TitForTat,
            "gtft" => Self::Generous { forgiveness },
            "ctft" => Self::Contrite,
            "wsls" | "pavlov" => Self::Pavlov,
            "alld" => Self::AlwaysDefect,
            "allc" => Self::AlwaysCooperate,
            "grim" => Self::Grim,
            _ => return None,
        })
    }

    pub fn short_name(&self) -> &'static str {
        match self {
            Self::TitForTat => "tft",
            Self::Generous { .. } => "gtft",
            Self::Contrite => "ctft",
            Self::Pavlov => "wsls",
            Self::AlwaysDefect => "alld",
            Self::AlwaysCooperate => "allc",
            Self::Grim => "grim",
        }
    }

    pub fn long_name(&self) -> &'static str {
        match self {
            Self::TitForTat => "tit-for-tat",
            Self::Generous { .. } => "generous tit-for-tat",
            Self::Contrite => "contrite tit-for-tat",
            Self::Pavlov => "win-stay-lose-shift (Pavlov)",
            Self::AlwaysDefect => "always defect",
            Self::AlwaysCooperate => "always cooperate",
            Self::Grim => "grim trigger",
        }
    }

    /// Every strategy opens in state 0 (cooperative for all but always-defect).
    const OPENING: u8 = 0;

    /// Probability of intending to cooperate in `state`.
    fn intent(&self, state: u8) -> f64 {
        match (self, state) {
            (Self::AlwaysCooperate, _) => 1.0,
            (Self::AlwaysDefect, _) => 0.0,
            (Self::Generous { forgiveness }, 1) => *forgiveness,
            // Tit-for-tat, grim: 0 cooperative, 1 punishing.
            (Self::TitForTat | Self::Generous { .. } | Self::Grim, s) => {
                f64::from(u8::from(s == 0))
            }
            // Pavlov: bit 0 = own last defection, bit 1 = the other's; same moves -> cooperate.
            (Self::Pavlov, s) => f64::from(u8::from(s & 1 == s >> 1)),
            // Contrite: bit 0 = own standing bad, bit 1 = other's bad; defect only if own good
            // and other's bad.
            (Self::Contrite, s) => f64::from(u8::from(s != 0b10)),
        }
    }

    /// The state after a round with these moves (`true` = cooperated).
    fn next(&self, state: u8, own: bool, other: bool) -> u8 {
        match self {
            Self::AlwaysCooperate | Self::AlwaysDefect => 0,
            Self::TitForTat | Self::Generous { .. } => u8::from(!other),
            Self::Grim => u8::from(state == 1 || !other),
            Self::Pavlov => u8::from(!own) | (u8::from(!other) << 1),
            Self::Contrite => {
                let own_good = state & 1 == 0;
                let other_good = state & 0b10 == 0;
                let own_good_next = own || (own_good && !other_good);
                let other_good_next = other || (other_good && !own_good);
                u8::from(!own_good_next) | (u8::from(!other_good_next) << 1)
            }
        }
    }

    /// A short name of a state, for listing closed classes.
    pub fn state_name(&self, state: u8) -> &'static str {
        match (self, state) {
            (Self::AlwaysCooperate | Self::AlwaysDefect, _) => "-",
            (Self::TitForTat | Self::Generous { .. }, 0) => "saw C",
            (Self::TitForTat | Self::Generous { .. }, _) => "saw D",
            (Self::Grim, 0) => "cooperating",
            (Self::Grim, _) => "triggered",
            (Self::Pavlov, 0) => "after CC",
            (Self::Pavlov, 1) => "after DC",
            (Self::Pavlov, 2) => "after CD",
            (Self::Pavlov, _) => "after DD",
            (Self::Contrite, 0) => "both good",
            (Self::Contrite, 1) => "own bad",
            (Self::Contrite, 2) => "other bad",
            (Self::Contrite, _) => "both bad",
        }
    }

    fn validate(&self, field: &str) -> Result<(), EngineError> {
        match self {
            Self::Generous { forgiveness } if !(0.0..=1.0).contains(forgiveness) => Err(
                EngineError::invalid(format!("{field}.forgiveness"), *forgiveness, "0 to 1"),
            ),
            _ => Ok(()),
        }
    }
}

/// Two strategies, the noise and the payoffs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Game {
    pub a: Strategy,
    pub b: Strategy,
    /// Probability that an intended move is flipped, for each move of each player.
    pub noise: f64,
    pub payoffs: Payoffs,
}

/// A joint state: (A's automaton state, B's).
pub type JointState = (u8, u8);

/// Long-run results, exact from the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct LongRun {
    /// Average payoff per round of A and of B.
    pub payoff: [f64; 2],
    /// Share of rounds in which A, B cooperate.
    pub cooperation: [f64; 2],
    /// Share of rounds with each outcome of [`OUTCOMES`] (CC, CD, DC, DD as seen by A).
    pub outcomes: [f64; 4],
    /// The closed classes the chain can end in, with the probability of ending in each.
    pub classes: Vec<ClosedClass>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClosedClass {
    pub states: Vec<JointState>,
    pub probability: f64,
    pub payoff: [f64; 2],
}

/// Expected length of the retaliation echo after one unintended defection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Echo {
    /// Expected number of rounds with a defection before the first round of mutual cooperation.
    Rounds(f64),
    /// With positive probability mutual cooperation never returns (tit-for-tat without noise,
    /// grim trigger); also when the mean overflows (a noise within a few ulps of 0).
    Never,
    /// A side does not cooperate for sure after mutual cooperation, so there is no cooperative
    /// state to fall from.
    NotApplicable,
}

impl Game {
    /// Checks noise, forgiveness and payoffs, naming the field.
    pub fn validate(&self) -> Result<(), EngineError> {
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(EngineError::invalid("noise", self.noise, "0 to 1"));
        }
        self.a.validate("a")?;
        self.b.validate("b")?;
        self.payoffs.validate()
    }

    /// (cooperate, defect) probabilities of a move, each computed directly: 1 - p would lose
    /// the digits of a tiny noise.
    fn noisy(intent: f64, noise: f64) -> (f64, f64) {
        (
            intent * (1.0 - noise) + (1.0 - intent) * noise,
            intent * noise + (1.0 - intent) * (1.0 - noise),
        )
    }

    /// Probability of each outcome of [`OUTCOMES`] in a joint state.
    fn outcome_probabilities(&self, (sa, sb): JointState, noise: f64) -> [f64; 4] {
        let (ca, da) = Self::noisy(self.a.intent(sa), noise);
        let (cb, db) = Self::noisy(self.b.intent(sb), noise);
        [ca * cb, ca * db, da * cb, da * db]
    }

    fn next_state(&self, (sa, sb): JointState, (ma, mb): (bool, bool)) -> JointState {
        (self.a.next(sa, ma, mb), self.b.next(sb, mb, ma))
    }

    fn opening(&self) -> JointState {
        (Strategy::OPENING, Strategy::OPENING)
    }

    /// Expected payoffs of A and B in a joint state.
    fn expected_payoffs(&self, state: JointState) -> [f64; 2] {
        let probs = self.outcome_probabilities(state, self.noise);
        let mut pay = [0.0; 2];
        for (prob, &(ma, mb)) in probs.iter().zip(&OUTCOMES) {
            pay[0] += prob * self.payoffs.of(ma, mb);
            pay[1] += prob * self.payoffs.of(mb, ma);
        }
        pay
    }

    /// Exact long-run payoffs and cooperation rates from the opening states.
    pub fn long_run(&self) -> Result<LongRun, EngineError> {
        self.validate()?;
        let chain = Chain::build(self, self.opening(), self.noise, false);
        let weights = chain.closed_class_weights();
        let mut distribution = vec![0.0; chain.states.len()];
        let mut classes = Vec::new();
        for (members, probability) in weights {
            let stationary = chain.stationary(&members);
            let mut payoff = [0.0; 2];
            for (&i, &share) in members.iter().zip(&stationary) {
                distribution[i] += probability * share;
                let pay = self.expected_payoffs(chain.states[i]);
                payoff[0] += share * pay[0];
                payoff[1] += share * pay[1];
            }
            classes.push(ClosedClass {
                states: members.iter().map(|&i| chain.states[i]).collect(),
                probability,
                payoff,
            });
        }
        Ok(self.summarise(&chain.states, &distribution, classes))
    }

    /// Averages over the long-run distribution of states.
    fn summarise(
        &self,
        states: &[JointState],
        distribution: &[f64],
        classes: Vec<ClosedClass>,
    ) -> LongRun {
        let mut outcomes = [0.0; 4];
        let mut payoff = [0.0; 2];
        for (&state, &share) in states.iter().zip(distribution) {
            let probs = self.outcome_probabilities(state, self.noise);
            for (o, p) in outcomes.iter_mut().zip(probs) {
                *o += share * p;
            }
            let pay = self.expected_payoffs(state);
            payoff[0] += share * pay[0];
            payoff[1] += share * pay[1];
        }
        LongRun {
            payoff,
            cooperation: [outcomes[0] + outcomes[1], outcomes[0] + outcomes[2]],
            outcomes: outcomes.map(|o| o.clamp(0.0, 1.0)),
            classes,
        }
    }

    /// The expected echo after side `erring` (0 = A, 1 = B) defects once by mistake during
    /// mutual cooperation: the pair is in the state one round of mutual cooperation leads to from
    /// the opening, the mistaken round is exactly (D, C), and every later move is made with
    /// noise `noise_after` (0 for the echo the strategies themselves produce).
    pub fn echo(&self, erring: usize, noise_after: f64) -> Result<Echo, EngineError> {
        self.validate()?;
        if !(0.0..=1.0).contains(&noise_after) {
            return Err(EngineError::invalid("noise", noise_after, "0 to 1"));
        }
        let cooperative = self.next_state(self.opening(), (true, true));
        if self.a.intent(cooperative.0) < 1.0 || self.b.intent(cooperative.1) < 1.0 {
            return Ok(Echo::NotApplicable);
        }
        let mistake = if erring == 0 {
            (false, true)
        } else {
            (true, false)
        };
        let start = self.next_state(cooperative, mistake);
        let chain = Chain::build(self, start, noise_after, true);
        Ok(chain.rounds_before_mutual_cooperation())
    }

    /// Plays `games` independent games of `rounds` recorded rounds after a warm-up of a tenth as
    /// many (game g on ChaCha8 stream g of `seed`), in parallel; the result does not depend on
    /// the thread count.
    pub fn simulate(&self, rounds: u64, games: u64, seed: u64) -> Result<Simulation, EngineError> {
        self.validate()?;
        check_simulation_size(rounds, games)?;
        let per_game: Vec<[f64; 4]> = (0..games)
            .into_par_iter()
            .map(|g| self.play(rounds, seed, g))
            .collect();
        let estimate = |k: usize| Estimate::of(per_game.iter().map(|v| v[k]), games);
        Ok(Simulation {
            rounds,
            games,
            seed,
            payoff: [estimate(0), estimate(1)],
            cooperation: [estimate(2), estimate(3)],
        })
    }

    /// One game: average payoffs of A and B and cooperation rates of A and B over `rounds`
    /// recorded rounds after the warm-up.
    fn play(&self, rounds: u64, seed: u64, game: u64) -> [f64; 4] {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(game);
        let mut uniform = || (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let mut state = self.opening();
        let mut sums = [0.0; 4];
        for round in 0..warm_up(rounds) + rounds {
            let ma = uniform() < Self::noisy(self.a.intent(state.0), self.noise).0;
            let mb = uniform() < Self::noisy(self.b.intent(state.1), self.noise).0;
            if round >= warm_up(rounds) {
                sums[0] += self.payoffs.of(ma, mb);
                sums[1] += self.payoffs.of(mb, ma);
                sums[2] += f64::from(u8::from(ma));
                sums[3] += f64::from(u8::from(mb));
            }
            state = self.next_state(state, (ma, mb));
        }
        sums.map(|s| s / rounds as f64)
    }
}

/// Rounds played before the recorded ones, a tenth of them: the exact result is a long-run
/// average, and the opening transient (grim trigger's cooperative start, say) would otherwise
/// bias every game the same way, by about (transient length / rounds).
pub fn warm_up(rounds: u64) -> u64 {
    rounds / 10
}

/// Every strategy against every other (and itself): `table[i][j]` is the long-run payoff per
/// round of `strategies[i]` playing against `strategies[j]`, exact.
pub fn round_robin(
    strategies: &[Strategy],
    noise: f64,
    payoffs: Payoffs,
) -> Result<Vec<Vec<f64>>, EngineError> {
    strategies
        .iter()
        .map(|&a| {
            strategies
                .iter()
                .map(|&b| {
                    let run = Game {
                        a,
                        b,
                        noise,
                        payoffs,
                    }
                    .long_run()?;
                    Ok(run.payoff[0])
                })
                .collect()
        })
        .collect()
}

fn check_simulation_size(rounds: u64, games: u64) -> Result<(), EngineError> {
    if rounds == 0 || rounds > MAX_SIMULATED_ROUNDS {
        return Err(EngineError::invalid("rounds", rounds as f64, "1 to 1e9"));
    }
    if games < 2 || games.saturating_mul(rounds) > MAX_SIMULATED_ROUNDS {
        return Err(EngineError::invalid(
            "games",
            games as f64,
            "at least 2 (for a standard error), games × rounds at most 1e9",
        ));
    }
    Ok(())
}

/// The results of a simulation: means over games with their standard errors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Simulation {
    /// Recorded rounds per game, after [`warm_up`] unrecorded ones.
    pub rounds: u64,
    pub games: u64,
    pub seed: u64,
    pub payoff: [Estimate; 2],
    pub cooperation: [Estimate; 2],
}

/// A mean over independent games and its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    pub standard_error: f64,
}

impl Estimate {
    fn of(values: impl Iterator<Item = f64> + Clone, n: u64) -> Self {
        let n = n as f64;
        let mean = values.clone().sum::<f64>() / n;
        let variance = values.map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
        Self {
            mean,
            standard_error: (variance / n).sqrt(),
        }
    }
}

/// The joint-state chain reachable from a start.
struct Chain {
    states: Vec<JointState>,
    /// transition[i][j]: probability of moving from state i to state j.
    transition: Vec<Vec<f64>>,
    /// Probability of a round of mutual cooperation in each state.
    mutual_cooperation: Vec<f64>,
}

impl Chain {
    /// Breadth-first over transitions of positive probability. With `stop_at_cooperation`, a
    /// round of mutual cooperation leaves the chain (for first-passage counts).
    fn build(game: &Game, start: JointState, noise: f64, stop_at_cooperation: bool) -> Self {
        let mut states = vec![start];
        let mut edges: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut mutual_cooperation = Vec::new();
        let mut i = 0;
        while i < states.len() {
            let probs = game.outcome_probabilities(states[i], noise);
            mutual_cooperation.push(probs[0]);
            let mut row = Vec::new();
            for (k, (&prob, &moves)) in probs.iter().zip(&OUTCOMES).enumerate() {
                if prob <= 0.0 || (stop_at_cooperation && k == 0) {
                    continue;
                }
                let next = game.next_state(states[i], moves);
                let j = states.iter().position(|&s| s == next).unwrap_or_else(|| {
                    states.push(next);
                    states.len() - 1
                });
                row.push((j, prob));
            }
            edges.push(row);
            i += 1;
        }
        let n = states.len();
        let mut transition = vec![vec![0.0; n]; n];
        for (i, row) in edges.iter().enumerate() {
            for &(j, p) in row {
                transition[i][j] += p;
            }
        }
        Self {
            states,
            transition,
            mutual_cooperation,
        }
    }

    /// reach[i][j]: j can be reached from i in zero or more steps (Warshall).
    fn reachability(&self) -> Vec<Vec<bool>> {
        let n = self.states.len();
        let mut reach: Vec<Vec<bool>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| i == j || self.transition[i][j] > 0.0)
                    .collect()
            })
            .collect();
        for k in 0..n {
            let via = reach[k].clone();
            for row in reach.iter_mut().filter(|row| row[k]) {
                for (cell, &through) in row.iter_mut().zip(&via) {
                    *cell |= through;
                }
            }
        }
        reach
    }

    /// The closed classes (each as its state indices) with the probability of ending in each
    /// from the start (state 0).
    fn closed_class_weights(&self) -> Vec<(Vec<usize>, f64)> {
        let n = self.states.len();
        let reach = self.reachability();
        let closed: Vec<bool> = (0..n)
            .map(|i| (0..n).all(|j| !reach[i][j] || reach[j][i]))
            .collect();
        let mut classes: Vec<Vec<usize>> = Vec::new();
        for i in (0..n).filter(|&i| closed[i]) {
            if !classes.iter().any(|c| c.contains(&i)) {
                classes.push((0..n).filter(|&j| reach[i][j]).collect());
            }
        }
        let weights = self.entry_probabilities(&classes, &closed);
        classes.into_iter().zip(weights).collect()
    }

    /// Probability of entering each class from state 0: 1 for a single class, else the
    /// absorption equations (I - P_TT) h = P_TC 1 over the transient states T.
    fn entry_probabilities(&self, classes: &[Vec<usize>], closed: &[bool]) -> Vec<f64> {
        if classes.len() == 1 {
            return vec![1.0];
        }
        if let Some(c) = classes.iter().position(|c| c.contains(&0)) {
            return (0..classes.len())
                .map(|k| f64::from(u8::from(k == c)))
                .collect();
        }
        let transient: Vec<usize> = (0..self.states.len()).filter(|&i| !closed[i]).collect();
        let matrix: Vec<Vec<f64>> = transient
            .iter()
            .map(|&i| {
                transient
                    .iter()
                    .map(|&j| f64::from(u8::from(i == j)) - self.transition[i][j])
                    .collect()
            })
            .collect();
        let start = transient
            .iter()
            .position(|&i| i == 0)
            .expect("0 is transient");
        classes
            .iter()
            .map(|class| {
                let rhs: Vec<f64> = transient
                    .iter()
                    .map(|&i| class.iter().map(|&j| self.transition[i][j]).sum())
                    .collect();
                solve(matrix.clone(), rhs)[start].clamp(0.0, 1.0)
            })
            .collect()
    }

    /// Stationary distribution of an irreducible class by GTH elimination (no subtractions, so
    /// accurate however small the noise).
    fn stationary(&self, members: &[usize]) -> Vec<f64> {
        let m = members.len();
        let mut p: Vec<Vec<f64>> = members
            .iter()
            .map(|&i| members.iter().map(|&j| self.transition[i][j]).collect())
            .collect();
        for k in (1..m).rev() {
            let s: f64 = p[k][..k].iter().sum();
            for row in p.iter_mut().take(k) {
                row[k] /= s;
            }
            for i in 0..k {
                for j in 0..k {
                    p[i][j] += p[i][k] * p[k][j];
                }
            }
        }
        let mut x = vec![0.0; m];
        x[0] = 1.0;
        for k in 1..m {
            x[k] = (0..k).map(|i| x[i] * p[i][k]).sum();
        }
        let total: f64 = x.iter().sum();
        x.iter().map(|v| v / total).collect()
    }

    /// For a chain built with `stop_at_cooperation`: the expected number of rounds before the
    /// first round of mutual cooperation, from state 0.
    fn rounds_before_mutual_cooperation(&self) -> Echo {
        let n = self.states.len();
        let reach = self.reachability();
        let can_end = |i: usize| (0..n).any(|j| reach[i][j] && self.mutual_cooperation[j] > 0.0);
        if !(0..n).all(can_end) {
            return Echo::Never;
        }
        // Every visit is a round; the last one is the round of mutual cooperation.
        let rounds = self.expected_visits_from_start() - 1.0;
        if rounds.is_finite() {
            Echo::Rounds(rounds.max(0.0))
        } else {
            // A noise within a few ulps of 0 can push the mean past f64.
            Echo::Never
        }
    }

    /// Expected visits to the chain's states from state 0 until it leaves (a round of mutual
    /// cooperation), by state reduction in GTH style: eliminating state k reroutes its jumps and
    /// adds its expected visits to the states that jump into it, and each leaving probability is
    /// a sum of positive terms, never 1 - (a number near 1). Exact to rounding for any noise,
    /// where solving (I - Q) h = b loses every digit once the noise is near 1e-16.
    fn expected_visits_from_start(&self) -> f64 {
        let n = self.states.len();
        let mut jump = self.transition.clone();
        let mut exit = self.mutual_cooperation.clone();
        let mut visits = vec![1.0; n];
        for i in 0..n {
            normalise_without_self_loop(&mut jump[i], &mut exit[i], &mut visits[i], i);
        }
        for k in (1..n).rev() {
            for i in 0..k {
                let via = jump[i][k];
                if via == 0.0 {
                    continue;
                }
                jump[i][k] = 0.0;
                let (head, tail) = jump.split_at_mut(k);
                for (cell, &onward) in head[i].iter_mut().zip(&tail[0]).take(k) {
                    *cell += via * onward;
                }
                exit[i] += via * exit[k];
                visits[i] += via * visits[k];
                normalise_without_self_loop(&mut jump[i], &mut exit[i], &mut visits[i], i);
            }
        }
        visits[0]
    }
}

/// Turns the self-loop of state `i` into repeated visits: the leaving probability is summed
/// from the other jumps and the exit, and every probability and the visits per jump are divided
/// by it.
fn normalise_without_self_loop(row: &mut [f64], exit: &mut f64, visits: &mut f64, i: usize) {
    row[i] = 0.0;
    let leave = *exit + row.iter().sum::<f64>();
    for p in row.iter_mut() {
        *p /= leave;
    }
    *exit /= leave;
    *visits /= leave;
}

/// Solves a small dense system by Gaussian elimination with partial pivoting. The callers'
/// matrices are I - Q for a substochastic Q whose mass leaks out from every state: nonsingular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .expect("a row");
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            for (cell, &p) in row.iter_mut().zip(pivot_row).skip(col) {
                *cell -= factor * p;
            }
            b[col + 1 + offset] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn game(a: Strategy, b: Strategy, noise: f64) -> Game {
        Game {
            a,
            b,
            noise,
            payoffs: Payoffs::default(),
        }
    }

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-12
    }

    #[test]
    fn tit_for_tat_under_noise_averages_2_25_molander_1985() {
        for noise in [1e-9, 0.001, 0.01, 0.1, 0.3, 0.49] {
            let run = game(Strategy::TitForTat, Strategy::TitForTat, noise)
                .long_run()
                .unwrap();
            assert!(
                close(run.payoff[0], 2.25) && close(run.payoff[1], 2.25),
                "{noise}: {run:?}"
            );
            assert!(run.outcomes.iter().all(|&o| (o - 0.25).abs() < 1e-12));
        }
        // Without noise tit-for-tat cooperates for ever.
        let clean = game(Strategy::TitForTat, Strategy::TitForTat, 0.0)
            .long_run()
            .unwrap();
        assert_eq!(clean.payoff, [3.0, 3.0]);
    }

    #[test]
    fn generous_forgiveness_limit_nowak_sigmund_1992() {
        assert!(close(
            generous_max_forgiveness(&Payoffs::default()),
            1.0 / 3.0
        ));
        // (R - P)/(T - P) binds for T, R, P, S = 4, 3, 1, 0: min(2/3, 2/3)... use 6, 5, 1, 0.
        let p = Payoffs {
            t: 6.0,
            r: 5.0,
            p: 1.0,
            s: 0.0,
        };
        assert!(close(generous_max_forgiveness(&p), 0.8));
        // The invasion term from the chain: always-defect against generous tit-for-tat earns
        // P + q (T - P) without noise, below R exactly when q < (R - P)/(T - P).
        let q = 0.4;
        let run = game(
            Strategy::AlwaysDefect,
            Strategy::Generous { forgiveness: q },
            0.0,
        )
        .long_run()
        .unwrap();
        assert!(close(run.payoff[0], 1.0 + q * 4.0));
    }

    #[test]
    fn always_cooperate_against_always_defect_by_hand() {
        let e = 0.1;
        let run = game(Strategy::AlwaysCooperate, Strategy::AlwaysDefect, e)
            .long_run()
            .unwrap();
        let (ca, cb) = (1.0 - e, e);
        let expected = ca * (cb * 3.0) + (1.0 - ca) * (cb * 5.0 + (1.0 - cb) * 1.0);
        assert!(close(run.payoff[0], expected));
        assert!(close(run.cooperation[0], 0.9) && close(run.cooperation[1], 0.1));
    }

    #[test]
    fn grim_ends_in_mutual_punishment_under_noise() {
        let run = game(Strategy::Grim, Strategy::Grim, 0.01)
            .long_run()
            .unwrap();
        assert_eq!(run.classes.len(), 1);
        assert_eq!(run.classes[0].states, vec![(1, 1)]);
        // Both intend to defect: cooperation only by mistake.
        assert!(close(run.cooperation[0], 0.01));
        let clean = game(Strategy::Grim, Strategy::TitForTat, 0.0)
            .long_run()
            .unwrap();
        assert_eq!(clean.payoff, [3.0, 3.0]);
    }

    #[test]
    fn contrite_and_pavlov_recover_in_one_round() {
        let ctft = game(Strategy::Contrite, Strategy::Contrite, 0.0);
        assert_eq!(ctft.echo(0, 0.0).unwrap(), Echo::Rounds(1.0));
        assert_eq!(ctft.echo(1, 0.0).unwrap(), Echo::Rounds(1.0));
        let wsls = game(Strategy::Pavlov, Strategy::Pavlov, 0.0);
        assert_eq!(wsls.echo(0, 0.0).unwrap(), Echo::Rounds(1.0));
        let tft = game(Strategy::TitForTat, Strategy::TitForTat, 0.0);
        assert_eq!(tft.echo(0, 0.0).unwrap(), Echo::Never);
        let grim = game(Strategy::Grim, Strategy::Contrite, 0.0);
        assert_eq!(grim.echo(1, 0.0).unwrap(), Echo::Never);
        let alld = game(Strategy::AlwaysDefect, Strategy::TitForTat, 0.0);
        assert_eq!(alld.echo(0, 0.0).unwrap(), Echo::NotApplicable);
        // Against always-cooperate, tit-for-tat punishes the mistake once.
        let allc = game(Strategy::AlwaysCooperate, Strategy::TitForTat, 0.0);
        assert_eq!(allc.echo(0, 0.0).unwrap(), Echo::Rounds(1.0));
    }

    #[test]
    fn generous_echo_is_geometric() {
        // Each echo round ends with probability q: (1 - q)/q rounds, 2 for q = 1/3.
        let q = 1.0 / 3.0;
        let g = Strategy::Generous { forgiveness: q };
        match game(g, g, 0.0).echo(0, 0.0).unwrap() {
            Echo::Rounds(r) => assert!((r - 2.0).abs() < 1e-12, "{r}"),
            other => panic!("{other:?}"),
        }
        // Tit-for-tat with noise: the echo ends only by a lucky mistake, a finite mean.
        match game(Strategy::TitForTat, Strategy::TitForTat, 0.1)
            .echo(0, 0.1)
            .unwrap()
        {
            Echo::Rounds(r) => assert!(r > 1.0 && r.is_finite()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tit_for_tat_echo_under_noise_by_hand() {
        // From the alternation after the mistake: h_alt = 1 - c + (1 - 2c) h_alt + c h_dd and
        // h_dd = 1 - e² + 2c h_alt + (1 - e)² h_dd with c = e (1 - e); e = 0.1 gives 131/9.
        let tft = |e| {
            game(Strategy::TitForTat, Strategy::TitForTat, e)
                .echo(0, e)
                .unwrap()
        };
        assert_eq!(tft(0.1), Echo::Rounds(131.0 / 9.0));
        // For small e: two alternation spells of 1/(2e) and one DD spell on average: 3/(2e).
        // The state reduction keeps this where solving I - Q would lose every digit.
        for e in [1e-12, 1e-20, 1e-300] {
            match tft(e) {
                Echo::Rounds(r) => assert!((r * e - 1.5).abs() < 1e-9, "{e}: {r}"),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn round_robin_is_the_pairwise_long_run() {
        let all: Vec<Strategy> = Strategy::NAMES
            .iter()
            .map(|n| Strategy::from_name(n, 1.0 / 3.0).unwrap())
            .collect();
        let table = round_robin(&all, 0.05, Payoffs::default()).unwrap();
        assert_eq!(table.len(), 7);
        // Row tft, column tft: Molander's 2.25; row alld, column allc: T(1 - e)... by hand.
        assert!(close(table[0][0], 2.25));
        let e = 0.05;
        let alld_vs_allc = (1.0 - e) * ((1.0 - e) * 5.0 + e * 1.0) + e * ((1.0 - e) * 3.0);
        assert!(close(table[4][5], alld_vs_allc));
    }

    #[test]
    fn contrite_standing_by_hand() {
        let c = Strategy::Contrite;
        // Own mistake from both-good: own standing becomes bad; it then cooperates.
        assert_eq!(c.next(0, false, true), 1);
        assert_eq!(c.intent(1), 1.0);
        // The other's mistake: it defects, justified, and keeps its good standing.
        assert_eq!(c.next(0, true, false), 0b10);
        assert_eq!(c.intent(0b10), 0.0);
        assert_eq!(c.next(0b10, false, true), 0);
    }

    #[test]
    fn exact_chain_agrees_with_simulation() {
        let g = Strategy::Generous { forgiveness: 0.2 };
        for (a, b) in [
            (Strategy::Contrite, Strategy::Pavlov),
            (g, Strategy::TitForTat),
            (Strategy::Grim, Strategy::Contrite),
        ] {
            let m = game(a, b, 0.05);
            let exact = m.long_run().unwrap();
            let sim = m.simulate(10_000, 100, 7).unwrap();
            for side in 0..2 {
                let est = sim.payoff[side];
                assert!(
                    (est.mean - exact.payoff[side]).abs() < 4.0 * est.standard_error + 1e-9,
                    "{a:?} {b:?}: {est:?} vs {}",
                    exact.payoff[side]
                );
                let coop = sim.cooperation[side];
                assert!(
                    (coop.mean - exact.cooperation[side]).abs() < 4.0 * coop.standard_error + 1e-9
                );
            }
        }
    }

    #[test]
    fn simulation_is_reproducible_across_thread_counts() {
        let m = game(Strategy::Pavlov, Strategy::TitForTat, 0.1);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| m.simulate(500, 20, 3).unwrap());
        assert_eq!(one, m.simulate(500, 20, 3).unwrap());
    }

    /// A chain by hand: state 0 stays with 1/4, enters the absorbing 1 with 1/4 and 2 with 1/2.
    fn chain_by_hand() -> Chain {
        Chain {
            states: vec![(0, 0), (1, 0), (2, 0)],
            transition: vec![
                vec![0.25, 0.25, 0.5],
                vec![0.0, 1.0, 0.0],
                vec![0.0, 0.0, 1.0],
            ],
            mutual_cooperation: vec![0.0; 3],
        }
    }

    #[test]
    fn several_closed_classes_are_weighted_by_entry() {
        let weights = chain_by_hand().closed_class_weights();
        assert_eq!(weights.len(), 2);
        assert_eq!(weights[0].0, vec![1]);
        assert!(close(weights[0].1, 1.0 / 3.0) && close(weights[1].1, 2.0 / 3.0));
    }

    #[test]
    fn stationary_and_solver_by_hand() {
        // P = [[0.9, 0.1], [0.3, 0.7]]: pi = (0.75, 0.25).
        let mut c = chain_by_hand();
        c.transition = vec![vec![0.9, 0.1], vec![0.3, 0.7]];
        let pi = c.stationary(&[0, 1]);
        assert!(close(pi[0], 0.75) && close(pi[1], 0.25));
        // y = 2, x - y = 1 (pivoting needed: a zero in the corner first).
        let x = solve(vec![vec![0.0, 1.0], vec![1.0, -1.0]], vec![2.0, 1.0]);
        assert!(close(x[0], 3.0) && close(x[1], 2.0));
    }

    #[test]
    fn bad_input_is_refused_by_field() {
        let bad_noise = game(Strategy::TitForTat, Strategy::TitForTat, 1.5);
        assert_eq!(bad_noise.long_run().unwrap_err().field(), Some("noise"));
        let bad_q = game(
            Strategy::Generous { forgiveness: -0.1 },
            Strategy::TitForTat,
            0.1,
        );
        assert_eq!(bad_q.long_run().unwrap_err().field(), Some("a.forgiveness"));
        let not_pd = Payoffs {
            t: 5.0,
            r: 2.0,
            p: 1.0,
            s: 0.0,
        };
        let mut g = game(Strategy::TitForTat, Strategy::TitForTat, 0.1);
        g.payoffs = not_pd;
        assert_eq!(g.long_run().unwrap_err().field(), Some("payoffs"));
        g.payoffs = Payoffs {
            t: 3.0,
            r: 5.0,
            p: 1.0,
            s: 0.0,
        };
        assert_eq!(g.long_run().unwrap_err().field(), Some("payoffs"));
        g.payoffs = Payoffs {
            t: f64::NAN,
            ..Payoffs::default()
        };
        assert_eq!(g.long_run().unwrap_err().field(), Some("T"));
    }
}
