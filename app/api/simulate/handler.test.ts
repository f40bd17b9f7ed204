import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/tcp";
import { API_MAX_EVENTS, handleSimulate } from "./handler";

let ipCounter = 0;
/** A fresh client address per request so the per-IP rate limit only bites where a test wants it. */
function post(body: string, headers: Record<string, string> = {}, query = ""): Request {
  ipCounter++;
  return new Request(`http://localhost/api/simulate${query}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-forwarded-for": `192.0.2.${ipCounter % 250}`, ...headers },
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

  it("should reject an event cap above what the API serves", async () => {
    const res = await handleSimulate(post(JSON.stringify({ ...minimal, maxEvents: API_MAX_EVENTS + 1 })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues).toEqual([{ path: "maxEvents", message: `maxEvents may be at most ${API_MAX_EVENTS} here.` }]);
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

describe("POST /api/simulate: rate limit", () => {
  it("should answer 429 after 60 requests a minute from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await handleSimulate(post("{", { "x-forwarded-for": "198.51.100.7" }))).status);
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
