//! Write access inside one transaction: every change checked, written and recorded in the history.

use super::*;

use rusqlite::Connection;

use crate::domain::{
    Attachment, CriteriaSet, Decision, FormRecord, FundingCase, GateResult, Id, Initiative, Meeting, Member,
    Organisation, Pairwise, Provider, Scenario, Score, Service,
};
use crate::error::{Error, Result};

/// Write access inside one transaction (see [`Portfolio::write`]). Every write checks the record first and
/// records the change in the history.
pub struct Writer<'a> {
    pub(super) conn: &'a Connection,
    pub(super) stamp: &'a Stamp,
    /// Why the changes are made, kept with each in the history (e.g. "Svar från …", or the decision that makes
    /// them); empty for none.
    pub(super) why: Why,
}

impl Writer<'_> {
    /// Refuses to change what belongs to a locked criteria set.
    pub(super) fn refuse_if_locked_record<T: Stored>(&self, record: &T) -> Result<()> {
        match record.guarding_set(self.conn)? {
            Some(set) => criteria_sets::refuse_if_locked(self.conn, set),
            None => Ok(()),
        }
    }

    /// Sets the note kept with the changes that follow in the history (empty for none).
    pub fn set_note(&mut self, note: impl Into<String>) {
        self.why = Why::note(note);
    }

    /// Reads inside the transaction (sees what this transaction wrote).
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: self.conn }
    }

    fn checked<T: Stored>(&self, record: &mut T) -> Result<()> {
        record.normalise();
        record.complete(self.conn)?;
        let mut problems = record.check_alone();
        record.check_against(self.conn, &mut problems)?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid { entity: T::ENTITY, label: history::label_of(self.conn, record)?, problems })
        }
    }

    /// Creates a record and returns its new id. The record's own id is ignored.
    pub fn create<T: Stored>(&mut self, mut record: T) -> Result<Id> {
        record.set_id(0);
        self.checked(&mut record)?;
        record.guard_change(None, self.conn)?;
        self.refuse_if_locked_record(&record)?;
        let id = record.insert(self.conn)?;
        record.set_id(id);
        history::record(self.conn, self.stamp, Action::Create, &self.why, None, Some(&record))?;
        for consequence in record.consequences(None) {
            self.apply(consequence)?;
        }
        Ok(id)
    }

    /// Creates the record when its id is 0, else replaces the stored one ([`Writer::create`], [`Writer::update`]).
    /// Returns its id.
    pub fn save<T: Stored + PartialEq>(&mut self, record: T) -> Result<Id> {
        match record.id() {
            0 => self.create(record),
            id => self.update(record).map(|()| id),
        }
    }

    /// Saves a record as a form sent it ([`FormRecord`]): refused, with every problem of the form, while a field
    /// could not be read.
    pub fn save_form<T: Stored + PartialEq + Clone>(&mut self, form: FormRecord<T>) -> Result<Id> {
        if form.unreadable.is_empty() {
            return self.save(form.record);
        }
        let problems = self.read().form_problems(&form)?;
        Err(Error::Invalid { entity: T::ENTITY, label: history::label_of(self.conn, &form.record)?, problems })
    }

    /// Replaces the stored record that has `record`'s id. Unchanged fields leave no trace in the history.
    pub fn update<T: Stored + PartialEq>(&mut self, mut record: T) -> Result<()> {
        let old: T = self.read().get(record.id())?;
        self.checked(&mut record)?;
        if old == record {
            return Ok(());
        }
        record.guard_change(Some(&old), self.conn)?;
        self.refuse_if_locked_record(&old)?;
        self.refuse_if_locked_record(&record)?;
        record.update(self.conn)?;
        history::record(self.conn, self.stamp, Action::Update, &self.why, Some(&old), Some(&record))?;
        for consequence in record.consequences(Some(&old)) {
            self.apply(consequence)?;
        }
        Ok(())
    }

    /// Applies what a change makes happen to other records, each recorded in its history with the consequence's
    /// note.
    fn apply(&mut self, consequence: record::Consequence) -> Result<()> {
        use crate::domain::{FundingModel, ServiceCategory};
        use record::Consequence;
        let saved = self.why.clone();
        let result = match consequence {
            Consequence::EndsUseOfService { service, organisation, from_year, note } => {
                self.why = Why { note, ..saved.clone() };
                let mut stored: Service = self.read().get(service)?;
                let before = stored.customers.len();
                stored.customers.retain(|c| c.organisation_id != organisation);
                if stored.customers.len() != before {
                    self.update(stored)?;
                }
                match self.read().funding_case_of(None, Some(service))? {
                    Some(mut case) => {
                        let years: Vec<i32> = case.years.iter().map(|y| y.year).collect();
                        if let Some(customer) = case.customers.iter_mut().find(|c| c.organisation_id == organisation) {
                            for (i, year) in years.iter().enumerate() {
                                if *year >= from_year {
                                    if let Some(v) = customer.forecast_volume.get_mut(i) {
                                        *v = rust_decimal::Decimal::ZERO;
                                    }
                                    if let Some(v) = customer.actual_volume.get_mut(i) {
                                        *v = v.map(|_| rust_decimal::Decimal::ZERO);
                                    }
                                }
                            }
                        }
                        // A customer with no volume left in any year is no longer one of the case's.
                        case.customers.retain(|c| {
                            c.organisation_id != organisation
                                || c.forecast_volume.iter().any(|v| !v.is_zero())
                                || c.actual_volume.iter().any(|v| v.is_some_and(|v| !v.is_zero()))
                        });
                        self.update(case)
                    }
                    None => Ok(()),
                }
            }
            Consequence::RedefinedAsAdditional { service, note } => {
                self.why = Why { note, ..saved.clone() };
                let stored: Service = self.read().get(service)?;
                // Riktlinjen, "Tjänster och förändringsinsatser": a tilläggstjänst is paid by "Fakturering för såld
                // tjänst".
                let funding_model = stored.funding_model.map(|_| FundingModel::InvoicePerUnit);
                self.update(Service { category: ServiceCategory::Additional, funding_model, ..stored })
            }
        };
        self.why = saved;
        result
    }

    /// Deletes a record that nothing else refers to.
    pub fn delete<T: Stored>(&mut self, id: Id) -> Result<()> {
        let old: T = self.read().get(id)?;
        self.refuse_if_locked_record(&old)?;
        let users = T::used_by(self.conn, id)?;
        if !users.is_empty() {
            const SHOWN: usize = 5;
            let mut used_by = users.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
            if users.len() > SHOWN {
                used_by.push_str(&format!(", … ({} in all)", users.len()));
            }
            return Err(Error::InUse { entity: T::ENTITY, label: old.label(), count: users.len(), used_by });
        }
        history::record(self.conn, self.stamp, Action::Delete, &self.why, Some(&old), None)?;
        T::remove(self.conn, id)
    }

    /// Sets a member's score of an initiative or a service on a criterion (creating or replacing it). `value: None` is
    /// "don't know". Returns the score's id.
    pub fn put_score(&mut self, mut score: Score) -> Result<Id> {
        match scores::score_in_cell(self.conn, score.criterion_id, score.item, score.member_id)? {
            Some(id) => {
                score.id = id;
                self.update(score)?;
                Ok(id)
            }
            None => self.create(score),
        }
    }

    /// Replaces a member's pairwise comparisons of a set. Returns their id.
    pub fn put_pairwise(&mut self, mut pairwise: Pairwise) -> Result<Id> {
        match scores::pairwise_of(self.conn, pairwise.set_id, pairwise.member_id)? {
            Some(id) => {
                pairwise.id = id;
                self.update(pairwise)?;
                Ok(id)
            }
            None => self.create(pairwise),
        }
    }

    /// Sets an initiative's or a service's result at a gate (creating or replacing it). Returns its id.
    pub fn put_gate_result(&mut self, mut result: GateResult) -> Result<Id> {
        match scores::gate_result_of(self.conn, result.gate_id, result.item)? {
            Some(id) => {
                result.id = id;
                self.update(result)?;
                Ok(id)
            }
            None => self.create(result),
        }
    }

    /// Copies a criteria set (categories, criteria with anchors and weights, gates, initiatives) to a new, unlocked
    /// set for another planning period. Scores and comparisons are not copied. Returns the new set's id.
    pub fn copy_criteria_set(&mut self, id: Id, name: &str, period_start: i32, period_end: i32) -> Result<Id> {
        let mut copy: CriteriaSet = self.read().get(id)?;
        copy.id = 0;
        copy.name = name.to_string();
        copy.period_start = period_start;
        copy.period_end = period_end;
        copy.locked = false;
        copy.criteria.iter_mut().for_each(|c| c.id = 0);
        copy.gates.iter_mut().for_each(|g| g.id = 0);
        // The new period values what may still be valued: a finished, not prioritised or stopped initiative stays in
        // the old set only (`lifecycle::may_enter_criteria_set`).
        let mut kept = Vec::with_capacity(copy.initiative_ids.len());
        for id in copy.initiative_ids {
            let initiative: Initiative = self.read().get(id)?;
            if crate::domain::lifecycle::may_enter_criteria_set(initiative.track, initiative.state).is_none() {
                kept.push(id);
            }
        }
        copy.initiative_ids = kept;
        self.create(copy)
    }

    /// Inserts records that keep their ids (an import). References are checked by [`Writer::check_imported`]
    /// once everything is in, so records may refer to ones that come later in the file.
    pub(crate) fn insert_keeping_id<T: Stored>(&mut self, mut record: T) -> Result<()> {
        record.normalise();
        record.complete(self.conn)?;
        let problems = record.check_alone();
        if !problems.is_empty() {
            return Err(Error::Invalid { entity: T::ENTITY, label: record.label(), problems });
        }
        match record.insert(self.conn) {
            Ok(_) => Ok(()),
            // Two records the file holds twice under different ids (two scores of one cell by one member, a gate
            // result or a frame twice, two funding cases of one initiative): named, not SQLite's words.
            Err(Error::Database(rusqlite::Error::SqliteFailure(failure, Some(message))))
                if failure.code == rusqlite::ErrorCode::ConstraintViolation && message.starts_with("UNIQUE") =>
            {
                let columns = message.split(": ").nth(1).unwrap_or_default();
                let fields: Vec<&str> = columns.split(", ").map(|c| c.rsplit('.').next().unwrap_or(c)).collect();
                let mut problems = crate::domain::Problems::new();
                problems.add(fields.join(", "), crate::domain::Rule::Duplicate);
                Err(Error::Invalid { entity: T::ENTITY, label: record.label(), problems })
            }
            Err(other) => Err(other),
        }
    }

    /// Checks every stored record of every kind as the portfolio holds it ([`super::whole`], the same check every
    /// sheet import passes) and records each in the history as imported. Fails on the first broken record.
    pub(crate) fn check_imported_portfolio(&self, note: &str) -> Result<()> {
        struct CheckAndRecord<'a> {
            stamp: &'a Stamp,
            note: &'a str,
        }
        impl super::whole::EachKind for CheckAndRecord<'_> {
            fn kind<T: Stored + Clone>(&mut self, conn: &Connection) -> Result<()> {
                for record in T::load_all(conn)? {
                    let problems = super::whole::problems_of(conn, &record)?;
                    if !problems.is_empty() {
                        return Err(Error::Invalid { entity: T::ENTITY, label: record.label(), problems });
                    }
                    history::record(conn, self.stamp, Action::Import, &Why::note(self.note), None, Some(&record))?;
                }
                Ok(())
            }
        }
        super::whole::every_kind(self.conn, &mut CheckAndRecord { stamp: self.stamp, note })
    }

    /// Replaces the labels of the K/R/T scale.
    pub(crate) fn set_security_scale(&mut self, labels: &[String]) -> Result<()> {
        for (level, label) in labels.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO security_scale (level, label) VALUES (?1, ?2)
                 ON CONFLICT (level) DO UPDATE SET label = excluded.label",
                rusqlite::params![level as i64, label],
            )?;
        }
        Ok(())
    }

    /// Deletes every record (for a whole-portfolio import), with a history entry for each.
    pub(crate) fn clear(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "defer_foreign_keys", true)?;
        self.delete_all::<crate::domain::ActualOutcome>()?;
        self.delete_all::<crate::domain::YearlyAnalysis>()?;
        self.delete_all::<crate::domain::DecidedFrame>()?;
        self.delete_all::<crate::domain::Deviation>()?;
        self.delete_all::<crate::domain::Benefit>()?;
        self.delete_all::<Attachment>()?;
        self.delete_all::<Decision>()?;
        self.delete_all::<Meeting>()?;
        self.delete_all::<FundingCase>()?;
        self.delete_all::<Scenario>()?;
        self.delete_all::<GateResult>()?;
        self.delete_all::<Pairwise>()?;
        self.delete_all::<Score>()?;
        self.delete_all::<CriteriaSet>()?;
        self.delete_all::<Member>()?;
        self.delete_all::<Initiative>()?;
        self.delete_all::<Service>()?;
        self.delete_all::<Provider>()?;
        self.delete_all::<Organisation>()
    }

    fn delete_all<T: Stored>(&mut self) -> Result<()> {
        for record in T::load_all(self.conn)? {
            history::record(self.conn, self.stamp, Action::Delete, &Why::default(), Some(&record), None)?;
            T::remove(self.conn, record.id())?;
        }
        Ok(())
    }
}
