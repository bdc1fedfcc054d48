//! The whole portfolio as versioned JSON, for scripting, backups and moving data between machines.
//!
//! The format is documented in `docs/portfolio-format.md` with the JSON Schema `docs/portfolio.schema.json`
//! (generated from these types; a test keeps it current). Export → import → export gives identical text.
//! The change history is not part of the format: an import records its own entries.

mod merge;

pub use merge::{
    MergeFile, MergeReport, MergedField, MergedRecord, Nested, SECTIONS as MERGE_SECTIONS, Section, Target, each_at,
};

use std::collections::{HashMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::{
    ActualOutcome, Attachment, Benefit, CriteriaSet, DecidedFrame, Decider, Decision, Deviation, DeviationKind,
    DeviationStep, DocumentProfile, FundingCase, FundingCustomer, FundingModel, GateResult, Id, Initiative,
    MAX_SECURITY_LEVEL, Meeting, Member, Organisation, OrganisationKind, Pairwise, Parameters, Provider, Scenario,
    Score, Service, ServiceCategory, ServiceCustomer, YearlyAnalysis,
};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::{Reader, Stored, Writer};

/// The value of the `format` field.
pub const FORMAT: &str = "samordna-portfolio";
/// The version of the format this build writes. It reads this one and every earlier one.
/// Version 12 (issue 17, part A): the initiatives' material and the benefits plan's approval. Version 13 (issue 17,
/// part B, the shared services): services' customers with their data processing agreements, the flags "handles no
/// information" and "processes personal data", and the yearly baseline security level; an older file's new fields
/// take their defaults (no customers, flags off, no baseline). Version 14 (issue 17, part C): avsteg from the frameworks,
/// the city's practice in the parameters, no business-specific catalogue services. Version 15 (issue 25): an agenda
/// item may name a scenario's budget material, and a decision on it keeps what it chose (`budget_lines`); the actual
/// outcomes per item and year. An older file has none of them. Version 16 (issue 26, part 3): an agenda item may be
/// the valuation of the meeting's criteria set (`valuation`); in an older file no item is. Also version 16 (issue 26,
/// part 1): the yearly analysis's explicit "none" of investments, development needs and requirements, a development
/// need's estimated costs and whether they went into its service's planned costs, and the due day of the analyses
/// in the city's practice; an older file's take their defaults (not stated, no costs, 31 October). Version 17 (issue
/// 26, part 5): an initiative's external executor and the customers' change of ways of working; each service's
/// assessment against the city's baseline (grundsäkerhetsnivå: `baseline`, with the shortfalls, date and assessor),
/// each customer's reference to its board's instructions for personal data (`instructions_reference`), and the
/// yearly K/R/T minimum named for what it is, the city's practice (`least_classification`, formerly
/// `security_baseline`, still read); in an older file these are empty, every service is not assessed and no
/// customer's instructions are recorded.
pub const FORMAT_VERSION: u32 = 17;

/// A whole portfolio. Ids are kept, so records refer to each other by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Samordna portfolio", description = "A whole Samordna portfolio (format version 17).")]
pub struct PortfolioData {
    /// Always `samordna-portfolio`.
    pub format: String,
    /// Format version: this build writes 17 and reads 1 to 17 (version 1 has no prioritisation sections, version 2
    /// no funding sections, version 3 no meetings, version 4 no document profile, version 5 no benefits, version 6
    /// no deviations, version 7 no deviations on agenda items, version 8 values initiatives only, version 9 no
    /// yearly analyses, version 10 no decided frames, version 11 no material fields on initiatives — no legal
    /// requirement, risks, risk assessment, management plan, the benefits plan's approval — and no decided action
    /// on benefits, version 12 no services' customers, personal data or baseline security level). Version 14: an
    /// avsteg may be from a framework, with its motivation and the board's decision; the parameters hold the city's
    /// practice; a business-specific service in an older file is read as a tilläggstjänst (as migration 15 does),
    /// since the catalogue no longer holds them. Version 14 has no actual outcomes. Version 15 has no valuation items
    /// on the agenda, no explicit "none" in the yearly analyses, no costs of development needs and no due day of the
    /// analyses. Version 16 has no baseline assessment of services (each is not assessed), no customers'
    /// instructions, and names the practice's least classification `security_baseline`.
    pub format_version: u32,
    /// Labels of the K/R/T security scale, levels 0 to 4.
    pub security_scale: Vec<String>,
    pub organisations: Vec<Organisation>,
    pub providers: Vec<Provider>,
    pub services: Vec<Service>,
    pub initiatives: Vec<Initiative>,
    /// The group's members (version 2).
    #[serde(default)]
    pub members: Vec<Member>,
    /// Criteria sets with their criteria, gates and initiatives (version 2).
    #[serde(default)]
    pub criteria_sets: Vec<CriteriaSet>,
    /// Members' scores (version 2).
    #[serde(default)]
    pub scores: Vec<Score>,
    /// Members' pairwise comparisons of criteria (version 2).
    #[serde(default)]
    pub pairwise: Vec<Pairwise>,
    /// Gate results per initiative (version 2).
    #[serde(default)]
    pub gate_results: Vec<GateResult>,
    /// Selection scenarios (version 2).
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Rates, price base amounts, useful life and rounding (version 3; absent: the defaults).
    #[serde(default)]
    pub parameters: Option<Parameters>,
    /// Inputs of the funding comparisons of initiatives and services (version 3).
    #[serde(default)]
    pub funding_cases: Vec<FundingCase>,
    /// Meetings with people and agenda items (version 4).
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Decisions on agenda items (version 4).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Files attached to agenda items, base64 (version 4).
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// The organisation, office, logo and fixed texts of the meeting papers (version 5; absent: the defaults).
    #[serde(default)]
    pub document_profile: Option<DocumentProfile>,
    /// The benefits realisation plans: benefits per initiative with their measurements (version 6).
    #[serde(default)]
    pub benefits: Vec<Benefit>,
    /// The registers of opt-outs (avsteg) and deviations (avvikelse) with the steps done (version 7).
    #[serde(default)]
    pub deviations: Vec<Deviation>,
    /// The providers' yearly analyses to the group, one per provider and year (version 10).
    #[serde(default)]
    pub yearly_analyses: Vec<YearlyAnalysis>,
    /// The frames the city council decided, one per budget year (version 11).
    #[serde(default)]
    pub decided_frames: Vec<DecidedFrame>,
    /// The actual outcomes (utfall) of shared initiatives and services, one per item and year (version 15).
    #[serde(default)]
    pub actual_outcomes: Vec<ActualOutcome>,
}

impl PortfolioData {
    /// Everything in the portfolio, in id order.
    pub fn read(reader: &Reader<'_>) -> Result<PortfolioData> {
        fn by_id<T: Stored>(mut list: Vec<T>) -> Vec<T> {
            list.sort_by_key(|r| r.id());
            list
        }
        Ok(PortfolioData {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            security_scale: reader.security_scale()?,
            organisations: by_id(reader.organisations()?),
            providers: by_id(reader.providers()?),
            services: by_id(reader.services()?),
            initiatives: by_id(reader.initiatives()?),
            members: by_id(reader.all()?),
            criteria_sets: by_id(reader.all()?),
            scores: by_id(reader.all()?),
            pairwise: by_id(reader.all()?),
            gate_results: by_id(reader.all()?),
            scenarios: by_id(reader.all()?),
            parameters: Some(reader.parameters()?),
            funding_cases: by_id(reader.all()?),
            meetings: by_id(reader.all()?),
            decisions: by_id(reader.all()?),
            attachments: by_id(reader.all()?),
            document_profile: Some(reader.document_profile()?),
            benefits: by_id(reader.all()?),
            deviations: by_id(reader.all()?),
            yearly_analyses: by_id(reader.all()?),
            decided_frames: by_id(reader.all()?),
            actual_outcomes: by_id(reader.all()?),
        })
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("portfolio data always serialises");
        text.push('\n');
        text
    }

    /// Reads an export, checking the format marker and version before the content. A leading byte-order mark
    /// (Windows editors write one) is passed over.
    pub fn from_json(text: &str) -> Result<PortfolioData> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        #[derive(Deserialize)]
        struct Marker {
            format: Option<String>,
            format_version: Option<u32>,
        }
        let marker: Marker = serde_json::from_str(text).map_err(|e| Error::BadImport(e.to_string()))?;
        if marker.format.as_deref() != Some(FORMAT) {
            return Err(Error::BadImport(format!("the field \"format\" must be \"{FORMAT}\"")));
        }
        match marker.format_version {
            Some(1..=FORMAT_VERSION) => {}
            Some(v) if v > FORMAT_VERSION => {
                return Err(Error::BadImport(format!(
                    "format version {v} is newer than this Samordna reads ({FORMAT_VERSION}); update Samordna"
                )));
            }
            _ => {
                return Err(Error::BadImport(format!(
                    "the field \"format_version\" must be a whole number from 1 to {FORMAT_VERSION}"
                )));
            }
        }
        let version = marker.format_version.unwrap_or(FORMAT_VERSION);
        let bad = |e: serde_json::Error| Error::BadImport(e.to_string());
        // A value that does not fit names where it is: `deviations[3].deadline: invalid value: …`.
        let at_path =
            |e: serde_path_to_error::Error<serde_json::Error>| Error::BadImport(format!("{}: {}", e.path(), e.inner()));
        let (mut data, deciders): (PortfolioData, Vec<(Id, String)>) = if version < 17 {
            // Before version 17 an avsteg named the board that decided it as text (`decided_by`): taken out here,
            // and mapped to the nämnd or bolag by `upgrade`.
            let mut value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
            let mut deciders = Vec::new();
            if let Some(deviations) = value.get_mut("deviations").and_then(|d| d.as_array_mut()) {
                for deviation in deviations.iter_mut().filter_map(|d| d.as_object_mut()) {
                    if let Some(serde_json::Value::String(by)) = deviation.remove("decided_by")
                        && let Some(id) = deviation.get("id").and_then(|i| i.as_i64())
                    {
                        deciders.push((id, by));
                    }
                }
            }
            (serde_path_to_error::deserialize(value).map_err(at_path)?, deciders)
        } else {
            let mut reader = serde_json::Deserializer::from_str(text);
            (serde_path_to_error::deserialize(&mut reader).map_err(at_path)?, Vec::new())
        };
        data.upgrade(version, &deciders);
        Ok(data)
    }

    /// What an older file means in this version, step by step. `deciders`: an older file's avsteg with the text
    /// naming who decided them.
    fn upgrade(&mut self, version: u32, deciders: &[(Id, String)]) {
        if version < 13 {
            // Services had no customers before version 13. An avsteg from a service is made by one of its customers
            // (riktlinjen, "Nämnder och bolagsstyrelser"), so an organisation that opted out of a service was one:
            // it becomes a customer of it, as migration 14 does.
            for deviation in self.deviations.iter().filter(|d| d.kind == DeviationKind::OptOut) {
                let (Some(service_id), Some(organisation_id)) = (deviation.service_id, deviation.organisation_id)
                else {
                    continue;
                };
                if let Some(service) = self.services.iter_mut().find(|s| s.id == service_id)
                    && !service.customers.iter().any(|c| c.organisation_id == organisation_id)
                {
                    service.customers.push(ServiceCustomer {
                        organisation_id,
                        dpa_reference: String::new(),
                        instructions_reference: String::new(),
                    });
                    service.customers.sort_by_key(|c| c.organisation_id);
                }
            }
        }
        if version < 14 {
            // Verksamhetsspecifika system och tjänster are not catalogue items (riktlinjen, "Tjänster och
            // förändringsinsatser"): as migration 15, a business-specific service becomes a tilläggstjänst invoiced
            // per unit, under its own name.
            for service in self.services.iter_mut().filter(|s| s.category == ServiceCategory::BusinessSpecific) {
                service.category = ServiceCategory::Additional;
                if service.funding_model.is_some() {
                    service.funding_model = Some(FundingModel::InvoicePerUnit);
                }
            }
        }
        if version < 17 {
            self.customers_are_administrations_and_companies(deciders);
        }
    }

    /// Riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen"; "Avsteg från riktlinjen": "Alla
    /// avsteg ska efter dialog med ansvarig leverantör utförligt motiveras av förvaltningen/bolaget. Berörd
    /// nämnd/bolagsstyrelse ska fatta beslut om avsteg." As migration 22 does for a stored portfolio: every nämnd that
    /// is a customer in an older file gives its place to its förvaltning (the first by id, or a new one under it);
    /// an avsteg whose decision is recorded names the nämnd of the motivating förvaltning, or the bolag itself.
    fn customers_are_administrations_and_companies(&mut self, deciders: &[(Id, String)]) {
        let is_board = |organisations: &[Organisation], id: Id| {
            organisations.iter().any(|o| o.id == id && o.kind == OrganisationKind::Board)
        };
        let mut boards: Vec<Id> = Vec::new();
        {
            let mut used = |id: Id| {
                if is_board(&self.organisations, id) && !boards.contains(&id) {
                    boards.push(id);
                }
            };
            self.services.iter().flat_map(|s| &s.customers).for_each(|c| used(c.organisation_id));
            self.initiatives.iter().flat_map(|i| &i.customer_ids).for_each(|&c| used(c));
            self.funding_cases.iter().flat_map(|f| &f.customers).for_each(|c| used(c.organisation_id));
            self.deviations.iter().filter_map(|d| d.organisation_id).for_each(&mut used);
        }
        boards.sort_unstable();
        let mut administration_of: HashMap<Id, Id> = HashMap::new();
        for board in boards {
            let existing = self
                .organisations
                .iter()
                .filter(|o| o.parent_id == Some(board) && o.kind == OrganisationKind::Administration)
                .map(|o| o.id)
                .min();
            let administration = match existing {
                Some(id) => id,
                None => {
                    let board_name = self.organisations.iter().find(|o| o.id == board).map(|o| o.name.clone());
                    let mut name = format!("{} – förvaltning", board_name.unwrap_or_default());
                    if self.organisations.iter().any(|o| o.name.to_lowercase() == name.to_lowercase()) {
                        name = format!("{name} ({board})");
                    }
                    let id = self.organisations.iter().map(|o| o.id).max().unwrap_or(0) + 1;
                    self.organisations.push(Organisation {
                        id,
                        name,
                        kind: OrganisationKind::Administration,
                        parent_id: Some(board),
                    });
                    id
                }
            };
            administration_of.insert(board, administration);
        }
        let moved = |id: Id| administration_of.get(&id).copied().unwrap_or(id);
        for service in &mut self.services {
            let mut customers: Vec<ServiceCustomer> = Vec::new();
            for mut customer in std::mem::take(&mut service.customers) {
                customer.organisation_id = moved(customer.organisation_id);
                match customers.iter_mut().find(|c| c.organisation_id == customer.organisation_id) {
                    Some(kept) => {
                        if kept.dpa_reference.is_empty() {
                            kept.dpa_reference = customer.dpa_reference;
                        }
                        if kept.instructions_reference.is_empty() {
                            kept.instructions_reference = customer.instructions_reference;
                        }
                    }
                    None => customers.push(customer),
                }
            }
            customers.sort_by_key(|c| c.organisation_id);
            service.customers = customers;
        }
        // A benefit a nämnd owned as one of the initiative's customers goes with it (a nämnd owning the initiative
        // stays its owner).
        for benefit in &mut self.benefits {
            let Some(owner) = benefit.owner_id else { continue };
            if let Some(initiative) = self.initiatives.iter().find(|i| i.id == benefit.initiative_id)
                && initiative.owner_id != Some(owner)
                && initiative.customer_ids.contains(&owner)
            {
                benefit.owner_id = Some(moved(owner));
            }
        }
        for initiative in &mut self.initiatives {
            let mut customers: Vec<Id> = Vec::new();
            for id in initiative.customer_ids.iter().map(|&c| moved(c)) {
                if !customers.contains(&id) {
                    customers.push(id);
                }
            }
            initiative.customer_ids = customers;
        }
        // Funding cases: the volumes go with the customer; where both were billed, added year by year.
        for case in &mut self.funding_cases {
            let mut customers: Vec<FundingCustomer> = Vec::new();
            for mut customer in std::mem::take(&mut case.customers) {
                customer.organisation_id = moved(customer.organisation_id);
                match customers.iter_mut().find(|c| c.organisation_id == customer.organisation_id) {
                    Some(kept) => {
                        for (mine, theirs) in kept.forecast_volume.iter_mut().zip(&customer.forecast_volume) {
                            *mine += *theirs;
                        }
                        for (mine, theirs) in kept.actual_volume.iter_mut().zip(&customer.actual_volume) {
                            *mine = match (*mine, *theirs) {
                                (Some(a), Some(b)) => Some(a + b),
                                (a, b) => a.or(b),
                            };
                        }
                    }
                    None => customers.push(customer),
                }
            }
            case.customers = customers;
        }
        for deviation in &mut self.deviations {
            deviation.organisation_id = deviation.organisation_id.map(moved);
        }
        // Who decided an avsteg. A förvaltning without a nämnd belongs to the nämnd its avsteg's decision names.
        for (deviation_id, text) in deciders {
            let named = self
                .organisations
                .iter()
                .find(|o| o.kind == OrganisationKind::Board && o.name.trim().eq_ignore_ascii_case(text.trim()))
                .map(|o| o.id);
            let Some(organisation) = self
                .deviations
                .iter()
                .find(|d| d.id == *deviation_id && d.kind == DeviationKind::OptOut)
                .and_then(|d| d.organisation_id)
            else {
                continue;
            };
            if let (Some(board), Some(o)) = (named, self.organisations.iter_mut().find(|o| o.id == organisation))
                && o.kind == OrganisationKind::Administration
                && o.parent_id.is_none()
            {
                o.parent_id = Some(board);
            }
        }
        let organisations = self.organisations.clone();
        for deviation in self.deviations.iter_mut().filter(|d| d.kind == DeviationKind::OptOut) {
            let named = deciders.iter().any(|(id, text)| *id == deviation.id && !text.trim().is_empty());
            let decided = named
                || deviation.outcome.is_some()
                || deviation.decision_date.is_some()
                || deviation.steps.iter().any(|s| s.step == DeviationStep::BoardDecision);
            if decided
                && deviation.decided_by_id.is_none()
                && let Some(Decider::Is(id)) = deviation
                    .organisation_id
                    .and_then(|o| organisations.iter().find(|x| x.id == o))
                    .map(|o| o.decider(&organisations))
            {
                deviation.decided_by_id = Some(id);
            }
        }
    }

    /// Replaces everything in the portfolio with this data, inside the caller's transaction. `note` names the
    /// source in the history. Fails, writing nothing once the transaction rolls back, on the first problem.
    pub fn replace_into(self, writer: &mut Writer<'_>, note: &str) -> Result<()> {
        self.check_ids()?;
        self.check_unique_names()?;
        self.check_amounts()?;
        if self.security_scale.len() != usize::from(MAX_SECURITY_LEVEL) + 1
            || self.security_scale.iter().any(|l| l.trim().is_empty())
        {
            return Err(Error::BadImport("security_scale must have five non-empty labels (levels 0 to 4)".into()));
        }
        writer.set_aside_packages()?;
        writer.clear()?;
        writer.set_security_scale(&self.security_scale)?;
        for record in self.organisations {
            writer.insert_keeping_id(record)?;
        }
        for record in self.providers {
            writer.insert_keeping_id(record)?;
        }
        for record in self.services {
            writer.insert_keeping_id(record)?;
        }
        for record in self.initiatives {
            writer.insert_keeping_id(record)?;
        }
        for record in self.members {
            writer.insert_keeping_id(record)?;
        }
        for record in self.criteria_sets {
            writer.insert_keeping_id(record)?;
        }
        for record in self.scores {
            writer.insert_keeping_id(record)?;
        }
        for record in self.pairwise {
            writer.insert_keeping_id(record)?;
        }
        for record in self.gate_results {
            writer.insert_keeping_id(record)?;
        }
        for record in self.scenarios {
            writer.insert_keeping_id(record)?;
        }
        if let Some(parameters) = self.parameters {
            writer.insert_keeping_id(parameters)?;
        }
        for record in self.funding_cases {
            writer.insert_keeping_id(record)?;
        }
        for record in self.meetings {
            writer.insert_keeping_id(record)?;
        }
        for record in self.decisions {
            writer.insert_keeping_id(record)?;
        }
        for record in self.attachments {
            writer.insert_keeping_id(record)?;
        }
        writer.insert_keeping_id(self.document_profile.unwrap_or_default())?;
        for record in self.benefits {
            writer.insert_keeping_id(record)?;
        }
        for record in self.deviations {
            writer.insert_keeping_id(record)?;
        }
        for record in self.yearly_analyses {
            writer.insert_keeping_id(record)?;
        }
        for record in self.decided_frames {
            writer.insert_keeping_id(record)?;
        }
        for record in self.actual_outcomes {
            writer.insert_keeping_id(record)?;
        }
        // The check every sheet import passes too (store::whole): one list of kinds, one set of rules.
        writer.check_imported_portfolio(note)?;
        writer.restore_packages()?;
        Ok(())
    }

    /// Every record has a positive id, unique within its kind.
    fn check_ids(&self) -> Result<()> {
        fn unique<T: Stored>(kind: &str, records: &[T]) -> Result<()> {
            let mut seen: HashSet<Id> = HashSet::new();
            for record in records {
                if record.id() <= 0 {
                    return Err(Error::BadImport(format!("{kind} \"{}\" needs a positive id", record.label())));
                }
                if !seen.insert(record.id()) {
                    return Err(Error::BadImport(format!("{kind} id {} appears twice", record.id())));
                }
            }
            Ok(())
        }
        unique("organisation", &self.organisations)?;
        unique("provider", &self.providers)?;
        unique("service", &self.services)?;
        unique("initiative", &self.initiatives)?;
        unique("member", &self.members)?;
        unique("criteria set", &self.criteria_sets)?;
        unique("score", &self.scores)?;
        unique("pairwise comparison", &self.pairwise)?;
        unique("gate result", &self.gate_results)?;
        unique("scenario", &self.scenarios)?;
        unique("funding case", &self.funding_cases)?;
        unique("meeting", &self.meetings)?;
        unique("decision", &self.decisions)?;
        unique("attachment", &self.attachments)?;
        unique("benefit", &self.benefits)?;
        unique("deviation", &self.deviations)?;
        unique("yearly analysis", &self.yearly_analyses)?;
        unique("decided frame", &self.decided_frames)?;
        unique("actual outcome", &self.actual_outcomes)?;
        let mut items: HashSet<Id> = HashSet::new();
        for meeting in &self.meetings {
            for item in &meeting.items {
                if item.id <= 0 || !items.insert(item.id) {
                    return Err(Error::BadImport(format!(
                        "agenda item id {} in the meeting of {} is missing or used twice",
                        item.id, meeting.date
                    )));
                }
            }
        }
        // Criteria and gates are numbered across all sets; ids must be given and unique.
        let mut criteria: HashSet<Id> = HashSet::new();
        let mut gates: HashSet<Id> = HashSet::new();
        for set in &self.criteria_sets {
            for c in &set.criteria {
                if c.id <= 0 || !criteria.insert(c.id) {
                    return Err(Error::BadImport(format!(
                        "criterion id {} in '{}' is missing or used twice",
                        c.id, set.name
                    )));
                }
            }
            for g in &set.gates {
                if g.id <= 0 || !gates.insert(g.id) {
                    return Err(Error::BadImport(format!(
                        "gate id {} in '{}' is missing or used twice",
                        g.id, set.name
                    )));
                }
            }
        }
        Ok(())
    }

    /// Names and case numbers that the portfolio keeps unique (as the forms check them: trimmed, in any case) are
    /// unique in the file; a duplicate is named, before the database would refuse it without saying which.
    fn check_unique_names(&self) -> Result<()> {
        fn unique<'a>(kind: &str, field: &str, values: impl Iterator<Item = &'a str>) -> Result<()> {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for value in values {
                if let Some(first) = seen.insert(value.trim().to_ascii_lowercase(), value) {
                    return Err(Error::BadImport(format!(
                        "two {kind}s have the {field} \"{}\"{}",
                        value.trim(),
                        if first.trim() == value.trim() {
                            String::new()
                        } else {
                            format!(" (and \"{}\")", first.trim())
                        }
                    )));
                }
            }
            Ok(())
        }
        unique("initiative", "case number", self.initiatives.iter().map(|i| i.case_number.as_str()))?;
        unique("organisation", "name", self.organisations.iter().map(|o| o.name.as_str()))?;
        unique("provider", "name", self.providers.iter().map(|p| p.name.as_str()))?;
        unique("service", "name", self.services.iter().map(|s| s.name.as_str()))?;
        unique("member", "name", self.members.iter().map(|m| m.name.as_str()))?;
        unique("criteria set", "name", self.criteria_sets.iter().map(|c| c.name.as_str()))?;
        // One actual outcome per item and year.
        let mut outcomes = HashSet::new();
        for outcome in &self.actual_outcomes {
            if !outcomes.insert((outcome.item, outcome.year)) {
                return Err(Error::BadImport(format!("two actual outcomes of {} for {}", outcome.item, outcome.year)));
            }
        }
        Ok(())
    }

    /// Every amount lies within [`Money::LIMIT`] (10¹² kr either way), as every form and importer requires, so
    /// no sum of a portfolio's amounts comes near the edge of `i64` öre.
    fn check_amounts(&self) -> Result<()> {
        let mut amounts: Vec<(String, Money)> = Vec::new();
        for i in &self.initiatives {
            for c in &i.costs {
                amounts.push((format!("initiative {} costs {}", i.case_number, c.year), c.development));
                amounts.push((format!("initiative {} costs {}", i.case_number, c.year), c.management));
            }
        }
        for s in &self.services {
            amounts.extend(s.price.map(|p| (format!("service \"{}\" price", s.name), p)));
        }
        for b in &self.benefits {
            for value in [b.value_low, b.value_base, b.value_high].into_iter().flatten() {
                amounts.push((format!("benefit \"{}\" value per year", b.name), value));
            }
        }
        for f in &self.funding_cases {
            for y in &f.years {
                let what = format!("funding case {} year {}", f.id, y.year);
                for amount in [Some(y.forecast_fixed), Some(y.forecast_per_unit), y.actual_fixed, y.actual_per_unit]
                    .into_iter()
                    .flatten()
                {
                    amounts.push((what.clone(), amount));
                }
            }
            amounts.extend(f.investment.as_ref().map(|i| (format!("funding case {} investment", f.id), i.amount)));
        }
        for s in &self.scenarios {
            for frame in &s.frames {
                amounts.push((format!("scenario \"{}\" frame {}", s.name, frame.year), frame.development));
                amounts.push((format!("scenario \"{}\" frame {}", s.name, frame.year), frame.management));
            }
        }
        for a in &self.yearly_analyses {
            for investment in &a.investments {
                for cost in &investment.costs {
                    let what =
                        format!("yearly analysis {} of provider {} investment {}", a.year, a.provider_id, cost.year);
                    amounts.push((what, cost.amount));
                }
            }
        }
        for a in &self.actual_outcomes {
            amounts.push((format!("actual outcome {} of {}", a.year, a.item), a.development));
            amounts.push((format!("actual outcome {} of {}", a.year, a.item), a.management));
        }
        for y in self.parameters.iter().flat_map(|p| &p.years) {
            amounts.extend(y.price_base_amount.map(|a| (format!("price base amount {}", y.year), a)));
        }
        match amounts.into_iter().find(|(_, amount)| !amount.within_limit()) {
            Some((what, amount)) => Err(Error::BadImport(format!(
                "{what}: {} öre is beyond the largest amount Samordna accepts, {} öre (10^12 kr)",
                amount.ore(),
                Money::LIMIT.ore()
            ))),
            None => Ok(()),
        }
    }

    /// The JSON Schema of the format, as committed in `docs/portfolio.schema.json`.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(PortfolioData);
        let mut text = serde_json::to_string_pretty(&schema).expect("schema serialises");
        text.push('\n');
        text
    }
}
