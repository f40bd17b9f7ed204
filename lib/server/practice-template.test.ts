import type { IncomingMessage } from "node:http";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { practiceTemplates } from "./practice-template";
import { pageProps } from "./quiz/practice-page";

/**
 * The template's refusals. That a template renders pages byte for byte as Next does is proven
 * against Next itself, in e2e/practice-pages.spec.ts; here, that a document which is not what the
 * template would make never becomes a template, so its page's first views stay with Next.
 */

const ID = "cmabcdefghijklmnopqrstuv";
const PATH = "/en/practice/topic/handshake";
const KEY = `http://app.test\n${PATH}\ngzip`;
const req = { url: `${PATH}?v=${ID}`, headers: { cookie: "" } } as unknown as IncomingMessage;
const props = pageProps("en", { title: "Practice: <Three-way> handshake", intro: "One question at a time." }, { question: null, unavailable: "Switched off.", level: "", cards: null, buttons: null });

/** A document shaped as the Pages Router writes one, with the body given. */
function document(body: string, data: unknown = { props: { pageProps: props, __N_SSP: true }, page: "/[locale]/practice/topic/[topic]", query: { v: ID, locale: "en", topic: "handshake" }, buildId: "b" }): Buffer {
  return gzipSync(
    `<!DOCTYPE html><html lang="en"><head><title data-next-head="">Practice: &lt;Three-way&gt; handshake · tcplab</title></head><body><div id="__next">${body}</div>` +
      `<script id="__NEXT_DATA__" type="application/json">${JSON.stringify(data)}</script></body></html>`,
  );
}
const headers: [string, string][] = [["content-type", "text/html; charset=utf-8"], ["content-encoding", "gzip"]];

function learnFrom(body: Buffer, entryHeaders = headers) {
  const logged: string[] = [];
  const templates = practiceTemplates({ log: (m) => logged.push(m) });
  templates.learn(req, KEY, { headers: entryHeaders, body });
  return { templates, logged };
}

describe("practiceTemplates", () => {
  it("makes nothing before it has learnt the page from Next", async () => {
    const templates = practiceTemplates({ log: () => {} });
    expect(await templates.render(req, KEY)).toBeNull();
  });

  it("refuses a document whose body is not what the page renders, says where, and makes nothing from it", async () => {
    const { templates, logged } = learnFrom(document('<div class="flex">something else</div>'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`${PATH}: the template's render differs from Next's at character`);
    expect(logged[0]).toContain("its first views stay with Next");
    expect(await templates.render(req, KEY)).toBeNull();
    // Refused once: the same page learnt again is not checked (nor logged) again.
    templates.learn(req, KEY, { headers, body: document("<p>again</p>") });
    expect(logged).toHaveLength(1);
  });

  it("refuses a document without the Pages Router's parts", async () => {
    expect(learnFrom(gzipSync("<!DOCTYPE html><html><body><main>an App Router page</main></body></html>")).logged[0]).toContain("no page body or __NEXT_DATA__");
    expect(learnFrom(gzipSync(`<title>x</title><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{not json</script>`)).logged[0]).toContain("__NEXT_DATA__ is not JSON");
    expect(learnFrom(document("<p></p>", { page: "/x", query: {} })).logged[0]).toContain("__NEXT_DATA__ has no page props");
    const untitled = gzipSync(`<html><head><title>tcplab</title></head><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { pageProps: props }, page: "/p", query: {} })}</script></body></html>`);
    expect(learnFrom(untitled).logged[0]).toContain("no <title> with the page's title");
  });

  it("learns nothing from a body it cannot decode (an unknown encoding, or bytes that are not what the header says)", () => {
    expect(learnFrom(document("<p></p>"), [["content-encoding", "zstd"]]).logged).toEqual([]);
    expect(learnFrom(Buffer.from("not gzip")).logged).toEqual([]);
  });
});
