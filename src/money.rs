//! Exact amounts of Swedish kronor, held as integer öre.
//!
//! Amounts are never binary floats. Formatting follows Swedish conventions: groups of three digits separated by
//! a non-breaking space, a decimal comma and the unit `kr` (`1 322 870,29 kr`).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The non-breaking space used between digit groups and before the unit, so amounts never wrap.
pub const GROUP_SEPARATOR: char = '\u{a0}';

/// An amount in öre (1/100 krona). Serialised as an integer number of öre.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// The largest amount, either sign, that any record, form or importer accepts: 10¹² kr, a thousand times the
    /// city's yearly budget. A bound of this tool, not of the guideline: it keeps every sum of a portfolio's
    /// amounts far from the edge of `i64` öre, so nothing ever wraps.
    pub const LIMIT: Money = Money(100_000_000_000_000);

    /// Whether the amount lies within [`Money::LIMIT`] (either sign).
    pub const fn within_limit(self) -> bool {
        self.0.unsigned_abs() <= Money::LIMIT.0.unsigned_abs()
    }

    pub const fn from_ore(ore: i64) -> Self {
        Money(ore)
    }

    /// Whole kronor. Panics on overflow, which only a programming error can cause.
    pub const fn from_kronor(kronor: i64) -> Self {
        Money(kronor * 100)
    }

    pub const fn ore(self) -> i64 {
        self.0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The amount in kronor, exactly (`1322870.29`): for calculations that divide or scale an amount.
    pub fn kronor(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// The amount in kronor as a binary float: for a solver or a JSON number only, never for a sum.
    pub fn kronor_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// The amount in a paper's tables: `1 322 870,29`, or `1 322 870` when it is whole kronor.
    pub fn format_kronor(self) -> String {
        let text = self.format_number();
        if self.0 % 100 == 0 { text.trim_end_matches(",00").to_string() } else { text }
    }

    /// The amount without unit, `1 322 870,29`.
    pub fn format_number(self) -> String {
        let sign = if self.0 < 0 { "\u{2212}" } else { "" };
        let abs = self.0.unsigned_abs();
        let kronor = (abs / 100).to_string();
        let ore = abs % 100;
        let mut grouped = String::with_capacity(kronor.len() + kronor.len() / 3 * 2);
        for (i, digit) in kronor.chars().enumerate() {
            if i > 0 && (kronor.len() - i).is_multiple_of(3) {
                grouped.push(GROUP_SEPARATOR);
            }
            grouped.push(digit);
        }
        format!("{sign}{grouped},{ore:02}")
    }
}

impl fmt::Display for Money {
    /// `1 322 870,29 kr`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{GROUP_SEPARATOR}kr", self.format_number())
    }
}

/// Why a text could not be read as an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    #[error("the amount is empty")]
    Empty,
    #[error("'{0}' is not an amount (write e.g. 1 322 870,29)")]
    Invalid(String),
    #[error("an amount has at most two decimals (öre)")]
    TooManyDecimals,
    #[error("the amount is larger than 1 000 000 000 000 kr")]
    TooLarge,
}

impl FromStr for Money {
    type Err = MoneyParseError;

    /// Reads Swedish and plain forms: `1 322 870,29 kr`, `1322870,29`, `1322870.29`, `-500`, `1 000 000 kr`.
    /// Spaces (ordinary, non-breaking, narrow) are digit-group separators; `,` or `.` is the decimal mark.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let trimmed = trimmed.strip_suffix("kr").or_else(|| trimmed.strip_suffix("SEK")).unwrap_or(trimmed).trim();
        if trimmed.is_empty() {
            return Err(MoneyParseError::Empty);
        }
        let invalid = || MoneyParseError::Invalid(text.trim().to_string());
        let (negative, unsigned) = match trimmed.chars().next() {
            Some('-' | '\u{2212}') => (true, trimmed[trimmed.chars().next().unwrap().len_utf8()..].trim_start()),
            _ => (false, trimmed),
        };
        let compact: String = unsigned.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
        let (whole, fraction) = match compact.find([',', '.']) {
            Some(at) => (&compact[..at], &compact[at + 1..]),
            None => (compact.as_str(), ""),
        };
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(invalid());
        }
        if fraction.len() > 2 {
            return Err(MoneyParseError::TooManyDecimals);
        }
        let kronor: i64 = whole.parse().map_err(|_| MoneyParseError::TooLarge)?;
        let ore: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| invalid())? * 10,
            _ => fraction.parse().map_err(|_| invalid())?,
        };
        let total = kronor.checked_mul(100).and_then(|v| v.checked_add(ore)).ok_or(MoneyParseError::TooLarge)?;
        let money = Money(if negative { -total } else { total });
        if !money.within_limit() {
            return Err(MoneyParseError::TooLarge);
        }
        Ok(money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_swedish_style() {
        assert_eq!(Money::from_ore(132_287_029).to_string(), "1\u{a0}322\u{a0}870,29\u{a0}kr");
        assert_eq!(Money::from_ore(5).to_string(), "0,05\u{a0}kr");
        assert_eq!(Money::from_ore(100_000).format_number(), "1\u{a0}000,00");
        assert_eq!(Money::from_ore(-99_950).format_number(), "\u{2212}999,50");
        assert_eq!(Money::ZERO.format_number(), "0,00");
    }

    #[test]
    fn kronor_exactly_as_a_float_and_as_a_papers_text() {
        let amount = Money::from_ore(132_287_029);
        assert_eq!(amount.kronor(), Decimal::new(132_287_029, 2));
        assert_eq!(amount.kronor().to_string(), "1322870.29");
        assert_eq!(amount.kronor_f64(), 1_322_870.29);
        assert_eq!(amount.format_kronor(), "1\u{a0}322\u{a0}870,29");
        assert_eq!(Money::from_kronor(1_500_000).format_kronor(), "1\u{a0}500\u{a0}000", "whole kronor: no ,00");
        assert_eq!(Money::from_ore(-50).format_kronor(), "\u{2212}0,50");
        assert_eq!(Money::from_kronor(-3).format_kronor(), "\u{2212}3");
    }

    #[test]
    fn parses_what_officials_type() {
        let cases = [
            ("1 322 870,29 kr", 132_287_029),
            ("1322870,29", 132_287_029),
            ("1322870.29", 132_287_029),
            ("1\u{a0}000\u{a0}000\u{a0}kr", 100_000_000),
            ("12,5", 1_250),
            ("-500", -50_000),
            ("\u{2212}500,00 kr", -50_000),
            ("0", 0),
        ];
        for (text, ore) in cases {
            assert_eq!(text.parse::<Money>(), Ok(Money::from_ore(ore)), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        assert_eq!("".parse::<Money>(), Err(MoneyParseError::Empty));
        assert_eq!(" kr".parse::<Money>(), Err(MoneyParseError::Empty));
        assert!(matches!("12a".parse::<Money>(), Err(MoneyParseError::Invalid(_))));
        assert!(matches!("1,2,3".parse::<Money>(), Err(MoneyParseError::Invalid(_))));
        assert!(matches!(",50".parse::<Money>(), Err(MoneyParseError::Invalid(_))));
        assert_eq!("1,234".parse::<Money>(), Err(MoneyParseError::TooManyDecimals));
        assert_eq!("99999999999999999999".parse::<Money>(), Err(MoneyParseError::TooLarge));
        // Within i64 öre, but beyond the limit: refused, never wrapped or capped.
        assert_eq!("90 000 000 000 000 000".parse::<Money>(), Err(MoneyParseError::TooLarge));
        assert_eq!("1 000 000 000 000,01".parse::<Money>(), Err(MoneyParseError::TooLarge));
        assert_eq!("-1 000 000 000 000".parse::<Money>(), Ok(Money::from_ore(-Money::LIMIT.ore())));
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse_is_identity(ore in -1_000_000_000_000i64..1_000_000_000_000i64) {
            let money = Money::from_ore(ore);
            proptest::prop_assert_eq!(money.to_string().parse::<Money>(), Ok(money));
        }
    }
}
