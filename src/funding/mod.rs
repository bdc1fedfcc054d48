//! Funding model comparison: what cost allocation (kostnadsfördelning), invoice per unit (faktura à pris) and
//! municipal grant (kommunbidrag) mean for each customer and for the provider, year by year, with the capital
//! cost of an investment by expense, own capitalisation or lease. All amounts are exact decimals until they are
//! rounded once, at the end, with splits that add up. The formulas are in docs/funding.md.

pub mod capital;
pub mod comparison;
pub mod portfolio;
pub mod rounding;

pub use capital::{CapitalMethod, CapitalYear, Investment};
pub use comparison::{Case, Comparison, Customer, FundingError, YearCost};
pub use rounding::Rounding;
