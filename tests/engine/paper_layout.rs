//! Papers a registrar accepts (issue 25): every paper the sample portfolio makes, in Swedish and English, is laid
//! out so that no page ends with a heading, no line of a paragraph, list, field or table cell ends inside a word
//! without a hyphen, and no line is wider than its column.
//!
//! The layout is read from what the composer placed (`Paper::with_layouts`, recorded while the paper is written),
//! not guessed from the text: the record says which lines are headings and what text each wrapped block was given.
//! That the record is the paper as printed is checked against the PDF itself: it has as many pages, and the last
//! line placed on each page is in that page's text as `pdftotext` reads it.

use std::process::Command;

use samordna::domain::{Language, Meeting, Scenario};
use samordna::error::PaperProblem;
use samordna::papers::budget::write as budget_paper;
use samordna::papers::{
    AnalysisRequest, Paper, PaperKind, PaperRequest, ReportRequest, render, yearly_analysis, yearly_report,
};
use samordna::prioritisation::budget::FrameBasis;
use samordna::{Error, Portfolio};

use crate::support::{Workspace, at};

const WRITTEN: &str = "2026-11-27T08:15:00Z";

/// One line of text placed on a page (or an image, with no text).
#[derive(Debug, Clone)]
struct Line {
    kind: String,
    heading: bool,
    text: String,
}

/// A text as given to the composer and the lines it was set in.
#[derive(Debug, Clone)]
struct Wrap {
    kind: String,
    source: String,
    lines: Vec<String>,
    widths: Vec<f32>,
    width: f32,
}

/// A paper and its layout: per page what was placed (`None` for a page of an attached PDF), and every wrapped text.
struct Laid {
    name: String,
    paper: Paper,
    pages: Vec<Option<Vec<Line>>>,
    wraps: Vec<Wrap>,
}

/// Writes a paper while its layout is recorded; `None` when the sample has no such paper (an extract of an item
/// without a decision).
fn lay_out(name: String, write: impl FnOnce() -> samordna::Result<Paper>) -> Option<Laid> {
    let (paper, layouts) = Paper::with_layouts(write);
    let paper = match paper {
        Ok(paper) => paper,
        Err(Error::Paper(PaperProblem::NoDecisionOnItem { .. })) => return None,
        Err(error) => panic!("{name}: {error}"),
    };
    assert_eq!(layouts.len(), 1, "{name}: one layout per paper");
    let layout = &layouts[0];
    let pages = layout
        .pages
        .iter()
        .map(|page| {
            (!page.attached).then(|| {
                page.placed
                    .iter()
                    .map(|p| Line { kind: format!("{:?}", p.kind), heading: p.kind.is_heading(), text: p.text.clone() })
                    .collect()
            })
        })
        .collect();
    let wraps = layout
        .wrapped
        .iter()
        .map(|w| Wrap {
            kind: format!("{:?}", w.kind),
            source: w.source.clone(),
            lines: w.lines.clone(),
            widths: w.line_widths.clone(),
            width: w.width,
        })
        .collect();
    Some(Laid { name, paper, pages, wraps })
}

/// Every paper the sample makes in `language`: per meeting the notice, the memos together and each item's alone,
/// the packet, the minutes and each decided item's extract; each scenario's budget material on the proposed and on
/// the decided frames; the yearly follow-up of each provider and the summary, for every year an analysis is of;
/// and each provider's yearly analysis.
fn every_paper(portfolio: &Portfolio, language: Language) -> Vec<Laid> {
    let reader = &portfolio.read();
    let written = at(WRITTEN);
    let mut papers = Vec::new();
    let meetings: Vec<Meeting> = reader.all().unwrap();
    assert!(meetings.len() >= 2, "the sample has meetings");
    for meeting in &meetings {
        let request =
            |kind, item: Option<usize>| PaperRequest { item, language, ..PaperRequest::new(kind, meeting.id) };
        let write = |request: PaperRequest| move || render(reader, &request, written, "Jonas Berg");
        for kind in [PaperKind::Kallelse, PaperKind::Paket, PaperKind::Protokoll] {
            papers.extend(lay_out(format!("{kind:?} {}", meeting.date), write(request(kind, None))));
        }
        let memos = render(reader, &request(PaperKind::Underlag, None), written, "x");
        if !matches!(memos, Err(Error::Paper(PaperProblem::NoDecisionMemo))) {
            papers.extend(lay_out(format!("Underlag {}", meeting.date), write(request(PaperKind::Underlag, None))));
        }
        for item in 1..=meeting.items.len() {
            for kind in [PaperKind::Underlag, PaperKind::Utdrag] {
                let name = format!("{kind:?} {} ärende {item}", meeting.date);
                papers.extend(lay_out(name, write(request(kind, Some(item)))));
            }
        }
    }
    let profile = reader.document_profile().unwrap();
    let scenarios: Vec<Scenario> = reader.all().unwrap();
    assert!(!scenarios.is_empty(), "the sample has a selection scenario");
    for scenario in &scenarios {
        for basis in [FrameBasis::Proposed, FrameBasis::Decided] {
            let budget = reader.budget_input(scenario.id).unwrap().solve(basis).unwrap();
            let name = format!("Budgetunderlag {} {basis:?}", scenario.name);
            papers.extend(lay_out(name, || budget_paper(&budget, &profile, language, written, "Jonas Berg")));
        }
    }
    let analyses = reader.analyses().unwrap();
    assert!(!analyses.is_empty(), "the sample has yearly analyses");
    // A follow-up sets its services beside the analysis for the next year: the years before the analyses' too.
    let mut years: Vec<i32> = analyses.iter().flat_map(|a| [a.year - 1, a.year]).collect();
    years.sort_unstable();
    years.dedup();
    let providers = reader.providers().unwrap();
    for &year in &years {
        for provider_id in providers.iter().map(|p| Some(p.id)).chain([None]) {
            let request = ReportRequest { year, provider_id, language };
            let name = format!("Årlig uppföljning {year} {provider_id:?}");
            papers.extend(lay_out(name, || yearly_report(reader, &request, written, "Jonas Berg")));
        }
    }
    for analysis in &analyses {
        let request = AnalysisRequest { provider_id: analysis.provider_id, year: analysis.year, language };
        let name = format!("Årlig analys {} {}", analysis.provider_id, analysis.year);
        papers.extend(lay_out(name, || yearly_analysis(reader, &request, written, "Jonas Berg")));
    }
    papers
}

/// The pages that end with a heading: the last thing placed on a page of ours is never a heading.
fn pages_ending_with_a_heading(pages: &[Option<Vec<Line>>]) -> Vec<String> {
    pages
        .iter()
        .enumerate()
        .filter_map(|(index, page)| {
            let last = page.as_ref()?.last()?;
            last.heading.then(|| format!("page {} ends with the heading «{}»", index + 1, last.text))
        })
        .collect()
}

fn ends_in_a_hyphen(text: &str) -> bool {
    text.ends_with(['-', '\u{2010}', '–', '—'])
}

/// Where the lines of `wrap` break a word without a hyphen, or do not hold its text: the lines, word by word, are
/// the text's words, except that the last word of a line may be the start of a word (the rest starting the next
/// line) when it ends in a hyphen: one the word has, or one added.
fn words_broken_without_a_hyphen(wrap: &Wrap) -> Vec<String> {
    let mut words = wrap.source.split([' ', '\n']).filter(|w| !w.is_empty()).map(|w| w.replace('\u{AD}', ""));
    let mut problems = Vec::new();
    let mut rest = words.next();
    for (i, line) in wrap.lines.iter().enumerate() {
        let pieces: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        for (k, &piece) in pieces.iter().enumerate() {
            let Some(word) = rest.take() else {
                problems.push(format!("«{line}» has «{piece}», which the text does not"));
                return problems;
            };
            if piece == word {
                rest = words.next();
                continue;
            }
            let broken = k + 1 == pieces.len() && i + 1 < wrap.lines.len();
            let remainder = if let Some(after) = word.strip_prefix(piece).filter(|_| ends_in_a_hyphen(piece)) {
                Some(after)
            } else if let Some(stem) = piece.strip_suffix('-').filter(|s| !s.is_empty()) {
                word.strip_prefix(stem)
            } else {
                None
            };
            match (broken, remainder) {
                (true, Some(after)) if !after.is_empty() => rest = Some(after.to_string()),
                _ if broken && word.starts_with(piece) => {
                    problems.push(format!("«{line}» ends inside «{word}» without a hyphen"));
                    rest = Some(word[piece.len()..].to_string());
                }
                _ => {
                    problems.push(format!("«{line}» has «{piece}» where the text has «{word}»"));
                    return problems;
                }
            }
        }
    }
    if let Some(word) = rest {
        problems.push(format!("«{word}» and what follows it are not in the lines"));
    }
    problems
}

fn lines_too_wide(wrap: &Wrap) -> Vec<String> {
    wrap.lines
        .iter()
        .zip(&wrap.widths)
        .filter(|(_, w)| **w > wrap.width + 0.01)
        .map(|(line, w)| format!("«{line}» is {w:.1} pt wide in a column of {:.1} pt", wrap.width))
        .collect()
}

fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of each page of the PDF as pdftotext reads it.
fn pdf_pages(workspace: &Workspace, laid: &Laid, index: usize) -> Vec<String> {
    let path = workspace.path(&format!("paper-{index}.pdf"));
    std::fs::write(&path, &laid.paper.bytes).unwrap();
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e} (install poppler-utils)"));
    assert!(output.status.success(), "pdftotext: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(normalised).collect();
    pages.truncate(laid.paper.pages);
    pages
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDF with poppler's pdftotext, a Linux tool here")]
fn no_page_ends_with_a_heading_and_every_word_breaks_with_a_hyphen_in_every_paper_of_the_sample() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let mut problems = Vec::new();
    let mut counted = (0, 0, 0, 0);
    for language in [Language::Sv, Language::En] {
        for (index, laid) in every_paper(&portfolio, language).iter().enumerate() {
            let name = format!("{language:?} {}", laid.name);
            assert_eq!(laid.pages.len(), laid.paper.pages, "{name}: the record has the paper's pages");
            let text = pdf_pages(&workspace, laid, index);
            assert_eq!(text.len(), laid.paper.pages, "{name}: pdftotext reads every page");
            for (number, (page, printed)) in laid.pages.iter().zip(&text).enumerate() {
                let Some(last) = page.as_ref().and_then(|p| p.iter().rev().find(|l| !l.text.trim().is_empty())) else {
                    continue;
                };
                assert!(
                    printed.contains(&normalised(&last.text)),
                    "{name}, page {}: the last line placed, «{}» ({}), is not in the PDF's text:\n{printed}",
                    number + 1,
                    last.text,
                    last.kind,
                );
            }
            problems.extend(pages_ending_with_a_heading(&laid.pages).into_iter().map(|p| format!("{name}: {p}")));
            for wrap in &laid.wraps {
                let found = [words_broken_without_a_hyphen(wrap), lines_too_wide(wrap)].concat();
                problems.extend(found.into_iter().map(|p| format!("{name} ({}): {p}", wrap.kind)));
                let broken = wrap.lines.iter().take(wrap.lines.len().saturating_sub(1)).filter(|l| ends_in_a_hyphen(l));
                counted.3 += broken.count();
            }
            counted.0 += 1;
            counted.1 += laid.paper.pages;
            counted.2 += laid.pages.iter().flatten().flatten().filter(|l| l.heading).count();
        }
    }
    let (papers, pages, headings, hyphenated) = counted;
    assert!(problems.is_empty(), "{} problems in {papers} papers:\n{}", problems.len(), problems.join("\n"));
    // What was checked is the sample's every paper, not an empty set.
    assert!(papers >= 40 && pages >= 100 && headings >= 200, "{papers} papers, {pages} pages, {headings} headings");
    assert!(hyphenated > 0, "some words in narrow columns break at a hyphen");
}

fn line(kind: &str, text: &str) -> Line {
    Line { kind: kind.into(), heading: kind == "Heading", text: text.into() }
}

fn wrap(source: &str, lines: &[&str]) -> Wrap {
    Wrap {
        kind: "Table".into(),
        source: source.into(),
        lines: lines.iter().map(|l| l.to_string()).collect(),
        widths: vec![40.0; lines.len()],
        width: 40.0,
    }
}

#[test]
fn the_checks_catch_a_heading_at_the_foot_of_a_page_and_a_word_broken_without_a_hyphen() {
    // Observed before the fix: "Ekonomiska konsekvenser" alone at the foot of the memo's page.
    let pages = vec![
        Some(vec![line("Paragraph", "Bakgrund i ett stycke."), line("Heading", "Ekonomiska konsekvenser")]),
        None,
        Some(vec![line("Heading", "4. Inkommande behov"), line("Table", "Dataskyddsförordningen")]),
        Some(vec![]),
    ];
    assert_eq!(pages_ending_with_a_heading(&pages), ["page 1 ends with the heading «Ekonomiska konsekvenser»"]);
    assert!(pages_ending_with_a_heading(&pages[1..]).is_empty());

    // Observed before the fix: "Pågåend|e" and "Dataskyddsförordn|ingen" in narrow table columns.
    let bad = words_broken_without_a_hyphen(&wrap("Pågående", &["Pågåend", "e"]));
    assert_eq!(bad, ["«Pågåend» ends inside «Pågående» without a hyphen"]);
    let bad = wrap("enligt Dataskyddsförordningen (GDPR)", &["enligt", "Dataskyddsförordn", "ingen (GDPR)"]);
    assert_eq!(words_broken_without_a_hyphen(&bad).len(), 1);
    // A word broken at a hyphenation point with a hyphen added, or after the hyphen it has, is right; so is a soft
    // hyphen in the text shown as a hyphen.
    for (source, lines) in [
        ("Pågående", &["Pågå-", "ende"][..]),
        ("enligt Dataskyddsförordningen (GDPR)", &["enligt Dataskydds-", "förordningen", "(GDPR)"]),
        ("ny e-tjänsteplattform", &["ny e-", "tjänste-", "plattform"]),
        ("Års\u{AD}analys 2021–2026", &["Års-", "analys 2021–", "2026"]),
        ("två  mellanslag\nny rad", &["två mellanslag", "ny rad"]),
    ] {
        assert!(words_broken_without_a_hyphen(&wrap(source, lines)).is_empty(), "{lines:?}");
    }
    // Lines that lose or change the text are caught too.
    assert_eq!(words_broken_without_a_hyphen(&wrap("ett två tre", &["ett två"])).len(), 1);
    assert_eq!(words_broken_without_a_hyphen(&wrap("ett två", &["ett tre"])).len(), 1);
    assert_eq!(words_broken_without_a_hyphen(&wrap("Pågående", &["Pågåxx-", "ende"])).len(), 1);
    // A line wider than its column.
    let mut wide = wrap("Pågående", &["Pågående"]);
    wide.widths = vec![40.5];
    assert_eq!(lines_too_wide(&wide).len(), 1);
}
