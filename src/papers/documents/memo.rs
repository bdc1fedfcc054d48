//! The decision memo and its sections: the initiative, the deviation, its valuation, benefits and security.

use super::economics::economics;
use super::{Context, decimal, lines, valuation_line};
use crate::domain::{ItemRef, Organisation};
use crate::money::Money;
use crate::papers::ItemMaterial;
use crate::papers::compose::{Bar, Column, Composer};
use crate::time;
use rust_decimal::prelude::ToPrimitive;

/// The decision memo of item `i`.
pub(super) fn memo(c: &mut Composer, cx: &Context, i: usize, depth: usize) {
    let (m, w) = (cx.m, cx.w);
    let item = &m.meeting.items[i];
    let material = &m.items[i];
    let case_number = if item.case_number.is_empty() {
        material.initiative.as_ref().map(|x| x.case_number.clone()).unwrap_or_default()
    } else {
        item.case_number.clone()
    };
    c.start(cx.running(w.t("Beslutsunderlag", "Decision memo"), &case_number, item.confidential));
    let label = if depth == 0 {
        format!("{} {}. {}", w.t("Ärende", "Item"), i + 1, item.title)
    } else {
        w.t("Beslutsunderlag", "Decision memo").to_string()
    };
    c.bookmark(&label, depth);
    c.fields(&[
        (w.t("Förvaltning", "Office"), m.profile.office.clone()),
        (w.t("Sammanträde", "Meeting"), format!("{} {}", m.meeting.body, m.meeting.date)),
        (w.t("Ärende på dagordningen", "Agenda item"), (i + 1).to_string()),
        (w.t("Diarienummer", "Case number"), case_number.clone()),
        (w.t("Handläggare", "Officer"), item.officer.clone()),
        (w.t("Föredragande", "Presenter"), item.presenter.clone()),
    ]);
    c.title(&item.title);
    let proposal = lines(&item.proposed_decision);
    if !proposal.is_empty() {
        c.heading(w.t("Förslag till beslut", "Proposed decision"), 1);
        c.paragraph(&format!("{}:", w.t("Samordningsgruppen föreslås besluta", "The group is asked to decide")));
        c.numbered(&proposal);
    }
    if !item.summary.trim().is_empty() {
        c.heading(w.t("Sammanfattning", "Summary"), 1);
        c.paragraph(&item.summary);
    }
    if !item.background.trim().is_empty() {
        c.heading(w.t("Bakgrund", "Background"), 1);
        c.paragraph(&item.background);
    }
    valuation_round(c, cx, item);
    about_initiative(c, cx, material);
    deviation(c, cx, material);
    economics(c, cx, material);
    valuation(c, cx, material);
    security(c, cx, material);
    benefits(c, cx, material);
    if !item.assessment.trim().is_empty() {
        c.heading(w.t("Bedömning", "Assessment"), 1);
        c.paragraph(&item.assessment);
    }
    if let Some(attachments) = m.attachments.get(&item.id) {
        c.heading(w.t("Bilagor", "Attachments"), 1);
        let names: Vec<String> = attachments.iter().map(|a| a.name.clone()).collect();
        c.numbered(&names);
    }
}

fn about_initiative(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    if let Some(x) = &material.initiative {
        c.heading(w.t("Om insatsen", "About the initiative"), 1);
        let laws: Vec<&str> = x.laws.iter().map(|l| l.label(w.0)).collect();
        let customers: Vec<String> = x
            .customer_ids
            .iter()
            .filter_map(|id| cx.m.organisations.iter().find(|o| o.id == *id).map(|o| o.name.clone()))
            .collect();
        let period = match (x.costs.first(), x.costs.last()) {
            (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
            _ => String::new(),
        };
        c.fields(&[
            (w.t("Insats", "Initiative"), format!("{} {}", x.case_number, x.title)),
            (w.t("Ägare", "Owner"), material.owner.as_ref().map(|o| o.name.clone()).unwrap_or_default()),
            (w.t("Spår", "Track"), x.track.label(w.0).to_string()),
            (w.t("Typ", "Kind"), x.kind.label(w.0).to_string()),
            (w.t("Tillstånd", "State"), x.state.label(w.0).to_string()),
            (w.t("Planeringsperiod", "Planning period"), period),
            (w.t("Berörda", "Customers"), customers.join(", ")),
            (w.t("Lagkrav", "Legal requirements"), legal_basis(cx, x, &laws)),
        ]);
        risks(c, cx, x);
    }
    if let Some(s) = &material.service {
        c.heading(w.t("Om tjänsten", "About the service"), 1);
        c.fields(&[
            (w.t("Tjänst", "Service"), s.name.clone()),
            (w.t("Kategori", "Category"), s.category.label(w.0).to_string()),
            (w.t("Pris", "Price"), s.price.map(|p| format!("{p} / {}", s.unit)).unwrap_or_default()),
            (w.t("Omfattning", "Scope"), s.scope.clone()),
        ]);
    }
}

/// The laws that apply, or the explicit "no specific legal requirement", with the other legal requirements in
/// words (riktlinjen: the material shows "uppfyllande av lag- och säkerhetskrav framgå").
fn legal_basis(cx: &Context, x: &crate::domain::Initiative, laws: &[&str]) -> String {
    let w = cx.w;
    let mut text = if x.no_legal_requirement {
        w.t("Inget särskilt lagkrav", "No specific legal requirement").to_string()
    } else if laws.is_empty() {
        w.t("Ej angivet", "Not stated").to_string()
    } else {
        laws.join("; ")
    };
    if !x.legal_notes.trim().is_empty() {
        text.push_str(&format!("\n{}", x.legal_notes.trim()));
    }
    text
}

/// The material's risk and security assessment (riktlinjen, "risk- och säkerhetsbedömning"): the risks as a table
/// and the written assessment.
fn risks(c: &mut Composer, cx: &Context, x: &crate::domain::Initiative) {
    let w = cx.w;
    if x.risks.is_empty() && x.risk_assessment.trim().is_empty() {
        return;
    }
    c.heading(w.t("Risk- och säkerhetsbedömning", "Risk and security assessment"), 2);
    if !x.risks.is_empty() {
        let rows: Vec<Vec<String>> = x
            .risks
            .iter()
            .map(|r| {
                vec![
                    r.risk.clone(),
                    r.likelihood.label(w.0).to_string(),
                    r.consequence.label(w.0).to_string(),
                    r.action.clone(),
                ]
            })
            .collect();
        c.table(
            w.t("Risker", "Risks"),
            &[
                Column::left(w.t("Risk", "Risk"), 3.8),
                Column::left(w.t("Sannolikhet", "Likelihood"), 1.6),
                Column::left(w.t("Konsekvens", "Consequence"), 1.6),
                Column::left(w.t("Åtgärd", "Action"), 4.6),
            ],
            &rows,
        );
    }
    if !x.risk_assessment.trim().is_empty() {
        c.paragraph(&x.risk_assessment);
    }
}

/// The opt-out or deviation an item concerns: what, where, the guideline's steps done and the next one, and apart
/// from them the steps that are the city's practice ("Stadens rutin"), never under "Steg (riktlinjens, i stadens ordning)".
fn deviation(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let practice = &cx.m.practice;
    let Some((d, service)) = &material.deviation else { return };
    c.heading(d.kind.label(w.0), 1);
    let organisation =
        d.organisation_id.and_then(|o| cx.m.organisations.iter().find(|x| x.id == o)).map(|o| o.name.clone());
    let concerns = match (service, d.framework) {
        (Some(service), _) => (w.t("Tjänst", "Service"), format!("{} ({})", service.name, service.category.label(w.0))),
        (None, Some(framework)) => (w.t("Ramverk", "Framework"), framework.label(w.0).to_string()),
        (None, None) => (w.t("Tjänst", "Service"), String::new()),
    };
    c.fields(&[
        (w.t("Ärende", "Matter"), d.title.clone()),
        concerns,
        (w.t("Kund", "Customer"), organisation.unwrap_or_default()),
        (
            w.t("Säkerhetsavvikelse", "Security deviation"),
            if d.security { w.t("Ja", "Yes").into() } else { String::new() },
        ),
        (w.t("Registrerad", "Registered"), time::date_text(d.registered)),
        (w.t("Tidsfrist", "Deadline"), time::optional_date_text(d.deadline)),
        (
            w.t("Nästa steg", "Next step"),
            d.next_step(practice)
                .map(|s| s.label(w.0).to_string())
                .unwrap_or_else(|| w.t("Alla steg klara", "Every step done").into()),
        ),
    ]);
    c.paragraph(&d.description);
    let columns = [
        Column::left(w.t("Steg", "Step"), 4.0),
        Column::left(w.t("Klart", "Done"), 1.4),
        Column::left(w.t("Anteckning", "Note"), 4.0),
    ];
    let (mut guideline, mut local) = (Vec::new(), Vec::new());
    for (i, step) in d.sequence(practice).iter().enumerate() {
        let row = match d.steps.get(i) {
            Some(done) => vec![step.label(w.0).to_string(), time::date_text(done.date), done.note.clone()],
            None => vec![step.label(w.0).to_string(), "–".into(), String::new()],
        };
        if step.is_practice() { local.push(row) } else { guideline.push(row) }
    }
    c.table(
        w.t("Steg (riktlinjens, i stadens ordning)", "Steps (the guideline's, in the city's order)"),
        &columns,
        &guideline,
    );
    if !local.is_empty() {
        c.table(w.t("Stadens rutin", "The city's practice"), &columns, &local);
        c.muted(w.t(
            "Stadens rutin, inte riktlinjens krav: åtgärdsplanen beslutas inom tidsfristen (Göteborgs Stads \
             ekonomiska regler).",
            "The city's practice, not a requirement of the guideline: the action plan is decided within the deadline \
             (Göteborg's economic rules).",
        ));
    }
    if !d.action_plan.trim().is_empty() {
        c.fields(&[(w.t("Åtgärdsplan", "Action plan"), d.action_plan.clone())]);
    }
    if !d.motivation.trim().is_empty() {
        c.fields(&[(w.t("Skriftlig motivering", "Written motivation"), d.motivation.clone())]);
    }
    if let Some(outcome) = d.outcome {
        c.fields(&[
            (w.t("Utfall", "Outcome"), outcome.label(w.0).to_string()),
            (
                w.t("Beslutat av (nämnd eller bolagsstyrelse)", "Decided by (board)"),
                Organisation::decider_name(&cx.m.organisations, d.decided_by_id, w.0),
            ),
            (w.t("Beslutsdatum", "Date of decision"), time::optional_date_text(d.decision_date)),
        ]);
    }
}

fn valuation(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let item = match (&material.initiative, &material.service) {
        (Some(initiative), _) => ItemRef::Initiative(initiative.id),
        (None, Some(service)) => ItemRef::Service(service.id),
        (None, None) => return,
    };
    let (Some(assessment), Some(set)) = (&cx.m.assessment, &cx.m.criteria_set) else {
        return;
    };
    let Some(row) = assessment.rows.iter().find(|r| r.item == item) else { return };
    c.heading(w.t("Värdering", "Valuation"), 1);
    let tied = if row.tied { w.t(" (delad)", " (tied)") } else { "" };
    let ranks = match item {
        ItemRef::Initiative(_) => w.t("Insatsen har plats", "The initiative ranks"),
        ItemRef::Service(_) => w.t("Tjänsten har plats", "The service ranks"),
    };
    c.paragraph(&format!(
        "{} {}{tied} {} {} {} «{}». {} {} {}.",
        ranks,
        row.rank,
        w.t("av", "of"),
        assessment.rows.len(),
        w.t("i kriterieuppsättningen", "in the criteria set"),
        set.name,
        w.t("Det viktade värdet är", "Its weighted value is"),
        decimal(row.value, 3, w),
        w.t("på skalan 0–1", "on a scale of 0–1")
    ));
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for ((criterion, cell), weight) in set.criteria.iter().zip(&row.cells).zip(&assessment.weights) {
        let s = &cell.summary;
        rows.push(vec![
            criterion.name.clone(),
            format!("{} %", decimal(weight * 100.0, 1, w)),
            s.aggregate.map(|a| decimal(a, 2, w)).unwrap_or_else(|| "–".into()),
            s.std_dev.map(|a| decimal(a, 2, w)).unwrap_or_else(|| "–".into()),
            s.consensus.map(|a| decimal(a, 2, w)).unwrap_or_else(|| "–".into()),
            decimal(cell.contribution, 3, w),
        ]);
        bars.push(Bar {
            label: criterion.name.clone(),
            value: cell.contribution,
            text: decimal(cell.contribution, 3, w),
            highlight: true,
        });
    }
    c.table(
        w.t("Poäng per kriterium", "Scores per criterion"),
        &[
            Column::left(w.t("Kriterium", "Criterion"), 4.0),
            Column::right(w.t("Vikt", "Weight"), 1.3),
            Column::right(w.t("Poäng", "Score"), 1.2),
            Column::right(w.t("Spridning", "Spread"), 1.4),
            Column::right(w.t("Samsyn", "Consensus"), 1.3),
            Column::right(w.t("Bidrag", "Contribution"), 1.3),
        ],
        &rows,
    );
    c.bar_chart(w.t("Bidrag till värdet per kriterium", "Contribution to the value per criterion"), &bars);
    let gates: Vec<String> = row
        .gates
        .iter()
        .filter_map(|g| {
            let gate = set.gates.iter().find(|x| x.id == g.gate_id)?;
            let state = match g.passed {
                Some(true) => w.t("uppfyllt", "met"),
                Some(false) => w.t("ej uppfyllt", "not met"),
                None => w.t("ej bedömt", "not judged"),
            };
            let note = if g.note.is_empty() { String::new() } else { format!(" – {}", g.note) };
            Some(format!("{}: {state}{note}", gate.name))
        })
        .collect();
    if !gates.is_empty() {
        c.paragraph(w.t("Grindar:", "Gates:"));
        c.bullets(&gates);
    }
}

/// On the item that is the valuation of the criteria set: what it values, and every initiative and service of the
/// set ranked as the members' scores so far value them (the assessment's order; an item no one has scored yet last,
/// unranked).
fn valuation_round(c: &mut Composer, cx: &Context, item: &crate::domain::AgendaItem) {
    let w = cx.w;
    let Some(line) = valuation_line(cx, item) else { return };
    c.heading(w.t("Värderingen", "The valuation"), 1);
    c.paragraph(&line);
    let name = |item: ItemRef| {
        cx.m.valued.iter().find(|(r, _)| *r == item).map(|(_, n)| n.clone()).unwrap_or_else(|| item.to_string())
    };
    let kind = |item: ItemRef| match item {
        ItemRef::Initiative(_) => w.t("Insats", "Initiative"),
        ItemRef::Service(_) => w.t("Tjänst", "Service"),
    };
    let rows = cx.m.assessment.as_ref().map(|a| a.rows.as_slice()).unwrap_or_default();
    let mut table: Vec<Vec<String>> = rows
        .iter()
        .filter(|row| cx.m.valued.iter().any(|(r, _)| *r == row.item))
        .map(|row| {
            let tied = if row.tied { w.t(" (delad)", " (tied)") } else { "" };
            vec![
                format!("{}{tied}", row.rank),
                name(row.item),
                kind(row.item).to_string(),
                decimal(row.value, 3, w),
                if row.complete { w.t("Ja", "Yes") } else { w.t("Nej", "No") }.to_string(),
            ]
        })
        .collect();
    for (item, label) in cx.m.valued.iter().filter(|(r, _)| !rows.iter().any(|row| row.item == *r)) {
        table.push(vec!["–".into(), label.clone(), kind(*item).to_string(), "–".into(), w.t("Nej", "No").into()]);
    }
    c.table(
        w.t("Insatser och tjänster att värdera", "Initiatives and services to value"),
        &[
            Column::right(w.t("Plats", "Rank"), 1.2),
            Column::left(w.t("Insats eller tjänst", "Initiative or service"), 6.0),
            Column::left(w.t("Slag", "Kind"), 1.4),
            Column::right(w.t("Värde (0–1)", "Value (0–1)"), 1.5),
            Column::left(w.t("Alla kriterier poängsatta", "Every criterion scored"), 2.0),
        ],
        &table,
    );
}

/// The benefit summary and an extract of the benefits realisation plan: each benefit with its indicator, the way
/// from baseline to target, the latest measurement and its status, and the value per year.
fn benefits(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    use crate::domain::Progress;
    let w = cx.w;
    let Some(initiative) = &material.initiative else { return };
    if initiative.benefit_summary.trim().is_empty() && material.benefits.is_empty() {
        return;
    }
    c.heading(w.t("Nyttor", "Benefits"), 1);
    c.paragraph(&initiative.benefit_summary);
    if material.benefits.is_empty() {
        c.muted(w.t("Nyttorealiseringsplan är inte upprättad.", "No benefits realisation plan yet."));
        return;
    }
    let number = |d: rust_decimal::Decimal| match d.to_i64() {
        Some(whole) if d.fract().is_zero() => Money::from_kronor(whole).format_kronor(),
        _ => decimal(d.to_f64().unwrap_or(0.0), 1, w),
    };
    let rows: Vec<Vec<String>> = material
        .benefits
        .iter()
        .map(|b| {
            let owner = b.owner_id.and_then(|o| cx.m.organisations.iter().find(|x| x.id == o)).map(|o| o.name.clone());
            let name = match owner {
                Some(owner) => format!("{}\n{}: {owner}", b.name, w.t("Ägare", "Owner")),
                None => b.name.clone(),
            };
            let way = match (b.baseline, b.target) {
                (Some(from), Some(to)) => format!(
                    "{}: {} {} {} {} {} {}",
                    b.indicator,
                    number(from),
                    w.t("till", "to"),
                    number(to),
                    b.unit,
                    w.t("senast", "by"),
                    time::optional_date_text(b.target_date)
                ),
                _ => b.category.label(w.0).to_string(),
            };
            // Measurements count from the approved plan (riktlinjen, "Realisera och följa upp nytta och effekter").
            let (latest, status) = match b.counted_status(initiative.benefits_plan_approved()) {
                Some(s) => {
                    let label = match s.progress {
                        Progress::OnTrack => w.t("Enligt plan", "On track"),
                        Progress::AtRisk => w.t("Risk", "At risk"),
                        Progress::OffTrack => w.t("Avviker", "Off track"),
                    };
                    (format!("{} ({})", number(s.measured), s.date), label.to_string())
                }
                None => ("–".into(), w.t("Ej mätt", "Not measured").to_string()),
            };
            let value = b.value_base.map(|v| format!("{} kr", v.format_kronor())).unwrap_or_else(|| "–".into());
            vec![name, way, latest, status, value]
        })
        .collect();
    c.table(
        w.t("Ur nyttorealiseringsplanen", "From the benefits realisation plan"),
        &[
            Column::left(w.t("Nytta", "Benefit"), 3.2),
            Column::left(w.t("Indikator: från utgångsläge till mål", "Indicator: from baseline to target"), 3.6),
            Column::right(w.t("Senast uppmätt", "Latest"), 1.8),
            Column::left(w.t("Status", "Status"), 1.3),
            Column::right(w.t("Värde per år", "Value per year"), 1.7),
        ],
        &rows,
    );
    // The owning board's decided action on each benefit off track after follow-up (riktlinjen, "Realisera och
    // följa upp nytta och effekter": "fatta beslut om åtgärder").
    let off_track: Vec<String> = material
        .benefits
        .iter()
        .filter(|b| {
            b.counted_status(initiative.benefits_plan_approved()).is_some_and(|s| s.progress == Progress::OffTrack)
        })
        .map(|b| {
            if b.decided_action.trim().is_empty() {
                format!("{}: {}", b.name, w.t("ingen åtgärd beslutad ännu.", "no action decided yet."))
            } else {
                format!(
                    "{}: {} {} {} {}: {}",
                    b.name,
                    w.t("åtgärd beslutad", "action decided on"),
                    time::optional_date_text(b.decided_action_date),
                    w.t("av", "by"),
                    b.decided_action_by,
                    b.decided_action
                )
            }
        })
        .collect();
    if !off_track.is_empty() {
        c.paragraph(w.t("Nyttor som avviker:", "Benefits off track:"));
        c.bullets(&off_track);
    }
    c.paragraph(&if initiative.benefits_plan_approved() {
        format!(
            "{} {} {} {}.",
            w.t("Nyttorealiseringsplanen fastställdes", "The benefits realisation plan was approved on"),
            time::optional_date_text(initiative.benefits_plan_approved_date),
            w.t("av", "by"),
            initiative.benefits_plan_approved_by
        )
    } else {
        w.t(
            "Nyttorealiseringsplanen är inte fastställd; mätningar räknas först när den är fastställd.",
            "The benefits realisation plan is not approved; measurements count once it is.",
        )
        .to_string()
    });
    let total: i64 = material.benefits.iter().filter_map(|b| b.value_base).map(Money::ore).sum();
    if total > 0 {
        c.paragraph(&format!(
            "{} {} kr {}",
            w.t("Nyttornas värde i basfallet är sammanlagt", "The benefits are worth in the base case"),
            Money::from_ore(total).format_kronor(),
            w.t("per år.", "a year in total.")
        ));
    }
}

fn security(c: &mut Composer, cx: &Context, material: &ItemMaterial) {
    let w = cx.w;
    let security = match (&material.initiative, &material.service) {
        (Some(x), _) => &x.security,
        (None, Some(s)) => &s.security,
        _ => return,
    };
    c.heading(w.t("Informationssäkerhet", "Information security"), 1);
    // A service that handles no information has no classification to lack: said so, not "Ej klassad" three times.
    if material.initiative.is_none() && material.service.as_ref().is_some_and(|s| s.handles_no_information) {
        c.paragraph(w.t(
            "Tjänsten hanterar ingen information och har därför ingen klassning (K, R, T).",
            "The service handles no information and so has no classification (C, I, A).",
        ));
        return;
    }
    let level = |l: &Option<crate::domain::SecurityLevel>| match l {
        Some(l) => {
            format!("{} – {}", l.level, cx.m.security_scale.get(l.level as usize).cloned().unwrap_or(l.label.clone()))
        }
        None => w.t("Ej klassad", "Not classified").to_string(),
    };
    c.fields(&[
        (w.t("Konfidentialitet (K)", "Confidentiality (C)"), level(&security.confidentiality)),
        (w.t("Riktighet (R)", "Integrity (I)"), level(&security.integrity)),
        (w.t("Tillgänglighet (T)", "Availability (A)"), level(&security.availability)),
    ]);
}
