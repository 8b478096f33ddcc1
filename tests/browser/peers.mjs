// Peer comparison, not a test: runs axe-core (WCAG 2.0/2.1 A and AA tags, the same as the a11y
// suite) on the built sites given as `name=dir` arguments, in headless Chromium, and prints the
// violations of each: pages checked, pages with a violation, violated rules, offending nodes.
// Each site is served under its own sub-path by the suite's test server. The pages checked are
// the site's index plus the first `--pages N` other HTML files in sorted order (default 30), so
// two builds of the same corpus are compared on the same pages.
//
// Usage: node peers.mjs [--pages N] playbook=/tmp/pb/public mdbook=/tmp/mdb/book
// bench/a11y-peers.sh builds the sites and calls this.
import { readdir } from 'node:fs/promises';
import { AXE_TAGS, axe, launch, newContext } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const args = process.argv.slice(2);
let limit = 30;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--pages') limit = Number(args[++i]);
  else {
    const [name, dir] = args[i].split('=');
    if (!name || !dir) throw new Error(`expected name=dir, got ${args[i]}`);
    sites.push({ name, dir });
  }
}
if (!sites.length) {
  console.error('usage: node peers.mjs [--pages N] name=dir [name=dir ...]');
  process.exit(2);
}

async function htmlPages(dir) {
  const entries = await readdir(dir, { recursive: true });
  const html = entries
    .map((e) => e.split('\\').join('/'))
    .filter((e) => e.endsWith('.html') && e !== 'index.html' && !/(^|\/)(404|print|toc)\.html$/.test(e))
    .sort();
  return ['index.html', ...html.slice(0, limit)];
}

const mounts = Object.fromEntries(sites.map((s) => [`/peers/${s.name}/`, s.dir]));
const server = await startServer(mounts);
const browser = await launch();
const context = await newContext(browser);
const rows = [];
try {
  for (const site of sites) {
    const pages = await htmlPages(site.dir);
    const rules = new Map();
    let failing = 0;
    let nodes = 0;
    for (const p of pages) {
      const page = await context.newPage();
      await page.goto(`${server.origin}/peers/${site.name}/${p}`, { waitUntil: 'load' });
      const violations = await axe(page);
      await page.close();
      if (violations.length) failing++;
      for (const v of violations) {
        nodes += v.nodes.length;
        const r = rules.get(v.id) || { impact: v.impact, pages: 0, nodes: 0 };
        r.pages++;
        r.nodes += v.nodes.length;
        rules.set(v.id, r);
      }
    }
    rows.push({ site: site.name, pages: pages.length, failing, rules, nodes });
  }
} finally {
  await context.close();
  await browser.close();
  await server.close();
}

console.log(`axe-core tags: ${AXE_TAGS.join(', ')}`);
console.log('site\tpages\tpages_with_violations\trules_violated\tnodes');
for (const r of rows) console.log(`${r.site}\t${r.pages}\t${r.failing}\t${r.rules.size}\t${r.nodes}`);
for (const r of rows) {
  for (const [id, v] of [...r.rules].sort()) {
    console.log(`  ${r.site}: [${v.impact}] ${id} on ${v.pages} pages, ${v.nodes} nodes`);
  }
}
