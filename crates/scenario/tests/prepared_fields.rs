//! A field resolved once (`PreparedField`, what Monte Carlo trials set) sets exactly what
//! `set_field` sets, with the same result or error, for every numeric field of every element,
//! site and layer of the built-in scenarios, and for paths that do not resolve.

use reykjavik_engine::model::Scenario;
use reykjavik_engine::params::{self, PreparedField};

/// Every per-element field path the scenario format has, for each element, site and layer,
/// by index and by name, plus options, value and paths that name nothing.
fn every_path(scenario: &Scenario) -> Vec<String> {
    let force_fields = [
        "launchers",
        "launchers.day_to_day",
        "launchers.generated",
        "generated_launchers",
        "non_deployed_launchers",
        "converted_launchers",
        "warheads_per_launcher",
        "yield_kt",
        "cep_m",
        "bias_m",
        "reliability",
        "launch_survival",
        "untargetable_share.day_to_day",
        "untargetable_share.generated",
        "launchers_per_aimpoint",
        "aimpoint_hardness_psi",
        "detection_probability",
        "striker_availability.day_to_day",
        "striker_availability.generated",
        "kill_probability.silo",
        "kill_probability.warhead_storage",
        "kill_probability.nowhere",
        "colour",
    ];
    let layer_fields = [
        "interceptors",
        "interceptor_sspk",
        "discrimination",
        "interceptors_per_rv",
        "shoot_look_shoot.first",
        "shoot_look_shoot.second",
        "range",
    ];
    let mut paths = vec![
        "options.cost_exponent".to_string(),
        "side[0].value.w80".to_string(),
        "side[9].force[0].cep_m".to_string(),
        "side[0].force[99].cep_m".to_string(),
        "side[0].force[No such force].cep_m".to_string(),
    ];
    for (s, side) in scenario.sides.iter().enumerate() {
        for side_name in [s.to_string(), side.name.clone()] {
            let mut add = |list: &str, item: String, fields: &[&str]| {
                for field in fields {
                    paths.push(format!("side[{side_name}].{list}[{item}].{field}"));
                }
            };
            for (f, force) in side.forces.iter().enumerate() {
                add("force", f.to_string(), &force_fields);
                add("force", force.name.clone(), &force_fields);
            }
            for site in &side.warhead_storage {
                let fields = ["detection_probability", "aimpoint_hardness_psi", "cep_m"];
                add("warhead_storage", site.name.clone(), &fields);
            }
            for layer in &side.missile_defenses {
                add("missile_defense", layer.name.clone(), &layer_fields);
            }
            for air in &side.air_defenses {
                let fields = ["bomber_shootdown", "cruise_missile_shootdown", "speed"];
                add("air_defense", air.name.clone(), &fields);
            }
        }
    }
    paths
}

#[test]
fn prepared_fields_set_what_set_field_sets() {
    for name in ["us-russia-2021", "us-china-2010-wu", "kent-thaler-notional"] {
        let scenario = reykjavik_scenario::load(name).unwrap();
        let paths = every_path(&scenario);
        assert!(paths.len() > 100, "{name}: {} paths", paths.len());
        let (mut by_path, mut prepared) = (scenario.clone(), scenario.clone());
        let mut resolved = 0;
        for path in &paths {
            let field = PreparedField::new(&scenario, path);
            // In range for probabilities, counts and lengths alike; out of every range; and
            // a count that rounds.
            for value in [0.5, 1.0, 7.4, -1.0] {
                let expected = params::set_field(&mut by_path, path, value);
                let got = field.set(&mut prepared, value);
                assert_eq!(
                    format!("{got:?}"),
                    format!("{expected:?}"),
                    "{name}: {path} = {value}"
                );
                resolved += usize::from(got.is_ok());
            }
            assert_eq!(by_path, prepared, "{name}: {path}");
        }
        assert!(resolved > 100, "{name}: only {resolved} settings succeeded");
    }
}
