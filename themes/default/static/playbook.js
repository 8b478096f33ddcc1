/* playbook — progressive enhancement only; every page works without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
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
  var scrollers = document.querySelectorAll("main table, main pre");
  function reachable() {
    for (var i = 0; i < scrollers.length; i++) {
      var el = scrollers[i];
      if (el.scrollWidth > el.clientWidth) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    }
  }
  reachable();
  window.addEventListener("resize", reachable);

  // Escape closes the open mobile menu and gives focus back to its button.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || wide.matches) return;
    var menu = document.querySelector("details.menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();
