//! Valuation rounds in member packages, and packages that stay answerable when the agenda changes: an agenda item
//! that is the valuation of the meeting's criteria set puts every initiative and service of the set in the
//! packages; a response is matched by what it scores, so adding, moving or editing agenda items after export keeps
//! it importable (the preview says what changed), and only a change to what it scores refuses it, naming what
//! changed. Attacks: scoring what the package did not offer, or what was removed after export.

use samordna::domain::{AgendaItem, CriteriaSet, Id, ItemKind, ItemRef, Meeting, Member, Reason};
use samordna::package::{self, IncomingResponse, Outcome, Refusal, ResponseScore, Scored, SinceExport};
use samordna::{Error, Portfolio};

use crate::packages::{
    Exported, Seal, all_cells, exported, forged, import_stamp, member, refused, response, scores_of_cells,
};
use crate::support::{Workspace, not_allowed, stamp};

/// The sample's meeting of 3 December, whose item 7 is the valuation of "Kriterier 2026–2029".
const MEETING: Id = 2;

fn meeting(portfolio: &Portfolio) -> Meeting {
    portfolio.read().get(MEETING).unwrap()
}

fn set_of(portfolio: &Portfolio) -> CriteriaSet {
    portfolio.read().get(meeting(portfolio).criteria_set_id.unwrap()).unwrap()
}

fn save(portfolio: &mut Portfolio, meeting: Meeting) {
    portfolio.write(&stamp(), |w| w.update(meeting)).unwrap();
}

/// The index of the meeting's valuation item.
fn valuation_index(meeting: &Meeting) -> usize {
    meeting.items.iter().position(|i| i.valuation).expect("the sample's December meeting has a valuation item")
}

/// An information item titled `title`, new on the agenda.
fn information(title: &str) -> AgendaItem {
    AgendaItem {
        presenter: "Jonas Berg".into(),
        summary: "Information.".into(),
        ..AgendaItem::new(ItemKind::Information, title)
    }
}

/// `name` scores only these items, every criterion, with `value`.
fn cells_of(package: &Exported, items: &[ItemRef], value: u8) -> Vec<ResponseScore> {
    all_cells(package, value).into_iter().filter(|s| items.contains(&s.item)).collect()
}

#[test]
fn a_valuation_item_puts_every_initiative_and_service_of_the_set_in_the_packages() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let december = meeting(&portfolio);
    let set = set_of(&portfolio);
    let valuation = valuation_index(&december);
    let package = exported(&mut portfolio);
    let karins = package.of("Karin Ekström");
    let c = &karins.content;

    // Every initiative and service of the set, those with an item of their own first (in agenda order, with their
    // item's number), then the rest of the set, presented by the valuation item.
    let mut initiatives: Vec<Id> = c.initiatives.iter().map(|i| i.id).collect();
    // (AI-stöd i kontaktcenter has an item but is not submitted yet: the set does not value it.)
    let on_agenda: Vec<Id> =
        december.items.iter().filter_map(|i| i.initiative_id).filter(|id| set.initiative_ids.contains(id)).collect();
    assert_eq!(initiatives[..on_agenda.len()], on_agenda[..]);
    initiatives.sort_unstable();
    assert_eq!(initiatives, set.initiative_ids, "every initiative the set values");
    let mut services: Vec<Id> = c.services.iter().map(|s| s.id).collect();
    services.sort_unstable();
    assert_eq!(services, set.service_ids, "every service the set values, not only the one with an item");
    assert_eq!(set.service_ids.len(), 6);
    assert_eq!((c.services[0].name.as_str(), c.services[0].item_number), ("Utskrift och skanning", 10));
    assert!(c.services[1..].iter().all(|s| s.item_number == valuation + 1));
    assert!(c.initiatives[on_agenda.len()..].iter().all(|i| i.item_number == valuation + 1));
    assert!(c.meeting.items[valuation].valuation);
    assert_eq!(c.meeting.items.iter().filter(|i| i.valuation).count(), 1);
    let cells = (set.initiative_ids.len() + set.service_ids.len()) * set.criteria.len();
    assert_eq!(karins.cells().len(), cells);
    // The member's own scores so far, of every item of the set.
    let karin = member(&package, "Karin Ekström");
    assert_eq!(c.scores.len(), scores_of_cells(&portfolio, karin, &karins.cells()).len());
    assert!(c.scores.iter().any(|s| matches!(s.item, ItemRef::Service(id) if id != 10)));

    // Karin scores everything, a service without an item of its own too, and the secretary imports it.
    let email = ItemRef::Service(c.services.iter().find(|s| s.name == "E-post och kalender").unwrap().id);
    let incoming = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T19:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[incoming]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::New);
    assert!(report.responses[0].since_export.is_empty(), "nothing changed since export");
    let stored = scores_of_cells(&portfolio, karin, &karins.cells());
    assert_eq!(stored.len(), cells);
    assert!(stored.iter().all(|s| s.2 == Some(2)));
    assert!(stored.iter().any(|s| s.0 == email));
    let status = package::status(&portfolio.read(), MEETING).unwrap();
    assert!(status.current && status.since_export.is_empty());
    let row = status.members.iter().find(|m| m.member_id == karin).unwrap();
    assert_eq!((row.scored, row.cells), (cells, cells));
}

#[test]
fn without_a_valuation_item_a_package_carries_what_is_on_the_agenda() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut december = meeting(&portfolio);
    let valuation = valuation_index(&december);
    december.items[valuation].valuation = false;
    save(&mut portfolio, december);
    let package = exported(&mut portfolio);
    let c = &package.of("Karin Ekström").content;
    assert_eq!(c.initiatives.len(), 2, "the two initiatives with items of their own that the set values");
    assert_eq!(c.services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Utskrift och skanning"]);
}

#[test]
fn a_valuation_item_needs_the_meetings_criteria_set_values_it_once_and_is_about_nothing_else() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let december = meeting(&portfolio);
    let valuation = valuation_index(&december);
    let field = format!("items[{valuation}].valuation");
    let refused_with = |portfolio: &mut Portfolio, meeting: Meeting| {
        let error = portfolio.write(&stamp(), |w| w.update(meeting)).unwrap_err();
        not_allowed(&error)
    };

    let mut no_set = december.clone();
    no_set.criteria_set_id = None;
    assert_eq!(refused_with(&mut portfolio, no_set), [(field.clone(), Reason::ValuationWithoutSet)]);

    let mut twice = december.clone();
    twice.items[0].valuation = true;
    assert_eq!(refused_with(&mut portfolio, twice), [(field.clone(), Reason::OneValuationPerMeeting)]);

    let mut with_initiative = december.clone();
    with_initiative.items[valuation].initiative_id = december.items.iter().find_map(|i| i.initiative_id);
    assert_eq!(refused_with(&mut portfolio, with_initiative), [(field, Reason::OneSubjectPerItem)]);
    assert_eq!(meeting(&portfolio), december, "nothing was saved");
}

#[test]
fn a_package_stays_answerable_when_items_are_added_moved_and_edited_and_the_preview_says_what_changed() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let karin = member(&package, "Karin Ekström");
    let good = response(&package, "Karin Ekström", all_cells(&package, 3), "2026-11-28T10:00:00Z");

    // After export: two information items (first and last), two items swapped, a title and a text edited.
    let mut december = meeting(&portfolio);
    let titles: Vec<String> = december.items.iter().map(|i| i.title.clone()).collect();
    december.items[1].summary.push_str(" Kompletterat efter beredningen.");
    december.items[4].title = "Leverantörernas årliga analyser 2027".into();
    december.items.swap(2, 3);
    december.items.insert(0, information("Information om e-arkivet"));
    december.items.push(information("Information från Intraservice"));
    save(&mut portfolio, december);

    let expected = vec![
        SinceExport::ItemAdded { number: 1, title: "Information om e-arkivet".into() },
        SinceExport::ItemAdded { number: 14, title: "Information från Intraservice".into() },
        SinceExport::ItemEdited { number: 3, title: titles[1].clone() },
        SinceExport::ItemMoved { title: titles[2].clone(), from: 3, to: 5 },
        SinceExport::ItemRetitled {
            number: 6,
            from: titles[4].clone(),
            to: "Leverantörernas årliga analyser 2027".into(),
        },
    ];
    let preview =
        package::preview(&mut portfolio, &import_stamp(), Some(MEETING), std::slice::from_ref(&good)).unwrap();
    assert_eq!(preview.refused, 0, "{:?}", preview.responses[0].outcome);
    assert_eq!(preview.responses[0].since_export, expected);
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[good]).unwrap();
    assert_eq!(report, preview, "the import does what the preview showed");
    assert_eq!(report.responses[0].outcome, Outcome::New);
    assert!(scores_of_cells(&portfolio, karin, &package.cells()).iter().all(|s| s.2 == Some(3)));
    assert_eq!(scores_of_cells(&portfolio, karin, &package.cells()).len(), package.cells().len());

    // Who has responded: the packages are still current, and what changed is told.
    let status = package::status(&portfolio.read(), MEETING).unwrap();
    assert!(status.current);
    assert_eq!(status.since_export, expected);

    // An item removed that scores nothing is told too, and responses are still taken.
    let mut december = meeting(&portfolio);
    let removed = december.items.remove(1);
    save(&mut portfolio, december);
    let later = response(&package, "Johan Lindberg", all_cells(&package, 1), "2026-11-29T10:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[later]).unwrap();
    assert!(
        report.responses[0]
            .since_export
            .contains(&SinceExport::ItemRemoved { number: 1, title: removed.title.clone() }),
        "{:?}",
        report.responses[0].since_export
    );
}

#[test]
fn a_response_that_scores_what_is_no_longer_scored_is_refused_naming_it_and_one_that_does_not_is_taken() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let karins = package.of("Karin Ekström");
    let december = meeting(&portfolio);
    let valuation = valuation_index(&december);
    // What only the valuation item presents: the first such initiative, named as the package names it.
    let brought = karins.content.initiatives.iter().find(|i| i.item_number == valuation + 1).unwrap();
    let brought_name = format!("{} {}", brought.case_number, brought.title);
    let on_agenda: Vec<ItemRef> = karins
        .content
        .initiatives
        .iter()
        .filter(|i| i.item_number != valuation + 1)
        .map(|i| ItemRef::Initiative(i.id))
        .chain(std::iter::once(ItemRef::Service(10)))
        .collect();
    let everything = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    let agenda_only = response(&package, "Johan Lindberg", cells_of(&package, &on_agenda, 4), "2026-11-28T11:00:00Z");

    // The valuation item is taken off the agenda: the set's other items are no longer scored.
    let mut changed = december.clone();
    changed.items.remove(valuation);
    save(&mut portfolio, changed);
    assert_eq!(
        refused(&mut portfolio, None, std::slice::from_ref(&everything)),
        Refusal::NoLongerScored { what: Scored::Initiative, name: brought_name.clone() }
    );
    let error = package::import(&mut portfolio, &import_stamp(), None, std::slice::from_ref(&everything)).unwrap_err();
    assert!(error.to_string().contains(&format!("the initiative '{brought_name}'")), "{error}");
    let status = package::status(&portfolio.read(), MEETING).unwrap();
    assert!(!status.current, "what members score changed: export new packages");
    assert!(status.since_export.contains(&SinceExport::ScoredRemoved { what: Scored::Initiative, name: brought_name }));
    // Johan scored only what is still scored: his response is taken, and the preview says what is no longer scored.
    let report = package::import(&mut portfolio, &import_stamp(), None, &[agenda_only]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::New);
    let since = &report.responses[0].since_export;
    assert!(since.iter().any(|c| matches!(c, SinceExport::ItemRemoved { number, .. } if *number == valuation + 1)));
    assert!(since.iter().any(|c| matches!(c, SinceExport::ScoredRemoved { what: Scored::Service, .. })));
    let johan = member(&package, "Johan Lindberg");
    assert!(
        scores_of_cells(&portfolio, johan, &package.cells())
            .iter()
            .filter(|s| on_agenda.contains(&s.0))
            .all(|s| s.2 == Some(4))
    );
}

#[test]
fn an_initiative_taken_out_of_the_set_a_changed_scale_and_another_set_refuse_what_scores_them() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let set = set_of(&portfolio);
    let first = package.cells()[0];
    let ItemRef::Initiative(first_initiative) = first.0 else { panic!("initiatives first") };
    let karins = package.of("Karin Ekström");
    let first_name = karins
        .content
        .initiatives
        .iter()
        .find(|i| i.id == first_initiative)
        .map(|i| format!("{} {}", i.case_number, i.title))
        .unwrap();
    let everything = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");

    // An initiative taken out of the set after export.
    let mut fewer = set.clone();
    fewer.initiative_ids.retain(|&id| id != first_initiative);
    portfolio.write(&stamp(), |w| w.update(fewer)).unwrap();
    assert_eq!(
        refused(&mut portfolio, None, std::slice::from_ref(&everything)),
        Refusal::NoLongerScored { what: Scored::Initiative, name: first_name }
    );
    portfolio.write(&stamp(), |w| w.update(set.clone())).unwrap();

    // A criterion's levels mean something else now: responses that score it are refused, others are taken.
    let criterion = &set.criteria[1];
    let mut rescaled = set.clone();
    rescaled.criteria[1].anchors[0] = "Ingen koppling alls".into();
    rescaled.criteria[1].name = format!("{} (ny)", criterion.name);
    portfolio.write(&stamp(), |w| w.update(rescaled)).unwrap();
    assert_eq!(
        refused(&mut portfolio, None, std::slice::from_ref(&everything)),
        Refusal::ScaleChanged { criterion: criterion.name.clone() }
    );
    let status = package::status(&portfolio.read(), MEETING).unwrap();
    assert!(!status.current);
    assert!(status.since_export.contains(&SinceExport::ScaleChanged { criterion: format!("{} (ny)", criterion.name) }));
    assert!(status.since_export.contains(&SinceExport::CriterionRenamed {
        from: criterion.name.clone(),
        to: format!("{} (ny)", criterion.name),
    }));
    let others: Vec<ResponseScore> =
        all_cells(&package, 1).into_iter().filter(|s| s.criterion_id != criterion.id).collect();
    let without_it = response(&package, "Johan Lindberg", others, "2026-11-28T11:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), None, &[without_it]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::New);

    // The meeting values with no set any more (its valuation item goes with it).
    let mut december = meeting(&portfolio);
    december.criteria_set_id = None;
    let valuation = valuation_index(&december);
    december.items[valuation].valuation = false;
    save(&mut portfolio, december);
    let another = response(&package, "Maria Haddad", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    assert_eq!(
        refused_for(&mut portfolio, &[another]),
        Refusal::NoLongerScored { what: Scored::CriteriaSet, name: set.name.clone() }
    );
}

/// Imports `files` expecting a refusal; nothing is written (some responses of the meeting were imported before).
fn refused_for(portfolio: &mut Portfolio, files: &[IncomingResponse]) -> Refusal {
    let before = crate::support::export(portfolio);
    let error = package::import(portfolio, &import_stamp(), Some(MEETING), files).unwrap_err();
    assert_eq!(crate::support::export(portfolio), before);
    match error {
        Error::Refused(refusal) => refusal,
        other => panic!("expected a refusal, got {other}"),
    }
}

#[test]
fn a_criterion_added_and_removed_after_export_is_named_when_a_response_scores_it() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // A criterion no one has scored yet, so that it can be removed again.
    let mut set = set_of(&portfolio);
    let mut extra = set.criteria[0].clone();
    extra.id = 0;
    extra.name = "Återanvändning".into();
    set.criteria.push(extra);
    portfolio.write(&stamp(), |w| w.update(set)).unwrap();
    let package = exported(&mut portfolio);
    let set = set_of(&portfolio);
    let added = set.criteria.last().unwrap().clone();
    let on_it: Vec<ResponseScore> = all_cells(&package, 2).into_iter().filter(|s| s.criterion_id == added.id).collect();
    let good = response(&package, "Karin Ekström", on_it, "2026-11-28T10:00:00Z");
    let mut without = set.clone();
    without.criteria.pop();
    portfolio.write(&stamp(), |w| w.update(without)).unwrap();
    assert_eq!(
        refused(&mut portfolio, None, &[good]),
        Refusal::NoLongerScored { what: Scored::Criterion, name: "Återanvändning".into() }
    );
}

#[test]
fn a_member_cannot_score_what_their_package_did_not_offer_though_the_meeting_scores_it_now() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // Packages exported while the meeting valued only what is on its agenda.
    let mut december = meeting(&portfolio);
    let valuation = valuation_index(&december);
    december.items[valuation].valuation = false;
    save(&mut portfolio, december.clone());
    let package = exported(&mut portfolio);
    let karins = package.of("Karin Ekström");
    let karin = member(&package, "Karin Ekström");
    assert_eq!(karins.content.services.len(), 1);
    let good = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    // Then the item becomes the valuation of the set: the meeting scores every service now.
    december.items[valuation].valuation = true;
    save(&mut portfolio, december);
    let set = set_of(&portfolio);
    let email = set.service_ids[0];
    assert_ne!(email, 10);

    // Karin signs, with her own key, a response that also scores a service her package did not carry.
    let criterion = set.criteria[0].id;
    let beyond = forged(
        &good,
        |c| {
            c["scores"].as_array_mut().unwrap().push(serde_json::json!({
                "item": format!("service:{email}"), "criterion_id": criterion, "value": 4, "comment": ""
            }))
        },
        Seal::Key(karins.content.response_key.clone()),
    );
    assert!(matches!(refused(&mut portfolio, None, &[beyond]), Refusal::NotInPackage { .. }));
    // Nor a level beyond the scale her package showed.
    let off_scale =
        forged(&good, |c| c["scores"][0]["value"] = 9.into(), Seal::Key(karins.content.response_key.clone()));
    assert!(matches!(refused(&mut portfolio, None, &[off_scale]), Refusal::NotInPackage { .. }));

    // Her real response is taken; the preview says what is scored now that her package did not carry.
    let report = package::import(&mut portfolio, &import_stamp(), None, &[good]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::New);
    let since = &report.responses[0].since_export;
    assert!(since.contains(&SinceExport::ItemEdited {
        number: valuation + 1,
        title: meeting(&portfolio).items[valuation].title.clone()
    }));
    assert!(since.iter().any(
        |c| matches!(c, SinceExport::ScoredAdded { what: Scored::Service, name } if name == "E-post och kalender")
    ));
    assert!(scores_of_cells(&portfolio, karin, &package.cells()).iter().all(|s| s.2 == Some(2)));
}

#[test]
fn a_newer_response_from_a_smaller_package_leaves_what_that_package_did_not_offer_as_it_was() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // A package of the agenda's items only, then (the valuation item set) one of the whole set.
    let mut december = meeting(&portfolio);
    let valuation = valuation_index(&december);
    december.items[valuation].valuation = false;
    save(&mut portfolio, december.clone());
    let small = exported(&mut portfolio);
    december.items[valuation].valuation = true;
    save(&mut portfolio, december);
    let whole = exported(&mut portfolio);
    let maria = member(&whole, "Maria Haddad");
    assert!(whole.cells().len() > small.cells().len());

    let first = response(&whole, "Maria Haddad", all_cells(&whole, 1), "2026-11-28T10:00:00Z");
    let newer = response(&small, "Maria Haddad", all_cells(&small, 4), "2026-11-29T10:00:00Z");
    package::import(&mut portfolio, &import_stamp(), None, &[first]).unwrap();
    let report = package::import(&mut portfolio, &import_stamp(), None, &[newer]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::Replaces { previous: "2026-11-28T10:00:00Z".into() });
    let stored = scores_of_cells(&portfolio, maria, &whole.cells());
    assert_eq!(stored.len(), whole.cells().len(), "nothing her smaller package did not offer was unscored");
    for (item, _, value, _) in &stored {
        let offered = small.cells().iter().any(|(i, _)| i == item);
        assert_eq!(*value, Some(if offered { 4 } else { 1 }), "{item}");
    }
}

/// The fingerprint packages recorded before they recorded what they offered: the agenda's links, the criteria,
/// the agenda's initiatives and services the set values and every member called, hashed as that version did.
fn legacy_fingerprint(portfolio: &Portfolio) -> String {
    use sha2::{Digest, Sha256};
    let december = meeting(portfolio);
    let set = set_of(portfolio);
    let mut initiatives: Vec<Id> = Vec::new();
    let mut services: Vec<Id> = Vec::new();
    for item in &december.items {
        if let Some(id) = item.initiative_id.filter(|id| set.initiative_ids.contains(id) && !initiatives.contains(id)) {
            initiatives.push(id);
        }
        if let Some(id) = item.service_id.filter(|id| set.service_ids.contains(id) && !services.contains(id)) {
            services.push(id);
        }
    }
    let called: Vec<Id> = december.people.iter().filter_map(|p| p.member_id).collect();
    let members: Vec<Id> =
        portfolio.read().all::<Member>().unwrap().into_iter().map(|m| m.id).filter(|id| called.contains(id)).collect();
    let criteria: Vec<serde_json::Value> =
        set.criteria.iter().map(|c| serde_json::json!([c.id, c.name, c.scale_min, c.scale_max, c.anchors])).collect();
    let items: Vec<serde_json::Value> =
        december.items.iter().map(|i| serde_json::json!([i.id, i.initiative_id])).collect();
    let scored = serde_json::json!({
        "meeting_id": MEETING,
        "items": items,
        "criteria": [set.id, criteria],
        "initiatives": initiatives,
        "services": services,
        "members": members,
    });
    let digest = Sha256::digest(serde_json::to_vec(&scored).unwrap());
    format!("sha256:{}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

#[test]
fn a_package_exported_before_packages_recorded_what_they_offered_is_matched_by_its_fingerprint_as_before() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    // What a portfolio migrated from before migration 0019_agenda_valuation holds: the packages with the fingerprint of that version and no
    // record of what they offered (which then was what is on the agenda).
    let fingerprint = legacy_fingerprint(&portfolio);
    let path = portfolio.path().to_path_buf();
    drop(portfolio);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE meeting_package SET scored = NULL, fingerprint = ?1", [&fingerprint]).unwrap();
    drop(conn);
    let mut portfolio = Portfolio::open(&path, import_stamp().at).unwrap();
    assert!(package::status(&portfolio.read(), MEETING).unwrap().current);

    let december = meeting(&portfolio);
    let on_agenda: Vec<ItemRef> = december
        .items
        .iter()
        .filter_map(|i| i.initiative_id.map(ItemRef::Initiative).or(i.service_id.map(ItemRef::Service)))
        .collect();
    // Such a package offered what is on the agenda: a response scoring the rest of the set is refused.
    let everything = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    assert!(matches!(refused(&mut portfolio, None, &[everything]), Refusal::NotInPackage { .. }));
    let agenda_only = response(&package, "Karin Ekström", cells_of(&package, &on_agenda, 2), "2026-11-28T10:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), None, std::slice::from_ref(&agenda_only)).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::New);

    // And any change to the agenda still makes it a changed package, as it did.
    let mut december = meeting(&portfolio);
    december.items.push(information("Information från Intraservice"));
    save(&mut portfolio, december);
    let later = response(&package, "Johan Lindberg", cells_of(&package, &on_agenda, 1), "2026-11-28T11:00:00Z");
    assert_eq!(refused_for(&mut portfolio, &[later]), Refusal::ChangedPackage);
    assert!(!package::status(&portfolio.read(), MEETING).unwrap().current);
}

#[test]
fn the_command_line_shows_a_valuation_round_and_tells_what_changed_since_export() {
    let workspace = Workspace::new();
    let cli = |args: &[&str]| {
        let mut command = assert_cmd::Command::cargo_bin("samordna").unwrap();
        command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Jonas Berg");
        command.args(args);
        command
    };
    cli(&["-p", "s.samordna", "init", "--sample"]).assert().success();
    cli(&["-p", "s.samordna", "package", "export", "--meeting", "2", "--out", "paket"]).assert().success();
    let lena = "paket/Ledamotspaket 2026-12-03 Lena Holm.samordna-paket";
    let shown = cli(&["package", "show", lena]).output().unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.contains(
            "11. Värdering av gemensamma insatser och tjänster 2026–2029 (the valuation of the criteria set)"
        ),
        "{shown}"
    );
    assert!(shown.contains("to score: service E-post och kalender (item 11)"), "{shown}");
    assert!(shown.contains("to score: service Utskrift och skanning (item 10)"), "{shown}");

    // Lena scores a service that has no item of its own.
    let score = "E-post och kalender,Strategisk förankring,3,Bedömt i paketet";
    cli(&["package", "respond", lena, "--member", "Lena Holm", "--score", score])
        .args(["--out", "svar.samordna-svar"])
        .assert()
        .success();
    // An item is added to the agenda after export; the response still imports, and the CLI says what changed.
    let mut portfolio = Portfolio::open(&workspace.path("s.samordna"), import_stamp().at).unwrap();
    let mut meeting: Meeting = portfolio.read().get(MEETING).unwrap();
    meeting.items.push(information("Information om e-arkivet"));
    portfolio.write(&stamp(), |w| w.update(meeting)).unwrap();
    drop(portfolio);
    let output = cli(&["-p", "s.samordna", "package", "import", "--dry-run", "svar.samordna-svar"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout} {}", String::from_utf8_lossy(&output.stderr));
    assert!(
        stdout.contains("since the package was exported: item 13 'Information om e-arkivet' was added to the agenda"),
        "{stdout}"
    );
    assert!(stdout.contains("E-post och kalender / Strategisk förankring: "), "{stdout}");
    let status = cli(&["-p", "s.samordna", "package", "status", "--meeting", "2"]).output().unwrap();
    let status = String::from_utf8(status.stdout).unwrap();
    assert!(status.contains("since then: item 13 'Information om e-arkivet' was added to the agenda"), "{status}");
    assert!(!status.contains("export a new one"), "{status}");
}
