//! `backups list|make|restore`: the portfolio's rolling backups.

use std::path::Path;

use samordna::Portfolio;
use samordna::Timestamp;

use super::{BackupCommand, Outcome, json, print, required};

pub fn run(command: BackupCommand, path: Option<&Path>, now: Timestamp) -> Outcome {
    match command {
        BackupCommand::List { json: as_json } => list(path, as_json),
        BackupCommand::Make => make(path, now),
        BackupCommand::Restore { backup } => restore(path, &backup, now),
    }
}

/// Prints the portfolio's backups, newest first, with why each was made.
fn list(path: Option<&Path>, as_json: bool) -> Outcome {
    let backups = samordna::store::backup::list(required(path)?)?;
    if as_json {
        return print(&json(&backups));
    }
    let mut text = String::new();
    for b in &backups {
        let reason = serde_json::to_value(b.reason).ok().and_then(|v| v.as_str().map(str::to_string));
        let reason = reason.unwrap_or_default();
        let at = samordna::time::stored_as_local_text(&b.at);
        text.push_str(&format!("{at}  {reason:<14} {:>10} bytes  {}\n", b.bytes, b.path.display()));
    }
    if backups.is_empty() {
        text.push_str("no backups yet\n");
    }
    print(&text)
}

/// Makes a backup now.
fn make(path: Option<&Path>, now: Timestamp) -> Outcome {
    let portfolio = Portfolio::open(required(path)?, now)?;
    let backup = portfolio.backup(now, samordna::store::backup::Reason::Manual, samordna::store::backup::KEEP)?;
    eprintln!("{}", backup.path.display());
    Ok(())
}

/// Replaces the portfolio with a backup, first backing up the portfolio as it is.
fn restore(path: Option<&Path>, backup: &Path, now: Timestamp) -> Outcome {
    let before = samordna::store::backup::restore(required(path)?, backup, now)?;
    eprintln!("restored {}; the portfolio as it was is in {}", backup.display(), before.path.display());
    Ok(())
}
