//! Per-job memos of what a trial derives from the drawn scenario weapon by weapon: conditional
//! kill probabilities (a cube root and an exponential each) and value units (a power each).
//! The cube root is the lethal radius, which weapons of one yield share against one target:
//! it is memoised apart, once per yield (see [`Drawn`]'s yield classes) and target group.
//!
//! A value whose inputs no uncertain input draws is computed once per job and kept; one whose
//! inputs are drawn is computed once per trial, when a strike first needs it. Which fields are
//! inputs is stated once, in [`WeaponFields`]; a test sets every numeric field of a force
//! element and checks that a field left out moves neither quantity.

use crate::error::EngineError;
use crate::exchange::{self, Target};
use crate::model::{ModelOptions, Scenario, Side};
use crate::params::{ForceField, Part, PreparedField};
use crate::physics;

/// What a drawn field of a force element can move.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WeaponFields {
    /// Its kill probabilities as a weapon: [`exchange::conditional_kill_probability`] reads
    /// the weapon's kill probabilities, yield, CEP and bias (and payload, not numeric).
    kill_as_weapon: bool,
    /// Kill probabilities against it: [`exchange::target_class`] reads the aimpoint hardness
    /// (and basing, not numeric).
    kill_as_target: bool,
    /// Its value units: [`exchange::value_units`] reads the yield (and payload).
    units: bool,
    /// Its lethal radius as a weapon: [`physics::lethal_radius_m`] reads the yield.
    radius: bool,
}

impl WeaponFields {
    fn of(field: ForceField) -> Self {
        use ForceField as F;
        Self {
            kill_as_weapon: matches!(
                field,
                F::YieldKt | F::CepM | F::BiasM | F::KillProbability(_)
            ),
            kill_as_target: field == F::AimpointHardnessPsi,
            units: field == F::YieldKt,
            radius: field == F::YieldKt,
        }
    }

    fn all() -> Self {
        Self {
            kill_as_weapon: true,
            kill_as_target: true,
            units: true,
            radius: true,
        }
    }

    fn or(self, other: Self) -> Self {
        Self {
            kill_as_weapon: self.kill_as_weapon || other.kill_as_weapon,
            kill_as_target: self.kill_as_target || other.kill_as_target,
            units: self.units || other.units,
            radius: self.radius || other.radius,
        }
    }
}

/// Which force elements (by what their drawn fields move) and warhead storage sites the
/// uncertain inputs draw, per side.
#[derive(Debug, Clone)]
pub(crate) struct Drawn {
    forces: Vec<Vec<WeaponFields>>,
    storage: Vec<Vec<bool>>,
    /// Per side, per element: the first element of the side whose lethal radius it shares in
    /// every trial (the same yield, neither drawn); itself if none before it.
    yield_class: Vec<Vec<usize>>,
    /// An input draws a field outside elements, sites and defenses (an option, a value field,
    /// or a path that does not resolve): every derived value is taken as drawn.
    other: bool,
}

impl Drawn {
    /// What `fields` (the prepared fields of every uncertain input) draw in `scenario`.
    pub(crate) fn new<'a>(
        scenario: &Scenario,
        fields: impl IntoIterator<Item = &'a PreparedField>,
    ) -> Self {
        let mut drawn = Self {
            forces: scenario
                .sides
                .iter()
                .map(|s| vec![WeaponFields::default(); s.forces.len()])
                .collect(),
            storage: scenario
                .sides
                .iter()
                .map(|s| vec![false; s.warhead_storage.len()])
                .collect(),
            yield_class: Vec::new(),
            other: false,
        };
        for field in fields {
            let found = match field.part() {
                Part::Force(s, f, which) => drawn
                    .forces
                    .get_mut(s)
                    .and_then(|x| x.get_mut(f))
                    .map(|flags| *flags = flags.or(WeaponFields::of(which))),
                Part::Storage(s, w) => drawn
                    .storage
                    .get_mut(s)
                    .and_then(|x| x.get_mut(w))
                    .map(|flag| *flag = true),
                Part::Defense(_) => Some(()),
                Part::Other => None,
            };
            drawn.other |= found.is_none();
        }
        drawn.yield_class = scenario
            .sides
            .iter()
            .enumerate()
            .map(|(s, side)| drawn.yield_classes(s, side))
            .collect();
        drawn
    }

    /// Per element of `side` (index `s`), its yield class: the first element with the same
    /// yield when neither yield is drawn.
    fn yield_classes(&self, s: usize, side: &Side) -> Vec<usize> {
        let fixed = |f: usize| !self.force(s, f).radius;
        let forces = &side.forces;
        let same = |f: usize, g: usize| {
            fixed(g) && forces[g].yield_kt.map(f64::to_bits) == forces[f].yield_kt.map(f64::to_bits)
        };
        (0..forces.len())
            .map(|f| match fixed(f) {
                true => (0..f).find(|&g| same(f, g)).unwrap_or(f),
                false => f,
            })
            .collect()
    }

    /// The yield class of `side`'s element `f` (itself when everything is drawn).
    fn yield_class(&self, side: usize, f: usize) -> usize {
        match self.yield_class.get(side).and_then(|x| x.get(f)) {
            Some(&class) if !self.other => class,
            _ => f,
        }
    }

    /// Everything taken as drawn: every value is computed again in every trial.
    pub(crate) fn everything() -> Self {
        Self {
            forces: Vec::new(),
            storage: Vec::new(),
            yield_class: Vec::new(),
            other: true,
        }
    }

    /// Whether every value counts as drawn (as with [`Drawn::everything`]).
    pub(crate) fn is_everything(&self) -> bool {
        self.other
    }

    fn force(&self, side: usize, f: usize) -> WeaponFields {
        match self.forces.get(side).and_then(|x| x.get(f)) {
            Some(&flags) if !self.other => flags,
            _ => WeaponFields::all(),
        }
    }

    fn target(&self, side: usize, target: Target) -> bool {
        match target {
            Target::Element(j) => self.force(side, j).kill_as_target,
            Target::Storage(w) => {
                self.other || self.storage.get(side).and_then(|x| x.get(w)) != Some(&false)
            }
        }
    }
}

/// Stamp of a slot whose value holds for the whole job.
const WHOLE_JOB: u64 = u64::MAX;

/// Memoised values, each valid for the whole job or for the trial that computed it.
#[derive(Debug, Default)]
struct Slots {
    values: Vec<f64>,
    /// 0: not computed; [`WHOLE_JOB`]; or the trial that computed it.
    stamps: Vec<u64>,
}

impl Slots {
    fn with_len(len: usize) -> Self {
        Self {
            values: vec![0.0; len],
            stamps: vec![0; len],
        }
    }

    /// The value of `slot`, if computed for the whole job or in `trial`.
    #[inline]
    fn valid(&self, slot: usize, trial: u64) -> Option<f64> {
        let stamp = self.stamps[slot];
        (stamp == WHOLE_JOB || stamp == trial).then(|| self.values[slot])
    }

    /// Keeps `value` in `slot`: for `trial` only if its inputs are `drawn`, else for the job.
    fn keep(&mut self, slot: usize, trial: u64, drawn: bool, value: f64) -> f64 {
        self.values[slot] = value;
        self.stamps[slot] = if drawn { trial } else { WHOLE_JOB };
        value
    }
}

/// The memos of one job, with one table per ordered pair of sides (the striker, or the side
/// whose weapons attack value, first).
#[derive(Debug)]
pub(crate) struct Memo {
    kill: Vec<Option<KillTable>>,
    units: Vec<Option<Slots>>,
    /// Each side's value units on the other's, for planning (see [`Memo::for_planning`]).
    planning_units: [Vec<f64>; 2],
    /// The trial being drawn (from 1; 0 marks a slot never computed).
    trial: u64,
}

impl Default for Memo {
    fn default() -> Self {
        Self {
            kill: Vec::new(),
            units: Vec::new(),
            planning_units: Default::default(),
            trial: 1,
        }
    }
}

impl Memo {
    /// Starts a trial: values computed from drawn inputs in earlier trials are stale.
    pub(crate) fn next_trial(&mut self) {
        self.trial += 1;
    }

    /// The kill probabilities of `striker`'s weapons against `victim`'s targets.
    pub(super) fn kills<'a>(
        &'a mut self,
        scenario: &'a Scenario,
        drawn: &'a Drawn,
        pair: (usize, usize),
    ) -> Kills<'a> {
        let sides = scenario.sides.len();
        let make = || KillTable::new(scenario, drawn, pair);
        let table = pair_table(&mut self.kill, sides, pair, make);
        Kills::new(table, self.trial, scenario, pair)
    }

    /// What both strikes of a two-side scenario plan with: their kill probabilities (`[0]`:
    /// side 0 strikes side 1), as [`Memo::kills`] gives them, and each side's value units on
    /// the other's value, as [`Memo::units`] gives them.
    pub(super) fn for_planning<'a>(
        &'a mut self,
        scenario: &'a Scenario,
        drawn: &'a Drawn,
    ) -> ([Kills<'a>; 2], [&'a [f64]; 2]) {
        for (side, buffer) in self.planning_units.iter_mut().enumerate() {
            let pair = (side, 1 - side);
            let mut units = units_view(&mut self.units, self.trial, scenario, drawn, pair);
            buffer.clear();
            buffer.extend((0..scenario.sides[side].forces.len()).map(|e| units.get(e)));
        }
        let [first, second] = &self.planning_units;
        let kills = kills_of_both(&mut self.kill, self.trial, scenario, drawn);
        (kills, [&first[..], &second[..]])
    }

    /// The value units of `side`'s elements on `defender`'s value.
    pub(super) fn units<'a>(
        &'a mut self,
        scenario: &'a Scenario,
        drawn: &'a Drawn,
        pair: (usize, usize),
    ) -> Units<'a> {
        units_view(&mut self.units, self.trial, scenario, drawn, pair)
    }
}

/// The kill probabilities of both strikes of a two-side scenario (`[0]`: side 0 strikes side
/// 1), as [`Memo::kills`] gives them one at a time.
fn kills_of_both<'a>(
    tables: &'a mut Vec<Option<KillTable>>,
    trial: u64,
    scenario: &'a Scenario,
    drawn: &Drawn,
) -> [Kills<'a>; 2] {
    debug_assert_eq!(scenario.sides.len(), 2);
    for pair in [(0, 1), (1, 0)] {
        pair_table(tables, 2, pair, || KillTable::new(scenario, drawn, pair));
    }
    // Tables of the pairs (0, 1) and (1, 0): the second and third of four.
    let [_, Some(first), Some(second), _] = &mut tables[..] else {
        unreachable!("made above")
    };
    [
        Kills::new(first, trial, scenario, (0, 1)),
        Kills::new(second, trial, scenario, (1, 0)),
    ]
}

/// The value-units view of the pair `(side, defender)` in `tables`.
fn units_view<'a>(
    tables: &'a mut Vec<Option<Slots>>,
    trial: u64,
    scenario: &'a Scenario,
    drawn: &'a Drawn,
    (side, defender): (usize, usize),
) -> Units<'a> {
    let forces = scenario.sides[side].forces.len();
    let sides = scenario.sides.len();
    Units {
        slots: pair_table(tables, sides, (side, defender), || Slots::with_len(forces)),
        trial,
        scenario,
        drawn,
        sides: (side, defender),
    }
}

/// The kill-probability memo of one ordered pair of sides: per (victim group, striker weapon)
/// the conditional kill probability, per (victim group, striker yield class) the lethal
/// radius, and what decides whether each holds for the job, resolved once from [`Drawn`].
#[derive(Debug)]
struct KillTable {
    kills: Slots,
    radii: Slots,
    /// Per striker weapon.
    weapons: Vec<WeaponSlots>,
    /// Per victim group (elements, then storage sites): whether its hardness is drawn.
    target_drawn: Vec<bool>,
}

/// What a striker weapon's slots depend on.
#[derive(Debug, Clone, Copy)]
struct WeaponSlots {
    kill_drawn: bool,
    radius_drawn: bool,
    yield_class: usize,
}

impl KillTable {
    fn new(scenario: &Scenario, drawn: &Drawn, (striker, victim): (usize, usize)) -> Self {
        let defender = &scenario.sides[victim];
        let weapons: Vec<WeaponSlots> = (0..scenario.sides[striker].forces.len())
            .map(|f| WeaponSlots {
                kill_drawn: drawn.force(striker, f).kill_as_weapon,
                radius_drawn: drawn.force(striker, f).radius,
                yield_class: drawn.yield_class(striker, f),
            })
            .collect();
        let elements = (0..defender.forces.len()).map(Target::Element);
        let sites = (0..defender.warhead_storage.len()).map(Target::Storage);
        let target_drawn: Vec<bool> = elements
            .chain(sites)
            .map(|t| drawn.target(victim, t))
            .collect();
        let len = weapons.len() * target_drawn.len();
        Self {
            kills: Slots::with_len(len),
            radii: Slots::with_len(len),
            weapons,
            target_drawn,
        }
    }
}

/// One strike's view of the kill-probability memo.
pub(super) struct Kills<'a> {
    table: &'a mut KillTable,
    trial: u64,
    attacker: &'a Side,
    defender: &'a Side,
    options: &'a ModelOptions,
}

impl<'a> Kills<'a> {
    fn new(
        table: &'a mut KillTable,
        trial: u64,
        scenario: &'a Scenario,
        (striker, victim): (usize, usize),
    ) -> Self {
        Self {
            table,
            trial,
            attacker: &scenario.sides[striker],
            defender: &scenario.sides[victim],
            options: &scenario.options,
        }
    }

    /// [`exchange::conditional_kill_probability`] of the striker's element `weapon` against
    /// `target`.
    #[inline]
    pub(super) fn get(&mut self, weapon: usize, target: Target) -> Result<f64, EngineError> {
        let group = match target {
            Target::Element(j) => j,
            Target::Storage(w) => self.defender.forces.len() + w,
        };
        let slot = group * self.table.weapons.len() + weapon;
        match self.table.kills.valid(slot, self.trial) {
            Some(p) => Ok(p),
            None => self.compute(group, weapon, target),
        }
    }

    /// The kill probability through the lethal radius its yield class shares. The physics'
    /// argument checks are not repeated: every scenario a memo reads is validated, or drawn from
    /// a validated one through `PreparedField::set`, which holds a yield, CEP, bias or hardness
    /// within the limits that validation applies, and those include the checks (debug builds
    /// assert it).
    fn compute(&mut self, group: usize, weapon: usize, target: Target) -> Result<f64, EngineError> {
        let (class, hardness) = exchange::target_class(self.defender, target);
        let KillTable {
            kills,
            radii,
            weapons,
            target_drawn,
        } = &mut *self.table;
        let row = group * weapons.len();
        let w = weapons[weapon];
        let target_drawn = target_drawn[group];
        let (trial, model) = (self.trial, self.options.lethal_radius_model);
        let force = &self.attacker.forces[weapon];
        let p =
            exchange::conditional_kill_probability_with_sspk(force, class, |yield_kt, cep_m| {
                let radius = match radii.valid(row + w.yield_class, trial) {
                    Some(r) => r,
                    None => {
                        let r = physics::lethal_radius_m_of_checked(yield_kt, hardness, model);
                        let drawn = w.radius_drawn || target_drawn;
                        radii.keep(row + w.yield_class, trial, drawn, r)
                    }
                };
                Ok(physics::sspk_of_checked(radius, cep_m, force.bias_m))
            })?;
        let drawn = w.kill_drawn || target_drawn;
        Ok(kills.keep(row + weapon, trial, drawn, p))
    }
}

/// One value attack's view of the value-units memo.
pub(super) struct Units<'a> {
    slots: &'a mut Slots,
    trial: u64,
    scenario: &'a Scenario,
    drawn: &'a Drawn,
    /// The side attacking value, the side attacked.
    sides: (usize, usize),
}

impl Units<'_> {
    /// [`exchange::value_units`] of the attacking side's element `element`.
    pub(super) fn get(&mut self, element: usize) -> f64 {
        if let Some(units) = self.slots.valid(element, self.trial) {
            return units;
        }
        let (side, defender) = self.sides;
        let unit = self.scenario.sides[defender].value.unit;
        let units = exchange::value_units(&self.scenario.sides[side].forces[element], unit);
        let drawn = self.drawn.force(side, element).units;
        self.slots.keep(element, self.trial, drawn, units)
    }
}

/// The table of the ordered pair of sides `(first, second)` among `sides`, made on first use.
fn pair_table<T>(
    tables: &mut Vec<Option<T>>,
    sides: usize,
    (first, second): (usize, usize),
    make: impl FnOnce() -> T,
) -> &mut T {
    if tables.len() < sides * sides {
        tables.resize_with(sides * sides, || None);
    }
    tables[first * sides + second].get_or_insert_with(make)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Basing, ForceElement, ValueModel, ValueUnit, WarheadStorage};

    /// Two sides of two elements each (silos and road-mobile launchers), the second with a
    /// storage site; value counted in equivalent megatons.
    fn scenario() -> Scenario {
        let side = |name: &str| Side {
            name: name.into(),
            value: ValueModel {
                unit: ValueUnit::EquivalentMegatons,
                w80: 100.0,
            },
            forces: vec![
                ForceElement::ballistic("silo", Basing::Silo, 10, 1, 300.0, 200.0),
                ForceElement::ballistic("mobile", Basing::RoadMobile, 10, 1, 800.0, 150.0),
            ],
            missile_defenses: vec![],
            air_defenses: vec![],
            warhead_storage: vec![],
        };
        let mut second = side("B");
        second.warhead_storage.push(WarheadStorage {
            name: "depot".into(),
            detection_probability: 1.0,
            aimpoint_hardness_psi: 300.0,
        });
        Scenario {
            name: "memo".into(),
            description: String::new(),
            sides: vec![side("A"), second],
            options: Default::default(),
            uncertain: vec![],
        }
    }

    fn prepared(scenario: &Scenario, paths: &[&str]) -> Vec<PreparedField> {
        paths
            .iter()
            .map(|p| PreparedField::new(scenario, p))
            .collect()
    }

    /// Every kill probability (striker, victim, weapon, target) and value units (side,
    /// defender, element) of `s`: by full recomputation, or through `memo`.
    fn derived(s: &Scenario, through: Option<(&mut Memo, &Drawn)>) -> Vec<f64> {
        let mut out = Vec::new();
        let mut through = through;
        for (striker, victim) in [(0, 1), (1, 0)] {
            let defender = &s.sides[victim];
            let targets: Vec<Target> = (0..defender.forces.len())
                .map(Target::Element)
                .chain((0..defender.warhead_storage.len()).map(Target::Storage))
                .collect();
            for (weapon, element) in s.sides[striker].forces.iter().enumerate() {
                for &target in &targets {
                    let (class, hardness) = exchange::target_class(defender, target);
                    out.push(match through.as_mut() {
                        Some((memo, drawn)) => memo
                            .kills(s, drawn, (striker, victim))
                            .get(weapon, target)
                            .unwrap(),
                        None => exchange::conditional_kill_probability(
                            element, class, hardness, &s.options,
                        )
                        .unwrap(),
                    });
                }
                out.push(match through.as_mut() {
                    Some((memo, drawn)) => memo.units(s, drawn, (striker, victim)).get(weapon),
                    None => exchange::value_units(element, defender.value.unit),
                });
            }
        }
        out
    }

    #[test]
    fn drawn_parts_follow_the_uncertain_fields() {
        let s = scenario();
        let fields = prepared(
            &s,
            &[
                "side[A].force[mobile].cep_m",
                "side[B].force[silo].aimpoint_hardness_psi",
                "side[B].warhead_storage[depot].aimpoint_hardness_psi",
            ],
        );
        let d = Drawn::new(&s, &fields);
        let aim = d.force(0, 1);
        assert!(aim.kill_as_weapon && !aim.kill_as_target && !aim.units);
        let hard = d.force(1, 0);
        assert!(!hard.kill_as_weapon && hard.kill_as_target && !hard.units);
        assert_eq!(d.force(0, 0), WeaponFields::default());
        assert!(d.target(1, Target::Storage(0)) && d.target(1, Target::Element(0)));
        assert!(!d.target(1, Target::Element(1)));
        // An option draws everything; an unknown path too (its trial fails anyway).
        for path in ["options.cost_exponent", "side[A].force[nothing].cep_m"] {
            let d = Drawn::new(&s, &prepared(&s, &[path]));
            assert_eq!(d.force(0, 0), WeaponFields::all(), "{path}");
            assert!(d.target(1, Target::Storage(0)), "{path}");
        }
        assert_eq!(Drawn::everything().force(1, 1), WeaponFields::all());
    }

    /// Every trial, the memo gives what a full recomputation gives, to the bit, while drawn
    /// fields change between trials.
    #[test]
    fn memoised_values_equal_a_full_recomputation() {
        let mut s = scenario();
        let fields = prepared(
            &s,
            &[
                "side[A].force[silo].cep_m",
                "side[B].force[mobile].aimpoint_hardness_psi",
                "side[B].force[silo].yield_kt",
                "side[B].warhead_storage[depot].aimpoint_hardness_psi",
            ],
        );
        let drawn = Drawn::new(&s, &fields);
        let mut memo = Memo::default();
        for trial in 0..5 {
            memo.next_trial();
            let x = f64::from(trial);
            let values = [120.0 + 30.0 * x, 100.0 + x, 50.0 * (x + 1.0), 500.0 - x];
            for (field, value) in fields.iter().zip(values) {
                field.set(&mut s, value).unwrap();
            }
            let full = derived(&s, None);
            let memoised = derived(&s, Some((&mut memo, &drawn)));
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&memoised), bits(&full), "trial {trial}");
        }
    }

    /// Elements of one yield share a lethal radius unless a yield is drawn: the classes are
    /// the first element of each undrawn yield, and the kill probabilities through the shared
    /// radii equal a full recomputation, to the bit, while hardness and a yield are drawn.
    #[test]
    fn shared_lethal_radii_give_the_full_recomputation() {
        let mut s = scenario();
        for side in &mut s.sides {
            let mut twin = side.forces[0].clone();
            twin.name = "twin".into();
            twin.cep_m = Some(90.0);
            let mut other = side.forces[1].clone();
            other.name = "other".into();
            side.forces.extend([twin, other]);
        }
        // Side A: silo and twin share 300 kt; mobile and other 800 kt, mobile's yield drawn.
        let fields = prepared(
            &s,
            &[
                "side[A].force[mobile].yield_kt",
                "side[B].force[silo].aimpoint_hardness_psi",
                "side[B].warhead_storage[depot].aimpoint_hardness_psi",
            ],
        );
        let drawn = Drawn::new(&s, &fields);
        assert_eq!(drawn.yield_class[0], vec![0, 1, 0, 3]);
        assert_eq!(drawn.yield_class[1], vec![0, 1, 0, 1]);
        assert_eq!(Drawn::everything().yield_class(0, 2), 2);
        let mut memo = Memo::default();
        for trial in 0..4 {
            memo.next_trial();
            let x = f64::from(trial);
            for (field, value) in fields.iter().zip([700.0 + 50.0 * x, 900.0 - x, 400.0 + x]) {
                field.set(&mut s, value).unwrap();
            }
            let bits = |v: Vec<f64>| v.into_iter().map(f64::to_bits).collect::<Vec<_>>();
            let full = bits(derived(&s, None));
            assert_eq!(
                bits(derived(&s, Some((&mut memo, &drawn)))),
                full,
                "trial {trial}"
            );
        }
    }

    /// A fresh memo computes before its first `next_trial` too (the N-side Monte Carlo uses
    /// one per exchange drawn).
    #[test]
    fn a_fresh_memo_computes() {
        let s = scenario();
        let full = derived(&s, None);
        assert!(full.iter().all(|&x| x > 0.0));
        assert_eq!(
            derived(&s, Some((&mut Memo::default(), &Drawn::everything()))),
            full
        );
    }

    /// A value whose inputs are not drawn is computed once per job: changing an undrawn field
    /// behind the memo's back (which Monte Carlo never does) leaves it as first computed.
    #[test]
    fn undrawn_values_are_computed_once_per_job() {
        let mut s = scenario();
        let drawn = Drawn::new(&s, &prepared(&s, &["side[A].force[silo].cep_m"]));
        let mut memo = Memo::default();
        let at = |memo: &mut Memo, s: &Scenario, weapon| {
            memo.kills(s, &drawn, (0, 1))
                .get(weapon, Target::Element(0))
                .unwrap()
        };
        memo.next_trial();
        let (drawn_before, kept_before) = (at(&mut memo, &s, 0), at(&mut memo, &s, 1));
        s.sides[0].forces[0].cep_m = Some(400.0);
        s.sides[0].forces[1].cep_m = Some(400.0);
        memo.next_trial();
        assert!(
            at(&mut memo, &s, 0) < drawn_before,
            "a drawn pair is recomputed"
        );
        assert_eq!(at(&mut memo, &s, 1), kept_before, "an undrawn pair is kept");
    }

    /// [`WeaponFields::of`] names every field that moves a kill probability or value units:
    /// setting any other numeric field of an element changes neither. Fails if
    /// `conditional_kill_probability`, `target_class` or `value_units` start reading a field
    /// the memo does not know about.
    #[test]
    fn fields_left_out_move_nothing_the_memo_keeps() {
        let fields = [
            ("launchers", 7.0),
            ("launchers.day_to_day", 6.0),
            ("launchers.generated", 9.0),
            ("non_deployed_launchers", 3.0),
            ("converted_launchers", 2.0),
            ("warheads_per_launcher", 3.0),
            ("yield_kt", 450.0),
            ("cep_m", 90.0),
            ("bias_m", 40.0),
            ("reliability", 0.7),
            ("launch_survival", 0.6),
            ("untargetable_share.day_to_day", 0.3),
            ("untargetable_share.generated", 0.4),
            ("launchers_per_aimpoint", 2.0),
            ("aimpoint_hardness_psi", 150.0),
            ("detection_probability", 0.5),
            ("striker_availability.day_to_day", 0.5),
            ("striker_availability.generated", 0.6),
            ("kill_probability.silo", 0.55),
            ("kill_probability.road-mobile", 0.45),
        ];
        let base = scenario();
        let before = derived(&base, None);
        for (field, value) in fields {
            for (side, element) in [(0, 0), (1, 1)] {
                let path = format!("side[{side}].force[{element}].{field}");
                let mut s = base.clone();
                let prepared = PreparedField::new(&s, &path);
                prepared.set(&mut s, value).unwrap();
                let Part::Force(_, _, which) = prepared.part() else {
                    panic!("{path} is not a force field");
                };
                let flags = WeaponFields::of(which);
                let after = derived(&s, None);
                // Entries of `derived`: per (striker, victim), per weapon, one per target then
                // the value units.
                let mut at = 0;
                for (striker, victim) in [(0, 1), (1, 0)] {
                    let targets =
                        base.sides[victim].forces.len() + base.sides[victim].warhead_storage.len();
                    for weapon in 0..base.sides[striker].forces.len() {
                        for target in 0..targets {
                            let moved = before[at] != after[at];
                            let may_move = (striker == side
                                && weapon == element
                                && flags.kill_as_weapon)
                                || (victim == side && target == element && flags.kill_as_target);
                            assert!(!moved || may_move, "{path} moves a kill probability");
                            at += 1;
                        }
                        let moved = before[at] != after[at];
                        let may_move = striker == side && weapon == element && flags.units;
                        assert!(!moved || may_move, "{path} moves value units");
                        at += 1;
                    }
                }
            }
        }
    }
}
