//! One cell's text as a field's value (row parsing): numbers as people type them, amounts to the öre, dates,
//! closed lists by label, and names of what the cell refers to. Also the other direction for one value: a field's
//! value as the text a sheet shows, for the preview's old → new.

use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

use crate::domain::{Id, Language, RiskLevel, Rule, Term};
use crate::error::Result;
use crate::money::Money;
use crate::store::Reader;

/// How a column's cells read and write.
#[derive(Clone, Copy)]
pub(super) enum Form {
    Text,
    /// Kronor, stored as öre: at most two decimals (or a binary fraction within a hair of a whole öre), within
    /// `Money::LIMIT`.
    Money,
    Decimal,
    /// Ja/Nej.
    Bool,
    /// A K/R/T level from the security scale, 0–4.
    Level,
    /// `YYYY-MM-DD` or empty; written as a real date.
    Date,
    /// One of a closed list, by label or key.
    Term(fn() -> Vec<Term>),
    /// One of a closed list, by label or key; an empty cell is the given key (a service's baseline assessment:
    /// not assessed).
    TermOr(fn() -> Vec<Term>, &'static str),
    Organisation,
    Provider,
    /// An initiative by case number.
    Initiative,
    /// A service by name.
    Service,
    /// A year, a whole number.
    Year,
    /// Kronor as [`Form::Money`], an empty cell being 0 kr (an actual outcome's amounts always have a value).
    Amount,
    /// Organisations by name, separated by commas.
    Organisations,
    /// Several of a closed list (an initiative's laws), by label or key, separated by `;` or lines.
    Terms(fn() -> Vec<Term>),
    /// An initiative's risks, one a line: `risk | likelihood | consequence | action` (the levels by label or key,
    /// the action optional).
    Risks,
    /// A service's customers by name, separated by `;`, each with the references to its board's instructions for
    /// personal data and to its data processing agreement in brackets when it has them:
    /// `Kulturnämnden; Lönenämnden (instruktioner: LN-2024-12, avtal: PUB-2024-3)`. A bracket without a label is
    /// the agreement's reference (as sheets before format version 17 wrote it).
    Customers,
}

/// Names of what cells refer to.
pub(super) struct Names {
    pub organisations: Vec<(Id, String)>,
    pub providers: Vec<(Id, String)>,
    pub initiatives: Vec<(Id, String)>,
    pub services: Vec<(Id, String)>,
    pub scale: Vec<String>,
}

impl Names {
    pub fn load(reader: &Reader) -> Result<Names> {
        Ok(Names {
            organisations: reader.organisations()?.into_iter().map(|o| (o.id, o.name)).collect(),
            providers: reader.providers()?.into_iter().map(|p| (p.id, p.name)).collect(),
            initiatives: reader.initiatives()?.into_iter().map(|i| (i.id, i.case_number)).collect(),
            services: reader.services()?.into_iter().map(|s| (s.id, s.name)).collect(),
            scale: reader.security_scale()?,
        })
    }

    pub fn name(list: &[(Id, String)], id: Option<i64>) -> String {
        id.and_then(|id| list.iter().find(|(i, _)| *i == id)).map(|(_, n)| n.clone()).unwrap_or_default()
    }

    pub fn id(list: &[(Id, String)], name: &str) -> Option<Id> {
        let wanted = name.trim().to_lowercase();
        list.iter().find(|(_, n)| n.trim().to_lowercase() == wanted).map(|(id, _)| *id)
    }
}

pub(super) fn field<'v>(record: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(record, |value, key| value.get(key).unwrap_or(&Value::Null))
}

pub(super) fn set_field(record: &mut Value, path: &str, new: Value) {
    let mut target = record;
    let keys: Vec<&str> = path.split('.').collect();
    for key in &keys[..keys.len() - 1] {
        if !target.get(*key).is_some_and(Value::is_object) {
            target[*key] = Value::Object(Map::new());
        }
        target = &mut target[*key];
    }
    target[keys[keys.len() - 1]] = new;
}

pub(super) fn message(language: Language, sv: String, en: String) -> String {
    if language == Language::Sv { sv } else { en }
}

pub(super) fn yes(language: Language) -> &'static str {
    if language == Language::Sv { "Ja" } else { "Yes" }
}

fn term_label(terms: fn() -> Vec<Term>, key: Option<&str>, language: Language) -> String {
    key.and_then(|key| terms().into_iter().find(|t| t.key == key))
        .map(|t| t.label(language).to_string())
        .unwrap_or_default()
}

/// A field's value as the text a sheet shows (amounts as `1 250 000,50 kr`), for the preview.
pub(super) fn shown(value: &Value, form: Form, names: &Names, language: Language) -> String {
    match form {
        Form::Text | Form::Date => value.as_str().unwrap_or_default().to_string(),
        Form::Money | Form::Amount => value.as_i64().map(|ore| Money::from_ore(ore).to_string()).unwrap_or_default(),
        Form::Year => value.as_i64().map(|year| year.to_string()).unwrap_or_default(),
        Form::Service => Names::name(&names.services, value.as_i64()),
        Form::Decimal => value.as_str().unwrap_or_default().replace('.', ","),
        Form::Bool => if value.as_bool() == Some(true) { yes(language) } else { "" }.to_string(),
        Form::Level => value.get("level").and_then(Value::as_i64).map(|l| l.to_string()).unwrap_or_default(),
        Form::Term(terms) | Form::TermOr(terms, _) => term_label(terms, value.as_str(), language),
        Form::Organisation => Names::name(&names.organisations, value.as_i64()),
        Form::Provider => Names::name(&names.providers, value.as_i64()),
        Form::Initiative => Names::name(&names.initiatives, value.as_i64()),
        Form::Organisations => value
            .as_array()
            .map(|ids| ids.iter().map(|id| Names::name(&names.organisations, id.as_i64())).collect::<Vec<_>>())
            .unwrap_or_default()
            .join(", "),
        Form::Customers => customers_text(value, names, language),
        Form::Terms(terms) => terms_text(terms, value, language),
        Form::Risks => risks_text(value, language),
    }
}

/// Several terms as a cell: their labels separated by `; `.
pub(super) fn terms_text(terms: fn() -> Vec<Term>, value: &Value, language: Language) -> String {
    let keys: Vec<&str> =
        value.as_array().map(|keys| keys.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    keys.iter().map(|key| term_label(terms, Some(key), language)).collect::<Vec<_>>().join("; ")
}

/// An initiative's risks as a cell, one a line: `risk | likelihood | consequence | action`.
pub(super) fn risks_text(value: &Value, language: Language) -> String {
    let risks = value.as_array().cloned().unwrap_or_default();
    risks
        .iter()
        .map(|risk| {
            let level = |field: &str| term_label(RiskLevel::terms, risk[field].as_str(), language);
            let mut parts =
                vec![risk["risk"].as_str().unwrap_or_default().to_string(), level("likelihood"), level("consequence")];
            let action = risk["action"].as_str().unwrap_or_default();
            if !action.is_empty() {
                parts.push(action.to_string());
            }
            parts.join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One term by its label (either language) or key.
fn term_of(terms: &[Term], text: &str) -> Option<&'static str> {
    let wanted = text.trim().to_lowercase();
    terms
        .iter()
        .find(|t| t.key == wanted || t.sv.to_lowercase() == wanted || t.en.to_lowercase() == wanted)
        .map(|t| t.key)
}

fn allowed(terms: &[Term], language: Language) -> String {
    terms.iter().map(|t| t.label(language)).collect::<Vec<_>>().join(", ")
}

/// The labels of a customer's references in a customers cell, in the sheet's language; either language's are read.
const INSTRUCTIONS: [&str; 2] = ["instruktioner", "instructions"];
const AGREEMENT: [&str; 2] = ["avtal", "agreement"];

/// A service's customers as a cell: `Kulturnämnden; Lönenämnden (instruktioner: LN-2024-12, avtal: PUB-2024-3)`.
pub(super) fn customers_text(value: &Value, names: &Names, language: Language) -> String {
    let index = usize::from(language != Language::Sv);
    value
        .as_array()
        .map(|customers| {
            customers
                .iter()
                .map(|c| {
                    let name = Names::name(&names.organisations, c.get("organisation_id").and_then(Value::as_i64));
                    let reference = |key: &str| c.get(key).and_then(Value::as_str).filter(|r| !r.is_empty());
                    let parts: Vec<String> = [
                        (INSTRUCTIONS[index], reference("instructions_reference")),
                        (AGREEMENT[index], reference("dpa_reference")),
                    ]
                    .into_iter()
                    .filter_map(|(label, reference)| reference.map(|r| format!("{label}: {r}")))
                    .collect();
                    if parts.is_empty() { name } else { format!("{name} ({})", parts.join(", ")) }
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

/// The references in a customer's brackets: (instructions, agreement). Labelled parts (`instruktioner: …, avtal:
/// …`, in either language, any order, each once), or one unlabelled reference, the agreement's (as sheets before
/// format version 17 wrote it). `None` for a label given twice.
fn customer_references(inside: &str) -> Option<(String, String)> {
    let inside = inside.trim();
    // Where a label starts (at the start, or after a comma) and which it is.
    let label_at = |at: usize| -> Option<(bool, usize)> {
        let rest = &inside[at..];
        INSTRUCTIONS.iter().map(|l| (true, l)).chain(AGREEMENT.iter().map(|l| (false, l))).find_map(|(instr, l)| {
            let head = rest.get(..l.len()).filter(|h| h.eq_ignore_ascii_case(l))?;
            let after = rest[head.len()..].trim_start();
            after.starts_with(':').then(|| (instr, rest.len() - after.len() + 1))
        })
    };
    if label_at(0).is_none() {
        return Some((String::new(), inside.to_string()));
    }
    // The labelled parts: each starts at the beginning or after a comma that a label follows.
    let mut starts = vec![0];
    for (at, c) in inside.char_indices() {
        if c == ',' {
            let next = at + 1 + (inside[at + 1..].len() - inside[at + 1..].trim_start().len());
            if next < inside.len() && label_at(next).is_some() {
                starts.push(next);
            }
        }
    }
    let (mut instructions, mut agreement) = (None, None);
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(inside.len(), |next| inside[..*next].rfind(',').unwrap_or(*next));
        let (is_instructions, value_at) = label_at(start)?;
        let value = inside[start + value_at..end].trim().to_string();
        let slot = if is_instructions { &mut instructions } else { &mut agreement };
        if slot.replace(value).is_some() {
            return None;
        }
    }
    Some((instructions.unwrap_or_default(), agreement.unwrap_or_default()))
}

/// A term's label for the exported cell.
pub(super) fn label_of(terms: fn() -> Vec<Term>, value: &Value, language: Language) -> String {
    term_label(terms, value.as_str(), language)
}

/// A number as people type it in Sweden and elsewhere: `1 234 567,50`, `1234567.5`, `1,234.50`, `-3,5`, `12 kr`.
pub(super) fn parse_number(text: &str) -> Option<Decimal> {
    let normal = normal_number(text)?;
    Decimal::from_str(&normal).ok()
}

/// The number's text without groups or unit, with a decimal point.
fn normal_number(text: &str) -> Option<String> {
    let mut s: String = text
        .trim()
        .trim_end_matches("kr")
        .trim_end_matches("SEK")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}' && *c != '\'')
        .collect();
    s = s.replace('\u{2212}', "-");
    let (commas, dots) = (s.matches(',').count(), s.matches('.').count());
    let normal = match (commas, dots) {
        (0, 0) => s,
        (1, 0) => s.replace(',', "."),
        (0, 1) => s,
        (_, 0) | (0, _) => s.replace([',', '.'], ""),
        _ => {
            // Both: the last one is the decimal separator.
            let last = s.rfind([',', '.'])?;
            let (whole, fraction) = s.split_at(last);
            format!("{}.{}", whole.replace([',', '.'], ""), &fraction[1..])
        }
    };
    if normal.is_empty() || normal.starts_with('+') {
        return None;
    }
    Some(normal)
}

/// How far from a whole öre a value may lie and still be that öre: a spreadsheet stores a formula's result
/// (`=W33*1,1`) as a binary double, so 104 500 kr arrives as `104500.00000000001`. Relative to the amount
/// (10⁻¹² of it), with a floor for amounts near zero; a typed third decimal (`12,345`) is far outside it.
fn within_a_hair_of(ore: Decimal, whole: Decimal) -> bool {
    let relative = whole.abs() * Decimal::new(1, 12);
    let floor = Decimal::new(1, 6);
    (ore - whole).abs() <= relative.max(floor)
}

/// An amount in kronor as öre: at most two decimals, or a binary fraction within a hair of a whole öre (rounded
/// to it), and never beyond [`Money::LIMIT`] (10¹² kr) either way.
pub(super) fn money(text: &str, language: Language) -> std::result::Result<Money, String> {
    let l = |sv: String, en: String| message(language, sv, en);
    let not = || {
        l(
            format!("\u{201d}{text}\u{201d} är inget belopp i kronor (t.ex. 1 250 000,50)"),
            format!("\u{201c}{text}\u{201d} is not an amount in kronor (e.g. 1,250,000.50)"),
        )
    };
    let too_large = || {
        l(
            format!("{text}: beloppet är större än 1 000 000 000 000 kr, det största Samordna tar emot"),
            format!("{text}: the amount is beyond 1,000,000,000,000 kr, the most Samordna accepts"),
        )
    };
    let normal = normal_number(text).ok_or_else(not)?;
    let amount = match Decimal::from_str(&normal) {
        Ok(amount) => amount,
        // A number too long for a decimal (`1e300`, forty digits) is still a number: too large, not malformed.
        Err(_) if normal.parse::<f64>().is_ok_and(|f| f.is_finite() && f.abs() >= 1.0) => return Err(too_large()),
        Err(_) => return Err(not()),
    };
    let ore = amount.checked_mul(Decimal::ONE_HUNDRED).ok_or_else(too_large)?;
    let whole = ore.round();
    if whole != ore && !within_a_hair_of(ore, whole) {
        return Err(l(
            format!("{text}: högst två decimaler (hela ören)"),
            format!("{text}: at most two decimals (whole öre)"),
        ));
    }
    let money = whole.to_i64().map(Money::from_ore).ok_or_else(too_large)?;
    if !money.within_limit() {
        return Err(too_large());
    }
    Ok(money)
}

/// A year as a whole number (`2026`; a spreadsheet's number `2026.0` too). Which years a record accepts is its own
/// rule (an actual outcome: the frames' years), checked when it is written.
pub(super) fn year(text: &str, language: Language) -> std::result::Result<i32, String> {
    parse_number(text).filter(|d| d.fract().is_zero()).and_then(|d| d.to_i32()).ok_or_else(|| {
        message(
            language,
            format!("\u{201d}{text}\u{201d} är inget år (t.ex. 2026)"),
            format!("\u{201c}{text}\u{201d} is not a year (e.g. 2026)"),
        )
    })
}

/// An empty cell as the field's JSON value.
pub(super) fn empty(form: Form) -> Value {
    match form {
        Form::Text | Form::Date => Value::String(String::new()),
        Form::Bool => Value::Bool(false),
        Form::Organisations | Form::Customers | Form::Terms(_) | Form::Risks => json!([]),
        Form::Amount => json!(0),
        Form::TermOr(_, key) => Value::String(key.to_string()),
        _ => Value::Null,
    }
}

/// A cell as the field's JSON value, or what is wrong with it.
pub(super) fn value(text: &str, form: Form, names: &Names, language: Language) -> std::result::Result<Value, String> {
    let l = |sv: String, en: String| message(language, sv, en);
    if text.is_empty() {
        return Ok(empty(form));
    }
    match form {
        Form::Text => Ok(Value::String(text.to_string())),
        Form::Date => match crate::time::parse_date(text) {
            Some(date) => Ok(Value::String(date.to_string())),
            None => Err(l(
                format!("\u{201d}{text}\u{201d} är inget datum (ÅÅÅÅ-MM-DD)"),
                format!("\u{201c}{text}\u{201d} is not a date (YYYY-MM-DD)"),
            )),
        },
        Form::Money | Form::Amount => money(text, language).map(|m| json!(m.ore())),
        Form::Year => year(text, language).map(|y| json!(y)),
        Form::Decimal => parse_number(text).map(|d| Value::String(d.normalize().to_string())).ok_or_else(|| {
            l(format!("\u{201d}{text}\u{201d} är inget tal"), format!("\u{201c}{text}\u{201d} is not a number"))
        }),
        Form::Bool => match text.to_lowercase().as_str() {
            "ja" | "yes" | "x" | "1" | "sant" | "true" => Ok(Value::Bool(true)),
            "nej" | "no" | "0" | "falskt" | "false" => Ok(Value::Bool(false)),
            _ => Err(l(
                format!("skriv Ja eller Nej, inte \u{201d}{text}\u{201d}"),
                format!("write Yes or No, not \u{201c}{text}\u{201d}"),
            )),
        },
        Form::Level => {
            let by_label = names.scale.iter().position(|label| label.eq_ignore_ascii_case(text));
            let level = by_label.or_else(|| text.parse::<usize>().ok().filter(|l| *l < names.scale.len()));
            match level {
                Some(level) => Ok(json!({"level": level, "label": names.scale[level]})),
                None => Err(l(
                    format!("nivån ska vara 0–{}, inte \u{201d}{text}\u{201d}", names.scale.len().saturating_sub(1)),
                    format!("the level must be 0–{}, not \u{201c}{text}\u{201d}", names.scale.len().saturating_sub(1)),
                )),
            }
        }
        Form::Term(terms) | Form::TermOr(terms, _) => {
            let terms = terms();
            term_of(&terms, text).map(|key| Value::String(key.to_string())).ok_or_else(|| {
                l(
                    format!("\u{201d}{text}\u{201d} finns inte; välj bland: {}", allowed(&terms, language)),
                    format!("\u{201c}{text}\u{201d} is not one of: {}", allowed(&terms, language)),
                )
            })
        }
        Form::Organisation => Names::id(&names.organisations, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns ingen organisation som heter \u{201d}{text}\u{201d}"),
                format!("there is no organisation named \u{201c}{text}\u{201d}"),
            )
        }),
        Form::Provider => Names::id(&names.providers, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns ingen leverantör som heter \u{201d}{text}\u{201d}"),
                format!("there is no provider named \u{201c}{text}\u{201d}"),
            )
        }),
        Form::Initiative => Names::id(&names.initiatives, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns inget initiativ med diarienummer {text}"),
                format!("there is no initiative with case number {text}"),
            )
        }),
        Form::Service => Names::id(&names.services, text).map(|id| json!(id)).ok_or_else(|| {
            l(
                format!("det finns ingen tjänst som heter \u{201d}{text}\u{201d}"),
                format!("there is no service named \u{201c}{text}\u{201d}"),
            )
        }),
        Form::Terms(terms) => {
            let terms = terms();
            let mut keys: Vec<&str> = Vec::new();
            for item in text.split([';', '\n']).map(str::trim).filter(|t| !t.is_empty()) {
                let key = term_of(&terms, item).ok_or_else(|| {
                    l(
                        format!("\u{201d}{item}\u{201d} finns inte; välj bland: {}", allowed(&terms, language)),
                        format!("\u{201c}{item}\u{201d} is not one of: {}", allowed(&terms, language)),
                    )
                })?;
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            Ok(json!(keys))
        }
        Form::Risks => {
            let levels = RiskLevel::terms();
            let mut risks = Vec::new();
            for line in text.lines().map(str::trim).filter(|t| !t.is_empty()) {
                let parts: Vec<&str> = line.split('|').map(str::trim).collect();
                let shape = || {
                    l(
                        format!(
                            "\u{201d}{line}\u{201d}: skriv en risk per rad som risk | sannolikhet | konsekvens | åtgärd \
                             (nivåerna {})",
                            allowed(&levels, language)
                        ),
                        format!(
                            "\u{201c}{line}\u{201d}: write one risk a line as risk | likelihood | consequence | action \
                             (the levels {})",
                            allowed(&levels, language)
                        ),
                    )
                };
                if !(3..=4).contains(&parts.len()) || parts[0].is_empty() {
                    return Err(shape());
                }
                let (Some(likelihood), Some(consequence)) = (term_of(&levels, parts[1]), term_of(&levels, parts[2]))
                else {
                    return Err(shape());
                };
                risks.push(json!({
                    "risk": parts[0],
                    "likelihood": likelihood,
                    "consequence": consequence,
                    "action": parts.get(3).copied().unwrap_or_default(),
                }));
            }
            Ok(json!(risks))
        }
        Form::Organisations => {
            let mut ids = Vec::new();
            for name in text.split([',', ';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
                let id = Names::id(&names.organisations, name).ok_or_else(|| {
                    l(
                        format!("det finns ingen organisation som heter \u{201d}{name}\u{201d}"),
                        format!("there is no organisation named \u{201c}{name}\u{201d}"),
                    )
                })?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            ids.sort_unstable();
            Ok(json!(ids))
        }
        Form::Customers => {
            let mut customers: Vec<(Id, (String, String))> = Vec::new();
            for item in text.split([';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
                // The whole item is a name, or a name with its references in brackets at the end: never both, or
                // "Intraservice (IT)" could silently be the organisation of that name when Intraservice with the
                // agreement "IT" was meant (or the other way round).
                let named = Names::id(&names.organisations, item).map(|id| (id, None));
                let bracketed =
                    item.strip_suffix(')').and_then(|inner| inner.rsplit_once('(')).and_then(|(name, rest)| {
                        Names::id(&names.organisations, name).map(|id| (id, Some(customer_references(rest))))
                    });
                if let (Some(_), Some((_, Some(Some((instructions, agreement)))))) = (&named, &bracketed)
                    && instructions.is_empty()
                {
                    let (name, _) = item.rsplit_once('(').unwrap_or((item, ""));
                    return Err(l(
                        format!(
                            "\u{201d}{item}\u{201d} kan vara organisationen med det namnet eller {} med avtalet \
                             {agreement}: skriv referensen med etikett, t.ex. \u{201d}{} (avtal: {agreement})\u{201d}",
                            name.trim(),
                            name.trim()
                        ),
                        format!(
                            "\u{201c}{item}\u{201d} could be the organisation of that name or {} with the agreement \
                             {agreement}: label the reference, e.g. \u{201c}{} (agreement: {agreement})\u{201d}",
                            name.trim(),
                            name.trim()
                        ),
                    ));
                }
                let found = named.or(bracketed);
                let (id, references) = found.ok_or_else(|| {
                    l(
                        format!("det finns ingen organisation som heter \u{201d}{item}\u{201d}"),
                        format!("there is no organisation named \u{201c}{item}\u{201d}"),
                    )
                })?;
                let references = match references {
                    None => (String::new(), String::new()),
                    Some(Some(references)) => references,
                    Some(None) => {
                        return Err(l(
                            format!("\u{201d}{item}\u{201d}: instruktioner och avtal anges en gång var"),
                            format!("\u{201c}{item}\u{201d}: give the instructions and the agreement once each"),
                        ));
                    }
                };
                if customers.iter().any(|(known, _)| *known == id) {
                    return Err(l(
                        format!("\u{201d}{item}\u{201d} står två gånger"),
                        format!("\u{201c}{item}\u{201d} is listed twice"),
                    ));
                }
                customers.push((id, references));
            }
            customers.sort_by_key(|(id, _)| *id);
            Ok(Value::Array(
                customers
                    .into_iter()
                    .map(|(id, (instructions, agreement))| {
                        json!({
                            "organisation_id": id, "dpa_reference": agreement, "instructions_reference": instructions
                        })
                    })
                    .collect(),
            ))
        }
    }
}

/// A broken rule as the sheet's problem text.
pub(super) fn rule_text(rule: &Rule, language: Language) -> String {
    rule.text(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ore(text: &str) -> std::result::Result<i64, String> {
        money(text, Language::En).map(Money::ore)
    }

    #[test]
    fn a_formula_result_a_hair_from_a_whole_ore_is_that_ore() {
        // =W33*1,1 with W33 = 95 000 is stored as the nearest double, 104500.00000000001.
        assert_eq!(ore(&(95_000.0_f64 * 1.1).to_string()), Ok(10_450_000));
        assert_eq!(ore(&(0.1_f64 + 0.2).to_string()), Ok(30));
        assert_eq!(ore(&(104_500.1_f64 - 104_500.0).to_string()), Ok(10));
        assert_eq!(ore("1 250 000,50"), Ok(125_000_050));
        // A third decimal someone typed is not rounded away.
        assert!(ore("12,345").unwrap_err().contains("two decimals"));
        assert!(ore("1 000 000,005").unwrap_err().contains("two decimals"));
    }

    #[test]
    fn amounts_beyond_the_limit_are_refused_never_wrapped() {
        assert_eq!(ore("1 000 000 000 000"), Ok(Money::LIMIT.ore()));
        assert_eq!(ore("-1 000 000 000 000"), Ok(-Money::LIMIT.ore()));
        for huge in ["1 000 000 000 000,01", "90 000 000 000 000 000", "-90000000000000000", "1e300", &"9".repeat(40)] {
            let refused = ore(huge).unwrap_err();
            assert!(refused.contains("beyond"), "{huge}: {refused}");
        }
    }
}
