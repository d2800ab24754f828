//! Problems found while loading or validating data. Every problem names the file and, when
//! it can, the feature, so a planner editing GeoJSON by hand knows where to look.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth fixing; the feature is still drawn.
    Warning,
    /// The feature (or the whole file) is unusable and skipped, or the data breaks a rule.
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// File name relative to `geodata/`.
    pub file: String,
    /// The feature's `id`, or its position in the file (`#3`) when it has none.
    pub feature: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn error(file: &str, feature: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            feature: feature.map(str::to_string),
            message: message.into(),
        }
    }

    pub fn warning(file: &str, feature: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, feature, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match &self.feature {
            Some(id) => write!(f, "{level}: {}: feature {id}: {}", self.file, self.message),
            None => write!(f, "{level}: {}: {}", self.file, self.message),
        }
    }
}
