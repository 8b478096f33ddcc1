// Runs the browser's search analysis (themes/default/static/search.js) in Node, on the index a
// real build wrote, for tests/testsuite/search.rs: `node search_agree.mjs PUBLIC WORDLIST`.
// Prints one JSON line per line of the list: { words: [folded…], stems: [[stem…]…] }.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const [pub, list] = process.argv.slice(2);
const ctx = vm.createContext({});
vm.runInContext('var self = globalThis;', ctx); // the global of a browser window
vm.runInContext(readFileSync(join(pub, 'assets', 'search.js'), 'utf8'), ctx);
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
