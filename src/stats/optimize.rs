//! Minimisation for maximum-likelihood fits: a quasi-Newton method (BFGS) for smooth objectives
//! with an analytic gradient, and derivative-free Nelder–Mead (its fallback, and the reference
//! the tests compare it with). Parameters that must be positive are optimised on the log scale
//! by the callers, inside a box of `PARAMETER_RANGE` around the start.

/// The minimum found.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub iterations: usize,
    /// The simplex shrank below the tolerance before `max_iter`.
    pub converged: bool,
}

/// Nelder–Mead with the standard coefficients (reflection 1, expansion 2, contraction ½,
/// shrink ½), restarted from its own result until a restart no longer improves it, so a
/// collapsed simplex cannot stop it early. Non-finite values count as +∞.
pub fn nelder_mead(
    f: &dyn Fn(&[f64]) -> f64,
    x0: &[f64],
    step: f64,
    tol: f64,
    max_iter: usize,
) -> Minimum {
    let mut best = run(f, x0, step, tol, max_iter);
    for _ in 0..8 {
        let again = run(f, &best.x, step / 4.0, tol, max_iter);
        let better = again.value < best.value - tol;
        let iterations = best.iterations + again.iterations;
        if again.value <= best.value {
            best = Minimum {
                iterations,
                ..again
            };
        }
        if !better {
            break;
        }
    }
    best
}

/// How far (in natural-log units) the model fits let a parameter move from its start: a factor
/// e¹⁵ ≈ 3.3 million either way. Beyond that the fit is degenerate and is reported as such.
pub const PARAMETER_RANGE: f64 = 15.0;

/// Nelder–Mead restricted to the box |x − x0|∞ ≤ `radius` (outside it the objective counts as
/// +∞). For likelihoods on log parameters: a degenerate fit runs along a flat ridge towards
/// 0 or ∞, and without a wall the simplex follows it for as long as iterations allow.
pub fn nelder_mead_boxed(
    f: &dyn Fn(&[f64]) -> f64,
    x0: &[f64],
    radius: f64,
    step: f64,
    tol: f64,
    max_iter: usize,
) -> Minimum {
    let boxed = |x: &[f64]| {
        if x.iter().zip(x0).all(|(a, b)| (a - b).abs() <= radius) {
            f(x)
        } else {
            f64::INFINITY
        }
    };
    nelder_mead(&boxed, x0, step, tol, max_iter)
}

/// Relative rounding of a likelihood summed over many customers, below which two values are
/// not told apart by the line search.
const NOISE: f64 = 1e-13;

/// An objective with its gradient: returns f(x) and writes ∇f(x) into the slice.
pub type WithGradient<'a> = &'a dyn Fn(&[f64], &mut [f64]) -> f64;

/// BFGS (inverse-Hessian update, Armijo backtracking) restricted to the box
/// |x − x0|∞ ≤ `radius`: steps are projected on the box, and a coordinate at a wall whose
/// gradient points out of the box is held there (projected quasi-Newton), so a degenerate fit
/// that runs along a ridge towards 0 or ∞ stops at the wall instead of wandering.
///
/// `converged` when the projected gradient is small: every component at most
/// `gtol` × (1 + |f|). When the line search cannot lower the objective from a fresh
/// (identity) metric, or after `max_iter` iterations, it hands over to Nelder–Mead in the same
/// box from the best point found (with `nm_tol`), and reports Nelder–Mead's verdict.
/// Non-finite values count as +∞.
pub fn bfgs_boxed(
    fg: WithGradient,
    x0: &[f64],
    radius: f64,
    gtol: f64,
    max_iter: usize,
    nm_tol: f64,
) -> Minimum {
    let n = x0.len();
    let lo: Vec<f64> = x0.iter().map(|c| c - radius).collect();
    let hi: Vec<f64> = x0.iter().map(|c| c + radius).collect();
    let eval = |x: &[f64], g: &mut [f64]| {
        let v = fg(x, g);
        if v.is_finite() && g.iter().all(|d| d.is_finite()) {
            v
        } else {
            f64::INFINITY
        }
    };
    let fallback = |from: &[f64], iterations: usize| {
        let f = |x: &[f64]| {
            let mut g = vec![0.0; n];
            fg(x, &mut g)
        };
        let boxed = |x: &[f64]| {
            if x.iter().zip(x0).all(|(a, b)| (a - b).abs() <= radius) {
                f(x)
            } else {
                f64::INFINITY
            }
        };
        let m = nelder_mead(&boxed, from, 0.1, nm_tol, 20_000);
        Minimum {
            iterations: iterations + m.iterations,
            ..m
        }
    };
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut fx = eval(&x, &mut g);
    if !fx.is_finite() {
        return fallback(x0, 0);
    }
    let identity = || {
        let mut h = vec![vec![0.0; n]; n];
        for (i, row) in h.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        h
    };
    let mut h = identity();
    // The metric is the unscaled identity (first step, or after a reset).
    let mut fresh = true;
    let (mut xn, mut gn, mut pg, mut d, mut s, mut y) = (
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
    );
    const STALL: usize = 10;
    // Values of the last STALL iterations (a ring).
    let mut recent = [f64::INFINITY; STALL];
    let mut it = 0;
    while it < max_iter {
        it += 1;
        // Coordinates held at a wall, and the projected gradient.
        let held: Vec<bool> = (0..n)
            .map(|i| (x[i] <= lo[i] && g[i] > 0.0) || (x[i] >= hi[i] && g[i] < 0.0))
            .collect();
        for i in 0..n {
            pg[i] = if held[i] { 0.0 } else { g[i] };
        }
        let worst = pg.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        // Converged: the projected gradient is small, or the value has stopped changing
        // beyond its rounding over the last STALL iterations (a flat ridge, where the optimum
        // runs off towards a wall; Nelder–Mead stops there too).
        let stalled = it > STALL && recent[(it - 1) % STALL] - fx <= NOISE * (1.0 + fx.abs());
        if worst <= gtol * (1.0 + fx.abs()) || stalled {
            return Minimum {
                x,
                value: fx,
                iterations: it,
                converged: true,
            };
        }
        recent[(it - 1) % STALL] = fx;
        for i in 0..n {
            d[i] = if held[i] {
                0.0
            } else {
                -(0..n).map(|j| h[i][j] * pg[j]).sum::<f64>()
            };
        }
        if d.iter().zip(&pg).map(|(a, b)| a * b).sum::<f64>() >= 0.0 {
            h = identity();
            fresh = true;
            for i in 0..n {
                d[i] = -pg[i];
            }
        }
        if fresh {
            // Unscaled gradient steps can be huge (the gradient grows with the data): at most
            // one unit of log parameter.
            let big = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            if big > 1.0 {
                d.iter_mut().for_each(|v| *v /= big);
            }
        }
        let mut t = 1.0;
        let mut accepted = None;
        // A decrease smaller than the value's rounding cannot be seen: after the full step
        // (which may be taken within that rounding, below), no shorter step is tried.
        let visible = NOISE * (1.0 + fx.abs());
        let descent: f64 = -d.iter().zip(&pg).map(|(a, b)| a * b).sum::<f64>();
        for _ in 0..60 {
            if t < 1.0 && t * descent < visible {
                break;
            }
            for i in 0..n {
                xn[i] = (x[i] + t * d[i]).clamp(lo[i], hi[i]);
                s[i] = xn[i] - x[i];
            }
            if s.iter().all(|v| *v == 0.0) {
                break;
            }
            let fnew = eval(&xn, &mut gn);
            let slope: f64 = g.iter().zip(&s).map(|(a, b)| a * b).sum();
            if fnew < fx && fnew <= fx + 1e-4 * slope {
                accepted = Some(fnew);
                break;
            }
            // At the optimum the value stops changing before the gradient does (its rounding
            // is larger than the decrease left): a full step within that rounding which
            // shrinks the projected gradient is taken, so the gradient test can be met.
            if t == 1.0 && fnew.is_finite() && fnew <= fx + NOISE * (1.0 + fx.abs()) {
                let after = (0..n)
                    .filter(|&i| {
                        !((xn[i] <= lo[i] && gn[i] > 0.0) || (xn[i] >= hi[i] && gn[i] < 0.0))
                    })
                    .fold(0.0f64, |m, i| m.max(gn[i].abs()));
                if after < 0.5 * worst {
                    accepted = Some(fnew);
                    break;
                }
            }
            t *= 0.5;
        }
        let Some(fnew) = accepted else {
            if fresh {
                // Not even a short steepest-descent step lowers the value. With a gradient
                // this small it is the value's rounding (the decrease left is below it): the
                // optimum to the precision the value allows. Otherwise the gradient is wrong
                // (or the objective not smooth here): Nelder–Mead decides.
                if worst <= gtol.sqrt() * (1.0 + fx.abs()) {
                    return Minimum {
                        x,
                        value: fx,
                        iterations: it,
                        converged: true,
                    };
                }
                return fallback(&x, it);
            }
            h = identity();
            fresh = true;
            continue;
        };
        for i in 0..n {
            y[i] = gn[i] - g[i];
        }
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        let yy: f64 = y.iter().map(|v| v * v).sum();
        let ss: f64 = s.iter().map(|v| v * v).sum();
        if sy > 1e-12 * (ss * yy).sqrt() {
            if fresh {
                let scale = sy / yy;
                h = identity();
                h.iter_mut()
                    .for_each(|row| row.iter_mut().for_each(|v| *v *= scale));
                fresh = false;
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy.
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n)
                .map(|i| (0..n).map(|j| h[i][j] * y[j]).sum())
                .collect();
            let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for i in 0..n {
                for j in 0..n {
                    h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        std::mem::swap(&mut x, &mut xn);
        std::mem::swap(&mut g, &mut gn);
        fx = fnew;
    }
    fallback(&x, it)
}

fn run(f: &dyn Fn(&[f64]) -> f64, x0: &[f64], step: f64, tol: f64, max_iter: usize) -> Minimum {
    let n = x0.len();
    let eval = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut pts: Vec<Vec<f64>> = vec![x0.to_vec()];
    for i in 0..n {
        let mut p = x0.to_vec();
        p[i] += step;
        pts.push(p);
    }
    let mut vals: Vec<f64> = pts.iter().map(|p| eval(p)).collect();
    let mut it = 0;
    let mut converged = false;
    // Best value STALL iterations ago: on a flat ridge (a degenerate likelihood) the simplex
    // keeps moving while the value no longer changes; stop when it has stopped improving.
    const STALL: usize = 200;
    let mut checkpoint = f64::INFINITY;
    while it < max_iter {
        it += 1;
        let mut idx: Vec<usize> = (0..=n).collect();
        // Ties by vertex number: the order a stable sort gives.
        super::sort_indices(&mut idx, &|a, b| {
            vals[a].total_cmp(&vals[b]).then(a.cmp(&b))
        });
        pts = idx.iter().map(|&i| pts[i].clone()).collect();
        vals = idx.iter().map(|&i| vals[i]).collect();
        let spread = (vals[n] - vals[0]).abs();
        let size = (1..=n)
            .map(|i| {
                pts[i]
                    .iter()
                    .zip(&pts[0])
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f64::max)
            })
            .fold(0.0, f64::max);
        if spread <= tol * (1.0 + vals[0].abs()) && size <= tol.sqrt() {
            converged = true;
            break;
        }
        if it % STALL == 0 {
            if checkpoint - vals[0] <= tol * (1.0 + vals[0].abs()) {
                converged = true;
                break;
            }
            checkpoint = vals[0];
        }
        let centroid: Vec<f64> = (0..n)
            .map(|j| pts[..n].iter().map(|p| p[j]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|j| centroid[j] + t * (pts[n][j] - centroid[j]))
                .collect()
        };
        let xr = along(-1.0);
        let fr = eval(&xr);
        if fr < vals[0] {
            let xe = along(-2.0);
            let fe = eval(&xe);
            if fe < fr {
                pts[n] = xe;
                vals[n] = fe;
            } else {
                pts[n] = xr;
                vals[n] = fr;
            }
        } else if fr < vals[n - 1] {
            pts[n] = xr;
            vals[n] = fr;
        } else {
            let (xc, fc) = if fr < vals[n] {
                let xc = along(-0.5);
                let fc = eval(&xc);
                (xc, fc)
            } else {
                let xc = along(0.5);
                let fc = eval(&xc);
                (xc, fc)
            };
            if fc < vals[n].min(fr) {
                pts[n] = xc;
                vals[n] = fc;
            } else {
                let best = pts[0].clone();
                for i in 1..=n {
                    for (x, b) in pts[i].iter_mut().zip(&best) {
                        *x = b + 0.5 * (*x - b);
                    }
                    vals[i] = eval(&pts[i]);
                }
            }
        }
    }
    let (mut bi, mut bv) = (0, vals[0]);
    for (i, &v) in vals.iter().enumerate() {
        if v < bv {
            bi = i;
            bv = v;
        }
    }
    Minimum {
        x: pts[bi].clone(),
        value: bv,
        iterations: it,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rosenbrock() {
        let f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = nelder_mead(&f, &[-1.2, 1.0], 0.5, 1e-12, 5000);
        assert!(
            (m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4,
            "{m:?}"
        );
    }

    fn rosenbrock_with_gradient(x: &[f64], g: &mut [f64]) -> f64 {
        g[0] = -2.0 * (1.0 - x[0]) - 400.0 * x[0] * (x[1] - x[0] * x[0]);
        g[1] = 200.0 * (x[1] - x[0] * x[0]);
        (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2)
    }

    #[test]
    fn bfgs_finds_the_rosenbrock_minimum() {
        let m = bfgs_boxed(
            &rosenbrock_with_gradient,
            &[-1.2, 1.0],
            15.0,
            1e-12,
            500,
            1e-12,
        );
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-9 && (m.x[1] - 1.0).abs() < 1e-9,
            "{m:?}"
        );
        assert!(m.iterations < 100, "{m:?}");
    }

    #[test]
    fn bfgs_stops_at_the_wall_of_its_box() {
        // A ridge falling towards +∞ in x[0]: the minimum in the box is on its wall, where the
        // gradient of the held coordinate points out and the other one is zero.
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = -(-x[0]).exp();
            g[1] = 2.0 * (x[1] - 3.0);
            (-x[0]).exp() + (x[1] - 3.0).powi(2)
        };
        let m = bfgs_boxed(&f, &[0.0, 0.0], 15.0, 1e-12, 500, 1e-12);
        assert_eq!(m.x[0], 15.0, "{m:?}");
        assert!((m.x[1] - 3.0).abs() < 1e-9, "{m:?}");
        assert!(m.converged);
    }

    #[test]
    fn bfgs_hands_over_to_nelder_mead_when_the_gradient_is_wrong() {
        // A gradient of the wrong sign: no step along it lowers the objective, so the result is
        // Nelder–Mead's, from the start.
        let f = |x: &[f64], g: &mut [f64]| {
            g[0] = -2.0 * (x[0] - 1.0);
            (x[0] - 1.0).powi(2)
        };
        let m = bfgs_boxed(&f, &[0.0], 15.0, 1e-12, 500, 1e-14);
        assert!((m.x[0] - 1.0).abs() < 1e-6, "{m:?}");
        assert!(m.converged);
    }
}
