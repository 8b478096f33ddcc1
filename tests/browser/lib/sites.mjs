// Builds the sites under test with the real `playbook` binary, in fresh temporary folders.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The playbook binary: $PLAYBOOK_BIN, else the newest of target/{release,debug}/playbook. */
export function playbookBin() {
  if (process.env.PLAYBOOK_BIN) return resolve(process.env.PLAYBOOK_BIN);
  const target = resolve(REPO, process.env.CARGO_TARGET_DIR || 'target');
  const found = ['debug', 'release']
    .map((profile) => join(target, profile, 'playbook'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (found.length) return found[0];
  throw new Error(`no playbook binary: run \`cargo build\` or set PLAYBOOK_BIN (looked in ${target})`);
}

function run(cmd, args, opts = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok(out) : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`)),
    );
  });
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'))
    .sort();
}

/**
 * Copies the bundled example (`content/`, `playbook.toml`) into `root`, with `tomlPrefix` put
 * before the configuration (top-level keys must come before any [table]). Returns `root`.
 */
export async function copyExample(root, tomlPrefix = '') {
  await cp(join(REPO, 'content'), join(root, 'content'), { recursive: true });
  const toml = await readFile(join(REPO, 'playbook.toml'), 'utf8');
  await writeFile(join(root, 'playbook.toml'), tomlPrefix + toml);
  return root;
}

/**
 * Builds every site the suite uses into one temporary folder:
 * - `example`: the bundled example (`content/`, `playbook.toml`), pretty URLs;
 * - `exampleFile`: the same with `url_style = "file"` (for browsing from a shared drive);
 * - `corpus`: a generated corpus of 300 pages (../shared/bench/gen_corpus.py).
 * Returns `{ tmp, bin, example, exampleFile, corpus }`, each site being `{ root, public, pages }`
 * where `pages` lists the HTML files of the output.
 */
export async function buildSites({ baseUrl }) {
  const bin = playbookBin();
  const tmp = await mkdtemp(join(tmpdir(), 'playbook-browser-'));
  const gen = process.env.PLAYBOOK_GEN_CORPUS || resolve(REPO, '../shared/bench/gen_corpus.py');
  if (!existsSync(gen)) throw new Error(`corpus generator missing: ${gen}`);

  const build = async (root, extraArgs = []) => {
    await run(bin, ['build', '--root', root, '--base-url', baseUrl, ...extraArgs]);
    const pub = join(root, 'public');
    const pages = (await listFiles(pub)).filter((f) => f.endsWith('.html'));
    return { root, public: pub, pages };
  };
  const withHistory = async (name, tomlPrefix) => {
    const root = await copyExample(join(tmp, name), tomlPrefix);
    await gitHistory(root);
    return root;
  };

  const [example, exampleFile, corpus] = await Promise.all([
    withHistory('example').then((r) => build(r)),
    withHistory('example-file', 'url_style = "file"\n').then((r) => build(r)),
    (async () => {
      const root = join(tmp, 'corpus');
      await run('python3', [gen, '--pages', '300', '--flavor', 'playbook', '--out', root, '-q']);
      return build(root);
    })(),
  ]);
  return { tmp, bin, example, exampleFile, corpus };
}

/**
 * Makes `root` a git repository with a short history by two authors, so that the credits pages
 * (recent changes, commit counts) exist, isolated from the user's git configuration.
 */
async function gitHistory(root) {
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const as = (name, email, date) => ({
    cwd: root,
    env: { ...env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  const git = (args, opts) => run('git', ['-c', 'commit.gpgsign=false', ...args], opts);
  await git(['init', '-q', '-b', 'main'], { cwd: root, env });
  await git(['add', '-A', 'content', 'playbook.toml'], { cwd: root, env });
  await git(['commit', '-q', '-m', 'Playbook de la coopération : première version'],
    as('Florence Mensah', 'florence.mensah@example.invalid', '2024-12-09T10:00:00+01:00'));
  await writeFile(join(root, 'content', 'a-propos.md'),
    (await readFile(join(root, 'content', 'a-propos.md'), 'utf8')) + '\nMerci à toutes et à tous.\n');
  await git(['commit', '-q', '-a', '-m', 'À propos : remerciements'],
    as('Anne Berlemont', 'anne.berlemont@example.invalid', '2024-12-10T15:30:00+01:00'));
}

export async function removeSites(sites) {
  if (sites?.tmp && !process.env.KEEP_SITES) await rm(sites.tmp, { recursive: true, force: true });
}
