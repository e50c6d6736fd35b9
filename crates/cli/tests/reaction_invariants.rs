//! Random valid inputs through `reykjavik reciprocity` and `reykjavik richardson`, rendered
//! in-process: no NaN or infinity in the text or the JSON, payoffs within [S, T], rates in
//! [0, 1], trajectories finite and bounded by the runaway level.

use clap::Parser;
use proptest::prelude::*;
use serde_json::Value;

fn run(args: &[String]) -> String {
    let cli = reykjavik::Cli::try_parse_from(args).expect("valid arguments");
    match reykjavik::run(cli) {
        Ok(out) => out,
        Err(e) => panic!("{args:?}: {e:?}"),
    }
}

fn no_nan(text: &str) -> bool {
    !text.contains("NaN") && !text.contains("inf")
}

const NAMES: [&str; 7] = ["tft", "gtft", "ctft", "wsls", "alld", "allc", "grim"];

fn args(words: &[&str], extra: &[String]) -> Vec<String> {
    let mut v: Vec<String> = std::iter::once("reykjavik")
        .chain(words.iter().copied())
        .map(str::to_string)
        .collect();
    v.extend_from_slice(extra);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn reciprocity_output_is_finite_and_in_range(
        a in 0usize..7, b in 0usize..7, noise in prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64],
        q in 0.0..=1.0f64, s in -5.0..5.0f64, dp in 0.1..3.0f64, dr in 0.1..3.0f64, f in 0.01..0.99f64,
    ) {
        let (p, r) = (s + dp, s + dp + dr);
        let t = r + f * (r - s);
        let extra = vec![
            "--noise".into(), noise.to_string(), "--forgiveness".into(), q.to_string(),
            "--payoffs".into(), format!("{t},{r},{p},{s}"), "--simulate".into(), "50".into(),
            "--games".into(), "3".into(),
        ];
        let text = run(&args(&["reciprocity", NAMES[a], NAMES[b]], &extra));
        prop_assert!(no_nan(&text), "{}", text);
        let mut json_args = args(&["reciprocity", NAMES[a], NAMES[b]], &extra);
        json_args.extend(["--format".to_string(), "json".to_string()]);
        let json_text = run(&json_args);
        // serde_json writes a NaN as null; nothing in this document may be null here.
        prop_assert!(!json_text.contains("null"), "{}", json_text);
        let v: Value = serde_json::from_str(&json_text).unwrap();
        for side in 0..2 {
            let pay = v["long_run"]["payoff"][side].as_f64().unwrap();
            prop_assert!(pay >= s - 1e-9 && pay <= t + 1e-9);
            let coop = v["long_run"]["cooperation"][side].as_f64().unwrap();
            prop_assert!((0.0..=1.0).contains(&coop));
        }
    }

    #[test]
    fn richardson_output_is_finite(
        k in -3.0..3.0f64, l in -3.0..3.0f64, a in -1.0..3.0f64, b in -1.0..3.0f64,
        g in -100.0..100.0f64, h in -100.0..100.0f64, years in 0.5..500.0f64,
    ) {
        let coefficient = |v: f64| if v.abs() < 1e-9 { "0".to_string() } else { v.to_string() };
        let extra = vec![
            "--k".into(), coefficient(k), "--l".into(), coefficient(l), "--a".into(), coefficient(a),
            "--b".into(), coefficient(b), "--g".into(), g.to_string(), "--h".into(), h.to_string(),
            "--years".into(), years.to_string(), "--from".into(), "1,2".into(),
        ];
        let text = run(&args(&["richardson"], &extra));
        prop_assert!(no_nan(&text), "{}", text);
        let mut json_args = args(&["richardson"], &extra);
        json_args.extend(["--format".to_string(), "json".to_string()]);
        let v: Value = serde_json::from_str(&run(&json_args)).unwrap();
        for p in v["trajectory"]["points"].as_array().unwrap() {
            for key in ["x", "y"] {
                let value = p[key].as_f64().unwrap();
                prop_assert!(value.abs() <= 1e15, "{}", value);
            }
        }
    }
}
