//! `import --merge`: records matched by their natural keys, updated field by field, created, or left as they are;
//! the file's ids only tie its own records together.

use serde_json::{Value, json};

use samordna::domain::{Entity, Member};
use samordna::interchange::{MERGE_SECTIONS, MergeFile, Target, each_at};

use crate::support::*;

fn merge(
    portfolio: &mut samordna::store::Portfolio,
    file: &Value,
) -> samordna::Result<samordna::interchange::MergeReport> {
    let file = MergeFile::from_json(&file.to_string())?;
    portfolio.write(&stamp(), |w| file.merge_into(w, "Import (sammanslagning): test.json"))
}

fn rehearse(portfolio: &mut samordna::store::Portfolio, file: &Value) -> samordna::interchange::MergeReport {
    let file = MergeFile::from_json(&file.to_string()).unwrap();
    portfolio.rehearse(&stamp(), |w| file.merge_into(w, "test")).unwrap()
}

/// Each record of `data` the merge tests' files refer to, as the least a file holds of it: its id and key.
fn stubs(data: &Value, lists: &mut Value) {
    let kept = [
        ("initiatives", &["case_number"][..]),
        ("services", &["name"]),
        ("members", &["name"]),
        ("criteria_sets", &["name"]),
        ("scenarios", &["set_id", "name"]),
    ];
    for (list, keys) in kept {
        let records: Vec<Value> = data[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|record| {
                let mut stub = json!({ "id": record["id"] });
                for key in keys {
                    stub[*key] = record[*key].clone();
                }
                stub
            })
            .collect();
        lists[list] = json!(records);
    }
}

fn file(lists: Value) -> Value {
    let mut file = json!({ "format": "samordna-portfolio", "format_version": samordna::interchange::FORMAT_VERSION });
    for (key, value) in lists.as_object().unwrap() {
        file[key] = value.clone();
    }
    file
}

/// Every integer or item field the JSON Schema gives a portfolio's lists, as `field`, `list[].field` or `list[]`,
/// marked `(item)` for an item reference; amounts (`Money`) are not ids.
fn id_like_paths(defs: &Value, schema: &Value, path: &str, out: &mut Vec<String>, seen: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap().to_string();
        match name.as_str() {
            "ItemRef" => out.push(format!("{path} (item)")),
            "Money" => {}
            _ if seen.contains(&name) => {}
            _ => {
                seen.push(name.clone());
                id_like_paths(defs, &defs[&name], path, out, seen);
                seen.pop();
            }
        }
        return;
    }
    for combined in ["anyOf", "oneOf", "allOf"] {
        if let Some(options) = schema[combined].as_array() {
            for option in options {
                id_like_paths(defs, option, path, out, seen);
            }
            return;
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    if types.contains(&"integer") {
        out.push(path.to_string());
    } else if types.contains(&"array") {
        id_like_paths(defs, &schema["items"], &format!("{path}[]"), out, seen);
    } else if let Some(properties) = schema["properties"].as_object() {
        for (key, value) in properties {
            let inner = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            id_like_paths(defs, value, &inner, out, seen);
        }
    }
}

/// Integer fields of the lists that name no record: years, levels, scales, counts and days.
const NOT_REFERENCES: &[(&str, &str)] = &[
    ("services", "security.confidentiality.level"),
    ("services", "security.integrity.level"),
    ("services", "security.availability.level"),
    ("services", "costs[].year"),
    ("initiatives", "costs[].year"),
    ("initiatives", "security.confidentiality.level"),
    ("initiatives", "security.integrity.level"),
    ("initiatives", "security.availability.level"),
    ("criteria_sets", "period_start"),
    ("criteria_sets", "period_end"),
    ("criteria_sets", "criteria[].scale_min"),
    ("criteria_sets", "criteria[].scale_max"),
    ("scores", "value"),
    ("scenarios", "frames[].year"),
    ("parameters", "years[].year"),
    ("parameters", "years[].least_classification.confidentiality"),
    ("parameters", "years[].least_classification.integrity"),
    ("parameters", "years[].least_classification.availability"),
    ("parameters", "useful_life"),
    ("parameters", "practice.deadline_days"),
    ("parameters", "practice.analysis_due.month"),
    ("parameters", "practice.analysis_due.day"),
    ("funding_cases", "years[].year"),
    ("funding_cases", "investment.years"),
    ("meetings", "items[].paragraph"),
    ("benefits", "price_year"),
    ("benefits", "version"),
    ("yearly_analyses", "year"),
    ("yearly_analyses", "investments[].costs[].year"),
    ("yearly_analyses", "development_needs[].costs[].year"),
    ("yearly_analyses", "security_levels[].security.confidentiality.level"),
    ("yearly_analyses", "security_levels[].security.integrity.level"),
    ("yearly_analyses", "security_levels[].security.availability.level"),
    ("decided_frames", "year"),
    ("actual_outcomes", "year"),
];

#[test]
fn every_id_or_item_field_of_the_format_is_a_reference_the_merge_rewrites_or_declared_none() {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string("docs/portfolio.schema.json").unwrap()).unwrap();
    let lists = schema["properties"].as_object().unwrap();
    let mut unknown = Vec::new();
    for (key, list) in lists {
        if ["format", "format_version", "security_scale"].contains(&key.as_str()) {
            continue;
        }
        let section = MERGE_SECTIONS.iter().find(|s| s.key == key);
        let Some(section) = section else {
            unknown.push(format!("the list {key} is not merged"));
            continue;
        };
        let item = if list["type"] == "array" { &list["items"] } else { list };
        let mut paths = Vec::new();
        id_like_paths(&schema["$defs"], item, "", &mut paths, &mut Vec::new());
        for path in paths {
            let (path, is_item) = match path.strip_suffix(" (item)") {
                Some(p) => (p.to_string(), true),
                None => (path, false),
            };
            let reference = section.references.iter().find(|(p, _)| *p == path);
            let known = match reference {
                Some((_, target)) => (*target == Target::Item) == is_item,
                None => {
                    path == "id"
                        || section.nested.iter().any(|n| path == format!("{}[].id", n.list))
                        || NOT_REFERENCES.contains(&(key.as_str(), path.as_str()))
                }
            };
            if !known {
                unknown.push(format!("{key}: {path}"));
            }
        }
    }
    assert!(unknown.is_empty(), "fields neither rewritten by a merge nor declared no reference: {unknown:#?}");
    // And every path the table names exists in the format (no typo hides a reference).
    for section in MERGE_SECTIONS {
        let list = &lists[section.key];
        let item = if list["type"] == "array" { &list["items"] } else { list };
        let mut paths = Vec::new();
        id_like_paths(&schema["$defs"], item, "", &mut paths, &mut Vec::new());
        for (path, _) in section.references {
            assert!(paths.iter().any(|p| p.trim_end_matches(" (item)") == *path), "{}: no field {path}", section.key);
        }
    }
}

/// The export with every id (records, criteria, gates, agenda items) moved out of the portfolio's range and every
/// reference moved with it, through the merge's own table of references.
fn renumbered(export: &str) -> Value {
    const RECORD: i64 = 10_000;
    const NESTED: i64 = 20_000;
    let mut data: Value = serde_json::from_str(export).unwrap();
    for section in MERGE_SECTIONS {
        let records = match &mut data[section.key] {
            Value::Array(records) => records.iter_mut().collect::<Vec<_>>(),
            record @ Value::Object(_) => vec![record],
            _ => continue,
        };
        for record in records {
            record["id"] = json!(record["id"].as_i64().unwrap() + RECORD);
            for nested in section.nested {
                each_at(record, &format!("{}[].id", nested.list), &mut |id| *id = json!(id.as_i64().unwrap() + NESTED));
            }
            for (path, target) in section.references {
                each_at(record, path, &mut |value| match (target, value.clone()) {
                    (_, Value::Null) => {}
                    (Target::Item, Value::String(item)) => {
                        let (kind, id) = item.split_once(':').unwrap();
                        *value = json!(format!("{kind}:{}", id.parse::<i64>().unwrap() + RECORD));
                    }
                    (Target::Record(_), Value::Number(id)) => *value = json!(id.as_i64().unwrap() + RECORD),
                    (_, Value::Number(id)) => *value = json!(id.as_i64().unwrap() + NESTED),
                    (target, other) => panic!("{}: {path} ({target:?}) holds {other}", section.key),
                });
            }
        }
    }
    data
}

#[test]
fn the_portfolios_own_export_merges_with_no_change_whatever_its_ids() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    let changes_before = change_count(&workspace.path("sample.samordna"));
    let own: Value = serde_json::from_str(&before).unwrap();
    let report = merge(&mut portfolio, &own).unwrap();
    assert_eq!((report.created(), report.updated(), report.security_scale), (0, 0, false), "{report:#?}");
    assert!(report.unchanged > 1000, "every record of the sample matched: {}", report.unchanged);
    // Every id and reference moved: the records are found by their keys, the references follow them.
    let moved = renumbered(&before);
    assert_ne!(moved, own);
    let report = merge(&mut portfolio, &moved).unwrap();
    assert_eq!((report.created(), report.updated()), (0, 0), "{report:#?}");
    assert_eq!(export(&portfolio), before);
    assert_eq!(change_count(&workspace.path("sample.samordna")), changes_before, "nothing recorded");
}

#[test]
fn a_merge_updates_by_natural_keys_field_by_field_creates_the_new_and_leaves_the_rest() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before: Value = serde_json::from_str(&export(&portfolio)).unwrap();
    let karin = portfolio.read().all::<Member>().unwrap().into_iter().find(|m| m.name == "Karin Ekström").unwrap();
    // The file's own ids (700…) are none of the portfolio's: they tie the file's records together only.
    let change = file(json!({
        "organisations": [
            { "id": 701, "name": "intraservice" },
            { "id": 702, "name": "Stadsarkivet", "kind": "namnd", "parent_id": null }
        ],
        "members": [
            { "id": 711, "name": " KARIN EKSTRÖM ", "organisation_id": 701 },
            { "id": 712, "name": "Nils Åberg", "organisation_id": 702 }
        ],
        "meetings": [{
            "id": 721,
            "body": "Strategisk samordningsgrupp för digitalisering",
            "date": "2027-02-11",
            "people": [
                { "name": "Karin Ekström", "role": "ordforande", "member_id": 711 },
                { "name": "Nils Åberg", "role": "ledamot", "member_id": 712 }
            ],
            "items": [
                { "id": 731, "kind": "ovrigt", "title": "Mötets öppnande" },
                { "id": 732, "kind": "ovrigt", "title": "Val av justerare" }
            ]
        }],
        "decided_frames": [{ "year": 2027, "notes": "Ändrad anteckning." }]
    }));
    let dry = rehearse(&mut portfolio, &change);
    assert_eq!(export(&portfolio), serde_json::to_string_pretty(&before).unwrap() + "\n", "a dry run writes nothing");
    let report = merge(&mut portfolio, &change).unwrap();
    assert_eq!(dry, report, "the dry run shows what the merge does");
    let summary: Vec<(Entity, &str, &str, Vec<&str>)> = report
        .changed
        .iter()
        .map(|r| (r.entity, r.label.as_str(), r.action, r.fields.iter().map(|f| f.field.as_str()).collect()))
        .collect();
    assert_eq!(
        summary,
        [
            (Entity::Organisation, "Stadsarkivet", "create", vec![]),
            (Entity::Member, "Karin Ekström", "update", vec!["organisation_id"]),
            (Entity::Member, "Nils Åberg", "create", vec![]),
            (Entity::Meeting, "Strategisk samordningsgrupp för digitalisering 2027-02-11", "create", vec![]),
            (Entity::DecidedFrame, "2027", "update", vec!["notes"]),
        ]
        .iter()
        .map(|(e, l, a, f)| (*e, *l, *a, f.clone()))
        .collect::<Vec<_>>(),
        "{report:#?}"
    );
    assert_eq!(report.unchanged, 1, "Intraservice matched without case and changed nothing");

    let after: Value = serde_json::from_str(&export(&portfolio)).unwrap();
    let intraservice = after["organisations"].as_array().unwrap().iter().find(|o| o["name"] == "Intraservice").unwrap();
    let archive = after["organisations"].as_array().unwrap().iter().find(|o| o["name"] == "Stadsarkivet").unwrap();
    let karin_after = after["members"].as_array().unwrap().iter().find(|m| m["name"] == "Karin Ekström").unwrap();
    assert_eq!(karin_after["id"], json!(karin.id), "the stored record is updated, not replaced");
    assert_eq!(karin_after["organisation_id"], intraservice["id"], "the file's id 701 became Intraservice's");
    let nils = after["members"].as_array().unwrap().iter().find(|m| m["name"] == "Nils Åberg").unwrap();
    assert_eq!(nils["organisation_id"], archive["id"]);
    let meeting = after["meetings"].as_array().unwrap().iter().find(|m| m["date"] == "2027-02-11").unwrap();
    assert_eq!(meeting["people"][1]["member_id"], nils["id"]);
    assert_eq!(meeting["items"].as_array().unwrap().len(), 2);
    let frame = &after["decided_frames"][0];
    assert_eq!(frame["notes"], "Ändrad anteckning.");
    assert_eq!(frame["reference"], before["decided_frames"][0]["reference"], "fields the file leaves out are kept");
    // The rest as it was: every other list, every other member.
    for list in ["initiatives", "services", "scores", "decisions", "benefits", "deviations", "yearly_analyses"] {
        assert_eq!(after[list], before[list], "{list}");
    }
    assert_eq!(after["members"].as_array().unwrap().len(), before["members"].as_array().unwrap().len() + 1);

    // The history holds the one field that changed, as a form's change would.
    let history = portfolio.read().history(Entity::Member, karin.id).unwrap();
    let last = history.iter().max_by_key(|c| c.id).unwrap();
    let fields: Vec<&str> = last.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["organisation_id"], "{last:#?}");
    assert_eq!(last.note, "Import (sammanslagning): test.json");

    // Merging the same file again changes nothing: the new records are found by their keys now.
    let again = merge(&mut portfolio, &change).unwrap();
    assert_eq!((again.created(), again.updated()), (0, 0), "{again:#?}");
}

#[test]
fn a_merge_keeps_the_agenda_items_it_matches_by_title_so_decisions_stay_on_them() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before: Value = serde_json::from_str(&export(&portfolio)).unwrap();
    let meeting = before["meetings"].as_array().unwrap().iter().find(|m| m["date"] == "2026-12-03").unwrap().clone();
    let stored_items = meeting["items"].as_array().unwrap().clone();
    let information = stored_items.iter().find(|i| i["kind"] == "information").unwrap().clone();
    // The file gives the meeting's items in reverse order under ids of its own, one new item, and a decision on
    // the information item by the file's id of it.
    let mut items = stored_items.clone();
    items.reverse();
    items.insert(0, json!({ "kind": "ovrigt", "title": "Val av justerare" }));
    let mut file_id_of_information = 0;
    for (i, item) in items.iter_mut().enumerate() {
        if item["title"] == information["title"] {
            file_id_of_information = 900 + i as i64;
        }
        item["id"] = json!(900 + i as i64);
    }
    // The items' initiatives and services are named by the file's ids too: the file holds them, by id and key.
    let mut lists = json!({
        "meetings": [{ "id": 1, "body": meeting["body"], "date": meeting["date"], "items": items }],
        "decisions": [{ "item_id": file_id_of_information, "outcome": "noterad", "text": "Gruppen noterar budgetförslaget." }]
    });
    stubs(&before, &mut lists);
    let change = file(lists);
    let merge_file = MergeFile::from_json(&change.to_string()).unwrap();
    let report = portfolio.write(&after_meeting(), |w| merge_file.merge_into(w, "test")).unwrap();
    assert_eq!(report.created(), 1, "the decision: {report:#?}");
    let after: Value = serde_json::from_str(&export(&portfolio)).unwrap();
    let merged = after["meetings"].as_array().unwrap().iter().find(|m| m["id"] == meeting["id"]).unwrap();
    let merged_items = merged["items"].as_array().unwrap();
    assert_eq!(merged_items.len(), stored_items.len() + 1);
    for stored in &stored_items {
        let same = merged_items.iter().find(|i| i["title"] == stored["title"]).unwrap();
        assert_eq!(same["id"], stored["id"], "{} kept its id", stored["title"]);
    }
    let decision =
        after["decisions"].as_array().unwrap().iter().find(|d| d["text"] == "Gruppen noterar budgetförslaget.");
    assert_eq!(decision.unwrap()["item_id"], information["id"], "the decision is on the item the file meant");
}

#[test]
fn what_a_merge_cannot_tie_or_the_rules_refuse_is_refused_whole() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before = export(&portfolio);
    let refused = |portfolio: &mut samordna::store::Portfolio, lists: Value| -> String {
        let error = merge(portfolio, &file(lists)).unwrap_err().to_string();
        assert_eq!(export(portfolio), before, "nothing written: {error}");
        error
    };
    // A reference to a record the file does not hold.
    let error = refused(&mut portfolio, json!({ "members": [{ "name": "Nils Åberg", "organisation_id": 3 }] }));
    assert!(error.contains("organisation_id names organisation 3, which the file does not hold"), "{error}");
    // The same key twice.
    let error = refused(
        &mut portfolio,
        json!({ "decided_frames": [{ "year": 2031, "development": 1, "management": 1, "decided_on": "2030-11-20", "reference": "KF" },
                                    { "year": 2031, "development": 2, "management": 2, "decided_on": "2030-11-20", "reference": "KF" }] }),
    );
    assert!(error.contains("holds this decided frame (council) twice"), "{error}");
    // A date that is no date is the record's problem of that field, as in a form (not a file that cannot be read).
    let error = refused(
        &mut portfolio,
        json!({ "decided_frames": [{ "year": 2031, "development": 1, "management": 1, "decided_on": "2030-11-31", "reference": "KF" }] }),
    );
    assert!(error.contains("decided_on has the wrong form (expected e.g. 2027-03-31)"), "{error}");
    // A new initiative in a state only the group's decision reaches: the lifecycle's rules, as in a form.
    let mut initiative = serde_json::to_value(initiative("SLK-2027-00001", 0)).unwrap();
    initiative["owner_id"] = json!(1);
    initiative["state"] = json!("prioriterad");
    let error = refused(
        &mut portfolio,
        json!({ "organisations": [{ "id": 1, "name": "Kommunstyrelsen" }], "initiatives": [initiative] }),
    );
    assert!(error.contains("cannot start as"), "{error}");
    // An older format, an unknown list, a circle of parents.
    let older = MergeFile::from_json(r#"{"format":"samordna-portfolio","format_version":16}"#).err().unwrap();
    assert!(older.to_string().contains("a merge reads format version 17 only"), "{older}");
    let unknown = MergeFile::from_json(&file(json!({ "ledamöter": [] })).to_string()).err().unwrap();
    assert!(unknown.to_string().contains("unknown list \"ledamöter\""), "{unknown}");
    let error = refused(
        &mut portfolio,
        json!({ "organisations": [{ "id": 1, "name": "A", "kind": "namnd", "parent_id": 2 },
                                  { "id": 2, "name": "B", "kind": "namnd", "parent_id": 1 }] }),
    );
    assert!(error.contains("refer to each other in a circle"), "{error}");
}

#[test]
fn a_merge_never_approves_minutes_drops_what_hangs_on_an_item_or_confuses_items_of_one_title() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let before: Value = serde_json::from_str(&export(&portfolio)).unwrap();
    let meetings = before["meetings"].as_array().unwrap();
    let stubs = |lists: &mut Value| stubs(&before, lists);
    // The approval is never taken from a file: an approved meeting's place changes as a correction of the minutes,
    // and a new meeting claiming approval is created unapproved.
    let approved = meetings.iter().find(|m| !m["approved_at"].is_null()).unwrap();
    let mut lists = json!({ "meetings": [
        { "body": approved["body"], "date": approved["date"], "place": "Hemligt rum", "approved_at": null, "approved_by": null },
        { "body": "Strategisk samordningsgrupp för digitalisering", "date": "2027-01-14", "approved_at": "2027-01-15T10:00:00Z", "approved_by": "Ingen" }
    ] });
    merge(&mut portfolio, &file(lists.clone())).unwrap();
    let stored: Vec<samordna::domain::Meeting> = portfolio.read().all().unwrap();
    let held = stored.iter().find(|m| m.date == day(approved["date"].as_str().unwrap())).unwrap();
    assert!(held.is_approved() && held.place == "Hemligt rum");
    assert_eq!(portfolio.read().corrections(held).unwrap().len(), 1, "the change is a correction of the minutes");
    let new = stored.iter().find(|m| m.date == day("2027-01-14")).unwrap();
    assert!(!new.is_approved(), "{new:?}");

    // An agenda item with attachments left out of the file (or renamed without its id) is not removed unawares.
    let december = meetings.iter().find(|m| m["date"] == "2026-12-03").unwrap();
    let mut items = december["items"].as_array().unwrap().clone();
    let with_attachments = items.iter().position(|i| i["title"] == "Ny e-tjänsteplattform").unwrap();
    items[with_attachments]["title"] = json!("Ny e-tjänsteplattform (reviderad)");
    items[with_attachments]["id"] = json!(9999);
    lists = json!({ "meetings": [{ "body": december["body"], "date": december["date"], "items": items.clone() }] });
    stubs(&mut lists);
    let now = export(&portfolio);
    let error = merge(&mut portfolio, &file(lists.clone())).unwrap_err().to_string();
    assert!(error.contains("leaves out item \"Ny e-tjänsteplattform\", which has attachments"), "{error}");
    assert_eq!(export(&portfolio), now);
    // With the stored id the renamed item is the same item: renamed, attachments kept.
    items[with_attachments]["id"] = december["items"][with_attachments]["id"].clone();
    lists["meetings"][0]["items"] = json!(items);
    merge(&mut portfolio, &file(lists.clone())).unwrap();
    let after: Value = serde_json::from_str(&export(&portfolio)).unwrap();
    assert_eq!(after["attachments"].as_array().unwrap().len(), before["attachments"].as_array().unwrap().len());

    // Two items of one title, swapped in the file with their own ids: each keeps its content and its id.
    let mut meeting = json!({ "id": 1, "body": "Strategisk samordningsgrupp för digitalisering", "date": "2027-03-04", "items": [
        { "id": 901, "kind": "information", "title": "Information", "summary": "A" },
        { "id": 902, "kind": "information", "title": "Information", "summary": "B" }
    ] });
    merge(&mut portfolio, &file(json!({ "meetings": [meeting.clone()] }))).unwrap();
    let created: Vec<samordna::domain::Meeting> = portfolio.read().all().unwrap();
    let created = created.iter().find(|m| m.date == day("2027-03-04")).unwrap().clone();
    let (a, b) = (created.items[0].id, created.items[1].id);
    meeting["items"] = json!([
        { "id": b, "kind": "information", "title": "Information", "summary": "B" },
        { "id": a, "kind": "information", "title": "Information", "summary": "A" }
    ]);
    merge(&mut portfolio, &file(json!({ "meetings": [meeting] }))).unwrap();
    let swapped: samordna::domain::Meeting = portfolio.read().get(created.id).unwrap();
    let by_id = |id| swapped.items.iter().find(|i| i.id == id).unwrap().summary.clone();
    assert_eq!((by_id(a), by_id(b)), ("A".to_string(), "B".to_string()));

    // A nested id twice in the file, and an element that is no object, are refused.
    let twice = json!({ "meetings": [
        { "body": "X", "date": "2027-05-05", "items": [{ "id": 1, "kind": "ovrigt", "title": "A" }] },
        { "body": "Y", "date": "2027-05-06", "items": [{ "id": 1, "kind": "ovrigt", "title": "B" }] }
    ] });
    let error = merge(&mut portfolio, &file(twice)).unwrap_err().to_string();
    assert!(error.contains("the id 1 is used twice in the file's items"), "{error}");
    let number = json!({ "meetings": [{ "body": "X", "date": "2027-05-05", "items": [5] }] });
    let error = merge(&mut portfolio, &file(number)).unwrap_err().to_string();
    assert!(error.contains("items[0] is not an object"), "{error}");
}
