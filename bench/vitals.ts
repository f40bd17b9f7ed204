/**
 * `npm run bench:vitals` — Largest Contentful Paint and Cumulative Layout Shift of a lesson page
 * and a quiz (practice question) page in Chromium against the production build on loopback.
 * A measurement script, not a timed test: each page is loaded cold (a fresh browser context, so
 * no HTTP cache) RUNS times and the median is printed. Budgets: LCP ≤ 1.0 s, CLS ≤ 0.05.
 *
 * LCP: the last `largest-contentful-paint` entry before the page is left alone (no input).
 * CLS: the largest session window of `layout-shift` entries without recent input (gaps < 1 s,
 * windows ≤ 5 s), as Chrome's web-vitals library defines it. @see https://web.dev/articles/cls
 *
 *   tsx bench/vitals.ts [--runs 5]     (BENCH_REUSE_BUILD=1 reuses out/bench as is)
 */
import os from "node:os";
import { chromium, type Browser } from "@playwright/test";
import { ensureBuild, startServer } from "./lib/app";
import { withDatabase } from "./lib/databases";
import { seedDatabase } from "./lib/seed";
import { signIn } from "./lib/session";

const LCP_BUDGET_MS = 1000;
const CLS_BUDGET = 0.05;
const runsFlag = process.argv.indexOf("--runs");
const RUNS = runsFlag >= 0 ? Math.max(1, Number(process.argv[runsFlag + 1]) || 5) : 5;

/** Installed before any page script runs; collects entries with `buffered: true`. */
const observerScript = `
  window.__vitals = { lcp: 0, lcpElement: "", shifts: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__vitals.lcp = e.renderTime || e.loadTime || e.startTime;
      window.__vitals.lcpElement = e.element ? e.element.tagName + (e.element.id ? "#" + e.element.id : "") : "";
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.shifts.push({ t: e.startTime, v: e.value });
  }).observe({ type: "layout-shift", buffered: true });
`;

/** CLS = the largest session window (gap < 1 s between shifts, window ≤ 5 s). */
export function clsOf(shifts: { t: number; v: number }[]): number {
  let best = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of [...shifts].sort((a, b) => a.t - b.t)) {
    if (s.t - last < 1000 && s.t - first < 5000) sum += s.v;
    else {
      sum = s.v;
      first = s.t;
    }
    last = s.t;
    best = Math.max(best, sum);
  }
  return best;
}

type Sample = { lcp: number; cls: number; element: string; ttfb: number };

async function measure(browser: Browser, baseUrl: string, path: string, cookie: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    if (cookie) {
      await context.addCookies(
        cookie.split("; ").map((pair) => {
          const eq = pair.indexOf("=");
          return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: baseUrl };
        }),
      );
    }
    const page = await context.newPage();
    await page.addInitScript(observerScript);
    await page.goto(baseUrl + path, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    // Let late paints and shifts (fonts, hydration) land before reading.
    await page.waitForTimeout(500);
    const v = await page.evaluate(() => {
      const w = window as unknown as { __vitals: { lcp: number; lcpElement: string; shifts: { t: number; v: number }[] } };
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      return { ...w.__vitals, ttfb: nav ? nav.responseStart : NaN };
    });
    return { lcp: v.lcp, cls: clsOf(v.shifts), element: v.lcpElement, ttfb: v.ttfb };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  ensureBuild();
  await withDatabase("sqlite", "vitals", async (fresh) => {
    const seeded = seedDatabase(fresh.url, { users: 1, attemptsPerUser: 1, cardsPerUser: 0, topic: "handshake" });
    const server = await startServer({ databaseUrl: fresh.url });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    try {
      const { cookie } = await signIn(server.url, seeded.users[0]!.email, seeded.users[0]!.password);
      const pages = [
        { name: "lesson", path: "/en/lessons/three-way-handshake", cookie: "" },
        { name: "lesson (zh)", path: "/zh/lessons/listen-backlog", cookie: "" },
        { name: "quiz question", path: `/en/practice/topic/handshake?v=${encodeURIComponent(seeded.attempts[0]!.id)}`, cookie },
      ];
      const rows: string[][] = [];
      let worstLcp = 0;
      let worstCls = 0;
      for (const p of pages) {
        await measure(browser, server.url, p.path, p.cookie); // warm the server's route code
        const samples: Sample[] = [];
        for (let i = 0; i < RUNS; i += 1) samples.push(await measure(browser, server.url, p.path, p.cookie));
        const lcp = median(samples.map((s) => s.lcp));
        const cls = Math.max(...samples.map((s) => s.cls));
        worstLcp = Math.max(worstLcp, lcp);
        worstCls = Math.max(worstCls, cls);
        rows.push([p.name, p.path.replace(/\?v=.*/, "?v=…"), median(samples.map((s) => s.ttfb)).toFixed(0), lcp.toFixed(0), `${Math.min(...samples.map((s) => s.lcp)).toFixed(0)}–${Math.max(...samples.map((s) => s.lcp)).toFixed(0)}`, cls.toFixed(3), samples[samples.length - 1]!.element]);
      }
      const head = ["page", "path", "TTFB ms", "LCP ms (median)", "LCP range", "CLS (worst)", "LCP element"];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) => cells.map((c, i) => (i < 2 || i === 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
      console.log(`\n=== Browser vitals: Chromium ${browser.version()}, 1280×800, cold context, ${RUNS} runs per page, loopback ===`);
      console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (shared machine: figures are noisy)\n`);
      console.log([line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n"));
      console.log(`\nbudget: LCP ≤ ${LCP_BUDGET_MS} ms: ${worstLcp <= LCP_BUDGET_MS ? "MET" : "MISSED"} (worst median ${worstLcp.toFixed(0)} ms)`);
      console.log(`budget: CLS ≤ ${CLS_BUDGET}: ${worstCls <= CLS_BUDGET ? "MET" : "MISSED"} (worst ${worstCls.toFixed(3)})`);
    } finally {
      await browser.close();
      await server.stop();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
