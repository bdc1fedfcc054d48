//! Meeting packages and responses: round trips, idempotence, replacement, and every refusal, including responses
//! that are forged, re-addressed, re-dated or altered.

use hmac::{Hmac, Mac};
use samordna::domain::{CriteriaSet, Entity, Id, ItemRef, Language, Meeting, Member, Score};
use samordna::package::{self, IncomingResponse, Outcome, Package, Refusal, ResponseScore};
use samordna::{Error, Money, Portfolio, Stamp};
use sha2::{Digest, Sha256};

use crate::support::{Workspace, at, change_count, day, stamp};

/// The upcoming meeting of the sample (id 2, nine members called): three initiatives and a service with items of
/// their own, and an item that is the valuation of the criteria set, so every item of the set is scored.
const MEETING: Id = 2;

/// A meeting's packages, one per member, as the members open them.
pub(crate) struct Exported {
    pub(crate) packages: Vec<Package>,
}

impl Exported {
    /// The package made for `name`.
    pub(crate) fn of(&self, name: &str) -> &Package {
        self.packages.iter().find(|p| p.content.member.name == name).unwrap()
    }

    /// The cells every member scores (the same in every package).
    pub(crate) fn cells(&self) -> Vec<(ItemRef, Id)> {
        self.packages[0].cells()
    }
}

pub(crate) fn exported(portfolio: &mut Portfolio) -> Exported {
    let files = package::export(portfolio, &stamp(), MEETING, Language::Sv, |_| Ok(())).unwrap();
    assert!(files.iter().all(|f| f.file_name.ends_with(".samordna-paket")));
    Exported { packages: files.iter().map(|f| package::open(&f.bytes).unwrap()).collect() }
}

pub(crate) fn member(package: &Exported, name: &str) -> Id {
    package.of(name).content.member.id
}

/// Scores every cell of the package with `value` (plus a comment on the first).
pub(crate) fn all_cells(package: &Exported, value: u8) -> Vec<ResponseScore> {
    package
        .cells()
        .into_iter()
        .enumerate()
        .map(|(i, (item, criterion_id))| ResponseScore {
            item,
            criterion_id,
            value: Some(value),
            comment: if i == 0 { format!("Bedömt till {value}") } else { String::new() },
        })
        .collect()
}

/// `name`'s response, written with their package.
pub(crate) fn response(package: &Exported, name: &str, scores: Vec<ResponseScore>, when: &str) -> IncomingResponse {
    let file = package::respond(package.of(name), member(package, name), scores, "Inga jäv.", at(when)).unwrap();
    IncomingResponse { name: file.file_name, bytes: file.bytes }
}

fn scores_of(portfolio: &Portfolio, member_id: Id, package: &Exported) -> Vec<(ItemRef, Id, Option<u8>, String)> {
    scores_of_cells(portfolio, member_id, &package.cells())
}

/// The member's scores of these cells: (item, criterion, value, comment) for each scored one.
pub(crate) fn scores_of_cells(
    portfolio: &Portfolio,
    member_id: Id,
    cells: &[(ItemRef, Id)],
) -> Vec<(ItemRef, Id, Option<u8>, String)> {
    cells
        .iter()
        .filter_map(|&(i, c)| portfolio.read().score(c, i, member_id).unwrap().map(|s| (i, c, s.value, s.comment)))
        .collect()
}

pub(crate) fn import_stamp() -> Stamp {
    Stamp::new("Jonas Berg", at("2026-12-01T08:00:00Z"))
}

#[test]
fn a_package_holds_the_meeting_the_criteria_and_the_packet_and_survives_a_round_trip() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let files = package::export(&mut portfolio, &stamp(), MEETING, Language::Sv, |_| Ok(())).unwrap();
    let file = files.iter().find(|f| f.member_name == "Karin Ekström").unwrap();
    assert_eq!(file.file_name, "Ledamotspaket 2026-12-03 Karin Ekström.samordna-paket");
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
    // The initiatives on the agenda that the set values first, in its order (AI-stöd i kontaktcenter is not
    // submitted yet: not valued); then, the meeting having a valuation item, every other initiative of the set
    // (tests/engine/package_rounds.rs).
    let linked: Vec<Id> =
        meeting.items.iter().filter_map(|i| i.initiative_id).filter(|id| set.initiative_ids.contains(id)).collect();
    assert_eq!(c.initiatives.iter().map(|i| i.id).take(linked.len()).collect::<Vec<_>>(), linked);
    assert_eq!(c.initiatives.len(), set.initiative_ids.len());
    // A shared service on the agenda that the set values is scored first (Utskrift och skanning, item 6), then the
    // set's others.
    let services: Vec<Id> =
        meeting.items.iter().filter_map(|i| i.service_id).filter(|id| set.service_ids.contains(id)).collect();
    assert_eq!(services.len(), 1);
    assert_eq!(c.services[0].id, services[0]);
    assert_eq!(c.services.len(), set.service_ids.len());
    assert_eq!(
        (c.services[0].name.as_str(), c.services[0].provider.as_str()),
        ("Utskrift och skanning", "Intraservice")
    );
    assert_eq!(c.services[0].item_number, 10);
    assert!(c.services[0].management > Money::ZERO, "its management cost over the period");
    assert_eq!(package.cells().len(), (set.initiative_ids.len() + set.service_ids.len()) * set.criteria.len());
    // One package per member called, each with its own key.
    let mut called: Vec<Id> = meeting.people.iter().filter_map(|p| p.member_id).collect();
    called.sort();
    let mut members: Vec<Id> = files.iter().map(|f| f.member_id).collect();
    members.sort();
    assert_eq!(members, called);
    let keys: std::collections::BTreeSet<String> =
        files.iter().map(|f| package::open(&f.bytes).unwrap().content.response_key).collect();
    assert_eq!(keys.len(), files.len(), "every member's key is different");
    assert!(keys.iter().all(|k| k.len() == 64), "256 bits, hexadecimal");
    let packet = c.papers[0].bytes().unwrap();
    assert!(packet.starts_with(b"%PDF-"), "the meeting packet is inside");
    let karin = c.member.id;
    let package = Exported { packages: files.iter().map(|f| package::open(&f.bytes).unwrap()).collect() };
    // The member's current scores travel with their package, and nobody else's do.
    assert!(!package.of("Karin Ekström").content.scores.is_empty());
    assert_eq!(package.of("Karin Ekström").content.scores.len(), scores_of(&portfolio, karin, &package).len());

    // Member scores everything with 2 and sends it back; the secretary's portfolio then holds exactly that.
    let incoming = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T19:00:00Z");
    let content = package::read_response(&incoming.bytes).unwrap().content;
    assert_eq!(content.member.name, "Karin Ekström");
    assert_eq!(content.meeting.id, MEETING);
    assert_eq!(content.package_checksum, package.of("Karin Ekström").checksum);
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
    assert!(portfolio.read().score(dropped.criterion_id, dropped.item, maria).unwrap().is_none());

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
pub(crate) fn refused(portfolio: &mut Portfolio, meeting: Option<Id>, files: &[IncomingResponse]) -> Refusal {
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
        bytes: package::export(&mut portfolio, &stamp(), MEETING, Language::Sv, |_| Ok(())).unwrap().remove(0).bytes,
    };
    assert!(matches!(refused(&mut portfolio, None, &[wrong]), Refusal::WrongKind { .. }));
    let junk = IncomingResponse { name: "x.csv".into(), bytes: b"namn;poang\nKarin;4\n".to_vec() };
    assert!(matches!(refused(&mut portfolio, None, &[junk]), Refusal::Unreadable { .. }));

    // From a package another portfolio exported.
    let elsewhere = Workspace::new();
    let mut other = elsewhere.sample();
    let foreign_package = Exported {
        packages: package::export(
            &mut other,
            &Stamp::new("Någon annan", at("2026-11-27T12:00:00Z")),
            MEETING,
            Language::Sv,
            |_| Ok(()),
        )
        .unwrap()
        .iter()
        .map(|f| package::open(&f.bytes).unwrap())
        .collect(),
    };
    let foreign = response(&foreign_package, "Karin Ekström", all_cells(&foreign_package, 2), "2026-11-28T10:00:00Z");
    assert_eq!(refused(&mut portfolio, None, &[foreign]), Refusal::UnknownPackage);

    // What members score changed after the package was exported: an initiative was taken off the agenda, and so
    // was the valuation of the set that would still have brought it (package_rounds.rs: changes that leave what is
    // scored alone keep packages answerable).
    let mut meeting: Meeting = portfolio.read().get(MEETING).unwrap();
    let taken_off = meeting.items.iter_mut().find_map(|i| i.initiative_id.take()).unwrap();
    meeting.items.retain(|i| !i.valuation);
    portfolio.write(&stamp(), |w| w.update(meeting)).unwrap();
    let initiative: samordna::domain::Initiative = portfolio.read().get(taken_off).unwrap();
    assert_eq!(
        refused(&mut portfolio, None, std::slice::from_ref(&good)),
        Refusal::NoLongerScored {
            what: package::Scored::Initiative,
            name: format!("{} {}", initiative.case_number, initiative.title)
        }
    );
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
    let own = package.of("Karin Ekström");
    let (item, criterion_id) = package.cells()[0];
    let off_scale = vec![ResponseScore { item, criterion_id, value: Some(9), comment: String::new() }];
    let error = package::respond(own, karin, off_scale, "", at("2026-11-28T10:00:00Z")).unwrap_err();
    assert!(matches!(error, Error::Refused(Refusal::NotInPackage { .. })), "{error}");
    let elsewhere =
        vec![ResponseScore { item: ItemRef::Initiative(9999), criterion_id, value: Some(3), comment: String::new() }];
    assert!(package::respond(own, karin, elsewhere, "", at("2026-11-28T10:00:00Z")).is_err());
    assert!(package::respond(own, 9999, vec![], "", at("2026-11-28T10:00:00Z")).is_err());
    // Karin's package writes no response in Johan's name.
    let johan = member(&package, "Johan Lindberg");
    let error = package::respond(own, johan, vec![], "", at("2026-11-28T10:00:00Z")).unwrap_err();
    assert!(matches!(error, Error::Refused(Refusal::WrongMember { .. })), "{error}");
    let twice = vec![
        ResponseScore { item, criterion_id, value: Some(3), comment: String::new() },
        ResponseScore { item, criterion_id, value: None, comment: String::new() },
    ];
    assert!(package::respond(own, karin, twice, "", at("2026-11-28T10:00:00Z")).is_err());

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

/// Lower-case hexadecimal to bytes.
fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a forged response is sealed.
#[derive(Debug, Clone)]
pub(crate) enum Seal {
    /// The original file's MAC, kept as it was (someone without any key edits the file).
    Kept,
    /// No MAC at all.
    None,
    /// A MAC under this key (hexadecimal, as in a package): someone holding that package.
    Key(String),
}

/// `original` with its content edited and the checksum recomputed over the new content, sealed as `seal` says:
/// what an attacker with a text editor and `sha256sum` (and perhaps a package) can make.
pub(crate) fn forged(
    original: &IncomingResponse,
    edit: impl FnOnce(&mut serde_json::Value),
    seal: Seal,
) -> IncomingResponse {
    let envelope: serde_json::Value = serde_json::from_slice(&original.bytes).unwrap();
    let mut content = envelope["content"].clone();
    edit(&mut content);
    let json = serde_json::to_string(&content).unwrap();
    let checksum = format!("sha256:{}", hex(&Sha256::digest(json.as_bytes())));
    let mac = match seal {
        Seal::Kept => Some(envelope["mac"].as_str().unwrap().to_string()),
        Seal::None => None,
        Seal::Key(key) => {
            let mut hmac = Hmac::<Sha256>::new_from_slice(&unhex(&key)).unwrap();
            hmac.update(json.as_bytes());
            Some(format!("hmac-sha256:{}", hex(&hmac.finalize().into_bytes())))
        }
    };
    let mac = mac.map(|m| format!(",\"mac\":\"{m}\"")).unwrap_or_default();
    let bytes = format!(
        "{{\"format\":\"samordna-meeting-response\",\"version\":2,\"checksum\":\"{checksum}\"{mac},\"content\":{json}}}"
    );
    IncomingResponse { name: "förfalskad.samordna-svar".into(), bytes: bytes.into_bytes() }
}

#[test]
fn only_the_member_a_package_was_made_for_can_respond_and_a_response_cannot_be_altered_re_addressed_or_re_dated() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let karin = member(&package, "Karin Ekström");
    let johan = member(&package, "Johan Lindberg");
    let good = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    let as_johan = |c: &mut serde_json::Value| {
        c["member"]["id"] = johan.into();
        c["member"]["name"] = "Johan Lindberg".into();
    };

    // Without a key: Karin's response made Johan's, re-dated, its scores changed, or its MAC removed; each with
    // the checksum recomputed (all of these imported before responses were authenticated).
    let readdressed = forged(&good, as_johan, Seal::Kept);
    assert_eq!(refused(&mut portfolio, None, &[readdressed]), Refusal::NotAuthentic);
    let redated = forged(&good, |c| c["responded_at"] = "2099-01-01T00:00:00Z".into(), Seal::Kept);
    assert_eq!(refused(&mut portfolio, None, &[redated]), Refusal::NotAuthentic);
    let rescored = forged(&good, |c| c["scores"][0]["value"] = 4.into(), Seal::Kept);
    assert_eq!(refused(&mut portfolio, None, &[rescored]), Refusal::NotAuthentic);
    let emptied = forged(&good, |c| c["scores"] = serde_json::json!([]), Seal::None);
    assert_eq!(refused(&mut portfolio, None, &[emptied]), Refusal::NotAuthentic);

    // Johan holds his own package: he cannot write in Karin's name, neither under his package (it is his) nor
    // naming hers (his key is not hers).
    let johans = package.of("Johan Lindberg");
    let johans_checksum = johans.checksum.clone();
    let under_his = forged(
        &good,
        |c| c["package_checksum"] = johans_checksum.into(),
        Seal::Key(johans.content.response_key.clone()),
    );
    assert_eq!(
        refused(&mut portfolio, None, &[under_his]),
        Refusal::WrongMember { name: "Karin Ekström".into(), package_member: "Johan Lindberg".into() }
    );
    let under_hers =
        forged(&good, |c| c["scores"][0]["value"] = 0.into(), Seal::Key(johans.content.response_key.clone()));
    assert_eq!(refused(&mut portfolio, None, &[under_hers]), Refusal::NotAuthentic);

    // Karin herself cannot date her response in the future (beyond the clock skew), before her package, or with
    // something that is no time.
    let future = response(&package, "Karin Ekström", vec![], "2099-01-01T00:00:00Z");
    assert_eq!(refused(&mut portfolio, None, &[future]), Refusal::FutureTime { at: "2099-01-01T00:00:00Z".into() });
    let early = response(&package, "Karin Ekström", vec![], "2026-11-20T10:00:00Z");
    assert!(matches!(refused(&mut portfolio, None, &[early]), Refusal::BeforePackage { .. }));
    let no_time = forged(
        &good,
        |c| c["responded_at"] = "not-a-date".into(),
        Seal::Key(package.of("Karin Ekström").content.response_key.clone()),
    );
    assert_eq!(refused(&mut portfolio, None, &[no_time]), Refusal::BadTime { at: "not-a-date".into() });

    // A clock a few minutes ahead is fine (the import's clock reads 08:00).
    let ahead = response(&package, "Karin Ekström", all_cells(&package, 3), "2026-12-01T08:04:00Z");
    package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[ahead]).unwrap();
    assert!(scores_of(&portfolio, karin, &package).iter().all(|s| s.2 == Some(3)));
    // Johan's scores were never touched by any of the forgeries.
    let untouched = scores_of(&portfolio, johan, &package);
    assert!(untouched.iter().all(|s| s.3 != "Bedömt till 2"), "{untouched:?}");
}

#[test]
fn files_of_an_older_samordna_are_refused_with_the_advice_to_export_again() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let good = response(&package, "Karin Ekström", all_cells(&package, 2), "2026-11-28T10:00:00Z");
    let text = String::from_utf8(good.bytes).unwrap();
    assert!(text.contains("\"version\": 2"), "{text}");
    let old =
        IncomingResponse { name: "gammalt".into(), bytes: text.replacen("\"version\": 2", "\"version\": 1", 1).into() };
    assert_eq!(refused(&mut portfolio, None, &[old]), Refusal::OlderVersion { found: 1 });
    let file = package::export(&mut portfolio, &stamp(), MEETING, Language::Sv, |_| Ok(())).unwrap().remove(0);
    let old_package = String::from_utf8(file.bytes).unwrap().replacen("\"version\": 2", "\"version\": 1", 1);
    let error = package::open(old_package.as_bytes()).unwrap_err();
    assert!(matches!(error, Error::Refused(Refusal::OlderVersion { found: 1 })), "{error}");
    assert!(error.to_string().contains("export the packages again"), "{error}");
}

#[test]
fn a_response_imported_before_responses_were_authenticated_never_outranks_an_authentic_one() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let package = exported(&mut portfolio);
    let karin = member(&package, "Karin Ekström");
    // What a portfolio of schema 8 could hold: a package without a key and a forged response to it dated 2099,
    // which then made every real response of Karin's "older".
    let path = portfolio.path().to_path_buf();
    drop(portfolio);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO meeting_package (checksum, meeting_id, fingerprint, exported_at, exported_by)
         SELECT 'sha256:gammalt', meeting_id, fingerprint, exported_at, exported_by FROM meeting_package LIMIT 1",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO meeting_response (meeting_id, member_id, package_checksum, checksum, responded_at, imported_at,
         imported_by, file_name, content) VALUES (?1, ?2, 'sha256:gammalt', 'sha256:förfalskat',
         '2099-01-01T00:00:00Z', '2026-11-27T08:00:00Z', 'Jonas Berg', 'förfalskat.samordna-svar', '{}')",
        [MEETING, karin],
    )
    .unwrap();
    drop(conn);
    let mut portfolio = Portfolio::open(&path, import_stamp().at).unwrap();
    let real = response(&package, "Karin Ekström", all_cells(&package, 1), "2026-11-28T10:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[real]).unwrap();
    assert_eq!(report.responses[0].outcome, Outcome::Replaces { previous: "2099-01-01T00:00:00Z".into() });
    assert!(scores_of(&portfolio, karin, &package).iter().all(|s| s.2 == Some(1)));
    let status = package::status(&portfolio.read(), MEETING).unwrap();
    let row = status.members.iter().find(|m| m.member_id == karin).unwrap();
    assert_eq!(row.responded_at.as_deref(), Some("2026-11-28T10:00:00Z"));
}

#[test]
fn packages_that_could_not_be_written_are_not_recorded_as_exported() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut handed = 0;
    let error = package::export(&mut portfolio, &stamp(), MEETING, Language::Sv, |_| {
        handed += 1;
        if handed == 3 { Err(Error::DiskFull { path: "ut".into() }) } else { Ok(()) }
    })
    .unwrap_err();
    assert!(matches!(error, Error::DiskFull { .. }), "{error}");
    assert!(portfolio.read().exported_packages(MEETING).unwrap().is_empty());

    // Into a folder where one member's package cannot go (a folder has its name): nothing is recorded, and the
    // packages already written are taken away again.
    let folder = workspace.path("ut");
    let blocked = folder.join("Ledamotspaket 2026-12-03 Maria Haddad.samordna-paket");
    std::fs::create_dir_all(&blocked).unwrap();
    let error = package::export_to_folder(&mut portfolio, &stamp(), MEETING, Language::Sv, &folder).unwrap_err();
    assert!(matches!(error, Error::NotARegularFile { .. }), "{error}");
    assert!(portfolio.read().exported_packages(MEETING).unwrap().is_empty());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1, "only the folder that was there");

    // Not into the portfolio's backups.
    let backups = workspace.path(".samordna-backups");
    let error = package::export_to_folder(&mut portfolio, &stamp(), MEETING, Language::Sv, &backups).unwrap_err();
    assert!(matches!(error, Error::ProtectedOutput { .. }), "{error}");
    assert!(portfolio.read().exported_packages(MEETING).unwrap().is_empty());

    std::fs::remove_dir(&blocked).unwrap();
    let written = package::export_to_folder(&mut portfolio, &stamp(), MEETING, Language::Sv, &folder).unwrap();
    assert_eq!(written.len(), 9);
    assert!(written.iter().all(|p| p.is_file()));
    let recorded = portfolio.read().exported_packages(MEETING).unwrap();
    assert_eq!(recorded.len(), 9);
    assert!(recorded.iter().all(|p| p.member_id.is_some() && p.response_key.as_ref().is_some_and(|k| k.len() == 32)));
}

#[test]
fn file_names_are_safe_and_one_per_member() {
    assert_eq!(package::safe_file_stem("Ledamotspaket 2026-12-03 A/B: C?"), "Ledamotspaket 2026-12-03 A_B_ C_");
    assert_eq!(package::safe_file_stem(" ..\u{0}x.. "), "_x");
    assert_eq!(package::safe_file_stem("..."), "_");
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // Two members whose names become one file name, and one whose name is a path.
    portfolio
        .write(&stamp(), |w| {
            let meeting: Meeting = w.read().get(MEETING)?;
            let called: Vec<Id> = meeting.people.iter().filter_map(|p| p.member_id).collect();
            for (id, name) in called.into_iter().zip(["Ann/Berg", "Ann:Berg", "../../etc/passwd"]) {
                let mut member: Member = w.read().get(id)?;
                member.name = name.into();
                w.update(member)?;
            }
            Ok(())
        })
        .unwrap();
    let files = package::export(&mut portfolio, &stamp(), MEETING, Language::Sv, |_| Ok(())).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    let unique: std::collections::BTreeSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(unique.len(), names.len(), "{names:?}");
    assert!(names.iter().all(|n| !n.contains('/') && !n.contains('\\') && !n.contains(':')), "{names:?}");
    assert_eq!(names.iter().filter(|n| n.contains("Ann_Berg (")).count(), 2, "{names:?}");
}

fn cli(workspace: &Workspace) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("samordna").unwrap();
    command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Jonas Berg");
    command
}

/// Runs `command`, expecting exit code `code` with `message` on stderr.
fn cli_fails(command: &mut assert_cmd::Command, code: i32, message: &str) {
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    assert!(stderr.contains(message), "expected '{message}' in: {stderr}");
}

#[test]
fn the_command_line_writes_one_package_per_member_and_never_over_its_input_or_the_portfolio() {
    let workspace = Workspace::new();
    cli(&workspace).args(["-p", "s.samordna", "init", "--sample"]).assert().success();
    cli(&workspace)
        .args(["-p", "s.samordna", "package", "export", "--meeting", "2", "--out", "paket"])
        .assert()
        .success();
    let packages = std::fs::read_dir(workspace.path("paket")).unwrap().count();
    assert_eq!(packages, 9, "one per member called");
    let lena = "paket/Ledamotspaket 2026-12-03 Lena Holm.samordna-paket";
    let original = std::fs::read(workspace.path(lena)).unwrap();

    // The response never replaces the package it is made from, however the path is spelt or linked.
    #[cfg(unix)]
    std::fs::hard_link(workspace.path(lena), workspace.path("länk.samordna-svar")).unwrap();
    let spellings = [
        lena.to_string(),
        format!("./paket/../{lena}"),
        workspace.path(lena).display().to_string(),
        #[cfg(unix)]
        "länk.samordna-svar".to_string(),
    ];
    for out in &spellings {
        cli_fails(
            cli(&workspace).args(["package", "respond", lena, "--member", "Lena Holm", "--out", out]),
            1,
            "is the file this command reads",
        );
    }
    assert_eq!(std::fs::read(workspace.path(lena)).unwrap(), original);

    // Packages go into a folder, never over the portfolio or into its backups.
    let export = |out: &str| {
        let mut command = cli(&workspace);
        command.args(["-p", "s.samordna", "package", "export", "--meeting", "2", "--out", out]);
        command
    };
    cli_fails(&mut export("s.samordna"), 2, "give a folder");
    cli_fails(&mut export("paket.samordna-paket"), 2, "give a folder");
    cli_fails(&mut export(".samordna-backups"), 1, "in the portfolio's backups");
    // A package that cannot be written is not recorded: the one export recorded is the first.
    std::fs::create_dir_all(workspace.path("hindrad/Ledamotspaket 2026-12-03 Lena Holm.samordna-paket")).unwrap();
    cli_fails(&mut export("hindrad"), 1, "not a regular file");
    assert_eq!(std::fs::read_dir(workspace.path("hindrad")).unwrap().count(), 1);
    let status = cli(&workspace).args(["-p", "s.samordna", "package", "status", "--meeting", "2", "--json"]).output();
    let status: serde_json::Value = serde_json::from_slice(&status.unwrap().stdout).unwrap();
    assert_eq!(status["packages"].as_array().unwrap().len(), 9);

    // A dry run that would refuse a file says so with exit code 1, like the import.
    cli(&workspace)
        .args([
            "package",
            "respond",
            lena,
            "--member",
            "Lena Holm",
            "--score",
            "SLK-2026-00101,Strategisk förankring,1",
        ])
        .args(["--out", "svar.samordna-svar"])
        .assert()
        .success();
    let text = std::fs::read_to_string(workspace.path("svar.samordna-svar")).unwrap();
    std::fs::write(workspace.path("ändrat.samordna-svar"), text.replacen("\"value\":1", "\"value\":4", 1)).unwrap();
    let before = change_count(&workspace.path("s.samordna"));
    cli_fails(
        cli(&workspace).args(["-p", "s.samordna", "package", "import", "--dry-run", "ändrat.samordna-svar"]),
        1,
        "would be refused",
    );
    cli(&workspace)
        .args(["-p", "s.samordna", "package", "import", "--dry-run", "svar.samordna-svar"])
        .assert()
        .success();
    assert_eq!(change_count(&workspace.path("s.samordna")), before);

    // A device that never ends is no file to read; a file over the limit is refused unread.
    #[cfg(unix)]
    {
        cli_fails(cli(&workspace).args(["package", "show", "/dev/zero"]), 1, "not a regular file");
        cli_fails(
            cli(&workspace).args(["-p", "s.samordna", "package", "import", "--dry-run", "/dev/zero"]),
            1,
            "not a regular file",
        );
    }
    std::fs::File::create(workspace.path("big.samordna-paket")).unwrap().set_len(300 * 1024 * 1024).unwrap();
    cli_fails(cli(&workspace).args(["package", "show", "big.samordna-paket"]), 1, "was not read");
}

#[test]
fn an_older_response_to_another_meeting_never_overwrites_a_newer_score_of_the_same_item() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    // The same items again on a later meeting's agenda (the group scores an initiative more than once).
    let mut later: Meeting = portfolio.read().get(MEETING).unwrap();
    later.id = 0;
    later.date = day("2027-01-21");
    later.case_number = String::new();
    for item in &mut later.items {
        item.id = 0;
        item.paragraph = None;
    }
    let later_id = portfolio.write(&stamp(), |w| w.create(later)).unwrap();
    let first = exported(&mut portfolio);
    let files = package::export(&mut portfolio, &stamp(), later_id, Language::Sv, |_| Ok(())).unwrap();
    let second = Exported { packages: files.iter().map(|f| package::open(&f.bytes).unwrap()).collect() };
    assert_eq!(first.cells(), second.cells(), "both meetings score the same cells");
    let maria = member(&first, "Maria Haddad");

    // Maria answers the later meeting first (4), then the earlier meeting's response, written before it (1), is
    // imported, late or replayed by someone holding the old file.
    let newer = response(&second, "Maria Haddad", all_cells(&second, 4), "2026-11-29T10:00:00Z");
    package::import(&mut portfolio, &import_stamp(), Some(later_id), &[newer]).unwrap();
    let older = response(&first, "Maria Haddad", all_cells(&first, 1), "2026-11-28T10:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[older]).unwrap();
    let answer = &report.responses[0];
    assert_eq!(answer.outcome, Outcome::New, "the earlier meeting's response is recorded for that meeting");
    assert!(answer.changes.is_empty(), "no score changes: {:?}", answer.changes);
    assert_eq!(answer.kept_newer.len(), first.cells().len());
    assert!(answer.kept_newer.iter().all(|k| k.newer == "2026-11-29T10:00:00Z" && k.meeting.contains("2027-01-21")));
    assert!(scores_of(&portfolio, maria, &first).iter().all(|s| s.2 == Some(4)), "the newer scores stand");

    // A newer response to the earlier meeting does replace them, cell by cell.
    let newest = response(&first, "Maria Haddad", all_cells(&first, 2), "2026-11-30T10:00:00Z");
    let report = package::import(&mut portfolio, &import_stamp(), Some(MEETING), &[newest]).unwrap();
    assert_eq!(report.responses[0].changes.len(), first.cells().len());
    assert!(report.responses[0].kept_newer.is_empty());
    assert!(scores_of(&portfolio, maria, &first).iter().all(|s| s.2 == Some(2)));
}
