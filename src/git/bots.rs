//! Bots: the identities of automated commits (dependency updates, CI,
//! documentation platforms), recognised by name and by email so that they
//! are never credited as people ([`is_bot`]). Pure; used by `people.rs`
//! before identities are grouped, so a bot that commits with a person's
//! email is never merged into that person.
//!
//! By name: `bot` as a word (`Renovate Bot`, `gitbook-bot`, `my_bot`), a
//! `[bot]` suffix (GitHub apps), or a name starting with a known bot's
//! ([`BOT_NAMES`]: `dependabot`, `renovate`, `github-actions`…). By email: a
//! GitHub app's address (`…[bot]@users.noreply.github.com`), a no-reply
//! mailbox (`noreply@…`, `no-reply@…`, not a person's
//! `12345+login@users.noreply.github.com`), a `bot` mailbox (`bot@…`,
//! `…-bot@…`), or a known bot's address ([`BOT_EMAILS`]).

/// Bots by the first words of their name (lower-case, words separated by
/// anything but letters and digits): `renovate` also catches `Renovate`,
/// `renovate[bot]` and `renovate-approve`.
pub const BOT_NAMES: &[&str] = &[
    "allcontributors",
    "all-contributors",
    "codecov",
    "crowdin",
    "dependabot",
    "github-actions",
    "github action",
    "gitbook-bot",
    "gitlab-ci",
    "greenkeeper",
    "imgbot",
    "mergify",
    "pre-commit-ci",
    "renovate",
    "semantic-release",
    "snyk",
    "weblate",
];

/// Addresses of bots that a rule on the mailbox's name does not catch.
pub const BOT_EMAILS: &[&str] = &[
    "actions@github.com",
    "action@github.com",
    "ghost@gitbook.com",
    "support@dependabot.com",
    "support@gitbook.com",
];

/// Is this identity a bot? `name` and `email` as git printed them (after
/// `.mailmap`); either may be empty.
pub fn is_bot(name: &str, email: &str) -> bool {
    bot_name(name) || bot_email(email)
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn bot_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.contains("[bot]") || lower.contains("(bot)") {
        return true;
    }
    let w = words(name);
    w.iter().any(|w| w == "bot" || w == "bots")
        || BOT_NAMES.iter().any(|b| w.starts_with(&words(b)))
}

fn bot_email(email: &str) -> bool {
    let email = email.trim().to_lowercase();
    let Some((local, _domain)) = email.rsplit_once('@') else {
        return false;
    };
    if BOT_EMAILS.contains(&email.as_str()) || local.ends_with("[bot]") {
        return true;
    }
    let w = words(local);
    let no_reply = matches!(
        w.as_slice(),
        [n] if n == "noreply" || n == "donotreply"
    ) || matches!(
        w.as_slice(),
        [a, b] if a == "no" && b == "reply"
    ) || matches!(
        w.as_slice(),
        [a, b, c] if a == "do" && b == "not" && c == "reply"
    );
    // `bot@…`, `gitbook-bot@…`, `semantic-release-bot@…`; the first word
    // of a person's mailbox is never `bot` alone.
    let bot_box = w.last().is_some_and(|l| l == "bot") || w.iter().any(|w| w == "bots");
    no_reply || bot_box
}

#[cfg(test)]
mod tests;
