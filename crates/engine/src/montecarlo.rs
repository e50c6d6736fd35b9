//! Monte Carlo (model.md section 6): per trial, draw the uncertain inputs, plan both first
//! strikes on the drawn scenario (the expected-value allocation and stop rule), then execute
//! each plan with random outcomes: which aimpoints are found, which launchers launch under
//! attack, which launchers and warheads work, which interceptors hit, which warheads kill.
//!
//! Reproducible: trial t draws from ChaCha8 seeded with the master seed on stream t, so results
//! do not depend on the number of threads or the order trials run in.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::defense::{FiringDoctrine, MissileDefenseLayer};
use crate::error::EngineError;
use crate::exchange::{self, Exchange, PlannedStrike};
#[cfg(test)]
use crate::model::Alert;
use crate::model::{Delivery, ForceElement, Scenario, Side};
use crate::params;
use crate::stability::{self, AnalysisOptions, StabilityReport};

mod binomial;
mod counterforce;
mod interception;
mod memo;
pub(crate) use memo::Drawn;

/// Random outcomes of one first strike.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeSample {
    /// Nuclear warheads the striker spent on counterforce (those aimed at aimpoints it found).
    pub counterforce_warheads_spent: u32,
    /// Victim warheads left usable after the strike, per victim element.
    pub victim_surviving: Vec<u32>,
    /// Victim warheads that arrive on the striker's value, per victim element.
    pub victim_arriving: Vec<u32>,
    /// Striker warheads that arrive on the victim's value.
    pub striker_arriving: u32,
    pub damage_to_striker: f64,
    pub damage_to_victim: f64,
    pub cost_to_striker: f64,
    pub cost_to_victim: f64,
}

impl ExchangeSample {
    pub fn victim_arriving_total(&self) -> u32 {
        self.victim_arriving.iter().sum()
    }
    pub fn victim_surviving_total(&self) -> u32 {
        self.victim_surviving.iter().sum()
    }
}

/// One trial: both first strikes and the index from their random costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Trial {
    pub index: f64,
    pub ratios: [f64; 2],
    /// `exchanges[0]`: side 0 strikes first; `exchanges[1]`: side 1 strikes first.
    pub exchanges: [ExchangeSample; 2],
}

/// Up to this many trials, a binomial is drawn trial by trial (cheaper than a power).
const SMALL_BINOMIAL: u32 = 8;

/// A source of uniform numbers in [0, 1) and Bernoulli and binomial draws.
pub(crate) struct Draw(ChaCha8Rng);

impl Draw {
    pub(crate) fn new(seed: u64, trial: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(trial);
        Self(rng)
    }
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
    fn bernoulli(&mut self, p: f64) -> bool {
        p >= 1.0 || (p > 0.0 && self.uniform() < p)
    }
    /// Successes in `n` independent trials of probability `p`, drawn exactly: a few trials
    /// one by one, a small mean by inversion, a large one by BTRD (O(1) expected).
    fn binomial(&mut self, n: u32, p: f64) -> u32 {
        if n == 0 || p <= 0.0 {
            return 0;
        }
        if p >= 1.0 {
            return n;
        }
        // Failures of the complement, drawn in the same call (no second pass of the checks
        // above: 1 - p lies in (0, 0.5) here).
        if p > 0.5 {
            return n - self.binomial_at_most_half(n, 1.0 - p);
        }
        self.binomial_at_most_half(n, p)
    }

    /// [`Draw::binomial`] for 0 < p <= 0.5 and n >= 1.
    fn binomial_at_most_half(&mut self, n: u32, p: f64) -> u32 {
        if n <= SMALL_BINOMIAL {
            // `bernoulli(p)` with 0 < p < 1.
            return (0..n).filter(|_| self.uniform() < p).count() as u32;
        }
        if f64::from(n) * p < binomial::BTRD_LEAST_MEAN {
            return self.binomial_by_inversion(n, p);
        }
        binomial::Btrd::new(n, p).sample(&mut || self.uniform())
    }
    /// Inversion: walks the probability mass function from 0 until it passes one uniform.
    /// Expects p <= 0.5 and n p below [`binomial::BTRD_LEAST_MEAN`] (so (1 - p)^n >= e^-14
    /// stays far from underflow, and the walk takes about n p steps).
    fn binomial_by_inversion(&mut self, n: u32, p: f64) -> u32 {
        let odds = p / (1.0 - p);
        let mut mass = match i32::try_from(n) {
            Ok(whole) if whole <= 1 << 16 => (1.0 - p).powi(whole),
            _ => (f64::from(n) * (-p).ln_1p()).exp(),
        };
        let mut cumulative = mass;
        let u = self.uniform();
        let mut k = 0;
        while u >= cumulative && k < n {
            mass *= f64::from(n - k) / f64::from(k + 1) * odds;
            k += 1;
            cumulative += mass;
        }
        k
    }
    /// Successes in `draws` draws without replacement from `total` items of which `successes`
    /// are successes (hypergeometric), drawn exactly: one item at a time, after the symmetries
    /// that make the count of steps the least of draws, successes and their complements.
    fn hypergeometric(&mut self, total: u32, successes: u32, draws: u32) -> u32 {
        if draws == 0 || successes == 0 {
            return 0;
        }
        if successes == total {
            return draws;
        }
        if draws == total {
            return successes;
        }
        // Both symmetries at once (no second pass of the checks above, which the reflected
        // counts pass): draws, then successes, reflected past the half.
        let flip_draws = draws > total - draws;
        let draws = if flip_draws { total - draws } else { draws };
        let flip_successes = successes > total - successes;
        let fewer = if flip_successes {
            total - successes
        } else {
            successes
        };
        let got = self.hypergeometric_walk(total, fewer, draws);
        let got = if flip_successes { draws - got } else { got };
        if flip_draws { successes - got } else { got }
    }
    /// [`Draw::hypergeometric`], one item at a time.
    fn hypergeometric_walk(&mut self, total: u32, successes: u32, draws: u32) -> u32 {
        let (mut left, mut successes_left, mut got) = (total, successes, 0);
        for _ in 0..draws {
            if self.uniform() * f64::from(left) < f64::from(successes_left) {
                got += 1;
                successes_left -= 1;
                if successes_left == 0 {
                    break;
                }
            }
            left -= 1;
        }
        got
    }
    /// A whole number whose expectation is `x` (>= 0): floor(x), plus 1 with probability
    /// x - floor(x). Keeps Monte Carlo means equal to the expected-value analysis where that
    /// analysis holds fractions (targetable launchers, available warheads).
    fn whole(&mut self, x: f64) -> u32 {
        let floor = floor_of_non_negative(x.max(0.0));
        floor as u32 + u32::from(self.bernoulli(x - floor))
    }
}

/// `x.floor()` for x >= 0 (or NaN), without the library call `floor` is on baseline x86-64:
/// below 2^52 truncation toward zero is the floor, exactly; above, every double is whole.
fn floor_of_non_negative(x: f64) -> f64 {
    const WHOLE_ABOVE: f64 = (1u64 << 52) as f64;
    if x < WHOLE_ABOVE {
        (x as u64) as f64
    } else {
        x.floor()
    }
}

/// Who knows the drawn inputs when the strikes are planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Planning {
    /// Both strikes are planned once on the central values and executed in every trial with the
    /// drawn ones: the planners decide under the same uncertainty as the analyst, with the same
    /// best estimates (as in Wu 2020 and Tecott & Halterman 2021, whose attack plans do not
    /// change with the draws). The default.
    #[default]
    Fixed,
    /// Each trial plans both strikes on its drawn inputs: the uncertainty is the analyst's only;
    /// the planners know the true values (allocation and stop point adapt to them). A randomised
    /// sensitivity study; it plans again in every trial, so it is several times slower.
    Informed,
}

impl Planning {
    pub fn name(self) -> &'static str {
        match self {
            Self::Informed => "informed",
            Self::Fixed => "fixed",
        }
    }
}

/// Least trials a rayon job runs: a job's first trial sets up its state (a scenario copy, a
/// full analysis with validation under informed planning), so small jobs pay it too often.
const TRIALS_PER_JOB: usize = 64;

/// Runs `trials` trials in parallel. `progress` is called with the number of trials finished so
/// far (from any thread); pass `&|_| {}` for none.
pub fn run(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    trials: u64,
    seed: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Trial>, EngineError> {
    run_range(scenario, options, planning, seed, 0..trials, progress)
}

/// Trials `range` of the run [`run`] makes with at least `range.end` trials, bit for bit (a
/// work unit's slice), in parallel with one job state per rayon job. `progress` counts the
/// trials of the range finished.
pub fn run_range(
    scenario: &Scenario,
    options: AnalysisOptions,
    planning: Planning,
    seed: u64,
    range: std::ops::Range<u64>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Trial>, EngineError> {
    let trials = range.end.saturating_sub(range.start);
    // With every input fixed, or with fixed planning, the plans are the same in every trial:
    // make them once.
    let fixed_plan = if scenario.uncertain.is_empty() || planning == Planning::Fixed {
        Some(stability::analyze(scenario, options)?)
    } else {
        None
    };
    let fixed = fixed_plan
        .as_ref()
        .map(|report| FixedPlan::new(scenario, report));
    let inputs = Inputs::new(scenario);
    let done = std::sync::atomic::AtomicU64::new(0);
    // An indexed range (rayon splits u64 ranges without an index) in jobs of at least
    // `TRIALS_PER_JOB` trials: a job's first trial sets up its state (see `Job`).
    let first = range.start;
    let count = usize::try_from(trials).map_err(|_| {
        EngineError::rule(
            "trials",
            format!("{trials} trials are more than this machine can index"),
        )
    })?;
    (0..count)
        .into_par_iter()
        .with_min_len(TRIALS_PER_JOB)
        // One job state per rayon job, reused by its trials (see `Job`).
        .map_init(Job::default, |job, i| {
            let t = first + i as u64;
            let trial = trial_on(scenario, &inputs, job, fixed.as_ref(), options, seed, t);
            let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if finished.is_multiple_of(256) || finished == trials {
                progress(finished);
            }
            trial
        })
        .collect()
}

/// An uncertain input with its fields resolved once per run (sides, elements and fields by
/// index, so a trial sets each field without walking a path or looking a name up).
struct PreparedInput<'a> {
    distribution: &'a params::Distribution,
    fields: Vec<params::PreparedField>,
    /// Per field, the same field written directly where it can be (see [`Inputs::new`]).
    direct: Vec<Option<params::DirectField>>,
}

impl PreparedInput<'_> {
    /// Writes `value` to every field, as [`params::PreparedField::set`] does.
    fn set(&self, drawn: &mut Scenario, value: f64) -> Result<(), EngineError> {
        for (field, direct) in self.fields.iter().zip(&self.direct) {
            match direct {
                Some(direct) if direct.set(drawn, value) => {}
                _ => {
                    field.set(drawn, value)?;
                }
            }
        }
        Ok(())
    }
}

/// The scenario's uncertain inputs, fields resolved (a path that does not resolve is kept as
/// given, so that setting it fails in the trial with the same error as before), and the parts
/// of the scenario they draw.
struct Inputs<'a> {
    /// Tells this run's job states from another run's (see [`Job::bind`]).
    run: u64,
    inputs: Vec<PreparedInput<'a>>,
    drawn: memo::Drawn,
    /// Every drawn field's one rule is its range (see [`params::PreparedField::range_only`]).
    range_only: bool,
}

impl<'a> Inputs<'a> {
    fn new(scenario: &'a Scenario) -> Self {
        let mut inputs: Vec<PreparedInput> = scenario
            .uncertain
            .iter()
            .map(|input| PreparedInput {
                distribution: &input.distribution,
                fields: input
                    .paths
                    .iter()
                    .map(|p| params::PreparedField::new(scenario, p))
                    .collect(),
                direct: Vec::new(),
            })
            .collect();
        // A field's range can depend on the options (hardness): written directly only while
        // no input draws outside elements, sites and defenses.
        let options_fixed = inputs
            .iter()
            .flat_map(|i| &i.fields)
            .all(|f| f.part() != params::Part::Other);
        for input in &mut inputs {
            input.direct = input
                .fields
                .iter()
                .map(|f| f.direct(scenario).filter(|_| options_fixed))
                .collect();
        }
        let fields = || inputs.iter().flat_map(|i| &i.fields);
        let drawn = memo::Drawn::new(scenario, fields());
        let range_only = fields().all(|field| field.range_only(scenario));
        // Unique per preparation in this process.
        static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Self {
            run: RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            inputs,
            drawn,
            range_only,
        }
    }
}

/// What one rayon job keeps from one trial to the next, so that a trial allocates little:
/// the scenario copy the draws are written into (made on first use), the planner's
/// workspace, and the strikes' buffers and memos. Reusing it changes no trial: every trial
/// sets every uncertain field and refills every buffer before reading it, and the memos keep
/// across trials only values whose inputs no uncertain input draws.
#[derive(Debug, Default)]
pub struct Job {
    /// The run whose trials this state serves (0: none yet).
    run: u64,
    drawn: Option<Scenario>,
    /// A drawn scenario of this job has passed validation.
    validated: bool,
    workspace: exchange::Workspace,
    /// The trial's strikes and their shapes, with informed planning.
    strikes: Option<[PlannedStrike; 2]>,
    shapes: [counterforce::PlanShape; 2],
    scratch: Scratch,
}

impl Job {
    /// Serves `run` from now on: a state left by another run's trials (another scenario, or
    /// other draws) is dropped first.
    fn bind(&mut self, run: u64) {
        if self.run != run {
            *self = Self {
                run,
                ..Self::default()
            };
        }
    }
}

/// The buffers and memos of a job's strikes.
#[derive(Debug, Default)]
struct Scratch {
    strike: counterforce::Buffers,
    /// Interceptors left in each layer of the side whose value is attacked.
    value_inventory: Vec<u32>,
    /// Per striker element, its warheads for the strike (after availability).
    stock: Vec<f64>,
    memo: memo::Memo,
}

/// One trial, reproducible from (seed, t) alone. With `fixed_plan`, the strikes follow it;
/// otherwise they are planned on the drawn inputs. Prepares the inputs and a job state for
/// this one trial: to draw many, see [`Trials`].
pub fn run_trial(
    scenario: &Scenario,
    fixed_plan: Option<&StabilityReport>,
    options: AnalysisOptions,
    seed: u64,
    t: u64,
) -> Result<Trial, EngineError> {
    Trials::new(scenario, fixed_plan, options, seed).trial(&mut Job::default(), t)
}

/// The trials of one run, drawn one at a time by callers that pair them with another run's
/// (`arms_control::compare`): inputs and plan shapes prepared once, each caller's thread
/// keeping a [`Job`]. `trial(job, t)` is [`run_trial`]`(.., t)`, bit for bit.
pub struct Trials<'a> {
    scenario: &'a Scenario,
    inputs: Inputs<'a>,
    fixed_plan: Option<FixedPlan>,
    options: AnalysisOptions,
    seed: u64,
}

impl<'a> Trials<'a> {
    pub fn new(
        scenario: &'a Scenario,
        fixed_plan: Option<&'a StabilityReport>,
        options: AnalysisOptions,
        seed: u64,
    ) -> Self {
        Self {
            scenario,
            inputs: Inputs::new(scenario),
            fixed_plan: fixed_plan.map(|report| FixedPlan::new(scenario, report)),
            options,
            seed,
        }
    }

    /// Trial `t`, drawn in `job`'s state.
    pub fn trial(&self, job: &mut Job, t: u64) -> Result<Trial, EngineError> {
        let plan = self.fixed_plan.as_ref();
        trial_on(
            self.scenario,
            &self.inputs,
            job,
            plan,
            self.options,
            self.seed,
            t,
        )
    }
}

/// Both strikes' plans with what every trial executing them shares.
struct FixedPlan {
    strikes: [PlannedStrike; 2],
    shapes: [counterforce::PlanShape; 2],
}

impl FixedPlan {
    fn new(scenario: &Scenario, report: &StabilityReport) -> Self {
        let strikes = report.exchanges.each_ref().map(PlannedStrike::new);
        let shape = |x: &PlannedStrike| counterforce::PlanShape::new(&scenario.sides[x.victim], x);
        Self {
            shapes: [shape(&strikes[0]), shape(&strikes[1])],
            strikes,
        }
    }
}

/// [`run_trial`] with the inputs prepared, in a job's state (see [`Job`]).
fn trial_on(
    scenario: &Scenario,
    inputs: &Inputs,
    job: &mut Job,
    fixed_plan: Option<&FixedPlan>,
    options: AnalysisOptions,
    seed: u64,
    t: u64,
) -> Result<Trial, EngineError> {
    let mut draw = Draw::new(seed, t);
    job.bind(inputs.run);
    let Job {
        run: _,
        drawn,
        validated,
        workspace,
        strikes,
        shapes,
        scratch,
    } = job;
    scratch.memo.next_trial();
    let scenario = if inputs.inputs.is_empty() {
        scenario
    } else {
        let drawn = drawn.get_or_insert_with(|| scenario.clone());
        for input in &inputs.inputs {
            let value = input.distribution.sample(&mut || draw.uniform());
            input.set(drawn, value)?;
        }
        &*drawn
    };
    let (strikes, shapes) = match fixed_plan {
        Some(plan) => (&plan.strikes, &plan.shapes),
        None => {
            let memo = &mut scratch.memo;
            let job = (validated, workspace, memo);
            let strikes = plan_informed(scenario, inputs, options, job, strikes)?;
            for (shape, x) in shapes.iter_mut().zip(strikes.iter()) {
                shape.refill(&scenario.sides[x.victim], x);
            }
            (strikes, &*shapes)
        }
    };
    let [x, y] = strikes;
    let drawn = &inputs.drawn;
    let a = sample_exchange(scenario, x, &shapes[0], drawn, scratch, &mut draw)?;
    let b = sample_exchange(scenario, y, &shapes[1], drawn, scratch, &mut draw)?;
    let ratio = |c1: f64, c2: f64| if c2 <= 0.0 { 1.0 } else { (c1 / c2).min(1.0) };
    let ratios = [
        ratio(a.cost_to_striker, b.cost_to_victim),
        ratio(b.cost_to_striker, a.cost_to_victim),
    ];
    Ok(Trial {
        index: ratios[0] * ratios[1],
        ratios,
        exchanges: [a, b],
    })
}

/// Both strikes planned on the drawn `scenario` (informed planning), into `strikes`. The
/// first trial of a job validates and plans in full; once one drawn scenario is valid, so is
/// every other when the draws change only fields whose one rule is their range (checked as
/// they are written), and the strikes are planned without accounting outcomes, their kill
/// probabilities taken from (and left in) the trial's memo, which the outcomes read too.
fn plan_informed<'s>(
    scenario: &Scenario,
    inputs: &Inputs,
    options: AnalysisOptions,
    (validated, workspace, memo): (&mut bool, &mut exchange::Workspace, &mut memo::Memo),
    strikes: &'s mut Option<[PlannedStrike; 2]>,
) -> Result<&'s [PlannedStrike; 2], EngineError> {
    match strikes {
        Some(strikes) if *validated && inputs.range_only => {
            let ([mut a, mut b], units) = memo.for_planning(scenario, &inputs.drawn);
            let kills: [&mut exchange::ConditionalKills; 2] =
                [&mut |w, t| a.get(w, t), &mut |w, t| b.get(w, t)];
            stability::plan_strikes_validated(
                scenario,
                options,
                workspace,
                strikes,
                Some((kills, units)),
            )?;
        }
        _ => {
            let report = stability::analyze_stop_only_with(scenario, options, workspace)?;
            *validated = true;
            let [a, b] = &report.exchanges;
            match strikes {
                Some([x, y]) => {
                    x.refill_from(a);
                    y.refill_from(b);
                }
                None => *strikes = Some([PlannedStrike::new(a), PlannedStrike::new(b)]),
            }
        }
    }
    Ok(strikes.as_ref().expect("planned above"))
}

/// Whether one RV is intercepted by `layer`, drawing on its remaining `inventory`.
/// Discrimination is drawn once per RV; shoot-look-shoot fires the second salvo only at an RV
/// that survived the first.
fn engage(layer: &MissileDefenseLayer, inventory: &mut u32, draw: &mut Draw) -> bool {
    let (first, second) = match layer.doctrine {
        FiringDoctrine::Salvo { shots } => (shots, 0),
        FiringDoctrine::ShootLookShoot { first, second } => (first, second),
    };
    if *inventory < first.max(1) {
        return false;
    }
    let discriminated = draw.bernoulli(layer.discrimination);
    let salvo = |shots: u32, inventory: &mut u32, draw: &mut Draw| {
        *inventory -= shots;
        let mut hit = false;
        for _ in 0..shots {
            hit |= draw.bernoulli(layer.interceptor_sspk);
        }
        discriminated && hit
    };
    if salvo(first, inventory, draw) {
        return true;
    }
    second > 0 && *inventory >= second && salvo(second, inventory, draw)
}

/// Warheads launched at a side's value: counts arriving warheads and value units through the
/// defender's air defense and the BMD layers covering value (with their remaining inventory).
struct ValueStrike<'a> {
    /// The elements attacking value (of one side).
    elements: &'a [ForceElement],
    defender: &'a Side,
    inventory: &'a mut [u32],
    units: memo::Units<'a>,
    arriving_units: f64,
}

impl ValueStrike<'_> {
    /// `warheads` warheads of the attacker's element `e` (`warheads_per_launcher` to a
    /// launcher, the last launcher possibly partial) attack value; `launch_survival` applies
    /// when retaliating. Returns warheads that arrive. Launchers work independently, so their
    /// outcomes are drawn as binomial counts: full launchers in one draw, the partial one in
    /// another.
    fn attack(&mut self, e: usize, warheads: u32, launch_survival: f64, draw: &mut Draw) -> u32 {
        let element = &self.elements[e];
        if !element.is_nuclear() || warheads == 0 {
            return 0;
        }
        let per_launcher = element.warheads_per_launcher.max(1);
        let full = warheads / per_launcher;
        let partial = warheads % per_launcher;
        let works = element.reliability * launch_survival;
        let arriving =
            self.launchers_arrive(element, draw.binomial(full, works), per_launcher, draw)
                + if partial > 0 {
                    self.launchers_arrive(element, u32::from(draw.bernoulli(works)), partial, draw)
                } else {
                    0
                };
        self.arriving_units += f64::from(arriving) * self.units.get(e);
        arriving
    }

    /// Warheads that arrive from `launchers` working launchers of `per_launcher` warheads each.
    fn launchers_arrive(
        &mut self,
        element: &ForceElement,
        launchers: u32,
        per_launcher: u32,
        draw: &mut Draw,
    ) -> u32 {
        let warheads = launchers * per_launcher;
        match element.delivery {
            // A bomber is shot down with all its weapons.
            Delivery::Aircraft => {
                let p = exchange::air_penetration(self.defender, Delivery::Aircraft, true);
                draw.binomial(launchers, p) * per_launcher
            }
            Delivery::CruiseMissile => {
                let p = exchange::air_penetration(self.defender, Delivery::CruiseMissile, true);
                draw.binomial(warheads, p)
            }
            Delivery::GlideVehicle => warheads,
            Delivery::BallisticMissile => self.rvs_leak(warheads, draw),
        }
    }

    /// Ballistic RVs that leak through the value-covering BMD layers (with their remaining
    /// inventory), drawn layer by layer as counts.
    fn rvs_leak(&mut self, rvs: u32, draw: &mut Draw) -> u32 {
        let layers = &self.defender.missile_defenses;
        rvs - interception::intercepted(
            layers,
            self.inventory,
            |layer| layer.covers.covers_value(),
            rvs,
            draw,
        )
    }
}

/// What one ordered pair's draws reuse from one N-side trial to the next: the plan in the form
/// a draw executes, its shape, and the strike's buffers and memos. Reusing it changes no draw:
/// the plan is refilled unless the caller says it is the one held, and the memo keeps across
/// draws only values whose inputs `drawn` says no uncertain input draws.
#[derive(Debug, Default)]
pub(crate) struct PairScratch {
    planned: Option<(PlannedStrike, counterforce::PlanShape)>,
    scratch: Scratch,
    /// What the memo's tables were made for: per side of the scenario its elements and
    /// storage sites, and whether every value counted as drawn.
    memo_for: (Vec<(usize, usize)>, bool),
}

impl PairScratch {
    /// The memo, emptied first if its tables were made for a scenario of another shape or
    /// under other drawn flags (a pair drawn in the whole scenario one trial and in a two-side
    /// duel, everything drawn, the next), and started on a new draw.
    fn fit_memo(&mut self, scenario: &Scenario, everything_drawn: bool) {
        let shape = scenario
            .sides
            .iter()
            .map(|s| (s.forces.len(), s.warhead_storage.len()));
        let (made_for, made_everything) = &mut self.memo_for;
        if !made_for.iter().copied().eq(shape.clone()) || *made_everything != everything_drawn {
            made_for.clear();
            made_for.extend(shape);
            *made_everything = everything_drawn;
            self.scratch.memo = memo::Memo::default();
        }
        self.scratch.memo.next_trial();
    }
}

/// [`sample_exchange`] of an exchange planned elsewhere: the N-side Monte Carlo's draw of each
/// pair's committed exchange, in `pair`'s buffers. With `same_plan`, `x` is the plan `pair`
/// last executed (fixed planning), whose shape is kept. `drawn` says what the run's uncertain
/// inputs draw in `scenario` (sides and elements by its indices), or is
/// [`Drawn::everything`]; a run gives one pair the same `drawn` for the same scenario.
pub(crate) fn sample_planned_exchange(
    scenario: &Scenario,
    x: &Exchange,
    same_plan: bool,
    drawn: &Drawn,
    pair: &mut PairScratch,
    draw: &mut Draw,
) -> Result<ExchangeSample, EngineError> {
    pair.fit_memo(scenario, drawn.is_everything());
    let victim = &scenario.sides[x.victim];
    let (planned, shape) = match &mut pair.planned {
        Some((planned, shape)) if same_plan => (&*planned, &*shape),
        held => {
            let buffers = match held.take() {
                Some((mut planned, shape)) => {
                    planned.refill_from(x);
                    (planned, shape)
                }
                None => (PlannedStrike::new(x), counterforce::PlanShape::default()),
            };
            let (planned, shape) = held.insert(buffers);
            shape.refill(victim, planned);
            (&*planned, &*shape)
        }
    };
    sample_exchange(scenario, planned, shape, drawn, &mut pair.scratch, draw)
}

/// Executes an exchange's plan with random outcomes; `shape` is the plan's, prepared once per
/// run where the plan is fixed; `drawn` says which parts of the scenario the run draws.
fn sample_exchange(
    scenario: &Scenario,
    x: &PlannedStrike,
    shape: &counterforce::PlanShape,
    drawn: &memo::Drawn,
    scratch: &mut Scratch,
    draw: &mut Draw,
) -> Result<ExchangeSample, EngineError> {
    let options = &scenario.options;
    let attacker = &scenario.sides[x.striker];
    let defender = &scenario.sides[x.victim];
    let posture = x.posture;
    let Scratch {
        strike,
        value_inventory,
        stock,
        memo,
    } = scratch;
    let kills = memo.kills(scenario, drawn, (x.striker, x.victim));
    counterforce::strike(scenario, x, shape, kills, strike, draw)?;
    let counterforce::Outcome {
        surviving_launchers,
        storage_alive,
        spent,
        inventory,
    } = &mut strike.outcome;

    // Retaliation on the striker's value.
    let victim_surviving: Vec<u32> = defender
        .forces
        .iter()
        .zip(surviving_launchers.iter())
        .map(|(f, &l)| {
            let usable = f.is_nuclear() && f.warhead_storage.is_none_or(|w| storage_alive[w]);
            if usable {
                l * f.warheads_per_launcher
            } else {
                0
            }
        })
        .collect();
    value_inventory.clear();
    value_inventory.extend(attacker.missile_defenses.iter().map(|l| l.interceptors));
    let mut on_striker = ValueStrike {
        elements: &defender.forces,
        defender: attacker,
        inventory: value_inventory,
        units: memo.units(scenario, drawn, (x.victim, x.striker)),
        arriving_units: 0.0,
    };
    let victim_arriving: Vec<u32> = defender
        .forces
        .iter()
        .zip(&victim_surviving)
        .enumerate()
        .map(|(e, (f, &w))| on_striker.attack(e, w, f.launch_survival, draw))
        .collect();
    let on_striker_units = on_striker.arriving_units;

    // The striker's remaining weapons on the victim's value.
    exchange::striker_stock_into(attacker, posture.striker_alert, options, stock);
    let mut on_victim = ValueStrike {
        elements: &attacker.forces,
        defender,
        inventory,
        units: memo.units(scenario, drawn, (x.striker, x.victim)),
        arriving_units: 0.0,
    };
    let mut striker_arriving = 0;
    for (e, (&available, &used)) in stock.iter().zip(spent.iter()).enumerate() {
        let left = draw.whole(available).saturating_sub(used);
        striker_arriving += on_victim.attack(e, left, 1.0, draw);
    }

    let damage_to_striker = attacker.value.damage(on_striker_units);
    let damage_to_victim = defender.value.damage(on_victim.arriving_units);
    let (cost_to_striker, cost_to_victim) = options.costs(damage_to_striker, damage_to_victim);
    Ok(ExchangeSample {
        counterforce_warheads_spent: attacker
            .forces
            .iter()
            .zip(spent.iter())
            .filter(|(f, _)| f.is_nuclear())
            .map(|(_, s)| s)
            .sum(),
        victim_surviving,
        victim_arriving,
        striker_arriving,
        damage_to_striker,
        damage_to_victim,
        cost_to_striker,
        cost_to_victim,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Binomial(n, p) probabilities, computed directly (hand formula n!/(k!(n-k)!) p^k q^(n-k)).
    fn binomial_pmf(n: u32, p: f64) -> Vec<f64> {
        let mut pmf = vec![0.0; n as usize + 1];
        let mut log_choose = 0.0;
        for k in 0..=n {
            if k > 0 {
                log_choose += (f64::from(n - k + 1) / f64::from(k)).ln();
            }
            let kf = f64::from(k);
            pmf[k as usize] =
                (log_choose + kf * p.ln() + (f64::from(n) - kf) * (1.0 - p).ln()).exp();
        }
        pmf
    }

    /// Pearson chi-square of `draws` binomial draws against the exact probabilities, over the
    /// cells with an expected count of at least 5 (the rest pooled).
    fn chi_square(n: u32, p: f64, draws: u32) -> (f64, usize) {
        let mut draw = Draw::new(7, u64::from(n));
        let mut counts = vec![0u32; n as usize + 1];
        for _ in 0..draws {
            counts[draw.binomial(n, p) as usize] += 1;
        }
        let (mut statistic, mut cells, mut pooled_expected, mut pooled_seen) = (0.0, 0, 0.0, 0.0);
        for (pk, &seen) in binomial_pmf(n, p).iter().zip(&counts) {
            let expected = pk * f64::from(draws);
            if expected >= 5.0 {
                statistic += (f64::from(seen) - expected).powi(2) / expected;
                cells += 1;
            } else {
                pooled_expected += expected;
                pooled_seen += f64::from(seen);
            }
        }
        if pooled_expected > 0.0 {
            statistic += (pooled_seen - pooled_expected).powi(2) / pooled_expected.max(1e-9);
            cells += 1;
        }
        (statistic, cells)
    }

    #[test]
    fn binomial_draws_follow_the_binomial_distribution() {
        // Small n (trial by trial), inversion, p above one half, and BTRD: near its least
        // mean, moderate, large (tails reach the Stirling test), and p just below one half.
        for (n, p) in [
            (5, 0.3),
            (40, 0.1),
            (40, 0.8),
            (99, 0.1),
            (20, 0.5),
            (300, 0.45),
            (2_000, 0.3),
            (1_000, 0.02),
            (120, 0.93),
            (100_000, 0.37),
        ] {
            let (statistic, cells) = chi_square(n, p, 40_000);
            // Chi-square with `cells - 1` degrees of freedom: mean d, sd sqrt(2 d); 5 sd.
            let dof = (cells - 1) as f64;
            assert!(
                statistic < dof + 5.0 * (2.0 * dof).sqrt(),
                "n {n}, p {p}: chi-square {statistic:.1} on {dof} degrees of freedom"
            );
        }
    }

    /// Hypergeometric draws against the exact probabilities C(K, k) C(N - K, n - k) / C(N, n)
    /// (chi-square, 5 sd), through each symmetry; and the edges.
    #[test]
    fn hypergeometric_draws_follow_the_hypergeometric_distribution() {
        let log_choose = |n: u32, k: u32| -> f64 {
            (1..=k)
                .map(|i| (f64::from(n - k + i) / f64::from(i)).ln())
                .sum()
        };
        for (total, successes, draws) in [(20, 7, 5), (50, 40, 12), (60, 20, 45), (30, 25, 28)] {
            let mut draw = Draw::new(3, u64::from(total + draws));
            let n = 40_000;
            let mut counts = vec![0u32; draws as usize + 1];
            for _ in 0..n {
                counts[draw.hypergeometric(total, successes, draws) as usize] += 1;
            }
            let (mut statistic, mut cells) = (0.0, 0);
            for (k, &seen) in counts.iter().enumerate() {
                let k = k as u32;
                if k > successes || draws - k > total - successes {
                    assert_eq!(seen, 0, "impossible count {k}");
                    continue;
                }
                let p = (log_choose(successes, k) + log_choose(total - successes, draws - k)
                    - log_choose(total, draws))
                .exp();
                let expected = p * f64::from(n);
                if expected >= 5.0 {
                    statistic += (f64::from(seen) - expected).powi(2) / expected;
                    cells += 1;
                }
            }
            let dof = (cells - 1) as f64;
            assert!(
                statistic < dof + 5.0 * (2.0 * dof).sqrt(),
                "({total}, {successes}, {draws}): chi-square {statistic:.1} on {dof}"
            );
        }
        let mut draw = Draw::new(1, 2);
        assert_eq!(draw.hypergeometric(10, 0, 5), 0);
        assert_eq!(draw.hypergeometric(10, 10, 5), 5);
        assert_eq!(draw.hypergeometric(10, 4, 10), 4);
        assert_eq!(draw.hypergeometric(10, 4, 0), 0);
    }

    /// One pair's buffers serve strikes drawn in turn in a two-side duel and among three sides
    /// whose first side has more elements (the memo's tables at the same places were made for
    /// the other shape): each draw is the draw in fresh buffers.
    #[test]
    fn pair_buffers_reused_across_scenario_shapes_draw_as_fresh_ones() {
        use crate::model::Basing;
        let element = |name: &str| ForceElement::ballistic(name, Basing::Silo, 30, 2, 300.0, 200.0);
        let duel = uncertain_duel();
        let mut world = uncertain_duel();
        let mut third = world.sides[0].clone();
        third.name = "C".into();
        world.sides[0].forces.extend([element("x"), element("y")]);
        world.sides.push(third);
        let posture = exchange::ExchangePosture {
            striker_alert: Alert::DayToDay,
            victim_alert: Alert::DayToDay,
            victim_launches_under_attack: false,
        };
        let strike = |scenario: &Scenario, a: usize, b: usize| {
            exchange::first_strike(
                scenario,
                a,
                b,
                posture,
                false,
                exchange::CurveDetail::StopOnly,
            )
            .unwrap()
        };
        let pairs = [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1)];
        let in_world = pairs.map(|(a, b)| (&world, strike(&world, a, b)));
        let in_duel = [(0, 1), (1, 0)].map(|(a, b)| (&duel, strike(&duel, a, b)));
        let mut reused = PairScratch::default();
        let draws = in_world
            .iter()
            .zip(in_duel.iter().cycle())
            .flat_map(|(w, d)| [d, w]);
        for (t, (scenario, x)) in draws.enumerate() {
            let sample = |pair: &mut PairScratch| {
                let everything = Drawn::everything();
                sample_planned_exchange(
                    scenario,
                    x,
                    false,
                    &everything,
                    pair,
                    &mut Draw::new(8, t as u64),
                )
                .unwrap()
            };
            assert_eq!(
                sample(&mut reused),
                sample(&mut PairScratch::default()),
                "draw {t}"
            );
        }
    }

    /// Two sides of silos and road-mobile launchers (the second side's found with
    /// probability 0.9, with a missile defense), the CEPs, one hardness and the
    /// interceptors' SSPK uncertain.
    fn uncertain_duel() -> Scenario {
        use crate::defense::{Coverage, MissileDefenseLayer};
        use crate::model::{Basing, ValueModel, ValueUnit};
        use params::{Distribution, UncertainInput};
        let side = |name: &str| {
            let mut mobile =
                ForceElement::ballistic("mobile", Basing::RoadMobile, 40, 1, 800.0, 250.0);
            mobile.detection_probability = 0.9;
            mobile.aimpoint_hardness_psi = 30.0;
            mobile.reliability = 0.85;
            Side {
                name: name.into(),
                value: ValueModel {
                    unit: ValueUnit::EquivalentMegatons,
                    w80: 200.0,
                },
                forces: vec![
                    ForceElement::ballistic("silo", Basing::Silo, 60, 3, 300.0, 150.0),
                    mobile,
                ],
                missile_defenses: vec![],
                air_defenses: vec![],
                warhead_storage: vec![],
            }
        };
        let mut b = side("B");
        b.missile_defenses.push(MissileDefenseLayer {
            name: "bmd".into(),
            interceptors: 20,
            interceptor_sspk: 0.5,
            doctrine: FiringDoctrine::Salvo { shots: 2 },
            discrimination: 0.7,
            covers: Coverage::Both,
        });
        let triangular = |low, mode, high| Distribution::Triangular { low, mode, high };
        let uncertain = [
            ("side[A].force[silo].cep_m", triangular(100.0, 150.0, 250.0)),
            ("side[B].force[silo].cep_m", triangular(100.0, 150.0, 250.0)),
            (
                "side[B].force[mobile].aimpoint_hardness_psi",
                triangular(10.0, 30.0, 60.0),
            ),
            (
                "side[B].missile_defense[bmd].interceptor_sspk",
                triangular(0.3, 0.5, 0.7),
            ),
        ]
        .map(|(path, distribution)| UncertainInput {
            paths: vec![path.into()],
            distribution,
        });
        Scenario {
            name: "duel".into(),
            description: String::new(),
            sides: vec![side("A"), b],
            options: Default::default(),
            uncertain: uncertain.to_vec(),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Informed planning's lean strikes (no outcome accounting) are the full analysis's:
        /// the same postures, classes, plan, stop and stop point, on random duels and regimes.
        #[test]
        fn lean_strikes_are_the_full_analysis_strikes(
            launchers in [1u32..200, 1..200],
            warheads in [1u32..6, 1..6],
            cep_m in [40.0..600.0f64, 40.0..600.0],
            hardness_psi in [5.0..3000.0f64, 5.0..3000.0],
            mobile_hardness_psi in 2.0..100.0f64,
            reliability in 0.5..1.0f64,
            interceptors in 0u32..200,
            generated in [proptest::bool::ANY, proptest::bool::ANY],
            launch_under_attack in [proptest::bool::ANY, proptest::bool::ANY],
        ) {
            let mut scenario = uncertain_duel();
            for (s, side) in scenario.sides.iter_mut().enumerate() {
                let silo = &mut side.forces[0];
                silo.launchers = launchers[s];
                silo.warheads_per_launcher = warheads[s];
                silo.cep_m = Some(cep_m[s]);
                silo.aimpoint_hardness_psi = hardness_psi[s];
                side.forces[1].aimpoint_hardness_psi = mobile_hardness_psi;
                side.forces[1].reliability = reliability;
            }
            scenario.sides[1].missile_defenses[0].interceptors = interceptors;
            let alert = generated.map(|g| if g { Alert::Generated } else { Alert::DayToDay });
            let options = AnalysisOptions { alert, launch_under_attack };
            let mut workspace = exchange::Workspace::default();
            let full = stability::analyze_stop_only_with(&scenario, options, &mut workspace);
            let Ok(full) = full else { return Ok(()) };
            let mut lean = full.exchanges.each_ref().map(PlannedStrike::new);
            // Planned again in the same workspace, as a job's later trials are.
            for x in &mut lean {
                x.plan.clear();
                x.classes.clear();
                x.stop = usize::MAX;
            }
            stability::plan_strikes_validated(&scenario, options, &mut workspace, &mut lean, None)
                .unwrap();
            for (lean, x) in lean.iter().zip(&full.exchanges) {
                proptest::prop_assert_eq!(lean, &PlannedStrike::new(x));
            }
            // Planned again with the kill probabilities and value units from a job's memo (as
            // informed planning's later trials are), with everything drawn and with the duel's
            // draws (its undrawn values kept from an earlier trial).
            for drawn in [memo::Drawn::everything(), Inputs::new(&scenario).drawn] {
                let mut memo = memo::Memo::default();
                let _ = memo.for_planning(&scenario, &drawn);
                memo.next_trial();
                let ([mut a, mut b], units) = memo.for_planning(&scenario, &drawn);
                let kills: [&mut exchange::ConditionalKills; 2] =
                    [&mut |w, t| a.get(w, t), &mut |w, t| b.get(w, t)];
                let mut lean = lean.clone();
                for x in &mut lean {
                    x.plan.clear();
                    x.stop = usize::MAX;
                }
                stability::plan_strikes_validated(
                    &scenario,
                    options,
                    &mut workspace,
                    &mut lean,
                    Some((kills, units)),
                )
                .unwrap();
                for (lean, x) in lean.iter().zip(&full.exchanges) {
                    proptest::prop_assert_eq!(lean, &PlannedStrike::new(x));
                }
            }
        }
    }

    /// The stock buffer a job reuses holds, after each refill, the striker stock the analysis
    /// computes, whatever it held before (a longer side's stock, the other alert's).
    #[test]
    fn a_refilled_stock_buffer_holds_the_striker_stock() {
        let mut scenario = uncertain_duel();
        let mut bomber = scenario.sides[0].forces[1].clone();
        bomber.name = "third".into();
        bomber.launchers = 7;
        bomber.warheads_per_launcher = 4;
        scenario.sides[0].forces.push(bomber);
        let options = &scenario.options;
        let mut stock = vec![f64::NAN; 9];
        for side in [&scenario.sides[0], &scenario.sides[1], &scenario.sides[0]] {
            for alert in [Alert::Generated, Alert::DayToDay] {
                exchange::striker_stock_into(side, alert, options, &mut stock);
                let expected = exchange::striker_stock(side, alert, options);
                assert_eq!(stock, expected, "{} at {alert:?}", side.name);
                assert!(stock.iter().all(|&w| w > 0.0));
            }
        }
    }

    /// Trials drawn one after another in one job (its scenario copy, workspace, buffers and
    /// memos reused) equal trials each drawn in a fresh job, under both plannings.
    #[test]
    fn a_reused_job_draws_the_trials_a_fresh_one_draws() {
        let scenario = uncertain_duel();
        let options = AnalysisOptions::default();
        let report = stability::analyze(&scenario, options).unwrap();
        assert!(Inputs::new(&scenario).range_only);
        for plan in [Some(&report), None] {
            let trials = Trials::new(&scenario, plan, options, 5);
            let mut job = Job::default();
            for t in 0..40 {
                let reused = trials.trial(&mut job, t).unwrap();
                let fresh = run_trial(&scenario, plan, options, 5, t).unwrap();
                assert_eq!(reused, fresh, "trial {t}");
            }
        }
    }

    /// A job state that served another run's trials (another scenario) is not reused for
    /// this run's: its trials are this run's fresh trials.
    #[test]
    fn a_job_moved_to_another_run_starts_afresh() {
        let first = uncertain_duel();
        let mut second = uncertain_duel();
        second.sides[0].forces[0].cep_m = Some(90.0);
        second.uncertain.remove(0);
        let options = AnalysisOptions::default();
        let mut job = Job::default();
        for t in 0..5 {
            Trials::new(&first, None, options, 2)
                .trial(&mut job, t)
                .unwrap();
            let moved = Trials::new(&second, None, options, 2)
                .trial(&mut job, t)
                .unwrap();
            assert_eq!(moved, run_trial(&second, None, options, 2, t).unwrap());
        }
    }

    /// Informed planning validates every drawn scenario when a draw can break a rule besides
    /// its field's range: warheads per launcher drawn above the most a launcher can carry.
    #[test]
    fn drawn_counts_are_validated_in_every_trial() {
        let mut scenario = uncertain_duel();
        scenario.sides[0].forces[0]
            .accountability
            .max_warheads_per_launcher = Some(3);
        scenario.uncertain.push(params::UncertainInput {
            paths: vec!["side[A].force[silo].warheads_per_launcher".into()],
            distribution: params::Distribution::Uniform {
                low: 1.0,
                high: 4.0,
            },
        });
        let inputs = Inputs::new(&scenario);
        assert!(!inputs.range_only);
        // One job: a trial drawn after a valid one is validated too.
        let mut job = Job::default();
        let options = AnalysisOptions::default();
        let outcomes: Vec<Result<Trial, EngineError>> = (0..60)
            .map(|t| trial_on(&scenario, &inputs, &mut job, None, options, 3, t))
            .collect();
        let first_valid = outcomes.iter().position(Result::is_ok).unwrap();
        let error = outcomes[first_valid..]
            .iter()
            .find_map(|o| o.as_ref().err())
            .expect("a drawn count above the most a launcher carries")
            .to_string();
        assert!(error.contains("max_warheads_per_launcher"), "{error}");
    }

    /// The binomial draws, to the bit, of the recursive form they had (p above one half drawn
    /// as n minus a draw at 1 - p, each trial one by one as a Bernoulli draw): the numbers a
    /// seed gives must not change.
    #[test]
    fn binomial_draws_are_those_of_the_recursive_form() {
        fn recursive(draw: &mut Draw, n: u32, p: f64) -> u32 {
            if n == 0 || p <= 0.0 {
                return 0;
            }
            if p >= 1.0 {
                return n;
            }
            if p > 0.5 {
                return n - recursive(draw, n, 1.0 - p);
            }
            if n <= SMALL_BINOMIAL {
                return (0..n).filter(|_| draw.bernoulli(p)).count() as u32;
            }
            if f64::from(n) * p < binomial::BTRD_LEAST_MEAN {
                return draw.binomial_by_inversion(n, p);
            }
            binomial::Btrd::new(n, p).sample(&mut || draw.uniform())
        }
        let (mut a, mut b) = (Draw::new(11, 4), Draw::new(11, 4));
        for i in 0..20_000u32 {
            let n = [0, 1, 3, 8, 9, 30, 200, 5_000][(i % 8) as usize] + i % 5;
            let p = [0.0, 1e-9, 0.05, 0.3, 0.5, 0.5 + 1e-12, 0.7, 0.97, 1.0][(i % 9) as usize];
            assert_eq!(a.binomial(n, p), recursive(&mut b, n, p), "n {n}, p {p}");
        }
        assert_eq!(
            a.uniform().to_bits(),
            b.uniform().to_bits(),
            "the same stream after"
        );
    }

    /// Hypergeometric draws, to the bit, of the recursive form they had (each symmetry a call
    /// back into the checks): the numbers a seed gives must not change.
    #[test]
    fn hypergeometric_draws_are_those_of_the_recursive_form() {
        fn recursive(draw: &mut Draw, total: u32, successes: u32, draws: u32) -> u32 {
            if draws == 0 || successes == 0 {
                return 0;
            }
            if successes == total {
                return draws;
            }
            if draws == total {
                return successes;
            }
            if draws > total - draws {
                return successes - recursive(draw, total, successes, total - draws);
            }
            if successes > total - successes {
                return draws - recursive(draw, total, total - successes, draws);
            }
            draw.hypergeometric_walk(total, successes, draws)
        }
        let (mut a, mut b) = (Draw::new(5, 8), Draw::new(5, 8));
        for total in 0..40 {
            for successes in 0..=total {
                for draws in 0..=total {
                    assert_eq!(
                        a.hypergeometric(total, successes, draws),
                        recursive(&mut b, total, successes, draws),
                        "({total}, {successes}, {draws})"
                    );
                }
            }
        }
        assert_eq!(
            a.uniform().to_bits(),
            b.uniform().to_bits(),
            "the same stream after"
        );
    }

    /// The floor without the library call is the floor, to the bit, from 0 to beyond 2^53,
    /// at and next to whole numbers, and for NaN and infinity.
    #[test]
    fn floor_of_non_negative_is_the_floor() {
        let mut values = vec![
            0.0,
            0.25,
            0.5,
            0.999_999_999,
            1.0,
            7.5,
            1e15 + 0.5,
            f64::INFINITY,
        ];
        for power in [1u32, 10, 31, 32, 51, 52, 53, 60, 63, 64, 80] {
            let x = 2f64.powi(power as i32);
            values.extend([x.next_down(), x, x.next_up(), x + 0.5]);
        }
        for x in values {
            assert_eq!(
                floor_of_non_negative(x).to_bits(),
                x.floor().to_bits(),
                "{x}"
            );
        }
        assert!(floor_of_non_negative(f64::NAN).is_nan());
        let mut draw = Draw::new(2, 9);
        assert_eq!(draw.whole(f64::INFINITY), u32::MAX);
        assert_eq!(draw.whole(f64::NAN), 0);
        assert_eq!(draw.whole(-3.5), 0);
        assert_eq!(draw.whole(12.0), 12);
    }

    #[test]
    fn binomial_draws_handle_the_edges() {
        let mut draw = Draw::new(1, 1);
        assert_eq!(draw.binomial(0, 0.5), 0);
        assert_eq!(draw.binomial(1_000, 0.0), 0);
        assert_eq!(draw.binomial(1_000, 1.0), 1_000);
        // Mean n p: 1e6 trials at 0.4, sd about 490.
        let k = f64::from(draw.binomial(1_000_000, 0.4));
        assert!((k - 400_000.0).abs() < 5.0 * 490.0, "{k}");
    }
}
