//! Seeded selection problems shaped like a city's yearly selection (issue 18), shared by `benches/selection.rs`
//! and `examples/select_instances.rs`, which writes them as `samordna select` input for the peers
//! (`benches/select_peers.py`).
//!
//! A family is `n` candidates over `years` years with a development and a management frame per year. Each
//! candidate's development cost is log-normal around 2 MSEK, spread evenly over 1–3 years from a random start
//! year (years past the horizon are left out); from the year after, management costs 10–30 % of it per year. The
//! value is 0.05–1 with four decimals, mildly correlated with size ([`Values::FourDecimals`], issue 18), or as the
//! app makes it ([`Values::Weighted`], issue 29): the weighted sum of nine members' mean scores on six criteria,
//! unrounded, the same problem otherwise. Four items are mandatory; `n/20` pairs
//! "requires" (always from a later to an earlier item in a random order, so there are no cycles) and `n/40` pairs
//! "excludes" (never between items that must be chosen together). Every frame is `level` of the summed demand on
//! it, but never below what the mandatory items and what they require cost on it.

// Each includer (the bench, the example, the engine tests) uses a part of this module.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng, rngs::StdRng};
use samordna::Money;
use samordna::prioritisation::selection::{Candidate, Problem};

/// How a family's values are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// 0.05–1 rounded to four decimals (issue 18's families): a branch and bound may prune by the last decimal.
    FourDecimals,
    /// As the app makes them (`prioritisation::assessment`): Σ wₖ · (meanₖ − 1) / 4 over six criteria scored 1–5
    /// by nine members, with weights from pairwise comparisons (unrounded, summing to 1). No granularity to prune by.
    Weighted,
    /// Like `Weighted`, but every score uniformly random 1–5 (no quality behind it) and random weights: values
    /// crowd around 0.5, so many selections are worth nearly the same. The hardest kind measured (issue 29, left).
    Crowded,
}

/// One family: candidates, years, the frames as a share of the summed demand, and how values are made.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    pub candidates: usize,
    pub years: i32,
    /// 0.4, 0.6 or 0.8.
    pub level: f64,
    pub values: Values,
}

impl Family {
    /// `n200-y4-f60`, or `n200-y4-f60-w` for weighted values: what the bench and the instance files are called.
    pub fn name(&self) -> String {
        let style = match self.values {
            Values::FourDecimals => "",
            Values::Weighted => "-w",
            Values::Crowded => "-u",
        };
        format!("n{}-y{}-f{}{style}", self.candidates, self.years, (self.level * 100.0).round() as u32)
    }
}

/// The families the issues name: 200 candidates × 4 years and 500 × 5, each at 40, 60 and 80 % of the demand,
/// with values of four decimals (issue 18) and as the app makes them (issue 29).
pub fn families() -> Vec<Family> {
    let mut out = Vec::new();
    for values in [Values::FourDecimals, Values::Weighted] {
        for (candidates, years) in [(200, 4), (500, 5)] {
            for level in [0.4, 0.6, 0.8] {
                out.push(Family { candidates, years, level, values });
            }
        }
    }
    out
}

/// [`families`], and the crowded values at 200 × 4 and 500 × 5, 40 %: for the benchmark and the probe, not the
/// tests (the 500-candidate ones are not all proven within a minute yet).
pub fn all_families() -> Vec<Family> {
    let mut out = families();
    for (candidates, years) in [(200, 4), (500, 5)] {
        out.push(Family { candidates, years, level: 0.4, values: Values::Crowded });
    }
    out
}

/// Criteria and members of the weighted values.
const CRITERIA: usize = 6;
const MEMBERS: usize = 9;

/// Values as the app makes them, for candidates whose size ranks are `rank` (0 smallest, 1 largest): each has a
/// latent quality (a third from its size's rank, the rest random); each member scores each criterion 1–5 around it;
/// the value is the weighted sum of the normalised means. The weights are the normalised geometric means of the
/// rows of a pairwise comparison matrix on Saaty's scale, as a criteria set's pairwise weights are.
// The judgement matrix is filled at (a, b) and (b, a) together: indices, not an iterator.
#[allow(clippy::needless_range_loop)]
fn weighted_values(rank: &[f64], rng: &mut StdRng) -> Vec<f64> {
    const SCALE: [f64; 9] = [1.0 / 5.0, 1.0 / 4.0, 1.0 / 3.0, 1.0 / 2.0, 1.0, 2.0, 3.0, 4.0, 5.0];
    let mut matrix = [[1.0f64; CRITERIA]; CRITERIA];
    for a in 0..CRITERIA {
        for b in a + 1..CRITERIA {
            let judgement = SCALE[rng.gen_range(0..SCALE.len())];
            matrix[a][b] = judgement;
            matrix[b][a] = 1.0 / judgement;
        }
    }
    let geometric: Vec<f64> =
        matrix.iter().map(|row| row.iter().product::<f64>().powf(1.0 / CRITERIA as f64)).collect();
    let total: f64 = geometric.iter().sum();
    let weights: Vec<f64> = geometric.iter().map(|g| g / total).collect();
    rank.iter()
        .map(|&r| {
            let quality = r / 3.0 + rng.r#gen::<f64>() * 2.0 / 3.0;
            weights
                .iter()
                .map(|w| {
                    let criterion = (quality + 0.3 * standard_normal(rng)).clamp(0.0, 1.0);
                    let sum: u32 = (0..MEMBERS)
                        .map(|_| (1.0 + 4.0 * criterion + 0.8 * standard_normal(rng)).round().clamp(1.0, 5.0) as u32)
                        .sum();
                    let mean = f64::from(sum) / MEMBERS as f64;
                    w * (mean - 1.0) / 4.0
                })
                .sum()
        })
        .collect()
}

/// The seeds each family is measured on (the median over them is what counts).
pub const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

/// The first year of the planning period.
const FIRST_YEAR: i32 = 2027;

fn standard_normal(rng: &mut StdRng) -> f64 {
    // Box–Muller; `1 - u` keeps the logarithm finite.
    let u: f64 = rng.r#gen::<f64>();
    let v: f64 = rng.r#gen::<f64>();
    (-2.0 * (1.0 - u).ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// The problem of `family` for `seed`.
pub fn problem(family: Family, seed: u64) -> Problem {
    let mut rng = StdRng::seed_from_u64(seed ^ (family.candidates as u64) << 32 ^ (family.years as u64) << 48);
    let n = family.candidates;
    let years: Vec<i32> = (FIRST_YEAR..FIRST_YEAR + family.years).collect();
    let development = |year: i32| format!("{year} utveckling");
    let management = |year: i32| format!("{year} förvaltning");

    let mut sizes = Vec::with_capacity(n);
    let mut costs: Vec<BTreeMap<String, Money>> = Vec::with_capacity(n);
    for _ in 0..n {
        // Log-normal around 2 MSEK: median 2 000 000 kr, σ = 0.75 on the log scale; whole kronor.
        let total = (2_000_000.0 * (0.75 * standard_normal(&mut rng)).exp()).round().max(10_000.0);
        let length = rng.gen_range(1..=3);
        let start = rng.gen_range(0..family.years);
        let per_year = (total / f64::from(length)).round() as i64;
        let management_share = rng.gen_range(0.10..=0.30);
        let mut cost = BTreeMap::new();
        for (k, &year) in years.iter().enumerate() {
            let k = k as i32;
            if k >= start && k < start + length {
                cost.insert(development(year), Money::from_kronor(per_year));
            } else if k >= start + length {
                cost.insert(management(year), Money::from_kronor((total * management_share).round() as i64));
            }
        }
        sizes.push(total);
        costs.push(cost);
    }
    // Values 0.05–1, four decimals, mildly correlated with size: a third from the size's rank, the rest random.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| sizes[a].total_cmp(&sizes[b]));
    let mut rank = vec![0.0; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as f64 / (n.max(2) - 1) as f64;
    }
    let values: Vec<f64> = (0..n)
        .map(|i| {
            let mixed = rank[i] / 3.0 + rng.r#gen::<f64>() * 2.0 / 3.0;
            ((0.05 + 0.95 * mixed) * 10_000.0).round() / 10_000.0
        })
        .collect();
    // The weighted values from a generator of their own, so that costs, rules and frames are those of the
    // four-decimal family of the same seed.
    let mut own = StdRng::seed_from_u64(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let values = match family.values {
        Values::FourDecimals => values,
        Values::Weighted => weighted_values(&rank, &mut own),
        Values::Crowded => crowded_values(n, &mut own),
    };

    let id = |i: usize| format!("c{i:04}");
    let mut mandatory = BTreeSet::new();
    while mandatory.len() < 4.min(n) {
        mandatory.insert(rng.gen_range(0..n));
    }
    // "requires" from a later to an earlier item of a random order: no cycles.
    let mut position: Vec<usize> = (0..n).collect();
    position.shuffle(&mut rng);
    let mut requires: BTreeSet<(usize, usize)> = BTreeSet::new();
    while requires.len() < n / 20 {
        let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
        if a != b {
            let (later, earlier) = if position[a] > position[b] { (a, b) } else { (b, a) };
            requires.insert((later, earlier));
        }
    }
    // What is forced: the mandatory items and what they require, transitively.
    let mut forced = mandatory.clone();
    loop {
        let more: Vec<usize> =
            requires.iter().filter(|(a, b)| forced.contains(a) && !forced.contains(b)).map(|&(_, b)| b).collect();
        if more.is_empty() {
            break;
        }
        forced.extend(more);
    }
    let related = |a: usize, b: usize| requires.contains(&(a, b)) || requires.contains(&(b, a));
    let mut excludes: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut attempts = 0;
    while excludes.len() < n / 40 && attempts < 100 * n {
        attempts += 1;
        let (a, b) = (rng.gen_range(0..n), rng.gen_range(0..n));
        let (a, b) = (a.min(b), a.max(b));
        if a != b && !related(a, b) && !(forced.contains(&a) && forced.contains(&b)) {
            excludes.insert((a, b));
        }
    }

    let mut frames = BTreeMap::new();
    for &year in &years {
        for frame in [development(year), management(year)] {
            let demand: i64 = costs.iter().filter_map(|c| c.get(&frame)).map(|m| m.ore()).sum();
            let floor: i64 = forced.iter().filter_map(|&i| costs[i].get(&frame)).map(|m| m.ore()).sum();
            let level = ((demand as f64 * family.level) / 100.0).floor() as i64 * 100;
            frames.insert(frame, Money::from_ore(level.max(floor)));
        }
    }
    let candidates = (0..n)
        .map(|i| Candidate {
            id: id(i),
            value: values[i],
            cost: costs[i].clone(),
            mandatory: mandatory.contains(&i),
            excluded: false,
            requires: requires.iter().filter(|(a, _)| *a == i).map(|&(_, b)| id(b)).collect(),
            excludes: excludes
                .iter()
                .filter_map(|&(a, b)| {
                    if a == i {
                        Some(id(b))
                    } else if b == i {
                        Some(id(a))
                    } else {
                        None
                    }
                })
                .collect(),
        })
        .collect();
    Problem { frames, candidates }
}

/// Values of random weights over nine members' uniformly random scores 1–5 on six criteria.
fn crowded_values(n: usize, rng: &mut StdRng) -> Vec<f64> {
    let weights: Vec<f64> = (0..CRITERIA).map(|_| rng.r#gen::<f64>()).collect();
    let total: f64 = weights.iter().sum();
    (0..n)
        .map(|_| {
            weights
                .iter()
                .map(|w| {
                    let sum: u32 = (0..MEMBERS).map(|_| rng.gen_range(1..=5u32)).sum();
                    w / total * (f64::from(sum) / MEMBERS as f64 - 1.0) / 4.0
                })
                .sum()
        })
        .collect()
}

/// `problem` as `samordna select` input: amounts in kronor, as the CLI reads them.
pub fn to_json(problem: &Problem) -> serde_json::Value {
    let kronor = |m: &Money| serde_json::Value::from(m.ore() / 100);
    serde_json::json!({
        "frames": problem.frames.iter().map(|(f, m)| (f.clone(), kronor(m))).collect::<serde_json::Map<_, _>>(),
        "candidates": problem.candidates.iter().map(|c| {
            let mut object = serde_json::json!({
                "id": c.id,
                "value": c.value,
                "cost": c.cost.iter().map(|(f, m)| (f.clone(), kronor(m))).collect::<serde_json::Map<_, _>>(),
            });
            for (key, list) in [("requires", &c.requires), ("excludes", &c.excludes)] {
                if !list.is_empty() {
                    object[key] = serde_json::json!(list);
                }
            }
            if c.mandatory {
                object["mandatory"] = serde_json::json!(true);
            }
            object
        }).collect::<Vec<_>>(),
    })
}
