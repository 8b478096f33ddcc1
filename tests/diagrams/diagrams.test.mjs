// The diagram check (scripts/check-diagrams.mjs): Mermaid, at the version the theme vendors,
// parses every ```mermaid block of the example, and reports the broken fixture with its file and
// line. `node --test tests/diagrams/` from the repository root, after `npm ci` there.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkDiagrams, mermaidBlocks } from '../../scripts/check-diagrams.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

test('the blocks of a page: fences of backticks and tildes, their first line', () => {
  const text = '# T\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n~~~~ mermaid\npie\n~~~~\n```js\nx\n```\n';
  assert.deepEqual(mermaidBlocks(text), [
    { line: 3, source: 'flowchart LR\n  A --> B' },
    { line: 8, source: 'pie' },
  ]);
});

test('every diagram of the example parses', async () => {
  const { count, problems } = await checkDiagrams([root + 'content'], root);
  assert.deepEqual(problems, []);
  assert.equal(count, 1);
});

test('the broken fixture is reported with its file and line, the others pass', async () => {
  const { count, problems } = await checkDiagrams([root + 'tests/fixtures/diagrams/content'], root);
  assert.equal(count, 2);
  assert.deepEqual(
    problems.map((p) => [p.file, p.line, p.message.slice(0, 29)]),
    [['tests/fixtures/diagrams/content/casse.md', 10, 'Parse error on line 4: ...ébu']],
  );
});

test('the command exits 1 and prints path:line, a help line and the count', async () => {
  const err = await run('node', ['scripts/check-diagrams.mjs', 'tests/fixtures/diagrams/content'], { cwd: root }).then(
    () => assert.fail('exited 0'),
    (e) => e,
  );
  assert.equal(err.code, 1);
  const lines = err.stdout.trim().split('\n');
  assert.match(lines[0], /^tests\/fixtures\/diagrams\/content\/casse\.md:10:1: error: Mermaid cannot read this diagram: Parse error on line 4/);
  assert.match(lines[1], /^ {2}help: fix the diagram/);
  assert.equal(lines[2], '2 diagram(s), 1 broken');
  const { stdout } = await run('node', ['scripts/check-diagrams.mjs', 'content'], { cwd: root });
  assert.equal(stdout, '1 diagram(s), 0 broken\n');
});

test('the vendored bundle is the pinned version', async () => {
  const pinned = JSON.parse(await readFile(root + 'package.json', 'utf8')).devDependencies.mermaid;
  const readme = await readFile(root + 'themes/default/static/vendor/README.md', 'utf8');
  assert.match(readme, new RegExp(`Mermaid ${pinned.replace(/\./g, '\\.')} `));
  const bundle = await readFile(root + 'themes/default/static/vendor/mermaid.min.js', 'utf8');
  assert.ok(bundle.includes(`"${pinned}"`), 'mermaid.min.js does not carry the pinned version');
});
