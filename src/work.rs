//! A count of the steps taken by the lookups whose cost could grow with what was seen before
//! (rejection groups, header names, JSON keys). Tests double an input and check that the count
//! roughly doubles: work is counted, not timed, so the check is exact on any machine.
//!
//! Per thread, so tests running in parallel do not see each other's steps.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Records `n` steps.
#[inline]
pub fn step(n: u64) {
    STEPS.with(|s| s.set(s.get().wrapping_add(n)));
}

/// Steps recorded on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}
