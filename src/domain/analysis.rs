//! The providers' yearly analysis (årlig analys) to the group. Riktlinjen, "Gemensamma tjänster och
//! förändringsinsatser": "Nämnder som levererar gemensamma tjänster ska inkomma med en årlig analys till den
//! strategiska samordningsgruppen", with the strategic direction, an analysis of ongoing and planned investments,
//! the development needed to meet the city's needs of shared services and digital infrastructure, how incoming
//! needs and requirements from boards and companies on laws and security levels look and will be met, and "vilken
//! informationssäkerhetsnivå som ska gälla för respektive gemensam tjänst".

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use chrono::{Datelike, NaiveDate};

use super::audited_id;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{
    AnalysisState, AuditValue, Audited, Entity, Id, Initiative, InitiativeState, InvestmentStatus, Law, NeedArea,
    Provider, Referent, Security, SecurityLevel, Service, ServiceState, YearCost,
};
use crate::money::Money;

/// The years an analysis, an investment's cost or a requirement's due date may name.
pub const ANALYSIS_YEARS: std::ops::RangeInclusive<i32> = super::YEARS;
/// The most years of cost one investment may list.
pub const MAX_INVESTMENT_YEARS: usize = 15;
/// The most entries of each list of an analysis (investments, needs, requirements, services).
pub const MAX_ANALYSIS_ROWS: usize = 500;

/// The sum of checked amounts (each within [`Money::LIMIT`], at most a few thousand of them: far from `i64`'s edge).
fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    Money::from_ore(amounts.fold(0i64, |total, a| total.saturating_add(a.ore())))
}

/// One year's cost of an investment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvestmentYear {
    pub year: i32,
    /// Öre.
    pub amount: Money,
}

/// An ongoing or planned investment (satsning), optionally one of the portfolio's initiatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalysisInvestment {
    pub status: InvestmentStatus,
    #[serde(default)]
    pub initiative_id: Option<Id>,
    pub description: String,
    /// Cost per year, ascending, each year once.
    #[serde(default)]
    pub costs: Vec<InvestmentYear>,
}

impl AnalysisInvestment {
    pub fn total(&self) -> Money {
        sum(self.costs.iter().map(|c| c.amount))
    }
}

/// A need of development: for the shared services (optionally one of them) or for the digital infrastructure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DevelopmentNeed {
    pub area: NeedArea,
    /// What is needed, in a few words.
    pub title: String,
    #[serde(default)]
    pub service_id: Option<Id>,
    #[serde(default)]
    pub description: String,
    /// The estimated development cost per year, ascending, each year once; may be empty (format version 16).
    #[serde(default)]
    pub costs: Vec<InvestmentYear>,
    /// The costs were added to the planned development cost of the need's service (`service_id`), once (format
    /// version 16).
    #[serde(default)]
    pub in_service_costs: bool,
}

impl DevelopmentNeed {
    pub fn total(&self) -> Money {
        sum(self.costs.iter().map(|c| c.amount))
    }
}

/// An incoming need or requirement from a board or company on laws and security levels, and how it will be met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomingRequirement {
    /// The board or company it came from. Required; optional in the type so that a form without it gets a field
    /// message.
    pub organisation_id: Option<Id>,
    pub requirement: String,
    #[serde(default)]
    pub law: Option<Law>,
    /// How the provider will meet it.
    #[serde(default)]
    pub how_met: String,
    /// Written YYYY-MM-DD; none (empty) when not yet known.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub due: Option<NaiveDate>,
}

/// The information security level (K/R/T) that shall apply to one of the provider's services next period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceSecurity {
    pub service_id: Id,
    #[serde(default)]
    pub security: Security,
}

/// A provider's yearly analysis for `year` (the coming period it describes). One per provider and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearlyAnalysis {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub provider_id: Id,
    pub year: i32,
    pub state: AnalysisState,
    /// When it was handed in (inlämnad), written YYYY-MM-DD; required once submitted.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub submitted: Option<NaiveDate>,
    /// When it was presented to the group, written YYYY-MM-DD; required once presented.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub presented: Option<NaiveDate>,
    /// Den strategiska riktningen.
    #[serde(default)]
    pub strategic_direction: String,
    #[serde(default)]
    pub investments: Vec<AnalysisInvestment>,
    #[serde(default)]
    pub development_needs: Vec<DevelopmentNeed>,
    #[serde(default)]
    pub requirements: Vec<IncomingRequirement>,
    /// The level that shall apply to each of the provider's services next period.
    #[serde(default)]
    pub security_levels: Vec<ServiceSecurity>,
    /// An explicit "no ongoing or planned investments", instead of an empty list (format version 16).
    #[serde(default)]
    pub no_investments: bool,
    /// An explicit "no development needs", instead of an empty list (format version 16).
    #[serde(default)]
    pub no_development_needs: bool,
    /// An explicit "no incoming needs or requirements", instead of an empty list (format version 16).
    #[serde(default)]
    pub no_requirements: bool,
}

/// How the level an analysis sets for one aspect compares with the service's current classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Raised,
    Lowered,
    /// The service is not classified on this aspect yet; the analysis sets a level.
    Added,
    /// The service has a level; the analysis leaves the aspect open.
    Removed,
}

impl Change {
    pub fn label(self, language: super::Language) -> &'static str {
        let sv = language == super::Language::Sv;
        match self {
            Change::Same if sv => "oförändrad",
            Change::Same => "unchanged",
            Change::Raised if sv => "höjs",
            Change::Raised => "raised",
            Change::Lowered if sv => "sänks",
            Change::Lowered => "lowered",
            Change::Added if sv => "ny klassning",
            Change::Added => "newly classified",
            Change::Removed if sv => "lämnas oklassad",
            Change::Removed => "left unclassified",
        }
    }
}

/// One aspect (K, R or T) of one service: the current level, the level the analysis sets, and the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AspectComparison {
    /// `confidentiality`, `integrity` or `availability`.
    pub aspect: &'static str,
    pub current: Option<u8>,
    pub proposed: Option<u8>,
    pub change: Change,
}

/// One of the analysis's services compared with its current classification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SecurityComparison {
    pub service_id: Id,
    pub service: String,
    pub current: Security,
    pub proposed: Security,
    pub aspects: Vec<AspectComparison>,
    /// Whether any aspect differs from the current classification.
    pub differs: bool,
}

/// The comparison of the level set for `proposed` with `current`, aspect by aspect (K, R, T).
pub fn compare_security(current: &Security, proposed: &Security) -> Vec<AspectComparison> {
    let level = |l: &Option<SecurityLevel>| l.as_ref().map(|l| l.level);
    current
        .aspects()
        .into_iter()
        .zip(proposed.aspects())
        .map(|((aspect, now), (_, next))| {
            let (current, proposed) = (level(now), level(next));
            let change = match (current, proposed) {
                (Some(a), Some(b)) if b > a => Change::Raised,
                (Some(a), Some(b)) if b < a => Change::Lowered,
                (None, Some(_)) => Change::Added,
                (Some(_), None) => Change::Removed,
                _ => Change::Same,
            };
            AspectComparison { aspect, current, proposed, change }
        })
        .collect()
}

impl YearlyAnalysis {
    /// A new draft for `provider_id` and `year` with the provider's services listed at their current levels.
    pub fn draft(provider_id: Id, year: i32, services: &[Service]) -> YearlyAnalysis {
        let mut analysis = YearlyAnalysis {
            id: 0,
            provider_id,
            year,
            state: AnalysisState::Draft,
            submitted: None,
            presented: None,
            strategic_direction: String::new(),
            investments: Vec::new(),
            development_needs: Vec::new(),
            requirements: Vec::new(),
            security_levels: Vec::new(),
            no_investments: false,
            no_development_needs: false,
            no_requirements: false,
        };
        analysis.fill_services(services);
        analysis
    }

    /// Adds the provider's services that the analysis does not list yet, at their current levels, so the provider
    /// has every one of its services before it (riktlinjen: a level "för respektive gemensam tjänst").
    pub fn fill_services(&mut self, services: &[Service]) {
        for service in services.iter().filter(|s| s.provider_id == Some(self.provider_id)) {
            if !self.security_levels.iter().any(|l| l.service_id == service.id) {
                self.security_levels
                    .push(ServiceSecurity { service_id: service.id, security: service.security.clone() });
            }
        }
    }

    /// Each listed service's level against its current classification, in the analysis's order. A service that
    /// is not among `services` is left out (the record's check reports it).
    pub fn security_comparison(&self, services: &[Service]) -> Vec<SecurityComparison> {
        self.security_levels
            .iter()
            .filter_map(|level| {
                let service = services.iter().find(|s| s.id == level.service_id)?;
                let aspects = compare_security(&service.security, &level.security);
                Some(SecurityComparison {
                    service_id: service.id,
                    service: service.name.clone(),
                    current: service.security.clone(),
                    proposed: level.security.clone(),
                    differs: aspects.iter().any(|a| a.change != Change::Same),
                    aspects,
                })
            })
            .collect()
    }

    /// The years the investments and the development needs name, ascending.
    pub fn investment_years(&self) -> Vec<i32> {
        let needs = self.development_needs.iter().flat_map(|n| n.costs.iter().map(|c| c.year));
        let mut years: Vec<i32> =
            self.investments.iter().flat_map(|i| i.costs.iter().map(|c| c.year)).chain(needs).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The investments' total in `year`.
    pub fn investment_total(&self, year: i32) -> Money {
        let amounts = self.investments.iter().flat_map(|i| &i.costs).filter(|c| c.year == year).map(|c| c.amount);
        sum(amounts)
    }

    /// The rules that need no other record.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        let years = || Rule::OutOfRange { min: (*ANALYSIS_YEARS.start()).into(), max: (*ANALYSIS_YEARS.end()).into() };
        if !ANALYSIS_YEARS.contains(&self.year) {
            problems.add("year", years());
        }
        // The state needs its date: inlämnad when handed in, presented when the group has seen it.
        let needs_submitted = self.state != AnalysisState::Draft;
        let needs_presented = self.state == AnalysisState::Presented;
        for (field, value, needed) in
            [("submitted", self.submitted, needs_submitted), ("presented", self.presented, needs_presented)]
        {
            if value.is_none() && needed {
                problems.add(field, Rule::Required);
            }
        }
        if needs_presented
            && let (Some(submitted), Some(presented)) = (self.submitted, self.presented)
            && presented < submitted
        {
            problems.add("presented", Rule::NotAllowed { reason: super::Reason::PresentedBeforeSubmitted });
        }
        problems.text("strategic_direction", &self.strategic_direction, false, MAX_TEXT);
        for (field, count) in [
            ("investments", self.investments.len()),
            ("development_needs", self.development_needs.len()),
            ("requirements", self.requirements.len()),
            ("security_levels", self.security_levels.len()),
        ] {
            if count > MAX_ANALYSIS_ROWS {
                problems.add(field, Rule::OutOfRange { min: 0, max: MAX_ANALYSIS_ROWS as i64 });
            }
        }
        // An explicit "none" and entries say opposite things (like the material's laws and "inget särskilt
        // lagkrav").
        for (field, none, count) in [
            ("no_investments", self.no_investments, self.investments.len()),
            ("no_development_needs", self.no_development_needs, self.development_needs.len()),
            ("no_requirements", self.no_requirements, self.requirements.len()),
        ] {
            if none && count > 0 {
                problems.add(field, Rule::NotAllowed { reason: super::Reason::NoneButListed });
            }
        }
        let costs = |problems: &mut Problems, at: &str, costs: &[InvestmentYear]| {
            if costs.len() > MAX_INVESTMENT_YEARS {
                problems.add(format!("{at}.costs"), Rule::OutOfRange { min: 0, max: MAX_INVESTMENT_YEARS as i64 });
            }
            for (j, cost) in costs.iter().enumerate() {
                if !ANALYSIS_YEARS.contains(&cost.year) {
                    problems.add(format!("{at}.costs[{j}].year"), years());
                } else if costs[..j].iter().any(|c| c.year == cost.year) {
                    problems.add(format!("{at}.costs[{j}].year"), Rule::Repeated);
                }
                problems.amount(format!("{at}.costs[{j}].amount"), Some(cost.amount));
            }
        };
        for (i, investment) in self.investments.iter().enumerate() {
            let at = format!("investments[{i}]");
            problems.text(&format!("{at}.description"), &investment.description, true, MAX_TEXT);
            costs(&mut problems, &at, &investment.costs);
        }
        for (i, need) in self.development_needs.iter().enumerate() {
            let at = format!("development_needs[{i}]");
            problems.text(&format!("{at}.title"), &need.title, true, MAX_NAME);
            problems.text(&format!("{at}.description"), &need.description, false, MAX_TEXT);
            costs(&mut problems, &at, &need.costs);
            // The costs went into a service's planned costs: the need names that service.
            if need.in_service_costs && need.service_id.is_none() {
                problems.add(format!("{at}.service_id"), Rule::Required);
            }
        }
        for (i, requirement) in self.requirements.iter().enumerate() {
            let at = format!("requirements[{i}]");
            if requirement.organisation_id.is_none() {
                problems.add(format!("{at}.organisation_id"), Rule::Required);
            }
            problems.text(&format!("{at}.requirement"), &requirement.requirement, true, MAX_TEXT);
            problems.text(&format!("{at}.how_met"), &requirement.how_met, false, MAX_TEXT);
        }
        for (i, level) in self.security_levels.iter().enumerate() {
            let at = format!("security_levels[{i}]");
            if self.security_levels[..i].iter().any(|l| l.service_id == level.service_id) {
                problems.add(format!("{at}.service_id"), Rule::Repeated);
            }
            let mut own = Problems::new();
            level.security.check(&mut own);
            for error in own.errors() {
                problems.add(format!("{at}.{}", error.field), error.rule.clone());
            }
        }
        problems
    }

    /// Trims what people type and orders each investment's years.
    pub fn normalise(&mut self) {
        self.strategic_direction = self.strategic_direction.trim().to_string();
        for investment in &mut self.investments {
            investment.description = investment.description.trim().to_string();
            // A year without a cost and a year of 0 kr say the same; the form offers every year of the period,
            // so the ones left at 0 are not kept (the paper shows them as "–").
            investment.costs.retain(|c| c.amount != Money::ZERO);
            investment.costs.sort_by_key(|c| c.year);
        }
        for need in &mut self.development_needs {
            need.title = need.title.trim().to_string();
            need.description = need.description.trim().to_string();
            need.costs.retain(|c| c.amount != Money::ZERO);
            need.costs.sort_by_key(|c| c.year);
        }
        for requirement in &mut self.requirements {
            requirement.requirement = requirement.requirement.trim().to_string();
            requirement.how_met = requirement.how_met.trim().to_string();
        }
    }
}

/// The day of the year before its year by which a provider's analysis is due: the city's practice (*Stadens rutin*;
/// the guideline says the providing boards "ska inkomma med en årlig analys" and sets no date). Nothing is refused
/// by it; an analysis not handed in by then is shown as late (`analyses list --year`, the dashboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalysisDue {
    /// 1–12.
    pub month: u8,
    /// 1–31, a day the month has in every year (not 29 February).
    pub day: u8,
}

/// The default due day: 31 October of the year before (the sample's providers hand in during October; the group
/// takes part of the analyses at its November meeting).
pub const DEFAULT_ANALYSIS_DUE: AnalysisDue = AnalysisDue { month: 10, day: 31 };

impl Default for AnalysisDue {
    fn default() -> Self {
        DEFAULT_ANALYSIS_DUE
    }
}

impl AnalysisDue {
    /// The date the analysis for `year` is due: this day in the year before. `None` outside the dates there are.
    pub fn date_for(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year.checked_sub(1)?, self.month.into(), self.day.into())
    }

    /// The year whose analysis was due most recently on `today` (its due day has passed): the analyses a
    /// provider is late with, if it has not handed in, are that year's.
    pub fn current_year(self, today: NaiveDate) -> i32 {
        let passed = (today.month(), today.day()) > (u32::from(self.month), u32::from(self.day));
        if passed { today.year() + 1 } else { today.year() }
    }

    /// The month and day as `10-31` (how the parameters keep it).
    pub fn key(self) -> String {
        format!("{:02}-{:02}", self.month, self.day)
    }

    /// Reads [`AnalysisDue::key`]'s form; `None` for anything else.
    pub fn from_key(text: &str) -> Option<AnalysisDue> {
        let (month, day) = text.trim().split_once('-')?;
        Some(AnalysisDue { month: month.parse().ok()?, day: day.parse().ok()? })
    }

    /// A month 1–12 and a day the month has in every year (2001 has no 29 February).
    pub fn check(self, prefix: &str, problems: &mut Problems) {
        if !(1..=12).contains(&self.month) {
            problems.add(format!("{prefix}.month"), Rule::OutOfRange { min: 1, max: 12 });
        } else if NaiveDate::from_ymd_opt(2001, self.month.into(), self.day.into()).is_none() {
            let last = (28..=31)
                .rev()
                .find(|d| NaiveDate::from_ymd_opt(2001, self.month.into(), *d).is_some())
                .expect("every month has 28 days");
            problems.add(format!("{prefix}.day"), Rule::OutOfRange { min: 1, max: last.into() });
        }
    }
}

/// A list of an analysis whose entries can be taken into the portfolio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AnalysisPart {
    Investment,
    DevelopmentNeed,
}

impl AnalysisPart {
    /// The stable key (`development_need`).
    pub fn key(self) -> &'static str {
        self.into()
    }
}

impl std::fmt::Display for AnalysisPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AnalysisPart::Investment => "investment",
            AnalysisPart::DevelopmentNeed => "development need",
        })
    }
}

/// Where a provider stands with its analysis for a year: handed in or not, and whether it is late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AnalysisStanding {
    pub provider_id: Id,
    pub provider: String,
    pub year: i32,
    /// The analysis's state (`utkast`, `inlamnad`, `presenterad`), or `missing` when the provider has none.
    #[serde(serialize_with = "standing_state")]
    #[schemars(with = "String")]
    pub state: Option<AnalysisState>,
    /// The analysis's id; `null` when it is missing.
    pub id: Option<Id>,
    #[serde(with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub submitted: Option<NaiveDate>,
    #[serde(with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub presented: Option<NaiveDate>,
    /// The day the analysis is due (the city's practice, [`AnalysisDue`]), written YYYY-MM-DD; none (empty)
    /// outside the dates there are.
    #[serde(with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub due: Option<NaiveDate>,
    /// Not handed in (missing or still a draft) and the due day has passed.
    pub late: bool,
}

fn standing_state<S: serde::Serializer>(state: &Option<AnalysisState>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(state.map_or("missing", |s| s.key()))
}

/// Every provider once, in the order given, with its analysis for `year` and whether it is late on `today` (the
/// caller's day: the engine never reads the clock).
pub fn standings(
    providers: &[Provider],
    analyses: &[YearlyAnalysis],
    year: i32,
    due: AnalysisDue,
    today: NaiveDate,
) -> Vec<AnalysisStanding> {
    let due_date = due.date_for(year);
    providers
        .iter()
        .map(|provider| {
            let analysis = analyses.iter().find(|a| a.provider_id == provider.id && a.year == year);
            let handed_in = analysis.is_some_and(|a| a.state != AnalysisState::Draft);
            AnalysisStanding {
                provider_id: provider.id,
                provider: provider.name.clone(),
                year,
                state: analysis.map(|a| a.state),
                id: analysis.map(|a| a.id),
                submitted: analysis.and_then(|a| a.submitted),
                presented: analysis.and_then(|a| a.presented),
                due: due_date,
                late: !handed_in && due_date.is_some_and(|d| today > d),
            }
        })
        .collect()
}

/// The analyses of the year most recently due on a day, for the dashboard: the year, its due date and every
/// provider's standing (those `late` are the ones to chase).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AnalysisRound {
    pub year: i32,
    /// Written YYYY-MM-DD; none (empty) outside the dates there are.
    #[serde(with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub due: Option<NaiveDate>,
    pub standings: Vec<AnalysisStanding>,
}

/// What the caller decides of a draft initiative made from an investment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InitiativeDraft {
    /// Diarienummer, e.g. `SLK-2026-00130`.
    pub case_number: String,
    /// The title; the investment's description (its first line) when none is given.
    #[serde(default)]
    pub title: Option<String>,
    /// *Identifierad* or *Analys* (the states a new initiative starts in).
    pub state: InitiativeState,
    /// The owning organisation; the provider's board when none is given.
    #[serde(default)]
    pub owner_id: Option<Id>,
}

/// What applying the analysis's level does to one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelOutcome {
    /// The service takes the level (at least one aspect changes).
    Changes,
    /// The service already has the level.
    Unchanged,
    /// The service is retired: left as it is.
    Retired,
    /// The service now belongs to another provider: left as it is.
    OtherProvider,
}

/// One service's classification before and after applying an analysis's levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelChange {
    pub service_id: Id,
    pub service: String,
    /// The service's classification now.
    pub current: Security,
    /// What it becomes: each aspect the analysis sets; an aspect it leaves open keeps its level.
    pub new: Security,
    /// The service is marked as handling no information (no classification); taking a level clears the mark.
    pub handles_no_information: bool,
    pub aspects: Vec<AspectComparison>,
    pub outcome: LevelOutcome,
}

/// The classification `current` takes from the level an analysis sets: each aspect it sets (compared by level, so
/// a renamed label alone changes nothing); an aspect it leaves open stays.
fn applied_security(current: &Security, proposed: &Security) -> Security {
    let aspect = |now: &Option<SecurityLevel>, next: &Option<SecurityLevel>| match (now, next) {
        (Some(a), Some(b)) if a.level == b.level => Some(a.clone()),
        (_, Some(b)) => Some(b.clone()),
        (now, None) => now.clone(),
    };
    Security {
        confidentiality: aspect(&current.confidentiality, &proposed.confidentiality),
        integrity: aspect(&current.integrity, &proposed.integrity),
        availability: aspect(&current.availability, &proposed.availability),
    }
}

/// Turns the first line of `text` into a title of at most [`MAX_NAME`] characters, cut at a word with "…".
fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if line.chars().count() <= MAX_NAME {
        return line.to_string();
    }
    let mut cut: String = line.chars().take(MAX_NAME - 1).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end())
}

/// Costs per year as consecutive years with `amount` as development: the years between are 0 kr.
fn consecutive(costs: &[InvestmentYear]) -> Vec<YearCost> {
    let (Some(first), Some(last)) = (costs.iter().map(|c| c.year).min(), costs.iter().map(|c| c.year).max()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| YearCost {
            year,
            development: costs.iter().find(|c| c.year == year).map_or(Money::ZERO, |c| c.amount),
            management: Money::ZERO,
        })
        .collect()
}

/// `costs` with `added` put on top of their development cost, the years between filled with 0 kr so that they
/// follow each other (as a service's costs must). Amounts add up exactly; the service's check bounds them.
pub fn add_development(costs: &[YearCost], added: &[InvestmentYear]) -> Vec<YearCost> {
    let years = costs.iter().map(|c| c.year).chain(added.iter().map(|c| c.year));
    let (Some(first), Some(last)) = (years.clone().min(), years.max()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| {
            let base = costs.iter().find(|c| c.year == year);
            let extra = added.iter().filter(|c| c.year == year).map(|c| c.amount.ore()).sum::<i64>();
            YearCost {
                year,
                development: Money::from_ore(base.map_or(0, |c| c.development.ore()).saturating_add(extra)),
                management: base.map_or(Money::ZERO, |c| c.management),
            }
        })
        .collect()
}

impl YearlyAnalysis {
    /// What the analysis must hold to be handed in (*Inlämnad*) or presented, by field: riktlinjen, "Prioritering
    /// och beslut" (*Gemensamma tjänster och förändringsinsatser*): the analysis "syftar till att tydliggöra den
    /// strategiska riktningen", holds "en analys av pågående och planerade satsningar, behov av utveckling", shows
    /// "hur inkomna behov och krav från nämnder och bolagsstyrelser gällande lagar och säkerhetsnivåer ser ut och
    /// kommer att uppfyllas samt vilken informationssäkerhetsnivå som ska gälla för respektive gemensam tjänst".
    /// So: the strategic direction; investments, development needs and requirements, each listed or explicitly
    /// none (an empty list is not an answer); and K, R and T for each of the provider's services that is not
    /// retired (a service that handles no information needs none, but not only some of the three).
    pub fn handed_in_problems(&self, services: &[Service]) -> Problems {
        let mut problems = self.content_problems();
        self.level_problems(services, &mut problems);
        problems
    }

    /// The part of [`YearlyAnalysis::handed_in_problems`] that needs no other record: the strategic direction, and
    /// each list or its explicit "none".
    pub fn content_problems(&self) -> Problems {
        let mut problems = Problems::new();
        if self.strategic_direction.trim().is_empty() {
            problems.add("strategic_direction", Rule::Required);
        }
        for (field, empty, none) in [
            ("investments", self.investments.is_empty(), self.no_investments),
            ("development_needs", self.development_needs.is_empty(), self.no_development_needs),
            ("requirements", self.requirements.is_empty(), self.no_requirements),
        ] {
            if empty && !none {
                problems.add(field, Rule::NotAllowed { reason: Reason::ListedOrNone });
            }
        }
        problems
    }

    /// A level (K, R and T) for each of the provider's services that is not retired; see
    /// [`YearlyAnalysis::handed_in_problems`].
    pub fn level_problems(&self, services: &[Service], problems: &mut Problems) {
        let own =
            services.iter().filter(|s| s.provider_id == Some(self.provider_id) && s.state != ServiceState::Retired);
        for service in own {
            let Some(i) = self.security_levels.iter().position(|l| l.service_id == service.id) else {
                if !service.handles_no_information {
                    problems.add(
                        "security_levels",
                        Rule::NotAllowed { reason: Reason::NoLevelFor { service: service.name.clone() } },
                    );
                }
                continue;
            };
            let security = &self.security_levels[i].security;
            let open = security.aspects().iter().filter(|(_, a)| a.is_none()).count();
            if service.handles_no_information && open == 3 {
                continue;
            }
            for (aspect, level) in security.aspects() {
                if level.is_none() {
                    problems.add(format!("security_levels[{i}].security.{aspect}"), Rule::Required);
                }
            }
        }
    }

    /// What applying the analysis's levels does to each service it lists, in its order: the classification before
    /// and after, aspect by aspect. A retired service, or one now another provider's, is left as it is.
    pub fn level_changes(&self, services: &[Service]) -> Vec<LevelChange> {
        self.security_levels
            .iter()
            .filter_map(|level| {
                let service = services.iter().find(|s| s.id == level.service_id)?;
                let new = applied_security(&service.security, &level.security);
                let aspects = compare_security(&service.security, &new);
                let outcome = if service.provider_id != Some(self.provider_id) {
                    LevelOutcome::OtherProvider
                } else if service.state == ServiceState::Retired {
                    LevelOutcome::Retired
                } else if new == service.security {
                    LevelOutcome::Unchanged
                } else {
                    LevelOutcome::Changes
                };
                Some(LevelChange {
                    service_id: service.id,
                    service: service.name.clone(),
                    current: service.security.clone(),
                    new,
                    handles_no_information: service.handles_no_information,
                    aspects,
                    outcome,
                })
            })
            .collect()
    }

    /// A draft initiative from the investment at `index`: the shared track, `provider`'s (owned by its board unless
    /// the caller names the owner), the investment's costs per year as development costs (consecutive years, 0 kr
    /// between), its description; the case number, title and starting state are the caller's.
    pub fn draft_initiative(&self, index: usize, provider: &Provider, draft: &InitiativeDraft) -> Option<Initiative> {
        let investment = self.investments.get(index)?;
        let title = draft.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
        Some(Initiative {
            case_number: draft.case_number.clone(),
            title: title.map_or_else(|| title_of(&investment.description), str::to_string),
            description: investment.description.clone(),
            owner_id: draft.owner_id.or(provider.organisation_id),
            provider_id: Some(provider.id),
            state: draft.state,
            ..Initiative::draft(consecutive(&investment.costs))
        })
    }
}

impl Audited for YearlyAnalysis {
    const ENTITY: Entity = Entity::YearlyAnalysis;

    audited_id!();

    fn label(&self) -> String {
        format!("Årlig analys {}", self.year)
    }

    fn label_names(&self) -> Option<(super::Referent, Id)> {
        Some((super::Referent::Provider, self.provider_id))
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let investments = self
            .investments
            .iter()
            .map(|i| {
                let costs = i.costs.iter().map(|c| format!("{} {}", c.year, c.amount)).collect::<Vec<_>>().join(", ");
                let initiative = i.initiative_id.map(|id| format!(" [initiativ {id}]")).unwrap_or_default();
                format!("{}: {}{initiative} ({costs})", i.status.key(), i.description)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let needs = self
            .development_needs
            .iter()
            .map(|n| {
                let service = n.service_id.map(|id| format!(" [tjänst {id}]")).unwrap_or_default();
                let costs = n.costs.iter().map(|c| format!("{} {}", c.year, c.amount)).collect::<Vec<_>>().join(", ");
                let costs = if costs.is_empty() { String::new() } else { format!(" ({costs})") };
                let planned = if n.in_service_costs { " [i tjänstens kostnader]" } else { "" };
                format!("{}: {}{service}: {}{costs}{planned}", n.area.key(), n.title, n.description)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let requirements = self
            .requirements
            .iter()
            .map(|r| {
                let from = r.organisation_id.map(|id| id.to_string()).unwrap_or_default();
                let law = r.law.map(|l| l.key()).unwrap_or_default();
                format!("[{from}] {} ({law}): {} {}", r.requirement, r.how_met, crate::time::optional_date_text(r.due))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let levels = self
            .security_levels
            .iter()
            .map(|l| format!("{}: {}", l.service_id, l.security.short()))
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            ("provider_id", AuditValue::Reference(Referent::Provider, Some(self.provider_id))),
            ("year", AuditValue::text(self.year.to_string())),
            ("state", AuditValue::text(self.state.key())),
            ("submitted", AuditValue::date(self.submitted)),
            ("presented", AuditValue::date(self.presented)),
            ("strategic_direction", AuditValue::text(&self.strategic_direction)),
            ("investments", AuditValue::text(investments)),
            ("development_needs", AuditValue::text(needs)),
            ("requirements", AuditValue::text(requirements)),
            ("security_levels", AuditValue::text(levels)),
            ("no_investments", AuditValue::text(self.no_investments.to_string())),
            ("no_development_needs", AuditValue::text(self.no_development_needs.to_string())),
            ("no_requirements", AuditValue::text(self.no_requirements.to_string())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(level: u8) -> Option<SecurityLevel> {
        Some(SecurityLevel { level, label: format!("Nivå {level}") })
    }

    fn service(id: Id, provider: Id, k: u8, r: u8, t: Option<u8>) -> Service {
        Service {
            id,
            name: format!("Tjänst {id}"),
            provider_id: Some(provider),
            security: Security { confidentiality: level(k), integrity: level(r), availability: t.and_then(level) },
            state: crate::domain::ServiceState::Active,
            ..Service::draft()
        }
    }

    #[test]
    fn a_draft_lists_the_providers_services_and_the_comparison_names_each_change() {
        let services = [service(1, 7, 2, 2, Some(3)), service(2, 8, 1, 1, Some(1)), service(3, 7, 3, 3, None)];
        let mut analysis = YearlyAnalysis::draft(7, 2027, &services);
        assert_eq!(analysis.security_levels.iter().map(|l| l.service_id).collect::<Vec<_>>(), [1, 3]);
        assert!(analysis.security_comparison(&services).iter().all(|c| !c.differs), "prefilled at current levels");
        analysis.security_levels[0].security.confidentiality = level(3);
        analysis.security_levels[0].security.availability = level(2);
        analysis.security_levels[1].security.availability = level(2);
        analysis.security_levels[1].security.integrity = None;
        let comparison = analysis.security_comparison(&services);
        let changes: Vec<Vec<Change>> =
            comparison.iter().map(|c| c.aspects.iter().map(|a| a.change).collect()).collect();
        assert_eq!(
            changes,
            [vec![Change::Raised, Change::Same, Change::Lowered], vec![Change::Same, Change::Removed, Change::Added]]
        );
        assert!(comparison.iter().all(|c| c.differs));
        assert_eq!(comparison[0].aspects[0].current, Some(2));
        assert_eq!(comparison[0].aspects[0].proposed, Some(3));
        // Filling again adds nothing twice.
        analysis.fill_services(&services);
        assert_eq!(analysis.security_levels.len(), 2);
    }

    #[test]
    fn the_due_day_falls_in_the_year_before_and_the_round_turns_the_day_after() {
        let due = AnalysisDue::default();
        let date = |text: &str| crate::time::parse_date(text).unwrap();
        assert_eq!(due.date_for(2027), Some(date("2026-10-31")));
        assert_eq!(due.current_year(date("2026-10-31")), 2026, "on the day, the 2027 analyses are not yet late");
        assert_eq!(due.current_year(date("2026-11-01")), 2027);
        assert_eq!(due.current_year(date("2027-01-15")), 2027);
        assert_eq!(AnalysisDue::from_key(&due.key()), Some(due));
        assert_eq!(AnalysisDue::from_key("31 oktober"), None);
        let mut problems = Problems::new();
        AnalysisDue { month: 2, day: 29 }.check("due", &mut problems);
        AnalysisDue { month: 0, day: 1 }.check("other", &mut problems);
        let fields: Vec<&str> = problems.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["due.day", "other.month"]);
    }

    #[test]
    fn a_draft_initiative_takes_the_first_line_of_the_description_as_its_title_within_the_limit() {
        assert_eq!(title_of("\n  Nätverk i skolor  \nmer text"), "Nätverk i skolor");
        let long = format!("{} slut", "ord ".repeat(100));
        let title = title_of(&long);
        assert!(title.chars().count() <= MAX_NAME && title.ends_with("ord…"), "{title}");
    }

    #[test]
    fn years_left_at_zero_are_not_kept_and_the_rest_are_in_year_order() {
        let mut analysis = YearlyAnalysis::draft(7, 2027, &[]);
        analysis.investments.push(AnalysisInvestment {
            status: InvestmentStatus::Planned,
            initiative_id: None,
            description: " Nätverk ".into(),
            costs: vec![
                InvestmentYear { year: 2029, amount: Money::from_ore(500) },
                InvestmentYear { year: 2027, amount: Money::ZERO },
                InvestmentYear { year: 2028, amount: Money::from_ore(100) },
            ],
        });
        analysis.normalise();
        let costs: Vec<(i32, i64)> = analysis.investments[0].costs.iter().map(|c| (c.year, c.amount.ore())).collect();
        assert_eq!(costs, [(2028, 100), (2029, 500)]);
        assert_eq!(analysis.investments[0].description, "Nätverk");
    }

    #[test]
    fn the_check_names_each_field_and_the_state_needs_its_date() {
        let mut analysis = YearlyAnalysis::draft(7, 2027, &[]);
        assert!(analysis.check().is_empty());
        analysis.year = 1999;
        analysis.state = AnalysisState::Presented;
        analysis.submitted = Some(crate::time::day("2026-11-30"));
        analysis.presented = Some(crate::time::day("2026-11-01"));
        analysis.investments.push(AnalysisInvestment {
            status: InvestmentStatus::Planned,
            initiative_id: None,
            description: " ".into(),
            costs: vec![
                InvestmentYear { year: 2027, amount: Money::from_ore(100) },
                InvestmentYear { year: 2027, amount: Money::from_ore(-1) },
                InvestmentYear { year: 2200, amount: Money::from_ore(Money::LIMIT.ore() + 1) },
            ],
        });
        analysis.development_needs.push(DevelopmentNeed {
            area: NeedArea::Infrastructure,
            title: "x".repeat(MAX_NAME + 1),
            service_id: None,
            description: String::new(),
            costs: Vec::new(),
            in_service_costs: false,
        });
        analysis.requirements.push(IncomingRequirement {
            organisation_id: None,
            requirement: "Loggning".into(),
            law: Some(Law::Gdpr),
            how_met: String::new(),
            due: None,
        });
        let twice =
            ServiceSecurity { service_id: 4, security: Security { confidentiality: level(5), ..Default::default() } };
        analysis.security_levels = vec![twice.clone(), twice];
        let fields: Vec<String> = analysis.check().errors().iter().map(|e| e.field.clone()).collect();
        assert_eq!(
            fields,
            [
                "year",
                "presented",
                "investments[0].description",
                "investments[0].costs[1].year",
                "investments[0].costs[1].amount",
                "investments[0].costs[2].year",
                "investments[0].costs[2].amount",
                "development_needs[0].title",
                "requirements[0].organisation_id",
                "security_levels[0].security.confidentiality",
                "security_levels[1].service_id",
                "security_levels[1].security.confidentiality",
            ]
        );
        let mut submitted = YearlyAnalysis::draft(7, 2027, &[]);
        submitted.state = AnalysisState::Submitted;
        assert_eq!(submitted.check().errors()[0].field, "submitted", "inlämnad needs its date");
    }
}
