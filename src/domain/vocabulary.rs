//! What the UI is sent so that it keeps no copy of a rule: every closed list ([`super::closed_lists`]) with its
//! labels, and the facts the engine derives from the lists and the records' rules (the phases, the steps of a
//! deviation, the states a record may start in …). It draws on every other file of the domain and none of them on
//! it, so the closed lists they all use stay apart from the facts (issue 30).

use serde::Serialize;

use super::closed_lists::*;
use super::validation::{MAX_NAME, MAX_TEXT};
use super::{DEFAULT_DEADLINE_DAYS, MAX_CASE_NUMBER, MAX_SCORE_LEVEL, PLANNING_PERIOD_YEARS, SAATY_SCALE};

/// Every closed list, for the UI, with the facts it derives from them (the phases, the deviation steps, the
/// fields' labels …), so that it keeps no copy of a rule.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub organisation_kind: Vec<Term>,
    pub service_category: Vec<Term>,
    pub funding_model: Vec<Term>,
    pub service_state: Vec<Term>,
    /// Whether a service meets the city's baseline (grundsäkerhetsnivå), as recorded.
    pub baseline_status: Vec<Term>,
    pub track: Vec<Term>,
    pub initiative_kind: Vec<Term>,
    pub initiative_state: Vec<Term>,
    pub reuse_outcome: Vec<Term>,
    pub law: Vec<Term>,
    /// The scale of a risk's likelihood and consequence.
    pub risk_level: Vec<Term>,
    pub orientation: Vec<Term>,
    pub aggregation: Vec<Term>,
    pub direction: Vec<Term>,
    pub weighting: Vec<Term>,
    pub pairwise_method: Vec<Term>,
    pub gate_kind: Vec<Term>,
    pub person_role: Vec<Term>,
    pub item_kind: Vec<Term>,
    pub decision_outcome: Vec<Term>,
    pub benefit_kind: Vec<Term>,
    pub benefit_category: Vec<Term>,
    pub confidence: Vec<Term>,
    pub requirement: Vec<Term>,
    pub deviation_kind: Vec<Term>,
    pub deviation_step: Vec<Term>,
    pub opt_out_outcome: Vec<Term>,
    pub entity: Vec<Term>,
    pub analysis_state: Vec<Term>,
    pub investment_status: Vec<Term>,
    pub need_area: Vec<Term>,
    /// For each track, the states an initiative on it can have, in lifecycle order.
    pub states_by_track: Vec<(&'static str, Vec<&'static str>)>,
    /// For each service category, the funding models the guideline allows.
    pub funding_by_category: Vec<(&'static str, Vec<&'static str>)>,
    /// The service lifecycle: where a service may go from each state.
    pub service_next_states: Vec<(&'static str, Vec<&'static str>)>,
    /// The lifecycle's phases, in order.
    pub phase: Vec<Term>,
    /// For each phase, its initiative states in lifecycle order; every state is in exactly one phase.
    pub states_by_phase: Vec<(&'static str, Vec<&'static str>)>,
    /// The states in which an initiative waits for the group.
    pub waiting_for_group: Vec<&'static str>,
    /// The states whose costs count against the frames.
    pub commits_money: Vec<&'static str>,
    /// The steps for each kind of deviation, with and without a security deviation, with the city's practice at its
    /// default (`deviation_practice_steps` says which are practice).
    pub deviation_steps: Vec<StepSequence>,
    /// The steps that are the city's practice (Stadens rutin), not the guideline's: left out of the sequences
    /// above when the parameters switch the practice off, and shown apart from "Steg (riktlinjens, i stadens ordning)".
    pub deviation_practice_steps: Vec<&'static str>,
    /// The frameworks an avsteg can be from.
    pub framework: Vec<Term>,
    /// The service categories a provider's catalogue offers (a new or edited service is one of them).
    pub catalogue_categories: Vec<&'static str>,
    /// The steps that need a field filled in before they can be marked done: (step, field).
    pub deviation_step_needs: Vec<(&'static str, &'static str)>,
    /// The labels of the fields that forms and sheets share.
    pub field_labels: &'static [FieldLabel],
    /// For each track, the funding models an initiative on it may have.
    pub funding_by_track: Vec<(&'static str, Vec<&'static str>)>,
    /// For each track, the states a new initiative on it may start in.
    pub starting_states: Vec<(&'static str, Vec<&'static str>)>,
    /// The service categories a customer can opt out of.
    pub opt_out_categories: Vec<&'static str>,
    /// The organisation kinds that can be customers (kunder): förvaltningar and bolag.
    pub customer_kinds: Vec<&'static str>,
    /// The states a new shared service may start in (the city's practice, `lifecycle::SERVICE_STARTING_STATES`).
    pub service_starting_states: Vec<&'static str>,
    /// The longest texts the engine accepts, for the forms' `maxlength`.
    pub text_limits: TextLimits,
    /// Saaty's scale as the pairwise form offers it, from "the left is extremely more important" (9) to the
    /// right's (1/9).
    pub saaty_scale: Vec<f64>,
    /// The highest level a criterion's score scale may reach (its anchors run from its lowest level to it).
    pub max_score_level: u8,
    /// The years of cost the forms offer from the first (the city's practice, `PLANNING_PERIOD_YEARS`).
    pub planning_period_years: i32,
    /// A deviation's deadline in days after registration when the parameters have not changed it.
    pub default_deadline_days: u32,
}

/// The longest texts, in characters, the engine's checks accept (`validation.rs`, `is_case_number`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextLimits {
    /// A name or a title: [`MAX_NAME`].
    pub name: usize,
    /// A description, a comment, a motivation: [`MAX_TEXT`].
    pub text: usize,
    /// A date as `YYYY-MM-DD`.
    pub date: usize,
    /// A case number ([`MAX_CASE_NUMBER`]).
    pub case_number: usize,
}

/// The steps a deviation of one kind takes, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepSequence {
    pub kind: &'static str,
    pub security: bool,
    pub steps: Vec<&'static str>,
}

impl Vocabulary {
    pub fn new() -> Self {
        Vocabulary {
            organisation_kind: OrganisationKind::terms(),
            service_category: ServiceCategory::terms(),
            funding_model: FundingModel::terms(),
            service_state: ServiceState::terms(),
            baseline_status: BaselineStatus::terms(),
            track: Track::terms(),
            initiative_kind: InitiativeKind::terms(),
            initiative_state: InitiativeState::terms(),
            reuse_outcome: ReuseOutcome::terms(),
            law: Law::terms(),
            risk_level: RiskLevel::terms(),
            orientation: Orientation::terms(),
            aggregation: Aggregation::terms(),
            direction: Direction::terms(),
            weighting: Weighting::terms(),
            pairwise_method: PairwiseMethod::terms(),
            gate_kind: GateKind::terms(),
            person_role: PersonRole::terms(),
            item_kind: ItemKind::terms(),
            decision_outcome: DecisionOutcome::terms(),
            benefit_kind: BenefitKind::terms(),
            benefit_category: BenefitCategory::terms(),
            confidence: Confidence::terms(),
            requirement: Requirement::terms(),
            deviation_kind: DeviationKind::terms(),
            deviation_step: DeviationStep::terms(),
            opt_out_outcome: OptOutOutcome::terms(),
            entity: Entity::terms(),
            analysis_state: AnalysisState::terms(),
            investment_status: InvestmentStatus::terms(),
            need_area: NeedArea::terms(),
            states_by_track: Track::ALL
                .iter()
                .map(|&track| {
                    let states = InitiativeState::ALL.iter().filter(|s| s.belongs_to(track)).map(|s| s.key());
                    (track.key(), states.collect())
                })
                .collect(),
            service_next_states: ServiceState::ALL
                .iter()
                .map(|&state| {
                    let next = super::lifecycle::next_service_states(state).into_iter().map(|s| s.key());
                    (state.key(), next.collect())
                })
                .collect(),
            funding_by_category: ServiceCategory::ALL
                .iter()
                // The city's practice at its default (kommunbidrag for a bastjänst allowed); the store refuses it
                // when the parameters switch it off.
                .map(|&c| (c.key(), c.allowed_funding_with(true).iter().map(|f| f.key()).collect()))
                .collect(),
            phase: Phase::terms(),
            states_by_phase: Phase::ALL
                .iter()
                .map(|&phase| (phase.key(), phase.states().iter().map(|s| s.key()).collect()))
                .collect(),
            waiting_for_group: keys(InitiativeState::ALL.iter().filter(|s| s.waits_for_group())),
            commits_money: keys(InitiativeState::ALL.iter().filter(|s| s.commits_money())),
            deviation_steps: DeviationKind::ALL
                .iter()
                .flat_map(|&kind| [false, true].map(|security| (kind, security)))
                .map(|(kind, security)| StepSequence {
                    kind: kind.key(),
                    security,
                    steps: super::deviation::steps_of(kind, security, true).iter().map(|s| s.key()).collect(),
                })
                .collect(),
            deviation_practice_steps: DeviationStep::ALL.iter().filter(|s| s.is_practice()).map(|s| s.key()).collect(),
            deviation_step_needs: DeviationStep::ALL
                .iter()
                .flat_map(|&step| step.needs().iter().map(move |&field| (step.key(), field)))
                .collect(),
            framework: Framework::terms(),
            catalogue_categories: ServiceCategory::CATALOGUE.iter().map(|c| c.key()).collect(),
            field_labels: FIELD_LABELS,
            funding_by_track: Track::ALL
                .iter()
                .map(|&t| (t.key(), t.allowed_funding().iter().map(|f| f.key()).collect()))
                .collect(),
            starting_states: Track::ALL
                .iter()
                .map(|&t| (t.key(), keys(super::lifecycle::STARTING_STATES.iter().filter(|s| s.belongs_to(t)))))
                .collect(),
            opt_out_categories: ServiceCategory::ALL.iter().filter(|c| c.allows_opt_out()).map(|c| c.key()).collect(),
            customer_kinds: OrganisationKind::ALL.iter().filter(|k| k.is_customer()).map(|k| k.key()).collect(),
            service_starting_states: super::lifecycle::SERVICE_STARTING_STATES.iter().map(|s| s.key()).collect(),
            text_limits: TextLimits {
                name: MAX_NAME,
                text: MAX_TEXT,
                date: "YYYY-MM-DD".len(),
                case_number: MAX_CASE_NUMBER,
            },
            saaty_scale: SAATY_SCALE.iter().rev().copied().collect(),
            max_score_level: MAX_SCORE_LEVEL,
            planning_period_years: PLANNING_PERIOD_YEARS,
            default_deadline_days: DEFAULT_DEADLINE_DAYS,
        }
    }
}

fn keys<'a>(states: impl Iterator<Item = &'a InitiativeState>) -> Vec<&'static str> {
    states.map(|s| s.key()).collect()
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI's tests (`tests/ui/`) run its logic over the vocabulary the engine sends, written to a file; this
    /// keeps the file equal to what the engine sends.
    #[test]
    fn the_ui_tests_read_the_vocabulary_the_engine_sends() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/vocabulary.json");
        let sent = serde_json::to_string_pretty(&Vocabulary::new()).unwrap() + "\n";
        if std::env::var_os("UPDATE_VOCABULARY").is_some() {
            std::fs::write(&path, &sent).unwrap();
        }
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == sent,
            "tests/ui/vocabulary.json is out of date; run `UPDATE_VOCABULARY=1 cargo test --lib vocabulary`"
        );
    }

    #[test]
    fn the_guideline_funds_each_track_its_way_and_allows_opting_out_of_base_services_only() {
        assert_eq!(Track::BusinessSpecific.allowed_funding(), [FundingModel::OwnBudget]);
        assert!(!Track::Shared.allowed_funding().contains(&FundingModel::OwnBudget));
        for model in ServiceCategory::Base.allowed_funding() {
            assert!(Track::Shared.allowed_funding().contains(model), "{model:?} funds shared services");
        }
        let opt_out: Vec<_> = ServiceCategory::ALL.iter().filter(|c| c.allows_opt_out()).collect();
        assert_eq!(opt_out, [&ServiceCategory::Base]);
        let sent = Vocabulary::new();
        assert_eq!(sent.opt_out_categories, ["bas"]);
        assert!(sent.starting_states.iter().all(|(_, states)| states == &["identifierad", "analys"]));
        assert_eq!(sent.funding_by_track[1], ("verksamhetsspecifik", vec!["egen_budget"]));
    }

    #[test]
    fn the_catalogue_offers_the_guidelines_three_categories_funded_as_its_table_says() {
        use FundingModel::*;
        assert_eq!(
            ServiceCategory::CATALOGUE,
            [ServiceCategory::Base, ServiceCategory::Additional, ServiceCategory::Specialist]
        );
        assert!(!ServiceCategory::BusinessSpecific.in_catalogue());
        // Riktlinjen's table: bastjänst by cost allocation or invoicing; kommunbidrag only by the city's practice.
        assert_eq!(ServiceCategory::Base.allowed_funding(), [CostAllocation, InvoicePerUnit]);
        assert_eq!(ServiceCategory::Base.allowed_funding_with(true), [CostAllocation, InvoicePerUnit, MunicipalGrant]);
        assert_eq!(ServiceCategory::Base.allowed_funding_with(false), [CostAllocation, InvoicePerUnit]);
        for category in [ServiceCategory::Additional, ServiceCategory::Specialist] {
            assert_eq!(category.allowed_funding_with(true), [InvoicePerUnit], "{category:?}");
        }
        let sent = Vocabulary::new();
        assert_eq!(sent.catalogue_categories, ["bas", "tillagg", "specialist"]);
        assert_eq!(sent.deviation_practice_steps, ["atgardsplan"]);
        assert_eq!(sent.framework.len(), 3);
    }
}
