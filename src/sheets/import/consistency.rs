//! The portfolio as a whole after an import: what a portfolio import would check, so that rows which pass the
//! forms one by one cannot leave records broken against each other.

use crate::domain::{
    Attachment, Benefit, CriteriaSet, Decision, Deviation, DocumentProfile, Entity, FieldError, FundingCase,
    GateResult, Id, Initiative, Language, Meeting, Member, Organisation, Pairwise, Parameters, Problems, Provider,
    Scenario, Score, Service,
};
use std::collections::{BTreeMap, BTreeSet};

use super::SheetProblem;
use crate::error::Result;
use crate::sheets::SheetKind;
use crate::sheets::cells::{message, rule_text};
use crate::sheets::columns::columns;
use crate::store::{Reader, Stored};

/// Records broken against the rules a portfolio import checks, keyed so that the same problem before and after
/// an import is recognised.
pub(super) struct Broken {
    entity: Entity,
    id: Id,
    label: String,
    error: FieldError,
    /// The records it depends on, for naming the row that broke it.
    parents: Vec<(Entity, Id)>,
}

impl Broken {
    pub(super) fn key(&self) -> (Entity, Id, String, String) {
        (self.entity, self.id, self.error.field.clone(), format!("{:?}", self.error.rule))
    }
}

/// Every broken rule in the portfolio: each record's own rules and those against the others (references,
/// uniqueness, the benefit owner on the customer side), exactly what a portfolio import checks.
pub(super) fn broken_records(reader: &Reader) -> Result<Vec<Broken>> {
    fn each<T: Stored + Clone>(
        reader: &Reader,
        out: &mut Vec<Broken>,
        parents: impl Fn(&T) -> Vec<(Entity, Id)>,
    ) -> Result<()> {
        for record in reader.all::<T>()? {
            let problems: Problems = reader.problems(&record)?;
            for error in problems.errors() {
                out.push(Broken {
                    entity: T::ENTITY,
                    id: record.id(),
                    label: record.label(),
                    error: error.clone(),
                    parents: parents(&record),
                });
            }
        }
        Ok(())
    }
    fn none<T>(_: &T) -> Vec<(Entity, Id)> {
        Vec::new()
    }
    let mut out = Vec::new();
    each::<Organisation>(reader, &mut out, |o| o.parent_id.map(|p| (Entity::Organisation, p)).into_iter().collect())?;
    each::<Provider>(reader, &mut out, none)?;
    each::<Service>(reader, &mut out, none)?;
    each::<Initiative>(reader, &mut out, none)?;
    each::<Member>(reader, &mut out, none)?;
    each::<CriteriaSet>(reader, &mut out, none)?;
    each::<Score>(reader, &mut out, none)?;
    each::<Pairwise>(reader, &mut out, none)?;
    each::<GateResult>(reader, &mut out, none)?;
    each::<Scenario>(reader, &mut out, none)?;
    each::<Parameters>(reader, &mut out, none)?;
    each::<FundingCase>(reader, &mut out, |f| {
        let initiative = f.initiative_id.map(|i| (Entity::Initiative, i));
        initiative.into_iter().chain(f.service_id.map(|s| (Entity::Service, s))).collect()
    })?;
    each::<Meeting>(reader, &mut out, none)?;
    each::<Decision>(reader, &mut out, none)?;
    each::<Attachment>(reader, &mut out, none)?;
    each::<DocumentProfile>(reader, &mut out, none)?;
    each::<Benefit>(reader, &mut out, |b| vec![(Entity::Initiative, b.initiative_id)])?;
    each::<crate::domain::DecidedFrame>(reader, &mut out, none)?;
    each::<crate::domain::ActualOutcome>(reader, &mut out, |a| {
        vec![match a.item {
            crate::domain::ItemRef::Initiative(id) => (Entity::Initiative, id),
            crate::domain::ItemRef::Service(id) => (Entity::Service, id),
        }]
    })?;
    each::<Deviation>(reader, &mut out, |d| d.service_id.map(|s| (Entity::Service, s)).into_iter().collect())?;
    Ok(out)
}

/// The column header a record's field is shown under in sheets of its kind, or the field's key.
pub(super) fn field_label(entity: Entity, field: &str, language: Language) -> String {
    let kind = match entity {
        Entity::Initiative => SheetKind::Initiatives,
        Entity::Service => SheetKind::Services,
        Entity::Organisation => SheetKind::Organisations,
        Entity::Benefit => SheetKind::Benefits,
        Entity::ActualOutcome => SheetKind::Actuals,
        _ => return field.to_string(),
    };
    let head = field.split(['[', '.']).next().unwrap_or_default();
    columns(kind)
        .iter()
        .find(|c| c.field == field || c.field.split('.').next() == Some(head))
        .map_or_else(|| field.to_string(), |c| c.label(language).to_string())
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
    for broken in broken_records(reader)? {
        if before.contains(&broken.key()) {
            continue;
        }
        let row = written
            .get(&(broken.entity, broken.id))
            .or_else(|| broken.parents.iter().find_map(|p| written.get(p)))
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
