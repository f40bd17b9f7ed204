import { describe, expect, it } from "vitest";
import { encodeScenarioParam } from "@/lib/sim/scenario-url";
import { PRESETS, simulate } from "@/lib/tcp";
import { handleSimulatePcap as handle } from "./handler";

let callerCounter = 0;
/** A fresh caller per request so the shared simulation budget never bites here. */
const handleSimulatePcap = (request: Request) => handle(request, `ip:198.51.100.${++callerCounter}`);

function get(query: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost/api/simulate/pcap${query}`, { headers });
}

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Packet records in a classic pcap file (24-byte header, 16-byte record headers, little-endian). */
function countRecords(bytes: Uint8Array): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let at = 24; at < bytes.length; n++) at += 16 + v.getUint32(at + 8, true);
  return n;
}

describe("GET /api/simulate/pcap", () => {
  it("answers a preset as a pcap attachment with one frame per segment", async () => {
    const res = await handleSimulatePcap(get("?preset=normal-lifecycle"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.tcpdump.pcap");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="normal-lifecycle.pcap"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    const segments = simulate(PRESETS["normal-lifecycle"].scenario).events.filter((e) => e.kind === "segment").length;
    expect(countRecords(bytes)).toBe(segments);
  });

  it("answers a shared scenario (?s=) as tcplab.pcap", async () => {
    const scenario = {
      hosts: [{ name: "a", ip: "10.0.0.1" }, { name: "b", ip: "10.0.0.2" }],
      script: [{ at: 0, host: "a", sock: "c", call: "connect", to: "b:80" }],
    };
    const res = await handleSimulatePcap(get(`?s=${encodeScenarioParam(scenario)}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="tcplab.pcap"');
    // SYN to a closed port, answered by RST: two frames.
    expect(countRecords(new Uint8Array(await res.arrayBuffer()))).toBe(2);
  });

  it("answers 400 without exactly one of preset and s", async () => {
    for (const q of ["", "?preset=normal-lifecycle&s=e30"]) {
      const res = await handleSimulatePcap(get(q));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe("invalidInput");
    }
  });

  it("answers 404 for an unknown preset, in the reader's language", async () => {
    const res = await handleSimulatePcap(get("?preset=nope", { "accept-language": "zh-CN" }));
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.message).toContain("没有名为");
  });

  it("answers 400 for a damaged, over-long or invalid shared scenario", async () => {
    const cases = ["?s=***", `?s=${"A".repeat(200_000)}`, `?s=${encodeScenarioParam([1, 2])}`, `?s=${encodeScenarioParam({ hosts: [], script: "x" })}`];
    for (const q of cases) {
      const res = await handleSimulatePcap(get(q));
      expect(res.status, q.slice(0, 40)).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message.length).toBeGreaterThan(5);
    }
  });
});
