//! Crash safety: the CLI is killed with SIGKILL at random moments during large imports and decision recording,
//! many times. Afterwards the portfolio passes `PRAGMA integrity_check` and each operation is either wholly there
//! or wholly absent (docs/reliability.md). Each test counts the runs whose kill actually interrupted the write and
//! fails when none did: a run that finished before its kill, or was killed before it opened the portfolio, proves
//! nothing about a crash.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rusqlite::Connection;

use crate::support::Workspace;

/// How many times each operation is killed (more with `SAMORDNA_CRASH_RUNS`).
fn runs() -> usize {
    std::env::var("SAMORDNA_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(12)
}

fn cli() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("samordna"));
    command.env("SAMORDNA_USER", "Kraschprov").stdout(Stdio::null()).stderr(Stdio::null());
    command
}

/// Runs `command` and kills it with SIGKILL after `after` (if it is still running). Returns whether it finished.
fn kill_after(mut command: Command, after: Duration) -> bool {
    let mut child = command.spawn().unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        if started.elapsed() >= after {
            child.kill().unwrap();
            child.wait().unwrap();
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Whether a killed run was writing: it left the portfolio's lock file (`.NAME.lock`, taken when the portfolio is
/// opened for writing and removed when it closes) or the new portfolio it was building (`NAME.creating`) behind.
fn interrupted_a_write(target: &Path) -> bool {
    let name = target.file_name().unwrap().to_string_lossy();
    [format!(".{name}.lock"), format!("{name}.creating")].iter().any(|left| target.with_file_name(left).exists())
}

/// The runs of one test: how many finished before their kill, how many were killed before they began writing, and
/// how many were killed while writing.
#[derive(Default)]
struct Runs {
    finished: usize,
    killed_before_writing: usize,
    interrupted: usize,
}

impl Runs {
    /// Runs `command`, kills it after `after`, and counts what the kill hit (look before anything reopens `target`).
    fn kill_after(&mut self, command: Command, after: Duration, target: &Path) {
        if kill_after(command, after) {
            self.finished += 1;
        } else if interrupted_a_write(target) {
            self.interrupted += 1;
        } else {
            self.killed_before_writing += 1;
        }
    }

    /// Fails unless some kill interrupted a write; prints the counts.
    fn check(&self, operation: &str) {
        let Runs { finished, killed_before_writing, interrupted } = self;
        eprintln!(
            "{operation}: {interrupted} kills interrupted the write, {killed_before_writing} came before it, \
             {finished} runs finished first"
        );
        assert!(*interrupted > 0, "no kill interrupted the {operation}: the test proved nothing");
    }
}

/// How long `command` takes when nobody kills it.
fn duration(mut command: Command) -> Duration {
    let started = Instant::now();
    assert!(command.status().unwrap().success());
    started.elapsed()
}

fn integrity(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(result, "ok", "{} is damaged", path.display());
    let keys: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(keys, 0, "dangling references");
}

/// Puts a fresh copy of `template` at `target`, without the killed run's write-ahead log and lock file beside it.
fn start_from(template: &Path, target: &Path) {
    std::fs::copy(template, target).unwrap();
    let name = target.file_name().unwrap().to_string_lossy();
    for left in [format!("{name}-wal"), format!("{name}-shm"), format!(".{name}.lock")] {
        let _ = std::fs::remove_file(target.with_file_name(left));
    }
}

fn count(path: &Path, sql: &str) -> i64 {
    Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

const ROWS: i64 = 3000;

fn big_sheet(workspace: &Workspace) -> std::path::PathBuf {
    let mut text = String::from("Diarienummer;Titel;Spår;Typ;Ägare;Utveckling 2027 (kr);Förvaltning 2027 (kr)\n");
    for i in 0..ROWS {
        text.push_str(&format!(
            "KRA-2027-{:05};Insats {i} i kraschprovet;Gemensam;Förändringsinsats;Stadsledningskontoret;{} 000,50;{} 000\n",
            10_000 + i,
            1000 + i,
            200 + i
        ));
    }
    let path = workspace.path("stor.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_large_spreadsheet_import_killed_at_any_moment_is_all_or_nothing() {
    let workspace = Workspace::new();
    let sheet = big_sheet(&workspace);
    let template = workspace.path("mall.samordna");
    assert!(cli().args(["-p"]).arg(&template).args(["init", "--sample"]).status().unwrap().success());
    let target = workspace.path("p.samordna");
    let import = |target: &Path| {
        let mut command = cli();
        command.arg("-p").arg(target).args(["import-sheet"]).arg(&sheet).args(["--kind", "initiatives"]);
        command
    };
    std::fs::copy(&template, &target).unwrap();
    let full = duration(import(&target));
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let (mut whole, mut none, mut kills) = (0, 0, Runs::default());
    for _ in 0..runs() {
        start_from(&template, &target);
        kills.kill_after(import(&target), full.mul_f64(rng.gen_range(0.0..1.2)), &target);
        integrity(&target);
        let imported = count(&target, "SELECT count(*) FROM initiative WHERE case_number LIKE 'KRA-%'");
        let noted = count(&target, "SELECT count(*) FROM change WHERE note LIKE 'Import från kalkylark%'");
        match imported {
            0 => {
                assert_eq!(noted, 0);
                none += 1;
            }
            ROWS => {
                assert_eq!(noted, ROWS, "every row with its history");
                whole += 1;
            }
            partial => panic!("{partial} of {ROWS} rows were left after a kill"),
        }
        // The portfolio opens again for writing: the killed process's lock went with it.
        samordna::Portfolio::open(&target, crate::support::stamp().at).unwrap();
    }
    assert!(none > 0, "some kills came before the commit");
    eprintln!("spreadsheet import: {whole} whole, {none} absent of {}", runs());
    kills.check("spreadsheet import");
}

#[test]
fn a_portfolio_import_killed_at_any_moment_leaves_no_portfolio_a_blank_one_or_the_whole() {
    let workspace = Workspace::new();
    let sample = workspace.path("exempel.samordna");
    assert!(cli().arg("-p").arg(&sample).args(["init", "--sample"]).status().unwrap().success());
    let json = workspace.path("exempel.json");
    assert!(
        cli()
            .arg("-p")
            .arg(&sample)
            .args(["export", "--format", "json", "--out"])
            .arg(&json)
            .status()
            .unwrap()
            .success()
    );
    let target = workspace.path("ny.samordna");
    let import = |target: &Path| {
        let mut command = cli();
        command.arg("-p").arg(target).arg("import").arg(&json);
        command
    };
    let full = duration(import(&target));
    let expected = count(&target, "SELECT count(*) FROM initiative");
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut kills = Runs::default();
    for _ in 0..runs() {
        for leftover in std::fs::read_dir(workspace.dir.path()).unwrap() {
            let name = leftover.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with("ny.") || name.starts_with(".ny.") {
                std::fs::remove_file(workspace.path(&name)).unwrap();
            }
        }
        kills.kill_after(import(&target), full.mul_f64(rng.gen_range(0.0..1.2)), &target);
        if !target.exists() {
            continue;
        }
        integrity(&target);
        let initiatives = count(&target, "SELECT count(*) FROM initiative");
        assert!(initiatives == 0 || initiatives == expected, "{initiatives} of {expected} initiatives");
    }
    kills.check("portfolio import");
}

#[test]
fn a_decision_killed_at_any_moment_is_recorded_with_its_consequences_or_not_at_all() {
    let workspace = Workspace::new();
    let template = workspace.path("mall.samordna");
    assert!(cli().arg("-p").arg(&template).args(["init", "--sample"]).status().unwrap().success());
    let target = workspace.path("p.samordna");
    let decide = |target: &Path| {
        let mut command = cli();
        command.arg("-p").arg(target).args([
            "meetings",
            "decide",
            "--meeting",
            "2",
            "--item",
            "6",
            "--outcome",
            "prioriterad",
            "--text",
            "Samordningsgruppen prioriterar insatsen.",
        ]);
        command
    };
    std::fs::copy(&template, &target).unwrap();
    let full = duration(decide(&target));
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let mut kills = Runs::default();
    for _ in 0..runs() {
        start_from(&template, &target);
        kills.kill_after(decide(&target), full.mul_f64(rng.gen_range(0.0..1.2)), &target);
        integrity(&target);
        let decided = count(
            &target,
            "SELECT count(*) FROM decision d JOIN agenda_item i ON i.id = d.item_id WHERE i.meeting_id = 2",
        );
        let numbered =
            count(&target, "SELECT count(*) FROM agenda_item WHERE meeting_id = 2 AND paragraph IS NOT NULL");
        let moved = count(&target, "SELECT count(*) FROM initiative WHERE id = 1 AND state = 'prioriterad'");
        let locked = count(&target, "SELECT count(*) FROM criteria_set WHERE id = 1 AND locked = 1");
        match decided {
            0 => assert_eq!((numbered, moved, locked), (0, 0, 0), "nothing of the decision"),
            // Every item of the meeting numbered: its four opening items and eight matters (the last but one the
            // valuation of the set).
            1 => assert_eq!((numbered, moved, locked), (12, 1, 1), "the decision with all it does"),
            other => panic!("{other} decisions"),
        }
    }
    kills.check("decision");
}
