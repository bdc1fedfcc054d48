//! The budget material (budgetunderlag) of a selection scenario: the prioritised items with their development and
//! management costs per year and proposed funding, the totals against the frames per year, what was not
//! prioritised and why, and how the selection changes when the council's decided frames replace the proposed ones.
//!
//! Riktlinjen, "Prioritering och beslut" (Gemensamma tjänster och förändringsinsatser): the group "värderar och prioriterar behov av digital
//! utveckling och förvaltning för planperioden samt vilken typ av finansiering som bör tillämpas", which "ligger
//! sedan till grund för underlag till budget som administreras via stadsledningskontoret. Kommunfullmäktige fattar
//! sedan beslut om de ekonomiska ramarna." Everything here is plain data: the store loads a [`BudgetInput`]
//! (`Reader::budget_input`), [`BudgetInput::solve`] solves it without the portfolio, and the paper, the sheet, the
//! app and the command line all show the [`Budget`] it returns. [`lines`] is the one function that turns a
//! selection into budget lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::selection::{Problem, Selection};
use crate::domain::lifecycle::{NotEligible, budget_eligibility};
use crate::domain::{
    DecidedFrame, DecisionOutcome, FundingModel, Id, InitiativeState, ItemRef, Language, OrganisationKind,
    ServiceState, Track, ValuedKind,
};
use crate::error::SelectionError;
use crate::money::Money;
use crate::time::NaiveDate;

/// Which frames the selection is made within.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FrameBasis {
    /// The scenario's proposed frames.
    #[default]
    Proposed,
    /// The council's decided frames where they are recorded, the proposed ones for the other years.
    Decided,
}

pub use super::selection::{Frame, FrameKind};

/// A decision recorded at a meeting, as the material cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRef {
    pub body: String,
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
    pub paragraph: Option<i32>,
    pub outcome: DecisionOutcome,
    pub item_title: String,
}

impl DecisionRef {
    /// `2026-12-03 § 5` (the paragraph is left out until the minutes number it); the body is said apart.
    pub fn citation(&self) -> String {
        match self.paragraph {
            Some(p) => format!("{} § {p}", self.date),
            None => self.date.to_string(),
        }
    }

    /// The citation with what was decided, in words: `2026-10-15 § 35: prioriteras inte`.
    pub fn with_outcome(&self, language: Language) -> String {
        format!("{}: {}", self.citation(), outcome_phrase(self.outcome, language))
    }
}

/// What a decision's outcome says of its item, as a phrase after a citation: "prioriteras inte".
pub fn outcome_phrase(outcome: DecisionOutcome, language: Language) -> &'static str {
    match (outcome, language) {
        (DecisionOutcome::Prioritised, Language::Sv) => "prioriteras",
        (DecisionOutcome::NotPrioritised, Language::Sv) => "prioriteras inte",
        (DecisionOutcome::SentBack, Language::Sv) => "återremitteras",
        (DecisionOutcome::Tabled, Language::Sv) => "bordläggs",
        (DecisionOutcome::Decided, Language::Sv) => "beslutas",
        (DecisionOutcome::Noted, Language::Sv) => "läggs till handlingarna",
        (DecisionOutcome::Prioritised, Language::En) => "prioritised",
        (DecisionOutcome::NotPrioritised, Language::En) => "not prioritised",
        (DecisionOutcome::SentBack, Language::En) => "sent back",
        (DecisionOutcome::Tabled, Language::En) => "tabled",
        (DecisionOutcome::Decided, Language::En) => "decided",
        (DecisionOutcome::Noted, Language::En) => "noted",
    }
}

/// The group's decision on a scenario's budget material as a whole: where it is recorded and what it chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MaterialDecision {
    pub decision: DecisionRef,
    /// Candidate ids (`initiative:12`) with whether the decision chose them.
    pub chosen: Vec<(String, bool)>,
}

/// What an organisation pays for an item in a year under the item's proposed funding model, from its funding case
/// (riktlinjen, "Finansiering": "kostnadsfördelning, faktura a´ pris och kommunbidrag").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Charge {
    pub organisation_id: Id,
    pub organisation: String,
    pub kind: OrganisationKind,
    pub year: i32,
    /// What it pays the provider (a preliminary charge, an invoice; a company's invoice under a grant).
    pub pays: Money,
    /// Under a municipal grant: the frame moved from the board to the provider (ramväxling).
    pub frame_transfer: Money,
}

/// What the material says about an item besides its costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFacts {
    pub kind: ValuedKind,
    pub id: Id,
    /// The initiative's case number; empty for a service.
    pub reference: String,
    pub name: String,
    /// The proposed type of funding: the item's funding model.
    pub funding_model: Option<FundingModel>,
    /// An initiative's lifecycle state.
    pub state: Option<InitiativeState>,
    /// An initiative's track.
    pub track: Option<Track>,
    /// A service's state.
    pub service_state: Option<ServiceState>,
    /// The latest decision on an agenda item about the item.
    pub decision: Option<DecisionRef>,
    /// Chosen in budget material the group has decided to send (the step to *I budgetunderlag* needs it).
    pub in_sent_material: bool,
}

impl ItemFacts {
    /// The case number, else the name.
    pub fn label(&self) -> &str {
        if self.reference.is_empty() { &self.name } else { &self.reference }
    }

    /// Why the item cannot be prioritised in the material, or `None` when it can: an initiative whose material is
    /// not ready, that the group decided against, that has ended or is business-specific
    /// ([`budget_eligibility`]); a retired service.
    pub fn ineligible(&self) -> Option<NotEligible> {
        match (self.kind, self.track, self.state) {
            (ValuedKind::Initiative, Some(track), Some(state)) => budget_eligibility(track, state),
            (ValuedKind::Service, _, _) if self.service_state == Some(ServiceState::Retired) => {
                Some(NotEligible::Ended)
            }
            _ => None,
        }
    }

    /// The item's lifecycle state in words: an initiative's state, a service's.
    pub fn status(&self, language: Language) -> &'static str {
        match (self.state, self.service_state) {
            (Some(state), _) => state.label(language),
            (None, Some(state)) => state.label(language),
            _ => "",
        }
    }
}

/// A scenario's material as loaded from a portfolio: plain data, solved without it.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetInput {
    pub scenario_id: Id,
    pub scenario_name: String,
    pub set_id: Id,
    pub set_name: String,
    pub period_start: i32,
    pub period_end: i32,
    /// The selection problem within the proposed frames.
    pub problem: Problem,
    /// By candidate id.
    pub items: HashMap<String, ItemFacts>,
    /// Every decided frame recorded (those of other years are not used).
    pub decided: Vec<DecidedFrame>,
    /// The decision on an agenda item about the scenario's criteria set, if one is recorded.
    pub set_decision: Option<DecisionRef>,
    /// The group's latest decision on the scenario's budget material as a whole, if one is recorded.
    pub material_decision: Option<MaterialDecision>,
    /// What each organisation pays per year for an item, by candidate id (items with a funding case).
    pub charges: HashMap<String, Vec<Charge>>,
}

/// Costs of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearAmounts {
    pub year: i32,
    pub development: Money,
    pub management: Money,
}

/// Why an item was not prioritised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum NotChosen {
    /// It fits the frames on its own, but items of more value took the room in these frames.
    BelowTheLine { frames: Vec<Frame> },
    /// The scenario leaves it out.
    Excluded,
    /// It requires these items, which are not prioritised (labels).
    Requires { items: Vec<String> },
    /// It excludes these prioritised items (labels).
    Excludes { items: Vec<String> },
    /// It costs more than these frames on its own.
    DoesNotFit { frames: Vec<Frame> },
    /// It cannot be prioritised as it stands: its material is not ready, the group decided against it, it has
    /// ended, or its own board funds it.
    Ineligible { because: NotEligible },
}

/// One item of the material.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    #[serde(flatten)]
    pub item: ItemFacts,
    /// The candidate id in the selection.
    pub candidate: String,
    pub value: f64,
    /// Its place by value among all the scenario's items, from 1; items of equal value share it
    /// (`ranking::rank`, as the ranking, the CLI and their sheets show it).
    pub rank: usize,
    /// It shares its place with another item of equal value.
    pub tied: bool,
    /// Costs per year of the frames' years (a year without costs shows zeros).
    pub costs: Vec<YearAmounts>,
    pub development: Money,
    pub management: Money,
    /// Prioritised within the frames of the material's basis.
    pub chosen: bool,
    /// Chosen whatever its value (a legal requirement or the scenario's rule).
    pub mandatory: bool,
    pub reason: Option<NotChosen>,
    /// Prioritised within the proposed frames but not within the decided ones: it would have to go.
    pub dropped_by_decided: bool,
    /// Whether the group's decision on the material chose it; `None` without such a decision (or for an item the
    /// decision did not hold).
    pub decided: Option<bool>,
}

impl BudgetLine {
    /// The place as papers print it: `=9` for a place shared by items of equal value, as `samordna rank` does.
    pub fn rank_text(&self) -> String {
        if self.tied { format!("={}", self.rank) } else { self.rank.to_string() }
    }
}

/// Who pays for what a funding model funds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// Cost allocation or invoice per unit: the customers (boards and companies) pay the provider.
    Customers,
    /// Municipal grant: the council funds the provider, with frames moved from the boards (ramväxling).
    Grant,
    /// Within a board's own budget.
    OwnBudget,
    /// No funding model is proposed.
    NotStated,
}

impl Payer {
    pub fn of(model: Option<FundingModel>) -> Payer {
        match model {
            Some(FundingModel::CostAllocation | FundingModel::InvoicePerUnit) => Payer::Customers,
            Some(FundingModel::MunicipalGrant) => Payer::Grant,
            Some(FundingModel::OwnBudget) => Payer::OwnBudget,
            None => Payer::NotStated,
        }
    }
}

/// What the prioritised items cost in a year under one funding model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundingTotal {
    pub year: i32,
    pub funding_model: Option<FundingModel>,
    pub payer: Payer,
    pub development: Money,
    pub management: Money,
}

/// What an organisation pays per year for the prioritised items, under their proposed funding models.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganisationTotal {
    pub organisation_id: Id,
    pub organisation: String,
    pub kind: OrganisationKind,
    /// Per year of the material: what it pays the providers.
    pub pays: Vec<(i32, Money)>,
    /// Per year: the frame moved from it under a municipal grant (ramväxling).
    pub frame_transfer: Vec<(i32, Money)>,
}

/// One frame of one year, with what the prioritised items cost against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameRow {
    pub year: i32,
    pub kind: FrameKind,
    pub proposed: Money,
    pub decided: Option<Money>,
    /// The frame the material's selection was made within.
    pub used: Money,
    /// What the material's prioritised items cost against it: the sum of the lines.
    pub cost: Money,
    /// What is left of the frame used: `used` less `cost` (negative when the cost exceeds it).
    pub left: Money,
    /// What the items prioritised within the proposed frames cost.
    pub proposed_cost: Money,
    /// How much the proposed prioritisation exceeds the decided frame (zero when it fits or none is decided).
    pub gap: Money,
}

/// A lifecycle step the material makes possible for an initiative; the user decides whether to take it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LifecycleStep {
    pub initiative_id: Id,
    pub label: String,
    pub from: InitiativeState,
    pub to: InitiativeState,
}

/// The budget material of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub scenario_id: Id,
    pub scenario_name: String,
    pub set_id: Id,
    pub set_name: String,
    pub period_start: i32,
    pub period_end: i32,
    pub basis: FrameBasis,
    /// The frames' years.
    pub years: Vec<i32>,
    /// The years whose decided frames are recorded.
    pub decided_years: Vec<i32>,
    /// The decided frames of the frames' years.
    pub decided: Vec<DecidedFrame>,
    /// Per year, development then management.
    pub frames: Vec<FrameRow>,
    /// Prioritised first, each group by value, highest first.
    pub lines: Vec<BudgetLine>,
    /// The prioritised items' costs over all the years: the sums of the lines.
    pub total_development: Money,
    pub total_management: Money,
    /// Whether the proposed prioritisation exceeds a decided frame.
    pub no_longer_fits: bool,
    /// True when the solver proved the selection optimal.
    pub proven_optimal: bool,
    pub set_decision: Option<DecisionRef>,
    /// The group's decision on this material as a whole, if one is recorded.
    pub material_decision: Option<DecisionRef>,
    pub lifecycle: Vec<LifecycleStep>,
    /// Per year and funding model, what the prioritised items cost (the funding models in the vocabulary's order).
    pub by_funding: Vec<FundingTotal>,
    /// Per organisation, what it pays per year for the prioritised items with a funding case.
    pub by_organisation: Vec<OrganisationTotal>,
    /// Per year, what the prioritised items without a funding case cost: not split among the organisations.
    pub not_split: Vec<YearAmounts>,
    /// The prioritised items without a funding case (labels).
    pub without_case: Vec<String>,
}

impl BudgetInput {
    /// The problem with every item that cannot be prioritised as it stands left out ([`ItemFacts::ineligible`]).
    fn eligible(&self, mut problem: Problem) -> Problem {
        for candidate in &mut problem.candidates {
            if self.items.get(&candidate.id).is_some_and(|f| f.ineligible().is_some()) {
                candidate.excluded = true;
                candidate.mandatory = false;
            }
        }
        problem
    }

    /// The selection problem within the proposed frames, of what can be prioritised.
    pub fn proposed_problem(&self) -> Problem {
        self.eligible(self.problem.clone())
    }

    /// The decided frames of the scenario's years.
    fn decided_in_years(&self) -> Vec<DecidedFrame> {
        let years = self.years();
        self.decided.iter().filter(|d| years.contains(&d.year)).cloned().collect()
    }

    /// The years of the scenario's frames.
    pub fn years(&self) -> Vec<i32> {
        let years: BTreeSet<i32> = self.problem.frames.keys().filter_map(|f| Frame::parse(f)).map(|f| f.year).collect();
        years.into_iter().collect()
    }

    /// The problem with the decided frames in place of the proposed ones for the years they are recorded.
    pub fn decided_problem(&self) -> Problem {
        let mut problem = self.proposed_problem();
        for d in self.decided_in_years() {
            for (kind, amount) in [(FrameKind::Development, d.development), (FrameKind::Management, d.management)] {
                problem.frames.insert(kind.frame_name(d.year), amount);
            }
        }
        problem
    }

    /// Solves the selection within the proposed frames and, when decided frames are recorded for the scenario's
    /// years, within those; the material follows `basis`.
    pub fn solve(&self, basis: FrameBasis) -> Result<Budget, SelectionError> {
        let (proposed, proven_proposed) = self.proposed_problem().solve()?;
        let decided_frames = self.decided_in_years();
        let decided = if decided_frames.is_empty() { None } else { Some(self.decided_problem().solve()?) };
        let proven = match (basis, &decided) {
            (FrameBasis::Decided, Some((_, proven))) => *proven,
            _ => proven_proposed,
        };
        Ok(lines(self, &proposed, decided.as_ref().map(|d| &d.0), basis, proven))
    }
}

/// Turns a scenario's selections into its budget material: the one place that does. `proposed` is the selection
/// within the proposed frames, `decided` the one within the decided frames (when any are recorded); `basis` says
/// which of them the material shows as prioritised.
pub fn lines(
    input: &BudgetInput,
    proposed: &Selection,
    decided: Option<&Selection>,
    basis: FrameBasis,
    proven_optimal: bool,
) -> Budget {
    // Without decided frames the material is made within the proposed ones, and says so.
    let basis = if decided.is_some() { basis } else { FrameBasis::Proposed };
    let decided_problem = input.decided_problem();
    let proposed_problem = input.proposed_problem();
    let (problem, selection) = match (basis, decided) {
        (FrameBasis::Decided, Some(selection)) => (&decided_problem, selection),
        _ => (&proposed_problem, proposed),
    };
    let years = input.years();
    let chosen: BTreeSet<&str> = selection.chosen.iter().map(String::as_str).collect();
    let in_proposed: BTreeSet<&str> = proposed.chosen.iter().map(String::as_str).collect();
    let in_decided: Option<BTreeSet<&str>> = decided.map(|d| d.chosen.iter().map(String::as_str).collect());
    let facts = |id: &str| -> ItemFacts {
        input.items.get(id).cloned().unwrap_or_else(|| ItemFacts {
            kind: ValuedKind::Initiative,
            id: id.parse().unwrap_or_default(),
            reference: id.to_string(),
            name: id.to_string(),
            funding_model: None,
            state: None,
            track: None,
            service_state: None,
            decision: None,
            in_sent_material: false,
        })
    };
    let label = |id: &str| facts(id).label().to_string();
    let decided_choice = |id: &str| {
        input.material_decision.as_ref().and_then(|d| d.chosen.iter().find(|(c, _)| c == id).map(|(_, chosen)| *chosen))
    };
    // The room the prioritised items leave in each frame.
    let used_cost = |frame: &str| selection.cost.get(frame).copied().unwrap_or_default();
    // The one ranking rule (ties share a place), so a tie reads the same in the ranking and in the material.
    let values: Vec<f64> = problem.candidates.iter().map(|c| c.value).collect();
    let places = super::ranking::rank(&values);
    let order: Vec<usize> = places.iter().map(|p| p.index).collect();
    let rank: HashMap<usize, (usize, bool)> = places.iter().map(|p| (p.index, (p.rank, p.tied))).collect();
    let mut result: Vec<BudgetLine> = order
        .iter()
        .map(|&i| {
            let c = &problem.candidates[i];
            let is_chosen = chosen.contains(c.id.as_str());
            let cost_in = |year: i32, kind: FrameKind| c.cost.get(&kind.frame_name(year)).copied().unwrap_or_default();
            let costs: Vec<YearAmounts> = years
                .iter()
                .map(|&year| YearAmounts {
                    year,
                    development: cost_in(year, FrameKind::Development),
                    management: cost_in(year, FrameKind::Management),
                })
                .collect();
            let reason = (!is_chosen).then(|| {
                if let Some(because) = input.items.get(&c.id).and_then(ItemFacts::ineligible) {
                    return NotChosen::Ineligible { because };
                }
                if c.excluded {
                    return NotChosen::Excluded;
                }
                let missing: Vec<String> =
                    c.requires.iter().filter(|r| !chosen.contains(r.as_str())).map(|r| label(r)).collect();
                if !missing.is_empty() {
                    return NotChosen::Requires { items: missing };
                }
                let clashing: Vec<String> =
                    c.excludes.iter().filter(|e| chosen.contains(e.as_str())).map(|e| label(e)).collect();
                if !clashing.is_empty() {
                    return NotChosen::Excludes { items: clashing };
                }
                let limit = |frame: &str| problem.frames.get(frame).copied().unwrap_or_default();
                let too_large: Vec<Frame> =
                    c.cost.iter().filter(|(f, m)| **m > limit(f)).filter_map(|(f, _)| Frame::parse(f)).collect();
                if !too_large.is_empty() {
                    return NotChosen::DoesNotFit { frames: too_large };
                }
                let full = c
                    .cost
                    .iter()
                    .filter(|(f, m)| m.ore() > 0 && used_cost(f).ore() + m.ore() > limit(f).ore())
                    .filter_map(|(f, _)| Frame::parse(f))
                    .collect();
                NotChosen::BelowTheLine { frames: full }
            });
            BudgetLine {
                item: facts(&c.id),
                candidate: c.id.clone(),
                value: c.value,
                rank: rank[&i].0,
                tied: rank[&i].1,
                development: sum(costs.iter().map(|y| y.development)),
                management: sum(costs.iter().map(|y| y.management)),
                costs,
                chosen: is_chosen,
                mandatory: c.mandatory,
                reason,
                dropped_by_decided: in_decided
                    .as_ref()
                    .is_some_and(|d| in_proposed.contains(c.id.as_str()) && !d.contains(c.id.as_str())),
                decided: decided_choice(&c.id),
            }
        })
        .collect();
    result.sort_by_key(|l| (!l.chosen, l.rank));
    let decided_frames = input.decided_in_years();
    let decided_of = |year: i32| decided_frames.iter().find(|d| d.year == year);
    let proposed_cost_of = |year: i32, kind: FrameKind| {
        let frame = kind.frame_name(year);
        sum(proposed_problem
            .candidates
            .iter()
            .filter(|c| in_proposed.contains(c.id.as_str()))
            .map(|c| c.cost.get(&frame).copied().unwrap_or_default()))
    };
    let mut frames = Vec::new();
    for &year in &years {
        for kind in [FrameKind::Development, FrameKind::Management] {
            let name = kind.frame_name(year);
            let pick = |y: &YearAmounts| if kind == FrameKind::Development { y.development } else { y.management };
            let cost = sum(result
                .iter()
                .filter(|l| l.chosen)
                .flat_map(|l| l.costs.iter().filter(|y| y.year == year).map(pick)));
            let decided =
                decided_of(year).map(|d| if kind == FrameKind::Development { d.development } else { d.management });
            let proposed_cost = proposed_cost_of(year, kind);
            let gap = decided.map_or(Money::ZERO, |d| Money::from_ore((proposed_cost.ore() - d.ore()).max(0)));
            let used = problem.frames.get(&name).copied().unwrap_or_default();
            frames.push(FrameRow {
                year,
                kind,
                proposed: proposed_problem.frames.get(&name).copied().unwrap_or_default(),
                decided,
                used,
                cost,
                left: Money::from_ore(used.ore() - cost.ore()),
                proposed_cost,
                gap,
            });
        }
    }
    let lifecycle = lifecycle_steps(&result, &decided_frames, decided.is_some());
    let chosen_lines = result.iter().filter(|l| l.chosen);
    let total_development = sum(chosen_lines.clone().map(|l| l.development));
    let total_management = sum(chosen_lines.map(|l| l.management));
    let by_funding = funding_totals(&result, &years);
    let (by_organisation, not_split, without_case) = organisation_totals(input, &result, &years);
    Budget {
        scenario_id: input.scenario_id,
        scenario_name: input.scenario_name.clone(),
        set_id: input.set_id,
        set_name: input.set_name.clone(),
        period_start: input.period_start,
        period_end: input.period_end,
        basis,
        decided_years: decided_frames.iter().map(|d| d.year).collect(),
        decided: decided_frames,
        years,
        no_longer_fits: frames.iter().any(|f| f.gap.ore() > 0),
        frames,
        lines: result,
        total_development,
        total_management,
        proven_optimal,
        set_decision: input.set_decision.clone(),
        material_decision: input.material_decision.as_ref().map(|d| d.decision.clone()),
        lifecycle,
        by_funding,
        by_organisation,
        not_split,
        without_case,
    }
}

/// Per year and funding model (in the vocabulary's order, no model last), the prioritised lines' costs; a model
/// with nothing prioritised is left out.
fn funding_totals(lines: &[BudgetLine], years: &[i32]) -> Vec<FundingTotal> {
    let models: Vec<Option<FundingModel>> = FundingModel::ALL.iter().copied().map(Some).chain([None]).collect();
    let mut out = Vec::new();
    for &year in years {
        for &model in &models {
            let costs: Vec<&YearAmounts> = lines
                .iter()
                .filter(|l| l.chosen && l.item.funding_model == model)
                .flat_map(|l| l.costs.iter().filter(|y| y.year == year))
                .collect();
            if costs.is_empty() {
                continue;
            }
            out.push(FundingTotal {
                year,
                funding_model: model,
                payer: Payer::of(model),
                development: sum(costs.iter().map(|y| y.development)),
                management: sum(costs.iter().map(|y| y.management)),
            });
        }
    }
    out
}

type OrganisationTotals = (Vec<OrganisationTotal>, Vec<YearAmounts>, Vec<String>);

/// What each organisation pays per year for the prioritised lines with a funding case (by organisation name),
/// what the others cost per year (not split), and which they are.
fn organisation_totals(input: &BudgetInput, lines: &[BudgetLine], years: &[i32]) -> OrganisationTotals {
    let mut totals: Vec<OrganisationTotal> = Vec::new();
    let mut not_split: Vec<YearAmounts> =
        years.iter().map(|&year| YearAmounts { year, development: Money::ZERO, management: Money::ZERO }).collect();
    let mut without_case = Vec::new();
    for line in lines.iter().filter(|l| l.chosen) {
        let charges = input.charges.get(&line.candidate).filter(|c| !c.is_empty());
        let Some(charges) = charges else {
            without_case.push(line.item.label().to_string());
            for cost in &line.costs {
                if let Some(year) = not_split.iter_mut().find(|y| y.year == cost.year) {
                    year.development = Money::from_ore(year.development.ore() + cost.development.ore());
                    year.management = Money::from_ore(year.management.ore() + cost.management.ore());
                }
            }
            continue;
        };
        for charge in charges.iter().filter(|c| years.contains(&c.year)) {
            let index = match totals.iter().position(|t| t.organisation_id == charge.organisation_id) {
                Some(index) => index,
                None => {
                    totals.push(OrganisationTotal {
                        organisation_id: charge.organisation_id,
                        organisation: charge.organisation.clone(),
                        kind: charge.kind,
                        pays: years.iter().map(|&y| (y, Money::ZERO)).collect(),
                        frame_transfer: years.iter().map(|&y| (y, Money::ZERO)).collect(),
                    });
                    totals.len() - 1
                }
            };
            let total = &mut totals[index];
            let add = |list: &mut Vec<(i32, Money)>, amount: Money| {
                if let Some(entry) = list.iter_mut().find(|(y, _)| *y == charge.year) {
                    entry.1 = Money::from_ore(entry.1.ore() + amount.ore());
                }
            };
            add(&mut total.pays, charge.pays);
            add(&mut total.frame_transfer, charge.frame_transfer);
        }
    }
    totals.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.organisation.cmp(&b.organisation)));
    let not_split = if without_case.is_empty() { Vec::new() } else { not_split };
    (totals, not_split, without_case)
}

/// The lifecycle steps the material offers (riktlinjen, "Prioritering och beslut": budget material, then the
/// council's frames; the states of `domain::lifecycle`): a prioritised initiative chosen in budget material the
/// group decided to send goes into the budget material (*I budgetunderlag*); one already there whose years with
/// costs all have decided frames, and that is prioritised within them, may move to *Ram beslutad av KF*. Only
/// offered: the user takes the step, and the lifecycle's checks still apply.
fn lifecycle_steps(lines: &[BudgetLine], decided: &[DecidedFrame], decided_solved: bool) -> Vec<LifecycleStep> {
    let covered = |line: &BudgetLine| {
        line.costs
            .iter()
            .filter(|y| y.development.ore() > 0 || y.management.ore() > 0)
            .all(|y| decided.iter().any(|d| d.year == y.year))
    };
    lines
        .iter()
        .filter(|l| l.item.kind == ValuedKind::Initiative && l.chosen)
        .filter_map(|l| {
            let from = l.item.state?;
            let to = match from {
                // Riktlinjen, "Prioritering och beslut": budget material the group decided to send.
                InitiativeState::Prioritised if l.item.in_sent_material => InitiativeState::InBudgetMaterial,
                InitiativeState::InBudgetMaterial if decided_solved && !l.dropped_by_decided && covered(l) => {
                    InitiativeState::FrameDecided
                }
                _ => return None,
            };
            Some(LifecycleStep { initiative_id: l.item.id, label: l.item.label().to_string(), from, to })
        })
        .collect()
}

/// The item a candidate id names: `initiative:12`, `service:3` (an [`ItemRef`]'s text), or an initiative's id
/// alone (`12`, as `samordna select` files and earlier portfolios name them).
pub fn item_of(candidate: &str) -> Option<(ValuedKind, Id)> {
    match candidate.parse::<ItemRef>() {
        Ok(item) => Some((item.kind(), item.id())),
        Err(_) => Some((ValuedKind::Initiative, candidate.parse().ok().filter(|id: &Id| *id > 0)?)),
    }
}

/// Picks the Swedish or the English wording.
#[derive(Clone, Copy)]
struct Words(Language);

impl Words {
    fn t<'a>(self, sv: &'a str, en: &'a str) -> &'a str {
        match self.0 {
            Language::Sv => sv,
            Language::En => en,
        }
    }
}

/// "2027–2029", or one year alone.
pub fn period(budget: &Budget) -> String {
    match (budget.years.first(), budget.years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => format!("{}–{}", budget.period_start, budget.period_end),
    }
}

/// The paper's title: `Budgetunderlag 2027–2029`.
pub fn title(budget: &Budget, language: Language) -> String {
    format!("{} {}", Words(language).t("Budgetunderlag", "Budget material"), period(budget))
}

/// The kind of an item as the material names it.
pub fn kind_text(kind: ValuedKind, language: Language) -> &'static str {
    let w = Words(language);
    match kind {
        ValuedKind::Initiative => w.t("Initiativ", "Initiative"),
        ValuedKind::Service => w.t("Tjänst", "Service"),
    }
}

/// A frame's name: `2027 utveckling`.
pub fn frame_text(year: i32, kind: FrameKind, language: Language) -> String {
    let w = Words(language);
    match kind {
        FrameKind::Development => format!("{year} {}", w.t("utveckling", "development")),
        FrameKind::Management => format!("{year} {}", w.t("förvaltning", "management")),
    }
}

fn frame_names(frames: &[Frame], language: Language) -> String {
    frames.iter().map(|f| frame_text(f.year, f.kind, language)).collect::<Vec<_>>().join(", ")
}

/// Why a line was not prioritised, in a sentence; for a service it is a proposal to reduce or phase it out.
pub fn reason_text(line: &BudgetLine, language: Language) -> String {
    let w = Words(language);
    let reason = match &line.reason {
        None => return String::new(),
        Some(NotChosen::Excluded) => w.t("Utesluten i scenariot", "Left out by the scenario").to_string(),
        Some(NotChosen::Requires { items }) => {
            format!(
                "{} {}",
                w.t("Kräver det som inte prioriteras:", "Requires what is not prioritised:"),
                items.join(", ")
            )
        }
        Some(NotChosen::Excludes { items }) => {
            format!("{} {}", w.t("Utesluter det prioriterade:", "Excludes what is prioritised:"), items.join(", "))
        }
        Some(NotChosen::DoesNotFit { frames }) => format!(
            "{} {}",
            w.t("Ryms inte ens ensam i ramen:", "Does not fit even alone in the frame:"),
            frame_names(frames, language)
        ),
        Some(NotChosen::Ineligible { because }) => {
            let decision = line.item.decision.as_ref().map(|d| d.with_outcome(language));
            match (because, decision) {
                (NotEligible::NotReady, _) => format!(
                    "{} ({})",
                    w.t("Underlaget är inte klart", "The material is not ready"),
                    line.item.status(language)
                ),
                (NotEligible::NotPrioritisedByGroup, Some(decision)) => format!(
                    "{} {decision}",
                    w.t("Samordningsgruppen har beslutat att inte prioritera:", "The group decided not to prioritise:")
                ),
                (NotEligible::NotPrioritisedByGroup, None) => w
                    .t("Samordningsgruppen har beslutat att inte prioritera", "The group decided not to prioritise")
                    .to_string(),
                (NotEligible::Ended, _) => {
                    format!("{} ({})", w.t("Avslutat", "Ended"), line.item.status(language))
                }
                (NotEligible::OwnBudget, _) => w
                    .t(
                        "Verksamhetsspecifikt: finansieras inom egen budget av egen nämnd eller styrelse",
                        "Business-specific: funded within its own board's budget",
                    )
                    .to_string(),
            }
        }
        Some(NotChosen::BelowTheLine { frames }) if frames.is_empty() => {
            w.t("Under strecket", "Below the line").to_string()
        }
        Some(NotChosen::BelowTheLine { frames }) => format!(
            "{} {}",
            w.t(
                "Under strecket: högre värderat tar utrymmet i",
                "Below the line: items of more value take the room in"
            ),
            frame_names(frames, language)
        ),
    };
    if line.item.kind == ValuedKind::Service && !matches!(line.reason, Some(NotChosen::Ineligible { .. })) {
        format!(
            "{reason}. {}",
            w.t("Förslag: minska eller avveckla tjänsten", "Proposal: reduce or phase out the service")
        )
    } else {
        reason
    }
}

/// Who pays, in words: "Kunderna betalar", "Kräver kommunbidrag och ramväxling".
pub fn payer_text(payer: Payer, language: Language) -> &'static str {
    let w = Words(language);
    match payer {
        Payer::Customers => w.t("Kunderna betalar", "The customers pay"),
        Payer::Grant => w.t("Kräver kommunbidrag och ramväxling", "Needs a municipal grant and frame transfers"),
        Payer::OwnBudget => w.t("Egen budget", "Own budget"),
        Payer::NotStated => w.t("Finansiering ej föreslagen", "No funding proposed"),
    }
}

fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    Money::from_ore(amounts.map(|m| m.ore()).sum())
}

/// Sums per frame of a set of lines, for checks: `frame name → öre`.
pub fn cost_by_frame(lines: &[BudgetLine]) -> BTreeMap<String, Money> {
    let mut out: BTreeMap<String, i64> = BTreeMap::new();
    for line in lines.iter().filter(|l| l.chosen) {
        for y in &line.costs {
            *out.entry(FrameKind::Development.frame_name(y.year)).or_default() += y.development.ore();
            *out.entry(FrameKind::Management.frame_name(y.year)).or_default() += y.management.ore();
        }
    }
    out.into_iter().map(|(k, v)| (k, Money::from_ore(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prioritisation::selection::Candidate;

    fn candidate(id: &str, value: f64, costs: &[(i32, i64, i64)]) -> Candidate {
        let mut cost = BTreeMap::new();
        for &(year, dev, man) in costs {
            cost.insert(FrameKind::Development.frame_name(year), Money::from_kronor(dev));
            cost.insert(FrameKind::Management.frame_name(year), Money::from_kronor(man));
        }
        Candidate { id: id.into(), value, cost, mandatory: false, excluded: false, requires: vec![], excludes: vec![] }
    }

    fn facts(id: Id, state: InitiativeState) -> ItemFacts {
        ItemFacts {
            kind: ValuedKind::Initiative,
            id,
            reference: format!("INI-{id}"),
            name: format!("Initiativ {id}"),
            funding_model: Some(FundingModel::CostAllocation),
            state: Some(state),
            track: Some(Track::Shared),
            service_state: None,
            decision: None,
            in_sent_material: true,
        }
    }

    fn decided(year: i32, dev: i64, man: i64) -> DecidedFrame {
        DecidedFrame {
            id: 1,
            year,
            development: Money::from_kronor(dev),
            management: Money::from_kronor(man),
            decided_on: crate::time::day("2026-11-19"),
            reference: "KF § 12".into(),
            notes: String::new(),
        }
    }

    /// Frames 2027: 100 development, 50 management. 1 (value 0.9) costs 60/20, 2 (0.8) 40/20, 3 (0.7) 30/10,
    /// 4 (0.6) 200/0, 5 (0.5) is excluded, 6 (0.4) requires 4, 7 (0.05) excludes 1 and costs 0/1.
    fn input() -> BudgetInput {
        let mut candidates = vec![
            candidate("1", 0.9, &[(2027, 60, 20)]),
            candidate("2", 0.8, &[(2027, 40, 20)]),
            candidate("3", 0.7, &[(2027, 30, 10)]),
            candidate("4", 0.6, &[(2027, 200, 0)]),
            candidate("5", 0.5, &[(2027, 1, 1)]),
            candidate("6", 0.4, &[(2027, 0, 1)]),
            candidate("7", 0.05, &[(2027, 0, 1)]),
        ];
        candidates[4].excluded = true;
        candidates[5].requires = vec!["4".into()];
        candidates[6].excludes = vec!["1".into()];
        let frames = [
            (FrameKind::Development.frame_name(2027), Money::from_kronor(100)),
            (FrameKind::Management.frame_name(2027), Money::from_kronor(50)),
        ]
        .into_iter()
        .collect();
        BudgetInput {
            scenario_id: 1,
            scenario_name: "Huvudscenario".into(),
            set_id: 1,
            set_name: "Prioritering 2027".into(),
            period_start: 2027,
            period_end: 2027,
            problem: Problem { frames, candidates },
            items: (1..=7).map(|i| (i.to_string(), facts(i, InitiativeState::Prioritised))).collect(),
            decided: vec![],
            set_decision: None,
            material_decision: None,
            charges: HashMap::new(),
        }
    }

    #[test]
    fn the_lines_say_what_is_prioritised_and_why_the_rest_is_not() {
        let budget = input().solve(FrameBasis::Proposed).unwrap();
        let chosen: Vec<&str> = budget.lines.iter().filter(|l| l.chosen).map(|l| l.candidate.as_str()).collect();
        assert_eq!(chosen, ["1", "2"]);
        let reason = |id: &str| budget.lines.iter().find(|l| l.candidate == id).unwrap().reason.clone();
        assert_eq!(reason("1"), None);
        let development = Frame { year: 2027, kind: FrameKind::Development };
        assert_eq!(reason("3"), Some(NotChosen::BelowTheLine { frames: vec![development] }));
        assert_eq!(reason("4"), Some(NotChosen::DoesNotFit { frames: vec![development] }));
        let json = serde_json::to_value(NotChosen::DoesNotFit { frames: vec![development] }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"reason": "does_not_fit", "frames": [{"year": 2027, "kind": "development"}]})
        );
        assert_eq!(reason("5"), Some(NotChosen::Excluded));
        assert_eq!(reason("6"), Some(NotChosen::Requires { items: vec!["INI-4".into()] }));
        assert_eq!(reason("7"), Some(NotChosen::Excludes { items: vec!["INI-1".into()] }));
        // The totals are the sums of the lines, and equal what the solver counted.
        assert_eq!(budget.total_development, Money::from_kronor(100));
        assert_eq!(budget.total_management, Money::from_kronor(40));
        assert_eq!(budget.frames[0].cost, Money::from_kronor(100));
        assert_eq!(cost_by_frame(&budget.lines)["2027 management"], budget.frames[1].cost);
        assert!(!budget.no_longer_fits);
        // Every chosen, prioritised initiative may go into the budget material; nothing moves by itself.
        assert_eq!(budget.lifecycle.len(), 2);
        assert!(budget.lifecycle.iter().all(|s| s.to == InitiativeState::InBudgetMaterial));
    }

    #[test]
    fn decided_frames_below_the_proposal_show_the_gap_and_what_would_have_to_go() {
        let mut input = input();
        input.decided = vec![decided(2027, 70, 45), decided(2031, 1, 1)];
        for f in input.items.values_mut() {
            f.state = Some(InitiativeState::InBudgetMaterial);
        }
        let proposed = input.solve(FrameBasis::Proposed).unwrap();
        assert_eq!(proposed.basis, FrameBasis::Proposed);
        assert_eq!(proposed.decided_years, [2027], "a decided year outside the scenario is not used");
        assert!(proposed.no_longer_fits);
        assert_eq!(proposed.frames[0].gap, Money::from_kronor(30));
        assert_eq!(proposed.frames[0].decided, Some(Money::from_kronor(70)));
        assert_eq!(proposed.frames[1].gap, Money::ZERO);
        let dropped: Vec<&str> =
            proposed.lines.iter().filter(|l| l.dropped_by_decided).map(|l| l.candidate.as_str()).collect();
        assert_eq!(dropped, ["1"]);
        // Rerun within the decided frames: 1 (60) leaves no room for 2 or 3; 2 + 3 + 7 (70) is worth more.
        let rerun = input.solve(FrameBasis::Decided).unwrap();
        assert_eq!(rerun.basis, FrameBasis::Decided);
        let chosen: Vec<&str> = rerun.lines.iter().filter(|l| l.chosen).map(|l| l.candidate.as_str()).collect();
        assert_eq!(chosen, ["2", "3", "7"]);
        assert_eq!(rerun.frames[0].used, Money::from_kronor(70));
        assert_eq!(rerun.frames[0].proposed, Money::from_kronor(100));
        assert!(rerun.frames.iter().all(|f| f.cost <= f.used));
        // Only what is prioritised within the decided frames may move to "Ram beslutad".
        let steps: Vec<(Id, InitiativeState)> = rerun.lifecycle.iter().map(|s| (s.initiative_id, s.to)).collect();
        assert_eq!(steps, [2, 3, 7].map(|id| (id, InitiativeState::FrameDecided)));
        assert!(rerun.lines.iter().find(|l| l.candidate == "1").unwrap().dropped_by_decided);
    }

    #[test]
    fn without_decided_frames_the_decided_basis_falls_back_to_the_proposed_frames() {
        let budget = input().solve(FrameBasis::Decided).unwrap();
        assert_eq!(budget.basis, FrameBasis::Proposed);
        assert!(budget.decided_years.is_empty());
        assert!(budget.lines.iter().all(|l| !l.dropped_by_decided));
    }

    #[test]
    fn candidate_ids_name_initiatives_and_services() {
        assert_eq!(item_of("12"), Some((ValuedKind::Initiative, 12)));
        assert_eq!(item_of("initiative:12"), Some((ValuedKind::Initiative, 12)));
        assert_eq!(item_of("service:3"), Some((ValuedKind::Service, 3)));
        assert_eq!(item_of("benefit:3"), None);
        assert_eq!(item_of("x"), None);
        assert_eq!(Frame::parse("2027 management"), Some(Frame { year: 2027, kind: FrameKind::Management }));
        assert_eq!(Frame::parse("2027 management").map(Frame::name).as_deref(), Some("2027 management"));
        assert_eq!(Frame::parse("2027"), None);
        assert_eq!(Frame::parse("Utveckling 2027"), None);
    }

    #[test]
    fn items_of_equal_value_share_their_place_as_in_the_ranking() {
        let mut tied = input();
        // 3 and 4 tie (an unrounded weighted value, as scoring makes it: 0.7 both, by different sums).
        tied.problem.candidates[3].value = 0.1 * 7.0;
        tied.problem.candidates[2].value = 0.7;
        let budget = tied.solve(FrameBasis::Proposed).unwrap();
        let place = |id: &str| {
            let line = budget.lines.iter().find(|l| l.candidate == id).unwrap();
            (line.rank, line.tied, line.rank_text())
        };
        assert_eq!(place("2"), (2, false, "2".to_string()));
        assert_eq!(place("3"), (3, true, "=3".to_string()));
        assert_eq!(place("4"), (3, true, "=3".to_string()));
        assert_eq!(place("5"), (5, false, "5".to_string()), "the place after a tie is skipped, as in the ranking");
    }
}
