//! The handle a build holds on its search index: the index runs beside the
//! other stages of `build` (see `crate::build`), which pauses it while the
//! pages render and stops it when the build stops early. The index asks
//! [`Control::proceed`] between its steps.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Lets a build run the index beside its other stages: pause it while the
/// pages render (so that it takes only the time the serial stages leave
/// idle, at normal priority), and stop it when the build stops early.
#[derive(Debug, Default)]
pub struct Control {
    stop: AtomicBool,
    paused: AtomicBool,
    lock: Mutex<()>,
    wake: Condvar,
}

impl Control {
    /// The index waits at its next step (each a fraction of a millisecond).
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    pub fn resume(&self) {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.paused.store(false, Ordering::SeqCst);
        self.wake.notify_all();
    }

    /// The index gives up at its next step ([`build_under`](super::build_under) returns `None`).
    pub fn stop(&self) {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.stop.store(true, Ordering::SeqCst);
        self.wake.notify_all();
    }

    /// Between two steps of the index: waits while paused; `false` once stopped.
    pub(super) fn proceed(&self) -> bool {
        if self.paused.load(Ordering::SeqCst) {
            let mut held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
            while self.paused.load(Ordering::SeqCst) && !self.stop.load(Ordering::SeqCst) {
                held = self.wake.wait(held).unwrap_or_else(PoisonError::into_inner);
            }
        }
        !self.stop.load(Ordering::SeqCst)
    }
}
