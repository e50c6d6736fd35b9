//! `compare` through the analyses layer: the request's progress steps, the documents of both
//! kinds, and its errors as bad input or engine errors.

use reykjavik_analyses::compare::{Comparison, Paired, Request, run};
use reykjavik_analyses::{Error, Sides};
use reykjavik_engine::arms_control::treaty::Counting;

fn request(scenario: &str, proposals: &[&str], paired: Option<Paired>) -> Request {
    let base = if reykjavik_scenario::multilateral::is_n_side(scenario) {
        Sides::N(Box::new(
            reykjavik_scenario::multilateral::load(scenario).unwrap(),
        ))
    } else {
        Sides::Two(Box::new(reykjavik_scenario::load(scenario).unwrap()))
    };
    Request {
        base,
        proposals: proposals
            .iter()
            .map(|p| reykjavik_scenario::proposal::load(p).unwrap())
            .collect(),
        treaty: reykjavik_scenario::treaty::load("new-start").unwrap(),
        counting: Counting::Declared,
        paired,
    }
}

#[test]
fn steps_count_paired_runs_of_every_proposal() {
    let paired = Some(Paired { trials: 5, seed: 1 });
    let two = request(
        "us-russia-2021",
        &["de-mirv-icbms", "follow-on-1000"],
        paired,
    );
    assert_eq!(two.steps(), 5 * 4 * 2);
    let n = request("us-russia-china-2025", &["de-mirv-icbms"], paired);
    assert_eq!(n.steps(), 5 * 8);
    assert_eq!(
        request("us-russia-2021", &["de-mirv-icbms"], None).steps(),
        0
    );
}

#[test]
fn two_side_document_has_base_and_each_proposal() {
    let c = run(
        &request("us-russia-2021", &["de-mirv-icbms"], None),
        &|_| {},
    )
    .unwrap();
    assert!(matches!(c, Comparison::Two(_)));
    let doc = c.json();
    let names: Vec<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0], "base");
    assert!(c.text().contains("de-mirv-icbms") || c.text().contains(names[1]));
}

#[test]
fn progress_counts_within_the_steps() {
    // The engine reports every 256 trials of a regime: 256 trials give one report per regime.
    let paired = Some(Paired {
        trials: 256,
        seed: 1,
    });
    let r = request("us-russia-2021", &["de-mirv-icbms"], paired);
    let seen = std::sync::Mutex::new(Vec::new());
    run(&r, &|done| seen.lock().unwrap().push(done)).unwrap();
    let mut seen = seen.into_inner().unwrap();
    seen.sort_unstable();
    assert_eq!(
        seen,
        vec![256, 512, 768, 1024],
        "offsets per regime, total {}",
        r.steps()
    );
}

#[test]
fn n_side_trials_beyond_the_cap_are_bad_input() {
    let r = request(
        "us-russia-china-2025",
        &["de-mirv-icbms"],
        Some(Paired {
            trials: u64::MAX,
            seed: 1,
        }),
    );
    match run(&r, &|_| {}) {
        Err(Error::Input(m)) => assert!(m.contains("out of range"), "{m}"),
        Err(other) => panic!("expected bad input, got {other}"),
        Ok(_) => panic!("expected bad input, got a result"),
    }
}

#[test]
fn a_proposal_that_does_not_apply_is_located_bad_input() {
    // A proposal naming an element the scenario lacks.
    let text = "[proposal]\nname = \"odd\"\ndescription = \"x\"\nexpected = \"none stated\"\n\n[[change]]\nset = \"side[0].force[99].launchers\"\nvalue = 1\n";
    let loaded = reykjavik_scenario::proposal::from_text(text, "odd.toml").unwrap();
    let mut r = request("us-russia-2021", &[], None);
    r.proposals.push(loaded);
    match run(&r, &|_| {}) {
        Err(Error::Input(m)) => assert!(m.starts_with("odd.toml:"), "{m}"),
        Err(other) => panic!("expected located bad input, got {other}"),
        Ok(_) => panic!("expected bad input, got a result"),
    }
}
