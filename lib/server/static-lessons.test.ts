import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import createMiddleware from "next-intl/middleware";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routing } from "@/i18n/routing";
import { chooseEncoding, precompressLessons, proxyLeavesUntouched, staticLessons } from "./static-lessons";

describe("chooseEncoding", () => {
  it("should prefer brotli, then gzip, and honour q=0 and *", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding(undefined)).toBe("identity");
  });
});

describe("proxyLeavesUntouched", () => {
  // The real proxy (next-intl's middleware with this app's routing) decides whether it sets the
  // NEXT_LOCALE cookie; the static path must agree with it on every case.
  const intl = createMiddleware(routing);
  const cases: Record<string, string>[] = [];
  for (const cookie of [undefined, "NEXT_LOCALE=en", "NEXT_LOCALE=zh", "other=1; NEXT_LOCALE=zh", "NEXT_LOCALE=fr"])
    for (const lang of [undefined, "en-US,en;q=0.9", "zh-CN,zh;q=0.9,en;q=0.8", "fr-FR", "de, zh;q=0.5", "!!"])
      for (const dest of [undefined, "document", "empty"]) {
        const h: Record<string, string> = {};
        if (cookie) h.cookie = cookie;
        if (lang) h["accept-language"] = lang;
        if (dest) h["sec-fetch-dest"] = dest;
        cases.push(h);
      }

  it.each(["en", "zh"] as const)("should agree with next-intl's proxy on /%s/lessons/x for every cookie, language and fetch destination", async (locale) => {
    for (const headers of cases) {
      const response = await intl(new NextRequest(`http://127.0.0.1:3000/${locale}/lessons/time-wait`, { headers }));
      const proxySetsCookie = (response.headers.get("set-cookie") ?? "").includes("NEXT_LOCALE=");
      expect({ headers, untouched: proxyLeavesUntouched(headers, locale) }).toEqual({ headers, untouched: !proxySetsCookie });
    }
  });
});

describe("staticLessons", () => {
  let dist: string;
  let server: Server;
  let base: string;
  const html = `<!DOCTYPE html><html lang="en"><body>${"<p>TIME-WAIT lasts 60 s on Linux.</p>".repeat(200)}</body></html>`;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), "static-lessons-"));
    for (const locale of ["en", "zh"]) {
      mkdirSync(path.join(dist, "server", "pages", locale, "lessons"), { recursive: true });
      writeFileSync(path.join(dist, "server", "pages", locale, "lessons", "time-wait.html"), html.replace('lang="en"', `lang="${locale}"`));
    }
    writeFileSync(
      path.join(dist, "routes-manifest.json"),
      JSON.stringify({ headers: [{ source: "/:path*", regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$", headers: [{ key: "X-Frame-Options", value: "DENY" }] }] }),
    );
    expect(precompressLessons(dist)).toBe(2);
    const lessons = staticLessons(dist)!;
    server = createServer((req, res) => {
      if (lessons.handle(req, res)) return;
      res.statusCode = 299; // "Next" in this test
      res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const [host, port] = base.split(":");
      const req = request({ host, port, path: p, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });

  it("should not compress again when the files are newer than the HTML", () => {
    expect(precompressLessons(dist)).toBe(0);
    const file = path.join(dist, "server", "pages", "en", "lessons", "time-wait.html");
    const later = new Date(statSync(`${file}.br`).mtimeMs + 5000);
    utimesSync(file, later, later);
    expect(precompressLessons(dist)).toBe(1);
  });

  it("should send the page brotli- or gzip-compressed with the config's headers and a stable ETag", async () => {
    const br = await get("/en/lessons/time-wait", { "accept-encoding": "gzip, br", "accept-language": "en" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(html);
    expect(br.headers["x-frame-options"]).toBe("DENY");
    expect(br.headers["cache-control"]).toBe("s-maxage=31536000");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers.link).toBe(
      `<http://${base}/en/lessons/time-wait>; rel="alternate"; hreflang="en", <http://${base}/zh/lessons/time-wait>; rel="alternate"; hreflang="zh", <http://${base}/lessons/time-wait>; rel="alternate"; hreflang="x-default"`,
    );
    const gz = await get("/en/lessons/time-wait", { "accept-encoding": "gzip", cookie: "NEXT_LOCALE=en" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(html);
    const plain = await get("/en/lessons/time-wait", { "accept-language": "en-GB" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(html);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
    expect((await get("/en/lessons/time-wait", { "accept-encoding": "br", "sec-fetch-dest": "empty" })).headers.etag).toBe(br.headers.etag);
    const head = await get("/en/lessons/time-wait", { "accept-encoding": "br", cookie: "NEXT_LOCALE=en" }, "HEAD");
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBe(br.body.length);
  });

  it("should answer 304 to a matching If-None-Match", async () => {
    const first = await get("/zh/lessons/time-wait", { "accept-encoding": "br", cookie: "NEXT_LOCALE=zh" });
    const again = await get("/zh/lessons/time-wait", { "accept-encoding": "br", cookie: "NEXT_LOCALE=zh", "if-none-match": `W/${first.headers.etag as string}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get("/zh/lessons/time-wait", { cookie: "NEXT_LOCALE=zh", "if-none-match": '"other"' })).status).toBe(200);
  });

  it("should leave to Next what the proxy would touch, other methods, queries, unknown paths and odd hosts", async () => {
    expect((await get("/zh/lessons/time-wait", { "accept-language": "en" })).status).toBe(299);
    expect((await get("/en/lessons/time-wait", { cookie: "NEXT_LOCALE=zh" })).status).toBe(299);
    // No Accept-Language at all: next-intl's negotiation fails and it sets the cookie.
    expect((await get("/en/lessons/time-wait")).status).toBe(299);
    const en = { cookie: "NEXT_LOCALE=en" };
    expect((await get("/en/lessons/time-wait", en)).status).toBe(200);
    expect((await get("/en/lessons/time-wait", en, "POST")).status).toBe(299);
    expect((await get("/en/lessons/time-wait?x=1", en)).status).toBe(299);
    expect((await get("/en/lessons/time-wait/", en)).status).toBe(299);
    expect((await get("/en/lessons/nope", en)).status).toBe(299);
    expect((await get("/en/lessons/time-wait", { ...en, "x-forwarded-host": "a.test, b.test" })).status).toBe(299);
    expect((await get("/en/lessons/time-wait", { ...en, "x-forwarded-proto": "gopher" })).status).toBe(299);
  });
});
