//! `samordna paper budgetunderlag --scenario ID` and `samordna export-sheet --kind budget --scenario ID`: a
//! scenario's budget material as a paper or a sheet for the city executive office.

use std::path::Path;

use clap::ValueEnum;
use samordna::Timestamp;
use samordna::domain::{Id, Language};
use samordna::prioritisation::budget::{Budget, FrameBasis};

use super::meetings::PaperLanguage;
use super::{Failure, Outcome, read_only};

/// Which frames the selection of the material is made within.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Basis {
    /// The scenario's proposed frames.
    #[default]
    Proposed,
    /// The frames the city council decided, where recorded (the proposed ones for other years).
    Decided,
}

impl From<Basis> for FrameBasis {
    fn from(basis: Basis) -> FrameBasis {
        match basis {
            Basis::Proposed => FrameBasis::Proposed,
            Basis::Decided => FrameBasis::Decided,
        }
    }
}

/// What both outputs need: the scenario and the frames, the file to write, the language.
pub struct BudgetArgs {
    pub scenario: Option<Id>,
    pub basis: Basis,
    pub out: samordna::files::Output,
    pub language: PaperLanguage,
}

/// Loads and solves the material (exit 1 for an unknown scenario or a selection that cannot be solved).
fn budget(path: Option<&Path>, args: &BudgetArgs, what: &str, now: Timestamp) -> Result<Budget, Failure> {
    let scenario =
        args.scenario.ok_or_else(|| Failure::Usage(format!("{what} is made from a scenario: give --scenario ID")))?;
    let portfolio = read_only(path, now)?;
    let input = portfolio.read().budget_input(scenario)?;
    Ok(input.solve(args.basis.into()).map_err(samordna::Error::Selection)?)
}

/// Writes the paper "Budgetunderlag <period>".
pub fn paper(path: Option<&Path>, args: BudgetArgs, now: Timestamp, author: &str) -> Outcome {
    let budget = budget(path, &args, "the budget material", now)?;
    let portfolio = read_only(path, now)?;
    let profile = portfolio.read().document_profile()?;
    let paper = samordna::papers::budget::write(&budget, &profile, Language::from(args.language), now, author)?;
    paper.save(&args.out)?;
    eprintln!("{}: {} ({} pages)", args.out.path().display(), paper.title, paper.pages);
    Ok(())
}

/// Writes the material as an XLSX sheet for SLK.
pub fn sheet(path: Option<&Path>, args: BudgetArgs, now: Timestamp) -> Outcome {
    let budget = budget(path, &args, "--kind budget", now)?;
    let tables = samordna::sheets::budget_book(&budget, Language::from(args.language));
    let bytes = samordna::sheets::xlsx_book(&tables)?;
    args.out.write(&bytes)?;
    eprintln!("{}: {} ({} rows)", args.out.path().display(), tables[0].name, tables[0].rows.len());
    Ok(())
}
