//! Commands that read, check, save and delete records. Saving creates a record whose id is 0 and updates
//! any other; every write is one transaction in the engine, with its change history.

use samordna::domain::{
    Benefit, BenefitStatus, Deviation, Entity, FormRecord, Id, Initiative, InitiativeState, Organisation, Problems,
    Provider, Requirement, Service,
};
use tauri::State;

use crate::error::CommandResult;
use crate::session::{Session, now};

/// What keeps a record from being deleted (the labels of the records that refer to it), asked before deleting.
#[tauri::command]
pub async fn dependents(session: State<'_, Session>, entity: Entity, id: Id) -> CommandResult<Vec<String>> {
    session.read(|r| r.dependents(entity, id))
}

#[tauri::command]
pub async fn save_organisation(session: State<'_, Session>, record: Organisation) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn delete_organisation(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Organisation>(id, now())
}

#[tauri::command]
pub async fn check_organisation(session: State<'_, Session>, record: Organisation) -> CommandResult<Problems> {
    session.problems(&record)
}

#[tauri::command]
pub async fn save_provider(session: State<'_, Session>, record: Provider) -> CommandResult<Id> {
    session.save(record, now())
}

#[tauri::command]
pub async fn delete_provider(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Provider>(id, now())
}

#[tauri::command]
pub async fn check_provider(session: State<'_, Session>, record: Provider) -> CommandResult<Problems> {
    session.problems(&record)
}

#[tauri::command]
pub async fn save_service(session: State<'_, Session>, record: FormRecord<Service>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_service(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Service>(id, now())
}

#[tauri::command]
pub async fn check_service(session: State<'_, Session>, record: FormRecord<Service>) -> CommandResult<Problems> {
    session.form_problems(&record)
}

#[tauri::command]
pub async fn save_initiative(session: State<'_, Session>, record: FormRecord<Initiative>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_initiative(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Initiative>(id, now())
}

#[tauri::command]
pub async fn check_initiative(session: State<'_, Session>, record: FormRecord<Initiative>) -> CommandResult<Problems> {
    session.form_problems(&record)
}

#[tauri::command]
pub async fn save_benefit(session: State<'_, Session>, record: FormRecord<Benefit>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_benefit(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Benefit>(id, now())
}

#[tauri::command]
pub async fn check_benefit(session: State<'_, Session>, record: FormRecord<Benefit>) -> CommandResult<Problems> {
    session.form_problems(&record)
}

/// How each benefit of an initiative is doing against its target (`null` where nothing is measured yet, or while
/// the initiative's benefits realisation plan is not approved: measurements count from the approved plan).
#[tauri::command]
pub async fn benefit_statuses(
    session: State<'_, Session>,
    initiative_id: Id,
) -> CommandResult<Vec<(Id, Option<BenefitStatus>)>> {
    session.read(|r| {
        let approved = r.get::<samordna::domain::Initiative>(initiative_id)?.benefits_plan_approved();
        Ok(r.benefits_of(initiative_id)?.into_iter().map(|b| (b.id, b.counted_status(approved))).collect())
    })
}

/// Every service's standing in `year`: its classification against the least one of the city's practice in force
/// and the customers without instructions for the personal data the provider processes on their behalf (the
/// engine's judgement, so the views keep no rule of their own).
#[tauri::command]
pub async fn service_standings(
    session: State<'_, Session>,
    year: i32,
) -> CommandResult<Vec<samordna::domain::ServiceStanding>> {
    session.read(|r| r.service_standings(year))
}

/// A state an initiative may move to next, with what it still lacks for that move.
#[derive(serde::Serialize)]
pub struct Transition {
    pub to: InitiativeState,
    pub missing: Vec<Requirement>,
}

#[tauri::command]
pub async fn initiative_transitions(session: State<'_, Session>, id: Id) -> CommandResult<Vec<Transition>> {
    session.read(|r| Ok(r.transitions(id)?.into_iter().map(|(to, missing)| Transition { to, missing }).collect()))
}

/// Moves an initiative along its lifecycle, recording why.
#[tauri::command]
pub async fn move_initiative(
    session: State<'_, Session>,
    id: Id,
    to: InitiativeState,
    reason: String,
) -> CommandResult<()> {
    session.write(now(), |w| w.move_initiative(id, to, &reason))
}

/// The latest move of an initiative's state: who made it, when, and whether a decision of the group did.
#[tauri::command]
pub async fn initiative_latest_step(
    session: State<'_, Session>,
    id: Id,
) -> CommandResult<Option<samordna::store::LatestStep>> {
    session.read(|r| r.latest_step(id))
}

/// Reverses the latest step the user took on an initiative, with a reason.
#[tauri::command]
pub async fn undo_initiative_step(
    session: State<'_, Session>,
    id: Id,
    reason: String,
) -> CommandResult<samordna::store::UndoneStep> {
    session.write(now(), |w| w.undo_step(id, &reason))
}

#[tauri::command]
pub async fn save_deviation(session: State<'_, Session>, record: FormRecord<Deviation>) -> CommandResult<Id> {
    session.save_form(record, now())
}

#[tauri::command]
pub async fn delete_deviation(session: State<'_, Session>, id: Id) -> CommandResult<()> {
    session.delete::<Deviation>(id, now())
}

#[tauri::command]
pub async fn check_deviation(session: State<'_, Session>, record: FormRecord<Deviation>) -> CommandResult<Problems> {
    session.form_problems(&record)
}

/// What the register and the form show of each deviation, as stored or as being edited: its steps under the city's
/// practice, the next one and what it needs, and whether it is overdue today (the Stockholm date). The engine's
/// rules (`Deviation::facts`), not a copy in the UI (issue 30).
#[tauri::command]
pub async fn deviation_facts(
    session: State<'_, Session>,
    records: Vec<FormRecord<Deviation>>,
) -> CommandResult<Vec<samordna::domain::DeviationFacts>> {
    session.read(|r| r.deviation_facts(records.iter().map(|form| &form.record), now()))
}

/// What is due today (the Stockholm date): the next meeting and the planned measurements overdue, for the
/// dashboard and the board (the engine's comparisons, not the UI's).
#[tauri::command]
pub async fn today(session: State<'_, Session>) -> CommandResult<samordna::domain::Today> {
    session.read(|r| r.today(now()))
}

/// Appraises flows (kronor as decimal texts; flow 0 today, then the end of each year) at `rate` (a fraction as
/// text): NPV, IRR, simple and discounted payback.
#[tauri::command]
pub async fn appraise_benefits(rate: String, flows: Vec<String>) -> CommandResult<samordna::benefits::AppraisalText> {
    samordna::benefits::appraise_texts(&rate, &flows).map_err(|e| samordna::Error::from(e).into())
}
