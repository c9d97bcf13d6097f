//! Survey reports: the answer counts become NPS, CSAT and CES overall, per period and per
//! segment value, with their comparisons.

use super::Context;
use crate::dataset::summary::{DatasetSummary, StoredColumn};
use crate::dataset::survey::{SurveyBuilder, SurveyData};
use crate::metrics::compare::survey_comparisons;
use crate::metrics::survey::groups::{survey_results, SurveyParams};
use crate::period::rfc3339;
use crate::report::{Report, SurveyBody};
use crate::vocab::{Role, ValueType};

pub(super) fn report(b: SurveyBuilder, params: &SurveyParams, mut ctx: Context<'_>) -> Report {
    let data = b.finish();
    let results = survey_results(&data, params, &mut ctx.warnings);
    let mut dataset = summary(&data);
    // Rows the reader rejected whole (invalid JSON): read, and not kept.
    dataset.rows_skipped = ctx.rows_rejected;
    ctx.rejections.merge(data.rejections);
    ctx.coverage(data.first_time, data.last_time, data.weekday_rows);
    let signals = ctx.signals(&results);
    let mut comparisons =
        survey_comparisons(&results.periods, &results.segments, ctx.resolved.confidence);
    ctx.leave_out_partial(&mut comparisons.period_over_period);
    let body = SurveyBody {
        first_response: data.first_time.map(rfc3339),
        last_response: data.last_time.map(rfc3339),
        overall: results.overall,
        periods: results.periods,
        segments: results.segments,
        channel_csat: results.channel_csat,
        comparisons,
        response_periods: results.response_periods,
    };
    Report::Survey(ctx.finish(dataset, body, signals))
}

/// A survey keeps counts, not rows: every row is kept (unusable answers are left out one by
/// one), each question column counts its blank or rejected answers as missing, and each
/// breakdown column its distinct values.
fn summary(d: &SurveyData) -> DatasetSummary {
    let roles = [Role::Nps, Role::Csat, Role::Ces];
    let mut columns: Vec<StoredColumn> = (0..3)
        .filter_map(|k| {
            let header = d.questions[k].clone()?;
            Some(StoredColumn {
                header,
                role: roles[k],
                value_type: ValueType::Score,
                missing: d.overall.blank[k] + d.overall.rejected[k],
                distinct: None,
                min: None,
                max: None,
                values: None,
                more_values: None,
            })
        })
        .collect();
    columns.extend(d.segments.iter().map(|s| StoredColumn {
        header: s.column.clone(),
        role: if s.is_channel {
            Role::Channel
        } else {
            Role::Segment
        },
        value_type: ValueType::Category,
        missing: 0,
        distinct: Some(s.groups.len() as u64 + u64::from(s.other.is_some())),
        min: None,
        max: None,
        values: None,
        more_values: None,
    }));
    let groups = 1 + d.periods.len() + d.segments.iter().map(|s| s.groups.len()).sum::<usize>();
    DatasetSummary {
        rows_kept: d.overall.rows,
        rows_skipped: 0,
        rows_filtered: 0,
        columns,
        bytes_per_row: 0,
        memory_bytes: (groups * d.overall.memory_bytes()) as u64,
    }
}
