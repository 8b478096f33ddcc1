// f-actions: "Prochains pas" filters its table in place (person, workshop, state), and without
// JavaScript offers the same filters as sections reached by links.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newContext, watch } from '../lib/browser.mjs';
import { env, url } from '../lib/harness.mjs';

const PAGE = 'prochains-pas/';

/** The rows of the table a reader sees: `[data-person, data-state]` of each visible row. */
function visibleRows(page) {
  return page.locator('.actions-table tbody tr').evaluateAll((rows) =>
    rows.filter((r) => !r.hidden && r.offsetParent !== null).map((r) => [r.dataset.person, r.dataset.state]),
  );
}

/** The count the no-JS section of a group gives: `(N)` in its heading. */
async function sectionCount(page, id) {
  const text = await page.locator(`h3[id="${id}"] .count`).textContent();
  return Number(text.replace(/\D/g, ''));
}

export default function () {
  describe('next steps (Prochains pas)', () => {
    test('the form filters the table in place, by person and by state, and says how many are shown', async () => {
      const context = await newContext(env.browser);
      try {
        const page = await context.newPage();
        const problems = watch(page);
        await page.goto(url('example', PAGE), { waitUntil: 'load' });
        const form = page.locator('form[data-actions-filter]');
        assert.ok(await form.isVisible(), 'the script shows the form');
        const all = await visibleRows(page);
        assert.ok(all.length >= 8, `every action is listed (${all.length})`);

        await form.locator('select[name="person"]').selectOption('florence-mensah');
        const florence = await visibleRows(page);
        assert.equal(florence.length, await sectionCount(page, 'personne-florence-mensah'));
        assert.ok(florence.every(([p]) => p === 'florence-mensah'), JSON.stringify(florence));
        assert.equal(
          (await form.locator('.filter-status').textContent()).trim(),
          `${florence.length} / ${all.length} actions affichées`,
        );

        await form.locator('select[name="state"]').selectOption('done');
        const done = await visibleRows(page);
        assert.ok(done.length > 0 && done.length < florence.length, JSON.stringify(done));
        assert.ok(done.every(([p, s]) => p === 'florence-mensah' && s === 'done'));

        await form.locator('button[type="reset"]').click();
        await page.waitForFunction(
          (n) => [...document.querySelectorAll('.actions-table tbody tr')].filter((r) => !r.hidden).length === n,
          all.length,
        );
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test('without JavaScript the filters are links to sections by person, workshop and state', async () => {
      const context = await newContext(env.browser, { javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(url('example', PAGE), { waitUntil: 'load' });
        assert.equal(await page.locator('form[data-actions-filter]').isVisible(), false);
        const links = await page.locator('.actions-filters a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.ok(links.includes('#personne-celia'), links.join(' '));
        assert.ok(links.some((h) => h.startsWith('#source-')));
        assert.ok(links.includes('#etat-done'));
        for (const h of links) {
          assert.equal(await page.locator(`[id="${h.slice(1)}"]`).count(), 1, `${h} leads to its section`);
        }
        // Each action leads to its item on its page.
        const first = page.locator('.actions-table tbody tr a').first();
        const href = await first.getAttribute('href');
        await first.click();
        await page.waitForURL((u) => u.hash === '#' + href.split('#')[1]);
        assert.equal(await page.locator(`li[id="${href.split('#')[1]}"]`).count(), 1);
      } finally {
        await context.close();
      }
    });
  });
}
