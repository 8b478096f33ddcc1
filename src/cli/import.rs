//! `playbook import`: a pad's text export becomes a minutes page.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use clap::Args;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use jiff::Timestamp;
use jiff::tz::Offset;

use crate::date::Date;
use crate::diagnostic::{Failure, UsageError};
use crate::messages::msg;
use crate::messages::{Lang, Message};
use crate::pad::{file_stem, parse_pad, to_markdown};

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// Plain-text export of the pad (Etherpad, Framapad, HedgeDoc, CodiMD); `-` reads standard input
    file: PathBuf,
    /// Folder to write the page into [default: ROOT/content/ateliers]
    #[arg(long)]
    to: Option<PathBuf>,
    /// Replace the page if it already exists
    #[arg(long)]
    force: bool,
    /// Date of the workshop, YYYY-MM-DD [default: a date written near the top of the pad, else today, with a warning]
    #[arg(long)]
    date: Option<String>,
    /// Site folder (holding content/) [default: this folder or the nearest one above that holds a site]
    #[arg(long)]
    root: Option<PathBuf>,
}

pub(crate) fn execute(a: &ImportArgs) -> i32 {
    // With --to the page can go anywhere; else it goes into a site.
    let dir = match &a.to {
        Some(d) => d.clone(),
        None => match super::root::locate(a.root.clone()) {
            Ok(root) if root == Path::new(".") => PathBuf::from("content/ateliers"),
            Ok(root) => root.join("content/ateliers"),
            Err(code) => return code,
        },
    };
    // The site's language; outside a site (`--to`), the locale's.
    let lang = match super::root::find_upward(&dir) {
        Some(root) => super::site_lang(&dir.join(root)),
        None => Lang::from_env(),
    };
    match import(a, &dir, lang) {
        Ok(path) => {
            println!("{}", path.display());
            0
        }
        Err(e) => super::report_error(&e, lang),
    }
}

fn import(a: &ImportArgs, dir: &Path, lang: Lang) -> anyhow::Result<PathBuf> {
    let date = match &a.date {
        Some(d) => Some(
            Date::parse(d)
                .ok_or_else(|| UsageError(msg!("import-bad-date", date = d.as_str())))?
                .iso(),
        ),
        None => None,
    };
    let stdin = a.file.as_os_str() == "-";
    let shown = if stdin {
        msg!("import-stdin")
    } else {
        msg!("import-file", file = a.file.display())
    };
    let bytes = if stdin {
        let mut b = vec![];
        std::io::stdin()
            .read_to_end(&mut b)
            .with_context(|| Failure(msg!("import-cannot-read", pad = shown.clone())))?;
        b
    } else {
        std::fs::read(&a.file)
            .with_context(|| Failure(msg!("import-cannot-read", pad = shown.clone())))?
    };
    let text = decode(&bytes, &shown, lang);
    let minutes = parse_pad(&text).map_err(|e| {
        Failure(msg!(
            "import-failed",
            pad = shown.clone(),
            reason = e.message()
        ))
    })?;
    let dated = date.or_else(|| minutes.date.clone());
    let date = dated.clone().unwrap_or_else(today);
    let page = to_markdown(&minutes, Some(&date));

    std::fs::create_dir_all(dir)
        .with_context(|| Failure(msg!("fs-cannot", action = "create", path = dir.display())))?;
    let path = dir.join(format!("{}.md", file_stem(&minutes.title, &date)));
    write_page(&path, page.as_bytes(), a.force)?;
    let rotations = minutes
        .rotations
        .iter()
        .filter(|r| r.number.is_some())
        .count();
    eprintln!(
        "{}",
        msg!(
            "import-done",
            title = &minutes.title,
            facilitators = minutes.facilitators.len(),
            rotations = rotations,
            weather = minutes.weather.len()
        )
        .render(lang)
    );
    if dated.is_none() {
        let pad = a.file.to_string_lossy();
        let pad = shlex::try_quote(&pad).unwrap_or(pad.clone());
        eprintln!(
            "{}",
            msg!(
                "import-undated",
                today = &date,
                page = path.display(),
                pad = pad
            )
            .render(lang)
        );
    }
    Ok(path)
}

/// Writes `bytes` to `path`, refusing to replace a file unless `force`.
pub(crate) fn write_page(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Failure(msg!("import-exists", page = path.display())).into());
        }
        Err(e) => {
            return Err(anyhow!(e).context(Failure(msg!(
                "fs-cannot",
                action = "write",
                path = path.display()
            ))));
        }
    };
    file.write_all(bytes)
        .with_context(|| Failure(msg!("fs-cannot", action = "write", path = path.display())))
}

/// UTF-8 (a BOM is dropped), UTF-16 with a BOM, or else Windows-1252 (old
/// exports), with a warning. Decoding never fails: what UTF-16 cannot
/// hold (an unpaired surrogate, a last odd byte) becomes U+FFFD.
fn decode(bytes: &[u8], shown: &Message, lang: Lang) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some((utf16, bom)) = Encoding::for_bom(bytes)
        && utf16 != UTF_8
    {
        return utf16
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            eprintln!(
                "{}",
                msg!("import-latin1", pad = shown.clone()).render(lang)
            );
            WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

/// Today's date (UTC), `YYYY-MM-DD`; 1970-01-01 if the clock is out of
/// range.
pub(crate) fn today() -> String {
    let now = Timestamp::try_from(std::time::SystemTime::now()).unwrap_or(Timestamp::UNIX_EPOCH);
    utc_date(now)
}

/// The UTC calendar date of `t`, `YYYY-MM-DD`.
fn utc_date(t: Timestamp) -> String {
    Offset::UTC.to_datetime(t).date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        let day = |n: i64| utc_date(Timestamp::from_second(n * 86_400 + 86_399).unwrap());
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(19_676), "2023-11-15");
        assert_eq!(day(11_017), "2000-03-01");
        assert_eq!(day(11_016), "2000-02-29");
        assert!(Date::parse(&today()).is_some());
    }

    fn dec(bytes: &[u8], _: &str) -> String {
        decode(bytes, &msg!("import-stdin"), Lang::Fr)
    }

    #[test]
    fn encodings() {
        assert_eq!(dec(b"\xEF\xBB\xBFabc", ""), "abc");
        assert_eq!(dec(b"Caf\xE9 \x80", ""), "Café €");
        assert_eq!(dec(b"\xFF\xFEa\0\xE9\0", ""), "aé");
        assert_eq!(dec(b"\xFE\xFF\0a\0\xE9", ""), "aé");
        // The five bytes Windows-1252 leaves undefined are the C1 controls.
        assert_eq!(
            dec(b"\x81\x8D\x8F\x90\x9D\x9F", ""),
            "\u{81}\u{8D}\u{8F}\u{90}\u{9D}Ÿ"
        );
        assert_eq!(dec(b"\xFF\xFEa\0\0\xD8b\0c", ""), "a\u{FFFD}b\u{FFFD}");
    }
}
