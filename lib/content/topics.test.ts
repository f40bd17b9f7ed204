import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getTopic, lessonRefSchema, MISCONCEPTIONS, splitLessonRef, TOPIC_IDS, TOPICS, topicOfLesson } from "./topics";

describe("topics", () => {
  it("should list the course topics in lesson order (1, 2, 3 …) with unique ids, lessons and both names", () => {
    expect(TOPICS.map((t) => t.order)).toEqual(TOPICS.map((_, i) => i + 1));
    expect(new Set(TOPIC_IDS).size).toBe(TOPICS.length);
    expect(new Set(TOPICS.map((t) => t.lesson)).size).toBe(TOPICS.length);
    for (const t of TOPICS) {
      expect(t.name.en).not.toBe("");
      expect(t.name.zh).not.toBe("");
      expect(topicOfLesson(t.lesson)?.id).toBe(t.id);
      expect(getTopic(t.id)).toBe(t);
    }
  });

  it("should match each lesson file's slug, order and topic (both languages)", () => {
    for (const t of TOPICS) {
      for (const locale of ["en", "zh"]) {
        const file = path.join(process.cwd(), "content", "lessons", locale, `${String(t.order).padStart(2, "0")}-${t.lesson}.md`);
        expect(existsSync(file), file).toBe(true);
        const front = readFileSync(file, "utf8").split("---")[1] ?? "";
        expect(front).toMatch(new RegExp(`^slug: ${t.lesson}\\s*$`, "m"));
        expect(front).toMatch(new RegExp(`^order: ${t.order}\\s*$`, "m"));
        expect(front).toMatch(new RegExp(`^topic: ${t.id}\\s*$`, "m"));
      }
    }
  });

  it("should file every misconception under a topic and state the myth in both languages", () => {
    expect(MISCONCEPTIONS.map((m) => m.id)).toEqual([
      "finwait2-last-ack",
      "ack-plus-one",
      "so-reuseaddr",
      "timewait-not-fin-timeout",
      "three-segment-teardown",
      "accept-not-in-handshake",
    ]);
    for (const m of MISCONCEPTIONS) {
      expect(TOPIC_IDS).toContain(m.topic);
      expect(m.myth.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("lessonRefSchema", () => {
  it("should accept a lesson slug with or without a kebab section id", () => {
    expect(lessonRefSchema.safeParse("time-wait").success).toBe(true);
    expect(lessonRefSchema.safeParse("time-wait#why-2msl").success).toBe(true);
    expect(splitLessonRef("time-wait#why-2msl")).toEqual({ slug: "time-wait", section: "why-2msl" });
    expect(splitLessonRef("socket-api")).toEqual({ slug: "socket-api" });
  });

  it("should reject unknown slugs, empty or malformed sections", () => {
    for (const bad of ["time_wait", "timewait#x", "time-wait#", "time-wait#Why", "#why-2msl", "", "time-wait#a#b"]) {
      expect(lessonRefSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
