//! Funding cases and the portfolio's parameters.

use std::str::FromStr;

use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::record::{Stored, exists, id_or_new, record_id, select_all_filled, select_one_filled};
use crate::domain::{
    FundingCase, FundingCustomer, FundingInvestment, FundingYear, Id, LeastClassification, Parameters, Practice,
    Problems, Rule, YearParameters,
};
use crate::error::Result;
use crate::funding::{CapitalMethod, Rounding};
use crate::money::Money;

fn decimal(text: Option<String>) -> Option<Decimal> {
    text.and_then(|t| Decimal::from_str(&t).ok())
}

fn method_key(method: CapitalMethod) -> &'static str {
    match method {
        CapitalMethod::Lease => "lease",
        CapitalMethod::OwnCapital => "own_capital",
        CapitalMethod::Expense => "expense",
    }
}

fn method_from(key: &str) -> Option<CapitalMethod> {
    match key {
        "lease" => Some(CapitalMethod::Lease),
        "own_capital" => Some(CapitalMethod::OwnCapital),
        "expense" => Some(CapitalMethod::Expense),
        _ => None,
    }
}

fn rounding_key(rounding: Rounding) -> &'static str {
    match rounding {
        Rounding::Ore => "ore",
        Rounding::Kronor => "kronor",
    }
}

fn rounding_from(key: &str) -> Rounding {
    if key == "kronor" { Rounding::Kronor } else { Rounding::Ore }
}

const COLUMNS: &str = "id, initiative_id, service_id, volume_unit, fixed_key, rounding, investment_amount_ore, \
    capital_method, investment_years, investment_rate";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<FundingCase> {
    let amount: Option<i64> = row.get(6)?;
    let method: Option<String> = row.get(7)?;
    let years: Option<u32> = row.get(8)?;
    let rate: Option<String> = row.get(9)?;
    let rounding: Option<String> = row.get(5)?;
    Ok(FundingCase {
        id: row.get(0)?,
        initiative_id: row.get(1)?,
        service_id: row.get(2)?,
        volume_unit: row.get(3)?,
        years: Vec::new(),
        customers: Vec::new(),
        investment: match (amount, method.as_deref().and_then(method_from), years) {
            (Some(amount), Some(method), Some(years)) => {
                Some(FundingInvestment { amount: Money::from_ore(amount), method, years, rate: decimal(rate) })
            }
            _ => None,
        },
        fixed_key: row.get(4)?,
        rounding: rounding.as_deref().map(rounding_from),
    })
}

fn fill(conn: &Connection, case: &mut FundingCase) -> Result<()> {
    let mut years = conn.prepare_cached(
        "SELECT year, forecast_fixed_ore, forecast_per_unit_ore, actual_fixed_ore, actual_per_unit_ore
         FROM funding_year WHERE case_id = ?1 ORDER BY year",
    )?;
    case.years = years
        .query_map([case.id], |r| {
            Ok(FundingYear {
                year: r.get(0)?,
                forecast_fixed: Money::from_ore(r.get(1)?),
                forecast_per_unit: Money::from_ore(r.get(2)?),
                actual_fixed: r.get::<_, Option<i64>>(3)?.map(Money::from_ore),
                actual_per_unit: r.get::<_, Option<i64>>(4)?.map(Money::from_ore),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut customers =
        conn.prepare_cached("SELECT organisation_id FROM funding_customer WHERE case_id = ?1 ORDER BY position")?;
    let organisations: Vec<Id> = customers.query_map([case.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut volumes = conn.prepare_cached(
        "SELECT forecast, actual FROM funding_volume WHERE case_id = ?1 AND organisation_id = ?2 ORDER BY position",
    )?;
    case.customers = Vec::with_capacity(organisations.len());
    for organisation_id in organisations {
        let rows: Vec<(String, Option<String>)> = volumes
            .query_map(params![case.id, organisation_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut actual: Vec<Option<Decimal>> = rows.iter().map(|(_, a)| decimal(a.clone())).collect();
        while actual.last().is_some_and(Option::is_none) {
            actual.pop();
        }
        case.customers.push(FundingCustomer {
            organisation_id,
            forecast_volume: rows.iter().map(|(f, _)| decimal(Some(f.clone())).unwrap_or_default()).collect(),
            actual_volume: actual,
        });
    }
    Ok(())
}

fn write_lists(conn: &Connection, case: &FundingCase) -> Result<()> {
    for table in ["funding_year", "funding_customer", "funding_volume"] {
        conn.execute(&format!("DELETE FROM {table} WHERE case_id = ?1"), [case.id])?;
    }
    for y in &case.years {
        conn.execute(
            "INSERT INTO funding_year (case_id, year, forecast_fixed_ore, forecast_per_unit_ore, actual_fixed_ore,
             actual_per_unit_ore) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                case.id,
                y.year,
                y.forecast_fixed.ore(),
                y.forecast_per_unit.ore(),
                y.actual_fixed.map(Money::ore),
                y.actual_per_unit.map(Money::ore)
            ],
        )?;
    }
    for (position, c) in case.customers.iter().enumerate() {
        conn.execute(
            "INSERT INTO funding_customer (case_id, position, organisation_id) VALUES (?1, ?2, ?3)",
            params![case.id, position as i64, c.organisation_id],
        )?;
        for (y, forecast) in c.forecast_volume.iter().enumerate() {
            let actual = c.actual_volume.get(y).copied().flatten().map(|a| a.to_string());
            conn.execute(
                "INSERT INTO funding_volume (case_id, organisation_id, position, forecast, actual)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![case.id, c.organisation_id, y as i64, forecast.to_string(), actual],
            )?;
        }
    }
    Ok(())
}

fn values(case: &FundingCase) -> [rusqlite::types::Value; 10] {
    use rusqlite::types::Value;
    let opt_int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    let opt_text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    let i = case.investment.as_ref();
    [
        id_or_new(case.id).map_or(Value::Null, Value::Integer),
        opt_int(case.initiative_id),
        opt_int(case.service_id),
        Value::Text(case.volume_unit.clone()),
        Value::Integer(case.fixed_key.into()),
        opt_text(case.rounding.map(|r| rounding_key(r).to_string())),
        opt_int(i.map(|i| i.amount.ore())),
        opt_text(i.map(|i| method_key(i.method).to_string())),
        opt_int(i.map(|i| i64::from(i.years))),
        opt_text(i.and_then(|i| i.rate).map(|r| r.to_string())),
    ]
}

/// The funding case of an initiative or a service, if any.
pub(crate) fn case_of(conn: &Connection, initiative: Option<Id>, service: Option<Id>) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM funding_case WHERE initiative_id IS ?1 AND service_id IS ?2",
            params![initiative, service],
            |r| r.get(0),
        )
        .optional()?)
}

impl Stored for FundingCase {
    const TABLE: &'static str = "funding_case";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all_filled(conn, (Self::TABLE, COLUMNS, "id"), from_row, fill)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one_filled(conn, (Self::TABLE, COLUMNS, id), from_row, fill)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if let Some(initiative) = self.initiative_id
            && !exists(conn, "initiative", initiative)?
        {
            problems.add("initiative_id", Rule::UnknownReference);
        }
        if let Some(service) = self.service_id
            && !exists(conn, "service", service)?
        {
            problems.add("service_id", Rule::UnknownReference);
        }
        if case_of(conn, self.initiative_id, self.service_id)?.is_some_and(|id| id != self.id) {
            problems.add("initiative_id", Rule::Duplicate);
        }
        // Who is billed is a customer: a förvaltning or a bolag (riktlinjen, "Begrepp"); under a grant, the frame
        // that moves is its nämnd's (the comparison names it).
        for (i, c) in self.customers.iter().enumerate() {
            let field = format!("customers[{i}].organisation_id");
            if !exists(conn, "organisation", c.organisation_id)? {
                problems.add(field, Rule::UnknownReference);
            } else if let Some(reason) = super::organisations::not_a_customer(conn, c.organisation_id)? {
                problems.add(field, Rule::NotAllowed { reason });
            }
        }
        Ok(())
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(
            &format!("INSERT INTO funding_case ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
            rusqlite::params_from_iter(values(self)),
        )?;
        let id = conn.last_insert_rowid();
        write_lists(conn, &FundingCase { id, ..self.clone() })?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "UPDATE funding_case SET initiative_id = ?2, service_id = ?3, volume_unit = ?4, fixed_key = ?5, rounding = ?6,
             investment_amount_ore = ?7, capital_method = ?8, investment_years = ?9, investment_rate = ?10 WHERE id = ?1",
            rusqlite::params_from_iter(values(self)),
        )?;
        write_lists(conn, self)
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        let initiative = self.initiative_id.map(|i| (crate::domain::Entity::Initiative, i));
        initiative.into_iter().chain(self.service_id.map(|s| (crate::domain::Entity::Service, s))).collect()
    }
}

/// The parameters (there is always exactly one record, id 1).
pub(crate) fn parameters(conn: &Connection) -> Result<Parameters> {
    let mut statement = conn.prepare(
        "SELECT year, internal_rate, lease_rate, price_base_amount_ore, discount_rate, least_confidentiality,
         least_integrity, least_availability FROM parameter_year ORDER BY year",
    )?;
    let years = statement
        .query_map([], |r| {
            Ok(YearParameters {
                year: r.get(0)?,
                internal_rate: decimal(r.get(1)?),
                lease_rate: decimal(r.get(2)?),
                price_base_amount: r.get::<_, Option<i64>>(3)?.map(Money::from_ore),
                discount_rate: decimal(r.get(4)?),
                least_classification: match (r.get::<_, Option<u8>>(5)?, r.get::<_, Option<u8>>(6)?, r.get(7)?) {
                    (Some(confidentiality), Some(integrity), Some(availability)) => {
                        Some(LeastClassification { confidentiality, integrity, availability })
                    }
                    _ => None,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let setting = |key: &str| -> Result<Option<String>> {
        Ok(conn.query_row("SELECT value FROM portfolio_setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    };
    Ok(Parameters {
        id: 1,
        years,
        useful_life: setting("useful_life")?.and_then(|v| v.parse().ok()).unwrap_or(5),
        rounding: setting("rounding")?.as_deref().map_or(Rounding::Ore, rounding_from),
        practice: practice(&setting)?,
    })
}

/// The city's practice, kept as settings `practice.<name>`; a setting not yet written is its default (a portfolio
/// from before the practice was a parameter behaves as it did).
fn practice(setting: &dyn Fn(&str) -> Result<Option<String>>) -> Result<Practice> {
    let default = Practice::default();
    let flag = |key: &str, default: bool| -> Result<bool> {
        Ok(setting(key)?.map_or(default, |v| match v.as_str() {
            "true" => true,
            "false" => false,
            _ => default,
        }))
    };
    Ok(Practice {
        action_plan_step: flag("practice.action_plan_step", default.action_plan_step)?,
        deadline_days: setting("practice.deadline_days")?.and_then(|v| v.parse().ok()).unwrap_or(default.deadline_days),
        companies_invoiced: flag("practice.companies_invoiced", default.companies_invoiced)?,
        grant_for_base_services: flag("practice.grant_for_base_services", default.grant_for_base_services)?,
        analysis_due: setting("practice.analysis_due")?
            .and_then(|v| crate::domain::AnalysisDue::from_key(&v))
            .unwrap_or(default.analysis_due),
    })
}

fn practice_settings(p: &Practice) -> [(&'static str, String); 5] {
    [
        ("practice.action_plan_step", p.action_plan_step.to_string()),
        ("practice.deadline_days", p.deadline_days.to_string()),
        ("practice.companies_invoiced", p.companies_invoiced.to_string()),
        ("practice.grant_for_base_services", p.grant_for_base_services.to_string()),
        ("practice.analysis_due", p.analysis_due.key()),
    ]
}

fn write_parameters(conn: &Connection, p: &Parameters) -> Result<()> {
    conn.execute("DELETE FROM parameter_year", [])?;
    for y in &p.years {
        conn.execute(
            "INSERT INTO parameter_year (year, internal_rate, lease_rate, price_base_amount_ore, discount_rate,
             least_confidentiality, least_integrity, least_availability)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                y.year,
                y.internal_rate.map(|r| r.to_string()),
                y.lease_rate.map(|r| r.to_string()),
                y.price_base_amount.map(Money::ore),
                y.discount_rate.map(|r| r.to_string()),
                y.least_classification.map(|b| b.confidentiality),
                y.least_classification.map(|b| b.integrity),
                y.least_classification.map(|b| b.availability)
            ],
        )?;
    }
    let general = [("useful_life", p.useful_life.to_string()), ("rounding", rounding_key(p.rounding).to_string())];
    for (key, value) in general.into_iter().chain(practice_settings(&p.practice)) {
        conn.execute(
            "INSERT INTO portfolio_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
    }
    Ok(())
}

impl Stored for Parameters {
    /// The portfolio's settings, one row per setting: the record is the one of its kind, and `remove` is its own.
    const TABLE: &'static str = "portfolio_setting";

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        Ok(vec![parameters(conn)?])
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        (id == 1).then(|| parameters(conn)).transpose()
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, _conn: &Connection, _problems: &mut Problems) -> Result<()> {
        Ok(())
    }

    fn normalise(&mut self) {
        self.id = 1;
        self.years.sort_by_key(|y| y.year);
    }

    fn set_id(&mut self, _id: Id) {
        self.id = 1;
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        write_parameters(conn, self)?;
        Ok(1)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        write_parameters(conn, self)
    }

    fn remove(_conn: &Connection, _id: Id) -> Result<()> {
        Ok(())
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(vec!["the portfolio".into()])
    }
}
