//! Counterforce allocation: a weapon-target assignment problem (WTA).
//!
//! Aimpoints hold victim value (warheads); weapon types have stocks of warheads and a kill
//! probability against each aimpoint group; at most `cap` warheads go to one aimpoint
//! (fratricide). The objective is the expected victim value destroyed.
//!
//! - [`Greedy`]: maximum marginal return with a lazy heap. It yields one assignment at a time,
//!   so the exchange can trace the draw-down curve as it goes. Exact when weapons are
//!   homogeneous; at least half the optimum otherwise.
//! - [`upper_bound`]: Ahuja, Kumar, Jha & Orlin (Operations Research 55:6, 2007): replace every
//!   weapon by the best one against each target; greedy is then exact, and its value bounds every
//!   plan with the same number of warheads. It certifies the greedy plan's gap.
//! - [`exact`]: dynamic programming over aimpoints and remaining stocks, for small instances
//!   (tests and teaching).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A WTA instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Value (victim warheads) held by each aimpoint.
    pub values: Vec<f64>,
    /// The group (victim element) of each aimpoint; kill probabilities are per group.
    pub groups: Vec<usize>,
    /// `kill[group][weapon]`: probability that one warhead of the weapon type kills an aimpoint of
    /// the group.
    pub kill: Vec<Vec<f64>>,
    /// Cost of one warhead of each type in the striker's terms (0 = free: conventional weapons,
    /// which never count against value, are used first).
    pub cost: Vec<f64>,
    /// Warheads of each type available.
    pub stock: Vec<f64>,
    /// Most warheads that arrive usefully at one aimpoint (the nuclear fratricide cap). Free
    /// (conventional) weapons do not cause nuclear fratricide: they have a cap of the same size of
    /// their own, so that using them never crowds out a nuclear warhead.
    pub cap: usize,
    /// Expected share of a warhead committed to each aimpoint that is actually spent: the
    /// probability the striker finds the aimpoint (1 for a known aimpoint). Values already carry
    /// this factor, so the greedy's gain per unit cost does not depend on it.
    pub spend: Vec<f64>,
    /// Probabilistic fratricide: each earlier warhead of the same kind (paid or free) committed
    /// to an aimpoint destroys a later one with this probability (0: the cap alone).
    pub fratricide_per_burst: f64,
}

impl Problem {
    fn is_free(&self, weapon: usize) -> bool {
        self.cost[weapon] <= 0.0
    }

    /// Factor on the kill probability of a warhead with `earlier` warheads of its kind already
    /// committed to the aimpoint.
    pub fn fratricide_factor(&self, earlier: usize) -> f64 {
        if self.fratricide_per_burst > 0.0 {
            (1.0 - self.fratricide_per_burst).powi(earlier.min(64) as i32)
        } else {
            1.0
        }
    }
}

/// One warhead of type `weapon` assigned to `aimpoint`, destroying `gain` expected value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assignment {
    pub weapon: usize,
    pub aimpoint: usize,
    pub gain: f64,
    /// Kill probability the warhead was planned with (after fratricide).
    pub kill: f64,
}

/// A heap entry. The key packs, from the most significant bit: free weapons first, then the
/// highest gain per unit cost (a non-negative f64, whose bits order like the number), then the
/// lowest aimpoint and weapon index, so that plans are reproducible and a comparison is one
/// integer compare.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    key: u128,
    gain: f64,
}

impl Candidate {
    fn new(free: bool, ratio: f64, gain: f64, aimpoint: usize, weapon: usize) -> Self {
        debug_assert!(ratio >= 0.0 && aimpoint < u32::MAX as usize && weapon < (1 << 31));
        let key = (u128::from(free) << 127)
            | (u128::from(ratio.to_bits()) << 63)
            | (u128::from(u32::MAX - aimpoint as u32) << 31)
            | u128::from((1u32 << 31) - 1 - weapon as u32);
        Self { key, gain }
    }
    fn aimpoint(&self) -> usize {
        (u32::MAX - (self.key >> 31) as u32) as usize
    }
    /// The same candidate on another aimpoint (one in the same state).
    fn on_aimpoint(&self, aimpoint: usize) -> Self {
        let field = u128::from(u32::MAX) << 31;
        let key = (self.key & !field) | (u128::from(u32::MAX - aimpoint as u32) << 31);
        Self {
            key,
            gain: self.gain,
        }
    }
    fn weapon(&self) -> usize {
        ((1u32 << 31) - 1 - (self.key as u32 & ((1 << 31) - 1))) as usize
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

/// Maximum-marginal-return allocation, one warhead per step.
#[derive(Debug, Clone)]
pub struct Greedy {
    problem: Problem,
    /// Probability that each aimpoint survives what is assigned so far.
    survival: Vec<f64>,
    /// Warheads assigned to each aimpoint: [paid, free].
    assigned: Vec<[usize; 2]>,
    stock_left: Vec<f64>,
    heap: BinaryHeap<Candidate>,
    /// Per group, the weapon types that can kill it, best first: free before paid, then by kill
    /// probability per unit cost, then by index. The same order as the heap key for one aimpoint,
    /// so the best available weapon is the first in stock with a free slot.
    preference: Vec<Vec<usize>>,
}

impl Greedy {
    pub fn new(problem: Problem) -> Self {
        let n = problem.values.len();
        let stock_left = problem.stock.clone();
        let mut greedy = Self {
            survival: vec![1.0; n],
            assigned: vec![[0; 2]; n],
            stock_left,
            heap: BinaryHeap::with_capacity(n),
            preference: Vec::new(),
            problem,
        };
        greedy.rebuild();
        greedy
    }

    fn rank_weapons(&mut self) {
        let problem = &self.problem;
        self.preference = problem
            .kill
            .iter()
            .map(|kills| {
                let mut weapons: Vec<usize> =
                    (0..kills.len()).filter(|&w| kills[w] > 0.0).collect();
                let key = |w: usize| {
                    let cost = problem.cost[w];
                    (
                        problem.is_free(w),
                        if cost > 0.0 {
                            kills[w] / cost
                        } else {
                            kills[w]
                        },
                    )
                };
                weapons.sort_by(|&a, &b| {
                    let (free_a, ratio_a) = key(a);
                    let (free_b, ratio_b) = key(b);
                    free_b
                        .cmp(&free_a)
                        .then(ratio_b.total_cmp(&ratio_a))
                        .then(a.cmp(&b))
                });
                weapons
            })
            .collect();
    }

    /// The best next warhead for one aimpoint with the current stocks, if any gains anything.
    fn best_for(&self, aimpoint: usize) -> Option<Candidate> {
        let slots = self.assigned[aimpoint];
        let at_stake = self.problem.values[aimpoint] * self.survival[aimpoint];
        if at_stake <= 0.0 {
            return None;
        }
        let group = self.problem.groups[aimpoint];
        let weapon = *self.preference[group].iter().find(|&&w| {
            self.stock_left[w] >= 1.0
                && slots[usize::from(self.problem.is_free(w))] < self.problem.cap
        })?;
        let free = self.problem.is_free(weapon);
        let gain = at_stake
            * self.problem.kill[group][weapon]
            * self.problem.fratricide_factor(slots[usize::from(free)]);
        let cost = self.problem.cost[weapon] * self.problem.spend[aimpoint];
        let ratio = if cost > 0.0 { gain / cost } else { gain };
        Some(Candidate::new(free, ratio, gain, aimpoint, weapon))
    }

    /// Recomputes every aimpoint's best option. Needed when kill probabilities rise (a defense
    /// runs out of interceptors), which a lazy heap cannot see.
    pub fn rebuild(&mut self) {
        self.rank_weapons();
        let candidates: Vec<Candidate> = (0..self.problem.values.len())
            .filter_map(|a| self.best_for(a))
            .collect();
        self.heap = BinaryHeap::from(candidates);
    }

    /// Changes one kill probability; call [`Greedy::rebuild`] after a batch of changes that raise one.
    pub fn set_kill(&mut self, group: usize, weapon: usize, probability: f64) {
        self.problem.kill[group][weapon] = probability;
    }

    pub fn kill(&self, group: usize, weapon: usize) -> f64 {
        self.problem.kill[group][weapon]
    }

    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// Probability that each aimpoint survives the plan so far.
    pub fn survival(&self) -> &[f64] {
        &self.survival
    }

    /// Commits the next best warhead, or returns `None` when no warhead gains anything.
    /// Lazy: a popped candidate is re-evaluated, and re-queued if its gain has fallen
    /// (gains only fall as aimpoints are hit and stocks run down).
    pub fn step(&mut self) -> Option<Assignment> {
        while let Some(top) = self.heap.pop() {
            let Some(current) = self.best_for(top.aimpoint()) else {
                continue;
            };
            if current != top {
                self.heap.push(current);
                continue;
            }
            let aimpoint = current.aimpoint();
            let weapon = current.weapon();
            let kind = usize::from(self.problem.is_free(weapon));
            let p = self.problem.kill[self.problem.groups[aimpoint]][weapon]
                * self
                    .problem
                    .fratricide_factor(self.assigned[aimpoint][kind]);
            self.survival[aimpoint] *= 1.0 - p;
            self.assigned[aimpoint][kind] += 1;
            self.stock_left[weapon] -= 1.0;
            if let Some(next) = self.best_for(aimpoint) {
                self.heap.push(next);
            }
            return Some(Assignment {
                weapon,
                aimpoint,
                gain: current.gain,
                kill: p,
            });
        }
        None
    }

    /// Runs to the end (or `budget` warheads) and returns the expected value destroyed.
    pub fn run(mut self, budget: usize) -> (Vec<Assignment>, f64) {
        let mut plan = Vec::new();
        let mut destroyed = 0.0;
        while plan.len() < budget {
            let Some(a) = self.step() else { break };
            destroyed += a.gain;
            plan.push(a);
        }
        (plan, destroyed)
    }
}

/// Identical aimpoints: `count` aimpoints of one kill group, each holding `value`, each warhead
/// committed to one spending `spend` of itself (detection).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AimpointClass {
    pub value: f64,
    pub group: usize,
    pub spend: f64,
    pub count: usize,
}

/// A WTA instance over classes of identical aimpoints (aimpoints numbered class by class).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClassProblem {
    pub classes: Vec<AimpointClass>,
    /// As in [`Problem`]: `kill[group][weapon]`, costs, stocks, cap and fratricide.
    pub kill: Vec<Vec<f64>>,
    pub cost: Vec<f64>,
    pub stock: Vec<f64>,
    pub cap: usize,
    pub fratricide_per_burst: f64,
}

impl ClassProblem {
    /// The same instance, one entry per aimpoint (for the per-aimpoint [`Greedy`] and bounds).
    pub fn expand(&self) -> Problem {
        let each = |f: fn(&AimpointClass) -> f64| -> Vec<f64> {
            self.classes
                .iter()
                .flat_map(|c| std::iter::repeat_n(f(c), c.count))
                .collect()
        };
        Problem {
            values: each(|c| c.value),
            groups: self
                .classes
                .iter()
                .flat_map(|c| std::iter::repeat_n(c.group, c.count))
                .collect(),
            kill: self.kill.clone(),
            cost: self.cost.clone(),
            stock: self.stock.clone(),
            cap: self.cap,
            spend: each(|c| c.spend),
            fratricide_per_burst: self.fratricide_per_burst,
        }
    }
}

/// `count` warheads of `weapon`, one on each of the aimpoints `first..first + count` of one
/// class (aimpoints numbered as in [`ClassProblem::expand`]), each gaining `gain`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Batch {
    pub weapon: usize,
    pub class: usize,
    pub first: usize,
    pub count: usize,
    pub gain: f64,
    /// Kill probability each warhead was planned with (after fratricide).
    pub kill: f64,
}

impl Batch {
    /// The batch as the per-aimpoint assignments it stands for, in plan order.
    pub fn assignments(&self) -> impl Iterator<Item = Assignment> + '_ {
        (self.first..self.first + self.count).map(|aimpoint| Assignment {
            weapon: self.weapon,
            aimpoint,
            gain: self.gain,
            kill: self.kill,
        })
    }
    /// The first `count` warheads of the batch.
    pub fn take(&self, count: usize) -> Batch {
        Batch {
            count: count.min(self.count),
            ..*self
        }
    }
}

/// Aimpoints of one class that have received the same warheads: `first..first + len`.
#[derive(Debug, Clone, Copy)]
struct Tier {
    class: usize,
    first: usize,
    len: usize,
    survival: f64,
    /// Warheads on each aimpoint: [paid, free].
    assigned: [usize; 2],
    /// Gain of the tier's candidate in the queue (which holds only keys, to move less).
    queued_gain: f64,
}

/// [`Greedy`] over tiers of identical aimpoints: one step commits a batch, the run of warheads
/// the per-aimpoint greedy would commit one after another to the aimpoints of one tier. The
/// plan, expanded, is the per-aimpoint greedy's, assignment for assignment.
///
/// Why a batch is exact: the aimpoints of a tier share value, survival and slots, so their
/// candidates differ only in the aimpoint index, and the per-aimpoint greedy (highest ratio,
/// then lowest index) takes them in index order. Tiers are disjoint index ranges, so no tier
/// with an equal ratio can come between; other candidates do not change while the weapon stays
/// in stock; and a hit aimpoint's next warhead gains less, unless its ratio rounds to the same
/// (then the batch is one warhead and the greedy decides again).
#[derive(Debug, Clone, Default)]
pub struct TierGreedy {
    problem: ClassProblem,
    tiers: Vec<Tier>,
    stock_left: Vec<f64>,
    /// Each live tier's best candidate (at most one per tier): its key and the tier, in no
    /// order. Few tiers are live at once (a class, or a few splits of one), so a scan for the
    /// highest key costs less than keeping a heap.
    queue: Vec<(u128, usize)>,
    /// Per group, the weapons that can kill it, best first ([`weapon_preference`]).
    preference: Vec<Vec<Choice>>,
    /// Scratch for sorting a group's weapons.
    preference_keys: Vec<u128>,
    /// The kill probabilities and costs `preference` was sorted from: a restart on the same
    /// ones (the next analysis of an unchanged scenario) keeps it instead of sorting again.
    preference_from: (Vec<Vec<f64>>, Vec<f64>),
}

impl TierGreedy {
    pub fn new(problem: ClassProblem) -> Self {
        let mut greedy = Self {
            problem,
            ..Self::default()
        };
        greedy.restart();
        greedy
    }

    /// The problem, to refill in place before [`TierGreedy::restart`]: a workspace plans again
    /// with the same greedy, so its buffers are not allocated again.
    pub fn problem_mut(&mut self) -> &mut ClassProblem {
        &mut self.problem
    }

    /// Starts planning afresh on the problem as it now is, keeping every buffer.
    pub fn restart(&mut self) {
        let mut first = 0;
        self.tiers.clear();
        // Splitting a tier adds one: room for a few splits per class without regrowing.
        self.tiers.reserve(3 * self.problem.classes.len() + 4);
        self.tiers.extend(
            self.problem
                .classes
                .iter()
                .enumerate()
                .filter_map(|(class, c)| {
                    let tier = Tier {
                        class,
                        first,
                        len: c.count,
                        survival: 1.0,
                        assigned: [0; 2],
                        queued_gain: 0.0,
                    };
                    first += c.count;
                    (c.count > 0).then_some(tier)
                }),
        );
        self.stock_left.clone_from(&self.problem.stock);
        self.rebuild();
    }

    pub fn problem(&self) -> &ClassProblem {
        &self.problem
    }

    /// Changes one kill probability; call [`TierGreedy::rebuild`] after a batch of changes.
    pub fn set_kill(&mut self, group: usize, weapon: usize, probability: f64) {
        self.problem.kill[group][weapon] = probability;
    }

    /// Recomputes every tier's best option (kill probabilities may have risen).
    pub fn rebuild(&mut self) {
        self.rank_weapons();
        self.queue.clear();
        for t in 0..self.tiers.len() {
            if let Some(c) = self.best_for(&self.tiers[t], &self.stock_left) {
                self.enqueue(c, t);
            }
        }
    }

    /// Sorts each group's weapons ([`weapon_preference`]) unless the kill probabilities and
    /// costs are, bit for bit, those of the last sort (the order is a function of them).
    fn rank_weapons(&mut self) {
        let (kill, cost) = &self.preference_from;
        let unchanged = same_bits(cost, &self.problem.cost)
            && kill.len() == self.problem.kill.len()
            && kill
                .iter()
                .zip(&self.problem.kill)
                .all(|(a, b)| same_bits(a, b));
        if unchanged {
            return;
        }
        weapon_preference(
            &mut self.preference,
            &self.problem.kill,
            &self.problem.cost,
            &mut self.preference_keys,
        );
        let (kill, cost) = &mut self.preference_from;
        kill.resize_with(self.problem.kill.len(), Vec::new);
        for (to, from) in kill.iter_mut().zip(&self.problem.kill) {
            to.clone_from(from);
        }
        cost.clone_from(&self.problem.cost);
    }

    /// Queues tier `t`'s best candidate.
    fn enqueue(&mut self, c: Candidate, t: usize) {
        self.tiers[t].queued_gain = c.gain;
        self.queue.push((c.key, t));
    }

    /// The queue slot with the highest key (keys are distinct: they hold the tier's first
    /// aimpoint, and tiers are disjoint), if any tier is live.
    fn top(&self) -> Option<usize> {
        let (first, rest) = self.queue.split_first()?;
        let mut best = (0, first.0);
        for (k, &(key, _)) in rest.iter().enumerate() {
            if key > best.1 {
                best = (k + 1, key);
            }
        }
        Some(best.0)
    }

    fn is_free(&self, weapon: usize) -> bool {
        self.problem.cost[weapon] <= 0.0
    }

    /// The best next warhead for the first aimpoint of a tier, as [`Greedy`] ranks it.
    fn best_for(&self, tier: &Tier, stock_left: &[f64]) -> Option<Candidate> {
        let class = &self.problem.classes[tier.class];
        let at_stake = class.value * tier.survival;
        if at_stake <= 0.0 || tier.len == 0 {
            return None;
        }
        let cap = self.problem.cap;
        let choice = self.preference[class.group]
            .iter()
            .find(|c| stock_left[c.weapon] >= 1.0 && tier.assigned[c.kind] < cap)?;
        let gain = at_stake
            * choice.kill
            * fratricide_factor(
                self.problem.fratricide_per_burst,
                tier.assigned[choice.kind],
            );
        let cost = choice.cost * class.spend;
        let ratio = if cost > 0.0 { gain / cost } else { gain };
        Some(Candidate::new(
            choice.kind == 1,
            ratio,
            gain,
            tier.first,
            choice.weapon,
        ))
    }

    /// The tier after one more warhead of `weapon` on each of its aimpoints.
    fn hit(&self, tier: &Tier, weapon: usize) -> (Tier, f64) {
        let kind = usize::from(self.is_free(weapon));
        let p = self.problem.kill[self.problem.classes[tier.class].group][weapon]
            * fratricide_factor(self.problem.fratricide_per_burst, tier.assigned[kind]);
        let mut after = *tier;
        after.survival *= 1.0 - p;
        after.assigned[kind] += 1;
        (after, p)
    }

    /// How many aimpoints of the tier the per-aimpoint greedy would hit in a row, and (when it
    /// had to look) the hit aimpoints' next warhead with one warhead of `weapon` fewer in stock.
    /// `after` is the tier after one warhead of `weapon` on each aimpoint.
    fn run_length(
        &mut self,
        tier: &Tier,
        after: &Tier,
        top: &Candidate,
        weapon: usize,
    ) -> (usize, Option<Option<Candidate>>) {
        let in_stock = self.stock_left[weapon].floor() as usize;
        let most = tier.len.min(in_stock.max(1));
        if most <= 1 {
            return (most, None);
        }
        // A hit aimpoint whose next warhead ranks as high comes first (lower index). Its next
        // warhead is ranked with one warhead fewer in stock (x - 1 + 1 = x exactly).
        self.stock_left[weapon] -= 1.0;
        let next = self.best_for(after, &self.stock_left);
        self.stock_left[weapon] += 1.0;
        let run = if next.is_some_and(|next| next.key >> 63 >= top.key >> 63) {
            1
        } else {
            most
        };
        (run, Some(next))
    }

    /// The hit tier's next candidate after the batch: the one [`TierGreedy::run_length`] found
    /// if still valid (stocks differ only in `weapon`, which only matters if that candidate uses
    /// it and it has run out), else computed afresh.
    fn next_after(
        &self,
        hit: &Tier,
        weapon: usize,
        seen: Option<Option<Candidate>>,
    ) -> Option<Candidate> {
        match seen {
            Some(next)
                if next.is_none_or(|c| c.weapon() != weapon || self.stock_left[weapon] >= 1.0) =>
            {
                debug_assert!(next == self.best_for(hit, &self.stock_left));
                next
            }
            _ => self.best_for(hit, &self.stock_left),
        }
    }

    /// Tier `t`'s entry, in queue slot `slot`, becomes its next candidate, or goes when it has
    /// none.
    fn requeue(&mut self, slot: usize, next: Option<Candidate>, t: usize) {
        debug_assert!(self.queue[slot].1 == t);
        match next {
            Some(c) => {
                self.queue[slot].0 = c.key;
                self.tiers[t].queued_gain = c.gain;
            }
            None => {
                self.queue.swap_remove(slot);
            }
        }
    }

    /// Commits the next batch, or as much of it as `limit` allows when shown the whole of it
    /// (at least one warhead), or returns `None` when no warhead gains anything.
    pub fn step(&mut self, limit: impl FnOnce(&Batch) -> usize) -> Option<Batch> {
        while let Some(slot) = self.top() {
            let (key, t) = self.queue[slot];
            let top = Candidate {
                key,
                gain: self.tiers[t].queued_gain,
            };
            if self.stock_left[top.weapon()] < 1.0 {
                // Stale: its weapon ran out. The tier's best is now a lesser one, if any.
                let current = self.best_for(&self.tiers[t], &self.stock_left);
                self.requeue(slot, current, t);
                continue;
            }
            // Still current: the tier has not changed since the candidate was queued (a tier
            // changes only when popped), and stocks only fall, so the weapons ranked before this
            // one are still out of stock or out of slots and this one gains the same.
            let current = top;
            debug_assert!(self.best_for(&self.tiers[t], &self.stock_left) == Some(current));
            let weapon = current.weapon();
            let tier = self.tiers[t];
            let (mut hit, p) = self.hit(&tier, weapon);
            let (run, seen) = self.run_length(&tier, &hit, &current, weapon);
            let proposal = Batch {
                weapon,
                class: tier.class,
                first: tier.first,
                count: run,
                gain: current.gain,
                kill: p,
            };
            let count = limit(&proposal).clamp(1, run);
            hit.len = count;
            // The rest is in the tier's state before the batch: its best is this one.
            let rest = (count < tier.len).then(|| {
                let rest = Tier {
                    first: tier.first + count,
                    len: tier.len - count,
                    ..tier
                };
                let same = current.on_aimpoint(rest.first);
                debug_assert!(Some(same) == self.best_for(&rest, &self.stock_left));
                (rest, same)
            });
            self.tiers[t] = hit;
            self.stock_left[weapon] -= count as f64;
            let next = self.next_after(&hit, weapon, seen);
            self.requeue(slot, next, t);
            if let Some((rest, same)) = rest {
                self.tiers.push(rest);
                self.enqueue(same, self.tiers.len() - 1);
            }
            return Some(Batch { count, ..proposal });
        }
        None
    }
}

/// A weapon in a group's preference list, with what ranking it against a tier needs: copied
/// once per sort instead of looked up in the problem's rows for every candidate.
#[derive(Debug, Clone, Copy)]
struct Choice {
    weapon: usize,
    /// The tier slot it takes: 1 for a free weapon, 0 for a paid one.
    kind: usize,
    /// Its kill probability against the group and its cost, as in the problem.
    kill: f64,
    cost: f64,
}

/// Per group, the weapon types that can kill it, best first: free before paid, then by kill
/// probability per unit cost, then by index (the heap key's order for one aimpoint). Fills
/// `preference`, reusing its vectors.
fn weapon_preference(
    preference: &mut Vec<Vec<Choice>>,
    kill: &[Vec<f64>],
    cost: &[f64],
    keys: &mut Vec<u128>,
) {
    preference.resize_with(kill.len(), || Vec::with_capacity(cost.len()));
    for (group, kills) in kill.iter().enumerate() {
        let (before, rest) = preference.split_at_mut(group);
        let weapons = &mut rest[0];
        weapons.clear();
        // Groups of one target kind share a kill row, which sorts the same (and its positive
        // kills, the only ones listed, are equal only bit for bit).
        if let Some(same) = kill[..group].iter().position(|earlier| earlier == kills) {
            weapons.extend_from_slice(&before[same]);
            continue;
        }
        keys.clear();
        keys.extend(
            kills
                .iter()
                .zip(cost)
                .enumerate()
                .filter(|(_, (k, _))| **k > 0.0)
                .map(|(w, (&k, &c))| preference_key(k, c, w)),
        );
        // Keys are distinct (they end on the index): the unstable sort gives the one order.
        keys.sort_unstable_by(|a, b| b.cmp(a));
        weapons.extend(keys.iter().map(|&key| {
            let weapon = (u32::MAX - key as u32) as usize;
            Choice {
                weapon,
                kind: usize::from(cost[weapon] <= 0.0),
                kill: kills[weapon],
                cost: cost[weapon],
            }
        }));
    }
}

/// Whether two slices hold the same numbers bit for bit.
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// A weapon's rank against one group as one integer, highest first: free before paid, then
/// the kill probability per unit cost (non-negative, so its bits order like the number), then
/// the lowest index.
fn preference_key(kill: f64, cost: f64, weapon: usize) -> u128 {
    let ratio = if cost > 0.0 { kill / cost } else { kill };
    debug_assert!(ratio >= 0.0 && weapon < u32::MAX as usize);
    (u128::from(cost <= 0.0) << 127)
        | (u128::from(ratio.to_bits()) << 32)
        | u128::from(u32::MAX - weapon as u32)
}

/// [`Problem::fratricide_factor`] for a given per-burst probability.
fn fratricide_factor(per_burst: f64, earlier: usize) -> f64 {
    if per_burst > 0.0 {
        (1.0 - per_burst).powi(earlier.min(64) as i32)
    } else {
        1.0
    }
}

/// Upper bound on the expected value any plan of at most `budget` warheads can destroy
/// (Ahuja et al. 2007): every warhead is given, against each group, the best kill probability
/// of any weapon type in stock. With identical weapons, marginal gains fall on every aimpoint,
/// so greedy solves the relaxation exactly.
pub fn upper_bound(problem: &Problem, budget: usize) -> f64 {
    Greedy::new(relaxation(problem)).run(budget).1
}

/// Ahuja et al.'s relaxation: one weapon type with, against each group, the best kill
/// probability of any type in stock, and the whole stock.
fn relaxation(problem: &Problem) -> Problem {
    let in_stock = |w: usize| problem.stock[w] >= 1.0;
    let best_kill: Vec<f64> = problem
        .kill
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(w, _)| in_stock(*w))
                .map(|(_, &p)| p)
                .fold(0.0, f64::max)
        })
        .collect();
    let total_stock: f64 = problem.stock.iter().map(|s| s.floor()).sum();
    // Paid and free weapons have a cap each: the relaxation allows both on every aimpoint.
    let has_free = (0..problem.stock.len()).any(|w| problem.is_free(w));
    let has_paid = (0..problem.stock.len()).any(|w| !problem.is_free(w));
    let cap = if has_free && has_paid {
        2 * problem.cap
    } else {
        problem.cap
    };
    Problem {
        values: problem.values.clone(),
        groups: problem.groups.clone(),
        kill: best_kill.into_iter().map(|p| vec![p]).collect(),
        cost: vec![1.0],
        stock: vec![total_stock],
        cap,
        // The bound counts committed warheads: order by gain per commitment.
        spend: vec![1.0; problem.values.len()],
        fratricide_per_burst: problem.fratricide_per_burst,
    }
}

/// [`upper_bound`] for every budget at once: entry k bounds what k warheads can destroy, from
/// 0 to every warhead in stock. One greedy run of the relaxation, whose gains are its prefix sums.
pub fn upper_bound_by_budget(problem: &Problem) -> Vec<f64> {
    let relaxed = relaxation(problem);
    let total = relaxed.stock[0] as usize;
    let mut greedy = Greedy::new(relaxed);
    let mut bounds = Vec::with_capacity(total + 1);
    let mut destroyed = 0.0;
    bounds.push(0.0);
    while let Some(a) = greedy.step() {
        destroyed += a.gain;
        bounds.push(destroyed);
    }
    bounds
}

/// Exact optimum for small instances by dynamic programming over aimpoints, with the state the
/// remaining stock of each weapon type. Returns `None` when the state space would exceed
/// `max_states` (about a million is fine).
pub fn exact(problem: &Problem, budget: usize, max_states: usize) -> Option<f64> {
    let stocks: Vec<usize> = problem.stock.iter().map(|s| s.floor() as usize).collect();
    let states: usize = stocks
        .iter()
        .map(|s| s + 1)
        .try_fold(budget + 1, |acc, s| acc.checked_mul(s))?;
    if states.checked_mul(problem.values.len().max(1))? > max_states {
        return None;
    }
    // Every multiset of weapon types for one aimpoint with at most `cap` paid and `cap` free ones.
    let mut loads: Vec<Vec<usize>> = vec![vec![0; stocks.len()]];
    for _ in 0..2 * problem.cap {
        let mut next = Vec::new();
        for load in &loads {
            for w in 0..stocks.len() {
                let mut more = load.clone();
                more[w] += 1;
                let class_count = |free: bool| {
                    (0..stocks.len())
                        .filter(|&v| problem.is_free(v) == free)
                        .map(|v| more[v])
                        .sum::<usize>()
                };
                if class_count(false) <= problem.cap && class_count(true) <= problem.cap {
                    next.push(more);
                }
            }
        }
        loads.extend(next);
        loads.sort();
        loads.dedup();
    }
    // best[state] = best destroyed value over the aimpoints processed so far, where the state is
    // (budget used, stock used per type) encoded in mixed radix.
    let radices: Vec<usize> = std::iter::once(budget + 1)
        .chain(stocks.iter().map(|s| s + 1))
        .collect();
    let encode = |used: &[usize]| used.iter().zip(&radices).fold(0, |acc, (u, r)| acc * r + u);
    let decode = |mut code: usize| {
        let mut used = vec![0; radices.len()];
        for (slot, r) in used.iter_mut().zip(&radices).rev() {
            *slot = code % r;
            code /= r;
        }
        used
    };
    let mut best = vec![f64::NEG_INFINITY; states];
    best[0] = 0.0;
    for (aimpoint, &value) in problem.values.iter().enumerate() {
        let kills = &problem.kill[problem.groups[aimpoint]];
        let mut next = best.clone();
        for (code, &so_far) in best.iter().enumerate() {
            if so_far == f64::NEG_INFINITY {
                continue;
            }
            let used = decode(code);
            for load in loads.iter().filter(|l| l.iter().any(|&n| n > 0)) {
                let count: usize = load.iter().sum();
                if used[0] + count > budget
                    || load
                        .iter()
                        .zip(&used[1..])
                        .zip(&stocks)
                        .any(|((n, u), s)| u + n > *s)
                {
                    continue;
                }
                let survival = load_survival(problem, load, kills);
                let mut after = used.clone();
                after[0] += count;
                for (slot, n) in after[1..].iter_mut().zip(load) {
                    *slot += n;
                }
                let target = encode(&after);
                let total = so_far + value * (1.0 - survival);
                if total > next[target] {
                    next[target] = total;
                }
            }
        }
        best = next;
    }
    best.into_iter().fold(None, |acc: Option<f64>, v| {
        Some(acc.map_or(v, |a| a.max(v)))
    })
}

/// Survival of one aimpoint under a load (warheads per weapon type). With probabilistic
/// fratricide the best order fires the likeliest killers first within each kind.
fn load_survival(problem: &Problem, load: &[usize], kills: &[f64]) -> f64 {
    let mut survival = 1.0;
    for free in [false, true] {
        let mut ps: Vec<f64> = load
            .iter()
            .enumerate()
            .filter(|&(w, _)| problem.is_free(w) == free)
            .flat_map(|(w, &n)| std::iter::repeat_n(kills[w], n))
            .collect();
        ps.sort_by(|a, b| b.total_cmp(a));
        for (k, p) in ps.into_iter().enumerate() {
            survival *= 1.0 - p * problem.fratricide_factor(k);
        }
    }
    survival
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn problem(values: Vec<f64>, kill: Vec<Vec<f64>>, stock: Vec<f64>, cap: usize) -> Problem {
        let n = values.len();
        let weapons = stock.len();
        Problem {
            groups: (0..n).collect(),
            values,
            kill,
            cost: vec![1.0; weapons],
            stock,
            cap,
            spend: vec![1.0; n],
            fratricide_per_burst: 0.0,
        }
    }

    #[test]
    fn greedy_hits_the_most_valuable_aimpoint_first() {
        // A 10-warhead silo and a 1-warhead silo, one weapon of p 0.5: the big one goes first.
        let p = problem(vec![1.0, 10.0], vec![vec![0.5], vec![0.5]], vec![1.0], 2);
        let (plan, destroyed) = Greedy::new(p).run(usize::MAX);
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].aimpoint, 1);
        assert!((destroyed - 5.0).abs() < 1e-12);
    }

    #[test]
    fn greedy_respects_the_cap() {
        let p = problem(vec![10.0], vec![vec![0.5]], vec![5.0], 2);
        let (plan, destroyed) = Greedy::new(p).run(usize::MAX);
        assert_eq!(plan.len(), 2);
        assert!((destroyed - 7.5).abs() < 1e-12);
    }

    #[test]
    fn free_weapons_go_first() {
        let mut p = problem(
            vec![10.0, 10.0],
            vec![vec![0.9, 0.3], vec![0.9, 0.3]],
            vec![1.0, 1.0],
            1,
        );
        p.cost = vec![1.0, 0.0];
        let (plan, _) = Greedy::new(p).run(usize::MAX);
        assert_eq!(
            plan[0].weapon, 1,
            "the free (conventional) weapon is used first"
        );
    }

    #[test]
    fn free_weapons_do_not_take_nuclear_slots() {
        // One aimpoint, cap 1: a free weapon (p 0.5) and a paid one (p 0.8) both get a slot.
        let mut p = problem(vec![10.0], vec![vec![0.8, 0.5]], vec![1.0, 1.0], 1);
        p.cost = vec![1.0, 0.0];
        let (plan, destroyed) = Greedy::new(p.clone()).run(usize::MAX);
        assert_eq!(plan.len(), 2);
        assert!((destroyed - 10.0 * (1.0 - 0.5 * 0.2)).abs() < 1e-12);
        assert!((exact(&p, 2, 1_000_000).unwrap() - destroyed).abs() < 1e-12);
    }

    #[test]
    fn exact_beats_greedy_on_a_known_trap() {
        // Two aimpoints, two weapons. Weapon 0 is good against both (0.9 / 0.8), weapon 1 only
        // against aimpoint 0 (0.85). Greedy spends weapon 0 on aimpoint 0 first (9 > 8.5) and
        // then has only weapon 1 left: 9 + 0.1*10*0.85 = 9.85 < optimum 8.5 + 8 = 16.5.
        let p = Problem {
            values: vec![10.0, 10.0],
            groups: vec![0, 1],
            kill: vec![vec![0.9, 0.85], vec![0.8, 0.0]],
            cost: vec![1.0, 1.0],
            stock: vec![1.0, 1.0],
            cap: 2,
            spend: vec![1.0; 2],
            fratricide_per_burst: 0.0,
        };
        let greedy = Greedy::new(p.clone()).run(usize::MAX).1;
        let optimum = exact(&p, 2, 1_000_000).unwrap();
        let bound = upper_bound(&p, 2);
        assert!((greedy - 9.85).abs() < 1e-9, "greedy {greedy}");
        assert!((optimum - 16.5).abs() < 1e-9, "optimum {optimum}");
        assert!((bound - 17.0).abs() < 1e-9, "bound {bound}");
    }

    fn instance() -> impl Strategy<Value = Problem> {
        (1usize..5, 1usize..4, 1usize..3).prop_flat_map(|(targets, weapons, cap)| {
            (
                prop::collection::vec(0.5f64..10.0, targets),
                prop::collection::vec(prop::collection::vec(0.0f64..1.0, weapons), targets),
                prop::collection::vec(0u32..4, weapons),
                Just(cap),
                prop::collection::vec(prop_oneof![3 => Just(1.0), 1 => Just(0.0)], weapons),
            )
                .prop_map(|(values, kill, stock, cap, cost)| Problem {
                    groups: (0..values.len()).collect(),
                    spend: vec![1.0; values.len()],
                    fratricide_per_burst: 0.0,
                    values,
                    kill,
                    cost,
                    stock: stock.into_iter().map(f64::from).collect(),
                    cap,
                })
        })
    }

    /// Random class instances: few distinct values and kill probabilities, so that ratios tie
    /// across classes and the index order decides; free weapons, fractional stocks, fratricide.
    fn class_instance() -> impl Strategy<Value = ClassProblem> {
        (1usize..5, 1usize..4, 1usize..4).prop_flat_map(|(classes, weapons, cap)| {
            (
                prop::collection::vec(
                    (
                        prop_oneof![Just(2.0), Just(3.0), 0.5f64..10.0],
                        0usize..2,
                        prop_oneof![Just(1.0), Just(0.5)],
                        1usize..30,
                    ),
                    classes,
                ),
                prop::collection::vec(
                    // 1e-17: 1 - p rounds to 1, so a hit aimpoint's next warhead ties with the first.
                    prop::collection::vec(
                        prop_oneof![Just(0.5), Just(0.0), Just(1e-17), 0.0f64..1.0],
                        weapons,
                    ),
                    2,
                ),
                prop::collection::vec(0.0f64..60.0, weapons),
                prop::collection::vec(
                    prop_oneof![3 => Just(1.0), 1 => Just(0.0), 1 => Just(2.0)],
                    weapons,
                ),
                Just(cap),
                prop_oneof![Just(0.0), 0.0f64..0.5],
            )
                .prop_map(|(classes, kill, stock, cost, cap, fratricide_per_burst)| {
                    ClassProblem {
                        classes: classes
                            .into_iter()
                            .map(|(value, group, spend, count)| AimpointClass {
                                value,
                                group,
                                spend,
                                count,
                            })
                            .collect(),
                        kill,
                        cost,
                        stock,
                        cap,
                        fratricide_per_burst,
                    }
                })
        })
    }

    proptest! {
        /// Batches, expanded, are the per-aimpoint greedy's assignments, in order.
        #[test]
        fn tier_greedy_is_the_per_aimpoint_greedy(p in class_instance(), cut in 1usize..4) {
            let (expected, _) = Greedy::new(p.expand()).run(usize::MAX);
            let mut tiers = TierGreedy::new(p);
            let mut got = Vec::new();
            // Cutting batches (as a defense running out does) must not change the plan.
            while let Some(batch) = tiers.step(|b| b.count.min(cut + b.count / 2)) {
                got.extend(batch.assignments());
            }
            prop_assert_eq!(got, expected);
        }

        /// A greedy restarted on a changed problem (kills, costs, or neither) plans as a fresh
        /// one: the weapon order it keeps from the last problem is kept only when still right.
        #[test]
        fn a_restarted_greedy_plans_as_a_fresh_one(
            p in class_instance(),
            q in class_instance(),
            change in 0usize..4,
        ) {
            let mut next = p.clone();
            match change {
                0 => {}
                1 => next.cost.reverse(),
                2 => next.kill.reverse(),
                _ => next = q,
            }
            let plan = |g: &mut TierGreedy| {
                let mut batches = Vec::new();
                while let Some(batch) = g.step(|b| b.count) {
                    batches.push(batch);
                }
                batches
            };
            let mut reused = TierGreedy::new(p);
            plan(&mut reused);
            *reused.problem_mut() = next.clone();
            reused.restart();
            prop_assert_eq!(plan(&mut reused), plan(&mut TierGreedy::new(next)));
        }
    }

    proptest! {
        /// Kill probabilities raised part way (a defense running out) and a rebuild: the tier
        /// greedy, one warhead a batch, still commits the per-aimpoint greedy's warheads. Fails
        /// if a rebuild keeps the weapon preferences (their order, or the kill probabilities
        /// they copy) of the kills before the raise.
        #[test]
        fn a_rebuild_after_raised_kills_plans_as_the_per_aimpoint_greedy(
            p in class_instance(),
            before in 0usize..40,
            raises in prop::collection::vec((0usize..2, 0usize..3, 0.0f64..1.0), 1..4),
        ) {
            let mut plain = Greedy::new(p.expand());
            let mut tiers = TierGreedy::new(p.clone());
            let one_each = |tiers: &mut TierGreedy| {
                tiers.step(|_| 1).map(|b| b.assignments().next().expect("one warhead"))
            };
            for _ in 0..before {
                prop_assert_eq!(one_each(&mut tiers), plain.step());
            }
            for &(group, weapon, raised) in &raises {
                let weapon = weapon % p.cost.len();
                let higher = p.kill[group][weapon].max(raised);
                plain.set_kill(group, weapon, higher);
                tiers.set_kill(group, weapon, higher);
            }
            plain.rebuild();
            tiers.rebuild();
            loop {
                let expected = plain.step();
                prop_assert_eq!(one_each(&mut tiers), expected);
                if expected.is_none() {
                    break;
                }
            }
        }

        /// The queue's top is the highest key, as a heap's would be.
        #[test]
        fn the_queue_top_is_the_highest_key(keys in prop::collection::hash_set(any::<u128>(), 0..40)) {
            let greedy = TierGreedy {
                queue: keys.iter().enumerate().map(|(t, &key)| (key, t)).collect(),
                ..TierGreedy::default()
            };
            let top = greedy.top().map(|slot| greedy.queue[slot].0);
            prop_assert_eq!(top, BinaryHeap::from_iter(keys).pop());
        }
    }

    #[test]
    fn a_class_of_identical_silos_is_one_batch() {
        // 1000 identical silos, 2500 warheads, cap 2: a batch of 1000 first warheads, then 1000
        // second warheads, then nothing (the cap is reached).
        let p = ClassProblem {
            classes: vec![AimpointClass {
                value: 10.0,
                group: 0,
                spend: 1.0,
                count: 1000,
            }],
            kill: vec![vec![0.6]],
            cost: vec![1.0],
            stock: vec![2500.0],
            cap: 2,
            fratricide_per_burst: 0.0,
        };
        let mut greedy = TierGreedy::new(p);
        let first = greedy.step(|b| b.count).unwrap();
        let second = greedy.step(|b| b.count).unwrap();
        assert_eq!((first.count, first.first, first.gain), (1000, 0, 6.0));
        assert_eq!(second.count, 1000);
        assert!((second.gain - 10.0 * 0.4 * 0.6).abs() < 1e-12);
        assert!(
            greedy.step(|b| b.count).is_none(),
            "the cap is reached everywhere"
        );
    }

    proptest! {
        #[test]
        fn greedy_le_exact_le_bound(p in instance()) {
            let budget = usize::MAX / 4;
            let (plan, greedy) = Greedy::new(p.clone()).run(budget);
            let warheads = plan.len();
            let optimum = exact(&p, p.stock.iter().sum::<f64>() as usize, 10_000_000).unwrap();
            // The bound for the optimum's budget: every warhead in stock.
            let bound = upper_bound(&p, p.stock.iter().sum::<f64>() as usize);
            prop_assert!(greedy <= optimum + 1e-9, "greedy {} > exact {}", greedy, optimum);
            prop_assert!(optimum <= bound + 1e-9, "exact {} > bound {}", optimum, bound);
            if p.cost.iter().all(|&c| c > 0.0) {
                // Maximum marginal return guarantees half the optimum with equal costs.
                prop_assert!(greedy >= 0.5 * optimum - 1e-9, "greedy {} below half of {}", greedy, optimum);
            }
            // The bound at the greedy plan's own budget also bounds the greedy plan.
            prop_assert!(greedy <= upper_bound(&p, warheads) + 1e-9);
        }

        #[test]
        fn more_warheads_never_destroy_less(p in instance(), extra in 1u32..3) {
            let all = |q: &Problem| q.stock.iter().sum::<f64>() as usize;
            let before = exact(&p, all(&p), 10_000_000).unwrap();
            let mut more = p.clone();
            more.stock[0] += f64::from(extra);
            let after = exact(&more, all(&more), 10_000_000).unwrap();
            prop_assert!(after >= before - 1e-9, "{} < {}", after, before);
            prop_assert!(upper_bound(&more, all(&more)) >= upper_bound(&p, all(&p)) - 1e-9);
        }
    }
}
