// Runs the browser's search analysis (assets/search.js, joined by build.rs from
// themes/default/js/search/) in Node, on the index a real build wrote, for
// tests/testsuite/search.rs: `node search_agree.mjs PUBLIC WORDLIST`.
// Prints one JSON line per line of the list: { words: [folded…], stems: [[stem…]…] }.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const [pub, list] = process.argv.slice(2);
const ctx = vm.createContext({});
vm.runInContext('var self = globalThis;', ctx); // the global of a browser window
vm.runInContext(readFileSync(join(pub, 'assets', 'search.js'), 'utf8'), ctx);

// The parts are joined inside one function: none of their top-level names is global.
const parts = new URL('../../themes/default/js/search/', import.meta.url);
let names = 0;
for (const part of readdirSync(parts).filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(new URL(part, parts), 'utf8');
  for (const [, name] of text.matchAll(/^(?:const|let|var|(?:async )?function|class) (\w+)/gm)) {
    if (vm.runInContext(`typeof ${name}`, ctx) !== 'undefined') {
      throw new Error(`search.js makes ${name} (${part}) global`);
    }
    names += 1;
  }
}
if (names < 20) throw new Error(`only ${names} top-level names found in ${parts.pathname}`);
const load = (name) => {
  vm.runInContext(readFileSync(join(pub, 'recherche', 'index', `${name}.js`), 'utf8'), ctx);
  return Promise.resolve(ctx.playbookSearchData[name]);
};
const { Engine } = ctx.playbookSearch;
const engine = new Engine(await load('manifest'), load);
for (const line of readFileSync(list, 'utf8').split('\n')) {
  if (line.startsWith('#') || line === '') continue;
  const words = engine.words(line).map((w) => w.word);
  const stems = [];
  for (const w of words) stems.push([...(await engine.stems(w))].sort());
  console.log(JSON.stringify({ line, words, stems }));
}
