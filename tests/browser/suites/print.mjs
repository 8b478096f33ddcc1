// The guide as one document and Mermaid diagrams (f-print). The printable guide, printed by
// Chromium (page.pdf()), read back with pdftotext: the cover, the contents, each step in order
// on a page of its own; no link of the PDF leads outside the document but external ones and the
// site's own pages outside the guide. A diagram page draws an <svg> from file:// and under the
// sub-path with no request outside the site; a page without one loads no Mermaid byte; axe-core
// finds nothing on either page. Screenshots and the PDF go to artifacts/.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { axe, formatViolations, newContext, watch } from '../lib/browser.mjs';
import { ARTIFACTS, SUBPATH, env, fileUrl, url } from '../lib/harness.mjs';

const run = promisify(execFile);
const PRINT = 'guide/imprimer/';
const DIAGRAM = 'guide/';
const NO_DIAGRAM = 'guide/commencer-petit/';

async function withPage(options, fn) {
  const context = await newContext(env.browser, options);
  try {
    const page = await context.newPage();
    const problems = watch(page);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await fn(page, requests);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** The text of page `n` (1-based) of a PDF, by pdftotext (poppler-utils). */
async function pdfPage(file, n) {
  const { stdout } = await run('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-']);
  return stdout;
}

/** The first non-empty lines of a text, trimmed, spaces collapsed. */
const lines = (text) => text.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);

export default function () {
  describe('printable guide and diagrams', () => {
    test('the printable guide prints: cover, contents, each step in order on a page of its own, links inside the document', async () => {
      await withPage({}, async (page) => {
        // The steps, in order, as the guide's own page lists them.
        await page.goto(url('example', 'guide/'));
        const steps = await page.$$eval('.section-nav li a', (as) =>
          as.map((a) => ({ title: a.textContent.replace(/^\s*(Étape\s*)?\d+,?\s*/, '').trim(), path: new URL(a.href).pathname })),
        );
        assert.equal(steps.length, 9);
        const printLink = await page.$eval('.print-link a', (a) => [a.textContent, new URL(a.href).pathname]);
        assert.deepEqual(printLink, ['Version imprimable / PDF', SUBPATH.example + PRINT]);

        await page.goto(url('example', PRINT));
        await page.waitForSelector('html[data-diagrams="drawn"]');
        await page.emulateMedia({ media: 'print' });
        // The DOM that prints: every visible link is a fragment that lands, an external address,
        // or a page of the site that is not in the document.
        const links = await page.$$eval('a[href]', (as) =>
          as
            .filter((a) => a.getClientRects().length > 0)
            .map((a) => ({ raw: a.getAttribute('href'), abs: a.href, lands: a.hash ? !!document.getElementById(decodeURIComponent(a.hash.slice(1))) : null })),
        );
        const site = env.server.origin + SUBPATH.example;
        const inDoc = new Set(steps.map((s) => s.path));
        const bad = links.filter((l) => {
          if (l.raw.startsWith('#')) return !l.lands;
          if (!l.abs.startsWith(env.server.origin)) return !/^https?:/.test(l.abs);
          return !l.abs.startsWith(site) || inDoc.has(new URL(l.abs).pathname);
        });
        assert.deepEqual(bad, []);
        const fragments = links.filter((l) => l.raw.startsWith('#')).length;
        assert.ok(fragments >= 9 + 9, `${fragments} in-document links`);

        const pdfFile = join(ARTIFACTS, 'print-guide-document.pdf');
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        await writeFile(pdfFile, pdf);
        const { stdout: info } = await run('pdfinfo', [pdfFile]);
        const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
        console.log(`# printable guide: ${pages} pages`);
        // The PDF's own links: internal ones are destinations in the document; the others are
        // addresses of the site outside the document, or external.
        const raw = pdf.toString('latin1');
        const uris = [...raw.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
        const dests = (raw.match(/\/Dest\b/g) || []).length;
        assert.ok(dests >= fragments - 2, `${dests} internal links in the PDF, ${fragments} in the page`);
        const leaving = uris.filter((u) => u.startsWith(env.server.origin) && (!u.startsWith(site) || inDoc.has(new URL(u).pathname)));
        assert.deepEqual(leaving, []);

        // Page 1: the cover. Page 2: the contents, every step in order.
        const cover = lines(await pdfPage(pdfFile, 1));
        assert.deepEqual(cover.slice(0, 3), ['PLAYBOOK DE LA COOPÉRATION', 'Guide : démarrer la', 'coopération']);
        assert.ok(cover.some((l) => l.startsWith('Version du ')), cover.join('\n'));
        assert.ok(cover.includes('Avec les contributions de'), cover.join('\n'));
        const toc = lines(await pdfPage(pdfFile, 2));
        assert.equal(toc[0], 'Sommaire');
        assert.deepEqual(
          toc.slice(1, 11),
          ['Introduction', ...steps.map((s, i) => `${i + 1} ${s.title}`)],
        );
        // Each step starts a page, in order: the page's first line is its badge, then its title.
        const starts = [];
        for (let n = 3; n <= pages; n++) {
          const first = lines(await pdfPage(pdfFile, n));
          // The badge prints in capitals (ÉTAPE 1).
          if (/^étape \d+$/i.test(first[0] || '')) starts.push([n, first[0].toLowerCase(), first[1]]);
        }
        assert.deepEqual(
          starts.map(([, badge, title]) => [badge, title]),
          steps.map((s, i) => [`étape ${i + 1}`, s.title]),
        );
        assert.deepEqual(starts.map(([n]) => n), [...starts.map(([n]) => n)].sort((a, b) => a - b));
        console.log(`# steps start on pages ${starts.map(([n]) => n).join(', ')}`);
        await page.emulateMedia({ media: 'screen' });
        await page.screenshot({ path: join(ARTIFACTS, 'print-guide-screen.png') });
      });
    });

    test('a diagram is drawn as an <svg>, under the sub-path and from file://, with no request outside the site', async () => {
      for (const [where, address, prefix] of [
        ['sub-path', url('example', DIAGRAM), env.server.origin + SUBPATH.example],
        ['file://', fileUrl('exampleFile', DIAGRAM + 'index.html'), fileUrl('exampleFile', '')],
      ]) {
        await withPage({}, async (page, requests) => {
          await page.goto(address);
          await page.waitForSelector('html[data-diagrams="drawn"]');
          const drawn = await page.$eval('figure.diagram-mermaid', (f) => ({
            svg: f.querySelectorAll('.diagram-render > svg').length,
            role: f.querySelector('.diagram-render').getAttribute('role'),
            label: f.querySelector('.diagram-render').getAttribute('aria-label'),
            sourceOpen: f.querySelector('details').open,
            source: f.querySelector('code').textContent.split('\n')[3],
            nodes: f.querySelectorAll('.diagram-render .node').length,
          }));
          assert.deepEqual(drawn, {
            svg: 1,
            role: 'img',
            label: 'Les neuf étapes du guide, en cinq temps. Préparer le terrain (étapes 1 à 3), semer (4 et 5), arroser (6 et 7), récolter (8), essaimer (9). On peut revenir en arrière à tout moment. (sa source suit)',
            sourceOpen: false,
            source: 'flowchart TB',
            nodes: 9,
          }, where);
          const outside = requests.filter((r) => !r.startsWith(prefix) && !r.startsWith('data:'));
          assert.deepEqual(outside, [], where);
          assert.ok(requests.some((r) => /assets\/vendor\/mermaid\.min\.[0-9a-f]{10}\.js$/.test(r)), where);
          if (where === 'sub-path') await page.screenshot({ path: join(ARTIFACTS, 'diagram-guide.png'), fullPage: false });
        });
      }
    });

    test('a page without a diagram loads no Mermaid byte', async () => {
      await withPage({}, async (page, requests) => {
        await page.goto(url('example', NO_DIAGRAM), { waitUntil: 'networkidle' });
        assert.deepEqual(requests.filter((r) => /mermaid|diagrams\.js/.test(r)), []);
        assert.equal(await page.evaluate(() => typeof window.mermaid), 'undefined');
      });
    });

    test('axe-core: no violation on the printable guide and the diagram page, light and dark', async () => {
      for (const colorScheme of ['light', 'dark']) {
        for (const path of [PRINT, DIAGRAM]) {
          await withPage({ colorScheme }, async (page) => {
            await page.goto(url('example', path));
            await page.waitForSelector('html[data-diagrams="drawn"]');
            const violations = await axe(page);
            assert.equal(violations.length, 0, `${path} (${colorScheme}):\n${formatViolations(violations)}`);
          });
        }
      }
    });
  });
}
