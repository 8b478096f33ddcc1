// For bench/search.sh: opens PUBLIC/index.html (file://) in headless Chromium and types each
// query into the search box. Prints, per query: bytes of index files it loaded (0 once they are
// cached in the page), and the time from the keystroke to the announced result count, cold (first
// time: index files load) and warm (the same query again, files in memory).
// Usage: node bench/search-query.mjs PUBLIC QUERY...
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [pub, ...queries] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await (await browser.newContext()).newPage();
const loaded = [];
page.on('request', (r) => {
  if (r.url().includes('/recherche/index/')) loaded.push(statSync(fileURLToPath(r.url())).size);
});
await page.goto(pathToFileURL(join(pub, 'index.html')).href);
const scriptBytes = statSync(join(pub, 'assets', 'search.js')).size;

/** Sets the box to `q` as typing would, and resolves to ms until the count is announced. */
const timed = (q) =>
  page.evaluate(
    (q) =>
      new Promise((done) => {
        const input = document.getElementById('pb-search');
        const status = document.getElementById('pb-search-status');
        status.textContent = '';
        const t0 = performance.now();
        new MutationObserver((_, obs) => {
          if (status.textContent) {
            obs.disconnect();
            done({ ms: performance.now() - t0, status: status.textContent });
          }
        }).observe(status, { childList: true, characterData: true, subtree: true });
        input.value = q;
        input.dispatchEvent(new Event('input'));
      }),
    q,
  );

await page.focus('#pb-search');
console.log(`search.js ${(scriptBytes / 1024).toFixed(1)} KiB (loaded with every page, deferred)`);
console.log(`${'query'.padEnd(28)} ${'loaded'.padStart(10)} ${'cold_ms'.padStart(8)} ${'warm_ms'.padStart(8)}  results`);
let first = true;
for (const q of queries) {
  loaded.length = 0;
  const cold = await timed(q);
  const bytes = loaded.reduce((a, b) => a + b, 0);
  const warm = [];
  for (let i = 0; i < 9; i++) warm.push((await timed(q)).ms);
  warm.sort((a, b) => a - b);
  const kb = `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `${q.padEnd(28)} ${kb.padStart(10)} ${cold.ms.toFixed(1).padStart(8)} ${warm[warm.length >> 1].toFixed(1).padStart(8)}  ${cold.status}` +
      (first ? `  (first query: ${loaded.length} files, goal <= 300 KiB)` : ''),
  );
  first = false;
}
await browser.close();
