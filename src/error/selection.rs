//! Why a selection under frames cannot be made (see [`crate::prioritisation::selection`]).

use serde::Serialize;

use crate::money::Money;

/// A selection problem that is malformed or has no solution. Candidates and frames are named by their ids in the
/// problem (an initiative's case number, a frame's year). The `kind` and the fields are what the UI translates.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error, strum::IntoStaticStr, strum::VariantNames)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SelectionError {
    #[error("candidate '{candidate}' appears twice")]
    DuplicateId { candidate: String },
    #[error("candidate '{candidate}' refers to unknown candidate '{other}' in {field}")]
    UnknownReference { candidate: String, field: &'static str, other: String },
    #[error("candidate '{candidate}' has a cost against '{frame}', which is not a frame")]
    UnknownFrame { candidate: String, frame: String },
    #[error("candidate '{candidate}' has a negative value or cost")]
    Negative { candidate: String },
    #[error("frame '{frame}' is negative")]
    NegativeFrame { frame: String },
    #[error("candidate '{candidate}' is both mandatory and excluded")]
    MandatoryAndExcluded { candidate: String },
    #[error("infeasible: the mandatory items ({items}) cost {cost} against '{frame}', but the frame is {limit}")]
    MandatoryOverFrame { items: String, frame: String, cost: Money, limit: Money },
    #[error("infeasible: mandatory '{mandatory}' requires '{excluded}', which is excluded")]
    MandatoryNeedsExcluded { mandatory: String, excluded: String },
    #[error("infeasible: mandatory '{first}' and mandatory '{second}' exclude each other")]
    MandatoryConflict { first: String, second: String },
    #[error("infeasible: no selection satisfies the frames and rules")]
    Infeasible,
    #[error("the solver failed: {detail}")]
    Solver { detail: String },
    #[error("{count} candidates or frames are more than {limit}, the most one selection takes")]
    TooMany { count: usize, limit: usize },
    #[error("candidate '{candidate}' has a value that is not a finite number")]
    NotFinite { candidate: String },
}

impl SelectionError {
    /// Whether the error says no selection exists (rather than that the input or a solver failed).
    pub fn is_infeasibility(&self) -> bool {
        matches!(
            self,
            SelectionError::Infeasible
                | SelectionError::MandatoryOverFrame { .. }
                | SelectionError::MandatoryNeedsExcluded { .. }
                | SelectionError::MandatoryConflict { .. }
        )
    }

    /// The stable key (`mandatory_over_frame`).
    pub fn kind(&self) -> &'static str {
        self.into()
    }
}
