// The example's stakeholder map (issue 19) in Chromium, wide and narrow, light and dark: no two
// texts of the matrix overlap (their drawn bounding boxes), axe reports nothing, the table holds
// every actor the front matter lists. Screenshots go to $SHOTS (default /work/shots/map/).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { axe, formatViolations, newContext, watch } from '../lib/browser.mjs';
import { env, url } from '../lib/harness.mjs';

const PATH = 'cartographies/implanter-le-collaboratif/';
const SOURCE = new URL('../../../content/cartographies/implanter-le-collaboratif.md', import.meta.url);
const SHOTS = process.env.SHOTS || '/work/shots/map/';
const MODES = [
  { width: 1366, scheme: 'light' },
  { width: 1366, scheme: 'dark' },
  { width: 390, scheme: 'light' },
  { width: 390, scheme: 'dark' },
];

/** The actors' names, in the order of the page's front matter. */
function actorsOfSource() {
  return [...readFileSync(SOURCE, 'utf8').matchAll(/^ {2}- nom: "(.*)"$/gm)].map((m) => m[1]);
}

export default function () {
  describe('stakeholder map', () => {
    const contexts = {};
    before(async () => {
      mkdirSync(SHOTS, { recursive: true });
      for (const m of MODES) {
        contexts[`${m.width}-${m.scheme}`] = await newContext(env.browser, {
          viewport: { width: m.width, height: 900 },
          colorScheme: m.scheme,
        });
      }
    });
    after(async () => {
      for (const c of Object.values(contexts)) await c.close();
    });

    for (const m of MODES) {
      const name = `${m.width}-${m.scheme}`;
      test(`${name}: texts apart, axe clean, every actor in the table`, async () => {
        const page = await contexts[name].newPage();
        try {
          const problems = watch(page);
          await page.goto(url('example', PATH), { waitUntil: 'load' });
          // Every text of the matrix: actor labels, quadrant titles, axes.
          const boxes = await page.$$eval('svg.stakeholder-matrix text', (ts) =>
            ts.map((t) => {
              const r = t.getBoundingClientRect();
              return { text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
            }),
          );
          const labels = await page.$$eval('svg.stakeholder-matrix text.sh-label', (ts) => ts.length);
          const actors = actorsOfSource();
          assert.equal(actors.length, 14);
          assert.equal(labels, actors.length, 'one label per actor');
          const overlaps = [];
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i], boxes[j]];
              if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
                overlaps.push(`« ${a.text} » and « ${b.text} »`);
              }
            }
          }
          assert.deepEqual(overlaps, [], 'no two texts of the matrix overlap');
          const rows = await page.$$eval('table.stakeholder-table tbody th[scope=row]', (ths) =>
            ths.map((th) => th.textContent.trim()),
          );
          assert.deepEqual([...rows].sort(), [...actors].sort(), 'the table holds every actor');
          const violations = await axe(page);
          assert.equal(violations.length, 0, formatViolations(violations));
          assert.deepEqual(problems, []);
          await page.screenshot({ path: `${SHOTS}map-${name}.png`, fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  });
}
