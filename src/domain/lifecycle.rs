//! The initiative lifecycle as a state machine: which state may follow which on each track, and what an initiative
//! must hold before it moves (a prioritised initiative has a place in a criteria set, costs per year of its planning
//! period and a funding model; a shared initiative reaches preparation only after its provider's board was
//! informed, because that state is the only way there).

use super::{Initiative, InitiativeState, Language, Phase, Requirement, ReuseOutcome, Service, ServiceState, Track};

impl Phase {
    /// The initiative states of this phase, in lifecycle order.
    pub fn states(self) -> &'static [InitiativeState] {
        use InitiativeState::*;
        match self {
            // Riktlinjen, "Behov och kravställning": the need is analysed and the material put together; on the
            // shared track the provider's board is informed before it is sent on.
            Phase::Need => &[Identified, Analysis, MaterialReady, ProviderBoardInformed],
            // Riktlinjen, "Behov och kravställning": the *beredningsfunktion* puts the material together for the
            // group's valuation; sent back, it waits to go back to analysis.
            Phase::Preparation => &[Submitted, Prepared, Valued, SentBack],
            // Riktlinjen, "Prioritering och beslut": the group prioritises or decides, the council decides frames;
            // on the business-specific track the customer's own nämnd or bolagsstyrelse decides, after the valuation
            // "i respektive förvaltnings- och bolagsledning" ("Verksamhetsspecifika system, tjänster och
            // förändringsinsatser").
            Phase::Decision => &[Prioritised, DecidedByGroup, DecidedByOwnBoard, InBudgetMaterial, FrameDecided],
            // Riktlinjen, "Realisera och följa upp nytta och effekter": initiate, develop, implement, manage.
            Phase::Realisation => &[Initiate, Develop, Implement, Manage],
            // Practice: evaluated, closed and every end that was not a realisation.
            Phase::Finished => &[Evaluated, Closed, Cancelled, NotPrioritised, NotFunded],
        }
    }
}

impl InitiativeState {
    /// The phase this state lies in.
    pub fn phase(self) -> Phase {
        *Phase::ALL.iter().find(|p| p.states().contains(&self)).expect("every state is in a phase")
    }

    /// Submitted, prepared or valued: the initiative waits for the group to prepare, value or decide it
    /// (riktlinjen, "Behov och kravställning" and "Prioritering och beslut").
    pub fn waits_for_group(self) -> bool {
        matches!(self, Self::Submitted | Self::Prepared | Self::Valued)
    }

    /// Prioritised or decided and on its way, not yet finished: its costs count against the frames (practice: the
    /// group's frames follow what it has prioritised, riktlinjen, "Prioritering och beslut").
    pub fn commits_money(self) -> bool {
        use InitiativeState::*;
        matches!(
            self,
            Prioritised | DecidedByGroup | InBudgetMaterial | FrameDecided | Initiate | Develop | Implement | Manage
        )
    }
}

/// The states a service may move to from `from`: planned → in development → in operation → being phased out →
/// retired, with a planned service able to go straight into operation (a bought-in service) and a service being
/// phased out able to return to operation. A retired service stays retired.
pub fn next_service_states(from: ServiceState) -> Vec<ServiceState> {
    use ServiceState::*;
    match from {
        Planned => vec![InDevelopment, Active, Retired],
        InDevelopment => vec![Active, Retired],
        Active => vec![PhasingOut],
        PhasingOut => vec![Active, Retired],
        Retired => vec![],
    }
}

/// What a service lacks to move to `to`. In operation, a service is in the catalogue, and riktlinjen ("Nämnder med
/// särskilt ansvar för gemensamma tjänster") says the providers "ska upprätta tjänstekatalog där pris, tjänstens
/// omfattning, servicenivå, målgrupp och informationssäkerhetsnivå liksom krav på kunden för att kunna ansluta sig
/// till tjänsten, tydligt ska framgå": scope, a price with its unit (for cost allocation too, which the guideline's
/// table ("Tjänster och förändringsinsatser") bases on "prognosticerat pris och volym"), service level, target
/// group, a K/R/T classification (or the explicit statement that it handles no information: nothing to classify)
/// and connection requirements. The funding model is needed to value and bill it (riktlinjen, "Finansiering").
/// Meeting the city's baseline (grundsäkerhetsnivå) is not required to move: the service records its assessment
/// (`Service::baseline`), and one that does not meet it is shown and reported with its shortfalls.
pub fn check_service(from: ServiceState, to: ServiceState, service: &Service) -> Result<(), Option<Vec<Requirement>>> {
    if !next_service_states(from).contains(&to) {
        return Err(None);
    }
    let missing = if to == ServiceState::Active { catalogue_lacks(service) } else { Vec::new() };
    if missing.is_empty() { Ok(()) } else { Err(Some(missing)) }
}

/// What the catalogue entry of `service` lacks of what the guideline lists, with the field that holds each: checked
/// on entering *I drift* ([`check_service`]) and for as long as the service stays there, so an edit, a sheet or a
/// file cannot take an item away from a service in operation.
pub fn catalogue_lacks(service: &Service) -> Vec<Requirement> {
    let classified = service.security.confidentiality.is_some()
        && service.security.integrity.is_some()
        && service.security.availability.is_some();
    let filled = |text: &str| !text.trim().is_empty();
    [
        (Requirement::Scope, filled(&service.scope)),
        (Requirement::Price, service.price.is_some() && filled(&service.unit)),
        (Requirement::ServiceLevel, filled(&service.service_level)),
        (Requirement::TargetGroup, filled(&service.target_group)),
        (Requirement::ClassificationOrNoInformation, classified || service.handles_no_information),
        (Requirement::ConnectionRequirements, filled(&service.connection_requirements)),
        (Requirement::FundingModel, service.funding_model.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(requirement, _)| requirement)
    .collect()
}

/// The field of a service that holds a catalogue item ([`catalogue_lacks`]).
pub fn catalogue_field(requirement: Requirement) -> &'static str {
    match requirement {
        Requirement::Scope => "scope",
        Requirement::Price => "price",
        Requirement::ServiceLevel => "service_level",
        Requirement::TargetGroup => "target_group",
        Requirement::ClassificationOrNoInformation => "security",
        Requirement::ConnectionRequirements => "connection_requirements",
        Requirement::FundingModel => "funding_model",
        _ => "state",
    }
}

/// Why initiative `label` cannot move to `to`, in `language`: it cannot start there (`from` `None`), the move is no
/// step of its lifecycle (`missing` empty), or it lacks `missing`. The one text for the CLI (`Error::Transition`)
/// and for a spreadsheet import's problems; the UI words the same facts from the error's parameters.
pub fn transition_text(
    language: Language,
    label: &str,
    from: Option<InitiativeState>,
    to: InitiativeState,
    missing: &[Requirement],
) -> String {
    let to = to.label(language);
    let needs = missing.iter().map(|m| m.label(language)).collect::<Vec<_>>().join(", ");
    match (language, from, missing.is_empty()) {
        (Language::Sv, None, _) => format!(
            "initiativet \u{201d}{label}\u{201d} kan inte börja som {to}: ett nytt initiativ börjar som Identifierad \
             eller Analys"
        ),
        (Language::Sv, Some(from), true) => format!(
            "initiativet \u{201d}{label}\u{201d} kan inte gå från {} till {to}: det är inget steg i dess livscykel",
            from.label(language)
        ),
        (Language::Sv, Some(_), false) => {
            format!("initiativet \u{201d}{label}\u{201d} kan inte flyttas till {to} ännu: det behöver {needs}")
        }
        (Language::En, None, _) => {
            format!("initiative '{label}' cannot start as {to}: a new initiative starts as Identified or Analysis")
        }
        (Language::En, Some(from), true) => format!(
            "initiative '{label}' cannot move from {} to {to}: that is not a step of its lifecycle",
            from.label(language)
        ),
        (Language::En, Some(_), false) => format!("initiative '{label}' cannot move to {to} yet: it needs {needs}"),
    }
}

/// Why service `label` cannot move to `to`, in `language`, like [`transition_text`].
pub fn service_transition_text(
    language: Language,
    label: &str,
    from: Option<ServiceState>,
    to: ServiceState,
    missing: &[Requirement],
) -> String {
    let to = to.label(language);
    let needs = missing.iter().map(|m| m.label(language)).collect::<Vec<_>>().join(", ");
    match (language, from, missing.is_empty()) {
        (Language::Sv, None, true) => format!("tjänsten \u{201d}{label}\u{201d} kan inte börja som {to}"),
        (Language::Sv, Some(from), true) => format!(
            "tjänsten \u{201d}{label}\u{201d} kan inte gå från {} till {to}: det är inget steg i dess livscykel",
            from.label(language)
        ),
        (Language::Sv, _, false) => {
            format!("tjänsten \u{201d}{label}\u{201d} kan inte vara {to} ännu: den behöver {needs}")
        }
        (Language::En, None, true) => format!("service '{label}' cannot start as {to}"),
        (Language::En, Some(from), true) => format!(
            "service '{label}' cannot move from {} to {to}: that is not a step of its lifecycle",
            from.label(language)
        ),
        (Language::En, _, false) => format!("service '{label}' cannot be {to} yet: it needs {needs}"),
    }
}

/// What the portfolio knows about an initiative beyond its own record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The initiative is in a criteria set (it can be valued and ranked).
    pub in_criteria_set: bool,
    /// Members have scored it in a criteria set that holds it.
    pub scored: bool,
    pub benefits: usize,
    /// Quantitative benefits without any measurement.
    pub unmeasured: usize,
    /// It is chosen in budget material the group has decided to send (a decision recorded at a meeting).
    pub in_sent_budget_material: bool,
    /// The years whose frames the council has decided.
    pub decided_frame_years: std::collections::BTreeSet<i32>,
    /// A decision of the group is recorded that puts it in its present state (on an agenda item naming it, or in
    /// budget material the group decided).
    pub decided_into_state: bool,
}

/// Who moves an initiative: anyone taking a step of its lifecycle, or the group by a decision recorded at one of
/// its meetings (riktlinjen, "Prioritering och beslut"). The group's own states
/// ([`InitiativeState::decided_by_group`]) are entered only by its decisions, and a decision may also turn one of
/// them into another (the group reconsiders what it decided; a step never can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mover {
    Step,
    GroupDecision,
}

/// Whether an initiative in `state` on `track` may be listed as prioritised in budget material: a shared
/// initiative whose material is ready (riktlinjen, "Behov och kravställning": the material is put together before
/// the group values and prioritises it) and that is neither finished, sent back nor decided against. `None` when
/// it may; otherwise why not.
pub fn budget_eligibility(track: Track, state: InitiativeState) -> Option<NotEligible> {
    use InitiativeState::*;
    if track == Track::BusinessSpecific {
        // Riktlinjen, "Tjänster och förändringsinsatser" (the table): verksamhetsspecifika are paid "Inom egen
        // budget", decided by the customer's own board.
        return Some(NotEligible::OwnBudget);
    }
    match state {
        Identified | Analysis | SentBack => Some(NotEligible::NotReady),
        NotPrioritised => Some(NotEligible::NotPrioritisedByGroup),
        Evaluated | Closed | Cancelled | NotFunded => Some(NotEligible::Ended),
        _ => None,
    }
}

/// Whether an initiative on `track` in `state` may enter a criteria set to be valued: the group "ska värdera och
/// prioritera befintliga och nya förändringsinsatser och gemensamma tjänster" (riktlinjen, "Kommunstyrelsen"), so
/// only the shared track (a verksamhetsspecifik one is valued "i respektive förvaltnings- och bolagsledning",
/// "Verksamhetsspecifika system, tjänster och förändringsinsatser"), and only once the material is sent on for
/// preparation ("Beredningsfunktionen sammanställer inkomna underlag … för ytterligare värdering och prioritering i
/// den strategiska samordningsgruppen", "Gemensamma tjänster och förändringsinsatser"): from *Inlämnad till
/// beredning* on, never when it is finished, not prioritised or stopped. `None` when it may; else why not.
pub fn may_enter_criteria_set(track: Track, state: InitiativeState) -> Option<NotValued> {
    use InitiativeState::*;
    if track == Track::BusinessSpecific {
        return Some(NotValued::BusinessSpecific);
    }
    match state {
        Identified | Analysis | MaterialReady | ProviderBoardInformed => Some(NotValued::NotSubmitted),
        Evaluated | Closed | Cancelled | NotPrioritised | NotFunded => Some(NotValued::Finished),
        _ => None,
    }
}

/// Why an initiative may not enter a criteria set ([`may_enter_criteria_set`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotValued {
    /// Business-specific: its own board values it.
    BusinessSpecific,
    /// Its material has not been submitted to the preparation function.
    NotSubmitted,
    /// Finished, not prioritised, not funded or stopped.
    Finished,
}

/// Why an initiative cannot be prioritised in budget material ([`budget_eligibility`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotEligible {
    /// Business-specific: its own board funds it within its own budget.
    OwnBudget,
    /// Its material is not ready (Identifierad, Analys, Återremitterad).
    NotReady,
    /// The group decided not to prioritise it.
    NotPrioritisedByGroup,
    /// Evaluated, closed, cancelled or not funded: nothing is left to fund.
    Ended,
}

/// The states that may follow `from` on `track`.
pub fn next_states(track: Track, from: InitiativeState) -> Vec<InitiativeState> {
    use InitiativeState::*;
    let mut next: Vec<InitiativeState> = match (track, from) {
        (_, Identified) => vec![Analysis],
        (_, Analysis) => vec![MaterialReady],
        (Track::Shared, MaterialReady) => vec![ProviderBoardInformed, Analysis],
        (Track::BusinessSpecific, MaterialReady) => vec![DecidedByOwnBoard, NotFunded, Analysis],
        (_, ProviderBoardInformed) => vec![Submitted],
        (_, Submitted) => vec![Prepared, Analysis],
        (_, Prepared) => vec![Valued],
        (_, Valued) => vec![Prioritised, SentBack, NotPrioritised, DecidedByGroup],
        (_, SentBack) => vec![Analysis],
        (_, Prioritised) => vec![InBudgetMaterial],
        (_, InBudgetMaterial) => vec![FrameDecided, NotFunded],
        (_, FrameDecided | DecidedByGroup | DecidedByOwnBoard) => vec![Initiate],
        (_, Initiate) => vec![Develop],
        (_, Develop) => vec![Implement],
        (_, Implement) => vec![Manage],
        (_, Manage) => vec![Evaluated],
        (_, Evaluated) => vec![Closed],
        (_, Closed | Cancelled | NotPrioritised | NotFunded) => vec![],
    };
    if !from.is_final() && from != Evaluated {
        next.push(Cancelled);
    }
    next.retain(|s| s.belongs_to(track));
    next
}

/// The states a new shared service may start in: planned, in development, or (a service bought in or taken over)
/// already in operation; never retired or phasing out. Riktlinjen names no starting state: this is the city's
/// practice, as the service form has always offered it (issue 30: one rule for the form and the store).
pub const SERVICE_STARTING_STATES: [ServiceState; 3] =
    [ServiceState::Planned, ServiceState::InDevelopment, ServiceState::Active];

/// The states a new initiative may start in.
pub const STARTING_STATES: [InitiativeState; 2] = [InitiativeState::Identified, InitiativeState::Analysis];

/// What an initiative in its present state lacks of the rules of that state: the requirements of entering each state
/// it must have passed to be there (the material from *Underlag klart* on, the provider from *Leverantörens nämnd
/// informerad*, the members' scores from *Värderad*, the group's decision for the group's states, the budget material
/// and the council's frames, the benefits realisation plan from *Initiera*, the förvaltningsplan from *Förvalta*, the
/// approved plan and its measurements from *Utvärderad*). A record imported as it is keeps its state; this says
/// whether it obeys the rules it would have had to pass. Reasons for a step are the history's, not asked.
pub fn rules_of_state(initiative: &Initiative, facts: &Facts) -> Vec<Requirement> {
    use InitiativeState::*;
    let state = initiative.state;
    if matches!(state, Identified | Analysis | Cancelled) {
        return Vec::new();
    }
    let shared = initiative.track == Track::Shared;
    let realised = state.phase() == super::Phase::Realisation || matches!(state, Evaluated | Closed);
    let mut passed: Vec<InitiativeState> = vec![MaterialReady];
    if shared && !matches!(state, MaterialReady) {
        passed.push(ProviderBoardInformed);
    }
    if shared && matches!(state, Valued | Prioritised | SentBack | NotPrioritised | InBudgetMaterial | FrameDecided) {
        passed.push(Valued);
    }
    match state {
        Prioritised | SentBack | NotPrioritised | DecidedByGroup | DecidedByOwnBoard => passed.push(state),
        InBudgetMaterial => passed.extend([InBudgetMaterial]),
        FrameDecided => passed.extend([InBudgetMaterial, FrameDecided]),
        _ => {}
    }
    if realised {
        passed.push(Initiate);
    }
    if matches!(state, Implement | Manage | Evaluated | Closed) {
        passed.push(Implement);
    }
    if matches!(state, Manage | Evaluated | Closed) {
        passed.push(Manage);
    }
    if matches!(state, Evaluated | Closed) {
        passed.push(Evaluated);
    }
    let mut missing = Vec::new();
    for to in passed {
        // The requirements of a state do not depend on where it is entered from.
        let after = Initiative { state: to, ..initiative.clone() };
        let lacks = match check_requirements(to, &after, facts, "recorded") {
            Ok(()) => Vec::new(),
            Err(lacks) => lacks,
        };
        for requirement in lacks {
            if !missing.contains(&requirement) {
                missing.push(requirement);
            }
        }
    }
    if state.decided_by_group() && !facts.decided_into_state {
        missing.push(Requirement::GroupDecision);
    }
    missing
}

/// Whether `mover` may take an initiative on `track` from `from` to `to` at all: a step of its lifecycle, or a
/// decision of the group turning one of the group's states into another.
pub fn is_move(track: Track, from: InitiativeState, to: InitiativeState, mover: Mover) -> bool {
    next_states(track, from).contains(&to)
        || (mover == Mover::GroupDecision
            && from.decided_by_group()
            && to.decided_by_group()
            && from != to
            && to.belongs_to(track))
}

/// Why `initiative` cannot move to `to` (it is checked as it will be after the move): `Err(None)` when the move is
/// not a transition of its track from its current state `from`, `Err(Some(missing))` when it lacks something. A
/// state the group decides needs `mover` to be [`Mover::GroupDecision`]; a step is told it lacks
/// [`Requirement::GroupDecision`].
pub fn check(
    from: InitiativeState,
    to: InitiativeState,
    initiative: &Initiative,
    facts: &Facts,
    reason: &str,
    mover: Mover,
) -> Result<(), Option<Vec<Requirement>>> {
    if !is_move(initiative.track, from, to, mover) {
        return Err(None);
    }
    let mut missing = Vec::new();
    if to.decided_by_group() && mover == Mover::Step {
        missing.push(Requirement::GroupDecision);
    }
    if let Err(lacks) = check_requirements(to, initiative, facts, reason) {
        missing.extend(lacks.into_iter().filter(|r| !missing.contains(r)).collect::<Vec<_>>());
    }
    if missing.is_empty() { Ok(()) } else { Err(Some(missing)) }
}

/// What `initiative` (as it will be in `to`) lacks of what `to` requires, whoever moves it.
fn check_requirements(
    to: InitiativeState,
    initiative: &Initiative,
    facts: &Facts,
    reason: &str,
) -> Result<(), Vec<Requirement>> {
    use InitiativeState::*;
    let mut missing = Vec::new();
    let costs = !initiative.costs.is_empty()
        && initiative.costs.iter().any(|c| c.development.ore() > 0 || c.management.ore() > 0);
    let security = initiative.security.confidentiality.is_some()
        && initiative.security.integrity.is_some()
        && initiative.security.availability.is_some();
    let mut need = |requirement: Requirement, present: bool| {
        if !present && !missing.contains(&requirement) {
            missing.push(requirement);
        }
    };
    match to {
        MaterialReady => {
            need(Requirement::Owner, initiative.owner_id.is_some());
            need(Requirement::Costs, costs);
            need(Requirement::BenefitSummary, !initiative.benefit_summary.trim().is_empty());
            need(Requirement::Security, security);
            need(Requirement::ReuseCheck, initiative.reuse_outcome != ReuseOutcome::NotChecked);
            need(Requirement::FundingModel, initiative.funding_model.is_some());
            // Riktlinjen, "Gemensamma tjänster och förändringsinsatser" (under "Behov och kravställning"): "I underlaget
            // ska bland annat nyttor och effekter samt uppfyllande av lag- och säkerhetskrav framgå", after
            // "risk- och säkerhetsbedömningar"; the beredningsfunktion adds a "förslag på långsiktig plan".
            need(Requirement::Laws, initiative.legal_basis_stated());
            need(Requirement::RiskAssessment, initiative.risks_assessed());
            need(Requirement::LongTermPlan, !initiative.long_term_plan.trim().is_empty());
        }
        ProviderBoardInformed => need(Requirement::Provider, initiative.provider_id.is_some()),
        // Riktlinjen, "Kommunstyrelsen": the group "ska värdera och prioritera"; valued means its members scored it.
        Valued => need(Requirement::Scores, facts.scored),
        // Riktlinjen, "Prioritering och beslut": the group's prioritisation "ligger sedan till grund för underlag
        // till budget"; an initiative is in the budget material once the group decided to send material choosing it.
        InBudgetMaterial => need(Requirement::BudgetMaterialSent, facts.in_sent_budget_material),
        // "Kommunfullmäktige fattar sedan beslut om de ekonomiska ramarna": every year the initiative costs money in
        // has a decided frame.
        FrameDecided => {
            let years_with_costs =
                initiative.costs.iter().filter(|c| c.development.ore() > 0 || c.management.ore() > 0);
            need(
                Requirement::DecidedFrames,
                years_with_costs.map(|c| c.year).all(|y| facts.decided_frame_years.contains(&y)),
            );
        }
        Prioritised => {
            need(Requirement::CriteriaSet, facts.in_criteria_set);
            need(Requirement::Costs, costs);
            need(Requirement::FundingModel, initiative.funding_model.is_some());
        }
        DecidedByGroup | DecidedByOwnBoard => {
            need(Requirement::Costs, costs);
            need(Requirement::FundingModel, initiative.funding_model.is_some());
        }
        Initiate => need(Requirement::BenefitsPlan, facts.benefits > 0),
        // Riktlinjen, "Realisera och följa upp nytta och effekter": the customer implements the change of how it
        // works ("Det är kunden som ansvarar för att implementera verksamhetsförändringen, till exempel nya
        // arbetssätt"): implementing needs it described.
        Implement => need(Requirement::BusinessChange, !initiative.business_change.trim().is_empty()),
        // Riktlinjen, "Realisera och följa upp nytta och effekter": what is delivered is managed (förvaltas) by a
        // förvaltningsplan.
        Manage => need(Requirement::ManagementPlan, !initiative.management_plan.trim().is_empty()),
        Evaluated => {
            need(Requirement::BenefitsPlan, facts.benefits > 0);
            // Riktlinjen, "Realisera och följa upp nytta och effekter": benefits are followed up against an
            // approved (fastställd) plan, so the evaluation needs one.
            need(Requirement::PlanApproved, initiative.benefits_plan_approved());
            need(Requirement::Measurements, facts.unmeasured == 0);
        }
        Cancelled | SentBack | NotPrioritised | NotFunded => need(Requirement::Reason, !reason.trim().is_empty()),
        _ => {}
    }
    if missing.is_empty() { Ok(()) } else { Err(missing) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_is_in_exactly_one_phase_in_lifecycle_order() {
        let in_phases: Vec<InitiativeState> = Phase::ALL.iter().flat_map(|p| p.states().iter().copied()).collect();
        let mut sorted = in_phases.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), in_phases.len(), "no state in two phases");
        assert_eq!(sorted, InitiativeState::ALL, "every state in a phase");
        assert_eq!(InitiativeState::Valued.phase(), Phase::Preparation);
        assert_eq!(InitiativeState::DecidedByOwnBoard.phase(), Phase::Decision);
        // The phases that are one path list it in the order it is walked.
        for phase in [Phase::Need, Phase::Preparation, Phase::Realisation] {
            for pair in phase.states().windows(2) {
                assert!(next_states(Track::Shared, pair[0]).contains(&pair[1]), "{phase:?}: {pair:?}");
            }
        }
    }

    #[test]
    fn a_refused_move_says_why_in_swedish_and_english() {
        use InitiativeState::*;
        let missing = [Requirement::BenefitSummary, Requirement::FundingModel];
        assert_eq!(
            transition_text(Language::En, "E-arkiv", Some(Analysis), MaterialReady, &missing),
            "initiative 'E-arkiv' cannot move to Material ready yet: it needs a benefit summary, a proposed funding model"
        );
        assert_eq!(
            transition_text(Language::Sv, "E-arkiv", Some(Analysis), MaterialReady, &missing),
            "initiativet \u{201d}E-arkiv\u{201d} kan inte flyttas till Underlag klart ännu: det behöver nyttan i \
             sammandrag, en föreslagen finansieringsmodell"
        );
        assert!(transition_text(Language::Sv, "E", Some(MaterialReady), Prioritised, &[]).contains("inget steg"));
        assert!(
            transition_text(Language::En, "E", None, Prioritised, &[]).contains("starts as Identified or Analysis")
        );
        assert!(transition_text(Language::Sv, "E", None, Prioritised, &[]).contains("börjar som Identifierad"));
        let service = [Requirement::ServiceLevel];
        assert_eq!(
            service_transition_text(Language::Sv, "Lön", Some(ServiceState::Planned), ServiceState::Active, &service),
            "tjänsten \u{201d}Lön\u{201d} kan inte vara I drift ännu: den behöver en servicenivå"
        );
        assert_eq!(
            service_transition_text(Language::En, "Lön", Some(ServiceState::Active), ServiceState::Planned, &[]),
            "service 'Lön' cannot move from In operation to Planned: that is not a step of its lifecycle"
        );
    }

    #[test]
    fn money_is_committed_from_prioritised_or_decided_until_the_initiative_is_finished() {
        use InitiativeState::*;
        let committed: Vec<_> = InitiativeState::ALL.iter().copied().filter(|s| s.commits_money()).collect();
        assert_eq!(
            committed,
            [Prioritised, DecidedByGroup, InBudgetMaterial, FrameDecided, Initiate, Develop, Implement, Manage]
        );
        // Nothing final and nothing before the group's decision commits money.
        for state in committed {
            assert!(!state.is_final());
            assert!(matches!(state.phase(), Phase::Decision | Phase::Realisation), "{state:?}");
        }
        let waiting: Vec<_> = InitiativeState::ALL.iter().copied().filter(|s| s.waits_for_group()).collect();
        assert_eq!(waiting, [Submitted, Prepared, Valued]);
        assert!(waiting.iter().all(|s| !s.belongs_to(Track::BusinessSpecific)), "only the shared track waits");
    }

    #[test]
    fn a_service_goes_into_operation_only_when_the_catalogue_shows_what_the_guideline_lists() {
        use crate::domain::{FundingModel, Security, SecurityLevel};
        use crate::money::Money;
        let level = Some(SecurityLevel { level: 1, label: "Måttlig".into() });
        let service = Service {
            id: 1,
            name: "E-arkiv".into(),
            provider_id: Some(1),
            price: Some(Money::from_ore(4_500)),
            unit: "användare och månad".into(),
            scope: "Arkivering av allmänna handlingar".into(),
            service_level: "99,5 %".into(),
            target_group: "Alla förvaltningar".into(),
            security: Security { confidentiality: level.clone(), integrity: level.clone(), availability: level },
            connection_requirements: "Ansluten till stadens nät".into(),
            funding_model: Some(FundingModel::CostAllocation),
            ..Service::draft()
        };
        assert_eq!(check_service(ServiceState::Planned, ServiceState::Active, &service), Ok(()));
        let bare = Service { service_level: String::new(), funding_model: None, ..service.clone() };
        assert_eq!(
            check_service(ServiceState::InDevelopment, ServiceState::Active, &bare),
            Err(Some(vec![Requirement::ServiceLevel, Requirement::FundingModel]))
        );
        // Every item the guideline's catalogue lists, in the order it lists them.
        let empty = Service {
            price: None,
            scope: " ".into(),
            service_level: String::new(),
            target_group: String::new(),
            security: Security::default(),
            connection_requirements: String::new(),
            funding_model: None,
            ..service.clone()
        };
        assert_eq!(
            check_service(ServiceState::Planned, ServiceState::Active, &empty),
            Err(Some(vec![
                Requirement::Scope,
                Requirement::Price,
                Requirement::ServiceLevel,
                Requirement::TargetGroup,
                Requirement::ClassificationOrNoInformation,
                Requirement::ConnectionRequirements,
                Requirement::FundingModel,
            ]))
        );
        // A price needs its unit; a service handling no information needs no classification.
        let no_unit = Service { unit: String::new(), ..service.clone() };
        assert_eq!(
            check_service(ServiceState::Planned, ServiceState::Active, &no_unit),
            Err(Some(vec![Requirement::Price]))
        );
        let consultants = Service { security: Security::default(), handles_no_information: true, ..service.clone() };
        assert_eq!(check_service(ServiceState::Planned, ServiceState::Active, &consultants), Ok(()));
        assert_eq!(check_service(ServiceState::Retired, ServiceState::Active, &service), Err(None));
        assert_eq!(check_service(ServiceState::Active, ServiceState::Planned, &service), Err(None));
        assert_eq!(check_service(ServiceState::Active, ServiceState::PhasingOut, &bare), Ok(()));
    }

    #[test]
    fn every_open_state_reaches_closed_or_a_final_state_and_can_be_cancelled() {
        for &track in Track::ALL {
            for state in InitiativeState::ALL.iter().copied().filter(|s| s.belongs_to(track)) {
                let next = next_states(track, state);
                assert!(next.iter().all(|s| s.belongs_to(track)), "{track:?} {state:?} → {next:?}");
                if !state.is_final() && state != InitiativeState::Evaluated {
                    assert!(next.contains(&InitiativeState::Cancelled), "{state:?} can be cancelled");
                }
                if state.is_final() {
                    assert!(next.is_empty(), "{state:?} is final");
                }
            }
        }
        // A shared initiative reaches preparation only through its provider's board.
        let into_submitted: Vec<InitiativeState> = InitiativeState::ALL
            .iter()
            .copied()
            .filter(|s| next_states(Track::Shared, *s).contains(&InitiativeState::Submitted))
            .collect();
        assert_eq!(into_submitted, [InitiativeState::ProviderBoardInformed]);
        // The business-specific track is decided by the customer's own board.
        assert!(
            next_states(Track::BusinessSpecific, InitiativeState::MaterialReady)
                .contains(&InitiativeState::DecidedByOwnBoard)
        );
        assert!(
            !next_states(Track::BusinessSpecific, InitiativeState::MaterialReady)
                .contains(&InitiativeState::ProviderBoardInformed)
        );
    }

    use crate::domain::{FundingModel, Security, SecurityLevel, YearCost};
    use crate::money::Money;

    /// An initiative that holds everything any state asks for.
    fn complete(track: Track) -> Initiative {
        let level = Some(SecurityLevel { level: 2, label: "Betydande".into() });
        Initiative {
            id: 1,
            case_number: "SLK-2026-00001".into(),
            title: "Prov".into(),
            description: String::new(),
            track,
            kind: crate::domain::InitiativeKind::Change,
            owner_id: Some(1),
            provider_id: Some(1),
            customer_ids: vec![],
            state: InitiativeState::Identified,
            costs: vec![YearCost {
                year: 2026,
                development: Money::from_kronor(100),
                management: Money::from_kronor(10),
            }],
            benefit_summary: "Nytta".into(),
            reuse_solution: String::new(),
            reuse_outcome: ReuseOutcome::PartlyReusable,
            laws: vec![crate::domain::Law::ArchivesAct],
            legal_notes: String::new(),
            no_legal_requirement: false,
            risks: vec![],
            risk_assessment: "Låg risk: beprövad lösning.".into(),
            security: Security { confidentiality: level.clone(), integrity: level.clone(), availability: level },
            funding_model: Some(if track == Track::Shared {
                FundingModel::CostAllocation
            } else {
                FundingModel::OwnBudget
            }),
            long_term_plan: "Förvaltas i ordinarie förvaltning.".into(),
            orientation: None,
            management_plan: "Förvaltningsplan 2027–2030.".into(),
            executor: String::new(),
            business_change: "Skolorna går över till digital frånvaroanmälan.".into(),
            benefits_plan_approved_date: Some(crate::time::day("2027-02-20")),
            benefits_plan_approved_by: "Grundskolenämnden".into(),
            specially_followed: false,
        }
    }

    /// Every fact any state asks for (the complete initiative costs money in 2026 only).
    fn all_facts() -> Facts {
        Facts {
            in_criteria_set: true,
            scored: true,
            benefits: 1,
            unmeasured: 0,
            in_sent_budget_material: true,
            decided_frame_years: [2026].into_iter().collect(),
            decided_into_state: true,
        }
    }

    /// The mover that may take a move: the group for its own states, a step otherwise.
    fn mover_for(to: InitiativeState) -> Mover {
        if to.decided_by_group() { Mover::GroupDecision } else { Mover::Step }
    }

    /// The material's alternatives: an explicit "no specific legal requirement" stands for the laws, a list of risks
    /// for the written assessment; a half approval (a date without who) is no approval.
    #[test]
    fn the_material_accepts_either_form_of_its_legal_basis_and_risk_assessment() {
        use crate::domain::{Risk, RiskLevel};
        use InitiativeState::*;
        let no_law = Initiative { laws: vec![], no_legal_requirement: true, ..complete(Track::Shared) };
        assert_eq!(check(Analysis, MaterialReady, &no_law, &all_facts(), "", Mover::Step), Ok(()));
        let listed = Initiative {
            risk_assessment: String::new(),
            risks: vec![Risk {
                risk: "Leverantören hinner inte leverera".into(),
                likelihood: RiskLevel::Medium,
                consequence: RiskLevel::High,
                action: "Vite i avtalet".into(),
            }],
            ..no_law.clone()
        };
        assert_eq!(check(Analysis, MaterialReady, &listed, &all_facts(), "", Mover::Step), Ok(()));
        let neither = Initiative { risks: vec![], no_legal_requirement: false, ..listed };
        assert_eq!(
            check(Analysis, MaterialReady, &neither, &all_facts(), "", Mover::Step),
            Err(Some(vec![Requirement::Laws, Requirement::RiskAssessment]))
        );
        // Both laws and "no specific legal requirement" is refused by the record's own check.
        let both = Initiative { no_legal_requirement: true, ..complete(Track::Shared) };
        let fields = |i: &Initiative| i.check().errors().iter().map(|e| e.field.clone()).collect::<Vec<_>>();
        assert!(fields(&both).contains(&"no_legal_requirement".to_string()));
        assert!(!fields(&complete(Track::Shared)).contains(&"no_legal_requirement".to_string()));
        let undated = Initiative { benefits_plan_approved_date: None, ..complete(Track::Shared) };
        assert!(!undated.benefits_plan_approved());
        assert!(fields(&undated).contains(&"benefits_plan_approved_date".to_string()));
        assert!(!fields(&complete(Track::Shared)).contains(&"benefits_plan_approved_date".to_string()));
        assert_eq!(
            check(Manage, Evaluated, &undated, &all_facts(), "", Mover::Step),
            Err(Some(vec![Requirement::PlanApproved]))
        );
    }

    /// Takes away one requirement at a time from a complete initiative and checks that exactly that requirement is
    /// reported for every transition that needs it, and that the complete initiative passes every transition.
    #[test]
    fn every_transition_needs_exactly_what_its_state_requires() {
        type TakeAway = Box<dyn Fn(&mut Initiative, &mut Facts, &mut &str)>;
        let cases: Vec<(Requirement, TakeAway)> = vec![
            (Requirement::Owner, Box::new(|i, _, _| i.owner_id = None)),
            (Requirement::Provider, Box::new(|i, _, _| i.provider_id = None)),
            (Requirement::Costs, Box::new(|i, _, _| i.costs.clear())),
            (Requirement::BenefitSummary, Box::new(|i, _, _| i.benefit_summary = " ".into())),
            (Requirement::Security, Box::new(|i, _, _| i.security.integrity = None)),
            (Requirement::ReuseCheck, Box::new(|i, _, _| i.reuse_outcome = ReuseOutcome::NotChecked)),
            (Requirement::FundingModel, Box::new(|i, _, _| i.funding_model = None)),
            (Requirement::CriteriaSet, Box::new(|_, f, _| f.in_criteria_set = false)),
            (Requirement::BenefitsPlan, Box::new(|_, f, _| f.benefits = 0)),
            (Requirement::Measurements, Box::new(|_, f, _| f.unmeasured = 1)),
            (Requirement::Reason, Box::new(|_, _, r| *r = "")),
            (Requirement::Laws, Box::new(|i, _, _| i.laws.clear())),
            (Requirement::RiskAssessment, Box::new(|i, _, _| i.risk_assessment = "  ".into())),
            (Requirement::LongTermPlan, Box::new(|i, _, _| i.long_term_plan = String::new())),
            (Requirement::ManagementPlan, Box::new(|i, _, _| i.management_plan = " ".into())),
            (Requirement::BusinessChange, Box::new(|i, _, _| i.business_change = String::new())),
            (Requirement::PlanApproved, Box::new(|i, _, _| i.benefits_plan_approved_by = String::new())),
            (Requirement::Scores, Box::new(|_, f, _| f.scored = false)),
            (Requirement::BudgetMaterialSent, Box::new(|_, f, _| f.in_sent_budget_material = false)),
            (Requirement::DecidedFrames, Box::new(|_, f, _| f.decided_frame_years.clear())),
        ];
        let needs = |to: InitiativeState| -> Vec<Requirement> {
            use InitiativeState::*;
            use Requirement::*;
            match to {
                MaterialReady => {
                    vec![
                        Owner,
                        Costs,
                        BenefitSummary,
                        Security,
                        ReuseCheck,
                        FundingModel,
                        Laws,
                        RiskAssessment,
                        LongTermPlan,
                    ]
                }
                ProviderBoardInformed => vec![Provider],
                Valued => vec![Scores],
                InBudgetMaterial => vec![BudgetMaterialSent],
                FrameDecided => vec![DecidedFrames],
                Prioritised => vec![CriteriaSet, Costs, FundingModel],
                DecidedByGroup | DecidedByOwnBoard => vec![Costs, FundingModel],
                Initiate => vec![BenefitsPlan],
                Implement => vec![BusinessChange],
                Manage => vec![ManagementPlan],
                Evaluated => vec![BenefitsPlan, PlanApproved, Measurements],
                Cancelled | SentBack | NotPrioritised | NotFunded => vec![Reason],
                _ => vec![],
            }
        };
        let mut checked = 0;
        for &track in Track::ALL {
            for &from in InitiativeState::ALL.iter().filter(|s| s.belongs_to(track)) {
                for to in next_states(track, from) {
                    let full = complete(track);
                    assert_eq!(
                        check(from, to, &full, &all_facts(), "Motivering", mover_for(to)),
                        Ok(()),
                        "{from:?} → {to:?}"
                    );
                    for (requirement, take_away) in &cases {
                        let mut initiative = complete(track);
                        let mut facts = all_facts();
                        let mut reason = "Motivering";
                        take_away(&mut initiative, &mut facts, &mut reason);
                        let result = check(from, to, &initiative, &facts, reason, mover_for(to));
                        if needs(to).contains(requirement) {
                            assert_eq!(
                                result,
                                Err(Some(vec![*requirement])),
                                "{from:?} → {to:?} without {requirement:?}"
                            );
                        } else {
                            assert_eq!(result, Ok(()), "{from:?} → {to:?} does not need {requirement:?}");
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 450, "{checked} cases");
        // And a move that is not a step is refused whatever the initiative holds.
        let full = complete(Track::Shared);
        assert_eq!(
            check(
                InitiativeState::Analysis,
                InitiativeState::Prioritised,
                &full,
                &all_facts(),
                "x",
                Mover::GroupDecision
            ),
            Err(None)
        );
    }

    /// Prioriterad, Ej prioriterad, Återremitterad and Beslutad av SSG are the group's: a step is refused with the
    /// one thing it lacks, a decision takes it, and a later decision may turn one into another.
    #[test]
    fn only_a_decision_of_the_group_enters_the_groups_states() {
        use InitiativeState::*;
        let full = complete(Track::Shared);
        for to in [Prioritised, NotPrioritised, SentBack, DecidedByGroup] {
            assert!(to.decided_by_group());
            assert_eq!(
                check(Valued, to, &full, &all_facts(), "Motivering", Mover::Step),
                Err(Some(vec![Requirement::GroupDecision])),
                "a step to {to:?}"
            );
            assert_eq!(check(Valued, to, &full, &all_facts(), "Motivering", Mover::GroupDecision), Ok(()), "{to:?}");
        }
        // The group reconsiders: a decision turns Prioriterad into Ej prioriterad, a step cannot.
        assert_eq!(check(Prioritised, NotPrioritised, &full, &all_facts(), "§ 40", Mover::GroupDecision), Ok(()));
        assert_eq!(check(Prioritised, NotPrioritised, &full, &all_facts(), "§ 40", Mover::Step), Err(None));
        assert_eq!(check(NotPrioritised, Prioritised, &full, &all_facts(), "", Mover::GroupDecision), Ok(()));
        // A decision still needs what the state needs, and moves nothing that is not the group's.
        let no_model = Initiative { funding_model: None, ..full.clone() };
        assert_eq!(
            check(Valued, Prioritised, &no_model, &all_facts(), "", Mover::GroupDecision),
            Err(Some(vec![Requirement::FundingModel]))
        );
        assert_eq!(check(Analysis, Prioritised, &full, &all_facts(), "", Mover::GroupDecision), Err(None));
        assert_eq!(check(Develop, NotPrioritised, &full, &all_facts(), "x", Mover::GroupDecision), Err(None));
        // Nothing outside the group's states is the group's.
        let group: Vec<_> = InitiativeState::ALL.iter().copied().filter(|s| s.decided_by_group()).collect();
        assert_eq!(group, [Prioritised, SentBack, NotPrioritised, DecidedByGroup]);
    }

    /// Värderad needs the members' scores, I budgetunderlag budget material the group decided to send, Ram beslutad
    /// the council's frames for every year with costs.
    #[test]
    fn valuation_budget_material_and_frames_need_their_facts() {
        use InitiativeState::*;
        let mut full = complete(Track::Shared);
        full.costs.push(crate::domain::YearCost {
            year: 2027,
            development: Money::ZERO,
            management: Money::from_kronor(20),
        });
        full.costs.push(crate::domain::YearCost { year: 2028, development: Money::ZERO, management: Money::ZERO });
        let facts = Facts { decided_frame_years: [2026, 2027].into_iter().collect(), ..all_facts() };
        assert_eq!(check(InBudgetMaterial, FrameDecided, &full, &facts, "", Mover::Step), Ok(()), "2028 has no costs");
        let only_2027 = Facts { decided_frame_years: [2027].into_iter().collect(), ..all_facts() };
        assert_eq!(
            check(InBudgetMaterial, FrameDecided, &full, &only_2027, "", Mover::Step),
            Err(Some(vec![Requirement::DecidedFrames]))
        );
        let unsent = Facts { in_sent_budget_material: false, ..all_facts() };
        assert_eq!(
            check(Prioritised, InBudgetMaterial, &full, &unsent, "", Mover::Step),
            Err(Some(vec![Requirement::BudgetMaterialSent]))
        );
        let unscored = Facts { scored: false, ..all_facts() };
        assert_eq!(check(Prepared, Valued, &full, &unscored, "", Mover::Step), Err(Some(vec![Requirement::Scores])));
    }

    #[test]
    fn budget_material_lists_as_prioritised_only_shared_initiatives_whose_material_is_ready() {
        use InitiativeState::*;
        let eligible: Vec<_> =
            InitiativeState::ALL.iter().copied().filter(|&s| budget_eligibility(Track::Shared, s).is_none()).collect();
        assert_eq!(
            eligible,
            [
                MaterialReady,
                ProviderBoardInformed,
                Submitted,
                Prepared,
                Valued,
                Prioritised,
                DecidedByGroup,
                DecidedByOwnBoard,
                InBudgetMaterial,
                FrameDecided,
                Initiate,
                Develop,
                Implement,
                Manage
            ]
        );
        assert_eq!(budget_eligibility(Track::Shared, Analysis), Some(NotEligible::NotReady));
        assert_eq!(budget_eligibility(Track::Shared, SentBack), Some(NotEligible::NotReady));
        assert_eq!(budget_eligibility(Track::Shared, NotPrioritised), Some(NotEligible::NotPrioritisedByGroup));
        assert_eq!(budget_eligibility(Track::Shared, Cancelled), Some(NotEligible::Ended));
        assert_eq!(budget_eligibility(Track::BusinessSpecific, Develop), Some(NotEligible::OwnBudget));
    }

    /// An initiative imported in a state obeys the rules of every state it passed: the material from Underlag klart,
    /// the plan from Initiera, the approved plan from Utvärderad, the group's decision for the group's states.
    #[test]
    fn the_rules_of_a_state_are_those_of_every_state_passed_to_reach_it() {
        use InitiativeState::*;
        let full = complete(Track::Shared);
        for state in InitiativeState::ALL.iter().copied().filter(|s| s.belongs_to(Track::Shared)) {
            let at = Initiative { state, ..full.clone() };
            assert_eq!(rules_of_state(&at, &all_facts()), [], "{state:?}");
        }
        let without_plan = Facts { benefits: 0, ..all_facts() };
        let develop = Initiative { state: Develop, ..full.clone() };
        assert_eq!(rules_of_state(&develop, &without_plan), [Requirement::BenefitsPlan]);
        let no_reuse = Initiative { state: Prepared, reuse_outcome: ReuseOutcome::NotChecked, ..full.clone() };
        assert_eq!(rules_of_state(&no_reuse, &all_facts()), [Requirement::ReuseCheck]);
        let undecided = Facts { decided_into_state: false, ..all_facts() };
        let prioritised = Initiative { state: Prioritised, ..full.clone() };
        assert_eq!(rules_of_state(&prioritised, &undecided), [Requirement::GroupDecision]);
        let unapproved = Initiative { state: Closed, benefits_plan_approved_by: String::new(), ..full.clone() };
        assert_eq!(rules_of_state(&unapproved, &all_facts()), [Requirement::PlanApproved]);
        let frames = Initiative { state: FrameDecided, ..full.clone() };
        let no_frames = Facts { decided_frame_years: Default::default(), ..all_facts() };
        assert_eq!(rules_of_state(&frames, &no_frames), [Requirement::DecidedFrames]);
        assert_eq!(rules_of_state(&Initiative { state: Identified, ..full }, &no_frames), []);
    }
}
