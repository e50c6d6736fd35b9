//! Built-in proposals on us-russia-2021: the direction each file states, where the literature
//! states one, and the errors of bad proposals (docs/arms-control.md).

use reykjavik_engine::arms_control::compare::{self, RegimeTerms};
use reykjavik_engine::model::Scenario;
use reykjavik_scenario::proposal;

fn base() -> Scenario {
    reykjavik_scenario::load("us-russia-2021").unwrap()
}

fn indices(scenario: &Scenario) -> Vec<f64> {
    compare::regimes(scenario)
        .unwrap()
        .iter()
        .map(|r: &RegimeTerms| r.index)
        .collect()
}

/// Index under the four standard regimes: (base, with the proposal).
fn before_after(name: &str) -> (Vec<f64>, Vec<f64>) {
    let base = base();
    let changed = proposal::apply(&base, &proposal::load(name).unwrap()).unwrap();
    (indices(&base), indices(&changed))
}

const EPS: f64 = 1e-9;

#[test]
fn every_builtin_proposal_applies_and_states_an_expectation() {
    for (name, _) in proposal::BUILTINS {
        let loaded = proposal::load(name).unwrap();
        assert_eq!(loaded.proposal.name, *name);
        assert!(!loaded.proposal.expected.is_empty(), "{name}");
        assert!(!loaded.proposal.sources.is_empty(), "{name}");
        let changed = proposal::apply(&base(), &loaded).unwrap();
        // The interceptor cap does not bind in 2021 (tested below).
        if *name != "interceptor-cap" {
            assert!(changed.sides != base().sides, "{name} changes nothing");
        }
    }
}

/// Kent & Thaler (1989): de-MIRVing silo-based missiles raises the index. It rises in every
/// regime where the base is below 1, and never falls.
#[test]
fn de_mirving_raises_the_index() {
    let (before, after) = before_after("de-mirv-icbms");
    for (b, a) in before.iter().zip(&after) {
        assert!(*a >= b - EPS, "{before:?} -> {after:?}");
        if *b < 1.0 - EPS {
            assert!(*a > *b, "{before:?} -> {after:?}");
        }
    }
}

/// Kent & Thaler (1989): cutting numbers alone can lower the index. Under the proportional cut
/// to 1,000 it falls at generated alert (and rises at day-to-day: no single direction).
#[test]
fn cutting_numbers_alone_can_lower_the_index() {
    let (before, after) = before_after("follow-on-1000");
    let generated = 2;
    assert!(
        after[generated] < before[generated],
        "{before:?} -> {after:?}"
    );
}

/// Both sides are under 100 interceptors in 2021: the cap changes nothing.
#[test]
fn the_interceptor_cap_does_not_bind_in_2021() {
    let (before, after) = before_after("interceptor-cap");
    assert_eq!(before, after);
}

/// Acton (2013), Bunn & Manzo (2011): conventional counterforce lowers the index wherever it
/// is below 1.
#[test]
fn counted_conventional_prompt_strike_lowers_the_index() {
    let (before, after) = before_after("cps-counted");
    for (b, a) in before.iter().zip(&after) {
        if *b < 1.0 - EPS {
            assert!(*a < *b, "{before:?} -> {after:?}");
        }
    }
}

/// More SSBNs at sea: the index rises at day-to-day alert; generated alert is untouched.
#[test]
fn higher_patrol_rates_raise_the_day_to_day_index() {
    let (before, after) = before_after("ssbn-patrols");
    assert!(after[0] > before[0], "{before:?} -> {after:?}");
    assert_eq!(after[2], before[2]);
    assert_eq!(after[3], before[3]);
}

/// No direction is stated in the literature; the mechanism is: with no ICBM usable first at
/// day-to-day alert, neither side gains by striking first there (index 1).
#[test]
fn de_alerted_icbms_remove_the_day_to_day_first_strike_gain() {
    let (before, after) = before_after("de-alert-icbms");
    assert!(before[0] < 1.0);
    assert!((after[0] - 1.0).abs() < EPS, "{after:?}");
}

fn error_of(text: &str) -> String {
    let loaded = match proposal::parse(text, "p.toml") {
        Err(e) => return e.to_string(),
        Ok(p) => p,
    };
    // Paths are checked against the scenario when the proposal is applied.
    // One file per call: tests run in parallel.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!("reykjavik-p-{}-{call}.toml", std::process::id()));
    std::fs::write(&file, text).unwrap();
    let loaded_file = proposal::load(file.to_str().unwrap()).unwrap();
    assert_eq!(loaded_file.proposal, loaded);
    proposal::apply(&base(), &loaded_file)
        .unwrap_err()
        .to_string()
}

const HEAD: &str = "[proposal]\nname = \"p\"\ndescription = \"d\"\nexpected = \"none\"\n";

#[test]
fn an_unknown_path_is_located_at_its_change() {
    let message = error_of(&format!(
        "{HEAD}\n[[change]]\nset = \"side[0].force[0].colour\"\nvalue = 1\n"
    ));
    assert!(message.contains(":7:"), "{message}");
    assert!(message.contains("change[0].set"), "{message}");
    assert!(message.contains("not a numeric field"), "{message}");
}

#[test]
fn a_value_out_of_range_names_the_valid_range() {
    let message = error_of(&format!(
        "{HEAD}\n[[change]]\nset = \"side[Russia].force[0].reliability\"\nvalue = 1.5\n"
    ));
    assert!(message.contains("change[0].set"), "{message}");
    assert!(message.contains("valid: 0 to 1"), "{message}");
}

#[test]
fn a_negative_scale_factor_is_located() {
    let message = error_of(&format!(
        "{HEAD}\n[[change]]\nscale = \"side[0].force[0].launchers\"\nfactor = -0.5\n"
    ));
    assert!(message.contains("p.toml:8:"), "{message}");
    assert!(message.contains("change[0].factor"), "{message}");
    assert!(message.contains("a factor 0 or more"), "{message}");
}

#[test]
fn a_negative_limit_is_located() {
    let message = error_of(&format!("{HEAD}\n[[change]]\ncap_deployed_warheads = -1\n"));
    assert!(message.contains("p.toml:7:"), "{message}");
    assert!(
        message.contains("change[0].cap_deployed_warheads"),
        "{message}"
    );
    assert!(message.contains("valid: an integer 0 to"), "{message}");
}

#[test]
fn removing_every_force_of_a_side_is_refused() {
    let mut text = HEAD.to_string();
    for force in base().sides[0].forces.iter() {
        text += &format!(
            "\n[[change]]\nside = \"United States\"\nremove_force = \"{}\"\n",
            force.name
        );
    }
    let message = error_of(&text);
    assert!(
        message.contains("every force element of side `United States`"),
        "{message}"
    );
    assert!(message.contains("change[7].remove_force"), "{message}");
}

#[test]
fn an_unknown_treaty_is_located() {
    let message = error_of(&format!(
        "{HEAD}\n[[change]]\ncap_deployed_warheads = 1000\ntreaty = \"salt-9\"\n"
    ));
    assert!(message.contains("change[0].treaty"), "{message}");
    assert!(message.contains("no built-in treaty"), "{message}");
}

#[test]
fn a_change_must_name_exactly_one_action() {
    let message = error_of(&format!(
        "{HEAD}\n[[change]]\ncap_interceptors = 5\ncap_deployed_warheads = 5\n"
    ));
    assert!(message.contains("give exactly one of"), "{message}");
    assert!(
        message.contains("found cap_deployed_warheads, cap_interceptors"),
        "{message}"
    );
}

/// Scaling a field with a distribution scales the distribution, so Monte Carlo draws stay
/// consistent with the central value.
#[test]
fn scaling_an_uncertain_field_scales_its_distribution() {
    let base = base();
    let input = &base.uncertain[0];
    let path = input.paths[0].clone();
    let text = format!("{HEAD}\n[[change]]\nscale = \"{path}\"\nfactor = 0.5\n");
    let loaded = {
        let file =
            std::env::temp_dir().join(format!("reykjavik-scale-{}.toml", std::process::id()));
        std::fs::write(&file, &text).unwrap();
        proposal::load(file.to_str().unwrap()).unwrap()
    };
    let changed = proposal::apply(&base, &loaded).unwrap();
    let after = changed
        .uncertain
        .iter()
        .find(|u| u.paths.contains(&path))
        .unwrap();
    let (value, _) = reykjavik_engine::params::get_field(&changed, &path).unwrap();
    assert!((after.distribution.central() - value).abs() < 1e-9);
    assert!((after.distribution.central() - 0.5 * input.distribution.central()).abs() < 1e-9);
}

/// Paired trials: a scenario compared with itself changes by exactly 0 in every trial, because
/// both use the same random stream (seed, t).
#[test]
fn paired_monte_carlo_of_a_scenario_with_itself_is_exactly_zero() {
    let base = reykjavik_scenario::load("kent-thaler-notional").unwrap();
    let paired = compare::paired_monte_carlo(&base, &base, 40, 7, &|_| {}).unwrap();
    assert_eq!(paired.len(), 4);
    for p in paired {
        assert!(p.changes.iter().all(|c| *c == 0.0));
        assert_eq!((p.p_improves, p.p_worsens), (0.0, 0.0));
    }
}

/// De-MIRVing raises the generated-alert index in (nearly) every paired trial on us-russia-2021.
#[test]
fn paired_monte_carlo_agrees_with_the_de_mirving_direction() {
    let base = base();
    let changed = proposal::apply(&base, &proposal::load("de-mirv-icbms").unwrap()).unwrap();
    let paired = compare::paired_monte_carlo(&base, &changed, 60, 3, &|_| {}).unwrap();
    let generated = &paired[2];
    assert!(generated.p_improves > 0.9, "{}", generated.p_improves);
    assert!(generated.summary.mean > 0.0);
}
