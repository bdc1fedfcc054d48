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

/// The least K/R/T classification a shared service is expected to have in a year: the city's practice (*Stadens
/// rutin*), not the guideline's. The guideline's *grundsäkerhetsnivå* is the city's baseline of safeguards, decided in
/// its information security guideline and met (or not) whatever a service's classification; each service records
/// its own assessment against it (`Service::baseline`). A city that also wants a least classification sets it here,
/// per year (`YearParameters::least_classification`); by default none is set, and nothing is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeastClassification {
    /// Konfidentialitet, 0–4.
    pub confidentiality: u8,
    /// Riktighet, 0–4.
    pub integrity: u8,
    /// Tillgänglighet, 0–4.
    pub availability: u8,
}

impl LeastClassification {
    /// The three levels with their field keys, K, R, T.
    pub fn aspects(&self) -> [(&'static str, u8); 3] {
        [("confidentiality", self.confidentiality), ("integrity", self.integrity), ("availability", self.availability)]
    }

    pub fn check(&self, prefix: &str, problems: &mut Problems) {
        for (field, level) in self.aspects() {
            if level > MAX_SECURITY_LEVEL {
                problems.add(format!("{prefix}.{field}"), Rule::OutOfRange { min: 0, max: MAX_SECURITY_LEVEL.into() });
            }
        }
    }

    /// `K2 R2 T2`.
    pub fn short(&self) -> String {
        format!("K{} R{} T{}", self.confidentiality, self.integrity, self.availability)
    }
}

/// How a service's K/R/T classification stands against the least classification of the city's practice in a year
/// ([`LeastClassification`]). Shown and reported, never refused, and never called the guideline's baseline: whether
/// a service meets the baseline (grundsäkerhetsnivå) is its recorded assessment, apart from this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ClassificationCheck {
    /// Every aspect is at least the practice's level.
    AtLeast,
    /// Classified, but these aspects (field keys) are below the practice's level.
    Below { aspects: Vec<String> },
    /// One or more aspects are not classified.
    NotClassified,
    /// The service says it handles no information (a consultant service, for example): nothing to classify.
    NoInformation,
    /// The city's practice sets no least classification for the year or any earlier year.
    NoMinimum,
}

impl ClassificationCheck {
    /// The classification `security` of a service (or that it handles no information) against `least`.
    pub fn of(
        security: &Security,
        handles_no_information: bool,
        least: Option<&LeastClassification>,
    ) -> ClassificationCheck {
        if handles_no_information {
            return ClassificationCheck::NoInformation;
        }
        let levels: Vec<(&'static str, u8)> = security
            .aspects()
            .iter()
            .filter_map(|(field, aspect)| aspect.as_ref().map(|l| (*field, l.level)))
            .collect();
        if levels.len() < 3 {
            return ClassificationCheck::NotClassified;
        }
        let Some(least) = least else { return ClassificationCheck::NoMinimum };
        let below: Vec<String> = levels
            .iter()
            .zip(least.aspects())
            .filter(|((_, level), (_, lowest))| level < lowest)
            .map(|((field, _), _)| (*field).to_string())
            .collect();
        if below.is_empty() { ClassificationCheck::AtLeast } else { ClassificationCheck::Below { aspects: below } }
    }

    /// In words, for papers: `når lägsta klassning (K1 R2 T2)`, `under lägsta klassning (K1 R2 T2) i riktighet` …
    /// The caller names the practice (*Stadens rutin*) in the heading or sentence around it.
    pub fn describe(&self, least: Option<&LeastClassification>, language: super::Language) -> String {
        let sv = language == super::Language::Sv;
        let level = least.map(|b| format!(" ({})", b.short())).unwrap_or_default();
        match self {
            ClassificationCheck::AtLeast if sv => format!("når lägsta klassning{level}"),
            ClassificationCheck::AtLeast => format!("reaches the least classification{level}"),
            ClassificationCheck::Below { aspects } => {
                let names: Vec<&str> = aspects
                    .iter()
                    .map(|a| match (a.as_str(), sv) {
                        ("confidentiality", true) => "konfidentialitet",
                        ("integrity", true) => "riktighet",
                        ("availability", true) => "tillgänglighet",
                        ("confidentiality", false) => "confidentiality",
                        ("integrity", false) => "integrity",
                        (_, _) => "availability",
                    })
                    .collect();
                if sv {
                    format!("under lägsta klassning{level} i {}", names.join(", "))
                } else {
                    format!("below the least classification{level} in {}", names.join(", "))
                }
            }
            ClassificationCheck::NotClassified if sv => "inte klassad".into(),
            ClassificationCheck::NotClassified => "not classified".into(),
            ClassificationCheck::NoInformation if sv => "hanterar ingen information".into(),
            ClassificationCheck::NoInformation => "handles no information".into(),
            ClassificationCheck::NoMinimum if sv => "ingen lägsta klassning angiven för året".into(),
            ClassificationCheck::NoMinimum => "no least classification given for the year".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classified(k: u8, r: u8, t: u8) -> Security {
        let level = |level| Some(SecurityLevel { level, label: format!("nivå {level}") });
        Security { confidentiality: level(k), integrity: level(r), availability: level(t) }
    }

    #[test]
    fn a_classification_reaches_the_practices_least_one_only_when_every_aspect_does() {
        let least = LeastClassification { confidentiality: 2, integrity: 2, availability: 1 };
        assert_eq!(ClassificationCheck::of(&classified(2, 3, 1), false, Some(&least)), ClassificationCheck::AtLeast);
        assert_eq!(
            ClassificationCheck::of(&classified(1, 2, 0), false, Some(&least)),
            ClassificationCheck::Below { aspects: vec!["confidentiality".into(), "availability".into()] }
        );
        let half = Security { integrity: None, ..classified(3, 3, 3) };
        assert_eq!(ClassificationCheck::of(&half, false, Some(&least)), ClassificationCheck::NotClassified);
        assert_eq!(
            ClassificationCheck::of(&Security::default(), true, Some(&least)),
            ClassificationCheck::NoInformation
        );
        assert_eq!(ClassificationCheck::of(&classified(4, 4, 4), false, None), ClassificationCheck::NoMinimum);
        assert_eq!(
            ClassificationCheck::of(&classified(1, 2, 0), false, Some(&least))
                .describe(Some(&least), super::super::Language::Sv),
            "under lägsta klassning (K2 R2 T1) i konfidentialitet, tillgänglighet"
        );
    }
}
