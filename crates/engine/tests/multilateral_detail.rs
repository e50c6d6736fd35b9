//! Each N-side pair's exchange in full (`analyze --curve`/`--certify` on N sides): it stops where
//! the analysis stops, carries every curve point and a certificate, and on two sides is the
//! two-side exchange itself.

use proptest::prelude::*;
use reykjavik_engine::exchange::{self, CurveDetail, ExchangePosture};
use reykjavik_engine::model::{
    Alert, Basing, ByAlert, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::multilateral::detail::pair_exchanges;
use reykjavik_engine::multilateral::{
    self, Belief, MultiOptions, MultiScenario, Reserve, ThirdParties,
};

fn element(name: &str, basing: Basing, launchers: u32, warheads: u32, hidden: f64) -> ForceElement {
    let mut element = ForceElement::ballistic(name, basing, launchers, warheads, 300.0, 200.0);
    for target in Basing::ALL {
        element.kill_probability.set(target, 0.7);
    }
    element.untargetable_share = ByAlert {
        day_to_day: hidden,
        generated: hidden,
    };
    element
}

fn side(name: &str, silos: u32, mirv: u32, subs: u32) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 300.0,
        },
        forces: vec![
            element("silo", Basing::Silo, silos, mirv, 0.0),
            element("sub", Basing::Submarine, subs, 8, 0.6),
        ],
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

fn three(a: (u32, u32, u32), b: (u32, u32, u32), c: (u32, u32, u32)) -> MultiScenario {
    MultiScenario::plain(Scenario {
        name: "three".into(),
        description: String::new(),
        sides: vec![
            side("A", a.0, a.1, a.2),
            side("B", b.0, b.1, b.2),
            side("C", c.0, c.1, c.2),
        ],
        options: ModelOptions::default(),
        uncertain: vec![],
    })
}

/// Every pair's full exchange against the analysis's strike: same stop point, bit for bit;
/// the stop is a point of the whole curve; the certified bound is below the cost.
fn check(ms: &MultiScenario, options: &MultiOptions) -> Result<(), TestCaseError> {
    let analysis = multilateral::analyze(ms, options).unwrap();
    let pairs = pair_exchanges(ms, options, &analysis.actual).unwrap();
    prop_assert_eq!(pairs.len(), analysis.actual.strikes.len());
    for (p, s) in pairs.iter().zip(&analysis.actual.strikes) {
        prop_assert_eq!((p.striker, p.victim), (s.striker, s.victim));
        prop_assert_eq!(p.reserve_share.to_bits(), s.reserve_share.to_bits());
        prop_assert_eq!(p.exchange.at_stop(), s.exchange.at_stop());
        prop_assert_eq!(&p.exchange.curve[p.exchange.stop], p.exchange.at_stop());
        let bound = p.exchange.cost_lower_bound.expect("certified");
        prop_assert!(bound <= p.exchange.at_stop().cost_to_striker + 1e-12);
    }
    Ok(())
}

#[test]
fn three_sides_without_reserve_stop_where_the_analysis_stops() {
    let ms = three((400, 3, 14), (300, 4, 12), (100, 1, 4));
    check(&ms, &MultiOptions::uniform(3, Alert::DayToDay, false)).unwrap();
    let pairs = pair_exchanges(
        &ms,
        &MultiOptions::uniform(3, Alert::DayToDay, false),
        &multilateral::analyze(&ms, &MultiOptions::uniform(3, Alert::DayToDay, false))
            .unwrap()
            .actual,
    )
    .unwrap();
    assert_eq!(pairs.len(), 6);
    assert!(pairs.iter().all(|p| p.exchange.curve.len() > 1));
}

#[test]
fn a_believing_striker_stops_at_its_commitment_on_the_true_curve() {
    let mut ms = three((400, 3, 14), (300, 4, 12), (100, 1, 4));
    // A believes B has half its silos: it commits fewer warheads than the truth calls for.
    ms.beliefs.push(Belief {
        holder: 0,
        path: "side[1].force[0].launchers".into(),
        value: 150.0,
    });
    let options = MultiOptions::uniform(3, Alert::Generated, false);
    check(&ms, &options).unwrap();
    let analysis = multilateral::analyze(&ms, &options).unwrap();
    let pairs = pair_exchanges(&ms, &options, &analysis.actual).unwrap();
    let a_on_b = pairs
        .iter()
        .find(|p| p.striker == 0 && p.victim == 1)
        .unwrap();
    let truth =
        multilateral::analyze(&three((400, 3, 14), (300, 4, 12), (100, 1, 4)), &options).unwrap();
    let planned_on_truth = truth
        .actual
        .strike(0, 1)
        .unwrap()
        .exchange
        .at_stop()
        .warheads_spent;
    assert!(
        a_on_b.exchange.at_stop().warheads_spent < planned_on_truth,
        "the belief changes the commitment: {} vs {planned_on_truth}",
        a_on_b.exchange.at_stop().warheads_spent
    );
}

#[test]
fn two_sides_give_the_two_side_exchange_itself() {
    let ms = MultiScenario::plain(Scenario {
        sides: three((400, 3, 14), (300, 4, 12), (0, 1, 0)).scenario.sides[..2].to_vec(),
        ..three((1, 1, 1), (1, 1, 1), (1, 1, 1)).scenario
    });
    let options = MultiOptions::uniform(2, Alert::DayToDay, true);
    let report = multilateral::analyze(&ms, &options).unwrap().actual;
    let pairs = pair_exchanges(&ms, &options, &report).unwrap();
    let posture = ExchangePosture {
        striker_alert: Alert::DayToDay,
        victim_alert: Alert::DayToDay,
        victim_launches_under_attack: true,
    };
    let two = exchange::first_strike(&ms.scenario, 1, 0, posture, true, CurveDetail::Full).unwrap();
    assert_eq!(pairs[1].exchange, two);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the forces, reserve rule and third parties: every pair's full exchange stops at
    /// the analysis's stop point, bit for bit.
    #[test]
    fn every_pair_stops_where_the_analysis_stops(
        a in (1u32..300, 1u32..6, 0u32..20),
        b in (1u32..300, 1u32..6, 0u32..20),
        c in (0u32..100, 1u32..4, 0u32..8),
        share in 0.0f64..0.6,
        rule in 0usize..3,
        joining in 0usize..3,
        generated in any::<bool>(),
    ) {
        let mut ms = three(a, b, c);
        ms.reserve = [Reserve::None, Reserve::FixedShare(share), Reserve::DeterThirdParties][rule];
        ms.third_parties = [ThirdParties::StayOut, ThirdParties::JoinVictim, ThirdParties::JoinAgainstWeaker][joining];
        let alert = if generated { Alert::Generated } else { Alert::DayToDay };
        check(&ms, &MultiOptions::uniform(3, alert, false))?;
    }
}
