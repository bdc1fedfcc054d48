//! What a new record starts as in the forms (issue 30): the engine's defaults, sent to the UI with the app's state
//! (not with the vocabulary, since they depend on the day and the language), so that the UI keeps no copy of them.
//! A draft is only a starting point: nothing is stored until the form is saved and the engine's checks pass.

use serde::Serialize;

use super::{
    Aggregation, BaselineStatus, CriteriaSet, Criterion, DEFAULT_BODY, Deviation, DeviationKind, Direction, Gate,
    GateKind, Initiative, InitiativeKind, Language, Meeting, PLANNING_PERIOD_YEARS, PairwiseMethod, ReuseOutcome,
    Security, Service, ServiceCategory, Track, Weighting, YearCost, opening_items,
};
use crate::money::Money;
use crate::time::{Datelike, NaiveDate};

/// The new records the forms start from, for one day and language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewRecords {
    /// A shared change initiative, identified, with a cost row for each year of the planning period from the day's
    /// year.
    pub initiative: Initiative,
    /// A planned base service, not yet assessed against the city's baseline.
    pub service: Service,
    /// A criteria set for the planning period after the day's year, valued by the mean of direct weights, with one
    /// criterion and the two gates every set has started with: a legal requirement and financing secured.
    pub criteria_set: CriteriaSet,
    /// A criterion scored 0–4, higher is better, with an empty anchor per level.
    pub criterion: Criterion,
    /// A meeting of the group two weeks after the day (a first suggestion), 9–12, opening with the formalities.
    pub meeting: Meeting,
    /// An avsteg and an avvikelse registered on the day the drafts were made (the form puts its own today in).
    pub opt_out: Deviation,
    pub deviation: Deviation,
}

impl NewRecords {
    /// The drafts on `today` (the Stockholm date): the initiative's costs and the criteria set's period from its year.
    pub fn new(today: NaiveDate, language: Language) -> NewRecords {
        let (year, sv) = (today.year(), language == Language::Sv);
        let criterion = Criterion {
            id: 0,
            name: String::new(),
            description: String::new(),
            category: String::new(),
            scale_min: 0,
            scale_max: 4,
            anchors: vec![String::new(); 5],
            direction: Direction::HigherIsBetter,
            weight: 1.0,
            is_risk: false,
        };
        let gate = |name: &str, kind| Gate { id: 0, name: name.to_string(), description: String::new(), kind };
        NewRecords {
            initiative: Initiative::draft(
                (0..PLANNING_PERIOD_YEARS)
                    .map(|i| YearCost { year: year + i, development: Money::ZERO, management: Money::ZERO })
                    .collect(),
            ),
            service: Service::draft(),
            criteria_set: CriteriaSet {
                id: 0,
                name: String::new(),
                period_start: year + 1,
                period_end: year + PLANNING_PERIOD_YEARS,
                aggregation: Aggregation::Mean,
                weighting: Weighting::Direct,
                pairwise_method: PairwiseMethod::Eigenvector,
                categories: Vec::new(),
                criteria: vec![criterion.clone()],
                gates: vec![
                    gate(if sv { "Lagkrav" } else { "Legal requirement" }, GateKind::LegalRequirement),
                    gate(if sv { "Finansiering säkrad" } else { "Financing secured" }, GateKind::FinancingSecured),
                ],
                initiative_ids: Vec::new(),
                service_ids: Vec::new(),
                locked: false,
            },
            criterion,
            meeting: Meeting::draft(crate::time::add_days(today, MEETING_SUGGESTED_AFTER_DAYS).unwrap_or(today)),
            opt_out: Deviation::draft(DeviationKind::OptOut, today),
            deviation: Deviation::draft(DeviationKind::Deviation, today),
        }
    }
}

/// How many days after today a new meeting is first suggested (the app's suggestion, changed in the form).
const MEETING_SUGGESTED_AFTER_DAYS: i64 = 14;

impl Meeting {
    /// A meeting of the group on `date`, 9–12, with the formalities it opens with ([`opening_items`]) and nothing
    /// else: no place, people or criteria set yet.
    pub fn draft(date: NaiveDate) -> Meeting {
        Meeting {
            id: 0,
            body: DEFAULT_BODY.into(),
            date,
            start_time: "09:00".into(),
            end_time: "12:00".into(),
            place: String::new(),
            link: String::new(),
            case_number: String::new(),
            absence_contact: String::new(),
            minutes_checker: String::new(),
            criteria_set_id: None,
            people: Vec::new(),
            items: opening_items(),
            approved_at: None,
            approved_by: None,
        }
    }
}

impl Deviation {
    /// A new avsteg or avvikelse registered on `registered`, with nothing else filled in: no service, organisation
    /// or step yet, the deadline left to the default (the practice's days after registration, set when it is saved).
    pub fn draft(kind: DeviationKind, registered: NaiveDate) -> Deviation {
        Deviation {
            id: 0,
            kind,
            service_id: None,
            framework: None,
            organisation_id: None,
            title: String::new(),
            description: String::new(),
            security: false,
            registered,
            deadline: None,
            action_plan: String::new(),
            motivation: String::new(),
            outcome: None,
            decision_date: None,
            decided_by_id: None,
            steps: Vec::new(),
        }
    }
}

impl Service {
    /// A planned base service with nothing else filled in, not yet assessed against the city's baseline: what a
    /// new service starts as.
    pub fn draft() -> Service {
        Service {
            id: 0,
            name: String::new(),
            category: ServiceCategory::Base,
            provider_id: None,
            price: None,
            unit: String::new(),
            scope: String::new(),
            service_level: String::new(),
            target_group: String::new(),
            security: Security::default(),
            connection_requirements: String::new(),
            funding_model: None,
            state: super::lifecycle::SERVICE_STARTING_STATES[0],
            costs: Vec::new(),
            handles_no_information: false,
            processes_personal_data: false,
            customers: Vec::new(),
            baseline: BaselineStatus::NotAssessed,
            baseline_shortfalls: String::new(),
            baseline_assessed_date: None,
            baseline_assessed_by: String::new(),
        }
    }
}

impl Initiative {
    /// A shared change initiative, identified, with `costs` and nothing else filled in: what a new initiative starts
    /// as, in the form and when a yearly analysis's investment becomes one.
    pub fn draft(costs: Vec<YearCost>) -> Initiative {
        Initiative {
            id: 0,
            case_number: String::new(),
            title: String::new(),
            description: String::new(),
            track: Track::Shared,
            kind: InitiativeKind::Change,
            owner_id: None,
            provider_id: None,
            customer_ids: Vec::new(),
            state: super::lifecycle::STARTING_STATES[0],
            costs,
            benefit_summary: String::new(),
            reuse_solution: String::new(),
            reuse_outcome: ReuseOutcome::NotChecked,
            laws: Vec::new(),
            legal_notes: String::new(),
            no_legal_requirement: false,
            risks: Vec::new(),
            risk_assessment: String::new(),
            security: Security::default(),
            funding_model: None,
            long_term_plan: String::new(),
            orientation: None,
            management_plan: String::new(),
            benefits_plan_approved_date: None,
            benefits_plan_approved_by: String::new(),
            specially_followed: false,
            executor: String::new(),
            business_change: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_records_are_what_the_forms_start_from_and_pass_the_checks_that_need_no_input() {
        let drafts = NewRecords::new(crate::time::day("2026-12-31"), Language::Sv);
        let years: Vec<i32> = drafts.initiative.costs.iter().map(|c| c.year).collect();
        assert_eq!(years, [2026, 2027, 2028, 2029]);
        assert!(crate::domain::lifecycle::STARTING_STATES.contains(&drafts.initiative.state));
        assert!(crate::domain::lifecycle::SERVICE_STARTING_STATES.contains(&drafts.service.state));
        assert_eq!((drafts.criteria_set.period_start, drafts.criteria_set.period_end), (2027, 2030));
        let gates: Vec<&str> = drafts.criteria_set.gates.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(gates, ["Lagkrav", "Finansiering säkrad"]);
        let english = NewRecords::new(crate::time::day("2026-01-01"), Language::En);
        assert_eq!(english.criteria_set.gates[0].name, "Legal requirement");
        assert_eq!((drafts.opt_out.kind, drafts.deviation.kind), (DeviationKind::OptOut, DeviationKind::Deviation));
        assert_eq!(drafts.deviation.registered, crate::time::day("2026-12-31"));
        assert_eq!(drafts.meeting.date, crate::time::day("2027-01-14"), "two weeks ahead, across the year end");
        assert!(drafts.meeting.check().is_empty(), "{}", drafts.meeting.check());
        assert_eq!(drafts.criterion.anchors.len(), usize::from(drafts.criterion.scale_max) + 1);
        // A draft is incomplete only where a person must type: names, and a criterion's anchors.
        let fields = |problems: crate::domain::Problems| -> Vec<String> {
            problems.errors().iter().map(|e| e.field.clone()).collect()
        };
        let missing = fields(drafts.criteria_set.check());
        assert!(missing.contains(&"name".to_string()), "{missing:?}");
        assert!(missing.iter().all(|f| f == "name" || f.ends_with(".name") || f.contains(".anchors[")), "{missing:?}");
        // Sent as the vocabulary's keys.
        let json = serde_json::to_value(&drafts).unwrap();
        assert_eq!(json["initiative"]["state"], "identifierad");
        assert_eq!(json["service"]["baseline"], "inte_bedomd");
        assert_eq!(json["criteria_set"]["gates"][1]["kind"], "finansiering");
    }
}
