//! Options of the events metrics, and the named presets that reproduce each analytics tool's
//! conventions. Every figure states the settings it was computed with.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::words;

/// How bounces are defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum BounceRule {
    /// Universal Analytics: sessions with a single event.
    SingleEvent,
    /// GA4: sessions that are not engaged (engaged = longer than `engagedSeconds`, or at least
    /// `engagedPageViews` page views, or a key event); bounce rate = 1 − engagement rate.
    NotEngaged,
    /// PostHog: one page view, no other event, shorter than `engagedSeconds`.
    SinglePageView,
}

/// Which retention definition is the headline (both are always reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RetentionMode {
    /// Returned in exactly period k ("on").
    Exact,
    /// Returned in period k or any later one ("on or after", unbounded).
    OnOrAfter,
}

/// Events options as given (`events: {...}` in AnalyzeOptions); all optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields)]
pub struct EventsOptions {
    /// "ga4", "posthog", "mixpanel" or "amplitude": that tool's defaults; explicit options win.
    #[ts(as = "Option<Preset>")]
    pub preset: Option<String>,
    pub session_timeout_seconds: Option<f64>,
    pub max_session_seconds: Option<f64>,
    pub split_at_midnight: Option<bool>,
    pub wau_days: Option<u32>,
    pub mau_days: Option<u32>,
    pub bounce: Option<BounceRule>,
    pub engaged_seconds: Option<f64>,
    pub engaged_page_views: Option<u32>,
    pub key_events: Option<Vec<String>>,
    pub page_view_events: Option<Vec<String>>,
    pub conversion_event: Option<String>,
    pub funnel: Option<Vec<String>>,
    pub funnel_window_days: Option<f64>,
    pub signup_events: Option<Vec<String>>,
    pub activation_events: Option<Vec<String>>,
    pub activation_days: Option<f64>,
    pub retention: Option<RetentionMode>,
    pub cohort_event: Option<String>,
    pub churn_days: Option<u32>,
    pub keep_duplicates: Option<bool>,
    /// Compute every metric on the rows whose segment column has this value.
    pub filter: Option<FilterOption>,
}

/// `{ "column": "platform", "value": "ios" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FilterOption {
    pub column: String,
    pub value: String,
}

crate::vocab::vocabulary! {
    /// Conventions of an analytics tool (`events.preset`).
    pub enum Preset {
        Ga4 = "ga4",
        Posthog = "posthog",
        Mixpanel = "mixpanel",
        Amplitude = "amplitude",
    }
}

/// Settings in force, defaults and preset filled in (echoed in the report).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EventsSettings {
    pub preset: Option<Preset>,
    pub session_timeout_seconds: f64,
    pub max_session_seconds: Option<f64>,
    pub split_at_midnight: bool,
    pub wau_days: u32,
    pub mau_days: u32,
    pub bounce: BounceRule,
    pub engaged_seconds: f64,
    pub engaged_page_views: u32,
    pub key_events: Vec<String>,
    pub page_view_events: Vec<String>,
    pub conversion_event: Option<String>,
    pub funnel: Option<Vec<String>>,
    pub funnel_window_days: f64,
    pub signup_events: Vec<String>,
    pub activation_events: Vec<String>,
    pub activation_days: f64,
    pub retention: RetentionMode,
    pub cohort_event: Option<String>,
    pub churn_days: u32,
    pub keep_duplicates: bool,
    pub filter: Option<FilterOption>,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for EventsSettings {
    fn default() -> Self {
        EventsSettings {
            preset: None,
            session_timeout_seconds: 1800.0,
            max_session_seconds: None,
            split_at_midnight: false,
            wau_days: 7,
            mau_days: 30,
            bounce: BounceRule::SingleEvent,
            engaged_seconds: 10.0,
            engaged_page_views: 2,
            key_events: Vec::new(),
            page_view_events: strings(words::PAGE_VIEW_EVENTS),
            conversion_event: None,
            funnel: None,
            funnel_window_days: 7.0,
            signup_events: strings(words::SIGNUP_EVENTS),
            activation_events: strings(words::ACTIVATION_EVENTS),
            activation_days: 7.0,
            retention: RetentionMode::Exact,
            cohort_event: None,
            churn_days: 30,
            keep_duplicates: false,
            filter: None,
        }
    }
}

impl EventsOptions {
    pub fn resolve(&self) -> Result<EventsSettings> {
        let mut s = EventsSettings::default();
        if let Some(p) = &self.preset {
            let name = p.trim().to_ascii_lowercase();
            let p = Preset::parse(&name).ok_or_else(|| {
                Error::option(
                    "events.preset",
                    format!("`{name}` is not one of {}", Preset::names()),
                )
            })?;
            match p {
                // GA4: 28-day active users, engagement-based bounce, no midnight split.
                Preset::Ga4 => {
                    s.mau_days = 28;
                    s.bounce = BounceRule::NotEngaged;
                    s.funnel_window_days = 30.0;
                }
                // PostHog: 30-minute sessions capped at 24 h, single-page-view bounce, 14-day funnels.
                Preset::Posthog => {
                    s.max_session_seconds = Some(86_400.0);
                    s.bounce = BounceRule::SinglePageView;
                    s.funnel_window_days = 14.0;
                }
                // Mixpanel: 30-day funnel conversion window, 28-day MAU.
                Preset::Mixpanel => {
                    s.mau_days = 28;
                    s.funnel_window_days = 30.0;
                }
                // Amplitude: 1-day funnel conversion window, unbounded retention shown as an
                // option ("on" by default), 30-day MAU.
                Preset::Amplitude => {
                    s.funnel_window_days = 1.0;
                }
            }
            s.preset = Some(p);
        }
        let positive = |name: &str, v: Option<f64>, d: f64| -> Result<f64> {
            match v {
                Some(x) if !(x.is_finite() && x > 0.0) => Err(Error::option(
                    name,
                    format!("{x} must be a positive number"),
                )),
                Some(x) => Ok(x),
                None => Ok(d),
            }
        };
        s.session_timeout_seconds = positive(
            "events.sessionTimeoutSeconds",
            self.session_timeout_seconds,
            s.session_timeout_seconds,
        )?;
        if let Some(m) = self.max_session_seconds {
            s.max_session_seconds = Some(positive("events.maxSessionSeconds", Some(m), m)?);
        }
        s.split_at_midnight = self.split_at_midnight.unwrap_or(s.split_at_midnight);
        for (name, v, d) in [
            ("events.wauDays", self.wau_days, &mut s.wau_days),
            ("events.mauDays", self.mau_days, &mut s.mau_days),
            ("events.churnDays", self.churn_days, &mut s.churn_days),
        ] {
            match v {
                Some(0) => return Err(Error::option(name, "must be at least 1")),
                Some(x) => *d = x,
                None => {}
            }
        }
        s.bounce = self.bounce.unwrap_or(s.bounce);
        s.engaged_seconds = match self.engaged_seconds {
            Some(x) if x.is_finite() && x >= 0.0 => x,
            Some(x) => {
                return Err(Error::option(
                    "events.engagedSeconds",
                    format!("{x} must be ≥ 0"),
                ))
            }
            None => s.engaged_seconds,
        };
        s.engaged_page_views = self.engaged_page_views.unwrap_or(s.engaged_page_views);
        if let Some(v) = &self.key_events {
            s.key_events = v.clone();
        }
        if let Some(v) = &self.page_view_events {
            s.page_view_events = v.clone();
        }
        s.conversion_event = self.conversion_event.clone();
        if let Some(f) = &self.funnel {
            if f.len() < 2 {
                return Err(Error::option(
                    "events.funnel",
                    "a funnel needs at least two steps",
                ));
            }
            s.funnel = Some(f.clone());
        }
        s.funnel_window_days = positive(
            "events.funnelWindowDays",
            self.funnel_window_days,
            s.funnel_window_days,
        )?;
        if let Some(v) = &self.signup_events {
            s.signup_events = v.clone();
        }
        if let Some(v) = &self.activation_events {
            s.activation_events = v.clone();
        }
        s.activation_days = positive(
            "events.activationDays",
            self.activation_days,
            s.activation_days,
        )?;
        s.retention = self.retention.unwrap_or(s.retention);
        s.cohort_event = self.cohort_event.clone();
        s.keep_duplicates = self.keep_duplicates.unwrap_or(false);
        s.filter = self.filter.clone();
        Ok(s)
    }
}
