//! From the file format to validated engine types. Ranges come from `reykjavik_engine::limits`;
//! every problem is collected with its field path so the caller can point at the file.

use reykjavik_engine::EngineError;
use reykjavik_engine::defense::{AirDefense, Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::limits::{self, Limit};
use reykjavik_engine::model::{
    self, Basing, ByAlert, Delivery, ForceElement, KillProbabilities, ModelOptions, Payload,
    Scenario, Side, ValueModel, ValueUnit,
};
use reykjavik_engine::physics::LethalRadiusModel;

use crate::format::*;

/// Converts and validates. On failure returns every problem, each with its field path.
pub fn to_engine(file: &ScenarioFile) -> Result<Scenario, Vec<EngineError>> {
    let mut errors = Vec::new();
    let mut counter = Counts {
        errors: &mut errors,
    };
    let scenario = Scenario {
        name: file.scenario.name.clone(),
        description: file.scenario.description.clone(),
        options: options(&file.options, &mut counter),
        sides: file
            .side
            .iter()
            .enumerate()
            .map(|(s, side)| convert_side(s, side, &mut counter))
            .collect(),
    };
    if let Err(more) = model::validate(&scenario) {
        // Counts were range-checked before the cast: keep the first message for each field.
        for error in more {
            if !errors.iter().any(|e| e.field() == error.field()) {
                errors.push(error);
            }
        }
    }
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(errors)
    }
}

/// Range-checks integer fields before they are cast, since the engine's unsigned types cannot
/// hold a negative or fractional count.
struct Counts<'a> {
    errors: &'a mut Vec<EngineError>,
}

impl Counts<'_> {
    fn count(&mut self, path: String, value: f64, limit: &Limit) -> u32 {
        if limit.contains(value) {
            value as u32
        } else {
            self.errors
                .push(EngineError::invalid(path, value, &limit.describe()));
            limit.min as u32
        }
    }
}

fn options(file: &OptionsFile, counts: &mut Counts) -> ModelOptions {
    let defaults = ModelOptions::default();
    ModelOptions {
        lethal_radius_model: match file.lethal_radius_model {
            None => defaults.lethal_radius_model,
            Some(LethalRadiusName::DavisSchilling) => LethalRadiusModel::DavisSchilling,
            Some(LethalRadiusName::Brown1976) => LethalRadiusModel::Brown1976,
        },
        max_warheads_per_aimpoint: file.max_warheads_per_aimpoint.map_or(
            defaults.max_warheads_per_aimpoint,
            |v| {
                counts.count(
                    "options.max_warheads_per_aimpoint".into(),
                    v,
                    &limits::MAX_WARHEADS_PER_AIMPOINT,
                )
            },
        ),
        cost_exponent: file.cost_exponent.unwrap_or(defaults.cost_exponent),
        cost_surcharge: file.cost_surcharge.unwrap_or(defaults.cost_surcharge),
        striker_availability_fixed: file
            .striker_availability_fixed
            .unwrap_or(defaults.striker_availability_fixed),
        striker_availability_survivable: file
            .striker_availability_survivable
            .unwrap_or(defaults.striker_availability_survivable),
        launch_under_attack_share: file
            .launch_under_attack_share
            .unwrap_or(defaults.launch_under_attack_share),
    }
}

fn convert_side(s: usize, side: &SideFile, counts: &mut Counts) -> Side {
    Side {
        name: side.name.clone(),
        value: ValueModel {
            unit: match side.value.unit {
                ValueUnitName::Warheads => ValueUnit::Warheads,
                ValueUnitName::EquivalentMegatons => ValueUnit::EquivalentMegatons,
            },
            w80: side.value.w80,
        },
        forces: side
            .force
            .iter()
            .enumerate()
            .map(|(f, force)| convert_force(&format!("side[{s}].force[{f}]"), force, counts))
            .collect(),
        missile_defenses: side
            .missile_defense
            .iter()
            .enumerate()
            .map(|(d, layer)| {
                convert_missile_defense(&format!("side[{s}].missile_defense[{d}]"), layer, counts)
            })
            .collect(),
        air_defenses: side
            .air_defense
            .iter()
            .map(|air| AirDefense {
                name: air.name.clone(),
                bomber_shootdown: air.bomber_shootdown,
                cruise_missile_shootdown: air.cruise_missile_shootdown,
                covers: coverage(air.covers),
            })
            .collect(),
    }
}

pub(crate) fn basing(name: BasingName) -> Basing {
    match name {
        BasingName::Silo => Basing::Silo,
        BasingName::RoadMobile => Basing::RoadMobile,
        BasingName::Submarine => Basing::Submarine,
        BasingName::AirBase => Basing::AirBase,
        BasingName::SurfaceShip => Basing::SurfaceShip,
    }
}

fn coverage(name: CoverageName) -> Coverage {
    match name {
        CoverageName::Value => Coverage::Value,
        CoverageName::Forces => Coverage::Forces,
        CoverageName::Both => Coverage::Both,
    }
}

fn convert_force(at: &str, force: &ForceFile, counts: &mut Counts) -> ForceElement {
    let delivery = match force.delivery {
        DeliveryName::BallisticMissile => Delivery::BallisticMissile,
        DeliveryName::CruiseMissile => Delivery::CruiseMissile,
        DeliveryName::Aircraft => Delivery::Aircraft,
        DeliveryName::GlideVehicle => Delivery::GlideVehicle,
    };
    let basing = basing(force.basing);
    let mut kill_probability = KillProbabilities::default();
    if let Some(k) = force.kill_probability {
        let given = [
            (Basing::Silo, k.silo),
            (Basing::RoadMobile, k.road_mobile),
            (Basing::Submarine, k.submarine),
            (Basing::AirBase, k.air_base),
            (Basing::SurfaceShip, k.surface_ship),
        ];
        for (target, p) in given {
            if let Some(p) = p.or(k.default) {
                kill_probability.set(target, p);
            }
        }
    }
    let ballistic_or_glide = matches!(
        delivery,
        Delivery::BallisticMissile | Delivery::GlideVehicle
    );
    ForceElement {
        name: force.name.clone(),
        delivery,
        basing,
        payload: match force.payload {
            None | Some(PayloadName::Nuclear) => Payload::Nuclear,
            Some(PayloadName::Conventional) => Payload::Conventional,
        },
        launchers: counts.count(
            format!("{at}.launchers"),
            force.launchers,
            &limits::LAUNCHERS,
        ),
        warheads_per_launcher: counts.count(
            format!("{at}.warheads_per_launcher"),
            force.warheads_per_launcher,
            &limits::WARHEADS_PER_LAUNCHER,
        ),
        yield_kt: force.yield_kt,
        cep_m: force.cep_m,
        bias_m: force.bias_m.unwrap_or(0.0),
        reliability: force.reliability,
        prompt: force.prompt.unwrap_or(ballistic_or_glide),
        untargetable_share: ByAlert {
            day_to_day: force.untargetable_share.day_to_day,
            generated: force.untargetable_share.generated,
        },
        launchers_per_aimpoint: force.launchers_per_aimpoint.map_or(1, |v| {
            counts.count(
                format!("{at}.launchers_per_aimpoint"),
                v,
                &limits::LAUNCHERS_PER_AIMPOINT,
            )
        }),
        aimpoint_hardness_psi: force.aimpoint_hardness_psi,
        detection_probability: force.detection_probability.unwrap_or(1.0),
        kill_probability,
        can_launch_under_attack: force.launch_under_attack.unwrap_or(
            delivery == Delivery::BallisticMissile
                && matches!(basing, Basing::Silo | Basing::RoadMobile),
        ),
    }
}

fn convert_missile_defense(
    at: &str,
    layer: &MissileDefenseFile,
    counts: &mut Counts,
) -> MissileDefenseLayer {
    let doctrine = match (layer.interceptors_per_rv, layer.shoot_look_shoot) {
        (Some(shots), None) => FiringDoctrine::Salvo {
            shots: counts.count(
                format!("{at}.interceptors_per_rv"),
                shots,
                &limits::INTERCEPTORS_PER_RV,
            ),
        },
        (None, Some(sls)) => FiringDoctrine::ShootLookShoot {
            first: counts.count(
                format!("{at}.shoot_look_shoot.first"),
                sls.first,
                &limits::INTERCEPTORS_PER_RV,
            ),
            second: counts.count(
                format!("{at}.shoot_look_shoot.second"),
                sls.second,
                &limits::INTERCEPTORS_PER_RV,
            ),
        },
        (both, _) => {
            let found = if both.is_some() { "both" } else { "neither" };
            counts.errors.push(EngineError::rule(
                format!("{at}.interceptors_per_rv"),
                format!(
                    "give exactly one of interceptors_per_rv or shoot_look_shoot (found {found})"
                ),
            ));
            FiringDoctrine::Salvo { shots: 1 }
        }
    };
    MissileDefenseLayer {
        name: layer.name.clone(),
        interceptors: counts.count(
            format!("{at}.interceptors"),
            layer.interceptors,
            &limits::INTERCEPTORS,
        ),
        interceptor_sspk: layer.interceptor_sspk,
        doctrine,
        discrimination: layer.discrimination.unwrap_or(1.0),
        covers: coverage(layer.covers),
    }
}
