//! `samordna meetings list` and `samordna paper`.

use std::fmt::Write;

use clap::{Subcommand, ValueEnum};
use samordna::Reader;
use samordna::Timestamp;
use samordna::domain::{Id, Language, Meeting};
use samordna::papers::{PaperKind, PaperRequest};
use samordna::time::NaiveDate;
use serde::Serialize;

use super::{Failure, Outcome, json, print};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the meetings, latest first, with their ids and agenda items.
    List {
        /// Print JSON: each meeting's id, body, date, time, place, state and items.
        #[arg(long)]
        json: bool,
    },
    /// Record (or change) the decision on an agenda item, once the meeting has taken place: the first decision
    /// numbers the meeting's paragraphs, a linked initiative moves into the decision's state (every item of budget
    /// material at once), a linked deviation records that the group was informed, and the criteria set is locked.
    /// Prints what moved and what stays where it is.
    Decide {
        #[arg(long)]
        meeting: Id,
        /// The item's number on the agenda, from 1.
        #[arg(long)]
        item: usize,
        /// prioriterad, ej_prioriterad, aterremitterad, bordlagd, beslutad or noterad.
        #[arg(long)]
        outcome: String,
        /// The decision as it goes into the minutes.
        #[arg(long)]
        text: String,
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Approve the minutes of a meeting that has taken place, naming who checked them (the justerare). From then
    /// on every change to the meeting or its decisions appears in the minutes as a dated correction.
    Approve {
        #[arg(long)]
        meeting: Id,
        /// Who checked the minutes; by default the meeting's justerare.
        #[arg(long)]
        checker: Option<String>,
    },
}

/// Records a decision, and says what it moved.
pub fn decide(command: Command, portfolio: &mut samordna::Portfolio, stamp: &samordna::Stamp) -> Outcome {
    let Command::Decide { meeting, item, outcome, text, notes } = command else { unreachable!("decide") };
    let outcome = samordna::domain::DecisionOutcome::from_key(&outcome).ok_or_else(|| {
        let keys: Vec<&str> = samordna::domain::DecisionOutcome::ALL.iter().map(|o| o.key()).collect();
        Failure::Usage(format!("--outcome must be one of {}", keys.join(", ")))
    })?;
    let stored: Meeting = portfolio.read().get(meeting)?;
    let agenda_item = item
        .checked_sub(1)
        .and_then(|i| stored.items.get(i))
        .ok_or_else(|| Failure::Usage(format!("the meeting has items 1–{}", stored.items.len())))?;
    let decision =
        samordna::domain::Decision { id: 0, item_id: agenda_item.id, outcome, text, notes, budget_lines: Vec::new() };
    let effects = portfolio.write(stamp, |w| w.record_decision(decision))?;
    let paragraph = effects.paragraph.map(|p| format!("§ {p} ")).unwrap_or_default();
    let mut out = format!("recorded: {paragraph}{}\n", agenda_item.title);
    for moved in effects.reversed.iter() {
        let _ = writeln!(out, "  put back: {}: {} -> {}", moved.label, moved.from.label(EN), moved.to.label(EN));
    }
    for moved in &effects.moved {
        let _ = writeln!(out, "  moved: {}: {} -> {}", moved.label, moved.from.label(EN), moved.to.label(EN));
    }
    for stays in &effects.unmoved {
        let why = if stays.missing.is_empty() {
            format!("{} -> {} is no move of its lifecycle", stays.state.label(EN), stays.to.label(EN))
        } else {
            let needs: Vec<&str> = stays.missing.iter().map(|m| m.label(EN)).collect();
            format!("{} needs {}", stays.to.label(EN), needs.join(", "))
        };
        let _ = writeln!(out, "  stays {}: {} ({why})", stays.state.label(EN), stays.label);
    }
    if let Some(title) = &effects.informed {
        let _ = writeln!(out, "  deviation '{title}': the group informed");
    }
    if let Some((title, next)) = &effects.deviation_waiting {
        let next = next.map_or("none", |s| s.label(EN));
        let _ = writeln!(out, "  deviation '{title}': not recorded as informed, its next step is {next}");
    }
    if let Some((chosen, all)) = effects.budget_chosen {
        let _ = writeln!(out, "  budget material: {chosen} of {all} items chosen");
    }
    eprint!("{out}");
    Ok(())
}

/// Approves a meeting's minutes.
pub fn approve(command: Command, portfolio: &mut samordna::Portfolio, stamp: &samordna::Stamp) -> Outcome {
    let Command::Approve { meeting, checker } = command else { unreachable!("approve") };
    let stored: Meeting = portfolio.read().get(meeting)?;
    let checker = checker.unwrap_or_else(|| stored.minutes_checker.clone());
    if checker.trim().is_empty() {
        return Err(Failure::Usage(
            "the meeting names no one to check the minutes: give --checker NAME (the justerare)".into(),
        ));
    }
    portfolio.write(stamp, |w| w.approve_minutes(meeting, &checker))?;
    eprintln!("approved: the minutes of {} {}, checked by {}", stored.body, stored.date, checker.trim());
    Ok(())
}

const EN: Language = Language::En;

/// A meeting as `meetings list --json` prints it.
#[derive(Serialize)]
struct Listed {
    id: Id,
    body: String,
    #[serde(with = "samordna::time::date")]
    date: NaiveDate,
    start_time: String,
    end_time: String,
    place: String,
    case_number: String,
    approved: bool,
    decisions: usize,
    items: Vec<ListedItem>,
}

#[derive(Serialize)]
struct ListedItem {
    /// The item's number on the agenda, for `paper --item`.
    number: usize,
    id: Id,
    kind: &'static str,
    title: String,
    case_number: String,
    paragraph: Option<i32>,
    decided: bool,
    /// The item is the valuation of the meeting's criteria set.
    valuation: bool,
}

fn listed(reader: &Reader<'_>, meeting: &Meeting) -> samordna::Result<Listed> {
    let decisions = reader.decisions_of(meeting)?;
    Ok(Listed {
        id: meeting.id,
        body: meeting.body.clone(),
        date: meeting.date,
        start_time: meeting.start_time.clone(),
        end_time: meeting.end_time.clone(),
        place: meeting.place.clone(),
        case_number: meeting.case_number.clone(),
        approved: meeting.is_approved(),
        decisions: decisions.len(),
        items: meeting
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| ListedItem {
                number: i + 1,
                id: item.id,
                kind: item.kind.key(),
                title: item.title.clone(),
                case_number: item.case_number.clone(),
                paragraph: item.paragraph,
                decided: decisions.contains_key(&item.id),
                valuation: item.valuation,
            })
            .collect(),
    })
}

pub fn run(command: Command, reader: &Reader<'_>) -> Outcome {
    let Command::List { json: as_json } = command else { unreachable!("decide and approve write") };
    let mut meetings: Vec<Meeting> = reader.all()?;
    meetings.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let listed = meetings.iter().map(|m| listed(reader, m)).collect::<samordna::Result<Vec<_>>>()?;
    if as_json {
        return print(&json(&listed));
    }
    let mut out = String::new();
    for m in &listed {
        let state = if m.approved {
            "minutes approved"
        } else if m.decisions > 0 {
            "decisions recorded"
        } else {
            "planned"
        };
        let time = if m.start_time.is_empty() { String::new() } else { format!(" {}–{}", m.start_time, m.end_time) };
        let _ = writeln!(out, "#{} {}{time} {} ({state})", m.id, m.date, m.body);
        for item in &m.items {
            let paragraph = item.paragraph.map(|p| format!("§ {p} ")).unwrap_or_default();
            let case = if item.case_number.is_empty() { String::new() } else { format!(" [{}]", item.case_number) };
            let valuation = if item.valuation { " (the valuation of the criteria set)" } else { "" };
            let _ = writeln!(out, "  {:>2}. {paragraph}{}{case}{valuation}", item.number, item.title);
        }
    }
    if listed.is_empty() {
        out.push_str("no meetings\n");
    }
    print(&out)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Notice and agenda.
    Kallelse,
    /// Decision memos: one item's (--item) or every item's.
    Underlag,
    /// Contents, notice, memos and attachments in one document.
    Paket,
    /// The minutes.
    Protokoll,
    /// Extract of one paragraph of the minutes (--item).
    Utdrag,
    /// A provider's yearly analysis to the group (--provider, --year); needs no meeting.
    ArligAnalys,
    /// A selection scenario's budget material (--scenario), not a meeting paper.
    Budgetunderlag,
}

impl Kind {
    /// Whether the paper is one of a meeting's (and needs --meeting).
    pub fn of_meeting(self) -> bool {
        !matches!(self, Kind::ArligAnalys | Kind::Budgetunderlag)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaperLanguage {
    Sv,
    En,
}

impl From<PaperLanguage> for Language {
    fn from(language: PaperLanguage) -> Language {
        match language {
            PaperLanguage::Sv => Language::Sv,
            PaperLanguage::En => Language::En,
        }
    }
}

pub struct PaperArgs {
    pub kind: Kind,
    pub meeting: Id,
    pub item: Option<usize>,
    pub items: Vec<usize>,
    pub without_attachments: bool,
    pub out: samordna::files::Output,
    pub language: PaperLanguage,
}

pub fn paper(reader: &Reader<'_>, args: PaperArgs, now: Timestamp, author: &str) -> Outcome {
    let kind = match args.kind {
        Kind::Kallelse => PaperKind::Kallelse,
        Kind::Underlag => PaperKind::Underlag,
        Kind::Paket => PaperKind::Paket,
        Kind::Protokoll => PaperKind::Protokoll,
        Kind::Utdrag => PaperKind::Utdrag,
        Kind::ArligAnalys => unreachable!("the yearly analysis is written by `analyses::paper`"),
        Kind::Budgetunderlag => {
            return Err(Failure::Usage("budgetunderlag is made from a scenario: give --scenario ID".into()));
        }
    };
    if matches!(kind, PaperKind::Utdrag) && args.item.is_none() {
        return Err(Failure::Usage("an extract is of one agenda item: give --item N".into()));
    }
    let language = Language::from(args.language);
    let request = PaperRequest {
        item: args.item,
        items: args.items,
        without_attachments: args.without_attachments,
        language,
        ..PaperRequest::new(kind, args.meeting)
    };
    let paper = samordna::papers::render(reader, &request, now, author)?;
    paper.save(&args.out)?;
    eprintln!("{}: {} ({} pages)", args.out.path().display(), paper.title, paper.pages);
    Ok(())
}
