//! Commands for the providers' yearly analyses: save, check, delete, a new draft with the provider's services, the
//! comparison of its security levels with the services' current classification (the engine's, so the view does
//! not compare by itself), the paper, and the paper attached to an agenda item; who has handed in theirs and who is
//! late (by the shell's clock: the engine takes the day); and a presented analysis taken into the portfolio: its
//! levels applied to the services (previewed first), an investment made a draft initiative, a development need
//! added to its service's planned costs.

use std::path::PathBuf;

use samordna::domain::{
    AnalysisRound, AnalysisStanding, Attachment, FormRecord, Id, InitiativeDraft, Language, LevelChange, Problems,
    SecurityComparison, YearlyAnalysis,
};
use samordna::papers::AnalysisRequest;
use samordna::sheets::AnalysisImport;
use samordna::store::PlannedCosts;
use tauri::{AppHandle, State, WebviewWindow};

use super::meetings::save_and_open;
use crate::error::{CommandError, CommandResult};
use crate::session::{SavedPaper, Session, now};

#[tauri::command]
pub async fn save_analysis(session: State<'_, Session>, record: FormRecord<YearlyAnalysis>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_analysis(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<YearlyAnalysis>(id, now())
}

/// The analysis's problems as a save would find them, with what its state needs (the guideline's content).
#[tauri::command]
pub async fn check_analysis(
    session: State<'_, Session>,
    record: FormRecord<YearlyAnalysis>,
) -> CommandResult<Problems> {
    session.form_problems(&record)
}

/// Every provider once with its analysis for `year` (or none), the due day and whether it is late today (in
/// Swedish time, by the shell's clock).
#[tauri::command]
pub async fn analysis_standings(session: State<'_, Session>, year: i32) -> CommandResult<Vec<AnalysisStanding>> {
    session.read(|r| r.analysis_standings(year, samordna::time::local_date(now())))
}

/// The analyses most recently due, every provider's standing: the dashboard's "who is late".
#[tauri::command]
pub async fn analysis_round(session: State<'_, Session>) -> CommandResult<AnalysisRound> {
    session.read(|r| r.analysis_round(samordna::time::local_date(now())))
}

/// What applying a presented analysis's levels would do to each service (writes nothing).
#[tauri::command]
pub async fn analysis_level_changes(
    session: State<'_, Session>,
    provider_id: Id,
    year: i32,
) -> CommandResult<Vec<LevelChange>> {
    session.read(|r| r.analysis_level_changes(provider_id, year))
}

/// Applies a presented analysis's levels to the services, all or nothing; returns what changed.
#[tauri::command]
pub async fn apply_analysis_levels(
    session: State<'_, Session>,
    provider_id: Id,
    year: i32,
) -> CommandResult<Vec<LevelChange>> {
    session.write(now(), |w| w.apply_analysis_levels(provider_id, year))
}

/// A free case number for a new shared initiative registered this year.
#[tauri::command]
pub async fn suggested_case_number(session: State<'_, Session>) -> CommandResult<String> {
    session.read(|r| r.suggested_case_number(samordna::time::local_year(now())))
}

/// Makes the investment at `index` (from 0) of a presented analysis a draft initiative; returns its id.
#[tauri::command]
pub async fn initiative_from_investment(
    session: State<'_, Session>,
    provider_id: Id,
    year: i32,
    index: usize,
    draft: InitiativeDraft,
) -> CommandResult<Id> {
    session.write(now(), |w| w.initiative_from_investment(provider_id, year, index, &draft))
}

/// Adds the development need at `index` (from 0) of a presented analysis to its service's planned costs.
#[tauri::command]
pub async fn need_into_service_costs(
    session: State<'_, Session>,
    provider_id: Id,
    year: i32,
    index: usize,
    service_id: Option<Id>,
) -> CommandResult<PlannedCosts> {
    session.write(now(), |w| w.need_into_service_costs(provider_id, year, index, service_id))
}

/// A new draft for the provider and year, its services listed at their current levels (not saved).
#[tauri::command]
pub async fn draft_analysis(session: State<'_, Session>, provider_id: Id, year: i32) -> CommandResult<YearlyAnalysis> {
    session.read(|r| Ok(YearlyAnalysis::draft(provider_id, year, &r.services()?)))
}

/// The analysis's level for each service beside the service's current classification, aspect by aspect. The
/// provider's services the analysis does not list yet are added first, at their current levels.
#[tauri::command]
pub async fn analysis_comparison(
    session: State<'_, Session>,
    record: FormRecord<YearlyAnalysis>,
) -> CommandResult<Vec<SecurityComparison>> {
    session.read(|r| {
        let services = r.services()?;
        let mut record = record.record;
        record.fill_services(&services);
        Ok(record.security_comparison(&services))
    })
}

/// Writes the paper "Årlig analys – <provider> <year>" like a meeting paper (papers folder or save dialog).
#[tauri::command]
pub async fn export_analysis_paper(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    request: AnalysisRequest,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let paper = session.analysis_paper(&request, now())?;
    save_and_open(&app, &session, &window, paper, title).await
}

/// Attaches the analysis's paper, as it reads now, to an agenda item. Returns the attachment's id.
#[tauri::command]
pub async fn attach_analysis(session: State<'_, Session>, item_id: Id, request: AnalysisRequest) -> CommandResult<Id> {
    let paper = session.analysis_paper(&request, now())?;
    let name = paper.file_name.trim_end_matches(".pdf").to_string();
    let attachment = Attachment { id: 0, item_id, name, media_type: "application/pdf".into(), data: paper.bytes };
    session.save(attachment, now())
}

/// What importing the filled-in sheet at `path` would do to the provider's analysis for the year (what it holds, and
/// its problems by row and column in `language`); writes nothing.
#[tauri::command]
pub async fn preview_analysis_sheet(
    session: State<'_, Session>,
    provider_id: Id,
    year: i32,
    path: PathBuf,
    language: Language,
) -> CommandResult<AnalysisImport> {
    let (bytes, name) = sheet_file(&path)?;
    session.import_analysis_sheet(provider_id, year, &bytes, &name, language, true, now())
}

/// Imports the provider's analysis for the year from a filled-in sheet (the file the user picked with
/// `choose_sheet`): all or nothing; with problems (by row and column, in `language`) nothing is written.
#[tauri::command]
pub async fn import_analysis_sheet(
    session: State<'_, Session>,
    provider_id: Id,
    year: i32,
    path: PathBuf,
    language: Language,
) -> CommandResult<AnalysisImport> {
    let (bytes, name) = sheet_file(&path)?;
    session.import_analysis_sheet(provider_id, year, &bytes, &name, language, false, now())
}

/// The sheet's bytes, within the input limit, and its file name.
fn sheet_file(path: &std::path::Path) -> CommandResult<(Vec<u8>, String)> {
    let bytes = samordna::files::read_limited(path, samordna::files::INPUT_LIMIT).map_err(CommandError::from)?;
    Ok((bytes, path.file_name().unwrap_or_default().to_string_lossy().into_owned()))
}
