//! Validation results that name the field and the broken rule with a stable code.
//!
//! The engine reports *what* is wrong in codes; the CLI prints the English message and the UI maps the codes to
//! Swedish text next to the field.

use std::fmt;

use serde::Serialize;

/// A broken rule. The `code` is stable and is what the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Rule {
    /// The field must have a value.
    Required,
    /// Text longer than `max` characters.
    TooLong { max: usize },
    /// The value does not have the expected form; `expected` shows an example.
    Format { expected: String },
    /// A number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// Another record already has this value.
    Duplicate,
    /// The referenced record does not exist.
    UnknownReference,
    /// A record cannot reference itself, directly or through others.
    Cycle,
    /// The value is not allowed together with another field's value; `reason` is a stable key.
    NotAllowed { reason: String },
    /// The same item is listed twice.
    Repeated,
    /// An amount must not be negative.
    Negative,
    /// An amount beyond [`crate::Money::LIMIT`] (10¹² kr), or a volume beyond the funding comparison's limit.
    TooLarge,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => write!(f, "is required"),
            Rule::TooLong { max } => write!(f, "is longer than {max} characters"),
            Rule::Format { expected } => write!(f, "has the wrong form (expected e.g. {expected})"),
            Rule::OutOfRange { min, max } => write!(f, "must be between {min} and {max}"),
            Rule::Duplicate => write!(f, "is already used by another record"),
            Rule::UnknownReference => write!(f, "refers to a record that does not exist"),
            Rule::Cycle => write!(f, "would make a record its own ancestor"),
            Rule::NotAllowed { reason } => {
                write!(f, "is not allowed ({})", reason.replace('_', " "))
            }
            Rule::Repeated => write!(f, "lists the same item twice"),
            Rule::Negative => write!(f, "must not be negative"),
            Rule::TooLarge => write!(f, "is larger than 1 000 000 000 000"),
        }
    }
}

/// One broken rule on one field. `field` is the field's key, with an index for list items (`costs[2].year`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub rule: Rule,
}

/// All the problems found in one record, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, rule: Rule) {
        self.0.push(FieldError { field: field.into(), rule });
    }

    /// Checks a required, length-limited text.
    pub fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        if required && value.trim().is_empty() {
            self.add(field, Rule::Required);
        } else if value.chars().count() > max {
            self.add(field, Rule::TooLong { max });
        }
    }

    /// Checks an amount that must not be negative nor beyond [`crate::Money::LIMIT`]; `None` is no amount.
    pub fn amount(&mut self, field: impl Into<String>, amount: Option<crate::Money>) {
        match amount {
            Some(a) if a.is_negative() => self.add(field, Rule::Negative),
            Some(a) if !a.within_limit() => self.add(field, Rule::TooLarge),
            _ => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// `Ok(())` when nothing was found.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{} {}", e.field, e.rule)?;
        }
        Ok(())
    }
}

/// Longest title or name accepted.
pub const MAX_NAME: usize = 200;
/// Longest free text accepted (descriptions, plans).
pub const MAX_TEXT: usize = 20_000;
