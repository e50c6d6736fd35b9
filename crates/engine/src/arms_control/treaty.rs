//! Treaty counting: which launchers and warheads a treaty counts, against which limits.
//!
//! New START (2010) as an example of the rules this expresses: deployed ICBMs, SLBMs and heavy
//! bombers count as deployed launchers; ICBM and SLBM warheads count as loaded, each deployed
//! heavy bomber as one warhead; deployed and non-deployed launchers count together under a third
//! limit. The built-in treaty files state the rules; this module only applies them.

use crate::model::{Basing, Delivery, ForceElement, Payload, Side};

/// How a class's deployed warheads are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarheadRule {
    /// The warheads actually loaded (`warheads_per_launcher`).
    AsLoaded,
    /// A fixed number per deployed launcher, whatever it carries (New START bombers: one).
    PerLauncher(u32),
}

/// A class of systems the treaty names (for example "deployed ICBMs"): the force elements whose
/// delivery, basing and payload are all among the listed ones.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemClass {
    pub name: String,
    pub deliveries: Vec<Delivery>,
    pub basings: Vec<Basing>,
    pub payloads: Vec<Payload>,
    pub warheads: WarheadRule,
}

impl SystemClass {
    pub fn matches(&self, force: &ForceElement) -> bool {
        self.deliveries.contains(&force.delivery)
            && self.basings.contains(&force.basing)
            && self.payloads.contains(&force.payload)
    }
}

/// What a limit sums over its classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    DeployedLaunchers,
    DeployedWarheads,
    /// Deployed and non-deployed launchers (and, under disputed counting, the launchers the owner
    /// removed from accountability).
    AllLaunchers,
}

impl Quantity {
    pub fn name(self) -> &'static str {
        match self {
            Self::DeployedLaunchers => "deployed-launchers",
            Self::DeployedWarheads => "deployed-warheads",
            Self::AllLaunchers => "all-launchers",
        }
    }
}

/// One numerical limit: the sum of `quantity` over `classes` (indices into `Treaty::classes`)
/// may not exceed `max`.
#[derive(Debug, Clone, PartialEq)]
pub struct TreatyLimit {
    pub name: String,
    pub quantity: Quantity,
    pub classes: Vec<usize>,
    pub max: u64,
}

/// A treaty as data.
#[derive(Debug, Clone, PartialEq)]
pub struct Treaty {
    pub name: String,
    pub description: String,
    pub sources: Vec<String>,
    /// Each force element is counted in the first class it matches, or not at all.
    pub classes: Vec<SystemClass>,
    pub limits: Vec<TreatyLimit>,
}

/// How disputed systems are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Counting {
    /// As the owner declares: converted launchers are out of accountability.
    #[default]
    Declared,
    /// As the other party counts: launchers the owner removed from accountability (converted SLBM
    /// tubes, bombers converted to non-nuclear, training silos) still count among all launchers
    /// (Russia's position of March 2022).
    Disputed,
}

/// One class's counts for one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassCount {
    pub deployed_launchers: u64,
    pub deployed_warheads: u64,
    pub non_deployed_launchers: u64,
    /// Launchers the owner removed from accountability (counted only under disputed counting).
    pub converted_launchers: u64,
}

impl ClassCount {
    fn add(&mut self, other: ClassCount) {
        self.deployed_launchers += other.deployed_launchers;
        self.deployed_warheads += other.deployed_warheads;
        self.non_deployed_launchers += other.non_deployed_launchers;
        self.converted_launchers += other.converted_launchers;
    }

    /// The quantity a limit sums, under a counting.
    pub fn quantity(&self, quantity: Quantity, counting: Counting) -> u64 {
        match quantity {
            Quantity::DeployedLaunchers => self.deployed_launchers,
            Quantity::DeployedWarheads => self.deployed_warheads,
            Quantity::AllLaunchers => {
                let disputed = match counting {
                    Counting::Declared => 0,
                    Counting::Disputed => self.converted_launchers,
                };
                self.deployed_launchers + self.non_deployed_launchers + disputed
            }
        }
    }
}

/// One limit's count for one side.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitCount {
    pub name: String,
    pub quantity: Quantity,
    pub counted: u64,
    pub max: u64,
}

impl LimitCount {
    /// Room left under the limit (negative: over it).
    pub fn headroom(&self) -> i64 {
        i64::try_from(self.max).unwrap_or(i64::MAX)
            - i64::try_from(self.counted).unwrap_or(i64::MAX)
    }
    pub fn complies(&self) -> bool {
        self.counted <= self.max
    }
}

/// A side's counts under a treaty.
#[derive(Debug, Clone, PartialEq)]
pub struct SideCount {
    pub side: String,
    /// Indexed like `Treaty::classes`.
    pub classes: Vec<ClassCount>,
    pub limits: Vec<LimitCount>,
}

impl SideCount {
    pub fn complies(&self) -> bool {
        self.limits.iter().all(LimitCount::complies)
    }
}

/// The class an element is counted in, if any.
pub fn class_of(treaty: &Treaty, force: &ForceElement) -> Option<usize> {
    treaty.classes.iter().position(|c| c.matches(force))
}

/// One element's contribution to its class.
pub fn element_count(class: &SystemClass, force: &ForceElement) -> ClassCount {
    let deployed = u64::from(force.launchers);
    let warheads = match class.warheads {
        WarheadRule::AsLoaded => u64::from(force.warheads_per_launcher),
        WarheadRule::PerLauncher(n) => u64::from(n),
    };
    ClassCount {
        deployed_launchers: deployed,
        deployed_warheads: deployed * warheads,
        non_deployed_launchers: u64::from(force.accountability.non_deployed_launchers),
        converted_launchers: u64::from(force.accountability.converted_launchers),
    }
}

/// Counts one side under a treaty.
pub fn count(treaty: &Treaty, side: &Side, counting: Counting) -> SideCount {
    let mut classes = vec![ClassCount::default(); treaty.classes.len()];
    for force in &side.forces {
        if let Some(c) = class_of(treaty, force) {
            classes[c].add(element_count(&treaty.classes[c], force));
        }
    }
    let limits = treaty
        .limits
        .iter()
        .map(|limit| LimitCount {
            name: limit.name.clone(),
            quantity: limit.quantity,
            counted: limit
                .classes
                .iter()
                .filter_map(|&c| classes.get(c))
                .map(|count| count.quantity(limit.quantity, counting))
                .sum(),
            max: limit.max,
        })
        .collect();
    SideCount {
        side: side.name.clone(),
        classes,
        limits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ForceElement;

    fn two_class_treaty() -> Treaty {
        let class = |name: &str, basing, warheads| SystemClass {
            name: name.into(),
            deliveries: vec![Delivery::BallisticMissile, Delivery::Aircraft],
            basings: vec![basing],
            payloads: vec![Payload::Nuclear],
            warheads,
        };
        let limit = |quantity, max| TreatyLimit {
            name: quantity_name(quantity),
            quantity,
            classes: vec![0, 1],
            max,
        };
        Treaty {
            name: "t".into(),
            description: String::new(),
            sources: vec![],
            classes: vec![
                class("silos", Basing::Silo, WarheadRule::AsLoaded),
                class("bombers", Basing::AirBase, WarheadRule::PerLauncher(1)),
            ],
            limits: vec![
                limit(Quantity::DeployedLaunchers, 30),
                limit(Quantity::DeployedWarheads, 40),
                limit(Quantity::AllLaunchers, 30),
            ],
        }
    }

    fn quantity_name(q: Quantity) -> String {
        q.name().to_string()
    }

    #[test]
    fn counts_by_class_rule_and_limit_by_hand() {
        let mut silos = ForceElement::ballistic("s", Basing::Silo, 10, 3, 300.0, 100.0);
        silos.accountability.non_deployed_launchers = 5;
        let mut bombers = ForceElement::ballistic("b", Basing::AirBase, 8, 12, 150.0, 30.0);
        bombers.delivery = Delivery::Aircraft;
        bombers.accountability.converted_launchers = 9;
        let unmatched = ForceElement::ballistic("boats", Basing::Submarine, 16, 4, 100.0, 100.0);
        let side = Side {
            name: "A".into(),
            value: crate::model::ValueModel {
                unit: crate::model::ValueUnit::Warheads,
                w80: 100.0,
            },
            forces: vec![silos, bombers, unmatched],
            missile_defenses: vec![],
            air_defenses: vec![],
            warhead_storage: vec![],
        };
        let declared = count(&two_class_treaty(), &side, Counting::Declared);
        // 10 + 8 deployed; 30 + 8 warheads; 18 + 5 non-deployed; boats unmatched.
        let counted: Vec<u64> = declared.limits.iter().map(|l| l.counted).collect();
        assert_eq!(counted, [18, 38, 23]);
        assert!(declared.complies());
        let disputed = count(&two_class_treaty(), &side, Counting::Disputed);
        assert_eq!(disputed.limits[2].counted, 32);
        assert_eq!(disputed.limits[2].headroom(), -2);
        assert!(!disputed.complies());
    }
}
