//! A funding case's volumes as a sheet, to set them up or update them without the app: one row per customer, a
//! forecast and an actual column per year of the case (`Prognos volym 2027`, `Utfall volym 2027`). The export is
//! also the template (an item without a case gets the case the funding view would open: the item's cost years and
//! customers). The import matches rows to customers by the organisation's name, changes the volumes the sheet has
//! columns for, adds the customers it names and leaves the rest of the case as it is; all or nothing, through the
//! same checks as the funding view, each change in the history.

use rust_decimal::Decimal;
use serde::Serialize;

use super::cells::{Names, message, parse_number};
use super::{Cell, ColumnKind, Guide, Table};
use crate::domain::{FundingCase, FundingCustomer, Initiative, ItemRef, Language, Service};
use crate::error::{Error, Result, SheetProblem};
use crate::store::{Portfolio, Reader, Stamp, Writer};
use crate::time::Timestamp;

use super::import::FieldChange;

/// What importing a volumes sheet does (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VolumeImport {
    /// The initiative's case number or the service's name.
    pub subject: String,
    /// The item had no funding case: the import creates it.
    pub creates_case: bool,
    /// Customers the sheet adds to the case.
    pub added: Vec<String>,
    /// Every volume that changes, old → new (`Kulturnämnden: Prognos volym 2027`).
    pub changed: Vec<FieldChange>,
    /// Nothing is written unless this is empty.
    pub problems: Vec<SheetProblem>,
}

/// The item's case, or the one the funding view opens for it (`this_year` when the item has no cost years), with
/// its name.
fn case_of(reader: &Reader, item: ItemRef, this_year: i32) -> Result<(Option<FundingCase>, FundingCase, String)> {
    let (stored, new, subject) = match item {
        ItemRef::Initiative(id) => {
            let initiative: Initiative = reader.get(id)?;
            let stored = reader.funding_case_of(Some(id), None)?;
            (stored, FundingCase::new_for_initiative(&initiative, this_year), initiative.case_number)
        }
        ItemRef::Service(id) => {
            let service: Service = reader.get(id)?;
            let stored = reader.funding_case_of(None, Some(id))?;
            (stored, FundingCase::new_for_service(&service, this_year), service.name)
        }
    };
    let case = stored.clone().unwrap_or(new);
    Ok((stored, case, subject))
}

/// A column's header: the forecast or the actual volume of a year.
fn header(actual: bool, year: i32, language: Language) -> String {
    match (actual, language) {
        (false, Language::Sv) => format!("Prognos volym {year}"),
        (true, Language::Sv) => format!("Utfall volym {year}"),
        (false, Language::En) => format!("Forecast volume {year}"),
        (true, Language::En) => format!("Actual volume {year}"),
    }
}

/// A header read back: (actual, year), in either language.
fn read_header(text: &str) -> Option<(bool, i32)> {
    let text = text.trim().to_lowercase();
    let (kind, year) = text.rsplit_once(' ')?;
    let actual = match kind.trim() {
        "prognos volym" | "forecast volume" => false,
        "utfall volym" | "actual volume" => true,
        _ => return None,
    };
    Some((actual, year.parse().ok()?))
}

fn customer_header(language: Language) -> String {
    message(language, "Kund".into(), "Customer".into())
}

/// The volumes of the item's funding case (or of the case the funding view would open) as a table.
pub fn volumes_table(reader: &Reader, item: ItemRef, language: Language, now: Timestamp) -> Result<Table> {
    let (_, case, subject) = case_of(reader, item, crate::time::local_year(now))?;
    let names = Names::load(reader)?;
    let years: Vec<i32> = case.years.iter().map(|y| y.year).collect();
    let mut headers = vec![customer_header(language)];
    headers.extend(years.iter().map(|y| header(false, *y, language)));
    headers.extend(years.iter().map(|y| header(true, *y, language)));
    let rows = case
        .customers
        .iter()
        .map(|c| {
            let mut row = vec![Cell::Text(Names::name(&names.organisations, Some(c.organisation_id)))];
            row.extend(
                years
                    .iter()
                    .enumerate()
                    .map(|(i, _)| c.forecast_volume.get(i).map_or(Cell::Empty, |v| Cell::Number(*v))),
            );
            row.extend(
                years
                    .iter()
                    .enumerate()
                    .map(|(i, _)| c.actual_volume.get(i).copied().flatten().map_or(Cell::Empty, Cell::Number)),
            );
            row
        })
        .collect();
    let mut kinds = vec![ColumnKind::Text];
    kinds.extend(std::iter::repeat_n(ColumnKind::Number, years.len() * 2));
    let unit = if case.volume_unit.is_empty() { String::new() } else { format!(" ({})", case.volume_unit) };
    let note = message(
        language,
        format!(
            "En rad per kund, med organisationens namn. Volymerna{unit} per år: prognos, och utfall när året är \
             stängt (tomt: inte stängt). En kund som saknas i arket behåller sina volymer."
        ),
        format!(
            "One row per customer, by the organisation's name. The volumes{unit} per year: the forecast, and the \
             actual once the year is closed (empty: not closed). A customer the sheet leaves out keeps its volumes."
        ),
    );
    Ok(Table {
        name: format!("{} {subject}", message(language, "Volymer".into(), "Volumes".into())),
        headers,
        rows,
        kinds,
        totals: 0,
        guide: Guide { notes: vec![(0, note)], choices: Vec::new() },
    })
}

/// Imports (or, with `dry_run` or any problem, previews) the volumes of the item's funding case from a sheet.
#[allow(clippy::too_many_arguments)]
pub fn import_volumes(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    item: ItemRef,
    bytes: &[u8],
    file_name: &str,
    language: Language,
    dry_run: bool,
) -> Result<VolumeImport> {
    let grid = super::import::read_any(bytes, language)?;
    let this_year = crate::time::local_year(stamp.at);
    let rehearsed = portfolio.rehearse(stamp, |w| apply(w, item, &grid.rows, language, this_year))?;
    if dry_run || !rehearsed.problems.is_empty() {
        return Ok(rehearsed);
    }
    portfolio.write(stamp, |w| {
        w.set_note(format!("Import från kalkylark: {file_name}"));
        let report = apply(w, item, &grid.rows, language, this_year)?;
        match report.problems.first() {
            None => Ok(report),
            Some(first) => Err(Error::SheetRefused { problems: report.problems.len(), first: first.clone() }),
        }
    })
}

fn apply(
    writer: &mut Writer<'_>,
    item: ItemRef,
    rows: &[Vec<String>],
    language: Language,
    this_year: i32,
) -> Result<VolumeImport> {
    let l = |sv: String, en: String| message(language, sv, en);
    let (stored, mut case, subject) = case_of(&writer.read(), item, this_year)?;
    let names = Names::load(&writer.read())?;
    let mut report = VolumeImport {
        subject,
        creates_case: stored.is_none(),
        added: Vec::new(),
        changed: Vec::new(),
        problems: Vec::new(),
    };
    let mut problems: Vec<SheetProblem> = Vec::new();
    let mut problem = |row: usize, column: &str, text: String| {
        problems.push(SheetProblem { row, column: column.to_string(), message: text });
    };
    let years: Vec<i32> = case.years.iter().map(|y| y.year).collect();
    // The header is the first row with anything in it (a sheet may start with an empty row); rows are numbered as
    // the spreadsheet numbers them.
    let Some(header_at) = rows.iter().position(|r| r.iter().any(|c| !c.trim().is_empty())) else {
        return Err(Error::BadSheet(l("arket har ingen rubrikrad".into(), "the sheet has no header row".into())));
    };
    let headers = &rows[header_at];
    let header_line = header_at + 1;
    let customer_column = headers.first().cloned().unwrap_or_default();
    // The columns: the customer first, then volumes of the case's years.
    let mut columns: Vec<Option<(bool, usize)>> = Vec::new();
    for (c, text) in headers.iter().enumerate() {
        if c == 0 {
            if !["kund", "customer"].contains(&text.trim().to_lowercase().as_str()) {
                problem(
                    header_line,
                    text,
                    l("första kolumnen ska vara Kund".into(), "the first column must be Customer".into()),
                );
            }
            columns.push(None);
            continue;
        }
        if text.trim().is_empty() {
            columns.push(None);
            continue;
        }
        match read_header(text) {
            Some((actual, year)) => match years.iter().position(|y| *y == year) {
                // The same year's column twice: which one counts would be a guess.
                Some(index) if columns.contains(&Some((actual, index))) => {
                    problem(
                        header_line,
                        text,
                        l("kolumnen finns två gånger i arket".into(), "the column is in the sheet twice".into()),
                    );
                    columns.push(None);
                }
                Some(index) => columns.push(Some((actual, index))),
                None => {
                    let span = format!("{}–{}", years.first().unwrap_or(&0), years.last().unwrap_or(&0));
                    problem(
                        header_line,
                        text,
                        l(
                            format!("året {year} finns inte i underlaget ({span})"),
                            format!("the case has no year {year} ({span})"),
                        ),
                    );
                    columns.push(None);
                }
            },
            None => {
                problem(
                    header_line,
                    text,
                    l(
                        "okänd kolumn: skriv Prognos volym ÅÅÅÅ eller Utfall volym ÅÅÅÅ".into(),
                        "unknown column: write Forecast volume YYYY or Actual volume YYYY".into(),
                    ),
                );
                columns.push(None);
            }
        }
    }
    let before = case.clone();
    let mut seen = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(header_at + 1) {
        let line = r + 1;
        let name = row.first().map(|n| n.trim()).unwrap_or_default();
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        // A value in a column without a header (or beyond the last one) would be silently dropped.
        let stray = row
            .iter()
            .enumerate()
            .skip(1)
            .find(|(c, cell)| !cell.trim().is_empty() && headers.get(*c).is_none_or(|h| h.trim().is_empty()));
        if let Some((c, cell)) = stray {
            problem(
                line,
                "",
                l(
                    format!("\u{201d}{}\u{201d} står i kolumn {} som saknar rubrik", cell.trim(), c + 1),
                    format!("\u{201c}{}\u{201d} is in column {}, which has no header", cell.trim(), c + 1),
                ),
            );
            continue;
        }
        let Some(organisation_id) = Names::id(&names.organisations, name) else {
            problem(
                line,
                &customer_column,
                l(
                    format!("det finns ingen organisation som heter \u{201d}{name}\u{201d}"),
                    format!("there is no organisation named \u{201c}{name}\u{201d}"),
                ),
            );
            continue;
        };
        if seen.contains(&organisation_id) {
            problem(
                line,
                &customer_column,
                l(
                    format!("\u{201d}{name}\u{201d} står på två rader"),
                    format!("\u{201c}{name}\u{201d} is on two rows"),
                ),
            );
            continue;
        }
        seen.push(organisation_id);
        let at = match case.customers.iter().position(|c| c.organisation_id == organisation_id) {
            Some(at) => at,
            None => {
                case.customers.push(FundingCustomer {
                    organisation_id,
                    forecast_volume: vec![Decimal::ZERO; years.len()],
                    actual_volume: vec![None; years.len()],
                });
                report.added.push(Names::name(&names.organisations, Some(organisation_id)));
                case.customers.len() - 1
            }
        };
        let customer = &mut case.customers[at];
        customer.forecast_volume.resize(years.len(), Decimal::ZERO);
        customer.actual_volume.resize(years.len(), None);
        for (c, column) in columns.iter().enumerate() {
            let Some((actual, index)) = *column else { continue };
            let text = row.get(c).map(|t| t.trim()).unwrap_or_default();
            let value = if text.is_empty() {
                None
            } else {
                match parse_number(text) {
                    Some(v) if !v.is_sign_negative() => Some(v.normalize()),
                    _ => {
                        problem(
                            line,
                            headers.get(c).map_or("", String::as_str),
                            l(
                                format!("\u{201d}{text}\u{201d} är ingen volym (ett tal, 0 eller mer)"),
                                format!("\u{201c}{text}\u{201d} is not a volume (a number, 0 or more)"),
                            ),
                        );
                        continue;
                    }
                }
            };
            if actual {
                customer.actual_volume[index] = value;
            } else {
                customer.forecast_volume[index] = value.unwrap_or(Decimal::ZERO);
            }
        }
    }
    if !problems.is_empty() {
        report.problems = problems;
        return Ok(report);
    }
    // Old → new, volume by volume, as the sheet names them.
    for customer in &case.customers {
        let name = Names::name(&names.organisations, Some(customer.organisation_id));
        let old = before.customers.iter().find(|c| c.organisation_id == customer.organisation_id);
        for (i, year) in years.iter().enumerate() {
            let shown = |v: Option<Decimal>| {
                v.map(|v| v.to_string().replace('.', if language == Language::Sv { "," } else { "." }))
                    .unwrap_or_default()
            };
            let pairs = [
                (false, old.and_then(|o| o.forecast_volume.get(i).copied()), customer.forecast_volume.get(i).copied()),
                (
                    true,
                    old.and_then(|o| o.actual_volume.get(i).copied().flatten()),
                    customer.actual_volume.get(i).copied().flatten(),
                ),
            ];
            for (actual, was, now) in pairs {
                if was != now && !(old.is_none() && now.is_none_or(|v| v.is_zero())) {
                    report.changed.push(FieldChange {
                        column: format!("{name}: {}", header(actual, *year, language)),
                        old: shown(was),
                        new: shown(now),
                    });
                }
            }
        }
    }
    // A sheet that changes no volume and adds no customer writes nothing (not even the padding of shorter lists).
    if stored.is_some() && report.changed.is_empty() && report.added.is_empty() {
        report.problems = problems;
        return Ok(report);
    }
    let case_customers: Vec<crate::domain::Id> = case.customers.iter().map(|c| c.organisation_id).collect();
    let written = if stored.is_some() { writer.update(case).map(|_| ()) } else { writer.create(case).map(|_| ()) };
    match written {
        Ok(()) => {}
        Err(Error::Invalid { problems: refused, .. }) => {
            // A year's rule under its forecast column, a customer's on its row; the rest on the header row.
            for error in refused.errors() {
                let index =
                    |list: &str| -> Option<usize> { error.field.strip_prefix(list)?.split(']').next()?.parse().ok() };
                let (row, column) = match (index("years["), index("customers[")) {
                    (Some(i), _) => (1, years.get(i).map(|y| header(false, *y, language)).unwrap_or_default()),
                    (_, Some(i)) => {
                        let id = case_customers.get(i).copied();
                        let row = rows.iter().position(|r| {
                            r.first().and_then(|n| Names::id(&names.organisations, n)) == id && id.is_some()
                        });
                        (row.map_or(1, |r| r + 1), customer_header(language))
                    }
                    _ => (1, String::new()),
                };
                let text = super::cells::rule_text(&error.rule, language);
                problems.push(SheetProblem { row, column, message: text });
            }
        }
        Err(other) => return Err(other),
    }
    report.problems = problems;
    Ok(report)
}
