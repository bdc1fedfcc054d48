//! The record tables (initiatives, services, organisations, benefits) in both directions. One list of columns per
//! kind says which field each column holds and how its cells read and write, so an exported sheet is also the
//! template: it imports back to the same records, and a sheet the user fills in imports as new records.
//!
//! Rows are matched to stored records by their key (an initiative's case number, a service's or an
//! organisation's name, a benefit's initiative and name): a known key updates the record with the columns the
//! sheet has, an unknown one creates a record. Names refer to organisations and providers, case numbers to
//! initiatives, labels (Swedish or English) or keys to the closed lists.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::read::{Grid, Unreadable};
use super::{Cell, SheetKind, Table};
use crate::domain::{
    Benefit, BenefitCategory, BenefitKind, Confidence, FundingModel, Id, Initiative, InitiativeKind, InitiativeState,
    Language, Organisation, OrganisationKind, Problems, ReuseOutcome, Rule, Service, ServiceCategory, ServiceState,
    Term, Track,
};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::{Portfolio, Reader, Stamp, Stored, Writer};

/// How a column's cells read and write.
#[derive(Clone, Copy)]
enum Form {
    Text,
    /// Kronor with at most two decimals, stored as öre.
    Money,
    Decimal,
    /// Ja/Nej.
    Bool,
    /// A K/R/T level from the security scale, 0–4.
    Level,
    /// `YYYY-MM-DD` or empty.
    Date,
    /// One of a closed list, by label or key.
    Term(fn() -> Vec<Term>),
    Organisation,
    Provider,
    /// An initiative by case number.
    Initiative,
    /// Organisations by name, separated by commas.
    Organisations,
}

#[derive(Clone, Copy)]
struct Column {
    /// The field, with dots for nested fields (`security.confidentiality`).
    field: &'static str,
    sv: &'static str,
    en: &'static str,
    form: Form,
    /// A new record needs a value (the rest take the record's defaults).
    required: bool,
}

const fn column(field: &'static str, sv: &'static str, en: &'static str, form: Form) -> Column {
    Column { field, sv, en, form, required: false }
}

const fn required(field: &'static str, sv: &'static str, en: &'static str, form: Form) -> Column {
    Column { field, sv, en, form, required: true }
}

impl Column {
    fn label(&self, language: Language) -> &'static str {
        if language == Language::Sv { self.sv } else { self.en }
    }
}

const SECURITY: [Column; 3] = [
    column("security.confidentiality", "K", "C", Form::Level),
    column("security.integrity", "R", "I", Form::Level),
    column("security.availability", "T", "A", Form::Level),
];

fn columns(kind: SheetKind) -> Vec<Column> {
    let mut columns = match kind {
        SheetKind::Initiatives => vec![
            required("case_number", "Diarienummer", "Case number", Form::Text),
            required("title", "Titel", "Title", Form::Text),
            column("description", "Beskrivning", "Description", Form::Text),
            required("track", "Spår", "Track", Form::Term(Track::terms)),
            required("kind", "Typ", "Kind", Form::Term(InitiativeKind::terms)),
            column("state", "Status", "State", Form::Term(InitiativeState::terms)),
            required("owner_id", "Ägare", "Owner", Form::Organisation),
            column("provider_id", "Leverantör", "Provider", Form::Provider),
            column("customer_ids", "Kunder", "Customers", Form::Organisations),
            column("funding_model", "Finansieringsmodell", "Funding model", Form::Term(FundingModel::terms)),
            column("benefit_summary", "Nyttor i korthet", "Benefits in brief", Form::Text),
            column("specially_followed", "Särskilt följd", "Specially followed", Form::Bool),
        ],
        SheetKind::Services => vec![
            required("name", "Tjänst", "Service", Form::Text),
            required("category", "Kategori", "Category", Form::Term(ServiceCategory::terms)),
            required("provider_id", "Leverantör", "Provider", Form::Provider),
            column("price", "Pris (kr)", "Price (SEK)", Form::Money),
            column("unit", "Enhet", "Unit", Form::Text),
            column("scope", "Omfattning", "Scope", Form::Text),
            column("service_level", "Servicenivå", "Service level", Form::Text),
            column("target_group", "Målgrupp", "Target group", Form::Text),
            column("connection_requirements", "Anslutningskrav", "Connection requirements", Form::Text),
            column("funding_model", "Finansieringsmodell", "Funding model", Form::Term(FundingModel::terms)),
            column("state", "Status", "State", Form::Term(ServiceState::terms)),
        ],
        SheetKind::Organisations => vec![
            required("name", "Namn", "Name", Form::Text),
            required("kind", "Typ", "Kind", Form::Term(OrganisationKind::terms)),
            column("parent_id", "Hör till", "Belongs to", Form::Organisation),
        ],
        SheetKind::Benefits => vec![
            required("initiative_id", "Initiativ", "Initiative", Form::Initiative),
            required("name", "Nytta", "Benefit", Form::Text),
            column("description", "Beskrivning", "Description", Form::Text),
            column("kind", "Typ", "Kind", Form::Term(BenefitKind::terms)),
            column("category", "Kategori", "Category", Form::Term(BenefitCategory::terms)),
            column("confidence", "Säkerhet", "Confidence", Form::Term(Confidence::terms)),
            column("owner_id", "Nyttoägare", "Benefit owner", Form::Organisation),
            column("owner_person", "Ansvarig person", "Person responsible", Form::Text),
            column("indicator", "Indikator", "Indicator", Form::Text),
            column("unit", "Enhet", "Unit", Form::Text),
            column("baseline", "Utgångsläge", "Baseline", Form::Decimal),
            column("baseline_date", "Utgångsdatum", "Baseline date", Form::Date),
            column("target", "Mål", "Target", Form::Decimal),
            column("target_date", "Måldatum", "Target date", Form::Date),
            column("value_low", "Värde per år, lågt (kr)", "Value per year, low (SEK)", Form::Money),
            column("value_base", "Värde per år, basfall (kr)", "Value per year, base (SEK)", Form::Money),
            column("value_high", "Värde per år, högt (kr)", "Value per year, high (SEK)", Form::Money),
        ],
        SheetKind::Ranking | SheetKind::Providers | SheetKind::Members | SheetKind::Deviations => Vec::new(),
    };
    if matches!(kind, SheetKind::Initiatives | SheetKind::Services) {
        columns.extend(SECURITY);
    }
    columns
}

/// Columns written for reading only (the import passes over them): a benefit's latest measurement.
fn computed(kind: SheetKind, language: Language) -> Vec<&'static str> {
    let sv = language == Language::Sv;
    match kind {
        SheetKind::Benefits if sv => vec!["Senast uppmätt", "Mätdatum"],
        SheetKind::Benefits => vec!["Latest measured", "Measured on"],
        _ => Vec::new(),
    }
}

/// A year's cost column of an initiative: `Utveckling 2027 (kr)`.
fn cost_header(development: bool, year: i32, language: Language) -> String {
    match (development, language) {
        (true, Language::Sv) => format!("Utveckling {year} (kr)"),
        (false, Language::Sv) => format!("Förvaltning {year} (kr)"),
        (true, Language::En) => format!("Development {year} (SEK)"),
        (false, Language::En) => format!("Management {year} (SEK)"),
    }
}

/// Reads `Utveckling 2027 (kr)` (or the English form) as (development, year).
fn parse_cost_header(header: &str) -> Option<(bool, i32)> {
    let lower = header.trim().to_lowercase();
    let (development, rest) = if let Some(rest) = lower.strip_prefix("utveckling ") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("development ") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("förvaltning ") {
        (false, rest)
    } else if let Some(rest) = lower.strip_prefix("management ") {
        (false, rest)
    } else {
        return None;
    };
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if year.len() != 4 {
        return None;
    }
    Some((development, year.parse().ok()?))
}

/// Names of what cells refer to.
struct Names {
    organisations: Vec<(Id, String)>,
    providers: Vec<(Id, String)>,
    initiatives: Vec<(Id, String)>,
    scale: Vec<String>,
}

impl Names {
    fn load(reader: &Reader) -> Result<Names> {
        Ok(Names {
            organisations: reader.organisations()?.into_iter().map(|o| (o.id, o.name)).collect(),
            providers: reader.providers()?.into_iter().map(|p| (p.id, p.name)).collect(),
            initiatives: reader.initiatives()?.into_iter().map(|i| (i.id, i.case_number)).collect(),
            scale: reader.security_scale()?,
        })
    }

    fn name(list: &[(Id, String)], id: Option<i64>) -> String {
        id.and_then(|id| list.iter().find(|(i, _)| *i == id)).map(|(_, n)| n.clone()).unwrap_or_default()
    }

    fn id(list: &[(Id, String)], name: &str) -> Option<Id> {
        let wanted = name.trim().to_lowercase();
        list.iter().find(|(_, n)| n.trim().to_lowercase() == wanted).map(|(id, _)| *id)
    }
}

fn field<'v>(record: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(record, |value, key| value.get(key).unwrap_or(&Value::Null))
}

fn set_field(record: &mut Value, path: &str, new: Value) {
    let mut target = record;
    let keys: Vec<&str> = path.split('.').collect();
    for key in &keys[..keys.len() - 1] {
        if !target.get(*key).is_some_and(Value::is_object) {
            target[*key] = Value::Object(Map::new());
        }
        target = &mut target[*key];
    }
    target[keys[keys.len() - 1]] = new;
}

/// A field's value as a cell.
fn cell(value: &Value, form: Form, names: &Names, language: Language) -> Cell {
    let text = |s: String| if s.is_empty() { Cell::Empty } else { Cell::Text(s) };
    match form {
        Form::Text | Form::Date => text(value.as_str().unwrap_or_default().to_string()),
        Form::Money => value.as_i64().map_or(Cell::Empty, |ore| Cell::Money(Money::from_ore(ore))),
        Form::Decimal => value.as_str().and_then(|s| Decimal::from_str(s).ok()).map_or(Cell::Empty, Cell::Number),
        Form::Bool => text(if value.as_bool() == Some(true) { yes(language).into() } else { String::new() }),
        Form::Level => value.get("level").and_then(Value::as_i64).map_or(Cell::Empty, |l| Cell::Number(l.into())),
        Form::Term(terms) => text(
            value
                .as_str()
                .and_then(|key| terms().into_iter().find(|t| t.key == key))
                .map(|t| if language == Language::Sv { t.sv } else { t.en }.to_string())
                .unwrap_or_default(),
        ),
        Form::Organisation => text(Names::name(&names.organisations, value.as_i64())),
        Form::Provider => text(Names::name(&names.providers, value.as_i64())),
        Form::Initiative => text(Names::name(&names.initiatives, value.as_i64())),
        Form::Organisations => text(
            value
                .as_array()
                .map(|ids| {
                    ids.iter().map(|id| Names::name(&names.organisations, id.as_i64())).collect::<Vec<_>>().join(", ")
                })
                .unwrap_or_default(),
        ),
    }
}

fn yes(language: Language) -> &'static str {
    if language == Language::Sv { "Ja" } else { "Yes" }
}

/// Every record of an importable kind as JSON, in the portfolio's order.
fn records(reader: &Reader, kind: SheetKind) -> Result<Vec<Value>> {
    fn all<T: Stored + Serialize>(reader: &Reader) -> Result<Vec<Value>> {
        Ok(reader.all::<T>()?.iter().map(|r| serde_json::to_value(r).expect("records serialise")).collect())
    }
    match kind {
        SheetKind::Initiatives => all::<Initiative>(reader),
        SheetKind::Services => all::<Service>(reader),
        SheetKind::Organisations => all::<Organisation>(reader),
        SheetKind::Benefits => all::<Benefit>(reader),
        SheetKind::Ranking | SheetKind::Providers | SheetKind::Members | SheetKind::Deviations => Ok(Vec::new()),
    }
}

/// The years an initiative sheet has cost columns for: every year any initiative plans.
fn cost_years(records: &[Value]) -> Vec<i32> {
    let mut years: Vec<i32> = records
        .iter()
        .flat_map(|r| r["costs"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["year"].as_i64().map(|y| y as i32))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The table of an importable kind: the template with the portfolio's records in it. `first_year`: for an empty
/// template, initiatives get cost columns for four years from it.
pub fn table(
    reader: &Reader,
    kind: SheetKind,
    language: Language,
    name: String,
    template_from: Option<i32>,
) -> Result<Table> {
    let names = Names::load(reader)?;
    let records = if template_from.is_some() { Vec::new() } else { records(reader, kind)? };
    let columns = columns(kind);
    let mut headers: Vec<String> = columns.iter().map(|c| c.label(language).to_string()).collect();
    let years = match (kind, template_from) {
        (SheetKind::Initiatives, Some(first)) => (first..first + 4).collect(),
        (SheetKind::Initiatives, None) => cost_years(&records),
        _ => Vec::new(),
    };
    for year in &years {
        headers.push(cost_header(true, *year, language));
        headers.push(cost_header(false, *year, language));
    }
    headers.extend(computed(kind, language).into_iter().map(str::to_string));
    let rows = records
        .iter()
        .map(|record| {
            let mut row: Vec<Cell> =
                columns.iter().map(|c| cell(field(record, c.field), c.form, &names, language)).collect();
            for year in &years {
                let cost = record["costs"]
                    .as_array()
                    .and_then(|costs| costs.iter().find(|c| c["year"].as_i64() == Some(i64::from(*year))).cloned());
                for part in ["development", "management"] {
                    row.push(
                        cost.as_ref()
                            .and_then(|c| c[part].as_i64())
                            .map_or(Cell::Empty, |o| Cell::Money(Money::from_ore(o))),
                    );
                }
            }
            if kind == SheetKind::Benefits {
                let latest = record["measurements"].as_array().and_then(|m| m.last());
                row.push(
                    latest
                        .and_then(|m| m["value"].as_str())
                        .and_then(|v| Decimal::from_str(v).ok())
                        .map_or(Cell::Empty, Cell::Number),
                );
                row.push(latest.and_then(|m| m["date"].as_str()).map_or(Cell::Empty, |d| Cell::Text(d.into())));
            }
            row
        })
        .collect();
    Ok(Table { name, headers, rows })
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/// One problem of an import, where the user finds it: the sheet's row (1 is the header row) and column header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    pub row: usize,
    /// The column's header, or empty when the problem is the row's or the file's.
    pub column: String,
    pub message: String,
}

/// What a row does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowChange {
    pub row: usize,
    /// The record's key (case number or name).
    pub label: String,
    /// `create`, `update` or `unchanged`.
    pub action: &'static str,
    /// For an update: the headers of the columns whose values change.
    pub changed: Vec<String>,
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

/// Where a header's values go.
enum Target {
    Column(Column),
    Cost { development: bool, year: i32 },
}

/// A number as people type it in Sweden and elsewhere: `1 234 567,50`, `1234567.5`, `1,234.50`, `-3,5`, `12 kr`.
fn parse_number(text: &str) -> Option<Decimal> {
    let mut s: String = text
        .trim()
        .trim_end_matches("kr")
        .trim_end_matches("SEK")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}' && *c != '\'')
        .collect();
    s = s.replace('\u{2212}', "-");
    let (commas, dots) = (s.matches(',').count(), s.matches('.').count());
    let normal = match (commas, dots) {
        (0, 0) => s,
        (1, 0) => s.replace(',', "."),
        (0, 1) => s,
        (_, 0) | (0, _) => s.replace([',', '.'], ""),
        _ => {
            // Both: the last one is the decimal separator.
            let last = s.rfind([',', '.'])?;
            let (whole, fraction) = s.split_at(last);
            format!("{}.{}", whole.replace([',', '.'], ""), &fraction[1..])
        }
    };
    if normal.is_empty() || normal.starts_with('+') {
        return None;
    }
    Decimal::from_str(&normal).ok()
}

fn message(language: Language, sv: String, en: String) -> String {
    if language == Language::Sv { sv } else { en }
}

/// A cell as the field's JSON value, or what is wrong with it.
fn value(text: &str, form: Form, names: &Names, language: Language) -> std::result::Result<Value, String> {
    let l = |sv: String, en: String| message(language, sv, en);
    if text.is_empty() {
        return Ok(match form {
            Form::Text | Form::Date => Value::String(String::new()),
            Form::Bool => Value::Bool(false),
            Form::Organisations => json!([]),
            _ => Value::Null,
        });
    }
    match form {
        Form::Text => Ok(Value::String(text.to_string())),
        Form::Date => match text.parse::<jiff::civil::Date>() {
            Ok(date) => Ok(Value::String(date.to_string())),
            Err(_) => Err(l(
                format!("\u{201d}{text}\u{201d} är inget datum (ÅÅÅÅ-MM-DD)"),
                format!("\u{201c}{text}\u{201d} is not a date (YYYY-MM-DD)"),
            )),
        },
        Form::Money => {
            let not = || {
                l(
                    format!("\u{201d}{text}\u{201d} är inget belopp i kronor (t.ex. 1 250 000,50)"),
                    format!("\u{201c}{text}\u{201d} is not an amount in kronor (e.g. 1,250,000.50)"),
                )
            };
            let amount = parse_number(text).ok_or_else(not)?;
            if amount.round_dp(2) != amount {
                return Err(l(
                    format!("{text}: högst två decimaler (hela ören)"),
                    format!("{text}: at most two decimals (whole öre)"),
                ));
            }
            let ore = (amount * Decimal::ONE_HUNDRED).to_i64().ok_or_else(not)?;
            Ok(json!(ore))
        }
        Form::Decimal => parse_number(text).map(|d| Value::String(d.normalize().to_string())).ok_or_else(|| {
            l(format!("\u{201d}{text}\u{201d} är inget tal"), format!("\u{201c}{text}\u{201d} is not a number"))
        }),
        Form::Bool => match text.to_lowercase().as_str() {
            "ja" | "yes" | "x" | "1" | "sant" | "true" => Ok(Value::Bool(true)),
            "nej" | "no" | "0" | "falskt" | "false" => Ok(Value::Bool(false)),
            _ => Err(l(
                format!("skriv Ja eller Nej, inte \u{201d}{text}\u{201d}"),
                format!("write Yes or No, not \u{201c}{text}\u{201d}"),
            )),
        },
        Form::Level => {
            let by_label = names.scale.iter().position(|label| label.eq_ignore_ascii_case(text));
            let level = by_label.or_else(|| text.parse::<usize>().ok().filter(|l| *l < names.scale.len()));
            match level {
                Some(level) => Ok(json!({"level": level, "label": names.scale[level]})),
                None => Err(l(
                    format!("nivån ska vara 0–{}, inte \u{201d}{text}\u{201d}", names.scale.len().saturating_sub(1)),
                    format!("the level must be 0–{}, not \u{201c}{text}\u{201d}", names.scale.len().saturating_sub(1)),
                )),
            }
        }
        Form::Term(terms) => {
            let terms = terms();
            let wanted = text.to_lowercase();
            match terms
                .iter()
                .find(|t| t.key == wanted || t.sv.to_lowercase() == wanted || t.en.to_lowercase() == wanted)
            {
                Some(term) => Ok(Value::String(term.key.to_string())),
                None => {
                    let allowed: Vec<&str> =
                        terms.iter().map(|t| if language == Language::Sv { t.sv } else { t.en }).collect();
                    Err(l(
                        format!("\u{201d}{text}\u{201d} finns inte; välj bland: {}", allowed.join(", ")),
                        format!("\u{201c}{text}\u{201d} is not one of: {}", allowed.join(", ")),
                    ))
                }
            }
        }
        Form::Organisation => Names::id(&names.organisations, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns ingen organisation som heter \u{201d}{text}\u{201d}"),
                format!("there is no organisation named \u{201c}{text}\u{201d}"),
            )
        }),
        Form::Provider => Names::id(&names.providers, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns ingen leverantör som heter \u{201d}{text}\u{201d}"),
                format!("there is no provider named \u{201c}{text}\u{201d}"),
            )
        }),
        Form::Initiative => Names::id(&names.initiatives, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns inget initiativ med diarienummer {text}"),
                format!("there is no initiative with case number {text}"),
            )
        }),
        Form::Organisations => {
            let mut ids = Vec::new();
            for name in text.split([',', ';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
                let id = Names::id(&names.organisations, name).ok_or_else(|| {
                    l(
                        format!("det finns ingen organisation som heter \u{201d}{name}\u{201d}"),
                        format!("there is no organisation named \u{201c}{name}\u{201d}"),
                    )
                })?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids.sort_unstable();
            Ok(json!(ids))
        }
    }
}

/// Fields that always have a value: an empty cell leaves them as they are (a new record's default).
const NEVER_EMPTY: [&str; 4] = ["state", "kind", "category", "confidence"];

/// A new record's fields before the row's cells are set.
fn blank(kind: SheetKind) -> Value {
    match kind {
        SheetKind::Initiatives => json!({
            "id": 0, "case_number": "", "title": "", "description": "", "track": null, "kind": null,
            "owner_id": null, "provider_id": null, "customer_ids": [], "state": InitiativeState::Identified.key(),
            "costs": [], "benefit_summary": "", "reuse_solution": "", "reuse_outcome": ReuseOutcome::NotChecked.key(),
            "laws": [], "legal_notes": "", "security": {}, "funding_model": null, "long_term_plan": "",
            "orientation": null, "specially_followed": false
        }),
        SheetKind::Services => json!({
            "id": 0, "name": "", "category": null, "provider_id": null, "price": null, "unit": "", "scope": "",
            "service_level": "", "target_group": "", "security": {}, "connection_requirements": "",
            "funding_model": null, "state": ServiceState::Planned.key()
        }),
        SheetKind::Organisations => json!({"id": 0, "name": "", "kind": null, "parent_id": null}),
        SheetKind::Benefits => json!({
            "id": 0, "initiative_id": null, "name": "", "owner_id": null, "kind": BenefitKind::Quantitative.key(),
            "category": BenefitCategory::Other.key(), "confidence": Confidence::Yellow.key(), "baseline": null,
            "target": null, "value_low": null, "value_base": null, "value_high": null, "price_year": null
        }),
        SheetKind::Ranking | SheetKind::Providers | SheetKind::Members | SheetKind::Deviations => Value::Null,
    }
}

/// The key a row is matched by.
fn key_of(kind: SheetKind, record: &Value) -> String {
    let text = |field: &str| record[field].as_str().unwrap_or_default().trim().to_lowercase();
    match kind {
        SheetKind::Initiatives => text("case_number"),
        SheetKind::Benefits => format!("{}/{}", record["initiative_id"], text("name")),
        _ => text("name"),
    }
}

fn rule_text(rule: &Rule, language: Language) -> String {
    if language == Language::En {
        return format!("the value {rule}");
    }
    match rule {
        Rule::Required => "måste fyllas i".into(),
        Rule::TooLong { max } => format!("är längre än {max} tecken"),
        Rule::Format { expected } => format!("har fel form (t.ex. {expected})"),
        Rule::OutOfRange { min, max } => format!("ska vara mellan {min} och {max}"),
        Rule::Duplicate => "används redan av en annan post".into(),
        Rule::UnknownReference => "hänvisar till något som inte finns".into(),
        Rule::Cycle => "hänvisar i en ring till sig själv".into(),
        Rule::NotAllowed { reason } => format!("är inte tillåtet här ({})", reason.replace('_', " ")),
        Rule::Repeated => "står två gånger".into(),
        Rule::Negative => "får inte vara negativt".into(),
        Rule::TooLarge => "är större än 1 000 000 000 000".into(),
    }
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
    let mut targets: Vec<Option<Target>> = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let wanted = header.trim().to_lowercase();
        let target = columns
            .iter()
            .find(|c| c.sv.to_lowercase() == wanted || c.en.to_lowercase() == wanted || c.field == wanted)
            .map(|c| Target::Column(*c))
            .or_else(|| {
                (kind == SheetKind::Initiatives)
                    .then(|| parse_cost_header(header))
                    .flatten()
                    .map(|(development, year)| Target::Cost { development, year })
            });
        if let Some(Target::Column(c)) = &target
            && targets[..index].iter().any(|t| matches!(t, Some(Target::Column(o)) if o.field == c.field))
        {
            report.problems.push(SheetProblem {
                row: header_index + 1,
                column: header.clone(),
                message: l("kolumnen finns två gånger", "the column appears twice"),
            });
        }
        // Unknown columns, and the computed ones of an exported sheet, are passed over and listed.
        if target.is_none() && !header.trim().is_empty() {
            report.ignored.push(header.clone());
        }
        targets.push(target);
    }
    let key_columns: Vec<&Column> =
        columns.iter().filter(|c| c.required).take(if kind == SheetKind::Benefits { 2 } else { 1 }).collect();
    for key in &key_columns {
        if !targets.iter().any(|t| matches!(t, Some(Target::Column(c)) if c.field == key.field)) {
            report.problems.push(SheetProblem {
                row: header_index + 1,
                column: key.label(language).into(),
                message: l(
                    "kolumnen saknas: den behövs för att känna igen raderna (spara mallen för att se alla kolumner)",
                    "the column is missing: rows are recognised by it (save the template to see every column)",
                ),
            });
        }
    }
    if !report.problems.is_empty() {
        return Ok(report);
    }
    let mut names = Names::load(&writer.read())?;
    let mut existing: BTreeMap<String, Value> =
        records(&writer.read(), kind)?.into_iter().map(|r| (key_of(kind, &r), r)).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for index in row_order(kind, grid, header_index, &targets, &names) {
        let row = &grid.rows[index];
        let line = index + 1;
        if row.iter().all(String::is_empty) {
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
        let mut costs: BTreeMap<i32, (Option<i64>, Option<i64>)> = BTreeMap::new();
        let mut has_costs = false;
        for (target, (text, header)) in
            targets.iter().zip(row.iter().chain(std::iter::repeat(&String::new())).zip(headers))
        {
            match target {
                None => {}
                Some(Target::Column(column)) => match value(text, column.form, &names, language) {
                    Ok(value) => cells.push((column, header, value)),
                    Err(message) => report.problems.push(SheetProblem { row: line, column: header.clone(), message }),
                },
                Some(Target::Cost { development, year }) => {
                    has_costs = true;
                    match value(text, Form::Money, &names, language) {
                        Ok(value) => {
                            let entry = costs.entry(*year).or_default();
                            if *development { entry.0 = value.as_i64() } else { entry.1 = value.as_i64() }
                        }
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
        if has_costs {
            let planned: Vec<Value> = if costs.values().all(|(d, m)| d.is_none() && m.is_none()) {
                Vec::new()
            } else {
                let first = costs.iter().find(|(_, (d, m))| d.is_some() || m.is_some()).map(|(y, _)| *y);
                let last = costs.iter().rev().find(|(_, (d, m))| d.is_some() || m.is_some()).map(|(y, _)| *y);
                costs
                    .iter()
                    .filter(|(y, _)| Some(**y) >= first && Some(**y) <= last)
                    .map(|(year, (d, m))| json!({"year": year, "development": d.unwrap_or(0), "management": m.unwrap_or(0)}))
                    .collect()
            };
            record["costs"] = Value::Array(planned);
        }
        if report.problems.len() > problems_before {
            continue;
        }
        if let Some(first) = seen.insert(key.clone(), line) {
            report.problems.push(SheetProblem {
                row: line,
                column: key_columns.last().map(|c| c.label(language).to_string()).unwrap_or_default(),
                message: message(
                    language,
                    format!("samma post som rad {first}"),
                    format!("the same record as row {first}"),
                ),
            });
            continue;
        }
        let label = match kind {
            SheetKind::Benefits => format!(
                "{} / {}",
                Names::name(&names.initiatives, record["initiative_id"].as_i64()),
                record["name"].as_str().unwrap_or_default()
            ),
            SheetKind::Initiatives => record["case_number"].as_str().unwrap_or_default().to_string(),
            _ => record["name"].as_str().unwrap_or_default().to_string(),
        };
        if stored.as_ref() == Some(&record) {
            report.unchanged += 1;
            report.rows.push(RowChange { row: line, label, action: "unchanged", changed: Vec::new() });
            continue;
        }
        let changed: Vec<String> = match &stored {
            Some(old) => cells
                .iter()
                .filter(|(c, _, _)| field(old, c.field) != field(&record, c.field))
                .map(|(_, h, _)| (*h).clone())
                .chain(
                    has_costs
                        .then(|| old["costs"] != record["costs"])
                        .filter(|c| *c)
                        .map(|_| l("Kostnader per år", "Costs per year")),
                )
                .collect(),
            None => Vec::new(),
        };
        match write_record(writer, kind, record.clone(), stored.is_some()) {
            Ok(id) => {
                record["id"] = json!(id);
                if stored.is_some() {
                    report.updated += 1;
                    report.rows.push(RowChange { row: line, label, action: "update", changed });
                } else {
                    report.created += 1;
                    report.rows.push(RowChange { row: line, label: label.clone(), action: "create", changed });
                    if kind == SheetKind::Organisations {
                        names.organisations.push((id, label));
                    }
                }
                existing.insert(key, record);
            }
            Err(Error::Invalid { problems, .. }) => {
                report.problems.extend(row_problems(&problems, line, &columns, headers, language));
            }
            Err(Error::Transition { to, .. }) => report.problems.push(SheetProblem {
                row: line,
                column: l("Status", "State"),
                message: message(
                    language,
                    format!(
                        "kan inte sättas till {} här: en ny insats börjar som Identifierad eller Analys, och status \
                         ändras sedan i livscykeln",
                        to.label(Language::Sv)
                    ),
                    format!(
                        "cannot be set to {} here: a new initiative starts as Identified or Analysis, and its state then \
                         changes along its lifecycle",
                        to.label(Language::En)
                    ),
                ),
            }),
            Err(Error::ServiceTransition { to, missing, .. }) => report.problems.push(SheetProblem {
                row: line,
                column: l("Status", "State"),
                message: {
                    let needs = |language| missing.iter().map(|m| m.label(language)).collect::<Vec<_>>().join(", ");
                    message(
                        language,
                        format!("kan inte vara {} ännu: tjänsten behöver {}", to.label(Language::Sv), needs(Language::Sv)),
                        format!("cannot be {} yet: the service needs {}", to.label(Language::En), needs(Language::En)),
                    )
                },
            }),
            Err(Error::Locked(set)) => report.problems.push(SheetProblem {
                row: line,
                column: String::new(),
                message: message(language, format!("kriterieuppsättningen {set} är låst"), format!("criteria set {set} is locked")),
            }),
            Err(Error::Database(e)) => return Err(Error::Database(e)),
            Err(other) => report.problems.push(SheetProblem { row: line, column: String::new(), message: other.to_string() }),
        }
    }
    Ok(report)
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
    let mut known: std::collections::BTreeSet<String> =
        names.organisations.iter().map(|(_, n)| n.trim().to_lowercase()).collect();
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

/// A record's broken rules as problems in the row, under the columns of the fields.
fn row_problems(
    problems: &Problems,
    line: usize,
    columns: &[Column],
    headers: &[String],
    language: Language,
) -> Vec<SheetProblem> {
    problems
        .errors()
        .iter()
        .map(|error| {
            let field = error.field.split(['[', '.']).next().unwrap_or_default();
            let column = columns
                .iter()
                .find(|c| c.field == error.field || c.field.split('.').next() == Some(field))
                .map(|c| {
                    headers
                        .iter()
                        .find(|h| h.eq_ignore_ascii_case(c.sv) || h.eq_ignore_ascii_case(c.en))
                        .cloned()
                        .unwrap_or_else(|| c.label(language).to_string())
                })
                .unwrap_or_else(|| {
                    if field == "costs" {
                        message(language, "Kostnader per år".into(), "Costs per year".into())
                    } else {
                        error.field.clone()
                    }
                });
            SheetProblem { row: line, column, message: rule_text(&error.rule, language) }
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
