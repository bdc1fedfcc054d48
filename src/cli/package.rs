//! `samordna package export|show|respond|import|status`: meeting packages for members who prepare offline.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use samordna::Timestamp;
use samordna::domain::{Id, ItemRef, Language};
use samordna::files;
use samordna::package::{self, IncomingResponse, Outcome as ImportOutcome, ResponseScore};
use samordna::time::stored_as_local_text;
use samordna::{Portfolio, Stamp};
use serde::Deserialize;

use super::meetings::PaperLanguage;
use super::{Failure, Outcome, Outputs, json, print, required};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a meeting's packages for members, one per member: agenda, packet (PDF), criteria, initiatives to
    /// score, and the key that authenticates the member's response.
    Export {
        #[arg(long)]
        meeting: Id,
        /// The folder to write the packages to (made if missing), one file per member named by the member.
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
        /// The member's package file.
        package: PathBuf,
        /// The member the package was made for: id or exact name, as a check.
        #[arg(long)]
        member: String,
        /// A score: `CASE,CRITERION,VALUE[,COMMENT]` (CASE: an initiative's case number or a service's name);
        /// CRITERION is its id or exact name, VALUE a level or `?` for
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
        /// Only show what would change (exit 1 when a file would be refused).
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

/// Reads an input through a size limit, so that a device or a pipe (`/dev/zero`) is refused, not read forever.
fn read(path: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    Ok(files::read_limited(path, limit as u64)?)
}

pub fn run(
    command: Command,
    portfolio_path: Option<&Path>,
    outputs: &Outputs,
    stamp: &Stamp,
    now: Timestamp,
) -> Outcome {
    match command {
        Command::Export { meeting, out, language } => export(portfolio_path, stamp, now, meeting, out, language),
        Command::Show { package, json } => show(package, json),
        Command::Respond { package, member, scores, scores_file, comment, out } => {
            respond(outputs, package, member, scores, scores_file, comment, out, now)
        }
        Command::Import { responses, meeting, dry_run, json } => {
            import(portfolio_path, stamp, now, responses, meeting, dry_run, json)
        }
        Command::Status { meeting, json } => status(portfolio_path, now, meeting, json),
    }
}

/// Writes a meeting's packages into a folder, one per member.
fn export(
    portfolio_path: Option<&Path>,
    stamp: &Stamp,
    now: Timestamp,
    meeting: Id,
    out: PathBuf,
    language: PaperLanguage,
) -> Outcome {
    let names_a_file =
        out.is_file() || out.extension().is_some_and(|e| e.eq_ignore_ascii_case(package::PACKAGE_EXTENSION));
    if names_a_file {
        return Err(Failure::Usage(format!(
            "--out {}: give a folder; the packages are one per member, named by member",
            out.display()
        )));
    }
    let mut portfolio = Portfolio::open(required(portfolio_path)?, now)?;
    let written = package::export_to_folder(&mut portfolio, stamp, meeting, Language::from(language), &out)?;
    if written.is_empty() {
        return Err(Failure::Input(format!("meeting {meeting} has no members to make packages for")));
    }
    for path in &written {
        eprintln!("{}", path.display());
    }
    eprintln!("{} package(s), one per member, in {}", written.len(), out.display());
    Ok(())
}

/// Checks a package and prints what it holds, without its key.
fn show(path: PathBuf, as_json: bool) -> Outcome {
    let package = package::open(&read(&path, package::MAX_PACKAGE_BYTES)?)?;
    if as_json {
        let mut value = serde_json::to_value(&package).expect("packages serialise");
        value["content"]["response_key"] = serde_json::Value::from("(secret)");
        for paper in value["content"]["papers"].as_array_mut().into_iter().flatten() {
            paper["data"] =
                serde_json::Value::from(format!("({} bytes, base64)", paper["data"].as_str().map_or(0, str::len)));
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
    let _ = writeln!(text, "for {} ({})", c.member.name, c.member.id);
    let _ = writeln!(text, "exported {} by {}", stored_as_local_text(&c.exported_at), c.exported_by);
    for item in &c.meeting.items {
        let valuation = if item.valuation { " (the valuation of the criteria set)" } else { "" };
        let _ = writeln!(text, "  {:>2}. {}{valuation}", item.number, item.title);
    }
    if let Some(set) = &c.criteria_set {
        let _ = writeln!(text, "criteria: {} ({} criteria)", set.name, set.criteria.len());
    }
    for i in &c.initiatives {
        let _ = writeln!(text, "  to score: {} {} (item {})", i.case_number, i.title, i.item_number);
    }
    for s in &c.services {
        let _ = writeln!(text, "  to score: service {} (item {})", s.name, s.item_number);
    }
    print(&text)
}

/// Writes a member's authenticated response to their package, from `--score` arguments and a scores file.
#[allow(clippy::too_many_arguments)]
fn respond(
    outputs: &Outputs,
    path: PathBuf,
    member_arg: String,
    scores: Vec<String>,
    scores_file: Option<PathBuf>,
    comment: String,
    out: PathBuf,
    now: Timestamp,
) -> Outcome {
    // The response is written aside and renamed: it must not replace the portfolio (however it was named), its
    // files, the package or the scores it is made from.
    let mut guard = outputs.with_input(&path);
    if let Some(file) = &scores_file {
        guard = guard.with_input(file);
    }
    let out = guard.check(&out)?;
    let package = package::open(&read(&path, package::MAX_PACKAGE_BYTES)?)?;
    let c = &package.content;
    let member = &c.member;
    if member.name != member_arg && member_arg.parse::<Id>().ok() != Some(member.id) {
        return Err(Failure::Input(format!("the package is {}'s, not {member_arg}'s", member.name)));
    }
    let mut lines: Vec<ScoreLine> = match &scores_file {
        Some(file) => {
            let text = files::read_text_limited(file, package::MAX_RESPONSE_BYTES as u64)?;
            serde_json::from_str(&text).map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?
        }
        None => Vec::new(),
    };
    for score in &scores {
        let parts: Vec<&str> = score.splitn(4, ',').collect();
        let [initiative, criterion, value, rest @ ..] = parts.as_slice() else {
            return Err(Failure::Usage(format!("--score {score}: expected CASE,CRITERION,VALUE[,COMMENT]")));
        };
        let value = match value.trim() {
            "?" => None,
            v => Some(v.parse::<u8>().map_err(|_| Failure::Usage(format!("--score {score}: {v} is not a level")))?),
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
        // An initiative by its case number, a shared service by its name.
        let initiative =
            c.initiatives.iter().find(|i| i.case_number == line.initiative).map(|i| ItemRef::Initiative(i.id));
        let service = || c.services.iter().find(|s| s.name == line.initiative).map(|s| ItemRef::Service(s.id));
        let item = initiative
            .or_else(service)
            .ok_or_else(|| Failure::Input(format!("{} is not scored in this package", line.initiative)))?;
        let criterion = criteria
            .iter()
            .find(|k| match &line.criterion {
                serde_json::Value::Number(n) => n.as_i64() == Some(k.id),
                serde_json::Value::String(s) => k.name == *s || s.parse::<Id>().is_ok_and(|id| id == k.id),
                _ => false,
            })
            .ok_or_else(|| Failure::Input(format!("{} is not a criterion in this package", line.criterion)))?;
        resolved.push(ResponseScore { item, criterion_id: criterion.id, value: line.value, comment: line.comment });
    }
    let response = package::respond(&package, member.id, resolved, &comment, now)?;
    out.write(&response.bytes)?;
    eprintln!("{}: response of {} ({})", out.path().display(), member.name, response.checksum);
    Ok(())
}

/// Imports (or with `dry_run` previews) responses all or nothing, printing what they change or why one is refused.
fn import(
    portfolio_path: Option<&Path>,
    stamp: &Stamp,
    now: Timestamp,
    responses: Vec<PathBuf>,
    meeting: Option<Id>,
    dry_run: bool,
    as_json: bool,
) -> Outcome {
    if responses.is_empty() {
        return Err(Failure::Usage("give one or more response files".into()));
    }
    let mut files = Vec::new();
    for path in &responses {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        files.push(IncomingResponse { name, bytes: read(path, package::MAX_RESPONSE_BYTES)? });
    }
    let mut portfolio = Portfolio::open(required(portfolio_path)?, now)?;
    let report = if dry_run {
        let report = package::preview(&mut portfolio, stamp, meeting, &files)?;
        if report.refused > 0 {
            if as_json {
                print(&json(&report))?
            } else {
                print(&describe(&report))?
            }
            return Err(Failure::Input(format!(
                "{} of {} file(s) would be refused{}",
                report.refused,
                files.len(),
                report.first_refusal().map(|r| format!(" ({r})")).unwrap_or_default()
            )));
        }
        report
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

/// Prints who has and has not responded to a meeting's package.
fn status(portfolio_path: Option<&Path>, now: Timestamp, meeting: Id, as_json: bool) -> Outcome {
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
                stored_as_local_text(&p.exported_at),
                p.exported_by,
                if status.current { "" } else { " (what members score has changed since: export a new one)" }
            );
        }
        None => text.push_str("no package exported yet\n"),
    }
    for change in &status.since_export {
        let _ = writeln!(text, "  since then: {change}");
    }
    for m in &status.members {
        let responded = m
            .responded_at
            .as_deref()
            .map_or("no response".to_string(), |at| format!("responded {}", stored_as_local_text(at)));
        let _ = writeln!(text, "{:<24} {:<28} scored {}/{}", m.name, responded, m.scored, m.cells);
    }
    print(&text)
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
        for change in &r.since_export {
            let _ = writeln!(text, "    since the package was exported: {change}");
        }
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
        for kept in &r.kept_newer {
            let _ = writeln!(
                text,
                "    {} / {}: kept, the newer response of {} to {} scored it",
                kept.initiative,
                kept.criterion,
                stored_as_local_text(&kept.newer),
                kept.meeting
            );
        }
    }
    let _ = writeln!(text, "{} score(s) change; {} file(s) refused", report.changed, report.refused);
    text
}
