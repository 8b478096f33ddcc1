// No content can run script in the built site. A fixture site full of hostile content (raw
// HTML, `javascript:` links in every disguise, SVG with script inline and as a file, titles,
// tags, file names, front-matter fields, headings, footnotes, weather entries and typologies
// that reach the templates) is built with the real binary and every page of it is opened in
// Chromium, over HTTP and from the disk. Every payload calls alert()/confirm()/prompt() or
// logs `xss-…` to the console: no dialog may open and nothing may be logged. The DOM is also
// checked: no `on…` attribute, no script but the theme's, no dangerous URL in a link, form,
// frame or image. (Credits and search are checked by the suites of those features.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { newContext } from '../lib/browser.mjs';
import { env } from '../lib/harness.mjs';
import { startServer } from '../lib/server.mjs';
import { listFiles, playbookBin } from '../lib/sites.mjs';

const SUBPATH = '/intranet/xss/';

/** `alert('xss-<id>')`, written the ways a payload author would. */
const js = (id) => `alert('xss-${id}')`;

/** Raw HTML a colleague might paste (escaped by default: `unsafe_html` is off). */
const RAW_HTML = [
  `<script>${js('script')}</script>`,
  `<SCRIPT SRC="data:text/javascript,${js('script-src')}"></SCRIPT>`,
  `<img src=x onerror="${js('img-onerror')}">`,
  `<img src="x" onerror=${js('img-onerror-bare')} />`,
  `<svg onload="${js('svg-onload')}"><circle r="4"/></svg>`,
  `<svg><script>${js('inline-svg-script')}</script></svg>`,
  `<svg><a xlink:href="javascript:${js('svg-link')}"><text y="10">svg</text></a></svg>`,
  `<svg><animate onbegin="${js('svg-animate')}" attributeName="x" dur="1s"/></svg>`,
  `<iframe src="javascript:${js('iframe')}"></iframe>`,
  `<iframe srcdoc="<script>parent.${js('srcdoc')}</script>"></iframe>`,
  `<object data="data:text/html,<script>${js('object')}</script>"></object>`,
  `<embed src="data:text/html,<script>${js('embed')}</script>">`,
  `<a href="javascript:${js('raw-a')}">raw a</a>`,
  `<details open ontoggle="${js('details')}"><summary>s</summary></details>`,
  `<body onload="${js('body')}">`,
  `<input autofocus onfocus="${js('autofocus')}">`,
  `<form action="javascript:${js('form')}"><button>envoyer</button></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${js('mxss')}">`,
  `<noscript><p title="</noscript><img src=x onerror=${js('noscript')}>"></noscript>`,
  `<!--><img src=x onerror="${js('comment')}">-->`,
  `<style>@import "javascript:${js('style')}";</style><div style="background:url(javascript:${js('css-url')})">css</div>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${js('meta-refresh')}">`,
  `<base href="javascript:${js('base')}//">`,
  `<template><script>${js('template')}</script></template>`,
];

const RAW_PAGE = `---
title: Du HTML brut
---

Un collègue a collé du HTML dans la page.

${RAW_HTML.join('\n\n')}

<div onclick="${js('block-div')}" onmouseover="${js('block-div-hover')}">
Un bloc HTML, avec *du Markdown* dedans.
</div>

En ligne : ${RAW_HTML.slice(0, 6).join(' et ')} fin.

| colonne | <img src=x onerror="${js('table')}"> |
|---|---|
| <script>${js('cell')}</script> | [x](javascript:${js('cell-link')}) |

- [ ] <img src=x onerror="${js('task')}">
- [x] fait

> [!NOTE]
> <script>${js('alert-block')}</script>

Une note[^n].

[^n]: <img src=x onerror="${js('footnote')}"> [lien](javascript:${js('footnote-link')})

\`\`\`"><script>${js('info-string')}</script>
<script>${js('code-block')}</script>
\`\`\`
`;

/** `javascript:` (and friends) as Markdown links, in every disguise browsers accept. */
const LINKS = [
  `javascript:${js('plain')}`,
  `JaVaScRiPt:${js('mixed-case')}`,
  `JAVASCRIPT:${js('upper-case')}`,
  `&#106;avascript:${js('entity-dec')}`,
  `&#x6A;avascript:${js('entity-hex')}`,
  `&#0000106;avascript:${js('entity-padded')}`,
  `&#X6a;&#X61;&#X76;&#X61;&#X73;&#X63;&#X72;&#X69;&#X70;&#X74;&#X3A;${js('entity-all')}`,
  `javascript&#58;${js('entity-colon')}`,
  `javascript&colon;${js('named-colon')}`,
  `java&#9;script:${js('entity-tab')}`,
  `java&#x0A;script:${js('entity-newline')}`,
  `java&#13;script:${js('entity-cr')}`,
  `&#x20;javascript:${js('entity-space')}`,
  `&#x01;javascript:${js('entity-control')}`,
  `\\javascript:${js('backslash')}`,
  `<javascript:${js('angle')}>`,
  `<java script:${js('angle-space')}>`,
  `vbscript:msgbox("xss-vbscript")`,
  `data:text/html,<script>${js('data-html')}</script>`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLWRhdGEtYjY0Jyk8L3NjcmlwdD4=`,
  `DaTa:text/html,<script>${js('data-mixed')}</script>`,
  `data:image/svg+xml,<svg onload="${js('data-svg')}"/>`,
  `file:///etc/passwd`,
];

const LINKS_PAGE = `---
title: Des liens piégés
---

${LINKS.map((u, i) => `- [lien ${i}](${u})`).join('\n')}

${LINKS.map((u, i) => `- ![image ${i}](${u})`).join('\n')}

- [référence][js] et ![image référence][js]
- [titre piégé](cible.md "x&quot; onmouseover=&quot;${js('link-title')}")
- <javascript:${js('autolink')}>
- [[javascript:${js('wikilink')}]]
- [[Cible|javascript:${js('wikilink-label')}]]
- [[" onmouseover="${js('wikilink-quote')}]]
- [[Cible#" onmouseover="${js('wikilink-anchor')}]]
- [ancre](#" onmouseover="${js('anchor')}")
- [espace]( javascript:${js('space')})
- [javascript:${js('text')}](cible.md)
- [[toc]]

[js]: javascript:${js('reference')}
`;

/** A string that must reach a template as text: closes tags and attributes, opens template tags. */
const T = (id) =>
  `</title></script><script>${js(id)}</script>"><img src=x onerror=${js(id + '-attr')}>' onmouseover='${js(id + '-sq')}' {{ 7 * 7 }}{% raw %}`;

const yaml = (s) => `'${s.replaceAll("'", "''")}'`;

const FRONT_PAGE = `---
title: ${yaml(T('title'))}
description: ${yaml(T('description'))}
tags: [${yaml(T('tag'))}, ${yaml('<script>' + js('tag2') + '</script>')}, ${yaml('" onmouseover="' + js('tag3'))}]
authors: [${yaml(T('author'))}]
aliases: [${yaml(T('alias'))}]
kind: typology
axis: ${yaml(T('axis'))}
level: ${yaml(T('level'))}
extra_field: ${yaml(T('extra'))}
edit_note: ${yaml(`javascript:${js('extra-url')}`)}
---

## ${T('heading')}

### <script>${js('heading-raw')}</script>

Du texte autour d'un lien <img src=x onerror="${js('context')}"> [[Cible]] dans la phrase.

[[${T('missing')}]] et [[<img src=x onerror=${js('missing-img')}>]]

[[toc]]
`;

const MINUTES_PAGE = `---
title: ${yaml('Atelier ' + T('minutes'))}
kind: minutes
date: 2025-01-15
facilitators: [${yaml(T('facilitator'))}]
scribes: [${yaml(T('scribe'))}]
participants: [${yaml(T('participant'))}]
weather:
  - { who: ${yaml(T('weather-who'))}, weather: "soleil", comment: ${yaml(T('weather-comment'))} }
  - { who: "Claire", weather: ${yaml('<script>' + js('weather') + '</script> nuages')}, comment: "" }
---

Le compte rendu.
`;

const SVG_CLEAN = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#036"/></svg>
`;

/** An SVG file around `body`. */
const svgFile = (body, { attrs = '', prolog = '' } = {}) =>
  `${prolog}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200"${attrs}>\n${body}\n</svg>\n`;

/** A link filling the drawing, so that a click lands on it. */
const area = '<rect width="200" height="200" fill="#036"/>';

/**
 * Drawings that would run script: the ways around a scan for forbidden strings (issue 17), each
 * with the payload `alert('xss-svg-<name>')`. Character references are decoded by the XML
 * parser, and browsers strip tabs and newlines from URLs.
 */
const SVG_BYPASSES = {
  tab: `<a href="java&#9;script:${js('svg-tab')}">${area}</a>`,
  newline: `<a href="java&#x0A;script:${js('svg-newline')}">${area}</a>`,
  cr: `<a href="java&#13;script:${js('svg-cr')}">${area}</a>`,
  entity: `<a xlink:href="&#106;avascript&#x3A;${js('svg-entity')}">${area}</a>`,
  'case-space': `<a href=" &#32;JaVaScRiPt&#58;${js('svg-case-space')}">${area}</a>`,
  animate: `<a href="#"><animate attributeName="href" values="javascript:${js('svg-animate')}" dur="0.01s" fill="freeze"/>${area}</a>`,
  set: `<a><set attributeName="href" to="javascript:${js('svg-set')}"/>${area}</a>`,
  'set-xlink': `<a xlink:href="#"><set attributeName="xlink:href" to="javascript:${js('svg-set-xlink')}"/>${area}</a>`,
  'foreign-img': `<foreignObject width="200" height="200"><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="${js('svg-foreign-img')}"/></foreignObject>`,
  'foreign-iframe': `<foreignObject width="200" height="200"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:parent.${js('svg-foreign-iframe')}"/></foreignObject>`,
  'use-data': `<use href="data:image/svg+xml;base64,${Buffer.from(`<svg id="x" xmlns="http://www.w3.org/2000/svg"><a href="javascript:${js('svg-use-data')}"><rect width="200" height="200"/></a></svg>`).toString('base64')}#x"/>`,
  script: `${area}<script>${js('svg-script')}</script>`,
  'cdata-script': `${area}<script><![CDATA[${js('svg-cdata-script')}]]></script>`,
  'xhtml-script': `${area}<h:script xmlns:h="http://www.w3.org/1999/xhtml">${js('svg-xhtml-script')}</h:script>`,
  onload: { attrs: ` onload="${js('svg-onload')}"`, body: `<rect width="200" height="200" onmouseover="${js('svg-onload')}"/>` },
  'entity-markup': { prolog: `<!DOCTYPE svg [<!ENTITY x "<script>${js('svg-entity-markup')}</script>">]>\n`, body: `${area}&x;` },
};
/** The vectors that run in Chromium when the drawing is opened as drawn (the others are blocked by the browser itself). */
const LIVE_IN_CHROMIUM = ['tab', 'newline', 'cr', 'entity', 'case-space', 'animate', 'set', 'set-xlink', 'foreign-img', 'foreign-iframe', 'script', 'cdata-script', 'xhtml-script', 'onload', 'entity-markup'];

/** Opens a drawing on its own, waits for its animations, clicks every link in it: what fired. */
async function openAndClick(context, url) {
  const page = await context.newPage();
  const fired = [];
  page.on('dialog', async (d) => {
    fired.push(`${d.type()} dialog: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (/xss/i.test(m.text())) fired.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(150);
  const links = page.locator('a');
  const n = await links.count();
  for (let i = 0; i < n; i++) {
    await links.nth(i).click({ force: true, timeout: 2000, noWaitAfter: true }).catch(() => {});
    await page.waitForTimeout(100);
  }
  await page.mouse.move(100, 100);
  await page.waitForTimeout(50);
  await page.close();
  return fired;
}

/** The fixture site, as `{ relative path: content }`. */
function fixture() {
  return {
    'playbook.toml': 'title = "Site piégé"\n',
    'content/_index.md': '# Accueil\n\n[[Du HTML brut]], [[Des liens piégés]], [[Cible]]\n',
    'content/brut.md': RAW_PAGE,
    'content/liens.md': LINKS_PAGE,
    'content/cible.md': '# Cible\n\n![dessin](dessin.svg) [le dessin](dessin.svg)\n',
    'content/dessin.svg': SVG_CLEAN,
    'content/front.md': FRONT_PAGE,
    'content/ateliers/atelier.md': MINUTES_PAGE,
    // A section whose index gives the sidebar and breadcrumbs a hostile title.
    'content/section/_index.md': `---\ntitle: ${yaml(T('section'))}\ndescription: ${yaml(T('section-desc'))}\n---\n`,
    'content/section/page.md': '# Page de section\n',
    // File names become titles, URLs and breadcrumbs.
    [`content/<img src=x onerror=${js('file-name')}>.md`]: 'Nommée par son fichier.\n',
    [`content/" onmouseover="${js('file-quote')}.md`]: 'Nommée par son fichier.\n',
    [`content/{{ 7 * 7 }}.md`]: 'Nommée par son fichier.\n',
  };
}

async function writeSite(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
}

function build(bin, root) {
  return spawnSync(bin, ['build', '--root', root], { encoding: 'utf8' });
}

/** What ran or could run in the page: dialogs, console messages, DOM that carries script. */
async function visit(context, url) {
  const page = await context.newPage();
  const fired = [];
  page.on('dialog', async (d) => {
    fired.push(`${d.type()} dialog: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    const broken = m.text().startsWith('Failed to load resource'); // an image that is not there
    if (/xss/i.test(m.text()) || (m.type() === 'error' && !broken)) fired.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => fired.push(`uncaught exception: ${e.message}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  // Give timers, autofocus, animations and lazy handlers a chance to fire; hover and focus
  // everything in the page, the way a reader's mouse and Tab key would.
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll('body *')) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'animationstart']) {
        if (type === 'click' && el.closest('a[href], button, summary, label, input, form')) continue;
        el.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  });
  const dom = await page.evaluate(() => {
    const bad = [];
    const theme = /\/assets\/[^/]+\.js$/;
    // The search index (data assigned to a global, written by playbook, loaded by search.js).
    const index = /\/recherche\/index\/(manifest|t\d+|d\d+)\.js$/;
    for (const s of document.querySelectorAll('script')) {
      const inert = ['application/json', 'application/ld+json'].includes(s.type);
      const ours = s.src && (theme.test(new URL(s.src).pathname) || index.test(new URL(s.src).pathname));
      if (!inert && !ours) bad.push(`script: ${s.outerHTML.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
      }
    }
    const urls = [
      ...[...document.querySelectorAll('a[href], area[href]')].map((e) => ['href', e, e.href]),
      ...[...document.querySelectorAll('form[action]')].map((e) => ['action', e, e.action]),
      ...[...document.querySelectorAll('iframe, embed, object, img, source, video, audio')].map((e) => [
        'src',
        e,
        e.src || e.data || '',
      ]),
      ...[...document.querySelectorAll('svg a')].map((e) => ['xlink:href', e, e.getAttribute('href') || e.getAttribute('xlink:href') || '']),
    ];
    for (const [attr, el, u] of urls) {
      if (!u) continue;
      let scheme;
      try {
        scheme = new URL(u, document.baseURI).protocol;
      } catch {
        continue;
      }
      if (!['http:', 'https:', 'file:', 'mailto:', 'tel:'].includes(scheme) && !(scheme === 'data:' && el.localName === 'img' && /^data:image\/(png|jpeg|gif|webp)/i.test(u))) {
        bad.push(`<${el.localName} ${attr}="${u.slice(0, 80)}">`);
      }
    }
    for (const el of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv]')) {
      bad.push(`element <${el.localName}>: ${el.outerHTML.slice(0, 100)}`);
    }
    return bad;
  });
  await page.close();
  return { fired, dom, status: response?.status() };
}

export default function () {
  describe('no content can run script (XSS)', () => {
    let tmp;
    let root;
    let server;
    let pages = [];
    const bin = playbookBin();

    before(async () => {
      tmp = await mkdtemp(join(tmpdir(), 'playbook-xss-'));
      root = join(tmp, 'site');
      await writeSite(root, fixture());
      const r = build(bin, root);
      assert.equal(r.status, 0, `the fixture site must build:\n${r.stderr}`);
      pages = (await listFiles(join(root, 'public'))).filter((f) => f.endsWith('.html'));
      server = await startServer({ [SUBPATH]: join(root, 'public') });
    });

    after(async () => {
      await server?.close();
      if (tmp && !process.env.KEEP_SITES) await rm(tmp, { recursive: true, force: true });
    });

    test('the fixture is hostile: its raw HTML reaches the sanitiser, which keeps the harmless part', async () => {
      const { readFile } = await import('node:fs/promises');
      const html = await readFile(join(root, 'public/brut/index.html'), 'utf8');
      // The block's text is kept (CommonMark reads no Markdown inside it); its handlers are not.
      assert.match(html, /<div>\s*Un bloc HTML, avec \*du Markdown\* dedans\./);
      assert.match(html, /<details open="">/);
      // No script is left (the payloads' text may stay, escaped); the next test checks
      // every attribute of every page in the browser's own DOM.
      assert.doesNotMatch(html, /<script>alert/);
      assert.match(html, /<details open="">/);
      const front = await readFile(join(root, 'public/front/index.html'), 'utf8');
      assert.match(front, /xss-title/);
      assert.ok(pages.length >= 12, `pages: ${pages.join(', ')}`);
      // The file-named pages exist (their names are slugified into URLs).
      assert.ok(pages.some((p) => p.startsWith('img-src-x-onerror')), pages.join(', '));
    });

    test('every page over HTTP: no dialog, no console message, no script in the DOM', async (t) => {
      const context = await newContext(env.browser);
      const problems = [];
      try {
        for (const p of pages) {
          const { fired, dom, status } = await visit(context, `${server.origin}${SUBPATH}${p}`);
          if (status !== 200 && p !== '404.html') problems.push(`${p}: HTTP ${status}`);
          problems.push(...fired.map((f) => `${p}: ${f}`), ...dom.map((d) => `${p}: ${d}`));
        }
      } finally {
        await context.close();
      }
      t.diagnostic(`${pages.length} pages visited`);
      assert.deepEqual(problems, []);
    });

    test('the checks see script that runs: with unsafe_html = true the raw HTML page fires', async () => {
      // The same content, on a site that trusts its authors with raw HTML: the payloads must
      // now fire, or the tests above would prove nothing.
      const trusting = join(tmp, 'trusting');
      await writeSite(trusting, { ...fixture(), 'playbook.toml': '[markdown]\nunsafe_html = true\n' });
      const r = build(bin, trusting);
      assert.equal(r.status, 0, r.stderr);
      const context = await newContext(env.browser);
      try {
        const { fired, dom } = await visit(context, pathToFileURL(join(trusting, 'public/brut/index.html')).href);
        for (const id of ['xss-script', 'xss-img-onerror', 'xss-svg-onload', 'xss-inline-svg-script']) {
          assert.ok(fired.some((f) => f.includes(id)), `${id} did not fire: ${fired.join('\n')}`);
        }
        assert.ok(dom.some((d) => d.includes('onerror')), dom.join('\n'));
      } finally {
        await context.close();
      }
    });

    test('the clean SVG drawing is published and shown as an image', async () => {
      const context = await newContext(env.browser);
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}${SUBPATH}cible/`);
        const ok = await page.evaluate(() => {
          const img = document.querySelector('main img');
          return img && img.complete && img.naturalWidth === 40;
        });
        assert.ok(ok, 'dessin.svg is displayed');
      } finally {
        await context.close();
      }
    });

    test('every way around string matching: the drawing runs script as drawn, never as published', async (t) => {
      const site = join(tmp, 'svg-site');
      const files = { 'content/index.md': '# Accueil\n\n[[Dessins]]\n' };
      const names = Object.keys(SVG_BYPASSES);
      files['content/dessins.md'] = `# Dessins\n\n${names.map((n) => `- [${n}](svg/${n}.svg) ![${n}](svg/${n}.svg)`).join('\n')}\n`;
      for (const n of names) {
        const v = SVG_BYPASSES[n];
        files[`content/svg/${n}.svg`] = typeof v === 'string' ? svgFile(v) : svgFile(v.body, v);
      }
      await writeSite(site, files);
      const r = build(bin, site);
      assert.equal(r.status, 0, r.stderr);
      for (const n of names) {
        assert.match(
          r.stderr,
          new RegExp(`content/svg/${n}\\.svg:\\d+:\\d+: avertissement : ce dessin SVG contient .*, qu'un navigateur exécuterait : la copie publiée l'enlève`),
          `${n}: ${r.stderr}`,
        );
      }
      const served = await startServer({ '/dessins/': join(site, 'public') });
      const context = await newContext(env.browser);
      try {
        // Proof the vectors are live: opened as drawn, these run their script in Chromium.
        const live = [];
        for (const n of names) {
          const fired = await openAndClick(context, pathToFileURL(join(site, 'content/svg', `${n}.svg`)).href);
          if (fired.some((f) => f.includes(`xss-svg-${n}`))) live.push(n);
        }
        t.diagnostic(`live as drawn: ${live.join(', ')}`);
        for (const n of LIVE_IN_CHROMIUM) assert.ok(live.includes(n), `${n} should run as drawn (live: ${live.join(', ')})`);
        // As published, over HTTP and from the disk: nothing runs, whatever is clicked.
        const problems = [];
        for (const n of names) {
          for (const url of [`${served.origin}/dessins/svg/${n}.svg`, pathToFileURL(join(site, 'public/svg', `${n}.svg`)).href]) {
            const fired = await openAndClick(context, url);
            problems.push(...fired.map((f) => `${url}: ${f}`));
          }
        }
        const { fired, dom } = await visit(context, `${served.origin}/dessins/dessins/`);
        problems.push(...fired, ...dom);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
        await served.close();
      }
    });

    test('a .html file or an XML file with script is left out (file, line, fix), and the link to it leads nowhere', async () => {
      const bad = join(tmp, 'html-site');
      await writeSite(bad, {
        'content/index.md': '# Accueil\n\n[le fichier](essai.html)\n',
        'content/essai.html': `<script>${js('html-file')}</script>`,
        'content/donnees.xml': `<?xml version="1.0"?>\n<d>\n  <h:script xmlns:h="http://www.w3.org/1999/xhtml">${js('xml-file')}</h:script>\n</d>\n`,
      });
      // Like a faulty page, they do not take the site down: left out, with a
      // warning (an error with --strict).
      const r = build(bin, bad);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /content\/essai\.html: avertissement : un fichier `\.html` n'est pas publié/);
      assert.match(r.stderr, /content\/donnees\.xml:3:3: avertissement : ce fichier XML contient un élément <script> : un navigateur l'exécuterait sur le site, il n'est donc pas publié/);
      const published = await listFiles(join(bad, 'public'));
      assert.ok(!published.some((f) => /essai\.html|donnees\.xml/.test(f)), published.join('\n'));
      const strict = spawnSync(bin, ['build', '--root', bad, '--strict'], { encoding: 'utf8' });
      assert.equal(strict.status, 1, strict.stderr);
      assert.match(strict.stderr, /content\/essai\.html: erreur : un fichier `\.html` n'est pas publié/);
      // Proof the check matters: opened from a site, this XML file runs its script.
      const context = await newContext(env.browser);
      try {
        const { fired } = await visit(context, pathToFileURL(join(bad, 'content/donnees.xml')).href);
        assert.ok(fired.some((f) => f.includes('xss-xml-file')), `the payload is live: ${fired}`);
        // The page that linked to the HTML file runs nothing and links to no such file.
        const home = await visit(context, pathToFileURL(join(bad, 'public/index.html')).href);
        assert.deepEqual([...home.fired, ...home.dom], []);
        const page = await context.newPage();
        await page.goto(pathToFileURL(join(bad, 'public/index.html')).href);
        assert.equal(await page.locator('main a[href*="essai"]').count(), 0);
        await page.close();
      } finally {
        await context.close();
      }
    });
  });
}
