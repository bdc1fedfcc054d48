//! Importing a sheet of initiatives, services, organisations or benefits: rows are matched to stored records by
//! their key (an initiative's case number, a service's or an organisation's name, a benefit's initiative and
//! name); a known key updates the record with the columns the sheet has and leaves every other field (and every
//! year the sheet has no column for) as it is; an unknown one creates a record. Everything happens inside one
//! transaction, through the same checks as the app's forms, and the portfolio as a whole must hold afterwards
//! what a portfolio import would check, so nothing a form refuses can come in by file.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};

use super::SheetKind;
use super::cells::{Names, field, message, money, rule_text, set_field, shown, value};
use super::columns::{
    Column, Form, NEVER_EMPTY, Target, blank, columns, cost_header, key_columns, key_of, map_headers,
};
use super::read::{FaultKind, Grid, Unreadable};
use super::record_table::records;
use crate::domain::{
    Attachment, Benefit, CriteriaSet, Decision, Deviation, DocumentProfile, Entity, FieldError, FundingCase,
    GateResult, Id, Initiative, Language, Meeting, Member, Organisation, Pairwise, Parameters, Problems, Provider,
    Scenario, Score, Service, lifecycle,
};
pub use crate::error::SheetProblem;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::{Portfolio, Reader, Stamp, Stored, Writer};

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
    /// factor of 1000 (a number format that divides by 1000 was saved with the sheet).
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
    let sv = language == Language::Sv;
    super::read::grid(bytes).map_err(|e| {
        Error::BadSheet(match (e, sv) {
            (Unreadable::TooLarge, true) => "filen är för stor (högst 64 MB)".into(),
            (Unreadable::TooLarge, false) => "the file is too large (at most 64 MB)".into(),
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

/// A year's two amounts as a row gives them: `None` where the sheet has no column for it, `Some(None)` for an
/// empty cell.
type YearCells = [Option<Option<i64>>; 2];

/// The planned costs after a row: the stored years, with the amounts the sheet has columns for replaced. The
/// planning period runs from the first to the last year with an amount (an empty cell is no amount; a year the
/// sheet has no column for keeps its amounts), and the years between are filled with 0.
fn merged_costs(stored: &Value, sheet: &BTreeMap<i32, YearCells>) -> Value {
    let mut years: BTreeMap<i32, [Option<i64>; 2]> = BTreeMap::new();
    for cost in stored.as_array().into_iter().flatten() {
        if let Some(year) = cost["year"].as_i64().and_then(|y| i32::try_from(y).ok()) {
            years.insert(year, [cost["development"].as_i64(), cost["management"].as_i64()]);
        }
    }
    for (year, cells) in sheet {
        let amounts = years.entry(*year).or_default();
        for (amount, cell) in amounts.iter_mut().zip(cells) {
            if let Some(cell) = cell {
                *amount = *cell;
            }
        }
    }
    let planned = |a: &[Option<i64>; 2]| a.iter().any(Option::is_some);
    let first = years.iter().find(|(_, a)| planned(a)).map(|(y, _)| *y);
    let last = years.iter().rev().find(|(_, a)| planned(a)).map(|(y, _)| *y);
    let (Some(first), Some(last)) = (first, last) else { return json!([]) };
    Value::Array(
        (first..=last)
            .map(|year| {
                let [d, m] = years.get(&year).copied().unwrap_or_default();
                json!({"year": year, "development": d.unwrap_or(0), "management": m.unwrap_or(0)})
            })
            .collect(),
    )
}

/// A year's amounts as (development, management) in öre; `None` for a year not planned.
fn year_amounts(costs: &Value, year: i32) -> Option<[i64; 2]> {
    costs
        .as_array()?
        .iter()
        .find(|c| c["year"].as_i64() == Some(i64::from(year)))
        .map(|c| [c["development"].as_i64().unwrap_or(0), c["management"].as_i64().unwrap_or(0)])
}

/// Whether one amount is about a thousand times the other, as when a number format that divides by 1000
/// (`#,##0.00,"kr"`) was shown and saved as text: the shown value is rounded to the öre, so within 500 öre.
fn thousandfold(old: i64, new: i64) -> bool {
    if old == 0 || new == 0 || (old < 0) != (new < 0) {
        return false;
    }
    let (big, small) = if old.unsigned_abs() > new.unsigned_abs() { (old, new) } else { (new, old) };
    let (big, small) = (i128::from(big).abs(), i128::from(small).abs());
    (big - 1000 * small).abs() <= 500 + big / 1000
}

/// Records broken against the rules a portfolio import checks, keyed so that the same problem before and after
/// an import is recognised.
struct Broken {
    entity: Entity,
    id: Id,
    label: String,
    error: FieldError,
    /// The records it depends on, for naming the row that broke it.
    parents: Vec<(Entity, Id)>,
}

impl Broken {
    fn key(&self) -> (Entity, Id, String, String) {
        (self.entity, self.id, self.error.field.clone(), format!("{:?}", self.error.rule))
    }
}

/// Every broken rule in the portfolio: each record's own rules and those against the others (references,
/// uniqueness, the benefit owner on the customer side), exactly what a portfolio import checks.
fn broken_records(reader: &Reader) -> Result<Vec<Broken>> {
    fn each<T: Stored + Clone>(
        reader: &Reader,
        out: &mut Vec<Broken>,
        parents: impl Fn(&T) -> Vec<(Entity, Id)>,
    ) -> Result<()> {
        for record in reader.all::<T>()? {
            let problems: Problems = reader.problems(&record)?;
            for error in problems.errors() {
                out.push(Broken {
                    entity: T::ENTITY,
                    id: record.id(),
                    label: record.label(),
                    error: error.clone(),
                    parents: parents(&record),
                });
            }
        }
        Ok(())
    }
    fn none<T>(_: &T) -> Vec<(Entity, Id)> {
        Vec::new()
    }
    let mut out = Vec::new();
    each::<Organisation>(reader, &mut out, |o| o.parent_id.map(|p| (Entity::Organisation, p)).into_iter().collect())?;
    each::<Provider>(reader, &mut out, none)?;
    each::<Service>(reader, &mut out, none)?;
    each::<Initiative>(reader, &mut out, none)?;
    each::<Member>(reader, &mut out, none)?;
    each::<CriteriaSet>(reader, &mut out, none)?;
    each::<Score>(reader, &mut out, none)?;
    each::<Pairwise>(reader, &mut out, none)?;
    each::<GateResult>(reader, &mut out, none)?;
    each::<Scenario>(reader, &mut out, none)?;
    each::<Parameters>(reader, &mut out, none)?;
    each::<FundingCase>(reader, &mut out, |f| {
        let initiative = f.initiative_id.map(|i| (Entity::Initiative, i));
        initiative.into_iter().chain(f.service_id.map(|s| (Entity::Service, s))).collect()
    })?;
    each::<Meeting>(reader, &mut out, none)?;
    each::<Decision>(reader, &mut out, none)?;
    each::<Attachment>(reader, &mut out, none)?;
    each::<DocumentProfile>(reader, &mut out, none)?;
    each::<Benefit>(reader, &mut out, |b| vec![(Entity::Initiative, b.initiative_id)])?;
    each::<Deviation>(reader, &mut out, |d| vec![(Entity::Service, d.service_id)])?;
    Ok(out)
}

/// The column header a record's field is shown under in sheets of its kind, or the field's key.
fn field_label(entity: Entity, field: &str, language: Language) -> String {
    let kind = match entity {
        Entity::Initiative => SheetKind::Initiatives,
        Entity::Service => SheetKind::Services,
        Entity::Organisation => SheetKind::Organisations,
        Entity::Benefit => SheetKind::Benefits,
        _ => return field.to_string(),
    };
    let head = field.split(['[', '.']).next().unwrap_or_default();
    columns(kind)
        .iter()
        .find(|c| c.field == field || c.field.split('.').next() == Some(head))
        .map_or_else(|| field.to_string(), |c| c.label(language).to_string())
}

fn apply(writer: &mut Writer<'_>, kind: SheetKind, grid: &Grid, language: Language) -> Result<SheetImport> {
    let l = |sv: &str, en: &str| message(language, sv.into(), en.into());
    let columns = columns(kind);
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
            message: l("filen är tom", "the file is empty"),
        });
        return Ok(report);
    };
    let headers = &grid.rows[header_index];
    let map = map_headers(kind, headers, header_index + 1, language);
    report.problems = map.problems;
    report.ignored = map.ignored;
    let targets = map.targets;
    if !report.problems.is_empty() {
        return Ok(report);
    }
    let key_columns = key_columns(kind);
    // A year's amount is named as the sheet names it (in its language), or as the export would.
    let sheet_cost_headers: BTreeMap<(bool, i32), String> = targets
        .iter()
        .zip(headers)
        .filter_map(|(t, h)| match t {
            Some(Target::Cost { development, year }) => Some(((*development, *year), h.clone())),
            _ => None,
        })
        .collect();
    let cost_headers = |development: bool, year: i32| {
        sheet_cost_headers
            .get(&(development, year))
            .cloned()
            .unwrap_or_else(|| cost_header(development, year, language))
    };
    // What is already wrong in the portfolio is not this sheet's doing; only what the sheet would break is.
    let broken_before: BTreeSet<_> = broken_records(&writer.read())?.iter().map(Broken::key).collect();
    let mut written: BTreeMap<(Entity, Id), usize> = BTreeMap::new();
    let mut names = Names::load(&writer.read())?;
    let mut existing: BTreeMap<String, Value> =
        records(&writer.read(), kind)?.into_iter().map(|r| (key_of(kind, &r), r)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for index in row_order(kind, grid, header_index, &targets, &names) {
        let row = &grid.rows[index];
        let line = index + 1;
        let faults: Vec<(usize, &FaultKind)> =
            grid.faults.range((index, 0)..(index + 1, 0)).map(|((_, c), f)| (*c, f)).collect();
        if row.iter().all(String::is_empty) && faults.is_empty() {
            continue;
        }
        let problems_before = report.problems.len();
        if row.len() > headers.len() && row[headers.len()..].iter().any(|c| !c.is_empty()) {
            report.problems.push(SheetProblem {
                row: line,
                column: String::new(),
                message: l(
                    "raden har fler fält än rubrikraden: står det ett semikolon i en text utan citattecken?",
                    "the row has more fields than the header row: is there a separator in a text without quotes?",
                ),
            });
            continue;
        }
        let mut cells: Vec<(&Column, &String, Value)> = Vec::new();
        let mut costs: BTreeMap<i32, YearCells> = BTreeMap::new();
        let empty = String::new();
        for (column_index, (target, header)) in targets.iter().zip(headers).enumerate() {
            let Some(target) = target else { continue };
            let text = row.get(column_index).unwrap_or(&empty);
            if let Some((_, fault)) = faults.iter().find(|(c, _)| *c == column_index) {
                report.problems.push(SheetProblem {
                    row: line,
                    column: header.clone(),
                    message: fault_text(fault, language),
                });
                continue;
            }
            match target {
                Target::Column(column) => match value(text, column.form, &names, language) {
                    Ok(value) => cells.push((column, header, value)),
                    Err(message) => report.problems.push(SheetProblem { row: line, column: header.clone(), message }),
                },
                Target::Cost { development, year } => {
                    let amount = if text.is_empty() { Ok(None) } else { money(text, language).map(|m| Some(m.ore())) };
                    match amount {
                        Ok(amount) => costs.entry(*year).or_default()[usize::from(!*development)] = Some(amount),
                        Err(message) => {
                            report.problems.push(SheetProblem { row: line, column: header.clone(), message })
                        }
                    }
                }
            }
        }
        if report.problems.len() > problems_before {
            continue;
        }
        let mut record = blank(kind);
        for (column, _, value) in &cells {
            if column.required || matches!(column.field, "initiative_id") {
                set_field(&mut record, column.field, value.clone());
            }
        }
        let key = key_of(kind, &record);
        let stored = existing.get(&key).cloned();
        let mut record = stored.clone().unwrap_or_else(|| blank(kind));
        for (column, header, value) in &cells {
            // An empty cell of a list every record has a value of (a state, a benefit's kind) keeps the value.
            if value.is_null()
                && !column.required
                && !field(&record, column.field).is_null()
                && NEVER_EMPTY.contains(&column.field)
            {
                continue;
            }
            if value.is_null() && column.required {
                report.problems.push(SheetProblem {
                    row: line,
                    column: (*header).clone(),
                    message: l("måste fyllas i", "is required"),
                });
            }
            set_field(&mut record, column.field, value.clone());
        }
        if stored.is_none() {
            for column in columns.iter().filter(|c| c.required) {
                if !cells.iter().any(|(c, _, _)| c.field == column.field) {
                    report.problems.push(SheetProblem {
                        row: line,
                        column: column.label(language).into(),
                        message: l("kolumnen behövs för nya poster", "new records need this column"),
                    });
                }
            }
        }
        if !costs.is_empty() {
            record["costs"] = merged_costs(&record["costs"], &costs);
        }
        if report.problems.len() > problems_before {
            continue;
        }
        // As the record would be stored (trimmed, case numbers in capitals, lists sorted), so that a cell that
        // differs only in such ways is no change.
        let mut record = normalised(kind, record);
        let label = match kind {
            SheetKind::Benefits => format!(
                "{} / {}",
                Names::name(&names.initiatives, record["initiative_id"].as_i64()),
                record["name"].as_str().unwrap_or_default()
            ),
            SheetKind::Initiatives => record["case_number"].as_str().unwrap_or_default().to_string(),
            _ => record["name"].as_str().unwrap_or_default().to_string(),
        };
        if let Some(first) = seen.insert(key.clone(), line) {
            report.problems.push(SheetProblem {
                row: line,
                column: key_columns.last().map(|c| c.label(language).to_string()).unwrap_or_default(),
                message: message(
                    language,
                    format!("\u{201d}{label}\u{201d} står redan på rad {first}"),
                    format!("\u{201c}{label}\u{201d} is already on row {first}"),
                ),
            });
            continue;
        }
        if stored.as_ref() == Some(&record) {
            report.unchanged += 1;
            report.rows.push(RowChange { row: line, label, action: "unchanged", changed: Vec::new() });
            continue;
        }
        let changed = match &stored {
            Some(old) => changes(old, &record, &cells, &costs, &names, &cost_headers, language),
            None => Vec::new(),
        };
        if let Some(old) = &stored {
            thousandfold_warning(&mut report, line, old, &record, &cells, &costs, &cost_headers, language);
        }
        match write_record(writer, kind, record.clone(), stored.is_some()) {
            Ok(id) => {
                record["id"] = json!(id);
                written.insert((entity_of(kind), id), line);
                if stored.is_some() {
                    report.updated += 1;
                    report.rows.push(RowChange { row: line, label, action: "update", changed });
                } else {
                    report.created += 1;
                    report.rows.push(RowChange { row: line, label: label.clone(), action: "create", changed });
                    match kind {
                        SheetKind::Organisations => names.organisations.push((id, label)),
                        SheetKind::Initiatives => names.initiatives.push((id, label)),
                        _ => {}
                    }
                }
                existing.insert(key, record);
            }
            Err(Error::Invalid { problems, .. }) => {
                report.problems.extend(row_problems(&problems, line, &record, &columns, headers, language));
            }
            Err(Error::Transition { label, from, to, missing }) => report.problems.push(SheetProblem {
                row: line,
                column: l("Status", "State"),
                message: lifecycle::transition_text(language, &label, from, to, &missing),
            }),
            Err(Error::ServiceTransition { label, from, to, missing }) => report.problems.push(SheetProblem {
                row: line,
                column: l("Status", "State"),
                message: lifecycle::service_transition_text(language, &label, from, to, &missing),
            }),
            Err(Error::Locked(set)) => report.problems.push(SheetProblem {
                row: line,
                column: String::new(),
                message: message(
                    language,
                    format!("kriterieuppsättningen {set} är låst"),
                    format!("criteria set {set} is locked"),
                ),
            }),
            Err(Error::Database(e)) => return Err(Error::Database(e)),
            Err(other) => {
                report.problems.push(SheetProblem { row: line, column: String::new(), message: other.to_string() })
            }
        }
    }
    if report.problems.is_empty() {
        // The rows passed the forms' checks one by one; the portfolio must also hold together as a whole (a new
        // owner of an initiative leaves its benefits' owners off the customer side), as a portfolio import
        // checks: otherwise the portfolio's own export would not import again.
        for broken in broken_records(&writer.read())? {
            if broken_before.contains(&broken.key()) {
                continue;
            }
            let row = written
                .get(&(broken.entity, broken.id))
                .or_else(|| broken.parents.iter().find_map(|p| written.get(p)))
                .copied()
                .unwrap_or(header_index + 1);
            let what = format!("{} \u{201d}{}\u{201d}", broken.entity.label(language), broken.label);
            let field = field_label(broken.entity, &broken.error.field, language);
            let rule = rule_text(&broken.error.rule, language);
            report.problems.push(SheetProblem {
                row,
                column: String::new(),
                message: message(
                    language,
                    format!("ändringen gör att {what} inte längre stämmer: {field} {rule}"),
                    format!("the change leaves {what} broken: {field} {rule}"),
                ),
            });
        }
    }
    Ok(report)
}

/// The record as the store would keep it ([`Stored::normalise`]); as it is when it is no record of `kind` (the
/// write then reports the problem).
fn normalised(kind: SheetKind, record: Value) -> Value {
    fn through<T: Stored + Serialize + serde::de::DeserializeOwned>(record: Value) -> Value {
        match serde_json::from_value::<T>(record.clone()) {
            Ok(mut typed) => {
                typed.normalise();
                serde_json::to_value(typed).unwrap_or(record)
            }
            Err(_) => record,
        }
    }
    match kind {
        SheetKind::Initiatives => through::<Initiative>(record),
        SheetKind::Services => through::<Service>(record),
        SheetKind::Organisations => through::<Organisation>(record),
        SheetKind::Benefits => through::<Benefit>(record),
        _ => record,
    }
}

fn entity_of(kind: SheetKind) -> Entity {
    match kind {
        SheetKind::Services => Entity::Service,
        SheetKind::Organisations => Entity::Organisation,
        SheetKind::Benefits => Entity::Benefit,
        _ => Entity::Initiative,
    }
}

fn fault_text(fault: &FaultKind, language: Language) -> String {
    match fault {
        FaultKind::NoCachedValue(formula) => message(
            language,
            format!(
                "cellen har formeln ={formula} men inget sparat värde: öppna filen i Excel eller LibreOffice och spara \
                 den igen, eller skriv in värdet"
            ),
            format!(
                "the cell holds the formula ={formula} but no saved result: open and save the file in Excel or \
                 LibreOffice, or type the value"
            ),
        ),
        FaultKind::Error(shown) => message(
            language,
            format!("cellen visar ett fel ({shown}), inget värde"),
            format!("the cell shows an error ({shown}), not a value"),
        ),
    }
}

/// Every field and year a row changes, old → new, as the sheet shows them.
fn changes(
    old: &Value,
    new: &Value,
    cells: &[(&Column, &String, Value)],
    costs: &BTreeMap<i32, YearCells>,
    names: &Names,
    cost_header: &dyn Fn(bool, i32) -> String,
    language: Language,
) -> Vec<FieldChange> {
    let mut changed: Vec<FieldChange> = cells
        .iter()
        .filter(|(c, _, _)| field(old, c.field) != field(new, c.field))
        .map(|(c, header, _)| FieldChange {
            column: (*header).clone(),
            old: shown(field(old, c.field), c.form, names, language),
            new: shown(field(new, c.field), c.form, names, language),
        })
        .collect();
    if !costs.is_empty() && old["costs"] != new["costs"] {
        let years: BTreeSet<i32> = [&old["costs"], &new["costs"]]
            .iter()
            .flat_map(|c| c.as_array().cloned().unwrap_or_default())
            .filter_map(|c| c["year"].as_i64().and_then(|y| i32::try_from(y).ok()))
            .collect();
        for year in years {
            let (before, after) = (year_amounts(&old["costs"], year), year_amounts(&new["costs"], year));
            for (part, development) in [(0, true), (1, false)] {
                let (b, a) = (before.map(|x| x[part]), after.map(|x| x[part]));
                if b != a {
                    let text = |amount: Option<i64>| amount.map(|o| Money::from_ore(o).to_string()).unwrap_or_default();
                    changed.push(FieldChange { column: cost_header(development, year), old: text(b), new: text(a) });
                }
            }
        }
    }
    changed
}

/// Warns when a row's amounts would become a thousandth (or a thousand times) of what they are.
#[allow(clippy::too_many_arguments)]
fn thousandfold_warning(
    report: &mut SheetImport,
    line: usize,
    old: &Value,
    new: &Value,
    cells: &[(&Column, &String, Value)],
    costs: &BTreeMap<i32, YearCells>,
    cost_header: &dyn Fn(bool, i32) -> String,
    language: Language,
) {
    let mut amounts: Vec<(String, i64, i64)> = cells
        .iter()
        .filter(|(c, _, _)| matches!(c.form, Form::Money))
        .filter_map(|(c, h, _)| Some(((*h).clone(), field(old, c.field).as_i64()?, field(new, c.field).as_i64()?)))
        .collect();
    for year in costs.keys() {
        if let (Some(b), Some(a)) = (year_amounts(&old["costs"], *year), year_amounts(&new["costs"], *year)) {
            amounts.push((cost_header(true, *year), b[0], a[0]));
            amounts.push((cost_header(false, *year), b[1], a[1]));
        }
    }
    let flagged: Vec<&(String, i64, i64)> = amounts.iter().filter(|(_, b, a)| thousandfold(*b, *a)).collect();
    let Some((_, before, after)) = flagged.first() else { return };
    let example = format!("{} \u{2192} {}", Money::from_ore(*before), Money::from_ore(*after));
    let smaller = after.unsigned_abs() < before.unsigned_abs();
    report.warnings.push(SheetProblem {
        row: line,
        column: flagged.iter().map(|(h, _, _)| h.as_str()).collect::<Vec<_>>().join(", "),
        message: match (language, smaller) {
            (Language::Sv, true) => format!(
                "beloppen blir en tusendel av vad de är ({example}): sparades arket med ett talformat som delar med \
                 1 000? Kontrollera innan du importerar"
            ),
            (Language::Sv, false) => format!(
                "beloppen blir tusen gånger större ({example}): står de i tusental kronor i arket? Kontrollera innan \
                 du importerar"
            ),
            (Language::En, true) => format!(
                "the amounts become a thousandth of what they are ({example}): was the sheet saved with a number \
                 format that divides by 1,000? Check before importing"
            ),
            (Language::En, false) => format!(
                "the amounts become a thousand times larger ({example}): are they in thousands of kronor in the \
                 sheet? Check before importing"
            ),
        },
    });
}

/// The order rows are written in: as in the sheet, except that an organisation comes after the one it belongs to
/// when both are in the sheet (so a sheet may list children first).
fn row_order(
    kind: SheetKind,
    grid: &Grid,
    header_index: usize,
    targets: &[Option<Target>],
    names: &Names,
) -> Vec<usize> {
    let rows: Vec<usize> = (header_index + 1..grid.rows.len()).collect();
    let parent = targets.iter().position(|t| matches!(t, Some(Target::Column(c)) if c.field == "parent_id"));
    let name = targets.iter().position(|t| matches!(t, Some(Target::Column(c)) if c.field == "name"));
    let (SheetKind::Organisations, Some(parent), Some(name)) = (kind, parent, name) else { return rows };
    let cell =
        |row: usize, column: usize| grid.rows[row].get(column).map(|c| c.trim().to_lowercase()).unwrap_or_default();
    let mut known: BTreeSet<String> = names.organisations.iter().map(|(_, n)| n.trim().to_lowercase()).collect();
    let mut order = Vec::with_capacity(rows.len());
    let mut pending = rows;
    while !pending.is_empty() {
        let (ready, waiting): (Vec<usize>, Vec<usize>) =
            pending.iter().partition(|&&row| cell(row, parent).is_empty() || known.contains(&cell(row, parent)));
        if ready.is_empty() {
            // What is left refers to organisations that are nowhere: each row reports it.
            order.extend(waiting);
            break;
        }
        known.extend(ready.iter().map(|&row| cell(row, name)));
        order.extend(ready);
        pending = waiting;
    }
    order
}

/// A record's broken rules as problems in the row, under the columns of the fields. A duplicate names the value.
fn row_problems(
    problems: &Problems,
    line: usize,
    record: &Value,
    columns: &[Column],
    headers: &[String],
    language: Language,
) -> Vec<SheetProblem> {
    problems
        .errors()
        .iter()
        .map(|error| {
            let field_key = error.field.split(['[', '.']).next().unwrap_or_default();
            let column = columns
                .iter()
                .find(|c| c.field == error.field || c.field.split('.').next() == Some(field_key))
                .map(|c| {
                    headers.iter().find(|h| c.matches(h)).cloned().unwrap_or_else(|| c.label(language).to_string())
                })
                .unwrap_or_else(|| {
                    if field_key == "costs" {
                        message(language, "Kostnader per år".into(), "Costs per year".into())
                    } else {
                        error.field.clone()
                    }
                });
            let text = match (&error.rule, field(record, &error.field).as_str()) {
                (crate::domain::Rule::Duplicate, Some(value)) => message(
                    language,
                    format!("\u{201d}{value}\u{201d} används redan av en annan post"),
                    format!("\u{201c}{value}\u{201d} is already used by another record"),
                ),
                _ => rule_text(&error.rule, language),
            };
            SheetProblem { row: line, column, message: text }
        })
        .collect()
}

fn write_record(writer: &mut Writer<'_>, kind: SheetKind, record: Value, update: bool) -> Result<Id> {
    fn put<T: Stored + PartialEq + serde::de::DeserializeOwned>(
        writer: &mut Writer<'_>,
        record: Value,
        update: bool,
    ) -> Result<Id> {
        let record: T = serde_json::from_value(record).map_err(|e| Error::BadSheet(e.to_string()))?;
        if update {
            let id = record.id();
            writer.update(record)?;
            Ok(id)
        } else {
            writer.create(record)
        }
    }
    match kind {
        SheetKind::Initiatives => put::<Initiative>(writer, record, update),
        SheetKind::Services => put::<Service>(writer, record, update),
        SheetKind::Organisations => put::<Organisation>(writer, record, update),
        SheetKind::Benefits => put::<Benefit>(writer, record, update),
        SheetKind::Ranking | SheetKind::Providers | SheetKind::Members | SheetKind::Deviations => {
            Err(Error::BadSheet(format!("{} are not imported", kind.key())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_replaces_only_the_amounts_it_has_columns_for() {
        let stored = json!([
            {"year": 2026, "development": 100, "management": 10},
            {"year": 2027, "development": 200, "management": 20},
            {"year": 2028, "development": 300, "management": 30},
        ]);
        // Only the development of 2027: management and the other years stay.
        let only = BTreeMap::from([(2027, [Some(Some(250)), None])]);
        assert_eq!(
            merged_costs(&stored, &only),
            json!([
                {"year": 2026, "development": 100, "management": 10},
                {"year": 2027, "development": 250, "management": 20},
                {"year": 2028, "development": 300, "management": 30},
            ])
        );
        // Emptying the last year's two cells ends the period a year earlier; a new year extends it, with 0 between.
        let edges = BTreeMap::from([(2028, [Some(None), Some(None)]), (2031, [Some(Some(5)), None])]);
        let merged = merged_costs(&stored, &edges);
        let years: Vec<i64> = merged.as_array().unwrap().iter().map(|c| c["year"].as_i64().unwrap()).collect();
        assert_eq!(years, [2026, 2027, 2028, 2029, 2030, 2031]);
        assert_eq!(merged[2], json!({"year": 2028, "development": 0, "management": 0}));
        assert_eq!(merged[5], json!({"year": 2031, "development": 5, "management": 0}));
    }

    #[test]
    fn a_thousandfold_change_is_recognised_through_the_rounding_of_what_was_shown() {
        // 1 250 000,50 kr shown with a format that divides by 1000: 1 250,00 kr.
        assert!(thousandfold(125_000_050, 125_000));
        assert!(thousandfold(420_000_000, 420_000));
        assert!(thousandfold(420_000, 420_000_000));
        assert!(!thousandfold(420_000_000, 410_000_000));
        assert!(!thousandfold(420_000_000, 0));
        assert!(!thousandfold(420_000_000, 400_000));
    }
}
