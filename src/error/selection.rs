//! Why a selection under frames cannot be made (see [`crate::prioritisation::selection`]).

use crate::money::Money;

/// A selection problem that is malformed or has no solution.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SelectionError {
    #[error("candidate '{0}' appears twice")]
    DuplicateId(String),
    #[error("candidate '{candidate}' refers to unknown candidate '{other}' in {field}")]
    UnknownReference { candidate: String, field: &'static str, other: String },
    #[error("candidate '{candidate}' has a cost against '{frame}', which is not a frame")]
    UnknownFrame { candidate: String, frame: String },
    #[error("candidate '{0}' has a negative value or cost")]
    Negative(String),
    #[error("frame '{0}' is negative")]
    NegativeFrame(String),
    #[error("candidate '{0}' is both mandatory and excluded")]
    MandatoryAndExcluded(String),
    #[error("infeasible: the mandatory items ({items}) cost {cost} against '{frame}', but the frame is {limit}")]
    MandatoryOverFrame { items: String, frame: String, cost: Money, limit: Money },
    #[error("infeasible: mandatory '{0}' requires '{1}', which is excluded")]
    MandatoryNeedsExcluded(String, String),
    #[error("infeasible: mandatory '{0}' and mandatory '{1}' exclude each other")]
    MandatoryConflict(String, String),
    #[error("infeasible: no selection satisfies the frames and rules")]
    Infeasible,
    #[error("the solver failed: {0}")]
    Solver(String),
    #[error("{count} candidates or frames are more than {limit}, the most one selection takes")]
    TooMany { count: usize, limit: usize },
    #[error("candidate '{0}' has a value that is not a finite number")]
    NotFinite(String),
}
