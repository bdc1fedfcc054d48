//! The budget material (budgetunderlag) of a selection scenario as a paper: what the group prioritised with
//! development and management costs per year and the proposed funding, the totals against the frames per year
//! (proposed, and decided when the council's frames are recorded), what no longer fits the decided frames, and what
//! was not prioritised and why.
//!
//! Riktlinjen, "Prioritering och beslut" (Gemensamma tjänster och förändringsinsatser): the valuation and prioritisation "ligger sedan till
//! grund för underlag till budget som administreras via stadsledningskontoret".

use super::compose::{Column, Composer, Running};
use super::documents::{Words, assemble, fonts, language_tag, new_document};
use super::{Meta, Paper};
use crate::domain::{DocumentProfile, Language};
use crate::error::Result;
use crate::money::Money;
use crate::prioritisation::budget::{
    Budget, BudgetLine, FrameBasis, frame_text, kind_text, payer_text, period, reason_text, title,
};
use crate::time::{self, Timestamp};

fn funding_text(line: &BudgetLine, language: Language) -> String {
    line.item.funding_model.map_or_else(|| "–".to_string(), |f| f.label(language).to_string())
}

fn item_text(line: &BudgetLine) -> String {
    if line.item.reference.is_empty() {
        line.item.name.clone()
    } else {
        format!("{} {}", line.item.reference, line.item.name)
    }
}

/// Writes the budget material. `at` is when it is written; `author` the person writing.
pub fn write(
    budget: &Budget,
    profile: &DocumentProfile,
    language: Language,
    at: Timestamp,
    author: &str,
) -> Result<Paper> {
    let w = Words(language);
    let (doc, font_ids, logo) = new_document(profile)?;
    let mut c = Composer::new(fonts(), font_ids);
    c.set_language(language);
    let date = time::local_date(at).to_string();
    let kind = w.t("Budgetunderlag", "Budget material");
    let title = title(budget, language);
    let running = Running {
        kind: kind.into(),
        date: date.clone(),
        case_number: String::new(),
        confidential: None,
        body: crate::domain::DEFAULT_BODY.into(),
        note: String::new(),
        page_word: w.t("Sida", "Page").into(),
    };
    c.start(running);
    c.bookmark(&title, 0);
    c.title(&title);
    let frames_used = match budget.basis {
        FrameBasis::Decided => format!(
            "{} ({})",
            w.t("Beslutade ramar från kommunfullmäktige", "Frames decided by the city council"),
            budget.decided.iter().map(|d| format!("{}: {}", d.year, d.reference)).collect::<Vec<_>>().join("; ")
        ),
        FrameBasis::Proposed => w.t("Föreslagna ramar", "Proposed frames").to_string(),
    };
    let mut fields = vec![
        (w.t("Scenario", "Scenario"), budget.scenario_name.clone()),
        (w.t("Kriterieuppsättning", "Criteria set"), budget.set_name.clone()),
        (w.t("Ramar som urvalet gjorts inom", "Frames the selection was made within"), frames_used),
        (w.t("Upprättad", "Written"), date),
    ];
    if let Some(decision) = &budget.material_decision {
        fields.push((w.t("Budgetunderlaget beslutat", "Budget material decided"), decision.with_outcome(language)));
    } else if let Some(decision) = &budget.set_decision {
        fields.push((w.t("Prioriteringen beslutad", "Prioritisation decided"), decision.with_outcome(language)));
    }
    c.fields(&fields);
    c.paragraph(w.t(
        "Samordningsgruppen värderar och prioriterar behov av digital utveckling och förvaltning för planperioden samt vilken typ av finansiering som bör tillämpas. Det ligger till grund för underlag till budget som administreras via stadsledningskontoret; kommunfullmäktige beslutar sedan om de ekonomiska ramarna (riktlinjen, avsnittet Prioritering och beslut).",
        "The group values and prioritises the needs of digital development and management for the planning period and the type of funding to apply. That is the basis of the budget material administered by the city executive office; the city council then decides the financial frames (the guideline, section Prioritering och beslut).",
    ));
    if !budget.proven_optimal {
        c.paragraph(w.t(
            "Obs: lösaren hann inte bevisa att urvalet är det bästa möjliga.",
            "Note: the solver did not prove the selection the best possible in time.",
        ));
    }
    prioritised(&mut c, budget, language);
    against_the_decision(&mut c, budget, language);
    by_funding(&mut c, budget, language);
    by_organisation(&mut c, budget, language);
    frames_table(&mut c, budget, language);
    if !budget.decided.is_empty() {
        against_decided(&mut c, budget, language);
    }
    not_prioritised(&mut c, budget, language);
    let file_name = format!("{title}.pdf");
    let meta = Meta {
        title: title.clone(),
        author: author.to_string(),
        subject: kind.into(),
        keywords: vec![profile.organisation.clone(), budget.scenario_name.clone()],
        language: language_tag(language).into(),
        at,
    };
    assemble(doc, c, profile, logo, meta, &[], file_name)
}

/// The prioritised items with their totals over the period, then their costs per year.
fn prioritised(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    c.heading(w.t("Prioriterade tjänster och initiativ", "Prioritised services and initiatives"), 1);
    let chosen: Vec<&BudgetLine> = budget.lines.iter().filter(|l| l.chosen).collect();
    if chosen.is_empty() {
        c.paragraph(w.t("Inget ryms inom ramarna.", "Nothing fits within the frames."));
        return;
    }
    let mut rows: Vec<Vec<String>> = chosen
        .iter()
        .map(|l| {
            vec![
                l.rank_text(),
                format!("{}\n{}", item_text(l), kind_text(l.item.kind, language)),
                l.item.status(language).to_string(),
                funding_text(l, language),
                l.development.format_kronor(),
                l.management.format_kronor(),
                l.item.decision.as_ref().map_or_else(|| "–".into(), |d| d.with_outcome(language)),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        format!("**{}", w.t("Summa", "Total")),
        String::new(),
        String::new(),
        format!("**{}", budget.total_development.format_kronor()),
        format!("**{}", budget.total_management.format_kronor()),
        String::new(),
    ]);
    c.table(
        &format!("{} {} (kr)", w.t("Prioriterat", "Prioritised"), period(budget)),
        &[
            Column::right(w.t("Rang", "Rank"), 0.8),
            Column::left(w.t("Post", "Item"), 3.2),
            Column::left(w.t("Status", "State"), 1.8),
            Column::left(w.t("Föreslagen finansiering", "Proposed funding"), 2.0),
            Column::right(w.t("Utveckling", "Development"), 1.6),
            Column::right(w.t("Förvaltning", "Management"), 1.6),
            Column::left(w.t("Beslut (SSG)", "Decision (group)"), 2.0),
        ],
        &rows,
    );
    let mut rows = Vec::new();
    for &year in &budget.years {
        let (mut dev, mut man) = (0i64, 0i64);
        for l in &chosen {
            for y in l.costs.iter().filter(|y| y.year == year && (y.development.ore() > 0 || y.management.ore() > 0)) {
                dev += y.development.ore();
                man += y.management.ore();
                rows.push(vec![
                    year.to_string(),
                    item_text(l),
                    y.development.format_kronor(),
                    y.management.format_kronor(),
                ]);
            }
        }
        rows.push(vec![
            format!("**{year}"),
            format!("**{} {year}", w.t("Summa", "Total")),
            format!("**{}", Money::from_ore(dev).format_kronor()),
            format!("**{}", Money::from_ore(man).format_kronor()),
        ]);
    }
    c.table(
        w.t("Kostnader per år för det prioriterade (kr)", "Costs per year of what is prioritised (SEK)"),
        &[
            Column::left(w.t("År", "Year"), 0.8),
            Column::left(w.t("Post", "Item"), 5.0),
            Column::right(w.t("Utveckling", "Development"), 2.0),
            Column::right(w.t("Förvaltning", "Management"), 2.0),
        ],
        &rows,
    );
}

/// The frames per year and kind: proposed, decided, the one used, what the prioritised items cost, what is left.
fn frames_table(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    c.heading(w.t("Ramar per år", "Frames per year"), 1);
    let rows: Vec<Vec<String>> = budget
        .frames
        .iter()
        .map(|f| {
            vec![
                frame_text(f.year, f.kind, language),
                f.proposed.format_kronor(),
                f.decided.map_or_else(|| "–".into(), Money::format_kronor),
                f.cost.format_kronor(),
                f.left.format_kronor(),
            ]
        })
        .collect();
    c.table(
        w.t("Prioriterat mot ramarna (kr)", "Prioritised against the frames (SEK)"),
        &[
            Column::left(w.t("Ram", "Frame"), 2.4),
            Column::right(w.t("Föreslagen", "Proposed"), 2.0),
            Column::right(w.t("Beslutad av KF", "Decided by the council"), 2.0),
            Column::right(w.t("Prioriterat", "Prioritised"), 2.0),
            Column::right(w.t("Kvar", "Left"), 2.0),
        ],
        &rows,
    );
}

/// What the proposed prioritisation exceeds the decided frames by, and what would have to go.
fn against_decided(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    c.heading(w.t("Mot kommunfullmäktiges beslutade ramar", "Against the frames the city council decided"), 1);
    let decided: Vec<String> =
        budget.decided.iter().map(|d| format!("{} ({}, {})", d.year, d.reference, d.decided_on)).collect();
    c.paragraph(&format!(
        "{} {}.",
        w.t("Beslutade ramar finns för", "Decided frames are recorded for"),
        decided.join("; ")
    ));
    if !budget.no_longer_fits {
        c.paragraph(w.t(
            "Det som prioriterats inom de föreslagna ramarna ryms inom de beslutade.",
            "What was prioritised within the proposed frames fits the decided ones.",
        ));
        return;
    }
    let rows: Vec<Vec<String>> = budget
        .frames
        .iter()
        .filter(|f| f.gap.ore() > 0)
        .map(|f| {
            vec![
                frame_text(f.year, f.kind, language),
                f.proposed_cost.format_kronor(),
                f.decided.map_or_else(|| "–".into(), Money::format_kronor),
                f.gap.format_kronor(),
            ]
        })
        .collect();
    c.table(
        w.t("Ryms inte längre (kr)", "No longer fits (SEK)"),
        &[
            Column::left(w.t("Ram", "Frame"), 2.4),
            Column::right(w.t("Prioriterat inom föreslagen ram", "Prioritised within the proposed frame"), 2.6),
            Column::right(w.t("Beslutad ram", "Decided frame"), 2.0),
            Column::right(w.t("Överskrids med", "Exceeded by"), 2.0),
        ],
        &rows,
    );
    let dropped: Vec<String> = budget.lines.iter().filter(|l| l.dropped_by_decided).map(item_text).collect();
    if !dropped.is_empty() {
        c.paragraph(w.t(
            "Ett nytt urval inom de beslutade ramarna skulle inte längre prioritera:",
            "A new selection within the decided frames would no longer prioritise:",
        ));
        c.bullets(&dropped);
    }
}

/// What was not prioritised, with why.
fn not_prioritised(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    c.heading(w.t("Inte prioriterat", "Not prioritised"), 1);
    let rest: Vec<&BudgetLine> = budget.lines.iter().filter(|l| !l.chosen).collect();
    if rest.is_empty() {
        c.paragraph(w.t("Allt i scenariot prioriteras.", "Everything in the scenario is prioritised."));
        return;
    }
    let rows: Vec<Vec<String>> = rest
        .iter()
        .map(|l| {
            vec![
                l.rank_text(),
                format!("{}\n{}", item_text(l), kind_text(l.item.kind, language)),
                l.item.status(language).to_string(),
                l.development.format_kronor(),
                l.management.format_kronor(),
                reason_text(l, language),
            ]
        })
        .collect();
    c.table(
        &format!("{} {} (kr)", w.t("Inte prioriterat", "Not prioritised"), period(budget)),
        &[
            Column::right(w.t("Rang", "Rank"), 0.8),
            Column::left(w.t("Post", "Item"), 3.0),
            Column::left(w.t("Status", "State"), 1.8),
            Column::right(w.t("Utveckling", "Development"), 1.5),
            Column::right(w.t("Förvaltning", "Management"), 1.5),
            Column::left(w.t("Skäl", "Why"), 3.4),
        ],
        &rows,
    );
}

/// Where today's selection differs from what the group decided on the material (it chose differently then).
fn against_the_decision(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    let Some(decision) = &budget.material_decision else { return };
    let differs: Vec<String> = budget
        .lines
        .iter()
        .filter_map(|l| {
            let decided = l.decided?;
            (decided != l.chosen).then(|| {
                let then = if decided {
                    w.t("valt i beslutet, inte i dagens urval", "chosen in the decision, not in today's selection")
                } else {
                    w.t("inte valt i beslutet, valt i dagens urval", "not chosen in the decision, chosen today")
                };
                format!("{}: {then}", item_text(l))
            })
        })
        .collect();
    if differs.is_empty() {
        return;
    }
    c.paragraph(&format!(
        "{} {}:",
        w.t(
            "Dagens urval skiljer sig från samordningsgruppens beslut",
            "Today's selection differs from the group's decision"
        ),
        decision.citation()
    ));
    c.bullets(&differs);
}

/// Per year and funding type, what the prioritised items cost and who pays: what the customers pay the providers,
/// what needs a municipal grant with frames moved from the boards (riktlinjen, "Finansiering").
fn by_funding(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    if budget.by_funding.is_empty() {
        return;
    }
    c.heading(w.t("Per finansieringstyp", "By funding type"), 1);
    let rows: Vec<Vec<String>> = budget
        .by_funding
        .iter()
        .map(|t| {
            vec![
                t.year.to_string(),
                t.funding_model
                    .map_or_else(|| w.t("Ej angiven", "Not stated").to_string(), |f| f.label(language).to_string()),
                payer_text(t.payer, language).to_string(),
                t.development.format_kronor(),
                t.management.format_kronor(),
                Money::from_ore(t.development.ore() + t.management.ore()).format_kronor(),
            ]
        })
        .collect();
    c.table(
        w.t("Det prioriterade per år och finansieringstyp (kr)", "What is prioritised per year and funding type (SEK)"),
        &[
            Column::left(w.t("År", "Year"), 0.8),
            Column::left(w.t("Finansieringsmodell", "Funding model"), 2.4),
            Column::left(w.t("Vem betalar", "Who pays"), 2.6),
            Column::right(w.t("Utveckling", "Development"), 1.7),
            Column::right(w.t("Förvaltning", "Management"), 1.7),
            Column::right(w.t("Summa", "Total"), 1.7),
        ],
        &rows,
    );
}

/// What each board and company pays per year for the prioritised items, from their funding cases; what has no case
/// is not split and is named.
fn by_organisation(c: &mut Composer, budget: &Budget, language: Language) {
    let w = Words(language);
    if budget.by_organisation.is_empty() && budget.without_case.is_empty() {
        return;
    }
    c.heading(w.t("Per nämnd och bolag", "By board and company"), 1);
    c.paragraph(w.t(
        "Vad varje nämnd och bolag betalar per år för det prioriterade enligt de föreslagna finansieringsmodellerna, beräknat ur finansieringsunderlagen. Vid kommunbidrag betalar nämnderna inget till leverantören; i stället flyttas ram (ramväxling). Bolag faktureras.",
        "What each board and company pays per year for what is prioritised under the proposed funding models, computed from the funding cases. Under a municipal grant the boards pay the provider nothing; frames are moved instead. Companies are invoiced.",
    ));
    let mut columns = vec![Column::left(w.t("Nämnd eller bolag", "Board or company"), 3.4)];
    columns.extend(budget.years.iter().map(|y| Column::right(&y.to_string(), 1.5)));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for organisation in &budget.by_organisation {
        let mut row = vec![organisation.organisation.clone()];
        row.extend(organisation.pays.iter().map(|(_, m)| m.format_kronor()));
        rows.push(row);
        if organisation.frame_transfer.iter().any(|(_, m)| m.ore() != 0) {
            let mut row = vec![format!("{} – {}", organisation.organisation, w.t("ramväxling", "frame transfer"))];
            row.extend(organisation.frame_transfer.iter().map(|(_, m)| m.format_kronor()));
            rows.push(row);
        }
    }
    if !budget.not_split.is_empty() {
        let mut row =
            vec![format!("**{}", w.t("Ej fördelat (saknar finansieringsunderlag)", "Not split (no funding case)"))];
        row.extend(
            budget
                .not_split
                .iter()
                .map(|y| format!("**{}", Money::from_ore(y.development.ore() + y.management.ore()).format_kronor())),
        );
        rows.push(row);
    }
    c.table(w.t("Att betala per år (kr)", "To pay per year (SEK)"), &columns, &rows);
    if !budget.without_case.is_empty() {
        c.muted(&format!(
            "{} {}.",
            w.t("Saknar finansieringsunderlag:", "Without a funding case:"),
            budget.without_case.join(", ")
        ));
    }
}
