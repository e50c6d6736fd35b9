//! The strategies as small automata: a state, the probability of intending to cooperate in it,
//! and the next state from the two moves made.

use crate::error::EngineError;

/// The strategies of the reciprocity command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strategy {
    TitForTat,
    /// Tit-for-tat that cooperates after a defection with probability `forgiveness`.
    Generous {
        forgiveness: f64,
    },
    /// Tit-for-tat with standing (see the `reciprocity` module comment).
    Contrite,
    /// Win-stay, lose-shift: cooperate iff both made the same move last round.
    Pavlov,
    AlwaysDefect,
    AlwaysCooperate,
    /// Cooperates until the other defects once, then defects for ever.
    Grim,
}

/// The outcome of a round seen by side A: (A cooperated, B cooperated).
pub const OUTCOMES: [(bool, bool); 4] =
    [(true, true), (true, false), (false, true), (false, false)];

impl Strategy {
    /// The command-line names, in the order of the docs.
    pub const NAMES: [&'static str; 7] = ["tft", "gtft", "ctft", "wsls", "alld", "allc", "grim"];

    /// A strategy by name; generous tit-for-tat takes `forgiveness`.
    pub fn from_name(name: &str, forgiveness: f64) -> Option<Self> {
        Some(match name {
            "tft" => Self::TitForTat,
            "gtft" => Self::Generous { forgiveness },
            "ctft" => Self::Contrite,
            "wsls" | "pavlov" => Self::Pavlov,
            "alld" => Self::AlwaysDefect,
            "allc" => Self::AlwaysCooperate,
            "grim" => Self::Grim,
            _ => return None,
        })
    }

    pub fn short_name(&self) -> &'static str {
        match self {
            Self::TitForTat => "tft",
            Self::Generous { .. } => "gtft",
            Self::Contrite => "ctft",
            Self::Pavlov => "wsls",
            Self::AlwaysDefect => "alld",
            Self::AlwaysCooperate => "allc",
            Self::Grim => "grim",
        }
    }

    pub fn long_name(&self) -> &'static str {
        match self {
            Self::TitForTat => "tit-for-tat",
            Self::Generous { .. } => "generous tit-for-tat",
            Self::Contrite => "contrite tit-for-tat",
            Self::Pavlov => "win-stay-lose-shift (Pavlov)",
            Self::AlwaysDefect => "always defect",
            Self::AlwaysCooperate => "always cooperate",
            Self::Grim => "grim trigger",
        }
    }

    /// Every strategy opens in state 0 (cooperative for all but always-defect).
    pub(super) const OPENING: u8 = 0;

    /// Probability of intending to cooperate in `state`.
    pub(super) fn intent(&self, state: u8) -> f64 {
        match (self, state) {
            (Self::AlwaysCooperate, _) => 1.0,
            (Self::AlwaysDefect, _) => 0.0,
            (Self::Generous { forgiveness }, 1) => *forgiveness,
            // Tit-for-tat, grim: 0 cooperative, 1 punishing.
            (Self::TitForTat | Self::Generous { .. } | Self::Grim, s) => {
                f64::from(u8::from(s == 0))
            }
            // Pavlov: bit 0 = own last defection, bit 1 = the other's; same moves -> cooperate.
            (Self::Pavlov, s) => f64::from(u8::from(s & 1 == s >> 1)),
            // Contrite: bit 0 = own standing bad, bit 1 = other's bad; defect only if own good
            // and other's bad.
            (Self::Contrite, s) => f64::from(u8::from(s != 0b10)),
        }
    }

    /// The state after a round with these moves (`true` = cooperated).
    pub(super) fn next(&self, state: u8, own: bool, other: bool) -> u8 {
        match self {
            Self::AlwaysCooperate | Self::AlwaysDefect => 0,
            Self::TitForTat | Self::Generous { .. } => u8::from(!other),
            Self::Grim => u8::from(state == 1 || !other),
            Self::Pavlov => u8::from(!own) | (u8::from(!other) << 1),
            Self::Contrite => {
                let own_good = state & 1 == 0;
                let other_good = state & 0b10 == 0;
                let own_good_next = own || (own_good && !other_good);
                let other_good_next = other || (other_good && !own_good);
                u8::from(!own_good_next) | (u8::from(!other_good_next) << 1)
            }
        }
    }

    /// A short name of a state, for listing closed classes.
    pub fn state_name(&self, state: u8) -> &'static str {
        match (self, state) {
            (Self::AlwaysCooperate | Self::AlwaysDefect, _) => "-",
            (Self::TitForTat | Self::Generous { .. }, 0) => "saw C",
            (Self::TitForTat | Self::Generous { .. }, _) => "saw D",
            (Self::Grim, 0) => "cooperating",
            (Self::Grim, _) => "triggered",
            (Self::Pavlov, 0) => "after CC",
            (Self::Pavlov, 1) => "after DC",
            (Self::Pavlov, 2) => "after CD",
            (Self::Pavlov, _) => "after DD",
            (Self::Contrite, 0) => "both good",
            (Self::Contrite, 1) => "own bad",
            (Self::Contrite, 2) => "other bad",
            (Self::Contrite, _) => "both bad",
        }
    }

    pub(super) fn validate(&self, field: &str) -> Result<(), EngineError> {
        match self {
            Self::Generous { forgiveness } if !(0.0..=1.0).contains(forgiveness) => Err(
                EngineError::invalid(format!("{field}.forgiveness"), *forgiveness, "0 to 1"),
            ),
            _ => Ok(()),
        }
    }
}
