//! A record as a form sends it. The record's dates are `NaiveDate`s (issue 30), but a form sends what was typed: a
//! date half typed (`2027-0`) or not typed yet (`""`) is no date. Such a field is a problem of that field, shown
//! beside it with the record's other problems, never a refused request: [`FormRecord`] reads the record field by
//! field and sets each unreadable date aside.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde_json::Value;

use super::validation::{Problems, Rule};

/// What a date that cannot be read is expected to look like, in its problem (`har fel form (t.ex. 2027-03-31)`).
pub const DATE_EXAMPLE: &str = "2027-03-31";

/// The date a required date set aside is read as while the rest of the record is checked: the earliest the
/// stored text can hold, so that no rule "on or after" another date breaks because of it.
const SET_ASIDE_DATE: &str = "0000-01-01";

/// At most this many fields are set aside; a form with more is refused whole (reading is repeated per field).
const MAX_UNREADABLE: usize = 100;

/// A record of type `T` read from what a form sent, with the problems of the fields that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct FormRecord<T> {
    /// The record, with none in place of an optional date that could not be read and the earliest date in place of
    /// a required one.
    pub record: T,
    /// Each field that held no value of its type: `required` when empty, `format` otherwise.
    pub unreadable: Problems,
}

impl<T: DeserializeOwned> FormRecord<T> {
    /// Reads `value` as a `T`. A date field that holds no date (`YYYY-MM-DD` naming a day that exists) becomes a
    /// problem of its field (`measurements[2].date`); anything else that does not fit `T` (an unknown field, a text
    /// where a number belongs) refuses the whole value, as reading a `T` does.
    pub fn read(mut value: Value) -> Result<FormRecord<T>, serde_json::Error> {
        let mut unreadable = Problems::new();
        loop {
            let error = match serde_path_to_error::deserialize::<_, T>(&value) {
                Ok(record) => return Ok(FormRecord { record, unreadable }),
                Err(error) => error,
            };
            let not_a_date = !error.inner().to_string().contains(crate::time::date::EXPECTED);
            let Some((pointer, field)) = locate(error.path()) else { return Err(error.into_inner()) };
            let Some(slot) = value.pointer_mut(&pointer) else { return Err(error.into_inner()) };
            if not_a_date {
                return Err(error.into_inner());
            }
            if !unreadable.has(&field) {
                if unreadable.errors().len() == MAX_UNREADABLE {
                    return Err(error.into_inner());
                }
                let blank = slot.as_str().is_none_or(|text| text.trim().is_empty());
                unreadable
                    .add(field, if blank { Rule::Required } else { Rule::Format { expected: DATE_EXAMPLE.into() } });
                *slot = Value::Null;
            } else if slot.is_null() {
                *slot = Value::String(SET_ASIDE_DATE.into());
            } else {
                return Err(error.into_inner());
            }
        }
    }
}

impl<T> FormRecord<T> {
    /// A record read whole, with nothing set aside.
    pub fn whole(record: T) -> FormRecord<T> {
        FormRecord { record, unreadable: Problems::new() }
    }

    /// The problems of the form: those of the fields set aside, then the record's `checked` problems except those
    /// of the fields set aside (they concern the stand-in, not what was typed).
    pub fn problems(&self, checked: Problems) -> Problems {
        let mut problems = self.unreadable.clone();
        for error in checked.errors() {
            if !self.unreadable.has(&error.field) {
                problems.add(error.field.clone(), error.rule.clone());
            }
        }
        problems
    }
}

/// The JSON pointer to the value at `path` and the field's name as problems name it (`measurements[2].date`);
/// `None` for a path through anything but fields and list items.
fn locate(path: &serde_path_to_error::Path) -> Option<(String, String)> {
    use serde_path_to_error::Segment;
    let (mut pointer, mut field) = (String::new(), String::new());
    for segment in path.iter() {
        match segment {
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(key);
            }
            Segment::Seq { index } => {
                pointer.push_str(&format!("/{index}"));
                field.push_str(&format!("[{index}]"));
            }
            Segment::Enum { .. } | Segment::Unknown => return None,
        }
    }
    (!field.is_empty()).then_some((pointer, field))
}

/// Read from what the UI sends, as [`FormRecord::read`] reads it.
impl<'de, T: DeserializeOwned> Deserialize<'de> for FormRecord<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FormRecord::read(Value::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::domain::{Benefit, Deviation, Meeting, Rule};
    use crate::time::day;

    fn benefit() -> Value {
        json!({"initiative_id": 7, "name": "Kortare handläggningstid", "owner_id": null, "kind": "kvalitativ",
               "category": "frigjord_tid", "confidence": "gron"})
    }

    fn fields(problems: &Problems) -> Vec<(&str, &Rule)> {
        problems.errors().iter().map(|e| (e.field.as_str(), &e.rule)).collect()
    }

    fn format() -> Rule {
        Rule::Format { expected: DATE_EXAMPLE.into() }
    }

    #[test]
    fn dates_are_read_and_written_as_the_stored_text() {
        let mut typed = benefit();
        typed["target_date"] = "2027-12-31".into();
        typed["measurement_dates"] = json!(["2027-06-30", "2027-12-31"]);
        typed["measurements"] = json!([{"date": "2027-06-30", "value": "9.5"}]);
        typed["approved_date"] = " 2027-01-10 ".into();
        let form = FormRecord::<Benefit>::read(typed).unwrap();
        assert!(form.unreadable.is_empty());
        assert_eq!(form.record.approved_date, Some(day("2027-01-10")), "spaces around a typed date are let go");
        assert_eq!(form.record.target_date, Some(day("2027-12-31")));
        assert_eq!(form.record.baseline_date, None, "the empty text is no date");
        let written = serde_json::to_value(&form.record).unwrap();
        assert_eq!(written["target_date"], "2027-12-31");
        assert_eq!(written["baseline_date"], "", "none is written as the empty text, as before");
        assert_eq!(written["measurement_dates"], json!(["2027-06-30", "2027-12-31"]));
        assert_eq!(written["measurements"][0]["date"], "2027-06-30");
    }

    #[test]
    fn a_date_that_cannot_be_read_is_a_problem_of_its_field() {
        let mut typed = benefit();
        typed["target_date"] = "2027-0".into();
        typed["approved_date"] = "2027-02-30".into();
        typed["measurement_dates"] = json!(["2027-06-30", "30/6"]);
        typed["measurements"] = json!([{"date": "2027-06-30", "value": "9"}, {"date": "", "value": "8"}]);
        let form = FormRecord::<Benefit>::read(typed).unwrap();
        assert_eq!(
            fields(&form.unreadable),
            [
                ("target_date", &format()),
                ("approved_date", &format()),
                ("measurement_dates[1]", &format()),
                ("measurements[1].date", &Rule::Required),
            ],
            "in the order the form sent them"
        );
        assert_eq!((form.record.target_date, form.record.approved_date), (None, None), "set aside");
        assert_eq!(form.record.measurements[0].date, day("2027-06-30"), "the readable ones are kept");
    }

    #[test]
    fn the_forms_problems_are_the_unreadable_fields_then_the_records_others_but_not_of_those_fields() {
        let mut typed = benefit();
        typed["kind"] = "kvantitativ".into();
        typed["target_date"] = "31 dec".into();
        let form = FormRecord::<Benefit>::read(typed).unwrap();
        let checked = form.record.check();
        assert!(checked.has("target_date") && checked.has("indicator"), "{checked}");
        let problems = form.problems(checked);
        let target: Vec<_> = fields(&problems).into_iter().filter(|(field, _)| *field == "target_date").collect();
        assert_eq!(target, [("target_date", &format())], "not also 'required' for the stand-in");
        assert_eq!(problems.errors()[0].field, "target_date");
        assert!(problems.has("indicator"), "the record's other problems stay");
    }

    #[test]
    fn a_required_date_set_aside_stands_in_as_the_earliest_day_and_breaks_no_rule_of_order() {
        let mut deviation = json!({"kind": "avvikelse", "service_id": 1, "organisation_id": null,
                                   "title": "Driftstörning"});
        deviation["registered"] = "2026-11-".into();
        deviation["steps"] = json!([{"step": "ssg_informerad", "date": "2026-11-03"}]);
        let form = FormRecord::<Deviation>::read(deviation).unwrap();
        assert_eq!(fields(&form.unreadable), [("registered", &format())]);
        assert_eq!(form.record.registered, day("0000-01-01"));
        let practice = crate::domain::Practice::default();
        assert!(form.problems(form.record.check(&practice)).errors().len() == 1, "the step is not 'before' it");
        let mut meeting = json!({"body": "SSG", "date": null, "criteria_set_id": null});
        let form = FormRecord::<Meeting>::read(meeting.clone()).unwrap();
        assert_eq!(fields(&form.unreadable), [("date", &Rule::Required)], "null is a date not given");
        meeting["date"] = "3 december".into();
        let form = FormRecord::<Meeting>::read(meeting).unwrap();
        assert_eq!(fields(&form.unreadable), [("date", &format())]);
    }

    #[test]
    fn anything_else_that_does_not_fit_refuses_the_whole_value() {
        let mut unknown = benefit();
        unknown["colour"] = "grön".into();
        assert!(FormRecord::<Benefit>::read(unknown).unwrap_err().to_string().contains("colour"));
        let mut not_a_number = benefit();
        not_a_number["price_year"] = "tjugo".into();
        assert!(FormRecord::<Benefit>::read(not_a_number).is_err());
        let mut many = benefit();
        many["measurement_dates"] = Value::Array(vec!["x".into(); MAX_UNREADABLE + 1]);
        assert!(FormRecord::<Benefit>::read(many).is_err(), "at most {MAX_UNREADABLE} fields are set aside");
        let mut enough = benefit();
        enough["measurement_dates"] = Value::Array(vec!["x".into(); MAX_UNREADABLE]);
        assert_eq!(FormRecord::<Benefit>::read(enough).unwrap().unreadable.errors().len(), MAX_UNREADABLE);
    }
}
