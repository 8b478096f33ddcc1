/* The page side: the search box of every page (an ARIA 1.2 combobox with a listbox popup, `/`
   anywhere focuses it) and the results page (recherche/?q=…). Nothing is loaded before the box is
   used. Text only ever reaches the page through textContent and text nodes. */
/* global WORDS, fold, scriptLoader, Engine, matcher, api */

/** Results in the box's list (at most `PER_PAGE` passages of one page), and per step of the
    results page. */
const OPTIONS = 8;
const PER_PAGE = 3;
const PAGE = 20;
/** After a key typed, files the query needs are loaded only once typing pauses this long (ms):
    a load the next key would make useless is never started. A paste searches at once. */
const TYPING_MS = 180;

/** The site this script belongs to, and its search engine. */
class Site {
  constructor(script) {
    // The site root, from this script's address (…/assets/search.js, or
    // …/assets/search.<hash>.js as `playbook build` links it).
    this.base = script ? script.src.replace(/assets\/search(\.[0-9a-f]{10})?\.js([?#].*)?$/, "") : "";
    this.file = location.protocol === "file:";
    this.load = scriptLoader(this.base);
    this.loading = null;
    /** The engine, once loaded. */
    this.ready = null;
  }

  /** The engine, once its manifest is loaded (a failed load is tried again next time). */
  engine() {
    if (!this.loading) {
      this.loading = this.load("manifest").then((m) => (this.ready = new Engine(m, this.load)));
      this.loading.catch(() => {
        this.loading = null;
      });
    }
    return this.loading;
  }

  /** A page address from the site root; from file://, folders get their index.html. */
  href(url, anchor) {
    let h = this.base + url;
    if (this.file && (url === "" || url.slice(-1) === "/")) h += "index.html";
    return anchor ? h + "#" + anchor : h;
  }
}

/** Appends `text` to `el`, the words `hit` accepts in <mark>. */
function highlight(el, text, hit) {
  let last = 0;
  for (const r of text.matchAll(WORDS)) {
    if (!hit(fold(r[0].toLowerCase()))) continue;
    if (r.index > last) el.appendChild(document.createTextNode(text.slice(last, r.index)));
    const m = document.createElement("mark");
    m.textContent = r[0];
    el.appendChild(m);
    last = r.index + r[0].length;
  }
  if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
}

/** About `size` characters of `text` around its first hit. */
function excerpt(text, hit, size) {
  let first = -1;
  for (const r of text.matchAll(WORDS)) {
    if (hit(fold(r[0].toLowerCase()))) {
      first = r.index;
      break;
    }
  }
  let from = 0;
  if (first > size / 3) {
    from = text.lastIndexOf(" ", first - Math.floor(size / 4)) + 1;
  }
  let to = from + size;
  if (to < text.length) {
    const sp = text.lastIndexOf(" ", to);
    to = sp > first ? sp : to;
  } else {
    to = text.length;
  }
  return (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
}

/** Appends a `tag` element of class `cls` to `parent`, holding `text` with `hit` highlighted. */
function appendPart(parent, tag, cls, text, hit) {
  const el = document.createElement(tag);
  el.className = cls;
  highlight(el, text, hit);
  parent.appendChild(el);
}

/** Appends a result's section (when it is not the title) and its excerpt of about `len` characters. */
function appendDetails(parent, tag, d, hit, len) {
  if (d.heading && d.heading !== d.title) appendPart(parent, tag, "search-section", d.heading, hit);
  if (d.text) appendPart(parent, tag, "search-excerpt", excerpt(d.text, hit, len), hit);
}

/**
 * The documents of `ids` (best first) grouped by page, pages in the order of their best
 * document: `[{ url, title, docs }]`, at most `max` documents and `perPage` per page. Documents
 * are loaded a batch at a time, and at most `4 * max` are looked at.
 */
async function groupedDocs(e, ids, max, perPage) {
  const groups = [];
  const byUrl = new Map();
  let n = 0;
  for (let i = 0; n < max && i < ids.length && i < 4 * max; ) {
    const batch = ids.slice(i, i + max);
    i += batch.length;
    for (const d of await Promise.all(batch.map((id) => e.doc(id)))) {
      let g = byUrl.get(d.url);
      if (!g) {
        g = { url: d.url, title: d.title, docs: [] };
        byUrl.set(d.url, g);
        groups.push(g);
      }
      if (n < max && g.docs.length < perPage) {
        g.docs.push(d);
        n++;
      }
    }
  }
  return groups.filter((g) => g.docs.length);
}

/** A number as the page's language writes it. */
const localeNumber = (n) => n.toLocaleString(document.documentElement.lang || "fr");

/** The announced count: `atLeast` when more documents may match than the index lists. */
function countText(form, n, atLeast) {
  if (n === 0) return form.dataset.none;
  if (n === 1 && !atLeast) return form.dataset.one;
  const text = (atLeast && form.dataset.atleast) || form.dataset.many;
  return text.replace("{n}", localeNumber(n));
}

/** The search box of a `form.search`: an ARIA 1.2 combobox with a listbox popup. */
class Combobox {
  /** Sets up the box of `form`, when it has all its parts. */
  static attach(form, site) {
    const input = form.querySelector("input[type=search]");
    const popup = form.querySelector(".search-popup");
    const list = form.querySelector("[role=listbox]");
    const status = form.querySelector("[role=status]");
    if (input && popup && list && status) new Combobox(form, site, { input, popup, list, status });
  }

  constructor(form, site, { input, popup, list, status }) {
    Object.assign(this, { form, site, input, popup, list, status });
    /** The listed options: `{ el, href }`; the active one; the number of the latest query. */
    this.options = [];
    this.active = -1;
    this.seq = 0;
    /** What the box held at the last input, and the search waiting for typing to pause. */
    this.value = input.value;
    this.timer = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    const action = form.getAttribute("action");
    if (site.file && /\/$/.test(action)) form.setAttribute("action", action + "index.html");
    this.listen();
  }

  open() {
    if (!this.options.length) return;
    this.popup.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.popup.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.select(-1);
  }

  select(i) {
    const { options, input } = this;
    if (this.active >= 0 && options[this.active]) options[this.active].el.setAttribute("aria-selected", "false");
    this.active = i;
    if (i >= 0) {
      const el = options[i].el;
      el.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", el.id);
      if (el.scrollIntoView) el.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  /** A new option `pb-search-option-<id>` leading to `href`. */
  option(id, href) {
    const li = document.createElement("li");
    li.id = "pb-search-option-" + id;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.className = "search-option";
    const o = { el: li, href };
    li.addEventListener("click", () => go(o));
    li.addEventListener("mousemove", () => {
      const i = this.options.indexOf(o);
      if (i !== this.active) this.select(i);
    });
    this.options.push(o);
    return li;
  }

  /** Searches what the box holds and lists the best results (unless a newer query came). While
      typing (`typing`), a query whose first results are not all in the records loaded waits for
      typing to pause rather than load document chunks the next key may make useless. */
  async run(typing = false) {
    const { form, input, list, status } = this;
    const q = input.value;
    const mine = ++this.seq;
    let e;
    try {
      e = await this.site.engine();
    } catch {
      if (mine === this.seq) status.textContent = form.dataset.error;
      return;
    }
    // (A word being typed shorter than 3 letters is no query: nothing is loaded for it.)
    const words = e.query(q);
    if (!words.length || words.short) {
      if (mine !== this.seq) return;
      list.replaceChildren();
      this.options = [];
      this.close();
      status.textContent = "";
      return;
    }
    let res, groups;
    try {
      res = await e.search(q);
      let ids = res.results;
      if (typing) {
        let n = 0;
        while (n < ids.length && e.records.has(ids[n])) n++;
        ids = ids.slice(0, n);
      }
      groups = await groupedDocs(e, ids, OPTIONS, PER_PAGE);
      const shown = groups.reduce((n, g) => n + g.docs.length, 0);
      if (ids.length < res.results.length && shown < OPTIONS && ids.length < 4 * OPTIONS) {
        if (mine === this.seq) this.timer = setTimeout(() => this.run(), TYPING_MS);
        return;
      }
    } catch {
      if (mine === this.seq) status.textContent = form.dataset.error;
      return;
    }
    if (mine !== this.seq) return; // a newer query is on its way
    const hit = matcher(res.terms);
    this.options = [];
    this.active = -1;
    input.removeAttribute("aria-activedescendant");
    const frag = document.createDocumentFragment();
    let shown = 0;
    // One page's passages follow its title: the title once, then each passage's heading.
    for (const g of groups) {
      g.docs.forEach((d, j) => {
        const li = this.option(shown++, this.site.href(d.url, d.anchor));
        if (j === 0) {
          appendPart(li, "span", "search-title", d.title, hit);
        } else {
          li.classList.add("search-sub");
          const said = document.createElement("span");
          said.className = "visually-hidden";
          said.textContent = d.title + " – ";
          li.appendChild(said);
        }
        appendDetails(li, "span", d, hit, j === 0 ? 160 : 100);
        frag.appendChild(li);
      });
    }
    if (res.results.length > shown) {
      const action = form.getAttribute("action");
      const all = this.option("all", action + (action.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q));
      all.classList.add("search-all");
      all.textContent = form.dataset.all + " (" + localeNumber(res.results.length) + ")";
      frag.appendChild(all);
    }
    list.replaceChildren(frag);
    status.textContent = countText(form, res.results.length, res.atLeast);
    if (this.options.length && document.activeElement === input) this.open();
    else this.close();
  }

  /** The box changed: searches now when it was pasted (or more than one key changed it). After
      a key, it searches now if the term files it needs are loaded, else loads them at once if no
      later key in the word can change which ones it needs (`settled`), then searches; else it
      searches once typing pauses (`TYPING_MS`). After a key, a search shows only results whose
      records are loaded, and loads document chunks only once typing pauses: no load starts
      that the next key would make useless. */
  changed() {
    const v = this.input.value, was = this.value;
    this.value = v;
    // A search still running for the text before is now useless: it shows nothing and, if its
    // results were not all loaded, schedules no search of its own.
    this.seq++;
    clearTimeout(this.timer);
    const key = Math.abs(v.length - was.length) === 1 && (v.startsWith(was) || was.startsWith(v));
    const e = this.site.ready;
    if (!key) {
      this.run();
    } else if (e && e.ready(v)) {
      this.run(true);
    } else if (e && e.settled(v)) {
      e.prefetch(v).then(() => {
        if (this.value === v) this.run(true);
      }, () => this.run());
    } else {
      this.timer = setTimeout(() => this.run(), TYPING_MS);
    }
  }

  listen() {
    const { form, input, popup, list } = this;
    // A click on an option must not take the focus from the box (which would close the list).
    list.addEventListener("mousedown", (ev) => ev.preventDefault());
    input.addEventListener("input", () => this.changed());
    input.addEventListener("focus", () => {
      this.site.engine().catch(() => {});
      if (input.value && this.options.length) this.open();
    });
    input.addEventListener("keydown", (ev) => {
      const n = this.options.length;
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!n) return;
        ev.preventDefault();
        if (popup.hidden) this.open();
        const a = this.active;
        this.select(ev.key === "ArrowDown" ? (a + 1) % n : (a <= 0 ? n - 1 : a - 1));
      } else if (ev.key === "Escape") {
        if (!popup.hidden) {
          ev.preventDefault();
          ev.stopPropagation();
          this.close();
        } else if (input.value) {
          ev.preventDefault();
          input.value = "";
          this.changed();
        }
      } else if (ev.key === "Enter" && !popup.hidden && this.active >= 0) {
        ev.preventDefault();
        go(this.options[this.active]);
      }
    });
    form.addEventListener("focusout", (ev) => {
      if (!form.contains(ev.relatedTarget)) this.close();
    });
    document.addEventListener("pointerdown", (ev) => {
      if (!form.contains(ev.target)) this.close();
    });
    // `/` anywhere (outside a text field) goes to the search box.
    document.addEventListener("keydown", (ev) => {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      const t = ev.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });
  }
}

/** Opens an option's page. */
function go(option) {
  location.href = option.href;
}

/** The results page (recherche/?q=…): every result, `PAGE` at a time. */
function resultsPage(root, site) {
  const form = root.querySelector("form");
  const input = root.querySelector("input[type=search]");
  const list = root.querySelector(".search-results");
  const status = root.querySelector("[role=status]");
  const more = root.querySelector(".search-more");
  const q = new URLSearchParams(location.search).get("q") || "";
  input.value = q;
  if (!q.trim()) return;
  status.textContent = form.dataset.loading;
  site.engine().then(async (e) => {
    const res = await e.search(q);
    const hit = matcher(res.terms);
    let shown = 0;
    /** Each page listed: its list of other passages (created with the second one). */
    const pages = new Map();
    /** Lists the next results, a page's passages under its title; resolves to the first new link. */
    async function next() {
      const ids = res.results.slice(shown, shown + PAGE);
      const docs = await Promise.all(ids.map((id) => e.doc(id)));
      let first = null;
      for (const d of docs) {
        const a = document.createElement("a");
        a.href = site.href(d.url, d.anchor);
        if (!pages.has(d.url)) {
          const li = document.createElement("li");
          const h = document.createElement("h2");
          highlight(a, d.title, hit);
          h.appendChild(a);
          li.appendChild(h);
          appendDetails(li, "p", d, hit, 240);
          list.appendChild(li);
          pages.set(d.url, { li, more: null });
        } else {
          // Another passage of a page already listed: under it, by its heading.
          const p = pages.get(d.url);
          if (!p.more) {
            p.more = document.createElement("ul");
            p.more.className = "search-passages";
            p.li.appendChild(p.more);
          }
          const li = document.createElement("li");
          highlight(a, d.heading && d.heading !== d.title ? d.heading : d.title, hit);
          li.appendChild(a);
          if (d.text) appendPart(li, "p", "search-excerpt", excerpt(d.text, hit, 160), hit);
          p.more.appendChild(li);
        }
        first = first || a;
      }
      shown += ids.length;
      more.hidden = shown >= res.results.length;
      return first;
    }
    await next();
    status.textContent = countText(form, res.results.length, res.atLeast);
    more.addEventListener("click", async () => {
      const first = await next();
      if (first) first.focus();
    });
  }).catch(() => {
    status.textContent = form.dataset.error;
  });
}

/** Sets up the search boxes and the results page of this page; `api.engine()` gives its engine
    (for measurements). Runs as the script loads, while `document.currentScript` is this one. */
function start() {
  const site = new Site(document.currentScript);
  api.engine = () => site.engine();
  const init = () => {
    for (const form of document.querySelectorAll("form.search")) Combobox.attach(form, site);
    const page = document.getElementById("pb-search-page");
    if (page) resultsPage(page, site);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}

if (typeof document !== "undefined") start();
