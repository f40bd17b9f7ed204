/**
 * One set of numbers for the SYN timeout (issue #18): every SYN schedule and every ETIMEDOUT
 * time written in the course (lessons, bank, interview answers, flashcards, preset and family
 * texts) must be what the simulator computes, and the one observed run on a real kernel is
 * quoted in one place per language, from its record in content/measurements/.
 *
 * The expected figures are not written here: they come from running lib/tcp on a connect() to
 * an address nobody owns (the connect-timeout preset) with the sysctls the text talks about. If
 * the simulator's timer model changes (timer-wheel rounding, say), this test points at every
 * sentence that has to follow.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getPreset, simulateInput, type ScenarioInput } from "@/lib/tcp";

type Profile = "linux" | "rfc9293";

/** SYN send times and the ETIMEDOUT time (seconds after connect()) the simulator computes. */
function synTimeout(profile: Profile, tcp_syn_retries: number, tcp_syn_linear_timeouts: number) {
  const preset = getPreset("connect-timeout");
  if (!preset) throw new Error("connect-timeout preset missing");
  const input = { ...preset.scenario, profile, sysctl: { tcp_syn_retries, tcp_syn_linear_timeouts } } as ScenarioInput;
  const trace = simulateInput(input);
  const call = trace.events.find((e) => e.kind === "call" && e.call === "connect");
  const ret = trace.events.find((e) => e.kind === "return" && e.call === "connect");
  if (!call || !ret || ret.kind !== "return") throw new Error("connect() did not return");
  expect(ret.errno).toBe("ETIMEDOUT");
  const syns = trace.events.filter((e) => e.kind === "segment" && e.from === "client").map((e) => (e.t - call.t) / 1000);
  return { syns, etimedout: (ret.t - call.t) / 1000 };
}

const linear = synTimeout("linux", 6, 4); // Linux 6.x defaults
const noLinear = synTimeout("linux", 6, 0); // tcp_syn_linear_timeouts=0: the classic doubling
const small = synTimeout("linux", 2, 4);
/** The textbook (rfc9293 profile: doubling from 1 s, exact timers): 0, 1, 3, 7, 15, 31, 63 s, 127 s. */
const textbook = synTimeout("rfc9293", 6, 0);

/** The observed runs (Linux 6.18, netns): the only place decimals may come from. */
type Run = { tcp_syn_retries: number; tcp_syn_linear_timeouts: number; connect_failed_after_s: number; syn_sent_at_s: number[] };
const record = JSON.parse(readFileSync(path.join(process.cwd(), "content", "measurements", "syn-timeout.json"), "utf8")) as { runs: Run[] };
const observed = record.runs;

const root = process.cwd();
function files(dir: string, ext: RegExp): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => ext.test(f) && !f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f));
}
const CONTENT = [
  ...files("content/lessons", /^(en|zh)\/.*\.md$/),
  ...files("content/questions", /\.yaml$/),
  ...files("content/interview", /\.yaml$/),
  ...files("content/flashcards", /\.yaml$/),
  ...files("content/scenarios", /\.json$/),
  ...files("lib/scenarios/families", /\.ts$/),
];
/** Whitespace-collapsed text, so a figure split over two lines of a YAML block still reads as one sentence. */
const TEXT = new Map(CONTENT.map((f) => [f, readFileSync(path.join(root, f), "utf8").replace(/\s*\n\s*/g, " ")]));

const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
/** Written forms of an observed time: as recorded (ms), 2 decimals, 1 decimal, whole seconds. */
const writtenForms = (x: number) => new Set([round(x, 3), round(x, 2), round(x, 1), round(x)].map(String));

/** Lists of numbers separated by ", " / "、" (optionally "and"/"和" before the last). */
const LIST = /(?<![\d.])\d+(?:\.\d+)?(?:(?:, (?:and )?|、|，|和)\d+(?:\.\d+)?){4,}/g;

/** Number lists in a sentence about SYNs or ETIMEDOUT (not code arrays: no "[" right before). */
function lists(text: string): { raw: string; nums: number[] }[] {
  return [...text.matchAll(LIST)]
    .filter((m) => {
      const at = m.index ?? 0;
      return text[at - 1] !== "[" && /SYN|ETIMEDOUT/.test(text.slice(Math.max(0, at - 200), at));
    })
    .map((m) => ({ raw: m[0], nums: m[0].split(/, (?:and )?|、|，|和/).map(Number) }));
}

function isContiguousIn(nums: number[], schedule: number[]): boolean {
  for (let i = 0; i + nums.length <= schedule.length; i++) if (nums.every((n, j) => n === schedule[i + j])) return true;
  return false;
}

describe("SYN-timeout figures: content agrees with the simulator", () => {
  it("every integer SYN schedule in the content is a run of the simulated one", () => {
    const schedules = [linear.syns, noLinear.syns, small.syns, textbook.syns].map((s) => s.map((t) => round(t)));
    const bad: string[] = [];
    for (const [f, text] of TEXT)
      for (const l of lists(text)) {
        if (l.raw.includes(".")) continue; // decimals: observed runs, checked below
        const inc = l.nums.every((n, i) => i === 0 || n > (l.nums[i - 1] ?? 0));
        // SYN schedules end beyond 30 s; short or flat lists (ports, counts) are something else.
        if (!inc || (l.nums.at(-1) ?? 0) < 30 || (l.nums.at(-1) ?? 0) > 200) continue;
        if (!schedules.some((s) => isContiguousIn(l.nums, s))) bad.push(`${f}: ${l.raw}`);
      }
    expect(bad, `schedules: ${schedules.map((s) => s.join(",")).join(" | ")}`).toEqual([]);
  });

  it("every ETIMEDOUT time is the simulated one (or the observed run, quoted where the run is)", () => {
    const nominal = new Set([linear.etimedout, noLinear.etimedout, small.etimedout, textbook.etimedout].map((t) => String(round(t))));
    const seen = new Set(observed.flatMap((r) => [...writtenForms(r.connect_failed_after_s)]));
    const bad: string[] = [];
    for (const [f, text] of TEXT)
      for (const m of text.matchAll(/(?<![\d.:])(\d{1,3}(?:\.\d+)?) ?(?:s\b|秒|seconds)/g)) {
        const value = Number(m[1]);
        if (value < 100 || value >= 200) continue;
        const at = m.index ?? 0;
        const around = text.slice(Math.max(0, at - 160), at + 60);
        if (!/ETIMEDOUT|connect\(\)|tcp_syn_retries/.test(around)) continue;
        if (/orphan|孤儿|tcp_orphan_retries|RTO|rto_max/.test(text.slice(Math.max(0, at - 60), at + 20))) continue;
        if (!nominal.has(m[1] ?? "") && !seen.has(m[1] ?? "")) bad.push(`${f}: …${text.slice(Math.max(0, at - 60), at + 12)}`);
      }
    expect(bad, `nominal: ${[...nominal].join(", ")} s; observed: ${[...seen].join(", ")}`).toEqual([]);
  });

  it("observed decimals appear in one lesson per language, and nowhere else", () => {
    const forms = new Set(
      observed.flatMap((r) => [...writtenForms(r.connect_failed_after_s), ...r.syn_sent_at_s.filter((t) => t > 30).flatMap((t) => [...writtenForms(t)])]),
    );
    const where = new Map<string, string[]>();
    const stray: string[] = [];
    for (const [f, text] of TEXT) {
      // A decimal SYN time or ETIMEDOUT time (6x.x / 13x.x s) that no simulator run produces.
      for (const m of text.matchAll(/(?<![\d.])((?:6\d|1[23]\d)\.\d+)(?![\d.])/g)) {
        const around = text.slice(Math.max(0, (m.index ?? 0) - 250), (m.index ?? 0) + 60);
        if (!/ETIMEDOUT/.test(around)) continue;
        if (!forms.has(String(Number(m[1])))) stray.push(`${f}: ${m[1]}`);
        else where.set(f, [...(where.get(f) ?? []), m[1] ?? ""]);
      }
    }
    expect(stray, "decimal SYN-timeout figures not from content/measurements/syn-timeout.json").toEqual([]);
    const filesWith = [...where.keys()];
    expect(filesWith.filter((f) => f.startsWith("content/lessons/en/")).length).toBeLessThanOrEqual(1);
    expect(filesWith.filter((f) => f.startsWith("content/lessons/zh/")).length).toBeLessThanOrEqual(1);
    expect(filesWith.filter((f) => !f.startsWith("content/lessons/"))).toEqual([]);
  });

  it("the observed run is the simulated schedule up to the timer wheel's phase", () => {
    // The simulator runs the HZ=250 timer wheel from clk = 0 (lib/tcp/jiffies.ts); a real run
    // starts at an arbitrary jiffy, so each timer's wheel rounding (calc_index() in
    // kernel/time/timer.c) can land anywhere in its level's bucket: up to 1 + 8 jiffies late
    // below 2 s, 1 + 64 below 16 s, 1 + 512 below 129 s. Compare gap by gap within that.
    const slackS = (gap: number) => (gap < 2.016 ? 0.036 : gap < 16.128 ? 0.26 : 2.052);
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - (ts[i] ?? 0));
    for (const r of observed) {
      const sim = synTimeout("linux", r.tcp_syn_retries, r.tcp_syn_linear_timeouts);
      expect(r.syn_sent_at_s).toHaveLength(sim.syns.length);
      const want = gaps([...sim.syns, sim.etimedout]);
      gaps([...r.syn_sent_at_s, r.connect_failed_after_s]).forEach((g, i) => {
        expect(Math.abs(g - (want[i] ?? 0)), `retries ${r.tcp_syn_retries}/${r.tcp_syn_linear_timeouts} gap ${i}`).toBeLessThanOrEqual(slackS(want[i] ?? 0));
      });
    }
  });
});
