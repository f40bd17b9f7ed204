import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { newPracticeVariant, openPracticeVariant, recentPractice } from "@/lib/server/quiz/practice";
import { variantRow } from "@/lib/server/quiz/store";
import { familyVariant } from "@/lib/server/quiz/variants";
import { dbKind, makeUser } from "./helpers";

/**
 * Interview and flashcard scenario questions are stored as question rows too; the practice page
 * must neither show them (reuse) nor delete them (skip), or an interview would lose its question.
 */
describe(`question origins on ${dbKind()}`, () => {
  it("should never reuse, list or delete an interview's or flashcard's question on the practice page", async () => {
    const user = await makeUser();
    const actor = { id: user.id, role: "STUDENT" as const };
    const rows = await Promise.all(
      (["interview", "flashcard"] as const).map((origin, i) =>
        db.questionAttempt.create({ data: { userId: user.id, ...variantRow(familyVariant("handshake-numbers", 1000 + i), origin) }, select: { id: true } }),
      ),
    );
    const scope = { kind: "family", family: "handshake-numbers" } as const;
    const shown = await openPracticeVariant(actor, scope);
    expect(rows.map((r) => r.id)).not.toContain(shown);
    for (const r of rows) await newPracticeVariant(actor, scope, r.id);
    expect(await db.questionAttempt.count({ where: { id: { in: rows.map((r) => r.id) } } })).toBe(2);
    await db.questionAttempt.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { submittedAt: new Date(), score: 1 } });
    expect((await recentPractice(actor)).map((r) => r.id)).toEqual([]);
  });
});
