//! Commands for the budget material: the council's decided frames, a scenario's material within the proposed or
//! the decided frames, and the material exported as a paper or a sheet for the city executive office.

use samordna::domain::{DecidedFrame, FormRecord, Id, Language, Problems};
use samordna::prioritisation::budget::{Budget, FrameBasis};
use samordna::prioritisation::selection::SelectionError;
use tauri::{AppHandle, Manager, State, WebviewWindow};

use super::meetings::{open_if_asked, save_file};
use crate::error::{CommandError, CommandResult};
use crate::session::{SavedPaper, Session, now};

#[tauri::command]
pub async fn save_decided_frame(session: State<'_, Session>, record: FormRecord<DecidedFrame>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_decided_frame(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<DecidedFrame>(id, now())
}

#[tauri::command]
pub async fn check_decided_frame(
    session: State<'_, Session>,
    record: FormRecord<DecidedFrame>,
) -> CommandResult<Problems> {
    session.form_problems(&record)
}

/// Solves a scenario's material on a blocking thread, without holding the portfolio (as `selection` does).
async fn solved(app: AppHandle, scenario_id: Id, basis: FrameBasis) -> CommandResult<Budget> {
    tauri::async_runtime::spawn_blocking(move || app.state::<Session>().budget(scenario_id, basis))
        .await
        .unwrap_or_else(|e| {
            Err(CommandError::from(samordna::Error::Selection(SelectionError::Solver { detail: e.to_string() })))
        })
}

/// A scenario's budget material: lines, frames, what no longer fits the decided frames, the lifecycle steps offered.
#[tauri::command]
pub async fn budget(app: AppHandle, scenario_id: Id, basis: FrameBasis) -> CommandResult<Budget> {
    solved(app, scenario_id, basis).await
}

/// Writes the paper "Budgetunderlag <period>" like the other papers (papers folder or save dialog, then opened
/// when asked). `None` when the user cancels.
#[tauri::command]
pub async fn export_budget_paper(
    app: AppHandle,
    window: WebviewWindow,
    scenario_id: Id,
    basis: FrameBasis,
    language: Language,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let budget = solved(app.clone(), scenario_id, basis).await?;
    let session = app.state::<Session>();
    let paper = session.budget_paper(&budget, language, now())?;
    let saved =
        save_file(&app, &session, &window, &paper.file_name, &paper.bytes, paper.pages, ("PDF", "pdf"), title).await?;
    Ok(open_if_asked(&app, &session, saved))
}

/// Writes the material as a spreadsheet for SLK, like the other sheets.
#[tauri::command]
pub async fn export_budget_sheet(
    app: AppHandle,
    window: WebviewWindow,
    scenario_id: Id,
    basis: FrameBasis,
    language: Language,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let budget = solved(app.clone(), scenario_id, basis).await?;
    let session = app.state::<Session>();
    let tables = samordna::sheets::budget_book(&budget, language);
    let bytes = samordna::sheets::xlsx_book(&tables)?;
    let file_name = format!("{}.xlsx", tables[0].name);
    let saved =
        save_file(&app, &session, &window, &file_name, &bytes, tables[0].rows.len(), ("Excel", "xlsx"), title).await?;
    Ok(open_if_asked(&app, &session, saved))
}
