//! Commands for offline work: meeting packages (exported by the secretary, opened and answered by members, the
//! responses imported back) and spreadsheet import. File dialogs pick the files; the `…_file(s)` commands take
//! paths, so the dialogs stay thin and the end-to-end tests can drive the same paths.

use std::path::{Path, PathBuf};

use samordna::domain::{Id, Language};
use samordna::package::{ImportReport, IncomingResponse, ResponseScore, ResponseStatus};
use samordna::sheets::{SheetImport, SheetKind};
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::meetings::save_file;
use super::portfolio::ask;
use crate::error::{CommandError, CommandResult};

/// Spreadsheets are read through the engine's general input limit.
const INPUT_LIMIT: usize = samordna::files::INPUT_LIMIT as usize;
use crate::session::{PackageView, SavedPaper, Session, now};

/// Reads an input through a size limit (a device or a pipe is refused, not read forever).
fn read(path: &Path, limit: usize) -> CommandResult<Vec<u8>> {
    Ok(samordna::files::read_limited(path, limit as u64)?)
}

fn incoming(paths: &[PathBuf]) -> CommandResult<Vec<IncomingResponse>> {
    paths
        .iter()
        .map(|path| {
            Ok(IncomingResponse {
                name: path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                bytes: read(path, samordna::package::MAX_RESPONSE_BYTES)?,
            })
        })
        .collect()
}

/// Writes a meeting's packages, one file per member: into the papers folder when one is set, else into the folder
/// the user picks. The result names the folder and (as `pages`) how many packages were written; `None` when the
/// user cancels.
#[tauri::command]
pub async fn export_package(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    meeting_id: Id,
    language: Language,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let folder = match session.paper_settings().0 {
        Some(folder) => folder,
        None => {
            let dialog = app.dialog().file().set_parent(&window).set_title(title);
            let Some(folder) = ask(move || dialog.blocking_pick_folder()).await else {
                return Ok(None);
            };
            folder
        }
    };
    let written = session.export_packages(meeting_id, language, &folder, now())?;
    Ok(Some(SavedPaper { path: folder, pages: written.len() }))
}

/// Asks for response files; an empty list when the user cancels.
#[tauri::command]
pub async fn choose_responses(
    app: AppHandle,
    window: WebviewWindow,
    title: String,
    filter: String,
) -> CommandResult<Vec<PathBuf>> {
    let dialog = app
        .dialog()
        .file()
        .set_parent(&window)
        .set_title(title)
        .add_filter(filter, &[samordna::package::RESPONSE_EXTENSION]);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_files()).await.ok().flatten();
    Ok(chosen.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect())
}

#[tauri::command]
pub async fn preview_responses(
    session: State<'_, Session>,
    meeting_id: Id,
    paths: Vec<PathBuf>,
) -> CommandResult<ImportReport> {
    session.preview_responses(meeting_id, &incoming(&paths)?, now())
}

#[tauri::command]
pub async fn import_responses(
    session: State<'_, Session>,
    meeting_id: Id,
    paths: Vec<PathBuf>,
) -> CommandResult<ImportReport> {
    session.import_responses(meeting_id, &incoming(&paths)?, now())
}

#[tauri::command]
pub async fn response_status(session: State<'_, Session>, meeting_id: Id) -> CommandResult<ResponseStatus> {
    session.response_status(meeting_id)
}

/// Asks for a meeting package and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn choose_package(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    title: String,
    filter: String,
) -> CommandResult<Option<PackageView>> {
    let dialog = app
        .dialog()
        .file()
        .set_parent(&window)
        .set_title(title)
        .add_filter(filter, &[samordna::package::PACKAGE_EXTENSION]);
    let Some(path) = ask(move || dialog.blocking_pick_file()).await else {
        return Ok(None);
    };
    session.open_package(&path).map(Some)
}

#[tauri::command]
pub async fn open_package_file(session: State<'_, Session>, path: PathBuf) -> CommandResult<PackageView> {
    session.open_package(&path)
}

/// The package the member has open, if any.
#[tauri::command]
pub async fn opened_package(session: State<'_, Session>) -> CommandResult<Option<PackageView>> {
    Ok(session.opened_package())
}

#[tauri::command]
pub async fn close_package(session: State<'_, Session>) -> CommandResult<()> {
    session.close_package();
    Ok(())
}

/// Opens a paper of the open package (the meeting packet) in the system's PDF reader. Returns where it was
/// written.
#[tauri::command]
pub async fn open_package_paper(app: AppHandle, session: State<'_, Session>, index: usize) -> CommandResult<PathBuf> {
    let path = session.package_paper(index)?;
    // Without a reader the file is still there; the UI shows where.
    let _ = app.opener().open_path(path.to_string_lossy(), None::<&str>);
    Ok(path)
}

/// Writes the member's response to the open package: into the papers folder when one is set, else where the
/// save dialog says. `None` when the user cancels.
#[tauri::command]
pub async fn save_response(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    member_id: Id,
    scores: Vec<ResponseScore>,
    comment: String,
    title: String,
) -> CommandResult<Option<SavedPaper>> {
    let file = session.respond(member_id, scores, &comment, now())?;
    let extension = samordna::package::RESPONSE_EXTENSION;
    let count = 1;
    save_file(&app, &session, &window, &file.file_name, &file.bytes, count, ("Samordna", extension), title).await
}

/// Asks for a spreadsheet (XLSX or CSV); `None` when the user cancels.
#[tauri::command]
pub async fn choose_sheet(
    app: AppHandle,
    window: WebviewWindow,
    title: String,
    filter: String,
) -> CommandResult<Option<PathBuf>> {
    let dialog = app
        .dialog()
        .file()
        .set_parent(&window)
        .set_title(title)
        .add_filter(filter, &["xlsx", "xlsm", "xls", "ods", "csv", "txt"]);
    Ok(ask(move || dialog.blocking_pick_file()).await)
}

/// A spreadsheet's bytes, through the size limit (a device or a pipe reports no size).
fn sheet_kind(kind: &str) -> CommandResult<SheetKind> {
    SheetKind::from_key(kind)
        .filter(|k| k.importable())
        .ok_or_else(|| CommandError::from(samordna::Error::BadSheet(format!("'{kind}' cannot be imported"))))
}

#[tauri::command]
pub async fn preview_sheet(
    session: State<'_, Session>,
    kind: String,
    path: PathBuf,
    language: Language,
) -> CommandResult<SheetImport> {
    session.preview_sheet(sheet_kind(&kind)?, &read(&path, INPUT_LIMIT)?, language, now())
}

#[tauri::command]
pub async fn import_sheet(
    session: State<'_, Session>,
    kind: String,
    path: PathBuf,
    language: Language,
) -> CommandResult<SheetImport> {
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    session.import_sheet(sheet_kind(&kind)?, &read(&path, INPUT_LIMIT)?, &name, language, now())
}
