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

/// The city's baseline level (grundsäkerhetsnivå) for one year: the least level of each aspect a shared service
/// must meet. Riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": "De gemensamma tjänsterna ska
/// minst uppfylla stadens grundsäkerhetsnivå, se Göteborgs Stads riktlinje för informationssäkerhet." A yearly
/// parameter (`YearParameters::security_baseline`), since the information security guideline can change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityBaseline {
    /// Konfidentialitet, 0–4.
    pub confidentiality: u8,
    /// Riktighet, 0–4.
    pub integrity: u8,
    /// Tillgänglighet, 0–4.
    pub availability: u8,
}

impl SecurityBaseline {
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

/// How a service stands against the baseline of a year. Riktlinjen, "Nämnder med särskilt ansvar för gemensamma
/// tjänster": the shared services "ska minst uppfylla stadens grundsäkerhetsnivå", and the provider follows up
/// "att beslutad säkerhetsnivå uppfylls" and reports "följsamheten" yearly. A service below the baseline is
/// therefore shown and reported, not refused: the guideline asks the provider to report a shortfall ("direkt
/// rapportera nyupptäckta avvikelser mot säkerhetskrav"), which presumes it can be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Compliance {
    /// Every aspect is at least the baseline's level.
    Meets,
    /// Classified, but these aspects (field keys) are below the baseline.
    Below { aspects: Vec<String> },
    /// One or more aspects are not classified.
    NotClassified,
    /// The service says it handles no information (a consultant service, for example): nothing to classify.
    NoInformation,
    /// Classified, but the parameters give no baseline for the year or any earlier year.
    NoBaseline,
}

impl Compliance {
    /// The compliance of a service classified `security` (or handling no information) against `baseline`.
    pub fn of(security: &Security, handles_no_information: bool, baseline: Option<&SecurityBaseline>) -> Compliance {
        if handles_no_information {
            return Compliance::NoInformation;
        }
        let levels: Vec<(&'static str, u8)> = security
            .aspects()
            .iter()
            .filter_map(|(field, aspect)| aspect.as_ref().map(|l| (*field, l.level)))
            .collect();
        if levels.len() < 3 {
            return Compliance::NotClassified;
        }
        let Some(baseline) = baseline else { return Compliance::NoBaseline };
        let below: Vec<String> = levels
            .iter()
            .zip(baseline.aspects())
            .filter(|((_, level), (_, least))| level < least)
            .map(|((field, _), _)| (*field).to_string())
            .collect();
        if below.is_empty() { Compliance::Meets } else { Compliance::Below { aspects: below } }
    }

    /// Whether the service is as the guideline asks: meets the baseline or handles no information.
    pub fn is_met(&self) -> bool {
        matches!(self, Compliance::Meets | Compliance::NoInformation)
    }

    /// In words, for papers and the CLI: `uppfyller grundsäkerhetsnivån (K2 R2 T2)`, `under grundsäkerhetsnivån i
    /// konfidentialitet` …
    pub fn describe(&self, baseline: Option<&SecurityBaseline>, language: super::Language) -> String {
        let sv = language == super::Language::Sv;
        let level = baseline.map(|b| format!(" ({})", b.short())).unwrap_or_default();
        match self {
            Compliance::Meets if sv => format!("uppfyller grundsäkerhetsnivån{level}"),
            Compliance::Meets => format!("meets the baseline{level}"),
            Compliance::Below { aspects } => {
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
                    format!("under grundsäkerhetsnivån{level} i {}", names.join(", "))
                } else {
                    format!("below the baseline{level} in {}", names.join(", "))
                }
            }
            Compliance::NotClassified if sv => "inte klassad".into(),
            Compliance::NotClassified => "not classified".into(),
            Compliance::NoInformation if sv => "hanterar ingen information".into(),
            Compliance::NoInformation => "handles no information".into(),
            Compliance::NoBaseline if sv => "ingen grundsäkerhetsnivå angiven för året".into(),
            Compliance::NoBaseline => "no baseline given for the year".into(),
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
    fn a_service_meets_the_baseline_only_when_every_aspect_reaches_it() {
        let baseline = SecurityBaseline { confidentiality: 2, integrity: 2, availability: 1 };
        assert_eq!(Compliance::of(&classified(2, 3, 1), false, Some(&baseline)), Compliance::Meets);
        assert_eq!(
            Compliance::of(&classified(1, 2, 0), false, Some(&baseline)),
            Compliance::Below { aspects: vec!["confidentiality".into(), "availability".into()] }
        );
        let half = Security { integrity: None, ..classified(3, 3, 3) };
        assert_eq!(Compliance::of(&half, false, Some(&baseline)), Compliance::NotClassified);
        assert_eq!(Compliance::of(&Security::default(), true, Some(&baseline)), Compliance::NoInformation);
        assert_eq!(Compliance::of(&classified(4, 4, 4), false, None), Compliance::NoBaseline);
        assert!(!Compliance::of(&classified(1, 2, 0), false, Some(&baseline)).is_met());
        assert_eq!(
            Compliance::of(&classified(1, 2, 0), false, Some(&baseline))
                .describe(Some(&baseline), super::super::Language::Sv),
            "under grundsäkerhetsnivån (K2 R2 T1) i konfidentialitet, tillgänglighet"
        );
    }
}
