//! A row's record written through the same checks as the app's forms, and what the store refuses shown as
//! problems in the row.

use serde::Serialize;
use serde_json::Value;

use super::SheetProblem;
use crate::domain::{
    ActualOutcome, Benefit, Entity, FormRecord, Id, Initiative, ItemRef, Language, Organisation, Problems, Service,
    lifecycle,
};
use crate::error::{Error, Result};
use crate::sheets::SheetKind;
use crate::sheets::cells::{field, message, rule_text};
use crate::sheets::columns::Column;
use crate::store::{Stored, Writer};

/// An actual outcome's row (its item as an initiative's or a service's id) as the record: exactly one of the two
/// names the item (the row is checked for that before it is written).
fn outcome_of_row(record: &Value) -> Result<Value> {
    let item = match (record["initiative_id"].as_i64(), record["service_id"].as_i64()) {
        (Some(id), None) => ItemRef::Initiative(id),
        (None, Some(id)) => ItemRef::Service(id),
        _ => return Err(Error::BadSheet("an actual outcome names an initiative or a service".into())),
    };
    Ok(serde_json::json!({
        "id": record["id"],
        "item": item,
        "year": record["year"],
        "development": record["development"],
        "management": record["management"],
    }))
}

pub(super) fn write_record(writer: &mut Writer<'_>, kind: SheetKind, record: Value, update: bool) -> Result<Id> {
    fn put<T: Stored + PartialEq + Clone + serde::de::DeserializeOwned>(
        writer: &mut Writer<'_>,
        record: Value,
        update: bool,
    ) -> Result<Id> {
        // Read as a form reads it: a date that is no date (or none where one is needed) is a problem of its column.
        let mut form = FormRecord::<T>::read(record).map_err(|e| Error::BadSheet(e.to_string()))?;
        if !update {
            form.record.set_id(0);
        }
        writer.save_form(form)
    }
    match kind {
        SheetKind::Initiatives => put::<Initiative>(writer, record, update),
        SheetKind::Services => put::<Service>(writer, record, update),
        SheetKind::Organisations => put::<Organisation>(writer, record, update),
        SheetKind::Benefits => put::<Benefit>(writer, record, update),
        SheetKind::Actuals => put::<ActualOutcome>(writer, outcome_of_row(&record)?, update),
        SheetKind::Members => put::<crate::domain::Member>(writer, record, update),
        SheetKind::Providers => put::<crate::domain::Provider>(writer, record, update),
        SheetKind::Frames => put::<crate::domain::DecidedFrame>(writer, record, update),
        SheetKind::Ranking | SheetKind::Deviations => Err(Error::BadSheet(format!("{} are not imported", kind.key()))),
    }
}

/// The record as the store would keep it ([`Stored::normalise`]); as it is when it is no record of `kind` (the
/// write then reports the problem).
pub(super) fn normalised(kind: SheetKind, record: Value) -> Value {
    fn through<T: Stored + Serialize + serde::de::DeserializeOwned>(record: Value) -> Value {
        match serde_json::from_value::<T>(record.clone()) {
            Ok(mut typed) => {
                typed.normalise();
                serde_json::to_value(typed).unwrap_or(record)
            }
            Err(_) => record,
        }
    }
    match kind {
        SheetKind::Initiatives => through::<Initiative>(record),
        SheetKind::Services => through::<Service>(record),
        SheetKind::Organisations => through::<Organisation>(record),
        SheetKind::Benefits => through::<Benefit>(record),
        SheetKind::Members => through::<crate::domain::Member>(record),
        SheetKind::Providers => through::<crate::domain::Provider>(record),
        SheetKind::Frames => through::<crate::domain::DecidedFrame>(record),
        _ => record,
    }
}

pub(super) fn entity_of(kind: SheetKind) -> Entity {
    match kind {
        SheetKind::Services => Entity::Service,
        SheetKind::Organisations => Entity::Organisation,
        SheetKind::Benefits => Entity::Benefit,
        SheetKind::Actuals => Entity::ActualOutcome,
        SheetKind::Members => Entity::Member,
        SheetKind::Providers => Entity::Provider,
        SheetKind::Frames => Entity::DecidedFrame,
        _ => Entity::Initiative,
    }
}

/// A record's broken rules as problems in the row, under the columns of the fields. A duplicate names the value.
pub(super) fn row_problems(
    problems: &Problems,
    line: usize,
    record: &Value,
    columns: &[Column],
    headers: &[String],
    language: Language,
) -> Vec<SheetProblem> {
    problems
        .errors()
        .iter()
        .map(|error| {
            let field_key = match error.field.split(['[', '.']).next().unwrap_or_default() {
                // An actual outcome's item is the column that names it: the case number or the service's name.
                "item" if record["initiative_id"].is_null() => "service_id",
                "item" => "initiative_id",
                key => key,
            };
            let column = columns
                .iter()
                .find(|c| c.field == error.field || c.field.split('.').next() == Some(field_key))
                .map(|c| {
                    headers.iter().find(|h| c.matches(h)).cloned().unwrap_or_else(|| c.label(language).to_string())
                })
                .unwrap_or_else(|| {
                    if field_key == "costs" {
                        message(language, "Kostnader per år".into(), "Costs per year".into())
                    } else {
                        error.field.clone()
                    }
                });
            let text = match (&error.rule, field(record, &error.field).as_str()) {
                (crate::domain::Rule::Duplicate, Some(value)) => message(
                    language,
                    format!("\u{201d}{value}\u{201d} används redan av en annan post"),
                    format!("\u{201c}{value}\u{201d} is already used by another record"),
                ),
                _ => rule_text(&error.rule, language),
            };
            SheetProblem { row: line, column, message: text }
        })
        .collect()
}

/// What the store's refusal of a row's record means, as problems in the row; a database failure is no problem of
/// the row and is returned.
pub(super) fn refusal_problems(
    error: Error,
    line: usize,
    record: &Value,
    columns: &[Column],
    headers: &[String],
    language: Language,
) -> Result<Vec<SheetProblem>> {
    let l = |sv: &str, en: &str| message(language, sv.into(), en.into());
    let problem = match error {
        Error::Invalid { problems, .. } => {
            return Ok(row_problems(&problems, line, record, columns, headers, language));
        }
        Error::Transition { label, from, to, missing } => SheetProblem {
            row: line,
            column: l("Status", "State"),
            message: lifecycle::transition_text(language, &label, from, to, &missing),
        },
        Error::ServiceTransition { label, from, to, missing } => SheetProblem {
            row: line,
            column: l("Status", "State"),
            message: lifecycle::service_transition_text(language, &label, from, to, &missing),
        },
        Error::Locked(set) => SheetProblem {
            row: line,
            column: String::new(),
            message: message(
                language,
                format!("kriterieuppsättningen {set} är låst"),
                format!("criteria set {set} is locked"),
            ),
        },
        Error::Database(e) => return Err(Error::Database(e)),
        other => SheetProblem { row: line, column: String::new(), message: other.to_string() },
    };
    Ok(vec![problem])
}
