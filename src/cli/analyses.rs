//! `samordna analyses list` and `samordna paper arlig-analys`: the providers' yearly analyses to the group.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Subcommand;
use samordna::Reader;
use samordna::Timestamp;
use samordna::domain::{Id, Language, Provider, YearlyAnalysis};
use samordna::papers::AnalysisRequest;
use serde::Serialize;

use super::meetings::PaperLanguage;
use super::{Failure, Outcome, json, print};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the providers' yearly analyses, latest year first: provider, year, state.
    List {
        /// Print JSON: an array of objects with id, provider_id, provider, year, state, submitted, presented and the
        /// number of services whose level differs from their current classification.
        #[arg(long)]
        json: bool,
    },
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
    submitted: String,
    presented: String,
    /// Services whose level differs from their current classification.
    security_differences: usize,
}

pub fn run(command: Command, reader: &Reader<'_>) -> Outcome {
    let Command::List { json: as_json } = command;
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
            submitted: a.submitted.clone(),
            presented: a.presented.clone(),
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
            samordna::domain::AnalysisState::Submitted => format!(" {}", a.submitted),
            samordna::domain::AnalysisState::Presented => format!(" {}", a.presented),
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
    out: PathBuf,
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
    eprintln!("{}: {} ({} pages)", out.display(), paper.title, paper.pages);
    Ok(())
}
