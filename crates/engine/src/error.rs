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
    /// A computation without a defined result (with the reason).
    #[error("{0}")]
    Undefined(String),
}

impl EngineError {
    pub fn invalid(
        field: impl Into<String>,
        value: impl std::fmt::Display,
        expected: &str,
    ) -> Self {
        Self::InvalidInput {
            field: field.into(),
            value: value.to_string(),
            expected: expected.to_string(),
        }
    }
}
