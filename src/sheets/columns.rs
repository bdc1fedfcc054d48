//! The columns of the importable kinds (initiatives, services, organisations, benefits) and how a sheet's header
//! row maps onto them. One list of columns per kind says which field each column holds and how its cells read
//! and write, so an exported sheet is also the template.

use serde_json::{Value, json};

use super::SheetKind;
use super::cells::message;
use super::import::SheetProblem;
use crate::domain::{
    BenefitCategory, BenefitKind, Confidence, FundingModel, InitiativeKind, InitiativeState, Language,
    OrganisationKind, ReuseOutcome, ServiceCategory, ServiceState, Term, Track,
};

/// How a column's cells read and write.
#[derive(Clone, Copy)]
pub(super) enum Form {
    Text,
    /// Kronor, stored as öre: at most two decimals (or a binary fraction within a hair of a whole öre), within
    /// `Money::LIMIT`.
    Money,
    Decimal,
    /// Ja/Nej.
    Bool,
    /// A K/R/T level from the security scale, 0–4.
    Level,
    /// `YYYY-MM-DD` or empty; written as a real date.
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
pub(super) struct Column {
    /// The field, with dots for nested fields (`security.confidentiality`).
    pub field: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
    pub form: Form,
    /// A new record needs a value (the rest take the record's defaults).
    pub required: bool,
}

const fn column(field: &'static str, sv: &'static str, en: &'static str, form: Form) -> Column {
    Column { field, sv, en, form, required: false }
}

const fn required(field: &'static str, sv: &'static str, en: &'static str, form: Form) -> Column {
    Column { field, sv, en, form, required: true }
}

impl Column {
    pub fn label(&self, language: Language) -> &'static str {
        if language == Language::Sv { self.sv } else { self.en }
    }
}

const SECURITY: [Column; 3] = [
    column("security.confidentiality", "K", "C", Form::Level),
    column("security.integrity", "R", "I", Form::Level),
    column("security.availability", "T", "A", Form::Level),
];

pub(super) fn columns(kind: SheetKind) -> Vec<Column> {
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

/// The columns rows are recognised by: the first required one (benefits: the initiative and the name).
pub(super) fn key_columns(kind: SheetKind) -> Vec<Column> {
    columns(kind).into_iter().filter(|c| c.required).take(if kind == SheetKind::Benefits { 2 } else { 1 }).collect()
}

/// Columns written for reading only (the import passes over them): a benefit's latest measurement.
pub(super) fn computed(kind: SheetKind, language: Language) -> Vec<&'static str> {
    let sv = language == Language::Sv;
    match kind {
        SheetKind::Benefits if sv => vec!["Senast uppmätt", "Mätdatum"],
        SheetKind::Benefits => vec!["Latest measured", "Measured on"],
        _ => Vec::new(),
    }
}

/// A year's cost column of an initiative: `Utveckling 2027 (kr)`.
pub(super) fn cost_header(development: bool, year: i32, language: Language) -> String {
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

/// Where a header's values go.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Column(Column),
    Cost { development: bool, year: i32 },
}

impl Target {
    fn same(&self, other: &Target) -> bool {
        match (self, other) {
            (Target::Column(a), Target::Column(b)) => a.field == b.field,
            (Target::Cost { development: a, year: x }, Target::Cost { development: b, year: y }) => a == b && x == y,
            _ => false,
        }
    }
}

/// The header row read: where each column's values go (`None`: not imported), what is wrong with the headers, and
/// the headers passed over.
pub(super) struct HeaderMap {
    pub targets: Vec<Option<Target>>,
    pub problems: Vec<SheetProblem>,
    pub ignored: Vec<String>,
}

/// Maps a sheet's header row (row `header_row`, counted from 1) onto the kind's columns: by Swedish or English
/// label or field key, any order. A column given twice is a problem, and so is a missing key column.
pub(super) fn map_headers(kind: SheetKind, headers: &[String], header_row: usize, language: Language) -> HeaderMap {
    let l = |sv: &str, en: &str| message(language, sv.into(), en.into());
    let columns = columns(kind);
    let mut map = HeaderMap { targets: Vec::new(), problems: Vec::new(), ignored: Vec::new() };
    for header in headers {
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
        if let Some(target) = &target
            && map.targets.iter().flatten().any(|t| t.same(target))
        {
            map.problems.push(SheetProblem {
                row: header_row,
                column: header.clone(),
                message: l("kolumnen finns två gånger", "the column appears twice"),
            });
        }
        // Unknown columns, and the computed ones of an exported sheet, are passed over and listed.
        if target.is_none() && !header.trim().is_empty() {
            map.ignored.push(header.clone());
        }
        map.targets.push(target);
    }
    for key in key_columns(kind) {
        if !map.targets.iter().any(|t| matches!(t, Some(Target::Column(c)) if c.field == key.field)) {
            map.problems.push(SheetProblem {
                row: header_row,
                column: key.label(language).into(),
                message: l(
                    "kolumnen saknas: den behövs för att känna igen raderna (spara mallen för att se alla kolumner)",
                    "the column is missing: rows are recognised by it (save the template to see every column)",
                ),
            });
        }
    }
    map
}

/// Fields that always have a value: an empty cell leaves them as they are (a new record's default).
pub(super) const NEVER_EMPTY: [&str; 4] = ["state", "kind", "category", "confidence"];

/// A new record's fields before the row's cells are set.
pub(super) fn blank(kind: SheetKind) -> Value {
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
pub(super) fn key_of(kind: SheetKind, record: &Value) -> String {
    let text = |field: &str| record[field].as_str().unwrap_or_default().trim().to_lowercase();
    match kind {
        SheetKind::Initiatives => text("case_number"),
        SheetKind::Benefits => format!("{}/{}", record["initiative_id"], text("name")),
        _ => text("name"),
    }
}
