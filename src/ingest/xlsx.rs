//! .xlsx input: one worksheet read with calamine, each cell turned into the text a column
//! parser reads (numbers in shortest round-trip form, dates as ISO 8601 without an offset, so
//! that they are read in the report time zone like any naive time).
//!
//! A workbook is hostile input: a 2 KB file may claim a cell at XFD1048576 and a 5 MB one may
//! inflate to gigabytes. So nothing is sized from what the file claims. Every part is inflated
//! once into a counter first (each must fit `maxSpreadsheetBytes`), then the sheet is read cell
//! by cell — never as a dense range — twice: once to find its columns and check every position,
//! once to emit its rows, each row no wider than the used columns (at most `maxColumns`).

use crate::error::{Error, Rejections, Result};
#[cfg(feature = "xlsx")]
use crate::error::{Fate, ValueExample};
#[cfg(feature = "xlsx")]
use crate::vocab::RejectionCode;

use super::Record;

/// What a workbook may hold, from the reader options.
#[derive(Debug, Clone, Copy)]
pub struct SheetLimits {
    pub max_columns: usize,
    /// The largest part (sheet, shared strings, styles…) once inflated.
    pub max_part_bytes: usize,
    pub max_field_bytes: usize,
}

/// Excel's grid: 1,048,576 rows and 16,384 columns (A–XFD).
#[cfg(feature = "xlsx")]
const GRID_ROWS: u32 = 1 << 20;
#[cfg(feature = "xlsx")]
const GRID_COLUMNS: u32 = 1 << 14;

#[cfg(feature = "xlsx")]
pub fn read_sheet(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    limits: SheetLimits,
    rejections: &mut Rejections,
    sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
) -> Result<()> {
    use calamine::{DataRef, Reader, Xlsx, XlsxError};

    let bytes = check_parts(bytes, limits.max_part_bytes)?;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.as_str() == want)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(want)))
            .cloned()
            .ok_or_else(|| {
                Error::option(
                    "sheet",
                    format!(
                        "no sheet named `{}`; sheets are: {}",
                        crate::error::truncate(want, 100),
                        names.join(", ")
                    ),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| Error::Unreadable {
            reason: "the workbook has no worksheets".to_string(),
        })?,
    };
    // A chart sheet has no cells: no rows, like an empty file.
    // (A macro: calamine does not export the cell reader's type.)
    macro_rules! open {
        () => {
            match book.worksheet_cells_reader(&name) {
                Ok(r) => Some(r),
                Err(XlsxError::NotAWorksheet(_)) => None,
                Err(e) => return Err(unreadable(&e)),
            }
        };
    }

    // Pass 1: the used columns, with every position checked; nothing stored per cell.
    let Some(span) = open!()
        .map(|mut cells| {
            used_span(|| {
                let cell = cells.next_cell().map_err(|e| unreadable(&e))?;
                Ok(cell.map(|c| (c.get_position(), matches!(c.get_value(), DataRef::Empty))))
            })
        })
        .transpose()?
        .flatten()
    else {
        return Ok(());
    };
    let width = (span.last_col - span.first_col) as usize + 1;
    if width > limits.max_columns {
        return Err(Error::LimitExceeded {
            what: "number of columns",
            limit: limits.max_columns as u64,
            row: u64::from(span.widest_row) + 1,
            option: "maxColumns",
        });
    }

    // Pass 2: one row at a time, `width` fields each.
    let Some(mut cells) = open!() else {
        return Ok(());
    };
    let mut fields = vec![String::new(); width];
    let mut header: Option<Vec<String>> = None;
    let mut current: Option<u32> = None;
    // A row of empty cells is skipped, like a blank line in text.
    let mut filled = false;
    let (mut text, mut ends) = (String::new(), Vec::with_capacity(width));
    loop {
        let next = cells.next_cell().map_err(|e| unreadable(&e))?;
        let pos = next.as_ref().map(|c| c.get_position());
        if current.is_some() && pos.map(|p| p.0) != current {
            let row = u64::from(current.unwrap_or_default()) + 1;
            text.clear();
            ends.clear();
            for f in &mut fields {
                text.push_str(f);
                ends.push(text.len());
                f.clear();
            }
            if std::mem::take(&mut filled) {
                let record = Record::from_parts(row, &text, &ends);
                if header.is_none() {
                    header = Some(record.iter().map(str::to_string).collect());
                }
                sink(record)?;
            }
        }
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        current = Some(r);
        // An empty cell may lie left of the used columns (pass 1 spans non-empty cells only).
        let Some(j) = c.checked_sub(span.first_col).map(|j| j as usize) else {
            continue;
        };
        let Some(field) = fields.get_mut(j) else {
            continue;
        };
        field.clear();
        filled |= !matches!(cell.get_value(), DataRef::Empty);
        if let Some(e) = cell_text(cell.get_value(), field) {
            let column = header
                .as_ref()
                .and_then(|h| h.get(j))
                .filter(|h| !h.is_empty())
                .cloned()
                .unwrap_or_else(|| column_letters(c as usize));
            rejections.add(
                RejectionCode::CellError,
                Fate::ValueIgnored,
                ValueExample {
                    row: u64::from(r) + 1,
                    column,
                    value: e,
                    reason: "the cell holds a spreadsheet error; read as blank".to_string(),
                },
            );
        }
        if field.len() > limits.max_field_bytes {
            return Err(Error::LimitExceeded {
                what: "field length (bytes)",
                limit: limits.max_field_bytes as u64,
                row: u64::from(r) + 1,
                option: "maxFieldBytes",
            });
        }
    }
    Ok(())
}

#[cfg(feature = "xlsx")]
fn unreadable(e: &dyn std::fmt::Display) -> Error {
    Error::Unreadable {
        reason: format!("not a readable .xlsx workbook ({e})"),
    }
}

/// Inflates every part of the archive into a counter: a part larger than `max` once inflated
/// (whatever its header claims) is refused before calamine reads anything.
#[cfg(feature = "xlsx")]
/// The archive is read as the same type calamine reads (`Cursor<Vec<u8>>`), so the .wasm holds
/// one copy of the zip reader, and the bytes are handed back for calamine.
fn check_parts(bytes: Vec<u8>, max: usize) -> Result<Vec<u8>> {
    use std::io::Read;

    let too_big = || Error::LimitExceeded {
        what: "inflated size of a workbook part (bytes)",
        limit: max as u64,
        row: 0,
        option: "maxSpreadsheetBytes",
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|e| unreadable(&e))?;
        if part.size() > max as u64 {
            return Err(too_big());
        }
        let sheet = part.name().starts_with("xl/worksheets/");
        let mut capped = part.take(max as u64 + 1);
        let mut scan = RefCheck(super::cell_refs::CellRefScan::default(), sheet);
        let n = std::io::copy(&mut capped, &mut scan).map_err(|e| unreadable(&e))?;
        if n > max as u64 {
            return Err(too_big());
        }
        if let Some(bad) = scan.0.bad {
            return Err(Error::Unreadable {
                reason: format!(
                    "the sheet has a cell reference `{}` that is not a cell or range of Excel's grid",
                    crate::error::truncate(&bad, 40)
                ),
            });
        }
    }
    Ok(zip.into_inner().into_inner())
}

/// A sink that scans the cell references of a worksheet part (and drops other parts).
#[cfg(feature = "xlsx")]
struct RefCheck(super::cell_refs::CellRefScan, bool);

#[cfg(feature = "xlsx")]
impl std::io::Write for RefCheck {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.1 {
            self.0.feed(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The columns a sheet uses (of its non-empty cells) and the row of its rightmost cell.
#[cfg(feature = "xlsx")]
#[derive(Debug, Clone, Copy)]
struct Span {
    first_col: u32,
    last_col: u32,
    widest_row: u32,
}

/// Pass 1 over the cells: positions inside Excel's grid, rows in ascending order.
#[cfg(feature = "xlsx")]
/// `next` gives each cell's position and whether it is empty.
fn used_span(mut next: impl FnMut() -> Result<Option<((u32, u32), bool)>>) -> Result<Option<Span>> {
    let mut span: Option<Span> = None;
    let mut last_row = 0;
    while let Some(((r, c), empty)) = next()? {
        if r >= GRID_ROWS || c >= GRID_COLUMNS {
            return Err(Error::Unreadable {
                reason: format!(
                    "the sheet has a cell at row {}, column {}, outside Excel's grid of {GRID_ROWS} rows and {GRID_COLUMNS} columns (A–XFD)",
                    u64::from(r) + 1,
                    column_letters(c as usize)
                ),
            });
        }
        if r < last_row {
            return Err(Error::Unreadable {
                reason: format!(
                    "the sheet's rows are out of order (row {} after row {})",
                    u64::from(r) + 1,
                    u64::from(last_row) + 1
                ),
            });
        }
        last_row = r;
        if empty {
            continue;
        }
        span = Some(match span {
            None => Span {
                first_col: c,
                last_col: c,
                widest_row: r,
            },
            Some(s) => Span {
                first_col: s.first_col.min(c),
                last_col: s.last_col.max(c),
                widest_row: if c > s.last_col { r } else { s.widest_row },
            },
        });
    }
    Ok(span)
}

/// Writes the text of one cell into `out`; returns the error's name for an error cell.
#[cfg(feature = "xlsx")]
fn cell_text(value: &calamine::DataRef<'_>, out: &mut String) -> Option<String> {
    use calamine::DataRef;
    use std::fmt::Write;

    match value {
        DataRef::Empty => {}
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Int(v) => {
            let _ = write!(out, "{v}");
        }
        DataRef::Float(v) => {
            let _ = write!(out, "{v}");
        }
        DataRef::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        DataRef::DateTime(d) if d.is_datetime() => excel_datetime(d, out),
        // A duration: its length in seconds.
        DataRef::DateTime(d) => {
            let _ = write!(out, "{}", d.as_f64() * 86_400.0);
        }
        DataRef::Error(e) => return Some(e.to_string()),
    }
    None
}

/// An Excel date-time as ISO 8601, to the nearest millisecond: serials are fractions of a
/// day, so 45292 + 1/24 is 01:00:00 once rounded (calamine truncates it to 00:59:59.999…).
#[cfg(feature = "xlsx")]
fn excel_datetime(d: &calamine::ExcelDateTime, out: &mut String) {
    use std::fmt::Write;

    let serial = d.as_f64();
    // Excel's calendar ends at 9999-12-31 (serial 2,958,465); calamine's conversion
    // overflows beyond it. Outside it, the serial itself, which the column reader rejects.
    if !(0.0..2_958_466.0).contains(&serial) {
        let _ = write!(out, "{serial}");
        return;
    }
    let (y, mo, da, ..) = d.to_ymd_hms_milli();
    let day_ms = ((serial - serial.floor()) * 86_400_000.0).round() as i64;
    let date = chrono::NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(da));
    let Some(at) = date
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| t.checked_add_signed(chrono::TimeDelta::milliseconds(day_ms)))
    else {
        // Outside chrono's calendar: the serial itself, which the column reader rejects.
        let _ = write!(out, "{serial}");
        return;
    };
    use chrono::{Datelike, Timelike};
    let _ = write!(out, "{:04}-{:02}-{:02}", at.year(), at.month(), at.day());
    let ms = day_ms.rem_euclid(86_400_000);
    if ms != 0 {
        let _ = write!(
            out,
            "T{:02}:{:02}:{:02}",
            at.hour(),
            at.minute(),
            at.second()
        );
        if ms % 1000 != 0 {
            let _ = write!(out, ".{:03}", ms % 1000);
        }
    }
}

#[cfg(not(feature = "xlsx"))]
pub fn read_sheet(
    _bytes: Vec<u8>,
    _sheet: Option<&str>,
    _limits: SheetLimits,
    _rejections: &mut Rejections,
    _sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
) -> Result<()> {
    Err(Error::Unreadable {
        reason: "this build was made without .xlsx support (cargo feature `xlsx`)".to_string(),
    })
}

/// Spreadsheet column name of a 0-based index: 0 → A, 26 → AA.
pub fn column_letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters() {
        assert_eq!(super::column_letters(0), "A");
        assert_eq!(super::column_letters(25), "Z");
        assert_eq!(super::column_letters(26), "AA");
        assert_eq!(super::column_letters(701), "ZZ");
        assert_eq!(super::column_letters(702), "AAA");
    }
}
