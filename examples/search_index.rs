//! Compiles a site once, then builds its search index `RUNS` times and
//! prints each time; `perf record` it to profile the index alone.
//!
//! Usage: `cargo run --release --example search_index -- [SITE] [RUNS]`
//! (defaults: `.` and 3). `RAYON_NUM_THREADS=1` gives the CPU cost.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use playbook::build::{compile, read_config};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let config = match read_config(&root) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{}", d.render(playbook::messages::Lang::Fr));
            return ExitCode::FAILURE;
        }
    };
    let compiled = compile(&root, config, false);
    for _ in 0..runs {
        let start = Instant::now();
        let index = playbook::search::build(&compiled.site);
        println!(
            "{} docs, {} terms, {} words, {} postings, {} files, {} bytes in {:.1} ms",
            index.docs,
            index.terms,
            index.words,
            index.postings,
            index.files.len(),
            index.bytes(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    ExitCode::SUCCESS
}
