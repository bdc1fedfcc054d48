//! The document profile, kept as `document.*` keys among the portfolio's settings (there is always exactly one,
//! id 1; keys that are missing give the defaults).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rusqlite::{Connection, OptionalExtension, params};

use super::record::Stored;
use crate::domain::{DocumentProfile, Id, Problems};
use crate::error::Result;

pub(crate) fn load(conn: &Connection) -> Result<DocumentProfile> {
    let setting = |key: &str| -> Result<Option<String>> {
        Ok(conn
            .query_row("SELECT value FROM portfolio_setting WHERE key = ?1", [format!("document.{key}")], |r| r.get(0))
            .optional()?)
    };
    let mut profile = DocumentProfile::default();
    for (key, field) in [
        ("organisation", &mut profile.organisation),
        ("office", &mut profile.office),
        ("logo_media_type", &mut profile.logo_media_type),
        ("notice_text", &mut profile.notice_text),
        ("absence_text", &mut profile.absence_text),
        ("confidential_text", &mut profile.confidential_text),
        ("signature_text", &mut profile.signature_text),
    ] {
        if let Some(value) = setting(key)? {
            *field = value;
        }
    }
    if let Some(logo) = setting("logo")? {
        profile.logo = STANDARD.decode(logo.as_bytes()).unwrap_or_default();
    }
    Ok(profile)
}

fn write(conn: &Connection, profile: &DocumentProfile) -> Result<()> {
    let logo = STANDARD.encode(&profile.logo);
    for (key, value) in [
        ("organisation", profile.organisation.as_str()),
        ("office", &profile.office),
        ("logo_media_type", &profile.logo_media_type),
        ("logo", &logo),
        ("notice_text", &profile.notice_text),
        ("absence_text", &profile.absence_text),
        ("confidential_text", &profile.confidential_text),
        ("signature_text", &profile.signature_text),
    ] {
        conn.execute(
            "INSERT INTO portfolio_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![format!("document.{key}"), value],
        )?;
    }
    Ok(())
}

impl Stored for DocumentProfile {
    /// The portfolio's settings, one row per setting: the record is the one of its kind, and `remove` is its own.
    const TABLE: &'static str = "portfolio_setting";

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        Ok(vec![load(conn)?])
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        (id == 1).then(|| load(conn)).transpose()
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, _conn: &Connection, _problems: &mut Problems) -> Result<()> {
        Ok(())
    }

    fn normalise(&mut self) {
        DocumentProfile::normalise(self);
    }

    fn set_id(&mut self, _id: Id) {
        self.id = 1;
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        write(conn, self)?;
        Ok(1)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        write(conn, self)
    }

    fn remove(conn: &Connection, _id: Id) -> Result<()> {
        conn.execute("DELETE FROM portfolio_setting WHERE key LIKE 'document.%'", [])?;
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(vec!["the portfolio".into()])
    }
}
