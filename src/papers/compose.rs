//! Page layout: a cursor that runs down A4 pages and places blocks (titles, paragraphs, lists, fields, tables,
//! charts), breaking pages where needed. The running header and footer are drawn at the end, once the number of
//! pages is known. Coordinates here are points measured from the top of the page; they are turned into PDF's
//! bottom-up coordinates only when an operation is written.
//!
//! Two rules keep the papers readable in narrow columns and across page breaks:
//! - A heading is kept with what follows it: when the block after one or more headings does not fit on the page,
//!   the headings move to the next page with it (with their bookmarks), so no page ends with a heading.
//! - A word breaks at the end of a line only with a hyphen: after the hyphen it already has, at a hyphenation point
//!   of the paper's language (Swedish by default, from TeX's patterns through `hypher`), or, for a word without
//!   one that is still wider than the column, wherever it must, with a hyphen added.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder, XObjectId, XObjectTransform,
};

use super::fonts::{Face, Fonts};
use crate::domain::Language;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.276;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const LEFT: f32 = 70.0;
pub const RIGHT: f32 = 56.7;
/// Where the body starts, below the running header.
pub const TOP: f32 = 118.0;
/// Where the body ends, above the footer.
pub const BOTTOM: f32 = 72.0;
pub const BODY_WIDTH: f32 = PAGE_WIDTH - LEFT - RIGHT;

pub const BODY_SIZE: f32 = 10.5;
const LEADING: f32 = 1.38;

pub const INK: (f32, f32, f32) = (0.1, 0.1, 0.12);
pub const MUTED: (f32, f32, f32) = (0.36, 0.37, 0.4);
pub const ACCENT: (f32, f32, f32) = (0.0, 0.33, 0.55);
pub const ACCENT_LIGHT: (f32, f32, f32) = (0.86, 0.92, 0.96);
pub const WARNING: (f32, f32, f32) = (0.7, 0.1, 0.1);
const RULE: (f32, f32, f32) = (0.7, 0.72, 0.75);
const ZEBRA: (f32, f32, f32) = (0.96, 0.965, 0.97);

/// What the header and footer of a page say.
#[derive(Debug, Clone, Default)]
pub struct Running {
    /// The kind of document: "Kallelse", "Beslutsunderlag", "Protokoll".
    pub kind: String,
    pub date: String,
    pub case_number: String,
    /// The marking printed under the header of a confidential item's pages.
    pub confidential: Option<String>,
    /// The body, printed in the footer.
    pub body: String,
    /// A note printed in the footer after the body, e.g. "Utkast" or the attachment's name.
    pub note: String,
    /// "Sida" or "Page".
    pub page_word: String,
}

/// A page of an attached PDF, placed scaled into a page of ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignPage {
    /// Index into the attachments being merged.
    pub source: usize,
    /// 1-based page number in the attachment.
    pub page: u32,
}

pub struct Page {
    pub running: Rc<Running>,
    pub ops: Vec<Op>,
    pub foreign: Option<ForeignPage>,
    /// What was placed on the page, kept only while the layout is recorded ([`Layout`]).
    placed: Vec<Placed>,
}

impl Page {
    fn new(running: Rc<Running>, foreign: Option<ForeignPage>) -> Page {
        Page { running, ops: Vec::new(), foreign, placed: Vec::new() }
    }
}

/// The kind of block a piece of text belongs to, as the layout record names it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Title,
    Heading,
    Paragraph,
    List,
    Fields,
    Table,
    Chart,
    Contents,
    Signatures,
    Image,
    /// Text a document places itself (`text_at`, `text_block`).
    Text,
}

impl Block {
    pub fn is_heading(self) -> bool {
        self == Block::Heading
    }
}

/// One line of text (or an image) placed on a page, in the order placed.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Placed {
    pub kind: Block,
    pub text: String,
}

/// A text that was wrapped and placed: the text as given and the lines it was set in, with each line's width and
/// the width it had to fit.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Wrapped {
    pub kind: Block,
    pub source: String,
    pub lines: Vec<String>,
    pub line_widths: Vec<f32>,
    pub width: f32,
}

/// One page of a recorded layout.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct PageLayout {
    /// A page of an attached PDF.
    pub attached: bool,
    pub placed: Vec<Placed>,
}

/// What a composer placed, page by page, and every text it wrapped: recorded only inside
/// [`Paper::with_layouts`](crate::papers::Paper::with_layouts), for the tests of the layout.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub pages: Vec<PageLayout>,
    pub wrapped: Vec<Wrapped>,
}

thread_local! {
    /// The layouts of the papers finished on this thread while recording.
    static LAYOUTS: RefCell<Option<Vec<Layout>>> = const { RefCell::new(None) };
}

impl crate::papers::Paper {
    /// Runs `write` and returns with its result the layout of every paper finished meanwhile on this thread (one
    /// per paper, in order). For tests of the layout: it does not change what is written.
    #[doc(hidden)]
    pub fn with_layouts<R>(write: impl FnOnce() -> R) -> (R, Vec<Layout>) {
        struct Reset(Option<Vec<Layout>>);
        impl Drop for Reset {
            fn drop(&mut self) {
                let earlier = self.0.take();
                LAYOUTS.with(|l| *l.borrow_mut() = earlier);
            }
        }
        let reset = Reset(LAYOUTS.with(|l| l.borrow_mut().replace(Vec::new())));
        let result = write();
        let layouts = LAYOUTS.with(|l| l.borrow_mut().replace(Vec::new())).unwrap_or_default();
        drop(reset);
        (result, layouts)
    }
}

/// Headings placed since the last other block: they move to the next page with the block that follows them when it
/// does not fit.
struct Kept {
    page: usize,
    /// Where the first heading's operations and placed lines start on its page.
    ops: usize,
    placed: usize,
    /// The first bookmark made since the last block, which moves with the headings.
    bookmarks: usize,
    /// Where the first heading starts and the last ends.
    top: f32,
    end: f32,
    headings: Vec<(String, usize)>,
}

/// An entry of the document outline.
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    pub level: usize,
    /// 0-based page index.
    pub page: usize,
}

/// A clickable area that leads to a page (0-based), in PDF coordinates [x0, y0, x1, y1].
#[derive(Debug, Clone)]
pub struct Link {
    pub page: usize,
    pub rect: [f32; 4],
    pub target: usize,
}

/// A column of a table.
pub struct Column {
    pub title: String,
    /// Share of the body width.
    pub share: f32,
    pub right: bool,
}

impl Column {
    pub fn left(title: &str, share: f32) -> Column {
        Column { title: title.into(), share, right: false }
    }

    pub fn right(title: &str, share: f32) -> Column {
        Column { title: title.into(), share, right: true }
    }
}

/// One bar of a chart.
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as printed at the end of the bar.
    pub text: String,
    pub highlight: bool,
}

pub struct Composer<'f> {
    pub fonts: &'f Fonts,
    font_ids: [FontId; 3],
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    pub links: Vec<Link>,
    running: Rc<Running>,
    /// Distance from the top of the current page to where the next block starts.
    y: f32,
    /// The patterns words are hyphenated by.
    hyphenation: hypher::Lang,
    /// The headings waiting for what follows them.
    kept: Option<Kept>,
    /// While a heading is drawn (it does not end the headings kept).
    drawing_heading: bool,
    /// How many bookmarks there were when the last block other than a heading was drawn.
    bookmarks_drawn: usize,
    /// The kind of block being placed.
    block: Block,
    /// Whether the layout is recorded (see [`Layout`]); decided when the composer is made.
    record: bool,
    wrapped: Vec<Wrapped>,
}

fn color((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point { x: Pt(x), y: Pt(PAGE_HEIGHT - y_from_top) }
}

pub fn line_height(size: f32) -> f32 {
    size * LEADING
}

impl<'f> Composer<'f> {
    pub fn new(fonts: &'f Fonts, font_ids: [FontId; 3]) -> Composer<'f> {
        Composer {
            fonts,
            font_ids,
            pages: Vec::new(),
            bookmarks: Vec::new(),
            links: Vec::new(),
            running: Rc::new(Running::default()),
            y: TOP,
            hyphenation: hypher::Lang::Swedish,
            kept: None,
            drawing_heading: false,
            bookmarks_drawn: 0,
            block: Block::Text,
            record: LAYOUTS.with(|l| l.borrow().is_some()),
            wrapped: Vec::new(),
        }
    }

    /// The language of the paper, whose hyphenation points words break at (Swedish unless set).
    pub fn set_language(&mut self, language: Language) {
        self.hyphenation = match language {
            Language::Sv => hypher::Lang::Swedish,
            Language::En => hypher::Lang::English,
        };
    }

    /// Runs `place` with what it places counted as a block of `kind`.
    fn as_block<R>(&mut self, kind: Block, place: impl FnOnce(&mut Self) -> R) -> R {
        let outer = std::mem::replace(&mut self.block, kind);
        let result = place(self);
        self.block = outer;
        result
    }

    pub fn font_ids(&self) -> [FontId; 3] {
        self.font_ids.clone()
    }

    /// Moves `other`'s pages, bookmarks and links after this composer's.
    pub fn append(&mut self, other: Composer) {
        let offset = self.pages.len();
        self.bookmarks.extend(other.bookmarks.into_iter().map(|b| Bookmark { page: b.page + offset, ..b }));
        self.links.extend(other.links.into_iter().map(|l| Link {
            page: l.page + offset,
            target: l.target + offset,
            ..l
        }));
        self.pages.extend(other.pages);
        self.wrapped.extend(other.wrapped);
        self.running = other.running;
        self.y = other.y;
        self.kept = None;
        self.bookmarks_drawn = self.bookmarks.len();
    }

    /// A heading that is also an entry of the outline.
    pub fn heading_with_bookmark(&mut self, text: &str, level: usize) {
        self.heading(text, 1);
        self.bookmark(text, level);
    }

    /// Starts a document on a new page.
    pub fn start(&mut self, running: Running) {
        self.running = Rc::new(running);
        self.kept = None;
        self.new_page();
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(self.running.clone(), None));
        self.y = TOP;
    }

    /// The 0-based index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    fn room(&self) -> f32 {
        PAGE_HEIGHT - BOTTOM - self.y
    }

    /// Breaks the page unless `height` fits below the cursor. Headings just placed go to the new page with what
    /// follows them; when they start the page already, the page is not broken (the block follows its heading).
    pub fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() {
            self.new_page();
            return;
        }
        if height <= self.room() || self.y <= TOP + 0.5 {
            return;
        }
        if self.drawing_heading {
            // A heading longer than a page: it breaks like any text.
            self.new_page();
            return;
        }
        match self.kept.take() {
            Some(kept) if kept.page == self.page_index() && kept.top > TOP + 0.5 => self.move_kept(kept),
            Some(kept) if kept.page == self.page_index() => self.kept = Some(kept),
            _ => self.new_page(),
        }
    }

    /// Takes the kept headings off their page and places them again at the top of a new one.
    fn move_kept(&mut self, kept: Kept) {
        // Space the next block put after the headings stays.
        let after = self.y - kept.end;
        let page = self.pages.last_mut().expect("a page");
        page.ops.truncate(kept.ops);
        page.placed.truncate(kept.placed);
        self.new_page();
        let index = self.page_index();
        for bookmark in &mut self.bookmarks[kept.bookmarks..] {
            if bookmark.page == kept.page {
                bookmark.page = index;
            }
        }
        for (text, level) in &kept.headings {
            self.draw_heading(text, *level);
        }
        let end = self.y;
        self.y += after;
        self.kept = Some(Kept { page: index, ops: 0, placed: 0, top: TOP, end, ..kept });
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// The current page's operations, for drawing on it: anything drawn but a heading ends the headings kept.
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        if !self.drawing_heading {
            self.kept = None;
            self.bookmarks_drawn = self.bookmarks.len();
        }
        &mut self.pages.last_mut().expect("a page").ops
    }

    /// Notes what was placed on the current page when the layout is recorded.
    fn note(&mut self, text: &str) {
        if self.record {
            let kind = self.block;
            if let Some(page) = self.pages.last_mut() {
                page.placed.push(Placed { kind, text: text.to_string() });
            }
        }
    }

    pub fn bookmark(&mut self, title: &str, level: usize) {
        if self.pages.is_empty() {
            self.new_page();
        }
        let page = self.page_index();
        self.bookmarks.push(Bookmark { title: title.into(), level, page });
    }

    /// Writes one line of text whose top is at `y` (from the top of the page).
    pub fn text_at(&mut self, x: f32, y: f32, face: Face, size: f32, rgb: (f32, f32, f32), text: &str) {
        let text = self.fonts.printable(text);
        if text.trim().is_empty() {
            return;
        }
        let baseline = y + size * 0.95;
        let font = self.font_ids[face_index(face)].clone();
        if self.pages.is_empty() {
            self.new_page();
        }
        self.note(&text);
        page_text(self.ops(), font, x, baseline, size, rgb, text);
    }

    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.fonts.width(face, size, text)
    }

    /// Breaks `text` into lines no wider than `width`; line breaks in the text are kept. Lines break between words;
    /// a word breaks only with a hyphen at the end of the line (see [`Composer::split_word`]): where it is wider
    /// than the line, or where moving it to the next line would leave this one too short (in narrow columns).
    pub fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let space = self.width(face, size, " ");
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let mut rest = word;
                loop {
                    let whole = without_soft_hyphens(rest);
                    let used = if line.is_empty() { 0.0 } else { self.width(face, size, &line) + space };
                    if used + self.width(face, size, &whole) <= width + SLACK {
                        push_word(&mut line, &whole);
                        break;
                    }
                    let room = width - used;
                    if (line.is_empty() || room >= width * FILL)
                        && let Some((head, tail)) = self.split_word(rest, face, size, room)
                    {
                        push_word(&mut line, &head);
                        lines.push(std::mem::take(&mut line));
                        rest = tail;
                        continue;
                    }
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        continue;
                    }
                    // Wider than the line with no hyphenation point that fits: broken where it must be.
                    let (head, tail) = self.force_split(rest, face, size, width);
                    lines.push(head);
                    rest = tail;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// The longest start of `word` up to one of its break points that fits in `room` with its hyphen, and the
    /// rest: after a hyphen the word has (nothing added), at a soft hyphen in it, else at a hyphenation point of the
    /// paper's language.
    fn split_word<'w>(&self, word: &'w str, face: Face, size: f32, room: f32) -> Option<(String, &'w str)> {
        break_points(word, self.hyphenation).into_iter().rev().find_map(|point| {
            let mut head = without_soft_hyphens(&word[..point.head]).into_owned();
            if point.hyphen {
                head.push('-');
            }
            (self.width(face, size, &head) <= room + SLACK).then(|| (head, &word[point.tail..]))
        })
    }

    /// `word` broken at the last character that fits in `width` with a hyphen (at least one character), for a word
    /// wider than the line that has no hyphenation point to break at.
    fn force_split<'w>(&self, word: &'w str, face: Face, size: f32, width: f32) -> (String, &'w str) {
        let mut end = word.chars().next().map_or(word.len(), char::len_utf8);
        for (index, c) in word.char_indices().skip(1) {
            let head = without_soft_hyphens(&word[..index]);
            if self.width(face, size, &format!("{head}{c}-")) > width + SLACK {
                break;
            }
            end = index + c.len_utf8();
        }
        let mut head = without_soft_hyphens(&word[..end]).into_owned();
        if !head.ends_with(is_hyphen) {
            head.push('-');
        }
        (head, &word[end..])
    }

    /// Wraps `text` as [`Composer::wrap`] does and notes the lines when the layout is recorded.
    fn wrap_placed(&mut self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let lines = self.wrap(text, face, size, width);
        self.note_wrapped(text, &lines, face, size, width);
        lines
    }

    fn note_wrapped(&mut self, text: &str, lines: &[String], face: Face, size: f32, width: f32) {
        if self.record {
            let line_widths = lines.iter().map(|l| self.width(face, size, l)).collect();
            self.wrapped.push(Wrapped {
                kind: self.block,
                source: text.to_string(),
                lines: lines.to_vec(),
                line_widths,
                width,
            });
        }
    }

    /// A run of wrapped text at `x`, `width` wide; pages break between lines.
    pub fn text_block(&mut self, x: f32, width: f32, face: Face, size: f32, rgb: (f32, f32, f32), text: &str) {
        let lh = line_height(size);
        for line in self.wrap_placed(text, face, size, width) {
            self.ensure(lh);
            let y = self.y;
            self.text_at(x, y, face, size, rgb, &line);
            self.y += lh;
        }
    }

    pub fn paragraph(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.as_block(Block::Paragraph, |c| {
            c.text_block(LEFT, BODY_WIDTH, Face::Regular, BODY_SIZE, INK, text.trim());
        });
        self.y += BODY_SIZE * 0.6;
    }

    pub fn muted(&mut self, text: &str) {
        self.as_block(Block::Paragraph, |c| {
            c.text_block(LEFT, BODY_WIDTH, Face::Italic, BODY_SIZE - 1.0, MUTED, text.trim());
        });
        self.y += BODY_SIZE * 0.5;
    }

    /// The document's title.
    pub fn title(&mut self, text: &str) {
        let size = 17.0;
        self.ensure(line_height(size) * 2.0);
        self.as_block(Block::Title, |c| c.text_block(LEFT, BODY_WIDTH, Face::Bold, size, INK, text));
        self.y += 6.0;
    }

    /// A heading, kept on the same page as what follows it: it needs room for itself and three lines below it, and
    /// moves to the next page with the following block when that block does not fit (see [`Composer::ensure`]).
    pub fn heading(&mut self, text: &str, level: usize) {
        let (size, before) = heading_style(level);
        let lines = self.wrap(text, Face::Bold, size, BODY_WIDTH).len().max(1);
        self.ensure(before + lines as f32 * line_height(size) + 2.0 + 3.0 * line_height(BODY_SIZE));
        if self.pages.is_empty() {
            self.new_page();
        }
        if self.kept.as_ref().is_none_or(|k| k.page != self.page_index()) {
            let page = self.pages.last().expect("a page");
            self.kept = Some(Kept {
                page: self.page_index(),
                ops: page.ops.len(),
                placed: page.placed.len(),
                bookmarks: self.bookmarks_drawn,
                top: self.y,
                end: self.y,
                headings: Vec::new(),
            });
        }
        self.draw_heading(text, level);
        let end = self.y;
        if let Some(kept) = &mut self.kept {
            kept.headings.push((text.to_string(), level));
            kept.end = end;
        }
    }

    fn draw_heading(&mut self, text: &str, level: usize) {
        let (size, before) = heading_style(level);
        if self.y > TOP + 0.5 {
            self.y += before;
        }
        self.drawing_heading = true;
        let rgb = if level <= 1 { INK } else { ACCENT };
        self.as_block(Block::Heading, |c| c.text_block(LEFT, BODY_WIDTH, Face::Bold, size, rgb, text));
        self.drawing_heading = false;
        self.y += 2.0;
    }

    /// Numbered points, one per line of `text`, with a hanging indent.
    pub fn numbered(&mut self, points: &[String]) {
        self.list(points.iter().enumerate().map(|(i, p)| (format!("{}.", i + 1), p.as_str())));
    }

    pub fn bullets(&mut self, points: &[String]) {
        self.list(points.iter().map(|p| ("•".to_string(), p.as_str())));
    }

    fn list<'a>(&mut self, points: impl Iterator<Item = (String, &'a str)>) {
        let outer = std::mem::replace(&mut self.block, Block::List);
        let size = BODY_SIZE;
        let lh = line_height(size);
        let indent = 20.0;
        for (marker, text) in points {
            let lines = self.wrap_placed(text.trim(), Face::Regular, size, BODY_WIDTH - indent);
            for (i, line) in lines.iter().enumerate() {
                self.ensure(lh);
                let y = self.y;
                if i == 0 {
                    self.text_at(LEFT + 2.0, y, Face::Regular, size, INK, &marker);
                }
                self.text_at(LEFT + indent, y, Face::Regular, size, INK, line);
                self.y += lh;
            }
            self.y += 2.0;
        }
        self.y += BODY_SIZE * 0.4;
        self.block = outer;
    }

    /// Label and value pairs in two columns; empty values are left out. A label wider than its column wraps.
    pub fn fields(&mut self, rows: &[(&str, String)]) {
        let outer = std::mem::replace(&mut self.block, Block::Fields);
        let size = BODY_SIZE - 0.5;
        let lh = line_height(size);
        let label_width = rows
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(l, _)| self.width(Face::Bold, size, l))
            .fold(0.0f32, f32::max)
            .min(BODY_WIDTH * 0.35)
            + 12.0;
        for (label, value) in rows {
            if value.trim().is_empty() {
                continue;
            }
            let labels = self.wrap_placed(label, Face::Bold, size, label_width - 12.0);
            let lines = self.wrap_placed(value.trim(), Face::Regular, size, BODY_WIDTH - label_width);
            self.ensure(lh * lines.len().max(labels.len()).min(3) as f32);
            let (page, top) = (self.page_index(), self.y);
            for (i, label_line) in labels.iter().enumerate() {
                self.text_at(LEFT, top + i as f32 * lh, Face::Bold, size, MUTED, label_line);
            }
            for line in lines {
                self.ensure(lh);
                let y = self.y;
                self.text_at(LEFT + label_width, y, Face::Regular, size, INK, &line);
                self.y += lh;
            }
            if self.page_index() == page {
                self.y = self.y.max(top + labels.len() as f32 * lh);
            }
            self.y += 1.5;
        }
        self.y += BODY_SIZE * 0.5;
        self.block = outer;
    }

    pub fn rule(&mut self) {
        self.ensure(10.0);
        self.y += 4.0;
        let y = self.y;
        hline(self.ops(), LEFT, LEFT + BODY_WIDTH, y, RULE, 0.6);
        self.y += 6.0;
    }

    /// A filled rectangle in page-top coordinates.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, rgb: (f32, f32, f32)) {
        fill_rect(self.ops(), x, y, width, height, rgb);
    }

    /// A table whose rows break across pages; the header row is repeated on every page, with "(forts.)" after
    /// the caption when one is given. Columns share the width as their shares say, widened where a word would
    /// otherwise have to break (see [`Composer::column_widths`]).
    pub fn table(&mut self, caption: &str, columns: &[Column], rows: &[Vec<String>]) {
        let outer = std::mem::replace(&mut self.block, Block::Table);
        let size = BODY_SIZE - 1.5;
        let lh = line_height(size);
        let pad = 3.5;
        let widths = self.column_widths(columns, rows, size, pad);
        let header_lines: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.wrap_placed(&c.title, Face::Bold, size, w - 2.0 * pad))
            .collect();
        let header_height = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let caption_height = if caption.is_empty() { 0.0 } else { line_height(BODY_SIZE) + 2.0 };
        let heights: Vec<f32> = rows.iter().map(|r| self.row_height(r, &widths, size, pad)).collect();
        let whole = caption_height + header_height + heights.iter().sum::<f32>();
        if whole < (PAGE_HEIGHT - TOP - BOTTOM) / 2.0 {
            // A short table is kept on one page.
            self.ensure(whole);
        } else {
            self.ensure(caption_height + header_height + heights.first().copied().unwrap_or(0.0));
        }
        let draw_header = |me: &mut Self, continued: bool| {
            if !caption.is_empty() {
                let text = if continued { format!("{caption} (forts.)") } else { caption.to_string() };
                let y = me.y;
                me.text_at(LEFT, y, Face::Bold, BODY_SIZE - 0.5, INK, &text);
                me.y += caption_height;
            }
            let y = me.y;
            me.rect(LEFT, y, BODY_WIDTH, header_height, ACCENT_LIGHT);
            let mut x = LEFT;
            for ((column, lines), w) in columns.iter().zip(&header_lines).zip(&widths) {
                for (i, line) in lines.iter().enumerate() {
                    let tx = if column.right { x + w - pad - me.width(Face::Bold, size, line) } else { x + pad };
                    me.text_at(tx, y + pad + i as f32 * lh, Face::Bold, size, INK, line);
                }
                x += w;
            }
            me.y += header_height;
        };
        draw_header(self, false);
        for (index, (row, &height)) in rows.iter().zip(&heights).enumerate() {
            if height > self.room() {
                self.new_page();
                draw_header(self, true);
            }
            let y = self.y;
            if index % 2 == 1 {
                self.rect(LEFT, y, BODY_WIDTH, height, ZEBRA);
            }
            let mut x = LEFT;
            for ((column, cell), w) in columns.iter().zip(row).zip(&widths) {
                let bold = cell.starts_with("**");
                let text = cell.trim_start_matches("**");
                let face = if bold { Face::Bold } else { Face::Regular };
                for (i, line) in self.wrap_placed(text, face, size, w - 2.0 * pad).iter().enumerate() {
                    let tx = if column.right { x + w - pad - self.width(face, size, line) } else { x + pad };
                    self.text_at(tx, y + pad + i as f32 * lh, face, size, INK, line);
                }
                x += w;
            }
            self.y += height;
            let y = self.y;
            hline(self.ops(), LEFT, LEFT + BODY_WIDTH, y, RULE, 0.4);
        }
        self.y += BODY_SIZE * 0.8;
        self.block = outer;
    }

    /// The widths of a table's columns: the body width shared as the columns' shares say; then a column too narrow
    /// for a word of its own that cannot break (an amount, a code, an abbreviation) or for a piece of one between
    /// hyphenation points is widened, and then one too narrow for its longest word, each time taking the width from
    /// the columns that have more than they need (in proportion to what they have beyond it).
    fn column_widths(&self, columns: &[Column], rows: &[Vec<String>], size: f32, pad: f32) -> Vec<f32> {
        let total: f32 = columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let mut widths: Vec<f32> = columns.iter().map(|c| BODY_WIDTH * c.share / total).collect();
        let mut unbreakable = vec![0.0f32; columns.len()];
        let mut longest = vec![0.0f32; columns.len()];
        let titles = columns.iter().enumerate().map(|(j, c)| (j, c.title.as_str(), Face::Bold));
        let cells = rows.iter().flat_map(|row| {
            row.iter().enumerate().map(|(j, cell)| {
                let face = if cell.starts_with("**") { Face::Bold } else { Face::Regular };
                (j, cell.trim_start_matches("**"), face)
            })
        });
        for (j, text, face) in titles.chain(cells) {
            if j >= columns.len() {
                continue;
            }
            for word in text.split([' ', '\n']).filter(|w| !w.is_empty()) {
                let (piece, whole) = self.word_needs(word, face, size);
                unbreakable[j] = unbreakable[j].max(piece + 2.0 * pad);
                longest[j] = longest[j].max(whole + 2.0 * pad);
            }
        }
        widen(&mut widths, &unbreakable);
        let comfortable: Vec<f32> = longest.iter().zip(&unbreakable).map(|(l, u)| l.max(*u)).collect();
        widen(&mut widths, &comfortable);
        widths
    }

    /// The width a word needs at least (its widest piece between break points, with the hyphen it then ends in)
    /// and its whole width.
    fn word_needs(&self, word: &str, face: Face, size: f32) -> (f32, f32) {
        let whole = self.width(face, size, &without_soft_hyphens(word));
        let mut piece = 0.0f32;
        let mut start = 0;
        for point in break_points(word, self.hyphenation) {
            let mut text = without_soft_hyphens(&word[start..point.head]).into_owned();
            if point.hyphen {
                text.push('-');
            }
            piece = piece.max(self.width(face, size, &text));
            start = point.tail;
        }
        piece = piece.max(self.width(face, size, &without_soft_hyphens(&word[start..])));
        (piece, whole)
    }

    fn row_height(&self, row: &[String], widths: &[f32], size: f32, pad: f32) -> f32 {
        let lines = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| {
                let face = if cell.starts_with("**") { Face::Bold } else { Face::Regular };
                self.wrap(cell.trim_start_matches("**"), face, size, w - 2.0 * pad).len()
            })
            .max()
            .unwrap_or(1);
        lines as f32 * line_height(size) + 2.0 * pad
    }

    /// A horizontal bar chart drawn as vector graphics; negative values extend left of the axis.
    pub fn bar_chart(&mut self, caption: &str, bars: &[Bar]) {
        if bars.is_empty() {
            return;
        }
        let outer = std::mem::replace(&mut self.block, Block::Chart);
        let size = BODY_SIZE - 2.0;
        let bar = 11.0;
        let gap = 5.0;
        let height = line_height(BODY_SIZE) + 4.0 + bars.len() as f32 * (bar + gap) + 6.0;
        self.ensure(height);
        let y0 = self.y;
        self.text_at(LEFT, y0, Face::Bold, BODY_SIZE - 0.5, INK, caption);
        let top = y0 + line_height(BODY_SIZE) + 4.0;
        let label_width = bars
            .iter()
            .map(|b| self.width(Face::Regular, size, &b.label))
            .fold(0.0f32, f32::max)
            .min(BODY_WIDTH * 0.38)
            + 8.0;
        let value_width = bars.iter().map(|b| self.width(Face::Regular, size, &b.text)).fold(0.0f32, f32::max) + 6.0;
        let plot = BODY_WIDTH - label_width - value_width;
        let max = bars.iter().map(|b| b.value.max(0.0)).fold(0.0f64, f64::max);
        let min = bars.iter().map(|b| b.value.min(0.0)).fold(0.0f64, f64::min);
        let span = (max - min).max(f64::EPSILON);
        let axis = LEFT + label_width + (plot as f64 * (-min / span)) as f32;
        for (i, b) in bars.iter().enumerate() {
            let y = top + i as f32 * (bar + gap);
            let label = self.fit(&b.label, Face::Regular, size, label_width - 8.0);
            self.text_at(LEFT, y + (bar - size) / 2.0 - 0.5, Face::Regular, size, INK, &label);
            let length = (plot as f64 * (b.value.abs() / span)) as f32;
            let x = if b.value < 0.0 { axis - length } else { axis };
            let rgb = if b.highlight { ACCENT } else { (0.55, 0.68, 0.78) };
            self.rect(x, y, length.max(0.5), bar, rgb);
            let tx = if b.value < 0.0 { axis + 3.0 } else { axis + length + 3.0 };
            self.text_at(tx, y + (bar - size) / 2.0 - 0.5, Face::Regular, size, MUTED, &b.text);
        }
        let bottom = top + bars.len() as f32 * (bar + gap) - gap + 2.0;
        let ops = self.ops();
        vline(ops, axis, top - 2.0, bottom, MUTED, 0.6);
        self.y = bottom + 8.0;
        self.block = outer;
    }

    /// `text` shortened with an ellipsis to fit `width`.
    pub fn fit(&self, text: &str, face: Face, size: f32, width: f32) -> String {
        fit_text(self.fonts, text, face, size, width)
    }

    /// A line of the table of contents: title, dot leaders and the page number; the whole line links to `target`.
    pub fn contents_line(&mut self, title: &str, level: usize, target: usize, number: usize) {
        self.as_block(Block::Contents, |c| c.place_contents_line(title, level, target, number));
    }

    fn place_contents_line(&mut self, title: &str, level: usize, target: usize, number: usize) {
        let size = if level == 0 { BODY_SIZE } else { BODY_SIZE - 1.0 };
        let face = if level == 0 { Face::Bold } else { Face::Regular };
        let lh = line_height(size) + if level == 0 { 3.0 } else { 1.0 };
        self.ensure(lh);
        let x = LEFT + level as f32 * 16.0;
        let number_text = number.to_string();
        let number_width = self.width(face, size, &number_text);
        let title = self.fit(title, face, size, BODY_WIDTH - (x - LEFT) - number_width - 30.0);
        let y = self.y + if level == 0 { 3.0 } else { 0.0 };
        self.text_at(x, y, face, size, INK, &title);
        let title_end = x + self.width(face, size, &title) + 4.0;
        let right = LEFT + BODY_WIDTH;
        let dot = self.width(Face::Regular, size, ".");
        let dots = ((right - number_width - 4.0 - title_end) / dot).max(0.0) as usize;
        self.text_at(right - number_width - 4.0 - dots as f32 * dot, y, Face::Regular, size, MUTED, &".".repeat(dots));
        self.text_at(right - number_width, y, face, size, INK, &number_text);
        let page = self.page_index();
        self.links.push(Link {
            page,
            rect: [x, PAGE_HEIGHT - (y + line_height(size)), right, PAGE_HEIGHT - y + 1.0],
            target,
        });
        self.y += lh;
    }

    /// Lines to sign on, side by side, with the name and role under each.
    pub fn signatures(&mut self, people: &[(String, String)]) {
        self.as_block(Block::Signatures, |c| c.place_signatures(people));
    }

    fn place_signatures(&mut self, people: &[(String, String)]) {
        let size = BODY_SIZE - 1.0;
        let column = BODY_WIDTH / 2.0;
        for pair in people.chunks(2) {
            self.ensure(62.0);
            self.y += 34.0;
            let y = self.y;
            for (i, (name, role)) in pair.iter().enumerate() {
                let x = LEFT + i as f32 * column;
                hline(self.ops(), x, x + column - 30.0, y, INK, 0.6);
                self.text_at(x, y + 3.0, Face::Regular, size, INK, name);
                self.text_at(x, y + 3.0 + line_height(size), Face::Italic, size, MUTED, role);
            }
            self.y += 3.0 + 2.0 * line_height(size) + 4.0;
        }
    }

    /// A page that shows a page of an attached PDF.
    pub fn foreign_page(&mut self, running: Running, foreign: ForeignPage) {
        self.running = Rc::new(running);
        self.kept = None;
        self.pages.push(Page::new(self.running.clone(), Some(foreign)));
        self.y = TOP;
    }

    /// An image fitted into the body of the current page, `width` × `height` in pixels.
    pub fn image(&mut self, id: &XObjectId, width: u32, height: u32) {
        let room_w = BODY_WIDTH;
        let room_h = PAGE_HEIGHT - BOTTOM - self.y - 4.0;
        let scale = (room_w / width.max(1) as f32).min(room_h / height.max(1) as f32).min(1.5);
        let (w, h) = (width as f32 * scale, height as f32 * scale);
        let x = LEFT + (room_w - w) / 2.0;
        let y = self.y;
        place_image(self.ops(), id, x, PAGE_HEIGHT - y - h, w, h);
        self.as_block(Block::Image, |c| c.note(""));
        self.y += h + 6.0;
    }

    /// Draws every page's header and footer, now that the number of pages is known.
    pub fn finish(&mut self, organisation: &str, office: &str, logo: Option<(&XObjectId, u32, u32)>) {
        let total = self.pages.len();
        let font_ids = self.font_ids.clone();
        for (index, page) in self.pages.iter_mut().enumerate() {
            let mut ops = std::mem::take(&mut page.ops);
            let mut frame = Vec::new();
            let r = &page.running;
            let fonts = self.fonts;
            let text = |ops: &mut Vec<Op>, x: f32, y: f32, face: Face, size: f32, rgb, s: &str| {
                let s = fonts.printable(s);
                page_text(ops, font_ids[face_index(face)].clone(), x, y + size * 0.95, size, rgb, s);
            };
            let right = LEFT + BODY_WIDTH;
            let foot_y = PAGE_HEIGHT - 52.0;
            let number = format!("{} {} ({total})", r.page_word, index + 1);
            if page.foreign.is_none() {
                let mut x = LEFT;
                if let Some((id, w, h)) = logo {
                    let height = 34.0;
                    let width = height * w as f32 / h.max(1) as f32;
                    place_image(&mut frame, id, LEFT, PAGE_HEIGHT - 40.0 - height, width, height);
                    x += width + 10.0;
                }
                text(&mut frame, x, 42.0, Face::Bold, 11.0, INK, organisation);
                text(&mut frame, x, 57.0, Face::Regular, 8.5, MUTED, office);
                let kind_w = fonts.width(Face::Bold, 11.0, &r.kind);
                text(&mut frame, right - kind_w, 42.0, Face::Bold, 11.0, INK, &r.kind);
                let mut y = 56.0;
                let case = if r.case_number.is_empty() { String::new() } else { format!("Dnr {}", r.case_number) };
                for line in [r.body.clone(), r.date.clone(), case] {
                    if !line.is_empty() {
                        let line = fit_text(fonts, &line, Face::Regular, 8.5, BODY_WIDTH * 0.55);
                        let w = fonts.width(Face::Regular, 8.5, &line);
                        text(&mut frame, right - w, y, Face::Regular, 8.5, MUTED, &line);
                        y += 11.0;
                    }
                }
                hline(&mut frame, LEFT, right, 91.0, ACCENT, 1.2);
                if let Some(marking) = &r.confidential {
                    let w = fonts.width(Face::Bold, 8.0, marking).min(BODY_WIDTH);
                    text(&mut frame, right - w, 95.0, Face::Bold, 8.0, WARNING, marking);
                }
            }
            hline(&mut frame, LEFT, right, foot_y - 4.0, RULE, 0.6);
            let mut footer_left = if r.body.is_empty() { organisation.to_string() } else { r.body.clone() };
            if !r.note.is_empty() {
                footer_left = format!("{footer_left} · {}", r.note);
            }
            let room = BODY_WIDTH - fonts.width(Face::Regular, 8.0, &number) - 24.0;
            let footer_left = fit_text(fonts, &footer_left, Face::Regular, 8.0, room);
            text(&mut frame, LEFT, foot_y, Face::Regular, 8.0, MUTED, &footer_left);
            let w = fonts.width(Face::Regular, 8.0, &number);
            text(&mut frame, right - w, foot_y, Face::Regular, 8.0, INK, &number);
            ops.extend(frame);
            page.ops = ops;
        }
        if self.record {
            let layout = Layout {
                pages: self
                    .pages
                    .iter()
                    .map(|p| PageLayout { attached: p.foreign.is_some(), placed: p.placed.clone() })
                    .collect(),
                wrapped: self.wrapped.clone(),
            };
            LAYOUTS.with(|l| l.borrow_mut().as_mut().map(|layouts| layouts.push(layout)));
        }
    }
}

/// The size of a heading of `level` and the space above it.
fn heading_style(level: usize) -> (f32, f32) {
    if level <= 1 { (13.0, 10.0) } else { (11.0, 6.0) }
}

/// How much of a line may be left empty before the next word, though it would fit on a line of its own, is broken
/// into it (of the line's width): only a short word before a long one in a narrow column comes to that.
const FILL: f32 = 0.5;

/// What a line may be wider than its width by: the sums of advances differ in the last bits with the order they
/// are added in.
const SLACK: f32 = 0.001;

/// Whether a line may end after `c` inside a word: a hyphen or a dash.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '–' | '—')
}

fn without_soft_hyphens(text: &str) -> Cow<'_, str> {
    if text.contains('\u{AD}') { Cow::Owned(text.replace('\u{AD}', "")) } else { Cow::Borrowed(text) }
}

fn push_word(line: &mut String, word: &str) {
    if !line.is_empty() {
        line.push(' ');
    }
    line.push_str(word);
}

/// A place where a word may break: the line keeps `word[..head]` (and a hyphen when `hyphen`), the next line starts
/// with `word[tail..]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BreakPoint {
    head: usize,
    tail: usize,
    hyphen: bool,
}

/// Where `word` may break, in order: after a hyphen or dash it has (not at its ends); at its soft hyphens if it has
/// any (the writer's choice then stands alone); else at the hyphenation points of `language` inside each run of
/// letters (at least two letters before and three after, none after a syllable of one letter; not in
/// abbreviations in capitals).
fn break_points(word: &str, language: hypher::Lang) -> Vec<BreakPoint> {
    let mut points = Vec::new();
    let soft = word.contains('\u{AD}');
    let mut run: Option<usize> = None;
    for (index, c) in word.char_indices().chain(std::iter::once((word.len(), ' '))) {
        if c.is_alphabetic() {
            run.get_or_insert(index);
            continue;
        }
        if let Some(start) = run.take()
            && !soft
        {
            syllable_points(&word[start..index], start, language, &mut points);
        }
        let after = index + c.len_utf8();
        if index > 0 && after < word.len() {
            if is_hyphen(c) {
                points.push(BreakPoint { head: after, tail: after, hyphen: false });
            } else if c == '\u{AD}' {
                points.push(BreakPoint { head: index, tail: after, hyphen: true });
            }
        }
    }
    points
}

/// The hyphenation points inside `letters` (a run of letters starting at `offset` in its word).
fn syllable_points(letters: &str, offset: usize, language: hypher::Lang, points: &mut Vec<BreakPoint>) {
    let count = letters.chars().count();
    if count < 5 || letters.chars().all(char::is_uppercase) {
        return;
    }
    let mut at = offset;
    let syllables: Vec<&str> = hypher::hyphenate_bounded(letters, language, 2, 3).collect();
    for pair in syllables.windows(2) {
        at += pair[0].len();
        // Not after a syllable of one letter: "säkerhets-övervakning", never "säkerhetsö-vervakning".
        if pair[0].chars().nth(1).is_some() {
            points.push(BreakPoint { head: at, tail: at, hyphen: true });
        }
    }
}

/// Lowers each column under `need` towards it, taking the width from the columns over their need in proportion to
/// what they have beyond it; the total stays the same.
fn widen(widths: &mut [f32], need: &[f32]) {
    let short: f32 = widths.iter().zip(need).map(|(w, n)| (n - w).max(0.0)).sum();
    let spare: f32 = widths.iter().zip(need).map(|(w, n)| (w - n).max(0.0)).sum();
    if short < 0.01 || spare < 0.01 {
        return;
    }
    let moved = short.min(spare);
    for (w, n) in widths.iter_mut().zip(need) {
        if *w < *n {
            *w += (*n - *w) * moved / short;
        } else {
            *w -= (*w - *n) * moved / spare;
        }
    }
}

fn fit_text(fonts: &Fonts, text: &str, face: Face, size: f32, width: f32) -> String {
    if fonts.width(face, size, text) <= width {
        return text.to_string();
    }
    let ellipsis = fonts.width(face, size, "…");
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let advance = fonts.width(face, size, c.encode_utf8(&mut [0; 4]));
        if used + advance + ellipsis > width {
            break;
        }
        used += advance;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

fn face_index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Italic => 2,
    }
}

fn page_text(ops: &mut Vec<Op>, font: FontId, x: f32, baseline: f32, size: f32, rgb: (f32, f32, f32), text: String) {
    ops.push(Op::SetFillColor { col: color(rgb) });
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) });
    ops.push(Op::SetTextCursor { pos: point(x, baseline) });
    ops.push(Op::ShowText { items: vec![TextItem::Text(text)] });
    ops.push(Op::EndTextSection);
}

pub fn hline(ops: &mut Vec<Op>, x0: f32, x1: f32, y: f32, rgb: (f32, f32, f32), thickness: f32) {
    stroke(ops, point(x0, y), point(x1, y), rgb, thickness);
}

fn vline(ops: &mut Vec<Op>, x: f32, y0: f32, y1: f32, rgb: (f32, f32, f32), thickness: f32) {
    stroke(ops, point(x, y0), point(x, y1), rgb, thickness);
}

fn stroke(ops: &mut Vec<Op>, a: Point, b: Point, rgb: (f32, f32, f32), thickness: f32) {
    ops.push(Op::SetOutlineColor { col: color(rgb) });
    ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![LinePoint { p: a, bezier: false }, LinePoint { p: b, bezier: false }],
            is_closed: false,
        },
    });
}

fn fill_rect(ops: &mut Vec<Op>, x: f32, y: f32, width: f32, height: f32, rgb: (f32, f32, f32)) {
    ops.push(Op::SetFillColor { col: color(rgb) });
    let corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)];
    ops.push(Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: corners.iter().map(|&(x, y)| LinePoint { p: point(x, y), bezier: false }).collect(),
            }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    });
}

/// Places an image XObject at (x, y) in PDF coordinates, `width` × `height` points.
fn place_image(ops: &mut Vec<Op>, id: &XObjectId, x: f32, y: f32, width: f32, height: f32) {
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetTransformationMatrix { matrix: printpdf::CurTransMat::Raw([width, 0.0, 0.0, height, x, y]) });
    ops.push(Op::UseXobject {
        id: id.clone(),
        transform: XObjectTransform { no_auto_scale: true, ..Default::default() },
    });
    ops.push(Op::RestoreGraphicsState);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();
        FONTS.get_or_init(Fonts::load)
    }

    fn composer() -> Composer<'static> {
        let ids = ["R", "B", "I"].map(|n| FontId(n.into()));
        let mut c = Composer::new(fonts(), ids);
        c.record = true;
        c.start(Running::default());
        c
    }

    fn points(word: &str) -> Vec<String> {
        break_points(word, hypher::Lang::Swedish)
            .into_iter()
            .map(|p| format!("{}{}", &word[..p.head], if p.hyphen { "-" } else { "" }))
            .collect()
    }

    #[test]
    fn swedish_words_break_at_their_hyphenation_points_never_beside_a_lone_letter() {
        assert!(points("Dataskyddsförordningen").contains(&"Dataskydds-".to_string()));
        let watch = points("säkerhetsövervakning");
        assert!(watch.contains(&"säkerhets-".to_string()), "{watch:?}");
        assert!(!watch.iter().any(|p| p.ends_with("ö-")), "{watch:?}");
        // After the hyphen a word has, nothing added; no point right before or after it.
        let platform = points("e-tjänsteplattform");
        assert_eq!(platform[0], "e-");
        assert!(platform.iter().all(|p| !p.ends_with("--")), "{platform:?}");
        // Punctuation around a word stays with it; abbreviations in capitals and short words do not break.
        assert!(points("(Dataskyddsförordningen),").contains(&"(Dataskydds-".to_string()));
        assert!(points("GDPR").is_empty() && points("stad").is_empty() && points("1234567").is_empty());
        // A writer's soft hyphens are the only points of their word.
        assert_eq!(points("Års\u{AD}analysen"), ["Års-"]);
        assert_eq!(points("2021–2026"), ["2021–"]);
    }

    #[test]
    fn a_word_wider_than_its_column_breaks_at_a_hyphenation_point_with_a_hyphen() {
        let c = composer();
        let size = 9.0;
        let width = c.width(Face::Regular, size, "förordningen") + 1.0;
        let lines = c.wrap("Dataskyddsförordningen", Face::Regular, size, width);
        assert_eq!(lines, ["Dataskydds-", "förordningen"]);
        // Every line fits; the words are whole again without the hyphens added.
        let text = "Lag med kompletterande bestämmelser till EU:s dataskyddsförordning och tillgänglighetsanpassning";
        for width in [40.0, 60.0, 90.0, 140.0] {
            let lines = c.wrap(text, Face::Regular, size, width);
            for line in &lines {
                assert!(c.width(Face::Regular, size, line) <= width + SLACK, "{line} in {width}: {lines:?}");
            }
            let mut joined = String::new();
            for line in &lines {
                match joined.strip_suffix('-') {
                    Some(stem) => joined = stem.to_string(),
                    None if !joined.is_empty() => joined.push(' '),
                    None => {}
                }
                joined.push_str(line);
            }
            assert_eq!(joined, text, "{width}: {lines:?}");
        }
    }

    #[test]
    fn a_word_without_a_hyphenation_point_breaks_where_it_must_with_a_hyphen_and_others_do_not_break() {
        let c = composer();
        let lines = c.wrap("SLK2026001230045678", Face::Regular, 9.0, 30.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with('-') && c.width(Face::Regular, 9.0, line) <= 30.0 + SLACK, "{lines:?}");
        }
        assert_eq!(lines.concat().replace('-', ""), "SLK2026001230045678");
        // Body text wraps between words only.
        let text = "Samordningsgruppen värderar och prioriterar behov av digital utveckling och förvaltning för \
                    planperioden samt vilken typ av finansiering som bör tillämpas.";
        let lines = c.wrap(text, Face::Regular, BODY_SIZE, BODY_WIDTH);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| !l.ends_with('-')));
    }

    #[test]
    fn a_table_column_too_narrow_for_an_amount_is_widened_from_the_others() {
        let c = composer();
        let columns = [Column::left("Beskrivning", 8.0), Column::right("Kostnad", 1.0)];
        let rows = vec![vec!["En lång beskrivning av insatsen".to_string(), "12\u{a0}345\u{a0}678".to_string()]];
        let widths = c.column_widths(&columns, &rows, 9.0, 3.5);
        let amount = c.width(Face::Regular, 9.0, "12\u{a0}345\u{a0}678");
        assert!(widths[1] >= amount + 7.0 - 0.01, "{widths:?}");
        assert!((widths.iter().sum::<f32>() - BODY_WIDTH).abs() < 0.01);
        // Columns wide enough keep their shares.
        let rows = vec![vec!["Kort".to_string(), "1 kr".to_string()]];
        assert_eq!(c.column_widths(&columns, &rows, 9.0, 3.5), [BODY_WIDTH * 8.0 / 9.0, BODY_WIDTH / 9.0]);
    }

    /// The kinds placed on each page.
    fn placed(c: &Composer) -> Vec<Vec<Block>> {
        c.pages.iter().map(|p| p.placed.iter().map(|x| x.kind).collect()).collect()
    }

    #[test]
    fn a_heading_goes_to_the_next_page_with_whatever_block_follows_it() {
        let rows: Vec<Vec<String>> = (0..8).map(|i| vec![format!("Rad {i}"), "1 000".into()]).collect();
        let bars: Vec<Bar> = (0..6)
            .map(|i| Bar { label: format!("Stapel {i}"), value: i as f64, text: i.to_string(), highlight: false })
            .collect();
        let points: Vec<String> = (0..3).map(|i| format!("Punkt {i}")).collect();
        // Whether the block's start needs more room than the heading keeps below itself (three lines).
        type Place<'a> = Box<dyn Fn(&mut Composer) + 'a>;
        let blocks: [(&str, bool, Place); 5] = [
            (
                "table",
                true,
                Box::new(|c| c.table("Kostnader", &[Column::left("År", 1.0), Column::right("Summa", 1.0)], &rows)),
            ),
            ("chart", true, Box::new(|c| c.bar_chart("Andelar", &bars))),
            ("fields", false, Box::new(|c| c.fields(&[("Ett", "1\n2\n3\n4".into()), ("Två", "2".into())]))),
            ("list", false, Box::new(|c| c.numbered(&points))),
            ("paragraph", false, Box::new(|c| c.paragraph(&"Ord i ett stycke. ".repeat(60)))),
        ];
        for (name, moves, block) in &blocks {
            // The heading and three lines fit at the foot of the page; the block after it does not.
            let mut c = composer();
            c.paragraph("Inledning.");
            let reserve = 10.0 + line_height(13.0) + 2.0 + 3.0 * line_height(BODY_SIZE);
            c.space(PAGE_HEIGHT - BOTTOM - c.y() - reserve - 1.0);
            c.bookmark("Avsnitt", 0);
            c.heading_with_bookmark("Ekonomiska konsekvenser", 1);
            block(&mut c);
            let kinds = placed(&c);
            assert!(kinds.len() >= 2, "{name}: {kinds:?}");
            for page in &kinds {
                assert!(page.last().is_some_and(|k| !k.is_heading()), "{name}: {kinds:?}");
            }
            let at = if *moves { 1 } else { 0 };
            let index = kinds[at].iter().position(|k| k.is_heading()).expect("the heading");
            assert_ne!(kinds[at][index + 1], Block::Heading, "{name}: {kinds:?}");
            if *moves {
                assert_eq!(kinds[0], [Block::Paragraph], "{name}: the heading left the first page");
            }
            // Its bookmarks (the one made just before it, too) lead to where it is.
            assert!(c.bookmarks.iter().all(|b| b.page == at), "{name}: {:?}", c.bookmarks);
            // It is drawn once, at the top of the new page.
            let headings: usize = c.pages.iter().flat_map(|p| &p.placed).filter(|p| p.kind.is_heading()).count();
            assert_eq!(headings, 1, "{name}");
        }
    }

    #[test]
    fn headings_in_a_row_move_together_and_a_heading_that_fits_with_its_block_stays() {
        let mut c = composer();
        c.paragraph("Inledning.");
        c.space(PAGE_HEIGHT - BOTTOM - c.y() - 120.0);
        c.heading("4. Inkomna behov", 1);
        c.heading("Krav från nämnder", 2);
        let rows: Vec<Vec<String>> = (0..6).map(|i| vec![format!("Krav {i}")]).collect();
        c.table("", &[Column::left("Krav", 1.0)], &rows);
        let kinds = placed(&c);
        assert_eq!(kinds[0], [Block::Paragraph]);
        assert_eq!(kinds[1][..2], [Block::Heading, Block::Heading]);

        let mut c = composer();
        c.paragraph("Inledning.");
        c.heading("Bakgrund", 1);
        c.paragraph("Ett kort stycke.");
        assert_eq!(placed(&c), [[Block::Paragraph, Block::Heading, Block::Paragraph]]);
    }
}
