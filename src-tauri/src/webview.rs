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

/// What the app says, in a native message box, when Windows lacks the WebView2 runtime the window is drawn with
/// (Windows 10 and 11 have the Evergreen runtime; a stripped-down or old installation may not). Swedish first, then
/// English, with where to get it.
pub const WEBVIEW2_MISSING: &str = "Samordna kan inte starta: Microsoft Edge WebView2 Runtime saknas på den här datorn. \
Den ingår i Windows 10 och 11 och kan installeras från Microsoft: \
https://developer.microsoft.com/microsoft-edge/webview2/ (\u{201d}Evergreen Bootstrapper\u{201d}). \
Saknar du behörighet att installera program, be IT-supporten om hjälp.\n\n\
Samordna cannot start: the Microsoft Edge WebView2 Runtime is missing on this computer. It is part of Windows 10 \
and 11 and can be installed from Microsoft: https://developer.microsoft.com/microsoft-edge/webview2/ \
(\u{201c}Evergreen Bootstrapper\u{201d}). If you may not install programs, ask your IT support.";

/// On Windows, whether the WebView2 runtime is there; when it is not, says so in a native message box (and on
/// standard error) and returns false, so the app exits cleanly instead of panicking in the window's creation.
/// Elsewhere always true.
pub fn runtime_present() -> bool {
    #[cfg(windows)]
    if let Err(error) = tauri::webview_version() {
        eprintln!("{WEBVIEW2_MISSING}\n({error})");
        message_box("Samordna", WEBVIEW2_MISSING);
        return false;
    }
    true
}

#[cfg(windows)]
fn message_box(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MB_ICONERROR, MB_OK, MessageBoxW};
    let wide = |s: &str| s.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (title, text) = (wide(title), wide(text));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; no owner window.
    unsafe { MessageBoxW(std::ptr::null_mut(), text.as_ptr(), title.as_ptr(), MB_OK | MB_ICONERROR) };
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_missing_runtime_is_said_in_swedish_then_english_with_where_to_get_it() {
        let text = super::WEBVIEW2_MISSING;
        let (swedish, english) = text.split_once("\n\n").unwrap();
        assert!(swedish.starts_with("Samordna kan inte starta") && swedish.contains("saknas"));
        assert!(english.starts_with("Samordna cannot start") && english.contains("is missing"));
        assert!(swedish.contains("https://developer.microsoft.com/microsoft-edge/webview2/"));
        assert!(super::runtime_present() || cfg!(windows), "only Windows lacks a runtime the app can check for");
    }
}
