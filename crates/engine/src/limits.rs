//! Valid ranges of every numeric input, defined once: the engine validates against them, the
//! scenario layer reports them and truncates distributions to them. Every range is one the engine
//! computes over without overflow (tested at both ends of every range). The size caps ([`size`])
//! bound the memory and time of every command.

use crate::error::EngineError;
use crate::model::{ForceElement, Scenario, Side};
use crate::montecarlo::Planning;
use crate::params;
use crate::physics::LethalRadiusModel;

/// A closed or half-open interval, optionally integer-valued.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub min: f64,
    pub max: f64,
    /// The lower bound itself is not allowed (yield, CEP, w80 must be > 0).
    pub min_exclusive: bool,
    pub integer: bool,
    /// Why the range stops where it does, when that is not obvious (shown in error messages).
    pub reason: &'static str,
}

impl Limit {
    const fn real(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
            integer: false,
            reason: "",
        }
    }
    const fn positive(max: f64) -> Self {
        Self {
            min: 0.0,
            max,
            min_exclusive: true,
            integer: false,
            reason: "",
        }
    }
    const fn count(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
            integer: true,
            reason: "",
        }
    }
    const fn because(self, reason: &'static str) -> Self {
        Self { reason, ..self }
    }

    /// The smallest valid value: the next number above an exclusive lower bound, so that a
    /// distribution truncated to [lowest, max] never yields the excluded bound itself.
    pub fn lowest(&self) -> f64 {
        if self.min_exclusive {
            self.min.next_up()
        } else {
            self.min
        }
    }

    /// Whether `value` lies in the range, whole or not (a distribution's bounds on a count field
    /// need not be whole: its draws are rounded).
    pub fn in_range(&self, value: f64) -> bool {
        value.is_finite() && value >= self.lowest() && value <= self.max
    }

    #[inline]
    pub fn contains(&self, value: f64) -> bool {
        self.in_range(value) && (!self.integer || is_whole(value))
    }

    /// The range in words, for error messages: "0 to 1", "> 0 and <= 100000", "an integer 0 to 50000".
    pub fn describe(&self) -> String {
        let range = if self.min_exclusive {
            format!("> {} and <= {}", show(self.min), show(self.max))
        } else {
            format!("{} to {}", show(self.min), show(self.max))
        };
        let range = if self.integer {
            format!("an integer {range}")
        } else {
            range
        };
        if self.reason.is_empty() {
            range
        } else {
            format!("{range}: {}", self.reason)
        }
    }
}

/// A number as a person reads it in a message: plain between 1e-6 and 1e15, else short
/// scientific (`1e308`, not 309 digits).
pub fn show(value: f64) -> String {
    let magnitude = value.abs();
    if value == 0.0 || (1e-6..1e15).contains(&magnitude) || !value.is_finite() {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

pub const PROBABILITY: Limit = Limit::real(0.0, 1.0);
/// Largest arsenals ever fielded were ~70,000 warheads in all; per element far fewer.
pub const LAUNCHERS: Limit = Limit::count(0.0, 100_000.0);
/// Largest MIRV loads discussed publicly are 10-15 (SS-18, Sarmat claims); bombers carry up to 20 ALCMs.
pub const WARHEADS_PER_LAUNCHER: Limit = Limit::count(1.0, 64.0);
/// Tsar Bomba was ~50 Mt.
pub const YIELD_KT: Limit = Limit::positive(100_000.0);
pub const CEP_M: Limit = Limit::positive(100_000.0);
pub const BIAS_M: Limit = Limit::real(0.0, 100_000.0);
/// 0.5 psi breaks windows; the hardest claimed silos are ~25,000 psi. Below 0.5 psi a burst
/// destroys nothing a target list holds, and the cube-root radius grows without bound (at
/// 1e-309 psi it overflows), so the range stops there.
pub const HARDNESS_PSI: Limit = Limit::real(0.5, 100_000.0)
    .because("0.5 psi, the overpressure that breaks windows, is the softest target the blast model represents");
/// The `brown-1976` fit (T. Brown 1976) is for hardened targets: its denominator
/// 0.068 h - 0.23 sqrt(h) + 0.191 is not positive from 2.1 to 3.7 psi, and below about 61.5 psi its
/// radius exceeds Davis & Schilling's by more than 10 % (1.57 x at 10 psi, 4.2 x at 4 psi). From
/// 100 psi up the two agree within 6 %.
pub const BROWN_1976_HARDNESS_PSI: Limit = Limit::real(100.0, 100_000.0).because(
    "the brown-1976 fit is for hardened targets; below 100 psi it departs from davis-schilling (1.57 x at 10 psi, 4.2 x at 4 psi; undefined at 2.1-3.7 psi): use davis-schilling for softer targets",
);

/// The valid hardness range under a lethal-radius model.
pub fn hardness_psi(model: LethalRadiusModel) -> Limit {
    match model {
        LethalRadiusModel::DavisSchilling => HARDNESS_PSI,
        LethalRadiusModel::Brown1976 => BROWN_1976_HARDNESS_PSI,
    }
}
pub const LAUNCHERS_PER_AIMPOINT: Limit = Limit::count(1.0, 10_000.0);
pub const W80: Limit = Limit::positive(1_000_000.0);
pub const MAX_WARHEADS_PER_AIMPOINT: Limit = Limit::count(1.0, 16.0);
pub const COST_EXPONENT: Limit = Limit::positive(10.0);
pub const COST_SURCHARGE: Limit = Limit::real(0.0, 10.0);
pub const INTERCEPTORS: Limit = Limit::count(0.0, 1_000_000.0);
pub const INTERCEPTORS_PER_RV: Limit = Limit::count(1.0, 64.0);

/// Size caps: they bound the memory and time of every command, whatever the file asks for.
/// Each is far above any real posture (the built-ins have at most 11 elements and 1,700
/// warheads a side) and low enough that the largest accepted scenario analyses in seconds
/// (docs/scenario-format.md, "Size limits").
pub mod size {
    /// The two-side analysis compares two sides (Kent & Thaler); more go to `multilateral`.
    pub const SIDES: usize = 2;
    /// Sides of an N-side analysis (`multilateral`: `analyze` and `sweep`). Each ordered pair is
    /// one exchange plus the third parties' strikes, so work grows as N^3.
    pub const MULTILATERAL_SIDES: usize = 8;
    /// Force elements per side: a detailed order of battle needs a few dozen.
    pub const FORCE_ELEMENTS: usize = 64;
    pub const MISSILE_DEFENSE_LAYERS: usize = 8;
    pub const AIR_DEFENSE_LAYERS: usize = 8;
    pub const WARHEAD_STORAGE_SITES: usize = 64;
    /// Launchers x warheads per launcher over a side's elements, at either alert and at the
    /// upper bound of any distribution. The largest arsenal ever (USSR, 1986) held about 40,000
    /// warheads. Time, memory and the draw-down curve grow with this number.
    pub const WARHEADS_PER_SIDE: u64 = 100_000;
    /// Monte Carlo trials are kept in memory for exact quantiles.
    pub const TRIALS: u64 = 1_000_000;
    /// Trials x work units ([`super::work_units`]) with plans made once: about 2 ns of one core
    /// per unit on the largest accepted scenario, so at most about 2 minutes of one core.
    pub const TRIAL_WORK: u64 = 60_000_000_000;
    /// The same with `--planning informed`, which plans again in every trial (about 16 ns per
    /// unit on the largest scenario).
    pub const INFORMED_TRIAL_WORK: u64 = 8_000_000_000;
    /// Trials x force elements of both sides: each trial keeps a few numbers per element, so
    /// this bounds the memory of `--trials` (about 8 bytes per unit: under 1 GB at the cap).
    pub const TRIAL_ELEMENTS: u64 = 100_000_000;
    /// Points of a sweep grid (each is kept in memory), and grid points x work units: each
    /// point is one analysis (about 12 ns of one core per unit on the largest scenario).
    pub const SWEEP_POINTS: usize = 1_000_000;
    pub const SWEEP_WORK: u64 = 10_000_000_000;
    /// Steps of one sweep axis.
    pub const SWEEP_STEPS: usize = 10_000;
}

/// Warheads of each side at the upper bound of every count (either alert, the high end of any
/// distribution on a count): what the size caps are checked against.
pub fn most_warheads(scenario: &Scenario) -> Vec<u64> {
    let widest = widest_counts(scenario);
    let scenario = widest.as_ref().unwrap_or(scenario);
    scenario.sides.iter().map(side_warheads).collect()
}

fn side_warheads(side: &Side) -> u64 {
    side.forces.iter().map(element_warheads).sum()
}

fn element_warheads(force: &ForceElement) -> u64 {
    let launchers = force.launchers.max(force.generated_launchers.unwrap_or(0));
    u64::from(launchers) * u64::from(force.warheads_per_launcher)
}

/// A copy with every uncertain input at its upper bound, when there are any.
fn widest_counts(scenario: &Scenario) -> Option<Scenario> {
    // Only counts move the warheads: without an uncertain count, no copy (validation runs once
    // per analysis, and Monte Carlo and sweeps analyse thousands of times).
    let counts = |input: &&params::UncertainInput| input.paths.iter().any(|p| sets_a_count(p));
    if !scenario.uncertain.iter().any(|input| counts(&input)) {
        return None;
    }
    let mut widest = scenario.clone();
    for input in scenario.uncertain.iter().filter(counts) {
        for path in &input.paths {
            // A path that cannot be set is reported by validation; only the counts matter here.
            let _ = params::set_field(&mut widest, path, input.distribution.upper());
        }
    }
    // `set_field` on `launchers` forgets a separate generated count: keep the original's.
    for (side, original) in widest.sides.iter_mut().zip(&scenario.sides) {
        for (force, was) in side.forces.iter_mut().zip(&original.forces) {
            if force.generated_launchers.is_none() {
                force.generated_launchers = was.generated_launchers;
            }
        }
    }
    Some(widest)
}

/// Whether a field path may set a count that [`element_warheads`] reads (launchers at either
/// alert, warheads per launcher). Errs on the side of yes: a false yes only costs a copy.
/// The same as `path.contains("launchers") || path.contains("warheads_per_launcher")`, in one
/// pass (validation runs once per analysis, and us-russia-2021 has 22 uncertain inputs): both
/// words hold "launcher", followed by "s" in the one and preceded by "warheads_per_" in the
/// other.
fn sets_a_count(path: &str) -> bool {
    const STEM: &[u8] = b"launcher";
    const PREFIX: &[u8] = b"warheads_per_";
    let bytes = path.as_bytes();
    let mut from = 0;
    while let Some(k) = first_l(&bytes[from..]) {
        let i = from + k;
        if bytes[i..].starts_with(STEM)
            && (bytes.get(i + STEM.len()) == Some(&b's') || bytes[..i].ends_with(PREFIX))
        {
            return true;
        }
        from = i + 1;
    }
    false
}

/// The first `l` in `bytes`, eight bytes at a time: x ^ "llllllll" has a zero byte where `l`
/// is, and (y - 0x01..) & !y & 0x80.. marks the first zero byte exactly (borrows only
/// propagate upwards from a true zero).
fn first_l(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(b'l');
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let y = u64::from_le_bytes(word) ^ pattern;
        let found = y.wrapping_sub(ONES) & !y & HIGHS;
        if found != 0 {
            return Some(base + (found.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(|&b| b == b'l').map(|k| base + k)
}

/// Whether a value (already in range, so finite) is a whole number: `fract() == 0` without the
/// libm call where the value fits an integer exactly.
#[inline]
fn is_whole(value: f64) -> bool {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52: every f64 above it is whole
    if value.abs() < EXACT {
        (value as i64) as f64 == value
    } else {
        value.is_finite()
    }
}

/// Checks the size caps: counts of sides, elements and layers, and warheads per side. Errors
/// name the first element beyond a cap (or the largest element of a side with too many
/// warheads), so the scenario layer can point at it.
pub fn check_size(scenario: &Scenario) -> Vec<EngineError> {
    check_size_sides(scenario, size::SIDES)
}

/// As [`check_size`] for a command that handles up to `max_sides` sides.
pub fn check_size_sides(scenario: &Scenario, max_sides: usize) -> Vec<EngineError> {
    // More sides than the cap is refused by the model's one side-count rule.
    let mut errors: Vec<EngineError> = crate::model::side_count_error_for(scenario, max_sides)
        .filter(|_| scenario.sides.len() > max_sides)
        .into_iter()
        .collect();
    for (s, side) in scenario.sides.iter().enumerate() {
        let lists = [
            ("force", side.forces.len(), size::FORCE_ELEMENTS),
            (
                "missile_defense",
                side.missile_defenses.len(),
                size::MISSILE_DEFENSE_LAYERS,
            ),
            (
                "air_defense",
                side.air_defenses.len(),
                size::AIR_DEFENSE_LAYERS,
            ),
            (
                "warhead_storage",
                side.warhead_storage.len(),
                size::WARHEAD_STORAGE_SITES,
            ),
        ];
        for (list, found, cap) in lists {
            if found > cap {
                errors.push(EngineError::rule(
                    format!("side[{s}].{list}[{cap}]"),
                    format!("at most {cap} [[side.{list}]] entries per side (found {found})"),
                ));
            }
        }
    }
    if errors.is_empty() {
        errors.extend(check_warheads(scenario));
    }
    errors
}

fn check_warheads(scenario: &Scenario) -> Option<EngineError> {
    // As `most_warheads`, without collecting (validation runs once per analysis).
    let widest = widest_counts(scenario);
    let (s, total) = (widest.as_ref().unwrap_or(scenario).sides.iter())
        .map(side_warheads)
        .enumerate()
        .find(|(_, w)| *w > size::WARHEADS_PER_SIDE)?;
    let side = &scenario.sides[s];
    // The first of the largest elements (`max_by_key` keeps the last of equals).
    let largest = (0..side.forces.len())
        .rev()
        .max_by_key(|&f| element_warheads(&side.forces[f]))
        .unwrap_or(0);
    Some(EngineError::rule(
        format!("side[{s}].force[{largest}].launchers"),
        format!(
            "side `{}` has up to {total} warheads (launchers x warheads_per_launcher over its elements, at either alert and at the top of any distribution); at most {} per side",
            side.name,
            size::WARHEADS_PER_SIDE
        ),
    ))
}

/// The work of one analysis or Monte Carlo trial, in units of one warhead (of either side)
/// times one force element or missile-defense layer (of either side): the allocation and the
/// draws of a trial grow about in proportion to it (measured on the built-ins and on the largest
/// accepted scenario, within a factor of 4).
pub fn work_units(scenario: &Scenario) -> u64 {
    let warheads: u64 = most_warheads(scenario).iter().sum();
    let lists: usize = scenario
        .sides
        .iter()
        .map(|s| s.forces.len() + s.missile_defenses.len())
        .sum();
    (warheads * lists as u64).max(1)
}

/// The largest `--trials` for this scenario and planning, and which cap sets it.
pub fn max_trials(scenario: &Scenario, planning: Planning) -> (u64, &'static str) {
    let elements: u64 = scenario.sides.iter().map(|s| s.forces.len() as u64).sum();
    let (work, why) = match planning {
        Planning::Fixed => (
            size::TRIAL_WORK,
            "trials x warheads x elements and defense layers bounds the time",
        ),
        Planning::Informed => (
            size::INFORMED_TRIAL_WORK,
            "trials x warheads x elements and defense layers bounds the time; each informed trial plans again",
        ),
    };
    [
        (
            size::TRIALS,
            "trials are kept in memory for exact quantiles",
        ),
        (work / work_units(scenario), why),
        (
            size::TRIAL_ELEMENTS / elements.max(1),
            "trials x force elements bounds the memory",
        ),
    ]
    .into_iter()
    .min_by_key(|(n, _)| *n)
    .map(|(n, why)| (n.max(1), why))
    .expect("three caps")
}

/// The largest sweep grid for this scenario, and which cap sets it.
pub fn max_sweep_points(scenario: &Scenario) -> (usize, &'static str) {
    let by_work = usize::try_from(size::SWEEP_WORK / work_units(scenario)).unwrap_or(usize::MAX);
    if by_work < size::SWEEP_POINTS {
        (
            by_work.max(1),
            "grid points x warheads x elements and defense layers bounds the time",
        )
    } else {
        (size::SWEEP_POINTS, "every point is kept in memory")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basing, ModelOptions, Side, ValueModel, ValueUnit};
    use crate::params::{Distribution, UncertainInput};

    #[test]
    fn limits_reject_what_they_should() {
        assert!(PROBABILITY.contains(0.0) && PROBABILITY.contains(1.0));
        assert!(!PROBABILITY.contains(1.0001) && !PROBABILITY.contains(f64::NAN));
        assert!(!YIELD_KT.contains(0.0) && YIELD_KT.contains(0.001));
        assert!(!LAUNCHERS.contains(-1.0) && !LAUNCHERS.contains(2.5) && LAUNCHERS.contains(400.0));
        assert_eq!(LAUNCHERS.describe(), "an integer 0 to 100000");
        assert_eq!(YIELD_KT.describe(), "> 0 and <= 100000");
    }

    proptest::proptest! {
        /// The one-pass path test says what the two substring searches said.
        #[test]
        fn sets_a_count_is_the_two_substring_searches(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "side[0]", ".", "force[2]", "launchers", "launcher", "warheads_per_", "s",
                "warheads_per_launcher", "generated", "launchers_per_aimpoint", "l", "[A.b]",
            ]), 0..6),
        ) {
            let path: String = words.concat();
            let two = path.contains("launchers") || path.contains("warheads_per_launcher");
            proptest::prop_assert_eq!(sets_a_count(&path), two, "{}", path);
        }

        /// `first_l` finds the first `l` as a plain search does, at any offset and length.
        #[test]
        fn first_l_is_the_first_l(bytes in proptest::collection::vec(proptest::sample::select(vec![b'l', b'k', b'm', 0x6c ^ 0x80, 0, b'.']), 0..40)) {
            proptest::prop_assert_eq!(first_l(&bytes), bytes.iter().position(|&b| b == b'l'));
        }

        /// `is_whole` is `fract() == 0` on finite values.
        #[test]
        fn is_whole_is_fract_zero(value in proptest::prop_oneof![
            -1e6f64..1e6, proptest::strategy::Strategy::prop_map(-100_000i64..100_000, |n| n as f64), proptest::num::f64::NORMAL,
            proptest::strategy::Just(4_503_599_627_370_496.5f64), proptest::strategy::Just(-0.0f64),
        ]) {
            proptest::prop_assert_eq!(is_whole(value), value.fract() == 0.0, "{}", value);
        }
    }

    #[test]
    fn exclusive_bounds_have_a_lowest_valid_value() {
        assert!(CEP_M.lowest() > 0.0 && CEP_M.contains(CEP_M.lowest()));
        assert_eq!(PROBABILITY.lowest(), 0.0);
        assert!(LAUNCHERS.in_range(2.5) && !LAUNCHERS.contains(2.5));
        assert!(!CEP_M.in_range(0.0));
    }

    #[test]
    fn numbers_in_messages_are_short() {
        assert_eq!(show(1e308), "1e308");
        assert_eq!(show(1e-320), "1e-320");
        assert_eq!(show(2000.0), "2000");
        assert_eq!(show(0.25), "0.25");
    }

    // The brown-1976 range starts where the fit agrees with davis-schilling within 10 %.
    #[test]
    fn brown_range_starts_where_the_fit_agrees() {
        use crate::physics::lethal_radius_m;
        let ratio = |h: f64| {
            lethal_radius_m(1000.0, h, LethalRadiusModel::Brown1976).unwrap()
                / lethal_radius_m(1000.0, h, LethalRadiusModel::DavisSchilling).unwrap()
        };
        let lowest = BROWN_1976_HARDNESS_PSI.min;
        assert!((ratio(lowest) - 1.0).abs() < 0.06, "{}", ratio(lowest));
        for h in [lowest, 300.0, 1000.0, 10_000.0, 100_000.0] {
            assert!((ratio(h) - 1.0).abs() <= 0.1, "{h} psi: {}", ratio(h));
        }
        assert!(!hardness_psi(LethalRadiusModel::Brown1976).contains(10.0));
        assert!(hardness_psi(LethalRadiusModel::DavisSchilling).contains(10.0));
    }

    fn side(name: &str, elements: usize, launchers: u32, per_launcher: u32) -> Side {
        Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 100.0,
            },
            forces: (0..elements)
                .map(|f| {
                    ForceElement::ballistic(
                        &format!("e{f}"),
                        Basing::Silo,
                        launchers,
                        per_launcher,
                        300.0,
                        100.0,
                    )
                })
                .collect(),
            missile_defenses: Vec::new(),
            air_defenses: Vec::new(),
            warhead_storage: Vec::new(),
        }
    }

    fn scenario(sides: Vec<Side>) -> Scenario {
        Scenario {
            name: "size".into(),
            description: String::new(),
            sides,
            options: ModelOptions::default(),
            uncertain: Vec::new(),
        }
    }

    fn fields(errors: &[EngineError]) -> Vec<&str> {
        errors.iter().filter_map(EngineError::field).collect()
    }

    #[test]
    fn size_caps_name_the_first_entry_beyond_them() {
        let at_cap = scenario(vec![
            side("A", size::FORCE_ELEMENTS, 1, 1),
            side("B", 1, 1, 1),
        ]);
        assert!(check_size(&at_cap).is_empty());
        let over = scenario(vec![
            side("A", size::FORCE_ELEMENTS + 1, 1, 1),
            side("B", 1, 1, 1),
        ]);
        assert_eq!(fields(&check_size(&over)), ["side[0].force[64]"]);
        let three = scenario(vec![
            side("A", 1, 1, 1),
            side("B", 1, 1, 1),
            side("C", 1, 1, 1),
        ]);
        assert_eq!(fields(&check_size(&three)), ["side[2]"]);
        assert!(crate::model::validate(&over).is_err());
    }

    #[test]
    fn warheads_per_side_are_capped_at_the_largest_element() {
        // 16 elements of 100,000 launchers x 1 (the 16 GB file) and one of 1,563 x 64.
        let big = scenario(vec![side("A", 1, 1, 1), side("B", 16, 100_000, 1)]);
        let errors = check_size(&big);
        assert_eq!(fields(&errors), ["side[1].force[0].launchers"]);
        assert!(errors[0].to_string().contains("at most 100000 per side"));
        let mirv = scenario(vec![side("A", 1, 1_563, 64), side("B", 1, 1, 1)]);
        assert_eq!(most_warheads(&mirv), [100_032, 1]);
        assert_eq!(check_size(&mirv).len(), 1);
        let just = scenario(vec![side("A", 1, 1_562, 64), side("B", 1, 1, 1)]);
        assert!(check_size(&just).is_empty());
    }

    #[test]
    fn warheads_count_the_generated_alert_and_the_top_of_distributions() {
        let mut generated = scenario(vec![side("A", 1, 10, 1), side("B", 1, 1, 1)]);
        generated.sides[0].forces[0].generated_launchers = Some(100_001);
        assert_eq!(most_warheads(&generated)[0], 100_001);
        let mut drawn = scenario(vec![side("A", 1, 10, 10), side("B", 1, 1, 1)]);
        drawn.uncertain.push(UncertainInput {
            paths: vec!["side[0].force[0].launchers".into()],
            distribution: Distribution::Triangular {
                low: 5.0,
                mode: 10.0,
                high: 20_000.0,
            },
        });
        assert_eq!(most_warheads(&drawn)[0], 200_000);
        assert_eq!(fields(&check_size(&drawn)), ["side[0].force[0].launchers"]);
    }

    #[test]
    fn trial_and_sweep_caps_shrink_with_the_scenario() {
        let small = scenario(vec![side("A", 1, 10, 1), side("B", 1, 10, 1)]);
        assert_eq!(work_units(&small), 40);
        assert_eq!(max_trials(&small, Planning::Fixed).0, size::TRIALS);
        assert_eq!(max_sweep_points(&small).0, size::SWEEP_POINTS);
        // 200,000 warheads x 4 elements: 800,000 units.
        let large = scenario(vec![side("A", 2, 50_000, 1), side("B", 2, 50_000, 1)]);
        assert_eq!(max_trials(&large, Planning::Fixed).0, 75_000);
        assert_eq!(max_trials(&large, Planning::Informed).0, 10_000);
        assert_eq!(max_sweep_points(&large).0, 12_500);
        let many = scenario(vec![side("A", 64, 1, 1), side("B", 64, 1, 1)]);
        assert_eq!(max_trials(&many, Planning::Fixed).0, 781_250);
    }
}
