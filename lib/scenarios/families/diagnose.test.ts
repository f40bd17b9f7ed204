import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { samples, steps, type Sample } from "../testing";
import { diagnose, INCIDENTS, type DiagnoseConfig } from "./diagnose";

const all = samples(diagnose, 120);
const kind = (s: Sample<DiagnoseConfig>) => s.g.answer.cause as string;
const of = (k: string) => all.filter((s) => kind(s) === k);
/** The numbers printed after a counter's name in the prompt. */
const counter = (text: string, name: string) => Number(new RegExp(`${name}\\s+(\\d+)`).exec(text)?.[1]);

describe("diagnose", () => {
  it("should generate every incident, with the cause and the fix it shows", () => {
    for (const k of INCIDENTS) expect(of(k).length, k).toBeGreaterThan(3);
    for (const s of all) expect(s.g.answer.fix).toBe(kind(s));
  });

  it("accept queue: the listener shows Recv-Q = backlog + 1 (facts 04a/04b), overflows counted, SYNs retransmitted", () => {
    for (const s of of("accept-queue")) {
      const backlog = steps(s.sc, "listen")[0]!.backlog;
      expect(s.text).toContain(`LISTEN ${backlog + 1} ${backlog} `);
      expect(counter(s.text, "TcpExtListenOverflows")).toBeGreaterThan(0);
      expect(s.text).toMatch(/client->server \[SYN\] seq=x\n[\s\S]*client->server \[SYN\] seq=x/);
    }
  });

  it("SYN flood: SYN-RECV entries from the spoofed 198.18.0.0/15 range and SYN cookies sent", () => {
    for (const s of of("syn-flood")) {
      expect(s.text).toMatch(/SYN-RECV \d+ \d+ 10\.0\.0\.2:\d+ 198\.1[89]\./);
      expect(counter(s.text, "TcpExtSyncookiesSent")).toBeGreaterThan(0);
    }
  });

  it("CLOSE-WAIT leak: one CLOSE-WAIT per client that hung up, and no counter moving", () => {
    for (const s of of("close-wait")) {
      const clients = steps(s.sc, "connect").length;
      const shown = (s.text.match(/^CLOSE-WAIT /gm) ?? []).length;
      const more = Number(/… (\d+) more/.exec(s.text)?.[1] ?? 0);
      expect(shown + more).toBe(clients);
      for (const c of ["TcpExtListenOverflows", "TcpOutRsts", "TcpExtSyncookiesSent"]) expect(counter(s.text, c)).toBe(0);
    }
  });

  it("port exhaustion: every local port of the client's range in TIME-WAIT, the rest of the connects EADDRNOTAVAIL", () => {
    for (const s of of("port-exhaustion")) {
      const range = s.sc.hosts.find((h) => h.name === "client")?.sysctl?.ip_local_port_range;
      if (!range) throw new Error(`seed ${s.seed}: the client has no narrowed port range`);
      const ports = range[1] - range[0] + 1;
      const tw = [...s.text.matchAll(/^TIME-WAIT 0 0 10\.0\.0\.1:(\d+) /gm)].map((m) => Number(m[1]));
      expect(tw.sort()).toEqual(Array.from({ length: ports }, (_, i) => range[0] + i));
      expect(s.text).toContain(`${steps(s.sc, "connect").length - ports} × connect()`);
      expect(s.text).toContain("EADDRNOTAVAIL");
    }
  });

  it("abortive close: the server's response is followed by its RST, one TCPAbortOnClose per connection (RFC 2525 §2.17)", () => {
    for (const s of of("abortive-close")) {
      expect(s.text).toMatch(/server->client \[PSH,ACK\][^\n]*\n[^\n]*server->client \[RST,ACK\]/);
      expect(counter(s.text, "TcpExtTCPAbortOnClose")).toBe(steps(s.sc, "connect").length);
    }
  });

  it("should grade cause and fix separately and show the same evidence in both languages", () => {
    const s = all[0]!;
    const other = INCIDENTS.find((k) => k !== kind(s))!;
    expect(diagnose.grade(s.g.params, { cause: kind(s), fix: kind(s) }).score).toBe(1);
    expect(diagnose.grade(s.g.params, { cause: kind(s), fix: other }).score).toBe(0.5);
    expect(diagnose.grade(s.g.params, { cause: other, fix: other }).score).toBe(0);
    for (const x of all.slice(0, 20)) {
      const blocks = (t: string) => t.match(/```text[\s\S]*?```/g)?.map((b) => b.replace(/… (?:另有 )?\d+ (?:more|行)/g, "…"));
      expect(blocks(x.g.prompt.text.zh)).toEqual(blocks(x.g.prompt.text.en));
    }
  });

  it("should refuse unknown config keys and incidents", () => {
    expect(() => diagnose.generate(1, { clients: 999 })).toThrow();
    expect(() => diagnose.generate(1, { incidents: ["dns"] })).toThrow();
  });

  it("lesson 8 shows simulator output: every `sim=diagnose` block is what the family generates for that seed", () => {
    for (const lang of ["en", "zh"] as const) {
      const file = path.join(process.cwd(), "content", "lessons", lang, "08-diagnosing-a-live-server.md");
      const blocks = [...readFileSync(file, "utf8").matchAll(/```text sim=diagnose incident=([a-z-]+) seed=(\d+) block=(\d+)\n([\s\S]*?)```/g)];
      expect(blocks.length, lang).toBeGreaterThanOrEqual(2 * INCIDENTS.length);
      for (const [, incident, seed, n, body] of blocks) {
        const g = diagnose.generate(Number(seed), { difficulty: 2, incidents: [incident as (typeof INCIDENTS)[number]] });
        const generated = g.prompt.text[lang].match(/```text\n([\s\S]*?)```/g)?.[Number(n) - 1]?.replace(/^```text\n/, "").replace(/```$/, "");
        expect(body, `${lang} ${incident} block ${n}`).toBe(generated);
      }
    }
  });
});
