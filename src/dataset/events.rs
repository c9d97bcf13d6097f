//! The event log: the ingested table re-laid out for behavioural metrics. Rows are sorted once
//! by (user, time, file order) with a counting sort on the user code, so every per-user walk
//! (sessions, active days, funnels, cohorts) is a linear scan; the local calendar day of every
//! event is computed once in the report time zone. Exact duplicates become adjacent and are
//! counted once.

use crate::dataset::table::{group_by_code, Interner, Table, TypedColumn, Values, NO_ID, NO_TIME};
use crate::ingest::infer::Role;
use crate::period::Periodizer;

/// Events in (user, time) order, column by column.
#[derive(Debug)]
pub struct EventLog {
    pub users: Interner,
    pub event_names: Interner,
    /// Page labels, when the file has a page column.
    pub pages: Option<Interner>,
    /// Session ids, when the file has a session column.
    pub sessions: Option<Interner>,
    pub user: Vec<u32>,
    pub time: Vec<i64>,
    /// Local calendar day (days since 1970-01-01 in the report time zone).
    pub day: Vec<i64>,
    pub event: Vec<u32>,
    pub page: Vec<u32>,
    pub session: Option<Vec<u32>>,
    /// Rows of user `u` are `user_start[u]..user_start[u + 1]`.
    pub user_start: Vec<usize>,
    /// Exact duplicates (same user, time, event, page, session) removed.
    pub duplicates: u64,
    /// True when the file names its events (else every row is a page view).
    pub has_event_names: bool,
    /// Segment and channel columns (platform, country, plan…), row-aligned like the others.
    pub segments: Vec<SegmentColumn>,
    /// Rows left out by a filter.
    pub filtered_out: u64,
    /// Users with at least one event (after any filter).
    pub active_users: usize,
}

/// A label column to break metrics down by.
#[derive(Debug)]
pub struct SegmentColumn {
    pub header: String,
    pub values: Interner,
    pub codes: Vec<u32>,
}

/// Keep only rows whose `column` has `value`.
#[derive(Debug, Clone, PartialEq)]
pub struct RowFilter {
    pub column: String,
    pub value: String,
}

/// The label of `c` in `d` ("" when missing).
fn name(d: &Interner, c: u32) -> &str {
    if c == NO_ID {
        ""
    } else {
        d.name(c)
    }
}

fn codes(col: Option<TypedColumn>) -> Option<(Vec<u32>, Interner)> {
    match col?.values {
        Values::Codes { codes, dict } => Some((codes, dict)),
        _ => None,
    }
}

impl EventLog {
    /// Builds the log from an events table (rows already have a user, a time, and an event or
    /// a page). `keep_duplicates` keeps exact duplicate rows.
    pub fn from_table(
        mut table: Table,
        periodizer: &mut Periodizer,
        keep_duplicates: bool,
        filter: Option<&RowFilter>,
    ) -> Self {
        let n = table.rows;
        let (user_raw, users) = codes(table.take(Role::UserId)).unwrap_or_default();
        let time_raw = match table.take(Role::Timestamp).map(|c| c.values) {
            Some(Values::Times(t)) => t,
            _ => vec![NO_TIME; n],
        };
        let named = codes(table.take(Role::EventName));
        let has_event_names = named.is_some();
        let (mut event_raw, mut event_names) =
            named.unwrap_or_else(|| (vec![NO_ID; n], Interner::default()));
        // A row kept without an event name has a page: it is a page view.
        if event_raw.contains(&NO_ID) {
            let pv = event_names.intern("page_view", usize::MAX).unwrap_or(0);
            for e in event_raw.iter_mut().filter(|e| **e == NO_ID) {
                *e = pv;
            }
        }
        let (page_raw, pages) = match codes(table.take(Role::Page)) {
            Some((c, d)) => (c, Some(d)),
            None => (vec![NO_ID; n], None),
        };
        let (session_raw, sessions) = match codes(table.take(Role::SessionId)) {
            Some((c, d)) => (Some(c), Some(d)),
            None => (None, None),
        };
        let seg_raw: Vec<(String, Vec<u32>, Interner)> = std::iter::from_fn(|| {
            let c = table
                .take(Role::Channel)
                .or_else(|| table.take(Role::Segment))?;
            let header = c.header.clone();
            codes(Some(c)).map(|(v, d)| (header, v, d))
        })
        .collect();
        // A filter keeps the rows whose segment column has the value (case-insensitive).
        let keep: Option<Vec<bool>> = filter.map(|f| {
            let col = seg_raw
                .iter()
                .find(|(h, _, _)| h.eq_ignore_ascii_case(&f.column));
            match col {
                Some((_, v, d)) => {
                    let want: Vec<bool> = (0..d.len() as u32)
                        .map(|c| d.name(c).eq_ignore_ascii_case(f.value.trim()))
                        .collect();
                    v.iter().map(|&c| c != NO_ID && want[c as usize]).collect()
                }
                None => vec![false; n],
            }
        });

        // Counting sort by user (stable), then by time within each user (stable: file order
        // breaks ties, and logs are mostly in time order already).
        let nu = users.len();
        let (start, mut order) = group_by_code(&user_raw, nu);
        // Same-second events are ordered by event name, page and session (not by file order
        // or dictionary code), so results do not depend on the order of the rows.
        for u in 0..nu {
            let seg = &mut order[start[u]..start[u + 1]];
            let needs = seg
                .windows(2)
                .any(|w| time_raw[w[0] as usize] >= time_raw[w[1] as usize]);
            if !needs {
                continue;
            }
            seg.sort_by(|&a, &b| {
                let (a, b) = (a as usize, b as usize);
                time_raw[a].cmp(&time_raw[b]).then_with(|| {
                    name(&event_names, event_raw[a])
                        .cmp(name(&event_names, event_raw[b]))
                        .then_with(|| match &pages {
                            Some(d) => name(d, page_raw[a]).cmp(name(d, page_raw[b])),
                            None => std::cmp::Ordering::Equal,
                        })
                        .then_with(|| match (&sessions, &session_raw) {
                            (Some(d), Some(v)) => name(d, v[a]).cmp(name(d, v[b])),
                            _ => std::cmp::Ordering::Equal,
                        })
                })
            });
        }

        // Pick the kept rows in (user, time) order: filtered rows and exact duplicates out.
        let mut kept: Vec<u32> = Vec::with_capacity(n);
        let mut user_start = vec![0usize; nu + 1];
        let (mut duplicates, mut filtered_out, mut active_users) = (0u64, 0u64, 0usize);
        for u in 0..nu {
            for &i in &order[start[u]..start[u + 1]] {
                let iu = i as usize;
                if keep.as_ref().is_some_and(|k| !k[iu]) {
                    filtered_out += 1;
                    continue;
                }
                if let Some(&prev) = kept.last().filter(|_| kept.len() > user_start[u]) {
                    let pu = prev as usize;
                    let dup = time_raw[pu] == time_raw[iu]
                        && event_raw[pu] == event_raw[iu]
                        && page_raw[pu] == page_raw[iu]
                        && session_raw.as_ref().is_none_or(|v| v[pu] == v[iu]);
                    if dup && !keep_duplicates {
                        duplicates += 1;
                        continue;
                    }
                }
                kept.push(i);
            }
            user_start[u + 1] = kept.len();
            if user_start[u + 1] > user_start[u] {
                active_users += 1;
            }
        }
        drop(order);
        drop(keep);
        // Gather one column at a time, freeing each source column as soon as it is copied, so
        // the peak is the source table plus one sorted column.
        fn gather<T: Copy>(src: Vec<T>, idx: &[u32]) -> Vec<T> {
            idx.iter().map(|&i| src[i as usize]).collect()
        }
        let time = gather(time_raw, &kept);
        let day = time.iter().map(|&t| periodizer.local_day(t)).collect();
        let mut user = Vec::with_capacity(kept.len());
        for u in 0..nu {
            user.extend(std::iter::repeat_n(
                u as u32,
                user_start[u + 1] - user_start[u],
            ));
        }
        drop(user_raw);
        let event = gather(event_raw, &kept);
        let page = gather(page_raw, &kept);
        let session = session_raw.map(|v| gather(v, &kept));
        let segments = seg_raw
            .into_iter()
            .map(|(header, codes, values)| SegmentColumn {
                header,
                values,
                codes: gather(codes, &kept),
            })
            .collect();
        EventLog {
            users,
            event_names,
            pages,
            sessions,
            user,
            time,
            day,
            event,
            page,
            session,
            user_start,
            duplicates,
            has_event_names,
            segments,
            filtered_out,
            active_users,
        }
    }

    pub fn len(&self) -> usize {
        self.time.len()
    }

    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }

    pub fn n_users(&self) -> usize {
        self.users.len()
    }

    /// Row range of user `u`.
    pub fn rows_of(&self, u: usize) -> std::ops::Range<usize> {
        self.user_start[u]..self.user_start[u + 1]
    }

    /// Code of an event name (exact, then case-insensitive).
    pub fn event_code(&self, name: &str) -> Option<u32> {
        self.event_names.get(name).or_else(|| {
            (0..self.event_names.len() as u32)
                .find(|&c| self.event_names.name(c).eq_ignore_ascii_case(name))
        })
    }
}
