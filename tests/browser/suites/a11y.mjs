// axe-core (from node_modules, injected into the page) on one page of every kind, light and
// dark, wide and narrow: zero violations of WCAG 2.0/2.1 A and AA (the RGAA baseline).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AXE_TAGS, MOBILE, axe, formatViolations, newContext, watch } from '../lib/browser.mjs';
import { env, findPage, url } from '../lib/harness.mjs';

/**
 * One page of every kind: [kind, site, path, ready?]. `path` is relative to the site root, or a
 * RegExp that picks the first output page whose HTML matches; `ready`, a selector to wait for
 * (content a script adds). Adding a kind is one line.
 */
export const PAGE_KINDS = [
  ['home', 'example', ''],
  ['minutes', 'example', 'ateliers/2024-11-14-implanter-le-collaboratif/'],
  ['guide step', 'example', 'guide/commencer-petit/'],
  ['typology', 'example', 'typologies/intensite-3-concertation/'],
  ['page', 'example', 'a-propos/'],
  ['section', 'example', 'guide/'],
  ['tag page', 'example', 'etiquettes/confiance/'],
  ['tag index', 'example', 'etiquettes/'],
  ['pages to create (none)', 'example', 'pages-a-creer/'],
  ['pages to create', 'corpus', 'pages-a-creer/'],
  ['typology overview', 'example', 'vue-d-ensemble-des-typologies/'],
  ['404', 'example', '404.html'],
  ['collaboration weather', 'example', 'meteo/'],
  // Filled by search.js once the index is loaded: tested with its results listed.
  ['search results', 'example', 'recherche/?q=cooperation', '.search-results li'],
  // The corpus adds links to missing pages, tables, nested sections, long listings.
  ['minutes (corpus)', 'corpus', has('class="article kind-minutes"')],
  ['page with a table and a link to a missing page (corpus)', 'corpus', has('class="article kind-page"', '<table', '<a class="new"')],
  ['nested section (corpus)', 'corpus', has('class="article kind-section"', 'class="section-nav-parent"')],
  ['person', 'example', 'personnes/anne-berlemont/'],
  ['contributors', 'example', 'contributeurs/'],
  ['structures', 'example', 'structures/'],
  ['recent changes', 'example', 'dernieres-modifications/'],
  // Coming with later issues (one line each):
  // f-map
  ['stakeholder map', 'example', 'cartographies/implanter-le-collaboratif/'],
  // f-actions
  ['next steps', 'example', 'prochains-pas/'],
  ['person with actions', 'example', 'personnes/celia/'],
];

/** A pattern matching the HTML of a page that contains every one of `parts`, in any order. */
function has(...parts) {
  return new RegExp('^' + parts.map((p) => `(?=[\\s\\S]*${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`).join(''));
}

/**
 * Violations the theme cannot fix: each waits for a change in src/. A violation is ignored only
 * when its rule and the CSS selector of the offending node both match; the last test fails when a
 * listed one no longer occurs anywhere, so that the entry gets removed.
 */
export const KNOWN = [];

const MODES = [
  { name: 'light', options: {} },
  { name: 'dark', options: { colorScheme: 'dark' } },
  // Narrow screen, menus and boxes open: what a phone reader can reach.
  { name: 'mobile, menus open', options: { viewport: MOBILE }, openAll: true },
];

/** `violations` less the nodes a KNOWN entry covers; `seen(entry, target)` is told of each. */
function withoutKnown(violations, seen) {
  return violations
    .map((v) => ({
      ...v,
      nodes: v.nodes.filter((n) => {
        const target = n.target.join(' ');
        const k = KNOWN.find((k) => k.rule === v.id && k.target.test(target));
        if (k) seen(k, target);
        return !k;
      }),
    }))
    .filter((v) => v.nodes.length > 0);
}

export default function () {
  describe(`accessibility: axe-core, tags ${AXE_TAGS.join(', ')}`, () => {
    const contexts = {};
    before(async () => {
      for (const m of MODES) contexts[m.name] = await newContext(env.browser, m.options);
    });
    after(async () => {
      for (const c of Object.values(contexts)) await c.close();
    });

    const known = new Map(); // KNOWN entry → where it was last seen

    for (const [kind, site, where, ready] of PAGE_KINDS) {
      test(`${kind}: no violation (${MODES.map((m) => m.name).join('; ')})`, async (t) => {
        const path = where instanceof RegExp ? await findPage(site, where) : where;
        t.diagnostic(`${site}: /${path}`);
        // The modes run side by side: axe waits on the page as much as it computes.
        const failures = await Promise.all(
          MODES.map(async (mode) => {
            const page = await contexts[mode.name].newPage();
            try {
              const problems = watch(page);
              await page.goto(url(site, path), { waitUntil: 'load' });
              if (ready) await page.waitForSelector(ready);
              if (mode.openAll) await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
              const violations = withoutKnown(await axe(page), (k, n) => known.set(k, `${kind} (${mode.name}): ${n}`));
              const out = [];
              if (violations.length) out.push(`${mode.name}:\n${formatViolations(violations)}`);
              if (problems.length) out.push(`${mode.name}: ${problems.join('\n')}`);
              return out;
            } finally {
              await page.close();
            }
          }),
        ).then((all) => all.flat());
        assert.equal(failures.length, 0, `/${path}\n${failures.join('\n')}`);
      });
    }

    test('known violations (waiting for src/) still occur, else remove them from KNOWN', (t) => {
      for (const k of KNOWN) {
        if (known.has(k)) t.diagnostic(`KNOWN VIOLATION ${k.rule} (${k.why}), e.g. ${known.get(k)}`);
      }
      const gone = KNOWN.filter((k) => !known.has(k)).map((k) => `${k.rule}: ${k.why}`);
      assert.deepEqual(gone, [], 'fixed: remove from KNOWN in suites/a11y.mjs');
    });
  });
}
