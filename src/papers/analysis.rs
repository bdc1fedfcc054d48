//! The paper "Årlig analys – <provider> <year>": one provider's yearly analysis to the group (riktlinjen,
//! "Gemensamma tjänster och förändringsinsatser"), section by section as the guideline lists its content.

use super::compose::{Column, Composer, Running};
use super::documents::{Words, assemble, fonts, language_tag, new_document};
use super::{Meta, Paper};
use crate::domain::{AspectComparison, Id, Language, Provider, SecurityChange, SecurityComparison, YearlyAnalysis};
use crate::error::{Error, PaperProblem, Result};
use crate::store::Reader;
use crate::time::{self, Timestamp};

/// Which analysis to write.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct AnalysisRequest {
    pub provider_id: Id,
    pub year: i32,
    #[serde(default)]
    pub language: Language,
}

/// Writes the paper of the provider's analysis for the year; `PaperProblem::NoAnalysis` when it has none.
pub fn yearly_analysis(reader: &Reader, request: &AnalysisRequest, at: Timestamp, author: &str) -> Result<Paper> {
    let w = Words(request.language);
    let provider: Provider = reader.get(request.provider_id)?;
    let analysis = reader
        .analysis_of(provider.id, request.year)?
        .ok_or(Error::Paper(PaperProblem::NoAnalysis { provider: provider.name.clone(), year: request.year }))?;
    let services = reader.services()?;
    let initiatives = reader.initiatives()?;
    let organisations = reader.organisations()?;
    let profile = reader.document_profile()?;
    let (doc, font_ids, logo) = new_document(&profile)?;
    let mut c = Composer::new(fonts(), font_ids);
    c.set_language(request.language);
    let date = time::local_date(at).to_string();
    let kind = w.t("Årlig analys", "Yearly analysis");
    let title = format!("{kind} – {} {}", provider.name, request.year);
    c.start(Running {
        kind: kind.into(),
        date: date.clone(),
        case_number: String::new(),
        confidential: None,
        body: crate::domain::DEFAULT_BODY.into(),
        note: String::new(),
        page_word: w.t("Sida", "Page").into(),
    });
    c.bookmark(&title, 0);
    c.title(&title);
    let board = provider.organisation_id.and_then(|o| organisations.iter().find(|x| x.id == o));
    let dated = |date: Option<crate::time::NaiveDate>| date.map_or_else(|| "–".to_string(), |d| d.to_string());
    c.fields(&[
        (w.t("Leverantör", "Provider"), provider.name.clone()),
        (w.t("Ansvarig nämnd", "Responsible board"), board.map(|b| b.name.clone()).unwrap_or_default()),
        (w.t("Planperiod från", "Period from"), request.year.to_string()),
        (w.t("Status", "State"), analysis.state.label(w.0).into()),
        (w.t("Inlämnad", "Submitted"), dated(analysis.submitted)),
        (w.t("Presenterad", "Presented"), dated(analysis.presented)),
        (w.t("Upprättad", "Written"), date.clone()),
    ]);
    c.muted(w.t(
        "Enligt riktlinjen ska nämnder som levererar gemensamma tjänster inkomma med en årlig analys till den strategiska samordningsgruppen.",
        "Under the guideline, boards that deliver shared services submit a yearly analysis to the strategic coordination group.",
    ));

    c.heading(w.t("1. Strategisk riktning", "1. Strategic direction"), 1);
    if analysis.strategic_direction.is_empty() {
        c.muted(w.t("Inte ifylld.", "Not filled in."));
    }
    for paragraph in analysis.strategic_direction.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        c.paragraph(paragraph);
    }

    investments(&mut c, w, &analysis, &initiatives);

    c.ensure(120.0);
    c.heading(w.t("3. Behov av utveckling", "3. Development needs"), 1);
    if analysis.development_needs.is_empty() {
        c.muted(none_text(w, analysis.no_development_needs));
    } else {
        let service_name = |id: Option<Id>| {
            id.and_then(|id| services.iter().find(|s| s.id == id)).map(|s| s.name.clone()).unwrap_or_default()
        };
        // The estimated cost, where a need has one: its years and amounts, and the total.
        let costed = analysis.development_needs.iter().any(|n| !n.costs.is_empty());
        let rows: Vec<Vec<String>> = analysis
            .development_needs
            .iter()
            .map(|n| {
                let mut row =
                    vec![n.area.label(w.0).into(), n.title.clone(), service_name(n.service_id), n.description.clone()];
                if costed {
                    row.push(if n.costs.is_empty() { "–".into() } else { n.total().format_kronor() });
                }
                row
            })
            .collect();
        let mut columns = vec![
            Column::left(w.t("Område", "Area"), 1.8),
            Column::left(w.t("Behov", "Need"), 2.4),
            Column::left(w.t("Tjänst", "Service"), 2.3),
            Column::left(w.t("Beskrivning", "Description"), 3.5),
        ];
        if costed {
            columns.push(Column::right(w.t("Uppskattad kostnad (kr)", "Estimated cost (SEK)"), 1.8));
        }
        c.table("", &columns, &rows);
    }

    c.ensure(120.0);
    c.heading(
        w.t(
            "4. Inkomna behov och krav på lagar och säkerhetsnivåer",
            "4. Incoming needs and requirements on laws and security levels",
        ),
        1,
    );
    if analysis.requirements.is_empty() {
        c.muted(if analysis.no_requirements {
            w.t("Leverantören anger att inga har kommit in.", "The provider states that none have come in.")
        } else {
            w.t("Inga inkomna.", "None received.")
        });
    } else {
        let organisation = |id: Option<Id>| {
            id.and_then(|id| organisations.iter().find(|o| o.id == id)).map(|o| o.name.clone()).unwrap_or_default()
        };
        let rows: Vec<Vec<String>> = analysis
            .requirements
            .iter()
            .map(|r| {
                vec![
                    organisation(r.organisation_id),
                    r.requirement.clone(),
                    r.law.map(|l| l.label(w.0).to_string()).unwrap_or_else(|| "–".into()),
                    r.how_met.clone(),
                    dated(r.due),
                ]
            })
            .collect();
        c.table(
            "",
            &[
                Column::left(w.t("Från", "From"), 2.6),
                Column::left(w.t("Krav", "Requirement"), 2.6),
                Column::left(w.t("Lag", "Law"), 2.2),
                Column::left(w.t("Så uppfylls det", "How it is met"), 2.6),
                Column::left(w.t("Senast", "By"), 1.4),
            ],
            &rows,
        );
    }

    security(&mut c, w, &analysis, &services);

    let meta = Meta {
        title: title.clone(),
        author: author.to_string(),
        subject: kind.into(),
        keywords: vec![profile.organisation.clone(), provider.name.clone(), request.year.to_string()],
        language: language_tag(request.language).into(),
        at,
    };
    assemble(doc, c, &profile, logo, meta, &[], format!("{kind} {} {}.pdf", provider.name, request.year))
}

/// Ongoing and planned investments: one row each with its cost per year, then the total per year.
fn investments(c: &mut Composer, w: Words, analysis: &YearlyAnalysis, initiatives: &[crate::domain::Initiative]) {
    c.ensure(120.0);
    c.heading(w.t("2. Pågående och planerade satsningar", "2. Ongoing and planned investments"), 1);
    if analysis.investments.is_empty() {
        c.muted(none_text(w, analysis.no_investments));
        return;
    }
    // At most six years side by side keep the table readable; an analysis names its planning period.
    let years: Vec<i32> = analysis.investment_years().into_iter().take(6).collect();
    let mut columns = vec![
        Column::left(w.t("Satsning", "Investment"), 3.0),
        Column::left(w.t("Status", "State"), 1.3),
        Column::left(w.t("Initiativ", "Initiative"), 2.2),
    ];
    let year_titles: Vec<String> = years.iter().map(|y| format!("{y} (kr)")).collect();
    columns.extend(year_titles.iter().map(|t| Column::right(t, 1.4)));
    columns.push(Column::right(w.t("Summa (kr)", "Total (SEK)"), 1.6));
    let case_number = |id: Option<Id>| {
        id.and_then(|id| initiatives.iter().find(|i| i.id == id)).map(|i| i.case_number.clone()).unwrap_or_default()
    };
    let mut rows: Vec<Vec<String>> = analysis
        .investments
        .iter()
        .map(|i| {
            let mut row = vec![i.description.clone(), i.status.label(w.0).into(), case_number(i.initiative_id)];
            row.extend(years.iter().map(|y| {
                i.costs.iter().find(|c| c.year == *y).map(|c| c.amount.format_kronor()).unwrap_or_else(|| "–".into())
            }));
            row.push(i.total().format_kronor());
            row
        })
        .collect();
    let mut total = vec![w.t("Summa", "Total").to_string(), String::new(), String::new()];
    total.extend(years.iter().map(|y| analysis.investment_total(*y).format_kronor()));
    let all = analysis.investments.iter().map(|i| i.total().ore()).fold(0i64, i64::saturating_add);
    total.push(crate::money::Money::from_ore(all).format_kronor());
    rows.push(total);
    c.table("", &columns, &rows);
}

/// The level that shall apply to each service next period, beside its current classification, with each change
/// said in words.
fn security(c: &mut Composer, w: Words, analysis: &YearlyAnalysis, services: &[crate::domain::Service]) {
    c.ensure(120.0);
    c.heading(w.t("5. Informationssäkerhetsnivå per tjänst", "5. Information security level per service"), 1);
    let comparison = analysis.security_comparison(services);
    if comparison.is_empty() {
        c.muted(w.t("Inga tjänster angivna.", "No services given."));
        return;
    }
    let rows = security_rows(&comparison, w);
    c.table(
        "",
        &[
            Column::left(w.t("Tjänst", "Service"), 2.8),
            Column::left(w.t("Nuvarande", "Current"), 1.7),
            Column::left(w.t("Ska gälla", "To apply"), 1.7),
            Column::left(w.t("Skillnad mot nuvarande klassning", "Difference from current classification"), 3.8),
        ],
        &rows,
    );
    let differing = comparison.iter().filter(|s| s.differs).count();
    c.paragraph(&match w.0 {
        Language::Sv => format!("{differing} av {} tjänster får en annan nivå än i dag.", comparison.len()),
        Language::En => format!("{differing} of {} services get a different level than today.", comparison.len()),
    });
}

/// One row per service: its name, current K R T, the K R T to apply, and each difference in words
/// (`K höjs (2 → 3)`), so the paper says what changes without relying on colour.
pub(super) fn security_rows(comparison: &[SecurityComparison], w: Words) -> Vec<Vec<String>> {
    let level = |l: Option<u8>| l.map_or_else(|| "–".to_string(), |l| l.to_string());
    comparison
        .iter()
        .map(|s| {
            let changes: Vec<String> = s
                .aspects
                .iter()
                .filter(|a| a.change != SecurityChange::Same)
                .map(|a| {
                    let letter = aspect_letter(a.aspect, w.0);
                    let (from, to) = (w.t("från", "from"), w.t("till", "to"));
                    let (current, proposed) = (level(a.current), level(a.proposed));
                    format!("{letter} {}, {from} {current} {to} {proposed}", a.change.label(w.0))
                })
                .collect();
            let levels = |of: fn(&AspectComparison) -> Option<u8>| {
                let parts: Vec<String> =
                    s.aspects.iter().map(|a| format!("{}{}", aspect_letter(a.aspect, w.0), level(of(a)))).collect();
                parts.join(" ")
            };
            vec![
                s.service.clone(),
                levels(|a| a.current),
                levels(|a| a.proposed),
                if changes.is_empty() { w.t("Oförändrad", "Unchanged").to_string() } else { changes.join("; ") },
            ]
        })
        .collect()
}

/// K, R, T in Swedish; C, I, A in English.
pub(super) fn aspect_letter(aspect: &str, language: Language) -> &'static str {
    match (aspect, language) {
        ("confidentiality", Language::Sv) => "K",
        ("confidentiality", Language::En) => "C",
        ("integrity", Language::Sv) => "R",
        ("integrity", Language::En) => "I",
        (_, Language::Sv) => "T",
        (_, Language::En) => "A",
    }
}

/// What an empty list says: that the provider states there are none, or that none is given.
fn none_text(w: Words, stated: bool) -> &'static str {
    if stated {
        w.t("Leverantören anger att det inte finns några.", "The provider states that there are none.")
    } else {
        w.t("Inga angivna.", "None given.")
    }
}
