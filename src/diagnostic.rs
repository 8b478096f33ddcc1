//! Diagnostics: errors and warnings about the user's files, each pointing at
//! `path:line:col`, with what is wrong and how to fix it.
//!
//! Every stage collects diagnostics instead of stopping at the first one, so a
//! run reports all the problems of a site at once. A diagnostic carries a
//! [`Message`] (a catalogue id and its arguments), not text: the edge that
//! shows it renders it in the site's language ([`Diagnostic::render`]).

use std::path::{Path, PathBuf};

use crate::messages::msg;
use crate::messages::{Lang, Message};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Counted but not printed one by one (a link to a page to create, which
    /// a wiki expects); an error under `--strict`.
    Note,
    /// Reported, but the build goes on (fails under `--strict`).
    Warning,
    /// The build fails.
    Error,
}

/// One problem found in a user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub col: usize,
    pub message: Message,
    /// How to fix it, when we know.
    pub help: Option<Box<Message>>,
}

impl Diagnostic {
    /// A diagnostic of `severity` at `path:line:col`, without help.
    pub fn new(
        severity: Severity,
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: Message,
    ) -> Self {
        Diagnostic {
            severity,
            path: path.as_ref().to_path_buf(),
            line,
            col,
            message,
            help: None,
        }
    }

    pub fn error(path: impl AsRef<Path>, line: usize, col: usize, message: Message) -> Self {
        Diagnostic::new(Severity::Error, path, line, col, message)
    }

    pub fn warning(path: impl AsRef<Path>, line: usize, col: usize, message: Message) -> Self {
        Diagnostic::new(Severity::Warning, path, line, col, message)
    }

    pub fn note(path: impl AsRef<Path>, line: usize, col: usize, message: Message) -> Self {
        Diagnostic::new(Severity::Note, path, line, col, message)
    }

    #[must_use]
    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    /// The problem that kept a page out of the site: a warning saying so
    /// (the site is built without it; `--strict` makes it an error).
    #[must_use]
    pub fn not_published(self) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: msg!("diag-not-published", reason = self.message.clone()),
            ..self
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// `path:line:col: erreur : message`, then `  aide : …` when there is
    /// a fix, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.path.display().to_string();
        if self.line > 0 {
            out.push_str(&format!(":{}", self.line));
            if self.col > 0 {
                out.push_str(&format!(":{}", self.col));
            }
        }
        out.push_str(
            &msg!(
                "diag-line",
                severity = self.severity.as_str(),
                message = self.message.clone()
            )
            .render(lang),
        );
        if let Some(help) = &self.help {
            out.push('\n');
            out.push_str(&msg!("diag-help", help = (**help).clone()).render(lang));
        }
        out
    }

    /// The diagnostic as JSON, its texts in `lang`: `severity`, `path`,
    /// `line`, `col`, `id` (the catalogue id, stable across languages),
    /// `message` and `help`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "id": self.message.id,
            "message": self.message.render(lang),
            "help": self.help.as_ref().map(|h| h.render(lang)),
        })
    }
}

impl Severity {
    /// The severity's name, as the catalogue selects on it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The diagnostics of a whole run, sorted by file and position.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    /// Sorts by path, line and column, so reports are stable across runs.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        self.0.dedup();
    }

    /// Turns every warning into an error (`--strict`).
    pub fn escalate(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }
}

/// A build that failed because of the content: the caller prints the
/// diagnostics and exits with code 1.
#[derive(Debug, thiserror::Error)]
#[error("{} error(s) in the content", .0.count(Severity::Error))]
pub struct ContentErrors(pub Diagnostics);

/// A usage error (bad flags, dangerous output directory): exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub Message);

/// An error of the command line's I/O (a file that cannot be read or
/// written…), in the catalogue: the CLI renders it in the site's language.
/// Used as an `anyhow` error or context.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Failure(pub Message);

/// An `anyhow` error and its causes as one message (`error: cause:
/// cause`), each cause in the catalogue when it is a
/// [`Failure`], a usage error or an I/O error.
pub fn error_chain(e: &anyhow::Error) -> Message {
    e.chain()
        .map(cause)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .reduce(|cause, error| msg!("error-cause", error = error, cause = cause))
        .unwrap_or_else(|| msg!("io-other", reason = e.to_string()))
}

fn cause(c: &(dyn std::error::Error + 'static)) -> Message {
    if let Some(Failure(m)) = c.downcast_ref() {
        return m.clone();
    }
    if let Some(UsageError(m)) = c.downcast_ref() {
        return m.clone();
    }
    if let Some(io) = c.downcast_ref::<std::io::Error>() {
        return crate::messages::io_error(io);
    }
    msg!("io-other", reason = c.to_string())
}

/// Converts a byte offset in `text` to a 1-based (line, column), counting
/// columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\néé x\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 7), (2, 3));
        assert_eq!(line_col(t, 1000), (3, 1));
    }

    #[test]
    fn display_has_position_and_help() {
        let d = Diagnostic::error(
            "content/a.md",
            3,
            7,
            msg!("diag-not-published", reason = "x"),
        )
        .with_help(msg!("diag-not-published", reason = "y"));
        assert_eq!(
            d.render(Lang::Fr),
            "content/a.md:3:7: erreur : cette page n'est pas publiée : x\n  aide : cette page n'est pas publiée : y"
        );
        assert_eq!(
            d.render(Lang::En),
            "content/a.md:3:7: error: this page is not published: x\n  help: this page is not published: y"
        );
    }
}
