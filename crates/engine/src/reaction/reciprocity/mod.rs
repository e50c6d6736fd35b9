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

mod chain;
mod simulate;
mod strategy;

use crate::error::EngineError;
use chain::Chain;
pub use simulate::{Estimate, MAX_SIMULATED_ROUNDS, Simulation, warm_up};
pub use strategy::{OUTCOMES, Strategy};

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
