//! The user's own settings: the member name that signs changes, the language, recent portfolios. They belong to
//! the person, not to a portfolio, so they live in a small JSON file whose place the caller chooses (the app uses
//! its configuration folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::Language;
use crate::error::{Error, Result};

/// How many recent portfolios are remembered.
pub const MAX_RECENT: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserSettings {
    /// The name recorded in the change history. Empty until the user gives one.
    pub member_name: String,
    pub language: Language,
    /// Most recent first; the first is opened at start.
    pub recent: Vec<PathBuf>,
    /// Where meeting papers are saved without asking; `None`: ask with the save dialog each time.
    pub papers_folder: Option<PathBuf>,
    /// Open a paper in the system's PDF reader once it is saved.
    pub open_after_export: bool,
}

impl UserSettings {
    /// Reads the settings; a missing or unreadable file gives the defaults (settings are never worth a refusal
    /// to start).
    pub fn load(path: &Path) -> UserSettings {
        std::fs::read_to_string(path).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// Writes the settings under a temporary name and renames, so a crash never leaves half a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
        }
        let text = serde_json::to_string_pretty(self).expect("settings serialise");
        crate::files::write_atomically(path, text.as_bytes())
    }

    /// Puts `portfolio` first among the recent files.
    pub fn remember(&mut self, portfolio: &Path) {
        self.recent.retain(|p| p != portfolio);
        self.recent.insert(0, portfolio.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }

    pub fn last_portfolio(&self) -> Option<&Path> {
        self.recent.first().map(PathBuf::as_path)
    }

    /// The name for the change history, or `fallback` while none is set.
    pub fn signature<'a>(&'a self, fallback: &'a str) -> &'a str {
        let name = self.member_name.trim();
        if name.is_empty() { fallback } else { name }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut settings = UserSettings::default();
        for i in 0..12 {
            settings.remember(Path::new(&format!("/p/{i}.samordna")));
        }
        settings.remember(Path::new("/p/5.samordna"));
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.last_portfolio(), Some(Path::new("/p/5.samordna")));
        assert_eq!(settings.recent.iter().filter(|p| p.ends_with("5.samordna")).count(), 1);
    }

    #[test]
    fn missing_or_broken_file_gives_defaults_and_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(UserSettings::load(&path), UserSettings::default());
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(UserSettings::load(&path), UserSettings::default());
        let settings = UserSettings {
            member_name: "Anna Lindqvist".into(),
            language: Language::En,
            recent: vec!["/a.samordna".into()],
            papers_folder: Some("/handlingar".into()),
            open_after_export: true,
        };
        settings.save(&path).unwrap();
        assert_eq!(UserSettings::load(&path), settings);
    }
}
