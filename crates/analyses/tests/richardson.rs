//! `richardson` through the analyses layer: the two-side equilibrium against a hand solution,
//! a coefficient out of range named by the engine's field, k and l estimated from a scenario,
//! and the N-side model without grievance resting at zero.

use reykjavik_analyses::Error;
use reykjavik_analyses::race::n_side_menu;
use reykjavik_analyses::richardson::{
    NSideRequest, Request, estimate, n_side_reactions, n_side_regime, run, run_n_side,
};
use reykjavik_engine::reaction::richardson::RichardsonModel;

fn request(k: f64) -> Request {
    Request {
        model: RichardsonModel {
            k,
            l: 0.3,
            a: 0.5,
            b: 0.6,
            g: 10.0,
            h: 5.0,
        },
        start: (0.0, 0.0),
        years: 30.0,
        steps: 30,
        estimated_from: None,
    }
}

/// 0.5 x - 0.4 y = 10 and -0.3 x + 0.6 y = 5: determinant 0.18, x = 8 / 0.18, y = 5.5 / 0.18.
#[test]
fn two_side_equilibrium_by_hand() {
    let doc = run(request(0.4)).unwrap().json();
    let x = doc["equilibrium"]["x"].as_f64().unwrap();
    let y = doc["equilibrium"]["y"].as_f64().unwrap();
    assert!((x - 8.0 / 0.18).abs() < 1e-9, "{x}");
    assert!((y - 5.5 / 0.18).abs() < 1e-9, "{y}");
    assert_eq!(doc["stable"], true);
    let points = doc["trajectory"]["points"].as_array().unwrap();
    assert_eq!(points.len(), 31, "steps + 1 points");
    assert_eq!(points[30]["t"], 30.0);
}

#[test]
fn a_coefficient_out_of_range_names_its_field() {
    match run(request(400.0)) {
        Err(Error::Engine(e)) => assert_eq!(e.field(), Some("k")),
        other => panic!("{:?}", other.map(|o| o.report.model)),
    }
}

#[test]
fn k_and_l_estimated_from_the_built_in_scenario() {
    let base = reykjavik_scenario::load("us-russia-2021").unwrap();
    let menu = reykjavik_analyses::race::menu(&base, None, true).unwrap();
    let (c, from) = estimate(&base, &menu).unwrap();
    assert!(
        c.k.is_finite() && c.k >= 0.0 && c.l.is_finite() && c.l >= 0.0,
        "{c:?}"
    );
    assert_eq!(from.sides, ["United States", "Russia"]);
    assert_eq!(from.menu, "us-russia-2021");
}

/// Without grievance, (K - A) x* = 0: the equilibrium is every actor at zero.
#[test]
fn n_side_without_grievance_rests_at_zero() {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let menu = n_side_menu(&ms, &n_side_regime(&ms), None).unwrap();
    let reactions = n_side_reactions(&ms, &menu).unwrap();
    assert_eq!(reactions.actor_names, ["United States", "Russia", "China"]);
    let n = reactions.actor_names.len();
    let request = NSideRequest {
        scenario: ms.scenario.name.clone(),
        menu: menu.name.clone(),
        cost_unit: menu.cost_unit.clone(),
        reactions,
        fatigue: vec![0.5; n],
        grievance: vec![0.0; n],
    };
    let mut bad = request.clone();
    let doc = run_n_side(request).unwrap().json();
    let equilibrium = doc["equilibrium"].as_array().unwrap();
    assert_eq!(equilibrium.len(), n, "{doc:#}");
    assert!(
        equilibrium.iter().all(|v| v.as_f64() == Some(0.0)),
        "{doc:#}"
    );
    bad.fatigue[1] = 500.0;
    match run_n_side(bad) {
        Err(Error::Engine(e)) => assert_eq!(e.field(), Some("a[1]")),
        other => panic!("{:?}", other.map(|o| o.analysis)),
    }
}
