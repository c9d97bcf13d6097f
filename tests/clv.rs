//! Predictive CLV models against the published CDNOW fits: BG/NBD (Fader, Hardie & Lee 2005:
//! r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4) and Gamma-Gamma (Fader & Hardie's note:
//! p 6.25, q 3.74, γ 15.44); the sBG fit of the "regular" retention example (Fader & Hardie
//! 2007: α 0.704, β 1.182). Each parameter within 1%.

mod common;

use engagement_metrics::metrics::clv::{bgnbd, gamma_gamma, sbg, Rft};

#[track_caller]
fn within_1pct(got: f64, want: f64) {
    assert!(
        ((got - want) / want).abs() < 0.01,
        "got {got}, want {want} (±1%)"
    );
}

#[test]
fn bg_nbd_reproduces_the_published_cdnow_fit() {
    let data: Vec<Rft> = common::cdnow_summary()
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(data.len(), 2357);
    let m = bgnbd::fit(&data, false);
    within_1pct(m.r, 0.243);
    within_1pct(m.alpha, 4.414);
    within_1pct(m.a, 0.793);
    within_1pct(m.b, 2.426);
    assert!(
        (m.log_likelihood - -9582.4).abs() < 0.1,
        "LL {}",
        m.log_likelihood
    );
    // P(alive) of a customer with no repeat purchase is 1 under BG/NBD; expectations grow with t.
    assert_eq!(
        m.p_alive(&Rft {
            x: 0.0,
            t_x: 0.0,
            t: 38.86
        }),
        1.0
    );
    let c = Rft {
        x: 2.0,
        t_x: 30.43,
        t: 38.86,
    };
    let (e1, e2) = (
        m.expected_purchases(&c, 39.0),
        m.expected_purchases(&c, 78.0),
    );
    assert!(e1 > 0.0 && e2 > e1, "{e1} {e2}");
    let mbg = bgnbd::fit(&data, true);
    assert!(mbg.log_likelihood.is_finite());
}

#[test]
fn gamma_gamma_reproduces_the_published_cdnow_fit() {
    let data: Vec<(f64, f64)> = common::cdnow_summary()
        .into_iter()
        .filter(|(c, _)| c.x > 0.0)
        .map(|(c, z)| (c.x, z))
        .collect();
    assert_eq!(data.len(), 946);
    let m = gamma_gamma::fit(&data);
    within_1pct(m.p, 6.25);
    within_1pct(m.q, 3.74);
    within_1pct(m.gamma, 15.44);
}

#[test]
fn sbg_fits_the_regular_retention_example() {
    // Fader & Hardie (2007), "regular" customers, years 0–7.
    let alive = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
    // The paper's estimates for these 7 years are α 0.704, β 1.182; the issue quotes α 0.688,
    // which no range of the published counts gives (years 0–2 … 0–12 give α 0.86 … 0.697).
    let m = sbg::fit(&alive);
    within_1pct(m.alpha, 0.704);
    within_1pct(m.beta, 1.182);
    assert!(
        (m.log_likelihood - -1680.27).abs() < 0.01,
        "LL {}",
        m.log_likelihood
    );
    // Projected survival: S(1) = β / (α + β).
    let s = sbg::survival(m.alpha, m.beta, 12);
    assert!((s[1] - m.beta / (m.alpha + m.beta)).abs() < 1e-12);
}

/// The raw CDNOW sample as a CSV a person would have: customer, date, amount.
fn cdnow_csv() -> String {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cdnow-sample.txt"
    ))
    .unwrap();
    String::from_utf8(common::cdnow_csv(&raw)).unwrap()
}

#[test]
fn predictive_clv_from_raw_transactions_matches_the_published_fit() {
    let csv = cdnow_csv();
    let r = common::transactions(
        csv.as_bytes(),
        r#"{"clv": {"calibrationEnd": "1997-09-30", "asOf": "1998-06-30", "horizon": 52}}"#,
    );
    let clv = r.body.clv.expect("clv");
    assert_eq!(clv.customers, 2357);
    // Same-day purchases merged, weeks from the first purchase: the published summary, hence
    // the published parameters.
    within_1pct(clv.purchases.r, 0.243);
    within_1pct(clv.purchases.alpha, 4.414);
    within_1pct(clv.purchases.a, 0.793);
    within_1pct(clv.purchases.b, 2.426);
    assert!(
        (clv.purchases.log_likelihood - -9582.4).abs() < 0.5,
        "{}",
        clv.purchases.log_likelihood
    );
    let gg = clv.spend.expect("spend model");
    within_1pct(gg.p, 6.25);
    within_1pct(gg.q, 3.74);
    within_1pct(gg.gamma, 15.44);
    // Holdout (39 weeks). Actual: distinct (customer, day) purchases after 1997-09-30, counted
    // here independently from the raw rows. Predicted: with the published parameters the
    // conditional expectations sum to 1653.9 (the model under-forecasts this holdout by ~12%).
    let h = clv.holdout.expect("holdout");
    assert!((h.units - 39.0).abs() < 0.2, "{}", h.units);
    let mut days = std::collections::BTreeSet::new();
    for l in csv.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        if f[1] > "1997-09-30" && f[1] <= "1998-06-30" {
            days.insert((f[0].to_string(), f[1].to_string()));
        }
    }
    assert_eq!(h.actual, days.len() as f64);
    within_1pct(h.predicted, 1653.9);
    assert!(clv.mean_clv.unwrap() > 0.0);
    assert_eq!(clv.distribution.iter().map(|b| b.1).sum::<u64>(), 2357);
}

#[test]
fn gamma_gamma_fit_reports_the_likelihood_of_its_parameters() {
    // The fit sums precomputed statistics; its reported log-likelihood must equal the plain
    // per-customer sum at the same parameters.
    let data: Vec<(f64, f64)> = common::cdnow_summary()
        .into_iter()
        .filter(|(c, _)| c.x > 0.0)
        .map(|(c, z)| (c.x, z))
        .collect();
    let m = gamma_gamma::fit(&data);
    let direct: f64 = data
        .iter()
        .map(|&(x, z)| gamma_gamma::ln_likelihood(m.p, m.q, m.gamma, x, z))
        .sum();
    assert!(
        (m.log_likelihood - direct).abs() < 1e-6,
        "{} {direct}",
        m.log_likelihood
    );
    assert!(m.converged);
}

#[test]
fn expected_purchases_start_at_the_alive_customers_rate() {
    // For a short horizon h, E[X(h)] ≈ P(alive) × E[λ | history] × h, with
    // E[λ | history] = (r + x) / (α + T): checks both the BG/NBD and the MBG/NBD expressions.
    for modified in [false, true] {
        let m = bgnbd::BgNbd {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
            log_likelihood: 0.0,
            modified,
            converged: true,
        };
        for c in [
            Rft {
                x: 2.0,
                t_x: 30.43,
                t: 38.86,
            },
            Rft {
                x: 0.0,
                t_x: 0.0,
                t: 20.0,
            },
            Rft {
                x: 7.0,
                t_x: 10.0,
                t: 35.0,
            },
        ] {
            let h = 1e-4;
            let want = m.p_alive(&c) * (m.r + c.x) / (m.alpha + c.t) * h;
            let got = m.expected_purchases(&c, h);
            assert!(
                ((got - want) / want).abs() < 1e-3,
                "{modified} {c:?}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn customer_table_clv_is_the_discounted_sum_of_expected_purchases() {
    let csv = cdnow_csv();
    let r = common::transactions(
        csv.as_bytes(),
        r#"{"clv": {"calibrationEnd": "1997-09-30", "horizon": 12, "discountRate": 0.01, "margin": 0.3, "customers": true}}"#,
    );
    let clv = r.body.clv.expect("clv");
    let table = clv.customer_table.as_ref().expect("table");
    assert_eq!(table.len(), 2357);
    let m = clv.purchases;
    let gg = clv.spend.unwrap();
    // Customer 1 of the sample (ids are as in the file).
    for c in table.iter().take(50) {
        let rft = Rft {
            x: c.frequency,
            t_x: c.recency,
            t: c.t,
        };
        let mut want = 0.0;
        for k in 1..=12 {
            let step =
                m.expected_purchases(&rft, k as f64) - m.expected_purchases(&rft, k as f64 - 1.0);
            want += step / 1.01f64.powi(k);
        }
        let value = if c.frequency > 0.0 {
            gg.expected_value(c.frequency, c.mean_repeat_value)
        } else {
            gg.p * gg.gamma / (gg.q - 1.0)
        };
        want *= value * 0.3;
        let clv = c.clv.expect("a finite CLV");
        assert!(
            (clv - want).abs() < 1e-9 * want.max(1.0),
            "{}: {clv} vs {want}",
            c.customer,
        );
        assert!((c.p_alive.expect("pAlive") - m.p_alive(&rft)).abs() < 1e-12);
    }
    let mean = table.iter().filter_map(|c| c.clv).sum::<f64>() / 2357.0;
    assert!((clv.mean_clv.unwrap() - mean).abs() < 1e-9);
    assert!(clv.seconds.is_some());
    // The file runs to 1998-06-30: the holdout column adds up to the holdout total.
    let held: f64 = table.iter().map(|c| c.holdout_purchases.unwrap()).sum();
    assert_eq!(held, clv.holdout.as_ref().unwrap().actual);
    assert!(
        r.warnings
            .iter()
            .all(|w| !w.code.name().starts_with("CLV_")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_fit_on_too_little_data_warns() {
    let r = common::transactions(
        b"customer,date,amount\na,2024-01-01,10\na,2024-02-01,12\nb,2024-01-05,8\nc,2024-03-01,20\n",
        r#"{"clv": {}}"#,
    );
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code.name()).collect();
    assert!(codes.contains(&"CLV_FEW_CUSTOMERS"), "{codes:?}");
    // One-time buyers only: no repeat purchases to fit on.
    let r = common::transactions(
        b"customer,date,amount\na,2024-01-01,10\nb,2024-01-05,8\nc,2024-03-01,20\n",
        r#"{"clv": {}}"#,
    );
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code.name()).collect();
    assert!(codes.contains(&"CLV_NO_REPEAT_PURCHASES"), "{codes:?}");
    assert!(r.body.clv.unwrap().mean_clv.unwrap().is_finite());
}

#[test]
fn sbg_lifetimes() {
    // Regular customers: S(1) = 1.182/1.886 = 0.627, S(2) = 0.627 × 2.182/2.886 = 0.474.
    assert_eq!(sbg::median_lifetime(0.704, 1.182), Some(2));
    // α ≤ 1: the mean lifetime is infinite.
    assert_eq!(sbg::mean_lifetime(0.704, 1.182), None);
    // α 1.5, β 2: (α + β − 1)/(α − 1) = 5 periods.
    assert!((sbg::mean_lifetime(1.5, 2.0).unwrap() - 5.0).abs() < 1e-12);
    // Discounted lifetime: the hypergeometric closed form against the direct sum.
    for (a, b, d) in [
        (0.704f64, 1.182f64, 0.1f64),
        (1.5, 2.0, 0.05),
        (3.8, 0.7, 0.2),
    ] {
        let s = sbg::survival(a, b, 5000);
        let direct: f64 = s
            .iter()
            .enumerate()
            .map(|(t, v)| v / (1.0 + d).powi(t as i32))
            .sum();
        let closed = sbg::discounted_lifetime(a, b, d).unwrap();
        assert!(
            (closed - direct).abs() < 1e-9,
            "{a} {b} {d}: {closed} vs {direct}"
        );
    }
}
