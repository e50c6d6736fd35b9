//! Addressing numeric inputs by path, and distributions over them (model.md section 6).
//!
//! A path names one number of a scenario in scenario-format terms, for example
//! `side[1].force[0].cep_m` or `side[Russia].force[SS-18 M6 Satan (RS-20V)].aimpoint_hardness_psi`
//! (an index or a name in brackets). Monte Carlo sets drawn values through [`set_field`]; sweeps
//! set grid values the same way, so both address exactly the fields the file format has.

use crate::error::EngineError;
use crate::limits::{self, Limit};
use crate::model::{Fratricide, ModelOptions, Scenario, Side};

mod fields;
pub use fields::PreparedField;
use fields::{AirField, LayerField, StorageField, air_slot, force_slot, layer_slot, storage_slot};
pub(crate) use fields::{DirectField, ForceField, Part};

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
                let z = truncated_standard_normal((low - mean) / sd, (high - mean) / sd, uniform01);
                // Rounding in the rescaling may step a hair outside; the bounds are valid values.
                (mean + sd * z).clamp(low, high)
            }
        }
    }
}

/// Tries before [`truncated_standard_normal`] gives up; each try is accepted with probability
/// above 0.2, so the fallback is never reached in practice (0.8^1000 < 1e-96).
const MAX_TRIES: usize = 1000;

/// An exact draw of a standard normal truncated to [a, b] by rejection (C. P. Robert,
/// "Simulation of truncated normal variables", Statistics and Computing 5 (1995)): from the
/// normal itself when [a, b] holds the centre and is wide, from a uniform on [a, b] when it is
/// narrow, from a shifted exponential in a tail. No draw is clamped to a bound.
fn truncated_standard_normal(a: f64, b: f64, uniform01: &mut impl FnMut() -> f64) -> f64 {
    if b <= 0.0 && a < 0.0 {
        // The lower tail, by symmetry (once: then a >= 0).
        return -truncated_standard_normal(-b, -a, uniform01);
    }
    // (0, 1]: keeps logarithms finite.
    let positive = |uniform01: &mut dyn FnMut() -> f64| 1.0 - uniform01();
    // The density is largest at the point of [a, b] nearest 0.
    let peak = a.max(0.0);
    if a < 0.0 && b - a >= 2.5 {
        // Holds at least half of one side of the centre: accepts with probability >= 0.49.
        for _ in 0..MAX_TRIES {
            let radius = (-2.0 * positive(uniform01).ln()).sqrt();
            let z = radius * (std::f64::consts::TAU * uniform01()).cos();
            if (a..=b).contains(&z) {
                return z;
            }
        }
        return peak;
    }
    let rate = 0.5 * (a + (a * a + 4.0).sqrt());
    if a >= 0.0 && rate * (b - a) >= 1.0 {
        // Tail: exponential proposal above a, optimal rate (Robert 1995, prop. 2.3).
        for _ in 0..MAX_TRIES {
            let z = a - positive(uniform01).ln() / rate;
            if z <= b && positive(uniform01) <= (-0.5 * (z - rate) * (z - rate)).exp() {
                return z;
            }
        }
        return peak;
    }
    // Narrow interval: uniform proposal, accepted with the density relative to its peak.
    for _ in 0..MAX_TRIES {
        let z = a + (b - a) * uniform01();
        if positive(uniform01) <= (0.5 * (peak * peak - z * z)).exp() {
            return z;
        }
    }
    peak
}

/// One uncertain input of a scenario: a distribution, and the fields that take its draw (one
/// field, or several when one value stands for many, as a `default` kill probability).
#[derive(Debug, Clone, PartialEq)]
pub struct UncertainInput {
    pub paths: Vec<String>,
    pub distribution: Distribution,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(&'a str),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    // Paths have a handful of segments: one allocation, no regrowth (Monte Carlo sets many).
    let mut out = Vec::with_capacity(8);
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

/// The path with every side, element, site and layer given by index and aliases resolved, so two
/// spellings of one field compare equal (`side[Russia].force[0].launchers.generated` and
/// `side[1].force[0].generated_launchers`).
pub fn canonical_path(scenario: &Scenario, path: &str) -> Result<String, EngineError> {
    let segs = segments(path);
    let [Segment::Key("side"), Segment::Index(s), rest @ ..] = segs.as_slice() else {
        return Ok(path.trim().to_string());
    };
    let s = pick(&scenario.sides, s, |x| &x.name, "side", path)?;
    let side = &scenario.sides[s];
    let mut out = format!("side[{s}]");
    let mut rest = rest;
    if let [Segment::Key(list), Segment::Index(given), tail @ ..] = rest {
        let index = match *list {
            "force" => pick(&side.forces, given, |x| &x.name, "force element", path)?,
            "warhead_storage" => pick(&side.warhead_storage, given, |x| &x.name, "site", path)?,
            "missile_defense" => pick(&side.missile_defenses, given, |x| &x.name, "layer", path)?,
            "air_defense" => pick(&side.air_defenses, given, |x| &x.name, "layer", path)?,
            _ => return Ok(path.trim().to_string()),
        };
        out += &format!(".{list}[{index}]");
        rest = tail;
    }
    for segment in rest {
        match segment {
            Segment::Key("generated_launchers") => out += ".launchers.generated",
            Segment::Key(key) => out += &format!(".{key}"),
            Segment::Index(index) => out += &format!("[{index}]"),
        }
    }
    Ok(out)
}

/// Sets the number at `path` to `value`, after checking it against the field's valid range.
/// Counts are rounded to the nearest whole number. Returns the field's range.
pub fn set_field(scenario: &mut Scenario, path: &str, value: f64) -> Result<Limit, EngineError> {
    let (limit, slot) = slot(scenario, path)?;
    write(limit, slot, path, value)
}

/// Most segments a [`ParsedPath`] keeps on the stack (the longest field path has 6).
const MOST_SEGMENTS: usize = 8;

/// A field path split into segments once, to set the same field many times (a Monte Carlo
/// trial sets every uncertain field): [`ParsedPath::set`] is [`set_field`] without parsing.
#[derive(Debug, Clone)]
pub struct ParsedPath {
    text: String,
    /// Each segment as (is an index, byte range in `text`).
    spans: Vec<(bool, usize, usize)>,
    /// The path as errors name it.
    shown: String,
}

impl ParsedPath {
    pub fn new(path: &str) -> Self {
        Self::shown_as(path, path)
    }

    /// `path` (for example in canonical form, which is quicker to resolve), named `shown` in
    /// errors (the spelling the user wrote).
    pub fn shown_as(path: &str, shown: &str) -> Self {
        let spans = segments(path)
            .iter()
            .map(|segment| {
                let (index, part) = match segment {
                    Segment::Key(k) => (false, *k),
                    Segment::Index(i) => (true, *i),
                };
                // Each segment is a slice of `path`: its offset is the pointers' distance.
                let start = part.as_ptr() as usize - path.as_ptr() as usize;
                (index, start, start + part.len())
            })
            .collect();
        Self {
            text: path.to_string(),
            spans,
            shown: shown.to_string(),
        }
    }

    /// [`set_field`] at this path.
    pub fn set(&self, scenario: &mut Scenario, value: f64) -> Result<Limit, EngineError> {
        if self.spans.len() > MOST_SEGMENTS {
            return set_field(scenario, &self.shown, value);
        }
        let mut segs = [Segment::Key(""); MOST_SEGMENTS];
        for (seg, &(index, start, end)) in segs.iter_mut().zip(&self.spans) {
            let part = &self.text[start..end];
            *seg = if index {
                Segment::Index(part)
            } else {
                Segment::Key(part)
            };
        }
        let (limit, slot) = slot_in(scenario, &segs[..self.spans.len()], &self.shown)?;
        write(limit, slot, &self.shown, value)
    }
}

/// Writes `value` to a field after checking it against the field's range (counts rounded).
fn write(limit: Limit, slot: Slot, path: &str, value: f64) -> Result<Limit, EngineError> {
    if limit.integer {
        write_checked(limit, slot, path, rounded(value))
    } else {
        write_checked(limit, slot, path, value)
    }
}

/// `value.round()`, out of line: inlined, the optimiser computed the rounding (a library call
/// on baseline x86-64) for every write, counts or not (Monte Carlo writes every drawn field).
#[inline(never)]
fn rounded(value: f64) -> f64 {
    value.round()
}

/// [`write`] after rounding: a rounded value is whole (or not finite), so being in range is
/// being contained.
fn write_checked(limit: Limit, slot: Slot, path: &str, value: f64) -> Result<Limit, EngineError> {
    if !limit.in_range(value) {
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

/// The number at `path` and the field's range. A field the scenario leaves unset (a CEP given
/// only by kill probabilities, a kill probability left to the physics) is an error naming it.
/// `launchers` reads the day-to-day count.
pub fn get_field(scenario: &Scenario, path: &str) -> Result<(f64, Limit), EngineError> {
    let mut copy = scenario.clone();
    let (limit, slot) = slot(&mut copy, path)?;
    let value = match slot {
        Slot::Real(x) => Some(*x),
        Slot::Optional(x) => *x,
        Slot::Count(x) | Slot::Launchers(x, _) => Some(f64::from(*x)),
        Slot::OptionalCount(x) => x.map(f64::from),
        Slot::Kill(k, target) => k.get(target),
    };
    value
        .map(|v| (v, limit))
        .ok_or_else(|| EngineError::rule(path, "not set in this scenario, so it cannot be scaled"))
}

/// The storage behind a path, with its valid range.
fn slot<'a>(scenario: &'a mut Scenario, path: &str) -> Result<(Limit, Slot<'a>), EngineError> {
    slot_in(scenario, &segments(path), path)
}

/// [`slot`] with the path already split into segments.
fn slot_in<'a>(
    scenario: &'a mut Scenario,
    segs: &[Segment],
    path: &str,
) -> Result<(Limit, Slot<'a>), EngineError> {
    match segs {
        [Segment::Key("options"), Segment::Key(field)] => {
            options_slot(&mut scenario.options, field, path)
        }
        [Segment::Key("side"), Segment::Index(s), rest @ ..] => {
            let options = scenario.options;
            let s = pick(&scenario.sides, s, |x| &x.name, "side", path)?;
            side_slot(&mut scenario.sides[s], rest, &options, path)
        }
        _ => Err(unknown_field(path)),
    }
}

/// The error for a path that names no numeric field.
fn unknown_field(path: &str) -> EngineError {
    EngineError::rule(
        path,
        "not a numeric field of the scenario format (see docs/scenario-format.md)",
    )
}

/// The slot of `options.FIELD`.
fn options_slot<'a>(
    o: &'a mut ModelOptions,
    field: &str,
    path: &str,
) -> Result<(Limit, Slot<'a>), EngineError> {
    Ok(match field {
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
        "fratricide_per_burst" => match &mut o.fratricide {
            Fratricide::Degradation { per_burst } => (limits::PROBABILITY, Slot::Real(per_burst)),
            Fratricide::Cap => {
                return Err(EngineError::rule(
                    path,
                    "applies only with options.fratricide = \"degradation\"",
                ));
            }
        },
        _ => return Err(unknown_field(path)),
    })
}

/// The slot of `side[S].REST`: the value's w80, or a field of a storage site, force element,
/// missile-defense layer or air-defense layer.
fn side_slot<'a>(
    side: &'a mut Side,
    rest: &[Segment],
    options: &ModelOptions,
    path: &str,
) -> Result<(Limit, Slot<'a>), EngineError> {
    let unknown = || unknown_field(path);
    let hardness = limits::hardness_psi(options.lethal_radius_model);
    Ok(match rest {
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
            let field = StorageField::parse(field).ok_or_else(unknown)?;
            storage_slot(&mut side.warhead_storage[w], field, hardness)
        }
        [Segment::Key("force"), Segment::Index(f), field @ ..] => {
            let f = pick(&side.forces, f, |x| &x.name, "force element", path)?;
            let field = ForceField::parse(field).ok_or_else(unknown)?;
            force_slot(&mut side.forces[f], field, options, hardness)
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
            let field = LayerField::parse(field).ok_or_else(unknown)?;
            layer_slot(&mut side.missile_defenses[d], field).ok_or_else(unknown)?
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
            let field = AirField::parse(field).ok_or_else(unknown)?;
            air_slot(&mut side.air_defenses[d], field)
        }
        _ => return Err(unknown()),
    })
}

enum Slot<'a> {
    Real(&'a mut f64),
    Optional(&'a mut Option<f64>),
    Count(&'a mut u32),
    OptionalCount(&'a mut Option<u32>),
    /// Both postures at once.
    Launchers(&'a mut u32, &'a mut Option<u32>),
    Kill(
        &'a mut crate::model::KillProbabilities,
        crate::model::Basing,
    ),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts are rounded to the nearest whole number (halves away from zero) before their
    /// range check; real fields are written as drawn.
    #[test]
    fn counts_are_rounded_and_reals_are_not() {
        let (mut launchers, mut reliability) = (0u32, 0.0f64);
        let count = |value, launchers: &mut u32| {
            write(limits::LAUNCHERS, Slot::Count(launchers), "n", value).map(|_| *launchers)
        };
        assert_eq!(count(2.5, &mut launchers).unwrap(), 3);
        assert_eq!(count(2.49, &mut launchers).unwrap(), 2);
        assert_eq!(count(-0.4, &mut launchers).unwrap(), 0);
        assert!(count(-0.5, &mut launchers).is_err());
        write(limits::PROBABILITY, Slot::Real(&mut reliability), "r", 0.75).unwrap();
        assert_eq!(reliability, 0.75);
    }

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

    /// Standard normal CDF by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7).
    fn phi_cdf(x: f64) -> f64 {
        let z = x.abs() / std::f64::consts::SQRT_2;
        let t = 1.0 / (1.0 + 0.327_591_1 * z);
        let poly = t
            * (0.254_829_592
                + t * (-0.284_496_736
                    + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
        let erfc = poly * (-z * z).exp();
        if x >= 0.0 {
            1.0 - 0.5 * erfc
        } else {
            0.5 * erfc
        }
    }

    fn phi_density(x: f64) -> f64 {
        (-0.5 * x * x).exp() / (std::f64::consts::TAU).sqrt()
    }

    fn lcg(seed: u64) -> impl FnMut() -> f64 {
        let mut state = seed;
        move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Mean and standard error of `n` draws, and the shares exactly at each bound.
    fn summary(d: Distribution, n: usize) -> (f64, f64, f64, f64) {
        let Distribution::Normal { low, high, .. } = d else {
            unreachable!()
        };
        let mut uniform01 = lcg(7);
        let draws: Vec<f64> = (0..n).map(|_| d.sample(&mut uniform01)).collect();
        assert!(draws.iter().all(|x| (low..=high).contains(x)));
        let mean = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let at = |b: f64| draws.iter().filter(|&&x| x == b).count() as f64 / n as f64;
        (mean, (var / n as f64).sqrt(), at(low), at(high))
    }

    /// Issue 8 defect 4: a normal is truncated, not clamped. With sd far above the range the
    /// old sampler put 41 % of draws on each bound.
    #[test]
    fn wide_normal_is_truncated_not_clamped() {
        let d = Distribution::Normal {
            mean: 120.0,
            sd: 1e6,
            low: limits::CEP_M.lowest(),
            high: limits::CEP_M.max,
        };
        let (mean, se, at_low, at_high) = summary(d, 100_000);
        assert!(at_low < 1e-3 && at_high < 1e-3, "{at_low} {at_high}");
        // Truncated mean: mu + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a)).
        let (a, b) = ((0.0 - 120.0) / 1e6, (1e5 - 120.0) / 1e6);
        let expected = 120.0 + 1e6 * (phi_density(a) - phi_density(b)) / (phi_cdf(b) - phi_cdf(a));
        assert!(
            (mean - expected).abs() < 4.0 * se,
            "{mean} vs {expected} (se {se})"
        );
    }

    #[test]
    fn truncated_normal_means_match_the_analytic_ones() {
        // Each case exercises one proposal: centre, narrow interval, upper tail, lower tail.
        for (low, high) in [
            (-1.0, 2.0),
            (-0.5, 0.3),
            (3.0, 1e5),
            (-1e5, -2.5),
            (0.2, 0.25),
        ] {
            let d = Distribution::Normal {
                mean: 0.0,
                sd: 1.0,
                low,
                high,
            };
            let (mean, se, _, _) = summary(d, 200_000);
            let expected = (phi_density(low) - phi_density(high)) / (phi_cdf(high) - phi_cdf(low));
            assert!(
                (mean - expected).abs() < 4.0 * se + 1e-5,
                "[{low}, {high}]: {mean} vs {expected} (se {se})"
            );
        }
    }

    #[test]
    fn far_tail_draws_are_exact_and_deterministic() {
        // 40 sd out: rejection from the normal would never hit; the old fallback clamped to 40.
        let d = Distribution::Normal {
            mean: 0.0,
            sd: 1.0,
            low: 40.0,
            high: 41.0,
        };
        let (mean, _, at_low, _) = summary(d, 20_000);
        assert!(at_low < 1e-3);
        // Mills ratio: E[Z | Z > a] ~ a + 1/a for large a (the cut at 41 is immaterial).
        assert!((mean - (40.0 + 1.0 / 40.0)).abs() < 2e-3, "{mean}");
        let (mut u1, mut u2) = (lcg(3), lcg(3));
        let first: Vec<f64> = (0..100).map(|_| d.sample(&mut u1)).collect();
        let second: Vec<f64> = (0..100).map(|_| d.sample(&mut u2)).collect();
        assert_eq!(first, second);
    }

    /// A normal on a field with an open lower bound never draws the bound itself.
    #[test]
    fn open_bounds_are_never_drawn() {
        let d = Distribution::Normal {
            mean: 1.0,
            sd: 1e5,
            low: limits::CEP_M.lowest(),
            high: 2.0,
        };
        let mut uniform01 = lcg(11);
        for _ in 0..100_000 {
            assert!(limits::CEP_M.contains(d.sample(&mut uniform01)));
        }
    }

    /// Two sides, `US` and `Russia`, with one ten-silo element each.
    fn two_sides() -> Scenario {
        use crate::model::{Basing, ForceElement, Side, ValueModel, ValueUnit};
        let side = |name: &str| Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 100.0,
            },
            forces: vec![ForceElement::ballistic(
                "silo",
                Basing::Silo,
                10,
                1,
                300.0,
                200.0,
            )],
            missile_defenses: vec![],
            air_defenses: vec![],
            warhead_storage: vec![],
        };
        Scenario {
            name: "t".into(),
            description: String::new(),
            sides: vec![side("US"), side("Russia")],
            options: Default::default(),
            uncertain: vec![],
        }
    }

    #[test]
    fn canonical_paths_resolve_names_and_aliases() {
        let scenario = two_sides();
        let by_name =
            canonical_path(&scenario, "side[Russia].force[0].generated_launchers").unwrap();
        let by_index = canonical_path(&scenario, "side[1].force[0].launchers.generated").unwrap();
        assert_eq!(by_name, by_index);
    }

    /// A path parsed once sets what `set_field` sets, and its errors name the path as shown.
    #[test]
    fn parsed_paths_set_as_set_field_does() {
        let paths = [
            ("side[Russia].force[silo].cep_m", 150.0),
            ("side[1].force[0].launchers", 7.4),
            ("side[US].force[0].kill_probability.silo", 0.6),
            ("options.cost_exponent", 0.5),
        ];
        let mut by_text = two_sides();
        let mut parsed = two_sides();
        for (path, value) in paths {
            let canonical = canonical_path(&parsed, path).unwrap();
            set_field(&mut by_text, path, value).unwrap();
            ParsedPath::shown_as(&canonical, path)
                .set(&mut parsed, value)
                .unwrap();
        }
        assert_eq!(by_text, parsed);
        assert_eq!(parsed.sides[1].forces[0].launchers, 7);
        let wrong = ParsedPath::shown_as("side[1].force[0].cep_m", "side[Russia].force[0].cep_m")
            .set(&mut parsed, -1.0)
            .unwrap_err()
            .to_string();
        assert!(wrong.contains("side[Russia].force[0].cep_m"), "{wrong}");
        let unknown = ParsedPath::new("side[0].force[0].colour").set(&mut parsed, 1.0);
        assert!(unknown.is_err());
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

    /// Every kind of element, site and layer: a nuclear silo element and a conventional one
    /// on side 0, a storage site, a salvo and a shoot-look-shoot missile-defense layer and an
    /// air defense on side 1.
    fn every_part() -> Scenario {
        use crate::defense::{AirDefense, Coverage, FiringDoctrine, MissileDefenseLayer};
        use crate::model::{Basing, Payload, WarheadStorage};
        let mut s = two_sides();
        let mut conventional = s.sides[0].forces[0].clone();
        conventional.name = "conventional".into();
        conventional.payload = Payload::Conventional;
        conventional.yield_kt = None;
        conventional.kill_probability.set(Basing::Silo, 0.3);
        s.sides[0].forces.push(conventional);
        let victim = &mut s.sides[1];
        victim.warhead_storage.push(WarheadStorage {
            name: "depot".into(),
            detection_probability: 1.0,
            aimpoint_hardness_psi: 300.0,
        });
        let layer = |name: &str, doctrine| MissileDefenseLayer {
            name: name.into(),
            interceptors: 10,
            interceptor_sspk: 0.5,
            doctrine,
            discrimination: 0.8,
            covers: Coverage::Both,
        };
        victim.missile_defenses = vec![
            layer("salvo", FiringDoctrine::Salvo { shots: 2 }),
            layer(
                "sls",
                FiringDoctrine::ShootLookShoot {
                    first: 1,
                    second: 1,
                },
            ),
        ];
        victim.air_defenses.push(AirDefense {
            name: "air".into(),
            bomber_shootdown: 0.2,
            cruise_missile_shootdown: 0.1,
            covers: Coverage::Both,
        });
        s
    }

    /// A field [`PreparedField::range_only`] calls range-only may take any value of its range
    /// (both ends) without making a valid scenario invalid: Monte Carlo relies on it to skip
    /// validating every drawn scenario. A nuclear element's yield is one; a conventional
    /// element's is not, and setting it makes the scenario invalid.
    #[test]
    fn range_only_fields_keep_a_valid_scenario_valid() {
        let base = every_part();
        model_valid(&base);
        let force = [
            "launchers",
            "launchers.generated",
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
            "kill_probability.road-mobile",
        ];
        let mut paths: Vec<String> = (0..2)
            .flat_map(|f| force.iter().map(move |x| format!("side[0].force[{f}].{x}")))
            .collect();
        paths.extend(
            [
                "warhead_storage[0].detection_probability",
                "warhead_storage[0].aimpoint_hardness_psi",
                "missile_defense[0].interceptors",
                "missile_defense[0].interceptor_sspk",
                "missile_defense[0].discrimination",
                "missile_defense[0].interceptors_per_rv",
                "missile_defense[1].shoot_look_shoot.first",
                "missile_defense[1].shoot_look_shoot.second",
                "air_defense[0].bomber_shootdown",
                "air_defense[0].cruise_missile_shootdown",
            ]
            .map(|x| format!("side[1].{x}")),
        );
        let mut checked = 0;
        for path in &paths {
            let field = PreparedField::new(&base, path);
            if !field.range_only(&base) {
                continue;
            }
            let limit = field
                .set(&mut base.clone(), 0.5)
                .unwrap_or_else(|_| field.set(&mut base.clone(), 1.0).unwrap());
            for value in [limit.lowest(), limit.max] {
                let mut s = base.clone();
                field.set(&mut s, value).unwrap();
                assert!(crate::model::validate(&s).is_ok(), "{path} = {value}");
            }
            checked += 1;
        }
        assert!(checked >= 20, "{checked} range-only fields");
        let yield_on_conventional = PreparedField::new(&base, "side[0].force[1].yield_kt");
        assert!(!yield_on_conventional.range_only(&base));
        let mut s = base.clone();
        yield_on_conventional.set(&mut s, 100.0).unwrap();
        assert!(crate::model::validate(&s).is_err());
    }

    /// A [`DirectField`] writes what [`PreparedField::set`] writes, to the bit, at the ends of
    /// the range and inside it, and refuses (writing nothing) what `set` refuses; counts,
    /// fields set through a path and fields with side effects are not direct.
    #[test]
    fn direct_fields_write_what_set_writes() {
        let base = every_part();
        let direct = [
            "yield_kt",
            "cep_m",
            "bias_m",
            "reliability",
            "launch_survival",
            "aimpoint_hardness_psi",
            "detection_probability",
        ];
        for (f, x) in (0..2).flat_map(|f| direct.map(|x| (f, x))) {
            let path = format!("side[0].force[{f}].{x}");
            let field = PreparedField::new(&base, &path);
            let fast = field.direct(&base).unwrap_or_else(|| panic!("{path}"));
            let limit = field
                .set(&mut base.clone(), 0.5)
                .unwrap_or_else(|_| field.set(&mut base.clone(), 1.0).unwrap());
            let inside = 0.5 * (limit.lowest() + limit.max.min(1e4));
            for value in [limit.lowest(), inside, limit.max] {
                let (mut by_set, mut by_direct) = (base.clone(), base.clone());
                field.set(&mut by_set, value).unwrap();
                assert!(fast.set(&mut by_direct, value), "{path} = {value}");
                assert_eq!(by_direct, by_set, "{path} = {value}");
            }
            for value in [limit.min - 1.0, limit.max * 2.0, f64::NAN] {
                let mut s = base.clone();
                assert!(
                    field.set(&mut s.clone(), value).is_err(),
                    "{path} = {value}"
                );
                assert!(!fast.set(&mut s, value), "{path} = {value}");
                assert_eq!(s, base, "{path} = {value}: nothing written");
            }
        }
        for path in [
            "side[0].force[0].launchers",
            "side[0].force[0].warheads_per_launcher",
            "side[0].force[0].striker_availability.generated",
            "side[0].force[0].kill_probability.silo",
            "options.cost_exponent",
        ] {
            assert!(
                PreparedField::new(&base, path).direct(&base).is_none(),
                "{path}"
            );
        }
    }

    fn model_valid(s: &Scenario) {
        if let Err(errors) = crate::model::validate(s) {
            panic!("{errors:?}");
        }
    }
}
