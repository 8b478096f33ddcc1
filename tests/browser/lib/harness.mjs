// What every suite shares: the built sites, the HTTP server that serves them under sub-paths,
// one Chromium. `setup()` runs once before the suites (see browser.test.mjs).
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';
import { buildSites, removeSites } from './sites.mjs';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** The sub-path each site is served under: the suite proves nothing escapes it. */
export const SUBPATH = { example: '/intranet/playbook/', corpus: '/intranet/corpus/' };
/** Only written to sitemap.xml; pages must not depend on it. */
const BASE_URL = 'https://intranet.example.org/intranet/playbook/';

/** Filled by setup(): `{ sites, server, browser }`. */
export const env = {};

export async function setup() {
  const t0 = Date.now();
  await mkdir(ARTIFACTS, { recursive: true });
  const [sites, browser] = await Promise.all([buildSites({ baseUrl: BASE_URL }), launch()]);
  env.sites = sites;
  env.browser = browser;
  env.server = await startServer({
    [SUBPATH.example]: sites.example.public,
    [SUBPATH.corpus]: sites.corpus.public,
  });
  const s = (site) => `${site.pages.length} HTML files`;
  console.log(
    `# setup ${Date.now() - t0} ms: ${sites.bin}; example ${s(sites.example)}, corpus ${s(sites.corpus)}; ` +
      `Chromium ${browser.version()}; serving on ${env.server.origin}`,
  );
}

export async function teardown() {
  await env.browser?.close();
  await env.server?.close();
  await removeSites(env.sites);
}

/** The HTTP address of `path` (relative to the site root) of site `name` ('example' or 'corpus'). */
export function url(name, path = '') {
  return env.server.origin + SUBPATH[name] + path;
}

/** The file:// address of `path` in a site's output (`example`, `exampleFile`, `corpus`). */
export function fileUrl(name, path = '') {
  const href = pathToFileURL(join(env.sites[name].public, path)).href;
  return path === '' || path.endsWith('/') ? href.replace(/\/?$/, '/') : href;
}

/** The site-relative path of the first output page whose HTML matches `re` (sorted order). */
export async function findPage(name, re) {
  for (const p of env.sites[name].pages) {
    const html = await readFile(join(env.sites[name].public, p), 'utf8');
    if (re.test(html)) return p.replace(/(^|\/)index\.html$/, '$1');
  }
  throw new Error(`no page of ${name} matches ${re}`);
}

/** The address each output file is reached at: `a/b/index.html` → `a/b/` (pretty URLs). */
export function pageUrls(name, { pretty = true, only = () => true } = {}) {
  return env.sites[name].pages
    .filter(only)
    .map((p) => (pretty ? p.replace(/(^|\/)index\.html$/, '$1') : p));
}
