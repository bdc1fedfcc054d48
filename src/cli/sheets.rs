//! `import-sheet` and `export-sheet`: spreadsheets in and out of the portfolio.

use std::path::{Path, PathBuf};

use samordna::Timestamp;
use samordna::domain::Id;
use samordna::{Portfolio, Stamp};

use super::meetings::PaperLanguage;
use super::{Failure, Outcome, json, print, read_only, required};

/// The options of `import-sheet`.
pub struct ImportOptions {
    pub file: PathBuf,
    pub kind: String,
    pub provider: Option<Id>,
    pub year: Option<i32>,
    /// For `volumes`: the funding case's initiative (case number) or service (name).
    pub initiative: Option<String>,
    pub service: Option<String>,
    pub dry_run: bool,
    pub json: bool,
    pub language: PaperLanguage,
}

/// A sheet's problems, a line each, by row and column.
fn problem_lines(problems: &[samordna::sheets::SheetProblem]) -> String {
    problems
        .iter()
        .map(|problem| {
            let at = if problem.column.is_empty() { String::new() } else { format!(", {}", problem.column) };
            format!("  problem, row {}{at}: {}\n", problem.row, problem.message)
        })
        .collect()
}

/// The item a funding case belongs to: an initiative by case number or a shared service by name (any case).
fn funded_item(
    reader: &samordna::store::Reader,
    initiative: Option<String>,
    service: Option<String>,
    kind: &str,
) -> Result<(samordna::domain::ItemRef, String), Failure> {
    use samordna::domain::ItemRef;
    match (initiative, service) {
        (Some(case), _) => Ok((ItemRef::Initiative(reader.initiative_by_case_number(&case)?.id), case)),
        (None, Some(name)) => {
            let wanted = name.trim().to_lowercase();
            let service = reader
                .services()?
                .into_iter()
                .find(|s| s.name.to_lowercase() == wanted)
                .ok_or_else(|| Failure::Input(format!("no service is named '{name}'")))?;
            Ok((ItemRef::Service(service.id), service.name))
        }
        (None, None) => Err(Failure::Usage(format!("--kind {kind} needs --initiative CASE or --service NAME"))),
    }
}

/// Imports (or with `dry_run` previews) a funding case's volumes from a sheet, all or nothing.
fn import_volumes(path: Option<&Path>, stamp: &Stamp, options: ImportOptions, now: Timestamp) -> Outcome {
    use std::fmt::Write as _;
    let ImportOptions { file, initiative, service, dry_run, json: as_json, language, .. } = options;
    let language = samordna::domain::Language::from(language);
    let bytes = samordna::files::read_limited(&file, samordna::files::INPUT_LIMIT)?;
    let mut portfolio = Portfolio::open(required(path)?, now)?;
    let (item, _) = funded_item(&portfolio.read(), initiative, service, "volumes")?;
    let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let report = samordna::sheets::import_volumes(&mut portfolio, stamp, item, &bytes, &name, language, dry_run)?;
    if as_json {
        print(&json(&report))?;
    } else {
        let mut text = problem_lines(&report.problems);
        for change in &report.changed {
            let _ = writeln!(text, "  {}: {} \u{2192} {}", change.column, change.old, change.new);
        }
        if !report.added.is_empty() {
            let _ = writeln!(text, "customers added: {}", report.added.join(", "));
        }
        let _ = writeln!(
            text,
            "funding case of {}{}: {} volume(s) changed, {} problem(s){}",
            report.subject,
            if report.creates_case { " (created)" } else { "" },
            report.changed.len(),
            report.problems.len(),
            if dry_run { " (dry run: nothing written)" } else { "" }
        );
        print(&text)?;
    }
    if !report.problems.is_empty() {
        let what = if dry_run { "the sheet would not be imported" } else { "nothing was imported" };
        return Err(sheet_refused(report.problems.len(), &file, what));
    }
    Ok(())
}

/// Imports (or with `dry_run` previews) a sheet of an importable kind, all or nothing.
pub fn import(path: Option<&Path>, stamp: &Stamp, options: ImportOptions, now: Timestamp) -> Outcome {
    if options.kind == "volumes" {
        return import_volumes(path, stamp, options, now);
    }
    let ImportOptions { file, kind, provider, year, dry_run, json: as_json, language, .. } = options;
    if kind == "analysis" {
        let (provider, year) = analysis_of(provider, year)?;
        return import_analysis(
            path,
            stamp,
            AnalysisImportOptions { file, provider, year, dry_run, json: as_json, language },
            now,
        );
    }
    let kind = samordna::sheets::SheetKind::from_key(&kind).filter(|k| k.importable()).ok_or_else(|| {
        Failure::Usage("--kind must be one of initiatives, services, organisations, benefits, actuals, members, providers, frames, volumes, analysis".into())
    })?;
    let language = samordna::domain::Language::from(language);
    let bytes = samordna::files::read_limited(&file, samordna::files::INPUT_LIMIT)?;
    let mut portfolio = Portfolio::open(required(path)?, now)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let report = if dry_run {
        samordna::sheets::preview(&mut portfolio, stamp, kind, &bytes, language)?
    } else {
        match samordna::sheets::import(&mut portfolio, stamp, kind, &bytes, &name, language) {
            Ok(report) => report,
            Err(samordna::Error::SheetRefused { .. }) => {
                let report = samordna::sheets::preview(&mut portfolio, stamp, kind, &bytes, language)?;
                print(&report_text(&report))?;
                return Err(sheet_refused(report.problems.len(), &file, "nothing was imported"));
            }
            Err(other) => return Err(other.into()),
        }
    };
    if as_json {
        print(&json(&report))?
    } else {
        print(&report_text(&report))?
    }
    // A preview with problems is a failure too (exit 1), as the import itself would be: a script that checks a
    // sheet with --dry-run must not take it for clean.
    if !report.problems.is_empty() {
        return Err(sheet_refused(report.problems.len(), &file, "the sheet would not be imported"));
    }
    Ok(())
}

/// A sheet refused for its problems (exit 1): `what` happened, how many problems, in which file.
fn sheet_refused(problems: usize, file: &Path, what: &str) -> Failure {
    Failure::Input(format!("{what}: {problems} problem(s) in {}", file.display()))
}

/// The options of `export-sheet`.
pub struct ExportOptions {
    pub kind: String,
    pub initiative: Option<String>,
    pub service: Option<String>,
    pub set: Option<Id>,
    pub provider: Option<Id>,
    pub year: Option<i32>,
    pub template: bool,
    pub out: samordna::files::Output,
    pub language: PaperLanguage,
}

/// Writes a table of the portfolio as XLSX: a kind's records or import template, a ranking, or a funding
/// comparison, as the engine's [`samordna::sheets::SheetRequest`].
pub fn export(path: Option<&Path>, options: ExportOptions, now: Timestamp) -> Outcome {
    let ExportOptions { kind, initiative, service, set, provider, year, template, out, language } = options;
    use samordna::sheets::{SheetKind, SheetRequest};
    let language = samordna::domain::Language::from(language);
    let portfolio;
    if kind == "volumes" {
        // A funding case's volumes: the import's template, also for an item that has no case yet.
        let portfolio = read_only(path, now)?;
        let (item, _) = funded_item(&portfolio.read(), initiative, service, "volumes")?;
        let table = samordna::sheets::volumes_table(&portfolio.read(), item, language, now)?;
        out.write(&samordna::sheets::xlsx(&table)?)?;
        eprintln!("{}: {} ({} rows)", out.path().display(), table.name, table.rows.len());
        return Ok(());
    }
    let request = if kind == "funding" {
        portfolio = read_only(path, now)?;
        let reader = portfolio.read();
        // An initiative's funding case by its case number, or a shared service's by its name.
        let (item, subject) = funded_item(&reader, initiative, service, "funding")?;
        let funding_case = reader.funding_case_of(item.initiative(), item.service())?.ok_or_else(|| {
            Failure::Input(format!(
                "{subject} has no funding case: make one in the app, import its volumes (import-sheet --kind \
                 volumes) or merge one (import --merge)"
            ))
        })?;
        SheetRequest::Funding { case_id: funding_case.id }
    } else if kind == "analysis" {
        let (provider_id, year) = analysis_of(provider, year)?;
        portfolio = read_only(path, now)?;
        SheetRequest::Analysis { provider_id, year }
    } else {
        let Some(kind) = SheetKind::from_key(&kind) else {
            return Err(Failure::Usage(format!(
                "--kind must be one of {}, funding, analysis",
                SheetKind::ALL.map(|k| k.key()).join(", ")
            )));
        };
        portfolio = read_only(path, now)?;
        match (template, kind) {
            (true, _) => SheetRequest::Template { kind },
            (false, SheetKind::Ranking) => SheetRequest::Ranking { set_id: set },
            (false, _) => SheetRequest::Register { kind },
        }
    };
    let table = samordna::sheets::build(&portfolio.read(), &request, language, now)?;
    let bytes = samordna::sheets::xlsx(&table)?;
    out.write(&bytes)?;
    eprintln!("{}: {} ({} rows)", out.path().display(), table.name, table.rows.len());
    Ok(())
}

/// The provider and year a yearly analysis's sheet needs.
fn analysis_of(provider: Option<Id>, year: Option<i32>) -> Result<(Id, i32), Failure> {
    match (provider, year) {
        (Some(provider), Some(year)) => Ok((provider, year)),
        _ => Err(Failure::Usage(
            "--kind analysis is one provider's analysis for one year: give --provider ID and --year YEAR".into(),
        )),
    }
}

struct AnalysisImportOptions {
    file: PathBuf,
    provider: Id,
    year: i32,
    dry_run: bool,
    json: bool,
    language: PaperLanguage,
}

/// Imports (or previews) a provider's yearly analysis from its sheet: all or nothing, problems by row and column.
fn import_analysis(path: Option<&Path>, stamp: &Stamp, options: AnalysisImportOptions, now: Timestamp) -> Outcome {
    use std::fmt::Write as _;
    let AnalysisImportOptions { file, provider, year, dry_run, json: as_json, language } = options;
    let language = samordna::domain::Language::from(language);
    let bytes = samordna::files::read_limited(&file, samordna::files::INPUT_LIMIT)?;
    let mut portfolio = Portfolio::open(required(path)?, now)?;
    let name = file.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let report =
        samordna::sheets::import_analysis(&mut portfolio, stamp, provider, year, &bytes, &name, language, dry_run)?;
    if as_json {
        print(&json(&report))?;
    } else {
        let mut text = problem_lines(&report.problems);
        let _ = writeln!(
            text,
            "yearly analysis {year} of provider {provider}: {} investment(s), {} need(s), {} requirement(s), {} service level(s), {} problem(s)",
            report.investments,
            report.development_needs,
            report.requirements,
            report.security_levels,
            report.problems.len()
        );
        if !report.kept.is_empty() {
            let _ = writeln!(text, "kept as the analysis holds them (no row in the sheet): {}", report.kept.join(", "));
        }
        print(&text)?;
    }
    if !report.problems.is_empty() {
        return Err(sheet_refused(report.problems.len(), &file, "nothing was imported"));
    }
    Ok(())
}

fn report_text(report: &samordna::sheets::SheetImport) -> String {
    use std::fmt::Write as _;
    let mut text = format!("{} ({})\n", report.kind, report.source);
    for row in report.rows.iter().filter(|r| r.action != "unchanged") {
        let _ = writeln!(text, "  row {}: {} {}", row.row, row.action, row.label);
        for change in &row.changed {
            let shown = |value: &str| if value.is_empty() { "(empty)".to_string() } else { value.to_string() };
            let _ = writeln!(text, "    {}: {} -> {}", change.column, shown(&change.old), shown(&change.new));
        }
    }
    for warning in &report.warnings {
        let at = if warning.column.is_empty() { String::new() } else { format!(", {}", warning.column) };
        let _ = writeln!(text, "  warning, row {}{at}: {}", warning.row, warning.message);
    }
    for problem in &report.problems {
        let at = if problem.column.is_empty() { String::new() } else { format!(", {}", problem.column) };
        let _ = writeln!(text, "  problem, row {}{at}: {}", problem.row, problem.message);
    }
    if !report.ignored.is_empty() {
        let _ = writeln!(text, "  columns not imported: {}", report.ignored.join(", "));
    }
    let _ = writeln!(
        text,
        "{} to create, {} to update, {} unchanged, {} problem(s)",
        report.created,
        report.updated,
        report.unchanged,
        report.problems.len()
    );
    text
}
