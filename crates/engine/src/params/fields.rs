//! The numeric fields of force elements, warhead storage sites and defense layers, named once:
//! [`super::slot_in`] reads a field's name into one of these enums, and [`PreparedField`] keeps
//! the enum with the element's indices, so that setting the field again (every Monte Carlo
//! trial does) neither walks a path nor looks a name up.

use super::{ParsedPath, Segment, Slot, canonical_path, segments, write};
use crate::defense::{AirDefense, FiringDoctrine, MissileDefenseLayer};
use crate::error::EngineError;
use crate::limits::{self, Limit};
use crate::model::{Alert, Basing, ByAlert, ForceElement, ModelOptions, Scenario, WarheadStorage};

/// A numeric field of a force element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ForceField {
    /// Both postures at once.
    Launchers,
    LaunchersDayToDay,
    LaunchersGenerated,
    NonDeployedLaunchers,
    ConvertedLaunchers,
    WarheadsPerLauncher,
    YieldKt,
    CepM,
    BiasM,
    Reliability,
    LaunchSurvival,
    UntargetableShare(Alert),
    LaunchersPerAimpoint,
    AimpointHardnessPsi,
    DetectionProbability,
    StrikerAvailability(Alert),
    KillProbability(Basing),
}

fn alert(name: &str) -> Option<Alert> {
    match name {
        "day_to_day" => Some(Alert::DayToDay),
        "generated" => Some(Alert::Generated),
        _ => None,
    }
}

impl ForceField {
    pub(super) fn parse(field: &[Segment]) -> Option<Self> {
        use ForceField as F;
        Some(match field {
            [Segment::Key("launchers")] => F::Launchers,
            [Segment::Key("launchers"), Segment::Key("day_to_day")] => F::LaunchersDayToDay,
            [Segment::Key("launchers"), Segment::Key("generated")]
            | [Segment::Key("generated_launchers")] => F::LaunchersGenerated,
            [Segment::Key("non_deployed_launchers")] => F::NonDeployedLaunchers,
            [Segment::Key("converted_launchers")] => F::ConvertedLaunchers,
            [Segment::Key("warheads_per_launcher")] => F::WarheadsPerLauncher,
            [Segment::Key("yield_kt")] => F::YieldKt,
            [Segment::Key("cep_m")] => F::CepM,
            [Segment::Key("bias_m")] => F::BiasM,
            [Segment::Key("reliability")] => F::Reliability,
            [Segment::Key("launch_survival")] => F::LaunchSurvival,
            [Segment::Key("untargetable_share"), Segment::Key(a)] => {
                F::UntargetableShare(alert(a)?)
            }
            [Segment::Key("launchers_per_aimpoint")] => F::LaunchersPerAimpoint,
            [Segment::Key("aimpoint_hardness_psi")] => F::AimpointHardnessPsi,
            [Segment::Key("detection_probability")] => F::DetectionProbability,
            [Segment::Key("striker_availability"), Segment::Key(a)] => {
                F::StrikerAvailability(alert(a)?)
            }
            [Segment::Key("kill_probability"), Segment::Key(class)] => {
                F::KillProbability(Basing::ALL.into_iter().find(|b| b.name() == *class)?)
            }
            _ => return None,
        })
    }
}

/// The storage of a force element's field, with its valid range (`hardness`: the range of
/// hardness under the scenario's lethal-radius model).
#[inline]
pub(super) fn force_slot<'a>(
    force: &'a mut ForceElement,
    field: ForceField,
    options: &ModelOptions,
    hardness: Limit,
) -> (Limit, Slot<'a>) {
    use ForceField as F;
    match field {
        F::Launchers => (
            limits::LAUNCHERS,
            Slot::Launchers(&mut force.launchers, &mut force.generated_launchers),
        ),
        F::LaunchersDayToDay => (limits::LAUNCHERS, Slot::Count(&mut force.launchers)),
        F::LaunchersGenerated => (
            limits::LAUNCHERS,
            Slot::OptionalCount(&mut force.generated_launchers),
        ),
        F::NonDeployedLaunchers => (
            limits::LAUNCHERS,
            Slot::Count(&mut force.accountability.non_deployed_launchers),
        ),
        F::ConvertedLaunchers => (
            limits::LAUNCHERS,
            Slot::Count(&mut force.accountability.converted_launchers),
        ),
        F::WarheadsPerLauncher => (
            limits::WARHEADS_PER_LAUNCHER,
            Slot::Count(&mut force.warheads_per_launcher),
        ),
        F::YieldKt => (limits::YIELD_KT, Slot::Optional(&mut force.yield_kt)),
        F::CepM => (limits::CEP_M, Slot::Optional(&mut force.cep_m)),
        F::BiasM => (limits::BIAS_M, Slot::Real(&mut force.bias_m)),
        F::Reliability => (limits::PROBABILITY, Slot::Real(&mut force.reliability)),
        F::LaunchSurvival => (limits::PROBABILITY, Slot::Real(&mut force.launch_survival)),
        F::UntargetableShare(a) => (
            limits::PROBABILITY,
            Slot::Real(by_alert(&mut force.untargetable_share, a)),
        ),
        F::LaunchersPerAimpoint => (
            limits::LAUNCHERS_PER_AIMPOINT,
            Slot::Count(&mut force.launchers_per_aimpoint),
        ),
        F::AimpointHardnessPsi => (hardness, Slot::Real(&mut force.aimpoint_hardness_psi)),
        F::DetectionProbability => (
            limits::PROBABILITY,
            Slot::Real(&mut force.detection_probability),
        ),
        F::StrikerAvailability(a) => {
            // Setting one posture keeps the other at its current value.
            let default = options.striker_availability(force.basing);
            let shares = force.striker_availability.get_or_insert(ByAlert {
                day_to_day: default,
                generated: default,
            });
            (limits::PROBABILITY, Slot::Real(by_alert(shares, a)))
        }
        F::KillProbability(target) => (
            limits::PROBABILITY,
            Slot::Kill(&mut force.kill_probability, target),
        ),
    }
}

fn by_alert(shares: &mut ByAlert, alert: Alert) -> &mut f64 {
    match alert {
        Alert::DayToDay => &mut shares.day_to_day,
        Alert::Generated => &mut shares.generated,
    }
}

/// A numeric field of a warhead storage site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum StorageField {
    DetectionProbability,
    AimpointHardnessPsi,
}

impl StorageField {
    pub(super) fn parse(field: &str) -> Option<Self> {
        match field {
            "detection_probability" => Some(Self::DetectionProbability),
            "aimpoint_hardness_psi" => Some(Self::AimpointHardnessPsi),
            _ => None,
        }
    }
}

pub(super) fn storage_slot(
    site: &mut WarheadStorage,
    field: StorageField,
    hardness: Limit,
) -> (Limit, Slot<'_>) {
    match field {
        StorageField::DetectionProbability => (
            limits::PROBABILITY,
            Slot::Real(&mut site.detection_probability),
        ),
        StorageField::AimpointHardnessPsi => {
            (hardness, Slot::Real(&mut site.aimpoint_hardness_psi))
        }
    }
}

/// A numeric field of a missile-defense layer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum LayerField {
    Interceptors,
    InterceptorSspk,
    Discrimination,
    InterceptorsPerRv,
    ShootLookShootFirst,
    ShootLookShootSecond,
}

impl LayerField {
    pub(super) fn parse(field: &[Segment]) -> Option<Self> {
        Some(match field {
            [Segment::Key("interceptors")] => Self::Interceptors,
            [Segment::Key("interceptor_sspk")] => Self::InterceptorSspk,
            [Segment::Key("discrimination")] => Self::Discrimination,
            [Segment::Key("interceptors_per_rv")] => Self::InterceptorsPerRv,
            [Segment::Key("shoot_look_shoot"), Segment::Key("first")] => Self::ShootLookShootFirst,
            [Segment::Key("shoot_look_shoot"), Segment::Key("second")] => {
                Self::ShootLookShootSecond
            }
            _ => return None,
        })
    }
}

/// The storage of a layer's field; `None` for a doctrine field the layer's doctrine lacks.
pub(super) fn layer_slot(
    layer: &mut MissileDefenseLayer,
    field: LayerField,
) -> Option<(Limit, Slot<'_>)> {
    use LayerField as L;
    Some(match (field, &mut layer.doctrine) {
        (L::Interceptors, _) => (limits::INTERCEPTORS, Slot::Count(&mut layer.interceptors)),
        (L::InterceptorSspk, _) => (limits::PROBABILITY, Slot::Real(&mut layer.interceptor_sspk)),
        (L::Discrimination, _) => (limits::PROBABILITY, Slot::Real(&mut layer.discrimination)),
        (L::InterceptorsPerRv, FiringDoctrine::Salvo { shots }) => {
            (limits::INTERCEPTORS_PER_RV, Slot::Count(shots))
        }
        (L::ShootLookShootFirst, FiringDoctrine::ShootLookShoot { first, .. }) => {
            (limits::INTERCEPTORS_PER_RV, Slot::Count(first))
        }
        (L::ShootLookShootSecond, FiringDoctrine::ShootLookShoot { second, .. }) => {
            (limits::INTERCEPTORS_PER_RV, Slot::Count(second))
        }
        _ => return None,
    })
}

/// A numeric field of an air-defense layer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum AirField {
    BomberShootdown,
    CruiseMissileShootdown,
}

impl AirField {
    pub(super) fn parse(field: &str) -> Option<Self> {
        match field {
            "bomber_shootdown" => Some(Self::BomberShootdown),
            "cruise_missile_shootdown" => Some(Self::CruiseMissileShootdown),
            _ => None,
        }
    }
}

pub(super) fn air_slot(air: &mut AirDefense, field: AirField) -> (Limit, Slot<'_>) {
    match field {
        AirField::BomberShootdown => (limits::PROBABILITY, Slot::Real(&mut air.bomber_shootdown)),
        AirField::CruiseMissileShootdown => (
            limits::PROBABILITY,
            Slot::Real(&mut air.cruise_missile_shootdown),
        ),
    }
}

/// Where a prepared field lives.
#[derive(Debug, Clone)]
enum Place {
    Force(usize, usize, ForceField),
    Storage(usize, usize, StorageField),
    MissileDefense(usize, usize, LayerField),
    AirDefense(usize, usize, AirField),
    /// Any other field (options, value), or a path that does not resolve: set through its
    /// path, which gives the same result or error as [`super::set_field`].
    Path(ParsedPath),
}

/// The part of a scenario a prepared field belongs to, so that Monte Carlo knows which
/// quantities a draw can change (a memo keeps what depends on undrawn parts only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Part {
    /// Side, force element, field.
    Force(usize, usize, ForceField),
    /// Side, warhead storage site.
    Storage(usize, usize),
    /// A missile- or air-defense layer of a side.
    Defense(usize),
    /// Anything else (options, value), or a path that does not resolve.
    Other,
}

/// A field path resolved once against a scenario (side, element and field by index), to set
/// the same field many times: [`PreparedField::set`] is [`super::set_field`] on a scenario of
/// the same shape (same sides, elements, sites and layers), without parsing or name lookups
/// (on a scenario without the element, an error naming the path).
#[derive(Debug, Clone)]
pub struct PreparedField {
    place: Place,
    /// The path as errors name it (the spelling the user wrote).
    shown: String,
}

impl PreparedField {
    pub fn new(scenario: &Scenario, path: &str) -> Self {
        let canonical = canonical_path(scenario, path).ok();
        let resolved = canonical.as_deref().and_then(resolve);
        let place = resolved.unwrap_or_else(|| {
            Place::Path(ParsedPath::shown_as(
                canonical.as_deref().unwrap_or(path),
                path,
            ))
        });
        Self {
            place,
            shown: path.to_string(),
        }
    }

    /// The part of the scenario this field belongs to.
    pub(crate) fn part(&self) -> Part {
        match self.place {
            Place::Force(s, f, field) => Part::Force(s, f, field),
            Place::Storage(s, w, _) => Part::Storage(s, w),
            Place::MissileDefense(s, _, _) | Place::AirDefense(s, _, _) => Part::Defense(s),
            Place::Path(_) => Part::Other,
        }
    }

    /// Whether the only rule validation applies to this field in `scenario` is its range, so
    /// that writing a value in range (which [`PreparedField::set`] checks) leaves a valid
    /// scenario valid. Counts (they enter the size caps and the loading rules), the yield of
    /// a conventional element (it may have none) and fields set through a path are not.
    pub(crate) fn range_only(&self, scenario: &Scenario) -> bool {
        use ForceField as F;
        match self.place {
            Place::Force(s, f, F::YieldKt) => scenario
                .sides
                .get(s)
                .and_then(|side| side.forces.get(f))
                .is_some_and(|force| force.is_nuclear()),
            Place::Force(_, _, field) => !matches!(
                field,
                F::Launchers
                    | F::LaunchersDayToDay
                    | F::LaunchersGenerated
                    | F::NonDeployedLaunchers
                    | F::ConvertedLaunchers
                    | F::WarheadsPerLauncher
                    | F::LaunchersPerAimpoint
            ),
            Place::Storage(..) | Place::MissileDefense(..) | Place::AirDefense(..) => true,
            Place::Path(_) => false,
        }
    }

    /// [`super::set_field`] at this field.
    pub fn set(&self, scenario: &mut Scenario, value: f64) -> Result<Limit, EngineError> {
        if let Place::Path(path) = &self.place {
            return path.set(scenario, value);
        }
        // Disjoint borrows: the options are read while a side's element is written.
        let Scenario { sides, options, .. } = scenario;
        let hardness = limits::hardness_psi(options.lethal_radius_model);
        let unknown = || {
            EngineError::rule(
                &self.shown,
                "not a numeric field of the scenario format (see docs/scenario-format.md)",
            )
        };
        let (limit, slot) = match &self.place {
            &Place::Force(s, f, field) => {
                let force = sides.get_mut(s).and_then(|x| x.forces.get_mut(f));
                force_slot(force.ok_or_else(unknown)?, field, options, hardness)
            }
            &Place::Storage(s, w, field) => {
                let site = sides.get_mut(s).and_then(|x| x.warhead_storage.get_mut(w));
                storage_slot(site.ok_or_else(unknown)?, field, hardness)
            }
            &Place::MissileDefense(s, d, field) => {
                let layer = sides.get_mut(s).and_then(|x| x.missile_defenses.get_mut(d));
                layer_slot(layer.ok_or_else(unknown)?, field).ok_or_else(unknown)?
            }
            &Place::AirDefense(s, d, field) => {
                let air = sides.get_mut(s).and_then(|x| x.air_defenses.get_mut(d));
                air_slot(air.ok_or_else(unknown)?, field)
            }
            Place::Path(_) => return Err(unknown()),
        };
        write(limit, slot, &self.shown, value)
    }
}

/// A real field of a force element that a draw writes as it is (no rounding, no other field
/// touched), with its range in the scenario it was made for: Monte Carlo writes every drawn
/// field in every trial, and this skips what [`PreparedField::set`] rebuilds on each write.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DirectField {
    side: usize,
    force: usize,
    field: ForceField,
    limit: Limit,
    /// `limit.lowest()`.
    lowest: f64,
}

impl DirectField {
    /// Writes `value` where [`PreparedField::set`] writes it, if `value` is in range; false,
    /// writing nothing, if not (the caller sets it through [`PreparedField::set`] for its
    /// error) or if `scenario` lacks the element.
    #[inline]
    pub(crate) fn set(&self, scenario: &mut Scenario, value: f64) -> bool {
        use ForceField as F;
        let force = scenario
            .sides
            .get_mut(self.side)
            .and_then(|x| x.forces.get_mut(self.force));
        // `limit.in_range(value)`, its lowest value found once.
        let in_range = value.is_finite() && value >= self.lowest && value <= self.limit.max;
        let Some(force) = force.filter(|_| in_range) else {
            return false;
        };
        match self.field {
            F::YieldKt => force.yield_kt = Some(value),
            F::CepM => force.cep_m = Some(value),
            F::BiasM => force.bias_m = value,
            F::Reliability => force.reliability = value,
            F::LaunchSurvival => force.launch_survival = value,
            F::AimpointHardnessPsi => force.aimpoint_hardness_psi = value,
            F::DetectionProbability => force.detection_probability = value,
            _ => return false,
        }
        true
    }
}

impl PreparedField {
    /// This field as a [`DirectField`] of `scenario` (whose options give the hardness range),
    /// if it is one of the real force fields it writes.
    pub(crate) fn direct(&self, scenario: &Scenario) -> Option<DirectField> {
        use ForceField as F;
        let Place::Force(side, f, field) = self.place else {
            return None;
        };
        let direct = matches!(
            field,
            F::YieldKt
                | F::CepM
                | F::BiasM
                | F::Reliability
                | F::LaunchSurvival
                | F::AimpointHardnessPsi
                | F::DetectionProbability
        );
        let force = scenario.sides.get(side)?.forces.get(f)?;
        let options = &scenario.options;
        let hardness = limits::hardness_psi(options.lethal_radius_model);
        // The range `set` checks, from the same table.
        let (limit, _) = force_slot(&mut force.clone(), field, options, hardness);
        (direct && !limit.integer).then_some(DirectField {
            side,
            force: f,
            field,
            limit,
            lowest: limit.lowest(),
        })
    }
}

/// The one key of a field path of one segment.
fn single<'a>(field: &[Segment<'a>]) -> Option<&'a str> {
    match field {
        [Segment::Key(name)] => Some(name),
        _ => None,
    }
}

/// The place of a canonical path (indices only) whose field is one of the enums above.
fn resolve(canonical: &str) -> Option<Place> {
    let segs = segments(canonical);
    let [
        Segment::Key("side"),
        Segment::Index(s),
        Segment::Key(list),
        Segment::Index(i),
        field @ ..,
    ] = segs.as_slice()
    else {
        return None;
    };
    let (s, i): (usize, usize) = (s.parse().ok()?, i.parse().ok()?);
    Some(match *list {
        "force" => Place::Force(s, i, ForceField::parse(field)?),
        "warhead_storage" => Place::Storage(s, i, StorageField::parse(single(field)?)?),
        "missile_defense" => Place::MissileDefense(s, i, LayerField::parse(field)?),
        "air_defense" => Place::AirDefense(s, i, AirField::parse(single(field)?)?),
        _ => return None,
    })
}
