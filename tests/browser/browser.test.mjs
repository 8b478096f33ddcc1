// The browser test suite of the default theme (issue 8). One process, one Chromium, the sites
// built once: `node --test browser.test.mjs` (or `npm test`). See README.md.
import { after, before } from 'node:test';
import { setup, teardown } from './lib/harness.mjs';
import a11y from './suites/a11y.mjs';
import crawl from './suites/crawl.mjs';
import keyboard from './suites/keyboard.mjs';
import layout from './suites/layout.mjs';
import map from './suites/map.mjs';
import navigation from './suites/navigation.mjs';
import notfound from './suites/notfound.mjs';
// f-print
import print from './suites/print.mjs';
import serve from './suites/serve.mjs';
import search from './suites/search.mjs';
import xss from './suites/xss.mjs';
// f-actions
import actions from './suites/actions.mjs';

before(setup);
after(teardown);

crawl();
navigation();
notfound();
a11y();
keyboard();
layout();
xss();
serve();
search();
map();
// f-actions
actions();
print();
