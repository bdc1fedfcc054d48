use std::str::FromStr;

use rusqlite::{Connection, params};
use rust_decimal::Decimal;

use super::record::{
    Stored, dates_column, dates_json, exists, id_or_new, json_column, key_column, optional_date_column, record_id,
    select_all, select_one,
};
use crate::domain::{Benefit, BenefitCategory, BenefitKind, Confidence, Id, Initiative, Problems, Reason, Rule};
use crate::error::Result;
use crate::money::Money;
use crate::time::optional_date_text;

const COLUMNS: &str = "id, initiative_id, name, description, goal, recipient, owner_id, owner_person, measured_by, \
     kind, category, confidence, indicator, unit, method, source, baseline, baseline_date, target, target_date, \
     measurement_dates, value_low_ore, value_base_ore, value_high_ore, price_year, prerequisites, risks, \
     measurements, approved_by, approved_date, version, decided_action, decided_action_date, decided_action_by";

fn decimal_column(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<Decimal>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| {
        Decimal::from_str(&t)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e)))
    })
    .transpose()
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Benefit> {
    let money = |index: usize| -> rusqlite::Result<Option<Money>> {
        Ok(row.get::<_, Option<i64>>(index)?.map(Money::from_ore))
    };
    Ok(Benefit {
        id: row.get(0)?,
        initiative_id: row.get(1)?,
        name: row.get(2)?,
        description: row.get(3)?,
        goal: row.get(4)?,
        recipient: row.get(5)?,
        owner_id: row.get(6)?,
        owner_person: row.get(7)?,
        measured_by: row.get(8)?,
        kind: key_column(row, 9, BenefitKind::from_key)?,
        category: key_column(row, 10, BenefitCategory::from_key)?,
        confidence: key_column(row, 11, Confidence::from_key)?,
        indicator: row.get(12)?,
        unit: row.get(13)?,
        method: row.get(14)?,
        source: row.get(15)?,
        baseline: decimal_column(row, 16)?,
        baseline_date: optional_date_column(row, 17)?,
        target: decimal_column(row, 18)?,
        target_date: optional_date_column(row, 19)?,
        measurement_dates: dates_column(row, 20)?,
        value_low: money(21)?,
        value_base: money(22)?,
        value_high: money(23)?,
        price_year: row.get(24)?,
        prerequisites: row.get(25)?,
        risks: row.get(26)?,
        measurements: json_column(row, 27)?,
        approved_by: row.get(28)?,
        approved_date: optional_date_column(row, 29)?,
        version: row.get(30)?,
        decided_action: row.get(31)?,
        decided_action_date: optional_date_column(row, 32)?,
        decided_action_by: row.get(33)?,
    })
}

fn write(conn: &Connection, b: &Benefit, id: Option<Id>) -> Result<()> {
    let dates = dates_json(&b.measurement_dates);
    let measurements = serde_json::to_string(&b.measurements).expect("measurements serialise");
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO benefit ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
             ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)"
        ),
        params![
            id,
            b.initiative_id,
            b.name,
            b.description,
            b.goal,
            b.recipient,
            b.owner_id,
            b.owner_person,
            b.measured_by,
            b.kind.key(),
            b.category.key(),
            b.confidence.key(),
            b.indicator,
            b.unit,
            b.method,
            b.source,
            b.baseline.map(|d| d.to_string()),
            optional_date_text(b.baseline_date),
            b.target.map(|d| d.to_string()),
            optional_date_text(b.target_date),
            dates,
            b.value_low.map(Money::ore),
            b.value_base.map(Money::ore),
            b.value_high.map(Money::ore),
            b.price_year,
            b.prerequisites,
            b.risks,
            measurements,
            b.approved_by,
            optional_date_text(b.approved_date),
            b.version,
            b.decided_action,
            optional_date_text(b.decided_action_date),
            b.decided_action_by,
        ],
    )?;
    Ok(())
}

/// The benefits of an initiative, by name.
pub(super) fn of_initiative(conn: &Connection, initiative_id: Id) -> Result<Vec<Benefit>> {
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM benefit WHERE initiative_id = ?1 ORDER BY name, id"))?;
    Ok(statement.query_map([initiative_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

impl Stored for Benefit {
    const TABLE: &'static str = "benefit";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "benefit", COLUMNS, "initiative_id, name, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "benefit", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        let Some(initiative) = Initiative::load(conn, self.initiative_id)? else {
            problems.add("initiative_id", Rule::UnknownReference);
            return Ok(());
        };
        if let Some(owner) = self.owner_id {
            if !exists(conn, "organisation", owner)? {
                problems.add("owner_id", Rule::UnknownReference);
            } else if initiative.owner_id != Some(owner) && !initiative.customer_ids.contains(&owner) {
                // The guideline: the benefit owner is always on the customer side.
                problems.add("owner_id", Rule::NotAllowed { reason: Reason::OwnerOnCustomerSide });
            } else if let Some(provider) = initiative.provider_id
                && conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM provider WHERE id = ?1 AND organisation_id = ?2)",
                    [provider, owner],
                    |row| row.get::<_, bool>(0),
                )?
            {
                // Riktlinjen, "Realisera och följa upp nytta och effekter": the customer realises the benefit, never
                // the provider that delivers the initiative (even when its board is also the owner or a customer).
                problems.add("owner_id", Rule::NotAllowed { reason: Reason::OwnerIsTheProvider });
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        Benefit::normalise(self);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        write(conn, self, id_or_new(self.id))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        write(conn, self, Some(self.id))
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        vec![(crate::domain::Entity::Initiative, self.initiative_id)]
    }
}
