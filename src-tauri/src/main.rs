//! Samordna's desktop app: a Tauri shell over the `samordna` engine. It opens the portfolio, registers the
//! commands and owns nothing but the session; all rules live in the engine.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// CommandError is what every command returns to the UI, once per call; its size does not matter.
#![allow(clippy::result_large_err, reason = "the IPC error is returned once per command")]

mod commands;
mod error;
mod session;
mod webview;

use std::path::PathBuf;

use tauri::Manager;

use crate::session::{Session, now};

/// When the process started, for the start-up time the UI reports when it is ready (`app_ready`).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    webview::configure_process();
    // `samordna-app PATH` opens that portfolio; otherwise the last one, or the sample.
    let requested = std::env::args_os().nth(1).map(PathBuf::from);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let settings_path = match std::env::var_os("SAMORDNA_SETTINGS") {
                Some(path) => PathBuf::from(path),
                None => app.path().app_config_dir()?.join("settings.json"),
            };
            let data_dir = match std::env::var_os("SAMORDNA_DATA_DIR") {
                Some(path) => PathBuf::from(path),
                None => app.path().app_data_dir()?,
            };
            let session = Session::new(settings_path, data_dir);
            session.start(requested.as_deref(), now());
            if let (Some(window), Some(open)) = (app.get_webview_window("main"), session.state().portfolio) {
                let _ = window.set_title(&format!("{} – Samordna", open.name));
            }
            if let Some(window) = app.get_webview_window("main") {
                webview::configure_window(&window);
            }
            app.manage(session);
            // The day's backup while the app runs: checked every hour (a backup is made when the newest is a day
            // old; the newest 14 are kept).
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(3600));
                    let _ = handle.state::<Session>().backup_if_due(now());
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::portfolio::app_state,
            commands::portfolio::portfolio_data,
            commands::portfolio::open_portfolio,
            commands::portfolio::choose_and_open_portfolio,
            commands::portfolio::choose_and_create_portfolio,
            commands::portfolio::open_sample_portfolio,
            commands::portfolio::choose_and_save_copy,
            commands::portfolio::save_settings,
            commands::portfolio::record_history,
            commands::portfolio::recent_changes,
            commands::records::save_organisation,
            commands::records::delete_organisation,
            commands::records::check_organisation,
            commands::records::save_provider,
            commands::records::delete_provider,
            commands::records::check_provider,
            commands::records::save_service,
            commands::records::delete_service,
            commands::records::check_service,
            commands::records::save_initiative,
            commands::records::delete_initiative,
            commands::records::check_initiative,
            commands::prioritisation::save_member,
            commands::prioritisation::delete_member,
            commands::prioritisation::check_member,
            commands::prioritisation::save_criteria_set,
            commands::prioritisation::delete_criteria_set,
            commands::prioritisation::check_criteria_set,
            commands::prioritisation::copy_criteria_set,
            commands::prioritisation::put_score,
            commands::prioritisation::delete_score,
            commands::prioritisation::put_pairwise,
            commands::prioritisation::put_gate_result,
            commands::prioritisation::save_scenario,
            commands::prioritisation::delete_scenario,
            commands::prioritisation::check_scenario,
            commands::prioritisation::assessment,
            commands::prioritisation::selection,
            commands::funding::save_funding_case,
            commands::funding::delete_funding_case,
            commands::funding::check_funding_case,
            commands::funding::funding,
            commands::funding::save_parameters,
            commands::funding::check_parameters,
            commands::meetings::save_meeting,
            commands::meetings::delete_meeting,
            commands::meetings::check_meeting,
            commands::meetings::record_decision,
            commands::meetings::delete_decision,
            commands::meetings::approve_minutes,
            commands::meetings::meeting_corrections,
            commands::meetings::choose_and_add_attachment,
            commands::meetings::delete_attachment,
            commands::meetings::save_document_profile,
            commands::meetings::check_document_profile,
            commands::meetings::choose_logo,
            commands::meetings::save_paper_settings,
            commands::meetings::choose_papers_folder,
            commands::meetings::export_paper,
            commands::meetings::export_report,
            commands::meetings::export_sheet,
            commands::records::appraise_benefits,
            commands::records::save_benefit,
            commands::records::delete_benefit,
            commands::records::check_benefit,
            commands::records::benefit_statuses,
            commands::records::initiative_transitions,
            commands::records::move_initiative,
            commands::records::save_deviation,
            commands::records::delete_deviation,
            commands::records::check_deviation,
            commands::packages::export_package,
            commands::packages::choose_responses,
            commands::packages::preview_responses,
            commands::packages::import_responses,
            commands::packages::response_status,
            commands::packages::choose_package,
            commands::packages::open_package_file,
            commands::packages::opened_package,
            commands::packages::close_package,
            commands::packages::open_package_paper,
            commands::packages::save_response,
            commands::packages::choose_sheet,
            commands::packages::preview_sheet,
            commands::packages::import_sheet,
            commands::portfolio::backups,
            commands::portfolio::make_backup,
            commands::portfolio::restore_backup,
            commands::portfolio::app_ready,
        ])
        .run(tauri::generate_context!())
        .expect("Samordna could not start");
}
