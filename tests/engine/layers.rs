//! The engine's layers (ARCHITECTURE.md, "Layers"): a module may use only modules of a lower layer. This reads
//! every source file of the library and fails on an import from the same or a higher layer, which also rules out
//! import cycles between the engine's modules.

use std::path::{Path, PathBuf};

/// The engine's top-level modules, lowest layer first. Keep in step with ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &["money", "time"],
    &["domain"],
    &["error"],
    &["files"],
    &["prioritisation", "funding", "benefits"],
    &["store"],
    &["interchange", "sheets", "papers", "settings"],
    &["package", "sample"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a library source file belongs to (`src/store/scores.rs` → `store`); `None` for `lib.rs`
/// and for the CLI (`main.rs`, `cli/`), which is not part of the library and may use any of it.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "cli")).then(|| name.to_string())
}

/// The top-level modules one source text refers to through `crate::`, including grouped imports
/// (`use crate::{domain::Id, money::Money}`). Comments are skipped: a doc link is not a dependency.
fn referenced_modules(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let code: String =
        source.lines().filter(|line| !line.trim_start().starts_with("//")).map(|line| format!("{line}\n")).collect();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // A grouped import: every path at the group's first level names a module.
            let mut depth = 0usize;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(first_segment(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            found.push(first_segment(&item));
        } else {
            found.push(first_segment(rest));
        }
    }
    found.retain(|name| !name.is_empty() && name != "self");
    found.sort();
    found.dedup();
    found
}

fn first_segment(path: &str) -> String {
    path.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The names `lib.rs` re-exports at the crate's root (`pub use money::Money;` → `Money` is `money`), so that
/// `crate::Money` counts as a use of `money`.
fn root_reexports(files: &[(PathBuf, String)]) -> Vec<(String, String)> {
    let Some((_, lib)) = files.iter().find(|(path, _)| path == Path::new("lib.rs")) else { return Vec::new() };
    let mut names = Vec::new();
    for line in lib.lines() {
        let Some(used) = line.strip_prefix("pub use ").and_then(|l| l.strip_suffix(';')) else { continue };
        let Some((module, items)) = used.split_once("::") else { continue };
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            names.push((item.trim().to_string(), module.to_string()));
        }
    }
    names
}

/// Every import from the same or a higher layer, and every module missing from [`LAYERS`], as a sentence.
fn violations(files: &[(PathBuf, String)]) -> Vec<String> {
    let reexports = root_reexports(files);
    let mut found = Vec::new();
    for (relative, source) in files {
        let Some(module) = module_of(relative) else { continue };
        let Some(own) = layer_of(&module) else {
            found.push(format!("{}: module `{module}` has no layer in LAYERS", relative.display()));
            continue;
        };
        for used in referenced_modules(source) {
            let used = reexports.iter().find(|(name, _)| *name == used).map_or(used, |(_, module)| module.clone());
            if used == module {
                continue;
            }
            match layer_of(&used) {
                Some(layer) if layer < own => {}
                Some(layer) => found.push(format!(
                    "{}: `{module}` (layer {own}) uses `{used}` (layer {layer}); a module may use only lower layers",
                    relative.display()
                )),
                None => found.push(format!("{}: uses `{used}`, which has no layer in LAYERS", relative.display())),
            }
        }
    }
    found
}

fn library_sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path.strip_prefix(&root).unwrap().to_path_buf(), text));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn no_module_uses_one_of_its_own_or_a_higher_layer() {
    let files = library_sources();
    assert!(files.len() > 50, "found only {} source files", files.len());
    let found = violations(&files);
    assert!(found.is_empty(), "imports against the layers:\n{}", found.join("\n"));
}

#[test]
fn every_top_level_module_of_the_library_has_a_layer() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let modules: Vec<&str> = lib.lines().filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';')).collect();
    assert!(modules.contains(&"store"), "{modules:?}");
    for module in modules {
        assert!(layer_of(module).is_some(), "`{module}` has no layer in LAYERS (tests/engine/layers.rs)");
    }
}

#[test]
fn an_upward_or_sideways_import_is_found() {
    let file = |path: &str, text: &str| (PathBuf::from(path), text.to_string());
    let found = violations(&[
        file("domain/criteria.rs", "use crate::prioritisation::scoring::MAX_LEVEL;\n"),
        file("error.rs", "use crate::{domain::Entity, sheets::SheetProblem};\n"),
        file("funding/mod.rs", "fn f() { crate::benefits::calc::npv(); }\n"),
        file("store/mod.rs", "/// See [`crate::papers`].\nuse crate::{money::Money, domain::{Id, Entity}};\n"),
        file("money.rs", "fn f() { my_crate::store::open(); }\n"),
        file("cli/mod.rs", "use crate::package::Refusal;\n"),
        file("lib.rs", "pub mod money;\npub use store::{Portfolio, Reader};\n"),
        file("files.rs", "fn f(p: &crate::Portfolio) {}\n"),
    ]);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("`domain` (layer 1) uses `prioritisation`"), "{}", found[0]);
    assert!(found[1].contains("`error` (layer 2) uses `sheets`"), "{}", found[1]);
    assert!(found[2].contains("`funding` (layer 4) uses `benefits` (layer 4)"), "{}", found[2]);
    assert!(found[3].contains("`files` (layer 3) uses `store`"), "{}", found[3]);
}

#[test]
fn grouped_imports_name_each_module() {
    assert_eq!(
        referenced_modules("use crate::{\n    domain::{Id, Score},\n    money::Money,\n    store,\n};"),
        ["domain", "money", "store"]
    );
    assert_eq!(referenced_modules("let x = crate::files::write_atomically(p, b);"), ["files"]);
}
