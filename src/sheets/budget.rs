//! The budget material as a table for the city executive office (SLK): one row per item and year, so that SLK can
//! sum by year, kind, funding or prioritisation with a filter or a pivot table; then the sums and the frames per
//! year as values the engine computed (no formulas, so no spreadsheet recomputes them differently).

use rust_decimal::Decimal;

use super::{Cell, ColumnKind, Guide, Table, text};
use crate::domain::Language;
use crate::money::Money;
use crate::prioritisation::budget::{Budget, FrameKind, kind_text, payer_text, reason_text, title};

/// The material of `budget` as a table with headers in `language`.
pub fn budget_table(budget: &Budget, language: Language) -> Table {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let headers = vec![
        l("År", "Year"),
        l("Typ", "Kind"),
        l("Diarienummer", "Case number"),
        l("Namn", "Name"),
        l("Status", "State"),
        l("Prioriterad", "Prioritised"),
        l("Rang", "Rank"),
        l("Utveckling (kr)", "Development (SEK)"),
        l("Förvaltning (kr)", "Management (SEK)"),
        l("Föreslagen finansiering", "Proposed funding"),
        l("Skäl att inte prioritera", "Why not prioritised"),
        l("Beslut", "Decision"),
    ];
    let yes_no = |b: bool| if b { l("Ja", "Yes") } else { l("Nej", "No") };
    let mut rows = Vec::new();
    for &year in &budget.years {
        for line in &budget.lines {
            let Some(cost) = line.costs.iter().find(|y| y.year == year) else { continue };
            rows.push(vec![
                Cell::Number(Decimal::from(year)),
                text(kind_text(line.item.kind, language)),
                text(line.item.reference.clone()),
                text(line.item.name.clone()),
                text(line.item.status(language)),
                text(yes_no(line.chosen)),
                Cell::Number(Decimal::from(line.rank as i64)),
                Cell::Money(cost.development),
                Cell::Money(cost.management),
                text(line.item.funding_model.map(|f| f.label(language).to_string()).unwrap_or_default()),
                text(reason_text(line, language)),
                text(line.item.decision.as_ref().map(|d| d.with_outcome(language)).unwrap_or_default()),
            ]);
        }
    }
    // The sums and frames, kept below the filter.
    let mut totals = Vec::new();
    for &year in &budget.years {
        let frame = |kind: FrameKind| budget.frames.iter().find(|f| f.year == year && f.kind == kind);
        let amounts = |pick: &dyn Fn(&crate::prioritisation::budget::FrameRow) -> Option<Money>| {
            [FrameKind::Development, FrameKind::Management].map(|k| frame(k).and_then(pick))
        };
        let row = |label: String, [dev, man]: [Option<Money>; 2]| {
            let mut cells = vec![Cell::Number(Decimal::from(year)), text(label)];
            cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
            cells.push(dev.map_or(Cell::Empty, Cell::Money));
            cells.push(man.map_or(Cell::Empty, Cell::Money));
            cells
        };
        totals.push(row(l("Summa prioriterat", "Total prioritised"), amounts(&|f| Some(f.cost))));
        totals.push(row(l("Föreslagen ram", "Proposed frame"), amounts(&|f| Some(f.proposed))));
        if budget.decided_years.contains(&year) {
            totals.push(row(l("Beslutad ram (KF)", "Decided frame (council)"), amounts(&|f| f.decided)));
            let gap = amounts(&|f| Some(f.gap));
            if gap.iter().any(|g| g.is_some_and(|g| g.ore() > 0)) {
                totals.push(row(l("Överskrider beslutad ram med", "Exceeds the decided frame by"), gap));
            }
        }
    }
    let count = totals.len();
    rows.extend(totals);
    let kinds = vec![
        ColumnKind::Number,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Text,
        ColumnKind::Number,
        ColumnKind::Money,
        ColumnKind::Money,
    ];
    Table { name: title(budget, language), headers, rows, kinds, totals: count, guide: Guide::default() }
}

/// The material as a workbook for SLK: the lines, then what the prioritised items cost per year and funding type
/// (who pays: the customers, or a municipal grant with frames moved), then what each board and company pays per
/// year under the proposed funding models (from the items' funding cases; what has no case is a row of its own).
pub fn budget_book(budget: &Budget, language: Language) -> Vec<Table> {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let funding_rows = budget
        .by_funding
        .iter()
        .map(|t| {
            vec![
                Cell::Number(Decimal::from(t.year)),
                text(t.funding_model.map_or_else(|| l("Ej angiven", "Not stated"), |f| f.label(language).to_string())),
                text(payer_text(t.payer, language)),
                Cell::Money(t.development),
                Cell::Money(t.management),
                Cell::Money(Money::from_ore(t.development.ore() + t.management.ore())),
            ]
        })
        .collect();
    let by_funding = Table {
        name: l("Per finansieringstyp", "By funding type"),
        headers: vec![
            l("År", "Year"),
            l("Finansieringsmodell", "Funding model"),
            l("Vem betalar", "Who pays"),
            l("Utveckling (kr)", "Development (SEK)"),
            l("Förvaltning (kr)", "Management (SEK)"),
            l("Summa (kr)", "Total (SEK)"),
        ],
        rows: funding_rows,
        kinds: vec![
            ColumnKind::Number,
            ColumnKind::Text,
            ColumnKind::Text,
            ColumnKind::Money,
            ColumnKind::Money,
            ColumnKind::Money,
        ],
        totals: 0,
        guide: Guide::default(),
    };
    let mut rows = Vec::new();
    for organisation in &budget.by_organisation {
        for ((year, pays), (_, transfer)) in organisation.pays.iter().zip(&organisation.frame_transfer) {
            if pays.ore() == 0 && transfer.ore() == 0 {
                continue;
            }
            rows.push(vec![
                Cell::Number(Decimal::from(*year)),
                text(organisation.organisation.clone()),
                text(organisation.kind.label(language)),
                Cell::Money(*pays),
                Cell::Money(*transfer),
            ]);
        }
    }
    let unsplit = rows.len();
    for year in &budget.not_split {
        rows.push(vec![
            Cell::Number(Decimal::from(year.year)),
            text(l("Ej fördelat: saknar finansieringsunderlag", "Not split: no funding case")),
            text(budget.without_case.join(", ")),
            Cell::Money(Money::from_ore(year.development.ore() + year.management.ore())),
            Cell::Empty,
        ]);
    }
    let by_organisation = Table {
        name: l("Per nämnd och bolag", "By board and company"),
        headers: vec![
            l("År", "Year"),
            l("Nämnd eller bolag", "Board or company"),
            l("Typ", "Kind"),
            l("Betalar (kr)", "Pays (SEK)"),
            l("Ramväxling (kr)", "Frame transfer (SEK)"),
        ],
        totals: rows.len() - unsplit,
        guide: Guide::default(),
        rows,
        kinds: vec![ColumnKind::Number, ColumnKind::Text, ColumnKind::Text, ColumnKind::Money, ColumnKind::Money],
    };
    vec![budget_table(budget, language), by_funding, by_organisation]
}
