//! Parsing of single field values: blanks and numbers.

/// Tokens read as a blank answer (case-insensitive, after trimming).
const BLANK_TOKENS: [&str; 6] = ["", "na", "n/a", "null", "none", "-"];

/// True when the field holds no answer.
pub fn is_blank(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || BLANK_TOKENS.iter().any(|b| t.eq_ignore_ascii_case(b))
}

/// A plain decimal number (`7`, `7.0`, `-3.5`, `+2`), no thousands separators.
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
}
