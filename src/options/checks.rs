//! Every option value checked in one table: its type (serde), finiteness and range. A value
//! outside its range is `INVALID_OPTION` naming the option and the allowed range; caps that
//! clamp say so in a warning. Options arriving as JSON (the JavaScript package, the CLI) are
//! also checked for `null` — what `JSON.stringify` makes of NaN and ±Infinity, so a `null`
//! is never silently the default — and for strings over [`MAX_STRING_BYTES`].

use serde_json::Value;

use super::AnalyzeOptions;
use crate::error::{truncate, Error, Result, Warning};
use crate::vocab::WarningCode;

/// Longest string accepted in options (a header, a brand, an event name…).
pub const MAX_STRING_BYTES: usize = 1000;
/// Most items in a list option (funnel steps, key events, segments…).
pub const MAX_LIST_ITEMS: usize = 1000;
/// Most funnel steps.
pub const MAX_FUNNEL_STEPS: usize = 100;

/// A number's allowed range; `open` ends exclude the bound.
#[derive(Debug, Clone, Copy)]
struct Range {
    min: f64,
    min_open: bool,
    max: f64,
    max_open: bool,
}

const fn closed(min: f64, max: f64) -> Range {
    Range {
        min,
        min_open: false,
        max,
        max_open: false,
    }
}
const fn open(min: f64, max: f64) -> Range {
    Range {
        min,
        min_open: true,
        max,
        max_open: true,
    }
}
const fn above(min: f64, max: f64) -> Range {
    Range {
        min,
        min_open: true,
        max,
        max_open: false,
    }
}

impl Range {
    fn contains(&self, v: f64) -> bool {
        // Written so that NaN fails every comparison.
        let lo = if self.min_open {
            v > self.min
        } else {
            v >= self.min
        };
        let hi = if self.max_open {
            v < self.max
        } else {
            v <= self.max
        };
        lo && hi
    }
    fn text(&self) -> String {
        format!(
            "{}{}, {}{}",
            if self.min_open { "(" } else { "[" },
            number(self.min),
            number(self.max),
            if self.max_open { ")" } else { "]" }
        )
    }
}

/// A number as people write it: `604800`, `1.000e308`, `NaN`, `inf` (no `{:e}` formatting,
/// which the .wasm does not otherwise hold).
fn number(x: f64) -> String {
    if !x.is_finite() || x == 0.0 || (1e-6..1e16).contains(&x.abs()) {
        return format!("{x}");
    }
    let e = x.abs().log10().floor();
    format!("{:.3}e{e}", x / 10f64.powf(e))
}

type Get = fn(&AnalyzeOptions) -> Option<f64>;

/// The table: option, range, and how to read its value(s) (several for maps).
const NUMBERS: &[(&str, Range, Get)] = &[
    ("confidence", open(0.0, 1.0), |o| o.confidence),
    ("nps.confidence", open(0.0, 1.0), |o| {
        o.nps.as_ref().and_then(|n| n.confidence)
    }),
    ("csat.confidence", open(0.0, 1.0), |o| {
        o.csat.as_ref().and_then(|n| n.confidence)
    }),
    ("ces.confidence", open(0.0, 1.0), |o| {
        o.ces.as_ref().and_then(|n| n.confidence)
    }),
    ("intervals.resamples", closed(100.0, 100_000.0), |o| {
        o.intervals
            .as_ref()
            .and_then(|i| i.resamples)
            .map(f64::from)
    }),
    ("voice.goodRatingMin", closed(0.0, 100.0), |o| {
        o.voice.as_ref().and_then(|v| v.good_rating_min)
    }),
    ("support.csatSatisfiedMin", closed(0.0, 100.0), |o| {
        o.support.as_ref().and_then(|v| v.csat_satisfied_min)
    }),
    ("lifetimeValue.margin", closed(0.0, 1.0), |o| {
        o.lifetime_value.as_ref().and_then(|v| v.margin)
    }),
    ("lifetimeValue.discountRate", closed(0.0, 1.0), |o| {
        o.lifetime_value.as_ref().and_then(|v| v.discount_rate)
    }),
    ("lifetimeValue.lifespanPeriods", above(0.0, 10_000.0), |o| {
        o.lifetime_value.as_ref().and_then(|v| v.lifespan_periods)
    }),
    ("lifetimeValue.projectPeriods", closed(1.0, 1000.0), |o| {
        o.lifetime_value
            .as_ref()
            .and_then(|v| v.project_periods)
            .map(f64::from)
    }),
    ("clv.unitDays", above(0.0, 366.0), |o| {
        o.clv.as_ref().and_then(|v| v.unit_days)
    }),
    ("clv.horizon", closed(1.0, 1000.0), |o| {
        o.clv.as_ref().and_then(|v| v.horizon).map(f64::from)
    }),
    ("clv.discountRate", closed(0.0, 1.0), |o| {
        o.clv.as_ref().and_then(|v| v.discount_rate)
    }),
    ("clv.margin", closed(0.0, 1.0), |o| {
        o.clv.as_ref().and_then(|v| v.margin)
    }),
    ("events.sessionTimeoutSeconds", above(0.0, 604_800.0), |o| {
        o.events.as_ref().and_then(|v| v.session_timeout_seconds)
    }),
    ("events.maxSessionSeconds", above(0.0, 2_592_000.0), |o| {
        o.events.as_ref().and_then(|v| v.max_session_seconds)
    }),
    ("events.wauDays", closed(1.0, 366.0), |o| {
        o.events.as_ref().and_then(|v| v.wau_days).map(f64::from)
    }),
    ("events.mauDays", closed(1.0, 366.0), |o| {
        o.events.as_ref().and_then(|v| v.mau_days).map(f64::from)
    }),
    ("events.engagedSeconds", closed(0.0, 86_400.0), |o| {
        o.events.as_ref().and_then(|v| v.engaged_seconds)
    }),
    ("events.engagedPageViews", closed(1.0, 10_000.0), |o| {
        o.events
            .as_ref()
            .and_then(|v| v.engaged_page_views)
            .map(f64::from)
    }),
    ("events.funnelWindowDays", above(0.0, 3660.0), |o| {
        o.events.as_ref().and_then(|v| v.funnel_window_days)
    }),
    ("events.activationDays", above(0.0, 3660.0), |o| {
        o.events.as_ref().and_then(|v| v.activation_days)
    }),
    ("events.churnDays", closed(1.0, 3660.0), |o| {
        o.events.as_ref().and_then(|v| v.churn_days).map(f64::from)
    }),
    ("invitations", closed(1.0, 1e15), |o| {
        o.invitations.map(|v| v as f64)
    }),
    ("lostAfterPeriods", closed(1.0, 1000.0), |o| {
        o.lost_after_periods.map(f64::from)
    }),
    ("maxFieldBytes", closed(1.0, 2_147_483_648.0), |o| {
        o.max_field_bytes.map(|v| v as f64)
    }),
    ("maxColumns", closed(1.0, 10_000_000.0), |o| {
        o.max_columns.map(|v| v as f64)
    }),
    ("maxSpreadsheetBytes", closed(1.0, 2_147_483_648.0), |o| {
        o.max_spreadsheet_bytes.map(|v| v as f64)
    }),
    ("maxDistinctIds", closed(1.0, 1e9), |o| {
        o.max_distinct_ids.map(|v| v as f64)
    }),
    ("maxSegmentValues", closed(1.0, 1e6), |o| {
        o.max_segment_values.map(|v| v as f64)
    }),
    ("previewRows", closed(0.0, 1e9), |o| {
        o.preview_rows.map(|v| v as f64)
    }),
];

/// Options clamped to a cap rather than refused: (option, cap).
pub const PREVIEW_ROWS_CAP: usize = 1000;

/// Checks every number of the table; returns the warnings of clamped caps.
pub fn check(o: &AnalyzeOptions) -> Result<Vec<Warning>> {
    let score_map = o.nps.as_ref().and_then(|n| n.score_map.as_ref());
    let maps = [
        ("nps.scoreMap", closed(-1e6, 1e6), score_map),
        (
            "channelWeights",
            closed(0.0, 1e15),
            o.channel_weights.as_ref(),
        ),
    ];
    let each = maps.iter().flat_map(|(name, range, m)| {
        m.iter()
            .flat_map(|m| m.values())
            .map(move |&v| (*name, *range, v))
    });
    let scalars = NUMBERS
        .iter()
        .filter_map(|(name, range, get)| get(o).map(|v| (*name, *range, v)));
    for (name, range, v) in scalars.chain(each) {
        if !range.contains(v) {
            return Err(Error::option(
                name,
                format!("{} is not a finite number in {}", number(v), range.text()),
            ));
        }
    }
    if let Some(n) = o
        .events
        .as_ref()
        .and_then(|e| e.funnel.as_ref())
        .map(Vec::len)
    {
        if n > MAX_FUNNEL_STEPS {
            return Err(Error::option(
                "events.funnel",
                format!("{n} steps; at most {MAX_FUNNEL_STEPS}"),
            ));
        }
    }
    let mut warnings = Vec::new();
    if let Some(n) = o.preview_rows.filter(|&n| n > PREVIEW_ROWS_CAP) {
        warnings.push(Warning {
            code: WarningCode::OptionCapped,
            message: format!("previewRows {n} is capped at {PREVIEW_ROWS_CAP}"),
        });
    }
    Ok(warnings)
}

/// Checks options given as JSON before they are read: no `null` (NaN, ±Infinity and null
/// all arrive as null; leave an option out for its default), no string over
/// [`MAX_STRING_BYTES`], no list over [`MAX_LIST_ITEMS`]. `path` names the value.
pub fn check_json(v: &Value, path: &str) -> Result<()> {
    let name = |path: &str| {
        if path.is_empty() {
            "options".to_string()
        } else {
            path.to_string()
        }
    };
    match v {
        Value::Null => Err(Error::option(
            &name(path),
            "is null (NaN and ±Infinity become null in JSON); give a finite value or leave the option out for its default",
        )),
        Value::String(s) if s.len() > MAX_STRING_BYTES => Err(Error::option(
            &name(path),
            format!("a string of {} bytes (`{}`); at most {MAX_STRING_BYTES}", s.len(), truncate(s, 40)),
        )),
        Value::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                return Err(Error::option(
                    &name(path),
                    format!("a list of {} items; at most {MAX_LIST_ITEMS}", items.len()),
                ));
            }
            for (i, x) in items.iter().enumerate() {
                check_json(x, &format!("{}[{i}]", name(path)))?;
            }
            Ok(())
        }
        Value::Object(m) => {
            for (k, x) in m {
                let key = truncate(k, 40);
                let p = if path.is_empty() { key } else { format!("{path}.{key}") };
                if k.len() > MAX_STRING_BYTES {
                    return Err(Error::option(&p, format!("a key of {} bytes", k.len())));
                }
                check_json(x, &p)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Options from JSON text, checked: the one reading of the package and the CLI.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<T> {
    let v: Value = serde_json::from_str(text).map_err(|e| Error::option(name, e.to_string()))?;
    check_json(&v, if name == "options" { "" } else { name })?;
    // Read from the text again, not from the Value: one deserializer of the option types in
    // the .wasm instead of two (the second cost ~30 KB of the size budget).
    serde_json::from_str(text).map_err(|e| Error::option(name, truncate(&e.to_string(), 300)))
}
