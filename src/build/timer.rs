//! `PLAYBOOK_TIMINGS`: how long each stage of a build took (wall and CPU
//! time) and the peak memory so far, on stderr.

use std::time::Instant;

/// Prints how long each stage took when `PLAYBOOK_TIMINGS` is set: wall
/// time, the CPU time of all threads (steadier than wall time on a busy
/// machine) and the peak memory so far.
pub(super) struct Timer {
    on: bool,
    last: Instant,
    cpu: f64,
}

impl Timer {
    pub(super) fn new() -> Timer {
        let on = std::env::var_os("PLAYBOOK_TIMINGS").is_some();
        Timer {
            on,
            last: Instant::now(),
            cpu: if on { cpu_ms() } else { 0.0 },
        }
    }

    pub(super) fn lap(&mut self, what: &str) {
        if self.on {
            // Peak memory so far, from the kernel (Linux only).
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default();
            let cpu = cpu_ms();
            eprintln!(
                "timing: {what:<10} {:>7.1} ms  (cpu {:>7.1} ms, peak {peak})",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu - self.cpu
            );
            self.cpu = cpu;
        }
        self.last = Instant::now();
    }
}

/// The process's CPU time so far (user and system, all threads), from the
/// kernel (Linux only; 0 elsewhere). Clock ticks are 10 ms on Linux.
fn cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks * 10.0
}
