//! Parsing of single field values: blanks, numbers in the ways people write them, booleans.

/// Tokens read as a blank answer (case-insensitive, after trimming).
const BLANK_TOKENS: [&str; 6] = ["", "na", "n/a", "null", "none", "-"];

/// True when the field holds no answer.
pub fn is_blank(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path: longer than every blank token and not padded.
    if let (true, Some(first), Some(last)) = (b.len() > 4, b.first(), b.last()) {
        if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() {
            return false;
        }
    }
    let t = s.trim();
    t.is_empty() || BLANK_TOKENS.iter().any(|b| t.eq_ignore_ascii_case(b))
}

/// A plain decimal number (`7`, `7.0`, `-3.5`, `+2`, `1e3`): no separators, symbols or units.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    // Fast path for the common small whole number.
    let b = t.as_bytes();
    if b.len() <= 3 && b.iter().all(u8::is_ascii_digit) {
        return Some(b.iter().fold(0u32, |a, c| a * 10 + (c - b'0') as u32) as f64);
    }
    let ok = b
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E'));
    if !ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

crate::vocab::vocabulary! {
    /// Which character separates the decimals in a column of amounts.
    #[derive(Default)]
    pub enum DecimalMark {
        /// `1,234.5`
        #[default]
        Dot = "dot",
        /// `1.234,5`
        Comma = "comma",
    }
}

impl DecimalMark {
    /// Which mark separates the decimals, with an example.
    pub const fn label(self) -> &'static str {
        match self {
            DecimalMark::Dot => "Decimal point (1,234.50)",
            DecimalMark::Comma => "Decimal comma (1.234,50)",
        }
    }
}

/// Currency symbols accepted before or after an amount.
const CURRENCY_SYMBOLS: [char; 10] = ['$', '€', '£', '¥', '₹', '₽', '₩', '¢', '₺', '₴'];

/// Strips a currency symbol or a three-letter code (`USD 12`, `12 EUR`, `$12`, `12 €`).
fn strip_currency(t: &str) -> &str {
    let t = t.trim();
    let t = t
        .trim_start_matches(|c| CURRENCY_SYMBOLS.contains(&c))
        .trim();
    let t = t.trim_end_matches(|c| CURRENCY_SYMBOLS.contains(&c)).trim();
    let code = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
    if let Some((a, b)) = t.split_once(' ') {
        if code(a) {
            return b.trim();
        }
        if code(b.trim()) {
            return a.trim();
        }
    }
    t
}

/// An amount as people write it: thousands separators (`,` `.` space, apostrophe, per the
/// decimal mark), a currency symbol or code, a percent sign (`45%` → 0.45), a sign or
/// accounting parentheses (`(12.50)` → −12.5).
pub fn parse_amount(s: &str, mark: DecimalMark) -> Option<f64> {
    if let Some(v) = parse_number(s) {
        // `1.234` under a decimal comma is one thousand two hundred thirty-four.
        if mark == DecimalMark::Dot || !s.contains('.') {
            return Some(v);
        }
    }
    let mut t = s.trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        negative = true;
        t = inner;
    }
    let mut scale = 1.0;
    if let Some(x) = t.trim_end().strip_suffix('%') {
        scale = 0.01;
        t = x;
    }
    t = strip_currency(t);
    if let Some(x) = t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        negative = !negative;
        t = strip_currency(x);
    } else if let Some(x) = t.strip_prefix('+') {
        t = strip_currency(x);
    }
    let (group, decimal) = match mark {
        DecimalMark::Dot => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    let mut out = String::with_capacity(t.len());
    let mut int_digits_since_group: Option<usize> = None;
    let mut seen_decimal = false;
    let mut digits = 0usize;
    for c in t.chars() {
        if c.is_ascii_digit() {
            out.push(c);
            digits += 1;
            if let Some(n) = int_digits_since_group.as_mut() {
                if !seen_decimal {
                    *n += 1;
                }
            }
        } else if !seen_decimal
            && (c == group || c == ' ' || c == '\'' || c == '\u{a0}' || c == '\u{202f}')
        {
            // A group separator must follow 1–3 digits and be followed by exactly 3.
            if digits == 0 || int_digits_since_group.is_some_and(|n| n != 3) {
                return None;
            }
            int_digits_since_group = Some(0);
        } else if c == decimal && !seen_decimal {
            if int_digits_since_group.is_some_and(|n| n != 3) {
                return None;
            }
            seen_decimal = true;
            out.push('.');
        } else {
            return None;
        }
    }
    if digits == 0 || int_digits_since_group.is_some_and(|n| n != 3) && !seen_decimal {
        return None;
    }
    let v: f64 = out.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if negative { -v } else { v } * scale)
}

/// Evidence over a column of which decimal mark its amounts use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecimalEvidence {
    /// Values only a decimal dot explains (`12.5`, `1,234.56`).
    pub dot: u64,
    /// Values only a decimal comma explains (`12,5`, `1.234,56`).
    pub comma: u64,
}

impl DecimalEvidence {
    pub fn observe(&mut self, s: &str) {
        let dot = parse_amount(s, DecimalMark::Dot);
        let comma = parse_amount(s, DecimalMark::Comma);
        match (dot, comma) {
            (Some(a), Some(b)) if a != b => {
                // Both readings parse but differ (`1,234` or `1.234`): no evidence.
            }
            (Some(_), None) => self.dot += 1,
            (None, Some(_)) => self.comma += 1,
            _ => {}
        }
    }

    /// The mark the values point to; a dot when nothing tells them apart.
    pub fn decide(&self) -> DecimalMark {
        if self.comma > self.dot {
            DecimalMark::Comma
        } else {
            DecimalMark::Dot
        }
    }
}

/// A yes/no value: true/false, yes/no, y/n, t/f, 1/0 (case-insensitive).
pub fn parse_bool(s: &str) -> Option<bool> {
    let t = s.trim();
    const TRUE: [&str; 5] = ["true", "yes", "y", "t", "1"];
    const FALSE: [&str; 5] = ["false", "no", "n", "f", "0"];
    if TRUE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks() {
        for s in ["", "  ", "NA", "n/a", "NULL", "-", " none "] {
            assert!(is_blank(s), "{s:?}");
        }
        assert!(!is_blank("0"));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("7"), Some(7.0));
        assert_eq!(parse_number(" 10 "), Some(10.0));
        assert_eq!(parse_number("7.5"), Some(7.5));
        assert_eq!(parse_number("-1"), Some(-1.0));
        assert_eq!(parse_number("seven"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e400"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn amounts_with_dot_decimals() {
        let d = DecimalMark::Dot;
        for (s, want) in [
            ("1234.5", 1234.5),
            ("1,234.5", 1234.5),
            ("1,234,567", 1234567.0),
            ("$1,234.50", 1234.5),
            ("-$12", -12.0),
            ("$-12", -12.0),
            ("(12.50)", -12.5),
            ("USD 12.00", 12.0),
            ("12 EUR", 12.0),
            ("£ 3", 3.0),
            ("45%", 0.45),
            ("12.5 %", 0.125),
            ("1 234.5", 1234.5),
            ("1'234.5", 1234.5),
            ("+7", 7.0),
        ] {
            let got = parse_amount(s, d).unwrap_or_else(|| panic!("{s}"));
            assert!((got - want).abs() < 1e-12, "{s}: {got}");
        }
        for s in ["1,23.4", "12,34", "abc", "1.2.3", "$", "1,2345", ",123"] {
            assert_eq!(parse_amount(s, d), None, "{s}");
        }
    }

    #[test]
    fn amounts_with_comma_decimals() {
        let c = DecimalMark::Comma;
        for (s, want) in [
            ("1.234,5", 1234.5),
            ("12,5", 12.5),
            ("1234", 1234.0),
            ("1.234", 1234.0),
            ("1 234,50 €", 1234.5),
            ("-3,25", -3.25),
            ("7,5%", 0.075),
        ] {
            let got = parse_amount(s, c).unwrap_or_else(|| panic!("{s}"));
            assert!((got - want).abs() < 1e-12, "{s}: {got}");
        }
        assert_eq!(parse_amount("1,234.5", c), None);
    }

    #[test]
    fn decimal_mark_evidence() {
        let mut e = DecimalEvidence::default();
        for s in ["1.234", "12,5", "3"] {
            e.observe(s);
        }
        assert_eq!(e.decide(), DecimalMark::Comma);
        let mut e = DecimalEvidence::default();
        for s in ["1,234", "12.50", "3"] {
            e.observe(s);
        }
        assert_eq!(e.decide(), DecimalMark::Dot);
        // Only ambiguous values: a dot.
        let mut e = DecimalEvidence::default();
        e.observe("1,234");
        assert_eq!(e.decide(), DecimalMark::Dot);
    }

    #[test]
    fn booleans() {
        for s in ["true", "YES", "y", "1", " T "] {
            assert_eq!(parse_bool(s), Some(true), "{s}");
        }
        for s in ["false", "No", "n", "0"] {
            assert_eq!(parse_bool(s), Some(false), "{s}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }
}
