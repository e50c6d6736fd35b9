//! The counterforce strike of one trial, drawn segment by segment (model.md section 6).
//!
//! A segment is a run of aimpoints of one class that every executed batch either covers whole
//! or misses, and that hold the same number of launchers in this trial: its aimpoints are
//! identical and exchangeable, so their outcomes are drawn as counts (binomial and
//! hypergeometric), not one aimpoint or one warhead at a time. Reliability stays with the
//! launcher: a weapon's warheads fly `warheads_per_launcher` to a missile in plan order, and
//! the number that work is drawn per launcher; which found aimpoints of a segment they fall on
//! is exchangeable, so the alive ones they reach are a hypergeometric count.

use super::{Draw, interception};
use crate::allocation::Batch;
use crate::error::EngineError;
use crate::exchange::{self, Exchange, Target};
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

/// What a plan fixes for every trial that executes it: its executed batches, where its classes
/// and batches cut the aimpoints, and each class's position among its element's aimpoints.
/// Made once per run with fixed planning (once per trial with informed planning).
pub(super) struct PlanShape {
    executed: Vec<Batch>,
    /// Class and batch ends, sorted, without repeats.
    cuts: Vec<usize>,
    /// Per class, its aimpoints' position among its element's aimpoints, in plan order.
    offsets: Vec<usize>,
}

impl PlanShape {
    pub(super) fn new(defender: &Side, x: &Exchange) -> Self {
        let executed = x.executed();
        let mut seen = vec![0usize; defender.forces.len()];
        let offsets = x
            .classes
            .iter()
            .map(|c| match c.target {
                Target::Element(j) => {
                    seen[j] += c.count;
                    seen[j] - c.count
                }
                Target::Storage(_) => 0,
            })
            .collect();
        let mut cuts: Vec<usize> = x
            .classes
            .iter()
            .flat_map(|c| [c.first, c.first + c.count])
            .chain(executed.iter().flat_map(|b| [b.first, b.first + b.count]))
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        Self {
            executed,
            cuts,
            offsets,
        }
    }
}

/// Executes the plan's executed batches with random outcomes.
pub(super) fn strike(
    scenario: &Scenario,
    x: &Exchange,
    shape: &PlanShape,
    draw: &mut Draw,
) -> Result<Outcome, EngineError> {
    let defender = &scenario.sides[x.victim];
    let targetable = draw_targetable(defender, x, draw);
    let mut segments = segments(defender, x, shape, &targetable);
    draw_found(defender, &mut segments, draw);
    let mut fire = Fire::new(scenario, x);
    for batch in &shape.executed {
        fire.batch(batch, &mut segments, draw)?;
    }
    Ok(fire.outcome(defender, x, &segments, draw))
}

/// Per victim element, the launchers on aimpoints the striker could attack in this trial
/// (whole launchers whose expectation is the targetable share).
fn draw_targetable(defender: &Side, x: &Exchange, draw: &mut Draw) -> Vec<u32> {
    let alert = x.posture.victim_alert;
    defender
        .forces
        .iter()
        .map(|element| {
            let launchers = element.launchers_at(alert);
            draw.whole(f64::from(launchers) * (1.0 - element.untargetable_share.at(alert)))
                .min(launchers)
        })
        .collect()
}

/// The plan's aimpoints cut into segments: at class ends, at every executed batch's ends, and
/// where the element's launchers in this trial stop filling aimpoints of
/// `launchers_per_aimpoint` (a last, partial aimpoint is a segment of its own; aimpoints
/// beyond are empty).
fn segments(defender: &Side, x: &Exchange, shape: &PlanShape, targetable: &[u32]) -> Vec<Segment> {
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
    let cuts = merged_cuts(&shape.cuts, trial_cuts(x, shape, full));
    let mut class = 0;
    cuts.windows(2)
        .map(|w| {
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
        })
        .collect()
}

/// Cuts this trial adds inside classes: where an element's full aimpoints end and where its
/// partial one ends, sorted.
fn trial_cuts(x: &Exchange, shape: &PlanShape, full: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut cuts = Vec::with_capacity(2 * x.classes.len());
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
    cuts
}

/// Two sorted lists of cuts merged into one, sorted, without repeats.
fn merged_cuts(plan: &[usize], trial: Vec<usize>) -> Vec<usize> {
    if trial.is_empty() {
        return plan.to_vec();
    }
    let mut out = Vec::with_capacity(plan.len() + trial.len());
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
    out
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

/// The striker's weapons as they fly: what each has spent, whether its current launcher
/// works, and the victim's interceptors left.
struct Fire<'a> {
    scenario: &'a Scenario,
    x: &'a Exchange,
    spent: Vec<u32>,
    launcher_works: Vec<bool>,
    inventory: Vec<u32>,
    /// Conditional kill probabilities, per (target group, weapon), computed when first needed.
    kill_cache: Vec<Option<f64>>,
}

impl<'a> Fire<'a> {
    fn new(scenario: &'a Scenario, x: &'a Exchange) -> Self {
        let attacker = &scenario.sides[x.striker];
        let defender = &scenario.sides[x.victim];
        let groups = defender.forces.len() + defender.warhead_storage.len();
        Self {
            scenario,
            x,
            spent: vec![0; attacker.forces.len()],
            launcher_works: vec![false; attacker.forces.len()],
            inventory: defender
                .missile_defenses
                .iter()
                .map(|l| l.interceptors)
                .collect(),
            kill_cache: vec![None; groups * attacker.forces.len()],
        }
    }

    /// One batch: one warhead of its weapon on each found aimpoint of its segments.
    fn batch(
        &mut self,
        batch: &Batch,
        segments: &mut [Segment],
        draw: &mut Draw,
    ) -> Result<(), EngineError> {
        let end = batch.first + batch.count;
        let first = segments.partition_point(|s| s.start < batch.first);
        for s in segments[first..].iter_mut().take_while(|s| s.start < end) {
            self.hit(batch.weapon, s, draw)?;
        }
        Ok(())
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
            let p = self.kill_probability(weapon, s.target)?;
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
        let used = self.spent[weapon] % per;
        self.spent[weapon] += warheads;
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
            &mut self.inventory,
            |layer| layer.covers.covers_forces(),
            rvs,
            draw,
        )
    }

    fn kill_probability(&mut self, weapon: usize, target: Target) -> Result<f64, EngineError> {
        let defender = &self.scenario.sides[self.x.victim];
        let attacker = &self.scenario.sides[self.x.striker];
        let group = match target {
            Target::Element(j) => j,
            Target::Storage(w) => defender.forces.len() + w,
        };
        let slot = group * attacker.forces.len() + weapon;
        if let Some(p) = self.kill_cache[slot] {
            return Ok(p);
        }
        let (class, hardness) = exchange::target_class(defender, target);
        let p = exchange::conditional_kill_probability(
            &attacker.forces[weapon],
            class,
            hardness,
            &self.scenario.options,
        )?;
        self.kill_cache[slot] = Some(p);
        Ok(p)
    }

    /// Launchers left per victim element: all but those staying on destroyed aimpoints (each
    /// launcher stays with the element's stay share, independently of the strike).
    fn outcome(
        self,
        defender: &Side,
        x: &Exchange,
        segments: &[Segment],
        draw: &mut Draw,
    ) -> Outcome {
        let options = &self.scenario.options;
        let mut surviving_launchers: Vec<u32> = defender
            .forces
            .iter()
            .map(|f| f.launchers_at(x.posture.victim_alert))
            .collect();
        let mut storage_alive = vec![true; defender.warhead_storage.len()];
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
        Outcome {
            surviving_launchers,
            storage_alive,
            spent: self.spent,
            inventory: self.inventory,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merged_cuts;

    #[test]
    fn cuts_merge_sorted_without_repeats() {
        assert_eq!(
            merged_cuts(&[0, 3, 5, 9], vec![3, 4, 10]),
            vec![0, 3, 4, 5, 9, 10]
        );
        assert_eq!(merged_cuts(&[0, 2], vec![]), vec![0, 2]);
        assert_eq!(merged_cuts(&[2, 8], vec![0, 1]), vec![0, 1, 2, 8]);
    }
}
