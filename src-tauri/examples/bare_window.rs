//! The floor under the app's idle memory: a Tauri window with the same web view settings as Samordna, showing an
//! empty page through the same `tauri://` protocol, and nothing else (no engine, no portfolio, no UI code).
//! `benches/app_start.py --bare` measures it beside the app (docs/benchmarks.md).
//!
//!     cargo build --release -p samordna-app --example bare_window

#[path = "../src/webview.rs"]
mod webview;

use tauri::webview::PageLoadEvent;
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let started = std::time::Instant::now();
    webview::configure_process();
    let mut context = tauri::generate_context!();
    // Not the app's window and page: one window with an empty page.
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(move |app| {
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("bare-window.html".into()))
                .title("Tom")
                .inner_size(1366.0, 768.0)
                .on_page_load(move |_, payload| {
                    if payload.event() == PageLoadEvent::Finished {
                        println!("samordna-ready {}", started.elapsed().as_millis());
                    }
                })
                .build()?;
            webview::configure_window(&window);
            Ok(())
        })
        .run(context)
        .expect("the bare window could not start");
}
