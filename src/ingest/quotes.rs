//! Quote state of delimited text, followed beside csv-core on every byte it reads (the fast
//! line path never sees a quote): csv-core reads RFC 4180 leniently and silently, so this is
//! what tells the user when a quote never closes, when a quote sits inside an unquoted field
//! (`a"b`), and when text follows a closing quote (`"b"c`, `"B" ,`). Each reading is kept
//! as csv-core makes it; these only count and locate.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: closing, or the first of a doubled pair.
    QuoteInQuoted,
}

/// A finding's count and first line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    pub count: u64,
    /// 1-based line of the first occurrence.
    pub first_line: u64,
}

impl Seen {
    /// The findings of another shard's bytes: counts summed, the earliest line kept.
    pub fn merge(&mut self, o: Seen) {
        if o.count > 0 && (self.count == 0 || o.first_line < self.first_line) {
            self.first_line = o.first_line;
        }
        self.count += o.count;
    }

    fn add(&mut self, line: u64) {
        if self.count == 0 {
            self.first_line = line;
        }
        self.count += 1;
    }
}

/// An opening quote and where it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opened {
    /// 1-based line of the opening quote.
    pub line: u64,
    /// Offset of the byte after the opening quote in the text.
    pub byte: u64,
}

#[derive(Debug, Clone, Default)]
pub struct QuoteTracker {
    state: State,
    delimiter: u8,
    opened: Opened,
    /// Quotes inside unquoted fields (`a"b`), taken literally.
    pub stray: Seen,
    /// Fields with text after their closing quote (`"b"c`, `"B" ,`), kept in the value.
    pub after_closing: Seen,
}

impl QuoteTracker {
    pub fn new(delimiter: u8) -> Self {
        QuoteTracker {
            delimiter,
            ..Default::default()
        }
    }

    /// Follows `bytes`, the first of which is at `byte` on line `line`.
    pub fn follow(&mut self, bytes: &[u8], mut line: u64, byte: u64) {
        let d = self.delimiter;
        for (i, &b) in bytes.iter().enumerate() {
            let ends_field = b == d || b == b'\n' || b == b'\r';
            self.state = match (self.state, b) {
                (State::FieldStart, b'"') => {
                    self.opened = Opened {
                        line,
                        byte: byte + i as u64 + 1,
                    };
                    State::Quoted
                }
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (_, _) if ends_field => State::FieldStart,
                (State::QuoteInQuoted, _) => {
                    self.after_closing.add(line);
                    State::Unquoted
                }
                (State::Unquoted, b'"') => {
                    self.stray.add(line);
                    State::Unquoted
                }
                _ => State::Unquoted,
            };
            if b == b'\n' {
                line += 1;
            }
        }
    }

    /// The quote still open, if the text is inside a quoted field.
    pub fn open(&self) -> Option<Opened> {
        (self.state == State::Quoted).then_some(self.opened)
    }

    /// Reads on as inside an unquoted field (after a quote taken literally).
    pub fn continue_unquoted(&mut self) {
        self.state = State::Unquoted;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(text: &str) -> QuoteTracker {
        let mut q = QuoteTracker::new(b',');
        q.follow(text.as_bytes(), 1, 0);
        q
    }

    #[test]
    fn finds_what_csv_core_reads_silently() {
        let q = track("a,\"b\"\"c\",d\n");
        assert_eq!(
            (q.stray.count, q.after_closing.count, q.open()),
            (0, 0, None)
        );
        let q = track("x\n\"a,\"b,c\"\n");
        assert_eq!(
            q.after_closing,
            Seen {
                count: 1,
                first_line: 2
            }
        );
        assert_eq!(q.stray.count, 1);
        let q = track("a,\"b\"c,d\n");
        assert_eq!(
            q.after_closing,
            Seen {
                count: 1,
                first_line: 1
            }
        );
        let q = track("\"B\" ,x\n");
        assert_eq!(q.after_closing.count, 1);
        let q = track("a,b\"c\n");
        assert_eq!(
            q.stray,
            Seen {
                count: 1,
                first_line: 1
            }
        );
        let q = track("a,b\n1,\"open\n2,3\n");
        assert_eq!(q.open(), Some(Opened { line: 2, byte: 7 }));
    }
}
