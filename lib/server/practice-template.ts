/**
 * A practice question page's first view without Next's request pipeline (issue #16).
 *
 * A page kept in memory (./page-cache.ts) costs ≈ 3 ms of CPU; a variant's first view went
 * through Next: routing, proxy.ts, getServerSideProps, the React render of the page and the
 * document, streams — ≈ 16 ms on one machine, against a target of 8 (7.6 ms on a faster one,
 * where this file's way costs 4.2; README, "Issue #16"). Yet two first views of one page (one URL
 * path, one language) differ in three places only: the <title>, the page's body
 * (`<div id="__next">`) and its props (`<script id="__NEXT_DATA__">`). Everything else — the
 * document, the head, the script and stylesheet tags of the build, the response headers of
 * next.config.js and proxy.ts — is the same. So the first answer Next gives for a page becomes
 * that page's template, and later first views are the template with those three parts filled in:
 * props from the pages' own getServerSideProps code (shownPracticeProps in
 * ./quiz/practice-page.tsx, which does every check the page does), the body rendered as the
 * Pages Router renders it (./quiz/practice-render.tsx).
 *
 * A template is used only after it has proved itself: when it is learnt, Next's own answer is
 * rebuilt from it with Next's props and must come out byte for byte the same. If not (an upgrade
 * of Next that renders differently, a page that puts something else in its head), the page's
 * first views simply stay with Next, and the server says so once in its log.
 *
 * What is never done here: making a variant, redirecting, answering an error or a signed-out
 * request. Whenever shownPracticeProps returns no props — or anything throws, the database being
 * unreachable included — the request goes to Next, before any side effect.
 */
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";
import { LRUCache } from "lru-cache";
import { htmlEscapeJsonString } from "next/dist/shared/lib/htmlescape";
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { PracticePageProps } from "@/components/quiz/practice-view";
import type { Entry, Templates } from "./page-cache";
import { shownPracticeProps, type Which } from "./quiz/practice-page";
import { renderPracticeBody } from "./quiz/practice-render";
import { parseCookies } from "./static-lessons";

const BODY_OPEN = '<div id="__next">';
const DATA_OPEN = '<script id="__NEXT_DATA__" type="application/json">';
const DATA_CLOSE = "</script>";

/** What Next puts in `__NEXT_DATA__` for a page with getServerSideProps (next/dist/server/render.js). */
type NextData = { props: { pageProps: PracticePageProps; __N_SSP: true }; page: string; query: Record<string, string> } & Record<string, unknown>;

type Template = {
  /** The document up to the title's text, then up to `<div id="__next">`; the rest after `__NEXT_DATA__`. */
  beforeTitle: string;
  afterTitle: string;
  tail: string;
  data: NextData;
  /** The meta description the template carries: a page with another is not made from it. */
  description: string;
  headers: Entry["headers"];
  encoding: "gzip" | "deflate" | "br" | null;
};

/** A page's route and params from its path: `/<locale>/practice/{adaptive|topic/<topic>|<family>}` (pages/[locale]/practice). */
function routeOf(pathname: string): { which: Which; params: Record<string, string> } | null {
  const parts = pathname.split("/");
  if (parts.length === 4 && parts[2] === "practice") {
    const [, locale, , name] = parts as [string, string, string, string];
    // A static segment wins over a dynamic one in Next's routing: /practice/adaptive is its own page.
    return name === "adaptive" ? { which: { kind: "adaptive" }, params: { locale } } : { which: { kind: "family" }, params: { locale, family: name } };
  }
  if (parts.length === 5 && parts[2] === "practice" && parts[3] === "topic") return { which: { kind: "topic" }, params: { locale: parts[1]!, topic: parts[4]! } };
  return null;
}

/** Text as React escapes it inside an element (what Next's document does with the page's <title>). */
function reactText(text: string): string {
  return renderToStaticMarkup(createElement(Fragment, null, text));
}

function decode(body: Buffer, encoding: Template["encoding"]): string {
  const raw = encoding === "gzip" ? gunzipSync(body) : encoding === "deflate" ? inflateSync(body) : encoding === "br" ? brotliDecompressSync(body) : body;
  return raw.toString("utf8");
}

function encode(html: string, encoding: Template["encoding"]): Buffer {
  const raw = Buffer.from(html, "utf8");
  return encoding === "gzip" ? gzipSync(raw) : encoding === "deflate" ? deflateSync(raw) : encoding === "br" ? brotliCompressSync(raw) : raw;
}

/** The template's document with one page's title, body and props in it. */
function fill(t: Template, asPath: string, query: Record<string, string>, props: PracticePageProps): string {
  const body = renderPracticeBody(t.data.page, asPath, query, props);
  // Same key order as Next's: the template's object with its props and query replaced.
  const data: NextData = { ...t.data, props: { pageProps: props, __N_SSP: true }, query };
  return `${t.beforeTitle}${reactText(props.head.title)}${t.afterTitle}${body}${DATA_OPEN}${htmlEscapeJsonString(JSON.stringify(data))}${DATA_CLOSE}${t.tail}`;
}

/** Splits Next's document into a template, or says why it cannot be one. */
function parse(html: string, headers: Entry["headers"], encoding: Template["encoding"]): Template | string {
  const bodyAt = html.indexOf(BODY_OPEN);
  const dataAt = html.indexOf(DATA_OPEN);
  const dataEnd = dataAt < 0 ? -1 : html.indexOf(DATA_CLOSE, dataAt);
  if (bodyAt < 0 || dataAt < bodyAt || dataEnd < 0) return "no page body or __NEXT_DATA__";
  let data: NextData;
  try {
    data = JSON.parse(html.slice(dataAt + DATA_OPEN.length, dataEnd)) as NextData;
  } catch {
    return "__NEXT_DATA__ is not JSON";
  }
  const props = data.props?.pageProps;
  if (!props?.head || typeof data.page !== "string" || typeof data.query !== "object") return "__NEXT_DATA__ has no page props";
  const titleOpen = html.lastIndexOf("<title", bodyAt);
  const title = reactText(props.head.title);
  const titleAt = titleOpen < 0 ? -1 : html.indexOf(title, titleOpen);
  // The title's text right after its opening tag: where the next page's title goes.
  if (!title || titleAt < 0 || titleAt > bodyAt || html[titleAt - 1] !== ">") return "no <title> with the page's title";
  return {
    beforeTitle: html.slice(0, titleAt),
    afterTitle: html.slice(titleAt + title.length, bodyAt),
    tail: html.slice(dataEnd + DATA_CLOSE.length),
    data,
    description: props.head.description,
    headers,
    encoding,
  };
}

/**
 * One process's templates, keyed by what changes the document or its headers besides the
 * variant: origin (next-intl's Link header), URL path (which page, which language) and the
 * request's Accept-Encoding (Next's compression). An LRU, so that forged Host headers cannot
 * grow it. `log` hears of a template that failed its check.
 */
export function practiceTemplates({ log = console.warn, max = 256 }: { log?: (message: string) => void; max?: number } = {}): Templates {
  const templates = new LRUCache<string, Template | "refused">({ max });
  return {
    async render(req, key) {
      const t = templates.get(key);
      if (!t || t === "refused") return null;
      const url = req.url ?? "";
      const q = url.indexOf("?");
      const route = routeOf(url.slice(0, q));
      if (!route || !url.startsWith("v=", q + 1)) return null;
      // The template's query, in Next's key order, with this request's variant.
      const query = { ...t.data.query, v: url.slice(q + 3) };
      const props = await shownPracticeProps({ params: route.params, query, cookies: parseCookies(req.headers.cookie) }, route.which);
      if (!props || props.head.description !== t.description) return null;
      return { headers: t.headers, body: encode(fill(t, url, query, props), t.encoding) };
    },
    learn(req, key, entry) {
      if (templates.has(key)) return;
      const header = entry.headers.find(([name]) => name === "content-encoding")?.[1];
      const encoding = header === undefined ? null : header === "gzip" || header === "deflate" || header === "br" ? header : undefined;
      if (encoding === undefined) return;
      let html: string;
      try {
        html = decode(entry.body, encoding);
      } catch {
        return;
      }
      const t = parse(html, entry.headers, encoding);
      if (typeof t === "string") {
        templates.set(key, "refused");
        log(`[practice-template] ${req.url?.split("?")[0]}: ${t}; its first views stay with Next`);
        return;
      }
      // The proof: Next's own page rebuilt from the template and Next's props.
      const rebuilt = fill(t, req.url ?? "", t.data.query, t.data.props.pageProps);
      if (rebuilt !== html) {
        let at = 0;
        while (rebuilt[at] === html[at]) at += 1;
        templates.set(key, "refused");
        log(`[practice-template] ${req.url?.split("?")[0]}: the template's render differs from Next's at character ${at} ("${html.slice(at, at + 60)}"); its first views stay with Next`);
        return;
      }
      templates.set(key, t);
    },
  };
}
