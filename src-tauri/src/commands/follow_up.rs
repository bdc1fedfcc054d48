//! Commands for the follow-up against the frames: the actual outcomes per item and year, and the engine's
//! follow-up of a year (the dashboard's figures, the same as the yearly report's and `samordna budget follow-up`).

use samordna::domain::{ActualOutcome, Id, Problems};
use samordna::prioritisation::follow_up::FollowUp;
use tauri::State;

use crate::error::CommandResult;
use crate::session::{Session, now};

#[tauri::command]
pub async fn save_actual_outcome(session: State<'_, Session>, record: ActualOutcome) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn delete_actual_outcome(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<ActualOutcome>(id, now())
}

#[tauri::command]
pub async fn check_actual_outcome(session: State<'_, Session>, record: ActualOutcome) -> CommandResult<Problems> {
    session.problems(&record)
}

/// Per frame of `year`: the decided (or proposed) frame, what is committed, the actual outcome, what is left; and
/// the items.
#[tauri::command]
pub async fn follow_up(session: State<'_, Session>, year: i32) -> CommandResult<FollowUp> {
    session.follow_up(year)
}
