//! The portfolio as a whole: every record of every kind checked as a portfolio import checks it (its own rules and
//! those against the other records). The one list of kinds, parents first, is here: the JSON import
//! (`interchange`) and every spreadsheet import (`sheets::import`) check through it, so what one accepts the other
//! accepts too and a sheet can never leave a portfolio that its own JSON export cannot bring back.

use rusqlite::Connection;

use super::record::Stored;
use crate::domain::{
    ActualOutcome, Attachment, Benefit, CriteriaSet, DecidedFrame, Decision, Deviation, DocumentProfile, Entity,
    FieldError, FundingCase, GateResult, Id, Initiative, Meeting, Member, Organisation, Pairwise, Parameters, Problems,
    Provider, Scenario, Score, Service, YearlyAnalysis,
};
use crate::error::Result;

/// A record that breaks a rule of the portfolio.
#[derive(Debug, Clone)]
pub struct Broken {
    pub entity: Entity,
    pub id: Id,
    pub label: String,
    pub error: FieldError,
    /// The records it depends on ([`Stored::depends_on`]), to name the change that broke it.
    pub depends_on: Vec<(Entity, Id)>,
}

impl Broken {
    /// A key that recognises the same problem before and after a change.
    pub fn key(&self) -> (Entity, Id, String, String) {
        (self.entity, self.id, self.error.field.clone(), format!("{:?}", self.error.rule))
    }
}

/// Something done for each kind of record, in [`every_kind`]'s order.
pub(crate) trait EachKind {
    fn kind<T: Stored + Clone>(&mut self, conn: &Connection) -> Result<()>;
}

/// Calls `visitor` for every kind of record, parents first (the order a portfolio import writes them in).
pub(crate) fn every_kind(conn: &Connection, visitor: &mut impl EachKind) -> Result<()> {
    visitor.kind::<Organisation>(conn)?;
    visitor.kind::<Provider>(conn)?;
    visitor.kind::<Service>(conn)?;
    visitor.kind::<Initiative>(conn)?;
    visitor.kind::<Member>(conn)?;
    visitor.kind::<CriteriaSet>(conn)?;
    visitor.kind::<Score>(conn)?;
    visitor.kind::<Pairwise>(conn)?;
    visitor.kind::<GateResult>(conn)?;
    visitor.kind::<Scenario>(conn)?;
    visitor.kind::<Parameters>(conn)?;
    visitor.kind::<FundingCase>(conn)?;
    visitor.kind::<Meeting>(conn)?;
    visitor.kind::<Decision>(conn)?;
    visitor.kind::<Attachment>(conn)?;
    visitor.kind::<DocumentProfile>(conn)?;
    visitor.kind::<Benefit>(conn)?;
    visitor.kind::<Deviation>(conn)?;
    visitor.kind::<YearlyAnalysis>(conn)?;
    visitor.kind::<DecidedFrame>(conn)?;
    visitor.kind::<ActualOutcome>(conn)
}

/// The problems of one record as the portfolio holds it: normalised and completed as a write would, then its own
/// rules and those against the others.
pub(crate) fn problems_of<T: Stored + Clone>(conn: &Connection, record: &T) -> Result<Problems> {
    let mut record = record.clone();
    record.normalise();
    record.complete(conn)?;
    let mut problems = record.check_alone();
    record.check_against(conn, &mut problems)?;
    Ok(problems)
}

/// Every broken rule in the portfolio, record by record, in [`every_kind`]'s order.
pub(crate) fn broken_records(conn: &Connection) -> Result<Vec<Broken>> {
    struct Collect(Vec<Broken>);
    impl EachKind for Collect {
        fn kind<T: Stored + Clone>(&mut self, conn: &Connection) -> Result<()> {
            for record in T::load_all(conn)? {
                for error in problems_of(conn, &record)?.errors() {
                    self.0.push(Broken {
                        entity: T::ENTITY,
                        id: record.id(),
                        label: record.label(),
                        error: error.clone(),
                        depends_on: record.depends_on(),
                    });
                }
            }
            Ok(())
        }
    }
    let mut collect = Collect(Vec::new());
    every_kind(conn, &mut collect)?;
    Ok(collect.0)
}

/// What keeps the record `id` of `entity` from being deleted: the labels of the records that refer to it
/// ([`Stored::used_by`]), for asking before a deletion rather than refusing after it.
pub(crate) fn dependents(conn: &Connection, entity: Entity, id: Id) -> Result<Vec<String>> {
    struct Find {
        entity: Entity,
        id: Id,
        found: Vec<String>,
    }
    impl EachKind for Find {
        fn kind<T: Stored + Clone>(&mut self, conn: &Connection) -> Result<()> {
            if T::ENTITY == self.entity {
                self.found = T::used_by(conn, self.id)?;
            }
            Ok(())
        }
    }
    let mut find = Find { entity, id, found: Vec::new() };
    every_kind(conn, &mut find)?;
    Ok(find.found)
}
