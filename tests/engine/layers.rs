//! The engine's layers (ARCHITECTURE.md, "Layers"): a module may use only modules of a lower layer. This reads
//! every source file of the library and fails on an import from the same or a higher layer, which also rules out
//! import cycles between the engine's modules.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

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

/// What a source text names from its own crate, read from its tokens (so comments, doc comments and strings never
/// count, and paths inside macro calls do): every path through `crate::`, `$crate::`, `self::` or `super::`,
/// resolved to its segments from the crate's root (`super::super::x` in `store/scores.rs` → `x`), and the two
/// spellings that would hide a path from this reading, which are refused.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    /// A path from the crate's root: `["domain", "Id"]`.
    Path(Vec<String>),
    /// `use crate::*` (or `super::*` up to the root): every top-level module at once.
    GlobOfRoot,
    /// `use crate as c` or `extern crate self as c`: paths through `c::` would not be seen.
    AliasOfCrate,
    /// `super::` above the crate's root: the source does not compile, or this reading is wrong.
    AboveRoot(String),
}

/// What `source` names, the file being the module `module` (`["store", "scores"]`; `[]` for `lib.rs`).
fn named_in(source: &str, module: &[String]) -> Result<Vec<Named>, String> {
    let tokens: TokenStream = source.parse().map_err(|e| format!("not Rust tokens: {e:?}"))?;
    let mut found = Vec::new();
    walk(tokens, module, &mut found);
    Ok(found)
}

fn is_ident(token: Option<&TokenTree>, name: &str) -> bool {
    matches!(token, Some(TokenTree::Ident(i)) if i == name)
}

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// `::` at `tokens[at]`.
fn is_path_separator(tokens: &[TokenTree], at: usize) -> bool {
    matches!(tokens.get(at), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && is_punct(tokens.get(at + 1), ':')
}

fn walk(stream: TokenStream, module: &[String], found: &mut Vec<Named>) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        // An inline module (`mod tests { … }`): `super::` inside it is the file's module.
        if is_ident(tokens.get(i), "mod")
            && let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) = (tokens.get(i + 1), tokens.get(i + 2))
            && body.delimiter() == Delimiter::Brace
        {
            let inner: Vec<String> = module.iter().cloned().chain([name.to_string()]).collect();
            walk(body.stream(), &inner, found);
            i += 3;
            continue;
        }
        if is_ident(tokens.get(i), "extern")
            && is_ident(tokens.get(i + 1), "crate")
            && is_ident(tokens.get(i + 2), "self")
            && is_ident(tokens.get(i + 3), "as")
        {
            found.push(Named::AliasOfCrate);
            i += 4;
            continue;
        }
        let after_separator = i >= 2 && is_path_separator(&tokens, i - 2);
        let start = match tokens.get(i) {
            Some(TokenTree::Ident(first)) if !after_separator => {
                let first = first.to_string();
                matches!(first.as_str(), "crate" | "self" | "super").then_some(first)
            }
            _ => None,
        };
        if let Some(first) = start {
            if first == "crate" && is_ident(tokens.get(i + 1), "as") {
                found.push(Named::AliasOfCrate);
            }
            if is_path_separator(&tokens, i + 1) {
                let end = path_end(&tokens, i);
                use_tree(&tokens[i..end], &[], module, found);
                i = end;
                continue;
            }
        }
        if let Some(TokenTree::Group(group)) = tokens.get(i) {
            walk(group.stream(), module, found);
        }
        i += 1;
    }
}

/// Where the path starting at `tokens[start]` ends: segments joined by `::`, then a `{…}` group or `*`.
fn path_end(tokens: &[TokenTree], start: usize) -> usize {
    let mut end = start + 1;
    while is_path_separator(tokens, end) {
        match tokens.get(end + 2) {
            Some(TokenTree::Ident(_)) => end += 3,
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => return end + 3,
            Some(TokenTree::Punct(p)) if p.as_char() == '*' => return end + 3,
            _ => return end,
        }
    }
    end
}

/// One path or use tree (`crate::{a::b, c::*}`), its segments after `prefix`, resolved from `module`.
fn use_tree(tokens: &[TokenTree], prefix: &[String], module: &[String], found: &mut Vec<Named>) {
    let mut segments = prefix.to_vec();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Ident(ident) if ident == "as" => break,
            TokenTree::Ident(ident) => segments.push(ident.to_string()),
            TokenTree::Punct(p) if p.as_char() == '*' => {
                match resolve(&segments, module) {
                    Ok(path) if path.is_empty() => found.push(Named::GlobOfRoot),
                    Ok(path) => found.push(Named::Path(path)),
                    Err(above) => found.push(above),
                }
                return;
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                for item in inner.split(|t| is_punct(Some(t), ',')) {
                    if !item.is_empty() {
                        use_tree(item, &segments, module, found);
                    }
                }
                return;
            }
            _ => {}
        }
        i += 1;
    }
    match resolve(&segments, module) {
        Ok(path) if path.is_empty() && segments.first().is_some_and(|s| s == "crate") => {}
        Ok(path) => found.push(Named::Path(path)),
        Err(above) => found.push(above),
    }
}

/// `segments` from the crate's root: `crate` is the root, `self` the module, `super` its parent.
fn resolve(segments: &[String], module: &[String]) -> Result<Vec<String>, Named> {
    let mut path: Vec<String> = Vec::new();
    for (n, segment) in segments.iter().enumerate() {
        match segment.as_str() {
            "crate" if n == 0 => path.clear(),
            "self" if n == 0 => path = module.to_vec(),
            "self" => {}
            "super" => {
                if n == 0 {
                    path = module.to_vec();
                }
                if path.pop().is_none() {
                    return Err(Named::AboveRoot(segments.join("::")));
                }
            }
            other => path.push(other.to_string()),
        }
    }
    Ok(path)
}

/// The module a library source file is (`store/scores.rs` → `["store", "scores"]`, `store/mod.rs` → `["store"]`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut path: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    if path.last().is_some_and(|last| last == "mod" || last == "lib") {
        path.pop();
    }
    path
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

/// Every import from the same or a higher layer, every module missing from [`LAYERS`], and every spelling that
/// would hide an import from this reading, as a sentence.
fn violations(files: &[(PathBuf, String)]) -> Vec<String> {
    let reexports = root_reexports(files);
    let mut found = Vec::new();
    for (relative, source) in files {
        let Some(module) = module_of(relative) else { continue };
        let Some(own) = layer_of(&module) else {
            found.push(format!("{}: module `{module}` has no layer in LAYERS", relative.display()));
            continue;
        };
        let named = match named_in(source, &module_path(relative)) {
            Ok(named) => named,
            Err(e) => {
                found.push(format!("{}: {e}", relative.display()));
                continue;
            }
        };
        let mut used_modules: Vec<String> = Vec::new();
        for named in named {
            match named {
                Named::Path(path) => used_modules.extend(path.into_iter().next()),
                Named::GlobOfRoot => found.push(format!(
                    "{}: a glob import of the crate's root hides which modules it uses; name them",
                    relative.display()
                )),
                Named::AliasOfCrate => found.push(format!(
                    "{}: an alias of the crate hides which modules it uses; write `crate::`",
                    relative.display()
                )),
                Named::AboveRoot(path) => {
                    found.push(format!("{}: `{path}` goes above the crate's root", relative.display()))
                }
            }
        }
        used_modules.sort();
        used_modules.dedup();
        for used in used_modules {
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

/// The top-level modules `source` names as the file `path` (`store/scores.rs`).
fn modules_named(path: &str, source: &str) -> Vec<String> {
    let mut modules: Vec<String> = named_in(source, &module_path(Path::new(path)))
        .unwrap()
        .into_iter()
        .filter_map(|named| match named {
            Named::Path(path) => path.into_iter().next(),
            _ => None,
        })
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

#[test]
fn grouped_imports_name_each_module() {
    assert_eq!(
        modules_named("files.rs", "use crate::{\n    domain::{Id, Score},\n    money::Money,\n    store,\n};"),
        ["domain", "money", "store"]
    );
    assert_eq!(modules_named("files.rs", "fn f() { let x = crate::files::write_atomically(p, b); }"), ["files"]);
}

#[test]
fn super_and_self_paths_are_resolved_from_the_files_module() {
    // `store/scores.rs` is `crate::store::scores`: one `super` is `store`, two the root.
    assert_eq!(modules_named("store/scores.rs", "use super::super::papers::Paper;"), ["papers"]);
    assert_eq!(modules_named("store/scores.rs", "use super::Portfolio;"), ["store"]);
    assert_eq!(modules_named("store/mod.rs", "use super::sheets;"), ["sheets"]);
    assert_eq!(modules_named("store/mod.rs", "use self::scores::x;"), ["store"]);
    assert_eq!(modules_named("domain/item.rs", "fn f() { super::super::store::open(); }"), ["store"]);
    assert_eq!(modules_named("domain/item.rs", "use super::{super::package::Refusal, Id};"), ["domain", "package"]);
    // Inside an inline module, `super` is the file's module.
    assert_eq!(modules_named("money.rs", "mod tests { use super::*; use super::super::store; }"), ["money", "store"]);
    assert_eq!(
        modules_named("domain/mod.rs", "mod inner { mod deeper { use super::super::super::papers; } }"),
        ["papers"]
    );
}

#[test]
fn comments_strings_and_visibility_are_not_imports_and_macros_are_read() {
    let source = r#"
        // crate::store is named in a comment,
        /* and crate::papers in a block comment, */
        /// and crate::package in a doc comment,
        pub(crate) fn f() {
            let s = "crate::sheets in a string";
            let r = r"crate::settings in a raw string";
            let n = format!("{}", crate::funding::x());
            assert!(matches!(y, crate::benefits::Z));
        }
    "#;
    assert_eq!(modules_named("domain/item.rs", source), ["benefits", "funding"]);
}

#[test]
fn a_glob_of_the_root_an_alias_of_the_crate_and_a_path_above_the_root_are_refused() {
    let file = |path: &str, text: &str| (PathBuf::from(path), text.to_string());
    let mut files = vec![
        file("money.rs", "use crate::*;\n"),
        file("domain/mod.rs", "use super::*;\n"),
        file("time.rs", "use crate as engine;\nfn f() { engine::store::open(); }\n"),
        file("files.rs", "extern crate self as engine;\n"),
        file("error.rs", "use crate::{money::Money, *};\n"),
        file("domain/item.rs", "use super::super::super::store;\n"),
        file("store/mod.rs", "mod tests { use super::*; use crate::papers::Paper; }\n"),
    ];
    files.sort();
    let found = violations(&files);
    assert_eq!(found.len(), 7, "{found:#?}");
    assert!(found[0].starts_with("domain/item.rs: `super::super::super::store` goes above"), "{}", found[0]);
    assert!(found[1].starts_with("domain/mod.rs: a glob import of the crate's root"), "{}", found[1]);
    assert!(found[2].starts_with("error.rs: a glob import of the crate's root"), "{}", found[2]);
    assert!(found[3].starts_with("files.rs: an alias of the crate"), "{}", found[3]);
    assert!(found[4].starts_with("money.rs: a glob import of the crate's root"), "{}", found[4]);
    assert!(found[5].contains("`store` (layer 5) uses `papers`"), "{}", found[5]);
    assert!(found[6].starts_with("time.rs: an alias of the crate"), "{}", found[6]);
}

/// The edges between the files of one top-level module (`domain`): file → the sibling file it names, by path
/// (`super::meeting::opening_items`) or by a name `mod.rs` re-exports from it (`super::Initiative` → `initiative`).
/// What `mod.rs` itself defines (`super::Id`) is no edge: `mod.rs` is where they all meet.
fn file_edges(files: &[(PathBuf, String)], top: &str) -> BTreeSet<(String, String)> {
    let hub = files.iter().find(|(p, _)| p == &PathBuf::from(format!("{top}/mod.rs"))).map_or("", |(_, s)| s.as_str());
    let mut reexported: Vec<(String, String)> = Vec::new();
    for statement in hub.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else { continue };
        let Some((file, items)) = rest.split_once("::") else { continue };
        for item in items.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace()).split(',') {
            let name = item.rsplit(" as ").next().unwrap_or_default().trim();
            reexported.push((name.to_string(), file.trim().to_string()));
        }
    }
    let siblings: BTreeSet<String> = files
        .iter()
        .map(|(p, _)| module_path(p))
        .filter(|path| path.len() >= 2 && path[0] == top)
        .map(|path| path[1].clone())
        .collect();
    let mut edges = BTreeSet::new();
    for (relative, source) in files {
        let path = module_path(relative);
        if path.len() < 2 || path[0] != top {
            continue;
        }
        for named in named_in(source, &path).unwrap_or_default() {
            let Named::Path(used) = named else { continue };
            let Some(name) = used.get(1).filter(|_| used[0] == top) else { continue };
            let target = if siblings.contains(name) {
                Some(name.clone())
            } else {
                reexported.iter().find(|(n, _)| n == name).map(|(_, file)| file.clone())
            };
            if let Some(target) = target.filter(|t| *t != path[1]) {
                edges.insert((path[1].clone(), target));
            }
        }
    }
    edges
}

/// One cycle among `edges`, as `a → b → a`, if there is one.
fn a_cycle(edges: &BTreeSet<(String, String)>) -> Option<String> {
    fn visit<'a>(
        node: &'a str,
        edges: &'a BTreeSet<(String, String)>,
        trail: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<String> {
        if let Some(at) = trail.iter().position(|n| *n == node) {
            return Some(trail[at..].iter().chain([&node]).copied().collect::<Vec<_>>().join(" → "));
        }
        if !done.insert(node) {
            return None;
        }
        trail.push(node);
        for (_, to) in edges.iter().filter(|(from, _)| from == node) {
            if let Some(cycle) = visit(to, edges, trail, done) {
                return Some(cycle);
            }
        }
        trail.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges.iter().find_map(|(from, _)| visit(from, edges, &mut Vec::new(), &mut done))
}

/// Issue 30: the domain's files used to import each other through `vocabulary.rs` (the closed lists every file
/// uses, and the facts for the UI drawn from lifecycle, deviation and meeting); the store's decisions, initiatives
/// and meetings, and the sheets' cells, columns, import and record tables, named each other round. No file of a
/// module folder may name another that names it back, however indirectly.
#[test]
fn the_files_of_each_module_folder_use_each_other_without_a_cycle() {
    let sources = library_sources();
    let edges = file_edges(&sources, "domain");
    assert!(edges.contains(&("vocabulary".to_string(), "lifecycle".to_string())), "{edges:?}");
    assert!(edges.contains(&("lifecycle".to_string(), "closed_lists".to_string())), "{edges:?}");
    let folders: BTreeSet<String> = sources
        .iter()
        .map(|(path, _)| module_path(path))
        .filter(|path| path.len() >= 2)
        .map(|path| path[0].clone())
        .collect();
    for folder in ["domain", "store", "sheets", "papers", "prioritisation", "package"] {
        assert!(folders.contains(folder), "{folder} in {folders:?}");
    }
    for folder in &folders {
        let edges = file_edges(&sources, folder);
        assert_eq!(a_cycle(&edges), None, "among the files of {folder}/");
    }
    let store = file_edges(&sources, "store");
    assert!(store.contains(&("decisions".to_string(), "initiatives".to_string())), "{store:?}");
    assert!(store.contains(&("initiatives".to_string(), "meetings".to_string())), "{store:?}");
}

#[test]
fn a_cycle_among_a_modules_files_is_found_through_paths_and_re_exports() {
    let file = |path: &str, text: &str| (PathBuf::from(path), text.to_string());
    let files = [
        file("domain/mod.rs", "mod a;\nmod b;\nmod c;\npub use c::{Thing, Other as Renamed};\npub type Id = i64;\n"),
        file("domain/a.rs", "use super::b::B;\nuse super::Id;\n"),
        file("domain/b.rs", "fn f() -> crate::domain::Renamed { todo!() }\n"),
        file("domain/c.rs", "mod tests { use super::super::a::A; }\n"),
    ];
    let edges = file_edges(&files, "domain");
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(edges, BTreeSet::from([pair("a", "b"), pair("b", "c"), pair("c", "a")]));
    assert_eq!(a_cycle(&edges).as_deref(), Some("a → b → c → a"));
    assert_eq!(a_cycle(&edges.iter().filter(|(from, _)| from != "c").cloned().collect()), None);
}
