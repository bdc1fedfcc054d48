//! The initiative lifecycle as a state machine: which state may follow which on each track, and what an initiative
//! must hold before it moves (a prioritised initiative has a place in a criteria set, costs per year of its planning
//! period and a funding model; a shared initiative reaches preparation only after its provider's board was
//! informed, because that state is the only way there).

use super::{Initiative, InitiativeState, Requirement, ReuseOutcome, Track};

/// What the portfolio knows about an initiative beyond its own record.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    /// The initiative is in a criteria set (it can be valued and ranked).
    pub in_criteria_set: bool,
    pub benefits: usize,
    /// Quantitative benefits without any measurement.
    pub unmeasured: usize,
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

/// The states a new initiative may start in.
pub const STARTING_STATES: [InitiativeState; 2] = [InitiativeState::Identified, InitiativeState::Analysis];

/// Why `initiative` cannot move to `to` (it is checked as it will be after the move): `Err(None)` when the move is
/// not a transition of its track from its current state `from`, `Err(Some(missing))` when it lacks something.
pub fn check(
    from: InitiativeState,
    to: InitiativeState,
    initiative: &Initiative,
    facts: Facts,
    reason: &str,
) -> Result<(), Option<Vec<Requirement>>> {
    use InitiativeState::*;
    if !next_states(initiative.track, from).contains(&to) {
        return Err(None);
    }
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
        }
        ProviderBoardInformed => need(Requirement::Provider, initiative.provider_id.is_some()),
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
        Evaluated => need(Requirement::Measurements, facts.benefits > 0 && facts.unmeasured == 0),
        Cancelled | SentBack | NotPrioritised | NotFunded => need(Requirement::Reason, !reason.trim().is_empty()),
        _ => {}
    }
    if missing.is_empty() { Ok(()) } else { Err(Some(missing)) }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
