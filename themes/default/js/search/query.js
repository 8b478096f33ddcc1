/* Matching and ranking: a query's words are analysed as the index's were, looked up in the
   vocabulary (folded word → stems; else the word's longest prefix that is a stem), the word being
   typed also completed (stems of the words it starts); then documents are ranked by how many words
   they match, then by the sum of their BM25 scores (computed by the build). */
/* global G, fold, words, own, decode, Index */
/* exported Engine, matcher, api */

/** Loaded prefix shards below this many bytes are read for completions of the typed word. */
const COMPLETION_BYTES = 64 * 1024;
const MAX_COMPLETIONS = 40;
/** A word being typed that is shorter than this is no query of its own (see `query`). */
const MIN_PREFIX = 3;

/** Search over the index described by manifest `m`; `load(name)` resolves to a file's data. */
class Engine extends Index {
  constructor(m, load) {
    super(m, load);
    this.stop = new Set(m.stop);
    this.elisions = new Set(m.elisions);
  }

  /** The words of `text`, as the index has them (see `words`). */
  words(text) {
    return words(text, this.elisions, this.stop);
  }

  /**
   * The words a query searches: `[{ word, prefix }]`, `prefix` for the word being typed (the
   * last, unless the text ends with a space or a mark). A word being typed that is shorter than
   * `MIN_PREFIX` letters is left out when other words remain; alone, it is looked up as a whole
   * word, and the list says `short` (the box then waits for more letters).
   */
  query(text) {
    const ws = this.words(text);
    const q = ws.map((w, i) => ({ word: w.word, prefix: i === ws.length - 1 && !ws.complete }));
    const last = q[q.length - 1];
    if (last && last.prefix && Array.from(last.word).length < MIN_PREFIX) {
      if (q.length > 1) q.pop();
      else {
        last.prefix = false;
        q.short = true;
      }
    }
    return q;
  }

  /** The term files (indexes) the words of query `q` are in, to load them all at once: for each
      word, those of its prefixes that are keys (where its stems are), and for the word being
      typed, the files of its completions. */
  files(q) {
    const ids = new Set();
    for (const { word, prefix } of q) {
      const cps = Array.from(word);
      for (let n = 0; n <= cps.length; n++) {
        const k = cps.slice(0, n).join("");
        if (this.keys.has(k)) ids.add(this.keys.get(k));
      }
      if (prefix) for (const i of this.below(word)) ids.add(i);
    }
    return Array.from(ids);
  }

  /** Whether no later key can change which term files `text` needs, but its own deletion: its
      last word is complete, or it is being typed and no key is longer than it that starts
      with it (every word it starts is in the same files). */
  settled(text) {
    const q = this.query(text);
    const last = q[q.length - 1];
    if (!last || q.short) return false;
    return !last.prefix || !this.m.keys.some((k) => k.length > last.word.length && k.startsWith(last.word));
  }

  /** Loads the term files query `text` needs, all at once. */
  prefetch(text) {
    return Promise.all(this.files(this.query(text)).map((i) => this.term(i)));
  }

  /** Whether the term files query `text` needs are all loaded. */
  ready(text) {
    return this.files(this.query(text)).every((i) => this.loaded(i));
  }

  /** The term files under keys that start with `f` (longer than it), when they are small
      enough to read for completions (else none). */
  below(f) {
    const ids = [];
    let size = 0;
    this.m.keys.forEach((k, i) => {
      if (k.length > f.length && k.startsWith(f)) {
        ids.push(i);
        size += this.m.sizes[i];
      }
    });
    return size <= COMPLETION_BYTES ? ids : [];
  }

  /** The stems of a folded word: from the vocabulary, else its longest prefix that is a stem. */
  async stems(w) {
    const sh = await this.shard(w);
    if (sh && own(sh.v, w)) {
      const v = sh.v[w];
      return typeof v === "string" ? [v] : v.slice();
    }
    const cps = Array.from(w);
    for (let n = cps.length - 1; n >= Math.max(3, cps.length - 5); n--) {
      const p = cps.slice(0, n).join("");
      const s = await this.shard(p);
      if (s && own(s.p, p)) return [p];
    }
    return [];
  }

  /** Stems of the words starting with `f` (the word being typed), shortest words first. */
  async completions(f) {
    const ids = [];
    const mine = this.shardOf(f);
    if (mine >= 0) ids.push(mine);
    for (const i of this.below(f)) if (i !== mine) ids.push(i);
    const shards = await Promise.all(ids.map((i) => this.term(i)));
    const found = [];
    for (const sh of shards) {
      for (const w of Object.keys(sh.v)) if (w.startsWith(f)) found.push(w);
    }
    found.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    const stems = [];
    for (let j = 0; j < found.length && stems.length < MAX_COMPLETIONS; j++) {
      const v = shards.find((s) => own(s.v, found[j])).v[found[j]];
      for (const s of typeof v === "string" ? [v] : v) if (!stems.includes(s)) stems.push(s);
    }
    return stems;
  }

  /**
   * Runs a query: `{ terms: [{ word, stems, prefix }], results: [doc id…], atLeast }`, best
   * first; `atLeast` when a list the build cut was used, so more documents may match. A
   * document must match every word when some document does; then more words matched, then the
   * sum of BM25 scores (computed by the build, title and headings boosted) rank it. The term
   * files of all its words are loaded at once, first (one round).
   */
  async search(text) {
    await this.prefetch(text);
    const q = this.query(text);
    const terms = await Promise.all(q.map(async ({ word, prefix }) => {
      const stems = await this.stems(word);
      if (prefix) {
        for (const s of await this.completions(word)) if (!stems.includes(s)) stems.push(s);
      }
      return { word, stems, prefix };
    }));
    const scores = new Map();
    let atLeast = false;
    for (const term of terms) {
      const best = new Map();
      const lists = await Promise.all(term.stems.map((s) => this.posting(s)));
      for (const list of lists) {
        if (list.cut) atLeast = true;
        for (const [doc, score] of list) if (!(best.get(doc) >= score)) best.set(doc, score);
      }
      for (const [doc, score] of best) {
        const e = scores.get(doc);
        if (e) {
          e.score += score;
          e.n += 1;
        } else {
          scores.set(doc, { score, n: 1 });
        }
      }
    }
    let all = Array.from(scores, ([doc, e]) => [doc, e.n, e.score]);
    const full = terms.length;
    if (all.some((r) => r[1] === full)) all = all.filter((r) => r[1] === full);
    all.sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0] - b[0]);
    return { terms, results: all.map((r) => r[0]), atLeast };
  }
}

/** Whether a word of the text (folded) is one the query found: stem or typed prefix. */
function matcher(terms) {
  const prefixes = [];
  for (const t of terms) {
    prefixes.push(...t.stems);
    if (t.prefix) prefixes.push(t.word);
  }
  return (f) => prefixes.some((p) => f.startsWith(p));
}

/** What other scripts see: the analysis and the engine (tests/testsuite/search_agree.mjs runs
    them in Node); in a browser, ui.js adds `engine()`, this page's engine. */
const api = { fold, words, decode, Engine, matcher };
G.playbookSearch = api;
