//! Deviations from the shared services: *avsteg* (a customer departs from a mandatory base service, through the
//! guideline's steps in order) and *avvikelse* (the provider cannot deliver as needed, or a security deviation,
//! with an action plan due by a deadline, 30 days by default).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AuditValue, Audited, DeviationKind, DeviationStep, Entity, Framework, Id, OptOutOutcome, Practice, Referent,
};
use crate::time::NaiveDate;

/// A step of the guideline done, with its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepDone {
    pub step: DeviationStep,
    /// Written YYYY-MM-DD.
    #[serde(with = "crate::time::date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
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
    /// The shared service concerned: always for an avvikelse; for an avsteg, a mandatory base service unless the
    /// avsteg is from a framework.
    #[serde(default)]
    pub service_id: Option<Id>,
    /// Avsteg only: the required framework departed from, instead of a service (riktlinjen, "Nämnder och
    /// bolagsstyrelser" and "Avsteg från riktlinjen": gemensam arkitektur, infrastruktur och informationssäkerhet).
    #[serde(default)]
    pub framework: Option<Framework>,
    /// Avsteg: the customer departing from the service or framework, the förvaltning or bolag that motivates it
    /// (riktlinjen, "Avsteg från riktlinjen": "Alla avsteg ska efter dialog med ansvarig leverantör utförligt
    /// motiveras av förvaltningen/bolaget"). Avvikelse: the customer that reported it, if any. A customer is a
    /// förvaltning or a bolag, never a nämnd (format version 17).
    pub organisation_id: Option<Id>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Avvikelse: a security deviation, reported at once to the affected customers.
    #[serde(default)]
    pub security: bool,
    /// When it was registered, written YYYY-MM-DD.
    #[serde(with = "crate::time::date")]
    #[schemars(with = "String")]
    pub registered: NaiveDate,
    /// When the action plan (avvikelse) or the board's decision (avsteg) is due, written YYYY-MM-DD; none (empty)
    /// for the default (the parameters' `practice.deadline_days` after registration, set when it is saved).
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub deadline: Option<NaiveDate>,
    /// Avvikelse: what will be done.
    #[serde(default)]
    pub action_plan: String,
    /// Avsteg: the organisation's full written motivation, after the dialogue with the provider (riktlinjen,
    /// "Avsteg från riktlinjen": "Alla avsteg ska efter dialog med ansvarig leverantör utförligt motiveras").
    #[serde(default)]
    pub motivation: String,
    /// Avsteg: how it ended, as the board decided.
    #[serde(default)]
    pub outcome: Option<OptOutOutcome>,
    /// Avsteg: when the board decided ("Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg"), written YYYY-MM-DD.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub decision_date: Option<NaiveDate>,
    /// Avsteg: who decided ("Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg"): the nämnd the motivating
    /// förvaltning belongs to, or, for a bolag, the bolag itself, whose styrelse decides. Set from the motivating
    /// organisation when the decision is recorded without it (format version 17; earlier versions had the board's
    /// name as text, `decided_by`, which an import maps to the nämnd it names).
    #[serde(default)]
    pub decided_by_id: Option<Id>,
    /// The steps done so far, in the guideline's order.
    #[serde(default)]
    pub steps: Vec<StepDone>,
}

/// The steps for a deviation of `kind`, in order. The steps are the guideline's (riktlinjen, "Avsteg från
/// riktlinjen"); their one fixed order is the city's practice: the guideline fixes only that before an avsteg the
/// "ursprunglig bedömning … omvärderas och den strategiska samordningsgruppen ska informeras", that "Alla avsteg ska
/// efter dialog med ansvarig leverantör utförligt motiveras av förvaltningen/bolaget", and that the board decides. With
/// "Åtgärdsplan beslutad" for an avvikelse when `action_plan_step` (Stadens rutin, [`Practice::action_plan_step`];
/// the guideline only asks that the group is informed and that it is reported in the follow-up). An opt-out is
/// never a security deviation: it takes the same steps whatever `security` says.
pub fn steps_of(kind: DeviationKind, security: bool, action_plan_step: bool) -> &'static [DeviationStep] {
    use DeviationStep::*;
    match (kind, security, action_plan_step) {
        (DeviationKind::OptOut, _, _) => {
            &[ProviderDialogue, Reassessment, GroupInformed, WrittenMotivation, BoardDecision, Reported]
        }
        (DeviationKind::Deviation, true, true) => &[CustomersInformed, GroupInformed, ActionPlan, Reported],
        (DeviationKind::Deviation, true, false) => &[CustomersInformed, GroupInformed, Reported],
        (DeviationKind::Deviation, false, true) => &[GroupInformed, ActionPlan, Reported],
        (DeviationKind::Deviation, false, false) => &[GroupInformed, Reported],
    }
}

impl DeviationStep {
    /// The fields a deviation must have filled in once this step is done: the full written motivation (avsteg),
    /// the board's decision with its outcome, date and board (avsteg), the action plan decided (avvikelse).
    pub fn needs(self) -> &'static [&'static str] {
        match self {
            DeviationStep::WrittenMotivation => &["motivation"],
            DeviationStep::BoardDecision => &["outcome", "decision_date", "decided_by_id"],
            DeviationStep::ActionPlan => &["action_plan"],
            _ => &[],
        }
    }

    /// Whether the step is the city's practice rather than the guideline's (shown under "Stadens rutin").
    pub fn is_practice(self) -> bool {
        self == DeviationStep::ActionPlan
    }
}

/// A deviation's derived facts ([`Deviation::facts`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviationFacts {
    /// Its steps in order, under the city's practice (a practice step already done is kept).
    pub sequence: Vec<DeviationStep>,
    /// The next step to take; `None` when every step is done (the deviation is closed).
    pub next_step: Option<DeviationStep>,
    /// The fields the next step needs filled in before it can be marked done.
    pub next_needs: Vec<&'static str>,
    /// Open and past its deadline today.
    pub overdue: bool,
}

impl Deviation {
    /// The steps for this deviation, in order, under the city's practice. A step of the practice already done is
    /// kept in its place when the practice has since been switched off: a record of what was done stays valid.
    pub fn sequence(&self, practice: &Practice) -> Vec<DeviationStep> {
        let action_plan_step =
            practice.action_plan_step || self.steps.iter().any(|s| s.step == DeviationStep::ActionPlan);
        steps_of(self.kind, self.security, action_plan_step).to_vec()
    }

    /// The next step to take, or `None` when every step is done.
    pub fn next_step(&self, practice: &Practice) -> Option<DeviationStep> {
        self.sequence(practice).get(self.steps.len()).copied()
    }

    /// An avsteg whose board has decided it with an effect on the service (riktlinjen, "Avsteg från riktlinjen":
    /// "Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg"; a reassessment "kan innebära att tjänsten … omdefinieras
    /// som en tilläggstjänst"): granted, or the service redefined. From then on the organisation no longer uses the
    /// service (granted) or the service is a tilläggstjänst (redefined); the rules for making an avsteg (a base service,
    /// one of its customers) held when it was made and are not asked again.
    pub fn took_effect(&self) -> bool {
        self.kind == DeviationKind::OptOut
            && matches!(self.outcome, Some(OptOutOutcome::Granted | OptOutOutcome::Redefined))
            && self.steps.iter().any(|s| s.step == DeviationStep::BoardDecision)
            && self.decision_date.is_some()
    }

    pub fn is_closed(&self, practice: &Practice) -> bool {
        self.next_step(practice).is_none()
    }

    /// Open and past its deadline on `today` (the Stockholm date).
    pub fn is_overdue(&self, today: NaiveDate, practice: &Practice) -> bool {
        !self.is_closed(practice) && self.deadline.is_some_and(|deadline| deadline < today)
    }

    /// What the register and the form show of this deviation on `today` (the Stockholm date), derived here so that
    /// the UI keeps no copy of the steps' rules (issue 30).
    pub fn facts(&self, today: NaiveDate, practice: &Practice) -> DeviationFacts {
        let next_step = self.next_step(practice);
        DeviationFacts {
            sequence: self.sequence(practice),
            next_step,
            next_needs: next_step.map_or(&[][..], DeviationStep::needs).to_vec(),
            overdue: self.is_overdue(today, practice),
        }
    }

    /// Everything wrong with the deviation under the city's `practice`.
    pub fn check(&self, practice: &Practice) -> Problems {
        let mut problems = self.check_fields();
        self.check_steps(practice, &mut problems);
        problems
    }

    /// The rules that need neither the parameters nor the database.
    pub fn check_fields(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("title", &self.title, true, MAX_NAME);
        problems.text("description", &self.description, false, MAX_TEXT);
        problems.text("action_plan", &self.action_plan, false, MAX_TEXT);
        problems.text("motivation", &self.motivation, false, MAX_TEXT);
        if self.decision_date.is_some_and(|decided| decided < self.registered) {
            problems.add("decision_date", Rule::NotAllowed { reason: Reason::StepBeforePrevious });
        }
        if self.kind == DeviationKind::OptOut {
            if self.organisation_id.is_none() {
                problems.add("organisation_id", Rule::Required);
            }
            if self.security {
                problems.add("security", Rule::NotAllowed { reason: Reason::SecurityIsADeviation });
            }
            // Riktlinjen, "Avsteg från riktlinjen": from an obligatory base service, or from the frameworks for
            // infrastructure, architecture and information security the city requires; exactly one of them.
            if self.service_id.is_some() == self.framework.is_some() {
                problems.add("service_id", Rule::NotAllowed { reason: Reason::ServiceOrFramework });
            }
        } else {
            // An avvikelse is the provider's: a shared service it cannot deliver as needed (riktlinjen, "Avsteg
            // från riktlinjen"); it has no framework, no motivation and no board decision.
            if self.service_id.is_none() {
                problems.add("service_id", Rule::Required);
            }
            if self.framework.is_some() {
                problems.add("framework", Rule::NotAllowed { reason: Reason::FrameworkOnlyForOptOut });
            }
            for (field, filled) in [
                ("outcome", self.outcome.is_some()),
                ("decision_date", self.decision_date.is_some()),
                ("decided_by_id", self.decided_by_id.is_some()),
                ("motivation", !self.motivation.trim().is_empty()),
            ] {
                if filled && !problems.has(field) {
                    problems.add(field, Rule::NotAllowed { reason: Reason::OutcomeOfOptOut });
                }
            }
        }
        problems
    }

    /// The steps are the sequence's, in its order, each dated on or after the one before; a step done needs what
    /// it decided or wrote.
    pub fn check_steps(&self, practice: &Practice, problems: &mut Problems) {
        let sequence = self.sequence(practice);
        let mut previous = self.registered;
        for (i, done) in self.steps.iter().enumerate() {
            if sequence.get(i) != Some(&done.step) {
                let expected = sequence.get(i).copied();
                problems.add(format!("steps[{i}].step"), Rule::NotAllowed { reason: Reason::StepOrder { expected } });
                break;
            }
            if done.date < previous {
                problems.add(format!("steps[{i}].date"), Rule::NotAllowed { reason: Reason::StepBeforePrevious });
            } else {
                previous = done.date;
            }
            problems.text(&format!("steps[{i}].note"), &done.note, false, MAX_TEXT);
        }
        let fields = self.steps.iter().filter(|s| sequence.contains(&s.step)).flat_map(|s| s.step.needs().iter());
        for &field in fields {
            let missing = match field {
                "action_plan" => self.action_plan.trim().is_empty(),
                "motivation" => self.motivation.trim().is_empty(),
                "outcome" => self.outcome.is_none(),
                "decision_date" => self.decision_date.is_none(),
                "decided_by_id" => self.decided_by_id.is_none(),
                _ => false,
            };
            if missing && !problems.has(field) {
                problems.add(field, Rule::Required);
            }
        }
    }

    /// Trims, and sets the default deadline: the practice's days after registration (30 by default).
    pub fn normalise(&mut self, practice: &Practice) {
        self.trim();
        if self.deadline.is_none() {
            self.deadline = crate::time::add_days(self.registered, i64::from(practice.deadline_days));
        }
    }

    /// Trims the texts that are compared and listed.
    pub fn trim(&mut self) {
        self.title = self.title.trim().to_string();
    }
}

impl Audited for Deviation {
    const ENTITY: Entity = Entity::Deviation;

    audited_id!();

    fn label(&self) -> String {
        self.title.clone()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let steps = self.steps.iter().map(|s| format!("{} {}", s.step.key(), s.date)).collect::<Vec<_>>().join("; ");
        vec![
            ("kind", AuditValue::Text(self.kind.key().into())),
            ("service_id", AuditValue::Reference(Referent::Service, self.service_id)),
            ("framework", AuditValue::Text(self.framework.map(|f| f.key().to_string()).unwrap_or_default())),
            ("organisation_id", AuditValue::Reference(Referent::Organisation, self.organisation_id)),
            ("title", AuditValue::Text(self.title.clone())),
            ("description", AuditValue::Text(self.description.clone())),
            ("security", AuditValue::Text(self.security.to_string())),
            ("registered", AuditValue::date(self.registered)),
            ("deadline", AuditValue::date(self.deadline)),
            ("action_plan", AuditValue::Text(self.action_plan.clone())),
            ("motivation", AuditValue::Text(self.motivation.clone())),
            ("outcome", AuditValue::Text(self.outcome.map(|o| o.key().to_string()).unwrap_or_default())),
            ("decision_date", AuditValue::date(self.decision_date)),
            ("decided_by_id", AuditValue::Reference(Referent::Organisation, self.decided_by_id)),
            ("steps", AuditValue::Text(steps)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::day;

    fn avvikelse() -> Deviation {
        Deviation {
            service_id: Some(1),
            title: "Driftstörning".into(),
            steps: vec![StepDone { step: DeviationStep::GroupInformed, date: day("2026-11-03"), note: String::new() }],
            ..Deviation::draft(DeviationKind::Deviation, day("2026-11-02"))
        }
    }

    fn fields(problems: &Problems) -> Vec<&str> {
        problems.errors().iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn each_kind_takes_the_guidelines_steps_and_the_deciding_steps_need_their_field() {
        use DeviationStep::*;
        let practice = Practice::default();
        let opt_out = steps_of(DeviationKind::OptOut, false, true);
        assert_eq!(opt_out.first(), Some(&ProviderDialogue), "an opt-out starts with the provider");
        assert_eq!(steps_of(DeviationKind::OptOut, true, true), opt_out, "an opt-out is never a security deviation");
        assert_eq!(steps_of(DeviationKind::OptOut, false, false), opt_out, "the practice step is not an opt-out's");
        assert_eq!(steps_of(DeviationKind::Deviation, true, true)[0], CustomersInformed, "security informs first");
        assert_eq!(steps_of(DeviationKind::Deviation, false, true), [GroupInformed, ActionPlan, Reported]);
        for kind in DeviationKind::ALL {
            for (security, practice_step) in [(false, false), (false, true), (true, false), (true, true)] {
                let steps = steps_of(*kind, security, practice_step);
                assert!(steps.contains(&GroupInformed) && steps.last() == Some(&Reported), "{kind:?} {security}");
            }
        }
        let needing: Vec<_> = DeviationStep::ALL.iter().flat_map(|s| s.needs().iter().map(|f| (*s, *f))).collect();
        assert_eq!(
            needing,
            [
                (WrittenMotivation, "motivation"),
                (BoardDecision, "outcome"),
                (BoardDecision, "decision_date"),
                (BoardDecision, "decided_by_id"),
                (ActionPlan, "action_plan")
            ]
        );
        // The check asks for exactly that field once the step is done.
        let mut deviation = avvikelse();
        assert!(deviation.check(&practice).is_empty());
        assert_eq!(deviation.next_step(&practice), Some(ActionPlan));
        deviation.steps.push(StepDone { step: ActionPlan, date: day("2026-11-04"), note: String::new() });
        assert_eq!(fields(&deviation.check(&practice)), ["action_plan"]);
    }

    #[test]
    fn the_action_plan_step_is_the_citys_practice_and_can_be_switched_off() {
        use DeviationStep::*;
        let guideline_only = Practice { action_plan_step: false, ..Practice::default() };
        let mut deviation = avvikelse();
        // Default (today's behaviour): the action plan comes after the group is informed.
        assert_eq!(deviation.sequence(&Practice::default()), [GroupInformed, ActionPlan, Reported]);
        // Switched off: only the guideline's steps; reported follows the group informed, with no action plan.
        assert_eq!(deviation.sequence(&guideline_only), [GroupInformed, Reported]);
        assert_eq!(deviation.next_step(&guideline_only), Some(Reported));
        deviation.steps.push(StepDone { step: Reported, date: day("2026-11-05"), note: String::new() });
        assert!(deviation.check(&guideline_only).is_empty(), "{:?}", deviation.check(&guideline_only));
        assert!(deviation.is_closed(&guideline_only));
        assert_eq!(fields(&deviation.check(&Practice::default())), ["steps[1].step"], "the practice needs the plan");
        // An action plan decided while the practice was on stays a valid record after it is switched off.
        let mut earlier = avvikelse();
        earlier.action_plan = "Byta leverantör av drift".into();
        earlier.steps.push(StepDone { step: ActionPlan, date: day("2026-11-04"), note: String::new() });
        assert!(earlier.check(&guideline_only).is_empty());
        assert_eq!(earlier.next_step(&guideline_only), Some(Reported));
        assert!(ActionPlan.is_practice() && DeviationStep::ALL.iter().filter(|s| s.is_practice()).count() == 1);
    }

    #[test]
    fn the_default_deadline_is_the_practices_days_after_registration() {
        let mut deviation = avvikelse();
        deviation.normalise(&Practice::default());
        assert_eq!(deviation.deadline, Some(day("2026-12-02")), "30 days by default");
        let mut other = avvikelse();
        other.normalise(&Practice { deadline_days: 10, ..Practice::default() });
        assert_eq!(other.deadline, Some(day("2026-11-12")));
        let mut given = avvikelse();
        given.deadline = Some(day("2026-11-20"));
        given.normalise(&Practice { deadline_days: 10, ..Practice::default() });
        assert_eq!(given.deadline, Some(day("2026-11-20")), "a deadline given is kept");
    }

    #[test]
    fn an_opt_out_is_from_one_base_service_or_one_framework_with_motivation_and_the_boards_decision() {
        use DeviationStep::*;
        let practice = Practice::default();
        let step = |step, date: &str| StepDone { step, date: day(date), note: String::new() };
        let mut opt_out = Deviation {
            kind: DeviationKind::OptOut,
            service_id: None,
            framework: Some(Framework::Architecture),
            organisation_id: Some(4),
            title: "Eget integrationsmönster".into(),
            steps: vec![],
            ..avvikelse()
        };
        assert!(opt_out.check(&practice).is_empty(), "{:?}", opt_out.check(&practice));
        // Neither, or both: refused on the service.
        opt_out.framework = None;
        assert_eq!(fields(&opt_out.check(&practice)), ["service_id"]);
        opt_out.service_id = Some(1);
        opt_out.framework = Some(Framework::InformationSecurity);
        assert_eq!(fields(&opt_out.check(&practice)), ["service_id"]);
        opt_out.service_id = None;
        // The full written motivation needs the text; the board's decision its outcome, date and board.
        opt_out.steps = vec![
            step(ProviderDialogue, "2026-11-03"),
            step(Reassessment, "2026-11-04"),
            step(GroupInformed, "2026-11-05"),
            step(WrittenMotivation, "2026-11-06"),
        ];
        assert_eq!(fields(&opt_out.check(&practice)), ["motivation"]);
        opt_out.motivation = "Verksamhetens realtidskrav kräver en egen integrationslösning.".into();
        opt_out.steps.push(step(BoardDecision, "2026-11-20"));
        assert_eq!(fields(&opt_out.check(&practice)), ["outcome", "decision_date", "decided_by_id"]);
        opt_out.outcome = Some(OptOutOutcome::Granted);
        opt_out.decision_date = Some(day("2026-11-20"));
        opt_out.decided_by_id = Some(4);
        assert!(opt_out.check(&practice).is_empty());
        opt_out.decision_date = Some(day("2026-10-01"));
        assert_eq!(fields(&opt_out.check(&practice)), ["decision_date"], "not decided before it was registered");
        // An avvikelse always concerns a service and has no framework or board decision.
        let mut deviation = avvikelse();
        deviation.framework = Some(Framework::Infrastructure);
        deviation.decided_by_id = Some(3);
        assert_eq!(fields(&deviation.check(&practice)), ["framework", "decided_by_id"]);
        deviation.service_id = None;
        deviation.framework = None;
        deviation.decided_by_id = None;
        assert_eq!(fields(&deviation.check(&practice)), ["service_id"]);
    }
}
