//! The WebView2 runtime on Windows: the window is drawn with it, so the app checks for it before anything else and,
//! where it is missing, says so and exits cleanly (the MSI checks the same at install: packaging/windows).

/// What the app says, in a native message box, when Windows lacks the WebView2 runtime the window is drawn with
/// (Windows 10 and 11 have the Evergreen runtime; a stripped-down or old installation may not). Swedish first, then
/// English, with where to get it.
#[cfg_attr(not(windows), allow(dead_code))] // said only on Windows; its words are tested everywhere
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
