//! `treaty` through the analyses layer: the counts against New START's limits (the deployed
//! launchers summed by hand from the scenario), disputed launchers counted only when asked, the
//! documents the report layer's, and on N sides every side counted with the beliefs note where
//! the scenario holds beliefs.

use reykjavik_analyses::Sides;
use reykjavik_analyses::treaty::{Request, counting, run};
use reykjavik_engine::arms_control::treaty::Counting;
use reykjavik_report::multilateral_treaty::BELIEFS_NOTE;

fn two_side(count_disputed: bool) -> Request {
    Request {
        sides: Sides::Two(Box::new(
            reykjavik_scenario::load("us-russia-2021").unwrap(),
        )),
        treaty: reykjavik_scenario::treaty::load("new-start").unwrap(),
        counting: counting(count_disputed),
    }
}

fn n_side(name: &str) -> Request {
    Request {
        sides: Sides::N(Box::new(
            reykjavik_scenario::multilateral::load(name).unwrap(),
        )),
        treaty: reykjavik_scenario::treaty::load("new-start").unwrap(),
        counting: Counting::Declared,
    }
}

#[test]
fn new_start_counts_the_deployed_launchers() {
    let counted = run(two_side(false));
    let us = &counted.counts[0];
    assert_eq!(us.side, "United States");
    // 400 ICBMs + 220 SLBMs + 48 heavy bombers deployed in the scenario; the limit is 700.
    let launchers = &us.limits[0];
    assert_eq!((launchers.counted, launchers.max), (400 + 220 + 48, 700));
    assert!(us.complies());
}

#[test]
fn disputed_launchers_count_only_when_asked() {
    assert_eq!(counting(false), Counting::Declared);
    assert_eq!(counting(true), Counting::Disputed);
    // Deployed and non-deployed launchers (limit 800): 668 deployed + 54 + 60 + 18
    // non-deployed; disputed adds the converted 4 ICBM silos, 56 SLBM tubes and 41 bombers.
    let declared = run(two_side(false));
    let disputed = run(two_side(true));
    let all_launchers = |c: &reykjavik_analyses::treaty::Counted| c.counts[0].limits[2].counted;
    assert_eq!(all_launchers(&declared), 668 + 54 + 60 + 18);
    assert_eq!(all_launchers(&disputed), 800 + 4 + 56 + 41);
    assert!(declared.counts[0].complies() && !disputed.counts[0].complies());
}

#[test]
fn two_side_documents_are_the_report_layers() {
    let counted = run(two_side(false));
    let scenario = counted.request.sides.scenario();
    let treaty = &counted.request.treaty;
    let (counts, how) = (&counted.counts, Counting::Declared);
    assert_eq!(
        counted.json(),
        reykjavik_report::treaty::json(treaty, scenario, counts, how)
    );
    assert_eq!(
        counted.text(),
        reykjavik_report::treaty::text(treaty, scenario, counts, how)
    );
    assert!(counted.json().get("kind").is_none());
}

#[test]
fn n_sides_count_every_side_and_note_beliefs() {
    let plain = run(n_side("us-russia-china-2025"));
    assert_eq!(plain.counts.len(), 3);
    assert_eq!(plain.json()["sides"].as_array().map(Vec::len), Some(3));
    assert_eq!(plain.json()["kind"], "n-side");
    assert!(!plain.text().contains(BELIEFS_NOTE));
    let beliefs = run(n_side("us-russia-china-2025-beliefs"));
    assert!(beliefs.text().contains(BELIEFS_NOTE), "{}", beliefs.text());
}
