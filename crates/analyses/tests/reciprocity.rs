//! `reciprocity` through the analyses layer: Molander's published payoff, the table's size, and
//! errors (an engine refusal named by its CLI option, an unknown strategy).

use reykjavik_analyses::Error;
use reykjavik_analyses::reciprocity::{Request, Settings, option_error, run};
use reykjavik_engine::reaction::reciprocity::{Payoffs, Strategy};

fn settings(noise: f64) -> Settings {
    Settings {
        noise,
        forgiveness: None,
        payoffs: Payoffs::default(),
    }
}

fn game(a: &str, b: &str, noise: f64) -> Request {
    Request::Game {
        a: a.into(),
        b: b.into(),
        settings: settings(noise),
        simulate: None,
    }
}

#[test]
fn tit_for_tat_under_noise_earns_molanders_two_and_a_quarter() {
    // Molander 1985: two tit-for-tat players under any noise earn (T + R + P + S) / 4 = 2.25.
    let doc = run(game("tft", "tft", 0.1)).unwrap().json();
    for side in 0..2 {
        let payoff = doc["long_run"]["payoff"][side].as_f64().unwrap();
        assert!((payoff - 2.25).abs() < 1e-12, "{doc:#}");
    }
}

#[test]
fn table_has_every_strategy_against_every_other() {
    let doc = run(Request::Table {
        settings: settings(0.05),
    })
    .unwrap()
    .json();
    let n = Strategy::NAMES.len();
    let rows = doc["payoff"].as_array().expect("a payoff table");
    assert_eq!(rows.len(), n, "{doc:#}");
    assert!(rows.iter().all(|r| r.as_array().map(Vec::len) == Some(n)));
}

#[test]
fn engine_refusals_name_the_cli_option() {
    let Err(e) = run(game("tft", "ctft", 2.0)) else {
        panic!("noise 2 is out of range")
    };
    assert!(matches!(e, Error::Engine(_)), "{e}");
    match option_error(e) {
        Error::Input(m) => assert!(m.starts_with("--noise: "), "{m}"),
        other => panic!("expected bad input, got {other}"),
    }
}

#[test]
fn unknown_strategy_is_bad_input() {
    match run(game("tft", "nosuch", 0.01)) {
        Err(Error::Input(m)) => assert!(m.starts_with("b: unknown strategy `nosuch`"), "{m}"),
        Err(other) => panic!("expected bad input, got {other}"),
        Ok(_) => panic!("expected bad input, got a result"),
    }
}
