/**
 * Concurrency at the service boundary (issue #14): the same student joining a class 12 times at
 * once gets one membership and no error (a Prisma upsert raced into P2002, and into P1008 on
 * SQLite). Parallel flashcard ratings: tests/integration/flashcards.int.test.ts.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createClass, joinClass } from "@/lib/server/quiz/classes";
import { dbKind, makeUser } from "./helpers";

describe(`races on ${dbKind()}`, () => {
  it("should give one membership and twelve successes for 12 parallel joins by one student", async () => {
    const teacher = await makeUser("INSTRUCTOR");
    const student = await makeUser();
    const cls = await createClass({ id: teacher.id, role: "INSTRUCTOR" }, "Race 101");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => joinClass({ id: student.id, role: "STUDENT" }, cls.joinCode)));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await db.classMember.count({ where: { classId: cls.id, userId: student.id } })).toBe(1);
  });

  it("should let a whole class join at once", async () => {
    const teacher = await makeUser("INSTRUCTOR");
    const students = await Promise.all(Array.from({ length: 12 }, () => makeUser()));
    const cls = await createClass({ id: teacher.id, role: "INSTRUCTOR" }, "Race 102");
    await Promise.all(students.map((s) => joinClass({ id: s.id, role: "STUDENT" }, cls.joinCode)));
    expect(await db.classMember.count({ where: { classId: cls.id } })).toBe(12);
  });
});
