//! `samordna rank [--set ID] [--json]`: the ranking of a criteria set's initiatives and shared services on the
//! portfolio, each row marked with its kind.

use std::collections::HashMap;
use std::fmt::Write;

use samordna::Reader;
use samordna::domain::{CriteriaSet, Id, Initiative, ItemRef, Language, Service};
use samordna::prioritisation::assessment::Assessment;
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
    let names = Names {
        initiatives: reader.initiatives()?.into_iter().map(|i| (i.id, i)).collect(),
        services: reader.all::<Service>()?.into_iter().map(|s| (s.id, s)).collect(),
    };
    if as_json {
        print(&pretty(&as_json_value(&set, &assessment, &names)))
    } else {
        print(&as_table(&set, &assessment, &names))
    }
}

/// The initiatives and services a ranking names.
struct Names {
    initiatives: HashMap<Id, Initiative>,
    services: HashMap<Id, Service>,
}

impl Names {
    /// The case number (empty for a service, which has none) and the title or name.
    fn of(&self, item: ItemRef) -> (String, String) {
        match item {
            ItemRef::Initiative(id) => {
                self.initiatives.get(&id).map(|i| (i.case_number.clone(), i.title.clone())).unwrap_or_default()
            }
            ItemRef::Service(id) => (String::new(), self.services.get(&id).map(|s| s.name.clone()).unwrap_or_default()),
        }
    }

    /// How the sensitivity names an item: an initiative's case number, a service's name.
    fn short(&self, item: ItemRef) -> String {
        let (case_number, title) = self.of(item);
        if case_number.is_empty() { title } else { case_number }
    }
}

fn as_json_value(set: &CriteriaSet, a: &Assessment, names: &Names) -> Value {
    let weights: Map<String, Value> =
        set.criteria.iter().zip(&a.weights).map(|(c, w)| (c.name.clone(), json!(w))).collect();
    let criterion = |id: &Id| set.criteria.iter().find(|c| c.id == *id).map(|c| c.name.clone()).unwrap_or_default();
    let rows: Vec<Value> = a
        .rows
        .iter()
        .map(|row| {
            let (case_number, title) = names.of(row.item);
            let scores: Map<String, Value> = set
                .criteria
                .iter()
                .zip(&row.cells)
                .map(|(c, cell)| (c.name.clone(), json!(cell.summary.aggregate)))
                .collect();
            let gates: Map<String, Value> =
                set.gates.iter().zip(&row.gates).map(|(g, o)| (g.name.clone(), json!(o.passed))).collect();
            let mut value = json!({
                "rank": row.rank, "tied": row.tied, "kind": row.item.kind(),
                "case_number": case_number, "title": title, "value": row.value,
                "complete": row.complete, "value_per_million_kronor": row.value_per_million,
                "development": json!(row.development.kronor_f64()), "management": json!(row.management.kronor_f64()),
                "mandatory": row.mandatory, "gates": gates, "scores": scores, "risk": row.risk,
            });
            let id_field = match row.item {
                ItemRef::Initiative(_) => "initiative_id",
                ItemRef::Service(_) => "service_id",
            };
            value[id_field] = json!(row.item.id());
            value
        })
        .collect();
    let sensitivity: Vec<Value> = a
        .sensitivity
        .iter()
        .flatten()
        .map(|s| {
            json!({
                "upper": names.short(s.upper), "lower": names.short(s.lower), "criterion": criterion(&s.criterion_id),
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

fn as_table(set: &CriteriaSet, a: &Assessment, names: &Names) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({}–{}), weights: {}", set.name, set.period_start, set.period_end, a.weight_source);
    for (c, w) in set.criteria.iter().zip(&a.weights) {
        let _ = writeln!(out, "  {:>5.1} %  {}", w * 100.0, c.name);
    }
    let _ =
        writeln!(out, "\n{:>4}  {:<15} {:>6} {:>9}  {:<10} TITLE", "RANK", "CASE NUMBER", "VALUE", "PER MKR", "GATES");
    for row in &a.rows {
        let (case_number, title) = names.of(row.item);
        let case_number = if case_number.is_empty() { "(service)".to_string() } else { case_number };
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
            case_number,
            row.value,
            title,
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
