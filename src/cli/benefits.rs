//! `samordna benefits calc FILE.json [--json]`: NPV, IRR and payback of yearly flows. Needs no portfolio.

use std::path::PathBuf;

use clap::Subcommand;
use rust_decimal::prelude::ToPrimitive;
use samordna::benefits::appraise;
use serde::Deserialize;
use serde_json::{Value, json};

use super::funding::{decimal, decimals};
use super::{Failure, Outcome, json as pretty, print, read_input};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Net present value, internal rate of return, simple and discounted payback of yearly flows.
    Calc {
        /// `{"rate": 0.025, "flows": [-3000000, 200000, …]}`: flow 0 at t = 0, then the end of each year; kronor.
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    rate: Value,
    flows: Vec<Value>,
}

pub fn run(command: Command) -> Outcome {
    let Command::Calc { file, json: as_json } = command;
    let input: Input = read_input(&file)?;
    let rate = decimal(&input.rate, "rate")?;
    let flows = decimals(&input.flows, "flows")?;
    let result = appraise(rate, &flows).map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
    let number = |d: rust_decimal::Decimal| d.to_f64().map_or(Value::Null, |f| json!(f));
    let output = json!({
        "npv": number(result.npv),
        "irr": result.irr.map(|r| (r * 1e6).round() / 1e6),
        "payback_years": result.payback_years.map(number),
        "discounted_payback_years": result.discounted_payback_years.map(number),
    });
    if as_json {
        return print(&pretty(&output));
    }
    let years = |y: Option<rust_decimal::Decimal>| y.map_or("never".to_string(), |y| format!("{y} years"));
    let irr = result.irr.map_or("none (the flows do not change sign)".to_string(), |r| format!("{:.2} %", r * 100.0));
    print(&format!(
        "NPV at {} %: {}\nIRR: {irr}\nPayback: {}\nDiscounted payback: {}\n",
        (rate * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
        samordna::Money::from_ore((result.npv * rust_decimal::Decimal::ONE_HUNDRED).to_i64().unwrap_or(0)),
        years(result.payback_years),
        years(result.discounted_payback_years),
    ))
}
