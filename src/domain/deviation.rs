//! Deviations from the shared services: *avsteg* (a customer departs from a mandatory base service, through the
//! guideline's steps in order) and *avvikelse* (the provider cannot deliver as needed, or a security deviation,
//! with an action plan due by a deadline, 30 days by default).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{AuditValue, Audited, DeviationKind, DeviationStep, Entity, Id, OptOutOutcome, Referent};

/// Days a board has to decide actions after a report of a negative deviation (Göteborg's economic rules).
pub const DEFAULT_DEADLINE_DAYS: i32 = 30;

/// A step of the guideline done, with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepDone {
    pub step: DeviationStep,
    /// YYYY-MM-DD.
    pub date: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub kind: DeviationKind,
    pub service_id: Id,
    /// Avsteg: the customer departing from the service. Avvikelse: the customer that reported it, if any.
    pub organisation_id: Option<Id>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Avvikelse: a security deviation, reported at once to the affected customers.
    #[serde(default)]
    pub security: bool,
    /// YYYY-MM-DD: when it was registered.
    pub registered: String,
    /// YYYY-MM-DD: when the action plan (avvikelse) or the board's decision (avsteg) is due; empty for the default.
    #[serde(default)]
    pub deadline: String,
    /// Avvikelse: what will be done.
    #[serde(default)]
    pub action_plan: String,
    /// Avsteg: how it ended.
    #[serde(default)]
    pub outcome: Option<OptOutOutcome>,
    /// The steps done so far, in the guideline's order.
    #[serde(default)]
    pub steps: Vec<StepDone>,
}

/// The guideline's steps for a deviation of `kind`, in order (riktlinjen, "Avsteg från riktlinjen"). An opt-out is
/// never a security deviation: it takes the same steps whatever `security` says.
pub fn steps_of(kind: DeviationKind, security: bool) -> &'static [DeviationStep] {
    use DeviationStep::*;
    match (kind, security) {
        (DeviationKind::OptOut, _) => {
            &[ProviderDialogue, Reassessment, GroupInformed, WrittenMotivation, BoardDecision, Reported]
        }
        (DeviationKind::Deviation, true) => &[CustomersInformed, GroupInformed, ActionPlan, Reported],
        (DeviationKind::Deviation, false) => &[GroupInformed, ActionPlan, Reported],
    }
}

impl DeviationStep {
    /// The field a deviation must have filled in once this step is done: the action plan decided, the board's
    /// decision with its outcome.
    pub fn needs(self) -> Option<&'static str> {
        match self {
            DeviationStep::ActionPlan => Some("action_plan"),
            DeviationStep::BoardDecision => Some("outcome"),
            _ => None,
        }
    }
}

impl Deviation {
    /// The guideline's steps for this deviation, in order.
    pub fn sequence(&self) -> Vec<DeviationStep> {
        steps_of(self.kind, self.security).to_vec()
    }

    /// The next step to take, or `None` when every step is done.
    pub fn next_step(&self) -> Option<DeviationStep> {
        self.sequence().get(self.steps.len()).copied()
    }

    pub fn is_closed(&self) -> bool {
        self.next_step().is_none()
    }

    /// Open and past its deadline on `today` (YYYY-MM-DD).
    pub fn is_overdue(&self, today: &str) -> bool {
        !self.is_closed() && !self.deadline.is_empty() && self.deadline.as_str() < today
    }

    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("title", &self.title, true, MAX_NAME);
        problems.text("description", &self.description, false, MAX_TEXT);
        problems.text("action_plan", &self.action_plan, false, MAX_TEXT);
        let is_date = |text: &str| crate::time::parse_date(text).is_some();
        if !is_date(&self.registered) {
            problems.add("registered", Rule::Format { expected: "2026-11-02".into() });
        }
        if !self.deadline.is_empty() && !is_date(&self.deadline) {
            problems.add("deadline", Rule::Format { expected: "2026-12-02".into() });
        }
        if self.kind == DeviationKind::OptOut {
            if self.organisation_id.is_none() {
                problems.add("organisation_id", Rule::Required);
            }
            if self.security {
                problems.add("security", Rule::NotAllowed { reason: Reason::SecurityIsADeviation });
            }
        } else if self.outcome.is_some() {
            problems.add("outcome", Rule::NotAllowed { reason: Reason::OutcomeOfOptOut });
        }
        // The steps are the guideline's, in its order, each dated on or after the one before.
        let sequence = self.sequence();
        let mut previous = self.registered.clone();
        for (i, done) in self.steps.iter().enumerate() {
            if sequence.get(i) != Some(&done.step) {
                let expected = sequence.get(i).copied();
                problems.add(format!("steps[{i}].step"), Rule::NotAllowed { reason: Reason::StepOrder { expected } });
                break;
            }
            if !is_date(&done.date) {
                problems.add(format!("steps[{i}].date"), Rule::Format { expected: "2026-11-10".into() });
            } else if done.date < previous {
                problems.add(format!("steps[{i}].date"), Rule::NotAllowed { reason: Reason::StepBeforePrevious });
            } else {
                previous = done.date.clone();
            }
            problems.text(&format!("steps[{i}].note"), &done.note, false, MAX_TEXT);
        }
        // A step of its kind done needs what it decided: the action plan, the board's outcome.
        for field in self.steps.iter().filter(|s| sequence.contains(&s.step)).filter_map(|s| s.step.needs()) {
            let missing = match field {
                "action_plan" => self.action_plan.trim().is_empty(),
                "outcome" => self.outcome.is_none(),
                _ => false,
            };
            if missing && !problems.has(field) {
                problems.add(field, Rule::Required);
            }
        }
        problems
    }

    /// Trims, and sets the default deadline: 30 days after registration.
    pub fn normalise(&mut self) {
        self.title = self.title.trim().to_string();
        if self.deadline.is_empty()
            && let Some(date) = crate::time::parse_date(&self.registered)
            && let Some(due) = crate::time::add_days(date, i64::from(DEFAULT_DEADLINE_DAYS))
        {
            self.deadline = due.to_string();
        }
    }
}

impl Audited for Deviation {
    const ENTITY: Entity = Entity::Deviation;

    fn id(&self) -> Id {
        self.id
    }

    fn label(&self) -> String {
        self.title.clone()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let steps = self.steps.iter().map(|s| format!("{} {}", s.step.key(), s.date)).collect::<Vec<_>>().join("; ");
        vec![
            ("kind", AuditValue::Text(self.kind.key().into())),
            ("service_id", AuditValue::Text(self.service_id.to_string())),
            ("organisation_id", AuditValue::Reference(Referent::Organisation, self.organisation_id)),
            ("title", AuditValue::Text(self.title.clone())),
            ("description", AuditValue::Text(self.description.clone())),
            ("security", AuditValue::Text(self.security.to_string())),
            ("registered", AuditValue::Text(self.registered.clone())),
            ("deadline", AuditValue::Text(self.deadline.clone())),
            ("action_plan", AuditValue::Text(self.action_plan.clone())),
            ("outcome", AuditValue::Text(self.outcome.map(|o| o.key().to_string()).unwrap_or_default())),
            ("steps", AuditValue::Text(steps)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_takes_the_guidelines_steps_and_the_deciding_steps_need_their_field() {
        use DeviationStep::*;
        let opt_out = steps_of(DeviationKind::OptOut, false);
        assert_eq!(opt_out.first(), Some(&ProviderDialogue), "an opt-out starts with the provider");
        assert_eq!(steps_of(DeviationKind::OptOut, true), opt_out, "an opt-out is never a security deviation");
        assert_eq!(steps_of(DeviationKind::Deviation, true)[0], CustomersInformed, "security informs customers first");
        assert_eq!(steps_of(DeviationKind::Deviation, false), [GroupInformed, ActionPlan, Reported]);
        for kind in DeviationKind::ALL {
            for security in [false, true] {
                let steps = steps_of(*kind, security);
                assert!(steps.contains(&GroupInformed) && steps.last() == Some(&Reported), "{kind:?} {security}");
            }
        }
        let needing: Vec<_> = DeviationStep::ALL.iter().filter_map(|s| s.needs().map(|f| (*s, f))).collect();
        assert_eq!(needing, [(BoardDecision, "outcome"), (ActionPlan, "action_plan")]);
        // The check asks for exactly that field once the step is done.
        let mut deviation = Deviation {
            id: 0,
            kind: DeviationKind::Deviation,
            service_id: 1,
            organisation_id: None,
            title: "Driftstörning".into(),
            description: String::new(),
            security: false,
            registered: "2026-11-02".into(),
            deadline: String::new(),
            action_plan: String::new(),
            outcome: None,
            steps: vec![StepDone { step: GroupInformed, date: "2026-11-03".into(), note: String::new() }],
        };
        assert!(deviation.check().is_empty());
        assert_eq!(deviation.next_step(), Some(ActionPlan));
        deviation.steps.push(StepDone { step: ActionPlan, date: "2026-11-04".into(), note: String::new() });
        let problems = deviation.check();
        assert_eq!(problems.errors().iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["action_plan"]);
    }
}
