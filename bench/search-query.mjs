// For bench/search.sh: opens PUBLIC/index.html in headless Chromium, from file:// and over HTTP
// under a sub-path (with the browser tests' launcher and server, tests/browser/lib/), and types
// each query into the search box. Prints, per query and per mode:
// - pasted, typed: bytes of index files the query loaded in a fresh page (the manifest, loaded
//   when the box gets the focus, apart), and in how many rounds: a load that starts after
//   another one of the query has finished is in a later round (it may have waited for it);
// - pasted_ms: a fresh page, the whole query put in the box at once (the manifest already loaded,
//   as it is when the box gets the focus): keystroke to announced result count, index files
//   loading included. The worst case: nothing was loaded while typing;
// - typed_ms: a fresh page, the query typed a key every 120 ms; time from the last key to the
//   announced result count. What a person typing sees. (Each key is typed, then 120 ms pass:
//   Playwright's `type(text, { delay })` waits twice as long before a key outside its US layout,
//   such as 'é', then not at all before the next one);
// - warm_ms: median of 9 runs of the same query, files in memory: the search itself.
// Also whether the box lists the same results on every site, typed or pasted.
// Usage: node bench/search-query.mjs [LABEL=]PUBLIC[,LABEL=PUBLIC…] QUERY...
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/lib/browser.mjs';
import { startServer } from '../tests/browser/lib/server.mjs';

// PUBLIC may be LABEL=PUBLIC,LABEL=PUBLIC: the same corpus built by several binaries, measured
// in turns (the first listed is the reference for the results listed).
const [dirs, ...queries] = process.argv.slice(2);
const SITES = dirs.split(',').map((d, i) => {
  const [label, dir] = d.includes('=') ? d.split('=') : [`site${i + 1}`, d];
  return { label, pub: resolve(dir) };
});
const KEY_MS = 120;
/** Fresh pages per query, mode and site (PLAYBOOK_BENCH_REPEAT, default 1): times are their medians. */
const REPEAT = Number(process.env.PLAYBOOK_BENCH_REPEAT || 1);

// Over HTTP, each site is served under a sub-path by the browser tests' static server.
const SUBPATH = '/intranet/bench/';
const server = await startServer(Object.fromEntries(SITES.map((s) => [`${SUBPATH}${s.label}/`, s.pub])));
const MODES = { 'file://': 'file://', http: server.origin + SUBPATH };
const siteUrl = (mode, s) => (mode === 'file://' ? pathToFileURL(join(s.pub, 'index.html')).href : MODES.http + s.label + '/');
const browser = await launch();

/** A fresh page at `url` (empty cache), its search box focused and the manifest loaded. */
async function fresh(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Index files: { start, end, bytes } (ms since the page's origin, from Node's clock).
  const loaded = [];
  const started = new Map();
  page.on('request', (r) => {
    if (r.url().includes('/recherche/index/')) started.set(r, performance.now());
  });
  page.on('requestfinished', async (r) => {
    if (!started.has(r)) return;
    const end = performance.now();
    const sizes = await r.sizes().catch(() => null);
    // From file://, Chromium reports no body size: the file's own.
    let bytes = sizes ? sizes.responseBodySize : 0;
    if (!bytes && r.url().startsWith('file:')) bytes = statSync(fileURLToPath(r.url())).size;
    loaded.push({ start: started.get(r), end, bytes });
  });
  await page.goto(url);
  await page.focus('#pb-search');
  await page.waitForFunction(() => self.playbookSearchData && self.playbookSearchData.manifest);
  await page.waitForTimeout(100);
  loaded.length = 0;
  return { context, page, loaded };
}

/** Sets the box to `q` as a keystroke would, and resolves to ms until the count is announced. */
const timed = (page, q) =>
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

/** Bytes, files and rounds of `loads`: a load started after another had finished is one round
    later than it. */
function rounds(loads) {
  const sorted = loads.slice().sort((a, b) => a.start - b.start);
  const depth = [];
  sorted.forEach((l, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) if (sorted[j].end <= l.start) d = Math.max(d, depth[j] + 1);
    depth.push(d);
  });
  return {
    bytes: loads.reduce((x, l) => x + l.bytes, 0),
    files: loads.length,
    rounds: Math.max(0, ...depth),
  };
}
const show = (l) => `${(l.bytes / 1024).toFixed(1)} KiB ${l.files}f ${l.rounds}r`;

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
for (const site of SITES) {
  const scriptBytes = statSync(join(site.pub, 'assets', 'search.js')).size;
  console.log(`${site.label}: search.js ${(scriptBytes / 1024).toFixed(1)} KiB (loaded with every page, deferred)`);
}
console.log(
  `${'query'.padEnd(22)} ${'site'.padEnd(8)} ${'mode'.padEnd(7)} ${'pasted: loaded'.padStart(20)} ${'typed: loaded'.padStart(20)} ${'pasted_ms'.padStart(9)} ${'typed_ms'.padStart(8)} ${'warm_ms'.padStart(7)}  results`,
);
/** The options the box lists (their text). */
const listed = (page) => page.$$eval('#pb-search-list [role=option]', (os) => os.map((o) => o.textContent));

/** Query `q` in `url`: pasted into a fresh page, then warm runs; typed into another. */
async function measure(url, q) {
  // Pasted: the whole query at once into a fresh page; then warm runs in that page.
  const a = await fresh(url);
  const cold = await timed(a.page, q);
  await a.page.waitForTimeout(200);
  const pasted = rounds(a.loaded);
  const pastedList = await listed(a.page);
  const warm = [];
  for (let i = 0; i < 9; i++) warm.push((await timed(a.page, q)).ms);
  await a.context.close();
  // Typed: a key every KEY_MS ms into a fresh page, timed from the last key.
  const b = await fresh(url);
  const chars = Array.from(q);
  for (const c of chars.slice(0, -1)) {
    await b.page.keyboard.type(c);
    await b.page.waitForTimeout(KEY_MS);
  }
  const typed = await timed(b.page, q);
  await b.page.waitForTimeout(200);
  const typedLoads = rounds(b.loaded);
  const typedList = await listed(b.page);
  await b.context.close();
  return { cold, pasted, pastedList, warm: median(warm), typed, typedLoads, typedList };
}

const all = new Map(SITES.map((s) => [s.label, { pasted: [], typed: [], warm: [], bytes: [], rounds: [] }]));
const differ = [];
let turn = 0;
for (const q of queries) {
  for (const mode of Object.keys(MODES)) {
    // The sites take turns going first.
    const order = turn++ % 2 ? SITES.slice().reverse() : SITES;
    const got = new Map();
    for (const site of order) got.set(site.label, []);
    for (let i = 0; i < REPEAT; i++) {
      for (const site of order) got.get(site.label).push(await measure(siteUrl(mode, site), q));
    }
    // Times: the medians of the runs; bytes, rounds and results: the first run's.
    for (const [label, runs] of got) {
      const r = runs[0];
      r.cold.ms = median(runs.map((x) => x.cold.ms));
      r.typed.ms = median(runs.map((x) => x.typed.ms));
      r.warm = median(runs.map((x) => x.warm));
      got.set(label, r);
    }
    for (const site of SITES) {
      const r = got.get(site.label);
      const t = all.get(site.label);
      t.pasted.push(r.cold.ms);
      t.typed.push(r.typed.ms);
      t.warm.push(r.warm);
      t.bytes.push(r.pasted.bytes, r.typedLoads.bytes);
      t.rounds.push(r.pasted.rounds, r.typedLoads.rounds);
      const same = r.typed.status === r.cold.status ? '' : ` (typed: ${r.typed.status})`;
      console.log(
        `${q.padEnd(22)} ${site.label.padEnd(8)} ${mode.padEnd(7)} ${show(r.pasted).padStart(20)} ${show(r.typedLoads).padStart(20)} ${r.cold.ms.toFixed(1).padStart(9)} ${r.typed.ms.toFixed(1).padStart(8)} ${r.warm.toFixed(1).padStart(7)}  ${r.cold.status}${same}`,
      );
    }
    // The box lists the same results, typed or pasted, on every site.
    const first = got.get(SITES[0].label);
    for (const site of SITES) {
      const r = got.get(site.label);
      for (const [how, list] of [['pasted', r.pastedList], ['typed', r.typedList]]) {
        if (JSON.stringify(list) !== JSON.stringify(first.pastedList)) differ.push(`${q} ${mode} ${site.label} ${how}`);
      }
    }
  }
}
for (const [label, t] of all) {
  console.log(
    `${label}: medians over all rows: pasted ${median(t.pasted).toFixed(1)} ms, typed ${median(t.typed).toFixed(1)} ms, warm ${median(t.warm).toFixed(1)} ms (goal: under 30 ms); most loaded by one first query, typed or pasted: ${(Math.max(...t.bytes) / 1000).toFixed(1)} KB (${(Math.max(...t.bytes) / 1024).toFixed(1)} KiB), in at most ${Math.max(...t.rounds)} round(s) (goal: <= 150 KB, 1 round)`,
  );
}
console.log(
  differ.length
    ? `results listed differ from ${SITES[0].label}'s pasted ones: ${differ.join('; ')}`
    : `the box lists the same results on ${SITES.map((s) => s.label).join(' and ')}, typed or pasted`,
);
await browser.close();
await server.close();
