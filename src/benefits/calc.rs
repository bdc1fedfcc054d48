//! Net present value, internal rate of return, and simple and discounted payback of yearly cash flows.
//!
//! Flow 0 falls at t = 0 (today, usually the investment, negative); flow t at the end of year t. Amounts are exact
//! decimals; the NPV is computed exactly and rounded once, to the öre. The IRR is a rate, found by bisection on a
//! bracket where the NPV changes sign. Payback is the time at which the running sum of the (discounted) flows
//! turns non-negative for good, linear within the year in which it does.

use rust_decimal::prelude::*;

/// What a series of flows is worth.
#[derive(Debug, Clone, PartialEq)]
pub struct Appraisal {
    /// Net present value at the rate, in kronor, rounded to the öre.
    pub npv: Decimal,
    /// The rate at which the NPV is zero; `None` when the flows never change sign (no such rate exists) or no rate
    /// between −99 % and 1 000 % makes the NPV zero.
    pub irr: Option<f64>,
    /// Years until the running sum of the flows is non-negative and stays so; `None` when it never recovers.
    pub payback_years: Option<Decimal>,
    /// The same with discounted flows.
    pub discounted_payback_years: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalcError {
    #[error("{0}: not a number")]
    Number(String),
    #[error("flows: give at least two flows (flow 0 at t = 0, then one per year)")]
    TooFewFlows,
    #[error("rate: must be greater than -1 (e.g. 0.025 for 2.5 %)")]
    Rate,
    /// A discount factor, discounted flow or sum beyond what exact decimals hold (about 7.9 × 10²⁸), or a factor so
    /// small that it rounds to nothing: a rate far from any real one over many years, or amounts beyond reason.
    #[error("the result is out of range: use a rate closer to 0, fewer years or smaller amounts")]
    OutOfRange,
}

impl From<CalcError> for crate::error::Error {
    /// The input that is wrong and the rule it breaks, or out of range.
    fn from(error: CalcError) -> Self {
        use crate::domain::{Reason, Rule};
        let (field, rule) = match error {
            CalcError::OutOfRange => return crate::error::Error::OutOfRange { what: "benefits" },
            CalcError::Number(field) => (field, Rule::Format { expected: "-150000,50".into() }),
            CalcError::TooFewFlows => ("flows".into(), Rule::NotAllowed { reason: Reason::TooFewFlows }),
            CalcError::Rate => ("rate".into(), Rule::NotAllowed { reason: Reason::RateAboveMinusOne }),
        };
        crate::error::Error::Benefits { field, rule }
    }
}

/// The discount factor (1 + rate)^-t; out of range when the power overflows or rounds to zero.
fn factor(rate: Decimal, t: usize) -> Result<Decimal, CalcError> {
    let base = Decimal::ONE.checked_add(rate).ok_or(CalcError::OutOfRange)?;
    let mut power = Decimal::ONE;
    for _ in 0..t {
        power = power.checked_mul(base).ok_or(CalcError::OutOfRange)?;
    }
    Decimal::ONE.checked_div(power).ok_or(CalcError::OutOfRange)
}

/// Each flow times its discount factor.
fn discount(rate: Decimal, flows: &[Decimal]) -> Result<Vec<Decimal>, CalcError> {
    flows.iter().enumerate().map(|(t, f)| f.checked_mul(factor(rate, t)?).ok_or(CalcError::OutOfRange)).collect()
}

fn checked_sum(values: &[Decimal]) -> Result<Decimal, CalcError> {
    values.iter().try_fold(Decimal::ZERO, |sum, v| sum.checked_add(*v)).ok_or(CalcError::OutOfRange)
}

fn npv_float(rate: f64, flows: &[f64]) -> f64 {
    flows.iter().enumerate().map(|(t, f)| f / (1.0 + rate).powi(t as i32)).sum()
}

/// The IRR by bisection: scan for a bracket where the NPV changes sign, starting near zero, then halve it.
fn irr(flows: &[Decimal]) -> Option<f64> {
    let has_negative = flows.iter().any(|f| f.is_sign_negative() && !f.is_zero());
    let has_positive = flows.iter().any(|f| f.is_sign_positive() && !f.is_zero());
    if !(has_negative && has_positive) {
        return None;
    }
    let flows: Vec<f64> = flows.iter().map(|f| f.to_f64().unwrap_or(0.0)).collect();
    // Grid from −99 % to 1 000 %, denser near the rates that occur in practice; the first sign change from 0 %
    // outwards is taken, so a conventional series (one sign change) has its one root.
    let mut grid: Vec<f64> = (0..=400).map(|i| f64::from(i) * 0.0025).collect(); // 0 … 100 %
    grid.extend((1..=90).map(|i| 1.0 + f64::from(i) * 0.1)); // … 1 000 %
    let downward: Vec<f64> = (1..=396).map(|i| -f64::from(i) * 0.0025).collect(); // … −99 %
    let brackets = grid
        .windows(2)
        .map(|w| (w[0], w[1]))
        .chain(std::iter::once((downward[0], 0.0)).chain(downward.windows(2).map(|w| (w[1], w[0]))));
    for (low, high) in brackets {
        let (f_low, f_high) = (npv_float(low, &flows), npv_float(high, &flows));
        if f_low == 0.0 {
            return Some(low);
        }
        if f_low.signum() == f_high.signum() {
            continue;
        }
        let (mut a, mut b, mut fa) = (low, high, f_low);
        for _ in 0..200 {
            let mid = (a + b) / 2.0;
            let fm = npv_float(mid, &flows);
            if fm == 0.0 || (b - a) < 1e-12 {
                return Some(mid);
            }
            if fm.signum() == fa.signum() {
                a = mid;
                fa = fm;
            } else {
                b = mid;
            }
        }
        return Some((a + b) / 2.0);
    }
    None
}

/// The time at which the running sum turns non-negative for good, linear within that year. The running sums are
/// checked by [`appraise`] before (they are partial sums of flows whose total fits).
fn payback(flows: &[Decimal]) -> Option<Decimal> {
    let mut running = Vec::with_capacity(flows.len());
    let mut sum = Decimal::ZERO;
    for f in flows {
        sum = sum.checked_add(*f)?;
        running.push(sum);
    }
    // The last year in which the running sum is negative; payback falls in the year after it.
    let Some(last_negative) = running.iter().rposition(|s| s.is_sign_negative() && !s.is_zero()) else {
        return Some(Decimal::ZERO);
    };
    let next = last_negative + 1;
    if next >= flows.len() {
        return None;
    }
    let owed = -running[last_negative];
    let fraction = owed.checked_div(flows[next])?;
    Some(Decimal::from(last_negative).checked_add(fraction)?.round_dp(2))
}

/// Appraises yearly flows (kronor) at `rate` (0.025 for 2.5 %).
pub fn appraise(rate: Decimal, flows: &[Decimal]) -> Result<Appraisal, CalcError> {
    if flows.len() < 2 {
        return Err(CalcError::TooFewFlows);
    }
    if rate <= -Decimal::ONE {
        return Err(CalcError::Rate);
    }
    let discounted = discount(rate, flows)?;
    // Every running sum of the flows and of the discounted flows must fit, not only the totals.
    for series in [flows, discounted.as_slice()] {
        for end in 1..=series.len() {
            checked_sum(&series[..end])?;
        }
    }
    Ok(Appraisal {
        npv: checked_sum(&discounted)?.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        irr: irr(flows),
        payback_years: payback(flows),
        discounted_payback_years: payback(&discounted),
    })
}

/// An appraisal as texts, for callers that hold amounts as text (the app).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AppraisalText {
    pub npv: String,
    pub irr: Option<f64>,
    pub payback_years: Option<String>,
    pub discounted_payback_years: Option<String>,
}

/// Reads a decimal as people write it: spaces as thousands separators, a decimal comma or point.
fn parse(text: &str, field: &str) -> Result<Decimal, CalcError> {
    let cleaned: String =
        text.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(',', ".").replace('\u{2212}', "-");
    Decimal::from_str_exact(&cleaned).map_err(|_| CalcError::Number(field.into()))
}

/// [`appraise`] for texts: the rate (0.025) and the flows in kronor.
pub fn appraise_texts(rate: &str, flows: &[String]) -> Result<AppraisalText, CalcError> {
    let rate = parse(rate, "rate")?;
    let flows =
        flows.iter().enumerate().map(|(i, f)| parse(f, &format!("flows[{i}]"))).collect::<Result<Vec<_>, _>>()?;
    let a = appraise(rate, &flows)?;
    Ok(AppraisalText {
        npv: a.npv.to_string(),
        irr: a.irr,
        payback_years: a.payback_years.map(|d| d.to_string()),
        discounted_payback_years: a.discounted_payback_years.map(|d| d.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn flows(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|v| Decimal::from(*v)).collect()
    }

    #[test]
    fn excel_npv_example() {
        // Microsoft's NPV documentation: rate 10 %, an investment of 10 000 one year from today, then returns of
        // 3 000, 4 200 and 6 800: NPV 1 188,44. Excel discounts its first value one period, so in our convention
        // (flow 0 today) the series starts with 0.
        let a = appraise(dec!(0.10), &flows(&[0, -10000, 3000, 4200, 6800])).unwrap();
        assert_eq!(a.npv, dec!(1188.44));
    }

    #[test]
    fn excel_irr_examples() {
        // Microsoft's IRR documentation: −70 000 then 12 000, 15 000, 18 000, 21 000 (four years: −2,1 %) and
        // 26 000 (five years: 8,7 %).
        let five = appraise(dec!(0.10), &flows(&[-70000, 12000, 15000, 18000, 21000, 26000])).unwrap();
        assert!((five.irr.unwrap() - 0.086_630).abs() < 1e-5, "{:?}", five.irr);
        let four = appraise(dec!(0.10), &flows(&[-70000, 12000, 15000, 18000, 21000])).unwrap();
        assert!((four.irr.unwrap() + 0.021_245).abs() < 1e-5, "{:?}", four.irr);
        // At its IRR a series is worth nothing.
        assert!(npv_float(five.irr.unwrap(), &[-70000.0, 12000.0, 15000.0, 18000.0, 21000.0, 26000.0]).abs() < 1e-4);
    }

    #[test]
    fn payback_is_linear_within_the_year() {
        // −1 000 000, then 300 000 a year: after 3 years 100 000 is still owed, a third of year 4's flow: 3,33.
        let a = appraise(dec!(0), &flows(&[-1_000_000, 300_000, 300_000, 300_000, 300_000])).unwrap();
        assert_eq!(a.payback_years, Some(dec!(3.33)));
        assert_eq!(a.discounted_payback_years, Some(dec!(3.33)), "at 0 % discounting changes nothing");
        assert_eq!(a.npv, dec!(200000));
        // At 5 %: discounted flows 285 714,29, 272 108,84, 259 151,28, 246 810,74; after 3 years 183 025,59 owed:
        // 3 + 183 025,59 / 246 810,74 = 3,74.
        let b = appraise(dec!(0.05), &flows(&[-1_000_000, 300_000, 300_000, 300_000, 300_000])).unwrap();
        assert_eq!(b.discounted_payback_years, Some(dec!(3.74)));
        assert_eq!(b.npv, dec!(63785.15));
    }

    #[test]
    fn what_does_not_exist_is_none() {
        // Never recovers: no payback; all flows negative: no IRR.
        let a = appraise(dec!(0.025), &flows(&[-3_000_000, 200_000, 200_000, 200_000])).unwrap();
        assert_eq!(a.payback_years, None);
        assert_eq!(a.discounted_payback_years, None);
        assert!(a.irr.is_some(), "a sign change: the IRR exists (negative)");
        assert!(a.irr.unwrap() < 0.0);
        let b = appraise(dec!(0.025), &flows(&[-100, -50, -10])).unwrap();
        assert_eq!(b.irr, None);
        assert_eq!(b.payback_years, None);
        // Paid back at once when nothing is invested.
        let c = appraise(dec!(0.025), &flows(&[0, 100])).unwrap();
        assert_eq!(c.payback_years, Some(dec!(0)));
        assert_eq!(appraise(dec!(0.025), &flows(&[-5])), Err(CalcError::TooFewFlows));
        assert_eq!(appraise(dec!(-1), &flows(&[-5, 6])), Err(CalcError::Rate));
    }

    #[test]
    fn a_later_reinvestment_moves_payback_to_when_it_is_recovered_for_good() {
        // −100, +120 (paid back in year 0,83), −50 (negative again), +60: for good in year 3, 30/60 in: 2,5.
        let a = appraise(dec!(0), &flows(&[-100, 120, -50, 60])).unwrap();
        assert_eq!(a.payback_years, Some(dec!(2.5)));
    }

    #[test]
    fn rates_and_years_beyond_reason_are_out_of_range_not_a_panic() {
        // 2^96 overflows exact decimals; 0.01^16 rounds to nothing. Both panicked ("Multiplication overflowed").
        let mut long = vec![dec!(-1000)];
        long.extend(std::iter::repeat_n(dec!(100), 96));
        assert_eq!(appraise(dec!(1), &long), Err(CalcError::OutOfRange));
        assert_eq!(appraise(dec!(-0.99), &long[..17]), Err(CalcError::OutOfRange));
        // The largest amounts decimals hold: their sum overflows.
        assert_eq!(appraise(dec!(0), &[Decimal::MAX, Decimal::MAX]), Err(CalcError::OutOfRange));
        assert_eq!(appraise(Decimal::MAX, &[dec!(-1), dec!(2)]), Err(CalcError::OutOfRange));
        // Near the edge but within it: a result.
        assert!(appraise(dec!(1), &long[..60]).is_ok());
    }

    #[test]
    fn texts_are_read_as_people_write_them() {
        let a =
            appraise_texts("0,1", &["0".into(), "−10 000".into(), "3 000".into(), "4200".into(), "6 800,00".into()])
                .unwrap();
        assert_eq!(a.npv, "1188.44");
        assert_eq!(appraise_texts("0.1", &["0".into(), "mycket".into()]), Err(CalcError::Number("flows[1]".into())));
    }
}
