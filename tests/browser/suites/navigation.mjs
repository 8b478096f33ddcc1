// Navigation as a reader does it, by clicking: main menu, section sidebar, breadcrumbs, table of
// contents, guide previous/next, tags, backlinks, footer tools, links to pages to create, credits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newContext } from '../lib/browser.mjs';
import { env, findPage, url } from '../lib/harness.mjs';

const GUIDE_STEP = 'guide/commencer-petit/';

/** Clicks the link and waits for the page it leads to; returns its address (without #). */
async function follow(page, link) {
  const href = await link.evaluate((a) => a.href);
  await Promise.all([page.waitForURL(href, { waitUntil: 'load' }), link.click()]);
  return href.replace(/#.*/, '');
}

// The home titled like the site bears its title in the header (once).
const h1 = async (page) =>
  (await page.locator('main h1, h1.site-title').first().innerText()).replace(/\s+/g, ' ').trim();
const SECTIONS = '.main-nav-list > li:not(.tools-item) > a';
const text = (loc) => loc.evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
const hrefs = (loc) => loc.evaluateAll((els) => els.map((a) => a.href.replace(/#.*/, '')));

export default function () {
  describe('navigation', () => {
    let context;
    let page;
    before(async () => {
      context = await newContext(env.browser);
      page = await context.newPage();
    });
    after(() => context.close());
    const go = (path, site = 'example') => page.goto(url(site, path), { waitUntil: 'load' });

    test('main menu: every section link opens its section, marked current there', async () => {
      await go('');
      const links = page.locator(SECTIONS);
      const titles = await text(links);
      assert.ok(titles.length >= 3, `sections in the menu: ${titles}`);
      for (let i = 0; i < titles.length; i++) {
        const target = await follow(page, page.locator(SECTIONS).nth(i));
        assert.equal(await h1(page), titles[i]);
        const current = page.locator('.main-nav a[aria-current]');
        assert.equal(await current.count(), 1);
        assert.equal(await current.evaluate((a) => a.href), target);
      }
    });

    test('"Le playbook" menu: it opens onto every generated page, each marked current on its page', async () => {
      await go(GUIDE_STEP);
      const menu = page.locator('details.tools-menu');
      const summary = menu.locator('> summary');
      await summary.click();
      const names = await text(menu.locator('a'));
      for (const tool of ['Météo de la collaboration', 'Vue d’ensemble des typologies', 'Contributeurs', 'Structures', 'Pages à créer', 'Étiquettes']) {
        assert.ok(names.some((n) => n.startsWith(tool)), `the menu lists ${tool}: ${names}`);
      }
      for (const [i, name] of names.entries()) {
        await go(GUIDE_STEP);
        await page.locator('details.tools-menu > summary').click();
        await follow(page, page.locator('details.tools-menu a').nth(i));
        assert.equal(await h1(page), name);
        assert.equal(await page.locator('details.tools-menu a[aria-current="page"]').count(), 1, `${name} is marked current`);
      }
    });

    test('sidebar: lists the section, marks the current page, leads to siblings and the section', async () => {
      await go(GUIDE_STEP);
      const nav = page.locator('.sidebar nav.section-nav');
      assert.ok(await nav.isVisible(), 'the section nav is shown on a wide screen');
      const steps = await text(nav.locator('ul:not(.section-nav-subsections) a'));
      assert.equal(steps.length, 9);
      assert.match(steps[0], /^Étape 1, Obtenir la légitimité/);
      assert.equal(await text(nav.locator('a[aria-current="page"]')).then((t) => t[0]), 'Étape 5, Commencer petit');

      await follow(page, nav.locator('a', { hasText: 'Choisir son niveau de collaboration' }));
      assert.equal(await h1(page), 'Choisir son niveau de collaboration');
      assert.equal(await page.locator('.badge-step').textContent(), 'Étape 3 sur 9');
      assert.equal(await text(page.locator('.section-nav a[aria-current="page"]')).then((t) => t[0]), 'Étape 3, Choisir son niveau de collaboration');

      const sectionTitle = await page.locator('.section-nav-title a').innerText();
      await follow(page, page.locator('.section-nav-title a'));
      assert.equal(await h1(page), sectionTitle);
      assert.equal(await page.locator('.section-nav-title a').getAttribute('aria-current'), 'page');
    });

    test('sidebar of a nested corpus section: parent and subsection links work', async () => {
      const deep = await findPage('corpus', /class="section-nav-parent"[\s\S]*class="section-nav-subsections"/);
      await go(deep, 'corpus');
      const sub = page.locator('.section-nav-subsections a').first();
      const subTitle = await sub.innerText();
      await follow(page, sub);
      assert.equal(await h1(page), subTitle);
      const parent = page.locator('.section-nav-parent a');
      const parentTitle = (await parent.innerText()).replace(/^←\s*/, '');
      await follow(page, parent);
      assert.equal(await h1(page), parentTitle);
    });

    test('breadcrumbs: the trail ends on the current page and every crumb leads up', async () => {
      // The deepest page of the corpus has the longest trail.
      const deep = await findPage('corpus', /class="kind-page"|class="article kind-page"/);
      await go(deep, 'corpus');
      const title = await h1(page);
      const crumbs = await text(page.locator('.breadcrumb li'));
      assert.ok(crumbs.length >= 3, `trail: ${crumbs}`);
      assert.equal(crumbs.at(-1), title);
      assert.equal(await page.locator('.breadcrumb [aria-current="page"]').innerText(), title);
      const targets = await hrefs(page.locator('.breadcrumb a'));
      assert.equal(targets[0], url('corpus'), 'the first crumb is the home');
      for (let i = targets.length - 1; i >= 0; i--) {
        await go(deep, 'corpus');
        const crumb = page.locator('.breadcrumb a').nth(i);
        const name = await crumb.innerText();
        await follow(page, crumb);
        if (i > 0) assert.equal(await h1(page), name);
        else assert.equal(page.url(), url('corpus'));
      }
    });

    test('table of contents: lists the headings in order and every entry scrolls to its heading', async () => {
      await go(GUIDE_STEP);
      const toc = page.locator('.sidebar .toc nav');
      const entries = await toc.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const headings = await page.locator('.prose :is(h2, h3)[id]').evaluateAll((hs) => hs.map((h) => `#${h.id}`));
      assert.deepEqual(entries, headings);
      for (const href of entries.reverse()) {
        await toc.locator(`a[href="${href}"]`).click();
        await page.waitForURL((u) => u.hash === href);
        const r = await page.evaluate((id) => {
          const h = document.getElementById(id);
          const b = h.getBoundingClientRect();
          return { target: h.matches(':target'), top: b.top, bottom: b.bottom, vh: innerHeight };
        }, decodeURIComponent(href.slice(1)));
        assert.ok(r.target, `${href} is the :target`);
        assert.ok(r.top >= -1 && r.bottom <= r.vh, `${href} is scrolled into view (top ${r.top})`);
      }
    });

    test('guide: next leads through all nine steps in order, previous leads back', async () => {
      await go('guide/obtenir-la-legitimite-et-le-portage/');
      const forward = [await h1(page)];
      assert.equal(await page.locator('.pager-prev').count(), 0, 'no previous step on the first one');
      while (await page.locator('.pager-next a').count()) {
        const step = forward.length + 1;
        const next = page.locator('.pager-next a');
        assert.equal(await next.getAttribute('rel'), 'next');
        const title = await next.locator('.pager-title').innerText();
        await follow(page, next);
        assert.equal(await h1(page), title);
        assert.equal(await page.locator('.badge-step').textContent(), `Étape ${step} sur 9`);
        forward.push(title);
      }
      assert.equal(forward.length, 9);
      const backward = [await h1(page)];
      while (await page.locator('.pager-prev a').count()) {
        const prev = page.locator('.pager-prev a');
        assert.equal(await prev.getAttribute('rel'), 'prev');
        await follow(page, prev);
        backward.push(await h1(page));
      }
      assert.deepEqual(backward.reverse(), forward);
      // The sidebar lists the steps in the same order.
      const listed = await text(page.locator('.section-nav ul a'));
      assert.deepEqual(listed.map((s) => s.replace(/^Étape \d+, /, '')), forward);
    });

    test('tags: a tag leads to its page, which lists the page and links to all tags with the right count', async () => {
      await go(GUIDE_STEP);
      const origin = page.url();
      const tags = await text(page.locator('.tags a'));
      assert.ok(tags.length > 0);
      for (const tag of tags) {
        await go(GUIDE_STEP);
        const tagPage = await follow(page, page.locator('.tags a', { hasText: tag }));
        assert.equal(await h1(page), tag);
        const listed = await hrefs(page.locator('main .page-list a'));
        assert.ok(listed.includes(origin), `the tag page of ${tag} lists ${origin}`);
        await follow(page, page.getByRole('link', { name: 'Toutes les étiquettes' }));
        assert.equal(await h1(page), 'Étiquettes');
        const counts = await page.locator('.tag-cloud a').evaluateAll(
          (as, target) => as.filter((a) => a.href === target).map((a) => a.querySelector('.count').textContent),
          tagPage,
        );
        assert.equal(counts.length, 1, `the tag index links to ${tagPage}`);
        assert.match(counts[0], new RegExp(`^\\(${listed.length}\\s`), `count of ${tag}`);
      }
    });

    test('backlinks: "Pages qui mènent ici" counts its entries and each one links to the page', async () => {
      for (const path of [GUIDE_STEP, 'typologies/intensite-3-concertation/']) {
        await go(path);
        const target = page.url();
        const heading = await page.locator('#pb-backlinks-title').innerText();
        const sources = await hrefs(page.locator('.backlinks li > a'));
        assert.match(heading, new RegExp(`^Pages qui mènent ici \\(${sources.length}\\)$`));
        assert.ok(sources.length > 0);
        const titles = await text(page.locator('.backlinks li > a'));
        // Click the first one; open the others directly (same check, fewer page loads).
        await follow(page, page.locator('.backlinks li > a').first());
        for (const [i, source] of sources.entries()) {
          if (i > 0) await page.goto(source, { waitUntil: 'load' });
          assert.equal(page.url(), source);
          assert.equal(await h1(page), titles[i]);
          const links = await hrefs(page.locator('main .prose a'));
          assert.ok(links.includes(target), `${source} links to ${target}`);
        }
      }
    });

    test('footer: every tool link opens its page', async () => {
      await go(GUIDE_STEP);
      const names = await text(page.locator('.site-footer nav a'));
      for (const tool of ['Étiquettes', 'Pages à créer', 'Vue d’ensemble des typologies']) {
        assert.ok(names.includes(tool), `the footer links to ${tool}: ${names}`);
      }
      for (const [i, name] of names.entries()) {
        await go(GUIDE_STEP);
        await follow(page, page.locator('.site-footer nav a').nth(i));
        assert.equal(await h1(page), name);
      }
      // The footer's home link too.
      await follow(page, page.locator('.site-footer .footer-bar > p a'));
      assert.equal(page.url(), url('example'));
    });

    test('credits: facilitator → person page → structure → contributors, and recent changes → page', async () => {
      await go('ateliers/2024-11-14-implanter-le-collaboratif/');
      const facilitators = page.locator('.credits .role-animation a');
      assert.deepEqual(await text(facilitators), ['Florence Mensah', 'Anne Berlemont']);
      await follow(page, facilitators.nth(1));
      assert.equal(await h1(page), 'Anne Berlemont');
      const notes = await text(page.locator('.person-role.role-prise-de-notes li a'));
      assert.deepEqual(notes, ['Implanter le collaboratif dans nos structures']);
      await follow(page, page.locator('.page-header .lead a'));
      const team = page.locator('section.structure:target');
      assert.equal(await team.locator('h2').innerText(), 'Équipe d\'animation du playbook');
      const members = await text(team.locator('dd a'));
      assert.ok(members.includes('Anne Berlemont') && members.includes('Florence Mensah'), `${members}`);
      await go('contributeurs/');
      const rows = await text(page.locator('.credits-table tbody th a'));
      assert.ok(rows.includes('Florence Mensah') && rows.includes('Célia'), `${rows}`);
      await go('dernieres-modifications/');
      const first = page.locator('.changes li').first();
      assert.equal(await first.locator('.change-subject').innerText(), 'À propos : remerciements');
      await follow(page, first.locator('a', { hasText: 'Contribuer au playbook' }));
      assert.equal(await h1(page), 'Contribuer au playbook');
    });

    test('typology overview: each cell links to a typology of that axis and level', async () => {
      await go('vue-d-ensemble-des-typologies/');
      const cells = await page.locator('.typology-cell a').evaluateAll((as) =>
        as.map((a) => {
          const td = a.closest('td');
          const tr = td.closest('tr');
          const col = [...tr.children].indexOf(td);
          return {
            href: a.href,
            title: a.textContent.trim(),
            axis: tr.querySelector('th').textContent.trim(),
            level: tr.closest('table').querySelectorAll('thead th')[col].textContent.trim(),
          };
        }),
      );
      assert.ok(cells.length >= 10, `${cells.length} typologies in the matrix`);
      for (const c of cells) {
        await page.goto(c.href, { waitUntil: 'load' });
        assert.equal(await h1(page), c.title);
        const badges = (await page.locator('.badges').innerText()).replace(/\s+/g, ' ');
        assert.ok(badges.includes(c.axis), `${c.title}: axis ${c.axis} in "${badges}"`);
        assert.ok(badges.toLowerCase().includes(c.level.toLowerCase()), `${c.title}: ${c.level} in "${badges}"`);
      }
    });

    test('a link to a missing page leads to its entry in "Pages à créer", which links back', async () => {
      const path = await findPage('corpus', /<a class="new"/);
      await go(path, 'corpus');
      const origin = page.url();
      const link = page.locator('main a.new').first();
      const target = await link.evaluate((a) => a.href);
      await link.click();
      await page.waitForURL(target, { waitUntil: 'load' });
      assert.equal(await h1(page), 'Pages à créer');
      const entry = page.locator('.wanted li:target');
      assert.equal(await entry.count(), 1, `${target} names an entry`);
      assert.ok((await hrefs(entry.locator('a'))).includes(origin), 'the entry links back to the asking page');
    });
  });
}
