use super::*;
use crate::messages::Lang;

/// The published drawing holds nothing outside the allow-list: every
/// element is an allowed SVG element, no attribute is a handler, and every
/// link passes the scheme rules. Checked on the re-parsed output.
fn assert_inert(svg: &str) {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("the output is not XML: {e}\n{svg}"));
    for n in doc.descendants().filter(Node::is_element) {
        let local = n.tag_name().name();
        assert_eq!(n.tag_name().namespace(), Some(SVG_NS), "{svg}");
        assert!(ELEMENTS.contains(&local), "<{local}> in {svg}");
        assert!(
            !(ANIMATIONS.contains(&local)
                && n.attribute("attributeName").is_some_and(animates_script)),
            "{svg}"
        );
        for a in n.attributes() {
            assert!(!is_handler(a.name()), "{} in {svg}", a.name());
            if a.name() == "href" {
                assert!(
                    href_allowed(local, a.value()),
                    "{local} href={} in {svg}",
                    a.value()
                );
                let v = a.value().to_ascii_lowercase();
                match scheme::scheme_of(&v).as_deref() {
                    Some("data") => assert!(v.starts_with("data:image/png"), "{svg}"),
                    Some(s) => assert!(["http", "https", "mailto"].contains(&s), "{svg}"),
                    None => {}
                }
            }
        }
    }
    assert!(
        !doc.descendants().any(|n| n.is_pi() || n.is_comment()),
        "{svg}"
    );
}

fn whats(text: &str) -> Vec<String> {
    sanitize(text)
        .unwrap()
        .findings
        .into_iter()
        .map(|f| f.what.render(Lang::En))
        .collect()
}

#[test]
fn a_plain_drawing_is_kept_as_drawn() {
    let src = r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="40" height="20" viewBox="0 0 40 20" inkscape:version="1.2">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient></defs>
  <inkscape:path-effect id="e"/>
  <a xlink:href="https://example.org/?a=1&amp;b=2" target="_blank"><text x="1" y="10" font-family="sans-serif">Réunion &lt;11 h&gt;</text></a>
  <rect width="40" height="20" fill="url(#g)" style="opacity:.5" inkscape:label="fond"/>
  <use href="#g" x="2"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"##;
    let out = sanitize(src).unwrap();
    assert_eq!(out.findings, vec![]);
    assert_eq!(
        out.svg,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" viewBox="0 0 40 20">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient></defs>
  
  <a xlink:href="https://example.org/?a=1&amp;b=2" target="_blank"><text x="1" y="10" font-family="sans-serif">Réunion &lt;11 h&gt;</text></a>
  <rect width="40" height="20" fill="url(#g)" style="opacity:.5"/>
  <use href="#g" x="2"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"##
    );
    assert_inert(&out.svg);
}

#[test]
fn a_drawio_text_box_falls_back_to_its_svg_text() {
    // draw.io writes each label twice: HTML in a <foreignObject>, and an SVG
    // <text> fallback in the same <switch>.
    let src = r#"<svg xmlns="http://www.w3.org/2000/svg"><switch><foreignObject requiredFeatures="http://www.w3.org/TR/SVG11/feature#Extensibility" width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex"><div>Étape 1</div></div></foreignObject><text x="5" y="5">Étape 1</text></switch></svg>"#;
    let out = sanitize(src).unwrap();
    assert_eq!(out.findings, vec![]);
    assert_eq!(
        out.svg,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><switch><text x=\"5\" y=\"5\">Étape 1</text></switch></svg>\n"
    );
}

#[test]
fn a_drawing_without_a_namespace_gets_one() {
    let out = sanitize("<svg><circle r=\"4\"/></svg>").unwrap();
    assert_eq!(
        out.svg,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n"
    );
}

/// Every way around string matching the review found, plus the classics:
/// each one is found (so the drawing is refused), and none reaches the output.
#[test]
fn every_bypass_is_found_and_none_is_published() {
    let cases: &[(&str, &str)] = &[
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#9;script:alert(document.domain)"><text>x</text></a></svg>"#,
            "a `javascript:` URL in `href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x0A;script:alert(1)"><text>x</text></a></svg>"#,
            "a `javascript:` URL in `href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href=" &#32;JaVaScRiPt&#58;alert(1)"><text>x</text></a></svg>"#,
            "a `javascript:` URL in `href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="&#106;avascript&#x3A;alert(1)"><text>x</text></a></svg>"#,
            "a `javascript:` URL in `href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="vbscript:msgbox(1)"><text>x</text></a></svg>"#,
            "a `vbscript:` URL in `href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><text>x</text></a></svg>"#,
            "a `data:` URL in `href`",
        ),
        (
            r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="#"><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>"##,
            "an animation that changes `href`",
        ),
        (
            r##"<svg xmlns="http://www.w3.org/2000/svg"><a href="#"><set attributeName="xlink:href" to="javascript:alert(1)"/><text>x</text></a></svg>"##,
            "an animation that changes `xlink:href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName=" HREF " to="javascript:alert(1)" begin="0s"/><text>x</text></a></svg>"#,
            "an animation that changes `HREF`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(1)"/></svg>"#,
            "an animation that changes `onmouseover`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></foreignObject></svg>"#,
            "a <iframe> element",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert(1)"/></foreignObject></svg>"#,
            "an event handler attribute (`onerror`)",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/svg+xml;base64,PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48L3N2Zz4=#x"/></svg>"#,
            "a `data:` URL in `href`",
        ),
        (
            r#"<svg xmlns="http://www.w3.org/2000/svg"><use href="data:text/html,x#y"/></svg>"#,
            "a `data:` URL in `href`",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            "a <script> element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script><![CDATA[alert(1)]]></script></svg>",
            "a <script> element",
        ),
        (
            "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:script>alert(1)</svg:script></svg:svg>",
            "a <script> element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></svg>",
            "a <script> element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>",
            "a <SCRIPT> element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            "an event handler attribute (`onload`)",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect\nonclick = 'x'/></svg>",
            "an event handler attribute (`onclick`)",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><animate onbegin=\"alert(1)\" attributeName=\"x\" dur=\"1s\"/></svg>",
            "an event handler attribute (`onbegin`)",
        ),
        (
            "<?xml-stylesheet href=\"x.xsl\" type=\"text/xsl\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "a style sheet instruction (XSLT can write script)",
        ),
        // Markup hidden in an entity comes out of the parser as elements.
        (
            "<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>",
            "a <script> element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><h:iframe xmlns:h=\"http://www.w3.org/1999/xhtml\" srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"/></foreignObject></svg>",
            "a <iframe> element",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><handler xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"load\">alert(1)</handler></svg>",
            "a <handler> element",
        ),
    ];
    for (src, want) in cases {
        let out = sanitize(src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        let found: Vec<String> = out
            .findings
            .iter()
            .map(|f| f.what.render(Lang::En))
            .collect();
        assert!(
            found.iter().any(|f| f == want),
            "{src}\nwanted {want:?}, found {found:?}"
        );
        assert_inert(&out.svg);
        let lower = out.svg.to_ascii_lowercase();
        assert!(!lower.contains("script"), "{src}\n→ {}", out.svg);
        assert!(!lower.contains("alert"), "{src}\n→ {}", out.svg);
    }
}

#[test]
fn findings_point_at_the_construct() {
    let src = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<g onclick=\"x\"><script>y</script></g></svg>";
    let out = sanitize(src).unwrap();
    let at: Vec<(usize, usize)> = out
        .findings
        .iter()
        .map(|f| crate::diagnostic::line_col(src, f.at))
        .collect();
    assert_eq!(at, vec![(3, 4), (3, 16)]);
    assert_eq!(
        whats(src),
        [
            "an event handler attribute (`onclick`)",
            "a <script> element"
        ]
    );
}

#[test]
fn inert_foreign_content_goes_without_a_word() {
    let src = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><sodipodi:namedview pagecolor="#fff"/><metadata><rdf:RDF><rdf:Description about="x"/></rdf:RDF></metadata><a href="other.svg"><text>lien</text></a><use href="other.svg#x"/><a href="mailto:a@example.org"><text>courriel</text></a></svg>"##;
    let out = sanitize(src).unwrap();
    assert_eq!(out.findings, vec![]);
    assert_eq!(
        out.svg,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata></metadata><a href=\"other.svg\"><text>lien</text></a><use/><a href=\"mailto:a@example.org\"><text>courriel</text></a></svg>\n"
    );
}

#[test]
fn broken_documents_and_other_roots_are_reported_with_a_position() {
    let e = sanitize("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect></svg>").unwrap_err();
    assert_eq!(
        crate::diagnostic::line_col(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect></svg>",
            e.at
        )
        .0,
        2
    );
    let e = sanitize("<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>x</script></html>")
        .unwrap_err();
    assert_eq!(
        e.message.render(Lang::En),
        "this is not an SVG drawing: its root element is <html>"
    );
    // Billion laughs: refused by the parser's expansion limits, not by memory.
    let mut bomb = String::from("<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\">");
    for i in 1..12 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        bomb.push_str(&format!(
            "<!ENTITY {cur} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&l;</text></svg>");
    assert!(sanitize(&bomb).is_err());
    // A control character is not XML: a browser refuses the document too.
    assert!(sanitize("<svg><a href=\"&#x01;javascript:alert(1)\"/></svg>").is_err());
}

#[test]
fn xml_documents_are_checked_for_what_a_browser_would_run() {
    assert_eq!(check_xml("<?xml version=\"1.0\"?><communes><commune insee=\"93066\">Saint-Denis</commune></communes>").unwrap(), vec![]);
    let found = |x: &str| -> Vec<String> {
        check_xml(x)
            .unwrap()
            .into_iter()
            .map(|f| f.what.render(Lang::En))
            .collect()
    };
    assert_eq!(
        found("<?xml-stylesheet href=\"x.xsl\"?><d/>"),
        ["a style sheet instruction (XSLT can write script)"]
    );
    assert_eq!(
        found("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p></body></html>"),
        ["HTML content (<html>), which a browser shows as a page"]
    );
    assert_eq!(
        found("<d><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></d>"),
        ["a <script> element"]
    );
    assert_eq!(
        found("<!DOCTYPE d [<!ENTITY x \"y\">]><d>&x;</d>"),
        ["an XML entity declaration"]
    );
    assert_eq!(
        found("<d><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x\"/></d>"),
        ["an event handler attribute (`onload`)"]
    );
    // Attributes of namespaces a browser does not render are data.
    assert_eq!(
        found("<d onload=\"x\" href=\"javascript:x\"/>"),
        Vec::<String>::new()
    );
}
