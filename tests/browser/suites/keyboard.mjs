// Keyboard only: the skip link is the first Tab stop, shows itself and moves focus to the main
// content; every Tab stop of a page shows a visible focus indicator, on screen, light and dark.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, MOBILE, axe, formatViolations, newContext } from '../lib/browser.mjs';
import { env, url } from '../lib/harness.mjs';

const PAGES = ['', 'ateliers/2024-11-14-implanter-le-collaboratif/', 'guide/commencer-petit/'];
const SETTINGS = [
  { name: 'desktop', options: { viewport: DESKTOP } },
  { name: 'mobile', options: { viewport: MOBILE } },
  { name: 'desktop dark', options: { viewport: DESKTOP, colorScheme: 'dark' } },
];

/** What the focused element looks like: indicator, its contrast with the page, where it is. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const lum = (c) => {
    const m = c.match(/[\d.]+/g).map(Number);
    const [r, g, b] = m.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  // The indicator is on the element, or on the card a stretched link belongs to.
  let ring = null;
  for (const e of [el, el.closest('.card')]) {
    if (!e) continue;
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) {
      ring = { kind: 'outline', color: s.outlineColor, width: parseFloat(s.outlineWidth) };
      break;
    }
    if (s.boxShadow !== 'none') {
      ring = { kind: 'box-shadow', color: s.boxShadow.match(/rgba?\([^)]*\)/)?.[0] };
      break;
    }
  }
  const bg = getComputedStyle(document.body).backgroundColor;
  const b = el.getBoundingClientRect();
  return {
    what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} "${(el.textContent || '').trim().slice(0, 40)}"`,
    ring,
    contrast: ring?.color ? ratio(ring.color, bg) : 0,
    onScreen: b.width > 0 && b.height > 0 && b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth,
  };
}

export default function () {
  describe('keyboard', () => {
    const contexts = {};
    before(async () => {
      for (const s of SETTINGS) contexts[s.name] = await newContext(env.browser, s.options);
    });
    after(async () => {
      for (const c of Object.values(contexts)) await c.close();
    });

    for (const s of SETTINGS.slice(0, 2)) {
      test(`skip link (${s.name}): first Tab stop, visible on focus, moves focus to the content`, async () => {
        const page = await contexts[s.name].newPage();
        try {
          for (const path of PAGES) {
            await page.goto(url('example', path), { waitUntil: 'load' });
            const skip = page.locator('.skip-link');
            const hidden = await skip.boundingBox();
            assert.ok(hidden.y + hidden.height <= 0, `/${path}: the skip link is off screen until focused`);
            await page.keyboard.press('Tab');
            assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', `/${path}: first Tab stop`);
            assert.equal(await skip.textContent(), 'Aller au contenu');
            const box = await skip.boundingBox();
            const vp = page.viewportSize();
            assert.ok(box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width, `/${path}: on screen when focused`);
            const onTop = await skip.evaluate((a) => {
              const b = a.getBoundingClientRect();
              return a.contains(document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2));
            });
            assert.ok(onTop, `/${path}: nothing covers the focused skip link`);
            const contrast = await axe(page, { rules: ['color-contrast'], include: '.skip-link' });
            assert.equal(contrast.length, 0, formatViolations(contrast));
            await page.keyboard.press('Enter');
            await page.waitForURL((u) => u.hash === '#pb-main');
            assert.equal(await page.evaluate(() => document.activeElement.id), 'pb-main', `/${path}: focus moved to <main>`);
            await page.keyboard.press('Tab');
            assert.ok(
              await page.evaluate(() => document.getElementById('pb-main').contains(document.activeElement)),
              `/${path}: the next Tab stop is in the content`,
            );
          }
        } finally {
          await page.close();
        }
      });
    }

    for (const s of SETTINGS) {
      test(`focus is visible on every Tab stop (${s.name})`, async (t) => {
        const page = await contexts[s.name].newPage();
        try {
          for (const path of [...PAGES, 'etiquettes/', 'vue-d-ensemble-des-typologies/']) {
            await page.goto(url('example', path), { waitUntil: 'load' });
            const bad = [];
            let stops = 0;
            for (; stops < 400; stops++) {
              await page.keyboard.press('Tab');
              const f = await page.evaluate(focusState);
              if (!f || (stops > 0 && f.what.startsWith('a.skip-link'))) break; // back to the start
              if (!f.ring) bad.push(`${f.what}: no outline or box-shadow`);
              else if (f.contrast < 3) bad.push(`${f.what}: ${f.ring.kind} contrast ${f.contrast.toFixed(2)} < 3`);
              if (!f.onScreen) bad.push(`${f.what}: focused but not on screen`);
            }
            t.diagnostic(`/${path}: ${stops} Tab stops`);
            assert.ok(stops > 5, `/${path}: only ${stops} Tab stops`);
            assert.deepEqual(bad, [], `/${path} (${stops} Tab stops)`);
          }
        } finally {
          await page.close();
        }
      });
    }

    // Search opens with "/" and closes with Escape: to add when search lands (issue 8).
  });
}
