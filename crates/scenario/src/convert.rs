//! From the file format to validated engine types. Ranges come from `reykjavik_engine::limits`;
//! every problem is collected with its field path so the caller can point at the file.
//! Distributions are checked against the field's range, recorded as uncertain inputs, and
//! replaced by their central value for the expected-value analysis.

use reykjavik_engine::EngineError;
use reykjavik_engine::defense::{AirDefense, Coverage, FiringDoctrine, MissileDefenseLayer};
use reykjavik_engine::limits::{self, Limit};
use reykjavik_engine::model::{
    self, Accountability, Basing, ByAlert, Delivery, ForceElement, Fratricide, KillProbabilities,
    ModelOptions, Payload, Scenario, Side, SlowWeaponTiming, ValueModel, ValueUnit, WarheadStorage,
};
use reykjavik_engine::params::{Distribution, UncertainInput};
use reykjavik_engine::physics::LethalRadiusModel;

use crate::format::*;

/// Converts and validates. On failure returns every problem, each with its field path.
/// Two sides only, and no N-side content (alliances, beliefs, reserves): commands other than
/// `analyze` and `sweep` read scenarios this way.
pub fn to_engine(file: &ScenarioFile) -> Result<Scenario, Vec<EngineError>> {
    let refused = crate::multilateral::two_side_refusals(file);
    match to_engine_sides(file, limits::size::SIDES) {
        Ok(_) if !refused.is_empty() => Err(refused),
        Err(mut errors) => {
            errors.extend(refused);
            Err(errors)
        }
        ok => ok,
    }
}

/// As [`to_engine`] with 2 to `max_sides` sides and N-side content ignored (read by
/// `crate::multilateral`).
pub(crate) fn to_engine_sides(
    file: &ScenarioFile,
    max_sides: usize,
) -> Result<Scenario, Vec<EngineError>> {
    let mut reader = Reader::default();
    reader.errors.extend(text_lengths(file));
    let options = options(&file.options, &mut reader);
    reader.hardness = limits::hardness_psi(options.lethal_radius_model);
    let sides = file
        .side
        .iter()
        .enumerate()
        .map(|(s, side)| convert_side(s, side, &mut reader))
        .collect();
    let Reader {
        mut errors,
        uncertain,
        ..
    } = reader;
    let scenario = Scenario {
        name: file.scenario.name.clone(),
        description: file.scenario.description.clone(),
        options,
        sides,
        uncertain,
    };
    let validated = model::validate_sides(&scenario, max_sides)
        .err()
        .into_iter()
        .flatten();
    // Counts and distributions were checked while reading: keep the first message per field.
    for error in validated.chain(model::duplicate_names(&scenario)) {
        if !errors.iter().any(|e| e.field() == error.field()) {
            errors.push(error);
        }
    }
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(errors)
    }
}

/// One force element on its own (a proposal's `add_force`): the element, its distributions
/// with paths relative to it (`cep_m`), or every problem with such a path. Hardness is checked
/// against the widest range; the scenario's own model is checked when the element is added.
pub fn force_alone(
    force: &ForceFile,
) -> Result<(ForceElement, Vec<UncertainInput>), Vec<EngineError>> {
    const AT: &str = "force";
    let mut reader = Reader {
        hardness: limits::hardness_psi(LethalRadiusModel::DavisSchilling),
        ..Reader::default()
    };
    if force.warheads_stored_at.is_some() {
        reader.errors.push(EngineError::rule(
            "force.warheads_stored_at",
            "an added element cannot name a warhead storage site",
        ));
    }
    let element = convert_force(AT, force, &[], &mut reader);
    let relative = |p: &str| p.strip_prefix("force.").unwrap_or(p).to_string();
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    let uncertain = reader
        .uncertain
        .into_iter()
        .map(|u| UncertainInput {
            paths: u.paths.iter().map(|p| relative(p)).collect(),
            distribution: u.distribution,
        })
        .collect();
    Ok((element, uncertain))
}

/// Longest name (of the scenario, a side, element, site or layer), in characters: names are
/// table cells and field-path keys.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest free text (description, sources), in characters.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Every name and free text within its length limit, each problem with its field path.
fn text_lengths(file: &ScenarioFile) -> Vec<EngineError> {
    let mut texts: Vec<(String, &str, usize)> = vec![
        ("scenario.name".into(), &file.scenario.name, MAX_NAME_CHARS),
        (
            "scenario.description".into(),
            &file.scenario.description,
            MAX_TEXT_CHARS,
        ),
    ];
    for (k, source) in file.scenario.sources.iter().enumerate() {
        texts.push((format!("scenario.sources[{k}]"), source, MAX_TEXT_CHARS));
    }
    for (s, side) in file.side.iter().enumerate() {
        texts.push((format!("side[{s}].name"), &side.name, MAX_NAME_CHARS));
        if let Some(source) = &side.value.source {
            texts.push((format!("side[{s}].value.source"), source, MAX_TEXT_CHARS));
        }
        for (k, f) in side.force.iter().enumerate() {
            let at = format!("side[{s}].force[{k}]");
            texts.push((format!("{at}.name"), &f.name, MAX_NAME_CHARS));
            if let Some(source) = &f.source {
                texts.push((format!("{at}.source"), source, MAX_TEXT_CHARS));
            }
            if let Some(site) = &f.warheads_stored_at {
                texts.push((format!("{at}.warheads_stored_at"), site, MAX_NAME_CHARS));
            }
        }
        let others = side
            .warhead_storage
            .iter()
            .enumerate()
            .map(|(k, w)| ("warhead_storage", k, &w.name, &w.source))
            .chain(
                side.missile_defense
                    .iter()
                    .enumerate()
                    .map(|(k, d)| ("missile_defense", k, &d.name, &d.source)),
            )
            .chain(
                side.air_defense
                    .iter()
                    .enumerate()
                    .map(|(k, d)| ("air_defense", k, &d.name, &d.source)),
            );
        for (list, k, name, source) in others {
            let at = format!("side[{s}].{list}[{k}]");
            texts.push((format!("{at}.name"), name, MAX_NAME_CHARS));
            if let Some(source) = source {
                texts.push((format!("{at}.source"), source, MAX_TEXT_CHARS));
            }
        }
    }
    texts
        .into_iter()
        .filter_map(|(path, text, max)| {
            let chars = text.chars().count();
            (chars > max).then(|| {
                EngineError::rule(
                    path,
                    format!("this text has {chars} characters; at most {max} are allowed"),
                )
            })
        })
        .collect()
}

/// Reads numbers: checks counts before they are cast (the engine's unsigned types cannot hold a
/// negative or fractional count) and distributions against the field's range.
struct Reader {
    errors: Vec<EngineError>,
    uncertain: Vec<UncertainInput>,
    /// The aimpoint hardness range under the scenario's lethal-radius model.
    hardness: Limit,
}

impl Default for Reader {
    fn default() -> Self {
        Self {
            errors: Vec::new(),
            uncertain: Vec::new(),
            hardness: limits::HARDNESS_PSI,
        }
    }
}

impl Reader {
    /// The value to use in the expected-value analysis; a distribution is recorded.
    fn real(&mut self, path: String, num: Num, limit: &Limit) -> f64 {
        let invalid = |detail: String| {
            EngineError::rule(
                path.clone(),
                format!("{detail} (valid range of the field: {})", limit.describe()),
            )
        };
        // Bounds must be valid values themselves: 0 is not a valid CEP.
        let inside = |x: f64| limit.in_range(x);
        let show = limits::show;
        let distribution = match num {
            Num::Fixed(v) => return v,
            Num::Uniform([low, high]) => {
                if !(inside(low) && inside(high) && low <= high) {
                    self.errors.push(invalid(format!(
                        "uniform = [{}, {}] needs low <= high, both in range",
                        show(low),
                        show(high)
                    )));
                    return limit.min.max(low.min(limit.max));
                }
                Distribution::Uniform { low, high }
            }
            Num::Triangular([low, mode, high]) => {
                if !(inside(low) && inside(high) && low <= mode && mode <= high) {
                    self.errors.push(invalid(format!(
                        "triangular = [{}, {}, {}] needs low <= mode <= high, all in range",
                        show(low),
                        show(mode),
                        show(high)
                    )));
                    return limit.min.max(mode.min(limit.max));
                }
                Distribution::Triangular { low, mode, high }
            }
            Num::Normal { mean, sd } => {
                if !(inside(mean) && sd > 0.0 && sd.is_finite()) {
                    self.errors.push(invalid(format!(
                        "normal = {{ mean = {}, sd = {} }} needs the mean in range and sd > 0",
                        show(mean),
                        show(sd)
                    )));
                    return limit.min.max(mean.min(limit.max));
                }
                // Truncated to the valid values: an exclusive bound is never drawn.
                Distribution::Normal {
                    mean,
                    sd,
                    low: limit.lowest(),
                    high: limit.max,
                }
            }
        };
        let central = distribution.central();
        self.uncertain.push(UncertainInput {
            paths: vec![path],
            distribution,
        });
        if limit.integer {
            central.round()
        } else {
            central
        }
    }

    fn optional(&mut self, path: String, num: Option<Num>, limit: &Limit) -> Option<f64> {
        num.map(|n| self.real(path, n, limit))
    }

    fn count(&mut self, path: String, num: Num, limit: &Limit) -> u32 {
        let value = self.real(path.clone(), num, limit);
        if limit.contains(value) {
            value as u32
        } else {
            if matches!(num, Num::Fixed(_)) {
                self.errors
                    .push(EngineError::invalid(path, value, &limit.describe()));
            }
            limit.min as u32
        }
    }
}

/// No published value: an illustration for users to vary (docs/model.md section 1).
const DEFAULT_FRATRICIDE_PER_BURST: f64 = 0.25;

fn fratricide(file: &OptionsFile, r: &mut Reader) -> Fratricide {
    match file.fratricide {
        None | Some(FratricideName::Cap) => {
            if file.fratricide_per_burst.is_some() {
                r.errors.push(EngineError::rule(
                    "options.fratricide_per_burst",
                    "applies only with fratricide = \"degradation\"",
                ));
            }
            Fratricide::Cap
        }
        Some(FratricideName::Degradation) => Fratricide::Degradation {
            per_burst: r
                .optional(
                    "options.fratricide_per_burst".into(),
                    file.fratricide_per_burst,
                    &limits::PROBABILITY,
                )
                .unwrap_or(DEFAULT_FRATRICIDE_PER_BURST),
        },
    }
}

fn options(file: &OptionsFile, r: &mut Reader) -> ModelOptions {
    let d = ModelOptions::default();
    let fratricide = fratricide(file, r);
    let mut real = |field: &str, num: Option<Num>, limit: &Limit, default: f64| {
        num.map_or(default, |n| r.real(format!("options.{field}"), n, limit))
    };
    ModelOptions {
        lethal_radius_model: match file.lethal_radius_model {
            None => d.lethal_radius_model,
            Some(LethalRadiusName::DavisSchilling) => LethalRadiusModel::DavisSchilling,
            Some(LethalRadiusName::Brown1976) => LethalRadiusModel::Brown1976,
        },
        cost_exponent: real(
            "cost_exponent",
            file.cost_exponent,
            &limits::COST_EXPONENT,
            d.cost_exponent,
        ),
        cost_surcharge: real(
            "cost_surcharge",
            file.cost_surcharge,
            &limits::COST_SURCHARGE,
            d.cost_surcharge,
        ),
        striker_availability_fixed: real(
            "striker_availability_fixed",
            file.striker_availability_fixed,
            &limits::PROBABILITY,
            d.striker_availability_fixed,
        ),
        striker_availability_survivable: real(
            "striker_availability_survivable",
            file.striker_availability_survivable,
            &limits::PROBABILITY,
            d.striker_availability_survivable,
        ),
        launch_under_attack_share: real(
            "launch_under_attack_share",
            file.launch_under_attack_share,
            &limits::PROBABILITY,
            d.launch_under_attack_share,
        ),
        slow_weapons: match file.slow_weapons {
            None => d.slow_weapons,
            Some(SlowWeaponsName::AfterRetaliation) => SlowWeaponTiming::AfterRetaliation,
            Some(SlowWeaponsName::WithPromptWave) => SlowWeaponTiming::WithPromptWave,
        },
        fratricide,
        max_warheads_per_aimpoint: file.max_warheads_per_aimpoint.map_or(
            d.max_warheads_per_aimpoint,
            |v| {
                r.count(
                    "options.max_warheads_per_aimpoint".into(),
                    v,
                    &limits::MAX_WARHEADS_PER_AIMPOINT,
                )
            },
        ),
    }
}

fn convert_side(s: usize, side: &SideFile, r: &mut Reader) -> Side {
    let at = |field: &str| format!("side[{s}].{field}");
    Side {
        name: side.name.clone(),
        value: ValueModel {
            unit: match side.value.unit {
                ValueUnitName::Warheads => ValueUnit::Warheads,
                ValueUnitName::EquivalentMegatons => ValueUnit::EquivalentMegatons,
            },
            w80: r.real(at("value.w80"), side.value.w80, &limits::W80),
        },
        forces: side
            .force
            .iter()
            .enumerate()
            .map(|(f, force)| {
                convert_force(
                    &format!("side[{s}].force[{f}]"),
                    force,
                    &side.warhead_storage,
                    r,
                )
            })
            .collect(),
        missile_defenses: side
            .missile_defense
            .iter()
            .enumerate()
            .map(|(d, layer)| {
                convert_missile_defense(&format!("side[{s}].missile_defense[{d}]"), layer, r)
            })
            .collect(),
        air_defenses: side
            .air_defense
            .iter()
            .enumerate()
            .map(|(d, air)| {
                let at = |field: &str| format!("side[{s}].air_defense[{d}].{field}");
                AirDefense {
                    name: air.name.clone(),
                    bomber_shootdown: r.real(
                        at("bomber_shootdown"),
                        air.bomber_shootdown,
                        &limits::PROBABILITY,
                    ),
                    cruise_missile_shootdown: r.real(
                        at("cruise_missile_shootdown"),
                        air.cruise_missile_shootdown,
                        &limits::PROBABILITY,
                    ),
                    covers: coverage(air.covers),
                }
            })
            .collect(),
        warhead_storage: side
            .warhead_storage
            .iter()
            .enumerate()
            .map(|(w, site)| {
                let at = |field: &str| format!("side[{s}].warhead_storage[{w}].{field}");
                WarheadStorage {
                    name: site.name.clone(),
                    detection_probability: r
                        .optional(
                            at("detection_probability"),
                            site.detection_probability,
                            &limits::PROBABILITY,
                        )
                        .unwrap_or(1.0),
                    aimpoint_hardness_psi: {
                        let hardness = r.hardness;
                        r.real(
                            at("aimpoint_hardness_psi"),
                            site.aimpoint_hardness_psi,
                            &hardness,
                        )
                    },
                }
            })
            .collect(),
    }
}

fn basing(name: BasingName) -> Basing {
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

fn convert_force(
    at: &str,
    force: &ForceFile,
    storage: &[WarheadStorageFile],
    r: &mut Reader,
) -> ForceElement {
    let path = |field: &str| format!("{at}.{field}");
    let delivery = delivery(force.delivery);
    let basing = basing(force.basing);
    let kill_probability = force
        .kill_probability
        .map(|k| kill_probabilities(at, k, r))
        .unwrap_or_default();
    let ballistic_or_glide = matches!(
        delivery,
        Delivery::BallisticMissile | Delivery::GlideVehicle
    );
    let warhead_storage = force
        .warheads_stored_at
        .as_ref()
        .map(|name| storage_site(at, name, storage, r));
    ForceElement {
        name: force.name.clone(),
        delivery,
        basing,
        payload: match force.payload {
            None | Some(PayloadName::Nuclear) => Payload::Nuclear,
            Some(PayloadName::Conventional) => Payload::Conventional,
        },
        // With a separate generated count, a drawn `launchers` sets the day-to-day count only.
        launchers: r.count(
            path(if force.generated_launchers.is_some() {
                "launchers.day_to_day"
            } else {
                "launchers"
            }),
            force.launchers,
            &limits::LAUNCHERS,
        ),
        generated_launchers: force
            .generated_launchers
            .map(|n| r.count(path("generated_launchers"), n, &limits::LAUNCHERS)),
        warheads_per_launcher: r.count(
            path("warheads_per_launcher"),
            force.warheads_per_launcher,
            &limits::WARHEADS_PER_LAUNCHER,
        ),
        yield_kt: r.optional(path("yield_kt"), force.yield_kt, &limits::YIELD_KT),
        cep_m: r.optional(path("cep_m"), force.cep_m, &limits::CEP_M),
        bias_m: r
            .optional(path("bias_m"), force.bias_m, &limits::BIAS_M)
            .unwrap_or(0.0),
        reliability: r.real(path("reliability"), force.reliability, &limits::PROBABILITY),
        prompt: force.prompt.unwrap_or(ballistic_or_glide),
        untargetable_share: probabilities_by_alert(
            &path("untargetable_share"),
            force.untargetable_share,
            r,
        ),
        launchers_per_aimpoint: force.launchers_per_aimpoint.map_or(1, |v| {
            r.count(
                path("launchers_per_aimpoint"),
                v,
                &limits::LAUNCHERS_PER_AIMPOINT,
            )
        }),
        aimpoint_hardness_psi: {
            let hardness = r.hardness;
            r.real(
                path("aimpoint_hardness_psi"),
                force.aimpoint_hardness_psi,
                &hardness,
            )
        },
        detection_probability: r
            .optional(
                path("detection_probability"),
                force.detection_probability,
                &limits::PROBABILITY,
            )
            .unwrap_or(1.0),
        kill_probability,
        can_launch_under_attack: force
            .launch_under_attack
            .unwrap_or(ForceElement::launch_ready_by_default(delivery, basing)),
        launch_survival: r
            .optional(
                path("launch_survival"),
                force.launch_survival,
                &limits::PROBABILITY,
            )
            .unwrap_or(1.0),
        warhead_storage,
        striker_availability: force
            .striker_availability
            .map(|a| probabilities_by_alert(&path("striker_availability"), a, r)),
        accountability: accountability(at, force, r),
    }
}

fn delivery(name: DeliveryName) -> Delivery {
    match name {
        DeliveryName::BallisticMissile => Delivery::BallisticMissile,
        DeliveryName::CruiseMissile => Delivery::CruiseMissile,
        DeliveryName::Aircraft => Delivery::Aircraft,
        DeliveryName::GlideVehicle => Delivery::GlideVehicle,
    }
}

/// A day-to-day and a generated probability, at `{at}.day_to_day` and `{at}.generated`.
fn probabilities_by_alert(at: &str, given: ByAlertFile, r: &mut Reader) -> ByAlert {
    ByAlert {
        day_to_day: r.real(
            format!("{at}.day_to_day"),
            given.day_to_day,
            &limits::PROBABILITY,
        ),
        generated: r.real(
            format!("{at}.generated"),
            given.generated,
            &limits::PROBABILITY,
        ),
    }
}

/// The kill probabilities named per target class; `default` (one value, or one draw) fills
/// every class not named.
fn kill_probabilities(at: &str, k: KillProbabilityFile, r: &mut Reader) -> KillProbabilities {
    let path = |target: &str| format!("{at}.kill_probability.{target}");
    let mut kill_probability = KillProbabilities::default();
    let given = [
        (Basing::Silo, k.silo),
        (Basing::RoadMobile, k.road_mobile),
        (Basing::Submarine, k.submarine),
        (Basing::AirBase, k.air_base),
        (Basing::SurfaceShip, k.surface_ship),
        (Basing::WarheadStorage, k.warhead_storage),
    ];
    for (target, p) in given {
        if let Some(p) = p {
            let value = r.real(path(target.name()), p, &limits::PROBABILITY);
            kill_probability.set(target, value);
        }
    }
    if let Some(default) = k.default {
        let before = r.uncertain.len();
        let mut value = r.real(path("default"), default, &limits::PROBABILITY);
        // One error for the value the file holds, not one per class it fills.
        if !limits::PROBABILITY.contains(value) {
            let limit = limits::PROBABILITY.describe();
            r.errors
                .push(EngineError::invalid(path("default"), value, &limit));
            value = value.clamp(limits::PROBABILITY.min, limits::PROBABILITY.max);
        }
        let unnamed: Vec<Basing> = given
            .iter()
            .filter(|(_, p)| p.is_none())
            .map(|(b, _)| *b)
            .collect();
        for &target in &unnamed {
            kill_probability.set(target, value);
        }
        // A drawn default sets every unnamed class.
        if let Some(input) = r.uncertain.get_mut(before) {
            input.paths = unnamed.iter().map(|b| path(b.name())).collect();
        }
    }
    kill_probability
}

/// The index of the warhead storage site a force names; a missing name is an error listing
/// the side's sites (and `usize::MAX`, never used: the error stops the conversion).
fn storage_site(at: &str, name: &str, storage: &[WarheadStorageFile], r: &mut Reader) -> usize {
    storage
        .iter()
        .position(|w| w.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = storage.iter().map(|w| w.name.as_str()).collect();
            r.errors.push(EngineError::rule(
                format!("{at}.warheads_stored_at"),
                format!(
                    "no warhead_storage site named `{name}` on this side (sites: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            ));
            usize::MAX
        })
}

/// The treaty-accounting fields (launchers not deployed or converted, the upload ceiling).
fn accountability(at: &str, force: &ForceFile, r: &mut Reader) -> Accountability {
    let path = |field: &str| format!("{at}.{field}");
    Accountability {
        non_deployed_launchers: force.non_deployed_launchers.map_or(0, |n| {
            r.count(path("non_deployed_launchers"), n, &limits::LAUNCHERS)
        }),
        converted_launchers: force.converted_launchers.map_or(0, |n| {
            r.count(path("converted_launchers"), n, &limits::LAUNCHERS)
        }),
        max_warheads_per_launcher: force.max_warheads_per_launcher.map(|n| {
            r.count(
                path("max_warheads_per_launcher"),
                n,
                &limits::WARHEADS_PER_LAUNCHER,
            )
        }),
    }
}

fn convert_missile_defense(
    at: &str,
    layer: &MissileDefenseFile,
    r: &mut Reader,
) -> MissileDefenseLayer {
    let path = |field: &str| format!("{at}.{field}");
    let doctrine = match (layer.interceptors_per_rv, layer.shoot_look_shoot) {
        (Some(shots), None) => FiringDoctrine::Salvo {
            shots: r.count(
                path("interceptors_per_rv"),
                shots,
                &limits::INTERCEPTORS_PER_RV,
            ),
        },
        (None, Some(sls)) => FiringDoctrine::ShootLookShoot {
            first: r.count(
                path("shoot_look_shoot.first"),
                sls.first,
                &limits::INTERCEPTORS_PER_RV,
            ),
            second: r.count(
                path("shoot_look_shoot.second"),
                sls.second,
                &limits::INTERCEPTORS_PER_RV,
            ),
        },
        (both, _) => {
            let found = if both.is_some() { "both" } else { "neither" };
            r.errors.push(EngineError::rule(
                path("interceptors_per_rv"),
                format!(
                    "give exactly one of interceptors_per_rv or shoot_look_shoot (found {found})"
                ),
            ));
            FiringDoctrine::Salvo { shots: 1 }
        }
    };
    MissileDefenseLayer {
        name: layer.name.clone(),
        interceptors: r.count(
            path("interceptors"),
            layer.interceptors,
            &limits::INTERCEPTORS,
        ),
        interceptor_sspk: r.real(
            path("interceptor_sspk"),
            layer.interceptor_sspk,
            &limits::PROBABILITY,
        ),
        doctrine,
        discrimination: r
            .optional(
                path("discrimination"),
                layer.discrimination,
                &limits::PROBABILITY,
            )
            .unwrap_or(1.0),
        covers: coverage(layer.covers),
    }
}
