use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::record::{
    Stored, exists, id_or_new, insert_sql, key_column, optional_date_column, optional_key_column, record_id,
    security_columns, security_values, select_all, select_one, taken, update_sql,
};
use crate::domain::{
    BaselineStatus, FundingModel, Id, Problems, Reason, Rule, Service, ServiceCategory, ServiceCustomer, ServiceState,
    YearCost,
};
use crate::error::Result;
use crate::money::Money;
use crate::time::optional_date_text;

const COLUMNS: &str = "id, name, category, provider_id, price_ore, unit, scope, service_level, target_group, \
    confidentiality_level, confidentiality_label, integrity_level, integrity_label, availability_level, \
    availability_label, connection_requirements, funding_model, state, handles_no_information, processes_personal_data, \
    baseline, baseline_shortfalls, baseline_assessed_date, baseline_assessed_by";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Service> {
    Ok(Service {
        id: row.get(0)?,
        name: row.get(1)?,
        category: key_column(row, 2, ServiceCategory::from_key)?,
        provider_id: row.get(3)?,
        price: row.get::<_, Option<i64>>(4)?.map(Money::from_ore),
        unit: row.get(5)?,
        scope: row.get(6)?,
        service_level: row.get(7)?,
        target_group: row.get(8)?,
        security: security_columns(row, 9)?,
        connection_requirements: row.get(15)?,
        funding_model: optional_key_column(row, 16, FundingModel::from_key)?,
        state: key_column(row, 17, ServiceState::from_key)?,
        costs: Vec::new(),
        handles_no_information: row.get(18)?,
        processes_personal_data: row.get(19)?,
        customers: Vec::new(),
        baseline: key_column(row, 20, BaselineStatus::from_key)?,
        baseline_shortfalls: row.get(21)?,
        baseline_assessed_date: optional_date_column(row, 22)?,
        baseline_assessed_by: row.get(23)?,
    })
}

/// Reads the services' costs per year.
fn fill_costs(conn: &Connection, services: &mut [Service]) -> Result<()> {
    let mut statement = conn.prepare_cached(
        "SELECT year, development_ore, management_ore FROM service_cost WHERE service_id = ?1 ORDER BY year",
    )?;
    for service in services {
        service.costs = statement
            .query_map([service.id], |r| {
                Ok(YearCost {
                    year: r.get(0)?,
                    development: Money::from_ore(r.get(1)?),
                    management: Money::from_ore(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(())
}

/// Reads the services' customers, by organisation id.
fn fill_customers(conn: &Connection, services: &mut [Service]) -> Result<()> {
    let mut statement = conn.prepare_cached(
        "SELECT organisation_id, dpa_reference, instructions_reference FROM service_customer WHERE service_id = ?1
         ORDER BY organisation_id",
    )?;
    for service in services {
        service.customers = statement
            .query_map([service.id], |r| {
                Ok(ServiceCustomer {
                    organisation_id: r.get(0)?,
                    dpa_reference: r.get(1)?,
                    instructions_reference: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(())
}

fn write_customers(conn: &Connection, service: &Service, id: Id) -> Result<()> {
    conn.execute("DELETE FROM service_customer WHERE service_id = ?1", [id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO service_customer (service_id, organisation_id, dpa_reference, instructions_reference)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &service.customers {
        insert.execute(rusqlite::params![id, c.organisation_id, c.dpa_reference, c.instructions_reference])?;
    }
    Ok(())
}

/// The organisations recorded as customers of `service` (the Reader's `customers_of_service`).
pub(crate) fn customers_of_service(conn: &Connection, service: Id) -> Result<Vec<Id>> {
    let mut statement = conn.prepare_cached(
        "SELECT organisation_id FROM service_customer WHERE service_id = ?1 ORDER BY organisation_id",
    )?;
    Ok(statement.query_map([service], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

fn write_costs(conn: &Connection, service: &Service, id: Id) -> Result<()> {
    conn.execute("DELETE FROM service_cost WHERE service_id = ?1", [id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO service_cost (service_id, year, development_ore, management_ore) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &service.costs {
        insert.execute(rusqlite::params![id, c.year, c.development.ore(), c.management.ore()])?;
    }
    Ok(())
}

/// The column values in `COLUMNS` order.
fn values(s: &Service) -> Vec<Value> {
    let text = |t: &str| Value::Text(t.to_string());
    let mut values = vec![
        id_or_new(s.id).map_or(Value::Null, Value::Integer),
        text(&s.name),
        text(s.category.key()),
        s.provider_id.map_or(Value::Null, Value::Integer),
        s.price.map_or(Value::Null, |p| Value::Integer(p.ore())),
        text(&s.unit),
        text(&s.scope),
        text(&s.service_level),
        text(&s.target_group),
    ];
    values.extend(security_values(&s.security));
    values.extend([
        text(&s.connection_requirements),
        s.funding_model.map_or(Value::Null, |f| text(f.key())),
        text(s.state.key()),
        Value::Integer(s.handles_no_information.into()),
        Value::Integer(s.processes_personal_data.into()),
        text(s.baseline.key()),
        text(&s.baseline_shortfalls),
        text(&optional_date_text(s.baseline_assessed_date)),
        text(&s.baseline_assessed_by),
    ]);
    values
}

impl Stored for Service {
    const TABLE: &'static str = "service";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        let mut services = select_all(conn, "service", COLUMNS, "name, id", from_row)?;
        fill_costs(conn, &mut services)?;
        fill_customers(conn, &mut services)?;
        Ok(services)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        let mut service = select_one(conn, "service", COLUMNS, id, from_row)?;
        fill_costs(conn, service.as_mut_slice())?;
        fill_customers(conn, service.as_mut_slice())?;
        Ok(service)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !problems.has("name") && taken(conn, "service", "name", &self.name, self.id)? {
            problems.add("name", Rule::Duplicate);
        }
        // Riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": the catalogue shows what the guideline
        // lists for as long as the service is in it: a service in operation (stored so, and staying so) cannot lose
        // an item, whether by the form or a sheet. Entering the state is the lifecycle's check; an import restores
        // a file's services as they are (as it restores states), so a file from before an item was asked imports.
        let stored = if self.id != 0 && self.state == crate::domain::ServiceState::Active {
            Service::load(conn, self.id)?.filter(|s| s.state == self.state)
        } else {
            None
        };
        if let Some(stored) = stored {
            let had = crate::domain::lifecycle::catalogue_lacks(&stored);
            for missing in crate::domain::lifecycle::catalogue_lacks(self).into_iter().filter(|m| !had.contains(m)) {
                let field = crate::domain::lifecycle::catalogue_field(missing);
                if !problems.has(field) {
                    problems
                        .add(field, Rule::NotAllowed { reason: Reason::RequiredInOperation { requirement: missing } });
                }
            }
        }
        if let Some(provider) = self.provider_id
            && !exists(conn, "provider", provider)?
        {
            problems.add("provider_id", Rule::UnknownReference);
        }
        // Riktlinjen, "Begrepp": the customers are "Förvaltningar och bolag inom kommunkoncernen", never a nämnd.
        for (i, customer) in self.customers.iter().enumerate() {
            let field = format!("customers[{i}].organisation_id");
            if !exists(conn, "organisation", customer.organisation_id)? {
                problems.add(field, Rule::UnknownReference);
            } else if let Some(reason) = super::organisations::not_a_customer(conn, customer.organisation_id)? {
                problems.add(field, Rule::NotAllowed { reason });
            }
        }
        // Stadens rutin (a parameter, not the guideline): kommunbidrag for a bastjänst, allowed by default.
        if self.category == ServiceCategory::Base
            && self.funding_model == Some(FundingModel::MunicipalGrant)
            && !problems.has("funding_model")
            && !super::funding::parameters(conn)?.practice.grant_for_base_services
        {
            problems.add("funding_model", Rule::NotAllowed { reason: Reason::GrantForBaseByPractice });
        }
        Ok(())
    }

    fn normalise(&mut self) {
        self.name = self.name.trim().to_string();
        self.unit = self.unit.trim().to_string();
        self.costs.sort_by_key(|c| c.year);
        self.baseline_shortfalls = self.baseline_shortfalls.trim().to_string();
        self.baseline_assessed_by = self.baseline_assessed_by.trim().to_string();
        for customer in &mut self.customers {
            customer.dpa_reference = customer.dpa_reference.trim().to_string();
            customer.instructions_reference = customer.instructions_reference.trim().to_string();
        }
        self.customers.sort_by_key(|c| c.organisation_id);
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        conn.execute(&insert_sql("service", COLUMNS), params_from_iter(values(self)))?;
        let id = conn.last_insert_rowid();
        write_costs(conn, self, id)?;
        write_customers(conn, self, id)?;
        Ok(id)
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        conn.execute(&update_sql("service", COLUMNS), params_from_iter(values(self)))?;
        write_costs(conn, self, self.id)?;
        write_customers(conn, self, self.id)
    }

    fn guard_change(&self, before: Option<&Self>, _conn: &Connection) -> Result<()> {
        use crate::domain::{Audited, ServiceState, lifecycle};
        // A new service starts in one of lifecycle::SERVICE_STARTING_STATES, with what that state requires.
        let from = match before {
            Some(before) if before.state == self.state => return Ok(()),
            Some(before) => Some(before.state),
            None if self.state == ServiceState::Planned => return Ok(()),
            None if !lifecycle::SERVICE_STARTING_STATES.contains(&self.state) => {
                return Err(crate::error::Error::ServiceTransition {
                    label: self.label(),
                    from: None,
                    to: self.state,
                    missing: Vec::new(),
                });
            }
            None => None,
        };
        let starting = from.unwrap_or(ServiceState::Planned);
        lifecycle::check_service(starting, self.state, self).map_err(|missing| crate::error::Error::ServiceTransition {
            label: self.label(),
            from,
            to: self.state,
            missing: missing.unwrap_or_default(),
        })
    }

    fn used_by(conn: &Connection, id: Id) -> Result<Vec<String>> {
        let mut statement = conn.prepare(
            "SELECT 'funding case' FROM funding_case WHERE service_id = ?1
             UNION ALL SELECT kind || ' ' || title FROM deviation WHERE service_id = ?1
             UNION ALL SELECT name FROM criteria_set s JOIN criteria_set_service v ON v.set_id = s.id
                 WHERE v.service_id = ?1
             UNION ALL SELECT s.name FROM scenario s JOIN scenario_rule r ON r.scenario_id = s.id
                 WHERE r.service_id = ?1 OR r.other_service_id = ?1
             UNION ALL SELECT m.name || ' / ' || c.name FROM score s JOIN member m ON m.id = s.member_id
                 JOIN criterion c ON c.id = s.criterion_id WHERE s.service_id = ?1
             UNION ALL SELECT g.name FROM gate_result r JOIN gate g ON g.id = r.gate_id WHERE r.service_id = ?1",
        )?;
        let mut users: Vec<String> = statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        users.extend(super::actuals::years_of_service(conn, id)?.into_iter().map(|y| format!("actual outcome {y}")));
        users.extend(super::analyses::analyses_naming(conn, "security_levels", "$.service_id", id)?);
        users.extend(super::analyses::analyses_naming(conn, "development_needs", "$.service_id", id)?);
        Ok(users)
    }
}
