import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkTranslations, collectLessons, LessonContentError, lessonSlugs, parseLessonSource } from "./loader";
import { LESSON_SLUGS } from "@/lib/content/topics";

const frontMatter = (fields: Record<string, string>) =>
  `---\n${Object.entries({
    slug: "time-wait",
    order: "4",
    title: '"TIME_WAIT"',
    summary: '"Who enters it and why."',
    topic: "time-wait",
    check: "[time-wait, state-after-events]",
    flashcards: "[time-wait]",
    ...fields,
  })
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n")}\n---\n\n## Who {#who}\n\nBody.\n`;

describe("parseLessonSource", () => {
  it("should parse valid front matter and keep the body", () => {
    const source = parseLessonSource("en", "04-time-wait.md", frontMatter({}));
    expect(source.frontMatter).toEqual({
      slug: "time-wait",
      order: 4,
      title: "TIME_WAIT",
      summary: "Who enters it and why.",
      topic: "time-wait",
      check: ["time-wait", "state-after-events"],
      flashcards: ["time-wait"],
    });
    expect(source.body.trim()).toBe("## Who {#who}\n\nBody.");
    expect(source.file).toBe(path.join("content", "lessons", "en", "04-time-wait.md"));
  });

  it("should name the file and the field for invalid front matter", () => {
    expect(() => parseLessonSource("zh", "04-time-wait.md", frontMatter({ check: "[time-wait, no-such-family]" }))).toThrow(
      /content\/lessons\/zh\/04-time-wait\.md: invalid front matter: check\.1: /,
    );
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ topic: "congestion" }))).toThrow(/topic: /);
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ summary: "" }))).toThrow(/summary: /);
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ check: "[]" }))).toThrow(/check: /);
    expect(() => parseLessonSource("en", "04-time-wait.md", frontMatter({ extra: "1" }))).toThrow(LessonContentError);
  });

  it("should reject a file name that does not match NN-slug of the front matter", () => {
    expect(() => parseLessonSource("en", "05-time-wait.md", frontMatter({}))).toThrow(/must be 04-time-wait\.md/);
    expect(() => parseLessonSource("en", "04-timewait.md", frontMatter({}))).toThrow(/must be 04-time-wait\.md/);
    expect(() => parseLessonSource("en", "time-wait.md", frontMatter({}))).toThrow(/NN-slug\.md/);
  });
});

describe("collectLessons and checkTranslations", () => {
  const handshake = { name: "02-three-way-handshake.md", raw: frontMatter({ slug: "three-way-handshake", order: "2", topic: "handshake" }) };
  const timeWait = { name: "04-time-wait.md", raw: frontMatter({}) };

  it("should order lessons by `order` and ignore files that are not markdown", () => {
    const sources = collectLessons("zh", [timeWait, { name: "README.txt", raw: "notes" }, handshake]);
    expect(sources.map((s) => s.frontMatter.slug)).toEqual(["three-way-handshake", "time-wait"]);
  });

  it("should list slugs in course order when every lesson exists in both languages", () => {
    const en = collectLessons("en", [timeWait, handshake]);
    const zh = collectLessons("zh", [handshake, timeWait]);
    expect(checkTranslations({ en, zh })).toEqual(["three-way-handshake", "time-wait"]);
  });

  it("should fail when a lesson lacks its translation, in either direction", () => {
    const both = collectLessons("en", [timeWait, handshake]);
    const one = collectLessons("zh", [timeWait]);
    expect(() => checkTranslations({ en: both, zh: one })).toThrow(/lessons differ between en and zh: 2:three-way-handshake/);
    expect(() => checkTranslations({ en: one, zh: both })).toThrow(/lessons differ between en and zh: 2:three-way-handshake/);
  });

  it("should fail on two lessons with the same order", () => {
    expect(() => collectLessons("en", [timeWait, { name: "04-other.md", raw: frontMatter({ slug: "other" }) }])).toThrow(/same order or slug/);
  });

  it("should read the real course with every lesson in both languages", () => {
    expect(lessonSlugs()).toEqual(LESSON_SLUGS);
  });
});
