import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadQuestionBank, type AuthoredQuestion } from "@/lib/content/questions";
import { db } from "@/lib/server/db";
import { assignedQuizzes, attemptView, finishAttempt, quizOverview, startAttempt } from "@/lib/server/quiz/attempts";
import { deleteAuthored, exportGift, GIFT_LIMITS, importGift, listAuthored, saveAuthored } from "@/lib/server/quiz/authored-questions";
import { createClass, getClassForMember, getClassForStaff, joinClass, normalizeJoinCode } from "@/lib/server/quiz/classes";
import type { Actor } from "@/lib/server/quiz/errors";
import { setFamilyLookup } from "@/lib/server/quiz/families";
import { AUTHORED_INPUT } from "@/lib/server/quiz/prompt";
import { addItem, createQuiz, moveItem, previewItem, publishQuiz, quizSettingsSchema, removeItem, selfTestItem, updateQuiz } from "@/lib/server/quiz/quizzes";
import { gradesCsv, quizResults } from "@/lib/server/quiz/results";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { fakeIsn, fakeFamilyLookup } from "@/lib/server/quiz/testing/fake-family";
import { readStoredParams } from "@/lib/server/quiz/types";
import { correctRawAnswer } from "@/lib/server/quiz/variants";
import { dbKind, makeUser } from "./helpers";

const HOUR = 3_600_000;

async function actor(role: "STUDENT" | "INSTRUCTOR" | "ADMIN" = "STUDENT"): Promise<Actor & { name: string }> {
  const u = await makeUser(role, `${role.toLowerCase()} ${Math.random().toString(36).slice(2, 7)}`);
  return { id: u.id, role, name: u.name };
}

const singleBank = loadQuestionBank().find((q): q is Extract<AuthoredQuestion, { kind: "single" }> => q.kind === "single")!;

function settings(over: Partial<Parameters<typeof quizSettingsSchema.parse>[0]> = {}) {
  return quizSettingsSchema.parse({
    title: "Handshake check",
    description: "",
    mode: "PRACTICE",
    attemptLimit: null,
    timeLimitMin: null,
    opensAt: null,
    closesAt: null,
    ...over,
  });
}

/** A class with one joined student and a quiz (bank single-choice + fake family) published to it. */
async function setup(over: Parameters<typeof settings>[0] = {}) {
  const teacher = await actor("INSTRUCTOR");
  const student = await actor();
  const cls = await createClass(teacher, "TCP 101");
  await joinClass(student, cls.joinCode.toLowerCase().replace(/(....)/, "$1-"));
  const quiz = await createQuiz(teacher, settings(over));
  const bankItem = await addItem(teacher, quiz.id, { source: "bank", bankId: singleBank.id }, 2);
  const familyItem = await addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers", config: { offset: 4 } });
  await publishQuiz(teacher, quiz.id, cls.id, new Date(Date.now() + 24 * HOUR));
  return { teacher, student, cls, quiz, bankItem, familyItem };
}

/** Answers every question of an attempt: the bank one right, the family one half right. */
async function answerAll(student: Actor, attemptId: string, now?: Date) {
  const rows = await db.questionAttempt.findMany({ where: { quizAttemptId: attemptId } });
  for (const r of rows) {
    const p = readStoredParams(r.params);
    if (p.kind === "authored") await submitAnswer(student, r.id, correctRawAnswer(p, r.seed), "en", now);
    else await submitAnswer(student, r.id, { ack: (p.params as { isn: number }).isn, state: "ESTABLISHED" }, "en", now);
  }
}

describe(`classes, quizzes and attempts on ${dbKind()}`, () => {
  beforeAll(() => setFamilyLookup(fakeFamilyLookup));
  afterAll(() => setFamilyLookup(undefined));

  it("should give classes unambiguous join codes that students can type loosely", async () => {
    const teacher = await actor("INSTRUCTOR");
    const cls = await createClass(teacher, "Networks");
    expect(cls.joinCode).toMatch(/^[ACDEFGHJKMNPQRTWXY34679]{8}$/);
    expect(normalizeJoinCode(` ${cls.joinCode.slice(0, 4).toLowerCase()} - ${cls.joinCode.slice(4)} `)).toBe(cls.joinCode);
    expect(normalizeJoinCode("O0O0-I1I1")).toBeNull();
    const student = await actor();
    await joinClass(student, cls.joinCode);
    await joinClass(student, cls.joinCode); // idempotent
    expect(await db.classMember.count({ where: { classId: cls.id } })).toBe(1);
    await expect(joinClass(student, "ACDE-FGHJ")).rejects.toMatchObject({ code: "invalidJoinCode" });
    await expect(joinClass(teacher, cls.joinCode)).rejects.toMatchObject({ code: "ownClass" });
  });

  it("should keep classes private to their members and their instructor", async () => {
    const { teacher, student, cls } = await setup();
    const outsider = await actor();
    const otherTeacher = await actor("INSTRUCTOR");
    const admin = await actor("ADMIN");
    expect((await getClassForMember(student, cls.id)).name).toBe("TCP 101");
    await expect(getClassForMember(outsider, cls.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await getClassForStaff(teacher, cls.id)).members).toHaveLength(1);
    await expect(getClassForStaff(otherTeacher, cls.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(getClassForStaff(student, cls.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await getClassForStaff(admin, cls.id)).id).toBe(cls.id);
  });

  it("should validate quiz settings: exams need a close date after the open date", () => {
    expect(quizSettingsSchema.safeParse({ title: "x", mode: "EXAM", attemptLimit: 1, timeLimitMin: null, opensAt: null, closesAt: null }).success).toBe(false);
    const r = quizSettingsSchema.safeParse({ title: "x", mode: "EXAM", attemptLimit: 1, timeLimitMin: 5, opensAt: new Date(2030, 1, 2), closesAt: new Date(2030, 1, 1) });
    expect(r.success).toBe(false);
    // Practice quizzes drop limits (unlimited by definition).
    expect(settings({ attemptLimit: 3, timeLimitMin: 10 })).toMatchObject({ attemptLimit: null, timeLimitMin: null });
  });

  it("should validate family items with the family's config schema and store the parsed config", async () => {
    const teacher = await actor("INSTRUCTOR");
    const quiz = await createQuiz(teacher, settings());
    await expect(addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers", config: { offset: 99 } })).rejects.toMatchObject({ code: "invalidConfig" });
    await expect(addItem(teacher, quiz.id, { source: "family", family: "syn-flood" })).rejects.toMatchObject({ code: "familyUnavailable" });
    await expect(addItem(teacher, quiz.id, { source: "bank", bankId: "no-such-question" })).rejects.toMatchObject({ code: "notFound" });
    const item = await addItem(teacher, quiz.id, { source: "family", family: "handshake-numbers", config: { offset: 2 } });
    expect(item.config).toEqual({ difficulty: 2, offset: 2 });
    expect(await db.quizItem.count({ where: { quizId: quiz.id } })).toBe(1);
  });

  it("should reorder and remove items keeping positions unique", async () => {
    const teacher = await actor("INSTRUCTOR");
    const quiz = await createQuiz(teacher, settings());
    const bank = loadQuestionBank();
    const a = await addItem(teacher, quiz.id, { source: "bank", bankId: bank[0]!.id });
    const b = await addItem(teacher, quiz.id, { source: "bank", bankId: bank[1]!.id });
    const c = await addItem(teacher, quiz.id, { source: "bank", bankId: bank[2]!.id });
    await moveItem(teacher, quiz.id, c.id, "up");
    await moveItem(teacher, quiz.id, a.id, "up"); // already first: no-op
    const order = async () => (await db.quizItem.findMany({ where: { quizId: quiz.id }, orderBy: { position: "asc" } })).map((i) => i.id);
    expect(await order()).toEqual([a.id, c.id, b.id]);
    await removeItem(teacher, quiz.id, c.id);
    expect(await order()).toEqual([a.id, b.id]);
    const other = await actor("INSTRUCTOR");
    await expect(moveItem(other, quiz.id, a.id, "down")).rejects.toMatchObject({ code: "notFound" });
  });

  it("should preview with the answer and self-test items for their instructor only", async () => {
    const { teacher, student, quiz, familyItem, bankItem } = await setup();
    const p = await previewItem(teacher, quiz.id, familyItem.id, 10);
    expect(p.correctDisplay.ack?.en).toBe(String(fakeIsn(10) + 4 + 1));
    const st = await selfTestItem(teacher, quiz.id, familyItem.id, 100);
    expect(st).toMatchObject({ checked: 100, failures: [] });
    expect((await selfTestItem(teacher, quiz.id, bankItem.id)).failures).toEqual([]);
    await expect(previewItem(student, quiz.id, familyItem.id)).rejects.toMatchObject({ code: "notFound" });
  });

  it("should run a practice quiz: new variants each attempt, results at once, unlimited", async () => {
    const { student, quiz } = await setup();
    const a1 = await startAttempt(student, quiz.id);
    expect(await startAttempt(student, quiz.id)).toBe(a1); // in progress: same attempt
    await answerAll(student, a1);
    await finishAttempt(student, a1);
    const v1 = await attemptView(student, a1);
    // Bank item (2 points) right, family item (1 point) half right: (2·1 + 1·0.5) / 3.
    expect(v1.attempt.score).toBeCloseTo(2.5 / 3, 4);
    expect(v1.questions.every((q) => q.result !== null)).toBe(true);
    const a2 = await startAttempt(student, quiz.id);
    expect(a2).not.toBe(a1);
    const seeds = async (id: string) => (await db.questionAttempt.findMany({ where: { quizAttemptId: id }, orderBy: { createdAt: "asc" } })).map((r) => r.seed);
    const [s1, s2] = [await seeds(a1), await seeds(a2)];
    expect(s1).not.toEqual(s2);
  });

  it("should give an exam one variant per student, enforce limits, and hide results until it closes", async () => {
    const now = Date.now();
    const { student, quiz, teacher } = await setup({ mode: "EXAM", attemptLimit: 2, timeLimitMin: 30, closesAt: new Date(now + 2 * HOUR) });
    const other = await actor();
    const cls = await db.quizClass.findFirstOrThrow({ where: { quizId: quiz.id }, include: { class: true } });
    await joinClass(other, cls.class.joinCode);

    const a1 = await startAttempt(student, quiz.id, new Date(now));
    const att = await db.quizAttempt.findUniqueOrThrow({ where: { id: a1 } });
    expect(att.deadlineAt?.getTime()).toBe(now + 30 * 60_000);
    await answerAll(student, a1, new Date(now + 1000));
    // Before close: the submit response and the attempt view carry no result.
    const rows = await db.questionAttempt.findMany({ where: { quizAttemptId: a1 } });
    const again = await submitAnswer(student, rows[0]!.id, { [AUTHORED_INPUT]: "a" }, "en", new Date(now + 2000));
    expect(again).toMatchObject({ status: "graded", alreadySubmitted: true, result: null });
    await finishAttempt(student, a1, new Date(now + 3000));
    const hidden = await attemptView(student, a1, new Date(now + 4000));
    expect(hidden.resultsVisible).toBe(false);
    expect(hidden.attempt.score).toBeNull();
    expect(hidden.questions.every((q) => q.result === null && q.submitted)).toBe(true);
    expect((await quizOverview(student, quiz.id, new Date(now + 4000))).attempts[0]?.score).toBeNull();
    // The instructor sees the score at once.
    expect((await attemptView(teacher, a1, new Date(now + 4000))).attempt.score).not.toBeNull();

    const a2 = await startAttempt(student, quiz.id, new Date(now + 5000));
    const variant = async (id: string) => (await db.questionAttempt.findMany({ where: { quizAttemptId: id }, include: { quizItem: true } })).map((r) => [r.quizItem?.position, r.seed]).sort();
    expect(await variant(a2)).toEqual(await variant(a1)); // same student: same variant
    const b1 = await startAttempt(other, quiz.id, new Date(now + 5000));
    expect(await variant(b1)).not.toEqual(await variant(a1)); // another student: another variant
    await finishAttempt(student, a2, new Date(now + 6000));
    await expect(startAttempt(student, quiz.id, new Date(now + 7000))).rejects.toMatchObject({ code: "attemptLimit", values: { limit: 2 } });

    // After close: results are visible and nobody can start.
    const after = new Date(now + 3 * HOUR);
    const shown = await attemptView(student, a1, after);
    expect(shown.resultsVisible).toBe(true);
    expect(shown.attempt.score).toBeCloseTo(2.5 / 3, 4);
    expect(shown.questions.every((q) => q.result !== null)).toBe(true);
    await expect(startAttempt(other, quiz.id, after)).rejects.toMatchObject({ code: "closed" });
    // The other student's open attempt was finalized when the exam closed.
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: b1 } })).submittedAt).not.toBeNull();
  });

  it("should refuse answers after the time limit and submit the attempt", async () => {
    const now = Date.now();
    const { student, quiz } = await setup({ mode: "EXAM", attemptLimit: 1, timeLimitMin: 1, closesAt: new Date(now + 2 * HOUR) });
    const a = await startAttempt(student, quiz.id, new Date(now));
    const row = (await db.questionAttempt.findMany({ where: { quizAttemptId: a } }))[0]!;
    await expect(submitAnswer(student, row.id, { [AUTHORED_INPUT]: "a" }, "en", new Date(now + 2 * 60_000))).rejects.toMatchObject({ code: "timeUp" });
    const att = await db.quizAttempt.findUniqueOrThrow({ where: { id: a } });
    expect(att.submittedAt).not.toBeNull();
    expect(att.score).toBe(0);
    await expect(submitAnswer(student, row.id, { [AUTHORED_INPUT]: "a" }, "en", new Date(now + 3 * 60_000))).rejects.toMatchObject({ code: "attemptFinished" });
  });

  it("should not open a quiz before its open date", async () => {
    const { student, quiz } = await setup({ opensAt: new Date(Date.now() + HOUR) });
    await expect(startAttempt(student, quiz.id)).rejects.toMatchObject({ code: "notOpen" });
    expect((await quizOverview(student, quiz.id)).canStart).toBe(false);
  });

  it("should never show one student's attempt, or an unpublished quiz, to anyone else", async () => {
    const { student, quiz, teacher } = await setup();
    const a = await startAttempt(student, quiz.id);
    const classmate = await actor();
    const cls = await db.quizClass.findFirstOrThrow({ where: { quizId: quiz.id }, include: { class: true } });
    await joinClass(classmate, cls.class.joinCode);
    const otherTeacher = await actor("INSTRUCTOR");
    await expect(attemptView(classmate, a)).rejects.toMatchObject({ code: "notFound" });
    await expect(attemptView(otherTeacher, a)).rejects.toMatchObject({ code: "notFound" });
    await expect(finishAttempt(teacher, a)).rejects.toMatchObject({ code: "notFound" });
    const rows = await db.questionAttempt.findMany({ where: { quizAttemptId: a } });
    await expect(submitAnswer(classmate, rows[0]!.id, { [AUTHORED_INPUT]: "a" }, "en")).rejects.toMatchObject({ code: "notFound" });
    // A quiz not published to any of the student's classes is invisible.
    const hiddenQuiz = await createQuiz(teacher, settings());
    await addItem(teacher, hiddenQuiz.id, { source: "bank", bankId: singleBank.id });
    await expect(startAttempt(student, hiddenQuiz.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(quizOverview(student, hiddenQuiz.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await assignedQuizzes(student)).map((q) => q.quizId)).toEqual([quiz.id]);
    // Other instructors cannot edit, publish or read results.
    await expect(updateQuiz(otherTeacher, quiz.id, settings())).rejects.toMatchObject({ code: "notFound" });
    await expect(publishQuiz(otherTeacher, quiz.id, cls.classId, null)).rejects.toMatchObject({ code: "notFound" });
    await expect(quizResults(otherTeacher, quiz.id, "en")).rejects.toMatchObject({ code: "notFound" });
    // Nor can an instructor publish their quiz into someone else's class.
    const foreignClass = await createClass(otherTeacher, "Theirs");
    await expect(publishQuiz(teacher, quiz.id, foreignClass.id, null)).rejects.toMatchObject({ code: "notFound" });
  });

  it("should report results: distribution, per-question success, common wrong answers, CSV", async () => {
    const { teacher, student, quiz, cls, bankItem } = await setup();
    const second = await actor();
    await joinClass(second, cls.joinCode);
    const a = await startAttempt(student, quiz.id);
    await answerAll(student, a);
    await finishAttempt(student, a);
    const b = await startAttempt(second, quiz.id);
    let wrongText = "";
    for (const r of await db.questionAttempt.findMany({ where: { quizAttemptId: b } })) {
      const p = readStoredParams(r.params);
      if (p.kind !== "authored") continue;
      // Options are shuffled per variant: a wrong choice is any letter but this variant's key.
      const wrongLetter = correctRawAnswer(p, r.seed)[AUTHORED_INPUT] === "a" ? "b" : "a";
      const input = p.prompt.inputs[0];
      wrongText = input?.kind === "choice" ? (input.options.find((o) => o.id === wrongLetter)?.label.en ?? "") : "";
      await submitAnswer(second, r.id, { [AUTHORED_INPUT]: wrongLetter }, "en");
    }
    await finishAttempt(second, b);

    const res = await quizResults(teacher, quiz.id, "en");
    expect(res.students).toHaveLength(2);
    expect(res.distribution.reduce((s, x) => s + x, 0)).toBe(2);
    // second: 0 of 3 points → bucket 0; student: 2.5/3 ≈ 0.83 → bucket 8.
    expect(res.distribution[0]).toBe(1);
    expect(res.distribution[8]).toBe(1);
    const bankStats = res.itemStats.find((s) => s.itemId === bankItem.id)!;
    expect(bankStats).toMatchObject({ answered: 2, meanScore: 0.5, fullMarks: 1 });
    expect(wrongText).not.toBe("");
    expect(bankStats.commonWrong).toEqual([{ answer: wrongText, count: 1 }]);

    await db.user.update({ where: { id: second.id }, data: { name: "=HYPERLINK(\"http://evil\")" } });
    const { csv, filename } = await gradesCsv(teacher, quiz.id, "en", { name: "Name", email: "Email", attempts: "Attempts", best: "Best %", lastSubmitted: "Last submitted", question: (n) => `Q${n} %` });
    expect(filename).toBe("handshake-check-grades.csv");
    const parsed = Papa.parse<string[]>(csv.trim());
    expect(parsed.data[0]).toEqual(["Name", "Email", "Attempts", "Best %", "Last submitted", "Q1 %", "Q2 %"]);
    const rowOf = (name: string) => parsed.data.find((r) => r[0] === name);
    expect(rowOf(student.name)?.slice(2, 4)).toEqual(["1", "83.33"]);
    expect(rowOf(student.name)?.slice(5)).toEqual(["100.00", "50.00"]);
    expect(rowOf("'=HYPERLINK(\"http://evil\")")?.[3]).toBe("0.00");
  });

  it("should create, validate, protect and GIFT round-trip authored questions", async () => {
    const teacher = await actor("INSTRUCTOR");
    const bad = await saveAuthored(teacher, { id: "x", kind: "single" });
    expect(bad.ok).toBe(false);
    const q = loadQuestionBank().filter((b) => b.kind !== "ordering").slice(0, 3);
    const ids: string[] = [];
    for (const question of q) {
      const r = await saveAuthored(teacher, question);
      expect(r.ok).toBe(true);
      if (r.ok) ids.push(r.id);
    }
    await expect(saveAuthored(teacher, q[0])).rejects.toMatchObject({ code: "duplicateQuestionId" });
    const mine = await listAuthored(teacher);
    expect(mine).toHaveLength(3);

    // Used in a quiz ⇒ cannot be deleted.
    const quiz = await createQuiz(teacher, settings());
    await addItem(teacher, quiz.id, { source: "authored", questionId: ids[0]! });
    await expect(deleteAuthored(teacher, ids[0]!)).rejects.toMatchObject({ code: "questionInUse" });
    const other = await actor("INSTRUCTOR");
    await expect(addItem(other, quiz.id, { source: "authored", questionId: ids[1]! })).rejects.toMatchObject({ code: "notFound" });
    const otherQuiz = await createQuiz(other, settings());
    await expect(addItem(other, otherQuiz.id, { source: "authored", questionId: ids[1]! })).rejects.toMatchObject({ code: "notFound" });

    // Export both languages and import them into another instructor's account: same questions.
    const en = exportGift(mine, "en");
    const zh = exportGift(mine, "zh");
    expect(en.exported).toBe(3);
    const imported = await importGift(other, { text: en.text, locale: "en", translation: zh.text });
    expect(imported).toMatchObject({ ok: true, created: 3, updated: 0 });
    const theirs = await listAuthored(other);
    const byId = (rows: typeof theirs) => Object.fromEntries(rows.map((r) => [r.question.id, r.question]));
    expect(byId(theirs)).toEqual(byId(mine));
    // Importing again replaces instead of duplicating.
    expect(await importGift(other, { text: en.text, locale: "en", translation: zh.text })).toMatchObject({ ok: true, created: 0, updated: 3 });
    // A syntax error imports nothing and says where.
    const broken = await importGift(other, { text: "::q1:: What? {=a ~b\n", locale: "en" });
    expect(broken.ok).toBe(false);
    expect(await db.authoredQuestion.count({ where: { ownerId: other.id } })).toBe(3);
  });

  it("should refuse a GIFT file over the question or field caps and write nothing (issue #14)", async () => {
    const teacher = await actor("INSTRUCTOR");
    const question = (i: number, title = `Question ${i}`) => `::q${i}:: ${title} {=yes ~no}\n`;
    const many = Array.from({ length: GIFT_LIMITS.maxQuestions + 1 }, (_, i) => question(i)).join("\n");
    const tooMany = await importGift(teacher, { text: many, locale: "en" });
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.errors[0]?.en).toContain(`at most ${GIFT_LIMITS.maxQuestions}`);
    const longTitle = await importGift(teacher, { text: question(1, "x".repeat(100_000)), locale: "en" });
    expect(longTitle.ok).toBe(false);
    if (!longTitle.ok) expect(longTitle.errors[0]?.zh).toContain(String(GIFT_LIMITS.maxFieldChars));
    const huge = await importGift(teacher, { text: question(1).repeat(30_000), locale: "en" });
    expect(huge.ok).toBe(false);
    expect(await db.authoredQuestion.count({ where: { ownerId: teacher.id } })).toBe(0);
    // Within the caps it imports.
    expect(await importGift(teacher, { text: [1, 2, 3].map((i) => question(i)).join("\n"), locale: "en" })).toMatchObject({ ok: true, created: 3 });
  });
});
