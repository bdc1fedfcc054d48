//! An exact solver for the selection's 0–1 program, made for its shape: a few budget frames (knapsack rows with
//! non-negative costs), a few "requires" and "excludes" pairs, and tens to hundreds of candidates.
//!
//! maximise Σ vⱼ·xⱼ subject to Σ aᵢⱼ·xⱼ ≤ bᵢ for every row, xⱼ ∈ {0, 1}, some xⱼ fixed.
//!
//! Branch and bound on the linear relaxation. Fixed variables are taken out of the program first. At the root,
//! extended cover inequalities of the frames that the relaxation breaks are added as rows, round after round; then a
//! search near the incumbent (the variables on which it and the relaxation agree fixed, a few thousand nodes for the
//! rest) looks for a better one, and with it the variables whose reduced cost shows they cannot move in a better
//! selection are fixed: when that is a tenth of them or more, the search starts again on the smaller program (new
//! cuts, a smaller tableau), up to [`RESTARTS`] times. The relaxation is solved by a bounded dual simplex on a dense
//! tableau (the rows are few), warm-started from the parent's optimal basis, so a child costs a few pivots, and it
//! stops as soon as its bound falls below the incumbent. The variable to branch on is the fractional one whose two
//! children lose the most bound (the product of the two), estimated from what branching on it cost before
//! (pseudocosts) and measured by a few pivots in each child (strong branching) until that is known [`RELIABLE`]
//! times (reliability branching). The open node with the highest bound is taken next (the child that takes the
//! variable first among equals); when the open nodes fill [`MEMORY`], the search goes depth first. A search of the
//! tree that takes longer than [`SECOND_WORKER_AFTER`] gets a second worker on another thread, diving, with the
//! open nodes and the incumbent shared (`Shared`). At every node:
//! variables whose reduced cost shows that flipping them cannot beat the incumbent are fixed (reduced-cost fixing);
//! an integral relaxation is checked exactly in integers and becomes the incumbent; the relaxation rounded down and
//! completed greedily by value per scaled cost gives incumbents early. A node is cut off when its bound is not
//! above the incumbent by more than [`ABSOLUTE_GAP`] (HiGHS's `mip_abs_gap` as we set it, so both prove the same
//! thing), or, when the values are fractions of one denominator D up to ten million (four decimals; weights entered
//! with two decimals over nine members' means), when it does not reach the incumbent plus 1/D less a margin for
//! rounding (as HiGHS does for an objective it finds integral). Feasibility is always decided in exact integers
//! (öre); floating point only guides the search and bounds it.
//!
//! What was measured and did not pay (docs/benchmarks.md): searching below a deep node as a program of its own
//! (most variables are fixed there, but its root and cuts cost more than the smaller tableau saves), plunging
//! (diving into a child while its bound is near the best), repeating the search near the incumbent in the tree,
//! and handing the incumbent itself to a restart.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A proven optimum is within this much value of every other selection.
pub const ABSOLUTE_GAP: f64 = 1e-9;
const PRIMAL_TOLERANCE: f64 = 1e-9;
const DUAL_TOLERANCE: f64 = 1e-12;
const PIVOT_TOLERANCE: f64 = 1e-9;
const INTEGRALITY_TOLERANCE: f64 = 1e-9;

/// What the open nodes of the search may hold, in bytes, before it goes depth first.
const MEMORY: usize = 128 << 20;

/// The tableau is dense: rows × (variables + rows) numbers. Above this many the caller uses another solver.
pub const MAX_CELLS: usize = 4_000_000;

/// One row: Σ coefficient·x ≤ limit, in exact integers (öre for a frame; ±1 for a rule).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub entries: Vec<(usize, i64)>,
    pub limit: i64,
}

/// The program: values, rows, and what is fixed before the search.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub values: Vec<f64>,
    pub rows: Vec<Row>,
    /// `Some(true)`: must be chosen; `Some(false)`: must not be.
    pub fixed: Vec<Option<bool>>,
}

/// What the search found.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// No selection has more value (within [`ABSOLUTE_GAP`]).
    Optimal(Vec<bool>),
    /// The best found before the deadline, not proven.
    Unproven(Vec<bool>),
    /// No selection keeps every row and fixing.
    Infeasible,
    /// The deadline came before any selection was found, or the arithmetic could not be trusted (a pivot too
    /// small, a dual simplex that does not end): the caller uses another solver.
    GaveUp,
}

/// Columns are the variables, then one slack per row; a slack has bounds [0, ∞).
#[derive(Debug, Clone)]
struct Node {
    /// The parent's relaxation value: no selection below this node is worth more.
    bound: f64,
    /// rows × width, row-major: the tableau B⁻¹·[A I].
    cells: Vec<f64>,
    /// The column basic in each row.
    basis: Vec<usize>,
    /// The row a column is basic in, or `NONBASIC`.
    row_of: Vec<usize>,
    lower: Vec<f64>,
    upper: Vec<f64>,
    /// The value of every column.
    x: Vec<f64>,
    /// Reduced costs (maximising): at the optimum ≤ 0 at the lower bound, ≥ 0 at the upper.
    d: Vec<f64>,
    /// How the node came from its parent: the variable, the side (0: down, 1: up) and how far the parent's
    /// relaxation moved it; for learning what branching on it costs.
    branched: Option<(usize, usize, f64)>,
}

const NONBASIC: usize = usize::MAX;

#[derive(Clone)]
struct Search<'a> {
    program: &'a Program,
    /// The rows of the relaxation: the program's and the cuts added at the root.
    rows: Vec<Row>,
    /// The step between selections' values, when they have one (see [`granularity`]).
    step: Option<Granularity>,
    n: usize,
    m: usize,
    width: usize,
    /// The variables' columns: (row, coefficient) in exact integers.
    columns: Vec<Vec<(usize, i64)>>,
    /// The order to complete a rounded selection in: value per scaled cost, highest first.
    greedy_order: Vec<usize>,
    best: Option<(f64, Vec<bool>)>,
    /// A selection must be worth more than this to be of interest (the search proves that none is, or finds one).
    floor: Option<f64>,
    limits: Limits<'a>,
    nodes: u64,
    best_found_at: u64,
    /// Per variable and side (down, up): the summed loss of bound per unit of change, and how many times seen.
    pseudocosts: Vec<[(f64, u32); 2]>,
    /// When restarts are left: the root's relaxation, to see whether a better incumbent found in the tree would
    /// let a restart fix a tenth of the variables or more ([`Search::restart_due`]).
    restart_from: Option<RootCosts>,
    /// The incumbent's value when that was last seen.
    restart_checked: f64,
}

/// What the root's relaxation says of each variable, kept for restarts from inside the tree.
#[derive(Clone)]
struct RootCosts {
    bound: f64,
    /// |reduced cost| of a variable nonbasic and free at the root; 0 for the others (never fixed).
    moving: Vec<f64>,
}

/// What the search did, for benchmarks and tuning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Statistics {
    /// Nodes whose relaxation was solved.
    pub nodes: u64,
    /// Cuts added at the root.
    pub cuts: usize,
    /// The relaxation's value at the root before cuts, and after them.
    pub root_bound: f64,
    pub root_bound_with_cuts: f64,
    /// The node at which the best selection was found, counted in the last search (after any restart; 0: at its
    /// root).
    pub best_found_at: u64,
    /// Searches started again on a smaller program.
    pub restarts: u32,
    /// The most workers that searched the tree at once (1, or 2 when it took longer than [`SECOND_WORKER_AFTER`]).
    pub workers: u32,
}

/// Solves `program`, starting from `incumbent` when given (it must be feasible; it is checked), until proven or
/// `deadline`.
pub fn solve(program: &Program, incumbent: Option<&[bool]>, deadline: Option<Instant>) -> Answer {
    solve_with_statistics(program, incumbent, deadline).0
}

/// [`solve`], and what the search did.
pub fn solve_with_statistics(
    program: &Program,
    incumbent: Option<&[bool]>,
    deadline: Option<Instant>,
) -> (Answer, Statistics) {
    solve_counted(program, incumbent, deadline, &AtomicU64::new(0))
}

/// [`solve_with_statistics`], adding every node searched to `counted` as it goes, so that another thread can show
/// the search's progress.
pub fn solve_counted(
    program: &Program,
    incumbent: Option<&[bool]>,
    deadline: Option<Instant>,
    counted: &AtomicU64,
) -> (Answer, Statistics) {
    let mut statistics = Statistics::default();
    let answer = optimise(
        program,
        incumbent,
        Limits {
            deadline,
            nodes: u64::MAX,
            counted,
            #[cfg(test)]
            panic_in: None,
        },
        &mut statistics,
    );
    (answer, statistics)
}

/// Every this many nodes, a node's relaxation is rounded into a selection ([`Search::round_and_complete`]).
const ROUND_EVERY: u64 = 8;

/// The most local moves one polish of a new incumbent makes ([`Search::polish`]).
const POLISH_MOVES: usize = 50;

/// Strong branching measures a variable until this many losses are known on each side.
const RELIABLE: u32 = 4;
/// The most candidates strong branching measures at one node, the pivots it allows each child, and how many
/// candidates in a row may fail to beat the best before it stops.
const STRONG_CANDIDATES: usize = 8;
const STRONG_PIVOTS: usize = 25;
const LOOKAHEAD: usize = 4;

/// How much branching on a variable tightens the bound, from the losses of its two children (the product rule).
fn score(down: f64, up: f64) -> f64 {
    down.max(1e-6) * up.max(1e-6)
}

/// How far a search may go: a deadline, and a number of nodes (for the searches of the heuristics); and where
/// every node searched is counted for a progress line.
#[derive(Debug, Clone, Copy)]
struct Limits<'a> {
    deadline: Option<Instant>,
    nodes: u64,
    counted: &'a AtomicU64,
    /// A fault a test injects: the diving worker (`true`) or the other panics once the search has this many nodes.
    #[cfg(test)]
    panic_in: Option<(bool, u64)>,
}

impl Limits<'_> {
    /// Whether the deadline has come. Read at every node (a clock read is far cheaper than a node) and between the
    /// root's rounds, so a short limit (a frontier point's share, issue 29) is kept to within a node.
    fn late(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// When a search of the tree has not ended after this long, a second worker joins it on another thread (issue 29).
/// Searches that end sooner (the sample's, and the searches near the incumbent of most problems) stay on one thread,
/// so their answer does not depend on timing; a longer one may end on either of two selections of equal value.
pub const SECOND_WORKER_AFTER: Duration = Duration::from_millis(50);

/// Restarts of the search after fixing variables by their reduced costs at the root.
const RESTARTS: u32 = 3;

/// The most nodes the search for a better selection near the incumbent may take.
const NEIGHBOURHOOD_NODES: u64 = 2_000;

fn optimise(program: &Program, incumbent: Option<&[bool]>, limits: Limits<'_>, statistics: &mut Statistics) -> Answer {
    let n = program.values.len();
    if program.fixed.len() != n || program.rows.iter().flat_map(|r| &r.entries).any(|&(j, _)| j >= n) {
        return Answer::GaveUp;
    }
    // Every row's numbers together fit an i64, so no limit left after fixing variables can overflow (a selection's
    // rows in öre are far inside: Money::LIMIT × MAX_ITEMS). Beyond that the caller uses another solver.
    let magnitude = |row: &Row| -> i128 {
        row.entries.iter().map(|&(_, a)| i128::from(a).abs()).sum::<i128>() + i128::from(row.limit).abs()
    };
    if program.rows.iter().any(|row| magnitude(row) > i128::from(i64::MAX)) {
        return Answer::GaveUp;
    }
    let start = incumbent.filter(|start| start.len() == n).map(<[bool]>::to_vec);
    // The fixed variables are taken out of the program first, so the tableau holds only what is free.
    let fixings: Vec<Option<bool>> = program.fixed.clone();
    let Some(restricted) = Restricted::new(program, &fixings) else {
        return Answer::Infeasible;
    };
    let start = start.filter(|s| restricted.agrees(s)).map(|s| restricted.restrict(&s));
    let answer = optimise_free(&restricted.program, start, None, limits, RESTARTS, statistics, true);
    restricted.expand_answer(answer)
}

/// Solves `program` (nothing fixed in it) for a selection worth more than `floor`; `Infeasible` when there is none.
fn optimise_free(
    program: &Program,
    start: Option<Vec<bool>>,
    floor: Option<f64>,
    limits: Limits<'_>,
    restarts: u32,
    statistics: &mut Statistics,
    top: bool,
) -> Answer {
    let n = program.values.len();
    let step = granularity(&program.values);
    let mut rows = program.rows.clone();
    let mut cuts = 0;
    let (mut search, root) = loop {
        let Some((mut search, mut root)) = prepare(program, rows.clone(), limits, step) else {
            return Answer::GaveUp;
        };
        search.floor = floor;
        if (0..n).any(|j| root.lower[j] > root.upper[j]) {
            return Answer::Infeasible;
        }
        if let Some(start) = &start {
            search.offer(start.clone());
        }
        // Cuts at the root: cover inequalities of the frames that the relaxation breaks, until none is found.
        match search.dual_simplex(&mut root, None, None) {
            Relaxation::Infeasible => return Answer::Infeasible,
            Relaxation::Untrusted => return Answer::GaveUp,
            Relaxation::Optimal | Relaxation::CutOff | Relaxation::Stopped => {}
        }
        let bound: f64 = (0..n).map(|j| program.values[j] * root.x[j]).sum();
        if top {
            if cuts == 0 {
                statistics.root_bound = bound;
            }
            statistics.root_bound_with_cuts = bound;
            statistics.cuts = cuts;
        }
        let found = if cuts >= MAX_CUTS || limits.late() { Vec::new() } else { covers(program, &root) };
        if found.is_empty() {
            break (search, root);
        }
        cuts += found.len();
        rows.extend(found);
    };
    if restarts > 0 {
        search.round_and_complete(&root);
        search.improve_near(&root, statistics);
        if let Some(answer) = search.restart(&root, restarts, statistics) {
            return answer;
        }
        let bound: f64 = (0..n).map(|j| program.values[j] * root.x[j]).sum();
        let moving = (0..n)
            .map(|j| if root.row_of[j] == NONBASIC && root.lower[j] < root.upper[j] { root.d[j].abs() } else { 0.0 })
            .collect();
        search.restart_from = Some(RootCosts { bound, moving });
        search.restart_checked = search.best.as_ref().map_or(f64::NEG_INFINITY, |(value, _)| *value);
    }
    loop {
        if let Some(answer) = search.run(root.clone(), statistics) {
            return answer;
        }
        // A better incumbent found in the tree: start again on what is left after fixing by the root's costs.
        if let Some(answer) = search.restart(&root, restarts, statistics) {
            return answer;
        }
        search.restart_from = None;
    }
}

/// A program with some variables fixed and taken out: the free variables renumbered, each row's limit less what
/// the fixed ones use, rows that can no longer bind dropped.
struct Restricted {
    program: Program,
    /// The original index of each free variable.
    free: Vec<usize>,
    fixings: Vec<Option<bool>>,
}

impl Restricted {
    /// `None` when the fixings alone break a row.
    fn new(program: &Program, fixings: &[Option<bool>]) -> Option<Restricted> {
        let free: Vec<usize> = (0..program.values.len()).filter(|&j| fixings[j].is_none()).collect();
        let mut index = vec![usize::MAX; program.values.len()];
        for (k, &j) in free.iter().enumerate() {
            index[j] = k;
        }
        let mut rows = Vec::new();
        for row in &program.rows {
            let mut limit = i128::from(row.limit);
            let mut entries = Vec::new();
            for &(j, a) in &row.entries {
                match fixings[j] {
                    Some(true) => limit -= i128::from(a),
                    Some(false) => {}
                    None if a != 0 => entries.push((index[j], a)),
                    None => {}
                }
            }
            // The most the free variables can use: a row that cannot be broken any more is dropped.
            let most: i128 = entries.iter().filter(|(_, a)| *a > 0).map(|&(_, a)| i128::from(a)).sum();
            let least: i128 = entries.iter().filter(|(_, a)| *a < 0).map(|&(_, a)| i128::from(a)).sum();
            if least > limit {
                return None;
            }
            if most <= limit {
                continue;
            }
            // Fits: |limit| ≤ |the row's limit| + Σ|coefficients| ≤ i64::MAX, checked in `optimise`.
            rows.push(Row { entries, limit: i64::try_from(limit).ok()? });
        }
        let program =
            Program { values: free.iter().map(|&j| program.values[j]).collect(), rows, fixed: vec![None; free.len()] };
        Some(Restricted { program, free, fixings: fixings.to_vec() })
    }

    fn agrees(&self, chosen: &[bool]) -> bool {
        self.fixings.iter().zip(chosen).all(|(f, c)| f.is_none_or(|f| f == *c))
    }

    fn restrict(&self, chosen: &[bool]) -> Vec<bool> {
        self.free.iter().map(|&j| chosen[j]).collect()
    }

    fn expand(&self, chosen: &[bool]) -> Vec<bool> {
        let mut full: Vec<bool> = self.fixings.iter().map(|f| f.unwrap_or(false)).collect();
        for (k, &j) in self.free.iter().enumerate() {
            full[j] = chosen[k];
        }
        full
    }

    /// What the fixed variables are worth.
    fn constant(&self, values: &[f64]) -> f64 {
        self.fixings.iter().zip(values).filter(|(f, _)| **f == Some(true)).map(|(_, v)| v).sum()
    }

    fn expand_answer(&self, answer: Answer) -> Answer {
        match answer {
            Answer::Optimal(chosen) => Answer::Optimal(self.expand(&chosen)),
            Answer::Unproven(chosen) => Answer::Unproven(self.expand(&chosen)),
            other => other,
        }
    }
}

/// The most cover inequalities added at the root.
const MAX_CUTS: usize = 60;

/// The largest denominator a value may have, and the common denominator of all values, for them to have a step.
const MAX_DENOMINATOR: u64 = 10_000_000;

/// The step between two selections' values, and the margin that the values' rounding takes off it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Granularity {
    step: f64,
    margin: f64,
}

/// The denominator of `v` as a fraction p/q with q ≤ [`MAX_DENOMINATOR`] within 10⁻¹² of it, from its continued
/// fraction (the first convergent that close); `None` when there is none.
fn denominator(v: f64) -> Option<u64> {
    if !v.is_finite() || v.abs() >= 1e6 {
        return None;
    }
    let target = v.abs();
    let (mut h0, mut h1, mut k0, mut k1) = (0.0f64, 1.0f64, 1.0f64, 0.0f64);
    let mut x = target;
    for _ in 0..64 {
        let a = x.floor();
        let (h2, k2) = (a * h1 + h0, a * k1 + k0);
        if k2 > MAX_DENOMINATOR as f64 {
            return None;
        }
        if (target - h2 / k2).abs() <= 1e-12 * target.max(1.0) {
            return Some(k2 as u64);
        }
        let fraction = x - a;
        if fraction <= 0.0 {
            return None;
        }
        (h0, h1, k0, k1) = (h1, h2, k1, k2);
        x = 1.0 / fraction;
    }
    None
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The step between two selections' values when every value is a fraction with a common denominator D of at most
/// [`MAX_DENOMINATOR`] (four decimals: D divides 10 000; the app's values from weights entered with two decimals
/// and nine members' means: D divides 3 600 when everyone answered), else `None`. Any two selections' values then
/// differ by a multiple of 1/D, so a node whose bound does not reach the incumbent plus 1/D (less the margin) cannot
/// hold a better one. The margin covers the values' distance from the fractions (twice the largest, for every
/// value; it must be within [`ABSOLUTE_GAP`]) and the relaxation's rounding ([`ABSOLUTE_GAP`]); a step not well
/// above the margin is none.
fn granularity(values: &[f64]) -> Option<Granularity> {
    let mut common = 1u64;
    for &v in values {
        let q = denominator(v)?;
        common = common / gcd(common, q) * q;
        if common > MAX_DENOMINATOR {
            return None;
        }
    }
    let d = common as f64;
    let off = values.iter().map(|v| (v * d - (v * d).round()).abs() / d).fold(0.0, f64::max);
    let step = 1.0 / d;
    // Two selections' values differ by k/D ± 2n·off. With 2n·off within ABSOLUTE_GAP, one worth more than the
    // gap above another is worth at least 1/D − 2n·off more: k ≥ 1.
    let spread = 2.0 * values.len() as f64 * off;
    let margin = spread + ABSOLUTE_GAP;
    (spread <= ABSOLUTE_GAP && margin < step / 2.0).then_some(Granularity { step, margin })
}

/// Extended cover inequalities violated by the relaxation at `node`: for a frame (a row of non-negative costs),
/// a set C of items that together exceed it cannot all be chosen, nor can C's items with any item at least as
/// costly as C's costliest replacing one of them: Σ_{C ∪ E} x ≤ |C| − 1. Valid for every selection, so they only
/// tighten the relaxation.
fn covers(program: &Program, node: &Node) -> Vec<Row> {
    let mut cuts = Vec::new();
    for row in &program.rows {
        if row.entries.iter().any(|&(_, a)| a < 0) || row.entries.len() < 2 {
            continue;
        }
        // Items chosen for sure use up the frame first.
        let mut capacity = i128::from(row.limit);
        let mut candidates: Vec<(usize, i64)> = Vec::new();
        for &(j, a) in &row.entries {
            if node.lower[j] >= 1.0 {
                capacity -= i128::from(a);
            } else if node.upper[j] > 0.0 && node.x[j] > 1e-9 {
                candidates.push((j, a));
            }
        }
        if capacity < 0 {
            continue;
        }
        candidates.sort_by(|a, b| node.x[b.0].total_cmp(&node.x[a.0]).then(b.1.cmp(&a.1)));
        let mut cover = Vec::new();
        let mut weight: i128 = 0;
        for &(j, a) in &candidates {
            cover.push((j, a));
            weight += i128::from(a);
            if weight > capacity {
                break;
            }
        }
        if weight <= capacity {
            continue;
        }
        // Minimal: drop the items of smallest relaxation value while the rest still exceed the frame.
        cover.sort_by(|a, b| node.x[a.0].total_cmp(&node.x[b.0]));
        let mut k = 0;
        while k < cover.len() {
            if weight - i128::from(cover[k].1) > capacity {
                weight -= i128::from(cover[k].1);
                cover.remove(k);
            } else {
                k += 1;
            }
        }
        let size = cover.len() as i64;
        let costliest = cover.iter().map(|c| c.1).max().unwrap_or(0);
        let mut entries: Vec<(usize, i64)> = cover.iter().map(|&(j, _)| (j, 1)).collect();
        for &(j, a) in &row.entries {
            if a >= costliest && node.upper[j] > 0.0 && node.lower[j] < 1.0 && !cover.iter().any(|c| c.0 == j) {
                entries.push((j, 1));
            }
        }
        let activity: f64 = entries.iter().map(|&(j, _)| node.x[j]).sum();
        if activity > (size - 1) as f64 + 1e-6 {
            entries.sort_unstable();
            cuts.push(Row { entries, limit: size - 1 });
        }
    }
    cuts
}

/// The search over `rows` (the program's and any cuts) and its root: every variable at its upper bound (reduced
/// cost = value ≥ 0: dual feasible), slacks basic. `None` when the tableau would be too large.
fn prepare<'a>(
    program: &'a Program,
    rows: Vec<Row>,
    limits: Limits<'a>,
    step: Option<Granularity>,
) -> Option<(Search<'a>, Node)> {
    let n = program.values.len();
    let m = rows.len();
    let width = n + m;
    if m.saturating_mul(width) > MAX_CELLS {
        return None;
    }
    let mut columns = vec![Vec::new(); n];
    for (i, row) in rows.iter().enumerate() {
        for &(j, a) in &row.entries {
            if a != 0 {
                columns[j].push((i, a));
            }
        }
    }
    // Scale each row so that its largest number is 1: the tableau's numbers stay comparable.
    let scales: Vec<f64> = rows
        .iter()
        .map(|row| {
            let largest =
                row.entries.iter().map(|&(_, a)| a.unsigned_abs()).max().unwrap_or(0).max(row.limit.unsigned_abs());
            if largest == 0 { 1.0 } else { largest as f64 }
        })
        .collect();
    let weight: Vec<f64> = (0..n)
        .map(|j| columns[j].iter().filter(|(_, a)| *a > 0).map(|&(i, a)| a as f64 / scales[i]).sum::<f64>())
        .collect();
    let mut greedy_order: Vec<usize> = (0..n).collect();
    let ratio = |j: usize| if weight[j] <= 0.0 { f64::INFINITY } else { program.values[j] / weight[j] };
    greedy_order.sort_by(|&a, &b| ratio(b).total_cmp(&ratio(a)).then(a.cmp(&b)));

    let mut cells = vec![0.0; m * width];
    for (i, row) in rows.iter().enumerate() {
        for &(j, a) in &row.entries {
            cells[i * width + j] += a as f64 / scales[i];
        }
        cells[i * width + n + i] = 1.0;
    }
    let mut lower = vec![0.0; width];
    let mut upper = vec![1.0; width];
    for i in 0..m {
        upper[n + i] = f64::INFINITY;
    }
    for (j, fixed) in program.fixed.iter().enumerate() {
        match fixed {
            Some(true) => lower[j] = 1.0,
            Some(false) => upper[j] = 0.0,
            None => {}
        }
    }
    // A variable that alone breaks a row of non-negative costs can never be chosen.
    for row in &rows {
        if row.entries.iter().all(|&(_, a)| a >= 0) {
            for &(j, a) in &row.entries {
                if a > row.limit {
                    upper[j] = 0.0;
                }
            }
        }
    }
    let mut x = vec![0.0; width];
    x[..n].copy_from_slice(&upper[..n]);
    for i in 0..m {
        let used: f64 = (0..n).map(|j| cells[i * width + j] * x[j]).sum();
        x[n + i] = rows[i].limit as f64 / scales[i] - used;
    }
    let mut d = vec![0.0; width];
    d[..n].copy_from_slice(&program.values);
    let root = Node {
        bound: f64::INFINITY,
        cells,
        basis: (n..width).collect(),
        row_of: (0..width).map(|c| if c >= n { c - n } else { NONBASIC }).collect(),
        lower,
        upper,
        x,
        d,
        branched: None,
    };
    let search = Search {
        program,
        rows,
        n,
        m,
        width,
        columns,
        greedy_order,
        step,
        best: None,
        floor: None,
        limits,
        nodes: 0,
        best_found_at: 0,
        pseudocosts: vec![[(0.0, 0); 2]; n],
        restart_from: None,
        restart_checked: f64::NEG_INFINITY,
    };
    Some((search, root))
}

/// Why a search ended before its tree was searched through.
#[derive(Debug, Clone, Copy, PartialEq)]
enum End {
    /// The deadline or the node limit.
    Late,
    /// A better incumbent lets a restart fix enough variables: the caller starts again on the smaller program.
    Restart,
    /// Arithmetic that cannot be trusted: the caller uses another solver.
    Untrusted,
}

/// The open nodes and the workers at work on one (whose children may still come).
struct Pool {
    open: Vec<Node>,
    busy: usize,
    waiting: usize,
    end: Option<End>,
    /// No node open and none at work: the tree is searched through.
    done: bool,
}

/// What the workers of one search share: the open nodes, the incumbent and the count of nodes.
struct Shared {
    pool: Mutex<Pool>,
    /// A node given back, for a worker waiting for one.
    given: Condvar,
    /// The search ended, for the thread waiting to add a second worker.
    ended: Condvar,
    best: Mutex<Option<(f64, Vec<bool>)>>,
    /// The incumbent's value as f64 bits (read without the lock to see whether there is a better one).
    best_value: AtomicU64,
    nodes: AtomicU64,
    cap: usize,
}

/// Ends the search when dropped in a panicking thread.
struct EndOnPanic<'a>(&'a Shared);

impl Drop for EndOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.end(End::Untrusted);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A worker that panicked leaves no half-done state behind a lock: its panic is raised again on join.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn new(root: Node, cap: usize, best: Option<(f64, Vec<bool>)>) -> Shared {
        let value = best.as_ref().map_or(f64::NEG_INFINITY, |(v, _)| *v);
        Shared {
            pool: Mutex::new(Pool { open: vec![root], busy: 0, waiting: 0, end: None, done: false }),
            given: Condvar::new(),
            ended: Condvar::new(),
            best: Mutex::new(best),
            best_value: AtomicU64::new(value.to_bits()),
            nodes: AtomicU64::new(0),
            cap,
        }
    }

    /// The next node to search (the highest bound, or the latest when the pool is full), or `None` when the search
    /// has ended.
    fn take(&self) -> Option<Node> {
        let mut pool = lock(&self.pool);
        loop {
            if pool.end.is_some() || pool.done {
                return None;
            }
            let open = &pool.open;
            let next = if open.len() >= self.cap {
                open.len().checked_sub(1)
            } else {
                (0..open.len()).rev().max_by(|&a, &b| open[a].bound.total_cmp(&open[b].bound).then(b.cmp(&a)))
            };
            if let Some(next) = next {
                pool.busy += 1;
                return Some(pool.open.swap_remove(next));
            }
            if pool.busy == 0 {
                pool.done = true;
                self.given.notify_all();
                self.ended.notify_all();
                return None;
            }
            pool.waiting += 1;
            pool = self.given.wait(pool).unwrap_or_else(PoisonError::into_inner);
            pool.waiting -= 1;
        }
    }

    /// A worker's children of the node it took (none when it was cut off).
    fn give(&self, children: Vec<Node>) {
        let mut pool = lock(&self.pool);
        pool.busy -= 1;
        pool.open.extend(children);
        if pool.open.is_empty() && pool.busy == 0 {
            pool.done = true;
            self.ended.notify_all();
        }
        if pool.waiting > 0 {
            self.given.notify_all();
        }
    }

    /// Nodes given while the worker goes on with another it keeps.
    fn give_more(&self, nodes: Vec<Node>) {
        let mut pool = lock(&self.pool);
        pool.open.extend(nodes);
        if pool.waiting > 0 {
            self.given.notify_all();
        }
    }

    fn end(&self, why: End) {
        let mut pool = lock(&self.pool);
        // Untrusted arithmetic outweighs the deadline, the deadline a restart.
        let keeps = match pool.end {
            Some(End::Untrusted) => true,
            Some(End::Late) => why == End::Restart,
            _ => false,
        };
        if !keeps {
            pool.end = Some(why);
        }
        self.given.notify_all();
        self.ended.notify_all();
    }

    /// Whether the search ended within `wait`.
    fn ended_within(&self, wait: Duration) -> bool {
        let until = Instant::now() + wait;
        let mut pool = lock(&self.pool);
        while pool.end.is_none() && !pool.done {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            pool = self.ended.wait_timeout(pool, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        true
    }

    /// Takes the shared incumbent into `search` when it is better than the worker's own.
    fn update(&self, search: &mut Search<'_>) {
        let shared = f64::from_bits(self.best_value.load(Ordering::Acquire));
        if search.best.as_ref().is_none_or(|(own, _)| shared > *own)
            && let Some(best) = lock(&self.best).clone()
            && search.best.as_ref().is_none_or(|(own, _)| best.0 > *own)
        {
            search.best = Some(best);
        }
    }

    /// Shares the worker's incumbent when it is better than the shared one.
    fn publish(&self, search: &Search<'_>) {
        let Some((own, chosen)) = &search.best else { return };
        if *own <= f64::from_bits(self.best_value.load(Ordering::Acquire)) {
            return;
        }
        let mut best = lock(&self.best);
        if best.as_ref().is_none_or(|(value, _)| own > value) {
            *best = Some((*own, chosen.clone()));
            self.best_value.store(own.to_bits(), Ordering::Release);
        }
    }
}

impl Search<'_> {
    /// What a node's bound must reach to hold a better selection than one worth `best`: the next step of the
    /// values when they have few decimals (less a margin for the relaxation's rounding), else `best` plus
    /// [`ABSOLUTE_GAP`].
    fn threshold(&self, best: f64) -> f64 {
        match self.step {
            // The margin below it: the values' and the relaxation's rounding cannot cut off a selection one step
            // better.
            Some(Granularity { step, margin }) => best + step - margin,
            None => best + ABSOLUTE_GAP,
        }
    }

    /// What a selection must be worth more than: the incumbent's value, or the floor.
    fn to_beat(&self) -> Option<f64> {
        match (&self.best, self.floor) {
            (Some((best, _)), Some(floor)) => Some(best.max(floor)),
            (Some((best, _)), None) => Some(*best),
            (None, floor) => floor,
        }
    }

    fn cut_off(&self, bound: f64) -> bool {
        self.to_beat().is_some_and(|best| bound < self.threshold(best))
    }

    fn value(&self, chosen: &[bool]) -> f64 {
        chosen.iter().zip(&self.program.values).filter(|(c, _)| **c).map(|(_, v)| v).sum()
    }

    /// Every row and fixing kept, in exact integers.
    fn feasible(&self, chosen: &[bool]) -> bool {
        self.program.fixed.iter().zip(chosen).all(|(f, c)| f.is_none_or(|f| f == *c))
            && self.program.rows.iter().all(|row| {
                let used: i128 = row.entries.iter().filter(|(j, _)| chosen[*j]).map(|&(_, a)| i128::from(a)).sum();
                used <= i128::from(row.limit)
            })
    }

    fn offer(&mut self, mut chosen: Vec<bool>) {
        if !self.feasible(&chosen) {
            return;
        }
        if self.to_beat().is_none_or(|best| self.value(&chosen) > best) {
            let mut polished = chosen.clone();
            self.polish(&mut polished);
            // The moves keep every row by construction; checked again all the same, as every incumbent is.
            if self.feasible(&polished) && self.value(&polished) > self.value(&chosen) {
                chosen = polished;
            }
            self.best = Some((self.value(&chosen), chosen));
            self.best_found_at = self.nodes;
        }
    }

    /// Improves a feasible selection by local moves while one gains value (issue 29: where values crowd, the tree
    /// finds the optimum late, and a selection a swap away is often better): one chosen variable out and one not
    /// chosen in; or one out and the room it frees refilled in the greedy order; then what still fits added. The
    /// best move each time, at most [`POLISH_MOVES`] of them. Every move keeps every row in exact integers.
    fn polish(&self, chosen: &mut [bool]) {
        let values = &self.program.values;
        let limit = |r: usize| i128::from(self.rows[r].limit);
        let movable = |j: usize, to: bool| self.program.fixed[j].is_none_or(|f| f == to);
        let refill = |chosen: &mut [bool], used: &mut [i128], skip: usize| {
            self.complete_greedily(chosen, used, |j| j != skip && movable(j, true))
        };
        let mut used = self.usage(chosen);
        refill(chosen, &mut used, usize::MAX);
        let mut freed: Vec<i128> = vec![0; self.m];
        for _ in 0..POLISH_MOVES {
            if self.limits.late() {
                return;
            }
            // (gain, out, in: Some(j) for a swap, None for a refill)
            let mut best: Option<(f64, usize, Option<usize>)> = None;
            for out in (0..self.n).filter(|&i| chosen[i] && movable(i, false)) {
                for &(r, a) in &self.columns[out] {
                    freed[r] = i128::from(a);
                }
                // Taking `out` away must keep its rows (a rule's negative coefficient can bind when removed); then
                // a swap keeps every row when `into`'s rows hold with what `out` frees.
                let removable = self.columns[out].iter().all(|&(r, a)| used[r] - i128::from(a) <= limit(r));
                if removable {
                    for into in (0..self.n).filter(|&j| !chosen[j] && values[j] > values[out] && movable(j, true)) {
                        let gain = values[into] - values[out];
                        if best.is_some_and(|(g, _, _)| g >= gain) {
                            continue;
                        }
                        if self.columns[into].iter().all(|&(r, a)| used[r] - freed[r] + i128::from(a) <= limit(r)) {
                            best = Some((gain, out, Some(into)));
                        }
                    }
                    let mut trial = chosen.to_vec();
                    let mut trial_used = used.clone();
                    trial[out] = false;
                    for &(r, a) in &self.columns[out] {
                        trial_used[r] -= i128::from(a);
                    }
                    let gain = refill(&mut trial, &mut trial_used, out) - values[out];
                    if gain > 0.0 && best.is_none_or(|(g, _, _)| gain > g) {
                        best = Some((gain, out, None));
                    }
                }
                for &(r, _) in &self.columns[out] {
                    freed[r] = 0;
                }
            }
            let Some((_, out, into)) = best else { return };
            chosen[out] = false;
            for &(r, a) in &self.columns[out] {
                used[r] -= i128::from(a);
            }
            if let Some(into) = into {
                chosen[into] = true;
                for &(r, a) in &self.columns[into] {
                    used[r] += i128::from(a);
                }
            }
            refill(chosen, &mut used, out);
        }
    }

    /// Searches the tree below `root`: one worker, joined by a second on another thread when the search has not
    /// ended after [`SECOND_WORKER_AFTER`]. They share the open nodes and the incumbent;
    /// each learns its own pseudocosts. The first takes the open node of the highest bound every time (the bound
    /// falls fastest); the second dives from the node it takes into the child that takes the variable, leaving the
    /// other to the pool, until the dive is cut off (better selections sooner: on the 500-candidate problems with
    /// unrounded values, a second best-first worker took 13–48 s on one problem over four runs, a diving one
    /// 10–43 s over six; docs/benchmarks.md). `None` when a better incumbent makes a restart worth more than the
    /// tree searched so far ([`Search::restart_due`]); the incumbent is then the search's own.
    fn run(&mut self, root: Node, statistics: &mut Statistics) -> Option<Answer> {
        // Open nodes, each with its full tableau. When they hold more than `MEMORY` bytes, the latest is taken
        // (depth first), so the pool stops growing.
        let node_bytes = 8 * (self.m * self.width + 4 * self.width) + 8 * self.m;
        let cap = (MEMORY / node_bytes.max(1)).max(64);
        let shared = Shared::new(root, cap, self.best.clone());
        let mut workers = 1;
        let mut helper = self.clone();
        std::thread::scope(|scope| {
            let first = scope.spawn(|| self.work(&shared, false));
            if !shared.ended_within(SECOND_WORKER_AFTER) {
                workers = 2;
                helper.work(&shared, true);
            }
            first.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        let pool = shared.pool.into_inner().unwrap_or_else(PoisonError::into_inner);
        statistics.nodes += shared.nodes.load(Ordering::Relaxed);
        statistics.best_found_at = self.best_found_at;
        statistics.workers = statistics.workers.max(workers);
        let best = shared.best.into_inner().unwrap_or_else(PoisonError::into_inner);
        Some(match (best, pool.end) {
            (_, Some(End::Untrusted)) => Answer::GaveUp,
            (best, Some(End::Restart)) => {
                self.best = best;
                return None;
            }
            (Some((_, chosen)), None) => Answer::Optimal(chosen),
            (Some((_, chosen)), Some(End::Late)) => Answer::Unproven(chosen),
            (None, None) => Answer::Infeasible,
            (None, Some(End::Late)) => Answer::GaveUp,
        })
    }

    /// Whether the incumbent, better since this was last asked, would let a restart from the root fix a tenth of
    /// the variables or more (as [`Search::restart`] does at the root): then the tree searched so far, under a
    /// weaker incumbent, is worth less than a search of the smaller program.
    fn restart_due(&mut self) -> bool {
        let (Some(root), Some((value, _))) = (&self.restart_from, &self.best) else { return false };
        if *value <= self.restart_checked {
            return false;
        }
        self.restart_checked = *value;
        let slack = root.bound - self.threshold(*value);
        root.moving.iter().filter(|&&cost| cost > slack).count() * 10 >= self.n
    }

    /// One worker's part of the search: takes the open node with the highest bound (ties: the latest, so a child
    /// follows its parent), and gives back its children, until the search ends.
    fn work(&mut self, shared: &Shared, dive: bool) {
        // Should a worker panic, the search ends, so the other worker does not wait for its node for ever (the
        // panic is raised again when the scope ends).
        let _ending = EndOnPanic(shared);
        let mut scratch: Option<Node> = None;
        while let Some(mut node) = shared.take() {
            loop {
                let scratch = scratch.get_or_insert_with(|| node.clone());
                let mut children = self.branch(node, shared, scratch);
                shared.publish(self);
                if self.restart_due() {
                    shared.end(End::Restart);
                }
                #[cfg(test)]
                if let Some((diver, after)) = self.limits.panic_in
                    && diver == dive
                    && shared.nodes.load(Ordering::Relaxed) >= after
                {
                    panic!("a fault injected in the {} worker", if dive { "diving" } else { "first" });
                }
                // A diving worker goes on into the child that takes the variable, the other child to the pool.
                if dive && children.len() == 2 {
                    node = children.pop().expect("two children");
                    shared.give_more(children);
                    continue;
                }
                shared.give(children);
                break;
            }
        }
    }

    /// One node: its relaxation solved (or cut off), incumbents from it, and the children to search, or the end of
    /// the search ([`Shared::end`]).
    fn branch(&mut self, mut node: Node, shared: &Shared, scratch: &mut Node) -> Vec<Node> {
        shared.update(self);
        if self.cut_off(node.bound) {
            return Vec::new();
        }
        self.nodes += 1;
        let counted = shared.nodes.fetch_add(1, Ordering::Relaxed) + 1;
        self.limits.counted.fetch_add(1, Ordering::Relaxed);
        if self.limits.late() || counted > self.limits.nodes {
            shared.end(End::Late);
            return Vec::new();
        }
        let cutoff = self.to_beat().map(|best| self.threshold(best));
        match self.dual_simplex(&mut node, cutoff, None) {
            Relaxation::Infeasible | Relaxation::CutOff => return Vec::new(),
            Relaxation::Untrusted => {
                shared.end(End::Untrusted);
                return Vec::new();
            }
            Relaxation::Optimal | Relaxation::Stopped => {}
        }
        let bound = self.objective(&node);
        if let Some((j, side, distance)) = node.branched {
            self.learn(j, side, (node.bound - bound) / distance);
        }
        if self.cut_off(bound) {
            return Vec::new();
        }
        self.round_and_complete(&node);
        if let Some(best) = self.to_beat() {
            let slack = bound - self.threshold(best);
            if slack < 0.0 {
                return Vec::new();
            }
            // Reduced-cost fixing: moving a nonbasic variable off its bound costs at least |d| of the bound.
            for j in 0..self.n {
                if node.row_of[j] == NONBASIC && node.lower[j] < node.upper[j] && node.d[j].abs() > slack {
                    node.lower[j] = node.x[j];
                    node.upper[j] = node.x[j];
                }
            }
        }
        let fractional: Vec<usize> = (0..self.n)
            .filter(|&j| node.row_of[j] != NONBASIC)
            .filter(|&j| (node.x[j] - node.x[j].round()).abs() > INTEGRALITY_TOLERANCE)
            .collect();
        let branch = match self.choose(&node, &fractional, bound, scratch) {
            Some(j) => j,
            None => {
                let chosen: Vec<bool> = (0..self.n).map(|j| node.x[j] > 0.5).collect();
                if self.feasible(&chosen) {
                    self.offer(chosen);
                    return Vec::new();
                }
                // Integral within tolerance but not exactly feasible: branch on a free chosen variable.
                match (0..self.n).find(|&j| node.lower[j] < node.upper[j] && node.x[j] > 0.5) {
                    Some(j) => j,
                    None => return Vec::new(),
                }
            }
        };
        // Now and then the node's relaxation rounded down and completed, polished when it is the best yet.
        if self.nodes.is_multiple_of(ROUND_EVERY) {
            self.round_and_complete(&node);
        }
        // Both children carry this node's bound; the one that takes the variable is given last, so it is taken
        // first among equals.
        node.bound = bound;
        let x = node.x[branch].clamp(0.0, 1.0);
        let mut down = node.clone();
        self.fix(&mut down, branch, 0.0);
        down.branched = (x > 0.0).then_some((branch, 0, x));
        self.fix(&mut node, branch, 1.0);
        node.branched = (x < 1.0).then_some((branch, 1, 1.0 - x));
        vec![down, node]
    }

    fn objective(&self, node: &Node) -> f64 {
        (0..self.n).map(|j| self.program.values[j] * node.x[j]).sum()
    }

    fn learn(&mut self, j: usize, side: usize, loss_per_unit: f64) {
        if loss_per_unit.is_finite() {
            let (sum, count) = &mut self.pseudocosts[j][side];
            *sum += loss_per_unit.max(0.0);
            *count += 1;
        }
    }

    /// The variable to branch on among the `fractional` ones: the one whose two children lose the most bound
    /// (the product of the two losses), estimated from what branching on it cost before (pseudocosts), and
    /// measured by a few pivots in each child (strong branching) while fewer than [`RELIABLE`] such costs are
    /// known on either side.
    fn choose(&mut self, node: &Node, fractional: &[usize], bound: f64, scratch: &mut Node) -> Option<usize> {
        if fractional.len() <= 1 {
            return fractional.first().copied();
        }
        let mut average = [1.0; 2];
        for (side, average) in average.iter_mut().enumerate() {
            let (sum, count) = self
                .pseudocosts
                .iter()
                .filter(|p| p[side].1 > 0)
                .fold((0.0, 0u32), |(s, c), p| (s + p[side].0 / f64::from(p[side].1), c + 1));
            if count > 0 {
                *average = sum / f64::from(count);
            }
        }
        let estimate = |search: &Self, j: usize| -> f64 {
            let f = node.x[j].clamp(0.0, 1.0);
            let unit = |side: usize| {
                let (sum, count) = search.pseudocosts[j][side];
                if count > 0 { sum / f64::from(count) } else { average[side] }
            };
            score(f * unit(0), (1.0 - f) * unit(1))
        };
        let mut order: Vec<(usize, f64)> = fractional.iter().map(|&j| (j, estimate(self, j))).collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let cutoff = self.to_beat().map(|best| self.threshold(best));
        let mut best = (order[0].0, f64::NEG_INFINITY);
        let mut since_better = 0;
        let mut measured = 0;
        for &(j, estimated) in &order {
            let reliable = self.pseudocosts[j].iter().all(|&(_, count)| count >= RELIABLE);
            let measured_score = if reliable || measured >= STRONG_CANDIDATES {
                estimated
            } else {
                measured += 1;
                let x = node.x[j].clamp(0.0, 1.0);
                let mut losses = [0.0; 2];
                for (side, value) in [(0, 0.0), (1, 1.0)] {
                    scratch.clone_from(node);
                    self.fix(scratch, j, value);
                    losses[side] = match self.dual_simplex(scratch, cutoff, Some(STRONG_PIVOTS)) {
                        Relaxation::Optimal | Relaxation::Stopped => (bound - self.objective(scratch)).max(0.0),
                        Relaxation::Infeasible | Relaxation::CutOff => f64::INFINITY,
                        Relaxation::Untrusted => 0.0,
                    };
                }
                self.learn(j, 0, losses[0] / x);
                self.learn(j, 1, losses[1] / (1.0 - x));
                if losses.iter().any(|l| l.is_infinite()) {
                    // A child that cannot hold a better selection: branching here leaves only the other.
                    return Some(j);
                }
                score(losses[0], losses[1])
            };
            if measured_score > best.1 {
                best = (j, measured_score);
                since_better = 0;
            } else {
                since_better += 1;
                if since_better >= LOOKAHEAD {
                    break;
                }
            }
        }
        Some(best.0)
    }

    /// A better selection near the incumbent: the variables on which the incumbent and the root's relaxation agree
    /// are fixed, and the rest searched for a while (relaxation induced neighbourhood search).
    fn improve_near(&mut self, root: &Node, statistics: &mut Statistics) {
        if self.limits.late() {
            return;
        }
        let Some((value, best)) = self.best.clone() else { return };
        let fixings: Vec<Option<bool>> = (0..self.n)
            .map(|j| {
                let x = root.x[j];
                let integral = (x - x.round()).abs() <= INTEGRALITY_TOLERANCE;
                (integral && (x > 0.5) == best[j]).then_some(best[j])
            })
            .collect();
        let Some(restricted) = Restricted::new(self.program, &fixings) else { return };
        if restricted.free.is_empty() {
            return;
        }
        let floor = value - restricted.constant(&self.program.values);
        let limits = Limits { nodes: NEIGHBOURHOOD_NODES, ..self.limits };
        let answer = optimise_free(&restricted.program, None, Some(floor), limits, 0, statistics, false);
        if let Answer::Optimal(chosen) | Answer::Unproven(chosen) = restricted.expand_answer(answer) {
            self.offer(chosen);
        }
    }

    /// With an incumbent, the variables whose reduced cost at the root shows that moving them cannot give a
    /// better selection are fixed for good; when that is a tenth of them or more, the search starts again on the
    /// smaller program (its cuts are tighter, its tableau smaller). The answer, or `None` to search on here.
    fn restart(&mut self, root: &Node, restarts: u32, statistics: &mut Statistics) -> Option<Answer> {
        let (value, best) = self.best.clone()?;
        let bound: f64 = (0..self.n).map(|j| self.program.values[j] * root.x[j]).sum();
        let slack = bound - self.threshold(value);
        if slack < 0.0 {
            return Some(Answer::Optimal(best));
        }
        let fixings: Vec<Option<bool>> = (0..self.n)
            .map(|j| {
                (root.row_of[j] == NONBASIC && root.lower[j] < root.upper[j] && root.d[j].abs() > slack)
                    .then_some(root.x[j] > 0.5)
            })
            .collect();
        let count = fixings.iter().filter(|f| f.is_some()).count();
        if count == 0 || count * 10 < self.n {
            return None;
        }
        statistics.restarts += 1;
        let Some(restricted) = Restricted::new(self.program, &fixings) else {
            return Some(Answer::Optimal(best));
        };
        let floor = value - restricted.constant(&self.program.values);
        let answer =
            optimise_free(&restricted.program, None, Some(floor), self.limits, restarts - 1, statistics, false);
        Some(match restricted.expand_answer(answer) {
            // Nothing worth more than the incumbent.
            Answer::Infeasible => Answer::Optimal(best),
            Answer::GaveUp if self.limits.late() => Answer::Unproven(best),
            Answer::Unproven(chosen) if self.value(&chosen) <= value => Answer::Unproven(best),
            other => other,
        })
    }

    /// The relaxation rounded down, then completed in the greedy order with what still fits, exactly.
    fn round_and_complete(&mut self, node: &Node) {
        let mut chosen: Vec<bool> = (0..self.n).map(|j| node.x[j] > 1.0 - INTEGRALITY_TOLERANCE).collect();
        let mut used = self.usage(&chosen);
        if (0..self.m).any(|i| used[i] > i128::from(self.rows[i].limit)) {
            return;
        }
        self.complete_greedily(&mut chosen, &mut used, |j| node.upper[j] >= 0.5);
        self.offer(chosen);
    }

    /// What `chosen` uses of each row, exactly.
    fn usage(&self, chosen: &[bool]) -> Vec<i128> {
        let mut used: Vec<i128> = vec![0; self.m];
        for j in (0..self.n).filter(|&j| chosen[j]) {
            for &(i, a) in &self.columns[j] {
                used[i] += i128::from(a);
            }
        }
        used
    }

    /// Adds, in the greedy order, every variable `allowed` that still fits every row (`used` kept up to date); the
    /// value added.
    fn complete_greedily(&self, chosen: &mut [bool], used: &mut [i128], allowed: impl Fn(usize) -> bool) -> f64 {
        let mut gained = 0.0;
        for &j in &self.greedy_order {
            if chosen[j] || !allowed(j) {
                continue;
            }
            if self.columns[j].iter().all(|&(i, a)| used[i] + i128::from(a) <= i128::from(self.rows[i].limit)) {
                chosen[j] = true;
                gained += self.program.values[j];
                for &(i, a) in &self.columns[j] {
                    used[i] += i128::from(a);
                }
            }
        }
        gained
    }

    /// Fixes variable `j` at `value`; a nonbasic variable moves there and the basic ones follow, a basic one is
    /// left outside its bounds for the dual simplex to bring back.
    fn fix(&self, node: &mut Node, j: usize, value: f64) {
        node.lower[j] = value;
        node.upper[j] = value;
        if node.row_of[j] == NONBASIC && node.x[j] != value {
            let step = value - node.x[j];
            for i in 0..self.m {
                let a = node.cells[i * self.width + j];
                if a != 0.0 {
                    node.x[node.basis[i]] -= a * step;
                }
            }
            node.x[j] = value;
        }
    }

    /// Restores primal feasibility of `node`'s relaxation keeping its reduced costs dual feasible. The objective
    /// of a dual feasible basis bounds the relaxation from above and only falls, so the node is cut off as soon as
    /// it is below `cutoff`.
    fn dual_simplex(&self, node: &mut Node, cutoff: Option<f64>, pivots: Option<usize>) -> Relaxation {
        let (m, width) = (self.m, self.width);
        // At least one round, so that an empty tableau is found optimal.
        let limit = 50 * (m + width) + 1;
        for done in 0..limit {
            if let Some(cutoff) = cutoff {
                let bound: f64 = (0..self.n).map(|j| self.program.values[j] * node.x[j]).sum();
                if bound < cutoff {
                    return Relaxation::CutOff;
                }
            }
            // Leaving: the basic variable furthest outside its bounds.
            let mut leaving: Option<(usize, f64, f64)> = None;
            for r in 0..m {
                let c = node.basis[r];
                let (v, l, u) = (node.x[c], node.lower[c], node.upper[c]);
                let (violation, target) = if v < l - PRIMAL_TOLERANCE {
                    (l - v, l)
                } else if v > u + PRIMAL_TOLERANCE {
                    (v - u, u)
                } else {
                    continue;
                };
                if leaving.is_none_or(|(_, worst, _)| violation > worst) {
                    leaving = Some((r, violation, target));
                }
            }
            let Some((r, _, target)) = leaving else {
                return Relaxation::Optimal;
            };
            if pivots.is_some_and(|p| done >= p) {
                return Relaxation::Stopped;
            }
            let increase = node.x[node.basis[r]] < target;
            // Entering: keeps every reduced cost's sign (the smallest |d / α| among the columns that move x_r
            // towards its bound).
            let row = &node.cells[r * width..(r + 1) * width];
            let mut entering: Option<(usize, f64, f64)> = None;
            for (q, &alpha) in row.iter().enumerate() {
                if node.row_of[q] != NONBASIC || node.lower[q] >= node.upper[q] {
                    continue;
                }
                if alpha.abs() <= PIVOT_TOLERANCE {
                    continue;
                }
                let at_lower = node.x[q] <= node.lower[q];
                // x_r = β − Σ α·x_q: raising x_q moves x_r by −α.
                let eligible = if increase {
                    (at_lower && alpha < 0.0) || (!at_lower && alpha > 0.0)
                } else {
                    (at_lower && alpha > 0.0) || (!at_lower && alpha < 0.0)
                };
                if !eligible {
                    continue;
                }
                let ratio = (node.d[q].abs() - DUAL_TOLERANCE).max(0.0) / alpha.abs();
                if entering.is_none_or(|(_, best, size)| ratio < best || (ratio == best && alpha.abs() > size)) {
                    entering = Some((q, ratio, alpha.abs()));
                }
            }
            let Some((q, _, _)) = entering else {
                return Relaxation::Infeasible;
            };
            self.pivot(node, r, q, target);
        }
        Relaxation::Untrusted
    }

    fn pivot(&self, node: &mut Node, r: usize, q: usize, target: f64) {
        let (m, width) = (self.m, self.width);
        let leaving = node.basis[r];
        let alpha = node.cells[r * width + q];
        let step = (node.x[leaving] - target) / alpha;
        for i in 0..m {
            let a = node.cells[i * width + q];
            if a != 0.0 {
                node.x[node.basis[i]] -= a * step;
            }
        }
        node.x[q] += step;
        node.x[leaving] = target;
        // The tableau: row r divided by α, then eliminated from every other row and the reduced costs.
        let (before, rest) = node.cells.split_at_mut(r * width);
        let (pivot_row, after) = rest.split_at_mut(width);
        for v in pivot_row.iter_mut() {
            *v /= alpha;
        }
        pivot_row[q] = 1.0;
        for other in before.chunks_exact_mut(width).chain(after.chunks_exact_mut(width)) {
            let factor = other[q];
            if factor != 0.0 {
                for (v, p) in other.iter_mut().zip(pivot_row.iter()) {
                    *v -= factor * p;
                }
                other[q] = 0.0;
            }
        }
        let dq = node.d[q];
        if dq != 0.0 {
            for (v, p) in node.d.iter_mut().zip(pivot_row.iter()) {
                *v -= dq * p;
            }
        }
        node.d[q] = 0.0;
        node.row_of[leaving] = NONBASIC;
        node.row_of[q] = r;
        node.basis[r] = q;
    }
}

enum Relaxation {
    Optimal,
    Infeasible,
    /// Its bound is below the cutoff.
    CutOff,
    /// The pivots allowed were made: the basis is dual feasible, so its objective still bounds the relaxation.
    Stopped,
    Untrusted,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(entries: &[(usize, i64)], limit: i64) -> Row {
        Row { entries: entries.to_vec(), limit }
    }

    /// Every subset, for small programs.
    fn exhaustive(program: &Program) -> Option<(f64, Vec<bool>)> {
        let n = program.values.len();
        let mut best: Option<(f64, Vec<bool>)> = None;
        for mask in 0u32..(1 << n) {
            let chosen: Vec<bool> = (0..n).map(|j| mask & (1 << j) != 0).collect();
            let fixed_ok = program.fixed.iter().zip(&chosen).all(|(f, c)| f.is_none_or(|f| f == *c));
            let rows_ok = program.rows.iter().all(|row| {
                row.entries.iter().filter(|(j, _)| chosen[*j]).map(|&(_, a)| i128::from(a)).sum::<i128>()
                    <= i128::from(row.limit)
            });
            if fixed_ok && rows_ok {
                let value: f64 = (0..n).filter(|&j| chosen[j]).map(|j| program.values[j]).sum();
                if best.as_ref().is_none_or(|(b, _)| value > *b) {
                    best = Some((value, chosen));
                }
            }
        }
        best
    }

    #[test]
    fn a_knapsack_whose_ratio_pick_is_wrong_is_solved_exactly() {
        // Ratio order takes 0 (6/5) and then nothing fits; the optimum is 1 + 2 (5 + 5 = 10 kr).
        let program = Program {
            values: vec![6.0, 5.0, 5.0],
            rows: vec![frame(&[(0, 6), (1, 5), (2, 5)], 10)],
            fixed: vec![None; 3],
        };
        assert_eq!(solve(&program, None, None), Answer::Optimal(vec![false, true, true]));
    }

    #[test]
    fn numbers_beyond_an_i64_together_are_left_to_another_solver() {
        let program = Program {
            values: vec![1.0, 1.0],
            rows: vec![frame(&[(0, i64::MAX), (1, i64::MAX)], i64::MAX)],
            fixed: vec![Some(true), None],
        };
        assert_eq!(solve(&program, None, None), Answer::GaveUp);
    }

    #[test]
    fn rules_and_fixings_hold() {
        // 0 requires 1; 2 excludes 3; 4 is mandatory; one frame of 10.
        let program = Program {
            values: vec![9.0, 1.0, 4.0, 5.0, 0.5],
            rows: vec![
                frame(&[(0, 4), (1, 4), (2, 3), (3, 3), (4, 2)], 10),
                frame(&[(0, 1), (1, -1)], 0),
                frame(&[(2, 1), (3, 1)], 1),
            ],
            fixed: vec![None, None, None, None, Some(true)],
        };
        let expected = exhaustive(&program).expect("feasible").1;
        assert_eq!(solve(&program, None, None), Answer::Optimal(expected));
    }

    #[test]
    fn mandatory_items_over_a_frame_are_infeasible() {
        let program = Program {
            values: vec![1.0, 1.0],
            rows: vec![frame(&[(0, 6), (1, 6)], 10)],
            fixed: vec![Some(true), Some(true)],
        };
        assert_eq!(solve(&program, None, None), Answer::Infeasible);
    }

    #[test]
    fn values_of_one_denominator_have_a_step_and_unrounded_ones_none() {
        let step = |values: &[f64]| granularity(values).map(|g| g.step);
        assert_eq!(step(&[0.1234, 0.5, 0.0001]), Some(1e-4));
        // Equal weights over six criteria, nine members' means on a 1–5 scale: multiples of 1/216.
        let equal: Vec<f64> = [7u32, 100, 215, 54].iter().map(|&k| f64::from(k) / 216.0).collect();
        assert_eq!(step(&equal), Some(1.0 / 216.0));
        // Weights entered with two decimals, means of nine, eight or seven answers: the sum as the app adds it.
        let weights = [0.18, 0.16, 0.14, 0.1, 0.1, 0.1, 0.08, 0.08, 0.06];
        let app_value = |sums: [u32; 9], answers: u32| -> f64 {
            weights.iter().zip(sums).map(|(w, s)| w * ((f64::from(s) / f64::from(answers)) - 1.0) / 4.0).sum()
        };
        let made =
            [app_value([40, 33, 27, 45, 9, 18, 30, 22, 41], 9), app_value([30, 31, 17, 40, 8, 16, 29, 22, 39], 8)];
        let found = granularity(&[made[0], made[1], app_value([20, 21, 17, 30, 8, 16, 29, 22, 35], 7)]).unwrap();
        assert!(found.step >= 1.0 / (100.0 * 4.0 * 504.0) - 1e-15, "{found:?}");
        assert!(found.margin < found.step / 2.0);
        // Weights from pairwise comparisons (geometric means): no step to prune by.
        let pairwise = [0.3104, 0.2467, 0.1958].map(|w: f64| w.sqrt() / 1.7);
        assert_eq!(step(&[pairwise[0] * 0.75, pairwise[1] * 0.5 + pairwise[2] * 0.25, pairwise[2]]), None);
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(29);
        let unrounded: Vec<f64> = (0..30).map(|_| rng.r#gen::<f64>()).collect();
        assert_eq!(step(&unrounded), None);
        // Few values always have a step (every float is a fraction): it is sound, for it is taken with their
        // distance from the fractions as its margin, and a difference of 1/D between them is real.
        let few = granularity(&[std::f64::consts::PI / 10.0, 0.5]).unwrap();
        assert!(
            (std::f64::consts::PI / 10.0 / few.step - (std::f64::consts::PI / 10.0 / few.step).round()).abs() < 1e-3
        );
        assert_eq!(step(&[f64::NAN]), None);
    }

    #[test]
    fn random_programs_agree_with_every_subset() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(18);
        for case in 0..400 {
            let n = rng.gen_range(1..=12);
            let frames = rng.gen_range(1..=4);
            // Four decimals, fractions of one denominator (as entered weights over members' means make them), and
            // unrounded values: the step each has (or none) must never cut off the optimum.
            let denominator = [10_000, 216, 3_600, rng.gen_range(3..50_000)][case % 4];
            let values: Vec<f64> = (0..n)
                .map(|_| {
                    if case % 5 == 4 {
                        rng.r#gen::<f64>()
                    } else {
                        f64::from(rng.gen_range(0..denominator)) / f64::from(denominator)
                    }
                })
                .collect();
            let mut rows = Vec::new();
            for _ in 0..frames {
                let mut entries: Vec<(usize, i64)> = Vec::new();
                for j in 0..n {
                    if rng.gen_bool(0.7) {
                        entries.push((j, rng.gen_range(0..1_000_000)));
                    }
                }
                let demand: i64 = entries.iter().map(|e| e.1).sum();
                rows.push(frame(&entries, (demand as f64 * rng.gen_range(0.0..1.0)) as i64));
            }
            for _ in 0..rng.gen_range(0..3) {
                let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
                if a != b {
                    rows.push(if rng.gen_bool(0.5) {
                        frame(&[(a, 1), (b, -1)], 0)
                    } else {
                        frame(&[(a, 1), (b, 1)], 1)
                    });
                }
            }
            let fixed: Vec<Option<bool>> =
                (0..n).map(|_| if rng.gen_bool(0.1) { Some(rng.gen_bool(0.5)) } else { None }).collect();
            let program = Program { values, rows, fixed };
            let expected = exhaustive(&program);
            match (solve(&program, None, None), expected) {
                (Answer::Optimal(chosen), Some((value, _))) => {
                    let found: f64 = (0..n).filter(|&j| chosen[j]).map(|j| program.values[j]).sum();
                    assert!((found - value).abs() < 1e-9, "case {case}: {found} ≠ {value} for {program:?}");
                    let pinned = Program { fixed: chosen.iter().map(|c| Some(*c)).collect(), ..program.clone() };
                    assert!(exhaustive(&pinned).is_some(), "case {case}: {chosen:?} breaks a row");
                }
                (Answer::Infeasible, None) => {}
                (answer, expected) => panic!("case {case}: {answer:?}, expected {expected:?} for {program:?}"),
            }
        }
    }

    /// A knapsack of three frames whose values follow the costs (a hard kind): long enough for a second worker.
    fn correlated(n: usize, seed: u64) -> Program {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(seed);
        let costs: Vec<[i64; 3]> = (0..n).map(|_| [0; 3].map(|_| rng.gen_range(100_000..1_000_000))).collect();
        let values = costs.iter().map(|c| (c.iter().sum::<i64>() as f64) / 3e6 + rng.r#gen::<f64>() * 0.05).collect();
        let rows = (0..3)
            .map(|k| {
                let entries: Vec<(usize, i64)> = (0..n).map(|j| (j, costs[j][k])).collect();
                let demand: i64 = entries.iter().map(|e| e.1).sum();
                frame(&entries, demand * 2 / 5)
            })
            .collect();
        Program { values, rows, fixed: vec![None; n] }
    }

    /// A worker that panics ends the search, so the other does not wait for its node for ever (issue 29): the
    /// panic reaches the caller, in either worker, within seconds.
    #[test]
    fn a_worker_that_panics_ends_the_search_and_the_panic_reaches_the_caller() {
        let program = correlated(70, 29);
        let (answer, statistics) = solve_with_statistics(&program, None, None);
        assert!(matches!(answer, Answer::Optimal(_)), "{answer:?}");
        assert!(statistics.workers == 2 && statistics.nodes > 400, "too easy to test two workers: {statistics:?}");
        for diver in [false, true] {
            let program = program.clone();
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let counted = AtomicU64::new(0);
                let limits =
                    Limits { deadline: None, nodes: u64::MAX, counted: &counted, panic_in: Some((diver, 200)) };
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    optimise(&program, None, limits, &mut Statistics::default())
                }));
                let message = outcome.map_err(|panic| panic.downcast_ref::<String>().cloned().unwrap_or_default());
                sender.send(message).ok();
            });
            let outcome = receiver.recv_timeout(Duration::from_secs(60)).expect("the search hangs after a panic");
            let message = outcome.expect_err("the injected panic is not raised to the caller");
            assert!(message.contains(if diver { "diving" } else { "first" }), "{message}");
        }
    }

    /// `polish` on `chosen`, through a search prepared as the solver prepares one.
    fn polished(program: &Program, chosen: &[bool]) -> Vec<bool> {
        let counted = AtomicU64::new(0);
        let limits = Limits { deadline: None, nodes: u64::MAX, counted: &counted, panic_in: None };
        let (search, _) = prepare(program, program.rows.clone(), limits, None).unwrap();
        let mut chosen = chosen.to_vec();
        search.polish(&mut chosen);
        chosen
    }

    #[test]
    fn polishing_swaps_refills_and_keeps_every_row() {
        // A swap: 0 out, 1 in (worth more, costs the same).
        let swap = Program { values: vec![3.0, 4.0], rows: vec![frame(&[(0, 5), (1, 5)], 5)], fixed: vec![None; 2] };
        assert_eq!(polished(&swap, &[true, false]), [false, true]);
        // A refill: 0 out frees the room for 1 and 2 together.
        let refill = Program {
            values: vec![6.0, 5.0, 5.0],
            rows: vec![frame(&[(0, 6), (1, 5), (2, 5)], 10)],
            fixed: vec![None; 3],
        };
        assert_eq!(polished(&refill, &[true, false, false]), [false, true, true]);
        // A rule: 1 requires 0 (x1 − x0 ≤ 0), so 0 cannot be swapped out for 2 while 1 is in; a fixed variable
        // stays as fixed.
        let rule = Program {
            values: vec![1.0, 1.0, 1.5],
            rows: vec![frame(&[(0, 5), (1, 1), (2, 5)], 6), frame(&[(1, 1), (0, -1)], 0)],
            fixed: vec![None, Some(true), None],
        };
        assert_eq!(polished(&rule, &[true, true, false]), [true, true, false]);
        // Random programs: from any feasible selection, polishing keeps every row and fixing and never loses value.
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(29);
        let mut improved = 0;
        for case in 0..300 {
            let n = rng.gen_range(2..=12);
            let mut rows = Vec::new();
            for _ in 0..rng.gen_range(1..=3) {
                let entries: Vec<(usize, i64)> = (0..n).map(|j| (j, rng.gen_range(0..100))).collect();
                let demand: i64 = entries.iter().map(|e| e.1).sum();
                rows.push(frame(&entries, demand / 2));
            }
            if n > 3 {
                rows.push(frame(&[(0, 1), (1, -1)], 0));
                rows.push(frame(&[(2, 1), (3, 1)], 1));
            }
            let fixed = (0..n).map(|_| if rng.gen_bool(0.1) { Some(false) } else { None }).collect();
            let program = Program { values: (0..n).map(|_| rng.r#gen::<f64>()).collect(), rows, fixed };
            let start: Vec<bool> = (0..n).map(|_| rng.gen_bool(0.3)).collect();
            let pinned =
                |chosen: &[bool]| Program { fixed: chosen.iter().map(|c| Some(*c)).collect(), ..program.clone() };
            let feasible = |chosen: &[bool]| {
                exhaustive(&pinned(chosen)).is_some()
                    && program.fixed.iter().zip(chosen).all(|(f, c)| f.is_none_or(|f| f == *c))
            };
            if !feasible(&start) {
                continue;
            }
            let after = polished(&program, &start);
            assert!(feasible(&after), "case {case}: {after:?} from {start:?} breaks a row of {program:?}");
            let value = |c: &[bool]| -> f64 { (0..n).filter(|&j| c[j]).map(|j| program.values[j]).sum() };
            assert!(value(&after) >= value(&start), "case {case}: lost value");
            improved += usize::from(value(&after) > value(&start));
        }
        assert!(improved > 50, "only {improved} selections improved");
    }
}
