//! Argument parsing and dispatch. Each area has its own module; all of them only call the engine.

mod analyses;
mod backups;
mod benefits;
mod budget;
mod follow_up;
mod funding;
mod initiatives;
mod meetings;
mod package;
mod rank;
mod select;
mod sheets;
mod weights;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use samordna::Timestamp;
use samordna::domain::Id;
use samordna::interchange::PortfolioData;
use samordna::{Portfolio, Stamp};

#[derive(Debug, Parser)]
#[command(
    name = "samordna",
    version,
    about = "Samordna: portfolio, prioritisation and meeting papers for the \
    strategic coordination group for digitalisation"
)]
pub struct Args {
    /// The portfolio file.
    #[arg(long, short = 'p', env = "SAMORDNA_PORTFOLIO", global = true)]
    portfolio: Option<PathBuf>,
    /// The name recorded in the change history (defaults to the login name).
    #[arg(long, env = "SAMORDNA_USER", global = true)]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new portfolio file (with the default providers, or the bundled sample).
    Init {
        /// Fill it with the bundled Swedish sample portfolio.
        #[arg(long)]
        sample: bool,
    },
    /// Write the whole portfolio as JSON (see docs/portfolio-format.md).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Replace the portfolio's content with an exported JSON file, all or nothing (creates the portfolio if it
    /// does not exist); or, with --merge, update and add records by their natural keys and leave the rest.
    Import {
        file: PathBuf,
        /// Allow replacing a portfolio that already holds data (a backup is taken first, and named).
        #[arg(long, conflicts_with = "merge")]
        replace: bool,
        /// Update and add records by their natural keys (case number, names, meeting date and body …), each change
        /// in the history field by field; records the file does not hold stay as they are.
        #[arg(long)]
        merge: bool,
        /// With --merge: show what would change, writing nothing.
        #[arg(long, requires = "merge")]
        dry_run: bool,
    },
    /// List and show initiatives, and move one along its lifecycle.
    #[command(subcommand)]
    Initiatives(initiatives::Command),
    /// List meetings with their ids and agenda items.
    #[command(subcommand)]
    Meetings(meetings::Command),
    /// Backups of the portfolio: list them, make one now, or restore one.
    #[command(subcommand)]
    Backups(BackupCommand),
    /// Meeting packages for members who prepare offline, and their responses.
    #[command(subcommand)]
    Package(package::Command),
    /// The providers' yearly analyses (årlig analys) to the group: who has handed in, and taking a presented one
    /// into the portfolio (its levels, investments, development needs).
    #[command(subcommand)]
    Analyses(analyses::Command),
    /// The group's frames: the follow-up of a year against them (`budget follow-up --year Y`).
    #[command(subcommand)]
    Budget(follow_up::Command),
    /// Write a paper as PDF/A-2b: a meeting's (--meeting), a provider's yearly analysis (`arlig-analys
    /// --provider ID --year Y`), or a scenario's budget material (`budgetunderlag --scenario ID`).
    Paper {
        #[arg(value_enum)]
        kind: meetings::Kind,
        /// The meeting's id (see `meetings list`); required for the meeting papers.
        #[arg(long)]
        meeting: Option<Id>,
        /// For `arlig-analys`: the provider's id (see `analyses list`).
        #[arg(long)]
        provider: Option<Id>,
        /// For `arlig-analys`: the year of the analysis (the period it looks ahead to).
        #[arg(long)]
        year: Option<i32>,
        /// For `budgetunderlag`: the selection scenario's id.
        #[arg(long)]
        scenario: Option<Id>,
        /// For `budgetunderlag`: select within the proposed frames or the council's decided ones.
        #[arg(long, value_enum, default_value = "proposed")]
        basis: budget::Basis,
        /// The agenda item's number, from 1 (required for `utdrag`; for `underlag`, one item's memo).
        #[arg(long)]
        item: Option<usize>,
        /// Only these agenda items' memos and attachments, e.g. `--items 2,3,5` (packet and memos; the notice in
        /// a packet still shows the whole agenda).
        #[arg(long, value_delimiter = ',')]
        items: Vec<usize>,
        /// Leave the attachments out of the packet.
        #[arg(long)]
        without_attachments: bool,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        /// The language of the paper.
        #[arg(long, value_enum, default_value = "sv")]
        language: meetings::PaperLanguage,
    },
    /// The yearly follow-up as PDF/A-2b: one provider's (--provider), or the summary of every provider's yearly
    /// follow-up (sammanställning av tjänsteleverantörernas årliga uppföljning). The providers' yearly analysis is
    /// `paper arlig-analys`.
    Report {
        /// The year followed up.
        #[arg(long)]
        year: i32,
        /// The provider's id; without it, the summary of every provider's follow-up.
        #[arg(long)]
        provider: Option<Id>,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "sv")]
        language: meetings::PaperLanguage,
    },
    /// Write a table of the portfolio as an XLSX spreadsheet (initiatives, services, organisations, benefits, actual
    /// outcomes, or the ranking of the latest criteria set).
    ExportSheet {
        /// initiatives, services, organisations, benefits, actuals, ranking, providers, members, deviations, frames,
        /// funding or volumes (with --initiative or --service), or budget (with --scenario).
        #[arg(long)]
        kind: String,
        /// For --kind budget: the selection scenario's id.
        #[arg(long)]
        scenario: Option<Id>,
        /// For --kind budget: select within the proposed frames or the council's decided ones.
        #[arg(long, value_enum, default_value = "proposed")]
        basis: budget::Basis,
        /// For --kind funding or volumes: the initiative's case number.
        #[arg(long, conflicts_with = "service")]
        initiative: Option<String>,
        /// For --kind funding or volumes: the shared service's name.
        #[arg(long)]
        service: Option<String>,
        /// For --kind ranking: the criteria set's id (default: the latest planning period).
        #[arg(long)]
        set: Option<Id>,
        /// For --kind analysis: the provider's id (the template of its yearly analysis, its services prefilled).
        #[arg(long)]
        provider: Option<Id>,
        /// For --kind analysis: the year of the analysis.
        #[arg(long)]
        year: Option<i32>,
        /// Write the empty import template of the kind instead of its records.
        #[arg(long)]
        template: bool,
        /// The XLSX file to write.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "sv")]
        language: meetings::PaperLanguage,
    },
    /// Import initiatives, services, organisations, benefits, actual outcomes (`actuals`: `Diarienummer` or
    /// `Namn`, `År`, `Utveckling utfall (kr)`, `Förvaltning utfall (kr)`), the group's members, the providers or the
    /// council's decided frames (`frames`: `År`, `Ram utveckling (kr)`, `Ram förvaltning (kr)`, `Beslutsdatum`, `Beslut (§, diarienummer)`) from
    /// XLSX or CSV (the exported sheet or the template): all or nothing; rows with a known key update, others create. `--kind analysis --provider ID
    /// --year Y` imports a provider's yearly analysis from its template.
    ImportSheet {
        file: PathBuf,
        /// initiatives, services, organisations, benefits, actuals, members, providers, frames, volumes (with
        /// --initiative or --service) or analysis.
        #[arg(long)]
        kind: String,
        /// For --kind volumes: the initiative's case number.
        #[arg(long, conflicts_with = "service")]
        initiative: Option<String>,
        /// For --kind volumes: the shared service's name.
        #[arg(long)]
        service: Option<String>,
        /// For --kind analysis: the provider's id.
        #[arg(long)]
        provider: Option<Id>,
        /// For --kind analysis: the year of the analysis.
        #[arg(long)]
        year: Option<i32>,
        /// Only show what would change and every problem, by row and column.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
        /// The language of the problems.
        #[arg(long, value_enum, default_value = "en")]
        language: meetings::PaperLanguage,
    },
    /// The ranking of a criteria set's initiatives: weighted value, ties, value per million kronor, gates.
    Rank {
        /// The criteria set's id (default: the one with the latest planning period).
        #[arg(long)]
        set: Option<Id>,
        #[arg(long)]
        json: bool,
    },
    /// Benefit calculations from a JSON file: NPV, IRR, payback (needs no portfolio).
    #[command(subcommand)]
    Benefits(benefits::Command),
    /// Funding model comparison from a JSON file (needs no portfolio).
    #[command(subcommand)]
    Funding(funding::Command),
    /// Criteria weights from pairwise comparisons (needs no portfolio).
    #[command(subcommand)]
    Weights(weights::Command),
    /// The most valuable set of initiatives within budget frames, from a JSON file (needs no portfolio).
    Select {
        /// `{"frames": {"2026": amount, ...}, "candidates": [{"id", "value", "cost", "mandatory", "excluded",
        /// "requires", "excludes"}]}`; amounts in kronor.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// The portfolio's backups, newest first (in `.samordna-backups` beside it).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make a backup now (the app makes one a day by itself; the newest 14 are kept).
    Make,
    /// Replace the portfolio with a backup, after backing up the portfolio as it is.
    Restore { backup: PathBuf },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
}

/// Why the command failed: wrong use (exit 2), or an engine error or bad input file (exit 1).
pub enum Failure {
    Usage(String),
    Engine(samordna::Error),
    /// An input file that cannot be used, with the reason.
    Input(String),
}

impl From<samordna::Error> for Failure {
    fn from(error: samordna::Error) -> Self {
        Failure::Engine(error)
    }
}

pub type Outcome = Result<(), Failure>;

/// Runs one command. `now` stamps the changes it makes.
pub fn run(args: Args, now: Timestamp) -> Outcome {
    let stamp = Stamp::new(signature(args.user.as_deref()), now);
    let path = args.portfolio.as_deref();
    let outputs = Outputs::new(path);
    match args.command {
        Command::Init { sample } => init(path, &stamp, sample),
        Command::Export { format: ExportFormat::Json, out } => {
            let out = out.map(|out| outputs.check(&out)).transpose()?;
            export_portfolio(path, now, out)
        }
        Command::Import { file, merge: true, dry_run, .. } => merge_portfolio(path, &stamp, now, &file, dry_run),
        Command::Import { file, replace, .. } => import_portfolio(path, &stamp, now, &file, replace),
        Command::Initiatives(command @ initiatives::Command::Step { .. }) => {
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            initiatives::step(command, &mut portfolio, &stamp)
        }
        Command::Initiatives(command @ initiatives::Command::Undo { .. }) => {
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            initiatives::undo(command, &mut portfolio, &stamp)
        }
        Command::Initiatives(command) => {
            let portfolio = read_only(path, now)?;
            initiatives::run(command, &portfolio.read())
        }
        Command::Meetings(command @ meetings::Command::Decide { .. }) => {
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            meetings::decide(command, &mut portfolio, &stamp)
        }
        Command::Meetings(command @ meetings::Command::Approve { .. }) => {
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            meetings::approve(command, &mut portfolio, &stamp)
        }
        Command::Meetings(command) => {
            let portfolio = read_only(path, now)?;
            meetings::run(command, &portfolio.read())
        }
        Command::Package(command) => package::run(command, path, &outputs, &stamp, now),
        Command::Backups(command) => backups::run(command, path, now),
        Command::Analyses(command) => analyses::run(command, path, &stamp, now),
        Command::Budget(command) => {
            let portfolio = read_only(path, now)?;
            follow_up::run(command, &portfolio.read())
        }
        Command::Paper { kind: meetings::Kind::Budgetunderlag, scenario, basis, out, language, .. } => {
            let out = outputs.check(&out)?;
            budget::paper(path, budget::BudgetArgs { scenario, basis, out, language }, now, &stamp.by)
        }
        Command::Paper { kind, meeting, provider, year, item, items, without_attachments, out, language, .. } => {
            let meeting = match (kind.of_meeting(), meeting) {
                (true, Some(meeting)) => meeting,
                (true, None) => {
                    return Err(Failure::Usage("a meeting paper needs the meeting: give --meeting ID".into()));
                }
                (false, Some(_)) => {
                    return Err(Failure::Usage(
                        "the yearly analysis is not a meeting's paper: leave out --meeting".into(),
                    ));
                }
                (false, None) => {
                    let out = outputs.check(&out)?;
                    let portfolio = read_only(path, now)?;
                    return analyses::paper(&portfolio.read(), provider, year, out, language, now, &stamp.by);
                }
            };
            let out = outputs.check(&out)?;
            let portfolio = read_only(path, now)?;
            let args = meetings::PaperArgs { kind, meeting, item, items, without_attachments, out, language };
            meetings::paper(&portfolio.read(), args, now, &stamp.by)
        }
        Command::Report { year, provider, out, language } => {
            let out = outputs.check(&out)?;
            let portfolio = read_only(path, now)?;
            let language = samordna::domain::Language::from(language);
            let request = samordna::papers::ReportRequest { year, provider_id: provider, language };
            let paper = samordna::papers::yearly_report(&portfolio.read(), &request, now, &stamp.by)?;
            paper.save(&out)?;
            eprintln!("{}: {} ({} pages)", out.path().display(), paper.title, paper.pages);
            Ok(())
        }
        Command::ImportSheet { file, kind, provider, year, initiative, service, dry_run, json, language } => {
            let options =
                sheets::ImportOptions { file, kind, provider, year, initiative, service, dry_run, json, language };
            sheets::import(path, &stamp, options, now)
        }
        Command::ExportSheet { kind, scenario, basis, out, language, .. } if kind == "budget" => {
            let out = outputs.check(&out)?;
            budget::sheet(path, budget::BudgetArgs { scenario, basis, out, language }, now)
        }
        Command::ExportSheet { kind, initiative, service, set, provider, year, template, out, language, .. } => {
            let out = outputs.check(&out)?;
            let options =
                sheets::ExportOptions { kind, initiative, service, set, provider, year, template, out, language };
            sheets::export(path, options, now)
        }
        Command::Rank { set, json } => {
            let portfolio = read_only(path, now)?;
            rank::run(&portfolio.read(), set, json)
        }
        Command::Weights(command) => weights::run(command),
        Command::Funding(command) => funding::run(command),
        Command::Benefits(command) => benefits::run(command),
        Command::Select { file, json } => select::run(file, json),
    }
}

/// Creates a portfolio, empty (with the default providers) or filled with the bundled sample.
fn init(path: Option<&Path>, stamp: &Stamp, sample: bool) -> Outcome {
    let path = required(path)?;
    if sample {
        samordna::sample::create(path, stamp)?;
    } else {
        Portfolio::create(path, stamp)?;
    }
    Ok(())
}

/// Writes the whole portfolio as JSON to `out` or standard output.
fn export_portfolio(path: Option<&Path>, now: Timestamp, out: Option<samordna::files::Output>) -> Outcome {
    let portfolio = read_only(path, now)?;
    let text = PortfolioData::read(&portfolio.read())?.to_json();
    match out {
        Some(out) => Ok(out.write(text.as_bytes())?),
        None => print(&text),
    }
}

/// Replaces the portfolio's content with a JSON file, all or nothing; creates the portfolio if it does not exist.
fn import_portfolio(path: Option<&Path>, stamp: &Stamp, now: Timestamp, file: &Path, replace: bool) -> Outcome {
    let path = required(path)?;
    // Through the size limit (a device or a pipe reports no size), without a byte-order mark.
    let text = samordna::files::read_text_limited(file, samordna::files::INPUT_LIMIT)?;
    let data = PortfolioData::from_json(&text)?;
    let created = !path.exists();
    let mut portfolio = if created { Portfolio::create(path, stamp)? } else { Portfolio::open(path, now)? };
    if !created && !replace && !portfolio.read().is_blank()? {
        return Err(samordna::Error::NotEmpty.into());
    }
    // What the import replaces is kept: a backup first, named on standard error (the rolling set's limit applies).
    if !created && !portfolio.read().is_blank()? {
        let backup =
            portfolio.backup(now, samordna::store::backup::Reason::BeforeImport, samordna::store::backup::KEEP)?;
        eprintln!("the portfolio as it was: {}", backup.path.display());
    }
    let note = format!("Import: {}", file.file_name().unwrap_or_default().to_string_lossy());
    let imported = portfolio.write(stamp, |w| data.replace_into(w, &note));
    if imported.is_err() && created {
        drop(portfolio);
        let _ = std::fs::remove_file(path);
    }
    Ok(imported?)
}

/// Merges a JSON file into the portfolio by natural keys, all or nothing, after a backup; `dry_run` shows what it
/// would change and writes nothing.
fn merge_portfolio(path: Option<&Path>, stamp: &Stamp, now: Timestamp, file: &Path, dry_run: bool) -> Outcome {
    let path = required(path)?;
    let text = samordna::files::read_text_limited(file, samordna::files::INPUT_LIMIT)?;
    let data = samordna::interchange::MergeFile::from_json(&text)?;
    let mut portfolio = Portfolio::open(path, now)?;
    let note = format!("Import (sammanslagning): {}", file.file_name().unwrap_or_default().to_string_lossy());
    let report = if dry_run {
        portfolio.rehearse(stamp, |w| data.merge_into(w, &note))?
    } else {
        let backup =
            portfolio.backup(now, samordna::store::backup::Reason::BeforeImport, samordna::store::backup::KEEP)?;
        match portfolio.write(stamp, |w| data.merge_into(w, &note)) {
            Ok(report) => {
                eprintln!("the portfolio as it was: {}", backup.path.display());
                report
            }
            Err(error) => {
                // Nothing was written: the backup of the same content is not kept.
                let _ = std::fs::remove_file(&backup.path);
                return Err(error.into());
            }
        }
    };
    let mut text = String::new();
    for record in &report.changed {
        let kind = record.entity.label(samordna::domain::Language::En).to_lowercase();
        text += &format!("{} {kind} #{} \"{}\"\n", record.action, record.id, record.label);
        for field in &record.fields {
            text += &format!("    {}: {} \u{2192} {}\n", field.field, field.old, field.new);
        }
    }
    if report.security_scale {
        text += "update security scale labels\n";
    }
    text += &format!(
        "{} created, {} updated, {} unchanged{}\n",
        report.created(),
        report.updated(),
        report.unchanged,
        if dry_run { " (dry run: nothing written)" } else { "" }
    );
    print(&text)
}

/// The largest JSON input file of a calculation command (`select`, `weights`, `funding`, `benefits`).
const JSON_INPUT_LIMIT: u64 = 64 * 1024 * 1024;

/// Reads and parses a JSON input file, naming the file and the place of a syntax error.
pub fn read_input<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Failure> {
    let text = samordna::files::read_text_limited(path, JSON_INPUT_LIMIT)?;
    serde_json::from_str(&text).map_err(|e| Failure::Input(format!("{}: {e}", path.display())))
}

/// Opens the portfolio to read it: without the lock, so it works while the app has the portfolio open. A portfolio
/// from an older Samordna is opened for writing once, to migrate it (after a backup in the backups folder).
fn read_only(path: Option<&Path>, now: Timestamp) -> Result<Portfolio, Failure> {
    let path = required(path)?;
    match Portfolio::open_read_only(path) {
        Err(samordna::Error::NeedsUpgrade { .. }) => Ok(Portfolio::open(path, now)?),
        other => Ok(other?),
    }
}

fn required(path: Option<&Path>) -> Result<&Path, Failure> {
    path.ok_or_else(|| Failure::Usage("no portfolio given: use --portfolio PATH or set SAMORDNA_PORTFOLIO".into()))
}

/// The name for the change history: `--user`, `SAMORDNA_USER`, else the login name.
fn signature(user: Option<&str>) -> String {
    user.map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "samordna".into())
}

fn io_failure(path: &Path, source: std::io::Error) -> Failure {
    Failure::Engine(samordna::Error::Io { path: path.into(), source })
}

/// The guard every file a command writes passes, made once for the whole run (so no command can forget it): the
/// portfolio named by `--portfolio` or `SAMORDNA_PORTFOLIO`, whether or not the command opens it, with its journal,
/// lock and backups folder; and, added by each command, the files it reads. Devices, fifos and folders are refused;
/// a symbolic link is written through, never replaced ([`samordna::files::Guard`]).
#[derive(Debug, Clone)]
pub struct Outputs(samordna::files::Guard);

impl Outputs {
    fn new(portfolio: Option<&Path>) -> Outputs {
        Outputs(portfolio.map_or_else(samordna::files::Guard::new, samordna::store::output_guard))
    }

    /// The same guard, also protecting a file the command reads.
    pub fn with_input(&self, input: &Path) -> Outputs {
        Outputs(self.0.clone().input(input))
    }

    /// Checks `out` before any work is done; the write itself goes aside and is renamed ([`samordna::files`]).
    pub fn check(&self, out: &Path) -> Result<samordna::files::Output, Failure> {
        Ok(self.0.check(out)?)
    }
}

/// Prints to standard output; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Outcome {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(io_failure(Path::new("<stdout>"), e)),
        _ => Ok(()),
    }
}

pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("engine values serialise");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Args;

    /// Every command with an `--out`: tests/engine/outputs.rs tries each of them against the portfolio's own files,
    /// so a new one must be added there too.
    pub const WRITERS: [&str; 6] = ["export", "package export", "package respond", "paper", "report", "export-sheet"];

    fn writers(command: &clap::Command, prefix: &str, found: &mut Vec<String>) {
        for sub in command.get_subcommands() {
            let name = format!("{prefix}{}", sub.get_name());
            if sub.get_arguments().any(|a| a.get_id() == "out") {
                found.push(name.clone());
            }
            writers(sub, &format!("{name} "), found);
        }
    }

    #[test]
    fn every_command_that_writes_a_file_is_known_to_the_output_tests() {
        let mut found = Vec::new();
        writers(&Args::command(), "", &mut found);
        found.sort();
        let mut known: Vec<String> = WRITERS.iter().map(|s| s.to_string()).collect();
        known.sort();
        assert_eq!(found, known);
    }
}
