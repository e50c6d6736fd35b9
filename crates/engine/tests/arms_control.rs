//! Invariants of treaty counting and proposals, on random forces (proptest).

use proptest::prelude::*;
use reykjavik_engine::arms_control::proposal::{self, Change, Proposal, Sides};
use reykjavik_engine::arms_control::treaty::{
    self, Counting, Quantity, SystemClass, Treaty, TreatyLimit, WarheadRule,
};
use reykjavik_engine::model::{Basing, Delivery, ForceElement, Payload, Scenario, Side};
use reykjavik_engine::model::{ValueModel, ValueUnit};

/// New START's rules, written out here so the engine is tested without the file format.
fn new_start_like() -> Treaty {
    let class = |name: &str, basing: Vec<Basing>, deliveries, warheads| SystemClass {
        name: name.into(),
        deliveries,
        basings: basing,
        payloads: vec![Payload::Nuclear, Payload::Conventional],
        warheads,
    };
    let missiles = vec![Delivery::BallisticMissile, Delivery::GlideVehicle];
    let limit = |quantity, max| TreatyLimit {
        name: quantity_name(quantity),
        quantity,
        classes: vec![0, 1, 2],
        max,
    };
    Treaty {
        name: "t".into(),
        description: String::new(),
        sources: vec![],
        classes: vec![
            class(
                "ICBMs",
                vec![Basing::Silo, Basing::RoadMobile],
                missiles.clone(),
                WarheadRule::AsLoaded,
            ),
            class(
                "SLBMs",
                vec![Basing::Submarine],
                missiles,
                WarheadRule::AsLoaded,
            ),
            class(
                "bombers",
                vec![Basing::AirBase],
                vec![Delivery::Aircraft],
                WarheadRule::PerLauncher(1),
            ),
        ],
        limits: vec![
            limit(Quantity::DeployedLaunchers, 700),
            limit(Quantity::DeployedWarheads, 1550),
            limit(Quantity::AllLaunchers, 800),
        ],
    }
}

fn quantity_name(q: Quantity) -> String {
    q.name().into()
}

fn element(
    k: usize,
    launchers: u32,
    warheads: u32,
    non_deployed: u32,
    converted: u32,
) -> ForceElement {
    let basing = [
        Basing::Silo,
        Basing::Submarine,
        Basing::AirBase,
        Basing::RoadMobile,
    ][k % 4];
    let mut f =
        ForceElement::ballistic(&format!("e{k}"), basing, launchers, warheads, 300.0, 200.0);
    if basing == Basing::AirBase {
        f.delivery = Delivery::Aircraft;
    }
    f.accountability.non_deployed_launchers = non_deployed;
    f.accountability.converted_launchers = converted;
    f
}

fn side(forces: Vec<ForceElement>) -> Side {
    Side {
        name: "A".into(),
        value: ValueModel {
            unit: ValueUnit::Warheads,
            w80: 100.0,
        },
        forces,
        missile_defenses: vec![],
        air_defenses: vec![],
        warhead_storage: vec![],
    }
}

fn forces() -> impl Strategy<Value = Vec<ForceElement>> {
    prop::collection::vec((0u32..400, 1u32..12, 0u32..100, 0u32..60), 1..7).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(k, (l, w, n, c))| element(k, l, w, n, c))
            .collect()
    })
}

proptest! {
    /// Disputed counting never counts less than declared, and only all-launchers differ.
    #[test]
    fn disputed_counting_adds_only_converted_launchers(forces in forces()) {
        let side = side(forces);
        let t = new_start_like();
        let declared = treaty::count(&t, &side, Counting::Declared);
        let disputed = treaty::count(&t, &side, Counting::Disputed);
        let converted: u64 = side.forces.iter().map(|f| u64::from(f.accountability.converted_launchers)).sum();
        prop_assert_eq!(declared.limits[0].counted, disputed.limits[0].counted);
        prop_assert_eq!(declared.limits[1].counted, disputed.limits[1].counted);
        prop_assert_eq!(disputed.limits[2].counted, declared.limits[2].counted + converted);
        // Deployed launchers never exceed all launchers.
        prop_assert!(declared.limits[0].counted <= declared.limits[2].counted);
    }

    /// A warhead cap leaves at most the cap, never adds a launcher, and cuts nothing when it
    /// does not bind.
    #[test]
    fn a_warhead_cap_never_leaves_more_than_the_cap(forces in forces(), max in 0u64..3000) {
        let base = Scenario {
            name: "s".into(),
            description: String::new(),
            sides: vec![side(forces.clone()), side(forces)],
            options: Default::default(),
            uncertain: vec![],
        };
        let before = base.sides[0].nuclear_warheads();
        let cap = Proposal {
            name: "cap".into(),
            description: String::new(),
            sources: vec![],
            expected: String::new(),
            changes: vec![Change::CapWarheads { sides: Sides::All, max, treaty: None }],
        };
        // A side cut to no launchers at all is still a valid scenario (elements remain).
        let after = proposal::apply(&base, &cap).unwrap();
        let left = after.sides[0].nuclear_warheads();
        prop_assert!(left <= max);
        prop_assert!(left <= before);
        if before <= max {
            prop_assert_eq!(&after.sides, &base.sides);
        }
        for (a, b) in after.sides[0].forces.iter().zip(&base.sides[0].forces) {
            prop_assert!(a.launchers <= b.launchers);
        }
    }
}
