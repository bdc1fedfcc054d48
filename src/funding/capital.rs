//! What an investment costs each year, by capital cost method, and the present value of that schedule.
//!
//! Timing: the investment is made at the start of the first year (t = 0). A direct expense is paid then.
//! Depreciation, internal interest and lease payments fall at the end of each year t = 1 … n. Discounting at the
//! same rate r, every method's schedule has present value equal to the investment.

use rust_decimal::{Decimal, MathematicalOps};
use serde::Serialize;

pub use crate::domain::CapitalMethod;

#[derive(Debug, Clone, PartialEq)]
pub struct Investment {
    /// Kronor.
    pub amount: Decimal,
    pub method: CapitalMethod,
    /// Useful life or lease term, in years (at least 1).
    pub years: u32,
    /// Yearly rate, e.g. 0.025 for 2.5 %.
    pub rate: Decimal,
}

/// One year of a capital cost schedule, exact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalYear {
    /// 1 for the first year.
    pub year: u32,
    pub depreciation: Decimal,
    pub interest: Decimal,
    /// What the year costs: depreciation plus interest, the lease payment, or the expense.
    pub cost: Decimal,
    /// Book value (or remaining lease debt) at the end of the year.
    pub closing_value: Decimal,
}

impl Investment {
    /// The cost of each year of the schedule, exact.
    pub fn schedule(&self) -> Vec<CapitalYear> {
        let n = self.years.max(1);
        let i = self.amount;
        let r = self.rate;
        match self.method {
            CapitalMethod::Expense => vec![CapitalYear {
                year: 1,
                depreciation: i,
                interest: Decimal::ZERO,
                cost: i,
                closing_value: Decimal::ZERO,
            }],
            CapitalMethod::OwnCapital => {
                let depreciation = i / Decimal::from(n);
                let mut book = i;
                (1..=n)
                    .map(|year| {
                        let interest = book * r;
                        book -= depreciation;
                        CapitalYear {
                            year,
                            depreciation,
                            interest,
                            cost: depreciation + interest,
                            closing_value: book.max(Decimal::ZERO),
                        }
                    })
                    .collect()
            }
            CapitalMethod::Lease => {
                let payment = self.annuity();
                let mut debt = i;
                (1..=n)
                    .map(|year| {
                        let interest = debt * r;
                        let repayment = payment - interest;
                        debt -= repayment;
                        CapitalYear { year, depreciation: repayment, interest, cost: payment, closing_value: debt }
                    })
                    .collect()
            }
        }
    }

    /// The yearly lease payment A = I·r / (1 − (1 + r)^−n); I/n when r = 0.
    pub fn annuity(&self) -> Decimal {
        let n = Decimal::from(self.years.max(1));
        if self.rate.is_zero() {
            return self.amount / n;
        }
        let discount = (Decimal::ONE + self.rate).powd(-n);
        self.amount * self.rate / (Decimal::ONE - discount)
    }

    /// The present value of the schedule at `rate`: the expense at t = 0, the others at the end of each year.
    pub fn present_value(&self, rate: Decimal) -> Decimal {
        if self.method == CapitalMethod::Expense {
            return self.amount;
        }
        let factor = Decimal::ONE + rate;
        let mut discount = Decimal::ONE;
        self.schedule()
            .iter()
            .map(|y| {
                discount /= factor;
                y.cost * discount
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn investment(method: CapitalMethod) -> Investment {
        Investment { amount: dec!(3000000), method, years: 5, rate: dec!(0.025) }
    }

    /// Worked example: 3 000 000 kr over 5 years at 2.5 %.
    /// Annuity: 3 000 000 · 0.025 / (1 − 1.025⁻⁵) = 75 000 / (1 − 0.8838543…) = 75 000 / 0.1161457… = 645 740.58 kr.
    /// Own capital, year 1: 600 000 depreciation + 75 000 interest = 675 000; year 5: 600 000 + 15 000 = 615 000.
    #[test]
    fn the_worked_example() {
        let lease = investment(CapitalMethod::Lease);
        assert_eq!(lease.annuity().round_dp(2), dec!(645740.58));
        let own = investment(CapitalMethod::OwnCapital).schedule();
        assert_eq!(own[0].cost, dec!(675000));
        assert_eq!(own[4].cost, dec!(615000));
        assert_eq!(own.iter().map(|y| y.depreciation).sum::<Decimal>(), dec!(3000000));
        let expense = investment(CapitalMethod::Expense).schedule();
        assert_eq!((expense.len(), expense[0].cost), (1, dec!(3000000)));
        // Lease debt is repaid exactly.
        assert!(lease.schedule().last().unwrap().closing_value.abs() < dec!(0.000001));
    }

    proptest::proptest! {
        /// At the rate of the schedule, every method's present value is the investment.
        #[test]
        fn present_value_equals_the_investment(
            amount in 1_000i64..100_000_000,
            years in 1u32..=15,
            rate in 0u32..=120,
            method in proptest::sample::select(vec![CapitalMethod::Lease, CapitalMethod::OwnCapital, CapitalMethod::Expense]),
        ) {
            let rate = Decimal::new(i64::from(rate), 3);
            let investment = Investment { amount: Decimal::from(amount), method, years, rate };
            let pv = investment.present_value(rate);
            proptest::prop_assert!((pv - investment.amount).abs() < dec!(0.0001), "{} vs {}", pv, investment.amount);
        }
    }
}
