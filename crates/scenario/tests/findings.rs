//! The Kent & Thaler findings (model.md section 4) and the expected effects of non-nuclear
//! offense and defense, on the built-in scenarios. Each test states the direction the literature
//! expects and why.

use reykjavik_engine::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::model::{
    Alert, Basing, ByAlert, Delivery, ForceElement, KillProbabilities, Payload, Scenario,
};
use reykjavik_engine::stability::{AnalysisOptions, analyze};

fn notional() -> Scenario {
    reykjavik_scenario::load("kent-thaler-notional").unwrap()
}

fn index(scenario: &Scenario, options: AnalysisOptions) -> f64 {
    analyze(scenario, options).unwrap().index
}

fn day_to_day() -> AnalysisOptions {
    AnalysisOptions::default()
}

/// R-3765: MIRVed silos are the most destabilising basing; the same warheads on survivable
/// launchers raise the index. Both sides get 400 / 900 silo warheads, as MIRVs in silos or on
/// survivable launchers with the side's own day-to-day untargetable share.
#[test]
fn mirved_silos_lower_the_index_against_survivable_basing() {
    let mut mirved = notional();
    // Side A's 400 single-warhead silos become 100 four-warhead silos (the same 400 warheads).
    mirved.sides[0].forces[0].launchers = 100;
    mirved.sides[0].forces[0].warheads_per_launcher = 4;
    let mut survivable = mirved.clone();
    for side in &mut survivable.sides {
        let hidden = side.forces[1].untargetable_share;
        let silo = &mut side.forces[0];
        silo.basing = Basing::Submarine;
        silo.untargetable_share = hidden;
        silo.can_launch_under_attack = false;
    }
    let with_silos = index(&mirved, day_to_day());
    let without = index(&survivable, day_to_day());
    assert!(
        with_silos < without,
        "MIRVed silos {with_silos:.3} should be below survivable {without:.3}"
    );
}

/// R-3765 pp. 36-37: when the striker expects the victim to launch under attack, the silos it
/// would target are empty and the index rises (0.76 to 0.91 in their 1988 case).
#[test]
fn launch_under_attack_raises_the_index_of_a_silo_heavy_posture() {
    let scenario = notional();
    let ride_out = index(&scenario, day_to_day());
    let lua = index(
        &scenario,
        AnalysisOptions {
            launch_under_attack: [true; 2],
            ..day_to_day()
        },
    );
    assert!(
        lua > ride_out,
        "LUA {lua:.3} should be above ride-out {ride_out:.3}"
    );
}

/// R-3765: both sides gain by generating forces early in a crisis, so that they cannot be
/// targeted; the index rises.
#[test]
fn generated_alert_raises_the_index() {
    for scenario in [
        notional(),
        reykjavik_scenario::load("us-russia-2021").unwrap(),
    ] {
        let day = index(&scenario, day_to_day());
        let generated = index(
            &scenario,
            AnalysisOptions {
                alert: [Alert::Generated; 2],
                ..day_to_day()
            },
        );
        assert!(
            generated > day,
            "{}: generated {generated:.3} should be above day-to-day {day:.3}",
            scenario.name
        );
    }
}

/// Acton (2013, 2018) and Bunn & Manzo (2011): conventional counterforce against soft targets
/// adds to a first strike without spending nuclear weapons, so the side that has it gains more by
/// striking first: the index falls. It also must never count against value.
#[test]
fn conventional_counterforce_lowers_the_index() {
    let base = notional();
    let mut with_conventional = base.clone();
    let mut kill = KillProbabilities::default();
    kill.set(Basing::Submarine, 0.7); // soft launchers in port or garrison; silos stay at 0
    with_conventional.sides[0].forces.push(ForceElement {
        name: "conventional prompt strike".into(),
        delivery: Delivery::GlideVehicle,
        payload: Payload::Conventional,
        yield_kt: None,
        cep_m: None,
        kill_probability: kill,
        untargetable_share: ByAlert {
            day_to_day: 1.0,
            generated: 1.0,
        },
        ..ForceElement::ballistic("conventional", Basing::SurfaceShip, 100, 1, 1.0, 1.0)
    });
    let before = analyze(&base, day_to_day()).unwrap();
    let after = analyze(&with_conventional, day_to_day()).unwrap();
    assert!(
        after.index < before.index,
        "with conventional {:.3} should be below {:.3}",
        after.index,
        before.index
    );
    let strike = &after.exchanges[0];
    assert!(
        strike.destroyed_by_conventional > 0.0,
        "the conventional weapons were used"
    );
    assert_eq!(
        strike.at_stop().warheads_spent + strike.at_stop().striker_warheads_left,
        strike.curve[0].striker_warheads_left,
        "conventional weapons never reduce the nuclear weapons left for value"
    );
    // Silos are out of reach of conventional weapons by default.
    let conventional = strike.striker_elements.last().unwrap();
    assert_eq!(conventional.spent_on[0], 0.0);
}

/// Wilkening & Watman (RAND R-3412, 1986); Best & Bracken (1995) for the bipolar case: a defense
/// of value on one side blunts a ragged retaliation far more than a full first strike, so that
/// side gains by striking first and the index falls.
#[test]
fn one_sided_missile_defense_lowers_the_index() {
    let base = notional();
    let mut defended = base.clone();
    defended.sides[0]
        .missile_defenses
        .push(MissileDefenseLayer {
            name: "national defense".into(),
            interceptors: 400,
            interceptor_sspk: 0.8,
            doctrine: FiringDoctrine::Salvo { shots: 2 },
            discrimination: 0.9,
            covers: Coverage::Value,
        });
    let before = analyze(&base, day_to_day()).unwrap();
    let after = analyze(&defended, day_to_day()).unwrap();
    assert!(
        after.index < before.index,
        "with defense {:.3} should be below {:.3}",
        after.index,
        before.index
    );
    assert!(
        after.exchanges[0]
            .striker_defense_against_retaliation
            .ballistic_intercepted
            > 0.0
    );
    assert!(after.sides[0].cost_striking_first < before.sides[0].cost_striking_first);
}

/// A defense of forces makes the victim's silos harder to kill: the striker destroys fewer.
#[test]
fn defense_of_forces_saves_victim_warheads() {
    let base = notional();
    let mut defended = base.clone();
    defended.sides[1]
        .missile_defenses
        .push(MissileDefenseLayer {
            name: "silo defense".into(),
            interceptors: 200,
            interceptor_sspk: 0.7,
            doctrine: FiringDoctrine::Salvo { shots: 1 },
            discrimination: 1.0,
            covers: Coverage::Forces,
        });
    let plain = analyze(&base, day_to_day()).unwrap();
    let shielded = analyze(&defended, day_to_day()).unwrap();
    let destroyed_per_warhead = |r: &reykjavik_engine::stability::StabilityReport| {
        let x = &r.exchanges[0];
        x.destroyed / x.at_stop().warheads_spent
    };
    assert!(destroyed_per_warhead(&shielded) < destroyed_per_warhead(&plain));
    assert!(
        shielded.exchanges[0]
            .victim_defense_against_counterforce
            .ballistic_intercepted
            > 0.0
    );
}

/// The analysis is a pure function: the same inputs give the same bits.
#[test]
fn analysis_is_deterministic() {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    assert_eq!(
        analyze(&scenario, day_to_day()).unwrap(),
        analyze(&scenario, day_to_day()).unwrap()
    );
}

/// Regression: a less accurate weapon must not make its owner's first strike cheaper. Ranking
/// kills by EMT spent (instead of by warheads, as R-3765 does) broke this on us-russia-2021: the
/// US cost of striking first fell when the W76-1 CEP grew past 100 m.
#[test]
fn a_worse_weapon_never_helps_the_striker_here() {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let mut previous = 0.0;
    for cep in (80..=200).step_by(10) {
        let mut scenario = base.clone();
        reykjavik_engine::params::set_field(
            &mut scenario,
            "side[United States].force[Trident II D5 (W76-1)].cep_m",
            f64::from(cep),
        )
        .unwrap();
        let c1 = analyze(&scenario, day_to_day()).unwrap().sides[0].cost_striking_first;
        assert!(
            c1 >= previous - 1e-9,
            "CEP {cep} m: C1 {c1:.4} below {previous:.4}"
        );
        previous = c1;
    }
}

/// The stop-only analysis (Monte Carlo, sweeps) reproduces the full one on every built-in and
/// posture.
#[test]
fn stop_only_analysis_matches_the_full_one_on_builtins() {
    for b in reykjavik_scenario::builtin::BUILTINS {
        let scenario = reykjavik_scenario::load(b.name).unwrap();
        for alert in [Alert::DayToDay, Alert::Generated] {
            for lua in [false, true] {
                let options = AnalysisOptions {
                    alert: [alert; 2],
                    launch_under_attack: [lua; 2],
                };
                let full = analyze(&scenario, options).unwrap();
                let lean =
                    reykjavik_engine::stability::analyze_stop_only(&scenario, options).unwrap();
                assert_eq!(full.index, lean.index, "{} {alert:?} LUA {lua}", b.name);
                for (f, l) in full.exchanges.iter().zip(&lean.exchanges) {
                    assert_eq!(
                        (f.stop, f.at_stop()),
                        (l.stop, l.at_stop()),
                        "{} {alert:?} LUA {lua}",
                        b.name
                    );
                }
            }
        }
    }
}

/// Regression (issue 7): planning in warheads on both sides let a less accurate weapon lower
/// its owner's cost of striking first when value is counted in equivalent megatons (Russia's
/// C1 fell from 0.714 to 0.693 as the SS-18 CEP grew from 340 to 345 m; the US C1 fell as the
/// W88 CEP grew from 120 to 180 m). Now a worse weapon never costs its owner less than the
/// certified lower bound of the better one: the best plan can only get worse.
#[test]
fn a_worse_weapon_never_beats_the_certified_bound_on_us_russia_2021() {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let sweeps = [
        (
            "side[Russia].force[SS-18 M6 Satan (RS-20V)].cep_m",
            1,
            320.0,
            5.0,
        ),
        (
            "side[United States].force[Trident II D5 (W88)].cep_m",
            0,
            120.0,
            10.0,
        ),
    ];
    for (path, striker, start, step) in sweeps {
        let at = |cep: f64| {
            let mut scenario = base.clone();
            reykjavik_engine::params::set_field(&mut scenario, path, cep).unwrap();
            let report =
                reykjavik_engine::stability::analyze_with(&scenario, day_to_day(), true).unwrap();
            let x = &report.exchanges[striker];
            (x.stop_point.cost_to_striker, x.cost_lower_bound.unwrap())
        };
        let mut previous = at(start);
        for k in 1..=6 {
            let cep = start + step * f64::from(k);
            let now = at(cep);
            assert!(
                now.1 <= now.0 + 1e-12,
                "{path} = {cep}: bound above the plan"
            );
            assert!(
                now.0 >= previous.1 - 1e-12,
                "{path} = {cep}: C1 {:.4} below the bound {:.4} of a better weapon",
                now.0,
                previous.1
            );
            previous = now;
        }
    }
}

/// Regression (issue 7): a launch-under-attack share of 1e-6 moved the us-russia-2021 index from
/// 0.244 to 0.283, because any share above 0 removed every slow weapon from every
/// launch-capable target.
#[test]
fn a_tiny_launch_under_attack_share_changes_almost_nothing() {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let lua = AnalysisOptions {
        launch_under_attack: [true, true],
        ..day_to_day()
    };
    let at = |share: f64| {
        let mut scenario = base.clone();
        scenario.options.launch_under_attack_share = share;
        index(&scenario, lua)
    };
    let (zero, tiny) = (at(0.0), at(1e-6));
    assert!((zero - tiny).abs() < 1e-3, "{zero} vs {tiny}");
    assert!((zero - index(&base, day_to_day())).abs() < 1e-12);
}

/// Regression (issue 7): a silo-based missile can launch under attack whatever its payload's
/// delivery; Avangard glide vehicles on SS-19 silos could not by default.
#[test]
fn silo_glide_vehicles_launch_under_attack_by_default() {
    let scenario = reykjavik_scenario::load("us-russia-2021").unwrap();
    let avangard = scenario.sides[1]
        .forces
        .iter()
        .find(|f| f.delivery == Delivery::GlideVehicle)
        .unwrap();
    assert_eq!(avangard.basing, Basing::Silo);
    assert!(avangard.can_launch_under_attack);
}
