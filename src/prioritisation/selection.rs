//! Choosing the initiatives that give the most value within the budget frames: a 0–1 integer program solved to
//! proven optimality with HiGHS (through `good_lp`), compared with what ranking by value per krona would pick.
//!
//! maximise Σ vᵢ·xᵢ subject to, for every frame f: Σ costᵢ,f·xᵢ ≤ frame_f; xᵢ = 1 for mandatory items (legal
//! requirements), xᵢ = 0 for excluded ones; xₐ ≤ x_b when a requires b; xₐ + x_b ≤ 1 when they exclude each
//! other; xᵢ ∈ {0, 1}. Frames are named (e.g. `2026`, or `2026 utveckling` and `2026 förvaltning`). Amounts are
//! exact öre; the solver works in kronor and every answer is checked again in öre.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use good_lp::{
    Expression, ResolutionError, Solution, SolutionStatus, SolverModel, Variable, constraint, highs, variable,
    variables,
};
use serde::Serialize;

use super::branch_and_bound::{self, Answer, Program, Row};
use crate::domain::Id;
pub use crate::error::SelectionError;
use crate::money::Money;

/// One initiative that may be chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: String,
    /// Its value (the weighted score); non-negative.
    pub value: f64,
    /// Cost against each frame; missing frames cost nothing.
    pub cost: BTreeMap<String, Money>,
    /// Must be chosen (a legal requirement).
    pub mandatory: bool,
    /// Must not be chosen.
    pub excluded: bool,
    /// Can only be chosen together with these.
    pub requires: Vec<String>,
    /// Cannot be chosen together with these.
    pub excludes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub frames: BTreeMap<String, Money>,
    pub candidates: Vec<Candidate>,
}

/// A set of chosen initiatives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Selection {
    /// In the order of the candidates.
    pub chosen: Vec<String>,
    pub total_value: f64,
    /// Cost against each frame.
    pub cost: BTreeMap<String, Money>,
    /// What is left of each frame: the frame less the cost (never negative for a feasible selection).
    pub left: BTreeMap<String, Money>,
}

/// Which solver gave the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Solver {
    /// Samordna's own branch and bound (`branch_and_bound.rs`).
    BranchAndBound,
    /// HiGHS, for what the branch and bound gave up on or did not prove in time.
    Highs,
    /// No solver answered in time: the ranking-by-ratio start, unproven.
    Greedy,
}

/// How an answer was found: by which solver, how many nodes the branch and bound searched, in how long.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Proof {
    pub solver: Solver,
    /// Nodes of the branch and bound's search (whichever solver answered in the end).
    pub nodes: u64,
    /// Wall-clock seconds of the whole solve.
    pub seconds: f64,
    /// Threads the branch and bound searched on: 1, or 2 when its search took longer than
    /// [`branch_and_bound::SECOND_WORKER_AFTER`].
    pub workers: u32,
}

/// The optimum, the ranking-by-ratio pick, and what differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub optimal: Selection,
    /// True when the solver proved that no selection has more value.
    pub proven_optimal: bool,
    /// How the optimum was found and proven (for a details line).
    pub proof: Proof,
    pub greedy: Selection,
    pub only_in_optimal: Vec<String>,
    pub only_in_greedy: Vec<String>,
    pub value_gained: f64,
}

/// What a running selection has done so far, read from another thread (issue 29): the app and `samordna select`
/// show it when a solve takes more than a second.
#[derive(Debug)]
pub struct Progress {
    started: Instant,
    nodes: AtomicU64,
    frontier_points: AtomicU32,
}

/// A progress line's facts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Searching {
    /// Since the solve started.
    pub seconds: f64,
    /// Nodes the branch and bound has searched, over every solve so far (the optimum, then the frontier's points).
    pub nodes: u64,
    /// The frontier's points solved so far (after the optimum).
    pub frontier_points: u32,
}

impl Progress {
    pub fn new() -> Progress {
        Progress { started: Instant::now(), nodes: AtomicU64::new(0), frontier_points: AtomicU32::new(0) }
    }

    pub fn now(&self) -> Searching {
        Searching {
            seconds: self.started.elapsed().as_secs_f64(),
            nodes: self.nodes.load(Ordering::Relaxed),
            frontier_points: self.frontier_points.load(Ordering::Relaxed),
        }
    }
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new()
    }
}

/// The development or the management frame of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrameKind {
    Development,
    Management,
}

impl FrameKind {
    const ALL: [FrameKind; 2] = [FrameKind::Development, FrameKind::Management];

    /// The kind as a frame's name writes it (and as it is serialised).
    fn key(self) -> &'static str {
        match self {
            FrameKind::Development => "development",
            FrameKind::Management => "management",
        }
    }

    /// The frame's name in a selection problem (`2027 development`), as `assessment::selection_problem` names it.
    pub fn frame_name(self, year: i32) -> String {
        format!("{year} {}", self.key())
    }
}

/// One of a scenario's frames: the development or the management frame of a year (issue 30: the app, the IPC and
/// the UI carry frames as this, `{"year": 2027, "kind": "development"}`; only a selection problem names them, as
/// `samordna select FILE.json` lets any frame have any name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Frame {
    pub year: i32,
    pub kind: FrameKind,
}

impl Frame {
    /// Its name in a selection problem: `2027 development`.
    pub fn name(self) -> String {
        self.kind.frame_name(self.year)
    }

    /// The frame a selection problem's name stands for; `None` for a name of another form (a `select` input's).
    pub fn parse(name: &str) -> Option<Frame> {
        let (year, key) = name.split_once(' ')?;
        let kind = FrameKind::ALL.into_iter().find(|k| k.key() == key)?;
        Some(Frame { year: year.parse().ok()?, kind })
    }
}

/// The most candidates, and the most frames, one selection takes. A bound of this tool: a hundred times a city's
/// yearly portfolio, and low enough that no sum of costs within [`Money::LIMIT`] can overflow.
pub const MAX_ITEMS: usize = 10_000;

/// How long the solver may search before it returns its best selection unproven.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// How long the efficient frontier's points may take together (issue 29): shared out evenly over the points not
/// yet solved, so that time a point does not use goes to the next. Without it each of the 20 points had the whole
/// [`TIME_LIMIT`], and a scenario that is not proven quickly kept the app searching for twenty minutes. A point not
/// proven in its share is the best selection found, marked unproven, as the chart's note says.
pub const FRONTIER_TIME_LIMIT: Duration = Duration::from_secs(60);

impl Problem {
    fn check(&self) -> Result<HashMap<&str, usize>, SelectionError> {
        for count in [self.candidates.len(), self.frames.len()] {
            if count > MAX_ITEMS {
                return Err(SelectionError::TooMany { count, limit: MAX_ITEMS });
            }
        }
        if let Some(c) = self.candidates.iter().find(|c| !c.value.is_finite()) {
            return Err(SelectionError::NotFinite { candidate: c.id.clone() });
        }
        for (name, frame) in &self.frames {
            if frame.is_negative() {
                return Err(SelectionError::NegativeFrame { frame: name.clone() });
            }
        }
        let mut index = HashMap::new();
        for (i, c) in self.candidates.iter().enumerate() {
            if index.insert(c.id.as_str(), i).is_some() {
                return Err(SelectionError::DuplicateId { candidate: c.id.clone() });
            }
            if !(c.value.is_finite() && c.value >= 0.0) || c.cost.values().any(|m| m.is_negative()) {
                return Err(SelectionError::Negative { candidate: c.id.clone() });
            }
            if c.mandatory && c.excluded {
                return Err(SelectionError::MandatoryAndExcluded { candidate: c.id.clone() });
            }
            if let Some(frame) = c.cost.keys().find(|f| !self.frames.contains_key(*f)) {
                return Err(SelectionError::UnknownFrame { candidate: c.id.clone(), frame: frame.clone() });
            }
        }
        for c in &self.candidates {
            for (field, list) in [("requires", &c.requires), ("excludes", &c.excludes)] {
                if let Some(other) = list.iter().find(|o| !index.contains_key(o.as_str())) {
                    return Err(SelectionError::UnknownReference {
                        candidate: c.id.clone(),
                        field,
                        other: other.clone(),
                    });
                }
            }
        }
        Ok(index)
    }

    /// Mandatory items and everything they require, transitively.
    fn forced(&self, index: &HashMap<&str, usize>) -> BTreeSet<usize> {
        let mut forced = BTreeSet::new();
        let mut stack: Vec<usize> = (0..self.candidates.len()).filter(|&i| self.candidates[i].mandatory).collect();
        while let Some(i) = stack.pop() {
            if forced.insert(i) {
                stack.extend(self.candidates[i].requires.iter().map(|r| index[r.as_str()]));
            }
        }
        forced
    }

    /// Explains an infeasibility that the mandatory items alone cause.
    fn explain_infeasible(&self, index: &HashMap<&str, usize>) -> SelectionError {
        let forced = self.forced(index);
        for &i in &forced {
            let c = &self.candidates[i];
            if c.excluded {
                let by = self.candidates.iter().find(|m| m.mandatory && m.requires.contains(&c.id));
                return SelectionError::MandatoryNeedsExcluded {
                    mandatory: by.map_or(c.id.clone(), |m| m.id.clone()),
                    excluded: c.id.clone(),
                };
            }
            for other in &c.excludes {
                if forced.contains(&index[other.as_str()]) {
                    return SelectionError::MandatoryConflict { first: c.id.clone(), second: other.clone() };
                }
            }
        }
        for (frame, limit) in &self.frames {
            let cost = sum(forced.iter().map(|&i| self.candidates[i].cost.get(frame).copied().unwrap_or_default()));
            if cost > *limit {
                let items = forced.iter().map(|&i| self.candidates[i].id.as_str()).collect::<Vec<_>>().join(", ");
                return SelectionError::MandatoryOverFrame { items, frame: frame.clone(), cost, limit: *limit };
            }
        }
        SelectionError::Infeasible
    }

    fn selection(&self, chosen: &[usize]) -> Selection {
        let mut cost: BTreeMap<String, Money> = self.frames.keys().map(|f| (f.clone(), Money::ZERO)).collect();
        for &i in chosen {
            for (frame, amount) in &self.candidates[i].cost {
                let total = cost.entry(frame.clone()).or_default();
                *total = Money::from_ore(total.ore() + amount.ore());
            }
        }
        let left = self
            .frames
            .iter()
            .map(|(frame, limit)| (frame.clone(), Money::from_ore(limit.ore() - cost[frame].ore())))
            .collect();
        Selection {
            chosen: chosen.iter().map(|&i| self.candidates[i].id.clone()).collect(),
            total_value: chosen.iter().map(|&i| self.candidates[i].value).sum(),
            cost,
            left,
        }
    }

    /// Whether `chosen` keeps every frame and rule, checked exactly in öre.
    pub fn is_feasible(&self, chosen: &[usize]) -> bool {
        let set: BTreeSet<usize> = chosen.iter().copied().collect();
        let ids: BTreeSet<&str> = set.iter().map(|&i| self.candidates[i].id.as_str()).collect();
        let rules = self.candidates.iter().enumerate().all(|(i, c)| {
            let picked = set.contains(&i);
            if picked {
                !c.excluded
                    && c.requires.iter().all(|r| ids.contains(r.as_str()))
                    && c.excludes.iter().all(|e| !ids.contains(e.as_str()))
            } else {
                !c.mandatory
            }
        });
        rules
            && self
                .selection(chosen)
                .cost
                .iter()
                .all(|(frame, cost)| self.frames.get(frame).is_some_and(|limit| cost <= limit))
    }

    /// The selection with the most value, proven optimal unless the time limit is reached (then the flag is false).
    pub fn solve(&self) -> Result<(Selection, bool), SelectionError> {
        self.solve_within(TIME_LIMIT)
    }

    pub fn solve_within(&self, time_limit: Duration) -> Result<(Selection, bool), SelectionError> {
        self.solve_proved(time_limit).map(|(selection, proven, _)| (selection, proven))
    }

    /// [`Problem::solve_within`], and how the answer was found.
    pub fn solve_proved(&self, time_limit: Duration) -> Result<(Selection, bool, Proof), SelectionError> {
        self.solve_observed(time_limit, &Progress::new())
    }

    /// [`Problem::solve_proved`], counting the nodes searched in `progress` as it goes.
    pub fn solve_observed(
        &self,
        time_limit: Duration,
        progress: &Progress,
    ) -> Result<(Selection, bool, Proof), SelectionError> {
        let index = self.check()?;
        let started = Instant::now();
        let program = self.program(&index);
        let incumbent = self.greedy().ok().map(|greedy| {
            let chosen: BTreeSet<&str> = greedy.chosen.iter().map(String::as_str).collect();
            self.candidates.iter().map(|c| chosen.contains(c.id.as_str())).collect::<Vec<bool>>()
        });
        // The branch and bound proves the optimum faster than HiGHS and CBC, from 20 candidates to 500 over five
        // years (docs/benchmarks.md), and is given the whole time limit for it: HiGHS, started from nothing for
        // what was left of the minute after 45 s (issue 18), never proved what the branch and bound had not (on the
        // hardest problem HiGHS alone takes 44 s). What it leaves (a program too large for its tableau, arithmetic
        // it cannot trust), HiGHS takes over for the time left, and the better of their answers counts.
        let (answer, statistics) = branch_and_bound::solve_counted(
            &program,
            incumbent.as_deref(),
            Some(started + time_limit),
            &progress.nodes,
        );
        let time_left = || time_limit.saturating_sub(started.elapsed());
        let (selection, proven, solver) =
            self.settle(&index, answer, incumbent.as_deref(), time_left, &mut |remaining| {
                self.highs_within(&index, remaining)
            })?;
        let proof = Proof {
            solver,
            nodes: statistics.nodes,
            seconds: started.elapsed().as_secs_f64(),
            workers: statistics.workers.max(1),
        };
        Ok((selection, proven, proof))
    }

    /// One answer from the branch and bound's and, where it has none or no proof, HiGHS's (`highs`, given the time
    /// left), so that no answer is lost (issue 29): a proven optimum first; else the better of the selections any of
    /// them found, marked unproven, also when HiGHS fails after the branch and bound (or the greedy start) found
    /// one; "infeasible" only when a second method agrees (HiGHS, or the forced items alone); and every selection
    /// handed out is checked in öre against every frame and rule first.
    fn settle(
        &self,
        index: &HashMap<&str, usize>,
        answer: Answer,
        incumbent: Option<&[bool]>,
        time_left: impl Fn() -> Duration,
        highs: &mut dyn FnMut(Duration) -> Result<(Selection, bool), SelectionError>,
    ) -> Result<(Selection, bool, Solver), SelectionError> {
        let checked = |chosen: &[bool]| -> Option<Selection> {
            let chosen: Vec<usize> = (0..self.candidates.len()).filter(|&i| chosen.get(i) == Some(&true)).collect();
            self.is_feasible(&chosen).then(|| self.selection(&chosen))
        };
        let ours = |chosen: &[bool]| checked(chosen).map(|s| (s, Solver::BranchAndBound));
        let start = || incumbent.and_then(checked).map(|s| (s, Solver::Greedy));
        let better = |a: (Selection, Solver), b: Option<(Selection, Solver)>| match b {
            Some(b) if b.0.total_value > a.0.total_value => b,
            _ => a,
        };
        match answer {
            Answer::Optimal(chosen) => match ours(&chosen) {
                Some((optimum, solver)) => Ok((optimum, true, solver)),
                // An answer that breaks a frame or rule in öre is never handed out: HiGHS answers instead, and what
                // the greedy start found stands if HiGHS cannot.
                None => self.second_opinion(highs(time_left()), start()),
            },
            Answer::Unproven(chosen) => {
                let found = ours(&chosen).map(|f| better(f, start()));
                if time_left().is_zero()
                    && let Some((found, solver)) = found
                {
                    return Ok((found, false, solver));
                }
                self.second_opinion(highs(time_left()), found)
            }
            Answer::GaveUp => self.second_opinion(highs(time_left()), start()),
            // Confirmed by the forced items alone (they break a frame or a rule), else by HiGHS; a selection HiGHS
            // finds that the branch and bound missed is checked, and counts.
            Answer::Infeasible => match self.explain_infeasible(index) {
                SelectionError::Infeasible => highs(time_left()).map(|(s, proven)| (s, proven, Solver::Highs)),
                confirmed => Err(confirmed),
            },
        }
    }

    /// HiGHS's answer against a selection found before (`found`): a proven optimum counts; else the better of the
    /// two, unproven; when HiGHS fails, what was found, unproven; the error only when nothing was found.
    fn second_opinion(
        &self,
        highs: Result<(Selection, bool), SelectionError>,
        found: Option<(Selection, Solver)>,
    ) -> Result<(Selection, bool, Solver), SelectionError> {
        match (highs, found) {
            (Ok((optimum, true)), _) => Ok((optimum, true, Solver::Highs)),
            (Ok((theirs, false)), Some((ours, solver))) if ours.total_value > theirs.total_value => {
                Ok((ours, false, solver))
            }
            (Ok((theirs, false)), _) => Ok((theirs, false, Solver::Highs)),
            (Err(error), _) if error.is_infeasibility() => Err(error),
            (Err(_), Some((ours, solver))) => Ok((ours, false, solver)),
            (Err(error), None) => Err(error),
        }
    }

    /// The 0–1 program the branch and bound solves, for benchmarks and tests that look inside the search.
    pub fn as_program(&self) -> Result<Program, SelectionError> {
        let index = self.check()?;
        Ok(self.program(&index))
    }

    /// The 0–1 program in exact integers: a row per frame (öre), per "requires" (xₐ − x_b ≤ 0) and per pair that
    /// excludes each other (xₐ + x_b ≤ 1, once per pair); mandatory and excluded items fixed.
    fn program(&self, index: &HashMap<&str, usize>) -> Program {
        let mut rows: Vec<Row> = self
            .frames
            .iter()
            .map(|(frame, limit)| Row {
                entries: self
                    .candidates
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| c.cost.get(frame).map(|m| (i, m.ore())))
                    .filter(|(_, ore)| *ore != 0)
                    .collect(),
                limit: limit.ore(),
            })
            .collect();
        let mut pairs = BTreeSet::new();
        for (a, c) in self.candidates.iter().enumerate() {
            for r in &c.requires {
                rows.push(Row { entries: vec![(a, 1), (index[r.as_str()], -1)], limit: 0 });
            }
            for e in &c.excludes {
                let b = index[e.as_str()];
                if a != b && pairs.insert((a.min(b), a.max(b))) {
                    rows.push(Row { entries: vec![(a, 1), (b, 1)], limit: 1 });
                }
            }
        }
        Program {
            values: self.candidates.iter().map(|c| c.value).collect(),
            rows,
            fixed: self
                .candidates
                .iter()
                .map(|c| {
                    if c.mandatory {
                        Some(true)
                    } else if c.excluded {
                        Some(false)
                    } else {
                        None
                    }
                })
                .collect(),
        }
    }

    /// The same problem solved by HiGHS, the general MIP solver [`Problem::solve_within`] falls back to; public so
    /// that tests and benchmarks can hold the two against each other.
    pub fn solve_with_highs(&self, time_limit: Duration) -> Result<(Selection, bool), SelectionError> {
        let index = self.check()?;
        self.highs_within(&index, time_limit)
    }

    /// HiGHS, for what the branch and bound leaves: a program too large for its dense tableau, or arithmetic it
    /// could not trust.
    fn highs_within(
        &self,
        index: &HashMap<&str, usize>,
        time_limit: Duration,
    ) -> Result<(Selection, bool), SelectionError> {
        let n = self.candidates.len();
        let mut vars = variables!();
        let x: Vec<Variable> = (0..n).map(|_| vars.add(variable().binary())).collect();
        let objective: Expression = self.candidates.iter().zip(&x).map(|(c, x)| c.value * *x).sum();
        let mut model = vars.maximise(objective).using(highs);
        model.set_verbose(false);
        let model = model
            .set_mip_rel_gap(0.0)
            .and_then(|m| m.set_mip_abs_gap(1e-9))
            .map_err(|e| SelectionError::Solver { detail: e.to_string() })?;
        let mut model = model.set_time_limit(time_limit.as_secs_f64()).set_threads(1);
        for (frame, limit) in &self.frames {
            let used: Expression = self
                .candidates
                .iter()
                .zip(&x)
                .filter_map(|(c, x)| c.cost.get(frame).map(|m| m.kronor_f64() * *x))
                .sum();
            model = model.with(constraint!(used <= limit.kronor_f64()));
        }
        for (i, c) in self.candidates.iter().enumerate() {
            if c.mandatory {
                model = model.with(constraint!(x[i] == 1));
            }
            if c.excluded {
                model = model.with(constraint!(x[i] == 0));
            }
            for r in &c.requires {
                model = model.with(constraint!(x[i] <= x[index[r.as_str()]]));
            }
            for e in &c.excludes {
                model = model.with(constraint!(x[i] + x[index[e.as_str()]] <= 1));
            }
        }
        let solution = match model.solve() {
            Ok(solution) => solution,
            Err(ResolutionError::Infeasible) => return Err(self.explain_infeasible(index)),
            Err(e) => return Err(SelectionError::Solver { detail: e.to_string() }),
        };
        // With a relative gap of 0 and an absolute gap of 1e-9, HiGHS reports "optimal" only when no selection is
        // worth more than 1e-9 above this one. good_lp calls that `GapLimit` when the remaining gap is above 0 but
        // within those tolerances (a problem with items of no cost showed it), so both are proven optima.
        let proven = matches!(solution.status(), SolutionStatus::Optimal | SolutionStatus::GapLimit);
        let chosen: Vec<usize> = (0..n).filter(|&i| solution.value(x[i]) > 0.5).collect();
        if !self.is_feasible(&chosen) {
            // The solver's tolerance let a frame be exceeded by less than its precision; never hand that out.
            return Err(SelectionError::Solver {
                detail: "the solver's answer breaks a frame when checked in öre".into(),
            });
        }
        Ok((self.selection(&chosen), proven))
    }

    /// What ranking by value per krona would pick: mandatory items (and what they require) first, then the rest
    /// by value divided by total cost, highest first, each taken if it still fits every frame and rule.
    /// Items without cost come first among the rest.
    pub fn greedy(&self) -> Result<Selection, SelectionError> {
        let index = self.check()?;
        let forced = self.forced(&index);
        let mut chosen: Vec<usize> = forced.iter().copied().collect();
        if !self.is_feasible_partial(&chosen) {
            return Err(self.explain_infeasible(&index));
        }
        let ratio = |c: &Candidate| {
            let cost: i64 = c.cost.values().map(|m| m.ore()).sum();
            if cost == 0 { f64::INFINITY } else { c.value / cost as f64 }
        };
        let mut rest: Vec<usize> = (0..self.candidates.len()).filter(|i| !forced.contains(i)).collect();
        rest.sort_by(|&a, &b| ratio(&self.candidates[b]).total_cmp(&ratio(&self.candidates[a])).then(a.cmp(&b)));
        for i in rest {
            let c = &self.candidates[i];
            if c.excluded {
                continue;
            }
            let mut trial = chosen.clone();
            trial.push(i);
            if c.requires.iter().all(|r| chosen.contains(&index[r.as_str()])) && self.is_feasible_partial(&trial) {
                chosen = trial;
            }
        }
        chosen.sort_unstable();
        Ok(self.selection(&chosen))
    }

    /// Frames and exclusions hold (mandatory items still to come do not count against a partial selection).
    fn is_feasible_partial(&self, chosen: &[usize]) -> bool {
        let ids: BTreeSet<&str> = chosen.iter().map(|&i| self.candidates[i].id.as_str()).collect();
        chosen.iter().all(|&i| {
            let c = &self.candidates[i];
            !c.excluded && c.excludes.iter().all(|e| !ids.contains(e.as_str()))
        }) && self.selection(chosen).cost.iter().all(|(f, cost)| self.frames.get(f).is_some_and(|l| cost <= l))
    }

    /// The optimum next to the greedy pick.
    pub fn compare(&self) -> Result<Comparison, SelectionError> {
        self.compare_observed(&Progress::new())
    }

    /// [`Problem::compare`], counting in `progress`.
    pub fn compare_observed(&self, progress: &Progress) -> Result<Comparison, SelectionError> {
        let (optimal, proven_optimal, proof) = self.solve_observed(TIME_LIMIT, progress)?;
        let greedy = self.greedy()?;
        let only =
            |a: &Selection, b: &Selection| a.chosen.iter().filter(|id| !b.chosen.contains(id)).cloned().collect();
        Ok(Comparison {
            only_in_optimal: only(&optimal, &greedy),
            only_in_greedy: only(&greedy, &optimal),
            value_gained: optimal.total_value - greedy.total_value,
            optimal,
            proven_optimal,
            proof,
            greedy,
        })
    }

    /// The efficient frontier: the best value when every frame is scaled by each factor (e.g. 0.5 = half the
    /// budget). Factors where even the mandatory items do not fit are left out.
    pub fn frontier(&self, factors: &[f64]) -> Result<Vec<FrontierPoint>, SelectionError> {
        self.frontier_observed(factors, &Progress::new())
    }

    /// [`Problem::frontier`], counting the nodes and the points solved in `progress`.
    pub fn frontier_observed(
        &self,
        factors: &[f64],
        progress: &Progress,
    ) -> Result<Vec<FrontierPoint>, SelectionError> {
        self.frontier_within(factors, FRONTIER_TIME_LIMIT, progress)
    }

    /// [`Problem::frontier_observed`] with every point solved within `time_limit` together: each point has what is
    /// left of it divided by the points left.
    pub fn frontier_within(
        &self,
        factors: &[f64],
        time_limit: Duration,
        progress: &Progress,
    ) -> Result<Vec<FrontierPoint>, SelectionError> {
        self.check()?;
        let started = Instant::now();
        let mut points = Vec::new();
        for (solved_before, &factor) in factors.iter().enumerate() {
            let points_left = u32::try_from(factors.len() - solved_before).unwrap_or(u32::MAX);
            let share = time_limit.saturating_sub(started.elapsed()) / points_left;
            let scaled = Problem {
                frames: self
                    .frames
                    .iter()
                    .map(|(f, m)| (f.clone(), Money::from_ore((m.ore() as f64 * factor).floor() as i64)))
                    .collect(),
                candidates: self.candidates.clone(),
            };
            let solved = scaled.solve_observed(share, progress);
            progress.frontier_points.fetch_add(1, Ordering::Relaxed);
            match solved.map(|(selection, proven, _)| (selection, proven)) {
                Ok((selection, proven)) => points.push(FrontierPoint {
                    factor,
                    budget: sum(scaled.frames.values().copied()),
                    cost: sum(selection.cost.values().copied()),
                    value: selection.total_value,
                    chosen: selection.chosen.len(),
                    proven_optimal: proven,
                }),
                Err(e @ SelectionError::Solver { .. }) => return Err(e),
                Err(_) => {}
            }
        }
        Ok(points)
    }
}

/// A scenario's selection problem as loaded from a portfolio (`Reader::selection_problem`): plain data, solved
/// without the portfolio, so that the app can release its portfolio lock for the seconds HiGHS may take.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioProblem {
    pub scenario_id: Id,
    pub problem: Problem,
    /// The customers (organisations' names) of each shared service among the candidates, by candidate id: who is
    /// affected when the service is not prioritised.
    pub service_customers: BTreeMap<String, Vec<String>>,
}

/// The outcome of a selection scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelectionResult {
    pub scenario_id: Id,
    /// Candidate ids are the items' texts, `initiative:12` or `service:3`.
    pub comparison: Comparison,
    /// The shared services the optimum leaves out, with their customers: for a service, "not prioritised" is a
    /// proposal to reduce or phase it out, and these are the organisations it affects.
    pub services_left_out: Vec<ServiceLeftOut>,
    /// The best value when every frame is scaled by 10 %, 20 %, … 200 %.
    pub frontier: Vec<FrontierPoint>,
    /// The seconds the frontier's points had together ([`FRONTIER_TIME_LIMIT`]), for the note on points not proven.
    pub frontier_seconds: u64,
    /// Each frame of the scenario, year by year (development, then management): what the optimum uses of it, its
    /// limit and what is left (issue 30: the UI reads the frames as `{year, kind}`, never from their names).
    pub usage: Vec<FrameUse>,
}

/// What the optimum uses of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FrameUse {
    pub frame: Frame,
    pub used: Money,
    pub limit: Money,
    pub left: Money,
}

impl ScenarioProblem {
    /// The best selection next to the ranking-by-ratio pick, and the efficient frontier.
    pub fn solve(&self) -> Result<SelectionResult, SelectionError> {
        self.solve_observed(&Progress::new())
    }

    /// [`ScenarioProblem::solve`], counting in `progress` (the optimum, then the frontier's 20 points).
    pub fn solve_observed(&self, progress: &Progress) -> Result<SelectionResult, SelectionError> {
        let comparison = self.problem.compare_observed(progress)?;
        let factors: Vec<f64> = (1..=20).map(|k| f64::from(k) * 0.1).collect();
        let frontier = self.problem.frontier_observed(&factors, progress)?;
        let services_left_out = self
            .service_customers
            .iter()
            .filter(|(id, _)| !comparison.optimal.chosen.contains(id))
            .map(|(id, customers)| ServiceLeftOut { item: id.clone(), customers: customers.clone() })
            .collect();
        let mut usage: Vec<FrameUse> = self
            .problem
            .frames
            .iter()
            .filter_map(|(name, &limit)| {
                let frame = Frame::parse(name)?;
                let used = comparison.optimal.cost.get(name).copied().unwrap_or_default();
                let left = comparison.optimal.left.get(name).copied().unwrap_or(limit);
                Some(FrameUse { frame, used, limit, left })
            })
            .collect();
        usage.sort_by_key(|u| u.frame);
        Ok(SelectionResult {
            scenario_id: self.scenario_id,
            comparison,
            services_left_out,
            frontier,
            frontier_seconds: FRONTIER_TIME_LIMIT.as_secs(),
            usage,
        })
    }
}

/// A shared service the selection does not prioritise, and the customers that a reduction or phase-out affects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceLeftOut {
    pub item: String,
    pub customers: Vec<String>,
}

/// One point of the efficient frontier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrontierPoint {
    pub factor: f64,
    /// The sum of the scaled frames.
    pub budget: Money,
    /// What the best selection costs in total.
    pub cost: Money,
    pub value: f64,
    pub chosen: usize,
    pub proven_optimal: bool,
}

fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    Money::from_ore(amounts.map(|m| m.ore()).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn candidate(id: &str, value: f64, costs: &[(&str, i64)]) -> Candidate {
        Candidate {
            id: id.into(),
            value,
            cost: costs.iter().map(|(f, kr)| (f.to_string(), Money::from_kronor(*kr))).collect(),
            mandatory: false,
            excluded: false,
            requires: vec![],
            excludes: vec![],
        }
    }

    fn frames(list: &[(&str, i64)]) -> BTreeMap<String, Money> {
        list.iter().map(|(f, kr)| (f.to_string(), Money::from_kronor(*kr))).collect()
    }

    /// The problem of `the_optimum_beats_the_ratio_pick…`: A alone (greedy) or B and C (the optimum).
    fn blocked() -> Problem {
        Problem {
            frames: frames(&[("2026", 100)]),
            candidates: vec![
                candidate("A", 0.6, &[("2026", 51)]),
                candidate("B", 0.5, &[("2026", 50)]),
                candidate("C", 0.5, &[("2026", 50)]),
            ],
        }
    }

    /// What `settle` makes of the branch and bound's `answer`, with the greedy start `incumbent`, when HiGHS answers
    /// `highs` (counted: how often it was asked).
    fn settled(
        problem: &Problem,
        answer: Answer,
        incumbent: Option<&[bool]>,
        highs: Result<(Selection, bool), SelectionError>,
    ) -> (Result<(Selection, bool, Solver), SelectionError>, usize) {
        let index = problem.check().unwrap();
        let mut asked = 0;
        let result = problem.settle(&index, answer, incumbent, || Duration::from_secs(1), &mut |_| {
            asked += 1;
            highs.clone()
        });
        (result, asked)
    }

    #[test]
    fn no_answer_is_lost_when_a_solver_gives_up_fails_or_answers_wrongly() {
        let problem = blocked();
        let greedy = [true, false, false];
        let optimum = [false, true, true];
        let failed = || Err(SelectionError::Solver { detail: "HiGHS failed".into() });
        fn chosen(result: &Result<(Selection, bool, Solver), SelectionError>) -> Option<(Vec<String>, bool)> {
            result.as_ref().ok().map(|(s, p, _)| (s.chosen.clone(), *p))
        }
        let solver = |r: &Result<(Selection, bool, Solver), SelectionError>| r.as_ref().ok().map(|(_, _, s)| *s);
        // A proof stands without asking HiGHS.
        let (result, asked) = settled(&problem, Answer::Optimal(optimum.to_vec()), Some(&greedy), failed());
        assert_eq!((chosen(&result).unwrap(), asked), ((vec!["B".to_string(), "C".to_string()], true), 0));
        assert_eq!(solver(&result), Some(Solver::BranchAndBound));
        // No proof in time, and HiGHS fails: the branch and bound's selection, unproven (it was returned as an
        // error before).
        let (result, asked) = settled(&problem, Answer::Unproven(optimum.to_vec()), Some(&greedy), failed());
        assert_eq!((chosen(&result).unwrap(), asked), ((vec!["B".to_string(), "C".to_string()], false), 1));
        assert_eq!(solver(&result), Some(Solver::BranchAndBound));
        // The branch and bound gave up, and HiGHS fails: the greedy start, unproven.
        let (result, _) = settled(&problem, Answer::GaveUp, Some(&greedy), failed());
        assert_eq!(chosen(&result).unwrap(), (vec!["A".to_string()], false));
        assert_eq!(solver(&result), Some(Solver::Greedy));
        // Nothing found by anyone: HiGHS's error.
        let (result, _) = settled(&problem, Answer::GaveUp, None, failed());
        assert!(matches!(result, Err(SelectionError::Solver { .. })));
        // HiGHS proves an optimum after an unproven answer: the proof counts.
        let proven = Ok((problem.selection(&[1, 2]), true));
        let (result, _) = settled(&problem, Answer::Unproven(greedy.to_vec()), None, proven);
        assert_eq!(chosen(&result).unwrap(), (vec!["B".to_string(), "C".to_string()], true));
        assert_eq!(solver(&result), Some(Solver::Highs));
        // HiGHS without proof and worse than what the branch and bound found: the better one, unproven.
        let worse = Ok((problem.selection(&[0]), false));
        let (result, _) = settled(&problem, Answer::Unproven(optimum.to_vec()), None, worse);
        assert_eq!(chosen(&result).unwrap(), (vec!["B".to_string(), "C".to_string()], false));
        // An "optimum" that breaks the frame in öre is never handed out: HiGHS answers instead, else the greedy start.
        let (result, asked) = settled(&problem, Answer::Optimal(vec![true, true, true]), Some(&greedy), failed());
        assert_eq!((chosen(&result).unwrap(), asked), ((vec!["A".to_string()], false), 1));
        // "Infeasible" from the branch and bound for a problem that has selections: HiGHS's second opinion counts.
        let found = Ok((problem.selection(&[1, 2]), true));
        let (result, asked) = settled(&problem, Answer::Infeasible, None, found);
        assert_eq!((chosen(&result).unwrap(), asked), ((vec!["B".to_string(), "C".to_string()], true), 1));
    }

    #[test]
    fn infeasible_is_confirmed_by_the_forced_items_alone_or_by_highs() {
        // Mandatory items over the frame: confirmed without HiGHS.
        let mut problem = blocked();
        problem.candidates[0].mandatory = true;
        problem.candidates[1].mandatory = true;
        problem.candidates[2].mandatory = true;
        let (result, asked) = settled(&problem, Answer::Infeasible, None, Ok((problem.selection(&[]), true)));
        assert!(matches!(result, Err(SelectionError::MandatoryOverFrame { .. })), "{result:?}");
        assert_eq!(asked, 0);
        // The forced items alone fit (then nothing but them is a selection, so the branch and bound's "infeasible"
        // is doubtful): HiGHS is asked, and only its agreement makes the answer.
        let problem = blocked();
        let (result, asked) = settled(&problem, Answer::Infeasible, None, Err(SelectionError::Infeasible));
        assert!(matches!(result, Err(SelectionError::Infeasible)), "{result:?}");
        assert_eq!(asked, 1);
    }

    #[test]
    fn the_optimum_beats_the_ratio_pick_where_ratio_is_misleading() {
        // A has the best ratio but blocks the two that together are worth more.
        let problem = Problem {
            frames: frames(&[("2026", 100)]),
            candidates: vec![
                candidate("A", 0.6, &[("2026", 51)]),
                candidate("B", 0.5, &[("2026", 50)]),
                candidate("C", 0.5, &[("2026", 50)]),
            ],
        };
        let comparison = problem.compare().unwrap();
        assert_eq!(comparison.optimal.chosen, ["B", "C"]);
        assert!(comparison.proven_optimal);
        assert_eq!(comparison.greedy.chosen, ["A"]);
        assert_eq!(comparison.only_in_optimal, ["B", "C"]);
        assert!((comparison.value_gained - 0.4).abs() < 1e-12);
        assert_eq!(comparison.optimal.cost["2026"], Money::from_kronor(100));
        assert_eq!(comparison.optimal.left["2026"], Money::ZERO);
        assert_eq!(comparison.greedy.left["2026"], Money::from_kronor(49));
    }

    #[test]
    fn rules_are_kept() {
        let mut a = candidate("A", 0.9, &[("2026", 10)]);
        a.requires = vec!["B".into()];
        let b = candidate("B", 0.1, &[("2026", 10)]);
        let mut c = candidate("C", 0.8, &[("2026", 10)]);
        c.excludes = vec!["A".into()];
        let mut d = candidate("D", 0.0, &[("2026", 5)]);
        d.mandatory = true;
        let mut e = candidate("E", 1.0, &[]);
        e.excluded = true;
        let problem = Problem { frames: frames(&[("2026", 30)]), candidates: vec![a, b, c, d, e] };
        let (selection, proven) = problem.solve().unwrap();
        assert!(proven);
        assert_eq!(selection.chosen, ["A", "B", "D"]);
        let greedy = problem.greedy().unwrap();
        assert!(greedy.chosen.contains(&"D".to_string()));
        assert!(!greedy.chosen.contains(&"E".to_string()));
    }

    #[test]
    fn infeasible_mandatory_items_say_why() {
        let mut a = candidate("SLK-1", 0.5, &[("2026", 80)]);
        a.mandatory = true;
        let mut b = candidate("SLK-2", 0.5, &[("2026", 40)]);
        b.mandatory = true;
        let problem = Problem { frames: frames(&[("2026", 100), ("2027", 100)]), candidates: vec![a, b] };
        let error = problem.solve().unwrap_err();
        assert_eq!(
            error.to_string(),
            "infeasible: the mandatory items (SLK-1, SLK-2) cost 120,00\u{a0}kr against '2026', but the frame is \
             100,00\u{a0}kr"
        );
    }

    #[test]
    fn bad_problems_are_refused() {
        let mut a = candidate("A", 0.5, &[("2030", 1)]);
        let problem = Problem { frames: frames(&[("2026", 1)]), candidates: vec![a.clone()] };
        assert!(matches!(problem.solve(), Err(SelectionError::UnknownFrame { .. })));
        a.cost.clear();
        a.requires = vec!["X".into()];
        let problem = Problem { frames: frames(&[("2026", 1)]), candidates: vec![a] };
        assert!(matches!(problem.solve(), Err(SelectionError::UnknownReference { .. })));
    }

    /// Every subset, for small problems.
    fn brute_force(problem: &Problem) -> Option<f64> {
        let n = problem.candidates.len();
        (0u32..(1 << n))
            .map(|mask| (0..n).filter(|i| mask & (1 << i) != 0).collect::<Vec<_>>())
            .filter(|chosen| problem.is_feasible(chosen))
            .map(|chosen| chosen.iter().map(|&i| problem.candidates[i].value).sum::<f64>())
            .max_by(f64::total_cmp)
    }

    fn small_problem() -> impl Strategy<Value = Problem> {
        (1usize..=10, 1usize..=3).prop_flat_map(|(n, years)| {
            let candidate = (
                0.0f64..1.0,
                proptest::collection::vec(0i64..60, years),
                proptest::bool::weighted(0.1),
                proptest::bool::weighted(0.1),
                proptest::option::weighted(0.2, 0usize..n),
                proptest::option::weighted(0.2, 0usize..n),
            );
            (proptest::collection::vec(candidate, n), proptest::collection::vec(20i64..200, years)).prop_map(
                move |(rows, limits)| {
                    let ids: Vec<String> = (0..rows.len()).map(|i| format!("I{i}")).collect();
                    let frame_names: Vec<String> = (0..limits.len()).map(|y| format!("{}", 2026 + y)).collect();
                    let candidates = rows
                        .into_iter()
                        .enumerate()
                        .map(|(i, (value, costs, mandatory, excluded, requires, excludes))| Candidate {
                            id: ids[i].clone(),
                            value,
                            cost: frame_names.iter().cloned().zip(costs.into_iter().map(Money::from_kronor)).collect(),
                            mandatory: mandatory && !excluded,
                            excluded,
                            requires: requires.filter(|&r| r != i).map(|r| ids[r].clone()).into_iter().collect(),
                            excludes: excludes.filter(|&e| e != i).map(|e| ids[e].clone()).into_iter().collect(),
                        })
                        .collect();
                    Problem {
                        frames: frame_names.into_iter().zip(limits.into_iter().map(Money::from_kronor)).collect(),
                        candidates,
                    }
                },
            )
        })
    }

    /// A case proptest found: HiGHS stops at "optimal" with a gap above 0 but within the tolerances (good_lp's
    /// `GapLimit`); the optimum is proven all the same.
    #[test]
    fn an_optimum_within_the_gap_tolerances_is_proven() {
        let item = |id: &str, value: f64, kronor: i64, requires: &[&str], excludes: &[&str]| Candidate {
            id: id.into(),
            value,
            cost: [("2026".to_string(), Money::from_kronor(kronor))].into_iter().collect(),
            mandatory: false,
            excluded: false,
            requires: requires.iter().map(|r| r.to_string()).collect(),
            excludes: excludes.iter().map(|e| e.to_string()).collect(),
        };
        let problem = Problem {
            frames: [("2026".to_string(), Money::from_kronor(10100))].into_iter().collect(),
            candidates: vec![
                item("I0", 0.7961933021031418, 0, &[], &[]),
                item("I1", 0.8391637693548523, 5100, &[], &[]),
                item("I2", 0.08109586517400076, 900, &["I7"], &[]),
                item("I3", 0.48407854922550386, 4000, &[], &[]),
                item("I4", 0.7387452855176906, 1500, &[], &[]),
                item("I5", 0.98341311537795, 1900, &[], &[]),
                item("I6", 0.0, 0, &[], &[]),
                item("I7", 0.6957365197772976, 1600, &[], &[]),
                item("I8", 0.17561067183457005, 1600, &[], &["I7"]),
            ],
        };
        let (selection, proven) = problem.solve().unwrap();
        assert!(proven);
        let best = brute_force(&problem).unwrap();
        assert!((selection.total_value - best).abs() < 1e-7, "{} vs {best}", selection.total_value);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// The solver's optimum equals the best of all subsets; the greedy pick is feasible and never better.
        #[test]
        fn the_optimum_matches_brute_force(problem in small_problem()) {
            match (problem.solve(), brute_force(&problem)) {
                (Ok((selection, proven)), Some(best)) => {
                    prop_assert!(proven);
                    prop_assert!((selection.total_value - best).abs() < 1e-7, "{} vs {}", selection.total_value, best);
                    if let Ok(greedy) = problem.greedy() {
                        prop_assert!(greedy.total_value <= best + 1e-9);
                        let index: Vec<usize> = greedy.chosen.iter().map(|id| problem.candidates.iter().position(|c| &c.id == id).unwrap()).collect();
                        prop_assert!(problem.is_feasible(&index) || problem.candidates.iter().any(|c| c.mandatory));
                    }
                }
                (Err(_), None) => {}
                (solved, best) => prop_assert!(false, "solver {:?} but brute force {:?}", solved.map(|s| s.0.total_value), best),
            }
        }
    }
}
