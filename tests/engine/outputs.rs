//! Paths in and out of the command line, tried as a careless user and as an attacker would: an output that names
//! the portfolio or one of its files, a folder or a device; a write that fails half-way; inputs without an end;
//! calculations whose results leave the range of exact amounts. Each ends in a clear error with nothing lost.

use std::path::Path;

use assert_cmd::Command;

use crate::support::{Workspace, samordna};

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

/// What the writing commands need from the sample: a meeting, a scenario, a provider's yearly analysis, an
/// initiative with a funding case, and a member's package.
struct Sample {
    meeting: String,
    scenario: String,
    provider: String,
    year: String,
    case: String,
    package: String,
    member: String,
}

fn sample_ids(workspace: &Workspace) -> Sample {
    let exported = samordna(workspace).args(["-p", "p.samordna", "export", "--format", "json"]).output().unwrap();
    let data: serde_json::Value = serde_json::from_slice(&exported.stdout).unwrap();
    let analysis = &data["yearly_analyses"][0];
    let funded = data["funding_cases"].as_array().unwrap().iter().find_map(|f| f["initiative_id"].as_i64()).unwrap();
    let case = data["initiatives"].as_array().unwrap().iter().find(|i| i["id"] == funded).unwrap();
    let meeting = meeting(workspace);
    samordna(workspace)
        .args(["-p", "p.samordna", "package", "export", "--meeting", &meeting, "--out", "pk"])
        .assert()
        .success();
    let package = std::fs::read_dir(workspace.path("pk")).unwrap().next().unwrap().unwrap().path();
    let shown = samordna(workspace).args(["package", "show", "--json"]).arg(&package).output().unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    Sample {
        meeting,
        scenario: data["scenarios"][0]["id"].to_string(),
        provider: analysis["provider_id"].to_string(),
        year: analysis["year"].to_string(),
        case: case["case_number"].as_str().unwrap().to_string(),
        package: package.to_string_lossy().into_owned(),
        member: shown["content"]["member"]["id"].to_string(),
    }
}

/// Every command that writes a file, writing to `out`, without the portfolio argument (the callers give it as
/// `-p` or in SAMORDNA_PORTFOLIO). Every command with an `--out` is here: the CLI's own test
/// `every_command_that_writes_a_file_is_known_to_the_output_tests` fails when one is added without it.
fn writers(sample: &Sample, out: &str) -> Vec<Vec<String>> {
    let Sample { meeting, scenario, provider, year, case, package, member } = sample;
    let commands: Vec<Vec<&str>> = vec![
        vec!["paper", "kallelse", "--meeting", meeting, "--out", out],
        vec!["paper", "underlag", "--meeting", meeting, "--out", out],
        vec!["paper", "paket", "--meeting", meeting, "--out", out],
        vec!["paper", "arlig-analys", "--provider", provider, "--year", year, "--out", out],
        vec!["paper", "budgetunderlag", "--scenario", scenario, "--out", out],
        vec!["report", "--year", "2025", "--out", out],
        vec!["export", "--format", "json", "--out", out],
        vec!["export-sheet", "--kind", "initiatives", "--out", out],
        vec!["export-sheet", "--kind", "initiatives", "--template", "--out", out],
        vec!["export-sheet", "--kind", "ranking", "--out", out],
        vec!["export-sheet", "--kind", "budget", "--scenario", scenario, "--out", out],
        vec!["export-sheet", "--kind", "funding", "--initiative", case, "--out", out],
        vec!["export-sheet", "--kind", "volumes", "--initiative", case, "--out", out],
        vec!["export-sheet", "--kind", "analysis", "--provider", provider, "--year", year, "--out", out],
        vec!["package", "respond", package, "--member", member, "--out", out],
    ];
    commands.into_iter().map(|c| c.into_iter().map(str::to_string).collect()).collect()
}

/// The portfolio given as `-p`, and in the environment as a member's shell would have it.
fn both_ways(workspace: &Workspace, args: &[String]) -> [Command; 2] {
    let mut flag = samordna(workspace);
    flag.args(["-p", "p.samordna"]).args(args);
    let mut environment = samordna(workspace);
    environment.env("SAMORDNA_PORTFOLIO", "p.samordna").args(args);
    [flag, environment]
}

#[test]
fn no_output_replaces_the_portfolio_or_its_own_files() {
    let workspace = Workspace::new();
    sample(&workspace);
    let ids = sample_ids(&workspace);
    let before = std::fs::read(workspace.path("p.samordna")).unwrap();
    samordna(&workspace).args(["-p", "p.samordna", "backups", "make"]).assert().success();
    let backup = std::fs::read_dir(workspace.path(".samordna-backups")).unwrap().next().unwrap().unwrap().path();
    let backup_bytes = std::fs::read(&backup).unwrap();
    let package_bytes = std::fs::read(&ids.package).unwrap();
    std::fs::hard_link(workspace.path("p.samordna"), workspace.path("hard.pdf")).unwrap();
    let backup_name = format!(".samordna-backups/{}", backup.file_name().unwrap().to_string_lossy());
    #[allow(unused_mut)]
    let mut targets: Vec<(&str, &str)> = vec![
        ("p.samordna", "the open portfolio"),
        ("./sub/../p.samordna", "the open portfolio"),
        ("p.samordna-wal", "journal"),
        (".p.samordna.lock", "lock"),
        (&backup_name, "backups"),
        (".samordna-backups/new.xlsx", "backups"),
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
        for args in writers(&ids, target) {
            for mut command in both_ways(&workspace, &args) {
                refused(&mut command, message);
            }
        }
    }
    // A response never replaces the package it answers.
    let args = ["package", "respond", &ids.package, "--member", &ids.member, "--out", &ids.package];
    refused(samordna(&workspace).args(args), "the file this command reads");
    // Packages are never written into the backups folder.
    for folder in [".samordna-backups", ".samordna-backups/paket"] {
        for mut command in
            both_ways(&workspace, &["package", "export", "--meeting", &ids.meeting, "--out", folder].map(String::from))
        {
            refused(&mut command, "backups");
        }
    }
    assert_eq!(std::fs::read(workspace.path("p.samordna")).unwrap(), before, "the portfolio is untouched");
    assert_eq!(std::fs::read(&backup).unwrap(), backup_bytes, "the backup is untouched");
    assert_eq!(std::fs::read(&ids.package).unwrap(), package_bytes, "the package is untouched");
    // The portfolio still opens and holds its meetings.
    assert_eq!(meeting(&workspace), ids.meeting);
    // Each writer does write to an ordinary file (so the refusals above are the guard's, not a failing command).
    for (index, args) in writers(&ids, "ok.out").into_iter().enumerate() {
        let name = format!("ok{index}.out");
        let args: Vec<String> = args.into_iter().map(|a| if a == "ok.out" { name.clone() } else { a }).collect();
        let mut command = samordna(&workspace);
        let output = command.args(["-p", "p.samordna"]).args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(std::fs::metadata(workspace.path(&name)).unwrap().len() > 0, "{args:?} wrote {name}");
    }
}

/// Unix only: named pipes (mkfifo), /dev and /proc, symbolic links.
#[test]
#[cfg(unix)]
fn folders_devices_and_pipes_are_not_replaced() {
    let workspace = Workspace::new();
    sample(&workspace);
    let ids = sample_ids(&workspace);
    std::fs::create_dir(workspace.path("folder")).unwrap();
    let fifo = workspace.path("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // A link to a device, and the link to standard output (a link into /proc): both devices behind a name.
    std::os::unix::fs::symlink("/dev/null", workspace.path("null-link")).unwrap();
    for target in ["folder", "/dev/null", "pipe", "/dev/stdout", "/dev/stderr", "/proc/self/fd/1", "null-link"] {
        for args in writers(&ids, target) {
            refused(samordna(&workspace).args(["-p", "p.samordna"]).args(&args), "not a regular file");
        }
    }
    // Standard output redirected to a file still gets nothing replaced behind it: /dev/stdout stays a link.
    assert!(std::fs::symlink_metadata("/dev/stdout").unwrap().file_type().is_symlink());
    assert!(workspace.path("folder").is_dir());
    assert_eq!(std::fs::read_dir(workspace.path("folder")).unwrap().count(), 0);
    assert!(std::fs::symlink_metadata(workspace.path("null-link")).unwrap().file_type().is_symlink());
}

#[test]
#[cfg(unix)]
fn a_link_to_a_file_is_written_through_and_kept() {
    let workspace = Workspace::new();
    sample(&workspace);
    std::fs::create_dir(workspace.path("papers")).unwrap();
    std::fs::write(workspace.path("papers/export.json"), b"old").unwrap();
    std::os::unix::fs::symlink("papers/export.json", workspace.path("latest.json")).unwrap();
    samordna(&workspace)
        .args(["-p", "p.samordna", "export", "--format", "json", "--out", "latest.json"])
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(workspace.path("latest.json")).unwrap().file_type().is_symlink());
    let written = std::fs::read_to_string(workspace.path("papers/export.json")).unwrap();
    assert!(written.contains("\"format_version\""), "the link's target holds the export");
    // A link that leads nowhere is refused, not replaced by a file.
    std::os::unix::fs::symlink("missing/nothing.json", workspace.path("dangling.json")).unwrap();
    refused(
        samordna(&workspace).args(["-p", "p.samordna", "export", "--format", "json", "--out", "dangling.json"]),
        "not a regular file",
    );
    assert!(std::fs::symlink_metadata(workspace.path("dangling.json")).unwrap().file_type().is_symlink());
}

#[test]
#[cfg_attr(windows, ignore = "makes a named pipe with mkfifo, a Unix tool")]
fn a_pipe_as_input_is_refused_at_once() {
    let workspace = Workspace::new();
    sample(&workspace);
    assert!(std::process::Command::new("mkfifo").arg(workspace.path("pipe")).status().unwrap().success());
    // Opening a fifo for reading waits for a writer: each must be refused before that, so these return.
    for args in [
        vec!["-p", "q.samordna", "import", "pipe"],
        vec!["-p", "p.samordna", "import-sheet", "pipe", "--kind", "initiatives", "--dry-run"],
        vec!["package", "show", "pipe"],
        vec!["select", "pipe"],
        vec!["-p", "p.samordna", "package", "import", "pipe"],
    ] {
        let mut command = samordna(&workspace);
        command.args(&args).timeout(std::time::Duration::from_secs(20));
        refused(&mut command, "not a regular file");
    }
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
    #[cfg(unix)]
    {
        // A device that never ends is no file to read.
        refused(samordna(&workspace).args(["select", "/dev/zero"]), "not a regular file");
        refused(samordna(&workspace).args(["weights", "ahp", "/dev/zero"]), "not a regular file");
    }
    // A file over the limit (64 MB) is refused, not read into memory: a sparse file of 65 MB.
    std::fs::File::create(workspace.path("big.json")).unwrap().set_len(65 * 1024 * 1024).unwrap();
    refused(samordna(&workspace).args(["select", "big.json"]), "larger than");
    refused(samordna(&workspace).args(["weights", "ahp", "big.json"]), "larger than");
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
    // A "reciprocal" pair off the scale gave weights that were not numbers, marked acceptable.
    let huge = write(&workspace, "huge.json", r#"{"labels": ["Nytta", "Risk"], "matrix": [[1, 1e308], [1e-308, 1]]}"#);
    refused(samordna(&workspace).args(["weights", "ahp", &huge]), "outside Saaty's scale");
    let ten = write(&workspace, "ten.json", r#"{"labels": ["Nytta", "Risk"], "matrix": [[1, 10], ["1/10", 1]]}"#);
    refused(samordna(&workspace).args(["weights", "ahp", &ten]), "outside Saaty's scale");
    let ninth = write(&workspace, "ninth.json", r#"{"labels": ["Nytta", "Risk"], "matrix": [[1, 0.111], [9, 1]]}"#);
    samordna(&workspace).args(["weights", "ahp", &ninth]).assert().success();
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

#[test]
fn years_at_the_ends_of_the_integers_are_refused_not_overflowed() {
    let workspace = Workspace::new();
    sample(&workspace);
    for year in ["--year=2147483647", "--year=-2147483648", "--year=1999", "--year=2101"] {
        for args in [
            vec!["report", year, "--out", "r.pdf"],
            vec!["export-sheet", "--kind", "analysis", "--provider", "1", year, "--out", "a.xlsx"],
        ] {
            let mut command = samordna(&workspace);
            command.args(["-p", "p.samordna"]).args(&args);
            refused(&mut command, "outside 2000–2100");
        }
        // Where the command line knows the range itself, a usage error (exit 2).
        let output = samordna(&workspace).args(["-p", "p.samordna", "analyses", "list", year]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
    }
    // The sheet of a year within the range is made, and read back under a year out of it is refused unread.
    samordna(&workspace)
        .args(["-p", "p.samordna", "export-sheet", "--kind", "analysis", "--provider", "1", "--year", "2027"])
        .args(["--out", "a.xlsx"])
        .assert()
        .success();
    let mut command = samordna(&workspace);
    command.args(["-p", "p.samordna", "import-sheet", "a.xlsx", "--kind", "analysis", "--provider", "1"]);
    refused(command.args(["--year", "2147483647", "--dry-run"]), "outside 2000–2100");
}
