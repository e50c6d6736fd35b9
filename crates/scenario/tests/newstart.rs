//! us-russia-2021 against the New START data exchange of 1 September 2021 (Arms Control Today,
//! Dec 2021; shared/reference/validation-next.md section 2), counted by the built-in treaty
//! (`reykjavik_scenario::treaty`, `reykjavik_engine::arms_control::treaty`).

use reykjavik_engine::arms_control::treaty::{self, Counting, SideCount, Treaty};
use reykjavik_engine::model::{Alert, Basing, Delivery, ForceElement, Payload, Side};

fn new_start() -> Treaty {
    reykjavik_scenario::treaty::load("new-start").unwrap()
}

/// (deployed launchers, deployed warheads, all launchers) under declared or disputed counting.
fn counted(side: &Side, counting: Counting) -> (u64, u64, u64) {
    let count: SideCount = treaty::count(&new_start(), side, counting);
    let limit = |name: &str| {
        count
            .limits
            .iter()
            .find(|l| l.name.contains(name))
            .unwrap()
            .counted
    };
    (
        limit("deployed ICBMs"),
        limit("deployed warheads"),
        limit("non-deployed"),
    )
}

fn is_heavy_bomber(force: &ForceElement) -> bool {
    let treaty = new_start();
    treaty::class_of(&treaty, force).map(|c| treaty.classes[c].name.as_str())
        == Some("heavy bombers")
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
    bomber.accountability.non_deployed_launchers = 2;
    bomber.accountability.converted_launchers = 7;
    let mut conventional = ForceElement::ballistic("CPS", Basing::Silo, 3, 1, 1.0, 10.0);
    conventional.payload = Payload::Conventional;
    let mut cruise = ForceElement::ballistic("SLCM", Basing::Submarine, 4, 1, 200.0, 30.0);
    cruise.delivery = Delivery::CruiseMissile;
    let mut glide = ForceElement::ballistic("HGV", Basing::Silo, 2, 1, 1000.0, 300.0);
    glide.delivery = Delivery::GlideVehicle;
    let mut silo = ForceElement::ballistic("ICBM", Basing::Silo, 10, 3, 300.0, 120.0);
    silo.accountability.non_deployed_launchers = 4;
    let mut side = us_russia_2021().sides[0].clone();
    side.forces = vec![
        silo,
        ForceElement::ballistic("mobile", Basing::RoadMobile, 9, 2, 100.0, 200.0),
        ForceElement::ballistic("SLBM", Basing::Submarine, 16, 4, 100.0, 100.0),
        glide,
        bomber,
        conventional,
        cruise,
    ];
    // Launchers 10 + 9 + 16 + 2 + 5 + 3 (conventional ICBMs count: CRS 2010); the SLCM does not.
    // Warheads 30 + 18 + 64 + 2 + 3 as loaded and one per bomber (5). All launchers add the 4 + 2
    // non-deployed, and under disputed counting the 7 converted bombers.
    assert_eq!(counted(&side, Counting::Declared), (45, 122, 51));
    assert_eq!(counted(&side, Counting::Disputed), (45, 122, 58));
}

#[test]
fn us_russia_2021_matches_the_1_september_2021_data_exchange() {
    let scenario = us_russia_2021();
    // (deployed launchers, deployed warheads, all launchers): United States, Russia.
    let exchange = [(665, 1_389, 800), (527, 1_458, 742)];
    for (side, expected) in scenario.sides.iter().zip(exchange) {
        let model = counted(side, Counting::Declared);
        for (what, m, e) in [
            ("deployed launchers", model.0, expected.0),
            ("deployed warheads", model.1, expected.1),
            ("all launchers", model.2, expected.2),
        ] {
            assert!(
                within_two_percent(m, e),
                "{}: {m} {what}, data exchange {e}",
                side.name
            );
        }
    }
}

/// The US breakdown of 1 Sep 2020 (STATE-20S): Minuteman III 397 deployed of 454 launchers,
/// Trident II 230 of 280, 48 deployed bombers of 66: exactly 675 deployed and 800 launchers.
#[test]
fn the_us_breakdown_of_1_september_2020_gives_675_and_800() {
    let mut us = us_russia_2021().sides[0].clone();
    let mut set = |name: &str, deployed: u32, non_deployed: u32| {
        let force = us
            .forces
            .iter_mut()
            .find(|f| f.name.starts_with(name))
            .unwrap();
        force.launchers = deployed;
        force.accountability.non_deployed_launchers = non_deployed;
    };
    set("Minuteman III Mk12A", 200, 30);
    set("Minuteman III Mk21", 197, 27);
    set("Trident II D5 (W76-1)", 190, 40);
    set("Trident II D5 (W88)", 40, 10);
    set("B-52H (ALCM, W80-1)", 36, 10);
    set("B-2A (B61-7/B83-1 bombs)", 12, 8);
    let (deployed, _, all) = counted(&us, Counting::Declared);
    assert_eq!((deployed, all), (675, 800));
}

/// Russia's March 2022 position (MID-22M): 56 converted Trident tubes, 41 converted B-52H and 4
/// training silos still count, "101 over" the 800 limit. The US side of us-russia-2021 holds
/// exactly those as `converted_launchers`.
#[test]
fn disputed_counting_puts_the_us_101_over_800() {
    let scenario = us_russia_2021();
    let us = &scenario.sides[0];
    let count = treaty::count(&new_start(), us, Counting::Disputed);
    let launchers = count.limits.iter().find(|l| l.max == 800).unwrap();
    assert_eq!(launchers.headroom(), -101);
    assert!(!count.complies());
    assert!(treaty::count(&new_start(), us, Counting::Declared).complies());
    // Russia declared no conversions: disputed counting changes nothing for it.
    let russia = &scenario.sides[1];
    assert_eq!(
        counted(russia, Counting::Disputed),
        counted(russia, Counting::Declared)
    );
}

#[test]
fn a_bad_treaty_file_is_a_located_error() {
    let text = reykjavik_scenario::treaty::builtin_text("new-start")
        .unwrap()
        .replace("max = 700", "max = -5")
        .replace(
            "classes = [\"ICBMs\", \"SLBMs\", \"heavy bombers\"]\nmax = 1550",
            "classes = [\"ICBMs\", \"cruisers\"]\nmax = 1550",
        );
    let message = reykjavik_scenario::treaty::parse(&text, "t.toml")
        .unwrap_err()
        .to_string();
    assert!(message.contains("limit[0].max"), "{message}");
    assert!(
        message.contains("-5 is out of range (valid: an integer 0 to"),
        "{message}"
    );
    assert!(message.contains("limit[1].classes"), "{message}");
    assert!(message.contains("no class named `cruisers`"), "{message}");
    assert!(message.starts_with("t.toml:"), "{message}");
    let unknown = reykjavik_scenario::treaty::load("salt-3")
        .unwrap_err()
        .to_string();
    assert!(unknown.contains("no built-in treaty"), "{unknown}");
}

/// The treaty counts a bomber once, but in the exchange it carries its loaded weapons:
/// ~300 US and ~200 Russian bomber weapons at the bases (NN-US21, NN-RU22).
#[test]
fn bombers_keep_their_loaded_weapons_in_the_exchange() {
    let scenario = us_russia_2021();
    let expected = [(250, 350), (150, 250)];
    for (side, (low, high)) in scenario.sides.iter().zip(expected) {
        let bombers = side.forces.iter().filter(|f| is_heavy_bomber(f));
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
                .filter(|f| is_heavy_bomber(f))
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
