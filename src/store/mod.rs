//! The portfolio file: one SQLite database that holds everything, and the only way to read or change it.
//!
//! The store opens itself: it checks that a file is ours and healthy before touching it, copies it before a
//! migration, and configures the connection (WAL, foreign keys, busy timeout). Reads go through [`Reader`];
//! every change goes through [`Portfolio::write`], one transaction that also records the change history.

mod actuals;
mod analyses;
pub mod backup;
mod benefits;
mod budget;
mod criteria_sets;
mod decided_frames;
mod decisions;
mod deviations;
mod document_profile;
mod follow_up;
mod funding;
mod history;
mod initiatives;
pub mod location;
mod meetings;
mod members;
mod open;
mod organisations;
mod packages;
mod providers;
mod reader;
mod record;
mod scenarios;
pub mod schema;
mod scores;
mod services;
pub mod whole;
mod writer;

pub use analyses::PlannedCosts;
pub use decisions::{DecisionEffects, LatestStep, MovedInitiative, UndoneStep, UnmovedInitiative};
pub use history::{Action, Change, FieldChange, Why};
pub use open::{Portfolio, output_guard};
pub use packages::{ExportedPackage, ImportedResponse};
pub use reader::Reader;
pub use record::Stored;
pub use schema::{APPLICATION_ID, LATEST_VERSION};
pub use writer::Writer;

use crate::time::Timestamp;

/// Who makes a change and when. The caller reads the clock; the engine never does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The member's name from the settings.
    pub by: String,
    pub at: Timestamp,
}

impl Stamp {
    pub fn new(by: impl Into<String>, at: Timestamp) -> Self {
        Stamp { by: by.into(), at }
    }
}
