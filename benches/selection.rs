//! Selection under budget frames, proven optimal (issue 18), results in docs/benchmarks.md: one benchmark per
//! family of `support/select_family.rs` (200 candidates × 4 years and 500 × 5, frames at 40, 60 and 80 % of the
//! demand), each over the family's seeds. The peers (CBC, HiGHS) run on the same problems through
//! `benches/select_peers.py`.
//!
//! Run with `cargo bench --bench selection` (`-- n200` for one size).

#[path = "support/select_family.rs"]
mod select_family;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

fn select(c: &mut Criterion) {
    for family in select_family::families() {
        let mut group = c.benchmark_group(format!("select {}", family.name()));
        group.sample_size(10).measurement_time(Duration::from_secs(if family.candidates > 200 { 60 } else { 10 }));
        for seed in select_family::SEEDS {
            let problem = select_family::problem(family, seed);
            group.bench_function(format!("seed {seed}"), |b| {
                b.iter(|| {
                    let (selection, proven) = problem.solve().expect("solvable");
                    assert!(proven, "{} seed {seed} not proven optimal", family.name());
                    black_box(selection.chosen.len())
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, select);
criterion_main!(benches);
