#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the fixtures: the bundled content/, a few
dozen small pages of the shared corpora (../shared/corpora, when present), the
pad exports of tests/fixtures/pads/ and hand-written hostile inputs. Files are named by their SHA-1, as libFuzzer
names what it adds, so running this again only adds what is missing.

Usage (from the repository root): python3 fuzz/seed.py [CORPUS_DIR]
(CORPUS_DIR defaults to fuzz/corpus).
"""

import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fuzz" / "corpus"
SHARED = ROOT.parent / "shared" / "corpora"


def pages():
    out = sorted((ROOT / "content").rglob("*.md"))
    if SHARED.is_dir():
        small = sorted(
            p for p in SHARED.rglob("*.md") if p.stat().st_size < 6000
        )
        out += small[::2][:40]
    return out


HOSTILE_MD = [
    b"",
    b"---\n---\n",
    b"---\ntitle: </script><script>alert(1)</script>\n---\n# {{ page.title }} {% raw %}\n",
    b"---\ntitle: 42\ntags: {a: 1}\nauthors: [[x]]\ndraft: oui\n---\nx\n",
    b"---\ntitle: a\ntitle: b\n---\n",
    b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
    b"+++\ntitle = \"T\"\ndate = 2025-08-12T10:00:00Z\n[[rotations]]\nnumber = 1\nbreak = true\n+++\nx\n",
    b"+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n",
    b"---\ntitle: x\n\nnot closed",
    b"\xef\xbb\xbf---\r\ntitle: crlf\r\n---\r\nCorps\r\n",
    b"---\nrotations:\n  - number: 1\n    title: Origines\n    start: 14h35\n    scribes: [Anne]\n  - title: Pause\n    break: true\n---\n",
    b"> " * 200 + b"deep\n",
    b"".join(b"  " * i + b"- item\n" for i in range(60)),
    b"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<svg><script>alert(1)</script></svg>\n",
    b"[a](javascript:alert(1)) [b](&#106;avascript:alert(1)) [c](JaVaScRiPt:x) <javascript:alert(1)>\n"
    b"[d](java\tscript:x) [e](data:text/html,<script>x</script>) ![f](data:image/svg+xml,<svg>)\n",
    b"[[Page]] [[Page|label]] [[Page#Section]] [[#Local]] [[dossier/page]] [[]] [[|]] [[#]]\n",
    b"[x](autre.md#ancre) ![img](images/photo.png) [pdf](doc.pdf) [up](../x.md) [abs](/guide/)\n",
    "\ue0000\ue001forged\ue0020\ue001 &#xE000;0&#xE001;x&#xE002;0&#xE001; playbook-asset:0\n".encode(),
    b"![i](playbook-asset:0) [l](playbook-x:1) ![a](images/photo.png)\n",
    b"| a | b |\n|---|---|\n| [[x]] | ![i](i.png) |\n\n- [ ] task\n- [x] done\n\n> [!WARNING]\n> alert\n\nf[^1]\n\n[^1]: [[note]]\n",
    b"# Titre\n\n## Titre\n\n## Titre\n\n### \n\n# Autre\n",
    b"x\x00y\x00\n# nul\x00\n",
]

DATES = [
    "2025-08-12", "2025-08-12T10:00:00+02:00", "2025/08/12", "12/08/2025",
    " 12.08.2025 ", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31",
    "99999999999-01-01", "12/08/25", "demain", "12 août 2025", "August 12, 2025",
    "2025-8-1", "1-1-2025", "-2025-01-01", "2025--01--01", "2025-13-01", "",
    "2025-08-12 10:00", "20250812", "2025.08.12", "\u0662\u0660\u0662\u0665-01-01",
]


def write(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    md = [p.read_bytes() for p in pages()] + HOSTILE_MD
    for data in md:
        write("front_matter", data)
        write("markdown", data)
        write("decode", data)
    for data in [b"Caf\xe9 cr\xe8me\n", b"\xff\xfea\x00b\x00", b"\xfe\xff\x00a", b"ok\n\xc3(", b"\xed\xa0\x80"]:
        write("decode", data)
    for s in DATES:
        write("date", s.encode())
    # Sites of two or three pages: path line, then text; pages split by 0xFF.
    paths = pages()
    names = ["_index.md", "guide/01-etape.md", "guide/_index.md", "page.md", "Été.md", "ete.md",
             "dossier/README.md", "dossier.md"]
    for i in range(0, len(paths) - 2, 3):
        chunk = []
        for k, p in enumerate(paths[i:i + 3]):
            rel = names[(i + k) % len(names)] if (i // 3) % 2 else str(p.relative_to(p.parents[1]))
            chunk.append(rel.encode() + b"\n" + p.read_bytes())
        write("wikilinks", b"\xff".join(chunk))
    for data in HOSTILE_MD:
        write("wikilinks", b"page.md\n" + data + b"\xffPage.md\n# Page\n\n## Section\n[[page]]\xffguide/_index.md\n[[Page#Section]]")


URLS = [
    "/", "/index.html", "/guide/", "/guide", "/guide/etape/?q=1#x", "/%C3%A9t%C3%A9/",
    "/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fetc", "//evil.example/", "/\\evil",
    "/a/./b", "/a//b", "/%00", "/%zz", "/a%20b/", "guide", "/" + "a/" * 300,
    "/assets/style.css", "/%E2%80%AE/", "/a\tb", "/%0a/",
]


def seed_more():
    pads = ROOT / "tests" / "fixtures" / "pads"
    if pads.is_dir():
        for p in sorted(pads.glob("*.txt")):
            write("pad", p.read_bytes())
    for data in HOSTILE_MD[:4] + [b"Atelier\n\nRotation 1 - 14h35 - 14h55 : Origines\nScribe : Anne\n**gras** http://x.y/z [[lien]]\n"]:
        write("pad", data)
    for u in URLS:
        write("serve_path", u.encode())


if __name__ == "__main__":
    seed_more()
    main()
