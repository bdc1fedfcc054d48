//! Samordna's desktop app: a Tauri shell over the `samordna` engine. It opens the portfolio, registers the
//! commands and owns nothing but the session; all rules live in the engine.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
// CommandError is what every command returns to the UI, once per call; its size does not matter.
#![allow(clippy::result_large_err, reason = "the IPC error is returned once per command")]

#[macro_use]
mod commands;
mod error;
mod session;
mod webview;
mod webview2;

use std::path::PathBuf;

use tauri::Manager;

use crate::session::{Session, now};

/// When the process started, for the start-up time the UI reports when it is ready (`app_ready`).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Registers the commands of `commands/list.rs` with Tauri.
macro_rules! handler {
    ($($module:ident: $($command:ident),+;)+) => {
        tauri::generate_handler![$($(commands::$module::$command),+),+]
    };
}

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    if !webview2::runtime_present() {
        std::process::exit(3);
    }
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
        .invoke_handler(for_each_command!(handler))
        .run(tauri::generate_context!())
        .expect("Samordna could not start");
}
