//! What is due on a day (the dashboard's and the board's dates, issue 30): the next meeting and the planned
//! measurements that have passed without a measurement, on the Stockholm date the caller gives. The UI keeps no
//! copy of these comparisons.

use serde::Serialize;

use super::{Benefit, Id, Meeting};
use crate::time::NaiveDate;

/// A benefit's planned measurement date passed without a measurement on or after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueMeasurement {
    pub benefit_id: Id,
    pub initiative_id: Id,
    #[serde(with = "crate::time::date")]
    pub due: NaiveDate,
}

/// What is due on `date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Today {
    /// The day itself (the Stockholm date of the caller's clock).
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
    /// The first meeting on or after the day.
    pub next_meeting_id: Option<Id>,
    /// Every planned measurement overdue on the day, the oldest first.
    pub overdue_measurements: Vec<OverdueMeasurement>,
}

impl Today {
    pub fn of(date: NaiveDate, meetings: &[Meeting], benefits: &[Benefit]) -> Today {
        let next_meeting = meetings.iter().filter(|m| m.date >= date).min_by_key(|m| (m.date, m.id));
        let mut overdue_measurements: Vec<OverdueMeasurement> = benefits
            .iter()
            .flat_map(|benefit| {
                benefit.overdue_measurement_dates(date).into_iter().map(|due| OverdueMeasurement {
                    benefit_id: benefit.id,
                    initiative_id: benefit.initiative_id,
                    due,
                })
            })
            .collect();
        overdue_measurements.sort_by_key(|m| (m.due, m.benefit_id));
        Today { date, next_meeting_id: next_meeting.map(|m| m.id), overdue_measurements }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Measurement;
    use crate::time::day;

    fn meeting(id: Id, date: &str) -> Meeting {
        serde_json::from_value(serde_json::json!({"id": id, "body": "SSG", "date": date, "criteria_set_id": null}))
            .unwrap()
    }

    fn benefit(id: Id, planned: &[&str], measured: &[&str]) -> Benefit {
        let mut benefit: Benefit = serde_json::from_value(serde_json::json!({
            "id": id, "initiative_id": 10 + id, "name": "Nytta", "owner_id": null, "kind": "kvalitativ",
            "category": "kvalitet", "confidence": "gron"
        }))
        .unwrap();
        benefit.measurement_dates = planned.iter().map(|d| day(d)).collect();
        benefit.measurements = measured
            .iter()
            .map(|d| Measurement { date: day(d), value: rust_decimal::Decimal::ONE, comment: String::new() })
            .collect();
        benefit
    }

    #[test]
    fn the_next_meeting_is_the_first_on_or_after_the_day() {
        let meetings = [meeting(1, "2026-12-17"), meeting(2, "2026-12-03"), meeting(3, "2026-10-15")];
        assert_eq!(Today::of(day("2026-12-03"), &meetings, &[]).next_meeting_id, Some(2), "the day itself counts");
        assert_eq!(Today::of(day("2026-12-04"), &meetings, &[]).next_meeting_id, Some(1));
        assert_eq!(Today::of(day("2026-12-18"), &meetings, &[]).next_meeting_id, None);
    }

    #[test]
    fn a_planned_measurement_is_overdue_once_its_day_has_passed_without_a_measurement_on_or_after_it() {
        let benefits = [
            benefit(1, &["2026-06-30", "2026-12-31"], &["2026-07-02"]),
            benefit(2, &["2026-09-30"], &["2026-09-29"]),
            benefit(3, &["2026-12-06"], &[]),
        ];
        let today = Today::of(day("2026-12-06"), &[], &benefits);
        let overdue: Vec<(Id, Id, String)> =
            today.overdue_measurements.iter().map(|m| (m.benefit_id, m.initiative_id, m.due.to_string())).collect();
        assert_eq!(
            overdue,
            [(2, 12, "2026-09-30".to_string())],
            "measured late still counts; the day itself is not past"
        );
        let later = Today::of(day("2027-01-01"), &[], &benefits);
        let due: Vec<String> = later.overdue_measurements.iter().map(|m| m.due.to_string()).collect();
        assert_eq!(due, ["2026-09-30", "2026-12-06", "2026-12-31"], "the oldest first");
    }
}
