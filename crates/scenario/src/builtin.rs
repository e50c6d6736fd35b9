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

/// The default scenario of `reykjavik analyze`.
pub const DEFAULT: &str = "us-russia-2021";

pub fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}
