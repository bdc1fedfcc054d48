//! Everything the group sees about a criteria set: the weights (entered or from pairwise comparisons), each valued
//! item's summarised scores per criterion (initiatives and existing shared services alike: the group "ska värdera
//! och prioritera befintliga och nya förändringsinsatser och gemensamma tjänster", guideline "Kommunstyrelsen"),
//! the ranking with gates, value per krona and risk, the sensitivity of adjacent pairs, and the places where members
//! disagree most.

use std::collections::HashMap;

use serde::Serialize;

use super::ahp::{self, PairwiseMatrix};
use super::ranking::{self, Scale};
use super::scoring::{self, CellSummary, MAX_SCORE_LEVEL};
use crate::domain::{
    CriteriaSet, GateKind, GateResult, Id, ItemRef, Member, Pairwise, PairwiseMethod, Score, Weighting, YearCost,
};
use crate::money::Money;

/// What the assessment needs of an initiative or a service valued with a set: what it is and its costs per year
/// (an initiative's development and management; a service's management and planned development).
#[derive(Debug, Clone, PartialEq)]
pub struct ValuedItem {
    pub item: ItemRef,
    pub costs: Vec<YearCost>,
}

/// What an assessment is made from (all of it read from the portfolio).
pub struct Input<'a> {
    pub set: &'a CriteriaSet,
    /// The set's initiatives and services (others are ignored).
    pub items: &'a [ValuedItem],
    pub members: &'a [Member],
    /// Scores of the set's criteria.
    pub scores: &'a [Score],
    /// The members' pairwise comparisons of the set's criteria.
    pub pairwise: &'a [Pairwise],
    pub gate_results: &'a [GateResult],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub set_id: Id,
    /// One per criterion, in the set's order; they sum to 1.
    pub weights: Vec<f64>,
    /// Where the weights come from: `direct`, `pairwise`, `override` (e.g. from sliders), or `direct_fallback`
    /// when pairwise weighting is chosen but no member has compared every pair yet.
    pub weight_source: &'static str,
    pub pairwise: PairwiseSummary,
    /// Best first.
    pub rows: Vec<Row>,
    /// For each pair of neighbours in `rows` (row k and k + 1), the smallest single-weight change that swaps them.
    pub sensitivity: Vec<Option<Swap>>,
    /// Initiative–criterion pairs where members differ most (lowest consensus first), with their comments.
    pub disagreements: Vec<Disagreement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairwiseSummary {
    pub method: PairwiseMethod,
    /// Each member's comparisons: complete or not, and their consistency.
    pub members: Vec<MemberConsistency>,
    /// The element-wise geometric mean of the complete matrices, analysed; `None` when there is none.
    pub combined: Option<CombinedAnalysis>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberConsistency {
    pub member_id: Id,
    /// How many of the n(n − 1)/2 pairs the member has judged.
    pub judged: usize,
    pub pairs: usize,
    /// Consistency ratio of a complete matrix.
    pub cr: Option<f64>,
    pub acceptable: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombinedAnalysis {
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub ci: f64,
    pub cr: f64,
    pub acceptable: bool,
    /// The judgements that contribute most to the inconsistency, by criterion id.
    pub most_inconsistent: Vec<InconsistentJudgement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InconsistentJudgement {
    pub a: Id,
    pub b: Id,
    pub given: f64,
    pub consistent: f64,
    pub suggested: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The initiative or service (`initiative:12`, `service:3`).
    pub item: ItemRef,
    pub rank: usize,
    pub tied: bool,
    pub value: f64,
    /// Every criterion has at least one known score.
    pub complete: bool,
    /// One per criterion, in the set's order.
    pub cells: Vec<Cell>,
    /// Costs over the set's planning period.
    pub development: Money,
    pub management: Money,
    /// Value per million kronor of total cost in the period; `None` when it costs nothing.
    pub value_per_million: Option<f64>,
    /// The aggregate of the risk criterion, on its scale.
    pub risk: Option<f64>,
    pub gates: Vec<GateOutcome>,
    /// Passes a legal-requirement gate: must be done whatever its value.
    pub mandatory: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub criterion_id: Id,
    #[serde(flatten)]
    pub summary: CellSummary,
    /// The aggregate on 0–1, better is higher.
    pub normalised: Option<f64>,
    /// weight × normalised.
    pub contribution: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateOutcome {
    pub gate_id: Id,
    pub passed: Option<bool>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swap {
    pub upper: ItemRef,
    pub lower: ItemRef,
    pub criterion_id: Id,
    pub weight: f64,
    pub weight_at_swap: f64,
    pub change: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub item: ItemRef,
    pub criterion_id: Id,
    pub consensus: f64,
    pub std_dev: f64,
    pub min: u8,
    pub max: u8,
    /// Every member's answer, lowest score first, with comments.
    pub scores: Vec<MemberScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberScore {
    pub member_id: Id,
    pub value: Option<u8>,
    pub comment: String,
}

/// How many disagreements the list shows.
pub const DISAGREEMENTS_SHOWN: usize = 30;

/// The summaries of every cell (initiative × criterion), from scores given as (initiative index, criterion index,
/// value). Cells are in row order: `cells[i * criteria + c]`.
pub fn summarise_cells(
    initiatives: usize,
    scales: &[Scale],
    aggregation: scoring::Aggregation,
    scores: impl Iterator<Item = (usize, usize, Option<u8>)>,
) -> Vec<CellSummary> {
    let criteria = scales.len();
    let mut counts = vec![[0u32; MAX_SCORE_LEVEL as usize + 1]; initiatives * criteria];
    let mut dont_know = vec![0usize; initiatives * criteria];
    for (i, c, value) in scores {
        let cell = i * criteria + c;
        match value {
            Some(v) => counts[cell][usize::from(v.min(MAX_SCORE_LEVEL))] += 1,
            None => dont_know[cell] += 1,
        }
    }
    counts
        .iter()
        .zip(&dont_know)
        .enumerate()
        .map(|(cell, (counts, unknown))| {
            let scale = scales[cell % criteria];
            scoring::summarise_counts(counts, *unknown, scale.min, scale.max, aggregation)
        })
        .collect()
}

/// The weights for the set: overridden, entered, or from the members' complete pairwise comparisons.
fn weights(input: &Input<'_>, summary: &PairwiseSummary, override_weights: Option<&[f64]>) -> (Vec<f64>, &'static str) {
    if let Some(w) = override_weights.filter(|w| w.len() == input.set.criteria.len()) {
        return (ranking::normalise_weights(w), "override");
    }
    match (input.set.weighting, &summary.combined) {
        (Weighting::Pairwise, Some(combined)) => (combined.weights.clone(), "pairwise"),
        (Weighting::Pairwise, None) => (direct_weights(input.set), "direct_fallback"),
        (Weighting::Direct, _) => (direct_weights(input.set), "direct"),
    }
}

/// The criteria weights as entered, normalised to sum to 1.
fn direct_weights(set: &CriteriaSet) -> Vec<f64> {
    let raw: Vec<f64> = set.criteria.iter().map(|c| c.weight).collect();
    ranking::normalise_weights(&raw)
}

fn pairwise_summary(input: &Input<'_>) -> PairwiseSummary {
    let set = input.set;
    let n = set.criteria.len();
    let position: HashMap<Id, usize> = set.criteria.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let pairs = n * n.saturating_sub(1) / 2;
    let mut complete = Vec::new();
    let mut members = Vec::new();
    for p in input.pairwise.iter().filter(|p| p.set_id == set.id) {
        let mut rows = vec![vec![1.0; n]; n];
        let mut judged = 0;
        for j in &p.judgements {
            if let (Some(&a), Some(&b)) = (position.get(&j.a), position.get(&j.b)) {
                rows[a][b] = j.value;
                rows[b][a] = 1.0 / j.value;
                judged += 1;
            }
        }
        let matrix = (judged == pairs && n >= 2).then(|| PairwiseMatrix::new(rows).ok()).flatten();
        let analysis = matrix.as_ref().map(|m| m.analyse(set.pairwise_method));
        members.push(MemberConsistency {
            member_id: p.member_id,
            judged,
            pairs,
            cr: analysis.as_ref().map(|a| a.cr),
            acceptable: analysis.as_ref().map(|a| a.acceptable),
        });
        complete.extend(matrix);
    }
    let combined = PairwiseMatrix::combine(&complete).ok().map(|m| {
        let analysis = m.analyse(set.pairwise_method);
        CombinedAnalysis {
            most_inconsistent: analysis
                .judgements
                .iter()
                .take(3)
                .filter(|j| j.deviation > 1e-9)
                .map(|j| InconsistentJudgement {
                    a: set.criteria[j.row].id,
                    b: set.criteria[j.col].id,
                    given: j.given,
                    consistent: j.consistent,
                    suggested: j.nearest_on_scale,
                })
                .collect(),
            weights: analysis.weights,
            lambda_max: analysis.lambda_max,
            ci: analysis.ci,
            cr: analysis.cr,
            acceptable: analysis.acceptable,
        }
    });
    PairwiseSummary { method: set.pairwise_method, members, combined }
}

/// Assesses the set with its own weights, or with `override_weights` (one per criterion) for what-if sliders.
pub fn assess(input: &Input<'_>, override_weights: Option<&[f64]>) -> Assessment {
    let set = input.set;
    let criteria = set.criteria.len();
    let scales: Vec<Scale> =
        set.criteria.iter().map(|c| Scale { min: c.scale_min, max: c.scale_max, direction: c.direction }).collect();
    let items: Vec<&ValuedItem> =
        set.items().into_iter().filter_map(|item| input.items.iter().find(|i| i.item == item)).collect();
    let item_at: HashMap<ItemRef, usize> = items.iter().enumerate().map(|(i, x)| (x.item, i)).collect();
    let criterion_at: HashMap<Id, usize> = set.criteria.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let known_member: HashMap<Id, ()> = input.members.iter().map(|m| (m.id, ())).collect();
    let cell_scores = || {
        input
            .scores
            .iter()
            .filter(|s| known_member.contains_key(&s.member_id))
            .filter_map(|s| Some((*item_at.get(&s.item)?, *criterion_at.get(&s.criterion_id)?, s.value, s)))
    };
    let summaries = summarise_cells(items.len(), &scales, set.aggregation, cell_scores().map(|(i, c, v, _)| (i, c, v)));
    let pairwise = pairwise_summary(input);
    let (weights, weight_source) = weights(input, &pairwise, override_weights);
    let normalised: Vec<Vec<Option<f64>>> = (0..items.len())
        .map(|i| (0..criteria).map(|c| summaries[i * criteria + c].aggregate.map(|a| scales[c].normalise(a))).collect())
        .collect();
    let values: Vec<f64> = normalised.iter().map(|n| ranking::value(&weights, n)).collect();
    let places = ranking::rank(&values);
    let risk_at = set.criteria.iter().position(|c| c.is_risk);
    let (first, last) = (set.period_start, set.period_end);
    let rows: Vec<Row> = places
        .iter()
        .map(|place| {
            let valued = items[place.index];
            let in_period = valued.costs.iter().filter(|c| (first..=last).contains(&c.year));
            let (development, management) =
                in_period.fold((0i64, 0i64), |(d, m), c| (d + c.development.ore(), m + c.management.ore()));
            let total_kronor = (development + management) as f64 / 100.0;
            let gates: Vec<GateOutcome> = set
                .gates
                .iter()
                .map(|g| {
                    let result = input.gate_results.iter().find(|r| r.gate_id == g.id && r.item == valued.item);
                    GateOutcome {
                        gate_id: g.id,
                        passed: result.and_then(|r| r.passed),
                        note: result.map(|r| r.note.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            let mandatory = set
                .gates
                .iter()
                .zip(&gates)
                .any(|(g, o)| g.kind == GateKind::LegalRequirement && o.passed == Some(true));
            let cells: Vec<Cell> = (0..criteria)
                .map(|c| {
                    let summary = summaries[place.index * criteria + c].clone();
                    let n = normalised[place.index][c];
                    Cell {
                        criterion_id: set.criteria[c].id,
                        summary,
                        normalised: n,
                        contribution: weights[c] * n.unwrap_or(0.0),
                    }
                })
                .collect();
            Row {
                item: valued.item,
                rank: place.rank,
                tied: place.tied,
                value: place.value,
                complete: cells.iter().all(|c| c.summary.aggregate.is_some()),
                risk: risk_at.and_then(|r| cells[r].summary.aggregate),
                cells,
                development: Money::from_ore(development),
                management: Money::from_ore(management),
                value_per_million: (total_kronor > 0.0).then(|| place.value / total_kronor * 1_000_000.0),
                gates,
                mandatory,
            }
        })
        .collect();
    let sensitivity = ranking::sensitivity(&weights, &normalised, &places)
        .into_iter()
        .map(|swap| {
            swap.map(|s| Swap {
                upper: items[s.upper].item,
                lower: items[s.lower].item,
                criterion_id: set.criteria[s.criterion].id,
                weight: s.weight,
                weight_at_swap: s.weight_at_swap,
                change: s.change,
            })
        })
        .collect();
    let disagreements = disagreements(set, &items, &summaries, cell_scores().map(|(i, c, _, s)| (i, c, s)));
    Assessment { set_id: set.id, weights, weight_source, pairwise, rows, sensitivity, disagreements }
}

fn disagreements<'a>(
    set: &CriteriaSet,
    items: &[&ValuedItem],
    summaries: &[CellSummary],
    scores: impl Iterator<Item = (usize, usize, &'a Score)>,
) -> Vec<Disagreement> {
    let criteria = set.criteria.len();
    let mut cells: Vec<usize> = (0..summaries.len())
        .filter(|&cell| summaries[cell].scored >= 2 && summaries[cell].consensus.is_some_and(|c| c < 1.0))
        .collect();
    cells.sort_by(|&a, &b| {
        let (x, y) = (&summaries[a], &summaries[b]);
        x.consensus.unwrap_or(1.0).total_cmp(&y.consensus.unwrap_or(1.0)).then(a.cmp(&b))
    });
    cells.truncate(DISAGREEMENTS_SHOWN);
    let mut answers: HashMap<usize, Vec<MemberScore>> = cells.iter().map(|&c| (c, Vec::new())).collect();
    for (i, c, score) in scores {
        if let Some(list) = answers.get_mut(&(i * criteria + c)) {
            list.push(MemberScore { member_id: score.member_id, value: score.value, comment: score.comment.clone() });
        }
    }
    cells
        .into_iter()
        .map(|cell| {
            let summary = &summaries[cell];
            let mut scores = answers.remove(&cell).unwrap_or_default();
            scores.sort_by_key(|s| (s.value.is_none(), s.value, s.member_id));
            Disagreement {
                item: items[cell / criteria].item,
                criterion_id: set.criteria[cell % criteria].id,
                consensus: summary.consensus.unwrap_or(1.0),
                std_dev: summary.std_dev.unwrap_or(0.0),
                min: summary.min.unwrap_or(0),
                max: summary.max.unwrap_or(0),
                scores,
            }
        })
        .collect()
}

/// The selection problem of a scenario: the set's values, costs per year for development and management in the
/// frames' years (initiatives and services alike count against both frames of each year), legal requirements
/// and the scenario's rules. Candidates are named by their item's text (`initiative:12`, `service:3`).
pub fn selection_problem(
    assessment: &Assessment,
    items: &[ValuedItem],
    scenario: &crate::domain::Scenario,
) -> super::selection::Problem {
    use super::selection::{Candidate, FrameKind, Problem};
    use std::collections::BTreeMap;
    let mut frames = BTreeMap::new();
    for f in &scenario.frames {
        frames.insert(FrameKind::Development.frame_name(f.year), f.development);
        frames.insert(FrameKind::Management.frame_name(f.year), f.management);
    }
    let candidates = assessment
        .rows
        .iter()
        .filter_map(|row| {
            let valued = items.iter().find(|i| i.item == row.item)?;
            let mut cost = BTreeMap::new();
            for c in &valued.costs {
                if scenario.frames.iter().any(|f| f.year == c.year) {
                    cost.insert(FrameKind::Development.frame_name(c.year), c.development);
                    cost.insert(FrameKind::Management.frame_name(c.year), c.management);
                }
            }
            let id = row.item;
            Some(Candidate {
                id: id.to_string(),
                value: row.value,
                cost,
                mandatory: row.mandatory || scenario.forced_in.contains(&id),
                excluded: scenario.forced_out.contains(&id) && !row.mandatory,
                requires: scenario
                    .dependencies
                    .iter()
                    .filter(|d| d.item == id)
                    .map(|d| d.requires.to_string())
                    .collect(),
                excludes: scenario
                    .exclusions
                    .iter()
                    .filter_map(|e| match (e.a == id, e.b == id) {
                        (true, _) => Some(e.b.to_string()),
                        (_, true) => Some(e.a.to_string()),
                        _ => None,
                    })
                    .collect(),
            })
        })
        .collect();
    Problem { frames, candidates }
}

/// The nearest value on Saaty's scale, re-exported for callers that present suggestions.
pub fn suggested_text(value: f64) -> String {
    ahp::scale_text(ahp::nearest_on_scale(value))
}
