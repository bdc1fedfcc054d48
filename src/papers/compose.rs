//! Page layout: a cursor that runs down A4 pages and places blocks (titles, paragraphs, lists, fields, tables,
//! charts), breaking pages where needed. The running header and footer are drawn at the end, once the number of
//! pages is known. Coordinates here are points measured from the top of the page; they are turned into PDF's
//! bottom-up coordinates only when an operation is written.

use std::rc::Rc;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder, XObjectId, XObjectTransform,
};

use super::fonts::{Face, Fonts};

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
        }
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
        self.running = other.running;
        self.y = other.y;
    }

    /// A heading that is also an entry of the outline.
    pub fn heading_with_bookmark(&mut self, text: &str, level: usize) {
        self.heading(text, 1);
        self.bookmark(text, level);
    }

    /// Starts a document on a new page.
    pub fn start(&mut self, running: Running) {
        self.running = Rc::new(running);
        self.new_page();
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page { running: self.running.clone(), ops: Vec::new(), foreign: None });
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

    /// Breaks the page unless `height` fits below the cursor.
    pub fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || (height > self.room() && self.y > TOP + 0.5) {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        &mut self.pages.last_mut().expect("a page").ops
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
        page_text(self.ops(), font, x, baseline, size, rgb, text);
    }

    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.fonts.width(face, size, text)
    }

    /// Breaks `text` into lines no wider than `width`; line breaks in the text are kept.
    pub fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let space = self.width(face, size, " ");
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let word_width = self.width(face, size, word);
                if !line.is_empty() && line_width + space + word_width > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if line.is_empty() && word_width > width {
                    // A word longer than the line (a link, a long compound): break it by characters.
                    let mut piece = String::new();
                    for c in word.chars() {
                        let candidate = format!("{piece}{c}");
                        if !piece.is_empty() && self.width(face, size, &candidate) > width {
                            lines.push(std::mem::take(&mut piece));
                        }
                        piece.push(c);
                    }
                    line_width = self.width(face, size, &piece);
                    line = piece;
                    continue;
                }
                if !line.is_empty() {
                    line.push(' ');
                    line_width += space;
                }
                line.push_str(word);
                line_width += word_width;
            }
            lines.push(line);
        }
        lines
    }

    /// A run of wrapped text at `x`, `width` wide; pages break between lines.
    pub fn text_block(&mut self, x: f32, width: f32, face: Face, size: f32, rgb: (f32, f32, f32), text: &str) {
        let lh = line_height(size);
        for line in self.wrap(text, face, size, width) {
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
        self.text_block(LEFT, BODY_WIDTH, Face::Regular, BODY_SIZE, INK, text.trim());
        self.y += BODY_SIZE * 0.6;
    }

    pub fn muted(&mut self, text: &str) {
        self.text_block(LEFT, BODY_WIDTH, Face::Italic, BODY_SIZE - 1.0, MUTED, text.trim());
        self.y += BODY_SIZE * 0.5;
    }

    /// The document's title.
    pub fn title(&mut self, text: &str) {
        let size = 17.0;
        self.ensure(line_height(size) * 2.0);
        self.text_block(LEFT, BODY_WIDTH, Face::Bold, size, INK, text);
        self.y += 6.0;
    }

    /// A heading, kept on the same page as at least three lines of what follows.
    pub fn heading(&mut self, text: &str, level: usize) {
        let size = if level <= 1 { 13.0 } else { 11.0 };
        let before = if level <= 1 { 10.0 } else { 6.0 };
        self.ensure(before + line_height(size) + 3.0 * line_height(BODY_SIZE));
        if self.y > TOP + 0.5 {
            self.y += before;
        }
        self.text_block(LEFT, BODY_WIDTH, Face::Bold, size, if level <= 1 { INK } else { ACCENT }, text);
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
        let size = BODY_SIZE;
        let lh = line_height(size);
        let indent = 20.0;
        for (marker, text) in points {
            let lines = self.wrap(text.trim(), Face::Regular, size, BODY_WIDTH - indent);
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
    }

    /// Label and value pairs in two columns; empty values are left out.
    pub fn fields(&mut self, rows: &[(&str, String)]) {
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
            let lines = self.wrap(value.trim(), Face::Regular, size, BODY_WIDTH - label_width);
            self.ensure(lh * lines.len().min(3) as f32);
            let y = self.y;
            self.text_at(LEFT, y, Face::Bold, size, MUTED, label);
            for line in lines {
                self.ensure(lh);
                let y = self.y;
                self.text_at(LEFT + label_width, y, Face::Regular, size, INK, &line);
                self.y += lh;
            }
            self.y += 1.5;
        }
        self.y += BODY_SIZE * 0.5;
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
    /// the caption when one is given.
    pub fn table(&mut self, caption: &str, columns: &[Column], rows: &[Vec<String>]) {
        let size = BODY_SIZE - 1.5;
        let lh = line_height(size);
        let pad = 3.5;
        let total: f32 = columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = columns.iter().map(|c| BODY_WIDTH * c.share / total).collect();
        let header_lines: Vec<Vec<String>> =
            columns.iter().zip(&widths).map(|(c, w)| self.wrap(&c.title, Face::Bold, size, w - 2.0 * pad)).collect();
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
                for (i, line) in self.wrap(text, face, size, w - 2.0 * pad).iter().enumerate() {
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
    }

    /// `text` shortened with an ellipsis to fit `width`.
    pub fn fit(&self, text: &str, face: Face, size: f32, width: f32) -> String {
        fit_text(self.fonts, text, face, size, width)
    }

    /// A line of the table of contents: title, dot leaders and the page number; the whole line links to `target`.
    pub fn contents_line(&mut self, title: &str, level: usize, target: usize, number: usize) {
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
        self.pages.push(Page { running: self.running.clone(), ops: Vec::new(), foreign: Some(foreign) });
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
