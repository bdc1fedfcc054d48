//! Meetings, decisions with paragraph numbers, lifecycle moves, approval and corrections.

use samordna::domain::{
    Attachment, CriteriaSet, Decision, DecisionOutcome, Initiative, InitiativeState, Meeting, Track,
};
use samordna::{Error, Stamp};

use crate::support::{Workspace, after_meeting, at, day, not_allowed, stamp};
use samordna::domain::Reason;

fn meetings(portfolio: &samordna::Portfolio) -> (Meeting, Meeting) {
    let list: Vec<Meeting> = portfolio.read().all().unwrap();
    let past = list.iter().find(|m| m.date == day("2026-10-15")).unwrap().clone();
    let upcoming = list.iter().find(|m| m.date == day("2026-12-03")).unwrap().clone();
    (past, upcoming)
}

#[test]
fn a_decision_numbers_the_meeting_moves_the_initiative_and_locks_the_set() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let (past, upcoming) = meetings(&portfolio);
    let paragraphs: Vec<Option<i32>> = past.items.iter().map(|i| i.paragraph).collect();
    // The four opening items, then the matters.
    assert_eq!(paragraphs, (27..=36).map(Some).collect::<Vec<_>>());
    assert!(upcoming.items.iter().all(|i| i.paragraph.is_none()));
    let at = upcoming.items.iter().position(|i| i.initiative_id.is_some()).unwrap();
    assert_eq!(at, 5, "after the four opening items and the budget information");
    let platform = &upcoming.items[at];
    let initiative_id = platform.initiative_id.unwrap();
    assert_ne!(portfolio.read().get::<Initiative>(initiative_id).unwrap().state, InitiativeState::Prioritised);

    let decision = Decision {
        id: 0,
        item_id: platform.id,
        outcome: DecisionOutcome::Prioritised,
        text: "Samordningsgruppen prioriterar insatsen.".into(),
        notes: String::new(),
        budget_lines: Vec::new(),
    };
    portfolio.write(&after_meeting(), |w| w.record_decision(decision)).unwrap();
    let (_, upcoming) = meetings(&portfolio);
    let paragraphs: Vec<Option<i32>> = upcoming.items.iter().map(|i| i.paragraph).collect();
    let expected: Vec<Option<i32>> = (37..37 + upcoming.items.len() as i32).map(Some).collect();
    assert_eq!(paragraphs, expected, "§ continue through the year");
    assert_eq!(portfolio.read().get::<Initiative>(initiative_id).unwrap().state, InitiativeState::Prioritised);
    let set: CriteriaSet = portfolio.read().get(upcoming.criteria_set_id.unwrap()).unwrap();
    assert!(set.locked, "the set the meeting valued with is locked once decisions are recorded");
    // The history says who moved the initiative.
    let history = portfolio.read().history(samordna::domain::Entity::Initiative, initiative_id).unwrap();
    assert!(history[0].fields.iter().any(|f| f.field == "state" && f.new.as_deref() == Some("prioriterad")));

    // Recording again replaces the decision and keeps the numbers.
    let again = Decision {
        id: 0,
        item_id: platform.id,
        outcome: DecisionOutcome::Tabled,
        text: "Bordläggs.".into(),
        notes: String::new(),
        budget_lines: Vec::new(),
    };
    portfolio.write(&after_meeting(), |w| w.record_decision(again)).unwrap();
    let decisions = portfolio.read().decisions_of(&meetings(&portfolio).1).unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[&platform.id].outcome, DecisionOutcome::Tabled);
    assert_eq!(meetings(&portfolio).1.items[at].paragraph, Some(42));
}

#[test]
fn paragraphs_start_again_each_year_and_business_specific_initiatives_keep_their_track() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let own = portfolio.read().initiatives().unwrap().into_iter().find(|i| i.track == Track::BusinessSpecific).unwrap();
    let mut meeting = meetings(&portfolio).1;
    meeting.id = 0;
    meeting.date = day("2027-01-21");
    meeting.criteria_set_id = None;
    for item in &mut meeting.items {
        item.id = 0;
        // A meeting without a criteria set values nothing.
        item.valuation = false;
    }
    meeting.items[5].initiative_id = Some(own.id);
    let id = portfolio.write(&stamp(), |w| w.create(meeting)).unwrap();
    let created: Meeting = portfolio.read().get(id).unwrap();
    let decision = Decision {
        id: 0,
        item_id: created.items[5].id,
        outcome: DecisionOutcome::Prioritised,
        text: "Prioriteras.".into(),
        notes: String::new(),
        budget_lines: Vec::new(),
    };
    let january = Stamp::new("Anna Lindqvist", at("2027-01-21T14:00:00Z"));
    portfolio.write(&january, |w| w.record_decision(decision)).unwrap();
    let numbered: Meeting = portfolio.read().get(id).unwrap();
    assert_eq!(numbered.items[0].paragraph, Some(1));
    let unchanged: Initiative = portfolio.read().get(own.id).unwrap();
    assert_eq!(unchanged.state, own.state, "'prioritised' is not a state of the business-specific track");
}

#[test]
fn approved_minutes_are_locked_and_later_changes_are_corrections() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let (past, upcoming) = meetings(&portfolio);
    assert!(past.is_approved());
    assert!(portfolio.read().corrections(&past).unwrap().is_empty(), "importing is not correcting");

    let mut decision = portfolio.read().decisions_of(&past).unwrap()[&past.items[7].id].clone();
    let later = Stamp::new("Jonas Berg", at("2026-11-02T10:00:00Z"));
    decision.text = "Ärendet återremitteras för utredning av tredjelandsöverföring och kostnader.".into();
    portfolio.write(&later, |w| w.update(decision.clone())).unwrap();
    let corrections = portfolio.read().corrections(&past).unwrap();
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0].by, "Jonas Berg");
    assert_eq!(corrections[0].at, "2026-11-02T10:00:00Z");
    let field = &corrections[0].fields[0];
    assert_eq!(field.field, "text");
    assert!(
        field
            .old
            .as_deref()
            .unwrap()
            .starts_with("Ärendet återremitteras för utredning av tredjelandsöverföring innan")
    );

    let error = portfolio.write(&later, |w| w.delete::<Decision>(decision.id)).unwrap_err();
    assert_eq!(error.code(), "in_use", "a decision in approved minutes cannot be removed");
    assert!(matches!(
        portfolio.write(&later, |w| w.approve_minutes(past.id, "Maria Haddad")),
        Err(Error::AlreadyApproved(_))
    ));
    assert_eq!(portfolio.write(&later, |w| w.delete::<Meeting>(past.id)).unwrap_err().code(), "in_use");

    // The meeting of 3 December cannot be approved on 2 November, nor without naming who checked the minutes.
    let early = portfolio.write(&later, |w| w.approve_minutes(upcoming.id, "Johan Lindberg")).unwrap_err();
    assert_eq!(error_code_and_date(&early), ("meeting_not_held", "2026-12-03".to_string()));
    let after = Stamp::new("Jonas Berg", at("2026-12-05T08:00:00Z"));
    let nobody = portfolio.write(&after, |w| w.approve_minutes(upcoming.id, "  ")).unwrap_err();
    assert!(nobody.to_string().contains("minutes_checker is required"), "{nobody}");
    portfolio.write(&after, |w| w.approve_minutes(upcoming.id, "Johan Lindberg")).unwrap();
    let approved: Meeting = portfolio.read().get(upcoming.id).unwrap();
    assert_eq!(approved.approved_by.as_deref(), Some("Johan Lindberg"), "the justerare, not who clicked");
    let recorded = portfolio.read().history(samordna::domain::Entity::Meeting, upcoming.id).unwrap();
    assert_eq!(recorded[0].by, "Jonas Berg", "the history says who recorded the approval");
    // Saving the meeting never changes the approval.
    let reopened = Meeting { approved_at: None, approved_by: None, place: "Digitalt".into(), ..approved.clone() };
    portfolio.write(&after, |w| w.update(reopened)).unwrap();
    let still: Meeting = portfolio.read().get(upcoming.id).unwrap();
    assert!(still.is_approved());
    assert_eq!(still.place, "Digitalt");
}

#[test]
fn meetings_and_attachments_are_checked() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let (_, mut upcoming) = meetings(&portfolio);
    upcoming.start_time = "9".into();
    upcoming.items[5].case_number = "101".into();
    upcoming.items[6].title.clear();
    let error = portfolio.write(&stamp(), |w| w.update(upcoming.clone())).unwrap_err();
    let message = error.to_string();
    for field in ["start_time", "items[5].case_number", "items[6].title is required"] {
        assert!(message.contains(field), "{field} in {message}");
    }
    let (_, upcoming) = meetings(&portfolio);
    let pdf = Attachment {
        id: 0,
        item_id: upcoming.items[5].id,
        name: "Förstudie e-tjänsteplattform.pdf".into(),
        media_type: "application/pdf".into(),
        data: include_bytes!("../../assets/sample/attachments/forstudie-e-tjansteplattform.pdf").to_vec(),
    };
    portfolio.write(&stamp(), |w| w.create(pdf.clone())).unwrap();
    for (media_type, data) in [
        ("application/pdf", b"%PDF-1.7 not really".to_vec()),
        ("image/png", b"GIF89a".to_vec()),
        ("image/jpeg", include_bytes!("../../assets/sample/attachments/arendevolymer.png").to_vec()),
    ] {
        let bad = Attachment { media_type: media_type.into(), data, ..pdf.clone() };
        let error = portfolio.write(&stamp(), |w| w.create(bad)).unwrap_err();
        assert_eq!(not_allowed(&error), [("data".to_string(), Reason::AttachmentContent)], "{media_type}");
    }
    // The sample already attaches a pre-study and a chart to this item.
    assert_eq!(portfolio.read().attachments_of(&upcoming).unwrap()[&upcoming.items[5].id].len(), 3);
    let word = Attachment { media_type: "application/msword".into(), ..pdf };
    let error = portfolio.write(&stamp(), |w| w.create(word)).unwrap_err();
    assert!(error.to_string().contains("media_type is not allowed"), "{error}");
}

fn error_code_and_date(error: &Error) -> (&'static str, String) {
    let date = error.params().get("date").and_then(|d| d.as_str()).unwrap_or_default().to_string();
    (error.code(), date)
}
