import { launch, newContext, axe, formatViolations } from './lib/browser.mjs';
import { pathToFileURL } from 'node:url';
const shots = [
  ['example-prochains-pas', '/tmp/shotsite/public/prochains-pas/index.html'],
  ['example-personne-florence', '/tmp/shotsite/public/personnes/florence-mensah/index.html'],
  ['example-atelier-carte', '/tmp/shotsite/public/ateliers/2024-11-14-implanter-le-collaboratif/index.html'],
  ['fixture-prochains-pas', '/tmp/fixsite/public/prochains-pas/index.html'],
  ['fixture-personne-celia', '/tmp/fixsite/public/personnes/celia/index.html'],
];
const browser = await launch();
for (const [name, file] of shots) {
  for (const width of [1366, 390]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await newContext(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await ctx.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const v = await axe(page);
      console.log(name, width, scheme, 'axe violations:', v.length, v.length ? formatViolations(v) : '');
      if (scheme === 'light') await page.screenshot({ path: `/work/shots/actions/${name}-${width}.png`, fullPage: true });
      await ctx.close();
    }
  }
}
await browser.close();
