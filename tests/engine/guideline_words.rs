//! The guideline's words, kept exactly (issue 26). Every Swedish phrase quoted where the guideline is named (in the
//! code's comments, the UI, the papers and the docs) must stand in the guideline's text, and every section cited
//! (`riktlinjen, "Prioritering och beslut"`) must be one of its headings. The text is the seed copy in
//! `../shared/domain/` (the same as `tests/engine/data/riktlinje.txt`, which stands in where the seed is absent).

use std::path::{Path, PathBuf};

const SEED: &str = "../shared/domain/riktlinje-digital-utveckling-och-forvaltning.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn guideline() -> String {
    let seed = root().join(SEED);
    let copy = root().join("tests/engine/data/riktlinje.txt");
    let copied = std::fs::read_to_string(&copy).unwrap();
    match std::fs::read_to_string(&seed) {
        Ok(text) => {
            assert_eq!(text, copied, "tests/engine/data/riktlinje.txt is a copy of {SEED}; copy it again");
            text
        }
        Err(_) => copied,
    }
}

/// Lower case, one space for any run of white space, soft hyphens gone; with `join`, a word hyphenated over a line
/// break is joined again ("lag- \nbestämmelser" → "lagbestämmelser"), else the hyphen is kept ("lag- och").
fn normalise(text: &str, join: bool) -> String {
    let text = text.replace('\u{ad}', "");
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if join && c == '-' && i > 0 && chars[i - 1].is_alphabetic() {
            // A hyphen followed by a line break and a lower-case word continues the word.
            let mut j = i + 1;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '\n' {
                let mut k = j;
                while k < chars.len() && chars[k].is_whitespace() {
                    k += 1;
                }
                if k < chars.len() && chars[k].is_lowercase() {
                    i = k;
                    continue;
                }
            }
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
        i += 1;
    }
    out.trim().to_string()
}

/// The files whose words people read: the engine, the shell, the UI, the docs.
fn sources() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md"), root().join("ARCHITECTURE.md")];
    let mut folders = vec![root().join("src"), root().join("src-tauri/src"), root().join("ui/js"), root().join("docs")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "js" || e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A file's paragraphs, each with whether it is prose (comments, docs: any quotation marks) or code (only the
/// typographic marks ” and « », since " delimits a string there).
fn paragraphs(path: &Path) -> Vec<(String, bool)> {
    let text = std::fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "md") {
        return text.split("\n\n").map(|p| (p.to_string(), true)).collect();
    }
    let mut out = Vec::new();
    let mut comment: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let stripped = ["//!", "///", "//", "* ", "*"].iter().find_map(|m| trimmed.strip_prefix(m));
        match stripped {
            Some(rest) if trimmed.starts_with("//") || trimmed.starts_with('*') => comment.push(rest.to_string()),
            _ => {
                if !comment.is_empty() {
                    out.push((comment.join("\n"), true));
                    comment.clear();
                }
                out.push((line.to_string(), false));
            }
        }
    }
    if !comment.is_empty() {
        out.push((comment.join("\n"), true));
    }
    out
}

/// The quoted passages of a paragraph.
fn quotes(paragraph: &str, prose: bool) -> Vec<String> {
    let opens: &[char] = if prose { &['"', '”', '“', '«'] } else { &['”', '“', '«'] };
    let mut out = Vec::new();
    let chars: Vec<char> = paragraph.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if opens.contains(&chars[i]) {
            let close: &[char] = if chars[i] == '«' { &['»'] } else { &['"', '”', '“'] };
            if let Some(end) = chars[i + 1..].iter().position(|c| close.contains(c)) {
                out.push(chars[i + 1..i + 1 + end].iter().collect());
                i += end + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Whether a passage is Swedish prose (and so, beside the guideline's name, a quotation of it).
fn swedish(passage: &str) -> bool {
    const WORDS: [&str; 17] = [
        "och", "att", "för", "som", "ska", "de", "en", "ett", "av", "med", "till", "på", "är", "inom", "om", "den",
        "det",
    ];
    let words: Vec<String> =
        passage.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    words.len() >= 3 && words.iter().any(|w| WORDS.contains(&w.as_str()))
}

/// The guideline's words missing from it: (file, passage).
fn misquotations(guideline: &str) -> Vec<(String, String)> {
    let (kept, joined) = (normalise(guideline, false), normalise(guideline, true));
    let mut found = Vec::new();
    for path in sources() {
        for (paragraph, prose) in paragraphs(&path) {
            let lower = paragraph.to_lowercase();
            if !lower.contains("riktlinje") && !lower.contains("guideline") {
                continue;
            }
            for quote in quotes(&paragraph, prose).into_iter().filter(|q| swedish(q)) {
                // An ellipsis or a bracket marks a cut: each piece on its own is the guideline's.
                for piece in quote.split(['…', '[', ']']) {
                    let piece = piece.trim_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
                    if piece.chars().count() < 6 {
                        continue;
                    }
                    let words = normalise(piece, false);
                    if !kept.contains(&words) && !joined.contains(&words) {
                        let file = path.strip_prefix(root()).unwrap().display().to_string();
                        found.push((file, piece.replace('\n', " ")));
                    }
                }
            }
        }
    }
    found
}

/// The sections cited as `riktlinjen, "Section"` (a capital: a heading, not a quotation) that are no heading of the
/// guideline: (file, section).
fn unknown_sections(guideline: &str) -> Vec<(String, String)> {
    let headings: Vec<String> = guideline.lines().map(|l| normalise(l, false)).filter(|l| !l.is_empty()).collect();
    let mut found = Vec::new();
    for path in sources() {
        for (paragraph, _) in paragraphs(&path) {
            let flat = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut rest = flat.as_str();
            while let Some(at) = rest.find("iktlinjen, ") {
                rest = &rest[at + "iktlinjen, ".len()..];
                let rest_trimmed = rest.strip_prefix("avsnittet ").unwrap_or(rest);
                let Some(open) = rest_trimmed.chars().next().filter(|c| ['"', '”', '“'].contains(c)) else {
                    continue;
                };
                let inner = &rest_trimmed[open.len_utf8()..];
                let Some(end) = inner.find(['"', '”', '“']) else { continue };
                let section = &inner[..end];
                if !section.starts_with(char::is_uppercase) {
                    continue;
                }
                if !headings.iter().any(|h| *h == normalise(section, false)) {
                    found.push((path.strip_prefix(root()).unwrap().display().to_string(), section.to_string()));
                }
            }
        }
    }
    found
}

#[test]
fn every_phrase_quoted_from_the_guideline_is_in_it() {
    let found = misquotations(&guideline());
    assert!(found.is_empty(), "not the guideline's words:\n{found:#?}");
}

#[test]
fn every_section_cited_is_a_heading_of_the_guideline() {
    let found = unknown_sections(&guideline());
    assert!(found.is_empty(), "no such section:\n{found:#?}");
}

/// The checks catch what they are for: a paraphrase passed off as a quotation, an invented section, and a quote
/// broken over a comment's lines or cut with an ellipsis still passes.
#[test]
fn the_checks_fail_on_words_the_guideline_does_not_have() {
    let guideline = guideline();
    let (kept, joined) = (normalise(&guideline, false), normalise(&guideline, true));
    let holds = |phrase: &str| {
        let words = normalise(phrase, false);
        kept.contains(&words) || joined.contains(&words)
    };
    assert!(holds("uppfyllande av lag- och säkerhetskrav framgå"));
    assert!(!holds("visa att krav på lagar och säkerhet uppfylls"));
    assert!(holds("Nämnd och bolagsstyrelse ska använda stadens gemensamma bastjänster"));
    assert!(holds("lagbestämmelser"), "a word hyphenated over a line break");
    let comment = "// Riktlinjen, \"Behov och kravställning\": \"risk- och säkerhetsbedömningar i\n// samarbete med berörda kunder\" and \"visa att krav på lagar … uppfylls\".";
    let paragraphs: Vec<(String, bool)> = vec![(comment.replace("// ", ""), true)];
    let quoted: Vec<String> = quotes(&paragraphs[0].0, true).into_iter().filter(|q| swedish(q)).collect();
    assert_eq!(quoted.len(), 3, "the section, and two quotations: {quoted:?}");
    assert!(holds(&quoted[1]), "{}", quoted[1]);
    assert!(quoted[2].split('…').any(|piece| !holds(piece.trim())), "{}", quoted[2]);
    let headings: Vec<String> = guideline.lines().map(|l| normalise(l, false)).collect();
    assert!(headings.contains(&"prioritering och beslut".to_string()));
    assert!(!headings.contains(&"verksamhetsspecifika system och tjänster".to_string()));
}
