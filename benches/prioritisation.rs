//! Benchmarks for the prioritisation targets (issue 3), results in docs/benchmarks.md:
//! - aggregate and rank 10,000 initiatives × 20 criteria × 15 members (target < 50 ms);
//! - re-rank 500 initiatives after a weight change (target < 5 ms).
//!
//! Selection under budget frames has its own bench, `benches/selection.rs`.
//!
//! Run with `cargo bench --bench prioritisation`. The data is synthetic but shaped like the sample portfolio.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng, rngs::StdRng};
use samordna::domain::{Aggregation, Direction};
use samordna::prioritisation::assessment::summarise_cells;
use samordna::prioritisation::ranking::{self, Scale};

/// Scores of `members` members for every initiative × criterion, with 4 % "don't know".
fn scores(initiatives: usize, criteria: usize, members: usize, seed: u64) -> Vec<(usize, usize, Option<u8>)> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(initiatives * criteria * members);
    for i in 0..initiatives {
        for c in 0..criteria {
            let centre: f64 = rng.gen_range(0.0..4.0);
            for _ in 0..members {
                let value = if rng.gen_bool(0.04) {
                    None
                } else {
                    Some((centre + rng.gen_range(-1.0..1.0)).round().clamp(0.0, 4.0) as u8)
                };
                out.push((i, c, value));
            }
        }
    }
    out
}

fn scales(criteria: usize) -> Vec<Scale> {
    (0..criteria)
        .map(|c| Scale {
            min: 0,
            max: 4,
            direction: if c % 7 == 5 { Direction::LowerIsBetter } else { Direction::HigherIsBetter },
        })
        .collect()
}

/// Summaries → normalised scores → weighted values → ranks with ties.
fn rank_from_scores(
    initiatives: usize,
    scales: &[Scale],
    weights: &[f64],
    scores: &[(usize, usize, Option<u8>)],
) -> usize {
    let summaries = summarise_cells(initiatives, scales, Aggregation::Mean, scores.iter().copied());
    let criteria = scales.len();
    let values: Vec<f64> = (0..initiatives)
        .map(|i| {
            let normalised: Vec<Option<f64>> =
                (0..criteria).map(|c| summaries[i * criteria + c].aggregate.map(|a| scales[c].normalise(a))).collect();
            ranking::value(weights, &normalised)
        })
        .collect();
    ranking::rank(&values).len()
}

fn aggregate_and_rank(c: &mut Criterion) {
    let (initiatives, criteria, members) = (10_000, 20, 15);
    let data = scores(initiatives, criteria, members, 1);
    let scales = scales(criteria);
    let weights = ranking::normalise_weights(&vec![1.0; criteria]);
    c.bench_function("aggregate and rank 10 000 × 20 × 15", |b| {
        b.iter(|| black_box(rank_from_scores(initiatives, &scales, &weights, black_box(&data))))
    });
}

fn rerank(c: &mut Criterion) {
    let (initiatives, criteria) = (500, 20);
    let data = scores(initiatives, criteria, 15, 2);
    let scales = scales(criteria);
    let summaries = summarise_cells(initiatives, &scales, Aggregation::Mean, data.iter().copied());
    let normalised: Vec<Vec<Option<f64>>> = (0..initiatives)
        .map(|i| (0..criteria).map(|k| summaries[i * criteria + k].aggregate.map(|a| scales[k].normalise(a))).collect())
        .collect();
    let mut weights = vec![1.0; criteria];
    let mut step = 0usize;
    c.bench_function("re-rank 500 after a weight change (with sensitivity)", |b| {
        b.iter(|| {
            step += 1;
            weights[step % criteria] = 0.5 + (step % 10) as f64 / 10.0;
            let w = ranking::normalise_weights(&weights);
            let values: Vec<f64> = normalised.iter().map(|n| ranking::value(&w, n)).collect();
            let places = ranking::rank(&values);
            black_box(ranking::sensitivity(&w, &normalised, &places).len())
        })
    });
}

criterion_group!(benches, aggregate_and_rank, rerank);
criterion_main!(benches);
