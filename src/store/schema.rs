//! Embedded, append-only migrations. Migration `n` (1-based) takes a portfolio from schema version `n - 1` to `n`;
//! the version is kept in SQLite's `user_version`. Never edit a migration that has shipped: add a new one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::Result;

/// Written into the SQLite header (`PRAGMA application_id`) so a portfolio is recognised as ours: "SAMO".
pub const APPLICATION_ID: i32 = 0x5341_4D4F;

/// The migrations in order. The schema version of a portfolio is the number of them applied.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_portfolio.sql"),
    include_str!("migrations/0002_prioritisation.sql"),
    include_str!("migrations/0003_funding.sql"),
    include_str!("migrations/0004_meetings.sql"),
    include_str!("migrations/0005_benefits.sql"),
    include_str!("migrations/0006_deviations.sql"),
    include_str!("migrations/0007_agenda_deviation.sql"),
    include_str!("migrations/0008_meeting_packages.sql"),
    include_str!("migrations/0009_member_package_keys.sql"),
    include_str!("migrations/0010_services_valued.sql"),
    include_str!("migrations/0011_yearly_analyses.sql"),
    include_str!("migrations/0012_decided_frames.sql"),
    include_str!("migrations/0013_initiative_material.sql"),
    include_str!("migrations/0014_service_customers.sql"),
    include_str!("migrations/0015_avsteg_practice_catalogue.sql"),
    include_str!("migrations/0016_decisions_of_the_group.sql"),
    include_str!("migrations/0017_actuals.sql"),
    include_str!("migrations/0018_agenda_valuation.sql"),
    include_str!("migrations/0019_analysis_none.sql"),
    include_str!("migrations/0020_executor_and_business_change.sql"),
    include_str!("migrations/0021_baseline_assessment.sql"),
    include_str!("migrations/0022_customers_are_administrations_and_companies.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies the migrations after the portfolio's version up to `target`, each in its own transaction together with
/// the new version number, so a crash leaves the file at a whole version.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current = version(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target as usize).skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
