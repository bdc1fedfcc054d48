//! Rounding once, at the end: amounts computed exactly are rounded to öre (or whole kronor) so that the parts
//! add up to the rounded total, by the largest-remainder method.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::money::Money;

pub use crate::domain::Rounding;

/// An exact amount in kronor, rounded half away from zero (commercial rounding).
pub fn round(kronor: Decimal, rounding: Rounding) -> Money {
    let unit = Decimal::from(rounding.unit());
    let in_units =
        (kronor * Decimal::ONE_HUNDRED / unit).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let ore = in_units * unit;
    Money::from_ore(i64::try_from(ore.mantissa() / 10i128.pow(ore.scale())).unwrap_or(i64::MAX))
}

/// Rounds every part so that they add up to the rounded sum of the exact parts. Each part is first rounded
/// towards minus infinity; the units left over go to the parts with the largest remainders (earlier parts first
/// among equals). Works for negative parts (settlements) too.
pub fn split(parts: &[Decimal], rounding: Rounding) -> Vec<Money> {
    split_total(parts, parts.iter().sum(), rounding)
}

/// Like [`split`], but the parts add up to `total` rounded: for shares of a known amount, whose exact sum can
/// fall a hair short of it after division (a cost split by volume key must settle the provider at exactly zero).
pub fn split_total(parts: &[Decimal], total: Decimal, rounding: Rounding) -> Vec<Money> {
    let unit = Decimal::from(rounding.unit());
    let target = round(total, rounding).ore() / rounding.unit();
    let scaled: Vec<Decimal> = parts.iter().map(|p| p * Decimal::ONE_HUNDRED / unit).collect();
    let floors: Vec<i64> = scaled.iter().map(|s| to_i64(s.floor())).collect();
    // Σ floor ≤ Σ exact < Σ floor + n, so between 0 and n units are left to hand out.
    let left = target - floors.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| (scaled[b] - scaled[b].floor()).cmp(&(scaled[a] - scaled[a].floor())).then(a.cmp(&b)));
    let mut units = floors;
    for &i in order.iter().take(left.max(0) as usize) {
        units[i] += 1;
    }
    units.into_iter().map(|u| Money::from_ore(u * rounding.unit())).collect()
}

fn to_i64(value: Decimal) -> i64 {
    i64::try_from(value.mantissa() / 10i128.pow(value.scale())).unwrap_or(if value.is_sign_negative() {
        i64::MIN
    } else {
        i64::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round(dec!(1.005), Rounding::Ore), Money::from_ore(101));
        assert_eq!(round(dec!(-1.005), Rounding::Ore), Money::from_ore(-101));
        assert_eq!(round(dec!(12.50), Rounding::Kronor), Money::from_kronor(13));
        assert_eq!(round(dec!(12.49), Rounding::Kronor), Money::from_kronor(12));
    }

    #[test]
    fn thirds_add_up() {
        let third = dec!(100) / dec!(3);
        let parts = split(&[third, third, third], Rounding::Ore);
        assert_eq!(parts.iter().map(|m| m.ore()).sum::<i64>(), 10_000);
        assert_eq!(parts, [Money::from_ore(3334), Money::from_ore(3333), Money::from_ore(3333)]);
        let kronor = split(&[third, third, third], Rounding::Kronor);
        assert_eq!(kronor, [Money::from_kronor(34), Money::from_kronor(33), Money::from_kronor(33)]);
    }

    proptest::proptest! {
        #[test]
        fn splits_always_add_up_to_the_rounded_total(
            raw in proptest::collection::vec(-10_000_000i64..10_000_000, 1..20),
            divisor in 1i64..1000,
            whole in proptest::bool::ANY,
        ) {
            let rounding = if whole { Rounding::Kronor } else { Rounding::Ore };
            let parts: Vec<Decimal> = raw.iter().map(|r| Decimal::new(*r, 2) / Decimal::from(divisor)).collect();
            let split = split(&parts, rounding);
            let total: Decimal = parts.iter().sum();
            proptest::prop_assert_eq!(split.iter().map(|m| m.ore()).sum::<i64>(), round(total, rounding).ore());
            for (exact, rounded) in parts.iter().zip(&split) {
                // Every part is within one unit of its exact value.
                let difference = (rounded.kronor() - exact).abs();
                proptest::prop_assert!(difference < Decimal::from(rounding.unit()) / Decimal::ONE_HUNDRED + dec!(0.0000001));
                proptest::prop_assert_eq!(rounded.ore() % rounding.unit(), 0);
            }
        }
    }

    #[test]
    fn shares_of_a_known_total_add_up_to_it_even_when_division_falls_short() {
        // 3 654 666,50 kr split by volumes 882, 2 710 and 937: the exact shares sum to a hair under the total, which
        // rounds the other way in whole kronor unless the total itself is the target.
        let actual = dec!(3654666.50);
        let volumes = [dec!(882), dec!(2710), dec!(937)];
        let total: Decimal = volumes.iter().sum();
        let shares: Vec<Decimal> = volumes.iter().map(|v| actual * (v / total)).collect();
        let parts = split_total(&shares, actual, Rounding::Kronor);
        assert_eq!(parts.iter().map(|m| m.ore()).sum::<i64>(), round(actual, Rounding::Kronor).ore());
        assert_eq!(round(actual, Rounding::Kronor), Money::from_kronor(3654667));
    }
}
