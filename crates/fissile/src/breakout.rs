//! The breakout schedule: the time to the 1st, 2nd, ... n-th significant quantity.
//!
//! Stages: [`routes`] lists the direct route and each batch scheme with its capacity and setup
//! delay; [`sources`] turns each stock (and natural uranium) into the feed and separative work
//! per kilogram of final product along a route, cheapest first; [`schedule`] draws on them in
//! that order, one significant quantity after another, at the route's capacity; [`compute`]
//! keeps the route that reaches the first quantity soonest.
//!
//! Why cheapest first minimises time: all separative work runs on one pool of capacity, so the
//! time is the total work divided by the capacity, and the work is linear in the product taken
//! from each stock. Taking product from the stocks in increasing order of work per kilogram is
//! the optimum of that linear programme (a fractional knapsack).

use crate::case::{Case, Inputs};
use crate::enrichment::{Assays, NATURAL_ASSAY, Step};

/// Where feed comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `case.stocks[i]`.
    Stock(usize),
    NaturalUranium,
}

/// Feed taken from one source for one significant quantity, pass by pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub source: Source,
    pub feed_kg: f64,
    pub product_kg: f64,
    pub swu: f64,
    /// The enrichment passes, first (fed from the source) to last (the target assay).
    pub steps: Vec<Step>,
    /// Whether the source ran out during this draw.
    pub exhausted: bool,
}

/// One significant quantity: when it is complete and what it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// 1 for the first significant quantity.
    pub number: u32,
    /// Months from the decision to break out, setup included.
    pub months: f64,
    pub swu: f64,
    pub draws: Vec<Draw>,
}

/// Why a schedule ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// Every requested significant quantity was made.
    Complete,
    /// No separative capacity: nothing can ever be enriched.
    NoCapacity,
    /// The stocks (and any natural uranium) ran out; `made` quantities were completed and
    /// `short_kg` of product was missing for the next one.
    FeedExhausted { made: u32, short_kg: f64 },
}

/// The schedule along one route.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// `None` for the direct route, else the index of the batch scheme.
    pub scheme: Option<usize>,
    pub swu_per_year: f64,
    pub setup_months: f64,
    pub quantities: Vec<Quantity>,
    pub stop: Stop,
}

impl Schedule {
    /// Months to the first significant quantity, if it can be made.
    pub fn months_to_first(&self) -> Option<f64> {
        self.quantities.first().map(|q| q.months)
    }
}

/// The fastest route's schedule and the time to the first quantity on every route.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakout {
    pub schedule: Schedule,
    /// (scheme index or `None` for direct, months to the first quantity) for every route.
    pub routes: Vec<(Option<usize>, Option<f64>)>,
    /// Kilograms of product per significant quantity.
    pub quantity_kg: f64,
}

impl Breakout {
    pub fn months_to_first(&self) -> Option<f64> {
        self.schedule.months_to_first()
    }
}

/// One way to run the plants: its passes, capacity and setup delay.
struct Route<'a> {
    scheme: Option<usize>,
    levels: &'a [f64],
    tails: &'a [f64],
    swu_per_year: f64,
    setup_months: f64,
}

/// A source of feed along a route: the passes it goes through and its costs per kg of product.
struct Supply {
    source: Source,
    remaining_kg: f64,
    passes: Vec<Assays>,
    feed_per_kg: f64,
    swu_per_kg: f64,
}

/// The breakout of `case` with the inputs `inputs` (central values or one draw).
pub fn compute(case: &Case, inputs: &Inputs) -> Breakout {
    let mut best: Option<Schedule> = None;
    let mut times = Vec::new();
    for route in routes(case, inputs) {
        let schedule = schedule(case, inputs, &route);
        let months = schedule.months_to_first();
        times.push((route.scheme, months));
        let faster = match (&best, months) {
            (None, _) => true,
            (Some(b), Some(m)) => b.months_to_first().is_none_or(|t| m < t),
            (Some(_), None) => false,
        };
        if faster {
            best = Some(schedule);
        }
    }
    Breakout {
        schedule: best.expect("the direct route always exists"),
        routes: times,
        quantity_kg: case.quantity_kg(),
    }
}

/// The direct route (the plants' own efficiency and the case's setup), then each batch scheme.
fn routes<'a>(case: &'a Case, inputs: &Inputs) -> Vec<Route<'a>> {
    let direct = Route {
        scheme: None,
        levels: &[],
        tails: &[],
        swu_per_year: inputs.effective_swu_per_year,
        setup_months: inputs.setup_months,
    };
    let batch = case
        .schemes
        .iter()
        .zip(&inputs.schemes)
        .enumerate()
        .map(|(i, (scheme, drawn))| Route {
            scheme: Some(i),
            levels: &scheme.levels,
            tails: &scheme.tails,
            swu_per_year: inputs.rated_swu_per_year * drawn.efficiency,
            setup_months: drawn.setup_months,
        });
    std::iter::once(direct).chain(batch).collect()
}

/// The passes from `assay` to the target along `route`: through every level above the feed.
/// The first pass uses `source_tails` unless the feed sits at or above a level, in which case
/// it is fed like that level's pass.
fn passes(route: &Route, assay: f64, source_tails: f64, target: f64) -> Vec<Assays> {
    let above: Vec<usize> = (0..route.levels.len())
        .filter(|&i| route.levels[i] > assay)
        .collect();
    let below = (0..route.levels.len())
        .rev()
        .find(|&i| route.levels[i] <= assay);
    let mut feed = assay;
    let mut tails = below.map_or(source_tails, |i| route.tails[i]);
    let mut out = Vec::with_capacity(above.len() + 1);
    for &i in &above {
        out.push(Assays {
            feed,
            product: route.levels[i],
            tails,
        });
        feed = route.levels[i];
        tails = route.tails[i];
    }
    out.push(Assays {
        feed,
        product: target,
        tails,
    });
    out
}

/// Every source with its costs along `route`, cheapest separative work per kg first; natural
/// uranium last among equals.
fn sources(case: &Case, inputs: &Inputs, route: &Route) -> Vec<Supply> {
    let stocks = inputs.stocks.iter().enumerate().map(|(i, s)| {
        let passes = passes(route, s.assay, s.tails_assay, case.target_assay);
        (Source::Stock(i), s.uranium_kg, passes)
    });
    let natural = case.natural.as_ref().map(|n| {
        let passes = passes(route, NATURAL_ASSAY, case.tails_assay, case.target_assay);
        let limit = n.limit_kg.unwrap_or(f64::INFINITY);
        (Source::NaturalUranium, limit, passes)
    });
    let mut supplies: Vec<Supply> = stocks
        .chain(natural)
        .filter(|(_, kg, _)| *kg > 0.0)
        .map(|(source, remaining_kg, passes)| {
            let (feed_per_kg, swu_per_kg) = costs_per_kg(&passes);
            Supply {
                source,
                remaining_kg,
                passes,
                feed_per_kg,
                swu_per_kg,
            }
        })
        .collect();
    supplies.sort_by(|a, b| a.swu_per_kg.total_cmp(&b.swu_per_kg));
    supplies
}

/// Feed and separative work per kg of final product through `passes`.
fn costs_per_kg(passes: &[Assays]) -> (f64, f64) {
    let mut product = 1.0;
    let mut swu = 0.0;
    for pass in passes.iter().rev() {
        swu += product * pass.swu_per_product();
        product *= pass.feed_per_product();
    }
    (product, swu)
}

/// The passes that make `product_kg` of final product, first pass first.
fn steps_for(passes: &[Assays], product_kg: f64) -> Vec<Step> {
    let mut product = product_kg;
    let mut steps: Vec<Step> = passes
        .iter()
        .rev()
        .map(|pass| {
            let step = pass.step(product);
            product = step.feed_kg;
            step
        })
        .collect();
    steps.reverse();
    steps
}

/// Significant quantities one after another along `route`, drawing on the cheapest source first.
fn schedule(case: &Case, inputs: &Inputs, route: &Route) -> Schedule {
    let mut out = Schedule {
        scheme: route.scheme,
        swu_per_year: route.swu_per_year,
        setup_months: route.setup_months,
        quantities: Vec::new(),
        stop: Stop::Complete,
    };
    if !(route.swu_per_year > 0.0 && route.swu_per_year.is_finite()) {
        out.stop = Stop::NoCapacity;
        return out;
    }
    let mut supplies = sources(case, inputs, route);
    let mut next = 0;
    let mut swu_so_far = 0.0;
    let quantity_kg = case.quantity_kg();
    for number in 1..=case.quantities {
        let (draws, short_kg) = draw_quantity(&mut supplies, &mut next, quantity_kg);
        if short_kg > 0.0 {
            out.stop = Stop::FeedExhausted {
                made: number - 1,
                short_kg,
            };
            break;
        }
        let swu: f64 = draws.iter().map(|d| d.swu).sum();
        swu_so_far += swu;
        let months = route.setup_months + 12.0 * swu_so_far / route.swu_per_year;
        if !months.is_finite() {
            out.stop = Stop::NoCapacity;
            break;
        }
        out.quantities.push(Quantity {
            number,
            months,
            swu,
            draws,
        });
    }
    out
}

/// Takes `quantity_kg` of product from the supplies in order; returns the draws and the
/// product still missing when every supply is exhausted (0 when complete).
fn draw_quantity(supplies: &mut [Supply], next: &mut usize, quantity_kg: f64) -> (Vec<Draw>, f64) {
    // Below this a remainder is rounding, not material.
    const EPSILON_KG: f64 = 1e-9;
    let mut need = quantity_kg;
    let mut draws = Vec::new();
    while need > EPSILON_KG * quantity_kg {
        let Some(supply) = supplies.get_mut(*next) else {
            return (draws, need);
        };
        let available = supply.remaining_kg / supply.feed_per_kg;
        let take = need.min(available);
        let exhausted = available <= need * (1.0 + EPSILON_KG);
        let steps = steps_for(&supply.passes, take);
        let feed_kg = steps[0].feed_kg;
        supply.remaining_kg = if exhausted {
            0.0
        } else {
            supply.remaining_kg - feed_kg
        };
        draws.push(Draw {
            source: supply.source,
            feed_kg,
            product_kg: take,
            swu: take * supply.swu_per_kg,
            steps,
            exhausted,
        });
        need -= take;
        if exhausted {
            *next += 1;
        }
    }
    (draws, 0.0)
}
