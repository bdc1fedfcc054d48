//! What a row changes, old → new, as the sheet shows it, and the warning for amounts that would change a
//! thousandfold.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::rows::YearCells;
use super::{FieldChange, SheetProblem};
use crate::domain::Language;
use crate::money::Money;
use crate::sheets::cells::Form;
use crate::sheets::cells::{Names, field, shown};
use crate::sheets::columns::Column;

/// Every field and year a row changes, old → new, as the sheet shows them.
pub(super) fn changes(
    old: &Value,
    new: &Value,
    cells: &[(Column, &String, Value)],
    costs: &BTreeMap<i32, YearCells>,
    names: &Names,
    cost_header: &dyn Fn(bool, i32) -> String,
    language: Language,
) -> Vec<FieldChange> {
    let mut changed: Vec<FieldChange> = cells
        .iter()
        .filter(|(c, _, _)| field(old, c.field) != field(new, c.field))
        .map(|(c, header, _)| FieldChange {
            column: (*header).clone(),
            old: shown(field(old, c.field), c.form, names, language),
            new: shown(field(new, c.field), c.form, names, language),
        })
        .collect();
    if !costs.is_empty() && old["costs"] != new["costs"] {
        let years: BTreeSet<i32> = [&old["costs"], &new["costs"]]
            .iter()
            .flat_map(|c| c.as_array().cloned().unwrap_or_default())
            .filter_map(|c| c["year"].as_i64().and_then(|y| i32::try_from(y).ok()))
            .collect();
        for year in years {
            let (before, after) = (year_amounts(&old["costs"], year), year_amounts(&new["costs"], year));
            for (part, development) in [(0, true), (1, false)] {
                let (b, a) = (before.map(|x| x[part]), after.map(|x| x[part]));
                if b != a {
                    let text = |amount: Option<i64>| amount.map(|o| Money::from_ore(o).to_string()).unwrap_or_default();
                    changed.push(FieldChange { column: cost_header(development, year), old: text(b), new: text(a) });
                }
            }
        }
    }
    changed
}

/// The warning for a row whose amounts would become a thousandth (or a thousand times) of what they are.
pub(super) fn thousandfold_warning(
    line: usize,
    old: &Value,
    new: &Value,
    cells: &[(Column, &String, Value)],
    costs: &BTreeMap<i32, YearCells>,
    cost_header: &dyn Fn(bool, i32) -> String,
    language: Language,
) -> Option<SheetProblem> {
    let mut amounts: Vec<(String, i64, i64)> = cells
        .iter()
        .filter(|(c, _, _)| matches!(c.form, Form::Money | Form::Amount))
        .filter_map(|(c, h, _)| Some(((*h).clone(), field(old, c.field).as_i64()?, field(new, c.field).as_i64()?)))
        .collect();
    for year in costs.keys() {
        if let (Some(b), Some(a)) = (year_amounts(&old["costs"], *year), year_amounts(&new["costs"], *year)) {
            amounts.push((cost_header(true, *year), b[0], a[0]));
            amounts.push((cost_header(false, *year), b[1], a[1]));
        }
    }
    let flagged: Vec<&(String, i64, i64)> = amounts.iter().filter(|(_, b, a)| thousandfold(*b, *a)).collect();
    let (_, before, after) = flagged.first()?;
    let example = format!("{} \u{2192} {}", Money::from_ore(*before), Money::from_ore(*after));
    let smaller = after.unsigned_abs() < before.unsigned_abs();
    Some(SheetProblem {
        row: line,
        column: flagged.iter().map(|(h, _, _)| h.as_str()).collect::<Vec<_>>().join(", "),
        message: match (language, smaller) {
            (Language::Sv, true) => format!(
                "beloppen blir en tusendel av vad de är ({example}): sparades arket med ett talformat som delar med \
                 1 000? Kontrollera innan du importerar"
            ),
            (Language::Sv, false) => format!(
                "beloppen blir tusen gånger större ({example}): står de i tusental kronor i arket? Kontrollera innan \
                 du importerar"
            ),
            (Language::En, true) => format!(
                "the amounts become a thousandth of what they are ({example}): was the sheet saved with a number \
                 format that divides by 1,000? Check before importing"
            ),
            (Language::En, false) => format!(
                "the amounts become a thousand times larger ({example}): are they in thousands of kronor in the \
                 sheet? Check before importing"
            ),
        },
    })
}

/// A year's amounts as (development, management) in öre; `None` for a year not planned.
fn year_amounts(costs: &Value, year: i32) -> Option<[i64; 2]> {
    costs
        .as_array()?
        .iter()
        .find(|c| c["year"].as_i64() == Some(i64::from(year)))
        .map(|c| [c["development"].as_i64().unwrap_or(0), c["management"].as_i64().unwrap_or(0)])
}

/// Whether one amount is about a thousand times the other, as when a number format that divides by 1000
/// (`#,##0.00,"kr"`) was shown and saved as text: the shown value is rounded to the öre, so within 500 öre.
fn thousandfold(old: i64, new: i64) -> bool {
    if old == 0 || new == 0 || (old < 0) != (new < 0) {
        return false;
    }
    let (big, small) = if old.unsigned_abs() > new.unsigned_abs() { (old, new) } else { (new, old) };
    let (big, small) = (i128::from(big).abs(), i128::from(small).abs());
    (big - 1000 * small).abs() <= 500 + big / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thousandfold_change_is_recognised_through_the_rounding_of_what_was_shown() {
        // 1 250 000,50 kr shown with a format that divides by 1000: 1 250,00 kr.
        assert!(thousandfold(125_000_050, 125_000));
        assert!(thousandfold(420_000_000, 420_000));
        assert!(thousandfold(420_000, 420_000_000));
        assert!(!thousandfold(420_000_000, 410_000_000));
        assert!(!thousandfold(420_000_000, 0));
        assert!(!thousandfold(420_000_000, 400_000));
    }
}
