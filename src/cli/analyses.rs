//! `samordna analyses …` and `samordna paper arlig-analys`: the providers' yearly analyses to the group, who has
//! handed in theirs, and taking a presented analysis into the portfolio (its levels, investments and needs).

use std::fmt::Write;
use std::path::Path;

use clap::{Subcommand, ValueEnum};
use samordna::domain::{
    ANALYSIS_YEARS, AnalysisStanding, Id, InitiativeDraft, InitiativeState, Language, LevelChange, LevelOutcome,
    Provider, Security, YearlyAnalysis,
};
use samordna::papers::AnalysisRequest;
use samordna::time::{NaiveDate, optional_date_text};
use samordna::{Portfolio, Reader, Stamp, Timestamp};
use serde::Serialize;

use super::meetings::PaperLanguage;
use super::{Failure, Outcome, json, print, read_only, required};

/// A year an analysis can have.
fn year_parser() -> clap::builder::RangedI64ValueParser<i32> {
    clap::value_parser!(i32).range(i64::from(*ANALYSIS_YEARS.start())..=i64::from(*ANALYSIS_YEARS.end()))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the providers' yearly analyses, latest year first: provider, year, state. With --year: every provider
    /// once for that year, with its analysis's state or `missing`, the due day (the city's practice, in the
    /// parameters) and whether it is late (not handed in and the due day has passed).
    List {
        /// Print JSON: without --year, an array of objects with id, provider_id, provider, year, state, submitted,
        /// presented and the number of services whose level differs from their current classification; with
        /// --year, an array of one object per provider with provider_id, provider, year, state (or `missing`), id
        /// (null when missing), submitted, presented, due and late.
        #[arg(long)]
        json: bool,
        /// Every provider's standing for this year (2000–2100).
        #[arg(long, value_parser = year_parser())]
        year: Option<i32>,
        /// The day to judge lateness on, YYYY-MM-DD (default: today in Swedish time). Only with --year.
        #[arg(long, requires = "year")]
        today: Option<String>,
    },
    /// Apply the K/R/T levels of a presented analysis to the provider's services: each change old -> new in the
    /// service's history with the analysis as its note, all or nothing. Retired services and services now another
    /// provider's are left as they are.
    ApplyLevels {
        /// The provider's id (see `analyses list`).
        #[arg(long)]
        provider: Id,
        #[arg(long, value_parser = year_parser())]
        year: i32,
        /// Only show what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON: {"dry_run", "changes": [{service_id, service, current, new, handles_no_information, aspects,
        /// outcome}]}; outcome is changes, unchanged, retired or other_provider.
        #[arg(long)]
        json: bool,
    },
    /// Make an investment of a presented analysis a draft initiative: shared track, the provider (its board owns
    /// it), the investment's costs per year as development costs; the investment then names the initiative.
    MakeInitiative {
        #[arg(long)]
        provider: Id,
        #[arg(long, value_parser = year_parser())]
        year: i32,
        /// The investment's number in the analysis, from 1 (as the app and the paper list them).
        #[arg(long)]
        investment: usize,
        /// The new initiative's case number (default: the next free one, e.g. SLK-2026-00127).
        #[arg(long)]
        case_number: Option<String>,
        /// Its title (default: the investment's description, its first line).
        #[arg(long)]
        title: Option<String>,
        /// The state it starts in.
        #[arg(long, value_enum, default_value = "identifierad")]
        state: StartState,
        /// The owning organisation's id (default: the provider's board).
        #[arg(long)]
        owner: Option<Id>,
        #[arg(long)]
        json: bool,
    },
    /// Add the estimated costs of a development need of a presented analysis to its service's planned development
    /// costs, once (a service without costs of its own starts from its funding case's forecast).
    PlanNeed {
        #[arg(long)]
        provider: Id,
        #[arg(long, value_parser = year_parser())]
        year: i32,
        /// The development need's number in the analysis, from 1.
        #[arg(long)]
        need: usize,
        /// The service, when the need names none (the need then names it).
        #[arg(long)]
        service: Option<Id>,
        #[arg(long)]
        json: bool,
    },
}

/// The states a draft initiative may start in.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StartState {
    Identifierad,
    Analys,
}

impl From<StartState> for InitiativeState {
    fn from(state: StartState) -> Self {
        match state {
            StartState::Identifierad => InitiativeState::Identified,
            StartState::Analys => InitiativeState::Analysis,
        }
    }
}

/// An analysis as `analyses list --json` prints it.
#[derive(Serialize)]
struct Listed {
    id: Id,
    provider_id: Id,
    provider: String,
    year: i32,
    /// `utkast`, `inlamnad` or `presenterad`.
    state: &'static str,
    #[serde(with = "samordna::time::optional_date")]
    submitted: Option<NaiveDate>,
    #[serde(with = "samordna::time::optional_date")]
    presented: Option<NaiveDate>,
    /// Services whose level differs from their current classification.
    security_differences: usize,
}

/// Runs an `analyses` subcommand: the listings read, the others write (a dry run reads).
pub fn run(command: Command, path: Option<&Path>, stamp: &Stamp, now: Timestamp) -> Outcome {
    match command {
        Command::List { json, year: Some(year), today } => {
            let today = match today {
                Some(text) => samordna::time::parse_date(text.trim())
                    .ok_or_else(|| Failure::Usage(format!("--today {text}: give a date as YYYY-MM-DD")))?,
                None => samordna::time::local_date(now),
            };
            let portfolio = read_only(path, now)?;
            standings(&portfolio.read().analysis_standings(year, today)?, json)
        }
        Command::List { json, year: None, .. } => list(&read_only(path, now)?.read(), json),
        Command::ApplyLevels { provider, year, dry_run: true, json } => {
            let portfolio = read_only(path, now)?;
            levels(&portfolio.read().analysis_level_changes(provider, year)?, true, json)
        }
        Command::ApplyLevels { provider, year, dry_run: false, json } => {
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            let changes = portfolio.write(stamp, |w| w.apply_analysis_levels(provider, year))?;
            levels(&changes, false, json)
        }
        Command::MakeInitiative { provider, year, investment, case_number, title, state, owner, json: as_json } => {
            let index = number(investment, "--investment")?;
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            let registered = samordna::time::local_year(now);
            let id = portfolio.write(stamp, |w| {
                let case_number = match &case_number {
                    Some(case) => case.clone(),
                    None => w.read().suggested_case_number(registered)?,
                };
                let draft = InitiativeDraft { case_number, title: title.clone(), state: state.into(), owner_id: owner };
                w.initiative_from_investment(provider, year, index, &draft)
            })?;
            let initiative = portfolio.read().get::<samordna::domain::Initiative>(id)?;
            if as_json {
                return print(&json(&initiative));
            }
            print(&format!(
                "{} {}: created (id {id}, {}) from investment {investment} of the yearly analysis {year}\n",
                initiative.case_number,
                initiative.title,
                initiative.state.label(samordna::domain::Language::En).to_lowercase()
            ))
        }
        Command::PlanNeed { provider, year, need, service, json: as_json } => {
            let index = number(need, "--need")?;
            let mut portfolio = Portfolio::open(required(path)?, now)?;
            let planned = portfolio.write(stamp, |w| w.need_into_service_costs(provider, year, index, service))?;
            if as_json {
                return print(&json(&planned));
            }
            let mut out = format!("{}: planned development costs from need {need}\n", planned.service);
            for after in &planned.after {
                let before = planned.before.iter().find(|b| b.year == after.year).map(|b| b.development);
                let before = before.map_or_else(|| "–".to_string(), |b| b.to_string());
                let _ = writeln!(out, "  {}: {before} -> {}", after.year, after.development);
            }
            print(&out)
        }
    }
}

/// The index of an entry numbered from 1 on the command line.
fn number(n: usize, option: &str) -> Result<usize, Failure> {
    n.checked_sub(1).ok_or_else(|| Failure::Usage(format!("{option} counts from 1")))
}

/// Every provider's standing for a year, as text or JSON.
fn standings(standings: &[AnalysisStanding], as_json: bool) -> Outcome {
    if as_json {
        return print(&json(&standings));
    }
    let mut out = String::new();
    for s in standings {
        let state = match s.state {
            None => "missing".to_string(),
            Some(state) => {
                let date = match state {
                    samordna::domain::AnalysisState::Draft => String::new(),
                    samordna::domain::AnalysisState::Submitted => format!(" {}", optional_date_text(s.submitted)),
                    samordna::domain::AnalysisState::Presented => format!(" {}", optional_date_text(s.presented)),
                };
                format!("{}{date}", state.label(samordna::domain::Language::En).to_lowercase())
            }
        };
        let late = if s.late { ", LATE" } else { "" };
        let _ = writeln!(
            out,
            "{} {} (provider {}): {state} (due {}{late})",
            s.year,
            s.provider,
            s.provider_id,
            optional_date_text(s.due)
        );
    }
    if standings.is_empty() {
        out.push_str("no providers\n");
    }
    print(&out)
}

/// What applying the levels changes (or would change), as text or JSON.
fn levels(changes: &[LevelChange], dry_run: bool, as_json: bool) -> Outcome {
    if as_json {
        #[derive(Serialize)]
        struct Applied<'a> {
            dry_run: bool,
            changes: &'a [LevelChange],
        }
        return print(&json(&Applied { dry_run, changes }));
    }
    let short = |s: &Security, none: bool| if none { "no information".to_string() } else { s.short() };
    let mut out = String::new();
    for c in changes {
        let what = match c.outcome {
            LevelOutcome::Changes => {
                format!("{} -> {}", short(&c.current, c.handles_no_information), c.new.short())
            }
            LevelOutcome::Unchanged => format!("{} (unchanged)", short(&c.current, c.handles_no_information)),
            LevelOutcome::Retired => "retired, left as it is".into(),
            LevelOutcome::OtherProvider => "now another provider's, left as it is".into(),
        };
        let _ = writeln!(out, "{}: {what}", c.service);
    }
    let count = changes.iter().filter(|c| c.outcome == LevelOutcome::Changes).count();
    let _ = writeln!(
        out,
        "{} {count} service(s)",
        if dry_run { "would change (dry run, nothing written)" } else { "changed" }
    );
    print(&out)
}

fn list(reader: &Reader<'_>, as_json: bool) -> Outcome {
    let providers: Vec<Provider> = reader.providers()?;
    let services = reader.services()?;
    let analyses: Vec<YearlyAnalysis> = reader.analyses()?;
    let listed: Vec<Listed> = analyses
        .iter()
        .map(|a| Listed {
            id: a.id,
            provider_id: a.provider_id,
            provider: providers.iter().find(|p| p.id == a.provider_id).map(|p| p.name.clone()).unwrap_or_default(),
            year: a.year,
            state: a.state.key(),
            submitted: a.submitted,
            presented: a.presented,
            security_differences: a.security_comparison(&services).iter().filter(|c| c.differs).count(),
        })
        .collect();
    if as_json {
        return print(&json(&listed));
    }
    let mut out = String::new();
    for a in &analyses {
        let listed = listed.iter().find(|l| l.id == a.id).expect("listed from the same analyses");
        let date = match a.state {
            samordna::domain::AnalysisState::Draft => String::new(),
            samordna::domain::AnalysisState::Submitted => format!(" {}", optional_date_text(a.submitted)),
            samordna::domain::AnalysisState::Presented => format!(" {}", optional_date_text(a.presented)),
        };
        let _ = writeln!(
            out,
            "#{} {} {} (provider {}): {}{date}, {} service(s) with a changed security level",
            a.id,
            a.year,
            listed.provider,
            a.provider_id,
            a.state.label(Language::En).to_lowercase(),
            listed.security_differences
        );
    }
    if analyses.is_empty() {
        out.push_str("no yearly analyses\n");
    }
    print(&out)
}

/// Writes the paper of one provider's analysis for one year; exit 1 when the provider has none that year.
pub fn paper(
    reader: &Reader<'_>,
    provider: Option<Id>,
    year: Option<i32>,
    out: samordna::files::Output,
    language: PaperLanguage,
    now: Timestamp,
    author: &str,
) -> Outcome {
    let (Some(provider_id), Some(year)) = (provider, year) else {
        return Err(Failure::Usage(
            "the yearly analysis is one provider's for one year: give --provider ID and --year YEAR".into(),
        ));
    };
    let request = AnalysisRequest { provider_id, year, language: Language::from(language) };
    let paper = samordna::papers::yearly_analysis(reader, &request, now, author)?;
    paper.save(&out)?;
    eprintln!("{}: {} ({} pages)", out.path().display(), paper.title, paper.pages);
    Ok(())
}
