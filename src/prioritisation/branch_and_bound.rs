//! An exact solver for the selection's 0–1 program, made for its shape: a few budget frames (knapsack rows with
//! non-negative costs), a few "requires" and "excludes" pairs, and tens to hundreds of candidates.
//!
//! maximise Σ vⱼ·xⱼ subject to Σ aᵢⱼ·xⱼ ≤ bᵢ for every row, xⱼ ∈ {0, 1}, some xⱼ fixed.
//!
//! Branch and bound on the linear relaxation. At the root, extended cover inequalities of the frames that the
//! relaxation breaks are added as rows, round after round. The relaxation is solved by a bounded dual simplex on a
//! dense tableau (the rows are few), warm-started from the parent's optimal basis, so a child costs a few pivots,
//! and it stops as soon as its bound falls below the incumbent. The open node with the highest bound is taken next
//! (the child that takes the variable first among equals); when the open nodes fill [`MEMORY`], the search goes
//! depth first. At every node: variables whose reduced cost shows that flipping them cannot beat the incumbent are
//! fixed (reduced-cost fixing); an integral relaxation is checked exactly in integers and becomes the incumbent;
//! the relaxation rounded down and completed greedily by value per scaled cost gives incumbents early. A node is
//! cut off when its bound is not above the incumbent by more than [`ABSOLUTE_GAP`] (HiGHS's `mip_abs_gap` as we
//! set it, so both prove the same thing), or, when every value has at most six decimals, when it does not reach
//! the incumbent plus one step of the last decimal (as HiGHS does for an objective it finds integral). Feasibility
//! is always decided in exact integers (öre); floating point only guides the search and bounds it.

use std::time::Instant;

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
}

const NONBASIC: usize = usize::MAX;

struct Search<'a> {
    program: &'a Program,
    /// The rows of the relaxation: the program's and the cuts added at the root.
    rows: Vec<Row>,
    /// The step between selections' values (see [`granularity`]).
    step: f64,
    n: usize,
    m: usize,
    width: usize,
    /// The variables' columns: (row, coefficient) in exact integers.
    columns: Vec<Vec<(usize, i64)>>,
    /// The order to complete a rounded selection in: value per scaled cost, highest first.
    greedy_order: Vec<usize>,
    best: Option<(f64, Vec<bool>)>,
    deadline: Option<Instant>,
    nodes: u64,
}

/// Solves `program`, starting from `incumbent` when given (it must be feasible; it is checked), until proven or
/// `deadline`.
pub fn solve(program: &Program, incumbent: Option<&[bool]>, deadline: Option<Instant>) -> Answer {
    let n = program.values.len();
    if program.fixed.len() != n || program.rows.iter().flat_map(|r| &r.entries).any(|&(j, _)| j >= n) {
        return Answer::GaveUp;
    }
    let step = granularity(&program.values);
    let mut rows = program.rows.clone();
    let mut cuts = 0;
    loop {
        let Some((mut search, mut root)) = prepare(program, rows.clone(), deadline, step) else {
            return Answer::GaveUp;
        };
        if (0..n).any(|j| root.lower[j] > root.upper[j]) {
            return Answer::Infeasible;
        }
        if let Some(start) = incumbent
            && start.len() == n
            && search.feasible(start)
        {
            search.best = Some((search.value(start), start.to_vec()));
        }
        if cuts >= MAX_CUTS {
            return search.run(root);
        }
        // Cuts at the root: cover inequalities of the frames that the relaxation breaks, until none is found.
        match search.dual_simplex(&mut root, None) {
            Relaxation::Infeasible => return Answer::Infeasible,
            Relaxation::Untrusted => return Answer::GaveUp,
            Relaxation::Optimal | Relaxation::CutOff => {}
        }
        let found = covers(program, &root);
        if found.is_empty() {
            return search.run(root);
        }
        cuts += found.len();
        rows.extend(found);
    }
}

/// The most cover inequalities added at the root.
const MAX_CUTS: usize = 60;

/// The step between two selections' values when every value has at most six decimals (values of four decimals:
/// 0.0001), else 0: a node whose bound does not reach the incumbent plus a step cannot hold a better selection.
fn granularity(values: &[f64]) -> f64 {
    for decimals in 0..=6 {
        let scale = 10f64.powi(decimals);
        if values.iter().all(|v| (v * scale - (v * scale).round()).abs() <= 1e-9 * scale.max(1.0) && v.abs() < 1e6) {
            return 1.0 / scale;
        }
    }
    0.0
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
fn prepare(program: &Program, rows: Vec<Row>, deadline: Option<Instant>, step: f64) -> Option<(Search<'_>, Node)> {
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
    };
    let search = Search { program, rows, n, m, width, columns, greedy_order, step, best: None, deadline, nodes: 0 };
    Some((search, root))
}

impl Search<'_> {
    /// What a node's bound must reach to hold a better selection than one worth `best`: the next step of the
    /// values when they have few decimals (less a margin for the relaxation's rounding), else `best` plus
    /// [`ABSOLUTE_GAP`].
    fn threshold(&self, best: f64) -> f64 {
        // A millionth of a step below it: the relaxation's rounding cannot cut off a selection one step better.
        if self.step > 0.0 { best + self.step * (1.0 - 1e-6) } else { best + ABSOLUTE_GAP }
    }

    fn cut_off(&self, bound: f64) -> bool {
        self.best.as_ref().is_some_and(|(best, _)| bound < self.threshold(*best))
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

    fn offer(&mut self, chosen: Vec<bool>) {
        if !self.feasible(&chosen) {
            return;
        }
        let value = self.value(&chosen);
        if self.best.as_ref().is_none_or(|(best, _)| value > *best) {
            self.best = Some((value, chosen));
        }
    }

    fn run(&mut self, root: Node) -> Answer {
        // Open nodes, each with its full tableau. The one with the highest bound is taken next (ties: the latest,
        // so a child follows its parent); when they hold more than `MEMORY` bytes, the latest is taken (depth
        // first), so the pool stops growing.
        let node_bytes = 8 * (self.m * self.width + 4 * self.width) + 8 * self.m;
        let cap = (MEMORY / node_bytes.max(1)).max(64);
        let mut stack = vec![root];
        let mut complete = true;
        loop {
            let next = if stack.len() >= cap {
                stack.len().checked_sub(1)
            } else {
                (0..stack.len()).rev().max_by(|&a, &b| stack[a].bound.total_cmp(&stack[b].bound).then(b.cmp(&a)))
            };
            let Some(next) = next else { break };
            let mut node = stack.swap_remove(next);
            if self.cut_off(node.bound) {
                continue;
            }
            self.nodes += 1;
            if self.nodes.is_multiple_of(256)
                && let Some(deadline) = self.deadline
                && Instant::now() >= deadline
            {
                complete = false;
                break;
            }
            let cutoff = self.best.as_ref().map(|(best, _)| self.threshold(*best));
            match self.dual_simplex(&mut node, cutoff) {
                Relaxation::Infeasible | Relaxation::CutOff => continue,
                Relaxation::Untrusted => return Answer::GaveUp,
                Relaxation::Optimal => {}
            }
            let bound: f64 = (0..self.n).map(|j| self.program.values[j] * node.x[j]).sum();
            if self.cut_off(bound) {
                continue;
            }
            self.round_and_complete(&node);
            if let Some((best, _)) = &self.best {
                let slack = bound - self.threshold(*best);
                if slack < 0.0 {
                    continue;
                }
                // Reduced-cost fixing: moving a nonbasic variable off its bound costs at least |d| of the bound.
                for j in 0..self.n {
                    if node.row_of[j] == NONBASIC && node.lower[j] < node.upper[j] && node.d[j].abs() > slack {
                        node.lower[j] = node.x[j];
                        node.upper[j] = node.x[j];
                    }
                }
            }
            let fractional = (0..self.n)
                .filter(|&j| node.row_of[j] != NONBASIC)
                .map(|j| (j, (node.x[j] - node.x[j].floor()).min(node.x[j].ceil() - node.x[j])))
                .filter(|&(_, f)| f > INTEGRALITY_TOLERANCE)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let branch = match fractional {
                Some((j, _)) => j,
                None => {
                    let chosen: Vec<bool> = (0..self.n).map(|j| node.x[j] > 0.5).collect();
                    if self.feasible(&chosen) {
                        self.offer(chosen);
                        continue;
                    }
                    // Integral within tolerance but not exactly feasible: branch on a free chosen variable.
                    match (0..self.n).find(|&j| node.lower[j] < node.upper[j] && node.x[j] > 0.5) {
                        Some(j) => j,
                        None => continue,
                    }
                }
            };
            // Both children carry this node's bound; the one that takes the variable is pushed last, so it is taken
            // first among equals.
            node.bound = bound;
            let mut down = node.clone();
            self.fix(&mut down, branch, 0.0);
            self.fix(&mut node, branch, 1.0);
            stack.push(down);
            stack.push(node);
        }
        match (self.best.take(), complete) {
            (Some((_, chosen)), true) => Answer::Optimal(chosen),
            (Some((_, chosen)), false) => Answer::Unproven(chosen),
            (None, true) => Answer::Infeasible,
            (None, false) => Answer::GaveUp,
        }
    }

    /// The relaxation rounded down, then completed in the greedy order with what still fits, exactly.
    fn round_and_complete(&mut self, node: &Node) {
        let mut chosen: Vec<bool> = (0..self.n).map(|j| node.x[j] > 1.0 - INTEGRALITY_TOLERANCE).collect();
        let mut used: Vec<i128> = vec![0; self.m];
        for j in (0..self.n).filter(|&j| chosen[j]) {
            for &(i, a) in &self.columns[j] {
                used[i] += i128::from(a);
            }
        }
        if (0..self.m).any(|i| used[i] > i128::from(self.rows[i].limit)) {
            return;
        }
        for &j in &self.greedy_order {
            if chosen[j] || node.upper[j] < 0.5 {
                continue;
            }
            if self.columns[j].iter().all(|&(i, a)| used[i] + i128::from(a) <= i128::from(self.rows[i].limit)) {
                chosen[j] = true;
                for &(i, a) in &self.columns[j] {
                    used[i] += i128::from(a);
                }
            }
        }
        self.offer(chosen);
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
    fn dual_simplex(&self, node: &mut Node, cutoff: Option<f64>) -> Relaxation {
        let (m, width) = (self.m, self.width);
        let limit = 50 * (m + width);
        for _ in 0..limit {
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
    fn random_programs_agree_with_every_subset() {
        use rand::{Rng, SeedableRng, rngs::StdRng};
        let mut rng = StdRng::seed_from_u64(18);
        for case in 0..400 {
            let n = rng.gen_range(1..=12);
            let frames = rng.gen_range(1..=4);
            let values: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(0..10_000)) / 10_000.0).collect();
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
}
