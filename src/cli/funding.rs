//! `samordna funding compare FILE.json [--json]`: the funding models side by side, per customer and year.
//! Needs no portfolio. The input format is in docs/funding.md.

use std::fmt::Write;
use std::path::PathBuf;
use std::str::FromStr;

use clap::Subcommand;
use rust_decimal::Decimal;
use samordna::Money;
use samordna::funding::{CapitalMethod, Case, Comparison, Customer, Investment, Rounding, YearCost};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{Failure, Outcome, json as pretty, print, read_input};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare cost allocation, invoice per unit and municipal grant for a service or initiative.
    Compare {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    years: Vec<i32>,
    customers: Vec<InputCustomer>,
    running_cost: InputRunningCost,
    investment: Option<InputInvestment>,
    #[serde(default)]
    fixed_key: bool,
    #[serde(default)]
    rounding: Option<String>,
    /// Stadens rutin: companies are invoiced under kommunbidrag, never grant funded (the default).
    #[serde(default = "companies_invoiced")]
    companies_invoiced: bool,
    /// Volume changes in per cent for the what-if, e.g. [-20, -10, 0, 10, 20].
    #[serde(default)]
    what_if: Option<Vec<i32>>,
}

fn companies_invoiced() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputCustomer {
    name: String,
    kind: String,
    forecast_volume: Vec<Value>,
    #[serde(default)]
    actual_volume: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputRunningCost {
    forecast: InputCostLine,
    actual: Option<InputCostLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputCostLine {
    fixed: Vec<Value>,
    per_unit: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputInvestment {
    amount: Value,
    method: String,
    years: u32,
    rate: Value,
}

fn bad(field: impl Into<String>, message: impl Into<String>) -> Failure {
    Failure::Input(format!("{}: {}", field.into(), message.into()))
}

/// A JSON number (or a text such as "1 500 000,50") as an exact decimal.
pub(super) fn decimal(value: &Value, field: &str) -> Result<Decimal, Failure> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.replace([' ', '\u{a0}'], "").replace(',', "."),
        _ => return Err(bad(field, "must be a number")),
    };
    Decimal::from_str_exact(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .or_else(|_| Decimal::from_str(&text))
        .map_err(|_| bad(field, format!("'{text}' is not a number")))
}

pub(super) fn decimals(values: &[Value], field: &str) -> Result<Vec<Decimal>, Failure> {
    values.iter().enumerate().map(|(i, v)| decimal(v, &format!("{field}[{i}]"))).collect()
}

fn optional_decimals(values: &[Value], field: &str) -> Result<Vec<Option<Decimal>>, Failure> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| if v.is_null() { Ok(None) } else { decimal(v, &format!("{field}[{i}]")).map(Some) })
        .collect()
}

fn case_from(input: Input) -> Result<(Case, Vec<i32>), Failure> {
    let n = input.years.len();
    let line = |l: &InputCostLine, field: &str, required: bool| -> Result<Vec<Option<YearCost>>, Failure> {
        let fixed = optional_decimals(&l.fixed, &format!("{field}.fixed"))?;
        let per_unit = optional_decimals(&l.per_unit, &format!("{field}.per_unit"))?;
        if required && (fixed.len() != n || per_unit.len() != n) {
            let (which, len) = if fixed.len() != n { ("fixed", fixed.len()) } else { ("per_unit", per_unit.len()) };
            return Err(bad(format!("{field}.{which}"), format!("has {len} years but there are {n} years")));
        }
        if fixed.len() > n || per_unit.len() > n {
            return Err(bad(field, format!("has more than {n} years")));
        }
        Ok((0..fixed.len().max(per_unit.len()))
            .map(|y| match (fixed.get(y).copied().flatten(), per_unit.get(y).copied().flatten()) {
                (Some(fixed), Some(per_unit)) => Some(YearCost { fixed, per_unit }),
                _ => None,
            })
            .collect())
    };
    let forecast = line(&input.running_cost.forecast, "running_cost.forecast", true)?
        .into_iter()
        .enumerate()
        .map(|(y, c)| {
            c.ok_or_else(|| bad(format!("running_cost.forecast[{y}]"), "forecast costs are required for every year"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let actual = match &input.running_cost.actual {
        Some(l) => line(l, "running_cost.actual", false)?,
        None => Vec::new(),
    };
    let customers = input
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let is_company = match c.kind.as_str() {
                "namnd" => false,
                "bolag" => true,
                other => {
                    return Err(bad(format!("customers[{i}].kind"), format!("'{other}' is not 'namnd' or 'bolag'")));
                }
            };
            Ok(Customer {
                name: c.name.clone(),
                is_company,
                forecast_volume: decimals(&c.forecast_volume, &format!("customers[{i}].forecast_volume"))?,
                actual_volume: optional_decimals(&c.actual_volume, &format!("customers[{i}].actual_volume"))?,
            })
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let investment = input
        .investment
        .map(|i| -> Result<Investment, Failure> {
            let method = match i.method.as_str() {
                "lease" => CapitalMethod::Lease,
                "own_capital" => CapitalMethod::OwnCapital,
                "expense" => CapitalMethod::Expense,
                other => {
                    return Err(bad("investment.method", format!("'{other}' is not lease, own_capital or expense")));
                }
            };
            Ok(Investment {
                amount: decimal(&i.amount, "investment.amount")?,
                method,
                years: i.years,
                rate: decimal(&i.rate, "investment.rate")?,
            })
        })
        .transpose()?;
    let rounding = match input.rounding.as_deref() {
        None | Some("ore") => Rounding::Ore,
        Some("kronor") => Rounding::Kronor,
        Some(other) => return Err(bad("rounding", format!("'{other}' is not ore or kronor"))),
    };
    let case = Case {
        years: input.years,
        customers,
        forecast,
        actual,
        investment,
        fixed_key: input.fixed_key,
        rounding,
        companies_invoiced: input.companies_invoiced,
    };
    Ok((case, input.what_if.unwrap_or_else(|| vec![-20, -10, 0, 10, 20])))
}

pub fn run(command: Command) -> Outcome {
    let Command::Compare { file, json } = command;
    let (case, changes) = case_from(read_input(&file)?)?;
    let comparison = case.compare().map_err(|e| Failure::Input(e.to_string()))?;
    let what_if = case.what_if(&changes).map_err(|e| Failure::Input(e.to_string()))?;
    if json {
        let mut out = as_json(&comparison);
        out["what_if"] = serde_json::to_value(
            what_if
                .iter()
                .map(|w| {
                    json!({
                        "change_percent": w.change_percent,
                        "customers_pay": {"cost_allocation": kr(w.customers_pay.cost_allocation), "invoice": kr(w.customers_pay.invoice), "grant": kr(w.customers_pay.grant)},
                        "provider_result": {"cost_allocation": kr(w.provider_result.cost_allocation), "invoice": kr(w.provider_result.invoice), "grant": kr(w.provider_result.grant)},
                    })
                })
                .collect::<Vec<_>>(),
        )
        .expect("serialises");
        print(&pretty(&out))
    } else {
        print(&as_text(&comparison))
    }
}

/// Kronor as a JSON number with (at most) two decimals.
fn kr(money: Money) -> Value {
    json!(money.ore() as f64 / 100.0)
}

fn krs(list: &[Money]) -> Value {
    Value::Array(list.iter().map(|m| kr(*m)).collect())
}

fn opt_krs(list: &[Option<Money>]) -> Value {
    Value::Array(list.iter().map(|m| m.map_or(Value::Null, kr)).collect())
}

fn as_json(c: &Comparison) -> Value {
    let not_closed: Vec<i32> = c.years.iter().zip(&c.closed).filter(|(_, closed)| !**closed).map(|(y, _)| *y).collect();
    let mut out = Map::new();
    out.insert("years".into(), json!(c.years));
    out.insert("closed".into(), json!(c.closed));
    if !not_closed.is_empty() {
        out.insert(
            "note".into(),
            json!(format!(
                "actual values are missing for {}: final charges, settlements, invoices on actual volume and results are not computed for those years; invoices there use forecast volumes",
                not_closed.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
            )),
        );
    }
    out.insert("capital_cost".into(), krs(&c.capital_cost));
    if let Some(capital) = &c.capital {
        out.insert(
            "capital".into(),
            json!({"schedule": krs(&capital.schedule), "present_value": kr(capital.present_value), "annuity": capital.annuity.map(kr)}),
        );
    }
    out.insert(
        "cost_base".into(),
        json!({"forecast": krs(&c.cost_base.forecast), "actual": opt_krs(&c.cost_base.actual)}),
    );
    out.insert(
        "cost_allocation".into(),
        json!({
            "forecast_price": krs(&c.cost_allocation.forecast_price),
            "customers": c.cost_allocation.customers.iter().map(|k| json!({
                "name": k.name, "preliminary": krs(&k.preliminary), "final": opt_krs(&k.r#final), "settlement": opt_krs(&k.settlement),
            })).collect::<Vec<_>>(),
            "provider_result": opt_krs(&c.cost_allocation.provider_result),
        }),
    );
    out.insert(
        "invoice".into(),
        json!({
            "price": krs(&c.invoice.price),
            "on_forecast_volume": c.invoice.on_forecast,
            "customers": c.invoice.customers.iter().map(|k| json!({"name": k.name, "invoiced": krs(&k.invoiced)})).collect::<Vec<_>>(),
            "provider_result": opt_krs(&c.invoice.provider_result),
            "volume_variance": opt_krs(&c.invoice.volume_variance),
            "cost_variance": opt_krs(&c.invoice.cost_variance),
        }),
    );
    out.insert(
        "grant".into(),
        json!({
            "grant": krs(&c.grant.grant),
            "company_invoices": c.grant.company_invoices.iter().map(|k| json!({"name": k.name, "invoiced": krs(&k.invoiced)})).collect::<Vec<_>>(),
            "provider_result": opt_krs(&c.grant.provider_result),
            "frame_transfer": c.grant.frame_transfer.iter().map(|t| json!({"name": t.name, "amount": krs(&t.amount)})).collect::<Vec<_>>(),
        }),
    );
    out.insert(
        "totals".into(),
        Value::Array(
            c.totals
                .iter()
                .map(|t| json!({"name": t.name, "cost_allocation": kr(t.cost_allocation), "invoice": kr(t.invoice), "grant": kr(t.grant), "frame_transfer": kr(t.frame_transfer)}))
                .collect(),
        ),
    );
    out.insert("risk".into(), serde_json::to_value(&c.risk).expect("serialises"));
    Value::Object(out)
}

fn as_text(c: &Comparison) -> String {
    let plain = |m: &Money| m.to_string().replace('\u{a0}', " ");
    let opt = |m: &Option<Money>| m.as_ref().map_or_else(|| "–".to_string(), plain);
    let mut out = String::new();
    let header = |out: &mut String, title: &str| {
        let _ = write!(out, "\n{title}\n{:<40}", "");
        for y in &c.years {
            let _ = write!(out, "{y:>18}");
        }
        let _ = writeln!(out);
    };
    let row = |out: &mut String, label: &str, cells: Vec<String>| {
        let _ = write!(out, "{label:<40}");
        for cell in cells {
            let _ = write!(out, "{cell:>18}");
        }
        let _ = writeln!(out);
    };
    header(&mut out, "Cost base");
    row(&mut out, "capital cost", c.capital_cost.iter().map(plain).collect());
    row(&mut out, "forecast", c.cost_base.forecast.iter().map(plain).collect());
    row(&mut out, "actual", c.cost_base.actual.iter().map(opt).collect());
    header(&mut out, "Cost allocation (kostnadsfördelning)");
    row(&mut out, "forecast price", c.cost_allocation.forecast_price.iter().map(plain).collect());
    for k in &c.cost_allocation.customers {
        row(&mut out, &format!("{} preliminary", k.name), k.preliminary.iter().map(plain).collect());
        row(&mut out, "  settlement", k.settlement.iter().map(opt).collect());
    }
    row(&mut out, "provider result", c.cost_allocation.provider_result.iter().map(opt).collect());
    header(&mut out, "Invoice per unit (faktura à pris)");
    row(&mut out, "price", c.invoice.price.iter().map(plain).collect());
    for k in &c.invoice.customers {
        row(&mut out, &k.name, k.invoiced.iter().map(plain).collect());
    }
    row(&mut out, "provider result", c.invoice.provider_result.iter().map(opt).collect());
    row(&mut out, "  volume variance", c.invoice.volume_variance.iter().map(opt).collect());
    row(&mut out, "  cost variance", c.invoice.cost_variance.iter().map(opt).collect());
    header(&mut out, "Municipal grant (kommunbidrag)");
    row(&mut out, "grant", c.grant.grant.iter().map(plain).collect());
    for t in &c.grant.frame_transfer {
        row(&mut out, &format!("{} frame transfer", t.name), t.amount.iter().map(plain).collect());
    }
    for k in &c.grant.company_invoices {
        row(&mut out, &format!("{} (company) invoiced", k.name), k.invoiced.iter().map(plain).collect());
    }
    row(&mut out, "provider result", c.grant.provider_result.iter().map(opt).collect());
    if c.closed.iter().any(|closed| !closed) {
        let _ = writeln!(out, "\n– = not computed: the year has no actual values yet (invoices use forecast volumes).");
    }
    out
}
