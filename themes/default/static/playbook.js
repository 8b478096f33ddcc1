/* playbook — progressive enhancement only; every page works without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // The printable document's button (f-print): without JavaScript, the browser's own Print.
  var printButtons = document.querySelectorAll("[data-pb-print]");
  for (var p = 0; p < printButtons.length; p++) {
    printButtons[p].hidden = false;
    printButtons[p].addEventListener("click", function () { window.print(); });
  }
  if (!window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 62em)");
  var boxes = document.querySelectorAll("details.collapsible");

  // Wide screens: menus and sidebar boxes are always open (their <summary> is hidden).
  // Narrow screens: they start collapsed.
  function sync() {
    for (var i = 0; i < boxes.length; i++) boxes[i].open = wide.matches;
  }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
  else if (wide.addListener) wide.addListener(sync);

  // A table or code block wider than the screen scrolls in its own box: let the keyboard reach
  // that box (Tab, then the arrow keys). Recent Chromium and Firefox do it by themselves.
  var scrollers = document.querySelectorAll("main table, main pre, main .table-scroll");
  function reachable() {
    for (var i = 0; i < scrollers.length; i++) {
      var el = scrollers[i];
      if (el.scrollWidth > el.clientWidth) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    }
  }
  reachable();
  window.addEventListener("resize", reachable);

  // "Le playbook" (the generated pages) is a disclosure in the header: a click elsewhere or
  // Escape closes it, as a menu would.
  var tools = document.querySelector("details.tools-menu");
  if (tools) {
    document.addEventListener("click", function (e) {
      if (tools.open && !tools.contains(e.target)) tools.open = false;
    });
  }

  // Escape closes the open "Le playbook" list, else the open mobile menu, and gives focus back
  // to its button.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = tools && tools.open ? tools : wide.matches ? null : document.querySelector("details.menu[open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });

  // The table of contents marks the section being read (aria-current), once it shows beside
  // the text. Without this script it is a plain list of links.
  var links = document.querySelectorAll(".toc nav a[href^='#']");
  var targets = [];
  for (var j = 0; j < links.length; j++) {
    var id = decodeURIComponent(links[j].getAttribute("href").slice(1));
    var h = document.getElementById(id);
    if (h) targets.push({ link: links[j], heading: h });
  }
  if (!targets.length) return;
  var current = null;
  var pending = false;
  function mark() {
    pending = false;
    // The last heading above the upper quarter of the screen; the last one at the very bottom.
    var line = window.innerHeight / 4;
    var found = null;
    for (var k = 0; k < targets.length; k++) {
      if (targets[k].heading.getBoundingClientRect().top <= line) found = targets[k];
    }
    var bottom = window.innerHeight + window.pageYOffset >= root.scrollHeight - 2;
    if (bottom && targets[targets.length - 1].heading.getBoundingClientRect().top < window.innerHeight) {
      found = targets[targets.length - 1];
    }
    if (found === current) return;
    if (current) current.link.removeAttribute("aria-current");
    if (found) found.link.setAttribute("aria-current", "true");
    current = found;
  }
  function later() {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(mark);
    }
  }
  window.addEventListener("scroll", later, { passive: true });
  window.addEventListener("resize", later);
  window.addEventListener("hashchange", later);
  mark();
})();

/* f-actions: "Prochains pas" filters its table in place by person, workshop and state. Without
   this script the same filters are the page's sections, reached by links. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-actions-filter]");
  if (!form) return;
  var rows = document.querySelectorAll(".actions-table tbody tr");
  var status = form.querySelector(".filter-status");
  var keys = ["person", "workshop", "state"];
  function apply() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = true;
      for (var k = 0; k < keys.length; k++) {
        var want = form.elements[keys[k]].value;
        if (want && rows[i].getAttribute("data-" + keys[k]) !== want) ok = false;
      }
      rows[i].hidden = !ok;
      if (ok) shown++;
    }
    status.textContent = shown + " / " + rows.length + " " + status.getAttribute("data-template");
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  // The form's own reset runs after this event: read the fields once it has.
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  apply();
})();
