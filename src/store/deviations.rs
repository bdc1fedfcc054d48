use rusqlite::{Connection, params};

use super::Reader;
use super::record::{
    Consequence, Stored, date_column, exists, id_or_new, json_column, key_column, optional_date_column, record_id,
    select_all, select_one,
};
use crate::domain::{
    Decider, Deviation, DeviationFacts, DeviationKind, DeviationStep, Framework, Id, Language, OptOutOutcome,
    Organisation, Problems, Reason, Rule, Service,
};
use crate::error::Result;
use crate::time::{self, Datelike, Timestamp, date_text, optional_date_text};

const COLUMNS: &str = "id, kind, service_id, organisation_id, title, description, security, registered, deadline, action_plan, outcome, steps, framework, motivation, decision_date, decided_by_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Deviation> {
    let outcome: Option<String> = row.get(10)?;
    Ok(Deviation {
        id: row.get(0)?,
        kind: key_column(row, 1, DeviationKind::from_key)?,
        service_id: row.get(2)?,
        organisation_id: row.get(3)?,
        title: row.get(4)?,
        description: row.get(5)?,
        security: row.get(6)?,
        registered: date_column(row, 7)?,
        deadline: optional_date_column(row, 8)?,
        action_plan: row.get(9)?,
        outcome: outcome.as_deref().and_then(OptOutOutcome::from_key),
        steps: json_column(row, 11)?,
        framework: row.get::<_, Option<String>>(12)?.as_deref().and_then(Framework::from_key),
        motivation: row.get(13)?,
        decision_date: optional_date_column(row, 14)?,
        decided_by_id: row.get(15)?,
    })
}

fn write(conn: &Connection, d: &Deviation, id: Option<Id>) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO deviation ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        ),
        params![
            id,
            d.kind.key(),
            d.service_id,
            d.organisation_id,
            d.title,
            d.description,
            d.security,
            date_text(d.registered),
            optional_date_text(d.deadline),
            d.action_plan,
            d.outcome.map(|o| o.key()),
            serde_json::to_string(&d.steps).expect("steps serialise"),
            d.framework.map(|f| f.key()),
            d.motivation,
            optional_date_text(d.decision_date),
            d.decided_by_id,
        ],
    )?;
    Ok(())
}

impl Stored for Deviation {
    const TABLE: &'static str = "deviation";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "deviation", COLUMNS, "registered DESC, id DESC", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "deviation", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check_fields()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        // The steps follow the city's practice as the parameters set it (the action plan step).
        self.check_steps(&super::funding::parameters(conn)?.practice, problems);
        if let Some(service_id) = self.service_id.filter(|_| !self.took_effect()) {
            match Service::load(conn, service_id)? {
                None => problems.add("service_id", Rule::UnknownReference),
                // Riktlinjen, "Avsteg från riktlinjen": an avsteg from a service is from a mandatory base service.
                Some(service) if self.kind == DeviationKind::OptOut && !service.category.allows_opt_out() => {
                    problems.add("service_id", Rule::NotAllowed { reason: Reason::OptOutOnlyFromBase })
                }
                // Riktlinjen, "Nämnder och bolagsstyrelser": boards and companies "ska använda stadens gemensamma
                // bastjänster"; an avsteg departs from that use, so it is made by one of the service's customers.
                Some(_) if self.kind == DeviationKind::OptOut && self.framework.is_none() => {
                    if let Some(organisation) = self.organisation_id
                        && !super::services::customers_of_service(conn, service_id)?.contains(&organisation)
                    {
                        problems.add("organisation_id", Rule::NotAllowed { reason: Reason::OptOutOnlyByCustomer })
                    }
                }
                Some(_) => {}
            }
        }
        if let Some(service_id) = self.service_id.filter(|_| self.took_effect())
            && !exists(conn, "service", service_id)?
        {
            problems.add("service_id", Rule::UnknownReference);
        }
        if let Some(organisation) = self.organisation_id {
            if !exists(conn, "organisation", organisation)? {
                problems.add("organisation_id", Rule::UnknownReference);
            } else if let Some(reason) = super::organisations::not_a_customer(conn, organisation)?
                && !problems.has("organisation_id")
            {
                // Riktlinjen, "Avsteg från riktlinjen": an avsteg is "utförligt motiveras av förvaltningen/bolaget";
                // an avvikelse is reported by a customer. Both are förvaltningar or bolag, never a nämnd.
                problems.add("organisation_id", Rule::NotAllowed { reason });
            }
        }
        if let Some(decider) = self.decided_by_id.filter(|_| self.kind == DeviationKind::OptOut) {
            self.check_decider(conn, decider, problems)?;
        }
        Ok(())
    }

    /// A granted avsteg ends the organisation's use of the service from the year of the board's decision; a
    /// redefining one makes the service a tilläggstjänst. Once, when the avsteg takes effect.
    fn consequences(&self, before: Option<&Self>) -> Vec<Consequence> {
        if !self.took_effect() || before.is_some_and(Deviation::took_effect) {
            return Vec::new();
        }
        let Some(service) = self.service_id else { return Vec::new() };
        let note = format!(
            "Avsteg ”{}”: {} {}",
            self.title,
            self.outcome.map_or("", |o| o.label(Language::Sv)),
            optional_date_text(self.decision_date)
        );
        match (self.outcome, self.organisation_id) {
            (Some(OptOutOutcome::Granted), Some(organisation)) => {
                let from_year = self.decision_date.map(|d| d.year()).unwrap_or_default();
                vec![Consequence::EndsUseOfService { service, organisation, from_year, note }]
            }
            (Some(OptOutOutcome::Redefined), _) => vec![Consequence::RedefinedAsAdditional { service, note }],
            _ => Vec::new(),
        }
    }

    fn normalise(&mut self) {
        self.trim();
    }

    /// The default deadline; and once the board's decision is recorded, who decided, when not given: the
    /// motivating förvaltning's nämnd or the bolag's own styrelse.
    fn complete(&mut self, conn: &Connection) -> Result<()> {
        Deviation::normalise(self, &super::funding::parameters(conn)?.practice);
        if self.kind == DeviationKind::OptOut
            && self.decided_by_id.is_none()
            && (self.outcome.is_some()
                || self.decision_date.is_some()
                || self.steps.iter().any(|s| s.step == DeviationStep::BoardDecision))
            && let Some(organisation) = self.organisation_id
        {
            let organisations = Organisation::load_all(conn)?;
            if let Some(Decider::Is(decider)) =
                organisations.iter().find(|o| o.id == organisation).map(|o| o.decider(&organisations))
            {
                self.decided_by_id = Some(decider);
            }
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        write(conn, self, id_or_new(self.id))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        write(conn, self, Some(self.id))
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT m.body || ' ' || m.date || ': ' || i.title FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
             WHERE i.deviation_id = ?1",
        )?;
        Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        self.service_id.map(|s| (crate::domain::Entity::Service, s)).into_iter().collect()
    }
}

impl Deviation {
    /// Riktlinjen, "Avsteg från riktlinjen": "Alla avsteg ska efter dialog med ansvarig leverantör utförligt
    /// motiveras av förvaltningen/bolaget. Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg." The decision is
    /// the nämnd's of the förvaltning that motivates the avsteg, or the bolag's own styrelse (the bolag itself).
    fn check_decider(&self, conn: &Connection, decider: Id, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "organisation", decider)? {
            problems.add("decided_by_id", Rule::UnknownReference);
            return Ok(());
        }
        let Some(organisation) = self.organisation_id.filter(|_| !problems.has("organisation_id")) else {
            return Ok(());
        };
        let organisations = Organisation::load_all(conn)?;
        let Some(motivating) = organisations.iter().find(|o| o.id == organisation) else { return Ok(()) };
        let reason = match motivating.decider(&organisations) {
            Decider::Is(id) if id == decider => return Ok(()),
            Decider::Is(id) => Reason::NotItsDecider {
                decider: organisations.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default(),
            },
            Decider::NoBoard => Reason::AdministrationWithoutBoard,
            Decider::NotACustomer => return Ok(()),
        };
        if !problems.has("decided_by_id") {
            problems.add("decided_by_id", Rule::NotAllowed { reason });
        }
        Ok(())
    }
}

impl Reader<'_> {
    /// What the register and the form show of each deviation, as stored or as being edited ([`Deviation::facts`]),
    /// under the portfolio's practice, on the Stockholm date of `now` (issue 30: the UI keeps no copy of the rules).
    pub fn deviation_facts<'a>(
        &self,
        deviations: impl IntoIterator<Item = &'a Deviation>,
        now: Timestamp,
    ) -> Result<Vec<DeviationFacts>> {
        let today = time::local_date(now);
        let practice = self.parameters()?.practice;
        Ok(deviations.into_iter().map(|deviation| deviation.facts(today, &practice)).collect())
    }
}
