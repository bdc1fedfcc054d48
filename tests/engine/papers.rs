//! Meeting papers: what the PDFs say (pdftotext), their fonts (pdffonts), structure (qpdf --check), page count,
//! outline, and the catalog entries PDF/A-2b needs (read back with lopdf).

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object, ObjectId};
use samordna::domain::{Decision, Language, Meeting, MeetingPerson, PersonRole};
use samordna::papers::{Paper, PaperKind, PaperRequest, render};
use samordna::{Portfolio, Stamp};

use crate::support::{Workspace, at, day};

const WRITTEN: &str = "2026-11-27T08:15:00Z";

fn meeting(portfolio: &Portfolio, date: &str) -> Meeting {
    let list: Vec<Meeting> = portfolio.read().all().unwrap();
    list.into_iter().find(|m| m.date == day(date)).unwrap()
}

fn paper(portfolio: &Portfolio, kind: PaperKind, meeting_id: i64, item: Option<usize>) -> Paper {
    let request = PaperRequest { item, ..PaperRequest::new(kind, meeting_id) };
    render(&portfolio.read(), &request, at(WRITTEN), "Jonas Berg").unwrap()
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e} (install it)"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Saves the paper and returns its path.
fn save(workspace: &Workspace, name: &str, paper: &Paper) -> String {
    let path = workspace.path(name);
    std::fs::write(&path, &paper.bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// The text of the whole file with runs of white space made one space, so checks do not depend on line breaks.
fn pdf_text(path: &str) -> String {
    tool("pdftotext", &["-enc", "UTF-8", path, "-"]).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_text(path: &str, page: usize) -> String {
    let n = page.to_string();
    tool("pdftotext", &["-layout", "-f", &n, "-l", &n, "-enc", "UTF-8", path, "-"])
}

fn page_count(path: &str) -> usize {
    let info = tool("pdfinfo", &[path]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().last().unwrap().parse().unwrap()
}

/// Every page says "Sida x (N)", fonts are embedded with Unicode maps, and qpdf finds nothing wrong.
fn assert_sound(path: &str, pages: usize) {
    assert_eq!(page_count(path), pages);
    for page in 1..=pages {
        let text = page_text(path, page);
        assert!(text.contains(&format!("Sida {page} ({pages})")), "page {page} lacks its number:\n{text}");
    }
    let fonts = tool("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type… encoding emb sub uni object generation
        let n = columns.len();
        assert_eq!(columns[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(columns[n - 3], "yes", "font without a Unicode map: {row}");
    }
    let check = Command::new("qpdf").args(["--check", path]).output().unwrap();
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
}

fn dictionary<'a>(doc: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn text_string(object: &Object) -> String {
    let bytes = object.as_str().unwrap();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}

/// The outline as (level, title, 1-based page).
fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let root = dictionary(doc, doc.catalog().unwrap().get(b"Outlines").unwrap());
    let mut out = Vec::new();
    fn walk(
        doc: &Document,
        first: Option<ObjectId>,
        level: usize,
        pages: &[ObjectId],
        out: &mut Vec<(usize, String, usize)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let entry = doc.get_dictionary(id).unwrap();
            let dest = entry.get(b"Dest").unwrap().as_array().unwrap();
            let page = pages.iter().position(|p| *p == dest[0].as_reference().unwrap()).unwrap() + 1;
            out.push((level, text_string(entry.get(b"Title").unwrap()), page));
            walk(doc, entry.get(b"First").and_then(Object::as_reference).ok(), level + 1, pages, out);
            next = entry.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    walk(doc, root.get(b"First").and_then(Object::as_reference).ok(), 0, &pages, &mut out);
    out
}

#[test]
fn the_notice_lists_the_agenda_in_swedish_with_embedded_fonts() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let notice = paper(&portfolio, PaperKind::Kallelse, upcoming.id, None);
    let path = save(&workspace, "kallelse.pdf", &notice);
    assert_sound(&path, notice.pages);
    let text = pdf_text(&path);
    for expected in [
        "Kallelse – Strategisk samordningsgrupp för",
        "torsdag 3 december 2026",
        "09.00–12.00",
        "Stadshuset, sammanträdesrum Lejonet, Gustaf Adolfs torg 4",
        "Ledamöter och adjungerade kallas till sammanträde.",
        "Dagordning",
        "Dnr SLK-2026-00950",
        "Göteborgs Stad",
        "Anmäl förhinder i god tid till Jonas Berg",
        "Bilagor: Förstudie ny e-tjänsteplattform (sammanfattning), Ärendevolymer 2021–2026",
    ] {
        assert!(text.contains(expected), "notice lacks «{expected}»:\n{text}");
    }
    let mut last = 0;
    for (i, item) in upcoming.items.iter().enumerate() {
        let at = text.find(&format!("{}. {}", i + 1, item.title)).unwrap_or_else(|| panic!("item {i} missing"));
        assert!(at > last, "agenda in order");
        last = at;
    }
    assert_eq!(notice.file_name, "Kallelse 2026-12-03.pdf");
}

#[test]
fn every_paper_carries_what_pdf_a_2b_needs() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let past = meeting(&portfolio, "2026-10-15");
    let minutes = paper(&portfolio, PaperKind::Protokoll, past.id, None);
    let doc = Document::load_mem(&minutes.bytes).unwrap();
    assert_eq!(doc.version, "1.7");
    assert!(!doc.is_encrypted());
    assert!(doc.trailer.get(b"Encrypt").is_err());
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);
    let catalog = doc.catalog().unwrap();
    assert_eq!(text_string(catalog.get(b"Lang").unwrap()), "sv-SE");
    for forbidden in [b"OpenAction".as_slice(), b"AA", b"JavaScript", b"Names"] {
        assert!(catalog.get(forbidden).is_err(), "catalog has {}", String::from_utf8_lossy(forbidden));
    }
    // sRGB output intent with an embedded three-component profile.
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = dictionary(&doc, &intents[0]);
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let profile = doc.get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap();
    let profile = profile.as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let icc = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
    assert_eq!(&icc[16..20], b"RGB ", "an RGB profile for the RGB colours used");
    // XMP metadata, uncompressed, identifying PDF/A-2b and agreeing with the document information.
    let metadata = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
    let metadata = metadata.as_stream().unwrap();
    assert!(metadata.dict.get(b"Filter").is_err(), "metadata is not compressed");
    let xmp = String::from_utf8(metadata.content.clone()).unwrap();
    for expected in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<rdf:li xml:lang=\"x-default\">Protokoll – Strategisk samordningsgrupp för digitalisering 2026-10-15</rdf:li>",
        "<rdf:li>Jonas Berg</rdf:li>",
        "<rdf:li>sv-SE</rdf:li>",
        "<xmp:CreateDate>2026-11-27T08:15:00+00:00</xmp:CreateDate>",
    ] {
        assert!(xmp.contains(expected), "XMP lacks {expected}:\n{xmp}");
    }
    let info = dictionary(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(text_string(info.get(b"Title").unwrap()), minutes.title);
    assert_eq!(text_string(info.get(b"Author").unwrap()), "Jonas Berg");
    assert_eq!(text_string(info.get(b"CreationDate").unwrap()), "D:20261127081500+00'00'");
    let producer = text_string(info.get(b"Producer").unwrap());
    assert!(xmp.contains(&format!("<pdf:Producer>{producer}</pdf:Producer>")));
    // Every font is embedded.
    for (_, object) in doc.objects.iter() {
        if let Ok(d) = object.as_dict()
            && d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice())
        {
            assert!(d.get(b"FontFile2").is_ok() || d.get(b"FontFile3").is_ok(), "font program missing: {d:?}");
        }
    }
    // Writing the same paper at the same time gives the same file.
    assert_eq!(paper(&portfolio, PaperKind::Protokoll, past.id, None).bytes, minutes.bytes);
}

#[test]
fn the_packet_has_contents_bookmarks_and_attachments_after_their_item() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let packet = paper(&portfolio, PaperKind::Paket, upcoming.id, None);
    let path = save(&workspace, "paket.pdf", &packet);
    assert_sound(&path, packet.pages);
    let doc = Document::load_mem(&packet.bytes).unwrap();
    let outline = outline(&doc);
    let titles: Vec<(usize, &str)> = outline.iter().map(|(l, t, _)| (*l, t.as_str())).collect();
    assert_eq!(
        titles[..7],
        [
            (0, "Innehåll"),
            (0, "Kallelse med dagordning"),
            (0, "Ärende 5. Budgetförslag 2027: ramar för gemensamma insatser"),
            (1, "Beslutsunderlag"),
            (0, "Ärende 6. Ny e-tjänsteplattform"),
            (1, "Beslutsunderlag"),
            (1, "Bilaga: Förstudie ny e-tjänsteplattform (sammanfattning)"),
        ]
    );
    assert_eq!(titles[7], (1, "Bilaga: Ärendevolymer 2021–2026"));
    assert_eq!(titles[8], (0, "Ärende 7. Gemensamt ärendehanterings- och diariesystem"));
    let page_of = |title: &str| outline.iter().find(|(_, t, _)| t == title).unwrap().2;
    assert_eq!(page_of("Innehåll"), 1);
    // The attached PDF's page is right after item 6's memo and before item 7's, and its text is searchable.
    let study = page_of("Bilaga: Förstudie ny e-tjänsteplattform (sammanfattning)");
    let chart = page_of("Bilaga: Ärendevolymer 2021–2026");
    assert!(page_of("Ärende 6. Ny e-tjänsteplattform") < study && study < chart);
    assert!(chart < page_of("Ärende 7. Gemensamt ärendehanterings- och diariesystem"));
    let study_page = page_text(&path, study);
    assert!(study_page.contains("Förstudie: ny e-tjänsteplattform – sammanfattning"), "{study_page}");
    assert!(study_page.contains("Bilaga till ärende 6"));
    let memo_page = page_text(&path, page_of("Ärende 6. Ny e-tjänsteplattform"));
    assert!(memo_page.contains("Ny e-tjänsteplattform") && memo_page.contains("Förslag till beslut"));
    // The contents page gives the same page numbers as the outline, and each line links to its page.
    let contents = page_text(&path, 1);
    let lines: Vec<&str> = contents.lines().map(str::trim).filter(|l| l.contains("....")).collect();
    assert_eq!(lines.len(), outline.len() - 1, "{contents}");
    for ((_, title, page), line) in outline.iter().skip(1).zip(lines) {
        assert!(line.starts_with(title.as_str()), "«{line}» should be {title}");
        assert!(line.ends_with(&format!(" {page}")), "«{line}» should end with {page}");
    }
    // The PNG chart and the PNG logo stay lossless (no JPEG recompression).
    let mut images = 0;
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream()
            && stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
        {
            images += 1;
            assert_eq!(stream.dict.get(b"Filter").unwrap().as_name().unwrap(), b"FlateDecode");
        }
    }
    assert!(images >= 2, "logo and chart");
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let annots = doc.get_dictionary(pages[0]).unwrap().get(b"Annots").unwrap().as_array().unwrap();
    assert_eq!(annots.len(), outline.len() - 1);
    let targets: Vec<usize> = annots
        .iter()
        .map(|a| {
            let link = dictionary(&doc, a);
            assert_eq!(link.get(b"F").unwrap().as_i64().unwrap(), 4, "printable annotation");
            let dest = link.get(b"Dest").unwrap().as_array().unwrap()[0].as_reference().unwrap();
            pages.iter().position(|p| *p == dest).unwrap() + 1
        })
        .collect();
    assert_eq!(targets, outline.iter().skip(1).map(|(_, _, p)| *p).collect::<Vec<_>>());
}

#[test]
fn memos_show_proposal_economics_valuation_and_security() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let memo = paper(&portfolio, PaperKind::Underlag, upcoming.id, Some(6));
    let path = save(&workspace, "underlag.pdf", &memo);
    assert_sound(&path, memo.pages);
    let text = pdf_text(&path);
    for expected in [
        "Beslutsunderlag",
        "Dnr SLK-2026-00101",
        "Handläggare",
        "Lina Ström",
        "1. Samordningsgruppen prioriterar insatsen för planeringsperioden 2026–2029.",
        "3. Investeringen leasas via Göteborgs Stads Leasing.",
        "Sammanfattning",
        "Bakgrund",
        "Ekonomiska konsekvenser",
        "Kostnader per år (kr)",
        "Finansiering per kund 2027–2029 (kr)",
        "Kostnadsfördelning",
        "Värdering",
        "Insatsen har plats 1 av",
        "Poäng per kriterium",
        "Informationssäkerhet",
        "Konfidentialitet (K)",
        "Nyttor",
        "Ur nyttorealiseringsplanen",
        "Fler ärenden via e-tjänst Ägare: Utbildningsförvaltningen",
        // The material's legal basis and risks (riktlinjen: "visa att krav på lagar och säkerhet uppfylls",
        // "risk- och säkerhetsbedömning"), and the plan not yet approved, so nothing measured counts.
        "Förvaltningslagen",
        "Risk- och säkerhetsbedömning",
        "Upphandlingen överprövas och försenar bytet av plattform",
        "Sannolikhet",
        "Nyttorealiseringsplanen är inte fastställd",
        "Andel ärenden som inleds digitalt: 58 till 80 procent senast 2029-12-31",
        "Ej mätt",
        "6 500 000 kr",
        "Bedömning",
        "Bilagor",
    ] {
        assert!(text.contains(expected), "memo lacks «{expected}»:\n{text}");
    }
    assert!(!text.contains("AI-stöd i kontaktcenter"), "one item's memo only");
    assert_eq!(memo.file_name, "Beslutsunderlag 2026-12-03 ärende 6.pdf");
    // Without an item: every item with a memo, each starting on its own page.
    let all = paper(&portfolio, PaperKind::Underlag, upcoming.id, None);
    let doc = Document::load_mem(&all.bytes).unwrap();
    let titles: Vec<String> = outline(&doc).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(
        titles.len(),
        upcoming.items.iter().filter(|i| i.kind.key() == "beslut" || !i.summary.is_empty()).count()
    );
    assert!(titles.iter().all(|t| t.starts_with("Ärende ")));
}

#[test]
fn minutes_number_paragraphs_record_decisions_and_show_corrections() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let past = meeting(&portfolio, "2026-10-15");
    let minutes = paper(&portfolio, PaperKind::Protokoll, past.id, None);
    let path = save(&workspace, "protokoll.pdf", &minutes);
    assert_sound(&path, minutes.pages);
    let text = pdf_text(&path);
    for expected in [
        "Protokoll – Strategisk samordningsgrupp för digitalisering",
        "§§ 27–36",
        "Närvarande",
        "Frånvarande",
        "Peter Wallin",
        "§ 32 Automatiserad tolkning av leverantörsfakturor",
        "§ 34 Säker videokommunikation med invånare",
        "Återremitteras",
        "Protokollsanteckning",
        "Elin Sandberg, Socialnämnd Hisingen, antecknar",
        "Justerare",
        "Protokollet justerades 2026-10-20 av Karin Ekström.",
    ] {
        assert!(text.contains(expected), "minutes lack «{expected}»:\n{text}");
    }
    assert!(!text.contains("Rättelser efter justering"));
    assert!(!text.contains("Utkast"));

    let mut decision: Decision = portfolio.read().decisions_of(&past).unwrap()[&past.items[7].id].clone();
    decision.text = "Ärendet återremitteras för utredning av tredjelandsöverföring och kostnader.".into();
    portfolio.write(&Stamp::new("Jonas Berg", at("2026-11-02T10:00:00Z")), |w| w.update(decision)).unwrap();
    let corrected = paper(&portfolio, PaperKind::Protokoll, past.id, None);
    let path = save(&workspace, "rattad.pdf", &corrected);
    let text = pdf_text(&path);
    assert!(text.contains("Rättelser efter justering"), "{text}");
    assert!(text.contains("2026-11-02") && text.contains("tredjelandsöverföring och kostnader"));
    // In Swedish words: the paragraph, the field by its label, from and to, when (Swedish time) and by whom.
    let corrections = &text[text.find("Rättelser efter justering").unwrap()..];
    let flat = corrections.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in ["§ 34", "Beslutstext ändrades från «", "» till «", "2026-11-02 11.00", "Jonas Berg"] {
        assert!(flat.contains(expected), "«{expected}» in the corrections:\n{corrections}");
    }
    for raw in ["text:", "?", "→", "recorded"] {
        assert!(!corrections.contains(raw), "no «{raw}» in Swedish minutes:\n{corrections}");
    }

    // The upcoming meeting's minutes are a draft.
    let upcoming = meeting(&portfolio, "2026-12-03");
    let draft = paper(&portfolio, PaperKind::Protokoll, upcoming.id, None);
    let path = save(&workspace, "utkast.pdf", &draft);
    let text = pdf_text(&path);
    assert!(text.contains("Utkast – ej justerat") && text.contains("Inget beslut är protokollfört."), "{text}");
}

#[test]
fn an_extract_shows_one_paragraph_certified() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let past = meeting(&portfolio, "2026-10-15");
    let extract = paper(&portfolio, PaperKind::Utdrag, past.id, Some(6));
    let path = save(&workspace, "utdrag.pdf", &extract);
    assert_sound(&path, extract.pages);
    let text = pdf_text(&path);
    assert!(text.contains("Protokollsutdrag"));
    assert!(text.contains("§ 32 Automatiserad tolkning av leverantörsfakturor"));
    assert!(text.contains("Rätt utdraget intygar"));
    assert!(!text.contains("§ 33"), "only the one paragraph");
    assert_eq!(extract.file_name, "Protokollsutdrag 2026-10-15 § 32.pdf");

    let upcoming = meeting(&portfolio, "2026-12-03");
    let reader = portfolio.read();
    let ask = |kind, meeting_id, item| {
        render(&reader, &PaperRequest { item, ..PaperRequest::new(kind, meeting_id) }, at(WRITTEN), "x")
            .unwrap_err()
            .to_string()
    };
    assert!(ask(PaperKind::Utdrag, upcoming.id, Some(6)).contains("no decision is recorded on item 6"));
    assert!(ask(PaperKind::Utdrag, past.id, None).contains("give its number"));
    assert!(ask(PaperKind::Kallelse, past.id, Some(11)).contains("there is no item 11"));
    assert!(ask(PaperKind::Kallelse, 999, None).contains("no meeting with id 999"));
}

#[test]
fn long_tables_break_across_pages_with_their_header_repeated_and_english_works() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut upcoming = meeting(&portfolio, "2026-12-03");
    for n in 0..70 {
        upcoming.people.push(MeetingPerson {
            name: format!("Åsa Öberg {n}"),
            organisation: "Förvaltningen för intraservice".into(),
            role: PersonRole::CoOpted,
            attended: None,
            member_id: None,
        });
    }
    portfolio.write(&crate::support::stamp(), |w| w.update(upcoming.clone())).unwrap();
    let notice = paper(&portfolio, PaperKind::Kallelse, upcoming.id, None);
    let path = save(&workspace, "lang.pdf", &notice);
    assert!(notice.pages >= 3);
    assert_sound(&path, notice.pages);
    let last = page_text(&path, notice.pages);
    assert!(
        last.contains("Namn") && last.contains("Organisation") && last.contains("Roll"),
        "header repeated:\n{last}"
    );
    assert!(last.contains("Åsa Öberg 69"));

    let request = PaperRequest { language: Language::En, ..PaperRequest::new(PaperKind::Kallelse, upcoming.id) };
    let english = render(&portfolio.read(), &request, at(WRITTEN), "Jonas Berg").unwrap();
    let path = save(&workspace, "notice.pdf", &english);
    let text = pdf_text(&path);
    assert!(
        text.contains("Notice – Strategisk samordningsgrupp") && text.contains("Thursday 3 December 2026"),
        "{text}"
    );
    assert!(text.contains("Agenda") && text.contains(&format!("Page 1 ({})", english.pages)), "{text}");
    let doc = Document::load_mem(&english.bytes).unwrap();
    assert_eq!(text_string(doc.catalog().unwrap().get(b"Lang").unwrap()), "en-GB");
}

#[test]
fn a_paper_is_written_without_touching_the_portfolio() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let before = crate::support::export(&portfolio);
    let path = Path::new(portfolio.path()).to_path_buf();
    let changes = crate::support::change_count(&path);
    let _ = paper(&portfolio, PaperKind::Paket, 2, None);
    assert_eq!(crate::support::export(&portfolio), before);
    assert_eq!(crate::support::change_count(&path), changes);
}

#[test]
fn a_packet_holds_what_was_asked_for() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let reader = portfolio.read();
    let write = |request: PaperRequest| render(&reader, &request, at(WRITTEN), "Jonas Berg").unwrap();
    let titles = |paper: &Paper| -> Vec<String> {
        outline(&Document::load_mem(&paper.bytes).unwrap()).into_iter().map(|(_, t, _)| t).collect()
    };
    let everything = write(PaperRequest::new(PaperKind::Paket, upcoming.id));
    let chosen = write(PaperRequest { items: vec![6, 8], ..PaperRequest::new(PaperKind::Paket, upcoming.id) });
    assert_eq!(
        titles(&chosen),
        [
            "Innehåll",
            "Kallelse med dagordning",
            "Ärende 6. Ny e-tjänsteplattform",
            "Beslutsunderlag",
            "Bilaga: Förstudie ny e-tjänsteplattform (sammanfattning)",
            "Bilaga: Ärendevolymer 2021–2026",
            "Ärende 8. AI-stöd i kontaktcenter",
            "Beslutsunderlag",
        ]
    );
    assert!(chosen.pages < everything.pages);
    let path = save(&workspace, "val.pdf", &chosen);
    assert_sound(&path, chosen.pages);
    assert!(pdf_text(&path).contains("12. Övriga frågor"), "the notice keeps the whole agenda");

    let bare = write(PaperRequest { without_attachments: true, ..PaperRequest::new(PaperKind::Paket, upcoming.id) });
    assert!(!titles(&bare).iter().any(|t| t.starts_with("Bilaga")));
    assert_eq!(bare.pages, everything.pages - 2, "the one-page pre-study and the chart page are left out");

    let memos = write(PaperRequest { items: vec![7], ..PaperRequest::new(PaperKind::Underlag, upcoming.id) });
    assert_eq!(titles(&memos), ["Ärende 7. Gemensamt ärendehanterings- och diariesystem"]);
    let error = render(
        &reader,
        &PaperRequest { items: vec![6, 13], ..PaperRequest::new(PaperKind::Paket, upcoming.id) },
        at(WRITTEN),
        "x",
    );
    assert!(error.unwrap_err().to_string().contains("there is no item 13"));
}

#[test]
fn an_item_about_a_deviation_shows_its_steps_and_keeps_it() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut upcoming = meeting(&portfolio, "2026-12-03");
    upcoming.items[8].deviation_id = Some(4);
    portfolio.write(&crate::support::stamp(), |w| w.update(upcoming.clone())).unwrap();
    let memo = paper(&portfolio, PaperKind::Underlag, upcoming.id, Some(9));
    let path = save(&workspace, "avvikelse.pdf", &memo);
    assert_sound(&path, memo.pages);
    let text = pdf_text(&path);
    for expected in [
        "Avvikelse",
        "Behörigheter till elevregister tas inte bort vid avslutad anställning",
        "Identitets- och behörighetshantering (Bastjänst)",
        "Säkerhetsavvikelse Ja",
        "Tidsfrist 2026-12-03",
        "Nästa steg Samordningsgruppen informerad",
        "Berörda kunder och beredningen informerade 2026-11-03",
        "Automatisk avaktivering vid avslutad anställning",
        "Stadens rutin Steg Klart Åtgärdsplan beslutad",
        "Stadens rutin, inte riktlinjens krav",
    ] {
        assert!(text.contains(expected), "memo lacks «{expected}»:\n{text}");
    }
    // The action plan step is the city's practice: listed under "Stadens rutin", never under "Steg (riktlinjens, i stadens ordning)".
    let guideline =
        &text[text.find("Steg (riktlinjens, i stadens ordning)").unwrap()..text.find("Stadens rutin").unwrap()];
    assert!(!guideline.contains("Åtgärdsplan"), "{guideline}");
    let error = portfolio.write(&crate::support::stamp(), |w| w.delete::<samordna::domain::Deviation>(4)).unwrap_err();
    assert_eq!(error.code(), "in_use", "a deviation on an agenda is kept");
}

#[test]
fn an_item_about_an_opt_out_shows_its_framework_or_its_motivation_and_the_boards_decision() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let mut upcoming = meeting(&portfolio, "2026-12-03");
    for (deviation, expected) in [
        (
            5,
            vec![
                "Avsteg",
                "Hamnens logistiksystem i egen molnmiljö",
                "Ramverk Gemensam infrastruktur",
                "Kund Göteborgs Hamn",
                "Nästa steg Fullständig skriftlig motivering",
            ],
        ),
        (
            2,
            vec![
                "Tjänst Lönetjänst (Bastjänst)",
                "Skiftarbetet i elnätsverksamheten",
                "Utfall Tjänsten anpassad",
                "Beslutat av (nämnd eller bolagsstyrelse) Göteborg Energi (styrelse)",
                "Beslutsdatum 2026-05-27",
                "Styrelsen avstod",
            ],
        ),
    ] {
        upcoming.items[8].deviation_id = Some(deviation);
        portfolio.write(&crate::support::stamp(), |w| w.update(upcoming.clone())).unwrap();
        upcoming = meeting(&portfolio, "2026-12-03");
        let memo = paper(&portfolio, PaperKind::Underlag, upcoming.id, Some(9));
        let text = pdf_text(&save(&workspace, "avsteg.pdf", &memo));
        for expected in expected {
            assert!(text.contains(expected), "memo lacks «{expected}»:\n{text}");
        }
        // An avsteg's steps are all the guideline's: nothing under "Stadens rutin".
        assert!(!text.contains("Stadens rutin"), "{text}");
    }
}

#[test]
fn the_yearly_follow_up_reports_services_deviations_and_initiatives() {
    use samordna::papers::{ReportRequest, yearly_report};
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let reader = portfolio.read();
    let intraservice = reader.providers().unwrap().into_iter().find(|p| p.name == "Intraservice").unwrap();
    let request = ReportRequest { year: 2026, provider_id: Some(intraservice.id), language: Language::Sv };
    let report = yearly_report(&reader, &request, at(WRITTEN), "Jonas Berg").unwrap();
    assert_eq!(report.file_name, "Årlig uppföljning 2026 Intraservice.pdf");
    let path = save(&workspace, "uppfoljning.pdf", &report);
    assert_sound(&path, report.pages);
    let text = pdf_text(&path);
    for expected in [
        "Årlig uppföljning 2026 – Intraservice",
        "Under 2026 registrerades 2 avvikelser, varav 1 säkerhetsavvikelse, och 2 avsteg. 2 avvikelser är öppna.",
        "Tjänster och säkerhetsnivåer",
        "Identitets- och behörighetshantering",
        "Behörigheter till elevregister tas inte bort vid avslutad anställning (säkerhet)",
        "Beskrivning Granskning visar att konton för avslutade vikarier",
        "Åtgärdsplan Automatisk avaktivering",
        "Öppna avsteg och avvikelser",
        "Avsteg: Stadsbyggnadsnämnden vill behålla egen plattform för 3D-samverkan",
        "Initiativ som leverantören genomför",
        "SLK-2026-00102",
    ] {
        assert!(text.contains(expected), "report lacks «{expected}»:\n{text}");
    }
    assert!(!text.contains("Demokrati och medborgarservice har"), "one provider only");

    let analysis = yearly_report(&reader, &ReportRequest { provider_id: None, ..request }, at(WRITTEN), "x").unwrap();
    let path = save(&workspace, "analys.pdf", &analysis);
    assert_sound(&path, analysis.pages);
    // The avsteg from the city's frameworks belong to no provider: the summary lists them once.
    let summary = pdf_text(&path);
    for expected in ["Avsteg från stadens ramverk", "Hamnens logistiksystem i egen molnmiljö", "Gemensam infrastruktur"]
    {
        assert!(summary.contains(expected), "summary lacks «{expected}»:\n{summary}");
    }
    let doc = Document::load_mem(&analysis.bytes).unwrap();
    let titles: Vec<String> = outline(&doc).into_iter().map(|(_, t, _)| t).collect();
    assert_eq!(titles[0], "Sammanställning av tjänsteleverantörernas årliga uppföljning 2026");
    assert_eq!(analysis.file_name, "Sammanställning av tjänsteleverantörernas årliga uppföljning 2026.pdf");
    assert_eq!(titles[1..], ["Demokrati och medborgarservice", "Inköp och upphandling", "Intraservice"]);
    let missing = yearly_report(&reader, &ReportRequest { provider_id: Some(99), ..request }, at(WRITTEN), "x");
    assert_eq!(missing.unwrap_err().code(), "not_found");
}

#[test]
fn papers_and_reports_carry_the_swedish_date_in_winter_and_summer() {
    use samordna::papers::{ReportRequest, yearly_report};
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let request = ReportRequest { year: 2026, provider_id: None, language: Language::Sv };
    // Written at 00:30 in Göteborg: the UTC date is still the day before.
    for (written, date, utc_date) in
        [("2026-12-01T23:30:00Z", "2026-12-02", "2026-12-01"), ("2026-06-30T22:30:00Z", "2026-07-01", "2026-06-30")]
    {
        let report = yearly_report(&portfolio.read(), &request, at(written), "Jonas Berg").unwrap();
        let text = pdf_text(&save(&workspace, "rapport.pdf", &report));
        assert!(text.contains(&format!("Upprättad {date}")), "the report lacks «Upprättad {date}»:\n{text}");
        assert!(!text.contains(utc_date), "the report shows the UTC date {utc_date}:\n{text}");
    }
    // The minutes show a correction's date (here 00:30 on 3 November in Göteborg) and the approval's in Swedish time.
    let past = meeting(&portfolio, "2026-10-15");
    let mut decision: Decision = portfolio.read().decisions_of(&past).unwrap()[&past.items[7].id].clone();
    decision.text = "Ärendet återremitteras för utredning av tredjelandsöverföring.".into();
    portfolio.write(&Stamp::new("Jonas Berg", at("2026-11-02T23:30:00Z")), |w| w.update(decision)).unwrap();
    let minutes = paper(&portfolio, PaperKind::Protokoll, past.id, None);
    let text = pdf_text(&save(&workspace, "protokoll.pdf", &minutes));
    assert!(text.contains("2026-11-03") && !text.contains("2026-11-02"), "{text}");
    assert!(text.contains("Protokollet justerades 2026-10-20"), "{text}");
}

#[test]
fn the_memo_of_an_item_about_a_service_shows_its_valuation() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let number = upcoming.items.iter().position(|i| i.title.starts_with("Utskrift och skanning")).unwrap() + 1;
    let memo = paper(&portfolio, PaperKind::Underlag, upcoming.id, Some(number));
    let text = pdf_text(&save(&workspace, "service-memo.pdf", &memo));
    let set = portfolio.read().all::<samordna::domain::CriteriaSet>().unwrap().remove(0);
    let assessment = portfolio.read().assessment(set.id, None).unwrap();
    let service = portfolio.read().all::<samordna::domain::Service>().unwrap();
    let printing = service.iter().find(|s| s.name == "Utskrift och skanning").unwrap();
    let row = assessment.rows.iter().find(|r| r.item == samordna::domain::ItemRef::Service(printing.id)).unwrap();
    let expected = format!("Tjänsten har plats {} av {}", row.rank, assessment.rows.len());
    assert!(text.contains(&expected), "{expected} in {text}");
}

/// The item that is the valuation of the meeting's criteria set says what it values in the notice, its memo (with
/// every initiative and service of the set ranked) and the minutes, in Swedish and English.
#[test]
fn the_valuation_item_says_what_it_values_in_the_notice_the_memo_and_the_minutes() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let number = upcoming.items.iter().position(|i| i.valuation).unwrap() + 1;
    let set = portfolio.read().get::<samordna::domain::CriteriaSet>(upcoming.criteria_set_id.unwrap()).unwrap();
    let (initiatives, services) = (set.initiative_ids.len(), set.service_ids.len());
    let line = format!(
        "Värdering av insatser och tjänster enligt kriterieuppsättningen «{}»: {initiatives} insatser och {services} \
         tjänster.",
        set.name
    );
    let notice =
        pdf_text(&save(&workspace, "kallelse.pdf", &paper(&portfolio, PaperKind::Kallelse, upcoming.id, None)));
    assert!(notice.contains(&format!("{number}. Värdering av gemensamma insatser och tjänster 2026–2029")), "{notice}");
    assert!(notice.contains(&line), "«{line}» in the notice: {notice}");
    assert_eq!(notice.matches("Värdering av insatser och tjänster enligt").count(), 1, "only under its item");

    let memo = paper(&portfolio, PaperKind::Underlag, upcoming.id, Some(number));
    let path = save(&workspace, "vardering.pdf", &memo);
    assert_sound(&path, memo.pages);
    let text = pdf_text(&path);
    assert!(text.contains("Värderingen") && text.contains(&line), "{text}");
    assert!(text.contains("Insatser och tjänster att värdera"), "{text}");
    // Every item of the set is in the table, services without an item of their own too.
    for name in ["E-post och kalender", "Utskrift och skanning", "SLK-2026-00101"] {
        assert!(text.contains(name), "«{name}» in the valuation memo");
    }

    let minutes =
        pdf_text(&save(&workspace, "protokoll.pdf", &paper(&portfolio, PaperKind::Protokoll, upcoming.id, None)));
    assert!(minutes.contains(&format!("Ärende {number}. Värdering av gemensamma insatser")), "{minutes}");
    assert!(minutes.contains(&line), "{minutes}");

    let request = PaperRequest { language: Language::En, ..PaperRequest::new(PaperKind::Kallelse, upcoming.id) };
    let english = render(&portfolio.read(), &request, at(WRITTEN), "Jonas Berg").unwrap();
    let english = pdf_text(&save(&workspace, "notice.pdf", &english));
    let expected = format!(
        "Valuation of initiatives and services against the criteria set «{}»: {initiatives} initiatives and {services} \
         services.",
        set.name
    );
    assert!(english.contains(&expected), "{english}");
}

/// The memo's plan extract shows the plan's approval and, for a benefit off track, the owning board's decided
/// action (riktlinjen, "Realisera och följa upp nytta och effekter": "beslutar om åtgärder").
#[test]
fn the_memos_plan_extract_shows_the_approval_and_the_boards_action_on_a_benefit_off_track() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let october = meeting(&portfolio, "2026-10-15");
    let memo = paper(&portfolio, PaperKind::Underlag, october.id, Some(6));
    let path = save(&workspace, "underlag-fakturor.pdf", &memo);
    assert_sound(&path, memo.pages);
    let text = pdf_text(&path);
    for expected in [
        "Dnr SLK-2026-00102",
        "Nyttorealiseringsplanen fastställdes 2026-02-20 av Grundskolenämnden.",
        "Färre betalningspåminnelser",
        "Avviker",
        "Nyttor som avviker:",
        "Färre betalningspåminnelser: åtgärd beslutad 2026-09-15 av Grundskolenämnden: Leverantörer som fortfarande",
        "Inget särskilt lagkrav",
    ] {
        if expected == "Inget särskilt lagkrav" {
            assert!(!text.contains(expected), "00102 lists its laws");
            continue;
        }
        assert!(text.contains(expected), "memo lacks «{expected}»:\n{text}");
    }
    assert!(text.contains("Lagkrav Arkivlagen"), "the legal basis:\n{text}");
}

#[test]
fn a_memo_of_a_service_that_handles_no_information_says_so_instead_of_unclassified_levels() {
    let workspace = Workspace::new();
    let mut portfolio = workspace.sample();
    let upcoming = meeting(&portfolio, "2026-12-03");
    let (number, service_id) = upcoming
        .items
        .iter()
        .enumerate()
        .find_map(|(i, item)| item.service_id.map(|s| (i + 1, s)))
        .expect("the December meeting has a service's item");
    let mut service: samordna::domain::Service = portfolio.read().get(service_id).unwrap();
    service.handles_no_information = true;
    service.processes_personal_data = false;
    service.security = Default::default();
    service.customers.iter_mut().for_each(|c| c.instructions_reference.clear());
    portfolio.write(&crate::support::stamp(), |w| w.update(service)).unwrap();
    let memo = paper(&portfolio, PaperKind::Underlag, upcoming.id, Some(number));
    let path = save(&workspace, "tjanst.pdf", &memo);
    let text = pdf_text(&path);
    assert!(text.contains("hanterar ingen information"), "{text}");
    assert!(!text.contains("Ej klassad"), "{text}");
}

#[test]
fn a_meeting_opens_with_the_standard_items_which_the_minutes_record_and_which_need_no_memo() {
    let workspace = Workspace::new();
    let portfolio = workspace.sample();
    let opening: Vec<String> = samordna::domain::opening_items().into_iter().map(|i| i.title).collect();
    assert_eq!(opening, ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Anmälan om jäv"]);
    for meeting in portfolio.read().all::<samordna::domain::Meeting>().unwrap() {
        let titles: Vec<&str> = meeting.items.iter().take(4).map(|i| i.title.as_str()).collect();
        assert_eq!(titles, opening, "meeting {}", meeting.date);
    }
    // The notice lists them on the agenda; the packet gives them no decision memo of their own.
    let upcoming = meeting(&portfolio, "2026-12-03");
    let notice = paper(&portfolio, PaperKind::Kallelse, upcoming.id, None);
    let text = pdf_text(&save(&workspace, "kallelse.pdf", &notice));
    for expected in ["1. Mötets öppnande", "2. Val av justerare", "3. Godkännande av dagordningen", "4. Anmälan om jäv"]
    {
        assert!(text.contains(expected), "the notice lacks «{expected}»:\n{text}");
    }
    let packet = paper(&portfolio, PaperKind::Paket, upcoming.id, None);
    let titles: Vec<String> =
        outline(&Document::load_mem(&packet.bytes).unwrap()).into_iter().map(|(_, t, _)| t).collect();
    assert!(titles.iter().all(|t| !opening.iter().any(|o| t.ends_with(o.as_str()))), "{titles:?}");
    // The held meeting's minutes record what was decided on them, by paragraph.
    let past = meeting(&portfolio, "2026-10-15");
    let minutes = paper(&portfolio, PaperKind::Protokoll, past.id, None);
    let text = pdf_text(&save(&workspace, "protokoll.pdf", &minutes));
    for expected in [
        "§ 27 Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "§ 28 Val av justerare",
        "Samordningsgruppen utser Maria Haddad att jämte ordföranden justera protokollet.",
        "§ 29 Godkännande av dagordningen",
        "§ 30 Anmälan om jäv",
    ] {
        assert!(text.contains(expected), "the minutes lack «{expected}»:\n{text}");
    }
}
