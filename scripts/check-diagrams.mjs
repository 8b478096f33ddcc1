// Mermaid diagrams that Mermaid cannot read: every ```mermaid block of the Markdown files under
// the folders given (default: content/), parsed with the Mermaid package the theme vendors (the
// root package.json pins it). Prints `path:line:col: error: …` with a `help:` line per broken
// diagram and exits 1; exits 0 when every diagram parses. `playbook check` does not run
// JavaScript: this is its diagram check, run by scripts/test.sh and tests/diagrams/.
//   node scripts/check-diagrams.mjs [folder…]
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { JSDOM } from 'jsdom';

// Mermaid cleans labels with DOMPurify, which needs a DOM: jsdom's, set before Mermaid loads.
const { window } = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');

/** The Markdown files under `dir`, sorted, hidden folders left out. */
async function markdownFiles(dir) {
  const out = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await markdownFiles(p)));
    else if (/\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** The ```mermaid (or ~~~mermaid) blocks of a Markdown text: `{ line, source }`, line 1-based. */
export function mermaidBlocks(text) {
  const lines = text.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*mermaid(\s|$)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`);
      if (close.test(lines[j])) break;
      body.push(lines[j]);
    }
    blocks.push({ line: i + 1, source: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** Every broken diagram under `dirs`: `{ file, line, message }` (file relative to `cwd`). */
export async function checkDiagrams(dirs, cwd = process.cwd()) {
  const problems = [];
  let count = 0;
  for (const dir of dirs) {
    for (const file of await markdownFiles(dir)) {
      for (const b of mermaidBlocks(await readFile(file, 'utf8'))) {
        count++;
        try {
          await mermaid.parse(b.source);
        } catch (e) {
          const first = String(e?.message ?? e).split('\n');
          // Mermaid counts lines from the diagram's first line: from the file's, it is after the fence.
          const at = /line (\d+)/.exec(first[0]);
          const lines = b.source.split('\n').length;
          const line = at ? b.line + Math.min(Number(at[1]), lines) : b.line;
          problems.push({ file: relative(cwd, file), line, message: first.filter(Boolean).join(' ').slice(0, 300) });
        }
      }
    }
  }
  return { count, problems };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['content'];
  const { count, problems } = await checkDiagrams(dirs);
  for (const p of problems) {
    console.log(`${p.file}:${p.line}:1: error: Mermaid cannot read this diagram: ${p.message}`);
    console.log('  help: fix the diagram (https://mermaid.js.org/intro/syntax-reference.html); until then the page shows its source / corrigez le diagramme : en attendant, la page en montre la source');
  }
  console.log(`${count} diagram(s), ${problems.length} broken`);
  process.exit(problems.length ? 1 : 0);
}
