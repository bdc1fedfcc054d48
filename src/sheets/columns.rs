//! The columns of the importable kinds (initiatives, services, organisations, benefits) and how a sheet's header
//! row maps onto them. One list of columns per kind says which field each column holds and how its cells read
//! and write, so an exported sheet is also the template. A sheet whose rows are of several parts (the yearly
//! analysis) lists each part's columns under headers the parts share, and maps its header row the same way.

use serde_json::{Value, json};

use super::SheetKind;
use super::cells::{Form, message};
use crate::domain::{
    BaselineStatus, BenefitCategory, BenefitKind, Confidence, Entity, FieldLabel, FundingModel, InitiativeKind,
    InitiativeState, Language, Law, OrganisationKind, Orientation, ReuseOutcome, ServiceCategory, ServiceState, Track,
    field_label,
};
use crate::error::SheetProblem;

#[derive(Clone, Copy)]
pub(super) struct Column {
    /// The field, with dots for nested fields (`security.confidentiality`).
    pub field: &'static str,
    /// The column's header: the field's label, the same as the form's (`domain::FIELD_LABELS`), or in a sheet of
    /// parts the label that heads a field of each part ([`headed`]). Its key is the header's language-independent
    /// form.
    label: &'static FieldLabel,
    /// Headers this column had before (accepted on import, never written).
    formerly: &'static [&'static str],
    pub form: Form,
    /// A new record needs a value (the rest take the record's defaults).
    pub required: bool,
}

fn column(entity: Entity, field: &'static str, form: Form) -> Column {
    let label = field_label(entity, field).unwrap_or_else(|| panic!("{field} of {entity:?} has no label"));
    headed(label, field, form)
}

fn required(entity: Entity, field: &'static str, form: Form) -> Column {
    column(entity, field, form).required()
}

/// A column of a sheet of parts (the yearly analysis's), where one header holds a field of each part that has one
/// there: its *Text* is the strategic direction, an investment's description, a need's title. The column is named by
/// `label`, whichever part's field it holds.
pub(super) fn headed(label: &'static FieldLabel, field: &'static str, form: Form) -> Column {
    Column { field, label, formerly: &[], form, required: false }
}

impl Column {
    pub fn label(&self, language: Language) -> &'static str {
        self.label.label(language)
    }

    /// The same column, needing a value.
    pub fn required(self) -> Column {
        Column { required: true, ..self }
    }

    /// The key of the column's header: the field's, or in a sheet of parts the header's that several parts'
    /// fields stand under.
    pub fn header_key(&self) -> &'static str {
        self.label.field
    }

    /// The same column with headers it had before, still read on import.
    fn formerly(self, headers: &'static [&'static str]) -> Column {
        Column { formerly: headers, ..self }
    }

    /// Whether `header` names this column: its Swedish or English label, a former header or the label's key (the
    /// field's), in any case.
    pub fn matches(&self, header: &str) -> bool {
        let wanted = header.trim().to_lowercase();
        [self.label.sv, self.label.en, self.label.field].iter().chain(self.formerly).any(|h| h.to_lowercase() == wanted)
    }
}

/// The K/R/T columns of initiatives and services; before the labels were the forms', the headers were the letters.
fn security(entity: Entity) -> [Column; 3] {
    [
        column(entity, "security.confidentiality", Form::Level).formerly(&["K", "C"]),
        column(entity, "security.integrity", Form::Level).formerly(&["R", "I"]),
        column(entity, "security.availability", Form::Level).formerly(&["T", "A"]),
    ]
}

pub(super) fn columns(kind: SheetKind) -> Vec<Column> {
    use Entity::{ActualOutcome, Benefit, DecidedFrame, Initiative, Member, Organisation, Provider, Service};
    let mut columns = match kind {
        SheetKind::Initiatives => vec![
            required(Initiative, "case_number", Form::Text),
            required(Initiative, "title", Form::Text),
            column(Initiative, "description", Form::Text),
            required(Initiative, "track", Form::Term(Track::terms)),
            required(Initiative, "kind", Form::Term(InitiativeKind::terms)).formerly(&["Typ", "Kind"]),
            column(Initiative, "state", Form::Term(InitiativeState::terms)),
            required(Initiative, "owner_id", Form::Organisation),
            column(Initiative, "provider_id", Form::Provider),
            column(Initiative, "customer_ids", Form::Organisations).formerly(&["Kunder", "Customers"]),
            column(Initiative, "funding_model", Form::Term(FundingModel::terms)),
            column(Initiative, "benefit_summary", Form::Text).formerly(&["Nyttor i korthet", "Benefits in brief"]),
            column(Initiative, "specially_followed", Form::Bool),
            // The material (riktlinjen, "Gemensamma tjänster och förändringsinsatser": the reuse check, "uppfyllande av
            // lag- och säkerhetskrav", "risk- och säkerhetsbedömningar", the beredning's "förslag på långsiktig plan")
            // and the förvaltningsplan: everything *Underlag klart* needs can come from a sheet (issue 28).
            column(Initiative, "reuse_solution", Form::Text),
            column(Initiative, "reuse_outcome", Form::Term(ReuseOutcome::terms)),
            column(Initiative, "laws", Form::Terms(Law::terms)),
            column(Initiative, "legal_notes", Form::Text),
            column(Initiative, "no_legal_requirement", Form::Bool),
            column(Initiative, "risks", Form::Risks),
            column(Initiative, "risk_assessment", Form::Text),
            column(Initiative, "long_term_plan", Form::Text),
            column(Initiative, "orientation", Form::Term(Orientation::terms)),
            column(Initiative, "management_plan", Form::Text),
            column(Initiative, "executor", Form::Text),
            column(Initiative, "business_change", Form::Text),
        ],
        SheetKind::Services => vec![
            required(Service, "name", Form::Text).formerly(&["Tjänst", "Service"]),
            required(Service, "category", Form::Term(ServiceCategory::terms)),
            required(Service, "provider_id", Form::Provider),
            column(Service, "price", Form::Money),
            column(Service, "unit", Form::Text),
            column(Service, "scope", Form::Text),
            column(Service, "service_level", Form::Text),
            column(Service, "target_group", Form::Text),
            column(Service, "connection_requirements", Form::Text).formerly(&["Anslutningskrav"]),
            column(Service, "funding_model", Form::Term(FundingModel::terms)),
            column(Service, "state", Form::Term(ServiceState::terms)),
            column(Service, "handles_no_information", Form::Bool),
            column(Service, "processes_personal_data", Form::Bool)
                .formerly(&["Behandlar personuppgifter", "Processes personal data"]),
            column(Service, "customers", Form::Customers),
            column(Service, "baseline", Form::TermOr(BaselineStatus::terms, "inte_bedomd")),
            column(Service, "baseline_shortfalls", Form::Text),
            column(Service, "baseline_assessed_date", Form::Date),
            column(Service, "baseline_assessed_by", Form::Text),
        ],
        SheetKind::Organisations => vec![
            required(Organisation, "name", Form::Text),
            required(Organisation, "kind", Form::Term(OrganisationKind::terms)),
            column(Organisation, "parent_id", Form::Organisation).formerly(&["Hör till", "Belongs to"]),
        ],
        SheetKind::Benefits => vec![
            required(Benefit, "initiative_id", Form::Initiative),
            required(Benefit, "name", Form::Text),
            column(Benefit, "description", Form::Text),
            column(Benefit, "kind", Form::Term(BenefitKind::terms)),
            column(Benefit, "category", Form::Term(BenefitCategory::terms)),
            column(Benefit, "confidence", Form::Term(Confidence::terms)),
            column(Benefit, "owner_id", Form::Organisation),
            column(Benefit, "owner_person", Form::Text),
            column(Benefit, "indicator", Form::Text),
            column(Benefit, "unit", Form::Text),
            column(Benefit, "baseline", Form::Decimal),
            column(Benefit, "baseline_date", Form::Date).formerly(&["Utgångsdatum"]),
            column(Benefit, "target", Form::Decimal).formerly(&["Mål"]),
            column(Benefit, "target_date", Form::Date),
            column(Benefit, "value_low", Form::Money),
            column(Benefit, "value_base", Form::Money),
            column(Benefit, "value_high", Form::Money),
        ],
        // One row per item and year: the initiative by case number or the service by name (one of the two).
        SheetKind::Actuals => vec![
            column(ActualOutcome, "initiative_id", Form::Initiative),
            column(ActualOutcome, "service_id", Form::Service).formerly(&["Tjänst", "Service"]),
            required(ActualOutcome, "year", Form::Year),
            column(ActualOutcome, "development", Form::Amount),
            column(ActualOutcome, "management", Form::Amount),
        ],
        // The group's members and the providers, by name: set up from a sheet as from the app (issue 28).
        SheetKind::Members => vec![
            required(Member, "name", Form::Text),
            column(Member, "organisation_id", Form::Organisation).formerly(&["Organisation"]),
        ],
        SheetKind::Providers => vec![
            required(Provider, "name", Form::Text),
            column(Provider, "organisation_id", Form::Organisation).formerly(&["Organisation"]),
            column(Provider, "description", Form::Text),
        ],
        // The council's decided frames, one row per budget year (issue 28: set up without the app).
        SheetKind::Frames => vec![
            required(DecidedFrame, "year", Form::Year),
            required(DecidedFrame, "development", Form::Amount),
            required(DecidedFrame, "management", Form::Amount),
            required(DecidedFrame, "decided_on", Form::Date),
            required(DecidedFrame, "reference", Form::Text),
            column(DecidedFrame, "notes", Form::Text),
        ],
        SheetKind::Ranking | SheetKind::Deviations => Vec::new(),
    };
    match kind {
        SheetKind::Initiatives => columns.extend(security(Initiative)),
        SheetKind::Services => columns.extend(security(Service)),
        _ => {}
    }
    columns
}

/// The columns rows are recognised by: the first required one (benefits: the initiative and the name; actual
/// outcomes: the year, with the initiative or the service, [`ITEM_FIELDS`]).
pub(super) fn key_columns(kind: SheetKind) -> Vec<Column> {
    columns(kind).into_iter().filter(|c| c.required).take(if kind == SheetKind::Benefits { 2 } else { 1 }).collect()
}

/// Columns written for reading only (the import passes over them): a benefit's latest measurement; a service's
/// customers without their board's instructions while the provider processes personal data on their behalf.
pub(super) fn computed(kind: SheetKind, language: Language) -> Vec<&'static str> {
    let sv = language == Language::Sv;
    match kind {
        SheetKind::Benefits if sv => vec!["Senast uppmätt", "Mätdatum"],
        SheetKind::Benefits => vec!["Latest measured", "Measured on"],
        SheetKind::Services if sv => vec![WITHOUT_INSTRUCTIONS.0],
        SheetKind::Services => vec![WITHOUT_INSTRUCTIONS.1],
        _ => Vec::new(),
    }
}

/// The header of the services' computed column of customers without instructions, in Swedish and English.
pub(super) const WITHOUT_INSTRUCTIONS: (&str, &str) = ("Kunder utan instruktioner", "Customers without instructions");

/// Whether a kind's sheet has a development and a management column per year: initiatives, and services (their
/// management and planned development, weighed against the frames with the initiatives).
pub(super) fn has_cost_columns(kind: SheetKind) -> bool {
    matches!(kind, SheetKind::Initiatives | SheetKind::Services)
}

/// The word before the year in a cost column's header (`Utveckling 2027 (kr)`), in Swedish and English, and
/// whether the year's amount is a development cost (else a management cost).
#[derive(Clone, Copy)]
pub(super) struct CostWord {
    pub sv: &'static str,
    pub en: &'static str,
    pub development: bool,
}

const DEVELOPMENT: CostWord = CostWord { sv: "Utveckling", en: "Development", development: true };
const MANAGEMENT: CostWord = CostWord { sv: "Förvaltning", en: "Management", development: false };

impl CostWord {
    /// The header of the year's column: `Utveckling 2027 (kr)`, `Development 2027 (SEK)`.
    pub fn header(self, year: i32, language: Language) -> String {
        match language {
            Language::Sv => format!("{} {year} (kr)", self.sv),
            Language::En => format!("{} {year} (SEK)", self.en),
        }
    }
}

/// The cost columns' words of a kind's sheet.
fn cost_words(kind: SheetKind) -> &'static [CostWord] {
    if has_cost_columns(kind) { &[DEVELOPMENT, MANAGEMENT] } else { &[] }
}

/// A year's cost column of an initiative or a service: `Utveckling 2027 (kr)`.
pub(super) fn cost_header(development: bool, year: i32, language: Language) -> String {
    if development { DEVELOPMENT } else { MANAGEMENT }.header(year, language)
}

/// Reads a cost column's header of one of `words` in either language (`Utveckling 2027 (kr)`, `development 2027`)
/// as (development, year).
fn parse_cost_header(header: &str, words: &[CostWord]) -> Option<(bool, i32)> {
    let lower = header.trim().to_lowercase();
    let (word, rest) = words
        .iter()
        .flat_map(|w| [(w, w.sv), (w, w.en)])
        .find_map(|(word, text)| Some((word, lower.strip_prefix(&text.to_lowercase())?.strip_prefix(' ')?)))?;
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if year.len() != 4 {
        return None;
    }
    Some((word.development, year.parse().ok()?))
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
            (Target::Column(a), Target::Column(b)) => a.header_key() == b.header_key(),
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
    let columns = columns(kind);
    let mut map = map_columns(&columns, cost_words(kind), headers, header_row, language);
    // An actual outcome's rows name the initiative or the service: the sheet has a column for at least one.
    if kind == SheetKind::Actuals
        && !map.targets.iter().any(|t| matches!(t, Some(Target::Column(c)) if ITEM_FIELDS.contains(&c.field)))
    {
        let names: Vec<&str> =
            columns.iter().filter(|c| ITEM_FIELDS.contains(&c.field)).map(|c| c.label(language)).collect();
        map.problems.push(SheetProblem {
            row: header_row,
            column: names.join(" / "),
            message: message(
                language,
                "kolumnen saknas: raderna känns igen på initiativets diarienummer eller tjänstens namn".into(),
                "the column is missing: rows are recognised by the initiative's case number or the service's name"
                    .into(),
            ),
        });
    }
    map.require(&key_columns(kind), header_row, language);
    map
}

/// Maps a sheet's header row (row `header_row`, counted from 1) onto `columns` and the cost columns of `words`: by
/// Swedish or English label or key, any order. A column given twice is a problem; a header of none is passed over
/// and listed.
pub(super) fn map_columns(
    columns: &[Column],
    words: &[CostWord],
    headers: &[String],
    header_row: usize,
    language: Language,
) -> HeaderMap {
    let mut map = HeaderMap { targets: Vec::new(), problems: Vec::new(), ignored: Vec::new() };
    for header in headers {
        let target =
            columns.iter().find(|c| c.matches(header)).map(|c| Target::Column(*c)).or_else(|| {
                parse_cost_header(header, words).map(|(development, year)| Target::Cost { development, year })
            });
        if let Some(target) = &target
            && map.targets.iter().flatten().any(|t| t.same(target))
        {
            map.problems.push(SheetProblem {
                row: header_row,
                column: header.clone(),
                message: message(language, "kolumnen finns två gånger".into(), "the column appears twice".into()),
            });
        }
        // Unknown columns, and the computed ones of an exported sheet, are passed over and listed.
        if target.is_none() && !header.trim().is_empty() {
            map.ignored.push(header.clone());
        }
        map.targets.push(target);
    }
    map
}

impl HeaderMap {
    /// Reports each of `keys` the header row has no column for: the rows are recognised by it.
    pub fn require(&mut self, keys: &[Column], header_row: usize, language: Language) {
        for key in keys {
            if !self.targets.iter().any(|t| matches!(t, Some(Target::Column(c)) if c.header_key() == key.header_key()))
            {
                self.problems.push(SheetProblem {
                    row: header_row,
                    column: key.label(language).into(),
                    message: message(
                        language,
                        "kolumnen saknas: den behövs för att känna igen raderna (spara mallen för att se alla kolumner)"
                            .into(),
                        "the column is missing: rows are recognised by it (save the template to see every column)"
                            .into(),
                    ),
                });
            }
        }
    }
}

/// The fields of an actual outcome's row that name its item: one of them has a value.
pub(super) const ITEM_FIELDS: [&str; 2] = ["initiative_id", "service_id"];

/// Fields that always have a value: an empty cell leaves them as they are (a new record's default).
pub(super) const NEVER_EMPTY: [&str; 5] = ["state", "kind", "category", "confidence", "reuse_outcome"];

/// A new record's fields before the row's cells are set.
pub(super) fn blank(kind: SheetKind) -> Value {
    match kind {
        SheetKind::Initiatives => json!({
            "id": 0, "case_number": "", "title": "", "description": "", "track": null, "kind": null,
            "owner_id": null, "provider_id": null, "customer_ids": [], "state": InitiativeState::Identified.key(),
            "costs": [], "benefit_summary": "", "reuse_solution": "", "reuse_outcome": ReuseOutcome::NotChecked.key(),
            "laws": [], "legal_notes": "", "security": {}, "funding_model": null, "long_term_plan": "",
            "orientation": null, "specially_followed": false, "no_legal_requirement": false, "risks": [],
            "risk_assessment": "", "management_plan": "", "benefits_plan_approved_date": "",
            "benefits_plan_approved_by": "", "executor": "", "business_change": ""
        }),
        SheetKind::Services => json!({
            "id": 0, "name": "", "category": null, "provider_id": null, "price": null, "unit": "", "scope": "",
            "service_level": "", "target_group": "", "security": {}, "connection_requirements": "",
            "funding_model": null, "state": ServiceState::Planned.key(), "costs": [],
            "handles_no_information": false, "processes_personal_data": false, "customers": [],
            "baseline": BaselineStatus::NotAssessed.key(), "baseline_shortfalls": "", "baseline_assessed_date": "",
            "baseline_assessed_by": ""
        }),
        SheetKind::Organisations => json!({"id": 0, "name": "", "kind": null, "parent_id": null}),
        SheetKind::Benefits => json!({
            "id": 0, "initiative_id": null, "name": "", "owner_id": null, "kind": BenefitKind::Quantitative.key(),
            "category": BenefitCategory::Other.key(), "confidence": Confidence::Yellow.key(), "baseline": null,
            "target": null, "value_low": null, "value_base": null, "value_high": null, "price_year": null
        }),
        SheetKind::Actuals => json!({
            "id": 0, "initiative_id": null, "service_id": null, "year": null, "development": 0, "management": 0
        }),
        SheetKind::Members => json!({"id": 0, "name": "", "organisation_id": null}),
        SheetKind::Providers => json!({"id": 0, "name": "", "organisation_id": null, "description": ""}),
        SheetKind::Frames => json!({
            "id": 0, "year": null, "development": 0, "management": 0, "decided_on": "", "reference": "", "notes": ""
        }),
        SheetKind::Ranking | SheetKind::Deviations => Value::Null,
    }
}

/// The key a row is matched by.
pub(super) fn key_of(kind: SheetKind, record: &Value) -> String {
    let text = |field: &str| record[field].as_str().unwrap_or_default().trim().to_lowercase();
    match kind {
        SheetKind::Initiatives => text("case_number"),
        SheetKind::Benefits => format!("{}/{}", record["initiative_id"], text("name")),
        SheetKind::Actuals => format!("{}/{}/{}", record["initiative_id"], record["service_id"], record["year"]),
        SheetKind::Frames => record["year"].to_string(),
        _ => text("name"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(kind: SheetKind, headers: &[&str]) -> Vec<Option<&'static str>> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let map = map_headers(kind, &headers, 1, Language::Sv);
        assert!(map.problems.is_empty(), "{headers:?}");
        map.targets.iter().map(|t| if let Some(Target::Column(c)) = t { Some(c.field) } else { None }).collect()
    }

    #[test]
    fn a_column_is_headed_by_the_forms_label_and_read_by_its_former_header_too() {
        let columns = columns(SheetKind::Initiatives);
        let funding = columns.iter().find(|c| c.field == "funding_model").unwrap();
        assert_eq!(funding.label(Language::Sv), field_label(Entity::Initiative, "funding_model").unwrap().sv);
        assert_eq!(funding.label(Language::Sv), "Finansieringsmodell");
        // Every column's header is the shared label of its field.
        for kind in [SheetKind::Initiatives, SheetKind::Services, SheetKind::Organisations, SheetKind::Benefits] {
            for column in super::columns(kind) {
                assert!(column.matches(column.label(Language::Sv)) && column.matches(column.label(Language::En)));
            }
        }
        let now = ["Diarienummer", "Typ av insats", "Berörda kunder", "Nytta i sammandrag", "Konfidentialitet (K)"];
        let before = ["Diarienummer", "Typ", "Kunder", "Nyttor i korthet", "K"];
        let expected = [Some("case_number"), Some("kind"), Some("customer_ids"), Some("benefit_summary")];
        assert_eq!(fields(SheetKind::Initiatives, &now)[..4], expected);
        assert_eq!(fields(SheetKind::Initiatives, &now), fields(SheetKind::Initiatives, &before));
        assert_eq!(
            fields(SheetKind::Initiatives, &["Case number", "C", "I", "A"])[1..],
            [Some("security.confidentiality"), Some("security.integrity"), Some("security.availability")]
        );
        assert_eq!(
            fields(SheetKind::Services, &["Tjänst", "Anslutningskrav"]),
            [Some("name"), Some("connection_requirements")]
        );
        assert_eq!(
            fields(SheetKind::Services, &["Namn", "Krav för anslutning"]),
            [Some("name"), Some("connection_requirements")]
        );
        assert_eq!(fields(SheetKind::Organisations, &["Namn", "Hör till"]), [Some("name"), Some("parent_id")]);
        assert_eq!(
            fields(SheetKind::Organisations, &["Name", "Parent board or company"]),
            [Some("name"), Some("parent_id")]
        );
    }
}
