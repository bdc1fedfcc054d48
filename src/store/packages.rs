//! Meeting packages exported to members and the responses imported from them (see [`crate::package`]).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::{Reader, Writer};
use crate::domain::Id;
use crate::error::Result;

/// A package the portfolio exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedPackage {
    pub checksum: String,
    pub meeting_id: Id,
    pub fingerprint: String,
    pub exported_at: String,
    pub exported_by: String,
    /// The member the package was made for; `None` for a package of schema 8 (one for every member).
    pub member_id: Option<Id>,
    /// The secret that authenticates the member's responses (HMAC-SHA-256, 32 bytes); `None` for a package of
    /// schema 8. Never shown.
    #[serde(skip)]
    pub response_key: Option<Vec<u8>>,
    /// What the package offered to score and the agenda as it was, as JSON written by [`crate::package`]; `None`
    /// for a package exported before migration 0019_agenda_valuation (its responses are matched by the fingerprint).
    #[serde(skip)]
    pub scored: Option<String>,
}

/// A response the portfolio imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedResponse {
    pub id: Id,
    pub meeting_id: Id,
    pub member_id: Id,
    pub package_checksum: String,
    pub checksum: String,
    pub responded_at: String,
    pub imported_at: String,
    pub imported_by: String,
    pub file_name: String,
    /// The response's content as it was in the file (JSON).
    #[serde(skip)]
    pub content: String,
    /// A newer response from the same member replaced this one.
    pub superseded: bool,
}

const PACKAGE_COLUMNS: &str =
    "checksum, meeting_id, fingerprint, exported_at, exported_by, member_id, response_key, scored";

fn package_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ExportedPackage> {
    Ok(ExportedPackage {
        checksum: r.get(0)?,
        meeting_id: r.get(1)?,
        fingerprint: r.get(2)?,
        exported_at: r.get(3)?,
        exported_by: r.get(4)?,
        member_id: r.get(5)?,
        response_key: r.get(6)?,
        scored: r.get(7)?,
    })
}

fn response_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ImportedResponse> {
    Ok(ImportedResponse {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        member_id: row.get(2)?,
        package_checksum: row.get(3)?,
        checksum: row.get(4)?,
        responded_at: row.get(5)?,
        imported_at: row.get(6)?,
        imported_by: row.get(7)?,
        file_name: row.get(8)?,
        content: row.get(9)?,
        superseded: row.get(10)?,
    })
}

const RESPONSE_COLUMNS: &str = "id, meeting_id, member_id, package_checksum, checksum, responded_at, imported_at, \
                                imported_by, file_name, content, superseded";

fn responses(conn: &Connection, filter: &str, value: &dyn rusqlite::ToSql) -> Result<Vec<ImportedResponse>> {
    let mut statement =
        conn.prepare(&format!("SELECT {RESPONSE_COLUMNS} FROM meeting_response WHERE {filter} ORDER BY id"))?;
    Ok(statement.query_map([value], response_from_row)?.collect::<rusqlite::Result<_>>()?)
}

impl Reader<'_> {
    /// The package with this checksum, if the portfolio exported it.
    pub fn exported_package(&self, checksum: &str) -> Result<Option<ExportedPackage>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {PACKAGE_COLUMNS} FROM meeting_package WHERE checksum = ?1"),
                [checksum],
                package_from_row,
            )
            .optional()?)
    }

    /// The packages exported for a meeting, oldest first.
    pub fn exported_packages(&self, meeting_id: Id) -> Result<Vec<ExportedPackage>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {PACKAGE_COLUMNS} FROM meeting_package WHERE meeting_id = ?1 ORDER BY exported_at, checksum"
        ))?;
        Ok(statement.query_map([meeting_id], package_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Every response imported for a meeting (superseded ones too), in the order they were imported.
    pub fn imported_responses(&self, meeting_id: Id) -> Result<Vec<ImportedResponse>> {
        responses(self.conn, "meeting_id = ?1", &meeting_id)
    }

    /// Every response a member sent, to any meeting (superseded ones too), in the order they were imported.
    pub fn imported_responses_of_member(&self, member_id: Id) -> Result<Vec<ImportedResponse>> {
        responses(self.conn, "member_id = ?1", &member_id)
    }

    /// The imported response with this checksum, if any.
    pub fn imported_response(&self, checksum: &str) -> Result<Option<ImportedResponse>> {
        Ok(responses(self.conn, "checksum = ?1", &checksum)?.into_iter().next())
    }
}

impl Writer<'_> {
    /// Records that a package was exported (again: the same checksum is recorded once).
    pub fn record_package(&mut self, package: &ExportedPackage) -> Result<()> {
        self.conn.execute(
            &format!(
                "INSERT OR IGNORE INTO meeting_package ({PACKAGE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ),
            params![
                package.checksum,
                package.meeting_id,
                package.fingerprint,
                package.exported_at,
                package.exported_by,
                package.member_id,
                package.response_key,
                package.scored,
            ],
        )?;
        Ok(())
    }

    /// Sets aside the exported packages (with their keys) and the imported responses, with the meetings and members
    /// they belong to, before a whole-portfolio import clears the records (their rows go with their meetings).
    pub(crate) fn set_aside_packages(&mut self) -> Result<()> {
        self.conn.execute_batch(
            "DROP TABLE IF EXISTS temp.kept_package; DROP TABLE IF EXISTS temp.kept_response;
             DROP TABLE IF EXISTS temp.kept_meeting; DROP TABLE IF EXISTS temp.kept_member;
             CREATE TEMP TABLE kept_package AS SELECT * FROM meeting_package;
             CREATE TEMP TABLE kept_response AS SELECT * FROM meeting_response;
             CREATE TEMP TABLE kept_meeting AS SELECT id, body, date FROM meeting;
             CREATE TEMP TABLE kept_member AS SELECT id, name FROM member;",
        )?;
        Ok(())
    }

    /// Brings back what [`Writer::set_aside_packages`] kept, for the meetings and members the imported data still
    /// holds under the same id, body and date (name for members): a replacement by the portfolio's own export keeps
    /// every package key, so members' responses still authenticate, and every response kept. Packages and responses
    /// of meetings that are gone, or whose id now names another meeting, are dropped. Returns how many packages
    /// and responses were kept.
    pub(crate) fn restore_packages(&mut self) -> Result<(usize, usize)> {
        let same_meeting = "JOIN kept_meeting was ON was.id = kept.meeting_id
             JOIN meeting now ON now.id = was.id AND now.body = was.body AND now.date = was.date";
        let same_member = |column: &str| {
            format!(
                "(kept.{column} IS NULL OR EXISTS (SELECT 1 FROM kept_member m0 JOIN member m1 ON m1.id = m0.id
                  AND m1.name = m0.name WHERE m0.id = kept.{column}))"
            )
        };
        let packages = self.conn.execute(
            &format!(
                "INSERT INTO meeting_package SELECT kept.* FROM kept_package kept {same_meeting} WHERE {}",
                same_member("member_id")
            ),
            [],
        )?;
        let responses = self.conn.execute(
            &format!(
                "INSERT INTO meeting_response SELECT kept.* FROM kept_response kept {same_meeting} WHERE {}
                 AND kept.package_checksum IN (SELECT checksum FROM meeting_package)",
                same_member("member_id")
            ),
            [],
        )?;
        self.conn.execute_batch(
            "DROP TABLE temp.kept_package; DROP TABLE temp.kept_response;
             DROP TABLE temp.kept_meeting; DROP TABLE temp.kept_member;",
        )?;
        Ok((packages, responses))
    }

    /// Keeps an imported response, marking the member's earlier responses to the meeting as superseded. The
    /// response's id, import time and importer are the writer's.
    pub fn record_response(&mut self, response: &ImportedResponse) -> Result<Id> {
        self.conn.execute(
            "UPDATE meeting_response SET superseded = 1 WHERE meeting_id = ?1 AND member_id = ?2",
            [response.meeting_id, response.member_id],
        )?;
        self.conn.execute(
            &format!(
                "INSERT INTO meeting_response ({RESPONSE_COLUMNS}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)"
            ),
            params![
                response.meeting_id,
                response.member_id,
                response.package_checksum,
                response.checksum,
                response.responded_at,
                self.stamp.at.to_string(),
                self.stamp.by,
                response.file_name,
                response.content,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }
}
