use super::*;

#[test]
fn bots_by_name() {
    for name in [
        "dependabot[bot]",
        "Dependabot",
        "dependabot-preview[bot]",
        "renovate[bot]",
        "Renovate Bot",
        "github-actions[bot]",
        "github-actions",
        "GitHub Action",
        "gitbook-bot",
        "GitBook Bot",
        "allcontributors[bot]",
        "semantic-release-bot",
        "my_bot",
        "Bot",
        "Weblate (bot)",
        "pre-commit-ci[bot]",
    ] {
        assert!(is_bot(name, ""), "{name}");
    }
    // `bot` inside a word, or a name that only starts like a bot's.
    for name in [
        "Talbot",
        "Bottin",
        "Abbot Martin",
        "Chaïb Martinez",
        "chaib.martinez",
        "Renaud Vaté",
        "",
    ] {
        assert!(!is_bot(name, ""), "{name}");
    }
}

#[test]
fn bots_by_email() {
    for email in [
        "49699333+dependabot[bot]@users.noreply.github.com",
        "41898282+GitHub-Actions[bot]@users.noreply.github.com",
        "noreply@github.com",
        "no-reply@gitbook.com",
        "NoReply@weblate.org",
        "do-not-reply@ville.example",
        "bot@renovateapp.com",
        "gitbook-bot@users.noreply.github.com",
        "semantic-release-bot@martynus.net",
        "ghost@gitbook.com",
        "actions@github.com",
        "support@dependabot.com",
    ] {
        assert!(is_bot("", email), "{email}");
    }
    // A person's GitHub no-reply address is a person's.
    for email in [
        "12345+chaib@users.noreply.github.com",
        "chaib.martinez@users.noreply.github.com",
        "anne.berlemont@ville.example",
        "talbot@ville.example",
        "robot.martin@ville.example",
        "noreply",
        "",
    ] {
        assert!(!is_bot("Anne", email), "{email}");
    }
}
