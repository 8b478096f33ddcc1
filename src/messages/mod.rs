//! The message catalogue: every word playbook says on the command line, in
//! `check`'s reports, in build and serve warnings and errors, and in the
//! serve overlay, in every shipped language.
//!
//! The texts live in Fluent files, one folder per language
//! (`locales/fr/*.ftl`, `locales/en/*.ftl`), embedded in the binary.
//! Code never writes a sentence: it builds a [`Message`] (an id and its
//! arguments, with [`msg!`]) and the edge that shows it (the CLI, `check`'s
//! formats, the serve overlay) renders it in a [`Lang`]: the site's
//! `language`, or the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) outside a
//! site. The stages stay pure: a diagnostic carries its message, not its
//! text.
//!
//! Fluent was chosen over a hand-written table because its files are plain
//! text that a translator can edit, and it knows plurals ("1 avertissement",
//! "2 avertissements"); `tests` checks that both languages define the same
//! messages with the same arguments, and that every message is used.

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

#[cfg(test)]
mod tests;

/// A language the messages are written in. French is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The language of a site's `language` setting (`fr`, `en`; anything
    /// else is French, the default).
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("en") {
            Lang::En
        } else {
            Lang::Fr
        }
    }

    /// The language of the locale, for messages outside a site: the first
    /// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set, as POSIX reads
    /// them; English only when it asks for English.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        Lang::from_locale(var.as_deref())
    }

    /// The language of a locale value (`en_GB.UTF-8` is English, `C`, unset
    /// or anything else is French).
    pub fn from_locale(value: Option<&str>) -> Lang {
        match value {
            Some(v) if v.starts_with("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// The language's code, as in `language = "…"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// One value given to a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    /// A count: Fluent picks the plural form from it.
    Number(i64),
    /// A message inside a message, rendered in the same language.
    Message(Box<Message>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Text(c.to_string())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}

impl From<std::path::Display<'_>> for Arg {
    fn from(p: std::path::Display<'_>) -> Arg {
        Arg::Text(p.to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(usize, u64, u32, u16, u8, i64, i32);

/// A sentence to show, not yet in any language: a catalogue id and its
/// arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub id: &'static str,
    pub args: Box<[(&'static str, Arg)]>,
}

/// Builds a [`Message`]: `msg!("link-broken", target = t, line = 3)`.
/// Each argument is a `String`, `&str`, a path's `display()`, a number or
/// another `Message`.
macro_rules! msg {
    ($id:literal $(, $key:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message {
            id: $id,
            args: vec![$((stringify!($key), $crate::messages::Arg::from($value))),*].into_boxed_slice(),
        }
    };
}

pub(crate) use msg;

impl Message {
    /// The message in `lang`. A message missing from the catalogue (which
    /// the tests forbid) shows its id and arguments rather than nothing.
    pub fn render(&self, lang: Lang) -> String {
        let bundle = bundle(lang);
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            return format!("{}{:?}", self.id, self.args);
        };
        let mut args = FluentArgs::new();
        for (key, value) in &self.args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(m) => FluentValue::from(m.render(lang)),
            };
            args.set(*key, value);
        }
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, Some(&args), &mut errors)
            .into_owned()
    }

    /// The argument `key`, if given (for tests and for callers that adjust
    /// a message).
    pub fn arg(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// A message shown in French, the default language: for logs and tests
/// only; the edges render in the site's language with [`Message::render`].
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Fr))
    }
}

/// The Fluent files of each language, in the order they are loaded.
pub(crate) const FILES: &[(Lang, &str, &str)] = &[
    (Lang::Fr, "cli", include_str!("../../locales/fr/cli.ftl")),
    (
        Lang::Fr,
        "content",
        include_str!("../../locales/fr/content.ftl"),
    ),
    (
        Lang::Fr,
        "links",
        include_str!("../../locales/fr/links.ftl"),
    ),
    (Lang::Fr, "site", include_str!("../../locales/fr/site.ftl")),
    (Lang::En, "cli", include_str!("../../locales/en/cli.ftl")),
    (
        Lang::En,
        "content",
        include_str!("../../locales/en/content.ftl"),
    ),
    (
        Lang::En,
        "links",
        include_str!("../../locales/en/links.ftl"),
    ),
    (Lang::En, "site", include_str!("../../locales/en/site.ftl")),
];

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static FR: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| load(Lang::Fr));
    static EN: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| load(Lang::En));
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The bundle of one language. The files are embedded and checked by the
/// tests, so a syntax error cannot reach a user; were one there, its
/// messages would show as their ids.
fn load(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminal output: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    for (l, _, text) in FILES {
        if *l == lang {
            let resource = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(r, _)| r);
            let _ = bundle.add_resource(resource);
        }
    }
    bundle
}

/// An I/O error as a message: the common causes in the catalogue, the
/// system's own words otherwise.
pub fn io_error(e: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => msg!("io-not-found"),
        ErrorKind::PermissionDenied => msg!("io-permission-denied"),
        ErrorKind::AlreadyExists => msg!("io-already-exists"),
        ErrorKind::IsADirectory => msg!("io-is-a-directory"),
        ErrorKind::NotADirectory => msg!("io-not-a-directory"),
        ErrorKind::StorageFull => msg!("io-storage-full"),
        ErrorKind::ReadOnlyFilesystem => msg!("io-read-only"),
        ErrorKind::InvalidData => msg!("io-invalid-data"),
        _ => msg!("io-other", reason = e.to_string()),
    }
}

/// A `walkdir` error as a message.
pub fn walk_error(e: &walkdir::Error) -> Message {
    match e.io_error() {
        Some(io) if e.loop_ancestor().is_none() => io_error(io),
        _ => msg!("io-other", reason = e.to_string()),
    }
}
