// Crawls a built site in the browser from one page, following every link under `prefix`,
// and reports what a reader would hit: console errors, failed requests, requests that escape
// the prefix (sub-path hosting), broken #fragments, pages without their landmarks.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { watch } from './browser.mjs';

/**
 * `context`: a browser context; `start`: the first URL, or a list of URLs; `prefix`: the site's
 * root URL (every internal link and every request must stay under it); `follow`: false to visit
 * only the `start` pages (their links are still checked to stay under the prefix, and their
 * #fragments against the pages visited); `workers`: pages loaded in parallel.
 * Resolves to `{ visited: Set, problems: [str], external: Set }`: `problems` is empty when the
 * site is clean.
 */
export async function crawl(context, { start, prefix, follow = true, workers = 2 }) {
  const queue = [start].flat();
  const seen = new Set(queue);
  const visited = new Set();
  const external = new Set();
  const problems = [];
  const ids = new Map(); // page URL → Set of ids
  const fragments = []; // { from, target, id }
  let active = 0;

  const visit = async (page, log, url) => {
    const first = log.length;
    const response = await page.goto(url, { waitUntil: 'load' });
    visited.add(url);
    if (response && !response.ok() && !url.startsWith('file:')) problems.push(`${url}: HTTP ${response.status()}`);
    const info = await page.evaluate(() => {
      const all = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return {
        links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
        ids: all,
        duplicateIds: all.filter((id, i) => all.indexOf(id) !== i),
        h1: document.querySelectorAll('h1').length,
        lang: document.documentElement.lang,
        title: document.title.trim(),
        main: document.querySelectorAll('main#pb-main').length,
        // style.css makes <body> a flex column: proves the stylesheet loaded
        styled: getComputedStyle(document.body).display === 'flex',
      };
    });
    for (const p of log.slice(first)) problems.push(`${url}: ${p}`);
    const bad = [];
    if (info.h1 !== 1) bad.push(`${info.h1} <h1> elements`);
    if (!info.lang) bad.push('no <html lang>');
    if (!info.title) bad.push('empty <title>');
    if (info.main !== 1) bad.push('no <main id="pb-main">');
    if (!info.styled) bad.push('style.css not applied');
    if (info.duplicateIds.length) bad.push(`duplicate ids: ${[...new Set(info.duplicateIds)].join(', ')}`);
    for (const b of bad) problems.push(`${url}: ${b}`);
    ids.set(url, new Set(info.ids));

    for (const href of info.links) {
      const u = new URL(href);
      if (!['http:', 'https:', 'file:'].includes(u.protocol)) continue; // mailto:, tel:
      const hash = u.hash;
      u.hash = '';
      const target = u.href;
      if (!target.startsWith(prefix)) {
        // Same host but outside the prefix: a link that escapes the sub-path.
        if (u.origin === new URL(prefix).origin) problems.push(`${url}: link escapes ${prefix}: ${href}`);
        else external.add(href);
        continue;
      }
      if (hash.length > 1) fragments.push({ from: url, target, id: decodeURIComponent(hash.slice(1)) });
      // Not a page (the Atom feed; f-actions: the calendars): it must exist, but is not crawled as HTML.
      if (/\.(xml|ics)$/.test(u.pathname)) {
        if (!seen.has(target)) {
          seen.add(target);
          const found = u.protocol === 'file:'
            ? existsSync(fileURLToPath(target))
            : (await context.request.get(target)).ok();
          if (!found) problems.push(`${url}: broken link to ${href}`);
        }
        continue;
      }
      if (follow && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  };

  const worker = async () => {
    const page = await context.newPage();
    const log = watch(page);
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(prefix) && !u.startsWith('data:')) log.push(`request outside ${prefix}: ${u}`);
    });
    try {
      for (;;) {
        const url = queue.shift();
        if (url === undefined) {
          if (active === 0) return;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        active++;
        try {
          await visit(page, log, url);
        } catch (e) {
          problems.push(`${url}: ${e.message.split('\n')[0]}`);
        } finally {
          active--;
        }
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));

  for (const { from, target, id } of fragments) {
    const known = ids.get(target);
    if (known && !known.has(id)) problems.push(`${from}: link to ${target}#${id}: no element has id "${id}"`);
  }
  return { visited, problems, external };
}
