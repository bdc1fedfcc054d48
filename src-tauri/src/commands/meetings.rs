//! Commands for meetings: planning the meeting and its agenda, attachments, recording decisions, approving the
//! minutes, the document profile, and exporting meeting papers as PDF.

use std::path::PathBuf;

use samordna::domain::{Attachment, Decision, DocumentProfile, FormRecord, Id, Meeting, Problems};
use samordna::papers::{Paper, PaperRequest, ReportRequest};
use samordna::store::{Change, DecisionEffects, MovedInitiative};
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::portfolio::ask;
use crate::error::{CommandError, CommandResult};
use crate::session::{SavedPaper, Session, now};

#[tauri::command]
pub async fn save_meeting(session: State<'_, Session>, record: FormRecord<Meeting>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_meeting(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Meeting>(id, now())
}

#[tauri::command]
pub async fn check_meeting(session: State<'_, Session>, record: FormRecord<Meeting>) -> CommandResult<Problems> {
    session.form_problems(&record)
}

/// Records (or changes) the decision on an agenda item: numbers the meeting's paragraphs, moves the linked
/// initiative (or every item of budget material) along its lifecycle, records a deviation's step and locks the
/// meeting's criteria set; says what it moved and what stays.
#[tauri::command]
pub async fn record_decision(session: State<'_, Session>, record: Decision) -> CommandResult<DecisionEffects> {
    session.write(now(), |w| w.record_decision(record))
}

/// Removes a decision from minutes not yet approved, putting back what it moved.
#[tauri::command]
pub async fn delete_decision(session: State<'_, Session>, id: Id) -> CommandResult<Vec<MovedInitiative>> {
    session.write(now(), |w| w.remove_decision(id))
}

/// Approves the minutes, naming who checked them (the justerare).
#[tauri::command]
pub async fn approve_minutes(session: State<'_, Session>, meeting_id: Id, checker: String) -> CommandResult<()> {
    session.write(now(), |w| w.approve_minutes(meeting_id, &checker))
}

/// Changes made after the minutes were approved: the corrections the minutes show.
#[tauri::command]
pub async fn meeting_corrections(session: State<'_, Session>, meeting_id: Id) -> CommandResult<Vec<Change>> {
    session.read(|r| {
        let meeting: Meeting = r.get(meeting_id)?;
        r.corrections(&meeting)
    })
}

/// The media type of a file the user picked, from its extension.
fn media_type(path: &std::path::Path) -> Option<&'static str> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "pdf" => Some("application/pdf"),
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        _ => None,
    }
}

fn read_file(path: &std::path::Path) -> CommandResult<Vec<u8>> {
    std::fs::read(path).map_err(|source| CommandError::from(samordna::Error::Io { path: path.to_path_buf(), source }))
}

/// Asks for a file (PDF, PNG or JPEG) and attaches it to an agenda item; `None` when the user cancels.
#[tauri::command]
pub async fn choose_and_add_attachment(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    item_id: Id,
    title: String,
    filter: String,
) -> CommandResult<Option<Id>> {
    let dialog =
        app.dialog().file().set_parent(&window).set_title(title).add_filter(filter, &["pdf", "png", "jpg", "jpeg"]);
    let Some(path) = ask(move || dialog.blocking_pick_file()).await else {
        return Ok(None);
    };
    let attachment = Attachment {
        id: 0,
        item_id,
        name: path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
        media_type: media_type(&path).unwrap_or("application/octet-stream").into(),
        data: read_file(&path)?,
    };
    session.save(attachment, now()).map(Some)
}

#[tauri::command]
pub async fn delete_attachment(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Attachment>(id, now())
}

#[tauri::command]
pub async fn save_document_profile(session: State<'_, Session>, record: DocumentProfile) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn check_document_profile(session: State<'_, Session>, record: DocumentProfile) -> CommandResult<Problems> {
    session.problems(&record)
}

/// Asks for a logo (PNG or JPEG) and puts it into the document profile; `None` when the user cancels.
#[tauri::command]
pub async fn choose_logo(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    title: String,
    filter: String,
) -> CommandResult<Option<Id>> {
    let dialog = app.dialog().file().set_parent(&window).set_title(title).add_filter(filter, &["png", "jpg", "jpeg"]);
    let Some(path) = ask(move || dialog.blocking_pick_file()).await else {
        return Ok(None);
    };
    let mut profile = session.read(|r| r.document_profile())?;
    profile.logo = read_file(&path)?;
    profile.logo_media_type = media_type(&path).unwrap_or("application/octet-stream").into();
    session.save(profile, now()).map(Some)
}

/// Where papers go: a folder to save them in without asking (or none: ask each time), and whether to open them.
#[tauri::command]
pub async fn save_paper_settings(
    session: State<'_, Session>,
    papers_folder: Option<PathBuf>,
    open_after_export: bool,
) -> CommandResult<()> {
    session.save_paper_settings(papers_folder, open_after_export)
}

/// Asks for the folder papers are saved in; `None` when the user cancels.
#[tauri::command]
pub async fn choose_papers_folder(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    title: String,
) -> CommandResult<Option<PathBuf>> {
    let dialog = app.dialog().file().set_parent(&window).set_title(title);
    let Some(folder) = ask(move || dialog.blocking_pick_folder()).await else {
        return Ok(None);
    };
    let (_, open_after_export) = session.paper_settings();
    session.save_paper_settings(Some(folder.clone()), open_after_export)?;
    Ok(Some(folder))
}

/// Writes a meeting paper: into the papers folder when one is set, else where the save dialog says. Opens it in
/// the system's PDF reader when the user asked for that. `None` when the user cancels the dialog.
#[tauri::command]
pub async fn export_paper(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    request: PaperRequest,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let paper = session.paper(&request, now())?;
    save_and_open(&app, &session, &window, paper, title).await
}

/// Writes the yearly follow-up of a provider, or the yearly analysis of all providers, like a meeting paper.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    request: ReportRequest,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let paper = session.report(&request, now())?;
    save_and_open(&app, &session, &window, paper, title).await
}

/// Saves a paper into the papers folder when one is set, else where the save dialog says, and opens it when the
/// user asked for that. `None` when the user cancels the dialog.
pub(super) async fn save_and_open(
    app: &AppHandle,
    session: &Session,
    window: &WebviewWindow,
    paper: Paper,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let saved =
        save_file(app, session, window, &paper.file_name, &paper.bytes, paper.pages, ("PDF", "pdf"), title).await?;
    Ok(open_if_asked(app, session, saved))
}

/// Opens a saved paper or spreadsheet in the system's program for it when the user asked for that.
pub(crate) fn open_if_asked(app: &AppHandle, session: &Session, saved: Option<SavedPaper>) -> Option<SavedPaper> {
    if let Some(saved) = &saved
        && session.paper_settings().1
    {
        // A missing reader is not a failure of the export; the file is saved either way.
        let _ = app.opener().open_path(saved.path.to_string_lossy(), None::<&str>);
    }
    saved
}

/// Writes a table of the portfolio as an XLSX spreadsheet, like a paper (papers folder or save dialog).
#[tauri::command]
pub async fn export_sheet(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    request: samordna::sheets::SheetRequest,
    language: samordna::domain::Language,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    use samordna::sheets;
    let table = session.read(|r| sheets::build(r, &request, language, now()))?;
    let bytes = sheets::xlsx(&table)?;
    let file_name = format!("{}.xlsx", table.name);
    let saved =
        save_file(&app, &session, &window, &file_name, &bytes, table.rows.len(), ("Excel", "xlsx"), title).await?;
    Ok(open_if_asked(&app, &session, saved))
}

#[allow(clippy::too_many_arguments, reason = "one call site per kind of file; a struct would only rename them")]
pub(crate) async fn save_file(
    app: &AppHandle,
    session: &Session,
    window: &WebviewWindow,
    file_name: &str,
    bytes: &[u8],
    count: usize,
    (filter, extension): (&str, &str),
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let (folder, _) = session.paper_settings();
    let saved = match folder {
        Some(folder) => session.save_in_folder(&folder, file_name, bytes, count)?,
        None => {
            let dialog = app
                .dialog()
                .file()
                .set_parent(window)
                .set_title(title)
                .set_file_name(file_name)
                .add_filter(filter, &[extension]);
            let Some(path) = ask(move || dialog.blocking_save_file()).await else {
                return Ok(None);
            };
            let path = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(extension)) {
                path
            } else {
                path.with_extension(extension)
            };
            session.write_output(&path, bytes)?;
            SavedPaper { path, pages: count }
        }
    };
    Ok(Some(saved))
}
