//! Funding cases stored with initiatives and services, compared with the portfolio's parameters.

use rust_decimal_macros::dec;
use samordna::Money;
use samordna::domain::{FundingCase, Initiative, Parameters, Service};
use samordna::funding::CapitalMethod;

use crate::support::{Workspace, change_count, export, stamp};

fn case_of_service(portfolio: &samordna::Portfolio, name: &str) -> FundingCase {
    let service = portfolio.read().services().unwrap().into_iter().find(|s| s.name == name).unwrap();
    portfolio.read().funding_case_of(None, Some(service.id)).unwrap().expect("a funding case")
}

#[test]
fn the_sample_e_mail_service_is_compared_per_customer_and_year() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let case = case_of_service(&portfolio, "E-post och kalender");
    let result = portfolio.read().funding(case.id).unwrap();
    let c = &result.comparison;
    assert_eq!(c.years, [2025, 2026, 2027, 2028]);
    assert_eq!(c.closed, [true, false, false, false]);
    assert_eq!(c.cost_allocation.provider_result[0], Some(Money::ZERO), "cost allocation settles the provider at zero");
    // Companies are never grant funded: they are invoiced, and have no frame transfer.
    let companies: Vec<&str> = c.grant.company_invoices.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(companies, ["Göteborg Energi", "Förvaltnings AB Framtiden"]);
    assert!(c.grant.frame_transfer.iter().all(|t| !companies.contains(&t.name.as_str())));
    let energi = c.totals.iter().find(|t| t.name == "Göteborg Energi").unwrap();
    assert!(energi.is_company && energi.grant > Money::ZERO && energi.frame_transfer == Money::ZERO);
    // The preliminary charges of 2026 add up to the forecast cost base exactly.
    let prelim: i64 = c.cost_allocation.customers.iter().map(|k| k.preliminary[1].ore()).sum();
    assert_eq!(prelim, c.cost_base.forecast[1].ore());
    assert_eq!(result.what_if.len(), 5);
    let zero = result.what_if.iter().find(|w| w.change_percent == 0).unwrap();
    assert_eq!(zero.provider_result.cost_allocation, Money::ZERO);
}

#[test]
fn the_leased_platform_takes_the_lease_rate_and_follows_the_leasing_rule() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let platform = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    let case = portfolio.read().funding_case_of(Some(platform.id), None).unwrap().unwrap();
    let result = portfolio.read().funding(case.id).unwrap();
    assert_eq!((result.rate, result.rate_source), (Some(dec!(0.031)), Some("lease_rate")));
    let leasing = result.leasing.unwrap();
    assert_eq!(leasing.threshold, Money::from_kronor(29_600), "half of the 2026 price base amount, in force in 2027");
    assert!(leasing.required && leasing.follows_rule);
    let capital = result.comparison.capital.unwrap();
    assert_eq!(capital.present_value, Money::from_kronor(7_300_000));
    // Rounded to whole kronor in this case.
    assert!(result.comparison.invoice.customers.iter().all(|k| k.invoiced.iter().all(|m| m.ore() % 100 == 0)));
}

#[test]
fn a_case_that_breaks_the_leasing_rule_is_flagged_and_a_missing_rate_is_named() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut case = case_of_service(&portfolio, "E-post och kalender");
    case.investment = Some(samordna::domain::FundingInvestment {
        amount: Money::from_kronor(400_000),
        method: CapitalMethod::OwnCapital,
        years: 4,
        rate: None,
    });
    portfolio.write(&stamp(), |w| w.update(case.clone())).unwrap();
    let result = portfolio.read().funding(case.id).unwrap();
    assert_eq!(result.rate_source, Some("internal_rate"));
    assert!(!result.leasing.unwrap().follows_rule);

    let mut parameters: Parameters = portfolio.read().parameters().unwrap();
    for year in &mut parameters.years {
        year.internal_rate = None;
    }
    portfolio.write(&stamp(), |w| w.update(parameters)).unwrap();
    let error = portfolio.read().funding(case.id).unwrap_err();
    assert_eq!(error.code(), "funding");
    assert_eq!(error.params()["field"], "investment.rate", "{error}");
    assert_eq!(error.params()["rule"]["reason"], "no_rate_in_force", "{error}");
}

#[test]
fn invalid_cases_are_refused_with_nothing_written() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut case = case_of_service(&portfolio, "E-post och kalender");
    let before = export(&portfolio);
    let changes = change_count(&workspace.path("sample.samordna"));
    case.customers[0].forecast_volume.pop();
    case.customers[1].forecast_volume[0] = dec!(-5);
    case.years[2].year = 2030;
    let error = portfolio.write(&stamp(), |w| w.update(case)).unwrap_err();
    let message = error.to_string();
    for field in ["years[2].year", "customers[0].forecast_volume", "customers[1].forecast_volume[0]"] {
        assert!(message.contains(field), "{field} in {message}");
    }
    assert_eq!(export(&portfolio), before);
    assert_eq!(change_count(&workspace.path("sample.samordna")), changes);
}

#[test]
fn an_item_with_a_funding_case_is_not_deleted_silently() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mail = portfolio.read().services().unwrap().into_iter().find(|s| s.name == "E-post och kalender").unwrap();
    let error = portfolio.write(&stamp(), |w| w.delete::<Service>(mail.id)).unwrap_err();
    assert!(error.to_string().contains("funding case"), "{error}");
    let platform = portfolio.read().initiative_by_case_number("SLK-2026-00101").unwrap();
    assert_eq!(portfolio.write(&stamp(), |w| w.delete::<Initiative>(platform.id)).unwrap_err().code(), "in_use");
    // A funding case for an organisation that is not there is refused.
    let mut case = case_of_service(&portfolio, "E-post och kalender");
    case.customers[0].organisation_id = 999;
    let error = portfolio.write(&stamp(), |w| w.update(case)).unwrap_err();
    assert!(error.to_string().contains("customers[0].organisation_id refers"), "{error}");
}

#[test]
fn a_new_case_takes_the_items_cost_years_customers_and_running_costs() {
    let workspace = crate::support::Workspace::new();
    let portfolio = workspace.sample();
    let services = portfolio.read().services().unwrap();
    let service = services.iter().find(|s| s.costs.len() >= 2 && !s.customers.is_empty()).unwrap();
    let case = samordna::domain::FundingCase::new_for_service(service, 2030);
    assert_eq!((case.service_id, case.initiative_id), (Some(service.id), None));
    let mut costs = service.costs.clone();
    costs.sort_by_key(|c| c.year);
    assert_eq!(case.years.iter().map(|y| y.year).collect::<Vec<_>>(), costs.iter().map(|c| c.year).collect::<Vec<_>>());
    assert_eq!(
        case.years.iter().map(|y| y.forecast_fixed).collect::<Vec<_>>(),
        costs.iter().map(|c| c.management).collect::<Vec<_>>()
    );
    assert_eq!(case.volume_unit, service.unit);
    assert_eq!(
        case.customers.iter().map(|c| c.organisation_id).collect::<Vec<_>>(),
        service.customers.iter().map(|c| c.organisation_id).collect::<Vec<_>>()
    );
    assert!(case.customers.iter().all(|c| c.forecast_volume.len() == case.years.len()));
    // Without costs, four years from the year given.
    let bare = samordna::domain::Service { costs: Vec::new(), ..service.clone() };
    let case = samordna::domain::FundingCase::new_for_service(&bare, 2030);
    assert_eq!(case.years.iter().map(|y| y.year).collect::<Vec<_>>(), [2030, 2031, 2032, 2033]);
    let initiatives = portfolio.read().initiatives().unwrap();
    let initiative = initiatives.iter().find(|i| !i.costs.is_empty()).unwrap();
    let case = samordna::domain::FundingCase::new_for_initiative(initiative, 2030);
    assert_eq!((case.initiative_id, case.service_id), (Some(initiative.id), None));
    assert_eq!(case.years.len(), initiative.costs.len());
}
