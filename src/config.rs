//! `playbook.toml`: the optional site configuration.
//!
//! Parsing is pure (`Config::parse` takes the text); an unknown key is an
//! error naming the key and its line.

use crate::messages::msg;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, line_col};

/// The site configuration, with defaults for every key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title; defaults to the home page's title, then "Playbook".
    pub title: Option<String>,
    pub description: Option<String>,
    /// Absolute URL of the published site, used only where an absolute URL
    /// is required (sitemap). Internal links are always relative.
    pub base_url: String,
    /// UI language: `fr` (default) or `en`.
    pub language: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// `pretty` (`guide/etape/`) or `file` (`guide/etape/index.html`, for
    /// browsing the site from a shared drive over `file://`).
    pub url_style: UrlStyle,
    /// Link to edit a page in the forge; `{path}` becomes `content/…/page.md`.
    pub edit_url: Option<String>,
    /// Link to a page's history; `{path}` as for `edit_url`.
    pub history_url: Option<String>,
    pub markdown: MarkdownConfig,
    pub wiki: WikiConfig,
    pub credits: CreditsConfig,
    pub search: SearchConfig,
    // f-print: the printable documents.
    pub print: PrintConfig,
}

/// `[print]`: one printable document (`<section>/imprimer/`) per guide
/// section, plus the sections listed here (a workshop series…).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct PrintConfig {
    /// Folders under `content/` (`ateliers`, `guide/annexes`) whose pages
    /// also make one printable document.
    pub sections: Vec<String>,
    /// The line of `sections` in `playbook.toml`, for diagnostics.
    #[serde(skip)]
    pub line: usize,
}

/// `[credits]`: contributor credits from git and front matter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CreditsConfig {
    /// Credits at all: the block on each page and the credits pages.
    pub enabled: bool,
    /// Read the git history (one `git log`); `false`: front matter only.
    pub git: bool,
    /// More identities never credited, glob patterns matched without
    /// regard to case against names and emails. Bots are never credited
    /// anyway: `git::is_bot` recognises them by name and email.
    pub exclude: Vec<String>,
    /// People whom `git::is_bot` takes for bots (`Jan Bot`), patterns like
    /// `exclude`'s.
    pub not_bots: Vec<String>,
    /// Publish contributors' emails on their person pages (default: never).
    pub show_emails: bool,
    /// Changes listed on "Dernières modifications" and in `atom.xml`.
    pub feed_entries: usize,
}

impl Default for CreditsConfig {
    fn default() -> Self {
        CreditsConfig {
            enabled: true,
            git: true,
            exclude: vec![],
            not_bots: vec![],
            show_emails: false,
            feed_entries: 30,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// The search box and its index (`recherche/`).
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WikiConfig {
    /// "Pages qui mènent ici" on every page.
    pub backlinks: bool,
    /// Tag pages, tag index and "Voir aussi".
    pub tags: bool,
}

impl Default for WikiConfig {
    fn default() -> Self {
        WikiConfig {
            backlinks: true,
            tags: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum UrlStyle {
    #[default]
    Pretty,
    File,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Let raw HTML through (default: it is shown as text).
    pub unsafe_html: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            description: None,
            base_url: "/".to_string(),
            language: "fr".to_string(),
            theme: "default".to_string(),
            url_style: UrlStyle::Pretty,
            edit_url: None,
            history_url: None,
            markdown: MarkdownConfig::default(),
            wiki: WikiConfig::default(),
            credits: CreditsConfig::default(),
            search: SearchConfig::default(),
            print: PrintConfig::default(),
        }
    }
}

pub const CONFIG_FILE: &str = "playbook.toml";
pub const LANGUAGES: &[&str] = &["fr", "en"];

impl Config {
    /// Parses the text of `playbook.toml`; `path` is only used in diagnostics.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostic> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            Diagnostic::error(
                path,
                line,
                col,
                msg!("config-invalid", reason = first_line(e.message())),
            )
            .with_help(msg!("config-keys-help", keys = KNOWN_KEYS))
        })?;
        if !LANGUAGES.contains(&config.language.as_str()) {
            let (line, col) = find_key(text, "language");
            return Err(Diagnostic::error(
                path,
                line,
                col,
                msg!("config-language", language = &config.language),
            )
            .with_help(msg!("config-language-help")));
        }
        if !config.print.sections.is_empty() {
            config.print.line = find_key(text, "sections").0;
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok(config)
    }
}

/// The keys of `playbook.toml`, as the help of a config error lists them.
const KNOWN_KEYS: &str = "title, description, base_url, language, theme, url_style, \
     edit_url, history_url, [markdown] unsafe_html, [wiki] backlinks, tags, \
     [credits] enabled, git, exclude, not_bots, show_emails, feed_entries, [search] enabled, \
     [print] sections";

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

fn find_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with(key))
        .map_or((0, 0), |(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn empty_config_has_defaults() {
        let c = Config::parse("", Path::new("playbook.toml")).unwrap();
        assert_eq!(c.language, "fr");
        assert_eq!(c.base_url, "/");
        assert!(!c.markdown.unsafe_html);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = Config::parse(
            "title = \"x\"\n\ntitel = \"y\"\n",
            Path::new("playbook.toml"),
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.render(Lang::En).contains("titel"),
            "{:?}",
            e.message
        );
    }

    #[test]
    fn unknown_nested_key_and_bad_language() {
        let e = Config::parse("[markdown]\nunsafe = true\n", Path::new("p.toml")).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.render(Lang::En).contains("unsafe"));
        let e = Config::parse("language = \"de\"\n", Path::new("p.toml")).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.render(Lang::En).contains("de"));
    }
}
