//! Published breakout estimates, the schedule's bookkeeping, and invariants on random cases.

mod common;

use common::{plant_case, stock};
use proptest::prelude::*;
use reykjavik_fissile::breakout::{Source, Stop, compute};
use reykjavik_fissile::case::{BatchScheme, Case, NaturalFeed, SignificantQuantity};
use reykjavik_fissile::solve;
use reykjavik_fissile::uncertain::Uncertain;

fn months(case: &Case) -> Option<f64> {
    compute(case, &case.central()).months_to_first()
}

#[test]
fn heinonen_2015_nine_thousand_ir1_from_natural_uranium() {
    // Heinonen, Washington Institute, 28 Mar 2015: 9,000 IR-1 at 1 SWU/yr, natural feed, about
    // 27 kg at > 90 %: 6 to 7 months. Assumed: ideal cascades (efficiency 1), 0.3 % tails.
    let case = plant_case(9000.0, 1.0, 1.0, SignificantQuantity::Heinonen27);
    let t = months(&case).unwrap();
    assert!((6.0..=7.0).contains(&t), "{t}");
}

#[test]
fn heinonen_2015_eighteen_thousand_ir1_about_three_months() {
    // Same source: 18,000 IR-1: about 3 months (read as 2.5 to 3.5, the source's rounding).
    let case = plant_case(18000.0, 1.0, 1.0, SignificantQuantity::Heinonen27);
    let t = months(&case).unwrap();
    assert!((2.5..=3.5).contains(&t), "{t}");
}

#[test]
fn ideal_arithmetic_of_the_jcpoa_configuration() {
    // validation-next.md B4 [C]: 5,000 SWU/yr, 25 kg of 90 %: natural route 11.6 months,
    // crediting 202.8 kg of 3.67 % LEU about 9.3.
    let natural = plant_case(5000.0, 1.0, 1.0, SignificantQuantity::WeaponGrade25);
    assert!((months(&natural).unwrap() - 11.6).abs() < 0.05);
    let mut with_leu = natural.clone();
    with_leu.stocks.push(stock("LEU", 0.0367, 202.8));
    assert!((months(&with_leu).unwrap() - 9.3).abs() < 0.05);
}

#[test]
fn a_small_stock_runs_out_and_natural_uranium_tops_up() {
    let mut case = plant_case(5060.0, 1.0, 1.0, SignificantQuantity::WeaponGrade25);
    case.stocks.push(stock("LEU", 0.0367, 202.8));
    let breakout = compute(&case, &case.central());
    let draws = &breakout.schedule.quantities[0].draws;
    assert_eq!(draws.len(), 2);
    assert_eq!(draws[0].source, Source::Stock(0));
    assert!(draws[0].exhausted);
    assert!((draws[0].feed_kg - 202.8).abs() < 1e-9);
    assert_eq!(draws[1].source, Source::NaturalUranium);
    assert!(!draws[1].exhausted);
    let product: f64 = draws.iter().map(|d| d.product_kg).sum();
    assert!((product - 25.0).abs() < 1e-9);
}

#[test]
fn highest_enrichment_stock_is_used_first() {
    // Iran, November 2021: 17.7 kg at 60 % and 113.8 kg at 20 %, listed low first.
    let mut case = plant_case(5060.0, 1.0, 1.0, SignificantQuantity::WeaponGrade25);
    case.stocks = vec![stock("20 %", 0.2, 113.8), stock("60 %", 0.6, 17.7)];
    let breakout = compute(&case, &case.central());
    let draws = &breakout.schedule.quantities[0].draws;
    assert_eq!(draws[0].source, Source::Stock(1));
    assert_eq!(draws[1].source, Source::Stock(0));
}

#[test]
fn n_quantities_come_one_after_another_and_stop_when_feed_runs_out() {
    let mut case = plant_case(5060.0, 1.0, 1.0, SignificantQuantity::WeaponGrade25);
    case.quantities = 3;
    case.natural = None;
    case.stocks.push(stock("20 %", 0.2, 250.0));
    let breakout = compute(&case, &case.central());
    // 250 kg of 20 % at 0.3 % tails makes 250 x 0.197 / 0.897 = 54.9 kg of 90 %: two SQs.
    assert_eq!(breakout.schedule.quantities.len(), 2);
    let Stop::FeedExhausted { made, short_kg } = breakout.schedule.stop else {
        panic!("{:?}", breakout.schedule.stop)
    };
    assert_eq!(made, 2);
    assert!(
        (short_kg - (75.0 - 250.0 * 0.197 / 0.897)).abs() < 1e-6,
        "{short_kg}"
    );
    let q = &breakout.schedule.quantities;
    assert!(q[1].months > q[0].months);
}

#[test]
fn no_capacity_is_a_clear_result_not_a_nan() {
    let case = plant_case(0.0, 1.0, 1.0, SignificantQuantity::Iaea);
    let breakout = compute(&case, &case.central());
    assert_eq!(breakout.schedule.stop, Stop::NoCapacity);
    assert_eq!(breakout.months_to_first(), None);
    let mut no_feed = plant_case(1000.0, 1.0, 1.0, SignificantQuantity::Iaea);
    no_feed.natural = None;
    let result = compute(&no_feed, &no_feed.central());
    assert!(matches!(
        result.schedule.stop,
        Stop::FeedExhausted { made: 0, .. }
    ));
}

#[test]
fn a_batch_scheme_is_chosen_only_where_it_is_faster() {
    let mut case = plant_case(5060.0, 1.0, 0.6, SignificantQuantity::WeaponGrade25);
    case.stocks.push(stock("LEU", 0.035, 10_000.0));
    case.schemes.push(BatchScheme {
        name: "3.5-20-60-90".into(),
        levels: vec![0.2, 0.6],
        tails: vec![0.00711, 0.1],
        efficiency: Uncertain::Fixed(0.9),
        setup_months: Some(Uncertain::Fixed(0.0)),
    });
    let breakout = compute(&case, &case.central());
    assert_eq!(breakout.schedule.scheme, Some(0));
    assert_eq!(breakout.schedule.quantities[0].draws[0].steps.len(), 3);
    // With the same efficiency, passes through intermediate levels lose to the direct route
    // (mixing losses), so the direct route is kept.
    case.plants[0].efficiency = Uncertain::Fixed(0.9);
    assert_eq!(compute(&case, &case.central()).schedule.scheme, None);
}

#[test]
fn solver_finds_the_stock_cap_for_a_twelve_month_breakout() {
    let mut case = plant_case(5060.0, 1.0, 0.75, SignificantQuantity::WeaponGrade25);
    case.stocks.push(stock("LEU", 0.0367, 202.8));
    let solution = solve::solve(&case, "stock[LEU].mass_kg", 12.0).unwrap();
    let t = solution.months.unwrap();
    assert!((t - 12.0).abs() < 1e-6, "{t}");
    // 202.8 kg gives 12.27 months at this efficiency, so the cap lies above it.
    assert!(
        solution.value > 202.8 && solution.value < 400.0,
        "{}",
        solution.value
    );
    // Machines: the largest whole count that keeps the breakout at 12 months or more.
    let machines = solve::solve(&case, "plant[0].machines", 12.0).unwrap();
    assert_eq!(machines.value.fract(), 0.0);
    assert!(machines.months.unwrap() >= 12.0);
    let mut one_more = case.clone();
    one_more.plants[0].machines = machines.value + 1.0;
    assert!(months(&one_more).unwrap() < 12.0);
}

#[test]
fn solver_says_clearly_when_no_value_reaches_the_target() {
    let case = plant_case(5060.0, 1.0, 1.0, SignificantQuantity::WeaponGrade25);
    // Setup alone cannot make the breakout shorter than the enrichment itself.
    let err = solve::solve(&case, "setup_months", 1.0).unwrap_err();
    assert!(
        err.to_string().contains("no value of `setup_months`"),
        "{err}"
    );
    let err = solve::solve(&case, "plant[0].colour", 12.0).unwrap_err();
    assert!(err.to_string().contains("no field"), "{err}");
}

fn random_case() -> impl Strategy<Value = Case> {
    (
        0.0..20_000.0f64,
        0.3..5.0f64,
        0.1..=1.0f64,
        prop::collection::vec((0.008..0.85f64, 0.0..2_000.0f64), 0..4),
        any::<bool>(),
        1u32..5,
    )
        .prop_map(|(machines, swu, efficiency, stocks, natural, n)| {
            let mut case = plant_case(machines, swu, efficiency, SignificantQuantity::Iaea);
            case.quantities = n;
            case.natural = natural.then_some(NaturalFeed { limit_kg: None });
            case.stocks = stocks
                .into_iter()
                .enumerate()
                .map(|(i, (assay, kg))| stock(&format!("s{i}"), assay, kg))
                .collect();
            case
        })
}

/// Months to each quantity, infinite where it is not made.
fn timeline(case: &Case) -> Vec<f64> {
    let breakout = compute(case, &case.central());
    (0..case.quantities as usize)
        .map(|i| {
            breakout
                .schedule
                .quantities
                .get(i)
                .map_or(f64::INFINITY, |q| q.months)
        })
        .collect()
}

fn never_longer(more: &[f64], less: &[f64]) -> bool {
    more.iter().zip(less).all(|(a, b)| *a <= b * (1.0 + 1e-9))
}

proptest! {
    #[test]
    fn more_machines_never_lengthen_the_breakout(case in random_case(), extra in 0.0..10_000.0f64) {
        let mut more = case.clone();
        more.plants[0].machines += extra;
        prop_assert!(never_longer(&timeline(&more), &timeline(&case)));
    }

    #[test]
    fn larger_stocks_never_lengthen_the_breakout(case in random_case(), extra in 0.0..1_000.0f64, which in 0usize..4) {
        prop_assume!(!case.stocks.is_empty());
        let i = which % case.stocks.len();
        let mut more = case.clone();
        more.stocks[i].mass_kg = Uncertain::Fixed(case.stocks[i].mass_kg.central() + extra);
        prop_assert!(never_longer(&timeline(&more), &timeline(&case)));
    }

    #[test]
    fn higher_stock_enrichment_never_lengthens_the_breakout(case in random_case(), raise in 0.0..0.5f64, which in 0usize..4) {
        prop_assume!(!case.stocks.is_empty());
        let i = which % case.stocks.len();
        let mut richer = case.clone();
        richer.stocks[i].assay = (case.stocks[i].assay + raise).min(0.89);
        prop_assert!(never_longer(&timeline(&richer), &timeline(&case)));
    }

    #[test]
    fn mass_balance_closes_for_every_step(case in random_case()) {
        let breakout = compute(&case, &case.central());
        for quantity in &breakout.schedule.quantities {
            prop_assert!(quantity.months.is_finite() && quantity.swu >= 0.0);
            for draw in &quantity.draws {
                for step in &draw.steps {
                    prop_assert!(step.mass_balance_error() <= 1e-9 * step.feed_kg.max(1.0));
                }
                for pair in draw.steps.windows(2) {
                    prop_assert!((pair[0].product_kg - pair[1].feed_kg).abs() <= 1e-9 * pair[1].feed_kg.max(1.0));
                }
            }
            let product: f64 = quantity.draws.iter().map(|d| d.product_kg).sum();
            prop_assert!((product - breakout.quantity_kg).abs() <= 1e-6 * breakout.quantity_kg);
        }
    }

    #[test]
    fn stock_feed_never_exceeds_the_stock(case in random_case()) {
        let breakout = compute(&case, &case.central());
        for (i, s) in case.stocks.iter().enumerate() {
            let used: f64 = breakout.schedule.quantities.iter()
                .flat_map(|q| &q.draws)
                .filter(|d| d.source == Source::Stock(i))
                .map(|d| d.feed_kg)
                .sum();
            prop_assert!(used <= s.mass_kg.central() * (1.0 + 1e-9));
        }
    }
}

fn uncertain_case() -> Case {
    let mut case = plant_case(5060.0, 1.0, 1.0, SignificantQuantity::WeaponGrade25);
    case.plants[0].swu_per_machine_year = Uncertain::Triangular {
        low: 0.75,
        mode: 1.0,
        high: 1.08,
    };
    case.plants[0].efficiency = Uncertain::Uniform {
        low: 0.6,
        high: 1.0,
    };
    case.stocks.push(stock("LEU", 0.0367, 202.8));
    case.stocks[0].mass_kg = Uncertain::Uniform {
        low: 100.0,
        high: 300.0,
    };
    case
}

#[test]
fn monte_carlo_trials_do_not_depend_on_the_thread_count() {
    let case = uncertain_case();
    let on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| reykjavik_fissile::montecarlo::run(&case, 500, 42))
    };
    let one = on(1);
    assert_eq!(one, on(2));
    assert_ne!(one, reykjavik_fissile::montecarlo::run(&case, 500, 43));
}

#[test]
fn monte_carlo_spans_the_range_the_inputs_allow() {
    // Fastest: 1.08 SWU, efficiency 1, 300 kg of LEU; slowest: 0.75 SWU, 0.6, 100 kg.
    let case = uncertain_case();
    let bound = |swu: f64, eff: f64, kg: f64| {
        let mut c = plant_case(5060.0, swu, eff, SignificantQuantity::WeaponGrade25);
        c.stocks.push(stock("LEU", 0.0367, kg));
        months(&c).unwrap()
    };
    let (fastest, slowest) = (bound(1.08, 1.0, 300.0), bound(0.75, 0.6, 100.0));
    let trials = reykjavik_fissile::montecarlo::run(&case, 4000, 1);
    let values: Vec<f64> = trials.iter().map(|t| t.months_to_first.unwrap()).collect();
    let s = reykjavik_fissile::montecarlo::summarize(&values).unwrap();
    assert!(
        s.min >= fastest && s.max <= slowest,
        "{s:?} {fastest} {slowest}"
    );
    assert!(s.p05 < months(&case).unwrap() && months(&case).unwrap() < s.p95);
}
