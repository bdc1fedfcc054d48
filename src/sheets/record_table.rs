//! Writing the importable kinds as tables: the export, which is also the template (the same columns, formats and
//! order, with the portfolio's records or none).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::cells::Form;
use super::cells::{Names, field, label_of, yes};
use super::columns::{columns, computed, cost_header, has_cost_columns};
use super::{Cell, ColumnKind, SheetKind, Table};
use crate::domain::{ActualOutcome, Benefit, Initiative, Language, Organisation, Service};
use crate::error::Result;
use crate::money::Money;
use crate::store::{Reader, Stored};

/// A field's value as a cell.
pub(super) fn cell(value: &Value, form: Form, names: &Names, language: Language) -> Cell {
    let text = |s: String| if s.is_empty() { Cell::Empty } else { Cell::Text(s) };
    match form {
        Form::Text => text(value.as_str().unwrap_or_default().to_string()),
        Form::Date => date_cell(value.as_str()),
        Form::Money | Form::Amount => value.as_i64().map_or(Cell::Empty, |ore| Cell::Money(Money::from_ore(ore))),
        Form::Year => value.as_i64().map_or(Cell::Empty, |year| Cell::Number(year.into())),
        Form::Service => text(Names::name(&names.services, value.as_i64())),
        Form::Decimal => value.as_str().and_then(|s| Decimal::from_str(s).ok()).map_or(Cell::Empty, Cell::Number),
        Form::Bool => text(if value.as_bool() == Some(true) { yes(language).into() } else { String::new() }),
        Form::Level => value.get("level").and_then(Value::as_i64).map_or(Cell::Empty, |l| Cell::Number(l.into())),
        Form::Term(terms) | Form::TermOr(terms, _) => text(label_of(terms, value, language)),
        Form::Organisation => text(Names::name(&names.organisations, value.as_i64())),
        Form::Provider => text(Names::name(&names.providers, value.as_i64())),
        Form::Initiative => text(Names::name(&names.initiatives, value.as_i64())),
        Form::Organisations => text(
            value
                .as_array()
                .map(|ids| {
                    ids.iter().map(|id| Names::name(&names.organisations, id.as_i64())).collect::<Vec<_>>().join(", ")
                })
                .unwrap_or_default(),
        ),
        Form::Customers => text(super::cells::customers_text(value, names, language)),
        Form::Terms(terms) => text(super::cells::terms_text(terms, value, language)),
        Form::Risks => text(super::cells::risks_text(value, language)),
    }
}

/// The names of a service's customers without their board's instructions while the provider processes personal
/// data on their behalf (the engine's rule, `Service::customers_without_instructions`).
pub(super) fn without_instructions(record: &Value, names: &Names) -> Vec<String> {
    serde_json::from_value::<Service>(record.clone())
        .map(|s| s.customers_without_instructions())
        .unwrap_or_default()
        .into_iter()
        .map(|id| Names::name(&names.organisations, Some(id)))
        .collect()
}

/// A stored `YYYY-MM-DD` as a date cell (a text that is no date stays text, so nothing is lost).
pub(super) fn date_cell(text: Option<&str>) -> Cell {
    match text.filter(|t| !t.is_empty()) {
        None => Cell::Empty,
        Some(t) => crate::time::parse_date(t).map_or_else(|| Cell::Text(t.to_string()), Cell::Date),
    }
}

pub(super) fn column_kind(form: Form) -> ColumnKind {
    match form {
        Form::Money | Form::Amount => ColumnKind::Money,
        Form::Date => ColumnKind::Date,
        Form::Decimal | Form::Level | Form::Year => ColumnKind::Number,
        _ => ColumnKind::Text,
    }
}

/// Every record of an importable kind as JSON, in the portfolio's order.
pub(super) fn records(reader: &Reader, kind: SheetKind) -> Result<Vec<Value>> {
    fn all<T: Stored + Serialize>(reader: &Reader) -> Result<Vec<Value>> {
        Ok(reader.all::<T>()?.iter().map(|r| serde_json::to_value(r).expect("records serialise")).collect())
    }
    match kind {
        SheetKind::Initiatives => all::<Initiative>(reader),
        SheetKind::Services => all::<Service>(reader),
        SheetKind::Organisations => all::<Organisation>(reader),
        SheetKind::Benefits => all::<Benefit>(reader),
        SheetKind::Actuals => Ok(reader.actual_outcomes()?.iter().map(actual_row).collect()),
        SheetKind::Members => all::<crate::domain::Member>(reader),
        SheetKind::Frames => all::<crate::domain::DecidedFrame>(reader),
        SheetKind::Providers => all::<crate::domain::Provider>(reader),
        SheetKind::Ranking | SheetKind::Deviations => Ok(Vec::new()),
    }
}

/// An actual outcome as a sheet's row holds it: its item as an initiative's or a service's id, one of them set.
pub(super) fn actual_row(outcome: &ActualOutcome) -> Value {
    serde_json::json!({
        "id": outcome.id,
        "initiative_id": outcome.item.initiative(),
        "service_id": outcome.item.service(),
        "year": outcome.year,
        "development": outcome.development,
        "management": outcome.management,
    })
}

/// The years a sheet has cost columns for: every year any of its records plans.
fn cost_years(records: &[Value]) -> Vec<i32> {
    let mut years: Vec<i32> = records
        .iter()
        .flat_map(|r| r["costs"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["year"].as_i64().and_then(|y| i32::try_from(y).ok()))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The table of an importable kind: the template with the portfolio's records in it. `template_from`: for an
/// empty template, initiatives and services get cost columns for the planning period from it
/// ([`crate::domain::PLANNING_PERIOD_YEARS`]).
pub(super) fn table(
    reader: &Reader,
    kind: SheetKind,
    language: Language,
    name: String,
    template_from: Option<i32>,
) -> Result<Table> {
    let names = Names::load(reader)?;
    let records = if template_from.is_some() { Vec::new() } else { records(reader, kind)? };
    let columns = columns(kind);
    let mut headers: Vec<String> = columns.iter().map(|c| c.label(language).to_string()).collect();
    let mut kinds: Vec<ColumnKind> = columns.iter().map(|c| column_kind(c.form)).collect();
    let years = match (has_cost_columns(kind), template_from) {
        (true, Some(first)) => (first..first + crate::domain::PLANNING_PERIOD_YEARS).collect(),
        (true, None) => cost_years(&records),
        (false, _) => Vec::new(),
    };
    for year in &years {
        headers.push(cost_header(true, *year, language));
        headers.push(cost_header(false, *year, language));
        kinds.extend([ColumnKind::Money, ColumnKind::Money]);
    }
    headers.extend(computed(kind, language).into_iter().map(str::to_string));
    match kind {
        SheetKind::Benefits => kinds.extend([ColumnKind::Number, ColumnKind::Date]),
        SheetKind::Services => kinds.push(ColumnKind::Text),
        _ => {}
    }
    let rows = records
        .iter()
        .map(|record| {
            let mut row: Vec<Cell> =
                columns.iter().map(|c| cell(field(record, c.field), c.form, &names, language)).collect();
            for year in &years {
                let cost = record["costs"]
                    .as_array()
                    .and_then(|costs| costs.iter().find(|c| c["year"].as_i64() == Some(i64::from(*year))).cloned());
                for part in ["development", "management"] {
                    row.push(
                        cost.as_ref()
                            .and_then(|c| c[part].as_i64())
                            .map_or(Cell::Empty, |o| Cell::Money(Money::from_ore(o))),
                    );
                }
            }
            if kind == SheetKind::Benefits {
                let latest = record["measurements"].as_array().and_then(|m| m.last());
                row.push(
                    latest
                        .and_then(|m| m["value"].as_str())
                        .and_then(|v| Decimal::from_str(v).ok())
                        .map_or(Cell::Empty, Cell::Number),
                );
                row.push(date_cell(latest.and_then(|m| m["date"].as_str())));
            }
            if kind == SheetKind::Services {
                let without = without_instructions(record, &names);
                row.push(if without.is_empty() { Cell::Empty } else { Cell::Text(without.join("; ")) });
            }
            row
        })
        .collect();
    Ok(Table { name, headers, rows, kinds, totals: 0, guide: guide(&columns, language) })
}

/// Help in the sheet for whoever fills it in: a drop-down list on every column of a closed list, and a note on the
/// columns that hold several values in a cell (the laws, the risks).
fn guide(columns: &[super::columns::Column], language: Language) -> super::Guide {
    let sv = language == Language::Sv;
    let labels = |terms: fn() -> Vec<crate::domain::Term>| -> Vec<String> {
        terms().into_iter().map(|t| t.label(language).to_string()).collect()
    };
    let mut guide = super::Guide::default();
    for (index, column) in columns.iter().enumerate() {
        match column.form {
            Form::Term(terms) | Form::TermOr(terms, _) => guide.choices.push((index, labels(terms))),
            Form::Terms(terms) => {
                let note = if sv {
                    format!("En eller flera, åtskilda med semikolon eller radbrytning: {}.", labels(terms).join("; "))
                } else {
                    format!("One or more, separated by semicolons or line breaks: {}.", labels(terms).join("; "))
                };
                guide.notes.push((index, note));
            }
            Form::Risks => {
                let levels = labels(crate::domain::RiskLevel::terms).join(", ");
                let note = if sv {
                    format!(
                        "En risk per rad (Alt+Retur i Excel): risk | sannolikhet | konsekvens | åtgärd. Sannolikhet \
                         och konsekvens: {levels}. Åtgärden kan utelämnas."
                    )
                } else {
                    format!(
                        "One risk a line (Alt+Enter in Excel): risk | likelihood | consequence | action. Likelihood \
                         and consequence: {levels}. The action may be left out."
                    )
                };
                guide.notes.push((index, note));
            }
            _ => {}
        }
    }
    guide
}
