//! Commands for valuing and prioritising: members, criteria sets, scores, comparisons, gate results, scenarios,
//! and the assessment and selection computed by the engine.

use samordna::domain::{CriteriaSet, GateResult, Id, Member, Pairwise, Problems, Scenario, Score};
use samordna::prioritisation::assessment::Assessment;
use samordna::prioritisation::selection::{Searching, SelectionError, SelectionResult};
use tauri::{AppHandle, Manager, State};

use crate::error::{CommandError, CommandResult};
use crate::session::{Session, now};

#[tauri::command]
pub async fn save_member(session: State<'_, Session>, record: Member) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn delete_member(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Member>(id, now())
}

#[tauri::command]
pub async fn check_member(session: State<'_, Session>, record: Member) -> CommandResult<Problems> {
    session.problems(&record)
}

#[tauri::command]
pub async fn save_criteria_set(session: State<'_, Session>, record: CriteriaSet) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn delete_criteria_set(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<CriteriaSet>(id, now())
}

#[tauri::command]
pub async fn check_criteria_set(session: State<'_, Session>, record: CriteriaSet) -> CommandResult<Problems> {
    session.problems(&record)
}

#[tauri::command]
pub async fn copy_criteria_set(
    session: State<'_, Session>,
    id: Id,
    name: String,
    period_start: i32,
    period_end: i32,
) -> CommandResult<Id> {
    session.write(now(), |w| w.copy_criteria_set(id, &name, period_start, period_end))
}

#[tauri::command]
pub async fn put_score(session: State<'_, Session>, record: Score) -> CommandResult<Id> {
    session.write(now(), |w| w.put_score(record))
}

#[tauri::command]
pub async fn delete_score(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Score>(id, now())
}

#[tauri::command]
pub async fn put_pairwise(session: State<'_, Session>, record: Pairwise) -> CommandResult<Id> {
    session.write(now(), |w| w.put_pairwise(record))
}

#[tauri::command]
pub async fn put_gate_result(session: State<'_, Session>, record: GateResult) -> CommandResult<Id> {
    session.write(now(), |w| w.put_gate_result(record))
}

#[tauri::command]
pub async fn save_scenario(session: State<'_, Session>, record: Scenario) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn delete_scenario(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Scenario>(id, now())
}

#[tauri::command]
pub async fn check_scenario(session: State<'_, Session>, record: Scenario) -> CommandResult<Problems> {
    session.problems(&record)
}

/// The set's ranking, weights, sensitivity and disagreements; `weights` (one per criterion) is a what-if.
#[tauri::command]
pub async fn assessment(
    session: State<'_, Session>,
    set_id: Id,
    weights: Option<Vec<f64>>,
) -> CommandResult<Assessment> {
    session.read(|r| r.assessment(set_id, weights.as_deref()))
}

/// The optimal selection of a scenario, the ranking-by-ratio pick and the efficient frontier. Solving can take
/// seconds, so it runs on a blocking thread rather than an async worker, and without holding the portfolio.
#[tauri::command]
pub async fn selection(app: AppHandle, scenario_id: Id) -> CommandResult<SelectionResult> {
    tauri::async_runtime::spawn_blocking(move || app.state::<Session>().selection(scenario_id)).await.unwrap_or_else(
        |e| Err(CommandError::from(samordna::Error::Selection(SelectionError::Solver { detail: e.to_string() }))),
    )
}

/// How far the selection being solved has come (none when no solve runs), for the progress line.
#[tauri::command]
pub async fn selection_progress(session: State<'_, Session>) -> CommandResult<Option<Searching>> {
    Ok(session.selection_progress())
}
