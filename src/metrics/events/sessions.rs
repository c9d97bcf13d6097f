//! Sessions: from the session id column when present, else by inactivity gap. A gap *longer*
//! than the timeout starts a new session (exactly the timeout does not); optionally a maximum
//! session length and a split at local midnight.

use crate::dataset::events::EventLog;
use crate::dataset::table::NO_ID;

use super::options::EventsSettings;

/// One session, as the metrics need it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Session {
    pub user: u32,
    /// Row (in log order) of the first event.
    pub first_row: usize,
    pub start: i64,
    pub end: i64,
    /// Local day of the first event.
    pub day: i64,
    pub events: u32,
    pub page_views: u32,
    /// Page of the first / last page view (or of the first / last event with a page).
    pub entry_page: u32,
    pub exit_page: u32,
    pub key_event: bool,
    /// The session contains the conversion event.
    pub converted: bool,
}

impl Session {
    pub fn duration(&self) -> i64 {
        self.end - self.start
    }
}

/// Per event code: is it a page view, a key event, the conversion event?
pub struct EventFlags {
    pub page_view: Vec<bool>,
    pub key: Vec<bool>,
    pub conversion: Option<u32>,
}

impl EventFlags {
    pub fn new(log: &EventLog, s: &EventsSettings, conversion: Option<u32>) -> Self {
        let n = log.event_names.len();
        let named = |list: &[String], c: u32| {
            let name = log.event_names.name(c);
            list.iter().any(|x| x.eq_ignore_ascii_case(name))
        };
        let mut page_view: Vec<bool> = (0..n as u32)
            .map(|c| named(&s.page_view_events, c))
            .collect();
        // No event names, or none of them a page view: every row with a page is one.
        let fallback = !log.has_event_names || !page_view.iter().any(|&b| b);
        if fallback {
            page_view = vec![false; n];
        }
        let key = (0..n as u32)
            .map(|c| named(&s.key_events, c) || Some(c) == conversion)
            .collect();
        EventFlags {
            page_view: if fallback { Vec::new() } else { page_view },
            key,
            conversion,
        }
    }

    /// True when row `i` is a page view.
    #[inline]
    pub fn is_page_view(&self, log: &EventLog, i: usize) -> bool {
        if self.page_view.is_empty() {
            log.page[i] != NO_ID
        } else {
            self.page_view[log.event[i] as usize]
        }
    }
}

/// All sessions, grouped by user in time order.
pub fn sessions(log: &EventLog, s: &EventsSettings, flags: &EventFlags) -> Vec<Session> {
    let mut out = Vec::new();
    let timeout = s.session_timeout_seconds;
    for u in 0..log.n_users() {
        let rows = log.rows_of(u);
        if rows.is_empty() {
            continue;
        }
        if let Some(ids) = &log.session {
            // Rows of one session id (within the user) form one session, wherever they are.
            let mut idx: Vec<usize> = rows.collect();
            idx.sort_by_key(|&i| ids[i]);
            let mut k = 0;
            while k < idx.len() {
                let mut j = k;
                while j < idx.len() && ids[idx[j]] == ids[idx[k]] {
                    j += 1;
                }
                idx[k..j].sort_unstable();
                out.push(build(log, flags, u as u32, &idx[k..j]));
                k = j;
            }
            continue;
        }
        let mut group: Vec<usize> = Vec::new();
        for i in rows {
            if let Some(&first) = group.first() {
                let prev = *group.last().unwrap_or(&first);
                let gap = (log.time[i] - log.time[prev]) as f64;
                let too_long = s
                    .max_session_seconds
                    .is_some_and(|m| (log.time[i] - log.time[first]) as f64 > m);
                let midnight = s.split_at_midnight && log.day[i] != log.day[prev];
                if gap > timeout || too_long || midnight {
                    out.push(build(log, flags, u as u32, &group));
                    group.clear();
                }
            }
            group.push(i);
        }
        if !group.is_empty() {
            out.push(build(log, flags, u as u32, &group));
        }
    }
    // Sessions of one user by start time (session ids may interleave).
    out.sort_by_key(|x| (x.user, x.start));
    out
}

fn build(log: &EventLog, flags: &EventFlags, user: u32, rows: &[usize]) -> Session {
    let first = rows[0];
    let mut sess = Session {
        user,
        first_row: rows
            .iter()
            .copied()
            .min_by_key(|&i| (log.time[i], i))
            .unwrap_or(first),
        start: log.time[first],
        end: log.time[first],
        day: log.day[first],
        events: 0,
        page_views: 0,
        entry_page: NO_ID,
        exit_page: NO_ID,
        key_event: false,
        converted: false,
    };
    let mut entry_any = NO_ID;
    let mut exit_any = NO_ID;
    for &i in rows {
        sess.start = sess.start.min(log.time[i]);
        sess.end = sess.end.max(log.time[i]);
        sess.events += 1;
        let e = log.event[i];
        if flags.key[e as usize] {
            sess.key_event = true;
        }
        if Some(e) == flags.conversion {
            sess.converted = true;
        }
        let page = log.page[i];
        if page != NO_ID {
            if entry_any == NO_ID {
                entry_any = page;
            }
            exit_any = page;
        }
        if flags.is_page_view(log, i) {
            sess.page_views += 1;
            if sess.entry_page == NO_ID {
                sess.entry_page = page;
            }
            if page != NO_ID {
                sess.exit_page = page;
            }
        }
    }
    if sess.entry_page == NO_ID {
        sess.entry_page = entry_any;
    }
    if sess.exit_page == NO_ID {
        sess.exit_page = exit_any;
    }
    sess
}

/// Whether a session bounced under each rule.
pub fn bounced(sess: &Session, s: &EventsSettings, rule: super::options::BounceRule) -> bool {
    use super::options::BounceRule::*;
    let short = (sess.duration() as f64) < s.engaged_seconds;
    match rule {
        SingleEvent => sess.events == 1,
        NotEngaged => {
            let engaged = sess.duration() as f64 > s.engaged_seconds
                || sess.page_views >= s.engaged_page_views
                || sess.key_event;
            !engaged
        }
        SinglePageView => sess.page_views == 1 && sess.events == 1 && short,
    }
}
