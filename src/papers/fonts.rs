//! The embedded typeface (Noto Sans, SIL Open Font License, in `assets/fonts`) and text measurement.

use printpdf::{FontId, ParsedFont, PdfDocument};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Italic.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    fn index(self) -> usize {
        match self {
            Face::Regular => 0,
            Face::Bold => 1,
            Face::Italic => 2,
        }
    }
}

/// One face: its parsed tables and advance widths per character, in em.
pub struct Typeface {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advances of U+0000–U+024F (Latin), looked up without a map; `NaN` where the font has no glyph.
    latin: Vec<f32>,
}

impl Typeface {
    fn parse(bytes: &[u8]) -> Typeface {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the bundled font parses");
        let units_per_em = f32::from(parsed.units_per_em.max(1));
        let mut face = Typeface { parsed, units_per_em, latin: Vec::new() };
        face.latin = (0u32..0x250).map(|c| face.lookup(c).unwrap_or(f32::NAN)).collect();
        face
    }

    fn lookup(&self, codepoint: u32) -> Option<f32> {
        let glyph = self.parsed.lookup_glyph_index(codepoint)?;
        Some(f32::from(self.parsed.get_glyph_width(glyph).unwrap_or(0)) / self.units_per_em)
    }

    /// The advance of `c` in em, if the face has it.
    pub fn advance(&self, c: char) -> Option<f32> {
        match self.latin.get(c as usize) {
            Some(w) if w.is_nan() => None,
            Some(w) => Some(*w),
            None => self.lookup(c as u32),
        }
    }

    pub fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }
}

/// The three faces used by the papers.
pub struct Fonts {
    faces: [Typeface; 3],
}

impl Default for Fonts {
    fn default() -> Self {
        Fonts::load()
    }
}

impl Fonts {
    pub fn load() -> Fonts {
        Fonts { faces: [Typeface::parse(REGULAR), Typeface::parse(BOLD), Typeface::parse(ITALIC)] }
    }

    pub fn face(&self, face: Face) -> &Typeface {
        &self.faces[face.index()]
    }

    /// The width of `text` set in `face` at `size` points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let typeface = self.face(face);
        text.chars().map(|c| typeface.advance(c).unwrap_or(0.5)).sum::<f32>() * size
    }

    /// Replaces what the faces cannot show: tabs and odd spaces become spaces, other characters without a glyph
    /// become a replacement the font has.
    pub fn printable(&self, text: &str) -> String {
        let regular = self.face(Face::Regular);
        text.chars()
            .filter(|c| *c != '\r' && *c != '\u{AD}')
            .map(|c| match c {
                '\t' | '\u{A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' => ' ',
                '\n' => '\n',
                c if regular.has(c) => c,
                '\u{2212}' => '-',
                _ => '?',
            })
            .collect()
    }

    /// Registers the faces in `doc`, in the order of [`Face`], under their PostScript names (so the file names
    /// its fonts the same way every time).
    pub fn register(&self, doc: &mut PdfDocument) -> [FontId; 3] {
        let names = ["NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"];
        let mut ids = names.map(|n| FontId(n.into()));
        for (id, face) in ids.iter_mut().zip(&self.faces) {
            doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(face.parsed.clone()));
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_letters_have_glyphs_and_widths_add_up() {
        let fonts = Fonts::load();
        for c in "åäöÅÄÖé§–—«»€".chars() {
            assert!(fonts.face(Face::Regular).has(c), "{c} has no glyph");
        }
        let one = fonts.width(Face::Regular, 10.0, "Sida");
        let two = fonts.width(Face::Regular, 10.0, "SidaSida");
        assert!(one > 10.0 && (two - 2.0 * one).abs() < 1e-3);
        assert!(fonts.width(Face::Bold, 10.0, "Sida") > one);
        assert_eq!(fonts.printable("a\tb\u{1F600}"), "a b?");
    }
}
