//! Meeting packages and responses: round trips, idempotence, replacement, and every refusal.

use samordna::domain::{CriteriaSet, Entity, Id, Language, Meeting, Score};
use samordna::package::{self, IncomingResponse, Outcome, Package, Refusal, ResponseScore};
use samordna::{Error, Portfolio, Stamp};

use crate::support::{Workspace, at, change_count, stamp};

/// The upcoming meeting of the sample (id 2, three initiatives to score).
const MEETING: Id = 2;

fn exported(portfolio: &mut Portfolio) -> Package {
    let file = package::export(portfolio, &stamp(), MEETING, Language::Sv).unwrap();
    assert!(file.file_name.ends_with(".samordna-paket"), "{}", file.file_name);
    package::open(&file.bytes).unwrap()
}

fn member(package: &Package, name: &str) -> Id {
    package.content.members.iter().find(|m| m.name == name).unwrap().id
}

/// Scores every cell of the package with `value` (plus a comment on the first).
fn all_cells(package: &Package, value: u8) -> Vec<ResponseScore> {
    package
        .cells()
        .into_iter()
        .enumerate()
        .map(|(i, (initiative_id, criterion_id))| ResponseScore {
            initiative_id,
            criterion_id,
            value: Some(value),
            comment: if i == 0 { format!("Bedömt till {value}") } else { String::new() },
        })
        .collect()
}

fn response(package: &Package, name: &str, scores: Vec<ResponseScore>, when: &str) -> IncomingResponse {
    let file = package::respond(package, member(package, name), scores, "Inga jäv.", at(when)).unwrap();
    IncomingResponse { name: file.file_name, bytes: file.bytes }
}

fn scores_of(portfolio: &Portfolio, member_id: Id, package: &Package) -> Vec<(Id, Id, Option<u8>, String)> {
    package
        .cells()
        .into_iter()
        .filter_map(|(i, c)| portfolio.read().score(c, i, member_id).unwrap().map(|s| (i, c, s.value, s.comment)))
        .collect()
}

fn import_stamp() -> Stamp {
    Stamp::new("Jonas Berg", at("2026-12-01T08:00:00Z"))
}

#[test]
fn a_package_holds_the_meeting_the_criteria_and_the_packet_and_survives_a_round_trip() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let file = package::export(&mut portfolio, &stamp(), MEETING, Language::Sv).unwrap();
    let package = package::open(&file.bytes).unwrap();
    assert_eq!(package.checksum, file.checksum);
    let meeting: Meeting = portfolio.read().get(MEETING).unwrap();
    let c = &package.content;
    assert_eq!(c.meeting.date, meeting.date);
    assert_eq!(c.meeting.items.len(), meeting.items.len());
    assert_eq!(c.meeting.items[1].title, meeting.items[1].title);
    let set: CriteriaSet = portfolio.read().get(meeting.criteria_set_id.unwrap()).unwrap();
    let criteria = &c.criteria_set.as_ref().unwrap().criteria;
    assert_eq!(criteria.len(), set.criteria.len());
    assert_eq!(criteria[0].anchors, set.criteria[0].anchors, "members see what each level means");
    let linked: Vec<Id> = meeting.items.iter().filter_map(|i| i.initiative_id).collect();
    assert_eq!(c.initiatives.iter().map(|i| i.id).collect::<Vec<_>>(), linked);
    assert_eq!(package.cells().len(), linked.len() * set.criteria.len());
    let called: Vec<Id> = meeting.people.iter().filter_map(|p| p.member_id).collect();
    assert_eq!(c.members.len(), called.len());
    let packet = c.papers[0].bytes().unwrap();
    assert!(packet.starts_with(b"%PDF-"), "the meeting packet is inside");
    // The member's current scores travel with the package.
    let karin = member(&package, "Karin Ekström");
    assert_eq!(package.scores_of(karin).len(), scores_of(&portfolio, karin, &package).len());

    // Member scores everything with 2 and sends it back; the secretary's portfolio then holds exactly that.
    let incoming = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T19:00:00Z");
    let (content, _) = package::read_response(&incoming.bytes).unwrap();
    assert_eq!(content.member.name, "Karin Ekström");
    assert_eq!(content.meeting.id, MEETING);
    assert_eq!(content.package_checksum, package.checksum);
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[incoming]).unwrap();
    assert_eq!(report.refused, 0);
    assert_eq!(report.responses[0].outcome, Outcome::New);
    let stored = scores_of(&portfolio, karin, &package);
    assert_eq!(stored.len(), package.cells().len());
    assert!(stored.iter().all(|s| s.2 == Some(2)));
    assert_eq!(stored[0].3, "Bedömt till 2");
    let history = portfolio.read().recent_changes(5).unwrap();
    assert!(history.iter().all(|c| c.entity == Entity::Score && c.note.starts_with("Svar från Karin Ekström")));
    assert!(history.iter().all(|c| c.by == "Jonas Berg"));

    let status = package::status(&portfolio.read(), MEETING).unwrap();
    assert!(status.current);
    let row = status.members.iter().find(|m| m.name == "Karin Ekström").unwrap();
    assert_eq!(row.responded_at.as_deref(), Some("2026-11-28T19:00:00Z"));
    assert_eq!((row.scored, row.cells), (package.cells().len(), package.cells().len()));
    assert!(status.members.iter().filter(|m| m.name != "Karin Ekström").all(|m| m.responded_at.is_none()));
}

#[test]
fn importing_the_same_response_twice_changes_nothing() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let incoming = response(&package, "Johan Lindberg", all_cells(&package, 3), "2026-11-28T10:00:00Z");
    package::import(&mut portfolio, &import_stamp(), None, std::slice::from_ref(&incoming)).unwrap();
    let before = (support_export(&portfolio), change_count(portfolio.path()));
    let again = package::import(&mut portfolio, &import_stamp(), None, &[incoming]).unwrap();
    assert_eq!(again.responses[0].outcome, Outcome::AlreadyImported);
    assert_eq!(again.changed, 0);
    assert_eq!((support_export(&portfolio), change_count(portfolio.path())), before);
}

fn support_export(portfolio: &Portfolio) -> String {
    crate::support::export(portfolio)
}

#[test]
fn a_newer_response_replaces_the_older_which_is_kept_and_an_older_one_changes_nothing() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let maria = member(&package, "Maria Haddad");
    let older = response(&package, "Maria Haddad", all_cells(&package, 1), "2026-11-28T10:00:00Z");
    // The newer one leaves the last cell out: it is no longer scored.
    let mut fewer = all_cells(&package, 4);
    let dropped = fewer.pop().unwrap();
    let newer = response(&package, "Maria Haddad", fewer, "2026-11-29T10:00:00Z");

    package::import(&mut portfolio, &import_stamp(), Some(MEETING), std::slice::from_ref(&older)).unwrap();
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), std::slice::from_ref(&newer)).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::Replaces { previous: "2026-11-28T10:00:00Z".into() });
    let stored = scores_of(&portfolio, maria, &package);
    assert_eq!(stored.len(), package.cells().len() - 1);
    assert!(stored.iter().all(|s| s.2 == Some(4)));
    assert!(portfolio.read().score(dropped.criterion_id, dropped.initiative_id, maria).unwrap().is_none());

    // Both responses are kept; the older one is marked as replaced; the history shows the old values.
    let kept = portfolio.read().imported_responses(MEETING).unwrap();
    assert_eq!(kept.len(), 2);
    assert!(kept[0].superseded && !kept[1].superseded);
    let score_id = portfolio.read().score(package.cells()[0].1, package.cells()[0].0, maria).unwrap().unwrap().id;
    let history = portfolio.read().history(Entity::Score, score_id).unwrap();
    assert!(history.iter().any(|c| {
        c.fields.iter().any(|f| f.field == "value" && f.old.as_deref() == Some("1") && f.new.as_deref() == Some("4"))
    }));

    // The older file again: nothing changes.
    let before = support_export(&portfolio);
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), std::slice::from_ref(&older)).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::AlreadyImported);
    assert_eq!(support_export(&portfolio), before);

    // In one import, the order of the files does not matter: the newer response wins.
    let workspace = Workspace::new();
    let mut fresh = workspace.sample();
    let fresh_package = exported(&mut fresh);
    assert_eq!(fresh_package.cells(), package.cells());
    let older = response(&fresh_package, "Maria Haddad", all_cells(&fresh_package, 1), "2026-11-28T10:00:00Z");
    let newer = response(&fresh_package, "Maria Haddad", all_cells(&fresh_package, 3), "2026-11-29T10:00:00Z");
    let report = package::import(&mut fresh, &import_stamp(), None, &[newer, older]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::Replaces { previous: "2026-11-28T10:00:00Z".into() });
    assert!(scores_of(&fresh, maria, &fresh_package).iter().all(|s| s.2 == Some(3)));

    // Times are compared as times: half a second later is later, though "…:00.5Z" sorts before "…:00Z" as text.
    let workspace = Workspace::new();
    let mut close = workspace.sample();
    let close_package = exported(&mut close);
    let first = response(&close_package, "Maria Haddad", all_cells(&close_package, 1), "2026-11-28T10:00:00Z");
    let then = response(&close_package, "Maria Haddad", all_cells(&close_package, 2), "2026-11-28T10:00:00.5Z");
    package::import(&mut close, &import_stamp(), None, &[then, first]).unwrap();
    assert!(scores_of(&close, maria, &close_package).iter().all(|s| s.2 == Some(2)));

    // An older response that arrives after the newer one changes nothing.
    let workspace = Workspace::new();
    let mut late = workspace.sample();
    let late_package = exported(&mut late);
    let older = response(&late_package, "Maria Haddad", all_cells(&late_package, 1), "2026-11-28T10:00:00Z");
    let newer = response(&late_package, "Maria Haddad", all_cells(&late_package, 3), "2026-11-29T10:00:00Z");
    package::import(&mut late, &import_stamp(), None, &[newer]).unwrap();
    let before = support_export(&late);
    let report = package::import(&mut late, &import_stamp(), None, &[older]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::Older { newer: "2026-11-29T10:00:00Z".into() });
    assert_eq!(support_export(&late), before);
}

#[test]
fn two_members_responses_merge_in_one_import() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let a = response(&package, "Karin Ekström", all_cells(&package, 1), "2026-11-28T10:00:00Z");
    let b = response(&package, "Johan Lindberg", all_cells(&package, 4), "2026-11-28T11:00:00Z");
    let preview = package::preview(&mut portfolio, &import_stamp(), Some(MEETING), &[a.clone(), b.clone()]).unwrap();
    assert_eq!(preview.refused, 0);
    assert!(preview.changed > 0);
    let untouched = support_export(&portfolio);
    assert_eq!(support_export(&portfolio), untouched, "a preview writes nothing");
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[a, b]).unwrap();
    assert_eq!(report, preview, "the import does what the preview showed");
    assert!(scores_of(&portfolio, member(&package, "Karin Ekström"), &package).iter().all(|s| s.2 == Some(1)));
    assert!(scores_of(&portfolio, member(&package, "Johan Lindberg"), &package).iter().all(|s| s.2 == Some(4)));
    let status = package::status(&portfolio.read(), MEETING).unwrap();
    assert_eq!(status.members.iter().filter(|m| m.responded_at.is_some()).count(), 2);
}

/// Imports `files` expecting a refusal: nothing in the portfolio changes.
fn refused(portfolio: &mut Portfolio, meeting: Option<Id>, files: &[IncomingResponse]) -> Refusal {
    let before = (support_export(portfolio), change_count(portfolio.path()));
    let error = package::import(portfolio, &import_stamp(), meeting, files).unwrap_err();
    assert_eq!((support_export(portfolio), change_count(portfolio.path())), before, "nothing is written");
    assert!(portfolio.read().imported_responses(MEETING).unwrap().is_empty());
    match error {
        Error::Refused(refusal) => refusal,
        other => panic!("expected a refusal, got {other}"),
    }
}

#[test]
fn responses_altered_for_another_meeting_or_from_a_changed_package_are_refused_and_nothing_is_written() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let good = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");

    // Altered after export: one score changed in the file.
    let text = String::from_utf8(good.bytes.clone()).unwrap();
    assert!(text.contains("\"value\":2"));
    let altered = IncomingResponse {
        name: "ändrad.samordna-svar".into(),
        bytes: text.replacen("\"value\":2", "\"value\":5", 1).into_bytes(),
    };
    assert_eq!(refused(&mut portfolio, None, &[good.clone(), altered]), Refusal::Altered, "all or nothing");

    // For another meeting than the one being imported into.
    assert!(matches!(refused(&mut portfolio, Some(1), std::slice::from_ref(&good)), Refusal::OtherMeeting { .. }));

    // A package file where a response belongs, and something that is not ours at all.
    let wrong = IncomingResponse {
        name: "paket".into(),
        bytes: package::export(&mut portfolio, &stamp(), MEETING, Language::Sv).unwrap().bytes,
    };
    assert!(matches!(refused(&mut portfolio, None, &[wrong]), Refusal::WrongKind { .. }));
    let junk = IncomingResponse { name: "x.csv".into(), bytes: b"namn;poang\nKarin;4\n".to_vec() };
    assert!(matches!(refused(&mut portfolio, None, &[junk]), Refusal::Unreadable { .. }));

    // From a package another portfolio exported.
    let elsewhere = Workspace::new();
    let mut other = elsewhere.sample();
    let foreign_package = package::open(
        &package::export(&mut other, &Stamp::new("Någon annan", at("2026-11-27T12:00:00Z")), MEETING, Language::Sv)
            .unwrap()
            .bytes,
    )
    .unwrap();
    let foreign = response(&foreign_package, "Karin Ekström", all_cells(&foreign_package, 2), "2026-11-28T10:00:00Z");
    assert_eq!(refused(&mut portfolio, None, &[foreign]), Refusal::UnknownPackage);

    // The meeting changed after the package was exported: an initiative was taken off the agenda.
    let mut meeting: Meeting = portfolio.read().get(MEETING).unwrap();
    meeting.items[1].initiative_id = None;
    portfolio.write(&stamp(), |w| w.update(meeting)).unwrap();
    assert_eq!(refused(&mut portfolio, None, std::slice::from_ref(&good)), Refusal::ChangedPackage);
    assert!(!package::status(&portfolio.read(), MEETING).unwrap().current);
    // A new package for the changed meeting takes responses again.
    let renewed = exported(&mut portfolio);
    let fresh = response(&renewed, "Karin Ekström", all_cells(&renewed, 2), "2026-11-28T12:00:00Z");
    package::import(&mut portfolio, &import_stamp(), None, &[fresh]).unwrap();
}

#[test]
fn a_member_cannot_respond_off_the_scale_or_outside_the_package_and_a_locked_set_takes_no_responses() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let karin = member(&package, "Karin Ekström");
    let (initiative_id, criterion_id) = package.cells()[0];
    let off_scale = vec![ResponseScore { initiative_id, criterion_id, value: Some(9), comment: String::new() }];
    let error = package::respond(&package, karin, off_scale, "", at("2026-11-28T10:00:00Z")).unwrap_err();
    assert!(matches!(error, Error::Refused(Refusal::NotInPackage { .. })), "{error}");
    let elsewhere = vec![ResponseScore { initiative_id: 9999, criterion_id, value: Some(3), comment: String::new() }];
    assert!(package::respond(&package, karin, elsewhere, "", at("2026-11-28T10:00:00Z")).is_err());
    assert!(package::respond(&package, 9999, vec![], "", at("2026-11-28T10:00:00Z")).is_err());
    let twice = vec![
        ResponseScore { initiative_id, criterion_id, value: Some(3), comment: String::new() },
        ResponseScore { initiative_id, criterion_id, value: None, comment: String::new() },
    ];
    assert!(package::respond(&package, karin, twice, "", at("2026-11-28T10:00:00Z")).is_err());

    // Decisions lock the criteria set; responses can no longer change scores.
    let good = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    let meeting: Meeting = portfolio.read().get(MEETING).unwrap();
    let set_id = meeting.criteria_set_id.unwrap();
    portfolio
        .write(&stamp(), |w| {
            let mut set: CriteriaSet = w.read().get(set_id)?;
            set.locked = true;
            w.update(set)
        })
        .unwrap();
    assert!(matches!(refused(&mut portfolio, None, &[good]), Refusal::Locked { .. }));
    let _: Vec<Score> = portfolio.read().all().unwrap();
}
