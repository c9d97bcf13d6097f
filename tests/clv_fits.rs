//! The quasi-Newton CLV fits (issue 19): analytic gradients against finite differences, the
//! same optimum as Nelder–Mead on CDNOW, and the same fit for the same customers in any order.

mod common;

use engagement_metrics::metrics::clv::{bgnbd, gamma_gamma, Rft};

fn histories() -> Vec<Rft> {
    common::cdnow_summary()
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

fn spends() -> Vec<(f64, f64)> {
    common::cdnow_summary()
        .into_iter()
        .filter(|(c, _)| c.x > 0.0)
        .map(|(c, z)| (c.x, z))
        .collect()
}

/// Deterministic Fisher–Yates shuffle (xorshift), so a failure can be replayed.
fn shuffled<T: Clone>(v: &[T], seed: u64) -> Vec<T> {
    let mut v = v.to_vec();
    let mut state = seed;
    for i in (1..v.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        v.swap(i, (state % (i as u64 + 1)) as usize);
    }
    v
}

#[track_caller]
fn close(got: f64, want: f64, rel: f64, what: &str) {
    assert!(
        (got - want).abs() <= rel * want.abs(),
        "{what}: {got} vs {want} (relative {:e}, allowed {rel:e})",
        ((got - want) / want).abs()
    );
}

/// Central differences of `f` at `th` in each coordinate, Richardson-extrapolated from the
/// steps 2e-3 and 1e-3 on the log scale (error O(h⁴); smaller steps drown in the value's
/// rounding).
fn finite_differences<const N: usize>(f: impl Fn([f64; N]) -> f64, th: [f64; N]) -> [f64; N] {
    let central = |i: usize, h: f64| {
        let (mut up, mut down) = (th, th);
        up[i] += h;
        down[i] -= h;
        (f(up) - f(down)) / (2.0 * h)
    };
    std::array::from_fn(|i| (4.0 * central(i, 1e-3) - central(i, 2e-3)) / 3.0)
}

#[track_caller]
fn gradient_matches(analytic: &[f64], numeric: &[f64], value: f64, what: &str) {
    for (i, (g, fd)) in analytic.iter().zip(numeric).enumerate() {
        // The differences are good to ~h⁴ f⁽⁵⁾ plus the value's rounding / h.
        let allowed = 1e-6 * g.abs().max(1.0) + 1e-9 * value.abs();
        assert!(
            (g - fd).abs() <= allowed,
            "{what}, component {i}: analytic {g}, finite differences {fd}"
        );
    }
}

#[test]
fn bg_nbd_gradient_matches_finite_differences() {
    let cdnow = histories();
    assert!(cdnow.iter().any(|c| c.x == 0.0) && cdnow.iter().any(|c| c.x > 0.0));
    // A few customers with a fractional x (the ψ path rather than the exact sums) and x = 0.
    let small = vec![
        Rft {
            x: 0.0,
            t_x: 0.0,
            t: 30.0,
        },
        Rft {
            x: 0.0,
            t_x: 0.0,
            t: 12.5,
        },
        Rft {
            x: 2.5,
            t_x: 10.0,
            t: 30.0,
        },
        Rft {
            x: 1.0,
            t_x: 3.0,
            t: 4.0,
        },
        Rft {
            x: 14.0,
            t_x: 25.0,
            t: 26.0,
        },
    ];
    let points = [
        // The start, the CDNOW optimum, and points far from it (a small, b large; r large).
        [0.0, 3.0, 0.0, 0.0],
        [0.243f64.ln(), 4.414f64.ln(), 0.793f64.ln(), 2.426f64.ln()],
        [-2.0, 1.0, -6.0, 5.0],
        [3.0, 5.0, 1.5, -1.0],
    ];
    for data in [&cdnow, &small] {
        for modified in [false, true] {
            for th in points {
                let (v, g) = bgnbd::negative_ln_likelihood_with_gradient(th, data, modified);
                let f =
                    |p: [f64; 4]| bgnbd::negative_ln_likelihood_with_gradient(p, data, modified).0;
                assert_eq!(v, f(th));
                // The value is the log-likelihood summed customer by customer.
                let direct: f64 = data
                    .iter()
                    .map(|c| {
                        let [r, al, a, b] = th.map(f64::exp);
                        bgnbd::ln_likelihood(r, al, a, b, c, modified)
                    })
                    .sum();
                close(-v, direct, 1e-12, "value");
                gradient_matches(
                    &g,
                    &finite_differences(f, th),
                    v,
                    &format!("{} customers, modified {modified}, θ {th:?}", data.len()),
                );
            }
        }
    }
}

#[test]
fn gamma_gamma_gradient_matches_finite_differences() {
    let cdnow = spends();
    let small = vec![
        (1.0, 20.0),
        (2.0, 35.5),
        (2.0, 12.0),
        (7.0, 80.0),
        (3.0, 0.5),
    ];
    let points = [
        [0.0, 0.0, 3.0],
        [6.25f64.ln(), 3.74f64.ln(), 15.44f64.ln()],
        [-3.0, 5.0, 8.0],
        [4.0, -2.0, -1.0],
    ];
    for data in [&cdnow, &small] {
        for th in points {
            let (v, g) = gamma_gamma::negative_ln_likelihood_with_gradient(th, data);
            let f = |p: [f64; 3]| gamma_gamma::negative_ln_likelihood_with_gradient(p, data).0;
            let direct: f64 = data
                .iter()
                .map(|&(x, m)| {
                    let [p, q, gm] = th.map(f64::exp);
                    gamma_gamma::ln_likelihood(p, q, gm, x, m)
                })
                .sum();
            close(-v, direct, 1e-11, "value");
            gradient_matches(
                &g,
                &finite_differences(f, th),
                v,
                &format!("{} customers, θ {th:?}", data.len()),
            );
        }
    }
}

/// Parameters within `rel` of a reference fit.
#[track_caller]
fn same_bg_nbd(got: &bgnbd::BgNbd, want: &bgnbd::BgNbd, rel: f64) {
    close(got.r, want.r, rel, "r");
    close(got.alpha, want.alpha, rel, "α");
    close(got.a, want.a, rel, "a");
    close(got.b, want.b, rel, "b");
}

#[test]
fn bg_nbd_finds_the_nelder_mead_optimum_on_cdnow() {
    let data = histories();
    for modified in [false, true] {
        let fit = bgnbd::fit(&data, modified);
        assert!(fit.converged, "{fit:?}");
        // Nelder–Mead as it ran in production (tolerance 1e-10), and polished (1e-15): on
        // this likelihood's flat directions the former stops up to ~4e-6 away from the
        // optimum, so the parameters are compared with the latter to 1e-6.
        let shipped = bgnbd::fit_nelder_mead(&data, modified, 1e-10);
        let polished = bgnbd::fit_nelder_mead(&data, modified, 1e-15);
        for nm in [&shipped, &polished] {
            assert!(
                fit.log_likelihood >= nm.log_likelihood - 1e-9 * nm.log_likelihood.abs(),
                "modified {modified}: LL {} vs Nelder–Mead {}",
                fit.log_likelihood,
                nm.log_likelihood
            );
        }
        same_bg_nbd(&fit, &polished, 1e-6);
        same_bg_nbd(&fit, &shipped, 1e-5);
    }
    // The published BG/NBD fit (Fader, Hardie & Lee 2005).
    let fit = bgnbd::fit(&data, false);
    close(fit.r, 0.243, 2e-3, "r");
    close(fit.alpha, 4.414, 2e-3, "α");
    close(fit.a, 0.793, 2e-3, "a");
    close(fit.b, 2.426, 2e-3, "b");
}

#[test]
fn gamma_gamma_finds_the_nelder_mead_optimum_on_cdnow() {
    let data = spends();
    let fit = gamma_gamma::fit(&data);
    assert!(fit.converged, "{fit:?}");
    let shipped = gamma_gamma::fit_nelder_mead(&data, 1e-10);
    let polished = gamma_gamma::fit_nelder_mead(&data, 1e-15);
    for nm in [&shipped, &polished] {
        assert!(
            fit.log_likelihood >= nm.log_likelihood - 1e-9 * nm.log_likelihood.abs(),
            "LL {} vs Nelder–Mead {}",
            fit.log_likelihood,
            nm.log_likelihood
        );
    }
    for (nm, rel) in [(&polished, 1e-6), (&shipped, 1e-5)] {
        close(fit.p, nm.p, rel, "p");
        close(fit.q, nm.q, rel, "q");
        close(fit.gamma, nm.gamma, rel, "γ");
    }
    close(fit.p, 6.25, 2e-3, "p");
    close(fit.q, 3.74, 2e-3, "q");
    close(fit.gamma, 15.44, 2e-3, "γ");
}

#[test]
fn the_same_customers_in_any_order_give_the_same_fit_bit_for_bit() {
    let data = histories();
    let spend = spends();
    for modified in [false, true] {
        let fit = bgnbd::fit(&data, modified);
        for seed in [1, 7, 12345] {
            let again = bgnbd::fit(&shuffled(&data, seed), modified);
            assert_eq!(fit, again, "modified {modified}, seed {seed}");
        }
    }
    let fit = gamma_gamma::fit(&spend);
    for seed in [1, 7, 12345] {
        assert_eq!(
            fit,
            gamma_gamma::fit(&shuffled(&spend, seed)),
            "seed {seed}"
        );
    }
    // A flat likelihood (no drop-out in the data: everyone buys steadily until the end), where
    // the start decided how far along the ridge the optimiser stopped.
    let steady: Vec<Rft> = (0..3000)
        .map(|i| {
            let t = 20.0 + (i % 37) as f64 + (i % 7) as f64 / 7.0;
            let x = ((i * 7919) % 11) as f64;
            Rft {
                x,
                t_x: if x > 0.0 {
                    t - (i % 3) as f64 / 7.0
                } else {
                    0.0
                },
                t,
            }
        })
        .collect();
    let fit = bgnbd::fit(&steady, false);
    for seed in [3, 99] {
        assert_eq!(
            fit,
            bgnbd::fit(&shuffled(&steady, seed), false),
            "seed {seed}"
        );
    }
}

#[test]
fn expected_purchases_are_continuous_through_a_equal_one() {
    // The closed form divides by a − 1: at a = 1 it is the limit from both sides.
    for modified in [false, true] {
        let at = |a: f64| {
            bgnbd::BgNbd {
                r: 0.5,
                alpha: 6.0,
                a,
                b: 2.0,
                log_likelihood: 0.0,
                modified,
                converged: true,
            }
            .expected_purchases(
                &Rft {
                    x: 2.0,
                    t_x: 20.0,
                    t: 30.0,
                },
                52.0,
            )
        };
        let one = at(1.0);
        assert!(one.is_finite() && one > 0.0, "{one}");
        let (below, above) = (at(1.0 - 1e-3), at(1.0 + 1e-3));
        assert!(
            (one - 0.5 * (below + above)).abs() < 1e-6 * one,
            "{below} {one} {above}"
        );
        assert!((below - one).abs() < 1e-2 * one && (above - one).abs() < 1e-2 * one);
    }
}
