//! Test helpers shared by the git submodules' tests: `git log` records
//! written by hand, and the history they build.

use super::{Commit, History, HistoryOptions, build_history, parse_log};

/// One record as `git log -z --name-status` prints it with `LOG_FORMAT`.
pub(super) fn rec(
    n: u32,
    time: i64,
    author: &str,
    subject: &str,
    trailers: &[&str],
    files: &[&[&str]],
) -> Vec<u8> {
    let (name, email) = author.split_once(" <").unwrap_or((author, ">"));
    let email = email.trim_end_matches('>');
    let mut out = format!(
        "\x1e{n:040x}\x002020-01-01T00:00:00+01:00\x00{time}\x00{name}\x00{email}\x00{subject}\x00{}\x00",
        trailers.join("\x1f")
    )
    .into_bytes();
    if !files.is_empty() {
        out.push(b'\n');
        for f in files {
            for part in *f {
                out.extend_from_slice(part.as_bytes());
                out.push(0);
            }
        }
    }
    out
}

pub(super) fn log(records: &[Vec<u8>]) -> Vec<Commit> {
    parse_log(&records.concat()).unwrap()
}

pub(super) fn build(records: &[Vec<u8>]) -> History {
    build_history(log(records), "content/", &HistoryOptions::default())
}

/// Contributors of a file as `name:commits[*]` (`*` for the creators).
pub(super) fn credits(h: &History, path: &str) -> Vec<String> {
    let f = h
        .file(path)
        .unwrap_or_else(|| panic!("no history for {path}: {:?}", h.files.keys()));
    f.contributors
        .iter()
        .map(|c| {
            let star = if c.created { "*" } else { "" };
            format!("{}:{}{star}", h.person(c.person).name, c.commits)
        })
        .collect()
}
