//! The portfolio as a whole after an import: what a portfolio import would check, so that rows which pass the
//! forms one by one cannot leave records broken against each other.

use crate::domain::{Entity, Id, Language};
use std::collections::{BTreeMap, BTreeSet};

use super::SheetProblem;
use crate::error::Result;
use crate::sheets::SheetKind;
use crate::sheets::cells::{message, rule_text};
use crate::sheets::columns::columns;
use crate::store::Reader;

/// The column header a record's field is shown under in sheets of its kind, or the field's key.
pub(super) fn field_label(entity: Entity, field: &str, language: Language) -> String {
    let kind = match entity {
        Entity::Initiative => SheetKind::Initiatives,
        Entity::Service => SheetKind::Services,
        Entity::Organisation => SheetKind::Organisations,
        Entity::Benefit => SheetKind::Benefits,
        Entity::ActualOutcome => SheetKind::Actuals,
        Entity::DecidedFrame => SheetKind::Frames,
        Entity::YearlyAnalysis => return analysis_field_label(field, language),
        _ => return field.to_string(),
    };
    let head = field.split(['[', '.']).next().unwrap_or_default();
    columns(kind)
        .iter()
        .find(|c| c.field == field || c.field.split('.').next() == Some(head))
        .map_or_else(|| field.to_string(), |c| c.label(language).to_string())
}

/// A yearly analysis's list a field belongs to, as the analysis's sheet and paper name it.
fn analysis_field_label(field: &str, language: Language) -> String {
    let sv = language == Language::Sv;
    let head = field.split(['[', '.']).next().unwrap_or_default();
    let label = match head {
        "security_levels" if sv => "informationssäkerhetsnivå för nästa period",
        "security_levels" => "security level for the next period",
        "development_needs" if sv => "utvecklingsbehov",
        "development_needs" => "development need",
        "investments" if sv => "investering",
        "investments" => "investment",
        "requirements" if sv => "inkommande krav",
        "requirements" => "incoming requirement",
        _ => return field.to_string(),
    };
    label.to_string()
}

/// The rules broken after an import that were not broken before (`before`, by [`Broken::key`]), each as a problem
/// of the row that wrote the record or one it depends on (`written`), else of the header row.
pub(super) fn new_breaks(
    reader: &Reader,
    before: &BTreeSet<(Entity, Id, String, String)>,
    written: &BTreeMap<(Entity, Id), usize>,
    header_row: usize,
    language: Language,
) -> Result<Vec<SheetProblem>> {
    let mut problems = Vec::new();
    for broken in reader.broken_records()? {
        if before.contains(&broken.key()) {
            continue;
        }
        let row = written
            .get(&(broken.entity, broken.id))
            .or_else(|| broken.depends_on.iter().find_map(|p| written.get(p)))
            .copied()
            .unwrap_or(header_row);
        let what = format!("{} \u{201d}{}\u{201d}", broken.entity.label(language), broken.label);
        let field = field_label(broken.entity, &broken.error.field, language);
        let rule = rule_text(&broken.error.rule, language);
        problems.push(SheetProblem {
            row,
            column: String::new(),
            message: message(
                language,
                format!("ändringen gör att {what} inte längre stämmer: {field} {rule}"),
                format!("the change leaves {what} broken: {field} {rule}"),
            ),
        });
    }
    Ok(problems)
}
