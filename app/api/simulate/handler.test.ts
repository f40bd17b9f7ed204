import { describe, expect, it } from "vitest";
import { LIMITS, type Trace } from "@/lib/tcp";
import { handleSimulate as handle } from "./handler";

let callerCounter = 0;
/** A fresh caller per request so the simulation budget only bites where a test wants it. */
const handleSimulate = (request: Request, caller = `ip:192.0.2.${++callerCounter}`) => handle(request, caller);

function post(body: string, headers: Record<string, string> = {}, query = ""): Request {
  return new Request(`http://localhost/api/simulate${query}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
}

const minimal = { hosts: [{ name: "client", ip: "10.0.0.1" }], script: [] };

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

describe("POST /api/simulate: rejects bad input clearly", () => {
  it("should answer 415 when the body is not JSON-typed", async () => {
    const res = await handleSimulate(post(JSON.stringify(minimal), { "content-type": "text/plain" }));
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error.code).toBe("unsupportedMediaType");
  });

  it("should answer 400 for malformed JSON", async () => {
    const res = await handleSimulate(post("{ hosts: ["));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalidJson");
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it("should answer 413 for a body over the scenario size limit", async () => {
    const padding = "x".repeat(LIMITS.maxScenarioJsonBytes);
    const res = await handleSimulate(post(JSON.stringify({ ...minimal, pad: padding })));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe("tooLarge");
  });

  it("should answer 400 for a JSON value that is not an object", async () => {
    const res = await handleSimulate(post("[1,2,3]"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues?.[0]?.path).toBe("(root)");
  });

  it("should answer 400 with the path of each schema issue", async () => {
    const res = await handleSimulate(post(JSON.stringify({ script: [] })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalidInput");
    expect(body.error.issues?.map((i) => i.path)).toContain("hosts");
  });

  it("should reject more hosts than LIMITS.maxHosts", async () => {
    const hosts = Array.from({ length: LIMITS.maxHosts + 1 }, (_, i) => ({ name: `h${i}`, ip: `10.0.0.${i + 1}` }));
    const res = await handleSimulate(post(JSON.stringify({ hosts, script: [] })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues?.map((i) => i.path)).toContain("hosts");
  });

  it("should reject more script steps than LIMITS.maxScriptSteps", async () => {
    const script = Array.from({ length: LIMITS.maxScriptSteps + 1 }, (_, i) => ({ at: i, host: "client", sock: "c", call: "socket" }));
    const res = await handleSimulate(post(JSON.stringify({ ...minimal, script })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues?.map((i) => i.path)).toContain("script");
  });

  it("should reject a simulated time past LIMITS.maxTimeMs", async () => {
    const res = await handleSimulate(post(JSON.stringify({ ...minimal, untilMs: LIMITS.maxTimeMs + 1 })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues?.map((i) => i.path)).toContain("untilMs");
  });

  it("should reject an event cap above LIMITS.maxEvents (the bound of every entry point)", async () => {
    const res = await handleSimulate(post(JSON.stringify({ ...minimal, maxEvents: LIMITS.maxEvents + 1 })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues?.map((i) => i.path)).toEqual(["maxEvents"]);
  });

  it("should reject more faults than LIMITS.maxFaults", async () => {
    const faults = Array.from({ length: LIMITS.maxFaults + 1 }, () => ({ action: "drop" }));
    const res = await handleSimulate(post(JSON.stringify({ ...minimal, faults })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.issues?.map((i) => i.path)).toContain("faults");
  });

  it("should localize messages for a Chinese reader", async () => {
    const res = await handleSimulate(post(JSON.stringify({ script: [] }), { "accept-language": "zh-CN,zh;q=0.9" }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.message).toBe("场景无效，请查看各字段的问题说明。");
    // zod's built-in message for the missing array, in Chinese
    expect(body.error.issues?.find((i) => i.path === "hosts")?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("POST /api/simulate: runs valid scenarios", () => {
  const refused = {
    hosts: [
      { name: "client", ip: "10.0.0.1" },
      { name: "server", ip: "10.0.0.2" },
    ],
    script: [{ at: 0, host: "client", sock: "c", call: "connect", to: "server:80" }],
  };

  it("should return the trace: a SYN to a closed port answered by RST,ACK seq=0 ack=x+1", async () => {
    const res = await handleSimulate(post(JSON.stringify(refused)));
    expect(res.status).toBe(200);
    const trace = (await res.json()) as Trace;
    const segments = trace.events.filter((e) => e.kind === "segment");
    // kernel-fact 05-connect-closed-port
    expect(segments.map((s) => `[${s.flags.join(",")}] ${s.label}`)).toEqual(["[SYN] seq=x", "[RST,ACK] seq=0 ack=x+1"]);
    expect(trace.events.some((e) => e.kind === "return" && e.errno === "ECONNREFUSED")).toBe(true);
  });

  it("should cap the events at LIMITS.maxEvents and say the trace was cut", async () => {
    // LIMITS.maxFloodSyns spoofed SYNs each answered by SYN-ACKs and their retransmissions
    // (no syncookies) make far more than LIMITS.maxEvents events.
    const flood = {
      ...refused,
      sysctl: { tcp_syncookies: 0 },
      script: [
        { at: 0, host: "server", sock: "l", call: "bind", port: 80 },
        { at: 0, host: "server", sock: "l", call: "listen", backlog: 4096 },
      ],
      flood: { target: "server", port: 80, count: LIMITS.maxFloodSyns, ratePerSec: 10 },
      untilMs: LIMITS.maxTimeMs,
    };
    const res = await handleSimulate(post(JSON.stringify(flood)));
    expect(res.status).toBe(200);
    const trace = (await res.json()) as Trace;
    expect(trace.truncated).toBe(true);
    expect(trace.events.length).toBeLessThanOrEqual(LIMITS.maxEvents);
  });

  it("should run an IPv6 scenario and answer 400 for a bad IPv6 address (issue #17)", async () => {
    const six = {
      hosts: [
        { name: "client", ip: "10.0.0.1", ip6: "fd00::1" },
        { name: "server", ip: "10.0.0.2", ip6: "fd00::2" },
      ],
      script: [
        { at: 0, host: "server", sock: "l", call: "bind", ip: "::", port: 80 },
        { at: 0, host: "server", sock: "l", call: "listen", backlog: 8 },
        { at: 1, host: "client", sock: "c", call: "connect", to: "[fd00::2]:80" },
      ],
    };
    const res = await handleSimulate(post(JSON.stringify(six)));
    expect(res.status).toBe(200);
    const trace = (await res.json()) as Trace;
    const first = trace.events.find((e) => e.kind === "segment");
    expect(first?.kind === "segment" && first.dst).toBe("[fd00::2]:80");
    expect(trace.final.find((s) => s.socket === "l")?.local).toBe("*:80");
    const bad = await handleSimulate(post(JSON.stringify({ ...six, hosts: [{ name: "client", ip: "10.0.0.1", ip6: "fd00::g" }] })));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.issues?.map((i) => i.path)).toContain("hosts.0.ip6");
  });

  it("should print a text timeline with ?format=text", async () => {
    const res = await handleSimulate(post(JSON.stringify(refused), {}, "?format=text"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toContain("RST");
  });
});

describe("POST /api/simulate: rate limit", () => {
  it("should answer 429 after 60 runs a minute by one caller, and not count another caller's", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await handleSimulate(post("{"), "user:one")).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await handleSimulate(post("{"), "user:two")).status).toBe(400);
  });
});
