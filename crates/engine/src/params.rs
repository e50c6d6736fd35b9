//! Addressing numeric inputs by path, and distributions over them (model.md section 6).
//!
//! A path names one number of a scenario in scenario-format terms, for example
//! `side[1].force[0].cep_m` or `side[Russia].force[SS-18 M6 Satan (RS-20V)].aimpoint_hardness_psi`
//! (an index or a name in brackets). Monte Carlo sets drawn values through [`set_field`]; sweeps
//! set grid values the same way, so both address exactly the fields the file format has.

use crate::defense::FiringDoctrine;
use crate::error::EngineError;
use crate::limits::{self, Limit};
use crate::model::{Basing, Scenario};

/// A probability distribution for one input, truncated to the input's valid range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    Uniform {
        low: f64,
        high: f64,
    },
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
    /// Normal(mean, sd) truncated to [low, high] (the field's valid range).
    Normal {
        mean: f64,
        sd: f64,
        low: f64,
        high: f64,
    },
}

impl Distribution {
    /// The value the expected-value analysis uses: the analyst's best estimate where the
    /// distribution names one (the mode of a triangular, the mean of a normal), else the
    /// midpoint of a uniform. A built-in [U] number ships as triangular [low, central, high],
    /// so its expected-value result is the one computed with the cited central value.
    pub fn central(&self) -> f64 {
        match *self {
            Self::Uniform { low, high } => 0.5 * (low + high),
            Self::Triangular { mode, .. } => mode,
            Self::Normal { mean, .. } => mean,
        }
    }

    /// The largest value a draw can take.
    pub fn upper(&self) -> f64 {
        match *self {
            Self::Uniform { high, .. }
            | Self::Triangular { high, .. }
            | Self::Normal { high, .. } => high,
        }
    }

    /// The mean of the distribution (before truncation, for the normal).
    pub fn mean(&self) -> f64 {
        match *self {
            Self::Uniform { low, high } => 0.5 * (low + high),
            Self::Triangular { low, mode, high } => (low + mode + high) / 3.0,
            Self::Normal { mean, .. } => mean,
        }
    }

    /// One draw from `uniform01`, a source of independent uniform numbers in [0, 1).
    pub fn sample(&self, uniform01: &mut impl FnMut() -> f64) -> f64 {
        match *self {
            Self::Uniform { low, high } => low + (high - low) * uniform01(),
            Self::Triangular { low, mode, high } => {
                let u = uniform01();
                let width = high - low;
                if width <= 0.0 {
                    return low;
                }
                let split = (mode - low) / width;
                if u < split {
                    low + (u * width * (mode - low)).sqrt()
                } else {
                    high - ((1.0 - u) * width * (high - mode)).sqrt()
                }
            }
            Self::Normal {
                mean,
                sd,
                low,
                high,
            } => {
                // Rejection from the untruncated normal; after 64 misses (the range lies far in a
                // tail) fall back to clamping, which keeps the draw valid.
                let mut last = mean;
                for _ in 0..64 {
                    // Box-Muller; 1 - u keeps the logarithm finite.
                    let radius = (-2.0 * (1.0 - uniform01()).ln()).sqrt();
                    let angle = std::f64::consts::TAU * uniform01();
                    last = mean + sd * radius * angle.cos();
                    if (low..=high).contains(&last) {
                        return last;
                    }
                }
                last.clamp(low, high)
            }
        }
    }
}

/// One uncertain input of a scenario: a distribution, and the fields that take its draw (one
/// field, or several when one value stands for many, as a `default` kill probability).
#[derive(Debug, Clone, PartialEq)]
pub struct UncertainInput {
    pub paths: Vec<String>,
    pub distribution: Distribution,
}

enum Segment<'a> {
    Key(&'a str),
    Index(&'a str),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            // Names may contain dots and parentheses: read to the matching `]`.
            let end = after.find(']').unwrap_or(after.len());
            out.push(Segment::Index(&after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
            rest = rest.strip_prefix('.').unwrap_or(rest);
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Segment::Key(&rest[..end]));
            rest = &rest[end..];
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
    }
    out
}

fn pick<T>(
    items: &[T],
    given: &str,
    name: impl Fn(&T) -> &str,
    what: &str,
    path: &str,
) -> Result<usize, EngineError> {
    given
        .parse::<usize>()
        .ok()
        .filter(|&i| i < items.len())
        .or_else(|| items.iter().position(|item| name(item) == given))
        .ok_or_else(|| {
            EngineError::rule(
                path,
                format!(
                    "no {what} `{given}` (give an index 0 to {} or an exact name)",
                    items.len().saturating_sub(1)
                ),
            )
        })
}

/// Sets the number at `path` to `value`, after checking it against the field's valid range.
/// Counts are rounded to the nearest whole number. Returns the field's range.
pub fn set_field(scenario: &mut Scenario, path: &str, value: f64) -> Result<Limit, EngineError> {
    let unknown = || {
        EngineError::rule(
            path,
            "not a numeric field of the scenario format (see docs/scenario-format.md)",
        )
    };
    let segs = segments(path);
    let (limit, slot): (Limit, Slot) = match segs.as_slice() {
        [Segment::Key("options"), Segment::Key(field)] => {
            let o = &mut scenario.options;
            match *field {
                "max_warheads_per_aimpoint" => (
                    limits::MAX_WARHEADS_PER_AIMPOINT,
                    Slot::Count(&mut o.max_warheads_per_aimpoint),
                ),
                "cost_exponent" => (limits::COST_EXPONENT, Slot::Real(&mut o.cost_exponent)),
                "cost_surcharge" => (limits::COST_SURCHARGE, Slot::Real(&mut o.cost_surcharge)),
                "striker_availability_fixed" => (
                    limits::PROBABILITY,
                    Slot::Real(&mut o.striker_availability_fixed),
                ),
                "striker_availability_survivable" => (
                    limits::PROBABILITY,
                    Slot::Real(&mut o.striker_availability_survivable),
                ),
                "launch_under_attack_share" => (
                    limits::PROBABILITY,
                    Slot::Real(&mut o.launch_under_attack_share),
                ),
                _ => return Err(unknown()),
            }
        }
        [Segment::Key("side"), Segment::Index(s), rest @ ..] => {
            let s = pick(&scenario.sides, s, |x| &x.name, "side", path)?;
            let side = &mut scenario.sides[s];
            match rest {
                [Segment::Key("value"), Segment::Key("w80")] => {
                    (limits::W80, Slot::Real(&mut side.value.w80))
                }
                [
                    Segment::Key("warhead_storage"),
                    Segment::Index(w),
                    Segment::Key(field),
                ] => {
                    let w = pick(
                        &side.warhead_storage,
                        w,
                        |x| &x.name,
                        "warhead storage site",
                        path,
                    )?;
                    let site = &mut side.warhead_storage[w];
                    match *field {
                        "detection_probability" => (
                            limits::PROBABILITY,
                            Slot::Real(&mut site.detection_probability),
                        ),
                        "aimpoint_hardness_psi" => (
                            limits::HARDNESS_PSI,
                            Slot::Real(&mut site.aimpoint_hardness_psi),
                        ),
                        _ => return Err(unknown()),
                    }
                }
                [Segment::Key("force"), Segment::Index(f), field @ ..] => {
                    let f = pick(&side.forces, f, |x| &x.name, "force element", path)?;
                    let force = &mut side.forces[f];
                    match field {
                        [Segment::Key("launchers")] => (
                            limits::LAUNCHERS,
                            Slot::Launchers(&mut force.launchers, &mut force.generated_launchers),
                        ),
                        [Segment::Key("launchers"), Segment::Key("day_to_day")] => {
                            (limits::LAUNCHERS, Slot::Count(&mut force.launchers))
                        }
                        [Segment::Key("launchers"), Segment::Key("generated")]
                        | [Segment::Key("generated_launchers")] => (
                            limits::LAUNCHERS,
                            Slot::OptionalCount(&mut force.generated_launchers),
                        ),
                        [Segment::Key("warheads_per_launcher")] => (
                            limits::WARHEADS_PER_LAUNCHER,
                            Slot::Count(&mut force.warheads_per_launcher),
                        ),
                        [Segment::Key("yield_kt")] => {
                            (limits::YIELD_KT, Slot::Optional(&mut force.yield_kt))
                        }
                        [Segment::Key("cep_m")] => {
                            (limits::CEP_M, Slot::Optional(&mut force.cep_m))
                        }
                        [Segment::Key("bias_m")] => (limits::BIAS_M, Slot::Real(&mut force.bias_m)),
                        [Segment::Key("reliability")] => {
                            (limits::PROBABILITY, Slot::Real(&mut force.reliability))
                        }
                        [Segment::Key("launch_survival")] => {
                            (limits::PROBABILITY, Slot::Real(&mut force.launch_survival))
                        }
                        [
                            Segment::Key("untargetable_share"),
                            Segment::Key("day_to_day"),
                        ] => (
                            limits::PROBABILITY,
                            Slot::Real(&mut force.untargetable_share.day_to_day),
                        ),
                        [
                            Segment::Key("untargetable_share"),
                            Segment::Key("generated"),
                        ] => (
                            limits::PROBABILITY,
                            Slot::Real(&mut force.untargetable_share.generated),
                        ),
                        [Segment::Key("launchers_per_aimpoint")] => (
                            limits::LAUNCHERS_PER_AIMPOINT,
                            Slot::Count(&mut force.launchers_per_aimpoint),
                        ),
                        [Segment::Key("aimpoint_hardness_psi")] => (
                            limits::HARDNESS_PSI,
                            Slot::Real(&mut force.aimpoint_hardness_psi),
                        ),
                        [Segment::Key("detection_probability")] => (
                            limits::PROBABILITY,
                            Slot::Real(&mut force.detection_probability),
                        ),
                        [Segment::Key("kill_probability"), Segment::Key(class)] => {
                            let target = Basing::ALL
                                .into_iter()
                                .find(|b| b.name() == *class)
                                .ok_or_else(unknown)?;
                            (
                                limits::PROBABILITY,
                                Slot::Kill(&mut force.kill_probability, target),
                            )
                        }
                        _ => return Err(unknown()),
                    }
                }
                [
                    Segment::Key("missile_defense"),
                    Segment::Index(d),
                    field @ ..,
                ] => {
                    let d = pick(
                        &side.missile_defenses,
                        d,
                        |x| &x.name,
                        "missile-defense layer",
                        path,
                    )?;
                    let layer = &mut side.missile_defenses[d];
                    match (field, &mut layer.doctrine) {
                        ([Segment::Key("interceptors")], _) => {
                            (limits::INTERCEPTORS, Slot::Count(&mut layer.interceptors))
                        }
                        ([Segment::Key("interceptor_sspk")], _) => {
                            (limits::PROBABILITY, Slot::Real(&mut layer.interceptor_sspk))
                        }
                        ([Segment::Key("discrimination")], _) => {
                            (limits::PROBABILITY, Slot::Real(&mut layer.discrimination))
                        }
                        (
                            [Segment::Key("interceptors_per_rv")],
                            FiringDoctrine::Salvo { shots },
                        ) => (limits::INTERCEPTORS_PER_RV, Slot::Count(shots)),
                        (
                            [Segment::Key("shoot_look_shoot"), Segment::Key("first")],
                            FiringDoctrine::ShootLookShoot { first, .. },
                        ) => (limits::INTERCEPTORS_PER_RV, Slot::Count(first)),
                        (
                            [Segment::Key("shoot_look_shoot"), Segment::Key("second")],
                            FiringDoctrine::ShootLookShoot { second, .. },
                        ) => (limits::INTERCEPTORS_PER_RV, Slot::Count(second)),
                        _ => return Err(unknown()),
                    }
                }
                [
                    Segment::Key("air_defense"),
                    Segment::Index(d),
                    Segment::Key(field),
                ] => {
                    let d = pick(
                        &side.air_defenses,
                        d,
                        |x| &x.name,
                        "air-defense layer",
                        path,
                    )?;
                    let air = &mut side.air_defenses[d];
                    match *field {
                        "bomber_shootdown" => {
                            (limits::PROBABILITY, Slot::Real(&mut air.bomber_shootdown))
                        }
                        "cruise_missile_shootdown" => (
                            limits::PROBABILITY,
                            Slot::Real(&mut air.cruise_missile_shootdown),
                        ),
                        _ => return Err(unknown()),
                    }
                }
                _ => return Err(unknown()),
            }
        }
        _ => return Err(unknown()),
    };
    let value = if limit.integer { value.round() } else { value };
    if !limit.contains(value) {
        return Err(EngineError::invalid(path, value, &limit.describe()));
    }
    match slot {
        Slot::Real(x) => *x = value,
        Slot::Optional(x) => *x = Some(value),
        Slot::Count(x) => *x = value as u32,
        Slot::OptionalCount(x) => *x = Some(value as u32),
        Slot::Launchers(day, generated) => {
            *day = value as u32;
            *generated = None;
        }
        Slot::Kill(k, target) => k.set(target, value),
    }
    Ok(limit)
}

enum Slot<'a> {
    Real(&'a mut f64),
    Optional(&'a mut Option<f64>),
    Count(&'a mut u32),
    OptionalCount(&'a mut Option<u32>),
    /// Both postures at once.
    Launchers(&'a mut u32, &'a mut Option<u32>),
    Kill(&'a mut crate::model::KillProbabilities, Basing),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_stay_in_range_and_average_right() {
        let mut state = 1u64;
        let mut uniform01 = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for d in [
            Distribution::Uniform {
                low: 2.0,
                high: 5.0,
            },
            Distribution::Triangular {
                low: 0.0,
                mode: 1.0,
                high: 4.0,
            },
            Distribution::Normal {
                mean: 0.5,
                sd: 0.3,
                low: 0.0,
                high: 1.0,
            },
        ] {
            let n = 200_000;
            let mut sum = 0.0;
            for _ in 0..n {
                let x = d.sample(&mut uniform01);
                let (low, high) = match d {
                    Distribution::Uniform { low, high }
                    | Distribution::Triangular { low, high, .. }
                    | Distribution::Normal { low, high, .. } => (low, high),
                };
                assert!((low..=high).contains(&x), "{x} outside [{low}, {high}]");
                sum += x;
            }
            // The truncation is symmetric for the normal here, so its mean stays 0.5.
            assert!(
                (sum / n as f64 - d.mean()).abs() < 0.01,
                "{d:?}: mean {}",
                sum / n as f64
            );
        }
    }

    #[test]
    fn central_value_is_the_best_estimate() {
        assert_eq!(
            Distribution::Triangular {
                low: 100.0,
                mode: 120.0,
                high: 200.0
            }
            .central(),
            120.0
        );
        assert_eq!(
            Distribution::Uniform {
                low: 2.0,
                high: 4.0
            }
            .central(),
            3.0
        );
        assert!(
            (Distribution::Triangular {
                low: 100.0,
                mode: 120.0,
                high: 200.0
            }
            .mean()
                - 140.0)
                .abs()
                < 1e-12
        );
    }
}
