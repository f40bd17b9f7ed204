import { parse as parseGiftText } from "gift-pegjs";
import { describe, expect, it } from "vitest";
import { authoredQuestionSchema, loadQuestionBank, type AuthoredQuestion } from "@/lib/content/questions";
import { correctResponse, gradeAuthored } from "./authored";
import { escapeGift, fromGift, htmlToText, mergeGiftTranslation, toGift, type GiftImport } from "./gift";

const L = (en: string, zh: string) => ({ en, zh });

/** GIFT lines imported in English, which must succeed (the test fails here otherwise). */
function imported(lines: string[]): Extract<GiftImport, { ok: true }> {
  const r = fromGift(lines.join("\n"), "en");
  expect(r.ok).toBe(true);
  if (!r.ok) throw new Error("unreachable: the import failed");
  return r;
}

/** GIFT text imported in English, which must be refused. */
function refused(text: string): Extract<GiftImport, { ok: false }> {
  const r = fromGift(text, "en");
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error("unreachable: the import succeeded");
  return r;
}

const tricky = authoredQuestionSchema.parse({
  id: "gift-tricky",
  topic: "segments",
  kind: "single",
  difficulty: 3,
  misconception: "ack-plus-one",
  lesson: "tcp-segments#seq-ack",
  prompt: L(
    "Special: ~ = # { } : and a \\ backslash.\n\nSecond paragraph with `ss -tan` and a URL http://x.y/z",
    "特殊字符：~ = # { } : 以及反斜杠 \\。\n\n第二段。",
  ),
  choices: [
    { id: "a", ...L("ack = x+1 {one}", "ack = x+1 {一}") },
    { id: "b", ...L("SYN -> SYN-ACK", "SYN -> SYN-ACK") },
  ],
  answer: "a",
  explanation: L("Line 1\nLine 2: #hash", "第一行\n第二行：#号"),
});

function byId(qs: readonly AuthoredQuestion[]): Map<string, AuthoredQuestion> {
  return new Map(qs.map((q) => [q.id, q]));
}

describe("escapeGift", () => {
  it("should escape GIFT's special characters, the backslash and newlines", () => {
    expect(escapeGift("a~b=c#d{e}f:g\\h\ni")).toBe("a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni");
  });

  it("should produce text that gift-pegjs reads back unchanged", () => {
    const s = "x = y: {z} ~w #1 \\ back\nslash";
    const [parsed] = parseGiftText(`::t::[markdown]${escapeGift(s)}{=a}`);
    expect(parsed?.type).toBe("Short");
    expect(parsed && "stem" in parsed ? parsed.stem.text : undefined).toBe(s);
  });
});

describe("htmlToText", () => {
  it("should keep paragraphs and line breaks, drop tags and decode entities", () => {
    expect(htmlToText("<p>One &lt;two&gt;</p><p>Three<br>four &#x4E09;&#27425;</p>")).toBe("One <two>\n\nThree\nfour 三次");
    expect(htmlToText("<b>ack</b>&nbsp;=&nbsp;x+1 &unknown;")).toBe("ack = x+1 &unknown;");
  });
});

describe("toGift", () => {
  it("should write single choice with = and ~, multiple with ±100/k weights, numeric and short answer", () => {
    const qs = [
      tricky,
      authoredQuestionSchema.parse({
        id: "gift-multi",
        topic: "teardown",
        kind: "multiple",
        difficulty: 2,
        lesson: "four-way-teardown",
        prompt: L("Which?", "哪些？"),
        choices: [
          { id: "a", ...L("A", "甲") },
          { id: "b", ...L("B", "乙") },
          { id: "c", ...L("C", "丙") },
          { id: "d", ...L("D", "丁") },
        ],
        answer: ["a", "b", "d"],
        explanation: L("E", "解"),
      }),
      authoredQuestionSchema.parse({
        id: "gift-num",
        topic: "time-wait",
        kind: "numeric",
        difficulty: 1,
        lesson: "time-wait",
        prompt: L("How long?", "多久？"),
        answer: { value: 60, tolerance: 0.5, unit: L("seconds", "秒") },
        explanation: L("60", "60"),
      }),
    ];
    const out = toGift(qs, "en");
    expect(out.exported).toBe(3);
    expect(out.text).toContain(
      "::gift-tricky::[markdown]Special\\: \\~ \\= \\# \\{ \\} \\: and a \\\\ backslash.\\n\\nSecond paragraph",
    );
    expect(out.text).toContain("\n=ack \\= x+1 \\{one\\}\n");
    expect(out.text).toContain("[tag:misconception:ack-plus-one]");
    expect(out.text).toContain("[tag:lesson:tcp-segments#seq-ack]");
    // k = 3: each right option 33.33333 %, each wrong one −33.33333 % (Moodle's grade list).
    expect(out.text).toContain("~%33.33333%A\n~%33.33333%B\n~%-33.33333%C\n~%33.33333%D");
    expect(out.text).toContain("#60:0.5");
    expect(out.text).toContain("[tag:unit:seconds]");
    expect(toGift(qs, "zh").text).toContain("[tag:unit:秒]");
  });

  it("should replace -> in answers with an arrow and say so, because GIFT reads -> as matching", () => {
    const out = toGift([tricky], "en");
    expect(out.text).toContain("~SYN → SYN-ACK");
    expect(out.skipped.some((s) => s.questionId === "gift-tricky" && s.message.en.includes("->"))).toBe(true);
    expect(fromGift(out.text, "en").ok).toBe(true);
  });

  it("should skip ordering questions with a warning and a comment in the file", () => {
    const ordering = loadQuestionBank().find((q) => q.kind === "ordering");
    expect(ordering).toBeDefined();
    if (!ordering) return;
    const out = toGift([ordering], "zh");
    expect(out.exported).toBe(0);
    expect(out.skipped).toHaveLength(1);
    expect(out.skipped[0]?.questionId).toBe(ordering.id);
    expect(out.text).toContain(`// ${ordering.id}: ordering question skipped`);
    const back = fromGift(out.text, "zh");
    expect(back.ok && back.questions).toEqual([]);
    expect(fromGift("", "en").ok).toBe(true);
  });
});

describe("fromGift", () => {
  it("should import hand-written Moodle GIFT of every supported type", () => {
    const text = [
      "// a Moodle export",
      "$CATEGORY: $course$/tcp/handshake",
      "",
      "::Why three:: Why three segments? {",
      "  =Both ISNs must be acknowledged",
      "  ~Tradition",
      "  ####Each side must see its ISN acknowledged.",
      "}",
      "",
      "::Flags:: [markdown]Which flags are set in a SYN-ACK? {~%50%SYN ~%50%ACK ~%-50%FIN}",
      "",
      "::TW:: TIME-WAIT length on Linux in seconds? {#60:0}",
      "",
      "::Range:: Between 1 and 3 {#1..3}",
      "",
      "::State:: Name the state after the SYN-ACK was sent {=SYN-RECEIVED =SYN_RECV}",
      "",
      "::TF:: The FIN consumes a sequence number. {T}",
    ];
    const r = imported(text);
    const [why, flags, tw, range, state, tf] = r.questions;
    expect(r.questions).toHaveLength(6);
    expect(why).toMatchObject({ id: "why-three", kind: "single", topic: "handshake", answer: "a", lesson: "three-way-handshake" });
    expect(why?.kind === "single" && why.choices.map((c) => c.en)).toEqual(["Both ISNs must be acknowledged", "Tradition"]);
    expect(why?.explanation.en).toBe("Each side must see its ISN acknowledged.");
    // The other language is a copy until translated, and a warning says so.
    expect(why?.prompt).toEqual({ en: "Why three segments?", zh: "Why three segments?" });
    expect(r.warnings.some((w) => w.message.en.includes("Only en text was imported"))).toBe(true);
    expect(flags).toMatchObject({ kind: "multiple", answer: ["a", "b"] });
    expect(tw).toMatchObject({ kind: "numeric", answer: { value: 60, tolerance: 0 } });
    expect(range).toMatchObject({ kind: "numeric", answer: { value: 2, tolerance: 1 } });
    expect(state).toMatchObject({ kind: "text", answer: { accept: { en: ["SYN-RECEIVED", "SYN_RECV"] } } });
    expect(tf).toMatchObject({ kind: "single", answer: "a", choices: [{ en: "True", zh: "正确" }, { en: "False", zh: "错误" }] });
    // Questions without general feedback get a placeholder explanation and a warning with a line number.
    const noFeedback = r.warnings.find((w) => w.questionId === "flags" && w.message.en.includes("general feedback"));
    expect(noFeedback?.line).toBe(10);
  });

  it("should import what Moodle itself exports ([html] text, =%100% answers, category paths)", () => {
    // Shape of Moodle's qformat_gift::writequestion() output (question/format/gift/format.php).
    const text = [
      "// question: 0  name: Switch category to $course$/top/Default for TCP/time-wait",
      "$CATEGORY: $course$/top/Default for TCP/time-wait",
      "",
      "",
      "// question: 11  name: State name",
      "::State name::[html]<p>Which side enters TIME-WAIT?</p>{",
      "\t=%100%the active closer#",
      "\t=%100%active closer#",
      "\t####<p>The side that sends the last ACK &amp; closed first.</p>",
      "}",
      "",
      "",
      "// question: 12  name: TW length",
      "::TW length::[html]<p>TIME-WAIT on Linux, in seconds?<br/>(6.x)</p>{#",
      "\t=%100%60:0#",
      "\t####<p>TCP_TIMEWAIT_LEN</p>",
      "}",
    ];
    const r = imported(text);
    const [state, tw] = r.questions;
    expect(state).toMatchObject({
      id: "state-name",
      topic: "time-wait",
      kind: "text",
      prompt: { en: "Which side enters TIME-WAIT?" },
      explanation: { en: "The side that sends the last ACK & closed first." },
      answer: { accept: { en: ["the active closer", "active closer"] } },
    });
    expect(tw).toMatchObject({ kind: "numeric", answer: { value: 60, tolerance: 0 }, prompt: { en: "TIME-WAIT on Linux, in seconds?\n(6.x)" } });
    expect(r.warnings.filter((w) => w.message.en.includes("HTML was converted")).map((w) => w.line)).toEqual([6, 14]);
  });

  it("should report a syntax error with its line and column instead of throwing", () => {
    const text = "::ok:: fine {=a ~b}\n\n::bad:: broken {=a ~b\n\n::next:: q {=c}";
    const r = refused(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(3);
    expect(r.errors[0]?.column).toBeGreaterThan(0);
    expect(r.errors[0]?.message.en).toMatch(/^Line 3, column \d+: GIFT syntax error/);
    expect(r.errors[0]?.message.zh).toMatch(/^第 3 行第 \d+ 列：GIFT 语法错误/);
  });

  it("should reject questions it cannot represent, with the line the question starts on", () => {
    const text = [
      "::fine:: q {=a ~b}",
      "",
      "// no right answer at all",
      "::nothing right:: q {~a ~b}",
      "",
      "::essay:: Explain TIME-WAIT. {}",
      "",
      "::match:: Pair them {=SYN -> first =FIN -> last =RST -> abort}",
    ];
    const r = refused(text.join("\n"));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 4, questionId: "nothing-right" });
    expect(r.errors[0]?.message.en).toContain("no correct option");
    // Unsupported kinds are skipped with warnings, not errors.
    expect(r.warnings.find((w) => w.questionId === "essay")?.line).toBe(6);
    expect(r.warnings.find((w) => w.questionId === "match")?.message.en).toContain("matching");
  });

  it("should rename duplicate ids and refuse oversized input", () => {
    const r = fromGift("::same:: q {=a ~b}\n\n::same:: r {=a ~b}", "en");
    expect(r.ok && r.questions.map((q) => q.id)).toEqual(["same", "same-2"]);
    const big = fromGift("x".repeat(20), "en", { maxLength: 10 });
    expect(big.ok).toBe(false);
  });

  it("should file untagged questions under the default topic and say so", () => {
    const r = fromGift("::q1:: A question {=yes ~no}", "zh", { defaultTopic: "backlog" });
    expect(r.ok && r.questions[0]?.topic).toBe("backlog");
    expect(r.ok && r.questions[0]?.lesson).toBe("listen-backlog");
    expect(r.warnings.some((w) => w.message.en.includes("no topic tag"))).toBe(true);
  });

  it("should never throw, whatever the input", () => {
    for (const junk of ["{", "}", "::", "::a::", "{#}", "{#abc}", "\\", "=~#", "::t:: q {=a\n\n=b}", "\u0000"]) {
      expect(() => fromGift(junk, "en")).not.toThrow();
    }
  });
});

describe("GIFT round trip of the built-in bank", () => {
  const bank = loadQuestionBank();
  const representable = bank.filter((q) => q.kind !== "ordering");

  it("should export every non-ordering question and skip exactly the ordering ones", () => {
    const out = toGift(bank, "en");
    expect(out.exported).toBe(representable.length);
    const skippedIds = out.skipped.filter((s) => s.message.en.includes("ordering")).map((s) => s.questionId);
    expect(skippedIds).toEqual(bank.filter((q) => q.kind === "ordering").map((q) => q.id));
  });

  for (const locale of ["en", "zh"] as const) {
    it(`should read back every field of the ${locale} text unchanged`, () => {
      const r = fromGift(toGift(bank, locale).text, locale);
      expect(r.ok, r.ok ? "" : JSON.stringify(r.errors.slice(0, 3))).toBe(true);
      if (!r.ok) return;
      expect(r.questions.map((q) => q.id)).toEqual(representable.map((q) => q.id));
      const original = byId(representable);
      for (const back of r.questions) {
        const q = original.get(back.id);
        expect(q).toBeDefined();
        if (!q) continue;
        expect({ topic: back.topic, kind: back.kind, difficulty: back.difficulty, lesson: back.lesson, misconception: back.misconception }).toEqual({
          topic: q.topic,
          kind: q.kind,
          difficulty: q.difficulty,
          lesson: q.lesson,
          misconception: q.misconception,
        });
        expect(back.prompt[locale]).toBe(q.prompt[locale]);
        expect(back.explanation[locale]).toBe(q.explanation[locale]);
        expect(back.answer).toEqual(
          q.kind === "text"
            ? { accept: { en: q.answer.accept[locale], zh: q.answer.accept[locale] } }
            : q.kind === "numeric" && q.answer.unit
              ? { ...q.answer, unit: { en: q.answer.unit[locale], zh: q.answer.unit[locale] } }
              : q.answer,
        );
        if ("choices" in q && "choices" in back) {
          expect(back.choices.map((c) => c[locale])).toEqual(q.choices.map((c) => c[locale]));
        }
        // Grading is preserved: the original correct answer still scores 1 on the imported question.
        expect(gradeAuthored(back, correctResponse(q), locale).score).toBe(1);
      }
    });
  }

  it("should restore the bilingual questions exactly from an en file plus a zh file", () => {
    const en = fromGift(toGift(bank, "en").text, "en");
    const zh = fromGift(toGift(bank, "zh").text, "zh");
    expect(en.ok && zh.ok).toBe(true);
    if (!en.ok || !zh.ok) return;
    const merged = mergeGiftTranslation(en.questions, zh.questions, "zh");
    expect(merged.issues).toEqual([]);
    expect(merged.questions).toEqual(representable);
  });

  it("should report, not merge, a translation whose answer differs", () => {
    const [first] = representable;
    if (!first || first.kind !== "single") throw new Error("the bank starts with a single-choice question");
    const other = first.choices.find((c) => c.id !== first.answer)?.id ?? "a";
    const altered = { ...first, answer: other };
    const merged = mergeGiftTranslation([first], [altered], "zh");
    expect(merged.questions).toEqual([first]);
    expect(merged.issues[0]?.questionId).toBe(first.id);
  });
});
