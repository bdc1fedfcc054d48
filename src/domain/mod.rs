//! Domain types and the rules that need no database: forms, ranges, combinations.
//!
//! Rules that need other records (uniqueness, references) are checked by the store before it writes.

mod actual;
mod analysis;
mod assessment;
mod benefit;
mod closed_lists;
mod criteria;
mod decided_frame;
mod deviation;
mod document_profile;
mod drafts;
mod form_record;
mod funding;
mod initiative;
mod item;
pub mod lifecycle;
mod meeting;
mod member;
mod organisation;
mod provider;
mod scenario;
mod security;
mod service;
mod today;
pub mod validation;
mod vocabulary;

pub use actual::ActualOutcome;
pub use analysis::{
    ANALYSIS_YEARS, AnalysisDue, AnalysisInvestment, AnalysisPart, AnalysisRound, AnalysisStanding, AspectComparison,
    Change as SecurityChange, DEFAULT_ANALYSIS_DUE, DevelopmentNeed, IncomingRequirement, InitiativeDraft,
    InvestmentYear, LevelChange, LevelOutcome, SecurityComparison, ServiceSecurity, YearlyAnalysis, add_development,
    compare_security, standings,
};
pub use assessment::{GateResult, Judgement, Pairwise, SAATY_SCALE, Score};
pub use benefit::{Benefit, BenefitStatus, Measurement, Progress};
pub use criteria::{CriteriaSet, Criterion, Gate, MAX_CRITERIA, MAX_SCORE_LEVEL};
pub use decided_frame::{DecidedFrame, FRAME_YEARS};
pub use deviation::{Deviation, DeviationFacts, StepDone};
pub use document_profile::{DocumentProfile, LOGO_TYPES, MAX_LOGO};
pub use drafts::NewRecords;
pub use form_record::{DATE_EXAMPLE, FormRecord};
pub use funding::{
    CapitalMethod, DEFAULT_DEADLINE_DAYS, FundingCase, FundingCustomer, FundingInvestment, FundingYear,
    MAX_DEADLINE_DAYS, Parameters, Practice, Rounding, VOLUME_LIMIT, YearParameters,
};
pub use initiative::{
    CASE_NUMBER_EXAMPLE, Initiative, MAX_CASE_NUMBER, MAX_RISKS, PLANNING_PERIOD_YEARS, Risk, YearCost, is_case_number,
};
pub use item::{ItemRef, NotAnItem, ValuedKind};
pub use meeting::{
    AgendaItem, Attachment, DEFAULT_BODY, DecidedLine, Decision, MAX_ATTACHMENT, Meeting, MeetingPerson, opening_items,
};
pub use member::Member;
pub use organisation::{Decider, Organisation};
pub use provider::{DEFAULT_PROVIDERS, Provider};
pub use scenario::{Dependency, Exclusion, Scenario, YearFrame};
pub use security::{ClassificationCheck, LeastClassification, MAX_SECURITY_LEVEL, Security, SecurityLevel};
pub use service::{Service, ServiceCustomer, ServiceStanding};
pub use today::{OverdueMeasurement, Today};
pub use validation::{FieldError, Problems, Reason, Rule};

/// The years Samordna plans for: every year a record, a paper or a sheet names (planning periods, frames,
/// analyses, follow-ups). A bound of plausibility, not a rule of the guideline; it keeps year arithmetic (the
/// coming year, a period of years) far from overflow, whatever a command line or a file asks for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

pub use closed_lists::{
    Aggregation, AnalysisState, BaselineStatus, BenefitCategory, BenefitKind, Confidence, DecisionOutcome,
    DeviationKind, DeviationStep, Direction, Entity, FIELD_LABELS, FieldLabel, Framework, FundingModel, GateKind,
    InitiativeKind, InitiativeState, InvestmentStatus, ItemKind, Language, Law, NeedArea, OptOutOutcome,
    OrganisationKind, Orientation, PairwiseMethod, PersonRole, Phase, Requirement, ReuseOutcome, RiskLevel,
    ServiceCategory, ServiceState, Term, Track, Weighting, field_label,
};
pub use vocabulary::{StepSequence, TextLimits, Vocabulary};

/// Identifier of a stored record, unique within its kind. Assigned by the portfolio when a record is created.
pub type Id = i64;

/// A field value as the change history records it. References are resolved to names when the change is written,
/// so the history reads as it was at the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditValue {
    Text(String),
    Reference(Referent, Option<Id>),
    References(Referent, Vec<Id>),
    /// Initiatives and services, as a scenario's rules name them.
    Items(Vec<ItemRef>),
}

/// The kinds of record a field can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referent {
    Organisation,
    Provider,
    Initiative,
    Service,
    Member,
    CriteriaSet,
    Criterion,
    Gate,
}

impl AuditValue {
    fn text(value: impl Into<String>) -> Self {
        AuditValue::Text(value.into())
    }

    /// A date as the history writes it: `YYYY-MM-DD`, or empty when there is none.
    pub fn date(date: impl Into<Option<crate::time::NaiveDate>>) -> Self {
        AuditValue::Text(crate::time::optional_date_text(date.into()))
    }

    /// A reference to an initiative or a service.
    pub fn item(item: ItemRef) -> Self {
        match item {
            ItemRef::Initiative(id) => AuditValue::Reference(Referent::Initiative, Some(id)),
            ItemRef::Service(id) => AuditValue::Reference(Referent::Service, Some(id)),
        }
    }
}

/// [`Audited::id`] for a record whose id is its field `id`: written once (issue 30), used in every `impl Audited`.
macro_rules! audited_id {
    () => {
        fn id(&self) -> Id {
            self.id
        }
    };
}
use audited_id;

/// [`Audited::id`], and [`Audited::label`] as the record's `name`: for the records the history names by their name.
macro_rules! audited_by_name {
    () => {
        $crate::domain::audited_id!();

        fn label(&self) -> String {
            self.name.clone()
        }
    };
}
use audited_by_name;

/// A record whose changes go into the change history, field by field.
pub trait Audited {
    const ENTITY: Entity;
    fn id(&self) -> Id;
    /// How the record is named in the history (kept when the record is deleted).
    fn label(&self) -> String;
    /// A record the label names, written by its name after the label where the store can look it up (a yearly
    /// analysis: its provider).
    fn label_names(&self) -> Option<(Referent, Id)> {
        None
    }
    /// Every editable field with its key, in form order.
    fn audit(&self) -> Vec<(&'static str, AuditValue)>;
}

fn optional_key<T>(value: Option<T>, key: impl Fn(T) -> &'static str) -> AuditValue {
    AuditValue::text(value.map(key).unwrap_or_default())
}
