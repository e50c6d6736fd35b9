//! Typed errors. Fields are named by their path in the breakout file format
//! (`plant[0].efficiency`) so that the scenario layer can point at them.

/// An input the computation cannot use, or a question without an answer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FissileError {
    /// A value outside its valid range.
    #[error("{field} = {value} is out of range (valid: {expected})")]
    OutOfRange {
        field: String,
        value: String,
        expected: String,
    },
    /// A rule that ties fields together is broken (for example tails above the feed assay).
    #[error("{field}: {message}")]
    Rule { field: String, message: String },
    /// `--solve` named a field that does not exist or cannot be solved for.
    #[error("{0}")]
    UnknownField(String),
    /// The solver found no value in range that reaches the target.
    #[error("{0}")]
    NoSolution(String),
}

impl FissileError {
    pub fn out_of_range(field: impl Into<String>, value: f64, expected: &str) -> Self {
        Self::OutOfRange {
            field: field.into(),
            value: value.to_string(),
            expected: expected.to_string(),
        }
    }

    pub fn rule(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Rule {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The field path the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::OutOfRange { field, .. } | Self::Rule { field, .. } => Some(field),
            Self::UnknownField(_) | Self::NoSolution(_) => None,
        }
    }
}
