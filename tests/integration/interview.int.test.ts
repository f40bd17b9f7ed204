import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interviewQuestionSchema, type InterviewQuestion } from "@/lib/content/interview";
import type { TopicId } from "@/lib/content/topics";
import { readInterviewReport } from "@/lib/interview/report";
import { db } from "@/lib/server/db";
import { setInterviewBankForTests } from "@/lib/server/interview/bank";
import { InterviewError } from "@/lib/server/interview/errors";
import {
  answerOpen,
  assessOpen,
  confirmScenario,
  currentStep,
  endSession,
  expireOpen,
  expireScenario,
  getSession,
  listSessions,
  markShown,
  scenarioAttemptId,
  startSession,
} from "@/lib/server/interview/sessions";
import { setFamilyLookup } from "@/lib/server/quiz/families";
import { submitAnswer } from "@/lib/server/quiz/submit";
import { fakeIsn, fakeFamilyLookup } from "@/lib/server/quiz/testing/fake-family";
import { dbKind, domainErrorCode, makeUser } from "./helpers";

/** A small fixed bank, so these tests do not move with the real content. */
function question(id: string, topic: TopicId, lesson: string, keyPoints = 4): InterviewQuestion {
  const L = (s: string) => ({ en: s, zh: `${s}（中文）` });
  return interviewQuestionSchema.parse({
    id,
    topic,
    difficulty: 2,
    question: L(`Question ${id}?`),
    modelAnswer: L(`Model answer of ${id}.`),
    keyPoints: Array.from({ length: keyPoints }, (_, i) => ({ ...L(`point ${i + 1}`), keywords: { en: [`point ${i + 1}`], zh: [`要点 ${i + 1}`] } })),
    followUps: [L("Follow-up one?"), L("Follow-up two?")],
    lessons: [lesson],
  });
}

const BANK = [
  question("hs-a", "handshake", "three-way-handshake#why-three"),
  question("hs-b", "handshake", "three-way-handshake"),
  question("hs-c", "handshake", "three-way-handshake", 3),
  question("bl-a", "backlog", "listen-backlog#accept-queue"),
  question("bl-b", "backlog", "listen-backlog"),
];

const T0 = new Date("2030-05-06T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** A 1-minute strict session of three questions whose scenario question was shown at T0. */
async function strictScenarioShownAt0() {
  const user = await makeUser();
  const actor = { id: user.id, role: user.role };
  const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: true, strictSeconds: 60 });
  const scenario = (await getSession(user.id, id))!.items.find((i) => i.kind === "scenario")!;
  await markShown(user.id, id, scenario.id, at(0));
  return { user, actor, id, scenario };
}

const codeOf = (promise: Promise<unknown>) => domainErrorCode(promise, InterviewError);

/** Runs `body` with the fake family as "handshake-numbers", then leaves the quiz services without a lookup override. */
async function withFakeScenarios(body: () => Promise<void>): Promise<void> {
  setFamilyLookup(fakeFamilyLookup);
  try {
    await body();
  } finally {
    setFamilyLookup(undefined);
  }
}

describe(`mock interviews on ${dbKind()}`, () => {
  beforeAll(() => {
    setInterviewBankForTests(BANK);
    setFamilyLookup(fakeFamilyLookup);
  });
  afterAll(() => {
    setInterviewBankForTests(undefined);
    setFamilyLookup(undefined);
  });

  it("should plan distinct open questions of the chosen topics and refuse a bad setup without writing", async () => {
    const user = await makeUser();
    const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: false });
    const session = (await getSession(user.id, id))!;
    expect(session.length).toBe(3);
    expect(session.items.map((i) => i.position)).toEqual([0, 1, 2]);
    expect(session.items.every((i) => i.kind === "open" && i.topic === "handshake")).toBe(true);
    expect(new Set(session.items.map((i) => i.ref)).size).toBe(3);

    const other = await makeUser();
    await expect(startSession(other.id, { length: 4 as 3, topics: ["handshake"], scenarios: false })).rejects.toThrow();
    await expect(startSession(other.id, { length: 3, topics: [], scenarios: false })).rejects.toThrow();
    expect(await db.interviewSession.count({ where: { userId: other.id } })).toBe(0);
  });

  it("should time, assess and report an open-question session, enforcing the order of steps", async () => {
    const user = await makeUser();
    const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: false });
    const plan: { score: number; confidence: 1 | 2 | 3 | 4 | 5; seconds: number }[] = [
      { score: 100, confidence: 5, seconds: 90 },
      { score: 50, confidence: 3, seconds: 30 },
      { score: 0, confidence: 1, seconds: 60 },
    ];
    let clock = 0;
    for (const [n, step] of plan.entries()) {
      const session = (await getSession(user.id, id))!;
      const current = await currentStep(user.id, session);
      expect(current?.phase).toBe("answer");
      expect(current?.item.position).toBe(n);
      const item = current!.item;
      // Assessing before answering is out of order.
      expect(await codeOf(assessOpen(user.id, id, item.id, { keyPoints: [], score: 10 }, at(clock)))).toBe("wrongStep");

      await markShown(user.id, id, item.id, at(clock));
      // A reload does not restart the clock.
      expect((await markShown(user.id, id, item.id, at(clock + 5))).toISOString()).toBe(at(clock).toISOString());
      clock += step.seconds;
      await answerOpen(user.id, id, item.id, { text: `  my answer ${n}  `, confidence: step.confidence }, at(clock));
      expect(await codeOf(answerOpen(user.id, id, item.id, { text: "again", confidence: 3 }, at(clock)))).toBe("wrongStep");

      const keyPoints = BANK.find((q) => q.id === item.ref)!.keyPoints.map(() => true);
      expect(await codeOf(assessOpen(user.id, id, item.id, { keyPoints: [...keyPoints, true], score: 50 }, at(clock)))).toBe("invalidInput");
      const outcome = await assessOpen(user.id, id, item.id, { keyPoints, score: step.score }, at(clock));
      expect(outcome.finished).toBe(n === plan.length - 1);
      const row = await db.interviewItem.findUniqueOrThrow({ where: { id: item.id } });
      expect(row.durationMs).toBe(step.seconds * 1000);
      expect(row.selfScore).toBe(step.score / 100);
      expect(row.answer).toEqual({ text: `my answer ${n}`, keyPoints });
    }

    const done = (await getSession(user.id, id))!;
    expect(done.finishedAt?.toISOString()).toBe(at(180).toISOString());
    const report = readInterviewReport(done.report)!;
    expect(report.questions).toBe(3);
    expect(report.answered).toBe(3);
    // (1 + 0.5 + 0) / 3
    expect(report.overall).toBeCloseTo(0.5, 12);
    // Confidence 5/3/1 ↔ 1/0.5/0 matched the self-scores exactly.
    expect(report.calibration.meanAbsError).toBe(0);
    expect(report.time.totalMs).toBe(180_000);
    expect(report.time.slowest).toBe(0);
    expect(report.byTopic).toEqual([{ topic: "handshake", questions: 3, answered: 3, score: 0.5 }]);
    // A finished session takes no more answers.
    expect(await codeOf(answerOpen(user.id, id, done.items[0]!.id, { text: "late", confidence: 3 }, at(200)))).toBe("finished");
  });

  it("should grade a scenario question on the server and take confidence before revealing it", async () => {
    const user = await makeUser();
    const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: true });
    const session = (await getSession(user.id, id))!;
    // One question in four, at least one: 3 → 1 scenario, placed at floor(3/2) = 1.
    expect(session.items.map((i) => i.kind)).toEqual(["open", "scenario", "open"]);
    const item = session.items[1]!;
    expect(item.ref).toBe("handshake-numbers");
    const qaId = scenarioAttemptId(item)!;
    const qa = await db.questionAttempt.findUniqueOrThrow({ where: { id: qaId } });
    expect(qa.userId).toBe(user.id);
    expect(qa.seed).toBe(item.seed);

    const shownAt = await markShown(user.id, id, item.id, new Date(Date.now() - 45_000));
    expect(await codeOf(confirmScenario(user.id, id, item.id, 4, new Date()))).toBe("wrongStep");
    await submitAnswer({ id: user.id, role: "STUDENT" }, qaId, { ack: fakeIsn(qa.seed) + 1, state: "ESTABLISHED" }, "en");
    const mid = (await getSession(user.id, id))!;
    // The first open item is still unanswered, so the session's current step is that one …
    expect((await currentStep(user.id, mid))?.item.position).toBe(0);

    await confirmScenario(user.id, id, item.id, 4, new Date());
    const row = await db.interviewItem.findUniqueOrThrow({ where: { id: item.id } });
    const submitted = (await db.questionAttempt.findUniqueOrThrow({ where: { id: qaId } })).submittedAt!;
    expect(row.autoScore).toBe(1);
    expect(row.confidence).toBe(4);
    expect(row.durationMs).toBe(submitted.getTime() - shownAt.getTime());
    expect(await codeOf(confirmScenario(user.id, id, item.id, 2, new Date()))).toBe("wrongStep");

    await endSession(user.id, id, new Date());
    const report = readInterviewReport((await getSession(user.id, id))!.report)!;
    // Only the scenario was answered: the two open questions are skipped.
    expect(report).toMatchObject({ questions: 3, answered: 1, skipped: 2, overall: 1 });
    // Stated 0.75 against a score of 1.
    expect(report.calibration.meanAbsError).toBeCloseTo(0.25, 12);
    expect(report.calibration.bias).toBeCloseTo(-0.25, 12);
  });

  it("should keep every candidate's sessions to themselves", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const id = await startSession(alice.id, { length: 3, topics: ["backlog", "handshake"], scenarios: false });
    const item = (await getSession(alice.id, id))!.items[0]!;

    expect(await getSession(bob.id, id)).toBeNull();
    expect(await codeOf(markShown(bob.id, id, item.id, T0))).toBe("notFound");
    expect(await codeOf(answerOpen(bob.id, id, item.id, { text: "x", confidence: 3 }, T0))).toBe("notFound");
    expect(await codeOf(endSession(bob.id, id, T0))).toBe("notFound");
    expect(await listSessions(bob.id)).toEqual([]);

    const aliceSessions = await listSessions(alice.id);
    expect(aliceSessions.map((s) => s.id)).toEqual([id]);
    expect(aliceSessions[0]!.topics.sort()).toEqual(["backlog", "handshake"]);
    const untouched = await db.interviewItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(untouched.answeredAt).toBeNull();
    expect(untouched.shownAt).toBeNull();
  });
});

describe(`the strict timer on ${dbKind()} (issue #19 item 8)`, () => {
  beforeAll(() => setInterviewBankForTests(BANK));
  afterAll(() => setInterviewBankForTests(undefined));

  async function shownItem(userId: string, sessionId: string, shownAt: Date) {
    const current = await currentStep(userId, (await getSession(userId, sessionId))!);
    await markShown(userId, sessionId, current!.item.id, shownAt);
    return current!.item;
  }

  it("should keep an answer in time, discard one after the deadline, and end the question at its deadline", async () => {
    const user = await makeUser();
    const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: false, strictSeconds: 60 });
    expect((await getSession(user.id, id))!.strictSeconds).toBe(60);

    // In time: an ordinary answer.
    const first = await shownItem(user.id, id, at(0));
    await answerOpen(user.id, id, first.id, { text: "in time", confidence: 4 }, at(58));
    let row = await db.interviewItem.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.answer).toEqual({ text: "in time" });
    await assessOpen(user.id, id, first.id, { keyPoints: [true, false, false, false].slice(0, BANK.find((q) => q.id === first.ref)!.keyPoints.length), score: 50 }, at(60));

    // Late (after the grace period): the text does not count; the question ended at the deadline.
    const second = await shownItem(user.id, id, at(100));
    await answerOpen(user.id, id, second.id, { text: "too late", confidence: 5 }, at(100 + 60 + 6));
    row = await db.interviewItem.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.answer).toEqual({ text: "", timedOut: true });
    expect(row.answeredAt?.getTime()).toBe(at(160).getTime());
    expect(row.durationMs).toBe(60_000);
    expect((await currentStep(user.id, (await getSession(user.id, id))!))?.phase).toBe("assess");
    await assessOpen(user.id, id, second.id, { keyPoints: BANK.find((q) => q.id === second.ref)!.keyPoints.map(() => false), score: 0 }, at(170));

    // The countdown's submission at zero: refused early, kept within the grace period.
    const third = await shownItem(user.id, id, at(200));
    expect(await codeOf(expireOpen(user.id, id, third.id, "early", at(230)))).toBe("wrongStep");
    await expireOpen(user.id, id, third.id, "typed by the deadline", at(262));
    row = await db.interviewItem.findUniqueOrThrow({ where: { id: third.id } });
    expect(row.answer).toEqual({ text: "typed by the deadline", timedOut: true });
    expect(row.confidence).toBeNull();
    expect(await codeOf(expireOpen(user.id, id, third.id, "again", at(263)))).toBe("wrongStep");
  });

  it("should score 0 a scenario answered after its deadline", async () => {
    await withFakeScenarios(async () => {
      const user = await makeUser();
      const actor = { id: user.id, role: user.role };
      const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: true, strictSeconds: 60 });
      const items = (await getSession(user.id, id))!.items.filter((i) => i.kind === "scenario");
      expect(items.length).toBeGreaterThan(0);
      for (const [n, item] of items.entries()) {
        await markShown(user.id, id, item.id, at(0));
        const qa = await db.questionAttempt.findUniqueOrThrow({ where: { id: scenarioAttemptId(item)! } });
        // Both correct: the first 70 s after it was shown (late), any other one in time.
        await submitAnswer(actor, qa.id, { ack: fakeIsn(qa.seed) + 1, state: "ESTABLISHED" }, "en", at(n === 0 ? 70 : 30));
        await confirmScenario(user.id, id, item.id, 4, at(80));
        const row = await db.interviewItem.findUniqueOrThrow({ where: { id: item.id } });
        expect(row.autoScore).toBe(n === 0 ? 0 : 1);
      }
    });
  });

  it("should end an unanswered scenario at its deadline: refused early, 0 without a confidence, counted in the report", async () => {
    await withFakeScenarios(async () => {
      const { user, actor, id, scenario } = await strictScenarioShownAt0();
      // Not before the deadline and its grace: only the server's clock ends a question.
      expect(await codeOf(expireScenario(user.id, id, scenario.id, at(59)))).toBe("wrongStep");
      expect(await codeOf(expireScenario(user.id, id, scenario.id, at(64)))).toBe("wrongStep");
      await expireScenario(user.id, id, scenario.id, at(70));
      const row = await db.interviewItem.findUniqueOrThrow({ where: { id: scenario.id } });
      expect(row).toMatchObject({ autoScore: 0, confidence: null, durationMs: 60_000 });
      expect(row.answeredAt?.getTime()).toBe(at(60).getTime());
      // The question is over: the session moves on, and neither a confidence nor a second expiry is taken.
      const step = await currentStep(user.id, (await getSession(user.id, id))!);
      expect(step?.item.id).not.toBe(scenario.id);
      const qa = await db.questionAttempt.findUniqueOrThrow({ where: { id: scenarioAttemptId(scenario)! } });
      await submitAnswer(actor, qa.id, { ack: fakeIsn(qa.seed) + 1, state: "ESTABLISHED" }, "en", at(75));
      expect(await codeOf(confirmScenario(user.id, id, scenario.id, 5, at(76)))).toBe("wrongStep");
      expect(await codeOf(expireScenario(user.id, id, scenario.id, at(77)))).toBe("wrongStep");
      // The report counts it as a 0, not as skipped.
      await endSession(user.id, id, at(80));
      const report = readInterviewReport((await getSession(user.id, id))!.report)!;
      expect(report).toMatchObject({ questions: 3, answered: 1, skipped: 2, overall: 0 });
    });
  });

  it("should not end a scenario answered in time, even when its confidence comes after the deadline", async () => {
    await withFakeScenarios(async () => {
      const { user, actor, id, scenario } = await strictScenarioShownAt0();
      const qa = await db.questionAttempt.findUniqueOrThrow({ where: { id: scenarioAttemptId(scenario)! } });
      await submitAnswer(actor, qa.id, { ack: fakeIsn(qa.seed) + 1, state: "ESTABLISHED" }, "en", at(30));
      expect(await codeOf(expireScenario(user.id, id, scenario.id, at(90)))).toBe("wrongStep");
      await confirmScenario(user.id, id, scenario.id, 4, at(95));
      expect(await db.interviewItem.findUniqueOrThrow({ where: { id: scenario.id } })).toMatchObject({ autoScore: 1, confidence: 4 });
    });
  });

  it("should refuse the time-up path in an untimed session", async () => {
    const user = await makeUser();
    const id = await startSession(user.id, { length: 3, topics: ["handshake"], scenarios: false });
    const item = await shownItem(user.id, id, at(0));
    expect(await codeOf(expireOpen(user.id, id, item.id, "x", at(10_000)))).toBe("wrongStep");
    await expect(startSession(user.id, { length: 3, topics: ["handshake"], scenarios: false, strictSeconds: 7 })).rejects.toThrow();
  });
});
