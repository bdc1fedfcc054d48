//! The PDF file: printpdf's pages turned into a lopdf document, then finished by hand. Pages of attached PDFs are
//! imported as form XObjects and drawn, scaled to fit, under our footer; the outline and the contents' links are
//! added; and the parts PDF/A-2b asks for are written: XMP metadata matching the document information, an sRGB
//! output intent, the language, dates and a file identifier.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use printpdf::{ImageCompression, ImageOptimizationOptions, PdfDocument, PdfSaveOptions};
use sha2::{Digest, Sha256};

use super::compose::{Bookmark, ForeignPage, Link, PAGE_HEIGHT, PAGE_WIDTH};
use crate::error::{Error, Result};
use crate::time::Timestamp;

const SRGB: &[u8] = include_bytes!("../../assets/color/sRGB.icc");
/// Room kept free at the bottom of a page showing an attached PDF's page, for our footer.
const FOREIGN_FOOTER: f32 = 64.0;
const FOREIGN_MARGIN: f32 = 24.0;

/// What the document says about itself.
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP 47, e.g. `sv-SE`.
    pub language: String,
    pub at: Timestamp,
}

/// An attached PDF, parsed.
pub struct Foreign {
    doc: Document,
}

impl Foreign {
    pub fn parse(bytes: &[u8]) -> std::result::Result<Foreign, String> {
        let doc = Document::load_mem(bytes).map_err(|e| format!("it is not a readable PDF ({e})"))?;
        if doc.is_encrypted() {
            return Err("it is encrypted or password protected".into());
        }
        if doc.get_pages().is_empty() {
            return Err("it has no pages".into());
        }
        Ok(Foreign { doc })
    }

    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }
}

fn pdf_error(e: lopdf::Error) -> Error {
    Error::Paper(crate::error::PaperProblem::PdfNotWritten { detail: e.to_string() })
}

/// A text string: PDFDocEncoding for ASCII, otherwise UTF-16BE with a byte order mark.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Walks up the page tree for an inheritable attribute.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(value) = node.get(key) {
            return Some(value.clone());
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn numbers(doc: &Document, object: &Object) -> Option<Vec<f32>> {
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let array = object.as_array().ok()?;
    array.iter().map(|n| n.as_float().ok()).collect()
}

/// What a page of an attached PDF needs to become a form.
struct ForeignPageParts {
    resources: Option<Object>,
    bbox: Vec<f32>,
    rotate: i64,
    content: Vec<u8>,
}

/// Imports the attachment's objects into `doc` (renumbered past ours) and returns its pages' new ids.
fn import(doc: &mut Document, foreign: &Foreign) -> Vec<ObjectId> {
    let mut other = foreign.doc.clone();
    other.renumber_objects_with(doc.max_id + 1);
    doc.max_id = other.max_id.max(doc.max_id);
    let pages: Vec<ObjectId> = other.get_pages().values().copied().collect();
    // Page boxes and resources are read through `other` before its objects move over.
    let prepared: Vec<ForeignPageParts> = pages
        .iter()
        .map(|&page| {
            let resources = inherited(&other, page, b"Resources");
            let bbox = inherited(&other, page, b"CropBox")
                .or_else(|| inherited(&other, page, b"MediaBox"))
                .and_then(|b| numbers(&other, &b))
                .filter(|b| b.len() == 4)
                .unwrap_or_else(|| vec![0.0, 0.0, 595.276, 841.89]);
            let rotate = inherited(&other, page, b"Rotate").and_then(|r| r.as_i64().ok()).unwrap_or(0).rem_euclid(360);
            let mut content = Vec::new();
            for stream in other.get_page_contents(page) {
                if let Ok(s) = other.get_object(stream).and_then(Object::as_stream) {
                    content.extend(s.decompressed_content().unwrap_or_else(|_| s.content.clone()));
                    content.push(b'\n');
                }
            }
            ForeignPageParts { resources, bbox, rotate, content }
        })
        .collect();
    doc.objects.extend(std::mem::take(&mut other.objects));
    prepared
        .into_iter()
        .map(|ForeignPageParts { resources, bbox, rotate, content }| {
            let mut form = Dictionary::new();
            form.set("Type", Object::Name(b"XObject".to_vec()));
            form.set("Subtype", Object::Name(b"Form".to_vec()));
            form.set("BBox", Object::Array(bbox.iter().map(|&v| Object::Real(v)).collect()));
            form.set("Resources", resources.unwrap_or_else(|| Object::Dictionary(Dictionary::new())));
            // The rotation and box travel with the form, in a private key read back when it is placed.
            form.set("SamordnaRotate", Object::Integer(rotate));
            doc.add_object(Stream::new(form, content))
        })
        .collect()
}

/// The matrix that draws a form with box `bbox` and page rotation `rotate` fitted into the area of our page above
/// the footer, centred.
fn placement(bbox: &[f32], rotate: i64) -> [f32; 6] {
    let (x0, y0, w, h) = (bbox[0], bbox[1], (bbox[2] - bbox[0]).abs().max(1.0), (bbox[3] - bbox[1]).abs().max(1.0));
    // (a b c d e f) of the rotation that shows the page upright, in a box starting at the origin.
    let (r, shown_w, shown_h) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], h, w),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], w, h),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], h, w),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], w, h),
    };
    let room_w = PAGE_WIDTH - 2.0 * FOREIGN_MARGIN;
    let room_h = PAGE_HEIGHT - FOREIGN_MARGIN - FOREIGN_FOOTER;
    let s = (room_w / shown_w).min(room_h / shown_h);
    let px = FOREIGN_MARGIN + (room_w - shown_w * s) / 2.0;
    let py = FOREIGN_FOOTER + (room_h - shown_h * s) / 2.0;
    let [a, b, c, d, e, f] = r;
    [s * a, s * b, s * c, s * d, s * (e - a * x0 - c * y0) + px, s * (f - b * x0 - d * y0) + py]
}

/// A page's resource dictionary, made inline and writable.
fn page_resources(doc: &mut Document, page: ObjectId) -> Result<&mut Dictionary> {
    let resources = doc.get_dictionary(page).map_err(pdf_error)?.get(b"Resources").ok().cloned();
    let inline = match resources {
        Some(Object::Reference(id)) => doc.get_dictionary(id).map_err(pdf_error)?.clone(),
        Some(Object::Dictionary(d)) => d,
        _ => Dictionary::new(),
    };
    let page_dict = doc.get_dictionary_mut(page).map_err(pdf_error)?;
    page_dict.set("Resources", Object::Dictionary(inline));
    match page_dict.get_mut(b"Resources").map_err(pdf_error)? {
        Object::Dictionary(d) => Ok(d),
        _ => unreachable!("just set"),
    }
}

fn place_foreign(doc: &mut Document, page: ObjectId, form: ObjectId) -> Result<()> {
    let (bbox, rotate) = {
        let stream = doc.get_object_mut(form).and_then(Object::as_stream_mut).map_err(pdf_error)?;
        let rotate = stream.dict.get(b"SamordnaRotate").and_then(Object::as_i64).unwrap_or(0);
        stream.dict.remove(b"SamordnaRotate");
        let bbox: Vec<f32> = stream
            .dict
            .get(b"BBox")
            .and_then(Object::as_array)
            .map(|a| a.iter().filter_map(|n| n.as_float().ok()).collect())
            .unwrap_or_default();
        (bbox, rotate)
    };
    let m = placement(&bbox, rotate);
    let resources = page_resources(doc, page)?;
    let mut xobjects = match resources.get(b"XObject") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    xobjects.set("SamordnaPage", Object::Reference(form));
    resources.set("XObject", Object::Dictionary(xobjects));
    let ops = format!("q {} {} {} {} {} {} cm /SamordnaPage Do Q\n", m[0], m[1], m[2], m[3], m[4], m[5]);
    let drawing = doc.add_object(Stream::new(Dictionary::new(), ops.into_bytes()));
    let page_dict = doc.get_dictionary_mut(page).map_err(pdf_error)?;
    let mut contents = vec![Object::Reference(drawing)];
    match page_dict.get(b"Contents") {
        Ok(Object::Array(a)) => contents.extend(a.iter().cloned()),
        Ok(other) => contents.push(other.clone()),
        Err(_) => {}
    }
    page_dict.set("Contents", Object::Array(contents));
    Ok(())
}

fn destination(page: ObjectId) -> Object {
    Object::Array(vec![Object::Reference(page), Object::Name(b"Fit".to_vec())])
}

/// Builds the outline tree from bookmarks in document order with levels 0, 1, 2…
fn outline(doc: &mut Document, bookmarks: &[Bookmark], pages: &[ObjectId]) -> Option<ObjectId> {
    if bookmarks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry one level up (levels are clamped so they never skip).
    let mut levels = Vec::with_capacity(bookmarks.len());
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(bookmarks.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, b) in bookmarks.iter().enumerate() {
        let level = b.level.min(stack.len());
        stack.truncate(level);
        parents.push(stack.last().copied());
        levels.push(level);
        stack.push(i);
    }
    let children =
        |parent: Option<usize>| -> Vec<usize> { (0..bookmarks.len()).filter(|&i| parents[i] == parent).collect() };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(bookmarks.len());
    for (i, b) in bookmarks.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text(&b.title));
        d.set("Parent", Object::Reference(parents[i].map_or(root, |p| ids[p])));
        let page = pages.get(b.page).copied().unwrap_or(pages[0]);
        d.set("Dest", destination(page));
        let siblings = children(parents[i]);
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        if at > 0 {
            d.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        let own = children(Some(i));
        if let (Some(&first), Some(&last)) = (own.first(), own.last()) {
            d.set("First", Object::Reference(ids[first]));
            d.set("Last", Object::Reference(ids[last]));
            // Top-level entries open; deeper ones closed.
            let count = own.len() as i64;
            d.set("Count", Object::Integer(if levels[i] == 0 { count } else { -count }));
        }
        dicts.push(d);
    }
    for (id, d) in ids.iter().zip(dicts) {
        doc.objects.insert(*id, Object::Dictionary(d));
    }
    let top = children(None);
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    r.set("First", Object::Reference(ids[top[0]]));
    r.set("Last", Object::Reference(ids[*top.last().expect("at least one")]));
    r.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root, Object::Dictionary(r));
    Some(root)
}

/// The PDF dates are machine-read metadata and stay in UTC, with their offset.
fn pdf_date(at: Timestamp) -> String {
    format!("D:{}+00'00'", at.utc().format("%Y%m%d%H%M%S"))
}

fn xmp(meta: &Meta, producer: &str) -> String {
    let date = meta.at.utc().format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let keywords = xml(&meta.keywords.join("; "));
    let subjects: String =
        meta.keywords.iter().map(|k| format!("<rdf:li>{}</rdf:li>", xml(k))).collect::<Vec<_>>().join("");
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>Samordna</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = xml(&meta.title),
        author = xml(&meta.author),
        subject = xml(&meta.subject),
        language = xml(&meta.language),
    )
}

/// Writes the finished file.
pub fn finish(
    pdf: PdfDocument,
    meta: &Meta,
    bookmarks: &[Bookmark],
    links: &[Link],
    foreign: &[Foreign],
    foreign_pages: &[Option<ForeignPage>],
) -> Result<Vec<u8>> {
    let mut warnings = Vec::new();
    // Images are kept lossless (Flate): a chart or a logo must not pick up JPEG artefacts on its way in.
    let images = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: Some(false),
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
    };
    let options =
        PdfSaveOptions { optimize: false, subset_fonts: false, secure: true, image_optimization: Some(images) };
    let mut doc = pdf.to_lopdf_document(&options, &mut warnings);
    doc.version = "1.7".into();
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();

    place_foreign_pages(&mut doc, &pages, foreign, foreign_pages)?;

    add_links(&mut doc, &pages, links)?;

    let outlines = outline(&mut doc, bookmarks, &pages);
    let producer = format!("Samordna {} (printpdf, lopdf)", env!("CARGO_PKG_VERSION"));

    archive_catalog(&mut doc, meta, &producer, outlines)?;

    let date = pdf_date(meta.at);
    let info = doc.add_object(Dictionary::from_iter(vec![
        ("Title", text(&meta.title)),
        ("Author", text(&meta.author)),
        ("Subject", text(&meta.subject)),
        ("Keywords", text(&meta.keywords.join("; "))),
        ("Creator", text("Samordna")),
        ("Producer", text(&producer)),
        ("CreationDate", text(&date)),
        ("ModDate", text(&date)),
    ]));
    doc.trailer.set("Info", Object::Reference(info));

    doc.prune_objects();
    doc.compress();
    // The file identifier is derived from the file itself, so the same paper written twice is the same file: the
    // first 16 bytes of the SHA-256 of everything before the cross-reference table, which the identifier (in the
    // trailer, after the table) does not change. SHA-256 gives the same value with every Rust release, where std's
    // `DefaultHasher` promises nothing.
    let mut unidentified = Vec::new();
    doc.save_to(&mut unidentified).map_err(write_error)?;
    let id = file_identifier(&unidentified)
        .ok_or_else(|| {
            Error::Paper(crate::error::PaperProblem::PdfNotWritten { detail: "it has no cross-reference table".into() })
        })?
        .to_vec();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(write_error)?;
    Ok(bytes)
}

/// Imports each attached PDF once and places its pages as forms on the pages that show them.
fn place_foreign_pages(
    doc: &mut Document,
    pages: &[ObjectId],
    foreign: &[Foreign],
    foreign_pages: &[Option<ForeignPage>],
) -> Result<()> {
    let mut forms: Vec<Option<Vec<ObjectId>>> = (0..foreign.len()).map(|_| None).collect();
    for (index, placement) in foreign_pages.iter().enumerate() {
        let Some(fp) = placement else { continue };
        if forms[fp.source].is_none() {
            forms[fp.source] = Some(import(doc, &foreign[fp.source]));
        }
        let form = forms[fp.source].as_ref().and_then(|f| f.get(fp.page as usize - 1)).copied();
        if let (Some(form), Some(&page)) = (form, pages.get(index)) {
            place_foreign(doc, page, form)?;
        }
    }
    Ok(())
}

/// Adds the links of the contents as link annotations to their pages.
fn add_links(doc: &mut Document, pages: &[ObjectId], links: &[Link]) -> Result<()> {
    for link in links {
        let (Some(&page), Some(&target)) = (pages.get(link.page), pages.get(link.target)) else { continue };
        let mut annotation = Dictionary::new();
        annotation.set("Type", Object::Name(b"Annot".to_vec()));
        annotation.set("Subtype", Object::Name(b"Link".to_vec()));
        annotation.set("Rect", Object::Array(link.rect.iter().map(|&v| Object::Real(v)).collect()));
        annotation.set("Border", Object::Array(vec![Object::Integer(0), Object::Integer(0), Object::Integer(0)]));
        annotation.set("F", Object::Integer(4));
        annotation.set("Dest", destination(target));
        let id = doc.add_object(annotation);
        let page_dict = doc.get_dictionary_mut(page).map_err(pdf_error)?;
        let mut annots = match page_dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        annots.push(Object::Reference(id));
        page_dict.set("Annots", Object::Array(annots));
    }
    Ok(())
}

/// What PDF/A asks of the catalog: the XMP metadata, the sRGB output intent, the language, the title shown, and
/// the outline when there is one.
fn archive_catalog(doc: &mut Document, meta: &Meta, producer: &str, outlines: Option<ObjectId>) -> Result<()> {
    let mut metadata = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(meta, producer).into_bytes(),
    );
    metadata.allows_compression = false;
    let metadata = doc.add_object(metadata);
    let mut icc = Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), SRGB.to_vec());
    icc.allows_compression = true;
    let icc = doc.add_object(icc);
    let intent = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", text("sRGB IEC61966-2.1")),
        ("Info", text("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(icc)),
    ]));

    let catalog = doc.catalog_mut().map_err(pdf_error)?;
    catalog.set("Metadata", Object::Reference(metadata));
    catalog.set("OutputIntents", Object::Array(vec![Object::Reference(intent)]));
    catalog.set("Lang", text(&meta.language));
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])),
    );
    if let Some(outlines) = outlines {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    Ok(())
}

fn write_error(e: std::io::Error) -> Error {
    Error::Paper(crate::error::PaperProblem::PdfNotWritten { detail: e.to_string() })
}

/// The file identifier of a written PDF: the first 16 bytes of the SHA-256 of the file up to its cross-reference
/// table (the header and every object), found through the offset after the last `startxref`. None when the file
/// has no such offset.
fn file_identifier(file: &[u8]) -> Option<[u8; 16]> {
    const KEYWORD: &[u8] = b"startxref";
    let keyword = file.windows(KEYWORD.len()).rposition(|window| window == KEYWORD)?;
    let offset: usize =
        std::str::from_utf8(&file[keyword + KEYWORD.len()..]).ok()?.split_whitespace().next()?.parse().ok()?;
    let digest = Sha256::digest(file.get(..offset)?);
    let mut id = [0; 16];
    id.copy_from_slice(&digest[..16]);
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use printpdf::{Mm, PdfPage};

    fn meta(title: &str) -> Meta {
        Meta {
            title: title.into(),
            author: "Jonas Berg".into(),
            subject: "Protokoll".into(),
            keywords: vec![],
            language: "sv-SE".into(),
            at: "2026-11-27T08:15:00Z".parse().unwrap(),
        }
    }

    fn written(title: &str) -> Vec<u8> {
        let mut pdf = PdfDocument::new("");
        pdf.pages = vec![PdfPage::new(Mm(210.0), Mm(297.0), vec![])];
        finish(pdf, &meta(title), &[], &[], &[], &[]).unwrap()
    }

    fn trailer_id(bytes: &[u8]) -> Vec<Vec<u8>> {
        let doc = Document::load_mem(bytes).unwrap();
        let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        id.iter().map(|part| part.as_str().unwrap().to_vec()).collect()
    }

    #[test]
    fn the_identifier_is_the_sha_256_of_the_file_before_its_cross_reference_table() {
        let bytes = written("Protokoll 2026-10-15");
        // Found independently: the table starts at the line `xref`, which `startxref` at the end points to.
        let table = bytes.windows(6).rposition(|window| window == b"\nxref\n").unwrap() + 1;
        let end = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
        let offset: usize =
            end.split("startxref").nth(1).unwrap().trim().trim_end_matches("%%EOF").trim().parse().unwrap();
        assert_eq!(offset, table);
        let expected = Sha256::digest(&bytes[..table])[..16].to_vec();
        assert_eq!(trailer_id(&bytes), vec![expected.clone(), expected]);
        // The same paper gives the same file; another title another identifier.
        assert_eq!(written("Protokoll 2026-10-15"), bytes);
        assert_ne!(trailer_id(&written("Protokoll 2026-10-16"))[0], trailer_id(&bytes)[0]);
    }

    #[test]
    fn the_identifier_is_sha_256_by_its_test_vector() {
        // FIPS 180-2's first example: SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 …
        let file = b"abc\nstartxref\n3\n%%EOF";
        let id = file_identifier(file).unwrap();
        assert_eq!(
            id,
            [0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23]
        );
        assert_eq!(file_identifier(b"no table here"), None);
    }
}
