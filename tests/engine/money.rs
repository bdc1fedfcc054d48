//! Money as text against the vectors the UI's tests read too (tests/vectors/money.json), so the engine and
//! ui/js/format.js format and read amounts alike.

use samordna::Money;
use samordna::money::MoneyParseError;
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("../vectors/money.json")).expect("tests/vectors/money.json is JSON")
}

fn cases<'a>(vectors: &'a Value, list: &str) -> &'a [Value] {
    let cases = vectors[list].as_array().unwrap_or_else(|| panic!("the vectors have a list '{list}'"));
    assert!(cases.len() > 10, "the vectors' '{list}' list is read");
    cases
}

/// The refusal's name in the vectors (the same names the UI's parseMoney returns).
fn refusal(error: &MoneyParseError) -> &'static str {
    match error {
        MoneyParseError::Empty => "empty",
        MoneyParseError::Invalid(_) => "invalid",
        MoneyParseError::TooManyDecimals => "decimals",
        MoneyParseError::TooLarge => "too_large",
    }
}

#[test]
fn formats_every_vector() {
    let vectors = vectors();
    for case in cases(&vectors, "format") {
        let money = Money::from_ore(case["ore"].as_i64().expect("öre are an integer"));
        assert_eq!(money.to_string(), case["text"].as_str().unwrap(), "{case}");
        assert_eq!(money.format_number(), case["number"].as_str().unwrap(), "{case}");
    }
}

#[test]
fn reads_or_refuses_every_vector() {
    let vectors = vectors();
    for case in cases(&vectors, "parse") {
        let parsed = case["text"].as_str().unwrap().parse::<Money>();
        match (&case["ore"], &case["error"]) {
            (Value::Number(ore), Value::Null) => {
                assert_eq!(parsed, Ok(Money::from_ore(ore.as_i64().unwrap())), "{case}")
            }
            (Value::Null, Value::String(error)) => {
                assert_eq!(parsed.as_ref().map_err(refusal), Err(error.as_str()), "{case}")
            }
            _ => panic!("a parse vector has either öre or an error: {case}"),
        }
    }
}

#[test]
fn every_formatted_vector_reads_back() {
    let vectors = vectors();
    for case in cases(&vectors, "format") {
        let ore = case["ore"].as_i64().unwrap();
        assert_eq!(case["text"].as_str().unwrap().parse::<Money>(), Ok(Money::from_ore(ore)), "{case}");
    }
}
