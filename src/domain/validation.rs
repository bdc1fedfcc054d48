//! Validation results that name the field and the broken rule with a stable code.
//!
//! The engine reports *what* is wrong in codes; the CLI prints the English message and the UI maps the codes to
//! Swedish text next to the field.

use std::fmt;

use serde::Serialize;

use super::{DeviationStep, Language, Requirement, ServiceCategory, Track};

/// A broken rule. The `code` is stable and is what the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::VariantNames)]
#[serde(tag = "code", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Rule {
    /// The field must have a value.
    Required,
    /// Text longer than `max` characters.
    TooLong { max: usize },
    /// The value does not have the expected form; `expected` shows an example.
    Format { expected: String },
    /// A number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// Another record already has this value.
    Duplicate,
    /// The referenced record does not exist.
    UnknownReference,
    /// A record cannot reference itself, directly or through others.
    Cycle,
    /// The value is not allowed together with another field's value, for a typed reason (its key and
    /// parameters are flattened beside `code`: `{"code": "not_allowed", "reason": "zero_total_volume", "year": 2027}`).
    NotAllowed {
        #[serde(flatten)]
        reason: Reason,
    },
    /// The same item is listed twice.
    Repeated,
    /// An amount must not be negative.
    Negative,
    /// An amount beyond [`crate::Money::LIMIT`] (10¹² kr), or a volume beyond the funding comparison's limit.
    TooLarge,
    /// Text with a control character or an invisible one (zero-width, byte-order mark, a direction override) that
    /// would reach papers and sheets unseen: `character` is its code point, `U+200B`.
    HiddenCharacter { character: String },
}

impl Rule {
    /// The rule broken, as said after the field's name (`Titel måste fyllas i`, `title is required`): the one text
    /// of each rule for the CLI (in English, through `Display`) and for the problems of a spreadsheet import (in the
    /// language asked for). The UI shows its own texts for the codes, phrased for a message beside the field.
    pub fn text(&self, language: Language) -> String {
        let sv = language == Language::Sv;
        match self {
            Rule::Required if sv => "måste fyllas i".into(),
            Rule::Required => "is required".into(),
            Rule::TooLong { max } if sv => format!("är längre än {max} tecken"),
            Rule::TooLong { max } => format!("is longer than {max} characters"),
            Rule::Format { expected } if sv => format!("har fel form (t.ex. {expected})"),
            Rule::Format { expected } => format!("has the wrong form (expected e.g. {expected})"),
            Rule::OutOfRange { min, max } if sv => format!("ska vara mellan {min} och {max}"),
            Rule::OutOfRange { min, max } => format!("must be between {min} and {max}"),
            Rule::Duplicate if sv => "används redan av en annan post".into(),
            Rule::Duplicate => "is already used by another record".into(),
            Rule::UnknownReference if sv => "hänvisar till något som inte finns".into(),
            Rule::UnknownReference => "refers to a record that does not exist".into(),
            Rule::Cycle if sv => "hänvisar i en ring till sig själv".into(),
            Rule::Cycle => "would make a record its own ancestor".into(),
            // Riktlinjen, "Realisera och följa upp nytta och effekter": the customer realises the benefits.
            Rule::NotAllowed { reason: Reason::OwnerOnCustomerSide } if sv => {
                "ska vara initiativets ägare eller en av dess kunder (nyttoägaren finns på kundsidan)".into()
            }
            Rule::NotAllowed { reason: Reason::BenefitOwnerOnCustomerSide } if sv => {
                "skulle lämna ägaren av en av initiativets nyttor utanför kundsidan (byt nyttoägare först, eller behåll \
                 organisationen som kund)"
                    .into()
            }
            // Riktlinjen, "Realisera och följa upp nytta och effekter": the provider delivers, the customer owns
            // and realises the benefit.
            Rule::NotAllowed { reason: Reason::OwnerIsTheProvider } if sv => {
                "får inte vara den levererande leverantörens organisation (nyttoägaren finns på kundsidan)".into()
            }
            Rule::NotAllowed { reason: Reason::BenefitOwnerIsTheProvider } if sv => {
                "skulle göra ägaren av en av initiativets nyttor till leverantörens organisation (byt nyttoägare \
                 först)"
                    .into()
            }
            // Riktlinjen, "uppfyllande av lag- och säkerhetskrav framgå".
            Rule::NotAllowed { reason: Reason::LawsOrNoLegalRequirement } if sv => {
                "kan inte anges samtidigt som lagar: ange lagarna som gäller eller att inget särskilt lagkrav finns".into()
            }
            // Riktlinjen, "Tjänster och förändringsinsatser": the catalogue holds no business-specific services.
            Rule::NotAllowed { reason: Reason::NotInCatalogue } if sv => {
                "kan inte vara verksamhetsspecifik: verksamhetsspecifika system och tjänster är nämndens egna, inom \
                 egen budget, inte en leverantörs katalogtjänster (drift av ett sådant system är tilläggstjänsten \
                 ”Drift av verksamhetsspecifika system”)"
                    .into()
            }
            Rule::NotAllowed { reason: Reason::GrantForBaseByPractice } if sv => {
                "kommunbidrag för en bastjänst är avstängt i stadens rutin (Parametrar)".into()
            }
            // Riktlinjen, the table in "Tjänster och förändringsinsatser": verksamhetsspecifika "Inom egen budget".
            Rule::NotAllowed { reason: Reason::OutcomeOfOwnBudget } if sv => {
                "kan inte vara ett verksamhetsspecifikt initiativ: det finansieras och följs upp inom nämndens egen \
                 budget, inte mot samordningsgruppens ramar"
                    .into()
            }
            Rule::NotAllowed { reason: Reason::HasActualOutcomes } if sv => {
                "kan inte bli verksamhetsspecifikt: utfall är registrerade för initiativet mot samordningsgruppens \
                 ramar (ta bort dem först)"
                    .into()
            }
            Rule::NotAllowed { reason: Reason::ValuationWithoutSet } if sv => {
                "kräver att mötet har en kriterieuppsättning att värdera med (välj den först)".into()
            }
            Rule::NotAllowed { reason: Reason::OneValuationPerMeeting } if sv => {
                "finns redan: ett annat ärende på dagordningen är mötets värdering".into()
            }
            // Riktlinjen, "Prioritering och beslut": what the yearly analysis holds (see `YearlyAnalysis::content_problems`).
            Rule::NotAllowed { reason: Reason::ListedOrNone } if sv => {
                "saknas: ange minst en, eller markera att det inte finns några".into()
            }
            Rule::NotAllowed { reason: Reason::NoneButListed } if sv => {
                "kan inte markeras när listan har poster: ta bort posterna eller markeringen".into()
            }
            Rule::NotAllowed { reason: Reason::NoLevelFor { service } } if sv => {
                format!("saknar nivå (K, R och T) för leverantörens tjänst {service}")
            }
            Rule::NotAllowed { reason: Reason::ZeroTotalVolume { year } } if sv => {
                format!("prognosen för {year} är 0 för alla kunder: ange kundernas volymer det året")
            }
            Rule::NotAllowed { reason: Reason::ServiceOfAnotherProvider } if sv => {
                "gäller en tjänst som nu hör till en annan leverantör (ta bort tjänsten ur analysen eller behåll \
                 leverantören)"
                    .into()
            }
            Rule::NotAllowed { reason: Reason::ServiceOfAnotherProvider } => {
                "names a service that now belongs to another provider (take the service out of the analysis, or keep \
                 the provider)"
                    .into()
            }
            Rule::NotAllowed { reason: Reason::ShortfallsOnlyWhenNotMet } if sv => {
                "anges bara när tjänsten inte uppfyller grundsäkerhetsnivån".into()
            }
            Rule::NotAllowed { reason: Reason::NotAssessedAgainstBaseline } if sv => {
                "anges bara när tjänsten är bedömd mot grundsäkerhetsnivån".into()
            }
            // Riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen".
            Rule::NotAllowed { reason: Reason::BoardNotCustomer { administration } } if sv => {
                format!("kan inte vara en nämnd: kunder är förvaltningar och bolag; välj nämndens förvaltning, {administration}")
            }
            Rule::NotAllowed { reason: Reason::BoardNotCustomerNoAdministration } if sv => {
                "kan inte vara en nämnd: kunder är förvaltningar och bolag; lägg upp nämndens förvaltning (en \
                 organisation av slaget förvaltning som hör till nämnden) och välj den"
                    .into()
            }
            // Riktlinjen, "Avsteg från riktlinjen": "Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg".
            Rule::NotAllowed { reason: Reason::NotItsDecider { decider } } if sv => {
                format!(
                    "ska vara nämnden för förvaltningen som motiverar avsteget, eller bolagets egen styrelse: {decider}"
                )
            }
            Rule::NotAllowed { reason: Reason::AdministrationWithoutBoard } if sv => {
                "saknas: förvaltningen har ingen nämnd angiven (ange vilken nämnd den hör till under Organisationer)"
                    .into()
            }
            Rule::NotAllowed { reason: Reason::ParentOfAdministration } if sv => {
                "ska vara en nämnd: en förvaltning hör till sin nämnd".into()
            }
            Rule::NotAllowed { reason: Reason::StillACustomer { of } } if sv => {
                format!("kan inte bli nämnd: organisationen är kund ({of}), och kunder är förvaltningar och bolag")
            }
            Rule::NotAllowed { reason: Reason::HasAdministrations { administration } } if sv => {
                format!("kan inte ändras: förvaltningar hör till nämnden ({administration})")
            }
            Rule::NotAllowed { reason: Reason::DecidedByItsBoard { deviation } } if sv => {
                format!("kan inte ändras: avsteget ”{deviation}” är beslutat av nuvarande nämnd eller styrelse")
            }
            Rule::NotAllowed { reason } if sv => format!("är inte tillåtet här ({})", reason.key().replace('_', " ")),
            Rule::NotAllowed { reason } => format!("is not allowed: {reason}"),
            Rule::Repeated if sv => "står två gånger".into(),
            Rule::Repeated => "lists the same item twice".into(),
            Rule::Negative if sv => "får inte vara negativt".into(),
            Rule::Negative => "must not be negative".into(),
            Rule::TooLarge if sv => "är större än 1 000 000 000 000".into(),
            Rule::TooLarge => "is larger than 1 000 000 000 000".into(),
            Rule::HiddenCharacter { character } if sv => {
                format!("innehåller ett osynligt tecken eller styrtecken ({character}); ta bort det")
            }
            Rule::HiddenCharacter { character } => {
                format!("holds an invisible or control character ({character}); remove it")
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Language::En))
    }
}

/// Why a value is not allowed. The key (`reason`) is stable and is what the UI translates; the parameters are
/// typed, never packed into the key. `Display` is the English text the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::VariantNames, thiserror::Error)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Reason {
    #[error("the benefit owner must be on the customer side (the initiative's owner or one of its customers)")]
    OwnerOnCustomerSide,
    #[error("one of the initiative's benefits is owned by that organisation, which must stay on the customer side")]
    BenefitOwnerOnCustomerSide,
    #[error("the benefit owner cannot be the organisation of the provider that delivers the initiative")]
    OwnerIsTheProvider,
    #[error("the organisation owns one of the initiative's benefits and cannot be the delivering provider's")]
    BenefitOwnerIsTheProvider,
    #[error("give the laws that apply or say that no specific legal requirement applies, not both")]
    LawsOrNoLegalRequirement,
    #[error("an agenda item with a decision cannot be removed")]
    ItemHasDecision,
    #[error("an opt-out can only be made from a mandatory base service")]
    OptOutOnlyFromBase,
    #[error("an opt-out from a service is made by one of its customers")]
    OptOutOnlyByCustomer,
    #[error("a criterion that has scores or comparisons cannot be removed")]
    CriterionHasScores,
    #[error("a gate that has results cannot be removed")]
    GateHasResults,
    #[error("it belongs to either an initiative or a service")]
    InitiativeOrService,
    #[error(
        "an agenda item is about one thing: an initiative or a service, a deviation, or a scenario's budget material"
    )]
    OneSubjectPerItem,
    #[error("the meeting has no criteria set to value: choose the meeting's criteria set first")]
    ValuationWithoutSet,
    #[error("the meeting values its criteria set once: another agenda item is already the valuation")]
    OneValuationPerMeeting,
    #[error("the years must follow each other")]
    YearsMustFollowEachOther,
    #[error("the years must be ascending without repeats")]
    YearsAscending,
    #[error("it has {found} years but there are {expected}")]
    YearCount { found: usize, expected: usize },
    #[error("give one volume per year")]
    OneVolumePerYear,
    #[error("the total forecast volume in {year} is zero")]
    ZeroTotalVolume { year: i32 },
    #[error("the total actual volume in {year} is zero")]
    ZeroActualVolume { year: i32 },
    #[error("a rate must be at least 0 and below 1 (0.025 is 2.5 %)")]
    RateBelowOne,
    #[error("no rate is given and the parameters have no internal rate for {year} or earlier")]
    NoRateInForce { year: i32 },
    #[error("a rate must be greater than -1 (0.025 is 2.5 %)")]
    RateAboveMinusOne,
    #[error("give at least two flows (flow 0 today, then one per year)")]
    TooFewFlows,
    #[error("a security weakness is registered as a deviation, not as an opt-out")]
    SecurityIsADeviation,
    #[error("only an opt-out has an outcome")]
    OutcomeOfOptOut,
    #[error("the steps follow the guideline's order (next: {})", .expected.map_or("none", |s| s.key()))]
    StepOrder { expected: Option<DeviationStep> },
    #[error("a step cannot be dated before the step before it")]
    StepBeforePrevious,
    #[error("the period cannot end before it starts")]
    PeriodEndsBeforeItStarts,
    #[error("every level of the scale needs one description")]
    OneAnchorPerLevel,
    #[error("only one criterion can measure risk")]
    OneRiskCriterion,
    #[error("at least one criterion needs a weight above zero")]
    WeightsSumToZero,
    #[error("a logo is PNG or JPEG")]
    LogoType,
    #[error("the target date must come after the baseline's date")]
    TargetAfterBaseline,
    #[error("the values must be low ≤ base ≤ high")]
    LowBaseHigh,
    #[error("an initiative cannot be both forced in and out")]
    BothForcedInAndOut,
    #[error("an initiative cannot require itself")]
    RequiresItself,
    #[error("an initiative cannot exclude itself")]
    ExcludesItself,
    #[error("a criterion cannot be compared with itself")]
    CriterionAgainstItself,
    #[error("an attachment is PDF, PNG or JPEG")]
    AttachmentType,
    #[error("the file cannot be used as an attachment (unreadable, encrypted or empty PDF, or not PNG or JPEG)")]
    AttachmentContent,
    #[error("the state is not on the {track} track")]
    NotOnTrack { track: Track },
    #[error("business-specific initiatives are funded within their own budget")]
    BusinessSpecificUsesOwnBudget,
    #[error("a service in operation keeps {requirement} in the catalogue")]
    RequiredInOperation { requirement: Requirement },
    #[error(
        "the group values shared initiatives and services; a business-specific initiative is valued by its own board"
    )]
    SetHoldsSharedOnly,
    #[error(
        "an initiative enters a criteria set once its material is submitted for preparation (Inlämnad till beredning)"
    )]
    SetNeedsSubmitted,
    #[error("a finished, not prioritised, not funded or stopped initiative does not enter a criteria set")]
    SetNotForFinished,
    #[error("the initiative is valued in a criteria set, which holds shared initiatives only")]
    InCriteriaSetStaysShared,
    #[error("shared initiatives cannot be funded within their own budget")]
    SharedNeedsSharedFunding,
    #[error("the guideline does not allow that funding model for the service's category ({category})")]
    NotForCategory { category: ServiceCategory },
    #[error("a service that handles no information has no classification")]
    ClassifiedWithoutInformation,
    #[error("a service that handles no information cannot process personal data")]
    PersonalDataWithoutInformation,
    #[error("the shortfalls against the baseline are named only when the service does not meet it")]
    ShortfallsOnlyWhenNotMet,
    #[error("a service not assessed against the baseline has no date or assessor of the assessment")]
    NotAssessedAgainstBaseline,
    #[error("an analysis cannot be presented before it was submitted")]
    PresentedBeforeSubmitted,
    #[error("the service belongs to another provider")]
    ServiceOfAnotherProvider,
    #[error("list at least one, or say that there are none")]
    ListedOrNone,
    #[error("say that there are none only when none is listed")]
    NoneButListed,
    #[error("the provider's service {service} needs its level (K, R and T)")]
    NoLevelFor { service: String },
    #[error("an opt-out is from exactly one base service or one of the required frameworks")]
    ServiceOrFramework,
    #[error("only an opt-out can be from a framework; a deviation concerns a service")]
    FrameworkOnlyForOptOut,
    #[error(
        "a business-specific system or service is the board's own, within its own budget, not a catalogue service \
         (a provider operating one offers the additional service \"Drift av verksamhetsspecifika system\")"
    )]
    NotInCatalogue,
    #[error(
        "the city's practice (Stadens rutin, in the parameters) does not allow a municipal grant for a base service"
    )]
    GrantForBaseByPractice,
    #[error(
        "a business-specific initiative is funded and followed up within its board's own budget, not against the \
         group's frames: it has no actual outcome here"
    )]
    OutcomeOfOwnBudget,
    #[error(
        "actual outcomes are recorded for the initiative against the group's frames: delete them before it becomes \
         business-specific"
    )]
    HasActualOutcomes,
    #[error(
        "a nämnd is not a customer: customers are förvaltningar and bolag; choose its förvaltning, {administration}"
    )]
    BoardNotCustomer { administration: String },
    #[error(
        "a nämnd is not a customer: customers are förvaltningar and bolag; record the nämnd's förvaltning (an \
         organisation of the kind förvaltning belonging to it) and choose that"
    )]
    BoardNotCustomerNoAdministration,
    #[error(
        "an avsteg is decided by the nämnd of the förvaltning that motivates it, or by the bolag's own board: {decider}"
    )]
    NotItsDecider { decider: String },
    #[error("the förvaltning has no nämnd recorded: record the nämnd it belongs to first")]
    AdministrationWithoutBoard,
    #[error("a förvaltning belongs to a nämnd: its parent must be a nämnd")]
    ParentOfAdministration,
    #[error("it is a customer ({of}): a customer is a förvaltning or a bolag, never a nämnd")]
    StillACustomer { of: String },
    #[error("förvaltningar belong to it ({administration}): it stays a nämnd while they do")]
    HasAdministrations { administration: String },
    #[error("its avsteg \"{deviation}\" was decided by its present nämnd or board, which this would change")]
    DecidedByItsBoard { deviation: String },
}

impl Reason {
    /// The stable key (`zero_total_volume`).
    pub fn key(&self) -> &'static str {
        self.into()
    }
}

/// The first character of `text` that a reader of a paper or a sheet would not see: a control character other
/// than a line break or a tab (C0, DEL, C1), or a format character that is invisible or turns the direction of
/// the text (zero-width space and joiners, the byte-order mark, word joiners, the bidirectional embeddings,
/// overrides and isolates, which can make a printed name read otherwise than it is stored).
pub fn hidden_character(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t' && c != '\r')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
            || matches!(c, '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
    })
}

/// One broken rule on one field. `field` is the field's key, with an index for list items (`costs[2].year`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub rule: Rule,
}

/// All the problems found in one record, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, rule: Rule) {
        self.0.push(FieldError { field: field.into(), rule });
    }

    /// Checks a required, length-limited text without hidden characters ([`hidden_character`]).
    pub fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        if required && value.trim().is_empty() {
            self.add(field, Rule::Required);
        } else if value.chars().count() > max {
            self.add(field, Rule::TooLong { max });
        } else if let Some(c) = hidden_character(value) {
            self.add(field, Rule::HiddenCharacter { character: format!("U+{:04X}", u32::from(c)) });
        }
    }

    /// Checks an amount that must not be negative nor beyond [`crate::Money::LIMIT`]; `None` is no amount.
    pub fn amount(&mut self, field: impl Into<String>, amount: Option<crate::Money>) {
        match amount {
            Some(a) if a.is_negative() => self.add(field, Rule::Negative),
            Some(a) if !a.within_limit() => self.add(field, Rule::TooLarge),
            _ => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// `Ok(())` when nothing was found.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{} {}", e.field, e.rule)?;
        }
        Ok(())
    }
}

/// Longest title or name accepted.
pub const MAX_NAME: usize = 200;
/// Longest free text accepted (descriptions, plans).
pub const MAX_TEXT: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_text_in_both_languages_and_the_cli_prints_the_english_one() {
        let rules = [
            Rule::Required,
            Rule::TooLong { max: 200 },
            Rule::Format { expected: "2026-11-02".into() },
            Rule::OutOfRange { min: 0, max: 4 },
            Rule::Duplicate,
            Rule::UnknownReference,
            Rule::Cycle,
            Rule::NotAllowed { reason: Reason::OwnerOnCustomerSide },
            Rule::Repeated,
            Rule::Negative,
            Rule::TooLarge,
            Rule::HiddenCharacter { character: "U+200B".into() },
        ];
        let codes: Vec<&str> = rules.iter().map(|r| r.into()).collect();
        assert_eq!(codes, <Rule as strum::VariantNames>::VARIANTS, "one of each rule");
        for rule in &rules {
            let (sv, en) = (rule.text(Language::Sv), rule.text(Language::En));
            assert!(!sv.is_empty() && sv != en, "{rule:?}: {sv} / {en}");
            assert_eq!(rule.to_string(), en, "the CLI prints the English text");
        }
        assert_eq!(Rule::TooLong { max: 200 }.text(Language::Sv), "är längre än 200 tecken");
        let reason = Rule::NotAllowed { reason: Reason::StepBeforePrevious };
        assert_eq!(reason.text(Language::Sv), "är inte tillåtet här (step before previous)");
        assert_eq!(reason.text(Language::En), "is not allowed: a step cannot be dated before the step before it");
    }

    #[test]
    fn hidden_and_control_characters_are_named_and_ordinary_text_passes() {
        let check = |text: &str| {
            let mut problems = Problems::new();
            problems.text("name", text, true, 200);
            problems.errors().first().map(|e| e.rule.clone())
        };
        assert_eq!(check("Öppna data – Göteborg (KF § 12)\nrad två\tflik"), None);
        for (text, code) in [
            ("E-arkiv\u{200B}", "U+200B"),
            ("\u{202E}anitsnärpsläh", "U+202E"),
            ("Klocka\u{0007}", "U+0007"),
            ("\u{FEFF}Namn", "U+FEFF"),
            ("Noll\u{0000}", "U+0000"),
            ("C1\u{0085}", "U+0085"),
            ("Isolat\u{2066}", "U+2066"),
        ] {
            assert_eq!(check(text), Some(Rule::HiddenCharacter { character: code.into() }), "{text:?}");
        }
    }
}
