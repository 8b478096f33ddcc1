// Every page of the example, reached from the home by following links, over HTTP under a
// sub-path and from the disk (file://): no console error, no failed request, nothing loaded
// from outside the site's folder, every #fragment lands on an element.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MOBILE, newContext, open } from '../lib/browser.mjs';
import { crawl } from '../lib/crawl.mjs';
import { env, fileUrl, pageUrls, url } from '../lib/harness.mjs';

const report = (r) => r.problems.slice(0, 40).join('\n') + (r.problems.length > 40 ? `\n… ${r.problems.length - 40} more` : '');

/** The pages a crawl must reach: every HTML file but 404.html (which nothing links to). */
const reachable = (name, pretty, base) =>
  pageUrls(name, { pretty, only: (p) => p !== '404.html' }).map((p) => base + p);

async function crawlSite(t, { name, base, start = base, pretty = true, follow = true }) {
  const context = await newContext(env.browser);
  try {
    const r = await crawl(context, { start, prefix: base, follow });
    t.diagnostic(`${r.visited.size} pages visited, ${r.external.size} external links (not followed)`);
    assert.equal(r.problems.length, 0, `problems on ${name}:\n${report(r)}`);
    if (follow) {
      const missing = reachable(name, pretty, base).filter((u) => !r.visited.has(u));
      assert.deepEqual(missing, [], `pages of ${name} that no link reaches from ${start}`);
    }
    return r;
  } finally {
    await context.close();
  }
}

export default function () {
  describe('every page', () => {
    test('example over HTTP under /intranet/playbook/: no console error, no failed request, all reached', async (t) => {
      await crawlSite(t, { name: 'example', base: url('example') });
      const outside = env.server.requests.filter((p) => !p.startsWith('/intranet/'));
      assert.deepEqual(outside, [], 'requests the server saw outside the sub-paths');
    });

    // The corpus has 363 pages of a few layouts; the Rust suite (tests/testsuite/subpath.rs)
    // already checks every link of every page over HTTP. Here: every 6th page, in a browser.
    test('generated corpus over HTTP under /intranet/corpus/: a sixth of its pages, same checks', async (t) => {
      const base = url('corpus');
      const start = reachable('corpus', true, base).filter((_, i) => i % 6 === 0);
      await crawlSite(t, { name: 'corpus', base, start, follow: false });
    });

    test('example built with url_style = "file", browsed from the disk (file://)', async (t) => {
      const base = fileUrl('exampleFile', '');
      await crawlSite(t, { name: 'exampleFile', base, start: base + 'index.html', pretty: false });
    });

    test('a page of the default (pretty URLs) build opened from the disk is styled and error-free', async () => {
      const context = await newContext(env.browser);
      try {
        const { page, problems } = await open(context, fileUrl('example', 'guide/commencer-petit/index.html'));
        assert.deepEqual(problems, []);
        const s = await page.evaluate(() => ({
          js: document.documentElement.classList.contains('js'),
          flex: getComputedStyle(document.body).display,
          border: getComputedStyle(document.querySelector('.site-header')).borderTopColor,
        }));
        assert.deepEqual(s, { js: true, flex: 'flex', border: 'rgb(0, 0, 145)' });
      } finally {
        await context.close();
      }
    });

    // f-deploy: `playbook build` links the theme's files by fingerprinted names (a long cache is safe).
    test('the theme\'s files load under their fingerprinted names, under the sub-path and from file://', async () => {
      const FINGERPRINTED = /\/assets\/[a-z.]+\.[0-9a-f]{10}\.(css|js|svg)$/;
      for (const address of [url('example', 'guide/commencer-petit/'), fileUrl('exampleFile', 'index.html')]) {
        const context = await newContext(env.browser);
        try {
          const { page, problems } = await open(context, address);
          await page.waitForLoadState('networkidle');
          assert.deepEqual(problems, [], address);
          const linked = await page.evaluate(() =>
            [...document.querySelectorAll('link[rel="stylesheet"], link[rel="icon"], script[src]')].map((e) => e.href || e.src),
          );
          assert.equal(linked.length, 4, `${address}: ${linked.join(' ')}`);
          for (const l of linked) assert.match(l, FINGERPRINTED, address);
          const styled = await page.evaluate(() => ({
            js: document.documentElement.classList.contains('js'),
            flex: getComputedStyle(document.body).display,
            search: typeof window.playbookSearch,
          }));
          assert.deepEqual(styled, { js: true, flex: 'flex', search: 'object' }, address);
        } finally {
          await context.close();
        }
      }
    });

    test('the 404 page answers a missing address under the sub-path and leads home', async () => {
      const context = await newContext(env.browser);
      try {
        const missing = url('example', 'cette-page-n-existe-pas');
        const { page, problems, response } = await open(context, missing, { allow: (u) => u === missing });
        assert.equal(response.status(), 404);
        assert.deepEqual(problems, []);
        assert.equal(await page.locator('h1').textContent(), 'Page introuvable');
        await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
        await page.waitForURL(url('example'));
        assert.equal(await page.locator('h1').textContent(), 'Playbook de la coopération');
      } finally {
        await context.close();
      }
    });

    test('no page scrolls sideways at 375 px, with every menu and box open', async () => {
      const context = await newContext(env.browser, { viewport: MOBILE });
      // The corpus repeats the same few layouts: every 8th page is enough.
      const queue = [
        ...pageUrls('example').map((p) => ['example', p]),
        ...pageUrls('corpus')
          .filter((_, i) => i % 8 === 0)
          .map((p) => ['corpus', p]),
      ];
      const wide = [];
      const worker = async () => {
        const page = await context.newPage();
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [name, p] = next;
          await page.goto(url(name, p), { waitUntil: 'load' });
          const r = await page.evaluate(() => {
            for (const d of document.querySelectorAll('details')) d.open = true;
            const width = document.documentElement.scrollWidth;
            const culprits = [];
            if (width > innerWidth) {
              for (const e of document.querySelectorAll('body *')) {
                const b = e.getBoundingClientRect();
                if (b.right > innerWidth + 0.5 && b.width > 0) {
                  culprits.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(b.right)}`);
                }
              }
            }
            return { width, culprits: culprits.slice(0, 5) };
          });
          if (r.width > MOBILE.width) wide.push(`${name} /${p}: scrollWidth ${r.width}: ${r.culprits.join(', ')}`);
        }
      };
      try {
        await Promise.all([worker(), worker()]);
        assert.deepEqual(wide, []);
      } finally {
        await context.close();
      }
    });
  });
}
