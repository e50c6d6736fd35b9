//! Typed engine errors. The engine never formats file positions: it names the field path and
//! lets the scenario layer find it in the file.

/// An input the engine cannot compute with, or a result that is undefined.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EngineError {
    /// A value outside its valid range. `field` is the path in scenario-format names
    /// (for example `side[1].force[0].launchers`).
    #[error("{field} = {value} is out of range (valid: {expected})")]
    InvalidInput {
        field: String,
        value: String,
        expected: String,
    },
    /// A rule that ties fields together is broken (for example a nuclear element without a yield).
    #[error("{field}: {message}")]
    Rule { field: String, message: String },
    /// A computation without a defined result (with the reason).
    #[error("{0}")]
    Undefined(String),
}

impl EngineError {
    pub fn rule(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Rule {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The field path the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::InvalidInput { field, .. } | Self::Rule { field, .. } => Some(field),
            Self::Undefined(_) => None,
        }
    }

    /// The value is shown short (`1e308`, not 309 digits).
    pub fn invalid(field: impl Into<String>, value: f64, expected: &str) -> Self {
        Self::InvalidInput {
            field: field.into(),
            value: crate::limits::show(value),
            expected: expected.to_string(),
        }
    }
}
