//! The providers' yearly analyses: one row per provider and year, its lists as JSON text.

use crate::time::{NaiveDate, optional_date_text};
use rusqlite::{Connection, params};

use super::history::{self, Why};
use super::record::{
    Stored, exists, id_or_new, json_column, key_column, optional_date_column, record_id, select_all, select_one,
};
use super::{Reader, Writer};
use crate::domain::{
    AnalysisPart, AnalysisRound, AnalysisStanding, AnalysisState, Audited, Entity, Id, Initiative, InitiativeDraft,
    LevelChange, LevelOutcome, Problems, Provider, Reason, Rule, Service, ServiceState, YearCost, YearlyAnalysis,
    add_development, standings,
};
use crate::error::{Error, Result};

const COLUMNS: &str = "id, provider_id, year, state, submitted, presented, strategic_direction, investments, \
                       development_needs, requirements, security_levels, no_investments, no_development_needs, \
                       no_requirements";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<YearlyAnalysis> {
    Ok(YearlyAnalysis {
        id: row.get(0)?,
        provider_id: row.get(1)?,
        year: row.get(2)?,
        state: key_column(row, 3, AnalysisState::from_key)?,
        submitted: optional_date_column(row, 4)?,
        presented: optional_date_column(row, 5)?,
        strategic_direction: row.get(6)?,
        investments: json_column(row, 7)?,
        development_needs: json_column(row, 8)?,
        requirements: json_column(row, 9)?,
        security_levels: json_column(row, 10)?,
        no_investments: row.get(11)?,
        no_development_needs: row.get(12)?,
        no_requirements: row.get(13)?,
    })
}

fn write(conn: &Connection, a: &YearlyAnalysis, id: Option<Id>) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO yearly_analysis ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
             ?12, ?13, ?14)"
        ),
        params![
            id,
            a.provider_id,
            a.year,
            a.state.key(),
            optional_date_text(a.submitted),
            optional_date_text(a.presented),
            a.strategic_direction,
            json(&a.investments),
            json(&a.development_needs),
            json(&a.requirements),
            json(&a.security_levels),
            a.no_investments,
            a.no_development_needs,
            a.no_requirements,
        ],
    )?;
    Ok(())
}

/// A list of the record as JSON text (the record's lists always serialise).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("analysis lists serialise")
}

impl Stored for YearlyAnalysis {
    const TABLE: &'static str = "yearly_analysis";
    record_id!();

    fn load_all(conn: &Connection) -> Result<Vec<Self>> {
        select_all(conn, "yearly_analysis", COLUMNS, "year DESC, provider_id, id", from_row)
    }

    fn load(conn: &Connection, id: Id) -> Result<Option<Self>> {
        select_one(conn, "yearly_analysis", COLUMNS, id, from_row)
    }

    fn check_alone(&self) -> Problems {
        self.check()
    }

    fn check_against(&self, conn: &Connection, problems: &mut Problems) -> Result<()> {
        if !exists(conn, "provider", self.provider_id)? {
            problems.add("provider_id", Rule::UnknownReference);
        } else {
            let taken: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM yearly_analysis WHERE provider_id = ?1 AND year = ?2 AND id <> ?3)",
                params![self.provider_id, self.year, self.id],
                |row| row.get(0),
            )?;
            if taken {
                problems.add("year", Rule::Duplicate);
            }
        }
        for (i, investment) in self.investments.iter().enumerate() {
            if let Some(initiative) = investment.initiative_id
                && !exists(conn, "initiative", initiative)?
            {
                problems.add(format!("investments[{i}].initiative_id"), Rule::UnknownReference);
            }
        }
        // A need may name any shared service the provider's development touches; a level only the provider's own.
        for (i, need) in self.development_needs.iter().enumerate() {
            if let Some(service) = need.service_id
                && !exists(conn, "service", service)?
            {
                problems.add(format!("development_needs[{i}].service_id"), Rule::UnknownReference);
            }
        }
        for (i, requirement) in self.requirements.iter().enumerate() {
            if let Some(organisation) = requirement.organisation_id
                && !exists(conn, "organisation", organisation)?
            {
                problems.add(format!("requirements[{i}].organisation_id"), Rule::UnknownReference);
            }
        }
        for (i, level) in self.security_levels.iter().enumerate() {
            match Service::load(conn, level.service_id)? {
                None => problems.add(format!("security_levels[{i}].service_id"), Rule::UnknownReference),
                // Riktlinjen: the provider says which level shall apply to each of *its* shared services.
                Some(service) if service.provider_id != Some(self.provider_id) => problems.add(
                    format!("security_levels[{i}].service_id"),
                    Rule::NotAllowed { reason: Reason::ServiceOfAnotherProvider },
                ),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn normalise(&mut self) {
        YearlyAnalysis::normalise(self);
    }

    /// What its state needs against the stored version: the form's live check shows it before a save asks it.
    fn state_problems(&self, conn: &Connection) -> Result<Problems> {
        let mut record = self.clone();
        record.normalise();
        let before = if record.id == 0 { None } else { YearlyAnalysis::load(conn, record.id)? };
        state_problems(&record, before.as_ref(), conn)
    }

    /// *Inlämnad* and *Presenterad* need the guideline's content ([`YearlyAnalysis::handed_in_problems`]). Imports
    /// restore analyses as they were, so this is a rule of changes, not of every stored analysis.
    fn guard_change(&self, before: Option<&Self>, conn: &Connection) -> Result<()> {
        let problems = state_problems(self, before, conn)?;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid { entity: Entity::YearlyAnalysis, label: history::label_of(conn, self)?, problems })
        }
    }

    fn insert(&self, conn: &Connection) -> Result<Id> {
        // `write` replaces a row by its id; a second analysis for the provider and year must not replace the first
        // (two in one imported file would silently become one).
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM yearly_analysis WHERE provider_id = ?1 AND year = ?2)",
            params![self.provider_id, self.year],
            |row| row.get(0),
        )?;
        if taken {
            let mut problems = Problems::new();
            problems.add("year", Rule::Duplicate);
            return Err(Error::Invalid { entity: Self::ENTITY, label: self.label(), problems });
        }
        write(conn, self, id_or_new(self.id))?;
        Ok(conn.last_insert_rowid())
    }

    fn update(&self, conn: &Connection) -> Result<()> {
        write(conn, self, Some(self.id))
    }

    fn used_by(_conn: &Connection, _id: Id) -> Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn depends_on(&self) -> Vec<(crate::domain::Entity, Id)> {
        let services = self.security_levels.iter().map(|l| l.service_id);
        let needs = self.development_needs.iter().filter_map(|n| n.service_id);
        std::iter::once((crate::domain::Entity::Provider, self.provider_id))
            .chain(services.chain(needs).map(|s| (crate::domain::Entity::Service, s)))
            .collect()
    }
}

/// Labels of the analyses whose lists name the record `id` at `path` (`$.service_id` in `column`), for the
/// `used_by` of services, initiatives and organisations.
pub(crate) fn analyses_naming(conn: &Connection, column: &str, path: &str, id: Id) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT DISTINCT 'Årlig analys ' || a.year || ', ' || p.name FROM yearly_analysis a
         JOIN provider p ON p.id = a.provider_id, json_each(a.{column}) e
         WHERE json_extract(e.value, '{path}') = ?1"
    );
    let mut statement = conn.prepare(&sql)?;
    Ok(statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// What `analysis` lacks for its state, given the stored version `before` (`None` when it is new): a handed-in or
/// presented analysis keeps its direction and its lists (or their "none"). The level of each of the provider's
/// services is checked when the analysis enters the state; after that, a level it lists or changes must be whole,
/// but a service added to the catalogue later (or one taken out of the analysis to be deleted) does not lock an
/// analysis the group already has.
fn state_problems(analysis: &YearlyAnalysis, before: Option<&YearlyAnalysis>, conn: &Connection) -> Result<Problems> {
    if analysis.state == AnalysisState::Draft {
        return Ok(Problems::new());
    }
    let mut problems = analysis.content_problems();
    let services = Service::load_all(conn)?;
    match before {
        Some(before) if before.state == analysis.state => {
            // Only the entries that are new or changed.
            let changed: Vec<Service> = services
                .into_iter()
                .filter(|s| {
                    let now = analysis.security_levels.iter().find(|l| l.service_id == s.id);
                    let then = before.security_levels.iter().find(|l| l.service_id == s.id);
                    now.is_some() && now != then
                })
                .collect();
            analysis.level_problems(&changed, &mut problems);
        }
        _ => analysis.level_problems(&services, &mut problems),
    }
    Ok(problems)
}

/// The provider's analysis for `year`, refused unless the group has taken part of it (*Presenterad*).
fn presented(reader: &Reader<'_>, provider_id: Id, year: i32) -> Result<(Provider, YearlyAnalysis, String)> {
    let provider: Provider = reader.get(provider_id)?;
    let analysis = reader
        .analysis_of(provider_id, year)?
        .ok_or_else(|| Error::NoAnalysis { provider: provider.name.clone(), year })?;
    let label = history::label_of(reader.conn, &analysis)?;
    if analysis.state != AnalysisState::Presented {
        return Err(Error::AnalysisNotPresented { label, state: analysis.state });
    }
    Ok((provider, analysis, label))
}

/// Refuses a year outside the years an analysis may have (the years Samordna plans for).
fn check_year(year: i32) -> Result<()> {
    crate::error::planning_year(year.into()).map(|_| ())
}

impl Reader<'_> {
    /// Every provider once, with its analysis for `year` (or none) and whether it is late on `today`, by the due
    /// day of the city's practice (`Parameters.practice.analysis_due`).
    pub fn analysis_standings(&self, year: i32, today: NaiveDate) -> Result<Vec<AnalysisStanding>> {
        check_year(year)?;
        let due = self.parameters()?.practice.analysis_due;
        Ok(standings(&self.providers()?, &self.analyses()?, year, due, today))
    }

    /// The analyses most recently due on `today` (the year whose due day has passed last), every provider's
    /// standing: what the dashboard shows.
    pub fn analysis_round(&self, today: NaiveDate) -> Result<AnalysisRound> {
        let due = self.parameters()?.practice.analysis_due;
        let year = due.current_year(today);
        Ok(AnalysisRound {
            year,
            due: due.date_for(year),
            standings: standings(&self.providers()?, &self.analyses()?, year, due, today),
        })
    }

    /// What applying the levels of `provider_id`'s analysis for `year` does to each of its services (refused
    /// unless the analysis is presented to the group): the preview of [`Writer::apply_analysis_levels`].
    pub fn analysis_level_changes(&self, provider_id: Id, year: i32) -> Result<Vec<LevelChange>> {
        let (_, analysis, _) = presented(self, provider_id, year)?;
        Ok(analysis.level_changes(&self.services()?))
    }

    /// A free case number for a new shared initiative registered in `year`: the prefix most shared initiatives
    /// have (`SLK` when there are none), the year, and the next serial after the highest of that prefix and year.
    pub fn suggested_case_number(&self, year: i32) -> Result<String> {
        let initiatives = self.initiatives()?;
        let mut prefixes: Vec<(usize, String)> = Vec::new();
        for initiative in initiatives.iter().filter(|i| i.track == crate::domain::Track::Shared) {
            if let Some((prefix, _)) = initiative.case_number.split_once('-') {
                match prefixes.iter_mut().find(|(_, p)| p == prefix) {
                    Some((count, _)) => *count += 1,
                    None => prefixes.push((1, prefix.to_string())),
                }
            }
        }
        // The most used; on a tie, the first in alphabetical order.
        prefixes.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let prefix = prefixes.first().map_or("SLK", |(_, p)| p.as_str());
        let start = format!("{prefix}-{year}-");
        let (mut serial, mut width) = (0u64, 5usize);
        for case in initiatives.iter().filter_map(|i| i.case_number.strip_prefix(&start)) {
            if let Ok(n) = case.parse::<u64>() {
                serial = serial.max(n);
                width = width.max(case.len());
            }
        }
        Ok(format!("{start}{:0width$}", serial + 1))
    }
}

/// What taking a development need into its service's planned costs did: the service and its costs before and after.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlannedCosts {
    pub service_id: Id,
    pub service: String,
    pub before: Vec<YearCost>,
    pub after: Vec<YearCost>,
}

impl Writer<'_> {
    /// Runs `f` with `note` kept with its changes in the history, then puts the writer's note back.
    fn with_note<T>(&mut self, note: String, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let before = std::mem::replace(&mut self.why, Why::note(note));
        let result = f(self);
        self.why = before;
        result
    }

    /// Applies the levels of `provider_id`'s presented analysis for `year` to its services, each change in the
    /// service's history with the analysis as its note; a service that takes a level while marked as handling no
    /// information loses the mark. Retired services and services now another provider's are left as they are.
    /// Returns what changed and what did not, as [`Reader::analysis_level_changes`] previews it. All or nothing.
    pub fn apply_analysis_levels(&mut self, provider_id: Id, year: i32) -> Result<Vec<LevelChange>> {
        let (_, analysis, label) = presented(&self.read(), provider_id, year)?;
        let changes = analysis.level_changes(&self.read().services()?);
        let note = format!(
            "Nivå enligt {label}, presenterad för samordningsgruppen {}",
            optional_date_text(analysis.presented)
        );
        self.with_note(note, |w| {
            for change in changes.iter().filter(|c| c.outcome == LevelOutcome::Changes) {
                let mut service: Service = w.read().get(change.service_id)?;
                service.security = change.new.clone();
                if service.security.aspects().iter().any(|(_, a)| a.is_some()) {
                    service.handles_no_information = false;
                }
                w.update(service)?;
            }
            Ok(())
        })?;
        Ok(changes)
    }

    /// Makes the investment at `index` (from 0) of `provider_id`'s presented analysis for `year` a draft initiative
    /// ([`YearlyAnalysis::draft_initiative`]: shared track, the provider, its costs per year as development costs,
    /// owned by the provider's board unless `draft` names the owner) with the draft's case number, title and
    /// starting state (*Identifierad* or *Analys*; another is refused by the lifecycle), and links the investment to
    /// it; both changes in the history with the analysis as their note. Refused when the
    /// investment already names an initiative. Returns the initiative's id.
    pub fn initiative_from_investment(
        &mut self,
        provider_id: Id,
        year: i32,
        index: usize,
        draft: &InitiativeDraft,
    ) -> Result<Id> {
        let reader = self.read();
        let (provider, mut analysis, label) = presented(&reader, provider_id, year)?;
        let (part, number) = (AnalysisPart::Investment, index + 1);
        let Some(investment) = analysis.investments.get(index) else {
            return Err(Error::NoSuchEntry { label, part, number, count: analysis.investments.len() });
        };
        if let Some(id) = investment.initiative_id {
            let taken = Initiative::load(reader.conn, id)?.map_or_else(|| format!("#{id}"), |i| i.label());
            return Err(Error::AlreadyTaken { label, part, number, taken });
        }
        let initiative = analysis.draft_initiative(index, &provider, draft).expect("the investment exists");
        let note = format!("Från {label}: satsning {number}");
        self.with_note(note, |w| {
            let id = w.create(initiative)?;
            analysis.investments[index].initiative_id = Some(id);
            w.update(analysis)?;
            Ok(id)
        })
    }

    /// Adds the estimated costs of the development need at `index` (from 0) of `provider_id`'s presented analysis
    /// for `year` to the planned development cost of its service (the one it names, or `service_id` when it names
    /// none, which it then names), once: the need is marked as in the service's costs. A service without costs of
    /// its own starts from what it is weighed with (its funding case's forecast). Both changes in the history with
    /// the analysis as their note.
    pub fn need_into_service_costs(
        &mut self,
        provider_id: Id,
        year: i32,
        index: usize,
        service_id: Option<Id>,
    ) -> Result<PlannedCosts> {
        let reader = self.read();
        let (_, mut analysis, label) = presented(&reader, provider_id, year)?;
        let (part, number) = (AnalysisPart::DevelopmentNeed, index + 1);
        let Some(need) = analysis.development_needs.get(index).cloned() else {
            return Err(Error::NoSuchEntry { label, part, number, count: analysis.development_needs.len() });
        };
        let service_id = match (need.service_id, service_id) {
            (Some(named), Some(given)) if named != given => {
                let service: Service = reader.get(named)?;
                return Err(Error::NeedOfAnotherService { label, number, service: service.name });
            }
            (Some(id), _) | (None, Some(id)) => id,
            (None, None) => return Err(Error::NeedWithoutService { label, number }),
        };
        let mut service: Service = reader.get(service_id)?;
        if need.in_service_costs {
            return Err(Error::AlreadyTaken { label, part, number, taken: service.name });
        }
        if need.costs.is_empty() {
            return Err(Error::NothingToPlan { label, part, number });
        }
        if service.state == ServiceState::Retired {
            return Err(Error::ServiceRetired { name: service.name });
        }
        let before = reader.weighed_costs(&service)?;
        let after = add_development(&before, &need.costs);
        service.costs = after.clone();
        let name = service.name.clone();
        let note = format!("Planerad utveckling från {label}: behov {number}, {}", need.title);
        self.with_note(note, |w| {
            w.update(service)?;
            let entry = &mut analysis.development_needs[index];
            entry.service_id = Some(service_id);
            entry.in_service_costs = true;
            w.update(analysis)
        })?;
        Ok(PlannedCosts { service_id, service: name, before, after })
    }
}
