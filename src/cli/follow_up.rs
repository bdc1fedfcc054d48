//! `samordna budget follow-up --year Y [--json]`: the follow-up against the frames, as the engine computes it
//! (`Reader::follow_up`), the same figures the app's dashboard and the yearly follow-up report show.

use std::fmt::Write as _;

use clap::Subcommand;
use samordna::Reader;
use samordna::domain::{FRAME_YEARS, Language};
use samordna::money::Money;
use samordna::prioritisation::budget::FrameKind;
use samordna::prioritisation::follow_up::{FollowUp, FrameSource};

use super::{Outcome, json, print};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per frame (development, management) of a year: the council's decided frame (or the proposed one where none
    /// is decided), what is committed against it, the actual outcome recorded so far, and what is left.
    FollowUp {
        /// The budget year (2000–2100, the years a frame can be decided for).
        #[arg(long, value_parser = clap::value_parser!(i32).range(i64::from(FRAME_YEARS.0)..=i64::from(FRAME_YEARS.1)))]
        year: i32,
        /// Print JSON (amounts in öre, as `export`) instead of text.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: Command, reader: &Reader) -> Outcome {
    match command {
        Command::FollowUp { year, json: as_json } => {
            let follow_up = reader.follow_up(year)?;
            if as_json { print(&json(&follow_up)) } else { print(&text(&follow_up)) }
        }
    }
}

fn frame_name(kind: FrameKind) -> &'static str {
    match kind {
        FrameKind::Development => "Development",
        FrameKind::Management => "Management",
    }
}

fn text(follow_up: &FollowUp) -> String {
    let year = follow_up.year;
    let mut out = format!("Follow-up against the frames {year}\n");
    let _ = writeln!(
        out,
        "{}",
        match &follow_up.frame_source {
            FrameSource::Council { reference, decided_on } => {
                format!("Frames decided by the council on {decided_on} ({reference})")
            }
            FrameSource::Scenario { scenario_id, scenario_name } => format!(
                "No council decision recorded for {year}: the frames proposed in scenario {scenario_id} \
                 \u{201c}{scenario_name}\u{201d} (not decided by the council)"
            ),
            FrameSource::None => format!("No frame decided or proposed for {year}"),
        }
    );
    let columns = ["frame", "committed", "actual", "left", "unspent"];
    let _ = writeln!(out, "\n{:<13}{}", "", columns.iter().map(|c| format!("{c:>20}")).collect::<String>());
    for frame in &follow_up.frames {
        let amounts = [frame.decided, frame.committed, frame.actual, frame.left, frame.unspent];
        let marker = if frame.decided_by_council { "" } else { " (proposed)" };
        let _ = writeln!(
            out,
            "{:<13}{}{marker}",
            frame_name(frame.kind),
            amounts.iter().map(|a| format!("{:>20}", amount(*a))).collect::<String>()
        );
    }
    if follow_up.items.is_empty() {
        let _ = writeln!(out, "\nNo item commits money in {year} or has an actual outcome recorded.");
        return out;
    }
    let _ = writeln!(out, "\nItems (development / management; committed, then actual):");
    for item in &follow_up.items {
        let actual = item.actual.map_or_else(
            || "no outcome recorded".to_string(),
            |a| format!("{} / {}", amount(a.development), amount(a.management)),
        );
        let name =
            if item.reference.is_empty() { item.name.clone() } else { format!("{} {}", item.reference, item.name) };
        let _ = writeln!(
            out,
            "  {name} ({})\n    committed {} / {}; actual {actual}",
            item.state.label(Language::En),
            amount(item.committed.development),
            amount(item.committed.management),
        );
    }
    out
}

/// An amount as the papers write it (`16 000 000,00 kr`).
fn amount(money: Money) -> String {
    money.to_string()
}
