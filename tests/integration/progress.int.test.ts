import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { listProgress, progressUpdateSchema, setLessonComplete } from "@/lib/server/progress";
import { dbKind, makeUser } from "./helpers";

describe(`lesson progress on ${dbKind()}`, () => {
  it("should start empty and list a lesson once it is marked complete", async () => {
    const user = await makeUser();
    expect(await listProgress(user.id)).toEqual([]);
    const progress = await setLessonComplete(user.id, { slug: "time-wait", complete: true });
    expect(progress.map((p) => p.slug)).toEqual(["time-wait"]);
    expect(Number.isNaN(Date.parse(progress[0]!.completedAt))).toBe(false);
  });

  it("should keep the first completion time when a lesson is marked complete twice", async () => {
    const user = await makeUser();
    const [first] = await setLessonComplete(user.id, { slug: "tcp-segments", complete: true });
    const again = await setLessonComplete(user.id, { slug: "tcp-segments", complete: true });
    expect(again).toEqual([first]);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);
  });

  it("should survive concurrent completions of the same lesson with one row", async () => {
    const user = await makeUser();
    await Promise.all([1, 2, 3].map(() => setLessonComplete(user.id, { slug: "socket-api", complete: true })));
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);
  });

  it("should remove a completion, and accept removing one that does not exist", async () => {
    const user = await makeUser();
    await setLessonComplete(user.id, { slug: "listen-backlog", complete: true });
    await setLessonComplete(user.id, { slug: "four-way-teardown", complete: true });
    expect((await setLessonComplete(user.id, { slug: "listen-backlog", complete: false })).map((p) => p.slug)).toEqual(["four-way-teardown"]);
    expect((await setLessonComplete(user.id, { slug: "listen-backlog", complete: false })).map((p) => p.slug)).toEqual(["four-way-teardown"]);
  });

  it("should keep each user's progress separate", async () => {
    const a = await makeUser();
    const b = await makeUser();
    await setLessonComplete(a.id, { slug: "three-way-handshake", complete: true });
    expect(await listProgress(b.id)).toEqual([]);
  });

  it("should accept only known lesson slugs and a boolean", () => {
    expect(progressUpdateSchema.safeParse({ slug: "time-wait", complete: false }).success).toBe(true);
    const bad = [{ slug: "no-such-lesson", complete: true }, { slug: "time-wait", complete: "yes" }, { slug: "time-wait" }, { slug: "time-wait", complete: true, userId: "x" }, []];
    expect(bad.map((b) => progressUpdateSchema.safeParse(b).error?.issues[0]?.message)).toEqual(["unknownLesson", "invalidComplete", "invalidComplete", "invalidProgress", "invalidProgress"]);
  });
});
