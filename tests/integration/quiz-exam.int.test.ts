import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { authoredQuestionSchema, loadQuestionBank } from "@/lib/content/questions";
import { db } from "@/lib/server/db";
import { attemptView, startAttempt } from "@/lib/server/quiz/attempts";
import { importGift, saveAuthored } from "@/lib/server/quiz/authored-questions";
import { createClass, joinClass } from "@/lib/server/quiz/classes";
import type { Actor } from "@/lib/server/quiz/errors";
import { setFamilyLookup } from "@/lib/server/quiz/families";
import { itemAnalysis, itemAnalysisCsv } from "@/lib/server/quiz/item-analysis";
import { extendAttempt, forceFinish, monitorSnapshot, releaseResults } from "@/lib/server/quiz/monitor";
import { newPracticeVariant, variantFor } from "@/lib/server/quiz/practice";
import { AUTHORED_INPUT } from "@/lib/server/quiz/prompt";
import { addItem, createQuiz, publishQuiz, quizSettingsSchema } from "@/lib/server/quiz/quizzes";
import { regradeItem } from "@/lib/server/quiz/regrade";
import { quizResults } from "@/lib/server/quiz/results";
import { SEALED_EXPLANATION, sealedRefs } from "@/lib/server/quiz/sealed";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { fakeFamilyLookup } from "@/lib/server/quiz/testing/fake-family";
import { readStoredParams, type ItemSpec } from "@/lib/server/quiz/types";
import { variantRow } from "@/lib/server/quiz/store";
import { correctRawAnswer } from "@/lib/server/quiz/variants";
import { comparable, expected as expectedResults, referenceResults } from "./fixtures/report-reference";
import { dbKind, makeUser } from "./helpers";

async function actor(role: "STUDENT" | "INSTRUCTOR" = "STUDENT"): Promise<Actor & { name: string }> {
  const u = await makeUser(role, `${role.toLowerCase()} ${Math.random().toString(36).slice(2, 7)}`);
  return { id: u.id, role, name: u.name };
}

function exam(over: Record<string, unknown> = {}) {
  return quizSettingsSchema.parse({ title: "Exam", description: "", mode: "EXAM", attemptLimit: null, timeLimitMin: 30, opensAt: null, closesAt: new Date(Date.now() + 86_400_000), ...over });
}

/** The display letter of a variant's option other than the key. */
function wrongLetter(params: ReturnType<typeof readStoredParams>, seed: number): string {
  return correctRawAnswer(params, seed)[AUTHORED_INPUT] === "a" ? "b" : "a";
}

/** An instructor's class with one student in it, and a student outside it. */
async function classWithOutsider(name: string) {
  const teacher = await actor("INSTRUCTOR");
  const student = await actor();
  const outsider = await actor();
  const cls = await createClass(teacher, name);
  await joinClass(student, cls.joinCode);
  return { teacher, student, outsider, cls };
}

const segmentsBank = loadQuestionBank().filter((q) => q.topic === "segments");

describe(`exams an instructor can trust on ${dbKind()}`, () => {
  beforeAll(() => setFamilyLookup(fakeFamilyLookup));
  afterAll(() => setFamilyLookup(undefined));

  it("should keep an open exam's questions out of its class's practice, withhold explanations, and seal results until released", async () => {
    const { teacher, student, outsider, cls } = await classWithOutsider("Sealed");
    const quiz = await createQuiz(teacher, exam());
    const sealed = segmentsBank[0]!;
    await addItem(teacher, quiz.id, { source: "bank", bankId: sealed.id });
    await addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers" });
    await publishQuiz(teacher, quiz.id, cls.id, null);

    // Under the fake registry "segments" has only bank questions: the member never draws the sealed one.
    const refs = new Set<string>();
    for (let i = 0; i < 3 * segmentsBank.length; i++) {
      const id = await newPracticeVariant(student, { kind: "topic", topic: "segments" });
      refs.add((await db.questionAttempt.findUniqueOrThrow({ where: { id } })).ref);
    }
    expect(refs.has(sealed.id)).toBe(false);
    expect(refs.size).toBeGreaterThan(1);

    // The exam's family still practises, without its explanation; someone outside the class gets it.
    const mine = await newPracticeVariant(student, { kind: "family", family: "handshake-numbers" });
    const theirs = await newPracticeVariant(outsider, { kind: "family", family: "handshake-numbers" });
    const answer = async (who: Actor, id: string) => {
      const row = await db.questionAttempt.findUniqueOrThrow({ where: { id } });
      const out = await submitAnswer(who, id, correctRawAnswer(readStoredParams(row.params), row.seed), "en");
      return out.status === "graded" ? out.result : null;
    };
    expect((await answer(student, mine))?.explanation).toEqual(SEALED_EXPLANATION);
    expect((await answer(outsider, theirs))?.explanation).not.toEqual(SEALED_EXPLANATION);

    // Exam results stay sealed until the instructor releases them.
    const attemptId = await startAttempt(student, quiz.id);
    const rows = await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId } });
    const graded = await submitAnswer(student, rows[0]!.id, correctRawAnswer(readStoredParams(rows[0]!.params), rows[0]!.seed), "en");
    expect(graded).toMatchObject({ status: "graded", result: null });
    expect((await attemptView(student, attemptId)).resultsVisible).toBe(false);
    await expect(releaseResults(student, quiz.id)).rejects.toMatchObject({ code: "notFound" });
    await releaseResults(teacher, quiz.id);
    const view = await attemptView(student, attemptId);
    expect(view.resultsVisible).toBe(true);
    expect(view.questions[0]?.result?.score).toBe(1);
    // Released: the exam no longer seals its bank question.
    const after = new Set<string>();
    for (let i = 0; i < 6 * segmentsBank.length && !after.has(sealed.id); i++) {
      const id = await newPracticeVariant(student, { kind: "topic", topic: "segments" });
      after.add((await db.questionAttempt.findUniqueOrThrow({ where: { id } })).ref);
    }
    expect(after.has(sealed.id)).toBe(true);
  });

  it("should seal an exam's questions only between its opening and its closing or release, for its classes' members", async () => {
    const { teacher, student, outsider, cls } = await classWithOutsider("Window");
    // Whole seconds: the window's edges are compared in the database as stored.
    const opens = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000);
    const closes = new Date(opens.getTime() + 3_600_000);
    const quiz = await createQuiz(teacher, exam({ opensAt: opens, closesAt: closes }));
    const bank = segmentsBank[1]!;
    await addItem(teacher, quiz.id, { source: "bank", bankId: bank.id });
    await addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers" });
    await publishQuiz(teacher, quiz.id, cls.id, null);
    const at = (ms: number) => new Date(opens.getTime() + ms);

    // Through grading, as a practice answer meets the seal: a fresh row of the question (its
    // source possibly relabelled) answered correctly at `now`, explanation withheld or not.
    let seed = 1;
    const withheld = async (who: Actor, spec: ItemSpec, now: Date, source: string = spec.source) => {
      const row = await db.questionAttempt.create({ data: { userId: who.id, ...variantRow(variantFor(spec, seed++), "practice"), source } });
      const out = await submitAnswer(who, row.id, correctRawAnswer(readStoredParams(row.params), row.seed), "en", now);
      if (out.status !== "graded" || !out.result) throw new Error("expected a graded practice answer");
      return out.result.explanation === SEALED_EXPLANATION;
    };
    const bankSpec: ItemSpec = { source: "bank", bankId: bank.id };
    const sealedAt = (who: Actor, now: Date) => Promise.all([withheld(who, bankSpec, now), withheld(who, { source: "family", family: "handshake-numbers" }, now)]);
    expect(await sealedAt(student, at(-1000))).toEqual([false, false]); // not open yet
    expect(await sealedAt(student, at(0))).toEqual([true, true]); // opens at opensAt
    expect(await sealedAt(student, at(3_599_000))).toEqual([true, true]);
    expect(await sealedAt(student, closes)).toEqual([false, false]); // closed at closesAt
    expect(await sealedAt(outsider, at(1000))).toEqual([false, false]); // not in the class
    // Another question of the same source, and a source the exam does not use, stay open.
    expect(await withheld(student, { source: "bank", bankId: segmentsBank[0]!.id }, at(1000))).toBe(false);
    expect(await withheld(student, bankSpec, at(1000), "authored")).toBe(false);
    expect(await withheld(student, bankSpec, at(1000), "nonsense")).toBe(false);

    const refs = await sealedRefs(student.id, at(1000));
    expect([...refs.bank]).toEqual([bank.id]);
    expect([...refs.family]).toEqual(["handshake-numbers"]);
    expect(refs.authored.size).toBe(0);
    expect((await sealedRefs(student.id, at(-1000))).bank.size).toBe(0);

    // Released results unseal from that moment on, before the exam closes.
    await db.quiz.update({ where: { id: quiz.id }, data: { resultsReleasedAt: at(60_000) } });
    expect(await sealedAt(student, at(59_000))).toEqual([true, true]);
    expect(await sealedAt(student, at(60_000))).toEqual([false, false]);
  });

  it("should show the live monitor, extend one student's time and finish an attempt", async () => {
    const teacher = await actor("INSTRUCTOR");
    const other = await actor("INSTRUCTOR");
    const student = await actor();
    const cls = await createClass(teacher, "Monitor");
    await joinClass(student, cls.joinCode);
    const quiz = await createQuiz(teacher, exam());
    await addItem(teacher, quiz.id, { source: "bank", bankId: segmentsBank[0]!.id });
    await addItem(teacher, quiz.id, { source: "bank", bankId: segmentsBank[1]!.id });
    await publishQuiz(teacher, quiz.id, cls.id, null);

    const row = (s: Awaited<ReturnType<typeof monitorSnapshot>>) => s.rows.find((r) => r.userId === student.id)!;
    expect(row(await monitorSnapshot(teacher, quiz.id))).toMatchObject({ status: "notStarted", answered: 0 });
    await expect(monitorSnapshot(other, quiz.id)).rejects.toMatchObject({ code: "notFound" });

    const attemptId = await startAttempt(student, quiz.id);
    const started = row(await monitorSnapshot(teacher, quiz.id));
    expect(started).toMatchObject({ status: "inProgress", answered: 0, attemptId });
    expect(started.secondsLeft).toBeGreaterThan(29 * 60);
    expect(started.secondsLeft).toBeLessThanOrEqual(30 * 60);

    const [q1] = await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId }, orderBy: { createdAt: "asc" } });
    await submitAnswer(student, q1!.id, { [AUTHORED_INPUT]: wrongLetter(readStoredParams(q1!.params), q1!.seed) }, "en");
    expect(row(await monitorSnapshot(teacher, quiz.id)).answered).toBe(1);

    const before = (await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).deadlineAt!.getTime();
    await expect(extendAttempt(teacher, quiz.id, attemptId, 0)).rejects.toMatchObject({ code: "invalidInput" });
    await expect(extendAttempt(other, quiz.id, attemptId, 10)).rejects.toMatchObject({ code: "notFound" });
    const moved = await extendAttempt(teacher, quiz.id, attemptId, 10);
    expect(moved.getTime() - before).toBe(10 * 60_000);
    expect(row(await monitorSnapshot(teacher, quiz.id)).secondsLeft).toBeGreaterThan(39 * 60);

    await forceFinish(teacher, quiz.id, attemptId);
    expect(row(await monitorSnapshot(teacher, quiz.id))).toMatchObject({ status: "finished", answered: 1, secondsLeft: null });
    await expect(forceFinish(teacher, quiz.id, attemptId)).rejects.toMatchObject({ code: "attemptFinished" });
  });

  it("should analyse items of a seeded class in SQL and regrade after a key is fixed", async () => {
    const teacher = await actor("INSTRUCTOR");
    const cls = await createClass(teacher, "Analysis");
    const base = segmentsBank.find((q) => q.kind === "single")!;
    if (base.kind !== "single") throw new Error("single expected");
    // The author keyed the wrong option: "b" is right, the key says "a".
    const keyed = base.choices.find((c) => c.id !== base.answer)!.id;
    const wrongKey = authoredQuestionSchema.parse({ ...base, id: "regrade-me", answer: keyed });
    const saved = await saveAuthored(teacher, wrongKey);
    if (!saved.ok) throw new Error("saved");
    const quiz = await createQuiz(teacher, exam({ timeLimitMin: null }));
    const authoredItem = await addItem(teacher, quiz.id, { source: "authored", questionId: saved.id });
    const bankItem = await addItem(teacher, quiz.id, { source: "bank", bankId: segmentsBank.find((q) => q.kind === "single" && q.id !== base.id)!.id });
    await publishQuiz(teacher, quiz.id, cls.id, null);

    // Six students: the first four answer the bank item right, all six pick the truly right option of the authored item
    // except the last two, who pick the (wrong) key.
    const trulyRight = base.answer;
    const students: Actor[] = [];
    for (let s = 0; s < 6; s++) {
      const st = await actor();
      students.push(st);
      await joinClass(st, cls.joinCode);
      const attemptId = await startAttempt(st, quiz.id);
      for (const r of await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId } })) {
        const p = readStoredParams(r.params);
        if (r.quizItemId === bankItem.id) {
          const raw = s < 4 ? correctRawAnswer(p, r.seed) : { [AUTHORED_INPUT]: wrongLetter(p, r.seed) };
          await submitAnswer(st, r.id, raw, "en");
        } else {
          const pick = s < 4 ? trulyRight : keyed;
          const letter = "abcdefgh"[(p.kind === "authored" ? p.order ?? [] : []).indexOf(pick)]!;
          await submitAnswer(st, r.id, { [AUTHORED_INPUT]: letter }, "en");
        }
      }
      const { finishAttempt } = await import("@/lib/server/quiz/attempts");
      await finishAttempt(st, attemptId);
    }

    const rows = await itemAnalysis(teacher, quiz.id, "en");
    const a = rows.find((r) => r.itemId === authoredItem.id)!;
    const b = rows.find((r) => r.itemId === bankItem.id)!;
    expect(b.responses).toBe(6);
    expect(b.facility).toBeCloseTo(4 / 6, 6);
    expect(a.facility).toBeCloseTo(2 / 6, 6);
    // Options are counted by authored id whatever letter each student saw.
    expect(a.choices).toEqual(
      [
        { choice: trulyRight, count: 4, rate: 4 / 6 },
        { choice: keyed, count: 2, rate: 2 / 6 },
      ].sort((x, y) => x.choice.localeCompare(y.choice)),
    );
    // Totals: students 0–3 score 0 + 1, students 4–5 score 1 (the wrong key) + 0: every total is ½, so no
    // correlation with the total is defined.
    expect(b.discrimination).toBeNull();
    expect(a.meanSeconds).not.toBeNull();
    const csv = itemAnalysisCsv(rows, { position: "#", question: "Q", responses: "N", facility: "F", discrimination: "D", meanSeconds: "T", choices: "C", byParameter: "P" });
    expect(csv.split("\r\n")[0]).toBe("#,Q,N,F,D,T,C,P");

    // The instructor fixes the key, then regrades: the four who were right go from ½ to 1, the two who picked the
    // old key from ½ to 0.
    // The results page's kept summaries agree with its rows before and after the regrade (issue #16).
    const resultsMatch = async () => {
      for (const locale of ["en", "zh"] as const) expect(comparable(await quizResults(teacher, quiz.id, locale))).toEqual(expectedResults(await referenceResults(quiz.id, locale)));
    };
    await resultsMatch();
    expect((await quizResults(teacher, quiz.id, "en")).itemStats.find((s) => s.itemId === authoredItem.id)).toMatchObject({ answered: 6, meanScore: 2 / 6, fullMarks: 2 });
    const fixed = await saveAuthored(teacher, { ...wrongKey, answer: trulyRight }, saved.id);
    expect(fixed.ok).toBe(true);
    const report = await regradeItem(teacher, quiz.id, authoredItem.id);
    expect(report.regraded).toBe(6);
    expect(report.changed.map((c) => `${c.before}→${c.after}`).sort()).toEqual(["0.5→0", "0.5→0", "0.5→1", "0.5→1", "0.5→1", "0.5→1"]);
    await resultsMatch();
    expect((await quizResults(teacher, quiz.id, "en")).itemStats.find((s) => s.itemId === authoredItem.id)).toMatchObject({ answered: 6, meanScore: 4 / 6, fullMarks: 4 });
    const again = (await itemAnalysis(teacher, quiz.id, "en")).find((r) => r.itemId === authoredItem.id)!;
    expect(again.facility).toBeCloseTo(4 / 6, 6);
    // Now the totals differ and both items separate the same students: positive discrimination.
    expect((await itemAnalysis(teacher, quiz.id, "en")).find((r) => r.itemId === bankItem.id)!.discrimination).toBeGreaterThan(0.9);
  });

  it("should give a scenario family's correct rate per drawn parameter value, in the instructor's language", async () => {
    const teacher = await actor("INSTRUCTOR");
    const cls = await createClass(teacher, "Facets");
    const quiz = await createQuiz(teacher, exam({ timeLimitMin: null }));
    // The real backlog family (this suite's fake registry has no parameters to draw).
    setFamilyLookup(undefined);
    onTestFinished(() => setFamilyLookup(fakeFamilyLookup));
    const item = await addItem(teacher, quiz.id, { source: "family", family: "backlog", config: { difficulty: 3 } });
    await publishQuiz(teacher, quiz.id, cls.id, null);
    const { finishAttempt } = await import("@/lib/server/quiz/attempts");
    // What each student's variant drew (read from the stored row), and whether they answered it fully right.
    const drawn: { facets: Record<string, unknown>; right: boolean }[] = [];
    for (let s = 0; s < 6; s++) {
      const st = await actor();
      await joinClass(st, cls.joinCode);
      const attemptId = await startAttempt(st, quiz.id);
      const [r] = await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId } });
      const p = readStoredParams(r!.params);
      // Students 0–2 answer right; 3–5 are one connection off — one fewer, or one more when none
      // succeeded: the input's range is 0…clients (lib/scenarios/families/backlog.ts), and "one too
      // many" when every connect() succeeded was refused as a format error and never recorded (a
      // flake: no wrong answer on the results page when all three drew that case).
      const right = correctRawAnswer(p, r!.seed);
      const connected = Number(right.connected);
      await submitAnswer(st, r!.id, s < 3 ? right : { ...right, connected: String(connected === 0 ? 1 : connected - 1) }, "en");
      await finishAttempt(st, attemptId);
      drawn.push({ facets: (p.kind === "family" ? p.facets : undefined) ?? {}, right: s < 3 });
    }
    for (const d of drawn) expect(Object.keys(d.facets).sort()).toEqual(["acceptedFirst", "backlog", "clients", "difficulty", "somaxconn"]);
    const expected = new Map<string, { n: number; right: number }>();
    for (const d of drawn) {
      for (const [name, value] of Object.entries(d.facets)) {
        const e = expected.get(`${name}=${String(value)}`) ?? { n: 0, right: 0 };
        e.n += 1;
        e.right += d.right ? 1 : 0;
        expected.set(`${name}=${String(value)}`, e);
      }
    }
    const [row] = await itemAnalysis(teacher, quiz.id, "en");
    expect(row!.itemId).toBe(item.id);
    expect(row!.responses).toBe(6);
    // Facility is the mean score: three right, three with at most partial credit.
    expect(row!.facility).toBeGreaterThanOrEqual(0.5);
    expect(row!.facility).toBeLessThan(1);
    expect(new Map(row!.byParameter.map((p) => [`${p.name}=${p.value}`, { n: p.responses, right: Math.round(p.correctRate * p.responses) }]))).toEqual(expected);
    expect(row!.byParameter.find((p) => p.name === "backlog")!.parameter).toBe("listen() backlog");
    const [zh] = await itemAnalysis(teacher, quiz.id, "zh");
    expect(zh!.byParameter.find((p) => p.name === "difficulty")).toMatchObject({ parameter: "难度", value: "3", responses: 6, correctRate: 0.5 });
    const csv = itemAnalysisCsv([row!], { position: "#", question: "Q", responses: "N", facility: "F", discrimination: "D", meanSeconds: "T", choices: "C", byParameter: "P" });
    expect(csv).toContain("difficulty=3:50%(6)");
    // The results page's wrong answers of a scenario family (its own feedback, in both languages) match its rows (issue #16).
    for (const locale of ["en", "zh"] as const) {
      const results = await quizResults(teacher, quiz.id, locale);
      expect(comparable(results)).toEqual(expectedResults(await referenceResults(quiz.id, locale)));
      expect(results.itemStats[0]!.commonWrong.length).toBeGreaterThan(0);
    }
  });

  it("should refuse unknown and out-of-range family settings with details in both languages", async () => {
    const teacher = await actor("INSTRUCTOR");
    const quiz = await createQuiz(teacher, exam());
    await expect(addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers", config: { clients: 999 } })).rejects.toMatchObject({
      code: "invalidConfig",
      status: 400,
      values: { detailsEn: "unknown setting “clients”", detailsZh: "未知参数 “clients”" },
    });
    await expect(addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers", config: { offset: 99 } })).rejects.toMatchObject({
      values: { detailsEn: "offset must be at most 10", detailsZh: "offset 不能大于 10" },
    });
    expect(await db.quizItem.count({ where: { quizId: quiz.id } })).toBe(0);
  });

  it("should mark a GIFT question imported in one language as not yet translated", async () => {
    const teacher = await actor("INSTRUCTOR");
    const gift = "::gift-one:: Which flag opens a connection? {=SYN ~FIN ~RST}\n";
    const one = await importGift(teacher, { text: gift, locale: "en", defaultTopic: "segments" });
    expect(one.ok).toBe(true);
    const rows = await db.authoredQuestion.findMany({ where: { ownerId: teacher.id } });
    expect((rows[0]!.data as { untranslated?: string }).untranslated).toBe("zh");
    const both = await importGift(teacher, { text: gift, locale: "en", translation: "::gift-one:: 哪个标志发起连接？ {=SYN ~FIN ~RST}\n", defaultTopic: "segments" });
    expect(both.ok).toBe(true);
    const again = await db.authoredQuestion.findMany({ where: { ownerId: teacher.id } });
    expect((again[0]!.data as { untranslated?: string }).untranslated).toBeUndefined();
  });
});
