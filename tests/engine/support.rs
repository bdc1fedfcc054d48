//! Shared helpers: stamps, temporary portfolios, records to write.

use std::path::{Path, PathBuf};

use samordna::Timestamp;
use samordna::domain::{Id, Initiative, Organisation, OrganisationKind, YearCost};
use samordna::interchange::PortfolioData;
use samordna::time::NaiveDate;
use samordna::{Money, Portfolio, Stamp};
use tempfile::TempDir;

pub fn at(text: &str) -> Timestamp {
    text.parse().expect("test timestamp")
}

/// A calendar date from its `YYYY-MM-DD` text.
pub fn day(text: &str) -> NaiveDate {
    samordna::time::parse_date(text).expect("test date")
}

pub fn stamp() -> Stamp {
    Stamp::new("Anna Lindqvist", at("2026-11-26T09:30:00Z"))
}

/// Anna Lindqvist on 4 December 2026, the day after the sample's meeting of 3 December: its decisions can be
/// recorded and its minutes approved; the meeting of 17 December has not taken place.
pub fn after_meeting() -> Stamp {
    Stamp::new("Anna Lindqvist", at("2026-12-04T09:30:00Z"))
}

/// A temporary folder that holds a portfolio file.
pub struct Workspace {
    pub dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace { dir: tempfile::tempdir().expect("temporary folder") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn new_portfolio(&self) -> Portfolio {
        Portfolio::create(&self.path("test.samordna"), &stamp()).expect("new portfolio")
    }

    pub fn sample(&self) -> Portfolio {
        samordna::sample::create(&self.path("sample.samordna"), &stamp()).expect("sample portfolio")
    }

    /// The names of the files in the folder, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

pub fn export(portfolio: &Portfolio) -> String {
    PortfolioData::read(&portfolio.read()).unwrap().to_json()
}

/// The number of rows in the change history.
pub fn change_count(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM change", [], |row| row.get(0)).unwrap()
}

pub fn organisation(name: &str) -> Organisation {
    Organisation { id: 0, name: name.into(), kind: OrganisationKind::Board, parent_id: None }
}

/// A förvaltning under the nämnd `board`: a customer, as a nämnd never is (riktlinjen, "Begrepp").
pub fn administration(name: &str, board: Id) -> Organisation {
    Organisation { id: 0, name: name.into(), kind: OrganisationKind::Administration, parent_id: Some(board) }
}

pub fn initiative(case_number: &str, owner: Id) -> Initiative {
    Initiative {
        case_number: case_number.into(),
        title: "Digital signering".into(),
        owner_id: Some(owner),
        ..Initiative::draft(vec![
            YearCost { year: 2026, development: Money::from_kronor(500_000), management: Money::ZERO },
            YearCost { year: 2027, development: Money::ZERO, management: Money::from_ore(12_000_050) },
        ])
    }
}

/// The fields and reasons of every `not_allowed` rule an `invalid` error names, for tests that check why a write
/// was refused without depending on the message's wording.
pub fn not_allowed(error: &samordna::Error) -> Vec<(String, samordna::domain::Reason)> {
    match error {
        samordna::Error::Invalid { problems, .. } => problems
            .errors()
            .iter()
            .filter_map(|e| match &e.rule {
                samordna::domain::Rule::NotAllowed { reason } => Some((e.field.clone(), reason.clone())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The CLI, run in the workspace's folder as a named secretary, with no portfolio from the environment.
pub fn samordna(workspace: &Workspace) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("samordna").unwrap();
    command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Sekreterare Test");
    command
}
