//! Contributor credits, end to end: fixture sites in real git repositories
//! made by the tests (several authors, `.mailmap`, `Co-authored-by`, a
//! rename, a merge, a bot, a shallow clone, an uncommitted file) and
//! without git at all; the real `playbook build` and `check`; the credits
//! blocks, person pages, structures, recent changes and the Atom feed
//! (parsed as XML) checked on the output.

use std::path::Path;
use std::process::Command;

use crate::util::{BIN, Output, Repo, Site, main_of};

/// A repository for these tests (dates from 2024-11-14, UTC+1).
fn repo() -> Repo {
    Repo::new(1_731_579_200, "+0100")
}

impl Repo {
    fn build(&self) -> Output {
        self.site.build_ok(&[])
    }

    fn read(&self, rel: &str) -> String {
        self.site.read(rel)
    }
}

/// The `<section class="credits">` of a page, or "" when there is none.
fn credits_block(html: &str) -> &str {
    let Some(start) = html.find("<section class=\"credits\"") else {
        return "";
    };
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

/// The names linked in one role of a credits block: `[(name, href)]`.
fn role(block: &str, id: &str) -> Vec<(String, String)> {
    let Some(start) = block.find(&format!("class=\"role-{id}\"")) else {
        return vec![];
    };
    let end = block[start..].find("</div>").unwrap() + start;
    links(&block[start..end])
}

/// Every `<a href="…">text</a>` of a fragment.
fn links(html: &str) -> Vec<(String, String)> {
    html.split("<a href=\"")
        .skip(1)
        .map(|part| {
            let (href, rest) = part.split_once('"').unwrap();
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</a>").unwrap()];
            (text.to_string(), href.to_string())
        })
        .collect()
}

/// The collective mentions shown as text in one role of a credits block.
fn groups(block: &str, id: &str) -> Vec<String> {
    let Some(start) = block.find(&format!("class=\"role-{id}\"")) else {
        return vec![];
    };
    let end = block[start..].find("</div>").unwrap() + start;
    spans(&block[start..end])
}

/// Every `<span class="credit-group">text</span>` of a fragment.
fn spans(html: &str) -> Vec<String> {
    html.split("<span class=\"credit-group\">")
        .skip(1)
        .map(|part| part[..part.find("</span>").unwrap()].to_string())
        .collect()
}

fn names(v: &[(String, String)]) -> Vec<&str> {
    v.iter().map(|(n, _)| n.as_str()).collect()
}

/// Every email-like address in the files under `dir`.
fn addresses(dir: &Path) -> Vec<String> {
    let mut found = vec![];
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        // f-print: the theme's vendored scripts (Mermaid) hold package names like
        // `vscode-jsonrpc@9.0.3`, and nothing of the site.
        if !e.file_type().is_file() || e.path().to_string_lossy().contains("/assets/vendor/") {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let chars: Vec<char> = text.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c != '@' {
                continue;
            }
            let local = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric() || "._%+-".contains(**c))
                .count();
            let domain: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric() || ".-".contains(**c))
                .collect();
            if local > 0 && domain.contains('.') && !domain.ends_with('.') {
                let s: String = chars[i - local..i + 1 + domain.chars().count()]
                    .iter()
                    .collect();
                found.push(format!("{}: {s}", e.path().display()));
            }
        }
    }
    found
}

const ANNE: &str = "Anne Berlemont <anne.berlemont@ville.example>";
const ANNE_OLD: &str = "anne <anne@perso.example>";
const BOB: &str = "Bob Martin <bob.martin@ville.example>";
const CHLOE: &str = "Chloé Durand <chloe@cnfpt.example>";
const MERGER: &str = "Marc Fusion <merge@ville.example>";
const BOT: &str = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>";

const PEOPLE: &str = r#"# Qui est qui
[anne-berlemont]
name = "Anne Berlemont"
structure = "Direction de la transformation"
aliases = ["Anne B."]
emails = ["anne.berlemont@ville.example"]

[chloe-durand]
name = "Chloé Durand"
structure = "CNFPT"

[florence-mensah]
name = "Florence Mensah"
structure = "Direction de la transformation"
"#;

/// The shared fixture: a small playbook with a real history.
fn history_repo() -> Repo {
    let r = repo();
    r.file(
        "playbook.toml",
        "title = \"Playbook test\"\nbase_url = \"https://intranet.example.org/playbook/\"\n",
    )
    .file(
        ".mailmap",
        "Anne Berlemont <anne.berlemont@ville.example> anne <anne@perso.example>\n",
    )
    .file("content/_people.toml", PEOPLE)
    .file(
        "content/guide/ancien-nom.md",
        "---\ntitle: Commencer petit\n---\n\nPremière version.\n",
    )
    .file(
        "content/ateliers/atelier.md",
        "---\ntitle: Atelier\nkind: minutes\ndate: 2024-11-14\nfacilitators: [\"Florence Mensah\", \"Anne B.\"]\nscribes: [\"Chloé Durand\"]\ntimekeepers: [\"Tous\"]\nparticipants: [\"Emmanuel\"]\nrotations:\n  - number: 1\n    title: Origines\n    scribes: [\"Bob Martin\"]\n    participants: [\"Claire\"]\n---\n\nNotes.\n",
    )
    .file("content/index.md", "# Accueil\n\nBienvenue.\n");
    // Anne, under her old identity (.mailmap maps it).
    r.commit(ANNE_OLD, "Premières pages");
    r.file(
        "content/guide/ancien-nom.md",
        "---\ntitle: Commencer petit\n---\n\nPremière version, relue.\n",
    );
    r.commit(
        BOB,
        "Relecture du guide\n\nCo-authored-by: Chloé Durand <chloe@cnfpt.example>\n",
    );
    // A rename: the page keeps its history.
    r.git(&[
        "mv",
        "content/guide/ancien-nom.md",
        "content/guide/commencer-petit.md",
    ]);
    r.commit(ANNE, "Renomme la page");
    // A branch, merged: the merge's author is not credited.
    r.git(&["checkout", "-q", "-b", "branche"]);
    r.file("content/typologie.md", "# Typologie\n\nNiveaux.\n");
    r.commit(CHLOE, "Ajoute la typologie");
    r.git(&["checkout", "-q", "main"]);
    r.file(
        "content/index.md",
        "# Accueil\n\nBienvenue à toutes et à tous.\n",
    );
    r.commit(BOB, "Accueil plus chaleureux");
    r.commit_as(
        MERGER,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Fusion de la branche",
            "branche",
        ],
    );
    // A bot.
    r.file(
        "content/index.md",
        "# Accueil\n\nBienvenue à toutes et à tous !\n",
    );
    r.commit(BOT, "Bump typography");
    // Not committed: a new page, and a change to a committed one.
    r.file("content/brouillon.md", "# Brouillon\n\nÀ venir.\n");
    r.file(
        "content/typologie.md",
        "# Typologie\n\nNiveaux, modifiés.\n",
    );
    r
}

#[test]
fn credits_from_a_real_history() {
    let r = history_repo();
    let out = r.build();
    assert!(!out.stderr.contains("shallow"), "{}", out.stderr);
    assert!(!out.stderr.contains("front matter alone"), "{}", out.stderr);

    // The renamed page: Anne wrote it (under her old, mailmapped identity),
    // Bob changed it with Chloé as co-author.
    let page = r.read("public/guide/commencer-petit/index.html");
    let block = credits_block(&page);
    assert_eq!(names(&role(block, "redaction")), ["Anne Berlemont"]);
    assert_eq!(
        role(block, "redaction")[0].1,
        "../../personnes/anne-berlemont/"
    );
    assert_eq!(
        names(&role(block, "modifications")),
        ["Bob Martin", "Chloé Durand"]
    );
    // "Mis à jour le" from git: the rename, 2024-11-14 at 13:13 UTC.
    assert!(
        page.contains("Mis à jour le</span> <time datetime=\"2024-11-14\">14 novembre 2024</time>"),
        "{page}"
    );

    // Minutes: roles from the front matter, rotations included, spellings
    // mapped by the people file ("Anne B."), plus git.
    let minutes = r.read("public/ateliers/atelier/index.html");
    let block = credits_block(&minutes);
    assert_eq!(
        names(&role(block, "animation")),
        ["Florence Mensah", "Anne Berlemont"]
    );
    assert_eq!(
        names(&role(block, "prise-de-notes")),
        ["Chloé Durand", "Bob Martin"]
    );
    // "Tous" is the whole group, not a person: text, with no page.
    assert_eq!(names(&role(block, "gardien-du-temps")), Vec::<&str>::new());
    assert_eq!(groups(block, "gardien-du-temps"), ["Tous"]);
    assert_eq!(names(&role(block, "participation")), ["Emmanuel", "Claire"]);
    // Anne committed the minutes: she put them online, the pad's people
    // wrote them.
    assert_eq!(names(&role(block, "redaction")), Vec::<&str>::new());
    assert_eq!(names(&role(block, "mise-en-ligne")), ["Anne Berlemont"]);

    // The merged branch: Chloé wrote the typology; the merge author and the
    // bot are credited nowhere. The typology has uncommitted changes.
    let typo = r.read("public/typologie/index.html");
    assert_eq!(
        names(&role(credits_block(&typo), "redaction")),
        ["Chloé Durand"]
    );
    assert!(typo.contains("des modifications pas encore enregistrées"));
    let home = r.read("public/index.html");
    assert_eq!(
        names(&role(credits_block(&home), "modifications")),
        ["Bob Martin"]
    );
    let draft = r.read("public/brouillon/index.html");
    assert!(
        credits_block(&draft).contains("pas encore enregistrée dans l’historique"),
        "{draft}"
    );

    // Contributors: everyone credited, the merger and the bot excepted.
    let index = main_of(&r.read("public/contributeurs/index.html")).to_string();
    let people = names(&links(&index))
        .into_iter()
        .filter(|n| !["Direction de la transformation", "CNFPT", "Structures"].contains(n))
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(
        people,
        [
            "Anne Berlemont",
            "Bob Martin",
            "Chloé Durand",
            "Claire",
            "Emmanuel",
            "Florence Mensah",
        ]
    );
    for bad in ["Marc Fusion", "dependabot", "anne <", ">anne<"] {
        assert!(!index.contains(bad), "{bad} in {index}");
    }

    // Person page: pages grouped by role, with counts.
    let anne = main_of(&r.read("public/personnes/anne-berlemont/index.html")).to_string();
    assert!(anne.contains("Direction de la transformation</a>"));
    assert!(
        anne.contains("Rédaction <span class=\"count\">(2)</span>"),
        "{anne}"
    );
    assert!(anne.contains("Animation <span class=\"count\">(1)</span>"));
    assert!(anne.contains("Mise en ligne <span class=\"count\">(1)</span>"));
    // Three commits: two under the old identity's mailmapped name, one rename.
    assert!(anne.contains("<li>2 modifications</li>"), "{anne}");
    let chloe = main_of(&r.read("public/personnes/chloe-durand/index.html")).to_string();
    assert!(
        chloe.contains("dont en co-autrice ou co-auteur : 1"),
        "{chloe}"
    );

    // Structures: members and collective totals.
    let st = main_of(&r.read("public/structures/index.html")).to_string();
    let dt = &st[st.find("id=\"direction-de-la-transformation\"").unwrap()..];
    let dt = &dt[..dt.find("</section>").unwrap()];
    assert_eq!(names(&links(dt)), ["Anne Berlemont", "Florence Mensah"]);
    assert!(dt.contains("<li>3 pages</li>"), "{dt}");
    assert!(dt.contains("<li>2 modifications</li>"), "{dt}");
    assert!(st.contains("id=\"cnfpt\""));

    // Recent changes: newest first, the bot's change without a name.
    let recent = main_of(&r.read("public/dernieres-modifications/index.html")).to_string();
    let bump = recent.find("Bump typography").unwrap();
    let welcome = recent.find("Accueil plus chaleureux").unwrap();
    assert!(bump < welcome);
    assert!(!recent.contains("Fusion de la branche"));
    assert!(!recent.contains("dependabot"));

    // Footer links to the credits pages.
    for url in ["contributeurs/", "structures/", "dernieres-modifications/"] {
        assert!(home.contains(&format!("href=\"{url}\"")), "{url}");
    }

    check_atom(&r.read("public/atom.xml"), true);

    // No email anywhere.
    assert_eq!(addresses(&r.path().join("public")), Vec::<String>::new());
}

/// Parses `atom.xml` and checks what RFC 4287 requires: feed `id`,
/// `title`, `updated`, an author (on the feed or on every entry); per entry
/// `id`, `title`, `updated`, a link; ids absolute IRIs, dates RFC 3339.
fn check_atom(xml: &str, absolute: bool) -> Vec<(String, Vec<String>, String)> {
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
        n.children()
            .filter(|c| c.is_element() && c.tag_name().name() == name)
            .collect()
    }
    const NS: &str = "http://www.w3.org/2005/Atom";
    let doc = roxmltree::Document::parse(xml).expect("atom.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(NS));
    let text = |n: roxmltree::Node<'_, '_>| n.text().unwrap_or("").to_string();
    let is_rfc3339 = |s: &str| {
        s.len() >= 20 && s.as_bytes()[4] == b'-' && s.as_bytes()[10] == b'T' && {
            let tz = &s[19..];
            tz == "Z" || tz.starts_with('+') || tz.starts_with('-') || tz.starts_with('.')
        }
    };
    let is_iri = |s: &str| {
        s.split_once(':')
            .is_some_and(|(scheme, _)| !scheme.is_empty())
    };
    for name in ["id", "title", "updated"] {
        assert_eq!(child(feed, name).len(), 1, "feed/{name}");
    }
    assert!(is_iri(&text(child(feed, "id")[0])));
    assert!(is_rfc3339(&text(child(feed, "updated")[0])));
    let feed_author = !child(feed, "author").is_empty();
    let mut entries = vec![];
    for e in child(feed, "entry") {
        for name in ["id", "title", "updated"] {
            assert_eq!(child(e, name).len(), 1, "entry/{name}");
        }
        let id = text(child(e, "id")[0]);
        assert!(is_iri(&id), "{id}");
        assert!(is_rfc3339(&text(child(e, "updated")[0])));
        let authors: Vec<String> = child(e, "author")
            .into_iter()
            .map(|a| {
                assert!(child(a, "email").is_empty(), "no email in the feed");
                text(child(a, "name")[0])
            })
            .collect();
        assert!(feed_author || !authors.is_empty());
        let link = child(e, "link")
            .into_iter()
            .find(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
            .expect("entry link");
        let href = link.attribute("href").unwrap().to_string();
        if absolute {
            assert!(
                href.starts_with("https://intranet.example.org/playbook/"),
                "{href}"
            );
        }
        entries.push((text(child(e, "title")[0]), authors, href));
    }
    // Ids are unique.
    let mut ids: Vec<String> = child(feed, "entry")
        .into_iter()
        .map(|e| text(child(e, "id")[0]))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len());
    entries
}

#[test]
fn the_feed_lists_changes_with_authors_and_pages() {
    let r = history_repo();
    r.build();
    let entries = check_atom(&r.read("public/atom.xml"), true);
    let titles: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Bump typography",
            "Accueil plus chaleureux",
            "Ajoute la typologie",
            "Renomme la page",
            "Relecture du guide",
            "Premières pages"
        ]
    );
    assert!(entries[0].1.is_empty(), "the bot has no name");
    assert_eq!(entries[4].1, ["Bob Martin", "Chloé Durand"]);
    assert_eq!(entries[5].1, ["Anne Berlemont"]);
    assert_eq!(
        entries[3].2,
        "https://intranet.example.org/playbook/guide/commencer-petit/"
    );
}

#[test]
fn a_site_template_overrides_the_feed() {
    let r = history_repo();
    r.file(
        "themes/default/templates/atom.xml",
        "{{ t.recent_changes }}|{{ feed.self_href }}|{% for e in feed.entries %}{{ e.title }} ({{ e.authors | length }});{% endfor %}",
    );
    r.build();
    assert_eq!(
        r.read("public/atom.xml"),
        "Dernières modifications|https://intranet.example.org/playbook/atom.xml|Bump typography (0);\
         Accueil plus chaleureux (1);Ajoute la typologie (1);Renomme la page (1);\
         Relecture du guide (2);Premières pages (1);"
    );
}

#[test]
fn without_base_url_the_feed_has_relative_links_and_tag_ids() {
    let r = history_repo();
    r.file("playbook.toml", "title = \"Playbook test\"\n");
    r.build();
    let xml = r.read("public/atom.xml");
    let entries = check_atom(&xml, false);
    assert_eq!(entries[3].2, "guide/commencer-petit/");
    assert!(
        xml.contains("<id>tag:playbook,2024:playbook-test/feed</id>"),
        "{xml}"
    );
    // The recent changes page announces the feed, relative to itself.
    let recent = r.read("public/dernieres-modifications/index.html");
    assert!(recent.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Dernières modifications\" href=\"../atom.xml\">"
    ));
}

#[test]
fn a_config_pattern_excludes_more_bots_and_feed_entries_are_bounded() {
    let r = history_repo();
    r.file(
        "playbook.toml",
        "[credits]\nexclude = [\"bob*\", \"*[bot]*\"]\nfeed_entries = 2\n",
    );
    r.build();
    let home = r.read("public/index.html");
    assert!(role(credits_block(&home), "modifications").is_empty());
    let entries = check_atom(&r.read("public/atom.xml"), false);
    assert_eq!(entries.len(), 2);
    // Bob is still credited where the front matter names him (a scribe).
    let minutes = r.read("public/ateliers/atelier/index.html");
    assert!(names(&role(credits_block(&minutes), "prise-de-notes")).contains(&"Bob Martin"));
}

#[test]
fn a_shallow_clone_warns_and_credits_nobody_with_writing() {
    let r = history_repo();
    r.git(&["add", "-A"]);
    r.commit(ANNE, "Tout enregistrer");
    let (_clone, dest) = r.shallow_clone();
    let out = Command::new(BIN)
        .args(["build"])
        .current_dir(&dest)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("clone partiel (shallow) : l'historique git est incomplet"),
        "{stderr}"
    );
    // The last committer did not write every page: git credits only changes.
    let page =
        std::fs::read_to_string(dest.join("public/guide/commencer-petit/index.html")).unwrap();
    let block = credits_block(&page);
    assert!(role(block, "redaction").is_empty(), "{block}");
    assert_eq!(names(&role(block, "modifications")), ["Anne Berlemont"]);
}

#[test]
fn outside_git_credits_come_from_the_front_matter_alone() {
    let s = Site::new();
    s.file(
        "content/atelier.md",
        "---\ntitle: Atelier\nkind: minutes\nauthors: [\"Anne Berlemont\"]\nfacilitators: [\"Florence Mensah\"]\nscribes: [\"Célia\"]\n---\n\nNotes.\n",
    );
    let out = s.build_ok(&[]);
    let notices: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("seulement du front matter"))
        .collect();
    assert_eq!(
        notices,
        [
            "note : le dossier content n'est pas dans un dépôt git : les crédits viennent seulement du front matter"
        ]
    );
    let page = s.read("public/atelier/index.html");
    let block = credits_block(&page);
    assert_eq!(names(&role(block, "redaction")), ["Anne Berlemont"]);
    assert_eq!(names(&role(block, "animation")), ["Florence Mensah"]);
    assert_eq!(names(&role(block, "prise-de-notes")), ["Célia"]);
    assert!(s.exists("public/personnes/celia/index.html"));
    assert!(s.exists("public/contributeurs/index.html"));
    // No history: no recent changes, no feed, no structures.
    assert!(!s.exists("public/dernieres-modifications"));
    assert!(!s.exists("public/atom.xml"));
    assert!(!s.exists("public/structures"));

    // No git command at all.
    let out = Command::new(BIN)
        .args(["build"])
        .current_dir(s.path())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "note : git n'est pas installé : les crédits viennent seulement du front matter"
        ),
        "{stderr}"
    );
    assert!(s.exists("public/personnes/celia/index.html"));
}

#[test]
fn emails_are_published_only_when_the_config_opts_in() {
    let r = history_repo();
    r.build();
    assert_eq!(addresses(&r.path().join("public")), Vec::<String>::new());
    r.file(
        "playbook.toml",
        "base_url = \"https://intranet.example.org/playbook/\"\n[credits]\nshow_emails = true\n",
    );
    r.build();
    let anne = r.read("public/personnes/anne-berlemont/index.html");
    assert!(
        anne.contains("mailto:anne.berlemont@ville.example"),
        "{anne}"
    );
    let bob = r.read("public/personnes/bob-martin/index.html");
    assert!(bob.contains("bob.martin@ville.example"));
    // Only on person pages, never in the feed.
    assert!(!r.read("public/atom.xml").contains('@'));
    let found = addresses(&r.path().join("public"));
    assert!(!found.is_empty());
    assert!(found.iter().all(|f| f.contains("/personnes/")), "{found:?}");
}

#[test]
fn hostile_names_are_escaped_everywhere() {
    let r = repo();
    r.file(
        "content/_people.toml",
        "[x]\nname = \"<script>alert(1)</script>\"\nstructure = \"{{ site.title }} & \\\"Cie\\\"\"\n",
    )
    .file(
        "content/page.md",
        "---\ntitle: Page\nauthors: [\"<script>alert(1)</script>\", \"{{ t.home }}\", \"O'Brien \\\"Bob\\\" <b>\"]\n---\n\nTexte.\n",
    );
    r.commit(
        "Zoé \"{{ x }}\" & 'co' Martin <evil@example.invalid>",
        "<i>sujet</i> & {{ x }}",
    );
    let out = r.build();
    assert!(
        out.stderr.is_empty() || !out.stderr.contains("error"),
        "{}",
        out.stderr
    );
    let public = r.path().join("public");
    for e in walkdir::WalkDir::new(&public) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        for raw in ["<script>alert", "<i>sujet", "<b>", "\"{{ x", "Accueil\""] {
            assert!(!text.contains(raw), "{raw} in {}", e.path().display());
        }
    }
    let page = r.read("public/page/index.html");
    let block = credits_block(&page);
    assert_eq!(
        names(&role(block, "redaction")),
        [
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "{{ t.home }}",
            "O&#39;Brien &quot;Bob&quot; &lt;b&gt;",
        ]
    );
    assert_eq!(
        names(&role(block, "modifications")),
        ["Zoé &quot;{{ x }}&quot; &amp; &#39;co&#39; Martin"]
    );
    assert!(block.contains("alert(1)"), "{block}");
    assert!(!block.contains("<script>"));
    let st = r.read("public/structures/index.html");
    assert!(
        st.contains("{{ site.title }} &amp; &quot;Cie&quot;"),
        "{st}"
    );
    // The feed is still well-formed, with the subject as text.
    let entries = check_atom(&r.read("public/atom.xml"), false);
    assert_eq!(entries[0].0, "<i>sujet</i> & {{ x }}");
    assert_eq!(entries[0].1, ["Zoé \"{{ x }}\" & 'co' Martin"]);
}

#[test]
fn people_file_errors_name_the_file_and_line() {
    let s = Site::new();
    s.file("content/a.md", "# A\n").file(
        "content/_people.toml",
        "[anne]\nname = \"Anne\"\n\n[bob]\nname = \"Bob\"\nstrucutre = \"X\"\n",
    );
    let out = s.build(&[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/_people.toml:4:1: erreur : personne `bob` : unknown field `strucutre`"
        ),
        "{}",
        out.stderr
    );
    s.file(
        "content/_people.toml",
        "[anne]\nname = \"Anne\"\naliases = [\"A. B.\"]\n\n[autre]\nname = \"Autre\"\naliases = [\"a b\"]\n",
    );
    let out = s.build(&[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "content/_people.toml:5:1: erreur : la personne `autre` partage l'orthographe de `anne` (ligne 1)"
        ),
        "{}",
        out.stderr
    );
    s.file("content/_people.toml", "[anne\nname = 1\n");
    let out = s.build(&[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("content/_people.toml:1:"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_reports_unmapped_spellings_that_look_alike() {
    let r = history_repo();
    r.file(
        "content/autre.md",
        "---\ntitle: Autre\nauthors: [\"Florence Mensha\", \"Flo M.\", \"Emmanuel\"]\n---\n\nTexte.\n",
    );
    r.commit("bob <bob@perso.example>", "Une page de plus");
    let out = r.site.run(&["check"]);
    let warnings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains(" ressemble à "))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/_people.toml: avertissement : l'auteur git `bob` ressemble à `Bob Martin` mais est crédité comme une autre personne",
            "content/autre.md:3:1: avertissement : `Flo M.` ressemble à `Florence Mensah` mais est crédité comme une autre personne",
            "content/autre.md:3:1: avertissement : `Florence Mensha` ressemble à `Florence Mensah` mais est crédité comme une autre personne",
        ],
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "ajoutez `Flo M.` aux `aliases` de `Florence Mensah` dans content/_people.toml"
        )
    );
}

#[test]
fn credit_addresses_are_reserved() {
    let s = Site::new();
    s.file("content/personnes/x.md", "# X\n");
    let out = s.build(&[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("l'adresse `personnes/` est réservée"),
        "{}",
        out.stderr
    );
    // A content file may not take the feed's place either.
    let s = Site::new();
    s.file("content/a.md", "# A\n")
        .file("content/atom.xml", "<feed/>");
    let out = s.build(&[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("content/atom.xml: erreur : ce fichier remplacerait `atom.xml`"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_bundled_example_credits_the_seed_workshop() {
    let s = Site::example();
    s.build_ok(&[]);
    let minutes = s.read("public/ateliers/2024-11-14-implanter-le-collaboratif/index.html");
    let block = credits_block(&minutes);
    assert_eq!(
        names(&role(block, "animation")),
        ["Florence Mensah", "Anne Berlemont"]
    );
    // The whole group and the person from Saint-Ouen are text, not people.
    assert_eq!(
        names(&role(block, "prise-de-notes")),
        ["Anne Berlemont", "Célia"]
    );
    assert_eq!(groups(block, "prise-de-notes"), ["Tout le groupe"]);
    assert_eq!(groups(block, "gardien-du-temps"), ["Tout le groupe"]);
    assert_eq!(
        names(&role(block, "participation")),
        ["Emmanuel", "Claire", "JM"]
    );
    assert_eq!(
        groups(block, "participation"),
        ["Une personne de la mairie de Saint-Ouen"]
    );
    let title = "Implanter le collaboratif dans nos structures";
    for (slug, roles) in [
        ("florence-mensah", &["Animation"][..]),
        ("anne-berlemont", &["Animation", "Prise de notes"][..]),
        ("celia", &["Prise de notes"][..]),
    ] {
        let page = main_of(&s.read(&format!("public/personnes/{slug}/index.html"))).to_string();
        for role in roles {
            let at = page
                .find(&format!(">{role} <span class=\"count\">"))
                .unwrap_or_else(|| panic!("{slug}: no {role}"));
            let section = &page[at..];
            let section = &section[..section.find("</section>").unwrap()];
            assert!(section.contains(title), "{slug} {role}");
        }
    }
    let people: Vec<String> = std::fs::read_dir(s.path().join("public/personnes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        people,
        [
            "anne-berlemont",
            "celia",
            "claire",
            "emmanuel",
            "florence-mensah",
            "jm"
        ]
    );
    let st = main_of(&s.read("public/structures/index.html")).to_string();
    let team = &st[st.find("id=\"equipe-d-animation-du-playbook\"").unwrap()..];
    let team = &team[..team.find("</section>").unwrap()];
    assert_eq!(
        names(&links(team)),
        [
            "Anne Berlemont",
            "Célia",
            "Florence Mensah",
            // f-map: the stakeholder map the team is on.
            "Qui embarquer pour implanter le collaboratif\u{a0}?"
        ]
    );
    // The mairie took part through its anonymous participant.
    let mairie = &st[st.find("id=\"mairie-de-saint-ouen\"").unwrap()..];
    let mairie = &mairie[..mairie.find("</section>").unwrap()];
    // f-map: its only link is the stakeholder map it is on.
    assert_eq!(
        names(&links(mairie)),
        ["Qui embarquer pour implanter le collaboratif\u{a0}?"],
        "{mairie}"
    );
    assert_eq!(spans(mairie), ["Une personne de la mairie de Saint-Ouen"]);
    assert!(
        mairie.contains("Membres <span class=\"count\">(1)</span>"),
        "{mairie}"
    );
    assert!(
        mairie.contains("<dt>Participation</dt><dd>1 page</dd>"),
        "{mairie}"
    );
    assert!(!s.exists("public/_people.toml"));
    assert_eq!(addresses(&s.path().join("public")), Vec::<String>::new());
    // The example's people file is kept in sync with its pages.
    let check = s.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(!check.stdout.contains("looks like"), "{}", check.stdout);
}

mod who;
