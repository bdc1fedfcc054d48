//! Merging a portfolio file into the open portfolio (`samordna import FILE --merge`): records are matched by their
//! natural keys (an initiative's case number, the names of organisations, providers, services, members and criteria
//! sets, a meeting's date and body, a score's criterion, item and member …), a matched record is updated with the
//! fields the file gives and keeps every field it leaves out, an unmatched one is created, and every record the file
//! does not hold stays as it is. Each record goes through the same writer as a form (its checks, the lifecycle's
//! rules, a locked criteria set, the history field by field), and the portfolio as a whole must not break a rule a
//! portfolio import checks that it did not break before.
//!
//! Ids in the file only tie its records together: a reference names a record of the file by the file's id, and is
//! rewritten to the id the portfolio gives that record. Which fields are references is said once, in [`SECTIONS`];
//! a test walks the JSON Schema and fails on any integer or item field that is neither listed there nor declared
//! no reference, so a new reference cannot be forgotten.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{FORMAT, FORMAT_VERSION};
use crate::domain::{
    ActualOutcome, Attachment, Benefit, CriteriaSet, DecidedFrame, Decision, Deviation, DocumentProfile, Entity,
    FormRecord, FundingCase, GateResult, Id, Initiative, Language, Meeting, Member, Organisation, Pairwise, Parameters,
    Provider, Scenario, Score, Service, YearlyAnalysis,
};
use crate::error::{Error, Result};
use crate::store::{Stored, Writer};

/// What a reference field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A record of a section.
    Record(Entity),
    /// A criterion of a criteria set (by the file's id of the criterion).
    Criterion,
    /// A gate of a criteria set.
    Gate,
    /// An agenda item of a meeting.
    AgendaItem,
    /// An initiative or a service, written `initiative:ID` or `service:ID` (a bare integer is an initiative).
    Item,
}

/// Records kept inside another's list with ids of their own, matched by `key` within their parent.
pub struct Nested {
    pub list: &'static str,
    pub target: Target,
    pub key: &'static str,
}

/// One list of a portfolio file, in the order a merge writes them (what a record refers to comes before it).
pub struct Section {
    /// The file's key (`organisations`).
    pub key: &'static str,
    pub entity: Entity,
    /// The fields whose values, after the references are rewritten, find the stored record (compared without
    /// case and surrounding spaces); none for the portfolio's one record of parameters or document profile.
    pub natural_key: &'static [&'static str],
    /// The fields that name other records, as paths (`customers[].organisation_id`: every element's field).
    pub references: &'static [(&'static str, Target)],
    pub nested: &'static [Nested],
}

use Target::{AgendaItem, Criterion, Gate, Item, Record};

/// Every list of the file, in write order.
pub const SECTIONS: &[Section] = &[
    Section {
        key: "organisations",
        entity: Entity::Organisation,
        natural_key: &["name"],
        references: &[("parent_id", Record(Entity::Organisation))],
        nested: &[],
    },
    Section {
        key: "providers",
        entity: Entity::Provider,
        natural_key: &["name"],
        references: &[("organisation_id", Record(Entity::Organisation))],
        nested: &[],
    },
    Section {
        key: "services",
        entity: Entity::Service,
        natural_key: &["name"],
        references: &[
            ("provider_id", Record(Entity::Provider)),
            ("customers[].organisation_id", Record(Entity::Organisation)),
        ],
        nested: &[],
    },
    Section {
        key: "initiatives",
        entity: Entity::Initiative,
        natural_key: &["case_number"],
        references: &[
            ("owner_id", Record(Entity::Organisation)),
            ("provider_id", Record(Entity::Provider)),
            ("customer_ids[]", Record(Entity::Organisation)),
        ],
        nested: &[],
    },
    Section {
        key: "members",
        entity: Entity::Member,
        natural_key: &["name"],
        references: &[("organisation_id", Record(Entity::Organisation))],
        nested: &[],
    },
    Section {
        key: "criteria_sets",
        entity: Entity::CriteriaSet,
        natural_key: &["name"],
        references: &[("initiative_ids[]", Record(Entity::Initiative)), ("service_ids[]", Record(Entity::Service))],
        nested: &[
            Nested { list: "criteria", target: Criterion, key: "name" },
            Nested { list: "gates", target: Gate, key: "name" },
        ],
    },
    Section {
        key: "scores",
        entity: Entity::Score,
        natural_key: &["criterion_id", "item", "member_id"],
        references: &[("criterion_id", Criterion), ("item", Item), ("member_id", Record(Entity::Member))],
        nested: &[],
    },
    Section {
        key: "pairwise",
        entity: Entity::Pairwise,
        natural_key: &["set_id", "member_id"],
        references: &[
            ("set_id", Record(Entity::CriteriaSet)),
            ("member_id", Record(Entity::Member)),
            ("judgements[].a", Criterion),
            ("judgements[].b", Criterion),
        ],
        nested: &[],
    },
    Section {
        key: "gate_results",
        entity: Entity::GateResult,
        natural_key: &["gate_id", "item"],
        references: &[("gate_id", Gate), ("item", Item)],
        nested: &[],
    },
    Section {
        key: "scenarios",
        entity: Entity::Scenario,
        natural_key: &["set_id", "name"],
        references: &[
            ("set_id", Record(Entity::CriteriaSet)),
            ("forced_in[]", Item),
            ("forced_out[]", Item),
            ("dependencies[].item", Item),
            ("dependencies[].requires", Item),
            ("exclusions[].a", Item),
            ("exclusions[].b", Item),
        ],
        nested: &[],
    },
    Section { key: "parameters", entity: Entity::Parameters, natural_key: &[], references: &[], nested: &[] },
    Section {
        key: "funding_cases",
        entity: Entity::FundingCase,
        natural_key: &["initiative_id", "service_id"],
        references: &[
            ("initiative_id", Record(Entity::Initiative)),
            ("service_id", Record(Entity::Service)),
            ("customers[].organisation_id", Record(Entity::Organisation)),
        ],
        nested: &[],
    },
    Section {
        key: "deviations",
        entity: Entity::Deviation,
        natural_key: &["kind", "title", "registered"],
        references: &[
            ("service_id", Record(Entity::Service)),
            ("organisation_id", Record(Entity::Organisation)),
            ("decided_by_id", Record(Entity::Organisation)),
        ],
        nested: &[],
    },
    Section {
        key: "meetings",
        entity: Entity::Meeting,
        natural_key: &["date", "body"],
        references: &[
            ("criteria_set_id", Record(Entity::CriteriaSet)),
            ("people[].member_id", Record(Entity::Member)),
            ("items[].initiative_id", Record(Entity::Initiative)),
            ("items[].service_id", Record(Entity::Service)),
            ("items[].deviation_id", Record(Entity::Deviation)),
            ("items[].scenario_id", Record(Entity::Scenario)),
        ],
        nested: &[Nested { list: "items", target: AgendaItem, key: "title" }],
    },
    Section {
        key: "decisions",
        entity: Entity::Decision,
        natural_key: &["item_id"],
        references: &[("item_id", AgendaItem), ("budget_lines[].item", Item)],
        nested: &[],
    },
    Section {
        key: "attachments",
        entity: Entity::Attachment,
        natural_key: &["item_id", "name"],
        references: &[("item_id", AgendaItem)],
        nested: &[],
    },
    Section {
        key: "document_profile",
        entity: Entity::DocumentProfile,
        natural_key: &[],
        references: &[],
        nested: &[],
    },
    Section {
        key: "benefits",
        entity: Entity::Benefit,
        natural_key: &["initiative_id", "name"],
        references: &[("initiative_id", Record(Entity::Initiative)), ("owner_id", Record(Entity::Organisation))],
        nested: &[],
    },
    Section {
        key: "yearly_analyses",
        entity: Entity::YearlyAnalysis,
        natural_key: &["provider_id", "year"],
        references: &[
            ("provider_id", Record(Entity::Provider)),
            ("investments[].initiative_id", Record(Entity::Initiative)),
            ("development_needs[].service_id", Record(Entity::Service)),
            ("requirements[].organisation_id", Record(Entity::Organisation)),
            ("security_levels[].service_id", Record(Entity::Service)),
        ],
        nested: &[],
    },
    Section {
        key: "decided_frames",
        entity: Entity::DecidedFrame,
        natural_key: &["year"],
        references: &[],
        nested: &[],
    },
    Section {
        key: "actual_outcomes",
        entity: Entity::ActualOutcome,
        natural_key: &["item", "year"],
        references: &[("item", Item)],
        nested: &[],
    },
];

/// One field a merge changes, as JSON text (shortened when long).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergedField {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// A record a merge creates or changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergedRecord {
    pub entity: Entity,
    pub id: Id,
    pub label: String,
    /// `create` or `update`.
    pub action: &'static str,
    /// For an update, every field that changes.
    pub fields: Vec<MergedField>,
}

/// What a merge does (or, rehearsed, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub changed: Vec<MergedRecord>,
    /// Records of the file that match a stored record and change nothing.
    pub unchanged: usize,
    /// Whether the labels of the K/R/T scale change.
    pub security_scale: bool,
}

impl MergeReport {
    pub fn created(&self) -> usize {
        self.changed.iter().filter(|r| r.action == "create").count()
    }
    pub fn updated(&self) -> usize {
        self.changed.iter().filter(|r| r.action == "update").count()
    }
}

/// A merge file read and checked for its shape: the format, this build's version, only known lists.
pub struct MergeFile {
    lists: Map<String, Value>,
}

impl MergeFile {
    pub fn from_json(text: &str) -> Result<MergeFile> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::BadImport(e.to_string()))?;
        let Value::Object(lists) = value else {
            return Err(Error::BadImport("the file is not a JSON object".into()));
        };
        if lists.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(Error::BadImport(format!("the file's \"format\" is not \"{FORMAT}\"")));
        }
        let version = lists.get("format_version").and_then(Value::as_u64);
        if version != Some(u64::from(FORMAT_VERSION)) {
            let shown = version.map_or_else(|| "none".to_string(), |v| v.to_string());
            return Err(Error::BadImport(format!(
                "a merge reads format version {FORMAT_VERSION} only (this file: {shown}); export the portfolio again, \
                 or import the file whole with --replace"
            )));
        }
        for key in lists.keys() {
            let known = ["format", "format_version", "security_scale"].contains(&key.as_str())
                || SECTIONS.iter().any(|s| s.key == key);
            if !known {
                return Err(Error::BadImport(format!("unknown list \"{key}\"")));
            }
        }
        Ok(MergeFile { lists })
    }

    /// Merges the file into the portfolio inside the writer's transaction; `note` goes into the history of every
    /// change. Fails, writing nothing once the transaction rolls back, on the first problem.
    pub fn merge_into(&self, writer: &mut Writer<'_>, note: &str) -> Result<MergeReport> {
        writer.set_note(note);
        let broken_before: BTreeSet<_> = writer.read().broken_records()?.iter().map(|b| b.key()).collect();
        let mut merge = Merge {
            ids: HashMap::new(),
            nested_seen: std::collections::HashSet::new(),
            report: MergeReport::default(),
        };
        if let Some(scale) = self.lists.get("security_scale") {
            let labels: Vec<String> = serde_json::from_value::<Vec<String>>(scale.clone())
                .map_err(|e| Error::BadImport(format!("security_scale: {e}")))?
                .into_iter()
                .map(|label| label.trim().to_string())
                .collect();
            if labels.len() != usize::from(crate::domain::MAX_SECURITY_LEVEL) + 1
                || labels.iter().any(|l| l.trim().is_empty())
            {
                return Err(Error::BadImport("security_scale must have five non-empty labels (levels 0 to 4)".into()));
            }
            if labels != writer.read().security_scale()? {
                writer.set_security_scale(&labels)?;
                merge.report.security_scale = true;
            }
        }
        for section in SECTIONS {
            let records = match self.lists.get(section.key) {
                None | Some(Value::Null) => continue,
                Some(Value::Array(records)) => records.clone(),
                Some(record @ Value::Object(_)) if section.natural_key.is_empty() => vec![record.clone()],
                Some(_) => return Err(Error::BadImport(format!("\"{}\" is not a list", section.key))),
            };
            merge.section(writer, section, records)?;
        }
        // The portfolio as a whole, as a portfolio import checks it: a merge may not break what held before.
        for broken in writer.read().broken_records()? {
            if !broken_before.contains(&broken.key()) {
                let mut problems = crate::domain::Problems::new();
                problems.add(broken.error.field.clone(), broken.error.rule.clone());
                return Err(Error::Invalid { entity: broken.entity, label: broken.label, problems });
            }
        }
        Ok(merge.report)
    }
}

struct Merge {
    /// The file's id of a record (or a criterion, gate or agenda item) → the portfolio's.
    ids: HashMap<(Target, Id), Id>,
    /// The nested ids the file has used (each once).
    nested_seen: std::collections::HashSet<(Target, Id)>,
    report: MergeReport,
}

/// Fields a merge never sets: the approval of a meeting's minutes is recorded by `meetings approve` (who checked
/// them, when), never by a file; a created meeting is not approved.
const NOT_MERGED: &[(Entity, &str)] = &[(Entity::Meeting, "approved_at"), (Entity::Meeting, "approved_by")];

impl Merge {
    fn section(&mut self, writer: &mut Writer<'_>, section: &Section, records: Vec<Value>) -> Result<()> {
        match section.entity {
            Entity::Organisation => self.records::<Organisation>(writer, section, records),
            Entity::Provider => self.records::<Provider>(writer, section, records),
            Entity::Service => self.records::<Service>(writer, section, records),
            Entity::Initiative => self.records::<Initiative>(writer, section, records),
            Entity::Member => self.records::<Member>(writer, section, records),
            Entity::CriteriaSet => self.records::<CriteriaSet>(writer, section, records),
            Entity::Score => self.records::<Score>(writer, section, records),
            Entity::Pairwise => self.records::<Pairwise>(writer, section, records),
            Entity::GateResult => self.records::<GateResult>(writer, section, records),
            Entity::Scenario => self.records::<Scenario>(writer, section, records),
            Entity::Parameters => self.records::<Parameters>(writer, section, records),
            Entity::FundingCase => self.records::<FundingCase>(writer, section, records),
            Entity::Deviation => self.records::<Deviation>(writer, section, records),
            Entity::Meeting => self.records::<Meeting>(writer, section, records),
            Entity::Decision => self.records::<Decision>(writer, section, records),
            Entity::Attachment => self.records::<Attachment>(writer, section, records),
            Entity::DocumentProfile => self.records::<DocumentProfile>(writer, section, records),
            Entity::Benefit => self.records::<Benefit>(writer, section, records),
            Entity::YearlyAnalysis => self.records::<YearlyAnalysis>(writer, section, records),
            Entity::DecidedFrame => self.records::<DecidedFrame>(writer, section, records),
            Entity::ActualOutcome => self.records::<ActualOutcome>(writer, section, records),
        }
    }

    fn records<T>(&mut self, writer: &mut Writer<'_>, section: &Section, records: Vec<Value>) -> Result<()>
    where
        T: Stored + PartialEq + Clone + Serialize + DeserializeOwned,
    {
        let what = |i: usize| format!("{}[{i}]", section.key);
        // The file's own ids, each once.
        let mut file_ids = BTreeSet::new();
        for (i, record) in records.iter().enumerate() {
            if !record.is_object() {
                return Err(Error::BadImport(format!("{} is not an object", what(i))));
            }
            if let Some(id) = positive_id(&record["id"], &what(i))?
                && !file_ids.insert(id)
            {
                return Err(Error::BadImport(format!("{}: the id {id} is used twice in \"{}\"", what(i), section.key)));
            }
        }
        let mut stored: HashMap<String, Value> = HashMap::new();
        for record in writer.read().all::<T>()? {
            let value = serde_json::to_value(&record).map_err(|e| Error::BadImport(e.to_string()))?;
            stored.insert(natural_key(section, &value), value);
        }
        // A record that names another of its own list (an organisation's parent) comes after it.
        let own = Record(section.entity);
        let mut waiting: Vec<(usize, Value)> = records.into_iter().enumerate().collect();
        let mut seen_keys = BTreeSet::new();
        while !waiting.is_empty() {
            let before = waiting.len();
            let mut later = Vec::new();
            for (i, record) in waiting {
                let names_unmerged = section.references.iter().any(|(path, target)| {
                    *target == own
                        && referenced_ids(&record, path)
                            .iter()
                            .any(|id| file_ids.contains(id) && !self.ids.contains_key(&(own, *id)))
                });
                if names_unmerged {
                    later.push((i, record));
                } else {
                    self.record::<T>(writer, section, &what(i), record, &mut stored, &mut seen_keys)?;
                }
            }
            if later.len() == before {
                return Err(Error::BadImport(format!("{}: the records refer to each other in a circle", section.key)));
            }
            waiting = later;
        }
        Ok(())
    }

    fn record<T>(
        &mut self,
        writer: &mut Writer<'_>,
        section: &Section,
        what: &str,
        mut record: Value,
        stored: &mut HashMap<String, Value>,
        seen_keys: &mut BTreeSet<String>,
    ) -> Result<()>
    where
        T: Stored + PartialEq + Clone + Serialize + DeserializeOwned,
    {
        let file_id = positive_id(&record["id"], what)?;
        for (path, target) in section.references {
            self.rewrite(&mut record, path, *target, what)?;
        }
        let key = natural_key(section, &record);
        if !seen_keys.insert(key.clone()) {
            return Err(Error::BadImport(format!(
                "{what}: the file holds this {} twice ({key})",
                entity_name(section)
            )));
        }
        let matched = stored.get(&key).cloned();
        let file = record.as_object().cloned().unwrap_or_default();
        let mut merged = match &matched {
            Some(old) => {
                let mut merged = old.clone();
                // The key's fields find the record and keep its spelling (a merge does not rename).
                for (field, value) in &file {
                    if field != "id"
                        && !section.natural_key.contains(&field.as_str())
                        && !NOT_MERGED.contains(&(section.entity, field.as_str()))
                    {
                        merged[field] = value.clone();
                    }
                }
                merged
            }
            None => {
                let mut merged = record.clone();
                merged["id"] = Value::from(0);
                for (entity, field) in NOT_MERGED {
                    if *entity == section.entity && merged.get(*field).is_some() {
                        merged[*field] = Value::Null;
                    }
                }
                merged
            }
        };
        // Nested records keep the portfolio's ids where they match by their key within the record: among stored
        // elements of the same key the one with the file's id first (an export reordered), then the first; an
        // element whose key changed keeps its id when the file gives the stored id (an export renamed). Each nested
        // id is used once in the file.
        let mut nested_file_ids: Vec<(&Nested, Vec<Option<Id>>)> = Vec::new();
        for nested in section.nested {
            let Some(Value::Array(list)) = file.get(nested.list) else { continue };
            let old_list = matched.as_ref().and_then(|m| m[nested.list].as_array().cloned()).unwrap_or_default();
            let mut ids = Vec::new();
            for (i, element) in list.iter().enumerate() {
                let at = format!("{what}.{}[{i}]", nested.list);
                if !element.is_object() {
                    return Err(Error::BadImport(format!("{at} is not an object")));
                }
                let id = positive_id(&element["id"], &at)?;
                if let Some(id) = id
                    && !self.nested_seen.insert((nested.target, id))
                {
                    return Err(Error::BadImport(format!(
                        "{at}: the id {id} is used twice in the file's {}",
                        nested.list
                    )));
                }
                ids.push(id);
            }
            let mut taken: Vec<Option<usize>> = vec![None; list.len()];
            let same_id = |o: &Value, id: Option<Id>| id.is_some() && o["id"].as_i64() == id;
            for (i, element) in list.iter().enumerate() {
                let wanted = text_key(&element[nested.key]);
                let free = |at: &usize| !taken.contains(&Some(*at));
                let keyed: Vec<usize> = (0..old_list.len())
                    .filter(|at| free(at) && text_key(&old_list[*at][nested.key]) == wanted)
                    .collect();
                taken[i] = keyed.iter().copied().find(|&at| same_id(&old_list[at], ids[i])).or(keyed.first().copied());
            }
            for i in 0..list.len() {
                if taken[i].is_none() {
                    let free = |at: &usize| !taken.contains(&Some(*at));
                    taken[i] = (0..old_list.len()).find(|at| free(at) && same_id(&old_list[*at], ids[i]));
                }
            }
            for (i, at) in taken.iter().enumerate() {
                merged[nested.list][i]["id"] = at.map_or(Value::from(0), |at| old_list[at]["id"].clone());
            }
            // A stored element the file leaves out is removed with the record's update: never one that something
            // hangs on (an agenda item's attachments or decision), which the file would then lose unawares.
            let left_out: Vec<(usize, Id)> = (0..old_list.len())
                .filter(|at| !taken.contains(&Some(*at)))
                .filter_map(|at| old_list[at]["id"].as_i64().map(|id| (at, id)))
                .collect();
            if let Some((at, reason)) = held(writer, nested.target, &left_out)? {
                let title = old_list[at][nested.key].as_str().unwrap_or_default();
                return Err(Error::BadImport(format!(
                    "{what}: the file leaves out {} \"{title}\", which has {reason}; keep it in the file (with its id) \
                     or remove it in the app",
                    nested.list.trim_end_matches('s')
                )));
            }
            nested_file_ids.push((nested, ids));
        }
        let label_of = |value: &Value| value["name"].as_str().or(value["title"].as_str()).unwrap_or(&key).to_string();
        // Read as a form reads it: a date that is no date is a problem of its field, refused with the record's others.
        let mut typed = FormRecord::<T>::read(merged.clone())
            .map_err(|e| Error::BadImport(format!("{what} \"{}\": {e}", label_of(&merged))))?;
        typed.record.set_id(matched.as_ref().map_or(0, |old| old["id"].as_i64().unwrap_or_default()));
        let id = writer.save_form(typed)?;
        let after: T = writer.read().get(id)?;
        let label = after.label();
        let after = serde_json::to_value(&after).map_err(|e| Error::BadImport(e.to_string()))?;
        if let Some(file_id) = file_id {
            self.ids.insert((Record(section.entity), file_id), id);
        }
        for (nested, ids) in nested_file_ids {
            let placed = after[nested.list].as_array().cloned().unwrap_or_default();
            for (file_id, element) in ids.iter().zip(&placed) {
                if let (Some(file_id), Some(id)) = (file_id, element["id"].as_i64()) {
                    self.ids.insert((nested.target, *file_id), id);
                }
            }
        }
        match matched {
            None => self.report.changed.push(MergedRecord {
                entity: section.entity,
                id,
                label,
                action: "create",
                fields: Vec::new(),
            }),
            Some(old) => {
                let fields = changed_fields(&old, &after);
                if fields.is_empty() {
                    self.report.unchanged += 1;
                } else {
                    self.report.changed.push(MergedRecord {
                        entity: section.entity,
                        id,
                        label,
                        action: "update",
                        fields,
                    });
                }
            }
        }
        stored.insert(key, after);
        Ok(())
    }

    /// What hangs on a stored agenda item (its attachments, its decision), if anything.
    /// Rewrites the references at `path` from the file's ids to the portfolio's.
    fn rewrite(&self, record: &mut Value, path: &str, target: Target, what: &str) -> Result<()> {
        let mut result = Ok(());
        each_at(record, path, &mut |value| {
            if result.is_err() || value.is_null() {
                return;
            }
            result = self
                .portfolio_reference(value, target)
                .map_err(|reason| Error::BadImport(format!("{what}: {} {reason}", path.replace("[]", ""))));
        });
        result
    }

    fn portfolio_reference(&self, value: &mut Value, target: Target) -> std::result::Result<(), String> {
        let is_item = target == Item;
        let (target, id) = match target {
            Item => match item_of(value) {
                Some((entity, id)) => (Record(entity), id),
                None => return Err(format!("is not an item (initiative:ID or service:ID): {value}")),
            },
            other => match value.as_i64() {
                Some(id) => (other, id),
                None => return Err(format!("is not an id: {value}")),
            },
        };
        let Some(mapped) = self.ids.get(&(target, id)) else {
            return Err(format!(
                "names {} {id}, which the file does not hold (a record the file refers to must be in it, at least \
                 with its id and key)",
                target_name(target)
            ));
        };
        *value = match target {
            Record(entity) if is_item => Value::from(format!("{}:{mapped}", entity.key())),
            _ => Value::from(*mapped),
        };
        Ok(())
    }
}

/// The first of the stored agenda items `elements` (position, id) that something hangs on (its attachments, its
/// decision), read once for them all.
fn held(writer: &Writer<'_>, target: Target, elements: &[(usize, Id)]) -> Result<Option<(usize, &'static str)>> {
    if target != AgendaItem || elements.is_empty() {
        return Ok(None);
    }
    let reader = writer.read();
    let attached: BTreeSet<Id> = reader.all::<Attachment>()?.iter().map(|a| a.item_id).collect();
    let decided: BTreeSet<Id> = reader.all::<Decision>()?.iter().map(|d| d.item_id).collect();
    Ok(elements.iter().find_map(|&(at, id)| {
        if attached.contains(&id) {
            Some((at, "attachments"))
        } else if decided.contains(&id) {
            Some((at, "a decision"))
        } else {
            None
        }
    }))
}

fn entity_name(section: &Section) -> String {
    section.entity.label(Language::En).to_lowercase()
}

fn target_name(target: Target) -> String {
    match target {
        Record(entity) => entity.label(Language::En).to_lowercase(),
        Criterion => "criterion".into(),
        Gate => "gate".into(),
        AgendaItem => "agenda item".into(),
        Item => "item".into(),
    }
}

/// An item reference's kind and id: `initiative:12`, `service:3` or a bare integer (an initiative).
fn item_of(value: &Value) -> Option<(Entity, Id)> {
    if let Some(id) = value.as_i64() {
        return Some((Entity::Initiative, id));
    }
    let (kind, id) = value.as_str()?.split_once(':')?;
    let id = id.parse().ok()?;
    match kind {
        "initiative" => Some((Entity::Initiative, id)),
        "service" => Some((Entity::Service, id)),
        _ => None,
    }
}

/// The ids a path names in a record (items not included), to order records that refer to their own kind.
fn referenced_ids(record: &Value, path: &str) -> Vec<Id> {
    let mut record = record.clone();
    let mut ids = Vec::new();
    each_at(&mut record, path, &mut |value| ids.extend(value.as_i64()));
    ids
}

/// Calls `f` with every value at `path` (`a.b`, `list[].field`, `list[]`); a missing field is skipped.
pub fn each_at(value: &mut Value, path: &str, f: &mut dyn FnMut(&mut Value)) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let (field, every) = match head.strip_suffix("[]") {
        Some(field) => (field, true),
        None => (head, false),
    };
    let Some(inner) = value.as_object_mut().and_then(|o| o.get_mut(field)) else { return };
    let mut visit = |v: &mut Value| match rest {
        Some(rest) => each_at(v, rest, f),
        None => f(v),
    };
    if every {
        if let Some(list) = inner.as_array_mut() {
            list.iter_mut().for_each(&mut visit);
        }
    } else {
        visit(inner);
    }
}

/// A positive id, or none for a missing, null or 0 id; a negative or non-integer id is refused.
fn positive_id(value: &Value, what: &str) -> Result<Option<Id>> {
    match value {
        Value::Null => Ok(None),
        value => match value.as_i64() {
            Some(0) => Ok(None),
            Some(id) if id > 0 => Ok(Some(id)),
            _ => Err(Error::BadImport(format!("{what}: the id must be a positive integer, not {value}"))),
        },
    }
}

/// A value as a key: texts without case and surrounding spaces, an item as `initiative:ID`.
fn text_key(value: &Value) -> String {
    match value {
        Value::String(text) => text.trim().to_lowercase(),
        other => other.to_string(),
    }
}

fn natural_key(section: &Section, record: &Value) -> String {
    section.natural_key.iter().map(|field| text_key(&record[*field])).collect::<Vec<_>>().join(" / ")
}

/// The top-level fields that differ, as shortened JSON text.
fn changed_fields(old: &Value, new: &Value) -> Vec<MergedField> {
    let empty = Map::new();
    let (old, new) = (old.as_object().unwrap_or(&empty), new.as_object().unwrap_or(&empty));
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| match (old.get(f), new.get(f)) {
            // A list says how many entries it has and which changed, not two long prefixes that look the same.
            (Some(Value::Array(was)), Some(Value::Array(now))) => {
                let changed: Vec<String> = (0..was.len().max(now.len()))
                    .filter(|i| was.get(*i) != now.get(*i))
                    .map(|i| format!("[{i}]"))
                    .collect();
                MergedField {
                    field: f.clone(),
                    old: format!("{} entries", was.len()),
                    new: format!("{} entries, changed: {}", now.len(), changed.join(" ")),
                }
            }
            (was, now) => MergedField { field: f.clone(), old: shortened(was), new: shortened(now) },
        })
        .collect()
}

fn shortened(value: Option<&Value>) -> String {
    let text = value.map_or_else(String::new, Value::to_string);
    if text.chars().count() > 80 { format!("{}…", text.chars().take(79).collect::<String>()) } else { text }
}
