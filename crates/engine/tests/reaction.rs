//! Property tests of the action-reaction models (issue 11, part A): reciprocity under noise and
//! the Richardson model.

use proptest::prelude::*;
use reykjavik_engine::reaction::reciprocity::{Game, Payoffs, Strategy as Rule};
use reykjavik_engine::reaction::richardson::RichardsonModel;

fn strategy() -> impl Strategy<Value = Rule> {
    (0usize..7, 0.0..=1.0f64)
        .prop_map(|(i, q)| Rule::from_name(Rule::NAMES[i], q).expect("a listed name"))
}

/// A prisoner's dilemma: S < P < R < T and 2R > T + S.
fn payoffs() -> impl Strategy<Value = Payoffs> {
    (-10.0..10.0f64, 0.1..5.0f64, 0.1..5.0f64, 0.01..0.99f64).prop_map(|(s, dp, dr, f)| {
        let p = s + dp;
        let r = p + dr;
        // T in (R, 2R - S): the second condition holds with room to spare.
        let t = r + f * (r - s);
        Payoffs { t, r, p, s }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn long_run_payoffs_and_rates_are_in_range(
        a in strategy(), b in strategy(), noise in 0.0..=1.0f64, payoffs in payoffs()
    ) {
        let run = Game { a, b, noise, payoffs }.long_run().unwrap();
        let slack = 1e-9 * (payoffs.t - payoffs.s);
        for side in 0..2 {
            prop_assert!(run.payoff[side] >= payoffs.s - slack && run.payoff[side] <= payoffs.t + slack);
            prop_assert!((0.0..=1.0).contains(&run.cooperation[side]));
        }
        prop_assert!((run.outcomes.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!((run.classes.iter().map(|c| c.probability).sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn tit_for_tat_averages_the_four_payoffs_under_any_noise(noise in 1e-6..0.5f64, payoffs in payoffs()) {
        let g = Game { a: Rule::TitForTat, b: Rule::TitForTat, noise, payoffs };
        let mean = (payoffs.t + payoffs.r + payoffs.p + payoffs.s) / 4.0;
        let run = g.long_run().unwrap();
        prop_assert!((run.payoff[0] - mean).abs() < 1e-9 * (1.0 + mean.abs()));
    }

    /// For noise in (0, 1) every outcome is possible in every round, so the chain and its
    /// long-run averages change continuously with the noise.
    #[test]
    fn long_run_is_continuous_in_noise(a in strategy(), b in strategy(), noise in 0.01..0.99f64) {
        let payoffs = Payoffs::default();
        let at = |e: f64| Game { a, b, noise: e, payoffs }.long_run().unwrap();
        let (x, y) = (at(noise), at(noise + 1e-7));
        for side in 0..2 {
            prop_assert!((x.payoff[side] - y.payoff[side]).abs() < 1e-4, "{:?} {:?}", x, y);
            prop_assert!((x.cooperation[side] - y.cooperation[side]).abs() < 1e-4);
        }
    }

    #[test]
    fn richardson_converges_iff_ab_above_kl(
        k in 0.0..1.0f64, l in 0.0..1.0f64, a in 0.1..1.0f64, b in 0.1..1.0f64,
        g in -5.0..5.0f64, h in -5.0..5.0f64
    ) {
        let m = RichardsonModel { k, l, a, b, g, h };
        let d = a * b - k * l;
        prop_assume!(d.abs() > 0.02);
        let analysis = m.analyse();
        prop_assert_eq!(analysis.classification.is_stable(), d > 0.0);
        let (x_eq, y_eq) = analysis.equilibrium.unwrap();
        // Start off the equilibrium along both axes so a saddle's unstable direction is excited.
        let start = (x_eq + 1.0, y_eq + 2.0);
        let run = m.trajectory(start, 1000.0, 100).unwrap();
        let end = run.points.last().unwrap();
        let gap = ((end.x - x_eq).powi(2) + (end.y - y_eq).powi(2)).sqrt();
        if d > 0.0 {
            prop_assert!(gap < 1e-3 * (1.0 + x_eq.abs() + y_eq.abs()), "{:?} {:?}", m, end);
        } else {
            prop_assert!(run.runaway_at.is_some() || gap > 1e6, "{:?} {:?}", m, end);
        }
    }
}
