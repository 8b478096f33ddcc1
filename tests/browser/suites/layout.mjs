// Screens and media: the phone layout (375 px) and its menus, the layout without JavaScript,
// dark mode, print preview and PDF, and the screenshots a person looks at.
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DESKTOP, MOBILE, newContext, watch } from '../lib/browser.mjs';
import { ARTIFACTS, env, url } from '../lib/harness.mjs';

const GUIDE_STEP = 'guide/commencer-petit/';
const MINUTES = 'ateliers/2024-11-14-implanter-le-collaboratif/';

/** Relative luminance of a CSS rgb() colour. */
function luminance(css) {
  const [r, g, b] = css
    .match(/[\d.]+/g)
    .slice(0, 3)
    .map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function withPage({ allow, ...options }, fn) {
  const context = await newContext(env.browser, options);
  try {
    const page = await context.newPage();
    const problems = watch(page, { allow });
    await fn(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

export default function () {
  describe('phone (375 px)', () => {
    test('the menu is a closed button that opens onto the main navigation, and leads there', async () => {
      await withPage({ viewport: MOBILE }, async (page) => {
        await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
        const menu = page.locator('details.menu');
        const button = menu.locator('> summary');
        const nav = page.locator('.main-nav');
        assert.equal(await menu.evaluate((d) => d.open), false, 'closed at first');
        assert.ok(await button.isVisible());
        assert.ok(!(await nav.isVisible()), 'the navigation is hidden while closed');
        const b = await button.boundingBox();
        assert.ok(b.height >= 44 && b.width >= 44, `the button is a comfortable target (${b.width}×${b.height})`);

        await button.click();
        assert.ok(await nav.isVisible(), 'the navigation shows once opened');
        // The sections, then the "Le playbook" menu of generated pages (closed).
        const links = await nav.locator('.main-nav-list > li:not(.tools-item) > a, .tools-menu > summary').evaluateAll((as) =>
          as.map((a) => {
            const r = a.getBoundingClientRect();
            return { text: a.textContent.trim(), left: r.left, right: r.right, height: r.height };
          }),
        );
        assert.deepEqual(
          links.map((l) => l.text),
          [
            'Ateliers',
            'Guide : démarrer la coopération',
            'Typologies de la collaboration',
            'Cartographies des parties prenantes',
            'Le playbook',
          ],
        );
        for (const l of links) {
          assert.ok(l.left >= 0 && l.right <= MOBILE.width, `${l.text} fits the screen`);
          assert.ok(l.height >= 44, `${l.text} is a comfortable target`);
        }
        // The open menu lies over the page without making it scroll sideways.
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375));
        await nav.getByRole('link', { name: 'Typologies de la collaboration', exact: true }).click();
        await page.waitForURL(url('example', 'typologies/'));
        assert.equal(await page.locator('h1').textContent(), 'Typologies de la collaboration');
        assert.equal(await page.locator('details.menu').evaluate((d) => d.open), false, 'closed on the new page');
      });
    });

    test('the menu works from the keyboard: Enter opens it, Tab enters it, Escape closes it', async () => {
      await withPage({ viewport: MOBILE }, async (page) => {
        await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
        await page.locator('details.menu > summary').focus();
        await page.keyboard.press('Enter');
        assert.equal(await page.locator('details.menu').evaluate((d) => d.open), true);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.closest('.main-nav') !== null), true);
        await page.keyboard.press('Escape');
        assert.equal(await page.locator('details.menu').evaluate((d) => d.open), false);
        assert.equal(await page.evaluate(() => document.activeElement.matches('details.menu > summary')), true);
      });
    });

    test('the section box and the table of contents open and lead to their targets', async () => {
      await withPage({ viewport: MOBILE }, async (page) => {
        await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
        const [sectionBox, tocBox] = [page.locator('details.sidebox').first(), page.locator('details.toc')];
        assert.equal(await sectionBox.evaluate((d) => d.open), false);
        assert.equal(await tocBox.evaluate((d) => d.open), false);
        // Closed boxes keep the content near the top of the screen.
        const h1 = await page.locator('main h1').boundingBox();
        assert.ok(h1.y < MOBILE.height, `the title is on the first screen (y = ${h1.y})`);

        await tocBox.locator('summary').click();
        const entry = tocBox.locator('a').nth(1);
        assert.ok(await entry.isVisible());
        const hash = await entry.getAttribute('href');
        await entry.click();
        await page.waitForURL((u) => u.hash === hash);

        await sectionBox.locator('summary').click();
        const step = sectionBox.locator('a', { hasText: 'Outiller la coopération' });
        assert.ok(await step.isVisible());
        await step.click();
        await page.waitForURL(url('example', 'guide/outiller-la-cooperation/'));
      });
    });

    test('widening the window opens the menus and hides their buttons', async () => {
      await withPage({ viewport: MOBILE }, async (page) => {
        await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
        await page.setViewportSize(DESKTOP);
        await page.waitForFunction(() => [...document.querySelectorAll('details.collapsible')].every((d) => d.open));
        assert.ok(await page.locator('.main-nav').isVisible());
        assert.ok(!(await page.locator('details.menu > summary').isVisible()));
        assert.ok(await page.locator('.section-nav').isVisible());
      });
    });
  });

  describe('without JavaScript', () => {
    test('wide screen: navigation, section and table of contents are shown, their buttons are not', async () => {
      await withPage({ viewport: DESKTOP, javaScriptEnabled: false }, async (page) => {
        await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
        for (const sel of ['.main-nav', '.section-nav', '.toc nav']) assert.ok(await page.locator(sel).isVisible(), sel);
        assert.ok(!(await page.locator('details.menu > summary').isVisible()));
      });
    });

    test('phone: the menu still opens (a native <details>)', async () => {
      await withPage({ viewport: MOBILE, javaScriptEnabled: false }, async (page) => {
        await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
        assert.ok(!(await page.locator('.main-nav').isVisible()));
        await page.locator('details.menu > summary').click();
        assert.ok(await page.locator('.main-nav').isVisible());
      });
    });
  });

  describe('dark mode (prefers-color-scheme: dark)', () => {
    test('pages turn dark, with light text, and stay readable', async () => {
      await withPage({ colorScheme: 'dark' }, async (page) => {
        for (const path of ['', MINUTES, GUIDE_STEP]) {
          await page.goto(url('example', path), { waitUntil: 'load' });
          const c = await page.evaluate(() => {
            const s = getComputedStyle(document.body);
            const h = getComputedStyle(document.querySelector('.site-header'));
            return { bg: s.backgroundColor, fg: s.color, header: h.backgroundColor, scheme: s.colorScheme };
          });
          assert.ok(luminance(c.bg) < 0.05, `/${path}: dark background (${c.bg})`);
          assert.ok(luminance(c.header) < 0.05, `/${path}: dark header (${c.header})`);
          assert.ok(luminance(c.fg) > 0.7, `/${path}: light text (${c.fg})`);
        }
      });
    });
  });

  describe('print', () => {
    for (const [name, path] of [
      ['guide step', GUIDE_STEP],
      ['minutes', MINUTES],
    ]) {
      test(`${name}: print preview keeps the content, drops the navigation; page.pdf() works`, async () => {
        await withPage({}, async (page) => {
          await page.goto(url('example', path), { waitUntil: 'load' });
          await page.emulateMedia({ media: 'print' });
          for (const sel of ['.skip-link', 'details.menu', '.breadcrumb', '.sidebar', '.pager', '.forge-links']) {
            const shown = await page.locator(sel).evaluateAll((els) => els.some((e) => e.checkVisibility()));
            assert.ok(!shown, `${sel} is not printed`);
          }
          for (const sel of ['.site-title', 'main h1', 'main .prose']) {
            assert.ok(await page.locator(sel).first().isVisible(), `${sel} is printed`);
          }
          const c = await page.evaluate(() => ({
            text: getComputedStyle(document.querySelector('main .prose')).color,
            bg: getComputedStyle(document.body).backgroundColor,
            width: document.querySelector('main').getBoundingClientRect().width,
          }));
          assert.equal(c.text, 'rgb(0, 0, 0)', 'black text');
          assert.equal(c.bg, 'rgb(255, 255, 255)', 'on white');
          assert.ok(c.width > 1000, `the content takes the full width (${c.width} px)`);
          // Browsers print no backgrounds by default: light text (white on a coloured badge) vanishes.
          const pale = await page.evaluate(() => {
            const found = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (!n.textContent.trim() || !el.checkVisibility()) continue;
              const [r, g, b] = getComputedStyle(el).color.match(/[\d.]+/g).map(Number);
              if (r + g + b > 3 * 150) found.push(`${el.tagName.toLowerCase()}.${el.className}: "${n.textContent.trim()}"`);
            }
            return found;
          });
          assert.deepEqual(pale, [], 'text too pale to print on white paper');

          const file = join(ARTIFACTS, `print-${name.replace(/ /g, '-')}.pdf`);
          await page.pdf({ path: file, format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
          const pdf = await readFile(file, 'latin1');
          assert.ok(pdf.startsWith('%PDF-'));
          const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
          assert.ok(pages >= 2 && pages < 30, `${pages} A4 pages`);
        });
      });
    }
  });

  describe('screenshots (tests/browser/artifacts/)', () => {
    const SHOTS = [
      ['home', 'example', ''],
      ['minutes', 'example', MINUTES],
      ['guide-step', 'example', GUIDE_STEP],
      ['person', 'example', 'personnes/florence-mensah/'],
      ['typology', 'example', 'typologies/intensite-3-concertation/'],
      ['contributors', 'example', 'contributeurs/'],
      ['not-found', 'example', 'nimporte-quoi/x/y/'],
    ];
    const SCREENS = [
      ['desktop', { viewport: DESKTOP }],
      ['mobile', { viewport: MOBILE }],
      ['desktop-dark', { viewport: DESKTOP, colorScheme: 'dark' }],
      ['1366', { viewport: { width: 1366, height: 768 } }],
      ['390', { viewport: { width: 390, height: 844 } }],
    ];
    for (const [screen, options] of SCREENS) {
      test(`${screen}: ${SHOTS.map((s) => s[0]).join(', ')}`, async () => {
        // The missing address answers 404 on purpose.
        await withPage({ ...options, allow: (u) => u.includes('/nimporte-quoi/') }, async (page) => {
          for (const [name, site, path] of SHOTS) {
            const response = await page.goto(url(site, path), { waitUntil: 'load' });
            assert.equal(response.status(), name === 'not-found' ? 404 : 200, path);
            const file = join(ARTIFACTS, `${screen}-${name}.png`);
            await page.screenshot({ path: file, fullPage: true });
            assert.ok((await stat(file)).size > 10_000, `${file} is not blank`);
          }
          if (screen === 'mobile') {
            await page.goto(url('example', GUIDE_STEP), { waitUntil: 'load' });
            await page.locator('details.menu > summary').click();
            await page.screenshot({ path: join(ARTIFACTS, 'mobile-menu-open.png') });
          }
        });
      });
    }
  });
}
