//! Support and campaign metrics on small hand-built exports, each figure computed by hand.

mod common;

use common::{campaigns, close, tickets, TOL};

const TICKETS: &str = "ticket_id,customer_id,created_at,first_response_at,resolved_at,status,channel,agent,handle_time_min,contacts,reopened,csat
T1,c1,2024-01-01T10:00:00Z,2024-01-01T10:30:00Z,2024-01-01T12:00:00Z,solved,email,ann,10,1,no,5
T2,c1,2024-01-02T09:00:00Z,2024-01-02T09:10:00Z,2024-01-03T09:00:00Z,solved,chat,bob,20,3,yes,2
T3,c2,2024-01-15T08:00:00Z,2024-01-15T08:05:00Z,,open,chat,ann,5,1,no,
T4,c3,2024-02-01T00:00:00Z,2024-01-31T23:00:00Z,2024-02-01T06:00:00Z,closed,email,bob,30,2,no,4
";

#[test]
fn support_metrics_by_hand() {
    let r = tickets(TICKETS.as_bytes(), "{}");
    let s = &r.support;
    let o = &s.overall;
    // Resolved: T1, T2, T4 (a resolution time); T3 is open.
    assert_eq!((o.tickets, o.resolved), (4, 3));
    // First contact: contacts ≤ 1 among resolved → T1 only.
    assert_eq!(
        (
            o.first_contact_resolution.numerator,
            o.first_contact_resolution.denominator
        ),
        (1.0, 3.0)
    );
    close(o.first_contact_resolution.value, 1.0 / 3.0, TOL);
    close(o.reopen_rate.value, 1.0 / 3.0, TOL);
    // Handle time in minutes (header) → 600, 1200, 300, 1800 s.
    close(o.handle_time.mean, 975.0, TOL);
    close(o.handle_time.median, 900.0, TOL);
    close(o.handle_time.p90, 1620.0, TOL); // position 2.7 between 1200 and 1800
                                           // First response: 1800, 600, 300 s; T4's response precedes its creation (left out).
    assert_eq!(o.first_response_time.n, 3);
    close(o.first_response_time.mean, 900.0, TOL);
    close(o.first_response_time.median, 600.0, TOL);
    close(o.first_response_time.p90, 1560.0, TOL);
    assert_eq!(s.inconsistent_times, 1);
    assert!(r.warnings.iter().any(|w| w.code == "TIMES_BEFORE_CREATION"));
    // Resolution: 7200, 86400, 21600 s.
    close(o.resolution_time.mean, 38400.0, TOL);
    close(o.resolution_time.median, 21600.0, TOL);
    close(o.resolution_time.p90, 73440.0, TOL);
    // CSAT 5, 2, 4: two of three ≥ 4.
    close(o.csat.value, 2.0 / 3.0, TOL);
    close(o.csat_mean, 11.0 / 3.0, TOL);
    assert_eq!(s.customers, Some(3));
    close(s.tickets_per_customer.value, 4.0 / 3.0, TOL);
    assert_eq!(s.definition.params["handleTimeUnit"], "minutes".into());
    // Periods of creation.
    let p: Vec<(&str, u64, u64)> = s
        .periods
        .iter()
        .map(|g| (g.name.as_str(), g.tickets, g.resolved))
        .collect();
    assert_eq!(p, [("2024-01", 3, 2), ("2024-02", 1, 1)]);
    // Channels (equal sizes: by name) and agents.
    let chat = &s.by_channel[0];
    assert_eq!((chat.name.as_str(), chat.tickets), ("chat", 2));
    close(chat.first_contact_resolution.value, 0.0, TOL);
    close(chat.csat.value, 0.0, TOL);
    let email = &s.by_channel[1];
    close(email.first_contact_resolution.value, 0.5, TOL);
    close(email.csat.value, 1.0, TOL);
    let agents: Vec<&str> = s.by_agent.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(agents, ["ann", "bob"]);
}

#[test]
fn support_rates_without_their_columns_say_why() {
    let r = tickets(
        b"ticket_id,created_at\nA,2024-01-01T10:00:00Z\nB,2024-01-02T10:00:00Z\n",
        "{}",
    );
    let o = &r.support.overall;
    assert_eq!(o.first_contact_resolution.value, None);
    assert!(o.first_contact_resolution.unavailable_reason.is_some());
    assert_eq!(o.csat.value, None);
    assert_eq!(o.handle_time.mean, None);
    assert_eq!(r.support.tickets_per_customer.value, None);
    // No resolution column: every ticket counts as resolved, and the definition says so.
    assert_eq!(o.resolved, 2);
    assert_eq!(
        r.support.definition.params["resolvedFrom"],
        "all tickets (no resolution column)".into()
    );
    // An FCR flag column; the handle-time unit by option.
    let r = tickets(
        b"ticket_id,created_at,resolved_at,first_contact_resolution,aht\nA,2024-01-01T10:00:00Z,2024-01-01T11:00:00Z,yes,2\nB,2024-01-02T10:00:00Z,2024-01-02T12:00:00Z,no,4\n",
        r#"{"support": {"handleTimeUnit": "hours"}}"#,
    );
    close(r.support.overall.first_contact_resolution.value, 0.5, TOL);
    close(r.support.overall.handle_time.mean, 3.0 * 3600.0, TOL);
}

const CAMPAIGNS: &str = "campaign,channel,send_date,sent,delivered,unique_opens,opens,unique_clicks,clicks,conversions,unsubscribes,bounces,revenue
Spring,email,2024-03-01,1000,950,400,520,80,120,12,5,50,600
Spring,email,2024-03-08,500,490,150,200,30,40,3,1,10,150
Summer,email,2024-06-01,2000,1900,0,0,0,0,0,0,100,0
Promo,email,2024-06-10,0,0,0,0,0,0,0,0,0,0
";

#[test]
fn campaign_rates_come_from_summed_counts() {
    let r = campaigns(CAMPAIGNS.as_bytes(), "{}");
    let c = &r.campaigns;
    let t = &c.overall.totals;
    assert_eq!(
        (t.sent, t.delivered, t.unique_opens, t.unique_clicks),
        (Some(3500.0), Some(3340.0), Some(550.0), Some(110.0))
    );
    let o = &c.overall.rates;
    close(o.delivery_rate.value, 3340.0 / 3500.0, TOL);
    close(o.open_rate.value, 550.0 / 3340.0, TOL);
    close(o.click_through_rate.value, 110.0 / 3340.0, TOL);
    close(o.click_to_open_rate.value, 0.2, TOL);
    close(o.conversion_rate.value, 15.0 / 3340.0, TOL);
    close(o.conversion_per_click.value, 15.0 / 110.0, TOL);
    close(o.unsubscribe_rate.value, 6.0 / 3340.0, TOL);
    close(o.bounce_rate.value, 160.0 / 3500.0, TOL);
    close(o.revenue_per_email.value, 750.0 / 3340.0, TOL);
    assert_eq!(
        o.impression_click_through_rate
            .unavailable_reason
            .as_deref(),
        Some("no impressions column")
    );
    assert_eq!(
        o.cost_per_click.unavailable_reason.as_deref(),
        Some("no spend column")
    );
    // Largest first, then by name (not in file order).
    let names: Vec<&str> = c.campaigns.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Spring", "Promo", "Summer"]);
    // Spring: 550 / 1440 from the sums, not the mean of 400/950 and 150/490.
    let spring = &c.campaigns[0];
    assert_eq!((spring.name.as_str(), spring.rows), ("Spring", 2));
    close(spring.rates.open_rate.value, 550.0 / 1440.0, TOL);
    // Zero denominators: no value, a reason, and JSON null.
    let summer = &c.campaigns[2];
    assert_eq!(summer.rates.click_to_open_rate.value, None);
    assert_eq!(
        summer
            .rates
            .click_to_open_rate
            .unavailable_reason
            .as_deref(),
        Some("opens is 0")
    );
    let promo = &c.campaigns[1];
    assert_eq!(
        promo.rates.delivery_rate.unavailable_reason.as_deref(),
        Some("sent is 0")
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("NaN") && !json.contains("inf"));
    let periods: Vec<(&str, u64)> = c
        .periods
        .iter()
        .map(|g| (g.name.as_str(), g.rows))
        .collect();
    assert_eq!(periods, [("2024-03", 2), ("2024-06", 2)]);
    assert_eq!(c.definition.params["opensFrom"], "uniqueOpens".into());
}

#[test]
fn ad_campaigns_click_through_on_impressions() {
    let r = campaigns(
        b"campaign,date,impressions,clicks,spend,conversions,revenue\nA,2024-01-01,10000,150,75,6,300\nB,2024-01-02,5000,50,25,2,20\n",
        "{}",
    );
    let o = &r.campaigns.overall.rates;
    close(o.impression_click_through_rate.value, 200.0 / 15000.0, TOL);
    close(o.cost_per_click.value, 0.5, TOL);
    close(o.return_on_ad_spend.value, 3.2, TOL);
    close(o.conversion_per_click.value, 8.0 / 200.0, TOL);
    // No sent or delivered column: the email rates say what is missing.
    assert_eq!(
        o.open_rate.unavailable_reason.as_deref(),
        Some("no opens column")
    );
}

#[test]
fn per_recipient_rows_send_one_email_each() {
    // One row per recipient with yes/no flags: sent = rows.
    let file = "campaign,email,opened,clicked,unsubscribed\nMay,a@x,yes,yes,no\nMay,b@x,yes,no,no\nMay,c@x,no,no,yes\nMay,d@x,no,no,no\n";
    let r = campaigns(file.as_bytes(), "{}");
    let o = &r.campaigns.overall;
    assert_eq!(o.totals.sent, Some(4.0));
    close(o.rates.open_rate.value, 0.5, TOL);
    close(o.rates.click_through_rate.value, 0.25, TOL);
    close(o.rates.click_to_open_rate.value, 0.5, TOL);
    close(o.rates.unsubscribe_rate.value, 0.25, TOL);
    assert_eq!(
        r.campaigns.definition.params["sentFrom"],
        "rows (one per recipient)".into()
    );
}
