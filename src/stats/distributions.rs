//! Quantile functions of the normal and Student t distributions, to full double precision.
#![allow(clippy::inconsistent_digit_grouping, clippy::excessive_precision)] // published coefficients, kept as printed

/// Inverse of the standard normal CDF (Wichura's algorithm AS 241, PPND16; relative error ~1e-16).
/// Returns `None` outside the open interval (0, 1).
pub fn normal_quantile(p: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((r * 2509.080_928_730_122_7 + 33430.575_583_588_128) * r
            + 67265.770_927_008_7)
            * r
            + 45921.953_931_549_87)
            * r
            + 13731.693_765_509_461)
            * r
            + 1971.590_950_306_551_3)
            * r
            + 133.141_667_891_784_38)
            * r
            + 3.387_132_872_796_366_5;
        let den = ((((((r * 5226.495_278_852_545 + 28729.085_735_721_943) * r
            + 39307.895_800_092_71)
            * r
            + 21213.794_301_586_597)
            * r
            + 5394.196_021_424_751)
            * r
            + 687.187_007_492_057_9)
            * r
            + 42.313_330_701_600_91)
            * r
            + 1.0;
        return Some(q * num / den);
    }
    let r0 = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r0.ln()).sqrt();
    let val = if r <= 5.0 {
        let r = r - 1.6;
        let num = ((((((r * 7.745_450_142_783_414e-4 + 0.022_723_844_989_269_184) * r
            + 0.241_780_725_177_450_6)
            * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_546)
            * r
            + 1.423_437_110_749_683_5;
        let den = ((((((r * 1.050_750_071_644_416_9e-9 + 5.475_938_084_995_345e-4) * r
            + 0.015_198_666_563_616_457)
            * r
            + 0.148_103_976_427_480_08)
            * r
            + 0.689_767_334_985_1)
            * r
            + 1.676_384_830_183_803_8)
            * r
            + 2.053_191_626_637_759)
            * r
            + 1.0;
        num / den
    } else {
        let r = r - 5.0;
        let num = ((((((r * 2.010_334_399_292_288_1e-7 + 2.711_555_568_743_487_6e-5) * r
            + 0.001_242_660_947_388_078_4)
            * r
            + 0.026_532_189_526_576_124)
            * r
            + 0.296_560_571_828_504_9)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103;
        let den = ((((((r * 2.044_263_103_389_939_7e-15 + 1.421_511_758_316_446e-7) * r
            + 1.846_318_317_510_054_8e-5)
            * r
            + 7.868_691_311_456_133e-4)
            * r
            + 0.014_875_361_290_850_615)
            * r
            + 0.136_929_880_922_735_8)
            * r
            + 0.599_832_206_555_888)
            * r
            + 1.0;
        num / den
    };
    Some(if q < 0.0 { -val } else { val })
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative).
pub fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection keeps precision for small x.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Digamma ψ(x) = d ln Γ(x) / dx for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10,
/// then the asymptotic series (error below 1e-15 relative there). For the analytic gradients
/// of the CLV likelihoods.
pub fn digamma(x: f64) -> f64 {
    let mut x = x;
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    // ln x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ), k = 1…6.
    let series = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2
                                * (1.0 / 240.0 - inv2 * (1.0 / 132.0 - inv2 * 691.0 / 32760.0)))));
    shift + x.ln() - 0.5 * inv - series
}

/// Regularised incomplete beta I_x(a, b) by Lentz's continued fraction.
fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    // Use the symmetry relation where the fraction converges fastest.
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - incomplete_beta(1.0 - x, b, a);
    }
    // Lentz: one step of the modified continued fraction for coefficient `aa`; returns the factor.
    let tiny = 1e-300;
    let guard = |v: f64| if v.abs() < tiny { tiny } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
    let mut h = d;
    let mut step = |aa: f64| {
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        d * c
    };
    for m in 1..=300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        h *= step(m * (b - m) * x / ((a + m2 - 1.0) * (a + m2)));
        let del = step(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0)));
        h *= del;
        if (del - 1.0).abs() < 1e-16 {
            break;
        }
    }
    ln_front.exp() * h / a
}

/// CDF of Student's t with `df` degrees of freedom.
fn student_t_cdf(t: f64, df: f64) -> f64 {
    let x = df / (df + t * t);
    let tail = 0.5 * incomplete_beta(x, df / 2.0, 0.5);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// Two-sided p-value of a Student t statistic: 2·P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2).
pub fn student_t_two_sided_p(t: f64, df: f64) -> f64 {
    incomplete_beta(df / (df + t * t), df / 2.0, 0.5)
}

/// Quantile of Student's t with `df` > 0 degrees of freedom, for p in (0, 1).
/// Bisection on the CDF (monotone), seeded by the normal quantile; converges to ~1e-12.
pub fn student_t_quantile(p: f64, df: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0 && df > 0.0 && df.is_finite()) {
        return None;
    }
    if p == 0.5 {
        return Some(0.0);
    }
    let z = normal_quantile(p)?;
    // The t quantile is further from 0 than the normal one; widen until bracketed.
    let (mut lo, mut hi) = if z > 0.0 {
        (0.0, z.max(1.0))
    } else {
        (z.min(-1.0), 0.0)
    };
    let mut guard = 0;
    while student_t_cdf(hi, df) < p && guard < 200 {
        hi *= 2.0;
        guard += 1;
    }
    while student_t_cdf(lo, df) > p && guard < 400 {
        lo *= 2.0;
        guard += 1;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-13 * mid.abs().max(1.0) {
            break;
        }
    }
    Some(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values: scipy 1.14.1 `stats.norm.ppf` / `stats.t.ppf`.
    #[test]
    fn digamma_matches_known_values_and_ln_gamma() {
        // ψ(1) = −γ (Euler–Mascheroni), ψ(½) = −γ − 2 ln 2, ψ(x + 1) = ψ(x) + 1/x.
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-14);
        assert!((digamma(0.5) + euler + 2.0 * 2f64.ln()).abs() < 1e-14);
        for x in [1e-6, 0.3, 2.5, 7.0, 40.0, 1e5] {
            let d = digamma(x + 1.0) - digamma(x) - 1.0 / x;
            assert!(d.abs() < 1e-13 * (1.0 + 1.0 / x), "{x}: {d}");
            // Central difference of ln Γ.
            let h = 1e-5 * x.max(1.0);
            let fd = (ln_gamma(x + h) - ln_gamma(x - h.min(x / 2.0))) / (h + h.min(x / 2.0));
            assert!(
                (fd - digamma(x)).abs() < 1e-5 * (1.0 + digamma(x).abs()) || x < 1e-3,
                "{x}: {fd} vs {}",
                digamma(x)
            );
        }
    }

    #[test]
    fn normal_quantiles_match_r() {
        let cases = [
            (0.975, 1.959963984540054),
            (0.995, 2.575829303548901),
            (0.95, 1.644853626951472),
            (0.5, 0.0),
            (0.001, -3.090232306167813),
            (1e-10, -6.361340902404056),
        ];
        for (p, want) in cases {
            let got = normal_quantile(p).unwrap();
            assert!(
                (got - want).abs() < 1e-12,
                "qnorm({p}) = {got}, want {want}"
            );
        }
        assert_eq!(normal_quantile(0.0), None);
        assert_eq!(normal_quantile(1.0), None);
        assert_eq!(normal_quantile(f64::NAN), None);
    }

    #[test]
    fn t_quantiles_match_r() {
        let cases = [
            (0.975, 1.0, 12.706204736174694),
            (0.975, 4.0, 2.776445105197793),
            (0.975, 9.0, 2.262157162798205),
            (0.975, 29.0, 2.045229642132703),
            (0.995, 10.0, 3.169272672616954),
            (0.025, 5.0, -2.570581835636314),
        ];
        for (p, df, want) in cases {
            let got = student_t_quantile(p, df).unwrap();
            assert!(
                (got - want).abs() < 1e-9,
                "qt({p}, {df}) = {got}, want {want}"
            );
        }
        assert_eq!(student_t_quantile(0.975, 0.0), None);
    }
}
