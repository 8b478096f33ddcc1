//! Reads the git history of a site's content folder once and prints a
//! summary; `bench/history.sh` times it.
//!
//! Usage: `cargo run --release --example history -- [SITE] [CONTENT]`
//! (defaults: `.` and `content`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use playbook::git::{HistoryOptions, read_history};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let site = args
        .next()
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let content = args
        .next()
        .map_or_else(|| PathBuf::from("content"), PathBuf::from);
    let opts = HistoryOptions::default();
    let start = Instant::now();
    match read_history(&site, &content, &opts) {
        Ok(h) => {
            let credits: usize = h.files.values().map(|f| f.contributors.len()).sum();
            println!(
                "{} files, {} changes, {} people, {credits} credits, {} uncommitted{} in {:.3} s",
                h.files.len(),
                h.changes.len(),
                h.people.len(),
                h.uncommitted.len(),
                if h.shallow { " (shallow clone)" } else { "" },
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("history: {e}");
            ExitCode::FAILURE
        }
    }
}
