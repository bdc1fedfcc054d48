//! The yearly follow-up: per provider, its services with their security levels (beside the level its yearly
//! analysis sets, when it has one), the deviations of the year (significant disturbances and security weaknesses,
//! with what they mean and what is done), open deviations, opt-outs, what each service records against the city's
//! baseline (grundsäkerhetsnivå) with the practice's least classification apart, the personal data processed for
//! customers, and the initiatives it delivers; for all providers together, the summary of the providers' yearly
//! follow-up (sammanställning av tjänsteleverantörernas årliga uppföljning) with a summary table first. The
//! providers' own yearly analysis to the group is another paper (`analysis.rs`).

use super::compose::{Column, Composer, Running};
use super::documents::{Words, assemble, fonts, language_tag, new_document};
use super::{Meta, Paper};
use crate::domain::{
    Deviation, DeviationKind, Id, Initiative, Language, Organisation, Practice, Provider, Service, YearlyAnalysis,
};
use crate::error::{Error, Result};
use crate::prioritisation::budget::FrameKind;
use crate::prioritisation::follow_up::{FollowUp, FrameSource};
use crate::store::Reader;
use crate::time::{self, Datelike, Timestamp};

/// Which yearly report to write.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ReportRequest {
    pub year: i32,
    /// One provider's follow-up; `None` for the summary of every provider's follow-up.
    #[serde(default)]
    pub provider_id: Option<Id>,
    #[serde(default)]
    pub language: Language,
}

struct Data {
    services: Vec<Service>,
    deviations: Vec<Deviation>,
    initiatives: Vec<Initiative>,
    organisations: Vec<Organisation>,
    scale: Vec<String>,
    analyses: Vec<YearlyAnalysis>,
    /// The least classification of the city's practice (Stadens rutin) in force in the report's year, if any.
    least: Option<crate::domain::LeastClassification>,
    practice: Practice,
}

pub fn yearly(reader: &Reader, request: &ReportRequest, at: Timestamp, author: &str) -> Result<Paper> {
    crate::error::planning_year(request.year.into())?;
    let w = Words(request.language);
    let providers: Vec<Provider> = reader.providers()?;
    let chosen: Vec<&Provider> = match request.provider_id {
        Some(id) => vec![
            providers
                .iter()
                .find(|p| p.id == id)
                .ok_or(Error::NotFound { entity: crate::domain::Entity::Provider, id })?,
        ],
        None => providers.iter().collect(),
    };
    let data = Data {
        services: reader.services()?,
        deviations: reader.all()?,
        initiatives: reader.initiatives()?,
        organisations: reader.organisations()?,
        scale: reader.security_scale()?,
        analyses: reader.analyses()?,
        least: reader.parameters()?.least_classification(request.year),
        practice: reader.parameters()?.practice,
    };
    let profile = reader.document_profile()?;
    let (doc, font_ids, logo) = new_document(&profile)?;
    let mut c = Composer::new(fonts(), font_ids);
    c.set_language(request.language);
    // What a person reads is the Swedish date: a report written at 00:30 in Göteborg carries that day.
    let date = time::local_date(at).to_string();
    let kind = w.t("Årlig uppföljning", "Yearly follow-up");
    let running = Running {
        kind: kind.into(),
        date: date.clone(),
        case_number: String::new(),
        confidential: None,
        body: crate::domain::DEFAULT_BODY.into(),
        note: String::new(),
        page_word: w.t("Sida", "Page").into(),
    };
    let (title, file_name) = match request.provider_id {
        Some(_) => (
            format!("{kind} {} – {}", request.year, chosen[0].name),
            format!("{kind} {} {}.pdf", request.year, chosen[0].name),
        ),
        None => {
            let summary = w.t(
                "Sammanställning av tjänsteleverantörernas årliga uppföljning",
                "Summary of the service providers' yearly follow-up",
            );
            (format!("{summary} {}", request.year), format!("{summary} {}.pdf", request.year))
        }
    };
    c.start(running.clone());
    c.bookmark(&title, 0);
    c.title(&title);
    c.fields(&[
        (w.t("År", "Year"), request.year.to_string()),
        (w.t("Upprättad", "Written"), date.clone()),
        (w.t("Källa", "Source"), w.t("Samordnas portfölj", "The Samordna portfolio").into()),
    ]);
    if request.provider_id.is_none() {
        analysis_summary(&mut c, w, &data, &chosen, request.year);
        // The frames' follow-up, for a year a frame can be decided for.
        let (first, last) = crate::domain::FRAME_YEARS;
        if (first..=last).contains(&request.year) {
            frames_section(&mut c, w, &reader.follow_up(request.year)?);
        }
        framework_opt_outs(&mut c, w, &data, request.year);
    }
    for (index, provider) in chosen.iter().enumerate() {
        if request.provider_id.is_none() || index > 0 {
            c.start(running.clone());
            c.bookmark(&provider.name, 1);
            c.title(&provider.name);
        }
        provider_section(&mut c, w, &data, provider, request.year);
    }
    let meta = Meta {
        title: title.clone(),
        author: author.to_string(),
        subject: kind.into(),
        keywords: vec![profile.organisation.clone(), request.year.to_string()],
        language: language_tag(request.language).into(),
        at,
    };
    assemble(doc, c, &profile, logo, meta, &[], file_name)
}

/// The summary's introduction and its table, one row per provider.
fn analysis_summary(c: &mut Composer, w: Words, data: &Data, chosen: &[&Provider], year: i32) {
    c.paragraph(w.t(
        "Sammanställningen sammanfattar leverantörernas årliga uppföljning för samordningsgruppen: tjänster, avvikelser och säkerhetsbrister under året, öppna avvikelser, avsteg och de initiativ som leverantörerna genomför. Därefter följer varje leverantörs uppföljning. Leverantörernas årliga analyser till samordningsgruppen är egna handlingar; deras säkerhetsnivåer jämförs här med tjänsternas klassning.",
        "The summary sums up the providers' yearly follow-up for the group: services, deviations and security weaknesses during the year, open deviations, opt-outs and the initiatives the providers deliver. Each provider's follow-up follows. The providers' yearly analyses to the group are papers of their own; their security levels are compared here with the services' classification.",
    ));
    let rows: Vec<Vec<String>> = chosen
        .iter()
        .map(|p| {
            let counts = counts(data, p.id, year);
            vec![
                p.name.clone(),
                counts.services.to_string(),
                counts.deviations.to_string(),
                counts.security.to_string(),
                counts.open.to_string(),
                counts.opt_outs.to_string(),
            ]
        })
        .collect();
    c.table(
        w.t("Sammanställning", "Summary"),
        &[
            Column::left(w.t("Leverantör", "Provider"), 3.0),
            Column::right(w.t("Tjänster", "Services"), 1.2),
            Column::right(w.t("Avvikelser under året", "Deviations this year"), 1.8),
            Column::right(w.t("varav säkerhet", "of which security"), 1.4),
            Column::right(w.t("Öppna", "Open"), 1.0),
            Column::right(w.t("Avsteg", "Opt-outs"), 1.0),
        ],
        &rows,
    );
}

struct Counts {
    services: usize,
    deviations: usize,
    security: usize,
    open: usize,
    opt_outs: usize,
}

fn of_provider<'a>(data: &'a Data, provider: Id) -> impl Iterator<Item = &'a Deviation> + 'a {
    data.deviations
        .iter()
        .filter(move |d| data.services.iter().any(|s| Some(s.id) == d.service_id && s.provider_id == Some(provider)))
}

/// The follow-up against the frames of the year, as the engine computes it (`Reader::follow_up`, the figures the
/// dashboard and `samordna budget follow-up` show): per frame the decided (or proposed) frame, what is committed, the
/// actual outcome and what is left; then the items. Riktlinjen, "Finansiering": "Finansiering för stadens
/// digitaliseringsarbete ska hanteras inom det ordinarie budget- och uppföljningsarbetet."
fn frames_section(c: &mut Composer, w: Words, follow_up: &FollowUp) {
    let year = follow_up.year;
    c.ensure(160.0);
    c.heading(w.t("Uppföljning mot ramarna", "Follow-up against the frames"), 1);
    let source = match (&follow_up.frame_source, w.0) {
        (FrameSource::Council { reference, decided_on }, Language::Sv) => {
            format!("Ramarna för {year} är kommunfullmäktiges beslut ({reference}, {decided_on}).")
        }
        (FrameSource::Council { reference, decided_on }, Language::En) => {
            format!("The frames for {year} are the city council's decision ({reference}, {decided_on}).")
        }
        (FrameSource::Scenario { scenario_name, .. }, Language::Sv) => format!(
            "Kommunfullmäktiges ramar för {year} är inte registrerade: ramarna är de föreslagna i scenariot \
             \u{201d}{scenario_name}\u{201d}, inte beslutade."
        ),
        (FrameSource::Scenario { scenario_name, .. }, Language::En) => format!(
            "The city council's frames for {year} are not recorded: the frames are those proposed in the scenario \
             \u{201c}{scenario_name}\u{201d}, not decided."
        ),
        (FrameSource::None, Language::Sv) => format!("Inga ramar är beslutade eller föreslagna för {year}."),
        (FrameSource::None, Language::En) => format!("No frames are decided or proposed for {year}."),
    };
    c.paragraph(&source);
    c.paragraph(w.t(
        "Åtaget är årets kostnader för gemensamma initiativ som är prioriterade eller beslutade och på väg, och för gemensamma tjänster i drift eller under avveckling. Verksamhetsspecifika initiativ finansieras inom nämndens eller styrelsens egen budget och räknas inte. Utfall är det som registrerats hittills; kvar är ramen minus det åtagna.",
        "Committed is the year's costs of the shared initiatives that are prioritised or decided and on their way, and of the shared services in operation or being phased out. Business-specific initiatives are funded within their own board's budget and do not count. Actual is what has been recorded so far; left is the frame less what is committed.",
    ));
    let frame_title = if follow_up.frames.iter().all(|f| f.decided_by_council) {
        w.t("Beslutad ram", "Decided frame")
    } else {
        w.t("Föreslagen ram", "Proposed frame")
    };
    let rows: Vec<Vec<String>> = follow_up
        .frames
        .iter()
        .map(|f| {
            vec![
                match f.kind {
                    FrameKind::Development => w.t("Utveckling", "Development").to_string(),
                    FrameKind::Management => w.t("Förvaltning", "Management").to_string(),
                },
                f.decided.format_kronor(),
                f.committed.format_kronor(),
                f.actual.format_kronor(),
                f.left.format_kronor(),
                f.unspent.format_kronor(),
            ]
        })
        .collect();
    c.table(
        &format!("{} {year}", w.t("Ramar", "Frames")),
        &[
            Column::left(w.t("Ram", "Frame"), 1.6),
            Column::right(frame_title, 1.9),
            Column::right(w.t("Åtaget", "Committed"), 1.9),
            Column::right(w.t("Utfall", "Actual"), 1.9),
            Column::right(w.t("Kvar", "Left"), 1.9),
            Column::right(w.t("Ej förbrukat", "Unspent"), 1.9),
        ],
        &rows,
    );
    if follow_up.items.is_empty() {
        return;
    }
    let actual = |a: Option<crate::money::Money>| a.map_or_else(|| "–".to_string(), crate::money::Money::format_kronor);
    let rows: Vec<Vec<String>> = follow_up
        .items
        .iter()
        .map(|i| {
            let name = if i.reference.is_empty() { i.name.clone() } else { format!("{} {}", i.reference, i.name) };
            vec![
                name,
                i.state.label(w.0).to_string(),
                i.committed.development.format_kronor(),
                actual(i.actual.map(|a| a.development)),
                i.committed.management.format_kronor(),
                actual(i.actual.map(|a| a.management)),
            ]
        })
        .collect();
    c.table(
        &format!(
            "{} {year}",
            w.t("Åtaget och utfall per initiativ och tjänst", "Committed and actual per initiative and service")
        ),
        &[
            Column::left(w.t("Initiativ eller tjänst", "Initiative or service"), 3.4),
            Column::left(w.t("Status", "State"), 1.6),
            Column::right(w.t("Utveckling åtaget", "Development committed"), 1.5),
            Column::right(w.t("Utveckling utfall", "Development actual"), 1.5),
            Column::right(w.t("Förvaltning åtaget", "Management committed"), 1.5),
            Column::right(w.t("Förvaltning utfall", "Management actual"), 1.5),
        ],
        &rows,
    );
    c.muted(w.t("– : inget utfall registrerat ännu.", "– : no actual outcome recorded yet."));
}

/// The avsteg from the city's frameworks (gemensam arkitektur, infrastruktur, informationssäkerhet) registered in
/// the year or still open: no provider's, so listed once in the summary. Riktlinjen, "Avsteg från riktlinjen":
/// "Avsteg ska rapporteras inom ramen för den ordinarie uppföljningsprocessen".
fn framework_opt_outs(c: &mut Composer, w: Words, data: &Data, year: i32) {
    let rows: Vec<Vec<String>> = data
        .deviations
        .iter()
        .filter(|d| d.framework.is_some() && (d.registered.year() == year || !d.is_closed(&data.practice)))
        .map(|d| {
            let organisation = d.organisation_id.and_then(|o| data.organisations.iter().find(|x| x.id == o));
            vec![
                d.title.clone(),
                d.framework.map(|f| f.label(w.0).to_string()).unwrap_or_default(),
                organisation.map(|o| o.name.clone()).unwrap_or_default(),
                match d.outcome {
                    Some(outcome) => format!(
                        "{} ({}, {})",
                        outcome.label(w.0),
                        Organisation::decider_name(&data.organisations, d.decided_by_id, w.0),
                        time::optional_date_text(d.decision_date)
                    ),
                    None => d.next_step(&data.practice).map(|s| s.label(w.0).to_string()).unwrap_or_default(),
                },
            ]
        })
        .collect();
    c.ensure(120.0);
    c.heading(w.t("Avsteg från stadens ramverk", "Opt-outs from the city's frameworks"), 1);
    if rows.is_empty() {
        c.muted(w.t("Inga avsteg från ramverken under året.", "No opt-outs from the frameworks during the year."));
    } else {
        c.table(
            "",
            &[
                Column::left(w.t("Ärende", "Matter"), 3.5),
                Column::left(w.t("Ramverk", "Framework"), 2.2),
                Column::left(w.t("Organisation", "Organisation"), 2.3),
                Column::left(w.t("Beslut eller nästa steg", "Decision or next step"), 3.0),
            ],
            &rows,
        );
    }
}

fn counts(data: &Data, provider: Id, year: i32) -> Counts {
    let in_year = |d: &Deviation| d.registered.year() == year;
    let deviations: Vec<&Deviation> =
        of_provider(data, provider).filter(|d| d.kind == DeviationKind::Deviation).collect();
    Counts {
        services: data.services.iter().filter(|s| s.provider_id == Some(provider)).count(),
        deviations: deviations.iter().filter(|d| in_year(d)).count(),
        security: deviations.iter().filter(|d| in_year(d) && d.security).count(),
        open: deviations.iter().filter(|d| !d.is_closed(&data.practice)).count(),
        opt_outs: of_provider(data, provider).filter(|d| d.kind == DeviationKind::OptOut && in_year(d)).count(),
    }
}

fn provider_section(c: &mut Composer, w: Words, data: &Data, provider: &Provider, year: i32) {
    let services: Vec<&Service> = data.services.iter().filter(|s| s.provider_id == Some(provider.id)).collect();
    let board = provider.organisation_id.and_then(|o| data.organisations.iter().find(|x| x.id == o));
    c.fields(&[(w.t("Ansvarig nämnd", "Responsible board"), board.map(|b| b.name.clone()).unwrap_or_default())]);
    let n = counts(data, provider.id, year);
    // Each count with its word in the right number: "1 avvikelse, varav 1 säkerhetsavvikelse", "1 service".
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    c.paragraph(&match w.t("sv", "en") {
        "sv" => format!(
            "{} har {} i katalogen. Under {year} registrerades {}, varav {}, och {}. {} {}.",
            provider.name,
            count(n.services, "tjänst", "tjänster"),
            count(n.deviations, "avvikelse", "avvikelser"),
            count(n.security, "säkerhetsavvikelse", "säkerhetsavvikelser"),
            count(n.opt_outs, "avsteg", "avsteg"),
            count(n.open, "avvikelse", "avvikelser"),
            if n.open == 1 { "är öppen" } else { "är öppna" }
        ),
        _ => format!(
            "{} has {} in the catalogue. In {year}, {} were registered, {} of them security deviations, and {}. {} {}.",
            provider.name,
            count(n.services, "service", "services"),
            count(n.deviations, "deviation", "deviations"),
            n.security,
            count(n.opt_outs, "opt-out", "opt-outs"),
            count(n.open, "deviation", "deviations"),
            if n.open == 1 { "is open" } else { "are open" }
        ),
    });
    // The analysis handed in with this follow-up sets the levels for the coming year; else the one for this year.
    let analysis = [year + 1, year]
        .into_iter()
        .find_map(|y| data.analyses.iter().find(|a| a.provider_id == provider.id && a.year == y));
    services_section(c, w, data, &services, analysis);
    deviations_section(c, w, data, provider, year);
    delivered_section(c, w, data, provider);
}

/// The provider's services with their security levels, and which of them lack a full classification.
fn services_section(c: &mut Composer, w: Words, data: &Data, services: &[&Service], analysis: Option<&YearlyAnalysis>) {
    let level = |l: &Option<crate::domain::SecurityLevel>| match l {
        Some(l) => format!("{} {}", l.level, data.scale.get(l.level as usize).cloned().unwrap_or_default()),
        None => "–".into(),
    };
    c.ensure(120.0);
    c.heading(w.t("Tjänster och säkerhetsnivåer", "Services and security levels"), 1);
    let rows: Vec<Vec<String>> = services
        .iter()
        .map(|s| {
            vec![
                s.name.clone(),
                s.category.label(w.0).into(),
                s.state.label(w.0).into(),
                level(&s.security.confidentiality),
                level(&s.security.integrity),
                level(&s.security.availability),
            ]
        })
        .collect();
    c.table(
        "",
        &[
            Column::left(w.t("Tjänst", "Service"), 3.2),
            Column::left(w.t("Kategori", "Category"), 1.6),
            Column::left(w.t("Status", "State"), 1.2),
            Column::left("K", 1.3),
            Column::left("R", 1.3),
            Column::left("T", 1.3),
        ],
        &rows,
    );
    analysis_levels(c, w, data, analysis);
    compliance_section(c, w, data, services);
}

/// What each service records against the city's baseline (grundsäkerhetsnivå), in words; the city's practice of a
/// least classification apart, labelled as such, when it sets one; and the personal data the provider processes on
/// its customers' behalf, with the customers whose instructions are not recorded. Riktlinjen, "Nämnder med särskilt
/// ansvar för gemensamma tjänster": "De gemensamma tjänsterna ska minst uppfylla stadens grundsäkerhetsnivå, se
/// Göteborgs Stads riktlinje för informationssäkerhet"; the provider follows up "att beslutad säkerhetsnivå
/// uppfylls"; "I de fall leverantörer är personuppgiftsbiträde till en styrelse eller nämnd" it processes personal
/// data only by "de fastställda instruktioner som respektive nämnd/styrelse beslutat om".
fn compliance_section(c: &mut Composer, w: Words, data: &Data, services: &[&Service]) {
    use crate::domain::{BaselineStatus, ClassificationCheck};
    let capital = |mut words: String| {
        if let Some(first) = words.chars().next() {
            words.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
        }
        words
    };
    c.heading(w.t("Efterlevnad av säkerhetsnivå", "Compliance with the security level"), 1);
    c.paragraph(w.t(
        "Riktlinjen: \u{201d}De gemensamma tjänsterna ska minst uppfylla stadens grundsäkerhetsnivå, se Göteborgs Stads riktlinje för informationssäkerhet.\u{201d} Grundsäkerhetsnivån beslutas där och gäller oavsett tjänstens klassning. Tabellen visar vad varje tjänst har registrerat: att den uppfyller grundsäkerhetsnivån, att den inte gör det och vilka bristerna är, eller att den inte är bedömd.",
        "The guideline: \u{201c}De gemensamma tjänsterna ska minst uppfylla stadens grundsäkerhetsnivå, se Göteborgs Stads riktlinje för informationssäkerhet.\u{201d} The baseline is decided there and applies whatever a service's classification. The table shows what each service records: that it meets the baseline, that it does not and what it lacks, or that it is not assessed.",
    ));
    let rows: Vec<Vec<String>> = services
        .iter()
        .map(|s| {
            let verdict = match s.baseline {
                BaselineStatus::Meets => w.t("Ja", "Yes"),
                BaselineStatus::DoesNotMeet => w.t("Nej", "No"),
                BaselineStatus::NotAssessed => w.t("Inte bedömd", "Not assessed"),
            };
            vec![s.name.clone(), verdict.into(), capital(s.baseline_text(w.0))]
        })
        .collect();
    if !rows.is_empty() {
        c.table(
            "",
            &[
                Column::left(w.t("Tjänst", "Service"), 3.2),
                Column::left(w.t("Uppfyller", "Meets"), 1.2),
                Column::left(w.t("Grundsäkerhetsnivå", "Baseline"), 5.0),
            ],
            &rows,
        );
    }
    let short = services.iter().filter(|s| s.baseline == BaselineStatus::DoesNotMeet).count();
    let unassessed = services.iter().filter(|s| s.baseline == BaselineStatus::NotAssessed).count();
    if short + unassessed > 0 {
        c.paragraph(&match w.t("sv", "en") {
            "sv" => format!(
                "{short} av leverantörens {} tjänster uppfyller inte grundsäkerhetsnivån och {unassessed} är inte bedömda.",
                services.len()
            ),
            _ => format!(
                "{short} of the provider's {} services do not meet the baseline and {unassessed} are not assessed.",
                services.len()
            ),
        });
    }
    // The city's practice, when it sets a least classification: apart, and never called the guideline's baseline.
    if let Some(least) = &data.least {
        c.heading(w.t("Stadens rutin: lägsta klassning", "City practice: least classification"), 2);
        c.paragraph(&match w.t("sv", "en") {
            "sv" => format!(
                "Stadens rutin, inte riktlinjen: en gemensam tjänst ska ha minst klassningen {} för året. Jämförelsen gäller tjänstens klassning (K, R, T), inte grundsäkerhetsnivån.",
                least.short()
            ),
            _ => format!(
                "The city's practice, not the guideline: a shared service is to be classified at least {} for the year. The comparison concerns the service's classification (C, I, A), not the baseline.",
                least.short()
            ),
        });
        let rows: Vec<Vec<String>> = services
            .iter()
            .map(|s| {
                let check = ClassificationCheck::of(&s.security, s.handles_no_information, Some(least));
                vec![s.name.clone(), s.security.short(), capital(check.describe(Some(least), w.0))]
            })
            .collect();
        if !rows.is_empty() {
            c.table(
                "",
                &[
                    Column::left(w.t("Tjänst", "Service"), 3.2),
                    Column::left(w.t("Klassning", "Classification"), 1.6),
                    Column::left(w.t("Mot stadens rutin", "Against the city's practice"), 4.6),
                ],
                &rows,
            );
        }
    }
    c.heading(w.t("Personuppgifter", "Personal data"), 1);
    let name_of =
        |id: Id| data.organisations.iter().find(|o| o.id == id).map_or_else(|| format!("#{id}"), |o| o.name.clone());
    let processing: Vec<&&Service> = services.iter().filter(|s| s.processes_personal_data).collect();
    if processing.is_empty() {
        c.paragraph(w.t(
            "Leverantören behandlar inte personuppgifter för kundernas räkning i någon av sina tjänster.",
            "The provider processes no personal data on its customers' behalf in any of its services.",
        ));
        return;
    }
    let names: Vec<&str> = processing.iter().map(|s| s.name.as_str()).collect();
    c.paragraph(&match w.t("sv", "en") {
        "sv" => format!(
            "Leverantören behandlar personuppgifter för kundernas räkning, som personuppgiftsbiträde, i: {}. Varje kunds nämnd eller styrelse är personuppgiftsansvarig och fastställer instruktioner för behandlingen; avtal finns där ett sådant har tecknats.",
            names.join(", ")
        ),
        _ => format!(
            "The provider processes personal data on its customers' behalf, as their data processor, in: {}. Each customer's board is the controller and decides the instructions for the processing; agreements exist where one has been made.",
            names.join(", ")
        ),
    });
    let lacking: Vec<String> = processing
        .iter()
        .filter(|s| !s.customers_without_instructions().is_empty())
        .map(|s| {
            let names: Vec<String> = s.customers_without_instructions().into_iter().map(name_of).collect();
            format!("{}: {}", s.name, names.join(", "))
        })
        .collect();
    if lacking.is_empty() {
        c.paragraph(w.t(
            "Instruktioner är registrerade för alla kunder till dessa tjänster.",
            "Instructions are recorded for every customer of these services.",
        ));
    } else {
        c.paragraph(w.t(
            "Följande kunder saknar registrerade instruktioner för behandlingen:",
            "These customers have no instructions recorded for the processing:",
        ));
        c.bullets(&lacking);
    }
}

/// Each service's classification against the level the provider's yearly analysis sets, the differences in words.
fn analysis_levels(c: &mut Composer, w: Words, data: &Data, analysis: Option<&YearlyAnalysis>) {
    c.heading(w.t("Säkerhetsnivå enligt årlig analys", "Security level by the yearly analysis"), 1);
    let Some(analysis) = analysis else {
        c.muted(w.t(
            "Leverantören har ingen årlig analys som anger säkerhetsnivåer för perioden.",
            "The provider has no yearly analysis that sets security levels for the period.",
        ));
        return;
    };
    let rows = super::analysis::security_rows(&analysis.security_comparison(&data.services), w);
    c.table(
        &format!("{} {}", w.t("Årlig analys", "Yearly analysis"), analysis.year),
        &[
            Column::left(w.t("Tjänst", "Service"), 2.8),
            Column::left(w.t("Klassning", "Classification"), 1.7),
            Column::left(w.t("Enligt analysen", "By the analysis"), 1.7),
            Column::left(w.t("Skillnad", "Difference"), 3.8),
        ],
        &rows,
    );
}

/// The year's deviations one by one, then every open opt-out and deviation of the provider.
fn deviations_section(c: &mut Composer, w: Words, data: &Data, provider: &Provider, year: i32) {
    let service_name =
        |id: Option<Id>| data.services.iter().find(|s| Some(s.id) == id).map(|s| s.name.clone()).unwrap_or_default();
    let this_year: Vec<&Deviation> = of_provider(data, provider.id)
        .filter(|d| d.kind == DeviationKind::Deviation && d.registered.year() == year)
        .collect();
    c.heading(w.t("Väsentliga störningar och säkerhetsbrister", "Significant disturbances and security weaknesses"), 1);
    if this_year.is_empty() {
        c.muted(w.t("Inga avvikelser registrerades under året.", "No deviations were registered during the year."));
    }
    for d in this_year {
        let marker = if d.security { w.t(" (säkerhet)", " (security)") } else { "" };
        c.heading(&format!("{}{marker}", d.title), 2);
        let state =
            d.next_step(&data.practice).map_or_else(|| w.t("Klar", "Done").to_string(), |s| s.label(w.0).to_string());
        c.fields(&[
            (w.t("Tjänst", "Service"), service_name(d.service_id)),
            (w.t("Registrerad", "Registered"), time::date_text(d.registered)),
            // The description as registered; the guideline's "konsekvensanalys" of significant disturbances is the
            // provider's own report, not a field of the register.
            (w.t("Beskrivning", "Description"), d.description.clone()),
            (w.t("Åtgärdsplan", "Action plan"), d.action_plan.clone()),
            (w.t("Nästa steg", "Next step"), state),
            (w.t("Tidsfrist", "Deadline"), time::optional_date_text(d.deadline)),
        ]);
    }
    let open: Vec<Vec<String>> = of_provider(data, provider.id)
        .filter(|d| !d.is_closed(&data.practice))
        .map(|d| {
            vec![
                format!("{}: {}", d.kind.label(w.0), d.title),
                service_name(d.service_id),
                time::optional_date_text(d.deadline),
                d.next_step(&data.practice).map(|s| s.label(w.0).to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    c.ensure(120.0);
    c.heading(w.t("Öppna avsteg och avvikelser", "Open opt-outs and deviations"), 1);
    if open.is_empty() {
        c.muted(w.t("Inga öppna.", "None open."));
    } else {
        c.table(
            "",
            &[
                Column::left(w.t("Ärende", "Matter"), 4.0),
                Column::left(w.t("Tjänst", "Service"), 2.2),
                Column::left(w.t("Tidsfrist", "Deadline"), 1.3),
                Column::left(w.t("Nästa steg", "Next step"), 2.5),
            ],
            &open,
        );
    }
}

/// The initiatives the provider delivers, with their state.
fn delivered_section(c: &mut Composer, w: Words, data: &Data, provider: &Provider) {
    let delivered: Vec<Vec<String>> = data
        .initiatives
        .iter()
        .filter(|i| i.provider_id == Some(provider.id))
        .map(|i| vec![i.case_number.clone(), i.title.clone(), i.state.label(w.0).into()])
        .collect();
    c.ensure(120.0);
    c.heading(w.t("Initiativ som leverantören genomför", "Initiatives the provider delivers"), 1);
    if delivered.is_empty() {
        c.muted(w.t("Inga.", "None."));
    } else {
        c.table(
            "",
            &[
                Column::left(w.t("Diarienummer", "Case number"), 1.8),
                Column::left(w.t("Initiativ", "Initiative"), 4.5),
                Column::left(w.t("Status", "State"), 2.0),
            ],
            &delivered,
        );
    }
}
