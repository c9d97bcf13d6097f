//! Social posts, reviews, brand mentions and scans on small hand-built files.

mod common;

use common::{close, report, TOL};
use engagement_metrics::text::sentiment::{polarity, Label};
use engagement_metrics::Report;

const POSTS: &str = "post_id,date,platform,likes,comments,shares,saves,followers,impressions,reach
p1,2024-01-05,instagram,100,10,5,20,10000,5000,4000
p2,2024-01-20,instagram,50,5,0,10,10100,3000,2500
p3,2024-02-03,instagram,200,20,10,30,10500,8000,6000
p4,2024-02-10,tiktok,300,30,30,0,2000,20000,15000
";

#[test]
fn social_engagement_rates_by_hand() {
    let Report::Social(r) = report(POSTS.as_bytes(), "{}") else {
        panic!("not social")
    };
    let s = &r.social;
    // Engagements (likes + comments + shares): 115, 55, 230, 360 = 760.
    assert_eq!(s.overall.totals.engagements, 760.0);
    close(
        s.overall.engagement_rate.by_followers.value,
        100.0 * 760.0 / 32600.0,
        TOL,
    );
    close(
        s.overall.engagement_rate.by_impressions.value,
        100.0 * 760.0 / 36000.0,
        TOL,
    );
    close(
        s.overall.engagement_rate.by_reach.value,
        100.0 * 760.0 / 27500.0,
        TOL,
    );
    let jan = &s.periods[0];
    close(
        jan.engagement_rate.by_followers.value,
        100.0 * 170.0 / 20100.0,
        TOL,
    );
    // Followers at the last post per platform: January 10,100 (instagram); February 10,500 +
    // 2,000 (tiktok, new) = 12,500.
    assert_eq!(
        (jan.followers_end, s.periods[1].followers_end),
        (Some(10100.0), Some(12500.0))
    );
    close(
        s.periods[1].follower_growth.as_ref().unwrap().value,
        2400.0 / 10100.0,
        TOL,
    );
    // The most engaging post by followers: p4 (row 5 of the file, the header being row 1),
    // 360 / 2,000.
    assert_eq!(s.top_posts[0].post, 5);
    close(s.top_posts[0].engagement_rate.by_followers.value, 18.0, TOL);
    assert_eq!(s.by_channel.len(), 2);
    // Saves counted on request.
    let Report::Social(r) = report(POSTS.as_bytes(), r#"{"social": {"includeSaves": true}}"#)
    else {
        panic!("not social")
    };
    assert_eq!(r.social.overall.totals.engagements, 820.0);
}

const REVIEWS: &str = "date,source,rating,review_text
2024-01-02,google,5,Absolutely love it! Great service.
2024-01-03,google,4,Good value
2024-01-10,yelp,1,Terrible. Never again.
2024-02-01,yelp,3,It is a chair.
2024-02-02,google,,The staff were friendly
";

#[test]
fn reviews_ratings_and_sentiment_by_hand() {
    // The labels the scorer gives these five texts (checked against VADER in tests/sentiment.rs).
    let labels: Vec<Label> = REVIEWS
        .lines()
        .skip(1)
        .map(|l| polarity(l.splitn(4, ',').nth(3).unwrap()).label())
        .collect();
    assert_eq!(
        labels,
        [
            Label::Positive,
            Label::Positive,
            Label::Negative,
            Label::Neutral,
            Label::Positive
        ]
    );
    let Report::Reviews(r) = report(REVIEWS.as_bytes(), "{}") else {
        panic!("not reviews")
    };
    let o = &r.voice.overall;
    let rt = o.ratings.as_ref().unwrap();
    assert_eq!(rt.ratings, 4);
    close(rt.mean, 3.25, TOL);
    close(rt.good_share.value, 0.5, TOL);
    assert_eq!(rt.distribution, [(1.0, 1), (3.0, 1), (4.0, 1), (5.0, 1)]);
    // The review without a rating still has its text scored.
    let s = o.sentiment.as_ref().unwrap();
    assert_eq!((s.texts, s.positive, s.neutral, s.negative), (5, 3, 1, 1));
    close(s.score, 0.4, TOL);
    let google = &r.voice.by_channel[0];
    assert_eq!(google.name, "google");
    close(google.ratings.as_ref().unwrap().mean, 4.5, TOL);
    close(google.sentiment.as_ref().unwrap().score, 1.0, TOL);
    let yelp = &r.voice.by_channel[1];
    close(yelp.sentiment.as_ref().unwrap().score, -0.5, TOL);
    close(yelp.ratings.as_ref().unwrap().good_share.value, 0.0, TOL);
    assert_eq!(r.voice.periods.len(), 2);
}

#[test]
fn share_of_voice_and_search_by_hand() {
    let file = "date,brand,mentions,searches
2024-01-01,Acme,120,1000
2024-01-01,Globex,80,3000
2024-02-01,Acme,150,1500
2024-02-01,Globex,50,2500
";
    let Report::Mentions(r) = report(file.as_bytes(), r#"{"voice": {"brand": "acme"}}"#) else {
        panic!("not mentions")
    };
    let all = &r.voice.share_of_voice[0];
    let acme = &all.brands[0];
    assert_eq!((acme.brand.as_str(), acme.mentions), ("Acme", 270.0));
    close(acme.share_of_voice.value, 270.0 / 400.0, TOL);
    close(
        acme.share_of_search.as_ref().unwrap().value,
        2500.0 / 8000.0,
        TOL,
    );
    close(
        r.voice.share_of_voice[1].brands[0].share_of_voice.value,
        0.6,
        TOL,
    );
    close(
        r.voice.share_of_voice[2].brands[0].share_of_voice.value,
        0.75,
        TOL,
    );
    close(
        r.voice.our_share_of_voice.as_ref().unwrap().value,
        0.675,
        TOL,
    );
    // No text column: no sentiment, said by null.
    assert_eq!(r.voice.overall.sentiment, None);
    assert_eq!(r.voice.overall.mentions, 400.0);
}

#[test]
fn mentions_sentiment_per_source() {
    let file = "created_at,source,text
2024-01-01T10:00:00Z,twitter,I love this brand so much!
2024-01-01T11:00:00Z,twitter,worst support ever
2024-01-02T09:00:00Z,forum,They shipped the order today
";
    let Report::Mentions(r) = report(file.as_bytes(), "{}") else {
        panic!("not mentions")
    };
    let s = r.voice.overall.sentiment.as_ref().unwrap();
    assert_eq!((s.positive, s.neutral, s.negative), (1, 1, 1));
    close(s.score, 0.0, TOL);
    assert_eq!(r.voice.overall.mentions, 3.0);
}

#[test]
fn scans_by_device_location_and_period() {
    let file = "scanned_at,device_type,location,visitor_id
2024-03-01T10:00:00Z,iOS,Paris,v1
2024-03-01T11:00:00Z,Android,Paris,v2
2024-03-15T09:00:00Z,iOS,Berlin,v1
2024-04-02T08:00:00Z,iOS,,v3
";
    let Report::Scans(r) = report(file.as_bytes(), "{}") else {
        panic!("not scans")
    };
    let s = &r.scans;
    assert_eq!((s.scans, s.unique_scanners), (4, Some(3)));
    let dev: Vec<(&str, u64)> = s
        .by_device
        .iter()
        .map(|c| (c.name.as_str(), c.scans))
        .collect();
    assert_eq!(dev, [("iOS", 3), ("Android", 1)]);
    close(s.by_device[0].share.value, 0.75, TOL);
    let loc: Vec<(&str, u64)> = s
        .by_location
        .iter()
        .map(|c| (c.name.as_str(), c.scans))
        .collect();
    assert_eq!(loc, [("Paris", 2), ("(none)", 1), ("Berlin", 1)]);
    let per: Vec<(&str, u64)> = s
        .periods
        .iter()
        .map(|c| (c.name.as_str(), c.scans))
        .collect();
    assert_eq!(per, [("2024-03", 3), ("2024-04", 1)]);
}

#[test]
fn zero_and_missing_denominators_are_not_available() {
    let Report::Social(r) = report(b"date,likes,comments,followers\n2024-01-01,5,1,0\n", "{}")
    else {
        panic!("not social")
    };
    let e = &r.social.overall.engagement_rate;
    assert_eq!(e.by_followers.value, None);
    assert_eq!(
        e.by_followers.unavailable_reason.as_deref(),
        Some("followers is 0")
    );
    assert_eq!(
        e.by_impressions.unavailable_reason.as_deref(),
        Some("no impressions column")
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("NaN") && !json.contains("inf"));
    // Reviews without any rating value: no mean, no good share.
    let (Report::Reviews(r) | Report::Mentions(r)) = report(
        b"date,rating,review_text\n2024-01-01,,fine\n",
        r#"{"kind": "reviews"}"#,
    ) else {
        panic!("not reviews")
    };
    let rt = r.voice.overall.ratings.as_ref().unwrap();
    assert_eq!((rt.ratings, rt.mean, rt.good_share.value), (0, None, None));
}
