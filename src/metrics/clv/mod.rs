//! Predictive customer lifetime value for non-contractual businesses (BG/NBD and its MBG/NBD
//! variant for purchase counts, Gamma-Gamma for spend) and for contracts (shifted-beta-geometric
//! retention), fitted by maximum likelihood.

pub mod bgnbd;
pub mod gamma_gamma;
pub mod predict;
pub mod sbg;

/// One customer's repeat-purchase summary, in the model's time unit (weeks by default):
/// `x` repeat purchases (purchase periods after the first), `t_x` time from the first to the
/// last purchase (recency), `t` time from the first purchase to the end of observation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rft {
    pub x: f64,
    pub t_x: f64,
    pub t: f64,
}

/// Distinct histories with the number of customers having each, in a stable order.
pub fn distinct(data: &[Rft]) -> Vec<(Rft, f64)> {
    let key = |c: &Rft| (c.x.to_bits(), c.t_x.to_bits(), c.t.to_bits());
    // Through the report's one index sort (a sort of its own would add 10 KB to the .wasm).
    let mut idx: Vec<usize> = (0..data.len()).collect();
    crate::dataset::table::sort_indices(&mut idx, &|a, b| key(&data[a]).cmp(&key(&data[b])));
    let mut out: Vec<(Rft, f64)> = Vec::new();
    for c in idx.into_iter().map(|i| &data[i]) {
        match out.last_mut() {
            Some((last, w)) if key(last) == key(c) => *w += 1.0,
            _ => out.push((*c, 1.0)),
        }
    }
    out
}

/// Gauss hypergeometric ₂F₁(a, b; c; z) for |z| < 1 by its power series (the BG/NBD
/// expectations need it with 0 ≤ z < 1).
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let (mut term, mut sum) = (1.0, 1.0);
    for k in 0..100_000 {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if term.abs() < 1e-15 * sum.abs() {
            break;
        }
    }
    sum
}
