//! The budget material as a table for the city executive office (SLK): one row per item and year, so that SLK can
//! sum by year, kind, funding or prioritisation with a filter or a pivot table; then the sums and the frames per
//! year as values the engine computed (no formulas, so no spreadsheet recomputes them differently).

use rust_decimal::Decimal;

use super::{Cell, ColumnKind, Table, text};
use crate::domain::Language;
use crate::money::Money;
use crate::prioritisation::budget::{Budget, FrameKind, kind_text, reason_text, title};

/// The material of `budget` as a table with headers in `language`.
pub fn budget_table(budget: &Budget, language: Language) -> Table {
    let sv = language == Language::Sv;
    let l = |swedish: &str, english: &str| if sv { swedish.to_string() } else { english.to_string() };
    let headers = vec![
        l("År", "Year"),
        l("Typ", "Kind"),
        l("Diarienummer", "Case number"),
        l("Namn", "Name"),
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
                text(yes_no(line.chosen)),
                Cell::Number(Decimal::from(line.rank as i64)),
                Cell::Money(cost.development),
                Cell::Money(cost.management),
                text(line.item.funding_model.map(|f| f.label(language).to_string()).unwrap_or_default()),
                text(reason_text(line, language)),
                text(line.item.decision.as_ref().map(|d| d.citation()).unwrap_or_default()),
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
            cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
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
        ColumnKind::Number,
        ColumnKind::Money,
        ColumnKind::Money,
    ];
    Table { name: title(budget, language), headers, rows, kinds, totals: count }
}
