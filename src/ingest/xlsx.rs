//! .xlsx input: one worksheet read with calamine, each cell turned into the text a column
//! parser reads (numbers in shortest round-trip form, dates as ISO 8601 without an offset, so
//! that they are read in the report time zone like any naive time).

use crate::error::{Error, Fate, Rejections, Result, ValueExample};
use crate::vocab::RejectionCode;

use super::Record;

#[cfg(feature = "xlsx")]
pub fn read_sheet(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    max_columns: usize,
    rejections: &mut Rejections,
    sink: &mut dyn FnMut(Record<'_>) -> Result<()>,
) -> Result<()> {
    use calamine::{Data, Reader, Xlsx};

    let unreadable = |e: &dyn std::fmt::Display| Error::Unreadable {
        reason: format!("not a readable .xlsx workbook ({e})"),
    };
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
                    format!("no sheet named `{want}`; sheets are: {}", names.join(", ")),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| Error::Unreadable {
            reason: "the workbook has no worksheets".to_string(),
        })?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    if range.width() > max_columns {
        return Err(Error::LimitExceeded {
            what: "number of columns",
            limit: max_columns as u64,
            row: u64::from(row0) + 1,
            option: "maxColumns",
        });
    }
    let mut text = String::new();
    let mut ends = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        if cells.iter().all(|c| matches!(c, Data::Empty)) {
            continue; // an empty row, like a blank line in text
        }
        let row = u64::from(row0) + i as u64 + 1;
        text.clear();
        ends.clear();
        for (j, c) in cells.iter().enumerate() {
            match c {
                Data::Empty => {}
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text.push_str(s),
                Data::Int(v) => text.push_str(&v.to_string()),
                Data::Float(v) => text.push_str(&v.to_string()),
                Data::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
                Data::DateTime(d) if d.is_datetime() => {
                    let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
                    text.push_str(&format!("{y:04}-{mo:02}-{da:02}"));
                    if (h, mi, s, ms) != (0, 0, 0, 0) {
                        text.push_str(&format!("T{h:02}:{mi:02}:{s:02}"));
                        if ms > 0 {
                            text.push_str(&format!(".{ms:03}"));
                        }
                    }
                }
                // A duration: its length in seconds.
                Data::DateTime(d) => text.push_str(&(d.as_f64() * 86_400.0).to_string()),
                Data::Error(e) => rejections.add(
                    RejectionCode::CellError,
                    Fate::ValueIgnored,
                    ValueExample {
                        row,
                        column: column_letters(col0 as usize + j),
                        value: e.to_string(),
                        reason: "the cell holds a spreadsheet error; read as blank".to_string(),
                    },
                ),
            }
            ends.push(text.len());
        }
        sink(Record::from_parts(row, &text, &ends))?;
    }
    Ok(())
}

#[cfg(not(feature = "xlsx"))]
pub fn read_sheet(
    _bytes: Vec<u8>,
    _sheet: Option<&str>,
    _max_columns: usize,
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
