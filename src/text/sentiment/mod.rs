//! Sentiment of English text: a faithful port of VADER (Hutto & Gilbert 2014), the reference
//! implementation `vaderSentiment` 3.3.2 (MIT; its lexicon and emoji descriptions are in this
//! folder with their licence). Lexicon valences with rules for negation ("not", "n't", "never"
//! … within three words), boosters and dampeners ("very", "kind of"), ALL-CAPS emphasis among
//! mixed case, "but" shifting weight to the clause after it, "least", a few idioms, "!" and "?"
//! emphasis, emoticons and emoji (replaced by their descriptions). Deterministic; checked
//! against the reference on the sentences shipped with it (tests/sentiment.rs).
//!
//! The port keeps the reference's quirks on purpose — e.g. its "but" rule rescales the first
//! sentiment equal in value rather than the one at each position — so that scores agree to
//! the last digit; the label thresholds are VADER's: compound ≥ 0.05 positive, ≤ −0.05
//! negative.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

const LEXICON: &str = include_str!("vader_lexicon.tsv");
const EMOJI: &str = include_str!("emoji_lexicon.tsv");

const B_INCR: f64 = 0.293;
const B_DECR: f64 = -0.293;
const C_INCR: f64 = 0.733;
const N_SCALAR: f64 = -0.74;

const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

const BOOSTERS_UP: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];

const BOOSTERS_DOWN: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];

const SPECIAL_CASES: [(&str, f64); 9] = [
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

struct Tables {
    lexicon: HashMap<&'static str, f64>,
    emoji: HashMap<char, &'static str>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        lexicon: LEXICON
            .lines()
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                Some((w, v.parse().ok()?))
            })
            .collect(),
        emoji: EMOJI
            .lines()
            .filter_map(|l| {
                let (e, d) = l.split_once('\t')?;
                Some((e.chars().next()?, d))
            })
            .collect(),
    })
}

fn booster(word: &str) -> Option<f64> {
    if BOOSTERS_UP.contains(&word) {
        Some(B_INCR)
    } else if BOOSTERS_DOWN.contains(&word) {
        Some(B_DECR)
    } else {
        None
    }
}

/// Python's `str.isupper()`: some cased character, none lower case.
fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

fn negated(word: &str) -> bool {
    NEGATE.contains(&word) || word.contains("n't")
}

/// Python's `string.punctuation`.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// Trailing and leading punctuation removed, unless that leaves 2 characters or fewer (an
/// emoticon such as ":)").
fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(is_punct);
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

/// VADER's scores of one text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Polarity {
    /// Normalised sum of valences, −1 … 1 (unrounded; the reference rounds to 4 places).
    pub compound: f64,
    pub pos: f64,
    pub neu: f64,
    pub neg: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Label {
    Positive,
    Neutral,
    Negative,
}

/// VADER's thresholds: compound ≥ 0.05 positive, ≤ −0.05 negative, neutral between.
pub fn label_of(compound: f64) -> Label {
    if compound >= 0.05 {
        Label::Positive
    } else if compound <= -0.05 {
        Label::Negative
    } else {
        Label::Neutral
    }
}

impl Polarity {
    pub fn label(&self) -> Label {
        label_of(self.compound)
    }
}

/// One text's scores with its label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TextSentiment {
    #[serde(flatten)]
    pub polarity: Polarity,
    pub label: Label,
}

/// Scores and labels one text.
pub fn text_sentiment(text: &str) -> TextSentiment {
    let polarity = polarity(text);
    TextSentiment {
        polarity,
        label: polarity.label(),
    }
}

/// Emoji replaced by their descriptions, exactly as the reference does it.
fn replace_emoji(text: &str, emoji: &HashMap<char, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev_space = true;
    for c in text.chars() {
        if let Some(d) = emoji.get(&c) {
            if !prev_space {
                out.push(' ');
            }
            out.push_str(d);
            prev_space = false;
        } else {
            out.push(c);
            prev_space = c == ' ';
        }
    }
    out.trim().to_string()
}

/// Scores one text.
pub fn polarity(text: &str) -> Polarity {
    let t = tables();
    let text = replace_emoji(text, &t.emoji);
    let words: Vec<&str> = text.split_whitespace().map(strip_punc_if_word).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let caps = words.iter().filter(|w| is_upper(w)).count();
    let cap_diff = caps > 0 && caps < words.len();
    let in_lex = |w: &str| t.lexicon.contains_key(w);

    let mut sentiments: Vec<f64> = Vec::with_capacity(words.len());
    for (i, item) in words.iter().enumerate() {
        let li = lower[i].as_str();
        if booster(li).is_some() || (li == "kind" && lower.get(i + 1).is_some_and(|n| n == "of")) {
            sentiments.push(0.0);
            continue;
        }
        let Some(&base) = t.lexicon.get(li) else {
            sentiments.push(0.0);
            continue;
        };
        let mut valence = base;
        if li == "no" && i + 1 < words.len() && in_lex(&lower[i + 1]) {
            valence = 0.0;
        }
        if (i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && (lower[i - 1] == "or" || lower[i - 1] == "nor"))
        {
            valence = base * N_SCALAR;
        }
        if is_upper(item) && cap_diff {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for start in 0..3 {
            if i > start && !in_lex(&lower[i - (start + 1)]) {
                let w = words[i - (start + 1)];
                let mut s = scalar_inc_dec(w, &lower[i - (start + 1)], valence, cap_diff);
                if start == 1 && s != 0.0 {
                    s *= 0.95;
                }
                if start == 2 && s != 0.0 {
                    s *= 0.9;
                }
                valence += s;
                valence = negation_check(valence, &lower, start, i);
                if start == 2 {
                    valence = special_idioms(valence, &lower, i);
                }
            }
        }
        valence = least_check(valence, &lower, i, &in_lex);
        sentiments.push(valence);
    }
    but_check(&lower, &mut sentiments);
    score(&sentiments, &text)
}

fn scalar_inc_dec(word: &str, lower: &str, valence: f64, cap_diff: bool) -> f64 {
    let Some(mut scalar) = booster(lower) else {
        return 0.0;
    };
    if valence < 0.0 {
        scalar = -scalar;
    }
    if is_upper(word) && cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

fn negation_check(valence: f64, w: &[String], start: usize, i: usize) -> f64 {
    match start {
        0 if negated(&w[i - 1]) => valence * N_SCALAR,
        1 => {
            if w[i - 2] == "never" && (w[i - 1] == "so" || w[i - 1] == "this") {
                valence * 1.25
            } else if w[i - 2] == "without" && w[i - 1] == "doubt" {
                valence
            } else if negated(&w[i - 2]) {
                valence * N_SCALAR
            } else {
                valence
            }
        }
        2 => {
            // The reference's precedence: (never and (so or this)) or (so or this just before).
            if (w[i - 3] == "never" && (w[i - 2] == "so" || w[i - 2] == "this"))
                || (w[i - 1] == "so" || w[i - 1] == "this")
            {
                valence * 1.25
            } else if w[i - 3] == "without" && (w[i - 2] == "doubt" || w[i - 1] == "doubt") {
                valence
            } else if negated(&w[i - 3]) {
                valence * N_SCALAR
            } else {
                valence
            }
        }
        _ => valence,
    }
}

fn special_idioms(mut valence: f64, w: &[String], i: usize) -> f64 {
    let special = |s: &str| SPECIAL_CASES.iter().find(|(k, _)| *k == s).map(|x| x.1);
    let onezero = format!("{} {}", w[i - 1], w[i]);
    let twoonezero = format!("{} {} {}", w[i - 2], w[i - 1], w[i]);
    let twoone = format!("{} {}", w[i - 2], w[i - 1]);
    let threetwoone = format!("{} {} {}", w[i - 3], w[i - 2], w[i - 1]);
    let threetwo = format!("{} {}", w[i - 3], w[i - 2]);
    for seq in [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo] {
        if let Some(v) = special(seq) {
            valence = v;
            break;
        }
    }
    if w.len() - 1 > i {
        if let Some(v) = special(&format!("{} {}", w[i], w[i + 1])) {
            valence = v;
        }
    }
    if w.len() - 1 > i + 1 {
        if let Some(v) = special(&format!("{} {} {}", w[i], w[i + 1], w[i + 2])) {
            valence = v;
        }
    }
    for n_gram in [&threetwoone, &threetwo, &twoone] {
        if let Some(b) = booster(n_gram) {
            valence += b;
        }
    }
    valence
}

fn least_check(valence: f64, w: &[String], i: usize, in_lex: &dyn Fn(&str) -> bool) -> f64 {
    if i > 1 && !in_lex(&w[i - 1]) && w[i - 1] == "least" {
        if w[i - 2] != "at" && w[i - 2] != "very" {
            return valence * N_SCALAR;
        }
    } else if i > 0 && !in_lex(&w[i - 1]) && w[i - 1] == "least" {
        return valence * N_SCALAR;
    }
    valence
}

/// The reference's "but" rule, quirk included: for each position it rescales the *first*
/// sentiment equal to the one there (halved before "but", ×1.5 after it).
fn but_check(w: &[String], s: &mut [f64]) {
    let Some(bi) = w.iter().position(|x| x == "but") else {
        return;
    };
    for pos in 0..s.len() {
        let v = s[pos];
        let si = s.iter().position(|&x| x == v).unwrap_or(pos);
        if si < bi {
            s[si] = v * 0.5;
        } else if si > bi {
            s[si] = v * 1.5;
        }
    }
}

fn score(sentiments: &[f64], text: &str) -> Polarity {
    if sentiments.is_empty() {
        return Polarity {
            compound: 0.0,
            pos: 0.0,
            neu: 0.0,
            neg: 0.0,
        };
    }
    let mut sum: f64 = sentiments.iter().sum();
    let ep = text.matches('!').count().min(4) as f64 * 0.292;
    let qm_count = text.matches('?').count();
    let qm = match qm_count {
        0 | 1 => 0.0,
        2 | 3 => qm_count as f64 * 0.18,
        _ => 0.96,
    };
    let amp = ep + qm;
    if sum > 0.0 {
        sum += amp;
    } else if sum < 0.0 {
        sum -= amp;
    }
    let compound = (sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0);
    let (mut pos, mut neg, mut neu) = (0.0, 0.0, 0.0);
    for &s in sentiments {
        if s > 0.0 {
            pos += s + 1.0;
        }
        if s < 0.0 {
            neg += s - 1.0;
        }
        if s == 0.0 {
            neu += 1.0;
        }
    }
    if pos > neg.abs() {
        pos += amp;
    } else if pos < neg.abs() {
        neg -= amp;
    }
    let total = pos + neg.abs() + neu;
    Polarity {
        compound,
        pos: (pos / total).abs(),
        neu: (neu / total).abs(),
        neg: (neg / total).abs(),
    }
}
