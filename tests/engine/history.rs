//! The change history: who, when, which record, which field, old and new value.

use samordna::domain::{Entity, Initiative, InitiativeState, Organisation};
use samordna::store::Action;
use samordna::{Money, Stamp};

use crate::support::{Workspace, at, initiative, organisation, stamp};

#[test]
fn create_update_and_delete_are_recorded_field_by_field() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let (culture, school, id) = portfolio
        .write(&stamp(), |w| {
            let culture = w.create(organisation("Kulturnämnden"))?;
            let school = w.create(organisation("Grundskolenämnden"))?;
            let id = w.create(initiative("SLK-2026-00007", culture))?;
            Ok((culture, school, id))
        })
        .unwrap();

    let later = Stamp::new("Erik Johansson", at("2026-11-27T13:05:00Z"));
    let mut changed: Initiative = portfolio.read().get(id).unwrap();
    changed.title = "Digital signering av beslut".into();
    changed.owner_id = Some(school);
    changed.state = InitiativeState::Analysis;
    changed.costs[0].development = Money::from_kronor(650_000);
    portfolio.write(&later, |w| w.update(changed.clone())).unwrap();
    // Saving the same content again leaves no trace.
    portfolio.write(&later, |w| w.update(changed.clone())).unwrap();

    let history = portfolio.read().history(Entity::Initiative, id).unwrap();
    assert_eq!(history.len(), 2, "{history:#?}");
    let update = &history[0];
    assert_eq!(update.action, Action::Update);
    assert_eq!(update.by, "Erik Johansson");
    assert_eq!(update.at, "2026-11-27T13:05:00Z");
    assert_eq!(update.record_label, "SLK-2026-00007 Digital signering av beslut");
    let fields: Vec<(&str, Option<&str>, Option<&str>)> =
        update.fields.iter().map(|f| (f.field.as_str(), f.old.as_deref(), f.new.as_deref())).collect();
    assert_eq!(
        fields,
        [
            ("title", Some("Digital signering"), Some("Digital signering av beslut")),
            ("owner_id", Some("Kulturnämnden"), Some("Grundskolenämnden")),
            ("state", Some("identifierad"), Some("analys")),
            (
                "costs",
                Some("2026: 500\u{a0}000,00\u{a0}kr / 0,00\u{a0}kr; 2027: 0,00\u{a0}kr / 120\u{a0}000,50\u{a0}kr"),
                Some("2026: 650\u{a0}000,00\u{a0}kr / 0,00\u{a0}kr; 2027: 0,00\u{a0}kr / 120\u{a0}000,50\u{a0}kr")
            ),
        ]
    );
    let create = &history[1];
    assert_eq!((create.action, create.by.as_str()), (Action::Create, "Anna Lindqvist"));
    assert!(create.fields.iter().all(|f| f.old.is_none() && f.new.is_some()));
    assert!(create.fields.iter().any(|f| f.field == "case_number" && f.new.as_deref() == Some("SLK-2026-00007")));

    // A rename keeps the old name in the history of the records that referred to it.
    let mut renamed: Organisation = portfolio.read().get(culture).unwrap();
    renamed.name = "Kulturnämnden (ny)".into();
    portfolio.write(&later, |w| w.update(renamed)).unwrap();
    let history = portfolio.read().history(Entity::Initiative, id).unwrap();
    assert_eq!(history[0].fields[1].old.as_deref(), Some("Kulturnämnden"));

    // A deleted record keeps its history, ending with the deletion and its last values.
    portfolio.write(&later, |w| w.delete::<Initiative>(id)).unwrap();
    let history = portfolio.read().history(Entity::Initiative, id).unwrap();
    assert_eq!(history[0].action, Action::Delete);
    assert!(history[0].fields.iter().any(|f| f.field == "title" && f.new.is_none()));
    assert_eq!(history.len(), 3);

    let recent = portfolio.read().recent_changes(2).unwrap();
    assert_eq!(recent.len(), 2);
    assert_eq!((recent[0].entity, recent[0].action), (Entity::Initiative, Action::Delete));
    assert_eq!(recent[1].entity, Entity::Organisation);
}

#[test]
fn an_import_is_recorded_with_its_source() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let history = portfolio.read().history(Entity::Initiative, 1).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, Action::Import);
    assert_eq!(history[0].note, samordna::sample::SAMPLE_NOTE);
    assert!(
        history[0]
            .fields
            .iter()
            .any(|f| f.field == "owner_id" && f.new.as_deref() == Some("Demokrati och medborgarservice"))
    );
}
