//! Reading a spreadsheet into a grid of text: XLSX (and the other formats calamine reads: XLS, XLSB, ODS) or
//! CSV as Swedish Excel writes it (`;` between fields, decimal comma, UTF-8 with or without a byte order mark,
//! or Windows-1252 from older versions). Numbers from a workbook keep their value; dates become `YYYY-MM-DD`.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader as _};

/// The most rows read; a bigger file is refused (the portfolio holds hundreds, not millions).
pub const MAX_ROWS: usize = 100_000;
/// The most columns read.
pub const MAX_COLUMNS: usize = 500;
/// The largest file read.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The most a workbook's parts may unpack to together: a ZIP file of 4 MB can hold 4 GB of XML. Far above any
/// real sheet (the sample's exports unpack to under 1 MB).
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
/// The most parts a workbook may have.
const MAX_PARTS: usize = 10_000;
/// The most cells held: the rows read times the columns between the first and the last used one.
pub const MAX_CELLS: usize = 5_000_000;

/// Why a file cannot be read as a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    TooLarge,
    /// The workbook unpacks to more than [`MAX_UNPACKED`] or holds more than [`MAX_CELLS`].
    UnpacksTooLarge,
    Empty,
    Workbook(String),
    Csv(String),
    TooManyRows,
    TooManyColumns,
}

/// A sheet as text: the first row holds the headers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    pub rows: Vec<Vec<String>>,
    /// How the file was read, for the preview (e.g. "CSV, semikolon, Windows-1252").
    pub source: String,
    /// Cells that hold no value the import may use, by (row, column) in `rows`: their text is empty, but they are
    /// not empty cells.
    pub faults: BTreeMap<(usize, usize), FaultKind>,
}

/// Why a workbook cell has no usable value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FaultKind {
    /// A formula without a saved result (a file written by a program that does not calculate): the formula.
    NoCachedValue(String),
    /// An error value such as `#DIV/0!` or `#REF!`.
    Error(String),
}

/// Whether the bytes are a workbook (a ZIP container or an OLE compound file) rather than text.
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

pub fn grid(bytes: &[u8]) -> Result<Grid, Unreadable> {
    if bytes.len() > MAX_BYTES {
        return Err(Unreadable::TooLarge);
    }
    let grid = if is_workbook(bytes) { workbook(bytes)? } else { csv(bytes)? };
    if grid.rows.iter().all(|r| r.iter().all(String::is_empty)) && grid.faults.is_empty() {
        return Err(Unreadable::Empty);
    }
    Ok(grid)
}

/// Unpacks every part of a ZIP-based workbook (XLSX, XLSB, ODS) into nothing, counting: refused when the parts
/// unpack to more than [`MAX_UNPACKED`] together, whatever sizes the file declares, before any reader holds them.
fn check_unpacked(bytes: &[u8]) -> Result<(), Unreadable> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Unreadable::Workbook(e.to_string()))?;
    if archive.len() > MAX_PARTS {
        return Err(Unreadable::UnpacksTooLarge);
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).map_err(|e| Unreadable::Workbook(e.to_string()))?;
        let allowed = MAX_UNPACKED - total;
        let unpacked = std::io::copy(&mut (&mut part).take(allowed + 1), &mut std::io::sink())
            .map_err(|e| Unreadable::Workbook(e.to_string()))?;
        total += unpacked;
        if total > MAX_UNPACKED {
            return Err(Unreadable::UnpacksTooLarge);
        }
    }
    Ok(())
}

fn workbook(bytes: &[u8]) -> Result<Grid, Unreadable> {
    if bytes.starts_with(b"PK\x03\x04") {
        check_unpacked(bytes)?;
    }
    let mut sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| Unreadable::Workbook(e.to_string()))?;
    let name = sheets.sheet_names().first().cloned().ok_or(Unreadable::Empty)?;
    // XLSX, the format Samordna writes and Excel saves, is read cell by cell within the limits: a file that places
    // a value at XFD1048576 is refused instead of making a grid of 17 billion cells.
    if let calamine::Sheets::Xlsx(xlsx) = &mut sheets {
        return xlsx_grid(xlsx, &name);
    }
    let range = sheets.worksheet_range(&name).map_err(|e| Unreadable::Workbook(e.to_string()))?;
    let (height, width) = range.get_size();
    if height > MAX_ROWS + 1 {
        return Err(Unreadable::TooManyRows);
    }
    if width > MAX_COLUMNS {
        return Err(Unreadable::TooManyColumns);
    }
    // Rows keep their place in the sheet (a range may start below row 1), so problems name the row Excel shows.
    let (start, first_column) = range.start().map_or((0, 0), |(row, column)| (row as usize, column as usize));
    let mut rows = vec![Vec::new(); start];
    let mut faults = BTreeMap::new();
    for row in range.rows() {
        let index = rows.len();
        for (column, cell) in row.iter().enumerate() {
            if let Data::Error(error) = cell {
                faults.insert((index, column), FaultKind::Error(error.to_string()));
            }
        }
        rows.push(row.iter().map(cell_text).collect());
    }
    if let Ok(formulas) = sheets.worksheet_formula(&name) {
        let (formula_row, formula_column) = formulas.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let placed =
            formulas.used_cells().map(|(r, c, formula)| (formula_row + r, formula_column + c, formula.clone()));
        mark_formulas_without_value(&mut rows, &mut faults, first_column, placed);
    }
    Ok(Grid { rows, source: format!("XLSX, blad \u{201d}{name}\u{201d}"), faults })
}

/// One used cell of a sheet: its place and its value.
struct Placed {
    row: usize,
    column: usize,
    value: Data,
}

/// An XLSX sheet read cell by cell: values beyond [`MAX_ROWS`] or [`MAX_COLUMNS`] are refused as they come, and
/// the grid is made only when it holds at most [`MAX_CELLS`].
fn xlsx_grid<RS: std::io::Read + std::io::Seek>(xlsx: &mut calamine::Xlsx<RS>, name: &str) -> Result<Grid, Unreadable> {
    let unreadable = |e: calamine::XlsxError| Unreadable::Workbook(e.to_string());
    let mut used = Vec::new();
    {
        let mut reader = match xlsx.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            // The first sheet is a chart, not a table.
            Err(calamine::XlsxError::NotAWorksheet(_)) => return Err(Unreadable::Empty),
            Err(other) => return Err(unreadable(other)),
        };
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let value = Data::from(cell.get_value().clone());
            if value == Data::Empty {
                continue;
            }
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize, column as usize);
            if row > MAX_ROWS {
                return Err(Unreadable::TooManyRows);
            }
            if column >= MAX_COLUMNS {
                return Err(Unreadable::TooManyColumns);
            }
            if used.len() >= MAX_CELLS {
                return Err(Unreadable::UnpacksTooLarge);
            }
            used.push(Placed { row, column, value });
        }
    }
    // The formulas, to find those without a saved result (within the limits, as the values).
    let mut formulas = Vec::new();
    if let Ok(mut reader) = xlsx.worksheet_cells_reader(name) {
        while let Some(cell) = reader.next_formula().map_err(unreadable)? {
            let (row, column) = cell.get_position();
            let (row, column) = (row as usize, column as usize);
            if !cell.get_value().trim().is_empty() && row <= MAX_ROWS && column < MAX_COLUMNS {
                if formulas.len() >= MAX_CELLS {
                    return Err(Unreadable::UnpacksTooLarge);
                }
                formulas.push((row, column, cell.get_value().clone()));
            }
        }
    }
    // As a range would be: from row 1 (problems name the row Excel shows), from the first used column, every row
    // as wide as the widest.
    let first_column = used.iter().map(|c| c.column).min().unwrap_or(0);
    let last_column = used.iter().map(|c| c.column).max().unwrap_or(0);
    let last_row = used.iter().map(|c| c.row).max().unwrap_or(0);
    let width = if used.is_empty() { 0 } else { last_column - first_column + 1 };
    if (last_row + 1).saturating_mul(width) > MAX_CELLS {
        return Err(Unreadable::UnpacksTooLarge);
    }
    let mut rows = vec![Vec::new(); if used.is_empty() { 0 } else { last_row + 1 }];
    let first_row = used.iter().map(|c| c.row).min().unwrap_or(0);
    for row in rows.iter_mut().skip(first_row) {
        *row = vec![String::new(); width];
    }
    let mut faults = BTreeMap::new();
    for cell in used {
        let column = cell.column - first_column;
        if let Data::Error(error) = &cell.value {
            faults.insert((cell.row, column), FaultKind::Error(error.to_string()));
        }
        rows[cell.row][column] = cell_text(&cell.value);
    }
    mark_formulas_without_value(&mut rows, &mut faults, first_column, formulas);
    Ok(Grid { rows, source: format!("XLSX, blad \u{201d}{name}\u{201d}"), faults })
}

/// A formula with no saved result reads as an empty cell; it is not one. Each such formula (its row, its column in
/// the sheet, its text) becomes a fault of its cell, the grid's columns counted from `first_column`.
fn mark_formulas_without_value(
    rows: &mut Vec<Vec<String>>,
    faults: &mut BTreeMap<(usize, usize), FaultKind>,
    first_column: usize,
    formulas: impl IntoIterator<Item = (usize, usize, String)>,
) {
    for (row, absolute_column, formula) in formulas {
        if formula.trim().is_empty() || absolute_column < first_column || row > MAX_ROWS {
            continue;
        }
        let column = absolute_column - first_column;
        if column >= MAX_COLUMNS {
            continue;
        }
        let has_value = rows.get(row).and_then(|cells| cells.get(column)).is_some_and(|text| !text.is_empty())
            || faults.contains_key(&(row, column));
        if !has_value {
            if rows.len() <= row {
                rows.resize(row + 1, Vec::new());
            }
            faults.insert((row, column), FaultKind::NoCachedValue(formula.trim_start_matches('=').to_string()));
        }
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Bool(b) => if *b { "Ja" } else { "Nej" }.to_string(),
        Data::Int(i) => i.to_string(),
        // The shortest text that reads back as the same binary number (what the user typed, for amounts).
        Data::Float(f) => f.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let date = crate::time::add_days(super::SERIAL_EPOCH, serial.floor() as i64)?;
    Some(date.to_string())
}

/// Text from bytes: UTF-8 (a byte order mark is dropped; UTF-16 with one is read too), else Windows-1252.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), if encoding == encoding_rs::UTF_8 { "UTF-8 med BOM" } else { "UTF-16" });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), "Windows-1252"),
    }
}

/// The separator of a CSV file: whichever of `;`, `,` and tab occurs most in the first line outside quotes
/// (`;` on a tie, as Swedish Excel writes).
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b';', b',', b'\t'][best]
}

fn csv(bytes: &[u8]) -> Result<Grid, Unreadable> {
    let (text, encoding) = decode(bytes);
    if text.contains('\0') {
        return Err(Unreadable::Csv("the file holds binary data".into()));
    }
    let separator = separator(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Unreadable::Csv(e.to_string()))?;
        if rows.len() > MAX_ROWS {
            return Err(Unreadable::TooManyRows);
        }
        if record.len() > MAX_COLUMNS {
            return Err(Unreadable::TooManyColumns);
        }
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    let name = match separator {
        b';' => "semikolon",
        b',' => "komma",
        _ => "tabb",
    };
    Ok(Grid { rows, source: format!("CSV, {name}, {encoding}"), faults: BTreeMap::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_csv_variants_read_alike() {
        let utf8 = "Namn;Typ\nKulturnämnden;Nämnd\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(utf8.as_bytes());
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(utf8);
        let comma = "Namn,Typ\n\"Kulturnämnden\",Nämnd\n";
        for bytes in [utf8.as_bytes(), &bom, &cp1252, comma.as_bytes()] {
            let grid = grid(bytes).unwrap();
            assert_eq!(grid.rows, [vec!["Namn", "Typ"], vec!["Kulturnämnden", "Nämnd"]], "{}", grid.source);
        }
        assert!(grid(&cp1252).unwrap().source.contains("Windows-1252"));
        assert!(grid(&bom).unwrap().source.contains("BOM"));
    }

    #[test]
    fn a_quoted_separator_stays_in_its_field() {
        let grid = grid("Namn;Kunder\nX;\"Kulturnämnden; Idrotts- och föreningsnämnden\"\n".as_bytes()).unwrap();
        assert_eq!(grid.rows[1][1], "Kulturnämnden; Idrotts- och föreningsnämnden");
    }

    #[test]
    fn dates_from_serials() {
        assert_eq!(excel_date(46357.0).as_deref(), Some("2026-12-01"));
        // A time of day in the serial's fraction belongs to the same date.
        assert_eq!(excel_date(46357.99).as_deref(), Some("2026-12-01"));
        assert_eq!(excel_date(45351.0).as_deref(), Some("2024-02-29"));
        // The 1900 quirk: serials count from 1899-12-30, so 61 is 1900-03-01 as in Excel, and 60 (Excel's
        // 1900-02-29, a day that never was) is 1900-02-28, as LibreOffice reads it.
        assert_eq!(excel_date(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(excel_date(60.0).as_deref(), Some("1900-02-28"));
        assert_eq!(excel_date(0.0).as_deref(), Some("1899-12-30"));
        assert_eq!(excel_date(2_958_465.0).as_deref(), Some("9999-12-31"));
        assert_eq!(excel_date(2_958_466.0), None);
        assert_eq!(excel_date(-1.0), None);
        assert_eq!(excel_date(f64::NAN), None);
    }
}
