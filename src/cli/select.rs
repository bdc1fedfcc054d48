//! `samordna select FILE.json [--json]`: the most valuable set of initiatives within budget frames, next to what
//! ranking by value per krona would pick. Needs no portfolio.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::PathBuf;

use samordna::Money;
use samordna::prioritisation::selection::{
    Candidate, Comparison, Problem, Progress, Searching, Selection, SelectionError,
};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Failure, Outcome, json as pretty, print, read_input};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    frames: BTreeMap<String, Value>,
    candidates: Vec<InputCandidate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputCandidate {
    id: String,
    value: f64,
    #[serde(default)]
    cost: BTreeMap<String, Value>,
    #[serde(default)]
    mandatory: bool,
    #[serde(default)]
    excluded: bool,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    excludes: Vec<String>,
}

/// An amount in kronor as a JSON number (`1500000`, `1322870.29`) or text (`"1 500 000,50"`), exactly.
fn amount(value: &Value, field: &str) -> Result<Money, Failure> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    };
    text.parse::<Money>().map_err(|e| Failure::Input(format!("{field}: {e}")))
}

pub fn run(file: PathBuf, as_json: bool) -> Outcome {
    let input: Input = read_input(&file)?;
    let frames = input
        .frames
        .iter()
        .map(|(name, value)| Ok((name.clone(), amount(value, &format!("frames.{name}"))?)))
        .collect::<Result<BTreeMap<_, _>, Failure>>()?;
    let candidates = input
        .candidates
        .into_iter()
        .map(|c| {
            let cost = c
                .cost
                .iter()
                .map(|(frame, value)| {
                    Ok((frame.clone(), amount(value, &format!("candidates[{}].cost.{frame}", c.id))?))
                })
                .collect::<Result<BTreeMap<_, _>, Failure>>()?;
            Ok(Candidate {
                id: c.id,
                value: c.value,
                cost,
                mandatory: c.mandatory,
                excluded: c.excluded,
                requires: c.requires,
                excludes: c.excludes,
            })
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    if candidates.is_empty() {
        return Err(Failure::Input(format!(
            "{}: no candidates to select from (\"candidates\" is empty)",
            file.display()
        )));
    }
    let problem = Problem { frames, candidates };
    let comparison = compare_showing_progress(&problem).map_err(|e| Failure::Input(e.to_string()))?;
    if as_json {
        print(&pretty(&comparison_json(&problem, &comparison)))
    } else {
        print(&comparison_text(&problem, &comparison))
    }
}

/// Solves `problem`, with a progress line on standard error each second after the first when it is a terminal
/// (issue 29: a solve of many candidates can take tens of seconds). The line is cleared when the answer comes.
fn compare_showing_progress(problem: &Problem) -> Result<Comparison, SelectionError> {
    use std::io::{IsTerminal, Write as _};
    use std::sync::atomic::{AtomicBool, Ordering};
    let progress = Progress::new();
    if !std::io::stderr().is_terminal() {
        return problem.compare_observed(&progress);
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut next = 1.0;
            let mut shown = false;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let now = progress.now();
                if now.seconds >= next && !done.load(Ordering::Relaxed) {
                    let _ = write!(std::io::stderr(), "\r{}", progress_line(now));
                    shown = true;
                    next = now.seconds.floor() + 1.0;
                }
            }
            if shown {
                let _ = write!(std::io::stderr(), "\r\x1b[K");
            }
        });
        let result = problem.compare_observed(&progress);
        done.store(true, Ordering::Relaxed);
        result
    })
}

/// "Searching for the best selection: 12 s, 1234567 nodes searched" (as the details line counts them).
fn progress_line(now: Searching) -> String {
    format!("Searching for the best selection: {} s, {} nodes searched", now.seconds.floor(), now.nodes)
}

fn selection_json(selection: &Selection) -> Value {
    json!({
        "chosen": selection.chosen,
        "total_value": selection.total_value,
        "cost": selection.cost.iter().map(|(f, m)| (f.clone(), json!(m.kronor_f64()))).collect::<serde_json::Map<_, _>>(),
        "left": selection.left.iter().map(|(f, m)| (f.clone(), json!(m.kronor_f64()))).collect::<serde_json::Map<_, _>>(),
    })
}

fn comparison_json(problem: &Problem, comparison: &Comparison) -> Value {
    let mut out = selection_json(&comparison.optimal);
    out["frames"] = problem
        .frames
        .iter()
        .map(|(f, m)| (f.clone(), json!(m.kronor_f64())))
        .collect::<serde_json::Map<_, _>>()
        .into();
    out["proven_optimal"] = json!(comparison.proven_optimal);
    out["proof"] = json!(comparison.proof);
    out["greedy"] = selection_json(&comparison.greedy);
    out["difference"] = json!({
        "only_in_optimal": comparison.only_in_optimal,
        "only_in_greedy": comparison.only_in_greedy,
        "value_gained": comparison.value_gained,
    });
    out
}

/// How the answer was found, for the details line: the solver, the time, the branch and bound's nodes.
fn proof_text(proof: &samordna::prioritisation::selection::Proof) -> String {
    use samordna::prioritisation::selection::Solver;
    let by = match proof.solver {
        Solver::BranchAndBound => "Samordna's branch and bound",
        Solver::Highs => "HiGHS (after the branch and bound)",
        Solver::Greedy => "the ranking by value per krona (no solver answered in time)",
    };
    let threads = if proof.workers > 1 { format!(" on {} threads", proof.workers) } else { String::new() };
    format!("Found by {by} in {:.2} s ({} nodes searched{threads})", proof.seconds, proof.nodes)
}

fn comparison_text(problem: &Problem, comparison: &Comparison) -> String {
    let plain = |m: &Money| m.to_string().replace('\u{a0}', " ");
    let mut out = String::new();
    let optimal = &comparison.optimal;
    let proof = if comparison.proven_optimal { "proven optimal" } else { "best found within the time limit" };
    let _ = writeln!(out, "Chosen ({proof}): {}", optimal.chosen.join(", "));
    let _ = writeln!(out, "{}", proof_text(&comparison.proof));
    let _ = writeln!(out, "Total value: {:.4}", optimal.total_value);
    let _ = writeln!(out, "{:<20} {:>20} {:>20} {:>20}", "FRAME", "USED", "LIMIT", "LEFT");
    for (frame, limit) in &problem.frames {
        let _ = writeln!(
            out,
            "{frame:<20} {:>20} {:>20} {:>20}",
            plain(&optimal.cost[frame]),
            plain(limit),
            plain(&optimal.left[frame])
        );
    }
    let _ = writeln!(
        out,
        "\nBy value per krona: {} (value {:.4})",
        comparison.greedy.chosen.join(", "),
        comparison.greedy.total_value
    );
    if comparison.only_in_optimal.is_empty() && comparison.only_in_greedy.is_empty() {
        let _ = writeln!(out, "The two picks are the same.");
    } else {
        let _ = writeln!(
            out,
            "Only in the optimum: {}; only by ratio: {}; value gained {:.4}",
            comparison.only_in_optimal.join(", "),
            comparison.only_in_greedy.join(", "),
            comparison.value_gained
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_line_says_the_seconds_and_the_nodes() {
        let line = progress_line(Searching { seconds: 12.7, nodes: 1_234_567, frontier_points: 0 });
        assert_eq!(line, "Searching for the best selection: 12 s, 1234567 nodes searched");
        assert!(
            progress_line(Searching { seconds: 1.0, nodes: 999, frontier_points: 0 }).ends_with(" 999 nodes searched")
        );
    }
}
