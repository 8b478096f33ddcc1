/* playbook — Mermaid diagrams (f-print). Loaded, after assets/vendor/mermaid.min.js, only by
   pages holding a diagram. Each <figure class="diagram diagram-mermaid"> keeps its source in a
   <details open>; the drawing goes above it and the source folds away. Without JavaScript, or if
   Mermaid cannot read a diagram, the source stays shown. Nothing is fetched from elsewhere. */
(function () {
  "use strict";
  var mermaid = window.mermaid;
  var figures = document.querySelectorAll("figure.diagram-mermaid");
  if (!mermaid || !figures.length) return;
  var english = (document.documentElement.lang || "").slice(0, 2) === "en";
  var words = english
    ? { diagram: "Diagram", source: "its source follows", error: "This diagram could not be drawn: " }
    : { diagram: "Diagramme", source: "sa source suit", error: "Ce diagramme n’a pas pu être dessiné : " };
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme: dark ? "dark" : "default",
    // Dark theme: Mermaid's grey behind edge labels leaves them under 4.5:1 (WCAG AA).
    themeVariables: dark ? { edgeLabelBackground: "#2b2b2b" } : {},
    fontFamily: getComputedStyle(document.body).fontFamily,
  });

  function draw(figure, n) {
    var code = figure.querySelector("code");
    var details = figure.querySelector("details");
    if (!code) return Promise.resolve();
    var source = code.textContent;
    return mermaid
      .render("pb-diagram-" + n, source)
      .then(function (result) {
        var box = document.createElement("div");
        box.className = "diagram-render";
        box.innerHTML = result.svg;
        var svg = box.querySelector("svg");
        // One image for assistive technologies: its title (accTitle), else "Diagram", and its
        // description (accDescr) when the author wrote one; the source follows, in the details.
        var title = svg && svg.querySelector("title");
        var desc = svg && svg.querySelector("desc");
        box.setAttribute("role", "img");
        box.setAttribute(
          "aria-label",
          (title && title.textContent ? title.textContent : words.diagram) +
            (desc && desc.textContent ? ". " + desc.textContent : "") +
            " (" + words.source + ")",
        );
        figure.insertBefore(box, figure.firstChild);
        figure.classList.add("diagram-drawn");
        if (details) details.open = false;
      })
      .catch(function (e) {
        var p = document.createElement("p");
        p.className = "diagram-error";
        p.textContent = words.error + (e && e.message ? e.message.split("\n")[0] : String(e));
        figure.insertBefore(p, figure.firstChild);
      });
  }

  // One after the other: Mermaid renders in a shared scratch element.
  var chain = Promise.resolve();
  Array.prototype.forEach.call(figures, function (figure, i) {
    chain = chain.then(function () { return draw(figure, i); });
  });
  chain.then(function () { document.documentElement.setAttribute("data-diagrams", "drawn"); });
})();
