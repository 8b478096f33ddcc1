//! The `git log` parser: [`parse_log`] and [`LogParser`] read the
//! NUL-separated output of the one `git log` that `run.rs` starts into
//! [`Commit`]s, which `builder.rs` adds up. Pure: tested on byte strings.

use super::identity::{Identity, parse_contact};

/// Unexpected `git log` output, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at byte {offset})")]
pub struct ParseError {
    pub offset: usize,
    pub message: &'static str,
}

/// One commit as `git log` printed it. Paths are relative to the top of the
/// repository, or to the content folder with `--relative` (as
/// [`read_history`](super::read_history) runs it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    /// Author date, ISO 8601 strict.
    pub date: String,
    /// Author date, Unix seconds.
    pub time: i64,
    /// The author, after `.mailmap`.
    pub author: Identity,
    /// `Co-authored-by` trailers, in order (mailmapped by [`read_history`](super::read_history)).
    pub coauthors: Vec<Identity>,
    pub subject: String,
    pub files: Vec<FileChange>,
}

/// One line of `--name-status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    Added(String),
    /// Also type changes (`T`) and unmerged entries (`U`).
    Modified(String),
    Deleted(String),
    Renamed {
        from: String,
        to: String,
    },
    Copied {
        from: String,
        to: String,
    },
}

/// Parses the output of `git log -z --name-status` with [`read_history`](super::read_history)'s
/// format. Pure: tested on byte strings. Paths may hold any byte but NUL
/// (spaces, accents, newlines); names, subjects and paths that are not
/// UTF-8 are decoded lossily. [`LogParser`] does the same piece by piece.
pub fn parse_log(raw: &[u8]) -> Result<Vec<Commit>, ParseError> {
    let mut parser = LogParser::default();
    parser.feed(raw)?;
    parser.finish()
}

/// [`parse_log`] on output that arrives in pieces, so that the history is
/// built while git is still walking it.
#[derive(Debug, Default)]
pub struct LogParser {
    /// Bytes received and not consumed yet: the start of a token.
    pending: Vec<u8>,
    /// Offset of `pending[0]` in the whole output.
    base: usize,
    expect: Expect,
    /// The commit being read: more file statuses may follow.
    current: Option<Commit>,
    /// Commits read completely, not taken yet.
    done: Vec<Commit>,
}

/// What the next NUL-terminated token is.
#[derive(Debug, Default)]
enum Expect {
    /// A commit header or a file status of the current commit.
    #[default]
    Entry,
    /// The fields after the hash: date, Unix date, name, email, subject and
    /// co-authors.
    Header {
        offset: usize,
        hash: String,
        fields: Vec<String>,
    },
    /// The path(s) after a file status.
    Paths {
        offset: usize,
        status: u8,
        paths: Vec<String>,
    },
}

impl LogParser {
    /// Reads the next piece of output.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        let mut scan = self.pending.len();
        self.pending.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(len) = self.pending[scan..].iter().position(|&b| b == 0) {
            let end = scan + len;
            let tok = std::mem::take(&mut self.pending);
            let result = self.token(self.base + start, &tok[start..end]);
            self.pending = tok;
            result?;
            start = end + 1;
            scan = start;
        }
        self.pending.drain(..start);
        self.base += start;
        Ok(())
    }

    /// The commits read completely so far, in output order.
    pub fn take(&mut self) -> Vec<Commit> {
        std::mem::take(&mut self.done)
    }

    /// Ends the output: the remaining commits.
    pub fn finish(mut self) -> Result<Vec<Commit>, ParseError> {
        if !self.pending.is_empty() {
            let tok = std::mem::take(&mut self.pending);
            self.token(self.base, &tok)?;
        }
        let message = match self.expect {
            Expect::Entry => None,
            Expect::Header { offset, .. } => Some((offset, "a truncated commit")),
            Expect::Paths { offset, .. } => Some((offset, "a file status without its path")),
        };
        if let Some((offset, message)) = message {
            return Err(ParseError { offset, message });
        }
        self.done.extend(self.current.take());
        Ok(self.done)
    }

    fn token(&mut self, offset: usize, tok: &[u8]) -> Result<(), ParseError> {
        match &mut self.expect {
            Expect::Header {
                offset: at,
                hash,
                fields,
            } => {
                fields.push(lossy(tok));
                if fields.len() == 6 {
                    let commit = header(std::mem::take(hash), std::mem::take(fields), *at)?;
                    self.current = Some(commit);
                    self.expect = Expect::Entry;
                }
            }
            Expect::Paths {
                offset: at,
                status,
                paths,
            } => {
                if tok.is_empty() {
                    return Err(ParseError {
                        offset: *at,
                        message: "a file status without its path",
                    });
                }
                paths.push(lossy(tok));
                let two = matches!(status, b'R' | b'C');
                if paths.len() == 1 + usize::from(two) {
                    let mut p = std::mem::take(paths).into_iter();
                    let (first, second) = (p.next().unwrap_or_default(), p.next());
                    let change = match (*status, second) {
                        (b'A', _) => Some(FileChange::Added(first)),
                        (b'D', _) => Some(FileChange::Deleted(first)),
                        (b'R', Some(to)) => Some(FileChange::Renamed { from: first, to }),
                        (b'C', Some(to)) => Some(FileChange::Copied { from: first, to }),
                        (b'X', _) => None,
                        _ => Some(FileChange::Modified(first)),
                    };
                    if let (Some(c), Some(commit)) = (change, self.current.as_mut()) {
                        commit.files.push(c);
                    }
                    self.expect = Expect::Entry;
                }
            }
            Expect::Entry => {
                if let Some(hash) = tok.strip_prefix(b"\x1e") {
                    if !(hash.len() == 40 || hash.len() == 64)
                        || !hash.iter().all(u8::is_ascii_hexdigit)
                    {
                        return Err(ParseError {
                            offset,
                            message: "a commit without a valid hash",
                        });
                    }
                    self.done.extend(self.current.take());
                    self.expect = Expect::Header {
                        offset,
                        hash: lossy(hash),
                        fields: Vec::with_capacity(6),
                    };
                    return Ok(());
                }
                // The file list starts after a newline.
                let status = tok.strip_prefix(b"\n").unwrap_or(tok);
                let Some((&letter, score)) = status.split_first() else {
                    return Ok(());
                };
                if self.current.is_none() {
                    return Err(ParseError {
                        offset,
                        message: "a file status before any commit",
                    });
                }
                if !b"AMTUDRCX".contains(&letter) || !score.iter().all(u8::is_ascii_digit) {
                    return Err(ParseError {
                        offset,
                        message: "an unknown file status",
                    });
                }
                self.expect = Expect::Paths {
                    offset,
                    status: letter,
                    paths: Vec::with_capacity(2),
                };
            }
        }
        Ok(())
    }
}

/// A commit from its hash and the six fields after it.
fn header(hash: String, fields: Vec<String>, offset: usize) -> Result<Commit, ParseError> {
    let mut f = fields.into_iter();
    let mut next = || f.next().unwrap_or_default();
    let date = next();
    let time = next().parse().map_err(|_| ParseError {
        offset,
        message: "a commit without a valid date",
    })?;
    let author = Identity {
        name: next(),
        email: next(),
    };
    let subject = next();
    let mut trailers = next();
    if trailers.starts_with("%(trailers") {
        // Git older than 2.29 prints the placeholder as is: no co-authors.
        trailers.clear();
    }
    let coauthors = trailers
        .split('\x1f')
        .map(parse_contact)
        .filter(|c| !(c.name.is_empty() && c.email.is_empty()))
        .collect();
    Ok(Commit {
        hash,
        date,
        time,
        author,
        coauthors,
        subject,
        files: Vec::new(),
    })
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[cfg(test)]
mod tests;
