//! Spreadsheets: the portfolio's tables written as XLSX with a bold, frozen header row, filters, column widths
//! from the content, and real numbers and dates (amounts in kronor with two decimals, formatted as such); and
//! initiatives, services, organisations and benefits read back from XLSX or CSV, the exported sheet being the
//! template.
//!
//! - `columns`: the columns of each importable kind (and of the yearly analysis's parts) and how a header row maps
//!   onto them;
//! - `cells`: one cell's text as a field's value (numbers, amounts to the öre, dates, names);
//! - `record_table`: the importable kinds written as tables (the export and the template);
//! - `import`: rows matched to records and written in one transaction, with the preview;
//! - `read`: XLSX/XLS/ODS or CSV into a grid of text;
//! - `request`: which table to build ([`SheetRequest`]), and [`build`] to build it.

mod analysis;
mod budget;
mod cells;
mod columns;
mod import;
mod read;
mod record_table;
mod request;
mod volumes;

pub use analysis::{AnalysisImport, analysis_table, import_analysis};
pub use budget::{budget_book, budget_table};
pub use import::{FieldChange, RowChange, SheetImport, SheetProblem, import, preview};
pub use request::{SheetRequest, build};
pub use volumes::{VolumeImport, import_volumes, volumes_table};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, Workbook};

use crate::domain::{Initiative, ItemRef, Language, Service};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::Reader;
use crate::time::{self, NaiveDate, Timestamp};

/// Which table to write. Read from JSON by its [`key`](SheetKind::key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    Initiatives,
    Services,
    Organisations,
    Benefits,
    /// The ranking of the criteria set with the latest planning period.
    Ranking,
    /// The providers (export only).
    Providers,
    /// The group's members (export only).
    Members,
    /// The register of opt-outs and deviations (export only).
    Deviations,
    /// The actual outcomes (utfall) per initiative or service and year.
    Actuals,
    /// The city council's decided frames, one row per year.
    Frames,
}

impl SheetKind {
    pub const ALL: [SheetKind; 10] = [
        SheetKind::Initiatives,
        SheetKind::Services,
        SheetKind::Organisations,
        SheetKind::Benefits,
        SheetKind::Ranking,
        SheetKind::Providers,
        SheetKind::Members,
        SheetKind::Deviations,
        SheetKind::Actuals,
        SheetKind::Frames,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SheetKind::Initiatives => "initiatives",
            SheetKind::Services => "services",
            SheetKind::Organisations => "organisations",
            SheetKind::Benefits => "benefits",
            SheetKind::Ranking => "ranking",
            SheetKind::Providers => "providers",
            SheetKind::Members => "members",
            SheetKind::Deviations => "deviations",
            SheetKind::Actuals => "actuals",
            SheetKind::Frames => "frames",
        }
    }

    /// Whether sheets of this kind can be imported.
    pub fn importable(self) -> bool {
        matches!(
            self,
            SheetKind::Initiatives
                | SheetKind::Services
                | SheetKind::Organisations
                | SheetKind::Benefits
                | SheetKind::Actuals
                | SheetKind::Members
                | SheetKind::Providers
                | SheetKind::Frames
        )
    }

    pub fn from_key(key: &str) -> Option<SheetKind> {
        SheetKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Money(Money),
    Number(Decimal),
    /// A date, written as a spreadsheet date with the format `yyyy-mm-dd` (so it sorts and filters as one).
    Date(NaiveDate),
    Empty,
}

/// What a column holds, so that a cell typed into it (in the template, or below the rows) gets the same number
/// format as the exported cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnKind {
    #[default]
    Text,
    /// Kronor: `# ##0,00 kr`.
    Money,
    /// `yyyy-mm-dd`.
    Date,
    Number,
}

/// A table as it is written: a name, headers and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Per column (missing ones: text): the format of cells typed into the column.
    pub kinds: Vec<ColumnKind>,
    /// How many of the last rows are sums, left outside the filter (so sorting or filtering never moves them).
    pub totals: usize,
    /// Help for whoever fills the sheet in: notes on headers and drop-down lists of a column's allowed values.
    pub guide: Guide,
}

/// Help written into a sheet for whoever fills it in; the import never reads it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Guide {
    /// A note on a column's header (column, text): what goes there.
    pub notes: Vec<(usize, String)>,
    /// A column's allowed values, offered as a drop-down list in its cells (column, values).
    pub choices: Vec<(usize, Vec<String>)>,
}

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
}

/// The table of `kind` from the portfolio, with headers in `language`.
pub fn table(reader: &Reader, kind: SheetKind, language: Language) -> Result<Table> {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let name = match kind {
        SheetKind::Initiatives => l("Initiativ", "Initiatives"),
        SheetKind::Services => l("Tjänster", "Services"),
        SheetKind::Organisations => l("Organisationer", "Organisations"),
        SheetKind::Benefits => l("Nyttor", "Benefits"),
        SheetKind::Actuals => l("Utfall", "Actual outcomes"),
        SheetKind::Members => l("Ledamöter", "Members"),
        SheetKind::Providers => l("Leverantörer", "Providers"),
        SheetKind::Frames => l("Beslutade ramar", "Decided frames"),
        SheetKind::Ranking => return ranking_table(reader, None, language),
        SheetKind::Deviations => return register_table(reader, language),
    };
    record_table::table(reader, kind, language, name, None)
}

/// The table that is only exported: the register of opt-outs and deviations.
fn register_table(reader: &Reader, language: Language) -> Result<Table> {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let organisations = reader.organisations()?;
    let organisation = |id: Option<i64>| {
        text(id.and_then(|id| organisations.iter().find(|o| o.id == id)).map(|o| o.name.clone()).unwrap_or_default())
    };
    {
        {
            let deviations: Vec<crate::domain::Deviation> = reader.all()?;
            let services = reader.services()?;
            let practice = reader.parameters()?.practice;
            // A service, or for an avsteg from a framework the framework.
            let concerns = |d: &crate::domain::Deviation| match (d.service_id, d.framework) {
                (Some(id), _) => text(services.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default()),
                (None, Some(framework)) => text(framework.label(language)),
                (None, None) => text(""),
            };
            Ok(Table {
                name: l("Avsteg och avvikelser", "Opt-outs and deviations"),
                headers: vec![
                    l("Slag", "Kind"),
                    l("Rubrik", "Title"),
                    l("Tjänst eller ramverk", "Service or framework"),
                    l("Organisation", "Organisation"),
                    l("Informationssäkerhet", "Information security"),
                    l("Registrerad", "Registered"),
                    l("Senast", "Deadline"),
                    l("Nästa steg", "Next step"),
                    l("Motivering", "Motivation"),
                    l("Utfall", "Outcome"),
                    l("Beslutsdatum", "Decided on"),
                    l("Beslutat av", "Decided by"),
                ],
                rows: deviations
                    .iter()
                    .map(|d| {
                        vec![
                            text(d.kind.label(language)),
                            text(&d.title),
                            concerns(d),
                            organisation(d.organisation_id),
                            text(if d.security { l("Ja", "Yes") } else { String::new() }),
                            Cell::Date(d.registered),
                            d.deadline.map_or(Cell::Empty, Cell::Date),
                            text(
                                d.next_step(&practice)
                                    .map(|s| s.label(language))
                                    .unwrap_or_else(|| if sv { "Avslutad" } else { "Closed" }),
                            ),
                            text(&d.motivation),
                            text(d.outcome.map(|o| o.label(language)).unwrap_or_default()),
                            d.decision_date.map_or(Cell::Empty, Cell::Date),
                            text(crate::domain::Organisation::decider_name(&organisations, d.decided_by_id, language)),
                        ]
                    })
                    .collect(),
                kinds: {
                    let mut kinds = vec![ColumnKind::Text; 12];
                    kinds[5] = ColumnKind::Date;
                    kinds[6] = ColumnKind::Date;
                    kinds[10] = ColumnKind::Date;
                    kinds
                },
                totals: 0,
                guide: Guide::default(),
            })
        }
    }
}

/// The empty template of an importable kind (the columns an import reads); initiatives get cost columns for the
/// four years after the year of `now` (the coming planning period).
pub fn template(reader: &Reader, kind: SheetKind, language: Language, now: Timestamp) -> Result<Table> {
    let first_year = time::local_year(now) + 1;
    if !kind.importable() {
        return Err(Error::BadSheet(format!("{} cannot be imported, so it has no template", kind.key())));
    }
    let sv = language == Language::Sv;
    let what = match kind {
        SheetKind::Initiatives => {
            if sv {
                "initiativ"
            } else {
                "initiatives"
            }
        }
        SheetKind::Services => {
            if sv {
                "tjänster"
            } else {
                "services"
            }
        }
        SheetKind::Organisations => {
            if sv {
                "organisationer"
            } else {
                "organisations"
            }
        }
        SheetKind::Actuals => {
            if sv {
                "utfall"
            } else {
                "actual outcomes"
            }
        }
        SheetKind::Members => {
            if sv {
                "ledamöter"
            } else {
                "members"
            }
        }
        SheetKind::Providers => {
            if sv {
                "leverantörer"
            } else {
                "providers"
            }
        }
        SheetKind::Frames => {
            if sv {
                "beslutade ramar"
            } else {
                "decided frames"
            }
        }
        _ => {
            if sv {
                "nyttor"
            } else {
                "benefits"
            }
        }
    };
    let name = if sv { format!("Mall för {what}") } else { format!("Template for {what}") };
    record_table::table(reader, kind, language, name, Some(first_year))
}

/// The ranking of a criteria set (`None`: the one with the latest planning period): rank, value, value per
/// million kronor, costs and each criterion's aggregated score.
pub fn ranking_table(reader: &Reader, set_id: Option<i64>, language: Language) -> Result<Table> {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let set: crate::domain::CriteriaSet = match set_id {
        Some(id) => reader.get(id)?,
        None => {
            let sets: Vec<crate::domain::CriteriaSet> = reader.all()?;
            sets.into_iter()
                .max_by_key(|s| (s.period_start, s.id))
                .ok_or(Error::Paper(crate::error::PaperProblem::NoCriteriaSet))?
        }
    };
    let assessment = reader.assessment(set.id, None)?;
    let initiatives: Vec<Initiative> = reader.initiatives()?;
    let services: Vec<Service> = reader.all()?;
    let mut headers = vec![
        l("Rang", "Rank"),
        l("Typ", "Kind"),
        l("Diarienummer", "Case number"),
        l("Titel", "Title"),
        l("Värde (0–1)", "Value (0–1)"),
        l("Värde per mnkr", "Value per million SEK"),
        l("Utveckling (kr)", "Development (SEK)"),
        l("Förvaltning (kr)", "Management (SEK)"),
    ];
    headers.extend(set.criteria.iter().map(|c| c.name.clone()));
    let number = |v: f64| Decimal::from_f64_retain(v).map_or(Cell::Empty, |d| Cell::Number(d.round_dp(4)));
    let rows = assessment
        .rows
        .iter()
        .map(|row| {
            // An initiative is named by its case number and title, a service by its name (it has no case number).
            let (kind, case_number, title) = match row.item {
                ItemRef::Initiative(id) => {
                    let initiative = initiatives.iter().find(|i| i.id == id);
                    (
                        l("Förändringsinsats", "Change initiative"),
                        initiative.map(|i| i.case_number.clone()).unwrap_or_default(),
                        initiative.map(|i| i.title.clone()).unwrap_or_default(),
                    )
                }
                ItemRef::Service(id) => (
                    l("Gemensam tjänst", "Shared service"),
                    String::new(),
                    services.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default(),
                ),
            };
            let mut cells = vec![
                Cell::Number(Decimal::from(row.rank as i64)),
                text(kind),
                text(case_number),
                text(title),
                number(row.value),
                row.value_per_million.map_or(Cell::Empty, number),
                Cell::Money(row.development),
                Cell::Money(row.management),
            ];
            cells.extend(row.cells.iter().map(|c| c.summary.aggregate.map_or(Cell::Empty, number)));
            cells
        })
        .collect();
    let mut kinds = vec![
        ColumnKind::Number,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Number,
        ColumnKind::Number,
    ];
    kinds.extend([ColumnKind::Money, ColumnKind::Money]);
    kinds.extend(set.criteria.iter().map(|_| ColumnKind::Number));
    Ok(Table { name: set.name.clone(), headers, rows, kinds, totals: 0, guide: Guide::default() })
}

/// The funding comparison of a stored funding case: what each customer pays in total over the years under each
/// model, with the sums.
pub fn funding_table(reader: &Reader, case_id: i64, language: Language) -> Result<Table> {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let case: crate::domain::FundingCase = reader.get(case_id)?;
    let result = reader.funding(case_id)?;
    let comparison = &result.comparison;
    let subject = match (case.initiative_id, case.service_id) {
        (Some(id), _) => reader.get::<Initiative>(id).map(|i| i.case_number)?,
        (_, Some(id)) => reader.get::<Service>(id).map(|s| s.name)?,
        _ => String::new(),
    };
    let years = match (comparison.years.first(), comparison.years.last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut sums = [0i64; 4];
    for t in &comparison.totals {
        let amounts = [t.cost_allocation, t.invoice, t.grant, t.frame_transfer];
        for (sum, amount) in sums.iter_mut().zip(amounts) {
            *sum += amount.ore();
        }
        let mut row = vec![text(&t.name), text(if t.is_company { l("Bolag", "Company") } else { l("Nämnd", "Board") })];
        row.extend(amounts.into_iter().map(Cell::Money));
        rows.push(row);
    }
    let mut total = vec![Cell::Text(l("Summa", "Total")), Cell::Empty];
    total.extend(sums.into_iter().map(|o| Cell::Money(Money::from_ore(o))));
    rows.push(total);
    Ok(Table {
        name: format!("{} {subject}", l("Finansiering", "Funding")),
        headers: vec![
            l("Kund", "Customer"),
            l("Slag", "Kind"),
            format!("{} {years} (kr)", l("Kostnadsfördelning", "Cost allocation")),
            format!("{} {years} (kr)", l("Faktura à pris", "Invoice per unit")),
            format!("{} {years} (kr)", l("Kommunbidrag, betalt", "Grant, paid")),
            format!("{} {years} (kr)", l("Ramväxling", "Frame transfer")),
        ],
        rows,
        kinds: vec![
            ColumnKind::Text,
            ColumnKind::Text,
            ColumnKind::Money,
            ColumnKind::Money,
            ColumnKind::Money,
            ColumnKind::Money,
        ],
        // The Summa row stays below the filtered rows.
        totals: 1,
        guide: Guide::default(),
    })
}

/// The number format of amounts: `# ##0,00 kr` in a Swedish spreadsheet. The space before `kr` is inside the
/// quotes: LibreOffice reads `#,##0.00 "kr"` (a bare space, then the unit) as a thousands separator that scales
/// by 1000 and saves it back as `#,##0.00,"kr"`, after which 4 200 000 kr shows (and is saved as CSV) as
/// 4 200,00 kr. The round trip through LibreOffice is tested in `tests/engine/sheets.rs`.
pub const KRONOR_FORMAT: &str = "#,##0.00\" kr\"";
/// The number format of dates.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";

/// Day 0 of spreadsheet date serials: 1899-12-30, so that 1900-03-01 is 61 as in Excel (whose serials count a
/// 1900-02-29 that never was; earlier serials are read as LibreOffice reads them, a day before Excel's).
pub(crate) const SERIAL_EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date");

/// A date as a spreadsheet date serial: days since 1899-12-30.
fn date_serial(date: NaiveDate) -> f64 {
    time::days_between(SERIAL_EPOCH, date) as f64
}

fn sheet_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Paper(crate::error::PaperProblem::SheetNotWritten { detail: e.to_string() })
}

/// Writes a table as an XLSX workbook.
pub fn xlsx(table: &Table) -> Result<Vec<u8>> {
    xlsx_book(std::slice::from_ref(table))
}

/// Several tables as the sheets of one workbook, in order (the first is the one opened and imported).
pub fn xlsx_book(tables: &[Table]) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    for (index, table) in tables.iter().enumerate() {
        // The drop-down lists' values on a hidden sheet of their own after the tables (Excel limits a list typed
        // into the validation to 255 characters; the laws alone are longer).
        let lists = if index == 0 { "Listor".to_string() } else { format!("Listor {}", index + 1) };
        add_sheet(&mut workbook, table, &lists)?;
    }
    for (index, table) in tables.iter().enumerate() {
        if table.guide.choices.is_empty() {
            continue;
        }
        let sheet = workbook.add_worksheet();
        sheet
            .set_name(if index == 0 { "Listor".to_string() } else { format!("Listor {}", index + 1) })
            .map_err(sheet_error)?;
        for (c, (_, values)) in table.guide.choices.iter().enumerate() {
            for (r, value) in values.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, value).map_err(sheet_error)?;
            }
        }
        sheet.set_hidden(true);
    }
    workbook.save_to_buffer().map_err(sheet_error)
}

fn add_sheet(workbook: &mut Workbook, table: &Table, lists: &str) -> Result<()> {
    let sheet = workbook.add_worksheet();
    // Sheet names are at most 31 characters and cannot hold some punctuation.
    let name: String = table.name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    sheet.set_name(name).map_err(sheet_error)?;
    let header = Format::new().set_bold().set_background_color(Color::RGB(0xDBE9F4));
    let kronor = Format::new().set_num_format(KRONOR_FORMAT);
    let date = Format::new().set_num_format(DATE_FORMAT);
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for (c, title) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, title, &header).map_err(sheet_error)?;
        // What is typed into the column later (the template is filled in this way) gets the export's format.
        match table.kinds.get(c) {
            Some(ColumnKind::Money) => {
                sheet.set_column_format(c as u16, &kronor).map_err(sheet_error)?;
            }
            Some(ColumnKind::Date) => {
                sheet.set_column_format(c as u16, &date).map_err(sheet_error)?;
                widths[c] = widths[c].max(10);
            }
            _ => {}
        }
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, col, s).map_err(sheet_error)?;
                    s.chars().count()
                }
                Cell::Money(m) => {
                    // A spreadsheet number is a double; öre ÷ 100 is exact to the öre for any budget amount.
                    sheet.write_number_with_format(r, col, m.ore() as f64 / 100.0, &kronor).map_err(sheet_error)?;
                    m.format_number().chars().count() + 3
                }
                Cell::Number(d) => {
                    sheet.write_number(r, col, d.to_f64().unwrap_or(0.0)).map_err(sheet_error)?;
                    d.to_string().len()
                }
                Cell::Date(d) => {
                    sheet.write_number_with_format(r, col, date_serial(*d), &date).map_err(sheet_error)?;
                    10
                }
                Cell::Empty => 0,
            };
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0).map_err(sheet_error)?;
    }
    for (column, text) in &table.guide.notes {
        let note = rust_xlsxwriter::Note::new(text).set_width(360).set_height(120);
        sheet.insert_note(0, *column as u16, &note).map_err(sheet_error)?;
    }
    for (list, (column, values)) in table.guide.choices.iter().enumerate() {
        // A list a user may still type past (a warning, not a stop): the import names what it does not accept.
        let letter = char::from(b'A' + u8::try_from(list).unwrap_or(25).min(25));
        let source = format!("='{lists}'!${letter}$1:${letter}${}", values.len().max(1));
        let validation = rust_xlsxwriter::DataValidation::new()
            .allow_list_formula(rust_xlsxwriter::Formula::new(source))
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning);
        let last = (table.rows.len() as u32 + 500).min(1_048_575);
        sheet.add_data_validation(1, *column as u16, last, *column as u16, &validation).map_err(sheet_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(sheet_error)?;
    if !table.headers.is_empty() {
        let last_row = table.rows.len().saturating_sub(table.totals) as u32;
        sheet.autofilter(0, 0, last_row, table.headers.len() as u16 - 1).map_err(sheet_error)?;
    }
    Ok(())
}
