//! Proposals: a named, sourced list of changes applied in order to a scenario, giving a new
//! scenario that is validated like any other. Fields are addressed by the paths of
//! [`crate::params`] (the sweep paths).

use crate::arms_control::treaty::{self, Treaty};
use crate::error::EngineError;
use crate::model::{self, ForceElement, Scenario, Side};
use crate::params::{self, Distribution, UncertainInput};

/// Which sides a change applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sides {
    All,
    /// A side's name or index.
    One(String),
}

/// One change of a proposal.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Set the number at `path` (a fixed value: any distribution on it is dropped).
    Set { path: String, value: f64 },
    /// Multiply the number at `path` by `factor` (a distribution on it is scaled too).
    Scale { path: String, factor: f64 },
    /// Add a force element. `uncertain` paths are relative to the element (`cep_m`).
    AddForce {
        side: String,
        force: Box<ForceElement>,
        uncertain: Vec<UncertainInput>,
    },
    /// Remove a force element (by name or index).
    RemoveForce { side: String, force: String },
    /// Whether an element (or, with `force: None`, every element of the sides) launches under
    /// attack when its side chooses to.
    LaunchUnderAttack {
        sides: Sides,
        force: Option<String>,
        enabled: bool,
    },
    /// At most `max` deployed warheads on each of `sides`: the launchers of every nuclear element
    /// are cut by one factor (rounded down per element), so every leg shrinks in proportion.
    /// With a treaty, warheads are counted as it counts them (bombers as one under New START)
    /// and conventional elements it counts stay and use up part of the cap; without, nuclear
    /// warheads are counted as loaded.
    CapWarheads {
        sides: Sides,
        max: u64,
        treaty: Option<Box<Treaty>>,
    },
    /// At most `max` missile-defense interceptors on each of `sides`, cut in proportion across
    /// layers (rounded down).
    CapInterceptors { sides: Sides, max: u64 },
}

/// A proposal: what it is, where it comes from, what the literature expects, and its changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub name: String,
    pub description: String,
    pub sources: Vec<String>,
    /// The expected direction of the index, in words, with its source (or "none stated").
    pub expected: String,
    pub changes: Vec<Change>,
}

/// Why a proposal could not be applied: the index of the change, and the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyError {
    pub change: usize,
    pub error: EngineError,
}

/// Applies the changes in order and validates the result (two sides).
pub fn apply(scenario: &Scenario, proposal: &Proposal) -> Result<Scenario, ApplyError> {
    apply_sides(scenario, proposal, crate::limits::size::SIDES)
}

/// As [`apply`], validating the result as a scenario of 2 to `max_sides` sides (the N-side
/// `compare` passes [`crate::limits::size::MULTILATERAL_SIDES`]).
pub fn apply_sides(
    scenario: &Scenario,
    proposal: &Proposal,
    max_sides: usize,
) -> Result<Scenario, ApplyError> {
    let mut out = scenario.clone();
    for (k, change) in proposal.changes.iter().enumerate() {
        let at = |error| ApplyError { change: k, error };
        apply_change(&mut out, change).map_err(at)?;
        if let Some(s) = out.sides.iter().position(|s| s.forces.is_empty()) {
            let message = format!(
                "removes every force element of side `{}`: a side needs at least one",
                out.sides[s].name
            );
            return Err(at(EngineError::rule(format!("side[{s}]"), message)));
        }
        if let Err(errors) = model::validate_sides(&out, max_sides) {
            return Err(at(errors.into_iter().next().unwrap_or_else(|| {
                EngineError::Undefined("the changed scenario is not valid".into())
            })));
        }
    }
    out.name = format!("{} + {}", scenario.name, proposal.name);
    Ok(out)
}

fn apply_change(scenario: &mut Scenario, change: &Change) -> Result<(), EngineError> {
    match change {
        Change::Set { path, value } => set(scenario, path, *value),
        Change::Scale { path, factor } => scale(scenario, path, *factor),
        Change::AddForce {
            side,
            force,
            uncertain,
        } => add_force(scenario, side, force, uncertain),
        Change::RemoveForce { side, force } => remove_force(scenario, side, force),
        Change::LaunchUnderAttack {
            sides,
            force,
            enabled,
        } => launch_under_attack(scenario, sides, force.as_deref(), *enabled),
        Change::CapWarheads { sides, max, treaty } => {
            for s in side_indices(scenario, sides)? {
                cap_warheads(&mut scenario.sides[s], *max, treaty.as_deref());
            }
            Ok(())
        }
        Change::CapInterceptors { sides, max } => {
            for s in side_indices(scenario, sides)? {
                cap_interceptors(&mut scenario.sides[s], *max);
            }
            Ok(())
        }
    }
}

fn set(scenario: &mut Scenario, path: &str, value: f64) -> Result<(), EngineError> {
    params::set_field(scenario, path, value)?;
    let canonical = params::canonical_path(scenario, path)?;
    // A stated value replaces a distribution; a distribution standing for several fields keeps
    // the others.
    for input in &mut scenario.uncertain {
        input.paths.retain(|p| !same_field(p, &canonical));
    }
    scenario.uncertain.retain(|u| !u.paths.is_empty());
    Ok(())
}

fn scale(scenario: &mut Scenario, path: &str, factor: f64) -> Result<(), EngineError> {
    if !(factor.is_finite() && factor >= 0.0) {
        return Err(EngineError::invalid(path, factor, "a factor 0 or more"));
    }
    let (value, limit) = params::get_field(scenario, path)?;
    let canonical = params::canonical_path(scenario, path)?;
    // `launchers` sets both postures; an element whose generated count differs (bombers that
    // disperse to another element) keeps its own, scaled by the same factor.
    let generated_path = format!("{canonical}.generated");
    let generated = canonical
        .ends_with(".launchers")
        .then(|| params::get_field(scenario, &generated_path).ok())
        .flatten();
    params::set_field(scenario, path, value * factor)?;
    if let Some((g, _)) = generated {
        params::set_field(scenario, &generated_path, (g * factor).floor())?;
    }
    for input in &mut scenario.uncertain {
        if input.paths.iter().any(|p| same_field(p, &canonical)) {
            input.distribution = scaled(input.distribution, factor, limit.lowest(), limit.max);
        }
    }
    Ok(())
}

/// `launchers` and `launchers.day_to_day` are one field when nothing else is set.
fn same_field(a: &str, b: &str) -> bool {
    let trim = |p: &str| p.strip_suffix(".day_to_day").unwrap_or(p).to_string();
    a == b || trim(a) == trim(b)
}

/// A distribution multiplied by `factor`, kept inside the field's range.
fn scaled(d: Distribution, factor: f64, low: f64, high: f64) -> Distribution {
    let clamp = |x: f64| (x * factor).clamp(low, high);
    match d {
        Distribution::Uniform { low: a, high: b } => Distribution::Uniform {
            low: clamp(a),
            high: clamp(b),
        },
        Distribution::Triangular {
            low: a,
            mode,
            high: b,
        } => Distribution::Triangular {
            low: clamp(a),
            mode: clamp(mode),
            high: clamp(b),
        },
        Distribution::Normal {
            mean,
            sd,
            low,
            high,
        } => Distribution::Normal {
            mean: (mean * factor).clamp(low, high),
            sd: sd * factor,
            low,
            high,
        },
    }
}

fn side_index(scenario: &Scenario, side: &str) -> Result<usize, EngineError> {
    let found = side
        .parse::<usize>()
        .ok()
        .filter(|&i| i < scenario.sides.len())
        .or_else(|| scenario.sides.iter().position(|s| s.name == side));
    found.ok_or_else(|| {
        let names: Vec<&str> = scenario.sides.iter().map(|s| s.name.as_str()).collect();
        EngineError::rule(
            "side",
            format!("no side `{side}` (sides: {})", names.join(", ")),
        )
    })
}

fn side_indices(scenario: &Scenario, sides: &Sides) -> Result<Vec<usize>, EngineError> {
    match sides {
        Sides::All => Ok((0..scenario.sides.len()).collect()),
        Sides::One(side) => Ok(vec![side_index(scenario, side)?]),
    }
}

fn force_index(side: &Side, force: &str) -> Result<usize, EngineError> {
    let found = force
        .parse::<usize>()
        .ok()
        .filter(|&i| i < side.forces.len())
        .or_else(|| side.forces.iter().position(|f| f.name == force));
    found.ok_or_else(|| {
        EngineError::rule(
            "force",
            format!(
                "side `{}` has no force element `{force}` (give an index 0 to {} or an exact name)",
                side.name,
                side.forces.len().saturating_sub(1)
            ),
        )
    })
}

fn add_force(
    scenario: &mut Scenario,
    side: &str,
    force: &ForceElement,
    uncertain: &[UncertainInput],
) -> Result<(), EngineError> {
    let s = side_index(scenario, side)?;
    let k = scenario.sides[s].forces.len();
    scenario.sides[s].forces.push(force.clone());
    let prefix = format!("side[{s}].force[{k}].");
    scenario
        .uncertain
        .extend(uncertain.iter().map(|u| UncertainInput {
            paths: u.paths.iter().map(|p| format!("{prefix}{p}")).collect(),
            distribution: u.distribution,
        }));
    Ok(())
}

fn remove_force(scenario: &mut Scenario, side: &str, force: &str) -> Result<(), EngineError> {
    let s = side_index(scenario, side)?;
    let k = force_index(&scenario.sides[s], force)?;
    scenario.sides[s].forces.remove(k);
    let removed = format!("side[{s}].force[{k}].");
    for input in &mut scenario.uncertain {
        input.paths.retain(|p| !p.starts_with(&removed));
        for path in &mut input.paths {
            *path = shift_force_index(path, s, k);
        }
    }
    scenario.uncertain.retain(|u| !u.paths.is_empty());
    Ok(())
}

/// `side[s].force[j].x` with j > k becomes `side[s].force[j-1].x`.
fn shift_force_index(path: &str, s: usize, k: usize) -> String {
    let prefix = format!("side[{s}].force[");
    let Some(rest) = path.strip_prefix(&prefix) else {
        return path.to_string();
    };
    let Some((index, tail)) = rest.split_once(']') else {
        return path.to_string();
    };
    match index.parse::<usize>() {
        Ok(j) if j > k => format!("{prefix}{}]{tail}", j - 1),
        _ => path.to_string(),
    }
}

fn launch_under_attack(
    scenario: &mut Scenario,
    sides: &Sides,
    force: Option<&str>,
    enabled: bool,
) -> Result<(), EngineError> {
    for s in side_indices(scenario, sides)? {
        let side = &mut scenario.sides[s];
        match force {
            Some(name) => {
                let k = force_index(side, name)?;
                side.forces[k].can_launch_under_attack = enabled;
            }
            None => {
                for f in &mut side.forces {
                    f.can_launch_under_attack =
                        enabled && ForceElement::launch_ready_by_default(f.delivery, f.basing);
                }
            }
        }
    }
    Ok(())
}

/// Deployed warheads on one element, as `treaty` counts them (0 if it does not count the
/// element) or, without a treaty, as loaded on nuclear elements.
pub fn counted_warheads(force: &ForceElement, treaty: Option<&Treaty>) -> u64 {
    match treaty {
        Some(t) => treaty::class_of(t, force).map_or(0, |c| {
            treaty::element_count(&t.classes[c], force).deployed_warheads
        }),
        None if force.is_nuclear() => force.warheads(),
        None => 0,
    }
}

fn cap_warheads(side: &mut Side, max: u64, treaty: Option<&Treaty>) {
    let (nuclear, fixed) = side.forces.iter().fold((0, 0), |(n, c), f| {
        let w = counted_warheads(f, treaty);
        if f.is_nuclear() {
            (n + w, c)
        } else {
            (n, c + w)
        }
    });
    if nuclear + fixed <= max {
        return;
    }
    let factor = max.saturating_sub(fixed) as f64 / nuclear as f64;
    for force in side.forces.iter_mut().filter(|f| f.is_nuclear()) {
        force.launchers = cut(force.launchers, factor);
        force.generated_launchers = force.generated_launchers.map(|g| cut(g, factor));
    }
}

/// Rounds down, so the cut never leaves more than the cap.
fn cut(launchers: u32, factor: f64) -> u32 {
    (f64::from(launchers) * factor).floor() as u32
}

fn cap_interceptors(side: &mut Side, max: u64) {
    let total: u64 = side
        .missile_defenses
        .iter()
        .map(|d| u64::from(d.interceptors))
        .sum();
    if total <= max {
        return;
    }
    let factor = max as f64 / total as f64;
    for layer in &mut side.missile_defenses {
        layer.interceptors = cut(layer.interceptors, factor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basing, Delivery, ValueModel, ValueUnit};

    fn scenario() -> Scenario {
        let mut bomber = ForceElement::ballistic("bombers", Basing::AirBase, 20, 10, 150.0, 30.0);
        bomber.delivery = Delivery::Aircraft;
        let side = |name: &str| Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 100.0,
            },
            forces: vec![
                ForceElement::ballistic("silos", Basing::Silo, 100, 3, 300.0, 200.0),
                ForceElement::ballistic("boats", Basing::Submarine, 50, 4, 100.0, 100.0),
                bomber.clone(),
            ],
            missile_defenses: vec![],
            air_defenses: vec![],
            warhead_storage: vec![],
        };
        Scenario {
            name: "t".into(),
            description: String::new(),
            sides: vec![side("A"), side("B")],
            options: Default::default(),
            uncertain: vec![],
        }
    }

    fn proposal(changes: Vec<Change>) -> Proposal {
        Proposal {
            name: "p".into(),
            description: String::new(),
            sources: vec![],
            expected: String::new(),
            changes,
        }
    }

    #[test]
    fn a_warhead_cap_cuts_every_leg_by_one_factor() {
        // 300 + 200 + 200 = 700 warheads as loaded; a cap of 350 halves each element.
        let cap = Change::CapWarheads {
            sides: Sides::One("A".into()),
            max: 350,
            treaty: None,
        };
        let out = apply(&scenario(), &proposal(vec![cap])).unwrap();
        let launchers: Vec<u32> = out.sides[0].forces.iter().map(|f| f.launchers).collect();
        assert_eq!(launchers, [50, 25, 10]);
        assert_eq!(out.sides[0].nuclear_warheads(), 350);
        assert_eq!(out.sides[1], scenario().sides[1]);
    }

    #[test]
    fn a_cap_above_the_count_changes_nothing() {
        let cap = Change::CapWarheads {
            sides: Sides::All,
            max: 700,
            treaty: None,
        };
        let out = apply(&scenario(), &proposal(vec![cap])).unwrap();
        assert_eq!(out.sides, scenario().sides);
    }

    #[test]
    fn scale_and_set_address_fields_by_path() {
        let changes = vec![
            Change::Scale {
                path: "side[B].force[silos].launchers".into(),
                factor: 0.25,
            },
            Change::Set {
                path: "side[1].force[0].warheads_per_launcher".into(),
                value: 1.0,
            },
        ];
        let out = apply(&scenario(), &proposal(changes)).unwrap();
        assert_eq!(out.sides[1].forces[0].launchers, 25);
        assert_eq!(out.sides[1].forces[0].warheads_per_launcher, 1);
    }

    #[test]
    fn scaling_launchers_keeps_a_separate_generated_count() {
        let mut base = scenario();
        base.sides[0].forces[2].generated_launchers = Some(0);
        let scale = Change::Scale {
            path: "side[0].force[bombers].launchers".into(),
            factor: 0.5,
        };
        let out = apply(&base, &proposal(vec![scale])).unwrap();
        assert_eq!(out.sides[0].forces[2].launchers, 10);
        assert_eq!(out.sides[0].forces[2].generated_launchers, Some(0));
    }

    #[test]
    fn removing_every_force_of_a_side_is_refused() {
        let remove = |force: &str| Change::RemoveForce {
            side: "A".into(),
            force: force.into(),
        };
        let error = apply(
            &scenario(),
            &proposal(vec![remove("silos"), remove("boats"), remove("bombers")]),
        )
        .unwrap_err();
        assert_eq!(error.change, 2);
        assert!(error.error.to_string().contains("every force element"));
    }

    #[test]
    fn removal_renumbers_the_distributions_of_later_elements() {
        let mut base = scenario();
        base.uncertain = vec![
            UncertainInput {
                paths: vec!["side[0].force[0].cep_m".into()],
                distribution: Distribution::Uniform {
                    low: 100.0,
                    high: 300.0,
                },
            },
            UncertainInput {
                paths: vec!["side[0].force[2].cep_m".into()],
                distribution: Distribution::Uniform {
                    low: 20.0,
                    high: 40.0,
                },
            },
        ];
        let remove = Change::RemoveForce {
            side: "A".into(),
            force: "silos".into(),
        };
        let out = apply(&base, &proposal(vec![remove])).unwrap();
        assert_eq!(out.uncertain.len(), 1);
        assert_eq!(out.uncertain[0].paths, ["side[0].force[1].cep_m"]);
    }

    #[test]
    fn a_negative_factor_and_an_unknown_path_are_errors() {
        let negative = Change::Scale {
            path: "side[0].force[0].launchers".into(),
            factor: -1.0,
        };
        assert!(apply(&scenario(), &proposal(vec![negative])).is_err());
        let unknown = Change::Set {
            path: "side[0].force[0].colour".into(),
            value: 1.0,
        };
        let error = apply(&scenario(), &proposal(vec![unknown])).unwrap_err();
        assert!(error.error.to_string().contains("not a numeric field"));
    }

    #[test]
    fn an_interceptor_cap_cuts_layers_in_proportion() {
        use crate::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
        let mut base = scenario();
        let layer = |n| MissileDefenseLayer {
            name: format!("L{n}"),
            interceptors: n,
            interceptor_sspk: 0.7,
            doctrine: FiringDoctrine::Salvo { shots: 2 },
            discrimination: 1.0,
            covers: Coverage::Value,
        };
        base.sides[0].missile_defenses = vec![layer(60), layer(140)];
        let cap = Change::CapInterceptors {
            sides: Sides::All,
            max: 100,
        };
        let out = apply(&base, &proposal(vec![cap])).unwrap();
        let left: Vec<u32> = out.sides[0]
            .missile_defenses
            .iter()
            .map(|d| d.interceptors)
            .collect();
        assert_eq!(left, [30, 70]);
    }
}
