//! The closed lists of the domain (kinds, categories, states, laws …) with their stored keys and their labels in
//! Swedish and English. One definition serves the database, the JSON format, the CLI, the documents and the UI
//! (which receives the labels from the engine instead of keeping its own copy).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The languages the app and its documents speak. Swedish first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Sv,
    En,
}

/// One entry of a closed list as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub key: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

impl Term {
    pub fn label(&self, language: Language) -> &'static str {
        if language == Language::Sv { self.sv } else { self.en }
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal, $sv:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every value, in the order the UI lists them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable key used in the database and in JSON.
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key),+ }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some(Self::$variant),)+ _ => None }
            }

            pub fn label(self, language: Language) -> &'static str {
                match (self, language) {
                    $((Self::$variant, Language::Sv) => $sv, (Self::$variant, Language::En) => $en,)+
                }
            }

            pub fn terms() -> Vec<Term> {
                vec![$(Term { key: $key, sv: $sv, en: $en }),+]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label(Language::En))
            }
        }
    };
}

vocabulary! {
    /// What kind of organisation in the city group.
    OrganisationKind {
        Board = "namnd", "Nämnd", "Board";
        CompanyWhollyOwned = "bolag_helagt", "Helägt bolag", "Wholly owned company";
        CompanyMajorityOwned = "bolag_majoritetsagt", "Majoritetsägt bolag", "Majority owned company";
        Administration = "forvaltning", "Förvaltning", "Administration";
    }
}

impl OrganisationKind {
    /// City-owned companies are separate legal entities: never grant funded, always invoiced.
    pub fn is_company(self) -> bool {
        matches!(self, Self::CompanyWhollyOwned | Self::CompanyMajorityOwned)
    }

    /// Whether an organisation of this kind can be a customer (kund): a förvaltning or a bolag, never a nämnd
    /// (riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen"; "Samordning": "Med kund i detta
    /// sammanhang avses förvaltningar och bolag"). A förvaltning belongs to its nämnd (`Organisation::parent_id`); a
    /// bolag is its own party, with its styrelse.
    pub fn is_customer(self) -> bool {
        self == Self::Administration || self.is_company()
    }
}

vocabulary! {
    /// Service category (guideline).
    ServiceCategory {
        Base = "bas", "Bastjänst", "Base service";
        Additional = "tillagg", "Tilläggstjänst", "Additional service";
        Specialist = "specialist", "Specialisttjänst", "Specialist service";
        BusinessSpecific = "verksamhetsspecifik", "Verksamhetsspecifik tjänst", "Business-specific service";
    }
}

impl ServiceCategory {
    /// The categories a provider's catalogue offers: bas-, tilläggs- and specialisttjänster. Verksamhetsspecifika
    /// system och tjänster are the board's own, within its own budget (riktlinjen, "Nämnder och bolagsstyrelser" and
    /// the table in "Tjänster och förändringsinsatser"); a provider operating one delivers the tilläggstjänst "Drift
    /// av verksamhetsspecifika system". `BusinessSpecific` stays a key only so that old files and forms get a
    /// clear refusal (`Reason::NotInCatalogue`); migration 15 made stored ones tilläggstjänster.
    pub const CATALOGUE: &'static [Self] = &[Self::Base, Self::Additional, Self::Specialist];

    /// Whether a provider's catalogue can hold a service of this category.
    pub fn in_catalogue(self) -> bool {
        Self::CATALOGUE.contains(&self)
    }

    /// Whether a customer can opt out (*avsteg*) of a service of this category: only a mandatory base service
    /// (riktlinjen, "Avsteg från riktlinjen").
    pub fn allows_opt_out(self) -> bool {
        self == Self::Base
    }

    /// How the guideline lets a provider be paid for a service of this category (riktlinjen, the table in
    /// "Tjänster och förändringsinsatser": bastjänst by cost allocation or invoicing, tilläggs- and specialisttjänst
    /// by invoicing). Kommunbidrag is named in general ("Finansiering"); whether it may fund a bastjänst is the
    /// city's practice, `Practice::grant_for_base_services` (see [`ServiceCategory::allowed_funding_with`]).
    pub fn allowed_funding(self) -> &'static [FundingModel] {
        match self {
            Self::Base => &[FundingModel::CostAllocation, FundingModel::InvoicePerUnit],
            Self::Additional | Self::Specialist => &[FundingModel::InvoicePerUnit],
            Self::BusinessSpecific => &[FundingModel::OwnBudget],
        }
    }

    /// The guideline's funding models for the category plus what the city's practice adds: kommunbidrag for a
    /// bastjänst when `grant_for_base_services` (Stadens rutin; on by default).
    pub fn allowed_funding_with(self, grant_for_base_services: bool) -> Vec<FundingModel> {
        let mut models = self.allowed_funding().to_vec();
        if self == Self::Base && grant_for_base_services {
            models.push(FundingModel::MunicipalGrant);
        }
        models
    }
}

vocabulary! {
    /// The frameworks every board and company must follow, from which an avsteg can be made (riktlinjen, "Nämnder
    /// och bolagsstyrelser": "följa de ramverk för arkitektur och infrastruktur som staden anger som krav"; "Avsteg
    /// från riktlinjen": "tillämpa de styrande dokument som staden anger som krav för att få en fungerande och
    /// ändamålsenlig infrastruktur, arkitektur och informationssäkerhet").
    Framework {
        Architecture = "gemensam_arkitektur", "Gemensam arkitektur", "Common architecture";
        Infrastructure = "gemensam_infrastruktur", "Gemensam infrastruktur", "Common infrastructure";
        InformationSecurity = "informationssakerhet", "Informationssäkerhet", "Information security";
    }
}

vocabulary! {
    /// Who pays, and how (the capital cost method is a separate choice).
    FundingModel {
        CostAllocation = "kostnadsfordelning", "Kostnadsfördelning", "Cost allocation";
        InvoicePerUnit = "faktura_a_pris", "Faktura à pris", "Invoice per unit";
        MunicipalGrant = "kommunbidrag", "Kommunbidrag", "Municipal grant";
        OwnBudget = "egen_budget", "Inom egen budget", "Within own budget";
    }
}

vocabulary! {
    /// Where a catalogue service is in its life.
    ServiceState {
        Planned = "planerad", "Planerad", "Planned";
        InDevelopment = "under_utveckling", "Under utveckling", "In development";
        Active = "i_drift", "I drift", "In operation";
        PhasingOut = "under_avveckling", "Under avveckling", "Being phased out";
        Retired = "avvecklad", "Avvecklad", "Retired";
    }
}

vocabulary! {
    /// Whether a shared service meets the city's baseline (grundsäkerhetsnivå), as recorded for it. Riktlinjen,
    /// "Nämnder med särskilt ansvar för gemensamma tjänster": "De gemensamma tjänsterna ska minst uppfylla stadens
    /// grundsäkerhetsnivå, se Göteborgs Stads riktlinje för informationssäkerhet." The baseline is decided in that
    /// other guideline; it is a set of safeguards that applies whatever the service's K/R/T classification, so the
    /// assessment is recorded apart from the classification and never derived from it. Not assessed by default.
    BaselineStatus {
        NotAssessed = "inte_bedomd", "Inte bedömd", "Not assessed";
        Meets = "uppfyller", "Uppfyller", "Meets";
        DoesNotMeet = "uppfyller_inte", "Uppfyller inte", "Does not meet";
    }
}

// The vocabulary! macro gives no way to mark a variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for BaselineStatus {
    fn default() -> Self {
        Self::NotAssessed
    }
}

vocabulary! {
    /// Which of the guideline's two tracks an initiative follows.
    Track {
        Shared = "gemensam", "Gemensam", "Shared";
        BusinessSpecific = "verksamhetsspecifik", "Verksamhetsspecifik", "Business-specific";
    }
}

impl Track {
    /// How an initiative on this track may be funded: a business-specific one within the own budget, a shared one
    /// by the three ways of funding shared services and initiatives (riktlinjen, "Finansiering").
    pub fn allowed_funding(self) -> &'static [FundingModel] {
        match self {
            Self::Shared => &[FundingModel::CostAllocation, FundingModel::InvoicePerUnit, FundingModel::MunicipalGrant],
            Self::BusinessSpecific => &[FundingModel::OwnBudget],
        }
    }
}

vocabulary! {
    InitiativeKind {
        Change = "forandringsinsats", "Förändringsinsats", "Change initiative";
        NewSharedService = "ny_gemensam_tjanst", "Ny gemensam tjänst", "New shared service";
        PreStudy = "forstudie", "Förstudie/utredning", "Pre-study/investigation";
    }
}

vocabulary! {
    /// Lifecycle of an initiative (the brief's proposal). The business-specific track uses a shorter variant.
    InitiativeState {
        Identified = "identifierad", "Identifierad", "Identified";
        Analysis = "analys", "Analys", "Analysis";
        MaterialReady = "underlag_klart", "Underlag klart", "Material ready";
        ProviderBoardInformed = "leverantorsnamnd_informerad", "Leverantörens nämnd informerad", "Provider board informed";
        Submitted = "inlamnad", "Inlämnad till beredning", "Submitted to preparation";
        Prepared = "beredd", "Beredd", "Prepared";
        Valued = "varderad", "Värderad av SSG", "Valued by the group";
        Prioritised = "prioriterad", "Prioriterad", "Prioritised";
        SentBack = "aterremitterad", "Återremitterad till analys", "Sent back to analysis";
        NotPrioritised = "ej_prioriterad", "Ej prioriterad", "Not prioritised";
        DecidedByGroup = "beslutad_av_ssg", "Beslutad av SSG", "Decided by the group";
        DecidedByOwnBoard = "beslutad_av_egen_namnd", "Beslutad av egen nämnd/styrelse", "Decided by own board";
        InBudgetMaterial = "i_budgetunderlag", "I budgetunderlag", "In budget material";
        FrameDecided = "ram_beslutad", "Ram beslutad av KF", "Frame decided by the council";
        NotFunded = "ej_finansierad", "Ej finansierad", "Not funded";
        Initiate = "initiera", "Initiera", "Initiate";
        Develop = "utveckla", "Utveckla", "Develop";
        Implement = "implementera", "Implementera", "Implement";
        Manage = "forvalta", "Förvalta och följa upp", "Manage and follow up";
        Evaluated = "utvarderad", "Utvärderad", "Evaluated";
        Closed = "avslutad", "Avslutad", "Closed";
        Cancelled = "avbruten", "Avbruten", "Cancelled";
    }
}

impl InitiativeState {
    /// Whether an initiative on `track` can be in this state. The shared-only states belong to the group's
    /// preparation and the council's frames; the business-specific track is decided by the customer's own board.
    pub fn belongs_to(self, track: Track) -> bool {
        use InitiativeState::*;
        match track {
            Track::Shared => self != DecidedByOwnBoard,
            Track::BusinessSpecific => matches!(
                self,
                Identified
                    | Analysis
                    | MaterialReady
                    | DecidedByOwnBoard
                    | NotFunded
                    | Initiate
                    | Develop
                    | Implement
                    | Manage
                    | Evaluated
                    | Closed
                    | Cancelled
            ),
        }
    }

    /// Closed, cancelled, not prioritised or not funded: nothing more happens.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Closed | Self::Cancelled | Self::NotPrioritised | Self::NotFunded)
    }

    /// Prioriterad, Ej prioriterad, Återremitterad and Beslutad av SSG: the group's own decisions (riktlinjen,
    /// "Prioritering och beslut": the group "värderar och prioriterar" and may "besluta om enskilda
    /// förändringsinsatser"), entered only by a decision recorded at one of its meetings.
    pub fn decided_by_group(self) -> bool {
        matches!(self, Self::Prioritised | Self::NotPrioritised | Self::SentBack | Self::DecidedByGroup)
    }
}

vocabulary! {
    /// Where an initiative's state lies in the governance model. The guideline's three main activities (*Behov och
    /// kravställning*, *Prioritering och beslut*, *Realisera och följa upp nytta och effekter*, riktlinjen,
    /// "Styrning", figur 2); preparation (the *beredningsfunktion*'s part of the first activity, riktlinjen,
    /// "Behov och kravställning") and what is finished are shown as phases of their own (practice).
    Phase {
        Need = "need", "Behov och kravställning", "Needs and requirements";
        Preparation = "preparation", "Beredning", "Preparation";
        Decision = "decision", "Beslut", "Decision";
        Realisation = "realisation", "Realisering och uppföljning", "Realisation and follow-up";
        Finished = "finished", "Avslutade", "Finished";
    }
}

vocabulary! {
    /// Result of checking whether an existing city solution can be reused.
    ReuseOutcome {
        NotChecked = "ej_kontrollerad", "Ej kontrollerad", "Not checked";
        Reusable = "kan_ateranvandas", "Befintlig lösning kan återanvändas", "Existing solution can be reused";
        PartlyReusable = "delvis", "Delvis återanvändbar", "Partly reusable";
        NotReusable = "ej_ateranvandbar", "Ingen befintlig lösning passar", "No existing solution fits";
    }
}

vocabulary! {
    /// The laws the guideline names as basic requirements.
    Law {
        LocalGovernmentAct = "kommunallagen", "Kommunallag", "Local Government Act";
        CompaniesAct = "aktiebolagslagen", "Aktiebolagslagen", "Companies Act";
        AnnualAccountsAct = "arsredovisningslagen", "Årsredovisningslagen", "Annual Accounts Act";
        PublicAccessAndSecrecyAct = "offentlighets_och_sekretesslagen", "Offentlighets- och sekretesslagen", "Public Access to Information and Secrecy Act";
        AdministrativeProcedureAct = "forvaltningslagen", "Förvaltningslagen", "Administrative Procedure Act";
        ArchivesAct = "arkivlagen", "Arkivlagen", "Archives Act";
        Gdpr = "dataskyddsforordningen", "Dataskyddsförordningen", "General Data Protection Regulation";
        PublicProcurementAct = "lou", "Lagen om offentlig upphandling", "Public Procurement Act";
        MunicipalAccountingAct = "lkbr", "Lag om kommunal bokföring och redovisning", "Municipal Accounting Act";
        DigitalAccessibilityAct = "dos_lagen", "Lag om tillgänglighet till digital offentlig service", "Accessibility to Digital Public Services Act";
        DataProtectionAct = "dataskyddslagen", "Lag med kompletterande bestämmelser till EU:s dataskyddsförordning", "Data Protection Act (supplementing the GDPR)";
    }
}

vocabulary! {
    /// The guideline asks for a balance between efficiency and innovation.
    Orientation {
        Efficiency = "effektivisering", "Effektivisering", "Efficiency";
        Innovation = "innovation", "Innovation", "Innovation";
    }
}

vocabulary! {
    /// How the members' scores of a criterion are combined, chosen per criteria set.
    Aggregation {
        Mean = "medelvarde", "Medelvärde", "Mean";
        Median = "median", "Median", "Median";
    }
}

vocabulary! {
    /// Whether more is better on a criterion's scale.
    Direction {
        HigherIsBetter = "hogre_ar_battre", "Högre är bättre", "Higher is better";
        LowerIsBetter = "lagre_ar_battre", "Lägre är bättre", "Lower is better";
    }
}

vocabulary! {
    /// How a criteria set's weights are given.
    Weighting {
        Direct = "direkt", "Direkt angivna vikter", "Weights entered directly";
        Pairwise = "parvis", "Parvisa jämförelser (AHP)", "Pairwise comparison (AHP)";
    }
}

vocabulary! {
    /// How weights are derived from a pairwise comparison matrix.
    PairwiseMethod {
        Eigenvector = "egenvektor", "Egenvektor (Saaty)", "Principal eigenvector (Saaty)";
        GeometricMean = "geometriskt_medel", "Geometriskt medelvärde", "Geometric mean";
    }
}

vocabulary! {
    /// Pass/fail requirements shown with every ranking.
    GateKind {
        LegalRequirement = "lagkrav", "Lagkrav (måste genomföras)", "Legal requirement (must do)";
        FinancingSecured = "finansiering", "Finansiering säkrad", "Financing secured";
        Other = "ovrigt", "Övrigt krav", "Other requirement";
    }
}

vocabulary! {
    /// A person's role at a meeting.
    PersonRole {
        Chair = "ordforande", "Ordförande", "Chair";
        Secretary = "sekreterare", "Sekreterare", "Secretary";
        Member = "ledamot", "Ledamot", "Member";
        CoOpted = "adjungerad", "Adjungerad", "Co-opted";
    }
}

vocabulary! {
    /// What kind of agenda item.
    ItemKind {
        Decision = "beslut", "Beslutsärende", "Decision";
        Information = "information", "Information", "Information";
        Report = "rapport", "Rapport", "Report";
        OtherBusiness = "ovrigt", "Övrigt", "Other business";
    }
}

vocabulary! {
    /// The outcome of an item at a meeting.
    DecisionOutcome {
        Prioritised = "prioriterad", "Prioriteras", "Prioritised";
        NotPrioritised = "ej_prioriterad", "Prioriteras inte", "Not prioritised";
        SentBack = "aterremitterad", "Återremitteras", "Sent back";
        Tabled = "bordlagd", "Bordläggs", "Tabled";
        Decided = "beslutad", "Beslutas", "Decided";
        Noted = "noterad", "Läggs till handlingarna", "Noted";
    }
}

impl DecisionOutcome {
    /// Where a decision moves the linked initiative in its lifecycle, if anywhere.
    pub fn moves_initiative_to(self) -> Option<InitiativeState> {
        match self {
            Self::Prioritised => Some(InitiativeState::Prioritised),
            Self::NotPrioritised => Some(InitiativeState::NotPrioritised),
            Self::SentBack => Some(InitiativeState::SentBack),
            Self::Decided => Some(InitiativeState::DecidedByGroup),
            Self::Tabled | Self::Noted => None,
        }
    }
}

vocabulary! {
    /// The kinds of record that have a change history.
    Entity {
        Organisation = "organisation", "Organisation", "Organisation";
        Provider = "provider", "Leverantör", "Provider";
        Service = "service", "Tjänst", "Service";
        Initiative = "initiative", "Initiativ", "Initiative";
        Member = "member", "Ledamot", "Member";
        CriteriaSet = "criteria_set", "Kriterieuppsättning", "Criteria set";
        Score = "score", "Poäng", "Score";
        Pairwise = "pairwise", "Parvisa jämförelser", "Pairwise comparisons";
        GateResult = "gate_result", "Grindresultat", "Gate result";
        Scenario = "scenario", "Urvalsscenario", "Selection scenario";
        FundingCase = "funding_case", "Finansieringsunderlag", "Funding case";
        Parameters = "parameters", "Parametrar", "Parameters";
        Meeting = "meeting", "Sammanträde", "Meeting";
        Decision = "decision", "Beslut", "Decision";
        Attachment = "attachment", "Bilaga", "Attachment";
        DocumentProfile = "document_profile", "Dokumentprofil", "Document profile";
        Benefit = "benefit", "Nytta", "Benefit";
        Deviation = "deviation", "Avsteg/avvikelse", "Opt-out/deviation";
        YearlyAnalysis = "yearly_analysis", "Årlig analys", "Yearly analysis";
        DecidedFrame = "decided_frame", "Beslutad ram (KF)", "Decided frame (council)";
        ActualOutcome = "actual_outcome", "Utfall", "Actual outcome";
    }
}

vocabulary! {
    /// Where a provider's yearly analysis is: written, handed in to the group (inlämnad), presented to it.
    AnalysisState {
        Draft = "utkast", "Utkast", "Draft";
        Submitted = "inlamnad", "Inlämnad", "Submitted";
        Presented = "presenterad", "Presenterad för samordningsgruppen", "Presented to the group";
    }
}

vocabulary! {
    /// Whether an investment of a yearly analysis is under way or planned (riktlinjen: "pågående och planerade
    /// satsningar").
    InvestmentStatus {
        Ongoing = "pagaende", "Pågående", "Ongoing";
        Planned = "planerad", "Planerad", "Planned";
    }
}

vocabulary! {
    /// What a development need of a yearly analysis concerns (riktlinjen: "gemensamma tjänster och digital
    /// infrastruktur").
    NeedArea {
        SharedServices = "gemensamma_tjanster", "Gemensamma tjänster", "Shared services";
        Infrastructure = "digital_infrastruktur", "Digital infrastruktur", "Digital infrastructure";
    }
}

vocabulary! {
    /// Avsteg (a customer opts out of a base service) or avvikelse (the provider cannot deliver, or security).
    DeviationKind {
        OptOut = "avsteg", "Avsteg", "Opt-out";
        Deviation = "avvikelse", "Avvikelse", "Deviation";
    }
}

vocabulary! {
    /// The guideline's steps for opt-outs and deviations.
    DeviationStep {
        ProviderDialogue = "dialog_leverantor", "Dialog med leverantören", "Dialogue with the provider";
        Reassessment = "omprovning", "Omprövning av nytta, effektivitet, lag- och säkerhetskrav", "Reassessment of benefit, efficiency, law and security";
        CustomersInformed = "kunder_informerade", "Berörda kunder och beredningen informerade", "Affected customers and preparation informed";
        GroupInformed = "ssg_informerad", "Samordningsgruppen informerad", "The group informed";
        WrittenMotivation = "motivering", "Fullständig skriftlig motivering", "Full written motivation";
        BoardDecision = "namndbeslut", "Beslut i kundens nämnd/styrelse", "Decision by the customer's board";
        ActionPlan = "atgardsplan", "Åtgärdsplan beslutad", "Action plan decided";
        Reported = "rapporterad", "Rapporterad i uppföljningen", "Reported in the follow-up";
    }
}

vocabulary! {
    /// How an opt-out ended.
    OptOutOutcome {
        Granted = "beviljat", "Avsteg beviljat", "Opt-out granted";
        Adapted = "tjansten_anpassad", "Tjänsten anpassad", "Service adapted";
        Redefined = "omdefinierad_tillagg", "Tjänsten omdefinierad till tilläggstjänst", "Service redefined as optional";
        Withdrawn = "aterkallat", "Avsteget återkallat", "Opt-out withdrawn";
    }
}

vocabulary! {
    /// Something an initiative lacks for a transition.
    Requirement {
        Owner = "owner", "en ägare", "an owner";
        Provider = "provider", "en leverantör", "a provider";
        Costs = "costs", "kostnader per år för planeringsperioden", "costs per year of the planning period";
        BenefitSummary = "benefit_summary", "nyttan i sammandrag", "a benefit summary";
        Security = "security", "klassning av konfidentialitet, riktighet och tillgänglighet", "a K/R/T classification";
        ReuseCheck = "reuse_check", "prövning av befintlig lösning", "a check of existing solutions";
        FundingModel = "funding_model", "en föreslagen finansieringsmodell", "a proposed funding model";
        CriteriaSet = "criteria_set", "en plats i en kriterieuppsättning (rang)", "a place in a criteria set (rank)";
        BenefitsPlan = "benefits_plan", "en nyttorealiseringsplan med minst en nytta", "a benefits realisation plan with at least one benefit";
        Measurements = "measurements", "minst en mätning av varje kvantitativ nytta", "at least one measurement of every quantitative benefit";
        Reason = "reason", "en motivering", "a reason";
        ServiceLevel = "service_level", "en servicenivå", "a service level";
        TargetGroup = "target_group", "en målgrupp", "a target group";
        // Riktlinjen, "Gemensamma tjänster och förändringsinsatser" (under "Behov och kravställning"): "I underlaget
        // ska bland annat nyttor och effekter samt uppfyllande av lag- och säkerhetskrav framgå", after "risk- och
        // säkerhetsbedömningar"; the beredningsfunktion adds a "förslag på långsiktig plan".
        Laws = "laws", "tillämpliga lagar eller ett uttryckligt ”inget särskilt lagkrav”", "the laws that apply or an explicit 'no specific legal requirement'";
        RiskAssessment = "risk_assessment", "en risk- och säkerhetsbedömning (risker eller en skriven bedömning)", "a risk and security assessment (risks or a written assessment)";
        LongTermPlan = "long_term_plan", "en långsiktig plan", "a long-term plan";
        // Riktlinjen, "Realisera och följa upp nytta och effekter": management (förvaltning) follows a plan.
        ManagementPlan = "management_plan", "en förvaltningsplan", "a management plan (förvaltningsplan)";
        // Riktlinjen, "Realisera och följa upp nytta och effekter": benefits are followed up from an approved plan.
        PlanApproved = "benefits_plan_approved", "en fastställd nyttorealiseringsplan (datum och av vem)", "an approved benefits realisation plan (date and by whom)";
        // Riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": the catalogue shows "pris, tjänstens
        // omfattning, servicenivå, målgrupp och informationssäkerhetsnivå liksom krav på kunden för att kunna ansluta".
        Scope = "scope", "vad som ingår (omfattning)", "what is included (scope)";
        Price = "price", "ett pris med enhet", "a price with its unit";
        ConnectionRequirements = "connection_requirements", "krav för anslutning", "connection requirements";
        ClassificationOrNoInformation = "classification_or_no_information", "klassning av konfidentialitet, riktighet och tillgänglighet, eller att tjänsten inte hanterar information", "a K/R/T classification, or that the service handles no information";
        // Riktlinjen, "Kommunstyrelsen" and "Prioritering och beslut": the group values ("värdera") the initiatives,
        // so *Värderad av SSG* needs the members' scores.
        Scores = "scores", "ledamöternas poäng i en kriterieuppsättning", "the members' scores in a criteria set";
        // Riktlinjen, "Prioritering och beslut": the group "värderar och prioriterar" and may "besluta om enskilda
        // förändringsinsatser": its states are entered only by a decision recorded at one of its meetings.
        GroupDecision = "group_decision", "ett beslut av samordningsgruppen, protokollfört vid ett sammanträde (Möten)", "a decision of the group recorded at a meeting (samordna meetings decide, or the meeting view)";
        // Riktlinjen, "Prioritering och beslut": the group's prioritisation "ligger sedan till grund för underlag till
        // budget": the item is chosen in budget material the group has decided to send.
        BudgetMaterialSent = "budget_material_sent", "att vara vald i ett budgetunderlag som samordningsgruppen beslutat att skicka", "to be chosen in budget material the group has decided to send";
        // Riktlinjen, "Prioritering och beslut": "Kommunfullmäktige fattar sedan beslut om de ekonomiska ramarna".
        // Riktlinjen, "Realisera och följa upp nytta och effekter": "Det är kunden som ansvarar för att implementera
        // verksamhetsförändringen, till exempel nya arbetssätt"; and "behöver arbetssätt alltid förändras".
        BusinessChange = "business_change", "kundens verksamhetsförändring (nya arbetssätt)", "the customers' change of how they work (new ways of working)";
        DecidedFrames = "decided_frames", "kommunfullmäktiges beslutade ramar för varje år med kostnader", "the council's decided frames for every year with costs";
    }
}

vocabulary! {
    /// The likelihood or consequence of a risk in the material's risk list (riktlinjen, "risk- och
    /// säkerhetsbedömning"): a small closed scale.
    RiskLevel {
        Low = "lag", "Låg", "Low";
        Medium = "medel", "Medel", "Medium";
        High = "hog", "Hög", "High";
    }
}

vocabulary! {
    /// Whether a benefit is measured in numbers.
    BenefitKind {
        Quantitative = "kvantitativ", "Kvantitativ", "Quantitative";
        Qualitative = "kvalitativ", "Kvalitativ", "Qualitative";
    }
}

vocabulary! {
    /// What kind of benefit.
    BenefitCategory {
        Financial = "ekonomisk", "Ekonomisk", "Financial";
        FreedTime = "frigjord_tid", "Frigjord tid", "Freed time";
        Quality = "kvalitet", "Kvalitet", "Quality";
        Other = "ovrig", "Övrig", "Other";
    }
}

vocabulary! {
    /// How sure the benefit owner is that the benefit will come.
    Confidence {
        Green = "gron", "Grön", "Green";
        Yellow = "gul", "Gul", "Yellow";
        Red = "rod", "Röd", "Red";
    }
}

/// A field's label where both the forms and the sheets name it: one label per field, so a column of an exported
/// sheet reads as the form's field. The guideline's word where it has one: *finansieringsmodell* (riktlinjen,
/// "Bakgrund"), *berörda kunder* (riktlinjen, "Realisera och följa upp nytta och effekter"). `entity` `None`: the
/// same label on every kind of record that has the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldLabel {
    pub entity: Option<Entity>,
    pub field: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

impl FieldLabel {
    pub fn label(&self, language: Language) -> &'static str {
        if language == Language::Sv { self.sv } else { self.en }
    }
}

const fn label(entity: Option<Entity>, field: &'static str, sv: &'static str, en: &'static str) -> FieldLabel {
    FieldLabel { entity, field, sv, en }
}

const INITIATIVE: Option<Entity> = Some(Entity::Initiative);
const SERVICE: Option<Entity> = Some(Entity::Service);
const ORGANISATION: Option<Entity> = Some(Entity::Organisation);
const BENEFIT: Option<Entity> = Some(Entity::Benefit);
const ACTUAL: Option<Entity> = Some(Entity::ActualOutcome);
const MEMBER: Option<Entity> = Some(Entity::Member);
const PROVIDER: Option<Entity> = Some(Entity::Provider);
const FRAME: Option<Entity> = Some(Entity::DecidedFrame);

/// The labels of the fields that forms and sheets share (every importable column).
pub const FIELD_LABELS: &[FieldLabel] = &[
    label(None, "name", "Namn", "Name"),
    label(None, "description", "Beskrivning", "Description"),
    label(None, "funding_model", "Finansieringsmodell", "Funding model"),
    label(None, "security.confidentiality", "Konfidentialitet (K)", "Confidentiality (C)"),
    label(None, "security.integrity", "Riktighet (R)", "Integrity (I)"),
    label(None, "security.availability", "Tillgänglighet (T)", "Availability (A)"),
    label(INITIATIVE, "case_number", "Diarienummer", "Case number"),
    label(INITIATIVE, "title", "Titel", "Title"),
    label(INITIATIVE, "track", "Spår", "Track"),
    label(INITIATIVE, "kind", "Typ av insats", "Kind of initiative"),
    label(INITIATIVE, "state", "Status", "State"),
    label(INITIATIVE, "owner_id", "Ägare", "Owner"),
    label(INITIATIVE, "provider_id", "Leverantör", "Provider"),
    label(INITIATIVE, "customer_ids", "Berörda kunder", "Affected customers"),
    label(INITIATIVE, "benefit_summary", "Nytta i sammandrag", "Benefit summary"),
    label(INITIATIVE, "specially_followed", "Särskilt följd", "Specially followed"),
    label(INITIATIVE, "reuse_solution", "Befintlig lösning som prövats", "Existing solution checked"),
    label(INITIATIVE, "reuse_outcome", "Resultat av återanvändningsprövning", "Result of the reuse check"),
    label(INITIATIVE, "laws", "Lagkrav som gäller", "Applicable laws"),
    label(INITIATIVE, "legal_notes", "Övriga lag- och säkerhetskrav", "Other legal and security requirements"),
    label(INITIATIVE, "no_legal_requirement", "Inget särskilt lagkrav", "No specific legal requirement"),
    label(INITIATIVE, "risks", "Risker", "Risks"),
    label(INITIATIVE, "risk_assessment", "Risk- och säkerhetsbedömning", "Risk and security assessment"),
    label(INITIATIVE, "long_term_plan", "Långsiktig plan", "Long-term plan"),
    label(INITIATIVE, "orientation", "Effektivisering eller innovation", "Efficiency or innovation"),
    label(INITIATIVE, "management_plan", "Förvaltningsplan", "Management plan"),
    label(INITIATIVE, "executor", "Extern utförare", "External executor"),
    label(INITIATIVE, "business_change", "Kundens verksamhetsförändring", "The customers' change of ways of working"),
    label(SERVICE, "category", "Kategori", "Category"),
    label(SERVICE, "provider_id", "Leverantör", "Provider"),
    label(SERVICE, "price", "Pris (kr)", "Price (SEK)"),
    label(SERVICE, "unit", "Enhet", "Unit"),
    label(SERVICE, "scope", "Omfattning", "Scope"),
    label(SERVICE, "service_level", "Servicenivå", "Service level"),
    label(SERVICE, "target_group", "Målgrupp", "Target group"),
    label(SERVICE, "connection_requirements", "Krav för anslutning", "Connection requirements"),
    label(SERVICE, "state", "Status", "State"),
    label(SERVICE, "handles_no_information", "Hanterar ingen information", "Handles no information"),
    label(
        SERVICE,
        "processes_personal_data",
        "Behandlar personuppgifter för kundernas räkning",
        "Processes personal data on the customers' behalf",
    ),
    label(SERVICE, "customers", "Kunder", "Customers"),
    label(SERVICE, "baseline", "Grundsäkerhetsnivå", "Baseline security"),
    label(SERVICE, "baseline_shortfalls", "Brister mot grundsäkerhetsnivån", "Shortfalls against the baseline"),
    label(SERVICE, "baseline_assessed_date", "Grundsäkerhetsnivå bedömd", "Baseline assessed on"),
    label(SERVICE, "baseline_assessed_by", "Bedömd av", "Assessed by"),
    label(ORGANISATION, "kind", "Typ", "Kind"),
    label(ORGANISATION, "parent_id", "Överordnad nämnd eller bolag", "Parent board or company"),
    label(BENEFIT, "initiative_id", "Initiativ", "Initiative"),
    label(BENEFIT, "name", "Nytta", "Benefit"),
    label(BENEFIT, "kind", "Typ", "Kind"),
    label(BENEFIT, "category", "Kategori", "Category"),
    label(BENEFIT, "confidence", "Säkerhet", "Confidence"),
    label(BENEFIT, "owner_id", "Nyttoägare", "Benefit owner"),
    label(BENEFIT, "owner_person", "Ansvarig person", "Person responsible"),
    label(BENEFIT, "indicator", "Indikator", "Indicator"),
    label(BENEFIT, "unit", "Enhet", "Unit"),
    label(BENEFIT, "baseline", "Utgångsläge", "Baseline"),
    label(BENEFIT, "baseline_date", "Datum för utgångsläge", "Baseline date"),
    label(BENEFIT, "target", "Målvärde", "Target"),
    label(BENEFIT, "target_date", "Måldatum", "Target date"),
    label(BENEFIT, "value_low", "Värde per år, lågt (kr)", "Value per year, low (SEK)"),
    label(BENEFIT, "value_base", "Värde per år, basfall (kr)", "Value per year, base (SEK)"),
    label(BENEFIT, "value_high", "Värde per år, högt (kr)", "Value per year, high (SEK)"),
    // An actual outcome names its initiative by case number or its service by name (one of them per row).
    label(ACTUAL, "initiative_id", "Diarienummer", "Case number"),
    label(ACTUAL, "service_id", "Namn", "Name"),
    label(ACTUAL, "year", "År", "Year"),
    label(ACTUAL, "development", "Utveckling utfall (kr)", "Development actual (SEK)"),
    label(ACTUAL, "management", "Förvaltning utfall (kr)", "Management actual (SEK)"),
    label(FRAME, "year", "År", "Year"),
    label(FRAME, "development", "Ram utveckling (kr)", "Development frame (SEK)"),
    label(FRAME, "management", "Ram förvaltning (kr)", "Management frame (SEK)"),
    label(FRAME, "decided_on", "Beslutsdatum", "Date of decision"),
    label(FRAME, "reference", "Beslut (§, diarienummer)", "Decision (§, case number)"),
    label(FRAME, "notes", "Anteckning", "Notes"),
    label(MEMBER, "name", "Ledamot", "Member"),
    label(MEMBER, "organisation_id", "Förvaltning eller bolag", "Administration or company"),
    label(PROVIDER, "name", "Leverantör", "Provider"),
    label(PROVIDER, "organisation_id", "Ansvarig nämnd", "Responsible board"),
];

/// The label of `field` on a record of `entity`: its own, else the one every kind shares.
pub fn field_label(entity: Entity, field: &str) -> Option<&'static FieldLabel> {
    let own = FIELD_LABELS.iter().find(|l| l.entity == Some(entity) && l.field == field);
    own.or_else(|| FIELD_LABELS.iter().find(|l| l.entity.is_none() && l.field == field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        let keys: Vec<_> = InitiativeState::ALL.iter().map(|s| s.key()).collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(InitiativeState::from_key(k), Some(InitiativeState::ALL[i]));
            assert!(!keys[..i].contains(k), "{k} twice");
        }
        assert_eq!(Law::ALL.len(), 11, "the guideline names eleven laws");
    }

    #[test]
    fn serde_uses_the_stored_key() {
        assert_eq!(serde_json::to_string(&FundingModel::InvoicePerUnit).unwrap(), "\"faktura_a_pris\"");
        assert_eq!(
            serde_json::from_str::<OrganisationKind>("\"bolag_helagt\"").unwrap(),
            OrganisationKind::CompanyWhollyOwned
        );
    }

    #[test]
    fn each_shared_field_has_one_label_and_the_guidelines_word() {
        for (i, a) in FIELD_LABELS.iter().enumerate() {
            assert!(
                !FIELD_LABELS[..i].iter().any(|b| b.entity == a.entity && b.field == a.field),
                "{:?} {} labelled twice",
                a.entity,
                a.field
            );
        }
        let funding = field_label(Entity::Initiative, "funding_model").unwrap();
        assert_eq!(funding.label(Language::Sv), "Finansieringsmodell", "the guideline's word");
        assert_eq!(field_label(Entity::Service, "funding_model"), Some(funding), "one label on every kind");
        assert_eq!(field_label(Entity::Benefit, "name").unwrap().sv, "Nytta", "a kind's own label first");
        assert_eq!(field_label(Entity::Organisation, "name").unwrap().sv, "Namn");
        assert_eq!(field_label(Entity::Organisation, "costs"), None);
    }

    #[test]
    fn business_specific_track_is_shorter() {
        let shared = InitiativeState::ALL.iter().filter(|s| s.belongs_to(Track::Shared)).count();
        let own = InitiativeState::ALL.iter().filter(|s| s.belongs_to(Track::BusinessSpecific)).count();
        assert!(own < shared);
        assert!(!InitiativeState::Prioritised.belongs_to(Track::BusinessSpecific));
        assert!(!InitiativeState::DecidedByOwnBoard.belongs_to(Track::Shared));
    }
}
