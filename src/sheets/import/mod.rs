//! Importing a sheet of initiatives, services, organisations, benefits or actual outcomes: rows are matched to
//! stored records by their key (an initiative's case number, a service's or an organisation's name, a benefit's
//! initiative and name, an actual outcome's initiative or service and year); a known key updates the record with the columns the sheet has and leaves every other field (and every
//! year the sheet has no column for) as it is; an unknown one creates a record. Everything happens inside one
//! transaction, through the same checks as the app's forms, and the portfolio as a whole must hold afterwards
//! what a portfolio import would check, so nothing a form refuses can come in by file.

//!
//! - `rows`: the order rows are written in, cells without a value, a row's amounts merged into the stored years;
//! - `changes`: what a row changes, old → new, and the warning for amounts that change a thousandfold;
//! - `write`: a row's record written through the forms' checks, and the store's refusals as problems in the row;
//! - `consistency`: the portfolio as a whole afterwards, as a portfolio import would check it.

mod changes;
mod consistency;
mod rows;
mod write;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};

use self::changes::{changes, thousandfold_warning};
use self::consistency::new_breaks;
pub(super) use self::rows::{RowCells, read_cells};
use self::rows::{merged_costs, row_order};
use self::write::{entity_of, normalised, refusal_problems, write_record};
use super::SheetKind;
use super::cells::{Names, field, message, set_field};
use super::columns::{
    Column, ITEM_FIELDS, NEVER_EMPTY, Target, blank, columns, cost_header, key_columns, key_of, map_headers,
};
use super::read::{Grid, Unreadable};
use super::record_table::{records, without_instructions};
use crate::domain::{Entity, Id, Language};
pub use crate::error::SheetProblem;
use crate::error::{Error, Result};
use crate::store::whole::Broken;
use crate::store::{Portfolio, Stamp, Writer};

/// One field (or one year's amount) a row changes, as the sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The column's header (`Förvaltning 2027 (kr)` for a year's amount, also when the sheet has no such column).
    pub column: String,
    /// The value before, as text (`4 200 000,00 kr`); empty for none.
    pub old: String,
    /// The value after.
    pub new: String,
}

/// What a row does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowChange {
    pub row: usize,
    /// The record's key (case number or name).
    pub label: String,
    /// `create`, `update` or `unchanged`.
    pub action: &'static str,
    /// For an update: every field and year that changes, old → new.
    pub changed: Vec<FieldChange>,
}

/// What importing a sheet does (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetImport {
    pub kind: &'static str,
    /// How the file was read (format, separator, encoding).
    pub source: String,
    pub rows: Vec<RowChange>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Nothing is written unless this is empty.
    pub problems: Vec<SheetProblem>,
    /// What the user should look at before importing, which does not stop it: amounts that would change by a
    /// factor of 1000 (a number format that divides by 1000 was saved with the sheet), and a service the row writes
    /// whose provider processes personal data for customers without their board's instructions.
    pub warnings: Vec<SheetProblem>,
    /// Headers that are not imported (unknown, or computed columns of an exported sheet).
    pub ignored: Vec<String>,
}

/// Shows what importing `bytes` (XLSX or CSV) as `kind` would do, writing nothing.
pub fn preview(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    kind: SheetKind,
    bytes: &[u8],
    language: Language,
) -> Result<SheetImport> {
    let grid = read_grid(kind, bytes, language)?;
    portfolio.rehearse(stamp, |w| apply(w, kind, &grid, language))
}

/// Imports `bytes` as `kind` in one transaction; refused (nothing written) when any row has a problem.
pub fn import(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    kind: SheetKind,
    bytes: &[u8],
    file_name: &str,
    language: Language,
) -> Result<SheetImport> {
    let grid = read_grid(kind, bytes, language)?;
    portfolio.write(stamp, |w| {
        w.set_note(format!("Import från kalkylark: {file_name}"));
        let report = apply(w, kind, &grid, language)?;
        if report.problems.is_empty() {
            Ok(report)
        } else {
            Err(Error::SheetRefused { problems: report.problems.len(), first: report.problems[0].clone() })
        }
    })
}

fn read_grid(kind: SheetKind, bytes: &[u8], language: Language) -> Result<Grid> {
    if !kind.importable() {
        return Err(Error::BadSheet(format!("{} are exported only, not imported", kind.key())));
    }
    read_any(bytes, language)
}

/// Reads XLSX, XLS, ODS or CSV into a grid, or says in `language` why the file cannot be read.
pub(in crate::sheets) fn read_any(bytes: &[u8], language: Language) -> Result<Grid> {
    let sv = language == Language::Sv;
    super::read::grid(bytes).map_err(|e| {
        Error::BadSheet(match (e, sv) {
            (Unreadable::TooLarge, true) => "filen är för stor (högst 64 MB)".into(),
            (Unreadable::TooLarge, false) => "the file is too large (at most 64 MB)".into(),
            (Unreadable::UnpacksTooLarge, true) => {
                "arbetsboken packas upp till mer än 256 MB eller fler än 5 miljoner celler och läses inte".into()
            }
            (Unreadable::UnpacksTooLarge, false) => {
                "the workbook unpacks to more than 256 MB or 5 million cells and is not read".into()
            }
            (Unreadable::Empty, true) => "filen innehåller inga rader".into(),
            (Unreadable::Empty, false) => "the file holds no rows".into(),
            (Unreadable::TooManyRows, true) => "filen har fler än 100 000 rader".into(),
            (Unreadable::TooManyRows, false) => "the file has more than 100,000 rows".into(),
            (Unreadable::TooManyColumns, true) => "filen har fler än 500 kolumner".into(),
            (Unreadable::TooManyColumns, false) => "the file has more than 500 columns".into(),
            (Unreadable::Workbook(detail), true) => format!("arbetsboken kan inte läsas ({detail})"),
            (Unreadable::Workbook(detail), false) => format!("the workbook cannot be read ({detail})"),
            (Unreadable::Csv(detail), true) => format!("CSV-filen kan inte läsas ({detail})"),
            (Unreadable::Csv(detail), false) => format!("the CSV file cannot be read ({detail})"),
        })
    })
}

/// Imports the grid's rows through `writer` and reports what they do. Problems are reported, not returned (only a
/// database failure is), so that a preview lists every one of them.
fn apply(writer: &mut Writer<'_>, kind: SheetKind, grid: &Grid, language: Language) -> Result<SheetImport> {
    let mut report = SheetImport {
        kind: kind.key(),
        source: grid.source.clone(),
        rows: Vec::new(),
        created: 0,
        updated: 0,
        unchanged: 0,
        problems: Vec::new(),
        warnings: Vec::new(),
        ignored: Vec::new(),
    };
    let Some(header_index) = grid.rows.iter().position(|r| r.iter().any(|c| !c.is_empty())) else {
        report.problems.push(SheetProblem {
            row: 1,
            column: String::new(),
            message: message(language, "filen är tom".into(), "the file is empty".into()),
        });
        return Ok(report);
    };
    let headers = &grid.rows[header_index];
    let map = map_headers(kind, headers, header_index + 1, language);
    report.problems = map.problems;
    report.ignored = map.ignored;
    if !report.problems.is_empty() {
        return Ok(report);
    }
    // What is already wrong in the portfolio is not this sheet's doing; only what the sheet would break is.
    let broken_before: BTreeSet<_> = writer.read().broken_records()?.iter().map(Broken::key).collect();
    let names = Names::load(&writer.read())?;
    let existing = records(&writer.read(), kind)?.into_iter().map(|r| (key_of(kind, &r), r)).collect();
    let order = row_order(kind, grid, header_index, &map.targets, &names);
    let mut run = Run {
        kind,
        language,
        grid,
        headers,
        targets: map.targets,
        columns: columns(kind),
        names,
        existing,
        seen: BTreeMap::new(),
        written: BTreeMap::new(),
        report,
    };
    for index in order {
        run.row(writer, index)?;
    }
    if run.report.problems.is_empty() {
        // The rows passed the forms' checks one by one; the portfolio must also hold together as a whole (a new
        // owner of an initiative leaves its benefits' owners off the customer side), as a portfolio import
        // checks: otherwise the portfolio's own export would not import again.
        let broken = new_breaks(&writer.read(), &broken_before, &run.written, header_index + 1, language)?;
        run.report.problems.extend(broken);
    }
    Ok(run.report)
}

/// One import as it goes through the rows: the sheet's header row, the records as they stand, and the report so
/// far.
struct Run<'g> {
    kind: SheetKind,
    language: Language,
    grid: &'g Grid,
    headers: &'g [String],
    /// Where each column's values go (`None`: not imported).
    targets: Vec<Option<Target>>,
    /// The kind's columns.
    columns: Vec<Column>,
    /// The names references are resolved against, with the organisations and initiatives the rows create.
    names: Names,
    /// The records of the kind by key, as the rows so far left them.
    existing: BTreeMap<String, Value>,
    /// The row each key was first seen on.
    seen: BTreeMap<String, usize>,
    /// The row each record was written from.
    written: BTreeMap<(Entity, Id), usize>,
    report: SheetImport,
}

impl<'g> Run<'g> {
    fn problem(&mut self, row: usize, column: String, message: String) {
        self.report.problems.push(SheetProblem { row, column, message });
    }

    /// Imports the grid's row `index`: reads its cells, puts them into the stored record with its key (or a new
    /// one), and writes it. What is wrong goes into the report.
    fn row(&mut self, writer: &mut Writer<'_>, index: usize) -> Result<()> {
        let (kind, language) = (self.kind, self.language);
        let line = index + 1;
        let problems_before = self.report.problems.len();
        let problems = &mut self.report.problems;
        let Some(row) = read_cells(self.grid, index, self.headers, &self.targets, &self.names, language, problems)
        else {
            return Ok(());
        };
        if self.report.problems.len() > problems_before {
            return Ok(());
        }
        let (key, stored, record) = self.merged_record(line, &row);
        if kind == SheetKind::Actuals {
            self.check_item_named(line, &record);
        }
        if self.report.problems.len() > problems_before {
            return Ok(());
        }
        // As the record would be stored (trimmed, case numbers in capitals, lists sorted), so that a cell that
        // differs only in such ways is no change.
        let mut record = normalised(kind, record);
        let label = self.label(&record);
        if let Some(first) = self.seen.insert(key.clone(), line) {
            let column = key_columns(kind).last().map(|c| c.label(language).to_string()).unwrap_or_default();
            let text = message(
                language,
                format!("\u{201d}{label}\u{201d} står redan på rad {first}"),
                format!("\u{201c}{label}\u{201d} is already on row {first}"),
            );
            self.problem(line, column, text);
            return Ok(());
        }
        if stored.as_ref() == Some(&record) {
            self.report.unchanged += 1;
            self.report.rows.push(RowChange { row: line, label, action: "unchanged", changed: Vec::new() });
            return Ok(());
        }
        let cost_header = |development, year| self.cost_header(development, year);
        let changed = match &stored {
            Some(old) => changes(old, &record, &row.cells, &row.costs, &self.names, &cost_header, language),
            None => Vec::new(),
        };
        let warning = stored
            .as_ref()
            .and_then(|old| thousandfold_warning(line, old, &record, &row.cells, &row.costs, &cost_header, language));
        self.report.warnings.extend(warning);
        match write_record(writer, kind, record.clone(), stored.is_some()) {
            Ok(id) => {
                record["id"] = json!(id);
                if kind == SheetKind::Services {
                    self.instructions_warning(line, &record);
                }
                self.written.insert((entity_of(kind), id), line);
                if stored.is_some() {
                    self.report.updated += 1;
                    self.report.rows.push(RowChange { row: line, label, action: "update", changed });
                } else {
                    self.report.created += 1;
                    self.report.rows.push(RowChange { row: line, label: label.clone(), action: "create", changed });
                    match kind {
                        SheetKind::Organisations => self.names.organisations.push((id, label)),
                        SheetKind::Providers => self.names.providers.push((id, label)),
                        SheetKind::Initiatives => self.names.initiatives.push((id, label)),
                        _ => {}
                    }
                }
                self.existing.insert(key, record);
            }
            Err(error) => {
                let problems = refusal_problems(error, line, &record, &self.columns, self.headers, language)?;
                self.report.problems.extend(problems);
            }
        }
        Ok(())
    }

    /// Flags (never refuses) a service written whose provider processes personal data on behalf of customers
    /// without their board's instructions (`Service::customers_without_instructions`).
    fn instructions_warning(&mut self, line: usize, record: &Value) {
        let without = without_instructions(record, &self.names);
        if without.is_empty() {
            return;
        }
        let column = self
            .columns
            .iter()
            .find(|c| c.field == "customers")
            .map(|c| c.label(self.language).to_string())
            .unwrap_or_default();
        let text = message(
            self.language,
            format!("leverantören behandlar personuppgifter för kunder utan instruktioner: {}", without.join(", ")),
            format!("the provider processes personal data for customers without instructions: {}", without.join(", ")),
        );
        self.report.warnings.push(SheetProblem { row: line, column, message: text });
    }

    /// The row's key, the stored record with that key, and the record after the row: the stored one (or a new
    /// one) with the row's cells and amounts. A required value that is missing is reported.
    fn merged_record(&mut self, line: usize, row: &RowCells<'g>) -> (String, Option<Value>, Value) {
        let (kind, language) = (self.kind, self.language);
        let l = |sv: &str, en: &str| message(language, sv.into(), en.into());
        let mut record = blank(kind);
        for (column, _, value) in &row.cells {
            if column.required || matches!(column.field, "initiative_id" | "service_id") {
                set_field(&mut record, column.field, value.clone());
            }
        }
        let key = key_of(kind, &record);
        let stored = self.existing.get(&key).cloned();
        let mut record = stored.clone().unwrap_or_else(|| blank(kind));
        for (column, header, value) in &row.cells {
            // An empty cell of a list every record has a value of (a state, a benefit's kind) keeps the value.
            if value.is_null()
                && !column.required
                && !field(&record, column.field).is_null()
                && NEVER_EMPTY.contains(&column.field)
            {
                continue;
            }
            if value.is_null() && column.required {
                self.problem(line, (*header).clone(), l("måste fyllas i", "is required"));
            }
            set_field(&mut record, column.field, value.clone());
        }
        if stored.is_none() {
            for column in self.columns.iter().filter(|c| c.required) {
                if !row.cells.iter().any(|(c, _, _)| c.field == column.field) {
                    self.report.problems.push(SheetProblem {
                        row: line,
                        column: column.label(language).into(),
                        message: l("kolumnen behövs för nya poster", "new records need this column"),
                    });
                }
            }
        }
        if !row.costs.is_empty() {
            record["costs"] = merged_costs(&record["costs"], &row.costs);
        }
        (key, stored, record)
    }

    /// An actual outcome's row names its initiative or its service, not both and not neither.
    fn check_item_named(&mut self, line: usize, record: &Value) {
        let named: Vec<&str> = ITEM_FIELDS.iter().copied().filter(|f| !record[*f].is_null()).collect();
        if named.len() == 1 {
            return;
        }
        let headers: Vec<String> = self
            .targets
            .iter()
            .zip(self.headers)
            .filter(|(t, _)| matches!(t, Some(Target::Column(c)) if ITEM_FIELDS.contains(&c.field)))
            .map(|(_, h)| h.clone())
            .collect();
        let text = if named.is_empty() {
            message(
                self.language,
                "ange initiativets diarienummer eller tjänstens namn".into(),
                "give the initiative's case number or the service's name".into(),
            )
        } else {
            message(
                self.language,
                "ange antingen ett initiativ eller en tjänst, inte båda".into(),
                "give either an initiative or a service, not both".into(),
            )
        };
        self.problem(line, headers.join(" / "), text);
    }

    /// How the report names a row's record: a benefit by its initiative and name, an initiative by its case
    /// number, an actual outcome by its item and year, the rest by name.
    fn label(&self, record: &Value) -> String {
        match self.kind {
            SheetKind::Actuals => {
                let item = match record["initiative_id"].as_i64() {
                    Some(id) => Names::name(&self.names.initiatives, Some(id)),
                    None => Names::name(&self.names.services, record["service_id"].as_i64()),
                };
                format!("{item} {}", record["year"])
            }
            SheetKind::Benefits => format!(
                "{} / {}",
                Names::name(&self.names.initiatives, record["initiative_id"].as_i64()),
                record["name"].as_str().unwrap_or_default()
            ),
            SheetKind::Initiatives => record["case_number"].as_str().unwrap_or_default().to_string(),
            SheetKind::Frames => record["year"].to_string(),
            _ => record["name"].as_str().unwrap_or_default().to_string(),
        }
    }

    /// A year's amount is named as the sheet names it (in its language), or as the export would.
    fn cost_header(&self, development: bool, year: i32) -> String {
        self.targets
            .iter()
            .zip(self.headers)
            .find(|(target, _)| {
                matches!(target, Some(Target::Cost { development: d, year: y }) if *d == development && *y == year)
            })
            .map_or_else(|| cost_header(development, year, self.language), |(_, header)| header.clone())
    }
}
