//! The N-side analysis (issue 10): its invariants on random scenarios and hand-checked cases.

use proptest::prelude::*;
use reykjavik_engine::model::{
    Alert, Basing, ByAlert, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::multilateral::pair::combined;
use reykjavik_engine::multilateral::{
    self, Alliance, Belief, MultiOptions, MultiScenario, Reserve, ThirdParties,
};
use reykjavik_engine::params;
use reykjavik_engine::stability::{self, AnalysisOptions};

fn element(
    name: &str,
    basing: Basing,
    launchers: u32,
    warheads: u32,
    hidden: f64,
    kill: f64,
) -> ForceElement {
    let mut element = ForceElement::ballistic(name, basing, launchers, warheads, 300.0, 200.0);
    for target in Basing::ALL {
        element.kill_probability.set(target, kill);
    }
    element.untargetable_share = ByAlert {
        day_to_day: hidden,
        generated: hidden,
    };
    element
}

/// A side of silos and submarines.
#[derive(Debug, Clone, Copy)]
struct Force {
    silos: u32,
    mirv: u32,
    subs: u32,
    hidden: f64,
    kill: f64,
    w80: f64,
}

fn forces() -> impl Strategy<Value = Force> {
    (
        1u32..200,
        1u32..8,
        0u32..40,
        0.0f64..1.0,
        0.05f64..1.0,
        50.0f64..2_000.0,
    )
        .prop_map(|(silos, mirv, subs, hidden, kill, w80)| Force {
            silos,
            mirv,
            subs,
            hidden,
            kill,
            w80,
        })
}

fn side(name: &str, f: Force) -> Side {
    Side {
        name: name.into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: f.w80,
        },
        forces: vec![
            element("silo", Basing::Silo, f.silos, f.mirv, 0.0, f.kill),
            element("sub", Basing::Submarine, f.subs, 8, f.hidden, f.kill),
        ],
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

fn scenario(sides: Vec<Side>) -> Scenario {
    Scenario {
        name: "random".into(),
        description: String::new(),
        sides,
        options: ModelOptions::default(),
        uncertain: vec![],
    }
}

fn reserves() -> impl Strategy<Value = Reserve> {
    prop_oneof![
        Just(Reserve::None),
        (0.0f64..=1.0).prop_map(Reserve::FixedShare),
        Just(Reserve::DeterThirdParties),
    ]
}

fn behaviours() -> impl Strategy<Value = ThirdParties> {
    prop_oneof![
        Just(ThirdParties::StayOut),
        Just(ThirdParties::JoinVictim),
        Just(ThirdParties::JoinAgainstWeaker),
    ]
}

fn two_side(s: &Scenario, alert: Alert, lua: bool) -> stability::StabilityReport {
    let options = AnalysisOptions {
        alert: [alert; 2],
        launch_under_attack: [lua; 2],
    };
    stability::analyze(s, options).unwrap()
}

/// The N-side figures of actors 0 and 1 against the two-side report: bit for bit.
fn assert_same_as_two_side(
    report: &multilateral::MultiReport,
    two: &stability::StabilityReport,
) -> Result<(), TestCaseError> {
    for (a, b) in [(0, 1), (1, 0)] {
        let r = report.ratio(a, b).unwrap();
        prop_assert_eq!(
            r.cost_striking_first.to_bits(),
            two.sides[a].cost_striking_first.to_bits()
        );
        prop_assert_eq!(
            r.cost_struck_first.to_bits(),
            two.sides[a].cost_struck_first.to_bits()
        );
        prop_assert_eq!(r.ratio.to_bits(), two.sides[a].ratio.to_bits());
        prop_assert_eq!(report.overall[a].to_bits(), two.sides[a].ratio.to_bits());
    }
    prop_assert_eq!(report.index.to_bits(), two.index.to_bits());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Invariant 1: a third side whose force elements all have 0 launchers gives exactly the
    /// two-side result, whatever the reserve rule and the third parties' behaviour.
    #[test]
    fn a_third_side_without_launchers_gives_the_two_side_result(
        a in forces(), b in forces(), c in forces(), reserve in reserves(),
        behaviour in behaviours(), generated in any::<bool>(), lua in any::<bool>(),
    ) {
        let alert = if generated { Alert::Generated } else { Alert::DayToDay };
        let two = scenario(vec![side("A", a), side("B", b)]);
        let mut empty = side("C", c);
        for force in &mut empty.forces {
            force.launchers = 0;
        }
        let ms = MultiScenario {
            reserve,
            third_parties: behaviour,
            ..MultiScenario::plain(scenario(vec![side("A", a), side("B", b), empty]))
        };
        let analysis = multilateral::analyze(&ms, &MultiOptions::uniform(3, alert, lua)).unwrap();
        prop_assert!(!analysis.actual.armed[2]);
        assert_same_as_two_side(&analysis.actual, &two_side(&two, alert, lua))?;
    }

    /// Invariant 2: a larger reserve never makes a first strike more attractive to the striker
    /// (its cost striking first never falls), third parties' behaviour held fixed (they stay out).
    #[test]
    fn a_larger_reserve_never_makes_a_first_strike_more_attractive(
        a in forces(), b in forces(), c in forces(), small in 0.0f64..=1.0, more in 0.0f64..=1.0,
        generated in any::<bool>(),
    ) {
        let alert = if generated { Alert::Generated } else { Alert::DayToDay };
        let large = small + (1.0 - small) * more;
        let world = scenario(vec![side("A", a), side("B", b), side("C", c)]);
        let options = MultiOptions::uniform(3, alert, false);
        let with = |share| {
            let ms = MultiScenario { reserve: Reserve::FixedShare(share), ..MultiScenario::plain(world.clone()) };
            multilateral::analyze(&ms, &options).unwrap().actual
        };
        let (low, high) = (with(small), with(large));
        for (x, y) in low.strikes.iter().zip(&high.strikes) {
            prop_assert!(
                y.cost_to_striker >= x.cost_to_striker - 1e-9,
                "{} -> {}: reserve {small} costs {}, reserve {large} costs {}",
                x.striker, x.victim, x.cost_to_striker, y.cost_to_striker
            );
        }
    }

    /// Two sides and nothing N-side: the two-side numbers, bit for bit.
    #[test]
    fn two_plain_sides_give_the_two_side_result(a in forces(), b in forces(), lua in any::<bool>()) {
        let two = scenario(vec![side("A", a), side("B", b)]);
        let ms = MultiScenario::plain(two.clone());
        let analysis = multilateral::analyze(&ms, &MultiOptions::uniform(2, Alert::DayToDay, lua)).unwrap();
        assert_same_as_two_side(&analysis.actual, &two_side(&two, Alert::DayToDay, lua))?;
    }

    /// Beliefs equal to the truth: the actual result is the no-beliefs result exactly, and the
    /// side's perceived result is the same.
    #[test]
    fn beliefs_equal_to_the_truth_change_nothing(
        a in forces(), b in forces(), c in forces(), reserve in reserves(), behaviour in behaviours(),
    ) {
        let world = scenario(vec![side("A", a), side("B", b), side("C", c)]);
        let plain = MultiScenario { reserve, third_parties: behaviour, ..MultiScenario::plain(world.clone()) };
        let paths = ["side[B].force[silo].cep_m", "side[C].force[sub].reliability", "side[A].value.w80"];
        let beliefs = paths
            .iter()
            .map(|p| Belief { holder: 0, path: p.to_string(), value: params::get_field(&world, p).unwrap().0 })
            .collect();
        let believing = MultiScenario { beliefs, ..plain.clone() };
        let options = MultiOptions::uniform(3, Alert::DayToDay, false);
        let truth = multilateral::analyze(&plain, &options).unwrap();
        let seen = multilateral::analyze(&believing, &options).unwrap();
        prop_assert_eq!(&seen.actual, &truth.actual);
        prop_assert_eq!(seen.perceived.len(), 1);
        prop_assert_eq!(&seen.perceived[0].report, &truth.actual);
    }
}

/// Independent damage: 1 - (1 - 0.5)(1 - 0.6) = 0.8; the value model adds arriving weapons, so
/// w80 from each of two attackers gives 1 - 0.2^2 = 0.96.
#[test]
fn damage_from_two_sides_combines() {
    assert!((combined(0.5, 0.6) - 0.8).abs() < 1e-15);
    let value = ValueModel {
        unit: ValueUnit::Warheads,
        w80: 100.0,
    };
    assert!(
        (combined(value.damage(100.0), value.damage(100.0)) - value.damage(200.0)).abs() < 1e-12
    );
    assert!((value.damage(200.0) - 0.96).abs() < 1e-12);
}

fn three_powers() -> Scenario {
    let f = |silos, subs| Force {
        silos,
        mirv: 3,
        subs,
        hidden: 0.7,
        kill: 0.8,
        w80: 400.0,
    };
    scenario(vec![
        side("A", f(150, 20)),
        side("B", f(120, 20)),
        side("C", f(40, 6)),
    ])
}

/// The N-side index is the product of the overall ratios, each the side's lowest pairwise ratio
/// (checked by hand from the pairwise figures).
#[test]
fn the_index_is_the_product_of_each_sides_lowest_ratio() {
    let ms = MultiScenario::plain(three_powers());
    let report = multilateral::analyze(&ms, &MultiOptions::uniform(3, Alert::DayToDay, false))
        .unwrap()
        .actual;
    assert_eq!(report.strikes.len(), 6);
    let mut product = 1.0;
    for a in 0..3 {
        let lowest = (0..3)
            .filter(|&b| b != a)
            .map(|b| report.ratio(a, b).unwrap().ratio)
            .fold(1.0, f64::min);
        assert_eq!(report.overall[a], lowest);
        product *= lowest;
    }
    assert!((report.index - product).abs() < 1e-15);
    assert!(report.index > 0.0 && report.index <= 1.0);
}

/// With `deter-third-parties`, a third party is not tempted by the reserve held against it:
/// its cost of striking the weakened striker is at least its cost of restraint.
#[test]
fn the_deterring_reserve_deters() {
    let ms = MultiScenario {
        reserve: Reserve::DeterThirdParties,
        third_parties: ThirdParties::JoinVictim,
        ..MultiScenario::plain(three_powers())
    };
    let report = multilateral::analyze(&ms, &MultiOptions::uniform(3, Alert::DayToDay, false))
        .unwrap()
        .actual;
    let held: Vec<f64> = report.strikes.iter().map(|s| s.reserve_share).collect();
    assert!(
        held.iter().any(|&r| r > 0.0),
        "some reserve is held: {held:?}"
    );
    for s in &report.strikes {
        if s.reserve_share > 0.0 {
            assert!(
                s.joiners.iter().all(|j| j.target != s.striker),
                "{} -> {}: {:?}",
                s.striker,
                s.victim,
                s.joiners
            );
        }
    }
}

/// An alliance plans as one: A and B allied against C gives two actors, and the alliance's
/// strike on C is the exchange of their combined forces.
#[test]
fn an_alliance_plans_as_one_actor() {
    let ms = MultiScenario {
        alliances: vec![Alliance {
            name: "AB".into(),
            members: vec![0, 1],
        }],
        ..MultiScenario::plain(three_powers())
    };
    let report = multilateral::analyze(&ms, &MultiOptions::uniform(3, Alert::DayToDay, false))
        .unwrap()
        .actual;
    assert_eq!(report.actors.len(), 2);
    assert_eq!(report.actors[0].name, "AB");
    assert_eq!(report.actors[0].members, vec![0, 1]);
    assert_eq!(report.strikes.len(), 2);
    let alone = MultiScenario::plain(three_powers());
    let a_alone = multilateral::analyze(&alone, &MultiOptions::uniform(3, Alert::DayToDay, false))
        .unwrap()
        .actual;
    // Together they destroy more of C than A alone.
    assert!(
        report.strike(0, 1).unwrap().damage_to_victim
            > a_alone.strike(0, 2).unwrap().damage_to_victim
    );
}

/// Bad N-side input: each names its field.
#[test]
fn bad_n_side_input_is_located() {
    let fields = |ms: &MultiScenario| -> Vec<String> {
        multilateral::validate(ms)
            .unwrap_err()
            .iter()
            .map(|e| e.field().unwrap_or("").to_string())
            .collect()
    };
    let base = MultiScenario::plain(three_powers());
    let twice = MultiScenario {
        alliances: vec![Alliance {
            name: "X".into(),
            members: vec![0, 0],
        }],
        ..base.clone()
    };
    assert_eq!(fields(&twice), ["alliance[0].members[1]"]);
    let two_alliances = MultiScenario {
        alliances: vec![
            Alliance {
                name: "X".into(),
                members: vec![0, 1],
            },
            Alliance {
                name: "Y".into(),
                members: vec![1, 2],
            },
        ],
        ..base.clone()
    };
    assert_eq!(fields(&two_alliances), ["alliance[1].members[0]"]);
    let share = MultiScenario {
        reserve: Reserve::FixedShare(1.5),
        ..base.clone()
    };
    assert_eq!(fields(&share), ["multilateral.reserve_share"]);
    let no_field = MultiScenario {
        beliefs: vec![Belief {
            holder: 2,
            path: "side[A].force[silo].cep_mm".into(),
            value: 100.0,
        }],
        ..base.clone()
    };
    assert_eq!(fields(&no_field), ["side[2].belief[0].field"]);
    let no_side = MultiScenario {
        beliefs: vec![Belief {
            holder: 0,
            path: "side[Z].value.w80".into(),
            value: 100.0,
        }],
        ..base.clone()
    };
    assert_eq!(fields(&no_side), ["side[0].belief[0].field"]);
    let out_of_range = MultiScenario {
        beliefs: vec![Belief {
            holder: 0,
            path: "side[B].force[sub].reliability".into(),
            value: 2.0,
        }],
        ..base
    };
    assert_eq!(fields(&out_of_range), ["side[0].belief[0].value"]);
}

/// N-side Monte Carlo: trial t depends only on (seed, t), whatever the thread count.
#[test]
fn n_side_trials_do_not_depend_on_the_thread_count() {
    use reykjavik_engine::params::{Distribution, UncertainInput};
    let mut world = three_powers();
    world.uncertain.push(UncertainInput {
        paths: vec!["side[2].force[0].launchers".into()],
        distribution: Distribution::Uniform {
            low: 0.0,
            high: 80.0,
        },
    });
    let ms = MultiScenario::plain(world);
    let options = MultiOptions::uniform(3, Alert::DayToDay, false);
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| multilateral::montecarlo::run(&ms, &options, 24, 5, &|_| {}).unwrap())
    };
    let one = on(1);
    assert_eq!(one, on(2));
    assert!(
        one.iter().any(|t| t.index != one[0].index),
        "the draws change the index"
    );
}

/// A joiner's damage enters the striker's cost through the Kent & Thaler cost of the combined
/// damages: C_A = D_A^0.75 + 0.3 (1 - D_B^0.75), D_A = 1 - (1 - D_from_B)(1 - D_from_joiner).
#[test]
fn a_joiners_damage_is_counted_in_the_strikers_cost() {
    let ms = MultiScenario {
        third_parties: ThirdParties::JoinVictim,
        ..MultiScenario::plain(three_powers())
    };
    let report = multilateral::analyze(&ms, &MultiOptions::uniform(3, Alert::DayToDay, false))
        .unwrap()
        .actual;
    let joined: Vec<_> = report
        .strikes
        .iter()
        .filter(|s| !s.joiners.is_empty())
        .collect();
    assert!(
        !joined.is_empty(),
        "with no reserve, a third party strikes the spent striker"
    );
    for s in joined {
        let stop = s.exchange.at_stop();
        let mut on_striker = stop.damage_to_striker;
        for j in &s.joiners {
            assert_eq!(j.target, s.striker);
            assert!(
                j.cost < 0.3,
                "a joiner strikes only below its cost of restraint"
            );
            on_striker = 1.0 - (1.0 - on_striker) * (1.0 - j.damage_to_target);
        }
        let by_hand = on_striker.powf(0.75) + 0.3 * (1.0 - stop.damage_to_victim.powf(0.75));
        assert!(
            (s.cost_to_striker - by_hand).abs() < 1e-12,
            "{} vs {by_hand}",
            s.cost_to_striker
        );
        assert!(
            s.cost_to_striker > stop.cost_to_striker,
            "joining raises the striker's cost"
        );
    }
}
