/* The index: the files `playbook build` writes under recherche/index/ (their format is in
   src/search/mod.rs), loaded as <script>s, which unlike fetch also works from file://: the
   manifest (shard keys and sizes), the term shards `tN` (vocabulary, postings, and the records of
   the best documents of their stems) and the document chunks `dN`. Each file is loaded once,
   when a query first needs it. */
/* global G */
/* exported own, decode, Index, scriptLoader */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VAL = Object.fromEntries(Array.from(B64, (c, i) => [c, i]));

/** Whether `o` has its own member `k` (index data is plain objects: "constructor" is a word). */
const own = (o, k) => o != null && Object.prototype.hasOwnProperty.call(o, k);

/** Postings (src/search/score.rs `encode_postings`) as a Map doc → score. */
function decode(s) {
  const out = new Map();
  let doc = 0, gap = 0, shift = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VAL[s.charAt(i)];
    gap += (v & 31) * 2 ** shift;
    shift += 5;
    if (!(v & 32)) {
      doc += gap;
      out.set(doc, VAL[s.charAt(++i)]);
      gap = 0;
      shift = 0;
    }
  }
  return out;
}

/** The index described by manifest `m`; `load(name)` resolves to the data of file `name`. */
class Index {
  constructor(m, load) {
    this.m = m;
    this.load = load;
    this.keys = new Map(m.keys.map((k, i) => [k, i]));
    this.postings = new Map();
    /** Documents by id, from the records of the term files loaded; the term files loaded. */
    this.records = new Map();
    this.terms = new Map();
  }

  /** Term file `i`, its records kept once it is loaded. */
  term(i) {
    if (!this.terms.has(i)) {
      const p = this.load("t" + i).then((sh) => {
        this.keep(sh.r);
        this.terms.set(i, true);
        return sh;
      });
      p.catch(() => this.terms.delete(i));
      this.terms.set(i, p);
    }
    const t = this.terms.get(i);
    return t === true ? this.load("t" + i) : t;
  }

  /** Whether term file `i` is loaded. */
  loaded(i) {
    return this.terms.get(i) === true;
  }

  /** Keeps records `r` (`{ i: [doc id…], p: [[url, title]…], d: [[page, anchor, heading, text]…] }`). */
  keep(r) {
    if (!r) return;
    r.i.forEach((id, j) => {
      if (!this.records.has(id)) this.records.set(id, record(r, j));
    });
  }

  /** The shard holding string `s`: its longest prefix that is a key (-1: none). */
  shardOf(s) {
    const cps = Array.from(s);
    for (let n = cps.length; n >= 0; n--) {
      const k = cps.slice(0, n).join("");
      if (this.keys.has(k)) return this.keys.get(k);
    }
    return -1;
  }

  /** The term shard holding string `s` (null: none). */
  shard(s) {
    const i = this.shardOf(s);
    return i < 0 ? Promise.resolve(null) : this.term(i);
  }

  /** Decoded postings of a stem (cached). */
  async posting(stem) {
    if (this.postings.has(stem)) return this.postings.get(stem);
    const sh = await this.shard(stem);
    const map = sh && own(sh.p, stem) ? decode(sh.p[stem]) : new Map();
    // A list the build cut to its best documents: `cut` is how many had the stem.
    if (sh && own(sh.c, stem)) map.cut = sh.c[stem];
    this.postings.set(stem, map);
    return map;
  }

  /** Document `id`: `{ url, anchor, title, heading, text }`, from the records of the term files
      loaded, else from its chunk. */
  async doc(id) {
    if (this.records.has(id)) return this.records.get(id);
    const c = await this.load("d" + Math.floor(id / this.m.chunk));
    return record(c, id % this.m.chunk);
  }
}

/** Record `j` of a document chunk or of a term file's records. */
function record(c, j) {
  const r = c.d[j], p = c.p[r[0]];
  return { url: p[0], anchor: r[1], title: p[1], heading: r[2], text: r[3] };
}

/**
 * A `load(name)` for the browser: adds the script `recherche/index/<name>.js` under the site root
 * `base` once; resolves to the data it stores in `playbookSearchData`.
 */
function scriptLoader(base) {
  const data = (G.playbookSearchData = G.playbookSearchData || {});
  const pending = new Map();
  return (name) => {
    if (own(data, name)) return Promise.resolve(data[name]);
    if (!pending.has(name)) {
      pending.set(name, new Promise((ok, fail) => {
        const s = document.createElement("script");
        s.src = base + "recherche/index/" + name + ".js";
        s.async = true;
        s.onload = () => {
          if (own(data, name)) ok(data[name]);
          else fail(new Error("search index: " + name));
        };
        s.onerror = () => {
          pending.delete(name);
          fail(new Error("search index: " + name));
        };
        document.head.appendChild(s);
      }));
    }
    return pending.get(name);
  };
}
