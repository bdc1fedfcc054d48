//! Commands for funding model comparison: cases stored with initiatives and services, the comparison the engine
//! computes, and the portfolio's parameters.

use samordna::domain::{FundingCase, Id, Initiative, ItemRef, Parameters, Problems, Service};
use samordna::funding::portfolio::FundingResult;
use tauri::State;

use crate::error::CommandResult;
use crate::session::{Session, now};

#[tauri::command]
pub async fn save_funding_case(session: State<'_, Session>, record: FundingCase) -> CommandResult<Id> {
    session.save(record, now())
}

/// A new case for an initiative or a service (`item`: `initiative:ID` or `service:ID`, anything else is refused as
/// the command is read), as the engine opens one: the item's cost years, customers and running costs
/// (`FundingCase::new_for_initiative`/`new_for_service`).
#[tauri::command]
pub async fn new_funding_case(session: State<'_, Session>, item: ItemRef) -> CommandResult<FundingCase> {
    let this_year = samordna::time::local_year(now());
    session.read(|r| match item {
        ItemRef::Service(id) => Ok(FundingCase::new_for_service(&r.get::<Service>(id)?, this_year)),
        ItemRef::Initiative(id) => Ok(FundingCase::new_for_initiative(&r.get::<Initiative>(id)?, this_year)),
    })
}

#[tauri::command]
pub async fn delete_funding_case(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<FundingCase>(id, now())
}

#[tauri::command]
pub async fn check_funding_case(session: State<'_, Session>, record: FundingCase) -> CommandResult<Problems> {
    session.problems(&record)
}

/// The comparison of a stored case, with the what-if and the leasing rule.
#[tauri::command]
pub async fn funding(session: State<'_, Session>, case_id: Id) -> CommandResult<FundingResult> {
    session.read(|r| r.funding(case_id))
}

#[tauri::command]
pub async fn save_parameters(session: State<'_, Session>, record: Parameters) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn check_parameters(session: State<'_, Session>, record: Parameters) -> CommandResult<Problems> {
    session.problems(&record)
}
