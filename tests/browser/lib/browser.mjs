// Headless Debian Chromium through playwright-core (no browser download), plus the helpers the
// suites share: problem tracking (console errors, page errors, failed requests) and axe-core.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright gives every launch a fresh temporary --user-data-dir and removes it on close. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 375, height: 800 };

/** A fresh context (no cookies, no cache) with the reader's settings. */
export function newContext(browser, { viewport = DESKTOP, colorScheme = 'light', ...rest } = {}) {
  return browser.newContext({
    viewport,
    colorScheme,
    locale: 'fr-FR',
    reducedMotion: 'reduce', // no smooth scrolling: scroll positions are final when read
    ...rest,
  });
}

/**
 * Records what a reader would see go wrong on a page: console errors, uncaught exceptions,
 * requests that fail and responses with an HTTP error status. `allow(url)` exempts a URL
 * (the 404 test loads a missing page on purpose). Requests cancelled by the next navigation
 * (a test leaves a page before its favicon arrives) are not problems, unless `ignoreAborted` is false.
 */
export function watch(page, { allow = () => false, ignoreAborted = true } = {}) {
  const problems = [];
  page.on('console', (m) => {
    const where = m.location()?.url || '?';
    // Chromium logs every HTTP error status to the console too: an allowed one is not a problem.
    if (m.type() === 'error' && !(m.text().startsWith('Failed to load resource') && allow(where))) {
      problems.push(`console error: ${m.text()} (${where})`);
    }
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText;
    if (!allow(r.url()) && !(ignoreAborted && error === 'net::ERR_ABORTED')) {
      problems.push(`request failed: ${r.url()} (${error})`);
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !allow(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Opens `url` in a new page of `context`; resolves to `{ page, problems, response }`. */
export async function open(context, url, opts = {}) {
  const page = await context.newPage();
  const problems = watch(page, opts);
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, problems, response };
}

// ---------- axe-core ----------

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe-core (from node_modules, injected into the page) and returns its violations: the
 * rules of `tags`, or only `rules` (ids) when given, on the whole page or on `include` (a selector).
 */
export async function axe(page, { tags = AXE_TAGS, rules, include } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE_SOURCE });
  }
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
  const result = await page.evaluate(
    ({ runOnly, include }) =>
      window.axe.run(include ? { include: [include] } : document, { runOnly, resultTypes: ['violations'] }),
    { runOnly, include },
  );
  return result.violations;
}

/** One readable block per violation: rule, impact, help, and the first offending nodes. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 6)
        .map((n) => {
          const why = (n.failureSummary || '').split('\n').slice(0, 3).join('\n        ');
          return `      ${n.target.join(' ')}\n        ${why}`;
        })
        .join('\n');
      const more = v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes)\n${nodes}${more}`;
    })
    .join('\n');
}
