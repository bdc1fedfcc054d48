//! The benefits realisation plan (nyttorealiseringsplan): per initiative, the benefits promised, how they are
//! measured, what they are worth, and what was measured over time.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::audited_by_name;
use super::validation::{MAX_NAME, MAX_TEXT, Problems, Reason, Rule};
use super::{AuditValue, Audited, BenefitCategory, BenefitKind, Confidence, Entity, Id, Referent};
use crate::money::Money;
use crate::time::NaiveDate;

/// One measured value of a benefit's indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    /// Written YYYY-MM-DD.
    #[serde(with = "crate::time::date")]
    #[schemars(with = "String")]
    pub date: NaiveDate,
    /// Exact decimal text, in the indicator's unit.
    pub value: Decimal,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    /// Assigned by the portfolio; ignored when a record is created.
    #[serde(default)]
    pub id: Id,
    pub initiative_id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The goal the benefit serves (budget goal, strategy).
    #[serde(default)]
    pub goal: String,
    /// Who receives the benefit (residents, staff, a board).
    #[serde(default)]
    pub recipient: String,
    /// The organisation that owns the benefit: always on the customer side (the initiative's owner or a customer).
    pub owner_id: Option<Id>,
    /// The named benefit owner.
    #[serde(default)]
    pub owner_person: String,
    #[serde(default)]
    pub measured_by: String,
    pub kind: BenefitKind,
    pub category: BenefitCategory,
    pub confidence: Confidence,
    #[serde(default)]
    pub indicator: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub method: String,
    /// Where the data comes from.
    #[serde(default)]
    pub source: String,
    pub baseline: Option<Decimal>,
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub baseline_date: Option<NaiveDate>,
    pub target: Option<Decimal>,
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub target_date: Option<NaiveDate>,
    /// Planned measurement dates, each written YYYY-MM-DD.
    #[serde(default, with = "crate::time::dates")]
    #[schemars(with = "Vec<String>")]
    pub measurement_dates: Vec<NaiveDate>,
    /// Value in SEK per year: low, base and high estimates.
    pub value_low: Option<Money>,
    pub value_base: Option<Money>,
    pub value_high: Option<Money>,
    /// The price level year of the values.
    pub price_year: Option<i32>,
    /// What must change for the benefit to come ("ways of working must change").
    #[serde(default)]
    pub prerequisites: String,
    /// Risks and their handling.
    #[serde(default)]
    pub risks: String,
    /// Measured outcomes, by date.
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    #[serde(default)]
    pub approved_by: String,
    /// Written YYYY-MM-DD; none (empty) while not approved.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub approved_date: Option<NaiveDate>,
    #[serde(default = "first_version")]
    pub version: i32,
    /// What the owning board decided to do when the benefit was off track after follow-up (riktlinjen, "Realisera
    /// och följa upp nytta och effekter": the board "fatta beslut om åtgärder") (format version 12).
    #[serde(default)]
    pub decided_action: String,
    /// When the action was decided, written YYYY-MM-DD.
    #[serde(default, with = "crate::time::optional_date")]
    #[schemars(with = "String")]
    pub decided_action_date: Option<NaiveDate>,
    /// Who decided the action (the owning board).
    #[serde(default)]
    pub decided_action_by: String,
}

fn first_version() -> i32 {
    1
}

/// How a benefit is doing against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// At least 90 % of the way the plan expected by the latest measurement.
    OnTrack,
    /// 60–90 %.
    AtRisk,
    /// Less than 60 %, or moving away from the target.
    OffTrack,
}

/// The latest measurement against the straight line from baseline to target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenefitStatus {
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
    pub measured: Decimal,
    /// Where the line from baseline to target stands on that date.
    pub expected: Decimal,
    /// How much of the expected change has come: (measured − baseline) / (expected − baseline).
    pub share: Option<f64>,
    pub progress: Progress,
}

impl Benefit {
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        problems.text("name", &self.name, true, MAX_NAME);
        for (field, value) in [
            ("owner_person", &self.owner_person),
            ("measured_by", &self.measured_by),
            ("indicator", &self.indicator),
            ("unit", &self.unit),
            ("source", &self.source),
            ("goal", &self.goal),
            ("recipient", &self.recipient),
            ("approved_by", &self.approved_by),
            ("decided_action_by", &self.decided_action_by),
        ] {
            problems.text(field, value, false, MAX_NAME);
        }
        for (field, value) in [
            ("description", &self.description),
            ("method", &self.method),
            ("prerequisites", &self.prerequisites),
            ("risks", &self.risks),
            ("decided_action", &self.decided_action),
        ] {
            problems.text(field, value, false, MAX_TEXT);
        }
        // A decided action is recorded whole: what, when and by whom (riktlinjen, "Realisera och följa upp nytta
        // och effekter": "fatta beslut om åtgärder").
        let action = [
            ("decided_action", self.decided_action.trim().is_empty()),
            ("decided_action_date", self.decided_action_date.is_none()),
            ("decided_action_by", self.decided_action_by.trim().is_empty()),
        ];
        if action.iter().any(|(_, empty)| !empty) {
            for (field, empty) in action {
                if empty {
                    problems.add(field, Rule::Required);
                }
            }
        }
        if self.kind == BenefitKind::Quantitative {
            for (field, missing) in [
                ("indicator", self.indicator.trim().is_empty()),
                ("unit", self.unit.trim().is_empty()),
                ("baseline", self.baseline.is_none()),
                ("target", self.target.is_none()),
                ("target_date", self.target_date.is_none()),
            ] {
                if missing && !problems.has(field) {
                    problems.add(field, Rule::Required);
                }
            }
        }
        if let (Some(baseline), Some(target)) = (self.baseline_date, self.target_date)
            && target <= baseline
        {
            problems.add("target_date", Rule::NotAllowed { reason: Reason::TargetAfterBaseline });
        }
        for (i, m) in self.measurements.iter().enumerate() {
            problems.text(&format!("measurements[{i}].comment"), &m.comment, false, MAX_TEXT);
        }
        let values = [("value_low", self.value_low), ("value_base", self.value_base), ("value_high", self.value_high)];
        for (field, value) in values {
            problems.amount(field, value);
        }
        if let (Some(low), Some(base)) = (self.value_low, self.value_base)
            && low.ore() > base.ore()
        {
            problems.add("value_low", Rule::NotAllowed { reason: Reason::LowBaseHigh });
        }
        if let (Some(base), Some(high)) = (self.value_base, self.value_high)
            && base.ore() > high.ore()
        {
            problems.add("value_high", Rule::NotAllowed { reason: Reason::LowBaseHigh });
        }
        if let Some(year) = self.price_year
            && !(2000..=2100).contains(&year)
        {
            problems.add("price_year", Rule::OutOfRange { min: 2000, max: 2100 });
        }
        if self.version < 1 {
            problems.add("version", Rule::OutOfRange { min: 1, max: i64::from(i32::MAX) });
        }
        problems
    }

    pub fn normalise(&mut self) {
        self.name = self.name.trim().to_string();
        self.measurement_dates.sort();
        self.measurement_dates.dedup();
        self.measurements.sort_by_key(|m| m.date);
    }

    /// The planned measurement dates that have passed on `today` with no measurement on or after them.
    pub fn overdue_measurement_dates(&self, today: NaiveDate) -> Vec<NaiveDate> {
        self.measurement_dates
            .iter()
            .copied()
            .filter(|&due| due < today && !self.measurements.iter().any(|m| m.date >= due))
            .collect()
    }

    /// The status that counts: measurements count only once the benefits realisation plan is approved (riktlinjen,
    /// "Realisera och följa upp nytta och effekter": benefits are followed up against an approved plan). Before,
    /// measurements can be recorded (a baseline measured early is not lost) but give no status.
    pub fn counted_status(&self, plan_approved: bool) -> Option<BenefitStatus> {
        if plan_approved { self.status() } else { None }
    }

    /// The latest measurement against the plan, for a quantitative benefit with baseline, target and dates.
    pub fn status(&self) -> Option<BenefitStatus> {
        let latest = self.measurements.last()?;
        let (baseline, target) = (self.baseline?, self.target?);
        let (start, end, at) = (self.baseline_date?, self.target_date?, latest.date);
        let days = crate::time::days_between;
        let (total, elapsed) = (days(start, end), days(start, at));
        let fraction = Decimal::from(elapsed.clamp(0, total.max(1))) / Decimal::from(total.max(1));
        let expected = baseline + (target - baseline) * fraction;
        let planned = expected - baseline;
        let came = latest.value - baseline;
        let share = if planned.is_zero() {
            None
        } else {
            use rust_decimal::prelude::ToPrimitive;
            (came / planned).to_f64()
        };
        let progress = match share {
            // Nothing was expected yet: on track unless it moved the wrong way.
            None => {
                if (target - baseline) * came < Decimal::ZERO {
                    Progress::OffTrack
                } else {
                    Progress::OnTrack
                }
            }
            Some(s) if s >= 0.9 => Progress::OnTrack,
            Some(s) if s >= 0.6 => Progress::AtRisk,
            Some(_) => Progress::OffTrack,
        };
        Some(BenefitStatus {
            date: latest.date,
            measured: latest.value,
            expected: expected.round_dp(4),
            share,
            progress,
        })
    }
}

impl Audited for Benefit {
    const ENTITY: Entity = Entity::Benefit;

    audited_by_name!();

    fn audit(&self) -> Vec<(&'static str, AuditValue)> {
        let decimal = |d: Option<Decimal>| AuditValue::Text(d.map(|d| d.to_string()).unwrap_or_default());
        let money = |m: Option<Money>| AuditValue::Text(m.map(|m| m.to_string()).unwrap_or_default());
        let measurements =
            self.measurements.iter().map(|m| format!("{}: {}", m.date, m.value)).collect::<Vec<_>>().join("; ");
        vec![
            ("initiative_id", AuditValue::Reference(Referent::Initiative, Some(self.initiative_id))),
            ("name", AuditValue::Text(self.name.clone())),
            ("description", AuditValue::Text(self.description.clone())),
            ("goal", AuditValue::Text(self.goal.clone())),
            ("recipient", AuditValue::Text(self.recipient.clone())),
            ("owner_id", AuditValue::Reference(Referent::Organisation, self.owner_id)),
            ("owner_person", AuditValue::Text(self.owner_person.clone())),
            ("measured_by", AuditValue::Text(self.measured_by.clone())),
            ("kind", AuditValue::Text(self.kind.key().into())),
            ("category", AuditValue::Text(self.category.key().into())),
            ("confidence", AuditValue::Text(self.confidence.key().into())),
            ("indicator", AuditValue::Text(self.indicator.clone())),
            ("unit", AuditValue::Text(self.unit.clone())),
            ("method", AuditValue::Text(self.method.clone())),
            ("source", AuditValue::Text(self.source.clone())),
            ("baseline", decimal(self.baseline)),
            ("baseline_date", AuditValue::date(self.baseline_date)),
            ("target", decimal(self.target)),
            ("target_date", AuditValue::date(self.target_date)),
            (
                "measurement_dates",
                AuditValue::Text(self.measurement_dates.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
            ),
            ("value_low", money(self.value_low)),
            ("value_base", money(self.value_base)),
            ("value_high", money(self.value_high)),
            ("price_year", AuditValue::Text(self.price_year.map(|y| y.to_string()).unwrap_or_default())),
            ("prerequisites", AuditValue::Text(self.prerequisites.clone())),
            ("risks", AuditValue::Text(self.risks.clone())),
            ("measurements", AuditValue::Text(measurements)),
            ("approved_by", AuditValue::Text(self.approved_by.clone())),
            ("approved_date", AuditValue::date(self.approved_date)),
            ("version", AuditValue::Text(self.version.to_string())),
            ("decided_action", AuditValue::Text(self.decided_action.clone())),
            ("decided_action_date", AuditValue::date(self.decided_action_date)),
            ("decided_action_by", AuditValue::Text(self.decided_action_by.clone())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::time::day;

    fn invoices() -> Benefit {
        Benefit {
            id: 0,
            initiative_id: 2,
            name: "Kortare handläggningstid".into(),
            description: String::new(),
            goal: String::new(),
            recipient: String::new(),
            owner_id: Some(5),
            owner_person: String::new(),
            measured_by: String::new(),
            kind: BenefitKind::Quantitative,
            category: BenefitCategory::FreedTime,
            confidence: Confidence::Green,
            indicator: "Handläggningstid per faktura".into(),
            unit: "minuter".into(),
            method: String::new(),
            source: String::new(),
            baseline: Some(dec!(12)),
            baseline_date: Some(day("2026-01-01")),
            target: Some(dec!(6)),
            target_date: Some(day("2027-01-01")),
            measurement_dates: vec![],
            value_low: None,
            value_base: None,
            value_high: None,
            price_year: None,
            prerequisites: String::new(),
            risks: String::new(),
            measurements: vec![],
            approved_by: String::new(),
            approved_date: None,
            version: 1,
            decided_action: String::new(),
            decided_action_date: None,
            decided_action_by: String::new(),
        }
    }

    fn measured(value: Decimal, date: &str) -> Benefit {
        Benefit { measurements: vec![Measurement { date: day(date), value, comment: String::new() }], ..invoices() }
    }

    #[test]
    fn progress_is_measured_against_the_line_from_baseline_to_target() {
        // Half-way through 2026 (181 of 365 days) the line stands at 12 − 6 × 181/365 = 9,0247.
        let on = measured(dec!(9.0), "2026-07-01").status().unwrap();
        assert_eq!(on.expected, dec!(9.0247));
        assert_eq!(on.progress, Progress::OnTrack);
        // 12 → 10,2 is 1,8 of the expected 2,9753: 60,5 %, at risk.
        assert_eq!(measured(dec!(10.2), "2026-07-01").status().unwrap().progress, Progress::AtRisk);
        // Less than 60 % of the way, or the wrong way: off track.
        assert_eq!(measured(dec!(11.0), "2026-07-01").status().unwrap().progress, Progress::OffTrack);
        assert_eq!(measured(dec!(13.0), "2026-07-01").status().unwrap().progress, Progress::OffTrack);
        // After the target date the target itself is expected.
        let late = measured(dec!(6.5), "2027-03-01").status().unwrap();
        assert_eq!(late.expected, dec!(6));
        assert_eq!(late.progress, Progress::OnTrack, "5,5 of 6: 92 %");
        // On the baseline date nothing is expected yet; moving the right way is on track.
        assert_eq!(measured(dec!(12), "2026-01-01").status().unwrap().progress, Progress::OnTrack);
        assert_eq!(invoices().status(), None, "no measurement yet");
        // Before the plan is approved no measurement counts.
        let off = measured(dec!(13.0), "2026-07-01");
        assert_eq!(off.counted_status(false), None);
        assert_eq!(off.counted_status(true).unwrap().progress, Progress::OffTrack);
    }

    #[test]
    fn a_decided_action_is_recorded_with_its_date_and_who_decided() {
        let partial = Benefit { decided_action: "Ny utbildningsinsats".into(), ..invoices() };
        let fields: Vec<String> = partial.check().errors().iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["decided_action_date", "decided_action_by"]);
        let whole = Benefit {
            decided_action_date: Some(day("2027-03-02")),
            decided_action_by: "Grundskolenämnden".into(),
            ..partial
        };
        assert!(whole.check().is_empty());
    }

    #[test]
    fn a_quantitative_benefit_needs_its_indicator_baseline_and_target() {
        let missing = Benefit { indicator: String::new(), baseline: None, target_date: None, ..invoices() };
        let fields: Vec<String> = missing.check().errors().iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["indicator", "baseline", "target_date"]);
        let qualitative = Benefit { kind: BenefitKind::Qualitative, ..missing };
        assert!(qualitative.check().is_empty());
        let backwards = Benefit { target_date: Some(day("2025-12-31")), ..invoices() };
        assert_eq!(backwards.check().errors()[0].field, "target_date");
        let values = Benefit {
            value_low: Some(Money::from_kronor(300)),
            value_base: Some(Money::from_kronor(200)),
            value_high: Some(Money::from_kronor(100)),
            ..invoices()
        };
        let fields: Vec<String> = values.check().errors().iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["value_low", "value_high"]);
    }
}
