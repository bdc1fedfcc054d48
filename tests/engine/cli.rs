//! The `samordna` command line: exit codes, messages, and the JSON it reads and writes.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::Workspace;

fn samordna(workspace: &Workspace) -> Command {
    let mut command = Command::cargo_bin("samordna").unwrap();
    command.current_dir(workspace.dir.path()).env_remove("SAMORDNA_PORTFOLIO").env("SAMORDNA_USER", "Sekreterare Test");
    command
}

/// Asserts a failure with `code` and exactly one line on stderr containing `message`.
fn fails(command: &mut Command, code: i32, message: &str) {
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(code), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    if code == 1 {
        assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
    }
    assert!(stderr.contains(message), "stderr: {stderr}");
}

#[test]
fn init_export_import_round_trip() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "a.samordna", "init", "--sample"]).assert().success();
    samordna(&workspace).args(["-p", "a.samordna", "export", "--format", "json", "--out", "a.json"]).assert().success();
    samordna(&workspace).args(["-p", "b.samordna", "import", "a.json"]).assert().success();
    let exported = samordna(&workspace)
        .env("SAMORDNA_PORTFOLIO", "b.samordna")
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(exported.status.success());
    assert_eq!(String::from_utf8(exported.stdout).unwrap(), std::fs::read_to_string(workspace.path("a.json")).unwrap());
}

#[test]
fn import_refuses_to_overwrite_data_unless_asked_and_fails_whole() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "a.samordna", "init", "--sample"]).assert().success();
    samordna(&workspace).args(["-p", "a.samordna", "export", "--format", "json", "--out", "a.json"]).assert().success();
    fails(samordna(&workspace).args(["-p", "a.samordna", "import", "a.json"]), 1, "--replace");
    samordna(&workspace).args(["-p", "a.samordna", "import", "a.json", "--replace"]).assert().success();

    let broken = std::fs::read_to_string(workspace.path("a.json")).unwrap().replacen(
        "\"owner_id\": 3,",
        "\"owner_id\": 999,",
        1,
    );
    std::fs::write(workspace.path("broken.json"), broken).unwrap();
    fails(samordna(&workspace).args(["-p", "c.samordna", "import", "broken.json"]), 1, "owner_id refers to a record");
    assert!(!workspace.path("c.samordna").exists(), "a failed import into a new file leaves no file");
}

#[test]
fn initiatives_list_and_show() {
    let workspace = Workspace::new();
    samordna(&workspace).args(["-p", "a.samordna", "init", "--sample"]).assert().success();
    samordna(&workspace)
        .args(["-p", "a.samordna", "initiatives", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SLK-2026-00101").and(predicate::str::contains("44 initiative(s)")));
    let listed = samordna(&workspace).args(["-p", "a.samordna", "initiatives", "list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 44);

    let shown = samordna(&workspace)
        .args(["-p", "a.samordna", "initiatives", "show", "slk-2026-00104", "--json"])
        .output()
        .unwrap();
    let one: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(one["title"], "E-arkiv steg 2: avslutade ärenden");
    assert_eq!(one["costs"][0]["development"], 260_000_000, "amounts in öre");
    samordna(&workspace).args(["-p", "a.samordna", "initiatives", "show", "4"]).assert().success().stdout(
        predicate::str::contains("Frame decided by the council").and(predicate::str::contains("2 600 000,00 kr")),
    );
    fails(
        samordna(&workspace).args(["-p", "a.samordna", "initiatives", "show", "SLK-1999-99999"]),
        1,
        "no initiative with case number SLK-1999-99999",
    );
}

#[test]
fn usage_errors_exit_2_and_other_errors_exit_1() {
    let workspace = Workspace::new();
    fails(samordna(&workspace).args(["initiatives", "list"]), 2, "--portfolio");
    fails(samordna(&workspace).args(["-p", "a.samordna", "frobnicate"]), 2, "unrecognized subcommand");
    fails(samordna(&workspace).args(["-p", "a.samordna", "export", "--format", "xml"]), 2, "invalid value 'xml'");
    fails(samordna(&workspace).args(["-p", "missing.samordna", "initiatives", "list"]), 1, "does not exist");
    std::fs::write(workspace.path("text.samordna"), "hej").unwrap();
    fails(samordna(&workspace).args(["-p", "text.samordna", "initiatives", "list"]), 1, "is not a Samordna portfolio");
    samordna(&workspace).args(["-p", "a.samordna", "init"]).assert().success();
    fails(samordna(&workspace).args(["-p", "a.samordna", "init"]), 1, "already exists");
}
