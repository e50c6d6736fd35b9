//! Built-in scenarios, embedded in the binary. Each file carries the source and confidence of
//! every number in its own comments and `source` fields.

/// A scenario that ships with Reykjavik.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub description: &'static str,
    pub toml: &'static str,
}

pub const BUILTINS: &[Builtin] = &[
    Builtin {
        name: "us-russia-2021",
        description: "US and Russian strategic forces in 2021 (Nuclear Notebook, New START data), with A-135 and GMD",
        toml: include_str!("../builtin/us-russia-2021.toml"),
    },
    Builtin {
        name: "kent-thaler-notional",
        description: "Notional teaching posture in the style of RAND R-3765: silos against survivable forces",
        toml: include_str!("../builtin/kent-thaler-notional.toml"),
    },
    Builtin {
        name: "us-china-2010-wu",
        description: "Wu (2020): China's retaliation after a US first strike, 2010 forces (day-to-day and generated)",
        toml: include_str!("../builtin/us-china-2010-wu.toml"),
    },
];

/// Built-ins of three and more sides (issue 10): read by `analyze`, `sweep`, `treaty` and `compare` only, so kept
/// apart from [`BUILTINS`], which every command reads. One set of forces, two scenarios: the
/// `[scenario]` table comes last.
pub const MULTILATERAL: &[Builtin] = &[
    Builtin {
        name: "us-russia-china-2025",
        description: "US, Russian and Chinese strategic forces in 2025 (Nuclear Notebook; China's silo fields loaded as a range)",
        toml: concat!(
            include_str!("../builtin/multilateral/us-russia-china-2025.forces.toml"),
            include_str!("../builtin/multilateral/us-russia-china-2025.scenario.toml")
        ),
    },
    Builtin {
        name: "us-russia-china-2021",
        description: "US, Russian and Chinese strategic forces in 2021 (us-russia-2021 and China's NN-CN21 forces; silo fields empty)",
        toml: include_str!("../builtin/multilateral/us-russia-china-2021.toml"),
    },
    Builtin {
        name: "us-russia-china-2025-beliefs",
        description: "us-russia-china-2025 with China overestimating US silo-killing accuracy (beliefs)",
        toml: concat!(
            include_str!("../builtin/multilateral/us-russia-china-2025.forces.toml"),
            include_str!("../builtin/multilateral/us-russia-china-2025-beliefs.tail.toml")
        ),
    },
];

/// The default scenario of `reykjavik analyze`.
pub const DEFAULT: &str = "us-russia-2021";

/// Every built-in's name, two-side ones first, for messages that list them.
pub fn names() -> String {
    let names: Vec<&str> = BUILTINS
        .iter()
        .chain(MULTILATERAL)
        .map(|b| b.name)
        .collect();
    names.join(", ")
}

pub fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().chain(MULTILATERAL).find(|b| b.name == name)
}
