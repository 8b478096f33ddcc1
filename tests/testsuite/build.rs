//! `playbook build` on small fixture sites: configuration, front matter,
//! Markdown, URLs and error reporting.

use crate::util::{Site, main_of, tree_snapshot};

#[test]
fn zero_config_folder_builds() {
    let s = Site::new();
    s.file("content/premiere-page.md", "# Première page\n\nBonjour.\n")
        .file("content/dossier/Été à Paris.md", "Texte sans titre.\n")
        .file("content/sans-rien.md", "");
    let o = s.build_ok(&[]);
    assert!(o.stderr.contains("pages construites"), "{}", o.stderr);
    let page = s.read("public/premiere-page/index.html");
    assert!(
        page.contains("<title>Première page"),
        "title from the first heading"
    );
    assert_eq!(
        main_of(&page).matches("Première page</h1>").count(),
        1,
        "the leading # heading is not repeated"
    );
    // Title from the file name; ASCII URL.
    let ete = s.read("public/dossier/ete-a-paris/index.html");
    assert!(ete.contains("Été à Paris"), "title from the file name");
    assert!(s.exists("public/sans-rien/index.html"));
    assert!(s.exists("public/index.html"), "a home page is generated");
    assert!(
        s.exists("public/dossier/index.html"),
        "every folder gets an index"
    );
    assert!(s.exists("public/404.html"));
    let sitemap = s.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>/dossier/ete-a-paris/</loc>"),
        "{sitemap}"
    );
    assert!(s.read("public/index.html").contains("lang=\"fr\""));
}

#[test]
fn yaml_and_toml_front_matter() {
    let s = Site::new();
    s.file(
        "content/yaml.md",
        "---\ntitle: \"Coopération : niveaux\"\ndate: 2025-08-12\nkind: typology\naxis: Intensité\nlevel: 3\ntags: [coopération]\n---\n\nCorps YAML.\n",
    )
    .file(
        "content/toml.md",
        "+++\ntitle = \"Atelier TOML\"\ndate = 2025-03-01\nkind = \"minutes\"\nfacilitators = [\"Florence Mensah\", \"Anne Berlemont\"]\n[[rotations]]\nnumber = 1\ntitle = \"Origines\"\nstart = \"14h35\"\nend = \"14h55\"\nscribes = [\"Anne\"]\n+++\n\nCorps TOML.\n",
    );
    s.build_ok(&[]);
    let y = s.read("public/yaml/index.html");
    assert!(y.contains("Coopération : niveaux"));
    assert!(y.contains("Intensité"), "typology axis shown");
    assert!(y.contains("12 août 2025"), "French date");
    let t = s.read("public/toml/index.html");
    assert!(t.contains("Atelier TOML"));
    assert!(
        t.contains("Florence Mensah") && t.contains("Anne Berlemont"),
        "facilitators shown"
    );
    assert!(
        t.contains("14h35") && t.contains("Origines"),
        "rotation shown"
    );
    assert!(t.contains("1er mars 2025"));
}

#[test]
fn malformed_front_matter_leaves_the_page_out_and_strict_keeps_the_old_site() {
    let s = Site::new();
    s.file("content/a.md", "---\ntitle: Bonne page\n---\nTexte\n")
        .file("content/b.md", "---\ntitle: Autre\n---\nTexte\n")
        .file("content/lien.md", "# Lien\n\n[[Bonne page]] et [a](a.md)\n");
    s.build_ok(&[]);
    s.file(
        "content/a.md",
        "---\ntitle: Bonne page\ntags: [a, b\n---\nTexte\n",
    )
    .file(
        "content/b.md",
        "---\ntitle: Autre\norder: beaucoup\n---\nTexte\n",
    )
    .file("content/c.md", "Nouvelle page\n");
    // `--strict`: every problem is an error and public/ is left as it was.
    let before = tree_snapshot(&s.path().join("public"));
    let o = s.build(&["--strict"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("content/a.md:3:"),
        "names file and line: {}",
        o.stderr
    );
    assert!(
        o.stderr.contains("content/b.md:3:1"),
        "every error is reported: {}",
        o.stderr
    );
    assert!(o.stderr.contains("aide :"), "says how to fix it");
    assert_eq!(
        tree_snapshot(&s.path().join("public")),
        before,
        "public/ is byte-identical"
    );
    // Without it, the two pages are left out with a warning each; the
    // rest is built, and links to them say they are not published.
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("content/a.md:3:")
            && o.stderr
                .contains("avertissement : cette page n'est pas publiée : le "),
        "{}",
        o.stderr
    );
    assert!(!s.exists("public/a") && !s.exists("public/b") && s.exists("public/c/index.html"));
    let lien = s.read("public/lien/index.html");
    // By path, the link knows the page; by title it cannot (the title is in
    // the front matter that could not be read): a page to create.
    assert_eq!(
        lien.matches("<span class=\"unpublished\">").count(),
        1,
        "{lien}"
    );
    assert!(o.stderr.contains("content/lien.md:3:19: avertissement : ce lien mène à `content/a.md`, qui n'est pas publiée"), "{}", o.stderr);
}

#[test]
fn unknown_config_key_names_key_and_line() {
    let s = Site::new();
    s.file(
        "playbook.toml",
        "title = \"x\"\nlanguage = \"fr\"\nbase_ulr = \"/\"\n",
    )
    .file("content/a.md", "x");
    let o = s.build(&[]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("playbook.toml:3:1"), "{}", o.stderr);
    assert!(o.stderr.contains("base_ulr"), "{}", o.stderr);
}

#[test]
fn nothing_executable_in_the_output() {
    let s = Site::new();
    s.file(
        "content/xss.md",
        "---\ntitle: \"<script>alert(1)</script>\"\ntags: [\"<img src=x onerror=alert(1)>\"]\n---\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3)) [y](jAvAsCrIpT:alert(4)) [z](java&#115;cript:alert(5)) [w](data:text/html,<script>alert(6)</script>)\n\n![i](javascript:alert(7))\n",
    );
    s.build_ok(&[]);
    let html = s.read("public/xss/index.html");
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script>alert"), "{html}");
    assert!(!lower.contains("<img src=x"), "{html}");
    assert!(!lower.contains("javascript:"), "{html}");
    assert!(!lower.contains("href=\"data:"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "raw HTML is shown as text"
    );
}

#[test]
fn markdown_features_and_heading_ids() {
    let s = Site::new();
    s.file(
        "content/md.md",
        "---\ntitle: Md\n---\n\n## Légitimité & portage\n\n## Légitimité & portage\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait\n- [ ] à faire\n\n~~barré~~ www.example.org\n\nNote[^1].\n\n[^1]: La note.\n\n> [!TIP]\n> Astuce\n",
    );
    s.build_ok(&[]);
    let html = s.read("public/md/index.html");
    for needle in [
        "id=\"legitimite-portage\"",
        "id=\"legitimite-portage-1\"",
        "<table>",
        "type=\"checkbox\"",
        "<del>barré</del>",
        "href=\"http://www.example.org\"",
        "La note.",
        "<div class=\"callout callout-tip\" data-callout=\"tip\">\n<p class=\"callout-title\">Astuce</p>",
        "href=\"#legitimite-portage\"",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn links_images_and_assets_are_relative() {
    let s = Site::new();
    s.file("content/_index.md", "---\ntitle: Accueil\n---\nVoir [[Démarrer]].\n")
        .file("content/guide/01-demarrer.md", "---\ntitle: Démarrer\nkind: guide\norder: 1\n---\n\n## Pourquoi\n\n![schéma](<images/schéma 1.png>) [fiche](fiche.pdf) [suite](02-suite.md#comment) [[Suite#Comment]]\n")
        .file("content/guide/02-suite.md", "---\ntitle: Suite\nkind: guide\norder: 2\n---\n\n## Comment\n\n[[cooperation inter directions]] [[Page inexistante]]\n")
        .file("content/typologies/coop.md", "---\ntitle: Coopération inter-directions\n---\n")
        .file("content/guide/images/schéma 1.png", [0x89u8, b'P', b'N', b'G'])
        .file("content/guide/fiche.pdf", "%PDF");
    s.build_ok(&[]);
    let home = s.read("public/index.html");
    assert!(
        home.contains("href=\"guide/demarrer/\""),
        "{}",
        main_of(&home)
    );
    let d = s.read("public/guide/demarrer/index.html");
    assert!(
        d.contains("src=\"../images/sch%C3%A9ma%201.png\""),
        "{}",
        main_of(&d)
    );
    assert!(d.contains("href=\"../fiche.pdf\""));
    assert!(d.contains("href=\"../suite/#comment\""), "{}", main_of(&d));
    assert!(s.exists("public/guide/images/schéma 1.png"));
    assert!(s.exists("public/guide/fiche.pdf"));
    let suite = s.read("public/guide/suite/index.html");
    assert!(
        suite.contains("href=\"../../typologies/coop/\""),
        "forgiving match: {}",
        main_of(&suite)
    );
    assert!(suite.contains("class=\"new\""), "page to create");
    assert!(suite.contains("page à créer"), "accessible label");
}

#[test]
fn file_url_style_links_to_index_html() {
    let s = Site::new();
    s.file("playbook.toml", "url_style = \"file\"\n")
        .file("content/a.md", "[[B]]")
        .file("content/b.md", "# B\n");
    s.build_ok(&[]);
    let a = s.read("public/a/index.html");
    assert!(a.contains("href=\"../b/index.html\""), "{}", main_of(&a));
    assert!(a.contains("href=\"../index.html\""), "home link");
}

#[test]
fn strict_fails_on_pages_to_create_and_warnings() {
    let s = Site::new();
    s.file("content/a.md", "[[Nulle part]]\n");
    let o = s.build_ok(&[]);
    assert!(
        o.stderr.contains("1 lien vers une page à créer"),
        "{}",
        o.stderr
    );
    let o = s.build(&["--strict"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("content/a.md:1:1"), "{}", o.stderr);
}

#[test]
fn drafts_are_skipped_unless_asked() {
    let s = Site::new();
    s.file(
        "content/brouillon.md",
        "---\ntitle: Brouillon\ndraft: true\n---\n",
    );
    s.build_ok(&[]);
    assert!(!s.exists("public/brouillon/index.html"));
    s.build_ok(&["--drafts"]);
    assert!(s.exists("public/brouillon/index.html"));
}

#[test]
fn english_ui() {
    let s = Site::new();
    s.file("playbook.toml", "language = \"en\"\ntitle = \"Playbook\"\n")
        .file("content/a.md", "---\ntitle: A\ndate: 2025-08-12\n---\n");
    s.build_ok(&[]);
    let a = s.read("public/a/index.html");
    assert!(a.contains("lang=\"en\""));
    assert!(a.contains("Skip to content"));
    assert!(a.contains("12 August 2025"));
}

#[test]
fn usage_errors_exit_2() {
    let s = Site::new();
    assert_eq!(s.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(s.run(&["frobnicate"]).code, 2);
    let o = s.build(&[]);
    assert_eq!(o.code, 2, "no content folder: {}", o.stderr);
    assert!(o.stderr.contains("content/"));
    assert_eq!(s.run(&["build", "--help"]).code, 0);
}

#[test]
fn colliding_output_paths_are_warnings_and_strict_errors() {
    let s = Site::new();
    s.file("content/Été.md", "x").file("content/ete.md", "y");
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("publiée à `ete-2/` à la place"),
        "{}",
        o.stderr
    );
    assert_eq!(s.build(&["--strict"]).code, 1);
}

#[test]
fn a_site_template_or_asset_overrides_the_default() {
    let s = Site::new();
    s.file("content/a.md", "---\ntitle: A\n---\nTexte\n")
        .file(
            "themes/default/templates/page.html",
            "{% extends \"__default/page.html\" %}{% block title %}SURCHARGE {{ page.title }}{% endblock %}",
        )
        .file("themes/default/static/extra.css", "body{}");
    s.build_ok(&[]);
    let a = s.read("public/a/index.html");
    assert!(a.contains("SURCHARGE A"), "{a}");
    assert!(a.contains("Texte"), "the default blocks are kept");
    assert_eq!(s.read("public/assets/extra.css"), "body{}");
    assert!(
        s.exists("public/assets/style.css"),
        "default assets are still there"
    );
}

#[test]
fn a_site_template_overrides_the_sitemap() {
    let s = Site::new();
    s.file(
        "content/a.md",
        "---\ntitle: A\ndate: 2025-01-02\n---\nTexte\n",
    )
    .file("playbook.toml", "base_url = \"https://h.example/pb/\"\n")
    .file(
        "themes/default/templates/sitemap.xml",
        "{% for u in urls %}{{ u.loc }} {{ u.lastmod }};{% endfor %}",
    );
    s.build_ok(&[]);
    assert_eq!(
        s.read("public/sitemap.xml"),
        "https://h.example/pb/ ;https://h.example/pb/a/ 2025-01-02;"
    );
}

#[test]
fn a_broken_sitemap_template_fails_the_build_with_its_file() {
    let s = Site::new();
    s.file("content/a.md", "x")
        .file("themes/default/templates/sitemap.xml", "{{ nothing_here }}");
    let o = s.build(&[]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("templates/sitemap.xml") && o.stderr.contains("nothing_here"),
        "{}",
        o.stderr
    );
    assert!(!s.exists("public/a/index.html"), "nothing is written");
}

#[test]
fn of_two_broken_generated_pages_the_first_is_reported_and_nothing_is_published() {
    // Generated pages render in parallel, each written as soon as it is
    // rendered: the failure reported is still the first in their order
    // (the 404 page, then the tag index), and the published site is kept.
    let s = Site::new();
    s.file("content/a.md", "---\ntags: [t]\n---\nx")
        .file("themes/default/templates/404.html", "{{ no_such_404 }}")
        .file("themes/default/templates/tags.html", "{{ no_such_tags }}");
    for _ in 0..3 {
        let o = s.build(&[]);
        assert_eq!(o.code, 1);
        assert!(
            o.stderr.contains("templates/404.html") && o.stderr.contains("no_such_404"),
            "{}",
            o.stderr
        );
        assert!(!o.stderr.contains("no_such_tags"), "{}", o.stderr);
        assert!(!s.exists("public/a/index.html"), "nothing is published");
    }
}

#[test]
fn a_broken_template_is_reported_with_its_file() {
    let s = Site::new();
    s.file("content/a.md", "x")
        .file("themes/default/templates/page.html", "{% if %}");
    let o = s.build(&[]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("themes/default/templates/page.html"),
        "{}",
        o.stderr
    );
}

#[test]
fn hidden_files_temporaries_and_outside_symlinks_are_skipped() {
    let s = Site::new();
    s.file("content/a.md", "A")
        .file("content/.cache/x.md", "secret")
        .file("content/.a.md.swp", "swap")
        .file("content/a.md~", "backup")
        .file(
            "content/_people.toml",
            "[x]\nname = \"X\"\nemails = [\"x@example.invalid\"]\n",
        )
        .file("content/dir.md/inner.md", "a folder named like a page");
    std::os::unix::fs::symlink("/etc/passwd", s.path().join("content/passwd.md")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", s.path().join("content/passwd.txt")).unwrap();
    std::os::unix::fs::symlink("boucle", s.path().join("content/boucle")).unwrap();
    let o = s.build_ok(&[]);
    assert!(
        o.stderr
            .contains("content/passwd.md: avertissement : ignoré : lien symbolique"),
        "{}",
        o.stderr
    );
    let files: Vec<String> = walkdir::WalkDir::new(s.path().join("public"))
        .into_iter()
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    for f in &files {
        assert!(
            !f.contains(".cache")
                && !f.contains("swp")
                && !f.contains('~')
                && !f.contains("_people")
                && !f.contains("passwd"),
            "{f}"
        );
    }
    assert!(s.exists("public/dir-md/inner/index.html"), "{files:?}");
    for f in &files {
        if f.ends_with(".html") {
            assert!(
                !std::fs::read_to_string(f).unwrap().contains("root:x:0"),
                "{f}"
            );
        }
    }
}

#[test]
fn non_utf8_files_get_a_clear_warning_and_are_left_out() {
    let s = Site::new();
    s.file(
        "content/latin1.md",
        b"Titre\n\nCaf\xE9 cr\xE8me\n".as_slice(),
    )
    .file("content/utf16.md", b"\xFF\xFEa\x00".as_slice());
    let o = s.build(&[]);
    assert_eq!(o.code, 0);
    assert!(
        o.stderr
            .contains("content/latin1.md:3:4: avertissement : cette page n'est pas publiée : ce fichier n'est pas en UTF-8 valide"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("content/utf16.md:1:1: avertissement : cette page n'est pas publiée : ce fichier est encodé en UTF-16"),
        "{}",
        o.stderr
    );
}

#[test]
fn literal_placeholder_text_is_not_rewritten() {
    let s = Site::new();
    s.file(
        "content/a.md",
        "[[B]] playbook-asset:0 et src=\"playbook-asset:0\" ![img](x.png)\n",
    )
    .file("content/b.md", "B")
    .file("content/x.png", "png");
    s.build_ok(&[]);
    let a = s.read("public/a/index.html");
    assert!(
        a.contains("playbook-asset:0 et src=&quot;playbook-asset:0&quot;"),
        "{}",
        crate::util::main_of(&a)
    );
    assert!(a.contains("src=\"../x.png\""));
}

/// Every distinct `href`, `src` and `action` value of `html`, sorted.
fn references(html: &str) -> Vec<String> {
    let mut refs: Vec<String> = ["href=\"", "src=\"", "action=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1))
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    refs.sort();
    refs.dedup();
    refs
}

#[test]
fn the_404_page_links_from_the_site_path_at_any_depth() {
    // Was: its links were relative, so at `/nimporte-quoi/x/` it was
    // unstyled and every link led to another 404. A server shows it at any
    // depth: every link starts from the site's path, `/` unless `base_url`
    // names another one; the skip link stays on the page.
    let s = Site::new();
    s.file("content/guide/a.md", "A");
    s.build_ok(&[]);
    let hashed = |name: &str| fingerprinted(&s, name);
    let want = |prefix: &str, index: &str| {
        let mut v: Vec<String> = vec!["#pb-main".into()];
        v.extend(
            [
                String::new(),
                hashed("favicon.svg"),
                hashed("playbook.js"),
                hashed("search.js"),
                hashed("style.css"),
                "etiquettes/".to_string(),
                "guide/".to_string(),
                "pages-a-creer/".to_string(),
                "recherche/".to_string(),
            ]
            .iter()
            .map(|r| match r.as_str() {
                r if r.ends_with('/') || r.is_empty() => format!("{prefix}{r}{index}"),
                r => format!("{prefix}{r}"),
            }),
        );
        v.sort();
        v
    };
    s.build_ok(&[]);
    assert_eq!(references(&s.read("public/404.html")), want("/", ""));
    s.build_ok(&["--base-url", "https://intranet.example.org/sous/chemin/"]);
    assert_eq!(
        references(&s.read("public/404.html")),
        want("/sous/chemin/", "")
    );
    s.file(
        "playbook.toml",
        "base_url = \"/sous/chemin\"\nurl_style = \"file\"\n",
    );
    s.build_ok(&[]);
    assert_eq!(
        references(&s.read("public/404.html")),
        want("/sous/chemin/", "index.html")
    );
    // The other pages keep relative links.
    assert!(
        s.read("public/guide/a/index.html")
            .contains(&format!("href=\"../../{}\"", hashed("style.css")))
    );
}

/// `assets/<stem>.<10 hex digits>.<ext>`: the fingerprinted copy of a theme
/// file in the site's output, which has the plain file's bytes.
fn fingerprinted(s: &Site, name: &str) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap();
    let found: Vec<String> = std::fs::read_dir(s.path().join("public/assets"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| {
            f.strip_prefix(&format!("{stem}."))
                .and_then(|r| r.strip_suffix(&format!(".{ext}")))
                .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .collect();
    assert_eq!(found.len(), 1, "one fingerprinted {name}: {found:?}");
    assert_eq!(
        s.read(&format!("public/assets/{}", found[0])),
        s.read(&format!("public/assets/{name}"))
    );
    format!("assets/{}", found[0])
}

#[test]
fn workshops_are_listed_newest_first() {
    // Was: oldest first, by title. Minutes with a date come newest first, in
    // menus and listings; `order` still wins; other pages follow by title.
    let s = Site::new();
    let minutes = |title: &str, date: &str| {
        format!("---\ntitle: {title}\nkind: minutes\ndate: {date}\n---\nTexte.\n")
    };
    s.file(
        "content/ateliers/a.md",
        minutes("Atelier de janvier", "2024-01-10"),
    )
    .file(
        "content/ateliers/b.md",
        minutes("Atelier de mars", "2025-03-02"),
    )
    .file(
        "content/ateliers/c.md",
        minutes("Atelier de novembre", "2024-11-14"),
    )
    .file(
        "content/ateliers/guide.md",
        "---\ntitle: Animer un atelier\n---\n",
    )
    .file(
        "content/archives/2023/x.md",
        minutes("Atelier 2023", "2023-05-01"),
    )
    .file(
        "content/archives/2025/y.md",
        minutes("Atelier 2025", "2025-06-01"),
    )
    .file(
        "content/archives/2024/z.md",
        minutes("Atelier 2024", "2024-06-01"),
    );
    s.build_ok(&[]);
    let listed = |page: &str, class: &str| -> Vec<String> {
        let html = s.read(page);
        let main = main_of(&html);
        let list = &main[main
            .find(class)
            .unwrap_or_else(|| panic!("{class} in {main}"))..];
        let list = &list[..list.find("</ul>").unwrap()];
        list.split("<a href=\"")
            .skip(1)
            .map(|a| a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()].to_string())
            .collect()
    };
    assert_eq!(
        listed("public/ateliers/index.html", "class=\"page-list\""),
        [
            "Atelier de mars",
            "Atelier de novembre",
            "Atelier de janvier",
            "Animer un atelier"
        ]
    );
    assert_eq!(
        listed("public/archives/index.html", "class=\"cards\""),
        ["2025", "2024", "2023"],
        "folders of workshops, the newest first"
    );
}
