//! A provider's yearly analysis as a spreadsheet a provider can fill in: one row per part (the strategic
//! direction, each investment with its cost per year, each development need with its estimated cost per year, each
//! incoming requirement, and each of the provider's services with the K/R/T level to apply), the part named in the
//! first column. Exported with the provider's services prefilled (at the analysis's levels, else their current
//! ones) and any content the analysis has; imported all or nothing, problems by row and column, through the
//! record's own checks. An explicit "none" of a list is kept while the sheet lists nothing of it.

use serde_json::{Value, json};

use super::cells::Form;
use super::cells::{Names, empty, field, message, set_field};
use super::columns::{Column, CostWord, HeaderMap, Target, headed, map_columns};
use super::import::{RowCells, read_cells};
use super::read::Grid;
use super::record_table::{cell, column_kind};
use super::{Cell, ColumnKind, Guide, Table};
use crate::domain::{
    DevelopmentNeed, Entity, FieldLabel, Id, InvestmentStatus, Language, Law, NeedArea, PLANNING_PERIOD_YEARS,
    Provider, Term, YearlyAnalysis,
};
use crate::error::{Error, Result, SheetProblem};
use crate::store::{Portfolio, Reader, Stamp, Writer};

/// A header of the sheet, by its key (its language-independent form) and its Swedish and English text.
const fn header(key: &'static str, sv: &'static str, en: &'static str) -> FieldLabel {
    FieldLabel { entity: Some(Entity::YearlyAnalysis), field: key, sv, en }
}

/// The columns before the years, in order; each holds a field of every part that has one there.
static HEADERS: [FieldLabel; 12] = [
    header("part", "Del", "Part"),
    header("kind", "Typ", "Kind"),
    header("initiative", "Initiativ", "Initiative"),
    header("service", "Tjänst", "Service"),
    header("from", "Från nämnd eller bolag", "From board or company"),
    header("text", "Text", "Text"),
    header("description", "Beskrivning / så uppfylls det", "Description / how it is met"),
    header("law", "Lag", "Law"),
    header("by", "Senast", "By"),
    header("confidentiality", "K", "C"),
    header("integrity", "R", "I"),
    header("availability", "T", "A"),
];

/// After the columns above: the current classification of a level's service, shown for the provider and never read
/// back.
const CURRENT: FieldLabel =
    header("current", "Nuvarande klassning (läses inte in)", "Current classification (not imported)");

/// The years' columns (`Kostnad 2027 (kr)`): the analysis's year and the three after it (a planning period), and any
/// other year the analysis names. The costs are development costs: an investment's become its initiative's, a
/// need's go into its service's planned development.
const COST: CostWord = CostWord { sv: "Kostnad", en: "Cost", development: true };

/// The parts of an analysis, as the first column names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Whose analysis for which year the sheet is: the provider's name and the year (`Intraservice, 2027`).
    About,
    Direction,
    Investment,
    Need,
    Requirement,
    Level,
}

impl Part {
    const ALL: [Part; 6] = [Part::About, Part::Direction, Part::Investment, Part::Need, Part::Requirement, Part::Level];
    /// The parts that hold the analysis's content: all but the about row.
    const CONTENT: [Part; 5] = [Part::Direction, Part::Investment, Part::Need, Part::Requirement, Part::Level];

    /// The part's label in the first column; its key is the analysis's field the part's rows fill.
    fn term(self) -> Term {
        let (key, sv, en) = match self {
            Part::About => ("about", "Avser", "For"),
            Part::Direction => ("strategic_direction", "Strategisk riktning", "Strategic direction"),
            Part::Investment => ("investments", "Satsning", "Investment"),
            Part::Need => ("development_needs", "Behov av utveckling", "Development need"),
            Part::Requirement => ("requirements", "Inkommet krav", "Incoming requirement"),
            Part::Level => ("security_levels", "Säkerhetsnivå", "Security level"),
        };
        Term { key, sv, en }
    }

    fn label(self, language: Language) -> &'static str {
        self.term().label(language)
    }

    fn field(self) -> &'static str {
        self.term().key
    }

    fn from_key(key: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.field() == key)
    }

    /// Whether each of the part's rows is an entry of a list (the direction's one row is the analysis's field).
    fn is_list(self) -> bool {
        !matches!(self, Part::About | Part::Direction)
    }

    /// The columns a row of the part fills, each holding a field of the part's entry (the about row's: the sheet's
    /// subject). A problem of the entry that no column holds (an investment's number of years) is named by the
    /// first; an investment's and a need's costs stand in the years' columns.
    fn columns(self) -> Vec<Column> {
        match self {
            Part::About => vec![under("text", "subject", Form::Text)],
            Part::Direction => vec![under("text", "strategic_direction", Form::Text)],
            Part::Investment => vec![
                under("text", "description", Form::Text),
                under("kind", "status", Form::Term(InvestmentStatus::terms)).required(),
                under("initiative", "initiative_id", Form::Initiative),
            ],
            Part::Need => vec![
                under("text", "title", Form::Text),
                under("kind", "area", Form::Term(NeedArea::terms)).required(),
                under("service", "service_id", Form::Service),
                under("description", "description", Form::Text),
            ],
            Part::Requirement => vec![
                under("text", "requirement", Form::Text),
                under("from", "organisation_id", Form::Organisation),
                under("description", "how_met", Form::Text),
                under("law", "law", Form::Term(Law::terms)),
                under("by", "due", Form::Date),
            ],
            Part::Level => vec![
                under("service", "service_id", Form::Service).required(),
                under("confidentiality", "security.confidentiality", Form::Level),
                under("integrity", "security.integrity", Form::Level),
                under("availability", "security.availability", Form::Level),
            ],
        }
    }

    fn has_costs(self) -> bool {
        matches!(self, Part::Investment | Part::Need)
    }
}

fn part_terms() -> Vec<Term> {
    Part::ALL.map(Part::term).to_vec()
}

/// The first column: the part a row is of. The rows are recognised by it.
fn part_column() -> Column {
    under("part", "part", Form::Term(part_terms)).required()
}

/// Every column, the part's first; a header stands for the first column under it.
fn columns() -> Vec<Column> {
    std::iter::once(part_column()).chain(Part::ALL.into_iter().flat_map(Part::columns)).collect()
}

/// Where the header of `key` stands among the columns.
fn index_of(key: &str) -> usize {
    HEADERS.iter().position(|h| h.field == key).expect("every column stands under a header")
}

/// A part's column holding `field` under the header of `key`.
fn under(key: &str, field: &'static str, form: Form) -> Column {
    headed(&HEADERS[index_of(key)], field, form)
}

/// The sheet of `provider_id`'s analysis for `year`: its content, or a new one with the provider's services.
pub fn analysis_table(reader: &Reader, provider_id: Id, year: i32, language: Language) -> Result<Table> {
    crate::error::planning_year(year.into())?;
    let provider: Provider = reader.get(provider_id)?;
    let services = reader.services()?;
    let names = Names::load(reader)?;
    let mut analysis =
        reader.analysis_of(provider_id, year)?.unwrap_or_else(|| YearlyAnalysis::draft(provider_id, year, &services));
    analysis.fill_services(&services);
    let mut years: Vec<i32> = (year..year + PLANNING_PERIOD_YEARS).collect();
    years.extend(analysis.investment_years());
    years.sort_unstable();
    years.dedup();
    let columns = columns();
    let mut headers: Vec<String> = HEADERS.iter().map(|h| h.label(language).to_string()).collect();
    headers.push(CURRENT.label(language).into());
    headers.extend(years.iter().map(|y| COST.header(*y, language)));
    let mut kinds: Vec<ColumnKind> = HEADERS
        .iter()
        .map(|h| columns.iter().find(|c| c.header_key() == h.field).map_or(ColumnKind::Text, |c| column_kind(c.form)))
        .collect();
    kinds.push(ColumnKind::Text);
    kinds.extend(years.iter().map(|_| ColumnKind::Money));
    let record = serde_json::to_value(&analysis).expect("an analysis serialises");
    let about = json!({"subject": format!("{}, {year}", provider.name)});
    let mut rows = Vec::new();
    for part in Part::ALL {
        let entries: Vec<&Value> = match part {
            Part::About => vec![&about],
            Part::Direction => vec![&record],
            _ => record[part.field()].as_array().into_iter().flatten().collect(),
        };
        for entry in entries {
            let mut row = vec![Cell::Empty; headers.len()];
            row[0] = Cell::Text(part.label(language).into());
            for column in part.columns() {
                row[index_of(column.header_key())] = cell(field(entry, column.field), column.form, &names, language);
            }
            for cost in entry["costs"].as_array().into_iter().flatten() {
                let at = years.iter().position(|y| cost["year"] == *y).expect("every year has a column");
                row[HEADERS.len() + 1 + at] = cell(&cost["amount"], Form::Money, &names, language);
            }
            if part == Part::Level {
                let service = services.iter().find(|s| entry["service_id"] == s.id);
                row[HEADERS.len()] = service.map_or(Cell::Empty, |s| Cell::Text(s.security.short()));
            }
            rows.push(row);
        }
    }
    let guide = analysis_guide(&columns, language);
    let name = if language == Language::Sv { "Årlig analys" } else { "Yearly analysis" };
    Ok(Table { name: format!("{name} {} {year}", provider.name), headers, rows, kinds, totals: 0, guide })
}

/// Help for the provider who fills the sheet in (riktlinjen, "Prioritering och beslut": what the analysis holds):
/// a note on each column's header saying what goes there for which part, and drop-down lists of the parts, the
/// kinds (an investment's status, a need's area) and the laws. The import reads none of it.
fn analysis_guide(columns: &[Column], language: Language) -> Guide {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    // A header's list: the labels of every closed list a part has under it.
    let choices = HEADERS.iter().enumerate().filter_map(|(at, header)| {
        let labels: Vec<String> = columns
            .iter()
            .filter(|c| c.header_key() == header.field)
            .filter_map(|c| if let Form::Term(terms) = c.form { Some(terms()) } else { None })
            .flatten()
            .map(|t| t.label(language).to_string())
            .collect();
        (!labels.is_empty()).then_some((at, labels))
    });
    let notes = [
        (
            "part",
            l(
                "En rad per del: Strategisk riktning (en rad), Satsning, Behov av utveckling, Inkommet krav och \
                     Säkerhetsnivå (en rad per tjänst). Raden Avser anger leverantör och år; ändra den inte. En del \
                     utan rader behålls som analysen har den.",
                "One row per part: Strategic direction (one row), Investment, Development need, Incoming \
                     requirement and Security level (one row per service). The row For names the provider and year; \
                     leave it. A part without rows is kept as the analysis holds it.",
            ),
        ),
        (
            "kind",
            l(
                "Satsning: Pågående eller Planerad. Behov av utveckling: område.",
                "Investment: Ongoing or Planned. Development need: area.",
            ),
        ),
        (
            "initiative",
            l(
                "Satsning: initiativets diarienummer, om det finns ett.",
                "Investment: the initiative's case number, if there is one.",
            ),
        ),
        (
            "service",
            l(
                "Behov och säkerhetsnivå: tjänstens namn i katalogen.",
                "Need and security level: the service's name in the catalogue.",
            ),
        ),
        (
            "from",
            l(
                "Inkommet krav: nämnden eller bolaget som ställt kravet.",
                "Incoming requirement: the board or company that made it.",
            ),
        ),
        (
            "law",
            l(
                "Inkommet krav: lagen kravet följer av, om någon.",
                "Incoming requirement: the law it follows from, if any.",
            ),
        ),
        ("by", l("Inkommet krav: senast (ÅÅÅÅ-MM-DD).", "Incoming requirement: by when (YYYY-MM-DD).")),
        (
            "confidentiality",
            l(
                "Säkerhetsnivå: K, R och T som ska gälla nästa period (0–4).",
                "Security level: C, I and A for the next period (0–4).",
            ),
        ),
    ];
    Guide { notes: notes.into_iter().map(|(key, note)| (index_of(key), note)).collect(), choices: choices.collect() }
}

/// What importing an analysis's sheet did (or, refused, would have done).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnalysisImport {
    pub provider_id: Id,
    pub year: i32,
    /// Whether the analysis was created by the import (else updated).
    pub created: bool,
    pub investments: usize,
    pub development_needs: usize,
    pub requirements: usize,
    pub security_levels: usize,
    /// The parts the sheet has no row for, kept as the analysis holds them (their labels).
    pub kept: Vec<String>,
    /// Nothing is written unless this is empty.
    pub problems: Vec<SheetProblem>,
}

/// Imports `bytes` (XLSX, ODS or CSV) as `provider_id`'s analysis for `year`: the sheet's parts replace the
/// analysis's direction and lists (its state and dates stay). All or nothing: with any problem (listed by row and
/// column in the result) nothing is written; `dry_run` writes nothing either way.
#[allow(clippy::too_many_arguments, reason = "the import's inputs; a struct would only rename them")]
pub fn import_analysis(
    portfolio: &mut Portfolio,
    stamp: &Stamp,
    provider_id: Id,
    year: i32,
    bytes: &[u8],
    file_name: &str,
    language: Language,
    dry_run: bool,
) -> Result<AnalysisImport> {
    crate::error::planning_year(year.into())?;
    let grid = super::import::read_any(bytes, language)?;
    let rehearsed = portfolio.rehearse(stamp, |w| apply(w, provider_id, year, &grid, language))?;
    if dry_run || !rehearsed.problems.is_empty() {
        return Ok(rehearsed);
    }
    portfolio.write(stamp, |w| {
        w.set_note(format!("Import från kalkylark: {file_name}"));
        let report = apply(w, provider_id, year, &grid, language)?;
        match report.problems.first() {
            None => Ok(report),
            Some(first) => Err(Error::SheetRefused { problems: report.problems.len(), first: first.clone() }),
        }
    })
}

/// The sheet's header row as read: where each header's values go.
struct HeaderRow<'g> {
    headers: &'g [String],
    map: HeaderMap,
    language: Language,
}

impl HeaderRow<'_> {
    /// Where a row of `part` puts each header's values: in the part's column under it, or, for an investment and a
    /// need, in the year's cost.
    fn targets(&self, part: Part) -> Vec<Option<Target>> {
        let own = part.columns();
        let target = |target: &Option<Target>| match target {
            Some(Target::Column(c)) => {
                own.iter().find(|o| o.header_key() == c.header_key()).map(|o| Target::Column(*o))
            }
            Some(cost @ Target::Cost { .. }) if part.has_costs() => Some(*cost),
            _ => None,
        };
        self.map.targets.iter().map(target).collect()
    }

    /// The sheet's header of the first column that `wanted` holds.
    fn header(&self, wanted: impl Fn(&Target) -> bool) -> Option<String> {
        self.map.targets.iter().zip(self.headers).find(|(t, _)| t.as_ref().is_some_and(&wanted)).map(|(_, h)| h.clone())
    }

    /// The header of a part's column as the sheet has it, else its label.
    fn column(&self, column: &Column) -> String {
        let key = column.header_key();
        self.header(|t| matches!(t, Target::Column(c) if c.header_key() == key))
            .unwrap_or_else(|| column.label(self.language).into())
    }

    /// The sheet's row and column of a field the record's check names (`investments[2].costs[0].amount`) in
    /// `analysis` as written, its entries read from `rows` (each entry's part and row, in the sheet's order).
    fn locate(&self, field: &str, analysis: &Value, rows: &[(Part, usize)]) -> (usize, String) {
        for part in Part::CONTENT {
            let key = part.field();
            // A whole list's problem (none listed and no "none"; a service without its level): the file's, named by
            // its part.
            if part.is_list() && (field == key || field.strip_prefix("no_") == Some(key)) {
                return (0, part.label(self.language).into());
            }
            let Some(rest) = field.strip_prefix(key) else { continue };
            let (index, rest) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((index, rest)) => (index.parse().unwrap_or_default(), rest.trim_start_matches('.')),
                None => (0, rest),
            };
            let entry = if part.is_list() { &analysis[key][index] } else { analysis };
            let row = rows.iter().filter(|(p, _)| *p == part).nth(index).map_or(0, |(_, row)| *row);
            if let Some(cost) = rest.strip_prefix("costs[").and_then(|r| r.split(']').next()) {
                let year = entry["costs"][cost.parse::<usize>().unwrap_or_default()]["year"].as_i64();
                let cost_of = |t: &Target| matches!(t, Target::Cost { year: y, .. } if Some(i64::from(*y)) == year);
                return (row, self.header(cost_of).unwrap_or_default());
            }
            let columns = part.columns();
            let column = columns.iter().find(|c| rest.starts_with(c.field)).unwrap_or(&columns[0]);
            return (row, self.column(column));
        }
        (0, String::new())
    }
}

fn apply(
    writer: &mut Writer<'_>,
    provider_id: Id,
    year: i32,
    grid: &Grid,
    language: Language,
) -> Result<AnalysisImport> {
    let l = |sv: &str, en: &str| message(language, sv.into(), en.into());
    let reader = writer.read();
    let provider: Provider = reader.get(provider_id)?;
    let names = Names::load(&reader)?;
    let stored = reader.analysis_of(provider.id, year)?;
    let mut report = AnalysisImport {
        provider_id: provider.id,
        year,
        created: stored.is_none(),
        investments: 0,
        development_needs: 0,
        requirements: 0,
        security_levels: 0,
        kept: Vec::new(),
        problems: Vec::new(),
    };
    let Some(header_index) = grid.rows.iter().position(|r| r.iter().any(|c| !c.is_empty())) else {
        return Err(Error::BadSheet(l("filen innehåller inga rader", "the file holds no rows")));
    };
    let headers = &grid.rows[header_index];
    let mut map = map_columns(&columns(), &[COST], headers, header_index + 1, language);
    map.require(&[part_column()], header_index + 1, language);
    if !map.problems.is_empty() {
        report.problems = map.problems;
        return Ok(report);
    }
    let sheet = HeaderRow { headers, map, language };
    let mut record =
        serde_json::to_value(stored.clone().unwrap_or_else(|| YearlyAnalysis::draft(provider.id, year, &[])))
            .expect("an analysis serialises");
    for part in Part::CONTENT {
        record[part.field()] = if part.is_list() { json!([]) } else { json!("") };
    }
    let mut problems: Vec<SheetProblem> = Vec::new();
    // Each row's part and row number, in the sheet's order.
    let mut rows: Vec<(Part, usize)> = Vec::new();
    let is_part = |t: &Target| matches!(t, Target::Column(c) if c.header_key() == "part");
    let part_targets: Vec<Option<Target>> = sheet.map.targets.iter().map(|t| t.filter(is_part)).collect();
    for index in header_index + 1..grid.rows.len() {
        let line = index + 1;
        let read = |targets: &[Option<Target>], problems: &mut Vec<SheetProblem>| {
            read_cells(grid, index, headers, targets, &names, language, problems)
        };
        let Some(first) = read(&part_targets, &mut problems) else { continue };
        unfilled(&[part_column()], &part_targets, &first, line, language, &mut problems);
        let Some(part) = first.cells.first().and_then(|(_, _, key)| key.as_str()).and_then(Part::from_key) else {
            continue;
        };
        let targets = sheet.targets(part);
        let Some(cells) = read(&targets, &mut problems) else { continue };
        let columns = part.columns();
        unfilled(&columns, &targets, &cells, line, language, &mut problems);
        // The entry: each column's field as an empty cell gives it, then as the row's cells give it.
        let mut entry = json!({});
        for column in &columns {
            set_field(&mut entry, column.field, empty(column.form));
        }
        for (column, _, value) in cells.cells {
            set_field(&mut entry, column.field, value);
        }
        if part.has_costs() {
            let amounts = cells.costs.iter().filter_map(|(year, [amount, _])| amount.flatten().map(|a| (year, a)));
            entry["costs"] = amounts.map(|(year, amount)| json!({"year": year, "amount": amount})).collect();
        }
        match part {
            Part::About => {
                // A sheet made for another provider is refused whole, as is one of another year where this year's
                // analysis exists: either would replace an analysis's parts with another's. A provider may start a
                // new year's analysis from last year's sheet (the preview says it becomes this year's).
                let subject = entry["subject"].as_str().unwrap_or_default();
                let (name, of_year) = subject.rsplit_once(',').unwrap_or((subject, ""));
                let same_provider = name.trim().eq_ignore_ascii_case(provider.name.trim());
                let same_year = of_year.trim() == year.to_string();
                if !same_provider || (!same_year && stored.is_some()) {
                    return Err(Error::BadSheet(message(
                        language,
                        format!(
                            "bladet avser \u{201d}{subject}\u{201d}, inte {}s analys för {year}: läs in det för den \
                             leverantören och det året",
                            provider.name
                        ),
                        format!(
                            "the sheet is for \u{201c}{subject}\u{201d}, not {}'s analysis for {year}: import it for \
                             that provider and year",
                            provider.name
                        ),
                    )));
                }
            }
            Part::Direction => {
                if rows.iter().any(|(p, _)| *p == Part::Direction) {
                    problems.push(SheetProblem {
                        row: line,
                        column: sheet.column(&columns[0]),
                        message: l(
                            "den strategiska riktningen står två gånger",
                            "the strategic direction is given twice",
                        ),
                    });
                }
                record[part.field()] = entry[part.field()].take();
            }
            _ => record[part.field()].as_array_mut().expect("the part's list").push(entry),
        }
        rows.push((part, line));
    }
    // A part the sheet has no row for keeps what the analysis holds (a sheet with its requirement rows deleted
    // does not silently empty them); the report names the parts kept. To empty a list, use the app.
    if let Some(stored) = &stored {
        let stored = serde_json::to_value(stored).expect("an analysis serialises");
        for part in Part::CONTENT {
            let held = &stored[part.field()];
            if !rows.iter().any(|(p, _)| *p == part) && *held != json!("") && *held != json!([]) {
                record[part.field()] = held.clone();
                report.kept.push(part.label(language).into());
            }
        }
    }
    let count = |part: Part| record[part.field()].as_array().map_or(0, Vec::len);
    report.investments = count(Part::Investment);
    report.development_needs = count(Part::Need);
    report.requirements = count(Part::Requirement);
    report.security_levels = count(Part::Level);
    if !problems.is_empty() {
        report.problems = problems;
        return Ok(report);
    }
    let mut analysis: YearlyAnalysis = serde_json::from_value(record).map_err(|e| Error::BadSheet(e.to_string()))?;
    // A "none" stays only while the sheet lists nothing of its kind (the sheet has no row for it); a need whose
    // costs already went into its service's planned costs keeps that mark when the sheet names it again (same
    // title and service), so that it is not planned twice.
    analysis.no_investments &= analysis.investments.is_empty();
    analysis.no_development_needs &= analysis.development_needs.is_empty();
    analysis.no_requirements &= analysis.requirements.is_empty();
    let mut planned: Vec<&DevelopmentNeed> =
        stored.iter().flat_map(|a| &a.development_needs).filter(|n| n.in_service_costs).collect();
    for need in &mut analysis.development_needs {
        let same = |n: &&DevelopmentNeed| n.title == need.title.trim() && n.service_id == need.service_id;
        if let Some(at) = planned.iter().position(same) {
            need.in_service_costs = true;
            planned.remove(at);
        }
    }
    // As the store keeps it (each entry's years in order, none of 0 kr), so that a problem's entry and year are
    // the ones written.
    analysis.normalise();
    let written = serde_json::to_value(&analysis).expect("an analysis serialises");
    let result =
        if stored.is_some() { writer.update(analysis).map(|_| ()) } else { writer.create(analysis).map(|_| ()) };
    match result {
        Ok(()) => {}
        Err(Error::Invalid { problems: found, .. }) => {
            for e in found.errors() {
                let (row, column) = sheet.locate(&e.field, &written, &rows);
                report.problems.push(SheetProblem { row, column, message: e.rule.text(language) });
            }
        }
        Err(other) => return Err(other),
    }
    Ok(report)
}

/// Reports each required column of `columns` the row leaves without a value: its cell is empty, or the sheet has
/// no such column (a cell that cannot be read is reported as such).
fn unfilled(
    columns: &[Column],
    targets: &[Option<Target>],
    cells: &RowCells<'_>,
    line: usize,
    language: Language,
    problems: &mut Vec<SheetProblem>,
) {
    for column in columns.iter().filter(|c| c.required) {
        let given = targets.iter().flatten().any(|t| matches!(t, Target::Column(c) if c.field == column.field));
        let empty = cells.cells.iter().find(|(c, _, value)| c.field == column.field && value.is_null());
        let header = match empty {
            Some((_, header, _)) => (*header).clone(),
            None if !given => column.label(language).into(),
            None => continue,
        };
        let text = message(language, "måste fyllas i".into(), "is required".into());
        problems.push(SheetProblem { row: line, column: header, message: text });
    }
}
