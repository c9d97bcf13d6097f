//! Derivative-free minimisation (Nelder–Mead), used for maximum-likelihood fits. Parameters
//! that must be positive are optimised on the log scale by the callers.

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
        idx.sort_by(|&a, &b| vals[a].total_cmp(&vals[b]));
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
}
