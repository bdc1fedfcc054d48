//! WebKitGTK settings for a smaller, faster web view on Linux (docs/benchmarks.md). Also used by the bare-window
//! baseline (`examples/bare_window.rs`), so both are measured with the same web view.

/// Turns off WebKitGTK's accelerated compositing, which doubles the web process's memory and slows the start, for
/// nothing a page of forms and tables needs. Call first thing in `main`, before any thread exists; a setting in
/// the environment wins.
pub fn configure_process() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: called before any other thread exists, so nothing can read the environment while it is written.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
}

/// One local page with no history to go back to: WebKit's document-viewer cache model keeps no page and few
/// resource caches.
pub fn configure_window<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
