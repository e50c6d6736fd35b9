//! us-russia-2021 against the New START data exchange of 1 September 2021 (Arms Control Today,
//! Dec 2021; shared/reference/validation-next.md section 2). The counting helper lives here until
//! the engine counts treaties itself (issue 9).
//!
//! New START rules as applied here: deployed ICBMs (ballistic missiles and glide vehicles in silos
//! or on road-mobile launchers), deployed SLBMs (ballistic missiles and glide vehicles on
//! submarines) and deployed heavy bombers count as launchers; ICBM and SLBM warheads count as
//! loaded, each deployed heavy bomber as one warhead. Only nuclear elements count, and the
//! deployed launchers are those at day-to-day alert (`launchers`).

use reykjavik_engine::model::{Alert, Basing, Delivery, ForceElement, Payload, Side};

/// One side's deployed launchers and warheads as New START counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TreatyCount {
    launchers: u64,
    warheads: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Icbm,
    Slbm,
    HeavyBomber,
}

fn category(force: &ForceElement) -> Option<Category> {
    if force.payload != Payload::Nuclear {
        return None;
    }
    let missile = matches!(
        force.delivery,
        Delivery::BallisticMissile | Delivery::GlideVehicle
    );
    match (force.delivery, force.basing) {
        (_, Basing::Silo | Basing::RoadMobile) if missile => Some(Category::Icbm),
        (_, Basing::Submarine) if missile => Some(Category::Slbm),
        (Delivery::Aircraft, _) => Some(Category::HeavyBomber),
        _ => None,
    }
}

fn counted_warheads(force: &ForceElement, category: Category, launchers: u64) -> u64 {
    match category {
        Category::Icbm | Category::Slbm => launchers * u64::from(force.warheads_per_launcher),
        Category::HeavyBomber => launchers,
    }
}

fn new_start_count(side: &Side) -> TreatyCount {
    let mut count = TreatyCount {
        launchers: 0,
        warheads: 0,
    };
    for force in &side.forces {
        if let Some(category) = category(force) {
            let launchers = u64::from(force.launchers_at(Alert::DayToDay));
            count.launchers += launchers;
            count.warheads += counted_warheads(force, category, launchers);
        }
    }
    count
}

fn within_two_percent(model: u64, exchange: u64) -> bool {
    (model as f64 - exchange as f64).abs() <= 0.02 * exchange as f64
}

fn us_russia_2021() -> reykjavik_engine::model::Scenario {
    reykjavik_scenario::load("us-russia-2021").unwrap()
}

#[test]
fn counting_follows_the_treaty_rules() {
    let mut bomber = ForceElement::ballistic("bomber", Basing::AirBase, 5, 6, 150.0, 30.0);
    bomber.delivery = Delivery::Aircraft;
    let mut conventional = ForceElement::ballistic("CPS", Basing::Silo, 3, 1, 1.0, 10.0);
    conventional.payload = Payload::Conventional;
    let mut cruise = ForceElement::ballistic("SLCM", Basing::Submarine, 4, 1, 200.0, 30.0);
    cruise.delivery = Delivery::CruiseMissile;
    let mut glide = ForceElement::ballistic("HGV", Basing::Silo, 2, 1, 1000.0, 300.0);
    glide.delivery = Delivery::GlideVehicle;
    let mut side = us_russia_2021().sides[0].clone();
    side.forces = vec![
        ForceElement::ballistic("ICBM", Basing::Silo, 10, 3, 300.0, 120.0),
        ForceElement::ballistic("mobile", Basing::RoadMobile, 9, 2, 100.0, 200.0),
        ForceElement::ballistic("SLBM", Basing::Submarine, 16, 4, 100.0, 100.0),
        glide,
        bomber,
        conventional,
        cruise,
    ];
    // 10 + 9 + 16 + 2 + 5 launchers; 30 + 18 + 64 + 2 warheads and one per bomber.
    assert_eq!(
        new_start_count(&side),
        TreatyCount {
            launchers: 42,
            warheads: 119
        }
    );
}

#[test]
fn us_russia_2021_matches_the_1_september_2021_data_exchange() {
    let scenario = us_russia_2021();
    // (deployed launchers, deployed warheads): United States, Russia.
    let exchange = [(665, 1_389), (527, 1_458)];
    for (side, (launchers, warheads)) in scenario.sides.iter().zip(exchange) {
        let count = new_start_count(side);
        assert!(
            within_two_percent(count.launchers, launchers),
            "{}: {} deployed launchers, data exchange {launchers}",
            side.name,
            count.launchers
        );
        assert!(
            within_two_percent(count.warheads, warheads),
            "{}: {} deployed warheads, data exchange {warheads}",
            side.name,
            count.warheads
        );
    }
}

/// The treaty counts a bomber once, but in the exchange it carries its loaded weapons:
/// ~300 US and ~200 Russian bomber weapons at the bases (NN-US21, NN-RU22).
#[test]
fn bombers_keep_their_loaded_weapons_in_the_exchange() {
    let scenario = us_russia_2021();
    let expected = [(250, 350), (150, 250)];
    for (side, (low, high)) in scenario.sides.iter().zip(expected) {
        let bombers = side
            .forces
            .iter()
            .filter(|f| category(f) == Some(Category::HeavyBomber));
        let weapons: u64 = bombers.clone().map(|f| f.warheads()).sum();
        let counted: u64 = bombers.map(|f| u64::from(f.launchers)).sum();
        assert!(
            (low..=high).contains(&weapons),
            "{}: {weapons} bomber weapons",
            side.name
        );
        assert!(weapons > counted, "{}: bombers carry one weapon", side.name);
    }
}

/// Dispersal at generated alert moves bombers to other aimpoints; it never adds or removes one.
#[test]
fn bomber_dispersal_keeps_the_number_of_bombers() {
    for side in &us_russia_2021().sides {
        let bombers_at = |alert| -> u32 {
            side.forces
                .iter()
                .filter(|f| category(f) == Some(Category::HeavyBomber))
                .map(|f| f.launchers_at(alert))
                .sum()
        };
        assert_eq!(
            bombers_at(Alert::DayToDay),
            bombers_at(Alert::Generated),
            "{}",
            side.name
        );
    }
}

/// Garrisoned road-mobile ICBMs are one TEL per shelter, not one soft aimpoint per regiment.
#[test]
fn garrisoned_mobiles_are_one_aimpoint_per_shelter() {
    let scenario = us_russia_2021();
    let mobiles: Vec<_> = scenario
        .sides
        .iter()
        .flat_map(|s| &s.forces)
        .filter(|f| f.basing == Basing::RoadMobile)
        .collect();
    assert!(!mobiles.is_empty());
    for force in mobiles {
        assert_eq!(force.launchers_per_aimpoint, 1, "{}", force.name);
    }
}
