//! A stored funding case turned into a comparison: names and kinds of the customers from the portfolio's
//! organisations, rates from its parameters, and the city's rule that larger, longer-lived investments are leased.

use rust_decimal::Decimal;
use serde::Serialize;

use super::comparison::{Case, Comparison, Customer, WhatIf, YearCost};
use super::{CapitalMethod, Investment};
use crate::domain::{FundingCase, Id, Organisation, Parameters, Reason, Rule};
use crate::error::{Error, Result};
use crate::money::Money;

/// The volume changes of the what-if, in per cent.
pub const WHAT_IF: [i32; 5] = [-20, -10, 0, 10, 20];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingResult {
    pub case_id: Id,
    pub comparison: Comparison,
    pub what_if: Vec<WhatIf>,
    /// The rate the capital cost was computed with, and where it came from.
    pub rate: Option<Decimal>,
    pub rate_source: Option<&'static str>,
    /// The city's leasing rule for the investment, when there is one.
    pub leasing: Option<LeasingAdvice>,
    /// For a service's case: the organisations it bills that are not recorded as customers of the service (a
    /// warning, not a refusal; riktlinjen, "Nämnder och bolagsstyrelser": the customers are those that use it).
    pub not_customers: Vec<Id>,
}

/// Movable property, intangible assets included, with a useful life of at least three years and a cost above half
/// a price base amount is to be leased from the city's leasing company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeasingAdvice {
    pub threshold: Money,
    pub required: bool,
    pub follows_rule: bool,
}

pub fn compare(case: &FundingCase, organisations: &[Organisation], parameters: &Parameters) -> Result<FundingResult> {
    let first_year = case.years.first().map(|y| y.year).unwrap_or_default();
    let lease_rate = parameters.in_force(first_year, |p| p.lease_rate);
    let internal_rate = parameters.in_force(first_year, |p| p.internal_rate);
    let (rate, rate_source) = match &case.investment {
        Some(i) if i.rate.is_some() => (i.rate, Some("case")),
        Some(i) => match (i.method, lease_rate, internal_rate) {
            (CapitalMethod::Lease, Some((_, rate)), _) => (Some(rate), Some("lease_rate")),
            (_, _, Some((_, rate))) => (Some(rate), Some("internal_rate")),
            _ => {
                return Err(Error::Funding {
                    field: "investment.rate".into(),
                    rule: Rule::NotAllowed { reason: Reason::NoRateInForce { year: first_year } },
                });
            }
        },
        None => (None, None),
    };
    let customers = case
        .customers
        .iter()
        .map(|c| {
            let organisation = organisations.iter().find(|o| o.id == c.organisation_id);
            Customer {
                name: organisation.map_or_else(|| format!("#{}", c.organisation_id), |o| o.name.clone()),
                is_company: organisation.is_some_and(|o| o.kind.is_company()),
                forecast_volume: c.forecast_volume.clone(),
                actual_volume: c.actual_volume.clone(),
            }
        })
        .collect();
    let engine_case = Case {
        years: case.years.iter().map(|y| y.year).collect(),
        customers,
        forecast: case
            .years
            .iter()
            .map(|y| YearCost { fixed: y.forecast_fixed.kronor(), per_unit: y.forecast_per_unit.kronor() })
            .collect(),
        actual: case
            .years
            .iter()
            .map(|y| match (y.actual_fixed, y.actual_per_unit) {
                (Some(fixed), Some(per_unit)) => Some(YearCost { fixed: fixed.kronor(), per_unit: per_unit.kronor() }),
                _ => None,
            })
            .collect(),
        investment: case.investment.as_ref().map(|i| Investment {
            amount: i.amount.kronor(),
            method: i.method,
            years: i.years,
            rate: rate.unwrap_or_default(),
        }),
        fixed_key: case.fixed_key,
        companies_invoiced: parameters.practice.companies_invoiced,
        rounding: case.rounding.unwrap_or(parameters.rounding),
    };
    let comparison = engine_case.compare().map_err(funding_error)?;
    let what_if = engine_case.what_if(&WHAT_IF).map_err(funding_error)?;
    let leasing = case.investment.as_ref().and_then(|i| {
        let (_, base) = parameters.in_force(first_year, |p| p.price_base_amount)?;
        let threshold = Money::from_ore(base.ore() / 2);
        let required = i.amount > threshold && i.years >= 3;
        Some(LeasingAdvice { threshold, required, follows_rule: !required || i.method == CapitalMethod::Lease })
    });
    Ok(FundingResult { case_id: case.id, comparison, what_if, rate, rate_source, leasing, not_customers: Vec::new() })
}

/// A funding case that cannot be computed: out of range, or the field that is wrong.
fn funding_error(error: super::comparison::FundingError) -> Error {
    match error {
        super::comparison::FundingError::OutOfRange => Error::OutOfRange { what: "funding" },
        super::comparison::FundingError::Field { field, rule } => Error::Funding { field, rule },
    }
}

/// A service's costs per year as its funding case forecasts them, for valuing it against the frames when it has
/// no costs of its own: management = the year's fixed cost + cost per unit × the customers' forecast volume (rounded
/// once, as the case rounds), development = the investment, in the case's first year.
pub fn forecast_costs(case: &FundingCase) -> Vec<crate::domain::YearCost> {
    let rounding = case.rounding.unwrap_or_default();
    case.years
        .iter()
        .enumerate()
        .map(|(i, year)| {
            let volume: Decimal = case.customers.iter().filter_map(|c| c.forecast_volume.get(i)).copied().sum();
            let management = year.forecast_fixed.kronor() + year.forecast_per_unit.kronor() * volume;
            let development = match (&case.investment, i) {
                (Some(investment), 0) => investment.amount,
                _ => Money::ZERO,
            };
            crate::domain::YearCost {
                year: year.year,
                development,
                // A forecast beyond the bound of any amount (volumes up to 10¹² times a price) is held at it, so that
                // the selection's sums stay exact.
                management: Money::from_ore(super::rounding::round(management, rounding).ore().min(Money::LIMIT.ore())),
            }
        })
        .collect()
}
