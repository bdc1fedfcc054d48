//! A provider's yearly analysis as a spreadsheet a provider can fill in: one row per part (the strategic
//! direction, each investment with its cost per year, each development need with its estimated cost per year, each
//! incoming requirement, and each of the provider's services with the K/R/T level to apply), the part named in the
//! first column. Exported with the provider's services prefilled (at the analysis's levels, else their current
//! ones) and any content the analysis has; imported all or nothing, problems by row and column, through the
//! record's own checks. An explicit "none" of a list is kept while the sheet lists nothing of it.

use super::cells::{message, money};
use super::{Cell, ColumnKind, Guide, Table};
use crate::domain::{
    AnalysisInvestment, DevelopmentNeed, Id, IncomingRequirement, InvestmentStatus, InvestmentYear, Language, Law,
    NeedArea, Provider, Security, SecurityLevel, Service, ServiceSecurity, Term, YearlyAnalysis,
};
use crate::error::{Error, Result, SheetProblem};
use crate::store::{Portfolio, Reader, Stamp, Writer};

/// The years of cost a sheet has columns for: the analysis's year and the three after it (a planning period),
/// and any other year the analysis names.
const PERIOD: i32 = 4;

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

const PARTS: [(Part, &str, &str); 6] = [
    (Part::About, "Avser", "For"),
    (Part::Direction, "Strategisk riktning", "Strategic direction"),
    (Part::Investment, "Satsning", "Investment"),
    (Part::Need, "Behov av utveckling", "Development need"),
    (Part::Requirement, "Inkommet krav", "Incoming requirement"),
    (Part::Level, "Säkerhetsnivå", "Security level"),
];

fn part_label(part: Part, language: Language) -> &'static str {
    let (_, sv, en) = PARTS.iter().find(|(p, _, _)| *p == part).expect("every part is listed");
    if language == Language::Sv { sv } else { en }
}

/// The columns before the years, in order: (Swedish, English) headers. The current classification is shown for
/// the provider and never read back.
const COLUMNS: [(&str, &str); 12] = [
    ("Del", "Part"),
    ("Typ", "Kind"),
    ("Initiativ", "Initiative"),
    ("Tjänst", "Service"),
    ("Från nämnd eller bolag", "From board or company"),
    ("Text", "Text"),
    ("Beskrivning / så uppfylls det", "Description / how it is met"),
    ("Lag", "Law"),
    ("Senast", "By"),
    ("K", "C"),
    ("R", "I"),
    ("T", "A"),
];
const CURRENT: (&str, &str) = ("Nuvarande klassning (läses inte in)", "Current classification (not imported)");

fn header(pair: (&str, &str), language: Language) -> String {
    if language == Language::Sv { pair.0.into() } else { pair.1.into() }
}

fn cost_header(year: i32, language: Language) -> String {
    if language == Language::Sv { format!("Kostnad {year} (kr)") } else { format!("Cost {year} (SEK)") }
}

fn label(terms: Vec<Term>, key: &str, language: Language) -> String {
    terms
        .into_iter()
        .find(|t| t.key == key)
        .map(|t| if language == Language::Sv { t.sv } else { t.en })
        .unwrap_or("")
        .into()
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.into()) }
}

fn level(l: &Option<SecurityLevel>) -> Cell {
    l.as_ref().map_or(Cell::Empty, |l| Cell::Number(l.level.into()))
}

/// The sheet of `provider_id`'s analysis for `year`: its content, or a new one with the provider's services.
pub fn analysis_table(reader: &Reader, provider_id: Id, year: i32, language: Language) -> Result<Table> {
    crate::error::planning_year(year.into())?;
    let provider: Provider = reader.get(provider_id)?;
    let services = reader.services()?;
    let initiatives = reader.initiatives()?;
    let organisations = reader.organisations()?;
    let mut analysis =
        reader.analysis_of(provider_id, year)?.unwrap_or_else(|| YearlyAnalysis::draft(provider_id, year, &services));
    analysis.fill_services(&services);
    let mut years: Vec<i32> = (year..year + PERIOD).collect();
    years.extend(analysis.investment_years());
    years.sort_unstable();
    years.dedup();
    let mut headers: Vec<String> = COLUMNS.iter().map(|c| header(*c, language)).collect();
    headers.push(header(CURRENT, language));
    headers.extend(years.iter().map(|y| cost_header(*y, language)));
    let width = headers.len();
    let row = |part: Part| {
        let mut row = vec![Cell::Empty; width];
        row[0] = Cell::Text(part_label(part, language).into());
        row
    };
    let mut rows = Vec::new();
    let mut about = row(Part::About);
    about[5] = Cell::Text(format!("{}, {year}", provider.name));
    rows.push(about);
    let mut direction = row(Part::Direction);
    direction[5] = text(&analysis.strategic_direction);
    rows.push(direction);
    for investment in &analysis.investments {
        let mut r = row(Part::Investment);
        r[1] = Cell::Text(label(InvestmentStatus::terms(), investment.status.key(), language));
        r[2] = text(
            &investment
                .initiative_id
                .and_then(|id| initiatives.iter().find(|i| i.id == id))
                .map(|i| i.case_number.clone())
                .unwrap_or_default(),
        );
        r[5] = text(&investment.description);
        for cost in &investment.costs {
            let at = years.iter().position(|y| *y == cost.year).expect("every year has a column");
            r[COLUMNS.len() + 1 + at] = Cell::Money(cost.amount);
        }
        rows.push(r);
    }
    let service_name = |id: Option<Id>| {
        id.and_then(|id| services.iter().find(|s| s.id == id)).map(|s| s.name.clone()).unwrap_or_default()
    };
    for need in &analysis.development_needs {
        let mut r = row(Part::Need);
        r[1] = Cell::Text(label(NeedArea::terms(), need.area.key(), language));
        r[3] = text(&service_name(need.service_id));
        r[5] = text(&need.title);
        r[6] = text(&need.description);
        for cost in &need.costs {
            let at = years.iter().position(|y| *y == cost.year).expect("every year has a column");
            r[COLUMNS.len() + 1 + at] = Cell::Money(cost.amount);
        }
        rows.push(r);
    }
    for requirement in &analysis.requirements {
        let mut r = row(Part::Requirement);
        let from = requirement.organisation_id.and_then(|id| organisations.iter().find(|o| o.id == id));
        r[4] = text(&from.map(|o| o.name.clone()).unwrap_or_default());
        r[5] = text(&requirement.requirement);
        r[6] = text(&requirement.how_met);
        r[7] = text(&requirement.law.map(|l| label(Law::terms(), l.key(), language)).unwrap_or_default());
        r[8] = text(&requirement.due);
        rows.push(r);
    }
    for entry in &analysis.security_levels {
        let mut r = row(Part::Level);
        let service = services.iter().find(|s| s.id == entry.service_id);
        r[3] = text(&service.map(|s| s.name.clone()).unwrap_or_default());
        r[9] = level(&entry.security.confidentiality);
        r[10] = level(&entry.security.integrity);
        r[11] = level(&entry.security.availability);
        r[12] = text(&service.map(|s| s.security.short()).unwrap_or_default());
        rows.push(r);
    }
    let mut kinds = vec![ColumnKind::Text; COLUMNS.len() + 1];
    kinds[8] = ColumnKind::Date;
    kinds[9] = ColumnKind::Number;
    kinds[10] = ColumnKind::Number;
    kinds[11] = ColumnKind::Number;
    kinds.extend(years.iter().map(|_| ColumnKind::Money));
    let guide = analysis_guide(language);
    let name = if language == Language::Sv { "Årlig analys" } else { "Yearly analysis" };
    Ok(Table { name: format!("{name} {} {year}", provider.name), headers, rows, kinds, totals: 0, guide })
}

/// Help for the provider who fills the sheet in (riktlinjen, "Prioritering och beslut": what the analysis holds):
/// a note on each column's header saying what goes there for which part, and drop-down lists of the parts, the
/// kinds (an investment's status, a need's area) and the laws. The import reads none of it.
fn analysis_guide(language: Language) -> Guide {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let labels = |terms: Vec<Term>| -> Vec<String> {
        terms.into_iter().map(|t| if sv { t.sv.to_string() } else { t.en.to_string() }).collect()
    };
    let parts: Vec<String> = PARTS.iter().map(|(p, _, _)| part_label(*p, language).to_string()).collect();
    let mut kinds = labels(InvestmentStatus::terms());
    kinds.extend(labels(NeedArea::terms()));
    Guide {
        notes: vec![
            (
                0,
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
                1,
                l(
                    "Satsning: Pågående eller Planerad. Behov av utveckling: område.",
                    "Investment: Ongoing or Planned. Development need: area.",
                ),
            ),
            (
                2,
                l(
                    "Satsning: initiativets diarienummer, om det finns ett.",
                    "Investment: the initiative's case number, if there is one.",
                ),
            ),
            (
                3,
                l(
                    "Behov och säkerhetsnivå: tjänstens namn i katalogen.",
                    "Need and security level: the service's name in the catalogue.",
                ),
            ),
            (
                4,
                l(
                    "Inkommet krav: nämnden eller bolaget som ställt kravet.",
                    "Incoming requirement: the board or company that made it.",
                ),
            ),
            (
                7,
                l(
                    "Inkommet krav: lagen kravet följer av, om någon.",
                    "Incoming requirement: the law it follows from, if any.",
                ),
            ),
            (8, l("Inkommet krav: senast (ÅÅÅÅ-MM-DD).", "Incoming requirement: by when (YYYY-MM-DD).")),
            (
                9,
                l(
                    "Säkerhetsnivå: K, R och T som ska gälla nästa period (0–4).",
                    "Security level: C, I and A for the next period (0–4).",
                ),
            ),
        ],
        choices: vec![(0, parts), (1, kinds), (7, labels(Law::terms()))],
    }
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
    let rehearsed = portfolio.rehearse(stamp, |w| apply(w, provider_id, year, &grid.rows, language))?;
    if dry_run || !rehearsed.problems.is_empty() {
        return Ok(rehearsed);
    }
    portfolio.write(stamp, |w| {
        w.set_note(format!("Import från kalkylark: {file_name}"));
        let report = apply(w, provider_id, year, &grid.rows, language)?;
        match report.problems.first() {
            None => Ok(report),
            Some(first) => Err(Error::SheetRefused { problems: report.problems.len(), first: first.clone() }),
        }
    })
}

/// Where each list entry came from in the sheet, to name the row of a problem the record's check finds.
#[derive(Default)]
struct Origins {
    direction: usize,
    investments: Vec<(usize, Vec<(i32, usize)>)>,
    needs: Vec<(usize, Vec<(i32, usize)>)>,
    requirements: Vec<usize>,
    levels: Vec<usize>,
}

fn apply(
    writer: &mut Writer<'_>,
    provider_id: Id,
    year: i32,
    rows: &[Vec<String>],
    language: Language,
) -> Result<AnalysisImport> {
    let l = |sv: &str, en: &str| message(language, sv.into(), en.into());
    let reader = writer.read();
    let provider: Provider = reader.get(provider_id)?;
    let services: Vec<Service> = reader.services()?;
    let initiatives = reader.initiatives()?;
    let organisations = reader.organisations()?;
    let scale = reader.security_scale()?;
    let stored = reader.analysis_of(provider.id, year)?;
    let mut problems: Vec<SheetProblem> = Vec::new();
    let Some(head) = rows.first() else {
        return Err(Error::BadSheet(l("filen innehåller inga rader", "the file holds no rows")));
    };
    // Columns by header in either language; the years' columns by their year.
    let find = |pair: (&str, &str)| head.iter().position(|h| h.trim() == pair.0 || h.trim() == pair.1);
    let columns: Vec<Option<usize>> = COLUMNS.iter().map(|c| find(*c)).collect();
    if columns[0].is_none() {
        return Err(Error::BadSheet(l(
            "kolumnen \u{201d}Del\u{201d} saknas: använd mallen för årlig analys",
            "the column \u{201c}Part\u{201d} is missing: use the yearly analysis template",
        )));
    }
    let year_columns: Vec<(i32, usize, String)> = head
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let h = h.trim();
            let number = h.strip_prefix("Kostnad ").or_else(|| h.strip_prefix("Cost "))?;
            let y: i32 = number.split_whitespace().next()?.parse().ok()?;
            Some((y, i, h.to_string()))
        })
        .collect();
    let column_name = |index: usize| header(COLUMNS[index], language);
    let mut analysis = stored.clone().unwrap_or_else(|| YearlyAnalysis::draft(provider.id, year, &[]));
    analysis.strategic_direction.clear();
    analysis.investments.clear();
    analysis.development_needs.clear();
    analysis.requirements.clear();
    analysis.security_levels.clear();
    let mut origins = Origins::default();
    for (index, cells) in rows.iter().enumerate().skip(1) {
        let row = index + 1;
        let cell = |c: usize| columns[c].and_then(|i| cells.get(i)).map(|s| s.trim()).unwrap_or("");
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut problem = |column: usize, sv: String, en: String| {
            problems.push(SheetProblem { row, column: column_name(column), message: message(language, sv, en) });
        };
        let part =
            PARTS.iter().find(|(_, sv, en)| cell(0).eq_ignore_ascii_case(sv) || cell(0).eq_ignore_ascii_case(en));
        let Some((part, _, _)) = part else {
            let names: Vec<&str> = PARTS.iter().map(|(p, _, _)| part_label(*p, language)).collect();
            problem(
                0,
                format!("\u{201d}{}\u{201d} är ingen del; använd {}", cell(0), names.join(", ")),
                format!("\u{201c}{}\u{201d} is no part; use {}", cell(0), names.join(", ")),
            );
            continue;
        };
        let term = |terms: Vec<Term>, text: &str| {
            terms
                .into_iter()
                .find(|t| t.sv.eq_ignore_ascii_case(text) || t.en.eq_ignore_ascii_case(text) || t.key == text)
                .map(|t| t.key)
        };
        let service_named = |name: &str| services.iter().find(|s| s.name.trim().eq_ignore_ascii_case(name));
        match part {
            Part::About => {
                // A sheet made for another provider is refused whole, as is one of another year where this year's
                // analysis exists: either would replace an analysis's parts with another's. A provider may start a
                // new year's analysis from last year's sheet (the preview says it becomes this year's).
                let (name, of_year) = cell(5).rsplit_once(',').unwrap_or((cell(5), ""));
                let same_provider = name.trim().eq_ignore_ascii_case(provider.name.trim());
                let same_year = of_year.trim() == year.to_string();
                if !same_provider || (!same_year && stored.is_some()) {
                    return Err(Error::BadSheet(message(
                        language,
                        format!(
                            "bladet avser \u{201d}{}\u{201d}, inte {}s analys för {year}: läs in det för den \
                             leverantören och det året",
                            cell(5),
                            provider.name
                        ),
                        format!(
                            "the sheet is for \u{201c}{}\u{201d}, not {}'s analysis for {year}: import it for that \
                             provider and year",
                            cell(5),
                            provider.name
                        ),
                    )));
                }
            }
            Part::Direction => {
                if !analysis.strategic_direction.is_empty() {
                    problem(
                        0,
                        "den strategiska riktningen står två gånger".into(),
                        "the strategic direction is given twice".into(),
                    );
                }
                analysis.strategic_direction = cell(5).to_string();
                origins.direction = row;
            }
            Part::Investment => {
                let status = term(InvestmentStatus::terms(), cell(1)).and_then(InvestmentStatus::from_key);
                if status.is_none() {
                    problem(1, "ange Pågående eller Planerad".into(), "give Ongoing or Planned".into());
                }
                let initiative_id = match cell(2) {
                    "" => None,
                    case => match initiatives.iter().find(|i| i.case_number.eq_ignore_ascii_case(case)) {
                        Some(i) => Some(i.id),
                        None => {
                            problem(
                                2,
                                format!("inget initiativ har diarienumret {case}"),
                                format!("no initiative has the case number {case}"),
                            );
                            None
                        }
                    },
                };
                let (costs, cost_rows) = read_costs(cells, row, &year_columns, language, &mut problems);
                analysis.investments.push(AnalysisInvestment {
                    status: status.unwrap_or(InvestmentStatus::Planned),
                    initiative_id,
                    description: cell(5).to_string(),
                    costs,
                });
                origins.investments.push((row, cost_rows));
            }
            Part::Need => {
                let area = term(NeedArea::terms(), cell(1)).and_then(NeedArea::from_key);
                if area.is_none() {
                    problem(
                        1,
                        "ange Gemensamma tjänster eller Digital infrastruktur".into(),
                        "give Shared services or Digital infrastructure".into(),
                    );
                }
                let service_id = match cell(3) {
                    "" => None,
                    name => match service_named(name) {
                        Some(s) => Some(s.id),
                        None => {
                            problem(3, format!("ingen tjänst heter {name}"), format!("no service is called {name}"));
                            None
                        }
                    },
                };
                let (costs, cost_rows) = read_costs(cells, row, &year_columns, language, &mut problems);
                analysis.development_needs.push(DevelopmentNeed {
                    area: area.unwrap_or(NeedArea::SharedServices),
                    title: cell(5).to_string(),
                    service_id,
                    description: cell(6).to_string(),
                    costs,
                    in_service_costs: false,
                });
                origins.needs.push((row, cost_rows));
            }
            Part::Requirement => {
                let organisation_id = match cell(4) {
                    "" => None,
                    name => match organisations.iter().find(|o| o.name.trim().eq_ignore_ascii_case(name)) {
                        Some(o) => Some(o.id),
                        None => {
                            problem(
                                4,
                                format!("ingen nämnd eller inget bolag heter {name}"),
                                format!("no board or company is called {name}"),
                            );
                            None
                        }
                    },
                };
                let law = match cell(7) {
                    "" => None,
                    text => {
                        let found = term(Law::terms(), text).and_then(Law::from_key);
                        if found.is_none() {
                            problem(
                                7,
                                format!("{text} är ingen av riktlinjens lagar"),
                                format!("{text} is none of the guideline's laws"),
                            );
                        }
                        found
                    }
                };
                analysis.requirements.push(IncomingRequirement {
                    organisation_id,
                    requirement: cell(5).to_string(),
                    law,
                    how_met: cell(6).to_string(),
                    due: cell(8).to_string(),
                });
                origins.requirements.push(row);
            }
            Part::Level => {
                let Some(service) = service_named(cell(3)) else {
                    problem(3, format!("ingen tjänst heter {}", cell(3)), format!("no service is called {}", cell(3)));
                    continue;
                };
                let mut security = Security::default();
                for (column, aspect) in [
                    (9, &mut security.confidentiality),
                    (10, &mut security.integrity),
                    (11, &mut security.availability),
                ] {
                    match cell(column) {
                        "" => {}
                        text => match text.parse::<u8>() {
                            Ok(n) if (n as usize) < scale.len() => {
                                *aspect = Some(SecurityLevel { level: n, label: scale[n as usize].clone() })
                            }
                            _ => problem(
                                column,
                                format!("{text}: ange en nivå 0–4"),
                                format!("{text}: give a level 0–4"),
                            ),
                        },
                    }
                }
                analysis.security_levels.push(ServiceSecurity { service_id: service.id, security });
                origins.levels.push(row);
            }
        }
    }
    // A part the sheet has no row for keeps what the analysis holds (a sheet with its requirement rows deleted
    // does not silently empty them); the report names the parts kept. To empty a list, use the app.
    let mut kept = Vec::new();
    if let Some(stored) = &stored {
        if origins.direction == 0 && !stored.strategic_direction.is_empty() {
            analysis.strategic_direction = stored.strategic_direction.clone();
            kept.push(part_label(Part::Direction, language).to_string());
        }
        if origins.investments.is_empty() && !stored.investments.is_empty() {
            analysis.investments = stored.investments.clone();
            kept.push(part_label(Part::Investment, language).to_string());
        }
        if origins.needs.is_empty() && !stored.development_needs.is_empty() {
            analysis.development_needs = stored.development_needs.clone();
            kept.push(part_label(Part::Need, language).to_string());
        }
        if origins.requirements.is_empty() && !stored.requirements.is_empty() {
            analysis.requirements = stored.requirements.clone();
            kept.push(part_label(Part::Requirement, language).to_string());
        }
        if origins.levels.is_empty() && !stored.security_levels.is_empty() {
            analysis.security_levels = stored.security_levels.clone();
            kept.push(part_label(Part::Level, language).to_string());
        }
    }
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
    let mut report = AnalysisImport {
        provider_id: provider.id,
        year,
        created: stored.is_none(),
        investments: analysis.investments.len(),
        development_needs: analysis.development_needs.len(),
        requirements: analysis.requirements.len(),
        security_levels: analysis.security_levels.len(),
        kept,
        problems: Vec::new(),
    };
    if !problems.is_empty() {
        report.problems = problems;
        return Ok(report);
    }
    let written =
        if stored.is_some() { writer.update(analysis).map(|_| ()) } else { writer.create(analysis).map(|_| ()) };
    match written {
        Ok(()) => {}
        Err(Error::Invalid { problems: found, .. }) => {
            for e in found.errors() {
                let (row, column) = locate(&e.field, &origins, &year_columns, language);
                problems.push(SheetProblem { row, column, message: e.rule.text(language) });
            }
        }
        Err(other) => return Err(other),
    }
    report.problems = problems;
    Ok(report)
}

/// The sheet's row and column of a field the record's check names (`investments[2].costs[0].amount`).
fn locate(field: &str, origins: &Origins, years: &[(i32, usize, String)], language: Language) -> (usize, String) {
    let index = |prefix: &str| -> Option<usize> {
        field.strip_prefix(prefix)?.strip_prefix('[')?.split(']').next()?.parse().ok()
    };
    let column = |i: usize| header(COLUMNS[i], language);
    // A whole list's problem (none listed and no "none"; a service without its level): the file's, named by its part.
    let whole = match field {
        "investments" | "no_investments" => Some(Part::Investment),
        "development_needs" | "no_development_needs" => Some(Part::Need),
        "requirements" | "no_requirements" => Some(Part::Requirement),
        "security_levels" => Some(Part::Level),
        _ => None,
    };
    if let Some(part) = whole {
        return (0, part_label(part, language).to_string());
    }
    let listed = index("investments")
        .map(|i| (i, &origins.investments))
        .or_else(|| index("development_needs").map(|i| (i, &origins.needs)));
    if let Some((i, list)) = listed
        && field.contains(".costs[")
    {
        let (row, costs) = list.get(i).cloned().unwrap_or_default();
        let j: usize =
            field.split(".costs[").nth(1).and_then(|s| s.split(']').next()).and_then(|s| s.parse().ok()).unwrap_or(0);
        let year = costs.get(j).map(|(y, _)| *y);
        let head = years.iter().find(|(y, _, _)| Some(*y) == year).map(|(_, _, h)| h.clone()).unwrap_or_default();
        return (row, head);
    }
    if let Some(i) = index("investments") {
        let row = origins.investments.get(i).map_or(0, |(row, _)| *row);
        return (row, column(if field.ends_with("initiative_id") { 2 } else { 5 }));
    }
    if let Some(i) = index("development_needs") {
        let row = origins.needs.get(i).map_or(0, |(row, _)| *row);
        return (
            row,
            column(if field.ends_with("service_id") {
                3
            } else if field.ends_with("description") {
                6
            } else {
                5
            }),
        );
    }
    if let Some(i) = index("requirements") {
        let row = origins.requirements.get(i).copied().unwrap_or(0);
        let c = match field.rsplit('.').next() {
            Some("organisation_id") => 4,
            Some("how_met") => 6,
            Some("due") => 8,
            _ => 5,
        };
        return (row, column(c));
    }
    if let Some(i) = index("security_levels") {
        let row = origins.levels.get(i).copied().unwrap_or(0);
        let c = if field.contains("confidentiality") {
            9
        } else if field.contains("integrity") {
            10
        } else if field.contains("availability") {
            11
        } else {
            3
        };
        return (row, column(c));
    }
    if field == "strategic_direction" {
        return (origins.direction, column(5));
    }
    (0, String::new())
}

/// The costs per year of one row from the years' columns; an amount that cannot be read is a problem of its cell.
fn read_costs(
    cells: &[String],
    row: usize,
    year_columns: &[(i32, usize, String)],
    language: Language,
    problems: &mut Vec<SheetProblem>,
) -> (Vec<InvestmentYear>, Vec<(i32, usize)>) {
    let mut costs = Vec::new();
    let mut cost_rows = Vec::new();
    for (y, i, head) in year_columns {
        let value = cells.get(*i).map(|s| s.trim()).unwrap_or("");
        if value.is_empty() {
            continue;
        }
        match money(value, language) {
            Ok(amount) => {
                cost_rows.push((*y, row));
                costs.push(InvestmentYear { year: *y, amount });
            }
            Err(text) => problems.push(SheetProblem { row, column: head.clone(), message: text }),
        }
    }
    (costs, cost_rows)
}
