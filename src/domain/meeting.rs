//! Meetings of the group: who is called, the agenda, attachments and the decisions recorded.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{AuditValue, Audited, DecisionOutcome, Entity, Id, ItemKind, PersonRole, Referent, is_case_number};
use super::{audited_by_name, audited_id};
use crate::time::{Datelike, NaiveDate};

/// The body that meets, by default.
pub const DEFAULT_BODY: &str = "Strategisk samordningsgrupp för digitalisering";

/// The items a new meeting opens with, in order: the opening, the choice of who checks the minutes with the chair,
/// the approval of the agenda and the declaration of conflicts of interest (jäv). This is the city's practice for a
/// meeting's formalities, not the guideline's (riktlinjen says how the group values and prioritises, not how its
/// meetings are run): a new meeting is offered them, and they are removed or edited like any item.
pub fn opening_items() -> Vec<AgendaItem> {
    // Formalities, not matters: of the kind "Övrigt" with no proposal or summary, so that they get no decision memo
    // of their own; what the group decides on them is recorded in the minutes.
    ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Anmälan om jäv"]
        .into_iter()
        .map(|title| AgendaItem::new(ItemKind::OtherBusiness, title))
        .collect()
}

impl AgendaItem {
    /// A new item of `kind` with its title and nothing else.
    pub fn new(kind: ItemKind, title: &str) -> AgendaItem {
        AgendaItem {
            id: 0,
            kind,
            title: title.into(),
            case_number: String::new(),
            presenter: String::new(),
            officer: String::new(),
            initiative_id: None,
            service_id: None,
            proposed_decision: String::new(),
            summary: String::new(),
            background: String::new(),
            assessment: String::new(),
            confidential: false,
            paragraph: None,
            deviation_id: None,
            scenario_id: None,
            valuation: false,
        }
    }
}

/// Someone called to a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingPerson {
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    pub role: PersonRole,
    /// `null` until attendance is taken.
    pub attended: Option<bool>,
    /// The group member this is, when it is one.
    pub member_id: Option<Id>,
}

/// One item of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Assigned by the portfolio; 0 for a new item.
    #[serde(default)]
    pub id: Id,
    pub kind: ItemKind,
    pub title: String,
    #[serde(default)]
    pub case_number: String,
    #[serde(default)]
    pub presenter: String,
    /// The officer responsible for the decision memo (handläggare).
    #[serde(default)]
    pub officer: String,
    pub initiative_id: Option<Id>,
    pub service_id: Option<Id>,
    /// One proposed decision point per line; the memo numbers them.
    #[serde(default)]
    pub proposed_decision: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub background: String,
    #[serde(default)]
    pub assessment: String,
    /// Secret under the Public Access to Information and Secrecy Act: the papers carry a marking.
    #[serde(default)]
    pub confidential: bool,
    /// The item's § in the minutes; given when the first decision of the meeting is recorded.
    #[serde(default)]
    pub paragraph: Option<i32>,
    /// The opt-out or deviation the item concerns (format version 8): a decision on the item records that the group
    /// was informed of it.
    #[serde(default)]
    pub deviation_id: Option<Id>,
    /// The selection scenario whose budget material the item puts before the group (format version 15): a decision
    /// that prioritises it moves every item of the material at once and keeps what it chose.
    #[serde(default)]
    pub scenario_id: Option<Id>,
    /// The item is the valuation of the meeting's criteria set (format version 16): the members' packages carry
    /// every initiative and service of the set to score, without an agenda item each, and the papers name the set.
    #[serde(default)]
    pub valuation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub body: String,
    /// Written YYYY-MM-DD.
    #[serde(with = "crate::time::date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// HH:MM, or empty.
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_time: String,
    #[serde(default)]
    pub place: String,
    /// A link for remote participation.
    #[serde(default)]
    pub link: String,
    /// The case number of the meeting's papers, if any.
    #[serde(default)]
    pub case_number: String,
    /// Who to notify on absence.
    #[serde(default)]
    pub absence_contact: String,
    /// Justerare.
    #[serde(default)]
    pub minutes_checker: String,
    /// The criteria set the meeting values with; it is locked when decisions are recorded.
    pub criteria_set_id: Option<Id>,
    #[serde(default)]
    pub people: Vec<MeetingPerson>,
    #[serde(default)]
    pub items: Vec<AgendaItem>,
    /// Set when the minutes are approved; later changes appear as corrections in the minutes.
    #[serde(default)]
    pub approved_at: Option<String>,
    #[serde(default)]
    pub approved_by: Option<String>,
}

fn is_time(text: &str) -> bool {
    text.is_empty() || crate::time::parse_time_of_day(text).is_some()
}

impl Meeting {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("body", &self.body, true, MAX_NAME);
        for field in ["start_time", "end_time"] {
            let value = if field == "start_time" { &self.start_time } else { &self.end_time };
            if !is_time(value) {
                problems.add(field, Rule::Format { expected: "13:00".into() });
            }
        }
        for (field, value) in [
            ("place", &self.place),
            ("link", &self.link),
            ("absence_contact", &self.absence_contact),
            ("minutes_checker", &self.minutes_checker),
        ] {
            problems.text(field, value, false, MAX_NAME);
        }
        if !self.case_number.is_empty() && !is_case_number(&self.case_number) {
            problems.add("case_number", Rule::Format { expected: super::CASE_NUMBER_EXAMPLE.into() });
        }
        for (i, p) in self.people.iter().enumerate() {
            problems.text(&format!("people[{i}].name"), &p.name, true, MAX_NAME);
            problems.text(&format!("people[{i}].organisation"), &p.organisation, false, MAX_NAME);
        }
        for (i, item) in self.items.iter().enumerate() {
            let at = |f: &str| format!("items[{i}].{f}");
            problems.text(&at("title"), &item.title, true, MAX_NAME);
            for (field, text) in [("presenter", &item.presenter), ("officer", &item.officer)] {
                problems.text(&at(field), text, false, MAX_NAME);
            }
            for (field, text) in [
                ("proposed_decision", &item.proposed_decision),
                ("summary", &item.summary),
                ("background", &item.background),
                ("assessment", &item.assessment),
            ] {
                problems.text(&at(field), text, false, MAX_TEXT);
            }
            if !item.case_number.is_empty() && !is_case_number(&item.case_number) {
                problems.add(at("case_number"), Rule::Format { expected: super::CASE_NUMBER_EXAMPLE.into() });
            }
            if item.initiative_id.is_some() && item.service_id.is_some() {
                problems.add(at("service_id"), Rule::NotAllowed { reason: Reason::InitiativeOrService });
            }
            // An item is about one thing: an initiative, a service, a deviation, a scenario's budget material or the
            // valuation of the meeting's criteria set.
            let subjects = [
                item.initiative_id.is_some() || item.service_id.is_some(),
                item.deviation_id.is_some(),
                item.scenario_id.is_some(),
                item.valuation,
            ];
            if subjects.iter().filter(|s| **s).count() > 1 {
                let field = if item.valuation {
                    "valuation"
                } else if item.scenario_id.is_some() {
                    "scenario_id"
                } else {
                    "deviation_id"
                };
                problems.add(at(field), Rule::NotAllowed { reason: Reason::OneSubjectPerItem });
            }
            // The valuation is of the meeting's criteria set: there must be one, and the meeting values once.
            if item.valuation && self.criteria_set_id.is_none() {
                problems.add(at("valuation"), Rule::NotAllowed { reason: Reason::ValuationWithoutSet });
            } else if item.valuation && self.items[..i].iter().any(|earlier| earlier.valuation) {
                problems.add(at("valuation"), Rule::NotAllowed { reason: Reason::OneValuationPerMeeting });
            }
        }
        problems
    }

    pub fn normalise(&mut self) {
        self.body = self.body.trim().to_string();
        self.case_number = self.case_number.trim().to_uppercase();
        for item in &mut self.items {
            item.title = item.title.trim().to_string();
            item.case_number = item.case_number.trim().to_uppercase();
        }
    }

    /// The calendar year the meeting's paragraphs belong to.
    pub fn year(&self) -> i32 {
        self.date.year()
    }

    pub fn is_approved(&self) -> bool {
        self.approved_at.is_some()
    }
}

impl Audited for Meeting {
    const ENTITY: Entity = Entity::Meeting;

    audited_id!();

    fn label(&self) -> String {
        format!("{} {}", self.body, self.date)
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let people = self
            .people
            .iter()
            .map(|p| {
                let attended = match p.attended {
                    Some(true) => " (närvarande)",
                    Some(false) => " (frånvarande)",
                    None => "",
                };
                format!("{} – {}{attended}", p.name, p.role.key())
            })
            .collect::<Vec<_>>()
            .join("; ");
        let items = self
            .items
            .iter()
            .map(|i| {
                let paragraph = i.paragraph.map_or(String::new(), |p| format!("§ {p} "));
                let valuation = if i.valuation { " [värdering]" } else { "" };
                format!(
                    "{paragraph}{} [{}]{valuation} {}",
                    i.title,
                    i.kind.key(),
                    i.proposed_decision.replace('\n', " / ")
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            ("body", AuditValue::Text(self.body.clone())),
            ("date", AuditValue::date(self.date)),
            ("time", AuditValue::Text(format!("{}–{}", self.start_time, self.end_time))),
            ("place", AuditValue::Text(self.place.clone())),
            ("link", AuditValue::Text(self.link.clone())),
            ("case_number", AuditValue::Text(self.case_number.clone())),
            ("absence_contact", AuditValue::Text(self.absence_contact.clone())),
            ("minutes_checker", AuditValue::Text(self.minutes_checker.clone())),
            ("criteria_set_id", AuditValue::Reference(Referent::CriteriaSet, self.criteria_set_id)),
            ("people", AuditValue::Text(people)),
            ("items", AuditValue::Text(items)),
            ("approved_at", AuditValue::Text(self.approved_at.clone().unwrap_or_default())),
        ]
    }
}

/// One item of budget material as the group decided it: chosen (prioritised within the frames) or not, named as it
/// was when the decision was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecidedLine {
    /// `initiative:12` or `service:3`.
    pub item: super::ItemRef,
    /// The case number and title, or the service's name, at the time.
    pub label: String,
    pub chosen: bool,
}

/// What the meeting decided on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub item_id: Id,
    pub outcome: DecisionOutcome,
    /// The decision as written in the minutes.
    pub text: String,
    /// Protocol notes (protokollsanteckningar), reservations.
    #[serde(default)]
    pub notes: String,
    /// On an item about a scenario's budget material, what the decision chose, item by item, in the material's
    /// order (format version 15). Kept by the portfolio when the decision is recorded, never taken from the caller.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_lines: Vec<DecidedLine>,
}

impl Decision {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("text", &self.text, true, MAX_TEXT);
        problems.text("notes", &self.notes, false, MAX_TEXT);
        for (i, line) in self.budget_lines.iter().enumerate() {
            problems.text(&format!("budget_lines[{i}].label"), &line.label, true, MAX_TEXT);
        }
        problems
    }
}

impl Audited for Decision {
    const ENTITY: Entity = Entity::Decision;

    audited_id!();

    fn label(&self) -> String {
        format!("item #{}", self.item_id)
    }

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let chosen = |chosen: bool| {
            let labels: Vec<&str> =
                self.budget_lines.iter().filter(|l| l.chosen == chosen).map(|l| l.label.as_str()).collect();
            AuditValue::Text(labels.join("; "))
        };
        vec![
            ("outcome", AuditValue::Text(self.outcome.key().into())),
            ("text", AuditValue::Text(self.text.clone())),
            ("notes", AuditValue::Text(self.notes.clone())),
            ("budget_chosen", chosen(true)),
            ("budget_not_chosen", chosen(false)),
        ]
    }
}

/// Largest attachment accepted, in bytes.
pub const MAX_ATTACHMENT: usize = 25 * 1024 * 1024;

/// The file types an attachment may have; PDFs are placed in the meeting packet after their item.
pub const ATTACHMENT_TYPES: [&str; 3] = ["application/pdf", "image/png", "image/jpeg"];

/// A file that belongs to an agenda item, stored inside the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub item_id: Id,
    pub name: String,
    pub media_type: String,
    /// The file, base64 in JSON.
    #[serde(with = "base64_bytes")]
    #[schemars(with = "String")]
    pub data: Vec<u8>,
}

impl Attachment {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        if !ATTACHMENT_TYPES.contains(&self.media_type.as_str()) {
            problems.add("media_type", Rule::NotAllowed { reason: Reason::AttachmentType });
        }
        if self.data.is_empty() {
            problems.add("data", Rule::Required);
        }
        if self.data.len() > MAX_ATTACHMENT {
            problems.add("data", Rule::OutOfRange { min: 1, max: MAX_ATTACHMENT as i64 });
        } else if !self.data.is_empty() && !content_matches(&self.media_type, &self.data) {
            problems.add("data", Rule::NotAllowed { reason: Reason::AttachmentContent });
        }
        problems
    }
}

impl Audited for Attachment {
    const ENTITY: Entity = Entity::Attachment;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        vec![
            ("name", AuditValue::Text(self.name.clone())),
            ("media_type", AuditValue::Text(self.media_type.clone())),
            ("size", AuditValue::Text(format!("{} bytes", self.data.len()))),
        ]
    }
}

/// Whether the bytes are what the media type says, and usable in the papers: a PDF must parse, have pages and not
/// be encrypted (it is merged page by page into the meeting packet); images are checked by their signature.
fn content_matches(media_type: &str, data: &[u8]) -> bool {
    match media_type {
        "application/pdf" => {
            lopdf::Document::load_mem(data).is_ok_and(|doc| !doc.is_encrypted() && !doc.get_pages().is_empty())
        }
        "image/png" => data.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => data.starts_with(&[0xFF, 0xD8, 0xFF]),
        _ => true,
    }
}

pub(super) mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text.as_bytes()).map_err(serde::de::Error::custom)
    }
}
