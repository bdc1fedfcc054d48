//! `samordna weights ahp FILE.json [--method eigen|geomean] [--json]`: weights from a pairwise comparison matrix.
//! Needs no portfolio.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use samordna::prioritisation::ahp::{self, Analysis, Method, PairwiseMatrix};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{Failure, Outcome, json as pretty, print, read_input};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Weights, λmax, CI and CR from a pairwise comparison matrix (Saaty's 1–9 scale).
    Ahp {
        /// `{"labels": [...], "matrix": [[...], ...]}`; entries are numbers or texts such as "1/3".
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = MethodArg::Eigen)]
        method: MethodArg,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    Eigen,
    Geomean,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    labels: Vec<String>,
    matrix: Vec<Vec<Value>>,
}

pub fn run(command: Command) -> Outcome {
    let Command::Ahp { file, method, json } = command;
    let input: Input = read_input(&file)?;
    let rows = input
        .matrix
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter().enumerate().map(|(j, entry)| entry_value(entry, i, j)).collect::<Result<Vec<f64>, Failure>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let matrix = PairwiseMatrix::new(rows).map_err(|e| Failure::Input(e.to_string()))?;
    ahp::check_labels(&input.labels, matrix.size()).map_err(|e| Failure::Input(e.to_string()))?;
    let method = match method {
        MethodArg::Eigen => Method::Eigenvector,
        MethodArg::Geomean => Method::GeometricMean,
    };
    let analysis = matrix.analyse(method);
    if json {
        print(&pretty(&as_json(&input.labels, &analysis)))
    } else {
        print(&as_table(&input.labels, &analysis, method))
    }
}

fn entry_value(entry: &Value, row: usize, col: usize) -> Result<f64, Failure> {
    let parsed = match entry {
        Value::Number(n) => n.as_f64(),
        Value::String(text) => ahp::parse_entry(text),
        _ => None,
    };
    parsed.ok_or_else(|| {
        Failure::Input(ahp::MatrixError::Unreadable { row: row + 1, col: col + 1, text: entry.to_string() }.to_string())
    })
}

fn as_json(labels: &[String], analysis: &Analysis) -> Value {
    let weights: Map<String, Value> = labels.iter().cloned().zip(analysis.weights.iter().map(|w| json!(w))).collect();
    let judgements: Vec<Value> = analysis
        .judgements
        .iter()
        .take(3)
        .map(|j| {
            json!({
                "row": labels[j.row], "col": labels[j.col], "given": j.given,
                "consistent": j.consistent, "suggested": ahp::scale_text(j.nearest_on_scale),
            })
        })
        .collect();
    json!({
        "weights": weights,
        "lambda_max": analysis.lambda_max,
        "ci": analysis.ci,
        "cr": analysis.cr,
        "acceptable": analysis.acceptable,
        "most_inconsistent": judgements,
    })
}

fn as_table(labels: &[String], analysis: &Analysis, method: Method) -> String {
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(9);
    let mut out = String::new();
    let _ = writeln!(out, "{:<width$}  WEIGHT", "CRITERION");
    for (label, weight) in labels.iter().zip(&analysis.weights) {
        let _ = writeln!(out, "{label:<width$}  {:>6.1} %", weight * 100.0);
    }
    let _ = writeln!(
        out,
        "\nmethod: {method}; λmax {:.4}; CI {:.4}; CR {:.4}",
        analysis.lambda_max, analysis.ci, analysis.cr
    );
    if !analysis.acceptable {
        let _ = writeln!(out, "warning: CR is above {:.2}; revisit the judgements below", ahp::CR_LIMIT);
    }
    for j in analysis.judgements.iter().take(3).filter(|j| j.deviation > 1e-9) {
        let _ = writeln!(
            out,
            "  {} vs {}: given {}, consistent with the weights {:.2} (on the scale: {})",
            labels[j.row],
            labels[j.col],
            ahp::scale_text(j.given),
            j.consistent,
            ahp::scale_text(j.nearest_on_scale)
        );
    }
    out
}
