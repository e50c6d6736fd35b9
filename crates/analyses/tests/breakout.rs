//! `breakout` through the analyses layer: the document's parts present as asked, and the
//! errors' kinds (a wrong field or trial count is bad input; a target no value reaches has no
//! result).

use reykjavik_analyses::Error;
use reykjavik_analyses::breakout::{MAX_TRIALS, Request, Solve, Trials, run};

fn request(monte_carlo: Option<Trials>, solve: Option<Solve>) -> Request {
    let (text, label) = reykjavik_scenario::breakout::source_text("iran-jcpoa").unwrap();
    Request {
        case: reykjavik_scenario::breakout::parse(&text, &label).unwrap(),
        label,
        monte_carlo,
        solve,
    }
}

fn solve(field: &str, target_months: f64) -> Option<Solve> {
    Some(Solve {
        field: field.into(),
        target_months,
    })
}

#[test]
fn central_document_without_monte_carlo_or_solution() {
    let r = request(None, None);
    let doc = run(&r).unwrap().json();
    assert!(
        doc.get("monte_carlo").is_none_or(|v| v.is_null()),
        "{doc:#}"
    );
    assert!(doc.get("solve").is_none_or(|v| v.is_null()), "{doc:#}");
}

#[test]
fn monte_carlo_and_solution_when_asked() {
    let trials = Some(Trials {
        trials: 50,
        seed: 1,
    });
    let r = request(trials, solve("plant[0].machines", 12.0));
    let computed = run(&r).unwrap();
    let text = computed.text();
    let doc = computed.json().to_string();
    assert!(doc.contains("plant[0].machines"), "{doc}");
    assert!(text.contains("plant[0].machines"), "{text}");
    assert!(doc.contains("\"trials\":50"), "{doc}");
    let doc = computed.json();
    assert!(
        doc["monte_carlo"].is_object() && doc["solve"].is_object(),
        "{doc:#}"
    );
}

#[test]
fn errors_by_kind() {
    let zero = Some(Trials { trials: 0, seed: 1 });
    assert!(matches!(run(&request(zero, None)), Err(Error::Input(_))));
    let many = Some(Trials {
        trials: MAX_TRIALS + 1,
        seed: 1,
    });
    assert!(matches!(run(&request(many, None)), Err(Error::Input(_))));
    let wrong = request(None, solve("plant[9].nope", 12.0));
    assert!(matches!(run(&wrong), Err(Error::Input(_))));
    // No number of machines makes a breakout in a millionth of a month.
    let unreachable = request(None, solve("plant[0].machines", 1e-6));
    assert!(matches!(run(&unreachable), Err(Error::Computation(_))));
}
