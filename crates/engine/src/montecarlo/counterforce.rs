//! The counterforce strike of one trial, drawn segment by segment (model.md section 6).
//!
//! A segment is a run of aimpoints of one class that every executed batch either covers whole
//! or misses, and that hold the same number of launchers in this trial: its aimpoints are
//! identical and exchangeable, so their outcomes are drawn as counts (binomial and
//! hypergeometric), not one aimpoint or one warhead at a time. Reliability stays with the
//! launcher: a weapon's warheads fly `warheads_per_launcher` to a missile in plan order, and
//! the number that work is drawn per launcher; which found aimpoints of a segment they fall on
//! is exchangeable, so the alive ones they reach are a hypergeometric count.

use super::memo::Kills;
use super::{Draw, interception};
use crate::allocation::Batch;
use crate::error::EngineError;
use crate::exchange::{self, PlannedStrike, Target};
use crate::model::{Delivery, Scenario, Side};

/// Identical aimpoints `start..end` of one class.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    target: Target,
    /// Launchers on each aimpoint in this trial (0 for a storage site or an aimpoint the plan
    /// expected but this trial left empty).
    launchers: u32,
    /// Aimpoints that are there and found, and of those, not destroyed yet.
    found: u32,
    alive: u32,
    /// Warheads committed to each found aimpoint so far: [nuclear, conventional].
    committed: [usize; 2],
}

impl Segment {
    fn destroyed(&self) -> u32 {
        self.found - self.alive
    }
}

/// What the counterforce strike left.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Per victim element: launchers not destroyed (untargetable, launched under attack, on
    /// aimpoints that survived or that the plan did not expect).
    pub surviving_launchers: Vec<u32>,
    pub storage_alive: Vec<bool>,
    /// Per striker element: weapons spent (aimed at aimpoints found).
    pub spent: Vec<u32>,
    /// Victim interceptors left in each missile-defense layer.
    pub inventory: Vec<u32>,
}

/// The buffers a job's strikes reuse from one trial to the next (no allocation per trial
/// once they have grown): each strike refills every one before reading it.
#[derive(Debug, Default)]
pub(super) struct Buffers {
    targetable: Vec<u32>,
    trial_cuts: Vec<usize>,
    cuts: Vec<usize>,
    segments: Vec<Segment>,
    /// Per striker element: whether its launcher in flight works.
    launcher_works: Vec<bool>,
    pub(super) outcome: Outcome,
}

/// What a plan fixes for every trial that executes it: its executed batches, where its classes
/// and batches cut the aimpoints, and each class's position among its element's aimpoints.
/// Made once per run with fixed planning; refilled in a job's buffers in every trial with
/// informed planning.
#[derive(Debug, Default)]
pub(super) struct PlanShape {
    executed: Vec<Batch>,
    /// Class and batch ends, sorted, without repeats.
    cuts: Vec<usize>,
    /// Per class, its aimpoints' position among its element's aimpoints, in plan order.
    offsets: Vec<usize>,
    /// Per victim element, its aimpoints met so far (scratch of [`PlanShape::refill`]).
    seen: Vec<usize>,
    /// One bit per aimpoint boundary (scratch of [`PlanShape::refill`]).
    marks: Vec<u64>,
}

impl PlanShape {
    pub(super) fn new(defender: &Side, x: &PlannedStrike) -> Self {
        let mut shape = Self::default();
        shape.refill(defender, x);
        shape
    }

    /// The shape of `x`'s plan, in this shape's buffers.
    pub(super) fn refill(&mut self, defender: &Side, x: &PlannedStrike) {
        self.fill_executed(x);
        self.fill_offsets(defender, x);
        self.fill_cuts(x);
    }

    /// As [`exchange::Exchange::executed`]: the batches of the first `stop` warheads, the last one cut
    /// at the stop.
    fn fill_executed(&mut self, x: &PlannedStrike) {
        self.executed.clear();
        let mut left = x.stop;
        for b in &x.plan {
            if left == 0 {
                break;
            }
            let b = b.take(left);
            left -= b.count;
            self.executed.push(b);
        }
    }

    fn fill_offsets(&mut self, defender: &Side, x: &PlannedStrike) {
        self.seen.clear();
        self.seen.resize(defender.forces.len(), 0);
        let seen = &mut self.seen;
        self.offsets.clear();
        self.offsets
            .extend(x.classes.iter().map(|c| match c.target {
                Target::Element(j) => {
                    seen[j] += c.count;
                    seen[j] - c.count
                }
                Target::Storage(_) => 0,
            }));
    }

    /// Sorted without repeats through a bit set over the boundaries (a plan has a few hundred
    /// ends among as many aimpoints: cheaper than sorting them, every trial under informed
    /// planning).
    fn fill_cuts(&mut self, x: &PlannedStrike) {
        let classes = x.classes.iter().map(|c| (c.first, c.count));
        let batches = self.executed.iter().map(|b| (b.first, b.count));
        let ends = classes
            .chain(batches)
            .flat_map(|(first, count)| [first, first + count]);
        let last = ends.clone().max().unwrap_or(0);
        self.marks.clear();
        self.marks.resize(last / 64 + 1, 0);
        for end in ends {
            self.marks[end / 64] |= 1 << (end % 64);
        }
        self.cuts.clear();
        for (w, &word) in self.marks.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                self.cuts.push(w * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
    }
}

/// Executes the plan's executed batches with random outcomes (kill probabilities from
/// `kills`), leaving what the strike left in `buffers.outcome`.
pub(super) fn strike(
    scenario: &Scenario,
    x: &PlannedStrike,
    shape: &PlanShape,
    kills: Kills,
    buffers: &mut Buffers,
    draw: &mut Draw,
) -> Result<(), EngineError> {
    let defender = &scenario.sides[x.victim];
    draw_targetable(defender, x, &mut buffers.targetable, draw);
    fill_segments(defender, x, shape, buffers);
    let segments = &mut buffers.segments;
    draw_found(defender, segments, draw);
    let mut fire = Fire::new(
        scenario,
        x,
        kills,
        &mut buffers.outcome,
        &mut buffers.launcher_works,
    );
    let mut next = 0;
    for batch in &shape.executed {
        next = fire.batch(batch, segments, next, draw)?;
    }
    fire.outcome(defender, x, segments, draw);
    Ok(())
}

/// Per victim element, the launchers on aimpoints the striker could attack in this trial
/// (whole launchers whose expectation is the targetable share), into `targetable`.
fn draw_targetable(defender: &Side, x: &PlannedStrike, targetable: &mut Vec<u32>, draw: &mut Draw) {
    let alert = x.posture.victim_alert;
    targetable.clear();
    targetable.extend(defender.forces.iter().map(|element| {
        let launchers = element.launchers_at(alert);
        draw.whole(f64::from(launchers) * (1.0 - element.untargetable_share.at(alert)))
            .min(launchers)
    }));
}

/// The plan's aimpoints cut into segments (into `buffers.segments`): at class ends, at every
/// executed batch's ends, and where the element's launchers in this trial stop filling
/// aimpoints of `launchers_per_aimpoint` (a last, partial aimpoint is a segment of its own;
/// aimpoints beyond are empty).
fn fill_segments(defender: &Side, x: &PlannedStrike, shape: &PlanShape, buffers: &mut Buffers) {
    let targetable = &buffers.targetable;
    // Aimpoints of element `j` full of launchers in this trial.
    let full =
        |j: usize| (targetable[j] / defender.forces[j].launchers_per_aimpoint.max(1)) as usize;
    // Launchers on the aimpoint at position `k` of element `j` in this trial.
    let launchers_at = |j: usize, k: usize| -> u32 {
        match k.cmp(&full(j)) {
            std::cmp::Ordering::Less => defender.forces[j].launchers_per_aimpoint.max(1),
            std::cmp::Ordering::Equal => {
                targetable[j] % defender.forces[j].launchers_per_aimpoint.max(1)
            }
            std::cmp::Ordering::Greater => 0,
        }
    };
    trial_cuts(x, shape, full, &mut buffers.trial_cuts);
    merge_cuts(&shape.cuts, &buffers.trial_cuts, &mut buffers.cuts);
    let mut class = 0;
    buffers.segments.clear();
    buffers.segments.extend(buffers.cuts.windows(2).map(|w| {
        let (start, end) = (w[0], w[1]);
        while x.classes[class].first + x.classes[class].count <= start {
            class += 1;
        }
        let c = &x.classes[class];
        let launchers = match c.target {
            Target::Element(j) => launchers_at(j, shape.offsets[class] + start - c.first),
            Target::Storage(_) => 0,
        };
        Segment {
            start,
            end,
            target: c.target,
            launchers,
            found: 0,
            alive: 0,
            committed: [0, 0],
        }
    }));
}

/// Cuts this trial adds inside classes (into `cuts`): where an element's full aimpoints end
/// and where its partial one ends, sorted.
fn trial_cuts(
    x: &PlannedStrike,
    shape: &PlanShape,
    full: impl Fn(usize) -> usize,
    cuts: &mut Vec<usize>,
) {
    cuts.clear();
    for (c, &offset) in x.classes.iter().zip(&shape.offsets) {
        if let Target::Element(j) = c.target {
            let full = full(j);
            for k in [full, full + 1] {
                if k > offset && k < offset + c.count {
                    cuts.push(c.first + k - offset);
                }
            }
        }
    }
    cuts.sort_unstable();
}

/// Two sorted lists of cuts merged into `out`, sorted, without repeats.
fn merge_cuts(plan: &[usize], trial: &[usize], out: &mut Vec<usize>) {
    out.clear();
    if trial.is_empty() {
        out.extend_from_slice(plan);
        return;
    }
    let (mut i, mut j) = (0, 0);
    while i < plan.len() || j < trial.len() {
        let next = if j == trial.len() || (i < plan.len() && plan[i] <= trial[j]) {
            i += 1;
            plan[i - 1]
        } else {
            j += 1;
            trial[j - 1]
        };
        if out.last() != Some(&next) {
            out.push(next);
        }
    }
}

/// Aimpoints found, per segment: those that are there, each found with the detection
/// probability of this trial's scenario (the plan may have been made on central values).
fn draw_found(defender: &Side, segments: &mut [Segment], draw: &mut Draw) {
    for s in segments {
        let (there, detection) = match s.target {
            Target::Element(j) => (s.launchers > 0, defender.forces[j].detection_probability),
            Target::Storage(w) => (true, defender.warhead_storage[w].detection_probability),
        };
        if there {
            s.found = draw.binomial((s.end - s.start) as u32, detection);
            s.alive = s.found;
        }
    }
}

/// The first of `segments` (sorted by start) that does not start before `start`: `hint` if
/// it is the one starting there (segment starts are distinct), else found by bisection.
fn first_segment(segments: &[Segment], start: usize, hint: usize) -> usize {
    // Starts rise strictly, so the segment starting at `start` has none before it that
    // does not start before `start`.
    if segments.get(hint).is_some_and(|s| s.start == start) {
        hint
    } else {
        segments.partition_point(|s| s.start < start)
    }
}

/// The striker's weapons as they fly: what each has spent (in `out`), whether its current
/// launcher works, and the victim's interceptors left (in `out`).
struct Fire<'a> {
    scenario: &'a Scenario,
    x: &'a PlannedStrike,
    kills: Kills<'a>,
    out: &'a mut Outcome,
    launcher_works: &'a mut Vec<bool>,
}

impl<'a> Fire<'a> {
    fn new(
        scenario: &'a Scenario,
        x: &'a PlannedStrike,
        kills: Kills<'a>,
        out: &'a mut Outcome,
        launcher_works: &'a mut Vec<bool>,
    ) -> Self {
        let attacker = &scenario.sides[x.striker];
        let defender = &scenario.sides[x.victim];
        out.spent.clear();
        out.spent.resize(attacker.forces.len(), 0);
        launcher_works.clear();
        launcher_works.resize(attacker.forces.len(), false);
        out.inventory.clear();
        out.inventory
            .extend(defender.missile_defenses.iter().map(|l| l.interceptors));
        Self {
            scenario,
            x,
            kills,
            out,
            launcher_works,
        }
    }

    /// One batch: one warhead of its weapon on each found aimpoint of its segments.
    /// `hint`: where the last batch ended, often where this one starts (then no search).
    /// Returns where this one ends.
    fn batch(
        &mut self,
        batch: &Batch,
        segments: &mut [Segment],
        hint: usize,
        draw: &mut Draw,
    ) -> Result<usize, EngineError> {
        let end = batch.first + batch.count;
        let first = first_segment(segments, batch.first, hint);
        let mut at = first;
        for s in segments[first..].iter_mut().take_while(|s| s.start < end) {
            self.hit(batch.weapon, s, draw)?;
            at += 1;
        }
        Ok(at)
    }

    /// One warhead of `weapon` on each found aimpoint of a segment.
    fn hit(&mut self, weapon: usize, s: &mut Segment, draw: &mut Draw) -> Result<(), EngineError> {
        let options = &self.scenario.options;
        let element = &self.scenario.sides[self.x.striker].forces[weapon];
        let defender = &self.scenario.sides[self.x.victim];
        if s.found == 0 {
            return Ok(());
        }
        let kind = usize::from(!element.is_nuclear());
        let fratricide = options.fratricide.factor(s.committed[kind]);
        s.committed[kind] += 1;
        let working = self.working(weapon, s.found, draw);
        // Working weapons that reach an aimpoint not yet destroyed (and get through defenses).
        let reaching = match element.delivery {
            Delivery::BallisticMissile => {
                let through = working - self.intercepted(working, draw);
                draw.hypergeometric(s.found, s.alive, through)
            }
            Delivery::Aircraft | Delivery::CruiseMissile => {
                let on_alive = draw.hypergeometric(s.found, s.alive, working);
                let passes = exchange::air_penetration(defender, element.delivery, false);
                draw.binomial(on_alive, passes)
            }
            Delivery::GlideVehicle => draw.hypergeometric(s.found, s.alive, working),
        };
        if reaching > 0 {
            let p = self.kills.get(weapon, s.target)?;
            s.alive -= draw.binomial(reaching, p * fratricide);
        }
        Ok(())
    }

    /// Of `warheads` more warheads of `weapon`, those whose launcher works: the launcher in
    /// flight (drawn before) carries on, then whole launchers are drawn as one binomial count,
    /// and a last, partly used launcher is drawn and carries on into the next segment.
    fn working(&mut self, weapon: usize, warheads: u32, draw: &mut Draw) -> u32 {
        let element = &self.scenario.sides[self.x.striker].forces[weapon];
        let per = element.warheads_per_launcher.max(1);
        let used = self.out.spent[weapon] % per;
        self.out.spent[weapon] += warheads;
        let mut left = warheads;
        let mut working = 0;
        if used > 0 {
            let carried = left.min(per - used);
            working += if self.launcher_works[weapon] {
                carried
            } else {
                0
            };
            left -= carried;
        }
        let whole = left / per;
        working += per * draw.binomial(whole, element.reliability);
        left -= whole * per;
        if left > 0 {
            self.launcher_works[weapon] = draw.bernoulli(element.reliability);
            working += if self.launcher_works[weapon] { left } else { 0 };
        }
        working
    }

    /// RVs intercepted of `rvs` ballistic RVs sent through the victim's layers covering
    /// forces (with their remaining inventory).
    fn intercepted(&mut self, rvs: u32, draw: &mut Draw) -> u32 {
        let layers = &self.scenario.sides[self.x.victim].missile_defenses;
        interception::intercepted(
            layers,
            &mut self.out.inventory,
            |layer| layer.covers.covers_forces(),
            rvs,
            draw,
        )
    }

    /// Launchers left per victim element: all but those staying on destroyed aimpoints (each
    /// launcher stays with the element's stay share, independently of the strike).
    fn outcome(self, defender: &Side, x: &PlannedStrike, segments: &[Segment], draw: &mut Draw) {
        let options = &self.scenario.options;
        let Outcome {
            surviving_launchers,
            storage_alive,
            ..
        } = self.out;
        surviving_launchers.clear();
        surviving_launchers.extend(
            defender
                .forces
                .iter()
                .map(|f| f.launchers_at(x.posture.victim_alert)),
        );
        storage_alive.clear();
        storage_alive.resize(defender.warhead_storage.len(), true);
        for s in segments {
            match s.target {
                Target::Element(j) => {
                    let on_destroyed = s.destroyed() * s.launchers;
                    let stay = exchange::stay_share(&defender.forces[j], &x.posture, options);
                    surviving_launchers[j] -= if stay < 1.0 {
                        draw.binomial(on_destroyed, stay)
                    } else {
                        on_destroyed
                    };
                }
                Target::Storage(w) => storage_alive[w] &= s.destroyed() == 0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PlanShape, merge_cuts};
    use crate::allocation::Batch;
    use crate::exchange::{AimpointClass, CurvePoint, ExchangePosture, PlannedStrike, Target};
    use crate::model::Alert;
    use proptest::prelude::*;

    /// A strike of `classes` (of element 0) and `plan`, stopped after `stop` warheads.
    fn strike(counts: &[usize], plan: &[(usize, usize)], stop: usize) -> PlannedStrike {
        let mut first = 0;
        let classes: Vec<AimpointClass> = counts
            .iter()
            .map(|&count| {
                first += count;
                AimpointClass {
                    target: Target::Element(0),
                    launchers: 1.0,
                    detection: 1.0,
                    count,
                    first: first - count,
                }
            })
            .collect();
        let plan = plan
            .iter()
            .map(|&(at, count)| {
                let at = at % first.max(1);
                let count = count.min(first - at).max(1);
                let (weapon, class, gain, kill) = (0, 0, 1.0, 0.5);
                Batch {
                    weapon,
                    class,
                    first: at,
                    count,
                    gain,
                    kill,
                }
            })
            .collect();
        let zero = CurvePoint {
            warheads_spent: 0.0,
            conventional_spent: 0.0,
            striker_warheads_left: 0.0,
            victim_warheads_surviving: 0.0,
            arriving_on_striker: 0.0,
            arriving_on_victim: 0.0,
            damage_to_striker: 0.0,
            damage_to_victim: 0.0,
            cost_to_striker: 0.0,
            cost_to_victim: 0.0,
        };
        PlannedStrike {
            striker: 0,
            victim: 1,
            posture: ExchangePosture {
                striker_alert: Alert::DayToDay,
                victim_alert: Alert::DayToDay,
                victim_launches_under_attack: false,
            },
            stop,
            stop_point: zero,
            classes,
            plan,
        }
    }

    proptest! {
        /// A batch's first segment from a hint is the bisection's, whatever the hint.
        #[test]
        fn first_segments_from_a_hint_are_the_bisections(
            gaps in proptest::collection::vec(1usize..5, 0..30),
            start in 0usize..100,
            hint in 0usize..40,
        ) {
            let mut at = 0;
            let segments: Vec<super::Segment> = gaps
                .iter()
                .map(|&gap| {
                    at += gap;
                    super::Segment {
                        start: at - gap,
                        end: at,
                        target: Target::Element(0),
                        launchers: 1,
                        found: 0,
                        alive: 0,
                        committed: [0, 0],
                    }
                })
                .collect();
            let bisected = segments.partition_point(|s| s.start < start);
            prop_assert_eq!(super::first_segment(&segments, start, hint), bisected);
        }

        /// The plan's cuts are the class and executed-batch ends, sorted without repeats,
        /// whatever the shape's scratch held before (a larger plan's marks).
        #[test]
        fn plan_cuts_are_the_sorted_distinct_ends(
            counts in proptest::collection::vec(1usize..90, 1..8),
            batches in proptest::collection::vec((0usize..400, 1usize..80), 0..30),
            stop in 0usize..2000,
        ) {
            let x = strike(&counts, &batches, stop);
            let mut shape = PlanShape::default();
            let larger = strike(&[700], &[(3, 600)], 600);
            shape.fill_executed(&larger);
            shape.fill_cuts(&larger);
            shape.fill_executed(&x);
            shape.fill_cuts(&x);
            let mut expected: Vec<usize> = x
                .classes
                .iter()
                .map(|c| (c.first, c.count))
                .chain(shape.executed.iter().map(|b| (b.first, b.count)))
                .flat_map(|(first, count)| [first, first + count])
                .collect();
            expected.sort_unstable();
            expected.dedup();
            prop_assert_eq!(&shape.cuts, &expected);
        }
    }

    #[test]
    fn cuts_merge_sorted_without_repeats() {
        // One output buffer for all three: each merge replaces what the last left.
        let mut out = vec![7, 7, 7, 7, 7, 7, 7, 7];
        merge_cuts(&[0, 3, 5, 9], &[3, 4, 10], &mut out);
        assert_eq!(out, vec![0, 3, 4, 5, 9, 10]);
        merge_cuts(&[0, 2], &[], &mut out);
        assert_eq!(out, vec![0, 2]);
        merge_cuts(&[2, 8], &[0, 1], &mut out);
        assert_eq!(out, vec![0, 1, 2, 8]);
    }
}
