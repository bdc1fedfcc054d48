//! The selection's own branch and bound (`prioritisation::branch_and_bound`) against HiGHS, the general MIP
//! solver it falls back to, on problems of the benchmark families (`benches/support/select_family.rs`, issue 18)
//! at sizes a debug build proves in seconds: the same optimal value on every one, both proven.

#[path = "../../benches/support/select_family.rs"]
mod select_family;

use std::time::Duration;

use select_family::Family;

#[test]
fn branch_and_bound_and_highs_prove_the_same_optimum_on_the_benchmark_families() {
    let mut compared = 0;
    for candidates in [40, 80] {
        for level in [0.4, 0.6, 0.8] {
            let family = Family { candidates, years: 4, level };
            for seed in 1..=3 {
                let problem = select_family::problem(family, seed);
                let (ours, proven) = problem.solve().unwrap();
                assert!(proven, "{} seed {seed}: not proven", family.name());
                let (reference, reference_proven) = problem.solve_with_highs(Duration::from_secs(120)).unwrap();
                assert!(reference_proven, "{} seed {seed}: HiGHS did not prove its answer", family.name());
                assert!(
                    (ours.total_value - reference.total_value).abs() < 1e-6,
                    "{} seed {seed}: {} against HiGHS's {}",
                    family.name(),
                    ours.total_value,
                    reference.total_value
                );
                let chosen: Vec<usize> = problem
                    .candidates
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| ours.chosen.contains(&c.id))
                    .map(|(i, _)| i)
                    .collect();
                assert!(problem.is_feasible(&chosen), "{} seed {seed}: breaks a frame or rule", family.name());
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 18);
}
