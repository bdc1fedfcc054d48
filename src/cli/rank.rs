//! `samordna rank [--set ID] [--json]`: the ranking of a criteria set's initiatives on the portfolio.

use std::collections::HashMap;
use std::fmt::Write;

use samordna::domain::{CriteriaSet, Id, Initiative, Language};
use samordna::prioritisation::assessment::Assessment;
use samordna::{Money, Reader};
use serde_json::{Map, Value, json};

use super::{Failure, Outcome, json as pretty, print};

pub fn run(reader: &Reader<'_>, set: Option<Id>, as_json: bool) -> Outcome {
    let sets: Vec<CriteriaSet> = reader.all()?;
    let set = match set {
        Some(id) => reader.get::<CriteriaSet>(id)?,
        // The newest planning period first; among equals the first by name.
        None => sets.into_iter().next().ok_or_else(|| Failure::Input("the portfolio has no criteria set".into()))?,
    };
    let assessment = reader.assessment(set.id, None)?;
    let initiatives: HashMap<Id, Initiative> = reader.initiatives()?.into_iter().map(|i| (i.id, i)).collect();
    if as_json {
        print(&pretty(&as_json_value(&set, &assessment, &initiatives)))
    } else {
        print(&as_table(&set, &assessment, &initiatives))
    }
}

fn kronor(money: Money) -> Value {
    json!(money.ore() as f64 / 100.0)
}

fn as_json_value(set: &CriteriaSet, a: &Assessment, initiatives: &HashMap<Id, Initiative>) -> Value {
    let weights: Map<String, Value> =
        set.criteria.iter().zip(&a.weights).map(|(c, w)| (c.name.clone(), json!(w))).collect();
    let case = |id: &Id| initiatives.get(id).map(|i| i.case_number.clone()).unwrap_or_default();
    let criterion = |id: &Id| set.criteria.iter().find(|c| c.id == *id).map(|c| c.name.clone()).unwrap_or_default();
    let rows: Vec<Value> = a
        .rows
        .iter()
        .map(|row| {
            let initiative = &initiatives[&row.initiative_id];
            let scores: Map<String, Value> = set
                .criteria
                .iter()
                .zip(&row.cells)
                .map(|(c, cell)| (c.name.clone(), json!(cell.summary.aggregate)))
                .collect();
            let gates: Map<String, Value> =
                set.gates.iter().zip(&row.gates).map(|(g, o)| (g.name.clone(), json!(o.passed))).collect();
            json!({
                "rank": row.rank, "tied": row.tied, "initiative_id": row.initiative_id,
                "case_number": initiative.case_number, "title": initiative.title, "value": row.value,
                "complete": row.complete, "value_per_million_kronor": row.value_per_million,
                "development": kronor(row.development), "management": kronor(row.management),
                "mandatory": row.mandatory, "gates": gates, "scores": scores, "risk": row.risk,
            })
        })
        .collect();
    let sensitivity: Vec<Value> = a
        .sensitivity
        .iter()
        .flatten()
        .map(|s| {
            json!({
                "upper": case(&s.upper_id), "lower": case(&s.lower_id), "criterion": criterion(&s.criterion_id),
                "weight": s.weight, "weight_at_swap": s.weight_at_swap, "change": s.change,
            })
        })
        .collect();
    json!({
        "set": {"id": set.id, "name": set.name, "period": [set.period_start, set.period_end]},
        "weights": weights,
        "weight_source": a.weight_source,
        "consistency_ratio": a.pairwise.combined.as_ref().map(|c| c.cr),
        "rows": rows,
        "sensitivity": sensitivity,
    })
}

fn as_table(set: &CriteriaSet, a: &Assessment, initiatives: &HashMap<Id, Initiative>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}–{}), weights: {}", set.name, set.period_start, set.period_end, a.weight_source);
    for (c, w) in set.criteria.iter().zip(&a.weights) {
        let _ = writeln!(out, "  {:>5.1} %  {}", w * 100.0, c.name);
    }
    let _ =
        writeln!(out, "\n{:>4}  {:<15} {:>6} {:>9}  {:<10} TITLE", "RANK", "CASE NUMBER", "VALUE", "PER MKR", "GATES");
    for row in &a.rows {
        let initiative = &initiatives[&row.initiative_id];
        let rank = if row.tied { format!("={}", row.rank) } else { row.rank.to_string() };
        let gates: String = row
            .gates
            .iter()
            .map(|g| match g.passed {
                Some(true) => '✓',
                Some(false) => '✗',
                None => '·',
            })
            .collect();
        let per = row.value_per_million.map_or_else(|| "–".into(), |v| format!("{v:.3}"));
        let incomplete = if row.complete { "" } else { " (incomplete)" };
        let _ = writeln!(
            out,
            "{rank:>4}  {:<15} {:>6.3} {per:>9}  {gates:<10} {}{incomplete}{}",
            initiative.case_number,
            row.value,
            initiative.title,
            if row.mandatory { " [legal requirement]" } else { "" }
        );
    }
    let _ = writeln!(
        out,
        "\nGates: {}",
        set.gates.iter().map(|g| format!("{} ({})", g.name, g.kind.label(Language::En))).collect::<Vec<_>>().join(", ")
    );
    out
}
