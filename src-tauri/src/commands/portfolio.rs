//! Commands about the portfolio file, settings and history.

use std::path::PathBuf;

use samordna::domain::{Entity, Id, Language};
use samordna::interchange::PortfolioData;
use samordna::store::Change;
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::error::CommandResult;
use crate::session::{AppState, PortfolioInfo, Session, now};

const FILTER_NAME: &str = "Samordna-portfölj";
const EXTENSION: &str = "samordna";

#[tauri::command]
pub async fn app_state(session: State<'_, Session>) -> CommandResult<AppState> {
    Ok(session.state())
}

#[tauri::command]
pub async fn portfolio_data(session: State<'_, Session>) -> CommandResult<PortfolioData> {
    session.data()
}

/// Opens a portfolio by path (the recent files list).
#[tauri::command]
pub async fn open_portfolio(
    session: State<'_, Session>,
    window: WebviewWindow,
    path: PathBuf,
) -> CommandResult<PortfolioInfo> {
    let opened = session.open(&path, now())?;
    show_in_title(&window, &opened);
    Ok(opened)
}

/// Asks for a portfolio with the system's open dialog and opens it. `None` when the user cancels.
#[tauri::command]
pub async fn choose_and_open_portfolio(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    title: String,
) -> CommandResult<Option<PortfolioInfo>> {
    let dialog = app.dialog().file().set_parent(&window).set_title(title).add_filter(FILTER_NAME, &[EXTENSION]);
    let Some(path) = ask(move || dialog.blocking_pick_file()).await else {
        return Ok(None);
    };
    let opened = session.open(&path, now())?;
    show_in_title(&window, &opened);
    Ok(Some(opened))
}

/// Asks where to create a new, empty portfolio and opens it.
#[tauri::command]
pub async fn choose_and_create_portfolio(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    title: String,
    file_name: String,
) -> CommandResult<Option<PortfolioInfo>> {
    let dialog = save_dialog(&app, &window, title, file_name);
    let Some(path) = ask(move || dialog.blocking_save_file()).await else {
        return Ok(None);
    };
    let path = with_extension(path);
    // The dialog asked before replacing a file; a new portfolio still never overwrites one silently.
    let created = session.create(&path, now())?;
    show_in_title(&window, &created);
    Ok(Some(created))
}

/// Opens the sample portfolio (a copy in the app's data folder).
#[tauri::command]
pub async fn open_sample_portfolio(session: State<'_, Session>, window: WebviewWindow) -> CommandResult<PortfolioInfo> {
    let opened = session.open_sample(now())?;
    show_in_title(&window, &opened);
    Ok(opened)
}

/// Asks where to save a copy of the open portfolio and writes it there. Returns the copy's path.
#[tauri::command]
pub async fn choose_and_save_copy(
    app: AppHandle,
    session: State<'_, Session>,
    window: WebviewWindow,
    title: String,
    file_name: String,
) -> CommandResult<Option<PathBuf>> {
    let dialog = save_dialog(&app, &window, title, file_name);
    let Some(path) = ask(move || dialog.blocking_save_file()).await else {
        return Ok(None);
    };
    let path = with_extension(path);
    session.save_copy(&path)?;
    Ok(Some(path))
}

#[tauri::command]
pub async fn save_settings(session: State<'_, Session>, member_name: String, language: Language) -> CommandResult<()> {
    session.save_settings(member_name, language)
}

#[tauri::command]
pub async fn record_history(session: State<'_, Session>, entity: Entity, id: Id) -> CommandResult<Vec<Change>> {
    session.history(entity, id)
}

#[tauri::command]
pub async fn recent_changes(session: State<'_, Session>, limit: i64) -> CommandResult<Vec<Change>> {
    session.recent_changes(limit)
}

/// The UI has drawn its first view with the portfolio's data. With `SAMORDNA_REPORT_READY` set, prints the time
/// since the process started (`samordna-ready <ms>`) for the start-up benchmark (benches/app_start.py).
#[tauri::command]
pub async fn app_ready() -> CommandResult<()> {
    if std::env::var_os("SAMORDNA_REPORT_READY").is_some()
        && let Some(started) = crate::STARTED.get()
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "samordna-ready {}", started.elapsed().as_millis());
        let _ = out.flush();
    }
    Ok(())
}

#[tauri::command]
pub async fn backups(session: State<'_, Session>) -> CommandResult<Vec<samordna::store::backup::Backup>> {
    session.backups()
}

#[tauri::command]
pub async fn make_backup(session: State<'_, Session>) -> CommandResult<samordna::store::backup::Backup> {
    session.make_backup(now())
}

/// Replaces the open portfolio with a backup (listed by `backups`) and opens it again.
#[tauri::command]
pub async fn restore_backup(
    session: State<'_, Session>,
    path: PathBuf,
) -> CommandResult<samordna::store::backup::Backup> {
    session.restore_backup(&path, now())
}

fn save_dialog(
    app: &AppHandle,
    window: &WebviewWindow,
    title: String,
    file_name: String,
) -> tauri_plugin_dialog::FileDialogBuilder<tauri::Wry> {
    app.dialog()
        .file()
        .set_parent(window)
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(FILTER_NAME, &[EXTENSION])
}

/// Runs a native dialog off the async workers and returns the chosen path.
pub(crate) async fn ask(
    dialog: impl FnOnce() -> Option<tauri_plugin_dialog::FilePath> + Send + 'static,
) -> Option<PathBuf> {
    let chosen = tauri::async_runtime::spawn_blocking(dialog).await.ok().flatten()?;
    chosen.into_path().ok()
}

/// Adds `.samordna` when the user typed a name without it.
fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == EXTENSION) { path } else { path.with_extension(EXTENSION) }
}

fn show_in_title(window: &WebviewWindow, portfolio: &PortfolioInfo) {
    let _ = window.set_title(&format!("{} – Samordna", portfolio.name));
}
