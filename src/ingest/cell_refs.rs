//! Cell references of a worksheet's XML (`r="B7"`, `ref="A1:C9"`), checked as the part is
//! inflated and before calamine parses them: calamine adds up their digits and letters in
//! `u32` without a bound (a reference of ten digits overflows) and subtracts a dimension's
//! corners without checking their order. A reference longer than Excel's (3 letters, 7
//! digits) or a range whose end comes before its start makes the workbook unreadable.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Outside,
    /// Inside an attribute name that may be `r` or `ref`: bytes matched so far.
    Name(usize),
    /// After the name (and blanks): expecting `=`.
    Equals,
    /// After `=`: expecting the opening quote.
    Quote,
    Value,
}

/// Longest value looked at: `XFD1048576:XFD1048576` is 21 bytes.
const MAX_VALUE: usize = 40;

/// A streaming scanner over the bytes of one part.
#[derive(Debug)]
pub struct CellRefScan {
    state: State,
    prev: u8,
    quote: u8,
    value: Vec<u8>,
    /// The first bad reference, as text.
    pub bad: Option<String>,
}

impl Default for CellRefScan {
    fn default() -> Self {
        CellRefScan {
            state: State::Outside,
            prev: b' ',
            quote: b'"',
            value: Vec::with_capacity(MAX_VALUE),
            bad: None,
        }
    }
}

fn blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl CellRefScan {
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.bad.is_some() {
                return;
            }
            self.state = match self.state {
                State::Outside if blank(self.prev) && b == b'r' => State::Name(1),
                State::Outside => State::Outside,
                State::Name(1) if b == b'e' => State::Name(2),
                State::Name(2) if b == b'f' => State::Name(3),
                State::Name(1 | 3) if b == b'=' => State::Quote,
                State::Name(1 | 3) if blank(b) => State::Equals,
                State::Name(_) => State::Outside,
                State::Equals if b == b'=' => State::Quote,
                State::Equals if blank(b) => State::Equals,
                State::Equals => State::Outside,
                State::Quote if b == b'"' || b == b'\'' => {
                    self.quote = b;
                    self.value.clear();
                    State::Value
                }
                State::Quote if blank(b) => State::Quote,
                State::Quote => State::Outside,
                State::Value if b == self.quote => {
                    self.check();
                    State::Outside
                }
                State::Value if self.value.len() >= MAX_VALUE => {
                    self.fail();
                    State::Outside
                }
                State::Value => {
                    self.value.push(b);
                    State::Value
                }
            };
            self.prev = b;
        }
    }

    fn fail(&mut self) {
        self.bad = Some(String::from_utf8_lossy(&self.value).into_owned());
    }

    fn check(&mut self) {
        let mut corners = Vec::with_capacity(2);
        for part in self.value.split(|&c| c == b':') {
            let letters = part.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let digits = part.len() - letters;
            if letters > 3 || digits > 7 {
                return self.fail();
            }
            let col = part.iter().take(letters).fold(0u32, |a, c| {
                a * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
            });
            let row = part
                .get(letters..)
                .unwrap_or_default()
                .iter()
                .try_fold(0u32, |a, c| {
                    c.is_ascii_digit().then(|| a * 10 + u32::from(c - b'0'))
                });
            // Anything else (`1A`, `A1B`) calamine refuses with an error of its own.
            if let Some(row) = row {
                corners.push((row, col));
            }
        }
        if let [(r0, c0), (r1, c1)] = corners[..] {
            if r1 < r0 || c1 < c0 {
                self.fail();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str) -> Option<String> {
        let mut s = CellRefScan::default();
        for chunk in xml.as_bytes().chunks(3) {
            s.feed(chunk);
        }
        s.bad
    }

    #[test]
    fn refuses_what_would_overflow_or_underflow_calamine() {
        assert_eq!(
            scan(r#"<dimension ref="A1:XFD1048576"/><row r="1"><c r="B1" s="1">"#),
            None
        );
        assert_eq!(scan(r#"<c r="A99999999999">"#), Some("A99999999999".into()));
        assert_eq!(scan(r#"<c r='ABCD1'>"#), Some("ABCD1".into()));
        assert_eq!(scan("<dimension\nref = \"C3:A1\"/>"), Some("C3:A1".into()));
        assert_eq!(scan(r#"<c t="s" attr="r=x"><v>1</v>"#), None);
    }
}
