//! `samordna initiatives list|show|step`.

use std::collections::HashMap;
use std::fmt::Write;

use clap::Subcommand;
use samordna::domain::{Id, Initiative, InitiativeState, Language, Requirement};
use samordna::{Portfolio, Reader, Stamp};

use super::{Failure, Outcome, json, print};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every initiative, by case number.
    List {
        /// Print the initiatives as JSON (as in the export format).
        #[arg(long)]
        json: bool,
    },
    /// Show one initiative.
    Show {
        /// The initiative's case number (e.g. SLK-2026-00123) or numeric id.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Move an initiative one step along its lifecycle, with exactly the app's rules: refused (exit 1) with every
    /// requirement the new state lacks, one per line as `field: what is missing`.
    Step {
        /// The initiative's case number (e.g. SLK-2026-00123) or numeric id.
        id: String,
        /// The state to move to: its key (e.g. `underlag_klart`) or its Swedish or English name.
        #[arg(long)]
        to: String,
        /// Why (kept in the change history; some steps, such as stopping an initiative, require it).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Reverse the latest step you took on an initiative (a step taken by mistake), with a reason kept in the
    /// change history. A move that a decision of the group made is reversed only by a new decision; someone
    /// else's step only by them.
    Undo {
        /// The initiative's case number (e.g. SLK-2026-00123) or numeric id.
        id: String,
        /// Why the step is undone (required).
        #[arg(long)]
        reason: String,
    },
}

/// The initiative a case number or numeric id names.
fn initiative_of(reader: &Reader<'_>, id: &str) -> samordna::Result<Initiative> {
    match id.parse::<Id>() {
        Ok(number) => reader.get(number),
        Err(_) => reader.initiative_by_case_number(id),
    }
}

/// A state by its key or its Swedish or English name (case and surrounding space ignored).
fn state_of(text: &str) -> Result<InitiativeState, Failure> {
    let wanted = text.trim().to_lowercase();
    InitiativeState::ALL
        .iter()
        .copied()
        .find(|s| {
            s.key() == wanted
                || s.label(Language::Sv).to_lowercase() == wanted
                || s.label(Language::En).to_lowercase() == wanted
        })
        .ok_or_else(|| {
            let keys: Vec<&str> = InitiativeState::ALL.iter().map(|s| s.key()).collect();
            Failure::Usage(format!("--to {text}: not a state; give one of {}", keys.join(", ")))
        })
}

/// `initiatives step`: moves the initiative through the engine's `move_initiative`, as the app does, and prints
/// the step; a refusal lists every missing requirement by field (a state the group decides says to record the
/// decision at a meeting).
pub fn step(command: Command, portfolio: &mut Portfolio, stamp: &Stamp) -> Outcome {
    let Command::Step { id, to, reason } = command else { unreachable!("only step and undo write") };
    let to = state_of(&to)?;
    let before = initiative_of(&portfolio.read(), &id)?;
    match portfolio.write(stamp, |w| w.move_initiative(before.id, to, reason.trim())) {
        Ok(()) => print(&format!(
            "{}: {} -> {}\n",
            before.case_number,
            before.state.label(Language::En),
            to.label(Language::En)
        )),
        Err(samordna::Error::Transition { label, from, to, missing }) if !missing.is_empty() => {
            let lines: Vec<String> =
                missing.iter().map(|m| format!("  {}: {}", m.key(), m.label(Language::En))).collect();
            let from = from.map_or("(new)", |s| s.label(Language::En));
            let mut message = format!(
                "initiative '{label}' cannot move from {from} to {} yet; it needs:\n{}",
                to.label(Language::En),
                lines.join("\n")
            );
            if missing.contains(&Requirement::GroupDecision) {
                message.push_str(&format!(
                    "\n{} is the group's decision: record it at a meeting with `samordna meetings decide --meeting \
                     ID --item N --outcome OUTCOME --text TEXT` (or in the app's meeting view)",
                    to.label(Language::En)
                ));
            }
            Err(Failure::Input(message))
        }
        Err(other) => Err(other.into()),
    }
}

/// `initiatives undo`: reverses the latest step the user took, through the engine's `undo_step`, and prints it.
pub fn undo(command: Command, portfolio: &mut Portfolio, stamp: &Stamp) -> Outcome {
    let Command::Undo { id, reason } = command else { unreachable!("only step and undo write") };
    let before = initiative_of(&portfolio.read(), &id)?;
    let undone = portfolio.write(stamp, |w| w.undo_step(before.id, &reason))?;
    print(&format!(
        "{}: {} -> {} (undone)\n",
        before.case_number,
        undone.from.label(Language::En),
        undone.to.label(Language::En)
    ))
}

pub fn run(command: Command, reader: &Reader<'_>) -> Outcome {
    match command {
        Command::Step { .. } | Command::Undo { .. } => unreachable!("step and undo run with a writable portfolio"),
        Command::List { json: true } => print(&json(&reader.initiatives()?)),
        Command::List { json: false } => print(&table(reader, &reader.initiatives()?)?),
        Command::Show { id, json: as_json } => {
            let initiative = initiative_of(reader, &id)?;
            if as_json { print(&json(&initiative)) } else { print(&details(reader, &initiative)?) }
        }
    }
}

/// Organisation and provider names by id.
fn names(reader: &Reader<'_>) -> samordna::Result<(HashMap<Id, String>, HashMap<Id, String>)> {
    let organisations = reader.organisations()?.into_iter().map(|o| (o.id, o.name)).collect();
    let providers = reader.providers()?.into_iter().map(|p| (p.id, p.name)).collect();
    Ok((organisations, providers))
}

fn table(reader: &Reader<'_>, initiatives: &[Initiative]) -> samordna::Result<String> {
    let (organisations, _) = names(reader)?;
    let plain = |m: samordna::Money| m.to_string().replace('\u{a0}', " ");
    let header = ["CASE NUMBER", "STATE", "OWNER", "DEVELOPMENT", "MANAGEMENT", "TITLE"];
    let right_aligned = [false, false, false, true, true, false];
    let rows: Vec<[String; 6]> = initiatives
        .iter()
        .map(|i| {
            let (development, management) = i.total_cost();
            [
                i.case_number.clone(),
                i.state.label(Language::En).to_string(),
                i.owner_id.and_then(|o| organisations.get(&o).cloned()).unwrap_or_default(),
                plain(development),
                plain(management),
                i.title.clone(),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].len()]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in std::iter::once(header.map(String::from)).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                if right_aligned[c] { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    let _ = writeln!(out, "{} initiative(s)", initiatives.len());
    Ok(out)
}

fn details(reader: &Reader<'_>, i: &Initiative) -> samordna::Result<String> {
    let (organisations, providers) = names(reader)?;
    let organisation = |id: &Id| organisations.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    let en = Language::En;
    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "{label:<20} {value}");
        }
    };
    line("Case number", i.case_number.clone());
    line("Title", i.title.clone());
    line("Track", i.track.label(en).into());
    line("Kind", i.kind.label(en).into());
    line("State", i.state.label(en).into());
    line("Owner", i.owner_id.map(|o| organisation(&o)).unwrap_or_default());
    line("Provider", i.provider_id.and_then(|p| providers.get(&p).cloned()).unwrap_or_default());
    line("Customers", i.customer_ids.iter().map(organisation).collect::<Vec<_>>().join(", "));
    line("Funding model", i.funding_model.map(|f| f.label(en).to_string()).unwrap_or_default());
    line("Security (K/R/T)", i.security.short());
    line("Orientation", i.orientation.map(|o| o.label(en).to_string()).unwrap_or_default());
    line("Specially followed", if i.specially_followed { "yes".into() } else { String::new() });
    line("Reuse check", format!("{} {}", i.reuse_outcome.label(en), i.reuse_solution).trim().to_string());
    line("Laws", i.laws.iter().map(|l| l.label(en)).collect::<Vec<_>>().join(", "));
    if !i.costs.is_empty() {
        let _ = writeln!(out, "Costs                YEAR      DEVELOPMENT       MANAGEMENT");
        for c in &i.costs {
            let _ = writeln!(
                out,
                "                     {}  {:>15}  {:>15}",
                c.year,
                c.development.to_string().replace('\u{a0}', " "),
                c.management.to_string().replace('\u{a0}', " ")
            );
        }
    }
    for (label, text) in [
        ("Description", &i.description),
        ("Benefit summary", &i.benefit_summary),
        ("Legal notes", &i.legal_notes),
        ("Long-term plan", &i.long_term_plan),
    ] {
        if !text.is_empty() {
            let _ = writeln!(out, "\n{label}:\n{text}");
        }
    }
    Ok(out)
}
