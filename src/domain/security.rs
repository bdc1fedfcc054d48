//! Information security classification: confidentiality, integrity and availability (K/R/T), 0–4.
//!
//! Scales vary between organisations, so a classification stores the label it was given as well as the number.
//! The portfolio holds the scale in use (table `security_scale`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::validation::{MAX_NAME, Problems, Rule};

/// Highest level of the scale.
pub const MAX_SECURITY_LEVEL: u8 = 4;

/// One classified aspect: the level and the label it had when it was set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityLevel {
    /// 0 (negligible) to 4 (very serious).
    pub level: u8,
    pub label: String,
}

/// K/R/T. A missing aspect has not been classified yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Konfidentialitet.
    pub confidentiality: Option<SecurityLevel>,
    /// Riktighet.
    pub integrity: Option<SecurityLevel>,
    /// Tillgänglighet.
    pub availability: Option<SecurityLevel>,
}

impl Security {
    /// The three aspects with their field keys, K, R, T.
    pub fn aspects(&self) -> [(&'static str, &Option<SecurityLevel>); 3] {
        [
            ("confidentiality", &self.confidentiality),
            ("integrity", &self.integrity),
            ("availability", &self.availability),
        ]
    }

    pub fn check(&self, problems: &mut Problems) {
        for (field, aspect) in self.aspects() {
            if let Some(level) = aspect {
                if level.level > MAX_SECURITY_LEVEL {
                    problems
                        .add(format!("security.{field}"), Rule::OutOfRange { min: 0, max: MAX_SECURITY_LEVEL.into() });
                }
                problems.text(&format!("security.{field}.label"), &level.label, true, MAX_NAME);
            }
        }
    }

    /// `K2 R3 T1`, with `–` for what is not classified.
    pub fn short(&self) -> String {
        let part = |letter: char, aspect: &Option<SecurityLevel>| match aspect {
            Some(l) => format!("{letter}{}", l.level),
            None => format!("{letter}–"),
        };
        format!("{} {} {}", part('K', &self.confidentiality), part('R', &self.integrity), part('T', &self.availability))
    }

    /// For the change history: `K2 Betydande, R3 Allvarlig, T–`.
    pub fn describe(&self) -> String {
        let part = |letter: char, aspect: &Option<SecurityLevel>| match aspect {
            Some(l) => format!("{letter}{} {}", l.level, l.label),
            None => format!("{letter}–"),
        };
        format!(
            "{}, {}, {}",
            part('K', &self.confidentiality),
            part('R', &self.integrity),
            part('T', &self.availability)
        )
    }
}
