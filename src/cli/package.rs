//! `samordna package export|show|respond|import|status`: meeting packages for members who prepare offline.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use jiff::Timestamp;
use samordna::domain::{Id, Language};
use samordna::package::{self, IncomingResponse, Outcome as ImportOutcome, ResponseScore};
use samordna::{Portfolio, Stamp};
use serde::Deserialize;

use super::meetings::PaperLanguage;
use super::{Failure, Outcome, io_failure, json, print, required};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a meeting's package for members: agenda, packet (PDF), criteria, initiatives to score.
    Export {
        #[arg(long)]
        meeting: Id,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "sv")]
        language: PaperLanguage,
    },
    /// Check a package and print what it holds (needs no portfolio).
    Show {
        package: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write a member's response to a package (needs no portfolio).
    Respond {
        /// The package file.
        package: PathBuf,
        /// The member: id or exact name as in the package.
        #[arg(long)]
        member: String,
        /// A score: `CASE,CRITERION,VALUE[,COMMENT]`; CRITERION is its id or exact name, VALUE a level or `?` for
        /// "don't know". Repeat for each score.
        #[arg(long = "score")]
        scores: Vec<String>,
        /// Scores from a JSON file: `[{"initiative": CASE, "criterion": ID or name, "value": N or null,
        /// "comment": "…"}]`.
        #[arg(long)]
        scores_file: Option<PathBuf>,
        /// A comment to the group.
        #[arg(long, default_value = "")]
        comment: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import members' responses: all or nothing; a response imported before changes nothing.
    Import {
        responses: Vec<PathBuf>,
        /// Refuse responses for any other meeting.
        #[arg(long)]
        meeting: Option<Id>,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Who has and has not responded to a meeting's package.
    Status {
        #[arg(long)]
        meeting: Id,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreLine {
    initiative: String,
    criterion: serde_json::Value,
    value: Option<u8>,
    #[serde(default)]
    comment: String,
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| io_failure(path, e))
}

pub fn run(command: Command, portfolio_path: Option<&Path>, stamp: &Stamp, now: Timestamp) -> Outcome {
    match command {
        Command::Export { meeting, out, language } => {
            let mut portfolio = Portfolio::open(required(portfolio_path)?, now)?;
            let file = package::export(&mut portfolio, stamp, meeting, Language::from(language))?;
            samordna::files::write_atomically(&out, &file.bytes)?;
            eprintln!("{}: package {}", out.display(), file.checksum);
            Ok(())
        }
        Command::Show { package: path, json: as_json } => {
            let package = package::open(&read(&path)?)?;
            if as_json {
                let mut value = serde_json::to_value(&package).expect("packages serialise");
                for paper in value["content"]["papers"].as_array_mut().into_iter().flatten() {
                    paper["data"] = serde_json::Value::from(format!(
                        "({} bytes, base64)",
                        paper["data"].as_str().map_or(0, str::len)
                    ));
                }
                return print(&json(&value));
            }
            let c = &package.content;
            let mut text = String::new();
            let _ = writeln!(
                text,
                "{} {} {}–{}  {}",
                c.meeting.body, c.meeting.date, c.meeting.start_time, c.meeting.end_time, c.meeting.place
            );
            let _ = writeln!(text, "checksum {}", package.checksum);
            let _ = writeln!(text, "exported {} by {}", c.exported_at, c.exported_by);
            for item in &c.meeting.items {
                let _ = writeln!(text, "  {:>2}. {}", item.number, item.title);
            }
            if let Some(set) = &c.criteria_set {
                let _ = writeln!(text, "criteria: {} ({} criteria)", set.name, set.criteria.len());
            }
            for i in &c.initiatives {
                let _ = writeln!(text, "  to score: {} {}", i.case_number, i.title);
            }
            let members: Vec<&str> = c.members.iter().map(|m| m.name.as_str()).collect();
            let _ = writeln!(text, "members: {}", members.join(", "));
            print(&text)
        }
        Command::Respond { package: path, member, scores, scores_file, comment, out } => {
            let package = package::open(&read(&path)?)?;
            let c = &package.content;
            let member = c
                .members
                .iter()
                .find(|m| m.name == member || member.parse::<Id>().is_ok_and(|id| id == m.id))
                .ok_or_else(|| Failure::Input(format!("{member} is not a member in the package")))?;
            let mut lines: Vec<ScoreLine> = match &scores_file {
                Some(file) => super::read_input(file)?,
                None => Vec::new(),
            };
            for score in &scores {
                let parts: Vec<&str> = score.splitn(4, ',').collect();
                let [initiative, criterion, value, rest @ ..] = parts.as_slice() else {
                    return Err(Failure::Usage(format!("--score {score}: expected CASE,CRITERION,VALUE[,COMMENT]")));
                };
                let value = match value.trim() {
                    "?" => None,
                    v => Some(
                        v.parse::<u8>().map_err(|_| Failure::Usage(format!("--score {score}: {v} is not a level")))?,
                    ),
                };
                lines.push(ScoreLine {
                    initiative: initiative.trim().to_string(),
                    criterion: serde_json::Value::from(criterion.trim()),
                    value,
                    comment: rest.first().map(|c| c.trim().to_string()).unwrap_or_default(),
                });
            }
            let criteria = c.criteria_set.as_ref().map(|s| s.criteria.as_slice()).unwrap_or_default();
            let mut resolved = Vec::new();
            for line in lines {
                let initiative = c
                    .initiatives
                    .iter()
                    .find(|i| i.case_number == line.initiative)
                    .ok_or_else(|| Failure::Input(format!("{} is not scored in this package", line.initiative)))?;
                let criterion = criteria
                    .iter()
                    .find(|k| match &line.criterion {
                        serde_json::Value::Number(n) => n.as_i64() == Some(k.id),
                        serde_json::Value::String(s) => k.name == *s || s.parse::<Id>().is_ok_and(|id| id == k.id),
                        _ => false,
                    })
                    .ok_or_else(|| Failure::Input(format!("{} is not a criterion in this package", line.criterion)))?;
                resolved.push(ResponseScore {
                    initiative_id: initiative.id,
                    criterion_id: criterion.id,
                    value: line.value,
                    comment: line.comment,
                });
            }
            let response = package::respond(&package, member.id, resolved, &comment, now)?;
            samordna::files::write_atomically(&out, &response.bytes)?;
            eprintln!("{}: response of {} ({})", out.display(), member.name, response.checksum);
            Ok(())
        }
        Command::Import { responses, meeting, dry_run, json: as_json } => {
            if responses.is_empty() {
                return Err(Failure::Usage("give one or more response files".into()));
            }
            let mut files = Vec::new();
            for path in &responses {
                let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                files.push(IncomingResponse { name, bytes: read(path)? });
            }
            let mut portfolio = Portfolio::open(required(portfolio_path)?, now)?;
            let report = if dry_run {
                package::preview(&mut portfolio, stamp, meeting, &files)?
            } else {
                match package::import(&mut portfolio, stamp, meeting, &files) {
                    Ok(report) => report,
                    Err(samordna::Error::Refused(_)) => {
                        let report = package::preview(&mut portfolio, stamp, meeting, &files)?;
                        print(&describe(&report))?;
                        let refusal = report.first_refusal().cloned();
                        return Err(Failure::Input(format!(
                            "nothing was imported: {} of {} file(s) refused{}",
                            report.refused,
                            files.len(),
                            refusal.map(|r| format!(" ({r})")).unwrap_or_default()
                        )));
                    }
                    Err(other) => return Err(other.into()),
                }
            };
            if as_json { print(&json(&report)) } else { print(&describe(&report)) }
        }
        Command::Status { meeting, json: as_json } => {
            let portfolio = super::read_only(portfolio_path, now)?;
            let status = package::status(&portfolio.read(), meeting)?;
            if as_json {
                return print(&json(&status));
            }
            let mut text = String::new();
            match status.packages.last() {
                Some(p) => {
                    let _ = writeln!(
                        text,
                        "last package exported {} by {}{}",
                        p.exported_at,
                        p.exported_by,
                        if status.current { "" } else { " (the meeting has changed since: export a new one)" }
                    );
                }
                None => text.push_str("no package exported yet\n"),
            }
            for m in &status.members {
                let responded =
                    m.responded_at.as_deref().map_or("no response".to_string(), |at| format!("responded {at}"));
                let _ = writeln!(text, "{:<24} {:<28} scored {}/{}", m.name, responded, m.scored, m.cells);
            }
            print(&text)
        }
    }
}

fn describe(report: &package::ImportReport) -> String {
    let mut text = String::new();
    for r in &report.responses {
        let who = r.member.as_deref().unwrap_or("?");
        let what = match &r.outcome {
            ImportOutcome::New => format!("new response, {} score(s) change", r.changes.len()),
            ImportOutcome::Replaces { previous } => {
                format!("replaces the response of {previous}, {} score(s) change", r.changes.len())
            }
            ImportOutcome::AlreadyImported => "already imported: nothing changes".into(),
            ImportOutcome::Older { newer } => format!("older than the response of {newer}: nothing changes"),
            ImportOutcome::Refused(refusal) => format!("refused: {refusal}"),
        };
        let _ = writeln!(text, "{}: {who}: {what}", r.file);
        for change in &r.changes {
            let show = |scored: bool, v: Option<u8>| match (scored, v) {
                (false, _) => "–".to_string(),
                (true, None) => "?".to_string(),
                (true, Some(v)) => v.to_string(),
            };
            let _ = writeln!(
                text,
                "    {} / {}: {} → {}",
                change.initiative,
                change.criterion,
                show(change.old_scored, change.old),
                show(change.new_scored, change.new)
            );
        }
    }
    let _ = writeln!(text, "{} score(s) change; {} file(s) refused", report.changed, report.refused);
    text
}
