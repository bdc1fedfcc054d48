//! Paths in and out of the command line, tried as a careless user and as an attacker would: an output that names
//! the portfolio or one of its files, a folder or a device; a write that fails half-way; inputs without an end;
//! calculations whose results leave the range of exact amounts. Each ends in a clear error with nothing lost.

use std::path::Path;

use assert_cmd::Command;

use crate::support::Workspace;

fn samordna(workspace: &Workspace) -> Command {
    let mut command = Command::cargo_bin("samordna").unwrap();
    command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Sekreterare Test");
    command
}

/// Runs the command, expects exit 1 with `message` on stderr and no panic.
fn refused(command: &mut Command, message: &str) {
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(message), "expected '{message}' in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn sample(workspace: &Workspace) -> Vec<u8> {
    samordna(workspace).args(["-p", "p.samordna", "init", "--sample"]).assert().success();
    std::fs::read(workspace.path("p.samordna")).unwrap()
}

/// The latest meeting's id in the sample.
fn meeting(workspace: &Workspace) -> String {
    let listed = samordna(workspace).args(["-p", "p.samordna", "meetings", "list", "--json"]).output().unwrap();
    let meetings: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    // The meeting of 2026-12-03, whose items have initiatives with funding cases.
    let meetings = meetings.as_array().unwrap();
    let with_cases = meetings.iter().find(|m| m["date"] == "2026-12-03").unwrap_or(&meetings[0]);
    with_cases["id"].as_i64().unwrap().to_string()
}

/// Every command that writes a file, writing to `out`.
fn writers(meeting: &str, out: &str) -> Vec<Vec<String>> {
    let commands: [&[&str]; 5] = [
        &["paper", "kallelse", "--meeting", meeting, "--out", out],
        &["report", "--year", "2025", "--out", out],
        &["export", "--format", "json", "--out", out],
        &["export-sheet", "--kind", "initiatives", "--out", out],
        &["export-sheet", "--kind", "initiatives", "--template", "--out", out],
    ];
    commands.iter().map(|c| ["-p", "p.samordna"].iter().chain(c.iter()).map(|s| s.to_string()).collect()).collect()
}

#[test]
fn no_output_replaces_the_portfolio_or_its_own_files() {
    let workspace = Workspace::new();
    let before = sample(&workspace);
    let id = meeting(&workspace);
    samordna(&workspace).args(["-p", "p.samordna", "backups", "make"]).assert().success();
    let backup = std::fs::read_dir(workspace.path(".samordna-backups")).unwrap().next().unwrap().unwrap().path();
    let backup_bytes = std::fs::read(&backup).unwrap();
    std::fs::hard_link(workspace.path("p.samordna"), workspace.path("hard.pdf")).unwrap();
    let backup_name = format!(".samordna-backups/{}", backup.file_name().unwrap().to_string_lossy());
    #[allow(unused_mut)]
    let mut targets: Vec<(&str, &str)> = vec![
        ("p.samordna", "the open portfolio"),
        ("./sub/../p.samordna", "the open portfolio"),
        ("p.samordna-wal", "journal"),
        (".p.samordna.lock", "lock"),
        (&backup_name, "backups"),
        ("hard.pdf", "the open portfolio"),
    ];
    // A symbolic link needs a privilege on Windows that a user rarely has: checked where links are ordinary.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(workspace.path("p.samordna"), workspace.path("soft.pdf")).unwrap();
        targets.push(("soft.pdf", "the open portfolio"));
    }
    std::fs::create_dir(workspace.path("sub")).unwrap();
    for (target, message) in targets {
        for args in writers(&id, target) {
            refused(samordna(&workspace).args(&args), message);
        }
    }
    assert_eq!(std::fs::read(workspace.path("p.samordna")).unwrap(), before, "the portfolio is untouched");
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes, "the backup is untouched");
    // The portfolio still opens and holds its meetings.
    assert_eq!(meeting(&workspace), id);
}

#[test]
#[cfg_attr(windows, ignore = "makes a named pipe with mkfifo, a Unix tool")]
fn folders_devices_and_pipes_are_not_replaced() {
    let workspace = Workspace::new();
    sample(&workspace);
    let id = meeting(&workspace);
    std::fs::create_dir(workspace.path("folder")).unwrap();
    let fifo = workspace.path("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for target in ["folder", "/dev/null", "pipe"] {
        for args in writers(&id, target) {
            refused(samordna(&workspace).args(&args), "not a regular file");
        }
    }
    assert!(workspace.path("folder").is_dir());
    assert_eq!(std::fs::read_dir(workspace.path("folder")).unwrap().count(), 0);
}

/// Runs `samordna` with writes limited to `blocks` of 512 bytes (`ulimit -f`), so a write fails half-way as on a
/// full disk; SIGXFSZ is ignored so the write returns an error instead of killing the process.
fn with_file_size_limit(workspace: &Workspace, blocks: u32, args: &[&str]) -> std::process::Output {
    let binary = assert_cmd::cargo::cargo_bin("samordna");
    let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\"");
    std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(binary)
        .args(args)
        .current_dir(workspace.dir.path())
        .env("SAMORDNA_USER", "Sekreterare Test")
        .output()
        .unwrap()
}

#[test]
#[cfg_attr(windows, ignore = "limits file sizes with the shell's ulimit, a Unix feature")]
fn a_write_that_fails_half_way_leaves_the_previous_file_whole_and_no_fragment() {
    let workspace = Workspace::new();
    sample(&workspace);
    let id = meeting(&workspace);
    let previous = b"the previous export, which must survive".to_vec();
    for (out, args) in [
        ("export.json", vec!["-p", "p.samordna", "export", "--format", "json", "--out", "export.json"]),
        ("kallelse.pdf", vec!["-p", "p.samordna", "paper", "kallelse", "--meeting", &id, "--out", "kallelse.pdf"]),
    ] {
        std::fs::write(workspace.path(out), &previous).unwrap();
        // 64 blocks = 32 KiB: room for SQLite's shared-memory file (32 KiB) when reading the portfolio, but not for
        // the sample's export (about 450 KB) or notice (about 100 KB).
        let output = with_file_size_limit(&workspace, 64, &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{out}: {stderr}");
        assert!(stderr.contains(out) && !stderr.contains("database"), "the write failed, not the reading: {stderr}");
        assert_eq!(std::fs::read(workspace.path(out)).unwrap(), previous, "{out} is as it was");
        let leftovers: Vec<_> = std::fs::read_dir(workspace.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".part") || name.ends_with(".saving"))
            .collect();
        assert!(leftovers.is_empty(), "no partial files: {leftovers:?}");
    }
    // Without the limit the same export replaces the file whole.
    samordna(&workspace)
        .args(["-p", "p.samordna", "export", "--format", "json", "--out", "export.json"])
        .assert()
        .success();
    let text = std::fs::read_to_string(workspace.path("export.json")).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
}

fn write(workspace: &Workspace, name: &str, text: &str) -> String {
    std::fs::write(workspace.path(name), text).unwrap();
    name.to_string()
}

#[test]
fn calculations_beyond_exact_amounts_are_clear_errors_not_panics() {
    let workspace = Workspace::new();
    let flows = |rate: &str, years: usize| {
        let mut flows = vec!["-1000".to_string()];
        flows.extend(std::iter::repeat_n("100".to_string(), years));
        format!("{{\"rate\": {rate}, \"flows\": [{}]}}", flows.join(", "))
    };
    let doubling = write(&workspace, "doubling.json", &flows("1", 96));
    refused(samordna(&workspace).args(["benefits", "calc", &doubling]), "out of range");
    let vanishing = write(&workspace, "vanishing.json", &flows("-0.99", 16));
    refused(samordna(&workspace).args(["benefits", "calc", &vanishing]), "out of range");

    let case = |volume: &str| {
        format!(
            r#"{{"years": [2027], "customers": [{{"name": "Nämnd A", "kind": "namnd", "forecast_volume": [{volume}]}},
               {{"name": "Nämnd B", "kind": "namnd", "forecast_volume": [10]}}],
               "running_cost": {{"forecast": {{"fixed": [100000], "per_unit": [1000]}}}}}}"#
        )
    };
    let huge_volume = write(&workspace, "volume.json", &case("100000000000000"));
    refused(samordna(&workspace).args(["funding", "compare", &huge_volume]), "volume is larger than");
    let huge_product = write(&workspace, "product.json", &case("1000000000000"));
    refused(samordna(&workspace).args(["funding", "compare", &huge_product]), "exceed 1 000 000 000 000 kr");
}

#[test]
fn a_stored_funding_case_out_of_range_gives_a_paper_with_a_note() {
    let workspace = Workspace::new();
    sample(&workspace);
    let id = meeting(&workspace);
    // As a hand-edited file would: a volume of 10¹⁵ that no form or importer accepts.
    let db = rusqlite::Connection::open(workspace.path("p.samordna")).unwrap();
    let changed = db.execute("UPDATE funding_volume SET forecast = '1000000000000000'", []).unwrap();
    assert!(changed > 0, "the sample has funding cases");
    drop(db);
    for kind in ["underlag", "paket"] {
        let out = format!("{kind}.pdf");
        samordna(&workspace)
            .args(["-p", "p.samordna", "paper", kind, "--meeting", &id, "--out", &out])
            .assert()
            .success();
        let text = std::process::Command::new("pdftotext").args([&out, "-"]).current_dir(workspace.dir.path()).output();
        if let Ok(text) = text {
            let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
            assert!(text.contains("kunde inte beräknas"), "{kind}: the note is in the memo");
        }
    }
}

#[test]
fn calculation_inputs_are_read_through_a_limit_and_may_start_with_a_byte_order_mark() {
    let workspace = Workspace::new();
    refused(samordna(&workspace).args(["select", "/dev/zero"]), "larger than");
    refused(samordna(&workspace).args(["weights", "ahp", "/dev/zero"]), "larger than");
    let matrix = write(
        &workspace,
        "bom.json",
        "\u{feff}{\"labels\": [\"Nytta\", \"Risk\"], \"matrix\": [[1, 3], [\"1/3\", 1]]}",
    );
    samordna(&workspace).args(["weights", "ahp", &matrix, "--json"]).assert().success();
}

#[test]
fn weights_and_selection_refuse_what_cannot_be_weighed_or_selected() {
    let workspace = Workspace::new();
    let one = write(&workspace, "one.json", r#"{"labels": ["Nytta"], "matrix": [[1]]}"#);
    refused(samordna(&workspace).args(["weights", "ahp", &one]), "at least two criteria");
    let twice = write(&workspace, "twice.json", r#"{"labels": ["Nytta", "Nytta"], "matrix": [[1, 3], ["1/3", 1]]}"#);
    refused(samordna(&workspace).args(["weights", "ahp", &twice]), "appears twice");
    let empty = write(&workspace, "empty.json", r#"{"frames": {"2027": 1000000}, "candidates": []}"#);
    refused(samordna(&workspace).args(["select", &empty]), "no candidates");
    let huge = write(
        &workspace,
        "huge.json",
        r#"{"frames": {"2027": 90000000000000000}, "candidates": [{"id": "A", "value": 1, "cost": {"2027": 1}}]}"#,
    );
    refused(samordna(&workspace).args(["select", &huge]), "larger than 1 000 000 000 000 kr");
}

#[test]
fn the_engine_refuses_amounts_beyond_the_limit_in_every_record() {
    use samordna::domain::Rule;
    let workspace = Workspace::new();
    let mut portfolio = workspace.new_portfolio();
    let stamp = crate::support::stamp();
    let owner =
        portfolio.write(&stamp, |w| w.create(crate::support::organisation("Stadsledningsförvaltningen"))).unwrap();
    let mut initiative = crate::support::initiative("SLK-2027-00001", owner);
    initiative.costs = vec![samordna::domain::YearCost {
        year: 2027,
        development: samordna::Money::from_ore(samordna::Money::LIMIT.ore() + 1),
        management: samordna::Money::ZERO,
    }];
    let error = portfolio.write(&stamp, |w| w.create(initiative.clone())).unwrap_err();
    let samordna::Error::Invalid { problems, .. } = error else { panic!("{error}") };
    assert!(problems.errors().iter().any(|e| e.field == "costs[0].development" && e.rule == Rule::TooLarge));
    assert!(Path::new(&workspace.path("test.samordna")).exists());
}

#[test]
fn a_hand_edited_amount_beyond_the_limit_is_refused_at_the_door_not_wrapped() {
    let workspace = Workspace::new();
    let before = sample(&workspace);
    let db = rusqlite::Connection::open(workspace.path("p.samordna")).unwrap();
    // 9 × 10¹⁶ kr in öre: a sum with any other amount wraps past i64.
    let changed = db
        .execute(
            "UPDATE initiative_cost SET development_ore = 9000000000000000000 \
             WHERE (initiative_id, year) = (SELECT initiative_id, year FROM initiative_cost LIMIT 1)",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(db);
    let edited = std::fs::read(workspace.path("p.samordna")).unwrap();
    assert_ne!(edited, before);
    refused(samordna(&workspace).args(["-p", "p.samordna", "rank", "--json"]), "beyond 1 000 000 000 000 kr");
    refused(samordna(&workspace).args(["-p", "p.samordna", "backups", "make"]), "is damaged");
    assert_eq!(std::fs::read(workspace.path("p.samordna")).unwrap(), edited, "the file is left as it is");
}
