//! The scenario file format: serde types that mirror the TOML one to one. Unknown fields are
//! errors; every number is checked against its range in `convert`. Documented in
//! docs/scenario-format.md.

use schemars::JsonSchema;
use serde::Deserialize;

pub use crate::number::Num;

/// A Reykjavik scenario: two or more sides, their forces, defenses and value, and model options.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub scenario: Metadata,
    #[serde(default)]
    pub options: OptionsFile,
    /// The sides, in order (at least two; more than two, alliances, beliefs and reserves are
    /// read by `analyze`, `sweep`, `treaty` and `compare` only).
    pub side: Vec<SideFile>,
    /// N-side options: the reserve a striker holds against third parties and what third
    /// parties do (docs/scenario-format.md, "N sides").
    #[serde(default)]
    pub multilateral: Option<MultilateralFile>,
    /// Sides that plan as one striker and one victim.
    #[serde(default)]
    pub alliance: Vec<AllianceFile>,
}

/// `[multilateral]`: options of the N-side analysis.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MultilateralFile {
    /// `none` (default), `fixed-share` (needs `reserve_share`) or `deter-third-parties`.
    pub reserve: Option<ReserveName>,
    /// With `fixed-share`: the share of each element's available launchers withheld (0 to 1).
    pub reserve_share: Option<f64>,
    /// `stay-out` (default), `join-victim` or `join-against-weaker`.
    pub third_parties: Option<ThirdPartiesName>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReserveName {
    None,
    FixedShare,
    DeterThirdParties,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ThirdPartiesName {
    StayOut,
    JoinVictim,
    JoinAgainstWeaker,
}

/// `[[alliance]]`: sides that plan as one.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllianceFile {
    pub name: String,
    /// Side names, at least two; a side is in one alliance at most.
    pub members: Vec<String>,
}

/// `[[side.belief]]`: the value this side takes a field (of any side) to have.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BeliefFile {
    /// A field path as for `sweep --vary` (`side[Russia].force[0].cep_m`).
    pub field: String,
    /// The believed value (a number in the field's range).
    pub value: f64,
    /// Why this belief (free text).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub name: String,
    /// One line shown by `reykjavik scenarios`.
    pub description: String,
    /// Where the numbers come from (free text).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Model options; every field has a documented default.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionsFile {
    /// `davis-schilling` (default) or `brown-1976`.
    pub lethal_radius_model: Option<LethalRadiusName>,
    /// Fratricide cap: warheads that arrive usefully on one aimpoint (default 2; 1 to 16).
    pub max_warheads_per_aimpoint: Option<Num>,
    /// Exponent e in C = D_own^e + s (1 - D_other^e) (default 0.75).
    pub cost_exponent: Option<Num>,
    /// Surcharge s on damage not inflicted (default 0.3).
    pub cost_surcharge: Option<Num>,
    /// Share of a striker's fixed (silo) forces it uses (default 1.0).
    pub striker_availability_fixed: Option<Num>,
    /// Share of a striker's survivable forces it uses (default 0.9).
    pub striker_availability_survivable: Option<Num>,
    /// Share of targeted launch-under-attack-capable launchers that escape when the victim
    /// launches under attack (default 0.9).
    pub launch_under_attack_share: Option<Num>,
    /// When slow weapons (bombers, cruise missiles) arrive: `after-retaliation` (default: the
    /// victim's surviving ballistic and glide launchers have fired by then) or `with-prompt-wave`.
    pub slow_weapons: Option<SlowWeaponsName>,
    /// Fratricide beyond the cap: `cap` (default) or `degradation` (each earlier warhead on an
    /// aimpoint destroys a later one with probability `fratricide_per_burst`).
    pub fratricide: Option<FratricideName>,
    /// With `fratricide = "degradation"`: probability that one earlier burst destroys a later
    /// warhead (0 to 1; no published value: default 0.25, an illustration to vary).
    pub fratricide_per_burst: Option<Num>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SlowWeaponsName {
    AfterRetaliation,
    WithPromptWave,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FratricideName {
    Cap,
    Degradation,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LethalRadiusName {
    DavisSchilling,
    #[serde(rename = "brown-1976")]
    Brown1976,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SideFile {
    pub name: String,
    pub value: ValueFile,
    /// Force elements: groups of identical launchers.
    #[serde(default)]
    pub force: Vec<ForceFile>,
    #[serde(default)]
    pub missile_defense: Vec<MissileDefenseFile>,
    #[serde(default)]
    pub air_defense: Vec<AirDefenseFile>,
    #[serde(default)]
    pub warhead_storage: Vec<WarheadStorageFile>,
    /// N sides: this side's fixed reserve share (0 to 1), replacing `multilateral.reserve_share`.
    pub reserve_share: Option<f64>,
    /// N sides: what this side believes about any field.
    #[serde(default)]
    pub belief: Vec<BeliefFile>,
}

/// The side's value: damage D(w) = 1 - 0.2^(w / w80).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueFile {
    /// What arriving weapons are counted in: `warheads` or `equivalent-megatons`.
    pub unit: ValueUnitName,
    /// Arriving weapons (in `unit`) that destroy 80 % of this side's value (> 0).
    pub w80: Num,
    /// Why this number.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ValueUnitName {
    Warheads,
    EquivalentMegatons,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeliveryName {
    BallisticMissile,
    CruiseMissile,
    Aircraft,
    GlideVehicle,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BasingName {
    Silo,
    RoadMobile,
    Submarine,
    AirBase,
    SurfaceShip,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PayloadName {
    Nuclear,
    Conventional,
}

/// A group of identical launchers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForceFile {
    pub name: String,
    pub delivery: DeliveryName,
    pub basing: BasingName,
    /// `nuclear` (default) or `conventional`.
    #[serde(default)]
    pub payload: Option<PayloadName>,
    /// Number of launchers (missiles, submarine tubes, aircraft): an integer 0 to 100000; at
    /// day-to-day alert, and at generated alert unless `generated_launchers` is given.
    pub launchers: Num,
    /// Launchers of this element at generated alert, when a change of posture moves launchers
    /// between elements (for example from de-alerted to dispersed).
    #[serde(default)]
    pub generated_launchers: Option<Num>,
    /// Warheads (or conventional weapons) per launcher: an integer 1 to 64.
    pub warheads_per_launcher: Num,
    /// Yield of one warhead in kilotons (> 0); required for nuclear elements.
    #[serde(default)]
    pub yield_kt: Option<Num>,
    /// Circular error probable in metres (> 0); required for nuclear elements unless
    /// kill_probability gives every target class.
    #[serde(default)]
    pub cep_m: Option<Num>,
    /// Systematic aim-point offset in metres (default 0).
    #[serde(default)]
    pub bias_m: Option<Num>,
    /// Probability that a launcher launches and delivers its warheads (0 to 1).
    pub reliability: Num,
    /// Arrives before the victim can launch under attack. Default: true for ballistic missiles
    /// and glide vehicles, false for aircraft and cruise missiles.
    #[serde(default)]
    pub prompt: Option<bool>,
    /// Share of launchers that cannot be targeted (at sea, dispersed, on strip alert).
    pub untargetable_share: ByAlertFile,
    /// Launchers that one aimpoint holds (1 for a silo; a garrison, port or air base holds more).
    #[serde(default)]
    pub launchers_per_aimpoint: Option<Num>,
    /// Blast hardness of the aimpoint in psi: 0.5 to 100000 (100 to 100000 with brown-1976).
    pub aimpoint_hardness_psi: Num,
    /// Probability that the striker finds a targetable aimpoint of this element (default 1).
    #[serde(default)]
    pub detection_probability: Option<Num>,
    /// Direct kill probability per warhead against target classes; replaces the physics.
    #[serde(default)]
    pub kill_probability: Option<KillProbabilityFile>,
    /// Whether targeted launchers can launch under attack. Default: true for ballistic missiles
    /// and glide vehicles in silos or road-mobile garrisons.
    #[serde(default)]
    pub launch_under_attack: Option<bool>,
    /// Probability that a launcher that survives the strike gets its weapons off when
    /// retaliating: movement to a launch pad, preparation under surveillance (default 1).
    #[serde(default)]
    pub launch_survival: Option<Num>,
    /// Name of the side's `warhead_storage` site holding this element's warheads apart from
    /// the launchers; they are lost if the site is destroyed.
    #[serde(default)]
    pub warheads_stored_at: Option<String>,
    /// Share of launchers this side can use when it strikes first, at each of its own alert
    /// postures (0 to 1 each; bombers not loaded day-to-day: 0). Default: the options
    /// `striker_availability_fixed` (silos) or `striker_availability_survivable` (the rest).
    #[serde(default)]
    pub striker_availability: Option<ByAlertFile>,
    /// Launchers of this type that exist but are not deployed (treaty counting only: they carry
    /// no warheads and are not aimpoints): an integer 0 to 100000, default 0. Includes test and
    /// training launchers the owner declares.
    #[serde(default)]
    pub non_deployed_launchers: Option<Num>,
    /// Launchers the owner removed from treaty accountability (converted SLBM tubes, bombers
    /// converted to non-nuclear arms, training silos): counted only under disputed counting
    /// (`reykjavik treaty --count-disputed`). An integer 0 to 100000, default 0.
    #[serde(default)]
    pub converted_launchers: Option<Num>,
    /// The most warheads one launcher can carry (upload capacity; New START attribution where
    /// known): an integer 1 to 64, at least `warheads_per_launcher`; bounds `reykjavik optimize`.
    /// Default: as loaded.
    #[serde(default)]
    pub max_warheads_per_launcher: Option<Num>,
    /// Where the numbers come from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A site where warheads are stored apart from their launchers: one aimpoint, target class
/// `warhead-storage`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WarheadStorageFile {
    pub name: String,
    /// Probability that the striker finds it (0 to 1, default 1).
    #[serde(default)]
    pub detection_probability: Option<Num>,
    /// Blast hardness in psi: 0.5 to 100000 (100 to 100000 with brown-1976).
    pub aimpoint_hardness_psi: Num,
    #[serde(default)]
    pub source: Option<String>,
}

/// A share at each alert posture, each 0 to 1.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ByAlertFile {
    pub day_to_day: Num,
    pub generated: Num,
}

/// Kill probability of one arriving warhead against a launcher of each target class (0 to 1).
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KillProbabilityFile {
    /// Applies to every target class not named here.
    pub default: Option<Num>,
    pub silo: Option<Num>,
    pub road_mobile: Option<Num>,
    pub submarine: Option<Num>,
    pub air_base: Option<Num>,
    pub surface_ship: Option<Num>,
    pub warhead_storage: Option<Num>,
}

/// A ballistic-missile-defense layer. Give either `interceptors_per_rv` (a salvo) or
/// `shoot_look_shoot`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissileDefenseFile {
    pub name: String,
    /// Interceptors in the inventory: an integer 0 to 1000000.
    pub interceptors: Num,
    /// Single-shot kill probability of one interceptor (0 to 1).
    pub interceptor_sspk: Num,
    /// Interceptors fired at each engaged RV in one salvo (1 to 64).
    #[serde(default)]
    pub interceptors_per_rv: Option<Num>,
    /// Two salvos with a look between them.
    #[serde(default)]
    pub shoot_look_shoot: Option<ShootLookShootFile>,
    /// Probability that an RV is detected, tracked and discriminated (0 to 1, default 1).
    #[serde(default)]
    pub discrimination: Option<Num>,
    /// `value`, `forces` or `both`.
    pub covers: CoverageName,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShootLookShootFile {
    pub first: Num,
    pub second: Num,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageName {
    Value,
    Forces,
    Both,
}

/// Air defense against bombers and cruise missiles.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AirDefenseFile {
    pub name: String,
    /// Probability a bomber sortie is shot down before release (0 to 1).
    pub bomber_shootdown: Num,
    /// Probability a cruise missile is shot down (0 to 1).
    pub cruise_missile_shootdown: Num,
    pub covers: CoverageName,
    #[serde(default)]
    pub source: Option<String>,
}
