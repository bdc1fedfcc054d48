//! The inputs of a funding model comparison, stored with an initiative or a service, and the yearly parameters.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_id;
use super::validation::{MAX_NAME, Problems, Reason, Rule};
use super::{AuditValue, Audited, Entity, Id, Referent};
use crate::money::Money;

/// How an investment is paid for over time (independent of who pays).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CapitalMethod {
    /// Lease annuity A = I·r / (1 − (1 + r)^−n).
    Lease,
    /// Own capitalisation: straight-line depreciation I/n plus internal interest r on the opening book value.
    OwnCapital,
    /// The whole investment as a cost when it is made.
    Expense,
}

/// To what amounts are rounded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// To the öre (the default).
    #[default]
    Ore,
    /// To whole kronor, as invoices often are.
    Kronor,
}

impl Rounding {
    /// The unit in öre.
    pub(crate) fn unit(self) -> i64 {
        match self {
            Rounding::Ore => 1,
            Rounding::Kronor => 100,
        }
    }
}

/// The largest volume one customer may have in one year: 10¹² units (`from_parts` holds it in 32-bit words). A
/// bound of this tool, not of the guideline: far above any count of users, licences or hours, it keeps every
/// product of a volume and a cost exact.
pub const VOLUME_LIMIT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

/// One year's running cost: forecast, and actual once the year is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingYear {
    pub year: i32,
    pub forecast_fixed: Money,
    pub forecast_per_unit: Money,
    pub actual_fixed: Option<Money>,
    pub actual_per_unit: Option<Money>,
}

/// A customer (an organisation) with its volumes, one per year of the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingCustomer {
    pub organisation_id: Id,
    pub forecast_volume: Vec<Decimal>,
    /// `null` for years not yet closed.
    pub actual_volume: Vec<Option<Decimal>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingInvestment {
    pub amount: Money,
    pub method: CapitalMethod,
    /// Useful life or lease term.
    pub years: u32,
    /// `null`: the portfolio's rate for the first year (lease rate for a lease, else internal rate).
    pub rate: Option<Decimal>,
}

/// The inputs of the funding comparison of one initiative or one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingCase {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    /// Exactly one of `initiative_id` and `service_id`.
    pub initiative_id: Option<Id>,
    pub service_id: Option<Id>,
    /// What a unit of volume is, e.g. "användare" or "fakturor".
    #[serde(default)]
    pub volume_unit: String,
    pub years: Vec<FundingYear>,
    pub customers: Vec<FundingCustomer>,
    pub investment: Option<FundingInvestment>,
    /// Settle cost allocation on the forecast key instead of actual usage.
    #[serde(default)]
    pub fixed_key: bool,
    /// `null`: the portfolio's rounding.
    pub rounding: Option<Rounding>,
}

/// Most years in a case.
const MAX_YEARS: usize = 15;

impl FundingCase {
    /// A new case for an initiative, as the funding view opens it: the initiative's cost years (four from
    /// `first_year` when it has none), its customers with no volume yet, and each year's fixed running cost
    /// forecast as the initiative's förvaltningskostnad that year, so the costs it holds are not asked for again.
    pub fn new_for_initiative(initiative: &super::Initiative, first_year: i32) -> FundingCase {
        Self::new_for(initiative.id, None, "", &initiative.costs, &initiative.customer_ids, first_year)
    }

    /// A new case for a service: the service's cost years in the catalogue (four from `first_year` when it has
    /// none), its customers, its unit, and each year's fixed running cost forecast as the catalogue's
    /// förvaltningskostnad for that year.
    pub fn new_for_service(service: &super::Service, first_year: i32) -> FundingCase {
        let customers: Vec<Id> = service.customers.iter().map(|c| c.organisation_id).collect();
        Self::new_for(service.id, Some(service.id), &service.unit, &service.costs, &customers, first_year)
    }

    fn new_for(
        item: Id,
        service: Option<Id>,
        unit: &str,
        costs: &[super::YearCost],
        customers: &[Id],
        first_year: i32,
    ) -> FundingCase {
        let mut costs: Vec<&super::YearCost> = costs.iter().collect();
        costs.sort_by_key(|c| c.year);
        let years: Vec<FundingYear> = if costs.is_empty() {
            (first_year..first_year.saturating_add(4))
                .map(|year| FundingYear {
                    year,
                    forecast_fixed: Money::ZERO,
                    forecast_per_unit: Money::ZERO,
                    actual_fixed: None,
                    actual_per_unit: None,
                })
                .collect()
        } else {
            costs
                .iter()
                .take(MAX_YEARS)
                .map(|c| FundingYear {
                    year: c.year,
                    forecast_fixed: c.management,
                    forecast_per_unit: Money::ZERO,
                    actual_fixed: None,
                    actual_per_unit: None,
                })
                .collect()
        };
        FundingCase {
            id: 0,
            initiative_id: if service.is_some() { None } else { Some(item) },
            service_id: service,
            volume_unit: unit.to_string(),
            customers: customers
                .iter()
                .map(|&organisation_id| FundingCustomer {
                    organisation_id,
                    forecast_volume: vec![Decimal::ZERO; years.len()],
                    actual_volume: Vec::new(),
                })
                .collect(),
            years,
            investment: None,
            fixed_key: false,
            rounding: None,
        }
    }

    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        if self.initiative_id.is_some() == self.service_id.is_some() {
            problems.add("initiative_id", Rule::NotAllowed { reason: Reason::InitiativeOrService });
        }
        problems.text("volume_unit", &self.volume_unit, false, MAX_NAME);
        if self.years.is_empty() {
            problems.add("years", Rule::Required);
        }
        if self.years.len() > MAX_YEARS {
            problems.add("years", Rule::OutOfRange { min: 1, max: MAX_YEARS as i64 });
        }
        for (i, y) in self.years.iter().enumerate() {
            if i > 0 && y.year != self.years[i - 1].year + 1 {
                problems.add(format!("years[{i}].year"), Rule::NotAllowed { reason: Reason::YearsMustFollowEachOther });
            }
            for (field, amount) in [
                ("forecast_fixed", Some(y.forecast_fixed)),
                ("forecast_per_unit", Some(y.forecast_per_unit)),
                ("actual_fixed", y.actual_fixed),
                ("actual_per_unit", y.actual_per_unit),
            ] {
                problems.amount(format!("years[{i}].{field}"), amount);
            }
        }
        if self.customers.is_empty() {
            problems.add("customers", Rule::Required);
        }
        for (i, c) in self.customers.iter().enumerate() {
            if self.customers[..i].iter().any(|o| o.organisation_id == c.organisation_id) {
                problems.add(format!("customers[{i}].organisation_id"), Rule::Repeated);
            }
            if c.forecast_volume.len() != self.years.len() {
                problems.add(
                    format!("customers[{i}].forecast_volume"),
                    Rule::NotAllowed { reason: Reason::OneVolumePerYear },
                );
            }
            if c.actual_volume.len() > self.years.len() {
                problems.add(
                    format!("customers[{i}].actual_volume"),
                    Rule::NotAllowed { reason: Reason::OneVolumePerYear },
                );
            }
            for (y, v) in c.forecast_volume.iter().enumerate() {
                volume(&mut problems, format!("customers[{i}].forecast_volume[{y}]"), *v);
            }
            for (y, v) in c.actual_volume.iter().enumerate() {
                if let Some(v) = v {
                    volume(&mut problems, format!("customers[{i}].actual_volume[{y}]"), *v);
                }
            }
        }
        for (y, year) in self.years.iter().enumerate() {
            let total: Decimal = self.customers.iter().filter_map(|c| c.forecast_volume.get(y)).sum();
            if !self.customers.is_empty() && total.is_zero() {
                problems.add(
                    format!("years[{y}].year"),
                    Rule::NotAllowed { reason: Reason::ZeroTotalVolume { year: year.year } },
                );
            }
        }
        if let Some(investment) = &self.investment {
            problems.amount("investment.amount", Some(investment.amount));
            if !(1..=50).contains(&investment.years) {
                problems.add("investment.years", Rule::OutOfRange { min: 1, max: 50 });
            }
            if investment.rate.is_some_and(|r| r.is_sign_negative() || r >= Decimal::ONE) {
                problems.add("investment.rate", Rule::OutOfRange { min: 0, max: 1 });
            }
        }
        problems
    }
}

impl Audited for FundingCase {
    const ENTITY: Entity = Entity::FundingCase;

    audited_id!();

    fn label(&self) -> String {
        match (self.initiative_id, self.service_id) {
            (Some(i), _) => format!("initiative #{i}"),
            (_, Some(s)) => format!("service #{s}"),
            _ => String::new(),
        }
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let years = self
            .years
            .iter()
            .map(|y| {
                let actual = match (y.actual_fixed, y.actual_per_unit) {
                    (Some(f), Some(u)) => format!(", actual {f} + {u}/unit"),
                    _ => String::new(),
                };
                format!("{}: {} + {}/unit{actual}", y.year, y.forecast_fixed, y.forecast_per_unit)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let volumes = self
            .customers
            .iter()
            .map(|c| {
                let fc = c.forecast_volume.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("/");
                let act = c
                    .actual_volume
                    .iter()
                    .map(|v| v.map_or("–".into(), |v| v.to_string()))
                    .collect::<Vec<_>>()
                    .join("/");
                format!("#{}: {fc} ({act})", c.organisation_id)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let investment = self.investment.as_ref().map_or(String::new(), |i| {
            format!("{} {:?} {} years {}", i.amount, i.method, i.years, i.rate.map_or("–".into(), |r| r.to_string()))
        });
        vec![
            ("initiative_id", AuditValue::Reference(Referent::Initiative, self.initiative_id)),
            ("volume_unit", AuditValue::Text(self.volume_unit.clone())),
            ("years", AuditValue::Text(years)),
            (
                "customers",
                AuditValue::References(
                    Referent::Organisation,
                    self.customers.iter().map(|c| c.organisation_id).collect(),
                ),
            ),
            ("volumes", AuditValue::Text(volumes)),
            ("investment", AuditValue::Text(investment)),
            ("fixed_key", AuditValue::Text(self.fixed_key.to_string())),
            ("rounding", AuditValue::Text(self.rounding.map_or(String::new(), |r| format!("{r:?}").to_lowercase()))),
        ]
    }
}

/// The parameters of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearParameters {
    pub year: i32,
    /// Internal interest rate (SKR's proposal), e.g. 0.025.
    pub internal_rate: Option<Decimal>,
    /// The city leasing company's rate; the internal rate is used when it is not given.
    pub lease_rate: Option<Decimal>,
    /// Prisbasbelopp.
    pub price_base_amount: Option<Money>,
    /// For benefit calculations.
    pub discount_rate: Option<Decimal>,
    /// The least K/R/T classification the city's practice (Stadens rutin) expects of a shared service, if the city
    /// sets one: not the guideline's grundsäkerhetsnivå, which each service's recorded assessment answers
    /// (`Service::baseline`). `null`: the latest earlier year's; none in any year: no comparison. Format version 13,
    /// named `security_baseline` before version 17 (still read).
    #[serde(default, alias = "security_baseline")]
    pub least_classification: Option<super::LeastClassification>,
}

/// The portfolio's parameters: one record (id 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    #[serde(default = "one")]
    pub id: Id,
    pub years: Vec<YearParameters>,
    /// Default useful life of an investment, in years.
    pub useful_life: u32,
    /// Default rounding of customers' amounts.
    pub rounding: Rounding,
    /// The city's practice (Stadens rutin): rules Samordna applies that the guideline does not state.
    #[serde(default)]
    pub practice: Practice,
}

fn one() -> Id {
    1
}

/// The default deadline of a deviation, in days after registration (Göteborg's economic rules: a board decides
/// actions within 30 days of a report of a negative deviation). The default of [`Practice::deadline_days`].
pub const DEFAULT_DEADLINE_DAYS: u32 = 30;

/// The longest default deadline the parameters accept, in days.
pub const MAX_DEADLINE_DAYS: u32 = 365;

/// The city's practice (*Stadens rutin*): rules that are not the guideline's, each a parameter whose default is
/// what Samordna did before it was one. The app and the papers label each as the city's practice, never under
/// "Steg (riktlinjens, i stadens ordning)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Practice {
    /// An avvikelse also takes the step "Åtgärdsplan beslutad" (the guideline's steps are: the group informed,
    /// reported in the follow-up; affected customers first for security).
    pub action_plan_step: bool,
    /// Days from registration to the default deadline of an avvikelse or avsteg.
    pub deadline_days: u32,
    /// City-owned companies are never grant funded: under kommunbidrag they are invoiced at the forecast price.
    pub companies_invoiced: bool,
    /// Kommunbidrag may fund a bastjänst (the guideline's table lists cost allocation or invoicing for
    /// bastjänster; it names kommunbidrag among the ways of funding in general).
    pub grant_for_base_services: bool,
    /// The day of the year before by which a provider's yearly analysis for a year is due (the guideline: the
    /// providing boards "ska inkomma med en årlig analys"; it sets no date). Refuses nothing: an analysis not
    /// handed in by then is shown as late (format version 16).
    pub analysis_due: super::AnalysisDue,
}

impl Default for Practice {
    fn default() -> Self {
        Practice {
            action_plan_step: true,
            deadline_days: DEFAULT_DEADLINE_DAYS,
            companies_invoiced: true,
            grant_for_base_services: true,
            analysis_due: super::DEFAULT_ANALYSIS_DUE,
        }
    }
}

impl Parameters {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        for (i, y) in self.years.iter().enumerate() {
            if self.years[..i].iter().any(|o| o.year == y.year) {
                problems.add(format!("years[{i}].year"), Rule::Repeated);
            }
            for (field, rate) in
                [("internal_rate", y.internal_rate), ("lease_rate", y.lease_rate), ("discount_rate", y.discount_rate)]
            {
                if rate.is_some_and(|r| r.is_sign_negative() || r >= Decimal::ONE) {
                    problems.add(format!("years[{i}].{field}"), Rule::OutOfRange { min: 0, max: 1 });
                }
            }
            problems.amount(format!("years[{i}].price_base_amount"), y.price_base_amount);
            if let Some(least) = &y.least_classification {
                least.check(&format!("years[{i}].least_classification"), &mut problems);
            }
        }
        if !(1..=50).contains(&self.useful_life) {
            problems.add("useful_life", Rule::OutOfRange { min: 1, max: 50 });
        }
        if !(1..=MAX_DEADLINE_DAYS).contains(&self.practice.deadline_days) {
            problems.add("practice.deadline_days", Rule::OutOfRange { min: 1, max: i64::from(MAX_DEADLINE_DAYS) });
        }
        self.practice.analysis_due.check("practice.analysis_due", &mut problems);
        problems
    }

    pub fn year(&self, year: i32) -> Option<&YearParameters> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The value in force in `year`: that year's, or else the latest earlier year's that has one.
    pub fn in_force<T>(&self, year: i32, value: impl Fn(&YearParameters) -> Option<T>) -> Option<(i32, T)> {
        let mut years: Vec<&YearParameters> = self.years.iter().filter(|y| y.year <= year).collect();
        years.sort_by_key(|y| std::cmp::Reverse(y.year));
        years.into_iter().find_map(|y| value(y).map(|v| (y.year, v)))
    }

    /// The least classification of the city's practice in force in `year` (that year's or the latest earlier
    /// one's), if the city sets one.
    pub fn least_classification(&self, year: i32) -> Option<super::LeastClassification> {
        self.in_force(year, |y| y.least_classification).map(|(_, b)| b)
    }
}

impl Audited for Parameters {
    const ENTITY: Entity = Entity::Parameters;

    audited_id!();

    fn label(&self) -> String {
        "parameters".into()
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let rate = |r: Option<Decimal>| r.map_or("–".into(), |r| r.to_string());
        let years = self
            .years
            .iter()
            .map(|y| {
                format!(
                    "{}: internal {}, lease {}, price base {}, discount {}{}",
                    y.year,
                    rate(y.internal_rate),
                    rate(y.lease_rate),
                    y.price_base_amount.map_or("–".into(), |m| m.to_string()),
                    rate(y.discount_rate),
                    y.least_classification.map_or(String::new(), |b| format!(", least classification {}", b.short()))
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            ("years", AuditValue::Text(years)),
            ("useful_life", AuditValue::Text(self.useful_life.to_string())),
            ("rounding", AuditValue::Text(format!("{:?}", self.rounding).to_lowercase())),
            ("practice.action_plan_step", AuditValue::Text(self.practice.action_plan_step.to_string())),
            ("practice.deadline_days", AuditValue::Text(self.practice.deadline_days.to_string())),
            ("practice.companies_invoiced", AuditValue::Text(self.practice.companies_invoiced.to_string())),
            ("practice.grant_for_base_services", AuditValue::Text(self.practice.grant_for_base_services.to_string())),
            ("practice.analysis_due", AuditValue::Text(self.practice.analysis_due.key())),
        ]
    }
}

/// Checks a customer's volume: not negative, and within the funding comparison's limit.
fn volume(problems: &mut Problems, field: String, volume: Decimal) {
    if volume.is_sign_negative() && !volume.is_zero() {
        problems.add(field, Rule::Negative);
    } else if volume > VOLUME_LIMIT {
        problems.add(field, Rule::TooLarge);
    }
}
