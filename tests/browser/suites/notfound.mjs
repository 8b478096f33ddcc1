// The 404 page as a reader meets it: a missing address one or three folders deep, on a site served
// from the root and on one served under a sub-path, by a server that answers every missing address
// with 404.html as nginx's `error_page 404 /404.html` does (lib/server.mjs). The page is styled, and
// every link on it leads to a page that exists.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { newContext, open } from '../lib/browser.mjs';
import { env, SUBPATH } from '../lib/harness.mjs';
import { startServer } from '../lib/server.mjs';
import { copyExample } from '../lib/sites.mjs';

const MISSING = ['nimporte-quoi/', 'nimporte-quoi/x/y/'];

export default function () {
  describe('404 page at any depth, root and sub-path', () => {
    let tmp;
    let rootServer;
    before(async () => {
      // The example again, built for the root of its server (base_url without a path).
      tmp = await mkdtemp(join(tmpdir(), 'playbook-404-'));
      await copyExample(tmp);
      await promisify(execFile)(env.sites.bin, ['build', '--root', tmp, '--base-url', 'https://intranet.example.org/']);
      rootServer = await startServer({ '/': join(tmp, 'public') });
    });
    after(async () => {
      await rootServer?.close();
      if (tmp) await rm(tmp, { recursive: true, force: true });
    });

    const cases = () => [
      ['root', rootServer.origin + '/'],
      ['sub-path', env.server.origin + SUBPATH.example],
    ];
    for (const where of ['root', 'sub-path']) {
      for (const missing of MISSING) {
        test(`${where}: /${missing} is the styled 404 page, and every link on it works`, async () => {
          const base = cases().find(([w]) => w === where)[1];
          const context = await newContext(env.browser);
          try {
            const address = base + missing;
            const { page, problems, response } = await open(context, address, { allow: (u) => u === address });
            assert.equal(response.status(), 404);
            assert.deepEqual(problems, [], 'the stylesheet, scripts and icons load');
            assert.equal(await page.locator('main h1').textContent(), 'Page introuvable');
            const style = await page.evaluate(() => ({
              js: document.documentElement.classList.contains('js'),
              flex: getComputedStyle(document.body).display,
              border: getComputedStyle(document.querySelector('.site-header')).borderTopColor,
            }));
            assert.deepEqual(style, { js: true, flex: 'flex', border: 'rgb(0, 0, 145)' }, 'styled and scripted');
            // Same-page anchors (the skip link) aside.
            const links = await page
              .locator('a[href]:not([href^="#"])')
              .evaluateAll((as) => as.map((a) => a.href.replace(/#.*/, '')));
            const inside = [...new Set(links)].filter((h) => h.startsWith(base));
            assert.ok(inside.length >= 5, `links on the 404 page: ${links}`);
            assert.deepEqual(
              links.filter((h) => !h.startsWith(base)),
              [],
              'no link leaves the site (or its sub-path)',
            );
            for (const href of inside) {
              const r = await page.request.get(href);
              assert.equal(r.status(), 200, `${href} (from /${missing})`);
            }
            await page.getByRole('link', { name: 'Retour à l’accueil' }).click();
            await page.waitForURL(base);
          } finally {
            await context.close();
          }
        });
      }
    }
  });
}
