//! A sheet's rows read as cells: a row's cells as values under the header row's targets, the order rows are
//! written in, cells that hold no value, and a row's yearly amounts merged into the stored ones.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::SheetProblem;
use crate::domain::Language;
use crate::sheets::SheetKind;
use crate::sheets::cells::{Names, message, money, value};
use crate::sheets::columns::{Column, Target};
use crate::sheets::read::{FaultKind, Grid};

/// A year's two amounts (development, management) as a row gives them: `None` where the sheet has no column for it, `Some(None)` for an
/// empty cell.
pub(in crate::sheets) type YearCells = [Option<Option<i64>>; 2];

/// A row's cells read as values: the imported columns' values (with their headers) and the amounts by year.
pub(in crate::sheets) struct RowCells<'g> {
    pub cells: Vec<(Column, &'g String, Value)>,
    pub costs: BTreeMap<i32, YearCells>,
}

/// The cells of row `index` under `targets` (one per header) as values, or `None` for an empty row or one with
/// more fields than the header row. A cell that cannot be read is reported in `problems` and left out.
pub(in crate::sheets) fn read_cells<'g>(
    grid: &Grid,
    index: usize,
    headers: &'g [String],
    targets: &[Option<Target>],
    names: &Names,
    language: Language,
    problems: &mut Vec<SheetProblem>,
) -> Option<RowCells<'g>> {
    let row = &grid.rows[index];
    let line = index + 1;
    let faults: Vec<(usize, &FaultKind)> =
        grid.faults.range((index, 0)..(index + 1, 0)).map(|((_, c), f)| (*c, f)).collect();
    if row.iter().all(String::is_empty) && faults.is_empty() {
        return None;
    }
    if row.len() > headers.len() && row[headers.len()..].iter().any(|c| !c.is_empty()) {
        let text = message(
            language,
            "raden har fler fält än rubrikraden: står det ett semikolon i en text utan citattecken?".into(),
            "the row has more fields than the header row: is there a separator in a text without quotes?".into(),
        );
        problems.push(SheetProblem { row: line, column: String::new(), message: text });
        return None;
    }
    let mut cells = Vec::new();
    let mut costs: BTreeMap<i32, YearCells> = BTreeMap::new();
    let empty = String::new();
    for (column_index, (target, header)) in targets.iter().zip(headers).enumerate() {
        let Some(target) = target else { continue };
        let text = row.get(column_index).unwrap_or(&empty);
        if let Some((_, fault)) = faults.iter().find(|(c, _)| *c == column_index) {
            problems.push(SheetProblem { row: line, column: header.clone(), message: fault_text(fault, language) });
            continue;
        }
        match target {
            Target::Column(column) => match value(text, column.form, names, language) {
                Ok(value) => cells.push((*column, header, value)),
                Err(message) => problems.push(SheetProblem { row: line, column: header.clone(), message }),
            },
            Target::Cost { development, year } => {
                let amount = if text.is_empty() { Ok(None) } else { money(text, language).map(|m| Some(m.ore())) };
                match amount {
                    Ok(amount) => costs.entry(*year).or_default()[usize::from(!*development)] = Some(amount),
                    Err(message) => problems.push(SheetProblem { row: line, column: header.clone(), message }),
                }
            }
        }
    }
    Some(RowCells { cells, costs })
}

/// The planned costs after a row: the stored years, with the amounts the sheet has columns for replaced. The
/// planning period runs from the first to the last year with an amount (an empty cell is no amount; a year the
/// sheet has no column for keeps its amounts), and the years between are filled with 0.
pub(super) fn merged_costs(stored: &Value, sheet: &BTreeMap<i32, YearCells>) -> Value {
    let mut years: BTreeMap<i32, [Option<i64>; 2]> = BTreeMap::new();
    for cost in stored.as_array().into_iter().flatten() {
        if let Some(year) = cost["year"].as_i64().and_then(|y| i32::try_from(y).ok()) {
            years.insert(year, [cost["development"].as_i64(), cost["management"].as_i64()]);
        }
    }
    for (year, cells) in sheet {
        let amounts = years.entry(*year).or_default();
        for (amount, cell) in amounts.iter_mut().zip(cells) {
            if let Some(cell) = cell {
                *amount = *cell;
            }
        }
    }
    let planned = |a: &[Option<i64>; 2]| a.iter().any(Option::is_some);
    let first = years.iter().find(|(_, a)| planned(a)).map(|(y, _)| *y);
    let last = years.iter().rev().find(|(_, a)| planned(a)).map(|(y, _)| *y);
    let (Some(first), Some(last)) = (first, last) else { return json!([]) };
    Value::Array(
        (first..=last)
            .map(|year| {
                let [d, m] = years.get(&year).copied().unwrap_or_default();
                json!({"year": year, "development": d.unwrap_or(0), "management": m.unwrap_or(0)})
            })
            .collect(),
    )
}

/// The order rows are written in: as in the sheet, except that an organisation comes after the one it belongs to
/// when both are in the sheet (so a sheet may list children first).
pub(super) fn row_order(
    kind: SheetKind,
    grid: &Grid,
    header_index: usize,
    targets: &[Option<Target>],
    names: &Names,
) -> Vec<usize> {
    let rows: Vec<usize> = (header_index + 1..grid.rows.len()).collect();
    let parent = targets.iter().position(|t| matches!(t, Some(Target::Column(c)) if c.field == "parent_id"));
    let name = targets.iter().position(|t| matches!(t, Some(Target::Column(c)) if c.field == "name"));
    let (SheetKind::Organisations, Some(parent), Some(name)) = (kind, parent, name) else { return rows };
    let cell =
        |row: usize, column: usize| grid.rows[row].get(column).map(|c| c.trim().to_lowercase()).unwrap_or_default();
    let mut known: BTreeSet<String> = names.organisations.iter().map(|(_, n)| n.trim().to_lowercase()).collect();
    let mut order = Vec::with_capacity(rows.len());
    let mut pending = rows;
    while !pending.is_empty() {
        let (ready, waiting): (Vec<usize>, Vec<usize>) =
            pending.iter().partition(|&&row| cell(row, parent).is_empty() || known.contains(&cell(row, parent)));
        if ready.is_empty() {
            // What is left refers to organisations that are nowhere: each row reports it.
            order.extend(waiting);
            break;
        }
        known.extend(ready.iter().map(|&row| cell(row, name)));
        order.extend(ready);
        pending = waiting;
    }
    order
}

fn fault_text(fault: &FaultKind, language: Language) -> String {
    match fault {
        FaultKind::NoCachedValue(formula) => message(
            language,
            format!(
                "cellen har formeln ={formula} men inget sparat värde: öppna filen i Excel eller LibreOffice och spara \
                 den igen, eller skriv in värdet"
            ),
            format!(
                "the cell holds the formula ={formula} but no saved result: open and save the file in Excel or \
                 LibreOffice, or type the value"
            ),
        ),
        FaultKind::Error(shown) => message(
            language,
            format!("cellen visar ett fel ({shown}), inget värde"),
            format!("the cell shows an error ({shown}), not a value"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_replaces_only_the_amounts_it_has_columns_for() {
        let stored = json!([
            {"year": 2026, "development": 100, "management": 10},
            {"year": 2027, "development": 200, "management": 20},
            {"year": 2028, "development": 300, "management": 30},
        ]);
        // Only the development of 2027: management and the other years stay.
        let only = BTreeMap::from([(2027, [Some(Some(250)), None])]);
        assert_eq!(
            merged_costs(&stored, &only),
            json!([
                {"year": 2026, "development": 100, "management": 10},
                {"year": 2027, "development": 250, "management": 20},
                {"year": 2028, "development": 300, "management": 30},
            ])
        );
        // Emptying the last year's two cells ends the period a year earlier; a new year extends it, with 0 between.
        let edges = BTreeMap::from([(2028, [Some(None), Some(None)]), (2031, [Some(Some(5)), None])]);
        let merged = merged_costs(&stored, &edges);
        let years: Vec<i64> = merged.as_array().unwrap().iter().map(|c| c["year"].as_i64().unwrap()).collect();
        assert_eq!(years, [2026, 2027, 2028, 2029, 2030, 2031]);
        assert_eq!(merged[2], json!({"year": 2028, "development": 0, "management": 0}));
        assert_eq!(merged[5], json!({"year": 2031, "development": 5, "management": 0}));
    }
}
