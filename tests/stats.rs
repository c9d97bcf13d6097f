//! Tests and power against an established statistics package: scipy 1.14.1 and statsmodels
//! 0.14.4 (from the Python package index). tests/fixtures/stats-reference.py prints every
//! expected number below from the same inputs.

use engagement_metrics::stats::significance::{
    erfc, holm, mde_two_proportions, nps_difference, power_two_proportions,
    sample_size_two_proportions, two_proportions, welch, Sample,
};

#[track_caller]
fn close(got: f64, want: f64, rel: f64) {
    assert!(
        (got - want).abs() <= rel * want.abs().max(1e-300),
        "got {got}, want {want}"
    );
}

#[test]
fn erfc_matches_scipy() {
    // scipy.special.erfc
    for (x, want) in [
        (-3.0, 1.9999779095030015),
        (-0.5, 1.5204998778130465),
        (0.0, 1.0),
        (0.3, 0.6713732405408726),
        (1.0, 0.15729920705028516),
        (1.96, 0.005573724535172135),
        (2.4, 0.0006885138966450789),
        (2.6, 0.000236034416529349),
        (4.0, 1.541725790028002e-08),
        (6.0, 2.1519736712498913e-17),
    ] {
        close(erfc(x), want, 1e-13);
    }
}

#[test]
fn two_proportions_match_statsmodels() {
    // A 120/1000, B 150/1000: proportions_ztest([150, 120], [1000, 1000]);
    // confint_proportions_2indep(150, 1000, 120, 1000, method="wald" | "log", compare="diff" | "ratio").
    let c = two_proportions(120, 1000, 150, 1000, 0.95).unwrap();
    close(c.statistic, 1.963049807622355, 1e-12);
    close(c.p_value, 0.04964038686536878, 1e-10);
    let d = c.difference_interval.unwrap();
    close(d.low, 7.60288212977786e-05, 1e-8);
    close(d.high, 0.05992397117870222, 1e-10);
    let r = c.relative_interval.unwrap();
    close(r.low + 1.0, 0.999673327758014, 1e-10);
    close(r.high + 1.0, 1.5630105921743935, 1e-10);
    close(c.relative.unwrap(), 0.25, 1e-12);
    // A 30/480, B 48/520 at 90%.
    let c = two_proportions(30, 480, 48, 520, 0.90).unwrap();
    close(c.statistic, 1.7560540667438902, 1e-12);
    close(c.p_value, 0.07907917714562852, 1e-10);
    let d = c.difference_interval.unwrap();
    close(d.low, 0.0021272382373404286, 1e-9);
    close(d.high, 0.0574881463780442, 1e-10);
    let r = c.relative_interval.unwrap();
    close(r.low + 1.0, 1.0218058642344983, 1e-10);
    close(r.high + 1.0, 2.134751670056313, 1e-10);
}

#[test]
fn welch_matches_scipy() {
    // scipy.stats.ttest_ind_from_stats(52.3, 12.1, 40, 47.9, 15.6, 35, equal_var=False), B − A
    // with A = the second sample; interval with scipy.stats.t.ppf(0.975, df).
    let c = welch(
        Sample {
            mean: 47.9,
            sd: 15.6,
            n: 35.0,
        },
        Sample {
            mean: 52.3,
            sd: 12.1,
            n: 40.0,
        },
        0.95,
    )
    .unwrap();
    close(c.statistic, 1.3505963026293355, 1e-12);
    close(c.p_value, 0.18159569376636833, 1e-9);
    close(c.df.unwrap(), 63.80400594115294, 1e-12);
    let d = c.difference_interval.unwrap();
    close(d.low, -2.108629198082302, 1e-9);
    close(d.high, 10.908629198082298, 1e-9);
}

#[test]
fn nps_difference_matches_the_coded_z_test() {
    // numpy on the +1/0/−1 coded answers (population variances), scipy.stats.norm for p and z.
    let c = nps_difference([60, 25, 15], [70, 20, 10], 0.95).unwrap();
    close(c.difference, 15.0, 1e-12);
    close(c.statistic, 1.5094638162798824, 1e-12);
    close(c.p_value, 0.13118029537394293, 1e-10);
    let d = c.difference_interval.unwrap();
    close(d.low, -4.476756879510127, 1e-10);
    close(d.high, 34.47675687951012, 1e-10);
}

#[test]
fn holm_matches_statsmodels() {
    // multipletests([0.01, 0.04, 0.03, 0.2], method="holm")
    assert_eq!(holm(&[0.01, 0.04, 0.03, 0.2]), [0.04, 0.09, 0.09, 0.2]);
}

#[test]
fn sample_size_and_power_match_statsmodels() {
    // samplesize_proportions_2indep_onetail(diff=0.02, prop2=0.10, power=0.8, alpha=0.05,
    // alternative="two-sided") = 3840.847…; power_proportions_2indep(0.02, 0.10, 3841) = 0.800017.
    close(
        sample_size_two_proportions(0.10, 0.12, 0.8, 0.05).unwrap(),
        3840.8474824362734,
        1e-6,
    );
    close(
        power_two_proportions(0.10, 0.12, 3841.0, 0.05).unwrap(),
        0.8000165286163742,
        1e-9,
    );
    // The MDE at that size is the lift it was sized for.
    close(
        mde_two_proportions(0.10, 3840.8474824362734, 0.8, 0.05).unwrap(),
        0.02,
        1e-6,
    );
}
