/* playbook — full-text search, without server, framework or network access.
   The index (recherche/index/*.js, written by `playbook build`, see src/search/) is loaded as
   <script> files, which also works from file://. Nothing is loaded before the search box is used.
   The analysis below repeats src/search/analyze.rs exactly (a test checks both on a word list):
   NFC, words of letters/digits/marks, lowercase, elided articles dropped, accents and ligatures
   folded, stop words and one-letter words dropped. The index ships folded words with their
   Snowball stems, so no stemmer runs here. Text only ever reaches the page through textContent. */
(function (G) {
  "use strict";

  // ---------- Analysis (= src/search/analyze.rs) ----------
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;
  var WORDS = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MARKS = /\p{M}/gu;
  var LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss", "þ": "th", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i" };

  /** Accents and ligatures folded (expects lowercase). */
  function fold(w) {
    return w.normalize("NFD").replace(MARKS, "").replace(/[œæßþøłđðı]/g, function (c) {
      return LIGATURES[c];
    });
  }

  /**
   * The words of `text` as `{ word (folded), start, end }` (offsets in the NFC text), elided
   * articles dropped; stop words too when `stop` is given. `complete` is false when the text ends
   * inside its last word (the word being typed).
   */
  function words(text, elisions, stop) {
    text = text.normalize("NFC");
    var out = [];
    var re = new RegExp(WORDS.source, "gu");
    var r;
    while ((r = re.exec(text))) {
      var lower = r[0].toLowerCase();
      var end = re.lastIndex;
      var a = text.charAt(end);
      if ((a === "'" || a === "\u2019") && elisions.has(lower) && end + 1 < text.length &&
          WORD.test(String.fromCodePoint(text.codePointAt(end + 1)))) {
        continue;
      }
      var f = fold(lower);
      if (stop && (Array.from(f).length < 2 || stop.has(f))) continue;
      out.push({ word: f, start: r.index, end: end });
    }
    out.complete = !out.length || out[out.length - 1].end < text.length;
    return out;
  }

  // ---------- The index ----------
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VAL = {};
  for (var i = 0; i < 64; i++) VAL[B64.charAt(i)] = i;

  /** Postings (src/search/mod.rs `encode_postings`) as a Map doc → score. */
  function decode(s) {
    var out = new Map();
    var doc = 0, gap = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var v = VAL[s.charAt(i)];
      gap += (v & 31) * Math.pow(2, shift);
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

  function own(o, k) {
    return o != null && Object.prototype.hasOwnProperty.call(o, k);
  }

  /** Loaded prefix shards below this many bytes are read for completions of the typed word. */
  var COMPLETION_BYTES = 160 * 1024;
  var MAX_COMPLETIONS = 40;

  /** Search over the index described by manifest `m`; `load(name)` resolves to a file's data. */
  function Engine(m, load) {
    this.m = m;
    this.load = load;
    this.stop = new Set(m.stop);
    this.elisions = new Set(m.elisions);
    this.keys = new Map();
    for (var i = 0; i < m.keys.length; i++) this.keys.set(m.keys[i], i);
    this.postings = new Map();
  }

  /** The shard holding string `s`: its longest prefix that is a key (-1: none). */
  Engine.prototype.shardOf = function (s) {
    var cps = Array.from(s);
    for (var n = cps.length; n >= 0; n--) {
      var k = cps.slice(0, n).join("");
      if (this.keys.has(k)) return this.keys.get(k);
    }
    return -1;
  };

  Engine.prototype.shard = function (s) {
    var i = this.shardOf(s);
    return i < 0 ? Promise.resolve(null) : this.load("t" + i);
  };

  Engine.prototype.words = function (text) {
    return words(text, this.elisions, this.stop);
  };

  /** The stems of a folded word: from the vocabulary, else its longest prefix that is a stem. */
  Engine.prototype.stems = async function (w) {
    var sh = await this.shard(w);
    if (sh && own(sh.v, w)) {
      var v = sh.v[w];
      return typeof v === "string" ? [v] : v.slice();
    }
    var cps = Array.from(w);
    for (var n = cps.length - 1; n >= Math.max(3, cps.length - 5); n--) {
      var p = cps.slice(0, n).join("");
      var s = await this.shard(p);
      if (s && own(s.p, p)) return [p];
    }
    return [];
  };

  /** Stems of the words starting with `f` (the word being typed), shortest words first. */
  Engine.prototype.completions = async function (f) {
    var ids = [];
    var mine = this.shardOf(f);
    if (mine >= 0) ids.push(mine);
    var below = [], size = 0, keys = this.m.keys;
    for (var i = 0; i < keys.length; i++) {
      if (i !== mine && keys[i].length > f.length && keys[i].lastIndexOf(f, 0) === 0) {
        below.push(i);
        size += this.m.sizes[i];
      }
    }
    if (size <= COMPLETION_BYTES) ids = ids.concat(below);
    var load = this.load;
    var shards = await Promise.all(ids.map(function (i) { return load("t" + i); }));
    var found = [];
    shards.forEach(function (sh) {
      for (var w in sh.v) if (own(sh.v, w) && w.lastIndexOf(f, 0) === 0) found.push(w);
    });
    found.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0); });
    var stems = [];
    for (var j = 0; j < found.length && stems.length < MAX_COMPLETIONS; j++) {
      var sh = shards.find(function (s) { return own(s.v, found[j]); });
      var v = sh.v[found[j]];
      (typeof v === "string" ? [v] : v).forEach(function (s) {
        if (stems.indexOf(s) < 0) stems.push(s);
      });
    }
    return stems;
  };

  /** Decoded postings of a stem (cached). */
  Engine.prototype.posting = async function (stem) {
    if (this.postings.has(stem)) return this.postings.get(stem);
    var sh = await this.shard(stem);
    var map = sh && own(sh.p, stem) ? decode(sh.p[stem]) : new Map();
    // A list the build cut to its best documents: `cut` is how many had the stem.
    if (sh && own(sh.c, stem)) map.cut = sh.c[stem];
    this.postings.set(stem, map);
    return map;
  };

  /**
   * Runs a query: `{ terms: [{ word, stems, prefix }], results: [doc id…], atLeast }`, best
   * first; `atLeast` when a list the build cut was used, so more documents may match. A
   * document must match every word when some document does; then more words matched, then the
   * sum of BM25 scores (computed by the build, title and headings boosted) rank it.
   */
  Engine.prototype.search = async function (text) {
    var ws = this.words(text);
    var self = this;
    var terms = await Promise.all(ws.map(async function (w, i) {
      var prefix = i === ws.length - 1 && !ws.complete;
      var stems = await self.stems(w.word);
      if (prefix) {
        (await self.completions(w.word)).forEach(function (s) {
          if (stems.indexOf(s) < 0) stems.push(s);
        });
      }
      return { word: w.word, stems: stems, prefix: prefix };
    }));
    var scores = new Map();
    var atLeast = false;
    for (var t = 0; t < terms.length; t++) {
      var best = new Map();
      var lists = await Promise.all(terms[t].stems.map(function (s) { return self.posting(s); }));
      lists.forEach(function (list) {
        if (list.cut) atLeast = true;
        list.forEach(function (score, doc) {
          if (!(best.get(doc) >= score)) best.set(doc, score);
        });
      });
      best.forEach(function (score, doc) {
        var e = scores.get(doc);
        if (e) { e.score += score; e.n += 1; } else scores.set(doc, { score: score, n: 1 });
      });
    }
    var all = [];
    scores.forEach(function (e, doc) { all.push([doc, e.n, e.score]); });
    var full = terms.length;
    if (all.some(function (r) { return r[1] === full; })) {
      all = all.filter(function (r) { return r[1] === full; });
    }
    all.sort(function (a, b) { return b[1] - a[1] || b[2] - a[2] || a[0] - b[0]; });
    return { terms: terms, results: all.map(function (r) { return r[0]; }), atLeast: atLeast };
  };

  /** Document `id`: `{ url, anchor, title, heading, text }`. */
  Engine.prototype.doc = async function (id) {
    var c = await this.load("d" + Math.floor(id / this.m.chunk));
    var r = c.d[id % this.m.chunk], p = c.p[r[0]];
    return { url: p[0], anchor: r[1], title: p[1], heading: r[2], text: r[3] };
  };

  /** Whether a word of the text (folded) is one the query found: stem or typed prefix. */
  function matcher(terms) {
    var prefixes = [];
    terms.forEach(function (t) {
      t.stems.forEach(function (s) { prefixes.push(s); });
      if (t.prefix) prefixes.push(t.word);
    });
    return function (f) {
      return prefixes.some(function (p) { return f.lastIndexOf(p, 0) === 0; });
    };
  }

  var api = { fold: fold, words: words, decode: decode, Engine: Engine, matcher: matcher };
  G.playbookSearch = api;
  if (typeof document === "undefined") return;

  // ---------- Browser ----------
  var script = document.currentScript;
  var BASE = script ? script.src.replace(/assets\/search\.js([?#].*)?$/, "") : "";
  var FILE = location.protocol === "file:";
  var DATA = (G.playbookSearchData = G.playbookSearchData || {});
  var pending = {};

  /** Loads `recherche/index/<name>.js` once, as a script. */
  function load(name) {
    if (own(DATA, name)) return Promise.resolve(DATA[name]);
    if (pending[name]) return pending[name];
    pending[name] = new Promise(function (ok, fail) {
      var s = document.createElement("script");
      s.src = BASE + "recherche/index/" + name + ".js";
      s.async = true;
      s.onload = function () {
        if (own(DATA, name)) ok(DATA[name]);
        else fail(new Error("search index: " + name));
      };
      s.onerror = function () {
        delete pending[name];
        fail(new Error("search index: " + name));
      };
      document.head.appendChild(s);
    });
    return pending[name];
  }

  var engine = null;
  function getEngine() {
    if (!engine) {
      engine = load("manifest").then(function (m) { return new Engine(m, load); });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /** A page address from the site root; from file://, folders get their index.html. */
  function href(url, anchor) {
    var h = BASE + url;
    if (FILE && (url === "" || url.slice(-1) === "/")) h += "index.html";
    return anchor ? h + "#" + anchor : h;
  }

  /** Appends `text` to `el`, the words `hit` accepts in <mark>. */
  function highlight(el, text, hit) {
    var re = new RegExp(WORDS.source, "gu");
    var r, last = 0;
    while ((r = re.exec(text))) {
      if (!hit(fold(r[0].toLowerCase()))) continue;
      if (r.index > last) el.appendChild(document.createTextNode(text.slice(last, r.index)));
      var m = document.createElement("mark");
      m.textContent = r[0];
      el.appendChild(m);
      last = re.lastIndex;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  /** About `size` characters of `text` around its first hit. */
  function excerpt(text, hit, size) {
    var re = new RegExp(WORDS.source, "gu");
    var r, first = -1;
    while ((r = re.exec(text))) {
      if (hit(fold(r[0].toLowerCase()))) { first = r.index; break; }
    }
    var from = 0;
    if (first > size / 3) {
      from = text.lastIndexOf(" ", first - Math.floor(size / 4)) + 1;
    }
    var to = from + size;
    if (to < text.length) {
      var sp = text.lastIndexOf(" ", to);
      to = sp > first ? sp : to;
    } else {
      to = text.length;
    }
    return (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
  }

  /** Appends a `tag` element of class `cls` to `parent`, holding `text` with `hit` highlighted. */
  function appendPart(parent, tag, cls, text, hit) {
    var el = document.createElement(tag);
    el.className = cls;
    highlight(el, text, hit);
    parent.appendChild(el);
  }

  /** Appends a result's section (when it is not the title) and its excerpt of about `len` characters. */
  function appendDetails(parent, tag, d, hit, len) {
    if (d.heading && d.heading !== d.title) appendPart(parent, tag, "search-section", d.heading, hit);
    if (d.text) appendPart(parent, tag, "search-excerpt", excerpt(d.text, hit, len), hit);
  }

  /** Fills `el` with a result's title, section and excerpt. */
  function fillResult(el, d, hit) {
    appendPart(el, "span", "search-title", d.title, hit);
    appendDetails(el, "span", d, hit, 160);
  }

  /** The announced count: `atLeast` when more documents may match than the index lists. */
  function countText(form, n, atLeast) {
    if (n === 0) return form.dataset.none;
    if (n === 1 && !atLeast) return form.dataset.one;
    var text = (atLeast && form.dataset.atleast) || form.dataset.many;
    return text.replace("{n}", n.toLocaleString(document.documentElement.lang || "fr"));
  }

  // For measurements (bench/search.sh): the engine, once its manifest is loaded.
  api.engine = getEngine;

  var OPTIONS = 8;

  /** The search box of the header: an ARIA 1.2 combobox with a listbox popup. */
  function combobox(form) {
    var input = form.querySelector("input[type=search]");
    var popup = form.querySelector(".search-popup");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    if (!input || !popup || !list || !status) return;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    if (FILE && /\/$/.test(form.getAttribute("action"))) form.setAttribute("action", form.getAttribute("action") + "index.html");
    var options = [];
    var active = -1;
    var seq = 0;

    function open() {
      if (!options.length) return;
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      select(-1);
    }
    function select(i) {
      if (active >= 0 && options[active]) options[active].el.setAttribute("aria-selected", "false");
      active = i;
      if (i >= 0) {
        var el = options[i].el;
        el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", el.id);
        if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function go(o) {
      location.href = o.href;
    }
    function option(id, hrefValue) {
      var li = document.createElement("li");
      li.id = "pb-search-option-" + id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "search-option";
      var o = { el: li, href: hrefValue };
      li.addEventListener("click", function () { go(o); });
      li.addEventListener("mousemove", function () {
        var i = options.indexOf(o);
        if (i !== active) select(i);
      });
      options.push(o);
      return li;
    }

    async function run() {
      var q = input.value;
      var mine = ++seq;
      var e;
      try {
        e = await getEngine();
      } catch (err) {
        if (mine === seq) status.textContent = form.dataset.error;
        return;
      }
      if (!e.words(q).length) {
        if (mine !== seq) return;
        list.replaceChildren();
        options = [];
        close();
        status.textContent = "";
        return;
      }
      var res, docs;
      try {
        res = await e.search(q);
        docs = await Promise.all(res.results.slice(0, OPTIONS).map(function (id) { return e.doc(id); }));
      } catch (err) {
        if (mine === seq) status.textContent = form.dataset.error;
        return;
      }
      if (mine !== seq) return; // a newer query is on its way
      var hit = matcher(res.terms);
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var frag = document.createDocumentFragment();
      docs.forEach(function (d, i) {
        var li = option(i, href(d.url, d.anchor));
        fillResult(li, d, hit);
        frag.appendChild(li);
      });
      if (res.results.length > OPTIONS) {
        var action = form.getAttribute("action");
        var all = option("all", action + (action.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q));
        all.classList.add("search-all");
        all.textContent = form.dataset.all + " (" + res.results.length.toLocaleString(document.documentElement.lang || "fr") + ")";
        frag.appendChild(all);
      }
      list.replaceChildren(frag);
      status.textContent = countText(form, res.results.length, res.atLeast);
      if (options.length && document.activeElement === input) open();
      else close();
    }

    // A click on an option must not take the focus from the box (which would close the list).
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    input.addEventListener("input", run);
    input.addEventListener("focus", function () {
      getEngine().catch(function () {});
      if (input.value && options.length) open();
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!options.length) return;
        ev.preventDefault();
        if (popup.hidden) open();
        var n = options.length;
        select(ev.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
      } else if (ev.key === "Escape") {
        if (!popup.hidden) {
          ev.preventDefault();
          ev.stopPropagation();
          close();
        } else if (input.value) {
          ev.preventDefault();
          input.value = "";
          run();
        }
      } else if (ev.key === "Enter" && !popup.hidden && active >= 0) {
        ev.preventDefault();
        go(options[active]);
      }
    });
    form.addEventListener("focusout", function (ev) {
      if (!form.contains(ev.relatedTarget)) close();
    });
    document.addEventListener("pointerdown", function (ev) {
      if (!form.contains(ev.target)) close();
    });
    // `/` anywhere (outside a text field) goes to the search box.
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      var t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });
  }

  var PAGE = 20;

  /** The results page (recherche/?q=…): every result, 20 at a time. */
  function resultsPage(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("input[type=search]");
    var list = root.querySelector(".search-results");
    var status = root.querySelector("[role=status]");
    var more = root.querySelector(".search-more");
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    if (!q.trim()) return;
    status.textContent = form.dataset.loading;
    getEngine().then(async function (e) {
      var res = await e.search(q);
      var hit = matcher(res.terms);
      var shown = 0;
      async function next() {
        var ids = res.results.slice(shown, shown + PAGE);
        var docs = await Promise.all(ids.map(function (id) { return e.doc(id); }));
        var first = null;
        docs.forEach(function (d) {
          var li = document.createElement("li");
          var h = document.createElement("h2");
          var a = document.createElement("a");
          a.href = href(d.url, d.anchor);
          highlight(a, d.title, hit);
          h.appendChild(a);
          li.appendChild(h);
          appendDetails(li, "p", d, hit, 240);
          list.appendChild(li);
          first = first || a;
        });
        shown += ids.length;
        more.hidden = shown >= res.results.length;
        return first;
      }
      await next();
      status.textContent = countText(form, res.results.length, res.atLeast);
      more.addEventListener("click", async function () {
        var first = await next();
        if (first) first.focus();
      });
    }).catch(function () {
      status.textContent = form.dataset.error;
    });
  }

  function init() {
    var boxes = document.querySelectorAll("form.search");
    for (var i = 0; i < boxes.length; i++) combobox(boxes[i]);
    var page = document.getElementById("pb-search-page");
    if (page) resultsPage(page);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof self !== "undefined" ? self : globalThis);
