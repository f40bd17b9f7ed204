import { describe, expect, it } from "vitest";
import { parseAnswer, type Answer } from "./answer";
import { choiceCheck, multiCheck, numberCheck, sameFlags, segmentRowCheck } from "./checks";
import { gradeBuilt, type Built } from "./define";
import { createRng } from "./rng";
import { containsNumberToken } from "./self-test";
import type { InputSpec } from "./types";

const L = (en: string, zh = en) => ({ en, zh });

describe("createRng", () => {
  it("should repeat the same sequence for the same seed", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 20 }, () => a.u32());
    const ys = Array.from({ length: 20 }, () => b.u32());
    expect(xs).toEqual(ys);
    expect(new Set(xs).size).toBe(20);
  });

  it("should stay inside int() bounds and reach both ends", () => {
    const r = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("should shuffle into a permutation", () => {
    const r = createRng(1);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const s = r.shuffle(items);
    expect([...s].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

const INPUTS: InputSpec[] = [
  { kind: "number", id: "n", label: L("count", "数量"), min: 0, max: 10 },
  { kind: "choice", id: "c", label: L("state", "状态"), options: [{ id: "A", label: L("a") }, { id: "B", label: L("b") }] },
  { kind: "multi", id: "m", label: L("which", "哪些"), options: [{ id: "x", label: L("x") }, { id: "y", label: L("y") }, { id: "z", label: L("z") }] },
  { kind: "order", id: "o", label: L("order", "顺序"), items: [{ id: "e1", label: L("1") }, { id: "e2", label: L("2") }, { id: "e3", label: L("3") }] },
  { kind: "segments", id: "s", label: L("segments", "报文段"), rows: [{ label: L("1") }, { label: L("2") }], flagOptions: ["SYN", "ACK", "FIN", "RST", "PSH"] },
];
const GOOD = {
  n: "3",
  c: "A",
  m: ["z", "x"],
  o: ["e2", "e1", "e3"],
  s: [
    { flags: ["SYN"], seq: "100", ack: "" },
    { flags: ["ACK", "SYN"], seq: 200, ack: 101 },
  ],
};

describe("parseAnswer", () => {
  it("should normalise a well-formed answer (numeric strings, canonical option and flag order)", () => {
    const r = parseAnswer(INPUTS, GOOD);
    expect(r).toEqual({
      ok: true,
      answer: {
        n: 3,
        c: "A",
        m: ["x", "z"],
        o: ["e2", "e1", "e3"],
        s: [
          { flags: ["SYN"], seq: 100, ack: null },
          { flags: ["SYN", "ACK"], seq: 200, ack: 101 },
        ],
      },
    });
  });

  it.each([
    ["a non-number", { n: "three" }],
    ["an empty required number", { n: "" }],
    ["a number out of range", { n: 11 }],
    ["an unknown option", { c: "Z" }],
    ["a missing choice", { c: undefined }],
    ["an unknown multi option", { m: ["x", "w"] }],
    ["a repeated multi option", { m: ["x", "x"] }],
    ["an order that is not a permutation", { o: ["e1", "e1", "e3"] }],
    ["an order with a missing item", { o: ["e1", "e2"] }],
    ["the wrong number of segment rows", { s: [{ flags: ["SYN"], seq: 1, ack: null }] }],
    ["an unknown flag", { s: [{ flags: ["URG"], seq: 1, ack: null }, { flags: [], seq: 1, ack: null }] }],
    ["a seq that is not 32-bit", { s: [{ flags: [], seq: 4294967296, ack: null }, { flags: [], seq: 1, ack: null }] }],
    ["a non-numeric ack", { s: [{ flags: [], seq: 1, ack: "y+1" }, { flags: [], seq: 1, ack: null }] }],
  ])("should reject %s with a message in both languages", (_name, patch) => {
    const r = parseAnswer(INPUTS, { ...GOOD, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.en.length).toBeGreaterThan(5);
      expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("should reject something that is not an object", () => {
    expect(parseAnswer(INPUTS, "3").ok).toBe(false);
    expect(parseAnswer(INPUTS, null).ok).toBe(false);
  });

  it("should accept an empty optional number as null", () => {
    const r = parseAnswer([INPUTS[0]!], { n: "" }, new Set(["n"]));
    expect(r).toEqual({ ok: true, answer: { n: null } });
  });
});

describe("checks", () => {
  it("should compare flags as sets and ignore PSH", () => {
    expect(sameFlags(["ACK", "PSH"], ["ACK"])).toBe(true);
    expect(sameFlags(["SYN", "ACK"], ["ACK", "SYN"])).toBe(true);
    expect(sameFlags(["SYN"], ["SYN", "ACK"])).toBe(false);
  });

  it("should give a third per right field of a segment row", () => {
    const c = segmentRowCheck("s", 0, L("row 1"), { flags: ["SYN", "ACK"], seq: 5, ack: 11 });
    expect(c.score({ s: [{ flags: ["SYN", "ACK"], seq: 5, ack: 11 }] })).toBe(1);
    expect(c.score({ s: [{ flags: ["SYN", "ACK"], seq: 5, ack: 10 }] })).toBeCloseTo(2 / 3);
    expect(c.score({ s: [{ flags: ["SYN"], seq: 6, ack: 10 }] })).toBe(0);
    expect(c.score({})).toBe(0);
  });

  it("should grade multi-select per option, so ticking everything is not rewarded", () => {
    const opts = [{ id: "a", label: L("a") }, { id: "b", label: L("b") }, { id: "c", label: L("c") }, { id: "d", label: L("d") }];
    const c = multiCheck("m", L("m"), ["a", "c"], opts);
    expect(c.score({ m: ["a", "c"] })).toBe(1);
    expect(c.score({ m: ["a", "b", "c", "d"] })).toBe(0.5);
    expect(c.score({ m: [] })).toBe(0.5);
    expect(c.score({ m: ["b", "d"] })).toBe(0);
  });

  it("should treat an expected null number as 'leave empty'", () => {
    const c = numberCheck("w", L("when"), null);
    expect(c.score({ w: null })).toBe(1);
    expect(c.score({ w: 1000 })).toBe(0);
    const t = numberCheck("w", L("when"), 1000, { tolerance: 1 });
    expect(t.score({ w: 1001 })).toBe(1);
    expect(t.score({ w: 1002 })).toBe(0);
  });
});

describe("gradeBuilt", () => {
  const opts = [{ id: "A", label: L("A") }, { id: "B", label: L("B") }];
  const built: Built = {
    prompt: { text: L("q", "题"), inputs: [INPUTS[0]!, { kind: "choice", id: "c", label: L("c"), options: opts }] },
    answer: { n: 3, c: "A" },
    checks: [
      numberCheck("n", L("first step", "第一步"), 3, { eventSeqNo: 7, why: L("because", "因为") }),
      choiceCheck("c", L("second step", "第二步"), "A", opts, { eventSeqNo: 9 }),
    ],
    explanation: L("why", "原因"),
    correctDisplay: { n: L("3"), c: L("A") },
    wrong: [],
  };

  it("should give 1 and no divergence for the correct answer", () => {
    const g = gradeBuilt(built, { n: 3, c: "A" });
    expect(g.score).toBe(1);
    expect(g.correct).toBe(true);
    expect(g.divergence).toBeUndefined();
  });

  it("should give partial credit and point at the first wrong step with its trace event", () => {
    const g = gradeBuilt(built, { n: 3, c: "B" } as Answer);
    expect(g.score).toBe(0.5);
    expect(g.correct).toBe(false);
    expect(g.divergence).toMatchObject({ step: 1, eventSeqNo: 9 });
    const both = gradeBuilt(built, { n: 4, c: "B" } as Answer);
    expect(both.score).toBe(0);
    expect(both.divergence?.step).toBe(0);
    expect(both.divergence?.message.en).toContain("you answered 4");
    expect(both.divergence?.message.zh).toContain("因为");
  });
});

describe("containsNumberToken", () => {
  it("should match whole numbers only", () => {
    expect(containsNumberToken('{"a":"seq 1001 here"}', "1001")).toBe(true);
    expect(containsNumberToken('{"a":"11001"}', "1001")).toBe(false);
    expect(containsNumberToken('{"a":"10012"}', "1001")).toBe(false);
    expect(containsNumberToken('{"a":"1001.5"}', "1001")).toBe(false);
    expect(containsNumberToken('{"a":"1001."}', "1001")).toBe(true);
  });
});
