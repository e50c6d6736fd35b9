//! The analyze text report prints its headline figures to the precision the inputs support
//! (issue 7): 2 significant digits when any input is uncertain, 3 when every input is fixed;
//! JSON keeps full precision.

mod common;
use common::{json_of, reykjavik};

/// The analyze text report of `name` and its JSON index.
fn report_and_index(name: &str) -> (String, f64) {
    let output = reykjavik().args(["analyze", name]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let json = json_of(&["analyze", name, "--format", "json"]);
    let index = json["first_strike_stability"]["index"].as_f64().unwrap();
    (text, index)
}

/// The number after `label` on its line.
fn figure_after<'a>(text: &'a str, label: &str) -> &'a str {
    let line = text.lines().find(|l| l.contains(label)).unwrap();
    line[line.find(label).unwrap() + label.len()..]
        .split_whitespace()
        .next()
        .unwrap()
}

/// Significant digits of a plain decimal like `0.043` (3 digits after the leading zeros: 2).
fn significant_digits(figure: &str) -> usize {
    figure
        .trim_start_matches(['0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count()
}

#[test]
fn uncertain_inputs_print_two_significant_digits() {
    // us-russia-2021 ships its [U] numbers as ranges.
    let (text, index) = report_and_index("us-russia-2021");
    let shown = figure_after(&text, "First-strike stability index:");
    assert_eq!(significant_digits(shown), 2, "{shown}");
    assert_eq!(shown, format!("{index:.2}"), "index {index}");
    assert!(text.contains("to 2 significant digits"), "{text}");
    let cost = figure_after(&text, "Cost: United States");
    assert_eq!(significant_digits(cost.trim_end_matches([',', '.'])), 2);
    // JSON keeps full precision.
    assert!(format!("{index}").len() > 6, "{index}");
}

#[test]
fn fixed_inputs_print_three_significant_digits() {
    let (text, index) = report_and_index("kent-thaler-notional");
    let shown = figure_after(&text, "First-strike stability index:");
    assert_eq!(significant_digits(shown), 3, "{shown}");
    assert_eq!(shown, format!("{index:.3}"), "index {index}");
    assert!(text.contains("to 3 significant digits (every input fixed)"));
}
