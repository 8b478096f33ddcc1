//! The `playbook` binary: parses arguments and maps the outcome to an exit code.

use std::ffi::{c_int, c_long};

/// mimalloc: the build allocates and frees millions of small strings from
/// several threads, where glibc's allocator spends a tenth of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The two calls of mimalloc's C API (`mimalloc.h`) this binary makes; the
// `mimalloc` crate links them but declares them only with a feature that
// pulls another crate in.
unsafe extern "C" {
    fn mi_version() -> c_int;
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay` in `mimalloc.h`'s `mi_option_t`, the same in
/// versions 2 and 3 (checked by the test below against its default).
/// Its default is 10 ms in version 2, 1 s in version 3.
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// Tells mimalloc never to give freed memory back to the system while the
/// process runs. By default it does so soon after the memory is freed, and
/// the next allocation faults it in again, zeroed by the kernel: at
/// 100,000 pages that cycle took a fifth of the build (a third of it in
/// system time). A build ends anyway; `serve` stays at the size of its
/// largest rebuild, which it reaches again on the next full one.
fn keep_freed_memory() {
    // SAFETY: plain calls into the linked mimalloc, no pointers; the
    // option index is only used with the major versions it holds for.
    unsafe {
        if (20000..40000).contains(&mi_version()) {
            mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        }
    }
}

/// No transparent huge pages for this process (what mimalloc's
/// `MIMALLOC_ALLOW_THP=0` does, set before its first allocation). With
/// them, each first touch of mimalloc's memory faults in 2 MiB at once,
/// which the kernel zeroes and, on a machine whose memory is fragmented,
/// first compacts: on a 10,000-page build that was 0.6 to 3.4 s of system
/// time from one run to the next, against 0.6 s steady without them.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() {
    no_huge_pages();
    keep_freed_memory();
    std::process::exit(playbook::run(std::env::args_os()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_off() {
        no_huge_pages();
        assert!(rustix::thread::transparent_huge_pages_are_disabled().unwrap());
    }

    /// The index is mimalloc's purge delay: it holds that option's default
    /// for the version linked (unless the environment sets it), and setting
    /// it reads back.
    #[test]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: as in `keep_freed_memory`.
        unsafe {
            let version = mi_version();
            assert!((20000..40000).contains(&version), "mimalloc {version}");
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                let default = if version < 30000 { 10 } else { 1000 };
                assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), default);
            }
        }
        keep_freed_memory();
        // SAFETY: as above.
        assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, -1);
    }
}
