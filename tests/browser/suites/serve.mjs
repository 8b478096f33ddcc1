// `playbook serve` in a browser: a page reloads by itself after an edit and keeps its scroll
// position; a stylesheet change is swapped in without a reload; a broken front matter shows the
// error overlay over the last good page, and fixing it clears the overlay by itself; after a
// title edit, the edited page reloads as soon as it is rendered, the pages linking to it after.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { newContext } from '../lib/browser.mjs';
import { env } from '../lib/harness.mjs';
import { REPO } from '../lib/sites.mjs';

const paragraphs = (n) =>
  Array.from({ length: n }, (_, i) => `Paragraphe ${i} : du texte pour que la page défile.`).join('\n\n');
const longPage = (first) => `---\ntitle: Longue page\n---\n${first}\n\n${paragraphs(120)}\n`;

const defaultCss = () => readFile(join(REPO, 'themes', 'default', 'static', 'style.css'), 'utf8');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export default function () {
  describe('serve (live reload)', () => {
    let root;
    let server;
    let log = '';
    let origin;
    let context;
    let page;
    let loads = 0;

    before(async () => {
      root = await mkdtemp(join(tmpdir(), 'playbook-serve-'));
      await mkdir(join(root, 'content'), { recursive: true });
      await writeFile(join(root, 'content', '_index.md'), '---\ntitle: Accueil\n---\nBienvenue.\n');
      await writeFile(join(root, 'content', 'longue.md'), longPage('Premier état.'));
      await writeFile(join(root, 'content', 'lien.md'), '---\ntitle: Lien\n---\nVoir [[Longue page]].\n');
      // The site overrides the theme's stylesheet (a copy, for now).
      await mkdir(join(root, 'themes', 'default', 'static'), { recursive: true });
      await writeFile(join(root, 'themes', 'default', 'static', 'style.css'), await defaultCss());
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      server = spawn(env.sites.bin, ['serve', '--root', root, '--port', String(port)], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      server.stderr.on('data', (d) => (log += d));
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(origin + '/longue/')).ok) break;
        } catch {
          // not listening yet
        }
        assert.ok(i < 600, `serve did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      context = await newContext(env.browser);
      page = await context.newPage();
      page.on('load', () => loads++);
      const stream = page.waitForRequest((r) => r.url().endsWith('/__playbook/events'));
      await page.goto(origin + '/longue/', { waitUntil: 'load' });
      // The live-reload stream is open before anything is edited.
      await stream;
      await new Promise((r) => setTimeout(r, 300));
    });

    after(async () => {
      await context?.close();
      server?.kill();
      if (root) await rm(root, { recursive: true, force: true });
    });

    const main = () => page.locator('main').innerText();

    test('an edit reloads the page by itself, at the same scroll position', async () => {
      await page.evaluate(() => window.scrollTo(0, 1500));
      await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 2);
      const before = loads;
      await writeFile(join(root, 'content', 'longue.md'), longPage('Second état, après modification.'));
      await page.waitForFunction(() => document.querySelector('main').innerText.includes('Second état'), null, {
        timeout: 20000,
      });
      assert.ok(loads > before, 'the page was reloaded');
      await page.waitForFunction(() => Math.abs(window.scrollY - 1500) < 2, null, { timeout: 5000 });
    });

    test('a stylesheet change is swapped in without reloading the page', async () => {
      await page.evaluate(() => (window.playbookMarker = 'still here'));
      const before = loads;
      await writeFile(
        join(root, 'themes', 'default', 'static', 'style.css'),
        `${await defaultCss()}\nmain h1 { color: rgb(1, 2, 3); }\n`,
      );
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector('main h1')).color === 'rgb(1, 2, 3)',
        null,
        { timeout: 20000 },
      );
      assert.equal(loads, before, 'no reload');
      assert.equal(await page.evaluate(() => window.playbookMarker), 'still here', 'the page kept its state');
    });

    test('a broken front matter shows the overlay over the last good page; the fix clears it', async () => {
      await writeFile(join(root, 'content', 'longue.md'), '---\ntitle: [Longue\n---\nTroisième état.\n');
      const overlay = page.locator('#playbook-error');
      await overlay.waitFor({ state: 'visible', timeout: 20000 });
      const text = await overlay.innerText();
      assert.match(text, /content\/longue\.md:2/, `the overlay names the file and line: ${text}`);
      assert.match(await main(), /Second état/, 'the last good version is still shown');
      assert.doesNotMatch(await main(), /Troisième/);

      await writeFile(join(root, 'content', 'longue.md'), longPage('Quatrième état, corrigé.'));
      await overlay.waitFor({ state: 'detached', timeout: 20000 });
      assert.match(await main(), /Quatrième état/);
    });

    test('a title edit reloads the edited page on its own event, which the site-wide reload then skips, and the page linking to it', async () => {
      const other = await context.newPage();
      let otherLoads = 0;
      other.on('load', () => otherLoads++);
      const stream = other.waitForRequest((r) => r.url().endsWith('/__playbook/events'));
      await other.goto(origin + '/lien/', { waitUntil: 'load' });
      await stream;
      await new Promise((r) => setTimeout(r, 300));
      const [before, otherBefore] = [loads, otherLoads];
      const renamed = longPage('Quatrième état, corrigé.').replace('title: Longue page', 'title: Page renommée');
      await writeFile(join(root, 'content', 'longue.md'), renamed);
      await page.waitForFunction(() => document.querySelector('main h1').innerText.includes('Page renommée'), null, {
        timeout: 20000,
      });
      // The link to the former title now asks for a page to create.
      await other.waitForFunction(() => document.querySelector('main a.new')?.innerText.includes('Longue page'), null, {
        timeout: 20000,
      });
      assert.ok(otherLoads > otherBefore, 'the linking page was reloaded');
      // The site-wide `reload` names the edited page, shown already: it
      // alone shows the new title through the `page` event sent first.
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(loads, before + 1, 'the edited page reloaded once');
      await other.close();
    });
  });
}
