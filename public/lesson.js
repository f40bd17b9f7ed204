// @ts-check
/**
 * The only script of a lesson page (pages/[locale]/lessons/[slug].tsx), which ships no React or
 * Next.js runtime (issue #7). The page is one static HTML for every visitor and works without
 * JavaScript; this adds what only the browser can know, with no dependencies:
 * - who is signed in (next-auth's GET /api/auth/session, as components/auth/session.ts does):
 *   the header's signed-in part, the name and the nav items of the user's role;
 * - sign-out, as next-auth/react's signOut() does: CSRF token from GET /api/auth/csrf, POST
 *   /api/auth/signout, tell other tabs through localStorage ("nextauth.message"), go to the
 *   page next-auth answers with; @see https://next-auth.js.org/getting-started/rest-api
 * - "mark as complete" (GET and POST /api/progress, app/api/progress/route.ts);
 * - the dark-mode toggle (issue #19), as components/layout/theme-toggle.tsx does in the App
 *   Router: the choice in localStorage "tcplab-theme" (lib/theme.ts) as <html data-theme>.
 * Every string and class it shows is in the HTML (data-* attributes, hidden elements): the
 * server translated them. Served from 'self' without inline code, as the CSP requires
 * (lib/security-headers.js).
 */
(function () {
  "use strict";

  // ---- colour theme -----------------------------------------------------------------------

  var THEME_KEY = "tcplab-theme";
  var darkQuery = window.matchMedia("(prefers-color-scheme: dark)");

  /** @returns {string | null} */
  function storedTheme() {
    try {
      var t = localStorage.getItem(THEME_KEY);
      return t === "light" || t === "dark" ? t : null;
    } catch {
      return null;
    }
  }

  /** <html data-theme> from the stored choice (this tab's or another's), then the buttons. */
  function applyTheme() {
    var theme = storedTheme();
    if (theme) document.documentElement.setAttribute("data-theme", theme);
    else document.documentElement.removeAttribute("data-theme");
    syncThemeButtons();
  }

  function syncThemeButtons() {
    var chosen = document.documentElement.getAttribute("data-theme");
    var dark = chosen ? chosen === "dark" : darkQuery.matches;
    all("[data-theme-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      show(button, true);
    });
  }

  applyTheme();
  darkQuery.addEventListener("change", syncThemeButtons);
  window.addEventListener("storage", function (e) {
    if (e.key === THEME_KEY || e.key === null) applyTheme();
  });
  all("[data-theme-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      var next = button.getAttribute("aria-pressed") === "true" ? "light" : "dark";
      try {
        localStorage.setItem(THEME_KEY, next);
      } catch {
        // Storage blocked: the choice lasts for this page only.
      }
      document.documentElement.setAttribute("data-theme", next);
      syncThemeButtons();
    });
  });

  /**
   * A nav item with `data-role` is shown from that role up. The ranking comes from the page
   * (`data-role-ranks`, written by components/layout/static-site-header.tsx from lib/core/role.ts);
   * an item or a user whose role is not in it stays hidden, so nothing is revealed by mistake.
   * @returns {Record<string, number>}
   */
  function roleRanks() {
    var holder = document.querySelector("[data-role-ranks]");
    try {
      var ranks = JSON.parse((holder && holder.getAttribute("data-role-ranks")) || "{}");
      return ranks && typeof ranks === "object" ? ranks : {};
    } catch {
      return {};
    }
  }

  var BROADCAST = "nextauth.message";

  /** @param {string} selector */
  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  /** @param {Element | null} el @param {boolean} shown */
  function show(el, shown) {
    if (el instanceof HTMLElement) el.hidden = !shown;
  }

  /** @param {Response} response */
  function json(response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }

  // ---- who is signed in -------------------------------------------------------------------

  /** @typedef {{ id: string, name: string, role: "STUDENT" | "INSTRUCTOR" | "ADMIN" } | null} User */

  /** @param {User} user */
  function applySession(user) {
    all("[data-signed-out]").forEach(function (el) {
      show(el, !user);
      el.removeAttribute("data-session-pending");
    });
    all("[data-signed-in]").forEach(function (el) {
      show(el, !!user);
    });
    var RANK = roleRanks();
    all("[data-role]").forEach(function (el) {
      var role = el.getAttribute("data-role") || "";
      show(el, !!user && role in RANK && user.role in RANK && RANK[user.role] >= RANK[role]);
    });
    if (user) {
      var template = document.querySelector("[data-signed-in-as]");
      all("[data-user-name]").forEach(function (el) {
        el.textContent = user.name;
        if (template) el.setAttribute("title", (template.getAttribute("data-signed-in-as") || "").replace("{name}", user.name));
      });
    }
    loadProgress(user);
  }

  function refreshSession() {
    fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" })
      .then(json)
      .then(function (body) {
        var user = body && body.user && body.user.role ? { id: body.user.id || "", name: body.user.name || "", role: body.user.role } : null;
        applySession(user);
      })
      // As next-auth's SessionProvider does: a session that cannot be read counts as signed out.
      .catch(function () {
        applySession(null);
      });
  }

  // A sign-in or sign-out in another tab announces itself here (next-auth/client/_utils.js).
  window.addEventListener("storage", function (event) {
    if (event.key === BROADCAST) refreshSession();
  });

  // ---- sign-out -----------------------------------------------------------------------------

  /** @param {HTMLButtonElement} button */
  function signOut(button) {
    var callbackUrl = button.getAttribute("data-sign-out") || "/";
    button.disabled = true;
    fetch("/api/auth/csrf", { cache: "no-store", credentials: "same-origin" })
      .then(json)
      .then(function (csrf) {
        return fetch("/api/auth/signout", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: callbackUrl, json: "true" }),
        });
      })
      .then(json)
      .then(function (body) {
        try {
          localStorage.setItem(BROADCAST, JSON.stringify({ event: "session", data: { trigger: "signout" }, timestamp: Math.floor(Date.now() / 1000) }));
        } catch {
          // Storage may be disabled; the other tabs then learn it on their next load.
        }
        window.location.href = (body && body.url) || callbackUrl;
      })
      .catch(function () {
        button.disabled = false;
      });
  }

  all("[data-sign-out]").forEach(function (button) {
    button.addEventListener("click", function () {
      signOut(/** @type {HTMLButtonElement} */ (button));
    });
  });

  // ---- lesson progress ----------------------------------------------------------------------

  var box = document.querySelector("[data-lesson-progress]");
  var slug = box ? box.getAttribute("data-lesson-progress") : null;
  var toggle = /** @type {HTMLButtonElement | null} */ (box && box.querySelector("[data-progress-toggle]"));
  var done = false;
  var loadedFor = /** @type {string | null} */ (null);

  /** @param {string} part @param {boolean} shown */
  function status(part, shown) {
    show(box && box.querySelector("[data-progress-" + part + "]"), shown);
  }

  /** @param {{ progress: { slug: string }[] }} body */
  function render(body) {
    done = body.progress.some(function (p) {
      return p.slug === slug;
    });
    status("done", done);
    if (toggle) {
      var variant = done ? "unmark" : "mark";
      toggle.textContent = toggle.getAttribute("data-label-" + variant);
      toggle.className = toggle.getAttribute("data-class-" + variant) || toggle.className;
      toggle.disabled = false;
    }
  }

  /** @param {User} user */
  function loadProgress(user) {
    if (!box || !toggle) return;
    // Once per signed-in user: a storage event re-reads the session, not the progress.
    var key = user ? user.id + "\u0000" + user.role : null;
    if (key === loadedFor) return;
    loadedFor = key;
    if (!user) return;
    toggle.disabled = true;
    fetch("/api/progress", { cache: "no-store", credentials: "same-origin" })
      .then(json)
      .then(function (body) {
        status("load-failed", false);
        render(body);
      })
      .catch(function () {
        status("load-failed", true);
      });
  }

  if (toggle) {
    toggle.addEventListener("click", function () {
      var button = /** @type {HTMLButtonElement} */ (toggle);
      button.disabled = true;
      status("failed", false);
      status("saving", true);
      fetch("/api/progress", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slug: slug, complete: !done }),
      })
        .then(json)
        .then(render)
        .catch(function () {
          status("failed", true);
          button.disabled = false;
        })
        .then(function () {
          status("saving", false);
        });
    });
  }

  refreshSession();
})();
