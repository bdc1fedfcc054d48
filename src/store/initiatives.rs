use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::record::{
    Stored, exists, id_or_new, insert_sql, key_column, optional_date_column, optional_key_column, record_id,
    security_columns, security_values, select_all, select_one, update_sql,
};
use crate::domain::{
    Audited, FundingModel, Id, Initiative, InitiativeKind, InitiativeState, ItemRef, Law, Orientation, Problems,
    Reason, ReuseOutcome, Rule, Track, YearCost, lifecycle,
};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::time::optional_date_text;

const COLUMNS: &str = "id, case_number, title, description, track, kind, owner_id, provider_id, state, \
    benefit_summary, reuse_solution, reuse_outcome, legal_notes, confidentiality_level, confidentiality_label, \
    integrity_level, integrity_label, availability_level, availability_label, funding_model, long_term_plan, \
    orientation, specially_followed, no_legal_requirement, risks, risk_assessment, management_plan, \
    benefits_plan_approved_date, benefits_plan_approved_by, executor, business_change";

/// The initiative's own columns; its lists are filled in afterwards.
fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Initiative> {
    Ok(Initiative {
        id: row.get(0)?,
        case_number: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        track: key_column(row, 4, Track::from_key)?,
        kind: key_column(row, 5, InitiativeKind::from_key)?,
        owner_id: row.get(6)?,
        provider_id: row.get(7)?,
        customer_ids: Vec::new(),
        state: key_column(row, 8, InitiativeState::from_key)?,
        costs: Vec::new(),
        benefit_summary: row.get(9)?,
        reuse_solution: row.get(10)?,
        reuse_outcome: key_column(row, 11, ReuseOutcome::from_key)?,
        laws: Vec::new(),
        legal_notes: row.get(12)?,
        security: security_columns(row, 13)?,
        funding_model: optional_key_column(row, 19, FundingModel::from_key)?,
        long_term_plan: row.get(20)?,
        orientation: optional_key_column(row, 21, Orientation::from_key)?,
        specially_followed: row.get(22)?,
        no_legal_requirement: row.get(23)?,
        risks: {
            let text: String = row.get(24)?;
            serde_json::from_str(&text)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(24, rusqlite::types::Type::Text, Box::new(e)))?
        },
        risk_assessment: row.get(25)?,
        management_plan: row.get(26)?,
        benefits_plan_approved_date: optional_date_column(row, 27)?,
        benefits_plan_approved_by: row.get(28)?,
        executor: row.get(29)?,
        business_change: row.get(30)?,
    })
}

fn values(i: &Initiative) -> Vec<Value> {
    let text = |t: &str| Value::Text(t.to_string());
    let mut values = vec![
        id_or_new(i.id).map_or(Value::Null, Value::Integer),
        text(&i.case_number),
        text(&i.title),
        text(&i.description),
        text(i.track.key()),
        text(i.kind.key()),
        i.owner_id.map_or(Value::Null, Value::Integer),
        i.provider_id.map_or(Value::Null, Value::Integer),
        text(i.state.key()),
        text(&i.benefit_summary),
        text(&i.reuse_solution),
        text(i.reuse_outcome.key()),
        text(&i.legal_notes),
    ];
    values.extend(security_values(&i.security));
    values.extend([
        i.funding_model.map_or(Value::Null, |f| text(f.key())),
        text(&i.long_term_plan),
        i.orientation.map_or(Value::Null, |o| text(o.key())),
        Value::Integer(i.specially_followed.into()),
        Value::Integer(i.no_legal_requirement.into()),
        text(&serde_json::to_string(&i.risks).expect("risks serialise")),
        text(&i.risk_assessment),
        text(&i.management_plan),
        text(&optional_date_text(i.benefits_plan_approved_date)),
        text(&i.benefits_plan_approved_by),
        text(&i.executor),
        text(&i.business_change),
    ]);
    values
}

/// Reads the lists of the initiatives matching `filter` (`""` for all, or `WHERE initiative_id = ?1`).
fn fill_lists(conn: &Connection, initiatives: &mut [Initiative], filter: &str, args: &[Id]) -> Result<()> {
    let position: HashMap<Id, usize> = initiatives.iter().enumerate().map(|(i, x)| (x.id, i)).collect();
    let mut customers = conn
        .prepare(&format!("SELECT initiative_id, organisation_id FROM initiative_customer {filter} ORDER BY 1, 2"))?;
    let mut rows = customers.query(params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        if let Some(&at) = position.get(&row.get(0)?) {
            initiatives[at].customer_ids.push(row.get(1)?);
        }
    }
    let mut costs = conn.prepare(&format!(
        "SELECT initiative_id, year, development_ore, management_ore FROM initiative_cost {filter} ORDER BY 1, 2"
    ))?;
    let mut rows = costs.query(params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        if let Some(&at) = position.get(&row.get(0)?) {
            initiatives[at].costs.push(YearCost {
                year: row.get(1)?,
                development: Money::from_ore(row.get(2)?),
                management: Money::from_ore(row.get(3)?),
            });
        }
    }
    let mut laws = conn.prepare(&format!("SELECT initiative_id, law FROM initiative_law {filter}"))?;
    let mut rows = laws.query(params_from_iter(args))?;
    while let Some(row) = rows.next()? {
        if let Some(&at) = position.get(&row.get(0)?) {
            initiatives[at].laws.push(key_column(row, 1, Law::from_key)?);
        }
    }
    for initiative in initiatives {
        initiative.laws.sort_unstable();
    }
    Ok(())
}

fn write_lists(conn: &Connection, i: &Initiative) -> Result<()> {
    for table in ["initiative_customer", "initiative_cost", "initiative_law"] {
        conn.execute(&format!("DELETE FROM {table} WHERE initiative_id = ?1"), [i.id])?;
    }
    let mut customer =
        conn.prepare_cached("INSERT INTO initiative_customer (initiative_id, organisation_id) VALUES (?1, ?2)")?;
    for organisation in &i.customer_ids {
        customer.execute(params![i.id, organisation])?;
    }
    let mut cost = conn.prepare_cached(
        "INSERT INTO initiative_cost (initiative_id, year, development_ore, management_ore) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &i.costs {
        cost.execute(params![i.id, c.year, c.development.ore(), c.management.ore()])?;
    }
    let mut law = conn.prepare_cached("INSERT INTO initiative_law (initiative_id, law) VALUES (?1, ?2)")?;
    for l in &i.laws {
        law.execute(params![i.id, l.key()])?;
    }
    Ok(())
}

/// The initiative with this case number, if any.
pub(crate) fn id_of_case_number(conn: &Connection, case_number: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row("SELECT id FROM initiative WHERE case_number = ?1", [case_number.trim().to_uppercase()], |row| {
            row.get(0)
        })
        .optional()?)
}

impl Stored for Initiative {
    const TABLE: &'static str = "initiative";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        let mut list = select_all(conn, "initiative", COLUMNS, "case_number", from_row)?;
        fill_lists(conn, &mut list, "", &[])?;
        Ok(list)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        let Some(initiative) = select_one(conn, "initiative", COLUMNS, id, from_row)? else {
            return Ok(None);
        };
        let mut one = [initiative];
        fill_lists(conn, &mut one, "WHERE initiative_id = ?1", &[id])?;
        let [initiative] = one;
        Ok(Some(initiative))
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !problems.has("case_number")
            && id_of_case_number(conn, &self.case_number)?.is_some_and(|other| other != self.id)
        {
            problems.add("case_number", Rule::Duplicate);
        }
        if let Some(owner) = self.owner_id
            && !exists(conn, "organisation", owner)?
        {
            problems.add("owner_id", Rule::UnknownReference);
        }
        if let Some(provider) = self.provider_id
            && !exists(conn, "provider", provider)?
        {
            problems.add("provider_id", Rule::UnknownReference);
        }
        // The customers it affects ("berörda kunder") are förvaltningar and bolag (riktlinjen, "Begrepp").
        for (i, customer) in self.customer_ids.iter().enumerate() {
            if !exists(conn, "organisation", *customer)? {
                problems.add(format!("customer_ids[{i}]"), Rule::UnknownReference);
            } else if let Some(reason) = super::organisations::not_a_customer(conn, *customer)? {
                problems.add(format!("customer_ids[{i}]"), Rule::NotAllowed { reason });
            }
        }
        // Riktlinjen, "Realisera och följa upp nytta och effekter": the delivering provider's organisation never owns
        // one of the initiative's benefits, so a change of provider cannot make it one.
        if self.id != 0
            && let Some(provider) = self.provider_id
            && !problems.has("provider_id")
        {
            let owns: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM benefit b JOIN provider p ON p.organisation_id = b.owner_id
                 WHERE b.initiative_id = ?1 AND p.id = ?2)",
                [self.id, provider],
                |row| row.get(0),
            )?;
            if owns {
                problems.add("provider_id", Rule::NotAllowed { reason: Reason::BenefitOwnerIsTheProvider });
            }
        }
        // The guideline ("Realisera och följa upp nytta och effekter"): a benefit's owner is on the customer side.
        // The benefit's own check holds it when the benefit is saved; this holds it when the initiative changes, so
        // no owner or customer is taken away from under one of its benefits (which the portfolio's own export would
        // then refuse to import).
        if self.id != 0 {
            let stored_owner: Option<Id> = conn
                .query_row("SELECT owner_id FROM initiative WHERE id = ?1", [self.id], |row| row.get(0))
                .optional()?
                .flatten();
            let mut owners = conn.prepare(
                "SELECT DISTINCT owner_id FROM benefit WHERE initiative_id = ?1 AND owner_id IS NOT NULL ORDER BY 1",
            )?;
            let owners: Vec<Id> = owners.query_map([self.id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
            for owner in owners {
                if self.owner_id != Some(owner) && !self.customer_ids.contains(&owner) {
                    let field = if stored_owner == Some(owner) { "owner_id" } else { "customer_ids" };
                    if !problems.has(field) {
                        problems.add(field, Rule::NotAllowed { reason: Reason::BenefitOwnerOnCustomerSide });
                    }
                }
            }
        }
        // Outcomes followed up against the group's frames belong to shared initiatives (a business-specific one is
        // funded within its board's own budget, riktlinjen's table in "Tjänster och förändringsinsatser"), so an
        // initiative that has them stays shared; otherwise the portfolio's own export would not import again.
        if self.id != 0
            && self.track == crate::domain::Track::BusinessSpecific
            && !problems.has("track")
            && !super::actuals::years_of_initiative(conn, self.id)?.is_empty()
        {
            problems.add("track", Rule::NotAllowed { reason: Reason::HasActualOutcomes });
        }
        // A criteria set holds shared initiatives only (riktlinjen, "Kommunstyrelsen"): one valued in a set stays shared.
        if self.id != 0 && self.track == Track::BusinessSpecific && !problems.has("track") {
            let in_set: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM criteria_set_initiative WHERE initiative_id = ?1)",
                [self.id],
                |r| r.get(0),
            )?;
            if in_set {
                problems.add("track", Rule::NotAllowed { reason: Reason::InCriteriaSetStaysShared });
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        Initiative::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(&insert_sql("initiative", COLUMNS), params_from_iter(values(self)))?;
        let id = conn.last_insert_rowid();
        write_lists(conn, &Initiative { id, ..self.clone() })?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(&update_sql("initiative", COLUMNS), params_from_iter(values(self)))?;
        write_lists(conn, self)
    }

    fn guard_change(&self, before: Option<&Self>, conn: &Connection) -> Result<()> {
        match before {
            None if !lifecycle::STARTING_STATES.contains(&self.state) => {
                Err(Error::Transition { label: self.label(), from: None, to: self.state, missing: Vec::new() })
            }
            Some(before) if before.state != self.state => {
                let facts = facts(conn, self.id)?;
                lifecycle::check(before.state, self.state, self, &facts, "", lifecycle::Mover::Step).map_err(
                    |missing| Error::Transition {
                        label: self.label(),
                        from: Some(before.state),
                        to: self.state,
                        missing: missing.unwrap_or_default(),
                    },
                )
            }
            _ => Ok(()),
        }
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT name FROM criteria_set s JOIN criteria_set_initiative i ON i.set_id = s.id WHERE i.initiative_id = ?1
             UNION ALL SELECT s.name FROM scenario s JOIN scenario_rule r ON r.scenario_id = s.id
                 WHERE r.initiative_id = ?1 OR r.other_id = ?1
             UNION ALL SELECT m.name || ' / ' || c.name FROM score s JOIN member m ON m.id = s.member_id
                 JOIN criterion c ON c.id = s.criterion_id WHERE s.initiative_id = ?1
             UNION ALL SELECT g.name FROM gate_result r JOIN gate g ON g.id = r.gate_id WHERE r.initiative_id = ?1
             UNION ALL SELECT 'funding case' FROM funding_case WHERE initiative_id = ?1
             UNION ALL SELECT 'benefit ' || name FROM benefit WHERE initiative_id = ?1",
        )?;
        let mut users: Vec<String> = statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        users.extend(super::actuals::years_of_initiative(conn, id)?.into_iter().map(|y| format!("actual outcome {y}")));
        users.extend(super::analyses::analyses_naming(conn, "investments", "$.initiative_id", id)?);
        Ok(users)
    }
}

/// What the lifecycle needs to know of an initiative beyond its record.
pub(super) fn facts(conn: &Connection, id: Id) -> Result<lifecycle::Facts> {
    let in_criteria_set: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM criteria_set_initiative WHERE initiative_id = ?1)", [id], |r| {
            r.get(0)
        })?;
    // A member's score with a value ("don't know" is no valuation) on a criterion of a set that holds it.
    let scored: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM score s JOIN criterion c ON c.id = s.criterion_id
             JOIN criteria_set_initiative i ON i.set_id = c.set_id AND i.initiative_id = s.initiative_id
             WHERE s.initiative_id = ?1 AND s.value IS NOT NULL)",
        [id],
        |r| r.get(0),
    )?;
    let (benefits, unmeasured): (i64, i64) = conn.query_row(
        "SELECT COUNT(*), COALESCE(SUM(kind = 'kvantitativ' AND measurements = '[]'), 0) FROM benefit
         WHERE initiative_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let in_sent_budget_material = super::meetings::chosen_in_sent_budget_material(conn, &ItemRef::Initiative(id))?;
    let mut years = conn.prepare_cached("SELECT year FROM decided_frame")?;
    let decided_frame_years = years.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    // A decision of the group that puts it where it is: on an agenda item naming it with the state's outcome, or
    // budget material the group decided that chose it (Prioriterad) or not (Ej prioriterad).
    let decided_into_state: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM initiative i JOIN agenda_item a ON a.initiative_id = i.id
                 JOIN decision d ON d.item_id = a.id
                 WHERE i.id = ?1 AND ((i.state = 'prioriterad' AND d.outcome = 'prioriterad')
                     OR (i.state = 'ej_prioriterad' AND d.outcome = 'ej_prioriterad')
                     OR (i.state = 'aterremitterad' AND d.outcome = 'aterremitterad')
                     OR (i.state = 'beslutad_av_ssg' AND d.outcome = 'beslutad')))
         OR EXISTS (SELECT 1 FROM initiative i JOIN decided_budget_line l ON l.item = 'initiative:' || i.id
                 JOIN decision d ON d.id = l.decision_id
                 WHERE i.id = ?1 AND d.outcome IN ('prioriterad', 'beslutad')
                     AND ((i.state = 'prioriterad' AND l.chosen = 1) OR (i.state = 'ej_prioriterad' AND l.chosen = 0)))",
        [id],
        |r| r.get(0),
    )?;
    Ok(lifecycle::Facts {
        in_criteria_set,
        scored,
        benefits: benefits as usize,
        unmeasured: unmeasured as usize,
        in_sent_budget_material,
        decided_frame_years,
        decided_into_state,
    })
}
