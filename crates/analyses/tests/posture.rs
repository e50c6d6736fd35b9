//! The posture words: one side's alert by name or number, a contradiction refused naming both
//! words, launch under attack for every side, and an unknown side answered with the sides.

use reykjavik_analyses::Error;
use reykjavik_analyses::posture::{n_side, two_side};
use reykjavik_engine::model::Alert;

fn words(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn two_side_words() {
    let s = reykjavik_scenario::load("us-russia-2021").unwrap();
    let o = two_side(&s, &words(&["russia=generated"]), &words(&["1"])).unwrap();
    assert_eq!(o.alert, [Alert::DayToDay, Alert::Generated]);
    assert_eq!(o.launch_under_attack, [true, false]);
    match two_side(&s, &words(&["generated", "2=day-to-day"]), &[]) {
        Err(Error::Input(m)) => {
            assert!(
                m.contains("--alert 2=day-to-day contradicts --alert generated"),
                "{m}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn n_side_words() {
    let ms = reykjavik_scenario::multilateral::load("us-russia-china-2025").unwrap();
    let o = n_side(&ms, &words(&["China=generated"]), &words(&["all"])).unwrap();
    assert_eq!(
        o.alert,
        [Alert::DayToDay, Alert::DayToDay, Alert::Generated]
    );
    assert_eq!(o.launch_under_attack, [true, true, true]);
    match n_side(&ms, &words(&["Nobody=generated"]), &[]) {
        Err(Error::Input(m)) => assert_eq!(
            m,
            "no side `Nobody` in this scenario (sides: United States, Russia, China, or 1 to 3)"
        ),
        other => panic!("{other:?}"),
    }
}
