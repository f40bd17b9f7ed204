// @ts-check
/**
 * Step-through playback of simulator traces (issue #19 item 1), for every `[data-playback]`
 * section components/sim/playback.tsx renders: on the lesson pages (no React runtime, issue #7)
 * and in the playground alike. No dependencies; every string comes translated in the markup and
 * the steps' JSON (lib/playback/steps.ts computes the steps on the server).
 *
 * Keyboard inside a playback: ← previous step, → next step, space play/pause, Home/End first/last.
 * `#step=N` (1-based) opens the page's first playback at step N, and stepping keeps it in the
 * address bar (history.replaceState, no history entries).
 *
 * Lighting is by attributes only (`data-future`, `data-current`, `data-lit`), which React never
 * sets, so the playground's React tree and this script never fight over an element.
 */
(function () {
  "use strict";
  if (/** @type {any} */ (window).__tcplabPlayback) return;
  /** @type {any} */ (window).__tcplabPlayback = true;

  var INTERVAL_MS = 1100;

  /** @param {Element} root */
  function attach(root) {
    if (root.hasAttribute("data-playback-ready")) return;
    root.setAttribute("data-playback-ready", "");
    var script = root.querySelector("script[data-playback-steps]");
    /** @type {{s:number,e:string,tr:string|null,st:string|null,tt:string,r:string[][]}[]} */
    var steps = [];
    try {
      steps = JSON.parse((script && script.textContent) || "[]");
    } catch {
      return;
    }
    if (!steps.length) return;
    var controls = root.querySelector("[data-playback-controls]");
    var hint = root.querySelector("[data-playback-hint]");
    var panel = root.querySelector("[data-playback-panel]");
    var status = root.querySelector("[data-playback-status]");
    var eventLine = root.querySelector("[data-playback-event]");
    var transition = root.querySelector("[data-playback-transition]");
    var tbody = root.querySelector("[data-playback-sockets]");
    var playBtn = root.querySelector('[data-action="play"]');
    // The sequence diagram is the playback's previous sibling's content (components/sim/trace-view.tsx).
    var figure = root.closest("[data-trace-view]") || root.parentElement;
    var seqEls = figure ? Array.prototype.slice.call(figure.querySelectorAll("[data-seq]")) : [];
    var first = document.querySelector("[data-playback]") === root;
    var index = -1;
    /** @type {number | undefined} */
    var timer;
    if (controls instanceof HTMLElement) controls.hidden = false;
    if (hint instanceof HTMLElement) hint.hidden = false;

    /** @param {number} i */
    function show(i) {
      index = Math.max(0, Math.min(steps.length - 1, i));
      var step = steps[index];
      if (figure) figure.setAttribute("data-playback-on", "");
      seqEls.forEach(function (/** @type {Element} */ el) {
        var s = Number(el.getAttribute("data-seq"));
        toggle(el, "data-future", s > step.s);
        toggle(el, "data-current", s === step.s);
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-state]"), function (/** @type {Element} */ el) {
        toggle(el, "data-lit", el.getAttribute("data-state") === step.st);
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-transition]"), function (/** @type {Element} */ el) {
        toggle(el, "data-lit", el.getAttribute("data-transition") === step.tr);
      });
      if (status) status.textContent = (root.getAttribute("data-status") || "{n}/{total}").replace("{n}", String(index + 1)).replace("{total}", String(steps.length));
      if (eventLine) eventLine.textContent = step.e;
      if (transition) transition.textContent = step.tt;
      if (panel instanceof HTMLElement) panel.hidden = false;
      if (tbody) {
        tbody.textContent = "";
        step.r.forEach(function (cells) {
          var tr = document.createElement("tr");
          tr.className = "border-t border-line align-top";
          cells.forEach(function (c, k) {
            var td = document.createElement("td");
            td.className = k === 2 ? "py-1 pr-3 font-mono font-semibold" : "py-1 pr-3";
            td.textContent = c;
            tr.appendChild(td);
          });
          tbody.appendChild(tr);
        });
      }
      if (first && history.replaceState) history.replaceState(history.state, "", "#step=" + (index + 1));
      if (index === steps.length - 1) stop();
    }

    /** @param {Element} el @param {string} name @param {boolean} on */
    function toggle(el, name, on) {
      if (on) el.setAttribute(name, "");
      else el.removeAttribute(name);
    }

    function stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (playBtn) {
        playBtn.setAttribute("aria-pressed", "false");
        playBtn.textContent = root.getAttribute("data-play") || "Play";
      }
    }

    function play() {
      if (timer !== undefined) return stop();
      if (index >= steps.length - 1) index = -1;
      if (playBtn) {
        playBtn.setAttribute("aria-pressed", "true");
        playBtn.textContent = root.getAttribute("data-pause") || "Pause";
      }
      show(index + 1);
      timer = window.setInterval(function () {
        show(index + 1);
      }, INTERVAL_MS);
    }

    root.addEventListener("click", function (e) {
      var target = e.target instanceof Element ? e.target.closest("[data-action]") : null;
      if (!target) return;
      var action = target.getAttribute("data-action");
      if (action !== "play") stop();
      if (action === "first") show(0);
      else if (action === "prev") show(index - 1);
      else if (action === "next") show(index + 1);
      else if (action === "last") show(steps.length - 1);
      else if (action === "play") play();
    });

    root.addEventListener("keydown", function (e) {
      var ke = /** @type {KeyboardEvent} */ (e);
      if (ke.altKey || ke.ctrlKey || ke.metaKey) return;
      var onButton = ke.target instanceof HTMLButtonElement;
      if (ke.key === "ArrowRight") {
        stop();
        show(index + 1);
      } else if (ke.key === "ArrowLeft") {
        stop();
        show(index - 1);
      } else if (ke.key === "Home") {
        stop();
        show(0);
      } else if (ke.key === "End") {
        stop();
        show(steps.length - 1);
      } else if (ke.key === " " && !onButton) {
        play();
      } else return;
      ke.preventDefault();
    });

    if (first) {
      var m = /(?:^#|&)step=(\d{1,6})(?:&|$)/.exec(location.hash);
      if (m) {
        show(Math.max(1, Number(m[1])) - 1);
        root.scrollIntoView({ block: "start" });
      }
    }
  }

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-playback]"), attach);
  }

  function start() {
    scan();
    // The playground re-renders its result after "Run": a new trace is a new section to attach.
    // Observed only once the document is parsed: while a long lesson is still streaming in, a
    // mutation can show a section whose steps' <script> is not parsed yet (or only half), and
    // attach() would mark it ready with no steps — a playback left without its controls.
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
