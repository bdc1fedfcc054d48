//! Inside the selection's branch and bound on the benchmark families of `benches/support/select_family.rs`: per
//! family and seed, the time, the nodes, the cuts and the root bounds against the optimum, for tuning the search:
//!
//! ```sh
//! cargo run --release --example select_probe -- [FAMILY PREFIX] [SECONDS]
//! ```

#[path = "../benches/support/select_family.rs"]
mod select_family;

use std::time::{Duration, Instant};

use samordna::prioritisation::branch_and_bound::{self, Answer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let only = std::env::args().nth(1).unwrap_or_default();
    let seconds: u64 = std::env::args().nth(2).map(|s| s.parse()).transpose()?.unwrap_or(60);
    println!(
        "{:<20} {:>8} {:>9} {:>5} {:>12} {:>12} {:>12} {:>9}  answer",
        "instance", "s", "nodes", "cuts", "root", "root+cuts", "best", "found at"
    );
    for family in select_family::all_families() {
        for seed in select_family::SEEDS {
            // A family (`n500-y5-f40-w`) or one problem (`n500-y5-f40-w-s1`).
            let name = format!("{}-s{seed}", family.name());
            if !(family.name().starts_with(&only) || name == only) {
                continue;
            }
            let problem = select_family::problem(family, seed);
            let program = problem.as_program()?;
            let greedy = problem.greedy()?;
            let mut incumbent: Vec<bool> = problem.candidates.iter().map(|c| greedy.chosen.contains(&c.id)).collect();
            // PROBE_OPTIMUM=1: start from the optimum, to see what proving it alone takes.
            if std::env::var_os("PROBE_OPTIMUM").is_some()
                && let (Answer::Optimal(optimum), _) = branch_and_bound::solve_with_statistics(&program, None, None)
            {
                incumbent = optimum;
            }
            let started = Instant::now();
            let (answer, statistics) = branch_and_bound::solve_with_statistics(
                &program,
                Some(&incumbent),
                Some(started + Duration::from_secs(seconds)),
            );
            let elapsed = started.elapsed().as_secs_f64();
            let (kind, chosen) = match &answer {
                Answer::Optimal(c) => ("optimal", Some(c)),
                Answer::Unproven(c) => ("unproven", Some(c)),
                Answer::Infeasible => ("infeasible", None),
                Answer::GaveUp => ("gave up", None),
            };
            let value: f64 = chosen
                .map(|c| c.iter().zip(&program.values).filter(|(c, _)| **c).map(|(_, v)| v).sum())
                .unwrap_or(f64::NAN);
            println!(
                "{:<20} {elapsed:8.3} {:>9} {:>5} {:>12.4} {:>12.4} {value:>12.4} {:>9}  {kind}",
                name,
                statistics.nodes,
                statistics.cuts,
                statistics.root_bound,
                statistics.root_bound_with_cuts,
                statistics.best_found_at,
            );
        }
    }
    Ok(())
}
