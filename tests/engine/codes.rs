//! The engine's stable codes as the UI receives them: the catalogue the UI's texts are checked against, and typed
//! parameters that are never packed into a code or a message.

use samordna::domain::{Reason, Rule};
use samordna::error::{Error, SelectionError, catalogue};
use serde_json::json;

/// Kept equal to [`catalogue`]; `tests/ui/codes.test.js` checks that each code has Swedish and English text.
const CATALOGUE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ui/engine-codes.json");

#[test]
fn the_ui_checks_its_texts_against_every_code_the_engine_has() {
    let expected = serde_json::to_string_pretty(&catalogue()).unwrap() + "\n";
    if std::env::var_os("SAMORDNA_UPDATE_CODES").is_some() {
        std::fs::write(CATALOGUE_FILE, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(CATALOGUE_FILE).unwrap_or_default();
    assert!(
        committed == expected,
        "tests/ui/engine-codes.json is not the engine's catalogue of codes; run \
         `SAMORDNA_UPDATE_CODES=1 cargo test --test engine codes` and give each new code its texts in ui/js/i18n/"
    );
}

#[test]
fn the_catalogue_lists_the_codes_errors_carry() {
    let codes = catalogue();
    let busy = Error::Busy { path: "/tmp/p.samordna".into() };
    assert!(codes.error.contains(&busy.code()), "{:?}", codes.error);
    assert_eq!(Error::CaseNumberNotFound("SLK-2026-00001".into()).code(), "not_found");
    assert_eq!(codes.error.iter().filter(|c| **c == "not_found").count(), 1);
    assert!(codes.reason.contains(&"zero_total_volume"));
    assert!(codes.rule.contains(&"not_allowed"));
    assert!(codes.selection.contains(&"mandatory_over_frame"));
    assert!(codes.refusal.contains(&"not_authentic"));
    assert!(codes.protected.contains(&"portfolio"));
    for list in [&codes.error, &codes.rule, &codes.reason, &codes.refusal, &codes.protected, &codes.selection] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        assert!(list.iter().all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')), "{list:?}");
    }
}

#[test]
fn a_reason_keeps_its_parameters_beside_its_key() {
    let rule = Rule::NotAllowed { reason: Reason::ZeroTotalVolume { year: 2027 } };
    assert_eq!(
        serde_json::to_value(&rule).unwrap(),
        json!({"code": "not_allowed", "reason": "zero_total_volume", "year": 2027})
    );
    let step = Rule::NotAllowed { reason: Reason::StepOrder { expected: None } };
    assert_eq!(
        serde_json::to_value(&step).unwrap(),
        json!({"code": "not_allowed", "reason": "step_order", "expected": null})
    );
    assert_eq!(rule.to_string(), "is not allowed: the total forecast volume in 2027 is zero");
}

#[test]
fn a_funding_error_names_the_field_and_its_rule() {
    let error = Error::Funding {
        field: "investment.rate".into(),
        rule: Rule::NotAllowed { reason: Reason::NoRateInForce { year: 2027 } },
    };
    assert_eq!(error.code(), "funding");
    assert_eq!(
        serde_json::Value::Object(error.params()),
        json!({"field": "investment.rate", "rule": {"code": "not_allowed", "reason": "no_rate_in_force", "year": 2027}})
    );
    assert_eq!(
        error.to_string(),
        "investment.rate is not allowed: no rate is given and the parameters have no internal rate for 2027 or earlier"
    );
}

#[test]
fn benefit_flows_that_cannot_be_appraised_are_typed() {
    let error = Error::from(samordna::benefits::appraise_texts("0,025", &["-100".into()]).unwrap_err());
    assert_eq!(error.code(), "benefits");
    assert_eq!(error.params()["rule"], json!({"code": "not_allowed", "reason": "too_few_flows"}));
    let error =
        Error::from(samordna::benefits::appraise_texts("0,025", &["-100".into(), "mycket".into()]).unwrap_err());
    assert_eq!(error.params()["field"], json!("flows[1]"));
    assert_eq!(error.params()["rule"]["code"], json!("format"));
}

#[test]
fn a_selection_error_sends_its_kind_and_values() {
    let error = Error::Selection(SelectionError::MandatoryConflict { first: "SLK-1".into(), second: "SLK-2".into() });
    assert_eq!(
        serde_json::Value::Object(error.params()),
        json!({"kind": "mandatory_conflict", "first": "SLK-1", "second": "SLK-2"})
    );
    let over = Error::Selection(SelectionError::MandatoryOverFrame {
        items: "SLK-1".into(),
        frame: "2027".into(),
        cost: samordna::Money::from_ore(150),
        limit: samordna::Money::from_ore(100),
    });
    assert_eq!(over.params()["cost"], json!(150));
}

#[test]
fn a_paper_that_cannot_be_made_says_why_in_typed_values() {
    use samordna::domain::Meeting;
    use samordna::papers::{PaperKind, PaperRequest, render};
    let workspace = crate::support::Workspace::new();
    let portfolio = workspace.sample();
    let meeting: Meeting = portfolio.read().all().unwrap().into_iter().next().unwrap();
    let at = crate::support::at("2026-12-02T10:00:00Z");
    let extract = PaperRequest::new(PaperKind::Utdrag, meeting.id);
    let error = render(&portfolio.read(), &extract, at, "Test").unwrap_err();
    assert_eq!(error.code(), "paper");
    assert_eq!(serde_json::Value::Object(error.params()), json!({"problem": "extract_needs_item"}));
    assert_eq!(error.to_string(), "an extract is of one item: give its number (--item N)");
    let beyond =
        PaperRequest { item: Some(meeting.items.len() + 1), ..PaperRequest::new(PaperKind::Utdrag, meeting.id) };
    let error = render(&portfolio.read(), &beyond, at, "Test").unwrap_err();
    assert_eq!(
        serde_json::Value::Object(error.params()),
        json!({"problem": "no_such_item", "count": meeting.items.len(), "item": meeting.items.len() + 1})
    );
}
