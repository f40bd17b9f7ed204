import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authoredQuestionSchema, type AuthoredQuestion } from "@/lib/content/questions";
import { authoredQuestion, choiceList } from "@/lib/content/testing";
import { selfTestFamily, setFamilyLookup } from "./families";
import { AUTHORED_INPUT, authoredPrompt, describeAnswer } from "./prompt";
import { fakeIsn, makeFakeFamily, fakeFamilyLookup } from "./testing/fake-family";
import { QuizError } from "./errors";
import { authoredVariant, correctRawAnswer, familyVariant, gradeVariant, previewAnswer, stableSeed, UnknownFamilyError } from "./variants";

const single = authoredQuestion({
  id: "t-single",
  kind: "single",
  prompt: { en: "Which segment opens a connection?", zh: "哪个报文段发起连接？" },
  choices: choiceList("FIN", "SYN"),
  answer: "b",
  explanation: { en: "SECRET-EXPLANATION the SYN does.", zh: "SECRET-EXPLANATION 由 SYN 发起。" },
});

const numeric = authoredQuestion({
  id: "t-numeric",
  kind: "numeric",
  prompt: { en: "How long does TIME_WAIT last on Linux?", zh: "Linux 上 TIME_WAIT 持续多久？" },
  answer: { value: 60, tolerance: 0, unit: { en: "seconds", zh: "秒" } },
  explanation: { en: "TCP_TIMEWAIT_LEN is 60 s.", zh: "TCP_TIMEWAIT_LEN 为 60 秒。" },
});

const text = authoredQuestion({
  id: "t-text",
  kind: "text",
  prompt: { en: "Name the state after sending a FIN from ESTABLISHED.", zh: "在 ESTABLISHED 状态发送 FIN 之后进入什么状态？" },
  answer: { accept: { en: ["FIN-WAIT-1"], zh: ["FIN-WAIT-1"] } },
  explanation: { en: "RFC 9293 §3.3.2.", zh: "RFC 9293 §3.3.2。" },
});

const ordering = authoredQuestion({
  id: "t-order",
  kind: "ordering",
  prompt: { en: "Order the handshake.", zh: "给握手排序。" },
  choices: choiceList("ACK", "SYN", "SYN-ACK"),
  answer: ["b", "c", "a"],
  explanation: { en: "SYN, SYN-ACK, ACK.", zh: "SYN、SYN-ACK、ACK。" },
});

describe("authoredPrompt", () => {
  it("should map each authored kind onto one generic input without the answer or explanation", () => {
    const kinds = [single, numeric, text, ordering].map((q) => authoredPrompt(q).inputs[0]?.kind);
    expect(kinds).toEqual(["choice", "number", "text", "order"]);
    const json = JSON.stringify(authoredPrompt(single));
    expect(json).not.toContain("SECRET-EXPLANATION");
    expect(json).not.toContain('"answer":"b"');
    expect(JSON.stringify(authoredPrompt(text))).not.toContain("FIN-WAIT-1");
  });

  it("should keep the unit of a numeric question in both languages", () => {
    expect(authoredPrompt(numeric).inputs[0]).toMatchObject({ kind: "number", unit: { en: "seconds", zh: "秒" } });
  });

  it("should turn a multiple-choice question into a multi input", () => {
    const q: AuthoredQuestion = authoredQuestionSchema.parse({ ...single, id: "t-multi", kind: "multiple", answer: ["b"] });
    expect(authoredPrompt(q).inputs[0]?.kind).toBe("multi");
  });
});

/** The display letter of the option labelled `en` in a variant's prompt (options are shuffled per seed). */
function letterOf(v: ReturnType<typeof authoredVariant>, en: string): string {
  const input = v.prompt.inputs[0];
  const options = input?.kind === "choice" || input?.kind === "multi" ? input.options : input?.kind === "order" ? input.items : [];
  const id = options.find((o) => o.label.en === en)?.id;
  if (!id) throw new Error(`no option ${en}`);
  return id;
}

describe("gradeVariant for authored questions", () => {
  it("should grade the right choice 1 and another choice 0, naming options by the student's letters", () => {
    const v = authoredVariant("bank", single.id, single, 1);
    const syn = letterOf(v, "SYN");
    const right = gradeVariant(v.params, { [AUTHORED_INPUT]: syn });
    const wrong = gradeVariant(v.params, { [AUTHORED_INPUT]: letterOf(v, "FIN") });
    expect(right.ok && right.result.score).toBe(1);
    expect(wrong.ok && wrong.result.score).toBe(0);
    expect(wrong.ok && wrong.result.correctDisplay[AUTHORED_INPUT]?.en).toBe(`(${syn}) SYN`);
    expect(wrong.ok && wrong.result.answerDisplay[AUTHORED_INPUT]?.en).toBe("FIN");
  });

  it("should report a format error for an unknown choice without grading", () => {
    const v = authoredVariant("bank", single.id, single, 1);
    const out = gradeVariant(v.params, { [AUTHORED_INPUT]: "z" });
    expect(out.ok).toBe(false);
  });

  it("should accept a number typed with its unit, or in milliseconds, and reject words", () => {
    const v = authoredVariant("bank", numeric.id, numeric, 1);
    const typed = gradeVariant(v.params, { [AUTHORED_INPUT]: "60 s" });
    expect(typed.ok && typed.result.score).toBe(1);
    const ms = gradeVariant(v.params, { [AUTHORED_INPUT]: "60000 ms" });
    expect(ms.ok && ms.result.score).toBe(1);
    const wrongMs = gradeVariant(v.params, { [AUTHORED_INPUT]: "60 ms" });
    expect(wrongMs.ok && wrongMs.result.score).toBe(0);
    expect(gradeVariant(v.params, { [AUTHORED_INPUT]: "sixty" }).ok).toBe(false);
  });

  it("should give partial credit to an ordering with one item misplaced", () => {
    const v = authoredVariant("authored", "row-id", ordering, 1);
    const [syn, synAck, ack] = [letterOf(v, "SYN"), letterOf(v, "SYN-ACK"), letterOf(v, "ACK")];
    // Correct SYN, SYN-ACK, ACK; answer SYN, ACK, SYN-ACK: longest correctly ordered subsequence 2 of 3 ⇒ 1 − 1/2.
    const out = gradeVariant(v.params, { [AUTHORED_INPUT]: [syn, ack, synAck] });
    expect(out.ok && out.result.score).toBe(0.5);
    expect(out.ok && out.result.answerDisplay[AUTHORED_INPUT]?.en).toBe("SYN → ACK → SYN-ACK");
  });

  it("should replay the stored order: a stored variant grades its own correct answer 1 after a JSON round trip", () => {
    for (let seed = 0; seed < 50; seed++) {
      const v = authoredVariant("bank", ordering.id, ordering, seed);
      const stored = JSON.parse(JSON.stringify(v.params)) as typeof v.params;
      const out = gradeVariant(stored, correctRawAnswer(stored, seed));
      expect(out.ok && out.result.score).toBe(1);
    }
  });
});

describe("family variants", () => {
  beforeEach(() => setFamilyLookup(fakeFamilyLookup));
  afterEach(() => setFamilyLookup(undefined));

  it("should store the family params, config and prompt and grade from them", () => {
    const v = familyVariant("handshake-numbers", 42, { difficulty: 2, offset: 3 });
    const isn = fakeIsn(42) + 3;
    expect(v.topic).toBe("handshake");
    expect(v.params).toMatchObject({ kind: "family", family: "handshake-numbers", config: { offset: 3 }, params: { isn } });
    const right = gradeVariant(v.params, { ack: String(isn + 1), state: "ESTABLISHED" });
    expect(right.ok && right.result.score).toBe(1);
    const half = gradeVariant(v.params, { ack: isn, state: "ESTABLISHED" });
    expect(half.ok && half.result.score).toBe(0.5);
    expect(half.ok && half.result.divergence?.eventSeqNo).toBe(3);
  });

  it("should pass a family format error through without a grade", () => {
    const v = familyVariant("handshake-numbers", 1);
    const out = gradeVariant(v.params, { ack: "x+1", state: "ESTABLISHED" });
    expect(out).toEqual({ ok: false, error: { en: "ack must be a whole number", zh: "确认号必须是整数" } });
  });

  it("should show the instructor the correct answer in preview", () => {
    const v = familyVariant("handshake-numbers", 5);
    expect(previewAnswer(v).correctDisplay.ack?.en).toBe(String(fakeIsn(5) + 1));
  });

  it("should refuse a family that is not available", () => {
    expect(() => familyVariant("syn-flood", 1)).toThrow(UnknownFamilyError);
  });

  it("should answer 409 (not a crash) when a stored variant's family is gone", () => {
    const stored = familyVariant("handshake-numbers", 1).params;
    // A row written by a build that had a family this one lacks (stored params are plain JSON).
    const orphan = { ...stored, family: "withdrawn-family" } as unknown as typeof stored;
    let thrown: unknown;
    try {
      gradeVariant(orphan, { ack: "1", state: "ESTABLISHED" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(QuizError);
    expect((thrown as QuizError).status).toBe(409);
    expect((thrown as QuizError).code).toBe("familyUnavailable");
  });

  it("should self-test a sound family clean and report every seed of a broken one", () => {
    expect(selfTestFamily(makeFakeFamily(), 50).failures).toEqual([]);
    const broken = selfTestFamily(makeFakeFamily({ brokenWrongAnswers: true }), 20);
    expect(broken.checked).toBe(20);
    expect(broken.failures.map((f) => f.seed)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe("describeAnswer", () => {
  it("should describe segment rows and missing answers", () => {
    const prompt = {
      text: { en: "", zh: "" },
      inputs: [
        { kind: "segments" as const, id: "s", label: { en: "Segments", zh: "报文段" }, rows: [{ label: { en: "SYN", zh: "SYN" } }], flagOptions: ["SYN", "ACK"] },
        { kind: "text" as const, id: "t", label: { en: "t", zh: "t" }, maxLength: 10 },
      ],
    };
    const d = describeAnswer(prompt, { s: [{ flags: ["SYN"], seq: 100, ack: null }] });
    expect(d.s?.en).toBe("SYN: [SYN] seq=100 ack=—");
    expect(d.t?.zh).toBe("（未作答）");
  });
});

describe("stableSeed", () => {
  it("should give one student the same seed every time and different students different seeds", () => {
    const a = stableSeed("quiz1", "userA", "item1");
    expect(stableSeed("quiz1", "userA", "item1")).toBe(a);
    expect(stableSeed("quiz1", "userB", "item1")).not.toBe(a);
    // Separator-safe: ("ab","c") and ("a","bc") are different inputs.
    expect(stableSeed("ab", "c")).not.toBe(stableSeed("a", "bc"));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(2 ** 31);
  });
});
