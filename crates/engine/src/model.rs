//! Validated engine inputs: sides, force elements, postures, value and model options
//! (model.md sections 2-4). Field names match the scenario format so that an error path
//! such as `side[1].force[0].launchers` means the same thing in both layers.

use crate::defense::{AirDefense, Coverage, FiringDoctrine, MissileDefenseLayer};
use crate::error::EngineError;
use crate::limits::{self, Limit};
use crate::physics::LethalRadiusModel;

/// How the weapon travels. Missile defense engages ballistic RVs only; air defense engages aircraft
/// and cruise missiles; glide vehicles are engaged by neither (a documented model choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    BallisticMissile,
    CruiseMissile,
    Aircraft,
    GlideVehicle,
}

/// Where the launchers live. The basing is also the target class that a direct kill probability
/// names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basing {
    Silo,
    RoadMobile,
    Submarine,
    AirBase,
    SurfaceShip,
    /// Not a launcher basing: the target class of a warhead storage site (Wu 2020), so that
    /// weapons can carry a kill probability against it.
    WarheadStorage,
}

impl Basing {
    /// Every target class, in the order of the kill-probability table.
    pub const ALL: [Basing; 6] = [
        Basing::Silo,
        Basing::RoadMobile,
        Basing::Submarine,
        Basing::AirBase,
        Basing::SurfaceShip,
        Basing::WarheadStorage,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Silo => "silo",
            Self::RoadMobile => "road-mobile",
            Self::Submarine => "submarine",
            Self::AirBase => "air-base",
            Self::SurfaceShip => "surface-ship",
            Self::WarheadStorage => "warhead-storage",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Fixed forces (silos) are all used by a striker; the rest count as survivable
    /// (Kent & Thaler R-3765 p. 34).
    pub fn is_fixed(self) -> bool {
        self == Basing::Silo
    }
}

impl Delivery {
    pub fn name(self) -> &'static str {
        match self {
            Self::BallisticMissile => "ballistic-missile",
            Self::CruiseMissile => "cruise-missile",
            Self::Aircraft => "aircraft",
            Self::GlideVehicle => "glide-vehicle",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    Nuclear,
    Conventional,
}

/// Alert posture of a side's forces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alert {
    DayToDay,
    Generated,
}

impl Alert {
    pub fn name(self) -> &'static str {
        match self {
            Self::DayToDay => "day-to-day",
            Self::Generated => "generated",
        }
    }
}

/// A share that depends on the alert posture.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ByAlert {
    pub day_to_day: f64,
    pub generated: f64,
}

impl ByAlert {
    pub fn at(&self, alert: Alert) -> f64 {
        match alert {
            Alert::DayToDay => self.day_to_day,
            Alert::Generated => self.generated,
        }
    }
}

/// Direct kill probabilities of one weapon against each target class (indexed by the victim's
/// basing). `None` means: use the physics (nuclear) or 0 (conventional).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KillProbabilities([Option<f64>; 6]);

impl KillProbabilities {
    pub fn get(&self, target: Basing) -> Option<f64> {
        self.0[target.index()]
    }
    pub fn set(&mut self, target: Basing, probability: f64) {
        self.0[target.index()] = Some(probability);
    }
    pub fn covers_every_class(&self) -> bool {
        self.0.iter().all(Option::is_some)
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// A group of identical launchers.
#[derive(Debug, Clone, PartialEq)]
pub struct ForceElement {
    pub name: String,
    pub delivery: Delivery,
    pub basing: Basing,
    pub payload: Payload,
    /// Launchers in this element at day-to-day alert (and at generated alert unless
    /// `generated_launchers` says otherwise: a posture can move launchers between elements,
    /// as Wu 2020's de-alerted and dispersed Chinese missiles).
    pub launchers: u32,
    pub generated_launchers: Option<u32>,
    pub warheads_per_launcher: u32,
    /// Yield of one warhead. `None` for conventional weapons.
    pub yield_kt: Option<f64>,
    /// Circular error probable. `None` when every kill probability is given directly.
    pub cep_m: Option<f64>,
    /// Systematic aim-point offset (0 for none).
    pub bias_m: f64,
    /// Probability that a launcher launches and its warheads arrive working (per launcher).
    pub reliability: f64,
    /// Arrives before the victim can launch under attack (ballistic missiles, glide vehicles).
    pub prompt: bool,
    /// Share of launchers that cannot be targeted at each alert posture.
    pub untargetable_share: ByAlert,
    pub launchers_per_aimpoint: u32,
    pub aimpoint_hardness_psi: f64,
    /// Probability that a targetable aimpoint of this element is found by the striker.
    pub detection_probability: f64,
    pub kill_probability: KillProbabilities,
    /// Whether these launchers can launch on warning of an attack (targeted silo and garrison
    /// ICBMs by default).
    pub can_launch_under_attack: bool,
    /// Probability that a launcher that survives a strike gets its weapons off when retaliating
    /// (movement to a launch pad, preparation under surveillance: Wu 2020). 1 by default.
    pub launch_survival: f64,
    /// Index into the side's `warhead_storage`: the warheads are stored apart from the launchers
    /// and are lost if that site is destroyed (Wu 2020). `None`: warheads are with the launchers.
    pub warhead_storage: Option<usize>,
    /// Share of this element's launchers its own side can use when it strikes first, at each of
    /// its alert postures (bombers unloaded day-to-day cannot strike). `None`: the model option
    /// for fixed or survivable forces (R-3765 p. 34).
    pub striker_availability: Option<ByAlert>,
    /// Launchers that exist but are not deployed, for treaty counting (arms_control::treaty).
    pub accountability: Accountability,
}

/// Launchers of an element that treaties count but the exchange does not: they carry no
/// warheads and are not aimpoints. Both 0 by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accountability {
    /// Non-deployed launchers (empty silos and tubes, launchers in overhaul, test and training
    /// launchers, non-deployed bombers).
    pub non_deployed_launchers: u32,
    /// Launchers the owner removed from accountability (converted SLBM tubes, bombers converted
    /// to non-nuclear arms, training silos): counted only under disputed counting.
    pub converted_launchers: u32,
    /// The most warheads one launcher can carry (upload capacity): bounds the posture search.
    /// `None`: as loaded.
    pub max_warheads_per_launcher: Option<u32>,
}

impl ForceElement {
    /// Launchers in this element at an alert posture.
    pub fn launchers_at(&self, alert: Alert) -> u32 {
        match alert {
            Alert::DayToDay => self.launchers,
            Alert::Generated => self.generated_launchers.unwrap_or(self.launchers),
        }
    }

    pub fn warheads_at(&self, alert: Alert) -> u64 {
        u64::from(self.launchers_at(alert)) * u64::from(self.warheads_per_launcher)
    }

    /// Warheads at day-to-day alert.
    pub fn warheads(&self) -> u64 {
        self.warheads_at(Alert::DayToDay)
    }
    pub fn is_nuclear(&self) -> bool {
        self.payload == Payload::Nuclear
    }

    /// Share of the launchers a striker uses at its alert posture: the element's own statement,
    /// or the model default for its basing.
    pub fn striker_share(&self, alert: Alert, options: &ModelOptions) -> f64 {
        self.striker_availability.map_or_else(
            || options.striker_availability(self.basing),
            |a| a.at(alert),
        )
    }

    /// Ballistic missiles and glide vehicles in silos or road-mobile garrisons: launchers that
    /// can fire within the warning time of an attack, whatever their payload's delivery.
    pub fn launch_ready_by_default(delivery: Delivery, basing: Basing) -> bool {
        matches!(
            delivery,
            Delivery::BallisticMissile | Delivery::GlideVehicle
        ) && matches!(basing, Basing::Silo | Basing::RoadMobile)
    }
}

/// What "arriving weapons" are counted in when value damage is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueUnit {
    Warheads,
    EquivalentMegatons,
}

impl ValueUnit {
    pub fn name(self) -> &'static str {
        match self {
            Self::Warheads => "warheads",
            Self::EquivalentMegatons => "equivalent-megatons",
        }
    }
}

/// A side's value: D(w) = 1 - 0.2^(w / w80), w80 destroying 80 % of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueModel {
    pub unit: ValueUnit,
    pub w80: f64,
}

impl ValueModel {
    /// Share of value destroyed by `arriving` weapons (in this model's unit).
    pub fn damage(&self, arriving: f64) -> f64 {
        // 1 - 0.2^(w / w80), as -expm1(w ln 0.2 / w80): exact near 0 and cheaper than powf.
        const LN_0_2: f64 = std::f64::consts::LN_2 - std::f64::consts::LN_10;
        -(arriving.max(0.0) * LN_0_2 / self.w80).exp_m1()
    }
}

/// A site where warheads are stored apart from their launchers (Wu 2020): one aimpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct WarheadStorage {
    pub name: String,
    pub detection_probability: f64,
    pub aimpoint_hardness_psi: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    pub name: String,
    pub value: ValueModel,
    pub forces: Vec<ForceElement>,
    pub missile_defenses: Vec<MissileDefenseLayer>,
    pub air_defenses: Vec<AirDefense>,
    pub warhead_storage: Vec<WarheadStorage>,
}

impl Side {
    /// Nuclear warheads at day-to-day alert.
    pub fn nuclear_warheads(&self) -> u64 {
        self.nuclear_warheads_at(Alert::DayToDay)
    }

    pub fn nuclear_warheads_at(&self, alert: Alert) -> u64 {
        self.forces
            .iter()
            .filter(|f| f.is_nuclear())
            .map(|f| f.warheads_at(alert))
            .sum()
    }
}

/// When slow weapons (bombers, cruise missiles) arrive, relative to the victim's retaliation.
/// A modelling choice the literature leaves open; model.md section 4 documents both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlowWeaponTiming {
    /// Hours after the prompt wave (default): victim launchers of prompt (ballistic or glide)
    /// elements that survive the prompt wave have fired before slow weapons arrive, so slow
    /// weapons never count against them, whether or not the victim launches under attack.
    /// Slow weapons still destroy slow forces (bombers on their bases) and storage sites.
    #[default]
    AfterRetaliation,
    /// With the prompt wave: slow weapons kill what stays on its aimpoints as prompt ones do
    /// (the timing-free simplification of an exchange model without a clock).
    WithPromptWave,
}

impl SlowWeaponTiming {
    pub fn name(self) -> &'static str {
        match self {
            Self::AfterRetaliation => "after-retaliation",
            Self::WithPromptWave => "with-prompt-wave",
        }
    }
}

/// How bursts on one aimpoint interfere with later warheads (Richelson 1980, pp. 788-789:
/// neutron effects, blast and lofted debris). The integer cap always applies.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Fratricide {
    /// Only the cap: up to `max_warheads_per_aimpoint` warheads arrive unharmed (default).
    #[default]
    Cap,
    /// Each earlier warhead committed to the aimpoint destroys a later one with probability
    /// `per_burst`: the k-th warhead's kill probability is multiplied by (1 - per_burst)^(k-1),
    /// so fratricide can only lower a kill probability (the sign the Tecott & Halterman code
    /// gets wrong; reference/literature.md section 1.5).
    Degradation { per_burst: f64 },
}

impl Fratricide {
    /// Factor on the kill probability of a warhead with `earlier` warheads already committed.
    pub fn factor(self, earlier: usize) -> f64 {
        match self {
            Self::Cap => 1.0,
            Self::Degradation { per_burst } => (1.0 - per_burst).powi(earlier.min(64) as i32),
        }
    }
}

/// Model options with the documented defaults (model.md sections 1, 2, 4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelOptions {
    pub lethal_radius_model: LethalRadiusModel,
    /// Fratricide cap (Richelson 1980 pp. 788-789): 2.
    pub max_warheads_per_aimpoint: u32,
    /// Cost exponent (R-3765 App. C p. 61): 0.75.
    pub cost_exponent: f64,
    /// Weight on damage not inflicted (R-3765 App. C p. 61): 0.3.
    pub cost_surcharge: f64,
    /// Share of fixed forces a striker uses (R-3765 p. 34): 1.0.
    pub striker_availability_fixed: f64,
    /// Share of survivable forces a striker uses (R-3765 p. 34): 0.9.
    pub striker_availability_survivable: f64,
    /// Share of targeted prompt-launch forces that escape when the victim launches under attack
    /// (R-3765 p. 35 n. 4): 0.9.
    pub launch_under_attack_share: f64,
    /// When slow weapons arrive relative to the victim's retaliation.
    pub slow_weapons: SlowWeaponTiming,
    /// Fratricide model beyond the cap.
    pub fratricide: Fratricide,
}

impl Default for ModelOptions {
    fn default() -> Self {
        Self {
            lethal_radius_model: LethalRadiusModel::DavisSchilling,
            max_warheads_per_aimpoint: 2,
            cost_exponent: 0.75,
            cost_surcharge: 0.3,
            striker_availability_fixed: 1.0,
            striker_availability_survivable: 0.9,
            launch_under_attack_share: 0.9,
            slow_weapons: SlowWeaponTiming::default(),
            fratricide: Fratricide::default(),
        }
    }
}

impl ModelOptions {
    /// Cost to a side (R-3765 App. C p. 61): C = D_own^e + s (1 - D_other^e).
    pub fn cost(&self, damage_to_self: f64, damage_to_other: f64) -> f64 {
        self.costs(damage_to_self, damage_to_other).0
    }

    /// Both sides' costs from the damage to each: (cost to the first, cost to the second), with
    /// two powers instead of four.
    pub fn costs(&self, damage_to_first: f64, damage_to_second: f64) -> (f64, f64) {
        let first = self.cost_power(damage_to_first);
        let second = self.cost_power(damage_to_second);
        (
            first + self.cost_surcharge * (1.0 - second),
            second + self.cost_surcharge * (1.0 - first),
        )
    }

    /// A damage raised to the cost exponent, D^e. At e = 1 `powf` is skipped: x^1 = x exactly,
    /// and libm's pow (within 1 ulp) returns x itself there, so the result is the same bits. At
    /// the default e = 0.75, D^0.75 = sqrt(D) sqrt(sqrt(D)): two correctly rounded roots and a
    /// product, within 2.2 ulp of the exact power (docs/model.md) and never decreasing in D, at
    /// a tenth of `powf`'s instructions (the exchange raises two damages at every batch end).
    pub fn cost_power(&self, damage: f64) -> f64 {
        if self.cost_exponent == 1.0 {
            damage
        } else if self.cost_exponent == 0.75 {
            let root = damage.sqrt();
            root * root.sqrt()
        } else {
            damage.powf(self.cost_exponent)
        }
    }

    pub fn striker_availability(&self, basing: Basing) -> f64 {
        if basing.is_fixed() {
            self.striker_availability_fixed
        } else {
            self.striker_availability_survivable
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub sides: Vec<Side>,
    pub options: ModelOptions,
    /// Inputs given as distributions. The fields above hold their central values, which the
    /// expected-value analysis uses; Monte Carlo draws them per trial.
    pub uncertain: Vec<crate::params::UncertainInput>,
}

impl Scenario {
    /// The side a user names on the command line or in a form: its number counted from 1, or
    /// its name in any letter case.
    pub fn side_named(&self, given: &str) -> Option<usize> {
        given
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=self.sides.len()).contains(n))
            .map(|n| n - 1)
            .or_else(|| {
                self.sides
                    .iter()
                    .position(|s| s.name.eq_ignore_ascii_case(given))
            })
    }

    /// The sides' names, for messages that list them.
    pub fn side_names(&self) -> String {
        let names: Vec<&str> = self.sides.iter().map(|s| s.name.as_str()).collect();
        names.join(", ")
    }
}

/// Checks every value of a scenario against its valid range and the rules that tie fields
/// together. Returns every problem found, each naming its field path.
pub fn validate(scenario: &Scenario) -> Result<(), Vec<EngineError>> {
    validate_sides(scenario, limits::size::SIDES)
}

/// As [`validate`], accepting 2 to `max_sides` sides: the N-side analysis (`multilateral`) calls it
/// with [`limits::size::MULTILATERAL_SIDES`]; every two-side command goes through [`validate`].
pub fn validate_sides(scenario: &Scenario, max_sides: usize) -> Result<(), Vec<EngineError>> {
    // Past a size cap, stop: the rest could be millions of messages.
    let too_big = limits::check_size_sides(scenario, max_sides);
    if !too_big.is_empty() {
        return Err(too_big);
    }
    let hardness = limits::hardness_psi(scenario.options.lethal_radius_model);
    // One pass that only asks whether every value is in range (no path is built, nothing is
    // collected); only a scenario with a value out of range walks again to name each one.
    let mut quick = OutOfRange::default();
    check_ranges(&mut quick, scenario, &hardness);
    let mut checks = Checks::default();
    if quick.found {
        check_ranges(&mut checks, scenario, &hardness);
    }
    // Rules that tie fields together.
    let mut errors = checks.errors;
    errors.extend(side_count_error_for(scenario, max_sides));
    for (s, side) in scenario.sides.iter().enumerate() {
        if side.forces.is_empty() {
            errors.push(EngineError::rule(
                format!("side[{s}].force"),
                format!(
                    "side `{}` has no forces: add at least one [[side.force]] element",
                    side.name
                ),
            ));
        }
        for (f, force) in side.forces.iter().enumerate() {
            force_rule_errors(&mut errors, side, s, f, force);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Every range check of a scenario, in order, into `checks` (see [`RangeCheck`]).
fn check_ranges(checks: &mut impl RangeCheck, scenario: &Scenario, hardness: &Limit) {
    check_option_ranges(checks, &scenario.options);
    for (s, side) in scenario.sides.iter().enumerate() {
        checks.range(
            &|| format!("side[{s}].value.w80"),
            side.value.w80,
            &limits::W80,
        );
        for (f, force) in side.forces.iter().enumerate() {
            check_force_ranges(checks, s, f, force, hardness);
        }
        for (d, layer) in side.missile_defenses.iter().enumerate() {
            check_missile_defense_ranges(checks, s, d, layer);
        }
        for (w, site) in side.warhead_storage.iter().enumerate() {
            let at = |field: &str| format!("side[{s}].warhead_storage[{w}].{field}");
            checks.range(
                &|| at("detection_probability"),
                site.detection_probability,
                &limits::PROBABILITY,
            );
            checks.range(
                &|| at("aimpoint_hardness_psi"),
                site.aimpoint_hardness_psi,
                hardness,
            );
        }
        for (d, air) in side.air_defenses.iter().enumerate() {
            let at = |field: &str| format!("side[{s}].air_defense[{d}].{field}");
            checks.range(
                &|| at("bomber_shootdown"),
                air.bomber_shootdown,
                &limits::PROBABILITY,
            );
            checks.range(
                &|| at("cruise_missile_shootdown"),
                air.cruise_missile_shootdown,
                &limits::PROBABILITY,
            );
        }
    }
}

/// Range checks, collecting every failure.
#[derive(Default)]
struct Checks {
    errors: Vec<EngineError>,
}

/// Where the range checks of [`check_ranges`] go: [`Checks`] names every failure,
/// [`OutOfRange`] only notes that one failed.
trait RangeCheck {
    /// `value` against `limit`; `path` names the field (built only where a failure is named).
    fn range(&mut self, path: &dyn Fn() -> String, value: f64, limit: &Limit);
}

/// Whether any range check failed: the happy path's pass, without paths or allocation
/// (validation runs once per analysis and Monte Carlo trial).
#[derive(Default)]
struct OutOfRange {
    found: bool,
}

impl RangeCheck for OutOfRange {
    #[inline]
    fn range(&mut self, _path: &dyn Fn() -> String, value: f64, limit: &Limit) {
        self.found |= !limit.contains(value);
    }
}

impl RangeCheck for Checks {
    /// The path is built only for a value that fails, out of line.
    #[inline]
    fn range(&mut self, path: &dyn Fn() -> String, value: f64, limit: &Limit) {
        if !limit.contains(value) {
            self.fail(path, value, limit);
        }
    }
}

impl Checks {
    #[cold]
    #[inline(never)]
    fn fail(&mut self, path: &dyn Fn() -> String, value: f64, limit: &Limit) {
        self.errors
            .push(EngineError::invalid(path(), value, &limit.describe()));
    }
}

fn check_option_ranges(checks: &mut impl RangeCheck, o: &ModelOptions) {
    checks.range(
        &|| "options.max_warheads_per_aimpoint".into(),
        o.max_warheads_per_aimpoint.into(),
        &limits::MAX_WARHEADS_PER_AIMPOINT,
    );
    checks.range(
        &|| "options.cost_exponent".into(),
        o.cost_exponent,
        &limits::COST_EXPONENT,
    );
    checks.range(
        &|| "options.cost_surcharge".into(),
        o.cost_surcharge,
        &limits::COST_SURCHARGE,
    );
    for (name, value) in [
        ("striker_availability_fixed", o.striker_availability_fixed),
        (
            "striker_availability_survivable",
            o.striker_availability_survivable,
        ),
        ("launch_under_attack_share", o.launch_under_attack_share),
    ] {
        checks.range(&|| format!("options.{name}"), value, &limits::PROBABILITY);
    }
    if let Fratricide::Degradation { per_burst } = o.fratricide {
        checks.range(
            &|| "options.fratricide_per_burst".into(),
            per_burst,
            &limits::PROBABILITY,
        );
    }
}

fn check_force_ranges<C: RangeCheck>(
    checks: &mut C,
    s: usize,
    f: usize,
    force: &ForceElement,
    hardness: &Limit,
) {
    let at = |field: &str| format!("side[{s}].force[{f}].{field}");
    let probability = |checks: &mut C, field: &str, p: f64| {
        checks.range(&|| at(field), p, &limits::PROBABILITY);
    };
    checks.range(
        &|| at("launchers"),
        force.launchers.into(),
        &limits::LAUNCHERS,
    );
    if let Some(g) = force.generated_launchers {
        checks.range(&|| at("launchers.generated"), g.into(), &limits::LAUNCHERS);
    }
    probability(checks, "launch_survival", force.launch_survival);
    checks.range(
        &|| at("warheads_per_launcher"),
        force.warheads_per_launcher.into(),
        &limits::WARHEADS_PER_LAUNCHER,
    );
    if let Some(y) = force.yield_kt {
        checks.range(&|| at("yield_kt"), y, &limits::YIELD_KT);
    }
    if let Some(c) = force.cep_m {
        checks.range(&|| at("cep_m"), c, &limits::CEP_M);
    }
    checks.range(&|| at("bias_m"), force.bias_m, &limits::BIAS_M);
    probability(checks, "reliability", force.reliability);
    probability(
        checks,
        "untargetable_share.day_to_day",
        force.untargetable_share.day_to_day,
    );
    probability(
        checks,
        "untargetable_share.generated",
        force.untargetable_share.generated,
    );
    checks.range(
        &|| at("launchers_per_aimpoint"),
        force.launchers_per_aimpoint.into(),
        &limits::LAUNCHERS_PER_AIMPOINT,
    );
    checks.range(
        &|| at("aimpoint_hardness_psi"),
        force.aimpoint_hardness_psi,
        hardness,
    );
    probability(checks, "detection_probability", force.detection_probability);
    if let Some(a) = force.striker_availability {
        probability(checks, "striker_availability.day_to_day", a.day_to_day);
        probability(checks, "striker_availability.generated", a.generated);
    }
    for basing in Basing::ALL {
        if let Some(p) = force.kill_probability.get(basing) {
            // The path is built only if the value fails (this runs once per analysis).
            checks.range(
                &|| at(&format!("kill_probability.{}", basing.name())),
                p,
                &limits::PROBABILITY,
            );
        }
    }
}

fn check_missile_defense_ranges(
    checks: &mut impl RangeCheck,
    s: usize,
    d: usize,
    layer: &crate::defense::MissileDefenseLayer,
) {
    let at = |field: &str| format!("side[{s}].missile_defense[{d}].{field}");
    checks.range(
        &|| at("interceptors"),
        layer.interceptors.into(),
        &limits::INTERCEPTORS,
    );
    checks.range(
        &|| at("interceptor_sspk"),
        layer.interceptor_sspk,
        &limits::PROBABILITY,
    );
    checks.range(
        &|| at("discrimination"),
        layer.discrimination,
        &limits::PROBABILITY,
    );
    let shots = match layer.doctrine {
        FiringDoctrine::Salvo { shots } => [("interceptors_per_rv", shots), ("", 1)],
        FiringDoctrine::ShootLookShoot { first, second } => [
            ("shoot_look_shoot.first", first),
            ("shoot_look_shoot.second", second),
        ],
    };
    for (name, n) in shots.into_iter().filter(|(name, _)| !name.is_empty()) {
        checks.range(&|| at(name), n.into(), &limits::INTERCEPTORS_PER_RV);
    }
}

/// The rules that tie one force element's fields together (and to its side's storage sites).
fn force_rule_errors(
    errors: &mut Vec<EngineError>,
    side: &Side,
    s: usize,
    f: usize,
    force: &ForceElement,
) {
    let at = |field: &str| format!("side[{s}].force[{f}].{field}");
    if let Some(max) = force.accountability.max_warheads_per_launcher
        && max < force.warheads_per_launcher
    {
        errors.push(EngineError::rule(
            at("max_warheads_per_launcher"),
            format!(
                "{max} is below warheads_per_launcher ({}): the most a launcher can carry is at least what it carries",
                force.warheads_per_launcher
            ),
        ));
    }
    if force.basing == Basing::WarheadStorage {
        errors.push(EngineError::rule(at("basing"), "`warhead-storage` is a target class, not a launcher basing: declare a [[side.warhead_storage]] site"));
    }
    if force
        .warhead_storage
        .is_some_and(|w| w >= side.warhead_storage.len())
    {
        errors.push(EngineError::rule(
            at("warheads_stored_at"),
            "no such warhead storage site on this side",
        ));
    }
    if force.is_nuclear() && force.yield_kt.is_none() {
        errors.push(EngineError::rule(
            at("yield_kt"),
            "a nuclear element needs a yield (> 0 kt)",
        ));
    }
    if !force.is_nuclear() && force.kill_probability.is_empty() {
        errors.push(EngineError::rule(
            at("kill_probability"),
            "a conventional element needs a kill probability for at least one target class: conventional weapons never use blast physics",
        ));
    }
    if !force.is_nuclear() && force.yield_kt.is_some() {
        errors.push(EngineError::rule(
            at("yield_kt"),
            "a conventional element has no nuclear yield: remove yield_kt",
        ));
    }
    if force.is_nuclear() && force.cep_m.is_none() && !force.kill_probability.covers_every_class() {
        errors.push(EngineError::rule(
            at("cep_m"),
            "a nuclear element needs a CEP (> 0 m) unless kill_probability gives every target class",
        ));
    }
}

/// The two-side commands compare exactly two sides: each refuses other counts with this one
/// message, pointing at the first side too many. With `max_sides` above 2 (the N-side analysis,
/// `multilateral`), 2 to `max_sides` sides are accepted.
pub(crate) fn side_count_error_for(scenario: &Scenario, max_sides: usize) -> Option<EngineError> {
    let n = scenario.sides.len();
    if max_sides > limits::size::SIDES {
        return multilateral_side_count_error(scenario, max_sides);
    }
    match n {
        2 => None,
        0 | 1 => Some(EngineError::rule(
            "side",
            format!("a scenario needs exactly 2 sides ([[side]] tables), found {n}"),
        )),
        _ => Some(EngineError::rule(
            "side[2]",
            format!(
                "a scenario has exactly 2 sides ([[side]] tables), found {n}: the analysis compares two sides; remove side `{}` and any after it",
                scenario.sides[2].name
            ),
        )),
    }
}

/// N-side commands (`analyze`, `sweep`) accept 2 to `max_sides` sides.
fn multilateral_side_count_error(scenario: &Scenario, max_sides: usize) -> Option<EngineError> {
    let n = scenario.sides.len();
    if n < 2 {
        return Some(EngineError::rule(
            "side",
            format!("a scenario needs at least 2 sides ([[side]] tables), found {n}"),
        ));
    }
    (n > max_sides).then(|| {
        EngineError::rule(
            format!("side[{max_sides}]"),
            format!(
                "at most {max_sides} sides ([[side]] tables), found {n}: remove side `{}` and any after it",
                scenario.sides[max_sides].name
            ),
        )
    })
}

/// Names address sides, elements, sites and layers in field paths (`force[NAME]`) and key the
/// JSON output, so each must be unique where it is looked up. Apart from [`validate`], which runs
/// per Monte Carlo trial and sweep point: names do not change there.
pub fn duplicate_names(scenario: &Scenario) -> Vec<EngineError> {
    let mut errors = Vec::new();
    let mut first_of = |names: Vec<&str>, path: &dyn Fn(usize) -> String, what: &str| {
        for (k, name) in names.iter().enumerate() {
            if let Some(first) = names[..k].iter().position(|n| n == name) {
                errors.push(EngineError::rule(
                    path(k),
                    format!(
                        "duplicate {what} name `{name}` (also {}): names must be unique",
                        path(first)
                    ),
                ));
            }
        }
    };
    let sides: Vec<&str> = scenario.sides.iter().map(|s| s.name.as_str()).collect();
    first_of(sides, &|k| format!("side[{k}].name"), "side");
    for (s, side) in scenario.sides.iter().enumerate() {
        // Elements and storage sites share the keys of `spent_on` in the JSON output.
        let targets: Vec<&str> = side
            .forces
            .iter()
            .map(|f| f.name.as_str())
            .chain(side.warhead_storage.iter().map(|w| w.name.as_str()))
            .collect();
        let n = side.forces.len();
        let target_path = |k: usize| {
            if k < n {
                format!("side[{s}].force[{k}].name")
            } else {
                format!("side[{s}].warhead_storage[{}].name", k - n)
            }
        };
        first_of(targets, &target_path, "force element or warhead storage");
        let layers: Vec<&str> = side
            .missile_defenses
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        first_of(
            layers,
            &|k| format!("side[{s}].missile_defense[{k}].name"),
            "missile-defense layer",
        );
        let layers: Vec<&str> = side.air_defenses.iter().map(|d| d.name.as_str()).collect();
        first_of(
            layers,
            &|k| format!("side[{s}].air_defense[{k}].name"),
            "air-defense layer",
        );
    }
    errors
}

/// Convenience constructors for tests and examples.
impl ForceElement {
    /// A nuclear ballistic-missile element with physics kill probabilities and no alert escape.
    pub fn ballistic(
        name: &str,
        basing: Basing,
        launchers: u32,
        warheads_per_launcher: u32,
        yield_kt: f64,
        cep_m: f64,
    ) -> Self {
        Self {
            name: name.into(),
            delivery: Delivery::BallisticMissile,
            basing,
            payload: Payload::Nuclear,
            launchers,
            warheads_per_launcher,
            yield_kt: Some(yield_kt),
            cep_m: Some(cep_m),
            bias_m: 0.0,
            reliability: 1.0,
            prompt: true,
            untargetable_share: ByAlert {
                day_to_day: 0.0,
                generated: 0.0,
            },
            launchers_per_aimpoint: 1,
            aimpoint_hardness_psi: 1000.0,
            detection_probability: 1.0,
            kill_probability: KillProbabilities::default(),
            can_launch_under_attack: Self::launch_ready_by_default(
                Delivery::BallisticMissile,
                basing,
            ),
            generated_launchers: None,
            launch_survival: 1.0,
            warhead_storage: None,
            striker_availability: None,
            accountability: Accountability::default(),
        }
    }
}

impl Coverage {
    pub fn name(self) -> &'static str {
        match self {
            Self::Value => "value",
            Self::Forces => "forces",
            Self::Both => "both",
        }
    }
}

/// The triad leg an element belongs to, for summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Leg {
    Icbm,
    Slbm,
    Bomber,
    OtherNuclear,
    Conventional,
}

impl Leg {
    pub fn name(self) -> &'static str {
        match self {
            Self::Icbm => "ICBM",
            Self::Slbm => "SLBM",
            Self::Bomber => "bomber",
            Self::OtherNuclear => "other nuclear",
            Self::Conventional => "conventional",
        }
    }
}

impl ForceElement {
    pub fn leg(&self) -> Leg {
        match (self.payload, self.delivery, self.basing) {
            (Payload::Conventional, _, _) => Leg::Conventional,
            (_, Delivery::Aircraft, _) => Leg::Bomber,
            (
                _,
                Delivery::BallisticMissile | Delivery::GlideVehicle,
                Basing::Silo | Basing::RoadMobile,
            ) => Leg::Icbm,
            (_, Delivery::BallisticMissile, Basing::Submarine) => Leg::Slbm,
            _ => Leg::OtherNuclear,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A two-side scenario whose every range-checked kind of field (options, value, force,
    /// layer, site, air defense) is in range.
    fn every_list() -> Scenario {
        let side = |name: &str| Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::Warheads,
                w80: 100.0,
            },
            forces: vec![ForceElement::ballistic(
                "icbm",
                Basing::Silo,
                10,
                1,
                300.0,
                200.0,
            )],
            missile_defenses: vec![MissileDefenseLayer {
                name: "bmd".into(),
                interceptors: 10,
                interceptor_sspk: 0.7,
                doctrine: FiringDoctrine::Salvo { shots: 2 },
                discrimination: 0.9,
                covers: Coverage::Both,
            }],
            air_defenses: vec![AirDefense {
                name: "sam".into(),
                bomber_shootdown: 0.2,
                cruise_missile_shootdown: 0.1,
                covers: Coverage::Both,
            }],
            warhead_storage: vec![WarheadStorage {
                name: "depot".into(),
                detection_probability: 1.0,
                aimpoint_hardness_psi: 100.0,
            }],
        };
        Scenario {
            name: "ranges".into(),
            description: String::new(),
            options: ModelOptions::default(),
            sides: vec![side("A"), side("B")],
            uncertain: Vec::new(),
        }
    }

    /// Sets the `k`-th of a dozen range-checked real fields (of either side) to `value`.
    fn set_one(scenario: &mut Scenario, k: usize, value: f64) {
        let o = &mut scenario.options;
        let side = &mut scenario.sides[k % 2];
        let force = &mut side.forces[0];
        match k % 13 {
            0 => o.cost_exponent = value,
            1 => o.launch_under_attack_share = value,
            2 => side.value.w80 = value,
            3 => force.yield_kt = Some(value),
            4 => force.cep_m = Some(value),
            5 => force.bias_m = value,
            6 => force.aimpoint_hardness_psi = value,
            7 => force.kill_probability.set(Basing::RoadMobile, value),
            8 => side.missile_defenses[0].interceptor_sspk = value,
            9 => side.missile_defenses[0].discrimination = value,
            10 => side.warhead_storage[0].aimpoint_hardness_psi = value,
            11 => side.air_defenses[0].cruise_missile_shootdown = value,
            _ => {
                force.striker_availability = Some(ByAlert {
                    day_to_day: value,
                    generated: 0.5,
                })
            }
        }
    }

    proptest! {
        /// The quick pass finds a value out of range exactly when the naming pass names one:
        /// validation's happy path skips the naming pass only when it would find nothing.
        #[test]
        fn quick_range_pass_agrees_with_the_naming_pass(
            fields in prop::collection::vec(
                (0usize..26, prop_oneof![
                    -2.0f64..2.0,
                    0.0f64..1.0,
                    Just(f64::NAN),
                    Just(f64::INFINITY),
                    Just(0.0),
                    Just(1e12),
                ]),
                0..4),
        ) {
            let mut scenario = every_list();
            for &(k, value) in &fields {
                set_one(&mut scenario, k, value);
            }
            let hardness = limits::hardness_psi(scenario.options.lethal_radius_model);
            let mut quick = OutOfRange::default();
            check_ranges(&mut quick, &scenario, &hardness);
            let mut named = Checks::default();
            check_ranges(&mut named, &scenario, &hardness);
            prop_assert_eq!(quick.found, !named.errors.is_empty());
            // And validation reports exactly the named range errors (the rules all hold here).
            let errors = validate(&scenario).err().unwrap_or_default();
            prop_assert_eq!(errors, named.errors);
        }
    }

    #[test]
    fn quick_range_pass_sees_each_kind_of_field_out_of_range() {
        assert!(validate(&every_list()).is_ok());
        for k in 0..26 {
            let mut scenario = every_list();
            set_one(&mut scenario, k, f64::NAN);
            let errors = validate(&scenario).unwrap_err();
            assert_eq!(errors.len(), 1, "field {k}: {errors:?}");
        }
    }

    fn at(exponent: f64) -> ModelOptions {
        ModelOptions {
            cost_exponent: exponent,
            ..ModelOptions::default()
        }
    }

    #[test]
    fn the_default_cost_power_by_hand() {
        let options = ModelOptions::default();
        // 2^-4 -> 2^-3, 0.81 = 0.9^2 -> 0.9^1.5, 0.5 -> 2^-0.75, and both ends.
        assert_eq!(options.cost_power(0.0625), 0.125);
        assert_eq!(options.cost_power(0.0), 0.0);
        assert_eq!(options.cost_power(1.0), 1.0);
        assert!((options.cost_power(0.81) - 0.853_814_968_245_462_4).abs() < 2e-16);
        assert!((options.cost_power(0.5) - 0.594_603_557_501_360_5).abs() < 2e-16);
    }

    /// Units in the last place between two positive numbers.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    proptest! {
        #[test]
        fn the_default_cost_power_is_the_power_within_rounding(damage in 0.0f64..=1.0, scale in -300i32..=0) {
            // Damages down to 1e-300: the roots stay normal where a product would underflow.
            let d = damage * 10f64.powi(scale);
            let fast = ModelOptions::default().cost_power(d);
            let libm = d.powf(0.75);
            prop_assert!(ulps(fast, libm) <= 3, "{d}: {fast} against powf {libm}");
        }

        #[test]
        fn cost_powers_never_fall_as_damage_rises(damage in 0.0f64..1.0, step in 0u64..4, exponent in prop::sample::select(vec![0.75, 0.5, 1.0, 1.3])) {
            let options = at(exponent);
            let next = f64::from_bits(damage.to_bits() + step);
            prop_assert!(options.cost_power(next) >= options.cost_power(damage));
            prop_assert!(options.cost_power(damage * 1.001) >= options.cost_power(damage));
        }
    }
}
