//! Monte Carlo: published survivability values (Wu 2020), convergence to the expected-value
//! analysis, reproducibility across thread counts, and distributions in scenario files.

use reykjavik_engine::model::{Alert, Basing};
use reykjavik_engine::montecarlo::{self, Planning, Trial};
use reykjavik_engine::stability::{AnalysisOptions, analyze};
use reykjavik_engine::stats;
use reykjavik_scenario::{ScenarioError, load, parse};

fn p_at_least_one(trials: &[Trial], exchange: usize) -> f64 {
    trials
        .iter()
        .filter(|t| t.exchanges[exchange].victim_arriving_total() >= 1)
        .count() as f64
        / trials.len() as f64
}

/// Wu, International Security 44:4 (2020): P(at least one Chinese warhead retaliates after a US
/// first strike) is 38 % at day-to-day alert and 90 % at full alert; P(at least 5) is 6 % at full
/// alert. Tolerance: 3 points, as the issue asks (the Monte Carlo standard error at 20,000 trials
/// is about 0.35 points).
#[test]
fn wu_2020_published_survivability() {
    let scenario = load("us-china-2010-wu").unwrap();
    for (alert, expected) in [(Alert::DayToDay, 0.38), (Alert::Generated, 0.90)] {
        let options = AnalysisOptions {
            alert: [Alert::DayToDay, alert],
            ..Default::default()
        };
        let trials =
            montecarlo::run(&scenario, options, Planning::Informed, 20_000, 1, &|_| {}).unwrap();
        let p = p_at_least_one(&trials, 0);
        assert!(
            (p - expected).abs() <= 0.03,
            "{alert:?}: P(>= 1) = {p:.4}, published {expected}"
        );
        if alert == Alert::Generated {
            let at_least_5 = trials
                .iter()
                .filter(|t| t.exchanges[0].victim_arriving_total() >= 5)
                .count() as f64
                / 20_000.0;
            assert!(
                (at_least_5 - 0.06).abs() <= 0.02,
                "P(>= 5) = {at_least_5:.4}, published 0.06"
            );
        }
    }
}

/// With every input fixed, Monte Carlo means of linear quantities (warheads spent, surviving,
/// arriving) converge to the expected-value analysis: each within 4.5 standard errors.
#[test]
fn monte_carlo_means_converge_to_the_expected_values() {
    let mut scenario = load("kent-thaler-notional").unwrap();
    for side in &mut scenario.sides {
        for force in &mut side.forces {
            force.reliability = 0.8;
        }
        side.forces[1].detection_probability = 0.75;
        // 70 x 0.4 and 40 x 0.6 targetable survivable launchers: whole numbers, as Monte Carlo uses.
        side.forces[1].launchers_per_aimpoint = 2;
    }
    let options = AnalysisOptions {
        launch_under_attack: [false, true],
        ..Default::default()
    };
    let expected = analyze(&scenario, options).unwrap();
    let trials =
        montecarlo::run(&scenario, options, Planning::Informed, 6_000, 42, &|_| {}).unwrap();
    let check = |name: &str, ev: f64, values: Vec<f64>| {
        let mut values = values;
        let s = stats::summarize(&mut values).unwrap();
        let tolerance = 4.5 * s.standard_error + 1e-9;
        assert!(
            (s.mean - ev).abs() <= tolerance,
            "{name}: Monte Carlo {:.3} +/- {:.3}, expected value {ev:.3}",
            s.mean,
            s.standard_error
        );
    };
    for (e, x) in expected.exchanges.iter().enumerate() {
        let victim = &scenario.sides[x.victim];
        check(
            "warheads spent",
            x.at_stop().warheads_spent,
            trials
                .iter()
                .map(|t| f64::from(t.exchanges[e].counterforce_warheads_spent))
                .collect(),
        );
        for (j, element) in x.victim_elements.iter().enumerate() {
            check(
                &element.name,
                element.surviving,
                trials
                    .iter()
                    .map(|t| f64::from(t.exchanges[e].victim_surviving[j]))
                    .collect(),
            );
            let arriving =
                element.surviving * victim.forces[j].reliability * victim.forces[j].launch_survival;
            check(
                &format!("{} arriving", element.name),
                arriving,
                trials
                    .iter()
                    .map(|t| f64::from(t.exchanges[e].victim_arriving[j]))
                    .collect(),
            );
        }
    }
}

/// The same with warheads stored apart from launchers, imperfect detection and two warheads per
/// aimpoint (Wu's case with the cap raised): storage and launcher survival are independent, so
/// the expected survivors are their product.
#[test]
fn monte_carlo_means_converge_with_storage_and_detection() {
    let mut scenario = load("us-china-2010-wu").unwrap();
    scenario.options.max_warheads_per_aimpoint = 2;
    scenario.sides[1].warhead_storage[0].detection_probability = 0.6;
    let options = AnalysisOptions::default();
    let expected = analyze(&scenario, options).unwrap();
    let x = &expected.exchanges[0];
    let trials =
        montecarlo::run(&scenario, options, Planning::Informed, 20_000, 7, &|_| {}).unwrap();
    for (j, element) in x.victim_elements.iter().enumerate() {
        let mut values: Vec<f64> = trials
            .iter()
            .map(|t| f64::from(t.exchanges[0].victim_surviving[j]))
            .collect();
        let s = stats::summarize(&mut values).unwrap();
        assert!(
            (s.mean - element.surviving).abs() <= 4.5 * s.standard_error + 1e-6,
            "{}: Monte Carlo {:.4} +/- {:.4}, expected value {:.4}",
            element.name,
            s.mean,
            s.standard_error,
            element.surviving
        );
    }
}

/// One random stream per trial: the same seed gives the same trials on 1 or 2 threads.
#[test]
fn same_seed_same_trials_on_any_thread_count() {
    let scenario = parse(&with_distributions(), "uncertain.toml").unwrap();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            montecarlo::run(
                &scenario,
                AnalysisOptions::default(),
                Planning::Informed,
                300,
                9,
                &|_| {},
            )
            .unwrap()
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    let other_seed = montecarlo::run(
        &scenario,
        AnalysisOptions::default(),
        Planning::Informed,
        300,
        10,
        &|_| {},
    )
    .unwrap();
    assert_ne!(one, other_seed, "a different seed gives different draws");
}

/// The notional posture with a few inputs as distributions.
fn with_distributions() -> String {
    reykjavik_scenario::builtin::find("kent-thaler-notional")
        .unwrap()
        .toml
        .replacen("w80 = 900", "w80 = { uniform = [700, 1100] }", 1)
        .replacen("untargetable_share = { day_to_day = 0.6, generated = 0.9 }", "untargetable_share = { day_to_day = { triangular = [0.4, 0.6, 0.7] }, generated = 0.9 }", 1)
        .replacen("kill_probability = { default = 0.8 }", "kill_probability = { default = { normal = { mean = 0.8, sd = 0.1 } } }", 1)
}

#[test]
fn distributions_are_parsed_with_central_values() {
    let scenario = parse(&with_distributions(), "uncertain.toml").unwrap();
    assert_eq!(scenario.sides[0].value.w80, 900.0, "uniform: the midpoint");
    assert_eq!(
        scenario.sides[0].forces[1].untargetable_share.day_to_day, 0.6,
        "triangular: the mode"
    );
    assert_eq!(
        scenario.sides[0].forces[0]
            .kill_probability
            .get(Basing::Silo),
        Some(0.8)
    );
    let paths: Vec<&str> = scenario
        .uncertain
        .iter()
        .flat_map(|u| u.paths.iter().map(String::as_str))
        .collect();
    assert!(paths.contains(&"side[0].value.w80"));
    assert!(paths.contains(&"side[0].force[1].untargetable_share.day_to_day"));
    assert!(
        paths.contains(&"side[0].force[0].kill_probability.silo")
            && paths.contains(&"side[0].force[0].kill_probability.warhead-storage")
    );
    // Drawn inputs move the index from trial to trial.
    let trials = montecarlo::run(
        &scenario,
        AnalysisOptions::default(),
        Planning::Informed,
        200,
        3,
        &|_| {},
    )
    .unwrap();
    let first = trials[0].index;
    assert!(trials.iter().any(|t| (t.index - first).abs() > 1e-6));
    assert!(trials.iter().all(|t| t.index > 0.0 && t.index <= 1.0));
}

#[test]
fn bad_distributions_name_the_field_and_range() {
    let base = reykjavik_scenario::builtin::find("kent-thaler-notional")
        .unwrap()
        .toml;
    for (from, to, needle) in [
        (
            "reliability = 1.0",
            "reliability = { uniform = [0.9, 0.5] }",
            "side[0].force[0].reliability: uniform = [0.9, 0.5] needs low <= high",
        ),
        (
            "reliability = 1.0",
            "reliability = { triangular = [0.5, 0.9, 1.2] }",
            "valid range of the field: 0 to 1",
        ),
        (
            "yield_kt = 300",
            "yield_kt = { normal = { mean = 300, sd = 0 } }",
            "side[0].force[0].yield_kt: normal",
        ),
        (
            "yield_kt = 300",
            "yield_kt = { uniform = [1, 2], normal = { mean = 1, sd = 1 } }",
            "exactly one of uniform, triangular or normal",
        ),
        (
            "yield_kt = 300",
            "yield_kt = { lognormal = [1, 2] }",
            "unknown field `lognormal`",
        ),
    ] {
        match parse(&base.replacen(from, to, 1), "bad.toml") {
            Err(ScenarioError::Invalid(d)) => {
                let text = d
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n");
                assert!(text.contains(needle), "{to}: {text}");
                assert!(text.contains("bad.toml:"), "{text}");
            }
            other => panic!("{to}: expected an error, got {other:?}"),
        }
    }
}

/// Fixed planning plans once on the central values. When every distribution is a single point,
/// that is the same plan informed planning makes in every trial, so the trials are identical;
/// with real ranges the two differ, and fixed planning is reproducible across thread counts too.
#[test]
fn fixed_planning_matches_informed_planning_on_point_distributions() {
    let base = reykjavik_scenario::builtin::find("kent-thaler-notional")
        .unwrap()
        .toml;
    let point = parse(
        &base
            .replacen("w80 = 900", "w80 = { uniform = [900, 900] }", 1)
            .replacen(
                "day_to_day = 0.6",
                "day_to_day = { triangular = [0.6, 0.6, 0.6] }",
                1,
            ),
        "point.toml",
    )
    .unwrap();
    assert_eq!(point.uncertain.len(), 2);
    let run = |s: &reykjavik_engine::model::Scenario, planning| {
        montecarlo::run(s, AnalysisOptions::default(), planning, 200, 5, &|_| {}).unwrap()
    };
    assert_eq!(
        run(&point, Planning::Fixed),
        run(&point, Planning::Informed)
    );

    let ranged = parse(&with_distributions(), "uncertain.toml").unwrap();
    let fixed = run(&ranged, Planning::Fixed);
    assert_ne!(fixed, run(&ranged, Planning::Informed));
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| run(&ranged, Planning::Fixed));
    assert_eq!(fixed, one_thread);
}

/// Every numeric field of the format can be a distribution, and Monte Carlo can set every one
/// of them by its path (a field the path table missed would fail at run time).
#[test]
fn every_numeric_field_can_be_drawn() {
    let u = |a: f64, b: f64| format!("{{ uniform = [{a}, {b}] }}");
    let force = |name: &str, extra: &str| {
        format!(
            r#"
[[side.force]]
name = "{name}"
delivery = "ballistic-missile"
basing = "silo"
launchers = {l}
warheads_per_launcher = {w}
yield_kt = {y}
cep_m = {c}
bias_m = {b}
reliability = {r}
untargetable_share = {{ day_to_day = {d}, generated = {g} }}
launchers_per_aimpoint = {lpa}
aimpoint_hardness_psi = {h}
detection_probability = {det}
launch_survival = {ls}
kill_probability = {{ road-mobile = {k}, default = {kd} }}
{extra}
"#,
            l = u(90.0, 110.0),
            w = u(1.0, 3.0),
            y = u(200.0, 400.0),
            c = u(100.0, 200.0),
            b = u(0.0, 50.0),
            r = u(0.7, 0.9),
            d = u(0.0, 0.2),
            g = u(0.0, 0.3),
            lpa = u(1.0, 2.0),
            h = u(1000.0, 3000.0),
            det = u(0.8, 1.0),
            ls = u(0.8, 1.0),
            k = u(0.5, 0.9),
            kd = u(0.6, 0.9),
        )
    };
    let text = format!(
        r#"[scenario]
name = "everything uncertain"
description = "t"
[options]
max_warheads_per_aimpoint = {cap}
cost_exponent = {ce}
cost_surcharge = {cs}
striker_availability_fixed = {af}
striker_availability_survivable = {asv}
launch_under_attack_share = {lua}
[[side]]
name = "A"
value = {{ unit = "warheads", w80 = {w80} }}
{fa}
[[side.missile_defense]]
name = "salvo"
interceptors = {i}
interceptor_sspk = {p}
interceptors_per_rv = {n}
discrimination = {k}
covers = "both"
[[side.air_defense]]
name = "air"
bomber_shootdown = {p}
cruise_missile_shootdown = {p}
covers = "value"
[[side]]
name = "B"
value = {{ unit = "equivalent-megatons", w80 = {w80} }}
[[side.warhead_storage]]
name = "base"
detection_probability = {p}
aimpoint_hardness_psi = {hs}
{fb}
[[side.missile_defense]]
name = "sls"
interceptors = {i}
interceptor_sspk = {p}
shoot_look_shoot = {{ first = {n}, second = {n} }}
covers = "forces"
"#,
        cap = u(1.0, 2.0),
        ce = u(0.7, 0.8),
        cs = u(0.2, 0.4),
        af = u(0.9, 1.0),
        asv = u(0.8, 1.0),
        lua = u(0.8, 1.0),
        w80 = u(500.0, 900.0),
        i = u(10.0, 50.0),
        p = u(0.3, 0.6),
        n = u(1.0, 2.0),
        k = u(0.8, 1.0),
        hs = u(500.0, 2000.0),
        fa = force("a", ""),
        fb = force(
            "b",
            "warheads_stored_at = \"base\"\ngenerated_launchers = { uniform = [80, 120] }"
        ),
    );
    let scenario = parse(&text, "everything.toml").unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<&String> = scenario.uncertain.iter().flat_map(|i| &i.paths).collect();
    assert!(paths.len() >= 55, "{} uncertain paths", paths.len());
    for input in &scenario.uncertain {
        for path in &input.paths {
            let mut copy = scenario.clone();
            reykjavik_engine::params::set_field(&mut copy, path, input.distribution.central())
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    let trials = montecarlo::run(
        &scenario,
        AnalysisOptions::default(),
        Planning::Informed,
        20,
        1,
        &|_| {},
    )
    .unwrap();
    assert!(trials.iter().all(|t| t.index > 0.0 && t.index <= 1.0));
}

/// Regression (issue 7): on us-russia-2021 with every input fixed, Monte Carlo's surviving
/// warheads sat 11 standard errors from the expected-value analysis (181.35 vs 179.59), because
/// Monte Carlo rounded fractional targetable launchers and available warheads. Now they are
/// drawn as whole numbers with the right expectation; each exchange's surviving total and
/// warheads spent lie within 4.5 standard errors.
#[test]
fn monte_carlo_converges_on_us_russia_2021_with_fractional_launchers() {
    let mut scenario = load("us-russia-2021").unwrap();
    scenario.uncertain.clear();
    let options = AnalysisOptions::default();
    let expected = analyze(&scenario, options).unwrap();
    let trials = montecarlo::run(&scenario, options, Planning::Fixed, 4_000, 11, &|_| {}).unwrap();
    for (e, x) in expected.exchanges.iter().enumerate() {
        let checks: [(&str, f64, Vec<f64>); 2] = [
            (
                "surviving",
                x.at_stop().victim_warheads_surviving,
                trials
                    .iter()
                    .map(|t| f64::from(t.exchanges[e].victim_surviving_total()))
                    .collect(),
            ),
            (
                "spent",
                x.at_stop().warheads_spent,
                trials
                    .iter()
                    .map(|t| f64::from(t.exchanges[e].counterforce_warheads_spent))
                    .collect(),
            ),
        ];
        for (name, ev, mut values) in checks {
            let s = stats::summarize(&mut values).unwrap();
            assert!(
                (s.mean - ev).abs() <= 4.5 * s.standard_error + 1e-9,
                "exchange {e} {name}: Monte Carlo {:.2} +/- {:.2}, expected value {ev:.2}",
                s.mean,
                s.standard_error
            );
        }
    }
}
