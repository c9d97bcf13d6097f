//! Elapsed time, for the figures that report how long they took (the CLV fits). The core has
//! no clock of its own on wasm32, where `std::time::Instant` panics: the bindings install one.

use std::sync::OnceLock;

static NOW_MS: OnceLock<fn() -> f64> = OnceLock::new();

/// Installs the millisecond clock (the bindings pass `Date.now`). The first one installed stays.
pub fn install(now_ms: fn() -> f64) {
    let _ = NOW_MS.set(now_ms);
}

fn now_ms() -> Option<f64> {
    if let Some(f) = NOW_MS.get() {
        return Some(f());
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        Some(
            START
                .get_or_init(std::time::Instant::now)
                .elapsed()
                .as_secs_f64()
                * 1000.0,
        )
    }
    #[cfg(target_arch = "wasm32")]
    None
}

/// A started stopwatch; without a clock it measures nothing.
pub struct Clock(Option<f64>);

impl Clock {
    pub fn now() -> Self {
        Clock(now_ms())
    }

    pub fn elapsed_seconds(&self) -> Option<f64> {
        Some((now_ms()? - self.0?) / 1000.0)
    }
}
