//! The handle a build holds on its search index: the index runs beside the
//! other stages of `build` (see `crate::build`), which pauses it while the
//! pages render and stops it when the build stops early. The index asks
//! [`Control::proceed`] between its steps.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

/// Lets a build run the index beside its other stages: pause it while the
/// pages render (so that it takes only the time the serial stages leave
/// idle, at normal priority), and stop it when the build stops early.
#[derive(Debug, Default)]
pub struct Control {
    stop: AtomicBool,
    paused: AtomicBool,
    /// When not 0: the workers of the index's pool numbered this or above
    /// wait (see [`Control::hold_from`]).
    held_from: AtomicUsize,
    /// Set by [`Control::drain`], for good: a hold asked for afterwards is
    /// ignored (the build no longer waits on anything but the index).
    drained: AtomicBool,
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

    /// The workers of the index's own pool numbered `first` or above
    /// (`rayon::current_thread_index`) wait at their next step until
    /// [`Control::drain`]: beside the serial stages the index takes the
    /// cores they leave idle, and every core once the pages are written.
    /// A hold asked for after [`Control::drain`] is ignored: nothing would
    /// lift it.
    pub fn hold_from(&self, first: usize) {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.drained.load(Ordering::SeqCst) {
            self.held_from.store(first.max(1), Ordering::SeqCst);
        }
    }

    /// Every worker of the index goes on: the build now only waits for it.
    pub fn drain(&self) {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.drained.store(true, Ordering::SeqCst);
        self.held_from.store(0, Ordering::SeqCst);
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
        if self.waits() {
            let mut held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
            while self.waits() && !self.stop.load(Ordering::SeqCst) {
                held = self.wake.wait(held).unwrap_or_else(PoisonError::into_inner);
            }
        }
        !self.stop.load(Ordering::SeqCst)
    }

    /// Whether the calling worker must wait: the index is paused, or this
    /// worker is held.
    fn waits(&self) -> bool {
        if self.paused.load(Ordering::SeqCst) {
            return true;
        }
        let first = self.held_from.load(Ordering::SeqCst);
        first != 0 && rayon::current_thread_index().is_some_and(|i| i >= first)
    }
}
